//! Objects written in code and in log lines: a Python dict, a JavaScript
//! object literal, JSON after a log's message (`{"name": "Sara Vargas",
//! "email": ...}`, `{ name: 'Jörgen Bergman', email: ... }`). An object
//! about a person (two keys of a person's contact: an e-mail, a phone, a
//! birth date, an address, an identifier; or one and a name written as
//! one) has its string values read under their keys as a table's columns
//! are, a name where it is written as one. Others (a mail server's
//! `{ address: 'smtp.sendgrid.net', port: 587 }`) are left to the
//! detectors.
//!
//! An object is read from its `{` to the first `}` on the same line, as
//! long as it is a list of `key: value` pairs (keys bare or quoted, values
//! strings in either quote, or words and numbers); a nested object or a
//! list ends it.

use super::Cell;

/// The longest key and string value read.
const MAX_KEY: usize = 40;
const MAX_VALUE: usize = 512;

/// Keys of a person's contact (snake case, lowercase).
const PERSONAL_KEYS: &[&str] = &[
    "email",
    "e_mail",
    "mail",
    "phone",
    "mobile",
    "tel",
    "telephone",
    "dob",
    "birth_date",
    "birthdate",
    "date_of_birth",
    "birthday",
    "address",
    "ssn",
    "national_id",
];

/// Whether `t` may hold such objects (a search before any parse).
pub(super) fn holds_objects(t: &[u8]) -> bool {
    memchr::memmem::find(t, b"{\"").is_some()
        || memchr::memmem::find(t, b"{ ").is_some()
        || memchr::memmem::find(t, b"{'").is_some()
}

/// The string values of the objects in `t` (see the module's doc).
pub(super) fn objects(t: &[u8], out: &mut Vec<Cell>) {
    let table: std::rc::Rc<str> = std::rc::Rc::from("");
    let mut resume = 0;
    for open in memchr::memchr_iter(b'{', t) {
        if open < resume {
            continue;
        }
        let line_end = memchr::memchr(b'\n', &t[open..]).map_or(t.len(), |i| open + i);
        let Some(close) = memchr::memchr(b'}', &t[open + 1..line_end]).map(|i| open + 1 + i) else {
            continue;
        };
        resume = close;
        let pairs = pairs(t, open + 1, close);
        if pairs.is_empty() {
            continue;
        }
        let snake = |k: &[u8]| crate::column_name::snake(&String::from_utf8_lossy(k));
        let names = |k: &[u8]| snake(k).split('_').any(|w| w == "name");
        let mut contacts: Vec<String> = pairs
            .iter()
            .map(|&(k, _)| snake(k))
            .filter(|k| PERSONAL_KEYS.contains(&k.as_str()))
            .collect();
        contacts.sort_unstable();
        contacts.dedup();
        let named = pairs
            .iter()
            .any(|&(k, (s, e))| names(k) && crate::dataset::name_shaped(&t[s..e]));
        if !(contacts.len() >= 2 || !contacts.is_empty() && named) {
            continue;
        }
        for (key, (s, e)) in pairs {
            let column = String::from_utf8_lossy(key).into_owned();
            // A name where it is written as one.
            if names(key) && !crate::dataset::name_shaped(&t[s..e]) {
                continue;
            }
            out.push(Cell {
                start: s,
                end: e,
                table: table.clone(),
                column,
                people: true,
            });
        }
    }
}

/// The keys and string values' spans of the pairs in `t[from..to]`, none
/// if it is not a list of pairs.
fn pairs(t: &[u8], from: usize, to: usize) -> Vec<(&[u8], (usize, usize))> {
    let mut out = Vec::new();
    let mut i = from;
    let skip = |i: &mut usize, set: &[u8]| {
        while *i < to && set.contains(&t[*i]) {
            *i += 1;
        }
    };
    for _ in 0..64 {
        skip(&mut i, b" \t,\r");
        if i >= to {
            break;
        }
        // The key: quoted, or a word.
        let key = match t[i] {
            q @ (b'"' | b'\'') => {
                let Some(k) = memchr::memchr(q, &t[i + 1..to]) else {
                    return Vec::new();
                };
                let key = &t[i + 1..i + 1 + k];
                i += k + 2;
                key
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let s = i;
                while i < to && (t[i].is_ascii_alphanumeric() || t[i] == b'_') {
                    i += 1;
                }
                &t[s..i]
            }
            _ => return Vec::new(),
        };
        if key.is_empty()
            || key.len() > MAX_KEY
            || !key.iter().all(|&b| b.is_ascii_alphanumeric() || b"_-. ".contains(&b))
        {
            return Vec::new();
        }
        skip(&mut i, b" \t");
        if i >= to || t[i] != b':' {
            return Vec::new();
        }
        i += 1;
        skip(&mut i, b" \t");
        if i >= to {
            break;
        }
        match t[i] {
            q @ (b'"' | b'\'') => {
                let s = i + 1;
                let mut j = s;
                while j < to && t[j] != q {
                    j += if t[j] == b'\\' { 2 } else { 1 };
                }
                if j >= to {
                    return Vec::new();
                }
                if j - s <= MAX_VALUE && j > s {
                    out.push((key, (s, j)));
                }
                i = j + 1;
            }
            b'{' | b'[' => return out,
            _ => {
                // A number, a word, `null`: to the next comma.
                while i < to && t[i] != b',' {
                    i += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each cell as `column=value` (and `+` when the object is a person's).
    fn read(t: &str) -> Vec<String> {
        let mut out = Vec::new();
        objects(t.as_bytes(), &mut out);
        out.iter()
            .map(|c| format!("{}={}{}", c.column, &t[c.start..c.end], if c.people { "+" } else { "" }))
            .collect()
    }

    #[test]
    fn dicts_objects_and_json_in_logs() {
        assert_eq!(
            read("ERROR parse row 6: {\"name\": \"Sara Vargas\", \"email\": \"sara@bol.com.br\", \"dob\": \"1990-01-02\"}\n"),
            ["name=Sara Vargas+", "email=sara@bol.com.br+", "dob=1990-01-02+"]
        );
        assert_eq!(
            read("  { name: 'J\u{f6}rgen Bergman', email: 'jorgen.b@outlook.com', age: 41 },\n"),
            ["name=J\u{f6}rgen Bergman+", "email=jorgen.b@outlook.com+"]
        );
        // No person's: a product, a mail server, a name that is no name;
        // no object.
        assert!(read("{\"name\": \"Widget Pro\", \"sku\": \"W-1\"}").is_empty());
        assert!(read("{ address: 'smtp.sendgrid.net', port: 587, user_name: 'apikey', password: 'x' }").is_empty());
        assert!(read("{\"name\": \"returning\", \"email\": \"a@b.co\"}").is_empty());
        assert_eq!(
            read("{\"user\": \"ann\", \"email\": \"a@b.co\", \"phone\": \"+44 20 7946 0000\"}"),
            ["user=ann+", "email=a@b.co+", "phone=+44 20 7946 0000+"]
        );
        assert!(read("if (x) { return y; }").is_empty());
        assert!(read("fn f() { let a = \"b\"; }").is_empty());
    }

    proptest::proptest! {
        /// Any text: cells lie in it, on character boundaries, never empty.
        #[test]
        fn any_text(parts in proptest::collection::vec(proptest::sample::select(vec![
            "{", "}", "\"", "'", ":", ",", " ", "\n", "name", "email", "\\", "Ann Lee", "\u{e9}", "[", "x",
        ]), 0..60)) {
            let t = parts.concat();
            let mut out = Vec::new();
            objects(t.as_bytes(), &mut out);
            for c in out {
                proptest::prop_assert!(c.start < c.end && c.end <= t.len());
                proptest::prop_assert!(t.is_char_boundary(c.start) && t.is_char_boundary(c.end));
            }
        }
    }
}
