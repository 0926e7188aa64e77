//! Quoting for DOT: the only place where text becomes a DOT id or attribute value.
//!
//! Every id, every attribute value and every label of a diagram is escaped here, and nowhere
//! else (the writer in `dot.rs` calls these functions; constants of this crate that need no
//! escaping are checked in debug builds):
//!
//! - [`quote`] is the one DOT quoting function: any text becomes a double-quoted DOT string
//!   (`"` and `\` escaped, a newline written `\n`). Node and cluster ids go through it as they are.
//! - [`text`] is for human text shown by Graphviz (labels, tooltips, URLs). Graphviz decodes
//!   HTML entities (`&amp;`) in those, so `&` is written `&amp;` first; the text is
//!   [cleaned](clean) of control characters; then it goes through [`quote`].
//! - [`Html`] builds HTML-like labels. Text enters an [`Html`] only through [`Html::text`] (or
//!   [`Html::push_text`]), which cleans it and escapes `&`, `<`, `>` and `"` (newlines become
//!   `<BR/>`); tags come from this crate's own constants. [`html`] turns it into an id.
//!
//! Escaping works on bytes, with one table per kind, skipping plain runs 8 bytes at a time; a
//! property test checks it against the character-by-character rules above. The property test
//! `any_text_round_trips_through_dot` in `tests/it/render.rs` renders arbitrary text through
//! both routes, parses the DOT back with `graphviz_rust::parse` and compares the text.

/// How one kind of escaping writes each character.
struct Escapes {
    /// The bytes that need a look: ASCII characters with a replacement, and (with `clean`) the
    /// lead bytes `C2` and `EF`.
    special: [bool; 256],
    /// The replacement of each ASCII character, when it has one.
    ascii: [Option<&'static str>; 128],
    /// The printable special bytes (`"`, `&`, DEL…), for the word-at-a-time test.
    needles: [u8; 8],
    /// How many of `needles` are in use.
    needle_count: usize,
    /// Whether some control character (below `0x20`) is special.
    controls: bool,
    /// Whether some byte of `0x80` and above is special.
    high: bool,
}

/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_le_bytes([1; 8]);
/// `0x80` in every byte of a word.
const HIGHS: u64 = ONES * 0x80;

/// Non-zero when some byte of `word` is zero (exact as a yes/no answer).
const fn has_zero_byte(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGHS
}

impl Escapes {
    /// `clean`: whether the non-ASCII characters that [`clean`] removes (C1 controls, U+FFFE,
    /// U+FFFF) become a space.
    const fn new(ascii: [Option<&'static str>; 128], clean: bool) -> Escapes {
        let mut special = [false; 256];
        let mut c = 0;
        while c < 128 {
            special[c] = ascii[c].is_some();
            c += 1;
        }
        special[0xC2] = clean;
        special[0xEF] = clean;
        let mut needles = [0; 8];
        let mut needle_count = 0;
        let mut controls = false;
        let mut c = 0;
        while c < 128 {
            if ascii[c].is_some() {
                if c < 0x20 {
                    controls = true;
                } else {
                    // More than 8 would not fit: a compile-time error, as this runs in a const.
                    needles[needle_count] = c as u8;
                    needle_count += 1;
                }
            }
            c += 1;
        }
        Escapes {
            special,
            ascii,
            needles,
            needle_count,
            controls,
            high: clean,
        }
    }

    /// Whether some byte of the 8 in `word` may need a look (never false when one does).
    #[inline(always)]
    fn may_need(&self, word: u64) -> bool {
        let mut hit = 0;
        if self.controls {
            // A byte below 0x20 (exact for ASCII bytes; others are caught by `high` or are
            // not special).
            hit |= word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        }
        if self.high {
            hit |= word & HIGHS;
        }
        let mut i = 0;
        while i < self.needle_count {
            hit |= has_zero_byte(word ^ (ONES * self.needles[i] as u64));
            i += 1;
        }
        hit != 0
    }
}

/// A table of ASCII replacements: `pairs`, and (when `controls` is set) every other control
/// character replaced by a space.
const fn table(pairs: &[(u8, &'static str)], controls: bool) -> [Option<&'static str>; 128] {
    let mut ascii = [None; 128];
    if controls {
        let mut c = 0;
        while c < 32 {
            ascii[c] = Some(" ");
            c += 1;
        }
        ascii[127] = Some(" ");
    }
    let mut i = 0;
    while i < pairs.len() {
        ascii[pairs[i].0 as usize] = Some(pairs[i].1);
        i += 1;
    }
    ascii
}

/// [`quote`]: `"` and `\` escaped, newline and carriage return written `\n`, `\r`.
const QUOTE: Escapes = Escapes::new(
    table(
        &[
            (b'"', "\\\""),
            (b'\\', "\\\\"),
            (b'\n', "\\n"),
            (b'\r', "\\r"),
        ],
        false,
    ),
    false,
);

/// [`text`]: cleaned, `&` as `&amp;`, then quoted.
const TEXT: Escapes = Escapes::new(
    table(
        &[
            (b'&', "&amp;"),
            (b'"', "\\\""),
            (b'\\', "\\\\"),
            (b'\n', "\\n"),
        ],
        true,
    ),
    true,
);

/// [`Html::text`]: cleaned, markup characters as entities, newlines as `<BR/>`.
const HTML: Escapes = Escapes::new(
    table(
        &[
            (b'&', "&amp;"),
            (b'<', "&lt;"),
            (b'>', "&gt;"),
            (b'"', "&quot;"),
            (b'\n', "<BR/>"),
        ],
        true,
    ),
    true,
);

/// The one DOT quoting function: `raw` as a double-quoted DOT string.
///
/// `\` becomes `\\`, `"` becomes `\"`, a newline becomes `\n` and a carriage return `\r`.
/// The mapping is injective, so distinct ids stay distinct, and for attributes that Graphviz
/// reads as escape strings (labels, tooltips) `\\` reads back as `\`, `\n` as a line break.
pub fn quote(raw: &str) -> String {
    let mut quoted = String::with_capacity(raw.len() + 2);
    push_quoted(&mut quoted, raw);
    quoted
}

/// Appends [`quote`]`(raw)` to `out`.
pub(crate) fn push_quoted(out: &mut String, raw: &str) {
    out.push('"');
    escape_into(out, raw, &QUOTE);
    out.push('"');
}

/// Appends [`quote`]`(&format!("{prefix}:{id}"))` to `out`, without joining the two first.
/// `prefix` is a word of this crate's, with nothing to escape (checked in debug builds).
pub(crate) fn push_quoted_pair(out: &mut String, prefix: &'static str, id: &str) {
    debug_assert!(quote(prefix) == format!("\"{prefix}\""), "{prefix:?}");
    out.push('"');
    out.push_str(prefix);
    out.push(':');
    escape_into(out, id, &QUOTE);
    out.push('"');
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

/// Appends `text` to `out` with each character replaced as `escapes` says, copying the runs in
/// between whole.
///
/// Works on bytes: an ASCII byte is looked up in the table; of the non-ASCII characters only
/// the C1 controls (`C2 80`–`C2 9F` in UTF-8) and U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`) can need
/// a replacement, so only the bytes `C2` and `EF` look further. Runs of 8 bytes with nothing to
/// replace are skipped a word at a time ([`Escapes::may_need`]).
// Inlined into each caller, with a constant `escapes`, so that the word test is specialised.
#[inline(always)]
fn escape_into(out: &mut String, text: &str, escapes: &Escapes) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Most text needs nothing: skip it 8 bytes at a time.
        while let Some(chunk) = bytes.get(at..at + 8) {
            let Ok(word) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            if escapes.may_need(u64::from_le_bytes(word)) {
                break;
            }
            at += 8;
        }
        // Then byte by byte, to the end of the word that may need a look.
        let end = (at + 8).min(bytes.len());
        while at < end && !escapes.special[usize::from(bytes[at])] {
            at += 1;
        }
        let Some(&byte) = bytes.get(at) else { break };
        if at == end {
            continue;
        }
        let (replacement, len) = if byte < 0x80 {
            (escapes.ascii[usize::from(byte)], 1)
        } else {
            // C2 or EF, with `clean` set.
            let next = bytes.get(at + 1).copied();
            let unclean = if byte == 0xC2 {
                matches!(next, Some(0x80..=0x9F))
            } else {
                next == Some(0xBF) && matches!(bytes.get(at + 2), Some(0xBE | 0xBF))
            };
            (unclean.then_some(" "), if byte == 0xC2 { 2 } else { 3 })
        };
        if let Some(replacement) = replacement {
            out.push_str(&text[run..at]);
            out.push_str(replacement);
            run = at + len;
        }
        at += len;
    }
    out.push_str(&text[run..]);
}

/// Human text for a label, tooltip or URL attribute: [cleaned](clean), `&` written `&amp;`
/// (Graphviz decodes entities in these attributes), then [quoted](quote). Newlines break lines.
pub fn text(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    push_text(&mut quoted, text);
    quoted
}

/// Appends [`text`]`(raw)` to `out`.
pub(crate) fn push_text(out: &mut String, raw: &str) {
    out.push('"');
    escape_into(out, raw, &TEXT);
    out.push('"');
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
        escape_into(&mut self.0, text, &HTML);
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
        self.push_html(&other)
    }

    /// Appends a copy of `other`.
    pub fn push_html(&mut self, other: &Html) -> &mut Html {
        self.0.push_str(&other.0);
        self
    }

    /// Appends markup written by this crate: a tag, or several. Never pass user text here.
    pub(crate) fn tag(&mut self, markup: &'static str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// Appends an opening tag with attributes whose values are fixed tokens of this crate (a
    /// colour like `#1f2937`, a number): `<FONT COLOR="#1f2937">`. Being `'static`, they
    /// cannot come from a map; debug builds check that they need no escaping.
    pub(crate) fn open(
        &mut self,
        tag: &'static str,
        attributes: &[(&'static str, &'static str)],
    ) -> &mut Html {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes {
            debug_assert!(
                !value.contains(['&', '<', '>', '"', '\n']),
                "an HTML attribute value of argraph's own needs no escaping: {value:?}"
            );
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            self.0.push_str(value);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    /// Empties the fragment, keeping its buffer.
    pub(crate) fn clear(&mut self) {
        self.0.clear();
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
pub fn html(fragment: &Html) -> String {
    let mut id = String::with_capacity(fragment.0.len() + 2);
    push_html(&mut id, fragment);
    id
}

/// Appends [`html`]`(fragment)` to `out`.
pub(crate) fn push_html(out: &mut String, fragment: &Html) {
    if fragment.is_empty() {
        out.push_str("<<B></B>>");
    } else {
        out.push('<');
        out.push_str(&fragment.0);
        out.push('>');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("two\nlines\r"), r#""two\nlines\r""#);
        assert_eq!(quote(""), r#""""#);
        assert_eq!(quote("tab\t\u{85}中"), "\"tab\t\u{85}中\"");
    }

    #[test]
    fn text_escapes_entities_and_cleans_controls() {
        assert_eq!(text("a & b\tc\u{0}"), r#""a &amp; b c ""#);
        assert_eq!(
            text("c1\u{85}\u{9F}\u{A0}\u{FFFD}\u{FFFE}\u{FFFF}x"),
            "\"c1  \u{A0}\u{FFFD}  x\""
        );
    }

    #[test]
    fn text_is_quote_of_cleaned_text_with_entities() {
        for raw in [
            "",
            "a & \"b\" \\ c\nd\re\tf\u{0}\u{FFFE}",
            "&amp; \\\" “x” 中国",
            "\u{7F}\u{80}\u{9F}\u{A0}\u{FFFD}\u{FFFE}\u{FFFF}\u{FEFF}\u{10FFFF}\u{C2}",
            "ends with C1\u{9F}",
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
        assert_eq!(Html::text("a\u{1}\u{85}\u{FFFF}b").as_str(), "a   b");
        assert_eq!(html(&Html::new()), "<<B></B>>");
        assert_eq!(html(&Html::text("x")), "<x>");
    }

    /// Reference escapers, character by character, from the rules in the docs above.
    fn reference_text(raw: &str) -> String {
        quote(&clean(raw).replace('&', "&amp;"))
    }

    fn reference_html(raw: &str) -> String {
        clean(raw)
            .chars()
            .map(|c| match c {
                '&' => "&amp;".to_owned(),
                '<' => "&lt;".to_owned(),
                '>' => "&gt;".to_owned(),
                '"' => "&quot;".to_owned(),
                '\n' => "<BR/>".to_owned(),
                c => c.to_string(),
            })
            .collect()
    }

    fn reference_quote(raw: &str) -> String {
        let mut quoted = String::from('"');
        for c in raw.chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\n' => quoted.push_str("\\n"),
                '\r' => quoted.push_str("\\r"),
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        quoted
    }

    proptest::proptest! {
        /// The byte-wise escaping agrees with the character rules, on any text and on text
        /// dense in the characters that need care (controls, C1, U+FFFE/U+FFFF, markup).
        #[test]
        fn byte_escaping_matches_the_character_rules(
            raw in proptest::prop_oneof![
                proptest::prelude::any::<String>(),
                "[\\x00-\\x{A0}\\x{FFF0}-\\x{FFFF}&<>\"\\\\中]*",
            ]
        ) {
            proptest::prop_assert_eq!(quote(&raw), reference_quote(&raw));
            proptest::prop_assert_eq!(text(&raw), reference_text(&raw));
            let html = Html::text(&raw);
            proptest::prop_assert_eq!(html.as_str(), reference_html(&raw));
        }
    }
}
