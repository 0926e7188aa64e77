//! `argraph claims`: claims filtered by actor, subject, source and tag.

use super::output::print_stdout;
use super::present::{ActorRef, Format, json, plural, truncate, unknown};
use super::{Context, Failure, Outcome};
use argraph::query::claims::{ClaimFilter, claims};
use argraph::query::lookup;
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph claims`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Filters combine: a claim is listed when it passes every filter given. \
--actor and --about take in the actor's members (the U.S. government covers Mike Pompeo).

Examples:
  argraph claims graphs/tiktok-wechat --actor pompeo
  argraph claims graphs/tiktok-wechat --about bytedance
  argraph claims graphs/tiktok-wechat --source independent-2020-08-03 --tag privacy
  argraph claims graphs/tiktok-wechat --actor us-gov --format json

See docs/queries.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// Claims made by this actor or one of its members.
    #[arg(long, value_name = "ID")]
    actor: Option<String>,
    /// Claims about this actor or one of its members, and by whom.
    #[arg(long, value_name = "ID")]
    about: Option<String>,
    /// Claims from this source.
    #[arg(long, value_name = "ID")]
    source: Option<String>,
    /// Claims with this tag.
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    text: &'a str,
    actor: ActorRef<'a>,
    quote: Option<&'a str>,
    source: SourceRef<'a>,
    date: Option<String>,
    about: Vec<ActorRef<'a>>,
    tags: &'a [String],
}

#[derive(Serialize)]
struct SourceRef<'a> {
    id: &'a str,
    title: &'a str,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let actor_of = |flag: &str, id: &Option<String>| match id {
        Some(id) => lookup::actor(map, id)
            .map(Some)
            .map_err(|e| unknown(e, flag, &args.map)),
        None => Ok(None),
    };
    let filter = ClaimFilter {
        actor: actor_of("--actor", &args.actor)?,
        about: actor_of("--about", &args.about)?,
        source: match &args.source {
            Some(id) => {
                Some(lookup::source(map, id).map_err(|e| unknown(e, "--source", &args.map))?)
            }
            None => None,
        },
        tag: match &args.tag {
            Some(tag) => Some(
                lookup::tag(map, tag)
                    .map_err(|e| unknown(e, "--tag", &args.map))?
                    .to_owned(),
            ),
            None => None,
        },
    };
    let found = claims(map, &filter);
    let text = match args.format {
        Format::Json => {
            let rows: Vec<Row> = found
                .iter()
                .map(|&ix| {
                    let claim = map.claim(ix);
                    let source = map.source(claim.source);
                    Row {
                        id: &claim.id,
                        text: &claim.text,
                        actor: ActorRef::new(map, claim.actor),
                        quote: claim.quote.as_deref(),
                        source: SourceRef {
                            id: &source.id,
                            title: &source.title,
                        },
                        date: claim.date.map(|d| d.to_string()),
                        about: claim.about.iter().map(|&a| ActorRef::new(map, a)).collect(),
                        tags: &claim.tags,
                    }
                })
                .collect();
            json(&rows)?
        }
        Format::Text => {
            let style = context.style();
            let mut out = String::new();
            for &ix in &found {
                let claim = map.claim(ix);
                let mut head = format!(
                    "{}  {} · {}",
                    claim.id,
                    map.actor(claim.actor).name,
                    map.source(claim.source).id
                );
                if args.about.is_some() && !claim.about.is_empty() {
                    let about: Vec<&str> = claim
                        .about
                        .iter()
                        .map(|&a| map.actor(a).id.as_str())
                        .collect();
                    head.push_str(&format!(" · about {}", about.join(", ")));
                }
                let head = truncate(&head, style.width);
                let (id, rest) = match head.strip_prefix(claim.id.as_str()) {
                    Some(rest) => (claim.id.as_str(), rest),
                    None => (head.as_str(), ""),
                };
                out.push_str(&format!("{}{}\n", style.bold(id), style.dim(rest)));
                out.push_str(&format!("  {}\n", truncate(&claim.text, style.width - 2)));
            }
            if !found.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("{}.\n", plural(found.len(), "claim")));
            out
        }
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}
