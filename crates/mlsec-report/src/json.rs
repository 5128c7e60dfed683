//! The JSON report. Schema (version 1), documented in `docs/json-report.md`:
//! `{schema_version, tool{name,version}, command, fail_on, summary{files, failing,
//! verdicts{..}, severities{..}, errors[],
//! suppressed? (findings dropped by `--baseline`)}, files[{path, format, size, sha256?,
//! verdict, reason?, findings[{rule, name, severity, title, message, location{path,
//! member[], offset?, opcode_index?, row?, column?, length?}, evidence, data?{entity, masked,
//! fingerprint, confidence, detail?}, cwe?, cve[], atlas[], remediation}]}]}`.

use mlsec_diagnostics::{DataEvidence, Finding, Location, Severity};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::{Report, JSON_SCHEMA_VERSION};

/// The report as a JSON value (tests read it by key).
#[cfg(test)]
pub(crate) fn to_value(r: &Report<'_>) -> Value {
    serde_json::to_value(out(r)).unwrap_or(Value::Null)
}

/// The report, serialised straight from borrowed fields: the structs below
/// declare their fields in alphabetical order, the order a JSON object
/// built as a `Value` (a sorted map) had, so the output is unchanged;
/// thousands of findings no longer go through a tree of owned values.
pub(crate) fn out<'a>(r: &'a Report<'a>) -> impl Serialize + 'a {
    let files: Vec<FileOut<'a>> = r
        .files
        .iter()
        .map(|f| FileOut {
            findings: f.findings.iter().map(FindingOut::from).collect(),
            format: &f.format,
            path: &f.path,
            reason: f.reason.as_deref(),
            sha256: f.sha256.as_deref(),
            size: f.size,
            verdict: f.verdict,
        })
        .collect();
    let verdicts: Map<String, Value> = r
        .verdict_counts()
        .into_iter()
        .map(|(v, n)| (v.as_str().to_string(), json!(n)))
        .collect();
    let severities: Map<String, Value> = r
        .severity_counts()
        .into_iter()
        .map(|(s, n)| (s.as_str().to_string(), json!(n)))
        .collect();
    let mut summary = json!({
        "files": r.files.len(),
        "failing": r.failing(),
        "verdicts": verdicts,
        "severities": severities,
        "errors": r.errors,
    });
    if let Some(n) = r.suppressed {
        summary["suppressed"] = json!(n);
    }
    Top {
        command: r.command,
        fail_on: r.fail_on,
        files,
        schema_version: JSON_SCHEMA_VERSION,
        summary,
        tool: Tool {
            name: "mlsec",
            version: r.version,
        },
    }
}

#[derive(Serialize)]
struct Top<'a> {
    command: &'a str,
    fail_on: Severity,
    files: Vec<FileOut<'a>>,
    schema_version: u32,
    summary: Value,
    tool: Tool<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct FileOut<'a> {
    findings: Vec<FindingOut<'a>>,
    format: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<&'a str>,
    size: u64,
    verdict: mlsec_diagnostics::Verdict,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    atlas: &'static [&'static str],
    cve: &'static [&'static str],
    cwe: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<DataOut<'a>>,
    evidence: &'a str,
    location: LocationOut<'a>,
    message: &'a str,
    name: &'static str,
    remediation: &'static str,
    rule: &'static str,
    severity: Severity,
    title: &'static str,
}

impl<'a> From<&'a Finding> for FindingOut<'a> {
    fn from(x: &'a Finding) -> Self {
        Self {
            atlas: x.rule.atlas,
            cve: x.rule.cve,
            cwe: x.rule.cwe,
            data: x.data.as_ref().map(DataOut::from),
            evidence: &x.evidence,
            location: LocationOut::from(&x.location),
            message: &x.message,
            name: x.rule.name,
            remediation: x.rule.remediation,
            rule: x.rule.code,
            severity: x.severity,
            title: x.rule.title,
        }
    }
}

#[derive(Serialize)]
struct LocationOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<u64>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    member: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opcode_index: Option<u64>,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
}

impl<'a> From<&'a Location> for LocationOut<'a> {
    fn from(l: &'a Location) -> Self {
        Self {
            column: l.column.as_deref(),
            length: l.length,
            member: &l.member,
            offset: l.offset,
            opcode_index: l.opcode_index,
            path: &l.path,
            row: l.row,
        }
    }
}

#[derive(Serialize)]
struct DataOut<'a> {
    confidence: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    entity: &'a str,
    fingerprint: &'a str,
    masked: &'a str,
}

impl<'a> From<&'a DataEvidence> for DataOut<'a> {
    fn from(d: &'a DataEvidence) -> Self {
        Self {
            confidence: d.confidence,
            detail: d.detail.as_deref(),
            entity: &d.entity,
            fingerprint: &d.fingerprint,
            masked: &d.masked,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture;

    #[test]
    fn has_stable_fields() {
        let files = fixture::files();
        let v = super::to_value(&fixture::report(&files));
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["summary"]["failing"], 1);
        let f = &v["files"][0]["findings"][0];
        assert_eq!(f["rule"], "MLS-PKL-001");
        assert_eq!(f["severity"], "critical");
        assert_eq!(f["cwe"], "CWE-502");
        assert_eq!(f["location"]["member"][0], "archive/data.pkl");
        assert_eq!(v["files"][0]["verdict"], "malicious");
    }
}
