//! `argraph generate`: write a large, valid, realistic map for benchmarks.

use super::output::count;
use super::{Context, Failure, Outcome};
use argraph::generate::{GenerateOptions, generate};
use std::path::PathBuf;

/// Arguments of `argraph generate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  argraph generate --claims 10000 --actors 200 -o /tmp/map-10k\n  argraph check /tmp/map-10k\n\nThe same options always give the same bytes."
)]
pub(crate) struct Args {
    /// Number of claims.
    #[arg(long, default_value_t = 1000)]
    claims: usize,
    /// Number of actors.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    actors: u32,
    /// Seed of the pseudo-random generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Claims per claims file (like a hand-written map, split into files of a size one can
    /// edit; the loader parses files on both cores).
    #[arg(long, default_value_t = 1_000, value_parser = clap::value_parser!(u32).range(1..))]
    claims_per_file: u32,
    /// Directory to write the map into (created if missing; must hold no .ron files).
    #[arg(short, long)]
    output: PathBuf,
}

pub(crate) fn run(args: Args, _context: &Context) -> Result<Outcome, Failure> {
    let io = |what: &str, error: std::io::Error| {
        Failure::Usage(format!(
            "cannot {what} `{}`: {error}",
            args.output.display()
        ))
    };
    std::fs::create_dir_all(&args.output).map_err(|e| io("create", e))?;
    let has_maps = std::fs::read_dir(&args.output)
        .map_err(|e| io("read", e))?
        .filter_map(Result::ok)
        .any(|entry| entry.path().extension().is_some_and(|ext| ext == "ron"));
    if has_maps {
        return Err(Failure::Usage(format!(
            "`{}` already holds .ron files; generate into an empty directory",
            args.output.display()
        )));
    }
    let options = GenerateOptions {
        claims: args.claims,
        actors: args.actors as usize,
        seed: args.seed,
        claims_per_file: args.claims_per_file as usize,
    };
    let mut files = 0;
    let mut bytes = 0;
    for file in generate(&options) {
        let path = args.output.join(&file.name);
        argraph::atomic::write_atomic(&path, file.text.as_bytes())
            .map_err(|e| Failure::Usage(format!("cannot write `{}`: {e}", path.display())))?;
        files += 1;
        bytes += file.text.len();
    }
    eprintln!(
        "wrote {} ({:.1} MB) with {} and {} to {}",
        count(files, "file"),
        bytes as f64 / 1e6,
        count(options.claims, "claim"),
        count(options.actors, "actor"),
        args.output.display()
    );
    Ok(Outcome::Success)
}
