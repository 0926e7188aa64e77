//! The Argdown reader: a small parser of the subset argraph writes and people commonly type.
//!
//! Read: statements with or without titles (`[Title]: text`, references `[Title]`), arguments
//! (`<Title>: text`, `<Title>`) as claims, relations in both directions (`+ [x]`, `<+ [x]`,
//! `+> [x]`, and likewise `-`, `_`), nested by indentation, hashtags, inline YAML data
//! (`{actor: "pompeo"}`), headings, comments, escapes, and the `argraph` front matter that
//! [`super::to_string`] writes. Headings whose data names an `actor` declare that actor and
//! give it the claims below them; other headings become tags of the claims below them.
//!
//! Not read, with a warning: premise-conclusion structures and inferences, contradictions
//! (`><`, read as two rebuttals), undercuts of a plain argument (read as rebuttals). Errors
//! (with line and column) stop the import: an unclosed title, comment or data element, data
//! that is not inline YAML, a relation line without a parent.

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
    data: Option<Value>,
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
        for line in self.text[body_start..].split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed.starts_with("===") {
                end = Some(offset + line.len());
                break;
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
        match end {
            Some(end) => self.blank(start..end),
            None => self.error(
                start..start + 3,
                "this front matter is never closed",
                "opened here",
            ),
        }
    }

    /// Blanks `//`, `/* */` and `<!-- -->` comments, outside escapes and data elements. A line
    /// that held only a comment is removed rather than left blank, as Argdown does.
    fn comments(&mut self) {
        let bytes = self.clean.as_bytes().to_vec();
        let mut ranges = Vec::new();
        let mut i = 0;
        let mut data_depth = 0usize;
        let mut quote: Option<u8> = None;
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
            if b == b'\\' {
                i += 2;
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
            let end = if rest.starts_with(b"//") {
                Some(i + rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len()))
            } else if rest.starts_with(b"/*") {
                match find(rest, b"*/") {
                    Some(j) => Some(i + j + 2),
                    None => {
                        self.error(i..i + 2, "this comment is never closed", "opened here");
                        return;
                    }
                }
            } else if rest.starts_with(b"<!--") {
                match find(rest, b"-->") {
                    Some(j) => Some(i + j + 3),
                    None => {
                        self.error(i..i + 4, "this comment is never closed", "opened here");
                        return;
                    }
                }
            } else {
                if b == b'{' {
                    data_depth = 1;
                }
                None
            };
            match end {
                Some(end) => {
                    ranges.push(i..end);
                    i = end;
                }
                None => i += 1,
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
        for &(start, line) in lines {
            let indent = line.len() - line.trim_start().len();
            let body = &line[indent..];
            let body_start = start + indent;
            if indent == 0 && heading_level(body).is_some() {
                self.heading(start, line, sections);
                current = None;
                continue;
            }
            if body.starts_with("--") || statement_number(body) {
                self.warn(
                    body_start..start + line.len(),
                    "premise-conclusion structures are not read",
                    "skipped up to the next empty line",
                );
                return;
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
                });
                current = Some(self.elements.len() - 1);
                continue;
            }
            let list_marker = list_marker(body);
            match current {
                Some(element) if list_marker.is_none() => {
                    // A continuation line of the current element.
                    self.elements[element].range.end = start + line.len();
                }
                _ => {
                    self.elements.push(Element {
                        range: body_start + list_marker.unwrap_or(0)..start + line.len(),
                        indent,
                        parent: None,
                        sections: sections.clone(),
                    });
                    current = Some(self.elements.len() - 1);
                }
            }
        }
    }

    fn heading(&mut self, start: usize, line: &str, sections: &mut Vec<usize>) {
        let level = heading_level(line).unwrap_or(1);
        let content = content(
            &self.clean,
            start + level..start + line.len(),
            &mut self.errors,
        );
        while sections
            .last()
            .is_some_and(|&open| self.headings[open].level >= level)
        {
            sections.pop();
        }
        self.headings.push(Heading {
            level,
            text: content.text,
            data: content.data,
        });
        sections.push(self.headings.len() - 1);
    }

    /// Turns the syntax into argraph's records.
    fn resolve(&mut self) -> Document {
        let mut items: Vec<Item> = Vec::new();
        let mut index: HashMap<(ItemKind, String), usize> = HashMap::new();
        let mut element_item = Vec::with_capacity(self.elements.len());
        for e in 0..self.elements.len() {
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
                match (&items[item].text, &items[item].defined_at) {
                    (Some(first), Some(first_at)) if *first != content.text => {
                        let first_at = first_at.clone();
                        self.warnings.push(
                            Diagnostic::warning(
                                "argdown-unsupported",
                                format!("`{title}` is defined again with another text; argraph keeps the first"),
                            )
                            .at(FILE, range.clone(), "this text is not kept")
                            .also(FILE, first_at, "the text kept"),
                        );
                    }
                    (None, _) => {
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
            element_item.push(item);
        }

        // Links, in document order, without repeats.
        let mut links: Vec<(usize, LinkKind, usize, Range<usize>)> = Vec::new();
        for (e, element) in self.elements.iter().enumerate() {
            if let Some((parent, kind, child_is_source, symbol)) = &element.parent {
                let (child, parent) = (element_item[e], element_item[*parent]);
                let (from, to) = if *child_is_source {
                    (child, parent)
                } else {
                    (parent, child)
                };
                if !links
                    .iter()
                    .any(|l| l.0 == from && l.1 == *kind && l.2 == to)
                {
                    links.push((from, *kind, to, symbol.clone()));
                }
            }
        }

        let mut document = Document {
            sources: std::mem::take(&mut self.sources),
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
            let base = if wanted.is_empty() {
                if is_relation[i] {
                    "relation".to_owned()
                } else {
                    "claim".to_owned()
                }
            } else {
                wanted.clone()
            };
            let mut n = 1;
            let mut id = if wanted.is_empty() {
                format!("{base}-1")
            } else {
                wanted.clone()
            };
            while taken.contains_key(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            if id != wanted {
                self.warnings.push(
                    Diagnostic::warning(
                        "argdown-id",
                        format!("`{}` is given the id `{id}`", item.title),
                    )
                    .at(FILE, item.span.clone(), "")
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
                            item.span.clone(),
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
                        if !tag.is_empty() && !tags.contains(&tag) {
                            tags.push(tag);
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
                note: string(&item.data, "note"),
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

        self.relations(&items, &ids, &is_relation, &links, &mut document);
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

    fn relations(
        &mut self,
        items: &[Item],
        ids: &[String],
        is_relation: &[bool],
        links: &[(usize, LinkKind, usize, Range<usize>)],
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
                .filter(|l| l.2 == i && l.1 == LinkKind::Support && !is_relation[l.0])
                .find(|l| from.as_deref().is_none_or(|f| ids[l.0] == f))
                .map(|l| l.0);
            outgoing[i] = links
                .iter()
                .find(|l| l.0 == i)
                .map(|l| (l.1, l.2, l.3.clone()));
        }
        let mut relations: Vec<RelationRecord> = Vec::new();
        let mut push = |reader: &mut Reader<'_>, record: RelationRecord| {
            if RelationTarget::Claim(record.from.clone()) == record.target {
                reader.warn(
                    record.span.clone(),
                    "a claim relating to itself is not read",
                    "",
                );
            } else if !relations.iter().any(|r| {
                r.from == record.from && r.kind == record.kind && r.target == record.target
            }) {
                relations.push(record);
            }
        };
        for (i, item) in items.iter().enumerate() {
            if !is_relation[i] {
                continue;
            }
            let (Some(source), Some((kind, target, span))) = (premise[i], outgoing[i].clone())
            else {
                self.warn(
                    item.span.clone(),
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
        for (from, kind, to, span) in links {
            let (from, to, kind) = (*from, *to, *kind);
            if is_relation[from]
                || (is_relation[to] && premise[to] == Some(from) && kind == LinkKind::Support)
            {
                continue; // read above
            }
            let record = |kind, target| RelationRecord {
                id: None,
                from: ids[from].clone(),
                kind,
                target,
                note: None,
                span: span.clone(),
            };
            match (kind, is_relation[to]) {
                (LinkKind::Undercut, true) => {
                    push(self, record(RelationKind::Undercuts, target_of(to)))
                }
                (_, true) => self.warn(
                    span.clone(),
                    "argraph's relations can only be undercut, not supported or attacked",
                    "not read",
                ),
                (LinkKind::Support, false) => {
                    push(self, record(RelationKind::Supports, target_of(to)))
                }
                (LinkKind::Attack, false) => {
                    push(self, record(RelationKind::Rebuts, target_of(to)))
                }
                (LinkKind::Undercut, false) => {
                    self.warn(
                        span.clone(),
                        "an undercut of a claim is read as a rebuttal",
                        "argraph undercuts relations only",
                    );
                    push(self, record(RelationKind::Rebuts, target_of(to)));
                }
                (LinkKind::Contradiction, false) => {
                    self.warn(span.clone(), "a contradiction is read as two rebuttals", "");
                    push(self, record(RelationKind::Rebuts, target_of(to)));
                    let mut back = record(
                        RelationKind::Rebuts,
                        RelationTarget::Claim(ids[from].clone()),
                    );
                    back.from = ids[to].clone();
                    push(self, back);
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
                        item.span.clone(),
                        format!("its data describes a `{kind}` relation from `{from}` that no relation line states"),
                        "not read",
                    ),
                }
            }
        }
        document.relations = relations;
    }
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

fn statement_number(body: &str) -> bool {
    body.strip_prefix('(').is_some_and(|rest| {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits > 0 && rest[digits..].starts_with(')')
    })
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
    if let Some(bracket @ ('[' | '<')) = open {
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
            '{' => {
                if rest[1..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with(['\n', '\r'])
                {
                    errors.push(
                        Diagnostic::error("argdown-data", "block-style YAML data is not read")
                            .at(FILE, pos..pos + 1, "a line break follows `{`")
                            .help("write the data inline: `{key: \"value\", …}`"),
                    );
                    return content;
                }
                match flow::parse_value(&clean[..end], pos) {
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
                            Diagnostic::error(
                                "argdown-data",
                                format!("unreadable data: {message}"),
                            )
                            .at(
                                FILE,
                                at..(at + 1).min(end.max(at + 1)),
                                "here",
                            ),
                        );
                        return content;
                    }
                }
            }
            '#' => match hashtag_at(rest) {
                Some((tag, len)) => {
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
