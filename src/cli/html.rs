//! `argraph html`: the explorer page of a map, one self-contained HTML file.

use super::present::unknown;
use super::{Context, Failure, Outcome};
use argraph::page::{Limits, PageOptions, page};
use argraph::query::lookup;
use std::path::PathBuf;

/// Arguments of `argraph html`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  argraph html graphs/tiktok-wechat -o debate.html
  argraph html graphs/tiktok-wechat --focus pompeo-feeding-data -o debate.html
  argraph html graphs/tiktok-wechat --exercise -o homework.html

Open the file in a browser: it needs no server and makes no network request. Its address
names the claim in view (debate.html#claim=pompeo-feeding-data), so a link opens on one claim
and the browser's back and forward buttons walk the reader's path. See docs/explorer.md.

Exit codes: 0 written, 1 invalid map or unknown claim, 2 usage or I/O error.")]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// Write the page to FILE (atomically).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// The claim the page opens on [default: the most contested claim].
    #[arg(long, value_name = "CLAIM")]
    focus: Option<String>,
    /// Hide every status until the reader has answered the map's exercises.
    #[arg(long)]
    exercise: bool,
    /// The page's title [default: the map's file or directory name].
    #[arg(long)]
    title: Option<String>,
    /// Leave out the whole-map diagram above this many claims (the focus view, outline and
    /// search always work).
    #[arg(long, value_name = "N", default_value_t = Limits::default().full_diagram)]
    full_diagram_limit: usize,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let focus = match &args.focus {
        Some(id) => Some(lookup::claim(map, id).map_err(|e| unknown(e, "--focus", &args.map))?),
        None => None,
    };
    if args.exercise && map.expectations.is_empty() {
        return Err(Failure::Invalid(format!(
            "--exercise: the map {} has no exercises (an `expectations` section; see docs/format.md)",
            args.map.display()
        )));
    }
    let options = PageOptions {
        title: args
            .title
            .clone()
            .unwrap_or_else(|| super::output::map_name(&args.map)),
        focus,
        exercise: args.exercise,
        limits: Limits {
            full_diagram: args.full_diagram_limit,
            ..Limits::default()
        },
        live: None,
    };
    let text = page(map, &options).map_err(|error| Failure::Invalid(error.to_string()))?;
    argraph::atomic::write_atomic(&args.output, text.as_bytes()).map_err(|error| {
        Failure::Usage(format!("cannot write {}: {error}", args.output.display()))
    })?;
    Ok(Outcome::Success)
}
