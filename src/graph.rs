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

/// The claim a relation answers: its target claim, or for an undercut the claim the attacked
/// link starts from.
pub fn answered_claim(map: &Map, relation: RelationIx) -> ClaimIx {
    match map.relation(relation).target {
        Target::Claim(claim) => claim,
        Target::Relation(attacked) => map.relation(attacked).from,
    }
}

/// The actor whose claim a relation answers: for an undercut, the author of the attacked link.
pub fn target_actor(map: &Map, relation: RelationIx) -> ActorIx {
    map.claim(answered_claim(map, relation)).actor
}

/// Actors as nodes, one edge per ordered pair of actors whose claims relate, in the order in
/// which the pairs first appear among the relations.
///
/// Node `i` is actor `i` without `rollup`. With `rollup`, each actor counts as the top of its
/// `member_of` chain; nodes are still one per actor (so indices stay aligned), members simply
/// have no edges, and relations inside one rolled-up actor are left out.
pub fn actor_graph(map: &Map, rollup: bool) -> DiGraph<ActorIx, ActorLink> {
    let lens = Rollup::new(map, rollup);
    // Each claim's (rolled-up) actor side by side: a relation's two ends are then found without
    // reading the claims themselves, which on a big map are far out of cache.
    let actor_of: Vec<ActorIx> = map
        .claims
        .values()
        .map(|claim| lens.lift(claim.actor))
        .collect();
    // Every relation with its pair of actors, sorted: by pair, then in written order. Grouping
    // by sorting costs a fraction of a lookup per relation in a table of pairs, which on a big
    // map waits for memory at every relation. The pair is packed in one number, which sorts
    // faster than two (0.06-0.09 s of 2.4 s for `disputes --rollup` at a million claims); the
    // kind is carried along, as reading it again from the relation would wait for memory.
    let mut linked: Vec<(PairKey, RelationIx, RelationKind)> =
        Vec::with_capacity(map.relations.len());
    linked.extend(
        map.relation_indices()
            .zip(&map.relations)
            .map(|(ix, relation)| {
                let from = actor_of[relation.from.index()];
                let to = actor_of[answered_claim(map, ix).index()];
                (from, to, ix, relation.kind)
            })
            .filter(|&(from, to, _, _)| !(rollup && from == to))
            .map(|(from, to, ix, kind)| (PairKey::new(from, to), ix, kind)),
    );
    linked.sort_unstable_by_key(|&(pair, ix, _)| (pair, ix));
    // Each pair's relations, as a range of `linked`, in the order of the pair's first relation
    // (the key is copied beside the range: sorting by reading it through the range would wait
    // for memory at each comparison on a big map).
    let mut pairs: Vec<(RelationIx, std::ops::Range<usize>)> = Vec::new();
    let mut start = 0;
    for group in linked.chunk_by(|a, b| a.0 == b.0) {
        pairs.push((group[0].1, start..start + group.len()));
        start += group.len();
    }
    pairs.sort_unstable_by_key(|&(first, _)| first);

    let mut graph = DiGraph::with_capacity(map.actors.len(), pairs.len());
    for actor in map.actor_indices() {
        graph.add_node(actor);
    }
    for (_, range) in pairs {
        let pair = &linked[range];
        let (from, to) = pair[0].0.actors();
        let mut link = ActorLink::default();
        for &(_, ix, kind) in pair {
            match kind {
                RelationKind::Supports => link.supports.push(ix),
                RelationKind::Rebuts | RelationKind::Undercuts => link.disputes.push(ix),
            }
        }
        graph.add_edge(
            NodeIndex::new(from.index()),
            NodeIndex::new(to.index()),
            link,
        );
    }
    graph
}

/// An ordered pair of actors as one number, ordered as the pair is: by the first actor, then by
/// the second.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct PairKey(u64);

impl PairKey {
    fn new(from: ActorIx, to: ActorIx) -> PairKey {
        PairKey(u64::from(from.0) << 32 | u64::from(to.0))
    }

    fn actors(self) -> (ActorIx, ActorIx) {
        // Both halves hold a u32: the casts keep every bit.
        (ActorIx((self.0 >> 32) as u32), ActorIx(self.0 as u32))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The actor graph as a plain reading of its documentation: relations in written order,
    /// each pair's edge made when the pair first appears, its relations appended in turn.
    fn actor_links_one_by_one(map: &Map, rollup: bool) -> Vec<(ActorIx, ActorIx, ActorLink)> {
        let lift = |actor: ActorIx| if rollup { map.root_actor(actor) } else { actor };
        let mut links: Vec<(ActorIx, ActorIx, ActorLink)> = Vec::new();
        for (ix, relation) in map.relation_indices().zip(&map.relations) {
            let from = lift(map.claim(relation.from).actor);
            let to = lift(target_actor(map, ix));
            if rollup && from == to {
                continue;
            }
            let at = match links.iter().position(|(f, t, _)| (*f, *t) == (from, to)) {
                Some(at) => at,
                None => {
                    links.push((from, to, ActorLink::default()));
                    links.len() - 1
                }
            };
            match relation.kind {
                RelationKind::Supports => links[at].2.supports.push(ix),
                RelationKind::Rebuts | RelationKind::Undercuts => links[at].2.disputes.push(ix),
            }
        }
        links
    }

    /// The same nodes, edges (in order) and relations behind each edge as the plain reading,
    /// with and without rollup, on the bundled map (undercuts, member_of chains) and on
    /// generated maps.
    #[test]
    fn actor_graph_groups_relations_by_pair_in_order_of_first_appearance() {
        let bundled = crate::load::load(std::path::Path::new("graphs/tiktok-wechat"))
            .unwrap_or_else(|e| panic!("bundled map loads: {e:?}"))
            .map;
        let generated =
            |claims, actors, seed| crate::generate::loaded_map(claims, actors, seed, 500);
        for map in [&bundled, &generated(1500, 40, 2), &generated(300, 120, 8)] {
            for rollup in [false, true] {
                let graph = actor_graph(map, rollup);
                let nodes: Vec<ActorIx> = graph.node_weights().copied().collect();
                assert_eq!(nodes, map.actor_indices().collect::<Vec<_>>());
                let edges: Vec<(ActorIx, ActorIx, ActorLink)> = graph
                    .raw_edges()
                    .iter()
                    .map(|edge| {
                        (
                            graph[edge.source()],
                            graph[edge.target()],
                            edge.weight.clone(),
                        )
                    })
                    .collect();
                let expected = actor_links_one_by_one(map, rollup);
                assert!(
                    expected.len() > 1,
                    "the map relates several pairs of actors"
                );
                assert_eq!(edges, expected, "rollup: {rollup}");
            }
        }
    }
}
