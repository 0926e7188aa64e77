//! The SAT encoding shared by every SAT-backed semantics: one `in(a)` and one `out(a)` variable
//! per argument (UNDEC = neither), constrained by the base the semantics builds on.
//!
//! - every base: `¬in(a) ∨ ¬out(a)` and `out(a) ↔ ⋁_{b attacks a} in(b)` (OUT means attacked by
//!   an IN argument, so IN is conflict-free);
//! - [`Base::Admissible`] adds `in(a) → ⋀_{b attacks a} out(b)`: the admissible labellings
//!   (IN defended, Caminada 2006), for the questions whose answers are maximal or credulous
//!   (preferred extensions, credulous acceptance, ideal), which admissible and complete
//!   labellings answer alike: fewer constraints make an easier search (SE-PR on an Erdős–Rényi
//!   framework of 700 arguments with 6 attacks per argument: 3.0 s instead of 13.6 s; Scalop
//!   encodes SE-PR so too);
//! - [`Base::Complete`] adds `in(a) ↔ ⋀_{b attacks a} out(b)`: the complete labellings (Caminada
//!   2006; the encoding of Cerutti et al. 2013);
//! - [`Base::Stable`] adds that and `in(a) ∨ out(a)`: the stable extensions;
//! - [`Base::ConflictFree`] adds nothing: the conflict-free sets with their ranges (IN or OUT),
//!   the base of stage semantics.
//!
//! For the admissible, complete and stable bases the grounded labelling is computed first in
//! linear time and the arguments it settles get no variables (every complete labelling extends
//! it, and an admissible set stays admissible with the grounded extension added, so no preferred
//! extension and no credulously accepted argument is lost), which settles
//! most arguments of most real frameworks before the SAT solver starts. The solver is CaDiCaL for
//! the stable base, `batsat` for the others (`solver.rs`); every question after the first reuses
//! the clauses learnt, through assumptions and activation literals.

use batsat::{Lit, lbool};

use super::solver::{Engine, SatSolver};

use super::super::framework::{Arg, ArgumentFramework};
use super::super::grounded::grounded_labelling;
use super::super::{Label, Labelling};

/// What the labellings of an [`Encoder`] are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Base {
    /// Complete labellings (with the grounded part fixed).
    Complete,
    /// Admissible labellings (with the grounded part fixed): IN conflict-free and defended, not
    /// necessarily every defended argument IN.
    Admissible,
    /// Stable labellings: complete without UNDEC (with the grounded part fixed).
    Stable,
    /// Conflict-free sets: IN conflict-free, OUT = attacked by IN (nothing fixed).
    ConflictFree,
}

/// Whether the solver decides `in(a)` true first (see [`Encoder::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InFirst {
    Yes,
    No,
}

/// A SAT encoding of the labellings of a framework under a [`Base`].
pub(super) struct Encoder<'a> {
    pub(super) af: &'a ArgumentFramework,
    solver: SatSolver,
    inl: Vec<Lit>,
    outl: Vec<Lit>,
    /// `range(a)` literals, made by [`Encoder::with_range`]; empty until then.
    rangel: Vec<Lit>,
    /// The constant true literal.
    truth: Lit,
    /// The base.
    base: Base,
    /// The labels fixed before the search: the grounded labelling for the complete and stable
    /// bases, all UNDEC (nothing fixed) for the conflict-free base.
    fixed: Labelling,
    /// False once a clause made the formula unsatisfiable at level 0.
    ok: bool,
    /// A reusable clause buffer.
    buf: Vec<Lit>,
}

impl<'a> Encoder<'a> {
    /// The encoding of `af` under `base`, for growing labellings. With the admissible and
    /// complete bases the solver tries `in(a)` true first, so its models are close to maximal
    /// and maximising needs a few strict-superset calls instead of one per argument it adds (on
    /// Watts–Strogatz frameworks of 5 000 arguments, SE-PR went from 7.2 s to 1.4 s). The other bases keep the
    /// solver's own choices: for stable labellings nothing is grown, and conflict-free sets are
    /// grown greedily outside the solver (`range.rs`), where IN first only made single calls
    /// hard (SE-STG on a 10 000-argument Watts–Strogatz framework: 1.40 s with IN first, 0.42 s
    /// without). A heuristic only: any model is still a labelling of the base.
    pub(super) fn new(af: &'a ArgumentFramework, base: Base) -> Self {
        Self::with_fixed(af, base, Self::fixed_for(af, base), InFirst::Yes)
    }

    /// The encoding of `af` under `base`, with the solver's own decisions: for a single question
    /// whose answer is not grown afterwards (DC-CO: on a Watts–Strogatz framework of 5 000
    /// arguments 0.02 s instead of 0.37 s with IN first).
    pub(super) fn for_one_question(af: &'a ArgumentFramework, base: Base) -> Self {
        Self::with_fixed(af, base, Self::fixed_for(af, base), InFirst::No)
    }

    /// The encoding of `af` under `base` (as [`Encoder::new`]), with `grounded` (the
    /// framework's grounded labelling, computed by the caller) fixed. Not for the conflict-free
    /// base.
    pub(super) fn with_grounded(
        af: &'a ArgumentFramework,
        base: Base,
        grounded: Labelling,
    ) -> Self {
        debug_assert!(base != Base::ConflictFree);
        Self::with_fixed(af, base, grounded, InFirst::Yes)
    }

    fn fixed_for(af: &ArgumentFramework, base: Base) -> Labelling {
        match base {
            Base::ConflictFree => Labelling::from_labels(vec![Label::Undec; af.len()]),
            Base::Complete | Base::Admissible | Base::Stable => grounded_labelling(af),
        }
    }

    fn with_fixed(
        af: &'a ArgumentFramework,
        base: Base,
        fixed: Labelling,
        in_first: InFirst,
    ) -> Self {
        // CaDiCaL for the stable base (one or two hard questions), batsat for the rest, where
        // loops grow labellings through many related calls with IN tried first (`solver.rs`).
        // On 24 Erdős–Rényi frameworks of 500 and 600 arguments with 5 and 6 attacks per
        // argument, SE-ST took 43.7 s in all with CaDiCaL and 106.0 s with batsat (Scalop:
        // 43.9 s). The single question of DC-CO stays on batsat: CaDiCaL was faster on those
        // frameworks (45.9 s against 76.7 s) but took over 10 s on a Watts–Strogatz framework of
        // 100 000 arguments that batsat answers in 0.26 s.
        let engine = if base == Base::Stable {
            Engine::Cadical
        } else {
            Engine::Batsat
        };
        let n = af.len();
        let open = fixed
            .labels()
            .iter()
            .filter(|&&l| l == Label::Undec)
            .count();
        let mut solver = SatSolver::new(engine, open);
        // Arguments settled by the grounded labelling get no variables: their literals are the
        // constant `truth` or its negation. Only the undecided part is encoded, and in it an
        // OUT attacker can be dropped (it never blocks IN, never makes OUT) while an IN
        // attacker cannot occur (it would have made the argument OUT).
        let truth = solver.new_var(lbool::UNDEF);
        let grows = matches!(base, Base::Complete | Base::Admissible);
        let in_first = if grows && in_first == InFirst::Yes {
            lbool::TRUE
        } else {
            lbool::UNDEF
        };
        let mut inl = Vec::with_capacity(n);
        let mut outl = Vec::with_capacity(n);
        for &label in fixed.labels() {
            let (i, o) = match label {
                Label::In => (truth, !truth),
                Label::Out => (!truth, truth),
                // A stable labelling has no UNDEC: OUT is the negation of IN, one variable.
                Label::Undec if base == Base::Stable => {
                    let i = solver.new_var(in_first);
                    (i, !i)
                }
                // The conflict-free base has no OUT variables (see `with_range`).
                Label::Undec if base == Base::ConflictFree => (solver.new_var(in_first), !truth),
                Label::Undec => (solver.new_var(in_first), solver.new_var(lbool::UNDEF)),
            };
            inl.push(i);
            outl.push(o);
        }
        let mut enc = Self {
            af,
            solver,
            inl,
            outl,
            rangel: Vec::new(),
            truth,
            base,
            fixed,
            ok: true,
            buf: Vec::new(),
        };
        enc.add(&[truth]);
        let mut attackers: Vec<Arg> = Vec::new();
        let mut clause = Vec::new();
        for a in af.args() {
            if !enc.open(a) {
                continue;
            }
            let ai = a as usize;
            let (ia, oa) = (enc.inl[ai], enc.outl[ai]);
            attackers.clear();
            attackers.extend(af.attackers(a).iter().copied().filter(|&b| enc.open(b)));
            if base == Base::ConflictFree {
                // No attacker IN when `a` is IN (OUT variables are not needed: the range has
                // its own variables, see `with_range`).
                for &b in &attackers {
                    let ib = enc.inl[b as usize];
                    enc.add(&[!ia, !ib]);
                }
                continue;
            }
            if base == Base::Stable && oa == !ia {
                // IN exactly when no attacker is IN.
                clause.clear();
                clause.push(ia);
                for &b in &attackers {
                    let ib = enc.inl[b as usize];
                    enc.add(&[!ia, !ib]);
                    clause.push(ib);
                }
                enc.add(&clause);
                continue;
            }
            enc.add(&[!ia, !oa]);
            if base == Base::Stable {
                enc.add(&[ia, oa]);
            }
            // in(a) -> out(b) for every attacker b; (all attackers out) -> in(a), except for
            // admissible labellings.
            clause.clear();
            clause.push(ia);
            for &b in &attackers {
                let ob = enc.outl[b as usize];
                enc.add(&[!ia, ob]);
                clause.push(!ob);
            }
            if base != Base::Admissible {
                enc.add(&clause);
            }
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

    /// Adds a clause (nothing once the formula is unsatisfiable).
    pub(super) fn add(&mut self, lits: &[Lit]) {
        if self.ok {
            self.buf.clear();
            self.buf.extend_from_slice(lits);
            self.ok = self.solver.add_clause(&mut self.buf);
        }
    }

    /// Whether `a` has variables (it is not fixed before the search).
    pub(super) fn open(&self, a: Arg) -> bool {
        self.fixed.labels()[a as usize] == Label::Undec
    }

    /// The base of the labellings.
    pub(super) fn base(&self) -> Base {
        self.base
    }

    /// The labels fixed before the search (see [`Encoder::new`]).
    pub(super) fn fixed(&self) -> &Labelling {
        &self.fixed
    }

    /// The literal "`a` is IN".
    pub(super) fn in_lit(&self, a: Arg) -> Lit {
        self.inl[a as usize]
    }

    /// The literal "`a` is OUT".
    pub(super) fn out_lit(&self, a: Arg) -> Lit {
        self.outl[a as usize]
    }

    /// A new variable, for activation literals.
    pub(super) fn fresh(&mut self) -> Lit {
        self.solver.new_var(lbool::UNDEF)
    }

    /// Solves under the assumptions; on success returns the IN arguments of the model.
    pub(super) fn solve(&mut self, assumptions: &[Lit]) -> Option<Vec<Arg>> {
        if !self.ok {
            return None;
        }
        if !self.solver.solve(assumptions) {
            return None;
        }
        Some(
            self.af
                .args()
                .filter(|&a| self.solver.is_true(self.inl[a as usize]))
                .collect(),
        )
    }

    /// The range of the IN arguments of the last model: they and the arguments they attack.
    pub(super) fn range_of(&self, ext: &[Arg]) -> Vec<bool> {
        let mut range = vec![false; self.af.len()];
        for &a in ext {
            range[a as usize] = true;
            for &b in self.af.attacked_by(a) {
                range[b as usize] = true;
            }
        }
        range
    }

    /// Forbids exactly the extension `ext` from now on.
    pub(super) fn block_exact(&mut self, ext: &[Arg]) {
        let member = membership(self.af.len(), ext);
        let clause: Vec<Lit> = self
            .af
            .args()
            .filter(|&a| self.open(a))
            .map(|a| {
                let ia = self.inl[a as usize];
                if member[a as usize] { !ia } else { ia }
            })
            .collect();
        self.add(&clause);
    }

    /// Forbids every extension that is a subset of `ext` from now on.
    pub(super) fn block_subsets(&mut self, ext: &[Arg]) {
        let member = membership(self.af.len(), ext);
        let clause: Vec<Lit> = self
            .af
            .args()
            .filter(|&a| !member[a as usize] && self.open(a))
            .map(|a| self.inl[a as usize])
            .collect();
        self.add(&clause);
    }

    /// Adds a `range(a)` variable per open argument: `range(a)` implies that `a` is IN or
    /// attacked by an IN argument (one direction only, as in Scalop's encodings: a range is only
    /// ever asked for, never read back), and `in(a)` implies `range(a)`. The solver tries
    /// `range(a)` true first. Arguments fixed by the grounded labelling are always in range.
    pub(super) fn with_range(mut self) -> Self {
        let af = self.af;
        let mut rangel = Vec::with_capacity(af.len());
        for a in af.args() {
            if !self.open(a) {
                rangel.push(self.truth);
                continue;
            }
            let r = self.solver.new_var(lbool::TRUE);
            rangel.push(r);
            let ia = self.inl[a as usize];
            self.add(&[!ia, r]);
            let mut clause = vec![!r, ia];
            if self.base == Base::ConflictFree {
                clause.extend(
                    af.attackers(a)
                        .iter()
                        .filter(|&&b| b != a)
                        .map(|&b| self.inl[b as usize]),
                );
            } else {
                clause.push(self.outl[a as usize]);
            }
            self.add(&clause);
        }
        self.rangel = rangel;
        self
    }

    /// The assumptions that ask for a range strictly larger than `range` (every argument of
    /// `range` still in range, and one more), the first one an activation literal to retire
    /// with [`Encoder::retire`] after use.
    pub(super) fn range_beyond(&mut self, range: &[bool]) -> Vec<Lit> {
        let act = self.fresh();
        let mut assumptions = vec![act];
        let mut grow = vec![!act];
        for b in self.af.args().filter(|&b| self.open(b)) {
            let rb = self.rangel[b as usize];
            if range[b as usize] {
                assumptions.push(rb);
            } else {
                grow.push(rb);
            }
        }
        self.add(&grow);
        assumptions
    }

    /// The assumptions that ask for a range equal to `range`.
    pub(super) fn range_exactly(&self, range: &[bool]) -> Vec<Lit> {
        let mut assumptions = Vec::new();
        for b in self.af.args().filter(|&b| self.open(b)) {
            if range[b as usize] {
                assumptions.push(self.rangel[b as usize]);
            } else {
                // Neither IN nor attacked by an IN argument.
                assumptions.push(!self.inl[b as usize]);
                if self.base == Base::ConflictFree {
                    assumptions.extend(
                        self.af
                            .attackers(b)
                            .iter()
                            .filter(|&&c| self.open(c))
                            .map(|&c| !self.inl[c as usize]),
                    );
                } else {
                    assumptions.push(!self.outl[b as usize]);
                }
            }
        }
        assumptions
    }

    /// Forbids, from now on, every labelling whose range is inside `range`.
    pub(super) fn exclude_ranges_within(&mut self, range: &[bool]) {
        let clause: Vec<Lit> = self
            .af
            .args()
            .filter(|&b| !range[b as usize] && self.open(b))
            .map(|b| self.rangel[b as usize])
            .collect();
        self.add(&clause);
    }

    /// Switches off the clauses guarded by the activation literal `act` for good.
    pub(super) fn retire(&mut self, act: Lit) {
        self.add(&[!act]);
    }
}

/// `ext` as a membership vector over `n` arguments.
pub(super) fn membership(n: usize, ext: &[Arg]) -> Vec<bool> {
    let mut m = vec![false; n];
    for &a in ext {
        m[a as usize] = true;
    }
    m
}
