//! The one finding model shared by every mlsec scanner.
//!
//! A [`Finding`] names a [`Rule`] (stable code such as `MLS-PKL-001`), carries a
//! [`Severity`], a [`Location`] inside the scanned artifact, a short message and
//! evidence. Scanners produce findings; report writers (`mlsec-report`) render
//! them. This crate does no I/O and knows nothing about file formats.

#![deny(missing_docs)]

pub mod codes;
mod finding;

pub mod time;

pub use codes::{rules_markdown, Rule, RULES};
pub use finding::{DataEvidence, FileReport, Finding, Location, Severity, Verdict};
