//! Benchmark `argraph solve` against peer ICCMA solvers on generated frameworks.
//!
//! ```text
//! cargo run --release --example iccma_bench -- gen DIR
//! cargo run --release --example iccma_bench -- run DIR ARGRAPH [NAME=COMMAND ...]
//!     [--timeout S] [--repeat N] [--problems SE-PR,DS-PR] [--max-args N]
//! cargo run --release --example iccma_bench -- grounded [N M] [--argraph ARGRAPH --write FILE]
//! ```
//!
//! `gen` writes Erdős–Rényi (about 5 attacks per argument), Barabási–Albert and Watts–Strogatz
//! frameworks of 100 to 5 000 arguments in the ICCMA 2023 format, each with a query argument
//! (`FILE.arg`, an argument the grounded semantics leaves undecided when there is one).
//!
//! `run` solves every problem on every instance with `ARGRAPH solve` and with each peer command
//! (called as `COMMAND -p P -f FILE [-a A]`, each a separate process with a time limit). Each
//! solver runs `--repeat` times in turn (argraph, peer, peer, argraph, ...) so that a burst of
//! load on the shared machine hits them alike, and the minimum wall-clock time is kept (a run
//! of 5 s or more is not repeated). Once a
//! peer times out on an instance it is skipped on the larger instances of the same family and
//! problem. Every answer is checked: the verdicts must agree and every certificate must prove
//! its answer (SE-GR: the grounded extension; SE-PR and the DS-PR counter-example: a preferred
//! extension, maximality checked with a SAT call; DC-PR: an admissible set with the query
//! argument; stable semantics: a stable extension). It prints a Markdown table per instance
//! and problem, then the geometric mean of the ratios per problem and size, and exits 1 if an
//! answer was wrong or the solvers disagreed.
//!
//! `grounded` times building a framework of `N` arguments (default 1 000 000) and `M` random
//! attacks (default 5 000 000) and its grounded labelling, once with attacks between random
//! arguments and once with attacks that all point forward (so the grounded labelling settles
//! every argument); with `--argraph` and `--write`, it also writes the latter as an ICCMA file
//! and times `ARGRAPH solve -p SE-GR` on it end to end.

use argraph::semantics::iccma::{parse_iccma23, write_iccma23};
use argraph::semantics::random::{Rng, barabasi_albert, erdos_renyi, watts_strogatz};
use argraph::semantics::{Arg, ArgumentFramework, Label, grounded_labelling};
use batsat::{BasicSolver, Lit, SolverInterface, lbool};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs at least this long (seconds) are not repeated.
const LONG: f64 = 5.0;

const USAGE: &str = "usage: iccma_bench gen DIR | run DIR ARGRAPH [NAME=COMMAND ...] [--timeout S] \
                     [--repeat N] [--problems P,Q] [--max-args N] | grounded [N M] [--argraph ARGRAPH --write FILE]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") if args.len() == 2 => generate(Path::new(&args[1])),
        Some("run") if args.len() >= 3 => run(&args[1..]),
        Some("grounded") => grounded(&args[1..]),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(true) => {}
        Ok(false) => std::process::exit(1),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

fn generate(dir: &Path) -> Result<bool, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    for (i, n) in [100usize, 200, 500, 1000, 2000, 5000]
        .into_iter()
        .enumerate()
    {
        let seed = 1000 + i as u64;
        let instances: [(&str, ArgumentFramework); 3] = [
            ("er", erdos_renyi(n, 5.0 / n as f64, seed)),
            ("ba", barabasi_albert(n, 3, seed)),
            ("ws", watts_strogatz(n, 6, 0.3, 0.3, seed)),
        ];
        for (family, af) in instances {
            let path = dir.join(format!("{family}-{n:05}.af"));
            std::fs::write(&path, write_iccma23(&af)).map_err(|e| e.to_string())?;
            let g = grounded_labelling(&af);
            let query = af
                .args()
                .find(|&a| g.labels()[a as usize] == Label::Undec)
                .unwrap_or(0);
            std::fs::write(path.with_extension("arg"), format!("{}\n", query + 1))
                .map_err(|e| e.to_string())?;
            let undec = g.labels().iter().filter(|&&l| l == Label::Undec).count();
            println!(
                "{} {} arguments, {} attacks, {undec} undecided by grounded",
                path.display(),
                af.len(),
                af.num_attacks()
            );
        }
    }
    Ok(true)
}

/// What a solver printed, or why it did not.
enum Outcome {
    Done {
        secs: f64,
        stdout: String,
    },
    Timeout,
    Failed(String),
    /// Not run: the solver timed out on a smaller instance of the same family and problem.
    Skipped,
}

impl Outcome {
    fn secs(&self) -> Option<f64> {
        match self {
            Outcome::Done { secs, .. } => Some(*secs),
            _ => None,
        }
    }
}

/// Runs `program extra...` with a time limit, measuring wall-clock time from spawn to exit.
/// Output is read on separate threads so that a large answer cannot fill the pipe and stall
/// the solver. A non-zero exit status is a failure.
fn time_command(program: &[String], extra: &[String], timeout: Duration) -> Outcome {
    let Some((exe, pre)) = program.split_first() else {
        return Outcome::Failed("empty command".into());
    };
    let start = Instant::now();
    let mut child = match Command::new(exe)
        .args(pre)
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return Outcome::Failed(format!("{exe}: {e}")),
    };
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Outcome::Timeout;
            }
            // Poll finely at first, so that millisecond runs are timed to within a few percent.
            Ok(None) => std::thread::sleep(
                (start.elapsed() / 100).clamp(Duration::from_micros(50), Duration::from_millis(5)),
            ),
            Err(e) => return Outcome::Failed(e.to_string()),
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if !status.success() {
        let last = stderr.lines().last().unwrap_or("").trim().to_string();
        return Outcome::Failed(format!("{status}: {last}"));
    }
    Outcome::Done { secs, stdout }
}

/// The verdict (`YES`, `NO`, or `EXT` for a `w` line first) and the extension of the `w` line,
/// if any, as 0-based arguments.
fn answer(stdout: &str) -> (String, Option<Vec<Arg>>) {
    let lines: Vec<&str> = stdout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let first = lines.first().copied().unwrap_or("").to_string();
    let ext = lines
        .iter()
        .find(|l| *l == &"w" || l.starts_with("w "))
        .map(|l| {
            l.split_whitespace()
                .skip(1)
                .map(|t| t.parse::<Arg>().unwrap_or(0).wrapping_sub(1))
                .collect()
        });
    let verdict = if first == "w" || first.starts_with("w ") {
        "EXT".to_string()
    } else {
        first
    };
    (verdict, ext)
}

/// `ext` as a membership vector, or `None` if it names an argument that does not exist.
fn members(af: &ArgumentFramework, ext: &[Arg]) -> Option<Vec<bool>> {
    let mut member = vec![false; af.len()];
    for &a in ext {
        *member.get_mut(a as usize)? = true;
    }
    Some(member)
}

/// What `ext` attacks.
fn attacked(af: &ArgumentFramework, member: &[bool]) -> Vec<bool> {
    let mut attacked = vec![false; af.len()];
    for a in af.args().filter(|&a| member[a as usize]) {
        for &b in af.attacked_by(a) {
            attacked[b as usize] = true;
        }
    }
    attacked
}

/// Whether `ext` is conflict-free and defends each of its members.
fn is_admissible(af: &ArgumentFramework, ext: &[Arg]) -> bool {
    let Some(member) = members(af, ext) else {
        return false;
    };
    let hit = attacked(af, &member);
    af.args()
        .filter(|&a| member[a as usize])
        .all(|a| !hit[a as usize] && af.attackers(a).iter().all(|&b| hit[b as usize]))
}

/// Whether `ext` is a complete extension (stable if `stable`) of `af`.
fn is_complete(af: &ArgumentFramework, ext: &[Arg], stable: bool) -> bool {
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

/// Whether the complete extension `ext` is preferred: no complete extension strictly contains
/// it. One SAT call on the plain complete-labelling encoding (independent of argraph's own).
fn is_maximal(af: &ArgumentFramework, ext: &[Arg]) -> bool {
    let Some(member) = members(af, ext) else {
        return false;
    };
    let mut s = BasicSolver::default();
    let inl: Vec<Lit> = af
        .args()
        .map(|_| Lit::new(s.new_var_default(), true))
        .collect();
    let outl: Vec<Lit> = af
        .args()
        .map(|_| Lit::new(s.new_var_default(), true))
        .collect();
    let mut ok = true;
    let mut add = |s: &mut BasicSolver, mut c: Vec<Lit>| ok &= s.add_clause_reuse(&mut c);
    for a in af.args() {
        let (ia, oa) = (inl[a as usize], outl[a as usize]);
        add(&mut s, vec![!ia, !oa]);
        let mut all_out = vec![ia];
        let mut some_in = vec![!oa];
        for &b in af.attackers(a) {
            let (ib, ob) = (inl[b as usize], outl[b as usize]);
            add(&mut s, vec![!ia, ob]);
            add(&mut s, vec![!ib, oa]);
            all_out.push(!ob);
            some_in.push(ib);
        }
        add(&mut s, all_out);
        add(&mut s, some_in);
        if member[a as usize] {
            add(&mut s, vec![ia]);
        }
    }
    let grow: Vec<Lit> = af
        .args()
        .filter(|&a| !member[a as usize])
        .map(|a| inl[a as usize])
        .collect();
    add(&mut s, grow);
    !(ok && s.solve_limited(&[]) == lbool::TRUE)
}

/// Checks a solver's output for `problem` on `af` (query `q`, grounded extension `grounded`)
/// and returns its verdict, or why the answer is wrong.
fn check(
    af: &ArgumentFramework,
    problem: &str,
    q: Arg,
    grounded: &[Arg],
    stdout: &str,
) -> Result<String, String> {
    let (verdict, ext) = answer(stdout);
    let (kind, sem) = problem.split_once('-').unwrap_or((problem, ""));
    let sorted = |e: &[Arg]| {
        let mut e = e.to_vec();
        e.sort_unstable();
        e
    };
    // Whether `e` is an extension of the semantics (`admissible_ok`: an admissible set will do).
    let valid = |e: &[Arg], admissible_ok: bool| match sem {
        "GR" => sorted(e) == grounded,
        "ST" => is_complete(af, e, true),
        "CO" if admissible_ok => is_admissible(af, e),
        "CO" => is_complete(af, e, false),
        "PR" if admissible_ok => is_admissible(af, e),
        "PR" => is_complete(af, e, false) && is_maximal(af, e),
        _ => true,
    };
    match (kind, verdict.as_str(), &ext) {
        ("SE", "EXT", Some(e)) if valid(e, false) => Ok(verdict),
        ("SE", "EXT", Some(_)) => Err(format!("the extension is not {sem}")),
        ("SE", "NO", _) if sem == "ST" => Ok(verdict),
        ("DC", "YES", Some(e)) if e.contains(&q) && valid(e, true) => Ok(verdict),
        ("DC", "YES", _) => Err("no witness with the query argument".into()),
        ("DC", "NO", _) | ("DS", "YES", _) => Ok(verdict),
        ("DS", "NO", Some(e)) if !e.contains(&q) && valid(e, false) => Ok(verdict),
        ("DS", "NO", _) => Err("no counter-example without the query argument".into()),
        _ => Err(format!("unexpected answer `{}`", stdout.trim())),
    }
}

/// The current 1-minute load average, for the record.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// The result of one instance and problem: argraph's outcome and each peer's.
struct Row {
    family: String,
    n: usize,
    problem: String,
    ours: Outcome,
    peers: Vec<Outcome>,
}

fn run(args: &[String]) -> Result<bool, String> {
    let dir = PathBuf::from(&args[0]);
    let mut solvers: Vec<(String, Vec<String>)> =
        vec![("argraph".into(), vec![args[1].clone(), "solve".into()])];
    let mut timeout = Duration::from_secs(60);
    let mut repeat = 3usize;
    let mut max_args = usize::MAX;
    let mut problems: Vec<String> = [
        "SE-GR", "SE-PR", "SE-ST", "DC-PR", "DS-PR", "DC-ST", "DS-ST",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rest = args[2..].iter();
    while let Some(a) = rest.next() {
        let mut value = |what: &str| rest.next().ok_or(format!("{a} needs {what}"));
        match a.as_str() {
            "--timeout" => {
                let s = value("seconds")?;
                timeout = Duration::from_secs_f64(s.parse().map_err(|_| "bad --timeout")?);
            }
            "--repeat" => repeat = value("a count")?.parse().map_err(|_| "bad --repeat")?,
            "--max-args" => max_args = value("a count")?.parse().map_err(|_| "bad --max-args")?,
            "--problems" => problems = value("a list")?.split(',').map(str::to_string).collect(),
            _ => match a.split_once('=') {
                Some((name, cmd)) => solvers.push((
                    name.to_string(),
                    cmd.split_whitespace().map(str::to_string).collect(),
                )),
                None => return Err(format!("unexpected `{a}`\n{USAGE}")),
            },
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "af"))
        .collect();
    files.sort();
    let t = timeout.as_secs_f64();
    let fmt = |o: &Outcome| match o {
        Outcome::Done { secs, .. } => format!("{secs:.3}"),
        Outcome::Timeout => format!("> {t:.0}"),
        Outcome::Failed(e) => format!("error: {e}"),
        Outcome::Skipped => "skipped".into(),
    };
    println!(
        "load average at start: {} (timeout {t:.0} s, minimum of {repeat} runs)\n",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    print!("| instance | args | attacks | problem | load | argraph (s) |");
    for (name, _) in &solvers[1..] {
        print!(" {name} (s) | {name} / argraph |");
    }
    println!(" agree |");
    print!("|---|---:|---:|---|---:|---:|");
    for _ in &solvers[1..] {
        print!("---:|---:|");
    }
    println!("---|");
    let mut all_ok = true;
    let mut rows: Vec<Row> = Vec::new();
    // (solver, family, problem) that timed out: skipped on larger instances.
    let mut gave_up: HashSet<(usize, String, String)> = HashSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
        let af = parse_iccma23(&text)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .af;
        if af.len() > max_args {
            continue;
        }
        let grounded = grounded_labelling(&af).in_args();
        let query =
            std::fs::read_to_string(file.with_extension("arg")).unwrap_or_else(|_| "1".into());
        let query = query.trim().to_string();
        let q: Arg = query.parse::<Arg>().unwrap_or(1).saturating_sub(1);
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        let family = name.split('-').next().unwrap_or("?").to_string();
        for problem in &problems {
            let mut extra = vec![
                "-p".to_string(),
                problem.clone(),
                "-f".to_string(),
                file.display().to_string(),
            ];
            if !problem.starts_with("SE") {
                extra.push("-a".into());
                extra.push(query.clone());
            }
            let mut outcomes: Vec<Outcome> = (0..solvers.len())
                .map(|i| {
                    if gave_up.contains(&(i, family.clone(), problem.clone())) {
                        Outcome::Skipped
                    } else {
                        Outcome::Failed("not run".into())
                    }
                })
                .collect();
            let load_before = load();
            for round in 0..repeat {
                for (i, (_, cmd)) in solvers.iter().enumerate() {
                    let runs = match &outcomes[i] {
                        Outcome::Skipped | Outcome::Timeout => false,
                        Outcome::Failed(_) => round == 0,
                        // A long run is timed once: the noise is small beside it.
                        Outcome::Done { secs, .. } => *secs < LONG,
                    };
                    if !runs {
                        continue;
                    }
                    let o = time_command(cmd, &extra, timeout);
                    outcomes[i] = match (std::mem::replace(&mut outcomes[i], Outcome::Skipped), o) {
                        (Outcome::Done { secs: a, stdout }, Outcome::Done { secs: b, .. }) => {
                            Outcome::Done {
                                secs: a.min(b),
                                stdout,
                            }
                        }
                        // A later run failing or timing out after a success: keep the success.
                        (done @ Outcome::Done { .. }, _) => done,
                        (_, o) => o,
                    };
                }
            }
            let mut verdicts = Vec::new();
            let mut problems_seen = Vec::new();
            for (i, o) in outcomes.iter().enumerate() {
                match o {
                    Outcome::Done { stdout, .. } => match check(&af, problem, q, &grounded, stdout)
                    {
                        Ok(v) => verdicts.push(v),
                        Err(e) => problems_seen.push(format!("{} wrong: {e}", solvers[i].0)),
                    },
                    Outcome::Timeout => {
                        gave_up.insert((i, family.clone(), problem.clone()));
                    }
                    Outcome::Failed(e) => {
                        problems_seen.push(format!("{} failed: {e}", solvers[i].0))
                    }
                    Outcome::Skipped => {}
                }
            }
            if verdicts.windows(2).any(|w| w[0] != w[1]) {
                problems_seen.push(format!("verdicts differ: {}", verdicts.join(" / ")));
            }
            all_ok &= problems_seen.is_empty();
            print!(
                "| {name} | {} | {} | {problem} | {load_before} | {} |",
                af.len(),
                af.num_attacks(),
                fmt(&outcomes[0])
            );
            for theirs in &outcomes[1..] {
                print!(" {} | {} |", fmt(theirs), ratio(&outcomes[0], theirs, t));
            }
            let agree = if problems_seen.is_empty() {
                format!("yes ({})", verdicts.first().map_or("–", String::as_str))
            } else {
                format!("NO: {}", problems_seen.join("; "))
            };
            println!(" {agree} |");
            let mut it = outcomes.into_iter();
            let ours = it.next().unwrap_or(Outcome::Skipped);
            rows.push(Row {
                family: family.clone(),
                n: af.len(),
                problem: problem.clone(),
                ours,
                peers: it.collect(),
            });
        }
    }
    println!(
        "\nload average at end: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    summary(&rows, &solvers[1..], &problems, t);
    Ok(all_ok)
}

/// The ratio cell: peer time / argraph time, a lower bound when the peer timed out.
fn ratio(ours: &Outcome, theirs: &Outcome, timeout: f64) -> String {
    let Some(a) = ours.secs() else {
        return "–".into();
    };
    let show = |r: f64| {
        if r >= 100.0 {
            format!("{r:.0}")
        } else {
            format!("{r:.1}")
        }
    };
    match theirs {
        Outcome::Done { secs, .. } => show(secs / a),
        Outcome::Timeout => format!("> {}", show(timeout / a)),
        _ => "–".into(),
    }
}

/// Per problem and size: the geometric mean, over the families, of each peer's ratio (where both
/// finished), and the families on which argraph finished and the peer timed out or was skipped.
fn summary(rows: &[Row], peers: &[(String, Vec<String>)], problems: &[String], timeout: f64) {
    if peers.is_empty() {
        return;
    }
    println!("\nGeometric mean over the families of peer time / argraph time:\n");
    print!("| problem | args |");
    for (name, _) in peers {
        print!(" {name} / argraph |");
    }
    println!();
    print!("|---|---:|");
    for _ in peers {
        print!("---:|");
    }
    println!();
    let mut sizes: Vec<usize> = rows.iter().map(|r| r.n).collect();
    sizes.sort_unstable();
    sizes.dedup();
    for problem in problems {
        for &n in &sizes {
            let here: Vec<&Row> = rows
                .iter()
                .filter(|r| &r.problem == problem && r.n == n)
                .collect();
            if here.is_empty() {
                continue;
            }
            print!("| {problem} | {n} |");
            for p in 0..peers.len() {
                let mut logs = Vec::new();
                let mut slow = Vec::new();
                for r in &here {
                    match (&r.ours, &r.peers[p]) {
                        (Outcome::Done { secs: a, .. }, Outcome::Done { secs: b, .. }) => {
                            logs.push((b / a).ln());
                        }
                        // Where argraph timed out too, there is no ratio to report.
                        (Outcome::Done { .. }, Outcome::Timeout | Outcome::Skipped) => {
                            slow.push(r.family.as_str());
                        }
                        _ => {}
                    }
                }
                let mut cell = if logs.is_empty() {
                    "–".to_string()
                } else {
                    let g = (logs.iter().sum::<f64>() / logs.len() as f64).exp();
                    if g >= 100.0 {
                        format!("{g:.0}")
                    } else {
                        format!("{g:.1}")
                    }
                };
                if !slow.is_empty() {
                    cell.push_str(&format!(" (> {timeout:.0} s on {})", slow.join(", ")));
                }
                print!(" {cell} |");
            }
            println!();
        }
    }
}

/// Minimum of three timings of `f`, in seconds, with its last result.
fn min_of_3<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..3 {
        let start = Instant::now();
        let r = f();
        best = best.min(start.elapsed().as_secs_f64());
        result = Some(r);
    }
    match result {
        Some(r) => (best, r),
        None => unreachable!("three runs"),
    }
}

fn grounded(args: &[String]) -> Result<bool, String> {
    let mut numbers = Vec::new();
    let mut argraph = None;
    let mut write = None;
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--argraph" => argraph = Some(rest.next().ok_or("--argraph needs a path")?.clone()),
            "--write" => write = Some(PathBuf::from(rest.next().ok_or("--write needs a path")?)),
            _ => numbers.push(
                a.parse::<usize>()
                    .map_err(|_| format!("bad number `{a}`"))?,
            ),
        }
    }
    let (n, m) = match numbers[..] {
        [] => (1_000_000, 5_000_000),
        [n, m] if n >= 2 => (n, m),
        _ => return Err(USAGE.into()),
    };
    println!(
        "load average at start: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let mut rng = Rng::new(42);
    let random: Vec<(Arg, Arg)> = (0..m)
        .map(|_| (rng.below(n as u64) as Arg, rng.below(n as u64) as Arg))
        .collect();
    let forward: Vec<(Arg, Arg)> = (0..m)
        .map(|_| {
            let a = rng.below(n as u64 - 1);
            let b = a + 1 + rng.below(n as u64 - 1 - a);
            (a as Arg, b as Arg)
        })
        .collect();
    let mut last = None;
    for (what, attacks) in [("random", &random), ("forward", &forward)] {
        let (build, af) = min_of_3(|| ArgumentFramework::new(n, attacks));
        let af = af.map_err(|e| e.to_string())?;
        let (secs, g) = min_of_3(|| grounded_labelling(&af));
        let count = |l: Label| g.labels().iter().filter(|&&x| x == l).count();
        println!(
            "{what}: {n} arguments, {} attacks: build {build:.3} s, grounded {secs:.3} s \
             (IN {}, OUT {}, UNDEC {}; minimum of 3)",
            af.num_attacks(),
            count(Label::In),
            count(Label::Out),
            count(Label::Undec)
        );
        last = Some(af);
    }
    if let (Some(argraph), Some(path), Some(af)) = (argraph, write, last) {
        let text = write_iccma23(&af);
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        let extra = [
            "-p".to_string(),
            "SE-GR".to_string(),
            "-f".to_string(),
            path.display().to_string(),
        ];
        let cmd = [argraph, "solve".to_string()];
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            match time_command(&cmd, &extra, Duration::from_secs(120)) {
                Outcome::Done { secs, .. } => best = best.min(secs),
                Outcome::Timeout => return Err("argraph solve timed out".into()),
                Outcome::Failed(e) => return Err(e),
                Outcome::Skipped => return Err("argraph solve was not run".into()),
            }
        }
        println!(
            "argraph solve -p SE-GR on the forward framework ({:.0} MB file): {best:.3} s \
             (end to end: read, parse, build, solve, print; minimum of 3)",
            text.len() as f64 / 1e6
        );
    }
    println!(
        "load average at end: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    Ok(true)
}
