//! Readers for the containers models travel in: zip (read leniently, the way
//! PyTorch's reader does), tar, 7z, and single-stream compression (gzip, zlib,
//! bzip2, xz, lzma, lz4).
//!
//! Every reader works on an in-memory (usually memory-mapped) byte slice, returns
//! members together with structural [`Issue`]s instead of failing, and enforces
//! [`Limits`] on expansion so that bombs cost a bounded amount of memory.
//! Deliberately missing: deciding what a member contains (that is `mlsec-model-scan`).

#![deny(missing_docs)]

pub mod compress;
pub mod sevenz;
pub mod tar;
pub mod zip;

use std::borrow::Cow;

/// Expansion limits shared by every reader.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest decompressed member, in bytes.
    pub max_member_bytes: u64,
    /// Largest compression ratio (uncompressed / compressed) accepted for big members.
    pub max_ratio: u64,
    /// Most members read from one archive.
    pub max_members: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_member_bytes: 4 << 30,
            max_ratio: 200,
            max_members: 100_000,
        }
    }
}

/// What kind of entry a member is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link to `target`.
    Symlink(String),
    /// A hard link to `target`.
    Hardlink(String),
    /// Device, FIFO or other special entry.
    Other,
}

/// One member of an archive.
#[derive(Debug)]
pub struct Member<'a> {
    /// The member name as stored.
    pub name: String,
    /// Entry kind.
    pub kind: Kind,
    /// Content, when it could be read (borrowed when stored uncompressed).
    pub data: Option<Cow<'a, [u8]>>,
    /// Byte offset of the member's data in the archive.
    pub offset: u64,
    /// Problems found with this member.
    pub issues: Vec<Issue>,
}

/// A structural problem in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// The path is absolute or climbs out of the root.
    PathEscape,
    /// Local header and central directory disagree (what differs).
    HeaderMismatch(String),
    /// The same name appears more than once.
    Duplicate,
    /// Expansion beyond the limits (description).
    Bomb(String),
    /// Encrypted content.
    Encrypted,
    /// Unsupported compression method (name or number).
    Unsupported(String),
    /// Corrupt structure (description).
    Malformed(String),
    /// Bytes before the archive start (count).
    Prefix(u64),
    /// The member limit was reached.
    TooManyMembers,
}

/// True when a member path is absolute, has a drive letter, or escapes the root with `..`.
#[must_use]
pub fn path_escapes(name: &str) -> bool {
    let n = name.replace('\\', "/");
    if n.starts_with('/') || n.as_bytes().get(1) == Some(&b':') {
        return true;
    }
    let mut depth: i64 = 0;
    for part in n.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => depth += 1,
        }
    }
    false
}

/// Read `r` to the end, stopping with an error past `limit` bytes.
pub(crate) fn read_limited(mut r: impl std::io::Read, limit: u64, hint: usize) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let mut out = Vec::with_capacity(hint.min(64 << 20));
    let n = (&mut r)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if n as u64 > limit {
        return Err(format!("expands beyond {limit} bytes"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert!(path_escapes("/etc/passwd"));
        assert!(path_escapes("../x"));
        assert!(path_escapes("a/../../x"));
        assert!(path_escapes("C:\\x"));
        assert!(path_escapes("..\\x"));
        assert!(!path_escapes("a/../b"));
        assert!(!path_escapes("archive/data.pkl"));
    }
}
