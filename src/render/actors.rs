//! The actor-level diagram: one node per actor, "A supports B" and "A disputes B" edges
//! weighted by how many claim relations stand behind them.

use super::dot::{Attr, Dot, attr, text_attr, value_attr};
use super::quote::Html;
use super::select::{Role, Selection, kept};
use super::style::{self, Family, edge_look};
use super::tree::ActorTree;
use super::wrap::wrap;
use super::{Diagram, Options, count, dot_id, html_label, title_label};
use crate::graph::{ActorLink, actor_graph};
use crate::model::{ActorIx, Map, RelationIx, RelationKind, Rollup, Target};
use petgraph::visit::EdgeRef;

fn actor_node(map: &Map, actor: ActorIx) -> String {
    dot_id("actor", &map.actor(actor).id)
}

/// Line width for an edge standing for `n` relations.
fn penwidth(n: usize) -> String {
    let width = 1.0 + 1.6 * (n.max(1) as f64).ln();
    format!("{:.1}", width.min(7.0))
}

/// The actor-level diagram of `map`.
pub(super) fn diagram(map: &Map, options: &Options) -> Diagram {
    let rollup = options.rollup;
    let lens = Rollup::new(map, rollup);
    let lift = |actor: ActorIx| lens.lift(actor);
    let graph = actor_graph(map, rollup);
    let mut claims = vec![0usize; map.actors.len()];
    for claim in map.claims.values() {
        claims[lift(claim.actor).index()] += 1;
    }
    let links: Vec<(ActorIx, ActorIx, &ActorLink)> = graph
        .edge_references()
        .map(|edge| (graph[edge.source()], graph[edge.target()], edge.weight()))
        .collect();

    // Which actors to draw, and why.
    let mut role: Vec<Option<Role>> = vec![None; map.actors.len()];
    match &options.selection {
        Selection::All => {
            for actor in map.actor_indices() {
                if claims[actor.index()] > 0 {
                    role[actor.index()] = Some(Role::Selected);
                }
            }
            for &(from, to, _) in &links {
                role[from.index()] = Some(Role::Selected);
                role[to.index()] = Some(Role::Selected);
            }
        }
        Selection::Actors(selected) => {
            let selected: Vec<ActorIx> = selected.iter().map(|&a| lift(a)).collect();
            // Members of a selected actor are selected with it.
            for actor in map.actor_indices() {
                let chosen = selected.contains(&actor)
                    || map.ancestors(actor).any(|a| selected.contains(&a));
                if chosen && (lift(actor) == actor) {
                    role[actor.index()] = Some(Role::Selected);
                }
            }
            for &(from, to, _) in &links {
                let (from_in, to_in) = (
                    role[from.index()] == Some(Role::Selected),
                    role[to.index()] == Some(Role::Selected),
                );
                if from_in && !to_in {
                    role[to.index()] = Some(Role::Context);
                }
                if to_in && !from_in && role[from.index()].is_none() {
                    role[from.index()] = Some(Role::Context);
                }
            }
        }
        Selection::Focus { .. } | Selection::Claims { .. } => {
            let kept = kept(map, &options.selection);
            for kept_claim in kept.claim_indices() {
                let actor = lift(map.claim(kept_claim).actor);
                role[actor.index()] = Some(if kept.role(kept_claim) == Some(Role::Focus) {
                    Role::Focus
                } else {
                    role[actor.index()].unwrap_or(Role::Selected)
                });
            }
        }
    }

    let mut body = Dot::digraph(
        "argraph",
        super::dot_size_hint(map.actors.len() + links.len()),
    );
    // Top to bottom: actor graphs are wide and shallow, so left to right draws a long strip.
    let mut graph_attrs = super::common_graph_attrs("TB");
    graph_attrs.extend([
        attr("nodesep", "0.35"),
        attr("ranksep", "0.7"),
        attr("fontsize", "11"),
        attr("labelloc", "t"),
        attr("labeljust", "l"),
    ]);
    let shown = role.iter().filter(|r| r.is_some()).count();
    if let Some(title) = &options.title {
        let subtitle = format!(
            "{}{}",
            count(shown, "actor"),
            if rollup {
                ", members counted with their organisation"
            } else {
                ""
            }
        );
        graph_attrs.push(html_label(title_label(title, &subtitle)));
    }
    body.graph_attrs(&graph_attrs);
    body.node_defaults(&[
        attr("style", "filled"),
        attr("fontname", style::FONT),
        attr("fontsize", "11"),
        attr("fontcolor", style::INK),
        attr("margin", "0.12,0.06"),
    ]);
    body.edge_defaults(&[
        attr("fontname", style::FONT),
        attr("fontsize", "9"),
        attr("arrowsize", "0.8"),
    ]);

    if options.legend {
        legend(map, &role, &links, &mut body);
    }

    // Members inside their organisation's cluster (not with rollup: then only the tops remain).
    let tree = ActorTree::new(map);
    let mut cluster = vec![false; map.actors.len()];
    if !rollup {
        for (i, r) in role.iter().enumerate() {
            if r.is_some() {
                for around in tree.chain(ActorIx::new(i)).skip(1) {
                    cluster[around.index()] = true;
                }
            }
        }
    }
    let mut children: Vec<Vec<ActorIx>> = vec![Vec::new(); map.actors.len()];
    let mut top = Vec::new();
    for actor in map.actor_indices() {
        if role[actor.index()].is_none() && !cluster[actor.index()] {
            continue;
        }
        match tree.parent(actor) {
            Some(parent) if !rollup && cluster[parent.index()] => {
                children[parent.index()].push(actor)
            }
            _ => top.push(actor),
        }
    }
    let mut has_members = vec![false; map.actors.len()];
    for actor in map.actors.values() {
        if let Some(parent) = actor.member_of {
            has_members[parent.index()] = true;
        }
    }
    let emit = Emit {
        has_members: &has_members,
        map,
        role: &role,
        claims: &claims,
        cluster: &cluster,
        children: &children,
        rollup,
    };
    for &actor in &top {
        emit.item(actor, 0, &mut body);
    }
    if shown == 0 {
        body.node(
            "note:empty",
            &[
                attr("shape", "plaintext"),
                attr("style", ""),
                text_attr("label", "No actors selected."),
            ],
        );
    }

    let mut edges = 0;
    for &(from, to, link) in &links {
        if role[from.index()].is_none() || role[to.index()].is_none() {
            continue;
        }
        let (from_id, to_id) = (actor_node(map, from), actor_node(map, to));
        if !link.supports.is_empty() && from != to {
            let look = edge_look(RelationKind::Supports);
            body.edge(
                &from_id,
                &to_id,
                &link_attrs(
                    map,
                    &link.supports,
                    "supports",
                    look.color,
                    "solid",
                    "normal",
                ),
            );
            edges += 1;
        }
        if !link.disputes.is_empty() {
            let look = edge_look(RelationKind::Rebuts);
            body.edge(
                &from_id,
                &to_id,
                &link_attrs(map, &link.disputes, "disputes", look.color, "dashed", "tee"),
            );
            edges += 1;
        }
    }
    Diagram {
        // Written in memory: nothing can fail.
        dot: body.finish().unwrap_or_default(),
        nodes: shown,
        edges,
    }
}

/// Attributes of one actor edge standing for `relations`.
fn link_attrs(
    map: &Map,
    relations: &[RelationIx],
    verb: &'static str,
    color: &'static str,
    style: &'static str,
    head: &'static str,
) -> Vec<Attr<'static>> {
    let n = relations.len();
    // The colour and dashes say which kind; the label only says how many, when more than one.
    let label = if n == 1 {
        String::new()
    } else {
        format!("×{n}")
    };
    let mut tooltip = String::new();
    for (i, &relation) in relations.iter().enumerate() {
        if i == 12 {
            tooltip.push_str(&format!("… and {} more", n - 12));
            break;
        }
        let record = map.relation(relation);
        let target = match record.target {
            Target::Claim(claim) => map.claim(claim).id.clone(),
            Target::Relation(attacked) => format!(
                "the link {} → {}",
                map.claim(map.relation(attacked).from).id,
                map.claim(map.relation_target_claim(attacked)).id
            ),
        };
        tooltip.push_str(&format!(
            "{} {} {target}\n",
            map.claim(record.from).id,
            record.kind
        ));
    }
    vec![
        attr("class", verb),
        attr("color", color),
        attr("fontcolor", color),
        attr("style", style),
        attr("arrowhead", head),
        value_attr("penwidth", penwidth(n)),
        value_attr("weight", n.to_string()),
        text_attr("label", label),
        text_attr("tooltip", format!("{verb}:\n{}", tooltip.trim_end())),
    ]
}

struct Emit<'a> {
    map: &'a Map,
    role: &'a [Option<Role>],
    claims: &'a [usize],
    cluster: &'a [bool],
    children: &'a [Vec<ActorIx>],
    has_members: &'a [bool],
    rollup: bool,
}

impl Emit<'_> {
    /// An actor: its node, inside a cluster with its members when it has any drawn.
    fn item(&self, actor: ActorIx, depth: usize, out: &mut Dot) {
        let map = self.map;
        let record = map.actor(actor);
        let family = Family::of(record.kind);
        if !self.cluster[actor.index()] {
            self.node(actor, out);
            return;
        }
        let mut title = Html::new();
        title
            .open("FONT", &[("COLOR", family.line()), ("POINT-SIZE", "10")])
            .push(Html::text(&record.name))
            .tag("</FONT>");
        out.open_subgraph(&dot_id("cluster:actor", &record.id));
        out.graph_attrs(&[
            html_label(title),
            attr("style", "rounded,dashed"),
            attr("color", family.line()),
            attr("labeljust", "l"),
            attr("margin", "10"),
            attr(
                "bgcolor",
                if depth == 0 {
                    "#fcfcfd"
                } else {
                    family.inner_fill()
                },
            ),
        ]);
        if self.role[actor.index()].is_some() {
            self.node(actor, out);
        }
        for &child in &self.children[actor.index()] {
            self.item(child, depth + 1, out);
        }
        out.close_subgraph();
    }

    fn node(&self, actor: ActorIx, out: &mut Dot) {
        let map = self.map;
        let record = map.actor(actor);
        let family = Family::of(record.kind);
        let Some(role) = self.role[actor.index()] else {
            return;
        };
        let mut label = Html::new();
        label
            .tag("<B>")
            .push_lines(&wrap(&record.name, 22, 3))
            .tag("</B><BR/>");
        let claims = self.claims[actor.index()];
        let mut small = format!("{} · {}", record.kind, count(claims, "claim"));
        if self.rollup && self.has_members[actor.index()] {
            small.push_str(" with members");
        }
        label
            .open("FONT", &[("POINT-SIZE", "8"), ("COLOR", style::FAINT)])
            .push(Html::text(&small))
            .tag("</FONT>");
        let mut tooltip = record.name.clone();
        if let Some(role) = &record.role {
            tooltip.push_str(&format!("\n{role}"));
        }
        if let Some(note) = &record.note {
            tooltip.push_str(&format!("\n{note}"));
        }
        let mut attrs = vec![
            html_label(label),
            attr("shape", style::actor_shape(record.kind)),
            attr("fillcolor", family.fill()),
            attr("color", family.line()),
            text_attr("tooltip", &tooltip),
        ];
        match role {
            Role::Focus => attrs.push(attr("penwidth", "3")),
            Role::Context => {
                attrs.push(attr("style", "filled,dashed"));
                attrs.push(attr("fontcolor", style::CONTEXT_INK));
            }
            Role::Selected => {}
        }
        out.node(&actor_node(map, actor), &attrs);
    }
}

/// The legend of the actor level: node shapes (an actor's kind) and colours (its family), edge
/// kinds.
fn legend(
    map: &Map,
    role: &[Option<Role>],
    links: &[(ActorIx, ActorIx, &ActorLink)],
    out: &mut Dot,
) {
    let mut families = [false; 4];
    let mut kinds = [false; crate::model::ActorKind::ALL.len()];
    for (i, r) in role.iter().enumerate() {
        if r.is_some() {
            let kind = map.actor(ActorIx::new(i)).kind;
            if let Some(slot) = crate::model::ActorKind::ALL.iter().position(|&k| k == kind) {
                kinds[slot] = true;
            }
            let family = Family::of(kind);
            if let Some(slot) = Family::ALL.iter().position(|&f| f == family) {
                families[slot] = true;
            }
        }
    }
    let drawn =
        |from: ActorIx, to: ActorIx| role[from.index()].is_some() && role[to.index()].is_some();
    let has_supports = links
        .iter()
        .any(|(f, t, l)| drawn(*f, *t) && f != t && !l.supports.is_empty());
    let has_disputes = links
        .iter()
        .any(|(f, t, l)| drawn(*f, *t) && !l.disputes.is_empty());

    let body = out;
    let mut title = Html::new();
    title.tag("<B>Legend</B>");
    body.open_subgraph("cluster:legend");
    body.graph_attrs(&[
        html_label(title),
        attr("style", "rounded"),
        attr("color", "#9ca3af"),
        attr("labeljust", "l"),
        attr("margin", "8"),
    ]);
    let mut key = Html::new();
    key.tag("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">");
    key.tag("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">")
        .push(Html::text(
            "A node is one actor. Its shape shows\nits kind, as the sample shapes name;\nits colour, the family of its kind.\nKind and number of claims in small\nprint. Line width and ×N: how many\nclaim relations stand behind an edge.",
        ))
        .tag("</TD></TR>");
    for (family, _) in Family::ALL
        .iter()
        .zip(families)
        .filter(|(_, present)| *present)
    {
        key.tag("<TR>")
            .open(
                "TD",
                &[
                    ("BGCOLOR", family.fill()),
                    ("COLOR", family.line()),
                    ("BORDER", "1"),
                    ("WIDTH", "18"),
                ],
            )
            .tag(" </TD><TD ALIGN=\"LEFT\">")
            .push(Html::text(family.description()))
            .tag("</TD></TR>");
    }
    key.tag("</TABLE>");
    body.node(
        "legend:key",
        &[
            attr("shape", "plaintext"),
            attr("style", ""),
            attr("margin", "0"),
            html_label(key),
        ],
    );
    // One sample node per shape drawn, named with the kinds that take it.
    let mut shapes: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for (&kind, _) in crate::model::ActorKind::ALL
        .iter()
        .zip(kinds)
        .filter(|(_, present)| *present)
    {
        let shape = style::actor_shape(kind);
        match shapes.iter_mut().find(|(s, _)| *s == shape) {
            Some((_, names)) => names.push(kind.as_str()),
            None => shapes.push((shape, vec![kind.as_str()])),
        }
    }
    for (shape, names) in shapes {
        body.node(
            &format!("legend:shape:{shape}"),
            &[
                attr("shape", shape),
                attr("fillcolor", "#ffffff"),
                attr("color", "#6b7280"),
                attr("fontsize", "9"),
                attr("margin", "0.05"),
                attr("height", "0.3"),
                text_attr("label", names.join(", ")),
            ],
        );
    }
    let samples = [
        (
            has_supports,
            "supports",
            "A supports B: A's claims back B's",
            RelationKind::Supports,
        ),
        (
            has_disputes,
            "disputes",
            "A disputes B: A's claims rebut or\nundercut B's",
            RelationKind::Rebuts,
        ),
    ];
    for (present, name, text, kind) in samples {
        if !present {
            continue;
        }
        let look = edge_look(kind);
        let from = format!("legend:{name}:from");
        let to = format!("legend:{name}:to");
        let dot = vec![
            attr("shape", "point"),
            attr("width", "0.06"),
            attr("color", "#9ca3af"),
        ];
        body.node(&from, &dot);
        body.node(&to, &dot);
        body.edge(
            &from,
            &to,
            &[
                attr("color", look.color),
                attr("fontcolor", look.color),
                attr("style", look.style),
                attr("arrowhead", look.arrowhead),
                attr("penwidth", "1.5"),
                text_attr("label", text),
            ],
        );
    }
    body.close_subgraph();
}
