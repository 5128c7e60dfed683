//! Baselines: known dataset findings a CI gate accepts, so it fails only on
//! new ones. An entry holds the rule code, the file path as reported, the
//! column or field path when there is one, and the keyed fingerprint the
//! scanner computed; never a value, not even masked. Row numbers are left
//! out on purpose, so rows added or removed elsewhere do not invalidate it.
//!
//! A column summary's fingerprint is keyed on `column:entity`, so a summary
//! matches while the column keeps holding that kind of value, whatever rows
//! are added. A value finding matches wherever the same value (same
//! normalised form) appears again in the same file, rule and column.
//!
//! Findings without a fingerprint (model findings, malformed-data notes)
//! are never baselined. A key check (a fingerprint of a fixed label) is
//! stored so a baseline used with another fingerprint key is refused
//! instead of silently matching nothing.

use std::collections::BTreeSet;

use mlsec_diagnostics::Finding;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::mask::Fingerprinter;

/// The `format` field of baseline files.
pub const FORMAT: &str = "mlsec-baseline/1";

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Rule code (`MLS-PII-001`).
    pub rule: String,
    /// The file, as the scan reported it.
    pub path: String,
    /// Column name or JSON field path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Keyed fingerprint (16 hex digits).
    pub fingerprint: String,
}

impl Entry {
    /// The entry for a finding, if it carries a fingerprint.
    #[must_use]
    pub fn of(f: &Finding) -> Option<Self> {
        let d = f.data.as_ref().filter(|d| !d.fingerprint.is_empty())?;
        Some(Self {
            rule: f.rule.code.to_owned(),
            path: f.location.path.clone(),
            column: f.location.column.clone(),
            fingerprint: d.fingerprint.clone(),
        })
    }
}

/// A set of accepted findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always [`FORMAT`].
    pub format: String,
    /// Fingerprint of a fixed label under the key the entries were made
    /// with: tells a baseline made under another key apart.
    pub key_check: String,
    /// Accepted findings, sorted, without duplicates.
    pub findings: BTreeSet<Entry>,
}

/// The key check of a fingerprint key.
fn key_check(fp: &Fingerprinter) -> String {
    fp.fingerprint("BASELINE", b"mlsec-baseline-key-check")
}

impl Baseline {
    /// A baseline of every fingerprinted finding in `findings`.
    pub fn from_findings<'a>(findings: impl IntoIterator<Item = &'a Finding>, fp: &Fingerprinter) -> Self {
        Self {
            format: FORMAT.to_owned(),
            key_check: key_check(fp),
            findings: findings.into_iter().filter_map(Entry::of).collect(),
        }
    }

    /// Read a baseline and check it was made under `fp`'s key.
    ///
    /// # Errors
    /// Not JSON, another format, a malformed entry, or another key.
    pub fn from_json(text: &str, fp: &Fingerprinter) -> Result<Self> {
        let bad = |reason: String| Error::Baseline { reason };
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| bad(format!("not valid JSON: {e}")))?;
        match v.get("format").and_then(serde_json::Value::as_str) {
            Some(FORMAT) => {}
            Some(other) => return Err(bad(format!("format `{other}` is not `{FORMAT}`"))),
            None => return Err(bad(format!("no `format` field (expected `{FORMAT}`)"))),
        }
        let b: Self = serde_json::from_value(v).map_err(|e| bad(format!("malformed: {e}")))?;
        if let Some(e) = b
            .findings
            .iter()
            .find(|e| e.fingerprint.len() != 16 || !e.fingerprint.bytes().all(|c| c.is_ascii_hexdigit()))
        {
            return Err(bad(format!(
                "entry for `{}` has no valid fingerprint (16 hex digits)",
                e.path
            )));
        }
        if b.key_check != key_check(fp) {
            return Err(bad(
                "it was written with another fingerprint key; set MLSEC_FINGERPRINT_KEY to the key used then"
                    .to_owned(),
            ));
        }
        Ok(b)
    }

    /// The baseline as pretty JSON with a final newline.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Is this finding accepted?
    #[must_use]
    pub fn contains(&self, f: &Finding) -> bool {
        Entry::of(f).is_some_and(|e| self.findings.contains(&e))
    }

    /// Drop accepted findings; returns how many were dropped.
    pub fn suppress(&self, findings: &mut Vec<Finding>) -> usize {
        let before = findings.len();
        findings.retain(|f| !self.contains(f));
        before - findings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlsec_diagnostics::codes::{PII_COLUMN, PII_EMAIL};
    use mlsec_diagnostics::{DataEvidence, Location};

    fn finding(rule: &'static mlsec_diagnostics::Rule, path: &str, row: u64, col: &str, fp: &str) -> Finding {
        let mut f = Finding::new(
            rule,
            Location {
                path: path.into(),
                row: Some(row),
                column: Some(col.into()),
                ..Location::default()
            },
            "email address in `email`: `j***@e***.com`",
            "EMAIL",
        );
        f.data = Some(DataEvidence {
            entity: "EMAIL".into(),
            masked: "j***@e***.com".into(),
            fingerprint: fp.into(),
            confidence: 95,
            detail: None,
        });
        f
    }

    #[test]
    fn suppresses_known_findings_only() {
        let fp = Fingerprinter::new(b"key");
        let old = vec![
            finding(&PII_EMAIL, "a.csv", 1, "email", "00112233aabbccdd"),
            finding(&PII_COLUMN, "a.csv", 0, "mail", "0011223344556677"),
        ];
        let b = Baseline::from_findings(&old, &fp);
        let text = b.to_json();
        assert!(text.contains("\"format\": \"mlsec-baseline/1\""), "{text}");
        assert!(!text.contains("j***"), "no masked values are stored: {text}");
        let b = Baseline::from_json(&text, &fp).unwrap();
        let mut now = vec![
            // Same value moved to another row: still accepted.
            finding(&PII_EMAIL, "a.csv", 7, "email", "00112233aabbccdd"),
            // Same value in another column, another file, under another rule: new.
            finding(&PII_EMAIL, "a.csv", 1, "other", "00112233aabbccdd"),
            finding(&PII_EMAIL, "b.csv", 1, "email", "00112233aabbccdd"),
            finding(&PII_COLUMN, "a.csv", 0, "email", "00112233aabbccdd"),
            // Another value: new.
            finding(&PII_EMAIL, "a.csv", 1, "email", "ffffffffffffffff"),
            finding(&PII_COLUMN, "a.csv", 0, "mail", "0011223344556677"),
        ];
        assert_eq!(b.suppress(&mut now), 2);
        assert_eq!(now.len(), 4);
        let mut plain = vec![Finding::new(&PII_EMAIL, Location::file("a.csv"), "m", "e")];
        assert_eq!(
            b.suppress(&mut plain),
            0,
            "findings without a fingerprint are never suppressed"
        );
    }

    #[test]
    fn rejects_malformed_files_and_other_keys() {
        let fp = Fingerprinter::new(b"key");
        let good = Baseline::from_findings(&[finding(&PII_EMAIL, "a.csv", 1, "email", "00112233aabbccdd")], &fp);
        let err = |t: &str| Baseline::from_json(t, &fp).unwrap_err().to_string();
        assert!(err("{").contains("not valid JSON"));
        assert!(err("{\"findings\": []}").contains("no `format`"));
        assert!(err("{\"format\": \"mlsec-baseline/9\", \"findings\": []}").contains("mlsec-baseline/9"));
        assert!(err(&good.to_json().replace("00112233aabbccdd", "xyz")).contains("fingerprint"));
        assert!(err(&good.to_json().replace("\"rule\"", "\"value\"")).contains("malformed"));
        let other = Fingerprinter::new(b"other key");
        assert!(Baseline::from_json(&good.to_json(), &other)
            .unwrap_err()
            .to_string()
            .contains("MLSEC_FINGERPRINT_KEY"));
    }
}
