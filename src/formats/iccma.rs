//! ICCMA 2023: the map's Dung framework (`p af N`, then one `i j` line per attack), with a legend
//! of what each argument stands for as `#` comment lines, which ICCMA readers skip.
//!
//! The framework is the one `argraph eval` evaluates ([`crate::semantics::map::from_map`]):
//! arguments `1..=n` are the claims in map order, rebuttals are attacks, and supports and
//! undercuts are translated under the chosen support mode; an undercut adds auxiliary arguments
//! after the claims (`docs/semantics.md`). `argraph solve` reads the file back.

use crate::model::{Map, RelationIx};
use crate::semantics::bipolar::{ArgOrigin, FlattenError, SupportMode};
use crate::semantics::iccma::write_iccma23;
use crate::semantics::map::from_map;
use std::fmt::Write;

/// The map's framework under `support`, in the ICCMA 2023 format with an id legend.
pub fn to_string(map: &Map, support: SupportMode) -> Result<String, FlattenError> {
    let flat = from_map(map, support)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# argraph: the map's framework, supports {support}: {} claims, {} arguments, {} attacks",
        flat.n_claims,
        flat.af.len(),
        flat.af.attack_list().count()
    );
    out.push_str("# argument: what it stands for\n");
    let claim = |c: u32| {
        map.claims
            .get_index(c as usize)
            .map_or("?", |(id, _)| id.as_str())
    };
    let relation = |r: usize| describe_relation(map, r);
    for (position, origin) in flat.origin.iter().enumerate() {
        let number = position + 1;
        let _ = match origin {
            ArgOrigin::Claim(c) => writeln!(out, "# {number} {}", claim(*c)),
            ArgOrigin::Attack {
                from,
                to,
                base,
                relies_on,
            } => {
                let relies: Vec<String> = relies_on.iter().map(|&r| relation(r)).collect();
                writeln!(
                    out,
                    "# {number} (auxiliary) the attack {} -> {}, derived from {}, relying on the undercut {}",
                    claim(*from),
                    claim(*to),
                    relation(*base),
                    relies.join("; ")
                )
            }
            ArgOrigin::Undercut { relation: r } => {
                writeln!(
                    out,
                    "# {number} (auxiliary) the undercut {} holds",
                    relation(*r)
                )
            }
        };
    }
    out.push_str(&write_iccma23(&flat.af));
    Ok(out)
}

/// `a supports b`, `c undercuts [a supports b]`, with the relation's id when it has one.
fn describe_relation(map: &Map, index: usize) -> String {
    let Some(relation) = map.relations.get(index) else {
        return format!("relation {index}");
    };
    let target = match relation.target {
        crate::model::Target::Claim(c) => map.claim(c).id.clone(),
        crate::model::Target::Relation(r) => format!("[{}]", describe_relation(map, r.index())),
    };
    let text = format!("{} {} {target}", map.claim(relation.from).id, relation.kind);
    match &map.relation(RelationIx::new(index)).id {
        Some(id) => format!("{id} ({text})"),
        None => text,
    }
}
