//! Fuzz the OpenLineage event validator that guards `POST /api/v1/lineage`:
//! any bytes, parsed as JSON, must validate or fail with a message, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        if let Err(e) = mlsec_registry::openlineage::validate(&v) {
            assert!(!e.to_string().is_empty());
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = mlsec_registry::normalize_digest(text);
    }
});
