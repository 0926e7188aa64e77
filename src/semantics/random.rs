//! Random frameworks shaped like the ICCMA benchmark families, for benchmarks and tests:
//! Erdős–Rényi, Barabási–Albert and Watts–Strogatz graphs with random attack directions.
//!
//! The generator is a small deterministic PRNG (SplitMix64): the same parameters and seed
//! always give the same framework, on every platform.

use super::framework::{Arg, ArgumentFramework};

/// SplitMix64: a tiny, fast, deterministic generator (Steele, Lea & Flood 2014).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..bound` (`bound > 0`; 0 when `bound == 0`).
    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            0
        } else {
            ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
        }
    }

    /// A uniform number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Erdős–Rényi: each ordered pair `(a, b)` with `a != b` is an attack with probability `p`
/// (drawn by geometric skipping, so the cost is O(n + m), not O(n²)).
pub fn erdos_renyi(n: usize, p: f64, seed: u64) -> ArgumentFramework {
    let mut rng = Rng::new(seed);
    let mut attacks = Vec::new();
    let total = (n as u64).saturating_mul(n as u64);
    if p > 0.0 && n > 1 {
        let log_q = (1.0 - p.min(1.0 - 1e-12)).ln();
        let mut i: u64 = 0;
        loop {
            let skip = ((1.0 - rng.unit()).ln() / log_q).floor();
            if !skip.is_finite() || skip >= (total - i) as f64 {
                break;
            }
            i += skip as u64;
            let (a, b) = ((i / n as u64) as Arg, (i % n as u64) as Arg);
            if a != b {
                attacks.push((a, b));
            }
            i += 1;
            if i >= total {
                break;
            }
        }
    }
    ArgumentFramework::new(n, &attacks).unwrap_or_else(|_| ArgumentFramework::empty(n))
}

/// Barabási–Albert: arguments arrive one by one and each links to `m` earlier ones chosen with
/// probability proportional to their degree; each link is an attack in a random direction.
pub fn barabasi_albert(n: usize, m: usize, seed: u64) -> ArgumentFramework {
    let mut rng = Rng::new(seed);
    let mut attacks = Vec::new();
    // Every endpoint of every link so far: sampling from it is degree-proportional.
    let mut ends: Vec<Arg> = Vec::new();
    for v in 0..n as Arg {
        let links = m.min(v as usize);
        let mut chosen: Vec<Arg> = Vec::with_capacity(links);
        while chosen.len() < links {
            let u = if ends.is_empty() {
                rng.below(u64::from(v)) as Arg
            } else {
                ends[rng.below(ends.len() as u64) as usize]
            };
            if !chosen.contains(&u) {
                chosen.push(u);
            }
        }
        for u in chosen {
            attacks.push(if rng.below(2) == 0 { (u, v) } else { (v, u) });
            ends.push(u);
            ends.push(v);
        }
    }
    ArgumentFramework::new(n, &attacks).unwrap_or_else(|_| ArgumentFramework::empty(n))
}

/// Watts–Strogatz: a ring where each argument links to its `k / 2` next neighbours, each link
/// rewired to a random argument with probability `beta`; each link is an attack in a random
/// direction (both directions with probability `both`).
pub fn watts_strogatz(n: usize, k: usize, beta: f64, both: f64, seed: u64) -> ArgumentFramework {
    let mut rng = Rng::new(seed);
    let mut attacks = Vec::new();
    if n > 1 {
        for a in 0..n {
            for j in 1..=(k / 2) {
                let mut b = (a + j) % n;
                if rng.unit() < beta {
                    b = rng.below(n as u64) as usize;
                }
                if b == a {
                    continue;
                }
                let (a, b) = (a as Arg, b as Arg);
                if rng.unit() < both {
                    attacks.push((a, b));
                    attacks.push((b, a));
                } else if rng.below(2) == 0 {
                    attacks.push((a, b));
                } else {
                    attacks.push((b, a));
                }
            }
        }
    }
    ArgumentFramework::new(n, &attacks).unwrap_or_else(|_| ArgumentFramework::empty(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_about_the_right_size() {
        let a = erdos_renyi(1000, 0.005, 7);
        assert_eq!(a, erdos_renyi(1000, 0.005, 7));
        // Expected 1000 * 999 * 0.005 ≈ 4995 attacks.
        assert!(
            (4000..6000).contains(&a.num_attacks()),
            "{}",
            a.num_attacks()
        );
        let b = barabasi_albert(1000, 3, 7);
        assert!(
            (2900..=2994).contains(&b.num_attacks()),
            "{}",
            b.num_attacks()
        );
        let w = watts_strogatz(1000, 6, 0.2, 0.0, 7);
        assert!(
            (2900..=3000).contains(&w.num_attacks()),
            "{}",
            w.num_attacks()
        );
        for af in [&a, &b, &w] {
            assert!(af.args().all(|x| !af.self_attacking(x)));
        }
    }
}
