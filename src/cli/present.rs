//! What the query subcommands share: the `--format` flag, JSON references to actors and claims,
//! aligned text tables that fit the terminal's width (`--width`), colour, and errors for unknown
//! ids.

use super::Failure;
use argraph::model::{ActorIx, ClaimIx, Map, RelationKind};
use argraph::query::lookup::UnknownId;
use serde::Serialize;
use std::path::Path;

/// The width text output fits in when it does not go to a terminal and `--width` is not given.
pub(crate) const DEFAULT_WIDTH: usize = 80;

/// The narrowest width text output is fitted to (`--width` takes no less).
pub(crate) const MIN_WIDTH: usize = 20;

/// Output format of the query subcommands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Aligned tables for a terminal.
    #[default]
    Text,
    /// JSON (documented in docs/queries.md).
    Json,
}

/// An actor in JSON: id and display name.
#[derive(Debug, Serialize)]
pub(crate) struct ActorRef<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
}

impl<'a> ActorRef<'a> {
    pub(crate) fn new(map: &'a Map, actor: ActorIx) -> Self {
        let actor = map.actor(actor);
        ActorRef {
            id: &actor.id,
            name: &actor.name,
        }
    }
}

/// A claim in JSON: id, statement, and who makes it.
#[derive(Debug, Serialize)]
pub(crate) struct ClaimRef<'a> {
    pub(crate) id: &'a str,
    pub(crate) text: &'a str,
    pub(crate) actor: ActorRef<'a>,
}

impl<'a> ClaimRef<'a> {
    pub(crate) fn new(map: &'a Map, claim: ClaimIx) -> Self {
        let c = map.claim(claim);
        ClaimRef {
            id: &c.id,
            text: &c.text,
            actor: ActorRef::new(map, c.actor),
        }
    }
}

/// Pretty JSON with a final newline.
pub(crate) fn json<T: Serialize>(value: &T) -> Result<String, Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Usage(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// The error for an id the map does not have (exit code 1): what is wrong, where it was
/// given, and what to do.
pub(crate) fn unknown(error: UnknownId, argument: &str, map: &Path) -> Failure {
    let mut message = format!("no {} `{}`", error.kind, error.id);
    if let Some(other) = error.is_instead {
        message.push_str(&format!(" (`{}` is {other})", error.id));
    }
    match &error.did_you_mean {
        Some(hint) => message.push_str(&format!("; did you mean `{hint}`?")),
        None => message.push_str(&format!(
            "; `argraph {} {}` lists them",
            if error.kind == "claim" {
                "claims"
            } else {
                "stats"
            },
            map.display()
        )),
    }
    message.push_str(&format!(
        "\n  --> {argument} {}, in map {}",
        error.id,
        map.display()
    ));
    Failure::Invalid(message)
}

/// The number of characters of `text` a terminal shows: ANSI colour sequences (`ESC [ … m`)
/// take no room.
pub(crate) fn visible_len(text: &str) -> usize {
    let mut count = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            count += 1;
        }
    }
    count
}

/// `text` cut to `width` characters, with an ellipsis when something was cut.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// `names` shortened (the longest first, with an ellipsis, to no less than 8 characters each)
/// until they take at most `room` characters in all: for lines that hold names and numbers,
/// whose numbers must never be cut.
pub(crate) fn fit_names<const N: usize>(names: [&str; N], room: usize) -> [String; N] {
    let mut widths = names.map(|name| name.chars().count());
    let mut total: usize = widths.iter().sum();
    while total > room {
        let Some(longest) = (0..N)
            .filter(|&i| widths[i] > 8)
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)))
        else {
            break;
        };
        widths[longest] -= 1;
        total -= 1;
    }
    let mut i = 0;
    names.map(|name| {
        let fitted = truncate(name, widths[i]);
        i += 1;
        fitted
    })
}

/// How text output looks: ANSI styling or none, and the width it fits in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) color: bool,
    /// Columns that lines fit in ([`super::Context::width`]).
    pub(crate) width: usize,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Table headers and titles.
    pub(crate) fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Ids and secondary detail.
    pub(crate) fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// A relation kind word: supports green, rebuts and undercuts red.
    pub(crate) fn kind(self, kind: RelationKind, text: &str) -> String {
        match kind {
            RelationKind::Supports => self.paint("32", text),
            RelationKind::Rebuts | RelationKind::Undercuts => self.paint("31", text),
        }
    }
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// An aligned text table. Columns are as wide as their widest cell; when the table is wider
/// than the style's width, the *flexible* columns (long statements, names) are cut, with an
/// ellipsis. Other columns (numbers, ids) are never cut.
#[derive(Debug)]
pub(crate) struct Table {
    headers: Vec<&'static str>,
    align: Vec<Align>,
    flexible: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns: (header, alignment, flexible).
    pub(crate) fn new(columns: &[(&'static str, Align, bool)]) -> Self {
        Table {
            headers: columns.iter().map(|c| c.0).collect(),
            align: columns.iter().map(|c| c.1).collect(),
            flexible: columns.iter().map(|c| c.2).collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as lines of at most `style.width` characters (indented by `indent` spaces), as
    /// far as cutting the flexible columns allows.
    pub(crate) fn render(&self, style: Style, indent: usize) -> String {
        let columns = self.headers.len();
        let mut widths: Vec<usize> = (0..columns)
            .map(|i| {
                self.rows
                    .iter()
                    .map(|row| row.get(i).map_or(0, |c| visible_len(c)))
                    .chain([self.headers[i].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let gaps = 2 * columns.saturating_sub(1);
        // Shrink the widest flexible column, one character at a time, until the table fits
        // (or every flexible column is down to a floor): long columns give up most.
        let floor = 12;
        let mut total: usize = indent + gaps + widths.iter().sum::<usize>();
        while total > style.width {
            let widest = (0..columns)
                .filter(|&i| self.flexible[i] && widths[i] > floor)
                .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
            match widest {
                Some(i) => {
                    widths[i] -= 1;
                    total -= 1;
                }
                None => break,
            }
        }
        let mut out = String::new();
        // Appends one line; cells are appended in place (a table of a big map has a few
        // hundred thousand rows).
        let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>, bold: bool| {
            let start = out.len();
            out.extend(std::iter::repeat_n(' ', indent));
            for (i, cell) in cells.enumerate() {
                let last = i + 1 == columns;
                let visible = visible_len(cell);
                // Coloured cells are never cut (only plain, flexible columns are).
                let cut;
                let (cell, visible) = if visible == cell.chars().count() && visible > widths[i] {
                    cut = truncate(cell, widths[i]);
                    (cut.as_str(), visible_len(&cut))
                } else {
                    (cell, visible)
                };
                let pad = widths[i].saturating_sub(visible);
                let padded = |out: &mut String| match (self.align[i], last) {
                    (Align::Right, _) => {
                        out.extend(std::iter::repeat_n(' ', pad));
                        out.push_str(cell);
                    }
                    (Align::Left, true) => out.push_str(cell),
                    (Align::Left, false) => {
                        out.push_str(cell);
                        out.extend(std::iter::repeat_n(' ', pad));
                    }
                };
                if bold {
                    let mut text = String::new();
                    padded(&mut text);
                    out.push_str(&style.bold(&text));
                } else {
                    padded(out);
                }
                if !last {
                    out.push_str("  ");
                }
            }
            let end = start + out[start..].trim_end().len();
            out.truncate(end);
            out.push('\n');
        };
        line(&mut out, &mut self.headers.iter().copied(), true);
        for row in &self.rows {
            line(&mut out, &mut row.iter().map(String::as_str), false);
        }
        out
    }
}

/// `1 claim`, `2 claims`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    super::output::count(n, noun)
}

#[cfg(test)]
mod tests {
    use super::{Align, Style, Table, truncate, visible_len};

    #[test]
    fn truncation_and_visible_width() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a long statement", 8), "a long…");
        assert_eq!(visible_len("\x1b[31mrebuts\x1b[0m"), 6);
    }

    #[test]
    fn names_give_way_and_numbers_stay_whole() {
        let [a, b] = super::fit_names(["a rather long name of an actor", "short"], 20);
        // (At most: a cut drops the spaces before the ellipsis.)
        assert!(
            (18..=20).contains(&(a.chars().count() + b.chars().count())),
            "{a}"
        );
        assert_eq!(b, "short");
        assert!(a.ends_with('…'), "{a}");
        // Names never go below 8 characters: the line is then wider than asked.
        let [a, b] = super::fit_names(["abcdefghijk", "abcdefghijk"], 4);
        assert_eq!((a.chars().count(), b.chars().count()), (8, 8));
        // What fits is left alone.
        assert_eq!(super::fit_names(["x", "y"], 80), ["x", "y"]);
    }

    #[test]
    fn tables_fit_and_stay_aligned_in_colour() {
        let style = Style {
            color: true,
            width: 80,
        };
        let mut table = Table::new(&[
            ("NAME", Align::Left, true),
            ("KIND", Align::Left, false),
            ("N", Align::Right, false),
        ]);
        table.row(vec!["x".repeat(120), style.bold("rebuts"), "7".into()]);
        table.row(vec!["y".into(), style.bold("supports"), "12".into()]);
        let text = table.render(style, 2);
        let widths: Vec<usize> = text.lines().map(visible_len).collect();
        assert!(widths.iter().all(|&w| w <= 80), "{widths:?}");
        // The count column ends at the same place on every line.
        assert_eq!(widths[1], widths[2], "{text}");
        assert!(text.contains('…'));
    }
}
