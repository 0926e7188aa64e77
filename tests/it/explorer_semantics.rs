//! What-if evaluation: `argraph eval --without` (the library's `evaluate_map_without`) against
//! the same map with the claims literally deleted, and the HTML explorer's in-page engine
//! (`assets/explorer/semantics.js`, run in node) against the library.

use crate::support::run;
use argraph::formats::document::{MapDocument, RelationLayout};
use argraph::model::{ClaimIx, Map};
use argraph::semantics::bipolar::SupportMode;
use argraph::semantics::map::{MapEvaluation, evaluate_map, evaluate_map_without};
use argraph::semantics::{Label, Semantics};
use std::collections::HashSet;
use std::path::Path;

const MODES: [SupportMode; 3] = [
    SupportMode::None,
    SupportMode::Deductive,
    SupportMode::Necessary,
];

/// Maps with supports, undercuts (of undercuts, and of supports), cycles and odd cycles.
const FIXTURES: [&str; 6] = [
    "tests/fixtures/queries/map.ron",
    "tests/fixtures/render/tricky.ron",
    "tests/fixtures/valid/mini.ron",
    "examples/semantics/reinstatement.ron",
    "examples/semantics/nixon-diamond.ron",
    "examples/semantics/odd-cycle.ron",
];

const BUNDLED: &str = "graphs/tiktok-wechat";

fn load(path: &str) -> Map {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    argraph::load::load(&root.join(path))
        .expect("valid map")
        .map
}

/// The map with the claims `gone` deleted from its text, as a person would delete them: the
/// claims, every relation from or to them, every undercut of a deleted relation (recursively)
/// and every expectation about them, then read back through the loader.
fn deleted(map: &Map, gone: &[&str]) -> Map {
    let mut document = MapDocument::from_map_with(map, RelationLayout::Section);
    let gone: HashSet<&str> = gone.iter().copied().collect();
    document.claims.retain(|c| !gone.contains(c.id.as_str()));
    document
        .expectations
        .retain(|e| !gone.contains(e.claim.as_str()));
    let mut removed_ids: HashSet<String> = HashSet::new();
    loop {
        let before = document.relations.len();
        document.relations.retain(|r| {
            let target = r
                .supports
                .as_deref()
                .or(r.rebuts.as_deref())
                .unwrap_or_default();
            let keep = !gone.contains(r.from.as_str())
                && !gone.contains(target)
                && r.undercuts
                    .as_deref()
                    .is_none_or(|t| !removed_ids.contains(t));
            if !keep {
                if let Some(id) = &r.id {
                    removed_ids.insert(id.clone());
                }
            }
            keep
        });
        if document.relations.len() == before {
            break;
        }
    }
    document
        .load(Path::new("deleted.ron"))
        .expect("the map with claims deleted loads")
        .map
}

/// Asserts that `what_if` (on `map`) gives every remaining claim the status `reference` (on the
/// map with the claims deleted) gives it, and marks exactly the claims deleted as off.
fn assert_same(map: &Map, what_if: &MapEvaluation, small: &Map, reference: &MapEvaluation) {
    let context = format!(
        "{} {} without {:?}",
        what_if.semantics,
        what_if.support,
        map.claims
            .keys()
            .zip(&what_if.off)
            .filter(|(_, o)| **o)
            .map(|(k, _)| k)
            .collect::<Vec<_>>()
    );
    assert_eq!(what_if.has_extension, reference.has_extension, "{context}");
    for (i, id) in map.claims.keys().enumerate() {
        match small.claim_ix(id) {
            Some(j) => {
                assert_eq!(
                    what_if.status(ClaimIx::new(i)),
                    Some(reference.labels[j.index()]),
                    "{context}: {id}"
                );
                assert_eq!(
                    what_if.credulous[i],
                    reference.credulous[j.index()],
                    "{context}: {id} credulous"
                );
            }
            None => assert_eq!(what_if.status(ClaimIx::new(i)), None, "{context}: {id}"),
        }
    }
}

#[test]
fn without_a_claim_is_the_map_with_the_claim_deleted() {
    for path in FIXTURES {
        let map = load(path);
        for (i, id) in map.claims.keys().enumerate() {
            let small = deleted(&map, &[id]);
            for sem in Semantics::ALL {
                for mode in MODES {
                    let what_if = evaluate_map_without(&map, sem, mode, &[ClaimIx::new(i)])
                        .expect("evaluates");
                    let reference = evaluate_map(&small, sem, mode).expect("evaluates");
                    assert_same(&map, &what_if, &small, &reference);
                }
            }
        }
    }
}

/// On the bundled map: each claim that makes or receives an undercut switched off alone, and a
/// few claims together, under every semantics and support mode.
#[test]
fn without_claims_of_the_bundled_map_is_the_map_with_them_deleted() {
    let map = load(BUNDLED);
    let undercut_claims: Vec<&str> = {
        let mut ids = Vec::new();
        for r in &map.relations {
            if let argraph::model::Target::Relation(x) = r.target {
                let under = &map.relations[x.index()];
                for c in [r.from, under.from] {
                    ids.push(map.claims.get_index(c.index()).expect("claim").0.as_str());
                }
                if let argraph::model::Target::Claim(t) = under.target {
                    ids.push(map.claims.get_index(t.index()).expect("claim").0.as_str());
                }
            }
        }
        ids.dedup();
        ids
    };
    assert!(undercut_claims.len() >= 4, "the bundled map has undercuts");
    let mut cases: Vec<Vec<&str>> = undercut_claims.iter().map(|id| vec![*id]).collect();
    cases.push(undercut_claims.clone());
    cases.push(map.claims.keys().take(10).map(String::as_str).collect());
    for gone in cases {
        let small = deleted(&map, &gone);
        let ix: Vec<ClaimIx> = gone
            .iter()
            .map(|id| map.claim_ix(id).expect("claim"))
            .collect();
        for sem in Semantics::ALL {
            for mode in MODES {
                let what_if = evaluate_map_without(&map, sem, mode, &ix).expect("evaluates");
                let reference = evaluate_map(&small, sem, mode).expect("evaluates");
                assert_same(&map, &what_if, &small, &reference);
            }
        }
    }
}

#[test]
fn eval_without_marks_the_claims_off() {
    let r = run(&[
        "eval",
        "tests/fixtures/render/tricky.ron",
        "--without",
        "audit-weak",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(json["without"], serde_json::json!(["audit-weak"]));
    let claims = json["claims"].as_array().expect("claims");
    let map = load("tests/fixtures/render/tricky.ron");
    let ix = map.claim_ix("audit-weak").expect("claim");
    let expected = evaluate_map_without(&map, Semantics::Grounded, SupportMode::None, &[ix])
        .expect("evaluates");
    for (i, c) in claims.iter().enumerate() {
        let want = match expected.status(ClaimIx::new(i)) {
            Some(l) => l.to_string(),
            None => "OFF".to_string(),
        };
        assert_eq!(c["status"], want.as_str(), "{}", c["id"]);
    }
    assert!(claims.iter().any(|c| c["status"] == "OFF"));

    // Without --without, no `without` key: the JSON is what it was.
    let r = run(&[
        "eval",
        "tests/fixtures/render/tricky.ron",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert!(json.get("without").is_none());

    // A comma list and a repeated flag; the table says which claims are off.
    let r = run(&[
        "eval",
        "tests/fixtures/queries/map.ron",
        "--without",
        "c2,b1",
        "--without",
        "a2-2",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("As if never said (OFF): `a2-2`, `b1`, `c2`.\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with(", 3 OFF\n"), "{}", r.stdout);
}

#[test]
fn eval_without_an_unknown_claim_is_a_located_error_with_a_hint() {
    let r = run(&[
        "eval",
        "tests/fixtures/queries/map.ron",
        "--without",
        "b1,c22",
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: no claim `c22`; did you mean `c2`?\n  --> --without c22, in map tests/fixtures/queries/map.ron\n"
    );
    let r = run(&["eval", "tests/fixtures/queries/map.ron", "--without", "g"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("(`g` is an actor)"), "{}", r.stderr);
}

/// Labels are never read for a claim that is off; the placeholders are documented.
#[test]
fn a_claim_off_has_no_status() {
    let map = load("examples/semantics/reinstatement.ron");
    let ev = evaluate_map_without(
        &map,
        Semantics::Grounded,
        SupportMode::None,
        &[ClaimIx::new(0)],
    )
    .expect("evaluates");
    assert_eq!(ev.status(ClaimIx::new(0)), None);
    assert_eq!(ev.labels[0], Label::Undec);
    assert!(!ev.credulous[0]);
}
