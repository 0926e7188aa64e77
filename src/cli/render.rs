//! `argraph render`: draw a map as DOT, or as SVG, PNG or PDF through Graphviz.

use super::output::{stdout_result, write_stdout};
use super::{Context, Failure, Outcome};
use argraph::model::Map;
use argraph::render::graphviz::{self, Format, GraphvizError};
use argraph::render::{Level, Options, Selection, select};
use argraph::semantics::Semantics;
use argraph::semantics::bipolar::SupportMode;
use argraph::semantics::map::evaluate_map;
use clap::ValueEnum;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The environment variable naming the Graphviz program (default `dot`).
const DOT_VARIABLE: &str = "ARGRAPH_DOT";

/// Above this many nodes, Graphviz takes minutes and the picture is too dense: say so.
const LARGE: usize = 2000;

/// Above this many nodes, the built-in layout (layout-rs) takes minutes: it refuses.
const FALLBACK_LIMIT: usize = 300;

/// The advice for a diagram too large to draw whole, naming the flags that make it smaller.
const SMALLER: &str = "for an overview use `--level actors` (add `--rollup` to count members \
     under their organisation), or draw part of the map with `--actor ID` (repeatable) or \
     `--focus CLAIM --depth N`";

/// The `--depth` of `--focus` when not given.
const DEFAULT_DEPTH: usize = 2;

/// The `--depth` of `--question` when not given: the answers and what bears on them.
const QUESTION_DEPTH: usize = 1;

const INSTALL: &str =
    "install Graphviz (https://graphviz.org/download/; e.g. `apt-get install graphviz`)";

/// Arguments of `argraph render`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  argraph render graphs/tiktok-wechat -o map.svg
  argraph render graphs/tiktok-wechat --format png -o map.png
  argraph render graphs/tiktok-wechat --level actors --rollup -o actors.svg
  argraph render graphs/tiktok-wechat --actor pompeo --actor tiktok -o pompeo.svg
  argraph render graphs/tiktok-wechat --focus pompeo-feeding-data --depth 1 | dot -Tsvg > focus.svg
  argraph render tests/fixtures/questions/map.ron --question security-justified -o question.svg
  argraph render graphs/tiktok-wechat --eval preferred --support deductive -o status.svg

SVG, PNG and PDF are drawn by Graphviz's `dot` (set ARGRAPH_DOT to use another program). Without
Graphviz, SVG falls back to a simpler built-in layout (up to 300 nodes); PNG and PDF need
Graphviz. Above 2000 nodes a diagram is too dense to read: use --level actors, --actor or
--focus. --eval colours claims IN (green, solid), OUT (orange, dashed) or UNDEC (yellow,
dotted) as `argraph eval` computes them. More in docs/diagrams.md.

Exit codes: 0 drawn, 1 invalid map or unknown id, 2 usage, I/O or Graphviz error.")]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// Write to FILE (atomically) instead of stdout. Its extension (.dot, .gv, .svg, .png, .pdf)
    /// sets the format unless --format is given.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format [default: from the -o extension, else dot].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Draw claims grouped by actor, or one node per actor.
    #[arg(long, value_enum, default_value_t = LevelArg::Claims)]
    level: LevelArg,
    /// Keep this actor's claims (and its members'), and the claims next to them. Repeatable.
    #[arg(long = "actor", value_name = "ID")]
    actors: Vec<String>,
    /// Keep the claims around this claim, in both directions.
    #[arg(
        long,
        value_name = "CLAIM",
        conflicts_with = "actors",
        group = "centre"
    )]
    focus: Option<String>,
    /// Keep the claims that answer this question (drawn as focus claims), and the claims
    /// around them.
    #[arg(long, value_name = "ID", conflicts_with = "actors", group = "centre")]
    question: Option<String>,
    /// With --focus or --question: how many hops to follow [default: 2 with --focus, 1 with
    /// --question].
    #[arg(long, value_name = "N", requires = "centre")]
    depth: Option<usize>,
    /// With --level actors: count members (officials, products) under their organisation.
    #[arg(long)]
    rollup: bool,
    /// Leave the legend out.
    #[arg(long)]
    no_legend: bool,
    /// Colour each claim by its status (IN, OUT, UNDEC) under this semantics: grounded,
    /// complete, preferred, stable, semi-stable, ideal or stage (as `argraph eval`).
    #[arg(long, value_name = "SEMANTICS", value_parser = super::eval::parse_semantics)]
    eval: Option<Semantics>,
    /// With --eval: how supports count: none, deductive or necessary [default: none].
    #[arg(long, value_name = "MODE", requires = "eval", value_parser = super::eval::parse_support)]
    support: Option<SupportMode>,
}

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Graphviz DOT text (no Graphviz needed).
    Dot,
    /// SVG, by Graphviz (or a simpler built-in layout without it).
    Svg,
    /// PNG, by Graphviz.
    Png,
    /// PDF, by Graphviz.
    Pdf,
}

/// Which view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LevelArg {
    /// Claims, in clusters by actor.
    Claims,
    /// Actors, with "supports" and "disputes" edges.
    Actors,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) => format_of(path)?,
        (None, None) => FormatArg::Dot,
    };
    if matches!(format, FormatArg::Png | FormatArg::Pdf)
        && args.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(Failure::Usage(format!(
            "{} is binary: write it to a file with `-o map.{}` or redirect stdout",
            name_of(format),
            name_of(format).to_lowercase()
        )));
    }
    if args.eval.is_some() && args.level != LevelArg::Claims {
        return Err(Failure::Usage(
            "--eval colours claims: it works with --level claims".to_owned(),
        ));
    }
    if args.rollup && args.level != LevelArg::Actors {
        return Err(Failure::Usage(
            "--rollup works with --level actors".to_owned(),
        ));
    }

    let loaded = context.load(&args.map)?;
    let map = &loaded.map;
    let selection = selection(map, &args)?;
    let evaluation = match args.eval {
        Some(semantics) => Some(
            evaluate_map(map, semantics, args.support.unwrap_or_default())
                .map_err(|e| Failure::Invalid(e.to_string()))?,
        ),
        None => None,
    };
    let options = Options {
        level: match args.level {
            LevelArg::Claims => Level::Claims,
            LevelArg::Actors => Level::Actors,
        },
        title: Some(title(map, &args)),
        selection,
        rollup: args.rollup,
        legend: !args.no_legend,
        evaluation,
    };
    const NOTHING: &str = "warning: the selection holds nothing to draw";
    if format == FormatArg::Dot {
        // Streamed: a diagram of a million claims is never held in memory whole.
        let size = match &args.output {
            Some(path) => argraph::atomic::write_atomic_with(path, |file| {
                argraph::render::write_dot(map, &options, file)
            })
            .map_err(|error| {
                Failure::Usage(format!("cannot write `{}`: {error}", path.display()))
            })?,
            None => {
                match stdout_result(argraph::render::write_dot(
                    map,
                    &options,
                    &mut std::io::stdout(),
                ))? {
                    Some(size) => size,
                    // The reader went away: nothing more to say.
                    None => return Ok(Outcome::Success),
                }
            }
        };
        if size.nodes == 0 {
            eprintln!("{NOTHING}");
        }
        return Ok(Outcome::Success);
    }
    let diagram = argraph::render::diagram(map, &options);
    if diagram.nodes() == 0 {
        eprintln!("{NOTHING}");
    }

    // SVG, PNG or PDF: through Graphviz.
    let bytes = {
        let graphviz_format = match format {
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
            _ => Format::Svg,
        };
        if diagram.nodes() > LARGE {
            eprintln!(
                "warning: this diagram has {} nodes (more than {LARGE}): Graphviz may take \
                 minutes to lay it out, and the picture will be too dense to read; {SMALLER}.",
                diagram.nodes()
            );
        }
        let program = std::env::var_os(DOT_VARIABLE)
            .filter(|value| !value.is_empty())
            .unwrap_or_else(|| OsString::from("dot"));
        match graphviz::run(&program, graphviz_format, diagram.dot()) {
            Ok(output) => {
                if !output.warnings.is_empty() {
                    eprintln!("warning: Graphviz said:\n{}", output.warnings);
                }
                output.bytes
            }
            Err(GraphvizError::Missing { program })
                if format == FormatArg::Svg && diagram.nodes() > FALLBACK_LIMIT =>
            {
                return Err(Failure::Usage(format!(
                    "Graphviz `{program}` was not found, and the built-in layout is too slow \
                     for {} nodes (it draws at most {FALLBACK_LIMIT}): {INSTALL}; or {SMALLER}",
                    diagram.nodes()
                )));
            }
            Err(GraphvizError::Missing { program }) if format == FormatArg::Svg => {
                eprintln!(
                    "note: Graphviz `{program}` was not found, so this SVG was drawn with the \
                     simpler built-in layout (no actor clusters, no legend table). For the \
                     full diagram, {INSTALL}."
                );
                argraph::render::fallback::svg(map, &options).into_bytes()
            }
            Err(GraphvizError::Missing { program }) => {
                return Err(Failure::Usage(format!(
                    "{} needs Graphviz, and `{program}` was not found: {INSTALL}, or use \
                     `--format svg` (built-in layout) or `--format dot`",
                    name_of(format)
                )));
            }
            Err(error) => return Err(Failure::Usage(error.to_string())),
        }
    };

    match &args.output {
        Some(path) => argraph::atomic::write_atomic(path, &bytes).map_err(|error| {
            Failure::Usage(format!("cannot write `{}`: {error}", path.display()))
        })?,
        None => write_stdout(&bytes)?,
    }
    Ok(Outcome::Success)
}

fn name_of(format: FormatArg) -> &'static str {
    match format {
        FormatArg::Dot => "DOT",
        FormatArg::Svg => "SVG",
        FormatArg::Png => "PNG",
        FormatArg::Pdf => "PDF",
    }
}

/// The format an output file's extension asks for.
fn format_of(path: &Path) -> Result<FormatArg, Failure> {
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match extension.as_deref() {
        None | Some("dot") | Some("gv") => Ok(FormatArg::Dot),
        Some("svg") => Ok(FormatArg::Svg),
        Some("png") => Ok(FormatArg::Png),
        Some("pdf") => Ok(FormatArg::Pdf),
        Some(other) => Err(Failure::Usage(format!(
            "cannot tell the format from `.{other}` in `{}`: use .dot, .svg, .png or .pdf, \
             or pass --format",
            path.display()
        ))),
    }
}

/// The selection the flags ask for; unknown ids are errors with a hint (exit code 1).
fn selection(map: &Map, args: &Args) -> Result<Selection, Failure> {
    if let Some(id) = &args.question {
        let question = select::question(map, id).map_err(|e| Failure::Invalid(e.to_string()))?;
        return Ok(Selection::Claims {
            claims: question.answers().map(|(claim, _)| claim).collect(),
            depth: args.depth.unwrap_or(QUESTION_DEPTH),
        });
    }
    if let Some(focus) = &args.focus {
        let claim = select::claim(map, focus).map_err(|e| Failure::Invalid(e.to_string()))?;
        return Ok(Selection::Focus {
            claim,
            depth: args.depth.unwrap_or(DEFAULT_DEPTH),
        });
    }
    if args.actors.is_empty() {
        return Ok(Selection::All);
    }
    let mut actors = Vec::new();
    let mut unknown = Vec::new();
    for id in &args.actors {
        match select::actor(map, id) {
            Ok(actor) => actors.push(actor),
            Err(error) => unknown.push(error.to_string()),
        }
    }
    if !unknown.is_empty() {
        return Err(Failure::Invalid(unknown.join("\nerror: ")));
    }
    Ok(Selection::Actors(actors))
}

/// The diagram's title: the map's name, and what was selected.
fn title(map: &Map, args: &Args) -> String {
    let title = selection_title(map, args);
    match args.eval {
        Some(semantics) => {
            let support = args.support.unwrap_or_default();
            if support == SupportMode::None {
                format!("{title} · {semantics} semantics")
            } else {
                format!("{title} · {semantics} semantics, {support} support")
            }
        }
        None => title,
    }
}

/// The diagram's title without the semantics.
fn selection_title(map: &Map, args: &Args) -> String {
    let name = args
        .map
        .canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(&args.map)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "argraph".to_owned());
    if let Some(question) = args.question.as_deref().and_then(|id| map.question(id)) {
        return format!("{name}: {}", question.text);
    }
    if let Some(focus) = &args.focus {
        let depth = args.depth.unwrap_or(DEFAULT_DEPTH);
        let hops = if depth == 1 { "hop" } else { "hops" };
        return format!("{name}: around {focus} ({depth} {hops})");
    }
    if !args.actors.is_empty() {
        let names: Vec<&str> = args
            .actors
            .iter()
            .filter_map(|id| map.actors.get(id).map(|actor| actor.name.as_str()))
            .collect();
        return format!("{name}: {} and who they answer", names.join(", "));
    }
    name
}
