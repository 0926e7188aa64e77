//! The explorer page: one self-contained HTML file that a reader opens from disk to click
//! through a debate (`argraph html`), with no server and no network request.
//!
//! The page is assembled from the files of `assets/explorer/` (built into the binary, so
//! `cargo build` needs nothing else): the page's markup, style and script, the in-page
//! argumentation engine (`semantics.js`, which recomputes statuses when the reader switches
//! claims off), and a vendored WebAssembly Graphviz (`vendor/viz-js`, which lays out each view
//! in the page). The map goes in as JSON (`data.rs`), escaped so that no text of the map can
//! close the script element it sits in: a claim reading `</script><script>…` stays text.
//!
//! See `docs/explorer.md` for what the page offers.

mod data;

pub use data::{Limits, PageError, SEMANTICS_OFFERED};

use crate::model::{ClaimIx, Map};
use std::io::Write;

/// What to put in a page beyond the map.
#[derive(Debug, Clone, Default)]
pub struct PageOptions {
    /// The page's title (usually the map's directory name).
    pub title: String,
    /// The claim the page opens on when its address names none; by default the most
    /// contested claim.
    pub focus: Option<ClaimIx>,
    /// Hide every status until the reader has answered the map's exercises.
    pub exercise: bool,
    /// Size limits (whole-map diagram, semantics offered, explanations).
    pub limits: Limits,
    /// For `argraph serve`: the version of the map the page shows. The page then listens to
    /// the server's `/events` and follows the map's files (its policy allows requests to the
    /// page's own server, and no other).
    pub live: Option<u64>,
}

/// The page's markup, with `{{…}}` slots for the title, the style, the scripts and the data.
const TEMPLATE: &str = include_str!("../../assets/explorer/page.html");
const STYLE: &str = include_str!("../../assets/explorer/explorer.css");
const SCRIPT: &str = include_str!("../../assets/explorer/explorer.js");
const SEMANTICS: &str = include_str!("../../assets/explorer/semantics.js");
const VIZ: &str = include_str!("../../assets/explorer/vendor/viz-js/viz-global.js");
const LIVE: &str = include_str!("../../assets/explorer/live.js");

/// Writes the explorer page of `map` to `out`.
pub fn write_page(map: &Map, options: &PageOptions, out: &mut dyn Write) -> Result<(), PageError> {
    let data = data::PageData::new(
        map,
        &options.title,
        options.focus,
        options.exercise,
        options.limits,
    )?;
    let json = serde_json::to_string(&data)
        .map_err(|error| PageError::Io(std::io::Error::other(error)))?;
    let nonce = nonce(&json);
    let mut rest = TEMPLATE;
    while let Some(start) = rest.find("{{") {
        out.write_all(&rest.as_bytes()[..start])?;
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.write_all(&rest.as_bytes()[start..])?;
            rest = "";
            break;
        };
        match &after[..end] {
            "title" => out.write_all(escape_html(&options.title).as_bytes())?,
            "nonce" => out.write_all(nonce.as_bytes())?,
            "style" => out.write_all(STYLE.as_bytes())?,
            "viz" => out.write_all(VIZ.as_bytes())?,
            "semantics" => out.write_all(SEMANTICS.as_bytes())?,
            "script" => out.write_all(SCRIPT.as_bytes())?,
            "connect" => out.write_all(match options.live {
                Some(_) => b"'self' data:",
                None => b"data:",
            })?,
            "live" => {
                if let Some(version) = options.live {
                    write!(
                        out,
                        "<script nonce=\"{nonce}\">\nwindow.ARGRAPH_LIVE = {{ version: {version} }};\n{LIVE}</script>"
                    )?;
                }
            }
            "data" => out.write_all(escape_script_json(&json).as_bytes())?,
            other => {
                out.write_all(b"{{")?;
                out.write_all(other.as_bytes())?;
                out.write_all(b"}}")?;
            }
        }
        rest = &after[end + 2..];
    }
    out.write_all(rest.as_bytes())?;
    Ok(())
}

/// The page of `map` as a string.
pub fn page(map: &Map, options: &PageOptions) -> Result<String, PageError> {
    let mut bytes = Vec::new();
    write_page(map, options, &mut bytes)?;
    String::from_utf8(bytes).map_err(|error| PageError::Io(std::io::Error::other(error)))
}

/// The page's script nonce: only the page's own scripts carry it, so its Content-Security-Policy
/// refuses any script that a text of the map might smuggle in (a second line of defence behind
/// the escaping). It is a hash of the page's data, so the same map gives the same bytes, and a
/// text of the map cannot know the hash of a page that contains it.
fn nonce(data: &str) -> String {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    hasher.write(data.as_bytes());
    hasher.write(SCRIPT.as_bytes());
    format!("{:016x}", hasher.finish())
}

/// Escapes text for HTML element content and attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Makes JSON safe inside a `<script>` element: `<`, `>` and `&` (which only occur inside JSON
/// strings) become `\u` escapes, so no text can end the element or open a comment, and the
/// line separators U+2028 and U+2029 are escaped for older JavaScript parsers. The JSON value is
/// unchanged.
fn escape_script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape_html, escape_script_json};

    #[test]
    fn script_json_escapes_what_could_end_the_element_and_stays_the_same_value() {
        let json = r#"{"text":"</script><script>alert(1)</script> & <!-- \u2028"}"#;
        let escaped = escape_script_json(json);
        assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('&'));
        let before: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
        let after: serde_json::Value = serde_json::from_str(&escaped).expect("still valid JSON");
        assert_eq!(before, after);
    }

    #[test]
    fn no_asset_can_end_its_element_early() {
        for (name, text) in [
            ("explorer.js", super::SCRIPT),
            ("semantics.js", super::SEMANTICS),
            ("viz-global.js", super::VIZ),
            ("live.js", super::LIVE),
        ] {
            let lower = text.to_ascii_lowercase();
            assert!(!lower.contains("</script"), "{name} contains </script");
            assert!(!lower.contains("<!--"), "{name} contains <!--");
        }
        assert!(!super::STYLE.to_ascii_lowercase().contains("</style"));
    }

    #[test]
    fn html_escaping_covers_attribute_quotes() {
        assert_eq!(
            escape_html(r#""><img src=x onerror='a'>&"#),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
    }
}
