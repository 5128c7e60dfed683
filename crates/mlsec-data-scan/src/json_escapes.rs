//! JSON text whose non-ASCII characters are written as `\uXXXX` escapes
//! (what Python's `json.dumps` and pandas' `to_json` write by default:
//! `"Stra\u00dfe 5"`, `"\u8054\u7cfb\u7535\u8bdd"`), read as the characters
//! they stand for. The detectors see `Straße 5` and `联系电话`; their spans
//! are mapped back to the escaped bytes, which redaction replaces whole.
//!
//! Only escapes of characters beyond ASCII (a surrogate pair as one
//! character) and of `/` (`\/`, as pandas and PHP write it:
//! `"1990\/05\/17"`) are decoded; and an escape escaped once more
//! (`\\u09ab`: JSON kept as text in a JSON string, each character escaped
//! twice, as an annotation tool's export holds it) is read as its
//! character too. Other escapes of ASCII (`\"`, `\\`,
//! `\u0022`) stay as written, so the decoded text is still JSON with the
//! same structure: a record's field paths and record boundaries are where
//! they were.

use std::borrow::Cow;

/// JSON text with its non-ASCII escapes decoded, and the way back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unescaped {
    /// The decoded text.
    pub(crate) text: Vec<u8>,
    /// For each decoded escape: its start in `text`, the length of the
    /// character there, its start in the escaped text and the escape's
    /// length (6, 12 for a surrogate pair, 2 for `\/`). Ascending.
    spans: Vec<(usize, u8, usize, u8)>,
}

/// The escaped character at `at` (after the `\u`'s backslash position
/// `at`), if it is one beyond ASCII: the character and the escape's length.
fn escape_at(raw: &[u8], at: usize) -> Option<(char, usize)> {
    unicode_escape(raw, at).filter(|&(c, _)| !c.is_ascii())
}

/// The character of the `\uXXXX` escape at `at` in `raw` (a surrogate pair
/// `\uD83D\uDE00` as one), and the escape's length; `None` where none
/// starts, or for a lone surrogate.
pub(crate) fn unicode_escape(raw: &[u8], at: usize) -> Option<(char, usize)> {
    let unit = |i: usize| -> Option<u32> {
        let t = raw.get(i..i + 6)?;
        if t[0] != b'\\' || t[1] != b'u' {
            return None;
        }
        let hex = std::str::from_utf8(&t[2..]).ok()?;
        u32::from_str_radix(hex, 16)
            .ok()
            .filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let u = unit(at)?;
    if (0xD800..0xDC00).contains(&u) {
        let lo = unit(at + 6).filter(|l| (0xDC00..0xE000).contains(l))?;
        let c = char::from_u32(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00))?;
        return Some((c, 12));
    }
    // A lone low surrogate is no character: left as written.
    char::from_u32(u).map(|c| (c, 6))
}

/// Calls `f` with each escaped character beyond ASCII, and each escaped
/// `/`, in `raw`: where its escape starts, the character and the escape's
/// length. An escaped backslash is skipped, unless an escape of a
/// character beyond ASCII follows it (`\\u00fc`, escaped twice).
fn for_each_escape(raw: &[u8], mut f: impl FnMut(usize, char, usize)) {
    walk_escapes(raw, |at| {
        let escaped = match raw[at + 1] {
            b'/' => Some(('/', 2)),
            b'u' => escape_at(raw, at),
            b'\\' if raw.get(at + 2) == Some(&b'u') => escape_at(raw, at + 1).map(|(c, len)| (c, len + 1)),
            _ => None,
        };
        escaped.map_or(2, |(c, len)| {
            f(at, c, len);
            len
        })
    });
}

/// Calls `f` with where each escape of `raw` starts (its backslash, a byte
/// following it); `f` says the escape's length (at least 2, which skips an
/// escaped backslash whole).
fn walk_escapes(raw: &[u8], mut f: impl FnMut(usize) -> usize) {
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\\', &raw[i..]) {
        let at = i + k;
        if at + 1 >= raw.len() {
            break;
        }
        i = at + f(at).max(2);
    }
}

/// `raw` with its escapes of characters beyond ASCII and of `/` decoded, or
/// `None` when it has none (most JSON written by tools that keep UTF-8).
pub(crate) fn unescaped(raw: &[u8]) -> Option<Unescaped> {
    memchr::memchr(b'\\', raw)?;
    // Allocated at the first escape: most backslashes in JSON escape a
    // quote or a line break, which stay.
    let mut text = Vec::new();
    let mut spans = Vec::new();
    let mut copied = 0;
    for_each_escape(raw, |at, c, len| {
        if text.capacity() == 0 {
            text.reserve(raw.len());
        }
        text.extend_from_slice(&raw[copied..at]);
        let mut utf8 = [0u8; 4];
        let s = c.encode_utf8(&mut utf8);
        spans.push((text.len(), s.len() as u8, at, len as u8));
        text.extend_from_slice(s.as_bytes());
        copied = at + len;
    });
    if spans.is_empty() {
        return None;
    }
    text.extend_from_slice(&raw[copied..]);
    Some(Unescaped { text, spans })
}

impl Unescaped {
    /// The offset in the escaped text of offset `d` of the decoded one; an
    /// offset inside a decoded character goes to its escape's start, or its
    /// end if `end`.
    fn raw_of(&self, d: usize, end: bool) -> usize {
        // The last escape starting at or before `d`.
        let i = self.spans.partition_point(|s| s.0 <= d);
        let Some(&(ds, dl, rs, rl)) = i.checked_sub(1).map(|i| &self.spans[i]) else {
            return d;
        };
        let (dl, rl) = (usize::from(dl), usize::from(rl));
        if d == ds {
            rs
        } else if d < ds + dl {
            if end {
                rs + rl
            } else {
                rs
            }
        } else {
            rs + rl + (d - ds - dl)
        }
    }

    /// The escaped span of the decoded span `start..end`.
    pub(crate) fn raw_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.raw_of(start, false), self.raw_of(end, true))
    }

    /// The offset in the decoded text of offset `r` of the escaped one (at
    /// an escape's start, or past the escapes: record and element starts).
    pub(crate) fn decoded_of(&self, r: usize) -> usize {
        let i = self.spans.partition_point(|s| s.2 <= r);
        let Some(&(ds, dl, rs, rl)) = i.checked_sub(1).map(|i| &self.spans[i]) else {
            return r;
        };
        if r < rs + usize::from(rl) {
            ds
        } else {
            ds + usize::from(dl) + (r - rs - usize::from(rl))
        }
    }
}

/// JSON text with each escaped line break as a space and a line break, and
/// each escaped `\r` or tab as two spaces, for the detectors to read: the
/// word after an escaped line break starts a word (`\nJolien` is no word
/// `nJolien`), and a value ends at its line's end. Same length, so every
/// offset holds. Only the detectors read it: records and field paths are
/// found in the JSON as written. `None` where there is none.
pub(crate) fn blank_line_escapes(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    walk_escapes(raw, |at| {
        let c = raw[at + 1];
        if matches!(c, b'n' | b'r' | b't') {
            let o = out.get_or_insert_with(|| raw.to_vec());
            o[at] = b' ';
            o[at + 1] = if c == b'n' { b'\n' } else { b' ' };
        }
        2
    });
    out
}

/// A value cut from JSON text, with its escapes of characters beyond ASCII
/// decoded: what it is masked, fingerprinted and pseudonymised as, the same
/// as the value written in UTF-8.
pub(crate) fn unescape_value(value: &[u8]) -> Cow<'_, [u8]> {
    match unescaped(value) {
        Some(u) => Cow::Owned(u.text),
        None => Cow::Borrowed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_escapes_are_blanked_in_place() {
        let raw = br#"{"a": "Dear Sir,\nJolien\tX \\n \\\nY"}"#;
        let b = blank_line_escapes(raw).unwrap();
        assert_eq!(b.len(), raw.len());
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "{\"a\": \"Dear Sir, \nJolien  X \\\\n \\\\ \nY\"}"
        );
        assert!(blank_line_escapes(br#"{"a": "x\"y"}"#).is_none());
        for raw in [&b"\\"[..], b"\\n\\", b"x\\"] {
            let _ = blank_line_escapes(raw);
        }
    }

    #[test]
    fn decodes_escapes_beyond_ascii_only() {
        let raw = br#"{"a": "Stra\u00dfe 5 \"x\" \u0041 \\u0041 \\u00fc \ud83d\ude00 \udc00 \u8054"}"#;
        let u = unescaped(raw).unwrap();
        assert_eq!(
            String::from_utf8(u.text.clone()).unwrap(),
            "{\"a\": \"Stra\u{df}e 5 \\\"x\\\" \\u0041 \\\\u0041 \u{fc} \u{1f600} \\udc00 \u{8054}\"}"
        );
        // An escape escaped twice maps back whole.
        let text = std::str::from_utf8(&u.text).unwrap();
        let s = text.find('\u{fc}').unwrap();
        let (rs, re) = u.raw_span(s, s + 2);
        assert_eq!(&raw[rs..re], br"\\u00fc");
        // Spans map back to the escapes, whole.
        let text = std::str::from_utf8(&u.text).unwrap();
        let s = text.find("Stra").unwrap();
        let e = text.find(" 5").unwrap() + 2;
        let (rs, re) = u.raw_span(s, e);
        assert_eq!(&raw[rs..re], br"Stra\u00dfe 5");
        let s = text.find('\u{1f600}').unwrap();
        let (rs, re) = u.raw_span(s, s + 4);
        assert_eq!(&raw[rs..re], br"\ud83d\ude00");
        assert_eq!(u.decoded_of(raw.len()), u.text.len());
        assert_eq!(u.decoded_of(0), 0);
        assert!(unescaped(br#"{"a": "plain \u0041 \\u0041 \" x"}"#).is_none());
        let u = unescaped(br#"{"dob": "1990\/05\/17"}"#).unwrap();
        assert_eq!(u.text, br#"{"dob": "1990/05/17"}"#);
        assert_eq!(u.raw_span(9, 19), (9, 21));
        assert_eq!(&*unescape_value(br"J\u00fcrgen"), "J\u{fc}rgen".as_bytes());
    }

    proptest::proptest! {
        /// The decoded text is what a JSON parser reads in each string, and
        /// every decoded span maps back to one that decodes to the same bytes.
        #[test]
        fn agrees_with_a_json_parser(chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', ' ', '"', '\\', '/', 'é', 'ß', '联', '😀', '\u{7f}', '\u{80}', '\u{ffff}', '\n',
        ]), 0..40), ascii in proptest::bool::ANY) {
            let s: String = chars.into_iter().collect();
            let raw = if ascii {
                // Python's default: every character beyond ASCII escaped.
                let mut out = String::from("\"");
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '/' => out.push_str("\\/"),
                        c if (c as u32) < 0x80 => out.push(c),
                        c => {
                            let mut units = [0u16; 2];
                            for u in c.encode_utf16(&mut units) {
                                out.push_str(&format!("\\u{u:04x}"));
                            }
                        }
                    }
                }
                out.push('"');
                out
            } else {
                serde_json::to_string(&s).unwrap()
            };
            let decoded = unescaped(raw.as_bytes()).map_or_else(|| raw.as_bytes().to_vec(), |u| u.text.clone());
            let parsed: String = serde_json::from_slice(&decoded).unwrap();
            proptest::prop_assert_eq!(&parsed, &s);
            if let Some(u) = unescaped(raw.as_bytes()) {
                let text = std::str::from_utf8(&u.text).unwrap();
                // Spans of values: none starts inside an escape of ASCII
                // (`\\` read from its second backslash is another text).
                for (i, _) in text.char_indices().filter(|&(_, c)| c != '\\') {
                    for (j, _) in text[i..].char_indices().skip(1).take(3) {
                        let (rs, re) = u.raw_span(i, i + j);
                        let back = unescape_value(&raw.as_bytes()[rs..re]).into_owned();
                        proptest::prop_assert_eq!(back, text.as_bytes()[i..i + j].to_vec());
                    }
                }
            }
        }
    }
}
