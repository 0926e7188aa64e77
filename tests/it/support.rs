//! Shared helpers: running the real binary, finding fixtures.

use std::path::PathBuf;

/// Path of a file under `tests/fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// The `argraph` binary, run from the crate root with colour off.
pub fn argraph() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("argraph").expect("binary built");
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// What a finished command printed, and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `argraph` with `args` and collects its output.
pub fn run(args: &[&str]) -> Run {
    let output = argraph().args(args).output().expect("argraph runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
