//! OpenSSF Model Signing (OMS v1.0) for models and datasets.
//!
//! - [`hash_model`] serializes a file or directory into a [`Manifest`]
//!   (files or shards; SHA-256, BLAKE2b or BLAKE3; on all cores) whose
//!   [`Manifest::root_digest`] is the model's identity.
//! - [`sign_manifest`] wraps the manifest's in-toto statement in a DSSE
//!   envelope inside a Sigstore bundle, byte-compatible with
//!   `model-signing` 1.x (`key` and `certificate` methods).
//! - [`verify`] checks a bundle from any `model-signing` version (v0.2 to
//!   v1.1, key, certificate or Sigstore keyless, offline) and compares the
//!   model on disk file by file.
//!
//! The crate reads untrusted bundles and trees; it never follows a symbolic
//! link unless asked, never trusts a cache when verifying, and names the
//! file and field at fault in every error.

mod bundle;
mod cache;
mod error;
mod hash;
mod json;
mod keys;
mod manifest;
mod serialize;
mod sign;
mod sigstore;
mod statement;
mod time;
mod verify;
mod x509;

pub use bundle::{pae, Bundle, Material, MAX_BUNDLE_BYTES, MEDIA_TYPE, PAYLOAD_TYPE};
pub use error::{Error, Result};
pub use hash::HashAlgorithm;
pub use json::pretty_json;
pub use keys::{der_to_pem, load_private_key, load_public_key, PublicKey, SigningKey};
pub use manifest::{parse_shard_name, Manifest, Method, Resource, Serialization, ShardNaming, DEFAULT_SHARD_SIZE};
pub use serialize::{hash_model, hash_model_with_progress, HashOptions, DEFAULT_IGNORES};
pub use sign::{sign_manifest, sign_payload, Signer};
pub use sigstore::{Identity, TrustedRoot, PUBLIC_GOOD_TRUSTED_ROOT};
pub use statement::{parse_payload, to_payload, SignedStatement, PREDICATE_TYPE, STATEMENT_TYPE};
pub use time::format_unix_utc;
pub use verify::{verify, verify_envelope, Mismatch, Trust, Verified, VerifyOptions};
pub use x509::{certs_from_pem, Cert};

/// Write `bytes` to `path` atomically (temporary file in the same directory,
/// then rename), never leaving a half-written file.
///
/// # Errors
/// I/O errors, naming the path.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes).map(|()| true)).map(|_| ())
}

/// Write `path` atomically from `write`, which streams the content into a
/// buffered temporary file in the same directory: the file replaces `path`
/// only when `write` returns `Ok(true)`, and is removed otherwise (also on
/// an error), so `path` is never left half written. Returns what `write`
/// returned.
///
/// # Errors
/// I/O errors, `write`'s included, naming the path.
pub fn write_atomic_with(
    path: &std::path::Path,
    write: impl FnOnce(&mut (dyn std::io::Write + Send)) -> std::io::Result<bool>,
) -> Result<bool> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    // A fresh, randomly named file created exclusively: never follows a
    // planted symlink; renamed over the target only when complete.
    let run = || -> std::io::Result<bool> {
        let tmp = tempfile::Builder::new()
            .prefix(".mlsec-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, tmp);
        if !write(&mut w)? {
            return Ok(false);
        }
        w.flush()?;
        let tmp = w.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(true)
    };
    run().map_err(|e| Error::io(path, e))
}
