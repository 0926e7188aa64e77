//! Benchmark `argraph solve` against peer ICCMA solvers on generated frameworks.
//!
//! ```text
//! cargo run --release --example iccma_bench -- gen DIR
//! cargo run --release --example iccma_bench -- run DIR ARGRAPH [NAME=COMMAND ...]
//!     [--timeout S] [--repeat N] [--problems SE-PR,DS-PR] [--families er4,ba] [--max-args N]
//!     [--quick] [--check-timeout S] [--markdown FILE]
//! cargo run --release --example iccma_bench -- grounded [N M] [--argraph ARGRAPH --write FILE]
//! ```
//!
//! `gen` writes the instances of `families.rs` in the ICCMA 2023 format (`FAMILY-NNNNN.af`:
//! family and number of arguments), each with a query argument (`FILE.arg`, the first
//! argument the grounded semantics leaves undecided, the first argument when there is none).
//!
//! `run` solves every problem on every instance (the ICCMA 2023 main-track problems, SE, DC and
//! DS of CO, PR, ST, SST, STG and ID, and SE-GR, unless `--problems` says otherwise) with
//! `ARGRAPH solve` and with each peer command (called as `COMMAND -p P -f FILE [-a A]`, each a
//! separate process with a time limit). Each solver runs `--repeat` times in turn (argraph,
//! peer, argraph, peer, ...) so that a burst of load on the shared machine hits them alike, and
//! the median wall-clock time is kept (a run of 5 s or more is not repeated). Once a solver
//! times out on an instance it is skipped on the larger instances of the same family and
//! problem (and counted as timed out there). Every answer is checked (`check.rs`): the verdicts
//! of the solvers that finished must agree and every certificate must prove its answer.
//!
//! It prints one Markdown row per instance and problem, then a table per problem and family
//! (geometric mean of each peer's time / argraph's time, and the timeouts), and one line per
//! peer with the overall geometric mean, the worst ratio, and the pairs argraph did not finish
//! and the peer did; `--markdown FILE` writes that summary to a file too. It exits 1 if an
//! answer was wrong, the solvers disagreed, or a solver failed (other than by timing out).
//!
//! `grounded` times building a framework of `N` arguments (default 1 000 000) and `M` random
//! attacks (default 5 000 000) and its grounded labelling, once with attacks between random
//! arguments and once with attacks that all point forward (so the grounded labelling settles
//! every argument); with `--argraph` and `--write`, it also writes the latter as an ICCMA file
//! and times `ARGRAPH solve -p SE-GR` on it end to end.

mod check;
mod families;

use argraph::atomic::write_atomic;
use argraph::semantics::iccma::{parse_iccma23, write_iccma23};
use argraph::semantics::random::Rng;
use argraph::semantics::{Arg, ArgumentFramework, Label, grounded_labelling};
use check::{Checked, Instance};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs at least this long (seconds) are not repeated.
const LONG: f64 = 5.0;

/// The default problems: ICCMA 2023's main track, and SE-GR.
const PROBLEMS: [&str; 19] = [
    "SE-GR", "SE-CO", "DC-CO", "DS-CO", "SE-PR", "DC-PR", "DS-PR", "SE-ST", "DC-ST", "DS-ST",
    "SE-SST", "DC-SST", "DS-SST", "SE-STG", "DC-STG", "DS-STG", "SE-ID", "DC-ID", "DS-ID",
];

const USAGE: &str = "usage: iccma_bench gen DIR | run DIR ARGRAPH [NAME=COMMAND ...] [--timeout S] \
                     [--repeat N] [--problems P,Q] [--families F,G] [--max-args N] [--quick] \
                     [--check-timeout S] [--markdown FILE] | grounded [N M] [--argraph ARGRAPH --write FILE]";

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
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for spec in families::all() {
        let af = spec.build();
        let path = dir.join(format!("{}.af", spec.stem()));
        let write = |p: &Path, text: &str| {
            write_atomic(p, text.as_bytes()).map_err(|e| format!("{}: {e}", p.display()))
        };
        write(&path, &write_iccma23(&af))?;
        let g = grounded_labelling(&af);
        let query = af
            .args()
            .find(|&a| g.labels()[a as usize] == Label::Undec)
            .unwrap_or(0);
        write(&path.with_extension("arg"), &format!("{}\n", query + 1))?;
        let undec = g.labels().iter().filter(|&&l| l == Label::Undec).count();
        println!(
            "{} {} arguments, {} attacks, {undec} undecided by grounded",
            path.display(),
            af.len(),
            af.num_attacks()
        );
    }
    Ok(true)
}

/// What a solver printed, or why it did not.
enum Outcome {
    /// Finished: the wall-clock time of each run, and the first run's output.
    Done {
        times: Vec<f64>,
        stdout: String,
    },
    Timeout,
    Failed(String),
    /// Not run: the solver timed out on a smaller instance of the same family and problem.
    Skipped,
}

impl Outcome {
    /// The median time, if the solver finished.
    fn secs(&self) -> Option<f64> {
        match self {
            Outcome::Done { times, .. } => Some(median(times)),
            _ => None,
        }
    }

    /// Timed out here or on a smaller instance of the family.
    fn out_of_time(&self) -> bool {
        matches!(self, Outcome::Timeout | Outcome::Skipped)
    }
}

/// The median of `xs` (the mean of the middle two for an even count; 0 for none).
fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
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
        let first = stderr
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let first: String = first.replace('|', "/").chars().take(70).collect();
        return Outcome::Failed(format!("{status}: {first}"));
    }
    Outcome::Done {
        times: vec![secs],
        stdout,
    }
}

/// The current 1-minute load average, for the record.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The result of one instance and problem: argraph's outcome and each peer's.
struct Row {
    instance: String,
    family: String,
    problem: String,
    ours: Outcome,
    peers: Vec<Outcome>,
    /// Something is wrong: a wrong answer, a disagreement or a failure.
    bad: bool,
}

/// An instance file, with the family and size its name gives.
struct File {
    path: PathBuf,
    stem: String,
    family: String,
    n: usize,
}

/// The `.af` files of `dir`, grouped by family and smallest first within each.
fn instance_files(dir: &Path) -> Result<Vec<File>, String> {
    let mut files: Vec<File> = std::fs::read_dir(dir)
        .map_err(|e| {
            format!(
                "{}: {e} (run `iccma_bench gen {}` first)",
                dir.display(),
                dir.display()
            )
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "af"))
        .map(|path| {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("?")
                .to_string();
            let (family, n) = match stem.rsplit_once('-') {
                Some((f, n)) if n.parse::<usize>().is_ok() => {
                    (f.to_string(), n.parse().unwrap_or(0))
                }
                _ => (stem.clone(), 0),
            };
            File {
                path,
                stem,
                family,
                n,
            }
        })
        .collect();
    files.sort_by(|a, b| (&a.family, a.n, &a.stem).cmp(&(&b.family, b.n, &b.stem)));
    // Only what `gen` writes: not the 1 000 000-argument file of `grounded`, nor instances of
    // an older version of this benchmark left in the directory.
    let known: HashSet<String> = families::all().iter().map(|s| s.stem()).collect();
    let (files, other): (Vec<File>, Vec<File>) =
        files.into_iter().partition(|f| known.contains(&f.stem));
    if !other.is_empty() {
        let names: Vec<&str> = other.iter().map(|f| f.stem.as_str()).collect();
        println!(
            "not instances of this benchmark, left out: {}",
            names.join(", ")
        );
    }
    if files.len() < known.len() {
        println!(
            "{} of the benchmark's {} instances are in {} (`iccma_bench gen` writes them all)",
            files.len(),
            known.len(),
            dir.display()
        );
    }
    Ok(files)
}

/// The settings of `run`.
struct Settings {
    dir: PathBuf,
    solvers: Vec<(String, Vec<String>)>,
    timeout: Duration,
    check_timeout: Option<Duration>,
    repeat: usize,
    max_args: usize,
    quick: bool,
    problems: Vec<String>,
    families: Option<Vec<String>>,
    markdown: Option<PathBuf>,
}

fn settings(args: &[String]) -> Result<Settings, String> {
    let mut s = Settings {
        dir: PathBuf::from(&args[0]),
        solvers: vec![("argraph".into(), vec![args[1].clone(), "solve".into()])],
        timeout: Duration::from_secs(60),
        check_timeout: None,
        repeat: 3,
        max_args: usize::MAX,
        quick: false,
        problems: PROBLEMS.iter().map(|s| s.to_string()).collect(),
        families: None,
        markdown: None,
    };
    let list = |v: &str| {
        v.split(',')
            .map(|x| x.trim().to_string())
            .collect::<Vec<_>>()
    };
    let secs = |v: &str, what: &str| {
        v.parse::<f64>()
            .ok()
            .filter(|x| *x > 0.0 && x.is_finite())
            .map(Duration::from_secs_f64)
            .ok_or(format!("bad {what} `{v}` (expected seconds, e.g. 10)"))
    };
    let mut rest = args[2..].iter();
    while let Some(a) = rest.next() {
        let mut value = |what: &str| rest.next().ok_or(format!("{a} needs {what}"));
        match a.as_str() {
            "--timeout" => s.timeout = secs(value("seconds")?, "--timeout")?,
            "--check-timeout" => {
                s.check_timeout = Some(secs(value("seconds")?, "--check-timeout")?)
            }
            "--repeat" => {
                s.repeat = value("a count")?
                    .parse()
                    .ok()
                    .filter(|&r| r > 0)
                    .ok_or("bad --repeat (expected a count of at least 1)")?
            }
            "--max-args" => {
                s.max_args = value("a count")?
                    .parse()
                    .map_err(|_| "bad --max-args (expected a count)")?
            }
            "--problems" => s.problems = list(value("a list")?),
            "--families" => s.families = Some(list(value("a list")?)),
            "--markdown" => s.markdown = Some(PathBuf::from(value("a file")?)),
            "--quick" => s.quick = true,
            _ => match a.split_once('=') {
                Some((name, cmd)) => s.solvers.push((
                    name.to_string(),
                    cmd.split_whitespace().map(str::to_string).collect(),
                )),
                None => return Err(format!("unexpected `{a}`\n{USAGE}")),
            },
        }
    }
    for p in &s.problems {
        let ok = p
            .split_once('-')
            .is_some_and(|(k, sem)| ["SE", "DC", "DS"].contains(&k) && !sem.is_empty());
        if !ok {
            return Err(format!(
                "bad problem `{p}` in --problems (e.g. SE-PR,DS-STG)"
            ));
        }
    }
    Ok(s)
}

fn run(args: &[String]) -> Result<bool, String> {
    let started = Instant::now();
    let s = settings(args)?;
    // Peers whose command is missing (e.g. pygarg not installed) are left out, said once.
    let mut solvers = Vec::new();
    for (i, (name, cmd)) in s.solvers.iter().enumerate() {
        let missing = cmd
            .first()
            .is_none_or(|exe| exe.contains('/') && !Path::new(exe).exists());
        if i > 0 && missing {
            println!("{name}: `{}` not found, left out", cmd.join(" "));
        } else {
            solvers.push((name.clone(), cmd.clone()));
        }
    }
    let files: Vec<File> = instance_files(&s.dir)?
        .into_iter()
        .filter(|f| s.families.as_ref().is_none_or(|fs| fs.contains(&f.family)))
        .filter(|f| !s.quick || families::quick(&f.family, f.n))
        .filter(|f| f.n <= s.max_args)
        .collect();
    if let Some(wanted) = &s.families {
        for f in wanted
            .iter()
            .filter(|f| !files.iter().any(|x| &x.family == *f))
        {
            println!(
                "--families: no instance of `{f}` (families: see examples/iccma_bench/families.rs)"
            );
        }
    }
    let t = s.timeout.as_secs_f64();
    let check_budget = s.check_timeout.unwrap_or(s.timeout);
    let fmt = |o: &Outcome| match o {
        Outcome::Done { times, .. } => format!("{:.3}", median(times)),
        Outcome::Timeout => format!("> {t:.0}"),
        Outcome::Failed(_) => "error".into(),
        Outcome::Skipped => "skipped".into(),
    };
    let load_start = loadavg();
    println!(
        "load average at start: {load_start} (timeout {t:.0} s, median of {} runs, {} instances, {} problems)\n",
        s.repeat,
        files.len(),
        s.problems.len()
    );
    print!("| instance | family | args | attacks | problem | load | argraph (s) |");
    for (name, _) in &solvers[1..] {
        print!(" {name} (s) | {name} / argraph |");
    }
    println!(" agree |");
    print!("|---|---|---:|---:|---|---:|---:|");
    for _ in &solvers[1..] {
        print!("---:|---:|");
    }
    println!("---|");
    let mut rows: Vec<Row> = Vec::new();
    let mut unverified: Vec<String> = Vec::new();
    // (solver, family, problem) that timed out: skipped on larger instances.
    let mut gave_up: HashSet<(usize, String, String)> = HashSet::new();
    for file in &files {
        let text = std::fs::read_to_string(&file.path)
            .map_err(|e| format!("{}: {e}", file.path.display()))?;
        let af: ArgumentFramework = parse_iccma23(&text)
            .map_err(|e| format!("{}:{e}", file.path.display()))?
            .af;
        if af.len() > s.max_args {
            continue;
        }
        let query = std::fs::read_to_string(file.path.with_extension("arg"))
            .unwrap_or_else(|_| "1".into())
            .trim()
            .to_string();
        let q: Arg = query.parse::<Arg>().unwrap_or(1).saturating_sub(1);
        let mut instance = Instance::new(&af, check_budget);
        for problem in &s.problems {
            let mut extra = vec![
                "-p".to_string(),
                problem.clone(),
                "-f".to_string(),
                file.path.display().to_string(),
            ];
            if !problem.starts_with("SE") {
                extra.push("-a".into());
                extra.push(query.clone());
            }
            let mut outcomes: Vec<Outcome> = (0..solvers.len())
                .map(|i| {
                    if gave_up.contains(&(i, file.family.clone(), problem.clone())) {
                        Outcome::Skipped
                    } else {
                        Outcome::Failed("not run".into())
                    }
                })
                .collect();
            let load_before = load();
            for round in 0..s.repeat {
                for (i, (_, cmd)) in solvers.iter().enumerate() {
                    let runs = match &outcomes[i] {
                        Outcome::Skipped | Outcome::Timeout => false,
                        Outcome::Failed(_) => round == 0,
                        // A long run is timed once: the noise is small beside it.
                        Outcome::Done { times, .. } => times[0] < LONG,
                    };
                    if !runs {
                        continue;
                    }
                    let o = time_command(cmd, &extra, s.timeout);
                    outcomes[i] = match (std::mem::replace(&mut outcomes[i], Outcome::Skipped), o) {
                        (Outcome::Done { mut times, stdout }, Outcome::Done { times: t2, .. }) => {
                            times.extend(t2);
                            Outcome::Done { times, stdout }
                        }
                        // A later run failing or timing out after a success: keep the success.
                        (done @ Outcome::Done { .. }, _) => done,
                        (_, o) => o,
                    };
                }
            }
            let mut verdicts: Vec<(usize, String)> = Vec::new();
            let mut certificates: Vec<(usize, Vec<Arg>)> = Vec::new();
            let mut issues = Vec::new();
            let mut notes = Vec::new();
            for (i, o) in outcomes.iter().enumerate() {
                let name = &solvers[i].0;
                match o {
                    Outcome::Done { stdout, .. } => {
                        match instance.check(problem, q, stdout) {
                            Checked::Right(v) => verdicts.push((i, v)),
                            Checked::Wrong(e) => issues.push(format!("{name} wrong: {e}")),
                            Checked::Unverified(v, what) => {
                                notes.push(format!("{name}: {what} unverified"));
                                unverified.push(format!("{} {problem} ({name})", file.stem));
                                verdicts.push((i, v));
                            }
                        }
                        // The ideal extension is unique: every solver's must be the same.
                        if problem.ends_with("-ID") {
                            if let Some(mut e) = check::answer(stdout).1 {
                                e.sort_unstable();
                                certificates.push((i, e));
                            }
                        }
                    }
                    Outcome::Timeout => {
                        gave_up.insert((i, file.family.clone(), problem.clone()));
                    }
                    Outcome::Failed(e) => issues.push(format!("{name} failed: {e}")),
                    Outcome::Skipped => {}
                }
            }
            if verdicts.windows(2).any(|w| w[0].1 != w[1].1) {
                let all: Vec<String> = verdicts
                    .iter()
                    .map(|(i, v)| format!("{} {v}", solvers[*i].0))
                    .collect();
                issues.push(format!("verdicts differ: {}", all.join(" / ")));
            }
            if certificates.windows(2).any(|w| w[0].1 != w[1].1) {
                issues.push("the solvers' ideal extensions differ".into());
            }
            print!(
                "| {} | {} | {} | {} | {problem} | {load_before} | {} |",
                file.stem,
                file.family,
                af.len(),
                af.num_attacks(),
                fmt(&outcomes[0])
            );
            for theirs in &outcomes[1..] {
                print!(" {} | {} |", fmt(theirs), ratio(&outcomes[0], theirs, t));
            }
            let agree = if !issues.is_empty() {
                format!("NO: {}", issues.join("; "))
            } else if verdicts.is_empty() {
                "–".to_string()
            } else {
                let mut cell = format!("yes ({})", verdicts[0].1);
                if !notes.is_empty() {
                    cell.push_str(&format!(" ({})", notes.join("; ")));
                }
                cell
            };
            println!(" {agree} |");
            let mut it = outcomes.into_iter();
            let ours = it.next().unwrap_or(Outcome::Skipped);
            rows.push(Row {
                instance: file.stem.clone(),
                family: file.family.clone(),
                problem: problem.clone(),
                ours,
                peers: it.collect(),
                bad: !issues.is_empty(),
            });
        }
    }
    let conditions = format!(
        "{} instances, {} problems, timeout {t:.0} s, median of {} runs; 1-, 5- and 15-minute \
         load averages {} at the start and {} at the end; the run took {:.1} min.",
        files.len(),
        s.problems.len(),
        s.repeat,
        load_start
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" / "),
        loadavg()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" / "),
        started.elapsed().as_secs_f64() / 60.0
    );
    println!("\n{conditions}");
    let text = format!(
        "{conditions}\n\n{}",
        summary(&rows, &solvers[1..], &s.problems, t, &unverified)
    );
    println!("\n{text}");
    if let Some(path) = &s.markdown {
        write_atomic(path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("summary written to {}", path.display());
    }
    Ok(!rows.iter().any(|r| r.bad))
}

/// A ratio for display: no decimals from 100 on.
fn show(r: f64) -> String {
    if r >= 100.0 {
        format!("{r:.0}")
    } else if r >= 0.1 {
        format!("{r:.2}")
    } else {
        format!("{r:.3}")
    }
}

/// The ratio cell: peer time / argraph time, a bound when one of them timed out.
fn ratio(ours: &Outcome, theirs: &Outcome, timeout: f64) -> String {
    match (ours.secs(), theirs) {
        (Some(a), Outcome::Done { .. }) => show(theirs.secs().unwrap_or(0.0) / a),
        (Some(a), Outcome::Timeout) => format!("> {}", show(timeout / a)),
        (None, Outcome::Done { .. }) if ours.out_of_time() => {
            format!("< {}", show(theirs.secs().unwrap_or(0.0) / timeout))
        }
        _ => "–".into(),
    }
}

/// The geometric mean of `exp(logs)`, shown, or `–` for none.
fn geomean(logs: &[f64]) -> String {
    if logs.is_empty() {
        "–".into()
    } else {
        show((logs.iter().sum::<f64>() / logs.len() as f64).exp())
    }
}

/// The summary, in Markdown: per problem and family, the geometric mean over the family's
/// instances of each peer's time / argraph's time where both finished, and how many instances
/// each solver did not finish in time; then per peer the overall geometric mean, the worst
/// ratio, and where argraph ran out of time or failed and the peer did not.
fn summary(
    rows: &[Row],
    peers: &[(String, Vec<String>)],
    problems: &[String],
    timeout: f64,
    unverified: &[String],
) -> String {
    let mut out = String::new();
    let mut families: Vec<&str> = rows.iter().map(|r| r.family.as_str()).collect();
    families.sort_unstable();
    families.dedup();
    let _ = writeln!(
        out,
        "Per problem and family: geometric mean over the instances of peer time / argraph time \
         (above 1: argraph is faster; where both finished), and the instances each solver did \
         not finish in {timeout:.0} s (timed out, or skipped after timing out on a smaller one):\n"
    );
    out.push_str("| problem | family | instances | argraph > T |");
    for (name, _) in peers {
        let _ = write!(out, " {name} / argraph | {name} > T |");
    }
    out.push_str("\n|---|---|---:|---:|");
    for _ in peers {
        out.push_str("---:|---:|");
    }
    out.push('\n');
    for problem in problems {
        for family in &families {
            let here: Vec<&Row> = rows
                .iter()
                .filter(|r| &r.problem == problem && r.family == *family)
                .collect();
            if here.is_empty() {
                continue;
            }
            let ours_out = here.iter().filter(|r| r.ours.out_of_time()).count();
            let _ = write!(
                out,
                "| {problem} | {family} | {} | {ours_out} |",
                here.len()
            );
            for p in 0..peers.len() {
                let logs: Vec<f64> = here
                    .iter()
                    .filter_map(|r| Some((r.peers[p].secs()? / r.ours.secs()?).ln()))
                    .collect();
                let theirs_out = here.iter().filter(|r| r.peers[p].out_of_time()).count();
                let _ = write!(out, " {} | {theirs_out} |", geomean(&logs));
            }
            out.push('\n');
        }
    }
    out.push('\n');
    for (p, (name, _)) in peers.iter().enumerate() {
        let both: Vec<(&Row, f64)> = rows
            .iter()
            .filter_map(|r| Some((r, r.peers[p].secs()? / r.ours.secs()?)))
            .collect();
        let logs: Vec<f64> = both.iter().map(|(_, x)| x.ln()).collect();
        let _ = write!(
            out,
            "**{name} / argraph: geometric mean {} over the {} instance–problem pairs both finished",
            geomean(&logs),
            both.len()
        );
        if let Some((r, x)) = both.iter().min_by(|a, b| a.1.total_cmp(&b.1)) {
            let _ = write!(
                out,
                "; worst {} on {} {} (argraph {:.3} s, {name} {:.3} s)",
                show(*x),
                r.instance,
                r.problem,
                r.ours.secs().unwrap_or(0.0),
                r.peers[p].secs().unwrap_or(0.0)
            );
        }
        out.push_str(".**\n\n");
        let lost: Vec<String> = rows
            .iter()
            .filter(|r| r.ours.out_of_time() && r.peers[p].secs().is_some())
            .map(|r| {
                format!(
                    "{} {} ({name} {:.3} s)",
                    r.instance,
                    r.problem,
                    r.peers[p].secs().unwrap_or(0.0)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "argraph out of time where {name} finished ({}): {}\n",
            lost.len(),
            if lost.is_empty() {
                "none".into()
            } else {
                lost.join(", ")
            }
        );
        let won = rows
            .iter()
            .filter(|r| r.peers[p].out_of_time() && r.ours.secs().is_some())
            .count();
        let _ = writeln!(out, "{name} out of time where argraph finished: {won}\n");
    }
    let failed: Vec<String> = rows
        .iter()
        .filter(|r| matches!(r.ours, Outcome::Failed(_)))
        .map(|r| format!("{} {}", r.instance, r.problem))
        .collect();
    let _ = writeln!(
        out,
        "argraph failed ({}): {}\n",
        failed.len(),
        if failed.is_empty() {
            "none".into()
        } else {
            failed.join(", ")
        }
    );
    let bad = rows.iter().filter(|r| r.bad).count();
    let _ = writeln!(
        out,
        "Answers: {} instance–problem pairs, {bad} with a wrong answer, a disagreement or a \
         failure (the `agree` column says which); {} answers the checker could not fully verify \
         in its time{}.",
        rows.len(),
        unverified.len(),
        if unverified.is_empty() {
            String::new()
        } else {
            format!(" ({})", unverified.join(", "))
        }
    );
    out
}

/// Median of three timings of `f`, in seconds, with its last result.
fn median_of_3<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..3 {
        let start = Instant::now();
        let r = f();
        times.push(start.elapsed().as_secs_f64());
        result = Some(r);
    }
    match result {
        Some(r) => (median(&times), r),
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
    println!("load average at start: {}", loadavg());
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
        let (build, af) = median_of_3(|| ArgumentFramework::new(n, attacks));
        let af = af.map_err(|e| e.to_string())?;
        let (secs, g) = median_of_3(|| grounded_labelling(&af));
        let count = |l: Label| g.labels().iter().filter(|&&x| x == l).count();
        println!(
            "{what}: {n} arguments, {} attacks: build {build:.3} s, grounded {secs:.3} s \
             (IN {}, OUT {}, UNDEC {}; median of 3)",
            af.num_attacks(),
            count(Label::In),
            count(Label::Out),
            count(Label::Undec)
        );
        last = Some(af);
    }
    if let (Some(argraph), Some(path), Some(af)) = (argraph, write, last) {
        let text = write_iccma23(&af);
        write_atomic(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
        let extra = [
            "-p".to_string(),
            "SE-GR".to_string(),
            "-f".to_string(),
            path.display().to_string(),
        ];
        let cmd = [argraph, "solve".to_string()];
        let mut times = Vec::new();
        for _ in 0..3 {
            match time_command(&cmd, &extra, Duration::from_secs(120)) {
                Outcome::Done { times: t, .. } => times.extend(t),
                Outcome::Timeout => return Err("argraph solve timed out".into()),
                Outcome::Failed(e) => return Err(e),
                Outcome::Skipped => return Err("argraph solve was not run".into()),
            }
        }
        println!(
            "argraph solve -p SE-GR on the forward framework ({:.0} MB file): {:.3} s \
             (end to end: read, parse, build, solve, print; median of 3)",
            text.len() as f64 / 1e6,
            median(&times)
        );
    }
    println!("load average at end: {}", loadavg());
    Ok(true)
}
