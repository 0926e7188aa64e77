//! Quoting for DOT: the only place where text becomes a DOT [`Id`].
//!
//! graphviz-rust prints ids and attribute values exactly as given: it neither quotes nor escapes.
//! So every id, every attribute value and every label of a diagram is made here, and nowhere
//! else:
//!
//! - [`quote`] is the one DOT quoting function: any text becomes a double-quoted DOT string
//!   (`"` and `\` escaped, a newline written `\n`). Node and cluster ids go through it as they are.
//! - [`text`] is for human text shown by Graphviz (labels, tooltips, URLs). Graphviz decodes
//!   HTML entities (`&amp;`) in those, so `&` is written `&amp;` first; the text is
//!   [cleaned](clean) of control characters; then it goes through [`quote`].
//! - [`Html`] builds HTML-like labels. Text enters an [`Html`] only through [`Html::text`], which
//!   cleans it and escapes `&`, `<`, `>` and `"` (newlines become `<BR/>`); tags come from this
//!   crate's own constants. [`html`] turns it into an id.
//!
//! The property test `any_text_round_trips_through_dot` in `tests/it/render.rs` renders arbitrary text through both routes,
//! parses the DOT back with `graphviz_rust::parse` and compares the text, and has Graphviz's
//! `dot` accept it.

use graphviz_rust::dot_structures::{Attribute, Id};

/// The one DOT quoting function: `raw` as a double-quoted DOT string.
///
/// `\` becomes `\\`, `"` becomes `\"`, a newline becomes `\n` and a carriage return `\r`.
/// The mapping is injective, so distinct ids stay distinct, and for attributes that Graphviz
/// reads as escape strings (labels, tooltips) `\\` reads back as `\`, `\n` as a line break.
pub fn quote(raw: &str) -> Id {
    let mut quoted = String::with_capacity(raw.len() + 2);
    quoted.push('"');
    escape_into(&mut quoted, raw, |c| match c {
        '"' => Some("\\\""),
        '\\' => Some("\\\\"),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        _ => None,
    });
    quoted.push('"');
    Id::Escaped(quoted)
}

/// `text` with every character Graphviz or an SVG viewer cannot show replaced by a space:
/// control characters other than the newline (tabs, carriage returns, NUL, DEL, C1 controls)
/// and the non-characters U+FFFE and U+FFFF, which XML forbids. Newlines are kept: they break
/// lines.
pub fn clean(text: &str) -> String {
    text.chars().map(clean_char).collect()
}

/// One character as [`clean`] writes it.
fn clean_char(c: char) -> char {
    if c == '\n' {
        c
    } else if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
        ' '
    } else {
        c
    }
}

/// Appends `text` to `out` with each character for which `replace` gives a replacement
/// replaced, copying the runs in between whole.
fn escape_into(out: &mut String, text: &str, replace: impl Fn(char) -> Option<&'static str>) {
    let mut run = 0;
    for (at, c) in text.char_indices() {
        if let Some(replacement) = replace(c) {
            out.push_str(&text[run..at]);
            out.push_str(replacement);
            run = at + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
}

/// Human text for a label, tooltip or URL attribute: [cleaned](clean), `&` written `&amp;`
/// (Graphviz decodes entities in these attributes), then [quoted](quote). Newlines break lines.
pub fn text(text: &str) -> Id {
    // One pass doing what `quote(&clean(text).replace('&', "&amp;"))` does.
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    escape_into(&mut quoted, text, |c| match c {
        '&' => Some("&amp;"),
        '"' => Some("\\\""),
        '\\' => Some("\\\\"),
        '\n' => Some("\\n"),
        _ if clean_char(c) == ' ' && c != ' ' => Some(" "),
        _ => None,
    });
    quoted.push('"');
    Id::Escaped(quoted)
}

/// An attribute `name=value` with `value` [quoted](quote) (for fixed values: colours, styles,
/// numbers, ids).
pub fn attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_owned()), quote(value))
}

/// An attribute whose value is human text (see [`text`]).
pub fn text_attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_owned()), text(value))
}

/// An attribute whose value is an HTML-like label (see [`html`]).
pub fn html_attr(name: &str, value: Html) -> Attribute {
    Attribute(Id::Plain(name.to_owned()), html(value))
}

/// A fragment of a Graphviz HTML-like label. User text gets in only through [`Html::text`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// An empty fragment.
    pub fn new() -> Html {
        Html(String::new())
    }

    /// An empty fragment with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Html {
        Html(String::with_capacity(capacity))
    }

    /// `text`, [cleaned](clean) and escaped for HTML; newlines become `<BR/>`.
    pub fn text(text: &str) -> Html {
        let mut html = Html(String::with_capacity(text.len()));
        html.push_text(text);
        html
    }

    /// Appends `text` as [`Html::text`] escapes it, without an intermediate fragment.
    pub fn push_text(&mut self, text: &str) -> &mut Html {
        escape_into(&mut self.0, text, |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\n' => Some("<BR/>"),
            _ if clean_char(c) == ' ' && c != ' ' => Some(" "),
            _ => None,
        });
        self
    }

    /// Appends `lines` as [`Html::text`] escapes them joined by newlines (`<BR/>` between).
    pub fn push_lines<S: AsRef<str>>(&mut self, lines: &[S]) -> &mut Html {
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.0.push_str("<BR/>");
            }
            self.push_text(line.as_ref());
        }
        self
    }

    /// Appends `other`.
    pub fn push(&mut self, other: Html) -> &mut Html {
        self.0.push_str(&other.0);
        self
    }

    /// Appends markup written by this crate: a tag, or several. Never pass user text here.
    pub(crate) fn tag(&mut self, markup: &'static str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// Appends an opening tag with one attribute whose value is a fixed token of this crate
    /// (a colour like `#1f2937`, a number): `<FONT COLOR="#1f2937">`.
    pub(crate) fn open(&mut self, tag: &'static str, attributes: &[(&str, &str)]) -> &mut Html {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            // Values are this crate's constants; escape anyway so that a mistake stays harmless.
            self.push_text(value);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    /// The markup as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An HTML-like label as a DOT id: `<…>`.
///
/// An empty fragment becomes an empty table cell rather than `<>`, which is not a valid id for
/// every DOT parser.
pub fn html(fragment: Html) -> Id {
    if fragment.is_empty() {
        Id::Html("<<B></B>>".to_owned())
    } else {
        let mut id = String::with_capacity(fragment.0.len() + 2);
        id.push('<');
        id.push_str(&fragment.0);
        id.push('>');
        Id::Html(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(quote(r#"a "b" \c"#), Id::Escaped(r#""a \"b\" \\c""#.into()));
        assert_eq!(quote("two\nlines"), Id::Escaped(r#""two\nlines""#.into()));
        assert_eq!(quote(""), Id::Escaped(r#""""#.into()));
    }

    #[test]
    fn text_escapes_entities_and_cleans_controls() {
        assert_eq!(
            text("a & b\tc\u{0}"),
            Id::Escaped(r#""a &amp; b c ""#.into())
        );
    }

    #[test]
    fn text_is_quote_of_cleaned_text_with_entities() {
        for raw in [
            "",
            "a & \"b\" \\ c\nd\re\tf\u{0}\u{FFFE}",
            "&amp; \\\" “x” 中国",
        ] {
            assert_eq!(
                text(raw),
                quote(&clean(raw).replace('&', "&amp;")),
                "{raw:?}"
            );
        }
        let mut lines = Html::new();
        lines.push_lines(&["a<b", "c & d"]);
        assert_eq!(lines, Html::text("a<b\nc & d"));
    }

    #[test]
    fn html_text_escapes_markup() {
        let fragment = Html::text("<b> & \"x\"\nnext");
        assert_eq!(fragment.as_str(), "&lt;b&gt; &amp; &quot;x&quot;<BR/>next");
    }
}
