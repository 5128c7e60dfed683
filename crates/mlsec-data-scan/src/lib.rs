//! Dataset scanning: personal data and secrets in training data.
//!
//! [`sniff`] recognises CSV/TSV, JSON Lines, JSON and text by content;
//! [`DataScanner::scan`] splits a dataset into record-aligned chunks, runs
//! the [`Detector`] on all cores, maps hits to rows and columns, summarises
//! columns that are mostly one kind of personal data, and returns findings
//! that carry only masked values and keyed fingerprints. Secrets use rules
//! in the gitleaks format ([`SecretRules`]); identifiers are confirmed by the
//! checksum validators in [`validate`]. [`Baseline`] accepts known findings
//! by keyed fingerprint; [`redact()`] rewrites found values, and
//! [`redact_parquet`] does so column by column in a Parquet file.

mod ansi;
pub mod baseline;
mod column_name;
pub mod dataset;
pub mod detect;
mod digits;
pub mod encoding;
pub mod error;
mod headerless;
mod json_escapes;
pub mod json_path;
pub mod mask;
mod mime;
mod name_echoes;
pub mod parquet;
pub mod parquet_redact;
pub mod redact;
mod runs;
pub mod secrets;
mod shape;
mod spoken;
mod starts;
mod text_tables;
mod url_encoded;
pub mod validate;
mod words;
mod written_email;

pub use baseline::Baseline;
pub use dataset::{sniff, DataFormat, DataResult, DataScanOptions, DataScanner, Redacted};
pub use detect::{entities, DetectOptions, Detector, Hints, Hit};
pub use encoding::{encoded, transcoded};
pub use error::{Error, Result};
pub use mask::{mask, Fingerprinter};
pub use parquet_redact::{redact_parquet, redact_parquet_to, RedactedParquet};
pub use redact::{decrypt_all, decrypt_token, encrypt_token, finding_spans, redact, Operator, RedactOptions};
pub use secrets::{SecretRules, BUILTIN_RULES, GITLEAKS_DEFAULT, ML_RULES};

/// Map a file read-only for scanning (empty files give an empty buffer).
///
/// # Errors
/// I/O errors, naming the path.
pub fn read_file(path: &std::path::Path) -> Result<FileBytes> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len < 1 << 20 {
        return std::fs::read(path).map(FileBytes::Owned).map_err(io);
    }
    map(&file).map(FileBytes::Mapped).map_err(io)
}

#[allow(
    unsafe_code,
    reason = "memory-mapping is unsafe if another process truncates the file while mapped (SIGBUS); scanning reads, never writes"
)]
fn map(file: &std::fs::File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: read-only map; concurrent truncation is the documented risk.
    let m = unsafe { memmap2::Mmap::map(file) }?;
    #[cfg(unix)]
    let _ = m.advise(memmap2::Advice::Sequential);
    Ok(m)
}

/// A file's bytes, read or mapped.
#[derive(Debug)]
pub enum FileBytes {
    /// Small files are read.
    Owned(Vec<u8>),
    /// Large files are mapped.
    Mapped(memmap2::Mmap),
}

impl FileBytes {
    /// The bytes as a shared buffer, without a copy (a mapped file stays
    /// mapped until the last clone is dropped).
    #[must_use]
    pub fn into_shared(self) -> bytes::Bytes {
        match self {
            Self::Owned(v) => v.into(),
            Self::Mapped(m) => bytes::Bytes::from_owner(m),
        }
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Self::Owned(v) => v,
            Self::Mapped(m) => m,
        }
    }
}
