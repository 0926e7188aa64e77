//! GraphML export: well-formed XML (read back with roxmltree), every attribute declared as a
//! key before use, one node per claim (and per undercut relation), one edge per relation (two
//! for an undercut one), and texts with XML syntax kept intact.

use crate::support::fixture;
use argraph::model::{Map, Target};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

fn load(path: &Path) -> Map {
    argraph::load::load(path).expect("map loads").map
}

fn undercut_targets(map: &Map) -> usize {
    map.relations
        .iter()
        .filter_map(|r| match r.target {
            Target::Relation(target) => Some(target),
            Target::Claim(_) => None,
        })
        .collect::<BTreeSet<_>>()
        .len()
}

/// Node id → (attr.name → value), for nodes or edges.
fn data_of<'a>(
    document: &'a roxmltree::Document<'a>,
    element: &str,
) -> Vec<(String, HashMap<String, String>)> {
    let names: HashMap<&str, &str> = document
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "key")))
        .map(|k| {
            (
                k.attribute("id").unwrap_or(""),
                k.attribute("attr.name").unwrap_or(""),
            )
        })
        .collect();
    document
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, element)))
        .map(|n| {
            let data = n
                .children()
                .filter(|c| c.has_tag_name((GRAPHML_NS, "data")))
                .map(|d| {
                    let key = d.attribute("key").unwrap_or("");
                    (names[key].to_owned(), d.text().unwrap_or("").to_owned())
                })
                .collect();
            (n.attribute("id").unwrap_or("").to_owned(), data)
        })
        .collect()
}

#[test]
fn the_bundled_map_is_valid_graphml_with_declared_keys() {
    let map = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/tiktok-wechat"));
    let xml = argraph::formats::graphml::to_string(&map);
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = document.root_element();
    assert!(root.has_tag_name((GRAPHML_NS, "graphml")));

    // Keys: declared before the graph, each with id, for, attr.name and attr.type.
    let keys: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "key")))
        .collect();
    let declared: BTreeSet<(&str, &str)> = keys
        .iter()
        .map(|k| {
            (
                k.attribute("for").unwrap_or(""),
                k.attribute("attr.name").unwrap_or(""),
            )
        })
        .collect();
    for expected in [
        ("node", "kind"),
        ("node", "actor"),
        ("node", "text"),
        ("node", "source"),
        ("node", "date"),
        ("node", "quote"),
        ("edge", "kind"),
    ] {
        assert!(declared.contains(&expected), "key {expected:?} declared");
    }
    assert!(
        keys.iter()
            .all(|k| k.attribute("attr.type") == Some("string") && k.attribute("id").is_some())
    );
    let graph_position = root
        .children()
        .position(|n| n.has_tag_name((GRAPHML_NS, "graph")))
        .expect("a graph");
    let last_key = root
        .children()
        .enumerate()
        .filter(|(_, n)| n.has_tag_name((GRAPHML_NS, "key")))
        .map(|(i, _)| i)
        .last()
        .expect("keys");
    assert!(last_key < graph_position, "keys come before the graph");
    let graph = root.children().nth(graph_position).expect("graph");
    assert_eq!(graph.attribute("edgedefault"), Some("directed"));

    // Every data element uses a declared key of the right domain.
    let domain: HashMap<&str, &str> = keys
        .iter()
        .map(|k| {
            (
                k.attribute("id").unwrap_or(""),
                k.attribute("for").unwrap_or(""),
            )
        })
        .collect();
    for data in document
        .descendants()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "data")))
    {
        let key = data.attribute("key").expect("data has a key");
        let parent = data.parent_element().expect("data in an element");
        assert_eq!(
            domain.get(key).copied(),
            Some(parent.tag_name().name()),
            "key {key}"
        );
    }

    // Counts, known from the map.
    let reified = undercut_targets(&map);
    let nodes = data_of(&document, "node");
    let edges = data_of(&document, "edge");
    assert_eq!(nodes.len(), map.claims.len() + reified);
    assert_eq!(edges.len(), map.relations.len() + reified);
    let claim_nodes = nodes.iter().filter(|(_, d)| d["kind"] == "claim").count();
    assert_eq!(claim_nodes, map.claims.len());
    let ids: BTreeSet<&str> = nodes.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    for edge in graph
        .children()
        .filter(|n| n.has_tag_name((GRAPHML_NS, "edge")))
    {
        assert!(ids.contains(edge.attribute("source").unwrap_or("")));
        assert!(ids.contains(edge.attribute("target").unwrap_or("")));
    }
    let undercuts = edges
        .iter()
        .filter(|(_, d)| d["kind"] == "undercuts")
        .count();
    assert_eq!(
        undercuts,
        map.relations
            .iter()
            .filter(|r| r.kind.as_str() == "undercuts")
            .count()
    );
}

#[test]
fn xml_syntax_in_texts_is_escaped_and_read_back_intact() {
    let map = load(&fixture("formats/escaping.ron"));
    let xml = argraph::formats::graphml::to_string(&map);
    assert!(xml.contains("1 &lt; 2 &amp;&amp; 3 &gt; 2, &quot;said&quot; &apos;she&apos; ]]&gt;"));
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let nodes = data_of(&document, "node");
    for claim in map.claims.values() {
        let (_, data) = nodes
            .iter()
            .find(|(id, _)| id == &claim.id)
            .expect("claim node");
        assert_eq!(data["text"], claim.text);
        assert_eq!(data.get("quote"), claim.quote.as_ref());
        assert_eq!(data["actor"], map.actor(claim.actor).name);
        assert_eq!(data["source"], map.source(claim.source).title);
    }
    let (_, ban) = nodes
        .iter()
        .find(|(id, _)| id == "ban-needed")
        .expect("node");
    assert_eq!(ban["tags"], "law & order, security");
    // The undercut relation is a node, reached through two edges, and undercut by one.
    let edges = data_of(&document, "edge");
    assert_eq!(nodes.len(), 4);
    assert_eq!(edges.len(), 5);
    let tied: Vec<_> = edges
        .iter()
        .filter(|(_, d)| d.get("relation").map(String::as_str) == Some("ban-protects"))
        .collect();
    assert_eq!(tied.len(), 2);
    assert!(tied.iter().all(|(_, d)| d["note"] == "if & only if <safe>"));
}
