//! The file format as written by hand: serde types that mirror `docs/format.md` field by field.
//!
//! These types hold ids as strings, exactly as typed. [`super::validate`] resolves them into the
//! typed [`crate::model::Map`]. Every struct denies unknown fields, and every optional field has a
//! default, so a person writes only what they know.
//!
//! Strings are [`Cow`]s: the fast reader ([`super::fast`]) borrows every string without escapes
//! from the file's text, so a reference (an actor, a source, the target of a relation) that is
//! only looked up costs no allocation, and the strings that the map keeps are copied once, into
//! the map. `ron` (the slow path) gives owned strings.

use serde::Deserialize;
use std::borrow::Cow;

/// A string as written in a file: borrowed from its text, or decoded (escapes) or parsed by `ron`.
pub(crate) type Text<'a> = Cow<'a, str>;

/// The sections a file may have, in the order the loader reads them.
pub(crate) const SECTIONS: [&str; 6] = [
    "sources",
    "actors",
    "claims",
    "relations",
    "questions",
    "expectations",
];

/// One whole map file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileDoc<'a> {
    #[serde(default)]
    pub(crate) sources: Vec<SourceDoc<'a>>,
    #[serde(default)]
    pub(crate) actors: Vec<ActorDoc<'a>>,
    #[serde(default)]
    pub(crate) claims: Vec<ClaimDoc<'a>>,
    #[serde(default)]
    pub(crate) relations: Vec<RelationDoc<'a>>,
    #[serde(default)]
    pub(crate) questions: Vec<QuestionDoc<'a>>,
    #[serde(default)]
    pub(crate) expectations: Vec<ExpectationDoc<'a>>,
}

/// A source record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceDoc<'a> {
    pub(crate) id: Text<'a>,
    pub(crate) title: Text<'a>,
    #[serde(default)]
    pub(crate) publisher: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) authors: Vec<Text<'a>>,
    #[serde(default)]
    pub(crate) url: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) date: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) archive: Option<Text<'a>>,
}

/// An actor record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorDoc<'a> {
    pub(crate) id: Text<'a>,
    pub(crate) name: Text<'a>,
    pub(crate) kind: crate::model::ActorKind,
    #[serde(default)]
    pub(crate) member_of: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) role: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) note: Option<Text<'a>>,
}

/// A claim record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimDoc<'a> {
    pub(crate) id: Text<'a>,
    pub(crate) actor: Text<'a>,
    pub(crate) text: Text<'a>,
    #[serde(default)]
    pub(crate) quote: Option<Text<'a>>,
    pub(crate) source: Text<'a>,
    #[serde(default)]
    pub(crate) date: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) tags: Vec<Text<'a>>,
    #[serde(default)]
    pub(crate) about: Vec<Text<'a>>,
    #[serde(default)]
    pub(crate) supports: Vec<Text<'a>>,
    #[serde(default)]
    pub(crate) rebuts: Vec<Text<'a>>,
    #[serde(default)]
    pub(crate) undercuts: Vec<Text<'a>>,
    #[serde(default)]
    pub(crate) note: Option<Text<'a>>,
}

/// A record of the `relations` section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RelationDoc<'a> {
    #[serde(default)]
    pub(crate) id: Option<Text<'a>>,
    pub(crate) from: Text<'a>,
    #[serde(default)]
    pub(crate) supports: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) rebuts: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) undercuts: Option<Text<'a>>,
    #[serde(default)]
    pub(crate) note: Option<Text<'a>>,
}

/// Semantics names in files.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SemanticsDoc {
    Grounded,
    Complete,
    Preferred,
    Stable,
}

/// Status names in files.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum StatusDoc {
    In,
    Out,
    Undec,
}

/// Support mode names in files.
#[derive(Debug, Clone, Copy, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SupportDoc {
    #[default]
    None,
    Deductive,
    Necessary,
}

/// An expectation record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExpectationDoc<'a> {
    pub(crate) claim: Text<'a>,
    pub(crate) semantics: SemanticsDoc,
    pub(crate) status: StatusDoc,
    #[serde(default)]
    pub(crate) support: SupportDoc,
    #[serde(default)]
    pub(crate) note: Option<Text<'a>>,
}

/// A question record: the claims that answer it are listed on the question (`for`, `against`),
/// so that a question reads whole in one place and can be added without touching any claim.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionDoc<'a> {
    pub(crate) id: Text<'a>,
    pub(crate) text: Text<'a>,
    #[serde(default, rename = "for")]
    pub(crate) for_claims: Vec<Text<'a>>,
    #[serde(default, rename = "against")]
    pub(crate) against_claims: Vec<Text<'a>>,
    #[serde(default)]
    pub(crate) note: Option<Text<'a>>,
}
