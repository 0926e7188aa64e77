//! `argraph solve`: answer an ICCMA problem on a framework file, in the ICCMA 2023 format.

use super::output::print_stdout;
use super::{Context, Failure, Outcome};
use argraph::semantics::iccma::{self, Format, Problem};
use std::path::PathBuf;

/// Arguments of `argraph solve`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Problems: SE (some extension), DC (credulous), DS (sceptical), a dash, and GR, CO, PR, ST, SST, STG or ID.\n\nExamples:\n  argraph solve -p SE-PR -f framework.af\n  argraph solve -p DS-PR -f framework.af -a 3\n  argraph solve -p DC-ST -f framework.tgf -a a1 --fo tgf\n\nOutput (ICCMA 2023): SE prints `w 1 4 7` or NO; DC prints YES and a witness `w ...`, or NO; DS prints YES, or NO and a counter-example `w ...`.\nExit codes: 0 answered, 1 invalid framework file, 2 usage or I/O error."
)]
pub(crate) struct Args {
    /// The problem, e.g. SE-PR, DC-CO, DS-ST.
    #[arg(short = 'p', long = "problem", value_parser = parse_problem)]
    problem: Problem,
    /// The framework file.
    #[arg(short = 'f', long = "file")]
    file: PathBuf,
    /// The queried argument (for DC and DS): its number in ICCMA 2023 files, its name in TGF/APX.
    #[arg(short = 'a', long = "argument")]
    argument: Option<String>,
    /// The file format; by default from the extension (.tgf, .apx, anything else ICCMA 2023).
    #[arg(long = "fo", value_enum)]
    format: Option<FileFormat>,
}

/// A framework file format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FileFormat {
    /// ICCMA 2023: `p af N`, then `i j` attacks.
    Iccma23,
    /// Trivial graph format: names, `#`, attacks.
    Tgf,
    /// ASPARTIX: `arg(a).` and `att(a,b).`.
    Apx,
}

fn parse_problem(s: &str) -> Result<Problem, String> {
    s.parse()
}

pub(crate) fn run(args: Args, _context: &Context) -> Result<Outcome, Failure> {
    let format = match args.format {
        Some(FileFormat::Iccma23) => Format::Iccma23,
        Some(FileFormat::Tgf) => Format::Tgf,
        Some(FileFormat::Apx) => Format::Apx,
        None => Format::from_path(&args.file),
    };
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::Usage(format!("cannot read `{}`: {e}", args.file.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Invalid(format!(
            "`{}` is not UTF-8 text (byte {})",
            args.file.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let parsed = iccma::parse(&text, format)
        .map_err(|e| Failure::Invalid(format!("{}:{e}", args.file.display())))?;
    let answer = iccma::solve(&parsed, args.problem, args.argument.as_deref())
        .map_err(|e| Failure::Usage(e.to_string()))?;
    print_stdout(&answer.to_iccma(&parsed.names))?;
    Ok(Outcome::Success)
}
