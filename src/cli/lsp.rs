//! `argraph lsp`: the Language Server, over stdin and stdout.

use super::{Context, Failure, Outcome};

/// Arguments of `argraph lsp`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "An editor starts it and speaks the Language Server Protocol over stdin and stdout; see docs/editors.md for VS Code, Neovim and Helix.\n\nExample:\n  argraph lsp"
)]
pub(crate) struct Args {
    /// Speak over stdin and stdout (the only transport; accepted because clients pass it).
    #[arg(long)]
    stdio: bool,
}

pub(crate) fn run(args: Args, _context: &Context) -> Result<Outcome, Failure> {
    let _ = args.stdio;
    argraph::lsp::run_stdio()
        .map(|()| Outcome::Success)
        .map_err(|error| Failure::Invalid(format!("language server: {error}")))
}
