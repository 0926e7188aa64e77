//! `argraph path`: how one claim bears on another, through chains of relations.

use super::output::print_stdout;
use super::present::{Align, ClaimRef, Format, Style, Table, json, unknown};
use super::{Context, Failure, Outcome};
use argraph::model::{ClaimIx, Map};
use argraph::query::lookup;
use argraph::query::path::{Hop, paths};
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph path`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Chains follow relations either way: `a ─rebuts→ b` means a rebuts b, \
`a ←supports─ b` means b supports a. An undercut joins its claim to both claims of the link it \
attacks. Chains are listed shortest first; no claim or relation appears twice in one chain.

Examples:
  argraph path graphs/tiktok-wechat tiktok-no-cooperation pompeo-more-apps
  argraph path graphs/tiktok-wechat tiktok-no-cooperation pompeo-more-apps --limit 10 --max-hops 6
  argraph path graphs/tiktok-wechat hrw-subject-to-control pompeo-feeding-data --format json

See docs/queries.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// The claim to start from.
    from: String,
    /// The claim to reach.
    to: String,
    /// How many chains to list at most.
    #[arg(long, value_name = "N", default_value_t = 5)]
    limit: usize,
    /// Longest chain to list, in hops (the shortest chain is always listed).
    #[arg(long, value_name = "N", default_value_t = 6)]
    max_hops: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Output<'a> {
    from: ClaimRef<'a>,
    to: ClaimRef<'a>,
    connected: bool,
    shortest: Option<usize>,
    truncated: bool,
    chains: Vec<Vec<Step<'a>>>,
}

#[derive(Serialize)]
struct Step<'a> {
    from: ClaimRef<'a>,
    relation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    direction: &'static str,
    to: ClaimRef<'a>,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let from = lookup::claim(map, &args.from).map_err(|e| unknown(e, "FROM", &args.map))?;
    let to = lookup::claim(map, &args.to).map_err(|e| unknown(e, "TO", &args.map))?;
    if from == to {
        return Err(Failure::Usage(format!(
            "FROM and TO are the same claim `{}`; `argraph show` shows what bears on one claim",
            args.from
        )));
    }
    let found = paths(map, from, to, args.limit.max(1), args.max_hops);
    let text = match args.format {
        Format::Json => json(&Output {
            from: ClaimRef::new(map, from),
            to: ClaimRef::new(map, to),
            connected: found.shortest.is_some(),
            shortest: found.shortest,
            truncated: found.truncated,
            chains: found
                .chains
                .iter()
                .map(|chain| chain.iter().map(|hop| step(map, hop)).collect())
                .collect(),
        })?,
        Format::Text => {
            let style = context.style();
            let mut out = String::new();
            let Some(shortest) = found.shortest else {
                out.push_str(&format!(
                    "No connection: no chain of relations joins `{}` and `{}`.\n",
                    args.from, args.to
                ));
                print_stdout(&out)?;
                return Ok(Outcome::Success);
            };
            out.push_str(&style.bold(&format!(
                "{}, shortest first (the shortest: {})",
                super::present::plural(found.chains.len(), "chain"),
                super::present::plural(shortest, "hop")
            )));
            out.push_str("\n\n");
            let mut involved: Vec<ClaimIx> = vec![from];
            for (i, chain) in found.chains.iter().enumerate() {
                out.push_str(&chain_line(map, i + 1, from, chain, style));
                for hop in chain {
                    if !involved.contains(&hop.to) {
                        involved.push(hop.to);
                    }
                }
            }
            if found.truncated {
                out.push_str("(the search stopped at its work bound: longer chains may exist)\n");
            } else if found.chains.len() == args.limit.max(1) {
                out.push_str("(--limit reached: more chains may exist)\n");
            }
            out.push('\n');
            let mut table = Table::new(&[
                ("CLAIM", Align::Left, false),
                ("ACTOR", Align::Left, true),
                ("STATEMENT", Align::Left, true),
            ]);
            for claim in involved {
                let c = map.claim(claim);
                table.row(vec![
                    c.id.clone(),
                    map.actor(c.actor).name.clone(),
                    c.text.clone(),
                ]);
            }
            out.push_str(&table.render(style, 0));
            out
        }
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}

fn step<'a>(map: &'a Map, hop: &Hop) -> Step<'a> {
    let relation = map.relation(hop.relation);
    Step {
        from: ClaimRef::new(map, hop.from),
        relation: relation.kind.as_str(),
        link: match relation.target {
            argraph::model::Target::Relation(attacked) => map.relation(attacked).id.as_deref(),
            argraph::model::Target::Claim(_) => None,
        },
        direction: if hop.forward { "forward" } else { "backward" },
        to: ClaimRef::new(map, hop.to),
    }
}

/// `1. a ─rebuts→ b ←supports─ c`, wrapped at the style's width with hops kept whole.
fn chain_line(map: &Map, number: usize, from: ClaimIx, chain: &[Hop], style: Style) -> String {
    let lead = format!("{number}. ");
    let indent = " ".repeat(lead.chars().count() + 2);
    let mut out = format!("{lead}{}", map.claim(from).id);
    let mut width = out.chars().count();
    for hop in chain {
        let relation = map.relation(hop.relation);
        let mut word = relation.kind.as_str().to_owned();
        if let argraph::model::Target::Relation(attacked) = relation.target {
            if let Some(id) = &map.relation(attacked).id {
                word = format!("{word}({id})");
            }
        }
        let arrow = if hop.forward {
            format!("─{word}→")
        } else {
            format!("←{word}─")
        };
        let piece_width = 1 + arrow.chars().count() + 1 + map.claim(hop.to).id.chars().count();
        let painted = format!(
            " {} {}",
            style.kind(relation.kind, &arrow),
            map.claim(hop.to).id
        );
        if width + piece_width > style.width {
            out.push('\n');
            out.push_str(&indent);
            width = indent.chars().count();
            out.push_str(painted.trim_start());
            width += piece_width - 1;
        } else {
            out.push_str(&painted);
            width += piece_width;
        }
    }
    out.push('\n');
    out
}
