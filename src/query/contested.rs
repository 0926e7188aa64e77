//! How contested each claim is, and which actors dispute most or are most disputed.

use super::{Evidence, is_dispute};
use crate::model::{ActorIx, ClaimIx, Map, RelationKind, Rollup};
use std::collections::BTreeSet;

/// A claim and the disputes it draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestedClaim {
    /// The claim.
    pub claim: ClaimIx,
    /// Rebuttals of the claim itself.
    pub rebuttals: usize,
    /// Undercuts of the relations the claim makes: attacks on its reasoning (its support or
    /// rebuttal of another claim), not on the claim.
    pub undercuts: usize,
    /// The distinct actors behind the rebuttals and undercuts, in file order.
    pub rebutting_actors: Vec<ActorIx>,
    /// Supports the claim receives.
    pub supports: usize,
}

impl ContestedClaim {
    /// Rebuttals and undercuts together: what the ranking counts.
    pub fn disputes(&self) -> usize {
        self.rebuttals + self.undercuts
    }
}

/// An actor and the disputes it gives and receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestedActor {
    /// The actor (rolled up, with `rollup`).
    pub actor: ActorIx,
    /// Disputes its claims make against other actors' claims.
    pub given: usize,
    /// Disputes other actors' claims make against its claims.
    pub received: usize,
    /// The distinct actors it disputes.
    pub disputes_actors: usize,
    /// The distinct actors who dispute it.
    pub disputed_by_actors: usize,
}

/// The result of [`contested`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contested {
    /// Every claim with at least one dispute, most disputes (rebuttals and undercuts) first,
    /// then most distinct disputing actors, then fewest supports, then file order.
    pub claims: Vec<ContestedClaim>,
    /// Every actor with a dispute given or received, by given + received, then received, then
    /// file order.
    pub actors: Vec<ContestedActor>,
}

/// Claims ranked by the disputes they receive, rebuttals and undercuts (counted apart), actors
/// by the disputes they give and receive.
///
/// An undercut attacks a relation; it counts as a dispute of that relation's source claim (the
/// claim whose reasoning it contests), as everywhere in [`crate::query`], in
/// [`ContestedClaim::undercuts`], never as a rebuttal. An actor rebutting its
/// own claim counts for the claim but not for the actor ranking; with `rollup`, neither does a
/// dispute inside one rolled-up actor.
pub fn contested(map: &Map, rollup: bool) -> Contested {
    let mut per_claim: Vec<ContestedClaim> = map
        .claim_indices()
        .map(|claim| ContestedClaim {
            claim,
            rebuttals: 0,
            undercuts: 0,
            rebutting_actors: Vec::new(),
            supports: 0,
        })
        .collect();
    let n = map.actors.len();
    let mut given = vec![0usize; n];
    let mut received = vec![0usize; n];
    let mut pairs: BTreeSet<(ActorIx, ActorIx)> = BTreeSet::new();
    let lens = Rollup::new(map, rollup);
    for (ix, relation) in map.relation_indices().zip(&map.relations) {
        let evidence = Evidence::of(map, ix);
        let row = &mut per_claim[evidence.to_claim.index()];
        let from_actor = map.claim(evidence.from_claim).actor;
        if relation.kind == RelationKind::Supports {
            if matches!(relation.target, crate::model::Target::Claim(_)) {
                row.supports += 1;
            }
            continue;
        }
        debug_assert!(is_dispute(relation.kind));
        match relation.kind {
            RelationKind::Undercuts => row.undercuts += 1,
            _ => row.rebuttals += 1,
        }
        if !row.rebutting_actors.contains(&from_actor) {
            row.rebutting_actors.push(from_actor);
        }
        let from = lens.lift(from_actor);
        let to = lens.lift(map.claim(evidence.to_claim).actor);
        if from != to {
            given[from.index()] += 1;
            received[to.index()] += 1;
            pairs.insert((from, to));
        }
    }
    let mut disputes_actors = vec![0usize; n];
    let mut disputed_by_actors = vec![0usize; n];
    for &(from, to) in &pairs {
        disputes_actors[from.index()] += 1;
        disputed_by_actors[to.index()] += 1;
    }
    let mut claims: Vec<ContestedClaim> =
        per_claim.into_iter().filter(|c| c.disputes() > 0).collect();
    claims.sort_by(|a, b| {
        b.disputes()
            .cmp(&a.disputes())
            .then(b.rebutting_actors.len().cmp(&a.rebutting_actors.len()))
            .then(a.supports.cmp(&b.supports))
            .then(a.claim.cmp(&b.claim))
    });
    for claim in &mut claims {
        claim.rebutting_actors.sort();
    }
    let mut actors: Vec<ContestedActor> = map
        .actor_indices()
        .filter(|a| given[a.index()] + received[a.index()] > 0)
        .map(|actor| ContestedActor {
            actor,
            given: given[actor.index()],
            received: received[actor.index()],
            disputes_actors: disputes_actors[actor.index()],
            disputed_by_actors: disputed_by_actors[actor.index()],
        })
        .collect();
    actors.sort_by(|a, b| {
        (b.given + b.received)
            .cmp(&(a.given + a.received))
            .then(b.received.cmp(&a.received))
            .then(a.actor.cmp(&b.actor))
    });
    Contested { claims, actors }
}
