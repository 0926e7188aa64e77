//! Questions in the map format (`questions: [...]`) and notes on exercises: what the loader makes
//! of them on both of its parse paths, the warning for a question without answers, the errors
//! of a broken question record; and the commands that use them (`argraph questions`,
//! `argraph exercises`, `argraph render --question`).

use crate::support::{fixture, run};
use argraph::load::{LoadError, load_sources};
use argraph::model::{Map, Stance};
use std::path::PathBuf;

fn fixture_text() -> String {
    std::fs::read_to_string(fixture("questions/map.ron")).expect("fixture")
}

fn load_text(text: &str) -> Result<argraph::load::Loaded, LoadError> {
    load_sources(vec![(PathBuf::from("map.ron"), text.to_owned())])
}

fn map(text: &str) -> Map {
    load_text(text).unwrap_or_else(|e| panic!("{e}")).map
}

/// Each question as `id: text | for ids | against ids | note`.
fn questions(map: &Map) -> Vec<String> {
    map.questions
        .values()
        .map(|question| {
            let ids = |stance| {
                question
                    .answers()
                    .filter(|&(_, s)| s == stance)
                    .map(|(claim, _)| map.claim(claim).id.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            format!(
                "{}: {} | {} | {} | {}",
                question.id,
                question.text,
                ids(Stance::For),
                ids(Stance::Against),
                question.note.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn questions_and_exercise_notes_load() {
    let map = map(&fixture_text());
    assert_eq!(
        questions(&map),
        [
            "security-justified: Is the ban justified by national security? | ban-needed apps-feed-data | no-evidence | the question the U.S. government's case turns on",
            "rights-harmed: Does the ban harm its users' rights? | ban-hurts-users | users-can-switch | -",
        ]
    );
    let notes: Vec<Option<&str>> = map.expectations.iter().map(|e| e.note.as_deref()).collect();
    assert_eq!(
        notes,
        [
            Some("a claim nothing attacks stands under every semantics"),
            Some("reinstatement: the attack on a claim is itself defeated"),
            Some("a mutual attack: each side holds in one preferred extension, neither in all"),
            None,
        ]
    );
}

/// A block comment sends the file down the exact (`ron`) path: the same questions and notes.
#[test]
fn the_exact_parse_path_reads_the_same_questions() {
    let text = fixture_text();
    let fast = map(&text);
    let slow = map(&format!("{text}/* the slow path */\n"));
    assert_eq!(questions(&fast), questions(&slow));
    let notes = |map: &Map| {
        format!(
            "{:?}",
            map.expectations.iter().map(|e| &e.note).collect::<Vec<_>>()
        )
    };
    assert_eq!(notes(&fast), notes(&slow));
}

/// Questions in a file of their own (loaded first) answer with claims of another file.
#[test]
fn questions_may_live_in_a_file_of_their_own() {
    let text = fixture_text();
    let start = text.find("    questions: [").expect("a questions section");
    let end = text
        .find("    expectations: [")
        .expect("an expectations section");
    let claims_file = format!("{}{}", &text[..start], &text[end..]);
    let questions_file = format!("({})", &text[start..end]);
    let files = vec![
        (PathBuf::from("a-questions.ron"), questions_file),
        (PathBuf::from("b-claims.ron"), claims_file),
    ];
    let split = load_sources(files).unwrap_or_else(|e| panic!("{e}")).map;
    assert_eq!(questions(&split), questions(&map(&text)));
}

#[test]
fn a_question_without_answers_is_a_warning() {
    let text = fixture_text().replace(
        "for: [\"ban-hurts-users\"],\n            against: [\"users-can-switch\"],",
        "",
    );
    let loaded = load_text(&text).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = loaded.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["unanswered-question"]);
    assert!(loaded.warnings[0].message.contains("`rights-harmed`"));
}

/// A question with a field of the wrong type or an unknown field: located errors, and the
/// other questions still checked.
#[test]
fn broken_question_records_are_located() {
    let text = fixture_text()
        .replace("text: \"Does the ban harm its users' rights?\"", "text: 3")
        .replace("against: [\"no-evidence\"],", "againts: [\"no-evidence\"],");
    let Err(LoadError::Invalid { errors, .. }) = load_text(&text) else {
        panic!("the map is invalid");
    };
    let found: Vec<String> = errors
        .iter()
        .map(|e| {
            let span = e.primary.as_ref().expect("located").span.clone();
            format!("{} {}", e.code, &text[span])
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("againts"), "{found:#?}");
    assert!(found[1].ends_with(" 3"), "{found:#?}");
}

const MAP: &str = "tests/fixtures/questions/map.ron";

#[test]
fn the_questions_command_lists_answers_with_their_status() {
    let result = run(&["questions", MAP]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    insta::assert_snapshot!("questions_grounded", result.stdout);
    let preferred = run(&["questions", MAP, "--semantics", "preferred"]);
    // Each side of the mutual attack is accepted in some preferred extension, in none all.
    assert!(
        preferred
            .stdout
            .contains("  for      UNDEC*  ban-hurts-users"),
        "{}",
        preferred.stdout
    );
    let json = run(&["questions", MAP, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let first = &value["questions"][0];
    assert_eq!(first["id"], "security-justified");
    let ids = |side: &str| -> Vec<String> {
        first[side]
            .as_array()
            .expect("a list")
            .iter()
            .map(|a| format!("{} {}", a["claim"]["id"], a["status"]))
            .collect()
    };
    assert_eq!(
        ids("for"),
        ["\"ban-needed\" \"UNDEC\"", "\"apps-feed-data\" \"IN\""]
    );
    assert_eq!(ids("against"), ["\"no-evidence\" \"OUT\""]);
    assert_eq!(value["semantics"], "grounded");
}

#[test]
fn a_map_without_questions_says_so() {
    let result = run(&["questions", "tests/fixtures/valid/mini.ron"]);
    assert_eq!(result.code, 0);
    assert!(result.stdout.starts_with("This map states no questions"));
}

#[test]
fn the_exercises_command_sets_them_and_gives_the_answers() {
    let result = run(&["exercises", MAP]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(!result.stdout.contains("answer:"), "{}", result.stdout);
    assert!(result.stdout.contains(
        "2. Under grounded semantics (supports ignored), is `apps-feed-data` IN, OUT or UNDEC?\n"
    ));
    assert!(result.stdout.contains("   teaches: reinstatement"));
    let wrong = run(&[
        "exercises",
        "tests/fixtures/exercises/wrong.ron",
        "--answers",
    ]);
    assert_eq!(wrong.code, 0, "listing is not checking: {}", wrong.stderr);
    insta::assert_snapshot!("exercises_answers", wrong.stdout);
    let json = run(&["exercises", MAP, "--answers", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value.as_array().map(Vec::len), Some(4));
    assert_eq!(value[2]["semantics"], "preferred");
    assert_eq!(value[2]["passes"], true);
    assert_eq!(value[3].get("note"), None);
}

#[test]
fn render_question_draws_its_answers_and_what_bears_on_them() {
    let result = run(&["render", MAP, "--question", "security-justified"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let dot = result.stdout;
    assert!(dot.contains("Is the ban justified by national security?"));
    // The answers, and one exchange away: data-law (rebuts an answer), ban-hurts-users
    // (rebuts ban-needed); users-can-switch is two exchanges away.
    for claim in [
        "ban-needed",
        "apps-feed-data",
        "no-evidence",
        "data-law",
        "ban-hurts-users",
    ] {
        assert!(dot.contains(&format!("\"claim:{claim}\"[")), "{claim}");
    }
    assert!(!dot.contains("\"claim:users-can-switch\"["));
    let deeper = run(&[
        "render",
        MAP,
        "--question",
        "security-justified",
        "--depth",
        "2",
    ]);
    assert!(deeper.stdout.contains("\"claim:users-can-switch\"["));
    let unknown = run(&["render", MAP, "--question", "security-justifed"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains(
            "no question `security-justifed` in the map; did you mean `security-justified`?"
        ),
        "{}",
        unknown.stderr
    );
    let claim_instead = run(&["render", MAP, "--question", "ban-needed"]);
    assert!(claim_instead.stderr.contains("(`ban-needed` is a claim)"));
    // --depth needs a centre.
    assert_eq!(run(&["render", MAP, "--depth", "1"]).code, 2);
    assert_eq!(
        run(&[
            "render",
            MAP,
            "--question",
            "rights-harmed",
            "--focus",
            "data-law"
        ])
        .code,
        2
    );
}

/// The Markdown outline opens with the questions, each answer with what bears on it; footnotes
/// are numbered in order of first mention, questions included.
#[test]
fn the_markdown_outline_opens_with_the_questions() {
    let text = argraph::formats::markdown::to_string(&map(&fixture_text()));
    let question = text
        .find("## Question: Is the ban justified by national security?\n\n*the question the U.S. government's case turns on*\n\n**For**\n\n- The ban is needed to protect national security. — *U.S. government*[^1]\n  - rebutted by: The ban harms")
        .expect("the first question, its note and first answer");
    let against = text
        .find("**Against**\n\n- No public evidence shows the apps shared user data. — *Graham Webster*[^5]\n  - rebutted by: Chinese law can compel")
        .expect("the answer against, with its rebuttal");
    let contested = text
        .find("## 1. The ban is needed to protect national security.")
        .expect("the contested claims follow");
    assert!(question < against && against < contested);
    assert!(text.contains("\n[^1]: “needed to protect national security”"));
    // Without questions, the outline is as before.
    let mini = std::fs::read_to_string(fixture("valid/mini.ron")).expect("fixture");
    assert!(!argraph::formats::markdown::to_string(&map(&mini)).contains("Question"));
}

/// Argdown: the questions are headings at the end, with their answers referred to under
/// `### For` and `### Against`; argraph's reader takes the document back without a warning and
/// gives back the same map but for the questions (it does not read them).
#[test]
fn argdown_writes_questions_as_headings() {
    let before = map(&fixture_text());
    let text = argraph::formats::argdown::to_string(&before);
    let section = &text[text.find("# Questions\n").expect("a questions section")..];
    assert_eq!(
        section,
        "# Questions\n\n\
         ## Is the ban justified by national security? {question: \"security-justified\", note: \"the question the U.S. government's case turns on\"}\n\n\
         ### For\n\n[Ban needed]\n\n[Apps feed data]\n\n\
         ### Against\n\n[No evidence]\n\n\
         ## Does the ban harm its users' rights? {question: \"rights-harmed\"}\n\n\
         ### For\n\n[Ban hurts users]\n\n\
         ### Against\n\n[Users can switch]\n"
    );
    let import = argraph::formats::argdown::import(&text)
        .unwrap_or_else(|e| panic!("argraph reads its own Argdown: {:#?}", e.errors));
    assert!(import.warnings.is_empty(), "{:#?}", import.warnings);
    let after = import
        .document
        .load(std::path::Path::new("back.ron"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map;
    let comparable = |map: &Map| {
        let mut document = argraph::schema::MapDocument::canonical(map);
        document.questions.clear();
        document.expectations.clear();
        document.claims.sort_by(|a, b| a.id.cmp(&b.id));
        document
    };
    assert_eq!(comparable(&after), comparable(&before));
}

/// JSON and the RON writer keep questions and exercise notes (the property tests in
/// `roundtrip` do the same on generated maps).
#[test]
fn json_and_ron_keep_questions_and_notes() {
    let before = map(&fixture_text());
    let json = argraph::formats::json::to_string(&before);
    assert!(json.contains("\"questions\": ["), "{json}");
    assert!(json.contains("\"for\": ["));
    let imported = argraph::formats::json::from_str(&json).expect("argraph reads its JSON");
    let document = argraph::schema::MapDocument::from_map(&before);
    assert_eq!(imported.document.questions, document.questions);
    assert_eq!(imported.document.expectations, document.expectations);
    let ron = argraph::formats::ron_writer::to_string(&document);
    assert!(
        ron.contains("            for: [\"ban-needed\", \"apps-feed-data\"],\n"),
        "{ron}"
    );
    assert!(ron.contains("note: \"a claim nothing attacks stands under every semantics\""));
}
