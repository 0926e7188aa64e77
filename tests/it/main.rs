//! The integration tests, in one crate so that they link once (see matklad's "Delete Cargo
//! Integration Tests"). Each module tests one subcommand or library area through the real binary
//! or the public API.

// Test helpers are `pub` for the sibling modules; the crate itself exports nothing.
#![allow(unreachable_pub)]

mod argdown_cli;
mod argdown_docs;
mod argdown_import;
mod check;
mod explorer;
mod explorer_semantics;
mod formats;
mod formats_text;
mod generate;
mod graphml;
mod imports;
mod load;
mod lsp;
mod markdown;
mod new;
mod queries;
mod questions;
mod readme;
mod render;
mod roundtrip;
mod semantics;
mod serve;
mod solve;
mod support;
mod verify;
