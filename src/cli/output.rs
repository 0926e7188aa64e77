//! What every subcommand shares: colour decisions, printing to stdout without failing on a
//! closed pipe, rendering load errors, and exit codes.

use argraph::load::{LoadError, Loaded};
use std::io::{IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::Path;
use std::process::ExitCode;

/// How a subcommand ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Exit code 0.
    Success,
    /// Exit code 1: the input is invalid or a check found problems (already reported).
    #[allow(dead_code)] // for checks that report their own findings (verify, exercises)
    Failed,
}

/// A failure to report on stderr.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Exit code 1, with a message.
    Invalid(String),
    /// Exit code 2: usage or I/O error, with a message.
    Usage(String),
}

/// Settings shared by all subcommands.
#[derive(Debug)]
pub(crate) struct Context {
    color_override: Option<bool>,
    /// `--width`: the columns text output fits in, when given.
    width_override: Option<usize>,
}

impl Context {
    pub(crate) fn new(color_override: Option<bool>, width_override: Option<usize>) -> Self {
        Context {
            color_override,
            width_override,
        }
    }

    /// The columns text output fits in: `--width`, else the terminal's width when stdout is
    /// one, else 80 (a pipe, a file).
    pub(crate) fn width(&self) -> usize {
        let width = self.width_override.unwrap_or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map_or(super::present::DEFAULT_WIDTH, |(width, _)| {
                    usize::from(width.0)
                })
        });
        width.max(super::present::MIN_WIDTH)
    }

    /// How text output to stdout looks: colour, and the width it fits in.
    pub(crate) fn style(&self) -> super::present::Style {
        super::present::Style {
            color: self.stdout_color(),
            width: self.width(),
        }
    }

    /// Whether to colour what goes to stderr.
    pub(crate) fn stderr_color(&self) -> bool {
        self.color_override
            .unwrap_or_else(|| std::io::stderr().is_terminal() && no_color_unset())
    }

    /// Whether to colour what goes to stdout.
    pub(crate) fn stdout_color(&self) -> bool {
        self.color_override
            .unwrap_or_else(|| std::io::stdout().is_terminal() && no_color_unset())
    }

    /// Loads a map, printing its warnings; on failure prints the diagnostics. The files' texts
    /// serve only diagnostics, all given by now: they are freed (on a big map they are a third
    /// of the memory). [`Context::load_keeping_texts`] keeps them.
    ///
    /// The map itself is never freed: a command loads it once and the process ends when the
    /// command does, while freeing a big map string by string costs several percent of a
    /// command (a quarter of a second at a million claims).
    pub(crate) fn load(&self, path: &Path) -> Result<ManuallyDrop<Loaded>, Failure> {
        let mut loaded = self.load_keeping_texts(path)?;
        let texts = std::mem::take(&mut loaded.map.files);
        // Handed back to the system on another thread while the command goes on (on a big map,
        // unmapping the texts takes a while). When no thread is to be had, the failed spawn
        // drops them at once, here.
        let _freeing = std::thread::Builder::new().spawn(move || drop(texts));
        Ok(loaded)
    }

    /// [`Context::load`], keeping the files' texts in the map, for commands that report more
    /// diagnostics afterwards.
    pub(crate) fn load_keeping_texts(&self, path: &Path) -> Result<ManuallyDrop<Loaded>, Failure> {
        match argraph::load::load(path).map(ManuallyDrop::new) {
            Ok(loaded) => {
                if !loaded.warnings.is_empty() {
                    eprint!(
                        "{}",
                        argraph::diagnostic::render(
                            &loaded.warnings,
                            &loaded.map.files,
                            self.stderr_color()
                        )
                    );
                }
                Ok(loaded)
            }
            Err(LoadError::Io { path, message }) => Err(Failure::Usage(format!(
                "cannot read `{}`: {message}",
                path.display()
            ))),
            Err(LoadError::Invalid {
                files,
                errors,
                warnings,
            }) => {
                let mut all = errors.clone();
                all.extend(warnings.iter().cloned());
                eprint!(
                    "{}",
                    argraph::diagnostic::render(&all, &files, self.stderr_color())
                );
                Err(Failure::Invalid(format!(
                    "`{}` is not a valid map: {}{}",
                    path.display(),
                    count(errors.len(), "error"),
                    if warnings.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", count(warnings.len(), "warning"))
                    }
                )))
            }
        }
    }
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// `1 error`, `2 errors`.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Writes `text` to stdout; a closed pipe (`argraph … | head`) is not an error.
pub(crate) fn print_stdout(text: &str) -> Result<(), Failure> {
    write_stdout(text.as_bytes())
}

/// Writes `bytes` to stdout; a closed pipe is not an error.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout_result(stdout.write_all(bytes).and_then(|()| stdout.flush())).map(|_| ())
}

/// The outcome of writing to stdout: a closed pipe (`argraph … | head`) is not an error
/// (`None`: stop quietly); any other error is.
pub(crate) fn stdout_result<T>(result: std::io::Result<T>) -> Result<Option<T>, Failure> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(None),
        Err(error) => Err(Failure::Usage(format!("cannot write to stdout: {error}"))),
    }
}

/// Prints a failure and turns the result into the process exit code.
pub(crate) fn finish(result: Result<Outcome, Failure>, context: &Context) -> ExitCode {
    let label = if context.stderr_color() {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(Failure::Invalid(message)) => {
            eprintln!("{label}: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("{label}: {message}");
            ExitCode::from(2)
        }
    }
}

/// A map's name for a page title: its directory or file name without `.ron`.
pub(crate) fn map_name(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    path.file_stem()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".to_owned())
}
