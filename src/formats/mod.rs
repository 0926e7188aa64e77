//! Interchange formats: a map written to (and read back from) the formats other argument tools use.
//!
//! Each submodule owns one format. Writers take a loaded [`crate::model::Map`] and return the
//! document as a string; readers return a map document that the RON writer can turn into files a
//! person keeps editing. `docs/formats.md` says what each format keeps and loses.
//!
//! Importers return an [`Import`]: a [`MapDocument`] (the records of a map file, as
//! [`crate::schema`] defines them) and warnings about what the input holds that argraph cannot
//! represent. The document becomes a map only through the loader ([`MapDocument::load`], or by
//! writing it with [`ron_writer`] and loading the file), so an imported map is checked exactly
//! like a hand-written one.

pub mod aif;
pub mod argdown;
pub mod document;
pub mod graphml;
pub mod iccma;
pub mod json;
pub mod kialo;
pub mod markdown;
pub mod ron_writer;

use crate::diagnostic::Diagnostic;
use crate::schema::MapDocument;

/// What an importer read from a file.
#[derive(Debug)]
pub struct Import {
    /// The map, as records with string ids (not yet checked by the loader).
    pub document: MapDocument,
    /// What the file holds that the map does not keep, located in the input file (file 0).
    pub warnings: Vec<Diagnostic>,
}

/// Why a file could not be imported: located errors in it (file 0 is the input file).
#[derive(Debug)]
pub struct ImportError {
    /// The errors, in file order.
    pub errors: Vec<Diagnostic>,
}

impl ImportError {
    /// One error.
    pub fn one(error: Diagnostic) -> Self {
        ImportError {
            errors: vec![error],
        }
    }
}

/// A serde_json error as a located diagnostic in `text` (file 0).
pub(crate) fn json_error(text: &str, error: &serde_json::Error, what: &str) -> Diagnostic {
    use crate::model::FileId;
    let start = crate::diagnostic::byte_offset(text, error.line(), error.column().max(1));
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let full = error.to_string();
    // serde_json appends " at line L column C"; the location is shown by the label instead.
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |cut| &full[..cut]);
    let (code, label) = match error.classify() {
        serde_json::error::Category::Syntax => ("syntax", "here"),
        serde_json::error::Category::Eof => ("syntax", "the text stops here"),
        serde_json::error::Category::Data => ("wrong-type", "here"),
        serde_json::error::Category::Io => ("io", "here"),
    };
    Diagnostic::error(code, format!("not a valid {what}: {message}")).at(
        FileId(0),
        start..end,
        label,
    )
}
