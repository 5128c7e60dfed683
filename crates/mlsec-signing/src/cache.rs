//! An optional digest cache for re-signing: digests of unchanged files are
//! reused, keyed by (absolute path, size, mtime, inode, range, algorithm).
//! Signing only; verification always re-reads every byte.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::hash::HashAlgorithm;
use crate::serialize::ModelFile;

/// Cache file format version.
const VERSION: u64 = 1;

pub(crate) struct DigestCache {
    path: PathBuf,
    old: HashMap<String, String>,
    new: Mutex<HashMap<String, String>>,
}

fn key(f: &ModelFile, start: u64, end: u64, alg: HashAlgorithm) -> Option<String> {
    let abs = std::fs::canonicalize(&f.path).ok()?;
    let mtime = f
        .meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    let ino = {
        use std::os::unix::fs::MetadataExt as _;
        (f.meta.dev(), f.meta.ino())
    };
    #[cfg(not(unix))]
    let ino = (0u64, 0u64);
    Some(format!(
        "{}\u{0}{}\u{0}{mtime}\u{0}{}:{}\u{0}{start}:{end}\u{0}{}",
        abs.display(),
        f.size,
        ino.0,
        ino.1,
        alg.name()
    ))
}

impl DigestCache {
    /// Load the cache at `path` (a missing file is an empty cache; a corrupt one is an error).
    pub(crate) fn load(path: &Path) -> Result<Self> {
        let old = match std::fs::read(path) {
            Ok(bytes) => {
                let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
                    Error::model(
                        path,
                        format!("digest cache is not valid JSON ({e}); delete it to start afresh"),
                    )
                })?;
                if v.get("version").and_then(serde_json::Value::as_u64) != Some(VERSION) {
                    HashMap::new()
                } else {
                    v.get("entries")
                        .and_then(|e| serde_json::from_value(e.clone()).ok())
                        .unwrap_or_default()
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => HashMap::new(),
            Err(e) => return Err(Error::io(path, e)),
        };
        Ok(Self {
            path: path.to_path_buf(),
            old,
            new: Mutex::new(HashMap::new()),
        })
    }

    pub(crate) fn get(&self, f: &ModelFile, start: u64, end: u64, alg: HashAlgorithm) -> Option<Vec<u8>> {
        let k = key(f, start, end, alg)?;
        let hexd = self.old.get(&k)?;
        let d = hex::decode(hexd).ok().filter(|d| d.len() == alg.digest_len())?;
        self.new.lock().ok()?.insert(k, hexd.clone());
        Some(d)
    }

    pub(crate) fn put(&self, f: &ModelFile, start: u64, end: u64, alg: HashAlgorithm, digest: &[u8]) {
        if let (Some(k), Ok(mut m)) = (key(f, start, end, alg), self.new.lock()) {
            m.insert(k, hex::encode(digest));
        }
    }

    /// Write the entries used or computed in this run, atomically.
    pub(crate) fn save(&self) -> Result<()> {
        let entries = self.new.lock().map(|m| m.clone()).unwrap_or_default();
        let entries: std::collections::BTreeMap<_, _> = entries.into_iter().collect();
        let body = serde_json::json!({ "version": VERSION, "entries": entries });
        crate::write_atomic(&self.path, serde_json::to_string(&body).unwrap_or_default().as_bytes())
    }
}
