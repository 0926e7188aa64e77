//! `argraph supports`: who backs whom, one row per ordered pair of actors.

use super::disputes::{LinkArgs, Which, run_links};
use super::{Context, Failure, Outcome};

/// Arguments of `argraph supports`.
#[derive(Debug, clap::Args)]
#[command(after_help = "A supports B when a claim of A supports a claim of B.

Examples:
  argraph supports graphs/tiktok-wechat
  argraph supports graphs/tiktok-wechat --rollup
  argraph supports graphs/tiktok-wechat --actor hrw --evidence
  argraph supports graphs/tiktok-wechat --format json

See docs/queries.md.")]
pub(crate) struct Args {
    #[command(flatten)]
    common: LinkArgs,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    run_links(Which::Supports, args.common, context)
}
