//! The adapter from a debate map ([`Map`]) to a framework, and the plain-words wording of
//! evaluations and explanations.
//!
//! Claims become arguments `0..n` in map order (so argument `i` is `ClaimIx(i)`), rebuttals
//! become attacks, and supports and undercuts are translated by [`bipolar::flatten`] under the
//! chosen [`SupportMode`].

use std::fmt::Write as _;

use super::bipolar::{
    self, ArgOrigin, BipolarFramework, FlattenError, Flattened, Relation, RelationKind, SupportMode,
};
use super::explain::{Counter, Defence, Explanation, Open, explain};
use super::framework::Arg;
use super::{Label, Semantics, evaluate};
use crate::model::{ClaimIx, Map, RelationKind as MapKind, Target};

/// The map as a bipolar framework: one claim per map claim, one relation per map relation,
/// same indices.
pub fn bipolar_of_map(map: &Map) -> Result<BipolarFramework, FlattenError> {
    let mut relations = Vec::with_capacity(map.relations.len());
    for (i, r) in map.relations.iter().enumerate() {
        let (kind, target) = match (r.kind, r.target) {
            (MapKind::Rebuts, Target::Claim(c)) => (RelationKind::Attack, c.0),
            (MapKind::Supports, Target::Claim(c)) => (RelationKind::Support, c.0),
            (MapKind::Undercuts, Target::Relation(x)) => (RelationKind::Undercut, x.0),
            (MapKind::Undercuts, _) => return Err(FlattenError::BadUndercut { relation: i }),
            _ => return Err(FlattenError::BadClaim { relation: i }),
        };
        relations.push(Relation {
            from: r.from.0,
            kind,
            target,
        });
    }
    Ok(BipolarFramework {
        n_claims: map.claims.len(),
        relations,
    })
}

/// The map's framework under a support mode.
pub fn from_map(map: &Map, mode: SupportMode) -> Result<Flattened, FlattenError> {
    bipolar::flatten(&bipolar_of_map(map)?, mode)
}

/// The status of every claim of a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapEvaluation {
    /// The semantics.
    pub semantics: Semantics,
    /// The support mode.
    pub support: SupportMode,
    /// Per claim (index = `ClaimIx`): IN, OUT or UNDEC as in [`evaluate`].
    pub labels: Vec<Label>,
    /// Per claim: whether some extension contains it.
    pub credulous: Vec<bool>,
    /// Whether the semantics has an extension (false only for stable).
    pub has_extension: bool,
    /// Per claim: whether it was switched off ([`evaluate_map_without`]), evaluated as if it had
    /// never been said. A claim switched off has no status: its entry in `labels` is UNDEC and in
    /// `credulous` false, placeholders only; [`MapEvaluation::status`] says `None`.
    pub off: Vec<bool>,
}

impl MapEvaluation {
    /// The status of a claim: `None` for a claim switched off (or out of range).
    pub fn status(&self, claim: ClaimIx) -> Option<Label> {
        let i = claim.index();
        match self.off.get(i) {
            Some(false) => self.labels.get(i).copied(),
            _ => None,
        }
    }
}

/// Evaluates every claim of a map.
pub fn evaluate_map(
    map: &Map,
    sem: Semantics,
    mode: SupportMode,
) -> Result<MapEvaluation, FlattenError> {
    evaluate_map_without(map, sem, mode, &[])
}

/// Evaluates the map as if the claims `without` had never been said: they are left out, with
/// every relation from or to them, and every undercut of a relation left out (recursively).
///
/// The claims keep their indices; the claims switched off are marked in
/// [`MapEvaluation::off`]. The result for the other claims is that of the map with those claims
/// and relations deleted from its files (a test checks it, through the loader): the claims
/// switched off stay in the framework as arguments with no relation at all, which are in every
/// extension and change nothing else.
pub fn evaluate_map_without(
    map: &Map,
    sem: Semantics,
    mode: SupportMode,
    without: &[ClaimIx],
) -> Result<MapEvaluation, FlattenError> {
    let n = map.claims.len();
    let mut off = vec![false; n];
    for c in without {
        if let Some(slot) = off.get_mut(c.index()) {
            *slot = true;
        }
    }
    let mut bf = bipolar_of_map(map)?;
    if without.iter().any(|c| c.index() < n) {
        bf = switched_off(&bf, &off);
    }
    let flat = bipolar::flatten(&bf, mode)?;
    let ev = evaluate(&flat.af, sem);
    let mut labels = ev.labels[..n].to_vec();
    let mut credulous = ev.credulous[..n].to_vec();
    for (i, &o) in off.iter().enumerate() {
        if o {
            labels[i] = Label::Undec;
            credulous[i] = false;
        }
    }
    Ok(MapEvaluation {
        semantics: sem,
        support: mode,
        labels,
        credulous,
        has_extension: ev.has_extension,
        off,
    })
}

/// `bf` without the relations that involve a claim switched off (`off[c]`): every attack or
/// support from or to such a claim, every undercut made by one, and every undercut of a relation
/// left out, recursively. The claims keep their indices (those switched off are left with no
/// relation); the relations kept keep their order, and undercuts are renumbered to match.
/// A claim index outside `off` counts as not switched off.
pub fn switched_off(bf: &BipolarFramework, off: &[bool]) -> BipolarFramework {
    let is_off = |c: u32| off.get(c as usize).copied().unwrap_or(false);
    let rels = &bf.relations;
    // kept[i]: None = not yet known. Undercut chains may point forwards, so resolve each chain
    // iteratively (a chain of undercuts cannot loop in a valid framework; a loop, or a target out
    // of range, is left out).
    let mut kept: Vec<Option<bool>> = vec![None; rels.len()];
    for start in 0..rels.len() {
        let mut chain: Vec<usize> = Vec::new();
        let mut i = start;
        let verdict = loop {
            if let Some(k) = kept[i] {
                break k;
            }
            let r = rels[i];
            if is_off(r.from) {
                break false;
            }
            match r.kind {
                RelationKind::Attack | RelationKind::Support => break !is_off(r.target),
                RelationKind::Undercut => {
                    let t = r.target as usize;
                    if t >= rels.len() || chain.contains(&t) || t == i {
                        break false;
                    }
                    chain.push(i);
                    i = t;
                }
            }
        };
        kept[i] = Some(verdict);
        for c in chain {
            kept[c] = Some(verdict);
        }
    }
    let mut new_index: Vec<u32> = vec![u32::MAX; rels.len()];
    let mut next = 0u32;
    for (i, k) in kept.iter().enumerate() {
        if *k == Some(true) {
            new_index[i] = next;
            next += 1;
        }
    }
    let relations = rels
        .iter()
        .zip(&kept)
        .filter(|(_, k)| **k == Some(true))
        .map(|(r, _)| match r.kind {
            RelationKind::Undercut => Relation {
                target: new_index[r.target as usize],
                ..*r
            },
            _ => *r,
        })
        .collect();
    BipolarFramework {
        n_claims: bf.n_claims,
        relations,
    }
}

/// A short phrase for a status: `accepted`, `rejected`, `undecided`.
pub fn status_word(label: Label) -> &'static str {
    match label {
        Label::In => "accepted",
        Label::Out => "rejected",
        Label::Undec => "undecided",
    }
}

/// Words for the arguments of a flattened map.
struct Namer<'a> {
    map: &'a Map,
    flat: &'a Flattened,
    mode: SupportMode,
}

impl Namer<'_> {
    fn claim_id(&self, c: u32) -> String {
        self.map
            .claims
            .get_index(c as usize)
            .map_or_else(|| format!("#{c}"), |(id, _)| format!("`{id}`"))
    }

    /// A claim's id, or a description of an auxiliary argument.
    fn name(&self, a: Arg) -> String {
        match self.flat.origin.get(a as usize) {
            Some(ArgOrigin::Claim(c)) => self.claim_id(*c),
            Some(ArgOrigin::Attack { from, to, .. }) => {
                format!(
                    "the {} of {} by {}",
                    self.attack_noun(*from, *to),
                    self.claim_id(*to),
                    self.claim_id(*from)
                )
            }
            Some(ArgOrigin::Undercut { relation }) => match self.map.relations.get(*relation) {
                Some(r) => format!("the undercut by {}", self.claim_id(r.from.0)),
                None => format!("undercut #{relation}"),
            },
            None => format!("#{a}"),
        }
    }

    fn is_claim(&self, a: Arg) -> bool {
        matches!(self.flat.origin.get(a as usize), Some(ArgOrigin::Claim(_)))
    }

    /// `rebuttal` when the map states one, else `indirect attack` (derived through supports).
    fn attack_noun(&self, from: u32, to: u32) -> &'static str {
        let direct = self.map.relations.iter().any(|r| {
            r.kind == MapKind::Rebuts
                && r.from == ClaimIx(from)
                && r.target == Target::Claim(ClaimIx(to))
        });
        if direct {
            "rebuttal"
        } else {
            "indirect attack"
        }
    }

    /// "`a` rebuts `b`", "`a` attacks `b` through supports", "`a` undercuts the rebuttal ...".
    fn attacks(&self, a: Arg, b: Arg) -> String {
        let (na, nb) = (self.name(a), self.name(b));
        match (
            self.flat.origin.get(a as usize),
            self.flat.origin.get(b as usize),
        ) {
            (Some(ArgOrigin::Claim(x)), Some(ArgOrigin::Claim(y))) => {
                if self.attack_noun(*x, *y) == "rebuttal" {
                    format!("{na} rebuts {nb}")
                } else {
                    format!(
                        "{na} attacks {nb} indirectly, through supports ({} support)",
                        self.mode
                    )
                }
            }
            (Some(ArgOrigin::Attack { .. }), _) => format!("{na} holds against {nb}"),
            (
                Some(ArgOrigin::Claim(x)),
                Some(ArgOrigin::Attack { .. } | ArgOrigin::Undercut { .. }),
            ) if !self.is_undercutter(*x, b) => {
                format!("{na} defeats the author of {nb}")
            }
            (_, Some(ArgOrigin::Attack { .. } | ArgOrigin::Undercut { .. })) => {
                format!("{na} undercuts {nb}")
            }
            _ => format!("{na} attacks {nb}"),
        }
    }

    /// Whether claim `c` undercuts some relation the auxiliary argument `b` relies on.
    fn is_undercutter(&self, c: u32, b: Arg) -> bool {
        let relies: Vec<usize> = match self.flat.origin.get(b as usize) {
            Some(ArgOrigin::Attack { relies_on, .. }) => relies_on.clone(),
            Some(ArgOrigin::Undercut { relation }) => vec![*relation],
            _ => Vec::new(),
        };
        self.map.relations.iter().any(|r| {
            r.kind == MapKind::Undercuts
                && r.from == ClaimIx(c)
                && matches!(r.target, Target::Relation(t) if relies.contains(&t.index()))
        })
    }

    fn status(&self, a: Arg, label: Label) -> String {
        let word = if self.is_claim(a) {
            status_word(label)
        } else {
            match label {
                Label::In => "in force",
                Label::Out => "void",
                Label::Undec => "undecided",
            }
        };
        format!("{} is {word}", self.name(a))
    }

    fn set(&self, set: &[Arg]) -> String {
        let claims: Vec<String> = set
            .iter()
            .filter(|&&a| self.is_claim(a))
            .map(|&a| self.name(a))
            .collect();
        const SHOWN: usize = 8;
        match claims.len() {
            0 => "no claim at all".to_string(),
            k if k <= SHOWN => claims.join(", "),
            k => format!("{} and {} more", claims[..SHOWN].join(", "), k - SHOWN),
        }
    }

    fn open(&self, open: &Open, out: &mut String) {
        let cycle: Vec<String> = open.cycle.iter().map(|&a| self.name(a)).collect();
        let parity = if open.cycle.len() == 1 {
            "it attacks itself, so accepting it would contradict itself"
        } else if open.is_odd() {
            "an odd cycle: accepting any of them leads round the cycle to rejecting it, so no choice settles it"
        } else {
            "an even cycle: either side can be taken, and nothing outside the cycle settles which"
        };
        let _ = writeln!(
            out,
            "- The cycle {} → {}: {parity}.",
            cycle.join(" → "),
            cycle.first().cloned().unwrap_or_default()
        );
        if open.chain.len() > 1 {
            let chain: Vec<String> = open.chain.iter().map(|&a| self.name(a)).collect();
            let _ = writeln!(
                out,
                "- The cycle reaches it through the attacks {}.",
                chain.join(" → ")
            );
        }
    }

    fn defence(&self, d: &Defence, out: &mut String) {
        let claims = d.set.iter().filter(|&&a| self.is_claim(a)).count();
        if claims == 1 && d.answers.is_empty() {
            let _ = writeln!(out, "- {}: nothing attacks it.", self.set(&d.set));
        } else if claims == 1 {
            let _ = writeln!(
                out,
                "- {} answers every attack on it by itself:",
                self.set(&d.set)
            );
        } else {
            let _ = writeln!(
                out,
                "- Together, {} form a consistent position that answers every attack on it:",
                self.set(&d.set)
            );
        }
        for &(b, by) in &d.answers {
            let _ = writeln!(
                out,
                "  {} is answered: {}.",
                self.name(b),
                self.attacks(by, b)
            );
        }
    }

    fn counter(&self, c: &Counter, sem: Semantics, arg: Arg, out: &mut String) {
        let _ = writeln!(
            out,
            "- In the {sem} extension {{{}}}, it is not accepted:",
            self.set(&c.extension)
        );
        if let Some((d, defence)) = &c.defeated_by {
            let _ = writeln!(out, "  there {}.", self.attacks(*d, arg));
            let _ = writeln!(out, "  {} is defended within that position:", self.name(*d));
            let mut inner = String::new();
            self.defence(defence, &mut inner);
            for line in inner.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        if let Some(open) = &c.open {
            let _ = writeln!(out, "  there it stays undecided:");
            let mut inner = String::new();
            self.open(open, &mut inner);
            for line in inner.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
}

/// Explains in plain words why `claim` has its status.
pub fn explain_claim(
    map: &Map,
    claim: ClaimIx,
    sem: Semantics,
    mode: SupportMode,
) -> Result<String, FlattenError> {
    let flat = from_map(map, mode)?;
    let a = claim.0;
    let ex = explain(&flat.af, sem, a).map_err(|_| FlattenError::BadClaim { relation: 0 })?;
    let namer = Namer {
        map,
        flat: &flat,
        mode,
    };
    Ok(words(&namer, &ex))
}

fn words(namer: &Namer<'_>, ex: &Explanation) -> String {
    let mut out = String::new();
    let a = ex.arg;
    let name = namer.name(a);
    let sem = ex.semantics;
    let support = if namer.mode == SupportMode::None {
        "supports ignored".to_string()
    } else {
        format!("{} support", namer.mode)
    };
    let verdict = match (sem.is_unique(), ex.status, ex.credulous) {
        (_, _, _) if !ex.has_extension => {
            format!("{sem} semantics has no extension here, so it says nothing about {name}")
        }
        (true, l, _) => format!("{name} is {} ({l})", status_word(l).to_uppercase()),
        (false, Label::In, _) => format!("{name} is ACCEPTED in every {sem} extension (IN)"),
        (false, Label::Out, _) => format!("{name} is REJECTED in every {sem} extension (OUT)"),
        (false, Label::Undec, true) => {
            format!(
                "{name} is accepted in some {sem} extensions but not in all (UNDEC: credulously accepted)"
            )
        }
        (false, Label::Undec, false) => {
            format!(
                "{name} is accepted in no {sem} extension, but not rejected in all of them (UNDEC)"
            )
        }
    };
    let _ = writeln!(out, "Under {sem} semantics ({support}), {verdict}.");
    if let Some((_, c)) = namer.map.claims.get_index(a as usize) {
        let _ = writeln!(out, "  \"{}\"", c.text);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Why:");
    if !ex.justification.is_empty() {
        for step in &ex.justification {
            let line = match step.label {
                Label::In if step.because.is_empty() => {
                    format!("{}: nothing attacks it.", namer.status(step.arg, Label::In))
                }
                Label::In => {
                    let attackers: Vec<String> =
                        step.because.iter().map(|&b| namer.name(b)).collect();
                    format!(
                        "{} because everything that attacks it is defeated: {}.",
                        namer.status(step.arg, Label::In),
                        attackers.join(", ")
                    )
                }
                _ => match step.because.first() {
                    Some(&d) => format!(
                        "{} because {}, and {} is {}.",
                        namer.status(step.arg, step.label),
                        namer.attacks(d, step.arg),
                        namer.name(d),
                        if namer.is_claim(d) {
                            "accepted"
                        } else {
                            "in force"
                        }
                    ),
                    None => namer.status(step.arg, step.label),
                },
            };
            let _ = writeln!(out, "- {line}");
        }
    }
    if let Some(open) = &ex.open {
        let _ = writeln!(
            out,
            "- It is caught in a cycle of attacks that grounded semantics cannot break."
        );
        namer.open(open, &mut out);
    }
    if let Some(d) = &ex.defence {
        namer.defence(d, &mut out);
    }
    if !ex.has_extension {
        let _ = writeln!(
            out,
            "- No set of claims is consistent and rejects every claim outside it: some cycle of an odd \
             number of attacks cannot be settled either way (try grounded or preferred semantics)."
        );
    }
    if !sem.is_unique() && ex.has_extension && ex.defence.is_none() {
        // Stage extensions are conflict-free sets of maximal reach: they need not answer the
        // attacks on their members, so "no defence" says something else there.
        let line = match (sem, ex.credulous) {
            (Semantics::Stage, true) => {
                "- The stage extensions that include it do not answer every attack on it: stage \
                 semantics asks for the widest reach, not for a defence."
            }
            (Semantics::Stage, false) => {
                "- No conflict-free position of the widest reach (a stage extension) includes it."
            }
            _ => "- No consistent position that answers every attack on it can include it.",
        };
        let _ = writeln!(out, "{line}");
    }
    if let Some(c) = &ex.counter {
        namer.counter(c, sem, a, &mut out);
    }
    out
}

/// An exercise of the map whose expected status is not the computed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedExpectation {
    /// The index of the expectation in [`Map::expectations`].
    pub index: usize,
    /// The status the map expects.
    pub expected: Label,
    /// The status computed.
    pub actual: Label,
}

/// Checks every expectation (exercise) of the map; returns those that fail, in map order.
/// Each (semantics, support mode) pair is evaluated once.
pub fn failed_expectations(map: &Map) -> Result<Vec<FailedExpectation>, FlattenError> {
    let actual = expectation_statuses(map)?;
    Ok(map
        .expectations
        .iter()
        .zip(actual)
        .enumerate()
        .filter_map(|(index, (e, actual))| {
            let expected = expected_label(e.status);
            (actual != expected).then_some(FailedExpectation {
                index,
                expected,
                actual,
            })
        })
        .collect())
}

/// The status an expectation expects, as a [`Label`].
pub fn expected_label(status: crate::model::ExpectedStatus) -> Label {
    use crate::model::ExpectedStatus;
    match status {
        ExpectedStatus::In => Label::In,
        ExpectedStatus::Out => Label::Out,
        ExpectedStatus::Undec => Label::Undec,
    }
}

/// The semantics and support mode an expectation is about.
pub fn expectation_setting(e: &crate::model::Expectation) -> (Semantics, SupportMode) {
    use crate::model::{ExpectedSemantics, ExpectedSupport};
    let sem = match e.semantics {
        ExpectedSemantics::Grounded => Semantics::Grounded,
        ExpectedSemantics::Complete => Semantics::Complete,
        ExpectedSemantics::Preferred => Semantics::Preferred,
        ExpectedSemantics::Stable => Semantics::Stable,
    };
    let mode = match e.support {
        ExpectedSupport::None => SupportMode::None,
        ExpectedSupport::Deductive => SupportMode::Deductive,
        ExpectedSupport::Necessary => SupportMode::Necessary,
    };
    (sem, mode)
}

/// The status the map gives each expectation's claim under the expectation's semantics and
/// support mode, in map order. Each (semantics, support mode) pair is evaluated once.
pub fn expectation_statuses(map: &Map) -> Result<Vec<Label>, FlattenError> {
    let mut cache: Vec<((Semantics, SupportMode), MapEvaluation)> = Vec::new();
    let mut statuses = Vec::with_capacity(map.expectations.len());
    for e in &map.expectations {
        let setting = expectation_setting(e);
        let pos = match cache.iter().position(|(k, _)| *k == setting) {
            Some(p) => p,
            None => {
                cache.push((setting, evaluate_map(map, setting.0, setting.1)?));
                cache.len() - 1
            }
        };
        statuses.push(
            cache[pos]
                .1
                .labels
                .get(e.claim.index())
                .copied()
                .unwrap_or(Label::Undec),
        );
    }
    Ok(statuses)
}
