//! Text decoders the unpickler applies to opcode arguments, and the static
//! evaluation of the few encoders attackers wrap nested payloads in.
//!
//! `raw-unicode-escape` (UNICODE), Python bytes escapes (STRING), UTF-8 with
//! `surrogatepass` (BINUNICODE), decimal/base-0 integers (INT, LONG, PUT, GET).

use std::borrow::Cow;

/// Decode `raw-unicode-escape` as CPython does: only `\uXXXX` / `\UXXXXXXXX` after an
/// odd number of backslashes are escapes; other bytes are Latin-1 code points.
pub(crate) fn raw_unicode_escape(s: &[u8]) -> Result<String, &'static str> {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' {
            out.push(char::from(s[i]));
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len() && s[i] == b'\\' {
            out.push('\\');
            i += 1;
        }
        if (i - start) % 2 == 0 || i >= s.len() || (s[i] != b'u' && s[i] != b'U') {
            continue;
        }
        out.pop();
        let count = if s[i] == b'u' { 4 } else { 8 };
        i += 1;
        let mut ch: u32 = 0;
        for _ in 0..count {
            let Some(&c) = s.get(i) else {
                return Err(if count == 4 {
                    "truncated \\uXXXX escape"
                } else {
                    "truncated \\UXXXXXXXX escape"
                });
            };
            let d = (c as char).to_digit(16).ok_or(if count == 4 {
                "truncated \\uXXXX escape"
            } else {
                "truncated \\UXXXXXXXX escape"
            })?;
            ch = (ch << 4) | d;
            i += 1;
        }
        if ch > 0x10_FFFF {
            return Err("\\Uxxxxxxxx out of range");
        }
        out.push(char::from_u32(ch).unwrap_or('\u{FFFD}'));
    }
    Ok(out)
}

/// Decode UTF-8 the way `PyUnicode_DecodeUTF8(..., "surrogatepass")` does: encoded
/// surrogates are accepted (and replaced by U+FFFD here, as Rust strings cannot hold them).
pub(crate) fn utf8_surrogatepass(s: &[u8]) -> Result<Cow<'_, str>, ()> {
    if let Ok(v) = std::str::from_utf8(s) {
        return Ok(Cow::Borrowed(v));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        match std::str::from_utf8(rest) {
            Ok(v) => {
                out.push_str(v);
                return Ok(Cow::Owned(out));
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).map_err(|_| ())?);
                // An encoded surrogate: ED A0..BF 80..BF.
                if bad.len() >= 3
                    && bad[0] == 0xED
                    && (0xA0..=0xBF).contains(&bad[1])
                    && (0x80..=0xBF).contains(&bad[2])
                {
                    out.push('\u{FFFD}');
                    rest = &bad[3..];
                } else {
                    return Err(());
                }
            }
        }
    }
}

/// Decode Python bytes-literal escapes (`PyBytes_DecodeEscape`).
pub(crate) fn bytes_escape(s: &[u8]) -> Result<Vec<u8>, &'static str> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = s.get(i) else {
            return Err("trailing \\ in string");
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match s.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let hex = s.get(i..i + 2).ok_or("invalid \\x escape")?;
                let v = std::str::from_utf8(hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or("invalid \\x escape")?;
                out.push(v);
                i += 2;
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// C parses these lines as NUL-terminated strings: anything after a NUL is ignored.
fn until_nul(s: &[u8]) -> &[u8] {
    &s[..s.iter().position(|&b| b == 0).unwrap_or(s.len())]
}

/// Parse an integer as `strtol(s, &end, 0)` followed by `PyLong_FromString(s, NULL, 0)` would
/// accept it; only validity matters to the VM.
pub(crate) fn parse_int_base0(s: &[u8]) -> Option<i128> {
    let s = until_nul(s);
    if s.is_empty() {
        return Some(0);
    }
    let t = std::str::from_utf8(s).ok()?.trim();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let t = t.replace('_', "");
    let (radix, digits) = if let Some(r) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (16, r.to_string())
    } else if let Some(r) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
        (8, r.to_string())
    } else if let Some(r) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        (2, r.to_string())
    } else if t.len() > 1 && t.starts_with('0') {
        (8, t[1..].to_string())
    } else {
        (10, t)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let v = i128::from_str_radix(&digits, radix).unwrap_or(i128::MAX);
    Some(if neg { -v } else { v })
}

/// Parse a decimal integer as `PyLong_FromString(s, NULL, 10)` (GET/PUT arguments).
pub(crate) fn parse_int_base10(s: &[u8]) -> Option<i128> {
    let t = std::str::from_utf8(until_nul(s)).ok()?.trim();
    let (neg, d) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let d = d.replace('_', "");
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = d.parse::<i128>().unwrap_or(i128::MAX);
    Some(if neg { -v } else { v })
}

/// Parse a float as `PyOS_string_to_double` accepts it.
pub(crate) fn parse_float(s: &[u8]) -> Option<f64> {
    let t = std::str::from_utf8(until_nul(s)).ok()?.trim();
    let l = t.to_ascii_lowercase();
    let l = l.trim_start_matches(['+', '-']);
    if matches!(l, "inf" | "infinity" | "nan") {
        return Some(0.0);
    }
    t.parse::<f64>().ok()
}

/// Static evaluation of encoders wrapped around nested payloads.
pub(crate) fn apply_decoder(module: &str, name: &str, input: &[u8], extra: Option<&str>) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let b64 = |d: &[u8]| {
        let cleaned: Vec<u8> = d.iter().copied().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(&cleaned)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(&cleaned))
            .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(&cleaned))
            .ok()
    };
    let hex = |d: &[u8]| {
        let cleaned: Vec<u8> = d.iter().copied().filter(|c| !c.is_ascii_whitespace()).collect();
        if cleaned.len() % 2 != 0 {
            return None;
        }
        cleaned
            .chunks(2)
            .map(|p| std::str::from_utf8(p).ok().and_then(|h| u8::from_str_radix(h, 16).ok()))
            .collect::<Option<Vec<u8>>>()
    };
    let inflate = |d: &[u8]| {
        use std::io::Read as _;
        let mut out = Vec::new();
        let limit = 256 << 20;
        let ok = flate2::read::ZlibDecoder::new(d)
            .take(limit)
            .read_to_end(&mut out)
            .is_ok()
            || {
                out.clear();
                flate2::read::GzDecoder::new(d)
                    .take(limit)
                    .read_to_end(&mut out)
                    .is_ok()
            }
            || {
                out.clear();
                flate2::read::DeflateDecoder::new(d)
                    .take(limit)
                    .read_to_end(&mut out)
                    .is_ok()
            };
        ok.then_some(out)
    };
    match (module, name) {
        ("base64", "b64decode" | "decodebytes" | "standard_b64decode" | "urlsafe_b64decode" | "decodestring")
        | ("binascii", "a2b_base64") => b64(input),
        ("base64", "b16decode")
        | ("binascii", "unhexlify" | "a2b_hex")
        | ("builtins", "bytes.fromhex" | "bytearray.fromhex") => hex(input),
        ("zlib", "decompress") | ("gzip", "decompress") => inflate(input),
        ("builtins", "bytes" | "bytearray") | ("io", "BytesIO") | ("_io", "BytesIO") => Some(input.to_vec()),
        ("_codecs" | "codecs", "encode" | "decode") => match extra.map(str::to_ascii_lowercase).as_deref() {
            Some("base64" | "base64_codec") => b64(input),
            Some("hex" | "hex_codec") => hex(input),
            Some("zlib" | "zlib_codec") => inflate(input),
            _ => Some(input.to_vec()),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_unicode_escape_matches_cpython() {
        assert_eq!(raw_unicode_escape(b"I12345\\u000a.").unwrap(), "I12345\n.");
        assert_eq!(raw_unicode_escape(b"a\\\\u0041").unwrap(), "a\\\\u0041");
        assert_eq!(raw_unicode_escape(b"\\\\\\u0041").unwrap(), "\\\\A");
        assert_eq!(raw_unicode_escape(b"\xe9").unwrap(), "\u{e9}");
        assert!(raw_unicode_escape(b"\\u12").is_err());
        assert!(raw_unicode_escape(b"\\U00110000").is_err());
    }

    #[test]
    fn ints_parse_like_python() {
        assert_eq!(parse_int_base0(b"0x10"), Some(16));
        assert_eq!(parse_int_base0(b"-5"), Some(-5));
        assert_eq!(parse_int_base0(b"12L".strip_suffix(b"L").unwrap()), Some(12));
        assert_eq!(parse_int_base0(b"abc"), None);
        assert_eq!(parse_int_base10(b"7"), Some(7));
        assert_eq!(parse_int_base10(b"0x7"), None);
    }

    #[test]
    fn bytes_escape_decodes() {
        assert_eq!(bytes_escape(b"a\\nb\\x41\\101").unwrap(), b"a\nbAA");
        assert!(bytes_escape(b"\\xZZ").is_err());
    }

    #[test]
    fn decoders() {
        assert_eq!(apply_decoder("base64", "b64decode", b"aGk=", None).unwrap(), b"hi");
        assert_eq!(
            apply_decoder("builtins", "bytes.fromhex", b"6869", None).unwrap(),
            b"hi"
        );
    }
}
