//! `argraph eval`: the status of every claim under a semantics, as a table or JSON.

use super::output::stdout_result;
use super::{Context, Failure, Outcome};
use argraph::model::ClaimIx;
use argraph::model::Map;
use argraph::semantics::bipolar::SupportMode;
use argraph::semantics::map::{MapEvaluation, evaluate_map_without};
use argraph::semantics::{Label, Semantics};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `argraph eval`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Statuses: IN = accepted in every extension, OUT = rejected by every extension, UNDEC = anything in between, OFF = switched off by --without; `*` marks a claim accepted in some extension.\n\nExamples:\n  argraph eval graphs/tiktok-wechat\n  argraph eval graphs/tiktok-wechat --semantics preferred --support deductive --format json\n  argraph eval graphs/tiktok-wechat --without pompeo-feeding-data\n\nSee docs/semantics.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// grounded, complete, preferred, stable, semi-stable, ideal or stage.
    #[arg(long, short = 's', default_value = "grounded", value_parser = parse_semantics)]
    semantics: Semantics,
    /// How supports count: none, deductive or necessary.
    #[arg(long, default_value = "none", value_parser = parse_support)]
    support: SupportMode,
    /// Evaluate as if these claims had never been said (repeatable, or a comma-separated list):
    /// they, their relations and the undercuts of those relations are left out.
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    without: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    format: EvalFormat,
}

/// Output format of `argraph eval`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum EvalFormat {
    /// One line per claim: status, id, text.
    Table,
    /// A JSON object with one entry per claim.
    Json,
}

pub(crate) fn parse_semantics(s: &str) -> Result<Semantics, String> {
    s.parse()
        .map_err(|e: argraph::semantics::UnknownSemantics| e.to_string())
}

pub(crate) fn parse_support(s: &str) -> Result<SupportMode, String> {
    s.parse()
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let without = args
        .without
        .iter()
        .map(|id| {
            argraph::query::lookup::claim(map, id)
                .map_err(|error| super::present::unknown(error, "--without", &args.map))
        })
        .collect::<Result<Vec<ClaimIx>, Failure>>()?;
    let evaluation = evaluate_map_without(map, args.semantics, args.support, &without)
        .map_err(|e| Failure::Invalid(e.to_string()))?;
    // Written as it is made: a million claims' lines are never held whole.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        EvalFormat::Json => write_json(&mut out, map, &evaluation, &args),
        EvalFormat::Table => write_table(&mut out, map, &evaluation, &args),
    };
    stdout_result(written.and_then(|()| out.flush()))?;
    Ok(Outcome::Success)
}

/// The statuses as one JSON object: the semantics, the support mode, the claims switched off
/// (`without`, only when some are), whether an extension exists, and each claim's id, status
/// (`OFF` for a claim switched off) and whether it is accepted in some extension.
fn write_json(
    out: &mut impl Write,
    map: &Map,
    evaluation: &MapEvaluation,
    args: &Args,
) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Document<'a, C: serde::Serialize> {
        semantics: &'a str,
        support: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        without: Vec<&'a str>,
        has_extension: bool,
        claims: C,
    }
    #[derive(serde::Serialize)]
    struct ClaimStatus<'a> {
        id: &'a str,
        status: String,
        credulous: bool,
    }
    /// The claims, serialised one at a time.
    struct Claims<'a>(&'a Map, &'a MapEvaluation);
    impl serde::Serialize for Claims<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let Claims(map, evaluation) = *self;
            serializer.collect_seq(map.claims.keys().enumerate().map(|(i, id)| ClaimStatus {
                id,
                status: status(evaluation, i),
                credulous: evaluation.credulous[i],
            }))
        }
    }
    let document = Document {
        semantics: args.semantics.name(),
        support: args.support.name(),
        without: switched_off(map, evaluation),
        has_extension: evaluation.has_extension,
        claims: Claims(map, evaluation),
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// The status of claim `i` as written: `IN`, `OUT`, `UNDEC`, or `OFF` when switched off.
fn status(evaluation: &MapEvaluation, i: usize) -> String {
    match evaluation.status(ClaimIx::new(i)) {
        Some(label) => label.to_string(),
        None => "OFF".to_string(),
    }
}

/// The ids of the claims switched off, in map order.
fn switched_off<'m>(map: &'m Map, evaluation: &MapEvaluation) -> Vec<&'m str> {
    map.claims
        .keys()
        .zip(&evaluation.off)
        .filter(|(_, off)| **off)
        .map(|(id, _)| id.as_str())
        .collect()
}

/// One line per claim (status, a `*` when accepted in some extension, id, the start of its
/// text), then the counts.
fn write_table(
    out: &mut impl Write,
    map: &Map,
    evaluation: &MapEvaluation,
    args: &Args,
) -> std::io::Result<()> {
    if !evaluation.has_extension {
        writeln!(
            out,
            "{} semantics has no extension on this map: every claim is UNDEC.",
            args.semantics
        )?;
    }
    let width = map
        .claims
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0);
    let off = switched_off(map, evaluation);
    if !off.is_empty() {
        writeln!(
            out,
            "As if never said (OFF): {}.",
            off.iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    for (i, (id, claim)) in map.claims.iter().enumerate() {
        let mark =
            if evaluation.credulous[i] && evaluation.status(ClaimIx::new(i)) != Some(Label::In) {
                "*"
            } else {
                " "
            };
        let text: String = claim.text.chars().take(70).collect();
        let ellipsis = if claim.text.chars().count() > 70 {
            "…"
        } else {
            ""
        };
        writeln!(
            out,
            "{:<5}{mark} {id:<width$}  {text}{ellipsis}",
            status(evaluation, i)
        )?;
    }
    let count = |l| {
        (0..map.claims.len())
            .filter(|&i| evaluation.status(ClaimIx::new(i)) == Some(l))
            .count()
    };
    write!(
        out,
        "\n{} semantics, supports {}: {} IN, {} OUT, {} UNDEC",
        args.semantics,
        args.support,
        count(Label::In),
        count(Label::Out),
        count(Label::Undec),
    )?;
    if off.is_empty() {
        writeln!(out)
    } else {
        writeln!(out, ", {} OFF", off.len())
    }
}
