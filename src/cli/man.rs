//! `argraph man`: the manual page, as roff on stdout: the command, then a section per
//! subcommand with its synopsis, options and examples.

use super::output::print_stdout;
use super::{Context, Failure, Outcome};
use clap_mangen::Man;

/// Arguments of `argraph man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  argraph man | man -l -
  argraph man > ~/.local/share/man/man1/argraph.1")]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args, _context: &Context) -> Result<Outcome, Failure> {
    let page = page().map_err(|e| Failure::Usage(format!("cannot write the manual page: {e}")))?;
    print_stdout(&page)?;
    Ok(Outcome::Success)
}

/// The whole page: clap_mangen's page of the command, then one section per subcommand (its
/// own sections demoted to subsections), so that one page documents every flag.
fn page() -> std::io::Result<String> {
    let mut command = super::command();
    command.build();
    let mut page = Vec::new();
    Man::new(command.clone()).render(&mut page)?;
    // clap_mangen's SUBCOMMANDS list points at one page per subcommand (`argraph-check(1)`);
    // this page documents them all, so point at their sections below instead.
    let mut text = String::new();
    for line in String::from_utf8_lossy(&page).lines() {
        let subcommand = line
            .strip_prefix("argraph\\-")
            .and_then(|rest| rest.strip_suffix("(1)"));
        match subcommand {
            Some(name) => text.push_str(&format!(
                "\\fBargraph {name}\\fR (section ARGRAPH {} below)\n",
                name.replace("\\-", "-").to_uppercase()
            )),
            None => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    for sub in command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
    {
        let man = Man::new(sub.clone());
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        if sub.get_after_help().is_some() {
            man.render_extra_section(&mut part)?;
        }
        let part = String::from_utf8_lossy(&part);
        text.push_str(&format!(
            ".SH \"ARGRAPH {}\"\n",
            sub.get_name().to_uppercase()
        ));
        for line in part.lines() {
            match line.strip_prefix(".SH ") {
                Some(heading) => text.push_str(&format!(".SS {heading}\n")),
                None => {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    Ok(text)
}
