//! Grounded semantics in linear time, with the trace that explains it.
//!
//! The algorithm is the standard counting one (the "modified" grounded labelling of Modgil &
//! Caminada 2009, Algorithm 6.1, run with a work queue): every argument keeps the number of its
//! attackers that are not yet OUT; an argument whose count reaches zero is IN, everything it
//! attacks becomes OUT, and each new OUT argument decrements the counts of the arguments it
//! attacks. Every attack is looked at at most twice, so the whole run is O(n + m).

use super::framework::{Arg, ArgumentFramework};
use super::{Label, Labelling};

/// No argument: the marker used in [`GroundedTrace::defeater`] for arguments that are not OUT.
pub const NO_ARG: Arg = Arg::MAX;

/// The grounded labelling together with the reasons behind each label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroundedTrace {
    /// The grounded labelling (IN = the grounded extension).
    pub labelling: Labelling,
    /// For an OUT argument, the IN attacker that first put it OUT; [`NO_ARG`] otherwise.
    pub defeater: Vec<Arg>,
    /// For an IN argument, the round in which it became IN (0 for unattacked arguments);
    /// for an OUT argument, the round of its defeater; `u32::MAX` for UNDEC.
    pub round: Vec<u32>,
}

/// The grounded labelling of `af`: IN is the grounded extension (the least complete extension),
/// OUT the arguments it attacks, UNDEC the rest. O(n + m).
pub fn grounded_labelling(af: &ArgumentFramework) -> Labelling {
    grounded_trace(af).labelling
}

/// The grounded extension of `af`, in increasing order.
pub fn grounded_extension(af: &ArgumentFramework) -> Vec<Arg> {
    grounded_labelling(af).in_args()
}

/// The grounded labelling with its justification: who defeated each OUT argument and in which
/// round each argument was settled. O(n + m).
pub fn grounded_trace(af: &ArgumentFramework) -> GroundedTrace {
    let n = af.len();
    let mut labels = vec![Label::Undec; n];
    let mut defeater = vec![NO_ARG; n];
    let mut round = vec![u32::MAX; n];
    // Number of attackers not yet OUT.
    let mut live: Vec<u32> = (0..n as Arg)
        .map(|a| af.attackers(a).len() as u32)
        .collect();
    let mut queue: Vec<Arg> = (0..n as Arg).filter(|&a| live[a as usize] == 0).collect();
    for &a in &queue {
        round[a as usize] = 0;
    }
    let mut head = 0;
    while head < queue.len() {
        let a = queue[head];
        head += 1;
        let ai = a as usize;
        labels[ai] = Label::In;
        let r = round[ai];
        for &b in af.attacked_by(a) {
            let bi = b as usize;
            if labels[bi] != Label::Undec {
                continue;
            }
            labels[bi] = Label::Out;
            defeater[bi] = a;
            round[bi] = r;
            for &c in af.attacked_by(b) {
                let ci = c as usize;
                live[ci] -= 1;
                if live[ci] == 0 && labels[ci] == Label::Undec {
                    round[ci] = r + 1;
                    queue.push(c);
                }
            }
        }
    }
    GroundedTrace {
        labelling: Labelling::from_labels(labels),
        defeater,
        round,
    }
}

/// The least complete extension containing the admissible set `admissible`: the same counting
/// propagation as the grounded labelling, started with `admissible` IN as well as the
/// unattacked arguments (the least fixpoint of the characteristic function above an admissible
/// set is complete; Dung 1995). Returned in increasing order. O(n + m).
///
/// `admissible` must be admissible; otherwise the result is some superset of it, not
/// necessarily complete.
pub(crate) fn least_complete_containing(af: &ArgumentFramework, admissible: &[Arg]) -> Vec<Arg> {
    let n = af.len();
    let mut labels = vec![Label::Undec; n];
    // Number of attackers not yet OUT.
    let mut live: Vec<u32> = (0..n as Arg)
        .map(|a| af.attackers(a).len() as u32)
        .collect();
    let mut queue: Vec<Arg> = admissible.to_vec();
    queue.extend((0..n as Arg).filter(|&a| live[a as usize] == 0));
    let mut head = 0;
    while head < queue.len() {
        let a = queue[head];
        head += 1;
        if labels[a as usize] != Label::Undec {
            continue;
        }
        labels[a as usize] = Label::In;
        for &b in af.attacked_by(a) {
            if labels[b as usize] != Label::Undec {
                continue;
            }
            labels[b as usize] = Label::Out;
            for &c in af.attacked_by(b) {
                live[c as usize] -= 1;
                if live[c as usize] == 0 {
                    queue.push(c);
                }
            }
        }
    }
    (0..n as Arg)
        .filter(|&a| labels[a as usize] == Label::In)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_reinstatement() {
        // 0 -> 1 -> 2: 0 IN, 1 OUT, 2 IN (reinstated).
        let af = ArgumentFramework::new(3, &[(0, 1), (1, 2)]).expect("valid");
        let t = grounded_trace(&af);
        assert_eq!(t.labelling.labels(), &[Label::In, Label::Out, Label::In]);
        assert_eq!(t.defeater[1], 0);
        assert_eq!(t.round[2], 1);
    }

    #[test]
    fn self_attack_and_cycle_are_undec() {
        let af = ArgumentFramework::new(3, &[(0, 0), (1, 2), (2, 1)]).expect("valid");
        assert_eq!(grounded_labelling(&af).labels(), &[Label::Undec; 3]);
    }

    #[test]
    fn least_complete_containing_adds_what_the_set_defends() {
        // 0 <-> 1, 1 -> 2, 2 -> 3: {0} is admissible; it defends 2, which makes 3 OUT.
        let af = ArgumentFramework::new(4, &[(0, 1), (1, 0), (1, 2), (2, 3)]).expect("valid");
        assert_eq!(least_complete_containing(&af, &[0]), vec![0, 2]);
        assert_eq!(least_complete_containing(&af, &[1]), vec![1, 3]);
        // The empty set closes to the grounded extension.
        assert_eq!(least_complete_containing(&af, &[]), grounded_extension(&af));
    }
}
