//! Command-line parsing (clap derive) and dispatch to one module per subcommand.
//!
//! Conventions for every subcommand module: an `Args` struct (clap `Args` derive) and a
//! `run(args, &Context) -> Result<Outcome, Failure>`; results go to stdout, diagnostics and
//! errors to stderr; a closed stdout pipe is not an error.

mod check;
mod eval;
mod explain;
mod export;
mod generate;
mod import;
mod output;
mod render;
mod solve;
mod verify;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

pub(crate) use output::{Context, Failure, Outcome};

/// Map a public debate as a knowledge graph: who argues what, who backs whom, who disputes whom.
#[derive(Debug, Parser)]
#[command(
    name = "argraph",
    version,
    about,
    after_help = "Examples:\n  argraph check graphs/tiktok-wechat\n  argraph render graphs/tiktok-wechat --format svg -o map.svg\n\nThe map format is documented in docs/format.md."
)]
struct Cli {
    /// When to colour diagnostics and tables.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and check a map; print a one-line summary, or every mistake with its location.
    Check(check::Args),
    /// Write a large, valid, realistic map (for benchmarks); same seed, same bytes.
    Generate(generate::Args),
    /// The status of every claim under an argumentation semantics (IN, OUT, UNDEC).
    Eval(eval::Args),
    /// Why a claim is accepted, rejected or undecided, in plain words.
    Explain(explain::Args),
    /// Answer an ICCMA problem (SE-PR, DC-CO, DS-ST, ...) on an argumentation framework file.
    Solve(solve::Args),
    /// Check that every quote occurs in the archived text of its source.
    Verify(verify::Args),
    /// Draw a map: DOT, or SVG, PNG or PDF through Graphviz; claims by actor, or actors.
    Render(render::Args),
    /// Write a map in another tool's format (JSON, ...).
    Export(export::Args),
    /// Read a file of another tool's format into a RON map.
    Import(import::Args),
}

/// Parses the command line, runs the subcommand, and maps the outcome to an exit code:
/// 0 success, 1 invalid map (or a failed check), 2 usage or I/O error.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let context = Context::new(match cli.color {
        ColorChoice::Auto => None,
        ColorChoice::Always => Some(true),
        ColorChoice::Never => Some(false),
    });
    let result = match cli.command {
        Command::Check(args) => check::run(args, &context),
        Command::Generate(args) => generate::run(args, &context),
        Command::Solve(args) => solve::run(args, &context),
        Command::Verify(args) => verify::run(args, &context),
        Command::Eval(args) => eval::run(args, &context),
        Command::Explain(args) => explain::run(args, &context),
        Command::Render(args) => render::run(args, &context),
        Command::Export(args) => export::run(args, &context),
        Command::Import(args) => import::run(args, &context),
    };
    output::finish(result, &context)
}
