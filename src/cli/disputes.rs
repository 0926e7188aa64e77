//! `argraph disputes`: who disputes whom, one row per ordered pair of actors.

use super::output::print_stdout;
use super::present::{ActorRef, Align, ClaimRef, Format, Style, Table, json, plural, unknown};
use super::{Context, Failure, Outcome};
use argraph::model::Map;
use argraph::query::{Link, lookup};
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph disputes` (and, with another help text, `argraph supports`).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "A disputes B when a claim of A rebuts a claim of B, or undercuts a relation \
made by a claim of B.

Examples:
  argraph disputes graphs/tiktok-wechat
  argraph disputes graphs/tiktok-wechat --rollup
  argraph disputes graphs/tiktok-wechat --actor bytedance --rollup --evidence
  argraph disputes graphs/tiktok-wechat --format json

See docs/queries.md."
)]
pub(crate) struct Args {
    #[command(flatten)]
    pub(crate) common: LinkArgs,
}

/// The flags `disputes` and `supports` share.
#[derive(Debug, clap::Args)]
pub(crate) struct LinkArgs {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// Only rows involving this actor (or, without --rollup, one of its members).
    #[arg(long, value_name = "ID")]
    actor: Option<String>,
    /// Count members (officials, products) under the actor they are member_of, transitively;
    /// leave out what happens inside one rolled-up actor.
    #[arg(long)]
    rollup: bool,
    /// List the claim pairs behind each row.
    #[arg(long)]
    evidence: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Which relation `run_links` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    Disputes,
    Supports,
}

#[derive(Serialize)]
struct Row<'a> {
    from: ActorRef<'a>,
    to: ActorRef<'a>,
    count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<Vec<EvidenceRow<'a>>>,
}

#[derive(Serialize)]
struct EvidenceRow<'a> {
    kind: &'static str,
    from_claim: ClaimRef<'a>,
    to_claim: ClaimRef<'a>,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    run_links(Which::Disputes, args.common, context)
}

pub(crate) fn run_links(
    which: Which,
    args: LinkArgs,
    context: &Context,
) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let actor = match &args.actor {
        Some(id) => Some(lookup::actor(map, id).map_err(|e| unknown(e, "--actor", &args.map))?),
        None => None,
    };
    // Never dropped either, like the map (`Context::load`): a row per pair of actors, each with
    // its evidence.
    let rows = std::mem::ManuallyDrop::new(match which {
        Which::Disputes => argraph::query::links::disputes(map, actor, args.rollup),
        Which::Supports => argraph::query::links::supports(map, actor, args.rollup),
    });
    let text = match args.format {
        Format::Json => {
            let rows: Vec<Row> = rows
                .iter()
                .map(|link| Row {
                    from: ActorRef::new(map, link.from),
                    to: ActorRef::new(map, link.to),
                    count: link.count(),
                    evidence: args.evidence.then(|| {
                        link.evidence
                            .iter()
                            .map(|e| EvidenceRow {
                                kind: map.relation(e.relation).kind.as_str(),
                                from_claim: ClaimRef::new(map, e.from_claim),
                                to_claim: ClaimRef::new(map, e.to_claim),
                            })
                            .collect()
                    }),
                })
                .collect();
            json(&rows)?
        }
        Format::Text => text(map, which, &rows, &args, context.style()),
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}

fn text(map: &Map, which: Which, rows: &[Link], args: &LinkArgs, style: Style) -> String {
    let (verb, noun) = match which {
        Which::Disputes => ("disputes", "dispute"),
        Which::Supports => ("supports", "support"),
    };
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str(&format!(
            "No {noun}s between {}actors{}.\n",
            if args.rollup { "rolled-up " } else { "" },
            match &args.actor {
                Some(id) => format!(" involving `{id}`"),
                None => String::new(),
            }
        ));
        return out;
    }
    let total: usize = rows.iter().map(Link::count).sum();
    if args.evidence {
        for link in rows {
            let from = map.actor(link.from);
            let to = map.actor(link.to);
            // The names give way to the width; the ids and the count stay whole.
            let fixed = format!("{} () {verb} {} (): {}", from.id, to.id, link.count());
            let [from_name, to_name] = super::present::fit_names(
                [&from.name, &to.name],
                style.width.saturating_sub(fixed.chars().count()),
            );
            out.push_str(&style.bold(&format!(
                "{from_name} ({}) {verb} {to_name} ({}): {}",
                from.id,
                to.id,
                link.count()
            )));
            out.push('\n');
            let mut table = Table::new(&[
                ("CLAIM", Align::Left, true),
                ("", Align::Left, false),
                ("ANSWERS", Align::Left, true),
            ]);
            for e in &link.evidence {
                let kind = map.relation(e.relation).kind;
                table.row(vec![
                    map.claim(e.from_claim).id.clone(),
                    style.kind(kind, kind.as_str()),
                    map.claim(e.to_claim).id.clone(),
                ]);
            }
            out.push_str(&table.render(style, 2));
            out.push('\n');
        }
    } else {
        let mut table = Table::new(&[
            ("FROM", Align::Left, true),
            ("TO", Align::Left, true),
            ("COUNT", Align::Right, false),
        ]);
        for link in rows {
            table.row(vec![
                map.actor(link.from).name.clone(),
                map.actor(link.to).name.clone(),
                link.count().to_string(),
            ]);
        }
        out.push_str(&table.render(style, 0));
        out.push('\n');
    }
    out.push_str(&format!(
        "{}, {}{}.{}\n",
        plural(total, noun),
        plural(rows.len(), "pair"),
        if args.rollup {
            ", members rolled up"
        } else {
            ""
        },
        if args.evidence {
            ""
        } else {
            " --evidence lists the claims."
        }
    ));
    out
}
