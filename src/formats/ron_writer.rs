//! Writes a [`MapDocument`] as a RON map file a person keeps editing, in the layout
//! `docs/format.md` teaches.
//!
//! `ron::ser::PrettyConfig` cannot give that layout: it puts every record on one line
//! (`compact_structs`) or every field on its own line, and it writes optional values as
//! `Some("…")` unless the `implicit_some` extension is declared in the file. So the records are
//! laid out here: a short record on one line (`(id: "us-gov", name: "U.S. government", kind:
//! government)`), a longer one with a field per line; string literals are escaped like `ron`
//! escapes them and read back identically.
//!
//! Which fields a record has, their names, and which are left out (empty and default ones) are
//! the schema's ([`crate::schema`]): the document is turned into a small tree of RON values
//! through its `Serialize` impl, and only the layout is decided here.

use crate::schema::MapDocument;
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeSeq, SerializeStruct};
use std::fmt::{self, Write};

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
    // A document is plain records of strings, lists and words: serialising it cannot fail.
    if let Ok(Value::Record(sections)) = document.serialize(Ron) {
        for (name, records) in sections {
            let Value::List(records) = records else {
                continue;
            };
            let _ = writeln!(out, "    {name}: [");
            for record in records {
                if let Value::Record(mut fields) = record {
                    docs_order(&mut fields);
                    write_record(&mut out, fields);
                }
            }
            out.push_str("    ],\n");
        }
    }
    out.push_str(")\n");
    out
}

/// A value of the document, as its `Serialize` impl gives it (empty and default fields are
/// already left out).
enum Value {
    /// A string literal or a bare word, as RON text.
    Text(String),
    /// A list.
    List(Vec<Value>),
    /// A record: its fields in the order of their declaration.
    Record(Vec<(&'static str, Value)>),
}

/// `docs/format.md` writes a claim's `about` before its `tags` (who the claim is about, then
/// its labels), as people write them; the record declares `tags` first, the order of JSON and
/// of the loader's messages. The RON layout keeps the documented order.
fn docs_order(fields: &mut [(&'static str, Value)]) {
    let at = |name| fields.iter().position(|(field, _)| *field == name);
    if let (Some(tags), Some(about)) = (at("tags"), at("about"))
        && about == tags + 1
    {
        fields.swap(tags, about);
    }
}

fn write_record(out: &mut String, fields: Vec<(&'static str, Value)>) {
    let fields: Vec<(&str, String)> = fields
        .into_iter()
        .map(|(name, value)| (name, inline(value)))
        .collect();
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

/// A value on one line: `"text"`, `word`, `["a", "b"]`, `(name: value)`.
fn inline(value: Value) -> String {
    match value {
        Value::Text(text) => text,
        Value::List(items) => {
            let items: Vec<String> = items.into_iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Record(fields) => {
            let fields: Vec<String> = fields
                .into_iter()
                .map(|(name, value)| format!("{name}: {}", inline(value)))
                .collect();
            format!("({})", fields.join(", "))
        }
    }
}

/// A RON string literal: `"` and `\` escaped, control and invisible characters as `\u{…}`
/// escapes (as `ron` itself writes them), everything else (apostrophes, accents, CJK) as is.
pub fn string_literal(text: &str) -> String {
    // Most text is printable ASCII without `"` or `\`, which the escaping leaves as it is:
    // copied whole, without looking at it character by character.
    if text.bytes().all(is_plain) {
        let mut literal = String::with_capacity(text.len() + 2);
        literal.push('"');
        literal.push_str(text);
        literal.push('"');
        return literal;
    }
    escaped_literal(text)
}

/// A byte that a string literal holds as it is: printable ASCII but `"` and `\`.
fn is_plain(byte: u8) -> bool {
    (b' '..=b'~').contains(&byte) && byte != b'"' && byte != b'\\'
}

fn escaped_literal(text: &str) -> String {
    // `str::escape_debug` escapes `'` too; RON reads `\'`, but a plain apostrophe reads better.
    // Every `'` in its output is preceded by the backslash that escapes it, so the replacement
    // cannot split an escaped backslash.
    format!(
        "\"{}\"",
        text.escape_debug().to_string().replace("\\'", "'")
    )
}

/// The serializer that makes a document's [`Value`] tree: strings, optional values (written
/// bare: map files are read with `implicit_some`), lists, records and unit enum values (bare
/// words) are all a document holds.
struct Ron;

/// A value that a map document never holds (a number, a map, a tuple).
#[derive(Debug)]
struct NotInADocument;

impl fmt::Display for NotInADocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a value of a map document")
    }
}

impl std::error::Error for NotInADocument {}

impl ser::Error for NotInADocument {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotInADocument
    }
}

/// The methods of [`Ron`] for what a document never holds.
macro_rules! not_in_a_document {
    ($($method:ident($($ty:ty),*)),* $(,)?) => {$(
        fn $method(self, $(_: $ty),*) -> Result<Value, NotInADocument> {
            Err(NotInADocument)
        }
    )*};
}

impl ser::Serializer for Ron {
    type Ok = Value;
    type Error = NotInADocument;
    type SerializeSeq = List;
    type SerializeTuple = Impossible<Value, NotInADocument>;
    type SerializeTupleStruct = Impossible<Value, NotInADocument>;
    type SerializeTupleVariant = Impossible<Value, NotInADocument>;
    type SerializeMap = Impossible<Value, NotInADocument>;
    type SerializeStruct = Record;
    type SerializeStructVariant = Impossible<Value, NotInADocument>;

    fn serialize_str(self, text: &str) -> Result<Value, NotInADocument> {
        Ok(Value::Text(string_literal(text)))
    }

    fn serialize_none(self) -> Result<Value, NotInADocument> {
        Ok(Value::Text("None".to_owned()))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, NotInADocument> {
        value.serialize(Ron)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value, NotInADocument> {
        Ok(Value::Text(variant.to_owned()))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<List, NotInADocument> {
        Ok(List(Vec::with_capacity(len.unwrap_or(0))))
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Record, NotInADocument> {
        Ok(Record(Vec::with_capacity(len)))
    }

    not_in_a_document!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_bytes(&[u8]),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Value, NotInADocument> {
        Err(NotInADocument)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Value, NotInADocument> {
        Err(NotInADocument)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotInADocument> {
        Err(NotInADocument)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotInADocument> {
        Err(NotInADocument)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotInADocument> {
        Err(NotInADocument)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotInADocument> {
        Err(NotInADocument)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotInADocument> {
        Err(NotInADocument)
    }
}

/// A list being serialised.
struct List(Vec<Value>);

impl SerializeSeq for List {
    type Ok = Value;
    type Error = NotInADocument;

    fn serialize_element<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<(), NotInADocument> {
        self.0.push(value.serialize(Ron)?);
        Ok(())
    }

    fn end(self) -> Result<Value, NotInADocument> {
        Ok(Value::List(self.0))
    }
}

/// A record being serialised: the fields it writes (its `skip_serializing_if` fields that are
/// empty are never given).
struct Record(Vec<(&'static str, Value)>);

impl SerializeStruct for Record {
    type Ok = Value;
    type Error = NotInADocument;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), NotInADocument> {
        self.0.push((name, value.serialize(Ron)?));
        Ok(())
    }

    fn end(self) -> Result<Value, NotInADocument> {
        Ok(Value::Record(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;
    use crate::schema::ActorRecord;
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

    /// What is copied whole is what the escaping would write.
    #[test]
    fn plain_bytes_are_those_the_escaping_keeps() {
        for byte in 0..=127u8 {
            let text = format!("a{}b", char::from(byte));
            assert_eq!(
                is_plain(byte),
                escaped_literal(&text) == format!("\"{text}\""),
                "{byte}"
            );
        }
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
