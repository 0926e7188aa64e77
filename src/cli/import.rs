//! `argraph import`: a file of another tool's format as a RON map a person keeps editing.

use super::output::count;
use super::{Context, Failure, Outcome};
use argraph::diagnostic::render;
use argraph::formats::{Import, ImportError};
use argraph::model::MapFile;
use std::path::{Path, PathBuf};

/// Arguments of `argraph import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The map is written as one RON file named after the input (`debate.json` gives DIR/debate.ron), then loaded and checked like any map.\n\nExamples:\n  argraph export graphs/tiktok-wechat --format json -o tiktok-wechat.json\n  argraph import tiktok-wechat.json -o imported/            (the format from the name)\n  argraph import debate.json --from aif -o debate/\n  argraph export graphs/tiktok-wechat --format argdown -o tiktok-wechat.argdown\n  argraph import tiktok-wechat.argdown --from argdown -o imported/\n  argraph check imported/\n\nWhat each format keeps and loses: docs/formats.md."
)]
pub(crate) struct Args {
    /// The file to import.
    file: PathBuf,
    /// The format of the file [default: from its extension: .argdown; .aif, .xaif; .json, read
    /// as AIF when it holds AIF nodes, else as argraph's JSON].
    #[arg(long, value_enum)]
    from: Option<ImportFormat>,
    /// The directory to write the map into (created if missing).
    #[arg(short, long)]
    output: PathBuf,
    /// Replace a map file of the same name in the directory.
    #[arg(long)]
    force: bool,
}

/// The formats `argraph import` reads.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ImportFormat {
    /// argraph's JSON (what `argraph export --format json` writes).
    Json,
    /// AIF JSON (AIFdb, OVA or xAIF layout).
    Aif,
    /// Argdown: statements and arguments as claims, +/-/_ relations, `{actor: …}` data, actor
    /// headings; other headings become tags.
    Argdown,
    /// Kialo's discussion export (the text file with `Discussion Title:` and numbered claims).
    Kialo,
}

pub(crate) fn run(args: Args, context: &Context) -> Result<Outcome, Failure> {
    let file_name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let (input, from, imported) = if args.file.is_dir() {
        // A corpus: every AIF node set in the directory, into one map.
        if !matches!(args.from, None | Some(ImportFormat::Aif)) {
            return Err(Failure::Usage(format!(
                "`{}` is a directory: only an AIF corpus (one JSON file per node set) is read from a directory",
                args.file.display()
            )));
        }
        let input = corpus_files(&args.file)?;
        let files: Vec<(String, String)> = input
            .iter()
            .map(|file| {
                let name = file
                    .path
                    .strip_prefix(&args.file)
                    .unwrap_or(&file.path)
                    .to_string_lossy()
                    .into_owned();
                (name, file.text.clone())
            })
            .collect();
        let imported = argraph::formats::aif::corpus(&files);
        (input, ImportFormat::Aif, imported)
    } else {
        let text = std::fs::read_to_string(&args.file).map_err(|error| {
            Failure::Usage(format!("cannot read `{}`: {error}", args.file.display()))
        })?;
        let from = match args.from {
            Some(from) => from,
            None => infer_format(&args.file, &text).ok_or_else(|| {
                Failure::Usage(format!(
                    "cannot tell the format of `{}` from its name; pass --from json, aif, argdown or kialo",
                    args.file.display()
                ))
            })?,
        };
        let imported = match from {
            ImportFormat::Json => argraph::formats::json::from_str(&text),
            ImportFormat::Aif => argraph::formats::aif::from_str(&text, &file_name),
            ImportFormat::Argdown => argraph::formats::argdown::import(&text),
            ImportFormat::Kialo => argraph::formats::kialo::from_str(&text),
        };
        let input = vec![MapFile {
            path: args.file.clone(),
            text,
        }];
        (input, from, imported)
    };
    let Import { document, warnings } = match imported {
        Ok(imported) => imported,
        Err(ImportError { errors }) => {
            eprint!("{}", render(&errors, &input, context.stderr_color()));
            return Err(Failure::Invalid(format!(
                "cannot import `{}`: {}",
                args.file.display(),
                count(errors.len(), "error")
            )));
        }
    };
    if !warnings.is_empty() {
        eprint!("{}", render(&warnings, &input, context.stderr_color()));
    }
    let target = target_path(&args.output, &args.file);
    std::fs::create_dir_all(&args.output).map_err(|error| {
        Failure::Usage(format!(
            "cannot create `{}`: {error}",
            args.output.display()
        ))
    })?;
    if target.exists() && !args.force {
        return Err(Failure::Usage(format!(
            "`{}` already exists; pass --force to replace it",
            target.display()
        )));
    }
    let mut header = vec![format!(
        "Imported by argraph from {} ({}).",
        file_name,
        match from {
            ImportFormat::Json => "argraph JSON",
            ImportFormat::Aif => "AIF",
            ImportFormat::Argdown => "Argdown",
            ImportFormat::Kialo => "a Kialo discussion export",
        }
    )];
    if let ImportFormat::Kialo = from {
        header.push(format!(
            "Kialo's export names no authors: every claim is given to the one actor `{}`.",
            argraph::formats::kialo::ACTOR
        ));
    }
    let ron = argraph::formats::ron_writer::to_string_with_header(&document, &header);
    argraph::atomic::write_atomic(&target, ron.as_bytes())
        .map_err(|error| Failure::Usage(format!("cannot write `{}`: {error}", target.display())))?;
    // The written file is checked like any hand-written map; its diagnostics point into it.
    let loaded = context.load(&target).map_err(|failure| match failure {
        Failure::Invalid(message) => Failure::Invalid(format!(
            "{message}\nthe file was written; fix it by hand, or fix the input and import again with --force"
        )),
        other => other,
    })?;
    let map = &loaded.map;
    eprintln!(
        "wrote {}: {}, {}, {}, {}{}",
        target.display(),
        count(map.sources.len(), "source"),
        count(map.actors.len(), "actor"),
        count(map.claims.len(), "claim"),
        count(map.relations.len(), "relation"),
        if warnings.is_empty() {
            String::new()
        } else {
            format!(" ({} about the input)", count(warnings.len(), "warning"))
        }
    );
    Ok(Outcome::Success)
}

/// `DIR/<stem of the input>.ron`.
fn target_path(dir: &Path, input: &Path) -> PathBuf {
    let stem = input.file_stem().map_or_else(
        || "imported".into(),
        |stem| stem.to_string_lossy().into_owned(),
    );
    dir.join(format!("{stem}.ron"))
}

/// The format a file's extension names: `.argdown`/`.ad` Argdown, `.aif`/`.xaif` AIF, `.json`
/// AIF when its top level holds AIF's `nodes` (AIFdb) or `AIF` (xAIF), else argraph's JSON.
fn infer_format(path: &Path, text: &str) -> Option<ImportFormat> {
    let extension = path.extension()?.to_string_lossy().to_lowercase();
    match extension.as_str() {
        "argdown" | "ad" => Some(ImportFormat::Argdown),
        "aif" | "xaif" => Some(ImportFormat::Aif),
        "txt"
            if ["Discussion Title:", "Discussion Name:"].iter().any(|p| {
                text.trim_start_matches('\u{feff}')
                    .trim_start()
                    .starts_with(p)
            }) =>
        {
            Some(ImportFormat::Kialo)
        }
        "json" => {
            let stem = path.file_stem().map(|s| s.to_string_lossy().to_lowercase());
            let named_aif = stem.is_some_and(|s| s.ends_with(".aif") || s.ends_with(".xaif"));
            let keys: Vec<String> = match serde_json::from_str::<serde_json::Value>(text) {
                Ok(serde_json::Value::Object(object)) => object.keys().cloned().collect(),
                _ => Vec::new(),
            };
            let aif = keys.iter().any(|k| k == "nodes" || k == "AIF");
            Some(if named_aif || aif {
                ImportFormat::Aif
            } else {
                ImportFormat::Json
            })
        }
        _ => None,
    }
}

/// The AIF node sets of a corpus directory: its `.json`, `.aif` and `.xaif` files, at any depth
/// (hidden entries skipped), in order of their paths.
fn corpus_files(dir: &Path) -> Result<Vec<MapFile>, Failure> {
    let mut paths = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(at) = pending.pop() {
        let entries = std::fs::read_dir(&at)
            .map_err(|error| Failure::Usage(format!("cannot read `{}`: {error}", at.display())))?;
        for entry in entries {
            let entry = entry.map_err(|error| {
                Failure::Usage(format!("cannot read `{}`: {error}", at.display()))
            })?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| {
                let e = e.to_string_lossy().to_lowercase();
                e == "json" || e == "aif" || e == "xaif"
            }) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Failure::Usage(format!(
            "`{}` holds no AIF node sets (.json, .aif or .xaif files)",
            dir.display()
        )));
    }
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(|error| {
                Failure::Usage(format!("cannot read `{}`: {error}", path.display()))
            })?;
            Ok(MapFile { path, text })
        })
        .collect()
}
