//! [GraphML](http://graphml.graphdrawing.org/), for yEd, Gephi, Cytoscape and draw.io: the
//! claim graph, with every attribute declared as a GraphML key (`<key id for attr.name
//! attr.type>`) before the graph, as the GraphML primer requires.
//!
//! - Each claim is a node (`kind` `claim`) whose id is the claim's id, with its label (the
//!   id), text, actor (name and id), source (title and id), date, quote, tags (comma-separated)
//!   and note.
//! - Each support or rebuttal is a directed edge from the claim that makes it to its target,
//!   with its `kind`, id and note.
//! - GraphML has no edge that points at an edge. So a relation that something undercuts is
//!   also a node (`kind` `relation`, its id the relation's id): the relation's source claim
//!   points at it and it points at the target, both edges carrying the relation's kind and
//!   id, and each undercut is an edge (`kind` `undercuts`) into that node.
//!
//! Actors' kinds, roles and memberships, sources' other fields and expectations are not
//! written: GraphML here is for drawing and measuring the claim graph. Characters XML 1.0
//! forbids (control characters other than tab and line breaks) become U+FFFD.

use crate::model::{Map, RelationIx, Target};
use std::fmt::Write as _;

/// The attributes declared as GraphML keys: (key id, for, attr.name).
const KEYS: [(&str, &str, &str); 14] = [
    ("d0", "node", "kind"),
    ("d1", "node", "label"),
    ("d2", "node", "text"),
    ("d3", "node", "actor"),
    ("d4", "node", "actor_id"),
    ("d5", "node", "source"),
    ("d6", "node", "source_id"),
    ("d7", "node", "date"),
    ("d8", "node", "quote"),
    ("d9", "node", "tags"),
    ("d10", "node", "note"),
    ("d11", "edge", "kind"),
    ("d12", "edge", "relation"),
    ("d13", "edge", "note"),
];

/// Writes the claim graph of `map` as a GraphML document (layout in the
/// [module documentation](self)).
pub fn to_string(map: &Map) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, domain, name) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"string\"/>"
        );
    }
    out.push_str("  <graph id=\"G\" edgedefault=\"directed\">\n");

    let reified = undercut_targets(map);
    for claim in map.claims.values() {
        let actor = map.actor(claim.actor);
        let source = map.source(claim.source);
        let mut data = vec![
            ("d0", "claim".to_owned()),
            ("d1", claim.id.clone()),
            ("d2", claim.text.clone()),
            ("d3", actor.name.clone()),
            ("d4", actor.id.clone()),
            ("d5", source.title.clone()),
            ("d6", source.id.clone()),
        ];
        if let Some(date) = claim.date {
            data.push(("d7", date.to_string()));
        }
        if let Some(quote) = &claim.quote {
            data.push(("d8", quote.clone()));
        }
        if !claim.tags.is_empty() {
            data.push(("d9", claim.tags.join(", ")));
        }
        if let Some(note) = &claim.note {
            data.push(("d10", note.clone()));
        }
        write_element(&mut out, "node", &[("id", &claim.id)], &data);
    }
    for &relation in &reified {
        let record = map.relation(relation);
        let id = node_id(map, relation);
        let text = format!(
            "{} {} {}",
            map.claim(record.from).id,
            record.kind,
            target_name(map, record.target)
        );
        let mut data = vec![
            ("d0", "relation".to_owned()),
            ("d1", id.clone()),
            ("d2", text),
        ];
        if let Some(note) = &record.note {
            data.push(("d10", note.clone()));
        }
        write_element(&mut out, "node", &[("id", &id)], &data);
    }

    let mut edges = 0usize;
    let mut edge = |out: &mut String, from: &str, to: &str, data: &[(&str, String)]| {
        edges += 1;
        let id = format!("e{edges}");
        write_element(
            out,
            "edge",
            &[("id", &id), ("source", from), ("target", to)],
            data,
        );
    };
    for relation in map.relation_indices() {
        let record = map.relation(relation);
        let target = match record.target {
            Target::Claim(claim) => map.claim(claim).id.clone(),
            Target::Relation(target) => node_id(map, target),
        };
        let mut data = vec![("d11", record.kind.as_str().to_owned())];
        if let Some(id) = &record.id {
            data.push(("d12", id.clone()));
        }
        if let Some(note) = &record.note {
            data.push(("d13", note.clone()));
        }
        let from = &map.claim(record.from).id;
        if reified.contains(&relation) {
            let node = node_id(map, relation);
            let mut tie = data.clone();
            if record.id.is_none() {
                tie.push(("d12", node.clone()));
            }
            edge(&mut out, from, &node, &tie);
            edge(&mut out, &node, &target, &tie);
        } else {
            edge(&mut out, from, &target, &data);
        }
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// The relations something undercuts, in map order: they become nodes.
fn undercut_targets(map: &Map) -> Vec<RelationIx> {
    map.relation_indices()
        .filter(|&r| {
            map.relations
                .iter()
                .any(|other| other.target == Target::Relation(r))
        })
        .collect()
}

/// The node id of a relation written as a node: its id, or `relation-N` (1-based).
fn node_id(map: &Map, relation: RelationIx) -> String {
    map.relation(relation)
        .id
        .clone()
        .unwrap_or_else(|| format!("relation-{}", relation.index() + 1))
}

fn target_name(map: &Map, target: Target) -> String {
    match target {
        Target::Claim(claim) => map.claim(claim).id.clone(),
        Target::Relation(relation) => node_id(map, relation),
    }
}

fn write_element(
    out: &mut String,
    name: &str,
    attributes: &[(&str, &str)],
    data: &[(&str, String)],
) {
    let _ = write!(out, "    <{name}");
    for (key, value) in attributes {
        let _ = write!(out, " {key}=\"{}\"", escape(value));
    }
    if data.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    for (key, value) in data {
        let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", escape(value));
    }
    let _ = writeln!(out, "    </{name}>");
}

/// Escapes text for XML content and double-quoted attribute values: `& < > " '` become
/// entities; characters XML 1.0 does not allow become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
