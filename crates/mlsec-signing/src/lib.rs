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
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    // A fresh, randomly named file created exclusively: never follows a
    // planted symlink; renamed over the target only when complete.
    let write = || -> std::io::Result<()> {
        let mut tmp = tempfile::Builder::new()
            .prefix(".mlsec-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| Error::io(path, e))
}
