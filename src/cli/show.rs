//! `argraph show`: one claim, its quote and source, and what supports and rebuts it, as a tree.

use super::output::print_stdout;
use super::present::{ActorRef, ClaimRef, Format, Style, json, truncate, unknown};
use super::{Context, Failure, Outcome};
use argraph::model::{Map, RelationIx, Target};
use argraph::query::lookup;
use argraph::query::show::{Cut, Tree, show};
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph show`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Each line of the tree is a claim that supports or rebuts the claim above \
it, or `undercuts` the link between the claim above and its parent. A claim already shown \
higher up is not expanded again: `(cycle)` when it is its own ancestor, `(see above)` otherwise.

Examples:
  argraph show graphs/tiktok-wechat pompeo-feeding-data
  argraph show graphs/tiktok-wechat pompeo-feeding-data --depth 3
  argraph show graphs/tiktok-wechat tiktok-no-cooperation --format json

See docs/queries.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// The id of the claim.
    claim: String,
    /// How many levels of supporters and rebutters to follow (0: the claim alone).
    #[arg(long, short, value_name = "N", default_value_t = 1)]
    depth: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Root<'a> {
    claim: ClaimRef<'a>,
    quote: Option<&'a str>,
    source: Source<'a>,
    date: Option<String>,
    about: Vec<ActorRef<'a>>,
    tags: &'a [String],
    depth: usize,
    children: Vec<Child<'a>>,
    answers: Vec<Answer<'a>>,
}

#[derive(Serialize)]
struct Source<'a> {
    id: &'a str,
    title: &'a str,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Child<'a> {
    relation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation_id: Option<&'a str>,
    claim: ClaimRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cut: Option<&'static str>,
    children: Vec<Child<'a>>,
}

#[derive(Serialize)]
struct Answer<'a> {
    relation: &'static str,
    /// The claim answered (for an undercut: the source claim of the attacked relation).
    claim: ClaimRef<'a>,
    /// For an undercut: the id of the attacked relation.
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let claim = lookup::claim(map, &args.claim).map_err(|e| unknown(e, "CLAIM", &args.map))?;
    let tree = show(map, claim, args.depth);
    let text = match args.format {
        Format::Json => {
            let c = map.claim(claim);
            let source = map.source(c.source);
            json(&Root {
                claim: ClaimRef::new(map, claim),
                quote: c.quote.as_deref(),
                source: Source {
                    id: &source.id,
                    title: &source.title,
                    url: source.url.as_deref(),
                },
                date: c.date.map(|d| d.to_string()),
                about: c.about.iter().map(|&a| ActorRef::new(map, a)).collect(),
                tags: &c.tags,
                depth: tree.depth,
                children: children(map, &tree, 0),
                answers: tree.answers.iter().map(|&r| answer(map, r)).collect(),
            })?
        }
        Format::Text => text(map, &tree, context.style()),
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}

fn answer(map: &Map, relation: RelationIx) -> Answer<'_> {
    let evidence = argraph::query::Evidence::of(map, relation);
    let r = map.relation(relation);
    Answer {
        relation: r.kind.as_str(),
        claim: ClaimRef::new(map, evidence.to_claim),
        link: match r.target {
            Target::Relation(attacked) => map.relation(attacked).id.as_deref(),
            Target::Claim(_) => None,
        },
    }
}

fn cut_name(cut: Option<Cut>) -> Option<&'static str> {
    cut.map(|cut| match cut {
        Cut::Cycle => "cycle",
        Cut::Repeated => "repeated",
    })
}

fn children<'a>(map: &'a Map, tree: &Tree, node: usize) -> Vec<Child<'a>> {
    tree.nodes[node]
        .children
        .iter()
        .map(|&child| {
            let n = &tree.nodes[child];
            let relation = n.via.map(|r| map.relation(r));
            Child {
                relation: relation.map_or("", |r| r.kind.as_str()),
                relation_id: relation.and_then(|r| r.id.as_deref()),
                claim: ClaimRef::new(map, n.claim),
                cut: cut_name(n.cut),
                children: children(map, tree, child),
            }
        })
        .collect()
}

fn text(map: &Map, tree: &Tree, style: Style) -> String {
    let root = map.claim(tree.root().claim);
    let source = map.source(root.source);
    let mut out = String::new();
    // The actor's name gives way to the width; the ids and the date stay whole.
    let date = root.date.map(|d| format!(", {d}")).unwrap_or_default();
    let fixed = format!("{} ·  · {}{date}", root.id, source.id);
    let [name] = super::present::fit_names(
        [&map.actor(root.actor).name],
        style.width.saturating_sub(fixed.chars().count()),
    );
    let head = format!("{} · {name} · {}{date}", root.id, source.id);
    out.push_str(&style.bold(&head));
    out.push('\n');
    for line in argraph::render::wrap::wrap(&root.text, style.width - 2, 12) {
        out.push_str(&format!("  {line}\n"));
    }
    if let Some(quote) = &root.quote {
        for (i, line) in argraph::render::wrap::wrap(&format!("“{quote}”"), style.width - 9, 6)
            .into_iter()
            .enumerate()
        {
            let label = if i == 0 { "quote:" } else { "" };
            out.push_str(&format!("  {}{line}\n", style.dim(&format!("{label:<7}"))));
        }
    }
    if !root.about.is_empty() {
        let about: Vec<&str> = root
            .about
            .iter()
            .map(|&a| map.actor(a).name.as_str())
            .collect();
        out.push_str(&truncate(
            &format!("  {}{}\n", style.dim("about: "), about.join(", ")),
            style.width + 1,
        ));
    }
    out.push('\n');
    let root_node = tree.root();
    if root_node.children.is_empty() {
        out.push_str(if tree.depth == 0 {
            "(depth 0: supporters and rebutters not shown)\n"
        } else {
            "Nothing supports or rebuts this claim.\n"
        });
    } else {
        let supports = count(map, tree, argraph::model::RelationKind::Supports);
        let rebuts = count(map, tree, argraph::model::RelationKind::Rebuts);
        out.push_str(&style.bold(&format!(
            "Supported by {supports}, rebutted by {rebuts}{}:",
            if tree.depth > 1 {
                format!(" (tree to depth {})", tree.depth)
            } else {
                String::new()
            }
        )));
        out.push('\n');
        lines(map, tree, 0, "", style, &mut out);
    }
    if !tree.answers.is_empty() {
        out.push('\n');
        out.push_str(&style.bold("This claim answers:"));
        out.push('\n');
        for &relation in &tree.answers {
            let answer = answer(map, relation);
            let kind = map.relation(relation).kind;
            let target = map.claim_ix(answer.claim.id).map(|c| map.claim(c));
            let what = match (answer.link, target) {
                (Some(link), _) => format!("the link {link} (from {})", answer.claim.id),
                (None, Some(claim)) => format!(
                    "{}  {}: {}",
                    claim.id,
                    map.actor(claim.actor).name,
                    claim.text
                ),
                (None, None) => answer.claim.id.to_owned(),
            };
            let line = truncate(&format!("{:<9}  {what}", kind.as_str()), style.width - 2);
            let (word, rest) = line.split_at(kind.as_str().len());
            out.push_str(&format!("  {}{rest}\n", style.kind(kind, word)));
        }
    }
    out
}

/// Direct supporters or rebutters of the root (by kind).
fn count(map: &Map, tree: &Tree, kind: argraph::model::RelationKind) -> usize {
    tree.root()
        .children
        .iter()
        .filter(|&&c| {
            tree.nodes[c]
                .via
                .is_some_and(|r| map.relation(r).kind == kind)
        })
        .count()
}

fn lines(map: &Map, tree: &Tree, node: usize, prefix: &str, style: Style, out: &mut String) {
    let children = &tree.nodes[node].children;
    for (i, &child) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let n = &tree.nodes[child];
        let claim = map.claim(n.claim);
        let Some(relation) = n.via.map(|r| map.relation(r)) else {
            continue;
        };
        let kind = relation.kind;
        let connector = if last { "└─ " } else { "├─ " };
        let mark = match n.cut {
            Some(Cut::Cycle) => " (cycle)",
            Some(Cut::Repeated) => " (see above)",
            None => "",
        };
        let lead = format!("{prefix}{connector}");
        let body = truncate(
            &format!(
                "{:<9}  {}{mark}  {}: {}",
                kind.as_str(),
                claim.id,
                map.actor(claim.actor).name,
                claim.text
            ),
            style.width.saturating_sub(lead.chars().count()).max(20),
        );
        let (word, rest) = body.split_at(kind.as_str().len());
        out.push_str(&format!("{lead}{}{rest}\n", style.kind(kind, word)));
        let next = format!("{prefix}{}", if last { "   " } else { "│  " });
        lines(map, tree, child, &next, style, out);
    }
}
