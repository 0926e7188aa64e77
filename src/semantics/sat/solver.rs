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
    /// An empty solver of the given engine.
    pub(super) fn new(engine: Engine) -> Self {
        match engine {
            Engine::Batsat => Self::Batsat(Box::default()),
            Engine::Cadical => Self::Cadical(cadical::Solver::new(), 0),
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

    fn load(engine: Engine, clauses: &[Vec<Literal>]) -> (SatSolver, Vec<Lit>) {
        let mut solver = SatSolver::new(engine);
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
        /// Both engines agree on satisfiability under assumptions, and a model satisfies every
        /// clause and assumption (this catches a wrong DIMACS translation for CaDiCaL).
        #[test]
        fn engines_agree_and_models_satisfy((clauses, assumed) in formula()) {
            let mut answers = Vec::new();
            for engine in [Engine::Batsat, Engine::Cadical] {
                let (mut solver, vars) = load(engine, &clauses);
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
        }
    }
}
