//! `argraph check`: load and validate a map.

use super::output::{count, print_stdout};
use super::{Context, Failure, Outcome};
use argraph::diagnostic::Diagnostic;
use argraph::model::{ExpectedSemantics, ExpectedSupport, Map, RelationKind};
use argraph::semantics::map::failed_expectations;
use std::path::PathBuf;

/// Arguments of `argraph check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  argraph check graphs/tiktok-wechat\n  argraph check graphs/tiktok-wechat --deny-warnings\n\nExit codes: 0 valid, 1 invalid map, 2 usage or I/O error."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// Treat warnings as errors (exit code 1 when there is any).
    #[arg(long)]
    deny_warnings: bool,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    // Never dropped (`Context::load`): freeing a big map piece by piece would cost as much as a
    // tenth of the whole check.
    let loaded = context.load_keeping_texts(&args.map)?;
    let map = &loaded.map;
    let failed = exercises(map)?;
    let mut summary = summary(map);
    if !map.expectations.is_empty() {
        summary.push_str(&format!(
            "; {} of {} pass",
            map.expectations.len() - failed.len(),
            count(map.expectations.len(), "exercise"),
        ));
    }
    if !failed.is_empty() {
        eprint!(
            "{}",
            argraph::diagnostic::render(&failed, &map.files, context.stderr_color())
        );
        print_stdout(&format!("{}: {summary}\n", args.map.display()))?;
        return Err(Failure::Invalid(format!(
            "{} failed",
            count(failed.len(), "exercise")
        )));
    }
    print_stdout(&format!("{}: {summary}\n", args.map.display()))?;
    if args.deny_warnings && !loaded.warnings.is_empty() {
        return Err(Failure::Invalid(format!(
            "{} denied by --deny-warnings",
            count(loaded.warnings.len(), "warning")
        )));
    }
    Ok(Outcome::Success)
}

/// The map's exercises that fail, as located errors.
fn exercises(map: &Map) -> Result<Vec<Diagnostic>, Failure> {
    if map.expectations.is_empty() {
        return Ok(Vec::new());
    }
    let failed = failed_expectations(map)
        .map_err(|error| Failure::Invalid(format!("cannot evaluate the exercises: {error}")))?;
    Ok(failed
        .iter()
        .map(|failure| {
            let expectation = &map.expectations[failure.index];
            let claim = &map.claim(expectation.claim).id;
            let semantics = semantics_word(expectation.semantics);
            let support = match expectation.support {
                ExpectedSupport::None => String::new(),
                ExpectedSupport::Deductive => " with deductive support".to_owned(),
                ExpectedSupport::Necessary => " with necessary support".to_owned(),
            };
            let diagnostic = Diagnostic::error(
                "exercise-failed",
                format!(
                    "under {semantics} semantics{support}, claim `{claim}` is {}, not {}",
                    failure.actual, failure.expected
                ),
            )
            .at(
                expectation.origin.file,
                expectation.origin.span.clone(),
                format!("expects {}", failure.expected),
            )
            .help(format!(
                "see why with `argraph explain <MAP> {claim} --semantics {semantics}`"
            ));
            match &expectation.note {
                Some(note) => diagnostic.note(format!("what the exercise teaches: {note}")),
                None => diagnostic,
            }
        })
        .collect())
}

fn semantics_word(semantics: ExpectedSemantics) -> &'static str {
    match semantics {
        ExpectedSemantics::Grounded => "grounded",
        ExpectedSemantics::Complete => "complete",
        ExpectedSemantics::Preferred => "preferred",
        ExpectedSemantics::Stable => "stable",
    }
}

/// `5 sources, 30 actors, 70 claims, 120 relations (80 supports, 35 rebuttals, 5 undercuts)`.
fn summary(map: &Map) -> String {
    // One pass: on a big map the relations are far larger than the processor's caches.
    let (mut supports, mut rebuttals, mut undercuts) = (0, 0, 0);
    for relation in &map.relations {
        match relation.kind {
            RelationKind::Supports => supports += 1,
            RelationKind::Rebuts => rebuttals += 1,
            RelationKind::Undercuts => undercuts += 1,
        }
    }
    let mut summary = format!(
        "{}, {}, {}, {} ({}, {}, {})",
        count(map.sources.len(), "source"),
        count(map.actors.len(), "actor"),
        count(map.claims.len(), "claim"),
        count(map.relations.len(), "relation"),
        count(supports, "support"),
        count(rebuttals, "rebuttal"),
        count(undercuts, "undercut"),
    );
    if !map.questions.is_empty() {
        summary.push_str(&format!(", {}", count(map.questions.len(), "question")));
    }
    summary
}
