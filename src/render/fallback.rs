//! A simpler SVG diagram drawn without Graphviz, with the pure-Rust layout-rs crate.
//!
//! layout-rs has no clusters and no HTML labels, so each claim box names its actor on its first
//! line, and boxes take the actor's colour. Edges keep the diagram's colours and dashes (no tee
//! heads: layout-rs draws arrows only), and undercuts end on a small circle on the link they
//! attack. The graph is built with layout-rs's API directly, never through its DOT parser, so
//! text needs no DOT quoting; layout-rs escapes it for SVG, and [`clean`] removes what
//! SVG cannot hold.

use super::quote::clean;
use super::select::{Role, Selection, kept};
use super::style::{self, Family, edge_look};
use super::wrap::{text_width, wrap};
use super::{Level, Options, count};
use crate::graph::actor_graph;
use crate::model::{ActorIx, Map, RelationIx, RelationKind, Rollup, Target};
use crate::semantics::Label;
use layout::adt::dag::NodeHandle;
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use petgraph::visit::EdgeRef;

/// One font size everywhere: layout-rs orders its font classes by hash, so a single size keeps
/// the SVG byte-for-byte deterministic.
const FONT_SIZE: usize = 13;

fn color(hex: &str) -> Color {
    Color::from_name(hex).unwrap_or_else(|| Color::fast("black"))
}

fn look(line: &str, fill: Option<&str>, width: usize) -> StyleAttr {
    StyleAttr::new(color(line), width, fill.map(color), 6, FONT_SIZE)
}

/// A box sized for `text` (layout-rs's own estimate is twice as wide as the text).
fn text_box(text: &str, look: StyleAttr, orientation: Orientation) -> Element {
    let lines: Vec<&str> = text.lines().collect();
    let widest = lines
        .iter()
        .map(|l| text_width(l))
        .max()
        .unwrap_or(0)
        .max(4);
    let size = Point::new(
        widest as f64 * FONT_SIZE as f64 * 0.58 + 24.0,
        lines.len().max(1) as f64 * FONT_SIZE as f64 * 1.25 + 20.0,
    );
    Element::create(ShapeKind::Box(clean(text)), look, orientation, size)
}

fn arrow(line: &str, dashed: bool, head: bool, text: &str) -> Arrow {
    Arrow::new(
        LineEndKind::None,
        if head {
            LineEndKind::Arrow
        } else {
            LineEndKind::None
        },
        if dashed {
            LineStyleKind::Dashed
        } else {
            LineStyleKind::Normal
        },
        &clean(text).replace('\n', " "),
        &look(line, None, 2),
        &None,
        &None,
    )
}

/// The diagram of `map` as SVG, laid out by layout-rs.
pub fn svg(map: &Map, options: &Options) -> String {
    let orientation = Orientation::TopToBottom;
    let mut graph = VisualGraph::new(orientation);
    match options.level {
        Level::Claims => claims(map, options, &mut graph, orientation),
        Level::Actors => actors(map, options, &mut graph, orientation),
    }
    let mut writer = SVGWriter::new();
    if graph.num_nodes() > 0 {
        graph.do_it(false, false, false, &mut writer);
    }
    writer.finalize()
}

fn legend_text(options: &Options, lines: &[&str]) -> String {
    let mut text = String::new();
    if let Some(title) = &options.title {
        text.push_str(&wrap(title, 40, 2).join("\n"));
        text.push('\n');
    }
    text.push_str(&lines.join("\n"));
    text
}

fn claims(map: &Map, options: &Options, graph: &mut VisualGraph, orientation: Orientation) {
    let kept = kept(map, &options.selection);
    if options.legend {
        let mut lines = vec![
            "Legend",
            "box: a claim (actor, text, id)",
            "blue line: supports",
            "orange dashed: rebuts",
            "dashed purple: undercuts, ending",
            "on a small circle on the link",
            "it attacks",
        ];
        let status;
        if let Some(evaluation) = &options.evaluation {
            status = format!(
                "claims coloured by status under\n{} semantics: green IN,\norange OUT, yellow UNDEC",
                evaluation.semantics
            );
            lines.push(&status);
        }
        let text = legend_text(options, &lines);
        graph.add_node(text_box(
            &text,
            look("#9ca3af", Some("white"), 1),
            orientation,
        ));
    }
    let mut handles: Vec<Option<NodeHandle>> = vec![None; map.claims.len()];
    for claim in kept.claim_indices() {
        let record = map.claim(claim);
        let actor = map.actor(record.actor);
        let family = Family::of(actor.kind);
        let mut text = format!("{}:\n", actor.name);
        text.push_str(&wrap(&record.text, style::WRAP_COLUMNS, style::WRAP_LINES).join("\n"));
        text.push_str(&format!("\n[{}]", record.id));
        let width = if kept.role(claim) == Some(Role::Focus) {
            4
        } else {
            1
        };
        let mut fill = if kept.role(claim) == Some(Role::Context) {
            "white"
        } else {
            family.fill()
        };
        let mut line = family.line();
        if let Some(evaluation) = &options.evaluation {
            let status = evaluation
                .labels
                .get(claim.index())
                .copied()
                .unwrap_or(Label::Undec);
            let status_look = style::status_look(status);
            fill = status_look.fill;
            line = status_look.line;
            text = format!("{}\n{text}", status_look.word);
        }
        handles[claim.index()] =
            Some(graph.add_node(text_box(&text, look(line, Some(fill), width), orientation)));
    }
    // Attacked links get a small circle, where undercuts end.
    let mut points: Vec<Option<NodeHandle>> = vec![None; map.relations.len()];
    for relation in map.relation_indices() {
        if let Target::Relation(target) = map.relation(relation).target
            && kept.has_relation(relation)
            && points[target.index()].is_none()
        {
            let line = edge_look(map.relation(target).kind).color;
            let point = Element::create(
                ShapeKind::Circle(String::new()),
                look(line, Some(line), 1),
                orientation,
                Point::new(8.0, 8.0),
            );
            points[target.index()] = Some(graph.add_node(point));
        }
    }
    let end = |relation: RelationIx| -> Option<NodeHandle> {
        match map.relation(relation).target {
            Target::Claim(claim) => handles[claim.index()],
            Target::Relation(target) => points[target.index()],
        }
    };
    for relation in map.relation_indices() {
        if !kept.has_relation(relation) {
            continue;
        }
        let record = map.relation(relation);
        let line = edge_look(record.kind).color;
        let dashed = record.kind != RelationKind::Supports;
        let (Some(from), Some(to)) = (handles[record.from.index()], end(relation)) else {
            continue;
        };
        match points[relation.index()] {
            Some(point) => {
                graph.add_edge(arrow(line, dashed, false, ""), from, point);
                graph.add_edge(arrow(line, dashed, true, ""), point, to);
            }
            None => graph.add_edge(arrow(line, dashed, true, ""), from, to),
        }
    }
}

fn actors(map: &Map, options: &Options, graph: &mut VisualGraph, orientation: Orientation) {
    let rollup = options.rollup;
    let lens = Rollup::new(map, rollup);
    let lift = |actor: ActorIx| lens.lift(actor);
    let links = actor_graph(map, rollup);
    let mut claims = vec![0usize; map.actors.len()];
    for claim in map.claims.values() {
        claims[lift(claim.actor).index()] += 1;
    }
    // The same actors as the Graphviz diagram: those with claims or links, narrowed by the
    // selection to the chosen ones and their neighbours.
    let mut shown = vec![false; map.actors.len()];
    match &options.selection {
        Selection::All => {
            for actor in map.actor_indices() {
                shown[actor.index()] = claims[actor.index()] > 0;
            }
        }
        Selection::Actors(selected) => {
            let selected: Vec<ActorIx> = selected.iter().map(|&a| lift(a)).collect();
            for actor in map.actor_indices() {
                shown[actor.index()] = lift(actor) == actor
                    && (selected.contains(&actor)
                        || map.ancestors(actor).any(|a| selected.contains(&a)));
            }
            let chosen = shown.clone();
            for edge in links.edge_references() {
                let (from, to) = (links[edge.source()], links[edge.target()]);
                if chosen[from.index()] || chosen[to.index()] {
                    shown[from.index()] = true;
                    shown[to.index()] = true;
                }
            }
        }
        Selection::Focus { .. } | Selection::Claims { .. } => {
            let kept = kept(map, &options.selection);
            for claim in kept.claim_indices() {
                shown[lift(map.claim(claim).actor).index()] = true;
            }
        }
    }
    for edge in links.edge_references() {
        if options.selection == Selection::All {
            shown[links[edge.source()].index()] = true;
            shown[links[edge.target()].index()] = true;
        }
    }
    if options.legend {
        let text = legend_text(
            options,
            &[
                "Legend",
                "box: an actor",
                "blue line: A supports B",
                "orange dashed: A disputes B",
                "(×N: how many claim relations)",
            ],
        );
        graph.add_node(text_box(
            &text,
            look("#9ca3af", Some("white"), 1),
            orientation,
        ));
    }
    let mut handles: Vec<Option<NodeHandle>> = vec![None; map.actors.len()];
    for actor in map.actor_indices() {
        if !shown[actor.index()] {
            continue;
        }
        let record = map.actor(actor);
        let family = Family::of(record.kind);
        let text = format!(
            "{}\n{} · {}",
            wrap(&record.name, 22, 3).join("\n"),
            record.kind,
            count(claims[actor.index()], "claim")
        );
        handles[actor.index()] = Some(graph.add_node(text_box(
            &text,
            look(family.line(), Some(family.fill()), 1),
            orientation,
        )));
    }
    for edge in links.edge_references() {
        let (from, to) = (links[edge.source()], links[edge.target()]);
        let (Some(from_handle), Some(to_handle)) = (handles[from.index()], handles[to.index()])
        else {
            continue;
        };
        let link = edge.weight();
        let label = |verb: &str, n: usize| {
            if n == 1 {
                verb.to_owned()
            } else {
                format!("{verb} ×{n}")
            }
        };
        if !link.supports.is_empty() && from != to {
            graph.add_edge(
                arrow(
                    style::SUPPORT,
                    false,
                    true,
                    &label("supports", link.supports.len()),
                ),
                from_handle,
                to_handle,
            );
        }
        if !link.disputes.is_empty() && from != to {
            graph.add_edge(
                arrow(
                    style::REBUT,
                    true,
                    true,
                    &label("disputes", link.disputes.len()),
                ),
                from_handle,
                to_handle,
            );
        }
    }
}
