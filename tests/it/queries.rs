//! The queries, on a fixture whose answers are known by construction
//! (`tests/fixtures/queries/map.ron`), through the library API, the CLI's JSON and the CLI's
//! text (insta snapshots); and a few properties that must hold on the bundled map.
//!
//! The fixture, with relations numbered R1..R14 in file order:
//!
//! ```text
//! actors: g (government); a1, a2 (officials, member_of g); b (company); c (commentator);
//!         e (commentator, who only answers himself)
//! R1  a1-1 supports g1   (id spy-link)      R8  c1 supports b1
//! R2  a2-1 supports g1                      R9  c2 undercuts spy-link (R1)
//! R3  b1 rebuts a1-1                        R10 c3 supports a1-1
//! R4  b1 rebuts g1                          R11 c4 rebuts g1
//! R5  b2 rebuts a2-1                        R12 b2 rebuts g1
//! R6  a2-2 rebuts b1                        R13 b1 rebuts a2-2
//! R7  a1-2 rebuts a2-1  (inside g)          R14 e1 supports e2 (inside e)
//! ```
//!
//! The undercut R9 attacks R1, whose source claim a1-1 is a1's: it counts as c disputing a1
//! (and, rolled up, g), with evidence (c2, a1-1).

use crate::support::{fixture, run};
use argraph::model::{ActorIx, ClaimIx, Map};
use argraph::query;
use serde_json::Value;
use std::path::Path;

fn load() -> Map {
    argraph::load::load(&fixture("queries/map.ron"))
        .expect("the query fixture is valid")
        .map
}

fn bundled() -> Map {
    argraph::load::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/graphs/tiktok-wechat"
    )))
    .expect("the bundled map is valid")
    .map
}

fn a(map: &Map, id: &str) -> ActorIx {
    map.actor_ix(id).expect("known actor")
}

fn c(map: &Map, id: &str) -> ClaimIx {
    map.claim_ix(id).expect("known claim")
}

/// Rows as `(from, to, count)` with ids.
fn rows(map: &Map, links: &[query::Link]) -> Vec<(String, String, usize)> {
    links
        .iter()
        .map(|l| {
            (
                map.actor(l.from).id.clone(),
                map.actor(l.to).id.clone(),
                l.count(),
            )
        })
        .collect()
}

fn triples(expected: &[(&str, &str, usize)]) -> Vec<(String, String, usize)> {
    expected
        .iter()
        .map(|(f, t, n)| ((*f).to_owned(), (*t).to_owned(), *n))
        .collect()
}

#[test]
fn disputes_without_rollup() {
    let map = load();
    // Disputes per ordered pair: b→a1 {R3}, b→g {R4, R12}, b→a2 {R5, R13}, a2→b {R6},
    // a1→a2 {R7}, c→a1 {R9, the undercut}, c→g {R11}. Order: count desc, then the actors'
    // file order (g, a1, a2, b, c, e).
    assert_eq!(
        rows(&map, &query::links::disputes(&map, None, false)),
        triples(&[
            ("b", "g", 2),
            ("b", "a2", 2),
            ("a1", "a2", 1),
            ("a2", "b", 1),
            ("b", "a1", 1),
            ("c", "g", 1),
            ("c", "a1", 1),
        ])
    );
}

#[test]
fn disputes_with_rollup() {
    let map = load();
    // a1 and a2 count as g: b→g {R3, R4, R5, R12, R13} = 5, c→g {R9, R11} = 2, g→b {R6} = 1;
    // a1→a2 (R7) is inside g and disappears.
    assert_eq!(
        rows(&map, &query::links::disputes(&map, None, true)),
        triples(&[("b", "g", 5), ("c", "g", 2), ("g", "b", 1)])
    );
}

#[test]
fn disputes_evidence_names_the_claims_and_the_undercut_target() {
    let map = load();
    let rows = query::links::disputes(&map, Some(a(&map, "c")), false);
    // c's disputes: c→g {R11: c4 → g1}, c→a1 {R9: c2 undercuts R1, whose source is a1-1}.
    let evidence: Vec<(String, String, String)> = rows
        .iter()
        .flat_map(|l| &l.evidence)
        .map(|e| {
            (
                map.claim(e.from_claim).id.clone(),
                map.relation(e.relation).kind.to_string(),
                map.claim(e.to_claim).id.clone(),
            )
        })
        .collect();
    assert_eq!(
        evidence,
        [
            ("c4".into(), "rebuts".into(), "g1".into()),
            ("c2".into(), "undercuts".into(), "a1-1".into()),
        ]
    );
}

#[test]
fn actor_filter_takes_members_without_rollup_and_the_root_with_it() {
    let map = load();
    // Without rollup, --actor g covers g, a1 and a2, and each of the 7 rows involves one of
    // them.
    assert_eq!(
        query::links::disputes(&map, Some(a(&map, "g")), false).len(),
        7
    );
    // --actor a2: b→a2, a1→a2, a2→b.
    assert_eq!(
        rows(
            &map,
            &query::links::disputes(&map, Some(a(&map, "a2")), false)
        ),
        triples(&[("b", "a2", 2), ("a1", "a2", 1), ("a2", "b", 1)])
    );
    // With rollup, --actor a1 means g, a1's root.
    assert_eq!(
        rows(
            &map,
            &query::links::disputes(&map, Some(a(&map, "a1")), true)
        ),
        triples(&[("b", "g", 5), ("c", "g", 2), ("g", "b", 1)])
    );
    // Rolled up, b is in two rows.
    assert_eq!(
        rows(
            &map,
            &query::links::disputes(&map, Some(a(&map, "b")), true)
        ),
        triples(&[("b", "g", 5), ("g", "b", 1)])
    );
}

#[test]
fn supports_with_and_without_rollup() {
    let map = load();
    // a1→g {R1}, a2→g {R2}, c→b {R8}, c→a1 {R10}; e→e (R14) is an actor answering himself:
    // no row.
    assert_eq!(
        rows(&map, &query::links::supports(&map, None, false)),
        triples(&[
            ("a1", "g", 1),
            ("a2", "g", 1),
            ("c", "a1", 1),
            ("c", "b", 1)
        ])
    );
    // Rolled up, R1 and R2 are inside g; c→a1 becomes c→g.
    assert_eq!(
        rows(&map, &query::links::supports(&map, None, true)),
        triples(&[("c", "g", 1), ("c", "b", 1)])
    );
}

fn ids(map: &Map, claims: &[ClaimIx]) -> Vec<String> {
    claims.iter().map(|&c| map.claim(c).id.clone()).collect()
}

#[test]
fn claims_filters() {
    use query::claims::{ClaimFilter, claims};
    let map = load();
    let by = |filter: ClaimFilter| ids(&map, &claims(&map, &filter));
    // g's claims include its members' (file order).
    assert_eq!(
        by(ClaimFilter {
            actor: Some(a(&map, "g")),
            ..Default::default()
        }),
        ["g1", "a1-1", "a1-2", "a2-1", "a2-2"]
    );
    // About b: a1-1, a2-2, c1. About g: b1 (about g) and b2 (about a2, a member of g).
    assert_eq!(
        by(ClaimFilter {
            about: Some(a(&map, "b")),
            ..Default::default()
        }),
        ["a1-1", "a2-2", "c1"]
    );
    assert_eq!(
        by(ClaimFilter {
            about: Some(a(&map, "g")),
            ..Default::default()
        }),
        ["b1", "b2"]
    );
    // Tag law from source s2: a1-2, a2-1, b2 (all three are in s2).
    assert_eq!(
        by(ClaimFilter {
            source: map.source_ix("s2"),
            tag: Some("law".into()),
            ..Default::default()
        }),
        ["a1-2", "a2-1", "b2"]
    );
    // Filters combine: b's claims about g.
    assert_eq!(
        by(ClaimFilter {
            actor: Some(a(&map, "b")),
            about: Some(a(&map, "g")),
            ..Default::default()
        }),
        ["b1", "b2"]
    );
    assert_eq!(by(ClaimFilter::default()).len(), 13);
}

#[test]
fn show_tree_depth_one_and_two() {
    use query::show::{Cut, show};
    let map = load();
    // Depth 1 under g1: supporters R1 (a1-1), R2 (a2-1), then rebutters R4 (b1), R11 (c4),
    // R12 (b2), each in file order.
    let tree = show(&map, c(&map, "g1"), 1);
    let children: Vec<&str> = tree
        .root()
        .children
        .iter()
        .map(|&n| map.claim(tree.nodes[n].claim).id.as_str())
        .collect();
    assert_eq!(children, ["a1-1", "a2-1", "b1", "c4", "b2"]);
    assert_eq!(tree.nodes.len(), 6);
    // g1 itself answers nothing.
    assert!(tree.answers.is_empty());
    // Depth 2: under a1-1 (reached by R1): c3 supports it (R10), b1 rebuts it (R3), and c2
    // undercuts the link R1 itself. b1 is already shown at depth 1, but at depth 2 it would not
    // be expanded anyway: no cut mark.
    let tree = show(&map, c(&map, "g1"), 2);
    let a11 = tree.root().children[0];
    let under: Vec<(&str, &str)> = tree.nodes[a11]
        .children
        .iter()
        .map(|&n| {
            let node = &tree.nodes[n];
            (
                map.claim(node.claim).id.as_str(),
                map.relation(node.via.expect("a child has a relation"))
                    .kind
                    .as_str(),
            )
        })
        .collect();
    assert_eq!(
        under,
        [("c3", "supports"), ("b1", "rebuts"), ("c2", "undercuts")]
    );
    assert!(tree.nodes.iter().all(|n| n.cut.is_none()));
    // A cycle: b1 is rebutted by a2-2 (R6), which b1 rebuts (R13). Under b1 at depth 3:
    // c1 supports b1, a2-2 rebuts it; under a2-2, b1 again, cut as a cycle.
    let tree = show(&map, c(&map, "b1"), 3);
    let marks: Vec<(usize, &str, Option<Cut>)> = tree
        .nodes
        .iter()
        .map(|n| (n.depth, map.claim(n.claim).id.as_str(), n.cut))
        .collect();
    assert_eq!(
        marks,
        [
            (0, "b1", None),
            (1, "c1", None),
            (1, "a2-2", None),
            (2, "b1", Some(Cut::Cycle)),
        ]
    );
    // b1 answers three claims: R3 (a1-1), R4 (g1), R13 (a2-2).
    assert_eq!(tree.answers.len(), 3);
}

#[test]
fn contested_ranks_claims_and_actors() {
    let map = load();
    let result = query::contested::contested(&map, false);
    // Disputes received per claim (to_claim): g1 {R4 b, R11 c, R12 b} = 3 from 2 actors;
    // a2-1 {R5 b, R7 a1} = 2 from 2, 0 supports; a1-1 {R3 b, R9 c} = 2 from 2, 1 support
    // (R10), of which R9 undercuts a relation a1-1 makes, and is counted apart; a2-2 {R13 b}
    // = 1, 0 supports; b1 {R6 a2} = 1, 1 support (R8). Ties go to the claim with fewer
    // supports.
    let claims: Vec<(&str, usize, usize, usize, usize)> = result
        .claims
        .iter()
        .map(|x| {
            (
                map.claim(x.claim).id.as_str(),
                x.rebuttals,
                x.undercuts,
                x.rebutting_actors.len(),
                x.supports,
            )
        })
        .collect();
    assert_eq!(
        claims,
        [
            ("g1", 3, 0, 2, 2),
            ("a2-1", 2, 0, 2, 0),
            ("a1-1", 1, 1, 2, 1),
            ("a2-2", 1, 0, 1, 0),
            ("b1", 1, 0, 1, 1),
        ]
    );
    // Actors: b gives 5 (R3 R4 R5 R12 R13), receives 1 (R6); a2 gives 1 (R6), receives 3
    // (R5 R7 R13); g receives 3 (R4 R11 R12); a1 gives 1 (R7), receives 2 (R3 R9); c gives 2.
    let actors: Vec<(&str, usize, usize)> = result
        .actors
        .iter()
        .map(|x| (map.actor(x.actor).id.as_str(), x.given, x.received))
        .collect();
    assert_eq!(
        actors,
        [
            ("b", 5, 1),
            ("a2", 1, 3),
            ("g", 0, 3),
            ("a1", 1, 2),
            ("c", 2, 0)
        ]
    );
    // b disputes three distinct actors (a1, g, a2) and is disputed by one (a2).
    assert_eq!(
        (
            result.actors[0].disputes_actors,
            result.actors[0].disputed_by_actors
        ),
        (3, 1)
    );
    // Rolled up, a1→a2 (R7) is inside g: g gives 1 (R6), receives 7.
    let rolled = query::contested::contested(&map, true);
    let actors: Vec<(&str, usize, usize)> = rolled
        .actors
        .iter()
        .map(|x| (map.actor(x.actor).id.as_str(), x.given, x.received))
        .collect();
    assert_eq!(actors, [("g", 1, 7), ("b", 5, 1), ("c", 2, 0)]);
}

#[test]
fn paths_shortest_first_with_directions() {
    use query::path::paths;
    let map = load();
    // From a2-2 to g1. a2-2's only neighbour is b1 (R6 forward: a2-2 rebuts b1; R13 backward:
    // b1 rebuts a2-2). From b1: g1 directly (R4), or via a1-1 (R3, then R1). The undercut R9
    // joins c2 to a1-1 and g1, but a chain may not use R9 twice. So exactly four chains:
    // two of 2 hops, two of 3.
    let found = paths(&map, c(&map, "a2-2"), c(&map, "g1"), 10, 6);
    assert_eq!(found.shortest, Some(2));
    assert!(!found.truncated);
    let chains: Vec<Vec<(String, bool)>> = found
        .chains
        .iter()
        .map(|chain| {
            chain
                .iter()
                .map(|hop| (map.claim(hop.to).id.clone(), hop.forward))
                .collect()
        })
        .collect();
    let hop = |id: &str, forward| (id.to_owned(), forward);
    assert_eq!(
        chains,
        [
            vec![hop("b1", true), hop("g1", true)],
            vec![hop("b1", false), hop("g1", true)],
            vec![hop("b1", true), hop("a1-1", true), hop("g1", true)],
            vec![hop("b1", false), hop("a1-1", true), hop("g1", true)],
        ]
    );
    // The limit keeps the shortest.
    assert_eq!(
        paths(&map, c(&map, "a2-2"), c(&map, "g1"), 1, 6)
            .chains
            .len(),
        1
    );
    // e's claims are joined only to each other.
    let none = paths(&map, c(&map, "e1"), c(&map, "g1"), 5, 6);
    assert_eq!((none.shortest, none.chains.len()), (None, 0));
    // An undercut joins its claim to both ends of the link: c2 reaches g1 in one hop.
    let undercut = paths(&map, c(&map, "c2"), c(&map, "g1"), 1, 6);
    assert_eq!(undercut.shortest, Some(1));
}

#[test]
fn camps_split_is_the_known_optimum() {
    use query::camps::{Method, camps};
    let map = load();
    // Rolled-up actors g, b, c (e only answers himself: unlinked). Pair links:
    //   {g, b}: 6 disputes (R3 R4 R5 R6 R12 R13);  {g, c}: 1 support (R10), 2 disputes (R9 R11);
    //   {b, c}: 1 support (R8).                    10 relations in all.
    // Splits (relations against): {b,c}|{g}: R10 = 1; {g,c}|{b}: 2 + R8 = 3;
    // {g,b}|{c}: 6 + R8 + R10 = 8; all together: 8. The best is {b,c}|{g}, unique.
    let result = camps(&map);
    assert_eq!(result.groups.len(), 1);
    let group = &result.groups[0];
    let names = |camp: &[ActorIx]| -> Vec<String> {
        camp.iter().map(|&x| map.actor(x).id.clone()).collect()
    };
    assert_eq!(names(&group.camps[0]), ["b", "c"]);
    assert_eq!(names(&group.camps[1]), ["g"]);
    assert_eq!(
        (group.supports, group.disputes, group.frustration),
        (2, 8, 1)
    );
    assert_eq!(group.method, Method::Exact { optimal: 1 });
    assert!(group.is_clean());
    assert_eq!(names(&result.unlinked), ["e"]);
    // The one relation against the split: c supports g (R10) across the camps.
    assert_eq!(group.against.len(), 1);
    assert_eq!(
        (
            map.actor(group.against[0].a).id.as_str(),
            map.actor(group.against[0].b).id.as_str()
        ),
        ("g", "c")
    );
    assert!(!group.against[0].same_camp);
}

#[test]
fn stats_count_by_construction() {
    let map = load();
    let s = query::stats::stats(&map);
    assert_eq!(
        (s.sources, s.actors, s.claims, s.quoted, s.relations),
        (2, 6, 13, 13, 14)
    );
    let kinds: Vec<(String, usize)> = s
        .relations_by_kind
        .iter()
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
    // supports R1 R2 R8 R10 R14; rebuts R3-R7 R11-R13; undercuts R9.
    assert_eq!(
        kinds,
        [
            ("supports".into(), 5),
            ("rebuts".into(), 8),
            ("undercuts".into(), 1)
        ]
    );
    // Claims per source: s1 has g1 a1-1 b1 c2 c3 e1 e2 (7), s2 the other 6.
    let per_source: Vec<usize> = s.per_source.iter().map(|x| x.claims).collect();
    assert_eq!(per_source, [7, 6]);
    // b: 2 claims, gives 5 disputes, receives 1 support (R8) and 1 dispute (R6); 3 claims are
    // about b (a1-1, a2-2, c1).
    let b = s
        .per_actor
        .iter()
        .find(|x| map.actor(x.actor).id == "b")
        .expect("b is counted");
    assert_eq!(
        (
            b.claims,
            b.supports_given,
            b.disputes_given,
            b.supports_received,
            b.disputes_received,
            b.about
        ),
        (2, 0, 5, 1, 1, 3)
    );
}

// ---- the CLI: JSON ----

const FIXTURE: &str = "tests/fixtures/queries/map.ron";
const BUNDLED: &str = "graphs/tiktok-wechat";

/// Runs a query, expecting success, and parses its JSON.
fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let result = run(&all);
    assert_eq!(result.code, 0, "{args:?} failed: {}", result.stderr);
    serde_json::from_str(&result.stdout).expect("valid JSON")
}

#[test]
fn cli_disputes_json_rows_with_evidence() {
    let value = json(&["disputes", FIXTURE, "--rollup", "--evidence"]);
    let rows = value.as_array().expect("an array of rows");
    // The rolled-up rows of `disputes_with_rollup`: b→g 5, c→g 2, g→b 1.
    let summary: Vec<(&str, &str, u64)> = rows
        .iter()
        .map(|row| {
            (
                row["from"]["id"].as_str().unwrap_or_default(),
                row["to"]["id"].as_str().unwrap_or_default(),
                row["count"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(summary, [("b", "g", 5), ("c", "g", 2), ("g", "b", 1)]);
    // Ids come with display names.
    assert_eq!(rows[0]["from"]["name"], "Company B");
    assert_eq!(rows[0]["to"]["name"], "Government G");
    // c→g: R9 (c2 undercuts R1, a1-1's link) then R11 (c4 rebuts g1), in file order.
    let evidence: Vec<(&str, &str, &str)> = rows[1]["evidence"]
        .as_array()
        .expect("evidence with --evidence")
        .iter()
        .map(|e| {
            (
                e["from_claim"]["id"].as_str().unwrap_or_default(),
                e["kind"].as_str().unwrap_or_default(),
                e["to_claim"]["id"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        evidence,
        [("c2", "undercuts", "a1-1"), ("c4", "rebuts", "g1")]
    );
    assert_eq!(rows[1]["evidence"][0]["to_claim"]["actor"]["id"], "a1");
    // Without --evidence, no evidence key.
    let plain = json(&["supports", FIXTURE]);
    assert!(plain[0].get("evidence").is_none());
    assert_eq!(plain.as_array().map(Vec::len), Some(4));
}

#[test]
fn cli_claims_show_path_contested_camps_stats_json() {
    let about_b = json(&["claims", FIXTURE, "--about", "b"]);
    let ids: Vec<&str> = about_b
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|row| row["id"].as_str())
        .collect();
    assert_eq!(ids, ["a1-1", "a2-2", "c1"]);
    assert_eq!(about_b[0]["actor"]["name"], "Official A1");
    assert_eq!(about_b[0]["source"]["id"], "s1");

    let tree = json(&["show", FIXTURE, "b1", "--depth", "3"]);
    assert_eq!(tree["claim"]["id"], "b1");
    assert_eq!(tree["children"][1]["claim"]["id"], "a2-2");
    assert_eq!(tree["children"][1]["children"][0]["cut"], "cycle");
    assert_eq!(tree["answers"].as_array().map(Vec::len), Some(3));

    let path = json(&["path", FIXTURE, "a2-2", "g1", "--limit", "10"]);
    assert_eq!(path["shortest"], 2);
    assert_eq!(path["chains"].as_array().map(Vec::len), Some(4));
    assert_eq!(path["chains"][1][0]["direction"], "backward");
    assert_eq!(path["chains"][1][0]["relation"], "rebuts");
    let none = json(&["path", FIXTURE, "e1", "g1"]);
    assert_eq!(none["connected"], false);

    let contested = json(&["contested", FIXTURE]);
    assert_eq!(contested["claims"][0]["claim"]["id"], "g1");
    assert_eq!(contested["claims"][0]["rebuttals"], 3);
    assert_eq!(contested["claims"][0]["undercuts"], 0);
    // a1-1 is rebutted once, and the relation it makes undercut once: counted apart.
    assert_eq!(contested["claims"][2]["claim"]["id"], "a1-1");
    assert_eq!(contested["claims"][2]["rebuttals"], 1);
    assert_eq!(contested["claims"][2]["undercuts"], 1);
    assert_eq!(contested["actors"][0]["actor"]["id"], "b");

    let camps = json(&["camps", FIXTURE]);
    assert_eq!(camps["groups"][0]["camp_a"][0]["id"], "b");
    assert_eq!(camps["groups"][0]["camp_b"][0]["id"], "g");
    assert_eq!(camps["groups"][0]["frustration"], 1);
    assert_eq!(camps["unlinked"][0]["id"], "e");

    let stats = json(&["stats", FIXTURE]);
    assert_eq!(stats["claims"], 13);
    assert_eq!(stats["relations_by_kind"]["rebuts"], 8);
}

// ---- the CLI: text (snapshots) ----

/// `--width` sets the width text fits in: wide, nothing is cut; narrow, the names give way and
/// the ids and counts stay whole.
#[test]
fn text_fits_the_width_asked_for_and_never_cuts_a_number() {
    for args in [
        &["contested", BUNDLED][..],
        &["disputes", BUNDLED, "--evidence"],
        &["camps", BUNDLED],
        &["show", BUNDLED, "pompeo-feeding-data"],
    ] {
        let wide = run(&[args, &["--width", "300"]].concat());
        assert_eq!(wide.code, 0, "{args:?}: {}", wide.stderr);
        // (`camps` ends a long list with "… and N more pairs", which is no cut.)
        let cut = |line: &&str| line.contains('…') && !line.trim_start().starts_with("… and");
        assert!(
            !wide.stdout.lines().any(|line| cut(&line)),
            "{args:?}: {}",
            wide.stdout
        );
        let narrow = run(&[args, &["--width", "50"]].concat());
        assert_eq!(narrow.code, 0, "{args:?}: {}", narrow.stderr);
        if matches!(args[0], "disputes" | "contested") {
            assert!(narrow.stdout.contains('…'), "{args:?}: {}", narrow.stdout);
        }
        // The numbers are the same, whatever was cut: the count at the end of each header of
        // `disputes --evidence`, the counts that open each row of `contested`.
        let numbers = |text: &str| -> Vec<String> {
            text.lines()
                .filter_map(|line| match args[0] {
                    "disputes" if !line.starts_with(' ') => line.rsplit_once(": "),
                    "contested" if line.starts_with(' ') => line.trim_start().split_once("  "),
                    _ => None,
                })
                .map(|(a, b)| if args[0] == "disputes" { b } else { a }.to_owned())
                .collect()
        };
        assert_eq!(numbers(&wide.stdout), numbers(&narrow.stdout), "{args:?}");
    }
    assert_eq!(run(&["contested", BUNDLED, "--width", "5"]).code, 2);
}

/// The text output of a query on the fixture, which must fit 80 columns.
fn text(args: &[&str]) -> String {
    let result = run(args);
    assert_eq!(result.code, 0, "{args:?} failed: {}", result.stderr);
    for line in result.stdout.lines() {
        assert!(
            line.chars().count() <= 80,
            "{args:?}: a line wider than 80 columns: {line:?}"
        );
    }
    assert!(!result.stdout.contains('\x1b'), "no colour into a pipe");
    result.stdout
}

#[test]
fn snapshots_of_the_text_output() {
    insta::assert_snapshot!("disputes", text(&["disputes", FIXTURE]));
    insta::assert_snapshot!("disputes_rollup", text(&["disputes", FIXTURE, "--rollup"]));
    insta::assert_snapshot!(
        "disputes_evidence",
        text(&["disputes", FIXTURE, "--actor", "c", "--evidence"])
    );
    insta::assert_snapshot!("supports", text(&["supports", FIXTURE]));
    insta::assert_snapshot!("claims_about", text(&["claims", FIXTURE, "--about", "g"]));
    insta::assert_snapshot!("show", text(&["show", FIXTURE, "g1", "--depth", "2"]));
    insta::assert_snapshot!("show_cycle", text(&["show", FIXTURE, "b1", "--depth", "3"]));
    insta::assert_snapshot!("contested", text(&["contested", FIXTURE]));
    insta::assert_snapshot!(
        "path",
        text(&["path", FIXTURE, "a2-2", "g1", "--limit", "10"])
    );
    insta::assert_snapshot!("camps", text(&["camps", FIXTURE]));
    insta::assert_snapshot!("stats", text(&["stats", FIXTURE]));
}

#[test]
fn long_statements_are_cut_with_an_ellipsis() {
    let out = text(&["claims", FIXTURE, "--actor", "g", "--tag", "security"]);
    // g1's text is 105 characters: cut to fit, with an ellipsis.
    assert!(
        out.contains("must be banned b…") || out.contains("…"),
        "{out}"
    );
    assert!(!out.contains("before the end of the year."));
}

#[test]
fn bundled_map_text_fits_80_columns() {
    for args in [
        vec!["disputes", BUNDLED],
        vec!["disputes", BUNDLED, "--rollup", "--evidence"],
        vec!["supports", BUNDLED, "--rollup"],
        vec!["claims", BUNDLED, "--about", "bytedance"],
        vec!["show", BUNDLED, "pompeo-feeding-data", "--depth", "3"],
        vec!["contested", BUNDLED],
        vec!["path", BUNDLED, "tiktok-no-cooperation", "pompeo-more-apps"],
        vec!["camps", BUNDLED],
        vec!["stats", BUNDLED],
    ] {
        text(&args);
    }
}

// ---- errors, help, pipes ----

#[test]
fn unknown_ids_get_a_hint_and_exit_1() {
    let result = run(&["disputes", BUNDLED, "--actor", "bytdance"]);
    assert_eq!(result.code, 1);
    assert!(
        result
            .stderr
            .contains("error: no actor `bytdance`; did you mean `bytedance`?"),
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains("--actor bytdance, in map graphs/tiktok-wechat")
    );
    assert!(result.stdout.is_empty());

    let claim = run(&["show", FIXTURE, "g2"]);
    assert_eq!(claim.code, 1);
    assert!(
        claim.stderr.contains("no claim `g2`; did you mean `g1`?"),
        "{}",
        claim.stderr
    );

    // An id of the wrong kind says what it is.
    let source = run(&["claims", FIXTURE, "--source", "g1"]);
    assert_eq!(source.code, 1);
    assert!(
        source.stderr.contains("no source `g1` (`g1` is a claim)"),
        "{}",
        source.stderr
    );

    let tag = run(&["claims", FIXTURE, "--tag", "lw"]);
    assert_eq!(tag.code, 1);
    assert!(
        tag.stderr.contains("no tag `lw`; did you mean `law`?"),
        "{}",
        tag.stderr
    );

    let path = run(&["path", FIXTURE, "a2-2", "zz-nothing-like-it"]);
    assert_eq!(path.code, 1);
    assert!(
        path.stderr.contains("no claim `zz-nothing-like-it`"),
        "{}",
        path.stderr
    );
}

#[test]
fn every_query_help_has_an_example_on_the_bundled_map() {
    for command in [
        "disputes",
        "supports",
        "claims",
        "show",
        "contested",
        "path",
        "camps",
        "stats",
    ] {
        let help = run(&[command, "--help"]);
        assert_eq!(help.code, 0);
        assert!(
            help.stdout
                .contains(&format!("argraph {command} graphs/tiktok-wechat")),
            "`argraph {command} --help` has no example on the bundled map"
        );
    }
    // And every example in those helps runs.
    for command in [
        "disputes",
        "supports",
        "claims",
        "show",
        "contested",
        "path",
        "camps",
        "stats",
    ] {
        let help = run(&[command, "--help"]).stdout;
        for example in help
            .lines()
            .filter_map(|l| l.trim().strip_prefix("argraph "))
        {
            let words: Vec<&str> = example.split_whitespace().collect();
            let result = run(&words);
            assert_eq!(
                result.code, 0,
                "example `argraph {example}` failed: {}",
                result.stderr
            );
        }
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("argraph"))
        .args(["claims", BUNDLED])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("argraph starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("one line");
    // The reader (and the pipe) is dropped here, like `| head -1`.
    assert!(!first.is_empty());
    let output = child.wait_with_output().expect("argraph ends");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let result = run(&["completions", shell]);
        assert_eq!(result.code, 0, "{shell}: {}", result.stderr);
        assert!(
            result.stdout.contains("disputes"),
            "{shell} completes subcommands"
        );
        assert!(
            result.stdout.contains("--rollup"),
            "{shell} completes flags"
        );
    }
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH argraph 1"), "a roff page");
    // One section per subcommand, with its flags and examples.
    for command in ["DISPUTES", "CAMPS", "RENDER", "COMPLETIONS"] {
        assert!(
            man.stdout.contains(&format!(".SH \"ARGRAPH {command}\"")),
            "the man page has a section for {command}"
        );
    }
    assert!(
        man.stdout
            .contains("argraph disputes graphs/tiktok\\-wechat \\-\\-rollup")
    );
    // The subcommand list points at the sections of this page, not at pages that do not exist.
    assert!(
        !man.stdout.contains("argraph\\-disputes(1)"),
        "no reference to a separate argraph-disputes(1) page"
    );
    assert!(man.stdout.contains("(section ARGRAPH DISPUTES below)"));
}

// ---- the bundled map ----

#[test]
fn bundled_chinese_government_disputes_the_us_government_rolled_up() {
    let map = bundled();
    let rows = query::links::disputes(&map, None, true);
    let row = rows
        .iter()
        .find(|l| map.actor(l.from).id == "cn-gov" && map.actor(l.to).id == "us-gov")
        .expect("cn-gov disputes us-gov under --rollup");
    assert!(row.count() >= 1);
    // Rolled up, every row joins two top-level actors, never one with itself.
    for link in &rows {
        assert!(map.actor(link.from).member_of.is_none());
        assert!(map.actor(link.to).member_of.is_none());
        assert_ne!(link.from, link.to);
    }
    // Rollup loses only what happens inside one rolled-up actor: the disputes between
    // different roots add up the same either way.
    let plain: usize = query::links::disputes(&map, None, false)
        .iter()
        .filter(|l| map.root_actor(l.from) != map.root_actor(l.to))
        .map(query::Link::count)
        .sum();
    let rolled: usize = rows.iter().map(query::Link::count).sum();
    assert_eq!(plain, rolled);
}

#[test]
fn bundled_stats_equal_the_map_sizes() {
    let map = bundled();
    let s = query::stats::stats(&map);
    assert_eq!(s.sources, map.sources.len());
    assert_eq!(s.actors, map.actors.len());
    assert_eq!(s.claims, map.claims.len());
    assert_eq!(s.relations, map.relations.len());
    let by_kind: usize = s.relations_by_kind.iter().map(|(_, n)| n).sum();
    assert_eq!(by_kind, map.relations.len());
    let per_source: usize = s.per_source.iter().map(|x| x.claims).sum();
    assert_eq!(per_source, map.claims.len());
    let per_actor: usize = s.per_actor.iter().map(|x| x.claims).sum();
    assert_eq!(per_actor, map.claims.len());
    let given: usize = s
        .per_actor
        .iter()
        .map(|x| x.supports_given + x.disputes_given)
        .sum();
    assert_eq!(given, map.relations.len());
    // The CLI says the same as `check`.
    let stats = json(&["stats", BUNDLED]);
    assert_eq!(stats["claims"].as_u64(), Some(map.claims.len() as u64));
}

#[test]
fn bundled_queries_hold_together() {
    let map = bundled();
    // Every dispute is found once among the contested claims and once among the rows.
    let contested = query::contested::contested(&map, false);
    let count = |kind| map.relations.iter().filter(|r| r.kind == kind).count();
    let rebuttals: usize = contested.claims.iter().map(|c| c.rebuttals).sum();
    assert_eq!(rebuttals, count(argraph::model::RelationKind::Rebuts));
    let undercuts: usize = contested.claims.iter().map(|c| c.undercuts).sum();
    assert_eq!(undercuts, count(argraph::model::RelationKind::Undercuts));
    // Pompeo's accusation is rebutted by TikTok, and `show` lists it.
    let tree = query::show::show(&map, c(&map, "pompeo-feeding-data"), 1);
    assert!(
        tree.root()
            .children
            .iter()
            .any(|&n| map.claim(tree.nodes[n].claim).id == "tiktok-no-cooperation")
    );
    // Camps: the U.S. government and the Chinese government are on opposite sides.
    let camps = query::camps::camps(&map);
    let main = &camps.groups[0];
    let side = |id: &str| {
        main.camps
            .iter()
            .position(|camp| camp.contains(&a(&map, id)))
    };
    assert!(side("us-gov").is_some() && side("cn-gov").is_some());
    assert_ne!(side("us-gov"), side("cn-gov"));
    // Frustration is what the `against` pairs add up to.
    let against: usize = main.against.iter().map(|x| x.count).sum();
    assert_eq!(against, main.frustration);
}

#[test]
fn camps_local_search_finds_a_planted_split() {
    use query::camps::{Method, camps};
    // 22 actors, more than the exact search takes: two planted camps p0..p10 and q0..q10.
    // Within a camp, p_i supports p_{i+1} (a chain); across, p_i rebuts q_i; and one support
    // goes against the grain, p0 → q5. The planted split has frustration 1 (that support), and
    // nothing does better: moving q5 to p0's side puts its two chain supports across and its
    // dispute with p5 inside (3), and every other change breaks a chain link or a dispute
    // without repairing anything. A single breadth-first colouring from p0 gets stuck at 2 (it
    // puts q5 with p0); the other starting actors find the planted split.
    let n = 11;
    let mut actors = String::new();
    let mut claims = String::new();
    let mut relations = String::new();
    for side in ["p", "q"] {
        for i in 0..n {
            actors.push_str(&format!(
                "(id: \"{side}{i}\", name: \"{side}{i}\", kind: commentator),\n"
            ));
            claims.push_str(&format!(
                "(id: \"{side}{i}-c\", actor: \"{side}{i}\", text: \"{side}{i}.\", quote: \"q\", source: \"s\"),\n"
            ));
            if i + 1 < n {
                relations.push_str(&format!(
                    "(from: \"{side}{i}-c\", supports: \"{side}{}-c\"),\n",
                    i + 1
                ));
            }
        }
    }
    for i in 0..n {
        relations.push_str(&format!("(from: \"p{i}-c\", rebuts: \"q{i}-c\"),\n"));
    }
    relations.push_str("(from: \"p0-c\", supports: \"q5-c\"),\n");
    let text = format!(
        "(sources: [(id: \"s\", title: \"S\")], actors: [{actors}], claims: [{claims}], relations: [{relations}])"
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("ladder.ron");
    std::fs::write(&path, text).expect("written");
    let map = argraph::load::load(&path).expect("valid").map;
    let result = camps(&map);
    assert_eq!(result.groups.len(), 1);
    let group = &result.groups[0];
    assert_eq!(group.method, Method::Greedy);
    assert_eq!(group.frustration, 1);
    let ids = |camp: &[ActorIx]| -> Vec<String> {
        camp.iter().map(|&x| map.actor(x).id.clone()).collect()
    };
    let p: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let q: Vec<String> = (0..n).map(|i| format!("q{i}")).collect();
    assert_eq!(ids(&group.camps[0]), p);
    assert_eq!(ids(&group.camps[1]), q);
}
