//! How one claim bears on another: chains of relations between them.

use crate::model::{ClaimIx, Map, RelationIx, Target};
use std::collections::VecDeque;

/// One step of a [`Chain`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The relation walked.
    pub relation: RelationIx,
    /// The claim the step leaves.
    pub from: ClaimIx,
    /// The claim the step reaches.
    pub to: ClaimIx,
    /// Whether the step goes the relation's way (`from` makes the relation). A backward step
    /// reads "`from` is supported/rebutted/undercut by `to`".
    pub forward: bool,
}

/// A chain of relations from the first claim to the second.
pub type Chain = Vec<Hop>;

/// The result of [`paths`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// Chains, shortest first (then in the order the relations are written), at most the limit.
    pub chains: Vec<Chain>,
    /// The number of hops of the shortest chain; `None` when the claims are not connected.
    pub shortest: Option<usize>,
    /// Whether the search stopped at its work bound before it had listed every chain of the
    /// lengths it reached (only on very large, dense maps).
    pub truncated: bool,
}

/// How many search steps [`paths`] takes at most.
const WORK: usize = 200_000;

/// Chains of relations from claim `from` to claim `to`, shortest first, at most `limit` of
/// them and none longer than `max_hops`.
///
/// The walk is undirected, so a chain may go against a relation ("A is rebutted by B"); each
/// [`Hop`] says which way it goes. A support or rebuttal joins its two claims; an undercut
/// joins its claim to both claims of the relation it attacks. Chains are simple: no claim and
/// no relation appears twice. `from == to` gives one chain of no hops.
pub fn paths(map: &Map, from: ClaimIx, to: ClaimIx, limit: usize, max_hops: usize) -> Paths {
    // Undirected adjacency: (neighbour, relation, forward).
    let mut adjacent: Vec<Vec<(ClaimIx, RelationIx, bool)>> = vec![Vec::new(); map.claims.len()];
    for (ix, relation) in map.relation_indices().zip(&map.relations) {
        let ends = match relation.target {
            Target::Claim(claim) => vec![claim],
            Target::Relation(attacked) => {
                let first = map.relation(attacked).from;
                let last = map.relation_target_claim(attacked);
                if first == last {
                    vec![first]
                } else {
                    vec![first, last]
                }
            }
        };
        for end in ends {
            if end == relation.from {
                continue;
            }
            adjacent[relation.from.index()].push((end, ix, true));
            adjacent[end.index()].push((relation.from, ix, false));
        }
    }
    // Distances to `to`, for pruning.
    let mut distance = vec![usize::MAX; map.claims.len()];
    distance[to.index()] = 0;
    let mut queue = VecDeque::from([to]);
    while let Some(claim) = queue.pop_front() {
        for &(next, _, _) in &adjacent[claim.index()] {
            if distance[next.index()] == usize::MAX {
                distance[next.index()] = distance[claim.index()] + 1;
                queue.push_back(next);
            }
        }
    }
    let shortest = (distance[from.index()] != usize::MAX).then_some(distance[from.index()]);
    let mut result = Paths {
        chains: Vec::new(),
        shortest,
        truncated: false,
    };
    let Some(shortest) = shortest else {
        return result;
    };
    let mut search = Search {
        adjacent: &adjacent,
        distance: &distance,
        to,
        limit,
        work: 0,
        on_path: vec![false; map.claims.len()],
        chain: Vec::new(),
        found: Vec::new(),
    };
    search.on_path[from.index()] = true;
    for length in shortest..=max_hops.max(shortest) {
        if search.found.len() >= limit || search.work > WORK {
            break;
        }
        search.walk(from, length);
    }
    result.truncated = search.work > WORK;
    result.chains = search.found;
    result
}

struct Search<'a> {
    adjacent: &'a [Vec<(ClaimIx, RelationIx, bool)>],
    distance: &'a [usize],
    to: ClaimIx,
    limit: usize,
    work: usize,
    on_path: Vec<bool>,
    chain: Chain,
    found: Vec<Chain>,
}

impl Search<'_> {
    /// Extends the current chain (ending at `at`) to chains of exactly `length` hops.
    fn walk(&mut self, at: ClaimIx, length: usize) {
        if self.found.len() >= self.limit || self.work > WORK {
            return;
        }
        self.work += 1;
        if at == self.to {
            if self.chain.len() == length {
                self.found.push(self.chain.clone());
            }
            return;
        }
        let adjacent = self.adjacent;
        for &(next, relation, forward) in &adjacent[at.index()] {
            let remaining = length - self.chain.len();
            if remaining == 0
                || self.distance[next.index()] > remaining - 1
                || self.on_path[next.index()]
                || self.chain.iter().any(|hop| hop.relation == relation)
            {
                continue;
            }
            self.on_path[next.index()] = true;
            self.chain.push(Hop {
                relation,
                from: at,
                to: next,
                forward,
            });
            self.walk(next, length);
            self.chain.pop();
            self.on_path[next.index()] = false;
        }
    }
}
