//! Formal argumentation semantics: which arguments survive a debate.
//!
//! This module is self-contained: it knows nothing about maps. It provides
//!
//! - [`ArgumentFramework`], a Dung (1995) abstract argumentation framework over dense indices;
//! - the grounded, complete, preferred, stable, semi-stable, ideal and stage semantics
//!   ([`Semantics`]): extensions, labellings, credulous and sceptical acceptance;
//! - readers and the ICCMA 2023 problems in [`iccma`];
//! - bipolar frameworks (supports, attacks on attacks) flattened to Dung frameworks in
//!   [`bipolar`];
//! - explanations as data in [`explain`].
//!
//! See `docs/semantics.md` for the definitions, the algorithms and the literature.

pub mod bipolar;
pub mod explain;
mod framework;
mod grounded;
pub mod iccma;
pub mod map;
pub mod random;
mod sat;

pub use framework::{Arg, ArgOutOfRange, ArgumentFramework};
pub use grounded::{GroundedTrace, NO_ARG, grounded_extension, grounded_labelling, grounded_trace};
pub use sat::{
    Acceptance, Evaluation, credulous, evaluate, extensions, ideal_extension, sceptical,
    some_extension,
};

use std::fmt;
use std::str::FromStr;

/// The label of an argument in a labelling (Caminada 2006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// Accepted: every attacker is OUT.
    In,
    /// Rejected: some attacker is IN.
    Out,
    /// Neither accepted nor rejected.
    Undec,
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Label::In => "IN",
            Label::Out => "OUT",
            Label::Undec => "UNDEC",
        })
    }
}

/// A labelling: one [`Label`] per argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Labelling(Vec<Label>);

impl Labelling {
    /// Wraps a vector of labels (index = argument).
    pub fn from_labels(labels: Vec<Label>) -> Self {
        Self(labels)
    }

    /// The labelling that an extension induces: IN = the extension, OUT = what it attacks,
    /// UNDEC = the rest. Arguments `>= af.len()` in `ext` are ignored.
    pub fn from_extension(af: &ArgumentFramework, ext: &[Arg]) -> Self {
        let mut labels = vec![Label::Undec; af.len()];
        for &a in ext {
            if (a as usize) < af.len() {
                labels[a as usize] = Label::In;
            }
        }
        for &a in ext {
            if (a as usize) < af.len() {
                for &b in af.attacked_by(a) {
                    if labels[b as usize] == Label::Undec {
                        labels[b as usize] = Label::Out;
                    }
                }
            }
        }
        Self(labels)
    }

    /// The labels, index = argument.
    pub fn labels(&self) -> &[Label] {
        &self.0
    }

    /// The label of `a`, if `a` is an argument of the labelling.
    pub fn get(&self, a: Arg) -> Option<Label> {
        self.0.get(a as usize).copied()
    }

    /// The IN arguments, in increasing order.
    pub fn in_args(&self) -> Vec<Arg> {
        self.with(Label::In)
    }

    /// The arguments with label `l`, in increasing order.
    pub fn with(&self, l: Label) -> Vec<Arg> {
        (0..self.0.len() as Arg)
            .filter(|&a| self.0[a as usize] == l)
            .collect()
    }
}

/// An argumentation semantics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Semantics {
    /// The least complete extension: what nobody can reasonably deny.
    Grounded,
    /// Admissible sets (conflict-free, defending all their members) that contain every argument
    /// they defend.
    Complete,
    /// Maximal admissible sets: the largest positions that can defend themselves.
    Preferred,
    /// Conflict-free sets that attack every argument outside them.
    Stable,
    /// Complete extensions whose range (the set plus what it attacks) is maximal.
    SemiStable,
    /// The largest admissible set contained in every preferred extension.
    Ideal,
    /// Conflict-free sets whose range (the set plus what it attacks) is maximal (Verheij 1996).
    /// Unlike the others, a stage extension need not defend its members.
    Stage,
}

impl Semantics {
    /// All semantics, in a fixed order.
    pub const ALL: [Semantics; 7] = [
        Semantics::Grounded,
        Semantics::Complete,
        Semantics::Preferred,
        Semantics::Stable,
        Semantics::SemiStable,
        Semantics::Ideal,
        Semantics::Stage,
    ];

    /// The lower-case name (`grounded`, `complete`, `preferred`, `stable`, `semi-stable`, `ideal`, `stage`).
    pub fn name(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Complete => "complete",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
            Semantics::SemiStable => "semi-stable",
            Semantics::Ideal => "ideal",
            Semantics::Stage => "stage",
        }
    }

    /// The ICCMA abbreviation (`GR`, `CO`, `PR`, `ST`, `SST`, `ID`).
    pub fn iccma(self) -> &'static str {
        match self {
            Semantics::Grounded => "GR",
            Semantics::Complete => "CO",
            Semantics::Preferred => "PR",
            Semantics::Stable => "ST",
            Semantics::SemiStable => "SST",
            Semantics::Ideal => "ID",
            Semantics::Stage => "STG",
        }
    }

    /// Whether the semantics always has exactly one extension.
    pub fn is_unique(self) -> bool {
        matches!(self, Semantics::Grounded | Semantics::Ideal)
    }
}

impl fmt::Display for Semantics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown semantics name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSemantics(pub String);

impl fmt::Display for UnknownSemantics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown semantics `{}` (expected grounded, complete, preferred, stable, semi-stable, ideal or stage)",
            self.0
        )
    }
}

impl std::error::Error for UnknownSemantics {}

impl FromStr for Semantics {
    type Err = UnknownSemantics;

    /// Accepts the names and the ICCMA abbreviations, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        Semantics::ALL
            .into_iter()
            .find(|sem| {
                sem.name() == lower
                    || sem.iccma().eq_ignore_ascii_case(s)
                    || (lower == "semistable" && *sem == Semantics::SemiStable)
            })
            .ok_or_else(|| UnknownSemantics(s.to_string()))
    }
}

#[cfg(test)]
mod tests;
