//! Fuzz everything `mlsec verify` reads from an untrusted signature: the
//! bundle JSON, the in-toto statement, certificates in it, and a keyless
//! verification against the bundled trust root (must fail cleanly, never panic).
#![no_main]
use libfuzzer_sys::fuzz_target;
use mlsec_signing::{parse_payload, Bundle, Cert, Material, TrustedRoot, Trust, PUBLIC_GOOD_TRUSTED_ROOT};

fuzz_target!(|data: &[u8]| {
    let _ = parse_payload(data);
    let _ = Cert::from_der(data, "fuzz");
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = mlsec_signing::load_public_key(text, "fuzz");
        let _ = mlsec_signing::load_private_key(text, Some(b"pw"), "fuzz");
        let _ = TrustedRoot::parse(text, "fuzz");
    }
    if let Ok(b) = Bundle::parse(data) {
        let _ = parse_payload(&b.payload);
        if let Material::Certificate(_) | Material::Chain(_) = b.material {
            let root = TrustedRoot::parse(PUBLIC_GOOD_TRUSTED_ROOT, "bundled").unwrap();
            let trust = Trust::Sigstore { root: Box::new(root), identity: None };
            let _ = mlsec_signing::verify_envelope(&b, &trust);
        }
    }
});
