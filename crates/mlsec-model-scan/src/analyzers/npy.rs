//! NumPy `.npy`: the header is parsed as the Python literal NumPy evaluates
//! (`ast.literal_eval`: escapes, adjacent-string concatenation, comments), and
//! arrays whose dtype holds Python objects carry a pickle, which is scanned.

use mlsec_diagnostics::codes::{FMT_MALFORMED, FMT_NPY_OBJECT};

use super::{pickle, Cx};

/// Scan a `.npy` file (magic `\x93NUMPY`).
pub(crate) fn scan_npy(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32) -> &'static str {
    let Some((descr, body_off)) = header(data) else {
        cx.add(
            &FMT_MALFORMED,
            chain,
            Some(0),
            "numpy header is truncated or is not a dict literal mlsec can read".into(),
            "npy".into(),
        );
        // NumPy may still read it (Python literal syntax is larger than this parser):
        // if the data runs as a pickle, scan it as one.
        if let Some((_, body_off)) = bounds(data) {
            let body = &data[body_off..];
            if mlsec_pickle::looks_like_pickle(body) {
                pickle::scan_pickle_stream(cx, body, chain, depth, body_off as u64);
            }
        }
        return "numpy";
    };
    let body = &data[body_off..];
    let scan_body = match descr {
        Dtype::Plain => false,
        Dtype::Object => true,
        // A dtype string mlsec does not know: if the data runs as a pickle, treat it as one.
        Dtype::Unknown => mlsec_pickle::looks_like_pickle(body),
    };
    if scan_body {
        let why = if descr == Dtype::Object {
            "numpy array has object dtype; its data is a pickle"
        } else {
            "numpy array has a dtype mlsec does not recognise; its data was scanned as a pickle"
        };
        cx.add(
            &FMT_NPY_OBJECT,
            chain,
            Some(body_off as u64),
            why.into(),
            "dtype O".into(),
        );
        pickle::scan_pickle_stream(cx, body, chain, depth, body_off as u64);
    }
    "numpy"
}

/// True when `head` starts a `.npy` whose header parses and whose dtype holds no
/// Python objects: the rest is raw numbers and need not be read.
pub(crate) fn is_plain_array(head: &[u8]) -> bool {
    head.starts_with(b"\x93NUMPY") && header(head).is_some_and(|(d, _)| d == Dtype::Plain)
}

/// What the dtype of an array holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dtype {
    /// Numbers, strings, bytes, dates: raw data.
    Plain,
    /// Python objects: the data is a pickle.
    Object,
    /// Not recognised.
    Unknown,
}

impl Dtype {
    fn join(self, other: Dtype) -> Dtype {
        match (self, other) {
            (Dtype::Object, _) | (_, Dtype::Object) => Dtype::Object,
            (Dtype::Unknown, _) | (_, Dtype::Unknown) => Dtype::Unknown,
            _ => Dtype::Plain,
        }
    }
}

/// The dtype class and the offset of the array data.
fn header(d: &[u8]) -> Option<(Dtype, usize)> {
    let (text, end) = bounds(d)?;
    let Lit::Dict(items) = Parser::new(&text).document()? else {
        return None;
    };
    // Python keeps the last of duplicate keys.
    let descr = items.iter().rev().find_map(|(k, v)| match k {
        Lit::Str(s) if s == "descr" => Some(v),
        _ => None,
    })?;
    Some((classify(descr, 0), end))
}

/// The header text and the offset of the array data.
fn bounds(d: &[u8]) -> Option<(String, usize)> {
    if !d.starts_with(b"\x93NUMPY") {
        return None;
    }
    let major = *d.get(6)?;
    let (len, start): (usize, usize) = match major {
        1 => (usize::from(u16::from_le_bytes([*d.get(8)?, *d.get(9)?])), 10),
        2 | 3 => (u32::from_le_bytes(d.get(8..12)?.try_into().ok()?) as usize, 12),
        _ => return None,
    };
    let end = start.checked_add(len)?;
    let raw = d.get(start..end)?;
    // Version 1 and 2 headers are latin-1, version 3 UTF-8.
    let text: String = if major == 3 {
        std::str::from_utf8(raw).ok()?.to_string()
    } else {
        raw.iter().map(|&b| char::from(b)).collect()
    };
    Some((text, end))
}

/// Classify a `descr` value as `numpy.dtype()` would read it.
fn classify(v: &Lit, depth: u32) -> Dtype {
    if depth > 16 {
        return Dtype::Unknown;
    }
    match v {
        Lit::Str(s) | Lit::Bytes(s) => typestr(s),
        // Structured: [(name, format[, shape]), ...]; subarray: (format, shape).
        Lit::List(items) => items.iter().fold(Dtype::Plain, |acc, f| {
            let fmt = match f {
                Lit::Tuple(t) if t.len() >= 2 => classify(&t[1], depth + 1),
                _ => Dtype::Unknown,
            };
            acc.join(fmt)
        }),
        Lit::Tuple(t) if !t.is_empty() => classify(&t[0], depth + 1),
        // {'names': [...], 'formats': [...]}
        // Any other dict shape is not understood.
        Lit::Dict(items) => {
            let formats = items.iter().rev().find_map(|(k, v)| match (k, v) {
                (Lit::Str(k), Lit::List(f)) if k == "formats" => Some(f),
                _ => None,
            });
            match formats {
                Some(f) => f.iter().fold(Dtype::Plain, |a, x| a.join(classify(x, depth + 1))),
                None => Dtype::Unknown,
            }
        }
        _ => Dtype::Unknown,
    }
}

/// A dtype string: `'<f4'`, `'|O'`, `'float32'`, `'i4,O'` (comma-separated fields).
fn typestr(s: &str) -> Dtype {
    let s = s.trim();
    if s.contains(',') {
        return s.split(',').fold(Dtype::Plain, |acc, f| acc.join(typestr(f)));
    }
    // A leading subarray shape: `(2,3)f4`.
    let s = match s.strip_prefix('(') {
        Some(r) => r.split_once(')').map_or("", |(_, t)| t),
        None => s,
    };
    let body = s.trim_start_matches(['<', '>', '=', '|']);
    let kind = body.trim_end_matches(|c: char| c.is_ascii_digit());
    if kind == "O" || body.starts_with("object") {
        return Dtype::Object;
    }
    let unit_ok = |u: &str| u.chars().all(|c| c.is_ascii_alphanumeric());
    let simple = match body.split_once('[') {
        Some((k, unit)) => {
            matches!(k, "M8" | "m8" | "datetime64" | "timedelta64")
                && unit.ends_with(']')
                && unit_ok(&unit[..unit.len() - 1])
        }
        None => {
            matches!(
                kind,
                "b" | "i"
                    | "u"
                    | "f"
                    | "c"
                    | "S"
                    | "U"
                    | "V"
                    | "a"
                    | "?"
                    | "M"
                    | "m"
                    | "e"
                    | "d"
                    | "g"
                    | "l"
                    | "q"
                    | "h"
                    | "B"
                    | "H"
                    | "I"
                    | "L"
                    | "Q"
                    | "F"
                    | "D"
                    | "G"
            ) || matches!(
                body,
                "bool"
                    | "bool_"
                    | "int"
                    | "float"
                    | "complex"
                    | "str"
                    | "bytes"
                    | "int8"
                    | "int16"
                    | "int32"
                    | "int64"
                    | "uint8"
                    | "uint16"
                    | "uint32"
                    | "uint64"
                    | "float16"
                    | "float32"
                    | "float64"
                    | "float128"
                    | "complex64"
                    | "complex128"
                    | "complex256"
                    | "datetime64"
                    | "timedelta64"
                    | "void"
            )
        }
    };
    if simple {
        Dtype::Plain
    } else {
        Dtype::Unknown
    }
}

/// The Python literals a `.npy` header can hold.
#[derive(Debug, Clone, PartialEq)]
enum Lit {
    Str(String),
    Bytes(String),
    Int,
    Const,
    List(Vec<Lit>),
    Tuple(Vec<Lit>),
    Dict(Vec<(Lit, Lit)>),
}

/// A small parser for the subset of Python literal syntax `ast.literal_eval`
/// accepts in a header; depth-limited, never allocates more than the input size.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    fn new(s: &'a str) -> Self {
        Parser {
            s: s.as_bytes(),
            i: 0,
            depth: 0,
        }
    }

    fn document(&mut self) -> Option<Lit> {
        let v = self.value()?;
        self.ws();
        (self.i == self.s.len()).then_some(v)
    }

    fn ws(&mut self) {
        while let Some(&c) = self.s.get(self.i) {
            match c {
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => self.i += 1,
                b'\\' if matches!(self.s.get(self.i + 1), Some(b'\n')) => self.i += 2,
                b'#' => {
                    while self.s.get(self.i).is_some_and(|&c| c != b'\n') {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Lit> {
        self.depth += 1;
        if self.depth > 64 {
            return None;
        }
        self.ws();
        let c = *self.s.get(self.i)?;
        let v = match c {
            b'{' => {
                self.i += 1;
                let mut items = Vec::new();
                while !self.eat(b'}') {
                    let k = self.value()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    let v = self.value()?;
                    items.push((k, v));
                    if !self.eat(b',') {
                        if !self.eat(b'}') {
                            return None;
                        }
                        break;
                    }
                }
                Lit::Dict(items)
            }
            b'[' | b'(' => {
                let close = if c == b'[' { b']' } else { b')' };
                self.i += 1;
                let mut items = Vec::new();
                let mut trailing_comma = false;
                while !self.eat(close) {
                    items.push(self.value()?);
                    trailing_comma = self.eat(b',');
                    if !trailing_comma {
                        if !self.eat(close) {
                            return None;
                        }
                        break;
                    }
                }
                if c == b'[' {
                    Lit::List(items)
                } else if items.len() == 1 && !trailing_comma {
                    items.pop()?
                } else {
                    Lit::Tuple(items)
                }
            }
            _ => self.atom()?,
        };
        self.depth -= 1;
        Some(v)
    }

    fn atom(&mut self) -> Option<Lit> {
        let c = *self.s.get(self.i)?;
        if c == b'-' || c == b'+' || c.is_ascii_digit() {
            self.i += 1;
            while self
                .s
                .get(self.i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.')
            {
                self.i += 1;
            }
            return Some(Lit::Int);
        }
        // Adjacent string literals concatenate: 'de' 'scr' == 'descr'.
        let mut out: Option<(String, bool)> = None;
        loop {
            self.ws();
            let Some((s, bytes)) = self.string()? else { break };
            match &mut out {
                Some((acc, b)) if *b == bytes => acc.push_str(&s),
                Some(_) => return None,
                None => out = Some((s, bytes)),
            }
        }
        if let Some((s, bytes)) = out {
            return Some(if bytes { Lit::Bytes(s) } else { Lit::Str(s) });
        }
        let start = self.i;
        while self
            .s
            .get(self.i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            self.i += 1;
        }
        matches!(&self.s[start..self.i], b"True" | b"False" | b"None").then_some(Lit::Const)
    }

    /// A string literal with optional prefix; `Ok(None)` when none starts here.
    #[allow(clippy::option_option)]
    fn string(&mut self) -> Option<Option<(String, bool)>> {
        let start = self.i;
        let mut raw = false;
        let mut bytes = false;
        while let Some(&c) = self.s.get(self.i) {
            match c.to_ascii_lowercase() {
                b'r' => raw = true,
                b'b' => bytes = true,
                b'u' => {}
                _ => break,
            }
            self.i += 1;
            if self.i - start > 2 {
                break;
            }
        }
        let Some(&q) = self.s.get(self.i).filter(|&&q| q == b'\'' || q == b'"') else {
            self.i = start;
            return Some(None);
        };
        let triple = self.s.get(self.i..self.i + 3) == Some(&[q, q, q][..]);
        self.i += if triple { 3 } else { 1 };
        let mut out = String::new();
        loop {
            let c = *self.s.get(self.i)?;
            if c == q && (!triple || self.s.get(self.i..self.i + 3) == Some(&[q, q, q][..])) {
                self.i += if triple { 3 } else { 1 };
                break;
            }
            if c == b'\n' && !triple {
                return None;
            }
            if c == b'\\' && !raw {
                let e = *self.s.get(self.i + 1)?;
                self.i += 2;
                let hex = |p: &mut Self, n: usize| -> Option<char> {
                    let h = std::str::from_utf8(p.s.get(p.i..p.i + n)?).ok()?;
                    p.i += n;
                    char::from_u32(u32::from_str_radix(h, 16).ok()?)
                };
                match e {
                    b'\n' => {}
                    b'n' => out.push('\n'),
                    b't' => out.push('\t'),
                    b'r' => out.push('\r'),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match self.s.get(self.i) {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    self.i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(char::from_u32(v)?);
                    }
                    b'x' => out.push(hex(self, 2)?),
                    b'u' if !bytes => out.push(hex(self, 4)?),
                    b'U' if !bytes => out.push(hex(self, 8)?),
                    b'a' => out.push('\x07'),
                    b'b' => out.push('\x08'),
                    b'f' => out.push('\x0c'),
                    b'v' => out.push('\x0b'),
                    b'\\' | b'\'' | b'"' => out.push(char::from(e)),
                    // \N{NAME} and unknown escapes: kept verbatim (Python keeps unknown ones).
                    _ => {
                        out.push('\\');
                        out.push(char::from(e));
                    }
                }
                continue;
            }
            // Multi-byte UTF-8 (version 3 headers) passes through.
            let ch_len = match c {
                0x00..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            let chunk = self.s.get(self.i..self.i + ch_len)?;
            out.push_str(std::str::from_utf8(chunk).ok()?);
            self.i += ch_len;
        }
        Some(Some((out, bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(h: &str) -> Vec<u8> {
        let mut v = b"\x93NUMPY\x01\x00".to_vec();
        v.extend_from_slice(&u16::try_from(h.len()).unwrap().to_le_bytes());
        v.extend_from_slice(h.as_bytes());
        v
    }

    fn dtype(h: &str) -> Option<Dtype> {
        header(&npy(h)).map(|(d, _)| d)
    }

    #[test]
    fn object_dtype_detection() {
        assert_eq!(
            dtype("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }"),
            Some(Dtype::Object)
        );
        assert_eq!(
            dtype("{'descr': [('a', '<i8'), ('b', 'O')], 'fortran_order': False, 'shape': (2,), }"),
            Some(Dtype::Object)
        );
        assert_eq!(
            dtype("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"),
            Some(Dtype::Plain)
        );
        assert_eq!(
            dtype("{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (), }"),
            Some(Dtype::Plain)
        );
        assert_eq!(
            dtype("{'descr': [('a', '<f4', (2, 3))], 'shape': (1,)}"),
            Some(Dtype::Plain)
        );
        // What ast.literal_eval accepts and a substring search does not.
        assert_eq!(dtype("{'descr': 'object', 'shape': (2,)}"), Some(Dtype::Object));
        assert_eq!(dtype("{'descr': '\\x4f', 'shape': (2,)}"), Some(Dtype::Object));
        assert_eq!(dtype("{'\\x64escr': '|O', 'shape': (2,)}"), Some(Dtype::Object));
        assert_eq!(
            dtype("{'de' \"scr\": 'O', 'shape': (2,)} # comment"),
            Some(Dtype::Object)
        );
        assert_eq!(dtype("{'descr': 'i4,O', 'shape': (2,)}"), Some(Dtype::Object));
        assert_eq!(dtype("{'descr': 'weird', 'shape': (2,)}"), Some(Dtype::Unknown));
        assert_eq!(dtype("{'descr': '<f4', 'shape': (2,"), None);
        assert_eq!(dtype(&"[".repeat(5000)), None);
    }
}
