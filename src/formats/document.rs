//! A whole map as one serde document: the shape of a map file (`docs/format.md`), for writing
//! RON and JSON and for reading JSON back.
//!
//! [`MapDocument`] holds ids as strings, exactly as a person writes them, with the five sections
//! of a map file. It is produced from a checked [`Map`] by [`MapDocument::from_map`] and turned
//! back into a [`Map`] only through the normal loader ([`MapDocument::load`]): the document is
//! written as RON and loaded like any map file, so an import gets exactly the validation and the
//! diagnostics a hand-written map gets.
//!
//! Field names and defaults are those of `load::schema` (the loader's records); unknown fields are
//! rejected on reading, optional fields are left out on writing when empty.

use crate::load::{LoadError, Loaded};
use crate::model::{
    Actor, ActorKind, Claim, ClaimIds, Expectation, ExpectedSemantics, ExpectedStatus,
    ExpectedSupport, Map, Question, RelationIx, RelationKind, Source, Target,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// A whole map: its sources, actors, claims, relations, questions and expectations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapDocument {
    /// Where claims were made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRecord>,
    /// Who makes claims.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorRecord>,
    /// What they claim (with inline relations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRecord>,
    /// Relations written as records of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationRecord>,
    /// What the debate is about, and the claims that answer each question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionRecord>,
    /// Exercises: what a semantics should conclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expectations: Vec<ExpectationRecord>,
}

/// A source record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// The source's id.
    pub id: String,
    /// Title of the article, post or report.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Author names as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// File name of an archived copy of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
}

/// An actor record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorRecord {
    /// The actor's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What kind of actor this is.
    pub kind: ActorKind,
    /// Id of the actor this one belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_of: Option<String>,
    /// Title or role in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A claim record, with its inline relations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// The claim's id.
    pub id: String,
    /// Id of the actor who makes the claim.
    pub actor: String,
    /// What is claimed, in the curator's words.
    pub text: String,
    /// A short verbatim quote from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Id of the source.
    pub source: String,
    /// When the claim was made, `YYYY-MM-DD`, when it differs from the source's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Free-form labels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of the actors the claim is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<String>,
    /// Ids of claims this claim supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<String>,
    /// Ids of claims this claim rebuts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rebuts: Vec<String>,
    /// Ids of relations this claim undercuts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undercuts: Vec<String>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A record of the `relations` section: exactly one of `supports`, `rebuts`, `undercuts`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRecord {
    /// Id, needed when an undercut targets this relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Id of the claim that makes the relation.
    pub from: String,
    /// Id of the claim supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supports: Option<String>,
    /// Id of the claim rebutted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rebuts: Option<String>,
    /// Id of the relation undercut.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undercuts: Option<String>,
    /// Why the link holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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

    /// The kind and target, when exactly one of `supports`, `rebuts`, `undercuts` is set.
    pub fn kind_and_target(&self) -> Option<(RelationKind, &str)> {
        match (&self.supports, &self.rebuts, &self.undercuts) {
            (Some(t), None, None) => Some((RelationKind::Supports, t)),
            (None, Some(t), None) => Some((RelationKind::Rebuts, t)),
            (None, None, Some(t)) => Some((RelationKind::Undercuts, t)),
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
    /// The spelling in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportRecord::None => "none",
            SupportRecord::Deductive => "deductive",
            SupportRecord::Necessary => "necessary",
        }
    }
}

fn is_default_support(support: &SupportRecord) -> bool {
    *support == SupportRecord::None
}

/// An expectation record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectationRecord {
    /// Id of the claim.
    pub claim: String,
    /// Under which semantics.
    pub semantics: SemanticsRecord,
    /// The expected status.
    pub status: StatusRecord,
    /// With which support mode (`none` by default).
    #[serde(default, skip_serializing_if = "is_default_support")]
    pub support: SupportRecord,
    /// What the exercise teaches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A question record: the claims that answer it, for (yes) and against (no).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionRecord {
    /// The question's id.
    pub id: String,
    /// The question, in words.
    pub text: String,
    /// Ids of the claims that answer yes (written `for`).
    #[serde(default, rename = "for", skip_serializing_if = "Vec::is_empty")]
    pub for_claims: Vec<String>,
    /// Ids of the claims that answer no (written `against`).
    #[serde(default, rename = "against", skip_serializing_if = "Vec::is_empty")]
    pub against_claims: Vec<String>,
    /// A curator's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl QuestionRecord {
    /// The record of a question of `map`.
    fn of(map: &Map, question: &Question) -> QuestionRecord {
        let ids = |claims: &[crate::model::ClaimIx]| {
            claims
                .iter()
                .map(|&claim| map.claim(claim).id.clone())
                .collect()
        };
        QuestionRecord {
            id: question.id.clone(),
            text: question.text.clone(),
            for_claims: ids(&question.for_claims),
            against_claims: ids(&question.against_claims),
            note: question.note.clone(),
        }
    }
}

impl SourceRecord {
    /// The record of a source of a checked map.
    fn of(source: &Source) -> SourceRecord {
        SourceRecord {
            id: source.id.clone(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            authors: source.authors.clone(),
            url: source.url.clone(),
            date: source.date.map(|date| date.to_string()),
            archive: source.archive.clone(),
        }
    }
}

impl ActorRecord {
    /// The record of an actor of `map`.
    fn of(map: &Map, actor: &Actor) -> ActorRecord {
        ActorRecord {
            id: actor.id.clone(),
            name: actor.name.clone(),
            kind: actor.kind,
            member_of: actor.member_of.map(|parent| map.actor(parent).id.clone()),
            role: actor.role.clone(),
            note: actor.note.clone(),
        }
    }
}

impl ClaimRecord {
    /// The record of a claim of `map`, without inline relations. Its `date` is written only
    /// when it differs from its source's (the loader gives a claim without a date its
    /// source's).
    fn of(map: &Map, claim: &Claim) -> ClaimRecord {
        let source = map.source(claim.source);
        ClaimRecord {
            id: claim.id.clone(),
            actor: map.actor(claim.actor).id.clone(),
            text: claim.text.clone(),
            quote: claim.quote.clone(),
            source: source.id.clone(),
            date: claim
                .date
                .filter(|date| Some(*date) != source.date)
                .map(|date| date.to_string()),
            tags: claim.tags.clone(),
            about: claim
                .about
                .iter()
                .map(|&actor| map.actor(actor).id.clone())
                .collect(),
            supports: Vec::new(),
            rebuts: Vec::new(),
            undercuts: Vec::new(),
            note: claim.note.clone(),
        }
    }
}

impl RelationRecord {
    /// The record of the relation at `position` of `map` in the `relations` section, with the
    /// ids of [`relation_ids`].
    fn of(ids: &ClaimIds, relation_ids: &[Option<String>], position: RelationIx) -> RelationRecord {
        let relation = ids.map().relation(position);
        let target = RelationRecord::target_id(ids, relation_ids, position);
        let mut record =
            RelationRecord::new(ids.get(relation.from).to_owned(), relation.kind, target);
        record.id = relation_ids[position.index()].clone();
        record.note = relation.note.clone();
        record
    }

    /// The id of what the relation at `position` targets: a claim, or a relation.
    fn target_id(ids: &ClaimIds, relation_ids: &[Option<String>], position: RelationIx) -> String {
        match ids.map().relation(position).target {
            Target::Claim(claim) => ids.get(claim).to_owned(),
            Target::Relation(target) => relation_ids[target.index()].clone().unwrap_or_default(),
        }
    }
}

impl ExpectationRecord {
    /// The record of an expectation of `map`.
    fn of(map: &Map, expectation: &Expectation) -> ExpectationRecord {
        ExpectationRecord {
            claim: map.claim(expectation.claim).id.clone(),
            semantics: match expectation.semantics {
                ExpectedSemantics::Grounded => SemanticsRecord::Grounded,
                ExpectedSemantics::Complete => SemanticsRecord::Complete,
                ExpectedSemantics::Preferred => SemanticsRecord::Preferred,
                ExpectedSemantics::Stable => SemanticsRecord::Stable,
            },
            status: match expectation.status {
                ExpectedStatus::In => StatusRecord::In,
                ExpectedStatus::Out => StatusRecord::Out,
                ExpectedStatus::Undec => StatusRecord::Undec,
            },
            support: match expectation.support {
                ExpectedSupport::None => SupportRecord::None,
                ExpectedSupport::Deductive => SupportRecord::Deductive,
                ExpectedSupport::Necessary => SupportRecord::Necessary,
            },
            note: expectation.note.clone(),
        }
    }
}

/// A writer of the sections of a map document, visited one section at a time by
/// [`MapDocument::write_sections`], each as a count of records and a way to make each one.
pub(crate) trait SectionWriter {
    /// What writing can fail with.
    type Error;

    /// Writes the section `name` (in its turn; each section is visited, empty ones too): its
    /// `count` records, record `i` made by `record(i)`.
    fn section<R, F>(
        &mut self,
        name: &'static str,
        count: usize,
        record: F,
    ) -> Result<(), Self::Error>
    where
        R: Serialize,
        F: Fn(usize) -> R + Sync;
}

/// Where [`MapDocument::from_map_with`] writes the relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationLayout {
    /// A relation without id and note goes on the claim that makes it (`supports: ["b"]`), as a
    /// person writes it; the others go in the `relations` section.
    Inline,
    /// Every relation is a record of the `relations` section, in the map's order.
    Section,
}

impl MapDocument {
    /// The document of a checked map, laid out as a person writes it (relations inline where they
    /// can be): see [`RelationLayout::Inline`].
    pub fn from_map(map: &Map) -> MapDocument {
        MapDocument::from_map_with(map, RelationLayout::Inline)
    }

    /// The document of a checked map, with the relations laid out as `layout` says.
    ///
    /// A claim's `date` is written only when it differs from its source's date (the loader gives
    /// a claim without a date its source's date, so nothing is lost). A relation that an undercut
    /// targets but that has no id (possible only in a map built in code, not in a loaded one) is
    /// given a fresh id `relation-N`.
    pub fn from_map_with(map: &Map, layout: RelationLayout) -> MapDocument {
        let relation_ids = relation_ids(map);
        let sources = map.sources.values().map(SourceRecord::of).collect();
        let actors = map
            .actors
            .values()
            .map(|actor| ActorRecord::of(map, actor))
            .collect();
        let mut claims: Vec<ClaimRecord> = map
            .claims
            .values()
            .map(|claim| ClaimRecord::of(map, claim))
            .collect();
        let ids = ClaimIds::for_map(map);
        let mut relations = Vec::new();
        for position in map.relation_indices() {
            let relation = map.relation(position);
            let inline = layout == RelationLayout::Inline
                && relation_ids[position.index()].is_none()
                && relation.note.is_none();
            if inline {
                let target = RelationRecord::target_id(&ids, &relation_ids, position);
                let claim = &mut claims[relation.from.index()];
                match relation.kind {
                    RelationKind::Supports => claim.supports.push(target),
                    RelationKind::Rebuts => claim.rebuts.push(target),
                    RelationKind::Undercuts => claim.undercuts.push(target),
                }
            } else {
                relations.push(RelationRecord::of(&ids, &relation_ids, position));
            }
        }
        let questions = map
            .questions
            .values()
            .map(|question| QuestionRecord::of(map, question))
            .collect();
        let expectations = map
            .expectations
            .iter()
            .map(|expectation| ExpectationRecord::of(map, expectation))
            .collect();
        MapDocument {
            sources,
            actors,
            claims,
            relations,
            questions,
            expectations,
        }
    }

    /// Visits the sections of the document of `map` with every relation in the `relations`
    /// section (the [`RelationLayout::Section`] document), in the order of [`MapDocument`]'s
    /// fields, each record made only when `writer` asks for it: what serialising
    /// [`MapDocument::from_map_with`] writes, without a second copy of the map's strings.
    pub(crate) fn write_sections<W: SectionWriter>(
        map: &Map,
        writer: &mut W,
    ) -> Result<(), W::Error> {
        let relation_ids = relation_ids(map);
        let ids = ClaimIds::for_map(map);
        writer.section("sources", map.sources.len(), |i| {
            SourceRecord::of(&map.sources[i])
        })?;
        writer.section("actors", map.actors.len(), |i| {
            ActorRecord::of(map, &map.actors[i])
        })?;
        writer.section("claims", map.claims.len(), |i| {
            ClaimRecord::of(map, &map.claims[i])
        })?;
        writer.section("relations", map.relations.len(), |i| {
            RelationRecord::of(&ids, &relation_ids, RelationIx::new(i))
        })?;
        writer.section("questions", map.questions.len(), |i| {
            QuestionRecord::of(map, &map.questions[i])
        })?;
        writer.section("expectations", map.expectations.len(), |i| {
            ExpectationRecord::of(map, &map.expectations[i])
        })
    }

    /// A canonical form for comparing two maps: every relation in the `relations` section,
    /// sorted, so that two maps that differ only in where and in which order their relations
    /// are written compare equal. Sources, actors and claims keep their order.
    pub fn canonical(map: &Map) -> MapDocument {
        let mut document = MapDocument::from_map_with(map, RelationLayout::Section);
        document.relations.sort();
        document
    }

    /// Loads the document as a map through the normal loader: it is written as RON (see
    /// [`super::ron_writer`]) and read as the one file `path` (a name for diagnostics; nothing is
    /// read from or written to disk). Errors and warnings are those of a hand-written map file,
    /// located in that RON text.
    pub fn load(&self, path: &Path) -> Result<Loaded, LoadError> {
        let text = super::ron_writer::to_string(self);
        crate::load::load_sources(vec![(path.to_owned(), text)])
    }

    /// Every id the document defines (sources, actors, claims, relations and questions).
    pub fn defined_ids(&self) -> HashSet<&str> {
        self.sources
            .iter()
            .map(|s| s.id.as_str())
            .chain(self.actors.iter().map(|a| a.id.as_str()))
            .chain(self.claims.iter().map(|c| c.id.as_str()))
            .chain(self.relations.iter().filter_map(|r| r.id.as_deref()))
            .chain(self.questions.iter().map(|q| q.id.as_str()))
            .collect()
    }
}

/// The id each relation is written with: its own, or a fresh one when an undercut targets it.
fn relation_ids(map: &Map) -> Vec<Option<String>> {
    let mut ids: Vec<Option<String>> = map.relations.iter().map(|r| r.id.clone()).collect();
    let targeted: HashSet<RelationIx> = map
        .relations
        .iter()
        .filter_map(|relation| match relation.target {
            Target::Relation(target) => Some(target),
            Target::Claim(_) => None,
        })
        .collect();
    // Usually every targeted relation has an id: then no set of every id is needed.
    if targeted.iter().all(|target| ids[target.index()].is_some()) {
        return ids;
    }
    let mut taken: HashSet<String> = map
        .sources
        .keys()
        .chain(map.actors.keys())
        .chain(map.claims.keys())
        .chain(map.questions.keys())
        .cloned()
        .chain(ids.iter().flatten().cloned())
        .collect();
    let mut next = 1usize;
    for (position, id) in ids.iter_mut().enumerate() {
        if id.is_none() && targeted.contains(&RelationIx::new(position)) {
            let fresh = loop {
                let candidate = format!("relation-{next}");
                next += 1;
                if !taken.contains(&candidate) {
                    break candidate;
                }
            };
            taken.insert(fresh.clone());
            *id = Some(fresh);
        }
    }
    ids
}
