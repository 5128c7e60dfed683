//! Integration tests of `mlsec-bom`: BOMs built from temporary models and
//! cards, validated against the official CycloneDX 1.6 and 1.7 JSON schemas
//! read in place from the shared schema folder (offline), plus reference
//! checks, reproducibility, the in-toto statement and the example card.

mod bom;
mod schema;

use std::path::{Path, PathBuf};

use mlsec_bom::{BomOptions, SpecVersion, Timestamp};

/// The repository root (two levels above this crate), found at run time.
pub fn repo_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    Path::new(&manifest).join("../..")
}

/// `/work/shared` next to the checkout.
pub fn shared_dir() -> PathBuf {
    repo_root().join("../shared")
}

/// Fixed options for reproducible output.
pub fn opts(spec: SpecVersion) -> BomOptions {
    BomOptions {
        spec,
        timestamp: Timestamp::At("2024-05-01T12:00:00Z".into()),
        tool_version: "0.1.0".into(),
    }
}

/// A model directory with several files (one nested), in a temporary dir.
pub fn model_dir(root: &Path) -> PathBuf {
    let m = root.join("tiny-model");
    std::fs::create_dir_all(m.join("tokenizer")).unwrap();
    std::fs::write(m.join("config.json"), br#"{"hidden_size": 8}"#).unwrap();
    std::fs::write(m.join("model.safetensors"), [0u8, 1, 2, 3, 4, 5, 6, 7]).unwrap();
    std::fs::write(m.join("tokenizer/vocab.txt"), b"[PAD]\n[UNK]\nhello\n").unwrap();
    m
}
