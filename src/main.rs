//! The `argraph` command-line tool: a thin layer that turns flags into library calls and
//! results into text. All logic lives in the `argraph` library crate.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
