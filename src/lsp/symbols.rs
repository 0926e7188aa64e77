//! Document symbols (an outline of a file: its sections, and in each its sources, actors,
//! claims and relations) and workspace symbols (every id of the maps open, by id or words).

use super::position::Encoding;
use super::workspace::{MapState, World};
use crate::load::index::{Definition, IdKind};
use lsp_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind};

/// At most this many workspace symbols are given for one query.
const MAX_SYMBOLS: usize = 1000;

/// The outline of file `file`.
pub(crate) fn document(map: &MapState, file: usize, encoding: Encoding) -> Vec<DocumentSymbol> {
    let Some(state) = map.files.get(file) else {
        return Vec::new();
    };
    let range = |span: &std::ops::Range<usize>| state.lines.range(&state.text, span, encoding);
    let index = &state.index;
    index
        .sections
        .iter()
        .map(|section| {
            let mut children = Vec::new();
            for record in &section.records {
                let definition = index
                    .definitions
                    .iter()
                    .find(|definition| definition.record == *record);
                let child = match definition {
                    Some(definition) => symbol(
                        definition.id.id.clone(),
                        detail(definition),
                        kind(definition.kind),
                        range(record),
                        range(&definition.id.span),
                    ),
                    None if section.name == "relations" || section.name == "expectations" => {
                        // A relation without an id, or an expectation: named by what it relates.
                        let named: Vec<String> = index
                            .references
                            .iter()
                            .filter(|reference| {
                                record.start <= reference.id.span.start
                                    && reference.id.span.end <= record.end
                            })
                            .map(|reference| match reference.field {
                                "from" | "claim" => reference.id.id.clone(),
                                field => format!("{field} {}", reference.id.id),
                            })
                            .collect();
                        if named.is_empty() {
                            continue;
                        }
                        let selection = record.start..record.start + 1;
                        symbol(
                            named.join(" "),
                            None,
                            if section.name == "relations" {
                                SymbolKind::OPERATOR
                            } else {
                                SymbolKind::EVENT
                            },
                            range(record),
                            range(&selection),
                        )
                    }
                    None => continue,
                };
                children.push(child);
            }
            let mut outline = symbol(
                section.name.clone(),
                Some(format!("{} records", section.records.len())),
                SymbolKind::NAMESPACE,
                range(&(section.name_span.start..section.list.end)),
                range(&section.name_span),
            );
            outline.children = Some(children);
            outline
        })
        .collect()
}

/// The ids of every map whose id or words contain `query` (case aside).
pub(crate) fn workspace(world: &World, query: &str) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for map in &world.maps {
        for found in map.definitions() {
            let definition = found.item;
            let words = detail(definition).unwrap_or_default();
            if !definition.id.id.to_lowercase().contains(&query)
                && !words.to_lowercase().contains(&query)
            {
                continue;
            }
            let state = &map.files[found.file];
            #[allow(deprecated)] // `deprecated` is a field every literal must name
            out.push(SymbolInformation {
                name: definition.id.id.clone(),
                kind: kind(definition.kind),
                tags: None,
                deprecated: None,
                location: Location::new(
                    state.uri.clone(),
                    state
                        .lines
                        .range(&state.text, &definition.id.span, world.encoding),
                ),
                container_name: Some(definition.kind.section().to_owned()),
            });
            if out.len() == MAX_SYMBOLS {
                return out;
            }
        }
    }
    out
}

fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection_range: lsp_types::Range,
) -> DocumentSymbol {
    #[allow(deprecated)] // `deprecated` is a field every literal must name
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: None,
    }
}

/// A definition's words: a claim's text, an actor's name, a source's title.
fn detail(definition: &Definition) -> Option<String> {
    ["text", "name", "title"]
        .iter()
        .find_map(|field| definition.field(field))
        .map(str::to_owned)
}

fn kind(kind: IdKind) -> SymbolKind {
    match kind {
        IdKind::Source => SymbolKind::FILE,
        IdKind::Actor => SymbolKind::CLASS,
        IdKind::Claim => SymbolKind::STRING,
        IdKind::Relation => SymbolKind::OPERATOR,
        IdKind::Question => SymbolKind::INTERFACE,
    }
}
