//! A checked map as a [`MapDocument`] (the records of a map file, defined in [`crate::schema`]),
//! and a document back to a map.
//!
//! [`MapDocument::from_map`] makes the document of a checked [`Map`], with ids as strings as a
//! person writes them; `MapDocument::write_sections` visits the same records one at a time for
//! the writers that stream. A document becomes a [`Map`] only through the normal loader
//! ([`MapDocument::load`]): it is written as RON and loaded like any map file, so an import gets
//! exactly the validation and the diagnostics a hand-written map gets.

use crate::load::{LoadError, Loaded};
use crate::model::{
    Actor, Claim, ClaimIds, Expectation, Map, Question, RelationIx, RelationKind, Source, Target,
};
use crate::schema::{
    ActorRecord, ClaimRecord, ExpectationRecord, MapDocument, QuestionRecord, RelationRecord,
    SourceRecord,
};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;

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
            semantics: expectation.semantics.into(),
            status: expectation.status.into(),
            support: expectation.support.into(),
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
