//! Embed the gitleaks default rules (MIT) as the built-in secret rules. They
//! are read at build time from the shared reference folder next to the
//! repository (`../shared/rules/gitleaks/gitleaks.toml`) or from the file
//! named by `MLSEC_GITLEAKS_TOML`, and are not kept in this repository. A
//! build without them still works: the built-in set is then empty and
//! `mlsec scan` says so.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=MLSEC_GITLEAKS_TOML");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("MLSEC_GITLEAKS_TOML").map(PathBuf::from),
        Some(manifest.join("../../../shared/rules/gitleaks/gitleaks.toml")),
    ];
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("gitleaks.toml");
    for c in candidates.into_iter().flatten() {
        println!("cargo:rerun-if-changed={}", c.display());
        if let Ok(text) = std::fs::read_to_string(&c) {
            std::fs::write(&out, text).expect("write OUT_DIR/gitleaks.toml");
            return;
        }
    }
    println!(
        "cargo:warning=gitleaks default rules not found (set MLSEC_GITLEAKS_TOML); built-in secret rules will be empty"
    );
    std::fs::write(&out, "").expect("write OUT_DIR/gitleaks.toml");
}
