//! The JSON report. Schema (version 1), documented in `docs/json-report.md`:
//! `{schema_version, tool{name,version}, command, fail_on, summary{files, failing,
//! verdicts{..}, severities{..}, errors[],
//! suppressed? (findings dropped by `--baseline`)}, files[{path, format, size, sha256?,
//! verdict, reason?, findings[{rule, name, severity, title, message, location{path,
//! member[], offset?, opcode_index?, row?, column?, length?}, evidence, data?{entity, masked,
//! fingerprint, confidence, detail?}, cwe?, cve[], atlas[], remediation}]}]}`.

use serde_json::{json, Map, Value};

use crate::{Report, JSON_SCHEMA_VERSION};

pub(crate) fn to_value(r: &Report<'_>) -> Value {
    let files: Vec<Value> = r
        .files
        .iter()
        .map(|f| {
            let findings: Vec<Value> = f
                .findings
                .iter()
                .map(|x| {
                    let mut v = json!({
                        "rule": x.rule.code,
                        "name": x.rule.name,
                        "severity": x.severity,
                        "title": x.rule.title,
                        "message": x.message,
                        "location": x.location,
                        "evidence": x.evidence,
                        "cwe": x.rule.cwe,
                        "cve": x.rule.cve,
                        "atlas": x.rule.atlas,
                        "remediation": x.rule.remediation,
                    });
                    if let Some(d) = &x.data {
                        v["data"] = json!(d);
                    }
                    v
                })
                .collect();
            let mut o = Map::new();
            o.insert("path".into(), json!(f.path));
            o.insert("format".into(), json!(f.format));
            o.insert("size".into(), json!(f.size));
            if let Some(h) = &f.sha256 {
                o.insert("sha256".into(), json!(h));
            }
            o.insert("verdict".into(), json!(f.verdict));
            if let Some(reason) = &f.reason {
                o.insert("reason".into(), json!(reason));
            }
            o.insert("findings".into(), Value::Array(findings));
            Value::Object(o)
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
    json!({
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "mlsec", "version": r.version},
        "command": r.command,
        "fail_on": r.fail_on,
        "summary": summary,
        "files": files,
    })
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
