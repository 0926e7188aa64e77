//! The typed debate model: sources, actors, claims and the relations between claims.
//!
//! A [`Map`] is what the loader produces once every reference has been checked. References are
//! resolved to dense typed indices ([`ActorIx`], [`ClaimIx`], …) that index straight into the
//! map's ordered collections, so code downstream never looks an id up twice and never meets a
//! dangling reference. Collections keep file order (via [`IndexMap`]), so every output that walks
//! them is deterministic.

use indexmap::IndexMap;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The position in the map's collection.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The index of the item at `position` in the map's collection.
            ///
            /// # Panics
            /// When `position` does not fit in a `u32` (more than four billion items).
            pub fn new(position: usize) -> Self {
                Self(u32::try_from(position).expect("argraph maps hold at most u32::MAX items"))
            }
        }
    };
}

index_type!(
    /// Index of a [`Source`] in [`Map::sources`].
    SourceIx
);
index_type!(
    /// Index of an [`Actor`] in [`Map::actors`].
    ActorIx
);
index_type!(
    /// Index of a [`Claim`] in [`Map::claims`].
    ClaimIx
);
index_type!(
    /// Index of a [`Relation`] in [`Map::relations`].
    RelationIx
);
index_type!(
    /// Index of a file in [`Map::files`].
    FileId
);

/// Where an item was written: the file and the byte range of its record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file the item is in.
    pub file: FileId,
    /// Byte range of the item's record (or inline reference) in that file.
    pub span: Range<usize>,
}

/// One file of a map, kept so that diagnostics can quote it.
#[derive(Clone, Debug)]
pub struct MapFile {
    /// The path as given or found while walking the map's directory.
    pub path: PathBuf,
    /// The file's text (invalid UTF-8 replaced by U+FFFD).
    pub text: String,
}

/// A calendar date written as ISO `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2020.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (checked against the month and leap years).
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting dates that do not exist (`2021-02-29`).
    pub fn parse(text: &str) -> Result<Date, String> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(format!("`{text}` is not a date of the form YYYY-MM-DD"));
        }
        let number = |range: Range<usize>| -> u16 {
            text[range]
                .bytes()
                .fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'))
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("`{text}` has no month {month}; months run 01–12")),
        };
        if day == 0 || day > days_in_month {
            return Err(format!(
                "`{text}` is not a real date: month {month} of {year} has {days_in_month} days"
            ));
        }
        // The checks above bound month to 1..=12 and day to 1..=31.
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl Date {
    /// The date as `YYYY-MM-DD` bytes, when every field fits that many digits.
    fn iso(self) -> Option<[u8; 10]> {
        let Date { year, month, day } = self;
        if year > 9999 || month > 99 || day > 99 {
            return None;
        }
        // By hand: diagrams print a date per claim, and `write!` with padding costs several
        // hundred instructions each time.
        let digit = |n: u16| b'0' + (n % 10) as u8;
        let (month, day) = (u16::from(month), u16::from(day));
        Some([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ])
    }

    /// Appends the date as [`Display`](fmt::Display) writes it (`YYYY-MM-DD`) to `out`, without
    /// the formatting machinery.
    pub fn push_to(self, out: &mut String) {
        match self
            .iso()
            .as_ref()
            .and_then(|iso| std::str::from_utf8(iso).ok())
        {
            Some(iso) => out.push_str(iso),
            None => out.push_str(&self.to_string()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.iso() {
            Some(iso) => f.pad(std::str::from_utf8(&iso).map_err(|_| fmt::Error)?),
            None => {
                let Date { year, month, day } = *self;
                f.pad(&format!("{year:04}-{month:02}-{day:02}"))
            }
        }
    }
}

/// Where claims were made: an article, a post, a report.
#[derive(Clone, Debug)]
pub struct Source {
    /// The source's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Author names as printed.
    pub authors: Vec<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// File name of an archived copy of the text, for quote verification.
    pub archive: Option<String>,
    /// Where it was written.
    pub origin: Origin,
}

/// The closed set of actor kinds. In files they are spelled in snake case (`research_lab`), as
/// [`ActorKind::as_str`] gives them; serde uses the same spelling.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state or its executive as a whole.
    Government,
    /// A ministry, department or regulator.
    Agency,
    /// A court or judge.
    Court,
    /// A person acting for a government.
    Official,
    /// A political party.
    Party,
    /// A firm.
    Company,
    /// An app or service of a company.
    Product,
    /// A scholar, journalist or analyst speaking for themselves.
    Commentator,
    /// A non-governmental organisation or think tank.
    Ngo,
    /// A research group whose findings are cited.
    ResearchLab,
    /// A news organisation speaking as itself.
    Media,
    /// Users, citizens, a crowd.
    Public,
    /// Anything else.
    Other,
}

impl ActorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ActorKind; 13] = [
        ActorKind::Government,
        ActorKind::Agency,
        ActorKind::Court,
        ActorKind::Official,
        ActorKind::Party,
        ActorKind::Company,
        ActorKind::Product,
        ActorKind::Commentator,
        ActorKind::Ngo,
        ActorKind::ResearchLab,
        ActorKind::Media,
        ActorKind::Public,
        ActorKind::Other,
    ];

    /// The spelling used in map files and exports (`research_lab`).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Government => "government",
            ActorKind::Agency => "agency",
            ActorKind::Court => "court",
            ActorKind::Official => "official",
            ActorKind::Party => "party",
            ActorKind::Company => "company",
            ActorKind::Product => "product",
            ActorKind::Commentator => "commentator",
            ActorKind::Ngo => "ngo",
            ActorKind::ResearchLab => "research_lab",
            ActorKind::Media => "media",
            ActorKind::Public => "public",
            ActorKind::Other => "other",
        }
    }

    /// Parses the spelling of [`ActorKind::as_str`].
    pub fn parse(text: &str) -> Option<ActorKind> {
        ActorKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Someone who makes claims: a government, an official, a company, a commentator, …
#[derive(Clone, Debug)]
pub struct Actor {
    /// The actor's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What kind of actor this is.
    pub kind: ActorKind,
    /// The actor this one belongs to (an official's government, a product's company).
    pub member_of: Option<ActorIx>,
    /// Title or role in words.
    pub role: Option<String>,
    /// A curator's remark.
    pub note: Option<String>,
    /// Where it was written.
    pub origin: Origin,
}

/// One assertion by one actor, from one source.
#[derive(Clone, Debug)]
pub struct Claim {
    /// The claim's id.
    pub id: String,
    /// Who makes the claim.
    pub actor: ActorIx,
    /// What is claimed, in the curator's words.
    pub text: String,
    /// A short verbatim quote from the source.
    pub quote: Option<String>,
    /// Where the claim was made.
    pub source: SourceIx,
    /// When the claim was made: as written, or else the source's date.
    pub date: Option<Date>,
    /// Free-form labels.
    pub tags: Vec<String>,
    /// The actors the claim is about.
    pub about: Vec<ActorIx>,
    /// A curator's remark.
    pub note: Option<String>,
    /// Where it was written.
    pub origin: Origin,
}

/// How one claim bears on a claim or on another relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationKind {
    /// The source claim is a reason to accept the target claim.
    Supports,
    /// The source claim is a reason to reject the target claim.
    Rebuts,
    /// The source claim attacks the link of the target relation.
    Undercuts,
}

impl RelationKind {
    /// The spelling used in map files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Rebuts => "rebuts",
            RelationKind::Undercuts => "undercuts",
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a relation points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A claim (for supports and rebuttals).
    Claim(ClaimIx),
    /// Another relation (for undercuts).
    Relation(RelationIx),
}

/// A support, rebuttal or undercut.
#[derive(Clone, Debug)]
pub struct Relation {
    /// Optional id, needed when an undercut targets this relation.
    pub id: Option<String>,
    /// The claim that makes the relation.
    pub from: ClaimIx,
    /// Supports, rebuts or undercuts.
    pub kind: RelationKind,
    /// A claim, or for undercuts a relation.
    pub target: Target,
    /// Why the link holds, when it is not obvious.
    pub note: Option<String>,
    /// Where it was written.
    pub origin: Origin,
}

/// The semantics an [`Expectation`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExpectedSemantics {
    /// Grounded semantics.
    Grounded,
    /// Complete semantics.
    Complete,
    /// Preferred semantics.
    Preferred,
    /// Stable semantics.
    Stable,
}

/// The status an [`Expectation`] expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExpectedStatus {
    /// Accepted (sceptically, for multi-extension semantics).
    In,
    /// Rejected.
    Out,
    /// Neither.
    Undec,
}

/// How supports count for acceptance, in an [`Expectation`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ExpectedSupport {
    /// Supports are ignored.
    #[default]
    None,
    /// Deductive support.
    Deductive,
    /// Necessary support.
    Necessary,
}

/// An exercise: what a semantics should say about a claim.
#[derive(Clone, Debug)]
pub struct Expectation {
    /// The claim.
    pub claim: ClaimIx,
    /// Under which semantics.
    pub semantics: ExpectedSemantics,
    /// With which support mode.
    pub support: ExpectedSupport,
    /// The expected status.
    pub status: ExpectedStatus,
    /// What the exercise teaches, in the curator's words.
    pub note: Option<String>,
    /// Where it was written.
    pub origin: Origin,
}

/// A question the debate is about ("Is the ban justified by national security?"), and the
/// claims that answer it: an entry point for a reader, in the manner of IBIS's issues or a
/// debate's motion.
#[derive(Clone, Debug)]
pub struct Question {
    /// The question's id.
    pub id: String,
    /// The question, in words.
    pub text: String,
    /// The claims that answer yes (written `for`), in file order.
    pub for_claims: Vec<ClaimIx>,
    /// The claims that answer no (written `against`), in file order.
    pub against_claims: Vec<ClaimIx>,
    /// A curator's remark.
    pub note: Option<String>,
    /// Where it was written.
    pub origin: Origin,
}

impl Question {
    /// Every claim that answers the question, with whether it answers for it: those for first,
    /// then those against, each in file order.
    pub fn answers(&self) -> impl Iterator<Item = (ClaimIx, Stance)> + '_ {
        let pro = self.for_claims.iter().map(|&claim| (claim, Stance::For));
        let con = self
            .against_claims
            .iter()
            .map(|&claim| (claim, Stance::Against));
        pro.chain(con)
    }
}

/// How a claim answers a [`Question`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    /// The claim answers yes.
    For,
    /// The claim answers no.
    Against,
}

impl Stance {
    /// The spelling used in map files and exports (`for`, `against`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::For => "for",
            Stance::Against => "against",
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A loaded, checked debate map.
#[derive(Clone, Debug, Default)]
pub struct Map {
    /// Sources by id, in file order.
    pub sources: IndexMap<String, Source>,
    /// Actors by id, in file order.
    pub actors: IndexMap<String, Actor>,
    /// Claims by id, in file order.
    pub claims: IndexMap<String, Claim>,
    /// Relations in file order (inline relations where their claim is written).
    pub relations: Vec<Relation>,
    /// Exercises declared in the map.
    pub expectations: Vec<Expectation>,
    /// The questions the debate is about, by id, in file order.
    pub questions: IndexMap<String, Question>,
    /// The files the map was read from.
    pub files: Vec<MapFile>,
}

impl Map {
    /// The source at `ix`.
    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix.index()]
    }

    /// The actor at `ix`.
    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix.index()]
    }

    /// The claim at `ix`.
    pub fn claim(&self, ix: ClaimIx) -> &Claim {
        &self.claims[ix.index()]
    }

    /// The relation at `ix`.
    pub fn relation(&self, ix: RelationIx) -> &Relation {
        &self.relations[ix.index()]
    }

    /// Looks up an actor by id.
    pub fn actor_ix(&self, id: &str) -> Option<ActorIx> {
        self.actors.get_index_of(id).map(ActorIx::new)
    }

    /// Looks up a claim by id.
    pub fn claim_ix(&self, id: &str) -> Option<ClaimIx> {
        self.claims.get_index_of(id).map(ClaimIx::new)
    }

    /// Looks up a source by id.
    pub fn source_ix(&self, id: &str) -> Option<SourceIx> {
        self.sources.get_index_of(id).map(SourceIx::new)
    }

    /// Looks up a question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.get(id)
    }

    /// Looks up a relation by its (optional) id.
    pub fn relation_ix(&self, id: &str) -> Option<RelationIx> {
        self.relations
            .iter()
            .position(|relation| relation.id.as_deref() == Some(id))
            .map(RelationIx::new)
    }

    /// All claim indices, in order.
    pub fn claim_indices(&self) -> impl ExactSizeIterator<Item = ClaimIx> + use<> {
        (0..self.claims.len()).map(ClaimIx::new)
    }

    /// All actor indices, in order.
    pub fn actor_indices(&self) -> impl ExactSizeIterator<Item = ActorIx> + use<> {
        (0..self.actors.len()).map(ActorIx::new)
    }

    /// All relation indices, in order.
    pub fn relation_indices(&self) -> impl ExactSizeIterator<Item = RelationIx> + use<> {
        (0..self.relations.len()).map(RelationIx::new)
    }

    /// The chain of actors `actor` belongs to, nearest first, `actor` excluded.
    ///
    /// The loader rejects `member_of` cycles, so the chain is finite.
    pub fn ancestors(&self, actor: ActorIx) -> impl Iterator<Item = ActorIx> + '_ {
        std::iter::successors(self.actor(actor).member_of, |&parent| {
            self.actor(parent).member_of
        })
    }

    /// The top of `actor`'s `member_of` chain (the actor itself when it belongs to no one).
    pub fn root_actor(&self, actor: ActorIx) -> ActorIx {
        self.ancestors(actor).last().unwrap_or(actor)
    }

    /// [`Map::root_actor`] of every actor, by index, worked out in one pass: each chain is
    /// walked once, up to the first actor whose top is known.
    pub fn root_actors(&self) -> Vec<ActorIx> {
        let mut roots: Vec<Option<ActorIx>> = vec![None; self.actors.len()];
        let mut chain = Vec::new();
        for actor in self.actor_indices() {
            let mut current = actor;
            let root = loop {
                if let Some(root) = roots[current.index()] {
                    break root;
                }
                chain.push(current);
                match self.actor(current).member_of {
                    Some(parent) => current = parent,
                    None => break current,
                }
            };
            for member in chain.drain(..) {
                roots[member.index()] = Some(root);
            }
        }
        roots
            .into_iter()
            .zip(self.actor_indices())
            .map(|(root, actor)| root.unwrap_or(actor))
            .collect()
    }

    /// The claim a relation starts from, and the claim at the end of its target chain: for a
    /// support or rebuttal the target claim, for an undercut the claim at the end of the
    /// relation it undercuts (followed until a claim is reached).
    pub fn relation_target_claim(&self, relation: RelationIx) -> ClaimIx {
        let mut current = self.relation(relation).target;
        // Undercut chains are acyclic: the loader rejects an undercut that reaches itself.
        loop {
            match current {
                Target::Claim(claim) => return claim,
                Target::Relation(next) => current = self.relation(next).target,
            }
        }
    }
}

/// How actors are counted in the actor-level views: each as itself, or rolled up as the top of
/// its `member_of` chain ([`Map::root_actor`]). The tops are worked out once, so lifting an
/// actor (done for both ends of every relation of a map) is one lookup.
#[derive(Clone, Debug)]
pub struct Rollup {
    /// Every actor's top, by index, when rolled up.
    roots: Option<Vec<ActorIx>>,
}

impl Rollup {
    /// The actors of `map` as themselves, or with `rollup` as the tops of their chains.
    pub fn new(map: &Map, rollup: bool) -> Rollup {
        Rollup {
            roots: rollup.then(|| map.root_actors()),
        }
    }

    /// `actor` of the map as counted: itself, or the top of its `member_of` chain.
    pub fn lift(&self, actor: ActorIx) -> ActorIx {
        match &self.roots {
            Some(roots) => roots[actor.index()],
            None => actor,
        }
    }
}

/// The claims' ids, for code that names claims in no particular order (the edges of a diagram,
/// the relations of an export). On a big map they are copied side by side first: reading an id
/// from its claim waits for memory twice (the claim, then its id), where the packed ids mostly
/// stay in cache. On a small map the claims are in cache already and the ids are read from them.
pub(crate) struct ClaimIds<'m> {
    map: &'m Map,
    /// Every claim's id, one after the other, and where each ends.
    packed: Option<(String, Vec<u32>)>,
}

impl<'m> ClaimIds<'m> {
    /// From how many claims on the ids are packed (below, they take less than a megabyte).
    const PACKED_FROM: usize = 1 << 16;

    /// The ids of `map`'s claims, packed from [`ClaimIds::PACKED_FROM`] claims on.
    pub(crate) fn for_map(map: &'m Map) -> ClaimIds<'m> {
        ClaimIds::new(map, map.claims.len() >= Self::PACKED_FROM)
    }

    /// The ids of `map`'s claims, packed when `pack` is set.
    pub(crate) fn new(map: &'m Map, pack: bool) -> ClaimIds<'m> {
        let packed = pack.then(|| {
            let mut ids = String::new();
            let mut ends = Vec::with_capacity(map.claims.len());
            for claim in map.claims.values() {
                ids.push_str(&claim.id);
                ends.push(u32::try_from(ids.len()).ok()?);
            }
            Some((ids, ends))
        });
        ClaimIds {
            map,
            // Ids of over 4 GB in all are read from the claims.
            packed: packed.flatten(),
        }
    }

    /// Whether the ids are packed (the map is big).
    pub(crate) fn is_packed(&self) -> bool {
        self.packed.is_some()
    }

    /// The map the ids are of.
    pub(crate) fn map(&self) -> &'m Map {
        self.map
    }

    /// The id of `claim`.
    pub(crate) fn get(&self, claim: ClaimIx) -> &str {
        let Some((ids, ends)) = &self.packed else {
            return &self.map.claim(claim).id;
        };
        let i = claim.index();
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        &ids[start..ends[i] as usize]
    }
}

/// Packed or read from the claims, every claim's id is the same (the first, the last, ids of
/// every length of a generated map).
#[cfg(test)]
#[test]
fn packed_claim_ids_are_the_claims_ids() {
    let map = crate::generate::loaded_map(700, 30, 4, 700);
    let packed = ClaimIds::new(&map, true);
    assert!(packed.packed.is_some());
    let read = ClaimIds::new(&map, false);
    for claim in map.claim_indices() {
        assert_eq!(packed.get(claim), map.claim(claim).id);
        assert_eq!(read.get(claim), map.claim(claim).id);
    }
}

#[cfg(test)]
mod rollup_tests {
    use super::{Map, Rollup};

    fn map(text: &str) -> Map {
        crate::load::load_sources(vec![("map.ron".into(), text.to_owned())])
            .unwrap_or_else(|e| panic!("the map loads: {e:?}"))
            .map
    }

    /// Every actor's top, worked out in one pass, is the one its own chain leads to; members
    /// written before the actors they belong to, and chains that share a middle, included.
    #[test]
    fn root_actors_are_the_tops_of_each_chain() {
        let chains = map(r#"(
            actors: [
                (id: "leaf", name: "Leaf", kind: official, member_of: "middle"),
                (id: "other-leaf", name: "Other leaf", kind: official, member_of: "middle"),
                (id: "middle", name: "Middle", kind: ngo, member_of: "top"),
                (id: "top", name: "Top", kind: government),
                (id: "alone", name: "Alone", kind: commentator),
                (id: "near", name: "Near", kind: official, member_of: "top"),
            ],
        )"#);
        let generated = crate::generate::loaded_map(400, 60, 5, 400);
        assert!(
            generated.actors.values().any(|a| a.member_of.is_some()),
            "the generated map has member_of chains"
        );
        for map in [&chains, &generated] {
            let roots = map.root_actors();
            assert_eq!(roots.len(), map.actors.len());
            let rolled_up = Rollup::new(map, true);
            let as_is = Rollup::new(map, false);
            for actor in map.actor_indices() {
                assert_eq!(roots[actor.index()], map.root_actor(actor));
                assert_eq!(rolled_up.lift(actor), map.root_actor(actor));
                assert_eq!(as_is.lift(actor), actor);
            }
        }
        let top = |id: &str| {
            let actor = super::ActorIx::new(chains.actors.get_index_of(id).expect("defined"));
            let root = chains.root_actors()[actor.index()];
            chains.actor(root).id.clone()
        };
        assert_eq!(top("leaf"), "top");
        assert_eq!(top("other-leaf"), "top");
        assert_eq!(top("near"), "top");
        assert_eq!(top("alone"), "alone");
    }
}

#[cfg(test)]
mod date_tests {
    use super::Date;

    /// The hand-written `YYYY-MM-DD` is what `{:04}-{:02}-{:02}` gives, padding flags are
    /// honoured, and out-of-range fields still print.
    #[test]
    fn dates_print_zero_padded() {
        for (year, month, day) in [
            (2020, 8, 6),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 99, 99),
            (12345, 1, 2),
            (2020, 100, 7),
        ] {
            let date = Date { year, month, day };
            assert_eq!(date.to_string(), format!("{year:04}-{month:02}-{day:02}"));
            let mut pushed = String::from("on ");
            date.push_to(&mut pushed);
            assert_eq!(pushed, format!("on {date}"));
        }
        let date = Date {
            year: 2020,
            month: 8,
            day: 6,
        };
        assert_eq!(format!("[{date:>12}]"), "[  2020-08-06]");
    }
}
