//! The manifest: every file (or shard) of a model paired with its digest, the
//! serialization parameters that produced it, and the root digest that names
//! the whole model.

use std::cmp::Ordering;

use sha2::Digest as _;

use crate::hash::HashAlgorithm;

/// How files map to resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// One resource per file (the default).
    Files,
    /// One resource per `shard_size` bytes of each file (`path:start:end`).
    Shards {
        /// Shard size in bytes.
        shard_size: u64,
    },
}

/// Default shard size (OMS and the reference tool): 1,000,000,000 bytes.
pub const DEFAULT_SHARD_SIZE: u64 = 1_000_000_000;

/// How shard resources name their algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShardNaming {
    /// `"algorithm": "sha256"`, as OMS v1.0 section 6.3.2 requires (default).
    #[default]
    Oms,
    /// `"algorithm": "sha256-sharded-<size>"`, as `model-signing` 1.x writes;
    /// needed for its Python API to verify mlsec's sharded signatures.
    ModelSigning,
}

/// The `serialization` object of the predicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serialization {
    /// Files or shards.
    pub method: Method,
    /// Hash of each resource.
    pub hash: HashAlgorithm,
    /// Whether symbolic links were followed.
    pub allow_symlinks: bool,
    /// Paths excluded from the signature (relative to the model root, sorted).
    pub ignore_paths: Vec<String>,
}

/// One signed resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// `path` (files) or `path:start:end` (shards), `/`-separated, relative to the root.
    pub name: String,
    /// Algorithm identifier as written in the signature.
    pub algorithm: String,
    /// Raw digest bytes.
    pub digest: Vec<u8>,
}

/// A model's manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// Informational name (basename of the model path).
    pub model_name: String,
    /// Parameters needed to reproduce the resources.
    pub serialization: Serialization,
    /// Resources in canonical order.
    pub resources: Vec<Resource>,
}

impl Manifest {
    /// The OMS root digest: SHA-256 over the raw resource digests in order.
    #[must_use]
    pub fn root_digest(&self) -> [u8; 32] {
        root_digest(self.resources.iter().map(|r| r.digest.as_slice()))
    }

    /// The root digest as lowercase hex.
    #[must_use]
    pub fn root_digest_hex(&self) -> String {
        hex::encode(self.root_digest())
    }
}

pub(crate) fn root_digest<'a>(digests: impl Iterator<Item = &'a [u8]>) -> [u8; 32] {
    let mut h = sha2::Sha256::new();
    for d in digests {
        h.update(d);
    }
    h.finalize().into()
}

/// `path:start:end`.
pub(crate) fn shard_name(path: &str, start: u64, end: u64) -> String {
    format!("{path}:{start}:{end}")
}

/// Split a shard name on its last two colons (paths may contain colons).
#[must_use]
pub fn parse_shard_name(name: &str) -> Option<(&str, u64, u64)> {
    let (rest, end) = name.rsplit_once(':')?;
    let (path, start) = rest.rsplit_once(':')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if path.is_empty() || !digits(start) || !digits(end) {
        return None;
    }
    Some((path, start.parse().ok()?, end.parse().ok()?))
}

/// The order the reference tool sorts resources in, which fixes the root
/// digest: by path component (as Python compares `PurePosixPath`s), then by
/// numeric shard offsets. OMS's plain code-point order differs only when a
/// name sorts between a directory and its contents (`tokenizer.json` and
/// `tokenizer/vocab.txt`); verification accepts either, since the root digest
/// is recomputed in the order the signature lists.
pub(crate) fn canonical_cmp(a: (&str, u64, u64), b: (&str, u64, u64)) -> Ordering {
    a.0.split('/')
        .cmp(b.0.split('/'))
        .then(a.1.cmp(&b.1))
        .then(a.2.cmp(&b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_names_split_on_last_colons() {
        assert_eq!(parse_shard_name("a:b.bin:0:10"), Some(("a:b.bin", 0, 10)));
        assert_eq!(parse_shard_name("a.bin:0:x"), None);
        assert_eq!(parse_shard_name(":0:1"), None);
        assert_eq!(parse_shard_name("a.bin:-1:5"), None);
    }

    #[test]
    fn component_order_puts_directories_by_name() {
        let mut v = vec!["tokenizer.json", "tokenizer/vocab.txt", "a"];
        v.sort_by(|a, b| canonical_cmp((a, 0, 0), (b, 0, 0)));
        assert_eq!(v, ["a", "tokenizer/vocab.txt", "tokenizer.json"]);
        assert_eq!(canonical_cmp(("w", 999, 1999), ("w", 1000, 2000)), Ordering::Less);
    }
}
