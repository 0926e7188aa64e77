//! The README stays true: every `console` block that shows `$ argraph …` and its output is run
//! for real on the bundled map, and the output must be what the README shows.

use crate::support::run;

/// The `console` blocks of a Markdown text: (command line, expected output).
fn console_examples(markdown: &str) -> Vec<(String, String)> {
    let mut examples = Vec::new();
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let mut block: Vec<&str> = Vec::new();
        for inner in lines.by_ref() {
            if inner.trim() == "```" {
                break;
            }
            block.push(inner);
        }
        if let Some(command) = block.first().and_then(|first| first.strip_prefix("$ ")) {
            let mut output = block[1..].join("\n");
            output.push('\n');
            examples.push((command.to_owned(), output));
        }
    }
    examples
}

#[test]
fn readme_console_examples_show_the_real_output() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let examples = console_examples(&readme);
    assert!(
        examples.len() >= 3,
        "the README answers at least three questions on the bundled map"
    );
    for (command, expected) in examples {
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words[0], "argraph", "README example `{command}`");
        let result = run(&words[1..]);
        assert_eq!(result.code, 0, "`{command}` failed: {}", result.stderr);
        assert_eq!(
            result.stdout, expected,
            "README shows other output than `{command}` gives"
        );
    }
}
