//! Pretty JSON with a chosen key order (serde_json's map sorts keys, and the
//! documents mlsec signs and writes should read in their natural order):
//! keys listed in `first` come first in that order, keys in `last` last, the
//! rest sorted between them. Two-space indentation, as the reference tools
//! write. Shared by the signing statement and the BOM writer.

use serde_json::Value;

/// Render `v` as pretty JSON (no trailing newline).
#[must_use]
pub fn pretty_json(v: &Value, first: &[&str], last: &[&str]) -> String {
    let mut out = String::new();
    write(v, 0, first, last, &mut out);
    out
}

fn rank(key: &str, first: &[&str], last: &[&str]) -> (usize, usize) {
    if let Some(i) = first.iter().position(|k| *k == key) {
        (0, i)
    } else if let Some(i) = last.iter().position(|k| *k == key) {
        (2, i)
    } else {
        (1, 0)
    }
}

fn write(v: &Value, indent: usize, first: &[&str], last: &[&str], out: &mut String) {
    let pad = |n: usize, out: &mut String| out.extend(std::iter::repeat_n(' ', n));
    match v {
        Value::Object(map) if !map.is_empty() => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| rank(a, first, last).cmp(&rank(b, first, last)).then_with(|| a.cmp(b)));
            out.push_str("{\n");
            for (i, k) in keys.iter().enumerate() {
                pad(indent + 2, out);
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push_str(": ");
                write(&map[k.as_str()], indent + 2, first, last, out);
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(indent, out);
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(indent + 2, out);
                write(item, indent + 2, first, last, out);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(indent, out);
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_layout() {
        let v = serde_json::json!({"z": 1, "properties": [], "b": {"y": "\"q\""}, "a": [1, 2]});
        assert_eq!(
            pretty_json(&v, &["z"], &["properties"]),
            "{\n  \"z\": 1,\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {\n    \"y\": \"\\\"q\\\"\"\n  },\n  \"properties\": []\n}"
        );
    }
}
