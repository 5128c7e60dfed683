//! BOMs built end to end: directory and single-file models, with and without
//! datasets, base model and training, in CycloneDX 1.6 and 1.7; every one
//! validated against the official schema and checked for references.

use std::path::Path;

use mlsec_bom::{
    build, check_refs, statement, subject_of, to_json, BomOptions, Error, ModelCardFile, SpecVersion, Timestamp,
};
use mlsec_signing::{hash_model, HashOptions};
use serde_json::{json, Value};

use crate::schema::assert_valid;
use crate::{model_dir, opts, repo_root};

const SPECS: [SpecVersion; 2] = [SpecVersion::V1_6, SpecVersion::V1_7];

/// A card using every section; `reviews` is hashed from a path next to it.
const FULL_CARD: &str = r#"
[model]
name = "tiny-sentiment"
version = "1.2.0"
description = "A tiny sentiment classifier."
license = "Apache-2.0"
authors = ["Ada Lovelace <ada@example.org>", "Example Labs ML team"]
publisher = "Example Labs"
url = "https://huggingface.co/example/tiny-sentiment"

[model_card]
task = "text-classification"
architecture_family = "transformer"
model_architecture = "DistilBERT"
approach = "supervised"
inputs = ["string"]
outputs = ["label"]
users = ["support teams"]
use_cases = ["routing customer reviews"]
technical_limitations = ["English only"]
performance_tradeoffs = ["small and fast, less accurate on sarcasm"]

[[model_card.metrics]]
type = "accuracy"
value = 0.91
slice = "test"
lower_bound = 0.89
upper_bound = "0.93"

[[model_card.ethical_considerations]]
name = "reviews may mention people"
mitigation_strategy = "PII scan before training"

[[model_card.fairness_assessments]]
group_at_risk = "non-native speakers"
harms = "lower accuracy"
mitigation_strategy = "evaluate per language slice"

[[model_card.energy]]
activity = "training"
energy_kwh = 1.5
co2_tco2eq = 0.0004
provider = "Example Cloud"
energy_source = "wind"

[[model_card.energy]]
activity = "inference"
energy_kwh = 0

[base_model]
name = "distilbert-base-uncased"
version = "1.0"
digest = "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
url = "https://huggingface.co/distilbert-base-uncased"
publisher = "Hugging Face"

[[datasets]]
name = "reviews"
version = "2024-04"
description = "Customer reviews, labelled."
path = "data/reviews"
license = "CC-BY-4.0"
url = "https://example.org/datasets/reviews"
classification = "internal"
owners = ["Example Labs"]
custodians = ["Data Team <data@example.org>"]
stewards = ["Grace <grace@example.org>"]

[[datasets.pii]]
entity = "EMAIL_ADDRESS"
count = 12

[[datasets.pii]]
entity = "PERSON"
count = 1

[[datasets]]
name = "sst2"
digest = "0000000000000000000000000000000000000000000000000000000000000001"
contains_pii = false

[training]
name = "fine-tune"
description = "Fine-tune on reviews."
command = "python train.py --epochs 3"
repository = "https://github.com/example/tiny-sentiment"
commit = "0123abc"
started = 2024-04-30T08:00:00Z
ended = "2024-04-30T09:30:00+00:00"

[training.parameters]
epochs = 3
learning_rate = 5e-5
optimizer = "adamw"

[training.properties]
"mlsec:training:gpu" = "1x A100"
"#;

/// Write `text` as `card.toml` in `dir` (with `data/reviews`) and load it.
fn card_in(dir: &Path, text: &str) -> ModelCardFile {
    let data = dir.join("data/reviews");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("train.jsonl"), b"{\"text\": \"great\", \"label\": 1}\n").unwrap();
    std::fs::write(data.join("test.jsonl"), b"{\"text\": \"bad\", \"label\": 0}\n").unwrap();
    let path = dir.join("card.toml");
    std::fs::write(&path, text).unwrap();
    ModelCardFile::load(&path).unwrap()
}

fn checked(model: &Path, card: &ModelCardFile, o: &BomOptions) -> Value {
    let bom = build(model, card, o).unwrap();
    assert_valid(&bom, o.spec);
    assert_eq!(check_refs(&bom), Ok(()));
    // The text round-trips to the same document.
    assert_eq!(serde_json::from_str::<Value>(&to_json(&bom)).unwrap(), bom);
    bom
}

fn props(v: &Value) -> Vec<(String, String)> {
    v["properties"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p["name"].as_str().unwrap().to_owned(),
                        p["value"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn full_card_directory_model() {
    let tmp = tempfile::tempdir().unwrap();
    let model = model_dir(tmp.path());
    let card = card_in(tmp.path(), FULL_CARD);
    let manifest = hash_model(&model, &HashOptions::default()).unwrap();
    let root = manifest.root_digest_hex();
    let reviews_root = hash_model(&tmp.path().join("data/reviews"), &HashOptions::default())
        .unwrap()
        .root_digest_hex();

    for spec in SPECS {
        let bom = checked(&model, &card, &opts(spec));
        assert_eq!(bom["specVersion"], spec.as_str());
        assert_eq!(
            bom["$schema"],
            format!("http://cyclonedx.org/schema/bom-{}.schema.json", spec.as_str())
        );
        assert_eq!(bom["metadata"]["timestamp"], "2024-05-01T12:00:00Z");
        assert_eq!(
            bom["metadata"]["tools"]["components"][0],
            json!({"type": "application", "name": "mlsec", "version": "0.1.0"})
        );

        let m = &bom["metadata"]["component"];
        assert_eq!(m["type"], "machine-learning-model");
        assert_eq!(m["bom-ref"], "model/tiny-sentiment@1.2.0");
        assert_eq!(m["name"], "tiny-sentiment");
        assert_eq!(m["version"], "1.2.0");
        assert_eq!(m["hashes"], json!([{"alg": "SHA-256", "content": root}]));
        assert!(props(m).contains(&("mlsec:oms:root-digest".into(), root.clone())));
        assert_eq!(m["licenses"], json!([{"expression": "Apache-2.0"}]));
        assert_eq!(
            m["authors"],
            json!([{"name": "Ada Lovelace", "email": "ada@example.org"}, {"name": "Example Labs ML team"}])
        );

        // One file component per manifest resource, same digests.
        let files = m["components"].as_array().unwrap();
        assert_eq!(files.len(), 3);
        for (f, r) in files.iter().zip(&manifest.resources) {
            assert_eq!(f["type"], "file");
            assert_eq!(f["name"], r.name.as_str());
            assert_eq!(f["hashes"][0], json!({"alg": "SHA-256", "content": hex(&r.digest)}));
        }
        let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["config.json", "model.safetensors", "tokenizer/vocab.txt"]);

        // Model card.
        let mc = &m["modelCard"];
        assert_eq!(mc["modelParameters"]["approach"]["type"], "supervised");
        assert_eq!(mc["modelParameters"]["task"], "text-classification");
        assert_eq!(
            mc["modelParameters"]["datasets"],
            json!([{"ref": "dataset/reviews@2024-04"}, {"ref": "dataset/sst2"}])
        );
        assert_eq!(mc["modelParameters"]["inputs"], json!([{"format": "string"}]));
        assert_eq!(
            mc["quantitativeAnalysis"]["performanceMetrics"][0],
            json!({"type": "accuracy", "value": "0.91", "slice": "test", "confidenceInterval": {"lowerBound": "0.89", "upperBound": "0.93"}})
        );
        let cons = &mc["considerations"];
        assert_eq!(cons["useCases"], json!(["routing customer reviews"]));
        assert_eq!(
            cons["ethicalConsiderations"][0]["mitigationStrategy"],
            "PII scan before training"
        );
        assert_eq!(cons["fairnessAssessments"][0]["groupAtRisk"], "non-native speakers");
        let energy = &cons["environmentalConsiderations"]["energyConsumptions"];
        assert_eq!(energy[0]["energyProviders"][0]["energySource"], "wind");
        assert_eq!(
            energy[0]["co2CostEquivalent"],
            json!({"value": 0.0004, "unit": "tCO2eq"})
        );
        assert_eq!(energy[1]["energyProviders"], json!([]));

        // Base model in the pedigree, digest lowercased.
        let base = &m["pedigree"]["ancestors"][0];
        assert_eq!(base["bom-ref"], "base-model/distilbert-base-uncased@1.0");
        assert_eq!(
            base["hashes"][0]["content"],
            "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
        );
        assert_eq!(base["externalReferences"][0]["type"], "distribution");

        // Datasets.
        let ds = bom["components"].as_array().unwrap();
        assert_eq!(ds.len(), 2);
        let reviews = &ds[0];
        assert_eq!(reviews["type"], "data");
        assert_eq!(reviews["hashes"][0]["content"], reviews_root.as_str());
        assert_eq!(reviews["licenses"], json!([{"expression": "CC-BY-4.0"}]));
        let data = &reviews["data"][0];
        assert_eq!(data["type"], "dataset");
        assert_eq!(data["classification"], "internal");
        assert_eq!(
            data["sensitiveData"],
            json!(["EMAIL_ADDRESS: 12 occurrences", "PERSON: 1 occurrence"])
        );
        assert_eq!(
            data["governance"]["owners"],
            json!([{"organization": {"name": "Example Labs"}}])
        );
        assert_eq!(
            data["governance"]["custodians"],
            json!([{"contact": {"name": "Data Team", "email": "data@example.org"}}])
        );
        let p = props(reviews);
        assert!(p.contains(&("mlsec:oms:root-digest".into(), reviews_root.clone())));
        assert!(p.contains(&("mlsec:pii:contains".into(), "true".into())));
        assert!(p.contains(&("mlsec:pii:EMAIL_ADDRESS".into(), "12".into())));
        let sst2 = &ds[1];
        assert_eq!(sst2["bom-ref"], "dataset/sst2");
        assert!(sst2["data"][0].get("sensitiveData").is_none());
        assert_eq!(props(sst2), [("mlsec:pii:contains".to_owned(), "false".to_owned())]);

        // Dependencies: model -> base model and datasets; each listed.
        assert_eq!(
            bom["dependencies"],
            json!([
                {"ref": "model/tiny-sentiment@1.2.0", "dependsOn": ["base-model/distilbert-base-uncased@1.0", "dataset/reviews@2024-04", "dataset/sst2"]},
                {"ref": "base-model/distilbert-base-uncased@1.0"},
                {"ref": "dataset/reviews@2024-04"},
                {"ref": "dataset/sst2"},
            ])
        );

        // Training as formulation.
        let wf = &bom["formulation"][0]["workflows"][0];
        assert_eq!(wf["name"], "fine-tune");
        assert_eq!(wf["timeStart"], "2024-04-30T08:00:00Z");
        assert_eq!(wf["timeEnd"], "2024-04-30T09:30:00+00:00");
        let inputs = wf["inputs"].as_array().unwrap();
        assert_eq!(inputs[0], json!({"resource": {"ref": "dataset/reviews@2024-04"}}));
        assert_eq!(
            inputs[2],
            json!({"resource": {"ref": "base-model/distilbert-base-uncased@1.0"}})
        );
        assert_eq!(inputs[3]["parameters"][0], json!({"name": "epochs", "value": "3"}));
        assert_eq!(
            wf["outputs"],
            json!([{"type": "artifact", "resource": {"ref": "model/tiny-sentiment@1.2.0"}}])
        );
        assert_eq!(
            wf["tasks"][0]["steps"][0]["commands"][0]["executed"],
            "python train.py --epochs 3"
        );
        assert_eq!(wf["tasks"][0]["inputs"], wf["inputs"]);
        let wp = props(wf);
        assert!(wp.contains(&("mlsec:training:commit".into(), "0123abc".into())));
        assert!(wp.contains(&("mlsec:training:gpu".into(), "1x A100".into())));
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn single_file_model_with_empty_card() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("classifier.onnx");
    std::fs::write(&file, b"\x08\x07onnx-ish bytes").unwrap();
    let manifest = hash_model(&file, &HashOptions::default()).unwrap();
    assert_eq!(manifest.resources[0].name, ".");
    for spec in SPECS {
        let bom = checked(&file, &ModelCardFile::default(), &opts(spec));
        let m = &bom["metadata"]["component"];
        assert_eq!(m["name"], "classifier.onnx");
        assert_eq!(m["bom-ref"], "model/classifier.onnx");
        assert!(m.get("version").is_none() && m.get("modelCard").is_none() && m.get("pedigree").is_none());
        assert_eq!(
            m["components"],
            json!([{
                "type": "file",
                "bom-ref": "model/classifier.onnx/file/classifier.onnx",
                "name": "classifier.onnx",
                "hashes": [{"alg": "SHA-256", "content": hex(&manifest.resources[0].digest)}],
            }])
        );
        assert_eq!(m["hashes"][0]["content"], manifest.root_digest_hex());
        assert!(bom.get("components").is_none() && bom.get("formulation").is_none());
        assert_eq!(bom["dependencies"], json!([{"ref": "model/classifier.onnx"}]));
        assert_eq!(
            subject_of(&bom),
            Some(("classifier.onnx", manifest.root_digest_hex().as_str()))
        );
    }
}

#[test]
fn single_file_model_with_datasets_but_no_base_model_or_training() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("weights.bin");
    std::fs::write(&file, [7u8; 100]).unwrap();
    let text =
        "[model]\nname = \"w\"\n\n[[datasets]]\nname = \"reviews\"\npath = \"data/reviews\"\ncontains_pii = true\n";
    let card = card_in(tmp.path(), text);
    for spec in SPECS {
        let bom = checked(&file, &card, &opts(spec));
        assert_eq!(
            bom["metadata"]["component"]["modelCard"],
            json!({"modelParameters": {"datasets": [{"ref": "dataset/reviews"}]}})
        );
        assert_eq!(
            bom["components"][0]["data"][0]["sensitiveData"],
            json!(["personal data (kinds not listed)"])
        );
        assert_eq!(
            bom["dependencies"][0],
            json!({"ref": "model/w", "dependsOn": ["dataset/reviews"]})
        );
        assert!(bom.get("formulation").is_none());
    }
}

#[test]
fn base_model_and_training_without_datasets() {
    let tmp = tempfile::tempdir().unwrap();
    let model = model_dir(tmp.path());
    let base = tmp.path().join("base.bin");
    std::fs::write(&base, b"base weights").unwrap();
    let base_root = hash_model(&base, &HashOptions::default()).unwrap().root_digest_hex();
    let text = format!(
        "[base_model]\nname = \"base\"\npath = \"base.bin\"\ndigest = \"{}\"\n\n[training]\ncommand = \"make train\"\n",
        base_root.to_uppercase()
    );
    let card = card_in(tmp.path(), &text);
    for spec in SPECS {
        let bom = checked(&model, &card, &opts(spec));
        let anc = &bom["metadata"]["component"]["pedigree"]["ancestors"][0];
        assert_eq!(anc["hashes"][0]["content"], base_root.as_str());
        assert_eq!(props(anc), [("mlsec:oms:root-digest".to_owned(), base_root.clone())]);
        let wf = &bom["formulation"][0]["workflows"][0];
        assert_eq!(wf["name"], "training");
        assert_eq!(wf["inputs"], json!([{"resource": {"ref": "base-model/base"}}]));
        assert_eq!(
            bom["dependencies"][0],
            json!({"ref": "model/tiny-model", "dependsOn": ["base-model/base"]})
        );
    }
}

#[test]
fn declared_digest_must_match_the_path() {
    let tmp = tempfile::tempdir().unwrap();
    let model = model_dir(tmp.path());
    let text = format!(
        "[[datasets]]\nname = \"reviews\"\npath = \"data/reviews\"\ndigest = \"{}\"\n",
        "ab".repeat(32)
    );
    let card = card_in(tmp.path(), &text);
    let err = build(&model, &card, &opts(SpecVersion::V1_6)).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(&err, Error::Card { key, .. } if key == "datasets[0].digest"),
        "{msg}"
    );
    assert!(
        msg.contains("differs from the digest of") && msg.contains("card.toml"),
        "{msg}"
    );

    let card = card_in(tmp.path(), "[[datasets]]\nname = \"gone\"\npath = \"data/missing\"\n");
    let err = build(&model, &card, &opts(SpecVersion::V1_6)).unwrap_err();
    assert!(
        matches!(&err, Error::Hash { what, .. } if what.contains("dataset `gone`")),
        "{err}"
    );
    assert!(err.to_string().contains("data/missing"), "{err}");
}

#[test]
fn output_is_reproducible_and_serial_follows_content() {
    let tmp = tempfile::tempdir().unwrap();
    let model = model_dir(tmp.path());
    let card = card_in(tmp.path(), FULL_CARD);
    let o = opts(SpecVersion::V1_6);
    let a = to_json(&build(&model, &card, &o).unwrap());
    let b = to_json(&build(&model, &card, &o).unwrap());
    assert_eq!(a, b);
    assert!(a.starts_with("{\n  \"$schema\": \"http://cyclonedx.org/schema/bom-1.6.schema.json\",\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n  \"serialNumber\": \"urn:uuid:"), "{a}");
    let serial = |t: &str| {
        serde_json::from_str::<Value>(t).unwrap()["serialNumber"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    // Another timestamp: same serial number (it names the content).
    let other_time = BomOptions {
        timestamp: Timestamp::At("2025-01-01T00:00:00+01:00".into()),
        ..o.clone()
    };
    let c = to_json(&build(&model, &card, &other_time).unwrap());
    assert_ne!(a, c);
    assert_eq!(serial(&a), serial(&c));

    // No timestamp at all.
    let omit = BomOptions {
        timestamp: Timestamp::Omit,
        ..o.clone()
    };
    let bom = build(&model, &card, &omit).unwrap();
    assert!(bom["metadata"].get("timestamp").is_none());
    assert_valid(&bom, SpecVersion::V1_6);
    assert_eq!(serial(&to_json(&bom)), serial(&a));

    // The current time is valid too.
    let now = build(&model, &card, &BomOptions::new("0.1.0")).unwrap();
    assert_valid(&now, SpecVersion::V1_6);

    // Other content, other serial: a changed file, another spec version.
    std::fs::write(model.join("config.json"), b"{}").unwrap();
    let d = to_json(&build(&model, &card, &o).unwrap());
    assert_ne!(serial(&a), serial(&d));
    let e = to_json(&build(&model, &card, &opts(SpecVersion::V1_7)).unwrap());
    assert_ne!(serial(&d), serial(&e));
}

#[test]
fn bad_options_are_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let model = model_dir(tmp.path());
    let o = BomOptions {
        timestamp: Timestamp::At("2024-05-01 12:00".into()),
        ..opts(SpecVersion::V1_6)
    };
    let err = build(&model, &ModelCardFile::default(), &o).unwrap_err();
    assert!(matches!(err, Error::Option { name: "timestamp", .. }), "{err}");
    let o = BomOptions {
        tool_version: String::new(),
        ..opts(SpecVersion::V1_6)
    };
    assert!(build(&model, &ModelCardFile::default(), &o).is_err());
    let err = build(
        &tmp.path().join("nope"),
        &ModelCardFile::default(),
        &opts(SpecVersion::V1_6),
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Hash { what, .. } if what.starts_with("the model")),
        "{err}"
    );
}

#[test]
fn cards_edited_in_memory_are_checked_by_build() {
    let tmp = tempfile::tempdir().unwrap();
    let model = model_dir(tmp.path());
    let mut card = ModelCardFile::default();
    card.datasets.push(mlsec_bom::Dataset {
        name: "d".into(),
        digest: Some("xyz".into()),
        ..Default::default()
    });
    let err = build(&model, &card, &opts(SpecVersion::V1_6)).unwrap_err().to_string();
    assert!(err.starts_with("`<card>`: `datasets[0].digest`: "), "{err}");
}

#[test]
fn check_refs_catches_dangling_and_duplicate_refs() {
    let tmp = tempfile::tempdir().unwrap();
    let model = model_dir(tmp.path());
    let card = card_in(tmp.path(), FULL_CARD);
    let bom = build(&model, &card, &opts(SpecVersion::V1_7)).unwrap();
    assert_eq!(check_refs(&bom), Ok(()));

    // A dangling dependsOn, modelCard dataset ref and formulation input.
    let mut dangling = bom.clone();
    dangling["dependencies"][0]["dependsOn"]
        .as_array_mut()
        .unwrap()
        .push(json!("dataset/missing"));
    dangling["metadata"]["component"]["modelCard"]["modelParameters"]["datasets"][0]["ref"] = json!("dataset/gone");
    dangling["formulation"][0]["workflows"][0]["outputs"][0]["resource"]["ref"] = json!("model/other");
    let errs = check_refs(&dangling).unwrap_err();
    assert_eq!(errs.len(), 3, "{errs:#?}");
    assert!(
        errs.iter()
            .any(|e| e.contains("`dataset/missing` at `/dependencies/0/dependsOn/3`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("`dataset/gone` at `/metadata/component/modelCard/modelParameters/datasets/0/ref`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("`model/other` at `/formulation/0/workflows/0/outputs/0/resource/ref`")),
        "{errs:#?}"
    );

    // A duplicate bom-ref: a dataset reusing the model's.
    let mut dup = bom.clone();
    dup["components"][1]["bom-ref"] = json!("model/tiny-sentiment@1.2.0");
    let errs = check_refs(&dup).unwrap_err();
    assert!(
        errs.iter().any(|e| e.contains(
            "bom-ref `model/tiny-sentiment@1.2.0` is defined 2 times, at `/components/1`, `/metadata/component`"
        )),
        "{errs:#?}"
    );
    // ... which also leaves the old dataset ref dangling.
    assert!(errs.iter().any(|e| e.contains("`dataset/sst2`")), "{errs:#?}");
}

#[test]
fn statement_wraps_the_bom_for_signing() {
    let tmp = tempfile::tempdir().unwrap();
    let model = model_dir(tmp.path());
    let bom = build(&model, &ModelCardFile::default(), &opts(SpecVersion::V1_6)).unwrap();
    let (name, root) = subject_of(&bom).unwrap();
    let payload = statement(&bom, name, root);
    let st: Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(st["_type"], "https://in-toto.io/Statement/v1");
    assert_eq!(st["predicateType"], mlsec_bom::BOM_PREDICATE_TYPE);
    assert_eq!(
        st["subject"],
        json!([{"name": "tiny-model", "digest": {"sha256": root}}])
    );
    assert_eq!(st["predicate"], bom);
    assert_eq!(payload, statement(&bom, name, root));
    // It signs, and the bundle verifies and carries it unchanged.
    let key = mlsec_signing::load_private_key(TEST_KEY, None, "test key").unwrap();
    let public = key.public_key();
    let bundle = mlsec_signing::sign_payload(payload.clone(), &mlsec_signing::Signer::Key(key));
    let parsed = mlsec_signing::Bundle::parse(&bundle.to_json()).unwrap();
    assert_eq!(parsed.payload, payload);
    mlsec_signing::verify_envelope(&parsed, &mlsec_signing::Trust::Key(public)).unwrap();
}

/// A throwaway P-256 key made for this test only (`openssl genpkey`).
const TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8HFSfnhuG3ltYJQ8
Ypp1l+qrLrhNL3GiUP7/fdLedIChRANCAARZkVmwoc76J4BzGf6fELoohohnGqjg
+y6MSVnzNq0fi/Idk/9Y3oQGZ20teY+jVdy4ZFUguQm2YHDF6FAWa8G7
-----END PRIVATE KEY-----
";

#[test]
fn card_file_errors_name_file_line_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("model-card.toml");
    std::fs::write(&path, "[model]\nname = \"m\"\n\n[[datasets]]\nname = \"d\"\nsize = 3\n").unwrap();
    let err = ModelCardFile::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("model-card.toml`:6:1: in `datasets`: unknown field `size`"),
        "{err}"
    );
    assert!(err.ends_with("see docs/bom.md for the card format"), "{err}");
    let err = ModelCardFile::load(&tmp.path().join("absent.toml")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
}

#[test]
fn example_card_builds_a_valid_bom() {
    let dir = repo_root().join("examples/bom");
    let card = ModelCardFile::load(&dir.join("model-card.toml")).unwrap();
    for spec in SPECS {
        let bom = checked(&dir.join("model"), &card, &opts(spec));
        assert!(bom["components"].as_array().is_some_and(|d| !d.is_empty()));
        assert!(bom.get("formulation").is_some());
    }
}
