//! Code actions: the loader's did-you-mean hints as quick fixes, and for a reference to an actor
//! or a source that no record defines, a skeleton record to add.

use super::diagnostics::to_lsp;
use super::position::Encoding;
use super::workspace::MapState;
use crate::diagnostic::Diagnostic;
use crate::load::index::IdKind;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Url, WorkspaceEdit};
use std::collections::HashMap;
use std::ops::Range;

/// The actions for the diagnostics of file `file` that touch bytes `range`.
pub(crate) fn actions(
    map: &MapState,
    file: usize,
    range: Range<usize>,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let Some(diagnostics) = map.analysis.diagnostics.get(file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let Some(label) = &diagnostic.primary else {
            continue;
        };
        if label.span.end < range.start || range.end < label.span.start {
            continue;
        }
        if let Some(action) = did_you_mean(map, file, diagnostic, &label.span, encoding) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
        if let Some(action) = add_missing(map, file, diagnostic, &label.span, encoding) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

/// `did you mean `x`?` as an edit that writes `x` in place of the misspelt id.
fn did_you_mean(
    map: &MapState,
    file: usize,
    diagnostic: &Diagnostic,
    span: &Range<usize>,
    encoding: Encoding,
) -> Option<CodeAction> {
    let help = diagnostic.help.as_deref()?;
    let suggestion = help
        .strip_prefix("did you mean `")?
        .split('`')
        .next()
        .filter(|s| !s.is_empty())?;
    let state = map.files.get(file)?;
    let written = state.text.get(span.clone())?;
    // The span is the string literal: replace what is inside its quotes.
    let target = match written.strip_prefix('"').and_then(|w| w.strip_suffix('"')) {
        Some(_) => span.start + 1..span.end - 1,
        None => span.clone(),
    };
    let old = state.text.get(target.clone())?;
    let edit = TextEdit::new(
        state.lines.range(&state.text, &target, encoding),
        suggestion.to_owned(),
    );
    Some(CodeAction {
        title: format!("Replace `{old}` with `{suggestion}`"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(diagnostic, map, encoding)]),
        edit: Some(one_edit(state.uri.clone(), edit)),
        is_preferred: Some(true),
        ..CodeAction::default()
    })
}

/// For `no actor `x`` or `no source `x``: a record with that id, at the top of the first
/// section of its kind in the map (or in a new section of this file).
fn add_missing(
    map: &MapState,
    file: usize,
    diagnostic: &Diagnostic,
    span: &Range<usize>,
    encoding: Encoding,
) -> Option<CodeAction> {
    if diagnostic.code != "unknown-reference" {
        return None;
    }
    let state = map.files.get(file)?;
    let reference = state.index.references.iter().find(|reference| {
        reference.id.span.start < span.end && span.start < reference.id.span.end
    })?;
    let id = &reference.id.id;
    let record = match reference.expects {
        IdKind::Actor => format!("(id: \"{id}\", name: \"{id}\", kind: other)"),
        IdKind::Source => format!("(id: \"{id}\", title: \"{id}\")"),
        IdKind::Claim | IdKind::Relation | IdKind::Question => return None,
    };
    let section = reference.expects.section();
    // The first file of the map that has the section, else this one.
    let holder = map.files.iter().enumerate().find_map(|(i, file)| {
        let found = file.index.sections.iter().find(|s| s.name == section)?;
        Some((i, found.list.clone(), found.records.first().cloned()))
    });
    let (target, offset, text) = match holder {
        Some((target, list, first)) => {
            let target_state = &map.files[target];
            let indent = first
                .map(|first| column_indent(&target_state.text, first.start))
                .unwrap_or_else(|| "        ".to_owned());
            (target, list.start + 1, format!("\n{indent}{record},"))
        }
        None => {
            // A new section just before the file's closing parenthesis.
            let close = state.text.rfind(')')?;
            (
                file,
                close,
                format!("    {section}: [\n        {record},\n    ],\n"),
            )
        }
    };
    let target_state = &map.files[target];
    let at = target_state
        .lines
        .range(&target_state.text, &(offset..offset), encoding);
    let file_name = target_state
        .path
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    Some(CodeAction {
        title: format!("Add {} `{id}` to {file_name}", reference.expects.as_str()),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(diagnostic, map, encoding)]),
        edit: Some(one_edit(target_state.uri.clone(), TextEdit::new(at, text))),
        ..CodeAction::default()
    })
}

/// The whitespace before byte `offset` on its line, when only whitespace precedes it.
fn column_indent(text: &str, offset: usize) -> String {
    let offset = crate::diagnostic::floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = text.get(line_start..offset).unwrap_or("");
    if before.chars().all(char::is_whitespace) {
        before.to_owned()
    } else {
        "        ".to_owned()
    }
}

fn one_edit(uri: Url, edit: TextEdit) -> WorkspaceEdit {
    WorkspaceEdit::new(HashMap::from([(uri, vec![edit])]))
}
