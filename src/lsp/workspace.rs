//! The server's state: the maps that opened files belong to, each file's text (the editor's
//! unsaved buffer over the file on disk), its ids ([`FileIndex`]), and the last check of the
//! whole map by the loader ([`Analysis`]).
//!
//! A map is the directory that holds an opened file, loaded as `argraph check DIR` loads it
//! ([`crate::load::map_files`]). Every feature answers from here; nothing parses map text but
//! the loader.

use super::position::{Encoding, LineIndex, uri_of};
use crate::diagnostic::Diagnostic;
use crate::load::index::{Definition, FileIndex, IndexError, Reference, index_file};
use crate::load::{LoadError, load_bytes, map_files};
use crate::model::{ClaimIx, Map};
use crate::semantics::Label;
use lsp_types::Url;
use std::cell::OnceCell;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One file of a map.
#[derive(Debug)]
pub(crate) struct FileState {
    /// The file's path.
    pub(crate) path: PathBuf,
    /// Its `file:` URI.
    pub(crate) uri: Url,
    /// The bytes as the loader reads them: the editor's buffer while it is open, else the disk's.
    bytes: Vec<u8>,
    /// The bytes as text (invalid UTF-8 replaced).
    pub(crate) text: String,
    /// Line starts of `text`.
    pub(crate) lines: LineIndex,
    /// Whether an editor holds the file open (its buffer then counts, not the disk).
    pub(crate) open: bool,
    /// Modification time and length on disk when last read.
    stamp: Option<(SystemTime, u64)>,
    /// The ids of the file as it last read well: while its syntax is broken this is the index
    /// of the last text that read well ([`FileState::stale`]).
    pub(crate) index: FileIndex,
    /// Why the current text could not be indexed.
    pub(crate) stale: Option<IndexError>,
}

impl FileState {
    fn new(path: PathBuf, bytes: Vec<u8>, stamp: Option<(SystemTime, u64)>) -> Option<Self> {
        let uri = uri_of(&path)?;
        let mut file = FileState {
            path,
            uri,
            bytes: Vec::new(),
            text: String::new(),
            lines: LineIndex::default(),
            open: false,
            stamp,
            index: FileIndex::default(),
            stale: None,
        };
        file.set_bytes(bytes);
        Some(file)
    }

    /// Replaces the file's contents and reads its ids again.
    pub(crate) fn set_bytes(&mut self, bytes: Vec<u8>) {
        self.text = String::from_utf8_lossy(&bytes).into_owned();
        self.bytes = bytes;
        self.lines = LineIndex::new(&self.text);
        match index_file(&self.text) {
            Ok(index) => {
                self.index = index;
                self.stale = None;
            }
            Err(error) => self.stale = Some(error),
        }
    }

    /// Replaces the file's contents with an editor's text.
    pub(crate) fn set_text(&mut self, text: String) {
        self.set_bytes(text.into_bytes());
    }

    /// Applies an editor's changes (ranges, or the whole text) in order.
    pub(crate) fn apply_changes(
        &mut self,
        changes: Vec<lsp_types::TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        let mut text = std::mem::take(&mut self.text);
        let mut lines = std::mem::take(&mut self.lines);
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = lines.offset(&text, range.start, encoding);
                    let end = lines.offset(&text, range.end, encoding);
                    text.replace_range(start.min(end)..end.max(start), &change.text);
                    lines = LineIndex::new(&text);
                }
                None => {
                    text = change.text;
                    lines = LineIndex::new(&text);
                }
            }
        }
        self.set_text(text);
    }

    /// `path:line:column` (1-based) of byte `offset`, for messages.
    pub(crate) fn location(&self, offset: usize) -> String {
        let (line, column) = crate::diagnostic::line_column(&self.text, offset);
        format!("{}:{line}:{column}", self.path.display())
    }

    /// The editor closed the file: the disk counts again.
    pub(crate) fn close(&mut self) {
        self.open = false;
        self.stamp = None;
        match std::fs::read(&self.path) {
            Ok(bytes) => self.set_bytes(bytes),
            // Never saved: it leaves the map at the next check.
            Err(_) => self.set_bytes(Vec::new()),
        }
    }
}

/// What the loader said about the whole map, last time it was checked.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    /// Errors and warnings, by file (index into [`MapState::files`]).
    pub(crate) diagnostics: Vec<Vec<Diagnostic>>,
    /// Errors and warnings with no place in a file.
    pub(crate) unplaced: Vec<Diagnostic>,
    /// The map, when it loaded without errors.
    pub(crate) map: Option<Map>,
    /// Each claim's status under grounded semantics, worked out when first asked.
    grounded: OnceCell<Option<Vec<Label>>>,
}

impl Analysis {
    /// The grounded status of claim `claim` (supports ignored, as `argraph eval` does by default).
    pub(crate) fn grounded(&self, claim: ClaimIx) -> Option<Label> {
        let labels = self.grounded.get_or_init(|| {
            let map = self.map.as_ref()?;
            crate::semantics::map::evaluate_map(
                map,
                crate::semantics::Semantics::Grounded,
                crate::semantics::bipolar::SupportMode::None,
            )
            .ok()
            .map(|evaluation| evaluation.labels)
        });
        labels.as_ref()?.get(claim.index()).copied()
    }
}

/// One map: a directory and its files.
#[derive(Debug)]
pub(crate) struct MapState {
    /// The directory.
    pub(crate) root: PathBuf,
    /// The files, in the order the loader reads them.
    pub(crate) files: Vec<FileState>,
    /// The last check.
    pub(crate) analysis: Analysis,
    /// Whether a file changed since the last check.
    pub(crate) dirty: bool,
}

/// A definition or reference found in a map: the file (index) and the item.
pub(crate) struct Found<'a, T> {
    /// The file, as an index into [`MapState::files`].
    pub(crate) file: usize,
    /// What was found.
    pub(crate) item: &'a T,
}

impl MapState {
    fn new(root: PathBuf) -> Self {
        let mut map = MapState {
            root,
            files: Vec::new(),
            analysis: Analysis::default(),
            dirty: true,
        };
        map.refresh_from_disk();
        map
    }

    /// Reads again the files on disk that changed, adds new ones, drops deleted ones (a file
    /// open in an editor stays whatever the disk holds).
    pub(crate) fn refresh_from_disk(&mut self) {
        let on_disk = map_files(&self.root).unwrap_or_default();
        self.files
            .retain(|file| file.open || on_disk.iter().any(|path| path == &file.path));
        for path in on_disk {
            let stamp = std::fs::metadata(&path)
                .ok()
                .and_then(|meta| Some((meta.modified().ok()?, meta.len())));
            match self.files.iter_mut().find(|file| file.path == path) {
                Some(file) if file.open || (file.stamp == stamp && stamp.is_some()) => {}
                Some(file) => {
                    file.stamp = stamp;
                    file.set_bytes(std::fs::read(&path).unwrap_or_default());
                    self.dirty = true;
                }
                None => {
                    let bytes = std::fs::read(&path).unwrap_or_default();
                    if let Some(file) = FileState::new(path, bytes, stamp) {
                        self.files.push(file);
                        self.dirty = true;
                    }
                }
            }
        }
        let root = self.root.clone();
        self.files.sort_by(|a, b| {
            a.path
                .strip_prefix(&root)
                .ok()
                .cmp(&b.path.strip_prefix(&root).ok())
        });
    }

    /// Checks the whole map with the loader, buffers over disk.
    pub(crate) fn analyse(&mut self) {
        self.refresh_from_disk();
        let sources = self
            .files
            .iter()
            .map(|file| (file.path.clone(), file.bytes.clone()))
            .collect();
        let mut analysis = Analysis {
            diagnostics: vec![Vec::new(); self.files.len()],
            ..Analysis::default()
        };
        let (diagnostics, map) = match load_bytes(sources) {
            Ok(loaded) => (loaded.warnings, Some(loaded.map)),
            Err(LoadError::Invalid {
                errors, warnings, ..
            }) => (errors.into_iter().chain(warnings).collect(), None),
            Err(LoadError::Io { path, message }) => (
                vec![Diagnostic::error(
                    "io",
                    format!("{}: {message}", path.display()),
                )],
                None,
            ),
        };
        for diagnostic in diagnostics {
            let file = diagnostic.primary.as_ref().map(|label| label.file.index());
            match file.and_then(|file| analysis.diagnostics.get_mut(file)) {
                Some(list) => list.push(diagnostic),
                None => analysis.unplaced.push(diagnostic),
            }
        }
        analysis.map = map;
        self.analysis = analysis;
        self.dirty = false;
    }

    /// The file at `path`.
    pub(crate) fn file_index(&self, path: &Path) -> Option<usize> {
        self.files.iter().position(|file| file.path == path)
    }

    /// Every definition of the map, with its file.
    pub(crate) fn definitions(&self) -> impl Iterator<Item = Found<'_, Definition>> {
        self.files.iter().enumerate().flat_map(|(file, state)| {
            state
                .index
                .definitions
                .iter()
                .map(move |item| Found { file, item })
        })
    }

    /// Every reference of the map, with its file.
    pub(crate) fn references(&self) -> impl Iterator<Item = Found<'_, Reference>> {
        self.files.iter().enumerate().flat_map(|(file, state)| {
            state
                .index
                .references
                .iter()
                .map(move |item| Found { file, item })
        })
    }

    /// The definition of `id`.
    pub(crate) fn definition(&self, id: &str) -> Option<Found<'_, Definition>> {
        self.definitions().find(|found| found.item.id.id == id)
    }

    /// The references to `id`.
    pub(crate) fn references_to<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = Found<'a, Reference>> + 'a {
        self.references()
            .filter(move |found| found.item.id.id == id)
    }
}

/// An id written at a place of a file: the id and the span of its string literal (quotes
/// included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct IdAt {
    /// The id.
    pub(crate) id: String,
    /// The literal's span.
    pub(crate) span: Range<usize>,
}

/// The string literal that holds `offset`, read from the line alone, so that it is found in a
/// file whose syntax is broken too. Literals with escapes are not ids and are not taken.
pub(crate) fn literal_at(text: &str, offset: usize) -> Option<IdAt> {
    let offset = offset.min(text.len());
    let line_start = text[..crate::diagnostic::floor_char_boundary(text, offset)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let bytes = &text.as_bytes()[line_start..line_end];
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], open) {
            (b'\\', Some(_)) => i += 1,
            (b'"', None) => open = Some(i),
            (b'"', Some(start)) => {
                let span = line_start + start..line_start + i + 1;
                if span.start <= offset && offset <= span.end {
                    let id = text.get(span.start + 1..span.end - 1)?;
                    return (!id.contains('\\')).then(|| IdAt {
                        id: id.to_owned(),
                        span,
                    });
                }
                open = None;
            }
            (b'/', None) if bytes.get(i + 1) == Some(&b'/') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Every map the server has seen, and how the client counts characters.
#[derive(Debug)]
pub(crate) struct World {
    /// The maps, by directory.
    pub(crate) maps: Vec<MapState>,
    /// The client's position encoding.
    pub(crate) encoding: Encoding,
}

impl World {
    /// No maps yet.
    pub(crate) fn new(encoding: Encoding) -> Self {
        World {
            maps: Vec::new(),
            encoding,
        }
    }

    /// The map of the file at `uri` and the file's index in it, loading the map from disk the
    /// first time (the file is added when it is not on disk yet).
    pub(crate) fn locate(&mut self, uri: &Url) -> Option<(&mut MapState, usize)> {
        let path = super::position::path_of(uri)?;
        let root = path.parent()?.to_owned();
        let map = match self.maps.iter().position(|map| map.root == root) {
            Some(i) => i,
            None => {
                self.maps.push(MapState::new(root));
                self.maps.len() - 1
            }
        };
        let map = &mut self.maps[map];
        let file = match map.file_index(&path) {
            Some(file) => file,
            None => {
                map.files
                    .push(FileState::new(path.clone(), Vec::new(), None)?);
                map.dirty = true;
                let root = map.root.clone();
                map.files.sort_by(|a, b| {
                    a.path
                        .strip_prefix(&root)
                        .ok()
                        .cmp(&b.path.strip_prefix(&root).ok())
                });
                map.file_index(&path)?
            }
        };
        Some((map, file))
    }

    /// Checks every map that changed since it was last checked; gives their indices.
    pub(crate) fn analyse_dirty(&mut self) -> Vec<usize> {
        let mut done = Vec::new();
        for (i, map) in self.maps.iter_mut().enumerate() {
            if map.dirty {
                map.analyse();
                done.push(i);
            }
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_at_finds_the_string_under_the_cursor() {
        let text = "x\n  (id: \"ab\", actor: \"c-d\"), // \"no\"\n";
        let at = |offset| literal_at(text, offset).map(|found| found.id);
        let a = text.find("ab").unwrap();
        assert_eq!(at(a).as_deref(), Some("ab"));
        assert_eq!(at(a - 1).as_deref(), Some("ab"));
        assert_eq!(at(text.find("c-d").unwrap() + 3).as_deref(), Some("c-d"));
        assert_eq!(at(text.find("no").unwrap()), None);
        assert_eq!(at(text.find("id").unwrap()), None);
        assert_eq!(at(999), None);
        assert_eq!(literal_at("\"half", 3), None);
    }
}
