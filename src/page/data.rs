//! The data an explorer page carries: the map with indices instead of ids, and what the page
//! shows without computing it (statuses under every semantics, explanations, who disputes and
//! supports whom, the starting claim).
//!
//! Everything is a plain serde record serialised to JSON once; the page's script reads it. The
//! field names are the page's vocabulary (`assets/explorer/explorer.js` documents the shape).

use serde::Serialize;

use crate::model::{
    ClaimIx, ExpectedSemantics, ExpectedStatus, ExpectedSupport, Map, RelationIx, Target,
};
use crate::query::{self, Link};
use crate::semantics::bipolar::SupportMode;
use crate::semantics::map::{evaluate_map, explain_claim};
use crate::semantics::{Label, Semantics};

/// The support modes the page offers, in menu order.
pub(crate) const SUPPORT_MODES: [SupportMode; 3] = [
    SupportMode::None,
    SupportMode::Deductive,
    SupportMode::Necessary,
];

/// The semantics the page offers, in menu order: those its own engine
/// (`assets/explorer/semantics.js`) computes. Stage semantics is left out: it is not built on
/// complete labellings, which is what that engine enumerates.
pub const SEMANTICS_OFFERED: [Semantics; 6] = [
    Semantics::Grounded,
    Semantics::Complete,
    Semantics::Preferred,
    Semantics::Stable,
    Semantics::SemiStable,
    Semantics::Ideal,
];

/// Limits that keep a page quick on a big map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Above this many claims the page leaves out the whole-map diagram (the focus view, the
    /// outline and search still work).
    pub full_diagram: usize,
    /// Above this many claims only grounded semantics is offered (the others need a search that
    /// grows quickly with the size of the map, in Rust when the page is made and in the page
    /// when claims are switched off).
    pub all_semantics: usize,
    /// Above this many claims the plain-words explanations are left out of the page (each
    /// explanation is computed when the page is made; the page then explains grounded statuses
    /// itself).
    pub explanations: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            full_diagram: 400,
            all_semantics: 2_000,
            explanations: 1_000,
        }
    }
}

/// The whole of a page's data.
#[derive(Debug, Serialize)]
pub(crate) struct PageData<'m> {
    pub(crate) title: &'m str,
    pub(crate) version: &'static str,
    /// The claim the page opens on without a fragment.
    pub(crate) start: Option<u32>,
    /// The view the page opens on without a fragment: `questions` when the map states its
    /// questions and no claim was chosen, else `focus`.
    pub(crate) landing: &'static str,
    /// Whether statuses stay hidden until the exercises are answered.
    pub(crate) exercise: bool,
    pub(crate) limits: LimitsData,
    pub(crate) sources: Vec<SourceData<'m>>,
    pub(crate) actors: Vec<ActorData<'m>>,
    pub(crate) claims: Vec<ClaimData<'m>>,
    pub(crate) relations: Vec<RelationData<'m>>,
    pub(crate) expectations: Vec<ExpectationData<'m>>,
    /// The questions the debate is about, with the claims answering each for and against.
    pub(crate) questions: Vec<QuestionData<'m>>,
    /// Statuses of the whole map, one entry per semantics and support mode offered.
    pub(crate) statuses: Vec<StatusData>,
    /// The distinct texts of the explanations (many claims share one: "nothing attacks it"),
    /// which [`StatusData::explanations`] index.
    pub(crate) reasons: Vec<String>,
    /// Who disputes and supports whom, per actor and rolled up to organisations.
    pub(crate) links: LinksData,
}

#[derive(Debug, Serialize)]
pub(crate) struct LimitsData {
    #[serde(rename = "fullDiagram")]
    pub(crate) full_diagram: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct SourceData<'m> {
    id: &'m str,
    title: &'m str,
    publisher: Option<&'m str>,
    authors: &'m [String],
    url: Option<&'m str>,
    date: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ActorData<'m> {
    id: &'m str,
    name: &'m str,
    kind: &'static str,
    #[serde(rename = "memberOf")]
    member_of: Option<u32>,
    /// The top of its `member_of` chain (itself when it is a member of nothing).
    root: u32,
    role: Option<&'m str>,
    note: Option<&'m str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ClaimData<'m> {
    id: &'m str,
    actor: u32,
    text: &'m str,
    quote: Option<&'m str>,
    source: u32,
    date: Option<String>,
    tags: &'m [String],
    about: Vec<u32>,
    note: Option<&'m str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RelationData<'m> {
    id: Option<&'m str>,
    from: u32,
    /// `supports`, `rebuts` or `undercuts`.
    kind: &'static str,
    /// A claim index (supports, rebuts) or a relation index (undercuts).
    target: u32,
    /// The claim the relation answers: its target claim, or for an undercut the source claim of
    /// the relation it attacks.
    answers: u32,
    note: Option<&'m str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct QuestionData<'m> {
    id: &'m str,
    text: &'m str,
    #[serde(rename = "for")]
    for_claims: Vec<u32>,
    against: Vec<u32>,
    note: Option<&'m str>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ExpectationData<'m> {
    claim: u32,
    /// What the exercise teaches.
    note: Option<&'m str>,
    semantics: &'static str,
    support: &'static str,
    /// `IN`, `OUT` or `UNDEC`, as `argraph eval` prints.
    status: &'static str,
}

#[derive(Debug, Serialize)]
pub(crate) struct StatusData {
    semantics: &'static str,
    support: &'static str,
    /// One letter per claim: `I` (IN), `O` (OUT), `U` (UNDEC).
    labels: String,
    /// One digit per claim: `1` when some extension holds the claim.
    credulous: String,
    #[serde(rename = "hasExtension")]
    has_extension: bool,
    /// Per claim, why it has its status in plain words, as an index into
    /// [`PageData::reasons`] (left out on big maps).
    #[serde(skip_serializing_if = "Option::is_none")]
    explanations: Option<Vec<u32>>,
}

/// Actor links as `[from actor, to actor, [relation indices]]`.
#[derive(Debug, Serialize)]
pub(crate) struct LinksData {
    disputes: Vec<(u32, u32, Vec<u32>)>,
    supports: Vec<(u32, u32, Vec<u32>)>,
    #[serde(rename = "disputesRollup")]
    disputes_rollup: Vec<(u32, u32, Vec<u32>)>,
    #[serde(rename = "supportsRollup")]
    supports_rollup: Vec<(u32, u32, Vec<u32>)>,
}

/// Why a page could not be made.
#[derive(Debug)]
pub enum PageError {
    /// The map's relations cannot be read as an argumentation framework.
    Semantics(String),
    /// The page could not be written.
    Io(std::io::Error),
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::Semantics(message) => write!(f, "cannot evaluate the map: {message}"),
            PageError::Io(error) => write!(f, "cannot write the page: {error}"),
        }
    }
}

impl std::error::Error for PageError {}

impl From<std::io::Error> for PageError {
    fn from(error: std::io::Error) -> Self {
        PageError::Io(error)
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl<'m> PageData<'m> {
    /// Collects a page's data from a map.
    pub(crate) fn new(
        map: &'m Map,
        title: &'m str,
        start: Option<ClaimIx>,
        exercise: bool,
        limits: Limits,
    ) -> Result<PageData<'m>, PageError> {
        let roots = map.root_actors();
        let sources = map
            .sources
            .values()
            .map(|s| SourceData {
                id: &s.id,
                title: &s.title,
                publisher: s.publisher.as_deref(),
                authors: &s.authors,
                url: s.url.as_deref(),
                date: s.date.map(|d| d.to_string()),
            })
            .collect();
        let actors = map
            .actors
            .values()
            .enumerate()
            .map(|(i, a)| ActorData {
                id: &a.id,
                name: &a.name,
                kind: a.kind.as_str(),
                member_of: a.member_of.map(|m| m.0),
                root: roots.get(i).map_or(index(i), |r| r.0),
                role: a.role.as_deref(),
                note: a.note.as_deref(),
            })
            .collect();
        let claims = map
            .claims
            .values()
            .map(|c| ClaimData {
                id: &c.id,
                actor: c.actor.0,
                text: &c.text,
                quote: c.quote.as_deref(),
                source: c.source.0,
                date: c.date.map(|d| d.to_string()),
                tags: &c.tags,
                about: c.about.iter().map(|a| a.0).collect(),
                note: c.note.as_deref(),
            })
            .collect();
        let relations = map
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| RelationData {
                id: r.id.as_deref(),
                from: r.from.0,
                kind: r.kind.as_str(),
                target: match r.target {
                    Target::Claim(c) => c.0,
                    Target::Relation(x) => x.0,
                },
                answers: crate::graph::answered_claim(map, RelationIx::new(i)).0,
                note: r.note.as_deref(),
            })
            .collect();
        let expectations = map
            .expectations
            .iter()
            .map(|e| ExpectationData {
                claim: e.claim.0,
                note: e.note.as_deref(),
                semantics: match e.semantics {
                    ExpectedSemantics::Grounded => "grounded",
                    ExpectedSemantics::Complete => "complete",
                    ExpectedSemantics::Preferred => "preferred",
                    ExpectedSemantics::Stable => "stable",
                },
                support: match e.support {
                    ExpectedSupport::None => "none",
                    ExpectedSupport::Deductive => "deductive",
                    ExpectedSupport::Necessary => "necessary",
                },
                status: match e.status {
                    ExpectedStatus::In => "IN",
                    ExpectedStatus::Out => "OUT",
                    ExpectedStatus::Undec => "UNDEC",
                },
            })
            .collect();
        let questions = map
            .questions
            .values()
            .map(|q| QuestionData {
                id: &q.id,
                text: &q.text,
                for_claims: q.for_claims.iter().map(|c| c.0).collect(),
                against: q.against_claims.iter().map(|c| c.0).collect(),
                note: q.note.as_deref(),
            })
            .collect();
        let landing = if start.is_none() && !map.questions.is_empty() {
            "questions"
        } else {
            "focus"
        };
        let start = start.or_else(|| {
            query::contested::contested(map, false)
                .claims
                .first()
                .map(|c| c.claim)
        });
        let mut reasons = Reasons::default();
        let statuses = statuses(map, limits, &mut reasons)?;
        Ok(PageData {
            title,
            version: env!("CARGO_PKG_VERSION"),
            start: start.map(|c| c.0),
            landing,
            exercise,
            limits: LimitsData {
                full_diagram: limits.full_diagram,
            },
            sources,
            actors,
            claims,
            relations,
            expectations,
            questions,
            statuses,
            reasons: reasons.texts,
            links: LinksData {
                disputes: link_rows(query::links::disputes(map, None, false)),
                supports: link_rows(query::links::supports(map, None, false)),
                disputes_rollup: link_rows(query::links::disputes(map, None, true)),
                supports_rollup: link_rows(query::links::supports(map, None, true)),
            },
        })
    }
}

/// The statuses (and, on a small map, the explanations) under every semantics and support mode
/// the page offers for a map of this size.
fn statuses(
    map: &Map,
    limits: Limits,
    reasons: &mut Reasons,
) -> Result<Vec<StatusData>, PageError> {
    let n = map.claims.len();
    let semantics: &[Semantics] = if n > limits.all_semantics {
        &[Semantics::Grounded]
    } else {
        &SEMANTICS_OFFERED
    };
    let mut all = Vec::with_capacity(semantics.len() * SUPPORT_MODES.len());
    for &sem in semantics {
        for mode in SUPPORT_MODES {
            let evaluation = match evaluate_map(map, sem, mode) {
                Ok(evaluation) => evaluation,
                // On a big map a support mode can derive too many attacks to evaluate: the
                // page then offers the modes that could be evaluated (ignoring supports always
                // can).
                Err(_) if mode != SupportMode::None => continue,
                Err(error) => return Err(PageError::Semantics(error.to_string())),
            };
            let labels = evaluation
                .labels
                .iter()
                .map(|label| match label {
                    Label::In => 'I',
                    Label::Out => 'O',
                    Label::Undec => 'U',
                })
                .collect();
            let credulous = evaluation
                .credulous
                .iter()
                .map(|&c| if c { '1' } else { '0' })
                .collect();
            let explanations = if n <= limits.explanations {
                let mut texts = Vec::with_capacity(n);
                for claim in map.claim_indices() {
                    let text = explain_claim(map, claim, sem, mode)
                        .map_err(|error| PageError::Semantics(error.to_string()))?;
                    texts.push(reasons.add(text));
                }
                Some(texts)
            } else {
                None
            };
            all.push(StatusData {
                semantics: sem.name(),
                support: mode.name(),
                labels,
                credulous,
                has_extension: evaluation.has_extension,
                explanations,
            });
        }
    }
    Ok(all)
}

fn link_rows(links: Vec<Link>) -> Vec<(u32, u32, Vec<u32>)> {
    links
        .into_iter()
        .map(|link| {
            (
                link.from.0,
                link.to.0,
                link.evidence.iter().map(|e| e.relation.0).collect(),
            )
        })
        .collect()
}

/// Explanations without their first paragraph (the status and the claim's text, which the
/// page shows beside them), each distinct text kept once.
#[derive(Default)]
struct Reasons {
    texts: Vec<String>,
    seen: std::collections::HashMap<String, u32>,
}

impl Reasons {
    fn add(&mut self, explanation: String) -> u32 {
        let reason = match explanation.split_once("\n\n") {
            Some((_, reason)) => reason.trim_end().to_owned(),
            None => explanation.trim_end().to_owned(),
        };
        if let Some(&i) = self.seen.get(&reason) {
            return i;
        }
        let i = index(self.texts.len());
        self.texts.push(reason.clone());
        self.seen.insert(reason, i);
        i
    }
}
