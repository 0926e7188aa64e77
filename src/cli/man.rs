//! `argraph man`: the manual page, as roff on stdout.

use super::output::print_stdout;
use super::{Context, Failure, Outcome};

/// Arguments of `argraph man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  argraph man | man -l -
  argraph man > ~/.local/share/man/man1/argraph.1")]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args, _context: &Context) -> Result<Outcome, Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(super::command())
        .render(&mut page)
        .map_err(|e| Failure::Usage(format!("cannot write the manual page: {e}")))?;
    print_stdout(&String::from_utf8_lossy(&page))?;
    Ok(Outcome::Success)
}
