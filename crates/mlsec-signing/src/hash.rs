//! Content hashing: the OMS hash algorithms, and hashing a whole file or one
//! byte range of it with a large reused buffer. Scheduling across cores lives
//! in `serialize`; this module hashes one unit.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use sha2::Digest as _;

use crate::error::{Error, Result};

/// Hash algorithms of the OMS algorithm registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HashAlgorithm {
    /// SHA-256 (required; the default).
    Sha256,
    /// BLAKE2b with a 512-bit output (what `hashlib.blake2b()` gives).
    Blake2b,
    /// BLAKE3 (256-bit), hashed in parallel inside large files.
    Blake3,
}

impl HashAlgorithm {
    /// The identifier written in `hash_type` and `algorithm`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha256 => "sha256",
            Self::Blake2b => "blake2b",
            Self::Blake3 => "blake3",
        }
    }

    /// Parse an identifier; `blake2` (the reference tool's option name) is
    /// accepted for `blake2b`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "sha256" => Some(Self::Sha256),
            "blake2b" | "blake2" => Some(Self::Blake2b),
            "blake3" => Some(Self::Blake3),
            _ => None,
        }
    }

    /// Digest length in bytes.
    #[must_use]
    pub fn digest_len(self) -> usize {
        match self {
            Self::Sha256 | Self::Blake3 => 32,
            Self::Blake2b => 64,
        }
    }

    /// Hash bytes in memory.
    #[must_use]
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut h = Hasher::new(self);
        h.update(data, false);
        h.finish()
    }
}

impl std::fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A streaming hasher over one of the algorithms.
pub(crate) enum Hasher {
    Sha256(sha2::Sha256),
    Blake2b(Box<blake2::Blake2b512>),
    Blake3(Box<blake3::Hasher>),
}

impl Hasher {
    pub(crate) fn new(alg: HashAlgorithm) -> Self {
        match alg {
            HashAlgorithm::Sha256 => Self::Sha256(sha2::Sha256::new()),
            HashAlgorithm::Blake2b => Self::Blake2b(Box::default()),
            HashAlgorithm::Blake3 => Self::Blake3(Box::default()),
        }
    }

    /// Feed bytes; `parallel` lets BLAKE3 spread one buffer over all cores.
    pub(crate) fn update(&mut self, data: &[u8], parallel: bool) {
        match self {
            Self::Sha256(h) => h.update(data),
            Self::Blake2b(h) => h.update(data),
            Self::Blake3(h) => {
                if parallel && data.len() >= 1 << 20 {
                    h.update_rayon(data);
                } else {
                    h.update(data);
                }
            }
        }
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        match self {
            Self::Sha256(h) => h.finalize().to_vec(),
            Self::Blake2b(h) => h.finalize().to_vec(),
            Self::Blake3(h) => h.finalize().as_bytes().to_vec(),
        }
    }
}

/// Read buffer per worker for small ranges (fits in L2 with the hash state).
pub(crate) const BUFFER: usize = 256 << 10;

/// Ranges at least this long are hashed from a memory map: no copy, and
/// BLAKE3 can spread one map over all cores.
const MAP_AT: u64 = 4 << 20;

thread_local! {
    static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Hash `len` bytes of `path` from `start`. Fails if the file is shorter than
/// expected (it changed while being hashed).
pub(crate) fn hash_range(path: &Path, start: u64, len: u64, alg: HashAlgorithm, parallel: bool) -> Result<Vec<u8>> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    if len >= MAP_AT {
        let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
        if size < start.saturating_add(len) {
            return Err(Error::model(
                path,
                "the file became shorter while it was being hashed; hash it again when nothing writes to it",
            ));
        }
        if let Ok(map) = map_range(&file, start, len) {
            let mut hasher = Hasher::new(alg);
            // Feed in slices so the SHA-2 and BLAKE2 loops stay in cache-sized steps.
            for chunk in map.chunks(64 << 20) {
                hasher.update(chunk, parallel);
            }
            return Ok(hasher.finish());
        }
    }
    if start > 0 {
        file.seek(SeekFrom::Start(start)).map_err(|e| Error::io(path, e))?;
    }
    BUF.with(|cell| {
        let mut buf = cell.borrow_mut();
        let want = usize::try_from(len).unwrap_or(usize::MAX).clamp(1, BUFFER);
        if buf.len() < want {
            buf.resize(want, 0);
        }
        let mut hasher = Hasher::new(alg);
        let mut left = len;
        while left > 0 {
            let n = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
            let got = read_full(&mut file, &mut buf[..n]).map_err(|e| Error::io(path, e))?;
            if got == 0 {
                return Err(Error::model(
                    path,
                    "the file became shorter while it was being hashed; hash it again when nothing writes to it",
                ));
            }
            hasher.update(&buf[..got], parallel);
            left -= got as u64;
        }
        Ok(hasher.finish())
    })
}

/// Map `len` bytes of `file` from `start` read-only.
#[allow(
    unsafe_code,
    reason = "memory-mapping is unsafe if another process truncates the file while it is mapped (SIGBUS); \
              signing reads files the user owns, as b3sum does; verification of hostile trees falls \
              back to read() only on map failure"
)]
fn map_range(file: &File, start: u64, len: u64) -> std::io::Result<memmap2::Mmap> {
    let len = usize::try_from(len).map_err(|_| std::io::Error::other("range too large to map"))?;
    let mut opts = memmap2::MmapOptions::new();
    opts.offset(start).len(len);
    // SAFETY: read-only map of a file we opened; the size was checked above.
    // Concurrent truncation by another process is the documented risk.
    let map = unsafe { opts.map(file) }?;
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::Sequential);
    Ok(map)
}

fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        assert_eq!(
            hex::encode(HashAlgorithm::Sha256.digest(b"abcd")),
            "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589"
        );
        assert_eq!(
            hex::encode(HashAlgorithm::Blake3.digest(b"")),
            "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"
        );
        assert_eq!(HashAlgorithm::Blake2b.digest(b"").len(), 64);
        assert_eq!(
            hex::encode(&HashAlgorithm::Blake2b.digest(b"")[..8]),
            "786a02f742015903"
        );
    }

    #[test]
    fn ranges_match_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&p, &data).unwrap();
        for alg in [HashAlgorithm::Sha256, HashAlgorithm::Blake2b, HashAlgorithm::Blake3] {
            assert_eq!(hash_range(&p, 0, 100_000, alg, true).unwrap(), alg.digest(&data));
            assert_eq!(
                hash_range(&p, 1000, 500, alg, false).unwrap(),
                alg.digest(&data[1000..1500])
            );
        }
        assert!(hash_range(&p, 99_000, 5000, HashAlgorithm::Sha256, false).is_err());
    }
}
