//! Questions people ask of a debate, as plain functions on a loaded [`Map`].
//!
//! Each query lives in its own module and returns typed rows (indices into the map, counts);
//! nothing here prints. The CLI (`argraph disputes`, `supports`, `claims`, `show`, `contested`,
//! `path`, `camps`, `stats`, `questions`, `exercises`) and Rust users share them.
//!
//! - [`links::disputes`] / [`links::supports`]: who disputes (backs) whom, one row per ordered
//!   pair of actors, with the claim pairs behind it.
//! - [`claims::claims`]: claims filtered by actor, subject, source, tag.
//! - [`show::show`]: a claim with what supports and rebuts it, as a tree.
//! - [`contested::contested`]: the most rebutted claims, the most disputing and disputed actors.
//! - [`path::paths`]: chains of relations from one claim to another.
//! - [`camps::camps`]: a two-way split of the actors that agrees best with supports and disputes.
//! - [`stats::stats`]: counts per kind, source and actor.
//! - [`questions::questions`]: the debate's questions, with the claims for and against and
//!   whether each stands under a semantics.
//! - [`exercises::exercises`]: the map's exercises, each with the answer the semantics gives.
//!
//! # Conventions
//!
//! - **Disputes** are rebuttals and undercuts. A rebuttal answers the actor of the claim it
//!   rebuts. An undercut attacks a *relation* (the link "X supports Y" or "X rebuts Y"), not a
//!   claim: it is counted against the actor of that relation's *source* claim `X`, whose
//!   reasoning it contests (as [`crate::graph::target_actor`] does), and its evidence pair names
//!   `X` as the claim disputed.
//! - **Scopes**: an actor filter without rollup keeps the actor and its members, transitively
//!   (`us-gov` covers Pompeo); with rollup every actor counts as the top of its `member_of`
//!   chain ([`Map::root_actor`]), and relations inside one rolled-up actor are left out.
//! - Orders are deterministic: counts first, then file order.

pub mod camps;
pub mod claims;
pub mod contested;
pub mod exercises;
pub mod links;
pub mod lookup;
pub mod path;
pub mod questions;
pub mod show;
pub mod stats;

use crate::model::{ActorIx, ClaimIx, Map, RelationIx, RelationKind};

/// One relation behind a [`Link`]: the claim that makes it and the claim it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Evidence {
    /// The relation.
    pub relation: RelationIx,
    /// Its source claim (by the `from` actor).
    pub from_claim: ClaimIx,
    /// The claim it answers (by the `to` actor): the target claim, or for an undercut the source
    /// claim of the relation it attacks.
    pub to_claim: ClaimIx,
}

impl Evidence {
    /// The evidence of relation `relation`.
    pub fn of(map: &Map, relation: RelationIx) -> Evidence {
        Evidence {
            relation,
            from_claim: map.relation(relation).from,
            to_claim: crate::graph::answered_claim(map, relation),
        }
    }
}

/// One row of [`links::disputes`] or [`links::supports`]: actor `from` answers actor `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The actor whose claims dispute (support) the other's.
    pub from: ActorIx,
    /// The actor answered.
    pub to: ActorIx,
    /// The relations behind the row, in file order; the row's count is its length.
    pub evidence: Vec<Evidence>,
}

impl Link {
    /// How many relations stand behind the row.
    pub fn count(&self) -> usize {
        self.evidence.len()
    }
}

/// Whether a relation is a dispute (a rebuttal or an undercut).
pub fn is_dispute(kind: RelationKind) -> bool {
    matches!(kind, RelationKind::Rebuts | RelationKind::Undercuts)
}

/// Whether `actor` is `scope` or one of its members (transitively).
pub fn in_scope(map: &Map, actor: ActorIx, scope: ActorIx) -> bool {
    actor == scope || map.ancestors(actor).any(|a| a == scope)
}
