//! Counts: how big a map is, per kind, per source, per actor, per tag.

use super::{Evidence, is_dispute};
use crate::model::{ActorIx, ActorKind, Map, RelationKind, SourceIx};
use indexmap::IndexMap;
use std::collections::BTreeSet;

/// Counts for one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceCount {
    /// The source.
    pub source: SourceIx,
    /// Claims from it.
    pub claims: usize,
    /// Of those, claims with a verbatim quote.
    pub quoted: usize,
    /// Distinct actors making those claims.
    pub actors: usize,
}

/// Counts for one actor (not rolled up: members count on their own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorCount {
    /// The actor.
    pub actor: ActorIx,
    /// Claims it makes.
    pub claims: usize,
    /// Supports its claims make.
    pub supports_given: usize,
    /// Disputes (rebuttals and undercuts) its claims make.
    pub disputes_given: usize,
    /// Supports its claims receive.
    pub supports_received: usize,
    /// Disputes its claims receive (an undercut counts against the attacked relation's source).
    pub disputes_received: usize,
    /// Claims about it.
    pub about: usize,
}

/// The result of [`stats`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Number of sources.
    pub sources: usize,
    /// Number of actors.
    pub actors: usize,
    /// Number of claims.
    pub claims: usize,
    /// Claims with a verbatim quote.
    pub quoted: usize,
    /// Number of relations.
    pub relations: usize,
    /// Relations per kind: supports, rebuts, undercuts (all three, zeros included).
    pub relations_by_kind: Vec<(RelationKind, usize)>,
    /// Actors per kind, in the order of [`ActorKind::ALL`], kinds with none left out.
    pub actors_by_kind: Vec<(ActorKind, usize)>,
    /// Every source, in file order.
    pub per_source: Vec<SourceCount>,
    /// Every actor, most claims first, then file order.
    pub per_actor: Vec<ActorCount>,
    /// Every tag with the number of claims carrying it, most used first, then by first use.
    pub tags: Vec<(String, usize)>,
}

/// Counts per kind, per source, per actor and per tag.
pub fn stats(map: &Map) -> Stats {
    let relations_by_kind = [
        RelationKind::Supports,
        RelationKind::Rebuts,
        RelationKind::Undercuts,
    ]
    .into_iter()
    .map(|kind| {
        let count = map.relations.iter().filter(|r| r.kind == kind).count();
        (kind, count)
    })
    .collect();
    let actors_by_kind = ActorKind::ALL
        .into_iter()
        .map(|kind| {
            let count = map.actors.values().filter(|a| a.kind == kind).count();
            (kind, count)
        })
        .filter(|&(_, count)| count > 0)
        .collect();
    // One pass over the claims for the per-source, per-actor and per-tag counts.
    let mut per_source: Vec<SourceCount> = (0..map.sources.len())
        .map(|i| SourceCount {
            source: SourceIx::new(i),
            claims: 0,
            quoted: 0,
            actors: 0,
        })
        .collect();
    let mut per_actor: Vec<ActorCount> = map
        .actor_indices()
        .map(|actor| ActorCount {
            actor,
            claims: 0,
            supports_given: 0,
            disputes_given: 0,
            supports_received: 0,
            disputes_received: 0,
            about: 0,
        })
        .collect();
    let mut source_actors: BTreeSet<(SourceIx, ActorIx)> = BTreeSet::new();
    let mut tag_counts: IndexMap<&str, usize> = IndexMap::new();
    for claim in map.claims.values() {
        let source = &mut per_source[claim.source.index()];
        source.claims += 1;
        source.quoted += usize::from(claim.quote.is_some());
        source_actors.insert((claim.source, claim.actor));
        per_actor[claim.actor.index()].claims += 1;
        let mut about: Vec<ActorIx> = claim.about.clone();
        about.sort();
        about.dedup();
        for actor in about {
            per_actor[actor.index()].about += 1;
        }
        let mut seen: Vec<&str> = Vec::new();
        for tag in &claim.tags {
            if !seen.contains(&tag.as_str()) {
                seen.push(tag);
                *tag_counts.entry(tag).or_default() += 1;
            }
        }
    }
    for (source, _) in source_actors {
        per_source[source.index()].actors += 1;
    }
    for (ix, relation) in map.relation_indices().zip(&map.relations) {
        let evidence = Evidence::of(map, ix);
        let from = map.claim(evidence.from_claim).actor.index();
        let to = map.claim(evidence.to_claim).actor.index();
        if is_dispute(relation.kind) {
            per_actor[from].disputes_given += 1;
            per_actor[to].disputes_received += 1;
        } else {
            per_actor[from].supports_given += 1;
            per_actor[to].supports_received += 1;
        }
    }
    per_actor.sort_by(|a, b| b.claims.cmp(&a.claims).then(a.actor.cmp(&b.actor)));
    let mut tags: Vec<(String, usize)> = tag_counts
        .into_iter()
        .map(|(tag, count)| (tag.to_owned(), count))
        .collect();
    tags.sort_by_key(|tag| std::cmp::Reverse(tag.1));
    Stats {
        sources: map.sources.len(),
        actors: map.actors.len(),
        claims: map.claims.len(),
        quoted: map.claims.values().filter(|c| c.quote.is_some()).count(),
        relations: map.relations.len(),
        relations_by_kind,
        actors_by_kind,
        per_source,
        per_actor,
        tags,
    }
}
