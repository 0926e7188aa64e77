//! Where each id of a file is defined and where it is referred to, with byte spans.
//!
//! The loader checks a whole map; an editor needs to know, for any place in one file, which id is
//! written there and what kind of record it names, even while the map as a whole is invalid.
//! [`index_file`] reads a file with the loader's own span reader (`syntax`) and lists its
//! definitions (the `id` of each source, actor, claim and relation) and its references (every
//! field that names another record: a claim's `actor`, `source`, `about`, `supports`, `rebuts`,
//! `undercuts`; an actor's `member_of`; a relation's `from` and target; a question's `for` and
//! `against`; an expectation's `claim`), following the field names of the map file's records
//! ([`crate::schema`]).

use super::syntax::{self, Node, NodeKind};
use std::ops::Range;

/// What kind of record an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdKind {
    /// A source (`sources` section).
    Source,
    /// An actor (`actors` section).
    Actor,
    /// A claim (`claims` section).
    Claim,
    /// A relation with an id (`relations` section).
    Relation,
    /// A question the debate is about (`questions` section).
    Question,
}

impl IdKind {
    /// The word for the kind, as diagnostics say it (`actor`).
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Source => "source",
            IdKind::Actor => "actor",
            IdKind::Claim => "claim",
            IdKind::Relation => "relation",
            IdKind::Question => "question",
        }
    }

    /// The section that holds records of this kind (`actors`).
    pub fn section(self) -> &'static str {
        match self {
            IdKind::Source => "sources",
            IdKind::Actor => "actors",
            IdKind::Claim => "claims",
            IdKind::Relation => "relations",
            IdKind::Question => "questions",
        }
    }
}

/// An id as it is written: its text and the span of the string literal (quotes included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdSpan {
    /// The id, unescaped.
    pub id: String,
    /// Byte range of the string literal in the file, quotes included.
    pub span: Range<usize>,
}

/// A record that has an id: a source, an actor, a claim or a relation with an `id`.
#[derive(Clone, Debug)]
pub struct Definition {
    /// What the record is.
    pub kind: IdKind,
    /// The record's id and where it is written.
    pub id: IdSpan,
    /// Byte range of the whole record.
    pub record: Range<usize>,
    /// The record's fields whose values are single strings (`text`, `name`, `kind`, …), in
    /// file order, unescaped; bare words (an actor's `kind`) are given as written.
    pub fields: Vec<(String, String)>,
}

impl Definition {
    /// The value of the string field `name`, when the record has it.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A field that names another record.
#[derive(Clone, Debug)]
pub struct Reference {
    /// What the field expects: relation targets may be claims (`supports`, `rebuts`) or
    /// relations (`undercuts`).
    pub expects: IdKind,
    /// The field's name (`actor`, `about`, `member_of`, `from`, …).
    pub field: &'static str,
    /// The id named and where.
    pub id: IdSpan,
    /// The id of the record the reference is written in, when it has one.
    pub within: Option<String>,
}

/// A section of a file and its records' spans.
#[derive(Clone, Debug)]
pub struct Section {
    /// The section's name (`claims`).
    pub name: String,
    /// Byte range of the section's name.
    pub name_span: Range<usize>,
    /// Byte range of the section's list.
    pub list: Range<usize>,
    /// Byte ranges of the section's records.
    pub records: Vec<Range<usize>>,
}

/// The ids of one file.
#[derive(Clone, Debug, Default)]
pub struct FileIndex {
    /// The sections, in file order.
    pub sections: Vec<Section>,
    /// Every id defined, in file order.
    pub definitions: Vec<Definition>,
    /// Every reference, in file order.
    pub references: Vec<Reference>,
}

/// Why a file could not be indexed: its syntax is broken at `span`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexError {
    /// Where the reader stopped.
    pub span: Range<usize>,
    /// What it expected.
    pub message: String,
}

/// Reads the ids of one map file. A file whose syntax is broken gives an [`IndexError`]; a file
/// whose records have other mistakes (a missing field, a wrong type) is indexed as far as its
/// records go.
pub fn index_file(text: &str) -> Result<FileIndex, IndexError> {
    let root = syntax::parse(text).map_err(|error| IndexError {
        span: error.span,
        message: error.message,
    })?;
    let mut index = FileIndex::default();
    let NodeKind::Struct(sections) = &root.kind else {
        return Ok(index);
    };
    for section in sections {
        let kind = match section.name.as_str() {
            "sources" => Some(IdKind::Source),
            "actors" => Some(IdKind::Actor),
            "claims" => Some(IdKind::Claim),
            "relations" => Some(IdKind::Relation),
            "questions" => Some(IdKind::Question),
            _ => None,
        };
        let records = section.value.elements();
        index.sections.push(Section {
            name: section.name.clone(),
            name_span: section.name_span.clone(),
            list: section.value.span.clone(),
            records: records.iter().map(|record| record.span.clone()).collect(),
        });
        for record in records {
            let id = record
                .field_value("id")
                .and_then(|value| string_at(text, unwrap_some(value)));
            if let (Some(kind), Some(id)) = (kind, &id) {
                index.definitions.push(Definition {
                    kind,
                    id: id.clone(),
                    record: record.span.clone(),
                    fields: scalar_fields(text, record),
                });
            }
            let within = id.map(|id| id.id);
            references(text, &section.name, record, within, &mut index.references);
        }
    }
    Ok(index)
}

/// The fields of `section`'s records that name other records, and what they name.
pub fn reference_fields(section: &str) -> &'static [(&'static str, IdKind)] {
    match section {
        "actors" => &[("member_of", IdKind::Actor)],
        "claims" => &[
            ("actor", IdKind::Actor),
            ("source", IdKind::Source),
            ("about", IdKind::Actor),
            ("supports", IdKind::Claim),
            ("rebuts", IdKind::Claim),
            ("undercuts", IdKind::Relation),
        ],
        "relations" => &[
            ("from", IdKind::Claim),
            ("supports", IdKind::Claim),
            ("rebuts", IdKind::Claim),
            ("undercuts", IdKind::Relation),
        ],
        "questions" => &[("for", IdKind::Claim), ("against", IdKind::Claim)],
        "expectations" => &[("claim", IdKind::Claim)],
        _ => &[],
    }
}

fn references(
    text: &str,
    section: &str,
    record: &Node,
    within: Option<String>,
    out: &mut Vec<Reference>,
) {
    for &(field, expects) in reference_fields(section) {
        let Some(value) = record.field_value(field) else {
            continue;
        };
        let value = unwrap_some(value);
        let values: &[Node] = match &value.kind {
            NodeKind::List(items) => items,
            _ => std::slice::from_ref(value),
        };
        for value in values {
            if let Some(id) = string_at(text, value) {
                out.push(Reference {
                    expects,
                    field,
                    id,
                    within: within.clone(),
                });
            }
        }
    }
}

/// `Some(x)` as `x`.
fn unwrap_some(node: &Node) -> &Node {
    match &node.kind {
        NodeKind::Tuple(items) if items.len() == 1 => &items[0],
        _ => node,
    }
}

fn scalar_fields(text: &str, record: &Node) -> Vec<(String, String)> {
    let NodeKind::Struct(fields) = &record.kind else {
        return Vec::new();
    };
    fields
        .iter()
        .filter_map(|field| {
            let value = unwrap_some(&field.value);
            let written = match value.kind {
                NodeKind::Str => string_at(text, value)?.id,
                NodeKind::Scalar => text.get(value.span.clone())?.to_owned(),
                _ => return None,
            };
            Some((field.name.clone(), written))
        })
        .collect()
}

/// The string literal at `node`, unescaped.
fn string_at(text: &str, node: &Node) -> Option<IdSpan> {
    if !matches!(node.kind, NodeKind::Str) {
        return None;
    }
    let literal = text.get(node.span.clone())?;
    let plain = literal
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .filter(|inner| !inner.contains('\\'));
    let id = match plain {
        Some(inner) => inner.to_owned(),
        None => ron::from_str::<String>(literal).ok()?,
    };
    Some(IdSpan {
        id,
        span: node.span.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_and_references_with_spans() {
        let text = r#"(
    actors: [(id: "a", name: "A \"x\"", kind: official, member_of: Some("g"))],
    claims: [(id: "c", actor: "a", text: "t", source: "s", about: ["g"], undercuts: ["r"])],
    relations: [(id: "r", from: "c", rebuts: "d")],
    questions: [(id: "q", text: "Why?", for: ["c"], against: [])],
    expectations: [(claim: "c", semantics: grounded, status: in)],
)"#;
        let index = index_file(text).unwrap();
        let ids: Vec<_> = index
            .definitions
            .iter()
            .map(|d| (d.kind, d.id.id.as_str(), &text[d.id.span.clone()]))
            .collect();
        assert_eq!(
            ids,
            [
                (IdKind::Actor, "a", "\"a\""),
                (IdKind::Claim, "c", "\"c\""),
                (IdKind::Relation, "r", "\"r\""),
                (IdKind::Question, "q", "\"q\"")
            ]
        );
        assert_eq!(index.definitions[0].field("name"), Some("A \"x\""));
        assert_eq!(index.definitions[0].field("kind"), Some("official"));
        let refs: Vec<_> = index
            .references
            .iter()
            .map(|r| (r.field, r.expects, r.id.id.as_str(), r.within.as_deref()))
            .collect();
        assert_eq!(
            refs,
            [
                ("member_of", IdKind::Actor, "g", Some("a")),
                ("actor", IdKind::Actor, "a", Some("c")),
                ("source", IdKind::Source, "s", Some("c")),
                ("about", IdKind::Actor, "g", Some("c")),
                ("undercuts", IdKind::Relation, "r", Some("c")),
                ("from", IdKind::Claim, "c", Some("r")),
                ("rebuts", IdKind::Claim, "d", Some("r")),
                ("for", IdKind::Claim, "c", Some("q")),
                ("claim", IdKind::Claim, "c", None),
            ]
        );
        assert_eq!(index.sections.len(), 5);
    }

    #[test]
    fn broken_syntax_is_an_error_not_a_panic() {
        for text in [
            "(claims: [(id: \"c\", actor: ",
            "\0\u{1}",
            "",
            "((((",
            "\"",
            "r#",
        ] {
            assert!(index_file(text).is_err(), "{text:?}");
        }
        assert!(
            index_file("(claims: [(id: 3)])")
                .unwrap()
                .definitions
                .is_empty()
        );
    }
}
