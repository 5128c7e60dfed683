//! Field paths of JSON values: a small tokenizer that walks one JSON
//! document (a JSON Lines record) and yields each scalar's byte span with
//! its path (`user.emails[1]`), so a match at a byte offset can be named by
//! its field. Tolerant: on malformed input it stops and returns what it has.

use std::collections::HashMap;
use std::sync::Arc;

/// A scalar value's span and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// Start of the value (inside the quotes for strings).
    pub start: usize,
    /// End of the value.
    pub end: usize,
    /// Its path.
    pub path: Arc<str>,
    /// Its path in lower case, as [`crate::column_name::context_key`] gives
    /// it (for matching words such as `email`).
    pub lower: Arc<str>,
    /// What a field beside it says the value is (`{"label": "FIRSTNAME",
    /// "value": ...}`), in lower case: see `name_values_by_kind`.
    pub kind: Option<Arc<str>>,
}

/// The paths met so far, each built once: the same field in the next
/// record shares them instead of allocating its own.
#[derive(Debug, Default)]
pub struct Paths {
    /// Path -> its lowercase form.
    seen: HashMap<Arc<str>, Arc<str>>,
    /// The path being built.
    buf: String,
}

impl Paths {
    /// The shared path of `inner`, a path inside a document kept in the
    /// string at `outer`, after it (`arguments.full_name`,
    /// `payload[2].id`), and its lowercase form.
    pub(crate) fn joined(&mut self, outer: &str, inner: &str) -> (Arc<str>, Arc<str>) {
        let p = &mut self.buf;
        p.clear();
        p.push_str(outer);
        if !inner.starts_with('[') && !outer.is_empty() && !inner.is_empty() {
            p.push('.');
        }
        p.push_str(inner);
        self.interned()
    }

    /// The shared path (and lowercase path) held in `buf`.
    fn interned(&mut self) -> (Arc<str>, Arc<str>) {
        let p = &self.buf;
        if let Some((path, lower)) = self.seen.get_key_value(p.as_str()) {
            return (path.clone(), lower.clone());
        }
        let path: Arc<str> = Arc::from(p.as_str());
        let lower: Arc<str> = Arc::from(crate::column_name::context_key(p));
        self.seen.insert(path.clone(), lower.clone());
        (path, lower)
    }

    /// The shared path (and lowercase path) of the value `stack` leads to.
    fn of(&mut self, doc: &[u8], stack: &[Frame]) -> (Arc<str>, Arc<str>) {
        use std::fmt::Write as _;
        let p = &mut self.buf;
        p.clear();
        for f in stack {
            match f {
                Frame::Object { key: Some((s, e)) } => {
                    if !p.is_empty() {
                        p.push('.');
                    }
                    p.push_str(&String::from_utf8_lossy(&doc[*s..*e]));
                }
                Frame::Object { key: None } => {}
                Frame::Array { index } => {
                    let _ = write!(p, "[{index}]");
                }
            }
        }
        self.interned()
    }
}

#[derive(Debug)]
enum Frame {
    /// An object, with the span of the key last read.
    Object {
        key: Option<(usize, usize)>,
    },
    Array {
        index: usize,
    },
}

/// A walk over the top level of a JSON document that is an array (`[{...},
/// {...}]`), or of the array of records an object wraps (`{"version": 2,
/// "data": [{...}, {...}]}`), in pieces: it says where each top-level element starts, and
/// its state at any byte can be kept and the walk resumed there, so a
/// document of any size is read a segment at a time. Strings are skipped
/// whole (their brackets and commas are text). Tolerant: malformed input
/// gives the elements met before the damage, and the walk never fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArrayWalk {
    /// Bytes before the array's `[` still to be passed over.
    skip: usize,
    /// Nesting depth: 1 inside the array, 0 before its `[` or after its `]`.
    depth: usize,
    /// The `[` has been met.
    opened: bool,
    /// The next value at depth 1 starts an element.
    expect: bool,
    /// Inside a string.
    string: bool,
    /// Inside a string, right after a backslash.
    escape: bool,
}

impl ArrayWalk {
    /// The walk of `doc` from its first byte, when it is an array (only
    /// white space, after a byte-order mark, comes before its `[`), or an
    /// object whose first member holding an array of objects comes after
    /// other members only (`{"version": 2, "tags": ["a"], "data": [{...}]}`;
    /// also inside objects: `{"export": {"batch": {"records": [...]}}}`):
    /// the elements of that array are then the records. `doc` may be the
    /// start of a document: the array must start in it.
    #[must_use]
    pub fn document(doc: &[u8]) -> Option<Self> {
        let ws = |mut i: usize| {
            while doc.get(i).is_some_and(|&b| is_ws(b)) {
                i += 1;
            }
            i
        };
        let i = ws(if doc.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 });
        let array = |skip: usize| Self {
            skip,
            depth: 0,
            opened: false,
            expect: false,
            string: false,
            escape: false,
        };
        match doc.get(i)? {
            b'[' => Some(array(i)),
            b'{' => records_in(doc, i, 0).map(array),
            _ => None,
        }
    }

    /// Walk `buf` (the bytes that follow the walk's state), calling
    /// `on_start` with the offset of each element's first byte.
    pub fn walk(&mut self, buf: &[u8], on_start: &mut dyn FnMut(usize)) {
        let mut i = 0;
        if !self.opened {
            if self.skip >= buf.len() {
                self.skip -= buf.len();
                return;
            }
            let k = self.skip;
            self.skip = 0;
            self.opened = true;
            self.depth = 1;
            self.expect = true;
            i = k + 1;
        }
        while i < buf.len() && self.depth > 0 {
            if self.string {
                if self.escape {
                    self.escape = false;
                    i += 1;
                    continue;
                }
                // To the closing quote, past escaped characters.
                match memchr::memchr2(b'"', b'\\', &buf[i..]) {
                    Some(k) if buf[i + k] == b'\\' => {
                        self.escape = true;
                        i += k + 1;
                    }
                    Some(k) => {
                        self.string = false;
                        i += k + 1;
                    }
                    None => return,
                }
                continue;
            }
            let b = buf[i];
            i += 1;
            if is_ws(b) {
                continue;
            }
            if self.depth == 1 && self.expect && !matches!(b, b']' | b',') {
                on_start(i - 1);
                self.expect = false;
            }
            match b {
                b'"' => self.string = true,
                b'[' | b'{' => self.depth += 1,
                b']' | b'}' => self.depth -= 1,
                b',' if self.depth == 1 => self.expect = true,
                _ => {}
            }
        }
    }

    /// Where the elements start in `buf`, read from this state on.
    #[must_use]
    pub fn starts(mut self, buf: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        self.walk(buf, &mut |i| out.push(i));
        out
    }

    /// The state at an element's first byte, whatever came before it.
    const AT_ELEMENT: Self = Self {
        skip: 0,
        depth: 1,
        opened: true,
        expect: true,
        string: false,
        escape: false,
    };

    /// `buf` in pieces of about `target` bytes, each but the first starting
    /// where an element does, with the walk's state at each piece's start
    /// (the same at every element's start).
    #[must_use]
    pub fn pieces(self, buf: &[u8], target: usize) -> Vec<(usize, usize, Self)> {
        let mut out = Vec::new();
        let (mut start, mut state) = (0, self);
        let mut walk = self;
        walk.walk(buf, &mut |s| {
            if s > start && s - start >= target {
                out.push((start, s, state));
                (start, state) = (s, Self::AT_ELEMENT);
            }
        });
        if start < buf.len() {
            out.push((start, buf.len(), state));
        }
        out
    }
}

/// The end of the JSON value that starts at `doc[i]` (a string, a number or
/// literal, an object or an array, whose strings are skipped whole), if it
/// ends within `doc`.
fn skip_value(doc: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    loop {
        match *doc.get(j)? {
            b'"' => {
                j += 1;
                loop {
                    let k = memchr::memchr2(b'"', b'\\', doc.get(j..)?)?;
                    if doc[j + k] == b'\\' {
                        j += k + 2;
                    } else {
                        j += k + 1;
                        break;
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                j += 1;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                j += 1;
            }
            // Where a value at the top ends (a key's end is its colon).
            b if depth == 0 && (matches!(b, b',' | b']' | b'}' | b':') || is_ws(b)) => return Some(j),
            _ => j += 1,
        }
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Where each element of a JSON document that is an array (`[{...},
/// {...}]`) starts ([`ArrayWalk`]); `None` when the document is not an
/// array.
#[must_use]
pub fn array_elements(doc: &[u8]) -> Option<Vec<usize>> {
    ArrayWalk::document(doc).map(|w| w.starts(doc))
}

/// How deep JSON documents kept in strings are read ([`leaves_nested`]).
const MAX_NESTED: usize = 2;

/// [`leaves`], and in a string that holds a JSON document of its own (a
/// tool call's arguments, an event's payload, a log line's message:
/// `"arguments": "{\"full_name\": \"Ann Lee\"}"`), that document's
/// scalars in place of the string, their paths after the string's
/// (`arguments.full_name`), their spans in the escaped text.
#[must_use]
pub fn leaves_nested(doc: &[u8], limit: usize, paths: &mut Paths) -> Vec<Leaf> {
    nested(doc, limit, paths, MAX_NESTED)
}

fn nested(doc: &[u8], limit: usize, paths: &mut Paths, depth: usize) -> Vec<Leaf> {
    let outer = leaves(doc, limit, paths);
    if depth == 0 || !outer.iter().any(|l| holds_document(&doc[l.start..l.end])) {
        return outer;
    }
    let mut out = Vec::with_capacity(outer.len());
    for leaf in outer {
        let raw = &doc[leaf.start..leaf.end];
        if out.len() < limit && holds_document(raw) {
            let (text, origin) = unescaped(raw);
            let inner = nested(&text, limit - out.len(), paths, depth - 1);
            if !inner.is_empty() {
                for l in inner {
                    let (path, lower) = paths.joined(&leaf.path, &l.path);
                    out.push(Leaf {
                        start: leaf.start + origin[l.start],
                        end: leaf.start + origin[l.end],
                        path,
                        lower,
                        kind: l.kind,
                    });
                }
                continue;
            }
        }
        out.push(leaf);
    }
    out
}

/// Whether a string's escaped text holds a JSON object or array with a
/// string in it (`{\"a\": ...}`).
fn holds_document(raw: &[u8]) -> bool {
    let t = raw.trim_ascii_start();
    matches!(t.first(), Some(b'{' | b'[')) && memchr::memmem::find(t, b"\\\"").is_some()
}

/// A JSON string's escaped text decoded, and the offset in it of each
/// decoded byte (and, last, of its end).
pub(crate) fn unescaped(raw: &[u8]) -> (Vec<u8>, Vec<usize>) {
    let (mut text, mut origin) = (Vec::with_capacity(raw.len()), Vec::with_capacity(raw.len() + 1));
    let mut i = 0;
    while i < raw.len() {
        if raw[i] != b'\\' || i + 1 >= raw.len() {
            text.push(raw[i]);
            origin.push(i);
            i += 1;
            continue;
        }
        let (decoded, len): (Vec<u8>, usize) = match raw[i + 1] {
            b'n' => (vec![b'\n'], 2),
            b't' => (vec![b'\t'], 2),
            b'r' => (vec![b'\r'], 2),
            b'b' => (vec![8], 2),
            b'f' => (vec![12], 2),
            b'u' => match crate::json_escapes::unicode_escape(raw, i) {
                Some((c, len)) => (c.to_string().into_bytes(), len),
                None => (vec![b'u'], 2),
            },
            other => (vec![other], 2),
        };
        for b in decoded {
            text.push(b);
            origin.push(i);
        }
        i += len.min(raw.len() - i);
    }
    origin.push(raw.len());
    (text, origin)
}

/// Scalars of `doc` in document order (at most `limit`); `paths` shares
/// path strings across calls.
#[must_use]
pub fn leaves(doc: &[u8], limit: usize, paths: &mut Paths) -> Vec<Leaf> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut expect_key = false;
    while i < doc.len() && out.len() < limit && stack.len() < 256 {
        match doc[i] {
            b'{' => {
                stack.push(Frame::Object { key: None });
                expect_key = true;
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                expect_key = false;
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Array { index }) => *index += 1,
                    Some(Frame::Object { .. }) => expect_key = true,
                    None => {}
                }
                i += 1;
            }
            b':' => {
                expect_key = false;
                i += 1;
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < doc.len() && doc[j] != b'"' {
                    j += if doc[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(doc.len());
                if expect_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        *key = Some((start, end));
                    }
                } else {
                    let (path, lower) = paths.of(doc, &stack);
                    out.push(Leaf {
                        start,
                        end,
                        path,
                        lower,
                        kind: None,
                    });
                }
                i = end + 1;
            }
            c if c == b'-' || c.is_ascii_alphanumeric() => {
                let start = i;
                while i < doc.len()
                    && (doc[i] == b'-' || doc[i] == b'+' || doc[i] == b'.' || doc[i].is_ascii_alphanumeric())
                {
                    i += 1;
                }
                if !expect_key {
                    let (path, lower) = paths.of(doc, &stack);
                    out.push(Leaf {
                        start,
                        end: i,
                        path,
                        lower,
                        kind: None,
                    });
                }
            }
            _ => i += 1,
        }
    }
    name_values_by_kind(doc, &mut out);
    out
}

/// Where the first array of objects in the object at `at` starts: a member's
/// value, or one in a member that is an object, down to four objects deep
/// (`{"export": {"batch": {"records": [{...}]}}}`), after other members only.
fn records_in(doc: &[u8], at: usize, depth: usize) -> Option<usize> {
    let ws = |mut i: usize| {
        while doc.get(i).is_some_and(|&b| is_ws(b)) {
            i += 1;
        }
        i
    };
    let mut i = at + 1;
    loop {
        i = ws(i);
        if doc.get(i)? != &b'"' {
            return None;
        }
        i = ws(skip_value(doc, i)?);
        if doc.get(i)? != &b':' {
            return None;
        }
        i = ws(i + 1);
        if doc.get(i)? == &b'[' && doc.get(ws(i + 1))? == &b'{' {
            return Some(i);
        }
        if doc.get(i)? == &b'{' && depth < 3 {
            if let Some(found) = records_in(doc, i, depth + 1) {
                return Some(found);
            }
        }
        i = ws(skip_value(doc, i)?);
        if doc.get(i)? != &b',' {
            return None;
        }
        i += 1;
    }
}

/// Keys whose string value says what the `value` beside it in the same
/// object is: `{"system": "phone", "value": "(03) 5555 6473"}` as FHIR
/// writes a contact, `{"system": ".../us-ssn", "value": ...}` an
/// identifier, `{"field": "email", "value": ...}` an attribute's row.
const KIND_KEYS: [&str; 14] = [
    "system",
    "type",
    "field",
    "key",
    "kind",
    "attribute",
    "name",
    "label",
    "category",
    // Annotations: a span's labels (Label Studio's `labels: ["PER"]`,
    // a NER pipeline's `entity_group`, a PII-masking set's `label`).
    "labels",
    "entity",
    "entity_group",
    "entity_type",
    "tag",
];

/// The identifier systems whose OIDs name national numbers (FHIR's and
/// HL7's `identifier.system`, `urn:oid:1.2.208.176.1.2`), and the word that
/// names each number's kind.
const IDENTIFIER_SYSTEMS: [(&str, &str); 14] = [
    ("1.2.208.176.1.2", "cpr"),
    ("1.2.752.129.2.1.3.1", "personnummer"),
    ("2.16.578.1.12.4.1.4.1", "f\u{f8}dselsnummer"),
    ("1.2.246.21", "hetu"),
    ("1.2.40.0.10.1.4.3.1", "svnr"),
    ("2.16.840.1.113883.4.1", "ssn"),
    ("2.16.528.1.1007.3.1", "bsn"),
    ("2.16.840.1.113883.2.4.6.3", "bsn"),
    ("1.2.250.1.213.1.4.8", "nir"),
    ("1.2.250.1.213.1.4.10", "nir"),
    ("2.16.840.1.113883.2.1.4.1", "nhs"),
    ("2.16.756.5.32", "ahv"),
    ("1.2.276.0.76.4.8", "kvnr"),
    ("2.16.840.1.113883.4.330.76", "cpf"),
];

/// An identifier system's text (lowercase) with the word of the number its
/// OID names after it (`urn:oid:1.2.208.176.1.2 cpr`); or, for a URL on a
/// country's domain that names a national number
/// (`http://fhir.health.gov.il/identifier/il-national-id`,
/// `http://rsa.gov.za/fhir/identifier/sa-id`), the words of that
/// country's numbers (`israeli id`), which each number's checksum then
/// tells apart.
pub(crate) fn with_identifier_word(system: String) -> String {
    let oid = system.strip_prefix("urn:oid:").unwrap_or(&system);
    if let Some((_, word)) = IDENTIFIER_SYSTEMS.iter().find(|(o, _)| *o == oid) {
        return format!("{system} {word}");
    }
    let Some(rest) = system
        .strip_prefix("http://")
        .or_else(|| system.strip_prefix("https://"))
    else {
        return system;
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let country = host.rsplit('.').next().unwrap_or_default().to_ascii_uppercase();
    let national = path.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        matches!(
            w,
            "national" | "nationalid" | "id" | "idnr" | "citizen" | "person" | "personal" | "resident" | "run" | "rut"
        )
    });
    if country.len() != 2 || !national {
        return system;
    }
    let mut words = system.clone();
    for kind in crate::validate::ID_KINDS.iter().filter(|k| k.country == country) {
        if let Some(w) = kind.context.first() {
            words.push(' ');
            words.push_str(w);
        }
    }
    words
}

/// Keys of the value such an object holds (Presidio's evaluation data
/// writes `{"entity_type": "PERSON", "entity_value": ...}`).
const VALUE_KEYS: [&str; 5] = ["value", "val", "text", "word", "entity_value"];

/// The last key of a path (`telecom[0].value` -> `value`) and the rest.
fn split_key(path: &str) -> (&str, &str) {
    match path.rfind('.') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    }
}

/// Gives the leaves of `value` keys the words of their kind (above) in
/// their lowercase path, the one read for context (`telecom[0].value|phone`):
/// the value is then read as a value of a column named so is.
fn name_values_by_kind(doc: &[u8], leaves: &mut [Leaf]) {
    // The path ends with the key (a suffix compared, no split: most
    // records have no such key, and every leaf is looked at).
    let is_value = |l: &Leaf| {
        let p = l.path.as_bytes();
        VALUE_KEYS.iter().any(|k| {
            p.len() >= k.len()
                && p[p.len() - k.len()..].eq_ignore_ascii_case(k.as_bytes())
                && (p.len() == k.len() || p[p.len() - k.len() - 1] == b'.')
        })
    };
    if !leaves.iter().any(is_value) {
        return;
    }
    let mut kinds: HashMap<&str, String> = HashMap::new();
    for l in leaves.iter() {
        let (parent, key) = split_key(&l.path);
        // A list's first element (`labels[0]`).
        let key = key.strip_suffix("[0]").unwrap_or(key);
        let string = l.start > 0 && doc.get(l.start - 1) == Some(&b'"');
        if string && l.end - l.start <= 80 && KIND_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)) {
            let text = with_identifier_word(String::from_utf8_lossy(&doc[l.start..l.end]).to_lowercase());
            kinds.entry(parent).or_insert(text);
        }
    }
    if kinds.is_empty() {
        return;
    }
    let named: Vec<(usize, Arc<str>, Arc<str>)> = leaves
        .iter()
        .enumerate()
        .filter(|(_, l)| is_value(l))
        .filter_map(|(i, l)| {
            let kind = kinds.get(split_key(&l.path).0)?;
            Some((i, Arc::from(format!("{}|{kind}", l.lower)), Arc::from(kind.as_str())))
        })
        .collect();
    for (i, lower, kind) in named {
        leaves[i].lower = lower;
        leaves[i].kind = Some(kind);
    }
}

/// The path of the scalar containing `offset`, if any.
#[must_use]
pub fn path_at(doc: &[u8], offset: usize) -> Option<Arc<str>> {
    leaves(doc, 100_000, &mut Paths::default())
        .into_iter()
        .find(|l| l.start <= offset && offset < l.end.max(l.start + 1))
        .map(|l| l.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let doc = br#"{"user": {"name": "Ann", "emails": ["a@b.c", "d@e.f"]}, "n": 12, "x": [{"k": true}]}"#;
        let mut shared = Paths::default();
        let l = leaves(doc, 100, &mut shared);
        let paths: Vec<&str> = l.iter().map(|l| &*l.path).collect();
        assert_eq!(paths, ["user.name", "user.emails[0]", "user.emails[1]", "n", "x[0].k"]);
        // A second record shares the first one's path strings.
        let again = leaves(br#"{"User": {"name": "Bo"}, "n": 1}"#, 100, &mut shared);
        assert!(Arc::ptr_eq(&again[1].path, &l[3].path));
        assert_eq!(&*again[0].path, "User.name");
        assert_eq!(&*again[0].lower, "user.name");
        let at = doc.windows(5).position(|w| w == b"d@e.f").unwrap();
        assert_eq!(path_at(doc, at).as_deref(), Some("user.emails[1]"));
        assert_eq!(&doc[l[1].start..l[1].end], b"a@b.c");
    }

    #[test]
    fn a_value_beside_its_kind_is_read_under_the_kind() {
        let doc = br#"{"telecom": [{"system": "phone", "value": "(03) 5555 6473"}, {"value": "x@y.z", "system": "email"}], "identifier": [{"system": "http://hl7.org/fhir/sid/us-ssn", "value": "444222222"}], "value": 3}"#;
        let l = leaves(doc, 100, &mut Paths::default());
        let lower: Vec<&str> = l.iter().map(|l| &*l.lower).collect();
        assert_eq!(
            lower,
            [
                "telecom[0].system",
                "telecom[0].value|phone",
                "telecom[1].value|email",
                "telecom[1].system",
                "identifier[0].system",
                "identifier[0].value|http://hl7.org/fhir/sid/us-ssn",
                "value"
            ]
        );
        // The path shown is the field's own.
        assert_eq!(&*l[1].path, "telecom[0].value");
        // A national number's system on its country's domain names its
        // country's numbers.
        let doc = br#"{"identifier": [{"system": "http://fhir.health.gov.il/identifier/il-national-id", "value": "260185046"}, {"system": "http://hospital.example.com/mrn", "value": "1"}]}"#;
        let l = leaves(doc, 100, &mut Paths::default());
        assert!(l[1].lower.ends_with("il-national-id teudat zehut"), "{}", l[1].lower);
        assert_eq!(&*l[3].lower, "identifier[1].value|http://hospital.example.com/mrn");
        // An OID that names a national number's system names its kind.
        let doc = br#"{"identifier": [{"system": "urn:oid:1.2.208.176.1.2", "value": "0304981234"}]}"#;
        let l = leaves(doc, 100, &mut Paths::default());
        assert_eq!(&*l[1].lower, "identifier[0].value|urn:oid:1.2.208.176.1.2 cpr");
    }

    #[test]
    fn array_elements_start_where_each_element_does() {
        let doc = br#" [ {"a": "x]}, {[\\\"", "b": [1, 2]},
  "s", 12, null ,{"c": {}} ]"#;
        let starts = array_elements(doc).unwrap();
        let firsts: Vec<u8> = starts.iter().map(|&i| doc[i]).collect();
        assert_eq!(firsts, b"{\"1n{");
        assert_eq!(&doc[starts[0]..starts[0] + 6], br#"{"a": "#);
        assert_eq!(array_elements(b"{\"a\": [1]}"), None);
        assert_eq!(array_elements(b"[]"), Some(vec![]));
        // Cut short: the elements before the cut.
        assert_eq!(
            array_elements(b"[{\"a\": 1}, {\"b\": \"unterminated"),
            Some(vec![1, 11])
        );
    }

    proptest::proptest! {
        #[test]
        fn array_elements_never_panic_and_ascend(doc in proptest::collection::vec(proptest::sample::select(b"[]{},:\"\\ ab1".to_vec()), 0..64)) {
            if let Some(starts) = array_elements(&doc) {
                proptest::prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
                proptest::prop_assert!(starts.iter().all(|&i| i < doc.len()));
            }
        }
    }

    #[test]
    fn an_objects_array_of_records_is_walked() {
        let doc = br#"{"version": 2, "note": "a [b] {c}", "tags": ["x", {"y": 1}], "meta": {"k": [1]},
  "data": [ {"a": 1}, {"b": "]"} ], "next": null}"#;
        let starts = array_elements(doc).unwrap();
        let firsts: Vec<&[u8]> = starts.iter().map(|&i| &doc[i..i + 4]).collect();
        assert_eq!(firsts, [&br#"{"a""#[..], br#"{"b""#]);
        for not in [
            &br#"{"a": 1}"#[..],
            br#"{"a": [1, 2]}"#,
            br#""x""#,
            b"{",
            br#"{"a" 1, "b": [{}]}"#,
        ] {
            assert_eq!(array_elements(not), None, "{}", String::from_utf8_lossy(not));
        }
        // Wrapped in objects, down to four deep.
        let wrapped = br#"{"export": {"meta": {"n": 2}, "batch": {"records": [{"a": 1}, {"b": 2}]}}}"#;
        assert_eq!(array_elements(wrapped).map(|s| s.len()), Some(2));
        let deep = br#"{"a": {"b": {"c": {"d": {"e": [{"x": 1}]}}}}}"#;
        assert_eq!(array_elements(deep), None);
        // Walked a byte at a time, the same elements.
        let mut walk = ArrayWalk::document(doc).unwrap();
        let mut found = Vec::new();
        for i in 0..doc.len() {
            walk.walk(&doc[i..=i], &mut |_| found.push(i));
        }
        assert_eq!(found, starts);
    }

    proptest::proptest! {
        /// A walk resumed from the state it was left in finds what a walk of
        /// the whole document finds, wherever the document is cut; and each
        /// piece read from its own state finds the elements in it.
        #[test]
        fn a_walk_in_pieces_finds_what_a_whole_walk_finds(
            doc in proptest::collection::vec(proptest::sample::select(b"[]{},:\"\\ ab1".to_vec()), 0..80),
            cuts in proptest::collection::vec(0usize..80, 0..4),
            target in 1usize..20,
        ) {
            let mut doc = doc;
            doc.insert(0, b'[');
            let whole = array_elements(&doc).unwrap();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(doc.len())).collect();
            cuts.sort_unstable();
            let mut walk = ArrayWalk::document(&doc).unwrap();
            let mut found = Vec::new();
            let mut at = 0;
            for c in cuts.into_iter().chain([doc.len()]) {
                walk.walk(&doc[at..c], &mut |i| found.push(at + i));
                at = c;
            }
            proptest::prop_assert_eq!(&found, &whole);
            let pieces = ArrayWalk::document(&doc).unwrap().pieces(&doc, target);
            let mut from_pieces = Vec::new();
            for (s, e, w) in pieces {
                if s > 0 {
                    proptest::prop_assert!(whole.contains(&s));
                }
                from_pieces.extend(w.starts(&doc[s..e]).into_iter().map(|i| s + i));
            }
            proptest::prop_assert_eq!(from_pieces, whole);
        }
    }

    #[test]
    fn documents_kept_in_strings_are_read_in_place() {
        let doc = br#"{"role": "tool", "content": "{\"customer\": {\"name\": \"Ravi \u00e9\", \"n\": [1, \"x\"]}}", "k": "{not json"}"#;
        let got: Vec<(String, String)> = leaves_nested(doc, 100, &mut Paths::default())
            .into_iter()
            .map(|l| {
                (
                    l.path.to_string(),
                    String::from_utf8_lossy(&doc[l.start..l.end]).into_owned(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("role", "tool"),
                ("content.customer.name", "Ravi \\u00e9"),
                ("content.customer.n[0]", "1"),
                ("content.customer.n[1]", "x"),
                ("k", "{not json"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    proptest::proptest! {
        #[test]
        fn nested_leaves_lie_in_order_inside_the_document(doc in proptest::collection::vec(proptest::sample::select(b"[]{},:\"\\ au1".to_vec()), 0..96)) {
            let list = leaves_nested(&doc, 1000, &mut Paths::default());
            for l in &list {
                proptest::prop_assert!(l.start <= l.end && l.end <= doc.len());
            }
            proptest::prop_assert!(list.windows(2).all(|w| w[0].start <= w[1].start));
        }
    }

    #[test]
    fn malformed_does_not_panic() {
        for d in [&b"{\"a"[..], b"]]]}}", b"{\"a\":\"\\", b"\"\\"] {
            let _ = leaves(d, 10, &mut Paths::default());
        }
    }
}
