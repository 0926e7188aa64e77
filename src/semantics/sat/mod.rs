//! The SAT-backed semantics: complete, preferred, stable, semi-stable, stage and ideal.
//!
//! - [`solver`]: the two SAT solvers, CaDiCaL for the stable encodings and batsat for the
//!   others;
//! - [`encoder`]: the SAT encoding of admissible, complete, stable and conflict-free
//!   labellings, the grounded part fixed first;
//! - [`preferred`]: preferred extensions by iterated maximisation, sceptical acceptance by the
//!   counter-example guided loop of CEGARTIX (Dvořák et al. 2014);
//! - [`range`]: semi-stable and stage semantics (maximal range), the same loop;
//! - [`ideal`]: ideal semantics through credulous acceptance and a linear fixpoint.
//!
//! This module answers the questions (one extension, every extension, credulous and sceptical
//! acceptance, the status of every argument) by dispatching to them.

mod encoder;
mod ideal;
mod preferred;
mod range;
mod solver;

use super::framework::{Arg, ArgOutOfRange, ArgumentFramework};
use super::grounded::grounded_labelling;
use super::{Label, Labelling, Semantics};
use encoder::{Base, Encoder};
use preferred::{maximise, preferred_not_attacking, sceptical_preferred};

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

/// The base of a semantics of maximal range: complete labellings for semi-stable, conflict-free
/// sets for stage.
fn range_base(sem: Semantics) -> Base {
    if sem == Semantics::Stage {
        Base::ConflictFree
    } else {
        Base::Complete
    }
}

/// The arguments in some labelling of `enc` (credulously accepted), and whether there is any
/// labelling at all: asks for a labelling with an argument not yet known to be accepted, until
/// there is none. With the complete base these are the arguments credulously accepted under
/// complete, preferred and admissible semantics alike.
fn credulous_all(enc: &mut Encoder) -> (Vec<bool>, bool) {
    let af = enc.af;
    let mut accepted = vec![false; af.len()];
    let mut any = false;
    loop {
        let act = enc.fresh();
        let mut clause = vec![!act];
        clause.extend(
            af.args()
                .filter(|&a| !accepted[a as usize])
                .map(|a| enc.in_lit(a)),
        );
        enc.add(&clause);
        let found = enc.solve(&[act]);
        enc.retire(act);
        match found {
            Some(e) => {
                any = true;
                for a in e {
                    accepted[a as usize] = true;
                }
            }
            None => break,
        }
    }
    if !any {
        any = enc.solve(&[]).is_some();
    }
    (accepted, any)
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
            let base = if sem == Semantics::Stable {
                Base::Stable
            } else {
                Base::Complete
            };
            let mut enc = Encoder::new(af, base);
            let mut all = Vec::new();
            while let Some(e) = enc.solve(&[]) {
                enc.block_exact(&e);
                all.push(e);
            }
            all
        }
        Semantics::Preferred => {
            let mut enc = Encoder::new(af, Base::Admissible);
            let mut all = Vec::new();
            while let Some(e) = enc.solve(&[]) {
                let p = maximise(&mut enc, e);
                enc.block_subsets(&p);
                all.push(p);
            }
            all
        }
        Semantics::SemiStable | Semantics::Stage => range::extensions(af, range_base(sem)),
    };
    out.sort();
    out
}

/// One extension of `af` under `sem`, or `None` if there is none (only stable semantics can
/// have none). For grounded and complete this is the grounded extension.
pub fn some_extension(af: &ArgumentFramework, sem: Semantics) -> Option<Vec<Arg>> {
    match sem {
        Semantics::Grounded | Semantics::Complete => Some(grounded_labelling(af).in_args()),
        Semantics::Ideal => Some(ideal_extension(af)),
        Semantics::Stable => Encoder::new(af, Base::Stable).solve(&[]),
        Semantics::Preferred => {
            let mut enc = Encoder::new(af, Base::Admissible);
            let e = enc.fixed().in_args();
            Some(maximise(&mut enc, e))
        }
        Semantics::SemiStable | Semantics::Stage => range::some_extension(af, range_base(sem)),
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
            let mut enc = match sem {
                Semantics::Stable => Encoder::new(af, Base::Stable),
                Semantics::Preferred => Encoder::new(af, Base::Admissible),
                _ => Encoder::for_one_question(af, Base::Complete),
            };
            let lit = enc.in_lit(a);
            match enc.solve(&[lit]) {
                Some(e) => {
                    let e = if sem == Semantics::Preferred {
                        maximise(&mut enc, e)
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
        Semantics::SemiStable | Semantics::Stage => range::credulous(af, range_base(sem), a),
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
            let mut enc = Encoder::new(af, Base::Stable);
            let lit = !enc.in_lit(a);
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
        Semantics::SemiStable | Semantics::Stage => range::sceptical(af, range_base(sem), a),
    })
}

/// The ideal extension (Dung, Mancarella & Toni 2007): the largest admissible set contained
/// in every preferred extension.
///
/// Computed without enumerating preferred extensions: the largest admissible subset of the
/// credulously accepted arguments that no credulously accepted argument attacks, found by a
/// linear fixpoint (`docs/semantics.md`, "Algorithms and their cost").
pub fn ideal_extension(af: &ArgumentFramework) -> Vec<Arg> {
    ideal::ideal_extension(af)
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
            let base = if sem == Semantics::Stable {
                Base::Stable
            } else {
                Base::Complete
            };
            let mut enc = Encoder::with_grounded(af, base, grounded.clone());
            let (credulous, has_extension) = credulous_all(&mut enc);
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
                    let mut enc = Encoder::with_grounded(af, Base::Stable, grounded.clone());
                    af.args()
                        .map(|a| {
                            let (ia, oa) = (enc.in_lit(a), enc.out_lit(a));
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
        Semantics::SemiStable | Semantics::Stage => {
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
