//! Errors of the dataset scanner: only I/O on paths the user named and bad
//! configuration. Malformed data is a finding (`MLS-DAT-001`), not an error.

use std::path::PathBuf;

/// Dataset scanner errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("failed to read `{path}`: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A secret rule set could not be used.
    #[error("secret rules `{origin}`: {reason}")]
    Rules {
        /// Where the rules came from (file or `built-in`).
        origin: String,
        /// What is wrong, naming the rule.
        reason: String,
    },
    /// Encryption or decryption of a redaction token failed.
    #[error("{reason}")]
    Crypto {
        /// What failed (never the value or the key).
        reason: String,
    },
    /// A Parquet file could not be rewritten.
    #[error("{reason}")]
    Parquet {
        /// What failed and where (row group, column).
        reason: String,
    },
    /// A redacted copy could not be written.
    #[error("cannot write the redacted copy: {source}")]
    Write {
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A baseline file could not be used.
    #[error("{reason}")]
    Baseline {
        /// What is wrong.
        reason: String,
    },
}

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
