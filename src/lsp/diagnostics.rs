//! Diagnostics: the loader's errors and warnings, each on its file, line and column, with its
//! code, hint and notes; published for every file of a map whose list changed (an empty list
//! clears a file that was mended).

use super::position::Encoding;
use super::workspace::MapState;
use crate::diagnostic::{Diagnostic, Severity};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Url,
};
use std::collections::HashMap;

/// The lists last sent, by file, so that only changes are sent.
#[derive(Debug, Default)]
pub(crate) struct Published {
    sent: HashMap<Url, Vec<lsp_types::Diagnostic>>,
}

impl Published {
    /// The notifications that bring the client up to date with `map`'s last check: one per
    /// file whose list changed, and an empty list for a file that left the map.
    pub(crate) fn update(
        &mut self,
        map: &MapState,
        encoding: Encoding,
    ) -> Vec<PublishDiagnosticsParams> {
        let mut out = Vec::new();
        let mut current: Vec<(Url, Vec<lsp_types::Diagnostic>)> = map
            .files
            .iter()
            .enumerate()
            .map(|(i, file)| {
                let list = map
                    .analysis
                    .diagnostics
                    .get(i)
                    .map_or(&[][..], Vec::as_slice);
                let converted = list.iter().map(|d| to_lsp(d, map, encoding)).collect();
                (file.uri.clone(), converted)
            })
            .collect();
        // A finding with no place goes on the first file, at its start.
        if let Some((_, first)) = current.first_mut() {
            first.extend(
                map.analysis
                    .unplaced
                    .iter()
                    .map(|d| to_lsp(d, map, encoding)),
            );
        }
        let gone: Vec<Url> = self
            .sent
            .keys()
            .filter(|uri| {
                uri_in(uri, &map.root) && !current.iter().any(|(current, _)| current == *uri)
            })
            .cloned()
            .collect();
        for uri in gone {
            self.sent.remove(&uri);
            out.push(PublishDiagnosticsParams::new(uri, Vec::new(), None));
        }
        for (uri, list) in current {
            if self.sent.get(&uri) != Some(&list) {
                self.sent.insert(uri.clone(), list.clone());
                out.push(PublishDiagnosticsParams::new(uri, list, None));
            }
        }
        out
    }
}

/// Whether the file at `uri` lies below `root`.
fn uri_in(uri: &Url, root: &std::path::Path) -> bool {
    super::position::path_of(uri).is_some_and(|path| path.starts_with(root))
}

/// One loader diagnostic in the protocol's terms.
pub(crate) fn to_lsp(
    diagnostic: &Diagnostic,
    map: &MapState,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let range_of = |file: usize, span: &std::ops::Range<usize>| {
        map.files
            .get(file)
            .map(|state| state.lines.range(&state.text, span, encoding))
    };
    let range = diagnostic
        .primary
        .as_ref()
        .and_then(|label| range_of(label.file.index(), &label.span))
        .unwrap_or_default();
    let mut message = diagnostic.message.clone();
    if let Some(label) = &diagnostic.primary
        && !label.message.is_empty()
    {
        message.push_str(&format!(" ({})", label.message));
    }
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    for note in &diagnostic.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .secondary
        .iter()
        .filter_map(|label| {
            let file = map.files.get(label.file.index())?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    file.uri.clone(),
                    range_of(label.file.index(), &label.span)?,
                ),
                message: if label.message.is_empty() {
                    "related".to_owned()
                } else {
                    label.message.clone()
                },
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diagnostic.code.to_owned())),
        source: Some("argraph".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}
