//! Generated fixtures (`resources/test/gen/make_fixtures.py`, standard library
//! only): every bypass class of the issue must be flagged at high or critical,
//! and realistic benign models (5M-int pickle, large NumPy arrays, PyTorch zip
//! and legacy checkpoints, joblib) must not be flagged at medium or above.

use std::path::Path;
use std::process::Command;

use mlsec_diagnostics::Severity;
use mlsec_model_scan::{Options, Scanner};

#[test]
fn bypass_classes_are_flagged_and_benign_models_are_not() {
    let gen = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/gen/make_fixtures.py");
    let dir = tempfile::tempdir().unwrap();
    let st = Command::new("python3").arg(&gen).arg(dir.path()).output().unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).unwrap()).unwrap();
    let scanner = Scanner::new(Options::default());
    let mut failures = Vec::new();
    let (mut mal, mut ben) = (0, 0);
    for case in manifest.as_array().unwrap() {
        let file = case["file"].as_str().unwrap();
        let label = case["label"].as_str().unwrap();
        let r = scanner.scan_file(&dir.path().join(file));
        let max = r.max_severity();
        let summary = || {
            format!(
                "{file} ({}): {:?} {:?}",
                case["why"],
                r.verdict,
                r.findings
                    .iter()
                    .map(|f| (&f.rule.code, f.severity, &f.message))
                    .collect::<Vec<_>>()
            )
        };
        match label {
            "malicious" => {
                mal += 1;
                if max < Some(Severity::High) {
                    failures.push(format!("missed {}", summary()));
                }
            }
            "benign" => {
                ben += 1;
                if max >= Some(Severity::Medium) {
                    failures.push(format!("false positive {}", summary()));
                }
            }
            other => panic!("unknown label {other}"),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(mal >= 60 && ben >= 10, "{mal} malicious, {ben} benign");
}

/// Real joblib / scikit-learn files (`resources/test/gen/make_joblib_fixtures.py`):
/// inline array data is skipped exactly as joblib does, so benign models parse to
/// the end and payloads placed after arrays are found.
#[test]
fn real_joblib_files_parse_fully() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/fixtures/joblib");
    let scanner = Scanner::new(Options::default());
    let mut seen = 0;
    for label in ["benign", "malicious"] {
        for f in mlsec_model_scan::collect_files(&[root.join(label)]).unwrap() {
            seen += 1;
            let r = scanner.scan_file(&f);
            let codes: Vec<_> = r.findings.iter().map(|x| (x.rule.code, &x.message)).collect();
            if label == "benign" {
                assert!(r.findings.is_empty(), "{}: {codes:?}", f.display());
            } else {
                assert_eq!(r.max_severity(), Some(Severity::Critical), "{}: {codes:?}", f.display());
                assert!(
                    !r.findings.iter().any(|x| x.rule.code == "MLS-PKL-009"),
                    "{}: {codes:?}",
                    f.display()
                );
            }
        }
    }
    assert!(seen >= 20);
}
