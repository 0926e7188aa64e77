//! Go to definition and find references: from any id written in a file (a definition or a
//! reference of any kind) to the record that defines it, or to every place that names it.

use super::position::Encoding;
use super::workspace::{MapState, literal_at};
use lsp_types::Location;

/// The id under byte `offset` of file `file`, when some record of the map defines or names it.
pub(crate) fn id_at(map: &MapState, file: usize, offset: usize) -> Option<String> {
    let state = map.files.get(file)?;
    let found = literal_at(&state.text, offset)?;
    let known =
        map.definition(&found.id).is_some() || map.references_to(&found.id).next().is_some();
    known.then_some(found.id)
}

/// Where the id under `offset` is defined.
pub(crate) fn definition(
    map: &MapState,
    file: usize,
    offset: usize,
    encoding: Encoding,
) -> Option<Location> {
    let id = id_at(map, file, offset)?;
    let found = map.definition(&id)?;
    location(map, found.file, &found.item.id.span, encoding)
}

/// Every place that names the id under `offset`, and its definition when `declaration`.
pub(crate) fn references(
    map: &MapState,
    file: usize,
    offset: usize,
    declaration: bool,
    encoding: Encoding,
) -> Vec<Location> {
    let Some(id) = id_at(map, file, offset) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if declaration && let Some(found) = map.definition(&id) {
        out.extend(location(map, found.file, &found.item.id.span, encoding));
    }
    for found in map.references_to(&id) {
        out.extend(location(map, found.file, &found.item.id.span, encoding));
    }
    out
}

/// The location of `span` in file `file`.
pub(crate) fn location(
    map: &MapState,
    file: usize,
    span: &std::ops::Range<usize>,
    encoding: Encoding,
) -> Option<Location> {
    let state = map.files.get(file)?;
    Some(Location::new(
        state.uri.clone(),
        state.lines.range(&state.text, span, encoding),
    ))
}
