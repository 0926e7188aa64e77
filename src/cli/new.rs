//! `argraph new`: a small valid map to start from, in several files, its fields explained in
//! comments.

use super::{Context, Failure, Outcome};
use std::path::PathBuf;

/// Arguments of `argraph new`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  argraph new my-debate\n  argraph check my-debate --deny-warnings\n  argraph render my-debate -o my-debate.svg\n\nThe map is a small debate (a city's bike lane) in five files, each field explained in a \
comment: replace it with yours. docs/format.md describes the format."
)]
pub(crate) struct Args {
    /// Directory to write the map into: created if missing, refused unless empty.
    dir: PathBuf,
}

/// The files of the new map: name and text. Each is a valid map file and the whole passes
/// `argraph check --deny-warnings` (tested).
pub(crate) const FILES: [(&str, &str); 5] = [
    ("sources.ron", include_str!("new_map/sources.ron")),
    ("actors.ron", include_str!("new_map/actors.ron")),
    ("claims.ron", include_str!("new_map/claims.ron")),
    ("relations.ron", include_str!("new_map/relations.ron")),
    ("questions.ron", include_str!("new_map/questions.ron")),
];

pub(crate) fn run(args: Args, _context: &Context) -> Result<Outcome, Failure> {
    let dir = &args.dir;
    let io = |what: &str, error: std::io::Error| {
        Failure::Usage(format!("cannot {what} `{}`: {error}", dir.display()))
    };
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Failure::Usage(format!(
                    "`{}` is not empty; give a new or empty directory, so that nothing is \
                     overwritten or mixed into the map",
                    dir.display()
                )));
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| io("create", e))?;
        }
        Err(error) => return Err(io("read", error)),
    }
    for (name, text) in FILES {
        argraph::atomic::write_atomic(&dir.join(name), text.as_bytes())
            .map_err(|e| io(&format!("write {name} in"), e))?;
    }
    let shown = dir.display();
    super::output::print_stdout(&format!(
        "Wrote a small map to {shown}/ ({}): a city's bike lane debate, every field explained.\n\
         Next: argraph check {shown} --deny-warnings, then replace the example with your debate.\n",
        FILES.map(|(name, _)| name).join(", ")
    ))?;
    Ok(Outcome::Success)
}
