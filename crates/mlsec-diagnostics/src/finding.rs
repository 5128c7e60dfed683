//! Findings, severities, locations and per-file verdicts.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::codes::Rule;

/// How bad a finding is. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, never a problem on its own.
    Info,
    /// Unusual but unlikely to be harmful.
    Low,
    /// Needs a human look before the artifact is trusted.
    Medium,
    /// Likely harmful: the default CI gate fails on it.
    High,
    /// Code execution or an equivalent compromise when the artifact is loaded.
    Critical,
}

impl Severity {
    /// All severities, lowest first.
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// The lowercase name used in every output format and in `mlsec.toml`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|sev| sev.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown severity `{s}` (expected one of: info, low, medium, high, critical)"))
    }
}

/// Where in an artifact a finding was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The scanned file, as the user named it (or as found by walking a directory), with `/` separators.
    pub path: String,
    /// Archive members leading to the finding, outermost first (e.g. `["model.zip", "archive/data.pkl"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member: Vec<String>,
    /// Byte offset inside the innermost member (or the file), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Index of the pickle opcode (0-based, counted within one pickle), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opcode_index: Option<u64>,
    /// Data row (1-based; CSV excludes the header, text and JSON Lines count lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// Column name (CSV header or Parquet column) or JSON field path (`user.emails[1]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Length in bytes of the span starting at `offset`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
}

impl Location {
    /// A location that names only a file.
    #[must_use]
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            ..Location::default()
        }
    }

    /// The member chain joined with `!/`, or the empty string.
    #[must_use]
    pub fn member_path(&self) -> String {
        self.member.join("!/")
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        for m in &self.member {
            write!(f, "!/{m}")?;
        }
        if let Some(off) = self.offset {
            write!(f, "@{off}")?;
        }
        if let Some(op) = self.opcode_index {
            write!(f, " (op {op})")?;
        }
        if let Some(r) = self.row {
            write!(f, ":{r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, "[{c}]")?;
        }
        Ok(())
    }
}

/// One problem found in one artifact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule that fired; its code, title, CWE and remediation come from the rule table.
    #[serde(serialize_with = "crate::codes::serialize_rule_code")]
    pub rule: &'static Rule,
    /// Severity of this instance (usually the rule's default, sometimes raised or lowered by context).
    pub severity: Severity,
    /// One terse lowercase sentence, user data in backticks.
    pub message: String,
    /// Where it was found.
    pub location: Location,
    /// Machine-friendly evidence (e.g. `posix.system`), never a secret in clear.
    pub evidence: String,
    /// For personal data and secrets: what was found, masked, and its keyed fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DataEvidence>,
}

/// What a dataset finding found, without the value in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataEvidence {
    /// Entity type, e.g. `EMAIL`, `CREDIT_CARD`, `DE_TAX_ID`, `SECRET`.
    pub entity: String,
    /// The value masked (`j***@e***.com`, `4111 **** **** 1111`).
    pub masked: String,
    /// Keyed fingerprint of the value (HMAC-SHA-256, 16 hex digits): the same
    /// value gives the same fingerprint across files for one key.
    pub fingerprint: String,
    /// Confidence, 0 to 100.
    pub confidence: u8,
    /// For a secret, the detection rule (`aws-access-token`); for a column summary, the share of values that matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Finding {
    /// A finding with the rule's default severity.
    #[must_use]
    pub fn new(
        rule: &'static Rule,
        location: Location,
        message: impl Into<String>,
        evidence: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            location,
            evidence: evidence.into(),
            data: None,
        }
    }

    /// Override the severity.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sort key used by every writer: path, member chain, row, offset, code.
    #[must_use]
    pub fn sort_key(&self) -> (&str, &[String], Option<u64>, Option<u64>, &str, &str) {
        (
            &self.location.path,
            &self.location.member,
            self.location.row,
            self.location.offset,
            self.rule.code,
            &self.evidence,
        )
    }
}

/// The decision for one scanned file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Nothing at medium or above, and the file was fully examined.
    Clean,
    /// The file is not in a format this scanner inspects (reported, never silently skipped).
    NotAModel,
    /// The file could not be examined fully (see `reason`); absence of findings proves nothing.
    CouldNotScan,
    /// Findings at medium or high, none critical.
    Suspicious,
    /// At least one critical finding.
    Malicious,
    /// A dataset holding personal data or secrets (medium or above).
    Sensitive,
}

impl Verdict {
    /// The kebab-case name used in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clean => "clean",
            Verdict::NotAModel => "not-a-model",
            Verdict::CouldNotScan => "could-not-scan",
            Verdict::Suspicious => "suspicious",
            Verdict::Malicious => "malicious",
            Verdict::Sensitive => "sensitive",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of scanning one file named by the user or found by walking a directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The file, with `/` separators.
    pub path: String,
    /// Detected format (e.g. `pickle`, `pytorch-zip`, `zip`), from content.
    pub format: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the file content, lowercase hex, when it was computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The decision.
    pub verdict: Verdict,
    /// Why the file could not be scanned fully, when `verdict` is `could-not-scan`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Findings in this file, sorted.
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// Derive the verdict from findings and an optional could-not-scan reason.
    #[must_use]
    pub fn verdict_for(findings: &[Finding], reason: Option<&str>, is_model: bool) -> Verdict {
        let max = findings.iter().map(|f| f.severity).max();
        match max {
            Some(Severity::Critical) => Verdict::Malicious,
            Some(Severity::High | Severity::Medium) => Verdict::Suspicious,
            _ if reason.is_some() => Verdict::CouldNotScan,
            _ if !is_model => Verdict::NotAModel,
            _ => Verdict::Clean,
        }
    }

    /// The verdict for a dataset: `sensitive` with findings at medium or
    /// above, `could-not-scan` when the result is partial, else `clean`.
    #[must_use]
    pub fn verdict_for_data(findings: &[Finding], reason: Option<&str>) -> Verdict {
        if findings.iter().any(|f| f.severity >= Severity::Medium) {
            Verdict::Sensitive
        } else if reason.is_some() {
            Verdict::CouldNotScan
        } else {
            Verdict::Clean
        }
    }

    /// The highest severity among the findings.
    #[must_use]
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_round_trips_and_orders() {
        for s in Severity::ALL {
            assert_eq!(s.as_str().parse::<Severity>().unwrap(), s);
        }
        assert!(Severity::Critical > Severity::High);
        assert!("bogus".parse::<Severity>().is_err());
    }
}
