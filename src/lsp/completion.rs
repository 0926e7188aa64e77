//! Completion: ids where a reference is expected (actors after `actor:`, claims in relation
//! lists, …) with their text or name as detail; field names inside a record; section names at
//! the top of a file; the values of enumerations (actor kinds, an expectation's semantics,
//! status and support).
//!
//! The place is read from the text before the cursor alone, so that it works in the half-typed
//! record being written, whose syntax is broken: comments and complete strings are blanked out,
//! then the brackets are walked back to the field or the record that holds the cursor.

use super::position::Encoding;
use super::workspace::MapState;
use crate::load::index::{IdKind, reference_fields};
use crate::model::ActorKind;
use crate::schema::{self, SemanticsRecord, StatusRecord, SupportRecord};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionResponse, CompletionTextEdit,
    TextEdit,
};
use std::ops::Range;

/// At most this many ids are offered at once (the list says it is incomplete beyond).
const MAX_ITEMS: usize = 500;

/// What is being written at the cursor.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// The value of `field` in a record of `section` (when known).
    Value {
        /// The section, when the record's section could be seen.
        section: Option<String>,
        /// The field.
        field: String,
        /// Whether the cursor is inside a string literal.
        in_string: bool,
    },
    /// A field name in a record of `section`.
    FieldName {
        /// The section.
        section: Option<String>,
    },
    /// A section name at the top of the file.
    Section,
}

/// Where the cursor at `offset` is, and the range of the word already typed there (to be
/// replaced by the completion).
pub(crate) fn place_at(text: &str, offset: usize) -> Option<(Place, Range<usize>)> {
    let offset = crate::diagnostic::floor_char_boundary(text, offset.min(text.len()));
    let (shape, open_string) = blank(&text.as_bytes()[..offset]);
    let (start, in_string) = match open_string {
        Some(quote) => (quote + 1, true),
        None => {
            let word = shape
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
                .count();
            (offset - word, false)
        }
    };
    let scan_from = if in_string { start - 1 } else { start };
    let place = match enclosing(&shape, scan_from) {
        Enclosing::Field { name, colon } => Place::Value {
            section: section_of_field(&shape, colon),
            field: name,
            in_string,
        },
        Enclosing::Record { open } => match enclosing(&shape, open) {
            Enclosing::Top => Place::Section,
            Enclosing::Field { name, .. } => Place::FieldName {
                section: Some(name),
            },
            Enclosing::Record { .. } => Place::FieldName { section: None },
        },
        Enclosing::Top => return None,
    };
    Some((place, start..offset))
}

/// The section of the record that holds `position`, when the cursor is in a field value.
fn section_of_field(shape: &[u8], position: usize) -> Option<String> {
    let open = record_open(shape, position)?;
    match enclosing(shape, open) {
        Enclosing::Field { name, .. } => Some(name),
        _ => None,
    }
}

/// The `(` that opens the record holding `position`.
fn record_open(shape: &[u8], position: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut pos = position;
    while pos > 0 {
        pos -= 1;
        match shape[pos] {
            b')' | b']' | b'}' => depth += 1,
            b'(' | b'[' | b'{' if depth > 0 => depth -= 1,
            b'(' if !after_some(shape, pos) => return Some(pos),
            b'[' | b'{' => return None,
            _ => {}
        }
    }
    None
}

/// What holds a position, looking back at the same depth.
#[derive(Debug)]
enum Enclosing {
    /// The value of a field (or an element of its list) whose `:` is at `colon`.
    Field { name: String, colon: usize },
    /// A record opened at `open`, at a field-name position.
    Record { open: usize },
    /// Nothing: the top of the file.
    Top,
}

fn enclosing(shape: &[u8], position: usize) -> Enclosing {
    let mut depth = 0usize;
    let mut comma = false;
    let mut in_list = false;
    let mut pos = position;
    while pos > 0 {
        pos -= 1;
        match shape[pos] {
            b')' | b']' | b'}' => depth += 1,
            b'(' | b'[' | b'{' if depth > 0 => depth -= 1,
            b'(' if after_some(shape, pos) => {}
            b'(' => return Enclosing::Record { open: pos },
            b'[' => {
                if in_list {
                    // A list in a list: not a map file's shape.
                    return Enclosing::Top;
                }
                in_list = true;
                comma = false;
            }
            b',' if depth == 0 && !in_list => comma = true,
            b':' if depth == 0 => {
                if comma {
                    // `field: value, |`: a new field's name is being written.
                    if let Some(open) = record_open(shape, pos) {
                        return Enclosing::Record { open };
                    }
                    return Enclosing::Top;
                }
                let end = trim_end(shape, pos);
                let start = shape[..end]
                    .iter()
                    .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                    .map_or(0, |i| i + 1);
                let name = String::from_utf8_lossy(&shape[start..end]).into_owned();
                return Enclosing::Field { name, colon: pos };
            }
            _ => {}
        }
    }
    Enclosing::Top
}

/// Whether the `(` at `open` is that of `Some(`.
fn after_some(shape: &[u8], open: usize) -> bool {
    shape[..trim_end(shape, open)].ends_with(b"Some")
}

/// The end of `shape[..end]` without trailing whitespace.
fn trim_end(shape: &[u8], end: usize) -> usize {
    shape[..end]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1)
}

/// The text with comments and complete strings blanked (strings become `s` bytes, comments
/// spaces), and the offset of the quote of a string still open at the end.
fn blank(text: &[u8]) -> (Vec<u8>, Option<usize>) {
    let mut shape = text.to_vec();
    let mut i = 0;
    let mut open_string = None;
    while i < text.len() {
        match text[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                if i >= text.len() {
                    open_string = Some(start);
                    shape[start..].fill(b' ');
                    return (shape, open_string);
                }
                shape[start..=i].fill(b's');
                i += 1;
            }
            b'/' if text.get(i + 1) == Some(&b'/') => {
                while i < text.len() && text[i] != b'\n' {
                    shape[i] = b' ';
                    i += 1;
                }
            }
            b'/' if text.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < text.len() {
                    if text[i..].starts_with(b"/*") {
                        depth += 1;
                        shape[i..i + 2].fill(b' ');
                        i += 2;
                    } else if text[i..].starts_with(b"*/") {
                        shape[i..i + 2].fill(b' ');
                        i += 2;
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        shape[i] = b' ';
                        i += 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    (shape, open_string)
}

/// The completions at `offset` of file `file`.
pub(crate) fn complete(
    map: &MapState,
    file: usize,
    offset: usize,
    encoding: Encoding,
) -> Option<CompletionResponse> {
    let state = map.files.get(file)?;
    let (place, typed) = place_at(&state.text, offset)?;
    let range = state.lines.range(&state.text, &typed, encoding);
    let prefix = state.text.get(typed.clone()).unwrap_or("").to_lowercase();
    let item = |label: String, kind: CompletionItemKind, detail: Option<String>, insert: String| {
        CompletionItem {
            label,
            kind: Some(kind),
            detail,
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, insert))),
            ..CompletionItem::default()
        }
    };
    let mut items = Vec::new();
    let mut incomplete = false;
    match place {
        Place::Value {
            section,
            field,
            in_string,
        } => {
            if let Some(words) = schema::field_words(&field) {
                items.extend(words.iter().map(|&word| {
                    item(
                        word.to_owned(),
                        CompletionItemKind::ENUM_MEMBER,
                        Some(word_doc(word).to_owned()),
                        word.to_owned(),
                    )
                }));
            } else if let Some(kind) = expected_kind(section.as_deref(), &field) {
                for found in map.definitions() {
                    let definition = found.item;
                    if definition.kind != kind || !definition.id.id.to_lowercase().contains(&prefix)
                    {
                        continue;
                    }
                    if items.len() == MAX_ITEMS {
                        incomplete = true;
                        break;
                    }
                    let detail = ["text", "name", "title", "from"]
                        .iter()
                        .find_map(|name| definition.field(name))
                        .map(str::to_owned);
                    let insert = if in_string {
                        definition.id.id.clone()
                    } else {
                        format!("\"{}\"", definition.id.id)
                    };
                    items.push(item(
                        definition.id.id.clone(),
                        id_item_kind(kind),
                        detail,
                        insert,
                    ));
                }
            }
        }
        Place::FieldName { section } => {
            // In a record of a known section its fields; elsewhere those of every section.
            let fields: Vec<&schema::Field> = match section.as_deref() {
                Some(name) => schema::section(name)
                    .map(|section| section.fields.iter().collect())
                    .unwrap_or_default(),
                None => schema::sections()
                    .iter()
                    .flat_map(|section| &section.fields)
                    .collect(),
            };
            let mut seen = Vec::new();
            for field in fields {
                if seen.contains(&field.name) {
                    continue;
                }
                seen.push(field.name);
                items.push(item(
                    field.name.to_owned(),
                    CompletionItemKind::FIELD,
                    Some(
                        if field.required {
                            "required"
                        } else {
                            "optional"
                        }
                        .to_owned(),
                    ),
                    format!("{}: ", field.name),
                ));
            }
        }
        Place::Section => {
            for &name in schema::section_names() {
                items.push(item(
                    name.to_owned(),
                    CompletionItemKind::MODULE,
                    Some("section".to_owned()),
                    format!("{name}: ["),
                ));
            }
        }
    }
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: incomplete,
        items,
    }))
}

/// The kind of id a field expects, from its section or, when the section is not known, from
/// its name alone.
fn expected_kind(section: Option<&str>, field: &str) -> Option<IdKind> {
    let in_section = |section: &str| {
        reference_fields(section)
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, kind)| *kind)
    };
    match section {
        Some(section) if schema::section(section).is_some() => in_section(section),
        _ => schema::section_names()
            .iter()
            .find_map(|section| in_section(section)),
    }
}

/// A few words on a value of an enumeration field (the words themselves are the schema's).
fn word_doc(word: &str) -> &'static str {
    let semantics = |semantics| match semantics {
        SemanticsRecord::Grounded => "the sceptical core",
        SemanticsRecord::Complete => "every complete extension",
        SemanticsRecord::Preferred => "maximal admissible sets",
        SemanticsRecord::Stable => "sets that attack everything outside",
    };
    let status = |status| match status {
        StatusRecord::In => "accepted",
        StatusRecord::Out => "rejected",
        StatusRecord::Undec => "undecided",
    };
    let support = |support| match support {
        SupportRecord::None => "supports are ignored",
        SupportRecord::Deductive => "deductive support",
        SupportRecord::Necessary => "necessary support",
    };
    ActorKind::parse(word)
        .map(kind_doc)
        .or_else(|| SemanticsRecord::parse(word).map(semantics))
        .or_else(|| StatusRecord::parse(word).map(status))
        .or_else(|| SupportRecord::parse(word).map(support))
        .unwrap_or("")
}

fn kind_doc(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Government => "a state or its executive as a whole",
        ActorKind::Agency => "a ministry, department or regulator",
        ActorKind::Court => "a court or judge",
        ActorKind::Official => "a person acting for a government",
        ActorKind::Party => "a political party",
        ActorKind::Company => "a firm",
        ActorKind::Product => "an app or service of a company",
        ActorKind::Commentator => "a scholar, journalist or analyst speaking for themselves",
        ActorKind::Ngo => "a non-governmental organisation or think tank",
        ActorKind::ResearchLab => "a research group whose findings are cited",
        ActorKind::Media => "a news organisation speaking as itself",
        ActorKind::Public => "users, citizens, a crowd",
        ActorKind::Other => "anything else",
    }
}

fn id_item_kind(kind: IdKind) -> CompletionItemKind {
    match kind {
        IdKind::Source => CompletionItemKind::FILE,
        IdKind::Actor => CompletionItemKind::CLASS,
        IdKind::Claim => CompletionItemKind::VALUE,
        IdKind::Relation => CompletionItemKind::REFERENCE,
        IdKind::Question => CompletionItemKind::INTERFACE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text_with_cursor: &str) -> Option<(Place, String)> {
        let offset = text_with_cursor.find('|').unwrap();
        let text = text_with_cursor.replace('|', "");
        place_at(&text, offset).map(|(place, range)| (place, text[range].to_owned()))
    }

    fn value(section: Option<&str>, field: &str, in_string: bool) -> Place {
        Place::Value {
            section: section.map(str::to_owned),
            field: field.to_owned(),
            in_string,
        }
    }

    #[test]
    fn places_in_half_typed_records() {
        let head =
            "(\n actors: [(id: \"a\", name: \"A\", kind: official)],\n claims: [\n  (id: \"c\", ";
        assert_eq!(
            place(&format!("{head}actor: \"po|")),
            Some((value(Some("claims"), "actor", true), "po".into()))
        );
        assert_eq!(
            place(&format!("{head}actor: |")),
            Some((value(Some("claims"), "actor", false), "".into()))
        );
        assert_eq!(
            place(&format!("{head}about: [\"x\", \"y|")),
            Some((value(Some("claims"), "about", true), "y".into()))
        );
        assert_eq!(
            place(&format!("{head}text: \"a, b: (c\", ac|")),
            Some((
                Place::FieldName {
                    section: Some("claims".into())
                },
                "ac".into()
            ))
        );
        assert_eq!(
            place(&format!("{head}// actor: \"x\n|")),
            Some((
                Place::FieldName {
                    section: Some("claims".into())
                },
                "".into()
            ))
        );
        assert_eq!(
            place("(\n actors: [(id: \"a\", member_of: Some(\"|"),
            Some((value(Some("actors"), "member_of", true), "".into()))
        );
        assert_eq!(
            place("(\n actors: [(id: \"a\", kind: gov|"),
            Some((value(Some("actors"), "kind", false), "gov".into()))
        );
        assert_eq!(place("(\n cl|"), Some((Place::Section, "cl".into())));
        assert_eq!(
            place("(\n sources: [], relations: [(from: \"a\"), (from: \"b\", rebuts: |"),
            Some((value(Some("relations"), "rebuts", false), "".into()))
        );
        // Nothing to offer, and never a panic.
        for text in ["|", "\"|", "|(", "]]]|", "))|", "(a: [[|", "é|"] {
            let _ = place(text);
        }
    }
}
