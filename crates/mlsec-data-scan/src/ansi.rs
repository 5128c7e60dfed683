//! Terminal escape sequences in logs (a CI job's colours and line clears:
//! `ESC[0K`, `ESC[36;1m`), blanked to spaces of their own length before
//! the detectors read a text: a value right after one
//! (`ESC[0Kpassword=...`) then stands as a word, at the offsets it has in
//! the file, and redaction writes the sequences back as they were.

/// The longest escape sequence blanked; a longer run of parameter bytes
/// is left as it is.
const MAX_SEQUENCE: usize = 64;

/// `text` with each ANSI escape sequence (a control sequence `ESC [`,
/// parameter bytes, a final byte; or `ESC` and one byte) replaced by
/// spaces; `None` if it holds no `ESC`.
pub(crate) fn blanked(text: &[u8]) -> Option<Vec<u8>> {
    memchr::memchr(0x1b, text)?;
    let mut out = text.to_vec();
    let mut i = 0;
    while let Some(k) = memchr::memchr(0x1b, &out[i..]) {
        let at = i + k;
        let mut e = at + 1;
        if out.get(e) == Some(&b'[') {
            e += 1;
            while e < out.len() && e - at < MAX_SEQUENCE && (0x20..=0x3f).contains(&out[e]) {
                e += 1;
            }
            if e < out.len() && (0x40..=0x7e).contains(&out[e]) {
                e += 1;
            }
        } else if out.get(e).is_some_and(|b| (0x40..=0x5f).contains(b)) {
            e += 1;
        }
        out[at..e].fill(b' ');
        i = e;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_become_spaces_of_their_length() {
        let t = b"\x1b[0Kpassword=S3cret!\x1b[0;m done \x1b[36;1mX\x1b(B";
        let b = blanked(t).unwrap();
        assert_eq!(b.len(), t.len());
        assert_eq!(&b[..], &b"    password=S3cret!      done        X (B"[..]);
        assert!(blanked(b"no escapes").is_none());
        // Cut or bare sequences stay bounded.
        assert_eq!(blanked(b"\x1b").unwrap(), b" ");
        assert_eq!(blanked(b"a\x1b[12").unwrap(), b"a    ");
    }
}
