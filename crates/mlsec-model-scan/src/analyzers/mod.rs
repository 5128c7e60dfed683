//! Format analyzers, chosen by content. Every analyzer appends findings to one
//! [`Cx`] and may recurse into members or embedded payloads through [`scan`].
//!
//! Selection order (first match wins): zip (`PK\x03\x04`), NumPy (`\x93NUMPY`),
//! 7z, compression (gzip, zlib, bzip2, xz, lzma, lz4), tar (a valid first header),
//! pickle (a valid first opcode that simulates like a pickle), then a zip found
//! only from its end (data prepended to an archive). A file taken for zip, tar or
//! a compressed stream that also runs as a pickle from byte 0 is scanned as both.

mod archive;
mod npy;
mod pickle;

use mlsec_diagnostics::{Finding, Location, Rule};

use crate::policy::Policy;
use crate::scan::Options;

/// Accumulates findings for one top-level file.
pub struct Cx<'a> {
    pub(crate) path: &'a str,
    pub(crate) policy: &'a Policy,
    pub(crate) opts: &'a Options,
    pub(crate) findings: Vec<Finding>,
    /// Why the file could not be examined completely, if it could not.
    pub(crate) incomplete: Option<String>,
    /// Embedded (dormant) pickles scanned so far; bounded per file.
    pub(crate) embedded_scans: u32,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(path: &'a str, policy: &'a Policy, opts: &'a Options) -> Self {
        Cx {
            path,
            policy,
            opts,
            findings: Vec::new(),
            incomplete: None,
            embedded_scans: 0,
        }
    }

    pub(crate) fn loc(&self, chain: &[String], offset: Option<u64>, op: Option<u64>) -> Location {
        Location {
            path: self.path.to_string(),
            member: chain.to_vec(),
            offset,
            opcode_index: op,
            ..Location::default()
        }
    }

    pub(crate) fn add(
        &mut self,
        rule: &'static Rule,
        chain: &[String],
        offset: Option<u64>,
        message: String,
        evidence: String,
    ) -> &mut Finding {
        let loc = self.loc(chain, offset, None);
        self.findings.push(Finding::new(rule, loc, message, evidence));
        self.findings.last_mut().expect("just pushed")
    }

    pub(crate) fn mark_incomplete(&mut self, reason: String) {
        if self.incomplete.is_none() {
            self.incomplete = Some(reason);
        }
    }

    pub(crate) fn archive_limits(&self) -> mlsec_archive::Limits {
        mlsec_archive::Limits {
            max_member_bytes: self.opts.max_member_bytes,
            max_ratio: self.opts.max_ratio,
            max_members: 100_000,
        }
    }
}

/// Scan `data` (the file, a member, or a payload) reached through `chain`.
/// Returns the detected format name.
pub(crate) fn scan(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32) -> &'static str {
    use mlsec_archive::{compress, sevenz, tar, zip};
    if depth > cx.opts.max_depth {
        cx.add(
            &mlsec_diagnostics::codes::ARC_DEPTH,
            chain,
            None,
            format!("nesting deeper than {} levels was not opened", cx.opts.max_depth),
            format!("depth {depth}"),
        );
        cx.mark_incomplete(format!("nesting deeper than {} levels", cx.opts.max_depth));
        return "nested";
    }
    if data.is_empty() {
        return "empty";
    }
    if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        let f = archive::scan_zip(cx, data, chain, depth);
        also_pickle(cx, data, chain, depth, f);
        return f;
    }
    if data.starts_with(b"\x93NUMPY") {
        return npy::scan_npy(cx, data, chain, depth);
    }
    if sevenz::is_7z(data) {
        return archive::scan_7z(cx, data, chain, depth);
    }
    if let Some(codec) = compress::detect(data) {
        if let Some(f) = archive::scan_compressed(cx, codec, data, chain, depth) {
            also_pickle(cx, data, chain, depth, f);
            return f;
        }
    }
    if tar::is_tar(data) {
        let f = archive::scan_tar(cx, data, chain, depth);
        also_pickle(cx, data, chain, depth, f);
        return f;
    }
    if mlsec_pickle::looks_like_pickle(data) {
        if let Some(f) = pickle::scan_pickle_file(cx, data, chain, depth) {
            return f;
        }
    }
    if zip::find_eocd(data).is_some() {
        return archive::scan_zip(cx, data, chain, depth);
    }
    not_inspected(data).unwrap_or("unknown")
}

/// A file taken for another format (its magic bytes say zip, tar, bzip2, ...) may
/// at the same time be a pickle that `pickle.load` runs from byte 0: `BZh` starts
/// with BINBYTES, `PK` with PERSID, and "ustar" at 257 can sit inside a pickle
/// string. When the bytes, run as a pickle, import well-formed names or call
/// anything (before STOP or a later error), both views are scanned.
fn also_pickle(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32, format: &str) {
    if !mlsec_pickle::looks_like_pickle(data) {
        return;
    }
    let t = mlsec_pickle::simulate(
        data,
        &mlsec_pickle::Limits {
            max_ops: 1_000_000,
            ..pickle::limits(cx)
        },
    );
    // The loader runs each opcode before it meets a later error, so a view that
    // imports a real-looking name, calls anything, or outlasts the opcode budget is
    // scanned, whether or not it reaches STOP.
    let imports_real = t
        .imports
        .iter()
        .any(|i| i.module.is_plausible_name() && i.name.is_plausible_name());
    let limit = matches!(t.end(), mlsec_pickle::End::Limit { .. });
    if !imports_real && t.calls.is_empty() && !limit {
        return;
    }
    cx.add(
        &mlsec_diagnostics::codes::ARC_POLYGLOT,
        chain,
        Some(0),
        format!("the file parses as {format} and also runs as a pickle from byte 0; both were scanned"),
        format!("{format} + pickle"),
    );
    pickle::scan_pickle_file(cx, data, chain, depth);
}

/// Model formats recognised by their header but not inspected by this release.
pub(crate) const NOT_INSPECTED: &[&str] = &["safetensors", "gguf", "hdf5", "tflite"];

fn not_inspected(d: &[u8]) -> Option<&'static str> {
    if d.starts_with(b"GGUF") {
        return Some("gguf");
    }
    if d.starts_with(b"\x89HDF\r\n\x1a\n") {
        return Some("hdf5");
    }
    if d.get(4..8) == Some(b"TFL3") {
        return Some("tflite");
    }
    let n = u64::from_le_bytes(d.get(..8)?.try_into().ok()?);
    (n > 1 && n.saturating_add(8) <= d.len() as u64 && d.get(8) == Some(&b'{')).then_some("safetensors")
}
