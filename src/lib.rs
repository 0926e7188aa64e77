//! argraph
