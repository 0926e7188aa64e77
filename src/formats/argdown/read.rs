//! The Argdown reader: reads a document as Argdown's own parser (`@argdown/cli` 1.7.5) does,
//! into argraph's terms.
//!
//! Read: statements with or without titles (`[Title]: text`, references `[Title]`; the members
//! of an equivalence class are one claim), arguments (`<Title>: text`, `<Title>`) as claims,
//! premise-conclusion structures (`(1) …`, `----` or `-- rules {data} --`, each premise
//! supports the argument, the argument supports each conclusion), relations in both directions
//! (`+ [x]`, `<+ [x]`, `+> [x]`, and likewise `-`, `_`, and `><`), nested by indentation and
//! under pcs statements and inferences, the strict mode of the front matter, hashtags, YAML
//! data (inline or block style), headings, lists, comments (where Argdown's lexer reads them),
//! escapes, and the `argraph` front matter that [`super::to_string`] writes. Headings whose data
//! names an `actor` declare that actor and give it the claims below them; other headings become
//! tags of the claims below them.
//!
//! Not read, with a warning: undercuts of statements and of unreconstructed arguments (read as
//! rebuttals), relations to or from relations other than undercuts, heading display data.
//! Errors (with line and column) stop the import: an unclosed comment or data element, data
//! that cannot be read, a relation line without a parent.

use super::flow::{self, FlowError};
use super::title_id;
use crate::diagnostic::Diagnostic;
use crate::model::{FileId, RelationKind};
use serde_json::Value;
use std::collections::HashMap;
use std::ops::Range;

/// A source, as the front matter of argraph's export lists it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SourceRecord {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date, as written (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// File name of the archived copy.
    pub archive: Option<String>,
}

/// An actor: a heading with `{actor: id}` data, or an id that claims name without a heading.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ActorRecord {
    /// Its id.
    pub id: String,
    /// The heading's text (the id when there is no heading).
    pub name: String,
    /// Its kind as written (`official`), when given.
    pub kind: Option<String>,
    /// The actor it belongs to.
    pub member_of: Option<String>,
    /// Its role.
    pub role: Option<String>,
    /// A curator's remark.
    pub note: Option<String>,
}

/// A statement or an argument, read as a claim.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ClaimRecord {
    /// The id, made from the Argdown title (see [`super::title_id`]).
    pub id: String,
    /// The Argdown title.
    pub title: String,
    /// Whether Argdown wrote it as an argument (`<Title>`) rather than a statement.
    pub argument: bool,
    /// Who makes it: the `actor` data, or the actor heading it is under.
    pub actor: Option<String>,
    /// The text, unescaped, with hashtags and data removed and whitespace runs made one space.
    pub text: String,
    /// `quote` data.
    pub quote: Option<String>,
    /// `source` data.
    pub source: Option<String>,
    /// `date` data.
    pub date: Option<String>,
    /// Hashtags, `tags` data, and the tags of the headings it is under.
    pub tags: Vec<String>,
    /// `about` data.
    pub about: Vec<String>,
    /// `note` data.
    pub note: Option<String>,
    /// Where it is first defined (or first mentioned) in the document: the first line of it.
    pub span: Range<usize>,
}

/// What a relation points at.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationTarget {
    /// A claim, by id.
    Claim(String),
    /// A relation, by id.
    Relation(String),
}

/// A support, rebuttal or undercut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationRecord {
    /// Its id, when it has one (relations written as arguments always do).
    pub id: Option<String>,
    /// The claim that makes it.
    pub from: String,
    /// Supports, rebuts or undercuts.
    pub kind: RelationKind,
    /// A claim, or for an undercut a relation.
    pub target: RelationTarget,
    /// Why the link holds.
    pub note: Option<String>,
    /// Where it is written.
    pub span: Range<usize>,
}

/// An Argdown document read into argraph's terms; references are ids.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Sources from the front matter.
    pub sources: Vec<SourceRecord>,
    /// Actors, in the order they appear.
    pub actors: Vec<ActorRecord>,
    /// Claims, in the order they appear.
    pub claims: Vec<ClaimRecord>,
    /// Relations, in the order they appear.
    pub relations: Vec<RelationRecord>,
    /// The front matter's `title`, when it has one.
    pub title: Option<String>,
    /// The front matter's `author`, when it has one.
    pub author: Option<String>,
    /// What was read differently from what Argdown means, or not read (located; file 0).
    pub warnings: Vec<Diagnostic>,
}

/// Reads an Argdown document. Diagnostics point into `text` as file 0
/// ([`FileId`]`(0)`); errors stop the import, warnings come with the document.
pub fn parse(text: &str) -> Result<Document, Vec<Diagnostic>> {
    let mut reader = Reader::new(text);
    reader.read();
    let document = if reader.has_errors() {
        None
    } else {
        Some(reader.resolve())
    };
    // Warnings found while reading an element's text land among the errors; sort them out.
    let (mut errors, warnings): (Vec<_>, Vec<_>) = reader
        .errors
        .into_iter()
        .chain(reader.warnings)
        .partition(Diagnostic::is_error);
    match document {
        Some(mut document) if errors.is_empty() => {
            document.warnings = warnings;
            Ok(document)
        }
        _ => {
            errors.sort_by_key(|d| d.primary.as_ref().map(|l| l.span.start));
            Err(errors)
        }
    }
}

const FILE: FileId = FileId(0);

/// The relation symbols, longest first, with whether the child is the relation's source.
const SYMBOLS: [(&str, LinkKind, bool); 10] = [
    ("<+", LinkKind::Support, true),
    ("<-", LinkKind::Attack, true),
    ("<_", LinkKind::Undercut, true),
    ("+>", LinkKind::Support, false),
    ("->", LinkKind::Attack, false),
    ("_>", LinkKind::Undercut, false),
    ("><", LinkKind::Contradiction, true),
    ("+", LinkKind::Support, true),
    ("-", LinkKind::Attack, true),
    ("_", LinkKind::Undercut, true),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum LinkKind {
    Support,
    Attack,
    Undercut,
    Contradiction,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum ItemKind {
    Statement,
    Argument,
}

/// A heading, as read.
#[derive(Debug)]
struct Heading {
    level: usize,
    text: String,
    /// Its hashtags (given to the claims below it).
    tags: Vec<String>,
    data: Option<Value>,
    /// Its first line.
    span: Range<usize>,
}

/// One occurrence of a statement or argument in the text.
#[derive(Debug)]
struct Element {
    /// Byte range of the element's text (title, text, tags, data).
    range: Range<usize>,
    /// Indentation of its line (the relation symbol's column for relation children).
    indent: usize,
    /// The element it hangs under, with the relation symbol's kind, direction and span.
    parent: Option<(usize, LinkKind, bool, Range<usize>)>,
    /// The headings it is under (indices into `Reader::headings`).
    sections: Vec<usize>,
    /// Its place in a premise-conclusion structure, if it has one.
    role: Role,
}

/// What an element is besides a statement or argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A statement or argument of its own, or a relation's child.
    Plain,
    /// Statement `index` of premise-conclusion structure `pcs`.
    PcsStatement { pcs: usize, index: usize },
    /// Inference `step` of structure `pcs`: not a statement, but relations hang under it.
    Inference { pcs: usize, step: usize },
}

/// A premise-conclusion structure (`(1) …`, `----`, `(2) …`).
#[derive(Debug)]
struct Pcs {
    /// The element of the argument it reconstructs (the definition or reference just above
    /// it), or `None` for an anonymous argument.
    owner: Option<usize>,
    /// Its statements, in order: the element, and the inference before it when it is a
    /// conclusion.
    statements: Vec<(usize, Option<usize>)>,
    /// Its inferences: the rules named in an expanded inference and its data, as written.
    inferences: Vec<InferenceText>,
    /// The first line of it.
    span: Range<usize>,
}

/// What an expanded inference (`--`, rules, data, `--`) says.
#[derive(Debug, Default)]
struct InferenceText {
    rules: String,
    data: Option<String>,
}

/// An element's content, parsed.
#[derive(Debug, Default)]
struct Content {
    kind: Option<ItemKind>,
    title: Option<String>,
    definition: bool,
    text: String,
    tags: Vec<String>,
    data: Option<Value>,
}

/// A statement or argument: all occurrences of one title.
#[derive(Debug)]
struct Item {
    kind: ItemKind,
    title: String,
    text: Option<String>,
    tags: Vec<String>,
    data: serde_json::Map<String, Value>,
    sections: Vec<usize>,
    span: Range<usize>,
    defined_at: Option<Range<usize>>,
    /// The texts of the other members of its equivalence class (other descriptions of an
    /// argument), when they differ from the first.
    other_texts: Vec<String>,
    /// Written without a title: its "title" is its text.
    untitled: bool,
}

struct Reader<'a> {
    text: &'a str,
    /// The text with the front matter and comments blanked out (same byte offsets).
    clean: String,
    sources: Vec<SourceRecord>,
    headings: Vec<Heading>,
    elements: Vec<Element>,
    pcs: Vec<Pcs>,
    /// The root element of the last block, when it is an argument (a structure below it
    /// reconstructs that argument).
    last_argument: Option<usize>,
    /// `model: mode: strict` in the front matter: relations between statements are
    /// entailment, contrariness and contradiction.
    strict: bool,
    /// The front matter's `title` and `author`, for the source of the document's claims.
    document_title: Option<String>,
    document_author: Option<String>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            clean: text.to_owned(),
            sources: Vec::new(),
            headings: Vec::new(),
            elements: Vec::new(),
            pcs: Vec::new(),
            last_argument: None,
            strict: false,
            document_title: None,
            document_author: None,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn has_errors(&self) -> bool {
        self.errors.iter().any(Diagnostic::is_error)
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>, label: &str) {
        self.errors
            .push(Diagnostic::error("argdown-syntax", message).at(FILE, span, label));
    }

    fn warn(&mut self, span: Range<usize>, message: impl Into<String>, label: &str) {
        self.warnings
            .push(Diagnostic::warning("argdown-unsupported", message).at(FILE, span, label));
    }

    /// Replaces `range` of the clean text by spaces, keeping line breaks.
    fn blank(&mut self, range: Range<usize>) {
        let blanked: String = self.clean[range.clone()]
            .chars()
            .map(|c| {
                if c == '\n' || c == '\r' {
                    c.to_string()
                } else {
                    " ".repeat(c.len_utf8())
                }
            })
            .collect();
        self.clean.replace_range(range, &blanked);
    }

    fn read(&mut self) {
        self.front_matter();
        self.comments();
        if self.has_errors() {
            return;
        }
        self.blocks();
    }

    /// A front matter (`===` … `===`) at the start: its `argraph.sources` list is read, the
    /// rest (Argdown settings) is ignored.
    fn front_matter(&mut self) {
        let start = self.text.len() - self.text.trim_start().len();
        if !self.text[start..].starts_with("===") {
            return;
        }
        let body_start = start
            + self.text[start..]
                .find('\n')
                .map_or(self.text.len() - start, |i| i + 1);
        let mut offset = body_start;
        let mut end = None;
        let mut in_sources = false;
        // The top-level key being read, and the text of `title` or `author` so far.
        let mut top_key = String::new();
        let mut scalar: Option<String> = None;
        for line in self.text[body_start..].split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed.starts_with("===") {
                end = Some(offset + line.len());
                break;
            }
            let indented = line.starts_with([' ', '\t']);
            if !indented && !trimmed.is_empty() {
                self.front_matter_scalar(&top_key, scalar.take());
                let (key, value) = trimmed.split_once(':').unwrap_or((trimmed, ""));
                top_key = key.trim().to_owned();
                let value = value.trim();
                if matches!(top_key.as_str(), "title" | "author") {
                    scalar = Some(
                        if value.starts_with(['>', '|']) {
                            ""
                        } else {
                            value
                        }
                        .to_owned(),
                    );
                }
            } else if indented && scalar.is_some() {
                if let Some(text) = scalar.as_mut() {
                    text.push(' ');
                    text.push_str(trimmed);
                }
            } else if top_key == "model"
                && trimmed.split_once(':').is_some_and(|(k, v)| {
                    k.trim() == "mode" && v.trim().trim_matches(['"', '\'']) == "strict"
                })
            {
                self.strict = true;
            }
            if trimmed == "sources:" {
                in_sources = true;
            } else if in_sources && trimmed.starts_with("- {") {
                let at = offset + line.find('{').unwrap_or(0);
                match flow::parse_value(self.text, at) {
                    Ok((Value::Object(record), _)) => self.sources.push(source_record(&record)),
                    Ok(_) => {}
                    Err(FlowError { at, message }) => {
                        self.errors
                            .push(Diagnostic::error("argdown-data", message).at(
                                FILE,
                                at..at + 1,
                                "",
                            ));
                    }
                }
            } else if !line.starts_with("    ") {
                in_sources = false;
            }
            offset += line.len();
        }
        self.front_matter_scalar(&top_key, scalar.take());
        match end {
            Some(end) => self.blank(start..end),
            None => self.error(
                start..start + 3,
                "this front matter is never closed",
                "opened here",
            ),
        }
    }

    /// Keeps the front matter's `title` or `author` (a YAML scalar, quotes removed).
    fn front_matter_scalar(&mut self, key: &str, value: Option<String>) {
        let Some(value) = value else { return };
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let value = value.trim_matches(['"', '\'']).trim().to_owned();
        if value.is_empty() {
            return;
        }
        match key {
            "title" => self.document_title = Some(value),
            "author" => self.document_author = Some(value),
            _ => {}
        }
    }

    /// Blanks `//`, `/* */` and `<!-- -->` comments where Argdown's lexer reads them as
    /// comments: it tries a comment first at each place a token starts, so `//` inside a
    /// token that began earlier (a Markdown link `[text](https://…)`, a title or reference
    /// `[…]`/`<…>`, a mention, a `#(tag)`, a shortcode `.x.`/`:x:`, an escape, a data element)
    /// is text, while a bare `https://…` in a sentence starts a comment, as it does for
    /// Argdown. A `//` comment runs to the end of its line, and only where a line break
    /// follows. A line that held only a comment is removed rather than left blank, as Argdown
    /// does.
    fn comments(&mut self) {
        let bytes = self.clean.as_bytes().to_vec();
        let mut ranges = Vec::new();
        let mut i = 0;
        let mut data_depth = 0usize;
        let mut quote: Option<u8> = None;
        let mut line_start = true;
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(q) = quote {
                if b == b'\\' && q == b'"' {
                    i += 2;
                    continue;
                }
                if b == q {
                    quote = None;
                }
                i += 1;
                continue;
            }
            if data_depth > 0 {
                match b {
                    b'"' | b'\'' => quote = Some(b),
                    b'{' | b'[' => data_depth += 1,
                    b'}' | b']' => data_depth -= 1,
                    _ => {}
                }
                i += 1;
                continue;
            }
            let rest = &bytes[i..];
            if rest.starts_with(b"//") {
                // `//.*?(?=\r\n|\n|\r)`: only a comment where a line break follows.
                if let Some(len) = rest.iter().position(|&c| c == b'\n' || c == b'\r') {
                    ranges.push(i..i + len);
                    i += len;
                    continue;
                }
            } else if rest.starts_with(b"/*") {
                match find(rest, b"*/") {
                    Some(j) => {
                        ranges.push(i..i + j + 2);
                        i += j + 2;
                        continue;
                    }
                    None => {
                        self.error(i..i + 2, "this comment is never closed", "opened here");
                        return;
                    }
                }
            } else if rest.starts_with(b"<!--") {
                match find(rest, b"-->") {
                    Some(j) => {
                        ranges.push(i..i + j + 3);
                        i += j + 3;
                        continue;
                    }
                    None => {
                        self.error(i..i + 4, "this comment is never closed", "opened here");
                        return;
                    }
                }
            }
            if b == b'\n' || b == b'\r' {
                line_start = true;
                i += 1;
                continue;
            }
            if line_start {
                // Indentation, then a relation symbol or an inference line, as tokens.
                line_start = false;
                let indent = rest
                    .iter()
                    .take_while(|&&c| c == b' ' || c == b'\t')
                    .count();
                let after = &rest[indent..];
                let symbol = [
                    b"<+" as &[u8],
                    b"<-",
                    b"<_",
                    b"+>",
                    b"->",
                    b"_>",
                    b"><",
                    b"+",
                    b"-",
                    b"_",
                ]
                .iter()
                .find(|s| after.starts_with(s))
                .map_or(0, |s| s.len());
                if indent + symbol > 0 {
                    i += indent + symbol;
                    continue;
                }
            }
            i += token_len(rest).unwrap_or(1);
            if b == b'{' && token_len(rest).is_none() {
                data_depth = 1;
            }
        }
        for range in ranges {
            self.blank(range);
        }
    }

    /// Splits the text into blocks (separated by empty lines) and reads each.
    fn blocks(&mut self) {
        let clean = self.clean.clone();
        let mut lines: Vec<(usize, &str)> = Vec::new();
        let mut offset = 0;
        for line in clean.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let original = &self.text[offset..offset + content.len()];
            let emptied = content.trim().is_empty() && !original.trim().is_empty();
            if !emptied {
                lines.push((offset, content));
            }
            offset += line.len();
        }
        let mut block: Vec<(usize, &str)> = Vec::new();
        let mut sections: Vec<usize> = Vec::new();
        for &(start, line) in lines.iter().chain(std::iter::once(&(clean.len(), ""))) {
            if line.trim().is_empty() {
                if !block.is_empty() {
                    self.block(&block, &mut sections);
                    block.clear();
                }
            } else {
                block.push((start, line));
            }
        }
    }

    fn block(&mut self, lines: &[(usize, &str)], sections: &mut Vec<usize>) {
        let mut current: Option<usize> = None;
        let mut root: Option<usize> = None;
        // The structure being read in this block, and an inference awaiting its conclusion.
        let mut pcs: Option<usize> = None;
        let mut pending_inference: Option<usize> = None;
        // Inside YAML data in block style (`{` ends a line): lines up to `}` are data.
        let mut in_data = false;
        let mut n = 0;
        while n < lines.len() {
            let (start, line) = lines[n];
            n += 1;
            let indent = line.len() - line.trim_start().len();
            let body = &line[indent..];
            let body_start = start + indent;
            if in_data {
                if let Some(element) = current {
                    self.elements[element].range.end = start + line.len();
                }
                in_data = !body.starts_with('}');
                continue;
            }
            in_data = line.trim_end().ends_with('{');
            if indent == 0 && heading_level(body).is_some() {
                // A heading runs to the end of its block.
                let end = lines
                    .last()
                    .map_or(start + line.len(), |&(s, l)| s + l.len());
                self.heading(start, end, sections);
                self.last_argument = None;
                return;
            }
            if body.starts_with("--") {
                let Some(p) = pcs else {
                    self.warn(
                        body_start..start + line.len(),
                        "an inference outside a premise-conclusion structure is not read",
                        "no `(1)` statement above it in this block",
                    );
                    return;
                };
                // Collapsed (`----`) or expanded (`--`, rules and data, `--`).
                let rest = body.trim_start_matches('-');
                let hyphens = body.len() - rest.len();
                let mut inner = String::new();
                let collapsed = hyphens >= 4 && rest.trim().is_empty();
                if !collapsed {
                    match rest.find("--") {
                        Some(close) => inner.push_str(&rest[..close]),
                        None => {
                            inner.push_str(rest);
                            while n < lines.len() {
                                let (_, next) = lines[n];
                                n += 1;
                                let next = next.trim();
                                if next.starts_with("--") {
                                    break;
                                }
                                inner.push('\n');
                                inner.push_str(next);
                            }
                        }
                    }
                }
                let step = self.pcs[p].inferences.len();
                self.pcs[p].inferences.push(inference_text(&inner));
                self.elements.push(Element {
                    range: body_start..start + line.len(),
                    indent,
                    parent: None,
                    sections: sections.clone(),
                    role: Role::Inference { pcs: p, step },
                });
                pending_inference = Some(step);
                current = Some(self.elements.len() - 1);
                continue;
            }
            if let Some(number_len) = statement_number(body) {
                let p = match pcs {
                    Some(p) => p,
                    None => {
                        let owner = match root {
                            Some(root) if self.is_argument(root) => Some(root),
                            Some(_) => None,
                            None => self.last_argument,
                        };
                        self.pcs.push(Pcs {
                            owner,
                            statements: Vec::new(),
                            inferences: Vec::new(),
                            span: body_start..start + line.len(),
                        });
                        pcs = Some(self.pcs.len() - 1);
                        self.pcs.len() - 1
                    }
                };
                let index = self.pcs[p].statements.len();
                self.elements.push(Element {
                    range: body_start + number_len..start + line.len(),
                    indent,
                    parent: None,
                    sections: sections.clone(),
                    role: Role::PcsStatement { pcs: p, index },
                });
                let element = self.elements.len() - 1;
                self.pcs[p]
                    .statements
                    .push((element, pending_inference.take()));
                current = Some(element);
                continue;
            }
            if let Some((symbol_len, kind, child_is_source)) = relation_symbol(body) {
                let symbol = body_start..body_start + symbol_len;
                let Some(mut parent) = current else {
                    self.error(
                        symbol,
                        "a relation needs a statement or argument above it, in the same block",
                        "no parent for this relation",
                    );
                    return;
                };
                // The parent is the nearest element above that is indented less.
                while self.elements[parent].indent >= indent {
                    match self.elements[parent].parent {
                        Some((above, ..)) => parent = above,
                        None => break,
                    }
                }
                if self.elements[parent].indent >= indent {
                    self.error(
                        symbol,
                        "a relation must be indented more than the element it belongs to",
                        "indent this line",
                    );
                    return;
                }
                let child_start = body_start + symbol_len;
                if line[indent + symbol_len..].trim().is_empty() {
                    self.error(
                        symbol,
                        "a relation symbol without a statement or argument",
                        "nothing follows",
                    );
                    return;
                }
                self.elements.push(Element {
                    range: child_start..start + line.len(),
                    indent,
                    parent: Some((parent, kind, child_is_source, symbol)),
                    sections: sections.clone(),
                    role: Role::Plain,
                });
                current = Some(self.elements.len() - 1);
                continue;
            }
            let list_marker = list_marker(body);
            match current {
                Some(element) if list_marker.is_none() => {
                    // A continuation line of the current element.
                    if let Role::Inference { .. } = self.elements[element].role {
                        self.warn(
                            body_start..start + line.len(),
                            "text after an inference line is not read",
                            "a conclusion `(n) …` should follow the inference",
                        );
                        continue;
                    }
                    self.elements[element].range.end = start + line.len();
                }
                _ => {
                    self.elements.push(Element {
                        range: body_start + list_marker.unwrap_or(0)..start + line.len(),
                        indent,
                        parent: None,
                        sections: sections.clone(),
                        role: Role::Plain,
                    });
                    current = Some(self.elements.len() - 1);
                    if root.is_none() {
                        root = current;
                    }
                }
            }
        }
        if let Some(p) = pcs {
            if pending_inference.is_some() || self.pcs[p].inferences.is_empty() {
                self.warn(
                    self.pcs[p].span.clone(),
                    "this premise-conclusion structure has no conclusion after an inference",
                    "its last statement is read as its conclusion",
                );
            }
        }
        self.last_argument = match (pcs, root) {
            (None, Some(root)) if self.is_argument(root) => Some(root),
            _ => None,
        };
    }

    /// Whether element `e` is an argument (`<Title>`), by its first character.
    fn is_argument(&self, e: usize) -> bool {
        let range = self.elements[e].range.clone();
        self.clean
            .get(range)
            .is_some_and(|text| text.trim_start().starts_with('<'))
    }

    fn heading(&mut self, start: usize, end: usize, sections: &mut Vec<usize>) {
        let line = &self.clean[start..end];
        let level = heading_level(line).unwrap_or(1);
        let content = content(&self.clean, start + level..end, &mut self.errors);
        while sections
            .last()
            .is_some_and(|&open| self.headings[open].level >= level)
        {
            sections.pop();
        }
        self.headings.push(Heading {
            level,
            text: content.text,
            tags: content.tags,
            data: content.data,
            span: start..self.clean[start..end].find('\n').map_or(end, |i| start + i),
        });
        sections.push(self.headings.len() - 1);
    }

    /// Turns the syntax into argraph's records.
    fn resolve(&mut self) -> Document {
        let mut items: Vec<Item> = Vec::new();
        let mut index: HashMap<(ItemKind, String), usize> = HashMap::new();
        let mut element_item: Vec<Option<usize>> = Vec::with_capacity(self.elements.len());
        for e in 0..self.elements.len() {
            if let Role::Inference { .. } = self.elements[e].role {
                element_item.push(None);
                continue;
            }
            let range = self.elements[e].range.clone();
            let content = content(&self.clean, range.clone(), &mut self.errors);
            let kind = content.kind.unwrap_or(ItemKind::Statement);
            let untitled = content.title.is_none();
            let title = content
                .title
                .clone()
                .unwrap_or_else(|| content.text.clone());
            let key = (
                kind,
                if untitled {
                    format!("\u{0}{e}")
                } else {
                    title.clone()
                },
            );
            let item = *index.entry(key).or_insert_with(|| {
                items.push(Item {
                    kind,
                    title: title.clone(),
                    text: None,
                    other_texts: Vec::new(),
                    tags: Vec::new(),
                    data: serde_json::Map::new(),
                    sections: self.elements[e].sections.clone(),
                    span: range.clone(),
                    defined_at: None,
                    untitled,
                });
                items.len() - 1
            });
            let has_text = content.definition || untitled;
            if has_text {
                match &items[item].text {
                    // Another member of the equivalence class (or another description of
                    // the argument): its text is kept in the claim's note.
                    Some(first)
                        if *first != content.text
                            && !items[item].other_texts.contains(&content.text) =>
                    {
                        items[item].other_texts.push(content.text.clone());
                    }
                    None => {
                        items[item].text = Some(content.text.clone());
                        items[item].defined_at = Some(range.clone());
                        items[item].sections = self.elements[e].sections.clone();
                        items[item].span = range.clone();
                    }
                    _ => {}
                }
            }
            for tag in content.tags {
                if !items[item].tags.contains(&tag) {
                    items[item].tags.push(tag);
                }
            }
            if let Some(Value::Object(data)) = content.data {
                for (key, value) in data {
                    items[item].data.insert(key, value);
                }
            }
            element_item.push(Some(item));
        }

        // Premise-conclusion structures: the argument each reconstructs (an anonymous one
        // when no argument is above it), its main conclusion, and the relations that stand
        // for its inner structure.
        let mut main_conclusion: HashMap<usize, (usize, usize, usize)> = HashMap::new();
        let mut owners = Vec::with_capacity(self.pcs.len());
        for pcs in &self.pcs {
            let Some(&(last, _)) = pcs.statements.last() else {
                owners.push(None);
                continue;
            };
            let Some(conclusion) = element_item[last] else {
                owners.push(None);
                continue;
            };
            let owner = match pcs.owner.and_then(|e| element_item[e]) {
                Some(owner) => owner,
                None => {
                    let conclusion_text = items[conclusion]
                        .text
                        .clone()
                        .unwrap_or_else(|| items[conclusion].title.clone());
                    let title = format!("Argument for: {conclusion_text}");
                    items.push(Item {
                        kind: ItemKind::Argument,
                        title: title.clone(),
                        text: Some(title),
                        other_texts: Vec::new(),
                        tags: Vec::new(),
                        data: serde_json::Map::new(),
                        sections: self.elements[last].sections.clone(),
                        span: pcs.span.clone(),
                        defined_at: Some(pcs.span.clone()),
                        untitled: true,
                    });
                    items.len() - 1
                }
            };
            let step = pcs
                .statements
                .last()
                .and_then(|s| s.1)
                .unwrap_or(pcs.inferences.len().saturating_sub(1));
            main_conclusion.insert(owner, (conclusion, owners.len(), step));
            owners.push(Some(owner));
        }

        // Links, in document order, without repeats. Argdown's rules: an undercut written
        // under a conclusion undercuts the inference above it; a reconstructed argument's
        // outgoing relations are its main conclusion's; an undercut of a reconstructed
        // argument undercuts its (last) inference.
        let mut links: Vec<Link> = Vec::new();
        let mut inference_sources = Vec::new();
        for (e, element) in self.elements.iter().enumerate() {
            let Some((parent, kind, child_is_source, symbol)) = &element.parent else {
                continue;
            };
            let Some(child) = element_item[e] else {
                continue;
            };
            let parent_end = match self.elements[*parent].role {
                Role::Inference { pcs, step } => End::Inference(pcs, step),
                Role::PcsStatement { pcs, index }
                    if *child_is_source && *kind == LinkKind::Undercut =>
                {
                    match self.pcs[pcs].statements[index].1 {
                        Some(step) => End::Inference(pcs, step),
                        None => match element_item[*parent] {
                            Some(item) => End::Item(item),
                            None => continue,
                        },
                    }
                }
                _ => match element_item[*parent] {
                    Some(item) => End::Item(item),
                    None => continue,
                },
            };
            let (from, to) = if *child_is_source {
                (child, parent_end)
            } else {
                match parent_end {
                    End::Item(parent) => (parent, End::Item(child)),
                    End::Inference(..) => {
                        inference_sources.push(symbol.clone());
                        continue;
                    }
                }
            };
            let from = main_conclusion.get(&from).map_or(from, |&(c, ..)| c);
            let to = match to {
                End::Item(to) if *kind == LinkKind::Undercut => match main_conclusion.get(&to) {
                    Some(&(_, pcs, step)) => End::Inference(pcs, step),
                    None => End::Item(to),
                },
                to => to,
            };
            if !links
                .iter()
                .any(|l| l.from == from && l.kind == *kind && l.to == to)
            {
                links.push(Link {
                    from,
                    kind: *kind,
                    to,
                    span: symbol.clone(),
                });
            }
        }

        for symbol in inference_sources {
            self.warn(
                symbol,
                "an inference cannot support, attack or undercut anything",
                "not read",
            );
        }
        let mut document = Document {
            sources: std::mem::take(&mut self.sources),
            title: self.document_title.take(),
            author: self.document_author.take(),
            ..Document::default()
        };
        self.actors(&mut document);

        // Ids: claims from titles, relations written as arguments from their `relation` data.
        let is_relation: Vec<bool> = items
            .iter()
            .map(|item| item.kind == ItemKind::Argument && item.data.contains_key("relation"))
            .collect();
        let mut taken: HashMap<String, usize> = HashMap::new();
        let mut ids = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let wanted = if is_relation[i] {
                string(&item.data, "relation").unwrap_or_else(|| title_id(&item.title))
            } else if item.untitled {
                // An untitled statement: an id from its first words.
                let words: Vec<&str> = item.title.split_whitespace().take(6).collect();
                title_id(&words.join(" "))
            } else {
                title_id(&item.title)
            };
            let id = unique_id(
                &wanted,
                if is_relation[i] { "relation" } else { "claim" },
                &taken,
            );
            if id != wanted && !item.untitled {
                self.warnings.push(
                    Diagnostic::warning(
                        "argdown-id",
                        format!("`{}` is given the id `{id}`", item.title),
                    )
                    .at(FILE, first_line(self.text, &item.span), "")
                    .note("ids are made from titles: lower case, hyphens for other characters; they must be unique"),
                );
            }
            taken.insert(id.clone(), i);
            ids.push(id);
        }

        for (i, item) in items.iter().enumerate() {
            if is_relation[i] {
                continue;
            }
            let text = match &item.text {
                Some(text) => text.clone(),
                None => {
                    if item.kind == ItemKind::Statement {
                        self.warn(
                            first_line(self.text, &item.span),
                            format!(
                                "`{}` is never defined with a text; its title is used",
                                item.title
                            ),
                            "only referred to",
                        );
                    }
                    item.title.clone()
                }
            };
            let mut tags = item.tags.clone();
            if let Some(Value::Array(extra)) = item.data.get("tags") {
                tags.extend(extra.iter().filter_map(Value::as_str).map(str::to_owned));
            }
            let mut actor = string(&item.data, "actor");
            for &section in &item.sections {
                let heading = &self.headings[section];
                match heading
                    .data
                    .as_ref()
                    .and_then(|d| d.get("actor"))
                    .and_then(Value::as_str)
                {
                    Some(id) => {
                        if actor.is_none() {
                            actor = Some(id.to_owned());
                        }
                    }
                    None => {
                        let tag = title_id(&heading.text);
                        for tag in std::iter::once(tag).chain(heading.tags.iter().cloned()) {
                            if !tag.is_empty() && !tags.contains(&tag) {
                                tags.push(tag);
                            }
                        }
                    }
                }
            }
            let about = match item.data.get("about") {
                Some(Value::Array(list)) => list
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
                Some(Value::String(one)) => vec![one.clone()],
                _ => Vec::new(),
            };
            // What Argdown says that argraph has no field for goes into the note.
            let mut note: Vec<String> = string(&item.data, "note").into_iter().collect();
            if !item.other_texts.is_empty() {
                let kind = match item.kind {
                    ItemKind::Statement => "Also stated as",
                    ItemKind::Argument => "Also described as",
                };
                note.push(format!("{kind}: {}", item.other_texts.join(" | ")));
            }
            let other_data: serde_json::Map<String, Value> = item
                .data
                .iter()
                .filter(|(key, _)| !CLAIM_DATA.contains(&key.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if !other_data.is_empty() {
                note.push(format!("Argdown data: {}", Value::Object(other_data)));
            }
            document.claims.push(ClaimRecord {
                id: ids[i].clone(),
                title: item.title.clone(),
                argument: item.kind == ItemKind::Argument,
                actor,
                text,
                quote: string(&item.data, "quote"),
                source: string(&item.data, "source"),
                date: string(&item.data, "date"),
                tags,
                about,
                note: (!note.is_empty()).then(|| note.join("\n")),
                span: first_line(self.text, &item.span),
            });
        }
        for claim in &document.claims {
            for actor in claim.actor.iter().chain(&claim.about) {
                if !document.actors.iter().any(|a| &a.id == actor) {
                    document.actors.push(ActorRecord {
                        id: actor.clone(),
                        name: actor.clone(),
                        ..ActorRecord::default()
                    });
                }
            }
        }
        let mut unread_data = Vec::new();
        for heading in &self.headings {
            let Some(Value::Object(data)) = &heading.data else {
                continue;
            };
            let unread: Vec<&str> = data
                .keys()
                .map(String::as_str)
                .filter(|key| !HEADING_DATA.contains(key))
                .collect();
            // argraph's own export writes its questions as headings with `question` data
            // (not read back, as docs/formats.md says).
            if !unread.is_empty() && !data.contains_key("actor") && !data.contains_key("question") {
                let keys: Vec<String> = unread.iter().map(|k| format!("`{k}`")).collect();
                unread_data.push((heading.span.clone(), keys.join(", ")));
            }
        }
        for (span, keys) in unread_data {
            self.warn(
                span,
                format!("this heading's data is not kept: {keys}"),
                "argraph keeps a heading as a tag of the claims below it",
            );
        }

        // The relations that stand for each structure's inner workings, and the ids of the
        // inferences something undercuts.
        let mut structure: Vec<RelationRecord> = Vec::new();
        let mut inference_ids: HashMap<(usize, usize), String> = HashMap::new();
        for (p, pcs) in self.pcs.iter().enumerate() {
            let Some(owner) = owners[p] else { continue };
            let title = &items[owner].title;
            let last = pcs.statements.len().saturating_sub(1);
            for (index, &(element, inference)) in pcs.statements.iter().enumerate() {
                let Some(item) = element_item[element] else {
                    continue;
                };
                let span = first_line(self.text, &self.elements[element].range);
                let step = match (inference, index == last) {
                    (Some(step), _) => Some(step),
                    (None, true) => Some(pcs.inferences.len().saturating_sub(1)),
                    (None, false) => None,
                };
                let record = match step {
                    None => RelationRecord {
                        id: None,
                        from: ids[item].clone(),
                        kind: RelationKind::Supports,
                        target: RelationTarget::Claim(ids[owner].clone()),
                        note: Some(format!("Argdown: premise ({}) of <{title}>", index + 1)),
                        span,
                    },
                    Some(step) => {
                        let mut note = format!(
                            "Argdown: <{title}> infers its {} ({})",
                            if index == last {
                                "conclusion"
                            } else {
                                "intermediary conclusion"
                            },
                            index + 1
                        );
                        if let Some(inference) = pcs.inferences.get(step) {
                            if !inference.rules.is_empty() {
                                note.push_str(&format!(" by {}", inference.rules));
                            }
                            if let Some(data) = &inference.data {
                                note.push_str(&format!(" {data}"));
                            }
                        }
                        let undercut = links.iter().any(|l| l.to == End::Inference(p, step));
                        let id = undercut.then(|| {
                            let wanted = if pcs.inferences.len() > 1 {
                                format!("{}-inference-{}", ids[owner], step + 1)
                            } else {
                                format!("{}-inference", ids[owner])
                            };
                            let id = unique_id(&wanted, "inference", &taken);
                            taken.insert(id.clone(), usize::MAX);
                            inference_ids.insert((p, step), id.clone());
                            id
                        });
                        RelationRecord {
                            id,
                            from: ids[owner].clone(),
                            kind: RelationKind::Supports,
                            target: RelationTarget::Claim(ids[item].clone()),
                            note: Some(note),
                            span,
                        }
                    }
                };
                structure.push(record);
            }
        }

        let argument: Vec<bool> = items
            .iter()
            .map(|item| item.kind == ItemKind::Argument)
            .collect();
        self.relations(
            &items,
            &ids,
            &is_relation,
            &argument,
            &links,
            structure,
            &inference_ids,
            &mut document,
        );
        document
    }

    fn actors(&mut self, document: &mut Document) {
        for heading in &self.headings {
            let Some(Value::Object(data)) = &heading.data else {
                continue;
            };
            let Some(id) = string(data, "actor") else {
                continue;
            };
            if document.actors.iter().any(|a| a.id == id) {
                continue;
            }
            document.actors.push(ActorRecord {
                id,
                name: heading.text.clone(),
                kind: string(data, "kind"),
                member_of: string(data, "member_of"),
                role: string(data, "role"),
                note: string(data, "note"),
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn relations(
        &mut self,
        items: &[Item],
        ids: &[String],
        is_relation: &[bool],
        argument: &[bool],
        links: &[Link],
        structure: Vec<RelationRecord>,
        inference_ids: &HashMap<(usize, usize), String>,
        document: &mut Document,
    ) {
        let target_of = |i: usize| {
            if is_relation[i] {
                RelationTarget::Relation(ids[i].clone())
            } else {
                RelationTarget::Claim(ids[i].clone())
            }
        };
        // Relations written as arguments: premise (source claim) and outgoing link.
        let mut premise: Vec<Option<usize>> = vec![None; items.len()];
        let mut outgoing: Vec<Option<(LinkKind, usize, Range<usize>)>> = vec![None; items.len()];
        for (i, item) in items.iter().enumerate() {
            if !is_relation[i] {
                continue;
            }
            let from = string(&item.data, "from");
            premise[i] = links
                .iter()
                .filter(|l| {
                    l.to == End::Item(i) && l.kind == LinkKind::Support && !is_relation[l.from]
                })
                .find(|l| from.as_deref().is_none_or(|f| ids[l.from] == f))
                .map(|l| l.from);
            outgoing[i] = links.iter().find(|l| l.from == i).and_then(|l| match l.to {
                End::Item(to) => Some((l.kind, to, l.span.clone())),
                End::Inference(..) => None,
            });
        }
        let mut relations: Vec<RelationRecord> = Vec::new();
        let mut push = |reader: &mut Reader<'_>, record: RelationRecord| {
            if RelationTarget::Claim(record.from.clone()) == record.target {
                reader.warn(
                    record.span.clone(),
                    "a claim relating to itself is not read",
                    "",
                );
            } else if let Some(same) = relations.iter_mut().find(|r| {
                r.from == record.from && r.kind == record.kind && r.target == record.target
            }) {
                same.id = same.id.take().or(record.id);
            } else {
                relations.push(record);
            }
        };
        for record in structure {
            push(self, record);
        }
        for (i, item) in items.iter().enumerate() {
            if !is_relation[i] {
                continue;
            }
            let (Some(source), Some((kind, target, span))) = (premise[i], outgoing[i].clone())
            else {
                self.warn(
                    first_line(self.text, &item.span),
                    format!(
                        "the relation `{}` lacks its source claim (`<+ [Claim]`) or its target",
                        item.title
                    ),
                    "not read",
                );
                continue;
            };
            let kind = match (kind, is_relation[target]) {
                (LinkKind::Support, false) => RelationKind::Supports,
                (LinkKind::Attack | LinkKind::Contradiction, false) => RelationKind::Rebuts,
                (LinkKind::Undercut, true) => RelationKind::Undercuts,
                _ => {
                    self.warn(
                        span,
                        "argraph cannot represent this link between relations",
                        "not read",
                    );
                    continue;
                }
            };
            push(
                self,
                RelationRecord {
                    id: Some(ids[i].clone()),
                    from: ids[source].clone(),
                    kind,
                    target: target_of(target),
                    note: string(&item.data, "note"),
                    span: item.span.clone(),
                },
            );
        }
        for link in links {
            let (from, kind, span) = (link.from, link.kind, &link.span);
            let to = match link.to {
                End::Item(to) => to,
                End::Inference(p, step) => {
                    if kind != LinkKind::Undercut {
                        self.warn(
                            span.clone(),
                            "argraph's relations can only be undercut, not supported or attacked",
                            "not read",
                        );
                        continue;
                    }
                    match inference_ids.get(&(p, step)) {
                        Some(id) => push(
                            self,
                            RelationRecord {
                                id: None,
                                from: ids[from].clone(),
                                kind: RelationKind::Undercuts,
                                target: RelationTarget::Relation(id.clone()),
                                note: None,
                                span: span.clone(),
                            },
                        ),
                        None => self.warn(
                            span.clone(),
                            "this undercut's inference has no conclusion",
                            "not read",
                        ),
                    }
                    continue;
                }
            };
            if is_relation[from]
                || (is_relation[to] && premise[to] == Some(from) && kind == LinkKind::Support)
            {
                continue; // read above
            }
            let record = |kind, target, note: Option<&str>| RelationRecord {
                id: None,
                from: ids[from].clone(),
                kind,
                target,
                note: note.map(str::to_owned),
                span: span.clone(),
            };
            let back = |note: &str| RelationRecord {
                id: None,
                from: ids[to].clone(),
                kind: RelationKind::Rebuts,
                target: RelationTarget::Claim(ids[from].clone()),
                note: Some(note.to_owned()),
                span: span.clone(),
            };
            let statements = !argument[from] && !argument[to];
            match (kind, is_relation[to]) {
                (LinkKind::Undercut, true) => {
                    push(self, record(RelationKind::Undercuts, target_of(to), None))
                }
                (_, true) => self.warn(
                    span.clone(),
                    "argraph's relations can only be undercut, not supported or attacked",
                    "not read",
                ),
                (LinkKind::Support, false) => {
                    let note = (self.strict && statements).then_some("Argdown: entails");
                    push(self, record(RelationKind::Supports, target_of(to), note))
                }
                (LinkKind::Attack, false) if self.strict && statements => {
                    // Contrary statements cannot both be true: each rebuts the other.
                    let note = "Argdown: contrary";
                    push(
                        self,
                        record(RelationKind::Rebuts, target_of(to), Some(note)),
                    );
                    push(self, back(note));
                }
                (LinkKind::Attack, false) => {
                    push(self, record(RelationKind::Rebuts, target_of(to), None))
                }
                (LinkKind::Undercut, false) => {
                    self.warn(
                        span.clone(),
                        format!(
                            "an undercut of {} is read as a rebuttal",
                            if argument[to] {
                                "an argument without a premise-conclusion structure"
                            } else {
                                "a statement"
                            }
                        ),
                        "argraph undercuts the inferences of reconstructed arguments only",
                    );
                    push(self, record(RelationKind::Rebuts, target_of(to), None));
                }
                (LinkKind::Contradiction, false) => {
                    let note = "Argdown: contradictory";
                    push(
                        self,
                        record(RelationKind::Rebuts, target_of(to), Some(note)),
                    );
                    push(self, back(note));
                }
            }
        }
        // Ids and notes of relations, from their target's `relations` data.
        for (i, item) in items.iter().enumerate() {
            let Some(Value::Array(extras)) = item.data.get("relations") else {
                continue;
            };
            for extra in extras.iter().filter_map(Value::as_object) {
                let (Some(from), Some(kind)) = (string(extra, "from"), string(extra, "kind"))
                else {
                    continue;
                };
                let found = relations.iter_mut().find(|r| {
                    r.from == from && r.kind.as_str() == kind && r.target == target_of(i)
                });
                match found {
                    Some(relation) => {
                        relation.id = relation.id.take().or_else(|| string(extra, "id"));
                        relation.note = relation.note.take().or_else(|| string(extra, "note"));
                    }
                    None => self.warn(
                        first_line(self.text, &item.span),
                        format!("its data describes a `{kind}` relation from `{from}` that no relation line states"),
                        "not read",
                    ),
                }
            }
        }
        document.relations = relations;
    }
}

/// The data keys of a statement or argument that argraph reads into a claim's fields.
const CLAIM_DATA: [&str; 13] = [
    "actor",
    "source",
    "quote",
    "date",
    "tags",
    "about",
    "note",
    "relations",
    "relation",
    "from",
    "kind",
    "to",
    "title",
];

/// The data keys of a heading that argraph reads (an actor's).
const HEADING_DATA: [&str; 6] = ["actor", "kind", "member_of", "role", "note", "name"];

/// One end of a link: an item, or inference `step` of structure `pcs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Item(usize),
    Inference(usize, usize),
}

/// A relation line, resolved to items.
#[derive(Debug)]
struct Link {
    from: usize,
    kind: LinkKind,
    to: End,
    span: Range<usize>,
}

/// `wanted`, or when it is empty or taken, `wanted-2`, `wanted-3`… (`base-1`… when empty).
fn unique_id(wanted: &str, base: &str, taken: &HashMap<String, usize>) -> String {
    let base = if wanted.is_empty() { base } else { wanted };
    let mut id = if wanted.is_empty() {
        format!("{base}-1")
    } else {
        wanted.to_owned()
    };
    let mut n = 1;
    while taken.contains_key(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

fn source_record(record: &serde_json::Map<String, Value>) -> SourceRecord {
    SourceRecord {
        id: string(record, "id").unwrap_or_default(),
        title: string(record, "title"),
        publisher: string(record, "publisher"),
        authors: match record.get("authors") {
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        },
        url: string(record, "url"),
        date: string(record, "date"),
        archive: string(record, "archive"),
    }
}

fn string(data: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    data.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn heading_level(line: &str) -> Option<usize> {
    let level = line.len() - line.trim_start_matches('#').len();
    (level > 0 && line[level..].starts_with(' ')).then_some(level)
}

/// The length of a statement number `(n)` at the start of `body`.
fn statement_number(body: &str) -> Option<usize> {
    let rest = body.strip_prefix('(')?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && rest[digits..].starts_with(')')).then_some(digits + 2)
}

/// An expanded inference's text: its data element (`{…}`, as written) and the rest, the
/// rules it names.
fn inference_text(inner: &str) -> InferenceText {
    let (rules, data) = match (inner.find('{'), inner.rfind('}')) {
        (Some(open), Some(close)) if open < close => (
            format!("{} {}", &inner[..open], &inner[close + 1..]),
            Some(
                inner[open..=close]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        ),
        _ => (inner.to_owned(), None),
    };
    InferenceText {
        rules: rules.split_whitespace().collect::<Vec<_>>().join(" "),
        data,
    }
}

/// The length of a list marker (`* ` or `1. `) at the start of `body`.
fn list_marker(body: &str) -> Option<usize> {
    if body.starts_with("* ") {
        return Some(2);
    }
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && body[digits..].starts_with(". ")).then_some(digits + 2)
}

/// The relation symbol at the start of `body`: its length, kind and whether the child is the
/// relation's source.
fn relation_symbol(body: &str) -> Option<(usize, LinkKind, bool)> {
    SYMBOLS.iter().find_map(|&(symbol, kind, child_is_source)| {
        let rest = body.strip_prefix(symbol)?;
        let needs_space = symbol == "_";
        (!needs_space || rest.starts_with([' ', '\t']) || rest.is_empty()).then_some((
            symbol.len(),
            kind,
            child_is_source,
        ))
    })
}

/// A hashtag at the start of `rest` (`#tag` or `#(tag text)`): the tag and its length.
fn hashtag_at(rest: &str) -> Option<(String, usize)> {
    let after = &rest[1..];
    if let Some(inner) = after.strip_prefix('(') {
        let close = inner.find(')')?;
        let tag = inner[..close].trim();
        return (!tag.is_empty() && !tag.contains('\n')).then(|| (tag.to_owned(), close + 3));
    }
    let len: usize = after
        .chars()
        .take_while(|&c| c.is_alphanumeric() || c == '-' || c == '_')
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (after[..len].to_owned(), len + 1))
}

/// Parses an element's text: its title, text, hashtags and data.
fn content(clean: &str, range: Range<usize>, errors: &mut Vec<Diagnostic>) -> Content {
    let slice = &clean[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let mut pos = range.start + lead;
    let end = range.end;
    let mut content = Content::default();
    let open = clean[pos..end].chars().next();
    // `[text](url)` at the start is a Markdown link, not a title (Argdown's lexer tries
    // links first).
    let link_first = open == Some('[')
        && clean[pos + 1..end]
            .find(']')
            .is_some_and(|close| clean[pos + 1 + close + 1..end].starts_with('('));
    if let Some(bracket @ ('[' | '<')) = open.filter(|_| !link_first) {
        let close = if bracket == '[' { ']' } else { '>' };
        match clean[pos + 1..end].find(close) {
            Some(i) => {
                content.title = Some(clean[pos + 1..pos + 1 + i].trim().to_owned());
                content.kind = Some(if bracket == '[' {
                    ItemKind::Statement
                } else {
                    ItemKind::Argument
                });
                pos += i + 2;
                if clean[pos..end].starts_with(':') {
                    content.definition = true;
                    pos += 1;
                }
            }
            None => {
                errors.push(
                    Diagnostic::warning(
                        "argdown-syntax",
                        format!(
                            "this `{bracket}` is never closed with `{close}`: read as text, not as a title"
                        ),
                    )
                    .at(FILE, pos..pos + 1, "opened here")
                    .help(format!("escape it (`\\{bracket}`) if it is text")),
                );
            }
        }
    }
    let mut text = String::new();
    while pos < end {
        let rest = &clean[pos..end];
        let Some(c) = rest.chars().next() else { break };
        match c {
            '\\' => {
                let escaped = rest[1..].chars().next().unwrap_or('\\');
                text.push(escaped);
                pos += 1 + escaped.len_utf8().min(rest.len() - 1);
            }
            '[' | '@' | '<' => {
                // A link, mention or reference inside the text is kept as written.
                let len = token_len(rest.as_bytes()).unwrap_or(1);
                let len = (1..=len)
                    .rev()
                    .find(|&l| rest.is_char_boundary(l))
                    .unwrap_or(1);
                text.push_str(&rest[..len]);
                pos += len;
            }
            '{' if rest[1..]
                .trim_start_matches([' ', '\t'])
                .starts_with(['\n', '\r']) =>
            {
                // YAML in block style: `{`, a line break, the YAML, `}` on a line.
                let close = rest
                    .match_indices('}')
                    .map(|(i, _)| i)
                    .find(|&i| {
                        rest[..i]
                            .rfind('\n')
                            .is_some_and(|nl| rest[nl..i].trim().is_empty())
                    })
                    .or_else(|| rest.rfind('}'));
                let Some(close) = close else {
                    errors.push(
                        Diagnostic::error("argdown-data", "this data element is never closed")
                            .at(FILE, pos..pos + 1, "opened here")
                            .help("close it with `}` on a line of its own"),
                    );
                    return content;
                };
                match block_yaml(&rest[1..close]) {
                    Some(data) => content.data = Some(Value::Object(data)),
                    None => errors.push(
                        Diagnostic::warning(
                            "argdown-data",
                            "this YAML data is beyond what argraph reads (keys with text or lists of text); it is not kept",
                        )
                        .at(FILE, pos..pos + 1, ""),
                    ),
                }
                pos += close + 1;
            }
            '{' => match flow::parse_value(&clean[..end], pos) {
                Ok((value @ Value::Object(_), next)) => {
                    if content.data.is_some() {
                        errors.push(
                            Diagnostic::error("argdown-data", "a second data element").at(
                                FILE,
                                pos..next,
                                "only one is allowed",
                            ),
                        );
                    }
                    content.data = Some(value);
                    pos = next;
                }
                Ok((_, next)) => {
                    errors.push(
                        Diagnostic::error("argdown-data", "data must be a mapping").at(
                            FILE,
                            pos..next,
                            "not `{key: value}`",
                        ),
                    );
                    pos = next;
                }
                Err(FlowError { at, message }) => {
                    errors.push(
                        Diagnostic::error("argdown-data", format!("unreadable data: {message}"))
                            .at(FILE, at..(at + 1).min(end.max(at + 1)), "here"),
                    );
                    return content;
                }
            },
            '#' => match hashtag_at(rest) {
                Some((tag, len)) => {
                    // A hashtag inside a sentence stays in the text too ("a #tag and a
                    // link"); the hashtags that end the text are only tags.
                    if !only_tags_follow(&rest[len..]) {
                        text.push_str(&rest[..len]);
                    }
                    content.tags.push(tag);
                    pos += len;
                }
                None => {
                    text.push('#');
                    pos += 1;
                }
            },
            _ => {
                text.push(c);
                pos += c.len_utf8();
            }
        }
    }
    content.text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    content
}

/// The part of `span` on its first line (a claim's place in a one-line label).
fn first_line(text: &str, span: &Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(span.clone()) else {
        return span.clone();
    };
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = slice.find('\n').map_or(span.end, |i| span.start + i);
    start.min(end)..end
}

/// The length of an Argdown token at the start of `rest` inside which `//`, `/*` or `<!--`
/// is text: an escape, a shortcode (`.x.`, `:x:`), a Markdown link, a title, reference or
/// mention (`[…]`, `<…>`, `@[…]`, `@<…>`, on one line), or a `#(tag)`. `None` otherwise.
fn token_len(rest: &[u8]) -> Option<usize> {
    let line_end = rest
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .unwrap_or(rest.len());
    let until = |from: usize, close: u8| {
        rest[from..line_end]
            .iter()
            .position(|&c| c == close)
            .map(|j| from + j + 1)
    };
    match rest.first()? {
        b'\\' => Some(2.min(rest.len()).max(1)),
        b'.' | b':' => {
            // `\.[^\s]+?\.` or `:[^\s]+?:`
            let mark = rest[0];
            let end = rest[1..]
                .iter()
                .position(|&c| c == mark || c.is_ascii_whitespace())?;
            (end > 0 && rest[1 + end] == mark).then_some(end + 2)
        }
        b'[' => {
            // A link `[text](url)` (each part may span lines), else a title or reference.
            if let Some(close) = rest[1..].iter().position(|&c| c == b']') {
                let after = 1 + close + 1;
                if close > 0 && rest.get(after) == Some(&b'(') {
                    if let Some(paren) = rest[after + 1..].iter().position(|&c| c == b')') {
                        if paren > 0 {
                            return Some(after + 1 + paren + 1);
                        }
                    }
                }
            }
            until(1, b']')
        }
        b'<' => (rest.get(1) != Some(&b'-'))
            .then(|| until(1, b'>'))
            .flatten(),
        b'@' => match rest.get(1) {
            Some(b'[') => until(2, b']'),
            Some(b'<') => until(2, b'>'),
            _ => None,
        },
        b'#' => (rest.get(1) == Some(&b'('))
            .then(|| until(2, b')'))
            .flatten(),
        _ => None,
    }
}

/// Reads YAML data in block style, as far as argraph uses it: `key: text` and `key:`
/// followed by `- text` items, one level deep (a nested mapping is read as its text).
/// Every value is a string. `None` when a line is none of these.
fn block_yaml(text: &str) -> Option<serde_json::Map<String, Value>> {
    let scalar = |value: &str| {
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        Value::String(unquoted.to_owned())
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let base = lines
        .iter()
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut data = serde_json::Map::new();
    let mut open: Option<String> = None;
    for line in lines {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if indent > base {
            let key = open.as_ref()?;
            let entry = data.get_mut(key)?;
            if let Some(item) = trimmed
                .strip_prefix("- ")
                .or((trimmed == "-").then_some(""))
            {
                match entry {
                    Value::Array(list) => list.push(scalar(item)),
                    Value::String(s) if s.is_empty() => *entry = Value::Array(vec![scalar(item)]),
                    _ => return None,
                }
            } else {
                match entry {
                    Value::String(s) => {
                        if !s.is_empty() {
                            s.push(' ');
                        }
                        s.push_str(trimmed);
                    }
                    _ => return None,
                }
            }
            continue;
        }
        let (key, value) = trimmed.split_once(':')?;
        let key = key.trim().trim_matches(['"', '\'']).to_owned();
        if key.is_empty() {
            return None;
        }
        data.insert(key.clone(), scalar(value));
        open = Some(key);
    }
    Some(data)
}

/// Whether only hashtags, whitespace and a data element follow (the end of an element).
fn only_tags_follow(mut rest: &str) -> bool {
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with('{') {
            return true;
        }
        match rest.starts_with('#').then(|| hashtag_at(rest)).flatten() {
            Some((_, len)) => rest = &rest[len..],
            None => return false,
        }
    }
}
