//! Walking paths, reading files (memory-mapped) and scanning them in parallel.

use std::path::{Path, PathBuf};

use mlsec_diagnostics::{FileReport, Verdict};
use rayon::prelude::*;

use crate::analyzers::{self, Cx};
use crate::policy::Policy;
use crate::Error;

/// Scanner options (resolved from CLI, environment and `mlsec.toml` by the caller).
#[derive(Debug, Clone)]
pub struct Options {
    /// Extra allowlist entries, `module.name` or `module:name`.
    pub allow: Vec<String>,
    /// Largest decompressed member or nested payload, bytes.
    pub max_member_bytes: u64,
    /// Largest compression ratio accepted.
    pub max_ratio: u64,
    /// Deepest archive/payload nesting.
    pub max_depth: u32,
    /// Most pickle opcodes per pickle.
    pub max_ops: u64,
    /// Compute the SHA-256 of each file.
    pub hash: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            allow: Vec::new(),
            max_member_bytes: 4 << 30,
            max_ratio: 200,
            max_depth: 8,
            max_ops: 200_000_000,
            hash: false,
        }
    }
}

impl Options {
    /// Most bytes a compressed stream of `compressed_len` bytes is decoded to
    /// before it counts as a decompression bomb: `max_ratio` times its size,
    /// at least 256 MiB, at most `max_member_bytes`.
    #[must_use]
    pub fn decode_limit(&self, compressed_len: u64) -> u64 {
        let ratio_cap = compressed_len.saturating_mul(self.max_ratio).max(256 << 20);
        self.max_member_bytes.min(ratio_cap)
    }
}

/// A configured scanner.
#[derive(Debug, Clone)]
pub struct Scanner {
    opts: Options,
    policy: Policy,
}

/// Expand directories into the files below them (sorted). Symbolic links are
/// followed (Hugging Face caches link snapshots to blobs). Problems (a missing
/// path, an unreadable directory, a link loop) are returned next to the files
/// found, so one bad entry does not hide the rest.
#[must_use]
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(source) => {
                errors.push(Error::Io {
                    path: p.clone(),
                    source,
                });
                continue;
            }
        };
        if meta.is_file() {
            out.push(p.clone());
            continue;
        }
        if !meta.is_dir() {
            // FIFOs, sockets and devices could block or never end.
            errors.push(Error::Io {
                path: p.clone(),
                source: std::io::Error::other("not a regular file or directory"),
            });
            continue;
        }
        for entry in walkdir::WalkDir::new(p).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() => out.push(e.into_path()),
                Ok(_) => {}
                Err(e) => errors.push(Error::Io {
                    path: e.path().map_or_else(|| p.clone(), Path::to_path_buf),
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
                }),
            }
        }
    }
    (out, errors)
}

impl Scanner {
    /// A scanner with these options.
    #[must_use]
    pub fn new(opts: Options) -> Self {
        let policy = Policy::with_allow(&opts.allow);
        Scanner { opts, policy }
    }

    /// Scan many files on all cores; `on_done` is called as each file finishes.
    pub fn scan_all(&self, files: &[PathBuf], on_done: &(dyn Fn(&FileReport) + Sync)) -> Vec<FileReport> {
        files
            .par_iter()
            .map(|f| {
                let r = self.scan_file(f);
                on_done(&r);
                r
            })
            .collect()
    }

    /// Scan one file. I/O problems become a `could-not-scan` verdict with the reason.
    #[must_use]
    pub fn scan_file(&self, path: &Path) -> FileReport {
        let display = path.to_string_lossy().replace('\\', "/");
        let fail = |reason: String, size: u64| FileReport {
            path: display.clone(),
            format: "unknown".into(),
            size,
            sha256: None,
            verdict: Verdict::CouldNotScan,
            reason: Some(reason),
            findings: Vec::new(),
        };
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return fail(format!("cannot open: {e}"), 0),
        };
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let map;
        let owned;
        let data: &[u8] = if size == 0 {
            &[]
        } else if size < 1 << 20 {
            owned = match std::fs::read(path) {
                Ok(v) => v,
                Err(e) => return fail(format!("cannot read: {e}"), size),
            };
            &owned
        } else {
            map = match map_file(&file, size) {
                Ok(m) => m,
                Err(e) => return fail(format!("cannot map: {e}"), size),
            };
            &map
        };
        let mut report = self.scan_bytes(&display, data);
        report.size = size;
        report
    }

    /// Scan bytes already in memory, reported under `display` as the path.
    #[must_use]
    pub fn scan_bytes(&self, display: &str, data: &[u8]) -> FileReport {
        let mut cx = Cx::new(display, &self.policy, &self.opts);
        let format = analyzers::scan(&mut cx, data, &[], 0);
        if analyzers::NOT_INSPECTED.contains(&format) {
            return FileReport {
                path: display.to_string(),
                format: format.to_string(),
                size: data.len() as u64,
                sha256: self.opts.hash.then(|| hex_sha256(data)),
                verdict: Verdict::NotAModel,
                reason: Some(format!("`{format}` files are not inspected by this release")),
                findings: Vec::new(),
            };
        }
        let is_model = format != "unknown" && format != "empty";
        let mut findings = cx.findings;
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.message == b.message);
        let reason = cx.incomplete;
        let verdict = FileReport::verdict_for(&findings, reason.as_deref(), is_model);
        FileReport {
            path: display.to_string(),
            format: format.to_string(),
            size: data.len() as u64,
            sha256: self.opts.hash.then(|| hex_sha256(data)),
            verdict,
            reason,
            findings,
        }
    }
}

fn hex_sha256(d: &[u8]) -> String {
    use sha2::Digest as _;
    let h = sha2::Sha256::digest(d);
    h.iter().map(|b| format!("{b:02x}")).collect()
}

#[expect(
    unsafe_code,
    reason = "memory-mapping a file is unsafe if another process truncates it; we only read"
)]
fn map_file(f: &std::fs::File, size: u64) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: the map is read-only and private to this scan. A concurrent truncation
    // by another process could raise SIGBUS; model files are not expected to change
    // while being scanned, and files under 1 MiB are read instead of mapped.
    // Files up to 256 MiB are usually read whole (pickles): pre-fault them in one go.
    // Larger ones (zip checkpoints) are read sparsely, so pages are faulted on demand.
    let mut opts = memmap2::MmapOptions::new();
    if size <= 256 << 20 {
        opts.populate();
    }
    unsafe { opts.map(f) }
}
