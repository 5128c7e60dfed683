//! Redaction: rewrite the values a scan found, in place in a copy of the
//! data, so the output keeps its format and schema (CSV columns, JSON
//! structure, text layout). Operators per entity: replace by the type name
//! (`<EMAIL>`, the default), mask, remove, keyed pseudonym (HMAC-SHA-256:
//! the same value gives the same token everywhere under one key, so joins
//! still work), or format-preserving digits (every digit replaced by a keyed
//! digit, separators and length kept, for numbers whose shape must survive).

use std::collections::HashMap;

use hmac::{Hmac, Mac as _};
use sha2::Sha256;

use crate::mask::mask;

/// What to put in place of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// `<ENTITY>`.
    Replace,
    /// The masked form (`j***@e***.com`).
    Mask,
    /// Nothing.
    Remove,
    /// `ENTITY_` and 12 hex digits of a keyed HMAC.
    Pseudonym,
    /// Digits replaced by keyed digits; everything else kept.
    FormatPreserving,
}

impl Operator {
    /// Parse `replace`, `mask`, `remove`, `pseudonym`, `fpe`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "replace" | "type" => Some(Self::Replace),
            "mask" => Some(Self::Mask),
            "remove" => Some(Self::Remove),
            "pseudonym" | "hmac" => Some(Self::Pseudonym),
            "fpe" | "format-preserving" => Some(Self::FormatPreserving),
            _ => None,
        }
    }
}

/// Redaction settings.
#[derive(Debug, Clone)]
pub struct RedactOptions {
    /// Operator for entities not listed in `per_entity`.
    pub default: Operator,
    /// Operator per entity (`EMAIL`, `CREDIT_CARD`, ...).
    pub per_entity: HashMap<String, Operator>,
    /// Key of pseudonyms and format-preserving digits.
    pub key: Vec<u8>,
}

fn hmac(key: &[u8], entity: &str, value: &[u8]) -> [u8; 32] {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return [0; 32];
    };
    mac.update(b"mlsec-redact:");
    mac.update(entity.as_bytes());
    mac.update(b":");
    mac.update(value);
    mac.finalize().into_bytes().into()
}

/// The replacement for one value.
#[must_use]
pub fn replacement(op: Operator, entity: &str, value: &[u8], key: &[u8]) -> Vec<u8> {
    match op {
        Operator::Replace => format!("<{entity}>").into_bytes(),
        Operator::Mask => mask(entity, value).into_bytes(),
        Operator::Remove => Vec::new(),
        Operator::Pseudonym => {
            let h = hmac(key, entity, value);
            let hex: String = h[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("{entity}_{hex}").into_bytes()
        }
        Operator::FormatPreserving => {
            // A keyed stream of digits, one per digit of the value.
            let mut out = value.to_vec();
            let mut stream = Vec::new();
            let mut counter = 0u32;
            for b in &mut out {
                if b.is_ascii_digit() {
                    if stream.is_empty() {
                        stream = hmac(key, entity, &[value, &counter.to_be_bytes()].concat()).to_vec();
                        counter += 1;
                    }
                    let r = stream.pop().unwrap_or(0);
                    *b = b'0' + r % 10;
                }
            }
            out
        }
    }
}

/// Rewrite `data` with every span replaced. Spans are `(start, end,
/// entity)`; overlapping spans keep the first.
#[must_use]
pub fn redact(data: &[u8], spans: &[(usize, usize, String)], opts: &RedactOptions) -> Vec<u8> {
    let mut spans: Vec<&(usize, usize, String)> = spans.iter().filter(|s| s.0 < s.1 && s.1 <= data.len()).collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0;
    for (s, e, entity) in spans {
        if *s < pos {
            continue;
        }
        out.extend_from_slice(&data[pos..*s]);
        let op = opts.per_entity.get(entity).copied().unwrap_or(opts.default);
        out.extend_from_slice(&replacement(op, entity, &data[*s..*e], &opts.key));
        pos = *e;
    }
    out.extend_from_slice(&data[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(default: Operator) -> RedactOptions {
        RedactOptions {
            default,
            per_entity: HashMap::new(),
            key: b"k".to_vec(),
        }
    }

    #[test]
    fn operators() {
        let d = b"mail a@b.com card 4111-1111-1111-1111.";
        let spans = vec![(5, 12, "EMAIL".to_string()), (18, 37, "CREDIT_CARD".to_string())];
        assert_eq!(
            redact(d, &spans, &opts(Operator::Replace)),
            b"mail <EMAIL> card <CREDIT_CARD>.".to_vec()
        );
        assert_eq!(redact(d, &spans, &opts(Operator::Remove)), b"mail  card .".to_vec());
        let fpe = redact(d, &spans, &opts(Operator::FormatPreserving));
        let text = String::from_utf8(fpe).unwrap();
        assert_eq!(text.len(), d.len());
        assert!(text.contains('-') && !text.contains("4111-1111"), "{text}");
        let p1 = redact(d, &spans, &opts(Operator::Pseudonym));
        assert_eq!(
            p1,
            redact(d, &spans, &opts(Operator::Pseudonym)),
            "deterministic under one key"
        );
        let other = RedactOptions {
            key: b"other".to_vec(),
            ..opts(Operator::Pseudonym)
        };
        assert_ne!(p1, redact(d, &spans, &other));
    }
}
