//! The map file format, defined once: the records of `docs/format.md` as serde types, shared by
//! the loader ([`crate::load`]), the writers and readers of [`crate::formats`], and the language
//! server ([`crate::lsp`]).
//!
//! Each record names its fields, says which are optional (`#[serde(default)]`: a person writes
//! only what they know) and which are left out on writing when empty (`skip_serializing_if`),
//! rejects unknown fields, and spells a field as files do (`for`, `against`).
//!
//! The records are generic over the type of their strings, `T`. The public document,
//! [`MapDocument`] (`T = String`, the default), owns them; the loader reads files into
//! `MapDocument<Cow<'a, str>>` records, whose strings without escapes are borrowed from the
//! file's text, so that a reference that is only looked up costs no allocation. One set of
//! types, two ways of holding text: a `'static` alias of `Cow` records would have made every
//! importer write `Cow::Owned` and every reader of a public record see a `Cow`.
//!
//! Ids are strings exactly as typed; the loader resolves them into a checked
//! [`crate::model::Map`], and [`crate::formats::document`] turns a map back into a document.

use crate::model::{ActorKind, ExpectedSemantics, ExpectedStatus, ExpectedSupport, RelationKind};
use serde::{Deserialize, Serialize};

/// The sections a file may have, in the order of [`MapDocument`]'s fields.
pub(crate) const SECTIONS: [&str; 6] = [
    "sources",
    "actors",
    "claims",
    "relations",
    "questions",
    "expectations",
];

/// A whole map: its sources, actors, claims, relations, questions and expectations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapDocument<T = String> {
    /// Where claims were made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRecord<T>>,
    /// Who makes claims.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorRecord<T>>,
    /// What they claim (with inline relations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRecord<T>>,
    /// Relations written as records of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationRecord<T>>,
    /// What the debate is about, and the claims that answer each question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionRecord<T>>,
    /// Exercises: what a semantics should conclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expectations: Vec<ExpectationRecord<T>>,
}

/// A source record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord<T = String> {
    /// The source's id.
    pub id: T,
    /// Title of the article, post or report.
    pub title: T,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<T>,
    /// Author names as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<T>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<T>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<T>,
    /// File name of an archived copy of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<T>,
}

/// An actor record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorRecord<T = String> {
    /// The actor's id.
    pub id: T,
    /// Display name.
    pub name: T,
    /// What kind of actor this is.
    pub kind: ActorKind,
    /// Id of the actor this one belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_of: Option<T>,
    /// Title or role in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<T>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

/// A claim record, with its inline relations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord<T = String> {
    /// The claim's id.
    pub id: T,
    /// Id of the actor who makes the claim.
    pub actor: T,
    /// What is claimed, in the curator's words.
    pub text: T,
    /// A short verbatim quote from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<T>,
    /// Id of the source.
    pub source: T,
    /// When the claim was made, `YYYY-MM-DD`, when it differs from the source's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<T>,
    /// Free-form labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<T>,
    /// Ids of the actors the claim is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<T>,
    /// Ids of claims this claim supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<T>,
    /// Ids of claims this claim rebuts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rebuts: Vec<T>,
    /// Ids of relations this claim undercuts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undercuts: Vec<T>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

/// A record of the `relations` section: exactly one of `supports`, `rebuts`, `undercuts`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRecord<T = String> {
    /// Id, needed when an undercut targets this relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<T>,
    /// Id of the claim that makes the relation.
    pub from: T,
    /// Id of the claim supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supports: Option<T>,
    /// Id of the claim rebutted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rebuts: Option<T>,
    /// Id of the relation undercut.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undercuts: Option<T>,
    /// Why the link holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

impl RelationRecord {
    /// A relation of `kind` from `from` to `target` (a claim id, or a relation id for undercuts).
    pub fn new(from: String, kind: RelationKind, target: String) -> Self {
        let mut record = RelationRecord {
            id: None,
            from,
            supports: None,
            rebuts: None,
            undercuts: None,
            note: None,
        };
        match kind {
            RelationKind::Supports => record.supports = Some(target),
            RelationKind::Rebuts => record.rebuts = Some(target),
            RelationKind::Undercuts => record.undercuts = Some(target),
        }
        record
    }
}

impl<T: AsRef<str>> RelationRecord<T> {
    /// The kind and target, when exactly one of `supports`, `rebuts`, `undercuts` is set.
    pub fn kind_and_target(&self) -> Option<(RelationKind, &str)> {
        match (&self.supports, &self.rebuts, &self.undercuts) {
            (Some(t), None, None) => Some((RelationKind::Supports, t.as_ref())),
            (None, Some(t), None) => Some((RelationKind::Rebuts, t.as_ref())),
            (None, None, Some(t)) => Some((RelationKind::Undercuts, t.as_ref())),
            _ => None,
        }
    }
}

/// Semantics names of expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the variants are those of `ExpectedSemantics`
pub enum SemanticsRecord {
    Grounded,
    Complete,
    Preferred,
    Stable,
}

/// Status names of expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the variants are those of `ExpectedStatus`
pub enum StatusRecord {
    In,
    Out,
    Undec,
}

/// Support modes of expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the variants are those of `ExpectedSupport`
pub enum SupportRecord {
    #[default]
    None,
    Deductive,
    Necessary,
}

impl SemanticsRecord {
    /// Every value, in the order of the declaration.
    pub const ALL: [SemanticsRecord; 4] = [
        SemanticsRecord::Grounded,
        SemanticsRecord::Complete,
        SemanticsRecord::Preferred,
        SemanticsRecord::Stable,
    ];

    /// Parses the spelling of [`SemanticsRecord::as_str`].
    pub fn parse(text: &str) -> Option<SemanticsRecord> {
        SemanticsRecord::ALL
            .into_iter()
            .find(|value| value.as_str() == text)
    }

    /// The spelling in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SemanticsRecord::Grounded => "grounded",
            SemanticsRecord::Complete => "complete",
            SemanticsRecord::Preferred => "preferred",
            SemanticsRecord::Stable => "stable",
        }
    }
}

impl StatusRecord {
    /// Every value, in the order of the declaration.
    pub const ALL: [StatusRecord; 3] = [StatusRecord::In, StatusRecord::Out, StatusRecord::Undec];

    /// Parses the spelling of [`StatusRecord::as_str`].
    pub fn parse(text: &str) -> Option<StatusRecord> {
        StatusRecord::ALL
            .into_iter()
            .find(|value| value.as_str() == text)
    }

    /// The spelling in files.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusRecord::In => "in",
            StatusRecord::Out => "out",
            StatusRecord::Undec => "undec",
        }
    }
}

impl SupportRecord {
    /// Every value, in the order of the declaration.
    pub const ALL: [SupportRecord; 3] = [
        SupportRecord::None,
        SupportRecord::Deductive,
        SupportRecord::Necessary,
    ];

    /// Parses the spelling of [`SupportRecord::as_str`].
    pub fn parse(text: &str) -> Option<SupportRecord> {
        SupportRecord::ALL
            .into_iter()
            .find(|value| value.as_str() == text)
    }

    /// The spelling in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportRecord::None => "none",
            SupportRecord::Deductive => "deductive",
            SupportRecord::Necessary => "necessary",
        }
    }
}

/// The model's semantics, status and support mode and their words in files, both ways.
macro_rules! same_variants {
    ($($record:ident <=> $model:ident { $($variant:ident),+ })+) => {$(
        impl From<$record> for $model {
            fn from(value: $record) -> $model {
                match value {
                    $($record::$variant => $model::$variant,)+
                }
            }
        }

        impl From<$model> for $record {
            fn from(value: $model) -> $record {
                match value {
                    $($model::$variant => $record::$variant,)+
                }
            }
        }
    )+};
}

same_variants! {
    SemanticsRecord <=> ExpectedSemantics { Grounded, Complete, Preferred, Stable }
    StatusRecord <=> ExpectedStatus { In, Out, Undec }
    SupportRecord <=> ExpectedSupport { None, Deductive, Necessary }
}

fn is_default_support(support: &SupportRecord) -> bool {
    *support == SupportRecord::None
}

/// An expectation record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectationRecord<T = String> {
    /// Id of the claim.
    pub claim: T,
    /// Under which semantics.
    pub semantics: SemanticsRecord,
    /// The expected status.
    pub status: StatusRecord,
    /// With which support mode (`none` by default).
    #[serde(default, skip_serializing_if = "is_default_support")]
    pub support: SupportRecord,
    /// What the exercise teaches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

/// A question record: the claims that answer it, for (yes) and against (no).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionRecord<T = String> {
    /// The question's id.
    pub id: T,
    /// The question, in words.
    pub text: T,
    /// Ids of the claims that answer yes (written `for`).
    #[serde(default, rename = "for", skip_serializing_if = "Vec::is_empty")]
    pub for_claims: Vec<T>,
    /// Ids of the claims that answer no (written `against`).
    #[serde(default, rename = "against", skip_serializing_if = "Vec::is_empty")]
    pub against_claims: Vec<T>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}
