//! Semi-stable and stage semantics: the labellings of maximal range (the arguments IN or OUT)
//! among the complete labellings (semi-stable, Caminada 2006) or among the conflict-free sets
//! (stage, Verheij 1996). Both equal stable semantics when there is a stable extension.
//!
//! An extension is found by growing the range of any labelling until no labelling has a
//! strictly larger one; for stage, each conflict-free set the solver returns is first grown
//! greedily (every argument that conflicts with none of it is added), which leaves the solver
//! a few "larger range" questions instead of one per argument gained. Acceptance questions use the counter-example guided loop of CEGARTIX
//! (Dvořák et al. 2014): take a labelling that satisfies the query, grow its range while it
//! still satisfies it, and check that no labelling at all has a larger range; if one has, grow
//! that one to a maximal range `R`, ask for a labelling with range exactly `R` that satisfies
//! the query, and if there is none, rule out every range inside `R` and start again. Every
//! round rules out a maximal range, and all questions go to one incremental SAT solver.
//!
//! Stage questions first ask whether there is a stable extension (one SAT call on the stable
//! encoding, where the grounded part is fixed): if there is, the stage extensions are the stable
//! ones and the question is answered there, with no range to grow over the whole framework.

use batsat::Lit;

use super::super::framework::{Arg, ArgumentFramework};
use super::Acceptance;
use super::encoder::{Base, Encoder};

/// What a labelling must satisfy besides its base: nothing, or an argument IN, or not IN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Query {
    Any,
    In(Arg),
    NotIn(Arg),
}

impl Query {
    /// The query as assumptions.
    fn assumptions(self, enc: &Encoder) -> Vec<Lit> {
        match self {
            Query::Any => Vec::new(),
            Query::In(a) => vec![enc.in_lit(a)],
            Query::NotIn(a) => vec![!enc.in_lit(a)],
        }
    }
}

/// Grows the range of the labelling `ext` until no labelling that satisfies `query` has a
/// strictly larger one (on the conflict-free base, each set is grown greedily before the solver
/// is asked for a larger range). Returns the last labelling's IN arguments and range.
fn maximise_range(enc: &mut Encoder, mut ext: Vec<Arg>, query: Query) -> (Vec<Arg>, Vec<bool>) {
    let keep = query.assumptions(enc);
    loop {
        if enc.base() == Base::ConflictFree {
            ext = add_greedily(enc.af, ext, query);
        }
        let range = enc.range_of(&ext);
        let mut assumptions = enc.range_beyond(&range);
        let act = assumptions[0];
        assumptions.extend_from_slice(&keep);
        let next = enc.solve(&assumptions);
        enc.retire(act);
        match next {
            Some(e) => ext = e,
            None => return (ext, range),
        }
    }
}

/// The conflict-free set `ext` with every argument added, in turn, that conflicts with none of
/// it (neither attacks nor is attacked by a member, nor attacks itself) and that `query` allows.
/// A conflict-free set's range only grows as members are added, so this gets close to a
/// maximal range in O(n + m) and leaves the solver a few "larger range" questions instead of
/// one per argument gained.
fn add_greedily(af: &ArgumentFramework, mut ext: Vec<Arg>, query: Query) -> Vec<Arg> {
    // in_conflict[b]: b is a member, or attacks one, or is attacked by one.
    let mut in_conflict = vec![false; af.len()];
    let mark = |in_conflict: &mut [bool], a: Arg| {
        in_conflict[a as usize] = true;
        for &b in af.attackers(a).iter().chain(af.attacked_by(a)) {
            in_conflict[b as usize] = true;
        }
    };
    for &a in &ext {
        mark(&mut in_conflict, a);
    }
    for a in af.args() {
        if !in_conflict[a as usize] && !af.attacks(a, a) && query != Query::NotIn(a) {
            mark(&mut in_conflict, a);
            ext.push(a);
        }
    }
    ext.sort_unstable();
    ext
}

/// The stable encoding of `af`, when `af` has a stable extension: the extensions of maximal
/// range, semi-stable and stage alike, are then the stable ones. Asked first because on
/// CaDiCaL it is one quick call on most frameworks (the semi-stable problems took 1.14 times
/// less in geometric mean over 117 pairs, `ws-05000` 10 times less; a few DC-SST questions
/// that the range loop answers at once got 2 to 4 times slower). Returns the encoding and the
/// stable extension found, which may already answer the question.
fn stable_instead(af: &ArgumentFramework) -> Option<(Encoder<'_>, Vec<Arg>)> {
    let mut enc = Encoder::new(af, Base::Stable);
    let found = enc.solve(&[])?;
    Some((enc, found))
}

/// One extension of maximal range over `base` (semi-stable for the complete base, stage for the
/// conflict-free base). There always is one: the grounded extension is complete, the empty set
/// conflict-free.
pub(super) fn some_extension(af: &ArgumentFramework, base: Base) -> Option<Vec<Arg>> {
    if let Some((_, found)) = stable_instead(af) {
        return Some(found);
    }
    let mut enc = Encoder::new(af, base).with_range();
    let e = enc.solve(&[])?;
    Some(maximise_range(&mut enc, e, Query::Any).0)
}

/// An extension of maximal range whose labelling satisfies `query`, or `None` if there is none.
fn extension_with(enc: &mut Encoder, query: Query) -> Option<Vec<Arg>> {
    let keep = query.assumptions(enc);
    loop {
        let e = enc.solve(&keep)?;
        let (e, range) = maximise_range(enc, e, query);
        // Is this range maximal among all labellings, not only those satisfying the query?
        let assumptions = enc.range_beyond(&range);
        let bigger = enc.solve(&assumptions);
        enc.retire(assumptions[0]);
        let Some(bigger) = bigger else {
            return Some(e);
        };
        let (_, maximal) = maximise_range(enc, bigger, Query::Any);
        let mut assumptions = enc.range_exactly(&maximal);
        assumptions.extend_from_slice(&keep);
        let found = enc.solve(&assumptions);
        if found.is_some() {
            return found;
        }
        // No labelling with a range inside `maximal` satisfies the query with a maximal range.
        enc.exclude_ranges_within(&maximal);
    }
}

/// Credulous acceptance of `a`: an extension of maximal range over `base` that contains it.
pub(super) fn credulous(af: &ArgumentFramework, base: Base, a: Arg) -> Acceptance {
    let witness = match stable_instead(af) {
        // The stable extension found first answers when it contains `a`.
        Some((_, found)) if found.binary_search(&a).is_ok() => Some(found),
        Some((mut stable, _)) => {
            let query = stable.in_lit(a);
            stable.solve(&[query])
        }
        None => {
            let mut enc = Encoder::new(af, base).with_range();
            extension_with(&mut enc, Query::In(a))
        }
    };
    Acceptance {
        accepted: witness.is_some(),
        witness,
    }
}

/// Sceptical acceptance of `a`: the counter-example is an extension of maximal range over
/// `base` without it.
pub(super) fn sceptical(af: &ArgumentFramework, base: Base, a: Arg) -> Acceptance {
    let witness = match stable_instead(af) {
        // The stable extension found first is a counter-example when it lacks `a`.
        Some((_, found)) if found.binary_search(&a).is_err() => Some(found),
        Some((mut stable, _)) => {
            let query = !stable.in_lit(a);
            stable.solve(&[query])
        }
        None => {
            let mut enc = Encoder::new(af, base).with_range();
            extension_with(&mut enc, Query::NotIn(a))
        }
    };
    Acceptance {
        accepted: witness.is_none(),
        witness,
    }
}

/// Every extension of maximal range over `base` (exponentially many at worst: for small
/// frameworks).
pub(super) fn extensions(af: &ArgumentFramework, base: Base) -> Vec<Vec<Arg>> {
    let mut enc = Encoder::new(af, base).with_range();
    let mut all = Vec::new();
    while let Some(e) = enc.solve(&[]) {
        let (_, range) = maximise_range(&mut enc, e, Query::Any);
        // Every labelling with exactly this range is an extension.
        let assumptions = enc.range_exactly(&range);
        while let Some(s) = enc.solve(&assumptions) {
            enc.block_exact(&s);
            all.push(s);
        }
        // From now on, only ranges that are not inside this one.
        enc.exclude_ranges_within(&range);
    }
    all
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Query, add_greedily};
    use crate::semantics::framework::{Arg, ArgumentFramework};

    /// A framework of up to 10 arguments, a conflict-free start set in it, and a query.
    fn case() -> impl Strategy<Value = (ArgumentFramework, Vec<Arg>, Query)> {
        (1usize..=10)
            .prop_flat_map(|n| {
                let edge = (0..n as Arg, 0..n as Arg);
                (
                    Just(n),
                    proptest::collection::vec(edge, 0..=3 * n),
                    proptest::collection::vec(0..n as Arg, 0..n),
                    (0u8..3, 0..n as Arg),
                )
            })
            .prop_map(|(n, attacks, candidates, (kind, a))| {
                let af = ArgumentFramework::new(n, &attacks).expect("arguments in range");
                // Keep the candidates that conflict with none kept before (and not self-attacking).
                let mut start: Vec<Arg> = Vec::new();
                for c in candidates {
                    if !start.contains(&c)
                        && !af.attacks(c, c)
                        && start
                            .iter()
                            .all(|&s| !af.attacks(s, c) && !af.attacks(c, s))
                    {
                        start.push(c);
                    }
                }
                let query = match kind {
                    0 => Query::Any,
                    1 if start
                        .iter()
                        .all(|&s| !af.attacks(s, a) && !af.attacks(a, s))
                        && !af.attacks(a, a) =>
                    {
                        if !start.contains(&a) {
                            start.push(a);
                        }
                        Query::In(a)
                    }
                    _ => {
                        start.retain(|&s| s != a);
                        Query::NotIn(a)
                    }
                };
                start.sort_unstable();
                (af, start, query)
            })
    }

    proptest! {
        /// The greedy step keeps what it was given, stays conflict-free, honours the query, and
        /// leaves no argument that could still be added.
        #[test]
        fn greedy_growth_is_a_maximal_conflict_free_superset((af, start, query) in case()) {
            let grown = add_greedily(&af, start.clone(), query);
            prop_assert!(grown.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
            prop_assert!(start.iter().all(|a| grown.binary_search(a).is_ok()));
            for &a in &grown {
                for &b in &grown {
                    prop_assert!(!af.attacks(a, b), "{a} attacks {b} inside {grown:?}");
                }
            }
            match query {
                Query::In(a) => prop_assert!(grown.binary_search(&a).is_ok()),
                Query::NotIn(a) => prop_assert!(grown.binary_search(&a).is_err()),
                Query::Any => {}
            }
            for c in af.args() {
                let addable = grown.binary_search(&c).is_err()
                    && !af.attacks(c, c)
                    && grown.iter().all(|&g| !af.attacks(g, c) && !af.attacks(c, g))
                    && query != Query::NotIn(c);
                prop_assert!(!addable, "{c} could still be added to {grown:?}");
            }
        }
    }
}
