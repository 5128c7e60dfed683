//! The model scanner: identifies model files by content and finds code execution
//! and other supply-chain attacks in them.
//!
//! Entry points: [`collect_files`] walks the paths a user named, [`Scanner::scan_file`]
//! scans one file into a [`FileReport`], [`Scanner::scan_all`] scans many on all cores.
//! Formats are chosen by magic bytes (never by extension) in
//! [`analyzers`]; each analyzer produces [`mlsec_diagnostics::Finding`]s. What counts as
//! dangerous lives in [`policy`]. This crate never prints.

#![deny(missing_docs)]

pub mod analyzers;
mod error;
pub mod policy;
mod scan;

pub use error::Error;
pub use mlsec_diagnostics::FileReport;
pub use scan::{collect_files, Options, Scanner};
