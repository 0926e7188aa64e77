//! Resolving ids typed by a user (on the command line) into map indices, with did-you-mean hints.

use crate::model::{ActorIx, ClaimIx, Map, SourceIx};
use crate::suggest::closest;

pub use crate::render::select::UnknownId;

/// What `id` names in `map`, if anything (`a claim`, `an actor`, …).
fn what_is(map: &Map, id: &str) -> Option<&'static str> {
    if map.claims.contains_key(id) {
        Some("a claim")
    } else if map.actors.contains_key(id) {
        Some("an actor")
    } else if map.sources.contains_key(id) {
        Some("a source")
    } else if map.relation_ix(id).is_some() {
        Some("a relation")
    } else if map.questions.contains_key(id) {
        Some("a question")
    } else {
        None
    }
}

fn unknown<'a>(
    map: &Map,
    kind: &'static str,
    id: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> UnknownId {
    UnknownId {
        kind,
        id: id.to_owned(),
        did_you_mean: closest(id, known).map(str::to_owned),
        is_instead: what_is(map, id),
    }
}

/// The actor with id `id`.
pub fn actor(map: &Map, id: &str) -> Result<ActorIx, UnknownId> {
    map.actor_ix(id)
        .ok_or_else(|| unknown(map, "actor", id, map.actors.keys().map(String::as_str)))
}

/// The claim with id `id`.
pub fn claim(map: &Map, id: &str) -> Result<ClaimIx, UnknownId> {
    map.claim_ix(id)
        .ok_or_else(|| unknown(map, "claim", id, map.claims.keys().map(String::as_str)))
}

/// The question with id `id`.
pub fn question<'m>(map: &'m Map, id: &str) -> Result<&'m crate::model::Question, UnknownId> {
    crate::render::select::question(map, id)
}

/// The source with id `id`.
pub fn source(map: &Map, id: &str) -> Result<SourceIx, UnknownId> {
    map.source_ix(id)
        .ok_or_else(|| unknown(map, "source", id, map.sources.keys().map(String::as_str)))
}

/// Every tag of the map, in order of first use.
pub fn tags(map: &Map) -> Vec<&str> {
    let mut tags: Vec<&str> = Vec::new();
    for claim in map.claims.values() {
        for tag in &claim.tags {
            if !tags.contains(&tag.as_str()) {
                tags.push(tag);
            }
        }
    }
    tags
}

/// `tag` itself, when some claim carries it.
pub fn tag<'m>(map: &'m Map, tag: &str) -> Result<&'m str, UnknownId> {
    let known = tags(map);
    match known.iter().find(|known| **known == tag) {
        Some(found) => Ok(found),
        None => Err(UnknownId {
            kind: "tag",
            id: tag.to_owned(),
            did_you_mean: closest(tag, known.iter().copied()).map(str::to_owned),
            is_instead: None,
        }),
    }
}
