//! JSON: the whole map as one JSON document, the shape of a RON map file
//! ([`MapDocument`]), and back.
//!
//! The export writes every relation as a record of the `relations` section (no inline
//! relations), so that a program reading it finds all relations in one list; the import accepts
//! anything a map file may hold, inline relations included. Nothing is lost either way.

use super::document::{MapDocument, RelationLayout};
use super::{Import, ImportError, json_error};
use crate::model::Map;

/// The map as pretty-printed JSON, ending with a newline.
pub fn to_string(map: &Map) -> String {
    document_to_string(&MapDocument::from_map_with(map, RelationLayout::Section))
}

/// A map document as pretty-printed JSON, ending with a newline.
pub fn document_to_string(document: &MapDocument) -> String {
    // Serialising plain structs of strings and vectors cannot fail.
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a JSON map document. Errors (syntax, unknown fields, wrong types) are located in
/// `text`; ids and references are checked later, by the loader.
pub fn from_str(text: &str) -> Result<Import, ImportError> {
    match serde_json::from_str::<MapDocument>(text) {
        Ok(document) => Ok(Import {
            document,
            warnings: Vec::new(),
        }),
        Err(error) => Err(ImportError::one(
            json_error(text, &error, "argraph JSON map").help(
                "argraph JSON has the shape of a map file: {\"sources\": [...], \"actors\": [...], \
                 \"claims\": [...], \"relations\": [...]} (see docs/formats.md)",
            ),
        )),
    }
}
