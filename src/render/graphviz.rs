//! Running Graphviz's `dot`: the one part of [`crate::render`] that does I/O.

use std::ffi::OsStr;
use std::fmt;
use std::io::Write;
use std::process::{Command, Stdio};

/// An output format that Graphviz lays out and draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Scalable vector graphics (text).
    Svg,
    /// A PNG bitmap.
    Png,
    /// A PDF document.
    Pdf,
}

impl Format {
    /// The name `dot -T` takes, and the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What `dot` produced.
#[derive(Clone, Debug)]
pub struct Output {
    /// The drawing.
    pub bytes: Vec<u8>,
    /// What `dot` said on stderr although it succeeded (warnings), trimmed.
    pub warnings: String,
}

/// Why `dot` did not produce a drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GraphvizError {
    /// The program is not installed (or not at the path given).
    Missing {
        /// The program that was looked for.
        program: String,
    },
    /// The program ran and failed.
    Failed {
        /// The program.
        program: String,
        /// Its exit code, when it exited (rather than being killed).
        code: Option<i32>,
        /// What it said on stderr, trimmed.
        stderr: String,
    },
    /// The program could not be run or talked to.
    Io {
        /// The program.
        program: String,
        /// The operating system's message.
        message: String,
    },
}

impl fmt::Display for GraphvizError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphvizError::Missing { program } => {
                write!(f, "Graphviz `{program}` is not installed (or not on PATH)")
            }
            GraphvizError::Failed {
                program,
                code,
                stderr,
            } => {
                match code {
                    Some(code) => write!(f, "Graphviz `{program}` failed with exit code {code}")?,
                    None => write!(f, "Graphviz `{program}` was killed by a signal")?,
                }
                if !stderr.is_empty() {
                    write!(f, ":\n{stderr}")?;
                }
                Ok(())
            }
            GraphvizError::Io { program, message } => {
                write!(f, "cannot run Graphviz `{program}`: {message}")
            }
        }
    }
}

impl std::error::Error for GraphvizError {}

/// Runs `program` (normally `dot`) as `program -T<format>` with `dot` on its stdin and returns
/// what it wrote on stdout. Its stderr is captured: in the error when it fails, as warnings when
/// it succeeds.
pub fn run(program: &OsStr, format: Format, dot: &str) -> Result<Output, GraphvizError> {
    let name = program.to_string_lossy().into_owned();
    let spawned = Command::new(program)
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(GraphvizError::Missing { program: name });
        }
        Err(error) => {
            return Err(GraphvizError::Io {
                program: name,
                message: error.to_string(),
            });
        }
    };
    // Write stdin on another thread: `dot` may fill its stdout pipe before reading all of it.
    let stdin = child.stdin.take();
    let input = dot.as_bytes().to_vec();
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        match stdin {
            Some(mut stdin) => stdin.write_all(&input),
            None => Ok(()),
        }
    });
    let output = child
        .wait_with_output()
        .map_err(|error| GraphvizError::Io {
            program: name.clone(),
            message: error.to_string(),
        })?;
    let written = writer.join();
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    if !output.status.success() {
        return Err(GraphvizError::Failed {
            program: name,
            code: output.status.code(),
            stderr,
        });
    }
    match written {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            return Err(GraphvizError::Io {
                program: name,
                message: format!("writing its input: {error}"),
            });
        }
        Err(_) => {
            return Err(GraphvizError::Io {
                program: name,
                message: "writing its input failed".to_owned(),
            });
        }
    }
    Ok(Output {
        bytes: output.stdout,
        warnings: stderr,
    })
}
