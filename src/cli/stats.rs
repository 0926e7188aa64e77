//! `argraph stats`: how big a map is, per kind, per source, per actor and per tag.

use super::output::print_stdout;
use super::present::{ActorRef, Align, Format, Style, Table, json};
use super::{Context, Failure, Outcome};
use argraph::query::stats::{Stats, stats};
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph stats`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Per actor: claims made; supports and disputes (rebuttals, undercuts) \
its claims give and receive, its own included; claims about it. Actors are not rolled up.

Examples:
  argraph stats graphs/tiktok-wechat
  argraph stats graphs/tiktok-wechat --format json

See docs/queries.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Output<'a> {
    sources: usize,
    actors: usize,
    claims: usize,
    quoted: usize,
    relations: usize,
    relations_by_kind: serde_json::Map<String, serde_json::Value>,
    actors_by_kind: serde_json::Map<String, serde_json::Value>,
    per_source: Vec<SourceRow<'a>>,
    per_actor: Vec<ActorRow<'a>>,
    tags: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct SourceRow<'a> {
    id: &'a str,
    title: &'a str,
    claims: usize,
    quoted: usize,
    actors: usize,
}

#[derive(Serialize)]
struct ActorRow<'a> {
    actor: ActorRef<'a>,
    kind: &'static str,
    claims: usize,
    supports_given: usize,
    disputes_given: usize,
    supports_received: usize,
    disputes_received: usize,
    about: usize,
}

fn counts<K: ToString>(
    items: impl IntoIterator<Item = (K, usize)>,
) -> serde_json::Map<String, serde_json::Value> {
    items
        .into_iter()
        .map(|(k, n)| (k.to_string(), serde_json::Value::from(n)))
        .collect()
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let s = stats(map);
    let text = match args.format {
        Format::Json => json(&Output {
            sources: s.sources,
            actors: s.actors,
            claims: s.claims,
            quoted: s.quoted,
            relations: s.relations,
            relations_by_kind: counts(s.relations_by_kind.iter().copied()),
            actors_by_kind: counts(s.actors_by_kind.iter().copied()),
            per_source: s
                .per_source
                .iter()
                .map(|c| {
                    let source = map.source(c.source);
                    SourceRow {
                        id: &source.id,
                        title: &source.title,
                        claims: c.claims,
                        quoted: c.quoted,
                        actors: c.actors,
                    }
                })
                .collect(),
            per_actor: s
                .per_actor
                .iter()
                .map(|c| ActorRow {
                    actor: ActorRef::new(map, c.actor),
                    kind: map.actor(c.actor).kind.as_str(),
                    claims: c.claims,
                    supports_given: c.supports_given,
                    disputes_given: c.disputes_given,
                    supports_received: c.supports_received,
                    disputes_received: c.disputes_received,
                    about: c.about,
                })
                .collect(),
            tags: counts(s.tags.iter().map(|(t, n)| (t.as_str(), *n))),
        })?,
        Format::Text => text(map, &s, context.style()),
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}

fn text(map: &argraph::model::Map, s: &Stats, style: Style) -> String {
    let mut out = String::new();
    out.push_str(&style.bold(&format!(
        "{} sources, {} actors, {} claims ({} quoted), {} relations",
        s.sources, s.actors, s.claims, s.quoted, s.relations
    )));
    out.push_str("\n\n");
    let mut kinds = Table::new(&[
        ("RELATION", Align::Left, false),
        ("COUNT", Align::Right, false),
    ]);
    for (kind, n) in &s.relations_by_kind {
        kinds.row(vec![kind.to_string(), n.to_string()]);
    }
    out.push_str(&kinds.render(style, 0));
    out.push('\n');
    let mut actors = Table::new(&[
        ("ACTOR KIND", Align::Left, false),
        ("COUNT", Align::Right, false),
    ]);
    for (kind, n) in &s.actors_by_kind {
        actors.row(vec![kind.to_string(), n.to_string()]);
    }
    out.push_str(&actors.render(style, 0));
    out.push('\n');
    let mut sources = Table::new(&[
        ("SOURCE", Align::Left, false),
        ("CLAIMS", Align::Right, false),
        ("QUOTED", Align::Right, false),
        ("ACTORS", Align::Right, false),
        ("TITLE", Align::Left, true),
    ]);
    for c in &s.per_source {
        let source = map.source(c.source);
        sources.row(vec![
            source.id.clone(),
            c.claims.to_string(),
            c.quoted.to_string(),
            c.actors.to_string(),
            source.title.clone(),
        ]);
    }
    out.push_str(&sources.render(style, 0));
    out.push('\n');
    let mut per_actor = Table::new(&[
        ("ACTOR", Align::Left, true),
        ("CLAIMS", Align::Right, false),
        ("SUPPORTS", Align::Right, false),
        ("DISPUTES", Align::Right, false),
        ("SUPPORTED", Align::Right, false),
        ("DISPUTED", Align::Right, false),
        ("ABOUT", Align::Right, false),
    ]);
    for c in &s.per_actor {
        per_actor.row(vec![
            map.actor(c.actor).name.clone(),
            c.claims.to_string(),
            c.supports_given.to_string(),
            c.disputes_given.to_string(),
            c.supports_received.to_string(),
            c.disputes_received.to_string(),
            c.about.to_string(),
        ]);
    }
    out.push_str(&per_actor.render(style, 0));
    if !s.tags.is_empty() {
        out.push('\n');
        let mut tags = Table::new(&[("TAG", Align::Left, true), ("CLAIMS", Align::Right, false)]);
        for (tag, n) in &s.tags {
            tags.row(vec![tag.clone(), n.to_string()]);
        }
        out.push_str(&tags.render(style, 0));
    }
    out
}
