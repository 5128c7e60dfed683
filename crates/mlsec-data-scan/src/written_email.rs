//! E-mail addresses written so that a plain pattern misses them: the `@`
//! percent-encoded in a URL's query (`jane.doe%40example.com`), escaped in
//! JSON (`jane\u0040example.com`), an HTML character reference
//! (`jane&#64;example.com`), or spelled out to keep address harvesters off,
//! as web pages, mailing-list archives and forum posts do (`jane [at]
//! example [dot] org`, `jane(at)example.com`, `jane at example dot com`).
//!
//! The detector's word pass finds the written `@`s ([`AT_WORDS`]) and the
//! spelled-out dot ([`DOT_WORD`]) that marks an address written in words;
//! [`read`] reads the address around one into its plain form, which the
//! detector checks with its e-mail pattern. [`canonical`] gives a found
//! value's plain form, so that it is masked and fingerprinted as the same
//! address written plainly.

/// The ways of writing an address's `@` the word pass looks for (ASCII
/// case-insensitively). A bracketed one may have a space either side.
pub(crate) const AT_WORDS: &[&str] = &[
    "%40", "\\u0040", "&#64;", "&#x40;", "&commat;", "[at]", "(at)", "{at}", "<at>", "[ at ]", "( at )",
];

/// The spelled-out dot: it marks an address written in words (`jane at
/// example dot com`), whose ` at ` is looked for before it ([`spelled_at`]).
pub(crate) const DOT_WORD: &str = " dot ";

/// The `@` of an address written in words.
const SPELLED_AT: &[u8] = b" at ";

/// The ways of writing a domain's dot, besides `.` itself. A bracketed one
/// may have a space either side.
const DOTS: &[&[u8]] = &[
    b"&#46;",
    b"&period;",
    b"\\u002e",
    b"[dot]",
    b"(dot)",
    b"{dot}",
    b"<dot>",
    b"[ dot ]",
    b"( dot )",
    b" dot ",
];

/// The longest local part and domain read.
const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 255;

/// An address read around a written `@`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Written {
    /// The address with a plain `@` and dots (`jane@example.org`).
    pub plain: Vec<u8>,
    /// For each byte of `plain`, where what it stands for starts in the
    /// buffer; and where the last label ends.
    pub at: Vec<usize>,
    pub end: usize,
}

impl Written {
    /// The buffer's span of `plain[s..e]` (a match in it).
    pub(crate) fn span(&self, s: usize, e: usize) -> (usize, usize) {
        (self.at[s], self.at.get(e).copied().unwrap_or(self.end))
    }
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// The length of the one of [`AT_WORDS`] that starts at `buf[at..]`.
pub(crate) fn at_word(buf: &[u8], at: usize) -> Option<usize> {
    AT_WORDS
        .iter()
        .find(|w| starts_with_ci(&buf[at..], w.as_bytes()))
        .map(|w| w.len())
}

/// [`at_word`], or ` at `.
fn at_form(buf: &[u8], at: usize) -> Option<usize> {
    at_word(buf, at).or_else(|| starts_with_ci(&buf[at..], SPELLED_AT).then_some(SPELLED_AT.len()))
}

/// The address around the `@` written as `buf[at..at_end]`: the local part
/// before it, the domain's labels after it joined by dots written in any
/// of the ways above. `None` if either is empty or the domain has one label.
pub(crate) fn read(buf: &[u8], at: usize, at_end: usize) -> Option<Written> {
    let bracketed = matches!(buf.get(at), Some(b'[' | b'(' | b'{' | b'<'));
    let mut p = at;
    if bracketed && p > 0 && buf[p - 1] == b' ' {
        p -= 1;
    }
    // The local part, back to its start; a dot in it may be written out too
    // (`john dot smith at example dot com`).
    let local_byte = |b: &&u8| b.is_ascii_alphanumeric() || b"._%+-".contains(b);
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut len = 0;
    loop {
        let n = buf[..p]
            .iter()
            .rev()
            .take(MAX_LOCAL - len)
            .take_while(local_byte)
            .count();
        if n == 0 {
            break;
        }
        pieces.push((p - n, p));
        len += n + 1;
        p -= n;
        let Some(d) = dot_before(buf, p) else {
            break;
        };
        if len >= MAX_LOCAL || p == d || !buf[p - d - 1].is_ascii_alphanumeric() {
            break;
        }
        p -= d;
    }
    if pieces.is_empty() {
        return None;
    }
    let mut plain: Vec<u8> = Vec::new();
    let mut offsets: Vec<usize> = Vec::new();
    for (k, &(s, e)) in pieces.iter().rev().enumerate() {
        if k > 0 {
            plain.push(b'.');
            offsets.push(pieces[pieces.len() - k].1);
        }
        plain.extend_from_slice(&buf[s..e]);
        offsets.extend(s..e);
    }
    plain.push(b'@');
    offsets.push(at);
    let mut q = at_end;
    if bracketed && buf.get(q) == Some(&b' ') {
        q += 1;
    }
    let mut labels = 0;
    let mut end;
    loop {
        let n = buf[q..].iter().take(63).take_while(|&&b| label_byte(b)).count();
        if n == 0 || plain.len() + n > MAX_LOCAL + 1 + MAX_DOMAIN {
            return None;
        }
        plain.extend_from_slice(&buf[q..q + n]);
        offsets.extend(q..q + n);
        labels += 1;
        q += n;
        end = q;
        // The dot after it, written plainly or as one of `DOTS` (a
        // bracketed one with a space either side), then the next label.
        let dot = if buf.get(q) == Some(&b'.') {
            Some(1)
        } else {
            let spaced =
                usize::from(buf.get(q) == Some(&b' ') && matches!(buf.get(q + 1), Some(b'[' | b'(' | b'{' | b'<')));
            DOTS.iter().find(|d| starts_with_ci(&buf[q + spaced..], d)).map(|d| {
                let after = q + spaced + d.len();
                spaced + d.len() + usize::from(d[0] != b' ' && spaced == 1 && buf.get(after) == Some(&b' '))
            })
        };
        match dot {
            Some(d) if buf.get(q + d).is_some_and(|&b| label_byte(b)) => {
                plain.push(b'.');
                offsets.push(q);
                q += d;
            }
            _ => break,
        }
    }
    (labels >= 2).then_some(Written {
        plain,
        at: offsets,
        end,
    })
}

/// The length of the written dot (one of [`DOTS`], a bracketed one with a
/// space either side) that ends at `p`.
fn dot_before(buf: &[u8], p: usize) -> Option<usize> {
    let ends = |p: usize, d: &[u8]| p >= d.len() && buf[p - d.len()..p].eq_ignore_ascii_case(d);
    DOTS.iter().find_map(|d| {
        if ends(p, d) {
            return Some(d.len());
        }
        let bracketed = d[0] != b' ';
        let spaced = bracketed && p > 0 && buf[p - 1] == b' ' && ends(p - 1, d);
        spaced.then(|| 1 + d.len() + usize::from(p > d.len() + 1 && buf[p - d.len() - 2] == b' '))
    })
}

/// The ` at ` of an address written in words whose spelled-out dot
/// ([`DOT_WORD`]) starts at `dot`: back over the labels and dots before it
/// on its line, at most a few.
pub(crate) fn spelled_at(buf: &[u8], dot: usize) -> Option<usize> {
    let mut p = dot;
    for _ in 0..4 {
        let n = buf[..p].iter().rev().take(63).take_while(|&&b| label_byte(b)).count();
        if n == 0 {
            return None;
        }
        p -= n;
        if p >= SPELLED_AT.len() && buf[p - SPELLED_AT.len()..p].eq_ignore_ascii_case(SPELLED_AT) {
            return Some(p - SPELLED_AT.len());
        }
        // An earlier label, after a dot.
        if p > 0 && buf[p - 1] == b'.' {
            p -= 1;
        } else if p >= DOT_WORD.len() && buf[p - DOT_WORD.len()..p].eq_ignore_ascii_case(DOT_WORD.as_bytes()) {
            p -= DOT_WORD.len();
        } else {
            return None;
        }
    }
    None
}

/// The plain form of a found e-mail address: itself if it has an `@`,
/// else as read around its first written one.
pub(crate) fn canonical(value: &[u8]) -> Vec<u8> {
    if value.contains(&b'@') {
        return value.to_vec();
    }
    (0..value.len())
        .find_map(|i| at_form(value, i).and_then(|n| read(value, i, i + n)))
        .map_or_else(|| value.to_vec(), |w| w.plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Option<String> {
        let b = text.as_bytes();
        let i = (0..b.len()).find(|&i| at_form(b, i).is_some())?;
        let w = read(b, i, i + at_form(b, i)?)?;
        Some(String::from_utf8(w.plain).unwrap())
    }

    #[test]
    fn written_ats_and_dots_read_plainly() {
        for (text, want) in [
            ("jane.doe%40example.com", "jane.doe@example.com"),
            ("jane\\u0040example.com", "jane@example.com"),
            ("alice&#64;example.com", "alice@example.com"),
            ("bob&#x40;mail.example.net!", "bob@mail.example.net"),
            ("jane.doe [at] example [dot] org", "jane.doe@example.org"),
            ("mary(at)university.edu", "mary@university.edu"),
            ("MARY (AT) UNI (DOT) EDU", "MARY@UNI.EDU"),
            ("x{at}y{dot}co{dot}uk", "x@y.co.uk"),
            ("peter at example dot com", "peter@example.com"),
            ("john dot smith at example dot com", "john.smith@example.com"),
            ("j [dot] doe [at] example [dot] org", "j.doe@example.org"),
            ("a&#64;b&#46;io", "a@b.io"),
        ] {
            assert_eq!(plain(text).as_deref(), Some(want), "{text}");
        }
        // One label, or nothing before: no address.
        assert_eq!(plain("jane [at] home"), None);
        assert_eq!(plain(" [at] example.com"), None);
        assert_eq!(plain("100%40 points"), None);
    }

    #[test]
    fn spans_map_back_to_the_written_bytes() {
        let text = b"mail jane [at] example [dot] org now";
        let w = read(text, 10, 14).unwrap();
        assert_eq!(w.span(0, w.plain.len()), (5, 32));
        assert_eq!(&text[5..32], b"jane [at] example [dot] org");
    }

    #[test]
    fn the_at_of_an_address_in_words_is_found_from_its_dot() {
        let text = b"Send mail to peter at mail dot example dot com please";
        let dot = 26;
        assert_eq!(&text[dot..dot + 5], b" dot ");
        assert_eq!(spelled_at(text, dot), Some(18));
        assert_eq!(spelled_at(text, 38), Some(18));
        assert_eq!(spelled_at(b"the dot com era", 3), None);
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical(b"a@b.com"), b"a@b.com");
        assert_eq!(canonical(b"jane%40example.com"), b"jane@example.com");
        assert_eq!(canonical(b"jane [at] example [dot] org"), b"jane@example.org");
    }

    proptest::proptest! {
        /// Any bytes: no panic, and a read address's offsets stay in the buffer, ascending.
        #[test]
        fn reading_never_panics(buf in proptest::collection::vec(proptest::sample::select(b"a.-@[] (at)dot&#64;%40x1".to_vec()), 0..80)) {
            for i in 0..buf.len() {
                if let Some(n) = at_form(&buf, i) {
                    if let Some(w) = read(&buf, i, i + n) {
                        proptest::prop_assert_eq!(w.plain.len(), w.at.len());
                        proptest::prop_assert!(w.at.windows(2).all(|p| p[0] < p[1]));
                        proptest::prop_assert!(w.end <= buf.len());
                    }
                }
                let _ = spelled_at(&buf, i);
            }
            let _ = canonical(&buf);
        }
    }
}
