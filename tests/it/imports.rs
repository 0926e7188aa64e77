//! `argraph import` beyond Argdown: the format inferred from the file's name, Kialo
//! discussions, and AIF corpora.

use crate::support::run;

#[test]
fn import_infers_the_format_from_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("utf-8 path");
    let json = dir.path().join("tiktok-wechat.json");
    let exported = run(&[
        "export",
        "graphs/tiktok-wechat",
        "--format",
        "json",
        "-o",
        json.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    for (file, wrote) in [
        ("tests/fixtures/formats/debate.argdown", "6 claims"),
        // A `.json` that holds AIF nodes is AIF; argraph's own JSON is argraph's.
        ("tests/fixtures/formats/uniforms.xaif.json", "3 claims"),
        ("tests/fixtures/formats/uniforms.aifdb.json", "claims"),
        (json.to_str().expect("utf-8 path"), " claims"),
    ] {
        let result = run(&["import", file, "-o", out]);
        assert_eq!(result.code, 0, "{file}: {}", result.stderr);
        assert!(result.stderr.contains(wrote), "{file}: {}", result.stderr);
    }
    let unknown = run(&["import", "Cargo.toml", "-o", out]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("pass --from"), "{}", unknown.stderr);
}

/// Imports a Kialo fixture through the library and checks the map like `check` does.
fn kialo(name: &str) -> argraph::formats::Import {
    let text = std::fs::read_to_string(crate::support::fixture(&format!("formats/kialo/{name}")))
        .expect("fixture");
    let imported = argraph::formats::kialo::from_str(&text).expect("imports");
    if let Err(error) = imported.document.load(std::path::Path::new("kialo.ron")) {
        panic!("{name}: the imported map does not check: {error:?}");
    }
    imported
}

#[test]
fn a_kialo_export_with_crlf_links_and_footnotes_imports() {
    let imported = kialo("cities.txt");
    let document = &imported.document;
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    // Every claim but the two `-> See` links is a claim, texts without their footnote marks.
    let ids: Vec<&str> = document.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "kialo-1",
            "kialo-1-1",
            "kialo-1-1-1",
            "kialo-1-1-2",
            "kialo-1-2",
            "kialo-1-2-2",
            "kialo-1-3",
            "kialo-1-3-1"
        ]
    );
    let claim = |id: &str| document.claims.iter().find(|c| c.id == id).expect("claim");
    assert_eq!(
        claim("kialo-1-1-2").text,
        "Cleaner air in the centre lowers hospital admissions for asthma (p. 12)."
    );
    // Footnotes are sources, with the excerpt as the claim's quote.
    assert_eq!(claim("kialo-1-1").source, "kialo-source-1");
    assert_eq!(
        claim("kialo-1-1").quote.as_deref(),
        Some("nitrogen dioxide levels fell by 32 percent")
    );
    assert_eq!(claim("kialo-1-2").source, "kialo-discussion");
    assert!(
        claim("kialo-1-3-1")
            .note
            .as_deref()
            .is_some_and(|n| n.contains("[1]"))
    );
    let source = document
        .sources
        .iter()
        .find(|s| s.id == "kialo-source-2")
        .expect("source");
    assert_eq!(
        source.url.as_deref(),
        Some("https://example.org/ring-road-study")
    );
    // Pro supports, Con rebuts; a link is a relation from the linked claim.
    let relations: Vec<(String, &str, String)> = document
        .relations
        .iter()
        .map(|r| {
            let (kind, target) = r.kind_and_target().expect("kind");
            (r.from.clone(), kind.as_str(), target.to_owned())
        })
        .collect();
    for expected in [
        ("kialo-1-1", "supports", "kialo-1"),
        ("kialo-1-1-1", "rebuts", "kialo-1-1"),
        ("kialo-1-2", "rebuts", "kialo-1"),
        ("kialo-1-3-1", "rebuts", "kialo-1-2"),
        ("kialo-1-1-1", "rebuts", "kialo-1"),
    ] {
        let expected = (expected.0.to_owned(), expected.1, expected.2.to_owned());
        assert!(
            relations.contains(&expected),
            "{expected:?} in {relations:?}"
        );
    }
    assert_eq!(relations.len(), 9);
    // One actor for the whole discussion, which says why.
    assert_eq!(document.actors.len(), 1);
    assert!(
        document.actors[0]
            .note
            .as_deref()
            .is_some_and(|n| n.contains("names no authors"))
    );
}

#[test]
fn an_older_kialo_export_with_texts_on_the_numbered_lines_imports() {
    let imported = kialo("remote-work.txt");
    let document = &imported.document;
    assert_eq!(document.claims.len(), 5);
    assert_eq!(
        document.claims[0].text,
        "Remote work is better for employees than working in an office."
    );
    assert_eq!(
        document.sources[0].title,
        "Is remote work better for employees?"
    );
    assert_eq!(document.relations.len(), 5);
}

#[test]
fn kialo_import_through_the_cli_infers_the_format_and_passes_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("utf-8 path");
    let result = run(&[
        "import",
        "tests/fixtures/formats/kialo/cities.txt",
        "-o",
        out,
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("8 claims, 9 relations"),
        "{}",
        result.stderr
    );
    let written = std::fs::read_to_string(dir.path().join("cities.ron")).expect("written");
    assert!(written.contains("Kialo's export names no authors"));
    let checked = run(&["check", out]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
}

#[test]
fn a_file_that_is_not_a_kialo_export_is_a_located_error() {
    let bad = argraph::formats::kialo::from_str("Hello\n1. A claim\n").expect_err("not Kialo");
    assert_eq!(bad.errors.len(), 1);
    assert!(bad.errors[0].message.contains("Discussion Title"));
    let label = bad.errors[0].primary.as_ref().expect("located");
    assert_eq!(label.span, 0..5);
    // A link to a claim that is not there is a located warning, and the rest imports.
    let text =
        "Discussion Title: T\r\n\r\n1. Thesis:\r\n   A.\r\n   1.1. Con:\r\n      -> See 1.9.\r\n";
    let imported = argraph::formats::kialo::from_str(text).expect("imports");
    assert_eq!(imported.document.claims.len(), 1);
    assert_eq!(imported.warnings.len(), 1);
    assert!(
        imported.warnings[0]
            .message
            .contains("not in the discussion")
    );
}

#[test]
fn a_directory_of_aif_node_sets_imports_into_one_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("utf-8 path");
    let result = run(&["import", "tests/fixtures/formats/aif-corpus", "-o", out]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    // Warnings are located in the node set they are about.
    assert!(
        result.stderr.contains("aif-corpus/10003.json:10:16"),
        "{}",
        result.stderr
    );
    let map = argraph::load::load(&dir.path().join("aif-corpus.ron"))
        .expect("the corpus map checks")
        .map;
    // A source per node set; Alice Smith, who speaks in two node sets, is one actor.
    let sources: Vec<&str> = map.sources.values().map(|s| s.id.as_str()).collect();
    assert_eq!(sources, ["nodeset-10001", "nodeset-10002", "nodeset-10003"]);
    let alice: Vec<_> = map
        .actors
        .values()
        .filter(|a| a.name == "Alice Smith")
        .collect();
    assert_eq!(alice.len(), 1);
    let said_by_alice = map
        .claims
        .values()
        .filter(|c| map.actor(c.actor).name == "Alice Smith")
        .map(|c| map.source(c.source).id.as_str())
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(
        said_by_alice.into_iter().collect::<Vec<_>>(),
        ["nodeset-10001", "nodeset-10003"]
    );
    // The same text in two node sets is two claims (as in AIF), with distinct ids.
    let bullying: Vec<&str> = map
        .claims
        .values()
        .filter(|c| c.text == "Uniforms reduce bullying.")
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        bullying,
        ["uniforms-reduce-bullying", "uniforms-reduce-bullying-2"]
    );
    // The rephrase (MA) of node set 10003 is a support each way between its two claims.
    let rephrases = map
        .relations
        .iter()
        .filter(|r| {
            r.note
                .as_deref()
                .is_some_and(|n| n.contains("MA-node `307`"))
        })
        .count();
    assert_eq!(rephrases, 2);
    assert_eq!(map.claims.len(), 10);
}

#[test]
fn a_broken_node_set_is_left_out_of_a_corpus_with_its_located_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("dir");
    std::fs::copy(
        "tests/fixtures/formats/aif-corpus/10003.json",
        corpus.join("1.json"),
    )
    .expect("copied");
    std::fs::write(corpus.join("2.json"), "{\"nodes\": [").expect("written");
    let out = dir.path().join("out");
    let result = run(&[
        "import",
        corpus.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stderr.contains("2.json:1:"), "{}", result.stderr);
    assert!(result.stderr.contains("is left out"), "{}", result.stderr);
    assert!(result.stderr.contains("2 claims"), "{}", result.stderr);
    // A directory is only ever an AIF corpus.
    let refused = run(&[
        "import",
        corpus.to_str().expect("utf-8"),
        "--from",
        "argdown",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}
