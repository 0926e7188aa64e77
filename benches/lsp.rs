//! The language server: how long after a change in a 10 000-claim map its diagnostics arrive
//! (issue 19: within 100 ms). Measured end to end, in process, over an in-memory connection:
//! a `didChange` of one claims file (a misspelt actor, then mended, in turn) until the
//! `publishDiagnostics` of that file arrives, so the figure holds the pause the server waits
//! for the typing to stop (`argraph::lsp::DEBOUNCE`, 25 ms) and a check of the whole map.
//!
//! ```text
//! cargo bench --bench lsp
//! ```

use argraph::generate::{GenerateOptions, generate};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;
use std::time::Duration;

fn main() {
    divan::main();
}

/// A generated map of `claims` claims in a temporary directory (`argraph generate --claims N
/// --actors N/20`), and the path of its first claims file.
fn map(claims: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let options = GenerateOptions {
        claims,
        actors: (claims / 20).max(10),
        ..GenerateOptions::default()
    };
    let mut first = None;
    for file in generate(&options) {
        let path = dir.path().join(&file.name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("directory");
        }
        std::fs::write(&path, &file.text).expect("write");
        if first.is_none() && file.text.contains("claims: [") {
            first = Some(path);
        }
    }
    let first = first.expect("a claims file");
    (dir, first)
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn diagnostics_after_a_change(bencher: divan::Bencher, claims: usize) {
    let (_dir, file) = map(claims);
    let text = std::fs::read_to_string(&file).expect("read");
    let uri = url::Url::from_file_path(&file).expect("uri").to_string();
    // A misspelt reference: the first `actor: "x"` gets a letter more.
    let at = text.find("actor: \"").expect("a claim") + "actor: \"".len();
    let broken = format!("{}q{}", &text[..at], &text[at..]);

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || argraph::lsp::run(&server));
    let send = |message: Message| client.sender.send(message).expect("server alive");
    let receive_until = |want: &dyn Fn(&Message) -> bool| loop {
        let message = client
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("an answer");
        if want(&message) {
            return message;
        }
    };
    send(Message::Request(Request::new(
        RequestId::from(1),
        "initialize".to_owned(),
        json!({"capabilities": {}}),
    )));
    receive_until(&|m| matches!(m, Message::Response(_)));
    send(Message::Notification(Notification::new(
        "initialized".to_owned(),
        json!({}),
    )));
    let diagnostics_of_file = |m: &Message| match m {
        Message::Notification(n) => {
            n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri.as_str()
        }
        _ => false,
    };
    send(Message::Notification(Notification::new(
        "textDocument/didOpen".to_owned(),
        json!({"textDocument": {"uri": uri, "languageId": "ron", "version": 1, "text": text}}),
    )));
    receive_until(&diagnostics_of_file);

    let mut version = 1;
    bencher.bench_local(|| {
        version += 1;
        let next = if version % 2 == 0 { &broken } else { &text };
        send(Message::Notification(Notification::new(
            "textDocument/didChange".to_owned(),
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": next}]}),
        )));
        receive_until(&diagnostics_of_file)
    });

    send(Message::Request(Request::new(
        RequestId::from(2),
        "shutdown".to_owned(),
        json!(null),
    )));
    receive_until(&|m| matches!(m, Message::Response(_)));
    send(Message::Notification(Notification::new(
        "exit".to_owned(),
        json!(null),
    )));
    let _ = thread.join();
}
