//! A lenient zip reader, modelled on how PyTorch (miniz) reads checkpoints.
//!
//! Entries come from the central directory (ZIP64 aware). CRCs and flag bits are
//! ignored as PyTorch ignores them; the local header is compared with the central
//! directory and every disagreement is an [`Issue`]. Data before the archive
//! (a prefix, as in "pickle followed by zip" polyglots) is reported. Without a
//! central directory, members are recovered from local headers.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::{compress, path_escapes, Issue, Kind, Limits};

/// One entry of the central directory (or a recovered local header).
#[derive(Debug, Clone)]
pub struct Entry {
    /// Member name (lossy UTF-8).
    pub name: String,
    /// Compression method (0 store, 8 deflate, 12 bzip2, ...).
    pub method: u16,
    /// General-purpose flags.
    pub flags: u16,
    /// Compressed size.
    pub compressed: u64,
    /// Uncompressed size as declared.
    pub uncompressed: u64,
    /// Offset of the member's data in the input.
    pub data_offset: u64,
    /// Entry kind.
    pub kind: Kind,
    /// Problems with this entry.
    pub issues: Vec<Issue>,
}

/// The parsed directory of a zip archive.
#[derive(Debug, Default)]
pub struct Directory {
    /// Entries in central-directory order.
    pub entries: Vec<Entry>,
    /// Archive-level problems.
    pub issues: Vec<Issue>,
    /// Offset where the archive starts (non-zero for prefixed data).
    pub start: u64,
}

fn u16le(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}
fn u32le(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}
fn u64le(d: &[u8], at: usize) -> Option<u64> {
    d.get(at..at + 8)
        .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
}

/// Position of the end-of-central-directory record, searching the last 64 KiB.
#[must_use]
pub fn find_eocd(d: &[u8]) -> Option<usize> {
    if d.len() < 22 {
        return None;
    }
    let lo = d.len().saturating_sub(22 + 65_535);
    (lo..=d.len() - 22).rev().find(|&i| d[i..i + 4] == *b"PK\x05\x06")
}

/// True when the data starts like a zip file or ends with a zip directory.
#[must_use]
pub fn is_zip(d: &[u8]) -> bool {
    d.starts_with(b"PK\x03\x04") || d.starts_with(b"PK\x05\x06") || find_eocd(d).is_some()
}

/// Read the directory of a zip archive.
#[must_use]
pub fn directory(d: &[u8], limits: &Limits) -> Directory {
    let mut dir = Directory::default();
    let Some(eocd) = find_eocd(d) else {
        dir.issues.push(Issue::Malformed(
            "no end of central directory record; members recovered from local headers".into(),
        ));
        recover_local(d, limits, &mut dir);
        return dir;
    };
    let mut total = u64::from(u16le(d, eocd + 10).unwrap_or(0));
    let mut cd_size = u64::from(u32le(d, eocd + 12).unwrap_or(0));
    let mut cd_off = u64::from(u32le(d, eocd + 16).unwrap_or(0));
    let mut cd_end = eocd as u64;
    // ZIP64 locator just before the EOCD.
    if eocd >= 20 && d[eocd - 20..eocd - 16] == *b"PK\x06\x07" {
        if let Some(z) = u64le(d, eocd - 12).and_then(|o| usize::try_from(o).ok()) {
            let rec = (z..d.len())
                .find(|&i| d.get(i..i + 4) == Some(b"PK\x06\x06"))
                .filter(|&i| i <= eocd);
            if let Some(r) = rec {
                total = u64le(d, r + 32).unwrap_or(total);
                cd_size = u64le(d, r + 40).unwrap_or(cd_size);
                cd_off = u64le(d, r + 48).unwrap_or(cd_off);
                cd_end = r as u64;
            }
        }
    }
    // Where the directory really is; a difference means data was prepended.
    let real_cd = cd_end.saturating_sub(cd_size);
    let delta = real_cd.saturating_sub(cd_off);
    if delta > 0 {
        dir.issues.push(Issue::Prefix(delta));
    }
    dir.start = delta;
    let mut pos = usize::try_from(real_cd).unwrap_or(usize::MAX);
    let mut seen = HashSet::new();
    let mut count: u64 = 0;
    while d.get(pos..pos + 4) == Some(b"PK\x01\x02") {
        if dir.entries.len() >= limits.max_members {
            dir.issues.push(Issue::TooManyMembers);
            break;
        }
        let Some(e) = parse_central(d, pos, delta) else {
            dir.issues.push(Issue::Malformed(format!(
                "central directory entry at offset {pos} is truncated"
            )));
            break;
        };
        pos = e.1;
        let mut entry = e.0;
        if !seen.insert(entry.name.clone()) {
            entry.issues.push(Issue::Duplicate);
        }
        if path_escapes(&entry.name) {
            entry.issues.push(Issue::PathEscape);
        }
        dir.entries.push(entry);
        count += 1;
    }
    // A second directory at the declared offset: PyTorch's reader (miniz) trusts the
    // offset, Python's zipfile the position before the end record. Read both.
    if delta > 0 {
        let mut pos = usize::try_from(cd_off).unwrap_or(usize::MAX);
        let known: HashSet<(String, u64)> = dir.entries.iter().map(|e| (e.name.clone(), e.data_offset)).collect();
        while d.get(pos..pos + 4) == Some(b"PK\x01\x02") && dir.entries.len() < limits.max_members {
            let Some((mut entry, next)) = parse_central(d, pos, 0) else {
                break;
            };
            pos = next;
            if known.contains(&(entry.name.clone(), entry.data_offset)) {
                continue;
            }
            entry.issues.push(Issue::Malformed(format!(
                "`{}` is listed in a second central directory at the declared offset {cd_off}, which \
                 PyTorch's reader uses while Python's zipfile uses the one before the end record",
                entry.name
            )));
            if !seen.insert(entry.name.clone()) {
                entry.issues.push(Issue::Duplicate);
            }
            if path_escapes(&entry.name) {
                entry.issues.push(Issue::PathEscape);
            }
            dir.entries.push(entry);
        }
    }
    if count != total && !dir.issues.contains(&Issue::TooManyMembers) {
        dir.issues.push(Issue::Malformed(format!(
            "end record declares {total} entries, central directory has {count}"
        )));
    }
    if dir.entries.is_empty() && d.starts_with(b"PK\x03\x04") {
        dir.issues.push(Issue::Malformed(
            "central directory is empty or unreadable; members recovered from local headers".into(),
        ));
        recover_local(d, limits, &mut dir);
    }
    dir
}

/// Parse the central entry at `pos`; returns the entry and the position after it.
fn parse_central(d: &[u8], pos: usize, delta: u64) -> Option<(Entry, usize)> {
    let made_by = u16le(d, pos + 4)?;
    let flags = u16le(d, pos + 8)?;
    let method = u16le(d, pos + 10)?;
    let mut csize = u64::from(u32le(d, pos + 20)?);
    let mut usize_ = u64::from(u32le(d, pos + 24)?);
    let nlen = usize::from(u16le(d, pos + 28)?);
    let xlen = usize::from(u16le(d, pos + 30)?);
    let clen = usize::from(u16le(d, pos + 32)?);
    let ext_attr = u32le(d, pos + 38)?;
    let mut local = u64::from(u32le(d, pos + 42)?);
    let name_bytes = d.get(pos + 46..pos + 46 + nlen)?;
    let extra = d.get(pos + 46 + nlen..pos + 46 + nlen + xlen)?;
    // ZIP64 extended information.
    let mut x = 0;
    while x + 4 <= extra.len() {
        let id = u16le(extra, x)?;
        let sz = usize::from(u16le(extra, x + 2)?);
        if id == 1 {
            let mut f = x + 4;
            if usize_ == 0xFFFF_FFFF {
                usize_ = u64le(extra, f).unwrap_or(usize_);
                f += 8;
            }
            if csize == 0xFFFF_FFFF {
                csize = u64le(extra, f).unwrap_or(csize);
                f += 8;
            }
            if local == 0xFFFF_FFFF {
                local = u64le(extra, f).unwrap_or(local);
            }
        }
        x += 4 + sz;
    }
    let name = String::from_utf8_lossy(name_bytes).into_owned();
    let mut issues = Vec::new();
    let kind = if made_by >> 8 == 3 && (ext_attr >> 16) & 0o170_000 == 0o120_000 {
        Kind::Symlink(String::new())
    } else if name.ends_with('/') {
        Kind::Dir
    } else {
        Kind::File
    };
    let local = local.saturating_add(delta);
    let data_offset = match usize::try_from(local)
        .ok()
        .filter(|&l| d.get(l..l + 4) == Some(b"PK\x03\x04"))
    {
        Some(l) => {
            let lflags = u16le(d, l + 6).unwrap_or(0);
            let lmethod = u16le(d, l + 8).unwrap_or(0);
            let lcsize = u64::from(u32le(d, l + 18).unwrap_or(0));
            let lnlen = usize::from(u16le(d, l + 26).unwrap_or(0));
            let lxlen = usize::from(u16le(d, l + 28).unwrap_or(0));
            let lname = d.get(l + 30..l + 30 + lnlen).unwrap_or(&[]);
            if lname != name_bytes {
                issues.push(Issue::HeaderMismatch(format!(
                    "local header names `{}`, central directory `{name}`",
                    String::from_utf8_lossy(lname)
                )));
            }
            if lmethod != method {
                issues.push(Issue::HeaderMismatch(format!(
                    "local header method {lmethod}, central directory {method}"
                )));
            }
            if lflags & 8 == 0 && lcsize != csize && lcsize != 0xFFFF_FFFF {
                issues.push(Issue::HeaderMismatch(format!(
                    "local header size {lcsize}, central directory {csize}"
                )));
            }
            (l + 30 + lnlen + lxlen) as u64
        }
        None => {
            issues.push(Issue::Malformed(format!(
                "local header of `{name}` missing at offset {local}"
            )));
            u64::MAX
        }
    };
    let entry = Entry {
        name,
        method,
        flags,
        compressed: csize,
        uncompressed: usize_,
        data_offset,
        kind,
        issues,
    };
    Some((entry, pos + 46 + nlen + xlen + clen))
}

/// Recover entries by walking local headers (no usable central directory).
fn recover_local(d: &[u8], limits: &Limits, dir: &mut Directory) {
    let mut pos = 0usize;
    let mut seen = HashSet::new();
    while let Some(rel) = memfind(&d[pos.min(d.len())..], b"PK\x03\x04") {
        let l = pos + rel;
        if dir.entries.len() >= limits.max_members {
            dir.issues.push(Issue::TooManyMembers);
            return;
        }
        let (Some(flags), Some(method), Some(csize), Some(usz), Some(nlen), Some(xlen)) = (
            u16le(d, l + 6),
            u16le(d, l + 8),
            u32le(d, l + 18),
            u32le(d, l + 22),
            u16le(d, l + 26),
            u16le(d, l + 28),
        ) else {
            return;
        };
        let name = String::from_utf8_lossy(d.get(l + 30..l + 30 + usize::from(nlen)).unwrap_or(&[])).into_owned();
        let data_offset = l + 30 + usize::from(nlen) + usize::from(xlen);
        let mut csize = u64::from(csize);
        if flags & 8 != 0 || csize == 0 {
            // Size unknown: up to the next header signature.
            let next = memfind(d.get(data_offset..).unwrap_or(&[]), b"PK\x03\x04")
                .or_else(|| memfind(d.get(data_offset..).unwrap_or(&[]), b"PK\x01\x02"))
                .unwrap_or(d.len().saturating_sub(data_offset));
            csize = next as u64;
        }
        let mut issues = Vec::new();
        if !seen.insert(name.clone()) {
            issues.push(Issue::Duplicate);
        }
        if path_escapes(&name) {
            issues.push(Issue::PathEscape);
        }
        let kind = if name.ends_with('/') { Kind::Dir } else { Kind::File };
        dir.entries.push(Entry {
            name,
            method,
            flags,
            compressed: csize,
            uncompressed: u64::from(usz),
            data_offset: data_offset as u64,
            kind,
            issues,
        });
        pos = data_offset
            .saturating_add(usize::try_from(csize).unwrap_or(usize::MAX))
            .max(l + 4);
        if pos >= d.len() {
            return;
        }
    }
}

fn memfind(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// The raw (compressed) bytes of an entry, if they lie inside the input.
#[must_use]
pub fn raw<'a>(d: &'a [u8], e: &Entry) -> Option<&'a [u8]> {
    let start = usize::try_from(e.data_offset).ok()?;
    let len = usize::try_from(e.compressed).ok()?;
    d.get(start..start.checked_add(len)?)
}

/// The first `n` bytes of an entry's content (for sniffing without inflating
/// the whole member). `None` when the method is unsupported or the data is corrupt.
#[must_use]
pub fn read_head(d: &[u8], e: &Entry, n: usize) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let raw = raw(d, e)?;
    let mut out = Vec::with_capacity(n);
    match e.method {
        0 => return Some(raw[..raw.len().min(n)].to_vec()),
        8 => flate2::read::DeflateDecoder::new(raw)
            .take(n as u64)
            .read_to_end(&mut out)
            .ok()?,
        12 => bzip2::read::BzDecoder::new(raw)
            .take(n as u64)
            .read_to_end(&mut out)
            .ok()?,
        _ => return None,
    };
    Some(out)
}

/// Read an entry's content, decompressing with limits. Stored entries are borrowed.
///
/// # Errors
/// The issue that prevented reading (bomb, unsupported method, corruption, encryption).
pub fn read<'a>(d: &'a [u8], e: &Entry, limits: &Limits) -> Result<Cow<'a, [u8]>, Issue> {
    let raw = raw(d, e).ok_or_else(|| Issue::Malformed(format!("data of `{}` lies outside the file", e.name)))?;
    let encrypted = e.flags & 1 != 0;
    let ratio_limit = (raw.len() as u64).saturating_mul(limits.max_ratio).max(256 << 20);
    let limit = limits.max_member_bytes.min(ratio_limit);
    let hint = usize::try_from(e.uncompressed.min(limit)).unwrap_or(0);
    let res = match e.method {
        0 => return Ok(Cow::Borrowed(raw)),
        8 => compress::inflate_raw(raw, limit, hint),
        12 => compress::bunzip(raw, limit, hint),
        m => {
            return Err(if encrypted {
                Issue::Encrypted
            } else {
                Issue::Unsupported(method_name(m))
            });
        }
    };
    match res {
        Ok(v) => Ok(Cow::Owned(v)),
        Err(_) if encrypted => Err(Issue::Encrypted),
        Err(msg) if msg.starts_with("expands beyond") => Err(Issue::Bomb(format!(
            "`{}` {msg} (compressed {} bytes)",
            e.name,
            raw.len()
        ))),
        Err(msg) => Err(Issue::Malformed(format!("`{}`: {msg}", e.name))),
    }
}

fn method_name(m: u16) -> String {
    match m {
        9 => "deflate64".into(),
        14 => "lzma".into(),
        93 => "zstd".into(),
        95 => "xz".into(),
        99 => "aes".into(),
        other => format!("method {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal stored zip with the given members.
    pub(crate) fn build(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut cd = Vec::new();
        for (name, data) in members {
            let off = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            cd.extend_from_slice(b"PK\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&(data.len() as u32).to_le_bytes());
            cd.extend_from_slice(&(name.len() as u16).to_le_bytes());
            cd.extend_from_slice(&[0; 8]);
            cd.extend_from_slice(&0u32.to_le_bytes());
            cd.extend_from_slice(&off.to_le_bytes());
            cd.extend_from_slice(name.as_bytes());
        }
        let cd_off = out.len() as u32;
        out.extend_from_slice(&cd);
        out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
        out.extend_from_slice(&(members.len() as u16).to_le_bytes());
        out.extend_from_slice(&(members.len() as u16).to_le_bytes());
        out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_off.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn reads_stored_members_and_flags_duplicates() {
        let z = build(&[("a.pkl", b"N."), ("a.pkl", b"X"), ("../evil", b"")]);
        let dir = directory(&z, &Limits::default());
        assert!(dir.issues.is_empty(), "{:?}", dir.issues);
        assert_eq!(dir.entries.len(), 3);
        assert_eq!(read(&z, &dir.entries[0], &Limits::default()).unwrap().as_ref(), b"N.");
        assert_eq!(dir.entries[1].issues, [Issue::Duplicate]);
        assert_eq!(dir.entries[2].issues, [Issue::PathEscape]);
    }

    #[test]
    fn prefix_is_reported() {
        let mut z = b"cos\nsystem\n.".to_vec();
        z.extend_from_slice(&build(&[("x", b"y")]));
        let dir = directory(&z, &Limits::default());
        assert_eq!(dir.issues, [Issue::Prefix(12)]);
        assert_eq!(read(&z, &dir.entries[0], &Limits::default()).unwrap().as_ref(), b"y");
    }

    #[test]
    fn garbage_never_panics() {
        for n in 0..200 {
            let mut z = build(&[("a", b"hello"), ("b", b"world")]);
            let i = (n * 7) % z.len();
            z[i] ^= 0xff;
            z.truncate(z.len() - (n % 5));
            let dir = directory(&z, &Limits::default());
            for e in &dir.entries {
                let _ = read(&z, e, &Limits::default());
            }
        }
    }
}
