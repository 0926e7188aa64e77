//! Why an argument has its status: explanations as data, for a front end to put in words.
//!
//! - Under **grounded** semantics an IN or OUT argument has a *justification*: it is IN because
//!   every attacker is OUT; an attacker is OUT because some IN argument (its *defeater*)
//!   attacks it; and so on down to unattacked arguments (Modgil & Caminada 2009, the
//!   "why" of the grounded game). The trace of the linear-time algorithm gives it directly,
//!   and it always ends: each defeater was settled in an earlier round.
//! - An UNDEC argument is *left open* by a cycle of attacks among undecided arguments; the
//!   explanation gives that cycle and the chain of attacks from it to the argument. An odd
//!   cycle (like "a attacks b attacks c attacks a") can be resolved by no labelling; an even
//!   one can be resolved either way, and preferred or stable semantics do so.
//! - Under the other semantics: a *defence* (an admissible set containing the argument, each
//!   attacker paired with a member that answers it) when some extension accepts it; and a
//!   *counter-example* (an extension that does not accept it, with the member that defeats it
//!   there and that member's defence, or the cycle that leaves it open) when not every
//!   extension does.

use super::framework::{Arg, ArgOutOfRange, ArgumentFramework};
use super::grounded::{NO_ARG, grounded_trace};
use super::{Label, Labelling, Semantics, credulous, evaluate, sceptical};

/// One step of a grounded justification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The argument.
    pub arg: Arg,
    /// Its label.
    pub label: Label,
    /// For IN: all its attackers (each OUT, each with its own step). For OUT: its defeater
    /// (IN). Empty for an unattacked IN argument.
    pub because: Vec<Arg>,
}

/// A set of arguments that defends one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defence {
    /// The admissible set, in increasing order.
    pub set: Vec<Arg>,
    /// Every attack on a member, `(attacker, answered by)`: the second is a member of the set
    /// that attacks the attacker.
    pub answers: Vec<(Arg, Arg)>,
}

/// A cycle of undecided arguments that leaves an argument open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    /// The cycle, in attack order: each attacks the next, and the last attacks the first.
    pub cycle: Vec<Arg>,
    /// The chain from the cycle to the argument, in attack order: the first is on the cycle,
    /// each attacks the next, the last is the argument. Just the argument if it is on the cycle.
    pub chain: Vec<Arg>,
}

impl Open {
    /// Whether the cycle is odd (no labelling can resolve it; no stable extension can contain
    /// a resolution of it either).
    pub fn is_odd(&self) -> bool {
        self.cycle.len() % 2 == 1
    }
}

/// An extension that does not accept the argument, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    /// The extension.
    pub extension: Vec<Arg>,
    /// The argument's label in the extension's labelling (OUT or UNDEC).
    pub label: Label,
    /// When OUT: a member of the extension attacking the argument, and a defence of it.
    pub defeated_by: Option<(Arg, Defence)>,
    /// When UNDEC: the cycle that leaves it open in that labelling.
    pub open: Option<Open>,
}

/// Why an argument has its status under a semantics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The argument explained.
    pub arg: Arg,
    /// The semantics.
    pub semantics: Semantics,
    /// Its status (as in [`evaluate`]).
    pub status: Label,
    /// Whether some extension contains it.
    pub credulous: bool,
    /// Whether the semantics has an extension at all (false only for stable semantics).
    pub has_extension: bool,
    /// Grounded semantics, IN or OUT: the justification, root first, every argument once.
    pub justification: Vec<Step>,
    /// Grounded semantics, UNDEC: the cycle that leaves it open.
    pub open: Option<Open>,
    /// Other semantics, when some extension contains it: a defence.
    pub defence: Option<Defence>,
    /// Other semantics, when some extension does not contain it: a counter-example.
    pub counter: Option<Counter>,
}

/// The justification of a grounded IN or OUT argument (empty for UNDEC), root first.
pub fn grounded_justification(af: &ArgumentFramework, a: Arg) -> Result<Vec<Step>, ArgOutOfRange> {
    if a as usize >= af.len() {
        return Err(ArgOutOfRange {
            arg: u64::from(a),
            n: af.len(),
        });
    }
    let trace = grounded_trace(af);
    let labels = trace.labelling.labels();
    if labels[a as usize] == Label::Undec {
        return Ok(Vec::new());
    }
    let mut seen = vec![false; af.len()];
    let mut steps = Vec::new();
    let mut queue = std::collections::VecDeque::from([a]);
    seen[a as usize] = true;
    while let Some(x) = queue.pop_front() {
        let label = labels[x as usize];
        let because: Vec<Arg> = match label {
            Label::In => af.attackers(x).to_vec(),
            _ => {
                let d = trace.defeater[x as usize];
                if d == NO_ARG { Vec::new() } else { vec![d] }
            }
        };
        for &y in &because {
            if !seen[y as usize] {
                seen[y as usize] = true;
                queue.push_back(y);
            }
        }
        steps.push(Step {
            arg: x,
            label,
            because,
        });
    }
    Ok(steps)
}

/// The cycle of undecided arguments (in `labelling`, a complete labelling) that leaves the
/// UNDEC argument `a` open; `None` if `a` is not UNDEC.
pub fn open_cycle(af: &ArgumentFramework, labelling: &Labelling, a: Arg) -> Option<Open> {
    let undec = |x: Arg| labelling.get(x) == Some(Label::Undec);
    if !undec(a) {
        return None;
    }
    // Walk back along undecided attackers (a complete labelling gives every UNDEC argument
    // one) until an argument repeats.
    let mut path = vec![a];
    let mut index = vec![usize::MAX; af.len()];
    index[a as usize] = 0;
    loop {
        let cur = *path.last()?;
        let attackers = af.attackers(cur);
        // Prefer closing the cycle as early as possible.
        let back = attackers
            .iter()
            .copied()
            .filter(|&b| undec(b) && index[b as usize] != usize::MAX)
            .min_by_key(|&b| std::cmp::Reverse(index[b as usize]));
        let next = back.or_else(|| attackers.iter().copied().find(|&b| undec(b)))?;
        if index[next as usize] != usize::MAX {
            let start = index[next as usize];
            let mut cycle: Vec<Arg> = path[start..].to_vec();
            cycle.reverse();
            let mut chain: Vec<Arg> = path[..=start].to_vec();
            chain.reverse();
            return Some(Open { cycle, chain });
        }
        index[next as usize] = path.len();
        path.push(next);
    }
}

/// A defence of `a` inside the admissible set `ext` (which must contain `a`): the arguments
/// of `ext` reached from `a` by answering every attack.
pub fn defence_within(af: &ArgumentFramework, ext: &[Arg], a: Arg) -> Option<Defence> {
    let mut member = vec![false; af.len()];
    for &x in ext {
        *member.get_mut(x as usize)? = true;
    }
    if !*member.get(a as usize)? {
        return None;
    }
    let mut chosen = vec![false; af.len()];
    chosen[a as usize] = true;
    let mut queue = vec![a];
    let mut answers = Vec::new();
    while let Some(x) = queue.pop() {
        for &b in af.attackers(x) {
            let d = af
                .attackers(b)
                .iter()
                .copied()
                .filter(|&d| member[d as usize])
                .min_by_key(|&d| !chosen[d as usize])?;
            answers.push((b, d));
            if !chosen[d as usize] {
                chosen[d as usize] = true;
                queue.push(d);
            }
        }
    }
    answers.sort_unstable();
    answers.dedup();
    let set = (0..af.len() as Arg)
        .filter(|&x| chosen[x as usize])
        .collect();
    Some(Defence { set, answers })
}

/// Explains the status of `a` under `sem`.
pub fn explain(
    af: &ArgumentFramework,
    sem: Semantics,
    a: Arg,
) -> Result<Explanation, ArgOutOfRange> {
    if a as usize >= af.len() {
        return Err(ArgOutOfRange {
            arg: u64::from(a),
            n: af.len(),
        });
    }
    let ev = evaluate(af, sem);
    let mut out = Explanation {
        arg: a,
        semantics: sem,
        status: ev.labels[a as usize],
        credulous: ev.credulous[a as usize],
        has_extension: ev.has_extension,
        justification: Vec::new(),
        open: None,
        defence: None,
        counter: None,
    };
    if sem == Semantics::Grounded {
        out.justification = grounded_justification(af, a)?;
        let g = grounded_trace(af).labelling;
        out.open = open_cycle(af, &g, a);
        return Ok(out);
    }
    if !ev.has_extension {
        return Ok(out);
    }
    let cred = credulous(af, sem, a)?;
    if let Some(w) = &cred.witness {
        out.defence = defence_within(af, w, a);
    }
    let scep = sceptical(af, sem, a)?;
    if let Some(e) = scep.witness {
        let labelling = Labelling::from_extension(af, &e);
        let label = labelling.get(a).unwrap_or(Label::Undec);
        let defeated_by = (label == Label::Out)
            .then(|| {
                let d = af
                    .attackers(a)
                    .iter()
                    .copied()
                    .find(|d| e.binary_search(d).is_ok())?;
                Some((d, defence_within(af, &e, d)?))
            })
            .flatten();
        let open = open_cycle(af, &labelling, a);
        out.counter = Some(Counter {
            extension: e,
            label,
            defeated_by,
            open,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::{extensions, grounded_labelling};
    use proptest::prelude::*;

    fn framework() -> impl Strategy<Value = ArgumentFramework> {
        (1usize..=9).prop_flat_map(|n| {
            proptest::collection::vec((0..n as Arg, 0..n as Arg), 0..=2 * n).prop_map(move |e| {
                ArgumentFramework::new(n, &e).unwrap_or_else(|_| ArgumentFramework::empty(n))
            })
        })
    }

    fn admissible(af: &ArgumentFramework, set: &[Arg]) -> bool {
        let has = |x: Arg| set.contains(&x);
        let conflict_free = set
            .iter()
            .all(|&x| af.attacked_by(x).iter().all(|&y| !has(y)));
        let defended = set.iter().all(|&x| {
            af.attackers(x)
                .iter()
                .all(|&b| af.attackers(b).iter().any(|&d| has(d)))
        });
        conflict_free && defended
    }

    proptest! {
        /// Every grounded justification is well-founded and checks out: IN steps list every
        /// attacker, OUT steps an IN attacker, and every mentioned argument has its step.
        #[test]
        fn grounded_justifications_check_out(af in framework()) {
            let g = grounded_labelling(&af);
            for a in af.args() {
                let steps = grounded_justification(&af, a).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let label = g.labels()[a as usize];
                prop_assert_eq!(steps.is_empty(), label == Label::Undec);
                for s in &steps {
                    prop_assert_eq!(s.label, g.labels()[s.arg as usize]);
                    match s.label {
                        Label::In => prop_assert_eq!(&s.because, &af.attackers(s.arg).to_vec()),
                        Label::Out => {
                            prop_assert_eq!(s.because.len(), 1);
                            prop_assert!(af.attacks(s.because[0], s.arg));
                            prop_assert_eq!(g.labels()[s.because[0] as usize], Label::In);
                        }
                        Label::Undec => prop_assert!(false, "UNDEC step"),
                    }
                    for b in &s.because {
                        prop_assert!(steps.iter().any(|t| t.arg == *b));
                    }
                }
            }
        }

        /// Open cycles are real cycles of undecided arguments leading to the argument.
        #[test]
        fn open_cycles_are_cycles(af in framework()) {
            let g = grounded_labelling(&af);
            for a in af.args() {
                let open = open_cycle(&af, &g, a);
                prop_assert_eq!(open.is_some(), g.labels()[a as usize] == Label::Undec);
                if let Some(o) = open {
                    let k = o.cycle.len();
                    prop_assert!(k >= 1);
                    for i in 0..k {
                        prop_assert!(af.attacks(o.cycle[i], o.cycle[(i + 1) % k]));
                    }
                    prop_assert!(o.cycle.contains(&o.chain[0]));
                    prop_assert_eq!(*o.chain.last().unwrap_or(&u32::MAX), a);
                    for w in o.chain.windows(2) {
                        prop_assert!(af.attacks(w[0], w[1]));
                    }
                    for x in o.cycle.iter().chain(&o.chain) {
                        prop_assert_eq!(g.labels()[*x as usize], Label::Undec);
                    }
                }
            }
        }

        /// Defences are admissible sets containing the argument; counter-examples are
        /// extensions without it.
        #[test]
        fn defences_and_counters_are_sound(af in framework(), sem_ix in 0usize..3) {
            let sem = [Semantics::Complete, Semantics::Preferred, Semantics::Stable][sem_ix];
            let all = extensions(&af, sem);
            for a in af.args() {
                let ex = explain(&af, sem, a).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(ex.defence.is_some(), ex.credulous);
                if let Some(d) = &ex.defence {
                    prop_assert!(d.set.contains(&a));
                    prop_assert!(admissible(&af, &d.set));
                    for &(b, by) in &d.answers {
                        prop_assert!(af.attacks(by, b) && d.set.contains(&by));
                    }
                }
                if let Some(c) = &ex.counter {
                    prop_assert!(all.contains(&c.extension));
                    prop_assert!(!c.extension.contains(&a));
                    prop_assert_eq!(c.defeated_by.is_some(), c.label == Label::Out);
                    prop_assert_eq!(c.open.is_some(), c.label == Label::Undec);
                }
                prop_assert_eq!(ex.counter.is_none(), all.iter().all(|e| e.contains(&a)));
            }
        }
    }
}
