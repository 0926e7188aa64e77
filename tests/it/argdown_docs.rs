//! Argdown's own documentation, imported: every example of its syntax guide and its example
//! debates (`tests/fixtures/formats/argdown-docs/`, MIT, see `LICENSE.md` there) imports into a
//! map that `check` accepts, and, where Argdown's CLI (`@argdown/cli` 1.7.5) is installed, keeps
//! every statement, argument and relation that `argdown json` reports, kind by kind.
//!
//! The CLI is found as in `argdown_cli.rs` (`ARGDOWN_CLI`, or `.ci/node/node_modules/.bin`);
//! without it the comparison says "skipped" and the rest of each test still runs.

use argraph::model::RelationKind;
use argraph::schema::MapDocument;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One example: a name and its Argdown text.
struct Example {
    name: String,
    text: String,
}

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/argdown-docs")
}

/// The examples: each ```argdown block of the syntax guide, then each `.argdown` file.
///
/// The guide's ```argdown-cheatsheet blocks open with a front matter of settings for the
/// guide's page (`explanation`, `model: mode: strict`) followed directly by the example; Argdown
/// requires an empty line after a front matter, so one is put there (the settings still apply).
fn examples() -> Vec<Example> {
    let guide = std::fs::read_to_string(docs_dir().join("syntax-guide.md")).expect("guide");
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        if line.starts_with('#') {
            section = line.trim_start_matches('#').trim().to_owned();
            continue;
        }
        let cheatsheet = line == "```argdown-cheatsheet";
        if !(cheatsheet || line == "```argdown") {
            continue;
        }
        let mut text = String::new();
        let mut in_front_matter = false;
        for line in lines.by_ref() {
            if line == "```" {
                break;
            }
            text.push_str(line);
            text.push('\n');
            if line == "===" {
                if in_front_matter && cheatsheet {
                    text.push('\n');
                }
                in_front_matter = !in_front_matter;
            }
        }
        examples.push(Example {
            name: format!("syntax guide #{} ({section})", examples.len() + 1),
            text,
        });
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(docs_dir())
        .expect("fixtures")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "argdown"))
        .collect();
    files.sort();
    for path in files {
        examples.push(Example {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(&path).expect("example"),
        });
    }
    examples
}

/// Imports an example and checks the map like `argraph check` does.
fn import(example: &Example) -> MapDocument {
    let imported = argraph::formats::argdown::import(&example.text)
        .unwrap_or_else(|e| panic!("{}: import failed: {:?}", example.name, e.errors));
    if let Err(error) = imported.document.load(Path::new("imported.ron")) {
        panic!(
            "{}: the imported map does not check: {error:?}",
            example.name
        );
    }
    imported.document
}

/// Counts of a map document: claims, and relations by kind.
fn counts(document: &MapDocument) -> (usize, BTreeMap<&'static str, usize>) {
    let mut relations = BTreeMap::new();
    for relation in &document.relations {
        let kind = relation.kind_and_target().expect("one kind").0;
        *relations.entry(kind.as_str()).or_insert(0) += 1;
    }
    (document.claims.len(), relations)
}

fn argdown_cli() -> Option<PathBuf> {
    let path = match std::env::var_os("ARGDOWN_CLI") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node/node_modules/.bin/argdown"),
    };
    path.exists().then_some(path)
}

/// What `argdown json` reports for a text: statements, arguments, relations by type, and
/// each argument's premise-conclusion structure (the roles of its statements).
struct ArgdownCounts {
    statements: usize,
    arguments: usize,
    relations: BTreeMap<String, usize>,
    /// What argraph makes of them (see `expected`).
    json: serde_json::Value,
}

/// Runs `argdown json` once over every example (one Node start, not one per example) and
/// reads what it reports for each.
fn argdown_json(cli: &Path, examples: &[Example]) -> Vec<ArgdownCounts> {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (n, example) in examples.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{n:03}.argdown")), &example.text).expect("written");
    }
    let out = dir.path().join("json");
    let output = Command::new(cli)
        .arg("json")
        .arg(format!("{}/*.argdown", dir.path().display()))
        .arg(&out)
        .output()
        .expect("argdown runs");
    assert!(
        output.status.success(),
        "argdown json failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (0..examples.len())
        .map(|n| {
            let path = out.join(format!("{n:03}.json"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
                panic!(
                    "{}: Argdown wrote no JSON ({error}):\n{}",
                    examples[n].name,
                    String::from_utf8_lossy(&output.stdout)
                )
            });
            let json: serde_json::Value = serde_json::from_str(&text).expect("Argdown's JSON");
            let mut relations = BTreeMap::new();
            for relation in json["relations"].as_array().into_iter().flatten() {
                let kind = relation["relationType"].as_str().unwrap_or("?").to_owned();
                *relations.entry(kind).or_insert(0) += 1;
            }
            ArgdownCounts {
                statements: json["statements"].as_object().map_or(0, |s| s.len()),
                arguments: json["arguments"].as_object().map_or(0, |a| a.len()),
                relations,
                json,
            }
        })
        .collect()
}

/// The map argraph should make of what Argdown reports: a claim per statement and argument;
/// a support per `support`/`entails`; a rebuttal per `attack`, two (one each way) per
/// `contrary`/`contradictory`; an undercut per `undercut` of an inference or of a reconstructed
/// argument, a rebuttal per undercut of anything else; and, for each premise-conclusion
/// structure, a support from each premise to the argument and from the argument to each
/// conclusion.
fn expected(argdown: &ArgdownCounts) -> (usize, BTreeMap<&'static str, usize>) {
    let json = &argdown.json;
    let reconstructed: HashSet<&str> = json["arguments"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, a)| a["pcs"].as_array().is_some_and(|p| !p.is_empty()))
        .map(|(title, _)| title.as_str())
        .collect();
    let mut supports = 0;
    let mut rebuts = 0;
    let mut undercuts = 0;
    let mut pairs = HashSet::new();
    for relation in json["relations"].as_array().into_iter().flatten() {
        let from = relation["from"].as_str().unwrap_or_default();
        let to = relation["to"].as_str().unwrap_or_default();
        let mut rebut = |a: &str, b: &str| {
            if pairs.insert((a.to_owned(), b.to_owned())) {
                rebuts += 1;
            }
        };
        match relation["relationType"].as_str().unwrap_or_default() {
            "support" | "entails" => supports += 1,
            "attack" => rebut(from, to),
            "contrary" | "contradictory" => {
                rebut(from, to);
                rebut(to, from);
            }
            "undercut" if relation["toType"] == "inference" || reconstructed.contains(to) => {
                undercuts += 1
            }
            "undercut" => rebut(from, to),
            other => panic!("unknown relation type {other}"),
        }
    }
    for argument in json["arguments"].as_object().into_iter().flatten() {
        let statements: HashSet<&str> = argument
            .1
            .get("pcs")
            .and_then(|p| p.as_array())
            .into_iter()
            .flatten()
            .filter_map(|s| s["title"].as_str())
            .collect();
        supports += statements.len();
    }
    let mut relations = BTreeMap::new();
    for (kind, n) in [
        (RelationKind::Supports, supports),
        (RelationKind::Rebuts, rebuts),
        (RelationKind::Undercuts, undercuts),
    ] {
        if n > 0 {
            relations.insert(kind.as_str(), n);
        }
    }
    (argdown.statements + argdown.arguments, relations)
}

#[test]
fn every_documentation_example_imports_into_a_valid_map() {
    let examples = examples();
    assert!(examples.len() >= 60, "{} examples", examples.len());
    for example in &examples {
        let document = import(example);
        assert!(
            !document.claims.is_empty() || example.text.contains("isGroup"),
            "{}: no claims",
            example.name
        );
    }
}

#[test]
fn argraph_keeps_what_argdowns_own_parser_reads_in_every_documentation_example() {
    let Some(cli) = argdown_cli() else {
        eprintln!(
            "skipped: Argdown's CLI not found (set ARGDOWN_CLI, or run `npm install --prefix .ci/node @argdown/cli@1.7.5`)"
        );
        return;
    };
    let examples = examples();
    let readings = argdown_json(&cli, &examples);
    let mut report = String::new();
    let mut failures = Vec::new();
    for (example, argdown) in examples.iter().zip(&readings) {
        let document = import(example);
        let got = counts(&document);
        let want = expected(argdown);
        report.push_str(&format!(
            "{}: Argdown {} statements, {} arguments, relations {:?}; argraph {} claims, relations {:?}\n",
            example.name, argdown.statements, argdown.arguments, argdown.relations, got.0, got.1
        ));
        if got != want {
            failures.push(format!(
                "{}: argraph has {got:?}, Argdown's reading gives {want:?}",
                example.name
            ));
        }
    }
    eprint!("{report}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The canonical form with claims sorted too: the Argdown writer groups claims by actor.
fn sorted(map: &argraph::model::Map) -> MapDocument {
    let mut document = MapDocument::canonical(map);
    document.claims.sort_by(|a, b| a.id.cmp(&b.id));
    document
}

fn load(example: &Example, document: &MapDocument) -> argraph::model::Map {
    match document.load(Path::new("imported.ron")) {
        Ok(loaded) => loaded.map,
        Err(error) => panic!(
            "{}: the imported map does not check: {error:?}",
            example.name
        ),
    }
}

/// Argdown → argraph → Argdown → argraph: the map read back from argraph's own Argdown is the
/// map first imported; and Argdown's parser finds in argraph's Argdown a statement for every
/// statement and argument of the example, and every relation argraph keeps.
#[test]
fn documentation_examples_round_trip_through_argraphs_argdown() {
    let examples = examples();
    let mut exports = Vec::new();
    let mut maps = Vec::new();
    for example in &examples {
        let map = load(example, &import(example));
        let text = argraph::formats::argdown::to_string(&map);
        let again = Example {
            name: format!("{} (argraph's Argdown)", example.name),
            text,
        };
        let map_again = load(&again, &import(&again));
        assert_eq!(sorted(&map_again), sorted(&map), "{}", again.name);
        exports.push(again);
        maps.push(map);
    }
    // Argdown refuses an empty document: an example with no statement (a lone heading) has
    // nothing to compare.
    let keep: Vec<bool> = maps.iter().map(|m| !m.claims.is_empty()).collect();
    let examples: Vec<Example> = examples
        .into_iter()
        .zip(&keep)
        .filter_map(|(e, &k)| k.then_some(e))
        .collect();
    let exports: Vec<Example> = exports
        .into_iter()
        .zip(&keep)
        .filter_map(|(e, &k)| k.then_some(e))
        .collect();
    maps.retain(|m| !m.claims.is_empty());
    let Some(cli) = argdown_cli() else {
        eprintln!("skipped: Argdown's CLI not found; the maps were compared without it");
        return;
    };
    let originals = argdown_json(&cli, &examples);
    let readings = argdown_json(&cli, &exports);
    for ((original, reading), (map, export)) in originals
        .iter()
        .zip(&readings)
        .zip(maps.iter().zip(&exports))
    {
        // Every statement and argument of the example is one statement of the export.
        assert_eq!(
            reading.statements,
            original.statements + original.arguments,
            "{}",
            export.name
        );
        // Every relation is one relation of the export, plus one support for each relation
        // written as an argument (from the claim that makes it).
        let undercut_targets: HashSet<_> = map
            .relations
            .iter()
            .filter_map(|r| match r.target {
                argraph::model::Target::Relation(target) => Some(target),
                argraph::model::Target::Claim(_) => None,
            })
            .collect();
        let relations: usize = reading.relations.values().sum();
        assert_eq!(
            relations,
            map.relations.len() + undercut_targets.len(),
            "{}: {:?}",
            export.name,
            reading.relations
        );
        assert_eq!(reading.arguments, undercut_targets.len(), "{}", export.name);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
    /// Any text made of Argdown's syntax imports into a map that checks, or fails with located
    /// errors: never a panic.
    #[test]
    fn any_argdown_imports_into_a_valid_map_or_located_errors(
        text in "([\\[\\]<>:(){}@#_*/!=,.\"'\\\\ \\t\\n+-]|[a-c1-3]|\\(1\\) |----\\n|===\\n|\\n    |<!--|-->|//|/\\*|\\*/){0,60}"
    ) {
        match argraph::formats::argdown::import(&text) {
            Ok(imported) => {
                if let Err(error) = imported.document.load(Path::new("imported.ron")) {
                    proptest::prop_assert!(false, "{text:?}: the map does not check: {error:?}");
                }
            }
            Err(error) => {
                proptest::prop_assert!(error.errors.iter().all(|e| e.primary.is_some()));
            }
        }
    }
}
