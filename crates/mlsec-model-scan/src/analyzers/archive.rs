//! Containers: zip (PyTorch checkpoints, NumPy `.npz`, Keras and plain archives),
//! tar (including the legacy PyTorch tar layout), 7z, and compressed streams
//! (joblib's zlib/gzip/bz2/xz/lzma/lz4). Members are scanned by content.

use mlsec_archive::{compress, sevenz, tar, zip, Issue, Kind, Member};
use mlsec_diagnostics::codes::{
    ARC_BOMB, ARC_DUPLICATE, ARC_ENCRYPTED, ARC_HEADER_MISMATCH, ARC_MALFORMED, ARC_PATH_TRAVERSAL, ARC_POLYGLOT,
    ARC_SYMLINK, ARC_UNSUPPORTED, FMT_LEGACY_TORCH, LIM_EXCEEDED,
};
use mlsec_diagnostics::Severity;

use super::Cx;

fn child(chain: &[String], name: &str) -> Vec<String> {
    let mut c = chain.to_vec();
    c.push(name.to_string());
    c
}

/// Report one archive issue as a finding.
fn issue(cx: &mut Cx<'_>, chain: &[String], name: &str, offset: Option<u64>, is: &Issue) {
    let c = if name.is_empty() {
        chain.to_vec()
    } else {
        child(chain, name)
    };
    match is {
        Issue::PathEscape => {
            cx.add(
                &ARC_PATH_TRAVERSAL,
                &c,
                offset,
                format!("member path `{name}` is absolute or escapes the archive root"),
                name.to_string(),
            );
        }
        Issue::HeaderMismatch(what) => {
            cx.add(
                &ARC_HEADER_MISMATCH,
                &c,
                offset,
                format!("zip headers disagree: {what}"),
                what.clone(),
            );
        }
        Issue::Duplicate => {
            cx.add(
                &ARC_DUPLICATE,
                &c,
                offset,
                format!("member name `{name}` appears more than once; every copy was scanned"),
                name.to_string(),
            );
        }
        Issue::Bomb(what) => {
            cx.add(
                &ARC_BOMB,
                &c,
                offset,
                format!("decompression bomb: {what}"),
                what.clone(),
            );
            cx.mark_incomplete(format!("decompression limit reached: {what}"));
        }
        Issue::Encrypted => {
            cx.add(
                &ARC_ENCRYPTED,
                &c,
                offset,
                "member is encrypted and was not scanned".into(),
                name.to_string(),
            );
            cx.mark_incomplete(format!("encrypted member `{name}`"));
        }
        Issue::Unsupported(m) => {
            cx.add(
                &ARC_UNSUPPORTED,
                &c,
                offset,
                format!("member uses unsupported compression `{m}` and was not scanned"),
                m.clone(),
            );
            cx.mark_incomplete(format!("unsupported compression `{m}` in `{name}`"));
        }
        Issue::Malformed(what) => {
            cx.add(
                &ARC_MALFORMED,
                &c,
                offset,
                format!("archive is malformed: {what}"),
                what.clone(),
            );
        }
        Issue::Prefix(n) => {
            cx.add(
                &ARC_POLYGLOT,
                &c,
                Some(0),
                format!("{n} bytes of other data precede the zip archive"),
                format!("{n} bytes"),
            )
            .severity = Severity::Low;
        }
        Issue::TooManyMembers => {
            cx.add(
                &LIM_EXCEEDED,
                &c,
                offset,
                "archive has more members than the limit; the rest were not scanned".into(),
                "max_members".into(),
            );
            cx.mark_incomplete("archive member limit reached".into());
        }
    }
}

fn is_storage(name: &str) -> bool {
    // PyTorch zip storages: `<root>/data/<key>`; never unpickled by torch.load.
    let mut parts = name.rsplit('/');
    let last = parts.next().unwrap_or("");
    parts.next() == Some("data") && !last.is_empty() && !last.contains('.')
}

/// Scan a zip archive.
pub(crate) fn scan_zip(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32) -> &'static str {
    let limits = cx.archive_limits();
    let dir = zip::directory(data, &limits);
    for is in &dir.issues {
        issue(cx, chain, "", None, is);
    }
    let torch = dir
        .entries
        .iter()
        .any(|e| e.name.ends_with("data.pkl") || e.name.ends_with("/.data/version"));
    let npz = !dir.entries.is_empty() && dir.entries.iter().all(|e| e.name.ends_with(".npy"));
    let keras = dir.entries.iter().any(|e| e.name == "config.json")
        && dir.entries.iter().any(|e| e.name.ends_with(".weights.h5"));
    for e in &dir.entries {
        for is in &e.issues {
            issue(cx, chain, &e.name, Some(e.data_offset), is);
        }
        if e.kind == Kind::Dir {
            continue;
        }
        // torch.load reads storages as raw bytes, but `numpy.load` on the same zip
        // unpickles any member that starts with the .npy magic: peek at the head.
        if torch && is_storage(&e.name) && !zip::read_head(data, e, 16).is_some_and(|h| h.starts_with(b"\x93NUMPY")) {
            continue;
        }
        // A large compressed NumPy array (np.savez_compressed) needs only its header.
        if e.method != 0 && e.uncompressed > 1 << 20 {
            if let Some(head) = zip::read_head(data, e, 64 << 10) {
                if super::npy::is_plain_array(&head) {
                    continue;
                }
            }
        }
        let content = match zip::read(data, e, &limits) {
            Ok(c) => c,
            Err(is) => {
                issue(cx, chain, &e.name, Some(e.data_offset), &is);
                continue;
            }
        };
        if let Kind::Symlink(_) = e.kind {
            let target = String::from_utf8_lossy(&content[..content.len().min(4096)]).into_owned();
            link(cx, chain, &e.name, &target, "symbolic");
            continue;
        }
        let format = super::scan(cx, &content, &child(chain, &e.name), depth + 1);
        if e.flags & 1 != 0 && format == "unknown" {
            // The encryption flag is set and the content is not readable as plain data.
            issue(cx, chain, &e.name, Some(e.data_offset), &Issue::Encrypted);
        }
    }
    if torch {
        "pytorch-zip"
    } else if npz {
        "numpy-npz"
    } else if keras {
        "keras"
    } else {
        "zip"
    }
}

fn link(cx: &mut Cx<'_>, chain: &[String], name: &str, target: &str, what: &str) {
    let escapes = mlsec_archive::path_escapes(target) || {
        // Resolve relative to the member's directory.
        let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
        mlsec_archive::path_escapes(&format!("{dir}/{target}"))
    };
    let f = cx.add(
        &ARC_SYMLINK,
        &child(chain, name),
        None,
        format!(
            "{what} link `{name}` points to `{target}`{}",
            if escapes { ", outside the archive" } else { "" }
        ),
        target.to_string(),
    );
    if escapes {
        f.severity = Severity::High;
    }
}

fn scan_members(cx: &mut Cx<'_>, members: &[Member<'_>], chain: &[String], depth: u32) {
    for m in members {
        for is in &m.issues {
            issue(cx, chain, &m.name, Some(m.offset), is);
        }
        match &m.kind {
            Kind::Symlink(t) => link(cx, chain, &m.name, t, "symbolic"),
            Kind::Hardlink(t) => link(cx, chain, &m.name, t, "hard"),
            Kind::File => {
                if let Some(d) = &m.data {
                    super::scan(cx, d, &child(chain, &m.name), depth + 1);
                }
            }
            Kind::Dir | Kind::Other => {}
        }
    }
}

/// Scan a tar archive.
pub(crate) fn scan_tar(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32) -> &'static str {
    let (members, issues) = tar::read(data, &cx.archive_limits());
    for is in &issues {
        issue(cx, chain, "", None, is);
    }
    if let Some(Issue::Malformed(msg)) = issues.iter().find(|i| matches!(i, Issue::Malformed(_))) {
        // Where the reader lost its way, tarfile may still find members.
        cx.mark_incomplete(format!("tar archive could not be read completely: {msg}"));
    }
    let names: Vec<&str> = members.iter().map(|m| m.name.trim_start_matches("./")).collect();
    let legacy = ["sys_info", "pickle", "storages"].iter().all(|n| names.contains(n));
    if legacy {
        cx.add(
            &FMT_LEGACY_TORCH,
            chain,
            Some(0),
            "legacy PyTorch tar checkpoint".into(),
            "tar: sys_info, pickle, storages".into(),
        );
    }
    scan_members(cx, &members, chain, depth);
    if legacy {
        "pytorch-legacy-tar"
    } else {
        "tar"
    }
}

/// Scan a 7z archive.
pub(crate) fn scan_7z(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32) -> &'static str {
    let (members, issues) = sevenz::read(data, &cx.archive_limits());
    for is in &issues {
        issue(cx, chain, "", None, is);
    }
    if let Some(Issue::Malformed(msg)) = issues.iter().find(|i| matches!(i, Issue::Malformed(_))) {
        // What could not be decoded was not scanned.
        cx.mark_incomplete(format!("7z archive could not be read completely: {msg}"));
    }
    scan_members(cx, &members, chain, depth);
    "7z"
}

/// Scan a compressed stream; `None` when it does not decompress at all (a false magic match).
pub(crate) fn scan_compressed(
    cx: &mut Cx<'_>,
    codec: compress::Codec,
    data: &[u8],
    chain: &[String],
    depth: u32,
) -> Option<&'static str> {
    let limit = cx.opts.decode_limit(data.len() as u64);
    let name = format!("<{}>", codec.name());
    let (out, read_through) = decode(codec, data, limit);
    match out.error {
        Some(msg) if msg.starts_with("expands beyond") => {
            issue(
                cx,
                chain,
                &name,
                Some(0),
                &Issue::Bomb(format!(
                    "{} stream {msg} (compressed {} bytes)",
                    codec.name(),
                    data.len()
                )),
            );
            return Some(codec.name());
        }
        // Sniffing zlib and lzma-alone by two bytes is weak: nothing decoded means
        // the file was not one.
        Some(_) if out.data.is_empty() && matches!(codec, compress::Codec::Lzma | compress::Codec::Zlib) => {
            return None;
        }
        Some(msg) => {
            issue(
                cx,
                chain,
                &name,
                Some(0),
                &Issue::Malformed(format!("{} stream: {msg}", codec.name())),
            );
            if out.data.is_empty() {
                cx.mark_incomplete(format!("corrupt {} stream", codec.name()));
            }
        }
        None => {}
    }
    if !out.data.is_empty() && !read_through {
        super::scan(cx, &out.data, &child(chain, &name), depth + 1);
    }
    Some(codec.name())
}

/// Bytes of a stream decoded before deciding whether it must be held whole.
const TEXT_HEAD: usize = 1 << 20;

/// `data` decoded for scanning, and whether it was only read through. A
/// long stream of plain text (a compressed dataset, which the dataset
/// scanner reads as it decodes) is decoded without being held: no model
/// format starts like text, and unless a zip directory ends it there is
/// nothing in it to scan here, so only its head is returned, with the
/// stream's error. Anything else is decoded whole.
fn decode(codec: compress::Codec, data: &[u8], limit: u64) -> (compress::Decompressed, bool) {
    use std::io::Read as _;
    let mut stream = compress::Stream::new(codec, data, limit);
    let mut head = Vec::new();
    // `Stream::read` never fails; an error ends the output.
    let _ = (&mut stream).take(TEXT_HEAD as u64 + 1).read_to_end(&mut head);
    if head.len() <= TEXT_HEAD || !plain_text(&head) {
        let _ = stream.read_to_end(&mut head);
        let error = stream.error().map(str::to_owned);
        return (compress::Decompressed { data: head, error }, false);
    }
    // Read through, keeping the end, where a zip directory would sit.
    const TAIL: usize = 22 + 65_535;
    let mut tail = head[head.len() - TAIL..].to_vec();
    let mut piece = vec![0u8; 256 << 10];
    loop {
        let n = stream.read(&mut piece).unwrap_or(0);
        if n == 0 {
            break;
        }
        tail.extend_from_slice(&piece[..n]);
        if tail.len() > 8 * TAIL {
            tail.drain(..tail.len() - TAIL);
        }
    }
    if mlsec_archive::zip::find_eocd(&tail).is_some() {
        // A zip appended to the text: the whole stream is scanned after all.
        return (compress::decompress(codec, data, limit), false);
    }
    let error = stream.error().map(str::to_owned);
    (compress::Decompressed { data: head, error }, true)
}

/// Whether `head` is plain text that no model format starts like: no
/// control bytes (every binary format's header has some), not a
/// protocol-0 pickle, not NumPy's `\x93NUMPY`.
fn plain_text(head: &[u8]) -> bool {
    !head.iter().any(|&b| b < 0x09 || (0x0e..0x20).contains(&b) || b == 0x7f)
        && !head.starts_with(b"\x93NUMPY")
        && !mlsec_pickle::looks_like_pickle(head)
        && compress::detect(head).is_none()
}
