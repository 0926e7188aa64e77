//! JSON: the whole map as one JSON document, the shape of a RON map file
//! ([`MapDocument`]), and back.
//!
//! The export writes every relation as a record of the `relations` section (no inline
//! relations), so that a program reading it finds all relations in one list; the import accepts
//! anything a map file may hold, inline relations included. Nothing is lost either way.

use super::document::{MapDocument, RelationLayout};
use super::{Import, ImportError, json_error};
use crate::model::Map;
use std::io::Write;

/// The map as pretty-printed JSON, ending with a newline.
pub fn to_string(map: &Map) -> String {
    document_to_string(&MapDocument::from_map_with(map, RelationLayout::Section))
}

/// Writes the map as pretty-printed JSON, ending with a newline (the text of [`to_string`]),
/// as it is made: on a big map the text is never held whole in memory. Returns the first
/// error of `out`.
pub fn write(map: &Map, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let document = MapDocument::from_map_with(map, RelationLayout::Section);
    write_document(
        &document,
        &mut std::io::BufWriter::with_capacity(1 << 16, out),
    )
}

/// A map document as pretty-printed JSON, ending with a newline.
pub fn document_to_string(document: &MapDocument) -> String {
    let mut text = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes UTF-8.
    let _ = write_document(document, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// The one way argraph writes a document as JSON, for [`write`] and [`document_to_string`].
fn write_document(document: &MapDocument, out: &mut impl Write) -> std::io::Result<()> {
    // Serialising plain structs of strings and vectors fails only when `out` does.
    serde_json::to_writer_pretty(&mut *out, document).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
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

#[cfg(test)]
mod tests {
    use super::{to_string, write};
    use std::io::Write;

    /// A writer that takes `room` bytes, then fails.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::Error::other("full"));
            }
            let taken = bytes.len().min(self.room);
            self.room -= taken;
            Ok(taken)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn bundled() -> crate::model::Map {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/tiktok-wechat");
        crate::load::load(&path).expect("the bundled map loads").map
    }

    /// The streamed text is the text of `to_string`, byte for byte.
    #[test]
    fn write_streams_the_text_of_to_string() {
        let map = bundled();
        let mut streamed = Vec::new();
        write(&map, &mut streamed).expect("a Vec takes everything");
        assert_eq!(String::from_utf8(streamed).ok(), Some(to_string(&map)));
    }

    /// The writer's error comes back, whether it fails at once or midway.
    #[test]
    fn write_returns_the_writers_error() {
        let map = bundled();
        for room in [0, 1000] {
            let error = write(&map, &mut Full { room }).expect_err("the writer is full");
            assert_eq!(error.to_string(), "full", "room {room}");
        }
    }
}
