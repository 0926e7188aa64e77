//! `argraph eval` and `argraph explain` on maps, and the exercises shipped in
//! `examples/semantics/`.

use crate::support::run;
use argraph::semantics::Semantics;
use argraph::semantics::bipolar::SupportMode;
use argraph::semantics::map::{evaluate_map, failed_expectations};
use std::path::Path;

const EXAMPLES: [&str; 3] = [
    "examples/semantics/reinstatement.ron",
    "examples/semantics/nixon-diamond.ron",
    "examples/semantics/odd-cycle.ron",
];

fn load(path: &str) -> argraph::model::Map {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    argraph::load::load(&root.join(path))
        .expect("valid map")
        .map
}

#[test]
fn the_example_exercises_pass() {
    for path in EXAMPLES {
        let map = load(path);
        assert!(!map.expectations.is_empty(), "{path} declares exercises");
        let failed = failed_expectations(&map).expect("evaluates");
        assert!(failed.is_empty(), "{path}: {failed:?}");
    }
}

#[test]
fn a_wrong_expectation_is_reported() {
    let mut map = load("examples/semantics/reinstatement.ron");
    let expectation = map.expectations[0].clone();
    let mut wrong = expectation.clone();
    wrong.status = match expectation.status {
        argraph::model::ExpectedStatus::In => argraph::model::ExpectedStatus::Out,
        _ => argraph::model::ExpectedStatus::In,
    };
    map.expectations.push(wrong);
    let failed = failed_expectations(&map).expect("evaluates");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].index, map.expectations.len() - 1);
}

#[test]
fn the_bundled_debate_evaluates_under_every_semantics_and_mode() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("graphs/tiktok-wechat").exists() {
        return;
    }
    let map = load("graphs/tiktok-wechat");
    for mode in [
        SupportMode::None,
        SupportMode::Deductive,
        SupportMode::Necessary,
    ] {
        let grounded = evaluate_map(&map, Semantics::Grounded, mode).expect("evaluates");
        for sem in [Semantics::Complete, Semantics::Preferred, Semantics::Stable] {
            let ev = evaluate_map(&map, sem, mode).expect("evaluates");
            assert_eq!(ev.labels.len(), map.claims.len());
            // Grounded IN is IN in every complete extension, so in every preferred or stable one.
            for (g, l) in grounded.labels.iter().zip(&ev.labels) {
                if *g == argraph::semantics::Label::In && ev.has_extension {
                    assert_eq!(*l, argraph::semantics::Label::In, "{sem} {mode}");
                }
            }
        }
    }
}

#[test]
fn eval_prints_a_table_or_json() {
    let r = run(&[
        "eval",
        "examples/semantics/nixon-diamond.ron",
        "-s",
        "preferred",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = |id: &str| {
        r.stdout
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("make-plans").starts_with("IN "), "{}", r.stdout);
    assert!(line("stay-home").starts_with("OUT "), "{}", r.stdout);
    assert!(line("picnic-in-park").starts_with("UNDEC*"), "{}", r.stdout);
    assert!(
        r.stdout
            .ends_with("preferred semantics, supports none: 1 IN, 1 OUT, 2 UNDEC\n")
    );

    let r = run(&[
        "eval",
        "examples/semantics/odd-cycle.ron",
        "-s",
        "stable",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(json["semantics"], "stable");
    assert_eq!(json["has_extension"], false);
    assert_eq!(json["claims"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["claims"][0]["status"], "UNDEC");
}

#[test]
fn explain_gives_the_reasons_in_words() {
    let r = run(&[
        "explain",
        "examples/semantics/reinstatement.ron",
        "rain-forecast",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("`rain-forecast` is ACCEPTED (IN)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("`forecast-updated` rebuts `forecast-outdated`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("`forecast-updated` is accepted: nothing attacks it."),
        "{}",
        r.stdout
    );

    let r = run(&[
        "explain",
        "examples/semantics/odd-cycle.ron",
        "ana-brings-food",
    ]);
    assert!(r.stdout.contains("odd cycle"), "{}", r.stdout);

    let r = run(&[
        "explain",
        "examples/semantics/nixon-diamond.ron",
        "stay-home",
        "-s",
        "preferred",
    ]);
    assert!(
        r.stdout.contains("REJECTED in every preferred extension"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("rebuts `stay-home`"), "{}", r.stdout);

    // In an odd cycle each claim is in a stage extension that does not defend it: the reason
    // given is stage's, not the admissible-set one.
    let r = run(&[
        "explain",
        "examples/semantics/odd-cycle.ron",
        "ana-brings-food",
        "-s",
        "stage",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("stage extensions that include it do not answer every attack"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("No consistent position that answers"),
        "{}",
        r.stdout
    );
}

#[test]
fn explain_rejects_an_unknown_claim_with_a_hint() {
    let r = run(&[
        "explain",
        "examples/semantics/reinstatement.ron",
        "rain-forcast",
    ]);
    // An unknown id is a mistake in the input, like in every query: exit code 1.
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("did you mean `rain-forecast`"),
        "{}",
        r.stderr
    );
    let r = run(&[
        "eval",
        "examples/semantics/reinstatement.ron",
        "-s",
        "nonsense",
    ]);
    assert_eq!(r.code, 2);
}
