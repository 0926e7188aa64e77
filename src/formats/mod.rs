//! Interchange formats: a map written to (and read back from) the formats other argument tools use.
//!
//! Each submodule owns one format. Writers take a loaded [`crate::model::Map`] and return the
//! document as a string; readers return a map document that the RON writer can turn into files a
//! person keeps editing. `docs/formats.md` says what each format keeps and loses.
pub mod argdown;
pub mod graphml;
pub mod markdown;
