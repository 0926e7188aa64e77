//! The DOT writer: statements written straight into one buffer, laid out as graphviz-rust's
//! printer lays them out with its default settings (two-space indent, one statement a line, no
//! semicolons, attributes on the statement's line).
//!
//! Diagrams used to be built as graphviz-rust's tree of owned strings and printed; writing the
//! text directly, escaping each value once into its place, makes rendering several times faster
//! on large maps (see `benches/README.md`). [`super::Diagram::graph`] still gives the tree, by
//! parsing the text with graphviz-rust; a test checks that graphviz-rust prints that tree back
//! byte for byte as this writer wrote it.

use super::quote::{self, Html};
use std::borrow::Cow;
use std::io::{self, Write};

/// A streaming writer hands its text to its sink in pieces of about this many bytes.
const FLUSH_AT: usize = 256 * 1024;

/// An attribute `name=value` of a graph, node or edge.
#[derive(Clone, Debug)]
pub(crate) struct Attr<'a> {
    name: &'static str,
    value: Value<'a>,
}

/// An attribute's value, and how it is quoted.
#[derive(Clone, Debug)]
enum Value<'a> {
    /// A constant of this crate (colour, style, number) that needs no escaping: quoted as it
    /// is.
    Constant(&'static str),
    /// A computed value (an id, a count): [quoted](quote::push_quoted).
    Token(Cow<'a, str>),
    /// Human text (label, tooltip, URL): [escaped as text](quote::push_text).
    Text(Cow<'a, str>),
    /// An HTML-like label: `<…>`.
    Html(Cow<'a, Html>),
    /// Several attributes written beforehand by [`attr_run`], copied as they are.
    Run(Cow<'a, str>),
}

/// Attributes written once, to be repeated on many statements ([`run_attr`]): the text that
/// [`Dot`] writes for `attrs` between its brackets, ready to copy.
pub(crate) fn attr_run(attrs: &[Attr<'_>]) -> String {
    let mut run = String::new();
    write_attrs(&mut run, attrs);
    run
}

/// The attributes of an [`attr_run`], in their place among others.
pub(crate) fn run_attr(run: &str) -> Attr<'_> {
    Attr {
        name: "",
        value: Value::Run(Cow::Borrowed(run)),
    }
}

/// Writes `attrs` as `name="value"` pairs separated by spaces (no brackets).
fn write_attrs(out: &mut String, attrs: &[Attr<'_>]) {
    for (i, attr) in attrs.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let named = |out: &mut String| {
            out.push_str(attr.name);
            out.push('=');
        };
        match &attr.value {
            Value::Constant(value) => {
                named(out);
                out.push('"');
                out.push_str(value);
                out.push('"');
            }
            Value::Token(value) => {
                named(out);
                quote::push_quoted(out, value);
            }
            Value::Text(value) => {
                named(out);
                quote::push_text(out, value);
            }
            Value::Html(value) => {
                named(out);
                quote::push_html(out, value);
            }
            Value::Run(run) => out.push_str(run),
        }
    }
}

/// `name="value"`, the value a constant of this crate (a colour, a style, a number).
///
/// Being `'static`, the value cannot come from a map; debug builds check that it needs no
/// escaping.
pub(crate) fn attr(name: &'static str, value: &'static str) -> Attr<'static> {
    debug_assert!(
        !value.contains(['"', '\\', '\n', '\r']),
        "a constant attribute value of argraph's needs no escaping: {value:?}"
    );
    Attr {
        name,
        value: Value::Constant(value),
    }
}

/// `name=value`, the value computed (an id, a count): [quoted](quote::quote).
pub(crate) fn value_attr<'a>(name: &'static str, value: impl Into<Cow<'a, str>>) -> Attr<'a> {
    Attr {
        name,
        value: Value::Token(value.into()),
    }
}

/// `name=value`, the value human text (see [`quote::text`]).
pub(crate) fn text_attr<'a>(name: &'static str, value: impl Into<Cow<'a, str>>) -> Attr<'a> {
    Attr {
        name,
        value: Value::Text(value.into()),
    }
}

/// `name=<…>`, an HTML-like label (see [`quote::html`]).
pub(crate) fn html_attr(name: &'static str, value: Html) -> Attr<'static> {
    Attr {
        name,
        value: Value::Html(Cow::Owned(value)),
    }
}

/// [`html_attr`] with a borrowed label.
pub(crate) fn html_ref_attr<'a>(name: &'static str, value: &'a Html) -> Attr<'a> {
    Attr {
        name,
        value: Value::Html(Cow::Borrowed(value)),
    }
}

/// The id of a node: the text as it is, or `prefix:id` (claims are `claim:ID`), written without
/// first joining the two.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Name<'a> {
    /// An id as it is.
    Plain(&'a str),
    /// `prefix:id`.
    Prefixed(&'static str, &'a str),
    /// `prefix:#n`, for things without an id of their own.
    Numbered(&'static str, usize),
}

impl<'a> From<&'a str> for Name<'a> {
    fn from(id: &'a str) -> Name<'a> {
        Name::Plain(id)
    }
}

impl<'a> From<&'a String> for Name<'a> {
    fn from(id: &'a String) -> Name<'a> {
        Name::Plain(id)
    }
}

/// Where a writer stands: how deep, and whether a statement was written in the block yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Position {
    depth: usize,
    first: bool,
}

impl Position {
    /// Where the statements go after `levels` subgraphs are opened from here, each with its
    /// [attributes](Dot::graph_attrs) written first.
    pub(crate) fn within(self, levels: usize) -> Position {
        match levels {
            0 => self,
            _ => Position {
                depth: self.depth + levels,
                first: false,
            },
        }
    }
}

/// A DOT graph being written: into memory, or (made with [`Dot::streaming`]) into a sink, a
/// piece at a time.
pub(crate) struct Dot<'w> {
    out: String,
    /// Where the text goes as it grows, if not kept in memory. (It never leaves the thread
    /// that made the writer; `Send` is asked for so that sinkless fragments, of the same type,
    /// can be written on another thread.)
    sink: Option<&'w mut (dyn Write + Send)>,
    /// The first error of the sink: nothing more is written after it.
    error: Option<io::Error>,
    /// How many blocks are open: 1 inside the graph, 2 inside one of its subgraphs…
    depth: usize,
    /// Whether the next statement is the first of its block.
    first: bool,
    /// For a [fragment](Dot::fragment): where it began.
    began: Position,
}

impl<'w> Dot<'w> {
    /// Starts `digraph "name" {` in memory, with room for about `capacity` bytes.
    pub(crate) fn digraph(name: &str, capacity: usize) -> Dot<'w> {
        let mut out = String::with_capacity(capacity);
        out.push_str("digraph ");
        quote::push_quoted(&mut out, name);
        out.push_str(" {\n");
        Dot {
            out,
            sink: None,
            error: None,
            depth: 1,
            first: true,
            began: Position {
                depth: 1,
                first: true,
            },
        }
    }

    /// Starts `digraph "name" {`, written to `sink` a piece at a time (the whole text is never
    /// held in memory). [`finish`](Dot::finish) reports the sink's first error.
    pub(crate) fn streaming(name: &str, sink: &'w mut (dyn Write + Send)) -> Dot<'w> {
        let mut dot = Dot::digraph(name, FLUSH_AT + FLUSH_AT / 4);
        dot.sink = Some(sink);
        dot
    }

    /// Closes the graph (and any subgraph left open): the DOT text, ending with a newline; for
    /// a streaming writer, the text is written out and the result is empty.
    pub(crate) fn finish(mut self) -> io::Result<String> {
        while self.depth > 1 {
            self.close_subgraph();
        }
        self.out.push_str("\n}\n");
        self.flush(0);
        match (self.error, self.sink) {
            (Some(error), _) => Err(error),
            (None, Some(sink)) => sink.flush().map(|()| String::new()),
            (None, None) => Ok(self.out),
        }
    }

    /// Whether the sink has failed: whatever is written from now on is thrown away.
    pub(crate) fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// Hands the text written so far to the sink once it holds at least `at_least` bytes.
    fn flush(&mut self, at_least: usize) {
        if self.out.len() < at_least.max(1) {
            return;
        }
        if let Some(sink) = &mut self.sink {
            if self.error.is_none()
                && let Err(error) = sink.write_all(self.out.as_bytes())
            {
                self.error = Some(error);
            }
            self.out.clear();
        }
    }

    /// Where the next statement would go: for [fragments](Dot::fragment).
    pub(crate) fn position(&self) -> Position {
        Position {
            depth: self.depth,
            first: self.first,
        }
    }

    /// An empty fragment for statements that follow the ones written at `position`: written
    /// elsewhere (on another thread), then [appended](Dot::append) to the writer when it stands
    /// at that position. A fragment may open subgraphs that a later one closes, or close ones
    /// opened before it.
    pub(crate) fn fragment(position: Position, capacity: usize) -> Dot<'static> {
        Dot {
            out: String::with_capacity(capacity),
            sink: None,
            error: None,
            depth: position.depth,
            first: position.first,
            began: position,
        }
    }

    /// Appends a [fragment](Dot::fragment) made for the depth this writer stands at, and
    /// empties it (keeping its buffer, to be [reused](Dot::reuse)). The writer then stands
    /// where the fragment ends.
    pub(crate) fn append(&mut self, fragment: &mut Dot<'_>) {
        debug_assert_eq!(
            fragment.began.depth, self.depth,
            "a fragment goes where it began"
        );
        if fragment.out.is_empty() {
            debug_assert_eq!(
                fragment.depth, self.depth,
                "an empty fragment closes nothing"
            );
            return;
        }
        // Statements were written here after the fragment was made: its first one needs the
        // line break that a statement after others gets.
        if fragment.began.first && !self.first {
            self.out.push('\n');
        }
        self.depth = fragment.depth;
        self.first = fragment.first;
        if self.sink.is_some() {
            // Streaming: what is pending, then the fragment's text itself, without copying it
            // (the buffers are swapped for the write and back).
            self.flush(0);
            std::mem::swap(&mut self.out, &mut fragment.out);
            self.flush(0);
            std::mem::swap(&mut self.out, &mut fragment.out);
        } else {
            self.out.push_str(&fragment.out);
            fragment.out.clear();
        }
    }

    /// An emptied fragment, made ready for statements that follow `position`.
    pub(crate) fn reuse(mut self, position: Position) -> Dot<'static> {
        self.out.clear();
        Dot {
            out: self.out,
            sink: None,
            error: None,
            depth: position.depth,
            first: position.first,
            began: position,
        }
    }

    /// Starts a statement on its own line, indented.
    fn statement(&mut self) {
        if self.sink.is_some() {
            self.flush(FLUSH_AT);
        }
        if !self.first {
            self.out.push('\n');
        }
        self.first = false;
        self.indent(self.depth);
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    /// `graph[…]`: attributes of the graph or of the subgraph being written.
    pub(crate) fn graph_attrs(&mut self, attrs: &[Attr<'_>]) {
        self.statement();
        self.out.push_str("graph");
        self.attrs(attrs);
    }

    /// `node[…]`: defaults for the nodes that follow.
    pub(crate) fn node_defaults(&mut self, attrs: &[Attr<'_>]) {
        self.statement();
        self.out.push_str("node");
        self.attrs(attrs);
    }

    /// `edge[…]`: defaults for the edges that follow.
    pub(crate) fn edge_defaults(&mut self, attrs: &[Attr<'_>]) {
        self.statement();
        self.out.push_str("edge");
        self.attrs(attrs);
    }

    /// A node `"id"[…]`.
    pub(crate) fn node<'n>(&mut self, id: impl Into<Name<'n>>, attrs: &[Attr<'_>]) {
        self.statement();
        self.name(id.into());
        self.attrs(attrs);
    }

    /// An edge `"from" -> "to" […]`.
    pub(crate) fn edge<'n>(
        &mut self,
        from: impl Into<Name<'n>>,
        to: impl Into<Name<'n>>,
        attrs: &[Attr<'_>],
    ) {
        self.statement();
        self.name(from.into());
        self.out.push_str(" -> ");
        self.name(to.into());
        if !attrs.is_empty() {
            self.out.push(' ');
            self.attrs(attrs);
        }
    }

    /// Opens `subgraph "id" {`: the statements that follow go inside, up to
    /// [`close_subgraph`](Dot::close_subgraph).
    pub(crate) fn open_subgraph(&mut self, id: &str) {
        self.statement();
        self.out.push_str("subgraph ");
        quote::push_quoted(&mut self.out, id);
        self.out.push_str(" {\n");
        self.depth += 1;
        self.first = true;
    }

    /// Closes the innermost open subgraph.
    pub(crate) fn close_subgraph(&mut self) {
        debug_assert!(self.depth > 1, "no subgraph is open");
        self.depth = self.depth.saturating_sub(1).max(1);
        self.out.push('\n');
        self.indent(self.depth);
        self.out.push('}');
        self.first = false;
    }

    /// A node id, quoted: what [`quote::quote`] makes of the joined text.
    fn name(&mut self, name: Name<'_>) {
        match name {
            Name::Plain(id) => quote::push_quoted(&mut self.out, id),
            Name::Prefixed(prefix, id) => quote::push_quoted_pair(&mut self.out, prefix, id),
            Name::Numbered(prefix, n) => {
                use std::fmt::Write as _;
                quote::push_quoted_pair(&mut self.out, prefix, "");
                // `"prefix:"` is written: put `#n` before the closing quote. Writing to a String
                // cannot fail.
                self.out.pop();
                let _ = write!(self.out, "#{n}\"");
            }
        }
    }

    fn attrs(&mut self, attrs: &[Attr<'_>]) {
        if attrs.is_empty() {
            return;
        }
        self.out.push('[');
        write_attrs(&mut self.out, attrs);
        self.out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fragment written apart and appended gives the text written in one go, whatever was
    /// written before and after it was made.
    #[test]
    fn fragments_append_seamlessly() {
        let write = |before: usize, inside: usize, after: usize| {
            let whole = {
                let mut dot = Dot::digraph("g", 0);
                for i in 0..before + inside + after {
                    dot.node(i.to_string().as_str(), &[]);
                }
                dot.finish().expect("in memory")
            };
            let mut dot = Dot::digraph("g", 0);
            for i in 0..before {
                dot.node(i.to_string().as_str(), &[]);
            }
            let mut fragment = Dot::fragment(dot.position(), 0);
            for i in before + inside..before + inside + after {
                fragment.node(i.to_string().as_str(), &[]);
            }
            for i in before..before + inside {
                dot.node(i.to_string().as_str(), &[]);
            }
            dot.append(&mut fragment);
            (dot.finish().expect("in memory"), whole)
        };
        for before in 0..3 {
            for inside in 0..3 {
                for after in 0..3 {
                    let (pieced, whole) = write(before, inside, after);
                    assert_eq!(pieced, whole, "{before} {inside} {after}");
                }
            }
        }
    }

    /// Node names are written as `quote` writes the joined text.
    #[test]
    fn names_are_quoted_as_joined_text() {
        for (name, joined) in [
            (Name::Plain("a \"b\""), "a \"b\"".to_owned()),
            (
                Name::Prefixed("claim", "x\\y\nz"),
                "claim:x\\y\nz".to_owned(),
            ),
            (Name::Numbered("link", 42), "link:#42".to_owned()),
        ] {
            let mut dot = Dot::digraph("g", 0);
            dot.node(name, &[]);
            let text = dot.finish().expect("in memory");
            let expected = format!("digraph \"g\" {{\n  {}\n}}\n", quote::quote(&joined));
            assert_eq!(text, expected);
        }
    }

    #[test]
    fn writes_blocks_and_attributes() {
        let mut dot = Dot::digraph("g", 0);
        dot.graph_attrs(&[attr("rankdir", "LR")]);
        dot.open_subgraph("cluster:a");
        dot.node(
            "a \"1\"",
            &[text_attr("label", "x & y"), attr("shape", "box")],
        );
        dot.open_subgraph("cluster:empty");
        dot.close_subgraph();
        dot.close_subgraph();
        dot.edge("a", "b", &[]);
        dot.edge("a", "b", &[html_attr("label", Html::text("<b>"))]);
        assert_eq!(
            dot.finish().expect("in memory"),
            "digraph \"g\" {\n  graph[rankdir=\"LR\"]\n  subgraph \"cluster:a\" {\n    \
             \"a \\\"1\\\"\"[label=\"x &amp; y\" shape=\"box\"]\n    subgraph \"cluster:empty\" {\n\n    \
             }\n  }\n  \"a\" -> \"b\"\n  \"a\" -> \"b\" [label=<&lt;b&gt;>]\n}\n"
        );
    }

    /// The bundled map at both levels, with and without an evaluation, parses with
    /// graphviz-rust, and graphviz-rust prints the parsed tree back byte for byte as written.
    #[test]
    fn graphviz_rust_reads_and_reprints_the_diagrams() {
        use crate::render::{Level, Options, diagram};
        use crate::semantics::{Semantics, map::evaluate_map};
        use graphviz_rust::printer::{DotPrinter, PrinterContext};
        let loaded = crate::load::load(std::path::Path::new("graphs/tiktok-wechat"))
            .unwrap_or_else(|e| panic!("bundled map loads: {e:?}"));
        for level in [Level::Claims, Level::Actors] {
            for rollup in [false, true] {
                let options = Options {
                    level,
                    rollup,
                    title: Some("A \"title\" & <more>".to_owned()),
                    evaluation: (level == Level::Claims).then(|| {
                        evaluate_map(&loaded.map, Semantics::Preferred, Default::default())
                            .unwrap_or_else(|e| panic!("{e:?}"))
                    }),
                    ..Options::default()
                };
                let drawn = diagram(&loaded.map, &options);
                let graph = drawn.graph().unwrap_or_else(|e| panic!("{e}"));
                let reprinted = graph.print(&mut PrinterContext::default()) + "\n";
                assert_eq!(drawn.dot(), reprinted);
            }
        }
    }
}
