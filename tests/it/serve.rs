//! `argraph serve`: routes, live rebuilds and memory over many edit cycles, through the real
//! binary and plain HTTP (the browser side is in tests/browser/explorer.test.mjs).

use crate::support::fixture;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `argraph serve` on a free port, killed when dropped.
struct Served {
    child: Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(map: &Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_argraph"))
        .args(["serve", map.to_str().expect("UTF-8"), "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("argraph serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the address line");
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Served { child, port }
}

/// Sends `GET path` exactly as written; the status code and the body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("request sent");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    let code = response
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (code, body)
}

fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/status").1).expect("status is JSON")
}

/// Waits until `/status` reports a version above `after` that satisfies `wanted`: a rebuild
/// may read a file in the middle of being written (empty), and the next rebuild mends it.
fn wait_for(
    port: u16,
    after: u64,
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let now = status(port);
        if now["version"].as_u64().unwrap_or(0) > after && wanted(&now) {
            return now;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no rebuild after an edit: {now}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

#[test]
fn serves_its_routes_only_and_follows_edits_without_growing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("class.ron");
    let original =
        std::fs::read_to_string(fixture("explorer/class.ron")).expect("fixture readable");
    std::fs::write(&file, &original).expect("map written");
    let served = serve(dir.path());
    let port = served.port;
    let (code, page) = get(port, "/");
    assert_eq!(code, 200);
    assert!(page.contains("The app sends residents"));
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/..%2f..%2fetc%2fpasswd",
        "/class.ron",
        "//etc/passwd",
    ] {
        assert_eq!(get(port, path).0, 404, "{path}");
    }
    let first = status(port);
    assert!(first["problems"].is_null());
    // A broken file is reported, with its location, and the page stays the last good one.
    let mut version = first["version"].as_u64().unwrap_or(0);
    std::fs::write(&file, original.replace("actor: \"city\"", "actor: \"cty\"")).expect("edit");
    let broken = wait_for(port, version, |s| {
        s["problems"].as_str().is_some_and(|p| p.contains("`cty`"))
    });
    let problems = broken["problems"].as_str().unwrap_or_default();
    assert!(problems.contains("class.ron:"), "{problems}");
    assert!(problems.contains("did you mean `city`"), "{problems}");
    assert!(get(port, "/").1.contains("The app sends residents"));
    version = broken["version"].as_u64().unwrap_or(0);
    // Many edit cycles: memory settles instead of growing with each page.
    let mut rss_after_warm_up = None;
    for cycle in 0..24 {
        let text = original.replace(
            "The app sends residents' data abroad.",
            &format!("The app sends residents' data abroad ({cycle})."),
        );
        std::fs::write(&file, text).expect("edit");
        let now = wait_for(port, version, |s| s["problems"].is_null());
        // A rebuild started by the previous edit may end after this one was written: wait for
        // the page that holds this edit (the watcher rebuilds again after every change).
        let expected = format!("abroad ({cycle}).");
        let started = Instant::now();
        while !get(port, "/").1.contains(&expected) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the page never showed edit {cycle}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        version = now["version"].as_u64().unwrap_or(0);
        if cycle == 5 {
            rss_after_warm_up = rss_kib(served.child.id());
        }
    }
    assert!(get(port, "/").1.contains("abroad (23)."));
    if let (Some(before), Some(after)) = (rss_after_warm_up, rss_kib(served.child.id())) {
        assert!(
            after < before + 16 * 1024,
            "memory grew from {before} KiB to {after} KiB over 18 edit cycles"
        );
    }
}
