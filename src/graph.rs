//! Graph views of a map, built with petgraph.
//!
//! - [`claim_graph`]: claims as nodes, supports and rebuttals as edges. Node `i` is claim `i`, so
//!   [`ClaimIx`] and `NodeIndex` convert freely ([`node`], [`claim`]).
//! - [`actor_graph`]: one node per actor (or per top-level actor with `rollup`), one edge per
//!   ordered pair of actors whose claims relate, weighted by how many relations stand behind it.
//! - [`membership_graph`]: `member_of` links, member → organisation.
//!
//! Undercuts attack relations, not claims, so they have no edge in the claim graph; the actor
//! graph counts an undercut as a dispute with the actor whose relation it attacks.

use crate::model::{ActorIx, ClaimIx, Map, RelationIx, RelationKind, Rollup, Target};
use indexmap::IndexMap;
use petgraph::graph::{DiGraph, NodeIndex};

/// Claims as nodes (node `i` is claim `i`), supports and rebuttals as edges.
pub type ClaimGraph = DiGraph<ClaimIx, RelationIx>;

/// The node of claim `claim` in a [`ClaimGraph`].
pub fn node(claim: ClaimIx) -> NodeIndex {
    NodeIndex::new(claim.index())
}

/// The claim at `node` of a [`ClaimGraph`].
pub fn claim(node: NodeIndex) -> ClaimIx {
    ClaimIx::new(node.index())
}

/// Builds the claim graph of `map`.
pub fn claim_graph(map: &Map) -> ClaimGraph {
    let mut graph = ClaimGraph::with_capacity(map.claims.len(), map.relations.len());
    for claim in map.claim_indices() {
        graph.add_node(claim);
    }
    for (ix, relation) in map.relation_indices().zip(&map.relations) {
        if let Target::Claim(target) = relation.target {
            graph.add_edge(node(relation.from), node(target), ix);
        }
    }
    graph
}

/// The relations behind one edge of the actor graph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorLink {
    /// Supports from the first actor's claims to the second's.
    pub supports: Vec<RelationIx>,
    /// Rebuttals and undercuts from the first actor's claims to the second's.
    pub disputes: Vec<RelationIx>,
}

/// The actor whose claim a relation answers: for an undercut, the author of the attacked link.
pub fn target_actor(map: &Map, relation: RelationIx) -> ActorIx {
    let target_claim = match map.relation(relation).target {
        Target::Claim(claim) => claim,
        Target::Relation(attacked) => map.relation(attacked).from,
    };
    map.claim(target_claim).actor
}

/// Actors as nodes, one edge per ordered pair of actors whose claims relate.
///
/// Node `i` is actor `i` without `rollup`. With `rollup`, each actor counts as the top of its
/// `member_of` chain; nodes are still one per actor (so indices stay aligned), members simply
/// have no edges, and relations inside one rolled-up actor are left out.
pub fn actor_graph(map: &Map, rollup: bool) -> DiGraph<ActorIx, ActorLink> {
    // One lookup per relation: foldhash rather than the standard SipHash (the map's order is
    // the order of insertion either way).
    let mut links: IndexMap<(ActorIx, ActorIx), ActorLink, foldhash::fast::RandomState> =
        IndexMap::default();
    let lens = Rollup::new(map, rollup);
    for (ix, relation) in map.relation_indices().zip(&map.relations) {
        let from = lens.lift(map.claim(relation.from).actor);
        let to = lens.lift(target_actor(map, ix));
        if rollup && from == to {
            continue;
        }
        let link = links.entry((from, to)).or_default();
        match relation.kind {
            RelationKind::Supports => link.supports.push(ix),
            RelationKind::Rebuts | RelationKind::Undercuts => link.disputes.push(ix),
        }
    }
    let mut graph = DiGraph::with_capacity(map.actors.len(), links.len());
    for actor in map.actor_indices() {
        graph.add_node(actor);
    }
    for ((from, to), link) in links {
        graph.add_edge(
            NodeIndex::new(from.index()),
            NodeIndex::new(to.index()),
            link,
        );
    }
    graph
}

/// `member_of` links as a graph: an edge from each member to the actor it belongs to.
pub fn membership_graph(map: &Map) -> DiGraph<ActorIx, ()> {
    let mut graph = DiGraph::with_capacity(map.actors.len(), map.actors.len());
    for actor in map.actor_indices() {
        graph.add_node(actor);
    }
    for (ix, actor) in map.actor_indices().zip(map.actors.values()) {
        if let Some(parent) = actor.member_of {
            graph.add_edge(
                NodeIndex::new(ix.index()),
                NodeIndex::new(parent.index()),
                (),
            );
        }
    }
    graph
}
