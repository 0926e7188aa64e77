//! Interchange formats: the map document, the RON writer, JSON, AIF and ICCMA exports, and
//! `argraph export` / `argraph import`.

use crate::support::{fixture, run};
use argraph::formats::document::MapDocument;
use argraph::formats::ron_writer;
use argraph::load::load;
use std::path::Path;

fn bundled() -> argraph::model::Map {
    load(&fixture("../../graphs/tiktok-wechat"))
        .expect("bundled map loads")
        .map
}

#[test]
fn the_ron_writer_writes_the_docs_example_as_written_by_hand() {
    // mini.ron puts one inline relation on a claim and one in `relations` (it has a note): the
    // writer keeps that layout, and every record and field the file has.
    let map = load(&fixture("valid/mini.ron")).expect("mini loads").map;
    let text = ron_writer::to_string(&MapDocument::from_map(&map));
    insta::assert_snapshot!(text);
}

#[test]
fn the_bundled_map_written_as_one_ron_file_loads_to_an_equal_map_and_passes_check() {
    let map = bundled();
    let document = MapDocument::from_map(&map);
    let reloaded = document
        .load(Path::new("bundled.ron"))
        .unwrap_or_else(|e| panic!("written map reloads: {e}"))
        .map;
    assert_eq!(
        MapDocument::canonical(&reloaded),
        MapDocument::canonical(&map)
    );
    assert_eq!(reloaded.relations.len(), map.relations.len());

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("map.ron");
    std::fs::write(&path, ron_writer::to_string(&document)).expect("write");
    let checked = run(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    let original = run(&["check", "graphs/tiktok-wechat"]);
    let counts = |stdout: &str| stdout.split_once(": ").map(|(_, c)| c.to_owned());
    assert_eq!(counts(&checked.stdout), counts(&original.stdout));
}

#[test]
fn the_document_is_the_loader_s_format_field_by_field() {
    // Parsing the writer's output with `ron` straight into the document gives the same document:
    // the writer leaves out only what is empty or default.
    let map = bundled();
    let document = MapDocument::from_map(&map);
    let text = ron_writer::to_string(&document);
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let parsed: MapDocument = options
        .from_str(&text)
        .expect("ron parses the writer's output");
    assert_eq!(parsed, document);
}

/// Exports the bundled map as `format` into a temporary directory, returns (dir, file).
fn export_bundled(format: &str, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(format!("tiktok-wechat.{format}"));
    let mut args = vec![
        "export",
        "graphs/tiktok-wechat",
        "--format",
        format,
        "-o",
        file.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let exported = run(&args);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    assert_eq!(exported.stdout, "", "with -o nothing goes to stdout");
    (dir, file)
}

fn check_counts(path: &Path) -> String {
    let checked = run(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    checked
        .stdout
        .split_once(": ")
        .map(|(_, counts)| counts.to_owned())
        .expect("check prints `path: counts`")
}

#[test]
fn json_export_then_import_gives_a_map_check_accepts_with_the_same_counts() {
    let (dir, json) = export_bundled("json", &[]);
    let out = dir.path().join("imported");
    let imported = run(&[
        "import",
        json.to_str().expect("utf-8"),
        "--from",
        "json",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let written = out.join("tiktok-wechat.ron");
    assert!(imported.stderr.contains("wrote "), "{}", imported.stderr);
    assert_eq!(
        check_counts(&written),
        check_counts(&fixture("../../graphs/tiktok-wechat"))
    );
    // Not only the counts: the maps are equal.
    let reloaded = load(&written).expect("imported map loads").map;
    assert_eq!(
        MapDocument::canonical(&reloaded),
        MapDocument::canonical(&bundled())
    );
}

#[test]
fn json_export_to_stdout_is_the_document_with_every_relation_in_the_relations_list() {
    let exported = run(&[
        "export",
        "tests/fixtures/valid/mini.ron",
        "--format",
        "json",
    ]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let value: serde_json::Value = serde_json::from_str(&exported.stdout).expect("valid JSON");
    assert_eq!(value["claims"].as_array().map(Vec::len), Some(3));
    assert_eq!(value["relations"].as_array().map(Vec::len), Some(2));
    assert_eq!(value["relations"][0]["from"], "apps-feed-ccp");
    assert_eq!(value["relations"][0]["supports"], "true-security-issues");
    assert!(value["claims"][0].get("supports").is_none());
    assert_eq!(value["actors"][1]["member_of"], "us-gov");
    assert!(
        value["actors"][0].get("member_of").is_none(),
        "empty fields are left out"
    );
}

#[test]
fn import_refuses_to_overwrite_without_force() {
    let (dir, json) = export_bundled("json", &[]);
    let out = dir.path().join("imported");
    let args = [
        "import",
        json.to_str().expect("utf-8"),
        "--from",
        "json",
        "-o",
        out.to_str().expect("utf-8"),
    ];
    assert_eq!(run(&args).code, 0);
    let target = out.join("tiktok-wechat.ron");
    std::fs::write(&target, "// edited by hand\n").expect("write");
    let again = run(&args);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "// edited by hand\n"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(run(&forced).code, 0);
    assert!(
        std::fs::read_to_string(&target)
            .expect("read")
            .starts_with("// Imported by argraph from tiktok-wechat.json")
    );
}

#[test]
fn a_json_mistake_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"actors\": [\n    {\"id\": \"a\", \"name\": \"A\", \"kind\": \"goverment\"}\n  ]\n}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let result = run(&[
        "import",
        bad.to_str().expect("utf-8"),
        "--from",
        "json",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("bad.json:3:"), "{}", result.stderr);
    assert!(
        result.stderr.contains("unknown variant `goverment`"),
        "{}",
        result.stderr
    );
    assert!(
        !out.join("bad.ron").exists(),
        "nothing is written for a broken input"
    );
}

#[test]
fn an_imported_map_with_a_dangling_reference_gets_the_loader_s_diagnostic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("dangling.json");
    std::fs::write(
        &input,
        r#"{"sources": [{"id": "s", "title": "S"}],
            "actors": [{"id": "us-gov", "name": "U.S.", "kind": "government"}],
            "claims": [{"id": "c", "actor": "us-gv", "text": "T", "source": "s"}]}"#,
    )
    .expect("write");
    let out = dir.path().join("out");
    let result = run(&[
        "import",
        input.to_str().expect("utf-8"),
        "--from",
        "json",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("dangling.ron:"), "{}", result.stderr);
    assert!(
        result.stderr.contains("did you mean `us-gov`?"),
        "{}",
        result.stderr
    );
}
