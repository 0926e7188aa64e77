//! The file format as written by hand: serde types that mirror `docs/format.md` field by field.
//!
//! These types hold ids as strings, exactly as typed. [`super::validate`] resolves them into the
//! typed [`crate::model::Map`]. Every struct denies unknown fields, and every optional field has a
//! default, so a person writes only what they know.

use serde::Deserialize;

/// The sections a file may have, in the order the loader reads them.
pub(crate) const SECTIONS: [&str; 5] = ["sources", "actors", "claims", "relations", "expectations"];

/// One whole map file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileDoc {
    #[serde(default)]
    pub(crate) sources: Vec<SourceDoc>,
    #[serde(default)]
    pub(crate) actors: Vec<ActorDoc>,
    #[serde(default)]
    pub(crate) claims: Vec<ClaimDoc>,
    #[serde(default)]
    pub(crate) relations: Vec<RelationDoc>,
    #[serde(default)]
    pub(crate) expectations: Vec<ExpectationDoc>,
}

/// A source record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceDoc {
    pub(crate) id: String,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) publisher: Option<String>,
    #[serde(default)]
    pub(crate) authors: Vec<String>,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) date: Option<String>,
    #[serde(default)]
    pub(crate) archive: Option<String>,
}

/// An actor record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorDoc {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) kind: crate::model::ActorKind,
    #[serde(default)]
    pub(crate) member_of: Option<String>,
    #[serde(default)]
    pub(crate) role: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
}

/// A claim record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimDoc {
    pub(crate) id: String,
    pub(crate) actor: String,
    pub(crate) text: String,
    #[serde(default)]
    pub(crate) quote: Option<String>,
    pub(crate) source: String,
    #[serde(default)]
    pub(crate) date: Option<String>,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    #[serde(default)]
    pub(crate) about: Vec<String>,
    #[serde(default)]
    pub(crate) supports: Vec<String>,
    #[serde(default)]
    pub(crate) rebuts: Vec<String>,
    #[serde(default)]
    pub(crate) undercuts: Vec<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
}

/// A record of the `relations` section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RelationDoc {
    #[serde(default)]
    pub(crate) id: Option<String>,
    pub(crate) from: String,
    #[serde(default)]
    pub(crate) supports: Option<String>,
    #[serde(default)]
    pub(crate) rebuts: Option<String>,
    #[serde(default)]
    pub(crate) undercuts: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
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
pub(crate) struct ExpectationDoc {
    pub(crate) claim: String,
    pub(crate) semantics: SemanticsDoc,
    pub(crate) status: StatusDoc,
    #[serde(default)]
    pub(crate) support: SupportDoc,
}
