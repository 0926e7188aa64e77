//! Selections: which claims (or actors) a diagram keeps.
//!
//! Distances count *exchanges*: a support or rebuttal joins its two claims (1 hop), and an
//! undercut joins its claim to every claim of the link it attacks, and to those of any link
//! attacking that link (also 1 hop). So a claim's neighbourhood of depth 1 holds what it
//! supports, what rebuts it, and every undercut of a link it takes part in — together with the
//! claims those undercuts need to be drawn.

use crate::model::{ActorIx, ClaimIx, Map, RelationIx, Target};
use crate::suggest::closest;
use std::collections::VecDeque;
use std::fmt;

/// What part of a map a diagram shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    /// Everything.
    #[default]
    All,
    /// The claims of these actors (and of their members), and the claims one hop away.
    Actors(Vec<ActorIx>),
    /// The claims at most `depth` hops from `claim`, in either direction.
    Focus {
        /// The claim in the middle.
        claim: ClaimIx,
        /// How many hops to follow.
        depth: usize,
    },
    /// Several claims in the middle (a question's answers, each drawn as a focus), and the
    /// claims at most `depth` hops from any of them.
    Claims {
        /// The claims in the middle, in the order given.
        claims: Vec<ClaimIx>,
        /// How many hops to follow.
        depth: usize,
    },
}

/// Why a claim is in a diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Selected: the whole map, a selected actor's claim, or a claim near the focus.
    Selected,
    /// The focus claim of a [`Selection::Focus`], or one of the claims of a
    /// [`Selection::Claims`].
    Focus,
    /// Kept as context: a neighbour of a selected actor's claim.
    Context,
}

/// An id given on the command line that the map does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownId {
    /// `actor` or `claim`.
    pub kind: &'static str,
    /// The id as typed.
    pub id: String,
    /// A close id of the right kind, when there is one.
    pub did_you_mean: Option<String>,
    /// What the id is instead, when it names something of another kind (`a claim`).
    pub is_instead: Option<&'static str>,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no {} `{}` in the map", self.kind, self.id)?;
        if let Some(other) = self.is_instead {
            write!(f, " (`{}` is {other})", self.id)?;
        }
        if let Some(hint) = &self.did_you_mean {
            write!(f, "; did you mean `{hint}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownId {}

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

/// Looks up an actor id, with a did-you-mean hint when it is unknown.
pub fn actor(map: &Map, id: &str) -> Result<ActorIx, UnknownId> {
    map.actor_ix(id).ok_or_else(|| UnknownId {
        kind: "actor",
        id: id.to_owned(),
        did_you_mean: closest(id, map.actors.keys().map(String::as_str)).map(str::to_owned),
        is_instead: what_is(map, id),
    })
}

/// Looks up a question id, with a did-you-mean hint when it is unknown.
pub fn question<'m>(map: &'m Map, id: &str) -> Result<&'m crate::model::Question, UnknownId> {
    map.question(id).ok_or_else(|| UnknownId {
        kind: "question",
        id: id.to_owned(),
        did_you_mean: closest(id, map.questions.keys().map(String::as_str)).map(str::to_owned),
        is_instead: what_is(map, id),
    })
}

/// Looks up a claim id, with a did-you-mean hint when it is unknown.
pub fn claim(map: &Map, id: &str) -> Result<ClaimIx, UnknownId> {
    map.claim_ix(id).ok_or_else(|| UnknownId {
        kind: "claim",
        id: id.to_owned(),
        did_you_mean: closest(id, map.claims.keys().map(String::as_str)).map(str::to_owned),
        is_instead: what_is(map, id),
    })
}

/// What a selection keeps of a map's claims and relations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    /// For each claim (by index): whether it is drawn, and why.
    pub claims: Vec<Option<Role>>,
    /// For each relation (by index): whether it is drawn. A relation is drawn when its claim is
    /// kept and its target is (a kept claim, or a drawn relation).
    pub relations: Vec<bool>,
}

impl Kept {
    /// The kept claims, in map order.
    pub fn claim_indices(&self) -> impl Iterator<Item = ClaimIx> + '_ {
        self.claims
            .iter()
            .enumerate()
            .filter(|(_, role)| role.is_some())
            .map(|(i, _)| ClaimIx::new(i))
    }

    /// The role of `claim`, when it is kept.
    pub fn role(&self, claim: ClaimIx) -> Option<Role> {
        self.claims.get(claim.index()).copied().flatten()
    }

    /// Whether `relation` is drawn.
    pub fn has_relation(&self, relation: RelationIx) -> bool {
        self.relations
            .get(relation.index())
            .copied()
            .unwrap_or(false)
    }
}

/// Whether `actor` is one of `selected` or a member (at any depth) of one of them.
fn in_selected(map: &Map, actor: ActorIx, selected: &[ActorIx]) -> bool {
    selected.contains(&actor)
        || map
            .ancestors(actor)
            .any(|ancestor| selected.contains(&ancestor))
}

/// Computes what `selection` keeps of `map`.
pub fn kept(map: &Map, selection: &Selection) -> Kept {
    let claims = match selection {
        Selection::All => vec![Some(Role::Selected); map.claims.len()],
        Selection::Actors(actors) => {
            let seeds: Vec<ClaimIx> = map
                .claim_indices()
                .filter(|&c| in_selected(map, map.claim(c).actor, actors))
                .collect();
            let distance = Exchanges::new(map).distances(&seeds, 1);
            distance
                .iter()
                .map(|d| match d {
                    Some(0) => Some(Role::Selected),
                    Some(_) => Some(Role::Context),
                    None => None,
                })
                .collect()
        }
        Selection::Focus { claim, depth } => {
            let distance = Exchanges::new(map).distances(&[*claim], *depth);
            distance
                .iter()
                .map(|d| match d {
                    Some(0) => Some(Role::Focus),
                    Some(_) => Some(Role::Selected),
                    None => None,
                })
                .collect()
        }
        Selection::Claims { claims, depth } => {
            let distance = Exchanges::new(map).distances(claims, *depth);
            distance
                .iter()
                .map(|d| match d {
                    Some(0) => Some(Role::Focus),
                    Some(_) => Some(Role::Selected),
                    None => None,
                })
                .collect()
        }
    };
    let relations = drawn_relations(map, &claims);
    Kept { claims, relations }
}

/// Which relations can be drawn when `claims` are kept.
fn drawn_relations(map: &Map, claims: &[Option<Role>]) -> Vec<bool> {
    let mut drawn: Vec<Option<bool>> = vec![None; map.relations.len()];
    let mut chain: Vec<RelationIx> = Vec::new();
    for start in map.relation_indices() {
        // Walk the undercut chain until a claim or a relation already decided, then decide
        // the chain from its end back (chains are acyclic; the loader checks).
        chain.clear();
        let mut current = start;
        let end_drawn = loop {
            if let Some(known) = drawn[current.index()] {
                break known;
            }
            chain.push(current);
            match map.relation(current).target {
                Target::Claim(target) => break claims[target.index()].is_some(),
                Target::Relation(next) => current = next,
            }
        };
        let mut target_drawn = end_drawn;
        for &relation in chain.iter().rev() {
            let here = target_drawn && claims[map.relation(relation).from.index()].is_some();
            drawn[relation.index()] = Some(here);
            target_drawn = here;
        }
    }
    drawn.into_iter().map(|d| d.unwrap_or(false)).collect()
}

/// The graph behind hop distances: claims, and one hub per relation. A claim and a relation it
/// makes or targets are half a hop apart; an undercut's hub and the hub of the relation it
/// attacks are zero apart. Distances below are in half hops.
struct Exchanges {
    claim_hubs: Vec<Vec<RelationIx>>,
    hub_claims: Vec<Vec<ClaimIx>>,
    hub_hubs: Vec<Vec<RelationIx>>,
}

impl Exchanges {
    fn new(map: &Map) -> Exchanges {
        let mut claim_hubs = vec![Vec::new(); map.claims.len()];
        let mut hub_claims = vec![Vec::new(); map.relations.len()];
        let mut hub_hubs = vec![Vec::new(); map.relations.len()];
        for (ix, relation) in map.relation_indices().zip(&map.relations) {
            claim_hubs[relation.from.index()].push(ix);
            hub_claims[ix.index()].push(relation.from);
            match relation.target {
                Target::Claim(target) => {
                    claim_hubs[target.index()].push(ix);
                    hub_claims[ix.index()].push(target);
                }
                Target::Relation(attacked) => {
                    hub_hubs[ix.index()].push(attacked);
                    hub_hubs[attacked.index()].push(ix);
                }
            }
        }
        Exchanges {
            claim_hubs,
            hub_claims,
            hub_hubs,
        }
    }

    /// Hop distance from the nearest of `seeds` to every claim, up to `depth` hops (`None`
    /// beyond). A 0-1 breadth-first search: linear in the size of the map.
    fn distances(&self, seeds: &[ClaimIx], depth: usize) -> Vec<Option<usize>> {
        #[derive(Clone, Copy)]
        enum At {
            Claim(ClaimIx),
            Hub(RelationIx),
        }
        let limit = depth.saturating_mul(2);
        let mut claim_half: Vec<Option<usize>> = vec![None; self.claim_hubs.len()];
        let mut hub_half: Vec<Option<usize>> = vec![None; self.hub_claims.len()];
        let mut queue: VecDeque<(At, usize)> = VecDeque::new();
        for &seed in seeds {
            if let Some(slot) = claim_half.get_mut(seed.index()) {
                *slot = Some(0);
                queue.push_back((At::Claim(seed), 0));
            }
        }
        while let Some((at, half)) = queue.pop_front() {
            match at {
                At::Claim(claim) => {
                    if claim_half[claim.index()] != Some(half) || half + 1 > limit {
                        continue;
                    }
                    for &hub in &self.claim_hubs[claim.index()] {
                        if hub_half[hub.index()].is_none_or(|d| d > half + 1) {
                            hub_half[hub.index()] = Some(half + 1);
                            queue.push_back((At::Hub(hub), half + 1));
                        }
                    }
                }
                At::Hub(hub) => {
                    if hub_half[hub.index()] != Some(half) {
                        continue;
                    }
                    for &other in &self.hub_hubs[hub.index()] {
                        if hub_half[other.index()].is_none_or(|d| d > half) {
                            hub_half[other.index()] = Some(half);
                            queue.push_front((At::Hub(other), half));
                        }
                    }
                    if half < limit {
                        for &claim in &self.hub_claims[hub.index()] {
                            if claim_half[claim.index()].is_none_or(|d| d > half + 1) {
                                claim_half[claim.index()] = Some(half + 1);
                                queue.push_back((At::Claim(claim), half + 1));
                            }
                        }
                    }
                }
            }
        }
        claim_half
            .into_iter()
            .map(|half| half.map(|h| h / 2))
            .collect()
    }
}
