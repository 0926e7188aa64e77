//! Questions in the map format (`questions: [...]`) and notes on exercises: what the loader makes
//! of them on both of its parse paths, the warning for a question without answers, and the
//! errors of a broken question record.

use crate::support::fixture;
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
