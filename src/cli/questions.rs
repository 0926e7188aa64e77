//! `argraph questions`: the debate's questions, each with the claims for and against and
//! whether each stands under a semantics.

use super::output::print_stdout;
use super::present::{Align, ClaimRef, Format, Table, json};
use super::{Context, Failure, Outcome};
use argraph::model::Stance;
use argraph::query::questions::questions;
use argraph::semantics::Semantics;
use argraph::semantics::bipolar::SupportMode;
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `argraph questions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "A map states its questions in a `questions` section (docs/format.md), each with \
the claims that answer it `for` (yes) and `against` (no). STATUS is the claim's status under the \
semantics, as `argraph eval` gives it: IN accepted, OUT rejected, UNDEC neither; `*` marks a claim \
accepted in some extension.

Examples:
  argraph questions tests/fixtures/questions/map.ron
  argraph questions tests/fixtures/questions/map.ron --semantics preferred --support deductive
  argraph questions tests/fixtures/questions/map.ron --format json

See docs/queries.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// grounded, complete, preferred, stable, semi-stable, ideal or stage.
    #[arg(long, short = 's', default_value = "grounded", value_parser = super::eval::parse_semantics)]
    semantics: Semantics,
    /// How supports count: none, deductive or necessary.
    #[arg(long, default_value = "none", value_parser = super::eval::parse_support)]
    support: SupportMode,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct Output<'a> {
    semantics: &'a str,
    support: &'a str,
    has_extension: bool,
    questions: Vec<QuestionRow<'a>>,
}

#[derive(Serialize)]
struct QuestionRow<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(rename = "for")]
    for_claims: Vec<AnswerRow<'a>>,
    against: Vec<AnswerRow<'a>>,
}

#[derive(Serialize)]
struct AnswerRow<'a> {
    claim: ClaimRef<'a>,
    status: String,
    credulous: bool,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let result = questions(map, args.semantics, args.support)
        .map_err(|e| Failure::Invalid(format!("cannot evaluate the map: {e}")))?;
    let text = match args.format {
        Format::Json => {
            let rows = result
                .questions
                .iter()
                .map(|row| {
                    let question = &map.questions[row.question];
                    let side = |stance: Stance| {
                        row.answers
                            .iter()
                            .filter(|answer| answer.stance == stance)
                            .map(|answer| AnswerRow {
                                claim: ClaimRef::new(map, answer.claim),
                                status: answer.status.to_string(),
                                credulous: answer.credulous,
                            })
                            .collect()
                    };
                    QuestionRow {
                        id: &question.id,
                        text: &question.text,
                        note: question.note.as_deref(),
                        for_claims: side(Stance::For),
                        against: side(Stance::Against),
                    }
                })
                .collect();
            json(&Output {
                semantics: args.semantics.name(),
                support: args.support.name(),
                has_extension: result.has_extension,
                questions: rows,
            })?
        }
        Format::Text => {
            let style = context.style();
            let mut out = String::new();
            if result.questions.is_empty() {
                out.push_str("This map states no questions (see `questions` in docs/format.md).\n");
            }
            if !result.has_extension {
                out.push_str(&format!(
                    "{} semantics has no extension on this map: every claim is UNDEC.\n\n",
                    args.semantics
                ));
            }
            for (i, row) in result.questions.iter().enumerate() {
                let question = &map.questions[row.question];
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&style.bold(&question.text));
                out.push_str(&format!(" {}\n", style.dim(&format!("({})", question.id))));
                if let Some(note) = &question.note {
                    out.push_str(&format!("  {}\n", style.dim(note)));
                }
                if row.answers.is_empty() {
                    out.push_str("  no claim answers it yet\n");
                    continue;
                }
                let mut table = Table::new(&[
                    ("", Align::Left, false),
                    ("STATUS", Align::Left, false),
                    ("CLAIM", Align::Left, false),
                    ("STATEMENT", Align::Left, true),
                ]);
                for answer in &row.answers {
                    let claim = map.claim(answer.claim);
                    let mark = if answer.credulous && answer.status != argraph::semantics::Label::In
                    {
                        "*"
                    } else {
                        ""
                    };
                    table.row(vec![
                        answer.stance.to_string(),
                        format!("{}{mark}", answer.status),
                        claim.id.clone(),
                        claim.text.clone(),
                    ]);
                }
                out.push_str(&table.render(style, 2));
                out.push_str(&format!(
                    "  standing: {} of {} for, {} of {} against\n",
                    row.standing(Stance::For),
                    row.count(Stance::For),
                    row.standing(Stance::Against),
                    row.count(Stance::Against),
                ));
            }
            if !result.questions.is_empty() {
                out.push_str(&format!(
                    "\n{} semantics, supports {}; standing = IN.\n",
                    args.semantics, args.support
                ));
            }
            out
        }
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}
