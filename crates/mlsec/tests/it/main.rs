//! End-to-end tests of the `mlsec` binary: exit codes, output formats, config.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

mod data;
mod governance;
mod interop;

pub(crate) fn mlsec() -> Command {
    Command::cargo_bin("mlsec").unwrap()
}

fn examples() -> PathBuf {
    Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("../../examples")
}

fn run(args: &[&str]) -> Output {
    mlsec().args(args).output().unwrap()
}

pub(crate) fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p
}

const EVIL: &[u8] = b"cos\nsystem\n(S'echo pwned'\ntR.";
const BENIGN: &[u8] = b"\x80\x04\x95\x0a\x00\x00\x00\x00\x00\x00\x00}\x94\x8c\x01a\x94K\x01s.";

#[test]
fn exit_0_on_clean_and_1_on_findings() {
    let d = tempfile::tempdir().unwrap();
    let ok = write(d.path(), "ok.bin", BENIGN);
    let o = run(&["scan", ok.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).contains("clean"));
    let bad = write(d.path(), "weights.bak", EVIL);
    let o = run(&["scan", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("MLS-PKL-001") && out.contains("malicious"), "{out}");
    // --fail-on critical still fails; an allowlisted global does not.
    assert_eq!(
        run(&["scan", "--fail-on", "critical", bad.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn exit_2_on_errors_and_findings_win() {
    let d = tempfile::tempdir().unwrap();
    let missing = d.path().join("nope.pkl");
    let o = run(&["scan", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.pkl"));
    let bad = write(d.path(), "evil.pkl", EVIL);
    let o = run(&["scan", bad.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "findings win over errors");
    let empty = tempfile::tempdir().unwrap();
    let o = run(&["scan", empty.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no files were scanned"));
    let o = run(&["scan", "--format", "bogus", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    // A FIFO is reported, never opened (opening would block).
    let fifo = d.path().join("pipe");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let o = run(&["scan", fifo.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
    }
}

#[test]
fn json_report_has_schema_and_verdicts() {
    let o = run(&["scan", "--format", "json", examples().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    let files = v["files"].as_array().unwrap();
    let verdict = |n: &str| files.iter().find(|f| f["path"].as_str().unwrap().ends_with(n)).unwrap()["verdict"].clone();
    assert_eq!(verdict("malicious_reduce.pkl"), "malicious");
    assert_eq!(verdict("hidden_in_zip.bin"), "malicious");
    assert_eq!(verdict("benign_checkpoint.pt"), "clean");
    assert_eq!(verdict("sklearn_like.joblib.z"), "clean");
    // The report follows the published schema (docs/report-schema.json).
    let schema_path = Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("../../docs/report-schema.json");
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let o = run(&[
        "scan",
        "--format",
        "json",
        "--hash",
        examples().join("malicious_reduce.pkl").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(validator.is_valid(&v));
    assert_eq!(v["files"][0]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("r.sarif");
    let o = run(&[
        "scan",
        "--format",
        "sarif",
        "--output",
        out.to_str().unwrap(),
        examples().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let schema_path = Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("../mlsec-report/resources/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "MLS-PKL-001" && r["level"] == "error"));
    // The schema check is not vacuous: a broken document fails.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn config_file_is_found_and_cli_overrides_it() {
    let d = tempfile::tempdir().unwrap();
    // A call of an unknown global is high; allowing it in mlsec.toml makes the scan pass.
    let custom = b"cmypkg.layers\nCustom\n)R.";
    let f = write(d.path(), "model.pkl", custom);
    assert_eq!(run(&["scan", f.to_str().unwrap()]).status.code(), Some(1));
    write(d.path(), "mlsec.toml", b"[scan]\nallow = [\"mypkg.layers.Custom\"]\n");
    let o = run(&["scan", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    // fail_on in the file is overridden by the flag.
    write(d.path(), "mlsec.toml", b"[scan]\nfail_on = \"critical\"\n");
    assert_eq!(run(&["scan", f.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(
        run(&["scan", "--fail-on", "high", f.to_str().unwrap()]).status.code(),
        Some(1)
    );
    // A bad config is an error naming the file.
    write(d.path(), "mlsec.toml", b"[scan]\nfail_on = \"sometimes\"\n");
    let o = run(&["scan", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("mlsec.toml"));
}

#[test]
fn rule_command_explains_codes() {
    let o = run(&["rule", "MLS-PKL-001"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("CWE-502"));
    assert_eq!(run(&["rule", "MLS-NOPE-000"]).status.code(), Some(2));
    let o = run(&["scan", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Exit codes"));
}
