//! `argraph solve`: ICCMA 2023 problems and output on framework files.

use crate::support::run;

fn solve(args: &[&str]) -> crate::support::Run {
    let mut all = vec!["solve"];
    all.extend_from_slice(args);
    run(&all)
}

const DIAMOND: &str = "tests/fixtures/af/diamond.af";
const ODD: &str = "tests/fixtures/af/odd-cycle.af";

#[test]
fn se_prints_an_extension_or_no() {
    // Grounded: 5 is unattacked and defeats 4; 1 <-> 2 stays open. Unique, so exact.
    let r = solve(&["-p", "SE-GR", "-f", DIAMOND]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "w 5\n"), "{}", r.stderr);
    let r = solve(&["-p", "SE-CO", "-f", DIAMOND]);
    assert_eq!(r.stdout, "w 5\n");
    // Preferred and stable: {1, 3, 5} or {2, 5}.
    for p in ["SE-PR", "SE-ST"] {
        let r = solve(&["-p", p, "-f", DIAMOND]);
        assert!(
            r.stdout == "w 1 3 5\n" || r.stdout == "w 2 5\n",
            "{p}: {}",
            r.stdout
        );
    }
    // The odd cycle has no stable extension, and the empty preferred one.
    assert_eq!(solve(&["-p", "SE-ST", "-f", ODD]).stdout, "NO\n");
    assert_eq!(solve(&["-p", "SE-PR", "-f", ODD]).stdout, "w\n");
}

#[test]
fn dc_prints_yes_and_a_witness_or_no() {
    let r = solve(&["-p", "DC-PR", "-f", DIAMOND, "-a", "3"]);
    assert_eq!(r.stdout, "YES\nw 1 3 5\n");
    let r = solve(&["-p", "DC-CO", "-f", DIAMOND, "-a", "2"]);
    assert!(
        r.stdout.starts_with("YES\nw ") && r.stdout.contains(" 2"),
        "{}",
        r.stdout
    );
    assert_eq!(
        solve(&["-p", "DC-ST", "-f", DIAMOND, "-a", "4"]).stdout,
        "NO\n"
    );
    assert_eq!(
        solve(&["-p", "DC-GR", "-f", DIAMOND, "-a", "1"]).stdout,
        "NO\n"
    );
    assert_eq!(
        solve(&["-p", "DC-GR", "-f", DIAMOND, "-a", "5"]).stdout,
        "YES\nw 5\n"
    );
}

#[test]
fn ds_prints_yes_or_no_and_a_counter_example() {
    assert_eq!(
        solve(&["-p", "DS-PR", "-f", DIAMOND, "-a", "5"]).stdout,
        "YES\n"
    );
    assert_eq!(
        solve(&["-p", "DS-PR", "-f", DIAMOND, "-a", "3"]).stdout,
        "NO\nw 2 5\n"
    );
    assert_eq!(
        solve(&["-p", "DS-ST", "-f", DIAMOND, "-a", "1"]).stdout,
        "NO\nw 2 5\n"
    );
    assert_eq!(
        solve(&["-p", "DS-CO", "-f", DIAMOND, "-a", "1"]).stdout,
        "NO\nw 5\n"
    );
    // No stable extension at all: every argument is sceptically accepted, vacuously.
    assert_eq!(
        solve(&["-p", "DS-ST", "-f", ODD, "-a", "1"]).stdout,
        "YES\n"
    );
}

#[test]
fn tgf_and_apx_by_extension_or_flag() {
    for file in [
        "tests/fixtures/af/mutual.tgf",
        "tests/fixtures/af/mutual.apx",
    ] {
        let r = solve(&["-p", "DS-PR", "-f", file, "-a", "c"]);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (0, "NO\nw b\n"),
            "{file}: {}",
            r.stderr
        );
    }
    let r = solve(&[
        "-p",
        "SE-GR",
        "-f",
        "tests/fixtures/af/mutual.tgf",
        "--fo",
        "apx",
    ]);
    assert_eq!(r.code, 1, "TGF read as APX must fail: {}", r.stdout);
    assert!(r.stderr.contains("mutual.tgf:1:1:"), "{}", r.stderr);
}

#[test]
fn errors_are_located_or_usage() {
    let r = solve(&["-p", "SE-GR", "-f", "tests/fixtures/af/bad.af"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("tests/fixtures/af/bad.af:3:3:"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
    let r = solve(&["-p", "DS-PR", "-f", DIAMOND]);
    assert_eq!(r.code, 2, "missing -a");
    assert!(r.stderr.contains("-a"), "{}", r.stderr);
    let r = solve(&["-p", "DS-PR", "-f", DIAMOND, "-a", "6"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown argument `6`"), "{}", r.stderr);
    assert_eq!(solve(&["-p", "XX-PR", "-f", DIAMOND]).code, 2);
    assert_eq!(
        solve(&["-p", "SE-PR", "-f", "tests/fixtures/af/missing.af"]).code,
        2
    );
}
