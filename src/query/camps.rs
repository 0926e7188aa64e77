//! Camps: a two-way split of the actors that agrees best with who supports and who disputes
//! whom.
//!
//! # Method
//!
//! Actors are rolled up (each counts as the top of its `member_of` chain), and relations inside
//! one rolled-up actor are dropped. Every remaining relation joins two actors: a support is a
//! positive link, a rebuttal or undercut a negative one (the *signed actor graph*). A split
//! into camps A and B goes *against* a support between the camps and against a dispute inside
//! a camp; the number of relations against a split is its *frustration*. Each connected part of
//! the signed graph (a [`Group`]) is split on its own, minimising frustration:
//!
//! - with at most [`EXACT_LIMIT`] actors, exactly: every split is tried (Gray-code order, each
//!   step flipping one actor and updating the frustration from its links), and the number of
//!   optimal splits is reported — more than one means the data do not decide between them;
//! - with more, greedily, from several seeds: breadth-first 2-colourings (an actor goes with its
//!   neighbour when their net link is positive, against it when negative) started from each
//!   actor in turn (at most [`GREEDY_STARTS`] of them, spread evenly), each improved by moving
//!   single actors while a move lowers the frustration; the best result is kept. It is a local
//!   optimum, not necessarily the best split.
//!
//! A split is *clean* when at most a fifth of the relations go against it
//! ([`Group::is_clean`]); otherwise the debate has no clean split into two camps.

use super::is_dispute;
use crate::model::{ActorIx, Map, Rollup};
use std::collections::{BTreeMap, VecDeque};

/// Groups of at most this many actors are split exactly; larger ones greedily.
pub const EXACT_LIMIT: usize = 20;

/// How a [`Group`] was split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Every split was tried; `optimal` of them reach the least frustration (counting a split
    /// and its mirror image once).
    Exact {
        /// How many splits reach the least frustration.
        optimal: usize,
    },
    /// Breadth-first 2-colourings from several actors, each improved by single-actor moves;
    /// the best of these local optima.
    Greedy,
}

/// Links between two rolled-up actors, both directions together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairLinks {
    /// Supports between them.
    pub supports: usize,
    /// Rebuttals and undercuts between them.
    pub disputes: usize,
}

/// A pair of actors whose links go against the split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Against {
    /// The first actor (the earlier in the map).
    pub a: ActorIx,
    /// The second actor.
    pub b: ActorIx,
    /// Whether they are in the same camp (then their disputes go against the split) or not
    /// (then their supports do).
    pub same_camp: bool,
    /// How many relations go against the split.
    pub count: usize,
}

/// One connected part of the signed actor graph, split in two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Camp A (the larger; on a tie, the one holding the earlier actor) and camp B, each in
    /// file order. Camp B is empty when no split does better than keeping everyone together.
    pub camps: [Vec<ActorIx>; 2],
    /// Supports between actors of the group.
    pub supports: usize,
    /// Disputes between actors of the group.
    pub disputes: usize,
    /// Relations against the split: supports across camps plus disputes within a camp.
    pub frustration: usize,
    /// The pairs behind the frustration, most relations first.
    pub against: Vec<Against>,
    /// How the split was found.
    pub method: Method,
}

impl Group {
    /// All relations between actors of the group.
    pub fn links(&self) -> usize {
        self.supports + self.disputes
    }

    /// Whether at most a fifth of the group's relations go against the split.
    pub fn is_clean(&self) -> bool {
        self.frustration * 5 <= self.links()
    }
}

/// The result of [`camps`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Camps {
    /// The connected parts of the signed actor graph, largest first (then file order).
    pub groups: Vec<Group>,
    /// Rolled-up actors with no support or dispute with another rolled-up actor.
    pub unlinked: Vec<ActorIx>,
}

/// Splits the (rolled-up) actors of `map` into camps; see the [module documentation](self).
pub fn camps(map: &Map) -> Camps {
    // Unordered pairs of distinct rolled-up actors.
    let mut pairs: BTreeMap<(ActorIx, ActorIx), PairLinks> = BTreeMap::new();
    let rolled_up = Rollup::new(map, true);
    for (ix, relation) in map.relation_indices().zip(&map.relations) {
        let from = rolled_up.lift(map.claim(relation.from).actor);
        let to = rolled_up.lift(crate::graph::target_actor(map, ix));
        if from == to {
            continue;
        }
        let entry = pairs.entry((from.min(to), from.max(to))).or_default();
        if is_dispute(relation.kind) {
            entry.disputes += 1;
        } else {
            entry.supports += 1;
        }
    }
    let n = map.actors.len();
    let mut neighbours: Vec<Vec<(ActorIx, PairLinks)>> = vec![Vec::new(); n];
    for (&(a, b), &links) in &pairs {
        neighbours[a.index()].push((b, links));
        neighbours[b.index()].push((a, links));
    }
    // Connected parts, each in file order.
    let mut component = vec![usize::MAX; n];
    let mut parts: Vec<Vec<ActorIx>> = Vec::new();
    let mut unlinked = Vec::new();
    for actor in map.actor_indices() {
        if map.actor(actor).member_of.is_some() || component[actor.index()] != usize::MAX {
            continue;
        }
        if neighbours[actor.index()].is_empty() {
            unlinked.push(actor);
            continue;
        }
        let id = parts.len();
        let mut members = vec![actor];
        component[actor.index()] = id;
        let mut queue = VecDeque::from([actor]);
        while let Some(at) = queue.pop_front() {
            for &(next, _) in &neighbours[at.index()] {
                if component[next.index()] == usize::MAX {
                    component[next.index()] = id;
                    members.push(next);
                    queue.push_back(next);
                }
            }
        }
        members.sort();
        parts.push(members);
    }
    let mut groups: Vec<Group> = parts
        .iter()
        .map(|members| split(members, &neighbours, &pairs))
        .collect();
    groups.sort_by(|x, y| {
        let size = |g: &Group| g.camps[0].len() + g.camps[1].len();
        size(y)
            .cmp(&size(x))
            .then(x.camps[0][0].cmp(&y.camps[0][0]))
    });
    Camps { groups, unlinked }
}

/// The frustration of `side` (one bool per member, by position) over `pairs`.
fn frustration_of(local: &[Vec<(usize, PairLinks)>], side: &[bool]) -> usize {
    let mut total = 0;
    for (i, links) in local.iter().enumerate() {
        for &(j, link) in links {
            if i < j {
                total += if side[i] == side[j] {
                    link.disputes
                } else {
                    link.supports
                };
            }
        }
    }
    total
}

/// How much the frustration grows when member `v` changes side (negative: it falls).
fn flip_delta(local: &[Vec<(usize, PairLinks)>], side: &[bool], v: usize) -> i64 {
    local[v]
        .iter()
        .map(|&(u, link)| {
            let (s, d) = (link.supports as i64, link.disputes as i64);
            if side[u] == side[v] { s - d } else { d - s }
        })
        .sum()
}

fn split(
    members: &[ActorIx],
    neighbours: &[Vec<(ActorIx, PairLinks)>],
    pairs: &BTreeMap<(ActorIx, ActorIx), PairLinks>,
) -> Group {
    let position = |actor: ActorIx| members.binary_search(&actor).ok();
    let local: Vec<Vec<(usize, PairLinks)>> = members
        .iter()
        .map(|a| {
            neighbours[a.index()]
                .iter()
                .filter_map(|&(b, links)| position(b).map(|j| (j, links)))
                .collect()
        })
        .collect();
    let size = members.len();
    let (side, method) = if size <= EXACT_LIMIT {
        exact(&local)
    } else {
        (greedy(&local), Method::Greedy)
    };
    let frustration = frustration_of(&local, &side);
    let mut camps: [Vec<ActorIx>; 2] = [Vec::new(), Vec::new()];
    for (i, &actor) in members.iter().enumerate() {
        camps[usize::from(side[i] != side[0])].push(actor);
    }
    if camps[1].len() > camps[0].len() {
        camps.swap(0, 1);
    }
    let mut against = Vec::new();
    let (mut supports, mut disputes) = (0, 0);
    for (&(a, b), link) in pairs {
        let (Some(i), Some(j)) = (position(a), position(b)) else {
            continue;
        };
        supports += link.supports;
        disputes += link.disputes;
        let same_camp = side[i] == side[j];
        let count = if same_camp {
            link.disputes
        } else {
            link.supports
        };
        if count > 0 {
            against.push(Against {
                a,
                b,
                same_camp,
                count,
            });
        }
    }
    against.sort_by(|x, y| y.count.cmp(&x.count).then((x.a, x.b).cmp(&(y.a, y.b))));
    Group {
        camps,
        supports,
        disputes,
        frustration,
        against,
        method,
    }
}

/// Tries every split (member 0 fixed on side `false`), in Gray-code order.
fn exact(local: &[Vec<(usize, PairLinks)>]) -> (Vec<bool>, Method) {
    let size = local.len();
    let mut side = vec![false; size];
    let mut current = frustration_of(local, &side) as i64;
    let mut best = current;
    let mut best_side = side.clone();
    let mut optimal = 1;
    let steps: u64 = 1 << (size.saturating_sub(1));
    for step in 1..steps {
        // The bit that changes between Gray codes step-1 and step; member 0 stays put.
        let v = step.trailing_zeros() as usize + 1;
        current += flip_delta(local, &side, v);
        side[v] = !side[v];
        match current.cmp(&best) {
            std::cmp::Ordering::Less => {
                best = current;
                best_side.clone_from(&side);
                optimal = 1;
            }
            std::cmp::Ordering::Equal => optimal += 1,
            std::cmp::Ordering::Greater => {}
        }
    }
    (best_side, Method::Exact { optimal })
}

/// How many starting actors `greedy` tries at most.
pub const GREEDY_STARTS: usize = 64;

/// Local search from several seeds; the best result (the first on a tie).
///
/// Each seed is a breadth-first 2-colouring by the sign of the net links, started from one
/// actor (every actor in a group of up to [`GREEDY_STARTS`], else that many spread evenly);
/// then single actors move, the best move first, while a move lowers the frustration.
fn greedy(local: &[Vec<(usize, PairLinks)>]) -> Vec<bool> {
    let size = local.len();
    let starts = size.min(GREEDY_STARTS);
    let mut best: Option<(usize, Vec<bool>)> = None;
    for k in 0..starts {
        let side = improve(local, colouring(local, k * size / starts));
        let frustration = frustration_of(local, &side);
        if best.as_ref().is_none_or(|(f, _)| frustration < *f) {
            best = Some((frustration, side));
        }
    }
    best.map(|(_, side)| side).unwrap_or_default()
}

/// A breadth-first 2-colouring from `root`: an actor goes with its neighbour when their net
/// link is positive (or zero), against it when negative.
fn colouring(local: &[Vec<(usize, PairLinks)>], root: usize) -> Vec<bool> {
    let size = local.len();
    let mut side = vec![false; size];
    let mut seen = vec![false; size];
    seen[root] = true;
    let mut queue = VecDeque::from([root]);
    while let Some(at) = queue.pop_front() {
        for &(next, link) in &local[at] {
            if !seen[next] {
                seen[next] = true;
                side[next] = if link.supports >= link.disputes {
                    side[at]
                } else {
                    !side[at]
                };
                queue.push_back(next);
            }
        }
    }
    side
}

/// Moves single actors, the best move first, while a move lowers the frustration. Each move
/// lowers it by at least one, so this ends.
fn improve(local: &[Vec<(usize, PairLinks)>], mut side: Vec<bool>) -> Vec<bool> {
    loop {
        let best = (0..local.len())
            .map(|v| (flip_delta(local, &side, v), v))
            .min();
        match best {
            Some((delta, v)) if delta < 0 => side[v] = !side[v],
            _ => break,
        }
    }
    side
}
