//! A tar reader (POSIX ustar, GNU long names, PAX path records) over a byte slice.
//!
//! Member data is borrowed, never copied. Checksums are verified (a bad checksum
//! ends the archive, as GNU tar does); links, absolute and escaping paths are issues.

use std::borrow::Cow;

use crate::{path_escapes, Issue, Kind, Limits, Member};

/// True when the first header's checksum is valid and it has a ustar or GNU
/// magic at offset 257 or looks like an old-style (v7) header.
#[must_use]
pub fn is_tar(d: &[u8]) -> bool {
    if d.len() < 512 {
        return false;
    }
    // Python's tarfile (and so PyTorch's legacy tar loader) rejects a first header
    // whose checksum is wrong, whatever its magic says.
    if !checksum_ok(&d[..512]) {
        return false;
    }
    let magic = &d[257..263];
    if magic == b"ustar\0" || magic == b"ustar " {
        return true;
    }
    d[0] != 0
        && d[100..108]
            .iter()
            .all(|&c| c == 0 || c == b' ' || (b'0'..=b'7').contains(&c))
}

fn octal(f: &[u8]) -> Option<u64> {
    // GNU base-256 for large values.
    if f.first().is_some_and(|b| b & 0x80 != 0) {
        let mut v: u64 = u64::from(f[0] & 0x7f);
        for &b in &f[1..] {
            v = v.checked_mul(256)?.checked_add(u64::from(b))?;
        }
        return Some(v);
    }
    let s: Vec<u8> = f
        .iter()
        .copied()
        .skip_while(|&c| c == b' ' || c == 0)
        .take_while(|&c| (b'0'..=b'7').contains(&c))
        .collect();
    if s.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(std::str::from_utf8(&s).ok()?, 8).ok()
}

fn checksum_ok(h: &[u8]) -> bool {
    let Some(want) = octal(&h[148..156]) else {
        return false;
    };
    // Like Python's tarfile, accept the unsigned and the signed-char sum.
    let (mut unsigned, mut signed) = (0i64, 0i64);
    for (i, &b) in h.iter().enumerate() {
        let (u, s) = if (148..156).contains(&i) {
            (32, 32)
        } else {
            (i64::from(b), i64::from(b as i8))
        };
        unsigned += u;
        signed += s;
    }
    i64::try_from(want).is_ok_and(|w| w == unsigned || w == signed)
}

fn cstr(f: &[u8]) -> String {
    let end = f.iter().position(|&c| c == 0).unwrap_or(f.len());
    String::from_utf8_lossy(&f[..end]).into_owned()
}

/// Read all members. Returns members and archive-level issues.
#[must_use]
pub fn read<'a>(d: &'a [u8], limits: &Limits) -> (Vec<Member<'a>>, Vec<Issue>) {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    let mut pos = 0usize;
    let mut long_name: Option<String> = None;
    let mut long_link: Option<String> = None;
    let mut pax_path: Option<String> = None;
    let mut pax_link: Option<String> = None;
    let mut pax_size: Option<u64> = None;
    while pos + 512 <= d.len() {
        let h = &d[pos..pos + 512];
        if h.iter().all(|&b| b == 0) {
            break;
        }
        if !checksum_ok(h) {
            issues.push(Issue::Malformed(format!("bad header checksum at offset {pos}")));
            break;
        }
        let Some(mut size) = octal(&h[124..136]) else {
            issues.push(Issue::Malformed(format!("bad size field at offset {pos}")));
            break;
        };
        let typeflag = h[156];
        if !matches!(typeflag, b'L' | b'K' | b'x' | b'g') {
            // A PAX `size` record overrides the header for the member it precedes.
            if let Some(s) = pax_size.take() {
                size = s;
            }
        }
        let data_start = pos + 512;
        let Some(data_end) = usize::try_from(size).ok().and_then(|s| data_start.checked_add(s)) else {
            issues.push(Issue::Malformed(format!("size overflows at offset {pos}")));
            break;
        };
        let data = d.get(data_start..data_end.min(d.len())).unwrap_or(&[]);
        let truncated = data_end > d.len();
        let mut name = cstr(&h[0..100]);
        if &h[257..262] == b"ustar" {
            let prefix = cstr(&h[345..500]);
            if !prefix.is_empty() && h[263] == b'0' {
                name = format!("{prefix}/{name}");
            }
        }
        let link = cstr(&h[157..257]);
        if typeflag == b'S' {
            // GNU sparse: the stored bytes are not the file; holes are inserted.
            issues.push(Issue::Malformed(format!(
                "GNU sparse member at offset {pos} is not expanded; its content was not scanned"
            )));
        }
        match typeflag {
            b'L' => long_name = Some(cstr(data)),
            b'K' => long_link = Some(cstr(data)),
            // 'X' is Solaris' name for a PAX extended header; tarfile reads it as one.
            b'x' | b'X' => {
                for rec in parse_pax(data) {
                    match rec.0.as_str() {
                        "path" => pax_path = Some(rec.1),
                        "linkpath" => pax_link = Some(rec.1),
                        "size" => match py_uint(&rec.1) {
                            Some(v) => pax_size = Some(v),
                            None => {
                                issues.push(Issue::Malformed(format!(
                                    "PAX size `{}` at offset {pos} is not understood; member boundaries \
                                     after it are unknown",
                                    rec.1.escape_debug()
                                )));
                                return (out, issues);
                            }
                        },
                        _ => {}
                    }
                }
            }
            b'g' => {}
            _ => {
                if out.len() >= limits.max_members {
                    issues.push(Issue::TooManyMembers);
                    break;
                }
                let name = pax_path.take().or_else(|| long_name.take()).unwrap_or(name);
                let link = pax_link.take().or_else(|| long_link.take()).unwrap_or(link);
                // Python's tarfile extracts unknown types as regular files.
                let kind = match typeflag {
                    b'5' => Kind::Dir,
                    b'2' => Kind::Symlink(link),
                    b'1' => Kind::Hardlink(link),
                    b'3' | b'4' | b'6' | b'S' => Kind::Other,
                    _ => Kind::File,
                };
                let mut mi = Vec::new();
                if path_escapes(&name) {
                    mi.push(Issue::PathEscape);
                }
                if truncated {
                    mi.push(Issue::Malformed(format!("`{name}` is truncated")));
                }
                let has_data = kind == Kind::File;
                out.push(Member {
                    name,
                    kind,
                    data: has_data.then_some(Cow::Borrowed(data)),
                    offset: data_start as u64,
                    issues: mi,
                });
            }
        }
        if truncated {
            break;
        }
        pos = data_start + (usize::try_from(size).unwrap_or(0)).div_ceil(512) * 512;
    }
    (out, issues)
}

/// A non-negative integer as Python's `int()` reads it (tarfile uses `int`):
/// surrounding whitespace, `+`, single underscores between digits. Non-ASCII
/// digits, which `int()` also accepts, give `None` (the caller stops reading).
fn py_uint(s: &str) -> Option<u64> {
    let t = s.trim();
    let t = t.strip_prefix('+').unwrap_or(t);
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return None;
    }
    t.chars().filter(|&c| c != '_').try_fold(0u64, |acc, c| {
        acc.checked_mul(10)?.checked_add(u64::from(c.to_digit(10)?))
    })
}

fn parse_pax(d: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = d;
    while !rest.is_empty() {
        let Some(sp) = rest.iter().position(|&c| c == b' ') else {
            break;
        };
        let Some(len) = std::str::from_utf8(&rest[..sp])
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
        else {
            break;
        };
        if len <= sp || len > rest.len() {
            break;
        }
        let rec = &rest[sp + 1..len];
        let rec = rec.strip_suffix(b"\n").unwrap_or(rec);
        if let Some(eq) = rec.iter().position(|&c| c == b'=') {
            out.push((
                String::from_utf8_lossy(&rec[..eq]).into_owned(),
                String::from_utf8_lossy(&rec[eq + 1..]).into_owned(),
            ));
        }
        rest = &rest[len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str, size: usize, typeflag: u8, link: &str) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..107].copy_from_slice(b"0000644");
        h[124..135].copy_from_slice(format!("{size:011o}").as_bytes());
        h[156] = typeflag;
        h[157..157 + link.len()].copy_from_slice(link.as_bytes());
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        h
    }

    #[test]
    fn reads_files_and_links() {
        let mut t = header("model/pickle", 2, b'0', "");
        t.extend_from_slice(b"N.");
        t.resize(1024, 0);
        t.extend_from_slice(&header("evil", 0, b'2', "../../etc/passwd"));
        t.extend_from_slice(&[0; 1024]);
        assert!(is_tar(&t));
        let (m, issues) = read(&t, &Limits::default());
        assert!(issues.is_empty());
        assert_eq!(m[0].name, "model/pickle");
        assert_eq!(m[0].data.as_deref(), Some(&b"N."[..]));
        assert_eq!(m[1].kind, Kind::Symlink("../../etc/passwd".into()));
    }
}
