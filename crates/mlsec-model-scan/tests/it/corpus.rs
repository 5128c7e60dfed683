//! The public picklescan corpus: every malicious file is flagged at high or
//! critical, and no benign file at medium or above.

use mlsec_diagnostics::{Severity, Verdict};
use mlsec_model_scan::{collect_files, Options, Scanner};

/// Files of the corpus that are benign (picklescan's own expectations); every
/// other file is an attack.
const BENIGN: &[&str] = &[
    "data/benign0_v0.pkl",
    "data/benign0_v3.pkl",
    "data/benign0_v4.pkl",
    "data/benign_password_protected.zip",
    "data/new_pytorch_model.bin",
    "data/pytorch_model.bin",
    "data/bad_pytorch.pt",
    "data/not_a_pickle.bin",
    "data2/int_array.npy",
    "data2/int_arrays.npz",
    "data2/int_arrays_compressed.npz",
    "data2/object_array.npy",
    "data2/object_arrays.npz",
    "data2/object_arrays_compressed.npz",
];

#[test]
fn picklescan_corpus_detection_table() {
    let root = super::shared().join("corpus/picklescan");
    assert!(root.is_dir(), "the shared corpus is missing at {}", root.display());
    let files = collect_files(&[root.join("data"), root.join("data2")]).0;
    assert!(files.len() >= 100, "corpus too small: {}", files.len());
    let scanner = Scanner::new(Options::default());
    let mut failures = Vec::new();
    let (mut mal, mut ben) = (0, 0);
    for f in &files {
        let rel = f.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let r = scanner.scan_file(f);
        let max = r.max_severity();
        if BENIGN.contains(&rel.as_str()) {
            ben += 1;
            if max >= Some(Severity::Medium) {
                failures.push(format!(
                    "benign {rel} flagged: {:?}",
                    r.findings.iter().map(|x| &x.message).collect::<Vec<_>>()
                ));
            }
        } else {
            mal += 1;
            if max < Some(Severity::High) || !matches!(r.verdict, Verdict::Malicious | Verdict::Suspicious) {
                failures.push(format!("malicious {rel} missed: {:?} {:?}", r.verdict, r.findings));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(ben, BENIGN.len(), "a benign corpus file is missing");
    assert!(mal >= 90);
}

#[test]
fn corpus_specific_globals_are_named() {
    let root = super::shared().join("corpus/picklescan");
    let scanner = Scanner::new(Options::default());
    let cases = [
        ("data/malicious1_v0.pkl", "__builtin__.eval"),
        ("data2/GHSA-86cj-95qr-2p4f.pkl", "torch._dynamo.guards.GuardBuilder.get"),
        ("data/pytorch_magic_bypass.pt", "posix.system"),
        ("data2/type-confusion-exploit.pkl", "os.system"),
        ("data2/dns_exfiltration.npy", "ssl.get_server_certificate"),
        ("data/malicious1.7z", "builtins.eval"),
        ("data/malicious13a.pkl", "pickle.loads"),
    ];
    for (file, global) in cases {
        let r = scanner.scan_file(&root.join(file));
        assert!(
            r.findings.iter().any(|f| f.evidence == global),
            "{file}: {global} not in {:?}",
            r.findings
        );
    }
    // The password-protected zip cannot be inspected: reported, not silently clean.
    let r = scanner.scan_file(&root.join("data/benign_password_protected.zip"));
    assert_eq!(r.verdict, Verdict::CouldNotScan);
    // A PNG named .pt is not a model.
    assert_eq!(
        scanner.scan_file(&root.join("data/bad_pytorch.pt")).verdict,
        Verdict::NotAModel
    );
}
