//! argraph maps a public debate as a knowledge graph: who argues what, who backs whom and who
//! disputes whom.
//!
//! A debate is written by hand as RON files (see `docs/format.md`): *sources*, *actors*, the
//! *claims* each actor makes, and the *relations* between claims (supports, rebuts, undercuts).
//! [`load::load`] reads and checks them into a typed [`model::Map`]; [`graph`] views it as a
//! petgraph graph; [`render`] draws it; [`query`] answers questions about it (who disputes
//! whom, what stands behind a claim, which camps there are).
//!
//! ```no_run
//! let loaded = argraph::load::load(std::path::Path::new("graphs/tiktok-wechat"))?;
//! let map = &loaded.map;
//! println!("{} claims by {} actors", map.claims.len(), map.actors.len());
//! # Ok::<(), argraph::load::LoadError>(())
//! ```

pub mod atomic;
pub mod diagnostic;
pub mod formats;
pub mod generate;
pub mod graph;
pub mod load;
pub mod lsp;
pub mod model;
pub mod page;
pub mod query;
pub mod render;
pub mod schema;
pub mod semantics;
pub mod serve;
pub mod suggest;
pub mod verify;
