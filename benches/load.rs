//! Loading a map, against the bare `ron` parse it builds on (issue 9: `check` may cost at most
//! 1.5× a bare `ron::from_str` of the same files into the same structs).
//!
//! ```text
//! cargo bench --bench load
//! ```
//!
//! Whole-process figures (wall time, peak memory, up to a million claims) come from
//! `benches/run.sh`.

use argraph::generate::{GenerateOptions, generate};
use std::path::PathBuf;

fn main() {
    divan::main();
}

/// The generated files of a map of `claims` claims.
fn files(claims: usize) -> Vec<(PathBuf, String)> {
    let options = GenerateOptions {
        claims,
        actors: (claims / 20).max(10),
        seed: 1,
        claims_per_file: 10_000,
    };
    generate(&options)
        .map(|file| (PathBuf::from(file.name), file.text))
        .collect()
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// `ron::from_str` of every file into the loader's records, nothing else.
#[divan::bench(args = SIZES, sample_count = 10)]
fn bare_ron_parse(bencher: divan::Bencher, claims: usize) {
    let files = files(claims);
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            files
                .iter()
                .map(|(_, text)| argraph::load::bare_parse(text).map_or(0, |records| records))
                .sum::<usize>()
        });
}

/// What `argraph check` does: parse, read the outline, resolve, validate, build the model.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load(bencher: divan::Bencher, claims: usize) {
    let files = files(claims);
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .with_inputs(|| files.clone())
        .bench_values(|files| {
            argraph::load::load_sources(files).map(|loaded| loaded.map.claims.len())
        });
}
