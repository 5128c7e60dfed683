//! The one error type of the crate: which file and which card key is at
//! fault, what is wrong, and what to do about it.

use std::path::PathBuf;

/// Errors from reading a model card and building a BOM.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The card file could not be read.
    #[error("failed to read `{}`: {source}", path.display())]
    Io {
        /// The card file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The card is not valid TOML, or does not fit the card schema (unknown
    /// key, wrong type, unknown enum value).
    #[error("`{}`:{line}:{column}: {}{message}; see docs/bom.md for the card format",
        path.display(), key.as_deref().map(|k| format!("in `{k}`: ")).unwrap_or_default())]
    CardSyntax {
        /// The card file.
        path: PathBuf,
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// The dotted key path, when known (`model_card.approach`).
        key: Option<String>,
        /// What the TOML reader said.
        message: String,
    },
    /// A card value parses but cannot be used (bad digest hex, contradicting
    /// keys, duplicate dataset).
    #[error("`{}`: `{key}`: {reason}", path.display())]
    Card {
        /// The card file (`<card>` when the card was built in memory).
        path: PathBuf,
        /// The dotted key path (`datasets[1].digest`).
        key: String,
        /// Why, and what to do.
        reason: String,
    },
    /// The model, a dataset or the base model could not be hashed.
    #[error("failed to hash {what}: {source}")]
    Hash {
        /// What was being hashed (``the model `m/` ``, ``dataset `imdb` ``).
        what: String,
        /// The hashing error (names the file at fault).
        #[source]
        source: mlsec_signing::Error,
    },
    /// A [`BomOptions`](crate::BomOptions) value is unusable.
    #[error("option `{name}`: {reason}")]
    Option {
        /// The option (`timestamp`).
        name: &'static str,
        /// Why, and what to do.
        reason: String,
    },
    /// The built document has dangling or duplicate references: a bug in
    /// this crate, reported rather than emitting a broken BOM.
    #[error("the generated BOM has broken references (please report this bug): {}", .0.join("; "))]
    References(Vec<String>),
}

impl Error {
    pub(crate) fn card(path: impl Into<PathBuf>, key: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Card {
            path: path.into(),
            key: key.into(),
            reason: reason.into(),
        }
    }
}

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
