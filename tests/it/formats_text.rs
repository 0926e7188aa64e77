//! `argraph export --format argdown|graphml|markdown` and `argraph import --from argdown`:
//! the real binary, and the round trip RON → Argdown → RON of the bundled map.

use crate::support::{fixture, run};
use argraph::schema::MapDocument;
use std::path::Path;

fn bundled() -> argraph::model::Map {
    argraph::load::load(&fixture("../../graphs/tiktok-wechat"))
        .expect("bundled map loads")
        .map
}

/// The canonical form with claims sorted too: Argdown groups claims by actor.
fn comparable(map: &argraph::model::Map) -> MapDocument {
    let mut document = MapDocument::canonical(map);
    document.claims.sort_by(|a, b| a.id.cmp(&b.id));
    document
}

#[test]
fn the_bundled_map_round_trips_through_argdown_to_an_equal_map() {
    let map = bundled();
    let text = argraph::formats::argdown::to_string(&map);
    let import = argraph::formats::argdown::import(&text)
        .unwrap_or_else(|e| panic!("argraph reads its own Argdown: {:#?}", e.errors));
    assert!(import.warnings.is_empty(), "{:#?}", import.warnings);
    let reloaded = import
        .document
        .load(Path::new("tiktok-wechat.ron"))
        .unwrap_or_else(|e| panic!("the imported map loads: {e}"))
        .map;
    let (mut before, after) = (comparable(&map), comparable(&reloaded));
    // Argdown has no place for exercises, and its reader does not read questions back.
    before.expectations.clear();
    before.questions.clear();
    assert_eq!(after, before);
}

#[test]
fn export_and_import_argdown_through_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("tiktok-wechat.argdown");
    let file_arg = file.to_str().expect("utf-8 path");
    let exported = run(&[
        "export",
        "graphs/tiktok-wechat",
        "--format",
        "argdown",
        "-o",
        file_arg,
    ]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).expect("written"),
        argraph::formats::argdown::to_string(&bundled())
    );

    let out = dir.path().join("imported");
    let out_arg = out.to_str().expect("utf-8 path");
    let imported = run(&["import", file_arg, "--from", "argdown", "-o", out_arg]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let map = bundled();
    let counts = format!(
        "{} claims, {} relations",
        map.claims.len(),
        map.relations.len()
    );
    assert!(imported.stderr.contains(&counts), "{}", imported.stderr);
    let checked = run(&["check", out_arg, "--deny-warnings"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    let original = run(&["check", "graphs/tiktok-wechat"]);
    // Argdown has no place for exercises, and its reader does not read questions back: the
    // summaries agree on everything up to the relations' kinds.
    let summary = |stdout: &str| {
        stdout
            .split_once(": ")
            .and_then(|(_, s)| s.split_once(')'))
            .map(|(counts, _)| counts.to_owned())
    };
    assert_eq!(summary(&checked.stdout), summary(&original.stdout));
}

#[test]
fn importing_broken_argdown_fails_with_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("utf-8 path");
    let result = run(&[
        "import",
        "tests/fixtures/formats/bad-data.argdown",
        "--from",
        "argdown",
        "-o",
        out,
    ]);
    assert_eq!(result.code, 1);
    assert!(
        result
            .stderr
            .contains("tests/fixtures/formats/bad-data.argdown:4:41"),
        "{}",
        result.stderr
    );
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "nothing written"
    );
}

#[test]
fn importing_plain_argdown_says_what_it_filled_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("utf-8 path");
    let result = run(&[
        "import",
        "tests/fixtures/formats/debate.argdown",
        "--from",
        "argdown",
        "-o",
        out,
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("3 claims cite no source"),
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains("an undercut of a statement is read as a rebuttal")
    );
    let checked = run(&["check", out]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked.stdout.contains("4 actors, 6 claims, 6 relations"),
        "{}",
        checked.stdout
    );
}

#[test]
fn graphml_and_markdown_exports_go_to_stdout() {
    let map = bundled();
    let graphml = run(&["export", "graphs/tiktok-wechat", "--format", "graphml"]);
    assert_eq!(graphml.code, 0, "{}", graphml.stderr);
    assert_eq!(graphml.stdout, argraph::formats::graphml::to_string(&map));
    let markdown = run(&["export", "graphs/tiktok-wechat", "--format", "markdown"]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    assert_eq!(markdown.stdout, argraph::formats::markdown::to_string(&map));
}

#[test]
fn help_lists_the_text_formats() {
    let export = run(&["export", "--help"]);
    for format in ["argdown", "graphml", "markdown"] {
        assert!(
            export.stdout.contains(format),
            "export --help names {format}"
        );
    }
    let import = run(&["import", "--help"]);
    assert!(import.stdout.contains("argdown"));
}

/// What Argdown cannot keep of a map: exercises, questions (written as headings, not read
/// back), and runs of whitespace in claim texts and
/// actor names (which it writes as text, not data); and claims come back grouped by actor.
fn argdown_comparable(map: &argraph::model::Map) -> MapDocument {
    let mut document = comparable(map);
    document.expectations.clear();
    document.questions.clear();
    let collapse = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    for claim in &mut document.claims {
        claim.text = collapse(&claim.text);
    }
    for actor in &mut document.actors {
        actor.name = collapse(&actor.name);
    }
    document
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

    /// RON → Argdown → RON gives back an equal map, for the generated maps of the JSON and AIF
    /// round trips, up to what Argdown cannot keep (see [`argdown_comparable`]).
    #[test]
    fn ron_argdown_ron_gives_back_an_equal_map(document in crate::roundtrip::map_document()) {
        let map = document
            .load(Path::new("generated.ron"))
            .unwrap_or_else(|e| panic!("generated map loads: {e}"))
            .map;
        let text = argraph::formats::argdown::to_string(&map);
        let import = argraph::formats::argdown::import(&text)
            .unwrap_or_else(|e| panic!("{:#?}\n{text}", e.errors));
        proptest::prop_assert!(import.warnings.is_empty(), "{:#?}\n{}", import.warnings, text);
        let reloaded = import
            .document
            .load(Path::new("reimported.ron"))
            .unwrap_or_else(|e| panic!("reimported map loads: {e}\n{text}"))
            .map;
        proptest::prop_assert_eq!(argdown_comparable(&reloaded), argdown_comparable(&map), "{}", text);
    }
}

#[test]
fn actor_ids_written_as_names_in_argdown_become_kebab_case_everywhere() {
    // `{actor: Mike Pompeo}` is how people write Argdown; a map needs `mike-pompeo`. The
    // renaming must reach the claims and `member_of`, or `check` would reject the import.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("utf-8 path");
    let result = run(&[
        "import",
        "tests/fixtures/formats/actor-names.argdown",
        "--from",
        "argdown",
        "-o",
        out,
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("3 actor ids are not kebab-case and were renamed"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("`Mike Pompeo` → `mike-pompeo`"));
    let written = std::fs::read_to_string(dir.path().join("actor-names.ron")).expect("written");
    assert!(
        written.contains(r#"member_of: "u-s-government""#),
        "{written}"
    );
    assert!(
        written.contains(r#"actor: "tiktok-bytedance""#),
        "{written}"
    );
    assert!(written.contains(r#"name: "Mike Pompeo""#), "{written}");
    let checked = run(&["check", out]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
}
