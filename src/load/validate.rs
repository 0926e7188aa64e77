//! Resolving the records of all files into one [`Map`], and every check that needs the whole map.
//!
//! Invariant: when this reports no error, every index in the returned map is valid, `member_of`
//! chains and undercut chains are acyclic, ids are unique and kebab-case. When it reports errors,
//! the returned map may hold placeholder indices and must not be used (the caller discards it).

use super::schema::{ActorKindDoc, SemanticsDoc, StatusDoc, SupportDoc};
use super::syntax::Node;
use super::{FileRecords, Record};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Actor, ActorIx, ActorKind, Claim, ClaimIx, Date, Expectation, ExpectedSemantics,
    ExpectedStatus, ExpectedSupport, FileId, Map, MapFile, Origin, Relation, RelationIx,
    RelationKind, Source, SourceIx, Target,
};
use indexmap::IndexMap;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The kinds of things that have ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IdKind {
    Source,
    Actor,
    Claim,
    Relation,
}

impl IdKind {
    fn noun(self) -> &'static str {
        match self {
            IdKind::Source => "source",
            IdKind::Actor => "actor",
            IdKind::Claim => "claim",
            IdKind::Relation => "relation",
        }
    }

    fn with_article(self) -> &'static str {
        match self {
            IdKind::Source => "a source",
            IdKind::Actor => "an actor",
            IdKind::Claim => "a claim",
            IdKind::Relation => "a relation",
        }
    }
}

/// Where a reference is written: the file, the span of the id, and the field it is in.
struct Site<'f> {
    file: FileId,
    span: Range<usize>,
    field: &'f str,
}

/// Where an id was first defined.
#[derive(Clone, Debug)]
struct Definition {
    kind: IdKind,
    file: FileId,
    span: Range<usize>,
}

/// A relation as written, before its target is resolved.
struct Draft {
    id: Option<String>,
    from: Option<ClaimIx>,
    kind: RelationKind,
    target_id: String,
    target_span: Range<usize>,
    note: Option<String>,
    origin: Origin,
}

struct Checker {
    errors: Vec<Diagnostic>,
    definitions: HashMap<String, Definition>,
    broken_ids: HashSet<String>,
}

/// The span of field `name` of a record, or of the whole record when it is absent.
fn field_span(node: &Node, name: &str) -> Range<usize> {
    node.field_value(name)
        .map_or_else(|| node.span.clone(), |value| value.span.clone())
}

/// The span of element `index` of list field `name`.
fn element_span(node: &Node, name: &str, index: usize) -> Range<usize> {
    node.field_value(name)
        .and_then(|list| list.elements().get(index))
        .map_or_else(|| field_span(node, name), |element| element.span.clone())
}

/// Whether `id` is kebab-case: lower-case ASCII letters and digits in words joined by single `-`.
pub(crate) fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A kebab-case spelling of `id`, for the hint.
fn to_kebab_case(id: &str) -> String {
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

impl Checker {
    /// Registers an id; returns false (and reports) when it is malformed or already taken.
    fn define(&mut self, id: &str, kind: IdKind, file: FileId, span: Range<usize>) -> bool {
        if !is_kebab_case(id) {
            let suggestion = to_kebab_case(id);
            let mut diagnostic = Diagnostic::error(
                "bad-id",
                format!("`{id}` is not a valid id for {}", kind.with_article()),
            )
            .at(file, span.clone(), "ids are kebab-case")
            .note("ids use lower-case letters, digits and single hyphens: `us-gov`, `hrw-2020`");
            if !suggestion.is_empty() {
                diagnostic = diagnostic.help(format!("write `{suggestion}`"));
            }
            self.errors.push(diagnostic);
        }
        if let Some(first) = self.definitions.get(id) {
            let message = if first.kind == kind {
                format!("the {} id `{id}` is defined twice", kind.noun())
            } else {
                format!(
                    "the id `{id}` is used by {} and by {}",
                    first.kind.with_article(),
                    kind.with_article()
                )
            };
            self.errors.push(
                Diagnostic::error("duplicate-id", message)
                    .at(file, span, "defined again here")
                    .also(
                        first.file,
                        first.span.clone(),
                        format!("first defined here, as {}", first.kind.with_article()),
                    )
                    .help("ids are unique across the whole map; rename one of them"),
            );
            return false;
        }
        self.definitions
            .insert(id.to_owned(), Definition { kind, file, span });
        true
    }

    /// Resolves a reference to an id of `kind`, reporting a missing or mistyped one.
    fn resolve<'k>(
        &mut self,
        id: &str,
        kind: IdKind,
        known: impl IntoIterator<Item = &'k str>,
        lookup: Option<usize>,
        site: Site<'_>,
    ) -> Option<usize> {
        let Site { file, span, field } = site;
        if lookup.is_some() {
            return lookup;
        }
        if self.broken_ids.contains(id) {
            return None; // already reported where that record is written
        }
        let diagnostic = match self.definitions.get(id) {
            Some(other) if other.kind != kind => Diagnostic::error(
                "wrong-reference-kind",
                format!(
                    "`{id}` is {}, not {}",
                    other.kind.with_article(),
                    kind.with_article()
                ),
            )
            .at(
                file,
                span,
                format!("`{field}` needs {}", kind.with_article()),
            )
            .also(other.file, other.span.clone(), "defined here")
            .help(match (field, other.kind) {
                ("undercuts", IdKind::Claim) => {
                    "`undercuts` attacks a relation; to attack the claim itself, use `rebuts`"
                        .to_owned()
                }
                _ => format!("give the id of {}", kind.with_article()),
            }),
            _ => {
                let diagnostic =
                    Diagnostic::error("unknown-reference", format!("no {} `{id}`", kind.noun()))
                        .at(file, span, format!("unknown {}", kind.noun()));
                match crate::suggest::closest(id, known) {
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

    fn date(&mut self, text: Option<&str>, file: FileId, span: Range<usize>) -> Option<Date> {
        let text = text?;
        match Date::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                self.errors.push(
                    Diagnostic::error("bad-date", message)
                        .at(file, span, "not a valid date")
                        .help("write dates as \"YYYY-MM-DD\", e.g. \"2020-09-18\""),
                );
                None
            }
        }
    }
}

fn actor_kind(doc: ActorKindDoc) -> ActorKind {
    match doc {
        ActorKindDoc::Government => ActorKind::Government,
        ActorKindDoc::Agency => ActorKind::Agency,
        ActorKindDoc::Court => ActorKind::Court,
        ActorKindDoc::Official => ActorKind::Official,
        ActorKindDoc::Party => ActorKind::Party,
        ActorKindDoc::Company => ActorKind::Company,
        ActorKindDoc::Product => ActorKind::Product,
        ActorKindDoc::Commentator => ActorKind::Commentator,
        ActorKindDoc::Ngo => ActorKind::Ngo,
        ActorKindDoc::ResearchLab => ActorKind::ResearchLab,
        ActorKindDoc::Media => ActorKind::Media,
        ActorKindDoc::Public => ActorKind::Public,
        ActorKindDoc::Other => ActorKind::Other,
    }
}

fn origin<T>(record: &Record<T>) -> Origin {
    Origin {
        file: record.file,
        span: record.node.span.clone(),
    }
}

/// Resolves and checks all records. Returns the map, the errors and the warnings.
pub(super) fn validate(
    records: Vec<FileRecords>,
    files: Vec<MapFile>,
) -> (Map, Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut checker = Checker {
        errors: Vec::new(),
        definitions: HashMap::new(),
        broken_ids: records
            .iter()
            .flat_map(|file| file.broken_ids.iter().cloned())
            .collect(),
    };
    let mut map = Map {
        files,
        ..Map::default()
    };

    // Sources and actors first: claims refer to them.
    for file in &records {
        for record in &file.sources {
            let doc = &record.doc;
            if !checker.define(
                &doc.id,
                IdKind::Source,
                record.file,
                field_span(&record.node, "id"),
            ) {
                continue;
            }
            let date = checker.date(
                doc.date.as_deref(),
                record.file,
                field_span(&record.node, "date"),
            );
            map.sources.insert(
                doc.id.clone(),
                Source {
                    id: doc.id.clone(),
                    title: doc.title.clone(),
                    publisher: doc.publisher.clone(),
                    authors: doc.authors.clone(),
                    url: doc.url.clone(),
                    date,
                    archive: doc.archive.clone(),
                    origin: origin(record),
                },
            );
        }
    }
    let mut actor_records = Vec::new();
    for file in &records {
        for record in &file.actors {
            let doc = &record.doc;
            if !checker.define(
                &doc.id,
                IdKind::Actor,
                record.file,
                field_span(&record.node, "id"),
            ) {
                continue;
            }
            map.actors.insert(
                doc.id.clone(),
                Actor {
                    id: doc.id.clone(),
                    name: doc.name.clone(),
                    kind: actor_kind(doc.kind),
                    member_of: None,
                    role: doc.role.clone(),
                    note: doc.note.clone(),
                    origin: origin(record),
                },
            );
            actor_records.push(record);
        }
    }
    // Claim ids, then relation ids, are defined before any reference is resolved, so that a
    // reference may point forward or into another file.
    let mut claim_records = Vec::new();
    for file in &records {
        for record in &file.claims {
            if checker.define(
                &record.doc.id,
                IdKind::Claim,
                record.file,
                field_span(&record.node, "id"),
            ) {
                claim_records.push(record);
            }
        }
    }
    let claim_positions: HashMap<&str, usize> = claim_records
        .iter()
        .enumerate()
        .map(|(i, record)| (record.doc.id.as_str(), i))
        .collect();

    resolve_member_of(&mut checker, &mut map, &actor_records);

    for record in &claim_records {
        let doc = &record.doc;
        let file = record.file;
        let actor = checker
            .resolve(
                &doc.actor,
                IdKind::Actor,
                map.actors.keys().map(String::as_str),
                map.actors.get_index_of(doc.actor.as_str()),
                Site {
                    file,
                    span: field_span(&record.node, "actor"),
                    field: "actor",
                },
            )
            .map(ActorIx::new);
        let source = checker
            .resolve(
                &doc.source,
                IdKind::Source,
                map.sources.keys().map(String::as_str),
                map.sources.get_index_of(doc.source.as_str()),
                Site {
                    file,
                    span: field_span(&record.node, "source"),
                    field: "source",
                },
            )
            .map(SourceIx::new);
        let mut about = Vec::with_capacity(doc.about.len());
        for (i, id) in doc.about.iter().enumerate() {
            let resolved = checker.resolve(
                id,
                IdKind::Actor,
                map.actors.keys().map(String::as_str),
                map.actors.get_index_of(id.as_str()),
                Site {
                    file,
                    span: element_span(&record.node, "about", i),
                    field: "about",
                },
            );
            if let Some(ix) = resolved {
                about.push(ActorIx::new(ix));
            }
        }
        let written_date =
            checker.date(doc.date.as_deref(), file, field_span(&record.node, "date"));
        let date = written_date.or_else(|| source.and_then(|s| map.source(s).date));
        map.claims.insert(
            doc.id.clone(),
            Claim {
                id: doc.id.clone(),
                // Placeholders only when an error was reported: the map is then discarded.
                actor: actor.unwrap_or(ActorIx(0)),
                text: doc.text.clone(),
                quote: doc.quote.clone(),
                source: source.unwrap_or(SourceIx(0)),
                date,
                tags: doc.tags.clone(),
                about,
                note: doc.note.clone(),
                origin: origin(record),
            },
        );
    }

    let drafts = relation_drafts(&mut checker, &records, &claim_records, &claim_positions);
    resolve_relations(&mut checker, &mut map, drafts);
    resolve_expectations(&mut checker, &mut map, &records);

    let warnings = if checker.errors.is_empty() {
        warnings(&map, &claim_records)
    } else {
        Vec::new()
    };
    (map, checker.errors, warnings)
}

fn resolve_member_of(
    checker: &mut Checker,
    map: &mut Map,
    actor_records: &[&Record<super::schema::ActorDoc>],
) {
    for (position, record) in actor_records.iter().enumerate() {
        let Some(parent_id) = &record.doc.member_of else {
            continue;
        };
        let span = field_span(&record.node, "member_of");
        if *parent_id == record.doc.id {
            checker.errors.push(
                Diagnostic::error(
                    "member-of-cycle",
                    format!("actor `{parent_id}` is a member of itself"),
                )
                .at(record.file, span, "points back at this actor")
                .help("remove `member_of`, or name the organisation it belongs to"),
            );
            continue;
        }
        let parent = checker.resolve(
            parent_id,
            IdKind::Actor,
            map.actors.keys().map(String::as_str),
            map.actors.get_index_of(parent_id.as_str()),
            Site {
                file: record.file,
                span,
                field: "member_of",
            },
        );
        map.actors[position].member_of = parent.map(ActorIx::new);
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
                    let cycle = &path[cycle_start..];
                    let first = cycle.iter().copied().min().unwrap_or(actor);
                    let record = actor_records[first];
                    let names: Vec<&str> = cycle
                        .iter()
                        .chain(std::iter::once(&actor))
                        .map(|&a| map.actors[a].id.as_str())
                        .collect();
                    // Rotate so the report starts at the smallest member, for stable output.
                    let rotation = cycle.iter().position(|&a| a == first).unwrap_or(0);
                    let mut ordered: Vec<&str> = names[..names.len() - 1].to_vec();
                    ordered.rotate_left(rotation);
                    ordered.push(ordered[0]);
                    checker.errors.push(
                        Diagnostic::error(
                            "member-of-cycle",
                            format!(
                                "`member_of` goes round in a circle: {}",
                                ordered.join(" → ")
                            ),
                        )
                        .at(
                            record.file,
                            field_span(&record.node, "member_of"),
                            "part of the cycle",
                        )
                        .help("an actor cannot belong, even indirectly, to one of its own members"),
                    );
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

fn relation_drafts(
    checker: &mut Checker,
    records: &[FileRecords],
    claim_records: &[&Record<super::schema::ClaimDoc>],
    claim_positions: &HashMap<&str, usize>,
) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut claim_iter = claim_records.iter().enumerate().peekable();
    for (file_index, file) in records.iter().enumerate() {
        // Inline relations of this file's claims, in claim order, then its `relations` section.
        while let Some((position, record)) =
            claim_iter.next_if(|(_, record)| record.file.index() == file_index)
        {
            let doc = &record.doc;
            let lists = [
                ("supports", RelationKind::Supports, &doc.supports),
                ("rebuts", RelationKind::Rebuts, &doc.rebuts),
                ("undercuts", RelationKind::Undercuts, &doc.undercuts),
            ];
            for (field, kind, targets) in lists {
                for (i, target) in targets.iter().enumerate() {
                    let span = element_span(&record.node, field, i);
                    drafts.push(Draft {
                        id: None,
                        from: Some(ClaimIx::new(position)),
                        kind,
                        target_id: target.clone(),
                        target_span: span.clone(),
                        note: None,
                        origin: Origin {
                            file: record.file,
                            span,
                        },
                    });
                }
            }
        }
        for record in &file.relations {
            let doc = &record.doc;
            let written: Vec<(&str, RelationKind, &String)> = [
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
                    checker.errors.push(
                        Diagnostic::error("relation-without-kind", "this relation does not say how it relates")
                            .at(record.file, record.node.span.clone(), "no `supports`, `rebuts` or `undercuts`")
                            .help("add one of `supports: \"claim-id\"`, `rebuts: \"claim-id\"`, `undercuts: \"relation-id\"`"),
                    );
                    continue;
                }
                [first, second, ..] => {
                    checker.errors.push(
                        Diagnostic::error(
                            "relation-with-several-kinds",
                            format!(
                                "this relation is written both as `{}` and as `{}`",
                                first.0, second.0
                            ),
                        )
                        .at(
                            record.file,
                            field_span(&record.node, second.0),
                            "second kind",
                        )
                        .also(record.file, field_span(&record.node, first.0), "first kind")
                        .help(
                            "a relation record has exactly one kind; write one record per relation",
                        ),
                    );
                    continue;
                }
            };
            if let Some(id) = &doc.id {
                if !checker.define(
                    id,
                    IdKind::Relation,
                    record.file,
                    field_span(&record.node, "id"),
                ) {
                    continue;
                }
            }
            let from = checker
                .resolve(
                    &doc.from,
                    IdKind::Claim,
                    claim_records.iter().map(|r| r.doc.id.as_str()),
                    claim_positions.get(doc.from.as_str()).copied(),
                    Site {
                        file: record.file,
                        span: field_span(&record.node, "from"),
                        field: "from",
                    },
                )
                .map(ClaimIx::new);
            drafts.push(Draft {
                id: doc.id.clone(),
                from,
                kind,
                target_id: target.clone(),
                target_span: field_span(&record.node, field),
                note: doc.note.clone(),
                origin: origin(record),
            });
        }
    }
    drafts
}

fn resolve_relations(checker: &mut Checker, map: &mut Map, drafts: Vec<Draft>) {
    let relation_positions: HashMap<String, usize> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, draft)| draft.id.clone().map(|id| (id, i)))
        .collect();
    let relation_ids: Vec<String> = drafts.iter().filter_map(|d| d.id.clone()).collect();
    let mut resolved = Vec::with_capacity(drafts.len());
    let mut seen: HashMap<(ClaimIx, RelationKind, Target), (FileId, Range<usize>)> = HashMap::new();
    for (position, draft) in drafts.into_iter().enumerate() {
        let file = draft.origin.file;
        let target = match draft.kind {
            RelationKind::Undercuts => checker
                .resolve(
                    &draft.target_id,
                    IdKind::Relation,
                    relation_ids.iter().map(String::as_str),
                    relation_positions.get(&draft.target_id).copied(),
                    Site {
                        file,
                        span: draft.target_span.clone(),
                        field: "undercuts",
                    },
                )
                .map(|ix| Target::Relation(RelationIx::new(ix))),
            _ => checker
                .resolve(
                    &draft.target_id,
                    IdKind::Claim,
                    map.claims.keys().map(String::as_str),
                    map.claims.get_index_of(draft.target_id.as_str()),
                    Site {
                        file,
                        span: draft.target_span.clone(),
                        field: draft.kind.as_str(),
                    },
                )
                .map(|ix| Target::Claim(ClaimIx::new(ix))),
        };
        let ok = match (draft.from, target) {
            (Some(from), Some(target)) => {
                if target == Target::Claim(from) {
                    checker.errors.push(
                        Diagnostic::error(
                            "self-relation",
                            format!("claim `{}` {} itself", map.claim(from).id, draft.kind),
                        )
                        .at(file, draft.target_span.clone(), "the claim's own id")
                        .help("a claim can only support or rebut another claim"),
                    );
                    false
                } else if target == Target::Relation(RelationIx::new(position)) {
                    checker.errors.push(
                        Diagnostic::error("self-relation", "this relation undercuts itself")
                            .at(file, draft.target_span.clone(), "its own id")
                            .help("an undercut attacks another relation"),
                    );
                    false
                } else if let Some((first_file, first)) = seen.get(&(from, draft.kind, target)) {
                    checker.errors.push(
                        Diagnostic::error(
                            "duplicate-relation",
                            format!(
                                "claim `{}` {} `{}` twice",
                                map.claim(from).id,
                                draft.kind,
                                draft.target_id
                            ),
                        )
                        .at(file, draft.target_span.clone(), "stated again here")
                        .also(*first_file, first.clone(), "first stated here")
                        .help("remove one of the two"),
                    );
                    false
                } else {
                    seen.insert(
                        (from, draft.kind, target),
                        (file, draft.target_span.clone()),
                    );
                    true
                }
            }
            _ => false,
        };
        resolved.push(ok);
        map.relations.push(Relation {
            id: draft.id,
            // Placeholders only when an error was reported: the map is then discarded.
            from: draft.from.unwrap_or(ClaimIx(0)),
            kind: draft.kind,
            target: target.unwrap_or(Target::Claim(ClaimIx(0))),
            note: draft.note,
            origin: draft.origin,
        });
    }
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
                        .at(relation.origin.file, relation.origin.span.clone(), "this undercut is attacked by the relation it attacks, directly or not")
                        .help("an undercut must, in the end, attack a support or rebuttal between claims"),
                );
                break;
            }
            current = next.index();
        }
    }
}

fn resolve_expectations(checker: &mut Checker, map: &mut Map, records: &[FileRecords]) {
    for file in records {
        for record in &file.expectations {
            let doc = &record.doc;
            let claim = checker.resolve(
                &doc.claim,
                IdKind::Claim,
                map.claims.keys().map(String::as_str),
                map.claims.get_index_of(doc.claim.as_str()),
                Site {
                    file: record.file,
                    span: field_span(&record.node, "claim"),
                    field: "claim",
                },
            );
            let Some(claim) = claim else { continue };
            map.expectations.push(Expectation {
                claim: ClaimIx::new(claim),
                semantics: match doc.semantics {
                    SemanticsDoc::Grounded => ExpectedSemantics::Grounded,
                    SemanticsDoc::Complete => ExpectedSemantics::Complete,
                    SemanticsDoc::Preferred => ExpectedSemantics::Preferred,
                    SemanticsDoc::Stable => ExpectedSemantics::Stable,
                },
                support: match doc.support {
                    SupportDoc::None => ExpectedSupport::None,
                    SupportDoc::Deductive => ExpectedSupport::Deductive,
                    SupportDoc::Necessary => ExpectedSupport::Necessary,
                },
                status: match doc.status {
                    StatusDoc::In => ExpectedStatus::In,
                    StatusDoc::Out => ExpectedStatus::Out,
                    StatusDoc::Undec => ExpectedStatus::Undec,
                },
                origin: origin(record),
            });
        }
    }
}

/// Findings that leave the map valid but look unfinished.
fn warnings(map: &Map, claim_records: &[&Record<super::schema::ClaimDoc>]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
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
    let mut by_claim: IndexMap<usize, Vec<Diagnostic>> = IndexMap::new();
    for (position, record) in claim_records.iter().enumerate() {
        let claim = &map.claims[position];
        let id_span = field_span(&record.node, "id");
        if claim.quote.is_none() {
            by_claim.entry(position).or_default().push(
                Diagnostic::warning(
                    "missing-quote",
                    format!("claim `{}` has no quote", claim.id),
                )
                .at(record.file, id_span.clone(), "no `quote`")
                .help("add `quote: \"...\"` with the source's own words, so readers can check it"),
            );
        }
        if !related[position] {
            by_claim.entry(position).or_default().push(
                Diagnostic::warning(
                    "unrelated-claim",
                    format!("claim `{}` neither supports nor rebuts anything, and nothing relates to it", claim.id),
                )
                .at(record.file, id_span, "an isolated claim")
                .help("link it with `supports`, `rebuts` or `undercuts`, or remove it"),
            );
        }
    }
    warnings.extend(by_claim.into_values().flatten());
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
    warnings
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
}
