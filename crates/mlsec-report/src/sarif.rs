//! SARIF 2.1.0 for GitHub code scanning: one run, only the rules that fired,
//! `security-severity` per rule, stable `primaryLocationLineHash` fingerprints.

use mlsec_diagnostics::{Finding, Rule, Severity};
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;

use crate::Report;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn security_severity(s: Severity) -> Option<&'static str> {
    match s {
        Severity::Critical => Some("9.5"),
        Severity::High => Some("8.0"),
        Severity::Medium => Some("5.5"),
        Severity::Low => Some("2.0"),
        Severity::Info => None,
    }
}

fn rule_value(r: &Rule) -> Value {
    let mut props = json!({
        "tags": ["security", r.family()],
        "precision": "high",
    });
    if let Some(s) = security_severity(r.default_severity) {
        props["security-severity"] = json!(s);
    }
    let mut md = format!(
        "## What it does\n{}\n\n## What to do\n{}\n",
        r.description, r.remediation
    );
    if let Some(cwe) = r.cwe {
        md.push_str(&format!("\n## References\n- {cwe}\n"));
    }
    for a in r.atlas {
        md.push_str(&format!("- MITRE ATLAS {a}\n"));
    }
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": r.description},
        "help": {"text": format!("{} {}", r.description, r.remediation), "markdown": md},
        "helpUri": format!("https://github.com/mlsec/mlsec/blob/main/docs/rules.md#{}", r.code.to_lowercase()),
        "defaultConfiguration": {"level": level(r.default_severity)},
        "properties": props,
    })
}

fn fingerprint(f: &Finding) -> String {
    let mut h = Sha256::new();
    h.update(f.rule.code.as_bytes());
    h.update(b"|");
    h.update(f.location.path.as_bytes());
    h.update(b"|");
    h.update(f.location.member_path().as_bytes());
    h.update(b"|");
    h.update(f.evidence.as_bytes());
    let d = h.finalize();
    d[..8].iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn to_value(r: &Report<'_>) -> Value {
    let mut rules: BTreeMap<&str, &Rule> = BTreeMap::new();
    for f in r.files.iter().flat_map(|f| &f.findings) {
        rules.insert(f.rule.code, f.rule);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut results = Vec::new();
    for f in r.files.iter().flat_map(|f| &f.findings).take(25_000) {
        let fp = fingerprint(f);
        let n = seen.entry(fp.clone()).or_insert(0);
        *n += 1;
        let uri = f.location.path.trim_start_matches("./").to_string();
        let mut props = json!({"severity": f.severity});
        if !f.location.member.is_empty() {
            props["member"] = json!(f.location.member_path());
        }
        if let Some(o) = f.location.offset {
            props["byteOffset"] = json!(o);
        }
        if let Some(o) = f.location.opcode_index {
            props["opcodeIndex"] = json!(o);
        }
        if let Some(c) = &f.location.column {
            props["column"] = json!(c);
        }
        if let Some(d) = &f.data {
            props["entity"] = json!(d.entity);
            props["masked"] = json!(d.masked);
            props["fingerprint"] = json!(d.fingerprint);
            props["confidence"] = json!(d.confidence);
        }
        let text = if f.location.member.is_empty() {
            f.message.clone()
        } else {
            format!("{} (in `{}`)", f.message, f.location.member_path())
        };
        results.push(json!({
            "ruleId": f.rule.code,
            "ruleIndex": index[f.rule.code],
            "level": level(f.severity),
            "message": {"text": text},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.location.row.unwrap_or(1).max(1)}
                }
            }],
            "partialFingerprints": {
                "primaryLocationLineHash": format!("{fp}:{n}"),
                "mlsec/v1": fp,
            },
            "properties": props,
        }));
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mlsec",
                "semanticVersion": r.version,
                "informationUri": "https://github.com/mlsec/mlsec",
                "rules": rules.values().map(|r| rule_value(r)).collect::<Vec<_>>(),
            }},
            "automationDetails": {"id": format!("mlsec/{}/", r.command)},
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use crate::fixture;

    #[test]
    fn rules_only_fired_and_levels_mapped() {
        let files = fixture::files();
        let v = super::to_value(&fixture::report(&files));
        let run = &v["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0]["id"], "MLS-PKL-001");
        assert_eq!(rules[0]["properties"]["security-severity"], "9.5");
        assert_eq!(run["results"][0]["level"], "error");
        assert_eq!(run["results"][1]["level"], "note");
        assert!(run["results"][0]["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap()
            .ends_with(":1"));
    }
}
