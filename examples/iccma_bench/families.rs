//! The benchmark's instance families, and two generators shaped like those that made ICCMA
//! benchmarks (our own code, written from the descriptions cited below; same seed, same file).
//!
//! - `er`, `ba`, `ws`: argraph's own Erdős–Rényi (about 5 attacks per argument),
//!   Barabási–Albert (3 links per new argument, random directions) and Watts–Strogatz (ring of
//!   degree 6, rewiring 0.3, 30 % of the links both ways) frameworks (`argraph::semantics::random`).
//! - `er3` … `er6`: the hard Erdős–Rényi regime of issue 22, 3 to 6 attacks per argument.
//! - `afbg-ba`, `afbg-ws`: AFBenchGen2 (Cerutti, Giacomin and Vallati, "Generating structured
//!   argumentation frameworks: AFBenchGen2", COMMA 2016; its Java source `jAFBenchGen`), the
//!   generator behind the "Barabasi", "ErdosRenyi" and "WattsStrogatz" benchmark families of
//!   the ICCMA editions since 2017 ([`afbenchgen2`]): a random
//!   graph with random edge directions, then reverse attacks added until about half of the
//!   arguments lie on a cycle. `afbg-ba` starts from GraphStream's Barabási–Albert tree (one
//!   link per new argument, AFBenchGen2's default), `afbg-ws` from the Watts–Strogatz ring of
//!   `ws` without the both-ways links (already that cyclic, so the rule adds nothing to it).
//! - `g2io-ba-er`, `g2io-ws-ws`: crusti_g2io (Mailly, CRIL; github.com/crillab/crusti_g2io),
//!   the "graph of graphs" generator that, by its author's project page, gave ICCMA 2021
//!   benchmarks in a preliminary version and was used by the ICCMA 2023 organisers
//!   ([`inner_outer`]): communities made by one generator, linked along the edges of an outer
//!   graph made by another. The generators and linkers follow crusti_g2io's descriptions and
//!   source; the parameters are ours (the competition's were not found published).

use argraph::semantics::random::{Rng, barabasi_albert, erdos_renyi, watts_strogatz};
use argraph::semantics::{Arg, ArgumentFramework};

/// One instance to generate: its file stem (`FAMILY-NNNNN`) and its framework.
pub(crate) struct Spec {
    /// The family, e.g. `er4`.
    pub(crate) family: String,
    /// The number of arguments.
    pub(crate) n: usize,
    /// The seed.
    pub(crate) seed: u64,
}

impl Spec {
    /// The file stem: the family and the zero-padded size, e.g. `er4-00500`.
    pub(crate) fn stem(&self) -> String {
        format!("{}-{:05}", self.family, self.n)
    }

    /// The framework (deterministic in the family, size and seed).
    pub(crate) fn build(&self) -> ArgumentFramework {
        let (n, seed) = (self.n, self.seed);
        match self.family.as_str() {
            "er" => erdos_renyi(n, 5.0 / n as f64, seed),
            "ba" => barabasi_albert(n, 3, seed),
            "ws" => watts_strogatz(n, 6, 0.3, 0.3, seed),
            "afbg-ba" => {
                let mut rng = Rng::new(seed);
                let tree = preferential_tree(n, &mut rng);
                afbenchgen2(n, random_directions(tree, &mut rng), 0.5, &mut rng)
            }
            "afbg-ws" => {
                let mut rng = Rng::new(seed);
                let ring = edges(&watts_strogatz(n, 6, 0.3, 0.0, seed));
                afbenchgen2(n, ring, 0.5, &mut rng)
            }
            // 100-argument Erdős–Rényi communities (4 attacks per argument inside), linked
            // along a Barabási–Albert outer graph by their least-attacked arguments.
            "g2io-ba-er" => inner_outer(
                &|rng| g2io_ba((n / 100).max(3), 2, rng),
                &|rng| g2io_er(100, 0.04, rng),
                Linker::MinIncoming,
                seed,
            ),
            // 50-argument Watts–Strogatz communities (each argument attacks its 2 ring
            // successors, rewiring 0.3) linked at random (each possible attack between two
            // linked communities with probability 0.01) along a Watts–Strogatz outer graph.
            "g2io-ws-ws" => inner_outer(
                &|rng| g2io_ws((n / 50).max(5), 4, 0.2, rng),
                &|rng| g2io_ws(50, 4, 0.3, rng),
                Linker::Random(0.01),
                seed,
            ),
            family => match family
                .strip_prefix("er")
                .and_then(|d| d.parse::<f64>().ok())
            {
                Some(per_arg) => erdos_renyi(n, per_arg / n as f64, seed),
                None => ArgumentFramework::empty(n),
            },
        }
    }
}

/// Every instance `gen` writes, smallest first within each family.
pub(crate) fn all() -> Vec<Spec> {
    let mut specs = Vec::new();
    let mut add = |family: &str, sizes: &[usize], seed: u64| {
        for (i, &n) in sizes.iter().enumerate() {
            specs.push(Spec {
                family: family.to_string(),
                n,
                seed: seed + i as u64,
            });
        }
    };
    // The first families (seeds 1000 + size index, as before). `er` stops at 500: from 1 000
    // arguments on, every solver ran out of 30 s on every SAT-backed problem (docs/semantics.md).
    add("er", &[100, 200, 500], 1000);
    let big = [100, 200, 500, 1000, 2000, 5000, 10_000, 100_000];
    add("ba", &big, 1000);
    add("ws", &big, 1000);
    for per_arg in 3..=6 {
        add(
            &format!("er{per_arg}"),
            &[300, 500, 700, 1000],
            2000 + 10 * per_arg,
        );
    }
    add("afbg-ba", &[1000, 10_000], 3000);
    add("afbg-ws", &[1000, 10_000], 3100);
    add("g2io-ba-er", &[1000, 10_000], 3200);
    add("g2io-ws-ws", &[1000, 10_000], 3300);
    specs
}

/// Whether the `--quick` subset holds an instance: up to 1 000 arguments, and the
/// Erdős–Rényi families only up to 500.
pub(crate) fn quick(family: &str, n: usize) -> bool {
    n <= 1000 && !(family.starts_with("er") && n > 500)
}

/// The attacks of `af`.
fn edges(af: &ArgumentFramework) -> Vec<(Arg, Arg)> {
    af.attack_list().collect()
}

/// Each edge in a random direction.
fn random_directions(edges: Vec<(Arg, Arg)>, rng: &mut Rng) -> Vec<(Arg, Arg)> {
    edges
        .into_iter()
        .map(|(a, b)| if rng.below(2) == 0 { (a, b) } else { (b, a) })
        .collect()
}

/// GraphStream's Barabási–Albert generator as AFBenchGen2 calls it (one link per new node,
/// its default): a random tree grown by preferential attachment.
fn preferential_tree(n: usize, rng: &mut Rng) -> Vec<(Arg, Arg)> {
    let mut edges = Vec::new();
    let mut ends: Vec<Arg> = Vec::new();
    for v in 1..n as Arg {
        let u = if ends.is_empty() {
            0
        } else {
            ends[rng.below(ends.len() as u64) as usize]
        };
        edges.push((v, u));
        ends.push(u);
        ends.push(v);
    }
    edges
}

/// AFBenchGen2's cycle rule: starting from `edges` (one direction each), it picks a random
/// edge and adds the reverse attack, until fewer than `n * (1 - prob_cycles)` strongly
/// connected components remain, i.e. until about a fraction `prob_cycles` of the arguments lie
/// on a cycle. Picking random edges and skipping those already mutual is the same as reversing
/// the edges in a random order; the number of components only falls as reverses are added, so
/// the shortest enough prefix of that order is found by bisection (a handful of component
/// counts instead of one per added attack).
pub(crate) fn afbenchgen2(
    n: usize,
    mut edges: Vec<(Arg, Arg)>,
    prob_cycles: f64,
    rng: &mut Rng,
) -> ArgumentFramework {
    edges.retain(|&(a, b)| a != b);
    let mut order = edges.clone();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let target = n as f64 * (1.0 - prob_cycles);
    let with = |k: usize| {
        let mut all = edges.clone();
        all.extend(order[..k].iter().map(|&(a, b)| (b, a)));
        ArgumentFramework::new(n, &all).unwrap_or_else(|_| ArgumentFramework::empty(n))
    };
    let (mut lo, mut hi) = (0, order.len());
    if (scc_count(&with(hi)) as f64) < target {
        while lo < hi {
            let mid = (lo + hi) / 2;
            if (scc_count(&with(mid)) as f64) < target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
    }
    with(hi)
}

/// The number of strongly connected components (iterative Tarjan).
pub(crate) fn scc_count(af: &ArgumentFramework) -> usize {
    let n = af.len();
    const NONE: usize = usize::MAX;
    let mut index = vec![NONE; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0usize;
    let mut count = 0usize;
    // (node, position in its successor list)
    let mut call: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != NONE {
            continue;
        }
        call.push((root, 0));
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut pos)) = call.last_mut() {
            let succ = af.attacked_by(v as Arg);
            if *pos < succ.len() {
                let w = succ[*pos] as usize;
                *pos += 1;
                if index[w] == NONE {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    count += 1;
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        if w == v {
                            break;
                        }
                    }
                }
            }
        }
    }
    count
}

/// A graph for [`inner_outer`]: its node count and directed edges.
pub(crate) struct Graph {
    n: usize,
    edges: Vec<(usize, usize)>,
}

/// crusti_g2io's Barabási–Albert generator (`ba/n,m`): a star of `m + 1` nodes (edges from
/// node 0 to the others), then each new node links to `m` distinct earlier nodes chosen with
/// probability proportional to their degree; edges go from the new node to the old ones.
fn g2io_ba(n: usize, m: usize, rng: &mut Rng) -> Graph {
    let m = m.min(n.saturating_sub(1)).max(1);
    let mut edges = Vec::new();
    let mut ends = Vec::new();
    for leaf in 1..=m.min(n.saturating_sub(1)) {
        edges.push((0, leaf));
        ends.extend([0, leaf]);
    }
    for v in m + 1..n {
        let mut chosen: Vec<usize> = Vec::with_capacity(m);
        while chosen.len() < m {
            let u = ends[rng.below(ends.len() as u64) as usize];
            if !chosen.contains(&u) {
                chosen.push(u);
            }
        }
        for u in chosen {
            edges.push((v, u));
            ends.extend([v, u]);
        }
    }
    Graph { n, edges }
}

/// crusti_g2io's Erdős–Rényi generator (`er/n,p`): each ordered pair of distinct nodes is an
/// edge with probability `p`.
fn g2io_er(n: usize, p: f64, rng: &mut Rng) -> Graph {
    let mut edges = Vec::new();
    for a in 0..n {
        for b in 0..n {
            if a != b && rng.unit() < p {
                edges.push((a, b));
            }
        }
    }
    Graph { n, edges }
}

/// crusti_g2io's Watts–Strogatz generator (`ws/n,k,p`): a ring where each node has an edge to
/// each of its `k / 2` successors; then each of these edges is, with probability `p`, moved
/// to a node that is neither the source nor one of its ring successors nor a target it
/// already has (the released target becomes available again).
fn g2io_ws(n: usize, k: usize, p: f64, rng: &mut Rng) -> Graph {
    let half = (k / 2).min(n.saturating_sub(1));
    let mut edges = Vec::with_capacity(n * half);
    for i in 0..n {
        // Nodes `i` may be rewired to: not itself, not its ring successors.
        let mut free: Vec<usize> = (0..n)
            .filter(|&x| x != i && !(1..=half).any(|j| (i + j) % n == x))
            .collect();
        for j in 1..=half {
            let mut target = (i + j) % n;
            if !free.is_empty() && rng.unit() < p {
                let slot = rng.below(free.len() as u64) as usize;
                std::mem::swap(&mut free[slot], &mut target);
            }
            edges.push((i, target));
        }
    }
    Graph { n, edges }
}

/// How [`inner_outer`] links two communities along an outer edge.
#[derive(Clone, Copy)]
pub(crate) enum Linker {
    /// crusti_g2io's `min_incoming`: every least-attacked node of the first community attacks
    /// every least-attacked node of the second.
    MinIncoming,
    /// crusti_g2io's `random/p`: each node of the first community attacks each node of the
    /// second with probability `p`.
    Random(f64),
}

/// crusti_g2io's inner/outer model (README of github.com/crillab/crusti_g2io): generate the
/// outer graph, one inner graph (community) per outer node, then for each outer edge `u → v`
/// let the linker add attacks from community `u` to community `v`. Nodes are numbered
/// community by community.
pub(crate) fn inner_outer(
    outer: &dyn Fn(&mut Rng) -> Graph,
    inner: &dyn Fn(&mut Rng) -> Graph,
    linker: Linker,
    seed: u64,
) -> ArgumentFramework {
    let mut rng = Rng::new(seed);
    let outer = outer(&mut rng);
    let communities: Vec<Graph> = (0..outer.n).map(|_| inner(&mut rng)).collect();
    let mut offset = Vec::with_capacity(communities.len() + 1);
    offset.push(0usize);
    for c in &communities {
        offset.push(offset[offset.len() - 1] + c.n);
    }
    let min_incoming = |g: &Graph| -> Vec<usize> {
        let mut incoming = vec![0usize; g.n];
        for &(_, b) in &g.edges {
            incoming[b] += 1;
        }
        let least = incoming.iter().copied().min().unwrap_or(0);
        (0..g.n).filter(|&x| incoming[x] == least).collect()
    };
    let mut attacks: Vec<(Arg, Arg)> = Vec::new();
    for (c, g) in communities.iter().enumerate() {
        attacks.extend(
            g.edges
                .iter()
                .map(|&(a, b)| ((offset[c] + a) as Arg, (offset[c] + b) as Arg)),
        );
    }
    for &(u, v) in &outer.edges {
        let (gu, gv) = (&communities[u], &communities[v]);
        match linker {
            Linker::MinIncoming => {
                let targets = min_incoming(gv);
                for a in min_incoming(gu) {
                    for &b in &targets {
                        attacks.push(((offset[u] + a) as Arg, (offset[v] + b) as Arg));
                    }
                }
            }
            Linker::Random(p) => {
                for a in 0..gu.n {
                    for b in 0..gv.n {
                        if rng.unit() < p {
                            attacks.push(((offset[u] + a) as Arg, (offset[v] + b) as Arg));
                        }
                    }
                }
            }
        }
    }
    let n = offset[offset.len() - 1];
    ArgumentFramework::new(n, &attacks).unwrap_or_else(|_| ArgumentFramework::empty(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scc_count_on_small_graphs() {
        let af = |n, att: &[(Arg, Arg)]| ArgumentFramework::new(n, att).unwrap();
        assert_eq!(scc_count(&af(3, &[(0, 1), (1, 2), (2, 0)])), 1);
        assert_eq!(scc_count(&af(3, &[(0, 1), (1, 2)])), 3);
        assert_eq!(scc_count(&af(4, &[(0, 1), (1, 0), (2, 3), (3, 2)])), 2);
    }

    #[test]
    fn afbenchgen2_puts_about_the_asked_fraction_on_cycles() {
        let mut rng = Rng::new(5);
        let tree = random_directions(preferential_tree(1000, &mut rng), &mut rng);
        assert_eq!(
            scc_count(&ArgumentFramework::new(1000, &tree).unwrap()),
            1000
        );
        let af = afbenchgen2(1000, tree, 0.5, &mut rng);
        let sccs = scc_count(&af);
        // Just below the threshold: one more reversed edge merges at most a few components.
        assert!((480..500).contains(&sccs), "{sccs}");
    }

    #[test]
    fn every_family_builds_about_the_asked_size() {
        for spec in all().into_iter().filter(|s| s.n <= 1000) {
            let af = spec.build();
            assert!(
                af.len() >= spec.n * 9 / 10 && af.len() <= spec.n * 11 / 10,
                "{} has {} arguments",
                spec.stem(),
                af.len()
            );
            assert!(af.num_attacks() >= af.len() / 2, "{}", spec.stem());
        }
        let a = Spec {
            family: "g2io-ws-ws".into(),
            n: 1000,
            seed: 1,
        };
        assert_eq!(a.build(), a.build());
    }
}
