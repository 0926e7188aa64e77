//! Checks of every semantics against a brute-force oracle written straight from the
//! definitions (Dung 1995; Caminada 2006 for semi-stable; Dung, Mancarella & Toni 2007 for
//! ideal; Verheij 1996 for stage): exhaustively on every framework with up to 4 arguments, and by property tests on
//! random frameworks with up to 12 arguments.

use proptest::prelude::*;

use super::*;

/// A set of arguments as a bit mask (n <= 16).
type Set = u32;

/// The brute-force oracle: every subset, every definition taken literally.
struct Oracle {
    n: usize,
    /// `att[a]`: the arguments `a` attacks.
    att: Vec<Set>,
    /// `by[a]`: the attackers of `a`.
    by: Vec<Set>,
}

impl Oracle {
    fn new(n: usize, attacks: &[(Arg, Arg)]) -> Self {
        let mut att = vec![0; n];
        let mut by = vec![0; n];
        for &(a, b) in attacks {
            att[a as usize] |= 1 << b;
            by[b as usize] |= 1 << a;
        }
        Self { n, att, by }
    }

    fn all(&self) -> impl Iterator<Item = Set> + use<> {
        0..(1u32 << self.n)
    }

    fn members(&self, s: Set) -> impl Iterator<Item = usize> + use<> {
        let n = self.n;
        (0..n).filter(move |&a| s & (1 << a) != 0)
    }

    /// The arguments attacked by some member of `s`.
    fn attacked(&self, s: Set) -> Set {
        self.members(s).fold(0, |acc, a| acc | self.att[a])
    }

    fn conflict_free(&self, s: Set) -> bool {
        self.attacked(s) & s == 0
    }

    /// `s` defends `a`: every attacker of `a` is attacked by `s`.
    fn defends(&self, s: Set, a: usize) -> bool {
        self.by[a] & !self.attacked(s) == 0
    }

    fn admissible(&self, s: Set) -> bool {
        self.conflict_free(s) && self.members(s).all(|a| self.defends(s, a))
    }

    fn complete(&self, s: Set) -> bool {
        self.admissible(s) && (0..self.n).all(|a| !self.defends(s, a) || s & (1 << a) != 0)
    }

    fn stable(&self, s: Set) -> bool {
        let everything = (1u32 << self.n) - 1;
        self.conflict_free(s) && (s | self.attacked(s)) == everything
    }

    fn range(&self, s: Set) -> Set {
        s | self.attacked(s)
    }

    /// The members of `family` maximal for `key` under inclusion.
    fn maximal(family: &[Set], key: impl Fn(Set) -> Set) -> Vec<Set> {
        family
            .iter()
            .copied()
            .filter(|&s| {
                !family
                    .iter()
                    .any(|&t| key(s) != key(t) && key(s) & key(t) == key(s))
            })
            .collect()
    }

    fn extensions(&self, sem: Semantics) -> Vec<Set> {
        let admissible: Vec<Set> = self.all().filter(|&s| self.admissible(s)).collect();
        let complete: Vec<Set> = self.all().filter(|&s| self.complete(s)).collect();
        let mut out = match sem {
            Semantics::Complete => complete,
            Semantics::Stable => self.all().filter(|&s| self.stable(s)).collect(),
            Semantics::Preferred => Self::maximal(&admissible, |s| s),
            Semantics::Grounded => {
                // The least complete extension: a complete extension inside every other.
                complete
                    .iter()
                    .copied()
                    .filter(|&g| complete.iter().all(|&c| g & c == g))
                    .collect()
            }
            Semantics::SemiStable => Self::maximal(&admissible, |s| self.range(s))
                .into_iter()
                .filter(|&s| {
                    // Maximal range among admissible sets: no admissible set has a strictly
                    // larger range.
                    !admissible.iter().any(|&t| {
                        let (rs, rt) = (self.range(s), self.range(t));
                        rs != rt && rs & rt == rs
                    })
                })
                .collect(),
            Semantics::Stage => {
                let conflict_free: Vec<Set> =
                    self.all().filter(|&s| self.conflict_free(s)).collect();
                conflict_free
                    .iter()
                    .copied()
                    .filter(|&s| {
                        // No conflict-free set has a strictly larger range.
                        !conflict_free.iter().any(|&t| {
                            let (rs, rt) = (self.range(s), self.range(t));
                            rs != rt && rs & rt == rs
                        })
                    })
                    .collect()
            }
            Semantics::Ideal => {
                let preferred = Self::maximal(&admissible, |s| s);
                let meet = preferred.iter().fold(!0u32, |acc, &p| acc & p);
                let inside: Vec<Set> = admissible
                    .iter()
                    .copied()
                    .filter(|&s| s & meet == s)
                    .collect();
                Self::maximal(&inside, |s| s)
            }
        };
        out.sort();
        out.dedup();
        out
    }
}

fn to_set(ext: &[Arg]) -> Set {
    ext.iter().fold(0, |acc, &a| acc | (1 << a))
}

/// Which acceptance questions to check, besides the extensions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Queries {
    /// The SAT-heavy questions only: credulous and sceptical acceptance under preferred,
    /// stable, semi-stable and stage semantics, and the evaluation under complete, preferred
    /// and stable semantics. (Grounded and ideal answers are read off their extensions, and
    /// the evaluation under semi-stable and stage semantics off their enumeration; every
    /// question is still checked on all frameworks of up to 3 arguments and by the property
    /// tests.)
    Main,
    /// Under every semantics.
    All,
}

/// Compares every answer of the implementation on one framework with the oracle.
fn check_framework(n: usize, attacks: &[(Arg, Arg)], queries: Queries) -> Result<(), String> {
    let af = ArgumentFramework::new(n, attacks).map_err(|e| e.to_string())?;
    let oracle = Oracle::new(n, attacks);
    let ctx = || format!("n = {n}, attacks = {attacks:?}");
    for sem in Semantics::ALL {
        let expected = oracle.extensions(sem);
        let got: Vec<Set> = extensions(&af, sem).iter().map(|e| to_set(e)).collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        if got_sorted != expected || got.len() != expected.len() {
            return Err(format!(
                "{sem}: expected {expected:?}, got {got:?} ({})",
                ctx()
            ));
        }
        if sem.is_unique() && expected.len() != 1 {
            return Err(format!("{sem} must have exactly one extension ({})", ctx()));
        }
        match some_extension(&af, sem) {
            Some(e) if !expected.contains(&to_set(&e)) => {
                return Err(format!(
                    "{sem}: some_extension {e:?} is not an extension ({})",
                    ctx()
                ));
            }
            None if !expected.is_empty() => {
                return Err(format!("{sem}: some_extension found none ({})", ctx()));
            }
            _ => {}
        }
        let evaluated = match queries {
            Queries::Main => matches!(
                sem,
                Semantics::Complete | Semantics::Preferred | Semantics::Stable
            ),
            Queries::All => true,
        };
        let ev = if evaluated {
            evaluate(&af, sem)
        } else {
            continue;
        };
        if ev.has_extension == expected.is_empty() {
            return Err(format!(
                "{sem}: evaluate has_extension = {} ({})",
                ev.has_extension,
                ctx()
            ));
        }
        for a in 0..n {
            let bit = 1u32 << a;
            let label = if expected.is_empty() {
                Label::Undec
            } else if expected.iter().all(|&e| e & bit != 0) {
                Label::In
            } else if expected.iter().all(|&e| oracle.attacked(e) & bit != 0) {
                Label::Out
            } else {
                Label::Undec
            };
            let cred = expected.iter().any(|&e| e & bit != 0);
            if ev.labels[a] != label || ev.credulous[a] != cred {
                return Err(format!(
                    "{sem}: evaluate({a}) = {:?}/{}, expected {label:?}/{cred} ({})",
                    ev.labels[a],
                    ev.credulous[a],
                    ctx()
                ));
            }
        }
        let asked = match queries {
            Queries::Main => matches!(
                sem,
                Semantics::Preferred | Semantics::Stable | Semantics::SemiStable | Semantics::Stage
            ),
            Queries::All => true,
        };
        if !asked {
            continue;
        }
        for a in 0..n as Arg {
            let bit = 1 << a;
            let cred = credulous(&af, sem, a).map_err(|e| e.to_string())?;
            let cred_expected = expected.iter().any(|&e| e & bit != 0);
            if cred.accepted != cred_expected {
                return Err(format!(
                    "{sem}: credulous({a}) = {} ({})",
                    cred.accepted,
                    ctx()
                ));
            }
            match &cred.witness {
                Some(w)
                    if !(cred.accepted
                        && expected.contains(&to_set(w))
                        && to_set(w) & bit != 0) =>
                {
                    return Err(format!(
                        "{sem}: bad credulous witness {w:?} for {a} ({})",
                        ctx()
                    ));
                }
                None if cred.accepted => {
                    return Err(format!("{sem}: no credulous witness ({})", ctx()));
                }
                _ => {}
            }
            let scep = sceptical(&af, sem, a).map_err(|e| e.to_string())?;
            let scep_expected = expected.iter().all(|&e| e & bit != 0);
            if scep.accepted != scep_expected {
                return Err(format!(
                    "{sem}: sceptical({a}) = {} ({})",
                    scep.accepted,
                    ctx()
                ));
            }
            match &scep.witness {
                Some(w)
                    if !(!scep.accepted
                        && expected.contains(&to_set(w))
                        && to_set(w) & bit == 0) =>
                {
                    return Err(format!(
                        "{sem}: bad sceptical witness {w:?} for {a} ({})",
                        ctx()
                    ));
                }
                None if !scep.accepted => {
                    return Err(format!("{sem}: no sceptical witness ({})", ctx()));
                }
                _ => {}
            }
        }
    }
    // Labellings: the grounded labelling is the one its extension induces, and it is a
    // complete labelling (IN iff all attackers OUT, OUT iff some attacker IN).
    let g = grounded_labelling(&af);
    if g != Labelling::from_extension(&af, &g.in_args()) {
        return Err(format!(
            "grounded labelling differs from its extension's ({})",
            ctx()
        ));
    }
    for a in af.args() {
        let label = g.labels()[a as usize];
        let all_out = af
            .attackers(a)
            .iter()
            .all(|&b| g.labels()[b as usize] == Label::Out);
        let some_in = af
            .attackers(a)
            .iter()
            .any(|&b| g.labels()[b as usize] == Label::In);
        if (label == Label::In) != all_out || (label == Label::Out) != some_in {
            return Err(format!(
                "grounded labelling is not complete at {a} ({})",
                ctx()
            ));
        }
    }
    Ok(())
}

/// The attack relation whose bits are `mask` (bit `a * n + b` = `a` attacks `b`).
fn attacks_of(n: usize, mask: u32) -> Vec<(Arg, Arg)> {
    (0..n * n)
        .filter(|&i| mask & (1 << i) != 0)
        .map(|i| ((i / n) as Arg, (i % n) as Arg))
        .collect()
}

fn exhaustive(n: usize, part: u32, parts: u32, queries: Queries) {
    let total = 1u32 << (n * n);
    for mask in (0..total).filter(|m| m % parts == part) {
        let attacks = attacks_of(n, mask);
        if let Err(e) = check_framework(n, &attacks, queries) {
            panic!("{e}");
        }
    }
}

#[test]
fn exhaustive_up_to_three_arguments() {
    for n in 0..=3 {
        exhaustive(n, 0, 1, Queries::All);
    }
}

// All 65 536 attack relations on four arguments, split in four tests so that they run in
// parallel.
#[test]
fn exhaustive_four_arguments_0() {
    exhaustive(4, 0, 4, Queries::Main);
}

#[test]
fn exhaustive_four_arguments_1() {
    exhaustive(4, 1, 4, Queries::Main);
}

#[test]
fn exhaustive_four_arguments_2() {
    exhaustive(4, 2, 4, Queries::Main);
}

#[test]
fn exhaustive_four_arguments_3() {
    exhaustive(4, 3, 4, Queries::Main);
}

fn framework_strategy(max_n: usize) -> impl Strategy<Value = (usize, Vec<(Arg, Arg)>)> {
    (1..=max_n).prop_flat_map(|n| {
        let edge = (0..n as Arg, 0..n as Arg);
        (
            Just(n),
            proptest::collection::vec(edge, 0..=(n * n).min(3 * n)),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_frameworks_match_oracle((n, attacks) in framework_strategy(12)) {
        let r = check_framework(n, &attacks, if n <= 8 { Queries::All } else { Queries::Main });
        prop_assert!(r.is_ok(), "{}", r.err().unwrap_or_default());
    }
}

/// Preferred semantics on many independent choices: 2 000 disjoint mutual attacks, which
/// grounded semantics leaves wholly undecided. Every preferred extension takes exactly one
/// argument of each pair, so SE-PR, the DC-PR witness and the DS-PR counter-example must all be
/// such sets. (The in-first decisions of the SAT encoding find them in a few SAT calls instead of
/// one per pair; this checks that the heuristic leaves the answers right at that size.)
#[test]
fn preferred_on_many_disjoint_choices() {
    let k: Arg = 2000;
    let attacks: Vec<(Arg, Arg)> = (0..k)
        .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
        .collect();
    let af = ArgumentFramework::new(2 * k as usize, &attacks).unwrap();
    let one_of_each = |e: &[Arg]| {
        let mut member = vec![false; af.len()];
        for &a in e {
            member[a as usize] = true;
        }
        e.len() == k as usize
            && (0..k).all(|i| member[2 * i as usize] != member[2 * i as usize + 1])
    };
    let e = some_extension(&af, Semantics::Preferred).unwrap();
    assert!(one_of_each(&e));
    let c = credulous(&af, Semantics::Preferred, 7).unwrap();
    let w = c.witness.unwrap();
    assert!(c.accepted && one_of_each(&w) && w.contains(&7));
    let s = sceptical(&af, Semantics::Preferred, 6).unwrap();
    let w = s.witness.unwrap();
    assert!(!s.accepted && one_of_each(&w) && !w.contains(&6));
}

/// `least_complete_containing` (which closes the admissible sets the preferred loops find) on
/// every framework of up to 4 arguments and every admissible set in it: the result is the
/// least complete extension that contains the set.
#[test]
fn least_complete_containing_matches_oracle() {
    for n in 0..=4 {
        for mask in 0..1u32 << (n * n) {
            let attacks = attacks_of(n, mask);
            let af = ArgumentFramework::new(n, &attacks).expect("valid");
            let oracle = Oracle::new(n, &attacks);
            for s in oracle.all().filter(|&s| oracle.admissible(s)) {
                let members: Vec<Arg> = oracle.members(s).map(|a| a as Arg).collect();
                let got = to_set(&super::grounded::least_complete_containing(&af, &members));
                // Complete extensions containing `s`; the least one is inside all the others.
                let above: Vec<Set> = oracle
                    .all()
                    .filter(|&c| c & s == s && oracle.complete(c))
                    .collect();
                assert!(
                    above.contains(&got) && above.iter().all(|&c| c & got == got),
                    "n = {n}, attacks = {attacks:?}, set {s:#b}: got {got:#b}, complete above: \
                     {above:?}"
                );
            }
        }
    }
}
