//! The claim-level diagram: claims in clusters by actor, supports, rebuttals and undercuts.

use super::dot::{Attr, Dot, Name, attr, attr_run, html_ref_attr, run_attr, text_attr};
use super::quote::Html;
use super::select::{Kept, Role, kept};
use super::style::{self, Family, edge_look, status_look};
use super::tree::ActorTree;
use super::wrap::wrap_into;
use super::{Diagram, Options, Size, count, dot_id, html_label, title_label};
use crate::model::{ActorIx, ClaimIds, ClaimIx, Map, RelationIx, RelationKind, Target};
use crate::semantics::Label;
use crate::semantics::map::MapEvaluation;
use std::io::{self, Write};
use std::ops::Range;

/// The DOT node id of a claim: `claim:ID`.
fn claim_node(map: &Map, claim: ClaimIx) -> Name<'_> {
    claim_name(&map.claim(claim).id)
}

/// The DOT node id of the claim with id `id`.
fn claim_name(id: &str) -> Name<'_> {
    Name::Prefixed("claim", id)
}

/// The DOT node id of the point on an attacked link: `link:ID`, or `link:#N` for a relation
/// without an id.
fn link_node(map: &Map, relation: RelationIx) -> Name<'_> {
    match &map.relation(relation).id {
        Some(id) => Name::Prefixed("link", id),
        None => Name::Numbered("link", relation.index()),
    }
}

/// How many claims of a cluster [`touch`] reads ahead.
const TOUCHED_AHEAD: usize = 16;

/// Reads a first byte of each claim's text, quote and id, so that the memory they are in is on
/// its way to the cache before the claims are written. A cluster's claims lie anywhere in a big
/// map; one at a time, every claim waits for memory two or three times, where these reads,
/// independent of one another, wait together.
fn touch(map: &Map, claims: &[ClaimIx]) {
    let mut bytes = 0u8;
    for &claim in claims {
        let claim = map.claim(claim);
        for text in [Some(&claim.text), claim.quote.as_ref(), Some(&claim.id)]
            .into_iter()
            .flatten()
        {
            bytes ^= text.as_bytes().first().copied().unwrap_or_default();
        }
    }
    std::hint::black_box(bytes);
}

/// Buffers reused from one claim or relation to the next.
#[derive(Default)]
struct Scratch {
    label: Html,
    text: String,
    tooltip: String,
}

/// The claim-level diagram of `map`, in memory.
pub(super) fn diagram(map: &Map, options: &Options) -> Diagram {
    let (text, nodes, edges) = draw(map, options, Threads::default(), None);
    Diagram {
        // Written in memory: nothing can fail.
        dot: text.unwrap_or_default(),
        nodes,
        edges,
    }
}

/// The claim-level diagram of `map`, written to `sink` a piece at a time.
pub(super) fn write(
    map: &Map,
    options: &Options,
    sink: &mut (dyn Write + Send),
) -> io::Result<Size> {
    let (text, nodes, edges) = draw(map, options, Threads::default(), Some(sink));
    text.map(|_| Size { nodes, edges })
}

/// When and how the body of a diagram is written on two threads.
#[derive(Clone, Copy, Debug)]
struct Threads {
    /// From how many items on: the claims drawn and all the relations of the map.
    min_items: usize,
    /// The weight of the batches handed to the threads (see [`CLAIM_WEIGHT`]).
    batch_weight: usize,
    /// Whether the map is treated as big, out of cache: the claims' ids packed
    /// ([`ClaimIds`]), each cluster's claims read ahead ([`touch`]). `None`: when
    /// [`ClaimIds::for_map`] packs them.
    big: Option<bool>,
}

impl Default for Threads {
    fn default() -> Self {
        Threads {
            min_items: 4000,
            // About a thousand claims: a megabyte of DOT.
            batch_weight: 5000,
            big: None,
        }
    }
}

/// Draws the diagram into memory (`sink` is `None`: the text is returned) or into `sink`:
/// the text (or the sink's error), the number of nodes and of edges.
fn draw(
    map: &Map,
    options: &Options,
    threads: Threads,
    sink: Option<&mut (dyn Write + Send)>,
) -> (io::Result<String>, usize, usize) {
    let kept = kept(map, &options.selection);
    let tree = ActorTree::new(map);

    // Links that a drawn undercut attacks get a point node, drawn in the innermost cluster that
    // holds both ends of the link.
    let mut attacked = vec![false; map.relations.len()];
    for relation in map.relation_indices() {
        if let Target::Relation(target) = map.relation(relation).target
            && kept.has_relation(relation)
        {
            attacked[target.index()] = true;
        }
    }
    let homes = point_homes(map, &tree, &attacked);

    let mut has_items = vec![false; map.actors.len()];
    let mut claims_of: Vec<Vec<ClaimIx>> = vec![Vec::new(); map.actors.len()];
    for claim in kept.claim_indices() {
        let actor = map.claim(claim).actor;
        has_items[actor.index()] = true;
        claims_of[actor.index()].push(claim);
    }
    let mut points_of: Vec<Vec<RelationIx>> = vec![Vec::new(); map.actors.len()];
    let mut top_points = Vec::new();
    for relation in map.relation_indices() {
        if attacked[relation.index()] {
            match homes[relation.index()] {
                Some(actor) => {
                    has_items[actor.index()] = true;
                    points_of[actor.index()].push(relation);
                }
                None => top_points.push(relation),
            }
        }
    }
    let needed = tree.needed(&has_items);
    let (children, top) = tree.children(&needed);

    let kept_count = kept.claim_indices().count();
    let mut body = match sink {
        Some(sink) => Dot::streaming("argraph", sink),
        None => Dot::digraph(
            "argraph",
            super::dot_size_hint(kept_count * 2 + map.relations.len() / 2),
        ),
    };
    let mut graph_attrs = super::common_graph_attrs("LR");
    graph_attrs.extend([
        attr("nodesep", "0.18"),
        attr("ranksep", "0.45"),
        attr("fontsize", "11"),
        attr("labelloc", "t"),
        attr("labeljust", "l"),
    ]);
    if let Some(title) = &options.title {
        let shown_actors = has_items
            .iter()
            .zip(&claims_of)
            .filter(|(_, claims)| !claims.is_empty())
            .count();
        let subtitle = format!(
            "{} by {}",
            count(kept_count, "claim"),
            count(shown_actors, "actor")
        );
        graph_attrs.push(html_label(title_label(title, &subtitle)));
    }
    body.graph_attrs(&graph_attrs);
    body.node_defaults(&[
        attr("shape", "box"),
        attr("style", "rounded,filled"),
        attr("fillcolor", "white"),
        attr("fontname", style::FONT),
        attr("fontsize", "10"),
        attr("fontcolor", style::INK),
        attr("margin", "0.10,0.05"),
        attr("penwidth", "1.2"),
    ]);
    body.edge_defaults(&[
        attr("fontname", style::FONT),
        attr("fontsize", "9"),
        attr("arrowsize", "0.8"),
        attr("penwidth", "1.5"),
    ]);

    let emit = Emit {
        map,
        evaluation: options.evaluation.as_ref(),
        kept: &kept,
        clusters: Clusters {
            claims_of: &claims_of,
            points_of: &points_of,
            children: &children,
        },
        attacked: &attacked,
        top_points: &top_points,
        threads,
        kept_count,
        edge_runs: &EdgeRuns::new(),
        markup: &ClaimMarkup::new(),
        ids: &match threads.big {
            Some(big) => ClaimIds::new(map, big),
            None => ClaimIds::for_map(map),
        },
    };
    let edges = emit.parts(&mut body, &top);
    // Last, so that Graphviz puts the legends at the top left.
    if options.legend {
        legend(map, &kept, &has_items, &mut body);
        if let Some(evaluation) = &options.evaluation {
            status_legend(evaluation, &mut body);
        }
    }
    let nodes = kept_count + attacked.iter().filter(|&&a| a).count();
    (body.finish(), nodes, edges)
}

/// Where the point node of each `attacked` relation goes: the innermost cluster holding both
/// ends of its link (`None`: outside every cluster). Worked out for the attacked relations and
/// the chains they undercut only: on a big map, looking up both ends of every relation would
/// wait for memory at each.
fn point_homes(map: &Map, tree: &ActorTree, attacked: &[bool]) -> Vec<Option<ActorIx>> {
    let mut homes: Vec<Option<Option<ActorIx>>> = vec![None; map.relations.len()];
    let mut chain = Vec::new();
    let starts = map
        .relation_indices()
        .filter(|relation| attacked[relation.index()]);
    for start in starts {
        chain.clear();
        let mut current = start;
        let mut end_home = loop {
            if let Some(known) = homes[current.index()] {
                break known;
            }
            chain.push(current);
            match map.relation(current).target {
                Target::Claim(claim) => break Some(map.claim(claim).actor),
                Target::Relation(next) => current = next,
            }
        };
        for &relation in chain.iter().rev() {
            let from_actor = map.claim(map.relation(relation).from).actor;
            end_home = tree.common(Some(from_actor), end_home);
            homes[relation.index()] = Some(end_home);
        }
    }
    homes.into_iter().map(Option::flatten).collect()
}

/// A run of statements of the diagram's body. The parts are written in order, on two threads
/// for large diagrams (see [`Emit::parts`]). A cluster too big for one batch is written in
/// several parts: opened, its claims a batch at a time, its points, its members, closed.
#[derive(Clone, Debug)]
enum Part {
    /// An actor cluster, with everything inside.
    Cluster(ActorIx),
    /// The start of the cluster of an actor: the subgraph opened, its title and style.
    Open(ActorIx),
    /// Some of the claims of an actor (indices into its claims), in its cluster.
    Claims(ActorIx, Range<usize>),
    /// The points drawn in the cluster of an actor.
    Points(ActorIx),
    /// The end of the innermost cluster opened by a [`Part::Open`].
    Close,
    /// The points of attacked links drawn outside every cluster, and the note of an empty
    /// diagram.
    Loose,
    /// The edges of the relations with these indices.
    Edges(Range<usize>),
}

/// What writing a claim costs against an edge or a point: its label, wrapped text and tooltip
/// with the quote take about five times as long (callgrind on a generated map).
const CLAIM_WEIGHT: usize = 5;

/// A part of the body with its place in the plan.
#[derive(Clone, Debug)]
struct Planned {
    part: Part,
    /// Roughly what it costs to write (see [`CLAIM_WEIGHT`]).
    weight: usize,
    /// How many clusters are open around it (0: at the top level of the graph).
    depth: usize,
}

struct Emit<'a> {
    map: &'a Map,
    evaluation: Option<&'a MapEvaluation>,
    kept: &'a Kept,
    /// What each actor's cluster holds.
    clusters: Clusters<'a>,
    /// Which relations are attacked by a drawn undercut (drawn through a point).
    attacked: &'a [bool],
    /// Points of attacked links outside every cluster.
    top_points: &'a [RelationIx],
    /// When to write on two threads.
    threads: Threads,
    /// How many claims are drawn.
    kept_count: usize,
    /// The attributes edges start with.
    edge_runs: &'a EdgeRuns,
    /// The fixed markup of claim labels.
    markup: &'a ClaimMarkup,
    /// The claims' ids, for edges.
    ids: &'a ClaimIds<'a>,
}

impl Emit<'_> {
    /// Writes the clusters (`top` and everything inside), the loose points and the edges into
    /// `body`: the number of edges written.
    ///
    /// A large diagram is cut into batches of parts of about the same size, written on two
    /// threads (every other batch here, the others on another thread into fragments that are
    /// appended in order, at most a few batches ahead): the text is the same as on one thread.
    /// A cluster heavier than a batch is written in several parts ([`Clusters::plan`]), so
    /// that an organisation with a large share of the claims is shared out too. A streaming
    /// `body` holds at most a few batches; a batch far larger than the others (an actor with a
    /// great many points) is always written here, into the stream.
    /// Writing stops at the first error of the output.
    fn parts(&self, body: &mut Dot<'_>, top: &[ActorIx]) -> usize {
        let relations = self.map.relations.len();
        let mut parts = self.clusters.plan(top, self.threads.batch_weight);
        parts.push(Planned {
            part: Part::Loose,
            weight: self.top_points.len() + 1,
            depth: 0,
        });
        let chunk = (self.threads.batch_weight / 4).max(1);
        parts.extend((0..relations).step_by(chunk).map(|start| Planned {
            part: Part::Edges(start..(start + chunk).min(relations)),
            weight: chunk,
            depth: 0,
        }));

        // Writes parts until the output fails (then the rest would be thrown away).
        let write = |parts: &[Planned], out: &mut Dot<'_>| {
            let mut scratch = Scratch::default();
            let mut edges = 0;
            for planned in parts {
                if out.failed() {
                    break;
                }
                edges += self.part(planned, out, &mut scratch);
            }
            edges
        };
        if self.kept_count + relations < self.threads.min_items {
            return write(&parts, body);
        }
        let mut batches: Vec<(&[Planned], usize)> = Vec::new();
        let (mut start, mut weight) = (0, 0);
        for (i, planned) in parts.iter().enumerate() {
            weight += planned.weight;
            if weight >= self.threads.batch_weight {
                batches.push((&parts[start..=i], weight));
                (start, weight) = (i + 1, 0);
            }
        }
        if start < parts.len() {
            batches.push((&parts[start..], weight));
        }
        // Each batch goes to the thread with less work so far, except batches far larger than
        // the others (an actor with a great many points): those are written here, straight
        // into the stream, so that a fragment never holds more than `OVERSIZED` batches' worth
        // of text, however big the map.
        const OVERSIZED: usize = 16;
        let mut to_worker = Vec::with_capacity(batches.len());
        let (mut here, mut there) = (0, 0);
        for &(_, weight) in &batches {
            let worker = weight <= OVERSIZED * self.threads.batch_weight && there < here;
            to_worker.push(worker);
            if worker {
                there += weight;
            } else {
                here += weight;
            }
        }

        // Where each batch begins: inside as many clusters as its first part.
        let position = body.position();
        let begins = |batch: &[Planned]| position.within(batch.first().map_or(0, |p| p.depth));
        let batches = &batches;
        let to_worker = &to_worker;
        std::thread::scope(|scope| {
            // This thread writes its batches straight into `body`; another writes the rest
            // into fragments, at most a few batches ahead, which this one appends in turn.
            // Appended fragments come back empty, to be written again: their buffers are
            // reused rather than allocated (and paged in) afresh for every batch.
            let (sender, receiver) = std::sync::mpsc::sync_channel::<(Dot<'static>, usize)>(4);
            let (give_back, given_back) = std::sync::mpsc::channel::<Dot<'static>>();
            let spawned = std::thread::Builder::new()
                .name("render".to_owned())
                .spawn_scoped(scope, move || {
                    let mine = batches
                        .iter()
                        .zip(to_worker)
                        .filter(|(_, to_worker)| **to_worker)
                        .map(|((batch, _), _)| batch);
                    for batch in mine {
                        let mut fragment = match given_back.try_recv() {
                            Ok(used) => used.reuse(begins(batch)),
                            Err(_) => Dot::fragment(begins(batch), 1 << 20),
                        };
                        let edges = write(batch, &mut fragment);
                        if sender.send((fragment, edges)).is_err() {
                            break;
                        }
                    }
                });
            let Ok(handle) = spawned else {
                // No thread to be had: everything is written here.
                return write(&parts, body);
            };
            let mut edges = 0;
            for (&(batch, _), &to_worker) in batches.iter().zip(to_worker) {
                if body.failed() {
                    // Dropping the receiver stops the other thread at its next batch.
                    break;
                }
                if !to_worker {
                    edges += write(batch, body);
                    continue;
                }
                match receiver.recv() {
                    Ok((mut fragment, more)) => {
                        body.append(&mut fragment);
                        edges += more;
                        // The other thread may have finished: then the buffer is just dropped.
                        let _ = give_back.send(fragment);
                    }
                    // The other thread stopped early: it panicked, which joining it passes on.
                    Err(_) => break,
                }
            }
            drop(receiver);
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
            edges
        })
    }

    /// Writes one part: the number of edges written.
    fn part(&self, planned: &Planned, out: &mut Dot, scratch: &mut Scratch) -> usize {
        match &planned.part {
            Part::Cluster(actor) => {
                self.cluster(*actor, planned.depth, out, scratch);
                0
            }
            Part::Open(actor) => {
                self.open_cluster(*actor, planned.depth, out);
                0
            }
            Part::Claims(actor, range) => {
                let claims = &self.clusters.claims_of[actor.index()];
                let some = claims.get(range.clone()).unwrap_or_default();
                self.claim_boxes(*actor, some, out, scratch);
                0
            }
            Part::Points(actor) => {
                self.points(*actor, out, scratch);
                0
            }
            Part::Close => {
                out.close_subgraph();
                0
            }
            Part::Loose => {
                for &relation in self.top_points {
                    point_node(self.ids, relation, out, scratch);
                }
                if self.kept.claim_indices().next().is_none() {
                    out.node(
                        "note:empty",
                        &[
                            attr("shape", "plaintext"),
                            text_attr("label", "No claims selected."),
                        ],
                    );
                }
                0
            }
            Part::Edges(range) => range
                .clone()
                .map(RelationIx::new)
                .filter(|&relation| self.kept.has_relation(relation))
                .map(|relation| {
                    let attacked = self.attacked[relation.index()];
                    relation_edges(self.ids, relation, attacked, self.edge_runs, out, scratch)
                })
                .sum(),
        }
    }

    /// The cluster of `actor` (at nesting `depth`, 0 outermost) with its claims and members.
    fn cluster(&self, actor: ActorIx, depth: usize, out: &mut Dot, scratch: &mut Scratch) {
        self.open_cluster(actor, depth, out);
        self.claim_boxes(actor, &self.clusters.claims_of[actor.index()], out, scratch);
        self.points(actor, out, scratch);
        for &child in &self.clusters.children[actor.index()] {
            self.cluster(child, depth + 1, out, scratch);
        }
        out.close_subgraph();
    }

    /// Opens the cluster of `actor` (at nesting `depth`, 0 outermost): its title and style.
    fn open_cluster(&self, actor: ActorIx, depth: usize, out: &mut Dot) {
        let record = self.map.actor(actor);
        let family = Family::of(record.kind);
        let mut title = Html::new();
        title
            .open("FONT", &[("COLOR", family.line()), ("POINT-SIZE", "12")])
            .tag("<B>")
            .push(Html::text(&record.name))
            .tag("</B></FONT><BR ALIGN=\"LEFT\"/>");
        let detail = match &record.role {
            Some(role) => format!("{} · {role}", record.kind),
            None => record.kind.to_string(),
        };
        title
            .open("FONT", &[("COLOR", family.line()), ("POINT-SIZE", "8")])
            .push(Html::text(&detail))
            .tag("</FONT><BR ALIGN=\"LEFT\"/>");
        out.open_subgraph(&dot_id("cluster:actor", &record.id));
        out.graph_attrs(&[
            html_label(title),
            attr("style", "rounded,filled"),
            attr(
                "fillcolor",
                if depth == 0 {
                    family.fill()
                } else {
                    family.inner_fill()
                },
            ),
            attr("color", family.line()),
            attr("penwidth", "1"),
            attr("labeljust", "l"),
            attr("margin", "10"),
        ]);
    }

    /// The boxes of `claims`, all of `actor`, in its cluster.
    fn claim_boxes(
        &self,
        actor: ActorIx,
        claims: &[ClaimIx],
        out: &mut Dot,
        scratch: &mut Scratch,
    ) {
        let family = Family::of(self.map.actor(actor).kind);
        // On a map big enough for the ids to be packed, the claims are out of cache too.
        let ahead = self.ids.is_packed();
        for claims in claims.chunks(TOUCHED_AHEAD) {
            if ahead {
                touch(self.map, claims);
            }
            for &claim in claims {
                claim_box(self, claim, family, out, scratch);
            }
        }
    }

    /// The points drawn in the cluster of `actor`.
    fn points(&self, actor: ActorIx, out: &mut Dot, scratch: &mut Scratch) {
        for &relation in &self.clusters.points_of[actor.index()] {
            point_node(self.ids, relation, out, scratch);
        }
    }
}

/// What the clusters hold, per actor (indexed by actor).
struct Clusters<'a> {
    /// The claims drawn in each actor's cluster.
    claims_of: &'a [Vec<ClaimIx>],
    /// The points drawn in it.
    points_of: &'a [Vec<RelationIx>],
    /// The clusters of its members, drawn inside it.
    children: &'a [Vec<ActorIx>],
}

impl Clusters<'_> {
    /// The parts that write the clusters `top` and everything inside. A cluster that weighs
    /// more than `batch` is cut into parts (see [`Part`]), down to the members that fit in one,
    /// so that two threads share the work of a map with a few very large organisations.
    fn plan(&self, top: &[ActorIx], batch: usize) -> Vec<Planned> {
        let mut weights = vec![0; self.claims_of.len()];
        let mut parts = Vec::with_capacity(top.len() + 1);
        for &actor in top {
            self.weigh(actor, &mut weights);
            self.plan_cluster(actor, 0, batch.max(1), &weights, &mut parts);
        }
        parts
    }

    /// The weight of the cluster of `actor` with everything inside, kept in `weights` for it
    /// and each of its members.
    fn weigh(&self, actor: ActorIx, weights: &mut [usize]) -> usize {
        let own = self.claims_of[actor.index()].len() * CLAIM_WEIGHT
            + self.points_of[actor.index()].len();
        let members: usize = self.children[actor.index()]
            .iter()
            .map(|&child| self.weigh(child, weights))
            .sum();
        weights[actor.index()] = own + members;
        own + members
    }

    /// The parts of the cluster of `actor` (at nesting `depth`), weighed by [`Clusters::weigh`].
    fn plan_cluster(
        &self,
        actor: ActorIx,
        depth: usize,
        batch: usize,
        weights: &[usize],
        parts: &mut Vec<Planned>,
    ) {
        let planned = |part, weight, depth| Planned {
            part,
            weight,
            depth,
        };
        let weight = weights[actor.index()];
        if weight <= batch {
            parts.push(planned(Part::Cluster(actor), weight, depth));
            return;
        }
        let inside = depth + 1;
        parts.push(planned(Part::Open(actor), 1, depth));
        let claims = self.claims_of[actor.index()].len();
        let per_part = (batch / CLAIM_WEIGHT).max(1);
        parts.extend((0..claims).step_by(per_part).map(|start| {
            let range = start..(start + per_part).min(claims);
            let weight = range.len() * CLAIM_WEIGHT;
            planned(Part::Claims(actor, range), weight, inside)
        }));
        let points = self.points_of[actor.index()].len();
        if points > 0 {
            parts.push(planned(Part::Points(actor), points, inside));
        }
        for &child in &self.children[actor.index()] {
            self.plan_cluster(child, inside, batch, weights, parts);
        }
        parts.push(planned(Part::Close, 1, inside));
    }
}

/// The fixed markup of a claim's label, written once per diagram and copied into each label.
struct ClaimMarkup {
    /// Up to the claim's text, in the ink of a claim drawn (`[0]`) or shown for context (`[1]`).
    text_start: [Html; 2],
    /// From the text to the second row (where the status goes, with `--eval`).
    text_end: Html,
    /// Before the id and date.
    id_start: Html,
    /// After them.
    end: Html,
}

impl ClaimMarkup {
    fn new() -> ClaimMarkup {
        let text_start = [style::INK, style::CONTEXT_INK].map(|ink| {
            let mut html = Html::new();
            html.tag("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">")
                .tag("<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">")
                .open("FONT", &[("COLOR", ink)]);
            html
        });
        let mut text_end = Html::new();
        text_end.tag("</FONT></TD></TR><TR><TD ALIGN=\"LEFT\">");
        let mut id_start = Html::new();
        id_start.open("FONT", &[("POINT-SIZE", "8"), ("COLOR", style::FAINT)]);
        let mut end = Html::new();
        end.tag("</FONT></TD></TR></TABLE>");
        ClaimMarkup {
            text_start,
            text_end,
            id_start,
            end,
        }
    }
}

/// The node of one claim: its text wrapped, its id and date small underneath.
fn claim_box(
    emit: &Emit<'_>,
    claim: ClaimIx,
    family: Family,
    out: &mut Dot,
    scratch: &mut Scratch,
) {
    let map = emit.map;
    let record = map.claim(claim);
    let role = emit.kept.role(claim).unwrap_or(Role::Selected);
    let Scratch {
        label,
        text,
        tooltip,
    } = scratch;
    let markup = emit.markup;
    text.clear();
    wrap_into(&record.text, style::WRAP_COLUMNS, style::WRAP_LINES, text);
    label.clear();
    label
        .push_html(&markup.text_start[usize::from(role == Role::Context)])
        .push_text(text)
        .push_html(&markup.text_end);
    let status = emit.evaluation.map(|evaluation| {
        let i = claim.index();
        let label = evaluation.labels.get(i).copied().unwrap_or(Label::Undec);
        let credulous = evaluation.credulous.get(i).copied().unwrap_or(false);
        (status_look(label), credulous && label != Label::In)
    });
    if let Some((look, some)) = status {
        label
            .open("FONT", &[("POINT-SIZE", "9"), ("COLOR", look.line)])
            .tag("<B>")
            .push_text(look.word)
            .push_text(if some { "*" } else { "" })
            .tag("</B></FONT>")
            .push_text(" ");
    }
    text.clear();
    text.push_str(&record.id);
    if let Some(date) = record.date {
        text.push_str(" · ");
        date.push_to(text);
    }
    label
        .push_html(&markup.id_start)
        .push_text(text)
        .push_html(&markup.end);

    let source = map.source(record.source);
    tooltip.clear();
    tooltip.push_str(&record.text);
    if let Some(quote) = &record.quote {
        tooltip.push_str("\n\n“");
        tooltip.push_str(quote);
        tooltip.push('”');
    }
    tooltip.push_str("\n— ");
    tooltip.push_str(&map.actor(record.actor).name);
    tooltip.push_str("\nSource: ");
    tooltip.push_str(&source.title);
    if let Some(publisher) = &source.publisher {
        tooltip.push_str(", ");
        tooltip.push_str(publisher);
    }
    if let Some(date) = source.date {
        tooltip.push_str(", ");
        date.push_to(tooltip);
    }

    let mut attrs: Vec<Attr<'_>> = Vec::with_capacity(9);
    attrs.extend([
        html_ref_attr("label", label),
        attr("color", family.line()),
        text_attr("tooltip", tooltip.as_str()),
    ]);
    if let Some(url) = &source.url {
        attrs.push(text_attr("URL", url.as_str()));
        attrs.push(attr("target", "_blank"));
    }
    match status {
        // The status sets fill, border and dashes; the role shows only in the ink (context)
        // and a thicker border (focus).
        Some((look, _)) => {
            attrs[1] = attr("color", look.line);
            attrs.extend([
                attr("class", look.class),
                attr("fillcolor", look.fill),
                attr("style", look.style),
                attr(
                    "penwidth",
                    if role == Role::Focus {
                        "4"
                    } else {
                        look.penwidth
                    },
                ),
            ]);
        }
        None => match role {
            Role::Focus => {
                attrs.push(attr("penwidth", "3"));
                attrs.push(attr("fillcolor", "#fff6c7"));
            }
            Role::Context => attrs.push(attr("style", "rounded,filled,dashed")),
            Role::Selected => {}
        },
    }
    out.node(claim_node(map, claim), &attrs);
}

/// The small point on an attacked link, where undercuts end.
fn point_node(ids: &ClaimIds, relation: RelationIx, out: &mut Dot, scratch: &mut Scratch) {
    let map = ids.map();
    let look = edge_look(map.relation(relation).kind);
    scratch.tooltip.clear();
    describe(ids, relation, &mut scratch.tooltip);
    out.node(
        link_node(map, relation),
        &[
            attr("shape", "point"),
            attr("width", "0.09"),
            attr("height", "0.09"),
            attr("color", look.color),
            attr("fillcolor", look.color),
            text_attr("tooltip", scratch.tooltip.as_str()),
        ],
    );
}

/// Appends `a supports b`, `c undercuts the link (a supports b)`, with the note, to `out`.
fn describe(ids: &ClaimIds, relation: RelationIx, out: &mut String) {
    fn link(ids: &ClaimIds, relation: RelationIx, depth: usize, out: &mut String) {
        let record = ids.map().relation(relation);
        out.push_str(ids.get(record.from));
        out.push(' ');
        out.push_str(record.kind.as_str());
        out.push(' ');
        match record.target {
            Target::Claim(claim) => out.push_str(ids.get(claim)),
            Target::Relation(_) if depth > 2 => out.push('…'),
            Target::Relation(attacked) => {
                out.push_str("the link (");
                link(ids, attacked, depth + 1, out);
                out.push(')');
            }
        }
    }
    link(ids, relation, 0, out);
    if let Some(note) = &ids.map().relation(relation).note {
        out.push('\n');
        out.push_str(note);
    }
}

/// The attributes an edge of each kind starts with (class, colour, style, arrowhead), with
/// its arrowhead or, for the first half of an attacked link, none: written once per diagram
/// ([`attr_run`]) and copied onto each of its thousands of edges.
struct EdgeRuns {
    /// By [`RelationKind`] (supports, rebuts, undercuts): with the arrowhead, without.
    runs: [[String; 2]; 3],
}

impl EdgeRuns {
    fn new() -> EdgeRuns {
        let runs = [
            RelationKind::Supports,
            RelationKind::Rebuts,
            RelationKind::Undercuts,
        ]
        .map(|kind| {
            let look = edge_look(kind);
            [look.arrowhead, "none"].map(|head| {
                attr_run(&[
                    attr("class", look.verb),
                    attr("color", look.color),
                    attr("style", look.style),
                    attr("arrowhead", head),
                ])
            })
        });
        EdgeRuns { runs }
    }

    fn get(&self, kind: RelationKind, headless: bool) -> &str {
        let kind = match kind {
            RelationKind::Supports => 0,
            RelationKind::Rebuts => 1,
            RelationKind::Undercuts => 2,
        };
        &self.runs[kind][usize::from(headless)]
    }
}

/// Writes an edge of a relation of `kind`, with its arrowhead or (`headless`) none.
fn relation_edge(
    out: &mut Dot,
    from: Name<'_>,
    to: Name<'_>,
    runs: &EdgeRuns,
    kind: RelationKind,
    headless: bool,
    tooltip: &str,
) {
    let attrs = [
        run_attr(runs.get(kind, headless)),
        text_attr("tooltip", tooltip),
        attr("penwidth", "1.8"),
    ];
    // Undercuts are drawn a little thicker.
    let count = if kind == RelationKind::Undercuts {
        3
    } else {
        2
    };
    out.edge(from, to, &attrs[..count]);
}

/// The edge (or, for an attacked link, the two edges through its point) of one relation.
fn relation_edges(
    ids: &ClaimIds,
    relation: RelationIx,
    attacked: bool,
    runs: &EdgeRuns,
    out: &mut Dot,
    scratch: &mut Scratch,
) -> usize {
    let map = ids.map();
    let record = map.relation(relation);
    let from = claim_name(ids.get(record.from));
    let to = match record.target {
        Target::Claim(claim) => claim_name(ids.get(claim)),
        Target::Relation(target) => link_node(map, target),
    };
    scratch.tooltip.clear();
    describe(ids, relation, &mut scratch.tooltip);
    let tooltip = scratch.tooltip.as_str();
    if attacked {
        let point = link_node(map, relation);
        relation_edge(out, from, point, runs, record.kind, true, tooltip);
        relation_edge(out, point, to, runs, record.kind, false, tooltip);
        2
    } else {
        relation_edge(out, from, to, runs, record.kind, false, tooltip);
        1
    }
}

/// The legend: the edge kinds drawn, the actor colours shown, and how a claim reads.
fn legend(map: &Map, kept: &Kept, has_items: &[bool], out: &mut Dot) {
    let mut kinds = [false; 3];
    for relation in map.relation_indices() {
        if kept.has_relation(relation) {
            let slot = match map.relation(relation).kind {
                RelationKind::Supports => 0,
                RelationKind::Rebuts => 1,
                RelationKind::Undercuts => 2,
            };
            kinds[slot] = true;
        }
    }
    let mut families = [false; 4];
    for (i, &items) in has_items.iter().enumerate() {
        if items {
            let family = Family::of(map.actor(ActorIx::new(i)).kind);
            if let Some(slot) = Family::ALL.iter().position(|&f| f == family) {
                families[slot] = true;
            }
        }
    }

    let body = out;
    let mut title = Html::new();
    title.tag("<B>Legend</B>");
    legend_box(body, "cluster:legend", title);

    let mut key = Html::new();
    key.tag("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">");
    key.tag("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">")
        .push(Html::text(
            "A box is one claim: what the actor\nclaims, in the curator's words,",
        ))
        .tag("<BR/>")
        .open("FONT", &[("POINT-SIZE", "8"), ("COLOR", style::FAINT)])
        .push(Html::text("then its id · its date"))
        .tag("</FONT></TD></TR>");
    key.tag("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">")
        .push(Html::text("Boxes around claims: who claims them"))
        .tag("</TD></TR>");
    for (family, _) in Family::ALL
        .iter()
        .zip(families)
        .filter(|(_, present)| *present)
    {
        key.tag("<TR>")
            .open(
                "TD",
                &[
                    ("BGCOLOR", family.fill()),
                    ("COLOR", family.line()),
                    ("BORDER", "1"),
                    ("WIDTH", "18"),
                ],
            )
            .tag(" </TD><TD ALIGN=\"LEFT\">")
            .push(Html::text(family.description()))
            .tag("</TD></TR>");
    }
    key.tag("</TABLE>");
    body.node(
        "legend:key",
        &[
            attr("shape", "plaintext"),
            attr("style", ""),
            attr("margin", "0"),
            html_label(key),
        ],
    );

    let samples = [
        (RelationKind::Supports, "supports: a reason to accept"),
        (RelationKind::Rebuts, "rebuts: a reason to reject"),
        (
            RelationKind::Undercuts,
            "undercuts: says why the link\nat the dot does not hold",
        ),
    ];
    for (slot, (kind, text)) in samples.iter().enumerate() {
        if !kinds[slot] {
            continue;
        }
        let look = edge_look(*kind);
        let from = format!("legend:{}:from", look.verb);
        let to = format!("legend:{}:to", look.verb);
        let dot = [
            attr("shape", "point"),
            attr("width", "0.06"),
            attr("color", "#9ca3af"),
        ];
        body.node(&from, &dot);
        body.node(&to, &dot);
        let mut edge = vec![
            attr("color", look.color),
            attr("style", look.style),
            attr("arrowhead", look.arrowhead),
            attr("fontcolor", look.color),
            text_attr("label", *text),
        ];
        if *kind == RelationKind::Undercuts {
            // The undercut ends on a sample link, like in the diagram.
            let link = "legend:link";
            let point = "legend:link:point";
            body.node(link, &dot);
            body.node(
                point,
                &[
                    attr("shape", "point"),
                    attr("width", "0.09"),
                    attr("color", style::SUPPORT),
                ],
            );
            let support = edge_look(RelationKind::Supports);
            body.edge(
                link,
                point,
                &[attr("color", support.color), attr("arrowhead", "none")],
            );
            body.edge(
                point,
                &to,
                &[
                    attr("color", support.color),
                    attr("arrowhead", support.arrowhead),
                ],
            );
            edge.push(attr("penwidth", "1.8"));
            body.edge(&from, point, &edge);
        } else {
            body.edge(&from, &to, &edge);
        }
    }
    body.close_subgraph();
}

/// Opens a legend's box: the subgraph `id`, titled, with the legends' grey rounded frame.
fn legend_box(body: &mut Dot<'_>, id: &str, title: Html) {
    body.open_subgraph(id);
    body.graph_attrs(&[
        html_label(title),
        attr("style", "rounded"),
        attr("color", "#9ca3af"),
        attr("fontsize", "11"),
        attr("labeljust", "l"),
        attr("margin", "8"),
    ]);
}

/// The status legend of `--eval`: one sample claim per status, drawn like the claims, with what
/// the status means under the semantics.
fn status_legend(evaluation: &MapEvaluation, out: &mut Dot) {
    let semantics = evaluation.semantics;
    let unique = semantics.is_unique();
    let body = out;
    let mut title = Html::new();
    title
        .tag("<B>")
        .push(Html::text(&format!("Status under {semantics} semantics")))
        .tag("</B><BR/>")
        .open("FONT", &[("POINT-SIZE", "9"), ("COLOR", style::FAINT)])
        .push(Html::text(&format!(
            "supports: {} · see argraph explain",
            evaluation.support
        )))
        .tag("</FONT>");
    legend_box(body, "cluster:status", title);
    let every = format!("every {semantics} extension");
    let samples: [(Label, String); 3] = if unique {
        [
            (Label::In, "accepted".to_owned()),
            (
                Label::Out,
                "rejected: an accepted claim\nattacks it".to_owned(),
            ),
            (Label::Undec, "undecided: neither".to_owned()),
        ]
    } else {
        [
            (Label::In, format!("accepted in {every}")),
            (Label::Out, format!("rejected: attacked by\n{every}")),
            (
                Label::Undec,
                "undecided; UNDEC* = accepted in\nsome extensions, not all".to_owned(),
            ),
        ]
    };
    if !evaluation.has_extension {
        body.node(
            "legend:status:none",
            &[
                attr("shape", "plaintext"),
                attr("style", ""),
                text_attr(
                    "label",
                    format!(
                        "{semantics} semantics has no extension\non this map: every claim is UNDEC"
                    ),
                ),
            ],
        );
    }
    for (status, meaning) in samples {
        let look = status_look(status);
        let mut label = Html::new();
        label
            .tag("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLPADDING=\"1\">")
            .tag("<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">")
            .open("FONT", &[("COLOR", look.line)])
            .tag("<B>")
            .push(Html::text(look.word))
            .tag("</B></FONT> ")
            .push(Html::text(&meaning))
            .tag("</TD></TR></TABLE>");
        body.node(
            &format!("legend:status:{}", look.class),
            &[
                html_label(label),
                attr("class", look.class),
                attr("fillcolor", look.fill),
                attr("color", look.line),
                attr("style", look.style),
                attr("penwidth", look.penwidth),
            ],
        );
    }
    body.close_subgraph();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Selection;
    use crate::semantics::{Semantics, map::evaluate_map};

    /// A map from `argraph generate`, in files of 250 claims.
    fn generated(claims: usize, actors: usize, seed: u64) -> Map {
        crate::generate::loaded_map(claims, actors, seed, 250)
    }

    /// Written on two threads or on one, a diagram is the same text: on the bundled map (with
    /// undercuts, so points in clusters and edges through them) and on a generated one, whole
    /// and narrowed to a few actors, with and without an evaluation.
    #[test]
    fn two_threads_write_the_same_text_as_one() {
        let bundled = crate::load::load(std::path::Path::new("graphs/tiktok-wechat"))
            .unwrap_or_else(|e| panic!("bundled map loads: {e:?}"))
            .map;
        let generated = generated(600, 40, 9);
        // One organisation with nearly every claim: one top-level cluster far larger than a
        // batch, which is written on this thread.
        let mut lopsided = generated.clone();
        let big = lopsided.claims[0].actor;
        for claim in lopsided.claims.values_mut().skip(30) {
            claim.actor = big;
        }
        for map in [&bundled, &generated, &lopsided] {
            let some_actors: Vec<ActorIx> = map.actor_indices().step_by(3).collect();
            let evaluation = evaluate_map(map, Semantics::Grounded, Default::default())
                .unwrap_or_else(|e| panic!("{e:?}"));
            for selection in [Selection::All, Selection::Actors(some_actors)] {
                for evaluation in [None, Some(evaluation.clone())] {
                    let options = Options {
                        selection: selection.clone(),
                        evaluation,
                        ..Options::default()
                    };
                    let one = Threads {
                        min_items: usize::MAX,
                        ..Threads::default()
                    };
                    let (text, nodes, edges) = draw(map, &options, one, None);
                    let text = text.expect("in memory");
                    for (batch_weight, big) in [(1, false), (7, true), (300, false), (5000, true)] {
                        // Also as a big map: packed ids, claims read ahead.
                        let two = Threads {
                            min_items: 0,
                            batch_weight,
                            big: Some(big),
                        };
                        let drawn = draw(map, &options, two, None);
                        assert_eq!(drawn.1, nodes);
                        assert_eq!(drawn.2, edges);
                        assert_eq!(drawn.0.expect("in memory"), text);
                        // Streamed, in pieces, the same text again.
                        let mut streamed = Vec::new();
                        let drawn = draw(map, &options, two, Some(&mut streamed));
                        assert_eq!(drawn.0.expect("a Vec takes every byte"), "");
                        assert_eq!(String::from_utf8(streamed).expect("UTF-8"), text);
                    }
                }
            }
        }
    }

    /// A cluster heavier than a batch is opened, its claims written a batch at a time, then its
    /// points and members, and closed; members light enough go whole; each part knows how many
    /// clusters are open around it.
    #[test]
    fn clusters_heavier_than_a_batch_are_cut_into_parts() {
        let claims = |range: Range<usize>| range.map(ClaimIx::new).collect::<Vec<_>>();
        let a = ActorIx::new;
        // a0 (10 claims) holds a1 (3 claims, 2 points), which holds a2 (1 claim); a3 (1 claim)
        // stands alone.
        let claims_of = [
            claims(0..10),
            claims(10..13),
            claims(13..14),
            claims(14..15),
        ];
        let points_of = [
            vec![],
            vec![RelationIx::new(0), RelationIx::new(1)],
            vec![],
            vec![],
        ];
        let children = [vec![a(1)], vec![a(2)], vec![], vec![]];
        let clusters = Clusters {
            claims_of: &claims_of,
            points_of: &points_of,
            children: &children,
        };
        // Two claims (weight 10) to a batch.
        let plan = clusters.plan(&[a(0), a(3)], 2 * CLAIM_WEIGHT);
        let written: Vec<(String, usize, usize)> = plan
            .iter()
            .map(|planned| (format!("{:?}", planned.part), planned.weight, planned.depth))
            .collect();
        let expected = [
            ("Open(ActorIx(0))", 1, 0),
            ("Claims(ActorIx(0), 0..2)", 10, 1),
            ("Claims(ActorIx(0), 2..4)", 10, 1),
            ("Claims(ActorIx(0), 4..6)", 10, 1),
            ("Claims(ActorIx(0), 6..8)", 10, 1),
            ("Claims(ActorIx(0), 8..10)", 10, 1),
            ("Open(ActorIx(1))", 1, 1),
            ("Claims(ActorIx(1), 0..2)", 10, 2),
            ("Claims(ActorIx(1), 2..3)", 5, 2),
            ("Points(ActorIx(1))", 2, 2),
            ("Cluster(ActorIx(2))", 5, 2),
            ("Close", 1, 2),
            ("Close", 1, 1),
            ("Cluster(ActorIx(3))", 5, 0),
        ];
        let expected: Vec<(String, usize, usize)> = expected
            .iter()
            .map(|&(part, weight, depth)| (part.to_owned(), weight, depth))
            .collect();
        assert_eq!(written, expected);
        // With room for the whole of a0, nothing is cut.
        let whole = clusters.plan(&[a(0), a(3)], 100);
        assert!(matches!(
            whole.as_slice(),
            [
                Planned {
                    part: Part::Cluster(_),
                    weight: 72,
                    depth: 0
                },
                Planned {
                    part: Part::Cluster(_),
                    weight: 5,
                    depth: 0
                }
            ]
        ));
    }

    /// A writer that takes `room` bytes, then fails as a closed pipe does.
    struct ClosesAfter {
        room: usize,
    }

    impl Write for ClosesAfter {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            let taken = bytes.len().min(self.room);
            self.room -= taken;
            Ok(taken)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// An output that fails midway, on one thread or two: the sink's error comes back, the
    /// writing stops (no hang, no panic).
    #[test]
    fn a_failing_output_stops_the_diagram_with_its_error() {
        let map = generated(400, 20, 3);
        for threads in [
            Threads::default(),
            Threads {
                min_items: 0,
                batch_weight: 7,
                big: Some(true),
            },
        ] {
            for room in [0, 1, 5_000, 200_000] {
                let mut sink = ClosesAfter { room };
                let (text, _, _) = draw(&map, &Options::default(), threads, Some(&mut sink));
                let error = text.expect_err("the output fails");
                assert_eq!(error.kind(), io::ErrorKind::BrokenPipe, "{room}");
            }
        }
    }
}
