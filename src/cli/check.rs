//! `argraph check`: load and validate a map.

use super::output::{count, print_stdout};
use super::{Context, Failure, Outcome};
use argraph::model::{Map, RelationKind};
use std::path::PathBuf;

/// Arguments of `argraph check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  argraph check graphs/tiktok-wechat\n  argraph check graphs/tiktok-wechat --deny-warnings\n\nExit codes: 0 valid, 1 invalid map, 2 usage or I/O error."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// Treat warnings as errors (exit code 1 when there is any).
    #[arg(long)]
    deny_warnings: bool,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let summary = summary(&loaded.map);
    print_stdout(&format!("{}: {summary}\n", args.map.display()))?;
    if args.deny_warnings && !loaded.warnings.is_empty() {
        return Err(Failure::Invalid(format!(
            "{} denied by --deny-warnings",
            count(loaded.warnings.len(), "warning")
        )));
    }
    Ok(Outcome::Success)
}

/// `5 sources, 30 actors, 70 claims, 120 relations (80 supports, 35 rebuttals, 5 undercuts)`.
fn summary(map: &Map) -> String {
    let of_kind = |kind| map.relations.iter().filter(|r| r.kind == kind).count();
    format!(
        "{}, {}, {}, {} ({}, {}, {})",
        count(map.sources.len(), "source"),
        count(map.actors.len(), "actor"),
        count(map.claims.len(), "claim"),
        count(map.relations.len(), "relation"),
        count(of_kind(RelationKind::Supports), "support"),
        count(of_kind(RelationKind::Rebuts), "rebuttal"),
        count(of_kind(RelationKind::Undercuts), "undercut"),
    )
}
