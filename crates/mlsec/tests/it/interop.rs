//! Interoperability with the OpenSSF reference signer, `model-signing`
//! 1.1.1 (Python), both ways: its signatures (key and certificate methods)
//! verify with `mlsec verify`, mlsec's verify with `model_signing verify`,
//! and both compute the same root digest. The peer runs from a venv made by
//! `tests/interop/setup-venv.sh` (cached in ~/.cache/mlsec/interop-venv).

use std::path::{Path, PathBuf};
use std::process::Command as Proc;
use std::sync::OnceLock;

use super::{mlsec, write};

fn interop_dir() -> PathBuf {
    Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("tests/interop")
}

/// The venv's python (created on first use; fails loudly, never skips).
pub fn python() -> &'static Path {
    static PY: OnceLock<PathBuf> = OnceLock::new();
    PY.get_or_init(|| {
        let o = Proc::new("bash")
            .arg(interop_dir().join("setup-venv.sh"))
            .output()
            .expect("bash runs");
        assert!(
            o.status.success(),
            "setting up the interop venv failed (needs python3 and PyPI):\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        PathBuf::from(String::from_utf8(o.stdout).unwrap().trim())
    })
}

fn model_signing(args: &[&str]) -> std::process::Output {
    let bin = python().parent().unwrap().join("model_signing");
    Proc::new(bin).args(args).output().unwrap()
}

fn ok(o: &std::process::Output, what: &str) {
    assert!(
        o.status.success(),
        "{what} failed ({:?}):\n{}{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn pki(dir: &Path) -> PathBuf {
    let p = dir.join("pki");
    let o = Proc::new(python())
        .arg(interop_dir().join("make_pki.py"))
        .arg(&p)
        .output()
        .unwrap();
    ok(&o, "make_pki.py");
    p
}

fn model(dir: &Path) -> PathBuf {
    let m = dir.join("my-model");
    std::fs::create_dir_all(m.join("tokenizer")).unwrap();
    std::fs::create_dir_all(m.join(".git")).unwrap();
    write(&m, "config.json", b"{\"layers\": 2}");
    write(&m, "tokenizer.json", b"{}");
    write(&m, "tokenizer/vocab.txt", b"a\nb\n");
    write(
        &m,
        "weights file.bin",
        &(0..200_000u32).map(|i| (i % 253) as u8).collect::<Vec<_>>(),
    );
    write(&m, "empty", b"");
    write(&m, "caf\u{e9}.txt", b"unicode name");
    write(&m, ".git/HEAD", b"ref: refs/heads/main\n");
    m
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn subject_digest(sig: &Path) -> String {
    use base64::Engine as _;
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(sig).unwrap()).unwrap();
    let payload = base64::engine::general_purpose::STANDARD
        .decode(v["dsseEnvelope"]["payload"].as_str().unwrap())
        .unwrap();
    let st: serde_json::Value = serde_json::from_slice(&payload).unwrap();
    st["subject"][0]["digest"]["sha256"].as_str().unwrap().to_owned()
}

fn mlsec_digest(path: &Path) -> String {
    let o = mlsec().args(["digest", s(path)]).output().unwrap();
    ok(&o, "mlsec digest");
    String::from_utf8(o.stdout).unwrap().trim().to_owned()
}

#[test]
fn model_signing_and_mlsec_verify_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    let pki = pki(tmp.path());
    let m = model(tmp.path());
    let k = |n: &str| pki.join(n);

    for curve in ["p256", "p384", "p521"] {
        // model_signing signs, mlsec verifies; same root digest.
        let sig = tmp.path().join(format!("py-{curve}.sig"));
        ok(
            &model_signing(&[
                "sign",
                "key",
                s(&m),
                "--private_key",
                s(&k(&format!("{curve}.pem"))),
                "--signature",
                s(&sig),
            ]),
            "model_signing sign key",
        );
        let o = mlsec()
            .args([
                "verify",
                s(&m),
                "--signature",
                s(&sig),
                "--public-key",
                s(&k(&format!("{curve}-pub.pem"))),
            ])
            .output()
            .unwrap();
        ok(&o, &format!("mlsec verify of model_signing's {curve} signature"));
        assert_eq!(
            subject_digest(&sig),
            mlsec_digest(&m),
            "root digest differs from model_signing's"
        );

        // mlsec signs, model_signing verifies.
        let sig = tmp.path().join(format!("mlsec-{curve}.sig"));
        ok(
            &mlsec()
                .args([
                    "sign",
                    s(&m),
                    "--private-key",
                    s(&k(&format!("{curve}.pem"))),
                    "--signature",
                    s(&sig),
                    "-q",
                ])
                .output()
                .unwrap(),
            "mlsec sign",
        );
        ok(
            &model_signing(&[
                "verify",
                "key",
                s(&m),
                "--signature",
                s(&sig),
                "--public_key",
                s(&k(&format!("{curve}-pub.pem"))),
            ]),
            &format!("model_signing verify of mlsec's {curve} signature"),
        );
    }

    // An encrypted PKCS#8 key (model_signing 1.1.1 cannot sign with one: it
    // passes the password as str), verified by model_signing.
    let sig = tmp.path().join("enc.sig");
    let o = mlsec()
        .args([
            "sign",
            s(&m),
            "--private-key",
            s(&k("enc.pem")),
            "--signature",
            s(&sig),
            "-q",
        ])
        .env("MLSEC_KEY_PASSWORD", "s3cret pass")
        .output()
        .unwrap();
    ok(&o, "mlsec sign with an encrypted key");
    ok(
        &model_signing(&[
            "verify",
            "key",
            s(&m),
            "--signature",
            s(&sig),
            "--public_key",
            s(&k("enc-pub.pem")),
        ]),
        "model_signing verify",
    );
    let o = mlsec()
        .args([
            "sign",
            s(&m),
            "--private-key",
            s(&k("enc.pem")),
            "--signature",
            s(&sig),
            "-q",
        ])
        .env("MLSEC_KEY_PASSWORD", "wrong")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("wrong password"));

    // Certificate method, three-level chain (RSA root, ECDSA intermediate).
    let sig = tmp.path().join("py-cert.sig");
    ok(
        &model_signing(&[
            "sign",
            "certificate",
            s(&m),
            "--private_key",
            s(&k("leaf.pem")),
            "--signing_certificate",
            s(&k("leaf-cert.pem")),
            "--certificate_chain",
            s(&k("int-ca.pem")),
            "--signature",
            s(&sig),
        ]),
        "model_signing sign certificate",
    );
    ok(
        &mlsec()
            .args([
                "verify",
                s(&m),
                "--signature",
                s(&sig),
                "--certificate-chain",
                s(&k("root-ca.pem")),
            ])
            .output()
            .unwrap(),
        "mlsec verify of model_signing's certificate signature",
    );
    let o = mlsec()
        .args([
            "verify",
            s(&m),
            "--signature",
            s(&sig),
            "--certificate-chain",
            s(&k("other-ca.pem")),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "an unrelated CA must not be trusted");
    let sig = tmp.path().join("mlsec-cert.sig");
    ok(
        &mlsec()
            .args([
                "sign",
                s(&m),
                "--private-key",
                s(&k("leaf.pem")),
                "--certificate",
                s(&k("leaf-cert.pem")),
                "--certificate-chain",
                s(&k("int-ca.pem")),
                "--signature",
                s(&sig),
                "-q",
            ])
            .output()
            .unwrap(),
        "mlsec sign --certificate",
    );
    ok(
        &model_signing(&[
            "verify",
            "certificate",
            s(&m),
            "--signature",
            s(&sig),
            "--certificate_chain",
            s(&k("root-ca.pem")),
        ]),
        "model_signing verify of mlsec's certificate signature",
    );

    // Single file, and ignore paths recorded by model_signing.
    let file = m.join("weights file.bin");
    let sig = tmp.path().join("file.sig");
    ok(
        &model_signing(&[
            "sign",
            "key",
            s(&file),
            "--private_key",
            s(&k("p256.pem")),
            "--signature",
            s(&sig),
        ]),
        "sign file",
    );
    ok(
        &mlsec()
            .args([
                "verify",
                s(&file),
                "--signature",
                s(&sig),
                "--public-key",
                s(&k("p256-pub.pem")),
            ])
            .output()
            .unwrap(),
        "verify file",
    );
    assert_eq!(subject_digest(&sig), mlsec_digest(&file));
    let sig2 = tmp.path().join("file2.sig");
    ok(
        &mlsec()
            .args([
                "sign",
                s(&file),
                "--private-key",
                s(&k("p256.pem")),
                "--signature",
                s(&sig2),
                "-q",
            ])
            .output()
            .unwrap(),
        "mlsec sign file",
    );
    ok(
        &model_signing(&[
            "verify",
            "key",
            s(&file),
            "--signature",
            s(&sig2),
            "--public_key",
            s(&k("p256-pub.pem")),
        ]),
        "py verify file",
    );

    let sig = tmp.path().join("ign.sig");
    ok(
        &model_signing(&[
            "sign",
            "key",
            s(&m),
            "--private_key",
            s(&k("p256.pem")),
            "--signature",
            s(&sig),
            "--ignore-paths",
            s(&m.join("tokenizer")),
        ]),
        "sign with ignore paths",
    );
    write(&m, "tokenizer/extra.txt", b"not signed, ignored");
    ok(
        &mlsec()
            .args([
                "verify",
                s(&m),
                "--signature",
                s(&sig),
                "--public-key",
                s(&k("p256-pub.pem")),
            ])
            .output()
            .unwrap(),
        "verify with recorded ignore paths",
    );

    // Tampering after model_signing signed: mlsec names the file (exit 1),
    // and model_signing also rejects mlsec's signature of the old content.
    let sig_py = tmp.path().join("py-p256.sig");
    let sig_ml = tmp.path().join("mlsec-p256.sig");
    std::fs::write(m.join("tokenizer/extra.txt"), b"").unwrap();
    std::fs::remove_file(m.join("tokenizer/extra.txt")).unwrap();
    write(&m, "config.json", b"{\"layers\": 3}");
    let o = mlsec()
        .args([
            "verify",
            s(&m),
            "--signature",
            s(&sig_py),
            "--public-key",
            s(&k("p256-pub.pem")),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"]["changed"][0]["name"], "config.json", "{v}");
    let o = model_signing(&[
        "verify",
        "key",
        s(&m),
        "--signature",
        s(&sig_ml),
        "--public_key",
        s(&k("p256-pub.pem")),
    ]);
    assert!(!o.status.success(), "model_signing must reject the tampered model");
}

#[test]
fn boms_validate_with_cyclonedx_python_lib_and_sign() {
    let tmp = tempfile::tempdir().unwrap();
    let examples = Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("../../examples/bom");
    let pki = pki(tmp.path());
    let mut files = Vec::new();
    for spec in ["1.6", "1.7"] {
        let out = tmp.path().join(format!("bom-{spec}.json"));
        let card = examples.join("model-card.toml");
        ok(
            &mlsec()
                .args([
                    "bom",
                    s(&examples.join("model")),
                    "--card",
                    s(&card),
                    "--spec",
                    spec,
                    "-o",
                    s(&out),
                ])
                .args(["--sign-key", s(&pki.join("p256.pem"))])
                .output()
                .unwrap(),
            "mlsec bom",
        );
        files.push(out);
    }
    let o = Proc::new(python())
        .arg(interop_dir().join("validate_bom.py"))
        .args(&files)
        .output()
        .unwrap();
    ok(&o, "cyclonedx-python-lib validation");
    // The signed BOM names the model by its root digest; another model fails.
    let sig = tmp.path().join("bom-1.6.json.sig");
    ok(
        &mlsec()
            .args([
                "verify",
                s(&examples.join("model")),
                "--signature",
                s(&sig),
                "--public-key",
                s(&pki.join("p256-pub.pem")),
            ])
            .output()
            .unwrap(),
        "verify BOM attestation",
    );
    let o = mlsec()
        .args([
            "verify",
            s(&examples.join("data")),
            "--signature",
            s(&sig),
            "--public-key",
            s(&pki.join("p256-pub.pem")),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    // Same digests in the same order under another name: the root digest
    // matches, the file list does not.
    let copy = tmp.path().join("model-copy");
    std::fs::create_dir_all(&copy).unwrap();
    for e in std::fs::read_dir(examples.join("model")).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().replace("vocab.txt", "vocab2.txt");
        std::fs::copy(e.path(), copy.join(name)).unwrap();
    }
    let key = pki.join("p256-pub.pem");
    let o = mlsec()
        .args(["verify", s(&copy), "--signature", s(&sig), "--public-key", s(&key)])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("file list differs"));
}
