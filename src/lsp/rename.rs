//! Rename: an id, in its definition and every reference, across every file of the map (one
//! workspace edit); refused, with the reason, when the new id is not kebab-case or is taken, or
//! when a file's syntax is broken (its references could not all be found).

use super::navigation::id_at;
use super::position::Encoding;
use super::workspace::{MapState, literal_at};
use crate::load::validate::{is_kebab_case, to_kebab_case};
use lsp_types::{PrepareRenameResponse, TextEdit, Url, WorkspaceEdit};
use std::collections::HashMap;
use std::ops::Range;

/// The id under `offset` that can be renamed, and the range of its text (inside the quotes).
pub(crate) fn prepare(
    map: &MapState,
    file: usize,
    offset: usize,
    encoding: Encoding,
) -> Result<PrepareRenameResponse, String> {
    let (id, span) = renamable(map, file, offset)?;
    let state = &map.files[file];
    let range = state.lines.range(&state.text, &inside(&span), encoding);
    Ok(PrepareRenameResponse::RangeWithPlaceholder {
        range,
        placeholder: id,
    })
}

/// The edit that renames the id under `offset` to `new`.
pub(crate) fn rename(
    map: &MapState,
    file: usize,
    offset: usize,
    new: &str,
    encoding: Encoding,
) -> Result<WorkspaceEdit, String> {
    let (id, _) = renamable(map, file, offset)?;
    if new == id {
        return Ok(WorkspaceEdit::default());
    }
    if !is_kebab_case(new) {
        let suggestion = to_kebab_case(new);
        let hint = if suggestion.is_empty() || suggestion == id {
            String::new()
        } else {
            format!("; `{suggestion}` would do")
        };
        return Err(format!(
            "cannot rename `{id}` to `{new}`: ids are kebab-case (lower-case ASCII letters and \
             digits in words joined by single hyphens){hint}"
        ));
    }
    if let Some(taken) = map.definition(new) {
        let state = &map.files[taken.file];
        return Err(format!(
            "cannot rename `{id}` to `{new}`: `{new}` is already the id of the {} at {}; ids are \
             unique across the map, whatever their kind",
            taken.item.kind.as_str(),
            state.location(taken.item.id.span.start)
        ));
    }
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    let mut edit = |file: usize, span: &Range<usize>| {
        let state = &map.files[file];
        changes
            .entry(state.uri.clone())
            .or_default()
            .push(TextEdit::new(
                state.lines.range(&state.text, &inside(span), encoding),
                new.to_owned(),
            ));
    };
    if let Some(found) = map.definition(&id) {
        edit(found.file, &found.item.id.span);
    }
    for found in map.references_to(&id) {
        edit(found.file, &found.item.id.span);
    }
    Ok(WorkspaceEdit::new(changes))
}

/// The id under `offset` and its literal's span, when it may be renamed.
fn renamable(map: &MapState, file: usize, offset: usize) -> Result<(String, Range<usize>), String> {
    let state = map
        .files
        .get(file)
        .ok_or("this file is not part of a map")?;
    let Some(id) = id_at(map, file, offset) else {
        return Err("there is no id here to rename".to_owned());
    };
    if map.definition(&id).is_none() {
        return Err(format!(
            "`{id}` is not defined in this map: define it, or fix the reference, before renaming"
        ));
    }
    if let Some((broken, error)) = map
        .files
        .iter()
        .find_map(|file| Some((file, file.stale.as_ref()?)))
    {
        return Err(format!(
            "{}: {}; mend this file first, so that every reference to `{id}` is found",
            broken.location(error.span.start),
            error.message
        ));
    }
    let span = literal_at(&state.text, offset)
        .map(|literal| literal.span)
        .ok_or("there is no id here to rename")?;
    Ok((id, span))
}

/// The span inside a string literal's quotes.
fn inside(span: &Range<usize>) -> Range<usize> {
    span.start + 1..span.end.saturating_sub(1).max(span.start + 1)
}
