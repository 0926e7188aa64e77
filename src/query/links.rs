//! Who disputes whom, who supports whom: one row per ordered pair of actors.

use super::{Evidence, Link, in_scope};
use crate::graph::actor_graph;
use crate::model::{ActorIx, Map, RelationIx};
use petgraph::visit::EdgeRef;

/// Who disputes whom: actor A disputes actor B when a claim of A rebuts a claim of B, or
/// undercuts a relation made by a claim of B.
///
/// One row per ordered pair, most disputes first (then file order of the actors). With
/// `actor`, only rows where that actor is on either side: without `rollup`, the actor or one
/// of its members; with `rollup`, the rolled-up actor it belongs to. With `rollup`, actors count
/// as the top of their `member_of` chain and disputes inside one rolled-up actor are left out.
/// Rows join two different actors: an actor answering its own claims makes no row (see
/// [`crate::query::stats`] for those counts).
pub fn disputes(map: &Map, actor: Option<ActorIx>, rollup: bool) -> Vec<Link> {
    links(map, actor, rollup, |link| &link.disputes)
}

/// Who supports whom: actor A supports actor B when a claim of A supports a claim of B. Rows,
/// `actor` and `rollup` as for [`disputes`].
pub fn supports(map: &Map, actor: Option<ActorIx>, rollup: bool) -> Vec<Link> {
    links(map, actor, rollup, |link| &link.supports)
}

fn links(
    map: &Map,
    actor: Option<ActorIx>,
    rollup: bool,
    pick: impl Fn(&crate::graph::ActorLink) -> &Vec<RelationIx>,
) -> Vec<Link> {
    let graph = actor_graph(map, rollup);
    // With rollup the nodes are rolled-up actors: the scope's top is the one kept.
    let scope = actor.map(|scope| if rollup { map.root_actor(scope) } else { scope });
    let keep = |a: ActorIx| match scope {
        None => true,
        Some(scope) if rollup => a == scope,
        Some(scope) => in_scope(map, a, scope),
    };
    let mut rows: Vec<Link> = graph
        .edge_references()
        .filter_map(|edge| {
            let from = graph[edge.source()];
            let to = graph[edge.target()];
            let relations = pick(edge.weight());
            if from == to || relations.is_empty() || !(keep(from) || keep(to)) {
                return None;
            }
            Some(Link {
                from,
                to,
                evidence: relations.iter().map(|&r| Evidence::of(map, r)).collect(),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count()
            .cmp(&a.count())
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    rows
}
