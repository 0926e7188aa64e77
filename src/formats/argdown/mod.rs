//! [Argdown](https://argdown.org), the Markdown-like syntax for argument maps: written so that
//! Argdown's own tools (`@argdown/cli` 1.7.5) parse and draw it; and read, from argraph's export
//! or any Argdown document, as Argdown's own parser reads it (see `read.rs` and
//! `docs/formats.md`).
//!
//! # Layout of a written document
//!
//! ```text
//! ===
//! argraph:
//!   sources:
//!     - {"id": "independent-2020-08-03", "title": "…", "date": "2020-08-03"}
//! ===
//!
//! # Mike Pompeo {actor: "pompeo", kind: "official", member_of: "state-dept"}
//!
//! [Apps feed ccp]: Chinese apps such as TikTok … #security #data
//! {actor: "pompeo", source: "independent-2020-08-03", quote: "…", date: "2020-08-03"}
//!     - [Tiktok independent]
//!
//! # Undercut relations
//!
//! <R ban protects users>: @[Ban needed] supports @[Users safe]
//! {relation: "r-ban-protects-users", from: "ban-needed", kind: "supports", to: "users-safe"}
//!     <+ [Ban needed]
//!     _ [Ban hurts diaspora]
//! ```
//!
//! - The front matter carries the map's sources (JSON, which YAML reads) under `argraph`.
//! - One heading per actor, in map order: Argdown draws each heading as a group. The heading's
//!   data holds the actor's id, kind, `member_of`, role and note.
//! - Each claim is a statement under its actor's heading, titled by [`claim_title`] (its id,
//!   readable: `apps-feed-ccp` is `Apps feed ccp`). Its tags are Argdown hashtags; its actor,
//!   source, quote, date, `about` and note are in its data.
//! - A relation is written once, under its target, as Argdown writes pro and contra lists:
//!   `+ [Supporter]`, `- [Rebutter]`. The id and note of such a relation go into the target's
//!   data, as `relations: [{from, kind, id, note}]`.
//! - **Undercuts.** Argdown's undercut (`_`) attacks an *argument* (its inference), not a
//!   relation between two statements. So a relation that something undercuts is written as an
//!   argument, titled by its id ([`relation_title`]), in the last section: its source claim
//!   supports it (`<+ [Source]`), it supports or attacks its target (the target's block says
//!   `+ <R …>` or `- <R …>`), and its undercutters undercut it (`_ [Undercutter]`). The
//!   argument's data names the relation (`relation`, `from`, `kind`, `to`, `note`), which is
//!   how [`parse`] gives back a relation and not a claim.
//!
//! - **Questions** come last, under `# Questions`: one heading per question, its data naming
//!   the question (`{question: "security-justified", note: "…"}`), and under it `### For` and
//!   `### Against` with references to the answering claims (`[Ban needed]`). Only references:
//!   each claim stays defined, and grouped, under its actor. (The reader does not read them
//!   back yet.)
//!
//! Text is escaped so that Argdown reads back exactly the claim's words (see
//! [`escape_text`]); runs of whitespace become one space. Expectations (exercises) are not
//! written.

mod flow;
mod import;
mod read;
mod write;

pub use read::{
    ActorRecord, ClaimRecord, Document, RelationRecord, RelationTarget, SourceRecord, parse,
};
pub use write::escape_text;

use crate::model::{Map, RelationIx};

/// Reads an Argdown document as a map document for `argraph import`: [`parse`], then what
/// Argdown leaves unsaid is filled in with a warning: claims without an actor get the actor
/// `unknown-actor`, claims without a source the source `argdown-document`, actors without a
/// known kind the kind `other`, and sources cited but not listed a record with their id for a
/// title.
pub fn import(text: &str) -> Result<crate::formats::Import, crate::formats::ImportError> {
    import::import(text)
}

/// Writes `map` as an Argdown document (layout in the [module documentation](self)).
pub fn to_string(map: &Map) -> String {
    write::to_string(map)
}

/// A readable Argdown title for an id: hyphens become spaces and the first letter is upper
/// case (`apps-feed-ccp` → `Apps feed ccp`). Distinct kebab-case ids give distinct titles, and
/// [`title_id`] turns the title back into the id.
pub fn claim_title(id: &str) -> String {
    let spaced = id.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The id a title stands for: lower case, every run of characters other than ASCII letters
/// and digits becomes one hyphen, none at either end (`Apps feed ccp` → `apps-feed-ccp`).
/// Empty when the title has no ASCII letter or digit.
pub fn title_id(title: &str) -> String {
    let mut id = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    id
}

/// The title of the argument a relation is written as: its id made readable like a claim's,
/// or `Relation N` (1-based) for a relation without an id.
pub fn relation_title(map: &Map, relation: RelationIx) -> String {
    match &map.relation(relation).id {
        Some(id) => claim_title(id),
        None => format!("Relation {}", relation.index() + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_round_trip_to_ids() {
        for id in ["apps-feed-ccp", "hrw-2020-10", "a", "r-x-1"] {
            assert_eq!(title_id(&claim_title(id)), id);
        }
        assert_eq!(claim_title("apps-feed-ccp"), "Apps feed ccp");
        assert_eq!(title_id("  Ümlaut & Co. 2 "), "mlaut-co-2");
    }

    #[test]
    fn escaping_protects_argdown_syntax() {
        assert_eq!(escape_text("U.S. apps"), "U\\.S. apps");
        assert_eq!(escape_text("a  b\n c"), "a b c");
        assert_eq!(escape_text("see https://x.org"), "see https\\:\\//x\\.org");
        assert_eq!(
            escape_text("[x] <y> #z _w_ {v} @u"),
            "\\[x\\] \\<y\\> \\#z \\_w\\_ \\{v\\} \\@u"
        );
        assert_eq!(escape_text("a\\b"), "a\\\\b");
        assert_eq!(escape_text("end: here."), "end: here.");
    }
}
