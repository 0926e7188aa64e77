//! `argraph check`: exit codes, summaries, located diagnostics, and hostile input.

use crate::support::{fixture, run};
use argraph::load::{LoadError, load_sources};
use std::path::PathBuf;

fn check(relative: &str) -> crate::support::Run {
    run(&["check", &format!("tests/fixtures/{relative}")])
}

#[test]
fn valid_map_prints_summary_and_exits_zero() {
    let result = check("valid/mini.ron");
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        result.stdout,
        "tests/fixtures/valid/mini.ron: 1 source, 4 actors, 3 claims, 2 relations \
         (1 support, 1 rebuttal, 0 undercuts)\n"
    );
    assert_eq!(result.stderr, "");
}

#[test]
fn the_format_docs_example_is_the_valid_fixture() {
    let docs = std::fs::read_to_string(fixture("../../docs/format.md")).expect("docs");
    let mini = std::fs::read_to_string(fixture("valid/mini.ron")).expect("fixture");
    assert!(
        docs.contains(&mini),
        "docs/format.md must show tests/fixtures/valid/mini.ron"
    );
}

#[test]
fn a_directory_loads_all_files_with_references_across_them() {
    let result = check("multi");
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result
            .stdout
            .contains("2 claims, 1 relation (0 supports, 1 rebuttal")
    );
    // Claims come in sorted path order: claims/china.ron before claims/us.ron.
    let loaded = argraph::load::load(&fixture("multi")).expect("valid");
    let ids: Vec<_> = loaded.map.claims.keys().collect();
    assert_eq!(ids, ["no-spying", "apps-spy"]);
    // A claim without a date takes its source's date.
    let no_spying = &loaded.map.claims["no-spying"];
    assert_eq!(
        no_spying.date.map(|d| d.to_string()).as_deref(),
        Some("2020-09-25")
    );
    let apps_spy = &loaded.map.claims["apps-spy"];
    assert_eq!(
        apps_spy.date.map(|d| d.to_string()).as_deref(),
        Some("2020-08-06")
    );
}

#[test]
fn warnings_are_printed_but_only_fail_when_denied() {
    let result = check("warnings");
    assert_eq!(result.code, 0);
    for code in [
        "unused-source",
        "unused-actor",
        "missing-quote",
        "unrelated-claim",
    ] {
        assert!(
            result.stderr.contains(&format!("warning[{code}]")),
            "{code}"
        );
    }
    let denied = run(&["check", "tests/fixtures/warnings", "--deny-warnings"]);
    assert_eq!(denied.code, 1);
    assert!(
        denied
            .stderr
            .contains("4 warnings denied by --deny-warnings")
    );
    insta::assert_snapshot!("warnings", result.stderr);
}

macro_rules! invalid_fixture {
    ($name:ident, $file:literal, $errors:literal) => {
        #[test]
        fn $name() {
            let result = check(concat!("invalid/", $file));
            assert_eq!(result.code, 1, "{}", result.stderr);
            assert_eq!(result.stdout, "");
            let summary = format!("is not a valid map: {}", $errors);
            assert!(result.stderr.contains(&summary), "{}", result.stderr);
            insta::assert_snapshot!(stringify!($name), result.stderr);
        }
    };
}

invalid_fixture!(
    unknown_references_with_hints,
    "unknown-reference.ron",
    "4 errors"
);
invalid_fixture!(syntax_error, "syntax.ron", "1 error");
invalid_fixture!(truncated_file, "truncated.ron", "1 error");
invalid_fixture!(types_fields_and_sections, "types.ron", "6 errors");
invalid_fixture!(structural_errors, "structure.ron", "9 errors");
invalid_fixture!(question_mistakes, "questions.ron", "8 errors");

#[test]
fn missing_path_is_an_io_error() {
    let result = run(&["check", "tests/fixtures/no-such-map"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("no such file or directory"));
}

#[test]
fn directory_without_maps_is_an_io_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let result = run(&["check", dir.path().to_str().expect("utf-8")]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("holds no .ron files"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(run(&["check"]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
}

/// Loads `text` as one in-memory file and returns the error diagnostics.
fn errors_of(text: &str) -> Vec<argraph::diagnostic::Diagnostic> {
    match load_sources(vec![(PathBuf::from("input.ron"), text.to_owned())]) {
        Ok(_) => Vec::new(),
        Err(LoadError::Invalid { errors, .. }) => errors,
        Err(other) => panic!("unexpected I/O error: {other}"),
    }
}

#[test]
fn every_truncation_of_a_valid_file_is_a_located_error() {
    let text = std::fs::read_to_string(fixture("valid/mini.ron")).expect("fixture");
    // Every cut before the closing parenthesis (what follows it is only whitespace).
    let complete = text.trim_end().len();
    for cut in (0..complete).filter(|&i| text.is_char_boundary(i)) {
        let prefix = &text[..cut];
        let errors = errors_of(prefix);
        assert!(!errors.is_empty(), "a prefix of {cut} bytes was accepted");
        for error in &errors {
            let label = error.primary.as_ref().expect("every error is located");
            assert!(
                label.span.end <= prefix.len(),
                "span past the end at cut {cut}"
            );
        }
    }
}

#[test]
fn empty_and_comment_only_files_are_errors() {
    for text in ["", "   \n\t", "// only a comment\n"] {
        let errors = errors_of(text);
        assert_eq!(errors.len(), 1, "{text:?}");
    }
    assert_eq!(errors_of("").first().map(|e| e.code), Some("empty-file"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for opener in ["(", "[", "{", "(a: "] {
        let text = opener.repeat(100_000);
        let errors = errors_of(&text);
        assert_eq!(errors.len(), 1, "{opener}");
    }
    let balanced = format!("{}{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(errors_of(&balanced).len(), 1);
}

#[test]
fn binary_and_invalid_utf8_files_are_located_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.path().join("binary.ron"), &binary).expect("write");
    let result = run(&[
        "check",
        dir.path().join("binary.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(result.stderr.contains("binary file"), "{}", result.stderr);

    let mut latin1 = b"(actors: [(id: \"a\", name: \"Caf".to_vec();
    latin1.extend([0xE9]); // é in Latin-1
    latin1.extend(b"\", kind: official)])");
    std::fs::write(dir.path().join("latin1.ron"), &latin1).expect("write");
    let result = run(&[
        "check",
        dir.path().join("latin1.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("not valid UTF-8"));
    assert!(
        result.stderr.contains("latin1.ron:1:31"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_fifty_megabyte_file_loads() {
    let note = "x".repeat(50 * 1024 * 1024);
    let text = format!(
        "(sources: [(id: \"s\", title: \"S\")], actors: [(id: \"a\", name: \"A\", kind: other, note: \"{note}\")])"
    );
    let loaded = load_sources(vec![(PathBuf::from("big.ron"), text)]).expect("valid");
    assert_eq!(
        loaded.map.actors["a"].note.as_ref().map(String::len),
        Some(note.len())
    );
    // A 50 MB file of garbage is an error, not a hang.
    let garbage = "@".repeat(50 * 1024 * 1024);
    assert_eq!(errors_of(&garbage).len(), 1);
}

#[test]
fn errors_in_several_files_are_all_reported() {
    let result = load_sources(vec![
        (
            PathBuf::from("a.ron"),
            "(actors: [(id: \"x\", name: \"X\", kind: nope)])".to_owned(),
        ),
        (PathBuf::from("b.ron"), "(claims: [(id: \"c\"".to_owned()),
        (
            PathBuf::from("c.ron"),
            "(actors: [(id: \"y\", name: \"Y\", kind: other, member_of: \"z\")])".to_owned(),
        ),
    ]);
    let Err(LoadError::Invalid { errors, .. }) = result else {
        panic!("expected errors");
    };
    let files: Vec<u32> = errors
        .iter()
        .map(|e| e.primary.as_ref().expect("located").file.0)
        .collect();
    assert_eq!(files, [0, 1, 2]);
}

#[test]
fn failed_exercises_are_located_errors() {
    let result = check("exercises/wrong.ron");
    assert_eq!(result.code, 1);
    assert!(
        result.stdout.contains("; 1 of 2 exercises pass"),
        "{}",
        result.stdout
    );
    assert!(result.stderr.contains("1 exercise failed"));
    insta::assert_snapshot!("failed_exercise", result.stderr);
}

#[test]
fn the_example_exercises_pass() {
    for example in ["nixon-diamond", "odd-cycle", "reinstatement"] {
        let result = run(&["check", &format!("examples/semantics/{example}.ron")]);
        assert_eq!(result.code, 0, "{example}: {}", result.stderr);
        assert!(result.stdout.contains("exercises pass"), "{example}");
    }
}

/// Checks a copy of the three-file map `tests/fixtures/cascade` (as `map`, so that the paths in
/// the output are stable) with `from` replaced by `to` in its `claims.ron`.
fn check_cascade(from: &str, to: &str) -> crate::support::Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = dir.path().join("map");
    std::fs::create_dir(&map).expect("mkdir");
    for name in ["actors.ron", "claims.ron", "relations.ron"] {
        let mut text = std::fs::read_to_string(fixture(&format!("cascade/{name}"))).expect("read");
        if name == "claims.ron" {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(map.join(name), text).expect("write");
    }
    let output = crate::support::argraph()
        .current_dir(dir.path())
        .args(["check", "map"])
        .output()
        .expect("argraph runs");
    crate::support::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn the_cascade_map_is_valid_without_warnings() {
    let result = run(&["check", "tests/fixtures/cascade", "--deny-warnings"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stderr, "");
}

/// One typo in `claims.ron` costs one error. Before, each of these gave the typo's error and six
/// `no claim …` errors in `relations.ron` ("7 errors"), all of them false.
#[test]
fn one_typo_in_a_claims_file_is_one_error() {
    let cases = [
        // A missing comma between two records: read as if it were there, nothing left out.
        (
            "cascade_missing_comma_between_records",
            "source: \"hearing-2024\"),",
            "source: \"hearing-2024\")",
        ),
        // A missing comma between two fields: that record is left out, and the references to
        // it are not checked.
        (
            "cascade_missing_comma_between_fields",
            "\"council\", text",
            "\"council\" text",
        ),
        // A record that cannot be read (a missing colon): left out in the same way.
        (
            "cascade_broken_record",
            "text: \"Most Main",
            "text \"Most Main",
        ),
        // An unclosed string: the rest of the file cannot be read, so nothing of it is loaded,
        // and the note names the ids whose references were not checked.
        (
            "cascade_unclosed_string",
            "quote: \"halves injuries\"",
            "quote: \"halves injuries",
        ),
        // A misspelt section: its records are left out.
        ("cascade_unknown_section", "claims:", "claim:"),
    ];
    for (name, from, to) in cases {
        let result = check_cascade(from, to);
        assert_eq!(result.code, 1, "{name}: {}", result.stderr);
        assert!(
            result.stderr.ends_with("is not a valid map: 1 error\n"),
            "{name}: {}",
            result.stderr
        );
        assert!(!result.stderr.contains("unknown-reference"), "{name}");
        assert!(!result.stderr.contains("warning"), "{name}");
        insta::assert_snapshot!(name, result.stderr);
    }
}

/// A typo after which reading goes on still finds the independent mistakes after it.
#[test]
fn mistakes_after_a_typo_are_still_reported() {
    let result = check_cascade(
        "source: \"hearing-2024\"),\n        (id: \"shops",
        "source: \"hearing-2024\")\n        (id: \"shops-lose-parking\", actor: \"shop-ownrs\", text: \"t\", quote: \"q\", source: \"hearing-2024\"),\n        (id: \"shops",
    );
    assert!(
        result.stderr.contains("is not a valid map: 3 errors"),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("error[syntax]"));
    // The claim written twice, and the misspelt actor (with its hint).
    assert!(result.stderr.contains("error[duplicate-id]"));
    assert!(result.stderr.contains("did you mean `shop-owners`?"));
}

/// A claim left out by a mistake does not make its actor look unused, nor the claims it
/// relates to look isolated: those warnings would be about the gap, not the map.
#[test]
fn a_record_left_out_raises_no_warnings_about_the_others() {
    let text = "(sources: [(id: \"s\", title: \"S\")], \
        actors: [(id: \"a\", name: \"A\", kind: other), (id: \"b\", name: \"B\", kind: other)], \
        claims: [(id: \"x\", actor: \"a\", text: \"t\", quote: \"q\", source: \"s\"), \
                 (id: \"y\", actor: \"b\" text: \"t\", quote: \"q\", source: \"s\", rebuts: [\"x\"])])";
    let Err(LoadError::Invalid {
        errors, warnings, ..
    }) = load_sources(vec![(PathBuf::from("m.ron"), text.to_owned())])
    else {
        panic!("the missing comma is an error");
    };
    let codes: Vec<&str> = errors.iter().map(|e| e.code).collect();
    assert_eq!(codes, ["syntax"]);
    assert!(warnings.is_empty(), "{warnings:?}");
    // Mended, the map loads without a warning.
    let mended = text.replace("\"b\" text", "\"b\", text");
    let loaded = load_sources(vec![(PathBuf::from("m.ron"), mended)]).expect("valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

/// A kind written in quotes lists the kinds, as the bare misspelling does, and says to write it
/// without quotes; a right one in quotes says just that.
#[test]
fn a_quoted_kind_lists_the_kinds() {
    let actor = |kind: &str| {
        format!("(actors: [(id: \"lobby\", name: \"Merchants Association\", kind: {kind})])")
    };
    let help = |kind: &str| -> (String, Vec<String>) {
        let errors = errors_of(&actor(kind));
        assert_eq!(errors.len(), 1, "{kind}: {errors:?}");
        (
            errors[0].help.clone().unwrap_or_default(),
            errors[0].notes.clone(),
        )
    };
    let (quoted, notes) = help("\"business_lobby\"");
    let (bare, _) = help("business_lobby");
    assert!(quoted.contains("without quotes"), "{quoted}");
    assert!(
        quoted.ends_with(bare.trim_start_matches("write one of: ")),
        "{quoted} / {bare}"
    );
    assert!(quoted.contains("ngo, research_lab"), "{quoted}");
    assert!(
        notes.iter().any(|n| n.contains("docs/format.md")),
        "{notes:?}"
    );
    assert_eq!(help("\"ngo\"").0, "write `ngo`, without quotes");
    assert_eq!(
        help("\"gouvernment\"").0.split('?').next(),
        Some("did you mean `government`")
    );
}

/// A relation stated inline and again in `relations` with an id: the advice names the one to
/// keep, the one with the id, and why when an undercut targets it.
#[test]
fn a_relation_stated_twice_says_which_to_keep() {
    let map = |undercut: bool| {
        format!(
            "(sources: [(id: \"s\", title: \"S\")], actors: [(id: \"a\", name: \"A\", kind: other)], \
             claims: [(id: \"x\", actor: \"a\", text: \"t\", source: \"s\", supports: [\"y\"]), \
                      (id: \"y\", actor: \"a\", text: \"t\", source: \"s\"), \
                      (id: \"z\", actor: \"a\", text: \"t\", source: \"s\"{})], \
             relations: [(id: \"x-backs-y\", from: \"x\", supports: \"y\")])",
            if undercut {
                ", undercuts: [\"x-backs-y\"]"
            } else {
                ""
            }
        )
    };
    let helps = |text: &str| -> Vec<String> {
        errors_of(text)
            .iter()
            .filter(|e| e.code == "duplicate-relation")
            .filter_map(|e| e.help.clone())
            .collect()
    };
    assert_eq!(
        helps(&map(true)),
        ["keep the one with the id `x-backs-y` (`z` undercuts it), and remove the other"]
    );
    assert_eq!(
        helps(&map(false)),
        ["remove the one without an id: keep `x-backs-y`, which undercuts can name"]
    );
}

/// One file of a directory map checked alone: the unknown references name the sibling that
/// defines each id, and suggest checking the directory.
#[test]
fn checking_one_file_of_a_map_points_to_its_siblings() {
    let result = check("cascade/relations.ron");
    assert_eq!(result.code, 1);
    let helps: Vec<&str> = result
        .stderr
        .lines()
        .filter(|line| line.contains("= help:"))
        .collect();
    assert_eq!(helps.len(), 6, "{}", result.stderr);
    for help in helps {
        assert!(
            help.contains(
                "is defined in `tests/fixtures/cascade/claims.ron`: check the directory \
                 `tests/fixtures/cascade` to load the whole map"
            ),
            "{help}"
        );
    }
    // Once: the file was checked alone, and two files are beside it.
    assert_eq!(result.stderr.matches("checked alone").count(), 1);
    assert!(
        result
            .stderr
            .contains("the 2 other .ron files in `tests/fixtures/cascade`")
    );
    // The directory is valid; a file with no siblings gets no such note.
    assert_eq!(check("cascade").code, 0);
    let alone = check("invalid/unknown-reference.ron");
    assert!(!alone.stderr.contains("checked alone"), "{}", alone.stderr);
    assert!(!alone.stderr.contains("is defined in"), "{}", alone.stderr);
    // A file in a sub-directory of the map: the directory above is the map.
    let nested = check("multi/claims/us.ron");
    assert!(
        nested
            .stderr
            .contains("`us-gov` is defined in `tests/fixtures/multi/actors.ron`: check the directory `tests/fixtures/multi`"),
        "{}",
        nested.stderr
    );
}
