//! The DOT printer: writes a graphviz-rust [`Graph`] into one `String`, byte for byte as
//! graphviz-rust's own printer does with its default settings (two-space indent, one statement
//! a line, no semicolons, attributes on the statement's line), without its intermediate strings.
//!
//! The tests below compare the two on the bundled map at both levels.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Port, Stmt, Subgraph, Vertex,
};

/// `graph` as DOT text (without a final newline).
pub(crate) fn print(graph: &Graph, out: &mut String) {
    let (keyword, id, stmts) = match graph {
        Graph::Graph { id, strict, stmts } => {
            (if *strict { "strict graph " } else { "graph " }, id, stmts)
        }
        Graph::DiGraph { id, strict, stmts } => (
            if *strict {
                "strict digraph "
            } else {
                "digraph "
            },
            id,
            stmts,
        ),
    };
    let printer = Printer {
        bond: if matches!(graph, Graph::DiGraph { .. }) {
            " -> "
        } else {
            " -- "
        },
    };
    out.push_str(keyword);
    printer.id(id, out);
    out.push_str(" {\n");
    printer.stmts(stmts, 2, out);
    out.push_str("\n}");
}

struct Printer {
    bond: &'static str,
}

/// How statements are laid out: on their own indented lines, or inline (in an edge).
#[derive(Clone, Copy)]
enum Layout {
    Lines(usize),
    Inline,
}

impl Printer {
    fn id(&self, id: &Id, out: &mut String) {
        match id {
            Id::Html(v) | Id::Escaped(v) | Id::Plain(v) => out.push_str(v),
            Id::Anonymous(_) => {}
        }
    }

    fn stmts(&self, stmts: &[Stmt], indent: usize, out: &mut String) {
        self.stmts_in(stmts, Layout::Lines(indent), out);
    }

    fn stmts_in(&self, stmts: &[Stmt], layout: Layout, out: &mut String) {
        for (i, stmt) in stmts.iter().enumerate() {
            if let Layout::Lines(indent) = layout {
                if i > 0 {
                    out.push('\n');
                }
                push_indent(indent, out);
            }
            match stmt {
                Stmt::Node(node) => self.node(node, out),
                Stmt::Subgraph(subgraph) => self.subgraph(subgraph, layout, out),
                Stmt::Attribute(attribute) => self.attribute(attribute, out),
                Stmt::GAttribute(attributes) => {
                    let (keyword, list) = match attributes {
                        GraphAttributes::Graph(list) => ("graph", list),
                        GraphAttributes::Node(list) => ("node", list),
                        GraphAttributes::Edge(list) => ("edge", list),
                    };
                    out.push_str(keyword);
                    self.attributes(list, out);
                }
                Stmt::Edge(edge) => self.edge(edge, out),
            }
        }
    }

    fn subgraph(&self, subgraph: &Subgraph, layout: Layout, out: &mut String) {
        out.push_str("subgraph ");
        self.id(&subgraph.id, out);
        match layout {
            Layout::Lines(indent) => {
                out.push_str(" {\n");
                self.stmts(&subgraph.stmts, indent + 2, out);
                out.push('\n');
                push_indent(indent, out);
            }
            Layout::Inline => {
                out.push_str(" {");
                self.stmts_in(&subgraph.stmts, Layout::Inline, out);
            }
        }
        out.push('}');
    }

    fn node(&self, node: &Node, out: &mut String) {
        self.node_id(&node.id, out);
        self.attributes(&node.attributes, out);
    }

    fn node_id(&self, node_id: &NodeId, out: &mut String) {
        self.id(&node_id.0, out);
        match &node_id.1 {
            Some(Port(Some(id), Some(d))) => {
                out.push(':');
                self.id(id, out);
                out.push(':');
                out.push_str(d);
            }
            Some(Port(None, Some(d))) => {
                out.push(':');
                out.push_str(d);
            }
            Some(Port(Some(id), None)) => {
                out.push(':');
                self.id(id, out);
            }
            Some(Port(None, None)) | None => {}
        }
    }

    fn attribute(&self, attribute: &Attribute, out: &mut String) {
        self.id(&attribute.0, out);
        out.push('=');
        self.id(&attribute.1, out);
    }

    fn attributes(&self, attributes: &[Attribute], out: &mut String) {
        if attributes.is_empty() {
            return;
        }
        out.push('[');
        for (i, attribute) in attributes.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            self.attribute(attribute, out);
        }
        out.push(']');
    }

    fn vertex(&self, vertex: &Vertex, out: &mut String) {
        match vertex {
            Vertex::N(node_id) => self.node_id(node_id, out),
            // graphviz-rust prints an edge inline when it fits in 90 bytes; diagrams never put
            // subgraphs in edges, so only the inline form is written.
            Vertex::S(subgraph) => self.subgraph(subgraph, Layout::Inline, out),
        }
    }

    fn edge(&self, edge: &Edge, out: &mut String) {
        match &edge.ty {
            EdgeTy::Pair(from, to) => {
                self.vertex(from, out);
                out.push_str(self.bond);
                self.vertex(to, out);
                if !edge.attributes.is_empty() {
                    out.push(' ');
                    self.attributes(&edge.attributes, out);
                }
            }
            EdgeTy::Chain(vertices) => {
                for (i, vertex) in vertices.iter().enumerate() {
                    if i > 0 {
                        out.push_str(self.bond);
                    }
                    self.vertex(vertex, out);
                }
                self.attributes(&edge.attributes, out);
            }
        }
    }
}

fn push_indent(indent: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', indent));
}

#[cfg(test)]
mod tests {
    use crate::render::{Level, Options, diagram};
    use graphviz_rust::printer::{DotPrinter, PrinterContext};

    /// The bundled map at both levels, with and without an evaluation, prints exactly as
    /// graphviz-rust prints it.
    #[test]
    fn printer_matches_graphviz_rust() {
        let loaded = crate::load::load(std::path::Path::new("graphs/tiktok-wechat"))
            .unwrap_or_else(|e| panic!("bundled map loads: {e:?}"));
        for level in [Level::Claims, Level::Actors] {
            for rollup in [false, true] {
                let options = Options {
                    level,
                    rollup,
                    title: Some("A \"title\"".to_owned()),
                    ..Options::default()
                };
                let drawn = diagram(&loaded.map, &options);
                let expected = drawn.graph().print(&mut PrinterContext::default()) + "\n";
                assert_eq!(drawn.to_dot(), expected);
            }
        }
    }
}
