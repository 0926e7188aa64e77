//! Ideal semantics through credulous acceptance, without enumerating preferred extensions.
//!
//! An admissible set is contained in every preferred extension exactly when none of its
//! attackers is credulously accepted (Dung, Mancarella & Toni 2007; Dunne 2009). So the ideal
//! extension is the largest admissible subset of the credulously accepted arguments that no
//! credulously accepted argument attacks. That candidate set is conflict-free (an attack inside
//! it would come from a credulously accepted argument), and its largest admissible subset is
//! the greatest fixpoint of "drop every member with an attacker the set does not attack",
//! computed here in linear time with a counter per argument. The SAT solver only answers
//! "which arguments are credulously accepted", one question per new argument found.

use super::super::Label;
use super::super::framework::{Arg, ArgumentFramework};
use super::super::grounded::grounded_labelling;
use super::credulous_all;
use super::encoder::{Base, Encoder};

/// The ideal extension (Dung, Mancarella & Toni 2007): the largest admissible set contained in
/// every preferred extension.
pub(super) fn ideal_extension(af: &ArgumentFramework) -> Vec<Arg> {
    let grounded = grounded_labelling(af);
    if !grounded.labels().contains(&Label::Undec) {
        return grounded.in_args();
    }
    let mut enc = Encoder::with_grounded(af, Base::Admissible, grounded);
    let (accepted, _) = credulous_all(&mut enc);
    let candidates: Vec<bool> = af
        .args()
        .map(|a| accepted[a as usize] && af.attackers(a).iter().all(|&b| !accepted[b as usize]))
        .collect();
    largest_admissible_within(af, candidates)
}

/// The largest admissible subset of the conflict-free set `member`: members are dropped, until
/// none is left to drop, when one of their attackers is not attacked by the remaining set.
/// O(n + m): each member is dropped once, and each attack looked at a bounded number of times.
fn largest_admissible_within(af: &ArgumentFramework, mut member: Vec<bool>) -> Vec<Arg> {
    // hits[b]: how many members attack b.
    let mut hits = vec![0u32; af.len()];
    for a in af.args().filter(|&a| member[a as usize]) {
        for &b in af.attacked_by(a) {
            hits[b as usize] += 1;
        }
    }
    let mut drop: Vec<Arg> = af
        .args()
        .filter(|&a| member[a as usize] && af.attackers(a).iter().any(|&b| hits[b as usize] == 0))
        .collect();
    while let Some(x) = drop.pop() {
        if !member[x as usize] {
            continue;
        }
        member[x as usize] = false;
        for &b in af.attacked_by(x) {
            hits[b as usize] -= 1;
            if hits[b as usize] == 0 {
                // Nothing in the set attacks `b` any more: the members `b` attacks are
                // undefended.
                drop.extend(
                    af.attacked_by(b)
                        .iter()
                        .copied()
                        .filter(|&y| member[y as usize]),
                );
            }
        }
    }
    af.args().filter(|&a| member[a as usize]).collect()
}
