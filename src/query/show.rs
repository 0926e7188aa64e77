//! One claim and what stands behind it: its supporters and rebutters, and theirs, as a tree.

use crate::model::{ClaimIx, Map, RelationIx, RelationKind, Target};
use std::collections::HashSet;

/// Why a node of a [`Tree`] is not expanded although the depth allows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cut {
    /// The claim is already on the path from the root: expanding it would loop.
    Cycle,
    /// The claim is expanded elsewhere in the tree (at the same or a shallower depth).
    Repeated,
}

/// One node of a [`Tree`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The claim.
    pub claim: ClaimIx,
    /// How the claim bears on its parent: a support or rebuttal of the parent claim, or an
    /// undercut of the relation that joins the parent to *its* parent. `None` for the root.
    pub via: Option<RelationIx>,
    /// Distance from the root (the root is 0).
    pub depth: usize,
    /// Children (indices into [`Tree::nodes`]): supporters, then rebutters, then undercutters,
    /// each in file order.
    pub children: Vec<usize>,
    /// Set when the node has children that are not shown, to cut a cycle or a repeat.
    pub cut: Option<Cut>,
}

/// The tree of [`show`]: `nodes[0]` is the claim asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    /// Nodes in breadth-first order; the root first.
    pub nodes: Vec<Node>,
    /// The relations the root claim itself makes (what it supports, rebuts or undercuts), in
    /// file order.
    pub answers: Vec<RelationIx>,
    /// The depth asked for.
    pub depth: usize,
}

impl Tree {
    /// The root node.
    pub fn root(&self) -> &Node {
        &self.nodes[0]
    }
}

/// The claim `claim` with what supports and rebuts it, to `depth` levels (1: its direct
/// supporters and rebutters; 0: the claim alone), and the undercuts of each link shown.
///
/// The tree is built breadth first. A claim is expanded once, at its shallowest place; a later
/// occurrence is shown with [`Cut::Repeated`], or [`Cut::Cycle`] when it is its own ancestor,
/// so the tree has at most one node per relation (plus the root) whatever the depth.
pub fn show(map: &Map, claim: ClaimIx, depth: usize) -> Tree {
    let mut into_claim: Vec<Vec<RelationIx>> = vec![Vec::new(); map.claims.len()];
    let mut into_relation: Vec<Vec<RelationIx>> = vec![Vec::new(); map.relations.len()];
    for (ix, relation) in map.relation_indices().zip(&map.relations) {
        match relation.target {
            Target::Claim(c) => into_claim[c.index()].push(ix),
            Target::Relation(r) => into_relation[r.index()].push(ix),
        }
    }
    let rank = |r: &RelationIx| match map.relation(*r).kind {
        RelationKind::Supports => 0,
        RelationKind::Rebuts => 1,
        RelationKind::Undercuts => 2,
    };
    for list in &mut into_claim {
        list.sort_by_key(|r| (rank(r), *r));
    }
    let children_of = |claim: ClaimIx, via: Option<RelationIx>| -> Vec<RelationIx> {
        let mut list = into_claim[claim.index()].clone();
        if let Some(via) = via {
            list.extend(into_relation[via.index()].iter().copied());
        }
        list
    };

    let mut nodes = vec![Node {
        claim,
        via: None,
        depth: 0,
        children: Vec::new(),
        cut: None,
    }];
    let mut parent: Vec<Option<usize>> = vec![None];
    let mut placed: HashSet<ClaimIx> = HashSet::from([claim]);
    let mut next = 0;
    while next < nodes.len() {
        let current = next;
        next += 1;
        if nodes[current].depth >= depth || nodes[current].cut.is_some() {
            continue;
        }
        for relation in children_of(nodes[current].claim, nodes[current].via) {
            let child_claim = map.relation(relation).from;
            let child_depth = nodes[current].depth + 1;
            let on_path = {
                let mut at = Some(current);
                let mut found = false;
                while let Some(ix) = at {
                    if nodes[ix].claim == child_claim {
                        found = true;
                        break;
                    }
                    at = parent[ix];
                }
                found
            };
            let expandable =
                child_depth < depth && !children_of(child_claim, Some(relation)).is_empty();
            let cut = if on_path {
                expandable.then_some(Cut::Cycle)
            } else if !placed.insert(child_claim) {
                expandable.then_some(Cut::Repeated)
            } else {
                None
            };
            let ix = nodes.len();
            nodes.push(Node {
                claim: child_claim,
                via: Some(relation),
                depth: child_depth,
                children: Vec::new(),
                cut,
            });
            parent.push(Some(current));
            nodes[current].children.push(ix);
        }
    }
    let answers = map
        .relation_indices()
        .filter(|&r| map.relation(r).from == claim)
        .collect();
    Tree {
        nodes,
        answers,
        depth,
    }
}
