//! Checking ICCMA 2023 answers, independently of argraph's solver: the definitions checked
//! directly, and where a check needs search, one call to batsat on a plain encoding written
//! here (not argraph's).
//!
//! - GR: the grounded extension, computed once per instance (DC-GR and DS-GR: membership of the
//!   query in it).
//! - CO: a complete extension (a DC-CO witness may be an admissible set: it extends to a
//!   complete one); DS-CO is sceptical acceptance under grounded semantics, so its verdict is
//!   checked against the grounded extension.
//! - PR: a complete extension that no complete extension strictly contains (one SAT call; a
//!   DC-PR witness may be an admissible set).
//! - ST: a conflict-free set attacking every argument outside it.
//! - SST: a complete extension whose range (the set and what it attacks) no complete extension
//!   strictly exceeds (one SAT call).
//! - STG: a conflict-free set whose range no conflict-free set strictly exceeds (one SAT call;
//!   a stage extension need not be admissible).
//! - ID: the ideal extension, computed once per instance: an admissible set is contained in
//!   every preferred extension exactly when none of its members is attacked by a credulously
//!   accepted argument, and such sets are closed under union, so the ideal extension is the
//!   largest admissible set of arguments without credulously accepted attackers (Dung,
//!   Mancarella and Toni 2007; Dunne 2009). Credulous acceptance (under admissible, complete or
//!   preferred semantics alike) is settled with SAT calls that each ask for an admissible set
//!   holding some argument not yet known to be accepted. When that runs out of time, an ID
//!   answer is checked to be admissible with no credulously accepted attacker (one SAT call),
//!   which proves it is contained in the ideal extension but not that it is all of it: such an
//!   answer is "unverified", and the solvers' sets must still be equal.
//!
//! Verdicts that no certificate proves (DC NO, DS YES, SE-ST NO) are compared across solvers;
//! where the benchmark knows the answer (grounded, ideal, credulous acceptance once computed)
//! they are checked against it.

use argraph::semantics::{Arg, ArgumentFramework};
use batsat::{BasicSolver, Lit, SolverInterface, lbool};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What checking one answer found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Checked {
    /// The answer is right; its verdict (`YES`, `NO`, or `EXT`).
    Right(String),
    /// The answer is wrong, and why.
    Wrong(String),
    /// The checker ran out of time before it could tell (the verdict, and what is unproven).
    Unverified(String, String),
}

/// A SAT solver that gives up at a deadline.
struct Sat {
    s: BasicSolver,
    ok: bool,
}

impl Sat {
    fn new(deadline: Instant) -> Self {
        let mut s = BasicSolver::default();
        s.cb_mut().set_stop(move || Instant::now() > deadline);
        Self { s, ok: true }
    }

    /// A fresh variable's positive literal; `prefer_true` makes the solver try it true first.
    fn lit(&mut self, prefer_true: bool) -> Lit {
        let pol = if prefer_true {
            lbool::TRUE
        } else {
            lbool::UNDEF
        };
        Lit::new(self.s.new_var(pol, true), true)
    }

    fn clause(&mut self, mut c: Vec<Lit>) {
        self.ok &= self.s.add_clause_reuse(&mut c);
    }

    /// `Some(satisfiable)`, or `None` at the deadline.
    fn solve(&mut self, assumptions: &[Lit]) -> Option<bool> {
        if !self.ok {
            return Some(false);
        }
        let r = self.s.solve_limited(assumptions);
        if r == lbool::TRUE {
            Some(true)
        } else if r == lbool::FALSE {
            Some(false)
        } else {
            None
        }
    }

    fn is_true(&self, l: Lit) -> bool {
        self.s.value_lit(l) == lbool::TRUE
    }
}

/// The complete-labelling encoding: `in[a]`, `out[a]` with `out[a]` iff some attacker is in and
/// `in[a]` iff every attacker is out. Its models are exactly the complete extensions.
fn complete_encoding(af: &ArgumentFramework, sat: &mut Sat) -> (Vec<Lit>, Vec<Lit>) {
    let inl: Vec<Lit> = af.args().map(|_| sat.lit(true)).collect();
    let outl: Vec<Lit> = af.args().map(|_| sat.lit(false)).collect();
    for a in af.args() {
        let (ia, oa) = (inl[a as usize], outl[a as usize]);
        sat.clause(vec![!ia, !oa]);
        let mut all_out = vec![ia];
        let mut some_in = vec![!oa];
        for &b in af.attackers(a) {
            let (ib, ob) = (inl[b as usize], outl[b as usize]);
            sat.clause(vec![!ia, ob]);
            sat.clause(vec![!ib, oa]);
            all_out.push(!ob);
            some_in.push(ib);
        }
        sat.clause(all_out);
        sat.clause(some_in);
    }
    (inl, outl)
}

/// `ext` as a membership vector, or `None` if it names an argument that does not exist.
fn members(af: &ArgumentFramework, ext: &[Arg]) -> Option<Vec<bool>> {
    let mut member = vec![false; af.len()];
    for &a in ext {
        *member.get_mut(a as usize)? = true;
    }
    Some(member)
}

/// What the set `member` attacks.
fn attacked(af: &ArgumentFramework, member: &[bool]) -> Vec<bool> {
    let mut attacked = vec![false; af.len()];
    for a in af.args().filter(|&a| member[a as usize]) {
        for &b in af.attacked_by(a) {
            attacked[b as usize] = true;
        }
    }
    attacked
}

/// Whether `ext` is conflict-free.
pub(crate) fn is_conflict_free(af: &ArgumentFramework, ext: &[Arg]) -> bool {
    let Some(member) = members(af, ext) else {
        return false;
    };
    let hit = attacked(af, &member);
    af.args().all(|a| !(member[a as usize] && hit[a as usize]))
}

/// Whether `ext` is conflict-free and defends each of its members.
pub(crate) fn is_admissible(af: &ArgumentFramework, ext: &[Arg]) -> bool {
    let Some(member) = members(af, ext) else {
        return false;
    };
    let hit = attacked(af, &member);
    af.args()
        .filter(|&a| member[a as usize])
        .all(|a| !hit[a as usize] && af.attackers(a).iter().all(|&b| hit[b as usize]))
}

/// Whether `ext` is a complete extension (stable if `stable`).
pub(crate) fn is_complete(af: &ArgumentFramework, ext: &[Arg], stable: bool) -> bool {
    let Some(member) = members(af, ext) else {
        return false;
    };
    let hit = attacked(af, &member);
    af.args().all(|a| {
        let i = a as usize;
        let defended = af.attackers(a).iter().all(|&b| hit[b as usize]);
        !(member[i] && hit[i]) && (member[i] == defended) && (!stable || member[i] || hit[i])
    })
}

/// The range of `ext` (members and what they attack), if `ext` names real arguments.
fn range(af: &ArgumentFramework, ext: &[Arg]) -> Option<Vec<bool>> {
    let member = members(af, ext)?;
    let hit = attacked(af, &member);
    Some(member.iter().zip(&hit).map(|(&m, &h)| m || h).collect())
}

/// Whether the complete extension `ext` is preferred: no complete extension strictly contains
/// it (`None`: out of time).
pub(crate) fn is_maximal_complete(
    af: &ArgumentFramework,
    ext: &[Arg],
    deadline: Instant,
) -> Option<bool> {
    let member = members(af, ext)?;
    let mut sat = Sat::new(deadline);
    let (inl, _) = complete_encoding(af, &mut sat);
    for a in af.args().filter(|&a| member[a as usize]) {
        sat.clause(vec![inl[a as usize]]);
    }
    let grow = af
        .args()
        .filter(|&a| !member[a as usize])
        .map(|a| inl[a as usize])
        .collect();
    sat.clause(grow);
    sat.solve(&[]).map(|larger| !larger)
}

/// Whether `ext` is semi-stable: complete, and no complete extension has a strictly larger
/// range (`None`: out of time).
pub(crate) fn is_semi_stable(
    af: &ArgumentFramework,
    ext: &[Arg],
    deadline: Instant,
) -> Option<bool> {
    if !is_complete(af, ext, false) {
        return Some(false);
    }
    let r = range(af, ext)?;
    let mut sat = Sat::new(deadline);
    let (inl, outl) = complete_encoding(af, &mut sat);
    // In a complete labelling, `out[a]` holds exactly when `a` is attacked by the extension.
    let covers = |a: usize| vec![inl[a], outl[a]];
    let mut more = Vec::new();
    for (a, &in_range) in r.iter().enumerate() {
        if in_range {
            sat.clause(covers(a));
        } else {
            let x = sat.lit(false);
            // x → a is in the range.
            let mut c = covers(a);
            c.push(!x);
            sat.clause(c);
            more.push(x);
        }
    }
    sat.clause(more);
    sat.solve(&[]).map(|larger| !larger)
}

/// Whether `ext` is a stage extension: conflict-free, and no conflict-free set has a strictly
/// larger range (`None`: out of time).
pub(crate) fn is_stage(af: &ArgumentFramework, ext: &[Arg], deadline: Instant) -> Option<bool> {
    if !is_conflict_free(af, ext) {
        return Some(false);
    }
    let r = range(af, ext)?;
    let mut sat = Sat::new(deadline);
    let inl: Vec<Lit> = af.args().map(|_| sat.lit(false)).collect();
    for (a, b) in af.attack_list() {
        sat.clause(vec![!inl[a as usize], !inl[b as usize]]);
    }
    let mut more = Vec::new();
    for a in af.args() {
        // r → a is in the set or attacked by it.
        let ra = sat.lit(false);
        let mut c = vec![!ra, inl[a as usize]];
        c.extend(af.attackers(a).iter().map(|&b| inl[b as usize]));
        sat.clause(c);
        if r[a as usize] {
            sat.clause(vec![ra]);
        } else {
            more.push(ra);
        }
    }
    sat.clause(more);
    sat.solve(&[]).map(|larger| !larger)
}

/// Which arguments are credulously accepted (belong to some admissible set, equivalently to
/// some preferred or complete extension), or `None` at the deadline. `grounded` seeds it: its
/// members are accepted, what it attacks is not.
pub(crate) fn credulous(
    af: &ArgumentFramework,
    grounded: &[Arg],
    deadline: Instant,
) -> Option<Vec<bool>> {
    let mut status: Vec<Option<bool>> = vec![None; af.len()];
    let g = members(af, grounded)?;
    let hit = attacked(af, &g);
    for a in af.args() {
        let i = a as usize;
        if g[i] {
            status[i] = Some(true);
        } else if hit[i] || af.self_attacking(a) {
            status[i] = Some(false);
        }
    }
    let mut sat = Sat::new(deadline);
    let (inl, _) = complete_encoding(af, &mut sat);
    loop {
        let unknown: Vec<usize> = (0..af.len()).filter(|&i| status[i].is_none()).collect();
        if unknown.is_empty() {
            break;
        }
        let act = sat.lit(false);
        let mut c = vec![!act];
        c.extend(unknown.iter().map(|&i| inl[i]));
        sat.clause(c);
        match sat.solve(&[act])? {
            true => {
                for i in 0..af.len() {
                    if sat.is_true(inl[i]) {
                        status[i] = Some(true);
                    }
                }
            }
            false => {
                for i in unknown {
                    status[i] = Some(false);
                }
            }
        }
        sat.clause(vec![!act]);
    }
    Some(status.into_iter().map(|s| s == Some(true)).collect())
}

/// The ideal extension, sorted, from the credulously accepted arguments: the largest
/// admissible set of accepted arguments none of which an accepted argument attacks.
pub(crate) fn ideal_from(af: &ArgumentFramework, credulous: &[bool]) -> Vec<Arg> {
    let mut keep: Vec<bool> = af
        .args()
        .map(|a| credulous[a as usize] && af.attackers(a).iter().all(|&b| !credulous[b as usize]))
        .collect();
    // Greatest fixpoint: drop the members the rest does not defend (the set is conflict-free:
    // accepted arguments never attack arguments without accepted attackers).
    loop {
        let hit = attacked(af, &keep);
        let drop: Vec<usize> = af
            .args()
            .map(|a| a as usize)
            .filter(|&a| keep[a] && af.attackers(a as Arg).iter().any(|&b| !hit[b as usize]))
            .collect();
        if drop.is_empty() {
            break;
        }
        for a in drop {
            keep[a] = false;
        }
    }
    af.args().filter(|&a| keep[a as usize]).collect()
}

/// Whether no argument of `ext` is attacked by a credulously accepted argument (one SAT call:
/// is there an admissible set holding one of the attackers?).
pub(crate) fn no_accepted_attacker(
    af: &ArgumentFramework,
    ext: &[Arg],
    deadline: Instant,
) -> Option<bool> {
    let member = members(af, ext)?;
    let attackers: Vec<Arg> = af
        .args()
        .filter(|&b| af.attacked_by(b).iter().any(|&a| member[a as usize]))
        .collect();
    if attackers.is_empty() {
        return Some(true);
    }
    let mut sat = Sat::new(deadline);
    let (inl, _) = complete_encoding(af, &mut sat);
    sat.clause(attackers.iter().map(|&b| inl[b as usize]).collect());
    sat.solve(&[]).map(|some| !some)
}

/// The verdict and the extension of a solver's output: the first line (`YES`, `NO`, or `EXT`
/// when it is a `w` line) and the arguments of the `w` line, if any, 0-based (an unreadable
/// argument becomes one that does not exist, so every check rejects it).
pub(crate) fn answer(stdout: &str) -> (String, Option<Vec<Arg>>) {
    let lines: Vec<&str> = stdout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let is_w = |l: &str| l == "w" || l.starts_with("w ");
    let first = lines.first().copied().unwrap_or("");
    let ext = lines.iter().find(|l| is_w(l)).map(|l| {
        l.split_whitespace()
            .skip(1)
            .map(|t| t.parse::<Arg>().map_or(Arg::MAX, |a| a.wrapping_sub(1)))
            .collect()
    });
    let verdict = if is_w(first) { "EXT" } else { first };
    (verdict.to_string(), ext)
}

/// One instance under check: the framework, what the benchmark knows about it, and the
/// results of the checks made so far (the same certificate is checked once).
pub(crate) struct Instance<'a> {
    af: &'a ArgumentFramework,
    grounded: Vec<Arg>,
    budget: Duration,
    credulous: Option<Option<Vec<bool>>>,
    cache: HashMap<(String, Vec<Arg>), Option<bool>>,
}

impl<'a> Instance<'a> {
    /// An instance; each search the checker makes gets `budget`.
    pub(crate) fn new(af: &'a ArgumentFramework, budget: Duration) -> Self {
        let grounded = argraph::semantics::grounded_labelling(af).in_args();
        Self {
            af,
            grounded,
            budget,
            credulous: None,
            cache: HashMap::new(),
        }
    }

    /// The credulously accepted arguments, if the checker computed them in its budget (tried
    /// once, on the first ID answer).
    fn credulous(&mut self) -> Option<&Vec<bool>> {
        if self.credulous.is_none() {
            let deadline = Instant::now() + self.budget;
            self.credulous = Some(credulous(self.af, &self.grounded, deadline));
        }
        self.credulous.as_ref().and_then(Option::as_ref)
    }

    /// The ideal extension, if the checker could compute it.
    pub(crate) fn ideal(&mut self) -> Option<Vec<Arg>> {
        let af = self.af;
        self.credulous().map(|c| ideal_from(af, c))
    }

    /// Whether `ext` is a `sem` extension (`admissible_ok`: an admissible set will do);
    /// `None` when the checker ran out of time.
    fn valid(&mut self, sem: &str, ext: &[Arg], admissible_ok: bool) -> Option<bool> {
        let mut sorted = ext.to_vec();
        sorted.sort_unstable();
        let key = (format!("{sem}{admissible_ok}"), sorted.clone());
        if let Some(&known) = self.cache.get(&key) {
            return known;
        }
        let af = self.af;
        let deadline = Instant::now() + self.budget;
        let result = match sem {
            "GR" => Some(sorted == self.grounded),
            "ST" => Some(is_complete(af, ext, true)),
            "CO" | "PR" if admissible_ok => Some(is_admissible(af, ext)),
            "CO" => Some(is_complete(af, ext, false)),
            "PR" if !is_complete(af, ext, false) => Some(false),
            "PR" => is_maximal_complete(af, ext, deadline),
            "SST" => is_semi_stable(af, ext, deadline),
            "STG" => is_stage(af, ext, deadline),
            "ID" if !is_admissible(af, ext) => Some(false),
            "ID" => match self.ideal() {
                Some(ideal) => Some(sorted == ideal),
                // Contained in the ideal extension at best: maximality is not proven.
                None => match no_accepted_attacker(af, ext, deadline) {
                    Some(false) => Some(false),
                    _ => None,
                },
            },
            _ => Some(false),
        };
        self.cache.insert(key, result);
        result
    }

    /// Checks a solver's output for `problem` (e.g. `DC-PR`) with query argument `q`.
    pub(crate) fn check(&mut self, problem: &str, q: Arg, stdout: &str) -> Checked {
        let (verdict, ext) = answer(stdout);
        let (kind, sem) = problem.split_once('-').unwrap_or((problem, ""));
        let wrong = |why: String| Checked::Wrong(why);
        let unverified = |what: &str| Checked::Unverified(verdict.clone(), what.to_string());
        // What the benchmark knows of the query's acceptance: (credulous, sceptical).
        let in_grounded = self.grounded.binary_search(&q).is_ok();
        let known_credulous = match sem {
            "GR" => Some(in_grounded),
            "ID" => self.ideal().map(|i| i.contains(&q)),
            "CO" | "PR" => self
                .credulous
                .as_ref()
                .and_then(Option::as_ref)
                .map(|c| c.get(q as usize).copied().unwrap_or(false)),
            _ => None,
        };
        let known_sceptical = match sem {
            "GR" | "CO" => Some(in_grounded),
            "ID" => known_credulous,
            _ => None,
        };
        let named = |what: &str| format!("the {what} is not a {sem} extension");
        match (kind, verdict.as_str(), ext) {
            ("SE", "EXT", Some(e)) => match self.valid(sem, &e, false) {
                Some(true) => Checked::Right(verdict),
                Some(false) => wrong(named("extension")),
                None => unverified("the extension"),
            },
            ("SE", "NO", _) if sem == "ST" => Checked::Right(verdict),
            ("DC", "YES", Some(e)) if e.contains(&q) => {
                if known_credulous == Some(false) {
                    return wrong("YES, but the query is not accepted".into());
                }
                match self.valid(sem, &e, matches!(sem, "CO" | "PR")) {
                    Some(true) => Checked::Right(verdict),
                    Some(false) => wrong(named("witness")),
                    None => unverified("the witness"),
                }
            }
            ("DC", "YES", _) => wrong("YES without a witness holding the query".into()),
            ("DC", "NO", _) if known_credulous == Some(true) => {
                wrong("NO, but the query is accepted".into())
            }
            ("DC", "NO", _) => Checked::Right(verdict),
            ("DS", "YES", _) if known_sceptical == Some(false) => {
                wrong("YES, but the query is not sceptically accepted".into())
            }
            ("DS", "YES", _) if sem == "PR" && known_credulous == Some(false) => {
                wrong("YES, but the query is in no preferred extension".into())
            }
            ("DS", "YES", _) => Checked::Right(verdict),
            ("DS", "NO", Some(e)) if !e.contains(&q) => {
                if known_sceptical == Some(true) {
                    return wrong("NO, but the query is sceptically accepted".into());
                }
                match self.valid(sem, &e, false) {
                    Some(true) => Checked::Right(verdict),
                    Some(false) => wrong(named("counter-example")),
                    None => unverified("the counter-example"),
                }
            }
            ("DS", "NO", _) => wrong("NO without a counter-example lacking the query".into()),
            _ => wrong(format!(
                "unexpected answer `{}`",
                stdout.trim().chars().take(60).collect::<String>()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn af(n: usize, attacks: &[(Arg, Arg)]) -> ArgumentFramework {
        ArgumentFramework::new(n, attacks).unwrap()
    }

    fn later() -> Instant {
        Instant::now() + Duration::from_secs(60)
    }

    fn check(f: &ArgumentFramework, problem: &str, q: Arg, out: &str) -> Checked {
        Instance::new(f, Duration::from_secs(60)).check(problem, q, out)
    }

    fn right(v: &str) -> Checked {
        Checked::Right(v.into())
    }

    fn is_wrong(c: Checked) -> bool {
        matches!(c, Checked::Wrong(_))
    }

    /// a → b → c → a: no stable extension; the only complete (so preferred, semi-stable, ideal)
    /// extension is empty; each single argument is a stage extension.
    fn odd_cycle() -> ArgumentFramework {
        af(3, &[(0, 1), (1, 2), (2, 0)])
    }

    #[test]
    fn odd_cycle_stage_is_not_semi_stable() {
        let f = odd_cycle();
        for a in 0..3 {
            assert_eq!(is_stage(&f, &[a], later()), Some(true));
            assert_eq!(is_semi_stable(&f, &[a], later()), Some(false));
        }
        assert_eq!(is_stage(&f, &[], later()), Some(false));
        assert_eq!(is_semi_stable(&f, &[], later()), Some(true));
        assert!(!is_complete(&f, &[0], true));
        assert_eq!(check(&f, "SE-STG", 0, "w 2\n"), right("EXT"));
        assert!(is_wrong(check(&f, "SE-STG", 0, "w\n")));
        assert_eq!(check(&f, "SE-SST", 0, "w\n"), right("EXT"));
        assert!(is_wrong(check(&f, "SE-SST", 0, "w 1\n")));
        assert_eq!(check(&f, "DC-STG", 0, "YES\nw 1\n"), right("YES"));
        assert!(is_wrong(check(&f, "DC-STG", 0, "YES\nw 2\n")));
        assert!(is_wrong(check(&f, "DC-SST", 0, "YES\nw 1\n")));
        assert_eq!(check(&f, "DS-STG", 0, "NO\nw 2\n"), right("NO"));
        assert!(is_wrong(check(&f, "DS-STG", 0, "NO\nw\n")));
        assert_eq!(check(&f, "SE-ST", 0, "NO\n"), right("NO"));
        assert!(is_wrong(check(&f, "SE-PR", 0, "NO\n")));
        assert_eq!(check(&f, "SE-ID", 0, "w\n"), right("EXT"));
        assert!(is_wrong(check(&f, "DC-CO", 0, "YES\nw 1\n")));
    }

    #[test]
    fn a_self_attacker_is_in_no_extension() {
        let f = af(1, &[(0, 0)]);
        assert_eq!(is_stage(&f, &[], later()), Some(true));
        assert_eq!(is_stage(&f, &[0], later()), Some(false));
        assert_eq!(is_semi_stable(&f, &[], later()), Some(true));
        assert!(!is_complete(&f, &[], true));
        assert_eq!(check(&f, "SE-STG", 0, "w\n"), right("EXT"));
        assert_eq!(check(&f, "DC-STG", 0, "NO\n"), right("NO"));
        assert_eq!(check(&f, "DS-STG", 0, "NO\nw\n"), right("NO"));
    }

    /// a → b, c → a, c → c: no stable extension; the stage extension {a} is not admissible
    /// (nothing defends a against c), the only complete, semi-stable and ideal extension is
    /// empty.
    #[test]
    fn stage_differs_from_stable_and_semi_stable() {
        let f = af(3, &[(0, 1), (2, 0), (2, 2)]);
        assert_eq!(is_stage(&f, &[0], later()), Some(true));
        assert_eq!(is_stage(&f, &[1], later()), Some(false));
        assert!(!is_admissible(&f, &[0]));
        assert_eq!(is_semi_stable(&f, &[], later()), Some(true));
        assert_eq!(is_semi_stable(&f, &[0], later()), Some(false));
        assert!(!is_complete(&f, &[0], true));
        assert_eq!(check(&f, "DS-STG", 1, "NO\nw 1\n"), right("NO"));
        assert_eq!(check(&f, "DC-STG", 1, "NO\n"), right("NO"));
        assert_eq!(check(&f, "SE-SST", 0, "w\n"), right("EXT"));
    }

    /// a ↔ b, b → c, c → c: preferred {a} and {b}; only {b} (range a, b, c) is semi-stable and
    /// stage, and it is stable.
    #[test]
    fn semi_stable_picks_the_larger_range() {
        let f = af(3, &[(0, 1), (1, 0), (1, 2), (2, 2)]);
        assert_eq!(is_maximal_complete(&f, &[0], later()), Some(true));
        assert_eq!(is_semi_stable(&f, &[0], later()), Some(false));
        assert_eq!(is_semi_stable(&f, &[1], later()), Some(true));
        assert_eq!(is_stage(&f, &[0], later()), Some(false));
        assert_eq!(is_stage(&f, &[1], later()), Some(true));
        assert_eq!(check(&f, "SE-PR", 0, "w 1\n"), right("EXT"));
        assert!(is_wrong(check(&f, "SE-SST", 0, "w 1\n")));
        assert_eq!(check(&f, "DS-SST", 1, "YES\n"), right("YES"));
        assert!(is_wrong(check(&f, "DS-SST", 1, "NO\nw 1\n")));
    }

    /// a ↔ b, a → c, c → c, b → d, d → d: the semi-stable (and stage) extensions {a} and {b}
    /// have incomparable ranges {a, b, c} and {a, b, d}; neither is stable.
    #[test]
    fn semi_stable_ranges_may_be_incomparable() {
        let f = af(4, &[(0, 1), (1, 0), (0, 2), (2, 2), (1, 3), (3, 3)]);
        for e in [[0], [1]] {
            assert_eq!(is_semi_stable(&f, &e, later()), Some(true));
            assert_eq!(is_stage(&f, &e, later()), Some(true));
            assert!(!is_complete(&f, &e, true));
        }
        assert_eq!(is_semi_stable(&f, &[], later()), Some(false));
        assert_eq!(check(&f, "DS-SST", 0, "NO\nw 2\n"), right("NO"));
        assert_eq!(check(&f, "SE-ST", 0, "NO\n"), right("NO"));
    }

    /// a ↔ b, a → c, b → c, c → d: d is in both preferred extensions ({a, d}, {b, d}), yet the
    /// ideal extension is empty ({d} does not defend itself).
    #[test]
    fn ideal_is_not_sceptical_preferred() {
        let f = af(4, &[(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)]);
        let c = credulous(&f, &[], later()).unwrap();
        assert_eq!(c, vec![true, true, false, true]);
        assert_eq!(ideal_from(&f, &c), Vec::<Arg>::new());
        assert_eq!(check(&f, "SE-ID", 0, "w\n"), right("EXT"));
        assert!(is_wrong(check(&f, "SE-ID", 0, "w 4\n")));
        assert_eq!(check(&f, "DS-ID", 3, "NO\nw\n"), right("NO"));
        assert!(is_wrong(check(&f, "DC-ID", 3, "YES\nw 4\n")));
        assert_eq!(check(&f, "DS-PR", 3, "YES\n"), right("YES"));
        assert!(is_wrong(check(&f, "DS-PR", 3, "NO\nw 1\n")));
    }

    /// a ↔ b, a → a, c → d: preferred {b, c} only, so the ideal extension is {b, c}, larger
    /// than the grounded {c}.
    #[test]
    fn ideal_beyond_grounded() {
        let f = af(4, &[(0, 1), (1, 0), (0, 0), (2, 3)]);
        let mut i = Instance::new(&f, Duration::from_secs(60));
        assert_eq!(i.ideal(), Some(vec![1, 2]));
        assert_eq!(i.check("SE-ID", 0, "w 2 3\n"), right("EXT"));
        assert!(is_wrong(i.check("SE-ID", 0, "w 3\n")));
        assert_eq!(i.check("DC-ID", 1, "YES\nw 2 3\n"), right("YES"));
        assert!(is_wrong(i.check("DC-ID", 1, "NO\n")));
        assert_eq!(i.check("DS-ID", 1, "YES\n"), right("YES"));
        assert!(is_wrong(i.check("DS-ID", 3, "YES\n")));
        assert_eq!(i.check("DS-ID", 3, "NO\nw 2 3\n"), right("NO"));
        // Complete, but not grounded: DS-CO is grounded acceptance.
        assert!(is_wrong(i.check("DS-CO", 1, "YES\n")));
        assert_eq!(i.check("DS-CO", 1, "NO\nw 3\n"), right("NO"));
        assert_eq!(no_accepted_attacker(&f, &[1], later()), Some(true));
        assert_eq!(no_accepted_attacker(&f, &[3], later()), Some(false));
    }

    /// The subsets of `0..n` (as sorted vectors) that satisfy `keep`.
    fn subsets(n: usize, keep: impl Fn(&[Arg]) -> bool) -> Vec<Vec<Arg>> {
        (0u32..1 << n)
            .map(|bits| {
                (0..n as Arg)
                    .filter(|&a| bits >> a & 1 == 1)
                    .collect::<Vec<_>>()
            })
            .filter(|s| keep(s))
            .collect()
    }

    fn subset(a: &[Arg], b: &[Arg]) -> bool {
        a.iter().all(|x| b.contains(x))
    }

    /// Every checker against the definitions, by brute force, on random frameworks of up to 6
    /// arguments (self-attacks included; 3 000 of them): each subset is accepted exactly when it is an
    /// extension, and the ideal extension is the largest admissible set inside every preferred
    /// extension.
    #[test]
    fn checkers_agree_with_brute_force() {
        let mut rng = argraph::semantics::random::Rng::new(22);
        for round in 0..3000 {
            let n = 1 + rng.below(6) as usize;
            let p = [0.15, 0.25, 0.4][round % 3];
            let attacks: Vec<(Arg, Arg)> = (0..n as Arg)
                .flat_map(|a| (0..n as Arg).map(move |b| (a, b)))
                .filter(|_| rng.unit() < p)
                .collect();
            let f = af(n, &attacks);
            let rng_of = |s: &[Arg]| range(&f, s).unwrap();
            let size = |r: &[bool]| r.iter().filter(|&&x| x).count();
            let strictly = |a: &[bool], b: &[bool]| {
                a.iter().zip(b).all(|(&x, &y)| !x || y) && size(a) < size(b)
            };
            let cf = subsets(n, |s| is_conflict_free(&f, s));
            let adm = subsets(n, |s| is_admissible(&f, s));
            let co = subsets(n, |s| is_complete(&f, s, false));
            let pr: Vec<Vec<Arg>> = co
                .iter()
                .filter(|s| !co.iter().any(|t| t.len() > s.len() && subset(s, t)))
                .cloned()
                .collect();
            let sst: Vec<Vec<Arg>> = co
                .iter()
                .filter(|s| !co.iter().any(|t| strictly(&rng_of(s), &rng_of(t))))
                .cloned()
                .collect();
            let stg: Vec<Vec<Arg>> = cf
                .iter()
                .filter(|s| !cf.iter().any(|t| strictly(&rng_of(s), &rng_of(t))))
                .cloned()
                .collect();
            for s in subsets(n, |_| true) {
                let what = format!("{s:?} in {attacks:?}");
                let complete = co.contains(&s);
                if complete {
                    assert_eq!(
                        is_maximal_complete(&f, &s, later()),
                        Some(pr.contains(&s)),
                        "PR {what}"
                    );
                }
                assert_eq!(
                    is_semi_stable(&f, &s, later()),
                    Some(sst.contains(&s)),
                    "SST {what}"
                );
                assert_eq!(
                    is_stage(&f, &s, later()),
                    Some(stg.contains(&s)),
                    "STG {what}"
                );
            }
            let ideal = adm
                .iter()
                .filter(|s| pr.iter().all(|e| subset(s, e)))
                .max_by_key(|s| s.len())
                .cloned()
                .unwrap_or_default();
            let g = argraph::semantics::grounded_labelling(&f).in_args();
            let c = credulous(&f, &g, later()).unwrap();
            for a in 0..n as Arg {
                let accepted = pr.iter().any(|e| e.contains(&a));
                assert_eq!(c[a as usize], accepted, "credulous {a} in {attacks:?}");
            }
            assert_eq!(ideal_from(&f, &c), ideal, "ideal of {attacks:?}");
            for s in &adm {
                let inside = pr.iter().all(|e| subset(s, e));
                assert_eq!(
                    no_accepted_attacker(&f, s, later()),
                    Some(inside),
                    "{s:?} {attacks:?}"
                );
            }
        }
    }

    #[test]
    fn answers_are_read() {
        assert_eq!(answer("w 1 3\n"), ("EXT".into(), Some(vec![0, 2])));
        assert_eq!(answer("YES\nw 2\n"), ("YES".into(), Some(vec![1])));
        assert_eq!(answer("NO\n"), ("NO".into(), None));
        assert_eq!(answer("w x\n").1, Some(vec![Arg::MAX]));
    }
}
