//! The explorer page (`argraph html`): what the page holds, checked here, and how it behaves in
//! a real browser, checked by `tests/browser/explorer.test.mjs` in headless Chromium.
//!
//! The browser tests need node, Chromium (`/usr/bin/chromium`, or `ARGRAPH_CHROMIUM`) and
//! playwright-core (at `.ci/node/node_modules`, where `.ci/run` installs it). Without them the
//! browser test says "skipped" and why, and passes. This module writes the pages and what
//! argraph's CLI says about the same maps (statuses from `argraph eval`, the disputes rows, the
//! quote and source of a claim) into a directory the browser tests read, so the page is checked
//! against the CLI, not against itself.

use crate::support::{fixture, run};
use argraph::model::{Map, RelationKind, Target};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bundled() -> PathBuf {
    repo().join("graphs/tiktok-wechat")
}

fn load(path: &Path) -> Map {
    argraph::load::load(path).expect("the map loads").map
}

/// Writes the page of `map` to `out` through the CLI.
fn html(map: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "html",
        map.to_str().expect("UTF-8 path"),
        "-o",
        out.to_str().expect("UTF-8 path"),
    ];
    args.extend_from_slice(extra);
    let done = run(&args);
    assert_eq!(done.code, 0, "argraph html failed: {}", done.stderr);
}

/// The JSON data a page carries.
fn page_data(page: &str) -> Value {
    let start = page
        .find(r#"<script type="application/json" id="argraph-data">"#)
        .expect("the page has its data");
    let rest = &page[start..];
    let open = rest.find('>').expect("tag closes") + 1;
    let close = rest.find("</script>").expect("script closes");
    serde_json::from_str(&rest[open..close]).expect("the data is JSON")
}

#[test]
fn the_page_is_self_contained_and_carries_the_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("debate.html");
    html(&bundled(), &out, &[]);
    let page = std::fs::read_to_string(&out).expect("page written");
    // Nothing is fetched: no external script, style, font or image.
    for needle in [
        "src=\"http",
        "href=\"http",
        "@import",
        "url(http",
        "<link ",
        "src=\"//",
    ] {
        assert!(!page.contains(needle), "the page refers to `{needle}`");
    }
    assert!(
        page.contains("default-src 'none'"),
        "the page forbids requests"
    );
    let data = page_data(&page);
    let map = load(&bundled());
    assert_eq!(
        data["claims"].as_array().map(Vec::len),
        Some(map.claims.len())
    );
    assert_eq!(
        data["relations"].as_array().map(Vec::len),
        Some(map.relations.len())
    );
    // Every claim's status under grounded semantics is the CLI's.
    let eval = eval_json(&bundled(), "grounded", "none");
    let grounded = data["statuses"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|s| s["semantics"] == "grounded" && s["support"] == "none")
        })
        .expect("grounded statuses");
    let letters: String = eval
        .iter()
        .map(|(_, status)| status.chars().next().unwrap_or('?'))
        .collect();
    assert_eq!(grounded["labels"].as_str(), Some(letters.as_str()));
    // The start is the most contested claim.
    let top = argraph::query::contested::contested(&map, false).claims[0].claim;
    assert_eq!(data["start"].as_u64(), Some(u64::from(top.0)));
    // Same map, same bytes.
    let again = dir.path().join("again.html");
    html(&bundled(), &again, &[]);
    assert_eq!(std::fs::read(&again).expect("read"), page.as_bytes());
}

#[test]
fn hostile_texts_stay_inside_the_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("hostile.html");
    html(&fixture("explorer/hostile.ron"), &out, &[]);
    let page = std::fs::read_to_string(&out).expect("page written");
    // The only script elements are the page's own four (no text of the map closes one or
    // opens another), and no text of the map appears raw.
    assert_eq!(page.matches("</script>").count(), 4);
    assert_eq!(page.matches("<script nonce=").count(), 3);
    assert!(!page.contains("window.__pwned = 'claim'</script>"));
    assert!(!page.contains("<img src=x"));
    let data = page_data(&page);
    assert_eq!(
        data["claims"][0]["text"].as_str(),
        Some("<script>window.__pwned = 'claim'</script>")
    );
}

#[test]
fn bad_arguments_are_clear_errors_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("page.html");
    let out_arg = out.to_str().expect("UTF-8");
    let done = run(&[
        "html",
        "graphs/tiktok-wechat",
        "--focus",
        "pompeo-feeding-dat",
        "-o",
        out_arg,
    ]);
    assert_eq!(done.code, 1);
    assert!(
        done.stderr.contains("did you mean `pompeo-feeding-data`"),
        "{}",
        done.stderr
    );
    let exercise = run(&[
        "html",
        fixture("valid/mini.ron").to_str().expect("UTF-8"),
        "--exercise",
        "-o",
        out_arg,
    ]);
    assert_eq!(exercise.code, 1);
    assert!(
        exercise.stderr.contains("no exercises"),
        "{}",
        exercise.stderr
    );
    let broken = run(&[
        "html",
        fixture("invalid").to_str().expect("UTF-8"),
        "-o",
        out_arg,
    ]);
    assert_eq!(broken.code, 1);
    assert!(
        !out.exists(),
        "no page is written for a bad map or argument"
    );
}

/// `argraph eval --format json`: (claim id, status) in map order.
fn eval_json(map: &Path, semantics: &str, support: &str) -> Vec<(String, String)> {
    eval_json_without(map, semantics, support, &[])
}

fn eval_json_without(
    map: &Path,
    semantics: &str,
    support: &str,
    without: &[&str],
) -> Vec<(String, String)> {
    let joined = without.join(",");
    let mut args = vec![
        "eval",
        map.to_str().expect("UTF-8"),
        "-s",
        semantics,
        "--support",
        support,
        "--format",
        "json",
    ];
    if !without.is_empty() {
        args.extend_from_slice(&["--without", &joined]);
    }
    let done = run(&args);
    assert_eq!(done.code, 0, "{}", done.stderr);
    let value: Value = serde_json::from_str(&done.stdout).expect("eval prints JSON");
    value["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or_default().to_owned(),
                c["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

const SEMANTICS: [&str; 6] = [
    "grounded",
    "complete",
    "preferred",
    "stable",
    "semi-stable",
    "ideal",
];
const SUPPORTS: [&str; 3] = ["none", "deductive", "necessary"];

/// The claims a claim's focus view shows at depth 1: those it relates to, either way, and for
/// an undercut the claims of the link it attacks (the page's `neighbourhood`).
fn neighbourhood(map: &Map, center: usize) -> BTreeSet<usize> {
    fn ends(map: &Map, relation: usize, out: &mut Vec<usize>) {
        let r = &map.relations[relation];
        out.push(r.from.index());
        match r.target {
            Target::Claim(c) => out.push(c.index()),
            Target::Relation(x) => ends(map, x.index(), out),
        }
    }
    let mut set = BTreeSet::from([center]);
    for i in 0..map.relations.len() {
        let mut claims = Vec::new();
        ends(map, i, &mut claims);
        // A relation touches the center when the center is one of its own two ends, or when it
        // undercuts a relation that does.
        let mut own = vec![map.relations[i].from.index()];
        match map.relations[i].target {
            Target::Claim(c) => own.push(c.index()),
            Target::Relation(x) => {
                let attacked = &map.relations[x.index()];
                own.push(attacked.from.index());
                if let Target::Claim(c) = attacked.target {
                    own.push(c.index());
                }
            }
        }
        if own.contains(&center) {
            set.extend(claims);
        }
    }
    set
}

/// Whether `argraph eval` takes `--without` (the what-if comparison needs it).
fn eval_has_without() -> bool {
    run(&["eval", "--help"]).stdout.contains("--without")
}

fn fixtures_json(dir: &Path, big: Option<usize>) -> Value {
    let map = load(&bundled());
    let start = argraph::query::contested::contested(&map, false).claims[0].claim;
    let start_id = map.claim(start).id.clone();
    let near = neighbourhood(&map, start.index());
    let linked_to = map
        .relations
        .iter()
        .find_map(|r| match r.target {
            Target::Claim(c) if c == start && r.kind != RelationKind::Undercuts => Some(r.from),
            _ => None,
        })
        .expect("the start claim is answered");
    let panel_id = "pompeo-feeding-data";
    let claim = &map.claims[panel_id];
    let source = map.source(claim.source);
    let actor = map.actor(claim.actor);
    let disputes = argraph::query::links::disputes(&map, None, false);
    let disputes_rollup = argraph::query::links::disputes(&map, None, true);
    let actor_id = map.actor(disputes_rollup[0].from).id.clone();
    // Search: three words of a quote find, first, the first claim in map order that has them.
    let quote = claim.quote.clone().unwrap_or_default();
    let query: Vec<String> = quote
        .split_whitespace()
        .take(4)
        .map(str::to_lowercase)
        .collect();
    let expect = map
        .claims
        .values()
        .find(|c| {
            let hay = format!(
                "{}\n{}\n{}\n{}\n{}",
                c.id,
                c.text,
                c.quote.as_deref().unwrap_or(""),
                map.actor(c.actor).name,
                map.actor(c.actor).id
            )
            .to_lowercase();
            query.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|c| c.id.clone())
        .expect("the quote finds its claim");
    let mut evals = Vec::new();
    for semantics in SEMANTICS {
        for support in SUPPORTS {
            let claims: Vec<Value> = eval_json(&bundled(), semantics, support)
                .into_iter()
                .map(|(id, status)| json!({"id": id, "status": status}))
                .collect();
            evals.push(json!({"semantics": semantics, "support": support, "claims": claims}));
        }
    }
    let (without, what_if) = if eval_has_without() {
        without_runs(&map)
    } else {
        eprintln!("note: `argraph eval --without` is missing; the what-if comparison is skipped");
        (Value::Null, Value::Null)
    };
    let class = load(&fixture("explorer/class.ron"));
    let exercises: Vec<Value> = class
        .expectations
        .iter()
        .map(|e| {
            let semantics = format!("{:?}", e.semantics).to_lowercase();
            let support = format!("{:?}", e.support).to_lowercase();
            let statuses = eval_json(&fixture("explorer/class.ron"), &semantics, &support);
            json!({"claim": class.claim(e.claim).id, "status": statuses[e.claim.index()].1})
        })
        .collect();
    let big = big.map(|claims| {
        let loaded = load(&dir.join("big"));
        let some = loaded.claims.values().nth(claims / 2).expect("a claim");
        let words: Vec<&str> = some.text.split_whitespace().take(3).collect();
        json!({"claims": claims, "query": words.join(" ")})
    });
    // A map to edit under `argraph serve`.
    let live = dir.join("live");
    let _ = std::fs::remove_dir_all(&live);
    std::fs::create_dir_all(&live).expect("live map directory");
    std::fs::copy(fixture("explorer/class.ron"), live.join("class.ron")).expect("live map");
    json!({
        "repo": repo(),
        "argraph": env!("CARGO_BIN_EXE_argraph"),
        "live": live,
        "chromium": chromium().map(|p| p.display().to_string()),
        "bundled": {
            "start": start_id,
            "questions": map.questions.len(),
            "startNeighbourhood": near.iter().map(|&i| map.claims[i].id.clone()).collect::<Vec<_>>(),
            "linked": {"from": start_id, "to": map.claim(linked_to).id},
            "panel": {
                "id": panel_id,
                "text": claim.text,
                "quote": quote,
                "sourceTitle": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "actorName": actor.name,
            },
            "disputeRows": disputes.len(),
            "disputeRowsRollup": disputes_rollup.len(),
            "actor": {"id": actor_id, "name": map.actors[actor_id.as_str()].name},
            "search": {"query": query.join(" "), "expect": expect},
            "eval": evals,
            "without": without,
            "whatIf": what_if,
        },
        "class": {
            "exercises": exercises,
            "question": class.questions.values().next().map(|q| json!({
                "id": q.id,
                "text": q.text,
                "for": q.for_claims.iter().map(|&c| class.claim(c).id.clone()).collect::<Vec<_>>(),
                "against": q.against_claims.iter().map(|&c| class.claim(c).id.clone()).collect::<Vec<_>>(),
            })),
        },
        "big": big,
    })
}

/// The statuses with each claim switched off alone, under every semantics and support mode:
/// through `argraph eval --without CLAIM` itself for grounded semantics (supports ignored), on
/// two threads, and through the library function behind it for the rest (the same code, without
/// 1 900 process starts); and one claim whose removal changes another's status (grounded).
fn without_runs(map: &Map) -> (Value, Value) {
    use argraph::semantics::map::evaluate_map_without;
    let ids: Vec<String> = map.claims.keys().cloned().collect();
    let half = ids.len() / 2;
    let cli = |part: &[String]| -> Vec<Value> {
        part.iter()
            .map(|id| {
                let labels: Vec<String> =
                    eval_json_without(&bundled(), "grounded", "none", &[id.as_str()])
                        .into_iter()
                        .map(|(_, status)| status)
                        .collect();
                json!({"off": [id], "semantics": "grounded", "support": "none", "labels": labels})
            })
            .collect()
    };
    let (mut runs, rest) = std::thread::scope(|scope| {
        let other = scope.spawn(|| cli(&ids[half..]));
        (cli(&ids[..half]), other.join().expect("worker"))
    });
    runs.extend(rest);
    for semantics in argraph::page::SEMANTICS_OFFERED {
        for support in [
            argraph::semantics::bipolar::SupportMode::None,
            argraph::semantics::bipolar::SupportMode::Deductive,
            argraph::semantics::bipolar::SupportMode::Necessary,
        ] {
            if semantics.name() == "grounded" && support.name() == "none" {
                continue;
            }
            for claim in map.claim_indices() {
                let evaluation = evaluate_map_without(map, semantics, support, &[claim])
                    .expect("the bundled map evaluates");
                let labels: Vec<String> = map
                    .claim_indices()
                    .map(|c| match evaluation.status(c) {
                        Some(label) => label.to_string(),
                        None => "OFF".to_owned(),
                    })
                    .collect();
                runs.push(json!({
                    "off": [map.claim(claim).id],
                    "semantics": semantics.name(),
                    "support": support.name(),
                    "labels": labels,
                }));
            }
        }
    }
    let base = eval_json(&bundled(), "grounded", "none");
    let what_if = runs
        .iter()
        .filter(|run| run["semantics"] == "grounded" && run["support"] == "none")
        .find_map(|run| {
            let off = run["off"][0].as_str()?;
            let changed: Vec<&str> = run["labels"]
                .as_array()?
                .iter()
                .zip(&base)
                .filter(|(now, (id, was))| id != off && now.as_str() != Some(was.as_str()))
                .map(|(_, (id, _))| id.as_str())
                .collect();
            (!changed.is_empty()).then(|| json!({"off": off, "changed": changed}))
        })
        .unwrap_or(Value::Null);
    (Value::Array(runs), what_if)
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("ARGRAPH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.exists().then_some(path)
}

fn node_modules() -> Option<PathBuf> {
    let path = repo().join(".ci/node/node_modules");
    path.join("playwright-core").exists().then_some(path)
}

fn node() -> Option<PathBuf> {
    let found = Command::new("node").arg("--version").output().ok()?;
    found.status.success().then(|| PathBuf::from("node"))
}

#[test]
fn the_page_works_in_a_real_browser() {
    let (Some(node), Some(chromium), Some(modules)) = (node(), chromium(), node_modules()) else {
        eprintln!(
            "skipped: the explorer's browser tests need node, Chromium (/usr/bin/chromium or ARGRAPH_CHROMIUM) and playwright-core (`npm install --prefix .ci/node playwright-core@1.65.2`); `.ci/run` installs them"
        );
        return;
    };
    let _ = chromium;
    // ARGRAPH_EXPLORER_DIR keeps the pages, the fixtures and the screenshots, for running
    // `node --test tests/browser/explorer.test.mjs` again by hand.
    let temporary = tempfile::tempdir().expect("tempdir");
    let kept = std::env::var_os("ARGRAPH_EXPLORER_DIR").map(PathBuf::from);
    let path = kept.as_deref().unwrap_or(temporary.path());
    let _ = std::fs::remove_dir_all(path.join("big"));
    std::fs::create_dir_all(path).expect("directory for the pages");
    html(&bundled(), &path.join("debate.html"), &[]);
    let class = fixture("explorer/class.ron");
    html(&class, &path.join("class.html"), &[]);
    html(&class, &path.join("class-exercise.html"), &["--exercise"]);
    html(
        &fixture("explorer/hostile.ron"),
        &path.join("hostile.html"),
        &[],
    );
    let big_claims = 10_000;
    let generated = run(&[
        "generate",
        "--claims",
        &big_claims.to_string(),
        "--actors",
        "300",
        "-o",
        path.join("big").to_str().expect("UTF-8"),
    ]);
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    html(&path.join("big"), &path.join("big.html"), &[]);
    let fixtures = fixtures_json(path, Some(big_claims));
    std::fs::write(
        path.join("fixtures.json"),
        serde_json::to_string_pretty(&fixtures).expect("JSON"),
    )
    .expect("fixtures written");
    let output = Command::new(node)
        .arg("--test")
        .arg("--test-reporter=spec")
        .arg(repo().join("tests/browser/explorer.test.mjs"))
        .env("ARGRAPH_EXPLORER_DIR", path)
        .env("ARGRAPH_NODE_MODULES", &modules)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    if let Some(keep) = std::env::var_os("ARGRAPH_KEEP_EXPLORER") {
        let keep = PathBuf::from(keep);
        let _ = std::fs::create_dir_all(&keep);
        for entry in std::fs::read_dir(path.join("screenshots"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let _ = std::fs::copy(entry.path(), keep.join(entry.file_name()));
        }
    }
    assert!(
        output.status.success(),
        "the browser tests failed:\n{stdout}\n{stderr}"
    );
}
