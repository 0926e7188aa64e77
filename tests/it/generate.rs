//! `argraph generate`: valid, deterministic, realistically shaped maps.

use argraph::generate::{GenerateOptions, generate};
use argraph::load::load_sources;
use argraph::model::Target;
use std::path::PathBuf;

fn options(claims: usize, seed: u64) -> GenerateOptions {
    GenerateOptions {
        claims,
        actors: 40,
        seed,
        claims_per_file: 700,
    }
}

fn load(options: &GenerateOptions) -> argraph::load::Loaded {
    let files = generate(options)
        .map(|file| (PathBuf::from(file.name), file.text))
        .collect();
    match load_sources(files) {
        Ok(loaded) => loaded,
        Err(error) => panic!("generated map is invalid:\n{error}"),
    }
}

#[test]
fn generated_maps_are_valid_and_split_over_files() {
    let options = options(3000, 9);
    let loaded = load(&options);
    let map = &loaded.map;
    assert_eq!(map.claims.len(), 3000);
    assert_eq!(map.actors.len(), 40);
    // sources.ron, actors.ron and ceil(3000 / 700) = 5 claims files.
    assert_eq!(map.files.len(), 7);
    assert!(map.actors.values().any(|a| a.member_of.is_some()));
    assert!(map.actors.values().any(|a| a.member_of.is_none()));
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let first: Vec<_> = generate(&options(500, 4)).collect();
    let again: Vec<_> = generate(&options(500, 4)).collect();
    let other: Vec<_> = generate(&options(500, 5)).collect();
    assert_eq!(first, again);
    assert_ne!(first, other);
}

#[test]
fn statements_are_realistic_and_quotes_come_from_them() {
    let loaded = load(&options(1000, 2));
    for claim in loaded.map.claims.values() {
        assert!(
            (100..=301).contains(&claim.text.len()),
            "{}",
            claim.text.len()
        );
        let quote = claim
            .quote
            .as_deref()
            .expect("every generated claim has a quote");
        assert!(claim.text.contains(quote));
    }
}

#[test]
fn degrees_are_skewed_most_claims_few_relations_hubs_hundreds() {
    let loaded = load(&options(20_000, 3));
    let map = &loaded.map;
    let mut degree = vec![0usize; map.claims.len()];
    for relation in &map.relations {
        degree[relation.from.index()] += 1;
        if let Target::Claim(target) = relation.target {
            degree[target.index()] += 1;
        }
    }
    let few = degree.iter().filter(|&&d| (1..=4).contains(&d)).count();
    assert!(
        few * 10 >= map.claims.len() * 7,
        "most claims have 1–4 relations: {few}"
    );
    let hubs = degree.iter().filter(|&&d| d >= 100).count();
    assert!(
        (1..=100).contains(&hubs),
        "a few hubs with hundreds: {hubs}"
    );
}

#[test]
fn cli_refuses_a_directory_that_holds_a_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("utf-8");
    let first = crate::support::run(&["generate", "--claims", "50", "-o", out]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let check = crate::support::run(&["check", out, "--deny-warnings"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let second = crate::support::run(&["generate", "--claims", "50", "-o", out]);
    assert_eq!(second.code, 2);
    assert!(second.stderr.contains("already holds .ron files"));
}
