//! Complete, preferred, stable, semi-stable and ideal semantics by SAT.
//!
//! Each argument `a` gets two variables, `in(a)` and `out(a)` (UNDEC = neither), constrained to
//! be a complete labelling (Caminada 2006; the encoding of Cerutti et al. 2013):
//!
//! - `¬in(a) ∨ ¬out(a)`;
//! - `in(a) ↔ ⋀_{b attacks a} out(b)`;
//! - `out(a) ↔ ⋁_{b attacks a} in(b)`;
//! - for stable semantics also `in(a) ∨ out(a)`.
//!
//! The grounded labelling is computed first in linear time and its labels are added as unit
//! clauses (every complete labelling extends it), which settles most arguments of most real
//! frameworks before the SAT solver starts. Preferred extensions are found by iterated
//! maximisation (find a complete extension, then ask for a strict superset until there is
//! none); sceptical preferred acceptance uses the counter-example guided loop of CEGARTIX
//! (Dvořák et al. 2014). The SAT solver is `batsat`, a MiniSat descendant in pure Rust.

use batsat::{BasicSolver, Lit, SolverInterface, lbool};

use super::framework::{Arg, ArgOutOfRange, ArgumentFramework};
use super::grounded::grounded_labelling;
use super::{Label, Labelling, Semantics};

/// The answer to an acceptance question, with its certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    /// Whether the argument is accepted (credulously or sceptically, as asked).
    pub accepted: bool,
    /// The certificate, when there is one: for a credulous question answered yes, an extension
    /// that contains the argument; for a sceptical question answered no, an extension that does
    /// not contain it. `None` otherwise.
    pub witness: Option<Vec<Arg>>,
}

/// A SAT encoding of the complete (or stable) labellings of a framework.
struct Encoder<'a> {
    af: &'a ArgumentFramework,
    solver: BasicSolver,
    inl: Vec<Lit>,
    outl: Vec<Lit>,
    grounded: Labelling,
    /// False once a clause made the formula unsatisfiable at level 0.
    ok: bool,
    /// A reusable clause buffer.
    buf: Vec<Lit>,
}

impl<'a> Encoder<'a> {
    fn new(af: &'a ArgumentFramework, stable: bool) -> Self {
        let grounded = grounded_labelling(af);
        Self::with_grounded(af, stable, grounded)
    }

    fn with_grounded(af: &'a ArgumentFramework, stable: bool, grounded: Labelling) -> Self {
        let mut solver = BasicSolver::default();
        let n = af.len();
        // Arguments settled by the grounded labelling get no variables: their literals are the
        // constant `truth` or its negation. Only the undecided part is encoded, and in it an
        // OUT attacker can be dropped (it never blocks IN, never makes OUT) while an IN
        // attacker cannot occur (it would have made the argument OUT).
        let truth = Lit::new(solver.new_var_default(), true);
        let mut inl = Vec::with_capacity(n);
        let mut outl = Vec::with_capacity(n);
        for &label in grounded.labels() {
            let (i, o) = match label {
                Label::In => (truth, !truth),
                Label::Out => (!truth, truth),
                // Without stability, the solver decides `in(a)` true first: its models are
                // then close to maximal, and `maximise` needs a few strict-superset calls
                // instead of one per argument it adds (on Watts–Strogatz frameworks of 5 000
                // arguments, SE-PR went from 7.2 s to 1.4 s). A heuristic only: any model is
                // still a complete labelling.
                Label::Undec => (
                    Lit::new(
                        solver.new_var(if stable { lbool::UNDEF } else { lbool::TRUE }, true),
                        true,
                    ),
                    Lit::new(solver.new_var_default(), true),
                ),
            };
            inl.push(i);
            outl.push(o);
        }
        let mut enc = Self {
            af,
            solver,
            inl,
            outl,
            grounded,
            ok: true,
            buf: Vec::new(),
        };
        enc.add(&[truth]);
        let mut clause = Vec::new();
        for a in af.args() {
            let ai = a as usize;
            if enc.grounded.labels()[ai] != Label::Undec {
                continue;
            }
            let (ia, oa) = (enc.inl[ai], enc.outl[ai]);
            enc.add(&[!ia, !oa]);
            if stable {
                enc.add(&[ia, oa]);
            }
            let undecided = |b: &&Arg| enc.grounded.labels()[**b as usize] == Label::Undec;
            let attackers: Vec<Arg> = af.attackers(a).iter().filter(undecided).copied().collect();
            // in(a) -> out(b) for every attacker b; (all attackers out) -> in(a).
            clause.clear();
            clause.push(ia);
            for &b in &attackers {
                let ob = enc.outl[b as usize];
                enc.add(&[!ia, ob]);
                clause.push(!ob);
            }
            enc.add(&clause);
            // in(b) -> out(a) for every attacker b; out(a) -> some attacker in.
            clause.clear();
            clause.push(!oa);
            for &b in &attackers {
                let ib = enc.inl[b as usize];
                enc.add(&[!ib, oa]);
                clause.push(ib);
            }
            enc.add(&clause);
        }
        enc
    }

    fn add(&mut self, lits: &[Lit]) {
        if self.ok {
            self.buf.clear();
            self.buf.extend_from_slice(lits);
            self.ok = self.solver.add_clause_reuse(&mut self.buf);
        }
    }

    /// Whether `a` is undecided in the grounded labelling (the only arguments with variables).
    fn open(&self, a: Arg) -> bool {
        self.grounded.labels()[a as usize] == Label::Undec
    }

    fn fresh(&mut self) -> Lit {
        Lit::new(self.solver.new_var_default(), true)
    }

    /// Solves under the assumptions; on success returns the IN arguments of the model.
    fn solve(&mut self, assumptions: &[Lit]) -> Option<Vec<Arg>> {
        if !self.ok {
            return None;
        }
        if self.solver.solve_limited(assumptions) != lbool::TRUE {
            return None;
        }
        Some(
            self.af
                .args()
                .filter(|&a| self.solver.value_lit(self.inl[a as usize]) == lbool::TRUE)
                .collect(),
        )
    }

    /// The range (IN or OUT arguments) of the last model.
    fn model_range(&self) -> Vec<bool> {
        self.af
            .args()
            .map(|a| {
                let i = a as usize;
                self.solver.value_lit(self.inl[i]) == lbool::TRUE
                    || self.solver.value_lit(self.outl[i]) == lbool::TRUE
            })
            .collect()
    }

    /// Grows the complete extension `ext` to a preferred one (a maximal complete extension)
    /// by asking repeatedly for a strict superset.
    fn maximise(&mut self, mut ext: Vec<Arg>) -> Vec<Arg> {
        loop {
            let member = membership(self.af.len(), &ext);
            let act = self.fresh();
            let mut grow = vec![!act];
            grow.extend(
                self.af
                    .args()
                    .filter(|&b| !member[b as usize] && self.open(b))
                    .map(|b| self.inl[b as usize]),
            );
            self.add(&grow);
            let mut assumptions: Vec<Lit> = ext
                .iter()
                .filter(|&&a| self.open(a))
                .map(|&a| self.inl[a as usize])
                .collect();
            assumptions.push(act);
            let next = self.solve(&assumptions);
            self.add(&[!act]);
            match next {
                Some(bigger) => ext = bigger,
                None => return ext,
            }
        }
    }

    /// Grows the complete extension of the last model to one of maximal range (semi-stable).
    /// Returns the extension and its range.
    fn maximise_range(&mut self, mut ext: Vec<Arg>, mut range: Vec<bool>) -> (Vec<Arg>, Vec<bool>) {
        loop {
            let act = self.fresh();
            let mut grow = vec![!act];
            for b in self.af.args() {
                let bi = b as usize;
                if range[bi] {
                    let (ib, ob) = (self.inl[bi], self.outl[bi]);
                    self.add(&[!act, ib, ob]);
                } else {
                    grow.push(self.inl[bi]);
                    grow.push(self.outl[bi]);
                }
            }
            self.add(&grow);
            let next = self.solve(&[act]);
            let next_range = if next.is_some() {
                Some(self.model_range())
            } else {
                None
            };
            self.add(&[!act]);
            match (next, next_range) {
                (Some(e), Some(r)) => {
                    ext = e;
                    range = r;
                }
                _ => return (ext, range),
            }
        }
    }

    /// Forbids exactly the extension `ext` from now on.
    fn block_exact(&mut self, ext: &[Arg]) {
        let member = membership(self.af.len(), ext);
        let clause: Vec<Lit> = self
            .af
            .args()
            .filter(|&a| self.grounded.labels()[a as usize] == Label::Undec)
            .map(|a| {
                if member[a as usize] {
                    !self.inl[a as usize]
                } else {
                    self.inl[a as usize]
                }
            })
            .collect();
        self.add(&clause);
    }

    /// Forbids every extension that is a subset of `ext` from now on.
    fn block_subsets(&mut self, ext: &[Arg]) {
        let member = membership(self.af.len(), ext);
        let clause: Vec<Lit> = self
            .af
            .args()
            .filter(|&a| !member[a as usize] && self.open(a))
            .map(|a| self.inl[a as usize])
            .collect();
        self.add(&clause);
    }
}

fn membership(n: usize, ext: &[Arg]) -> Vec<bool> {
    let mut m = vec![false; n];
    for &a in ext {
        m[a as usize] = true;
    }
    m
}

fn check(af: &ArgumentFramework, a: Arg) -> Result<(), ArgOutOfRange> {
    if (a as usize) < af.len() {
        Ok(())
    } else {
        Err(ArgOutOfRange {
            arg: u64::from(a),
            n: af.len(),
        })
    }
}

/// Every extension of `af` under `sem`, each in increasing order, the list sorted.
///
/// The number of extensions can be exponential in the number of arguments: this is meant for
/// small frameworks (a debate map), not for ICCMA benchmarks.
pub fn extensions(af: &ArgumentFramework, sem: Semantics) -> Vec<Vec<Arg>> {
    let mut out = match sem {
        Semantics::Grounded => vec![grounded_labelling(af).in_args()],
        Semantics::Ideal => vec![ideal_extension(af)],
        Semantics::Complete | Semantics::Stable => {
            let mut enc = Encoder::new(af, sem == Semantics::Stable);
            let mut all = Vec::new();
            while let Some(e) = enc.solve(&[]) {
                enc.block_exact(&e);
                all.push(e);
            }
            all
        }
        Semantics::Preferred => {
            let mut enc = Encoder::new(af, false);
            let mut all = Vec::new();
            while let Some(e) = enc.solve(&[]) {
                let p = enc.maximise(e);
                enc.block_subsets(&p);
                all.push(p);
            }
            all
        }
        Semantics::SemiStable => semi_stable_extensions(af),
    };
    out.sort();
    out
}

fn semi_stable_extensions(af: &ArgumentFramework) -> Vec<Vec<Arg>> {
    let mut enc = Encoder::new(af, false);
    let mut all = Vec::new();
    while let Some(e) = enc.solve(&[]) {
        let range = enc.model_range();
        let (_, range) = enc.maximise_range(e, range);
        // Every complete extension with exactly this range is semi-stable.
        let act = enc.fresh();
        let mut assumptions = vec![act];
        for b in af.args() {
            let bi = b as usize;
            if range[bi] {
                let (ib, ob) = (enc.inl[bi], enc.outl[bi]);
                enc.add(&[!act, ib, ob]);
            } else {
                assumptions.push(!enc.inl[bi]);
                assumptions.push(!enc.outl[bi]);
            }
        }
        while let Some(s) = enc.solve(&assumptions) {
            enc.block_exact(&s);
            all.push(s);
        }
        enc.add(&[!act]);
        // From now on, only ranges that are not subsets of this one.
        let grow: Vec<Lit> = af
            .args()
            .filter(|&b| !range[b as usize] && enc.open(b))
            .flat_map(|b| [enc.inl[b as usize], enc.outl[b as usize]])
            .collect();
        enc.add(&grow);
    }
    all
}

/// One extension of `af` under `sem`, or `None` if there is none (only stable semantics can
/// have none). For grounded and complete this is the grounded extension.
pub fn some_extension(af: &ArgumentFramework, sem: Semantics) -> Option<Vec<Arg>> {
    match sem {
        Semantics::Grounded | Semantics::Complete => Some(grounded_labelling(af).in_args()),
        Semantics::Ideal => Some(ideal_extension(af)),
        Semantics::Stable => Encoder::new(af, true).solve(&[]),
        Semantics::Preferred => {
            let mut enc = Encoder::new(af, false);
            let e = enc.grounded.in_args();
            Some(enc.maximise(e))
        }
        Semantics::SemiStable => {
            let mut enc = Encoder::new(af, false);
            let e = enc.solve(&[])?;
            let range = enc.model_range();
            Some(enc.maximise_range(e, range).0)
        }
    }
}

/// Credulous acceptance: is `a` in some extension of `af` under `sem`? The witness is such an
/// extension.
pub fn credulous(
    af: &ArgumentFramework,
    sem: Semantics,
    a: Arg,
) -> Result<Acceptance, ArgOutOfRange> {
    check(af, a)?;
    let ai = a as usize;
    Ok(match sem {
        Semantics::Grounded | Semantics::Ideal => {
            let ext = some_extension(af, sem).unwrap_or_default();
            let accepted = ext.binary_search(&a).is_ok();
            Acceptance {
                accepted,
                witness: accepted.then_some(ext),
            }
        }
        Semantics::Complete | Semantics::Preferred | Semantics::Stable => {
            let mut enc = Encoder::new(af, sem == Semantics::Stable);
            let lit = enc.inl[ai];
            match enc.solve(&[lit]) {
                Some(e) => {
                    let e = if sem == Semantics::Preferred {
                        enc.maximise(e)
                    } else {
                        e
                    };
                    Acceptance {
                        accepted: true,
                        witness: Some(e),
                    }
                }
                None => Acceptance {
                    accepted: false,
                    witness: None,
                },
            }
        }
        Semantics::SemiStable => {
            let w = semi_stable_extensions(af)
                .into_iter()
                .find(|e| e.binary_search(&a).is_ok());
            Acceptance {
                accepted: w.is_some(),
                witness: w,
            }
        }
    })
}

/// Sceptical acceptance: is `a` in every extension of `af` under `sem`? The witness of a "no"
/// is an extension without `a`. With no extension at all (stable semantics only), every
/// argument is sceptically accepted, vacuously.
pub fn sceptical(
    af: &ArgumentFramework,
    sem: Semantics,
    a: Arg,
) -> Result<Acceptance, ArgOutOfRange> {
    check(af, a)?;
    let ai = a as usize;
    Ok(match sem {
        Semantics::Grounded | Semantics::Complete | Semantics::Ideal => {
            // The grounded extension is the least complete extension.
            let s = if sem == Semantics::Ideal {
                Semantics::Ideal
            } else {
                Semantics::Grounded
            };
            let ext = some_extension(af, s).unwrap_or_default();
            let accepted = ext.binary_search(&a).is_ok();
            Acceptance {
                accepted,
                witness: (!accepted).then_some(ext),
            }
        }
        Semantics::Stable => {
            let mut enc = Encoder::new(af, true);
            let lit = !enc.inl[ai];
            match enc.solve(&[lit]) {
                Some(e) => Acceptance {
                    accepted: false,
                    witness: Some(e),
                },
                None => Acceptance {
                    accepted: true,
                    witness: None,
                },
            }
        }
        Semantics::Preferred => sceptical_preferred(af, a),
        Semantics::SemiStable => {
            let w = semi_stable_extensions(af)
                .into_iter()
                .find(|e| e.binary_search(&a).is_err());
            Acceptance {
                accepted: w.is_none(),
                witness: w,
            }
        }
    })
}

/// Sceptical preferred acceptance by the counter-example guided loop.
fn sceptical_preferred(af: &ArgumentFramework, a: Arg) -> Acceptance {
    let ai = a as usize;
    let mut enc = Encoder::new(af, false);
    match enc.grounded.labels()[ai] {
        Label::In => {
            return Acceptance {
                accepted: true,
                witness: None,
            };
        }
        Label::Out => {
            let g = enc.grounded.in_args();
            return Acceptance {
                accepted: false,
                witness: Some(enc.maximise(g)),
            };
        }
        Label::Undec => {}
    }
    // An admissible set attacking `a` extends to a preferred extension without `a`.
    let out_a = enc.outl[ai];
    if let Some(e) = enc.solve(&[out_a]) {
        return Acceptance {
            accepted: false,
            witness: Some(enc.maximise(e)),
        };
    }
    let not_in = !enc.inl[ai];
    while let Some(e) = enc.solve(&[not_in]) {
        let p = enc.maximise(e);
        if p.binary_search(&a).is_err() {
            return Acceptance {
                accepted: false,
                witness: Some(p),
            };
        }
        // No preferred extension other than `p` lies below `p`.
        enc.block_subsets(&p);
    }
    Acceptance {
        accepted: true,
        witness: None,
    }
}

/// The ideal extension (Dung, Mancarella & Toni 2007): the largest admissible set contained
/// in every preferred extension.
///
/// Computed as the arguments sceptically accepted under preferred semantics, then pruned to
/// its largest admissible subset by removing, until nothing changes, every argument with an
/// attacker the set does not attack.
pub fn ideal_extension(af: &ArgumentFramework) -> Vec<Arg> {
    let grounded = grounded_labelling(af);
    let mut set: Vec<bool> = af
        .args()
        .map(|a| match grounded.labels()[a as usize] {
            Label::In => true,
            Label::Out => false,
            Label::Undec => sceptical_preferred(af, a).accepted,
        })
        .collect();
    loop {
        let n = af.len();
        let mut attacked = vec![false; n];
        for a in af.args().filter(|&a| set[a as usize]) {
            for &b in af.attacked_by(a) {
                attacked[b as usize] = true;
            }
        }
        let mut changed = false;
        for a in af.args() {
            if set[a as usize] && af.attackers(a).iter().any(|&b| !attacked[b as usize]) {
                set[a as usize] = false;
                changed = true;
            }
        }
        if !changed {
            return af.args().filter(|&a| set[a as usize]).collect();
        }
    }
}

/// A preferred extension that does not attack `a` (so `a` is not OUT in its labelling), or
/// `None` if every preferred extension attacks `a`. Same counter-example loop as
/// [`sceptical`] for preferred semantics, on `out(a)` instead of `in(a)`.
fn preferred_not_attacking(af: &ArgumentFramework, a: Arg) -> Option<Vec<Arg>> {
    let ai = a as usize;
    let mut enc = Encoder::new(af, false);
    match enc.grounded.labels()[ai] {
        // The grounded extension attacks `a`, and so does every complete extension.
        Label::Out => return None,
        // Every preferred extension contains `a`, hence does not attack it.
        Label::In => {
            let g = enc.grounded.in_args();
            return Some(enc.maximise(g));
        }
        Label::Undec => {}
    }
    let not_out = !enc.outl[ai];
    while let Some(e) = enc.solve(&[not_out]) {
        let p = enc.maximise(e);
        if !p.iter().any(|&b| af.attacks(b, a)) {
            return Some(p);
        }
        enc.block_subsets(&p);
    }
    None
}

/// The status of every argument under a semantics, as a student would read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The semantics evaluated.
    pub semantics: Semantics,
    /// Per argument: IN if it is in every extension (sceptically accepted), OUT if it is
    /// attacked by every extension (OUT in every labelling), UNDEC otherwise. For grounded and
    /// ideal semantics this is the labelling of the one extension. All UNDEC when there is no
    /// extension (stable semantics only; see `has_extension`).
    pub labels: Vec<Label>,
    /// Per argument: whether some extension contains it (credulous acceptance).
    pub credulous: Vec<bool>,
    /// Whether the semantics has at least one extension (always true except for stable).
    pub has_extension: bool,
}

/// Evaluates every argument of `af` under `sem` (see [`Evaluation`]).
///
/// Grounded and complete cost O(n + m) plus, for complete, at most n SAT calls; preferred and
/// stable ask the SAT solver a few questions per undecided argument.
pub fn evaluate(af: &ArgumentFramework, sem: Semantics) -> Evaluation {
    let n = af.len();
    let grounded = grounded_labelling(af);
    let unique = |labelling: Labelling| {
        let credulous = labelling.labels().iter().map(|&l| l == Label::In).collect();
        Evaluation {
            semantics: sem,
            labels: labelling.labels().to_vec(),
            credulous,
            has_extension: true,
        }
    };
    match sem {
        Semantics::Grounded => unique(grounded),
        Semantics::Ideal => unique(Labelling::from_extension(af, &ideal_extension(af))),
        Semantics::Complete | Semantics::Preferred | Semantics::Stable => {
            let stable = sem == Semantics::Stable;
            // Credulous acceptance of all arguments at once: ask for an extension with an
            // argument not yet known to be credulously accepted, until there is none.
            let mut enc = Encoder::with_grounded(af, stable, grounded.clone());
            let mut credulous = vec![false; n];
            let mut has_extension = false;
            loop {
                let act = enc.fresh();
                let mut clause = vec![!act];
                clause.extend(
                    af.args()
                        .filter(|&a| !credulous[a as usize])
                        .map(|a| enc.inl[a as usize]),
                );
                enc.add(&clause);
                let found = enc.solve(&[act]);
                enc.add(&[!act]);
                match found {
                    Some(e) => {
                        has_extension = true;
                        for a in e {
                            credulous[a as usize] = true;
                        }
                    }
                    None => break,
                }
            }
            if !has_extension {
                has_extension = enc.solve(&[]).is_some();
            }
            if !has_extension {
                return Evaluation {
                    semantics: sem,
                    labels: vec![Label::Undec; n],
                    credulous,
                    has_extension,
                };
            }
            let labels = match sem {
                // The grounded labelling is the least complete labelling: IN (OUT) in every
                // complete labelling exactly when IN (OUT) in the grounded one.
                Semantics::Complete => grounded.labels().to_vec(),
                Semantics::Preferred => af
                    .args()
                    .map(|a| match grounded.labels()[a as usize] {
                        Label::Undec if sceptical_preferred(af, a).accepted => Label::In,
                        Label::Undec if preferred_not_attacking(af, a).is_none() => Label::Out,
                        l => l,
                    })
                    .collect(),
                _ => {
                    let mut enc = Encoder::with_grounded(af, true, grounded.clone());
                    af.args()
                        .map(|a| {
                            let (ia, oa) = (enc.inl[a as usize], enc.outl[a as usize]);
                            if enc.solve(&[!ia]).is_none() {
                                Label::In
                            } else if enc.solve(&[!oa]).is_none() {
                                Label::Out
                            } else {
                                Label::Undec
                            }
                        })
                        .collect()
                }
            };
            Evaluation {
                semantics: sem,
                labels,
                credulous,
                has_extension,
            }
        }
        Semantics::SemiStable => {
            let all = extensions(af, sem);
            let labellings: Vec<Labelling> = all
                .iter()
                .map(|e| Labelling::from_extension(af, e))
                .collect();
            let every = |a: Arg, l: Label| labellings.iter().all(|x| x.labels()[a as usize] == l);
            let labels = af
                .args()
                .map(|a| {
                    if every(a, Label::In) {
                        Label::In
                    } else if every(a, Label::Out) {
                        Label::Out
                    } else {
                        Label::Undec
                    }
                })
                .collect();
            let credulous = af
                .args()
                .map(|a| {
                    labellings
                        .iter()
                        .any(|x| x.labels()[a as usize] == Label::In)
                })
                .collect();
            Evaluation {
                semantics: sem,
                labels,
                credulous,
                has_extension: !all.is_empty(),
            }
        }
    }
}
