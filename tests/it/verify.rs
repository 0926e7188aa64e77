//! `argraph verify`: quotes checked against archived sources, with located failures, the closest
//! passage as a hint, missing archives, and exit codes.

use crate::support::run;
use argraph::load::load_sources;
use argraph::verify::{Archive, verify_with};
use std::path::PathBuf;

const SOURCES: &str = "tests/fixtures/verify/sources";

fn verify(map: &str) -> crate::support::Run {
    run(&[
        "verify",
        &format!("tests/fixtures/verify/{map}"),
        "--sources",
        SOURCES,
    ])
}

#[test]
fn quotes_found_despite_markup_quote_styles_dashes_and_whitespace() {
    let result = verify("pass.ron");
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        result.stdout,
        "tests/fixtures/verify/pass.ron: verified 3 quotes in 2 sources\n"
    );
    assert_eq!(result.stderr, "");
}

#[test]
fn a_quote_not_found_is_located_with_the_closest_passage() {
    let result = verify("bad-quote.ron");
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert_eq!(
        result.stdout,
        "tests/fixtures/verify/bad-quote.ron: verified 3 quotes in 1 source\n"
    );
    let stderr = &result.stderr;
    assert_eq!(
        stderr.matches("error[quote-not-found]").count(),
        3,
        "{stderr}"
    );
    assert!(
        stderr.contains("tests/fixtures/verify/bad-quote.ron:10:20"),
        "{stderr}"
    );
    assert!(
        stderr.contains("These are true national security issues."),
        "the hint shows the real passage: {stderr}"
    );
    // Case matters: the closest passage is the capitalised original.
    assert!(stderr.contains("Chinese Communist Party"), "{stderr}");
    assert!(stderr.ends_with("error: 3 quotes not found\n"), "{stderr}");
    insta::assert_snapshot!("bad_quote", stderr);
}

#[test]
fn a_missing_archive_is_an_error_at_its_source() {
    let result = verify("missing-archive.ron");
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert_eq!(
        result.stdout,
        "tests/fixtures/verify/missing-archive.ron: verified 1 quote in 1 source\n"
    );
    let stderr = &result.stderr;
    assert!(stderr.contains("error[missing-archive]"), "{stderr}");
    assert!(
        stderr.contains("archive `lost.html` of source `lost` not found"),
        "{stderr}"
    );
    assert!(
        stderr.contains("tests/fixtures/verify/missing-archive.ron:5:56"),
        "{stderr}"
    );
    assert!(stderr.ends_with("error: 1 archive missing\n"), "{stderr}");
    insta::assert_snapshot!("missing_archive", stderr);
}

#[test]
fn usage_and_io_errors_exit_two() {
    let no_dir = run(&[
        "verify",
        "tests/fixtures/verify/pass.ron",
        "--sources",
        "tests/fixtures/verify/no-such-dir",
    ]);
    assert_eq!(no_dir.code, 2, "{}", no_dir.stderr);
    assert!(no_dir.stderr.contains("cannot read sources directory"));

    let not_a_dir = run(&[
        "verify",
        "tests/fixtures/verify/pass.ron",
        "--sources",
        "tests/fixtures/verify/pass.ron",
    ]);
    assert_eq!(not_a_dir.code, 2, "{}", not_a_dir.stderr);
    assert!(not_a_dir.stderr.contains("is not a directory"));

    let no_sources_flag = run(&["verify", "tests/fixtures/verify/pass.ron"]);
    assert_eq!(no_sources_flag.code, 2, "{}", no_sources_flag.stderr);
    assert!(no_sources_flag.stderr.contains("--sources"));

    let no_map = run(&[
        "verify",
        "tests/fixtures/verify/nothing.ron",
        "--sources",
        SOURCES,
    ]);
    assert_eq!(no_map.code, 2, "{}", no_map.stderr);
}

#[test]
fn an_invalid_map_is_reported_like_check_does() {
    let result = run(&[
        "verify",
        "tests/fixtures/invalid/unknown-reference.ron",
        "--sources",
        SOURCES,
    ]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("error[unknown-reference]"));
    assert_eq!(result.stdout, "");
}

#[test]
fn the_library_reads_archives_through_a_callback() {
    let map = r#"(
        sources: [
            (id: "a", title: "A", archive: "a.html"),
            (id: "b", title: "B"),
            (id: "c", title: "C", archive: "c.html"),
        ],
        actors: [(id: "x", name: "X", kind: other)],
        claims: [
            (id: "a1", actor: "x", text: "T.", quote: "It’s here", source: "a"),
            (id: "a2", actor: "x", text: "T.", quote: "not there", source: "a", supports: ["a1"]),
            (id: "b1", actor: "x", text: "T.", quote: "unverifiable", source: "b", supports: ["a1"]),
            (id: "c1", actor: "x", text: "T.", source: "c", supports: ["a1"]),
        ],
    )"#;
    let loaded = load_sources(vec![(PathBuf::from("map.ron"), map.to_owned())]).expect("valid");
    let mut asked = Vec::new();
    let report = verify_with(&loaded.map, |archive| {
        asked.push(archive.to_owned());
        Ok(match archive {
            "a.html" => Archive::Text("<p>It&rsquo;s <b>here</b>.</p>".to_owned()),
            _ => Archive::Missing,
        })
    })
    .expect("no I/O error");
    assert_eq!(asked, ["a.html", "c.html"]);
    assert_eq!(report.checked, 2);
    assert_eq!(report.not_found, 1);
    assert_eq!(report.sources_read, 1);
    assert_eq!(report.missing_archives, 1);
    assert!(!report.passed());
    let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["quote-not-found", "no-archive", "missing-archive"]);
    assert!(
        !report.diagnostics[1].is_error(),
        "no archive is only a warning"
    );

    let failing = verify_with(&loaded.map, |_| Err("permission denied".to_owned()));
    let error = failing.expect_err("an unreadable archive is an error");
    assert_eq!(
        error.to_string(),
        "cannot read archive `a.html`: permission denied"
    );
}
