//! `argraph verify`: check every quote against the archived text of its source.

use super::output::{count, print_stdout};
use super::{Context, Failure, Outcome};
use std::path::PathBuf;

/// Arguments of `argraph verify`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Matching ignores HTML tags and character references, curly versus straight quotes, \
dash variants and runs of whitespace; nothing else (it is case-sensitive).\n\n\
Examples:\n  argraph verify graphs/tiktok-wechat --sources ../shared/seeds\n\n\
Exit codes: 0 every quote found, 1 a quote not found, an archive missing or an invalid map, \
2 usage or I/O error."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// The directory holding the archived texts named by the sources' `archive` fields.
    #[arg(long, value_name = "DIR")]
    sources: PathBuf,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    match std::fs::metadata(&args.sources) {
        Ok(metadata) if metadata.is_dir() => {}
        Ok(_) => {
            return Err(Failure::Usage(format!(
                "`{}` is not a directory; --sources takes the directory of archived texts",
                args.sources.display()
            )));
        }
        Err(error) => {
            return Err(Failure::Usage(format!(
                "cannot read sources directory `{}`: {error}",
                args.sources.display()
            )));
        }
    }
    let loaded = context.load_keeping_texts(&args.map)?;
    let report = argraph::verify::verify(&loaded.map, &args.sources)
        .map_err(|error| Failure::Usage(error.to_string()))?;
    if !report.diagnostics.is_empty() {
        eprint!(
            "{}",
            argraph::diagnostic::render(
                &report.diagnostics,
                &loaded.map.files,
                context.stderr_color()
            )
        );
    }
    print_stdout(&format!(
        "{}: verified {} in {}\n",
        args.map.display(),
        count(report.checked, "quote"),
        count(report.sources_read, "source"),
    ))?;
    if report.passed() {
        return Ok(Outcome::Success);
    }
    let mut problems = Vec::new();
    if report.not_found > 0 {
        problems.push(format!("{} not found", count(report.not_found, "quote")));
    }
    if report.missing_archives > 0 {
        problems.push(format!(
            "{} missing",
            count(report.missing_archives, "archive")
        ));
    }
    Err(Failure::Invalid(problems.join(", ")))
}
