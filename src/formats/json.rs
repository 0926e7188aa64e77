//! JSON: the whole map as one JSON document, the shape of a RON map file
//! ([`MapDocument`]), and back.
//!
//! The export writes every relation as a record of the `relations` section (no inline
//! relations), so that a program reading it finds all relations in one list; the import accepts
//! anything a map file may hold, inline relations included. Nothing is lost either way.

use super::{Import, ImportError, json_error};
use crate::formats::document::SectionWriter;
use crate::model::Map;
use crate::schema::MapDocument;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// The map as pretty-printed JSON, ending with a newline.
pub fn to_string(map: &Map) -> String {
    let mut text = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes UTF-8.
    let _ = write_map(map, &mut text, Batching::default());
    String::from_utf8(text).unwrap_or_default()
}

/// Writes the map as pretty-printed JSON, ending with a newline (the text of [`to_string`]),
/// as it is made, one record at a time: on a big map neither the text nor a second copy of the
/// map's strings is held, and the records are made into text on two threads. Returns the first
/// error of `out`.
pub fn write(map: &Map, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    write_map(map, &mut out, Batching::default())?;
    out.flush()
}

/// A map document as pretty-printed JSON, ending with a newline.
pub fn document_to_string(document: &MapDocument) -> String {
    let mut text = Vec::new();
    // Serialising plain structs of strings and vectors cannot fail, nor can writing to a Vec.
    let _ = serde_json::to_writer_pretty(&mut text, document);
    text.push(b'\n');
    String::from_utf8(text).unwrap_or_default()
}

/// When and how the records of a section are made into text on two threads.
#[derive(Clone, Copy, Debug)]
struct Batching {
    /// From how many records in a section on.
    from: usize,
    /// Records per batch: a batch of claims is about half a megabyte of text.
    size: usize,
}

impl Default for Batching {
    fn default() -> Self {
        Batching {
            from: 4096,
            size: 512,
        }
    }
}

/// Writes the JSON document of `map` (relations in their section, as
/// [`MapDocument::from_map_with`] lays them out), followed by a newline.
fn write_map(map: &Map, out: &mut impl Write, batching: Batching) -> io::Result<()> {
    let mut sections = JsonSections {
        out,
        batching,
        written: 0,
    };
    MapDocument::write_sections(map, &mut sections)?;
    // As serde_json's pretty printer closes an object: on a line of its own, unless empty.
    let end: &[u8] = if sections.written == 0 {
        b"{}\n"
    } else {
        b"\n}\n"
    };
    sections.out.write_all(end)
}

/// Writes the sections of a map document as the members of one JSON object, laid out as
/// serde_json's pretty printer lays out [`MapDocument`] (two spaces a level; empty sections
/// left out, as `MapDocument`'s fields are).
struct JsonSections<'w, W: Write> {
    out: &'w mut W,
    batching: Batching,
    /// How many sections were written.
    written: usize,
}

impl<W: Write> SectionWriter for JsonSections<'_, W> {
    type Error = io::Error;

    fn section<R, F>(&mut self, name: &'static str, count: usize, record: F) -> io::Result<()>
    where
        R: Serialize,
        F: Fn(usize) -> R + Sync,
    {
        if count == 0 {
            return Ok(());
        }
        let opening: &[u8] = if self.written == 0 {
            b"{\n  "
        } else {
            b",\n  "
        };
        self.out.write_all(opening)?;
        serde_json::to_writer(&mut *self.out, name)?;
        self.out.write_all(b": [")?;
        write_records(self.out, count, &record, self.batching)?;
        self.out.write_all(b"\n  ]")?;
        self.written += 1;
        Ok(())
    }
}

/// Appends records `range` (each made by `record`) as they stand in a section's array: each on
/// a line of its own, after a comma unless it is the section's first record.
fn push_records<R: Serialize>(
    range: std::ops::Range<usize>,
    record: &impl Fn(usize) -> R,
    out: &mut impl Write,
) -> io::Result<()> {
    for i in range {
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        // Two levels in: inside the document's object, inside the section's array.
        let mut formatter = PrettyFormatter::new();
        formatter.begin_object(&mut io::sink())?;
        formatter.begin_array(&mut io::sink())?;
        record(i).serialize(&mut serde_json::Serializer::with_formatter(
            &mut *out, formatter,
        ))?;
    }
    Ok(())
}

/// Writes the `count` records of a section in order. Many records are made into text in
/// batches, every other batch on another thread (into a buffer that this one then writes, at
/// most a few batches behind): the text is the same as on one thread.
fn write_records<R, F>(
    out: &mut impl Write,
    count: usize,
    record: &F,
    batching: Batching,
) -> io::Result<()>
where
    R: Serialize,
    F: Fn(usize) -> R + Sync,
{
    let size = batching.size.max(1);
    if count < batching.from || count <= size {
        return push_records(0..count, record, out);
    }
    let batch = |index: usize| index * size..((index + 1) * size).min(count);
    let batches = count.div_ceil(size);
    std::thread::scope(|scope| {
        // The other thread makes the odd batches; their buffers come back to be used again.
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
        let (give_back, given_back) = std::sync::mpsc::channel::<Vec<u8>>();
        let spawned = std::thread::Builder::new()
            .name("json".to_owned())
            .spawn_scoped(scope, move || {
                for index in (1..batches).step_by(2) {
                    let mut text = given_back.try_recv().unwrap_or_default();
                    text.clear();
                    // Writing into a Vec cannot fail.
                    let _ = push_records(batch(index), record, &mut text);
                    if sender.send(text).is_err() {
                        break;
                    }
                }
            });
        let Ok(handle) = spawned else {
            // No thread to be had: everything is made here.
            return push_records(0..count, record, out);
        };
        let written = (|| {
            for index in 0..batches {
                if index % 2 == 0 {
                    push_records(batch(index), record, out)?;
                    continue;
                }
                match receiver.recv() {
                    Ok(text) => {
                        out.write_all(&text)?;
                        // The other thread may have finished: then the buffer is just dropped.
                        let _ = give_back.send(text);
                    }
                    // The other thread stopped early: it panicked, which joining it passes on.
                    Err(_) => break,
                }
            }
            Ok(())
        })();
        // Dropping the receiver stops the other thread at its next batch.
        drop(receiver);
        if let Err(panic) = handle.join() {
            std::panic::resume_unwind(panic);
        }
        written
    })
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
    use super::{Batching, to_string, write, write_map};
    use std::io::Write;

    /// Batchings that send records to the other thread: one a batch, a few, many.
    const TWO_THREADS: [Batching; 3] = [
        Batching { from: 0, size: 1 },
        Batching { from: 0, size: 3 },
        Batching { from: 2, size: 64 },
    ];

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
        use crate::formats::document::RelationLayout;
        use crate::model::{RelationIx, Target};
        use crate::schema::MapDocument;
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
        // A generated map, big enough for records to be made in many batches.
        maps.push(crate::generate::loaded_map(600, 40, 5, 250));
        maps.push(built);
        for map in &maps {
            let document = MapDocument::from_map_with(map, RelationLayout::Section);
            let expected = super::document_to_string(&document);
            assert_eq!(to_string(map), expected);
            // Records made on two threads, in batches of any size: the same text.
            for batching in TWO_THREADS {
                let mut text = Vec::new();
                write_map(map, &mut text, batching).expect("a Vec takes everything");
                assert_eq!(
                    String::from_utf8(text).ok().as_ref(),
                    Some(&expected),
                    "{batching:?}"
                );
            }
        }
        // The relation without an id that an undercut targets gets one, named as its target.
        let built = to_string(&maps[maps.len() - 1]);
        assert!(built.contains("\"id\": \"relation-1\""), "{built}");
        assert!(built.contains("\"undercuts\": \"relation-1\""));
    }

    /// The writer's error comes back, whether it fails at once or midway, with the records
    /// made on one thread or two (no hang, no panic).
    #[test]
    fn write_returns_the_writers_error() {
        let map = bundled();
        for room in [0, 1000] {
            let error = write(&map, &mut Full { room }).expect_err("the writer is full");
            assert_eq!(error.to_string(), "full", "room {room}");
        }
        let generated = crate::generate::loaded_map(300, 20, 2, 100);
        for batching in TWO_THREADS {
            for room in [0, 1000, 50_000] {
                let error = write_map(&generated, &mut Full { room }, batching)
                    .expect_err("the writer is full");
                assert_eq!(error.to_string(), "full", "room {room}, {batching:?}");
            }
        }
    }
}
