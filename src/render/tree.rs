//! The nesting of actor clusters: members inside their organisation's cluster, at most
//! [`MAX_NEST`] clusters deep (deeper members sit beside their organisation's cluster).

use crate::model::{ActorIx, Map};

/// How many clusters may nest: an official in an agency in a government.
pub(super) const MAX_NEST: usize = 3;

/// Display parents of actor clusters.
pub(super) struct ActorTree {
    parent: Vec<Option<ActorIx>>,
}

impl ActorTree {
    /// The tree of `map`'s actors, by `member_of`, flattened below [`MAX_NEST`] levels.
    pub(super) fn new(map: &Map) -> ActorTree {
        let n = map.actors.len();
        // Depth of every actor in its member_of chain, memoised (chains are acyclic).
        let mut depth: Vec<Option<usize>> = vec![None; n];
        let mut path = Vec::new();
        for start in map.actor_indices() {
            path.clear();
            let mut current = start;
            let base = loop {
                if let Some(known) = depth[current.index()] {
                    break known + 1;
                }
                path.push(current);
                match map.actor(current).member_of {
                    Some(parent) => current = parent,
                    None => break 0,
                }
            };
            for (offset, actor) in path.iter().rev().enumerate() {
                depth[actor.index()] = Some(base + offset);
            }
        }
        let depth: Vec<usize> = depth.into_iter().map(|d| d.unwrap_or(0)).collect();
        // The ancestor at depth MAX_NEST - 2 of every actor at least that deep, in depth order.
        let keep = MAX_NEST.saturating_sub(2);
        let mut order: Vec<ActorIx> = map.actor_indices().collect();
        order.sort_by_key(|a| depth[a.index()]);
        let mut anchor: Vec<Option<ActorIx>> = vec![None; n];
        for &actor in &order {
            anchor[actor.index()] = match depth[actor.index()].cmp(&keep) {
                std::cmp::Ordering::Less => None,
                std::cmp::Ordering::Equal => Some(actor),
                std::cmp::Ordering::Greater => map
                    .actor(actor)
                    .member_of
                    .and_then(|parent| anchor[parent.index()]),
            };
        }
        let parent = map
            .actor_indices()
            .map(|actor| {
                let member_of = map.actor(actor).member_of?;
                if depth[actor.index()] < MAX_NEST {
                    Some(member_of)
                } else {
                    anchor[actor.index()]
                }
            })
            .collect();
        ActorTree { parent }
    }

    /// The cluster `actor`'s cluster is drawn in.
    pub(super) fn parent(&self, actor: ActorIx) -> Option<ActorIx> {
        self.parent.get(actor.index()).copied().flatten()
    }

    /// `actor` and the clusters around it, innermost first (at most [`MAX_NEST`] + 1).
    pub(super) fn chain(&self, actor: ActorIx) -> impl Iterator<Item = ActorIx> + '_ {
        std::iter::successors(Some(actor), |&last| self.parent(last)).take(MAX_NEST + 1)
    }

    /// The innermost cluster holding both `a` and `b` (`None`: the top level).
    pub(super) fn common(&self, a: Option<ActorIx>, b: Option<ActorIx>) -> Option<ActorIx> {
        let (a, b) = (a?, b?);
        self.chain(b)
            .find(|&around_b| self.chain(a).any(|around_a| around_a == around_b))
    }

    /// Which actors need a cluster: those with something to draw inside (`has_items`), and the
    /// clusters around them.
    pub(super) fn needed(&self, has_items: &[bool]) -> Vec<bool> {
        let mut needed = vec![false; has_items.len()];
        for (i, &items) in has_items.iter().enumerate() {
            if items {
                for actor in self.chain(ActorIx::new(i)) {
                    needed[actor.index()] = true;
                }
            }
        }
        needed
    }

    /// The children of every cluster among `needed`, in map order, and the top-level ones.
    pub(super) fn children(&self, needed: &[bool]) -> (Vec<Vec<ActorIx>>, Vec<ActorIx>) {
        let mut children = vec![Vec::new(); needed.len()];
        let mut top = Vec::new();
        for (i, &is_needed) in needed.iter().enumerate() {
            if !is_needed {
                continue;
            }
            let actor = ActorIx::new(i);
            match self.parent(actor) {
                Some(parent) if needed[parent.index()] => children[parent.index()].push(actor),
                _ => top.push(actor),
            }
        }
        (children, top)
    }
}
