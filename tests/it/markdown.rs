//! The Markdown outline: snapshots on small fixtures (reviewed by hand), and on the bundled map
//! the properties a reader relies on (every footnote referenced is defined, once).

use crate::support::fixture;
use argraph::model::{Map, RelationKind, Target};
use std::collections::BTreeSet;
use std::path::Path;

fn load(path: &Path) -> Map {
    argraph::load::load(path).expect("map loads").map
}

#[test]
fn outline_of_the_escaping_fixture() {
    let map = load(&fixture("formats/escaping.ron"));
    insta::assert_snapshot!(argraph::formats::markdown::to_string(&map));
}

#[test]
fn outline_of_the_mini_map() {
    let map = load(&fixture("valid/mini.ron"));
    insta::assert_snapshot!(argraph::formats::markdown::to_string(&map));
}

#[test]
fn outline_of_the_bundled_map_is_ordered_and_its_footnotes_resolve() {
    let map = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/tiktok-wechat"));
    let outline = argraph::formats::markdown::to_string(&map);

    // One section per contested claim, most rebutted first.
    let rebuttals = |claim| {
        map.relations
            .iter()
            .filter(|r| r.kind == RelationKind::Rebuts && r.target == Target::Claim(claim))
            .count()
    };
    let contested: Vec<usize> = map
        .claim_indices()
        .map(rebuttals)
        .filter(|&n| n > 0)
        .collect();
    // The map's questions come first, one section each.
    let questions: Vec<&str> = outline
        .lines()
        .filter(|l| l.starts_with("## Question: "))
        .collect();
    assert_eq!(questions.len(), map.questions.len());
    let sections: Vec<&str> = outline
        .lines()
        .filter(|l| l.starts_with("## ") && !l.starts_with("## Question: "))
        .collect();
    assert_eq!(sections.len(), contested.len());
    let section_counts: Vec<usize> = outline
        .lines()
        .filter_map(|l| {
            let (_, tail) = l.rsplit_once(" (")?;
            let n = tail.split(' ').next()?;
            tail.contains("rebuttal").then(|| n.parse().ok())?
        })
        .collect();
    assert_eq!(section_counts.len(), contested.len());
    assert!(
        section_counts.windows(2).all(|w| w[0] >= w[1]),
        "{section_counts:?}"
    );
    assert_eq!(section_counts.iter().max(), contested.iter().max());

    // Footnotes: every reference has exactly one definition, numbered 1..=n.
    let definitions: Vec<usize> = outline
        .lines()
        .filter_map(|l| l.strip_prefix("[^")?.split_once("]: ")?.0.parse().ok())
        .collect();
    assert_eq!(definitions, (1..=definitions.len()).collect::<Vec<_>>());
    let mut referenced = BTreeSet::new();
    for line in outline.lines().filter(|l| !l.starts_with("[^")) {
        for piece in line.split("[^").skip(1) {
            if let Some((n, _)) = piece.split_once(']') {
                referenced.insert(n.parse::<usize>().expect("numeric footnote"));
            }
        }
    }
    assert_eq!(referenced, definitions.iter().copied().collect());
}
