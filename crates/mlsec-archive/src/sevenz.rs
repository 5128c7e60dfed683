//! 7z archives, read with `sevenz-rust2` under a memory limit and an output budget
//! for the whole archive.

use std::borrow::Cow;
use std::io::Read as _;

use crate::{path_escapes, Issue, Kind, Limits, Member};

/// True when the data starts with the 7z signature.
#[must_use]
pub fn is_7z(d: &[u8]) -> bool {
    d.starts_with(b"7z\xBC\xAF\x27\x1C")
}

/// Read every member. Returns members and archive-level issues.
#[must_use]
pub fn read(d: &[u8], limits: &Limits) -> (Vec<Member<'static>>, Vec<Issue>) {
    let mut members = Vec::new();
    let mut issues = Vec::new();
    // All members together may expand to this much (the ratio limit of the
    // compressed wrappers, with the same 256 MiB floor).
    let budget = limits
        .max_member_bytes
        .min((d.len() as u64).saturating_mul(limits.max_ratio).max(256 << 20));
    let open = |limit_kb: usize| {
        sevenz_rust2::ArchiveReader::new_with_memory_limit(
            std::io::Cursor::new(d),
            sevenz_rust2::Password::empty(),
            limit_kb,
        )
    };
    // 7-Zip writes dictionaries up to 1536 MiB; the decoder allocates no more than
    // a block's unpacked size, so large dictionaries are accepted when every block
    // unpacks within the budget, and refused (the file is then not scanned) otherwise.
    let mut reader = match open(256 * 1024) {
        Ok(r) => {
            let largest = r
                .archive()
                .blocks
                .iter()
                .map(sevenz_rust2::Block::get_unpack_size)
                .max()
                .unwrap_or(0);
            if largest <= budget {
                open(1600 * 1024).unwrap_or(r)
            } else {
                r
            }
        }
        Err(e) => {
            let msg = e.to_string();
            issues.push(if msg.to_ascii_lowercase().contains("password") {
                Issue::Encrypted
            } else {
                Issue::Malformed(msg)
            });
            return (members, issues);
        }
    };
    reader.set_thread_count(1);
    let mut left = budget;
    let res = reader.for_each_entries(|entry, rd| {
        if members.len() >= limits.max_members {
            issues.push(Issue::TooManyMembers);
            return Ok(false);
        }
        let name = entry.name().to_string();
        let mut mi = Vec::new();
        if path_escapes(&name) {
            mi.push(Issue::PathEscape);
        }
        let kind = if entry.is_directory() { Kind::Dir } else { Kind::File };
        let mut buf = Vec::new();
        let n = rd.take(left.saturating_add(1)).read_to_end(&mut buf)? as u64;
        if n > left {
            mi.push(Issue::Bomb(format!(
                "`{name}` takes the archive beyond {budget} bytes of output (compressed {} bytes)",
                d.len()
            )));
            buf.clear();
            members.push(Member {
                name,
                kind,
                data: None,
                offset: 0,
                issues: mi,
            });
            return Ok(false);
        }
        left -= n;
        members.push(Member {
            name,
            kind,
            data: Some(Cow::Owned(buf)),
            offset: 0,
            issues: mi,
        });
        Ok(true)
    });
    if let Err(e) = res {
        let msg = e.to_string();
        issues.push(if msg.to_ascii_lowercase().contains("password") {
            Issue::Encrypted
        } else {
            Issue::Malformed(msg)
        });
    }
    (members, issues)
}
