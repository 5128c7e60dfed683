//! The mlsec governance registry: who owns which dataset and model versions,
//! where they came from, what they were derived from and where they run.
//!
//! One [`Registry`] over a SQL database: embedded SQLite by default (a file in
//! the data directory, created and migrated on first open) or PostgreSQL. The
//! same SQL (sqlx's `Any` driver, `$N` placeholders) and the same migrations
//! numbers serve both, so the store tests run unchanged against each.
//!
//! The data model follows Google's ML Metadata: artifacts (dataset and model
//! versions), executions (runs) and deployments are *nodes* in one id space;
//! typed *edges* between them record lineage; *evidence* (scan reports,
//! signatures, BOMs) attaches to a node and is keyed by its content digest.
//! Lineage queries are recursive SQL, depth-capped and cycle-safe.
//!
//! This crate knows nothing of HTTP: `mlsec-server` exposes it as a REST API,
//! and the `mlsec` binary uses the API in process for the local registry.

#![deny(missing_docs)]

mod auth;
mod error;
mod lineage;
mod model;
pub mod openlineage;
mod store;
mod track;
mod transfer;

pub use auth::{hash_token, new_token, Principal, Role, TOKEN_PREFIX};
pub use error::{Error, Result};
pub use lineage::{Direction, LineageGraph, LineageNode, MAX_DEPTH};
pub use model::*;
pub use store::{normalize_digest, Registry, DEFAULT_DB_FILE};
pub use track::{ArtifactKind, ArtifactRef, TrackRecord, TrackResult};
pub use transfer::{Dump, DUMP_FORMAT};
