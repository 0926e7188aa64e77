//! The Argdown writer: a [`Map`] as an Argdown document (see the module documentation of
//! [`super`] for the layout).

use super::{claim_title, relation_title};
use crate::model::{Map, RelationIx, RelationKind, Target};
use std::fmt::Write as _;

/// The heading of the section that holds the relations written as arguments.
pub(super) const UNDERCUT_SECTION: &str = "Undercut relations";

/// The heading of the section that holds the map's questions.
pub(super) const QUESTION_SECTION: &str = "Questions";

/// Writes `map` as an Argdown document.
pub(super) fn to_string(map: &Map) -> String {
    let plan = Plan::new(map);
    let mut out = String::new();
    write_front_matter(map, &mut out);
    for (actor_ix, actor) in map.actors.values().enumerate() {
        let mut data = vec![
            ("actor", yaml_string(&actor.id)),
            ("kind", yaml_string(actor.kind.as_str())),
        ];
        if let Some(parent) = actor.member_of {
            data.push(("member_of", yaml_string(&map.actor(parent).id)));
        }
        if let Some(role) = &actor.role {
            data.push(("role", yaml_string(role)));
        }
        if let Some(note) = &actor.note {
            data.push(("note", yaml_string(note)));
        }
        let _ = writeln!(out, "# {} {}\n", escape_text(&actor.name), flow_map(&data));
        for (claim_ix, claim) in map.claims.values().enumerate() {
            if claim.actor.index() == actor_ix {
                write_claim(map, &plan, claim_ix, &mut out);
            }
        }
    }
    if plan.argument.iter().any(|&is_argument| is_argument) {
        let _ = writeln!(out, "# {UNDERCUT_SECTION}\n");
        for relation in map.relation_indices() {
            if plan.argument[relation.index()] {
                write_relation_argument(map, &plan, relation, &mut out);
            }
        }
    }
    write_questions(map, &mut out);
    // One final newline, not a blank line.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// What the writer needs to know about relations before it writes.
struct Plan {
    /// Whether relation `i` is written as an argument (because something undercuts it).
    argument: Vec<bool>,
}

impl Plan {
    fn new(map: &Map) -> Plan {
        let mut argument = vec![false; map.relations.len()];
        for relation in &map.relations {
            if let Target::Relation(target) = relation.target {
                argument[target.index()] = true;
            }
        }
        Plan { argument }
    }

    /// The child element of a relation line: the relation's argument, or its source claim.
    fn child(&self, map: &Map, relation: RelationIx) -> String {
        if self.argument[relation.index()] {
            format!("<{}>", relation_title(map, relation))
        } else {
            format!(
                "[{}]",
                claim_title(&map.claim(map.relation(relation).from).id)
            )
        }
    }
}

/// The questions, last: a heading each (its data names the question and holds its note), with
/// the answering claims referred to under `### For` and `### Against`. Only references: every
/// claim is defined under its actor, and a claim takes its section from its definition, so the
/// questions change nothing that Argdown (or [`super::parse`]) makes of the claims.
fn write_questions(map: &Map, out: &mut String) {
    if map.questions.is_empty() {
        return;
    }
    let _ = writeln!(out, "# {QUESTION_SECTION}\n");
    for question in map.questions.values() {
        let mut data = vec![("question", yaml_string(&question.id))];
        if let Some(note) = &question.note {
            data.push(("note", yaml_string(note)));
        }
        let _ = writeln!(
            out,
            "## {} {}\n",
            escape_text(&question.text),
            flow_map(&data)
        );
        for (claims, heading) in [
            (&question.for_claims, "For"),
            (&question.against_claims, "Against"),
        ] {
            if claims.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {heading}\n");
            for &claim in claims {
                let _ = writeln!(out, "[{}]\n", claim_title(&map.claim(claim).id));
            }
        }
    }
}

fn write_front_matter(map: &Map, out: &mut String) {
    if map.sources.is_empty() {
        return;
    }
    out.push_str("===\n");
    if !map.questions.is_empty() {
        // The questions' sections (level 2 and 3 headings, holding only references) would
        // otherwise make Argdown take its groups from those levels and draw no actor as a group.
        out.push_str("group:\n  groupDepth: 3\n");
    }
    out.push_str("argraph:\n  sources:\n");
    for source in map.sources.values() {
        let mut record = serde_json::Map::new();
        record.insert("id".into(), source.id.clone().into());
        record.insert("title".into(), source.title.clone().into());
        if let Some(publisher) = &source.publisher {
            record.insert("publisher".into(), publisher.clone().into());
        }
        if !source.authors.is_empty() {
            record.insert("authors".into(), source.authors.clone().into());
        }
        if let Some(url) = &source.url {
            record.insert("url".into(), url.clone().into());
        }
        if let Some(date) = source.date {
            record.insert("date".into(), date.to_string().into());
        }
        if let Some(archive) = &source.archive {
            record.insert("archive".into(), archive.clone().into());
        }
        let json = serde_json::Value::Object(record).to_string();
        let _ = writeln!(out, "    - {}", protect_json(&json));
    }
    out.push_str("===\n\n");
}

fn write_claim(map: &Map, plan: &Plan, claim_ix: usize, out: &mut String) {
    let claim = &map.claims[claim_ix];
    let mut text = escape_text(&claim.text);
    // Hashtags when every tag can be one and none repeats (Argdown merges repeats), else
    // all in data: the tags' order and number are kept either way.
    let repeats = claim
        .tags
        .iter()
        .enumerate()
        .any(|(i, tag)| claim.tags[..i].contains(tag));
    let hashtags: Option<Vec<String>> = if repeats {
        None
    } else {
        claim.tags.iter().map(|tag| hashtag(tag)).collect()
    };
    let mut odd_tags = Vec::new();
    match hashtags {
        Some(hashtags) => {
            for written in hashtags {
                text.push(' ');
                text.push_str(&written);
            }
        }
        None => odd_tags.extend(claim.tags.iter().map(|tag| yaml_string(tag))),
    }
    let mut data = vec![
        ("actor", yaml_string(&map.actor(claim.actor).id)),
        ("source", yaml_string(&map.source(claim.source).id)),
    ];
    if let Some(quote) = &claim.quote {
        data.push(("quote", yaml_string(quote)));
    }
    if let Some(date) = claim.date {
        data.push(("date", yaml_string(&date.to_string())));
    }
    if !claim.about.is_empty() {
        let about: Vec<String> = claim
            .about
            .iter()
            .map(|&actor| yaml_string(&map.actor(actor).id))
            .collect();
        data.push(("about", format!("[{}]", about.join(", "))));
    }
    if !odd_tags.is_empty() {
        data.push(("tags", format!("[{}]", odd_tags.join(", "))));
    }
    if let Some(note) = &claim.note {
        data.push(("note", yaml_string(note)));
    }
    // Relations into this claim that Argdown's relation lines cannot carry whole: their id
    // and note.
    let incoming: Vec<RelationIx> = map
        .relation_indices()
        .filter(|&r| map.relation(r).target == Target::Claim(crate::model::ClaimIx::new(claim_ix)))
        .collect();
    let extras: Vec<String> = incoming
        .iter()
        .filter(|&&r| !plan.argument[r.index()])
        .filter_map(|&r| relation_extra(map, r))
        .collect();
    if !extras.is_empty() {
        data.push(("relations", format!("[{}]", extras.join(", "))));
    }
    let _ = writeln!(out, "[{}]: {}", claim_title(&claim.id), text);
    let _ = writeln!(out, "{}", flow_map(&data));
    for &relation in &incoming {
        let symbol = match map.relation(relation).kind {
            RelationKind::Supports => "+",
            RelationKind::Rebuts => "-",
            // An undercut targets a relation, never a claim: the loader guarantees it.
            RelationKind::Undercuts => continue,
        };
        let _ = writeln!(out, "    {symbol} {}", plan.child(map, relation));
    }
    out.push('\n');
}

/// `{from: …, kind: …, id: …, note: …}` for a relation with an id or a note, else `None`.
fn relation_extra(map: &Map, relation: RelationIx) -> Option<String> {
    let record = map.relation(relation);
    if record.id.is_none() && record.note.is_none() {
        return None;
    }
    let mut data = vec![
        ("from", yaml_string(&map.claim(record.from).id)),
        ("kind", yaml_string(record.kind.as_str())),
    ];
    if let Some(id) = &record.id {
        data.push(("id", yaml_string(id)));
    }
    if let Some(note) = &record.note {
        data.push(("note", yaml_string(note)));
    }
    Some(flow_map(&data))
}

fn write_relation_argument(map: &Map, plan: &Plan, relation: RelationIx, out: &mut String) {
    let record = map.relation(relation);
    let from = claim_title(&map.claim(record.from).id);
    let (to_mention, to_id) = match record.target {
        Target::Claim(claim) => (
            format!("@[{}]", claim_title(&map.claim(claim).id)),
            map.claim(claim).id.clone(),
        ),
        Target::Relation(target) => (
            format!("@<{}>", relation_title(map, target)),
            map.relation(target).id.clone().unwrap_or_default(),
        ),
    };
    let mut data = vec![
        (
            "relation",
            yaml_string(record.id.as_deref().unwrap_or_default()),
        ),
        ("from", yaml_string(&map.claim(record.from).id)),
        ("kind", yaml_string(record.kind.as_str())),
        ("to", yaml_string(&to_id)),
    ];
    if let Some(note) = &record.note {
        data.push(("note", yaml_string(note)));
    }
    // The ids and notes of the undercuts of this relation, as for a claim's relations.
    let undercuts: Vec<RelationIx> = map
        .relation_indices()
        .filter(|&r| map.relation(r).target == Target::Relation(relation))
        .collect();
    let extras: Vec<String> = undercuts
        .iter()
        .filter(|&&r| !plan.argument[r.index()])
        .filter_map(|&r| relation_extra(map, r))
        .collect();
    if !extras.is_empty() {
        data.push(("relations", format!("[{}]", extras.join(", "))));
    }
    let _ = writeln!(
        out,
        "<{}>: @[{from}] {} {to_mention}",
        relation_title(map, relation),
        record.kind.as_str()
    );
    let _ = writeln!(out, "{}", flow_map(&data));
    // The relation's source claim is the argument's premise.
    let _ = writeln!(out, "    <+ [{from}]");
    for &undercut in &undercuts {
        let _ = writeln!(out, "    _ {}", plan.child(map, undercut));
    }
    out.push('\n');
}

/// `{key: value, …}`: a YAML flow mapping whose values are already written.
fn flow_map(entries: &[(&str, String)]) -> String {
    let body: Vec<String> = entries
        .iter()
        .map(|(key, value)| format!("{key}: {value}"))
        .collect();
    format!("{{{}}}", body.join(", "))
}

/// A YAML double-quoted string that Argdown's lexer keeps inside one data element.
///
/// YAML's double-quoted style accepts JSON's escapes. Argdown finds the end of a data element
/// with a regular expression that stops at a `}` followed by a space, even inside a string, so
/// braces are written as `\u007b`/`\u007d`; JavaScript's `.` does not match U+2028/U+2029, so
/// those are escaped too.
pub(super) fn yaml_string(text: &str) -> String {
    protect_json(&serde_json::Value::String(text.to_owned()).to_string())
}

/// Escapes, inside JSON text, what Argdown's lexer would misread: braces (data elements), runs
/// of `=` (front matter delimiters) and the JavaScript line separators.
fn protect_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            match c {
                _ if escaped => {
                    escaped = false;
                    out.push(c);
                    continue;
                }
                '\\' => escaped = true,
                '"' => in_string = false,
                '{' => {
                    out.push_str("\\u007b");
                    continue;
                }
                '}' => {
                    out.push_str("\\u007d");
                    continue;
                }
                '=' => {
                    out.push_str("\\u003d");
                    continue;
                }
                '\u{2028}' => {
                    out.push_str("\\u2028");
                    continue;
                }
                '\u{2029}' => {
                    out.push_str("\\u2029");
                    continue;
                }
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    out
}

/// `#tag`, or `#(tag with spaces)`, or `None` when Argdown cannot write the tag as a hashtag.
fn hashtag(tag: &str) -> Option<String> {
    if !tag.is_empty()
        && tag
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Some(format!("#{tag}"))
    } else if !tag.trim().is_empty()
        && tag == tag.trim()
        && !tag.contains(')')
        && !tag.chars().any(|c| c != ' ' && c.is_whitespace())
    {
        Some(format!("#({tag})"))
    } else {
        None
    }
}

/// Text Argdown reads back as itself: whitespace runs become one space, and every character
/// that could start an Argdown element is escaped with a backslash.
///
/// Escaped always: `\ [ ] < > # * _ { } @ =` (titles, mentions, tags, bold and italic, data,
/// front matter). Escaped when followed by a non-space: `.` and `:` (Argdown reads `.x.` and
/// `:x:` as special-character shortcodes). Escaped before `/` or `*`: `/` (comments).
pub fn escape_text(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = collapsed.chars().collect();
    let mut out = String::with_capacity(collapsed.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '[' | ']' | '<' | '>' | '#' | '*' | '_' | '{' | '}' | '@' | '=' => true,
            '.' | ':' => next.is_some_and(|n| !n.is_whitespace()),
            '/' => matches!(next, Some('/' | '*')),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
