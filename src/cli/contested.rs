//! `argraph contested`: the most contested claims, and who disputes most and is most disputed.

use super::output::print_stdout;
use super::present::{ActorRef, Align, ClaimRef, Format, Table, json};
use super::{Context, Failure, Outcome};
use argraph::query::contested::contested;
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph contested`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Claims are ranked by the disputes they receive: rebuttals of the claim, and \
undercuts of the relations it makes (an undercut attacks its reasoning, not the claim; the two are \
counted apart), then by how many distinct actors dispute them. Actors are ranked by disputes given \
plus received; an actor disputing its own claims is not counted.

Examples:
  argraph contested graphs/tiktok-wechat
  argraph contested graphs/tiktok-wechat --top 5 --rollup
  argraph contested graphs/tiktok-wechat --format json

See docs/queries.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// How many claims and actors to list (0: all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// Rank rolled-up actors (members counted under the actor they are member_of).
    #[arg(long)]
    rollup: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Output<'a> {
    claims: Vec<ClaimRow<'a>>,
    actors: Vec<ActorRow<'a>>,
}

#[derive(Serialize)]
struct ClaimRow<'a> {
    claim: ClaimRef<'a>,
    rebuttals: usize,
    undercuts: usize,
    rebutting_actors: Vec<ActorRef<'a>>,
    supports: usize,
}

#[derive(Serialize)]
struct ActorRow<'a> {
    actor: ActorRef<'a>,
    given: usize,
    received: usize,
    disputes_actors: usize,
    disputed_by_actors: usize,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let result = contested(map, args.rollup);
    let top = if args.top == 0 { usize::MAX } else { args.top };
    let claims = &result.claims[..result.claims.len().min(top)];
    let actors = &result.actors[..result.actors.len().min(top)];
    let text = match args.format {
        Format::Json => json(&Output {
            claims: claims
                .iter()
                .map(|c| ClaimRow {
                    claim: ClaimRef::new(map, c.claim),
                    rebuttals: c.rebuttals,
                    undercuts: c.undercuts,
                    rebutting_actors: c
                        .rebutting_actors
                        .iter()
                        .map(|&a| ActorRef::new(map, a))
                        .collect(),
                    supports: c.supports,
                })
                .collect(),
            actors: actors
                .iter()
                .map(|a| ActorRow {
                    actor: ActorRef::new(map, a.actor),
                    given: a.given,
                    received: a.received,
                    disputes_actors: a.disputes_actors,
                    disputed_by_actors: a.disputed_by_actors,
                })
                .collect(),
        })?,
        Format::Text => {
            let style = context.style();
            let mut out = String::new();
            if claims.is_empty() {
                out.push_str("No claim is rebutted, nor any of its relations undercut.\n");
            } else {
                out.push_str(&style.bold(&format!(
                    "Most contested claims ({} of {} disputed)",
                    claims.len(),
                    result.claims.len()
                )));
                out.push('\n');
                let mut table = Table::new(&[
                    ("REBUTS", Align::Right, false),
                    ("UNDERCUTS", Align::Right, false),
                    ("ACTORS", Align::Right, false),
                    ("CLAIM", Align::Left, false),
                    ("BY", Align::Left, true),
                ]);
                for c in claims {
                    let claim = map.claim(c.claim);
                    table.row(vec![
                        c.rebuttals.to_string(),
                        c.undercuts.to_string(),
                        c.rebutting_actors.len().to_string(),
                        claim.id.clone(),
                        map.actor(claim.actor).name.clone(),
                    ]);
                }
                out.push_str(&table.render(style, 0));
                out.push_str(
                    "REBUTS: rebuttals of the claim. UNDERCUTS: undercuts of the relations it makes\n\
                     (its reasons for or against another claim), not of the claim. ACTORS: how\n\
                     many actors make them. --format json adds the supports each claim receives.\n",
                );
            }
            if !actors.is_empty() {
                out.push('\n');
                out.push_str(&style.bold(&format!(
                    "Actors by disputes given and received{}",
                    if args.rollup { " (rolled up)" } else { "" }
                )));
                out.push('\n');
                let mut table = Table::new(&[
                    ("ACTOR", Align::Left, true),
                    ("GIVEN", Align::Right, false),
                    ("RECEIVED", Align::Right, false),
                    ("DISPUTES", Align::Right, false),
                    ("DISPUTED BY", Align::Right, false),
                ]);
                for a in actors {
                    table.row(vec![
                        map.actor(a.actor).name.clone(),
                        a.given.to_string(),
                        a.received.to_string(),
                        a.disputes_actors.to_string(),
                        a.disputed_by_actors.to_string(),
                    ]);
                }
                out.push_str(&table.render(style, 0));
                out.push_str("DISPUTES, DISPUTED BY: how many distinct actors it disputes, is disputed by.\n");
            }
            out
        }
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}
