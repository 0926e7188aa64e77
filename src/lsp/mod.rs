//! `argraph lsp`: a Language Server for map files, over stdin and stdout.
//!
//! Built on `lsp-server` (the synchronous protocol layer of rust-analyzer: a loop over a
//! channel of messages, no async runtime) and `lsp-types`. The loop here is the only protocol
//! glue: it keeps the `workspace` up to date with the editor's buffers, checks a changed map
//! once the typing pauses ([`DEBOUNCE`]) and publishes the `diagnostics`, and hands each
//! request to the file of its feature (`navigation`, `hover`, `completion`, `rename`,
//! `code_actions`, `symbols`), which answers from the loader's own diagnostics, spans and ids.
//!
//! No input makes the server stop: a file that is not UTF-8, a binary file or a half-typed
//! record gives diagnostics, and a request that fails for any reason gets an error response.

mod code_actions;
mod completion;
mod diagnostics;
mod hover;
mod navigation;
mod position;
mod rename;
mod symbols;
mod workspace;

use diagnostics::Published;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as _, WorkspaceSymbolRequest,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DocumentSymbolResponse, GotoDefinitionResponse, HoverProviderCapability, InitializeParams,
    InitializeResult, OneOf, PositionEncodingKind, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, WorkDoneProgressOptions,
};
use position::Encoding;
use serde_json::Value;
use std::fmt;
use std::time::{Duration, Instant};
use workspace::World;

/// How long the typing must pause before a changed map is checked again.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug)]
pub struct ServerError(String);

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServerError {}

/// Serves over stdin and stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), ServerError> {
    let (connection, io_threads) = Connection::stdio();
    run(&connection)?;
    drop(connection);
    io_threads
        .join()
        .map_err(|error| ServerError(format!("the connection failed: {error}")))
}

/// Serves over `connection` (stdio, or in memory for tests and benchmarks) until the client
/// says `exit`: `Ok` after `shutdown` and `exit`, an error when the client went away without.
pub fn run(connection: &Connection) -> Result<(), ServerError> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|error| ServerError(format!("initialize: {error}")))?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref())
        .is_some_and(|offered| offered.contains(&PositionEncodingKind::UTF8));
    let encoding = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "argraph".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|error| ServerError(error.to_string()))?;
    connection
        .initialize_finish(id, result)
        .map_err(|error| ServerError(format!("initialize: {error}")))?;
    let mut server = Server {
        world: World::new(encoding),
        published: Published::default(),
        connection,
    };
    server.main_loop()
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_owned(), ":".to_owned()]),
            ..CompletionOptions::default()
        }),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

struct Server<'c> {
    world: World,
    published: Published,
    connection: &'c Connection,
}

/// A request's failure: the protocol's error code and a message for the user.
type Failed = (ErrorCode, String);

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), ServerError> {
        let mut due: Option<Instant> = None;
        loop {
            let message = match due {
                Some(at) => match self.connection.receiver.recv_deadline(at) {
                    Ok(message) => message,
                    Err(error) if error.is_timeout() => {
                        self.check_and_publish();
                        due = None;
                        continue;
                    }
                    Err(_) => break,
                },
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => break,
                },
            };
            match message {
                Message::Request(request) => {
                    match self.connection.handle_shutdown(&request) {
                        Ok(true) => return Ok(()),
                        Ok(false) => {}
                        Err(error) => return Err(ServerError(error.to_string())),
                    }
                    let id = request.id.clone();
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        self.request(request)
                    }));
                    let response = match outcome {
                        Ok(Ok(value)) => Response::new_ok(id, value),
                        Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
                        Err(_) => Response::new_err(
                            id,
                            ErrorCode::InternalError as i32,
                            "argraph failed on this request; please report it".to_owned(),
                        ),
                    };
                    self.send(Message::Response(response));
                }
                Message::Notification(notification) => {
                    if notification.method == "exit" {
                        return Err(ServerError("exit without shutdown".to_owned()));
                    }
                    let changed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        self.notification(notification)
                    }))
                    .unwrap_or(true);
                    if changed {
                        due = Some(Instant::now() + DEBOUNCE);
                    }
                }
                Message::Response(_) => {}
            }
        }
        Err(ServerError("the client closed the connection".to_owned()))
    }

    fn send(&self, message: Message) {
        // A closed channel means the client has gone: the loop ends on the next receive.
        let _ = self.connection.sender.send(message);
    }

    /// Checks every changed map and publishes what changed in its diagnostics.
    fn check_and_publish(&mut self) {
        for map in self.world.analyse_dirty() {
            let Some(map) = self.world.maps.get(map) else {
                continue;
            };
            for params in self.published.update(map, self.world.encoding) {
                self.send(Message::Notification(Notification::new(
                    PublishDiagnostics::METHOD.to_owned(),
                    params,
                )));
            }
        }
    }

    /// Applies a notification; says whether a map changed.
    fn notification(&mut self, notification: Notification) -> bool {
        let encoding = self.world.encoding;
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return false;
                };
                if let Some((map, file)) = self.world.locate(&params.text_document.uri) {
                    map.files[file].open = true;
                    map.files[file].set_text(params.text_document.text);
                    map.dirty = true;
                }
                true
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) else {
                    return false;
                };
                if let Some((map, file)) = self.world.locate(&params.text_document.uri) {
                    map.files[file].open = true;
                    map.files[file].apply_changes(params.content_changes, encoding);
                    map.dirty = true;
                }
                true
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return false;
                };
                if let Some((map, file)) = self.world.locate(&params.text_document.uri) {
                    map.files[file].close();
                    map.dirty = true;
                }
                true
            }
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => {
                for map in &mut self.world.maps {
                    map.dirty = true;
                }
                true
            }
            _ => false,
        }
    }

    /// Answers a request.
    fn request(&mut self, request: Request) -> Result<Value, Failed> {
        let encoding = self.world.encoding;
        let json = |value: Result<Value, serde_json::Error>| {
            value.map_err(|error| (ErrorCode::InternalError, error.to_string()))
        };
        match request.method.as_str() {
            GotoDefinition::METHOD => {
                let params: lsp_types::GotoDefinitionParams = extract(request)?;
                let Some((map, file, offset)) = self.at(&params.text_document_position_params)
                else {
                    return Ok(Value::Null);
                };
                let found = navigation::definition(map, file, offset, encoding)
                    .map(GotoDefinitionResponse::Scalar);
                json(serde_json::to_value(found))
            }
            References::METHOD => {
                let params: lsp_types::ReferenceParams = extract(request)?;
                let declaration = params.context.include_declaration;
                let Some((map, file, offset)) = self.at(&params.text_document_position) else {
                    return Ok(Value::Null);
                };
                json(serde_json::to_value(navigation::references(
                    map,
                    file,
                    offset,
                    declaration,
                    encoding,
                )))
            }
            HoverRequest::METHOD => {
                let params: lsp_types::HoverParams = extract(request)?;
                // The hover tells the claim's status: the map is checked first if it changed.
                self.check_and_publish();
                let Some((map, file, offset)) = self.at(&params.text_document_position_params)
                else {
                    return Ok(Value::Null);
                };
                json(serde_json::to_value(hover::hover(
                    map, file, offset, encoding,
                )))
            }
            Completion::METHOD => {
                let params: lsp_types::CompletionParams = extract(request)?;
                let Some((map, file, offset)) = self.at(&params.text_document_position) else {
                    return Ok(Value::Null);
                };
                json(serde_json::to_value(completion::complete(
                    map, file, offset, encoding,
                )))
            }
            PrepareRenameRequest::METHOD => {
                let params: TextDocumentPositionParams = extract(request)?;
                let Some((map, file, offset)) = self.at(&params) else {
                    return Ok(Value::Null);
                };
                let prepared = rename::prepare(map, file, offset, encoding)
                    .map_err(|reason| (ErrorCode::RequestFailed, reason))?;
                json(serde_json::to_value(prepared))
            }
            Rename::METHOD => {
                let params: lsp_types::RenameParams = extract(request)?;
                let Some((map, file, offset)) = self.at(&params.text_document_position) else {
                    return Ok(Value::Null);
                };
                let edit = rename::rename(map, file, offset, &params.new_name, encoding)
                    .map_err(|reason| (ErrorCode::RequestFailed, reason))?;
                json(serde_json::to_value(edit))
            }
            CodeActionRequest::METHOD => {
                let params: lsp_types::CodeActionParams = extract(request)?;
                // The actions come from the diagnostics: the map is checked first if it changed.
                self.check_and_publish();
                let Some((map, file)) = self.world.locate(&params.text_document.uri) else {
                    return Ok(Value::Null);
                };
                let state = &map.files[file];
                let start = state
                    .lines
                    .offset(&state.text, params.range.start, encoding);
                let end = state.lines.offset(&state.text, params.range.end, encoding);
                let actions = code_actions::actions(map, file, start..end.max(start), encoding);
                json(serde_json::to_value(actions))
            }
            DocumentSymbolRequest::METHOD => {
                let params: lsp_types::DocumentSymbolParams = extract(request)?;
                let Some((map, file)) = self.world.locate(&params.text_document.uri) else {
                    return Ok(Value::Null);
                };
                let outline = symbols::document(map, file, encoding);
                json(serde_json::to_value(DocumentSymbolResponse::Nested(
                    outline,
                )))
            }
            WorkspaceSymbolRequest::METHOD => {
                let params: lsp_types::WorkspaceSymbolParams = extract(request)?;
                json(serde_json::to_value(symbols::workspace(
                    &self.world,
                    &params.query,
                )))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("argraph does not answer `{}`", request.method),
            )),
        }
    }

    /// The map, file and byte offset of a position in a document.
    fn at(
        &mut self,
        position: &TextDocumentPositionParams,
    ) -> Option<(&workspace::MapState, usize, usize)> {
        let encoding = self.world.encoding;
        let (map, file) = self.world.locate(&position.text_document.uri)?;
        let state = &map.files[file];
        let offset = state.lines.offset(&state.text, position.position, encoding);
        Some((&*map, file, offset))
    }
}

/// A request's parameters, or an error response saying what was wrong with them.
fn extract<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, Failed> {
    serde_json::from_value(request.params)
        .map_err(|error| (ErrorCode::InvalidParams, error.to_string()))
}
