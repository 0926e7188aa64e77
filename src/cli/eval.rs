//! `argraph eval`: the status of every claim under a semantics, as a table or JSON.

use super::output::print_stdout;
use super::{Context, Failure, Outcome};
use argraph::semantics::Semantics;
use argraph::semantics::bipolar::SupportMode;
use argraph::semantics::map::evaluate_map;
use std::path::PathBuf;

/// Arguments of `argraph eval`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Statuses: IN = accepted in every extension, OUT = rejected by every extension, UNDEC = anything in between; `*` marks a claim accepted in some extension.\n\nExamples:\n  argraph eval graphs/tiktok-wechat\n  argraph eval graphs/tiktok-wechat --semantics preferred --support deductive --format json\n\nSee docs/semantics.md."
)]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// grounded, complete, preferred, stable, semi-stable or ideal.
    #[arg(long, short = 's', default_value = "grounded", value_parser = parse_semantics)]
    semantics: Semantics,
    /// How supports count: none, deductive or necessary.
    #[arg(long, default_value = "none", value_parser = parse_support)]
    support: SupportMode,
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
    let ev = evaluate_map(map, args.semantics, args.support)
        .map_err(|e| Failure::Invalid(e.to_string()))?;
    let text = match args.format {
        EvalFormat::Json => {
            let claims: Vec<serde_json::Value> = map
                .claims
                .keys()
                .enumerate()
                .map(|(i, id)| {
                    serde_json::json!({
                        "id": id,
                        "status": ev.labels[i].to_string(),
                        "credulous": ev.credulous[i],
                    })
                })
                .collect();
            let value = serde_json::json!({
                "semantics": args.semantics.name(),
                "support": args.support.name(),
                "has_extension": ev.has_extension,
                "claims": claims,
            });
            let mut s = serde_json::to_string_pretty(&value)
                .map_err(|e| Failure::Usage(format!("cannot write JSON: {e}")))?;
            s.push('\n');
            s
        }
        EvalFormat::Table => {
            let mut s = String::new();
            if !ev.has_extension {
                s.push_str(&format!(
                    "{} semantics has no extension on this map: every claim is UNDEC.\n",
                    args.semantics
                ));
            }
            let width = map
                .claims
                .keys()
                .map(|k| k.chars().count())
                .max()
                .unwrap_or(0);
            for (i, (id, claim)) in map.claims.iter().enumerate() {
                let mark = if ev.credulous[i] && ev.labels[i] != argraph::semantics::Label::In {
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
                s.push_str(&format!(
                    "{:<5}{mark} {id:<width$}  {text}{ellipsis}\n",
                    ev.labels[i].to_string()
                ));
            }
            let count = |l| ev.labels.iter().filter(|&&x| x == l).count();
            s.push_str(&format!(
                "\n{} semantics, supports {}: {} IN, {} OUT, {} UNDEC\n",
                args.semantics,
                args.support,
                count(argraph::semantics::Label::In),
                count(argraph::semantics::Label::Out),
                count(argraph::semantics::Label::Undec),
            ));
            s
        }
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}
