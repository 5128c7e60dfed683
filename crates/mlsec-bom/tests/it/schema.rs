//! Offline validation against the official CycloneDX schemas in
//! `shared/schemas/cyclonedx/`. Their `$ref`s to `spdx.schema.json` and
//! `jsf-0.82.schema.json` are served from that folder. 1.7 also refers to
//! `cryptography-defs.schema.json`, which the folder does not hold; it only
//! types `cryptoProperties` (never written by mlsec), so a permissive
//! stand-in is served for it. Formats (`date-time`, `iri-reference`,
//! `idn-email`) are validated too.

use std::path::PathBuf;

use jsonschema::{Retrieve, Uri, Validator};
use mlsec_bom::SpecVersion;
use serde_json::{json, Value};

use crate::shared_dir;

fn schema_dir() -> PathBuf {
    shared_dir().join("schemas/cyclonedx")
}

struct SharedFolder;

impl Retrieve for SharedFolder {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let path = uri.path().as_str();
        let file = path.rsplit('/').next().unwrap_or(path);
        if file == "cryptography-defs.schema.json" {
            return Ok(json!({
                "$schema": "http://json-schema.org/draft-07/schema#",
                "definitions": { "algorithmFamiliesEnum": {}, "ellipticCurvesEnum": {} }
            }));
        }
        let text = std::fs::read_to_string(schema_dir().join(file)).map_err(|e| format!("{uri}: {e}"))?;
        Ok(serde_json::from_str(&text)?)
    }
}

/// A validator of the given CycloneDX version.
pub fn validator(spec: SpecVersion) -> Validator {
    let path = schema_dir().join(format!("bom-{}.schema.json", spec.as_str()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_retriever(SharedFolder)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Panic with every schema error if `bom` is not valid.
pub fn assert_valid(bom: &Value, spec: SpecVersion) {
    let v = validator(spec);
    let errors: Vec<String> = v
        .iter_errors(bom)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "BOM is not valid CycloneDX {}:\n{}\n\n{}",
        spec.as_str(),
        errors.join("\n"),
        mlsec_bom::to_json(bom)
    );
}

#[test]
fn the_validator_rejects_what_it_should() {
    for spec in [SpecVersion::V1_6, SpecVersion::V1_7] {
        let v = validator(spec);
        let ok = json!({"bomFormat": "CycloneDX", "specVersion": spec.as_str()});
        assert!(v.is_valid(&ok));
        let bad = [
            json!({"bomFormat": "CycloneDX", "specVersion": spec.as_str(), "extra": 1}),
            json!({"bomFormat": "CycloneDX", "specVersion": spec.as_str(), "metadata": {"timestamp": "yesterday"}}),
            json!({"bomFormat": "CycloneDX", "specVersion": spec.as_str(), "components": [{"type": "data", "name": "d", "licenses": [{"license": {"id": "Not-A-Real-SPDX-Id"}}]}]}),
            json!({"bomFormat": "CycloneDX", "specVersion": spec.as_str(), "components": [{"type": "machine-learning-model", "name": "m", "modelCard": {"modelParameters": {"approach": {"type": "magic"}}}}]}),
        ];
        for b in bad {
            assert!(!v.is_valid(&b), "{b}");
        }
    }
}
