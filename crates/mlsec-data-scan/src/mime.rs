//! Mail as mailboxes and `.eml` files keep it, MIME-encoded: header words
//! in RFC 2047's encoding (`From: =?UTF-8?Q?Old=C5=99ich_Hor=C3=A1k?=`),
//! and bodies in quoted-printable (`Ol=C5=A1ava`, lines broken by `=` at
//! their end) or base64 (a `Content-Transfer-Encoding` header says which;
//! a base64 part is read if its type is text). Each is decoded, the
//! detector reads the decoded text, and the spans it finds are mapped back
//! to the encoded bytes ([`crate::url_encoded::Decoded`]), which redaction
//! then replaces whole. Text in UTF-8 is read so; a header word in another
//! charset is transcoded.
//!
//! So are the text values of vCards and iCalendar files, MIME's directory
//! types ([`directory_runs`]): their long lines folded (a line break and a
//! space, `CN=\r\n 김예준`) and their commas, semicolons and line breaks
//! escaped (`Bağdat Cad. No:163\, 34662 Üsküdar`, `Adres: ...\nTel: ...`).

use crate::url_encoded::Decoded;

/// The longest body part decoded (a longer one is cut there).
const MAX_PART: usize = 1 << 20;

/// The encoded runs of `buf`, decoded: its headers with encoded words and
/// its quoted-printable and base64 text parts.
pub(crate) fn runs(buf: &[u8]) -> Vec<Decoded> {
    let mut out = Vec::new();
    if memchr::memmem::find(buf, b"=?").is_some() {
        encoded_headers(buf, &mut out);
    }
    for at in memchr::memmem::find_iter(buf, b"ransfer-") {
        if let Some(d) = body_part(buf, at) {
            out.push(d);
        }
    }
    out
}

/// The content lines of the vCards and iCalendar objects in `buf` that are
/// folded or hold an escape (RFC 6350 and 5545: `\\,`, `\\;`, `\\n`,
/// `\\\\`), unfolded and unescaped.
pub(crate) fn directory_runs(buf: &[u8]) -> Vec<Decoded> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < buf.len() {
        let end = folded_line_end(buf, start, MAX_PART);
        let line = &buf[start..end];
        let folded = memchr::memmem::find(line, b"\n ").is_some() || memchr::memmem::find(line, b"\n\t").is_some();
        let escaped = memchr::memchr(b'\\', line).is_some();
        if folded || escaped {
            let end_of_line = if end > start && buf[end - 1] == b'\r' {
                end - 1
            } else {
                end
            };
            let mut d = Builder::default();
            let mut i = start;
            let mut joined = false;
            while i < end_of_line {
                let b = buf[i];
                // A fold: the line break (and a `\r` before it) and the space.
                if b == b'\r' && buf.get(i + 1) == Some(&b'\n') && matches!(buf.get(i + 2), Some(b' ' | b'\t')) {
                    i += 3;
                    joined = true;
                    continue;
                }
                if b == b'\n' && matches!(buf.get(i + 1), Some(b' ' | b'\t')) {
                    i += 2;
                    joined = true;
                    continue;
                }
                if b == b'\\' {
                    let unescaped = match buf.get(i + 1) {
                        Some(b'n' | b'N') => Some(b'\n'),
                        Some(&c @ (b',' | b';' | b'\\' | b':')) => Some(c),
                        _ => None,
                    };
                    if let Some(c) = unescaped {
                        d.push(c, i, true);
                        i += 2;
                        joined = false;
                        continue;
                    }
                }
                d.push(b, i, joined);
                joined = false;
                i += 1;
            }
            out.extend(d.done(end_of_line));
        }
        start = end + 1;
    }
    out
}

/// Where the line at `start` ends with the lines folded under it (each
/// starts with a space or a tab, as mail headers and vCard and iCalendar
/// lines are folded): at its last line break, or the buffer's end. Lines
/// are joined while fewer than `max` bytes are read.
fn folded_line_end(buf: &[u8], start: usize, max: usize) -> usize {
    let mut end = start;
    loop {
        end = memchr::memchr(b'\n', &buf[end..]).map_or(buf.len(), |i| end + i);
        if end + 1 < buf.len() && matches!(buf[end + 1], b' ' | b'\t') && end - start < max {
            end += 1;
            continue;
        }
        return end;
    }
}

/// `v` decoded where it is a quoted-printable value (a vCard 2.1
/// property's `ENCODING=QUOTED-PRINTABLE`: `Tom=C3=A1=C5=A1`), for a value
/// to be judged as what it says: `=XX` escapes, at least one of a byte
/// beyond ASCII, and soft line breaks; none where it holds no such escape.
pub(crate) fn quoted_printable_value(v: &[u8]) -> Option<Vec<u8>> {
    let escape = |i: usize| match (v.get(i + 1).copied().and_then(hex), v.get(i + 2).copied().and_then(hex)) {
        (Some(h), Some(l)) if v[i + 1].is_ascii_uppercase() || v[i + 1].is_ascii_digit() => Some(h << 4 | l),
        _ => None,
    };
    let wide = memchr::memchr_iter(b'=', v).any(|i| escape(i).is_some_and(|b| b >= 0x80));
    if !wide {
        return None;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'=' {
            if let Some(b) = escape(i) {
                out.push(b);
                i += 3;
                continue;
            }
            // A soft line break.
            let rest = &v[i + 1..];
            let soft = if rest.starts_with(b"\r\n") {
                2
            } else {
                usize::from(rest.starts_with(b"\n"))
            };
            if soft > 0 {
                i += 1 + soft;
                continue;
            }
        }
        out.push(v[i]);
        i += 1;
    }
    Some(out)
}

/// The value of the hex digit `b`.
fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// Decoded text being built: bytes, where each came from, whether encoded.
#[derive(Default)]
struct Builder {
    text: Vec<u8>,
    origin: Vec<usize>,
    escaped: Vec<bool>,
}

impl Builder {
    fn push(&mut self, b: u8, at: usize, escaped: bool) {
        self.text.push(b);
        self.origin.push(at);
        self.escaped.push(escaped);
    }

    fn done(mut self, end: usize) -> Option<Decoded> {
        self.origin.push(end);
        self.escaped.contains(&true).then_some(Decoded {
            text: self.text,
            origin: self.origin,
            escaped: self.escaped,
        })
    }
}

/// The encoded word (`=?charset?Q?text?=`, `?B?` for base64) that starts
/// at `at`: its decoding in UTF-8 and where it ends.
fn encoded_word(buf: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    let rest = buf.get(at + 2..buf.len().min(at + 2 + 512))?;
    let q1 = memchr::memchr(b'?', rest)?;
    let charset = &rest[..q1];
    let kind = *rest.get(q1 + 1)?;
    if rest.get(q1 + 2) != Some(&b'?') || charset.is_empty() || charset.len() > 40 {
        return None;
    }
    let payload_at = q1 + 3;
    let len = memchr::memmem::find(&rest[payload_at..], b"?=")?;
    let payload = &rest[payload_at..payload_at + len];
    if payload.iter().any(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let raw = match kind.to_ascii_uppercase() {
        b'Q' => {
            let mut v = Vec::with_capacity(payload.len());
            let mut i = 0;
            while i < payload.len() {
                match payload[i] {
                    b'_' => v.push(b' '),
                    b'=' => {
                        let byte = hex(*payload.get(i + 1)?)? << 4 | hex(*payload.get(i + 2)?)?;
                        v.push(byte);
                        i += 2;
                    }
                    b => v.push(b),
                }
                i += 1;
            }
            v
        }
        b'B' => crate::detect::decode_base64(payload)?,
        _ => return None,
    };
    // `UTF-8`, `utf-8*en` (a language after `*`).
    let label = charset.split(|&b| b == b'*').next().unwrap_or(charset);
    let encoding = encoding_rs::Encoding::for_label(label)?;
    let (text, _) = encoding.decode_without_bom_handling(&raw);
    Some((text.into_owned().into_bytes(), at + 2 + payload_at + len + 2))
}

/// Each header line (with the lines folded under it) that holds an
/// encoded word, decoded: the words replaced by their text, the white
/// space between two words dropped (RFC 2047, 6.2).
fn encoded_headers(buf: &[u8], out: &mut Vec<Decoded>) {
    let mut line_start = 0;
    while line_start < buf.len() {
        let end = folded_line_end(buf, line_start, 4096);
        let header = &buf[line_start..end];
        if memchr::memmem::find(header, b"=?").is_some() && memchr::memmem::find(header, b"?=").is_some() {
            let mut d = Builder::default();
            let mut i = line_start;
            let mut after_word: Option<usize> = None;
            while i < end {
                if buf[i] == b'=' && buf.get(i + 1) == Some(&b'?') {
                    if let Some((text, e)) = encoded_word(buf, i).filter(|(_, e)| *e <= end) {
                        // White space between two words is no part of the text.
                        if let Some(w) = after_word {
                            let n = d.text.len() - (i - w);
                            d.text.truncate(n);
                            d.origin.truncate(n);
                            d.escaped.truncate(n);
                        }
                        for b in text {
                            d.push(b, i, true);
                        }
                        i = e;
                        after_word = Some(e);
                        continue;
                    }
                }
                if !buf[i].is_ascii_whitespace() {
                    after_word = None;
                }
                d.push(buf[i], i, false);
                i += 1;
            }
            out.extend(d.done(end));
        }
        line_start = end + 1;
    }
}

/// The body part whose `Content-Transfer-Encoding` header's `ransfer-` is
/// at `at`, decoded, if it is quoted-printable or text in base64.
fn body_part(buf: &[u8], at: usize) -> Option<Decoded> {
    let line_start = memchr::memrchr(b'\n', &buf[..at]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &buf[at..]).map_or(buf.len(), |i| at + i);
    let line = &buf[line_start..line_end];
    let value = line.get(26..)?;
    if !line[..26].eq_ignore_ascii_case(b"content-transfer-encoding:") {
        return None;
    }
    let value = value.trim_ascii();
    let qp = value.eq_ignore_ascii_case(b"quoted-printable");
    if !qp && !value.eq_ignore_ascii_case(b"base64") {
        return None;
    }
    // The part's body: after the blank line that ends its headers.
    let rest = &buf[line_end..buf.len().min(line_end + 8192)];
    let body = [&b"\n\n"[..], b"\n\r\n"]
        .iter()
        .filter_map(|m| memchr::memmem::find(rest, m).map(|i| line_end + i + m.len()))
        .min()?;
    if !qp {
        // Only text: an image or an archive in base64 holds no one's name.
        // The part's headers start after a blank line or a boundary.
        let from = line_start.saturating_sub(4096);
        let head = &buf[from..line_start];
        let start = [&b"\n\n"[..], b"\n--"]
            .iter()
            .filter_map(|m| memchr::memmem::rfind(head, m).map(|i| from + i + m.len()))
            .max()
            .unwrap_or(from);
        let lower = buf[start..body].to_ascii_lowercase();
        if let Some(t) = memchr::memmem::find(&lower, b"content-type:") {
            if !lower[t + 13..].trim_ascii_start().starts_with(b"text/") {
                return None;
            }
        }
    }
    // The part ends at a boundary line (`--...`; not a signature's `-- `,
    // `--=20` in quoted-printable), at the next message of a mailbox
    // (`From `), or at the end.
    let limit = buf.len().min(body + MAX_PART);
    let boundary = memchr::memmem::find_iter(&buf[body..limit], b"\n--").find(|&i| {
        let after = &buf[body + i + 3..limit];
        !(after.starts_with(b" ") || after.starts_with(b"=20") || after.starts_with(b"\n") || after.starts_with(b"\r"))
    });
    let part_end = [boundary, memchr::memmem::find(&buf[body..limit], b"\nFrom ")]
        .into_iter()
        .flatten()
        .min()
        .map_or(limit, |i| body + i);
    let part = &buf[body..part_end];
    let mut d = Builder::default();
    if qp {
        let mut i = 0;
        let mut joined = false;
        while i < part.len() {
            let b = part[i];
            if b == b'=' {
                // A soft line break: the line goes on after it.
                let soft = if part.get(i + 1) == Some(&b'\n') {
                    Some(2)
                } else if part[i + 1..].starts_with(b"\r\n") {
                    Some(3)
                } else {
                    None
                };
                if let Some(n) = soft {
                    i += n;
                    joined = true;
                    continue;
                }
                if let (Some(h), Some(l)) = (
                    part.get(i + 1).and_then(|&x| hex(x)),
                    part.get(i + 2).and_then(|&x| hex(x)),
                ) {
                    d.push(h << 4 | l, body + i, true);
                    i += 3;
                    joined = false;
                    continue;
                }
            }
            d.push(b, body + i, joined);
            joined = false;
            i += 1;
        }
        return d.done(part_end);
    }
    // Base64: each group of four characters gives three bytes, all from
    // where the group starts.
    let chars: Vec<usize> = (0..part.len())
        .filter(|&i| part[i].is_ascii_alphanumeric() || matches!(part[i], b'+' | b'/'))
        .collect();
    for group in chars.chunks(4) {
        let quad: Vec<u8> = group.iter().map(|&i| part[i]).collect();
        let bytes = crate::detect::decode_base64(&quad)?;
        for b in bytes {
            d.push(b, body + group[0], true);
        }
    }
    let end = chars.last().map_or(part_end, |&i| body + i + 1);
    std::str::from_utf8(&d.text).ok()?;
    d.done(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(t: &str) -> Vec<String> {
        crate::url_encoded::texts(runs(t.as_bytes()))
    }

    #[test]
    fn directory_lines_are_unfolded_and_unescaped() {
        let ics = "BEGIN:VEVENT\r\nLOCATION:Fevzi \u{c7}akmak Cad. No:60 D:15\\, 34662 \u{dc}sk\u{fc}dar/\u{130}stanbul\r\n\
                   ATTENDEE;CN=\r\n \u{ae40}\u{c608}\u{c900};X-NUM-GUESTS=0:mailto:o@kakao.com\r\nSUMMARY:Plain\r\nEND:VEVENT\r\n";
        let texts = crate::url_encoded::texts(directory_runs(ics.as_bytes()));
        assert_eq!(
            texts,
            [
                "LOCATION:Fevzi \u{c7}akmak Cad. No:60 D:15, 34662 \u{dc}sk\u{fc}dar/\u{130}stanbul",
                "ATTENDEE;CN=\u{ae40}\u{c608}\u{c900};X-NUM-GUESTS=0:mailto:o@kakao.com",
            ]
        );
    }

    #[test]
    fn a_quoted_printable_value_is_decoded() {
        assert_eq!(
            quoted_printable_value(b"Tom=C3=A1=C5=A1 Proch=C3=A1zka").as_deref(),
            Some("Tom\u{e1}\u{161} Proch\u{e1}zka".as_bytes())
        );
        assert_eq!(
            quoted_printable_value(b"Proch=C3=A1=\r\nzka").as_deref(),
            Some("Proch\u{e1}zka".as_bytes())
        );
        // No escape of a byte beyond ASCII: none (`a=b`, `x=3D`).
        assert_eq!(quoted_printable_value(b"a=b c=3D"), None);
    }

    #[test]
    fn encoded_words_quoted_printable_and_base64_text_are_decoded() {
        let mail = "From: =?UTF-8?Q?Old=C5=99ich_Hor=C3=A1k?= <o.horak@seznam.cz>\n\
                    Cc: =?iso-8859-2?B?SmFuYSBOb3bhaw==?=\n =?UTF-8?Q?_ml=2E?= <j@x.cz>\n\
                    Subject: plain\n\
                    Content-Type: text/plain; charset=utf-8\n\
                    Content-Transfer-Encoding: quoted-printable\n\n\
                    S pozdravem,=0A=C5=A0imon Dvo=\n=C5=99=C3=A1k, Ol=C5=A1ava\n--=20\nJan\n\
                    --b1\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n\
                    VGVsZWZvbjogKzQyMCA2MDIgMTIzIDQ1Ng==\n--b1\n\
                    Content-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n";
        assert_eq!(
            decoded(mail),
            [
                "From: Oldřich Horák <o.horak@seznam.cz>",
                "Cc: Jana Novák ml. <j@x.cz>",
                "S pozdravem,\nŠimon Dvořák, Olšava\n-- \nJan",
                "Telefon: +420 602 123 456",
            ]
        );
        // A decoded span maps back onto the encoded bytes.
        let d = &runs(mail.as_bytes())[0];
        let at = d.text.windows(5).position(|w| w == b"Old\xc5\x99").unwrap();
        let (s, e) = d.span(at, at + "Oldřich Horák".len());
        assert_eq!(&mail[s..e], "=?UTF-8?Q?Old=C5=99ich_Hor=C3=A1k?=");
        // Plain text, `=` in code and a broken word are left.
        assert!(decoded("a = b; x=?y and =?UTF-8?Q?broken word?=\n").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_directory_text_decodes_to_spans_inside_it(t in "(BEGIN:VCARD|\r\n |\n\t|\\\\[n,;]|\\\\|[ a-zA-Z:;=,])+") {
            for d in directory_runs(t.as_bytes()) {
                proptest::prop_assert_eq!(d.origin.len(), d.text.len() + 1);
                proptest::prop_assert!(d.origin.windows(2).all(|w| w[0] <= w[1]) && *d.origin.last().unwrap() <= t.len());
            }
        }

        #[test]
        fn any_text_decodes_to_spans_inside_it(t in "(=\\?UTF-8\\?[QB]\\?|\\?=|=C3|=\n|Content-Transfer-Encoding: (quoted-printable|base64)\n|\n\n|--|[ a-zA-Z=_/+]){0,40}") {
            for d in runs(t.as_bytes()) {
                proptest::prop_assert_eq!(d.origin.len(), d.text.len() + 1);
                proptest::prop_assert!(d.origin.windows(2).all(|w| w[0] <= w[1]) && *d.origin.last().unwrap() <= t.len());
            }
        }
    }
}
