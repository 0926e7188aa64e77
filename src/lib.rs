//! argraph

pub mod semantics;
