//! Writes a [`MapDocument`] as a RON map file a person keeps editing, in the layout
//! `docs/format.md` teaches.
//!
//! `ron::ser::PrettyConfig` cannot give that layout: it puts every record on one line
//! (`compact_structs`) or every field on its own line, and it writes optional values as
//! `Some("…")` unless the `implicit_some` extension is declared in the file. So the records are
//! laid out here: a short record on one line (`(id: "us-gov", name: "U.S. government", kind:
//! government)`), a longer one with a field per line; empty and default fields are left out;
//! string literals are escaped like `ron` escapes them and read back identically.

use crate::schema::{
    ActorRecord, ClaimRecord, ExpectationRecord, MapDocument, QuestionRecord, RelationRecord,
    SourceRecord, SupportRecord,
};
use std::fmt::Write;

/// Records up to this many characters (indentation included) are written on one line.
const LINE_WIDTH: usize = 100;
const RECORD_INDENT: &str = "        ";
const FIELD_INDENT: &str = "            ";

/// The document as a RON map file.
pub fn to_string(document: &MapDocument) -> String {
    to_string_with_header(document, &[])
}

/// The document as a RON map file that opens with `header` as `//` comment lines.
pub fn to_string_with_header(document: &MapDocument, header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        if line.is_empty() {
            out.push_str("//\n");
        } else {
            for part in line.lines() {
                let _ = writeln!(out, "// {part}");
            }
        }
    }
    out.push_str("(\n");
    section(&mut out, "sources", &document.sources, source_fields);
    section(&mut out, "actors", &document.actors, actor_fields);
    section(&mut out, "claims", &document.claims, claim_fields);
    section(&mut out, "relations", &document.relations, relation_fields);
    section(&mut out, "questions", &document.questions, question_fields);
    section(
        &mut out,
        "expectations",
        &document.expectations,
        expectation_fields,
    );
    out.push_str(")\n");
    out
}

/// A field value as RON text.
type Field = (&'static str, String);

fn section<T>(out: &mut String, name: &str, records: &[T], fields: fn(&T) -> Vec<Field>) {
    if records.is_empty() {
        return;
    }
    let _ = writeln!(out, "    {name}: [");
    for record in records {
        write_record(out, &fields(record));
    }
    out.push_str("    ],\n");
}

fn write_record(out: &mut String, fields: &[Field]) {
    let one_line = fields
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect::<Vec<_>>()
        .join(", ");
    let fits = RECORD_INDENT.len() + one_line.chars().count() + 3 <= LINE_WIDTH;
    if fits && !one_line.contains('\n') {
        let _ = writeln!(out, "{RECORD_INDENT}({one_line}),");
    } else {
        let _ = writeln!(out, "{RECORD_INDENT}(");
        for (name, value) in fields {
            let _ = writeln!(out, "{FIELD_INDENT}{name}: {value},");
        }
        let _ = writeln!(out, "{RECORD_INDENT}),");
    }
}

/// A RON string literal: `"` and `\` escaped, control and invisible characters as `\u{…}`
/// escapes (as `ron` itself writes them), everything else (apostrophes, accents, CJK) as is.
pub fn string_literal(text: &str) -> String {
    // `str::escape_debug` escapes `'` too; RON reads `\'`, but a plain apostrophe reads better.
    // Every `'` in its output is preceded by the backslash that escapes it, so the replacement
    // cannot split an escaped backslash.
    format!(
        "\"{}\"",
        text.escape_debug().to_string().replace("\\'", "'")
    )
}

fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|item| string_literal(item)).collect();
    format!("[{}]", inner.join(", "))
}

fn push_opt(fields: &mut Vec<Field>, name: &'static str, value: &Option<String>) {
    if let Some(value) = value {
        fields.push((name, string_literal(value)));
    }
}

fn push_list(fields: &mut Vec<Field>, name: &'static str, items: &[String]) {
    if !items.is_empty() {
        fields.push((name, list(items)));
    }
}

fn source_fields(source: &SourceRecord) -> Vec<Field> {
    let mut fields = vec![
        ("id", string_literal(&source.id)),
        ("title", string_literal(&source.title)),
    ];
    push_opt(&mut fields, "publisher", &source.publisher);
    push_list(&mut fields, "authors", &source.authors);
    push_opt(&mut fields, "url", &source.url);
    push_opt(&mut fields, "date", &source.date);
    push_opt(&mut fields, "archive", &source.archive);
    fields
}

fn actor_fields(actor: &ActorRecord) -> Vec<Field> {
    let mut fields = vec![
        ("id", string_literal(&actor.id)),
        ("name", string_literal(&actor.name)),
        ("kind", actor.kind.as_str().to_owned()),
    ];
    push_opt(&mut fields, "member_of", &actor.member_of);
    push_opt(&mut fields, "role", &actor.role);
    push_opt(&mut fields, "note", &actor.note);
    fields
}

fn claim_fields(claim: &ClaimRecord) -> Vec<Field> {
    let mut fields = vec![
        ("id", string_literal(&claim.id)),
        ("actor", string_literal(&claim.actor)),
        ("text", string_literal(&claim.text)),
    ];
    push_opt(&mut fields, "quote", &claim.quote);
    fields.push(("source", string_literal(&claim.source)));
    push_opt(&mut fields, "date", &claim.date);
    push_list(&mut fields, "about", &claim.about);
    push_list(&mut fields, "tags", &claim.tags);
    push_list(&mut fields, "supports", &claim.supports);
    push_list(&mut fields, "rebuts", &claim.rebuts);
    push_list(&mut fields, "undercuts", &claim.undercuts);
    push_opt(&mut fields, "note", &claim.note);
    fields
}

fn relation_fields(relation: &RelationRecord) -> Vec<Field> {
    let mut fields = Vec::new();
    push_opt(&mut fields, "id", &relation.id);
    fields.push(("from", string_literal(&relation.from)));
    push_opt(&mut fields, "supports", &relation.supports);
    push_opt(&mut fields, "rebuts", &relation.rebuts);
    push_opt(&mut fields, "undercuts", &relation.undercuts);
    push_opt(&mut fields, "note", &relation.note);
    fields
}

fn expectation_fields(expectation: &ExpectationRecord) -> Vec<Field> {
    let mut fields = vec![
        ("claim", string_literal(&expectation.claim)),
        ("semantics", expectation.semantics.as_str().to_owned()),
        ("status", expectation.status.as_str().to_owned()),
    ];
    if expectation.support != SupportRecord::None {
        fields.push(("support", expectation.support.as_str().to_owned()));
    }
    push_opt(&mut fields, "note", &expectation.note);
    fields
}

fn question_fields(question: &QuestionRecord) -> Vec<Field> {
    let mut fields = vec![
        ("id", string_literal(&question.id)),
        ("text", string_literal(&question.text)),
    ];
    push_list(&mut fields, "for", &question.for_claims);
    push_list(&mut fields, "against", &question.against_claims);
    push_opt(&mut fields, "note", &question.note);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;
    use proptest::prelude::*;

    /// What the loader reads a string literal as.
    fn read_back(literal: &str) -> String {
        ron::from_str::<String>(literal).expect("the literal parses")
    }

    #[test]
    fn literals_keep_apostrophes_and_escape_what_must_be() {
        assert_eq!(string_literal("don't"), "\"don't\"");
        assert_eq!(string_literal("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(string_literal("line\nnext"), r#""line\nnext""#);
        assert_eq!(string_literal("微信 café"), "\"微信 café\"");
        assert_eq!(read_back(&string_literal("\\'")), "\\'");
    }

    proptest! {
        #[test]
        fn every_string_reads_back_identically(text in any::<String>()) {
            prop_assert_eq!(read_back(&string_literal(&text)), text);
        }
    }

    #[test]
    fn short_records_take_one_line_and_long_ones_a_field_per_line() {
        let document = MapDocument {
            actors: vec![
                ActorRecord {
                    id: "us-gov".into(),
                    name: "U.S. government".into(),
                    kind: ActorKind::Government,
                    member_of: None,
                    role: None,
                    note: None,
                },
                ActorRecord {
                    id: "pompeo".into(),
                    name: "Mike Pompeo".into(),
                    kind: ActorKind::Official,
                    member_of: Some("us-gov".into()),
                    role: Some("U.S. Secretary of State".into()),
                    note: Some("A long note that pushes the record past one line of text.".into()),
                },
            ],
            ..MapDocument::default()
        };
        let expected = r#"(
    actors: [
        (id: "us-gov", name: "U.S. government", kind: government),
        (
            id: "pompeo",
            name: "Mike Pompeo",
            kind: official,
            member_of: "us-gov",
            role: "U.S. Secretary of State",
            note: "A long note that pushes the record past one line of text.",
        ),
    ],
)
"#;
        assert_eq!(to_string(&document), expected);
    }
}
