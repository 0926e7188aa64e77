//! `argraph lsp` spoken to over stdio, as an editor does: JSON-RPC messages with
//! `Content-Length` headers, requests answered by id, diagnostics pushed as notifications.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How long any answer may take before the test fails (generous: CI machines are slow).
const PATIENCE: Duration = Duration::from_secs(20);

/// A client speaking to one `argraph lsp` process.
pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications received while waiting for something else.
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Starts the server and initializes it.
    pub fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argraph"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("argraph lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            pending: Vec::new(),
            next_id: 0,
        };
        let result = client.request("initialize", json!({"capabilities": {}, "processId": null}));
        assert!(
            result["capabilities"]["definitionProvider"]
                .as_bool()
                .unwrap_or(false)
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer: the result, or the error object as `Err`.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self
                .receive(deadline)
                .unwrap_or_else(|| panic!("no answer to {method}"));
            if message["id"] == json!(id) && message.get("method").is_none() {
                return match message.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(message["result"].clone()),
                };
            }
            self.pending.push(message);
        }
    }

    /// Sends a request that must succeed.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.request_raw(method, params)
            .unwrap_or_else(|error| panic!("{method} failed: {error}"))
    }

    fn receive(&mut self, deadline: Instant) -> Option<Value> {
        let wait = deadline.saturating_duration_since(Instant::now());
        self.messages.recv_timeout(wait).ok()
    }

    /// Waits for the diagnostics of `uri` that satisfy `test`, and returns them.
    pub fn diagnostics(&mut self, uri: &str, test: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + PATIENCE;
        let mut last = None;
        loop {
            let pending = std::mem::take(&mut self.pending);
            let mut found = None;
            for message in pending {
                let ours = message["method"] == "textDocument/publishDiagnostics"
                    && message["params"]["uri"] == uri;
                if found.is_some() || !ours {
                    self.pending.push(message);
                    continue;
                }
                let list = message["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                if test(&list) {
                    found = Some(list.clone());
                }
                last = Some(list);
            }
            if let Some(list) = found {
                return list;
            }
            match self.receive(deadline) {
                Some(message) => self.pending.push(message),
                None => panic!("no diagnostics as expected for {uri}; last: {last:#?}"),
            }
        }
    }

    /// Shuts the server down and says how it exited.
    pub fn shutdown(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A map of three files in a temporary directory.
pub struct TestMap {
    pub dir: tempfile::TempDir,
}

pub const PARTIES: &str = r#"(
    sources: [
        (id: "independent-2020", title: "Trump could ban more apps", publisher: "The Independent", date: "2020-08-03"),
    ],
    actors: [
        (id: "us-gov", name: "U.S. government", kind: government),
        (id: "pompeo", name: "Mike Pompeo", kind: official, member_of: "us-gov"),
        (id: "tiktok", name: "TikTok", kind: product),
    ],
)
"#;

pub const CLAIMS: &str = r#"(
    claims: [
        (
            id: "apps-feed-ccp",
            actor: "pompeo",
            text: "Chinese apps feed user data to the Chinese Communist Party.",
            quote: "are feeding data directly to the Chinese Communist Party",
            source: "independent-2020",
            about: ["tiktok"],
        ),
        (
            id: "tiktok-independent",
            actor: "tiktok",
            text: "TikTok does not operate with the Chinese government.",
            quote: "it does not operate with the Chinese government",
            source: "independent-2020",
            about: ["tiktok"],
        ),
    ],
)
"#;

pub const RELATIONS: &str = r#"(
    relations: [
        (id: "denial", from: "tiktok-independent", rebuts: "apps-feed-ccp"),
    ],
)
"#;

impl TestMap {
    pub fn new() -> TestMap {
        let dir = tempfile::tempdir().expect("temporary directory");
        for (name, text) in [
            ("a-parties.ron", PARTIES),
            ("b-claims.ron", CLAIMS),
            ("c-relations.ron", RELATIONS),
        ] {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        TestMap { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn uri(&self, name: &str) -> String {
        uri(&self.path(name))
    }
}

pub fn uri(path: &Path) -> String {
    url::Url::from_file_path(path)
        .expect("absolute path")
        .to_string()
}

/// The `(line, character)` of the first occurrence of `needle` in `text`, plus `shift`
/// characters (ASCII texts only).
pub fn position_of(text: &str, needle: &str, shift: usize) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in text"))
        + shift;
    let line = text[..offset].matches('\n').count();
    let character = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": character})
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ron", "version": 1, "text": text}}),
    );
}

fn change(client: &mut Client, uri: &str, version: i32, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

fn at(uri: &str, text: &str, needle: &str, shift: usize) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position_of(text, needle, shift)})
}

fn codes(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn diagnostics_follow_the_typing_in_every_file_and_clear_when_mended() {
    let map = TestMap::new();
    let (claims, relations) = (map.uri("b-claims.ron"), map.uri("c-relations.ron"));
    let mut client = Client::start();
    open(&mut client, &claims, CLAIMS);
    // The map is valid: every file gets an empty list.
    client.diagnostics(&claims, |list| list.is_empty());
    client.diagnostics(&relations, |list| list.is_empty());

    // A misspelt actor: an error on the right line and column, with its code and hint.
    let typo = CLAIMS.replacen("actor: \"pompeo\"", "actor: \"pompeoo\"", 1);
    change(&mut client, &claims, 2, &typo);
    let list = client.diagnostics(&claims, |list| !list.is_empty());
    assert_eq!(codes(&list), ["unknown-reference"], "{list:#?}");
    assert_eq!(
        list[0]["range"]["start"],
        position_of(&typo, "\"pompeoo\"", 0)
    );
    assert_eq!(list[0]["severity"], 1);
    let message = list[0]["message"].as_str().unwrap();
    assert!(message.contains("did you mean `pompeo`?"), "{message}");

    // Renaming a claim breaks the relation in another file: that file is told too.
    let renamed = CLAIMS.replacen("id: \"apps-feed-ccp\"", "id: \"apps-feed\"", 1);
    change(&mut client, &claims, 3, &renamed);
    let list = client.diagnostics(&relations, |list| !list.is_empty());
    assert_eq!(codes(&list), ["unknown-reference"], "{list:#?}");
    client.diagnostics(&claims, |list| list.is_empty());

    // Mended: both files are cleared.
    // (Only changed lists are sent: `b-claims.ron` was cleared above and stays clear.)
    change(&mut client, &claims, 4, CLAIMS);
    client.diagnostics(&relations, |list| list.is_empty());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn incremental_changes_are_applied_in_place() {
    let map = TestMap::new();
    let claims = map.uri("b-claims.ron");
    let mut client = Client::start();
    open(&mut client, &claims, CLAIMS);
    client.diagnostics(&claims, |list| list.is_empty());
    // Insert one `o` after `pompeo`, as an editor sends a keystroke.
    let mut end = position_of(CLAIMS, "\"pompeo\"", 7);
    let start = end.clone();
    end["character"] = start["character"].clone();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": claims, "version": 2},
               "contentChanges": [{"range": {"start": start, "end": end}, "text": "o"}]}),
    );
    let list = client.diagnostics(&claims, |list| !list.is_empty());
    assert!(
        list[0]["message"]
            .as_str()
            .unwrap()
            .contains("no actor `pompeoo`"),
        "{list:#?}"
    );
}

#[test]
fn definition_references_hover_and_completion() {
    let map = TestMap::new();
    let (parties, claims, relations) = (
        map.uri("a-parties.ron"),
        map.uri("b-claims.ron"),
        map.uri("c-relations.ron"),
    );
    let mut client = Client::start();
    open(&mut client, &relations, RELATIONS);
    client.diagnostics(&relations, |list| list.is_empty());

    // From a relation's target to the claim, in another file.
    let found = client.request(
        "textDocument/definition",
        at(&relations, RELATIONS, "\"apps-feed-ccp\"", 3),
    );
    assert_eq!(found["uri"], claims.as_str());
    assert_eq!(
        found["range"]["start"],
        position_of(CLAIMS, "\"apps-feed-ccp\"", 0)
    );
    // From a claim's actor, and from an actor's organisation.
    let found = client.request(
        "textDocument/definition",
        at(&claims, CLAIMS, "\"pompeo\"", 1),
    );
    assert_eq!(found["uri"], parties.as_str());
    assert_eq!(
        found["range"]["start"],
        position_of(PARTIES, "\"pompeo\"", 0)
    );
    let found = client.request(
        "textDocument/definition",
        at(&parties, PARTIES, "member_of: \"us-gov\"", 13),
    );
    assert_eq!(
        found["range"]["start"],
        position_of(PARTIES, "\"us-gov\"", 0)
    );
    // Nothing to go to on a field name.
    let found = client.request("textDocument/definition", at(&claims, CLAIMS, "quote", 1));
    assert!(found.is_null(), "{found}");

    // References to `tiktok`: its definition, one `actor`, three `about`.
    let mut params = at(&parties, PARTIES, "\"tiktok\"", 2);
    params["context"] = json!({"includeDeclaration": true});
    let found = client.request("textDocument/references", params);
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_eq!(
        found.iter().filter(|l| l["uri"] == claims.as_str()).count(),
        3
    );

    // Hover on a claim: text, quote, actor, source and grounded status (rebutted: rejected).
    let hover = client.request(
        "textDocument/hover",
        at(&relations, RELATIONS, "apps-feed-ccp", 2),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    for expected in [
        "**claim** `apps-feed-ccp`",
        "status under grounded semantics: **rejected (Out)**",
        "Chinese apps feed user data",
        "> are feeding data directly",
        "actor: Mike Pompeo (`pompeo`)",
        "source: Trump could ban more apps (`independent-2020`)",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    // On an actor: name, kind, organisation, claims made and disputes.
    let hover = client.request("textDocument/hover", at(&parties, PARTIES, "\"tiktok\"", 2));
    let text = hover["contents"]["value"].as_str().unwrap();
    for expected in [
        "**actor** `tiktok`: TikTok",
        "kind: product",
        "makes 1 claim; its claims rebut or undercut 1 time and are rebutted or undercut 0 times",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let hover = client.request("textDocument/hover", at(&parties, PARTIES, "\"pompeo\"", 2));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("member of: U.S. government (`us-gov`)"),
        "{text}"
    );
    // On a source: title, publisher and date.
    let hover = client.request(
        "textDocument/hover",
        at(&claims, CLAIMS, "\"independent-2020\"", 2),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    for expected in [
        "Trump could ban more apps",
        "publisher: The Independent",
        "date: 2020-08-03",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }

    // Completion while typing a new relation: the target's claims, with their text.
    let typing = RELATIONS.replacen(
        "    ],",
        "        (from: \"apps-feed-ccp\", supports: \"ti\n    ],",
        1,
    );
    change(&mut client, &relations, 2, &typing);
    let mut params = at(&relations, &typing, "supports: \"ti", 13);
    params["context"] = json!({"triggerKind": 1});
    let list = client.request("textDocument/completion", params);
    let items = list["items"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["tiktok-independent"], "{list:#}");
    assert_eq!(
        items[0]["detail"],
        "TikTok does not operate with the Chinese government."
    );
    assert_eq!(items[0]["textEdit"]["newText"], "tiktok-independent");
    // Actors after `actor:`, without a quote typed yet: the id comes quoted.
    let typing = CLAIMS.replacen("actor: \"tiktok\"", "actor: ", 1);
    change(&mut client, &claims, 2, &typing);
    let mut params = at(&claims, &typing, "actor: ,", 7);
    params["context"] = json!({"triggerKind": 1});
    let list = client.request("textDocument/completion", params);
    let items = list["items"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["us-gov", "pompeo", "tiktok"]);
    assert_eq!(items[1]["detail"], "Mike Pompeo");
    assert_eq!(items[1]["textEdit"]["newText"], "\"pompeo\"");
    // Actor kinds after `kind:`; field names in a record.
    let typing = PARTIES.replacen("kind: product", "kind: pro", 1);
    change(&mut client, &parties, 2, &typing);
    let params = at(&parties, &typing, "kind: pro", 9);
    let list = client.request("textDocument/completion", params);
    let labels: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"product") && labels.contains(&"research_lab"),
        "{labels:?}"
    );
    let typing = PARTIES.replacen("kind: product)", "kind: product, ro)", 1);
    change(&mut client, &parties, 3, &typing);
    let list = client.request("textDocument/completion", at(&parties, &typing, "ro)", 2));
    let labels: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["id", "name", "kind", "member_of", "role", "note"]);
    assert_eq!(client.shutdown(), Some(0));
}

/// In a record of each section, the server offers exactly the fields the schema defines for it
/// (read from the records' serde definitions, not listed by hand), each marked required or
/// optional; at the top of a file, exactly the sections.
#[test]
fn completion_offers_the_fields_of_the_schema() {
    let map = TestMap::new();
    let uri = map.uri("d-new.ron");
    let mut client = Client::start();
    let labels = |list: &Value| -> Vec<(String, String)> {
        list["items"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|item| {
                let label = item["label"].as_str().unwrap_or("").to_owned();
                (label, item["detail"].as_str().unwrap_or("").to_owned())
            })
            .collect()
    };
    let text = "(\n    ";
    open(&mut client, &uri, text);
    let list = client.request("textDocument/completion", at(&uri, text, "    ", 4));
    let sections: Vec<&str> = argraph::schema::sections().iter().map(|s| s.name).collect();
    let offered: Vec<String> = labels(&list).into_iter().map(|(label, _)| label).collect();
    assert_eq!(offered, sections);
    for (version, section) in (2..).zip(argraph::schema::sections()) {
        let text = format!("(\n    {}: [\n        (", section.name);
        change(&mut client, &uri, version, &text);
        let list = client.request("textDocument/completion", at(&uri, &text, "(", text.len()));
        let expected: Vec<(String, String)> = section
            .fields
            .iter()
            .map(|field| {
                let detail = if field.required {
                    "required"
                } else {
                    "optional"
                };
                (field.name.to_owned(), detail.to_owned())
            })
            .collect();
        assert_eq!(labels(&list), expected, "{}", section.name);
    }
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn broken_input_gives_diagnostics_and_the_server_lives_on() {
    let map = TestMap::new();
    std::fs::write(map.path("d-binary.ron"), [0u8, 159, 146, 150, 0, 1, 2, 255]).unwrap();
    std::fs::write(map.path("e-latin1.ron"), b"(claims: [(id: \"caf\xe9\")])").unwrap();
    let claims = map.uri("b-claims.ron");
    let mut client = Client::start();
    open(&mut client, &claims, CLAIMS);
    let list = client.diagnostics(&map.uri("d-binary.ron"), |list| !list.is_empty());
    assert_eq!(codes(&list), ["invalid-utf8"]);
    assert!(list[0]["message"].as_str().unwrap().contains("binary file"));
    let list = client.diagnostics(&map.uri("e-latin1.ron"), |list| !list.is_empty());
    assert_eq!(codes(&list), ["invalid-utf8"]);

    // Half-typed records, one keystroke at a time: the server answers every request.
    let target =
        "        (id: \"new\", actor: \"tiktok\", text: \"x\", source: \"independent-2020\"),\n";
    let insert_at = CLAIMS.find("    ],").unwrap();
    for (version, end) in (1..=target.len()).step_by(7).enumerate() {
        let text = format!(
            "{}{}{}",
            &CLAIMS[..insert_at],
            &target[..end],
            &CLAIMS[insert_at..]
        );
        change(&mut client, &claims, version as i32 + 2, &text);
        let position = position_of(&text, &target[..end], end);
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
        ] {
            let params = json!({"textDocument": {"uri": claims}, "position": position});
            client.request(method, params);
        }
    }
    // Nonsense, an enormous line, deep nesting: diagnostics, never a crash.
    for (version, text) in [
        "\u{0}\u{1}(((((".to_owned(),
        "(".repeat(100_000),
        format!("(claims: [(id: \"{}\")])", "x".repeat(2_000_000)),
        String::new(),
    ]
    .into_iter()
    .enumerate()
    {
        change(&mut client, &claims, version as i32 + 100, &text);
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": claims}, "position": {"line": 0, "character": 3}}),
        );
    }
    // Positions past the end, unknown files and unknown methods get answers, not silence.
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": claims}, "position": {"line": 9999, "character": 9999}}),
    );
    let error = client
        .request_raw("argraph/nothing", json!({}))
        .expect_err("unknown method");
    assert_eq!(error["code"], -32601);
    change(&mut client, &claims, 200, CLAIMS);
    client.diagnostics(&claims, |list| list.is_empty());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn rename_across_files_and_its_refusals() {
    let map = TestMap::new();
    let (parties, claims, relations) = (
        map.uri("a-parties.ron"),
        map.uri("b-claims.ron"),
        map.uri("c-relations.ron"),
    );
    let mut client = Client::start();
    open(&mut client, &claims, CLAIMS);
    client.diagnostics(&claims, |list| list.is_empty());

    let position = at(&claims, CLAIMS, "\"apps-feed-ccp\"", 4);
    let prepared = client.request("textDocument/prepareRename", position.clone());
    assert_eq!(prepared["placeholder"], "apps-feed-ccp");
    assert_eq!(
        prepared["range"]["start"],
        position_of(CLAIMS, "apps-feed-ccp", 0)
    );

    // The claim is defined in one file and named in another: one edit in each.
    let mut params = position.clone();
    params["newName"] = json!("apps-feed-party");
    let edit = client.request("textDocument/rename", params);
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 2, "{edit:#}");
    assert_eq!(changes[&claims].as_array().unwrap().len(), 1);
    let in_relations = &changes[&relations][0];
    assert_eq!(in_relations["newText"], "apps-feed-party");
    assert_eq!(
        in_relations["range"]["start"],
        position_of(RELATIONS, "apps-feed-ccp", 0)
    );
    assert_eq!(
        in_relations["range"]["end"],
        position_of(RELATIONS, "apps-feed-ccp", "apps-feed-ccp".len())
    );
    // An actor renamed from its definition: its `actor`, `about` and `member_of` references.
    let mut params = at(&parties, PARTIES, "\"tiktok\"", 2);
    params["newName"] = json!("tiktok-app");
    let edit = client.request("textDocument/rename", params);
    let count = |uri: &str| edit["changes"][uri].as_array().map_or(0, Vec::len);
    assert_eq!((count(&parties), count(&claims)), (1, 3), "{edit:#}");

    // Refused, with the reason: taken (whatever the kind), not kebab-case, nothing to rename.
    let refuse = |client: &mut Client, name: &str| {
        let mut params = position.clone();
        params["newName"] = json!(name);
        let error = client
            .request_raw("textDocument/rename", params)
            .expect_err("refused");
        error["message"].as_str().unwrap().to_owned()
    };
    let taken = refuse(&mut client, "pompeo");
    assert!(
        taken.contains("`pompeo` is already the id of the actor at ")
            && taken.contains("a-parties.ron:7:"),
        "{taken}"
    );
    let not_kebab = refuse(&mut client, "Apps Feed");
    assert!(not_kebab.contains("ids are kebab-case"), "{not_kebab}");
    assert!(not_kebab.contains("`apps-feed` would do"), "{not_kebab}");
    let error = client
        .request_raw(
            "textDocument/prepareRename",
            at(&claims, CLAIMS, "text:", 1),
        )
        .expect_err("no id");
    assert!(error["message"].as_str().unwrap().contains("no id here"));

    // While a file of the map is broken, its references cannot all be found: refused.
    let broken = RELATIONS.replacen("rebuts:", "rebuts", 1);
    open(&mut client, &relations, &broken);
    let mut params = position.clone();
    params["newName"] = json!("apps-feed-party");
    let error = client
        .request_raw("textDocument/rename", params)
        .expect_err("refused while broken");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("c-relations.ron:3:"),
        "{error}"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn quick_fixes_and_symbols() {
    let map = TestMap::new();
    let (parties, claims) = (map.uri("a-parties.ron"), map.uri("b-claims.ron"));
    let mut client = Client::start();
    let typo = CLAIMS
        .replacen("actor: \"pompeo\"", "actor: \"pompep\"", 1)
        .replacen("actor: \"tiktok\"", "actor: \"bytedance\"", 1);
    open(&mut client, &claims, &typo);
    let list = client.diagnostics(&claims, |list| list.len() == 2);

    // did-you-mean as a quick fix that writes the right id inside the quotes.
    let range = list[0]["range"].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": claims}, "range": range,
               "context": {"diagnostics": [list[0]]}}),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace `pompep` with `pompeo`",
            "Add actor `pompep` to a-parties.ron"
        ]
    );
    let edit = &actions[0]["edit"]["changes"][&claims][0];
    assert_eq!(edit["newText"], "pompeo");
    assert_eq!(edit["range"]["start"], position_of(&typo, "pompep", 0));

    // No close id: only the skeleton, at the top of the map's `actors` section.
    let range = list[1]["range"].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": claims}, "range": range, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(
        actions[0]["title"],
        "Add actor `bytedance` to a-parties.ron"
    );
    let edit = &actions[0]["edit"]["changes"][&parties][0];
    assert_eq!(
        edit["newText"],
        "\n        (id: \"bytedance\", name: \"bytedance\", kind: other),"
    );
    assert_eq!(edit["range"]["start"], position_of(PARTIES, "actors: [", 9));
    // Applied, the file is valid and the error goes.
    let fixed = PARTIES.replacen(
        "actors: [",
        "actors: [\n        (id: \"bytedance\", name: \"bytedance\", kind: other),",
        1,
    );
    open(&mut client, &parties, &fixed);
    client.diagnostics(&claims, |list| list.len() == 1);

    // The outline of a file: sections, and their records by id with their words.
    let outline = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": parties}}),
    );
    let outline = outline.as_array().unwrap();
    let names: Vec<&str> = outline
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sources", "actors"]);
    let actors: Vec<(&str, &str)> = outline[1]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["detail"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actors,
        [
            ("bytedance", "bytedance"),
            ("us-gov", "U.S. government"),
            ("pompeo", "Mike Pompeo"),
            ("tiktok", "TikTok")
        ]
    );
    let relations = map.uri("c-relations.ron");
    let outline = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": relations}}),
    );
    assert_eq!(outline[0]["children"][0]["name"], "denial");

    // Workspace symbols: by id or by words.
    let found = client.request("workspace/symbol", json!({"query": "chinese"}));
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["apps-feed-ccp", "tiktok-independent"]);
    assert_eq!(found[0]["location"]["uri"], claims.as_str());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn exit_without_shutdown_is_an_error() {
    let mut client = Client::start();
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = client.child.try_wait() {
            assert_eq!(status.code(), Some(1));
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the server did not exit");
}

/// Neovim's own LSP client (Debian's `neovim`, headless) drives the server through
/// `tests/editors/nvim.lua`: a typo's diagnostic, its mend, definition, hover, completion and a
/// rename across files written to disk.
#[test]
fn neovim_client() {
    let Ok(nvim) = which("nvim") else {
        eprintln!("skipped: nvim not found (apt-get install neovim)");
        return;
    };
    let map = TestMap::new();
    let report = map.dir.path().join("report.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editors/nvim.lua");
    let status = Command::new(nvim)
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("ARGRAPH_BIN", env!("CARGO_BIN_EXE_argraph"))
        .env("ARGRAPH_MAP", map.dir.path())
        .env("ARGRAPH_REPORT", &report)
        .env("XDG_STATE_HOME", map.dir.path())
        .env("XDG_DATA_HOME", map.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("nvim runs");
    let report = std::fs::read_to_string(&report).unwrap_or_default();
    assert!(status.success(), "nvim failed:\n{report}");
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "initialized");
    assert!(
        lines[1].starts_with("diagnostic line 4: no actor `pompeoo`")
            && lines[1].contains("did you mean `pompeo`?"),
        "{report}"
    );
    assert_eq!(
        &lines[2..],
        [
            "cleared",
            "definition a-parties.ron:6",
            "hover **actor** `pompeo`: Mike Pompeo",
            "completion independent-2020",
            "renamed in 2 files",
            "stopped",
        ],
        "{report}"
    );
    // The rename reached the disk, in both files.
    let parties = std::fs::read_to_string(map.path("a-parties.ron")).unwrap();
    let claims = std::fs::read_to_string(map.path("b-claims.ron")).unwrap();
    assert!(parties.contains("id: \"mike-pompeo\"") && !parties.contains("\"pompeo\""));
    assert!(claims.contains("actor: \"mike-pompeo\""));
}

/// The path of `program` on `PATH`.
fn which(program: &str) -> Result<PathBuf, ()> {
    let path = std::env::var_os("PATH").ok_or(())?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .ok_or(())
}

#[test]
fn questions_link_to_their_claims() {
    let map = TestMap::new();
    let questions = "(\n    questions: [\n        (id: \"q-ban\", text: \"Is the ban justified?\", for: [\"apps-feed-ccp\"], against: [\"tiktok-independent\"]),\n    ],\n)\n";
    std::fs::write(map.path("d-questions.ron"), questions).unwrap();
    let (claims, uri) = (map.uri("b-claims.ron"), map.uri("d-questions.ron"));
    let mut client = Client::start();
    open(&mut client, &uri, questions);
    client.diagnostics(&uri, |list| list.is_empty());
    let found = client.request(
        "textDocument/definition",
        at(&uri, questions, "\"tiktok-independent\"", 2),
    );
    assert_eq!(found["uri"], claims.as_str());
    let hover = client.request("textDocument/hover", at(&uri, questions, "\"q-ban\"", 2));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**question** `q-ban`: Is the ban justified?")
            && text.contains("answered yes by 1 claim, no by 1 claim"),
        "{text}"
    );
    let mut params = at(&claims, CLAIMS, "\"apps-feed-ccp\"", 2);
    params["context"] = json!({"includeDeclaration": false});
    let found = client.request("textDocument/references", params);
    assert_eq!(found.as_array().unwrap().len(), 2, "{found:#}");
    let typing = questions.replacen("against: [\"tiktok-independent\"]", "against: [\"", 1);
    change(&mut client, &uri, 2, &typing);
    let list = client.request(
        "textDocument/completion",
        at(&uri, &typing, "against: [\"", 11),
    );
    let labels: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["apps-feed-ccp", "tiktok-independent"]);
    assert_eq!(client.shutdown(), Some(0));
}
