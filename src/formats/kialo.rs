//! Kialo's discussion export (the text file Kialo downloads from a discussion's settings).
//!
//! The layout, as Kialo writes it and as the parsers people wrote for it read it:
//!
//! ```text
//! Discussion Title: Should cities ban cars from their centres?
//!
//! 1. Thesis:
//!    Cities should ban cars from their centres.
//!    1.1. Pro:
//!       Car-free centres have cleaner air [1].
//!       1.1.1. Con:
//!          -> See 1.2.1.
//!    1.2. Con:
//!       Shops in the centre lose customers who come by car.
//!
//! Sources:
//! [1] https://example.org/air-quality "NO2 fell by a third within a year"
//! ```
//!
//! `Discussion Name:` is also read for the title line. A claim's number gives its place in the
//! tree; its stance (`Thesis`, `Pro`, `Con`, or `Question` at the top of a multi-thesis
//! discussion) follows, and its text is on the same line or on the lines below, indented by
//! depth. `-> See 1.2.1.` makes the entry a link to a claim elsewhere in the tree. `[n]` marks a
//! footnote, listed under `Sources:` at the end with its URL and, in quotes, an excerpt. Line
//! ends may be CRLF.
//!
//! What each becomes is in `docs/formats.md`: every claim a claim (`kialo-1-1`), Pro a support
//! of the parent, Con a rebuttal, a link a relation from the linked claim to the link's parent,
//! a footnote the source (URL, excerpt as quote) of the claims that cite it. Kialo's export names
//! no authors, so every claim goes to one actor for the discussion, whose note says so.

use crate::diagnostic::Diagnostic;
use crate::formats::{Import, ImportError};
use crate::model::{ActorKind, FileId, RelationKind};
use crate::schema::{ActorRecord, ClaimRecord, MapDocument, RelationRecord, SourceRecord};
use std::collections::HashMap;
use std::ops::Range;

const FILE: FileId = FileId(0);

/// The one actor every claim of a Kialo discussion is given.
pub const ACTOR: &str = "kialo-participants";
/// The source of claims that cite no footnote: the discussion itself.
pub const DISCUSSION_SOURCE: &str = "kialo-discussion";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stance {
    Thesis,
    Pro,
    Con,
    Question,
}

/// One numbered entry of the tree.
#[derive(Debug)]
struct Entry {
    /// `1.1.2` (without the final dot).
    number: String,
    stance: Stance,
    text: String,
    /// The line of its number.
    span: Range<usize>,
}

/// One footnote of `Sources:`.
#[derive(Debug, Default)]
struct Footnote {
    url: Option<String>,
    title: String,
    excerpt: Option<String>,
}

/// Reads a Kialo discussion export. Errors and warnings point into `text` (file 0).
pub fn from_str(text: &str) -> Result<Import, ImportError> {
    let mut warnings = Vec::new();
    // Lines with their byte ranges, line ends (LF or CRLF) cut off.
    let mut lines: Vec<(Range<usize>, &str)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        lines.push((offset..offset + content.len(), content));
        offset += line.len();
    }
    let first = lines
        .iter()
        .position(|(_, line)| !line.trim().trim_start_matches('\u{feff}').is_empty());
    let Some(first) = first else {
        return Err(ImportError::one(
            Diagnostic::error("kialo-syntax", "the file is empty")
                .at(FILE, 0..0, "")
                .help("export the discussion from Kialo (Discussion settings → Export discussion)"),
        ));
    };
    let (title_span, title_line) = lines[first].clone();
    let title_line = title_line.trim().trim_start_matches('\u{feff}');
    let Some(title) = ["Discussion Title:", "Discussion Name:"]
        .iter()
        .find_map(|prefix| title_line.strip_prefix(prefix))
        .map(|t| t.trim().to_owned())
    else {
        return Err(ImportError::one(
            Diagnostic::error(
                "kialo-syntax",
                "this is not a Kialo discussion export: its first line should be `Discussion Title: …`",
            )
            .at(FILE, title_span, "found this")
            .help("pass the text file Kialo exports, or choose another format with --from"),
        ));
    };

    let mut entries: Vec<Entry> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut footnotes: HashMap<u32, Footnote> = HashMap::new();
    let mut footnote_order: Vec<u32> = Vec::new();
    let mut in_sources = false;
    let mut current_footnote: Option<u32> = None;
    for (span, line) in &lines[first + 1..] {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed == "Sources:" {
            in_sources = true;
            continue;
        }
        if in_sources {
            if let Some((n, rest)) = footnote_mark(trimmed) {
                footnote_order.push(n);
                footnotes.insert(n, Footnote::default());
                current_footnote = Some(n);
                add_footnote_text(footnotes.get_mut(&n), rest);
            } else {
                add_footnote_text(
                    current_footnote.and_then(|n| footnotes.get_mut(&n)),
                    trimmed,
                );
            }
            continue;
        }
        if let Some((number, stance, rest)) = entry_head(trimmed) {
            // A number is an entry's only when its parent is already in the tree (or it is
            // the first); otherwise it is text that happens to start with a number.
            let parent_known = match number.rsplit_once('.') {
                Some((parent, _)) => index.contains_key(parent),
                None => true,
            };
            if parent_known && !index.contains_key(&number) {
                let stance = stance.unwrap_or(if number.contains('.') {
                    Stance::Pro
                } else {
                    Stance::Thesis
                });
                index.insert(number.clone(), entries.len());
                entries.push(Entry {
                    number,
                    stance,
                    text: rest.to_owned(),
                    span: span.clone(),
                });
                continue;
            }
        }
        match entries.last_mut() {
            Some(entry) => {
                if !entry.text.is_empty() {
                    entry.text.push(' ');
                }
                entry.text.push_str(trimmed);
            }
            None => warnings.push(
                Diagnostic::warning("kialo-not-kept", "text before the first claim is not read")
                    .at(FILE, span.clone(), "not a numbered claim"),
            ),
        }
    }
    if entries.is_empty() {
        return Err(ImportError::one(
            Diagnostic::error("kialo-syntax", "the discussion has no claims")
                .at(FILE, title_span, "")
                .help("a claim is a numbered line such as `1. Thesis:` or `1.1. Pro: …`"),
        ));
    }

    let mut document = MapDocument::default();
    document.actors.push(ActorRecord {
        id: ACTOR.to_owned(),
        name: "Kialo participants".to_owned(),
        kind: ActorKind::Public,
        member_of: None,
        role: None,
        note: Some(format!(
            "Kialo's export names no authors: argraph gives every claim of the discussion \"{title}\" to this one actor."
        )),
    });
    document.sources.push(SourceRecord {
        id: DISCUSSION_SOURCE.to_owned(),
        title: title.clone(),
        publisher: Some("Kialo".to_owned()),
        authors: Vec::new(),
        url: None,
        date: None,
        archive: None,
    });
    for n in &footnote_order {
        let footnote = &footnotes[n];
        document.sources.push(SourceRecord {
            id: format!("kialo-source-{n}"),
            title: if footnote.title.is_empty() {
                footnote
                    .url
                    .clone()
                    .unwrap_or_else(|| format!("Source [{n}]"))
            } else {
                footnote.title.clone()
            },
            publisher: None,
            authors: Vec::new(),
            url: footnote.url.clone(),
            date: None,
            archive: None,
        });
    }

    // Links: an entry whose text is `-> See 1.2.3.` stands for that claim.
    let link_of = |entry: &Entry| {
        entry
            .text
            .strip_prefix("-> See")
            .map(|rest| rest.trim().trim_end_matches('.').to_owned())
    };
    let mut resolved: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let mut at = i;
        let mut hops = 0;
        let target = loop {
            match link_of(&entries[at]) {
                None => break Some(at),
                Some(number) => match index.get(&number) {
                    Some(&next) if hops < entries.len() => {
                        at = next;
                        hops += 1;
                    }
                    _ => break None,
                },
            }
        };
        if target.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "kialo-link",
                    format!(
                        "`{}` links to a claim that is not in the discussion",
                        entry.text
                    ),
                )
                .at(FILE, entry.span.clone(), "not read"),
            );
        }
        resolved.push(target);
    }
    let claim_id = |entry: &Entry| format!("kialo-{}", entry.number.replace('.', "-"));

    let mut unknown_footnotes: Vec<(u32, Range<usize>)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        if resolved[i] != Some(i) {
            continue;
        }
        let (text, cited) = strip_footnotes(&entry.text);
        let mut note = Vec::new();
        let mut source = DISCUSSION_SOURCE.to_owned();
        let mut quote = None;
        let mut first = true;
        for n in cited {
            match footnotes.get(&n) {
                Some(footnote) if first => {
                    source = format!("kialo-source-{n}");
                    quote = footnote.excerpt.clone();
                    first = false;
                }
                Some(footnote) => note.push(format!(
                    "Also cites [{n}]: {}{}",
                    footnote.url.as_deref().unwrap_or(&footnote.title),
                    footnote
                        .excerpt
                        .as_ref()
                        .map(|e| format!(" \"{e}\""))
                        .unwrap_or_default()
                )),
                None => unknown_footnotes.push((n, entry.span.clone())),
            }
        }
        let mut tags = Vec::new();
        if entry.stance == Stance::Question {
            tags.push("question".to_owned());
        } else if entry.stance == Stance::Thesis {
            tags.push("thesis".to_owned());
        }
        let text = if text.is_empty() {
            warnings.push(
                Diagnostic::warning("kialo-not-kept", "this claim has no text").at(
                    FILE,
                    entry.span.clone(),
                    "its number is its text",
                ),
            );
            format!("Kialo claim {}", entry.number)
        } else {
            text
        };
        document.claims.push(ClaimRecord {
            id: claim_id(entry),
            actor: ACTOR.to_owned(),
            text,
            quote,
            source,
            date: None,
            tags,
            about: Vec::new(),
            supports: Vec::new(),
            rebuts: Vec::new(),
            undercuts: Vec::new(),
            note: (!note.is_empty()).then(|| note.join("\n")),
        });
    }
    if let Some((_, span)) = unknown_footnotes.first() {
        let marks: Vec<String> = unknown_footnotes
            .iter()
            .map(|(n, _)| format!("[{n}]"))
            .collect();
        warnings.push(
            Diagnostic::warning(
                "kialo-not-kept",
                format!(
                    "footnotes cited but not listed under `Sources:`: {}",
                    marks.join(", ")
                ),
            )
            .at(FILE, span.clone(), "the first of them")
            .note("these claims keep the discussion as their source"),
        );
    }

    // Relations: Pro supports the parent, Con rebuts it; a link's relation comes from the
    // linked claim. A thesis under a question answers it: no relation.
    let mut seen = std::collections::HashSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let kind = match entry.stance {
            Stance::Pro => RelationKind::Supports,
            Stance::Con => RelationKind::Rebuts,
            Stance::Thesis | Stance::Question => continue,
        };
        let Some((parent_number, _)) = entry.number.rsplit_once('.') else {
            continue;
        };
        let (Some(from), Some(parent)) = (resolved[i], index.get(parent_number)) else {
            continue;
        };
        let Some(to) = resolved[*parent] else {
            continue;
        };
        if from == to {
            warnings.push(
                Diagnostic::warning("kialo-link", "this link points at its own parent").at(
                    FILE,
                    entry.span.clone(),
                    "not read",
                ),
            );
            continue;
        }
        let (from, to) = (claim_id(&entries[from]), claim_id(&entries[to]));
        if seen.insert((from.clone(), kind, to.clone())) {
            let mut record = RelationRecord::new(from, kind, to);
            if resolved[i] != Some(i) {
                record.note = Some(format!("Kialo link at {}", entry.number));
            }
            document.relations.push(record);
        }
    }
    Ok(Import { document, warnings })
}

/// `1.2.3.` then an optional stance: the number (without the last dot), the stance, the rest.
fn entry_head(line: &str) -> Option<(String, Option<Stance>, &str)> {
    let digits_and_dots = line
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(line.len());
    let number = &line[..digits_and_dots];
    if number.is_empty()
        || !number.ends_with('.')
        || number.starts_with('.')
        || number.contains("..")
    {
        return None;
    }
    let rest = &line[digits_and_dots..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim_start();
    let stances = [
        ("Thesis:", Stance::Thesis),
        ("Pro:", Stance::Pro),
        ("Con:", Stance::Con),
        ("Question:", Stance::Question),
    ];
    let (stance, rest) = stances
        .iter()
        .find_map(|(word, stance)| rest.strip_prefix(word).map(|r| (Some(*stance), r)))
        .unwrap_or((None, rest));
    Some((number.trim_end_matches('.').to_owned(), stance, rest.trim()))
}

/// `[n]` or `[n]:` at the start of a line of `Sources:`.
fn footnote_mark(line: &str) -> Option<(u32, &str)> {
    let inner = line.strip_prefix('[')?;
    let close = inner.find(']')?;
    let n = inner[..close].trim().parse().ok()?;
    let rest = inner[close + 1..].trim_start_matches(':').trim();
    Some((n, rest))
}

/// Adds a line of a footnote: its URL, a quoted excerpt, the rest as its title.
fn add_footnote_text(footnote: Option<&mut Footnote>, text: &str) {
    let Some(footnote) = footnote else { return };
    let mut rest = String::new();
    let mut remaining = text;
    // A quoted excerpt: "…" or “…”.
    for (open, close) in [('"', '"'), ('\u{201c}', '\u{201d}')] {
        if let Some(start) = remaining.find(open) {
            let after = &remaining[start + open.len_utf8()..];
            if let Some(end) = after.rfind(close) {
                let excerpt = after[..end].trim();
                if !excerpt.is_empty() && footnote.excerpt.is_none() {
                    footnote.excerpt = Some(excerpt.to_owned());
                }
                rest.push_str(&remaining[..start]);
                rest.push(' ');
                rest.push_str(&after[end + close.len_utf8()..]);
                remaining = "";
                break;
            }
        }
    }
    rest.push_str(remaining);
    for word in rest.split_whitespace() {
        if footnote.url.is_none() && (word.starts_with("http://") || word.starts_with("https://")) {
            footnote.url = Some(word.to_owned());
        } else {
            if !footnote.title.is_empty() {
                footnote.title.push(' ');
            }
            footnote.title.push_str(word);
        }
    }
}

/// The text without its footnote marks (`[1]`, and `[2]` in `(p. 4 [2])`), and the marks.
fn strip_footnotes(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut cited = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after
            .find(']')
            .and_then(|close| after[..close].parse::<u32>().ok().map(|n| (close, n)))
        {
            Some((close, n)) => {
                out.push_str(&rest[..open]);
                if !cited.contains(&n) {
                    cited.push(n);
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let out = out.replace(" )", ")").replace(" .", ".").replace(" ,", ",");
    (out, cited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_heads_and_footnotes() {
        assert_eq!(
            entry_head("1.1. Pro: Cleaner air."),
            Some(("1.1".to_owned(), Some(Stance::Pro), "Cleaner air."))
        );
        assert_eq!(
            entry_head("1. Thesis:"),
            Some(("1".to_owned(), Some(Stance::Thesis), ""))
        );
        assert_eq!(entry_head("1.5 million people"), None);
        assert_eq!(
            entry_head("2020. A year"),
            Some(("2020".to_owned(), None, "A year"))
        );
        assert_eq!(
            strip_footnotes("Air is cleaner [1] (p. 4 [2]) here [1]."),
            ("Air is cleaner (p. 4) here.".to_owned(), vec![1, 2])
        );
        assert_eq!(
            strip_footnotes("see [a] b"),
            ("see [a] b".to_owned(), vec![])
        );
    }

    proptest::proptest! {
        /// Any text, however broken, is an import or located errors: never a panic.
        #[test]
        fn any_text_imports_or_fails_with_located_errors(text in "(Discussion Title: t\r?\n)?([0-9.]{0,6} ?(Pro:|Con:|Thesis:)? ?(-> See [0-9.]{1,5})?[a-z \\[\\]0-9\"]{0,12}\r?\n){0,8}(Sources:\n(\\[[0-9]\\] ?[a-z:/\" ]{0,10}\n){0,3})?") {
            match from_str(&text) {
                Ok(import) => {
                    let ids: std::collections::HashSet<&str> =
                        import.document.claims.iter().map(|c| c.id.as_str()).collect();
                    proptest::prop_assert_eq!(ids.len(), import.document.claims.len());
                    for relation in &import.document.relations {
                        proptest::prop_assert!(ids.contains(relation.from.as_str()));
                    }
                }
                Err(error) => proptest::prop_assert!(error.errors.iter().all(|e| e.primary.is_some())),
            }
        }
    }
}
