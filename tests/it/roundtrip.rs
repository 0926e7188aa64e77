//! Round trips through the interchange formats, for generated maps: RON → JSON → RON and
//! RON → AIF → RON give back an equal map. "Equal" is [`MapDocument::canonical`]: the same
//! sources, actors and claims in the same order with every field, the same relations (ids,
//! ends, kinds, notes) in any order, and the same questions and expectations.

use argraph::formats::{aif, json};
use argraph::model::{ActorKind, Map, RelationKind};
use argraph::schema::{
    ActorRecord, ClaimRecord, ExpectationRecord, MapDocument, QuestionRecord, RelationRecord,
    SemanticsRecord, SourceRecord, StatusRecord, SupportRecord,
};
use proptest::prelude::*;
use std::path::Path;

/// Free text: letters, accents, CJK, quotes, backslashes, newlines, tabs.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 \"\\\\'\n\t.,:éß微信-]{0,16}"
}

fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,5}"
}

fn date() -> impl Strategy<Value = String> {
    (1990u16..2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn kind() -> impl Strategy<Value = ActorKind> {
    prop::sample::select(ActorKind::ALL.to_vec())
}

/// A small valid map document: ids unique by construction, `member_of` pointing backwards
/// (no cycles), no self or duplicate relations, undercuts aimed at earlier relations.
pub fn map_document() -> impl Strategy<Value = MapDocument> {
    let sources = prop::collection::vec(
        (
            word(),
            text(),
            prop::option::of(text()),
            prop::collection::vec(text(), 0..3),
            prop::option::of(text()),
            prop::option::of(date()),
            prop::option::of(text()),
        ),
        1..3,
    );
    let actors = prop::collection::vec(
        (
            word(),
            text(),
            kind(),
            prop::option::of(any::<prop::sample::Index>()),
            prop::option::of(text()),
            prop::option::of(text()),
        ),
        1..5,
    );
    let claims = prop::collection::vec(
        (
            word(),
            any::<prop::sample::Index>(),
            text(),
            prop::option::of(text()),
            any::<prop::sample::Index>(),
            prop::option::of(date()),
            prop::collection::vec(word(), 0..3),
            prop::collection::vec(any::<prop::sample::Index>(), 0..3),
            prop::option::of(text()),
        ),
        1..7,
    );
    let relations = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            0u8..3,
            any::<prop::sample::Index>(),
            any::<bool>(),
            prop::option::of(text()),
        ),
        0..10,
    );
    let expectations = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            0u8..4,
            0u8..3,
            0u8..3,
            prop::option::of(text()),
        ),
        0..3,
    );
    let questions = prop::collection::vec(
        (
            word(),
            text(),
            prop::collection::vec(any::<prop::sample::Index>(), 0..3),
            prop::collection::vec(any::<prop::sample::Index>(), 0..3),
            prop::option::of(text()),
        ),
        0..3,
    );
    (
        sources,
        actors,
        claims,
        relations,
        (expectations, questions),
    )
        .prop_map(
            |(sources, actors, claims, relations, (expectations, questions))| {
                let sources: Vec<SourceRecord> = sources
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (w, title, publisher, authors, url, date, archive))| SourceRecord {
                            id: format!("{w}-s{i}"),
                            title,
                            publisher,
                            authors,
                            url,
                            date,
                            archive,
                        },
                    )
                    .collect();
                let mut actor_records: Vec<ActorRecord> = Vec::new();
                for (i, (w, name, kind, member_of, role, note)) in actors.into_iter().enumerate() {
                    let member_of = member_of
                        .filter(|_| i > 0)
                        .map(|index| actor_records[index.index(i)].id.clone());
                    actor_records.push(ActorRecord {
                        id: format!("{w}-a{i}"),
                        name,
                        kind,
                        member_of,
                        role,
                        note,
                    });
                }
                let claim_records: Vec<ClaimRecord> = claims
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (w, actor, text, quote, source, date, tags, about, note))| {
                            let mut about: Vec<String> = about
                                .iter()
                                .map(|a| actor_records[a.index(actor_records.len())].id.clone())
                                .collect();
                            about.dedup();
                            ClaimRecord {
                                id: format!("{w}-c{i}"),
                                actor: actor_records[actor.index(actor_records.len())].id.clone(),
                                text,
                                quote,
                                source: sources[source.index(sources.len())].id.clone(),
                                date,
                                tags,
                                about,
                                supports: Vec::new(),
                                rebuts: Vec::new(),
                                undercuts: Vec::new(),
                                note,
                            }
                        },
                    )
                    .collect();
                let relation_records = relations_of(&claim_records, relations);
                let expectations = expectations
                    .into_iter()
                    .map(
                        |(claim, semantics, status, support, note)| ExpectationRecord {
                            claim: claim_records[claim.index(claim_records.len())].id.clone(),
                            semantics: [
                                SemanticsRecord::Grounded,
                                SemanticsRecord::Complete,
                                SemanticsRecord::Preferred,
                                SemanticsRecord::Stable,
                            ][usize::from(semantics)],
                            status: [StatusRecord::In, StatusRecord::Out, StatusRecord::Undec]
                                [usize::from(status)],
                            support: [
                                SupportRecord::None,
                                SupportRecord::Deductive,
                                SupportRecord::Necessary,
                            ][usize::from(support)],
                            note,
                        },
                    )
                    .collect();
                let questions = questions
                    .into_iter()
                    .enumerate()
                    .map(|(i, (w, text, pro, con, note))| {
                        // Each claim once, for or against.
                        let mut answered = std::collections::HashSet::new();
                        let mut ids = |picks: Vec<prop::sample::Index>| -> Vec<String> {
                            picks
                                .iter()
                                .map(|pick| {
                                    claim_records[pick.index(claim_records.len())].id.clone()
                                })
                                .filter(|id| answered.insert(id.clone()))
                                .collect()
                        };
                        QuestionRecord {
                            id: format!("{w}-q{i}"),
                            text,
                            for_claims: ids(pro),
                            against_claims: ids(con),
                            note,
                        }
                    })
                    .collect();
                MapDocument {
                    sources,
                    actors: actor_records,
                    claims: claim_records,
                    relations: relation_records,
                    questions,
                    expectations,
                }
            },
        )
}

fn relations_of(
    claims: &[ClaimRecord],
    raw: Vec<(
        prop::sample::Index,
        u8,
        prop::sample::Index,
        bool,
        Option<String>,
    )>,
) -> Vec<RelationRecord> {
    let mut records: Vec<RelationRecord> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, (from, kind, target, with_id, note)) in raw.into_iter().enumerate() {
        let from = claims[from.index(claims.len())].id.clone();
        let (kind, target) = if kind == 2 && !records.is_empty() {
            // An undercut of an earlier relation, which then needs an id.
            let position = target.index(records.len());
            let target_id = records[position]
                .id
                .get_or_insert_with(|| format!("r{position}"))
                .clone();
            (RelationKind::Undercuts, target_id)
        } else {
            let target = claims[target.index(claims.len())].id.clone();
            if target == from {
                continue;
            }
            let kind = if kind == 0 {
                RelationKind::Supports
            } else {
                RelationKind::Rebuts
            };
            (kind, target)
        };
        if !seen.insert((from.clone(), kind, target.clone())) {
            continue;
        }
        let mut record = RelationRecord::new(from, kind, target);
        record.id = with_id.then(|| format!("r{i}-{}", records.len()));
        record.note = note;
        records.push(record);
    }
    records
}

fn load(document: &MapDocument) -> Map {
    match document.load(Path::new("generated.ron")) {
        Ok(loaded) => loaded.map,
        Err(error) => panic!(
            "{error}\n{}",
            argraph::formats::ron_writer::to_string(document)
        ),
    }
}

fn through_json(map: &Map) -> Map {
    let imported = json::from_str(&json::to_string(map)).expect("argraph reads its own JSON");
    assert!(imported.warnings.is_empty());
    load(&imported.document)
}

fn through_aif(map: &Map) -> Map {
    let imported =
        aif::from_str(&aif::to_string(map), "generated.json").expect("argraph reads its own AIF");
    assert!(
        imported.warnings.is_empty(),
        "{:?}",
        imported
            .warnings
            .iter()
            .map(|w| &w.message)
            .collect::<Vec<_>>()
    );
    load(&imported.document)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn ron_json_ron_gives_back_an_equal_map(document in map_document()) {
        let map = load(&document);
        prop_assert_eq!(MapDocument::canonical(&through_json(&map)), MapDocument::canonical(&map));
    }

    #[test]
    fn ron_aif_ron_gives_back_an_equal_map(document in map_document()) {
        let map = load(&document);
        prop_assert_eq!(MapDocument::canonical(&through_aif(&map)), MapDocument::canonical(&map));
    }

    #[test]
    fn the_ron_writer_gives_back_an_equal_map(document in map_document()) {
        // The generated document itself goes through the writer; so does the map's own.
        let map = load(&document);
        let again = load(&MapDocument::from_map(&map));
        prop_assert_eq!(MapDocument::canonical(&again), MapDocument::canonical(&map));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Larger, realistic maps from `argraph generate`, split over several files.
    #[test]
    fn generated_maps_survive_json_and_aif(seed in any::<u64>(), claims in 20usize..120) {
        let options = argraph::generate::GenerateOptions {
            claims,
            actors: 12,
            seed,
            claims_per_file: 40,
        };
        let files = argraph::generate::generate(&options)
            .map(|file| (file.name.into(), file.text))
            .collect();
        let map = argraph::load::load_sources(files).expect("generated maps are valid").map;
        let canonical = MapDocument::canonical(&map);
        prop_assert_eq!(&MapDocument::canonical(&through_json(&map)), &canonical);
        prop_assert_eq!(&MapDocument::canonical(&through_aif(&map)), &canonical);
    }
}

/// A random AIF graph: nodes of every type (and one AIF does not define), edges between any
/// of them (some to nodes that do not exist), locutions for some L-nodes, some participants.
fn aif_graph() -> impl Strategy<Value = String> {
    let types = prop::sample::select(vec![
        "I", "I", "I", "L", "L", "YA", "RA", "CA", "CA", "MA", "TA", "PA", "X",
    ]);
    (
        prop::collection::vec((types, text()), 0..14),
        prop::collection::vec((0usize..16, 0usize..16), 0..30),
        prop::collection::vec((0usize..16, 0usize..4), 0..8),
        0usize..4,
        any::<bool>(),
    )
        .prop_map(|(nodes, edges, locutions, participants, numeric)| {
            let id = |n: usize| {
                if numeric {
                    serde_json::json!(n)
                } else {
                    serde_json::json!(n.to_string())
                }
            };
            let nodes: Vec<_> = nodes
                .iter()
                .enumerate()
                .map(|(i, (kind, text))| {
                    serde_json::json!({"nodeID": id(i), "text": text, "type": kind})
                })
                .collect();
            let edges: Vec<_> = edges
                .iter()
                .enumerate()
                .map(|(i, (from, to))| serde_json::json!({"edgeID": id(i), "fromID": id(*from), "toID": id(*to)}))
                .collect();
            let locutions: Vec<_> = locutions
                .iter()
                .map(|(node, person)| serde_json::json!({"nodeID": id(*node), "personID": id(*person)}))
                .collect();
            let participants: Vec<_> = (0..participants)
                .map(|p| serde_json::json!({"participantID": p, "firstname": "Speaker", "surname": p.to_string()}))
                .collect();
            serde_json::json!({
                "nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants
            })
            .to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Whatever the AIF graph, the import never panics and writes a map the loader accepts.
    #[test]
    fn any_aif_graph_imports_into_a_valid_map(text in aif_graph()) {
        let imported = aif::from_str(&text, "random.json").expect("well-formed AIF is read");
        if let Err(error) = imported.document.load(Path::new("random.ron")) {
            panic!("{error}\n{text}\n{}", argraph::formats::ron_writer::to_string(&imported.document));
        }
    }

    /// Cut anywhere, a real AIF file gives a located error or a map, never a panic.
    #[test]
    fn a_truncated_aif_file_never_panics(cut in 0usize..4000) {
        let text = std::fs::read_to_string(crate::support::fixture("formats/uniforms.aifdb.json"))
            .expect("fixture");
        let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        if let Ok(imported) = aif::from_str(&text[..cut], "cut.json") {
            let _ = imported.document.load(Path::new("cut.ron"));
        }
    }
}
