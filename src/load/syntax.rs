//! A small RON reader that records *where* every value is, not what it means.
//!
//! `ron` turns text into typed values but forgets positions once it is done. Diagnostics found
//! after parsing (a reference to a missing actor, a duplicate id) must still point at the exact
//! text, so the loader also reads each file into a tree of [`Node`]s that carry byte spans. Leaf
//! values are not decoded: the typed values come from `ron`, this tree only answers "where is
//! `claims[3].actor`?".
//!
//! The reader is iterative in spirit and bounded in depth ([`MAX_DEPTH`]), so hostile input
//! (parentheses nested a hundred thousand deep) gives an error, never a stack overflow.

use std::ops::Range;

/// Deepest nesting the reader accepts; argraph files need five levels.
pub(crate) const MAX_DEPTH: usize = 64;

/// A value with the byte range it occupies.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) span: Range<usize>,
    pub(crate) kind: NodeKind,
}

/// The shape of a value.
#[derive(Debug, Clone)]
pub(crate) enum NodeKind {
    /// `(a: 1, b: 2)` or `Name(a: 1)`; also `()`.
    Struct(Vec<Field>),
    /// `(1, 2)` or `Some(1)`.
    Tuple(Vec<Node>),
    /// `[1, 2]`.
    List(Vec<Node>),
    /// `{"k": v}`.
    Map(Vec<(Node, Node)>),
    /// A string literal (span includes the quotes).
    Str,
    /// A number, identifier, boolean or character.
    Scalar,
}

/// One `name: value` pair of a struct.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) name_span: Range<usize>,
    pub(crate) value: Node,
}

/// Why the reader gave up, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
}

impl Node {
    /// The struct field `name`, when this is a struct that has it.
    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        match &self.kind {
            NodeKind::Struct(fields) => fields.iter().find(|field| field.name == name),
            _ => None,
        }
    }

    /// The value of struct field `name`.
    pub(crate) fn field_value(&self, name: &str) -> Option<&Node> {
        self.field(name).map(|field| &field.value)
    }

    /// The elements of a list, or of a tuple.
    pub(crate) fn elements(&self) -> &[Node] {
        match &self.kind {
            NodeKind::List(items) | NodeKind::Tuple(items) => items,
            _ => &[],
        }
    }

    /// The innermost node whose span contains `offset`.
    pub(crate) fn innermost_at(&self, offset: usize) -> &Node {
        let mut current = self;
        'descend: loop {
            let children: Box<dyn Iterator<Item = &Node>> = match &current.kind {
                NodeKind::Struct(fields) => Box::new(fields.iter().map(|field| &field.value)),
                NodeKind::Tuple(items) | NodeKind::List(items) => Box::new(items.iter()),
                NodeKind::Map(entries) => Box::new(entries.iter().flat_map(|(k, v)| [k, v])),
                NodeKind::Str | NodeKind::Scalar => return current,
            };
            for child in children {
                if child.span.contains(&offset) {
                    current = child;
                    continue 'descend;
                }
            }
            return current;
        }
    }
}

/// Reads a whole file: one value, then only whitespace and comments.
pub(crate) fn parse(text: &str) -> Result<Node, SyntaxError> {
    parse_range(text, 0..text.len(), usize::MAX)
}

/// Reads a whole file but keeps only its outline: the root record, its sections, and the span of
/// each record in a section (with no children). Checks the syntax of everything; allocates little.
pub(crate) fn parse_outline(text: &str) -> Result<Node, SyntaxError> {
    parse_range(text, 0..text.len(), 2)
}

/// A mistake that [`parse_recovering`] stepped over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mistake {
    pub(crate) error: SyntaxError,
    /// The record left out because of it (its whole span), when one was: `None` for a missing
    /// comma, after which reading goes on as if it were there.
    pub(crate) dropped: Option<Range<usize>>,
}

/// What [`parse_recovering`] read: the tree (or the mistake it could not step over) and the
/// mistakes it stepped over, in the order of the text.
#[derive(Debug)]
pub(crate) struct Recovered {
    pub(crate) root: Result<Node, SyntaxError>,
    pub(crate) mistakes: Vec<Mistake>,
}

/// Reads a whole file as [`parse`] does, but steps over the mistakes whose extent is clear, so
/// that one typo costs one error and no record but the one it is in:
/// - a missing comma between two items of a list, or between two fields (`name:` follows a
///   value): reported, and read as if it were there;
/// - a record `( ... )` of a section that cannot be read: reported and left out, when its closing
///   parenthesis is found (brackets balanced, strings closed) and a `,` or the end of the list
///   follows it, with the next record (or nothing) after.
///
/// Anything else (an unclosed string, a stray bracket) ends the reading as [`parse`] does.
pub(crate) fn parse_recovering(text: &str) -> Recovered {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        keep: usize::MAX,
        mistakes: Some(Vec::new()),
    };
    let root = reader.skip_attributes().and_then(|()| {
        let node = reader.value(0)?;
        reader.skip_trivia()?;
        if reader.pos < reader.bytes.len() {
            return Err(reader.error_here("unexpected text after the end of the map"));
        }
        Ok(node)
    });
    Recovered {
        root,
        mistakes: reader.mistakes.unwrap_or_default(),
    }
}

/// Reads the value in `range` of `text` (spans stay relative to the whole `text`).
pub(crate) fn parse_value_at(text: &str, range: Range<usize>) -> Result<Node, SyntaxError> {
    parse_range(text, range, usize::MAX)
}

/// Reads one value in `range`, materialising `keep` levels of children.
fn parse_range(text: &str, range: Range<usize>, keep: usize) -> Result<Node, SyntaxError> {
    let end = crate::diagnostic::floor_char_boundary(text, range.end.min(text.len()));
    let start = crate::diagnostic::floor_char_boundary(text, range.start.min(end));
    let text = &text[..end];
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: start,
        keep,
        mistakes: None,
    };
    reader.skip_attributes()?;
    let node = reader.value(0)?;
    reader.skip_trivia()?;
    if reader.pos < reader.bytes.len() {
        return Err(reader.error_here("unexpected text after the end of the map"));
    }
    Ok(node)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Levels of children to keep: below that depth values are checked but not stored.
    keep: usize,
    /// When reading with recovery ([`parse_recovering`]), the mistakes stepped over.
    mistakes: Option<Vec<Mistake>>,
}

impl Reader<'_> {
    fn error_here(&self, message: &str) -> SyntaxError {
        let end = self.text[self.pos..]
            .chars()
            .next()
            .map_or(self.pos, |c| self.pos + c.len_utf8());
        SyntaxError {
            span: self.pos..end,
            message: message.to_owned(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips `#![enable(...)]` attributes at the top of a file.
    fn skip_attributes(&mut self) -> Result<(), SyntaxError> {
        loop {
            self.skip_trivia()?;
            if !self.text[self.pos..].starts_with("#!") {
                return Ok(());
            }
            match self.text[self.pos..].find(']') {
                Some(end) => self.pos += end + 1,
                None => return Err(self.error_here("unterminated `#![...]` attribute")),
            }
        }
    }

    fn skip_trivia(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    match self.text[self.pos..].find('\n') {
                        Some(end) => self.pos += end + 1,
                        None => self.pos = self.bytes.len(),
                    }
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut depth = 1usize;
                    while depth > 0 {
                        if self.pos >= self.bytes.len() {
                            return Err(SyntaxError {
                                span: start..start + 2,
                                message: "this block comment is never closed".to_owned(),
                            });
                        }
                        if self.text[self.pos..].starts_with("*/") {
                            depth -= 1;
                            self.pos += 2;
                        } else if self.text[self.pos..].starts_with("/*") {
                            depth += 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error_here("values are nested too deeply"));
        }
        self.skip_trivia()?;
        let start = self.pos;
        match self.peek() {
            None => Err(self.error_here("expected a value, found the end of the file")),
            Some(b'(') => self.parenthesised(start, depth),
            Some(b'[') => {
                self.pos += 1;
                let items = self.sequence(b']', depth)?;
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::List(items),
                })
            }
            Some(b'{') => self.map(start, depth),
            Some(b'"') => {
                self.string()?;
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Str,
                })
            }
            Some(b'r') if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.raw_string()?;
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Str,
                })
            }
            Some(b'\'') => {
                self.char_literal()?;
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Scalar,
                })
            }
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {
                self.identifier();
                self.skip_trivia()?;
                if self.peek() == Some(b'(') {
                    // An enum variant or named struct: `Some(x)`, `Name(a: 1)`.
                    let inner = self.parenthesised(self.pos, depth)?;
                    Ok(Node {
                        span: start..inner.span.end,
                        kind: inner.kind,
                    })
                } else {
                    // Trailing trivia is not part of the identifier's span.
                    let end = start + self.text[start..].find(is_not_ident_char).unwrap_or(0);
                    Ok(Node {
                        span: start..end.max(start + 1),
                        kind: NodeKind::Scalar,
                    })
                }
            }
            Some(b) if b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.' => {
                self.pos += 1;
                while let Some(b) = self.peek() {
                    if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-') {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Scalar,
                })
            }
            Some(_) => Err(self.error_here("expected a value")),
        }
    }

    fn identifier(&mut self) {
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// After `(`: a struct when it opens with `name:`, otherwise a tuple.
    fn parenthesised(&mut self, start: usize, depth: usize) -> Result<Node, SyntaxError> {
        self.pos += 1; // the `(`
        self.skip_trivia()?;
        let looks_like_struct = {
            let mut probe = Reader {
                text: self.text,
                bytes: self.bytes,
                pos: self.pos,
                keep: 0,
                mistakes: None,
            };
            let ident_start = probe.pos;
            probe.identifier();
            let had_ident = probe.pos > ident_start;
            probe.skip_trivia()?;
            had_ident && probe.peek() == Some(b':')
        };
        if !looks_like_struct {
            if self.peek() == Some(b')') {
                self.pos += 1;
                return Ok(Node {
                    span: start..self.pos,
                    kind: NodeKind::Struct(Vec::new()),
                });
            }
            let items = self.sequence(b')', depth)?;
            return Ok(Node {
                span: start..self.pos,
                kind: NodeKind::Tuple(items),
            });
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(b')') {
                self.pos += 1;
                break;
            }
            let name_start = self.pos;
            self.identifier();
            if self.pos == name_start {
                return Err(self.error_here("expected a field name or `)`"));
            }
            let name_span = name_start..self.pos;
            self.skip_trivia()?;
            if self.peek() != Some(b':') {
                return Err(self.error_here("expected `:` after the field name"));
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            let (value_kind, value_span) = match value.kind {
                NodeKind::Str => (NodeKind::Str, value.span.clone()),
                _ => (NodeKind::Scalar, value.span.clone()),
            };
            if depth < self.keep {
                fields.push(Field {
                    name: self.text[name_span.clone()].to_owned(),
                    name_span,
                    value,
                });
            }
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    break;
                }
                _ if self.mistakes.is_some() && self.field_name_follows()? => {
                    let error = self.error_here("expected `,` or `)` after the field");
                    self.step_over(error, None);
                }
                _ if matches!(value_kind, NodeKind::Str)
                    && runs_on(&self.text[value_span.clone()]) =>
                {
                    return Err(SyntaxError {
                        span: value_span.start..value_span.start + 1,
                        message:
                            "this string runs on into the next field: is its closing `\"` missing?"
                                .to_owned(),
                    });
                }
                _ => return Err(self.error_here("expected `,` or `)` after the field")),
            }
        }
        Ok(Node {
            span: start..self.pos,
            kind: NodeKind::Struct(fields),
        })
    }

    /// Comma-separated values up to `close` (already past the opening bracket).
    fn sequence(&mut self, close: u8, depth: usize) -> Result<Vec<Node>, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(items);
            }
            let start = self.pos;
            let item = match self.value(depth + 1) {
                Ok(item) => item,
                // The records of a section are the items of a list at this depth.
                Err(error) if depth != 1 || close != b']' => return Err(error),
                Err(error) => match self.skip_record(start, close, &error)? {
                    Some(end) => {
                        self.step_over(error, Some(start..end));
                        continue;
                    }
                    None => return Err(error),
                },
            };
            if depth < self.keep {
                items.push(item);
            }
            self.skip_trivia()?;
            let expected = if close == b']' {
                "expected `,` or `]`"
            } else {
                "expected `,` or `)`"
            };
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b) if b == close => {
                    self.pos += 1;
                    return Ok(items);
                }
                Some(b'(' | b'[' | b'{' | b'"') if self.mistakes.is_some() => {
                    let error = self.error_here(expected);
                    self.step_over(error, None);
                }
                _ => return Err(self.error_here(expected)),
            }
        }
    }

    /// Whether a field name and its `:` come next (a comma was forgotten before them).
    fn field_name_follows(&self) -> Result<bool, SyntaxError> {
        let mut probe = Reader {
            text: self.text,
            bytes: self.bytes,
            pos: self.pos,
            keep: 0,
            mistakes: None,
        };
        let name_start = probe.pos;
        probe.identifier();
        if probe.pos == name_start {
            return Ok(false);
        }
        probe.skip_trivia()?;
        Ok(probe.peek() == Some(b':'))
    }

    /// Notes a mistake that reading goes on after.
    fn step_over(&mut self, error: SyntaxError, dropped: Option<Range<usize>>) {
        if let Some(mistakes) = &mut self.mistakes {
            mistakes.push(Mistake { error, dropped });
        }
    }

    /// When reading with recovery and the item at `start` of a list closed by `close` is a record
    /// `( ... )` whose end is clear (see [`parse_recovering`]), moves past it and returns the
    /// end of the record; otherwise `None`, and the reading stops at `error`.
    fn skip_record(
        &mut self,
        start: usize,
        close: u8,
        error: &SyntaxError,
    ) -> Result<Option<usize>, SyntaxError> {
        if self.mistakes.is_none() || self.bytes.get(start) != Some(&b'(') {
            return Ok(None);
        }
        // The record's closing parenthesis: brackets counted, strings and comments skipped.
        let mut scan = Reader {
            text: self.text,
            bytes: self.bytes,
            pos: start,
            keep: 0,
            mistakes: None,
        };
        let mut open = Vec::new();
        let end = loop {
            if scan.skip_trivia().is_err() {
                return Ok(None);
            }
            match scan.peek() {
                None => return Ok(None),
                Some(b'"') => {
                    if scan.string().is_err() {
                        return Ok(None);
                    }
                    continue;
                }
                Some(b'r') if matches!(scan.bytes.get(scan.pos + 1), Some(b'"' | b'#')) => {
                    if scan.raw_string().is_err() {
                        return Ok(None);
                    }
                    continue;
                }
                Some(b @ (b'(' | b'[' | b'{')) => open.push(b),
                Some(b @ (b')' | b']' | b'}')) => {
                    let opener = match b {
                        b')' => b'(',
                        b']' => b'[',
                        _ => b'{',
                    };
                    if open.pop() != Some(opener) {
                        return Ok(None);
                    }
                    if open.is_empty() {
                        break scan.pos + 1;
                    }
                }
                Some(_) => {}
            }
            scan.pos += 1;
        };
        // The mistake is inside the record, and a `,` or the end of the list follows it, then
        // the next record (or nothing).
        if error.span.start >= end {
            return Ok(None);
        }
        scan.pos = end;
        if scan.skip_trivia().is_err() {
            return Ok(None);
        }
        match scan.peek() {
            Some(b) if b == close => {}
            Some(b',') => {
                scan.pos += 1;
                if scan.skip_trivia().is_err() {
                    return Ok(None);
                }
                if !matches!(scan.peek(), Some(b) if b == close || b == b'(') {
                    return Ok(None);
                }
            }
            _ => return Ok(None),
        }
        self.pos = end;
        self.skip_trivia()?;
        if self.peek() == Some(b',') {
            self.pos += 1;
        }
        Ok(Some(end))
    }

    fn map(&mut self, start: usize, depth: usize) -> Result<Node, SyntaxError> {
        self.pos += 1; // the `{`
        let mut entries = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(b'}') {
                self.pos += 1;
                break;
            }
            let key = self.value(depth + 1)?;
            self.skip_trivia()?;
            if self.peek() != Some(b':') {
                return Err(self.error_here("expected `:` after the map key"));
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            if depth < self.keep {
                entries.push((key, value));
            }
            self.skip_trivia()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.error_here("expected `,` or `}`")),
            }
        }
        Ok(Node {
            span: start..self.pos,
            kind: NodeKind::Map(entries),
        })
    }

    fn string(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        self.pos += 1; // opening quote
        while let Some(b) = self.peek() {
            match b {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => self.pos += 1,
            }
        }
        self.pos = self.bytes.len();
        Err(SyntaxError {
            span: start..start + 1,
            message: "this string is never closed".to_owned(),
        })
    }

    fn raw_string(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        self.pos += 1; // the `r`
        let hashes = self.text[self.pos..]
            .bytes()
            .take_while(|&b| b == b'#')
            .count();
        self.pos += hashes;
        if self.peek() != Some(b'"') {
            return Err(self.error_here("expected `\"` to open the raw string"));
        }
        self.pos += 1;
        let closing = format!("\"{}", "#".repeat(hashes));
        match self.text[self.pos..].find(&closing) {
            Some(end) => {
                self.pos += end + closing.len();
                Ok(())
            }
            None => Err(SyntaxError {
                span: start..start + 1,
                message: "this raw string is never closed".to_owned(),
            }),
        }
    }

    fn char_literal(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            match b {
                b'\\' => self.pos += 2,
                b'\'' => {
                    self.pos += 1;
                    return Ok(());
                }
                b'\n' => break,
                _ => self.pos += 1,
            }
        }
        Err(SyntaxError {
            span: start..start + 1,
            message: "this character literal is never closed".to_owned(),
        })
    }
}

/// Whether a string literal holds what looks like the end of a field and the start of the next
/// (`", name: "`): its closing quote was left out, and it ran on to the next quote.
fn runs_on(literal: &str) -> bool {
    literal.match_indices(", ").any(|(at, _)| {
        let rest = &literal[at + 2..];
        let name = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_')
                .len();
        name > 0 && rest[name..].trim_start().starts_with(':')
    })
}

fn is_not_ident_char(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_field_spans() {
        let text = "(claims: [(id: \"a\", actor: \"x\")], // note\n actors: [])";
        let root = parse(text).expect("valid");
        let claims = root.field_value("claims").expect("claims");
        let first = &claims.elements()[0];
        let actor = first.field_value("actor").expect("actor");
        assert_eq!(&text[actor.span.clone()], "\"x\"");
        assert_eq!(
            &text[first.field("id").expect("id").name_span.clone()],
            "id"
        );
        assert!(root.field("actors").is_some());
    }

    #[test]
    fn named_structs_and_options() {
        let text = "Map(a: Some(\"x\"), b: r#\"raw \"q\"\"#, c: 'c', d: -1.5e3, e: true)";
        let root = parse(text).expect("valid");
        let a = root.field_value("a").expect("a");
        assert_eq!(&text[a.span.clone()], "Some(\"x\")");
        let b = root.field_value("b").expect("b");
        assert_eq!(&text[b.span.clone()], "r#\"raw \"q\"\"#");
        let e = root.field_value("e").expect("e");
        assert_eq!(&text[e.span.clone()], "true");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "(".repeat(100_000);
        let error = parse(&text).expect_err("too deep");
        assert!(error.message.contains("nested too deeply"));
    }

    #[test]
    fn unclosed_things_are_located() {
        assert_eq!(parse("(a: \"open)").expect_err("open").span, 4..5);
        assert_eq!(parse("(a: 1 /* x").expect_err("open").span, 6..8);
        assert!(parse("(a: 1) extra").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn outline_keeps_records_but_not_their_fields() {
        let text = "(claims: [(id: \"a\", tags: [\"t\"]), (id: \"b\")], actors: [])";
        let outline = parse_outline(text).expect("valid");
        let claims = outline.field_value("claims").expect("claims");
        let records: Vec<&str> = claims
            .elements()
            .iter()
            .map(|r| &text[r.span.clone()])
            .collect();
        assert_eq!(records, ["(id: \"a\", tags: [\"t\"])", "(id: \"b\")"]);
        assert!(claims.elements()[0].field("id").is_none());
        let record = parse_value_at(text, claims.elements()[0].span.clone()).expect("record");
        let id = record.field_value("id").expect("id");
        assert_eq!(&text[id.span.clone()], "\"a\"");
        assert!(parse_outline("(claims: [(id: \"a\" \"b\")])").is_err());
    }

    #[test]
    fn innermost_node_at_offset() {
        let text = "(claims: [(id: \"a\", tags: [\"t\", 5])])";
        let root = parse(text).expect("valid");
        let offset = text.find('5').expect("5");
        let node = root.innermost_at(offset);
        assert_eq!(&text[node.span.clone()], "5");
    }

    #[test]
    fn recovery_steps_over_missing_commas_and_broken_records() {
        // A missing comma between records: both kept.
        let text = "(claims: [(id: \"a\") (id: \"b\")], actors: [])";
        let recovered = parse_recovering(text);
        let root = recovered.root.expect("recovered");
        assert_eq!(
            root.field_value("claims").expect("claims").elements().len(),
            2
        );
        assert_eq!(recovered.mistakes.len(), 1);
        assert_eq!(recovered.mistakes[0].dropped, None);
        // A missing comma between fields: read on, the record kept in the tree.
        let recovered = parse_recovering("(claims: [(id: \"a\" text: \"t\")])");
        assert!(recovered.root.is_ok());
        assert_eq!(recovered.mistakes.len(), 1);
        // A record that cannot be read: left out, the next one read.
        let text = "(claims: [(id: \"a\", text \"t\"), (id: \"b\")])";
        let recovered = parse_recovering(text);
        let root = recovered.root.expect("recovered");
        let claims = root.field_value("claims").expect("claims").elements();
        assert_eq!(claims.len(), 1);
        assert_eq!(&text[claims[0].span.clone()], "(id: \"b\")");
        let dropped = recovered.mistakes[0].dropped.clone().expect("dropped");
        assert_eq!(&text[dropped], "(id: \"a\", text \"t\")");
        // An unclosed string: no clear end, the reading stops.
        let recovered = parse_recovering("(claims: [(id: \"a, text: \"t\"), (id: \"b\")])");
        assert!(recovered.root.is_err());
        // What `parse` accepts, recovery reads the same, with no mistakes.
        let text = "(claims: [(id: \"a\", tags: [\"t\"])], actors: [])";
        let recovered = parse_recovering(text);
        assert!(recovered.mistakes.is_empty());
        assert_eq!(
            format!("{:?}", recovered.root.expect("valid")),
            format!("{:?}", parse(text).expect("valid"))
        );
        // A record nested too deeply is left out when its brackets balance, not otherwise.
        let deep = format!("(claims: [{}{}])", "(".repeat(100), ")".repeat(100));
        let recovered = parse_recovering(&deep);
        assert!(recovered.root.is_ok());
        assert!(recovered.mistakes[0].error.message.contains("too deeply"));
        let deep = format!("(claims: [{}])", "(".repeat(100));
        assert!(parse_recovering(&deep).root.is_err());
    }
}
