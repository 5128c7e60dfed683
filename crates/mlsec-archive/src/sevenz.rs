//! 7z archives, read with `sevenz-rust2` under a memory limit and an output limit per member.

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
    let cursor = std::io::Cursor::new(d);
    // 7-Zip itself writes dictionaries up to 1536 MiB; refusing them would leave such
    // archives unscanned while a victim's 7-Zip extracts them. The decoder allocates
    // no more than the declared unpacked size, which the member limit bounds.
    let mut reader = match sevenz_rust2::ArchiveReader::new_with_memory_limit(
        cursor,
        sevenz_rust2::Password::empty(),
        1600 * 1024,
    ) {
        Ok(r) => r,
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
    let max = limits.max_member_bytes;
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
        let n = rd.take(max.saturating_add(1)).read_to_end(&mut buf)?;
        if n as u64 > max {
            mi.push(Issue::Bomb(format!("`{name}` expands beyond {max} bytes")));
            buf.clear();
        }
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
