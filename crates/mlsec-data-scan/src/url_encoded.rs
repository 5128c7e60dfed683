//! URL-encoded text: query strings and form bodies as web logs and
//! request captures keep them (`?phone=%2B14155552671&name=Jane+Doe`,
//! `card=4543+1675+2310+0042`). Each run that holds an escape is decoded
//! (`%XX` to its byte; `+` to a space where the run is a form, with `=` in
//! it), the detector reads the decoded text, and the spans it finds are
//! mapped back to the encoded bytes, which redaction then replaces whole.
//!
//! One level: `%252B` decodes to `%2B`, which stays as it is.

/// The shortest run worth decoding.
const MIN_RUN: usize = 8;

/// The longest run decoded (a longer one is cut there).
const MAX_RUN: usize = 64 << 10;

/// Bytes a URL's query or a form body holds unescaped.
fn url_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'%' | b'+'
                | b'.'
                | b'-'
                | b'_'
                | b'~'
                | b'='
                | b'&'
                | b';'
                | b':'
                | b'/'
                | b'@'
                | b'!'
                | b'$'
                | b'*'
                | b','
        )
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A run decoded: its text, the offset in the buffer of each decoded byte
/// (and, last, of the run's end), and which decoded bytes were escaped.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: Vec<u8>,
    /// The offset in the buffer of each decoded byte, and last of the end.
    pub(crate) origin: Vec<usize>,
    pub(crate) escaped: Vec<bool>,
}

impl Decoded {
    /// The buffer's span for the decoded span `s..e`.
    pub(crate) fn span(&self, s: usize, e: usize) -> (usize, usize) {
        (self.origin[s.min(self.text.len())], self.origin[e.min(self.text.len())])
    }

    /// Whether the decoded span `s..e` holds a byte that was escaped (what
    /// the text as written could not show).
    pub(crate) fn holds_escape(&self, s: usize, e: usize) -> bool {
        self.escaped
            .get(s..e.min(self.escaped.len()))
            .is_some_and(|v| v.contains(&true))
    }
}

/// The run of URL bytes around `buf[at]` (at most [`MAX_RUN`] of them).
fn run_around(buf: &[u8], at: usize) -> (usize, usize) {
    let mut s = at;
    while s > 0 && at - s < MAX_RUN && url_byte(buf[s - 1]) {
        s -= 1;
    }
    let mut e = at + 1;
    while e < buf.len() && e - s < MAX_RUN && url_byte(buf[e]) {
        e += 1;
    }
    (s, e)
}

/// `buf[s..e]` decoded, if it holds an escape.
fn decode(buf: &[u8], s: usize, e: usize) -> Option<Decoded> {
    let run = &buf[s..e];
    let form = run.contains(&b'=');
    let (mut text, mut origin, mut escaped) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while i < run.len() {
        let b = run[i];
        let byte = match b {
            b'%' => match (
                run.get(i + 1).copied().and_then(hex),
                run.get(i + 2).copied().and_then(hex),
            ) {
                (Some(h), Some(l)) => Some(h << 4 | l),
                _ => None,
            },
            // A space in a form, between two of its characters.
            b'+' if form && i > 0 && run.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'%') => {
                Some(b' ')
            }
            _ => None,
        };
        origin.push(s + i);
        match byte {
            Some(d) => {
                text.push(d);
                escaped.push(true);
                i += if b == b'%' { 3 } else { 1 };
            }
            None => {
                text.push(b);
                escaped.push(false);
                i += 1;
            }
        }
    }
    origin.push(e);
    escaped.contains(&true).then_some(Decoded { text, origin, escaped })
}

/// The URL-encoded runs of `buf` that hold an escape, decoded. A run is
/// made of [`url_byte`]s around a `%` followed by two hex digits, or
/// around a `+` in a form (a run with `=` in it).
pub(crate) fn runs(buf: &[u8]) -> Vec<Decoded> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b'%', b'+', &buf[from..]) {
        let at = from + k;
        let escape = buf[at] == b'%'
            && buf.get(at + 1).copied().and_then(hex).is_some()
            && buf.get(at + 2).copied().and_then(hex).is_some();
        let plus = buf[at] == b'+'
            && at > 0
            && buf[at - 1].is_ascii_alphanumeric()
            && buf.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
        if !escape && !plus {
            from = at + 1;
            continue;
        }
        let (s, e) = run_around(buf, at);
        from = e.max(at + 1);
        if e - s < MIN_RUN {
            continue;
        }
        out.extend(decode(buf, s, e));
    }
    out
}

/// The fields of the query strings and form bodies in `buf` whose values
/// are escaped: `(key, value start, value end)`, the value as written
/// (`address_street=Rua+Ferreira+Borges%2C+139`, `first_name=Jane`), for
/// a value to be read under its field's name as a column's is. A run is a
/// form where it holds two fields or more, `key=value` set apart by `&`,
/// and an escape.
pub(crate) fn form_fields(buf: &[u8]) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'&', &buf[from..]) {
        let at = from + k;
        let (s, e) = run_around(buf, at);
        from = e.max(at + 1);
        let run = &buf[s..e];
        if !run.contains(&b'%') && !run.contains(&b'+') {
            continue;
        }
        // From the first `key=`: a URL's path before its `?` is none.
        let start = s + memchr::memchr(b'?', run).map_or(0, |q| q + 1);
        let mut fields = Vec::new();
        let mut p = start;
        while p < e {
            let end = memchr::memchr(b'&', &buf[p..e]).map_or(e, |i| p + i);
            // The key right before the last `=` (a log's `body=a=1&...`).
            if let Some(eq) = memchr::memrchr(b'=', &buf[p..end]).map(|i| p + i) {
                let key_byte = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
                let ks = eq - buf[p..eq].iter().rev().take_while(|b| key_byte(b)).count();
                let key = &buf[ks..eq];
                let named = !key.is_empty() && key.len() <= 40;
                if named && eq + 1 < end {
                    if let Ok(key) = std::str::from_utf8(key) {
                        fields.push((key, eq + 1, end));
                    }
                }
            }
            p = end + 1;
        }
        if fields.len() >= 2 {
            out.extend(fields);
        }
    }
    out
}

/// `v` decoded where it is written URL-encoded (a `%XX` escape in it; `+`
/// then a space), for a value to be judged as what it says; none where
/// it holds no escape.
pub(crate) fn decoded_value(v: &[u8]) -> Option<Vec<u8>> {
    let escaped = v
        .windows(3)
        .any(|w| w[0] == b'%' && hex(w[1]).is_some() && hex(w[2]).is_some());
    if !escaped || v.contains(&b' ') {
        return None;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        match (
            v[i],
            v.get(i + 1).copied().and_then(hex),
            v.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push(h << 4 | l);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(out)
}

/// The decoded texts of `runs`, for tests.
#[cfg(test)]
pub(crate) fn texts(runs: Vec<Decoded>) -> Vec<String> {
    runs.into_iter()
        .map(|d| String::from_utf8_lossy(&d.text).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(t: &str) -> Vec<String> {
        texts(runs(t.as_bytes()))
    }

    #[test]
    fn a_forms_fields_are_named_by_their_keys() {
        let t = "POST /ipn body=mc_gross=47.86&first_name=Jo%C3%A3o&address_street=Rua+Ferreira+Borges%2C+139&x=&payer_id=M4R9 next";
        let fields: Vec<(&str, &str)> = form_fields(t.as_bytes())
            .into_iter()
            .map(|(k, s, e)| (k, &t[s..e]))
            .collect();
        assert_eq!(
            fields,
            [
                ("mc_gross", "47.86"),
                ("first_name", "Jo%C3%A3o"),
                ("address_street", "Rua+Ferreira+Borges%2C+139"),
                ("payer_id", "M4R9")
            ]
        );
        assert_eq!(decoded_value(b"Jo%C3%A3o").as_deref(), Some("Jo\u{e3}o".as_bytes()));
        assert_eq!(
            decoded_value(b"Rua+Ferreira+Borges%2C+139").as_deref(),
            Some(&b"Rua Ferreira Borges, 139"[..])
        );
        assert_eq!(decoded_value(b"+4415551234"), None);
        // No escape, or one field: no form.
        assert!(form_fields(b"a=1&b=2").is_empty());
        assert!(form_fields(b"GET /x?name=Jane%20Doe HTTP/1.1").is_empty());
    }

    #[test]
    fn query_strings_and_forms_are_decoded() {
        assert_eq!(
            decoded("GET /signup?email=jane%40example.com&phone=%2B14155552671&name=Jane+Doe HTTP/1.1"),
            ["email=jane@example.com&phone=+14155552671&name=Jane Doe"]
        );
        assert_eq!(
            decoded("card=4543+1675+2310+0042&cvv=123"),
            ["card=4543 1675 2310 0042&cvv=123"]
        );
        // A `+` outside a form stays a plus; nothing else to decode.
        assert!(decoded("call +49 30 1234567 or a+b").is_empty());
        assert!(decoded("tel:+4930123456789").is_empty());
        // A bad escape stays as written.
        assert!(decoded("100%ZZ of the time").is_empty());
    }

    #[test]
    fn spans_map_back_to_the_encoded_bytes() {
        let t = b"x phone=%2B14155552671 y";
        let d = &runs(t)[0];
        let s = d.text.iter().position(|&b| b == b'+').unwrap();
        let (a, b) = d.span(s, d.text.len());
        assert_eq!(&t[a..b], b"%2B14155552671");
        assert!(d.holds_escape(s, d.text.len()));
        assert!(!d.holds_escape(s + 1, d.text.len()));
    }

    proptest::proptest! {
        #[test]
        fn decoded_spans_lie_in_the_buffer(t in "[a-z0-9%+=& .A-F]{0,80}") {
            for d in runs(t.as_bytes()) {
                proptest::prop_assert_eq!(d.origin.len(), d.text.len() + 1);
                let (a, b) = d.span(0, d.text.len());
                proptest::prop_assert!(a <= b && b <= t.len());
                proptest::prop_assert!(d.origin.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }
}
