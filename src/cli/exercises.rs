//! `argraph exercises`: the map's exercises for a student (claim, semantics, support mode, what
//! each teaches), and with `--answers` the expected status and whether the map meets it.

use super::output::print_stdout;
use super::present::{ClaimRef, Format, json};
use super::{Context, Failure, Outcome};
use argraph::query::exercises::exercises;
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph exercises`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exercises are the map's `expectations` (docs/format.md): for each, work out the \
claim's status (IN, OUT or UNDEC) under the semantics and support mode given. --answers shows the \
status the map's author expects, the status the semantics gives, and whether they agree (as \
`argraph check` does).

Examples:
  argraph exercises tests/fixtures/questions/map.ron
  argraph exercises tests/fixtures/questions/map.ron --answers
  argraph exercises tests/fixtures/questions/map.ron --answers --format json

See docs/queries.md and docs/semantics.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// Show the expected status, the status the semantics gives, and whether they agree.
    #[arg(long)]
    answers: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Row<'a> {
    number: usize,
    claim: ClaimRef<'a>,
    semantics: &'static str,
    support: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actual: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    passes: Option<bool>,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let rows = exercises(map)
        .map_err(|e| Failure::Invalid(format!("cannot evaluate the exercises: {e}")))?;
    let text = match args.format {
        Format::Json => json(
            &rows
                .iter()
                .enumerate()
                .map(|(i, exercise)| Row {
                    number: i + 1,
                    claim: ClaimRef::new(map, exercise.claim),
                    semantics: exercise.semantics.name(),
                    support: exercise.support.name(),
                    note: map.expectations[exercise.index].note.as_deref(),
                    expected: args.answers.then(|| exercise.expected.to_string()),
                    actual: args.answers.then(|| exercise.actual.to_string()),
                    passes: args.answers.then(|| exercise.passes()),
                })
                .collect::<Vec<_>>(),
        )?,
        Format::Text => {
            let style = context.style();
            let mut out = String::new();
            if rows.is_empty() {
                out.push_str(
                    "This map sets no exercises (see `expectations` in docs/format.md).\n",
                );
            }
            for (i, exercise) in rows.iter().enumerate() {
                let claim = map.claim(exercise.claim);
                let support = match exercise.support.name() {
                    "none" => "supports ignored".to_owned(),
                    mode => format!("{mode} support"),
                };
                out.push_str(&style.bold(&format!(
                    "{}. Under {} semantics ({support}), is `{}` IN, OUT or UNDEC?",
                    i + 1,
                    exercise.semantics.name(),
                    claim.id
                )));
                out.push('\n');
                out.push_str(&format!("   \"{}\"\n", claim.text));
                if let Some(note) = &map.expectations[exercise.index].note {
                    out.push_str(&format!("   {}\n", style.dim(&format!("teaches: {note}"))));
                }
                if args.answers {
                    if exercise.passes() {
                        out.push_str(&format!("   answer: {}\n", exercise.actual));
                    } else {
                        out.push_str(&format!(
                            "   expected {}, but the semantics gives {}: the exercise fails\n",
                            exercise.expected, exercise.actual
                        ));
                    }
                }
            }
            if args.answers && !rows.is_empty() {
                let passing = rows.iter().filter(|e| e.passes()).count();
                out.push_str(&format!("\n{passing} of {} pass.\n", rows.len()));
            }
            out
        }
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}
