//! Compiler-style diagnostics: what went wrong, where (file, line, column, a snippet with the
//! text underlined), and what to do about it.
//!
//! Every check in argraph (loading, validation, quote verification, exercises) reports through
//! [`Diagnostic`]. Rendering is done by `codespan-reporting`, so the output looks like rustc's.

use crate::model::{FileId, MapFile};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use std::ops::Range;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The map is usable; something looks unfinished.
    Warning,
    /// The map is invalid.
    Error,
}

/// A span of text in one of a map's files, with a short message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The file.
    pub file: FileId,
    /// Byte range in the file's text.
    pub span: Range<usize>,
    /// What this span shows (may be empty).
    pub message: String,
}

/// One finding, with its location and advice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable code naming the kind of finding (`unknown-reference`).
    pub code: &'static str,
    /// One line saying what is wrong.
    pub message: String,
    /// The place the finding is about.
    pub primary: Option<Label>,
    /// Related places (the first definition of a duplicate id, …).
    pub secondary: Vec<Label>,
    /// Advice on what to do (`did you mean …?`).
    pub help: Option<String>,
    /// Further explanation.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    /// Points the diagnostic at `span` of `file`.
    pub fn at(mut self, file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        self.primary = Some(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a related place.
    pub fn also(mut self, file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the advice.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds an explanatory note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds an explanatory note when `condition` holds.
    pub fn note_if(self, condition: bool, note: impl Into<String>) -> Self {
        if condition { self.note(note) } else { self }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:column` of the primary label, 1-based, columns counted in characters.
    pub fn location(&self, files: &[MapFile]) -> Option<String> {
        let label = self.primary.as_ref()?;
        let file = files.get(label.file.index())?;
        let (line, column) = line_column(&file.text, label.span.start);
        Some(format!("{}:{line}:{column}", file.path.display()))
    }
}

/// The 1-based line and character column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset of 1-based `line` and character `column` in `text` (clamped to the text).
pub fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[offset..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    offset
        + line_text[..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_end, |(i, _)| i)
}

/// The largest char boundary at or below `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders diagnostics as text, the way `argraph check` prints them.
///
/// With `color`, the text carries ANSI colour codes.
pub fn render(diagnostics: &[Diagnostic], files: &[MapFile], color: bool) -> String {
    let mut simple_files = SimpleFiles::new();
    for file in files {
        simple_files.add(file.path.display().to_string(), file.text.as_str());
    }
    let config = term::Config::default();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let converted = to_codespan(diagnostic, files);
        let rendered = if color {
            let mut buffer = term::termcolor::Buffer::ansi();
            term::emit_to_write_style(&mut buffer, &config, &simple_files, &converted)
                .ok()
                .map(|()| String::from_utf8_lossy(buffer.as_slice()).into_owned())
        } else {
            term::emit_into_string(&config, &simple_files, &converted).ok()
        };
        match rendered {
            Some(text) => out.push_str(&text),
            // A span that no longer fits its file: fall back to the bare message.
            None => out.push_str(&format!(
                "{}: {}\n",
                match diagnostic.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                diagnostic.message
            )),
        }
    }
    out
}

fn to_codespan(diagnostic: &Diagnostic, files: &[MapFile]) -> cs::Diagnostic<usize> {
    let severity = match diagnostic.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let clamp = |label: &Label| -> Range<usize> {
        let len = files.get(label.file.index()).map_or(0, |f| f.text.len());
        let text = files
            .get(label.file.index())
            .map_or("", |f| f.text.as_str());
        let start = floor_char_boundary(text, label.span.start.min(len));
        let end = floor_char_boundary(text, label.span.end.min(len)).max(start);
        start..end
    };
    let mut labels = Vec::new();
    if let Some(primary) = &diagnostic.primary {
        labels.push(
            cs::Label::primary(primary.file.index(), clamp(primary))
                .with_message(primary.message.clone()),
        );
    }
    for secondary in &diagnostic.secondary {
        labels.push(
            cs::Label::secondary(secondary.file.index(), clamp(secondary))
                .with_message(secondary.message.clone()),
        );
    }
    let mut notes = diagnostic.notes.clone();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {help}"));
    }
    cs::Diagnostic::new(severity)
        .with_message(diagnostic.message.clone())
        .with_code(diagnostic.code)
        .with_labels(labels)
        .with_notes(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_round_trips_with_byte_offset() {
        let text = "ab\nçd\n\nxyz";
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let (line, column) = line_column(text, offset);
            assert_eq!(byte_offset(text, line, column), offset, "offset {offset}");
        }
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("çç x", 5), (1, 4));
    }
}
