//! Reading Argdown: hand-written fixtures (written from argdown.org's syntax guide, in
//! `tests/fixtures/formats/`), located errors, and the round trip map → Argdown → map.

use crate::support::fixture;
use argraph::diagnostic::line_column;
use argraph::formats::argdown::{self, Document, RelationTarget};
use argraph::model::{Map, RelationKind, Target};
use std::path::Path;

fn read(
    name: &str,
) -> (
    String,
    Result<Document, Vec<argraph::diagnostic::Diagnostic>>,
) {
    let text = std::fs::read_to_string(fixture(&format!("formats/{name}"))).expect("fixture");
    let parsed = argdown::parse(&text);
    (text, parsed)
}

/// `line:column` of a diagnostic's primary label.
fn at(text: &str, diagnostic: &argraph::diagnostic::Diagnostic) -> (usize, usize) {
    let label = diagnostic.primary.as_ref().expect("located");
    line_column(text, label.span.start)
}

#[test]
fn reads_statements_arguments_relations_data_and_headings() {
    let (text, parsed) = read("debate.argdown");
    let document = parsed.expect("the fixture reads");

    let actors: Vec<(&str, &str, Option<&str>)> = document
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str(), a.kind.as_deref()))
        .collect();
    assert_eq!(
        actors,
        [
            ("pompeo", "Mike Pompeo", Some("official")),
            ("tiktok", "TikTok", Some("product")),
            // Actors named only in data are read too, with their id for a name.
            ("wechat", "wechat", None),
            ("hrw", "hrw", None),
        ]
    );
    assert_eq!(
        document.actors[0].role.as_deref(),
        Some("U.S. Secretary of State")
    );

    let claims: Vec<(&str, Option<&str>, &str)> = document
        .claims
        .iter()
        .map(|c| (c.id.as_str(), c.actor.as_deref(), c.text.as_str()))
        .collect();
    assert_eq!(
        claims,
        [
            (
                "apps-feed-ccp",
                Some("pompeo"),
                "Chinese apps such as TikTok feed user data to the Chinese Communist Party."
            ),
            (
                "security-issues",
                Some("pompeo"),
                "The data these apps collect makes them national security issues."
            ),
            (
                "data-available-anyway",
                Some("pompeo"),
                "The data is for sale anyway."
            ),
            (
                "tiktok-independent",
                Some("tiktok"),
                "TikTok does not operate with the Chinese government."
            ),
            (
                "hrw-control",
                Some("hrw"),
                "Every Chinese company is subject to the Chinese government's control."
            ),
            (
                "ban-hurts-diaspora",
                Some("hrw"),
                "Banning WeChat cuts the diaspora off: from family #not-a-tag."
            ),
        ]
    );
    let apps = &document.claims[0];
    assert_eq!(apps.tags, ["security", "user data"]);
    assert_eq!(apps.about, ["tiktok", "wechat"]);
    assert_eq!(apps.source.as_deref(), Some("independent-2020-08-03"));
    assert_eq!(
        apps.quote.as_deref(),
        Some("are feeding data directly to the Chinese Communist Party")
    );
    assert!(
        document.claims[2].argument,
        "<Data available anyway> is an argument"
    );
    assert_eq!(
        document.claims[3].note.as_deref(),
        Some("Its \"transparency\" statement")
    );
    // A heading without an actor is a tag of the claims below it.
    assert_eq!(document.claims[4].tags, ["human-rights"]);
    assert_eq!(document.claims[5].tags, ["human-rights"]);

    let relations: Vec<(&str, RelationKind, RelationTarget)> = document
        .relations
        .iter()
        .map(|r| (r.from.as_str(), r.kind, r.target.clone()))
        .collect();
    let claim = |id: &str| RelationTarget::Claim(id.to_owned());
    assert_eq!(
        relations,
        [
            (
                "security-issues",
                RelationKind::Supports,
                claim("apps-feed-ccp")
            ),
            (
                "data-available-anyway",
                RelationKind::Rebuts,
                claim("security-issues")
            ),
            (
                "tiktok-independent",
                RelationKind::Rebuts,
                claim("apps-feed-ccp")
            ),
            (
                "hrw-control",
                RelationKind::Supports,
                claim("apps-feed-ccp")
            ),
            (
                "data-available-anyway",
                RelationKind::Supports,
                claim("tiktok-independent")
            ),
            (
                "ban-hurts-diaspora",
                RelationKind::Rebuts,
                claim("security-issues")
            ),
        ]
    );
    // The undercut of a statement is not argraph's undercut: said, with its place.
    assert_eq!(document.warnings.len(), 1, "{:?}", document.warnings);
    assert!(
        document.warnings[0]
            .message
            .contains("undercut of a statement")
    );
    assert_eq!(at(&text, &document.warnings[0]), (32, 5));
}

#[test]
fn a_relation_without_a_parent_is_a_located_error() {
    let (text, parsed) = read("orphan-relation.argdown");
    let errors = parsed.expect_err("an empty line parts the relation from its parent");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message
            .contains("needs a statement or argument above it")
    );
    assert_eq!(at(&text, &errors[0]), (3, 5));
}

#[test]
fn unreadable_data_is_a_located_error() {
    let (text, parsed) = read("bad-data.argdown");
    let errors = parsed.expect_err("the list is not closed");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.starts_with("unreadable data"),
        "{}",
        errors[0].message
    );
    assert_eq!(at(&text, &errors[0]), (4, 41));
}

#[test]
fn an_unclosed_title_is_text_with_a_warning() {
    let (text, parsed) = read("unclosed-title.argdown");
    let document = parsed.expect("Argdown reads it as text, and so does argraph");
    assert_eq!(document.claims.len(), 2);
    assert_eq!(
        document.claims[1].text,
        "[Security issues: they are security issues."
    );
    assert_eq!(document.relations.len(), 1);
    assert_eq!(document.warnings.len(), 1);
    assert_eq!(at(&text, &document.warnings[0]), (2, 7));
}

/// The bundled map, written as Argdown and read back, has the same sources, actors, claims
/// and relations (ids, texts, references, notes).
#[test]
fn the_bundled_map_round_trips_through_argdown() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphs/tiktok-wechat");
    let map = argraph::load::load(&path).expect("bundled map").map;
    let text = argdown::to_string(&map);
    let document = argdown::parse(&text)
        .unwrap_or_else(|errors| panic!("argraph cannot read its own Argdown: {errors:#?}"));
    assert!(document.warnings.is_empty(), "{:#?}", document.warnings);
    assert_same(&map, &document);
}

fn assert_same(map: &Map, document: &Document) {
    let sources: Vec<_> = map
        .sources
        .values()
        .map(|s| {
            (
                s.id.clone(),
                Some(s.title.clone()),
                s.url.clone(),
                s.authors.clone(),
            )
        })
        .collect();
    let read_sources: Vec<_> = document
        .sources
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                s.title.clone(),
                s.url.clone(),
                s.authors.clone(),
            )
        })
        .collect();
    assert_eq!(read_sources, sources);

    let actors: Vec<_> = map
        .actors
        .values()
        .map(|a| {
            (
                a.id.clone(),
                a.name.clone(),
                Some(a.kind.as_str().to_owned()),
                a.member_of.map(|m| map.actor(m).id.clone()),
                a.role.clone(),
                a.note.clone(),
            )
        })
        .collect();
    let read_actors: Vec<_> = document
        .actors
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                a.name.clone(),
                a.kind.clone(),
                a.member_of.clone(),
                a.role.clone(),
                a.note.clone(),
            )
        })
        .collect();
    assert_eq!(read_actors, actors);

    let mut claims: Vec<_> = map
        .claims
        .values()
        .map(|c| {
            (
                c.id.clone(),
                Some(map.actor(c.actor).id.clone()),
                c.text.clone(),
                c.quote.clone(),
                Some(map.source(c.source).id.clone()),
                c.date.map(|d| d.to_string()),
                c.tags.clone(),
                c.about
                    .iter()
                    .map(|&a| map.actor(a).id.clone())
                    .collect::<Vec<_>>(),
                c.note.clone(),
            )
        })
        .collect();
    let mut read_claims: Vec<_> = document
        .claims
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.actor.clone(),
                c.text.clone(),
                c.quote.clone(),
                c.source.clone(),
                c.date.clone(),
                c.tags.clone(),
                c.about.clone(),
                c.note.clone(),
            )
        })
        .collect();
    // Argdown groups claims by actor, so the order may differ; the set may not.
    claims.sort();
    read_claims.sort();
    assert_eq!(read_claims, claims);

    let mut relations: Vec<_> = map
        .relations
        .iter()
        .map(|r| {
            let target = match r.target {
                Target::Claim(c) => RelationTarget::Claim(map.claim(c).id.clone()),
                Target::Relation(t) => {
                    RelationTarget::Relation(map.relation(t).id.clone().unwrap_or_default())
                }
            };
            (
                map.claim(r.from).id.clone(),
                r.kind,
                target,
                r.id.clone(),
                r.note.clone(),
            )
        })
        .collect();
    let mut read_relations: Vec<_> = document
        .relations
        .iter()
        .map(|r| {
            (
                r.from.clone(),
                r.kind,
                r.target.clone(),
                r.id.clone(),
                r.note.clone(),
            )
        })
        .collect();
    relations.sort();
    read_relations.sort();
    assert_eq!(read_relations, relations);
}

proptest::proptest! {
    /// Any claim text, escaped by the writer, is read back as itself (whitespace runs made one
    /// space), whatever Argdown syntax it contains.
    #[test]
    fn escaped_text_reads_back_as_itself(
        text in r#"[a-zA-Z0-9 .:/*_#@<>\[\]{}()=\\+\-,;"'!?é\n\t]{0,60}"#,
    ) {
        let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let written = format!(
            "[Claim]: {} {{actor: {}}}\n",
            argdown::escape_text(&text),
            "\"someone\""
        );
        let document = argdown::parse(&written).map_err(|e| {
            proptest::test_runner::TestCaseError::fail(format!("{written:?}: {e:?}"))
        })?;
        let read = document.claims.first().map(|c| c.text.clone()).unwrap_or_default();
        proptest::prop_assert_eq!(read, expected, "written as {:?}", written);
    }
}
