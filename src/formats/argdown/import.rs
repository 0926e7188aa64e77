//! From a read Argdown [`Document`] to a [`MapDocument`]: what Argdown does not say (a claim's
//! actor or source, an actor's kind, a source's title) is filled in, with a warning that says
//! what was filled in and where.

use super::read::{Document, RelationTarget};
use crate::diagnostic::Diagnostic;
use crate::formats::{Import, ImportError};
use crate::model::{ActorKind, FileId};
use crate::schema::{ActorRecord, ClaimRecord, MapDocument, RelationRecord, SourceRecord};

/// The actor given to claims that name none.
pub(super) const UNKNOWN_ACTOR: &str = "unknown-actor";
/// The source given to claims that cite none.
pub(super) const UNKNOWN_SOURCE: &str = "argdown-document";

/// Reads an Argdown document into a map document (see [`super::parse`] for what is read).
pub(super) fn import(text: &str) -> Result<Import, ImportError> {
    let document = super::parse(text).map_err(|errors| ImportError { errors })?;
    Ok(convert(document))
}

/// Actor ids as people write them in Argdown data (`{actor: Mike Pompeo}`) become the
/// kebab-case ids a map needs (`mike-pompeo`), everywhere they are used, with one warning that
/// lists the renamings; the original spelling stays the actor's name.
fn kebab_case_actor_ids(
    actors: &mut [super::read::ActorRecord],
    claims: &mut [super::read::ClaimRecord],
    warnings: &mut Vec<Diagnostic>,
) {
    use crate::load::validate::{is_kebab_case, to_kebab_case};
    let mut taken: std::collections::HashSet<String> = actors
        .iter()
        .map(|actor| actor.id.clone())
        .chain(claims.iter().map(|claim| claim.id.clone()))
        .filter(|id| is_kebab_case(id))
        .collect();
    let mut renamed: Vec<(String, String)> = Vec::new();
    for actor in actors.iter_mut() {
        if is_kebab_case(&actor.id) {
            continue;
        }
        let base = match to_kebab_case(&actor.id) {
            base if base.is_empty() => "actor".to_owned(),
            base => base,
        };
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(id.clone());
        renamed.push((std::mem::replace(&mut actor.id, id.clone()), id));
    }
    if renamed.is_empty() {
        return;
    }
    let new_id = |id: &mut String| {
        if let Some((_, new)) = renamed.iter().find(|(old, _)| old == id) {
            id.clone_from(new);
        }
    };
    for actor in actors.iter_mut() {
        if let Some(parent) = actor.member_of.as_mut() {
            new_id(parent);
        }
    }
    for claim in claims.iter_mut() {
        if let Some(actor) = claim.actor.as_mut() {
            new_id(actor);
        }
        claim.about.iter_mut().for_each(new_id);
    }
    let shown: Vec<String> = renamed
        .iter()
        .take(5)
        .map(|(old, new)| format!("`{old}` → `{new}`"))
        .collect();
    warnings.push(
        Diagnostic::warning(
            "argdown-actor-id",
            format!(
                "{} actor ids are not kebab-case and were renamed: {}{}",
                renamed.len(),
                shown.join(", "),
                if renamed.len() > 5 { ", …" } else { "" }
            ),
        )
        .at(FileId(0), 0..0, "")
        .note("a map's ids are lower-case words joined by `-`; the original spelling is kept as the actor's name".to_owned()),
    );
}

fn convert(document: Document) -> Import {
    let Document {
        sources,
        mut actors,
        mut claims,
        relations,
        mut warnings,
        title,
        author,
    } = document;
    kebab_case_actor_ids(&mut actors, &mut claims, &mut warnings);
    let mut map = MapDocument::default();
    let mut missing = |what: &str, ids: Vec<(String, std::ops::Range<usize>)>, then: &str| {
        if let Some((_, first)) = ids.first() {
            let names: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).take(5).collect();
            let more = if ids.len() > 5 { ", …" } else { "" };
            warnings.push(
                Diagnostic::warning(
                    "argdown-missing",
                    format!("{} {what}: {}{more}", ids.len(), names.join(", ")),
                )
                .at(FileId(0), first.clone(), "the first of them")
                .note(then.to_owned()),
            );
        }
    };

    for source in sources {
        map.sources.push(SourceRecord {
            title: source.title.unwrap_or_else(|| source.id.clone()),
            id: source.id,
            publisher: source.publisher,
            authors: source.authors,
            url: source.url,
            date: source.date,
            archive: source.archive,
        });
    }

    let mut unkinded = Vec::new();
    for actor in actors {
        let kind = match actor.kind.as_deref().and_then(ActorKind::parse) {
            Some(kind) => kind,
            None => {
                unkinded.push((actor.id.clone(), 0..0));
                ActorKind::Other
            }
        };
        map.actors.push(ActorRecord {
            id: actor.id,
            name: actor.name,
            kind,
            member_of: actor.member_of,
            role: actor.role,
            note: actor.note,
        });
    }

    let mut no_actor = Vec::new();
    let mut no_source = Vec::new();
    let mut unknown_sources = Vec::new();
    for claim in claims {
        let actor = match claim.actor {
            Some(actor) => actor,
            None => {
                no_actor.push((claim.id.clone(), claim.span.clone()));
                UNKNOWN_ACTOR.to_owned()
            }
        };
        let source = match claim.source {
            Some(source) => {
                if !map.sources.iter().any(|s| s.id == source)
                    && !unknown_sources.iter().any(|(s, _)| s == &source)
                {
                    unknown_sources.push((source.clone(), claim.span.clone()));
                }
                source
            }
            None => {
                no_source.push((claim.id.clone(), claim.span.clone()));
                UNKNOWN_SOURCE.to_owned()
            }
        };
        map.claims.push(ClaimRecord {
            id: claim.id,
            actor,
            text: claim.text,
            quote: claim.quote,
            source,
            date: claim.date,
            tags: claim.tags,
            about: claim.about,
            supports: Vec::new(),
            rebuts: Vec::new(),
            undercuts: Vec::new(),
            note: claim.note,
        });
    }
    for relation in relations {
        let target = match relation.target {
            RelationTarget::Claim(id) | RelationTarget::Relation(id) => id,
        };
        let mut record = RelationRecord::new(relation.from, relation.kind, target);
        record.id = relation.id;
        record.note = relation.note;
        map.relations.push(record);
    }

    if !no_actor.is_empty() {
        map.actors.push(ActorRecord {
            id: UNKNOWN_ACTOR.to_owned(),
            name: "Unknown actor".to_owned(),
            kind: ActorKind::Other,
            member_of: None,
            role: None,
            note: Some(
                "Given by argraph to the claims of an Argdown document that name no actor."
                    .to_owned(),
            ),
        });
    }
    if !no_source.is_empty() {
        map.sources.push(SourceRecord {
            id: UNKNOWN_SOURCE.to_owned(),
            title: title.unwrap_or_else(|| "The imported Argdown document".to_owned()),
            publisher: None,
            authors: author.into_iter().collect(),
            url: None,
            date: None,
            archive: None,
        });
    }
    for (id, _) in &unknown_sources {
        map.sources.push(SourceRecord {
            id: id.clone(),
            title: id.clone(),
            publisher: None,
            authors: Vec::new(),
            url: None,
            date: None,
            archive: None,
        });
    }
    missing(
        "claims name no actor (no `actor` data, no actor heading above them)",
        no_actor,
        &format!("they are given the actor `{UNKNOWN_ACTOR}`"),
    );
    missing(
        "claims cite no source (no `source` data)",
        no_source,
        &format!("they are given the source `{UNKNOWN_SOURCE}`"),
    );
    missing(
        "sources are cited but not listed in the front matter",
        unknown_sources,
        "each is given a source record with its id for a title",
    );
    // Actors without a known kind have no place in the text to point at: file start.
    if !unkinded.is_empty() {
        let names: Vec<&str> = unkinded.iter().map(|(id, _)| id.as_str()).take(5).collect();
        warnings.push(
            Diagnostic::warning(
                "argdown-missing",
                format!(
                    "{} actors have no known `kind`: {}{}",
                    unkinded.len(),
                    names.join(", "),
                    if unkinded.len() > 5 { ", …" } else { "" }
                ),
            )
            .at(FileId(0), 0..0, "")
            .note("they are given the kind `other`"),
        );
    }
    Import {
        document: map,
        warnings,
    }
}
