//! The loader's model: relations in file order whichever way they are written (inline or in a
//! `relations` section, before or after other files' claims), references forward, backward and
//! across files resolved to the same claims.

use argraph::load::{LoadError, load_sources};
use argraph::model::{Map, Target};
use std::path::PathBuf;

const HEAD: &str =
    "sources: [(id: \"s\", title: \"S\")], actors: [(id: \"a\", name: \"A\", kind: other)]";

fn claim(id: &str, lists: &str) -> String {
    format!("(id: \"{id}\", actor: \"a\", text: \"t\", source: \"s\", {lists})")
}

fn load(files: &[(&str, String)]) -> Map {
    let files = files
        .iter()
        .map(|(name, text)| (PathBuf::from(name), text.clone()))
        .collect();
    match load_sources(files) {
        Ok(loaded) => loaded.map,
        Err(error) => panic!("{error}"),
    }
}

/// Each relation as `from kind target`, the target an id (a relation's own id for undercuts).
fn relations(map: &Map) -> Vec<String> {
    map.relation_indices()
        .map(|ix| {
            let relation = map.relation(ix);
            let target = match relation.target {
                Target::Claim(claim) => map.claim(claim).id.clone(),
                Target::Relation(other) => {
                    format!(
                        "relation {}",
                        map.relation(other).id.as_deref().unwrap_or("?")
                    )
                }
            };
            format!("{} {} {target}", map.claim(relation.from).id, relation.kind)
        })
        .collect()
}

/// The file both tests below load second: claims `y1`, `y2` with inline relations, among them
/// an undercut of the relation `r` written elsewhere.
fn file_of_y_claims() -> String {
    format!(
        "(claims: [{}, {}])",
        claim("y1", "supports: [\"x1\"], rebuts: [\"y2\"]"),
        claim("y2", "undercuts: [\"r\"]"),
    )
}

/// File `a` has claims and a `relations` section, file `b` claims with inline relations after
/// it: the section's relations come between the two files' inline relations.
#[test]
fn a_relations_section_keeps_its_place_between_files() {
    let a = format!(
        "({HEAD}, claims: [{}, {}], relations: [(id: \"r\", from: \"x1\", rebuts: \"x2\")])",
        claim("x1", ""),
        claim("x2", "supports: [\"x1\", \"y1\"]"),
    );
    let map = load(&[("a.ron", a), ("b.ron", file_of_y_claims())]);
    assert_eq!(
        relations(&map),
        [
            "x2 supports x1",
            "x2 supports y1",
            "x1 rebuts x2",
            "y1 supports x1",
            "y1 rebuts y2",
            "y2 undercuts relation r",
        ]
    );
    // The undercut's target is the section's relation, at its place.
    assert_eq!(map.relation_ix("r").map(|ix| ix.index()), Some(2));
}

/// The same relations with the section in a file of its own after every claim.
#[test]
fn a_relations_section_after_the_claims_comes_last() {
    let a = format!(
        "({HEAD}, claims: [{}, {}])",
        claim("x1", ""),
        claim("x2", "supports: [\"x1\", \"y1\"]"),
    );
    let b = file_of_y_claims();
    let c = "(relations: [(id: \"r\", from: \"x1\", rebuts: \"x2\", note: \"n\")])".to_owned();
    let map = load(&[("a.ron", a), ("b.ron", b), ("c.ron", c)]);
    assert_eq!(
        relations(&map),
        [
            "x2 supports x1",
            "x2 supports y1",
            "y1 supports x1",
            "y1 rebuts y2",
            "y2 undercuts relation r",
            "x1 rebuts x2",
        ]
    );
    let r = map.relation(map.relation_ix("r").expect("r"));
    assert_eq!(r.note.as_deref(), Some("n"));
    assert_eq!(r.origin.file.index(), 2);
}

/// A claim that supports itself is an error, however long its id (ids over ten bytes are
/// compared with the map's copy of the id, which must exist by then).
#[test]
fn a_claim_relating_to_itself_is_reported_whatever_its_id() {
    for id in ["c", "a-rather-long-claim-id"] {
        let text = format!(
            "({HEAD}, claims: [{}, {}])",
            claim("other", ""),
            claim(id, &format!("supports: [\"other\"], rebuts: [\"{id}\"]")),
        );
        match load_sources(vec![(PathBuf::from("m.ron"), text)]) {
            Err(LoadError::Invalid { errors, .. }) => {
                let codes: Vec<&str> = errors.iter().map(|d| d.code).collect();
                assert_eq!(codes, ["self-relation"], "{id}");
                assert_eq!(errors[0].message, format!("claim `{id}` rebuts itself"));
            }
            other => panic!("{id}: {other:?}"),
        }
    }
}

/// Strings with escapes are decoded; strings without are the text as written.
#[test]
fn strings_are_decoded_once_into_the_map() {
    let text = format!(
        "({HEAD}, claims: [(id: \"c\", actor: \"a\", text: \"say \\\"no\\\"\\n\", source: \"s\", \
         quote: \"plain\", tags: [\"t\\\\1\", \"t2\"])])"
    );
    let map = load(&[("m.ron", text)]);
    let claim = map.claim(map.claim_ix("c").expect("c"));
    assert_eq!(claim.text, "say \"no\"\n");
    assert_eq!(claim.quote.as_deref(), Some("plain"));
    assert_eq!(claim.tags, ["t\\1", "t2"]);
}

/// A file of claims without its actors and sources: every claim's actor and source lookups
/// run just after the claim's own (long) id is registered and before the claim is in the map.
/// The id table is seeded anew on every load, and a lookup used to panic when it probed that
/// fresh entry (about one load in fifteen): many loads, the same errors each time.
#[test]
fn lookups_next_to_a_claim_being_defined_never_panic() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("graphs/tiktok-wechat/claims-carnegie.ron");
    let render = || match argraph::load::load(&path) {
        Err(error @ LoadError::Invalid { .. }) => error.to_string(),
        other => panic!("the actors and sources are missing: {other:?}"),
    };
    let first = render();
    assert!(first.contains("unknown-reference"), "{first}");
    for _ in 0..300 {
        assert_eq!(render(), first);
    }
}
