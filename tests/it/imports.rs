//! `argraph import` beyond Argdown: the format inferred from the file's name, Kialo
//! discussions, and AIF corpora.

use crate::support::run;

#[test]
fn import_infers_the_format_from_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_str().expect("utf-8 path");
    let json = dir.path().join("tiktok-wechat.json");
    let exported = run(&[
        "export",
        "graphs/tiktok-wechat",
        "--format",
        "json",
        "-o",
        json.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    for (file, wrote) in [
        ("tests/fixtures/formats/debate.argdown", "6 claims"),
        // A `.json` that holds AIF nodes is AIF; argraph's own JSON is argraph's.
        ("tests/fixtures/formats/uniforms.xaif.json", "3 claims"),
        ("tests/fixtures/formats/uniforms.aifdb.json", "claims"),
        (json.to_str().expect("utf-8 path"), " claims"),
    ] {
        let result = run(&["import", file, "-o", out]);
        assert_eq!(result.code, 0, "{file}: {}", result.stderr);
        assert!(result.stderr.contains(wrote), "{file}: {}", result.stderr);
    }
    let unknown = run(&["import", "Cargo.toml", "-o", out]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("pass --from"), "{}", unknown.stderr);
}
