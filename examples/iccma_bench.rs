//! Benchmark `argraph solve` against peer ICCMA solvers on generated frameworks.
//!
//! ```text
//! cargo run --release --example iccma_bench -- gen DIR            # write the instances
//! cargo run --release --example iccma_bench -- run DIR ARGRAPH [NAME=COMMAND ...] [--timeout S] [--problems SE-PR,DS-PR]
//! ```
//!
//! `gen` writes Erdős–Rényi (about 5 attacks per argument), Barabási–Albert and Watts–Strogatz
//! frameworks of 100 to 5 000 arguments in the ICCMA 2023 format, each with a query argument
//! (`FILE.arg`, an argument the grounded semantics leaves undecided when there is one). `run`
//! solves every problem on every instance with `ARGRAPH solve` and with each peer command
//! (called as `COMMAND -p P -f FILE [-a A]`, each a separate process with a time limit), checks
//! that the answers agree and that every certificate is an extension of the right kind, and
//! prints a Markdown table of wall-clock times.

use argraph::semantics::iccma::{parse_iccma23, write_iccma23};
use argraph::semantics::random::{barabasi_albert, erdos_renyi, watts_strogatz};
use argraph::semantics::{Arg, ArgumentFramework, Label, grounded_labelling};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") if args.len() == 2 => generate(Path::new(&args[1])),
        Some("run") if args.len() >= 3 => run(&args[1..]),
        _ => Err("usage: iccma_bench gen DIR | run DIR ARGRAPH [NAME=COMMAND ...] [--timeout S] [--problems P,Q]".into()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn generate(dir: &Path) -> Result<(), String> {
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
            println!(
                "{} {} arguments, {} attacks",
                path.display(),
                af.len(),
                af.num_attacks()
            );
        }
    }
    Ok(())
}

/// What a solver printed, or why it did not.
enum Outcome {
    Done { secs: f64, stdout: String },
    Timeout,
    Failed(String),
}

fn time_command(program: &[String], extra: &[String], timeout: Duration) -> Outcome {
    let Some((exe, pre)) = program.split_first() else {
        return Outcome::Failed("empty command".into());
    };
    let start = Instant::now();
    let mut child = match Command::new(exe)
        .args(pre)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Outcome::Timeout;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Outcome::Failed(e.to_string()),
        }
    }
    let secs = start.elapsed().as_secs_f64();
    match child.wait_with_output() {
        Ok(out) => Outcome::Done {
            secs,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        },
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// The first line (YES/NO, or `w ...`) and the extension of a `w` line, if any.
fn answer(stdout: &str) -> (String, Option<Vec<Arg>>) {
    let lines: Vec<&str> = stdout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let first = lines.first().copied().unwrap_or("").to_string();
    let ext = lines.iter().find(|l| l.starts_with('w')).map(|l| {
        l.split_whitespace()
            .skip(1)
            .filter_map(|t| t.parse::<Arg>().ok())
            .map(|a| a - 1)
            .collect()
    });
    let verdict = if first.starts_with('w') {
        "EXT".to_string()
    } else {
        first
    };
    (verdict, ext)
}

/// Whether `ext` is a complete extension (stable if `stable`) of `af`.
fn is_complete(af: &ArgumentFramework, ext: &[Arg], stable: bool) -> bool {
    let mut member = vec![false; af.len()];
    for &a in ext {
        match member.get_mut(a as usize) {
            Some(m) => *m = true,
            None => return false,
        }
    }
    let mut attacked = vec![false; af.len()];
    for &a in ext {
        for &b in af.attacked_by(a) {
            attacked[b as usize] = true;
        }
    }
    af.args().all(|a| {
        let i = a as usize;
        let defended = af.attackers(a).iter().all(|&b| attacked[b as usize]);
        !(member[i] && attacked[i])
            && (member[i] == defended)
            && (!stable || member[i] || attacked[i])
    })
}

fn run(args: &[String]) -> Result<(), String> {
    let dir = PathBuf::from(&args[0]);
    let ours = vec![args[1].clone(), "solve".to_string()];
    let mut peers: Vec<(String, Vec<String>)> = Vec::new();
    let mut timeout = Duration::from_secs(60);
    let mut problems: Vec<String> = ["SE-PR", "DC-PR", "DS-PR", "SE-ST", "DC-ST", "DS-ST"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut rest = args[2..].iter();
    while let Some(a) = rest.next() {
        if a == "--timeout" {
            let s = rest.next().ok_or("--timeout needs seconds")?;
            timeout = Duration::from_secs_f64(s.parse().map_err(|_| "bad --timeout")?);
        } else if a == "--problems" {
            problems = rest
                .next()
                .ok_or("--problems needs a list")?
                .split(',')
                .map(str::to_string)
                .collect();
        } else if let Some((name, cmd)) = a.split_once('=') {
            peers.push((
                name.to_string(),
                cmd.split_whitespace().map(str::to_string).collect(),
            ));
        } else {
            return Err(format!("unexpected `{a}`"));
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "af"))
        .collect();
    files.sort();
    let fmt = |o: &Outcome| match o {
        Outcome::Done { secs, .. } => format!("{secs:.3}"),
        Outcome::Timeout => format!("> {}", timeout.as_secs()),
        Outcome::Failed(e) => format!("error: {e}"),
    };
    print!("| instance | args | attacks | problem | argraph (s) |");
    for (name, _) in &peers {
        print!(" {name} (s) | {name} / argraph |");
    }
    println!(" agree |");
    print!("|---|---:|---:|---|---:|");
    for _ in &peers {
        print!("---:|---:|");
    }
    println!("---|");
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
        let af = parse_iccma23(&text)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .af;
        let query =
            std::fs::read_to_string(file.with_extension("arg")).unwrap_or_else(|_| "1".into());
        let query = query.trim().to_string();
        let q: Arg = query.parse::<Arg>().unwrap_or(1).saturating_sub(1);
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
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
            let stable = problem.ends_with("ST");
            let check = |o: &Outcome| -> Result<Option<String>, String> {
                let Outcome::Done { stdout, .. } = o else {
                    return Ok(None);
                };
                let (verdict, ext) = answer(stdout);
                if let Some(e) = &ext {
                    if !is_complete(&af, e, stable) {
                        return Err(format!(
                            "{name} {problem}: certificate is not a {} extension",
                            if stable { "stable" } else { "complete" }
                        ));
                    }
                    let has = e.contains(&q);
                    if (problem.starts_with("DC") && !has) || (problem.starts_with("DS") && has) {
                        return Err(format!(
                            "{name} {problem}: certificate does not fit the answer"
                        ));
                    }
                }
                Ok(Some(verdict))
            };
            let mine = time_command(&ours, &extra, timeout);
            let my_verdict = check(&mine)?;
            print!(
                "| {name} | {} | {} | {problem} | {} |",
                af.len(),
                af.num_attacks(),
                fmt(&mine)
            );
            let mut agree = true;
            for (_, cmd) in &peers {
                let theirs = time_command(cmd, &extra, timeout);
                let verdict = check(&theirs).unwrap_or(Some("BAD".into()));
                if let (Some(a), Some(b)) = (&my_verdict, &verdict) {
                    agree &= a == b;
                }
                let ratio = match (&mine, &theirs) {
                    (Outcome::Done { secs: a, .. }, Outcome::Done { secs: b, .. }) => {
                        format!("{:.1}", b / a.max(1e-3))
                    }
                    _ => "–".to_string(),
                };
                print!(" {} | {ratio} |", fmt(&theirs));
            }
            println!(" {} |", if agree { "yes" } else { "NO" });
        }
    }
    Ok(())
}
