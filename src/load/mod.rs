//! Loading a map: finding its files, parsing them, and checking everything a person can get wrong.
//!
//! Data flows in three steps:
//! 1. [`load`] finds the `.ron` files (one file, or every file below a directory, sorted); an
//!    unreadable path is an [`LoadError::Io`]. Each file is then read, checked to be UTF-8 and
//!    parsed whole by one thread (two share the files of a map of a megabyte or more).
//! 2. Each file is parsed in one pass by `fast` into the records of [`crate::schema`] with their
//!    spans. When a file is outside the plain subset of RON that reader knows (or is wrong), it is
//!    parsed twice instead: by `ron` into the records, and by `syntax` into a tree of spans.
//!    When `ron` rejects the file but its syntax is sound, every record is parsed on its own, so
//!    that all independent mistakes are reported, each at its exact place.
//! 3. `validate` resolves ids into a [`Map`] and reports duplicate ids, unknown references,
//!    cycles, bad dates and the warnings.
//!
//! Nothing here panics on any input: a binary file, invalid UTF-8, a truncated record or deeply
//! nested parentheses each give a located [`Diagnostic`].

pub(crate) mod fast;
mod ids;
pub mod index;
pub(crate) mod syntax;
pub(crate) mod validate;

use crate::diagnostic::{Diagnostic, byte_offset};
use crate::model::{FileId, Map, MapFile};
use crate::schema::{
    ActorRecord, ClaimRecord, ExpectationRecord, MapDocument, QuestionRecord, RelationRecord,
    SourceRecord,
};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use syntax::{Node, NodeKind};

/// A string as the loader reads it from a file: borrowed from the file's text when it has no
/// escapes (the fast reader), owned when it was decoded or parsed by `ron`.
pub(crate) type Text<'a> = Cow<'a, str>;

/// A map that loaded without errors, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The checked map.
    pub map: Map,
    /// Findings that do not make the map invalid.
    pub warnings: Vec<Diagnostic>,
}

/// Why a map could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The path could not be read (exit code 2 in the CLI).
    Io {
        /// The path that failed.
        path: PathBuf,
        /// What the operating system said, in words.
        message: String,
    },
    /// The files were read but the map is invalid (exit code 1 in the CLI).
    Invalid {
        /// The files, for rendering the diagnostics.
        files: Vec<MapFile>,
        /// The errors, in file order.
        errors: Vec<Diagnostic>,
        /// The warnings found as well.
        warnings: Vec<Diagnostic>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, message } => {
                write!(f, "cannot read {}: {message}", path.display())
            }
            LoadError::Invalid { files, errors, .. } => {
                f.write_str(&crate::diagnostic::render(errors, files, false))
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads a map from a `.ron` file or a directory of them.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let paths = discover(path)?;
    // The sizes only decide whether to read several files on two threads: a file that cannot
    // be examined counts as empty here, and its error comes when it is read.
    let bytes = match paths.len() {
        0 | 1 => 0,
        _ => paths
            .iter()
            .map(|path| std::fs::metadata(path).map_or(0, |metadata| metadata.len()))
            .fold(0usize, |total, len| {
                total.saturating_add(usize::try_from(len).unwrap_or(usize::MAX))
            }),
    };
    let read = |index: usize| -> Result<RawFile, LoadError> {
        let path = &paths[index];
        match std::fs::read(path) {
            Ok(bytes) => Ok(RawFile {
                path: path.clone(),
                bytes,
            }),
            Err(error) => Err(LoadError::Io {
                path: path.clone(),
                message: error.to_string(),
            }),
        }
    };
    match load_files(paths.len(), bytes, &read, Tuning::DEFAULT) {
        Err(LoadError::Invalid {
            files,
            mut errors,
            warnings,
        }) => {
            if !std::fs::metadata(path).is_ok_and(|metadata| metadata.is_dir()) {
                hint_siblings(path, &files, &mut errors);
            }
            Err(LoadError::Invalid {
                files,
                errors,
                warnings,
            })
        }
        loaded => loaded,
    }
}

/// The `.ron` files in `dir` and its sub-directories (one level down), but `path`, sorted; at
/// most [`SIBLINGS_READ`].
fn ron_files_near(dir: &Path, path: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![(dir.to_owned(), 0)];
    while let Some((dir, depth)) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let entry_path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if entry_path.is_dir() {
                if depth == 0 {
                    dirs.push((entry_path, depth + 1));
                }
            } else if entry_path.extension().is_some_and(|ext| ext == "ron")
                && !same_file(&entry_path, path)
            {
                found.push(entry_path);
            }
            if found.len() >= SIBLINGS_READ {
                break;
            }
        }
    }
    found.sort();
    found
}

/// Whether two paths name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Which of `files` defines each id (the first, in order).
fn defined_in(files: &[PathBuf]) -> std::collections::HashMap<String, PathBuf> {
    let mut defined_in = std::collections::HashMap::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for id in ids_written_in(&text, 0..text.len()) {
            defined_in.entry(id).or_insert_with(|| file.clone());
        }
    }
    defined_in
}

/// Siblings read at most for [`hint_siblings`]: a map's directory holds a few dozen files.
const SIBLINGS_READ: usize = 256;

/// When one file of a directory is checked alone, the ids it refers to may be defined in the
/// files beside it (or in the directory above, for a map whose claims are in a sub-directory):
/// the unknown references whose id such a file defines say so, naming it, and the first of them
/// suggests checking the directory. (Siblings that define none of the ids are
/// other maps, as in a directory of examples: nothing is said.)
fn hint_siblings(path: &Path, files: &[MapFile], errors: &mut [Diagnostic]) {
    if !errors.iter().any(|error| error.code == "unknown-reference") {
        return;
    }
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    // The id each unknown reference names, as written.
    let ids: Vec<Option<&str>> = errors
        .iter()
        .map(|error| {
            let label = error
                .primary
                .as_ref()
                .filter(|_| error.code == "unknown-reference")?;
            let written = files
                .get(label.file.index())?
                .text
                .get(label.span.clone())?;
            Some(written.trim_matches('"'))
        })
        .collect();
    // The siblings are parts of the same map when they define at least half of the ids not
    // found; else they are other maps (a directory of examples), and sharing an id or two
    // with them means nothing.
    let unknown: std::collections::HashSet<&str> = ids.iter().flatten().copied().collect();
    // The file's directory, else the one above (a map whose claims are in a sub-directory).
    let Some((dir, siblings, defined_in)) =
        [Some(parent.clone()), parent.parent().map(Path::to_owned)]
            .into_iter()
            .flatten()
            .map(|dir| {
                let dir = if dir.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    dir
                };
                let siblings = ron_files_near(&dir, path);
                let defined_in = defined_in(&siblings);
                (dir, siblings, defined_in)
            })
            .find(|(_, _, defined_in)| {
                let found = unknown
                    .iter()
                    .filter(|id| defined_in.contains_key(**id))
                    .count();
                found > 0 && found * 2 >= unknown.len()
            })
    else {
        return;
    };
    let mut first = true;
    for (error, id) in errors.iter_mut().zip(ids) {
        let Some((id, file)) = id.and_then(|id| Some((id, defined_in.get(id)?))) else {
            continue;
        };
        error.help = Some(format!(
            "`{id}` is defined in `{}`: check the directory `{}` to load the whole map",
            file.display(),
            dir.display()
        ));
        if first {
            first = false;
            error.notes.push(format!(
                "this file was checked alone; the {} other .ron {} in `{}` may define these ids: \
                 check the directory to load them together",
                siblings.len(),
                if siblings.len() == 1 { "file" } else { "files" },
                dir.display()
            ));
        }
    }
}

/// Loads a map from in-memory files (path, contents), as if read from disk in that order.
pub fn load_sources(files: Vec<(PathBuf, String)>) -> Result<Loaded, LoadError> {
    load_raw(
        files
            .into_iter()
            .map(|(path, text)| RawFile {
                path,
                bytes: text.into_bytes(),
            })
            .collect(),
    )
}

/// Loads a map from in-memory files (path, bytes), as if read from disk in that order: bytes
/// that are not UTF-8 give the same located diagnostic as a file on disk. The language server
/// loads a map this way, its unsaved buffers over the files on disk.
pub fn load_bytes(files: Vec<(PathBuf, Vec<u8>)>) -> Result<Loaded, LoadError> {
    load_raw(
        files
            .into_iter()
            .map(|(path, bytes)| RawFile { path, bytes })
            .collect(),
    )
}

/// The files that make up the map at `path` (one `.ron` file, or every `.ron` file below a
/// directory, hidden entries skipped), in the order [`load`] reads them.
pub fn map_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    discover(path)
}

/// A file's path and bytes, before they are checked to be text.
#[derive(Default)]
struct RawFile {
    path: PathBuf,
    bytes: Vec<u8>,
}

/// The files that make up the map at `path`, in load order.
fn discover(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let io_error = |path: &Path, error: std::io::Error| LoadError::Io {
        path: path.to_owned(),
        message: match error.kind() {
            std::io::ErrorKind::NotFound => {
                "no such file or directory; give a .ron file or a directory of them".to_owned()
            }
            _ => error.to_string(),
        },
    };
    let metadata = std::fs::metadata(path).map_err(|error| io_error(path, error))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut found = Vec::new();
    let mut pending = vec![path.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|error| io_error(&dir, error))?;
        for entry in entries {
            let entry = entry.map_err(|error| io_error(&dir, error))?;
            let entry_path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if hidden {
                continue;
            }
            let file_type = entry
                .file_type()
                .map_err(|error| io_error(&entry_path, error))?;
            if file_type.is_dir() {
                pending.push(entry_path);
            } else if entry_path.extension().is_some_and(|ext| ext == "ron") {
                found.push(entry_path);
            }
        }
    }
    found.sort_by(|a, b| a.strip_prefix(path).ok().cmp(&b.strip_prefix(path).ok()));
    if found.is_empty() {
        return Err(LoadError::Io {
            path: path.to_owned(),
            message: "this directory holds no .ron files".to_owned(),
        });
    }
    Ok(found)
}

/// A record of one section, and where its text is.
#[derive(Debug)]
pub(crate) struct Record<T> {
    pub(crate) doc: T,
    pub(crate) file: FileId,
    /// Byte range of the record in its file; field spans are read from it only when needed.
    pub(crate) span: Range<usize>,
}

/// The records of one file, section by section.
#[derive(Debug, Default)]
pub(crate) struct FileRecords<'a> {
    pub(crate) sources: Vec<Record<SourceRecord<Text<'a>>>>,
    pub(crate) actors: Vec<Record<ActorRecord<Text<'a>>>>,
    pub(crate) claims: Vec<Record<ClaimRecord<Text<'a>>>>,
    pub(crate) relations: Vec<Record<RelationRecord<Text<'a>>>>,
    pub(crate) expectations: Vec<Record<ExpectationRecord<Text<'a>>>>,
    pub(crate) questions: Vec<Record<QuestionRecord<Text<'a>>>>,
    /// Ids of records that failed to parse: references to them are not reported again.
    pub(crate) broken_ids: Vec<String>,
}

fn load_raw(raw_files: Vec<RawFile>) -> Result<Loaded, LoadError> {
    load_raw_with(raw_files, Tuning::DEFAULT)
}

/// Settings that change how a map is loaded, never what is loaded: the tests turn them to take
/// every path on small maps.
#[derive(Clone, Copy, Debug)]
struct Tuning {
    /// From how many bytes of map on the files are read and parsed on two threads.
    parallel_bytes: usize,
    /// How ids are looked up ([`validate::Batching`]).
    batching: validate::Batching,
}

impl Tuning {
    const DEFAULT: Tuning = Tuning {
        parallel_bytes: PARALLEL_BYTES,
        batching: validate::Batching::DEFAULT,
    };
}

/// [`load_raw`] with these settings.
fn load_raw_with(raw_files: Vec<RawFile>, tuning: Tuning) -> Result<Loaded, LoadError> {
    let bytes = raw_files.iter().map(|file| file.bytes.len()).sum();
    let count = raw_files.len();
    // Each file is taken once, by whichever thread gets to it.
    let raw_files: Vec<Mutex<RawFile>> = raw_files.into_iter().map(Mutex::new).collect();
    let take = |index: usize| -> Result<RawFile, LoadError> {
        Ok(raw_files[index]
            .lock()
            .map(|mut file| std::mem::take(&mut *file))
            .unwrap_or_default())
    };
    load_files(count, bytes, &take, tuning)
}

/// How [`load_files`] gets the file at an index: read from disk, or taken from memory.
type Fetch<'f> = dyn Fn(usize) -> Result<RawFile, LoadError> + Sync + 'f;

/// Loads the `count` files that `fetch` gives (`bytes` long in all, or about).
fn load_files(
    count: usize,
    bytes: usize,
    fetch: &Fetch<'_>,
    tuning: Tuning,
) -> Result<Loaded, LoadError> {
    // Filled as the files are read; the records borrow their strings from the texts, which the
    // map takes over afterwards.
    let slots: Vec<OnceLock<MapFile>> = (0..count).map(|_| OnceLock::new()).collect();
    let two_threads = count >= 2 && bytes >= tuning.parallel_bytes;
    let parsed = read_and_parse(fetch, &slots, two_threads)?;
    let mut errors = Vec::new();
    let mut records = Vec::with_capacity(count);
    for mut file in parsed {
        errors.append(&mut file.diagnostics);
        records.push(file.records);
    }
    let texts: Vec<&str> = slots
        .iter()
        .map(|slot| slot.get().map_or("", |file| file.text.as_str()))
        .collect();
    // When records were left out, the warnings that weigh a record against the others (an actor
    // that makes no claims, a claim nothing relates to) would be about the gap, not the map.
    let complete = errors.is_empty();
    let (mut map, mut validation_errors, mut warnings) =
        validate::validate(records, &texts, tuning.batching, complete);
    drop(texts);
    let files: Vec<MapFile> = slots
        .into_iter()
        .map(|slot| slot.into_inner().expect("read_and_parse fills every slot"))
        .collect();
    errors.append(&mut validation_errors);
    // Reading order: by file, then by position (the sort is stable for equal positions).
    let position = |d: &Diagnostic| d.primary.as_ref().map(|l| (l.file, l.span.start));
    errors.sort_by_key(position);
    warnings.sort_by_key(position);
    if errors.is_empty() {
        map.files = files;
        Ok(Loaded { map, warnings })
    } else {
        Err(LoadError::Invalid {
            files,
            errors,
            warnings,
        })
    }
}

/// From how many bytes of map on the files are read and parsed on two threads.
const PARALLEL_BYTES: usize = 1 << 20;

/// One file's records and the mistakes found in reading and parsing it.
struct ParsedFile<'a> {
    records: FileRecords<'a>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads, checks and parses every file into its slot, in order, or on two threads: each takes
/// the next file not taken yet and handles it whole (read, checked to be UTF-8, parsed), so
/// the threads stay busy however the sizes vary, and the records and diagnostics are the same
/// either way. The first file (in order) that cannot be read is the error.
fn read_and_parse<'a>(
    fetch: &Fetch<'_>,
    slots: &'a [OnceLock<MapFile>],
    two_threads: bool,
) -> Result<Vec<ParsedFile<'a>>, LoadError> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut done = Vec::new();
        // After a failure no new file is taken: every file before it was taken already, so
        // the first failure in order is still found.
        while !failed.load(Ordering::Relaxed) {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = slots.get(index) else {
                break;
            };
            let outcome = fetch(index).map(|raw| decode_and_parse(FileId::new(index), raw, slot));
            if outcome.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            done.push((index, outcome));
        }
        done
    };
    let mut done = if two_threads {
        std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new()
                .name("load".to_owned())
                .spawn_scoped(scope, work);
            // Without a second thread, this one does everything.
            let mut done = work();
            if let Ok(handle) = spawned {
                match handle.join() {
                    Ok(mut more) => done.append(&mut more),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            done
        })
    } else {
        work()
    };
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, outcome)| outcome).collect()
}

/// Checks that a file is UTF-8 text, keeps it in `slot`, and parses it.
fn decode_and_parse(file: FileId, raw: RawFile, slot: &OnceLock<MapFile>) -> ParsedFile<'_> {
    let mut diagnostics = Vec::new();
    let (text, utf8_error) = match String::from_utf8(raw.bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            (text, Some(valid_up_to))
        }
    };
    if let Some(offset) = utf8_error {
        let end = crate::diagnostic::floor_char_boundary(&text, offset + 3).max(offset + 1);
        let binary = text.contains('\0') || text.matches('\u{FFFD}').count() > 16;
        diagnostics.push(
            Diagnostic::error(
                "invalid-utf8",
                if binary {
                    "this is a binary file, not a RON map"
                } else {
                    "this file is not valid UTF-8"
                },
            )
            .at(
                file,
                offset..end.min(text.len()),
                "the first invalid byte is here",
            )
            .help("save the file as UTF-8 text; map files are plain text"),
        );
    }
    let kept = slot.get_or_init(|| MapFile {
        path: raw.path,
        text,
    });
    // A file that is not text is reported above and not parsed: none of its ids are defined.
    let records = match utf8_error {
        None => parse_file(file, &kept.text, &mut diagnostics),
        Some(_) => {
            let ids = ids_written_in(&kept.text, 0..kept.text.len());
            if let Some(diagnostic) = diagnostics.last_mut().filter(|_| !ids.is_empty()) {
                diagnostic
                    .notes
                    .push(left_out(&ids, "nothing in this file is loaded"));
            }
            FileRecords {
                broken_ids: ids,
                ..FileRecords::default()
            }
        }
    };
    ParsedFile {
        records,
        diagnostics,
    }
}

/// The options every map file is read with: `Some` may be left out around optional values.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses one map file into the loader's records with `ron` and nothing else, returning the
/// number of records. This is the floor that [`load`] builds on (no span reading, no
/// validation, no model); the benchmarks measure `load` against it.
pub fn bare_parse(text: &str) -> Result<usize, ron::error::SpannedError> {
    let doc: MapDocument<Text<'_>> = ron_options().from_str(text)?;
    Ok(doc.sources.len()
        + doc.actors.len()
        + doc.claims.len()
        + doc.relations.len()
        + doc.questions.len()
        + doc.expectations.len())
}

const EXAMPLE_FILE: &str = "(sources: [...], actors: [...], claims: [...], relations: [...])";

fn parse_file<'a>(file: FileId, text: &'a str, errors: &mut Vec<Diagnostic>) -> FileRecords<'a> {
    if text.trim().is_empty() {
        errors.push(
            Diagnostic::error("empty-file", "this map file is empty")
                .at(file, 0..0, "nothing here")
                .help(format!("a map file holds one record: {EXAMPLE_FILE}")),
        );
        return FileRecords::default();
    }
    // Most files: one pass, records and spans at once. Anything unusual goes the slow way.
    if let Some(records) = fast::parse(file, text) {
        return records;
    }
    let whole = ron_options().from_str::<MapDocument<Text<'_>>>(text);
    match whole {
        Ok(doc) => {
            // Only the outline (record boundaries) is read now; field spans are read on demand.
            let outline = syntax::parse_outline(text).unwrap_or(Node {
                // `ron` accepted what the span reader did not: locate at the file start.
                span: 0..0,
                kind: NodeKind::Struct(Vec::new()),
            });
            records_from_doc(file, doc, &outline)
        }
        Err(ron_error) => parse_failed_file(file, text, &ron_error, errors),
    }
}

/// A file `ron` rejected: find every independent mistake in it.
///
/// A syntax mistake whose extent is clear (a missing comma, a broken record) is reported and
/// stepped over ([`syntax::parse_recovering`]), and the other records are read; a record it
/// leaves out, or the whole file when the mistake cannot be stepped over, has its ids kept in
/// [`FileRecords::broken_ids`], so that the references to them are not reported as unknown.
fn parse_failed_file<'a>(
    file: FileId,
    text: &'a str,
    ron_error: &ron::error::SpannedError,
    errors: &mut Vec<Diagnostic>,
) -> FileRecords<'a> {
    let recovered = syntax::parse_recovering(text);
    let mut broken_ids = Vec::new();
    for mistake in &recovered.mistakes {
        let mut diagnostic = syntax_diagnostic(file, text, mistake.error.clone());
        if let Some(dropped) = &mistake.dropped {
            let ids = ids_written_in(text, dropped.clone());
            diagnostic = diagnostic.note(left_out(&ids, "this record is left out"));
            broken_ids.extend(ids);
        }
        errors.push(diagnostic);
    }
    match recovered.root {
        Ok(root) => {
            let before = errors.len();
            let mut records = records_one_by_one(file, text, &root, &recovered.mistakes, errors);
            if errors.len() == before && recovered.mistakes.is_empty() {
                // The records are fine one by one, so the problem is in the file as a whole.
                errors.push(ron_diagnostic(file, text, 0, &root, ron_error, "map file"));
            }
            records.broken_ids.append(&mut broken_ids);
            records
        }
        Err(syntax_error) => {
            // Nothing of the file is read: none of its ids are defined.
            let ids = ids_written_in(text, 0..text.len());
            let mut diagnostic = syntax_diagnostic(file, text, syntax_error);
            if !ids.is_empty() {
                diagnostic = diagnostic.note(left_out(&ids, "nothing in this file is loaded"));
            }
            errors.push(diagnostic);
            FileRecords {
                broken_ids: ids,
                ..FileRecords::default()
            }
        }
    }
}

/// The note on a mistake that leaves records out: `what` (e.g. "this record is left out") is
/// not loaded, and the references to the `ids` it defines are not checked.
fn left_out(ids: &[String], what: &str) -> String {
    const NAMED: usize = 4;
    let mut named: Vec<String> = ids.iter().take(NAMED).map(|id| format!("`{id}`")).collect();
    if ids.len() > NAMED {
        named.push(format!("and {} more", ids.len() - NAMED));
    }
    match ids.len() {
        0 => format!("{what} until this is mended"),
        1 => format!(
            "{what} until this is mended; references to {} are not checked",
            named.join(", ")
        ),
        _ => format!(
            "{what} until this is mended; references to the ids it defines ({}) are not checked",
            named.join(", ")
        ),
    }
}

/// Notes on the last of `errors` (about a section) that the section, which defines `ids`, is left
/// out.
fn section_left_out(errors: &mut [Diagnostic], ids: &[String]) {
    if let Some(diagnostic) = errors.last_mut().filter(|_| !ids.is_empty()) {
        diagnostic
            .notes
            .push(left_out(ids, "this section is left out"));
    }
}

/// The ids that `id: "..."` fields define in `range` of `text`, in order, found by reading
/// the text for the pattern alone: it is used where the text could not be parsed. Ids written
/// with escapes are not found.
fn ids_written_in(text: &str, range: std::ops::Range<usize>) -> Vec<String> {
    let Some(text) = text.get(range) else {
        return Vec::new();
    };
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut ids = Vec::new();
    for (at, _) in text.match_indices("id") {
        if at > 0 && is_ident(bytes[at - 1]) {
            continue;
        }
        let rest = text[at + 2..].trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        if let Some(end) = rest.find(['"', '\\', '\n']) {
            if rest.as_bytes()[end] == b'"' && end > 0 {
                ids.push(rest[..end].to_owned());
            }
        }
    }
    ids
}

/// A syntax error of the span reader, with advice for the common causes.
fn syntax_diagnostic(file: FileId, text: &str, error: syntax::SyntaxError) -> Diagnostic {
    let at_end = error.span.start >= text.trim_end().len();
    if at_end {
        let end = text.trim_end().len();
        return Diagnostic::error(
            "syntax",
            format!("the file ends in the middle of the map ({})", error.message),
        )
        .at(file, end..end, "the text stops here")
        .help("is the file truncated, or is a closing bracket missing?");
    }
    let diagnostic =
        Diagnostic::error("syntax", error.message.clone()).at(file, error.span, "here");
    if diagnostic.message.contains("nested too deeply") {
        diagnostic.help("argraph records are at most a few levels deep; look for stray brackets")
    } else if diagnostic.message.starts_with("expected `,`") {
        diagnostic
            .help("items and fields are separated by commas: is one missing just before this?")
    } else {
        diagnostic.help("see docs/format.md for the shape of a map file")
    }
}

/// Pairs the records `ron` parsed with their nodes in the span tree.
fn records_from_doc<'a>(file: FileId, doc: MapDocument<Text<'a>>, root: &Node) -> FileRecords<'a> {
    fn pair<T>(file: FileId, docs: Vec<T>, root: &Node, section: &str) -> Vec<Record<T>> {
        let nodes = root.field_value(section).map_or(&[][..], Node::elements);
        docs.into_iter()
            .enumerate()
            .map(|(i, doc)| Record {
                doc,
                file,
                span: nodes
                    .get(i)
                    .map_or(root.span.start..root.span.start, |node| node.span.clone()),
            })
            .collect()
    }
    FileRecords {
        sources: pair(file, doc.sources, root, "sources"),
        actors: pair(file, doc.actors, root, "actors"),
        claims: pair(file, doc.claims, root, "claims"),
        relations: pair(file, doc.relations, root, "relations"),
        expectations: pair(file, doc.expectations, root, "expectations"),
        questions: pair(file, doc.questions, root, "questions"),
        broken_ids: Vec::new(),
    }
}

/// Parses each record on its own, reporting every record that fails.
fn records_one_by_one<'a>(
    file: FileId,
    text: &'a str,
    root: &Node,
    mistakes: &[syntax::Mistake],
    errors: &mut Vec<Diagnostic>,
) -> FileRecords<'a> {
    let mut records = FileRecords::default();
    let NodeKind::Struct(fields) = &root.kind else {
        errors.push(
            Diagnostic::error("not-a-map", "a map file must be one record in parentheses")
                .at(file, root.span.clone(), "expected `( ... )` here")
                .help(format!("write the file as {EXAMPLE_FILE}")),
        );
        return records;
    };
    for (i, field) in fields.iter().enumerate() {
        // The ids of a section that is left out are not defined: references to them are not
        // reported again.
        let ids = || ids_written_in(text, field.value.span.clone());
        if let Some(first) = fields[..i].iter().find(|f| f.name == field.name) {
            let ids = ids();
            errors.push(
                Diagnostic::error(
                    "duplicate-section",
                    format!("the section `{}` appears twice in this file", field.name),
                )
                .at(file, field.name_span.clone(), "second time")
                .also(file, first.name_span.clone(), "first time")
                .help("merge the two lists into one"),
            );
            section_left_out(errors, &ids);
            records.broken_ids.extend(ids);
            continue;
        }
        let sections = crate::schema::section_names();
        if !sections.contains(&field.name.as_str()) {
            let mut diagnostic = Diagnostic::error(
                "unknown-section",
                format!("unknown section `{}`", field.name),
            )
            .at(file, field.name_span.clone(), "not a section of a map file");
            diagnostic = match crate::suggest::closest(&field.name, sections.iter().copied()) {
                Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                None => diagnostic.help(format!("the sections are: {}", sections.join(", "))),
            };
            let ids = ids();
            errors.push(diagnostic);
            section_left_out(errors, &ids);
            records.broken_ids.extend(ids);
            continue;
        }
        let NodeKind::List(elements) = &field.value.kind else {
            let ids = ids();
            errors.push(
                Diagnostic::error(
                    "section-not-a-list",
                    format!("the section `{}` must be a list", field.name),
                )
                .at(file, field.value.span.clone(), "expected `[ ... ]` here")
                .help(format!("write `{}: [ (...), (...) ]`", field.name)),
            );
            section_left_out(errors, &ids);
            records.broken_ids.extend(ids);
            continue;
        };
        for element in elements {
            let broken = &mut records.broken_ids;
            // A record with a syntax mistake stepped over inside it (a missing comma) is
            // reported already: it is left out, and its id is broken.
            if let Some(mistake) = mistakes.iter().find(|mistake| {
                (element.span.start + 1..element.span.end).contains(&mistake.error.span.start)
            }) {
                let ids = ids_written_in(text, element.span.clone());
                if let Some(diagnostic) = errors.iter_mut().rev().find(|diagnostic| {
                    diagnostic
                        .primary
                        .as_ref()
                        .is_some_and(|label| label.file == file && label.span == mistake.error.span)
                }) {
                    diagnostic
                        .notes
                        .push(left_out(&ids, "this record is left out"));
                }
                broken.extend(ids);
                continue;
            }
            match field.name.as_str() {
                "sources" => parse_record(file, text, element, "source", errors, broken)
                    .map(|r| records.sources.push(r)),
                "actors" => parse_record(file, text, element, "actor", errors, broken)
                    .map(|r| records.actors.push(r)),
                "claims" => parse_record(file, text, element, "claim", errors, broken)
                    .map(|r| records.claims.push(r)),
                "relations" => parse_record(file, text, element, "relation", errors, broken)
                    .map(|r| records.relations.push(r)),
                "questions" => parse_record(file, text, element, "question", errors, broken)
                    .map(|r| records.questions.push(r)),
                _ => parse_record(file, text, element, "expectation", errors, broken)
                    .map(|r| records.expectations.push(r)),
            };
        }
    }
    records
}

fn parse_record<T: DeserializeOwned>(
    file: FileId,
    text: &str,
    node: &Node,
    what: &str,
    errors: &mut Vec<Diagnostic>,
    broken_ids: &mut Vec<String>,
) -> Option<Record<T>> {
    let slice = &text[node.span.clone()];
    match ron_options().from_str::<T>(slice) {
        Ok(doc) => Some(Record {
            doc,
            file,
            span: node.span.clone(),
        }),
        Err(error) => {
            errors.push(ron_diagnostic(
                file,
                text,
                node.span.start,
                node,
                &error,
                what,
            ));
            if let Some(id) = node.field_value("id").and_then(|id| plain_string(text, id)) {
                broken_ids.push(id);
            }
            None
        }
    }
}

/// The value of a string literal without escapes, for recovering ids of broken records.
fn plain_string(text: &str, node: &Node) -> Option<String> {
    let literal = text.get(node.span.clone())?;
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then(|| inner.to_owned())
}

fn position_offset(text: &str, base: usize, position: &ron::error::Position) -> usize {
    base + byte_offset(&text[base..], position.line, position.col)
}

/// Turns a `ron` error inside `node` (whose text starts at `base`) into a located diagnostic.
fn ron_diagnostic(
    file: FileId,
    text: &str,
    base: usize,
    node: &Node,
    error: &ron::error::SpannedError,
    what: &str,
) -> Diagnostic {
    use ron::error::Error as E;
    // `ron`'s span starts at the whitespace before the offending token and ends on it.
    let start = position_offset(text, base, &error.span.start);
    let end = position_offset(text, base, &error.span.end);
    let token = leaf_at(node, end).unwrap_or_else(|| token_at(text, node, start));
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    match &error.code {
        E::NoSuchStructField {
            expected, found, ..
        } => {
            let span = named_field_span(node, found).unwrap_or(token);
            let diagnostic = Diagnostic::error(
                "unknown-field",
                format!("unknown field `{found}` in {article} {what}"),
            )
            .at(file, span, "not a field of this record");
            match crate::suggest::closest(found, expected.iter().copied()) {
                Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                None => diagnostic.help(format!(
                    "{article} {what} has the fields: {}",
                    expected.join(", ")
                )),
            }
        }
        E::MissingStructField { field, .. } => {
            let start = node.span.start;
            Diagnostic::error(
                "missing-field",
                format!("this {what} has no `{field}` field"),
            )
            .at(file, start..start + 1, format!("`{field}` is required"))
            .help(format!(
                "add `{field}: ...` to the record (see docs/format.md)"
            ))
        }
        E::DuplicateStructField { field, .. } => {
            let spans: Vec<_> = match &node.kind {
                NodeKind::Struct(fields) => fields
                    .iter()
                    .filter(|f| f.name == *field)
                    .map(|f| f.name_span.clone())
                    .collect(),
                _ => Vec::new(),
            };
            let second = spans.get(1).cloned().unwrap_or(token);
            let mut diagnostic = Diagnostic::error(
                "duplicate-field",
                format!("the field `{field}` is written twice"),
            )
            .at(file, second, "second time");
            if let Some(first) = spans.first() {
                diagnostic = diagnostic.also(file, first.clone(), "first time");
            }
            diagnostic.help("keep one of them")
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let diagnostic = Diagnostic::error(
                "unknown-variant",
                format!("unknown value `{found}`"),
            )
            .at(file, token, "not one of the allowed values");
            match crate::suggest::closest(found, expected.iter().copied()) {
                Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                None => diagnostic
                    .help(format!("write one of: {}", expected.join(", ")))
                    .note_if(expected.contains(&"research_lab"), KIND_NOTE),
            }
        }
        E::InvalidValueForType { expected, found } => Diagnostic::error(
            "wrong-type",
            format!("expected {expected}, found {found}"),
        )
        .at(file, token, format!("expected {expected}")),
        E::ExpectedString | E::ExpectedStringEnd => Diagnostic::error(
            "wrong-type",
            "expected a string in double quotes",
        )
        .at(file, token, "expected \"...\" here"),
        E::ExpectedArray => Diagnostic::error("wrong-type", "expected a list `[...]`")
            .at(file, token, "expected `[` here")
            .help("a list of strings is written `[\"a\", \"b\"]`"),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => Diagnostic::error(
            "wrong-type",
            format!("expected {article} {what} record `( ... )`"),
        )
        .at(file, token, "expected `(` here"),
        E::ExpectedIdentifier => {
            let field = match &node.kind {
                NodeKind::Struct(fields) => fields
                    .iter()
                    .find(|field| field.value.span.contains(&token.start)),
                _ => None,
            };
            let values = field.and_then(|field| crate::schema::field_words(&field.name));
            let written = text.get(token.clone()).unwrap_or_default();
            let diagnostic = Diagnostic::error("wrong-type", "expected a bare word");
            match (
                values,
                written.strip_prefix('"').and_then(|w| w.strip_suffix('"')),
            ) {
                // A value written in quotes: say so, and list the values as the bare form does.
                (Some(values), Some(word)) => {
                    let diagnostic = diagnostic.at(file, token, "written in quotes");
                    if values.contains(&word) {
                        diagnostic.help(format!("write `{word}`, without quotes"))
                    } else {
                        let hint = match crate::suggest::closest(word, values.iter().copied()) {
                            Some(best) => format!("did you mean `{best}`? "),
                            None => String::new(),
                        };
                        diagnostic
                            .help(format!(
                                "{hint}write one of, without quotes: {}",
                                values.join(", ")
                            ))
                            .note_if(field.is_some_and(|f| f.name == "kind"), KIND_NOTE)
                    }
                }
                (Some(values), None) => diagnostic
                    .at(file, token, "expected one of the allowed values")
                    .help(format!("write one of: {}", values.join(", "))),
                (None, _) => {
                    diagnostic.at(file, token, "expected an identifier such as `government`")
                }
            }
        }
        other => Diagnostic::error("syntax", format!("{other}")).at(
            file,
            token,
            format!("in this {what}"),
        ),
    }
}

/// Where to read which kind fits an actor that fits none well.
const KIND_NOTE: &str =
    "docs/format.md says which kind fits a borderline actor (a business lobby, a city council)";

/// The span of the field named `name` in a struct node.
fn named_field_span(node: &Node, name: &str) -> Option<Range<usize>> {
    node.field(name).map(|field| field.name_span.clone())
}

/// The leaf value (string, number, word) whose span contains `offset`.
fn leaf_at(node: &Node, offset: usize) -> Option<Range<usize>> {
    let inner = node.innermost_at(offset);
    matches!(inner.kind, NodeKind::Str | NodeKind::Scalar).then(|| inner.span.clone())
}

/// The whole token at (or just before) `offset`, for underlining.
fn token_at(text: &str, node: &Node, offset: usize) -> Range<usize> {
    let inner = node.innermost_at(offset);
    let is_leaf = matches!(inner.kind, NodeKind::Str | NodeKind::Scalar);
    if is_leaf {
        return inner.span.clone();
    }
    if offset > 0 {
        let before = node.innermost_at(offset - 1);
        if matches!(before.kind, NodeKind::Str | NodeKind::Scalar) {
            return before.span.clone();
        }
    }
    let end = text[offset.min(text.len())..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    offset..end
}

#[cfg(test)]
mod parallel_tests {
    use super::{LoadError, RawFile, Tuning, load_files, load_raw_with};
    use crate::schema::MapDocument;

    fn files(claims: usize, per_file: usize, mutate: bool) -> Vec<RawFile> {
        crate::generate::generate(&crate::generate::GenerateOptions {
            claims,
            actors: 30,
            seed: 5,
            claims_per_file: per_file,
        })
        .enumerate()
        .map(|(i, file)| {
            let mut text = file.text;
            // Mistakes in several files: a misspelt reference, a syntax error.
            if mutate && i % 3 == 1 {
                text = text.replacen("actor: \"a1\"", "actor: \"a1x\"", 2);
            }
            if mutate && i % 4 == 2 {
                text = text.replacen("text: ", "text ", 1);
            }
            RawFile {
                path: file.name.into(),
                bytes: text.into_bytes(),
            }
        })
        .collect()
    }

    /// On two threads as on one, the first file in order that cannot be read is the error,
    /// whichever thread meets which failure first.
    #[test]
    fn the_first_unreadable_file_is_the_error() {
        let texts: Vec<String> = files(300, 30, false)
            .into_iter()
            .map(|file| String::from_utf8(file.bytes).unwrap_or_default())
            .collect();
        for unreadable in [[3, 7], [0, 9], [9, 10]] {
            let read = |index: usize| -> Result<RawFile, LoadError> {
                if unreadable.contains(&index) {
                    // The first failure takes longest: on two threads the other one meets the
                    // later failure first.
                    if index == unreadable[0] {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    }
                    return Err(LoadError::Io {
                        path: format!("f{index}").into(),
                        message: "gone".to_owned(),
                    });
                }
                Ok(RawFile {
                    path: format!("f{index}").into(),
                    bytes: texts[index].clone().into_bytes(),
                })
            };
            for parallel_bytes in [0, usize::MAX] {
                for _ in 0..3 {
                    let tuning = Tuning {
                        parallel_bytes,
                        ..Tuning::DEFAULT
                    };
                    match load_files(texts.len(), 1, &read, tuning) {
                        Err(LoadError::Io { path, .. }) => {
                            assert_eq!(
                                path,
                                std::path::PathBuf::from(format!("f{}", unreadable[0]))
                            )
                        }
                        other => panic!("{:?}", other.is_ok()),
                    }
                }
            }
        }
    }

    /// Parsed on one thread or two, a map loads the same, and a broken one gives the same
    /// diagnostics in the same order.
    #[test]
    fn two_threads_load_what_one_loads() {
        for mutate in [false, true] {
            let parallel = |parallel_bytes| Tuning {
                parallel_bytes,
                ..Tuning::DEFAULT
            };
            let one = load_raw_with(files(900, 100, mutate), parallel(usize::MAX));
            let two = load_raw_with(files(900, 100, mutate), parallel(0));
            match (one, two) {
                (Ok(one), Ok(two)) => {
                    assert!(!mutate);
                    assert_eq!(
                        MapDocument::canonical(&one.map),
                        MapDocument::canonical(&two.map)
                    );
                    assert_eq!(format!("{:?}", one.warnings), format!("{:?}", two.warnings));
                }
                (
                    Err(LoadError::Invalid { errors: one, .. }),
                    Err(LoadError::Invalid { errors: two, .. }),
                ) => {
                    assert!(mutate);
                    assert!(one.len() >= 4, "{}", one.len());
                    assert_eq!(one, two);
                }
                (one, two) => panic!("{:?} / {:?}", one.is_ok(), two.is_ok()),
            }
        }
    }
}

#[cfg(test)]
mod batch_tests {
    use super::validate::Batching;
    use super::{LoadError, RawFile, Tuning, load_raw_with};
    use crate::schema::MapDocument;

    /// A map that takes every path of the batched lookups: forward and backward references,
    /// a target written with an escape (an owned id) and ids longer than an entry keeps,
    /// undercuts, a relations section, and, when `broken`, a misspelt target, a target that
    /// is an actor, a claim defined twice and a claim with the id of an actor.
    fn tricky(broken: bool) -> Vec<RawFile> {
        let claim = |id: &str, relations: &str| {
            format!("(id: \"{id}\", actor: \"a\", text: \"T.\", source: \"s\", {relations}),\n")
        };
        let mut claims = String::new();
        claims += &claim("c1", "supports: [\"c2\", \"a-rather-long-claim-id\"]");
        claims += &claim("c2", "rebuts: [\"c\\u{31}\"]");
        claims += &claim("a-rather-long-claim-id", "rebuts: [\"c1\", \"c2\"]");
        claims += &claim(
            "c3",
            "supports: [\"a-rather-long-claim-id\"], undercuts: [\"r1\"]",
        );
        if broken {
            claims += &claim(
                "c4",
                "supports: [\"c22\", \"a\"], rebuts: [\"a-rather-long-claim-ix\"]",
            );
            claims += &claim("c2", "supports: [\"c1\"]");
            claims += &claim("a", "");
        }
        let text = format!(
            "(\n sources: [(id: \"s\", title: \"S\")],\n actors: [(id: \"a\", name: \"A\", kind: government)],\n claims: [\n{claims}],\n relations: [(id: \"r1\", from: \"c2\", supports: \"c3\")],\n)\n"
        );
        vec![RawFile {
            path: "tricky.ron".into(),
            bytes: text.into_bytes(),
        }]
    }

    fn generated(broken: bool) -> Vec<RawFile> {
        crate::generate::generate(&crate::generate::GenerateOptions {
            claims: 600,
            actors: 20,
            seed: 9,
            claims_per_file: 150,
        })
        .map(|file| {
            let mut text = file.text;
            if broken {
                text = text.replacen("supports: [\"c", "supports: [\"cx", 3);
                text = text.replacen("actor: \"a1\"", "actor: \"a1x\"", 2);
            }
            RawFile {
                path: file.name.into(),
                bytes: text.into_bytes(),
            }
        })
        .collect()
    }

    /// Ids looked up one at a time or in batches of any size, a map loads the same, and a
    /// broken one gives the same diagnostics in the same order.
    #[test]
    fn batches_of_any_size_load_what_one_batch_loads() {
        type Files = fn(bool) -> Vec<RawFile>;
        let maps: [(&str, Files); 2] = [("tricky", tricky), ("generated", generated)];
        for (name, files) in maps {
            for broken in [false, true] {
                let whole = load_raw_with(files(broken), Tuning::DEFAULT);
                // The default looks up one id at a time on maps this small, and every claim's
                // actor and source on this thread: batches of any size, and (in several files)
                // the actors and sources looked up ahead on another thread.
                let tunings = [1, 2, 3, 7, 64, usize::MAX].map(|batch| Batching {
                    from_claims: if batch == usize::MAX { batch } else { 0 },
                    size: batch,
                    parties_ahead_from: 0,
                });
                for batching in tunings {
                    let tuning = Tuning {
                        batching,
                        ..Tuning::DEFAULT
                    };
                    let context = format!("{name}, broken: {broken}, {batching:?}");
                    match (&whole, load_raw_with(files(broken), tuning)) {
                        (Ok(whole), Ok(batched)) => {
                            assert!(!broken, "{context}");
                            assert_eq!(
                                MapDocument::canonical(&whole.map),
                                MapDocument::canonical(&batched.map),
                                "{context}"
                            );
                            let targets = |map: &crate::model::Map| {
                                map.relations.iter().map(|r| r.target).collect::<Vec<_>>()
                            };
                            assert_eq!(targets(&whole.map), targets(&batched.map), "{context}");
                        }
                        (
                            Err(LoadError::Invalid { errors: whole, .. }),
                            Err(LoadError::Invalid {
                                errors: batched, ..
                            }),
                        ) => {
                            assert!(broken, "{context}");
                            assert!(whole.len() >= 5, "{context}: {whole:?}");
                            assert_eq!(whole, &batched, "{context}");
                        }
                        (whole, batched) => {
                            panic!("{context}: {:?} / {:?}", whole.is_ok(), batched.is_ok())
                        }
                    }
                }
            }
        }
    }
}
