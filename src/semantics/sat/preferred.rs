//! Preferred semantics: admissible sets grown to maximal ones, and sceptical acceptance by
//! the counter-example guided loop of CEGARTIX (Dvořák et al. 2014).

use super::super::Label;
use super::super::framework::{Arg, ArgumentFramework};
use super::super::grounded::least_complete_containing;
use super::Acceptance;
use super::encoder::{Base, Encoder, membership};

/// Grows `ext` (an admissible set of `enc`'s labellings) to a preferred extension (a maximal
/// admissible set, which is complete) by asking repeatedly for a strict superset. On the
/// admissible base every answer is first closed to the least complete extension above it, in
/// linear time: the solver need not find, one call at a time, the arguments the set already
/// defends (SE-PR on `afbg-ba-10000`: 2 calls instead of about 50).
pub(super) fn maximise(enc: &mut Encoder, mut ext: Vec<Arg>) -> Vec<Arg> {
    let af = enc.af;
    loop {
        let member = membership(af.len(), &ext);
        let act = enc.fresh();
        let mut grow = vec![!act];
        grow.extend(
            af.args()
                .filter(|&b| !member[b as usize] && enc.open(b))
                .map(|b| enc.in_lit(b)),
        );
        enc.add(&grow);
        let mut assumptions: Vec<_> = ext
            .iter()
            .filter(|&&a| enc.open(a))
            .map(|&a| enc.in_lit(a))
            .collect();
        assumptions.push(act);
        let next = enc.solve(&assumptions);
        enc.retire(act);
        match next {
            // An admissible model grows, for free, to the least complete extension above it.
            Some(bigger) if enc.base() == Base::Admissible => {
                ext = least_complete_containing(af, &bigger);
            }
            Some(bigger) => ext = bigger,
            None => return ext,
        }
    }
}

/// Sceptical preferred acceptance by the counter-example guided loop.
pub(super) fn sceptical_preferred(af: &ArgumentFramework, a: Arg) -> Acceptance {
    let mut enc = Encoder::new(af, Base::Admissible);
    match enc.fixed().labels()[a as usize] {
        Label::In => {
            return Acceptance {
                accepted: true,
                witness: None,
            };
        }
        Label::Out => {
            let g = enc.fixed().in_args();
            return Acceptance {
                accepted: false,
                witness: Some(maximise(&mut enc, g)),
            };
        }
        Label::Undec => {}
    }
    // An admissible set attacking `a` extends to a preferred extension without `a`.
    let out_a = enc.out_lit(a);
    if let Some(e) = enc.solve(&[out_a]) {
        return Acceptance {
            accepted: false,
            witness: Some(maximise(&mut enc, e)),
        };
    }
    let not_in = !enc.in_lit(a);
    while let Some(e) = enc.solve(&[not_in]) {
        let p = maximise(&mut enc, e);
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

/// A preferred extension that does not attack `a` (so `a` is not OUT in its labelling), or
/// `None` if every preferred extension attacks `a`. Same counter-example loop as
/// [`sceptical_preferred`], on `out(a)` instead of `in(a)`.
pub(super) fn preferred_not_attacking(af: &ArgumentFramework, a: Arg) -> Option<Vec<Arg>> {
    let mut enc = Encoder::new(af, Base::Admissible);
    match enc.fixed().labels()[a as usize] {
        // The grounded extension attacks `a`, and so does every complete extension.
        Label::Out => return None,
        // Every preferred extension contains `a`, hence does not attack it.
        Label::In => {
            let g = enc.fixed().in_args();
            return Some(maximise(&mut enc, g));
        }
        Label::Undec => {}
    }
    let not_out = !enc.out_lit(a);
    while let Some(e) = enc.solve(&[not_out]) {
        let p = maximise(&mut enc, e);
        if !p.iter().any(|&b| af.attacks(b, a)) {
            return Some(p);
        }
        enc.block_subsets(&p);
    }
    None
}
