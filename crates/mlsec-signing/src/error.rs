//! The one error type of the crate: what failed, where, and what to do.

use std::path::PathBuf;

/// Errors from hashing, signing and verifying.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path being read.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The model cannot be serialized (symlink, special file, non-UTF-8 name, empty model).
    #[error("{path}: {reason}")]
    Model {
        /// The path at fault.
        path: PathBuf,
        /// Why, and what to do.
        reason: String,
    },
    /// A key, certificate or trust root could not be used.
    #[error("{what}: {reason}")]
    Key {
        /// Which key or certificate (file name or role).
        what: String,
        /// Why, and what to do.
        reason: String,
    },
    /// The signature file is not a bundle this crate can read.
    #[error("signature {place}: {reason}")]
    Bundle {
        /// The JSON place (e.g. `verificationMaterial.publicKey`).
        place: String,
        /// What is wrong.
        reason: String,
    },
    /// The signature does not verify (bad signature, untrusted chain, wrong identity, log proof).
    #[error("signature is not valid: {0}")]
    Signature(String),
    /// The signature is valid but the model on disk differs from what was signed.
    #[error("model does not match its signature:\n{0}")]
    Mismatch(crate::verify::Mismatch),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
    pub(crate) fn model(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Self::Model {
            path: path.into(),
            reason: reason.into(),
        }
    }
    pub(crate) fn key(what: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Key {
            what: what.into(),
            reason: reason.into(),
        }
    }
    pub(crate) fn bundle(place: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Bundle {
            place: place.into(),
            reason: reason.into(),
        }
    }
    pub(crate) fn sig(reason: impl Into<String>) -> Self {
        Self::Signature(reason.into())
    }
}

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
