//! `argraph explain`: in plain words, why a claim is accepted, rejected or undecided.

use super::eval::{parse_semantics, parse_support};
use super::output::print_stdout;
use super::{Context, Failure, Outcome};
use argraph::semantics::Semantics;
use argraph::semantics::bipolar::SupportMode;
use argraph::semantics::map::explain_claim;
use std::path::PathBuf;

/// Arguments of `argraph explain`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  argraph explain graphs/tiktok-wechat pompeo-feeding-data\n  argraph explain graphs/tiktok-wechat pompeo-feeding-data --semantics preferred --support deductive\n\nSee docs/semantics.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// The id of the claim to explain.
    claim: String,
    /// grounded, complete, preferred, stable, semi-stable, ideal or stage.
    #[arg(long, short = 's', default_value = "grounded", value_parser = parse_semantics)]
    semantics: Semantics,
    /// How supports count: none, deductive or necessary.
    #[arg(long, default_value = "none", value_parser = parse_support)]
    support: SupportMode,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let claim = argraph::query::lookup::claim(map, &args.claim)
        .map_err(|error| super::present::unknown(error, "claim", &args.map))?;
    let text = explain_claim(map, claim, args.semantics, args.support)
        .map_err(|e| Failure::Invalid(e.to_string()))?;
    print_stdout(&text)?;
    Ok(Outcome::Success)
}
