//! Command-line parsing (clap derive) and dispatch to one module per subcommand.
//!
//! Conventions for every subcommand module: an `Args` struct (clap `Args` derive) and a
//! `run(args, &Context) -> Result<Outcome, Failure>`; results go to stdout, diagnostics and
//! errors to stderr; a closed stdout pipe is not an error.

mod camps;
mod check;
mod claims;
mod completions;
mod contested;
mod disputes;
mod eval;
mod exercises;
mod explain;
mod export;
mod generate;
mod html;
mod import;
mod lsp;
mod man;
mod new;
mod output;
mod path;
mod present;
mod questions;
mod render;
mod serve;
mod show;
mod solve;
mod stats;
mod supports;
mod verify;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

pub(crate) use output::{Context, Failure, Outcome};

/// Map a public debate as a knowledge graph: who argues what, who backs whom, who disputes whom.
#[derive(Debug, Parser)]
#[command(
    name = "argraph",
    version,
    about,
    after_help = "Examples:\n  argraph check graphs/tiktok-wechat\n  argraph render graphs/tiktok-wechat --format svg -o map.svg\n  argraph disputes graphs/tiktok-wechat --rollup\n  argraph show graphs/tiktok-wechat pompeo-feeding-data --depth 2\n  argraph explain graphs/tiktok-wechat pompeo-feeding-data\n  argraph export graphs/tiktok-wechat --format argdown -o tiktok-wechat.argdown\n\nThe map format is documented in docs/format.md, the queries in docs/queries.md, diagrams in docs/diagrams.md, semantics in docs/semantics.md, formats in docs/formats.md."
)]
struct Cli {
    /// When to colour diagnostics and tables.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Columns that tables and text output fit in [default: the terminal's width, or 80 when
    /// not writing to a terminal].
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,

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
    // ---- starting, checking and drawing ----
    /// Write a small valid map to start from, in several files, its fields explained.
    New(new::Args),
    /// Load and check a map; print a one-line summary, or every mistake with its location.
    Check(check::Args),
    /// Draw a map: DOT, or SVG, PNG or PDF through Graphviz; claims by actor, or actors.
    Render(render::Args),
    /// Write the explorer page: one HTML file to click through the debate, offline.
    Html(html::Args),
    /// Serve the explorer page on this machine and keep it live while the map is edited.
    Serve(serve::Args),

    // ---- queries ----
    /// Who disputes whom: one row per ordered pair of actors, with the count of rebuttals.
    Disputes(disputes::Args),
    /// Who supports whom: one row per ordered pair of actors, with the count of supports.
    Supports(supports::Args),
    /// List claims, filtered by actor, subject (--about), source and tag.
    Claims(claims::Args),
    /// One claim with its quote and source, and the tree of what supports and rebuts it.
    Show(show::Args),
    /// The most contested claims, and the actors who dispute most or are most disputed.
    Contested(contested::Args),
    /// How one claim bears on another: chains of relations between them.
    Path(path::Args),
    /// Split the actors into two camps, and say how clean the split is.
    Camps(camps::Args),
    /// Counts per kind, per source, per actor and per tag.
    Stats(stats::Args),
    /// The debate's questions, each with the claims for and against and whether they stand.
    Questions(questions::Args),

    // ---- argumentation semantics ----
    /// The status of every claim under an argumentation semantics (IN, OUT, UNDEC).
    Eval(eval::Args),
    /// Why a claim is accepted, rejected or undecided, in plain words.
    Explain(explain::Args),
    /// The map's exercises for a student; with --answers, whether the map meets each.
    Exercises(exercises::Args),
    /// Answer an ICCMA problem (SE-PR, DC-CO, DS-ST, ...) on an argumentation framework file.
    Solve(solve::Args),

    // ---- formats ----
    /// Write a map in another tool's format (JSON, AIF, ...).
    Export(export::Args),
    /// Read a file of another tool's format into RON map files.
    Import(import::Args),

    // ---- tools ----
    /// Check that every quote occurs in the archived text of its source.
    Verify(verify::Args),
    /// Write a large, valid, realistic map (for benchmarks); same seed, same bytes.
    Generate(generate::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Print the manual page (roff) to stdout.
    Man(man::Args),
    /// Serve the Language Server Protocol over stdin and stdout, for editors (docs/editors.md).
    Lsp(lsp::Args),
}

/// The clap command, for completions and the manual page.
fn command() -> clap::Command {
    Cli::command()
}

/// Parses the command line, runs the subcommand, and maps the outcome to an exit code:
/// 0 success, 1 invalid map (or a failed check), 2 usage or I/O error.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let context = Context::new(
        match cli.color {
            ColorChoice::Auto => None,
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
        },
        cli.width.map(usize::from),
    );
    let result = match cli.command {
        Command::New(args) => new::run(args, &context),
        Command::Check(args) => check::run(args, &context),
        Command::Render(args) => render::run(args, &context),
        Command::Html(args) => html::run(args, &context),
        Command::Serve(args) => serve::run(args, &context),
        Command::Disputes(args) => disputes::run(args, &context),
        Command::Supports(args) => supports::run(args, &context),
        Command::Claims(args) => claims::run(args, &context),
        Command::Show(args) => show::run(args, &context),
        Command::Contested(args) => contested::run(args, &context),
        Command::Path(args) => path::run(args, &context),
        Command::Camps(args) => camps::run(args, &context),
        Command::Stats(args) => stats::run(args, &context),
        Command::Questions(args) => questions::run(args, &context),
        Command::Exercises(args) => exercises::run(args, &context),
        Command::Eval(args) => eval::run(args, &context),
        Command::Explain(args) => explain::run(args, &context),
        Command::Export(args) => export::run(args, &context),
        Command::Import(args) => import::run(args, &context),
        Command::Solve(args) => solve::run(args, &context),
        Command::Verify(args) => verify::run(args, &context),
        Command::Generate(args) => generate::run(args, &context),
        Command::Completions(args) => completions::run(args, &context),
        Command::Man(args) => man::run(args, &context),
        Command::Lsp(args) => lsp::run(args, &context),
    };
    output::finish(result, &context)
}
