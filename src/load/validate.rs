//! Resolving the records of all files into one [`Map`], and every check that needs the whole map.
//!
//! Invariant: when this reports no error, every index in the returned map is valid, `member_of`
//! chains and undercut chains are acyclic, ids are unique and kebab-case. When it reports errors,
//! the returned map may hold placeholder indices and must not be used (the caller discards it).
//!
//! Speed: a valid map costs one hash insert per id and one lookup per reference. Exact spans of
//! fields are found only when a diagnostic needs them ([`Site`]), by re-reading that one record.

use super::Text;
use super::ids::{Entry, IdKind, InlineId, Keys, Lookup, PartyKeys, Registry, offset32};
use super::syntax;
use super::{FileRecords, Record};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Actor, ActorIx, Claim, ClaimIx, Date, Expectation, FileId, Map, Origin, Question, Relation,
    RelationIx, RelationKind, Source, SourceIx, Target,
};
use crate::schema::{ActorRecord, ClaimRecord, ExpectationRecord, QuestionRecord, RelationRecord};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

/// The claim records of one file, as read.
type FileClaims<'a> = Vec<Record<ClaimRecord<Text<'a>>>>;

/// A place in a record: a field, or one element of a list field. Small and cheap to make (one
/// is kept per relation for duplicate reports); turned into a byte span only when a diagnostic
/// is built.
#[derive(Clone, Copy, Debug)]
struct Site {
    file: FileId,
    record_start: u32,
    record_end: u32,
    field: &'static str,
    /// Index in a list field; `u32::MAX` for the field itself.
    element: u32,
}

impl Site {
    fn at(origin: &Origin, field: &'static str) -> Site {
        Site {
            file: origin.file,
            record_start: offset32(origin.span.start),
            record_end: offset32(origin.span.end),
            field,
            element: u32::MAX,
        }
    }

    fn field<T>(record: &Record<T>, field: &'static str) -> Site {
        Site {
            file: record.file,
            record_start: offset32(record.span.start),
            record_end: offset32(record.span.end),
            field,
            element: u32::MAX,
        }
    }

    /// The byte span of the place: the field's value (or list element), else the whole record.
    fn span(&self, texts: &[&str]) -> Range<usize> {
        let record = self.record_start as usize..self.record_end as usize;
        let Some(text) = texts.get(self.file.index()) else {
            return record;
        };
        let Ok(node) = syntax::parse_value_at(text, record.clone()) else {
            return record;
        };
        let value = node.field_value(self.field);
        let located = match self.element {
            u32::MAX => value,
            index => value.and_then(|list| list.elements().get(index as usize)),
        };
        located.map_or_else(|| node.span.clone(), |value| value.span.clone())
    }
}

/// Where the target of a relation is written, from the relation's record, kind and list index.
fn target_site(origin: &Origin, kind: RelationKind, element: u32) -> Site {
    Site {
        element,
        ..Site::at(origin, kind.as_str())
    }
}

struct Checker<'f> {
    /// The files' texts, for the spans of diagnostics.
    texts: &'f [&'f str],
    errors: Vec<Diagnostic>,
    /// Source and actor ids. They are few, and every claim refers to some: apart from the
    /// claims' table, which on a big map is far larger than the processor's caches, this one
    /// stays in cache.
    ///
    /// Shared (read only once every source and actor is defined) with the thread that looks up
    /// the claims' parties ([`ClaimsWithParties`]).
    party_ids: Arc<Registry>,
    claim_ids: Registry,
    /// Relation ids (few): they are not in the registry, which keys on ids stored in the map.
    relation_ids: HashMap<String, Site>,
    broken_ids: HashSet<String>,
    /// How many more id comparisons the did-you-mean search may make ([`SUGGESTION_BUDGET`]).
    suggestion_budget: usize,
}

/// Id comparisons allowed to the did-you-mean hints of one load: every hint on an ordinary map,
/// a few dozen on a map of a hundred thousand ids, and at most a second or so of searching.
const SUGGESTION_BUDGET: usize = 2_000_000;

/// Whether `id` is kebab-case: lower-case ASCII letters and digits in words joined by single `-`.
pub(crate) fn is_kebab_case(id: &str) -> bool {
    // One pass: a hyphen may not follow a hyphen, nor the start (as if one came before), nor
    // end the id (which also rejects the empty id).
    let mut previous = b'-';
    for &byte in id.as_bytes() {
        match byte {
            b'a'..=b'z' | b'0'..=b'9' => {}
            b'-' if previous != b'-' => {}
            _ => return false,
        }
        previous = byte;
    }
    previous != b'-'
}

/// A kebab-case spelling of `id`, for the hint.
pub(crate) fn to_kebab_case(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

impl Checker<'_> {
    fn span(&self, site: &Site) -> Range<usize> {
        site.span(self.texts)
    }

    /// The table of the ids of `kind` (sources, actors or claims).
    fn registry(&self, kind: IdKind) -> &Registry {
        match kind {
            IdKind::Source | IdKind::Actor => &self.party_ids,
            IdKind::Claim | IdKind::Relation | IdKind::Question => &self.claim_ids,
        }
    }

    /// Where `id` is defined so far, and as what.
    fn defined(&self, map: &Map, id: &str) -> Option<(IdKind, Site)> {
        if let Some(entry) = self.party_ids.get(map, id) {
            let index = entry.index as usize;
            let origin = match entry.kind {
                IdKind::Source => &map.sources[index].origin,
                IdKind::Actor => &map.actors[index].origin,
                IdKind::Claim | IdKind::Relation | IdKind::Question => &map.claims[index].origin,
            };
            return Some((entry.kind, Site::at(origin, "id")));
        }
        // From the map itself: [`Checker::claim_ids`] is complete only after each batch.
        if let Some(claim) = map.claims.get(id) {
            return Some((IdKind::Claim, Site::at(&claim.origin, "id")));
        }
        if let Some(question) = map.questions.get(id) {
            return Some((IdKind::Question, Site::at(&question.origin, "id")));
        }
        if self.relation_ids.is_empty() {
            return None;
        }
        self.relation_ids
            .get(id)
            .map(|site| (IdKind::Relation, *site))
    }

    /// The index of the source, actor or claim (`kind`) with this id.
    fn lookup(&self, map: &Map, id: &str, kind: IdKind) -> Option<usize> {
        self.registry(kind)
            .get(map, id)
            .filter(|entry| entry.kind == kind)
            .map(|entry| entry.index as usize)
    }

    /// Checks an id before it is added to `map`; returns false (and reports) when it is taken.
    /// (Claims, many, go through [`Checker::define_claim`].)
    fn define(&mut self, map: &Map, id: &str, kind: IdKind, site: Site) -> bool {
        self.check_kebab_case(id, kind, site);
        if let Some((first_kind, first_site)) = self.defined(map, id) {
            self.report_duplicate(id, kind, site, first_kind, first_site);
            return false;
        }
        match kind {
            IdKind::Source | IdKind::Actor => {
                Arc::make_mut(&mut self.party_ids).insert(map, id, kind)
            }
            IdKind::Claim => self.claim_ids.insert(map, id, kind),
            IdKind::Relation => {
                self.relation_ids.insert(id.to_owned(), site);
            }
            // The map's own table of questions holds their ids ([`resolve_questions`]).
            IdKind::Question => {}
        }
        true
    }

    /// [`Checker::define`] for a claim, but for the check that no claim has its id, which
    /// inserting it in the map makes (and which calls [`Checker::report_duplicate`]); the
    /// claim then joins [`Checker::claim_ids`].
    fn define_claim(&mut self, map: &Map, id: &str, site: Site, parties: Parties) -> bool {
        self.check_kebab_case(id, IdKind::Claim, site);
        if !parties.id_taken {
            return true;
        }
        if let Some((first_kind, first_site)) = self.defined(map, id) {
            self.report_duplicate(id, IdKind::Claim, site, first_kind, first_site);
        }
        false
    }

    fn check_kebab_case(&mut self, id: &str, kind: IdKind, site: Site) {
        if !is_kebab_case(id) {
            let suggestion = to_kebab_case(id);
            let mut diagnostic = Diagnostic::error(
                "bad-id",
                format!("`{id}` is not a valid id for {}", kind.with_article()),
            )
            .at(site.file, self.span(&site), "ids are kebab-case")
            .note("ids use lower-case letters, digits and single hyphens: `us-gov`, `hrw-2020`");
            if !suggestion.is_empty() {
                diagnostic = diagnostic.help(format!("write `{suggestion}`"));
            }
            self.errors.push(diagnostic);
        }
    }

    /// Reports `id`, of `kind` at `site`, as taken by the `first_kind` at `first_site`.
    fn report_duplicate(
        &mut self,
        id: &str,
        kind: IdKind,
        site: Site,
        first_kind: IdKind,
        first_site: Site,
    ) {
        let message = if first_kind == kind {
            format!("the {} id `{id}` is defined twice", kind.noun())
        } else {
            format!(
                "the id `{id}` is used by {} and by {}",
                first_kind.with_article(),
                kind.with_article()
            )
        };
        let diagnostic = Diagnostic::error("duplicate-id", message)
            .at(site.file, self.span(&site), "defined again here")
            .also(
                first_site.file,
                self.span(&first_site),
                format!("first defined here, as {}", first_kind.with_article()),
            )
            .help("ids are unique across the whole map; rename one of them");
        self.errors.push(diagnostic);
    }

    /// Resolves a reference: `lookup` is the index found for `id` among the ids of `kind`
    /// (`known`, used only for the hint). Reports a missing or mistyped reference.
    fn resolve<'k>(
        &mut self,
        map: &Map,
        id: &str,
        kind: IdKind,
        known: impl IntoIterator<Item = &'k str>,
        lookup: Option<usize>,
        site: &Site,
    ) -> Option<usize> {
        if lookup.is_some() {
            return lookup;
        }
        if self.broken_ids.contains(id) {
            return None; // already reported where that record is written
        }
        let span = self.span(site);
        let diagnostic = match self.defined(map, id) {
            Some((other_kind, other_site)) if other_kind != kind => Diagnostic::error(
                "wrong-reference-kind",
                format!(
                    "`{id}` is {}, not {}",
                    other_kind.with_article(),
                    kind.with_article()
                ),
            )
            .at(
                site.file,
                span,
                format!("`{}` needs {}", site.field, kind.with_article()),
            )
            .also(other_site.file, self.span(&other_site), "defined here")
            .help(match (site.field, other_kind) {
                ("undercuts", IdKind::Claim) => {
                    "`undercuts` attacks a relation; to attack the claim itself, use `rebuts`"
                        .to_owned()
                }
                _ => format!("give the id of {}", kind.with_article()),
            }),
            _ => {
                let diagnostic =
                    Diagnostic::error("unknown-reference", format!("no {} `{id}`", kind.noun()))
                        .at(site.file, span, format!("unknown {}", kind.noun()));
                // Each search compares the id with every known one: on a big map with many
                // misspellings that is quadratic, so the comparisons are budgeted, and past
                // the budget the hint says what to do without a suggestion.
                let mut compared = 0usize;
                let best = if self.suggestion_budget > 0 {
                    crate::suggest::closest(id, known.into_iter().inspect(|_| compared += 1))
                } else {
                    None
                };
                self.suggestion_budget = self.suggestion_budget.saturating_sub(compared);
                match best {
                    Some(best) => diagnostic.help(format!("did you mean `{best}`?")),
                    None => diagnostic.help(format!(
                        "define {} with `id: \"{id}\"`, or fix the spelling",
                        kind.with_article()
                    )),
                }
            }
        };
        self.errors.push(diagnostic);
        None
    }

    fn date(&mut self, text: Option<&str>, site: Site) -> Option<Date> {
        let text = text?;
        match Date::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                let diagnostic = Diagnostic::error("bad-date", message)
                    .at(site.file, self.span(&site), "not a valid date")
                    .help("write dates as \"YYYY-MM-DD\", e.g. \"2020-09-18\"");
                self.errors.push(diagnostic);
                None
            }
        }
    }
}

fn origin<T>(record: &Record<T>) -> Origin {
    Origin {
        file: record.file,
        span: record.span.clone(),
    }
}

/// Resolves and checks all records (their strings borrowed from the files' `texts`). Returns
/// the map (without its files, which the caller adds), the errors and the warnings. When the
/// `records` are not `complete` (some could not be read), only the warnings about a record on
/// its own are given, not those that weigh it against the others.
pub(super) fn validate<'a>(
    mut records: Vec<FileRecords<'a>>,
    texts: &[&str],
    batching: Batching,
    complete: bool,
) -> (Map, Vec<Diagnostic>, Vec<Diagnostic>) {
    let total = |count: fn(&FileRecords) -> usize| records.iter().map(count).sum::<usize>();
    let sources = total(|file| file.sources.len());
    let actors = total(|file| file.actors.len());
    let claims = total(|file| file.claims.len());
    // Batches of at most a sixteenth of the claims: their work space (about 100 bytes an id)
    // stays a small part of the memory a map takes.
    let batch =
        (claims >= batching.from_claims).then_some(batching.size.min((claims / 16).max(1024)));
    let mut checker = Checker {
        texts,
        errors: Vec::new(),
        party_ids: Arc::new(Registry::with_capacity(sources + actors)),
        claim_ids: Registry::with_capacity(claims),
        relation_ids: HashMap::new(),
        suggestion_budget: SUGGESTION_BUDGET,
        broken_ids: records
            .iter()
            .flat_map(|file| file.broken_ids.iter().cloned())
            .collect(),
    };
    let mut map = Map::default();
    // Exactly: `reserve` would size the entries to the hash table's capacity, up to 1.75 times
    // the number of claims at 300 bytes each.
    map.sources.reserve_exact(sources);
    map.actors.reserve_exact(actors);
    map.claims.reserve_exact(claims);

    // Each file's records are moved out section by section, and each section's buffer is freed
    // as soon as it is used up: the parsed records and the map never both exist in full.
    let mut all_expectations = Vec::new();
    let mut all_questions = Vec::new();
    for file in &mut records {
        all_expectations.append(&mut file.expectations);
        all_questions.append(&mut file.questions);
    }

    // Sources and actors first: claims refer to them.
    let all_sources = records
        .iter_mut()
        .flat_map(|file| std::mem::take(&mut file.sources));
    for record in all_sources {
        if !checker.define(
            &map,
            &record.doc.id,
            IdKind::Source,
            Site::field(&record, "id"),
        ) {
            continue;
        }
        let date = checker.date(record.doc.date.as_deref(), Site::field(&record, "date"));
        let origin = origin(&record);
        let doc = record.doc;
        let id = doc.id.into_owned();
        map.sources.insert(
            id.clone(),
            Source {
                id,
                title: doc.title.into_owned(),
                publisher: doc.publisher.map(Cow::into_owned),
                authors: owned(doc.authors),
                url: doc.url.map(Cow::into_owned),
                date,
                archive: doc.archive.map(Cow::into_owned),
                origin,
            },
        );
    }
    let mut member_of = Vec::with_capacity(actors);
    let all_actors = records
        .iter_mut()
        .flat_map(|file| std::mem::take(&mut file.actors));
    for record in all_actors {
        if !checker.define(
            &map,
            &record.doc.id,
            IdKind::Actor,
            Site::field(&record, "id"),
        ) {
            continue;
        }
        let origin = origin(&record);
        let site = Site::field(&record, "member_of");
        let doc: ActorRecord<Text<'_>> = record.doc;
        member_of.push(doc.member_of.map(|parent| (parent, site)));
        let id = doc.id.into_owned();
        map.actors.insert(
            id.clone(),
            Actor {
                id,
                name: doc.name.into_owned(),
                kind: doc.kind,
                member_of: None,
                role: doc.role.map(Cow::into_owned),
                note: doc.note.map(Cow::into_owned),
                origin,
            },
        );
    }
    resolve_member_of(&mut checker, &mut map, member_of);

    // Per file, how many relations are written inline (the relations sections are counted
    // apart), before the claims are built: the buffers are sized once. Each claim's actor and
    // source (and whether a source or an actor has its id) are looked up as its file comes
    // ([`ClaimsWithParties`]).
    let mut inline_counts = Vec::with_capacity(records.len());
    for file in &records {
        let lists = |record: &Record<ClaimRecord<Text<'_>>>| {
            let doc = &record.doc;
            doc.supports.len() + doc.rebuts.len() + doc.undercuts.len()
        };
        inline_counts.push(file.claims.iter().map(lists).sum::<usize>());
    }
    let in_sections: usize = records.iter().map(|file| file.relations.len()).sum();
    let relations = inline_counts.iter().sum::<usize>() + in_sections;

    // All claims are added before any reference to a claim is resolved, so that a reference may
    // point forward or into another file. A claim's inline relations are made at once, in their
    // final order (per file: its claims' relations, then its `relations` section), with their
    // target when it is already known (a claim written before); the others wait, with the
    // target's id as written, until every claim is defined ([`Waiting`]).
    //
    // Usually every `relations` section is in a file after the last one with inline relations,
    // and all inline relations go straight into one buffer, which becomes the map's: each
    // relation is written once, and the memory the map keeps is the only memory used. Else
    // each file's inline relations wait in their own buffer, to be put in order below.
    let last_inline = inline_counts.iter().rposition(|&count| count > 0);
    let one_buffer = records
        .iter()
        .enumerate()
        .all(|(file, records)| records.relations.is_empty() || Some(file) >= last_inline);
    let mut inline: Vec<Option<FileRelations<'a>>> = if one_buffer {
        vec![Some(FileRelations::with_capacity(relations))]
    } else {
        inline_counts
            .iter()
            .map(|&count| Some(FileRelations::with_capacity(count)))
            .collect()
    };
    let buffer_of = |file: usize| if one_buffer { 0 } else { file };
    let mut unresolved = Vec::new();
    // The sources' dates side by side (4 bytes each): a claim without a date of its own takes
    // its source's, and on a big map reading it from the source record is a cache miss.
    let source_dates: Vec<Option<Date>> = map.sources.values().map(|source| source.date).collect();
    let files_claims: Vec<FileClaims<'a>> = records
        .iter_mut()
        .map(|file| std::mem::take(&mut file.claims))
        .collect();
    let lookups = PartyLookups {
        registry: Arc::clone(&checker.party_ids),
        keys: Arc::new(PartyKeys::of(&map)),
        batched: batch.is_some(),
    };
    // On a map of a few thousand claims in several files, the parties of each file's claims are
    // looked up on another thread while the claims before are added here.
    let helper = claims >= batching.parties_ahead_from && files_claims.len() >= 2;
    std::thread::scope(|scope| {
        let (claims_with_parties, handle) =
            ClaimsWithParties::new(scope, files_claims, lookups, helper);
        for (record, claim_parties) in claims_with_parties {
            let id_site = Site::field(&record, "id");
            if !checker.define_claim(&map, &record.doc.id, id_site, claim_parties) {
                continue;
            }
            let origin = origin(&record);
            let doc = record.doc;
            let claim = ClaimIx::new(map.claims.len());
            // Every source and actor is known by now: a claim whose actor, source, `about` and date
            // are all fine is complete at once. Any other keeps them, as written, for the checks
            // (and messages) that need every claim defined. Placeholders until then; they stay
            // only when an error was reported, and the map is then discarded.
            let quick = quick_refs(&checker, &map, &source_dates, &doc, claim_parties);
            let complete = quick.is_some();
            let (actor, source, about, date) =
                quick.unwrap_or((ActorIx(0), SourceIx(0), Vec::new(), None));
            let buffer = buffer_of(origin.file.index());
            let lists = [
                (RelationKind::Supports, doc.supports),
                (RelationKind::Rebuts, doc.rebuts),
                (RelationKind::Undercuts, doc.undercuts),
            ];
            let id = doc.id.into_owned();
            // Inserted before its relations are made: a claim may relate to itself (an error
            // reported below), and the registry compares long ids with the map's copy. The map
            // finds a claim id defined twice: one probe of its table, where a lookup first
            // would make two.
            let (index, first) = map.claims.insert_full(
                id.clone(),
                Claim {
                    id,
                    actor,
                    text: doc.text.into_owned(),
                    quote: doc.quote.map(Cow::into_owned),
                    source,
                    date,
                    tags: owned(doc.tags),
                    about,
                    note: doc.note.map(Cow::into_owned),
                    origin,
                },
            );
            if let Some(first) = first {
                let first_site = Site::at(&first.origin, "id");
                // The first definition stays.
                let again = std::mem::replace(&mut map.claims[index], first);
                checker.report_duplicate(
                    &again.id,
                    IdKind::Claim,
                    id_site,
                    IdKind::Claim,
                    first_site,
                );
                continue;
            }
            let id = &map.claims[index].id;
            match batch {
                Some(_) => checker.claim_ids.insert_later(id, IdKind::Claim, index),
                None => checker.claim_ids.insert_at(&map, id, IdKind::Claim, index),
            }
            if !complete {
                unresolved.push((
                    claim,
                    UnresolvedRefs {
                        actor: doc.actor,
                        source: doc.source,
                        about: doc.about,
                        date: doc.date,
                    },
                ));
            }
            if batch.is_some_and(|batch| checker.claim_ids.pending() >= batch) {
                checker.claim_ids.flush(&map);
            }
            let origin = &map.claim(claim).origin;
            let Some(Some(relations)) = inline.get_mut(buffer) else {
                continue;
            };
            // Looked up now on a small map, else with the batch.
            let now = batch.is_none().then_some(&map);
            for (kind, targets) in lists {
                for (i, target_id) in targets.into_iter().enumerate() {
                    relations.push(&checker, now, claim, kind, offset32(i), target_id, origin);
                }
            }
            // Only the success of a lookup is used: it has no side effects (no message, no hint
            // budget), so looking up now, in a batch or later is the same, and a target not found
            // (yet) is simply resolved later, in the order the relations were written.
            if batch.is_some_and(|batch| relations.batch.len() >= batch) {
                checker.claim_ids.flush(&map);
                relations.look_up_batch(&checker, &map);
            }
        }
        if let Some(Err(panic)) = handle.map(std::thread::ScopedJoinHandle::join) {
            std::panic::resume_unwind(panic);
        }
    });
    checker.claim_ids.flush(&map);
    for buffer in inline.iter_mut().flatten() {
        buffer.finish(&checker, &map);
    }

    let mut relations = Relations {
        waiting: Vec::new(),
        elements: Vec::new(),
        capacity: relations,
    };
    let mut unresolved = unresolved.into_iter().peekable();
    for (file_index, file) in records.into_iter().enumerate() {
        // This file's claims (the references that did not resolve at once, then the inline
        // relations), then its `relations` section.
        while let Some((claim, refs)) =
            unresolved.next_if(|(claim, _)| map.claim(*claim).origin.file.index() == file_index)
        {
            resolve_claim_refs(&mut checker, &mut map, refs, claim);
        }
        if let Some(buffer) = inline.get_mut(buffer_of(file_index)).and_then(Option::take) {
            relations.append(&mut map, buffer);
        }
        section_relations(&mut checker, &mut map, file.relations, &mut relations);
    }
    resolve_relations(&mut checker, &mut map, relations);
    resolve_questions(&mut checker, &mut map, all_questions);
    resolve_expectations(&mut checker, &mut map, all_expectations);

    let warnings = if checker.errors.is_empty() {
        warnings(&map, texts, complete)
    } else {
        Vec::new()
    };
    (map, checker.errors, warnings)
}

/// The owned strings of a list, for the map (in place: a `Cow<str>` is the size of a `String`).
fn owned(list: Vec<Text<'_>>) -> Vec<String> {
    list.into_iter().map(Cow::into_owned).collect()
}

/// A relation whose target is not known yet: written before its target claim, an undercut
/// (relation ids are known only once every section is read), or a mistake. Its place in
/// [`Map::relations`] holds a placeholder target until [`resolve_relations`].
struct Waiting<'a> {
    /// The relation's place: in its file's inline relations, then in [`Map::relations`].
    position: u32,
    target_id: Text<'a>,
    /// The claim that makes the relation (`None` when a section record's `from` is unknown).
    from: Option<ClaimIx>,
}

/// A support or rebuttal waiting in [`FileRelations::batch`] for its target to be looked up
/// with others.
struct BatchedTarget<'a> {
    /// The relation's place in [`FileRelations::relations`].
    position: u32,
    /// The target's id when longer than [`SHORT`](super::ids::SHORT) (a short one is in the [`Lookup`]).
    long_id: Option<Text<'a>>,
}

/// How validation finds ids: on a small map one at a time, in the order they are written (its
/// tables fit in a core's caches); on a big map in batches, in the order of the tables
/// ([`Registry::get_batch`], [`Registry::flush`]), where one at a time each lookup would wait
/// for memory. Which path is taken never changes a result (`load::batch_tests`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Batching {
    /// From how many claims on ids are found in batches (the claims' table is then a
    /// megabyte or more).
    pub(super) from_claims: usize,
    /// At most how many ids are found together (a few megabytes of work space; fewer on a map
    /// of less than a million claims).
    pub(super) size: usize,
    /// From how many claims (in several files) the claims' actors and sources are looked up on
    /// another thread, a file ahead of the claims being added ([`ClaimsWithParties`]).
    pub(super) parties_ahead_from: usize,
}

impl Batching {
    pub(super) const DEFAULT: Batching = Batching {
        from_claims: 1 << 15,
        size: 1 << 16,
        parties_ahead_from: 2048,
    };
}

/// The inline relations of one file's claims (or of all files), in order, until their turn.
struct FileRelations<'a> {
    relations: Vec<Relation>,
    /// Each relation's index in its claim's list.
    elements: Vec<u32>,
    /// In the order of their positions once [`FileRelations::finish`] is done.
    waiting: Vec<Waiting<'a>>,
    /// On a big map ([`Batching`]), the targets of supports and rebuttals, looked up a batch
    /// at a time in the order of the table ([`Registry::get_batch`]), with the relations they
    /// belong to.
    batch: Vec<Lookup>,
    batched: Vec<BatchedTarget<'a>>,
}

impl<'a> FileRelations<'a> {
    fn with_capacity(capacity: usize) -> FileRelations<'a> {
        FileRelations {
            relations: Vec::with_capacity(capacity),
            elements: Vec::with_capacity(capacity),
            waiting: Vec::new(),
            batch: Vec::new(),
            batched: Vec::new(),
        }
    }

    /// Looks up the targets in [`FileRelations::batch`]; those not found wait. Call it when
    /// the batch is full, with [`Checker::claim_ids`] flushed.
    fn look_up_batch(&mut self, checker: &Checker<'_>, map: &Map) {
        let batched = &self.batched;
        let found = checker.claim_ids.get_batch(map, &self.batch, |i| {
            batched[i].long_id.as_deref().unwrap_or_default()
        });
        let lookups = self.batch.drain(..).zip(self.batched.drain(..));
        for ((lookup, target), found) in lookups.zip(found) {
            let relation = &mut self.relations[target.position as usize];
            match found.filter(|entry| entry.kind == IdKind::Claim) {
                Some(entry) => relation.target = Target::Claim(ClaimIx(entry.index)),
                None => self.waiting.push(Waiting {
                    position: target.position,
                    target_id: target.long_id.unwrap_or_else(|| {
                        Cow::Owned(lookup.id.as_str().unwrap_or_default().to_owned())
                    }),
                    from: Some(relation.from),
                }),
            }
        }
    }

    /// Looks up the last targets (call it once every claim is in `map`).
    fn finish(&mut self, checker: &Checker<'_>, map: &Map) {
        self.look_up_batch(checker, map);
        self.waiting
            .sort_unstable_by_key(|waiting| waiting.position);
    }

    /// Adds the relation `from` → `target_id` written at `element` of `from`'s `kind` list. Its
    /// target is looked up `now` in `map` when given, else with the batch
    /// ([`FileRelations::look_up_batch`]); an undercut's waits, as relation ids are known only
    /// once every section is read.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        checker: &Checker<'_>,
        now: Option<&Map>,
        from: ClaimIx,
        kind: RelationKind,
        element: u32,
        target_id: Text<'a>,
        origin: &Origin,
    ) {
        let position = offset32(self.relations.len());
        let mut target = ClaimIx(0); // a placeholder until looked up
        match (kind, now) {
            (RelationKind::Undercuts, _) => self.waiting.push(Waiting {
                position,
                target_id,
                from: Some(from),
            }),
            (_, Some(map)) => match checker.lookup(map, &target_id, IdKind::Claim) {
                Some(found) => target = ClaimIx::new(found),
                None => self.waiting.push(Waiting {
                    position,
                    target_id,
                    from: Some(from),
                }),
            },
            (RelationKind::Supports | RelationKind::Rebuts, None) => {
                let id = InlineId::new(&target_id);
                self.batch.push(Lookup {
                    hash: checker.claim_ids.hash(&target_id),
                    id,
                    index: offset32(self.batched.len()),
                });
                self.batched.push(BatchedTarget {
                    position,
                    long_id: id.get().is_none().then_some(target_id),
                });
            }
        }
        self.relations.push(Relation {
            id: None,
            from,
            kind,
            target: Target::Claim(target),
            note: None,
            origin: origin.clone(),
        });
        self.elements.push(element);
    }
}

/// What [`resolve_relations`] needs besides [`Map::relations`] (which holds placeholder targets
/// for the relations that wait).
struct Relations<'a> {
    /// In the order of their positions.
    waiting: Vec<Waiting<'a>>,
    /// Each relation's index in its claim's list (`u32::MAX` in a section), for locating it.
    elements: Vec<u32>,
    /// How many relations there are at most.
    capacity: usize,
}

impl<'a> Relations<'a> {
    /// Moves inline relations to the end of the map's: the first buffer becomes the map's.
    fn append(&mut self, map: &mut Map, mut file: FileRelations<'a>) {
        let base = map.relations.len();
        if base == 0 && map.relations.capacity() < file.relations.capacity() {
            map.relations = std::mem::take(&mut file.relations);
            self.elements = std::mem::take(&mut file.elements);
        }
        self.reserve(map);
        self.waiting
            .extend(file.waiting.into_iter().map(|waiting| Waiting {
                position: offset32(base + waiting.position as usize),
                ..waiting
            }));
        map.relations.append(&mut file.relations);
        self.elements.append(&mut file.elements);
    }

    /// Makes room for every relation, once.
    fn reserve(&mut self, map: &mut Map) {
        let missing = self.capacity.saturating_sub(map.relations.len());
        map.relations.reserve_exact(missing);
        self.elements.reserve_exact(missing);
    }
}

/// A claim's references to actors and sources, and its date, as written, when one of them did
/// not resolve at once.
struct UnresolvedRefs<'a> {
    actor: Text<'a>,
    source: Text<'a>,
    about: Vec<Text<'a>>,
    date: Option<Text<'a>>,
}

/// A claim's actor and source, looked up ahead ([`Parties::NOT_FOUND`] when not found), and
/// whether its id is taken by a source or an actor.
#[derive(Clone, Copy)]
struct Parties {
    actor: u32,
    source: u32,
    id_taken: bool,
}

impl Parties {
    const NOT_FOUND: u32 = u32::MAX;
}

/// How many claims [`look_up_parties`] takes at a time: their ids fill about half of a core's
/// second-level cache.
const PARTY_CHUNK: usize = 4096;

/// For each claim record, [`Parties`]: its id, actor and source looked up among the sources and
/// actors, [`PARTY_CHUNK`] claims at a time, in [`Registry::in_probe_order`](super::ids::Registry::in_probe_order). There are far fewer
/// sources and actors than claims, but on a big map their table is still much larger than a
/// core's own caches, and lookups in the order the claims are written would each wait for
/// memory; in table order a chunk's lookups sweep the table once.
fn look_up_parties<'r, 'a: 'r>(
    registry: &Registry,
    map: &impl Keys,
    records: impl Iterator<Item = &'r Record<ClaimRecord<Text<'a>>>>,
    claims: usize,
    batched: bool,
) -> Vec<Parties> {
    let mut parties = Vec::with_capacity(claims);
    let index = |entry: Option<Entry>, kind| {
        entry
            .filter(|entry| entry.kind == kind)
            .map_or(Parties::NOT_FOUND, |entry| entry.index)
    };
    if !batched {
        parties.extend(records.map(|record| {
            let doc = &record.doc;
            Parties {
                id_taken: registry.get(map, &doc.id).is_some(),
                actor: index(registry.get(map, &doc.actor), IdKind::Actor),
                source: index(registry.get(map, &doc.source), IdKind::Source),
            }
        }));
        return parties;
    }
    let mut ids: Vec<&'r str> = Vec::with_capacity(3 * PARTY_CHUNK);
    let mut lookups: Vec<Lookup> = Vec::with_capacity(3 * PARTY_CHUNK);
    let mut records = records.peekable();
    while records.peek().is_some() {
        ids.clear();
        lookups.clear();
        for record in records.by_ref().take(PARTY_CHUNK) {
            let doc = &record.doc;
            for id in [&doc.id, &doc.actor, &doc.source] {
                lookups.push(Lookup {
                    hash: registry.hash(id),
                    id: InlineId::new(id),
                    index: offset32(ids.len()),
                });
                ids.push(id);
            }
        }
        let found = registry.get_batch(map, &lookups, |i| ids[i]);
        parties.extend(found.chunks_exact(3).map(|claim| Parties {
            id_taken: claim[0].is_some(),
            actor: index(claim[1], IdKind::Actor),
            source: index(claim[2], IdKind::Source),
        }));
    }
    parties
}

/// What [`look_up_parties`] needs, owned, to run on another thread.
#[derive(Clone)]
struct PartyLookups {
    registry: Arc<Registry>,
    keys: Arc<PartyKeys>,
    batched: bool,
}

impl PartyLookups {
    fn of<'a>(&self, records: &[Record<ClaimRecord<Text<'a>>>]) -> Vec<Parties> {
        look_up_parties(
            &self.registry,
            &*self.keys,
            records.iter(),
            records.len(),
            self.batched,
        )
    }
}

/// Every claim record, file after file, with its [`Parties`]: looked up here, file by file, or
/// on a helper thread that runs ahead (files go to it whole, and come back with their parties,
/// in order).
struct ClaimsWithParties<'a> {
    current: std::iter::Zip<
        std::vec::IntoIter<Record<ClaimRecord<Text<'a>>>>,
        std::vec::IntoIter<Parties>,
    >,
    next: NextFile<'a>,
}

/// Where [`ClaimsWithParties`] gets the next file's claims and parties.
enum NextFile<'a> {
    Here(std::vec::IntoIter<FileClaims<'a>>, PartyLookups),
    Helper(std::sync::mpsc::Receiver<(FileClaims<'a>, Vec<Parties>)>),
}

type ClaimsHandle<'scope> = std::thread::ScopedJoinHandle<'scope, ()>;

impl<'a> ClaimsWithParties<'a> {
    /// The claims of `files`, with a helper thread (spawned in `scope`) when `helper` is set and
    /// a thread is to be had; its handle, to be joined once the claims are taken.
    fn new<'scope, 'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        files: Vec<FileClaims<'a>>,
        lookups: PartyLookups,
        helper: bool,
    ) -> (Self, Option<ClaimsHandle<'scope>>)
    where
        'a: 'scope,
    {
        let with = |next| ClaimsWithParties {
            current: Vec::new().into_iter().zip(Vec::new()),
            next,
        };
        if !helper {
            return (with(NextFile::Here(files.into_iter(), lookups)), None);
        }
        let (to_helper, from_here) = std::sync::mpsc::channel::<FileClaims<'a>>();
        let (to_here, from_helper) = std::sync::mpsc::channel();
        let for_helper = lookups.clone();
        let spawned = std::thread::Builder::new()
            .name("parties".to_owned())
            .spawn_scoped(scope, move || {
                for records in from_here {
                    let parties = for_helper.of(&records);
                    // The receiver is gone only when the claims are no longer wanted.
                    if to_here.send((records, parties)).is_err() {
                        break;
                    }
                }
            });
        let Ok(handle) = spawned else {
            // No thread to be had: everything is looked up here.
            return (with(NextFile::Here(files.into_iter(), lookups)), None);
        };
        for records in files {
            // The helper stops early only when it panics, which joining it passes on.
            if to_helper.send(records).is_err() {
                break;
            }
        }
        (with(NextFile::Helper(from_helper)), Some(handle))
    }
}

impl<'a> Iterator for ClaimsWithParties<'a> {
    type Item = (Record<ClaimRecord<Text<'a>>>, Parties);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(claim) = self.current.next() {
                return Some(claim);
            }
            let (records, parties) = match &mut self.next {
                NextFile::Here(files, lookups) => {
                    let records = files.next()?;
                    let parties = lookups.of(&records);
                    (records, parties)
                }
                // Ends early only when the helper panicked, which joining it passes on.
                NextFile::Helper(receiver) => receiver.recv().ok()?,
            };
            self.current = records.into_iter().zip(parties);
        }
    }
}

/// A claim's actor, source, `about` and date, when every one of them is fine.
fn quick_refs(
    checker: &Checker<'_>,
    map: &Map,
    source_dates: &[Option<Date>],
    doc: &ClaimRecord<Text<'_>>,
    parties: Parties,
) -> Option<(ActorIx, SourceIx, Vec<ActorIx>, Option<Date>)> {
    let found = |index| (index != Parties::NOT_FOUND).then_some(index);
    let actor = ActorIx(found(parties.actor)?);
    let source = SourceIx(found(parties.source)?);
    let about = doc
        .about
        .iter()
        .map(|id| checker.lookup(map, id, IdKind::Actor).map(ActorIx::new))
        .collect::<Option<Vec<_>>>()?;
    let date = match &doc.date {
        Some(text) => Some(Date::parse(text).ok()?),
        None => source_dates.get(source.index()).copied().flatten(),
    };
    Some((actor, source, about, date))
}

/// Resolves a claim's actor, source, `about` and date, reporting each one that is wrong.
fn resolve_claim_refs(
    checker: &mut Checker<'_>,
    map: &mut Map,
    pending: UnresolvedRefs<'_>,
    claim: ClaimIx,
) {
    let origin = map.claim(claim).origin.clone();
    let site = |field| Site::at(&origin, field);
    let element = |field, index| Site {
        element: offset32(index),
        ..Site::at(&origin, field)
    };
    let actor = checker.resolve(
        map,
        &pending.actor,
        IdKind::Actor,
        map.actors.keys().map(String::as_str),
        checker.lookup(map, &pending.actor, IdKind::Actor),
        &site("actor"),
    );
    let source = checker.resolve(
        map,
        &pending.source,
        IdKind::Source,
        map.sources.keys().map(String::as_str),
        checker.lookup(map, &pending.source, IdKind::Source),
        &site("source"),
    );
    let mut about = Vec::with_capacity(pending.about.len());
    for (i, id) in pending.about.iter().enumerate() {
        let resolved = checker.resolve(
            map,
            id,
            IdKind::Actor,
            map.actors.keys().map(String::as_str),
            checker.lookup(map, id, IdKind::Actor),
            &element("about", i),
        );
        about.extend(resolved.map(ActorIx::new));
    }
    let written_date = checker.date(pending.date.as_deref(), site("date"));
    let source = source.map(SourceIx::new);
    let date = written_date.or_else(|| source.and_then(|s| map.source(s).date));
    let resolved = &mut map.claims[claim.index()];
    if let Some(actor) = actor {
        resolved.actor = ActorIx::new(actor);
    }
    if let Some(source) = source {
        resolved.source = source;
    }
    resolved.about = about;
    resolved.date = date;
}

fn resolve_member_of(
    checker: &mut Checker<'_>,
    map: &mut Map,
    member_of: Vec<Option<(Text<'_>, Site)>>,
) {
    let mut sites = Vec::with_capacity(member_of.len());
    for (position, entry) in member_of.into_iter().enumerate() {
        let Some((parent_id, site)) = entry else {
            sites.push(None);
            continue;
        };
        if parent_id == map.actors[position].id {
            let diagnostic = Diagnostic::error(
                "member-of-cycle",
                format!("actor `{parent_id}` is a member of itself"),
            )
            .at(site.file, checker.span(&site), "points back at this actor")
            .help("remove `member_of`, or name the organisation it belongs to");
            checker.errors.push(diagnostic);
            sites.push(None);
            continue;
        }
        let parent = checker.resolve(
            map,
            &parent_id,
            IdKind::Actor,
            map.actors.keys().map(String::as_str),
            checker.lookup(map, &parent_id, IdKind::Actor),
            &site,
        );
        map.actors[position].member_of = parent.map(ActorIx::new);
        sites.push(Some(site));
    }
    // Cycles: walk up from every actor; colour 1 = on the current path, 2 = known acyclic.
    let mut colour = vec![0u8; map.actors.len()];
    for start in 0..map.actors.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(actor) = current {
            match colour[actor] {
                2 => break,
                1 => {
                    let cycle_start = path.iter().position(|&a| a == actor).unwrap_or(0);
                    let mut cycle: Vec<usize> = path[cycle_start..].to_vec();
                    // Start the report at the earliest actor, for stable output.
                    let first = cycle.iter().copied().min().unwrap_or(actor);
                    let rotation = cycle.iter().position(|&a| a == first).unwrap_or(0);
                    cycle.rotate_left(rotation);
                    cycle.push(first);
                    let names: Vec<&str> =
                        cycle.iter().map(|&a| map.actors[a].id.as_str()).collect();
                    if let Some(Some(site)) = sites.get(first) {
                        let diagnostic = Diagnostic::error(
                            "member-of-cycle",
                            format!("`member_of` goes round in a circle: {}", names.join(" → ")),
                        )
                        .at(site.file, checker.span(site), "part of the cycle")
                        .help("an actor cannot belong, even indirectly, to one of its own members");
                        checker.errors.push(diagnostic);
                    }
                    break;
                }
                _ => {
                    colour[actor] = 1;
                    path.push(actor);
                    current = map.actors[actor].member_of.map(ActorIx::index);
                }
            }
        }
        for actor in path {
            colour[actor] = 2;
        }
    }
}

/// The records of a `relations` section join the map's relations; their targets wait.
fn section_relations<'a>(
    checker: &mut Checker<'_>,
    map: &mut Map,
    records: Vec<Record<RelationRecord<Text<'a>>>>,
    relations: &mut Relations<'a>,
) {
    for record in records {
        let doc = &record.doc;
        let written: Vec<(&'static str, RelationKind, &Text<'a>)> = [
            ("supports", RelationKind::Supports, doc.supports.as_ref()),
            ("rebuts", RelationKind::Rebuts, doc.rebuts.as_ref()),
            ("undercuts", RelationKind::Undercuts, doc.undercuts.as_ref()),
        ]
        .into_iter()
        .filter_map(|(field, kind, target)| target.map(|t| (field, kind, t)))
        .collect();
        let (field, kind, target) = match written.as_slice() {
            [one] => *one,
            [] => {
                let diagnostic = Diagnostic::error(
                    "relation-without-kind",
                    "this relation does not say how it relates",
                )
                .at(
                    record.file,
                    record.span.clone(),
                    "no `supports`, `rebuts` or `undercuts`",
                )
                .help(
                    "add one of `supports: \"claim-id\"`, `rebuts: \"claim-id\"`, \
                     `undercuts: \"relation-id\"`",
                );
                checker.errors.push(diagnostic);
                continue;
            }
            [first, second, ..] => {
                let (second_site, first_site) = (
                    Site::field(&record, second.0),
                    Site::field(&record, first.0),
                );
                let diagnostic = Diagnostic::error(
                    "relation-with-several-kinds",
                    format!(
                        "this relation is written both as `{}` and as `{}`",
                        first.0, second.0
                    ),
                )
                .at(record.file, checker.span(&second_site), "second kind")
                .also(record.file, checker.span(&first_site), "first kind")
                .help("a relation record has exactly one kind; write one record per relation");
                checker.errors.push(diagnostic);
                continue;
            }
        };
        if let Some(id) = &doc.id {
            if !checker.define(map, id, IdKind::Relation, Site::field(&record, "id")) {
                continue;
            }
        }
        let from = checker
            .resolve(
                map,
                &doc.from,
                IdKind::Claim,
                map.claims.keys().map(String::as_str),
                checker.lookup(map, &doc.from, IdKind::Claim),
                &Site::field(&record, "from"),
            )
            .map(ClaimIx::new);
        debug_assert_eq!(field, kind.as_str());
        let target_id = target.clone();
        let origin = origin(&record);
        relations.reserve(map);
        relations.waiting.push(Waiting {
            position: offset32(map.relations.len()),
            target_id,
            from,
        });
        relations.elements.push(u32::MAX);
        map.relations.push(Relation {
            id: record.doc.id.map(Cow::into_owned),
            // Placeholders until resolved.
            from: from.unwrap_or(ClaimIx(0)),
            kind,
            target: Target::Claim(ClaimIx(0)),
            note: record.doc.note.map(Cow::into_owned),
            origin,
        });
    }
}

/// Resolves the targets that wait, in the order the relations are written, and checks every
/// relation: no claim relates to itself, no relation is stated twice, undercuts end at a claim.
fn resolve_relations(checker: &mut Checker<'_>, map: &mut Map, relations: Relations<'_>) {
    let relation_positions: HashMap<String, usize> = map
        .relations
        .iter()
        .enumerate()
        .filter_map(|(i, relation)| relation.id.as_ref().map(|id| (id.clone(), i)))
        .collect();
    let Relations {
        waiting, elements, ..
    } = relations;
    let mut resolved = Vec::with_capacity(map.relations.len());
    let mut waiting = waiting.into_iter().peekable();
    // One element per relation.
    for (position, &element) in elements.iter().enumerate() {
        let relation = &map.relations[position];
        let kind = relation.kind;
        let site = &target_site(&relation.origin, kind, element);
        let (from, target) = match waiting.next_if(|w| w.position as usize == position) {
            None => (Some(relation.from), Some(relation.target)),
            Some(waiting) => {
                let target = match kind {
                    RelationKind::Undercuts => checker
                        .resolve(
                            map,
                            &waiting.target_id,
                            IdKind::Relation,
                            // In written order, so that of two ids as close to the typo, the
                            // hint names the first, on every run.
                            map.relations.iter().filter_map(|r| r.id.as_deref()),
                            relation_positions.get(waiting.target_id.as_ref()).copied(),
                            site,
                        )
                        .map(|ix| Target::Relation(RelationIx::new(ix))),
                    _ => checker
                        .resolve(
                            map,
                            &waiting.target_id,
                            IdKind::Claim,
                            map.claims.keys().map(String::as_str),
                            checker.lookup(map, &waiting.target_id, IdKind::Claim),
                            site,
                        )
                        .map(|ix| Target::Claim(ClaimIx::new(ix))),
                };
                (waiting.from, target)
            }
        };
        let ok = match (from, target) {
            (Some(from), Some(target)) => {
                let error = if target == Target::Claim(from) {
                    Some(
                        Diagnostic::error(
                            "self-relation",
                            format!("claim `{}` {} itself", map.claim(from).id, kind),
                        )
                        .at(site.file, checker.span(site), "the claim's own id")
                        .help("a claim can only support or rebut another claim"),
                    )
                } else if target == Target::Relation(RelationIx::new(position)) {
                    Some(
                        Diagnostic::error("self-relation", "this relation undercuts itself")
                            .at(site.file, checker.span(site), "its own id")
                            .help("an undercut attacks another relation"),
                    )
                } else {
                    None
                };
                let ok = error.is_none();
                checker.errors.extend(error);
                ok
            }
            _ => false,
        };
        resolved.push(ok);
        // Placeholders only when an error was reported: the map is then discarded.
        if let Some(target) = target {
            map.relations[position].target = target;
        }
    }
    report_duplicates(checker, map, &mut resolved, &elements);
    // Undercut chains must end at a claim.
    for start in 0..map.relations.len() {
        if !resolved[start] {
            continue;
        }
        let mut visited = HashSet::new();
        let mut current = start;
        while let Target::Relation(next) = map.relations[current].target {
            if !resolved[current] || !visited.insert(current) {
                break;
            }
            // Report each cycle once, at its first relation.
            if next.index() == start && visited.iter().all(|&member| member >= start) {
                let relation = &map.relations[start];
                checker.errors.push(
                    Diagnostic::error("undercut-cycle", "undercuts go round in a circle")
                        .at(
                            relation.origin.file,
                            relation.origin.span.clone(),
                            "this undercut is attacked by the relation it attacks, directly or not",
                        )
                        .help(
                            "an undercut must, in the end, attack a support or rebuttal between \
                             claims",
                        ),
                );
                break;
            }
            current = next.index();
        }
    }
}

/// Reports every relation stated twice (same claim, kind and target), at the second statement,
/// and marks it unresolved. The relations from one claim are grouped by a counting sort on
/// `from`, which keeps their order, and compared within the group: 12 bytes per relation,
/// where a hash set of every relation took over 50.
fn report_duplicates(
    checker: &mut Checker<'_>,
    map: &Map,
    resolved: &mut [bool],
    elements: &[u32],
) {
    let mut start = vec![0u32; map.claims.len() + 1];
    for (relation, &ok) in map.relations.iter().zip(resolved.iter()) {
        if ok {
            start[relation.from.index() + 1] += 1;
        }
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut next = start.clone();
    let mut order = vec![0u32; start.last().map_or(0, |&n| n as usize)];
    for (position, relation) in map.relations.iter().enumerate() {
        if resolved[position] {
            let slot = &mut next[relation.from.index()];
            order[*slot as usize] = offset32(position);
            *slot += 1;
        }
    }
    drop(next);
    let key = |position: u32| {
        let relation = &map.relations[position as usize];
        (relation.kind, relation.target)
    };
    let mut duplicates = Vec::new();
    let mut sorted = Vec::new();
    for claim in 0..map.claims.len() {
        let group = &order[start[claim] as usize..start[claim + 1] as usize];
        if group.len() <= 16 {
            // The usual one to three: compare each with the ones before it; the earliest equal
            // one is the first statement.
            for (j, &second) in group.iter().enumerate().skip(1) {
                if let Some(&first) = group[..j].iter().find(|&&first| key(first) == key(second)) {
                    duplicates.push((second, first));
                }
            }
        } else {
            // A hub: sort by (kind, target, position); each run's head is the first statement.
            sorted.clear();
            sorted.extend(group.iter().map(|&position| (key(position), position)));
            sorted.sort_unstable();
            for pair in sorted.chunk_by(|a, b| a.0 == b.0) {
                duplicates.extend(pair[1..].iter().map(|&(_, second)| (second, pair[0].1)));
            }
        }
    }
    for (second, first) in duplicates {
        let (second, first) = (second as usize, first as usize);
        resolved[second] = false;
        let relation = &map.relations[second];
        let site = target_site(&relation.origin, relation.kind, elements[second]);
        let first_relation = &map.relations[first];
        let first_site = target_site(&first_relation.origin, first_relation.kind, elements[first]);
        let target_id = match relation.target {
            Target::Claim(claim) => map.claim(claim).id.as_str(),
            Target::Relation(target) => map.relation(target).id.as_deref().unwrap_or_default(),
        };
        let diagnostic = Diagnostic::error(
            "duplicate-relation",
            format!(
                "claim `{}` {} `{target_id}` twice",
                map.claim(relation.from).id,
                relation.kind
            ),
        )
        .at(site.file, checker.span(&site), "stated again here")
        .also(
            first_site.file,
            checker.span(&first_site),
            "first stated here",
        )
        .help(which_to_keep(map, resolved, first, second));
        checker.errors.push(diagnostic);
    }
}

/// The advice on a relation stated twice (at `first` and `second` in the map's relations): which
/// one to keep. One with an id that an undercut targets must stay (the undercut names it); of
/// one with an id and one without, the one with the id (undercuts can name it).
fn which_to_keep(map: &Map, resolved: &[bool], first: usize, second: usize) -> String {
    let undercut_by = |position: usize| {
        map.relations
            .iter()
            .zip(resolved)
            .find(|(relation, ok)| {
                **ok && relation.target == Target::Relation(RelationIx::new(position))
            })
            .map(|(relation, _)| map.claim(relation.from).id.as_str())
    };
    let id = |position: usize| map.relations[position].id.as_deref();
    match [first, second].map(|position| (id(position), undercut_by(position))) {
        [(Some(a), Some(_)), (Some(b), Some(_))] => format!(
            "both are undercut: keep one (say `{a}`), point the undercuts of `{b}` at it, and \
             remove the other"
        ),
        [(Some(id), Some(claim)), _] | [_, (Some(id), Some(claim))] => format!(
            "keep the one with the id `{id}` (`{claim}` undercuts it), and remove the other"
        ),
        [(Some(id), None), (None, _)] | [(None, _), (Some(id), None)] => {
            format!("remove the one without an id: keep `{id}`, which undercuts can name")
        }
        _ => "remove one of the two".to_owned(),
    }
}

fn resolve_expectations(
    checker: &mut Checker<'_>,
    map: &mut Map,
    records: Vec<Record<ExpectationRecord<Text<'_>>>>,
) {
    for record in records {
        let doc = &record.doc;
        let claim = checker.resolve(
            map,
            &doc.claim,
            IdKind::Claim,
            map.claims.keys().map(String::as_str),
            checker.lookup(map, &doc.claim, IdKind::Claim),
            &Site::field(&record, "claim"),
        );
        let Some(claim) = claim else { continue };
        map.expectations.push(Expectation {
            claim: ClaimIx::new(claim),
            semantics: doc.semantics.into(),
            support: doc.support.into(),
            status: doc.status.into(),
            note: record.doc.note.clone().map(Cow::into_owned),
            origin: origin(&record),
        });
    }
}

/// Adds the questions to `map`, once every other id is known: each id is checked like any other
/// (kebab-case, unique across every kind), each answering claim is resolved (with a hint), and a
/// claim may answer a question once, for or against.
fn resolve_questions(
    checker: &mut Checker<'_>,
    map: &mut Map,
    records: Vec<Record<QuestionRecord<Text<'_>>>>,
) {
    for record in records {
        let id_site = Site::field(&record, "id");
        if !checker.define(map, &record.doc.id, IdKind::Question, id_site) {
            continue;
        }
        // Each answer, and where it is written, by claim.
        let mut answered: HashMap<ClaimIx, Site> = HashMap::new();
        let mut lists = [Vec::new(), Vec::new()];
        let doc = &record.doc;
        for (list, field, ids) in [
            (0, "for", &doc.for_claims),
            (1, "against", &doc.against_claims),
        ] {
            for (element, id) in ids.iter().enumerate() {
                let site = Site {
                    element: super::ids::offset32(element),
                    ..Site::field(&record, field)
                };
                let claim = checker.resolve(
                    map,
                    id,
                    IdKind::Claim,
                    map.claims.keys().map(String::as_str),
                    checker.lookup(map, id, IdKind::Claim),
                    &site,
                );
                let Some(claim) = claim.map(ClaimIx::new) else {
                    continue;
                };
                if let Some(first) = answered.get(&claim) {
                    let both = first.field != field;
                    let diagnostic = if both {
                        Diagnostic::error(
                            "answer-for-and-against",
                            format!(
                                "claim `{id}` answers question `{}` both for and against",
                                doc.id
                            ),
                        )
                        .at(site.file, checker.span(&site), "against it here")
                        .also(first.file, checker.span(first), "for it here")
                        .help(
                            "a claim answers a question one way: keep it in `for` or in `against`",
                        )
                    } else {
                        Diagnostic::error(
                            "duplicate-answer",
                            format!(
                                "claim `{id}` is listed twice in `{field}` of question `{}`",
                                doc.id
                            ),
                        )
                        .at(site.file, checker.span(&site), "listed again here")
                        .also(first.file, checker.span(first), "first listed here")
                        .help("remove one of the two")
                    };
                    checker.errors.push(diagnostic);
                    continue;
                }
                answered.insert(claim, site);
                lists[list].push(claim);
            }
        }
        let [for_claims, against_claims] = lists;
        let origin = origin(&record);
        let doc = record.doc;
        let id = doc.id.into_owned();
        map.questions.insert(
            id.clone(),
            Question {
                id,
                text: doc.text.into_owned(),
                for_claims,
                against_claims,
                note: doc.note.map(Cow::into_owned),
                origin,
            },
        );
    }
}

/// Findings that leave the map valid but look unfinished; when the map is not `complete` (records
/// were left out, and references to them hold placeholders), only those about a claim on its
/// own (a missing quote).
fn warnings(map: &Map, texts: &[&str], complete: bool) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if !complete {
        for claim in map.claims.values() {
            if claim.quote.is_none() {
                warnings.push(missing_quote(claim, texts));
            }
        }
        return warnings;
    }
    let mut related = vec![false; map.claims.len()];
    for relation in &map.relations {
        related[relation.from.index()] = true;
        if let Target::Claim(target) = relation.target {
            related[target.index()] = true;
        }
    }
    let mut actor_used = vec![false; map.actors.len()];
    let mut source_cited = vec![false; map.sources.len()];
    for claim in map.claims.values() {
        actor_used[claim.actor.index()] = true;
        source_cited[claim.source.index()] = true;
        for about in &claim.about {
            actor_used[about.index()] = true;
        }
    }
    for actor in map.actors.values() {
        if let Some(parent) = actor.member_of {
            actor_used[parent.index()] = true;
        }
    }
    for (claim, related) in map.claims.values().zip(&related) {
        let site = Site::at(&claim.origin, "id");
        if claim.quote.is_none() {
            warnings.push(missing_quote(claim, texts));
        }
        if !related {
            warnings.push(
                Diagnostic::warning(
                    "unrelated-claim",
                    format!(
                        "claim `{}` neither supports nor rebuts anything, and nothing relates to it",
                        claim.id
                    ),
                )
                .at(site.file, site.span(texts), "an isolated claim")
                .help("link it with `supports`, `rebuts` or `undercuts`, or remove it"),
            );
        }
    }
    for (actor, used) in map.actors.values().zip(&actor_used) {
        if !used {
            warnings.push(
                Diagnostic::warning(
                    "unused-actor",
                    format!(
                        "actor `{}` makes no claims, no claim is about it, and it has no members",
                        actor.id
                    ),
                )
                .at(actor.origin.file, actor.origin.span.clone(), "unused actor")
                .help("add its claims, or remove it"),
            );
        }
    }
    for (source, cited) in map.sources.values().zip(&source_cited) {
        if !cited {
            warnings.push(
                Diagnostic::warning(
                    "unused-source",
                    format!("no claim cites source `{}`", source.id),
                )
                .at(
                    source.origin.file,
                    source.origin.span.clone(),
                    "unused source",
                )
                .help("add claims from it, or remove it"),
            );
        }
    }
    for question in map.questions.values() {
        if question.for_claims.is_empty() && question.against_claims.is_empty() {
            let site = Site::at(&question.origin, "id");
            warnings.push(
                Diagnostic::warning(
                    "unanswered-question",
                    format!("no claim answers question `{}`", question.id),
                )
                .at(site.file, site.span(texts), "a question without answers")
                .help("list the claims that answer it: `for: [\"...\"], against: [\"...\"]`"),
            );
        }
    }
    warnings
}

/// The warning that `claim` has no quote.
fn missing_quote(claim: &Claim, texts: &[&str]) -> Diagnostic {
    let site = Site::at(&claim.origin, "id");
    Diagnostic::warning(
        "missing-quote",
        format!("claim `{}` has no quote", claim.id),
    )
    .at(site.file, site.span(texts), "no `quote`")
    .help("add `quote: \"...\"` with the source's own words, so readers can check it")
}

#[cfg(test)]
mod tests {
    use super::{is_kebab_case, to_kebab_case};

    #[test]
    fn kebab_case_ids() {
        for good in ["a", "us-gov", "hrw-2020-10", "2020-ban"] {
            assert!(is_kebab_case(good), "{good}");
        }
        for bad in [
            "", "US-gov", "us_gov", "us--gov", "-us", "us-", "us gov", "çà",
        ] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
        assert_eq!(to_kebab_case("US Gov_2020"), "us-gov-2020");
    }

    /// The one-pass check agrees with the definition (words of lower-case letters and digits,
    /// joined by single hyphens) on every string of up to five characters over a small alphabet.
    #[test]
    fn kebab_case_check_matches_its_definition() {
        let definition = |id: &str| {
            !id.is_empty()
                && id.split('-').all(|word| {
                    !word.is_empty()
                        && word
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                })
        };
        let alphabet = ['a', 'z', '0', '9', '-', 'A', '_', ' ', 'é'];
        let mut ids = vec![String::new()];
        let mut checked = 0;
        for _ in 0..5 {
            ids = ids
                .iter()
                .flat_map(|id| alphabet.iter().map(move |c| format!("{id}{c}")))
                .collect();
            for id in &ids {
                assert_eq!(is_kebab_case(id), definition(id), "{id:?}");
                checked += 1;
            }
        }
        assert!(is_kebab_case("") == definition(""));
        assert!(checked > 60_000);
    }
}

#[cfg(test)]
mod duplicate_tests {
    use crate::load::{LoadError, load_sources};
    use std::path::PathBuf;

    /// A map where claim `x` supports `targets` (by id) in one list.
    fn errors(targets: &[String]) -> Vec<(String, bool)> {
        let mut text = String::from(
            "(sources: [(id: \"s\", title: \"S\")], actors: [(id: \"a\", name: \"A\", kind: other)], claims: [",
        );
        for i in 0..30 {
            text.push_str(&format!(
                "(id: \"c{i}\", actor: \"a\", text: \"t\", source: \"s\"),"
            ));
        }
        let list: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
        text.push_str(&format!(
            "(id: \"x\", actor: \"a\", text: \"t\", source: \"s\", supports: [{}])])",
            list.join(", ")
        ));
        match load_sources(vec![(PathBuf::from("m.ron"), text.clone())]) {
            Ok(_) => Vec::new(),
            Err(LoadError::Invalid { errors, .. }) => errors
                .iter()
                .map(|d| {
                    let span = d.primary.as_ref().map(|l| l.span.clone()).unwrap_or(0..0);
                    // Whether it points at the last statement of `c3` in the file.
                    let last_c3 = text.rfind("\"c3\"").unwrap_or(0);
                    (d.code.to_owned(), span.start == last_c3)
                })
                .collect(),
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn a_relation_stated_twice_is_reported_at_the_second_statement() {
        // A small list (compared pairwise) and a hub's list (sorted), each with c3 twice.
        for size in [4, 25] {
            let mut targets: Vec<String> = (0..size).map(|i| format!("c{i}")).collect();
            targets.insert(size - 1, "c3".to_owned());
            let found = errors(&targets);
            assert_eq!(found.len(), 1, "{size}: {found:?}");
            assert_eq!(found[0].0, "duplicate-relation");
            // The second statement of c3 is the last one in the file.
            assert!(found[0].1, "{size}: {found:?}");
            let errors_without = errors(&targets[..size - 1]);
            assert!(errors_without.is_empty(), "{errors_without:?}");
        }
        // Three times: two errors, both against the first.
        let found = errors(&["c3".into(), "c1".into(), "c3".into(), "c3".into()]);
        assert_eq!(found.len(), 2, "{found:?}");
    }
}

#[cfg(test)]
mod suggestion_budget_tests {
    use crate::generate::{GenerateOptions, generate};
    use crate::load::{LoadError, load_sources};
    use std::path::PathBuf;

    /// Thousands of misspelt references on a map of 20 000 claims: the load stays quick, the
    /// first ones get a hint, and the searches stop at the budget.
    #[test]
    fn did_you_mean_searches_are_budgeted() {
        let options = GenerateOptions {
            claims: 20_000,
            claims_per_file: 10_000,
            ..GenerateOptions::default()
        };
        let files: Vec<(PathBuf, String)> = generate(&options)
            .map(|file| {
                let text = if file.name == "claims-0002.ron" {
                    file.text.replace("supports: [\"c", "supports: [\"k")
                } else {
                    file.text
                };
                (PathBuf::from(file.name), text)
            })
            .collect();
        let Err(LoadError::Invalid { errors, .. }) = load_sources(files) else {
            panic!("the misspellings are errors");
        };
        let unknown = errors
            .iter()
            .filter(|d| d.code == "unknown-reference")
            .count();
        let hinted = errors
            .iter()
            .filter(|d| {
                d.help
                    .as_deref()
                    .is_some_and(|h| h.starts_with("did you mean"))
            })
            .count();
        assert!(unknown > 1000, "{unknown}");
        // Each search compares with the 20 000 claim ids.
        assert!(
            (1..=super::SUGGESTION_BUDGET / 20_000 + 1).contains(&hinted),
            "{hinted}"
        );
    }
}

#[cfg(test)]
mod hint_order_tests {
    use crate::load::{LoadError, load_sources};
    use std::path::PathBuf;

    /// Of two relation ids as close to a misspelt undercut target, the hint names the one
    /// written first, on every load (the ids were once taken from a hash map, in an order that
    /// changed from one load to the next).
    #[test]
    fn the_hint_for_an_undercut_target_is_the_first_of_equals() {
        let text = "(sources: [(id: \"s\", title: \"S\")], \
            actors: [(id: \"a\", name: \"A\", kind: other)], \
            claims: [(id: \"p\", actor: \"a\", text: \"t\", source: \"s\"), \
                     (id: \"q\", actor: \"a\", text: \"t\", source: \"s\"), \
                     (id: \"r\", actor: \"a\", text: \"t\", source: \"s\", undercuts: [\"link-c\"])], \
            relations: [(id: \"link-b\", from: \"p\", supports: \"q\"), \
                        (id: \"link-a\", from: \"q\", rebuts: \"p\")])";
        for _ in 0..24 {
            let Err(LoadError::Invalid { errors, .. }) =
                load_sources(vec![(PathBuf::from("m.ron"), text.to_owned())])
            else {
                panic!("the map has an unknown undercut target");
            };
            let helps: Vec<&str> = errors.iter().filter_map(|e| e.help.as_deref()).collect();
            assert_eq!(helps, ["did you mean `link-b`?"], "{errors:?}");
        }
    }
}
