//! Interchange formats: the map document, the RON writer, JSON, AIF and ICCMA exports, and
//! `argraph export` / `argraph import`.

use crate::support::{fixture, run};
use argraph::formats::ron_writer;
use argraph::load::load;
use argraph::schema::MapDocument;
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

fn import(file: &Path, from: &str, out: &Path) -> crate::support::Run {
    run(&[
        "import",
        file.to_str().expect("utf-8"),
        "--from",
        from,
        "-o",
        out.to_str().expect("utf-8"),
    ])
}

#[test]
fn aif_export_then_import_gives_back_an_equal_map() {
    let (dir, aif) = export_bundled("aif", &[]);
    let text = std::fs::read_to_string(&aif).expect("read");
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let map = bundled();
    let count = |kind: &str| {
        value["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .filter(|node| node["type"] == kind)
            .count()
    };
    let relations = |kind| map.relations.iter().filter(|r| r.kind == kind).count();
    use argraph::model::RelationKind::{Rebuts, Supports, Undercuts};
    assert_eq!(count("I"), map.claims.len());
    assert_eq!(count("L"), map.claims.len());
    assert_eq!(count("YA"), map.claims.len());
    assert_eq!(count("RA"), relations(Supports));
    assert_eq!(count("CA"), relations(Rebuts) + relations(Undercuts));
    assert_eq!(
        value["participants"].as_array().map(Vec::len),
        Some(map.actors.len())
    );
    assert_eq!(
        value["locutions"].as_array().map(Vec::len),
        Some(map.claims.len())
    );

    let out = dir.path().join("imported");
    let imported = import(&aif, "aif", &out);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(
        !imported.stderr.contains("aif-not-kept"),
        "{}",
        imported.stderr
    );
    let reloaded = load(&out.join("tiktok-wechat.ron"))
        .expect("imported map loads")
        .map;
    assert_eq!(
        MapDocument::canonical(&reloaded),
        MapDocument::canonical(&map)
    );
}

#[test]
fn aif_keeps_actors_through_locutions_and_undercuts_point_at_the_scheme_node() {
    // mini.ron with an undercut added: `ban-hurts` undercuts the support.
    let text = r#"(
        sources: [(id: "s", title: "S")],
        actors: [(id: "pompeo", name: "Mike Pompeo", kind: official), (id: "hrw", name: "Human Rights Watch", kind: ngo)],
        claims: [
            (id: "a", actor: "pompeo", text: "A.", quote: "a said", source: "s"),
            (id: "b", actor: "pompeo", text: "B.", source: "s"),
            (id: "c", actor: "hrw", text: "C.", source: "s"),
        ],
        relations: [
            (id: "a-for-b", from: "a", supports: "b"),
            (from: "c", undercuts: "a-for-b"),
        ],
    )"#;
    let map = argraph::load::load_sources(vec![("m.ron".into(), text.to_owned())])
        .expect("loads")
        .map;
    let value: serde_json::Value =
        serde_json::from_str(&argraph::formats::aif::to_string(&map)).expect("JSON");
    let nodes = value["nodes"].as_array().expect("nodes");
    let edges = value["edges"].as_array().expect("edges");
    let node = |id: &serde_json::Value| {
        nodes
            .iter()
            .find(|n| &n["nodeID"] == id)
            .expect("edge ends are nodes")
    };
    let into = |id: &serde_json::Value| -> Vec<&serde_json::Value> {
        edges
            .iter()
            .filter(|e| &e["toID"] == id)
            .map(|e| node(&e["fromID"]))
            .collect()
    };
    // Claim c: I-node ← YA "Asserting" ← L-node, whose locution names HRW's participant.
    let c = nodes
        .iter()
        .find(|n| n["text"] == "C.")
        .expect("I-node of c");
    assert_eq!(c["type"], "I");
    let ya = into(&c["nodeID"]);
    assert_eq!(ya.len(), 1);
    assert_eq!(ya[0]["type"], "YA");
    assert_eq!(ya[0]["text"], "Asserting");
    let l = into(&ya[0]["nodeID"]);
    assert_eq!(l[0]["type"], "L");
    assert_eq!(l[0]["text"], "Human Rights Watch : C.");
    let locution = value["locutions"]
        .as_array()
        .expect("locutions")
        .iter()
        .find(|loc| loc["nodeID"] == l[0]["nodeID"])
        .expect("a locution for the L-node");
    let participant = value["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .find(|p| p["participantID"] == locution["personID"])
        .expect("the locution's person is a participant");
    assert_eq!(participant["firstname"], "Human");
    assert_eq!(participant["surname"], "Rights Watch");
    // The quote is what the L-node says.
    let a_l = nodes
        .iter()
        .find(|n| n["type"] == "L" && n["text"] == "Mike Pompeo : a said");
    assert!(a_l.is_some(), "{nodes:?}");
    // The undercut: c → CA → RA (the support a → RA → b).
    let ra = nodes.iter().find(|n| n["type"] == "RA").expect("RA-node");
    let into_ra = into(&ra["nodeID"]);
    let kinds: Vec<&str> = into_ra.iter().filter_map(|n| n["type"].as_str()).collect();
    assert_eq!(kinds, ["I", "CA"]);
    let ca = into_ra[1];
    assert_eq!(into(&ca["nodeID"])[0]["text"], "C.");
    // And back: the same map.
    let imported = argraph::formats::aif::from_str(&argraph::formats::aif::to_string(&map), "m")
        .expect("reads");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let reloaded = imported
        .document
        .load(Path::new("m.ron"))
        .expect("loads")
        .map;
    assert_eq!(
        MapDocument::canonical(&reloaded),
        MapDocument::canonical(&map)
    );
}

#[test]
fn a_hand_written_aifdb_file_imports_with_warnings_for_what_argraph_cannot_keep() {
    let dir = tempfile::tempdir().expect("tempdir");
    let result = import(&fixture("formats/uniforms.aifdb.json"), "aif", dir.path());
    assert_eq!(result.code, 0, "{}", result.stderr);
    let map = load(&dir.path().join("uniforms.aifdb.ron"))
        .expect("loads")
        .map;
    let names: Vec<&str> = map.actors.values().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Alice Smith", "Bob Jones"]);
    let claim = |text: &str| {
        map.claims
            .values()
            .find(|c| c.text == text)
            .unwrap_or_else(|| panic!("claim {text}"))
    };
    let actor_of = |text: &str| map.actor(claim(text).actor).name.as_str();
    assert_eq!(actor_of("Schools should require uniforms."), "Alice Smith");
    assert_eq!(
        actor_of("Bullies pick on other differences instead."),
        "Bob Jones"
    );
    assert_eq!(
        claim("Uniforms reduce bullying.").quote.as_deref(),
        Some("they reduce bullying")
    );
    // One support, one rebuttal, the rephrase (MA) as a support each way, one undercut of
    // the support.
    let described: Vec<String> = map
        .relations
        .iter()
        .map(|r| {
            let target = match r.target {
                argraph::model::Target::Claim(c) => map.claim(c).text.clone(),
                argraph::model::Target::Relation(t) => format!("[{}]", map.relation(t).kind),
            };
            format!("{} {} {}", map.claim(r.from).text, r.kind, target)
        })
        .collect();
    assert_eq!(
        described,
        [
            "Uniforms reduce bullying. supports Schools should require uniforms.",
            "Uniforms are expensive for poor families. rebuts Schools should require uniforms.",
            "Uniforms make schools safer. supports Uniforms reduce bullying.",
            "Uniforms reduce bullying. supports Uniforms make schools safer.",
            "Bullies pick on other differences instead. undercuts [supports]",
        ]
    );
    // The TA and the YA anchoring the inference are reported at their nodes.
    for (node, line) in [("TA-node `16`", 18), ("YA-node `17`", 19)] {
        assert!(result.stderr.contains(node), "{node}: {}", result.stderr);
        let location = format!("uniforms.aifdb.json:{line}:16");
        assert!(
            result.stderr.contains(&location),
            "{location}: {}",
            result.stderr
        );
    }
    assert_eq!(
        result.stderr.matches("warning[aif-not-kept]").count(),
        2,
        "{}",
        result.stderr
    );
}

#[test]
fn an_xaif_file_with_numeric_ids_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let result = import(&fixture("formats/uniforms.xaif.json"), "aif", dir.path());
    assert_eq!(result.code, 0, "{}", result.stderr);
    let map = load(&dir.path().join("uniforms.xaif.ron"))
        .expect("loads")
        .map;
    assert_eq!(map.claims.len(), 3);
    // Participant 0 is "Speaker 1"; person 1 has no participant record and gets a name.
    let names: Vec<&str> = map.actors.values().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Speaker 1", "Person 1"]);
    let kinds: Vec<_> = map.relations.iter().map(|r| r.kind).collect();
    use argraph::model::RelationKind::{Rebuts, Supports};
    assert_eq!(kinds, [Supports, Rebuts]);
}

#[test]
fn a_file_that_is_not_aif_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"nodes\": [\n  {\"nodeID\": \"1\", \"text\": \"x\"\n]}\n",
    )
    .expect("write");
    let result = import(&bad, "aif", &dir.path().join("out"));
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("bad.json:3:1"), "{}", result.stderr);
    std::fs::write(&bad, "{\"nodes\": [{\"nodeID\": \"1\", \"text\": \"x\"}]}").expect("write");
    let result = import(&bad, "aif", &dir.path().join("out"));
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("missing field `type`"),
        "{}",
        result.stderr
    );
}

/// The claims `eval --format json` labels IN under grounded semantics, as 1-based numbers.
fn grounded_in(map: &str, support: &str) -> Vec<usize> {
    let eval = run(&["eval", map, "--support", support, "--format", "json"]);
    assert_eq!(eval.code, 0, "{}", eval.stderr);
    let value: serde_json::Value = serde_json::from_str(&eval.stdout).expect("JSON");
    value["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .enumerate()
        .filter(|(_, claim)| claim["status"] == "IN")
        .map(|(i, _)| i + 1)
        .collect()
}

/// The arguments `solve -p SE-GR` puts in the grounded extension of an ICCMA file.
fn solved_grounded(file: &Path) -> Vec<usize> {
    let solved = run(&["solve", "-p", "SE-GR", "-f", file.to_str().expect("utf-8")]);
    assert_eq!(solved.code, 0, "{}", solved.stderr);
    let line = solved.stdout.trim();
    let numbers = line.strip_prefix('w').expect("a witness line `w ...`");
    let mut args: Vec<usize> = numbers
        .split_whitespace()
        .map(|n| n.parse().expect("numbers"))
        .collect();
    args.sort_unstable();
    args
}

#[test]
fn iccma_export_gives_solve_the_grounded_extension_eval_finds() {
    let n_claims = bundled().claims.len();
    for support in ["none", "deductive", "necessary"] {
        let (_dir, file) = export_bundled("iccma", &["--support", support]);
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(text.lines().any(|l| l.starts_with("p af ")), "{text}");
        assert!(text.contains("# 1 "), "the legend names argument 1: {text}");
        let claims_in: Vec<usize> = solved_grounded(&file)
            .into_iter()
            .filter(|&a| a <= n_claims)
            .collect();
        assert_eq!(
            claims_in,
            grounded_in("graphs/tiktok-wechat", support),
            "{support}"
        );
        assert!(!claims_in.is_empty());
    }
}

#[test]
fn iccma_export_of_an_undercut_adds_auxiliary_arguments_with_a_legend() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = dir.path().join("m.ron");
    // c rebuts b, a undercuts that rebuttal: grounded, a and b are IN, c too (unattacked).
    std::fs::write(
        &map,
        r#"(
            sources: [(id: "s", title: "S")],
            actors: [(id: "x", name: "X", kind: other)],
            claims: [
                (id: "a", actor: "x", text: "A", quote: "a", source: "s", undercuts: ["c-b"]),
                (id: "b", actor: "x", text: "B", quote: "b", source: "s"),
                (id: "c", actor: "x", text: "C", quote: "c", source: "s"),
            ],
            relations: [(id: "c-b", from: "c", rebuts: "b")],
        )"#,
    )
    .expect("write");
    let map = map.to_str().expect("utf-8");
    let exported = run(&["export", map, "--format", "iccma"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    insta::assert_snapshot!(exported.stdout);
    let file = dir.path().join("m.af");
    std::fs::write(&file, &exported.stdout).expect("write");
    let claims_in: Vec<usize> = solved_grounded(&file)
        .into_iter()
        .filter(|&a| a <= 3)
        .collect();
    assert_eq!(claims_in, grounded_in(map, "none"));
    assert_eq!(claims_in, [1, 2, 3]);
}

#[test]
fn support_is_refused_for_formats_other_than_iccma() {
    let result = run(&[
        "export",
        "graphs/tiktok-wechat",
        "--format",
        "json",
        "--support",
        "deductive",
    ]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("--support applies only to --format iccma")
    );
}

#[test]
fn the_json_example_of_the_docs_imports_into_a_valid_map() {
    let docs = std::fs::read_to_string(fixture("../../docs/formats.md")).expect("docs");
    let json_section = docs.split("\n## JSON\n").nth(1).expect("a JSON section");
    let example = json_section
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a JSON example");
    let imported =
        argraph::formats::json::from_str(example).unwrap_or_else(|e| panic!("{:?}", e.errors));
    let map = imported
        .document
        .load(Path::new("example.ron"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map;
    assert_eq!(
        (
            map.sources.len(),
            map.actors.len(),
            map.claims.len(),
            map.relations.len()
        ),
        (1, 3, 2, 1)
    );
    assert_eq!(map.expectations.len(), 1);
}

#[test]
fn the_iccma_example_of_the_docs_is_what_export_writes() {
    let docs = std::fs::read_to_string(fixture("../../docs/formats.md")).expect("docs");
    let snapshot = std::fs::read_to_string(fixture(
        "../it/snapshots/it__formats__iccma_export_of_an_undercut_adds_auxiliary_arguments_with_a_legend.snap",
    ))
    .expect("snapshot");
    let body = snapshot.splitn(3, "---\n").nth(2).expect("snapshot body");
    assert!(
        docs.contains(body.trim_end()),
        "docs/formats.md must show:\n{body}"
    );
}
