//! Historical `model-signing` signatures (v0.2.0 to v1.1.0; key,
//! certificate and Sigstore keyless) and the OMS v1.0 spec vectors, read in
//! place from `../shared/vectors/model-signing/`, all verified offline.

use std::path::{Path, PathBuf};

use mlsec_signing::{
    certs_from_pem, load_public_key, verify, Error, Identity, Trust, TrustedRoot, VerifyOptions,
    PUBLIC_GOOD_TRUSTED_ROOT,
};

fn shared() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    Path::new(&manifest).join("../../../shared/vectors/model-signing")
}

fn hist(name: &str) -> PathBuf {
    shared().join("historical").join(name)
}

fn key_trust() -> Trust {
    let pem = std::fs::read_to_string(hist("keys/certificate/signing-key-pub.pem")).unwrap();
    Trust::Key(load_public_key(&pem, "signing-key-pub.pem").unwrap())
}

fn cert_trust() -> Trust {
    let pem = std::fs::read_to_string(hist("keys/certificate/ca-cert.pem")).unwrap();
    Trust::Certificates(certs_from_pem(&pem, "ca-cert.pem").unwrap())
}

fn sigstore_trust() -> Trust {
    Trust::Sigstore {
        root: Box::new(TrustedRoot::parse(PUBLIC_GOOD_TRUSTED_ROOT, "bundled").unwrap()),
        identity: Some(Identity {
            identity: "stefanb@us.ibm.com".into(),
            issuer: "https://sigstore.verify.ibm.com/oauth2".into(),
        }),
    }
}

fn trust_for(dir: &str) -> Trust {
    if dir.ends_with("elliptic-key") {
        key_trust()
    } else if dir.ends_with("certificate") {
        cert_trust()
    } else {
        sigstore_trust()
    }
}

fn opts(sig: &Path) -> VerifyOptions {
    // model-signing 1.0.1 ignored `ignore-me` without recording it.
    VerifyOptions {
        ignore_unsigned_files: false,
        exclude_files: vec![sig.to_path_buf()],
        ignore_paths: vec!["ignore-me".into()],
    }
}

const DIRS: [&str; 13] = [
    "v0.2.0-certificate",
    "v0.3.1-certificate",
    "v0.3.1-elliptic-key",
    "v0.3.1-sigstore",
    "v1.0.0-certificate",
    "v1.0.0-elliptic-key",
    "v1.0.0-sigstore",
    "v1.0.1-certificate",
    "v1.0.1-elliptic-key",
    "v1.0.1-sigstore",
    "v1.1.0-certificate",
    "v1.1.0-elliptic-key",
    "v1.1.0-sigstore",
];

/// The model a vector signed: the directory, or its single file for the
/// single-file signatures (resource named ".").
fn model_of(dir: &Path) -> PathBuf {
    let sig = std::fs::read(dir.join("model.sig")).unwrap();
    let bundle = mlsec_signing::Bundle::parse(&sig).unwrap();
    let text = String::from_utf8(bundle.payload).unwrap();
    if text.contains("\"name\": \".\"") {
        dir.join("signme-1")
    } else {
        dir.to_path_buf()
    }
}

#[test]
fn every_historical_signature_verifies_offline() {
    let mut failures = Vec::new();
    for d in DIRS {
        let dir = hist(d);
        let sig_path = dir.join("model.sig");
        let sig = std::fs::read(&sig_path).unwrap();
        match verify(&model_of(&dir), &sig, &trust_for(d), &opts(&sig_path)) {
            Ok(v) => assert!(v.resources_checked >= 1),
            Err(e) => failures.push(format!("{d}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn mismatch(r: mlsec_signing::Result<mlsec_signing::Verified>) -> mlsec_signing::Mismatch {
    match r {
        Err(Error::Mismatch(m)) => m,
        other => panic!("expected a mismatch, got {other:?}"),
    }
}

#[test]
fn tampering_is_caught_and_named() {
    for d in [
        "v1.1.0-elliptic-key",
        "v1.1.0-certificate",
        "v1.1.0-sigstore",
        "v0.2.0-certificate",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let m = tmp.path().join("m");
        copy_dir(&hist(d), &m);
        let sig_path = m.join("model.sig");
        let sig = std::fs::read(&sig_path).unwrap();
        let trust = trust_for(d);
        verify(&m, &sig, &trust, &opts(&sig_path)).unwrap();

        // Changed byte.
        let mut b = std::fs::read(m.join("signme-1")).unwrap();
        b[0] ^= 1;
        std::fs::write(m.join("signme-1"), &b).unwrap();
        let mm = mismatch(verify(&m, &sig, &trust, &opts(&sig_path)));
        assert_eq!(mm.changed.len(), 1, "{d}");
        assert_eq!(mm.changed[0].0, "signme-1");
        assert!(mm.to_string().contains("signme-1: signed sha256:"), "{mm}");
        b[0] ^= 1;
        std::fs::write(m.join("signme-1"), &b).unwrap();

        // Added file.
        std::fs::write(m.join("extra.bin"), b"x").unwrap();
        let mm = mismatch(verify(&m, &sig, &trust, &opts(&sig_path)));
        assert_eq!(mm.unsigned, ["extra.bin"], "{d}");
        let o = VerifyOptions {
            ignore_unsigned_files: true,
            ..opts(&sig_path)
        };
        verify(&m, &sig, &trust, &o).unwrap();
        std::fs::remove_file(m.join("extra.bin")).unwrap();

        // Renamed file: one missing, one unsigned.
        std::fs::rename(m.join("signme-2"), m.join("signme-3")).unwrap();
        let mm = mismatch(verify(&m, &sig, &trust, &opts(&sig_path)));
        assert_eq!(
            (mm.missing.as_slice(), mm.unsigned.as_slice()),
            (&["signme-2".to_string()][..], &["signme-3".to_string()][..]),
            "{d}"
        );

        // Removed file.
        std::fs::remove_file(m.join("signme-3")).unwrap();
        let mm = mismatch(verify(&m, &sig, &trust, &opts(&sig_path)));
        assert_eq!(mm.missing, ["signme-2"], "{d}");
    }
}

#[test]
fn swapped_or_altered_signatures_fail() {
    let a = std::fs::read_to_string(hist("v1.1.0-elliptic-key/model.sig")).unwrap();
    let b = std::fs::read_to_string(hist("v1.0.1-elliptic-key/model.sig")).unwrap();
    let sig_of = |s: &str| {
        let v: serde_json::Value = serde_json::from_str(s).unwrap();
        v["dsseEnvelope"]["signatures"][0]["sig"].as_str().unwrap().to_owned()
    };
    let swapped = a.replace(&sig_of(&a), &sig_of(&b));
    let dir = hist("v1.1.0-elliptic-key");
    let sig_path = dir.join("model.sig");
    let e = verify(&dir, swapped.as_bytes(), &key_trust(), &opts(&sig_path)).unwrap_err();
    assert!(matches!(e, Error::Signature(_)), "{e}");

    // A certificate bundle checked with a key, and the wrong identity.
    let c = std::fs::read(hist("v1.1.0-certificate/model.sig")).unwrap();
    let e = verify(&hist("v1.1.0-certificate"), &c, &key_trust(), &opts(&sig_path)).unwrap_err();
    assert!(e.to_string().contains("--certificate-chain"), "{e}");
    let s = std::fs::read(hist("v1.1.0-sigstore/model.sig")).unwrap();
    let wrong = Trust::Sigstore {
        root: Box::new(TrustedRoot::parse(PUBLIC_GOOD_TRUSTED_ROOT, "bundled").unwrap()),
        identity: Some(Identity {
            identity: "mallory@example.com".into(),
            issuer: "https://accounts.google.com".into(),
        }),
    };
    let e = verify(
        &hist("v1.1.0-sigstore"),
        &s,
        &wrong,
        &opts(&hist("v1.1.0-sigstore/model.sig")),
    )
    .unwrap_err();
    assert!(e.to_string().contains("mallory@example.com"), "{e}");

    // An untrusted CA.
    let pem = std::fs::read_to_string(hist("keys/certificate/signing-key-cert.pem")).unwrap();
    let other = Trust::Certificates(certs_from_pem(&pem, "leaf").unwrap()[..0].to_vec());
    let e = verify(
        &hist("v1.1.0-certificate"),
        &c,
        &other,
        &opts(&hist("v1.1.0-certificate/model.sig")),
    )
    .unwrap_err();
    assert!(matches!(e, Error::Signature(_)), "{e}");
}

#[test]
fn oms_spec_vectors_give_the_expected_outcome() {
    let tv = shared().join("oms-spec/test-vectors/v1.0");
    let valid = [
        ("key.bundle.json", "v1.1.0-elliptic-key"),
        ("certificate.bundle.json", "v1.1.0-elliptic-key"),
        ("sigstore.bundle.json", "v1.1.0-sigstore"),
    ];
    for (file, dir) in valid {
        let sig = std::fs::read(tv.join("valid").join(file)).unwrap();
        let model = hist(dir);
        let o = VerifyOptions {
            ignore_unsigned_files: false,
            exclude_files: vec![model.join("model.sig")],
            ignore_paths: vec![],
        };
        let trust = if file.starts_with("certificate") {
            cert_trust()
        } else {
            trust_for(dir)
        };
        verify(&model, &sig, &trust, &o).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    for entry in std::fs::read_dir(tv.join("invalid")).unwrap() {
        let p = entry.unwrap().path();
        let sig = std::fs::read(&p).unwrap();
        let dir = hist("v1.1.0-sigstore");
        let e = verify(&dir, &sig, &sigstore_trust(), &opts(&dir.join("model.sig")));
        assert!(e.is_err(), "{} must be rejected", p.display());
        let e = verify(&dir, &sig, &key_trust(), &opts(&dir.join("model.sig")));
        assert!(e.is_err(), "{} must be rejected", p.display());
    }
    let sig = std::fs::read(tv.join("invalid-payload/wrong-predicate.bundle.json")).unwrap();
    let dir = hist("v1.1.0-elliptic-key");
    // Its payload was changed after signing, so the signature check fails first.
    assert!(verify(&dir, &sig, &key_trust(), &opts(&dir.join("model.sig"))).is_err());
    // A correctly signed statement with a foreign predicate is refused by name.
    let e = mlsec_signing::parse_payload(&mlsec_signing::Bundle::parse(&sig).unwrap().payload).unwrap_err();
    assert!(e.to_string().contains("predicateType"), "{e}");
}
