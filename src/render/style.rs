//! The visual language: colours, shapes and fonts, in one place (see `docs/diagrams.md`).

use crate::model::{ActorKind, RelationKind};
use crate::semantics::Label;

/// The font of every label.
pub(crate) const FONT: &str = "Helvetica";
/// Dark text.
pub(crate) const INK: &str = "#1f2937";
/// Small print: claim ids and dates, kinds.
pub(crate) const FAINT: &str = "#6b7280";
/// Text of context claims (kept as neighbours of a selection).
pub(crate) const CONTEXT_INK: &str = "#6b7280";

// Relation colours from Okabe and Ito's colour-blind-safe palette; each kind also has its own
// dash style and arrow head, so that the kinds stay apart in grey print.

/// Supports: blue, solid, normal arrow head.
pub(crate) const SUPPORT: &str = "#0072b2";
/// Rebuttals: vermillion, dashed, tee head.
pub(crate) const REBUT: &str = "#d55e00";
/// Undercuts: reddish purple, dotted, tee head, ending on the attacked link.
pub(crate) const UNDERCUT: &str = "#a9437f";

/// Claims per line of a wrapped claim label, in columns.
pub(crate) const WRAP_COLUMNS: usize = 30;
/// At most this many lines of claim text; the tooltip has the rest.
pub(crate) const WRAP_LINES: usize = 8;

/// A colour family of actors, shared by the cluster or node fill and the claim borders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Family {
    /// Governments, agencies, courts, officials, parties: blue.
    State,
    /// Companies and products: amber.
    Business,
    /// Commentators, NGOs, research labs, media: purple-grey.
    Civil,
    /// The public and others: grey.
    Other,
}

impl Family {
    pub(crate) const ALL: [Family; 4] = [
        Family::State,
        Family::Business,
        Family::Civil,
        Family::Other,
    ];

    pub(crate) fn of(kind: ActorKind) -> Family {
        match kind {
            ActorKind::Government
            | ActorKind::Agency
            | ActorKind::Court
            | ActorKind::Official
            | ActorKind::Party => Family::State,
            ActorKind::Company | ActorKind::Product => Family::Business,
            ActorKind::Commentator | ActorKind::Ngo | ActorKind::ResearchLab | ActorKind::Media => {
                Family::Civil
            }
            ActorKind::Public | ActorKind::Other => Family::Other,
        }
    }

    /// Fill of an outer cluster (or an actor node).
    pub(crate) fn fill(self) -> &'static str {
        match self {
            Family::State => "#e3ecf7",
            Family::Business => "#fbefd9",
            Family::Civil => "#ece8f3",
            Family::Other => "#ededed",
        }
    }

    /// Fill of a cluster nested in another.
    pub(crate) fn inner_fill(self) -> &'static str {
        match self {
            Family::State => "#f4f8fc",
            Family::Business => "#fdf7ec",
            Family::Civil => "#f6f4f9",
            Family::Other => "#f7f7f7",
        }
    }

    /// Borders and cluster titles.
    pub(crate) fn line(self) -> &'static str {
        match self {
            Family::State => "#3f6aa1",
            Family::Business => "#a86b0c",
            Family::Civil => "#6c5a8e",
            Family::Other => "#6b6b6b",
        }
    }

    /// In the legend.
    pub(crate) fn description(self) -> &'static str {
        match self {
            Family::State => "governments, agencies, courts, officials, parties",
            Family::Business => "companies and their products",
            Family::Civil => "commentators, NGOs, research labs, media",
            Family::Other => "the public, others",
        }
    }
}

/// How an edge of one relation kind looks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EdgeLook {
    pub(crate) color: &'static str,
    pub(crate) style: &'static str,
    pub(crate) arrowhead: &'static str,
    pub(crate) verb: &'static str,
}

pub(crate) fn edge_look(kind: RelationKind) -> EdgeLook {
    match kind {
        RelationKind::Supports => EdgeLook {
            color: SUPPORT,
            style: "solid",
            arrowhead: "normal",
            verb: "supports",
        },
        RelationKind::Rebuts => EdgeLook {
            color: REBUT,
            style: "dashed",
            arrowhead: "tee",
            verb: "rebuts",
        },
        RelationKind::Undercuts => EdgeLook {
            color: UNDERCUT,
            style: "dotted",
            arrowhead: "tee",
            verb: "undercuts",
        },
    }
}

/// The node shape of an actor in the actor-level diagram.
pub(crate) fn actor_shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Government => "house",
        ActorKind::Agency => "tab",
        ActorKind::Court => "octagon",
        ActorKind::Official | ActorKind::Commentator => "ellipse",
        ActorKind::Party => "trapezium",
        ActorKind::Company => "box3d",
        ActorKind::Product => "component",
        ActorKind::Ngo | ActorKind::ResearchLab => "hexagon",
        ActorKind::Media => "note",
        ActorKind::Public => "egg",
        ActorKind::Other => "box",
    }
}

/// How a claim looks under a status (with `--eval`). The colours come from Okabe and Ito's
/// colour-blind-safe palette (bluish green, vermillion, yellow), lightened for fills and
/// darkened for borders; for grey print each status also has its own border (solid and thick,
/// dashed, dotted) and its word in the label.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StatusLook {
    pub(crate) fill: &'static str,
    pub(crate) line: &'static str,
    pub(crate) style: &'static str,
    pub(crate) penwidth: &'static str,
    /// `IN`, `OUT`, `UNDEC`.
    pub(crate) word: &'static str,
    /// The DOT class of the node: `in`, `out`, `undec`.
    pub(crate) class: &'static str,
}

pub(crate) fn status_look(label: Label) -> StatusLook {
    match label {
        Label::In => StatusLook {
            fill: "#c8ecdc",
            line: "#00795a",
            style: "rounded,filled",
            penwidth: "2.5",
            word: "IN",
            class: "in",
        },
        Label::Out => StatusLook {
            fill: "#f6c8ad",
            line: "#b34700",
            style: "rounded,filled,dashed",
            penwidth: "2",
            word: "OUT",
            class: "out",
        },
        Label::Undec => StatusLook {
            fill: "#fbf3c0",
            line: "#7d6e00",
            style: "rounded,filled,dotted",
            penwidth: "2",
            word: "UNDEC",
            class: "undec",
        },
    }
}
