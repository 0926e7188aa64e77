//! The abstract argumentation framework of Dung (1995): arguments and an attack relation.
//!
//! Arguments are dense indices `0..n` ([`Arg`]). The attack relation is stored twice, in
//! compressed sparse row form, so that both the arguments an argument attacks and its attackers
//! are slices: building is O(n + m) (plus sorting each row to drop duplicate attacks), and memory
//! is two `u32` per attack plus two offsets per argument.

use std::fmt;

/// An argument: a dense index in `0..n`.
pub type Arg = u32;

/// An error building a framework: an attack names an argument outside `0..n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgOutOfRange {
    /// The offending argument index.
    pub arg: u64,
    /// The number of arguments of the framework.
    pub n: usize,
}

impl fmt::Display for ArgOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "argument {} out of range: the framework has {} arguments",
            self.arg, self.n
        )
    }
}

impl std::error::Error for ArgOutOfRange {}

/// A Dung argumentation framework over the arguments `0..n`.
///
/// Self-attacks are allowed; duplicate attacks are merged (the attack relation is a set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgumentFramework {
    n: usize,
    /// `out_off[a]..out_off[a + 1]` indexes `out` for the arguments `a` attacks.
    out_off: Vec<usize>,
    out: Vec<Arg>,
    /// `in_off[a]..in_off[a + 1]` indexes `inc` for the attackers of `a`.
    in_off: Vec<usize>,
    inc: Vec<Arg>,
}

impl ArgumentFramework {
    /// Builds a framework with `n` arguments and the given attacks `(attacker, attacked)`.
    ///
    /// Fails if an attack names an argument `>= n`, or if `n` does not fit in an [`Arg`].
    pub fn new(n: usize, attacks: &[(Arg, Arg)]) -> Result<Self, ArgOutOfRange> {
        if n > Arg::MAX as usize {
            return Err(ArgOutOfRange { arg: n as u64, n });
        }
        for &(a, b) in attacks {
            for x in [a, b] {
                if x as usize >= n {
                    return Err(ArgOutOfRange {
                        arg: u64::from(x),
                        n,
                    });
                }
            }
        }
        let (out_off, out) = csr(n, attacks);
        let (in_off, inc) = transpose(n, &out_off, &out);
        Ok(Self {
            n,
            out_off,
            out,
            in_off,
            inc,
        })
    }

    /// A framework with `n` arguments and no attacks.
    pub fn empty(n: usize) -> Self {
        Self {
            n,
            out_off: vec![0; n + 1],
            out: Vec::new(),
            in_off: vec![0; n + 1],
            inc: Vec::new(),
        }
    }

    /// The number of arguments.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the framework has no arguments.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The number of (distinct) attacks.
    pub fn num_attacks(&self) -> usize {
        self.out.len()
    }

    /// All arguments, `0..n`.
    pub fn args(&self) -> impl Iterator<Item = Arg> + use<> {
        0..self.n as Arg
    }

    /// The arguments that `a` attacks, in increasing order. Panics if `a >= n`.
    pub fn attacked_by(&self, a: Arg) -> &[Arg] {
        let a = a as usize;
        &self.out[self.out_off[a]..self.out_off[a + 1]]
    }

    /// The attackers of `a`, in increasing order. Panics if `a >= n`.
    pub fn attackers(&self, a: Arg) -> &[Arg] {
        let a = a as usize;
        &self.inc[self.in_off[a]..self.in_off[a + 1]]
    }

    /// Whether `a` attacks `b` (binary search in `a`'s row).
    pub fn attacks(&self, a: Arg, b: Arg) -> bool {
        self.attacked_by(a).binary_search(&b).is_ok()
    }

    /// All attacks `(attacker, attacked)`, ordered by attacker then attacked.
    pub fn attack_list(&self) -> impl Iterator<Item = (Arg, Arg)> + '_ {
        self.args()
            .flat_map(move |a| self.attacked_by(a).iter().map(move |&b| (a, b)))
    }

    /// Whether `a` attacks itself.
    pub fn self_attacking(&self, a: Arg) -> bool {
        self.attacks(a, a)
    }
}

/// Builds the attacker-to-attacked adjacency in compressed sparse row form: a counting sort by
/// attacker, then each row sorted (if it is not already) and deduplicated in place.
fn csr(n: usize, attacks: &[(Arg, Arg)]) -> (Vec<usize>, Vec<Arg>) {
    let mut off = vec![0usize; n + 1];
    for &(a, _) in attacks {
        off[a as usize + 1] += 1;
    }
    for i in 0..n {
        off[i + 1] += off[i];
    }
    let mut fill = off.clone();
    let mut adj = vec![0 as Arg; attacks.len()];
    for &(a, b) in attacks {
        let slot = &mut fill[a as usize];
        adj[*slot] = b;
        *slot += 1;
    }
    drop(fill);
    let mut write = 0usize;
    for a in 0..n {
        let (start, end) = (off[a], off[a + 1]);
        let row = &mut adj[start..end];
        if !row.is_sorted() {
            row.sort_unstable();
        }
        let row_start = write;
        for i in start..end {
            if write == row_start || adj[write - 1] != adj[i] {
                adj[write] = adj[i];
                write += 1;
            }
        }
        off[a] = row_start;
    }
    off[n] = write;
    adj.truncate(write);
    (off, adj)
}

/// The transpose of a compressed sparse row adjacency. Rows come out sorted because sources
/// are visited in increasing order.
fn transpose(n: usize, off: &[usize], adj: &[Arg]) -> (Vec<usize>, Vec<Arg>) {
    let mut t_off = vec![0usize; n + 1];
    for &b in adj {
        t_off[b as usize + 1] += 1;
    }
    for i in 0..n {
        t_off[i + 1] += t_off[i];
    }
    let mut fill = t_off.clone();
    let mut t_adj = vec![0 as Arg; adj.len()];
    for a in 0..n {
        for &b in &adj[off[a]..off[a + 1]] {
            let slot = &mut fill[b as usize];
            t_adj[*slot] = a as Arg;
            *slot += 1;
        }
    }
    (t_off, t_adj)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_directions_and_dedup() {
        let af =
            ArgumentFramework::new(3, &[(0, 1), (1, 2), (0, 1), (2, 2), (2, 0)]).expect("valid");
        assert_eq!(af.num_attacks(), 4);
        assert_eq!(af.attacked_by(0), &[1]);
        assert_eq!(af.attackers(2), &[1, 2]);
        assert_eq!(af.attackers(0), &[2]);
        assert!(af.self_attacking(2));
        assert!(!af.self_attacking(0));
        let list: Vec<_> = af.attack_list().collect();
        assert_eq!(list, vec![(0, 1), (1, 2), (2, 0), (2, 2)]);
    }

    #[test]
    fn out_of_range() {
        assert!(ArgumentFramework::new(2, &[(0, 2)]).is_err());
        assert!(ArgumentFramework::new(0, &[]).is_ok());
    }
}
