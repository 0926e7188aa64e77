//! Diagrams of a map: Graphviz DOT, and SVG without Graphviz.
//!
//! - [`diagram`] builds the DOT graph (with graphviz-rust's structures) of a map at one
//!   [`Level`], for one [`Selection`]; [`Diagram::to_dot`] prints it. The visual language is
//!   described in `docs/diagrams.md` and set in one place, `style.rs`.
//! - [`fallback::svg`] draws a simpler diagram with the pure-Rust layout-rs crate, for machines
//!   without Graphviz.
//! - [`graphviz::run`] runs Graphviz's `dot` on DOT text: the only function of this module that
//!   does I/O.
//!
//! Every id and label goes through [`quote`]; output depends only on the map and the options,
//! never on hash order.
//!
//! ```
//! use argraph::render::{diagram, Options};
//! let loaded = argraph::load::load(std::path::Path::new("tests/fixtures/valid/mini.ron"))?;
//! let dot = diagram(&loaded.map, &Options::default()).to_dot();
//! assert!(dot.starts_with("digraph"));
//! # Ok::<(), argraph::load::LoadError>(())
//! ```

mod actors;
mod claims;
pub mod fallback;
pub mod graphviz;
mod print;
pub mod quote;
pub mod select;
mod style;
mod tree;
pub mod wrap;

use crate::model::Map;
use crate::semantics::map::MapEvaluation;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Node, NodeId, Stmt, Subgraph, Vertex,
};

pub use select::{Kept, Role, Selection, UnknownId};

/// Which view of the map to draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    /// One node per claim, grouped in clusters by actor.
    #[default]
    Claims,
    /// One node per actor; an edge per pair of actors whose claims support or dispute.
    Actors,
}

/// What to draw and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Claims or actors.
    pub level: Level,
    /// Which part of the map.
    pub selection: Selection,
    /// At the actor level, count members under the top of their `member_of` chain.
    pub rollup: bool,
    /// A title drawn at the top, when given.
    pub title: Option<String>,
    /// Whether to draw the legend.
    pub legend: bool,
    /// At the claim level, colour each claim by its status under this evaluation (from
    /// [`crate::semantics::map::evaluate_map`]), with a status legend.
    pub evaluation: Option<MapEvaluation>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            level: Level::Claims,
            selection: Selection::All,
            rollup: false,
            title: None,
            legend: true,
            evaluation: None,
        }
    }
}

/// A diagram as a DOT graph, with its size.
#[derive(Clone, Debug)]
pub struct Diagram {
    graph: Graph,
    nodes: usize,
    edges: usize,
}

impl Diagram {
    /// The DOT graph.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// How many nodes of the map the diagram draws (claims and link points, or actors; the
    /// legend not counted).
    pub fn nodes(&self) -> usize {
        self.nodes
    }

    /// How many edges of the map the diagram draws (the legend not counted).
    pub fn edges(&self) -> usize {
        self.edges
    }

    /// About how many bytes the DOT text takes: a guess for the buffer's capacity.
    fn dot_size_hint(&self) -> usize {
        (self.nodes + self.edges) * 160 + 4096
    }

    /// The DOT text, ending with a newline.
    pub fn to_dot(&self) -> String {
        let mut text = String::with_capacity(self.dot_size_hint());
        print::print(&self.graph, &mut text);
        text.push('\n');
        text
    }
}

/// Draws `map` as `options` say.
pub fn diagram(map: &Map, options: &Options) -> Diagram {
    match options.level {
        Level::Claims => claims::diagram(map, options),
        Level::Actors => actors::diagram(map, options),
    }
}

/// Statements of a graph or subgraph under construction.
#[derive(Default)]
struct Body {
    stmts: Vec<Stmt>,
}

impl Body {
    fn graph_attrs(&mut self, attrs: Vec<Attribute>) {
        self.stmts
            .push(Stmt::GAttribute(GraphAttributes::Graph(attrs)));
    }

    fn node_defaults(&mut self, attrs: Vec<Attribute>) {
        self.stmts
            .push(Stmt::GAttribute(GraphAttributes::Node(attrs)));
    }

    fn edge_defaults(&mut self, attrs: Vec<Attribute>) {
        self.stmts
            .push(Stmt::GAttribute(GraphAttributes::Edge(attrs)));
    }

    fn node(&mut self, id: &str, attrs: Vec<Attribute>) {
        self.stmts.push(Stmt::Node(Node::new(node_id(id), attrs)));
    }

    fn edge(&mut self, from: &str, to: &str, attrs: Vec<Attribute>) {
        self.stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
            attributes: attrs,
        }));
    }

    fn subgraph(&mut self, id: &str, body: Body) {
        self.stmts.push(Stmt::Subgraph(Subgraph {
            id: quote::quote(id),
            stmts: body.stmts,
        }));
    }

    fn into_digraph(self, name: &str) -> Graph {
        Graph::DiGraph {
            id: quote::quote(name),
            strict: false,
            stmts: self.stmts,
        }
    }
}

fn node_id(id: &str) -> NodeId {
    NodeId(quote::quote(id), None)
}

/// An id of the DOT graph made from a prefix and a map id (`claim:apps-feed-ccp`).
fn dot_id(prefix: &str, id: &str) -> String {
    format!("{prefix}:{id}")
}

/// The title label of a diagram: the title in bold, a subtitle in small print.
fn title_label(title: &str, subtitle: &str) -> quote::Html {
    let mut html = quote::Html::new();
    html.tag("<FONT POINT-SIZE=\"16\"><B>")
        .push(quote::Html::text(title))
        .tag("</B></FONT><BR ALIGN=\"LEFT\"/>");
    if !subtitle.is_empty() {
        html.open("FONT", &[("POINT-SIZE", "10"), ("COLOR", style::FAINT)])
            .push(quote::Html::text(subtitle))
            .tag("</FONT><BR ALIGN=\"LEFT\"/>");
    }
    html
}

/// `1 claim`, `2 claims`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Attributes shared by both levels: fonts, spacing, background.
fn common_graph_attrs(rankdir: &str) -> Vec<Attribute> {
    use quote::attr;
    vec![
        attr("rankdir", rankdir),
        attr("fontname", style::FONT),
        attr("fontcolor", style::INK),
        attr("bgcolor", "white"),
        attr("pad", "0.3"),
        attr("newrank", "true"),
        attr("outputorder", "edgesfirst"),
    ]
}

/// The HTML-like id for a label.
fn html_label(html: quote::Html) -> Attribute {
    quote::html_attr("label", html)
}
