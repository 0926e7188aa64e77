//! `argraph camps`: splits the actors into two camps that support each other and dispute the
//! other camp, and says how well the split fits.

use super::output::print_stdout;
use super::present::{ActorRef, Format, Style, json, plural};
use super::{Context, Failure, Outcome};
use argraph::model::{ActorIx, Map};
use argraph::query::camps::{Camps, Method, camps};
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph camps`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Actors are rolled up (officials under their government, apps under their \
company). A support between two actors pulls them into one camp, a rebuttal or undercut pushes \
them apart; the split chosen has the fewest relations against it (its frustration): exactly for \
up to 20 linked actors, by local search beyond. When more than a fifth of the relations go \
against the best split, the debate has no clean split into two camps.

Examples:
  argraph camps graphs/tiktok-wechat
  argraph camps graphs/tiktok-wechat --format json

See docs/queries.md for the method."
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
    groups: Vec<GroupRow<'a>>,
    unlinked: Vec<ActorRef<'a>>,
}

#[derive(Serialize)]
struct GroupRow<'a> {
    camp_a: Vec<ActorRef<'a>>,
    camp_b: Vec<ActorRef<'a>>,
    supports: usize,
    disputes: usize,
    frustration: usize,
    clean: bool,
    method: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    optimal_splits: Option<usize>,
    against: Vec<AgainstRow<'a>>,
}

#[derive(Serialize)]
struct AgainstRow<'a> {
    a: ActorRef<'a>,
    b: ActorRef<'a>,
    /// `dispute within a camp` or `support across camps`.
    kind: &'static str,
    count: usize,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let result = camps(map);
    let text = match args.format {
        Format::Json => json(&output(map, &result))?,
        Format::Text => text(map, &result, context.style()),
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}

fn refs<'a>(map: &'a Map, actors: &[ActorIx]) -> Vec<ActorRef<'a>> {
    actors.iter().map(|&a| ActorRef::new(map, a)).collect()
}

fn output<'a>(map: &'a Map, result: &Camps) -> Output<'a> {
    Output {
        groups: result
            .groups
            .iter()
            .map(|g| GroupRow {
                camp_a: refs(map, &g.camps[0]),
                camp_b: refs(map, &g.camps[1]),
                supports: g.supports,
                disputes: g.disputes,
                frustration: g.frustration,
                clean: g.is_clean(),
                method: match g.method {
                    Method::Exact { .. } => "exact",
                    Method::Greedy => "greedy",
                },
                optimal_splits: match g.method {
                    Method::Exact { optimal } => Some(optimal),
                    Method::Greedy => None,
                },
                against: g
                    .against
                    .iter()
                    .map(|x| AgainstRow {
                        a: ActorRef::new(map, x.a),
                        b: ActorRef::new(map, x.b),
                        kind: if x.same_camp {
                            "dispute within a camp"
                        } else {
                            "support across camps"
                        },
                        count: x.count,
                    })
                    .collect(),
            })
            .collect(),
        unlinked: refs(map, &result.unlinked),
    }
}

/// `label` then the names, wrapped at the style's width with a hanging indent.
fn names(map: &Map, label: &str, actors: &[ActorIx], style: Style) -> String {
    let text = actors
        .iter()
        .map(|&a| map.actor(a).name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let indent = label.chars().count();
    let mut out = String::new();
    for (i, line) in argraph::render::wrap::wrap(&text, style.width - indent, 50)
        .into_iter()
        .enumerate()
    {
        if i == 0 {
            out.push_str(label);
        } else {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn text(map: &Map, result: &Camps, style: Style) -> String {
    let mut out = String::new();
    if result.groups.is_empty() {
        out.push_str("No actor supports or disputes another: there are no camps.\n");
    }
    let many = result.groups.len() > 1;
    for (i, g) in result.groups.iter().enumerate() {
        let size = g.camps[0].len() + g.camps[1].len();
        let method = match g.method {
            Method::Exact { optimal: 1 } => "exact search, one best split".to_owned(),
            Method::Exact { optimal } => format!("exact search, {optimal} equally good splits"),
            Method::Greedy => "local search".to_owned(),
        };
        let title = if many {
            format!("Group {} of {}: ", i + 1, result.groups.len())
        } else {
            String::new()
        };
        let header = format!(
            "{title}{} linked by {} and {}",
            plural(size, "actor"),
            plural(g.supports, "support"),
            plural(g.disputes, "dispute"),
        );
        // The method goes on a line of its own when both would not fit in the width.
        if header.chars().count() + method.chars().count() + 3 <= style.width {
            out.push_str(&style.bold(&format!("{header} ({method})")));
        } else {
            out.push_str(&style.bold(&header));
            out.push_str(&format!("\n  ({method})"));
        }
        out.push('\n');
        if g.camps[1].is_empty() {
            out.push_str(&names(map, "  One camp: ", &g.camps[0], style));
        } else {
            out.push_str(&names(map, "  Camp A: ", &g.camps[0], style));
            out.push_str(&names(map, "  Camp B: ", &g.camps[1], style));
        }
        let links = g.links();
        let percent = (g.frustration * 100 + links / 2) / links.max(1);
        let verdict = if g.frustration == 0 {
            "a clean split"
        } else if g.frustration * 10 <= links {
            "a fairly clean split"
        } else if g.is_clean() {
            "a rough split"
        } else {
            "no clean split"
        };
        out.push_str(&format!(
            "  Against the split: {} of {} ({percent}%): {verdict}.\n",
            g.frustration,
            plural(links, "relation"),
        ));
        for x in g.against.iter().take(8) {
            // The names give way to the width; the count stays whole.
            let lead = format!(
                "    {} {}: ",
                plural(x.count, if x.same_camp { "dispute" } else { "support" }),
                if x.same_camp {
                    "within a camp"
                } else {
                    "across camps"
                },
            );
            let room = style
                .width
                .saturating_sub(lead.chars().count() + " and ".len());
            let [a, b] =
                super::present::fit_names([&map.actor(x.a).name, &map.actor(x.b).name], room);
            out.push_str(&format!("{lead}{a} and {b}\n"));
        }
        if g.against.len() > 8 {
            out.push_str(&format!(
                "    … and {} more pairs (--format json lists them all)\n",
                g.against.len() - 8
            ));
        }
        out.push('\n');
    }
    if !result.unlinked.is_empty() {
        out.push_str(&names(
            map,
            "Not linked to another actor: ",
            &result.unlinked,
            style,
        ));
    }
    out
}
