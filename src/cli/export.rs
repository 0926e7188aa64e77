//! `argraph export`: a map in another tool's format, to stdout or a file.

use super::output::{print_stdout, stdout_result};
use super::{Context, Failure, Outcome};
use argraph::semantics::bipolar::SupportMode;
use std::path::PathBuf;

/// Arguments of `argraph export`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  argraph export graphs/tiktok-wechat --format json -o tiktok-wechat.json\n  argraph export graphs/tiktok-wechat --format json | jq '.claims | length'\n  argraph export graphs/tiktok-wechat --format aif -o tiktok-wechat.aif.json\n  argraph export graphs/tiktok-wechat --format iccma --support deductive -o tiktok-wechat.af\n  argraph solve -p SE-GR -f tiktok-wechat.af\n  argraph export graphs/tiktok-wechat --format argdown -o tiktok-wechat.argdown\n  argraph export graphs/tiktok-wechat --format graphml -o tiktok-wechat.graphml\n  argraph export graphs/tiktok-wechat --format markdown -o tiktok-wechat.md\n\nWhat each format keeps and loses: docs/formats.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// The format to write.
    #[arg(long, short = 'f', value_enum)]
    format: ExportFormat,
    /// For `--format iccma`: how supports count (none, deductive or necessary), as in `eval`.
    #[arg(long, value_parser = super::eval::parse_support)]
    support: Option<SupportMode>,
    /// Write to this file (replaced atomically) instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// The formats `argraph export` writes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// The whole map as JSON, in the shape of a map file (`argraph import --from json` reads it).
    Json,
    /// AIF JSON as AIFdb and OVA read it (with xAIF participants); argraph's own fields under
    /// an `argraph` key that AIF tools ignore.
    Aif,
    /// The map's Dung framework in the ICCMA 2023 format (`argraph solve` reads it), with a
    /// legend of argument numbers as `#` comments.
    Iccma,
    /// Argdown: one heading per actor, claims as titled statements, relations as +/-/_ lines
    /// (`argraph import --from argdown` and Argdown's own tools read it).
    Argdown,
    /// GraphML for yEd, Gephi, Cytoscape: claims as nodes, relations as edges, declared keys.
    Graphml,
    /// A Markdown outline for teaching: each contested claim, what rebuts and supports it.
    Markdown,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    if args.support.is_some() && !matches!(args.format, ExportFormat::Iccma) {
        return Err(Failure::Usage(
            "--support applies only to --format iccma".to_owned(),
        ));
    }
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    if let ExportFormat::Json = args.format {
        // Streamed: the text of a big map is never held whole.
        let write = |out: &mut dyn std::io::Write| argraph::formats::json::write(map, out);
        match &args.output {
            Some(path) => {
                argraph::atomic::write_atomic_with(path, |file| write(file)).map_err(|error| {
                    Failure::Usage(format!("cannot write `{}`: {error}", path.display()))
                })?
            }
            None => {
                stdout_result(write(&mut std::io::stdout()))?;
            }
        }
        return Ok(Outcome::Success);
    }
    let text = match args.format {
        ExportFormat::Json => argraph::formats::json::to_string(map),
        ExportFormat::Aif => argraph::formats::aif::to_string(map),
        ExportFormat::Iccma => {
            argraph::formats::iccma::to_string(map, args.support.unwrap_or(SupportMode::None))
                .map_err(|error| Failure::Invalid(error.to_string()))?
        }
        ExportFormat::Argdown => argraph::formats::argdown::to_string(map),
        ExportFormat::Graphml => argraph::formats::graphml::to_string(map),
        ExportFormat::Markdown => argraph::formats::markdown::to_string(map),
    };
    match &args.output {
        Some(path) => argraph::atomic::write_atomic(path, text.as_bytes()).map_err(|error| {
            Failure::Usage(format!("cannot write `{}`: {error}", path.display()))
        })?,
        None => print_stdout(&text)?,
    }
    Ok(Outcome::Success)
}
