//! `argraph completions`: a shell completion script, on stdout.

use super::output::print_stdout;
use super::{Context, Failure, Outcome};
use clap_complete::Shell;

/// Arguments of `argraph completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  argraph completions bash > ~/.local/share/bash-completion/completions/argraph
  argraph completions zsh > ~/.zfunc/_argraph      # with fpath+=~/.zfunc before compinit
  argraph completions fish > ~/.config/fish/completions/argraph.fish
  argraph completions powershell >> $PROFILE")]
pub(crate) struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub(crate) fn run(args: Args, _context: &Context) -> Result<Outcome, Failure> {
    let mut command = super::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "argraph", &mut script);
    print_stdout(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Success)
}
