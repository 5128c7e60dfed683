//! Field paths of JSON values: a small tokenizer that walks one JSON
//! document (a JSON Lines record) and yields each scalar's byte span with
//! its path (`user.emails[1]`), so a match at a byte offset can be named by
//! its field. Tolerant: on malformed input it stops and returns what it has.

/// A scalar value's span and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// Start of the value (inside the quotes for strings).
    pub start: usize,
    /// End of the value.
    pub end: usize,
    /// Its path.
    pub path: String,
}

#[derive(Debug)]
enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

fn path_of(stack: &[Frame]) -> String {
    let mut p = String::new();
    for f in stack {
        match f {
            Frame::Object { key: Some(k) } => {
                if !p.is_empty() {
                    p.push('.');
                }
                p.push_str(k);
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => p.push_str(&format!("[{index}]")),
        }
    }
    p
}

/// Scalars of `doc` in document order (at most `limit`).
#[must_use]
pub fn leaves(doc: &[u8], limit: usize) -> Vec<Leaf> {
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
                        *key = Some(String::from_utf8_lossy(&doc[start..end]).into_owned());
                    }
                } else {
                    out.push(Leaf {
                        start,
                        end,
                        path: path_of(&stack),
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
                    out.push(Leaf {
                        start,
                        end: i,
                        path: path_of(&stack),
                    });
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The path of the scalar containing `offset`, if any.
#[must_use]
pub fn path_at(doc: &[u8], offset: usize) -> Option<String> {
    leaves(doc, 100_000)
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
        let l = leaves(doc, 100);
        let paths: Vec<&str> = l.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(paths, ["user.name", "user.emails[0]", "user.emails[1]", "n", "x[0].k"]);
        let at = doc.windows(5).position(|w| w == b"d@e.f").unwrap();
        assert_eq!(path_at(doc, at).as_deref(), Some("user.emails[1]"));
        assert_eq!(&doc[l[1].start..l[1].end], b"a@b.c");
    }

    #[test]
    fn malformed_does_not_panic() {
        for d in [&b"{\"a"[..], b"]]]}}", b"{\"a\":\"\\", b"\"\\"] {
            let _ = leaves(d, 10);
        }
    }
}
