//! `argraph render`: DOT snapshots, properties of the DOT parsed back, Graphviz formats, the
//! missing-Graphviz paths, atomic output files, determinism and the quoting round trip.

use crate::support::{argraph, fixture, run};
use argraph::model::{Map, RelationIx, RelationKind, Target};
use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Vertex};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A program name that no machine has, for `ARGRAPH_DOT`: Graphviz is "missing".
const NO_DOT: &str = "/nonexistent/argraph-test/dot";

// ---------------------------------------------------------------------------------------------
// Reading DOT back.

/// The text of an id as the DOT author meant it: quotes and escapes of a quoted string undone,
/// the angle brackets of an HTML string removed.
fn unquote(id: &Id) -> String {
    match id {
        Id::Escaped(quoted) => {
            let inner = &quoted[1..quoted.len() - 1];
            let mut out = String::new();
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some(other) => out.push(other),
                    None => out.push('\\'),
                }
            }
            out
        }
        Id::Html(html) => html[1..html.len() - 1].to_owned(),
        Id::Plain(text) | Id::Anonymous(text) => text.clone(),
    }
}

fn attrs(list: &[Attribute]) -> BTreeMap<String, String> {
    list.iter()
        .map(|Attribute(key, value)| (unquote(key), unquote(value)))
        .collect()
}

/// One node or edge statement of a parsed diagram.
#[derive(Debug, Default)]
struct Parsed {
    /// Node id → its attributes.
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    /// (from, to, attributes), in order.
    edges: Vec<(String, String, BTreeMap<String, String>)>,
    /// Cluster ids.
    clusters: Vec<String>,
}

impl Parsed {
    fn from_dot(dot: &str) -> Parsed {
        let graph = graphviz_rust::parse(dot).unwrap_or_else(|e| panic!("invalid DOT: {e}\n{dot}"));
        let Graph::DiGraph { stmts, .. } = graph else {
            panic!("not a digraph")
        };
        let mut parsed = Parsed::default();
        parsed.walk(&stmts);
        parsed
    }

    fn walk(&mut self, stmts: &[Stmt]) {
        for stmt in stmts {
            match stmt {
                Stmt::Node(node) => {
                    let id = unquote(&node.id.0);
                    assert!(
                        self.nodes
                            .insert(id.clone(), attrs(&node.attributes))
                            .is_none(),
                        "node `{id}` declared twice"
                    );
                }
                Stmt::Edge(edge) => {
                    let EdgeTy::Pair(Vertex::N(from), Vertex::N(to)) = &edge.ty else {
                        panic!("unexpected edge form {:?}", edge.ty)
                    };
                    self.edges
                        .push((unquote(&from.0), unquote(&to.0), attrs(&edge.attributes)));
                }
                Stmt::Subgraph(subgraph) => {
                    self.clusters.push(unquote(&subgraph.id));
                    self.walk(&subgraph.stmts);
                }
                _ => {}
            }
        }
    }

    /// Nodes whose id starts with `prefix`, the legend left out.
    fn nodes_with(&self, prefix: &str) -> BTreeSet<String> {
        self.nodes
            .keys()
            .filter(|id| id.starts_with(prefix))
            .cloned()
            .collect()
    }

    /// Edges outside the legend.
    fn map_edges(&self) -> Vec<&(String, String, BTreeMap<String, String>)> {
        self.edges
            .iter()
            .filter(|(from, to, _)| !from.starts_with("legend:") && !to.starts_with("legend:"))
            .collect()
    }
}

/// The text of an HTML label's first cell (a claim's statement), tags removed, entities
/// decoded.
fn first_cell_text(label: &str) -> String {
    let start = label.find("<TD").expect("a table cell");
    let body_start = start + label[start..].find('>').expect("cell tag ends") + 1;
    let end = body_start + label[body_start..].find("</TD>").expect("cell ends");
    html_text(&label[body_start..end])
}

/// The text of an HTML label fragment: line breaks as spaces, tags removed, entities decoded.
fn html_text(fragment: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in fragment.replace("<BR/>", " ").chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn load(path: &Path) -> Map {
    match argraph::load::load(path) {
        Ok(loaded) => loaded.map,
        Err(error) => panic!("{} does not load: {error}", path.display()),
    }
}

fn render(args: &[&str]) -> String {
    let result = run(args);
    assert_eq!(result.code, 0, "render {args:?} failed:\n{}", result.stderr);
    result.stdout
}

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("graphs/tiktok-wechat")
}

/// The maps every property is checked on.
fn maps() -> Vec<PathBuf> {
    vec![
        fixture("valid/mini.ron"),
        fixture("render/tricky.ron"),
        fixture("multi"),
        bundled(),
    ]
}

fn link_id(map: &Map, relation: RelationIx) -> String {
    match &map.relation(relation).id {
        Some(id) => format!("link:{id}"),
        None => format!("link:#{}", relation.index()),
    }
}

fn verb(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Supports => "supports",
        RelationKind::Rebuts => "rebuts",
        RelationKind::Undercuts => "undercuts",
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots of the DOT.

#[test]
fn snapshot_mini_claims() {
    insta::assert_snapshot!(render(&["render", "tests/fixtures/valid/mini.ron"]));
}

#[test]
fn snapshot_mini_actors() {
    insta::assert_snapshot!(render(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--level",
        "actors"
    ]));
}

#[test]
fn snapshot_tricky_claims_with_undercuts_and_escapes() {
    insta::assert_snapshot!(render(&["render", "tests/fixtures/render/tricky.ron"]));
}

#[test]
fn snapshot_tricky_actors_rollup() {
    insta::assert_snapshot!(render(&[
        "render",
        "tests/fixtures/render/tricky.ron",
        "--level",
        "actors",
        "--rollup",
        "--no-legend"
    ]));
}

#[test]
fn snapshot_selection_actor() {
    insta::assert_snapshot!(render(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--actor",
        "tiktok",
        "--no-legend"
    ]));
}

#[test]
fn snapshot_selection_focus() {
    insta::assert_snapshot!(render(&[
        "render",
        "tests/fixtures/render/tricky.ron",
        "--focus",
        "data-flows",
        "--depth",
        "1",
        "--no-legend"
    ]));
}

// ---------------------------------------------------------------------------------------------
// Properties of the DOT, parsed back.

/// Claim level: one node per claim, labelled with its statement; one point per attacked link;
/// exactly the map's relations as edges, each of its kind.
#[test]
fn claim_level_draws_every_claim_and_relation() {
    for path in maps() {
        let map = load(&path);
        let dot = render(&["render", path.to_str().expect("utf-8 path")]);
        let parsed = Parsed::from_dot(&dot);

        let expected: BTreeSet<String> =
            map.claims.keys().map(|id| format!("claim:{id}")).collect();
        assert_eq!(parsed.nodes_with("claim:"), expected, "{}", path.display());
        for (id, claim) in &map.claims {
            let label = &parsed.nodes[&format!("claim:{id}")]["label"];
            let shown = squeeze(&first_cell_text(label));
            let statement = squeeze(&claim.text);
            match shown.strip_suffix('…') {
                Some(start) => assert!(statement.starts_with(start), "{id}: {shown}"),
                None => assert_eq!(shown, statement, "{id}"),
            }
        }

        // Attacked links get a point; every relation is an edge (two through its point).
        let attacked: BTreeSet<RelationIx> = map
            .relations
            .iter()
            .filter_map(|r| match r.target {
                Target::Relation(target) => Some(target),
                Target::Claim(_) => None,
            })
            .collect();
        let points: BTreeSet<String> = attacked.iter().map(|&r| link_id(&map, r)).collect();
        assert_eq!(parsed.nodes_with("link:"), points, "{}", path.display());

        let mut expected_edges = BTreeSet::new();
        for relation in map.relation_indices() {
            let record = map.relation(relation);
            let from = format!("claim:{}", map.claim(record.from).id);
            let to = match record.target {
                Target::Claim(claim) => format!("claim:{}", map.claim(claim).id),
                Target::Relation(target) => link_id(&map, target),
            };
            let kind = verb(record.kind).to_owned();
            if attacked.contains(&relation) {
                let point = link_id(&map, relation);
                expected_edges.insert((from, point.clone(), kind.clone()));
                expected_edges.insert((point, to, kind));
            } else {
                expected_edges.insert((from, to, kind));
            }
        }
        let edges = parsed.map_edges();
        let drawn: BTreeSet<(String, String, String)> = edges
            .iter()
            .map(|(from, to, a)| (from.clone(), to.clone(), a["class"].clone()))
            .collect();
        assert_eq!(edges.len(), drawn.len(), "no edge drawn twice");
        assert_eq!(drawn, expected_edges, "{}", path.display());

        // Each kind has one look (colour, dash style), and the looks differ.
        let mut looks: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
        for (_, _, a) in edges {
            looks
                .entry(a["class"].clone())
                .or_default()
                .insert((a["color"].clone(), a["style"].clone()));
        }
        for (kind, set) in &looks {
            assert_eq!(set.len(), 1, "{kind} edges look alike");
        }
        let distinct: BTreeSet<_> = looks.values().flatten().collect();
        assert_eq!(distinct.len(), looks.len(), "kinds look different");
    }
}

/// Actor level: one node per actor with claims, one "supports" and one "disputes" edge per
/// ordered pair of actors whose claims relate, labelled with how many relations stand behind
/// (when more than one).
#[test]
fn actor_level_draws_every_actor_and_link() {
    for path in maps() {
        let map = load(&path);
        let dot = render(&[
            "render",
            path.to_str().expect("utf-8 path"),
            "--level",
            "actors",
        ]);
        let parsed = Parsed::from_dot(&dot);

        let expected: BTreeSet<String> = map
            .claims
            .values()
            .map(|claim| format!("actor:{}", map.actor(claim.actor).id))
            .collect();
        assert_eq!(parsed.nodes_with("actor:"), expected, "{}", path.display());
        for actor in map.actors.values() {
            if let Some(attrs) = parsed.nodes.get(&format!("actor:{}", actor.id)) {
                let shown = squeeze(&html_text(&attrs["label"]));
                assert!(shown.contains(&squeeze(&actor.name)), "{shown}");
            }
        }

        let mut counts: BTreeMap<(String, String, &str), usize> = BTreeMap::new();
        for relation in map.relation_indices() {
            let record = map.relation(relation);
            let from = map.actor(map.claim(record.from).actor).id.clone();
            let to = map
                .actor(argraph::graph::target_actor(&map, relation))
                .id
                .clone();
            let kind = match record.kind {
                RelationKind::Supports if from == to => continue,
                RelationKind::Supports => "supports",
                RelationKind::Rebuts | RelationKind::Undercuts => "disputes",
            };
            *counts
                .entry((format!("actor:{from}"), format!("actor:{to}"), kind))
                .or_default() += 1;
        }
        let edges = parsed.map_edges();
        assert_eq!(edges.len(), counts.len(), "{}", path.display());
        for (from, to, a) in edges {
            let n = counts[&(from.clone(), to.clone(), a["class"].as_str())];
            let label = if n == 1 {
                String::new()
            } else {
                format!("×{n}")
            };
            assert_eq!(a["label"], label, "{from} -> {to}");
        }
    }
}

/// `--actor` keeps the actor's claims and their neighbours; `--focus` the claims within the
/// depth.
#[test]
fn selections_keep_what_they_say() {
    // mini: tiktok-independent rebuts apps-feed-ccp, which supports true-security-issues.
    let dot = render(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--actor",
        "tiktok",
    ]);
    let parsed = Parsed::from_dot(&dot);
    let kept: BTreeSet<String> = ["claim:tiktok-independent", "claim:apps-feed-ccp"]
        .map(String::from)
        .into();
    assert_eq!(parsed.nodes_with("claim:"), kept);
    assert_eq!(parsed.map_edges().len(), 1);
    // The neighbour is context: dashed.
    assert!(parsed.nodes["claim:apps-feed-ccp"]["style"].contains("dashed"));

    // --focus with depth 0 keeps the claim alone; depth 1 its neighbours too.
    let alone = Parsed::from_dot(&render(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--focus",
        "true-security-issues",
        "--depth",
        "0",
    ]));
    assert_eq!(
        alone.nodes_with("claim:"),
        BTreeSet::from(["claim:true-security-issues".to_owned()])
    );
    let near = Parsed::from_dot(&render(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--focus",
        "true-security-issues",
        "--depth",
        "1",
    ]));
    assert_eq!(
        near.nodes_with("claim:"),
        ["claim:true-security-issues", "claim:apps-feed-ccp"]
            .map(String::from)
            .into()
    );

    // Focus on an undercut's target: the undercut and what it needs are drawn.
    let undercut = Parsed::from_dot(&render(&[
        "render",
        "tests/fixtures/render/tricky.ron",
        "--focus",
        "audit-weak",
        "--depth",
        "1",
    ]));
    let kept = undercut.nodes_with("claim:");
    for id in ["audit-weak", "no-flows", "data-flows", "audit-independent"] {
        assert!(kept.contains(&format!("claim:{id}")), "{id} in {kept:?}");
    }
}

#[test]
fn unknown_ids_are_errors_with_a_hint() {
    let result = run(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--actor",
        "tiktk",
    ]);
    assert_eq!(result.code, 1);
    assert!(
        result.stderr.contains("no actor `tiktk`"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("did you mean `tiktok`?"),
        "{}",
        result.stderr
    );
    let result = run(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--focus",
        "tiktok",
    ]);
    assert_eq!(result.code, 1);
    assert!(result.stderr.contains("is an actor"), "{}", result.stderr);
}

// ---------------------------------------------------------------------------------------------
// Graphviz.

fn have_dot() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Every DOT output is accepted by Graphviz, without a warning.
#[test]
fn graphviz_accepts_every_output() {
    if !have_dot() {
        eprintln!("skipped: Graphviz `dot` is not installed");
        return;
    }
    for path in maps() {
        let path = path.to_str().expect("utf-8 path");
        for extra in [
            &[][..],
            &["--level", "actors"],
            &["--level", "actors", "--rollup"],
        ] {
            let mut args = vec!["render", path];
            args.extend_from_slice(extra);
            let dot = render(&args);
            let output = graphviz(&dot);
            assert!(
                output.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
        }
    }
}

fn graphviz(dot: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("dot reads");
    child.wait_with_output().expect("dot finishes")
}

#[test]
fn svg_png_pdf_through_graphviz() {
    if !have_dot() {
        eprintln!("skipped: Graphviz `dot` is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let magic: [(&str, &[u8]); 3] = [
        ("svg", b"<?xml"),
        ("png", b"\x89PNG\r\n\x1a\n"),
        ("pdf", b"%PDF-"),
    ];
    for (extension, start) in magic {
        let out = dir.path().join(format!("map.{extension}"));
        let result = run(&[
            "render",
            "tests/fixtures/render/tricky.ron",
            "-o",
            out.to_str().expect("utf-8 path"),
        ]);
        assert_eq!(result.code, 0, "{extension}: {}", result.stderr);
        assert_eq!(result.stdout, "");
        let bytes = std::fs::read(&out).expect("written");
        assert!(bytes.starts_with(start), "{extension}");
        if extension == "svg" {
            let text = String::from_utf8(bytes).expect("utf-8 SVG");
            assert!(text.contains("<svg"));
            // The clusters and the legend are there: this is Graphviz, not the fallback.
            assert!(text.contains("Firm &amp; Co"));
            assert!(text.contains("Legend"));
        }
    }
    // --format overrides the extension, and binary goes to a redirected stdout.
    let output = argraph()
        .args(["render", "tests/fixtures/valid/mini.ron", "--format", "png"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(output.stdout.starts_with(b"\x89PNG"));
}

#[test]
fn without_graphviz_svg_falls_back_and_png_pdf_fail_with_advice() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (program_env, value) in [("ARGRAPH_DOT", NO_DOT), ("PATH", "")] {
        let svg = dir.path().join("map.svg");
        let output = argraph()
            .env(program_env, value)
            .args(["render", "tests/fixtures/render/tricky.ron", "-o"])
            .arg(&svg)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert_eq!(stderr.matches("note:").count(), 1, "said once: {stderr}");
        assert!(stderr.contains("Graphviz"), "{stderr}");
        assert!(stderr.contains("built-in layout"), "{stderr}");
        assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
        let text = std::fs::read_to_string(&svg).expect("written");
        assert!(text.contains("<svg"));
        assert!(
            text.contains("Firm &amp; Co"),
            "the fallback draws the claims"
        );
        std::fs::remove_file(&svg).expect("removed");

        for format in ["png", "pdf"] {
            let out = dir.path().join(format!("map.{format}"));
            let output = argraph()
                .env(program_env, value)
                .args(["render", "tests/fixtures/render/tricky.ron", "-o"])
                .arg(&out)
                .output()
                .expect("runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{stderr}");
            assert!(
                stderr.contains(&format!("{} needs Graphviz", format.to_uppercase())),
                "{stderr}"
            );
            assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
            assert!(
                stderr.contains("--format svg"),
                "names the fallback: {stderr}"
            );
            assert!(!out.exists(), "no file written");
        }
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("listed").collect();
    assert!(left.is_empty(), "nothing left behind: {left:?}");
}

/// A Graphviz that fails, even after writing part of its output, leaves the old file as it was
/// and no temporary file behind.
#[cfg(unix)]
#[test]
fn failed_output_leaves_no_half_written_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let fake = dir.path().join("half-dot");
    std::fs::write(
        &fake,
        "#!/bin/sh\ncat > /dev/null\nprintf '<svg half'\necho 'Error: out of memory' >&2\nexit 3\n",
    )
    .expect("script written");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let out = dir.path().join("map.svg");
    std::fs::write(&out, "old contents").expect("old file");

    let output = argraph()
        .env("ARGRAPH_DOT", &fake)
        .args(["render", "tests/fixtures/valid/mini.ron", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("failed with exit code 3"), "{stderr}");
    assert!(stderr.contains("out of memory"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "old contents");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["half-dot", "map.svg"]);

    // A directory that does not exist: exit 2, nothing created.
    let missing = dir.path().join("no-such-dir/map.dot");
    let result = run(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "-o",
        missing.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(result.stderr.contains("cannot write"), "{}", result.stderr);
}

#[test]
fn dot_file_is_written_whole_and_replaces_the_old_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("map.dot");
    std::fs::write(&out, "old").expect("old file");
    let result = run(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "-o",
        out.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        render(&["render", "tests/fixtures/valid/mini.ron"])
    );
}

#[test]
fn same_map_same_bytes() {
    let bundled = bundled();
    let path = bundled.to_str().expect("utf-8 path");
    for args in [
        vec!["render", path],
        vec!["render", path, "--level", "actors"],
        vec!["render", path, "--level", "actors", "--rollup"],
        vec!["render", path, "--actor", "pompeo"],
    ] {
        assert_eq!(render(&args), render(&args), "{args:?}");
    }
    // The built-in layout too.
    let fallback = || {
        argraph()
            .env("ARGRAPH_DOT", NO_DOT)
            .args([
                "render",
                "tests/fixtures/render/tricky.ron",
                "--format",
                "svg",
            ])
            .output()
            .expect("runs")
            .stdout
    };
    let first = fallback();
    assert!(first.starts_with(b"<svg") || String::from_utf8_lossy(&first).contains("<svg"));
    assert_eq!(first, fallback());
}

// ---------------------------------------------------------------------------------------------
// Large diagrams.

/// A stand-in for Graphviz that says it was called, and fails.
#[cfg(unix)]
fn fake_dot(dir: &Path, stderr: &str, code: i32) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-dot");
    std::fs::write(
        &path,
        format!("#!/bin/sh\ncat > /dev/null\necho '{stderr}' >&2\nexit {code}\n"),
    )
    .expect("script written");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

/// Above 2 000 nodes, a warning names the size and the flags that make a diagram smaller,
/// before Graphviz runs; without Graphviz, the built-in layout refuses instead of hanging.
#[cfg(unix)]
#[test]
fn large_diagrams_warn_before_graphviz_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big");
    let result = run(&[
        "generate",
        "--claims",
        "2100",
        "--actors",
        "30",
        "-o",
        big.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let map = load(&big);
    let nodes = argraph::render::diagram(&map, &argraph::render::Options::default()).nodes();
    assert!(nodes > 2000);

    let fake = fake_dot(dir.path(), "GRAPHVIZ RAN", 1);
    let out = dir.path().join("big.svg");
    let output = argraph()
        .env("ARGRAPH_DOT", &fake)
        .arg("render")
        .arg(&big)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let warning = stderr
        .find(&format!(
            "warning: this diagram has {nodes} nodes (more than 2000)"
        ))
        .unwrap_or_else(|| panic!("no warning: {stderr}"));
    let ran = stderr.find("GRAPHVIZ RAN").expect("Graphviz ran");
    assert!(warning < ran, "the warning comes first: {stderr}");
    for flag in [
        "`--level actors`",
        "`--actor ID`",
        "`--focus CLAIM --depth N`",
    ] {
        assert!(stderr.contains(flag), "names {flag}: {stderr}");
    }
    assert!(!out.exists());

    // The actor level of the same map is small: no warning.
    let output = argraph()
        .env("ARGRAPH_DOT", &fake)
        .arg("render")
        .arg(&big)
        .args(["--level", "actors", "--format", "svg"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("GRAPHVIZ RAN"), "{stderr}");
    assert!(!stderr.contains("warning: this diagram"), "{stderr}");

    // Without Graphviz the built-in layout would take minutes: it refuses, with the advice.
    let started = std::time::Instant::now();
    let output = argraph()
        .env("ARGRAPH_DOT", NO_DOT)
        .arg("render")
        .arg(&big)
        .args(["--format", "svg"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("built-in layout is too slow"), "{stderr}");
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert!(stderr.contains("`--level actors`"), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

// ---------------------------------------------------------------------------------------------
// --eval: claims coloured by status.

/// The fill, border style and DOT class of the legend's sample for each status.
fn status_legend(parsed: &Parsed) -> BTreeMap<String, (String, String)> {
    ["in", "out", "undec"]
        .iter()
        .map(|class| {
            let node = &parsed.nodes[&format!("legend:status:{class}")];
            assert_eq!(node["class"], *class);
            (
                class.to_uppercase(),
                (node["fillcolor"].clone(), node["style"].clone()),
            )
        })
        .collect()
}

/// On the teaching examples, under every semantics and support mode, each claim's colour is
/// the legend's colour for the status `argraph eval` gives it.
#[test]
fn eval_colours_match_eval_statuses() {
    let examples = ["nixon-diamond", "odd-cycle", "reinstatement"];
    let mut statuses_seen = BTreeSet::new();
    for example in examples {
        let path = format!("examples/semantics/{example}.ron");
        for semantics in ["grounded", "complete", "preferred", "stable"] {
            for support in ["none", "deductive", "necessary"] {
                let eval = render(&[
                    "eval",
                    &path,
                    "--semantics",
                    semantics,
                    "--support",
                    support,
                    "--format",
                    "json",
                ]);
                let eval: serde_json::Value = serde_json::from_str(&eval).expect("JSON");
                let dot = render(&["render", &path, "--eval", semantics, "--support", support]);
                let parsed = Parsed::from_dot(&dot);
                let legend = status_legend(&parsed);
                // Three statuses, three colours and three border styles (for grey print).
                let fills: BTreeSet<_> = legend.values().map(|(fill, _)| fill).collect();
                let styles: BTreeSet<_> = legend.values().map(|(_, style)| style).collect();
                assert_eq!((fills.len(), styles.len()), (3, 3));
                assert_eq!(
                    parsed.nodes.contains_key("legend:status:none"),
                    eval["has_extension"] == false,
                    "{example} {semantics}"
                );

                let claims = eval["claims"].as_array().expect("claims");
                assert_eq!(claims.len(), parsed.nodes_with("claim:").len());
                for claim in claims {
                    let id = claim["id"].as_str().expect("id");
                    let status = claim["status"].as_str().expect("status");
                    let credulous = claim["credulous"].as_bool().expect("credulous");
                    statuses_seen.insert(status.to_owned());
                    let node = &parsed.nodes[&format!("claim:{id}")];
                    let context = format!("{example} {semantics} {support} {id}");
                    assert_eq!(node["class"], status.to_lowercase(), "{context}");
                    assert_eq!(
                        (&node["fillcolor"], &node["style"]),
                        (&legend[status].0, &legend[status].1),
                        "{context}"
                    );
                    let word = if credulous && status != "IN" {
                        format!("<B>{status}*</B>")
                    } else {
                        format!("<B>{status}</B>")
                    };
                    assert!(
                        node["label"].contains(&word),
                        "{context}: {}",
                        node["label"]
                    );
                }
            }
        }
    }
    assert_eq!(statuses_seen.len(), 3, "the examples show every status");
}

#[test]
fn eval_on_the_bundled_map_is_valid_dot_with_a_status_legend() {
    let bundled = bundled();
    let dot = render(&[
        "render",
        bundled.to_str().expect("utf-8 path"),
        "--eval",
        "grounded",
    ]);
    let parsed = Parsed::from_dot(&dot);
    assert!(parsed.clusters.contains(&"cluster:status".to_owned()));
    let map = load(&bundled);
    assert_eq!(parsed.nodes_with("claim:").len(), map.claims.len());
    assert!(
        parsed
            .nodes
            .iter()
            .filter(|(id, _)| id.starts_with("claim:"))
            .all(|(_, a)| ["in", "out", "undec"].contains(&a["class"].as_str()))
    );
    if have_dot() {
        let output = graphviz(&dot);
        assert!(output.status.success());
        assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    }
}

/// Without Graphviz, the built-in layout colours by status too and prints the status word.
#[test]
fn eval_in_the_built_in_layout() {
    let output = argraph()
        .env("ARGRAPH_DOT", NO_DOT)
        .args([
            "render",
            "examples/semantics/reinstatement.ron",
            "--eval",
            "grounded",
            "--format",
            "svg",
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let svg = String::from_utf8_lossy(&output.stdout);
    // Two claims IN, one OUT (see the snapshot of the same map through Graphviz).
    assert_eq!(svg.matches(">IN<").count(), 2, "{svg}");
    assert_eq!(svg.matches(">OUT<").count(), 1, "{svg}");
    assert!(svg.contains("grounded semantics"), "the legend says which");
}

#[test]
fn eval_needs_the_claim_level_and_support_needs_eval() {
    let result = run(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--level",
        "actors",
        "--eval",
        "grounded",
    ]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("--eval colours claims"),
        "{}",
        result.stderr
    );
    let result = run(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--support",
        "deductive",
    ]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("--eval"), "{}", result.stderr);
    let result = run(&[
        "render",
        "tests/fixtures/valid/mini.ron",
        "--eval",
        "groundd",
    ]);
    assert_eq!(result.code, 2);
}

#[test]
fn snapshot_eval_reinstatement() {
    insta::assert_snapshot!(render(&[
        "render",
        "examples/semantics/reinstatement.ron",
        "--eval",
        "grounded",
        "--no-legend"
    ]));
}

// ---------------------------------------------------------------------------------------------
// Quoting: any text survives the trip through DOT.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Text quoted as an attribute value, and as an HTML label, parses back to the same text.
    #[test]
    fn any_text_round_trips_through_dot(raw in "(\\PC|[\"\\\\<>&\n\t\r{};=\\[\\]])*") {
        use argraph::render::quote::{Html, clean, html, quote, text};
        // graphviz-rust's parser reads an HTML id only when it ends with a tag (`>>`), as every
        // label of a diagram does: wrap the escaped text in one.
        let escaped = html(&Html::text(&raw));
        let escaped = if raw.is_empty() { "" } else { &escaped[1..escaped.len() - 1] };
        let dot = format!(
            "digraph {} {{\n  {}[label=<<B>{escaped}</B>> tooltip={}]\n}}\n",
            quote(&raw),
            quote(&raw),
            text(&raw)
        );
        let graph = graphviz_rust::parse(&dot).map_err(|e| TestCaseError::fail(format!("{e}: {dot}")))?;
        let Graph::DiGraph { id, stmts, .. } = graph else { panic!("digraph") };
        prop_assert_eq!(unquote(&id), raw.clone());
        let node = stmts.iter().find_map(|s| match s { Stmt::Node(n) => Some(n), _ => None });
        let node = node.expect("one node");
        prop_assert_eq!(unquote(&node.id.0), raw.clone());
        let a = attrs(&node.attributes);
        let label = a["label"].trim_start_matches("<B>").trim_end_matches("</B>");
        let label = label.replace("<BR/>", "\n").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        prop_assert_eq!(label, clean(&raw));
        prop_assert_eq!(a["tooltip"].replace("&amp;", "&"), clean(&raw));
    }
}

/// Every example of `argraph render --help` works on the bundled map.
#[test]
fn help_examples_work() {
    let help = render(&["render", "--help"]);
    let examples: Vec<&str> = help
        .lines()
        .filter_map(|line| line.trim().strip_prefix("argraph render "))
        .collect();
    assert!(examples.len() >= 5, "{help}");
    for example in examples {
        let command = example.split('|').next().unwrap_or_default();
        let mut args = vec!["render"];
        let mut words = command.split_whitespace();
        while let Some(word) = words.next() {
            if word == "-o" || word == "--format" {
                words.next();
            } else {
                args.push(word);
            }
        }
        args.extend(["--format", "dot"]);
        let dot = render(&args);
        Parsed::from_dot(&dot);
    }
}

/// A diagram large enough to be written on two threads and streamed (6 000 claims): stdout and
/// `-o` give the same DOT, which graphviz-rust reads with every claim in it; a reader that
/// closes the pipe early is not an error; a full disk is (exit 2, with what failed).
#[test]
fn large_diagrams_stream_to_stdout_and_files() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("tempdir");
    let map = dir.path().join("map");
    let made = run(&[
        "generate",
        "--claims",
        "6000",
        "--actors",
        "120",
        "-o",
        map.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let map = map.to_str().expect("UTF-8 path");

    let streamed = run(&["render", map, "--format", "dot"]);
    assert_eq!(streamed.code, 0, "{}", streamed.stderr);
    let file = dir.path().join("map.dot");
    let written = run(&["render", map, "-o", file.to_str().expect("UTF-8 path")]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let from_file = std::fs::read_to_string(&file).expect("the DOT file");
    assert_eq!(from_file, streamed.stdout);
    let graph = graphviz_rust::parse(&from_file).expect("valid DOT");
    let Graph::DiGraph { stmts, .. } = graph else {
        panic!("a digraph")
    };
    fn claims_in(stmts: &[Stmt]) -> usize {
        stmts
            .iter()
            .map(|stmt| match stmt {
                Stmt::Node(node) => match &node.id.0 {
                    Id::Escaped(id) => usize::from(id.starts_with("\"claim:")),
                    _ => 0,
                },
                Stmt::Subgraph(subgraph) => claims_in(&subgraph.stmts),
                _ => 0,
            })
            .sum()
    }
    assert_eq!(claims_in(&stmts), 6000);

    // `| head -c 100`: the reader goes away after a few bytes.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("argraph"))
        .args(["render", map, "--format", "dot"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("argraph starts");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut start = [0u8; 100];
    stdout.read_exact(&mut start).expect("the start of the DOT");
    drop(stdout);
    let output = child.wait_with_output().expect("argraph ends");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    if Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full opens");
        let output = Command::new(assert_cmd::cargo::cargo_bin("argraph"))
            .args(["render", map, "--format", "dot"])
            .stdout(full)
            .output()
            .expect("argraph runs");
        assert_eq!(output.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("cannot write to stdout"),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
