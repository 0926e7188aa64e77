//! AIF: the Argument Interchange Format in the JSON layout of AIFdb and OVA, with the
//! `participants` list of xAIF.
//!
//! # Export
//! Every claim becomes an I-node (its text) asserted by its actor: an L-node (the locution, the
//! actor's name and the quote), a YA-node `Asserting`, edges L → YA → I, and a locution tying the
//! L-node to the actor's participant. Every actor is a participant (`firstname` is the name up to
//! its first space, `surname` the rest). A support is an RA-node (premise I → RA → conclusion I),
//! a rebuttal a CA-node (attacker I → CA → attacked I), an undercut a CA-node from the
//! undercutting I-node to the RA- or CA-node of the relation it attacks. Node ids are strings of
//! digits, as in AIFdb; participant and person ids are numbers, as in xAIF. Timestamps are the
//! claim's date (a relation takes its claim's), or the map's latest date, at midnight.
//!
//! What AIF has no field for (ids, actor kinds and affiliations, sources, quotes, dates, tags,
//! `about`, notes, expectations) travels in one extra top-level object, `"argraph"`, keyed by
//! AIF node and participant ids. AIF readers ignore a key they do not know; argraph reads it
//! back, so a map goes RON → AIF → RON unchanged.
//!
//! A map's questions travel there too, as records naming their answering claims by id. AIF has
//! no node for an issue: an I-node would make the question a proposition, and an RA- or CA-node
//! from an answer to it would say the claim supports or attacks the question, which the
//! semantics would then count; so questions stay out of the argument graph.
//!
//! # Import
//! The AIF structure decides what the map holds: I-nodes are claims, the speaker of the locution
//! that asserts an I-node is its actor, RA-nodes are supports, CA-nodes rebuttals or undercuts.
//! The `"argraph"` object, when present, only adds the fields AIF cannot hold; without it, ids
//! are made from the texts, actors are of kind `other`, and every claim cites one source named
//! after the imported file. Everything else (MA, TA, PA nodes, illocutions other than
//! asserting, linked premises, relations between relations that argraph has no word for) is
//! reported as a warning located at its node, never dropped silently. Both the AIFdb layout
//! (`nodes`, `edges`, … at the top) and the xAIF layout (inside `"AIF"`) are read, with ids as
//! strings or numbers.

use super::{Import, ImportError, json_error};
use crate::diagnostic::Diagnostic;
use crate::formats::document::RelationLayout;
use crate::model::{ActorKind, FileId, Map, RelationKind, Target};
use crate::schema::{
    ActorRecord, ClaimRecord, ExpectationRecord, MapDocument, QuestionRecord, RelationRecord,
    SourceRecord,
};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The text of the YA-node that anchors a claim in its locution.
pub const ASSERTING: &str = "Asserting";
/// The text of RA-nodes (supports).
pub const DEFAULT_INFERENCE: &str = "Default Inference";
/// The text of CA-nodes (rebuttals and undercuts).
pub const DEFAULT_CONFLICT: &str = "Default Conflict";

// ---------------------------------------------------------------------------------------------
// The AIF document

/// An AIF node.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct NodeOut {
    #[serde(rename = "nodeID")]
    node_id: String,
    text: String,
    #[serde(rename = "type")]
    kind: &'static str,
    timestamp: String,
}

/// An AIF edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct EdgeOut {
    #[serde(rename = "edgeID")]
    edge_id: String,
    #[serde(rename = "fromID")]
    from_id: String,
    #[serde(rename = "toID")]
    to_id: String,
}

/// An AIF locution: an L-node spoken by a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct LocutionOut {
    #[serde(rename = "nodeID")]
    node_id: String,
    #[serde(rename = "personID")]
    person_id: u64,
    timestamp: String,
}

/// An xAIF participant.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct ParticipantOut {
    #[serde(rename = "participantID")]
    participant_id: u64,
    firstname: String,
    surname: String,
}

/// What argraph keeps beside the AIF structure (the `"argraph"` key).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Extension {
    /// Always [`EXTENSION_FORMAT`].
    format: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceRecord>,
    /// Per participant id.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    participants: IndexMap<String, ActorExtra>,
    /// Per I-node id.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    claims: IndexMap<String, ClaimExtra>,
    /// Per RA- or CA-node id.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    relations: IndexMap<String, RelationExtra>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    expectations: Vec<ExpectationRecord>,
    /// The questions, answers named by claim id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    questions: Vec<QuestionRecord>,
}

const EXTENSION_FORMAT: &str = "argraph-aif-1";

/// An actor's fields that a participant cannot hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorExtra {
    id: String,
    kind: ActorKind,
    /// Only when `firstname` and `surname` do not give the name back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    member_of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// A claim's fields that an I-node cannot hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimExtra {
    id: String,
    source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    about: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// A relation's fields that an RA- or CA-node cannot hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationExtra {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct AifOut {
    nodes: Vec<NodeOut>,
    edges: Vec<EdgeOut>,
    locutions: Vec<LocutionOut>,
    participants: Vec<ParticipantOut>,
    argraph: Extension,
}

// ---------------------------------------------------------------------------------------------
// Export

/// Splits a name into xAIF's `firstname` (up to the first space) and `surname` (the rest).
fn split_name(name: &str) -> (String, String) {
    match name.split_once(' ') {
        Some((first, rest)) => (first.to_owned(), rest.to_owned()),
        None => (name.to_owned(), String::new()),
    }
}

/// The name a participant's `firstname` and `surname` give.
fn join_name(firstname: &str, surname: &str) -> String {
    if surname.is_empty() {
        firstname.to_owned()
    } else {
        format!("{firstname} {surname}")
    }
}

/// The map as AIF JSON (AIFdb node layout, xAIF participants, argraph's extra fields under
/// `"argraph"`), pretty-printed, ending with a newline.
pub fn to_string(map: &Map) -> String {
    let document = MapDocument::from_map_with(map, RelationLayout::Section);
    let latest = map
        .claims
        .values()
        .filter_map(|c| c.date)
        .chain(map.sources.values().filter_map(|s| s.date))
        .max();
    let stamp = |date: Option<crate::model::Date>| {
        format!(
            "{} 00:00:00",
            date.or(latest)
                .map_or_else(|| "1970-01-01".to_owned(), |d| d.to_string())
        )
    };
    let mut next = 0u64;
    let mut fresh = || {
        next += 1;
        next.to_string()
    };
    let mut next_edge = 0u64;
    let mut fresh_edge = || {
        next_edge += 1;
        next_edge.to_string()
    };
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut locutions = Vec::new();
    let mut extension = Extension {
        format: EXTENSION_FORMAT.to_owned(),
        sources: document.sources.clone(),
        expectations: document.expectations.clone(),
        questions: document.questions.clone(),
        ..Extension::default()
    };
    fn edge(edges: &mut Vec<EdgeOut>, from: &str, to: &str, id: String) {
        edges.push(EdgeOut {
            edge_id: id,
            from_id: from.to_owned(),
            to_id: to.to_owned(),
        });
    }

    let participants: Vec<ParticipantOut> = document
        .actors
        .iter()
        .enumerate()
        .map(|(position, actor)| {
            let participant_id = position as u64 + 1;
            let (firstname, surname) = split_name(&actor.name);
            let name = (join_name(&firstname, &surname) != actor.name).then(|| actor.name.clone());
            extension.participants.insert(
                participant_id.to_string(),
                ActorExtra {
                    id: actor.id.clone(),
                    kind: actor.kind,
                    name,
                    member_of: actor.member_of.clone(),
                    role: actor.role.clone(),
                    note: actor.note.clone(),
                },
            );
            ParticipantOut {
                participant_id,
                firstname,
                surname,
            }
        })
        .collect();

    let mut claim_nodes = Vec::with_capacity(map.claims.len());
    for (claim, record) in map.claims.values().zip(&document.claims) {
        let timestamp = stamp(claim.date);
        let i_node = fresh();
        let l_node = fresh();
        let ya_node = fresh();
        let actor = map.actor(claim.actor);
        let said = claim.quote.as_deref().unwrap_or(&claim.text);
        nodes.push(NodeOut {
            node_id: i_node.clone(),
            text: claim.text.clone(),
            kind: "I",
            timestamp: timestamp.clone(),
        });
        nodes.push(NodeOut {
            node_id: l_node.clone(),
            text: format!("{} : {said}", actor.name),
            kind: "L",
            timestamp: timestamp.clone(),
        });
        nodes.push(NodeOut {
            node_id: ya_node.clone(),
            text: ASSERTING.to_owned(),
            kind: "YA",
            timestamp: timestamp.clone(),
        });
        let id = fresh_edge();
        edge(&mut edges, &l_node, &ya_node, id);
        let id = fresh_edge();
        edge(&mut edges, &ya_node, &i_node, id);
        locutions.push(LocutionOut {
            node_id: l_node,
            person_id: claim.actor.index() as u64 + 1,
            timestamp,
        });
        extension.claims.insert(
            i_node.clone(),
            ClaimExtra {
                id: record.id.clone(),
                source: record.source.clone(),
                quote: record.quote.clone(),
                date: record.date.clone(),
                tags: record.tags.clone(),
                about: record.about.clone(),
                note: record.note.clone(),
            },
        );
        claim_nodes.push(i_node);
    }

    // Scheme nodes first (an undercut may target a relation written after it), then edges.
    let relation_nodes: Vec<String> = map.relations.iter().map(|_| fresh()).collect();
    for ((relation, record), node) in map
        .relations
        .iter()
        .zip(&document.relations)
        .zip(&relation_nodes)
    {
        let (kind, text) = match relation.kind {
            RelationKind::Supports => ("RA", DEFAULT_INFERENCE),
            RelationKind::Rebuts | RelationKind::Undercuts => ("CA", DEFAULT_CONFLICT),
        };
        nodes.push(NodeOut {
            node_id: node.clone(),
            text: text.to_owned(),
            kind,
            timestamp: stamp(map.claim(relation.from).date),
        });
        let id = fresh_edge();
        edge(&mut edges, &claim_nodes[relation.from.index()], node, id);
        let target = match relation.target {
            Target::Claim(claim) => &claim_nodes[claim.index()],
            Target::Relation(target) => &relation_nodes[target.index()],
        };
        let id = fresh_edge();
        edge(&mut edges, node, target, id);
        if record.id.is_some() || record.note.is_some() {
            extension.relations.insert(
                node.clone(),
                RelationExtra {
                    id: record.id.clone(),
                    note: record.note.clone(),
                },
            );
        }
    }

    let aif = AifOut {
        nodes,
        edges,
        locutions,
        participants,
        argraph: extension,
    };
    // Serialising plain structs of strings, numbers and maps cannot fail.
    let mut text = serde_json::to_string_pretty(&aif).unwrap_or_default();
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------------------------
// Import

/// An id written as a string (AIFdb) or a number (xAIF).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum AifId {
    Text(String),
    Number(serde_json::Number),
}

impl AifId {
    fn key(&self) -> String {
        match self {
            AifId::Text(text) => text.clone(),
            AifId::Number(number) => number.to_string(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct NodeIn {
    #[serde(rename = "nodeID")]
    node_id: AifId,
    #[serde(default)]
    text: Option<String>,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Debug, Deserialize)]
struct EdgeIn {
    #[serde(rename = "fromID")]
    from_id: AifId,
    #[serde(rename = "toID")]
    to_id: AifId,
}

#[derive(Debug, Deserialize)]
struct LocutionIn {
    #[serde(rename = "nodeID")]
    node_id: AifId,
    #[serde(rename = "personID")]
    person_id: Option<AifId>,
}

#[derive(Debug, Deserialize)]
struct ParticipantIn {
    #[serde(rename = "participantID")]
    participant_id: AifId,
    #[serde(default)]
    firstname: Option<String>,
    #[serde(default)]
    surname: Option<String>,
}

/// The AIF sections argraph reads; other keys (`schemefulfillments`, `descriptorfulfillments`,
/// `ova`, `text`, …) are ignored.
#[derive(Debug, Deserialize)]
struct AifIn {
    nodes: Vec<NodeIn>,
    #[serde(default)]
    edges: Vec<EdgeIn>,
    #[serde(default, deserialize_with = "null_as_empty")]
    locutions: Vec<LocutionIn>,
    #[serde(default, deserialize_with = "null_as_empty")]
    participants: Vec<ParticipantIn>,
}

fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Reads AIF JSON (AIFdb or xAIF layout). `file_name` names the source that claims cite when
/// the file carries no argraph fields. Warnings and errors are located in `text` (file 0).
pub fn from_str(text: &str, file_name: &str) -> Result<Import, ImportError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|error| ImportError::one(json_error(text, &error, "JSON file")))?;
    // xAIF wraps the graph in "AIF" (some tools write "aif"); AIFdb has it at the top.
    let graph = ["AIF", "aif"]
        .iter()
        .find_map(|key| value.get(key).filter(|v| v.is_object()))
        .unwrap_or(&value);
    let aif: AifIn = AifIn::deserialize(graph).map_err(|error| {
        ImportError::one(
            Diagnostic::error("wrong-type", format!("not an AIF graph: {error}"))
                .at(FileId(0), 0..0, "in this file")
                .help("AIF JSON has `nodes` (nodeID, text, type), `edges` (fromID, toID) and `locutions` (nodeID, personID)"),
        )
    })?;
    let extension_value = value
        .get("argraph")
        .or_else(|| graph.get("argraph"))
        .cloned();
    let extension = match extension_value {
        None => None,
        Some(value) => Some(Extension::deserialize(value).map_err(|error| {
            let offset = text.find("\"argraph\"").unwrap_or(0);
            ImportError::one(
                Diagnostic::error(
                    "wrong-type",
                    format!("the `argraph` fields of this AIF file are not valid: {error}"),
                )
                .at(FileId(0), offset..offset + 9, "here")
                .help("remove the `argraph` object to import the AIF structure alone"),
            )
        })?),
    };
    Ok(Importer::new(text, file_name, aif, extension).run())
}

/// The state of one import.
struct Importer<'a> {
    text: &'a str,
    file_name: &'a str,
    nodes: IndexMap<String, NodeIn>,
    /// Node id → ids of nodes with an edge into it / out of it, in edge order.
    incoming: HashMap<String, Vec<String>>,
    outgoing: HashMap<String, Vec<String>>,
    /// L-node id → person id.
    speakers: HashMap<String, String>,
    participants: Vec<ParticipantIn>,
    extension: Extension,
    warnings: Vec<Diagnostic>,
    /// Every id given out so far.
    taken: HashSet<String>,
}

impl<'a> Importer<'a> {
    fn new(text: &'a str, file_name: &'a str, aif: AifIn, extension: Option<Extension>) -> Self {
        let mut importer = Importer {
            text,
            file_name,
            nodes: IndexMap::new(),
            incoming: HashMap::new(),
            outgoing: HashMap::new(),
            speakers: HashMap::new(),
            participants: aif.participants,
            extension: extension.unwrap_or_default(),
            warnings: Vec::new(),
            taken: HashSet::new(),
        };
        for node in aif.nodes {
            let key = node.node_id.key();
            if importer.nodes.contains_key(&key) {
                importer.warn(
                    &key,
                    format!("node `{key}` is written twice; the second one is ignored"),
                );
                continue;
            }
            importer.nodes.insert(key, node);
        }
        for edge in aif.edges {
            let (from, to) = (edge.from_id.key(), edge.to_id.key());
            let missing = [&from, &to]
                .into_iter()
                .find(|id| !importer.nodes.contains_key(id.as_str()))
                .cloned();
            if let Some(missing) = missing {
                importer.warn_at(
                    importer.edge_span(&from, &to),
                    format!("an edge from `{from}` to `{to}` names node `{missing}`, which does not exist; the edge is ignored"),
                );
                continue;
            }
            importer
                .outgoing
                .entry(from.clone())
                .or_default()
                .push(to.clone());
            importer.incoming.entry(to).or_default().push(from);
        }
        for locution in aif.locutions {
            if let Some(person) = locution.person_id {
                importer
                    .speakers
                    .insert(locution.node_id.key(), person.key());
            }
        }
        // Ids the argraph fields give are reserved first, so that made-up ids avoid them.
        let reserved: Vec<String> = importer
            .extension
            .sources
            .iter()
            .map(|s| s.id.clone())
            .chain(
                importer
                    .extension
                    .participants
                    .values()
                    .map(|a| a.id.clone()),
            )
            .chain(importer.extension.claims.values().map(|c| c.id.clone()))
            .chain(
                importer
                    .extension
                    .relations
                    .values()
                    .filter_map(|r| r.id.clone()),
            )
            .collect();
        importer.taken.extend(reserved);
        importer
    }

    fn node_kind(&self, id: &str) -> &str {
        self.nodes.get(id).map_or("", |node| node.kind.as_str())
    }

    fn node_text(&self, id: &str) -> &str {
        self.nodes
            .get(id)
            .and_then(|node| node.text.as_deref())
            .unwrap_or("")
    }

    fn incoming(&self, id: &str) -> &[String] {
        self.incoming.get(id).map_or(&[], Vec::as_slice)
    }

    fn outgoing(&self, id: &str) -> &[String] {
        self.outgoing.get(id).map_or(&[], Vec::as_slice)
    }

    /// The span of `"nodeID": <id>` in the text, for locating warnings.
    fn node_span(&self, id: &str) -> std::ops::Range<usize> {
        find_key_value(self.text, "nodeID", id).unwrap_or(0..0)
    }

    fn edge_span(&self, from: &str, _to: &str) -> std::ops::Range<usize> {
        find_key_value(self.text, "fromID", from).unwrap_or(0..0)
    }

    fn warn(&mut self, node: &str, message: String) {
        let span = self.node_span(node);
        self.warn_at(span, message);
    }

    fn warn_at(&mut self, span: std::ops::Range<usize>, message: String) {
        self.warnings
            .push(Diagnostic::warning("aif-not-kept", message).at(FileId(0), span, "this node"));
    }

    /// A fresh kebab-case id from `words`, or `fallback-N`.
    fn make_id(&mut self, words: &str, fallback: &str) -> String {
        let base = slug(words, 6).unwrap_or_else(|| fallback.to_owned());
        let mut candidate = base.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    fn run(mut self) -> Import {
        let mut document = MapDocument {
            sources: std::mem::take(&mut self.extension.sources),
            expectations: std::mem::take(&mut self.extension.expectations),
            questions: std::mem::take(&mut self.extension.questions),
            ..MapDocument::default()
        };

        // Participants become actors, in their order.
        let mut actor_of_person: HashMap<String, String> = HashMap::new();
        let participants = std::mem::take(&mut self.participants);
        for participant in &participants {
            let key = participant.participant_id.key();
            let firstname = participant.firstname.as_deref().unwrap_or("");
            let surname = participant.surname.as_deref().unwrap_or("");
            let actor = match self.extension.participants.shift_remove(&key) {
                Some(extra) => ActorRecord {
                    id: extra.id,
                    name: extra.name.unwrap_or_else(|| join_name(firstname, surname)),
                    kind: extra.kind,
                    member_of: extra.member_of,
                    role: extra.role,
                    note: extra.note,
                },
                None => {
                    let name = join_name(firstname, surname).trim().to_owned();
                    let name = if name.is_empty() {
                        format!("Participant {key}")
                    } else {
                        name
                    };
                    ActorRecord {
                        id: self.make_id(&name, &format!("participant-{}", sanitise(&key))),
                        name,
                        kind: ActorKind::Other,
                        member_of: None,
                        role: None,
                        note: None,
                    }
                }
            };
            actor_of_person.insert(key, actor.id.clone());
            document.actors.push(actor);
        }

        // I-nodes become claims.
        let node_ids: Vec<String> = self.nodes.keys().cloned().collect();
        let mut claim_of_node: HashMap<String, String> = HashMap::new();
        let mut default_source: Option<String> = None;
        let mut unknown_speaker: Option<String> = None;
        for id in &node_ids {
            if self.node_kind(id) != "I" {
                continue;
            }
            let text = self.node_text(id).to_owned();
            let speaker = self.speaker_of(id, &mut document, &mut actor_of_person);
            let actor = match speaker {
                Some(actor) => actor,
                None => {
                    let actor = unknown_speaker.get_or_insert_with(|| {
                        let actor_id = self_make_id(&mut self.taken, "unknown-speaker");
                        document.actors.push(ActorRecord {
                            id: actor_id.clone(),
                            name: "Unknown speaker".to_owned(),
                            kind: ActorKind::Other,
                            member_of: None,
                            role: None,
                            note: Some(
                                "Made by argraph import for claims that no locution asserts."
                                    .to_owned(),
                            ),
                        });
                        actor_id
                    });
                    let actor = actor.clone();
                    self.warn(
                        id,
                        format!("I-node `{id}` is asserted by no locution of a participant; its claim is given to `{actor}`"),
                    );
                    actor
                }
            };
            let claim = match self.extension.claims.shift_remove(id) {
                Some(extra) => ClaimRecord {
                    id: extra.id,
                    actor,
                    text,
                    quote: extra.quote,
                    source: extra.source,
                    date: extra.date,
                    tags: extra.tags,
                    about: extra.about,
                    supports: Vec::new(),
                    rebuts: Vec::new(),
                    undercuts: Vec::new(),
                    note: extra.note,
                },
                None => {
                    let source = default_source
                        .get_or_insert_with(|| {
                            let source_id = self_make_id(&mut self.taken, "aif-import");
                            document.sources.push(SourceRecord {
                                id: source_id.clone(),
                                title: format!("Imported from {}", self.file_name),
                                publisher: None,
                                authors: Vec::new(),
                                url: None,
                                date: None,
                                archive: None,
                            });
                            source_id
                        })
                        .clone();
                    let quote = self.locution_quote(id, &text);
                    ClaimRecord {
                        id: self.make_id(&text, &format!("claim-{}", sanitise(id))),
                        actor,
                        text,
                        quote,
                        source,
                        date: None,
                        tags: Vec::new(),
                        about: Vec::new(),
                        supports: Vec::new(),
                        rebuts: Vec::new(),
                        undercuts: Vec::new(),
                        note: None,
                    }
                }
            };
            claim_of_node.insert(id.clone(), claim.id.clone());
            document.claims.push(claim);
        }

        // RA- and CA-nodes become relations. A scheme node may stand for several relations
        // (several premises); an undercut of it undercuts each of them.
        let mut relations_of_node: HashMap<String, Vec<usize>> = HashMap::new();
        let mut undercut_nodes = Vec::new();
        let mut seen: HashSet<(String, RelationKind, String)> = HashSet::new();
        for id in &node_ids {
            let kind = match self.node_kind(id) {
                "RA" => RelationKind::Supports,
                "CA" => RelationKind::Rebuts,
                _ => continue,
            };
            // Into a scheme node also come the CA-nodes that undercut it and the YA-nodes that
            // anchor it in the dialogue: neither is a premise (both are handled on their own).
            let premises: Vec<String> = self
                .incoming(id)
                .iter()
                .filter(|n| !matches!(self.node_kind(n), "CA" | "YA"))
                .cloned()
                .collect();
            let conclusions: Vec<String> = self.outgoing(id).to_vec();
            let conclusion_is_scheme = conclusions
                .iter()
                .any(|c| matches!(self.node_kind(c), "RA" | "CA"));
            if kind == RelationKind::Rebuts && conclusion_is_scheme {
                undercut_nodes.push(id.clone());
                continue;
            }
            let Some((claims_from, claim_to)) =
                self.scheme_ends(id, kind, &premises, &conclusions, &claim_of_node)
            else {
                continue;
            };
            let extra = self.extension.relations.shift_remove(id);
            let several = claims_from.len() > 1;
            for from in claims_from {
                if !seen.insert((from.clone(), kind, claim_to.clone())) {
                    self.warn(id, format!("`{from}` {kind} `{claim_to}` a second time (node `{id}`); argraph keeps one"));
                    continue;
                }
                let mut record = RelationRecord::new(from, kind, claim_to.clone());
                if let Some(extra) = &extra {
                    if !several {
                        record.id.clone_from(&extra.id);
                    }
                    record.note.clone_from(&extra.note);
                }
                relations_of_node
                    .entry(id.clone())
                    .or_default()
                    .push(document.relations.len());
                document.relations.push(record);
            }
        }

        // MA-nodes (rephrase): the claims on either side say the same thing; argraph keeps
        // that as a support each way, noted as a rephrase.
        for id in &node_ids {
            if self.node_kind(id) != "MA" {
                continue;
            }
            let claims = |nodes: &[String]| -> Vec<String> {
                nodes
                    .iter()
                    .filter_map(|n| claim_of_node.get(n).cloned())
                    .collect()
            };
            let (before, after) = (claims(self.incoming(id)), claims(self.outgoing(id)));
            for a in &before {
                for b in after.iter().filter(|b| *b != a) {
                    for (from, to) in [(a, b), (b, a)] {
                        if seen.insert((from.clone(), RelationKind::Supports, to.clone())) {
                            let mut record = RelationRecord::new(
                                from.clone(),
                                RelationKind::Supports,
                                to.clone(),
                            );
                            record.note = Some(format!(
                                "AIF MA-node `{id}`: a rephrase, the two claims say the same"
                            ));
                            document.relations.push(record);
                        }
                    }
                }
            }
        }

        // Undercuts: CA-nodes pointing at an RA- or CA-node. An undercut of an undercut waits
        // until its target is made; what never becomes ready is a cycle.
        let mut unresolved: Vec<String> = undercut_nodes;
        loop {
            let mut progress = false;
            let mut waiting = Vec::new();
            for (position, id) in unresolved.iter().enumerate() {
                let targets: Vec<String> = self
                    .outgoing(id)
                    .iter()
                    .filter(|t| matches!(self.node_kind(t), "RA" | "CA"))
                    .cloned()
                    .collect();
                let blocked = targets
                    .iter()
                    .any(|t| waiting.contains(t) || unresolved[position + 1..].contains(t));
                if blocked {
                    waiting.push(id.clone());
                    continue;
                }
                progress = true;
                self.undercut(
                    id,
                    &targets,
                    &claim_of_node,
                    &mut relations_of_node,
                    &mut document,
                    &mut seen,
                );
            }
            if waiting.is_empty() {
                break;
            }
            if !progress {
                for id in &waiting {
                    self.warn(
                        id,
                        format!("CA-node `{id}` is part of a cycle of undercuts; it is not kept"),
                    );
                }
                break;
            }
            unresolved = waiting;
        }

        self.report_unkept(&node_ids);
        if document.claims.is_empty() {
            self.warnings.push(
                Diagnostic::warning(
                    "aif-no-claims",
                    "this AIF graph has no I-nodes: the map has no claims",
                )
                .at(FileId(0), 0..0, "in this file"),
            );
        }
        for (key, extra) in std::mem::take(&mut self.extension.claims) {
            self.warnings.push(Diagnostic::warning(
                "aif-not-kept",
                format!("the argraph fields of claim `{}` name node `{key}`, which is not an I-node of this file; they are ignored", extra.id),
            ));
        }
        Import {
            document,
            warnings: self.warnings,
        }
    }

    /// The actor who asserts I-node `id`: the participant of the locution anchored to it by a
    /// YA-node. Other speakers and other illocutions are warned about.
    fn speaker_of(
        &mut self,
        id: &str,
        document: &mut MapDocument,
        actor_of_person: &mut HashMap<String, String>,
    ) -> Option<String> {
        let mut speakers = Vec::new();
        for ya in self.incoming(id).to_vec() {
            if self.node_kind(&ya) != "YA" {
                continue;
            }
            let force = self.node_text(&ya).to_owned();
            for l in self.incoming(&ya).to_vec() {
                if self.node_kind(&l) != "L" {
                    continue;
                }
                let Some(person) = self.speakers.get(&l).cloned() else {
                    continue;
                };
                let actor = match actor_of_person.get(&person) {
                    Some(actor) => actor.clone(),
                    None => {
                        // AIFdb names people in its own database: the L-node text starts with
                        // the speaker's name ("Name : what was said").
                        let name = self
                            .node_text(&l)
                            .split_once(':')
                            .map(|(name, _)| name.trim().to_owned())
                            .filter(|name| !name.is_empty())
                            .unwrap_or_else(|| format!("Person {person}"));
                        let actor_id =
                            self.make_id(&name, &format!("person-{}", sanitise(&person)));
                        document.actors.push(ActorRecord {
                            id: actor_id.clone(),
                            name,
                            kind: ActorKind::Other,
                            member_of: None,
                            role: None,
                            note: None,
                        });
                        actor_of_person.insert(person, actor_id.clone());
                        actor_id
                    }
                };
                speakers.push((actor, force.clone(), ya.clone()));
            }
        }
        let mut speakers = speakers.into_iter();
        let (actor, force, ya) = speakers.next()?;
        if !is_assertion(&force) {
            self.warn(&ya, format!("YA-node `{ya}` anchors I-node `{id}` with the illocution \"{force}\"; argraph reads it as the speaker's claim"));
        }
        for (other, _, ya) in speakers {
            if other != actor {
                self.warn(&ya, format!("I-node `{id}` is also asserted by `{other}` (YA-node `{ya}`); argraph gives a claim one actor, `{actor}`"));
            }
        }
        Some(actor)
    }

    /// The quote of an I-node: the text of the locution that asserts it, without the speaker's
    /// name, when it differs from the I-node's text.
    fn locution_quote(&self, id: &str, text: &str) -> Option<String> {
        let l = self.incoming(id).iter().find_map(|ya| {
            (self.node_kind(ya) == "YA").then(|| {
                self.incoming(ya)
                    .iter()
                    .find(|l| self.node_kind(l) == "L")
                    .cloned()
            })?
        })?;
        let said = self.node_text(&l);
        let said = said.split_once(" : ").map_or(said, |(_, rest)| rest).trim();
        (!said.is_empty() && said != text.trim()).then(|| said.to_owned())
    }

    /// The claims a support or rebuttal node goes from, and the claim it goes to; `None` (with a
    /// warning) when the node has no claim to go from or not exactly one to go to.
    fn scheme_ends(
        &mut self,
        id: &str,
        kind: RelationKind,
        premises: &[String],
        conclusions: &[String],
        claim_of_node: &HashMap<String, String>,
    ) -> Option<(Vec<String>, String)> {
        let node_type = self.node_kind(id).to_owned();
        let mut from = Vec::new();
        for premise in premises {
            match claim_of_node.get(premise) {
                Some(claim) => from.push(claim.clone()),
                None => {
                    let other = self.node_kind(premise).to_owned();
                    self.warn(id, format!("{node_type}-node `{id}` comes from {other}-node `{premise}`; argraph relations go from claims, so that edge is not kept"));
                }
            }
        }
        let to: Vec<&String> = conclusions
            .iter()
            .filter_map(|c| claim_of_node.get(c))
            .collect();
        if from.is_empty() || to.len() != 1 {
            let what = if kind == RelationKind::Supports {
                "support"
            } else {
                "conflict"
            };
            self.warn(id, format!("{node_type}-node `{id}` has {} claim(s) before it and {} after it; a {what} needs at least one and exactly one, so it is not kept", from.len(), to.len()));
            return None;
        }
        if from.len() > 1 && kind == RelationKind::Supports {
            self.warn(
                id,
                format!(
                    "RA-node `{id}` links {} premises; argraph keeps each as a support of its own",
                    from.len()
                ),
            );
        }
        let to = to[0].clone();
        if from.contains(&to) {
            self.warn(
                id,
                format!("{node_type}-node `{id}` relates claim `{to}` to itself; not kept"),
            );
            from.retain(|claim| *claim != to);
            if from.is_empty() {
                return None;
            }
        }
        Some((from, to))
    }

    /// A CA-node pointing at scheme nodes: each claim before it undercuts each relation of each
    /// target.
    fn undercut(
        &mut self,
        id: &str,
        targets: &[String],
        claim_of_node: &HashMap<String, String>,
        relations_of_node: &mut HashMap<String, Vec<usize>>,
        document: &mut MapDocument,
        seen: &mut HashSet<(String, RelationKind, String)>,
    ) {
        let attackers: Vec<String> = self
            .incoming(id)
            .iter()
            .filter_map(|n| claim_of_node.get(n))
            .cloned()
            .collect();
        if attackers.is_empty() {
            self.warn(
                id,
                format!("CA-node `{id}` has no claim before it; the undercut is not kept"),
            );
            return;
        }
        let extra = self.extension.relations.shift_remove(id);
        let mut made = Vec::new();
        for target in targets {
            let relations = relations_of_node.get(target).cloned().unwrap_or_default();
            if relations.is_empty() {
                self.warn(id, format!("CA-node `{id}` undercuts node `{target}`, which argraph did not keep; the undercut is not kept"));
                continue;
            }
            for relation in relations {
                let target_id = match &document.relations[relation].id {
                    Some(target_id) => target_id.clone(),
                    None => {
                        let record = &document.relations[relation];
                        let words = format!(
                            "{} {} {}",
                            record.from,
                            record.kind_and_target().map_or("", |(k, _)| k.as_str()),
                            record.kind_and_target().map_or("", |(_, t)| t)
                        );
                        let fresh = self_make_id_from(&mut self.taken, &words, 12);
                        document.relations[relation].id = Some(fresh.clone());
                        fresh
                    }
                };
                for from in &attackers {
                    if !seen.insert((from.clone(), RelationKind::Undercuts, target_id.clone())) {
                        continue;
                    }
                    let mut record = RelationRecord::new(
                        from.clone(),
                        RelationKind::Undercuts,
                        target_id.clone(),
                    );
                    if let Some(extra) = &extra {
                        if attackers.len() == 1 && targets.len() == 1 {
                            record.id.clone_from(&extra.id);
                        }
                        record.note.clone_from(&extra.note);
                    }
                    made.push(document.relations.len());
                    document.relations.push(record);
                }
            }
        }
        if !made.is_empty() {
            relations_of_node.insert(id.to_owned(), made);
        }
    }

    /// Warns about every node kind argraph does not keep, and L-nodes that assert nothing.
    fn report_unkept(&mut self, node_ids: &[String]) {
        for id in node_ids {
            let kind = self.node_kind(id).to_owned();
            let text = self.node_text(id).to_owned();
            let message = match kind.as_str() {
                "I" | "RA" | "CA" => continue,
                "YA" => {
                    let anchors_claim = self.outgoing(id).iter().any(|n| self.node_kind(n) == "I");
                    if anchors_claim {
                        continue;
                    }
                    format!(
                        "YA-node `{id}` (\"{text}\") anchors no claim: illocutions on relations are not kept"
                    )
                }
                "L" => {
                    let asserts = self.outgoing(id).iter().any(|ya| {
                        self.node_kind(ya) == "YA"
                            && self.outgoing(ya).iter().any(|n| self.node_kind(n) == "I")
                    });
                    if asserts {
                        continue;
                    }
                    format!(
                        "L-node `{id}` (\"{}\") asserts no claim; it is not kept",
                        shorten(&text)
                    )
                }
                "MA" => {
                    let claims_on =
                        |nodes: &[String]| nodes.iter().any(|n| self.node_kind(n) == "I");
                    if claims_on(self.incoming(id)) && claims_on(self.outgoing(id)) {
                        continue; // kept as a support each way
                    }
                    format!(
                        "MA-node `{id}` (rephrase, \"{text}\") has no claim on one side; it is not kept"
                    )
                }
                "TA" => {
                    format!("TA-node `{id}` (transition between locutions, \"{text}\") is not kept")
                }
                "PA" => format!(
                    "PA-node `{id}` (preference, \"{text}\"): argraph has no preferences; it is not kept"
                ),
                other => format!(
                    "node `{id}` of type `{other}` is not an AIF node type argraph knows; it is not kept"
                ),
            };
            self.warn(id, message);
        }
    }
}

fn is_assertion(force: &str) -> bool {
    let force = force.trim().to_ascii_lowercase();
    force == "asserting" || force == "default illocuting" || force.is_empty()
}

fn self_make_id(taken: &mut HashSet<String>, base: &str) -> String {
    self_make_id_from(taken, base, 6)
}

fn self_make_id_from(taken: &mut HashSet<String>, words: &str, max_words: usize) -> String {
    let base = slug(words, max_words).unwrap_or_else(|| "item".to_owned());
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// A kebab-case id from the first `max_words` ASCII words of `text`, at most 48 characters.
fn slug(text: &str, max_words: usize) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(max_words)
        .collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() + 1 > 48 && !slug.is_empty() {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug.truncate(48);
    let slug = slug.trim_end_matches('-').to_owned();
    (!slug.is_empty()).then_some(slug)
}

/// An AIF id as a part of a kebab-case id.
fn sanitise(id: &str) -> String {
    slug(id, usize::MAX).unwrap_or_else(|| "x".to_owned())
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// The span of the value in the first `"key": value` of the text whose value is `id` (as a
/// string or a number).
fn find_key_value(text: &str, key: &str, id: &str) -> Option<std::ops::Range<usize>> {
    let quoted_key = format!("\"{key}\"");
    let quoted_id = serde_json::to_string(id).ok()?;
    let mut from = 0;
    while let Some(found) = text[from..].find(&quoted_key) {
        let after_key = from + found + quoted_key.len();
        let rest = &text[after_key..];
        let colon = rest.len() - rest.trim_start().len();
        if rest[colon..].starts_with(':') {
            let value_start = after_key + colon + 1;
            let value = &text[value_start..];
            let skip = value.len() - value.trim_start().len();
            let start = value_start + skip;
            for candidate in [quoted_id.as_str(), id] {
                if text[start..].starts_with(candidate) {
                    let end = start + candidate.len();
                    let boundary = text[end..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '.');
                    if boundary {
                        return Some(start..end);
                    }
                }
            }
        }
        from = after_key;
    }
    None
}

/// Reads a corpus of AIF node sets (as AIFdb serves a corpus: one JSON file per node set) into
/// one map. `files` are the node sets' names and texts; diagnostics about file `i` are located
/// in `FileId(i)`.
///
/// Each node set is read as [`from_str`] reads one file, then the maps are joined: each node
/// set's claims cite a source of their own (`Node set NAME`); speakers with the same name are
/// one actor across node sets; a claim or relation id already taken by an earlier node set gets
/// a suffix (`-2`, …), the same text in two node sets being two claims, as in AIF. A node set
/// that cannot be read is left out with its errors given as warnings, so that one broken file
/// does not stop a corpus; if none can be read, the errors are returned.
pub fn corpus(files: &[(String, String)]) -> Result<Import, ImportError> {
    use std::collections::hash_map::Entry;
    let mut document = MapDocument::default();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut actors: HashMap<String, usize> = HashMap::new();
    let relocate = |diagnostic: &mut Diagnostic, file: usize| {
        for label in diagnostic
            .primary
            .iter_mut()
            .chain(diagnostic.secondary.iter_mut())
        {
            label.file = FileId(u32::try_from(file).unwrap_or(u32::MAX));
        }
    };
    for (file, (name, text)) in files.iter().enumerate() {
        let imported = match from_str(text, name) {
            Ok(imported) => imported,
            Err(ImportError { errors: found }) => {
                for mut error in found {
                    relocate(&mut error, file);
                    error.severity = crate::diagnostic::Severity::Warning;
                    error
                        .notes
                        .push(format!("the node set `{name}` is left out"));
                    errors.push(error);
                }
                continue;
            }
        };
        for mut warning in imported.warnings {
            relocate(&mut warning, file);
            warnings.push(warning);
        }
        let part = imported.document;
        // New ids for what clashes with an earlier node set.
        let mut renamed: HashMap<String, String> = HashMap::new();
        let fresh = |id: &str, taken: &mut HashSet<String>| -> String {
            let mut candidate = id.to_owned();
            let mut n = 1;
            while taken.contains(&candidate) {
                n += 1;
                candidate = format!("{id}-{n}");
            }
            taken.insert(candidate.clone());
            candidate
        };
        let stem = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(name)
            .trim_end_matches(".json");
        for mut source in part.sources {
            let wanted = match crate::load::validate::to_kebab_case(&format!("nodeset-{stem}")) {
                id if source.id == "aif-import" && !id.is_empty() => id,
                _ => source.id.clone(),
            };
            let id = fresh(&wanted, &mut taken);
            if source.id == "aif-import" {
                source.title = format!("Node set {stem}");
            }
            renamed.insert(format!("source:{}", source.id), id.clone());
            source.id = id;
            document.sources.push(source);
        }
        for actor in part.actors {
            // Speakers are the same actor across node sets when their ids (made from their
            // names) are the same.
            match actors.entry(actor.id.clone()) {
                Entry::Occupied(_) => {}
                Entry::Vacant(slot) => {
                    taken.insert(actor.id.clone());
                    slot.insert(document.actors.len());
                    document.actors.push(actor);
                }
            }
        }
        for mut claim in part.claims {
            let id = fresh(&claim.id, &mut taken);
            renamed.insert(claim.id.clone(), id.clone());
            claim.id = id;
            if let Some(source) = renamed.get(&format!("source:{}", claim.source)) {
                claim.source.clone_from(source);
            }
            document.claims.push(claim);
        }
        let mut relations = part.relations;
        for relation in &mut relations {
            if let Some(id) = relation.id.take() {
                let new = fresh(&id, &mut taken);
                renamed.insert(format!("relation:{id}"), new.clone());
                relation.id = Some(new);
            }
        }
        for mut relation in relations {
            if let Some(new) = renamed.get(&relation.from) {
                relation.from.clone_from(new);
            }
            for target in [&mut relation.supports, &mut relation.rebuts]
                .into_iter()
                .flatten()
            {
                if let Some(new) = renamed.get(target.as_str()) {
                    target.clone_from(new);
                }
            }
            if let Some(target) = relation.undercuts.as_mut() {
                if let Some(new) = renamed.get(&format!("relation:{target}")) {
                    target.clone_from(new);
                }
            }
            document.relations.push(relation);
        }
        document.expectations.extend(part.expectations);
    }
    if document.claims.is_empty() && !errors.is_empty() {
        for error in &mut errors {
            error.severity = crate::diagnostic::Severity::Error;
        }
        return Err(ImportError { errors });
    }
    errors.append(&mut warnings);
    Ok(Import {
        document,
        warnings: errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_and_join_back() {
        for name in [
            "Mike Pompeo",
            "U.S. government",
            "ByteDance",
            "A  B",
            " lead",
            "",
        ] {
            let (first, sur) = split_name(name);
            assert_eq!(join_name(&first, &sur), name, "{name}");
        }
        // A trailing space is lost by the split: the extension then keeps the name.
        let (first, sur) = split_name("x ");
        assert_ne!(join_name(&first, &sur), "x ");
    }

    #[test]
    fn slugs_are_kebab_case() {
        assert_eq!(
            slug("TikTok does not spy!", 6).as_deref(),
            Some("tiktok-does-not-spy")
        );
        assert_eq!(slug("微信", 6), None);
        assert_eq!(sanitise("12"), "12");
    }

    #[test]
    fn values_are_found_as_strings_or_numbers() {
        let text = r#"{"nodes": [{"nodeID": "12", "x": 1}, {"nodeID": 7}]}"#;
        let span = find_key_value(text, "nodeID", "12").expect("found");
        assert_eq!(&text[span], "\"12\"");
        let span = find_key_value(text, "nodeID", "7").expect("found");
        assert_eq!(&text[span], "7");
        assert_eq!(find_key_value(text, "nodeID", "1"), None);
    }
}
