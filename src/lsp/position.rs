//! Byte offsets of the loader and the line/character positions of the protocol, both ways.
//!
//! The loader counts bytes; a client counts characters in UTF-16 code units unless it offers
//! UTF-8 at `initialize`, which the server then takes ([`Encoding`]).

use lsp_types::{Position, Range as LspRange, Url};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Bytes of UTF-8 (when the client offers it).
    Utf8,
    /// UTF-16 code units (the protocol's default).
    Utf16,
}

/// Where each line of a text starts.
#[derive(Clone, Debug, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The line starts of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a character boundary).
    pub(crate) fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = crate::diagnostic::floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let before = text.get(start..offset).unwrap_or("");
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    /// The range of bytes `span`.
    pub(crate) fn range(&self, text: &str, span: &Range<usize>, encoding: Encoding) -> LspRange {
        LspRange::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end, encoding),
        )
    }

    /// The byte offset of `position` (clamped to its line, and to the text).
    pub(crate) fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next.saturating_sub(1));
        let line = text.get(start..end).unwrap_or("");
        let wanted = position.character as usize;
        match encoding {
            Encoding::Utf8 => {
                start + crate::diagnostic::floor_char_boundary(line, wanted.min(line.len()))
            }
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in line.char_indices() {
                    if units >= wanted {
                        return start + i;
                    }
                    units += c.len_utf16();
                }
                end
            }
        }
    }
}

/// The file path of a `file:` URI.
pub(crate) fn path_of(uri: &Url) -> Option<PathBuf> {
    uri.to_file_path().ok()
}

/// The `file:` URI of a path.
pub(crate) fn uri_of(path: &Path) -> Option<Url> {
    Url::from_file_path(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_round_trip() {
        let text = "ab\né𝄞x\n\nlast";
        let lines = LineIndex::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            for (offset, _) in text.char_indices() {
                let position = lines.position(text, offset, encoding);
                assert_eq!(lines.offset(text, position, encoding), offset, "{offset}");
            }
        }
        // é is 1 unit, 𝄞 two in UTF-16.
        assert_eq!(
            lines.position(text, 9, Encoding::Utf16),
            Position::new(1, 3)
        );
        assert_eq!(lines.position(text, 9, Encoding::Utf8), Position::new(1, 6));
        // Out of range is clamped, never a panic.
        assert_eq!(
            lines.offset(text, Position::new(99, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(lines.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(lines.offset(text, Position::new(1, 1), Encoding::Utf8), 3);
        assert_eq!(
            lines.position(text, 999, Encoding::Utf8),
            Position::new(3, 4)
        );
    }
}
