//! Diagrams of a map: Graphviz DOT, and SVG without Graphviz.
//!
//! - [`diagram`] writes the DOT text of a map at one [`Level`], for one [`Selection`]
//!   ([`Diagram::dot`]); [`Diagram::graph`] parses it into graphviz-rust's structures for
//!   programs that want to walk or change it. [`write_dot`] writes the same text to a writer a
//!   piece at a time (large claim diagrams on two threads), never holding it whole. The visual
//!   language is described in `docs/diagrams.md` and set in one place, `style.rs`.
//! - [`fallback::svg`] draws a simpler diagram with the pure-Rust layout-rs crate, for machines
//!   without Graphviz.
//! - [`graphviz::run`] runs Graphviz's `dot` on DOT text. Besides it, only [`write_dot`] does
//!   I/O, to the writer it is given.
//!
//! Every id, label and computed value is escaped by [`quote`] (constants of this crate that need
//! no escaping are written as they are, checked in debug builds); output depends only on the map
//! and the options, never on hash order.
//!
//! ```
//! use argraph::render::{diagram, Options};
//! let loaded = argraph::load::load(std::path::Path::new("tests/fixtures/valid/mini.ron"))?;
//! let drawn = diagram(&loaded.map, &Options::default());
//! assert!(drawn.dot().starts_with("digraph"));
//! assert!(drawn.graph().is_ok());
//! # Ok::<(), argraph::load::LoadError>(())
//! ```

mod actors;
mod claims;
mod dot;
pub mod fallback;
pub mod graphviz;
pub mod quote;
pub mod select;
mod style;
mod tree;
pub mod wrap;

use crate::model::Map;
use crate::semantics::map::MapEvaluation;
use dot::Attr;
use graphviz_rust::dot_structures::Graph;

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

/// A diagram as DOT text, with its size.
#[derive(Clone, Debug)]
pub struct Diagram {
    dot: String,
    nodes: usize,
    edges: usize,
}

impl Diagram {
    /// The DOT text, ending with a newline.
    pub fn dot(&self) -> &str {
        &self.dot
    }

    /// The DOT text, ending with a newline.
    pub fn into_dot(self) -> String {
        self.dot
    }

    /// The diagram as graphviz-rust's DOT structures, parsed from [`Diagram::dot`]. An error
    /// (graphviz-rust's message) would be a bug of argraph's DOT writer.
    pub fn graph(&self) -> Result<Graph, String> {
        graphviz_rust::parse(&self.dot)
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
}

/// About how many bytes the DOT text of a diagram with `items` nodes and edges takes: a guess
/// for the buffer's capacity.
fn dot_size_hint(items: usize) -> usize {
    items * 400 + 4096
}

/// Draws `map` as `options` say, in memory.
pub fn diagram(map: &Map, options: &Options) -> Diagram {
    match options.level {
        Level::Claims => claims::diagram(map, options),
        Level::Actors => actors::diagram(map, options),
    }
}

/// How many nodes and edges of the map a diagram draws (the legend not counted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Claims and link points, or actors.
    pub nodes: usize,
    /// Edges between them.
    pub edges: usize,
}

/// Writes the DOT text of [`diagram`]`(map, options)` to `out` a piece at a time: a claim
/// diagram of a million claims is never held in memory whole. Errors are `out`'s.
pub fn write_dot(
    map: &Map,
    options: &Options,
    out: &mut (dyn std::io::Write + Send),
) -> std::io::Result<Size> {
    match options.level {
        Level::Claims => claims::write(map, options, out),
        Level::Actors => {
            // Actor diagrams are small: one write.
            let drawn = actors::diagram(map, options);
            out.write_all(drawn.dot().as_bytes())?;
            out.flush()?;
            Ok(Size {
                nodes: drawn.nodes(),
                edges: drawn.edges(),
            })
        }
    }
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
fn common_graph_attrs(rankdir: &'static str) -> Vec<Attr<'static>> {
    use dot::attr;
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

/// The HTML-like label attribute.
fn html_label(html: quote::Html) -> Attr<'static> {
    dot::html_attr("label", html)
}
