//! Quote verification: does every claim's quote really occur in its source?
//!
//! Each source may name an `archive`, a file holding an archived copy of its text (often raw
//! HTML). [`verify`] reads those files from a directory and checks, for every claim with a quote,
//! that the quote occurs in the text of the claim's source.
//!
//! Matching is exact after [normalisation](normalize_quote), which ignores only what a curator cannot see
//! or cannot be expected to type the same way:
//!
//! - HTML tags and comments (the archived pages are raw HTML; the contents of `<script>` and
//!   `<style>` elements are not visible text either), and HTML character references: named
//!   (`&amp;`), decimal (`&#38;`) and hexadecimal (`&#x26;`);
//! - curly versus straight quotation marks and apostrophes (`’` = `'`, `“` = `"`);
//! - dash variants (hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar,
//!   minus sign, …: all `-`);
//! - runs of whitespace (any run counts as one space; leading and trailing space is dropped).
//!
//! Nothing else differs: matching is case-sensitive, and an ellipsis joining two passages is not a
//! match. When a quote is not found, the report names the closest passage of the source (the window
//! of the visible text with the smallest edit distance to the quote), so the curator can fix it.
//!
//! ```
//! use argraph::verify::{Normalized, normalize_quote};
//!
//! let page = Normalized::new("<p>It&#8217;s a <em>trap</em> &mdash; really.</p>");
//! assert_eq!(page.visible(), "It’s a trap — really.");
//! assert!(page.find(&normalize_quote("It's a trap - really")).is_some());
//! assert!(page.find(&normalize_quote("it's a trap")).is_none()); // case matters
//! ```

use crate::diagnostic::Diagnostic;
use crate::model::{Map, SourceIx};
use std::ops::Range;
use std::path::{Component, Path};

/// A text as a reader sees it, ready for matching.
///
/// Holds the visible text (tags removed, character references decoded, whitespace collapsed)
/// and, character for character, its folded form (quotes and dashes unified) that matching uses,
/// and where each visible character came from in the original text.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// The visible characters, whitespace runs collapsed to one space.
    visible: Vec<char>,
    /// `visible` with quotation marks and dashes folded; same length.
    folded: Vec<char>,
    /// For each visible character, the byte offset in the original text it came from.
    offsets: Vec<usize>,
}

/// The largest alignment (quote length × text length, in characters) that
/// [`Normalized::closest`] computes in full; beyond it, only windows around the quote's words
/// are aligned, so that a long archive cannot make verification slow.
const FULL_ALIGNMENT: usize = 20_000_000;

/// How many places around the quote's words [`Normalized::closest`] tries in a long text.
const MAX_ANCHORS: usize = 256;

/// A passage of a source: where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// Byte range in the original (archived) text.
    pub bytes: Range<usize>,
    /// The passage as visible text (tags removed, references decoded, whitespace collapsed).
    pub text: String,
    /// Edit distance (in characters, after folding) between the quote and the passage; 0 for an
    /// exact match.
    pub distance: usize,
}

impl Normalized {
    /// Normalises an archived text: strips HTML tags and comments (and the contents of `script`
    /// and `style` elements), decodes character references, and collapses whitespace. A
    /// block-level tag (`<p>`, `<br>`, `<div>`, …) separates words like a space; an inline tag
    /// (`<a>`, `<em>`, …) does not.
    pub fn new(text: &str) -> Normalized {
        let mut builder = Builder::default();
        // Past the last `>`, no `<` can open a tag: this keeps unclosed `<`s from making the
        // scan quadratic.
        let last_close = text.rfind('>');
        let mut pos = 0;
        while pos < text.len() {
            let rest = &text[pos..];
            if rest.starts_with('<') && last_close.is_some_and(|close| close > pos) {
                if let Some(tag) = read_tag(text, pos) {
                    if tag.breaks_words {
                        builder.space(pos);
                    }
                    pos = tag.end;
                    continue;
                }
            } else if rest.starts_with('&') {
                if let Some((decoded, len)) = decode_reference(rest) {
                    builder.push(decoded, pos);
                    pos += len;
                    continue;
                }
            }
            // Not markup: one character of text. `pos` is always on a char boundary, since
            // tags and references end on ASCII bytes.
            let c = rest.chars().next().unwrap_or('\u{FFFD}');
            builder.push(c, pos);
            pos += c.len_utf8();
        }
        builder.finish()
    }

    /// The visible text, whitespace collapsed, original quotation marks and dashes kept.
    pub fn visible(&self) -> String {
        self.visible.iter().collect()
    }

    /// The text matching works on: [`Normalized::visible`] with quotes and dashes folded.
    pub fn folded(&self) -> String {
        self.folded.iter().collect()
    }

    /// Where a normalised quote (see [`normalize_quote`]) occurs, as the matching passage; `None`
    /// when it does not occur, or when the quote is empty.
    pub fn find(&self, quote: &str) -> Option<Passage> {
        let needle: Vec<char> = quote.chars().collect();
        if needle.is_empty() || needle.len() > self.folded.len() {
            return None;
        }
        let start = self
            .folded
            .windows(needle.len())
            .position(|window| window == needle.as_slice())?;
        Some(self.passage(start..start + needle.len(), 0))
    }

    /// The passage closest to a normalised quote: the window of the text with the smallest edit
    /// distance to it (semi-global alignment: the whole quote against any stretch of the text),
    /// widened to whole words. `None` when the text or the quote is empty.
    pub fn closest(&self, quote: &str) -> Option<Passage> {
        let needle: Vec<char> = quote.chars().collect();
        if needle.is_empty() || self.folded.is_empty() {
            return None;
        }
        let (window, distance) = if needle.len().saturating_mul(self.folded.len()) <= FULL_ALIGNMENT
        {
            best_window(&needle, &self.folded)
        } else {
            self.best_window_near_words(&needle)?
        };
        Some(self.passage(self.widen_to_words(window), distance))
    }

    /// [`best_window`] for long texts: aligns the quote only around the places where one of its
    /// words (of four characters or more) occurs, at most [`MAX_ANCHORS`] of them.
    fn best_window_near_words(&self, needle: &[char]) -> Option<(Range<usize>, usize)> {
        let n = needle.len();
        let mut words: Vec<&[char]> = needle
            .split(|c| c.is_whitespace())
            .filter(|word| word.len() >= 4)
            .collect();
        words.dedup();
        let mut best: Option<(Range<usize>, usize)> = None;
        let mut anchors = 0;
        for word in words {
            let starts = self
                .folded
                .windows(word.len())
                .enumerate()
                .filter(|(_, window)| *window == word)
                .map(|(start, _)| start);
            for start in starts {
                let low = start.saturating_sub(n);
                let high = (start + word.len() + n).min(self.folded.len());
                let (window, distance) = best_window(needle, &self.folded[low..high]);
                if best
                    .as_ref()
                    .is_none_or(|(_, best_distance)| distance < *best_distance)
                {
                    best = Some((window.start + low..window.end + low, distance));
                }
                anchors += 1;
                if anchors >= MAX_ANCHORS {
                    return best;
                }
            }
        }
        best
    }

    fn passage(&self, chars: Range<usize>, distance: usize) -> Passage {
        let text: String = self.visible[chars.clone()].iter().collect();
        let start = self.offsets.get(chars.start).copied().unwrap_or(0);
        let end = if chars.end > chars.start {
            let last = chars.end - 1;
            self.offsets[last] + self.visible[last].len_utf8()
        } else {
            start
        };
        Passage {
            bytes: start..end,
            text: text.trim().to_owned(),
            distance,
        }
    }

    fn widen_to_words(&self, window: Range<usize>) -> Range<usize> {
        let is_word = |i: usize| self.folded.get(i).is_some_and(|c| !c.is_whitespace());
        let mut start = window.start;
        while start > 0 && is_word(start - 1) && is_word(start) {
            start -= 1;
        }
        let mut end = window.end.max(start);
        while end < self.folded.len() && end > 0 && is_word(end - 1) && is_word(end) {
            end += 1;
        }
        start..end
    }
}

/// Normalises a quote as written in a map: decodes character references, folds quotation marks
/// and dashes, collapses whitespace and trims it. (Tags are not stripped: a quote is plain text.)
pub fn normalize_quote(quote: &str) -> String {
    let mut builder = Builder::default();
    let mut pos = 0;
    while pos < quote.len() {
        let rest = &quote[pos..];
        if rest.starts_with('&') {
            if let Some((decoded, len)) = decode_reference(rest) {
                builder.push(decoded, pos);
                pos += len;
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or('\u{FFFD}');
        builder.push(c, pos);
        pos += c.len_utf8();
    }
    builder.finish().folded()
}

/// Folds the quotation marks and dashes that matching treats as equal: every single quotation
/// mark or apostrophe becomes `'`, every double quotation mark `"`, every dash or minus `-`.
pub fn fold_char(c: char) -> char {
    match c {
        // left/right single quotation marks, low-9 and reversed-9 single quotes, prime,
        // modifier-letter apostrophe
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        // left/right double quotation marks, low-9 and reversed-9 double quotes, double prime
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        // hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar,
        // hyphen bullet, minus sign, small em dash, small hyphen-minus, fullwidth hyphen-minus
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2043}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        other => other,
    }
}

/// Accumulates visible characters, collapsing whitespace.
#[derive(Default)]
struct Builder {
    visible: Vec<char>,
    offsets: Vec<usize>,
    pending_space: Option<usize>,
}

impl Builder {
    fn space(&mut self, offset: usize) {
        if self.pending_space.is_none() {
            self.pending_space = Some(offset);
        }
    }

    fn push(&mut self, c: char, offset: usize) {
        if c.is_whitespace() {
            self.space(offset);
            return;
        }
        if let Some(space_offset) = self.pending_space.take() {
            if !self.visible.is_empty() {
                self.visible.push(' ');
                self.offsets.push(space_offset);
            }
        }
        self.visible.push(c);
        self.offsets.push(offset);
    }

    fn finish(self) -> Normalized {
        let folded = self.visible.iter().map(|&c| fold_char(c)).collect();
        Normalized {
            visible: self.visible,
            folded,
            offsets: self.offsets,
        }
    }
}

/// A tag (or comment, or doctype) found at some offset.
struct Tag {
    /// Byte offset just past it (past the closing tag, for `script` and `style`).
    end: usize,
    /// Whether it separates words (block-level elements, line breaks).
    breaks_words: bool,
}

/// Elements whose tags separate the words around them in rendered text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "img",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Reads the tag starting at byte `start` of `text` (which holds `<`). Returns `None` when the
/// `<` does not open a tag (`a < b`) or the tag is never closed; the `<` is then text.
fn read_tag(text: &str, start: usize) -> Option<Tag> {
    let rest = &text[start..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->")? + start + 4 + 3;
        return Some(Tag {
            end,
            breaks_words: false,
        });
    }
    let bytes = rest.as_bytes();
    let closing = bytes.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    let first = *bytes.get(name_start)?;
    if !(first.is_ascii_alphabetic() || (!closing && (first == b'!' || first == b'?'))) {
        return None;
    }
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
    // Find the closing `>`, skipping quoted attribute values (a value is quoted only right after
    // `=`, so a stray quotation mark in a malformed attribute does not swallow the page).
    let mut i = name_start + name_len;
    let mut after_equals = false;
    let end = loop {
        let b = *bytes.get(i)?;
        match b {
            b'>' => break i + 1,
            b'"' | b'\'' if after_equals => {
                let close = rest[i + 1..].find(b as char)?;
                i += close + 2;
                after_equals = false;
                continue;
            }
            b'=' => after_equals = true,
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => after_equals = false,
        }
        i += 1;
    };
    let mut end = start + end;
    if !closing && (name == "script" || name == "style") {
        // Skip the element's contents, which are not visible text.
        let after = &text[end..];
        let close = after.match_indices("</").find(|&(offset, _)| {
            after
                .get(offset + 2..offset + 2 + name.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(&name))
        });
        end = match close {
            Some((offset, _)) => {
                let close_start = end + offset;
                read_tag(text, close_start).map_or(text.len(), |tag| tag.end)
            }
            None => text.len(),
        };
    }
    Some(Tag {
        end,
        breaks_words: BLOCK_ELEMENTS.contains(&name.as_str()),
    })
}

/// Decodes the character reference at the start of `text` (which holds `&`): `&name;`, `&#NN;`
/// or `&#xHH;`. Returns the character and the reference's length in bytes, or `None` when there is
/// no known, well-formed reference (the `&` is then text).
fn decode_reference(text: &str) -> Option<(char, usize)> {
    let semicolon = text.get(1..)?.find(';')? + 1;
    if semicolon > 40 {
        return None;
    }
    let body = &text[1..semicolon];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            Some(_) => return None,
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse::<u32>().ok()?
            }
            None => return None,
        };
        match code {
            0 => '\u{FFFD}',
            // Windows-1252 numbers that pages use for punctuation (`&#146;` for `’`).
            128..=159 => windows_1252(code).unwrap_or('\u{FFFD}'),
            _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
        }
    } else {
        named_reference(body)?
    };
    Some((c, semicolon + 1))
}

fn windows_1252(code: u32) -> Option<char> {
    Some(match code {
        128 => '€',
        130 => '‚',
        132 => '„',
        133 => '…',
        145 => '‘',
        146 => '’',
        147 => '“',
        148 => '”',
        150 => '–',
        151 => '—',
        153 => '™',
        _ => return None,
    })
}

/// The named character references a news page uses: markup, spaces, punctuation, symbols, and
/// the Latin-1 letters.
fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "shy" => '\u{AD}',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "hyphen" | "dash" => '‐',
        "horbar" => '―',
        "lsquo" => '‘',
        "rsquo" | "rsquor" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" | "rdquor" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "prime" => '′',
        "Prime" => '″',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "para" => '¶',
        "sect" => '§',
        "dagger" => '†',
        "Dagger" => '‡',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "cent" => '¢',
        "pound" => '£',
        "yen" => '¥',
        "euro" => '€',
        "curren" => '¤',
        "iexcl" => '¡',
        "iquest" => '¿',
        "brvbar" => '¦',
        "uml" => '¨',
        "ordf" => 'ª',
        "ordm" => 'º',
        "not" => '¬',
        "macr" => '¯',
        "acute" => '´',
        "cedil" => '¸',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Auml" => 'Ä',
        "Aring" => 'Å',
        "AElig" => 'Æ',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Euml" => 'Ë',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Icirc" => 'Î',
        "Iuml" => 'Ï',
        "ETH" => 'Ð',
        "Ntilde" => 'Ñ',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ouml" => 'Ö',
        "Oslash" => 'Ø',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Ucirc" => 'Û',
        "Uuml" => 'Ü',
        "Yacute" => 'Ý',
        "THORN" => 'Þ',
        "szlig" => 'ß',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "eth" => 'ð',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "thorn" => 'þ',
        "yuml" => 'ÿ',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        _ => return None,
    })
}

/// The window of `text` with the smallest edit distance to `needle` (Sellers' algorithm: the
/// whole needle aligned against any substring of the text), and that distance. Ties go to the
/// earliest window, and among windows ending at the same place to the longest.
fn best_window(needle: &[char], text: &[char]) -> (Range<usize>, usize) {
    // column[i] = (distance, start) of the best alignment of needle[..i] ending at the current
    // text position.
    let n = needle.len();
    let mut column: Vec<(usize, usize)> = (0..=n).map(|i| (i, 0)).collect();
    let mut best = (column[n].0, 0..0);
    for (j, &t) in text.iter().enumerate() {
        let mut diagonal = column[0];
        column[0] = (0, j + 1);
        for i in 1..=n {
            let up = column[i];
            let substitution = (diagonal.0 + usize::from(needle[i - 1] != t), diagonal.1);
            let deletion = (column[i - 1].0 + 1, column[i - 1].1); // needle char skipped
            let insertion = (up.0 + 1, up.1); // text char skipped
            let mut cell = substitution;
            for candidate in [insertion, deletion] {
                if candidate.0 < cell.0 || (candidate.0 == cell.0 && candidate.1 < cell.1) {
                    cell = candidate;
                }
            }
            diagonal = up;
            column[i] = cell;
        }
        if column[n].0 < best.0 {
            best = (column[n].0, column[n].1..j + 1);
        }
    }
    (best.1, best.0)
}

/// The outcome of verifying a map's quotes.
#[derive(Debug, Default)]
pub struct Report {
    /// Quotes compared with their source's archived text.
    pub checked: usize,
    /// Quotes not found in their source's text.
    pub not_found: usize,
    /// Archive files read.
    pub sources_read: usize,
    /// Sources whose archive file does not exist.
    pub missing_archives: usize,
    /// One error per quote not found and per missing archive; one warning per source whose
    /// quotes cannot be checked because it names no archive. Their spans point into the map's
    /// files, so render them with [`crate::diagnostic::render`] and `map.files`.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether every quote was found and every archive read.
    pub fn passed(&self) -> bool {
        self.not_found == 0 && self.missing_archives == 0
    }
}

/// What reading an archive gave.
#[derive(Debug)]
pub enum Archive {
    /// The archived text (invalid UTF-8 replaced by U+FFFD).
    Text(String),
    /// There is no such file.
    Missing,
}

/// A failure to read an archive for another reason than its absence (permissions, a directory
/// in its place, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyError {
    /// The archive's file name as written in the map.
    pub archive: String,
    /// What went wrong, in words.
    pub message: String,
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot read archive `{}`: {}",
            self.archive, self.message
        )
    }
}

impl std::error::Error for VerifyError {}

/// Verifies every quote of `map` against the archived texts in directory `sources`.
///
/// An archive named in the map must be a relative path inside `sources` (no `..`, not absolute);
/// otherwise it is reported as missing. Fails only when an existing archive cannot be read.
pub fn verify(map: &Map, sources: &Path) -> Result<Report, VerifyError> {
    verify_with(map, |archive| {
        if !is_inside(archive) {
            return Ok(Archive::Missing);
        }
        match std::fs::read(sources.join(archive)) {
            Ok(bytes) => Ok(Archive::Text(String::from_utf8_lossy(&bytes).into_owned())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Archive::Missing),
            Err(error) => Err(error.to_string()),
        }
    })
}

/// Whether `archive` is a relative path that stays inside the directory it is joined to.
fn is_inside(archive: &str) -> bool {
    let path = Path::new(archive);
    !archive.is_empty()
        && path
            .components()
            .all(|component| matches!(component, Component::Normal(_) | Component::CurDir))
}

/// Verifies every quote of `map`, reading archives through `read` (given the archive name as
/// written in the map). [`verify`] reads them from a directory; tests can serve them from memory.
pub fn verify_with<F>(map: &Map, mut read: F) -> Result<Report, VerifyError>
where
    F: FnMut(&str) -> Result<Archive, String>,
{
    let mut report = Report::default();
    for (position, source) in map.sources.values().enumerate() {
        let source_ix = SourceIx::new(position);
        let quoted: Vec<_> = map
            .claims
            .values()
            .filter(|claim| claim.source == source_ix && claim.quote.is_some())
            .collect();
        let Some(archive) = &source.archive else {
            if !quoted.is_empty() {
                report.diagnostics.push(
                    Diagnostic::warning(
                        "no-archive",
                        format!(
                            "source `{}` names no archive, so its {} cannot be verified",
                            source.id,
                            plural(quoted.len(), "quote")
                        ),
                    )
                    .at(
                        source.origin.file,
                        record_span(map, &source.origin, None),
                        "no `archive` field",
                    )
                    .help("add `archive: \"FILE\"`, the name of the archived text in the sources directory"),
                );
            }
            continue;
        };
        let text = match read(archive).map_err(|message| VerifyError {
            archive: archive.clone(),
            message,
        })? {
            Archive::Text(text) => text,
            Archive::Missing => {
                report.missing_archives += 1;
                report.diagnostics.push(
                    Diagnostic::error(
                        "missing-archive",
                        format!("archive `{archive}` of source `{}` not found", source.id),
                    )
                    .at(
                        source.origin.file,
                        record_span(map, &source.origin, Some("archive")),
                        "no such file in the sources directory",
                    )
                    .note(format!(
                        "{} of this source cannot be verified",
                        plural(quoted.len(), "quote")
                    )),
                );
                continue;
            }
        };
        report.sources_read += 1;
        let normalized = Normalized::new(&text);
        for claim in quoted {
            let Some(quote) = &claim.quote else { continue };
            report.checked += 1;
            let needle = normalize_quote(quote);
            if normalized.find(&needle).is_some() {
                continue;
            }
            report.not_found += 1;
            let span = record_span(map, &claim.origin, Some("quote"));
            let mut diagnostic = Diagnostic::error(
                "quote-not-found",
                format!(
                    "the quote of claim `{}` is not in source `{}`",
                    claim.id, source.id
                ),
            )
            .at(claim.origin.file, span, format!("not found in `{archive}`"));
            diagnostic = match normalized.closest(&needle) {
                _ if needle.is_empty() => diagnostic.note("the quote is empty"),
                Some(passage) => {
                    let (line, _) = crate::diagnostic::line_column(&text, passage.bytes.start);
                    let alike = 100usize
                        .saturating_sub(passage.distance * 100 / needle.chars().count().max(1));
                    diagnostic
                        .note(format!(
                            "closest passage, `{archive}` line {line} ({alike}% alike):\n{}",
                            passage.text
                        ))
                        .help("copy the passage exactly; matching ignores only HTML markup, quote and dash styles, and whitespace")
                }
                None => diagnostic.note(format!("`{archive}` holds no visible text")),
            };
            report.diagnostics.push(diagnostic);
        }
    }
    Ok(report)
}

/// The span of field `field` of the record at `origin` (the value, quotes included), or of the
/// whole record when the field cannot be found.
fn record_span(map: &Map, origin: &crate::model::Origin, field: Option<&str>) -> Range<usize> {
    let whole = origin.span.clone();
    let Some(field) = field else { return whole };
    let Some(record) = map
        .files
        .get(origin.file.index())
        .and_then(|file| file.text.get(whole.clone()))
    else {
        return whole;
    };
    match crate::load::syntax::parse(record) {
        Ok(node) => node.field_value(field).map_or(whole.clone(), |value| {
            whole.start + value.span.start..whole.start + value.span.end
        }),
        Err(_) => whole,
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(html: &str) -> String {
        Normalized::new(html).visible()
    }

    #[test]
    fn strips_tags_and_comments() {
        assert_eq!(
            visible("<div class=\"x\"><a href=\"u\">Fergus</a> Ryan</div><!-- c --><p>Next</p>"),
            "Fergus Ryan Next"
        );
    }

    #[test]
    fn block_tags_separate_words_inline_tags_do_not() {
        assert_eq!(visible("one</p><p>two"), "one two");
        assert_eq!(visible("line<br>break"), "line break");
        assert_eq!(visible("We<em>Chat</em>"), "WeChat");
    }

    #[test]
    fn quoted_attribute_values_may_hold_angle_brackets() {
        assert_eq!(visible("<a title=\"a > b\">link</a>"), "link");
        assert_eq!(visible("<a title='x>y'>link</a>"), "link");
    }

    #[test]
    fn a_stray_quote_in_an_attribute_does_not_swallow_the_page() {
        // From a seed: a JSON attribute whose inner quotes are not escaped.
        let html = r#"<a data-attrs="{"title": "", "alt": ""}"><img src="x" alt></a>Text after"#;
        assert_eq!(visible(html), "Text after");
    }

    #[test]
    fn script_and_style_contents_are_not_text() {
        assert_eq!(
            visible("a<script>var s = '<p>';</script>b<STYLE>p{}</STYLE>c"),
            "abc"
        );
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(visible("a < b and c <3"), "a < b and c <3");
        assert_eq!(visible("unclosed <b"), "unclosed <b");
    }

    #[test]
    fn decodes_named_decimal_and_hex_references() {
        assert_eq!(visible("Hoffman &#38; Ryan"), "Hoffman & Ryan");
        assert_eq!(visible("It&#x2019;s &amp; &quot;it&quot;"), "It’s & \"it\"");
        assert_eq!(visible("caf&eacute; &mdash; &#X2014;"), "café — —");
        assert_eq!(visible("&#146;"), "’");
    }

    #[test]
    fn unknown_or_malformed_references_stay_as_text() {
        assert_eq!(
            visible("&bogus; &#; &#xZZ; AT&T"),
            "&bogus; &#; &#xZZ; AT&T"
        );
    }

    #[test]
    fn whitespace_runs_collapse_and_ends_are_trimmed() {
        assert_eq!(visible("  a \n\t b&nbsp;&nbsp;c  "), "a b c");
        assert_eq!(normalize_quote("  a \n b  "), "a b");
    }

    #[test]
    fn quotes_and_dashes_fold() {
        assert_eq!(
            normalize_quote("‘it’s’ “so” — – − ‐ -"),
            "'it's' \"so\" - - - - -"
        );
        assert_eq!(
            Normalized::new("U.S.’s whack-a-mole—approach").folded(),
            "U.S.'s whack-a-mole-approach"
        );
    }

    #[test]
    fn matching_is_case_sensitive_and_exact_otherwise() {
        let page = Normalized::new("<p>The problem here is not Trump, it’s China.</p>");
        assert!(
            page.find(&normalize_quote("is not Trump, it's China."))
                .is_some()
        );
        assert!(
            page.find(&normalize_quote("is not trump, it's China."))
                .is_none()
        );
        assert!(
            page.find(&normalize_quote("is not Trump it's China."))
                .is_none()
        );
        assert!(
            page.find(&normalize_quote("is not Trump … China."))
                .is_none()
        );
        assert!(page.find("").is_none());
    }

    #[test]
    fn a_quote_may_span_inline_markup_and_references() {
        let page = Normalized::new(
            "via its <a href=\"x\">PRC-based sister app Douyin</a>. On&nbsp;WeChat",
        );
        assert!(
            page.find(&normalize_quote(
                "its PRC-based sister app Douyin. On WeChat"
            ))
            .is_some()
        );
    }

    #[test]
    fn found_passages_map_back_to_the_original_bytes() {
        let html = "<p>Alpha <b>beta</b> gamma</p>";
        let page = Normalized::new(html);
        let passage = page.find("beta gamma").expect("found");
        assert_eq!(&html[passage.bytes.clone()], "beta</b> gamma");
        assert_eq!(passage.text, "beta gamma");
        assert_eq!(passage.distance, 0);
    }

    #[test]
    fn closest_passage_is_the_best_window_in_whole_words() {
        let page = Normalized::new(
            "<p>Intro text.</p><p>These are true national security issues.</p><p>Outro.</p>",
        );
        let passage = page
            .closest(&normalize_quote("These are real national security issues."))
            .expect("a passage");
        assert_eq!(passage.text, "These are true national security issues.");
        assert!(passage.distance <= 4, "{passage:?}");
    }

    #[test]
    fn closest_passage_of_a_misremembered_quote() {
        let page = Normalized::new("aaa bbb The quick brown fox jumps ccc ddd");
        let passage = page.closest("The quikc brown fox").expect("a passage");
        assert_eq!(passage.text, "The quick brown fox");
        assert_eq!(passage.distance, 2);
        assert!(Normalized::new("").closest("x").is_none());
    }

    #[test]
    fn closest_passage_in_a_long_text_looks_around_the_quote_words() {
        let filler = "lorem ipsum dolor sit amet ".repeat(8_000);
        let original = "the administration announced that both apps would leave the stores \
                        on Sunday, citing national security concerns and data";
        let page = Normalized::new(&format!("{filler}{original} {filler}"));
        let misquote = original
            .replace("announced", "declared")
            .replace("Sunday", "Monday");
        assert!(misquote.len() * page.folded().len() > FULL_ALIGNMENT);
        let passage = page.closest(&misquote).expect("a passage");
        assert_eq!(passage.text, original);
    }

    #[test]
    fn many_unclosed_angle_brackets_are_text() {
        let text = "<a ".repeat(20_000);
        assert_eq!(Normalized::new(&text).folded().len(), text.trim_end().len());
    }

    #[test]
    fn best_window_is_exact_for_substrings() {
        let text: Vec<char> = "xxabcxx".chars().collect();
        let needle: Vec<char> = "abc".chars().collect();
        assert_eq!(best_window(&needle, &text), (2..5, 0));
    }

    #[test]
    fn archives_must_stay_inside_the_directory() {
        assert!(is_inside("000_abc.txt"));
        assert!(is_inside("2020/a.txt"));
        assert!(!is_inside("../secret.txt"));
        assert!(!is_inside("/etc/passwd"));
        assert!(!is_inside(""));
    }
}
