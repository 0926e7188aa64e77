//! The map file format, defined once: the records of `docs/format.md` as serde types, shared by
//! the loader ([`crate::load`]), the writers and readers of [`crate::formats`], and the language
//! server ([`crate::lsp`]).
//!
//! Each record names its fields, says which are optional (`#[serde(default)]`: a person writes
//! only what they know) and which are left out on writing when empty (`skip_serializing_if`),
//! rejects unknown fields, and spells a field as files do (`for`, `against`). What else needs
//! the fields reads them from here: [`sections`] gives each section's field names, whether each
//! is required and the words an enumeration field takes, read out of the records'
//! `Deserialize` impls; the language server completes them and the loader's messages list them.
//! The RON writer and the JSON writer write a record through its `Serialize` impl. Only the
//! fast reader spells the fields out (for speed); the tests here check, on a map that sets every
//! field (`tests/fixtures/valid/every-field.ron`), that it reads every field as `ron` does, that
//! the writers write every one, and that what is written reads back equal.
//!
//! The records are generic over the type of their strings, `T`. The public document,
//! [`MapDocument`] (`T = String`, the default), owns them; the loader reads files into
//! `MapDocument<Cow<'a, str>>` records, whose strings without escapes are borrowed from the
//! file's text, so that a reference that is only looked up costs no allocation. One set of
//! types, two ways of holding text: a `'static` alias of `Cow` records would have made every
//! importer write `Cow::Owned` and every reader of a public record see a `Cow`.
//!
//! Ids are strings exactly as typed; the loader resolves them into a checked
//! [`crate::model::Map`], and [`crate::formats::document`] turns a map back into a document.

use crate::model::{ActorKind, ExpectedSemantics, ExpectedStatus, ExpectedSupport, RelationKind};
use serde::{Deserialize, Serialize};

/// A whole map: its sources, actors, claims, relations, questions and expectations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapDocument<T = String> {
    /// Where claims were made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRecord<T>>,
    /// Who makes claims.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorRecord<T>>,
    /// What they claim (with inline relations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRecord<T>>,
    /// Relations written as records of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationRecord<T>>,
    /// What the debate is about, and the claims that answer each question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionRecord<T>>,
    /// Exercises: what a semantics should conclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expectations: Vec<ExpectationRecord<T>>,
}

/// A source record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord<T = String> {
    /// The source's id.
    pub id: T,
    /// Title of the article, post or report.
    pub title: T,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<T>,
    /// Author names as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<T>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<T>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<T>,
    /// File name of an archived copy of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<T>,
}

/// An actor record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorRecord<T = String> {
    /// The actor's id.
    pub id: T,
    /// Display name.
    pub name: T,
    /// What kind of actor this is.
    pub kind: ActorKind,
    /// Id of the actor this one belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_of: Option<T>,
    /// Title or role in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<T>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

/// A claim record, with its inline relations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord<T = String> {
    /// The claim's id.
    pub id: T,
    /// Id of the actor who makes the claim.
    pub actor: T,
    /// What is claimed, in the curator's words.
    pub text: T,
    /// A short verbatim quote from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<T>,
    /// Id of the source.
    pub source: T,
    /// When the claim was made, `YYYY-MM-DD`, when it differs from the source's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<T>,
    /// Free-form labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<T>,
    /// Ids of the actors the claim is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<T>,
    /// Ids of claims this claim supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<T>,
    /// Ids of claims this claim rebuts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rebuts: Vec<T>,
    /// Ids of relations this claim undercuts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undercuts: Vec<T>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

/// A record of the `relations` section: exactly one of `supports`, `rebuts`, `undercuts`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRecord<T = String> {
    /// Id, needed when an undercut targets this relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<T>,
    /// Id of the claim that makes the relation.
    pub from: T,
    /// Id of the claim supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supports: Option<T>,
    /// Id of the claim rebutted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rebuts: Option<T>,
    /// Id of the relation undercut.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undercuts: Option<T>,
    /// Why the link holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

impl RelationRecord {
    /// A relation of `kind` from `from` to `target` (a claim id, or a relation id for undercuts).
    pub fn new(from: String, kind: RelationKind, target: String) -> Self {
        let mut record = RelationRecord {
            id: None,
            from,
            supports: None,
            rebuts: None,
            undercuts: None,
            note: None,
        };
        match kind {
            RelationKind::Supports => record.supports = Some(target),
            RelationKind::Rebuts => record.rebuts = Some(target),
            RelationKind::Undercuts => record.undercuts = Some(target),
        }
        record
    }
}

impl<T: AsRef<str>> RelationRecord<T> {
    /// The kind and target, when exactly one of `supports`, `rebuts`, `undercuts` is set.
    pub fn kind_and_target(&self) -> Option<(RelationKind, &str)> {
        match (&self.supports, &self.rebuts, &self.undercuts) {
            (Some(t), None, None) => Some((RelationKind::Supports, t.as_ref())),
            (None, Some(t), None) => Some((RelationKind::Rebuts, t.as_ref())),
            (None, None, Some(t)) => Some((RelationKind::Undercuts, t.as_ref())),
            _ => None,
        }
    }
}

/// Semantics names of expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the variants are those of `ExpectedSemantics`
pub enum SemanticsRecord {
    Grounded,
    Complete,
    Preferred,
    Stable,
}

/// Status names of expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the variants are those of `ExpectedStatus`
pub enum StatusRecord {
    In,
    Out,
    Undec,
}

/// Support modes of expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the variants are those of `ExpectedSupport`
pub enum SupportRecord {
    #[default]
    None,
    Deductive,
    Necessary,
}

impl SemanticsRecord {
    /// Every value, in the order of the declaration.
    pub const ALL: [SemanticsRecord; 4] = [
        SemanticsRecord::Grounded,
        SemanticsRecord::Complete,
        SemanticsRecord::Preferred,
        SemanticsRecord::Stable,
    ];

    /// Parses the spelling of [`SemanticsRecord::as_str`].
    pub fn parse(text: &str) -> Option<SemanticsRecord> {
        SemanticsRecord::ALL
            .into_iter()
            .find(|value| value.as_str() == text)
    }

    /// The spelling in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SemanticsRecord::Grounded => "grounded",
            SemanticsRecord::Complete => "complete",
            SemanticsRecord::Preferred => "preferred",
            SemanticsRecord::Stable => "stable",
        }
    }
}

impl StatusRecord {
    /// Every value, in the order of the declaration.
    pub const ALL: [StatusRecord; 3] = [StatusRecord::In, StatusRecord::Out, StatusRecord::Undec];

    /// Parses the spelling of [`StatusRecord::as_str`].
    pub fn parse(text: &str) -> Option<StatusRecord> {
        StatusRecord::ALL
            .into_iter()
            .find(|value| value.as_str() == text)
    }

    /// The spelling in files.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusRecord::In => "in",
            StatusRecord::Out => "out",
            StatusRecord::Undec => "undec",
        }
    }
}

impl SupportRecord {
    /// Every value, in the order of the declaration.
    pub const ALL: [SupportRecord; 3] = [
        SupportRecord::None,
        SupportRecord::Deductive,
        SupportRecord::Necessary,
    ];

    /// Parses the spelling of [`SupportRecord::as_str`].
    pub fn parse(text: &str) -> Option<SupportRecord> {
        SupportRecord::ALL
            .into_iter()
            .find(|value| value.as_str() == text)
    }

    /// The spelling in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportRecord::None => "none",
            SupportRecord::Deductive => "deductive",
            SupportRecord::Necessary => "necessary",
        }
    }
}

/// The model's semantics, status and support mode and their words in files, both ways.
macro_rules! same_variants {
    ($($record:ident <=> $model:ident { $($variant:ident),+ })+) => {$(
        impl From<$record> for $model {
            fn from(value: $record) -> $model {
                match value {
                    $($record::$variant => $model::$variant,)+
                }
            }
        }

        impl From<$model> for $record {
            fn from(value: $model) -> $record {
                match value {
                    $($model::$variant => $record::$variant,)+
                }
            }
        }
    )+};
}

same_variants! {
    SemanticsRecord <=> ExpectedSemantics { Grounded, Complete, Preferred, Stable }
    StatusRecord <=> ExpectedStatus { In, Out, Undec }
    SupportRecord <=> ExpectedSupport { None, Deductive, Necessary }
}

fn is_default_support(support: &SupportRecord) -> bool {
    *support == SupportRecord::None
}

/// An expectation record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectationRecord<T = String> {
    /// Id of the claim.
    pub claim: T,
    /// Under which semantics.
    pub semantics: SemanticsRecord,
    /// The expected status.
    pub status: StatusRecord,
    /// With which support mode (`none` by default).
    #[serde(default, skip_serializing_if = "is_default_support")]
    pub support: SupportRecord,
    /// What the exercise teaches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

/// A question record: the claims that answer it, for (yes) and against (no).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionRecord<T = String> {
    /// The question's id.
    pub id: T,
    /// The question, in words.
    pub text: T,
    /// Ids of the claims that answer yes (written `for`).
    #[serde(default, rename = "for", skip_serializing_if = "Vec::is_empty")]
    pub for_claims: Vec<T>,
    /// Ids of the claims that answer no (written `against`).
    #[serde(default, rename = "against", skip_serializing_if = "Vec::is_empty")]
    pub against_claims: Vec<T>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<T>,
}

/// A field of a record, as the record's `Deserialize` impl reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The name written in files (`for`, not `for_claims`).
    pub name: &'static str,
    /// Whether a record without it is an error (the others have a default).
    pub required: bool,
    /// The words the field takes, when its value is one of a few bare words (an actor's `kind`,
    /// an expectation's `semantics`, `status` and `support`).
    pub words: Option<&'static [&'static str]>,
}

/// A section of a map file and the fields of its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The section's name (`claims`).
    pub name: &'static str,
    /// The fields of its records, in the order of their declaration.
    pub fields: Vec<Field>,
}

impl Section {
    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.name == name)
    }
}

/// The names of the sections of a map file, in order: [`MapDocument`]'s fields.
pub fn section_names() -> &'static [&'static str] {
    probe::field_names::<MapDocument>().unwrap_or(&[])
}

/// Every section of a map file with the fields of its records, read once out of the records'
/// `Deserialize` impls, so that what the language server offers and what the messages list is
/// exactly what the loader reads.
pub fn sections() -> &'static [Section] {
    static SECTIONS: std::sync::OnceLock<Vec<Section>> = std::sync::OnceLock::new();
    SECTIONS.get_or_init(|| {
        section_names()
            .iter()
            .map(|&name| Section {
                name,
                fields: probe::record_fields::<MapDocument>(name),
            })
            .collect()
    })
}

/// The section named `name`.
pub fn section(name: &str) -> Option<&'static Section> {
    sections().iter().find(|section| section.name == name)
}

/// The words a field takes when its value is one of a few bare words, in whichever record it
/// is (fields of the same name mean the same in every record).
pub fn field_words(name: &str) -> Option<&'static [&'static str]> {
    sections()
        .iter()
        .find_map(|section| section.field(name)?.words)
}

/// Reading a serde type's fields out of its `Deserialize` impl, by deserialising it from
/// deserializers that make up values and note what they are asked for.
///
/// serde hands a struct's field names to `deserialize_struct`, an enumeration's words to
/// `deserialize_enum`, and reports a required field that is left out as `missing_field`: a
/// record deserialised with every field but one fails with that field exactly when it has no
/// default.
mod probe {
    use super::Field;
    use serde::de::value::StrDeserializer;
    use serde::de::{
        self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
    };
    use serde::forward_to_deserialize_any;
    use std::cell::RefCell;
    use std::fmt;

    /// What a probe found, carried out of a `Deserialize` impl as its error.
    #[derive(Debug)]
    pub(super) enum Found {
        /// A struct's field names.
        Fields(&'static [&'static str]),
        /// A required field that was left out.
        Missing(&'static str),
        /// Anything else (never expected).
        Other,
    }

    impl fmt::Display for Found {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{self:?}")
        }
    }

    impl std::error::Error for Found {}

    impl de::Error for Found {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Found::Other
        }

        fn missing_field(field: &'static str) -> Self {
            Found::Missing(field)
        }
    }

    /// The field names of the struct `T`.
    pub(super) fn field_names<'de, T: de::Deserialize<'de>>() -> Option<&'static [&'static str]> {
        match T::deserialize(Names) {
            Err(Found::Fields(fields)) => Some(fields),
            _ => None,
        }
    }

    /// The fields of the records of `section` of the document type `D`.
    pub(super) fn record_fields<'de, D: de::Deserialize<'de>>(section: &'static str) -> Vec<Field> {
        let Err(Found::Fields(names)) = in_section::<D>(section, Record::Names) else {
            return Vec::new();
        };
        let words = Words::default();
        let mut fields: Vec<Field> = names
            .iter()
            .map(|&name| Field {
                name,
                required: matches!(
                    in_section::<D>(section, Record::Without(names, Some(name), &words)),
                    Err(Found::Missing(missing)) if missing == name
                ),
                words: None,
            })
            .collect();
        for (name, variants) in words.into_inner() {
            if let Some(field) = fields.iter_mut().find(|field| field.name == name) {
                field.words = Some(variants);
            }
        }
        fields
    }

    /// Deserialises a document of `D` whose one section `section` holds one `record`.
    fn in_section<'de, D: de::Deserialize<'de>>(
        section: &'static str,
        record: Record<'_>,
    ) -> Result<D, Found> {
        D::deserialize(Struct {
            fields: vec![(section, Value::List(record))],
        })
    }

    /// Answers `deserialize_struct` with the field names; fails at everything else.
    struct Names;

    impl<'de> Deserializer<'de> for Names {
        type Error = Found;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found::Other)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Found> {
            Err(Found::Fields(fields))
        }

        forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    /// Where the words of enumeration fields are noted, by field.
    type Words = RefCell<Vec<(&'static str, &'static [&'static str])>>;

    /// What a record is deserialised from.
    #[derive(Clone, Copy)]
    enum Record<'w> {
        /// Only its field names are asked for.
        Names,
        /// Every field of the list but the one left out, each with a made-up value.
        Without(&'static [&'static str], Option<&'static str>, &'w Words),
    }

    /// A value: a list of one record, or the made-up value of a record's field.
    enum Value<'w> {
        List(Record<'w>),
        Any(&'static str, &'w Words),
    }

    /// A struct with the given fields.
    struct Struct<'w> {
        fields: Vec<(&'static str, Value<'w>)>,
    }

    impl<'de> Deserializer<'de> for Struct<'_> {
        type Error = Found;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Found> {
            visitor.visit_map(Entries {
                fields: self.fields.into_iter(),
                value: None,
            })
        }

        forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map struct
            enum identifier ignored_any
        }
    }

    struct Entries<'w> {
        fields: std::vec::IntoIter<(&'static str, Value<'w>)>,
        value: Option<Value<'w>>,
    }

    impl<'de, 'w> MapAccess<'de> for Entries<'w> {
        type Error = Found;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, Found> {
            let Some((name, value)) = self.fields.next() else {
                return Ok(None);
            };
            self.value = Some(value);
            let key: StrDeserializer<'_, Found> = name.into_deserializer();
            seed.deserialize(key).map(Some)
        }

        fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Found> {
            match self.value.take() {
                Some(value) => seed.deserialize(value),
                None => Err(Found::Other),
            }
        }
    }

    impl<'de> Deserializer<'de> for Value<'_> {
        type Error = Found;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Found> {
            match self {
                Value::List(record) => visitor.visit_seq(OneRecord(Some(record))),
                Value::Any(..) => visitor.visit_str("made-up"),
            }
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Found> {
            visitor.visit_some(self)
        }

        fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Found> {
            match self {
                Value::List(_) => self.deserialize_any(visitor),
                Value::Any(..) => visitor.visit_seq(OneRecord(None)),
            }
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _: &'static str,
            variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Found> {
            if let Value::Any(field, words) = self {
                words.borrow_mut().push((field, variants));
            }
            let first: StrDeserializer<'_, Found> =
                variants.first().copied().unwrap_or("").into_deserializer();
            visitor.visit_enum(first)
        }

        forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf unit unit_struct newtype_struct tuple tuple_struct map struct
            identifier ignored_any
        }
    }

    /// A list of one record (`None`: an empty list).
    struct OneRecord<'w>(Option<Record<'w>>);

    impl<'de> SeqAccess<'de> for OneRecord<'_> {
        type Error = Found;

        fn next_element_seed<S: DeserializeSeed<'de>>(
            &mut self,
            seed: S,
        ) -> Result<Option<S::Value>, Found> {
            match self.0.take() {
                None => Ok(None),
                Some(Record::Names) => seed.deserialize(Names).map(Some),
                Some(Record::Without(names, left_out, words)) => seed
                    .deserialize(Struct {
                        fields: names
                            .iter()
                            .filter(|&&name| Some(name) != left_out)
                            .map(|&name| (name, Value::Any(name, words)))
                            .collect(),
                    })
                    .map(Some),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// The probe reads names, renames, defaults and words as serde does, on a record made for it.
    #[test]
    fn the_probe_reads_what_serde_reads() {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Probed {
            id: String,
            #[serde(default, rename = "for")]
            for_claims: Vec<String>,
            kind: ActorKind,
            #[serde(default)]
            support: SupportRecord,
            #[serde(default)]
            note: Option<std::borrow::Cow<'static, str>>,
        }
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct Document {
            #[serde(default)]
            probed: Vec<Probed>,
        }
        assert_eq!(probe::field_names::<Document>(), Some(&["probed"][..]));
        let field = |name, required, words| Field {
            name,
            required,
            words,
        };
        let kinds: Vec<&str> = ActorKind::ALL.iter().map(|kind| kind.as_str()).collect();
        let supports: Vec<&str> = SupportRecord::ALL.iter().map(|s| s.as_str()).collect();
        let fields = probe::record_fields::<Document>("probed");
        assert_eq!(fields.len(), 5);
        assert_eq!(fields[0], field("id", true, None));
        assert_eq!(fields[1], field("for", false, None));
        assert_eq!((fields[2].name, fields[2].required), ("kind", true));
        assert_eq!(fields[2].words.map(<[&str]>::to_vec), Some(kinds));
        assert_eq!(fields[3].words.map(<[&str]>::to_vec), Some(supports));
        assert_eq!(fields[4], field("note", false, None));
    }

    /// Each section's field names: as the definition says, or as a text or a JSON value writes
    /// them (the union over the section's records).
    type Names = BTreeMap<String, BTreeSet<String>>;

    fn defined() -> Names {
        sections()
            .iter()
            .map(|section| {
                let names = section.fields.iter().map(|f| f.name.to_owned()).collect();
                (section.name.to_owned(), names)
            })
            .collect()
    }

    fn written_in_ron(text: &str) -> Names {
        use crate::load::syntax::{self, Node, NodeKind};
        fn fields(node: &Node) -> &[syntax::Field] {
            match &node.kind {
                NodeKind::Struct(fields) => fields,
                _ => &[],
            }
        }
        let root = syntax::parse(text).expect("RON");
        fields(&root)
            .iter()
            .map(|section| {
                let names = section
                    .value
                    .elements()
                    .iter()
                    .flat_map(|record| fields(record).iter().map(|f| f.name.clone()))
                    .collect();
                (section.name.clone(), names)
            })
            .collect()
    }

    fn written_in_json(value: &serde_json::Value) -> Names {
        let object = |value: &serde_json::Value| value.as_object().cloned().unwrap_or_default();
        object(value)
            .into_iter()
            .map(|(section, records)| {
                let names = records
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|record| object(record).into_iter().map(|(name, _)| name))
                    .collect();
                (section, names)
            })
            .collect()
    }

    const EVERY_FIELD: &str = include_str!("../tests/fixtures/valid/every-field.ron");

    /// The guard of the one definition: a map that sets every field the definition has (the
    /// fixture must keep doing so) is read whole by the fast reader, as `ron` reads it; a map
    /// written back as RON and as JSON writes every field again; and it reloads equal.
    #[test]
    fn the_loader_and_the_writers_know_every_field_of_the_definition() {
        assert_eq!(
            written_in_ron(EVERY_FIELD),
            defined(),
            "the fixture sets every field"
        );

        let fast = crate::load::fast::parse(crate::model::FileId(0), EVERY_FIELD)
            .expect("the fast reader reads every field");
        fn docs<T>(records: Vec<crate::load::Record<T>>) -> Vec<T> {
            records.into_iter().map(|record| record.doc).collect()
        }
        let fast = MapDocument {
            sources: docs(fast.sources),
            actors: docs(fast.actors),
            claims: docs(fast.claims),
            relations: docs(fast.relations),
            questions: docs(fast.questions),
            expectations: docs(fast.expectations),
        };
        let slow: MapDocument<std::borrow::Cow<'_, str>> = crate::load::ron_options()
            .from_str(EVERY_FIELD)
            .expect("ron reads every field");
        assert_eq!(fast, slow);

        let load = |text: String| {
            crate::load::load_sources(vec![("every-field.ron".into(), text)])
                .expect("a valid map")
                .map
        };
        let map = load(EVERY_FIELD.to_owned());
        let document = MapDocument::from_map(&map);
        let ron = crate::formats::ron_writer::to_string(&document);
        assert_eq!(
            written_in_ron(&ron),
            defined(),
            "the RON writer writes every field"
        );
        let json = crate::formats::json::document_to_string(&document);
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(
            written_in_json(&value),
            defined(),
            "the JSON writer writes every field"
        );
        let imported = crate::formats::json::from_str(&json).expect("JSON reads back");
        assert_eq!(imported.document, document);

        let reloaded = load(ron);
        assert_eq!(MapDocument::from_map(&reloaded), document);
        assert_eq!(
            MapDocument::canonical(&reloaded),
            MapDocument::canonical(&map)
        );
        // The JSON export writes every relation in its section, record by record.
        let exported = crate::formats::json::to_string(&map);
        let imported = crate::formats::json::from_str(&exported).expect("JSON reads back");
        assert_eq!(
            imported.document,
            MapDocument::from_map_with(&map, crate::formats::document::RelationLayout::Section)
        );
    }

    /// The words of the enumerations as the fast reader and the writers spell them (`as_str`,
    /// `parse`) are serde's.
    #[test]
    fn the_words_are_spelt_as_serde_spells_them() {
        let words = |name| field_words(name).map(<[&str]>::to_vec);
        let kinds = ActorKind::ALL.map(ActorKind::as_str).to_vec();
        assert_eq!(words("kind"), Some(kinds));
        let semantics = SemanticsRecord::ALL.map(SemanticsRecord::as_str).to_vec();
        assert_eq!(words("semantics"), Some(semantics));
        let status = StatusRecord::ALL.map(StatusRecord::as_str).to_vec();
        assert_eq!(words("status"), Some(status));
        let support = SupportRecord::ALL.map(SupportRecord::as_str).to_vec();
        assert_eq!(words("support"), Some(support));
    }

    /// The fields the language server's index follows as references are fields of the records.
    #[test]
    fn the_reference_fields_are_fields() {
        for section in sections() {
            for (name, _) in crate::load::index::reference_fields(section.name) {
                assert!(section.field(name).is_some(), "{}: {name}", section.name);
            }
        }
    }
}
