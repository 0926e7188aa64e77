//! The SAT solvers behind [`Encoder`](super::encoder::Encoder), behind one small interface.
//!
//! - [`Engine::Batsat`]: `batsat`, a MiniSat descendant in pure Rust. Cheap to create and to
//!   call again and again, and it lets the encoder choose the polarity the search tries first
//!   (IN first), which the loops that grow labellings step by step rely on (preferred,
//!   semi-stable, ideal; stage's ranges); it also answers DC-CO's single question.
//! - [`Engine::Cadical`]: CaDiCaL (Biere et al.; the solver inside Scalop and crustabri, the
//!   ICCMA 2023 leaders), through the `cadical` crate, which compiles it from C++ with `cc`.
//!   Much stronger on a single hard search (inprocessing, tiered clause database, target
//!   phases): the stable encodings, whose questions are one or two hard calls on hard
//!   Erdős–Rényi frameworks.
//!
//! Literals are `batsat`'s [`Lit`] for both: variable `v` is DIMACS variable `v + 1` for
//! CaDiCaL.

use batsat::{BasicSolver, Lit, SolverInterface, Var, lbool};

/// Up to this many variables CaDiCaL runs its "sat" configuration (stabilising search mode
/// only, with target phases, and less elimination), above it the default one. On the hard
/// Erdős–Rényi frameworks of `benches/er_seeds.py` (500 to 700 arguments) the "sat"
/// configuration found stable extensions, and proved there are none, faster than the default
/// (docs/semantics.md, "Two SAT solvers"); on a Watts–Strogatz framework of 100 000 arguments,
/// 97 537 of them undecided, it was 3 times slower on DC-ST and DS-ST (0.58 s against 0.19 s),
/// elimination paying off there.
const SAT_CONFIG_MAX_VARS: usize = 20_000;

/// Which solver an [`Encoder`](super::encoder::Encoder) runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Engine {
    /// `batsat`: for loops of many related calls, with a chosen decision polarity.
    Batsat,
    /// CaDiCaL: for a few hard calls.
    Cadical,
}

/// A SAT solver: one of the [`Engine`]s.
pub(super) enum SatSolver {
    /// `batsat` (boxed: it is a kilobyte, CaDiCaL's handle a pointer).
    Batsat(Box<BasicSolver>),
    /// CaDiCaL, and how many variables it has.
    Cadical(cadical::Solver, u32),
}

impl SatSolver {
    /// An empty solver of the given engine, for a formula over about `vars` variables.
    pub(super) fn new(engine: Engine, vars: usize) -> Self {
        match engine {
            Engine::Batsat => Self::Batsat(Box::default()),
            Engine::Cadical => {
                let solver = if vars <= SAT_CONFIG_MAX_VARS {
                    cadical::Solver::with_config("sat").unwrap_or_else(|_| cadical::Solver::new())
                } else {
                    cadical::Solver::new()
                };
                Self::Cadical(solver, 0)
            }
        }
    }

    /// A new variable, as its positive literal. `first` is the value the search tries first
    /// (`lbool::UNDEF`: the solver's choice); only `batsat` honours it.
    pub(super) fn new_var(&mut self, first: lbool) -> Lit {
        match self {
            Self::Batsat(s) => Lit::new(s.new_var(first, true), true),
            Self::Cadical(_, vars) => {
                let v = Var::unsafe_from_idx(*vars);
                *vars += 1;
                Lit::new(v, true)
            }
        }
    }

    /// Adds a clause (`clause` may be reordered). `false` once the formula is known to be
    /// unsatisfiable without search (`batsat` only: CaDiCaL says so when solving).
    pub(super) fn add_clause(&mut self, clause: &mut Vec<Lit>) -> bool {
        match self {
            Self::Batsat(s) => s.add_clause_reuse(clause),
            Self::Cadical(s, _) => {
                s.add_clause(clause.iter().map(|&l| dimacs(l)));
                true
            }
        }
    }

    /// Whether the clauses and the assumptions have a model.
    pub(super) fn solve(&mut self, assumptions: &[Lit]) -> bool {
        match self {
            Self::Batsat(s) => s.solve_limited(assumptions) == lbool::TRUE,
            Self::Cadical(s, _) => {
                s.solve_with(assumptions.iter().map(|&l| dimacs(l))) == Some(true)
            }
        }
    }

    /// Whether `lit` is true in the model of the last successful [`SatSolver::solve`].
    pub(super) fn is_true(&self, lit: Lit) -> bool {
        match self {
            Self::Batsat(s) => s.value_lit(lit) == lbool::TRUE,
            Self::Cadical(s, _) => s.value(dimacs(lit)) == Some(true),
        }
    }
}

/// The DIMACS literal of `lit`: variable index plus one, negative when negated.
fn dimacs(lit: Lit) -> i32 {
    let v = lit.var().idx() as i32 + 1;
    if lit.sign() { v } else { -v }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A literal over 8 variables: (variable, positive).
    type Literal = (u32, bool);

    /// Random clauses over 8 variables, and assumptions.
    fn formula() -> impl Strategy<Value = (Vec<Vec<Literal>>, Vec<Literal>)> {
        let lit = (0..8u32, any::<bool>());
        (
            prop::collection::vec(prop::collection::vec(lit.clone(), 1..4), 0..40),
            prop::collection::vec(lit, 0..3),
        )
    }

    /// The solver of `engine` with the clauses; `vars` is the size hint that picks CaDiCaL's
    /// configuration.
    fn load(engine: Engine, vars: usize, clauses: &[Vec<Literal>]) -> (SatSolver, Vec<Lit>) {
        let mut solver = SatSolver::new(engine, vars);
        let vars: Vec<Lit> = (0..8).map(|_| solver.new_var(lbool::UNDEF)).collect();
        for clause in clauses {
            let mut lits = clause.iter().map(|&(v, pos)| lit(&vars, v, pos)).collect();
            solver.add_clause(&mut lits);
        }
        (solver, vars)
    }

    fn lit(vars: &[Lit], v: u32, positive: bool) -> Lit {
        let l = vars[v as usize];
        if positive { l } else { !l }
    }

    proptest! {
        /// Both engines (CaDiCaL in both configurations) agree on satisfiability under
        /// assumptions, and a model satisfies every clause and assumption (this catches a wrong
        /// DIMACS translation for CaDiCaL).
        #[test]
        fn engines_agree_and_models_satisfy((clauses, assumed) in formula()) {
            let mut answers = Vec::new();
            for (engine, hint) in [
                (Engine::Batsat, 8),
                (Engine::Cadical, 8),
                (Engine::Cadical, SAT_CONFIG_MAX_VARS + 1),
            ] {
                let (mut solver, vars) = load(engine, hint, &clauses);
                let assumptions: Vec<Lit> =
                    assumed.iter().map(|&(v, pos)| lit(&vars, v, pos)).collect();
                let sat = solver.solve(&assumptions);
                if sat {
                    for clause in &clauses {
                        prop_assert!(clause.iter().any(|&(v, pos)| solver.is_true(lit(&vars, v, pos))));
                    }
                    for &a in &assumptions {
                        prop_assert!(solver.is_true(a));
                    }
                }
                answers.push(sat);
            }
            prop_assert_eq!(answers[0], answers[1]);
            prop_assert_eq!(answers[0], answers[2]);
        }
    }
}
