//! Argdown's own command-line tool (`@argdown/cli` 1.7.5, on npm) reads argraph's Argdown
//! export of the bundled map without errors, and finds in it what the map holds.
//!
//! The tool is found through `ARGDOWN_CLI` (the path of the `argdown` binary) or at
//! `.ci/node/node_modules/.bin/argdown` (where `.ci/run` installs it). Without it, each test
//! says so on stderr and passes.

use argraph::model::{Map, RelationKind, Target};
use std::path::{Path, PathBuf};
use std::process::Command;

fn argdown_cli() -> Option<PathBuf> {
    let path = match std::env::var_os("ARGDOWN_CLI") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node/node_modules/.bin/argdown"),
    };
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: Argdown's CLI not found at {} (set ARGDOWN_CLI, or run `npm install --prefix .ci/node @argdown/cli@1.7.5`)",
            path.display()
        );
        None
    }
}

fn bundled_map() -> Map {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/tiktok-wechat");
    argraph::load::load(&path)
        .expect("the bundled map loads")
        .map
}

/// Writes the bundled map's Argdown export to a temporary directory.
fn export(map: &Map) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("tiktok-wechat.argdown");
    std::fs::write(&file, argraph::formats::argdown::to_string(map)).expect("export written");
    (dir, file)
}

/// Runs `argdown json` on the export of `map`; fails the test on any Argdown error.
fn argdown_json(cli: &Path, map: &Map) -> serde_json::Value {
    let (_dir, file) = export(map);
    let output = Command::new(cli)
        .arg("json")
        .arg(&file)
        .arg("--stdout")
        .output()
        .expect("argdown runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "argdown json failed:\n{stderr}\n{stdout}"
    );
    assert!(
        !stderr.to_lowercase().contains("error"),
        "argdown reported:\n{stderr}"
    );
    // The JSON document comes first; a success message may follow it.
    let json: serde_json::Value = serde_json::Deserializer::from_str(&stdout)
        .into_iter()
        .next()
        .expect("argdown printed JSON")
        .expect("argdown's JSON parses");
    json
}

/// One Argdown statement per claim, titled from its id, whose text, hashtags, actor and quote
/// are the claim's.
fn assert_claims_read_intact(map: &Map, json: &serde_json::Value) {
    let statements = json["statements"].as_object().expect("statements");
    assert_eq!(
        statements.len(),
        map.claims.len(),
        "one Argdown statement per claim"
    );
    for claim in map.claims.values() {
        let title = argraph::formats::argdown::claim_title(&claim.id);
        let statement = &statements[&title];
        // The definition, not a reference in a relation line.
        let text = statement["members"]
            .as_array()
            .and_then(|members| members.iter().find(|m| m["isReference"] != true))
            .and_then(|m| m["text"].as_str())
            .unwrap_or_default();
        // Argdown's text is the claim's, followed by the claim's hashtags.
        let written = claim.text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.starts_with(&written),
            "Argdown reads `{title}` as {text:?}, not {written:?}"
        );
        let tags: Vec<&str> = statement["tags"]
            .as_array()
            .map(|tags| tags.iter().filter_map(|t| t.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(tags, claim.tags, "hashtags of `{title}`");
        assert_eq!(
            statement["data"]["actor"].as_str(),
            Some(map.actor(claim.actor).id.as_str()),
            "actor of `{title}`"
        );
        assert_eq!(statement["data"]["quote"].as_str(), claim.quote.as_deref());
        assert_eq!(statement["data"]["note"].as_str(), claim.note.as_deref());
    }
}

#[test]
fn argdown_reads_texts_full_of_its_own_syntax_as_written() {
    let Some(cli) = argdown_cli() else { return };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/escaping.ron");
    let map = argraph::load::load(&path).expect("fixture loads").map;
    let json = argdown_json(&cli, &map);
    assert_claims_read_intact(&map, &json);
    // The actor headings, with names full of syntax, are the sections.
    let sections: Vec<&str> = json["sections"]
        .as_array()
        .map(|s| s.iter().filter_map(|s| s["title"].as_str()).collect())
        .unwrap_or_default();
    let names: Vec<&str> = map.actors.values().map(|a| a.name.as_str()).collect();
    assert_eq!(sections[..names.len()], names[..]);
}

#[test]
fn argdown_reads_the_bundled_map_with_every_claim_and_relation() {
    let Some(cli) = argdown_cli() else { return };
    let map = bundled_map();
    let json = argdown_json(&cli, &map);
    assert_claims_read_intact(&map, &json);

    // Argdown's relations: rebuttals are attacks, undercuts are undercuts, supports are
    // supports, plus one support per undercut relation (written as an argument) from its source.
    let count = |kind: RelationKind| map.relations.iter().filter(|r| r.kind == kind).count();
    let undercut_targets = map
        .relations
        .iter()
        .filter_map(|r| match r.target {
            Target::Relation(target) => Some(target),
            Target::Claim(_) => None,
        })
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let relations = json["relations"].as_array().expect("relations");
    let of_type = |name: &str| {
        relations
            .iter()
            .filter(|r| r["relationType"] == name)
            .count()
    };
    assert_eq!(of_type("attack"), count(RelationKind::Rebuts));
    assert_eq!(of_type("undercut"), count(RelationKind::Undercuts));
    assert_eq!(
        of_type("support"),
        count(RelationKind::Supports) + undercut_targets
    );
    assert_eq!(
        json["arguments"].as_object().map(|a| a.len()),
        Some(undercut_targets)
    );
    // One group (section) per actor, at least: every actor heading is a section.
    assert!(
        json["sections"]
            .as_array()
            .is_some_and(|s| s.len() >= map.actors.len())
    );
}

#[test]
fn argdown_draws_the_bundled_map() {
    let Some(cli) = argdown_cli() else { return };
    let map = bundled_map();
    let (_dir, file) = export(&map);
    let output = Command::new(&cli)
        .args(["map"])
        .arg(&file)
        .args(["--format", "dot", "--stdout", "--silent"])
        .output()
        .expect("argdown runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "argdown map failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.starts_with("digraph"),
        "not DOT: {}",
        &stdout[..stdout.len().min(200)]
    );
    // One cluster per actor with claims: the groups are drawn.
    let actors_with_claims = map
        .actor_indices()
        .filter(|&a| map.claims.values().any(|c| c.actor == a))
        .count();
    let clusters = stdout.matches("subgraph cluster_").count();
    assert!(
        clusters >= actors_with_claims,
        "{clusters} clusters for {actors_with_claims} actors"
    );
}
