//! `argraph check`: exit codes, summaries and located diagnostics.

use crate::support::{fixture, run};

#[test]
fn valid_map_prints_summary_and_exits_zero() {
    let path = fixture("valid/mini.ron");
    let result = run(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stdout.contains(
        "1 source, 4 actors, 3 claims, 2 relations (1 support, 1 rebuttal, 0 undercuts)"
    ));
    assert_eq!(result.stderr, "");
}
