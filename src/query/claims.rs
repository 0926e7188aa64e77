//! Claims filtered by who makes them, whom they are about, where and with which tag.

use super::in_scope;
use crate::model::{ActorIx, ClaimIx, Map, SourceIx};

/// Which claims [`claims`] keeps; every filter given must hold (an empty filter keeps all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Claims made by this actor or one of its members (transitively).
    pub actor: Option<ActorIx>,
    /// Claims about this actor or one of its members (transitively).
    pub about: Option<ActorIx>,
    /// Claims from this source.
    pub source: Option<SourceIx>,
    /// Claims with this tag.
    pub tag: Option<String>,
}

/// The claims that pass `filter`, in file order.
pub fn claims(map: &Map, filter: &ClaimFilter) -> Vec<ClaimIx> {
    map.claim_indices()
        .filter(|&ix| {
            let claim = map.claim(ix);
            filter
                .actor
                .is_none_or(|scope| in_scope(map, claim.actor, scope))
                && filter
                    .about
                    .is_none_or(|scope| claim.about.iter().any(|&a| in_scope(map, a, scope)))
                && filter.source.is_none_or(|source| claim.source == source)
                && filter
                    .tag
                    .as_ref()
                    .is_none_or(|tag| claim.tags.iter().any(|t| t == tag))
        })
        .collect()
}
