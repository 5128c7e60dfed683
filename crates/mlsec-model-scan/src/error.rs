//! Errors of the model scanner: only I/O on paths the user named.

use std::path::PathBuf;

/// An operational error (the scan of the path could not start).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path the user named does not exist or cannot be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}
