//! JSON: the whole map as one JSON document, the shape of a RON map file
//! ([`MapDocument`]), and back.
//!
//! The export writes every relation as a record of the `relations` section (no inline
//! relations), so that a program reading it finds all relations in one list; the import accepts
//! anything a map file may hold, inline relations included. Nothing is lost either way.

use super::document::MapDocument;
use super::{Import, ImportError, json_error};
use crate::model::Map;
use std::io::Write;

/// The map as pretty-printed JSON, ending with a newline.
pub fn to_string(map: &Map) -> String {
    let mut text = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes UTF-8.
    let _ = write_json(&Sections(map), &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// Writes the map as pretty-printed JSON, ending with a newline (the text of [`to_string`]),
/// as it is made, one record at a time: on a big map neither the text nor a second copy of the
/// map's strings is held. Returns the first error of `out`.
pub fn write(map: &Map, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_json(
        &Sections(map),
        &mut std::io::BufWriter::with_capacity(1 << 16, out),
    )
}

/// A map document as pretty-printed JSON, ending with a newline.
pub fn document_to_string(document: &MapDocument) -> String {
    let mut text = Vec::new();
    let _ = write_json(document, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// The JSON document of a map, relations in the `relations` section: serialised as
/// [`MapDocument::from_map_with`]`(map, RelationLayout::Section)` would be.
struct Sections<'m>(&'m Map);

impl serde::Serialize for Sections<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MapDocument::serialize_sections(self.0, serializer)
    }
}

/// The one way argraph writes JSON documents, for [`write`], [`to_string`] and
/// [`document_to_string`].
fn write_json(document: &impl serde::Serialize, out: &mut impl Write) -> std::io::Result<()> {
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

    /// The JSON written from the map record by record is the JSON of the whole document
    /// (`MapDocument::from_map_with`, relations in their section), on maps with every section,
    /// undercuts, an undercut relation without an id (given one), and empty sections.
    #[test]
    fn the_map_serialises_as_its_document() {
        use crate::formats::document::{MapDocument, RelationLayout};
        use crate::model::{RelationIx, Target};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut maps = vec![bundled(), crate::model::Map::default()];
        for path in [
            "examples/semantics/reinstatement.ron",
            "tests/fixtures/queries/map.ron",
            "tests/fixtures/formats/escaping.ron",
        ] {
            maps.push(crate::load::load(&root.join(path)).expect("loads").map);
        }
        // An undercut of a relation without an id, as only a map built in code can have.
        let mut built = bundled();
        let undercut = built
            .relation_indices()
            .find(|&r| matches!(built.relation(r).target, Target::Relation(_)))
            .expect("the bundled map has undercuts");
        if let Target::Relation(target) = built.relation(undercut).target {
            built.relations[target.index()].id = None;
            built.relations[undercut.index()].target = Target::Relation(RelationIx::new(0));
            built.relations[0].id = None;
        }
        maps.push(built);
        for map in &maps {
            let document = MapDocument::from_map_with(map, RelationLayout::Section);
            assert_eq!(to_string(map), super::document_to_string(&document));
        }
        // The relation without an id that an undercut targets gets one, named as its target.
        let built = to_string(&maps[maps.len() - 1]);
        assert!(built.contains("\"id\": \"relation-1\""), "{built}");
        assert!(built.contains("\"undercuts\": \"relation-1\""));
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
