//! `argraph new`: a starting map that passes `check --deny-warnings`, written only into a new or
//! empty directory.

use crate::support::run;

#[test]
fn the_new_map_is_valid_without_warnings_and_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A directory that does not exist yet is created.
    let map = dir.path().join("debate");
    let map_arg = map.to_str().expect("utf-8");
    let made = run(&["new", map_arg]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(made.stdout.contains("argraph check"), "{}", made.stdout);
    let checked = run(&["check", map_arg, "--deny-warnings"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert_eq!(checked.stderr, "");
    // Several files, every kind of record, and comments on the fields.
    assert!(
        checked
            .stdout
            .contains("2 sources, 5 actors, 5 claims, 4 relations"),
        "{}",
        checked.stdout
    );
    assert!(checked.stdout.contains("1 undercut"), "{}", checked.stdout);
    let mut names: Vec<String> = std::fs::read_dir(&map)
        .expect("the map")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "actors.ron",
            "claims.ron",
            "questions.ron",
            "relations.ron",
            "sources.ron"
        ]
    );
    let all: String = names
        .iter()
        .map(|name| std::fs::read_to_string(map.join(name)).expect("read"))
        .collect();
    for field in [
        "id:",
        "title:",
        "publisher:",
        "authors:",
        "url:",
        "date:",
        "archive:",
        "name:",
        "kind:",
        "member_of:",
        "role:",
        "note:",
        "actor:",
        "text:",
        "quote:",
        "source:",
        "tags:",
        "about:",
        "rebuts:",
        "from:",
        "supports:",
        "undercuts:",
        "for:",
        "against:",
    ] {
        assert!(all.contains(field), "the new map shows `{field}`");
    }
    // Each file's fields are explained: more comment lines than records.
    for name in &names {
        let text = std::fs::read_to_string(map.join(name)).expect("read");
        assert!(
            text.lines().filter(|line| line.contains("//")).count() >= 3,
            "{name} explains its fields"
        );
    }
}

#[test]
fn new_refuses_a_directory_that_is_not_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().to_str().expect("utf-8");
    // An empty directory is fine.
    assert_eq!(run(&["new", path]).code, 0);
    let before = std::fs::read_to_string(dir.path().join("claims.ron")).expect("read");
    // Now it holds the map: refused, nothing touched.
    std::fs::write(dir.path().join("claims.ron"), "(claims: [])").expect("write");
    let again = run(&["new", path]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("is not empty"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("claims.ron")).expect("read"),
        "(claims: [])"
    );
    assert!(before.contains("claims:"));
    // Any file counts, not only map files; a file in place of the directory is an error too.
    let other = tempfile::tempdir().expect("tempdir");
    std::fs::write(other.path().join("notes.txt"), "x").expect("write");
    assert_eq!(run(&["new", other.path().to_str().expect("utf-8")]).code, 2);
    let file = other.path().join("notes.txt");
    assert_eq!(run(&["new", file.to_str().expect("utf-8")]).code, 2);
}
