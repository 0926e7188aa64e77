//! Bipolar frameworks (attacks and supports) with undercuts (attacks on relations), flattened to
//! a Dung framework.
//!
//! # Supports
//!
//! A [`SupportMode`] says what a support means for acceptance (Cayrol & Lagasquie-Schiex,
//! *Bipolarity in argumentation graphs: towards a better understanding*, IJAR 54(7), 2013).
//! Write `a ⇒⁺ b` when a sequence of one or more supports leads from `a` to `b` (the transitive,
//! not reflexive, closure of support); a direct attack is always kept.
//!
//! - [`SupportMode::None`]: supports are ignored.
//! - [`SupportMode::Deductive`] (Boella, Gabbay, van der Torre & Villata, *Support in abstract
//!   argumentation*, COMMA 2010): accepting `a` commits you to what `a` supports.
//!   *Supported attack*: `a ⇒⁺ x`, `x` attacks `c` ⟹ `a` attacks `c`.
//!   *Mediated attack*: `a ⇒⁺ x`, `c` attacks `x` ⟹ `c` attacks `a`.
//! - [`SupportMode::Necessary`] (Nouioua & Risch, *Bipolar argumentation frameworks with
//!   specialized supports*, ICTAI 2010; *Argumentation frameworks with necessities*, SUM 2011):
//!   what is supported cannot be accepted without its supporter.
//!   *Secondary attack*: `c` attacks `x`, `x ⇒⁺ b` ⟹ `c` attacks `b`.
//!   *Extended attack*: `x ⇒⁺ a`, `x` attacks `c` ⟹ `a` attacks `c`.
//!
//! Both rules of a mode are applied until nothing changes, so they combine: under deductive
//! support `d ⇒⁺ y`, `y` attacks `x`, `a ⇒⁺ x` gives `d` attacks `a` (the *super-mediated*
//! attack of Cayrol & Lagasquie-Schiex 2013). Concretely, under deductive support every direct
//! attack `y → x` yields the attacks `c → t` for every `c ∈ {y} ∪ {c | c ⇒⁺ y}` and
//! `t ∈ {x} ∪ {t | t ⇒⁺ x}`; under necessary support, `c ∈ {y} ∪ {c | y ⇒⁺ c}` and
//! `t ∈ {x} ∪ {t | x ⇒⁺ t}`. (Necessary support from `a` to `b` is deductive support from `b`
//! to `a`, and the two modes are dual: Cayrol & Lagasquie-Schiex 2013, section 5.)
//!
//! # Undercuts: attacks on relations
//!
//! An undercut attacks the link of a relation (a rebuttal, a support, or another undercut)
//! rather than a claim, as in Modgil's extended frameworks (*Reasoning about preferences in
//! argumentation frameworks*, AIJ 173, 2009) and AFRA (Baroni, Cerutti, Giacomin & Guida,
//! *AFRA: Argumentation framework with recursive attacks*, IJAR 52(1), 2011). It is flattened to
//! a Dung framework the AFRA way:
//!
//! - an attack whose link can be undercut (a rebuttal that is undercut, or an attack derived
//!   through a support that is undercut) becomes an auxiliary argument `α` (an
//!   [`ArgOrigin::Attack`]) that attacks the target claim instead of the source claim;
//! - `α` is attacked by every undercutter of every relation it relies on, and, since an attack
//!   from a defeated claim is void (AFRA's indirect defeat: an attack on `src(α)` defeats `α`),
//!   by every attacker of its source claim;
//! - an undercut that is itself undercut becomes an auxiliary argument too
//!   ([`ArgOrigin::Undercut`]), treated the same way; an undercut that is not undercut is
//!   represented by its source claim.
//!
//! In any complete labelling `α` is then IN exactly when its source is IN and every undercutter
//! is OUT, and OUT exactly when its source is OUT or some undercutter is IN: the attack "holds"
//! when its source is accepted and no undercut succeeds. Supports themselves never become
//! arguments: an undercut on a support makes every attack derived through that support
//! conditional. Under [`SupportMode::None`] an undercut on a support has no effect.
//!
//! Attacks derived through supports are computed on claims only: supports do not propagate
//! undercuts.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use super::framework::{Arg, ArgumentFramework};

/// A claim: a dense index in `0..n_claims`.
pub type Claim = u32;

/// The kind of a relation of a [`BipolarFramework`]. Serialised in lower case (`"attack"`,
/// `"support"`, `"undercut"`), as the HTML explorer's framework embeds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// `from` attacks (rebuts) the claim `target`.
    Attack,
    /// `from` supports the claim `target`.
    Support,
    /// `from` undercuts the relation with index `target`.
    Undercut,
}

/// One relation: from a claim to a claim (attack, support) or to a relation (undercut).
/// Serialised as `{"from": 0, "kind": "attack", "target": 3}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Relation {
    /// The claim that makes the relation.
    pub from: Claim,
    /// Attack, support or undercut.
    pub kind: RelationKind,
    /// A claim for attacks and supports; an index into [`BipolarFramework::relations`] for
    /// undercuts.
    pub target: u32,
}

/// Claims with attacks, supports and undercuts, the input of [`flatten`].
///
/// The relation indices are those of `relations`, so an adapter can keep a map's relation
/// order and use the same indices for undercut targets.
///
/// Serialised as `{"n_claims": N, "relations": [...]}`: the framework that
/// `assets/explorer/semantics.js` evaluates in the HTML explorer.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BipolarFramework {
    /// The number of claims (they are `0..n_claims`).
    pub n_claims: usize,
    /// The relations; undercuts refer to others by index.
    pub relations: Vec<Relation>,
}

/// How supports count for acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SupportMode {
    /// Supports are ignored.
    #[default]
    None,
    /// Deductive support: supported and mediated attacks.
    Deductive,
    /// Necessary support: secondary and extended attacks.
    Necessary,
}

impl SupportMode {
    /// `none`, `deductive` or `necessary`.
    pub fn name(self) -> &'static str {
        match self {
            SupportMode::None => "none",
            SupportMode::Deductive => "deductive",
            SupportMode::Necessary => "necessary",
        }
    }
}

impl fmt::Display for SupportMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SupportMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Ok(SupportMode::None),
            "deductive" => Ok(SupportMode::Deductive),
            "necessary" => Ok(SupportMode::Necessary),
            _ => Err(format!(
                "unknown support mode `{s}` (expected none, deductive or necessary)"
            )),
        }
    }
}

/// What an argument of a flattened framework stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArgOrigin {
    /// A claim (the arguments `0..n_claims`).
    Claim(Claim),
    /// An auxiliary argument: the attack `from → to` holds. It relies on the relations in
    /// `relies_on` (the undercut ones among the rebuttal and the supports it was derived
    /// through), and was derived from the direct attack `base`.
    Attack {
        /// The attacking claim.
        from: Claim,
        /// The attacked claim.
        to: Claim,
        /// The index of the direct attack (rebuttal) it comes from.
        base: usize,
        /// Indices of the undercut relations it relies on, in increasing order.
        relies_on: Vec<usize>,
    },
    /// An auxiliary argument: the undercut with this relation index holds (it is itself
    /// undercut).
    Undercut {
        /// The index of the undercut relation.
        relation: usize,
    },
}

/// A Dung framework obtained from a [`BipolarFramework`], with the meaning of every argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flattened {
    /// The framework: arguments `0..n_claims` are the claims, the rest are auxiliary.
    pub af: ArgumentFramework,
    /// `origin[i]` says what argument `i` stands for.
    pub origin: Vec<ArgOrigin>,
    /// The number of claims.
    pub n_claims: usize,
}

/// Why a bipolar framework cannot be flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlattenError {
    /// A relation names a claim `>= n_claims`.
    BadClaim {
        /// The relation's index.
        relation: usize,
    },
    /// An undercut names a relation that does not exist, or itself.
    BadUndercut {
        /// The undercut's index.
        relation: usize,
    },
    /// The attacks are too many (more than [`MAX_DERIVED`], written or derived through
    /// supports and undercuts).
    TooLarge,
}

impl fmt::Display for FlattenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlattenError::BadClaim { relation } => {
                write!(f, "relation {relation} names a claim that does not exist")
            }
            FlattenError::BadUndercut { relation } => {
                write!(
                    f,
                    "undercut {relation} targets a relation that does not exist, or itself"
                )
            }
            FlattenError::TooLarge => write!(
                f,
                "too many attacks, written or derived through supports (over {MAX_DERIVED})"
            ),
        }
    }
}

impl std::error::Error for FlattenError {}

/// The most attacks (written or derived, and support-path states) [`flatten`] will produce.
pub const MAX_DERIVED: usize = 5_000_000;

/// A set of undercut relations an attack relies on.
type Cond = BTreeSet<usize>;

/// Everything reachable from `start` along `adj`, each with the minimal sets of conditions of
/// the paths that reach it (an antichain). `start` itself is reached with the empty set.
fn reach(
    start: Claim,
    adj: &[Vec<(Claim, Option<usize>)>],
    budget: &mut usize,
) -> Result<BTreeMap<Claim, Vec<Cond>>, FlattenError> {
    let mut found: BTreeMap<Claim, Vec<Cond>> = BTreeMap::new();
    found.insert(start, vec![Cond::new()]);
    let mut work: Vec<(Claim, Cond)> = vec![(start, Cond::new())];
    while let Some((v, cond)) = work.pop() {
        for &(w, c) in &adj[v as usize] {
            let mut next = cond.clone();
            if let Some(c) = c {
                next.insert(c);
            }
            let entry = found.entry(w).or_default();
            if entry.iter().any(|old| old.is_subset(&next)) {
                continue;
            }
            entry.retain(|old| !next.is_subset(old));
            entry.push(next.clone());
            *budget = budget.checked_sub(1).ok_or(FlattenError::TooLarge)?;
            work.push((w, next));
        }
    }
    Ok(found)
}

/// Flattens `bf` to a Dung framework under the support mode (see the module documentation).
pub fn flatten(bf: &BipolarFramework, mode: SupportMode) -> Result<Flattened, FlattenError> {
    let n = bf.n_claims;
    let rels = &bf.relations;
    for (i, r) in rels.iter().enumerate() {
        if r.from as usize >= n {
            return Err(FlattenError::BadClaim { relation: i });
        }
        match r.kind {
            RelationKind::Attack | RelationKind::Support if r.target as usize >= n => {
                return Err(FlattenError::BadClaim { relation: i });
            }
            RelationKind::Undercut if r.target as usize >= rels.len() || r.target as usize == i => {
                return Err(FlattenError::BadUndercut { relation: i });
            }
            _ => {}
        }
    }
    if n > Arg::MAX as usize / 2 {
        return Err(FlattenError::TooLarge);
    }
    let supports_count =
        mode != SupportMode::None && rels.iter().any(|r| r.kind == RelationKind::Support);
    if !supports_count && rels.iter().all(|r| r.kind != RelationKind::Undercut) {
        return plain_attacks(bf);
    }
    flatten_general(bf, mode)
}

/// [`flatten`] when supports do not count and nothing is undercut: the framework is the claims
/// with the attacks as written (duplicates merged), what [`flatten_general`] gives then, without
/// its bookkeeping of conditions (on a map of a million claims, hundreds of megabytes).
fn plain_attacks(bf: &BipolarFramework) -> Result<Flattened, FlattenError> {
    let n = bf.n_claims;
    let mut edges: Vec<(Arg, Arg)> = bf
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Attack)
        .map(|r| (r.from, r.target))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    // The general construction counts each attack against the same budget.
    if edges.len() > MAX_DERIVED {
        return Err(FlattenError::TooLarge);
    }
    let af = ArgumentFramework::new(n, &edges).map_err(|_| FlattenError::TooLarge)?;
    Ok(Flattened {
        af,
        origin: (0..n as Claim).map(ArgOrigin::Claim).collect(),
        n_claims: n,
    })
}

/// [`flatten`] of a checked framework, in general: derived attacks with the undercuts they rely
/// on.
fn flatten_general(bf: &BipolarFramework, mode: SupportMode) -> Result<Flattened, FlattenError> {
    let n = bf.n_claims;
    let rels = &bf.relations;
    // The undercuts of each relation.
    let mut undercuts_of: Vec<Vec<usize>> = vec![Vec::new(); rels.len()];
    for (i, r) in rels.iter().enumerate() {
        if r.kind == RelationKind::Undercut {
            undercuts_of[r.target as usize].push(i);
        }
    }
    let defeasible = |i: usize| !undercuts_of[i].is_empty();
    // The support graph, oriented so that `reach` from an attack's ends finds the claims the
    // derived attacks go from and to: backwards for deductive, forwards for necessary support.
    let mut adj: Vec<Vec<(Claim, Option<usize>)>> = vec![Vec::new(); n];
    for (i, r) in rels.iter().enumerate() {
        if r.kind != RelationKind::Support {
            continue;
        }
        let cond = defeasible(i).then_some(i);
        match mode {
            SupportMode::None => {}
            SupportMode::Deductive => adj[r.target as usize].push((r.from, cond)),
            SupportMode::Necessary => adj[r.from as usize].push((r.target, cond)),
        }
    }
    let mut budget = MAX_DERIVED;
    let mut reach_cache: BTreeMap<Claim, BTreeMap<Claim, Vec<Cond>>> = BTreeMap::new();
    // (from, to) -> minimal condition sets, each with the base attack it came from.
    let mut derived: BTreeMap<(Claim, Claim), Vec<(Cond, usize)>> = BTreeMap::new();
    for (i, r) in rels.iter().enumerate() {
        if r.kind != RelationKind::Attack {
            continue;
        }
        for end in [r.from, r.target] {
            if let std::collections::btree_map::Entry::Vacant(slot) = reach_cache.entry(end) {
                slot.insert(reach(end, &adj, &mut budget)?);
            }
        }
        let (Some(sources), Some(targets)) = (reach_cache.get(&r.from), reach_cache.get(&r.target))
        else {
            continue;
        };
        for (&c, c_conds) in sources {
            for (&t, t_conds) in targets {
                for cc in c_conds {
                    for tc in t_conds {
                        let mut cond: Cond = cc.union(tc).copied().collect();
                        if defeasible(i) {
                            cond.insert(i);
                        }
                        let entry = derived.entry((c, t)).or_default();
                        if entry.iter().any(|(old, _)| old.is_subset(&cond)) {
                            continue;
                        }
                        entry.retain(|(old, _)| !cond.is_subset(old));
                        entry.push((cond, i));
                        budget = budget.checked_sub(1).ok_or(FlattenError::TooLarge)?;
                    }
                }
            }
        }
    }
    // Build the arguments: claims, then one per conditional attack, then one per undercut that
    // is undercut.
    let mut origin: Vec<ArgOrigin> = (0..n as Claim).map(ArgOrigin::Claim).collect();
    let mut edges: Vec<(Arg, Arg)> = Vec::new();
    // For each relation, the auxiliary arguments that hold only if it holds.
    let mut depends: Vec<Vec<Arg>> = vec![Vec::new(); rels.len()];
    // Auxiliary arguments with their source claims.
    let mut aux_sources: Vec<(Arg, Claim)> = Vec::new();
    for (&(c, t), conds) in &derived {
        for (cond, base) in conds {
            if cond.is_empty() {
                edges.push((c, t));
                continue;
            }
            let aux = origin.len() as Arg;
            origin.push(ArgOrigin::Attack {
                from: c,
                to: t,
                base: *base,
                relies_on: cond.iter().copied().collect(),
            });
            edges.push((aux, t));
            for &rel in cond {
                depends[rel].push(aux);
            }
            aux_sources.push((aux, c));
        }
    }
    // The argument that carries each undercut.
    let mut carrier: Vec<Arg> = vec![0; rels.len()];
    for (i, r) in rels.iter().enumerate() {
        if r.kind != RelationKind::Undercut {
            continue;
        }
        if defeasible(i) {
            let aux = origin.len() as Arg;
            origin.push(ArgOrigin::Undercut { relation: i });
            depends[i].push(aux);
            aux_sources.push((aux, r.from));
            carrier[i] = aux;
        } else {
            carrier[i] = r.from;
        }
    }
    for (i, r) in rels.iter().enumerate() {
        if r.kind == RelationKind::Undercut {
            for &aux in &depends[r.target as usize] {
                edges.push((carrier[i], aux));
            }
        }
    }
    // AFRA's indirect defeat: whatever attacks a claim attacks the attacks it makes.
    let mut claim_attackers: Vec<Vec<Arg>> = vec![Vec::new(); n];
    for &(a, b) in &edges {
        if (b as usize) < n {
            claim_attackers[b as usize].push(a);
        }
    }
    for &(aux, src) in &aux_sources {
        for &a in &claim_attackers[src as usize] {
            edges.push((a, aux));
        }
    }
    if origin.len() > Arg::MAX as usize {
        return Err(FlattenError::TooLarge);
    }
    let af = ArgumentFramework::new(origin.len(), &edges).map_err(|_| FlattenError::TooLarge)?;
    Ok(Flattened {
        af,
        origin,
        n_claims: n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::{Label, Semantics, extensions, grounded_labelling};
    use proptest::prelude::*;

    fn att(from: Claim, target: Claim) -> Relation {
        Relation {
            from,
            kind: RelationKind::Attack,
            target,
        }
    }
    fn sup(from: Claim, target: Claim) -> Relation {
        Relation {
            from,
            kind: RelationKind::Support,
            target,
        }
    }
    fn und(from: Claim, target: u32) -> Relation {
        Relation {
            from,
            kind: RelationKind::Undercut,
            target,
        }
    }

    /// The attack relation on claims, closed under the rules of the mode taken literally from
    /// the definitions, applied until nothing changes.
    fn closure(bf: &BipolarFramework, mode: SupportMode) -> BTreeSet<(Claim, Claim)> {
        let n = bf.n_claims;
        let mut sup_plus = vec![vec![false; n]; n];
        for r in &bf.relations {
            if r.kind == RelationKind::Support {
                sup_plus[r.from as usize][r.target as usize] = true;
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    if sup_plus[i][k] && sup_plus[k][j] {
                        sup_plus[i][j] = true;
                    }
                }
            }
        }
        let mut attacks: BTreeSet<(Claim, Claim)> = bf
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Attack)
            .map(|r| (r.from, r.target))
            .collect();
        loop {
            let mut new = attacks.clone();
            for &(p, q) in &attacks {
                for z in 0..n as Claim {
                    match mode {
                        SupportMode::None => {}
                        SupportMode::Deductive => {
                            // supported: z ⇒⁺ p, p attacks q ⟹ z attacks q
                            if sup_plus[z as usize][p as usize] {
                                new.insert((z, q));
                            }
                            // mediated: z ⇒⁺ q, p attacks q ⟹ p attacks z
                            if sup_plus[z as usize][q as usize] {
                                new.insert((p, z));
                            }
                        }
                        SupportMode::Necessary => {
                            // secondary: p attacks q, q ⇒⁺ z ⟹ p attacks z
                            if sup_plus[q as usize][z as usize] {
                                new.insert((p, z));
                            }
                            // extended: p ⇒⁺ z, p attacks q ⟹ z attacks q
                            if sup_plus[p as usize][z as usize] {
                                new.insert((z, q));
                            }
                        }
                    }
                }
            }
            if new == attacks {
                return attacks;
            }
            attacks = new;
        }
    }

    fn bipolar_strategy() -> impl Strategy<Value = BipolarFramework> {
        (1usize..=6).prop_flat_map(|n| {
            let rel = (0..n as Claim, 0..n as Claim, proptest::bool::ANY)
                .prop_map(|(a, b, s)| if s { sup(a, b) } else { att(a, b) });
            proptest::collection::vec(rel, 0..10).prop_map(move |relations| BipolarFramework {
                n_claims: n,
                relations,
            })
        })
    }

    proptest! {
        #[test]
        fn without_undercuts_the_attacks_are_the_closure(bf in bipolar_strategy()) {
            for mode in [SupportMode::None, SupportMode::Deductive, SupportMode::Necessary] {
                let flat = flatten(&bf, mode).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(flat.af.len(), bf.n_claims, "no auxiliary argument without undercuts");
                let got: BTreeSet<_> = flat.af.attack_list().collect();
                prop_assert_eq!(got, closure(&bf, mode), "{:?}", mode);
            }
        }

        /// The shortcut for frameworks where only attacks count gives what the general
        /// construction gives, to the order of the arguments' attacks.
        #[test]
        fn plain_attacks_are_the_general_flattening(bf in bipolar_strategy()) {
            let plain = plain_attacks(&bf).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let general = flatten_general(&bf, SupportMode::None).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&plain, &general);
            let no_supports = BipolarFramework {
                n_claims: bf.n_claims,
                relations: bf.relations.iter().copied().filter(|r| r.kind == RelationKind::Attack).collect(),
            };
            for mode in [SupportMode::Deductive, SupportMode::Necessary] {
                prop_assert_eq!(&flatten(&no_supports, mode).map_err(|e| TestCaseError::fail(e.to_string()))?,
                    &flatten_general(&no_supports, mode).map_err(|e| TestCaseError::fail(e.to_string()))?);
            }
        }

        #[test]
        fn necessary_is_deductive_reversed(bf in bipolar_strategy()) {
            let reversed = BipolarFramework {
                n_claims: bf.n_claims,
                relations: bf.relations.iter().map(|r| match r.kind {
                    RelationKind::Support => sup(r.target, r.from),
                    _ => *r,
                }).collect(),
            };
            let a = flatten(&bf, SupportMode::Necessary).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let b = flatten(&reversed, SupportMode::Deductive).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(a.af, b.af);
        }

        /// An undercut whose undercutter is defeated (attacked by an unattacked claim) changes
        /// nothing about the claims, under every semantics.
        #[test]
        fn a_defeated_undercut_changes_nothing(bf in bipolar_strategy(), pick in 0usize..10, mode_ix in 0usize..3) {
            let mode = [SupportMode::None, SupportMode::Deductive, SupportMode::Necessary][mode_ix];
            prop_assume!(!bf.relations.is_empty());
            let target = (pick % bf.relations.len()) as u32;
            let n = bf.n_claims as Claim;
            let mut with = bf.clone();
            with.n_claims += 2;
            with.relations.push(und(n, target)); // claim n undercuts
            with.relations.push(att(n + 1, n)); // claim n + 1 defeats the undercutter
            let mut without = bf.clone();
            without.n_claims += 2;
            without.relations.push(att(n + 1, n));
            let fw = flatten(&with, mode).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let fo = flatten(&without, mode).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let claims = with.n_claims;
            for sem in [Semantics::Grounded, Semantics::Preferred, Semantics::Stable] {
                let project = |f: &Flattened| -> Vec<Vec<Arg>> {
                    let mut v: Vec<Vec<Arg>> = extensions(&f.af, sem)
                        .into_iter()
                        .map(|e| e.into_iter().filter(|&a| (a as usize) < claims).collect())
                        .collect();
                    v.sort();
                    v
                };
                prop_assert_eq!(project(&fw), project(&fo), "{:?} {:?}", sem, mode);
            }
        }
    }

    #[test]
    fn an_undercut_by_an_accepted_claim_voids_the_attack() {
        // 0 attacks 1 (relation 0); 2 undercuts relation 0.
        let bf = BipolarFramework {
            n_claims: 3,
            relations: vec![att(0, 1), und(2, 0)],
        };
        let flat = flatten(&bf, SupportMode::None).expect("valid");
        assert_eq!(flat.af.len(), 4);
        assert!(matches!(
            flat.origin[3],
            ArgOrigin::Attack {
                from: 0,
                to: 1,
                base: 0,
                ..
            }
        ));
        let g = grounded_labelling(&flat.af);
        assert_eq!(&g.labels()[..3], &[Label::In, Label::In, Label::In]);
        assert_eq!(g.labels()[3], Label::Out);
        // Undercut the undercut (relation 1) with claim 3: the attack holds again.
        let bf = BipolarFramework {
            n_claims: 4,
            relations: vec![att(0, 1), und(2, 0), und(3, 1)],
        };
        let flat = flatten(&bf, SupportMode::None).expect("valid");
        let g = grounded_labelling(&flat.af);
        assert_eq!(
            &g.labels()[..4],
            &[Label::In, Label::Out, Label::In, Label::In]
        );
    }

    #[test]
    fn an_attack_from_a_defeated_claim_is_void() {
        // 3 defeats 0; 0 attacks 1, undercut by 2, which is UNDEC (self-attacking).
        let bf = BipolarFramework {
            n_claims: 4,
            relations: vec![att(0, 1), und(2, 0), att(2, 2), att(3, 0)],
        };
        let flat = flatten(&bf, SupportMode::None).expect("valid");
        let g = grounded_labelling(&flat.af);
        assert_eq!(
            &g.labels()[..4],
            &[Label::Out, Label::In, Label::Undec, Label::In]
        );
    }

    #[test]
    fn an_undercut_support_makes_derived_attacks_conditional() {
        // Deductive: 0 supports 1 (relation 0), 2 attacks 1 (relation 1): mediated 2 → 0.
        // 3 undercuts the support: the mediated attack needs the support to hold.
        let bf = BipolarFramework {
            n_claims: 4,
            relations: vec![sup(0, 1), att(2, 1), und(3, 0)],
        };
        let flat = flatten(&bf, SupportMode::Deductive).expect("valid");
        let g = grounded_labelling(&flat.af);
        assert_eq!(
            &g.labels()[..4],
            &[Label::In, Label::Out, Label::In, Label::In]
        );
        let plain = flatten(
            &BipolarFramework {
                n_claims: 4,
                relations: vec![sup(0, 1), att(2, 1)],
            },
            SupportMode::Deductive,
        )
        .expect("valid");
        assert_eq!(
            &grounded_labelling(&plain.af).labels()[..3],
            &[Label::Out, Label::Out, Label::In]
        );
    }

    /// The JSON shape the HTML explorer embeds and `assets/explorer/semantics.js` reads.
    #[test]
    fn serialises_as_the_explorer_reads_it() {
        let bf = BipolarFramework {
            n_claims: 4,
            relations: vec![att(0, 3), sup(1, 2), und(2, 0)],
        };
        assert_eq!(
            serde_json::to_string(&bf).expect("serialisable"),
            r#"{"n_claims":4,"relations":[{"from":0,"kind":"attack","target":3},{"from":1,"kind":"support","target":2},{"from":2,"kind":"undercut","target":0}]}"#
        );
    }

    #[test]
    fn bad_input_is_an_error() {
        let bad = BipolarFramework {
            n_claims: 1,
            relations: vec![att(0, 1)],
        };
        assert_eq!(
            flatten(&bad, SupportMode::None),
            Err(FlattenError::BadClaim { relation: 0 })
        );
        let bad = BipolarFramework {
            n_claims: 1,
            relations: vec![und(0, 0)],
        };
        assert_eq!(
            flatten(&bad, SupportMode::None),
            Err(FlattenError::BadUndercut { relation: 0 })
        );
        let bad = BipolarFramework {
            n_claims: 1,
            relations: vec![und(0, 5)],
        };
        assert_eq!(
            flatten(&bad, SupportMode::None),
            Err(FlattenError::BadUndercut { relation: 0 })
        );
    }
}
