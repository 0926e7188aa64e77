//! Hover: on a claim id, its text, quote, actor, source and grounded status; on an actor id, its
//! name, kind, organisation and how many claims it makes and disputes; on a source id, its title,
//! publisher and date; on a relation id, what it relates.

use super::navigation::id_at;
use super::position::Encoding;
use super::workspace::MapState;
use crate::load::index::{Definition, IdKind};
use crate::model::{ClaimIx, RelationKind, Target};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

/// The hover for the id under `offset` of file `file`.
pub(crate) fn hover(
    map: &MapState,
    file: usize,
    offset: usize,
    encoding: Encoding,
) -> Option<Hover> {
    let id = id_at(map, file, offset)?;
    let text = match map.definition(&id) {
        Some(found) => describe(map, found.item),
        None => format!("`{id}` is not defined in this map"),
    };
    let state = map.files.get(file)?;
    let range = super::workspace::literal_at(&state.text, offset)
        .map(|literal| state.lines.range(&state.text, &literal.span, encoding));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range,
    })
}

/// A definition in words (Markdown).
pub(crate) fn describe(map: &MapState, definition: &Definition) -> String {
    let id = &definition.id.id;
    let field = |name: &str| definition.field(name);
    let name_of = |id: &str| -> String {
        match map.definition(id) {
            Some(found) => {
                let def = found.item;
                let name = def
                    .field("name")
                    .or_else(|| def.field("title"))
                    .or_else(|| def.field("text"))
                    .unwrap_or("");
                format!("{name} (`{id}`)")
            }
            None => format!("`{id}` (not defined)"),
        }
    };
    let mut out = format!("**{}** `{id}`", definition.kind.as_str());
    match definition.kind {
        IdKind::Claim => {
            let analysis = &map.analysis;
            let status = match analysis.map.as_ref() {
                Some(model) => model
                    .claims
                    .get_index_of(id.as_str())
                    .and_then(|i| analysis.grounded(ClaimIx::new(i)))
                    .map(|label| {
                        format!("{} ({label:?})", crate::semantics::map::status_word(label))
                    })
                    .unwrap_or_else(|| "not known".to_owned()),
                None => "not known while the map has errors".to_owned(),
            };
            out.push_str(&format!(
                "\n\nstatus under grounded semantics: **{status}**"
            ));
            if let Some(text) = field("text") {
                out.push_str(&format!("\n\n{text}"));
            }
            if let Some(quote) = field("quote") {
                out.push_str(&format!("\n\n> {quote}"));
            }
            if let Some(actor) = field("actor") {
                out.push_str(&format!("\n\nactor: {}", name_of(actor)));
            }
            if let Some(source) = field("source") {
                out.push_str(&format!("\n\nsource: {}", name_of(source)));
            }
            if let Some(date) = field("date") {
                out.push_str(&format!("\n\ndate: {date}"));
            }
        }
        IdKind::Actor => {
            if let Some(name) = field("name") {
                out.push_str(&format!(": {name}"));
            }
            let mut facts = Vec::new();
            if let Some(kind) = field("kind") {
                facts.push(format!("kind: {kind}"));
            }
            if let Some(parent) = field("member_of") {
                facts.push(format!("member of: {}", name_of(parent)));
            }
            if let Some(role) = field("role") {
                facts.push(format!("role: {role}"));
            }
            if !facts.is_empty() {
                out.push_str(&format!("\n\n{}", facts.join(" · ")));
            }
            let claims = map
                .references_to(id)
                .filter(|found| found.item.field == "actor")
                .count();
            out.push_str(&format!("\n\nmakes {}", plural(claims, "claim")));
            match disputes(map, id) {
                Some((made, received)) => out.push_str(&format!(
                    "; its claims rebut or undercut {} and are rebutted or undercut {}",
                    plural(made, "time"),
                    plural(received, "time")
                )),
                None => out.push_str("; disputes are counted once the map has no errors"),
            }
        }
        IdKind::Source => {
            if let Some(title) = field("title") {
                out.push_str(&format!(": {title}"));
            }
            for name in ["publisher", "date", "url"] {
                if let Some(value) = field(name) {
                    out.push_str(&format!("\n\n{name}: {value}"));
                }
            }
        }
        IdKind::Question => {
            if let Some(text) = field("text") {
                out.push_str(&format!(": {text}"));
            }
            let answers = |side: &str| definition_answers(map, id, side);
            out.push_str(&format!(
                "\n\nanswered yes by {}, no by {}",
                plural(answers("for"), "claim"),
                plural(answers("against"), "claim")
            ));
        }
        IdKind::Relation => {
            let from = field("from").unwrap_or("?");
            for kind in ["supports", "rebuts", "undercuts"] {
                if let Some(target) = field(kind) {
                    out.push_str(&format!("\n\n`{from}` {kind} `{target}`"));
                }
            }
        }
    }
    if let Some(note) = field("note") {
        out.push_str(&format!("\n\nnote: {note}"));
    }
    out
}

/// How many times the claims of `actor` rebut or undercut, and are rebutted or undercut; known
/// only when the map loaded.
fn disputes(map: &MapState, actor: &str) -> Option<(usize, usize)> {
    let model = map.analysis.map.as_ref()?;
    let actor = model.actors.get_index_of(actor)?;
    let by = |claim: ClaimIx| model.claims[claim.index()].actor.index() == actor;
    let mut made = 0;
    let mut received = 0;
    for relation in &model.relations {
        if relation.kind == RelationKind::Supports {
            continue;
        }
        if by(relation.from) {
            made += 1;
        }
        let target = match relation.target {
            Target::Claim(claim) => Some(claim),
            Target::Relation(target) => model.relations.get(target.index()).map(|r| r.from),
        };
        if target.is_some_and(by) {
            received += 1;
        }
    }
    Some((made, received))
}

/// How many claims question `question` lists on `side` (`for` or `against`).
fn definition_answers(map: &MapState, question: &str, side: &str) -> usize {
    map.references()
        .filter(|found| found.item.field == side && found.item.within.as_deref() == Some(question))
        .count()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
