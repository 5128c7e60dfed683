//! The CycloneDX document: the model (`metadata.component`, type
//! `machine-learning-model`) with its files as nested `file` components,
//! its `modelCard` and `pedigree`; datasets as `data` components; the
//! training run as `formulation`; `dependencies` from the model to its
//! datasets and base model.
//!
//! Hashing goes through `mlsec_signing::hash_model`, so the digests here are
//! the ones `mlsec sign` signs. The document is built without
//! `serialNumber` and `timestamp` first; the serial number is then derived
//! from its bytes.

use std::path::Path;

use mlsec_signing::{hash_model, HashOptions, Manifest};
use serde_json::{json, Map, Value};
use sha2::Digest as _;

use crate::card::{parse_party, Dataset, ModelCardFile};
use crate::error::{Error, Result};
use crate::time::{check_rfc3339, now_utc};
use crate::{BomOptions, Timestamp, ROOT_DIGEST_PROPERTY};

/// `bom-ref` prefixes; each kind of object has its own, so they never clash.
const MODEL: &str = "model/";
const BASE: &str = "base-model/";
const DATASET: &str = "dataset/";

pub(crate) fn build(model_path: &Path, card: &ModelCardFile, opts: &BomOptions) -> Result<Value> {
    card.check()?;
    let timestamp = match &opts.timestamp {
        Timestamp::Now => Some(now_utc()),
        Timestamp::At(t) => {
            check_rfc3339(t).map_err(|why| Error::Option {
                name: "timestamp",
                reason: format!("`{t}` {why}"),
            })?;
            Some(t.clone())
        }
        Timestamp::Omit => None,
    };
    if opts.tool_version.trim().is_empty() {
        return Err(Error::Option {
            name: "tool_version",
            reason: "is empty; pass the mlsec version".into(),
        });
    }

    let manifest = hash(model_path, || format!("the model `{}`", model_path.display()))?;
    let root = manifest.root_digest_hex();
    let name = card.model.name.clone().unwrap_or_else(|| manifest.model_name.clone());
    let model_ref = reference(MODEL, &name, card.model.version.as_deref());

    let base = card.base_model.as_ref().map(|b| base_model(card, b)).transpose()?;
    let mut datasets = Vec::new();
    for (i, d) in card.datasets.iter().enumerate() {
        datasets.push(dataset(card, i, d)?);
    }
    let base_ref = base.as_ref().map(|b| b["bom-ref"].clone());
    let dataset_refs: Vec<Value> = datasets.iter().map(|d| d["bom-ref"].clone()).collect();

    let mut model = Map::new();
    model.insert("type".into(), json!("machine-learning-model"));
    model.insert("bom-ref".into(), json!(model_ref));
    model.insert("name".into(), json!(name));
    let m = &card.model;
    put(&mut model, "version", m.version.as_ref().map(|v| json!(v)));
    put(&mut model, "description", m.description.as_ref().map(|v| json!(v)));
    put(&mut model, "publisher", m.publisher.as_ref().map(|v| json!(v)));
    if !m.authors.is_empty() {
        let authors: Vec<Value> = m.authors.iter().map(|a| contact(a)).collect();
        model.insert("authors".into(), json!(authors));
    }
    put(
        &mut model,
        "licenses",
        m.license.as_ref().map(|l| json!([{ "expression": l }])),
    );
    model.insert("hashes".into(), json!([{ "alg": "SHA-256", "content": root }]));
    put(
        &mut model,
        "externalReferences",
        m.url.as_ref().map(|u| json!([{ "type": "website", "url": u }])),
    );
    model.insert(
        "components".into(),
        Value::Array(files(model_path, &model_ref, &manifest)),
    );
    put(&mut model, "modelCard", model_card(card, &dataset_refs));
    put(&mut model, "pedigree", base.map(|b| json!({ "ancestors": [b] })));
    model.insert(
        "properties".into(),
        json!([
            prop(ROOT_DIGEST_PROPERTY, &root),
            prop("mlsec:oms:hash", "sha256"),
            prop("mlsec:oms:method", "files"),
        ]),
    );

    let mut dependencies = Vec::new();
    let mut depends_on: Vec<Value> = base_ref.iter().cloned().collect();
    depends_on.extend(dataset_refs.iter().cloned());
    dependencies.push(if depends_on.is_empty() {
        json!({ "ref": model_ref })
    } else {
        json!({ "ref": model_ref, "dependsOn": depends_on })
    });
    for r in base_ref.iter().chain(&dataset_refs) {
        dependencies.push(json!({ "ref": r }));
    }

    let mut bom = Map::new();
    bom.insert(
        "$schema".into(),
        json!(format!(
            "http://cyclonedx.org/schema/bom-{}.schema.json",
            opts.spec.as_str()
        )),
    );
    bom.insert("bomFormat".into(), json!("CycloneDX"));
    bom.insert("specVersion".into(), json!(opts.spec.as_str()));
    bom.insert("version".into(), json!(1));
    bom.insert(
        "metadata".into(),
        json!({
            "tools": { "components": [{ "type": "application", "name": "mlsec", "version": opts.tool_version }] },
            "component": Value::Object(model),
        }),
    );
    if !datasets.is_empty() {
        bom.insert("components".into(), Value::Array(datasets));
    }
    bom.insert("dependencies".into(), Value::Array(dependencies));
    if let Some(t) = &card.training {
        bom.insert(
            "formulation".into(),
            formulation(t, &model_ref, base_ref.as_ref(), &dataset_refs),
        );
    }

    // The serial number names the content: everything but the timestamp.
    let mut bom = Value::Object(bom);
    let serial = serial_number(&crate::json::pretty(&bom));
    bom["serialNumber"] = json!(serial);
    if let Some(t) = timestamp {
        bom["metadata"]["timestamp"] = json!(t);
    }
    crate::refs::check_refs(&bom).map_err(Error::References)?;
    Ok(bom)
}

fn hash(path: &Path, what: impl FnOnce() -> String) -> Result<Manifest> {
    hash_model(path, &HashOptions::default()).map_err(|source| Error::Hash { what: what(), source })
}

/// `prefix` + name (+ `@version`).
fn reference(prefix: &str, name: &str, version: Option<&str>) -> String {
    match version {
        Some(v) => format!("{prefix}{name}@{v}"),
        None => format!("{prefix}{name}"),
    }
}

fn put(map: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        map.insert(key.into(), v);
    }
}

fn prop(name: &str, value: &str) -> Value {
    json!({ "name": name, "value": value })
}

/// An `organizationalContact` from `Name` or `Name <email>` (checked by the card).
fn contact(s: &str) -> Value {
    match parse_party(s) {
        Ok((name, Some(email))) => json!({ "name": name, "email": email }),
        Ok((name, None)) => json!({ "name": name }),
        Err(_) => json!({ "name": s }),
    }
}

/// A data governance party: a person with an e-mail, else an organization.
fn party(s: &str) -> Value {
    match parse_party(s) {
        Ok((name, Some(email))) => json!({ "contact": { "name": name, "email": email } }),
        Ok((name, None)) => json!({ "organization": { "name": name } }),
        Err(_) => json!({ "organization": { "name": s } }),
    }
}

/// CycloneDX name of a manifest resource algorithm.
fn alg_name(oms: &str) -> &'static str {
    match oms {
        "blake2b" => "BLAKE2b-512",
        "blake3" => "BLAKE3",
        _ => "SHA-256",
    }
}

/// One `file` component per manifest resource; a single-file model's
/// resource (named `.`) takes the file's name.
fn files(model_path: &Path, model_ref: &str, manifest: &Manifest) -> Vec<Value> {
    manifest
        .resources
        .iter()
        .map(|r| {
            let name = if r.name == "." {
                model_path
                    .file_name()
                    .map_or_else(|| manifest.model_name.clone(), |n| n.to_string_lossy().into_owned())
            } else {
                r.name.clone()
            };
            json!({
                "type": "file",
                "bom-ref": format!("{model_ref}/file/{name}"),
                "name": name,
                "hashes": [{ "alg": alg_name(&r.algorithm), "content": hex::encode(&r.digest) }],
            })
        })
        .collect()
}

/// The digest of a dataset or base model: computed from `path`, checked
/// against a declared `digest`. Returns the digest and whether it was computed.
fn digest_of(
    card: &ModelCardFile,
    key: &str,
    what: &str,
    path: Option<&Path>,
    declared: Option<&str>,
) -> Result<Option<(String, bool)>> {
    let Some(path) = path else {
        return Ok(declared.map(|d| (d.to_ascii_lowercase(), false)));
    };
    let full = card.resolve(path);
    let root = hash(&full, || format!("{what} at `{}`", full.display()))?.root_digest_hex();
    if let Some(d) = declared {
        if !d.eq_ignore_ascii_case(&root) {
            return Err(Error::card(
                card.origin(),
                format!("{key}.digest"),
                format!(
                    "`{d}` differs from the digest of `{}` ({root}); fix or remove `digest`",
                    full.display()
                ),
            ));
        }
    }
    Ok(Some((root, true)))
}

fn base_model(card: &ModelCardFile, b: &crate::card::BaseModel) -> Result<Value> {
    let mut c = Map::new();
    c.insert("type".into(), json!("machine-learning-model"));
    c.insert("bom-ref".into(), json!(reference(BASE, &b.name, b.version.as_deref())));
    c.insert("name".into(), json!(b.name));
    put(&mut c, "version", b.version.as_ref().map(|v| json!(v)));
    put(&mut c, "publisher", b.publisher.as_ref().map(|v| json!(v)));
    let digest = digest_of(
        card,
        "base_model",
        &format!("base model `{}`", b.name),
        b.path.as_deref(),
        b.digest.as_deref(),
    )?;
    if let Some((d, computed)) = &digest {
        c.insert("hashes".into(), json!([{ "alg": "SHA-256", "content": d }]));
        if *computed {
            c.insert("properties".into(), json!([prop(ROOT_DIGEST_PROPERTY, d)]));
        }
    }
    put(
        &mut c,
        "externalReferences",
        b.url.as_ref().map(|u| json!([{ "type": "distribution", "url": u }])),
    );
    Ok(Value::Object(c))
}

fn dataset(card: &ModelCardFile, i: usize, d: &Dataset) -> Result<Value> {
    let mut c = Map::new();
    c.insert("type".into(), json!("data"));
    c.insert(
        "bom-ref".into(),
        json!(reference(DATASET, &d.name, d.version.as_deref())),
    );
    c.insert("name".into(), json!(d.name));
    put(&mut c, "version", d.version.as_ref().map(|v| json!(v)));
    put(&mut c, "description", d.description.as_ref().map(|v| json!(v)));
    let key = format!("datasets[{i}]");
    let digest = digest_of(
        card,
        &key,
        &format!("dataset `{}`", d.name),
        d.path.as_deref(),
        d.digest.as_deref(),
    )?;
    let mut props = Vec::new();
    if let Some((digest, computed)) = &digest {
        c.insert("hashes".into(), json!([{ "alg": "SHA-256", "content": digest }]));
        if *computed {
            props.push(prop(ROOT_DIGEST_PROPERTY, digest));
        }
    }
    put(
        &mut c,
        "licenses",
        d.license.as_ref().map(|l| json!([{ "expression": l }])),
    );
    put(
        &mut c,
        "externalReferences",
        d.url.as_ref().map(|u| json!([{ "type": "distribution", "url": u }])),
    );

    let mut data = Map::new();
    data.insert("type".into(), json!("dataset"));
    data.insert("name".into(), json!(d.name));
    put(&mut data, "description", d.description.as_ref().map(|v| json!(v)));
    put(&mut data, "contents", d.url.as_ref().map(|u| json!({ "url": u })));
    put(&mut data, "classification", d.classification.as_ref().map(|v| json!(v)));
    let contains_pii = d.contains_pii.unwrap_or(false) || !d.pii.is_empty();
    if contains_pii {
        let sensitive: Vec<Value> = if d.pii.is_empty() {
            vec![json!("personal data (kinds not listed)")]
        } else {
            d.pii
                .iter()
                .map(|p| {
                    json!(format!(
                        "{}: {} occurrence{}",
                        p.entity,
                        p.count,
                        if p.count == 1 { "" } else { "s" }
                    ))
                })
                .collect()
        };
        data.insert("sensitiveData".into(), Value::Array(sensitive));
    }
    let mut governance = Map::new();
    for (k, list) in [
        ("owners", &d.owners),
        ("custodians", &d.custodians),
        ("stewards", &d.stewards),
    ] {
        if !list.is_empty() {
            governance.insert(k.into(), Value::Array(list.iter().map(|p| party(p)).collect()));
        }
    }
    if !governance.is_empty() {
        data.insert("governance".into(), Value::Object(governance));
    }
    c.insert("data".into(), json!([Value::Object(data)]));

    if let Some(known) = d.contains_pii.or((!d.pii.is_empty()).then_some(true)) {
        props.push(prop("mlsec:pii:contains", if known { "true" } else { "false" }));
    }
    for p in &d.pii {
        props.push(prop(&format!("mlsec:pii:{}", p.entity), &p.count.to_string()));
    }
    if !props.is_empty() {
        c.insert("properties".into(), Value::Array(props));
    }
    Ok(Value::Object(c))
}

fn non_empty(v: &[String]) -> Option<Value> {
    (!v.is_empty()).then(|| json!(v))
}

fn model_card(card: &ModelCardFile, dataset_refs: &[Value]) -> Option<Value> {
    let mc = &card.model_card;
    let mut params = Map::new();
    put(
        &mut params,
        "approach",
        mc.approach.map(|a| json!({ "type": a.as_str() })),
    );
    put(&mut params, "task", mc.task.as_ref().map(|v| json!(v)));
    put(
        &mut params,
        "architectureFamily",
        mc.architecture_family.as_ref().map(|v| json!(v)),
    );
    put(
        &mut params,
        "modelArchitecture",
        mc.model_architecture.as_ref().map(|v| json!(v)),
    );
    if !dataset_refs.is_empty() {
        let refs: Vec<Value> = dataset_refs.iter().map(|r| json!({ "ref": r })).collect();
        params.insert("datasets".into(), Value::Array(refs));
    }
    let formats =
        |v: &[String]| (!v.is_empty()).then(|| Value::Array(v.iter().map(|f| json!({ "format": f })).collect()));
    put(&mut params, "inputs", formats(&mc.inputs));
    put(&mut params, "outputs", formats(&mc.outputs));

    let mut out = Map::new();
    if !params.is_empty() {
        out.insert("modelParameters".into(), Value::Object(params));
    }
    if !mc.metrics.is_empty() {
        let metrics: Vec<Value> = mc
            .metrics
            .iter()
            .map(|m| {
                let mut o = Map::new();
                o.insert("type".into(), json!(m.kind));
                o.insert("value".into(), json!(m.value.0));
                put(&mut o, "slice", m.slice.as_ref().map(|v| json!(v)));
                let mut ci = Map::new();
                put(&mut ci, "lowerBound", m.lower_bound.as_ref().map(|v| json!(v.0)));
                put(&mut ci, "upperBound", m.upper_bound.as_ref().map(|v| json!(v.0)));
                if !ci.is_empty() {
                    o.insert("confidenceInterval".into(), Value::Object(ci));
                }
                Value::Object(o)
            })
            .collect();
        out.insert("quantitativeAnalysis".into(), json!({ "performanceMetrics": metrics }));
    }

    let mut cons = Map::new();
    put(&mut cons, "users", non_empty(&mc.users));
    put(&mut cons, "useCases", non_empty(&mc.use_cases));
    put(&mut cons, "technicalLimitations", non_empty(&mc.technical_limitations));
    put(&mut cons, "performanceTradeoffs", non_empty(&mc.performance_tradeoffs));
    if !mc.ethical_considerations.is_empty() {
        let risks: Vec<Value> = mc
            .ethical_considerations
            .iter()
            .map(|r| {
                let mut o = Map::new();
                o.insert("name".into(), json!(r.name));
                put(
                    &mut o,
                    "mitigationStrategy",
                    r.mitigation_strategy.as_ref().map(|v| json!(v)),
                );
                Value::Object(o)
            })
            .collect();
        cons.insert("ethicalConsiderations".into(), Value::Array(risks));
    }
    if !mc.energy.is_empty() {
        let uses: Vec<Value> = mc
            .energy
            .iter()
            .map(|e| {
                let kwh = json!({ "value": e.energy_kwh, "unit": "kWh" });
                let providers: Vec<Value> = e
                    .provider
                    .iter()
                    .map(|p| {
                        json!({
                            "organization": { "name": p },
                            "energySource": e.energy_source.map_or("unknown", |s| s.as_str()),
                            "energyProvided": kwh,
                        })
                    })
                    .collect();
                let mut o = Map::new();
                o.insert("activity".into(), json!(e.activity.as_str()));
                o.insert("energyProviders".into(), Value::Array(providers));
                o.insert("activityEnergyCost".into(), kwh.clone());
                put(
                    &mut o,
                    "co2CostEquivalent",
                    e.co2_tco2eq.map(|v| json!({ "value": v, "unit": "tCO2eq" })),
                );
                put(
                    &mut o,
                    "co2CostOffset",
                    e.co2_offset_tco2eq.map(|v| json!({ "value": v, "unit": "tCO2eq" })),
                );
                Value::Object(o)
            })
            .collect();
        cons.insert(
            "environmentalConsiderations".into(),
            json!({ "energyConsumptions": uses }),
        );
    }
    if !mc.fairness_assessments.is_empty() {
        let fa: Vec<Value> = mc
            .fairness_assessments
            .iter()
            .map(|f| {
                let mut o = Map::new();
                o.insert("groupAtRisk".into(), json!(f.group_at_risk));
                put(&mut o, "benefits", f.benefits.as_ref().map(|v| json!(v)));
                put(&mut o, "harms", f.harms.as_ref().map(|v| json!(v)));
                put(
                    &mut o,
                    "mitigationStrategy",
                    f.mitigation_strategy.as_ref().map(|v| json!(v)),
                );
                Value::Object(o)
            })
            .collect();
        cons.insert("fairnessAssessments".into(), Value::Array(fa));
    }
    if !cons.is_empty() {
        out.insert("considerations".into(), Value::Object(cons));
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// The training run: one formula holding one workflow with one task. Both
/// carry the inputs (datasets, base model, hyperparameters) and the output
/// (the model), so a reader looking at either level finds them.
fn formulation(t: &crate::card::Training, model_ref: &str, base_ref: Option<&Value>, dataset_refs: &[Value]) -> Value {
    let mut inputs: Vec<Value> = dataset_refs
        .iter()
        .chain(base_ref)
        .map(|r| json!({ "resource": { "ref": r } }))
        .collect();
    if !t.parameters.is_empty() {
        let params: Vec<Value> = t
            .parameters
            .iter()
            .map(|(k, v)| json!({ "name": k, "value": v.0 }))
            .collect();
        inputs.push(json!({ "parameters": params }));
    }
    let outputs = json!([{ "type": "artifact", "resource": { "ref": model_ref } }]);
    let mut props = Vec::new();
    if let Some(r) = &t.repository {
        props.push(prop("mlsec:training:repository", r));
    }
    if let Some(c) = &t.commit {
        props.push(prop("mlsec:training:commit", c));
    }
    for (k, v) in &t.properties {
        props.push(prop(k, &v.0));
    }

    let common = |o: &mut Map<String, Value>| {
        o.insert("taskTypes".into(), json!(["build"]));
        put(o, "description", t.description.as_ref().map(|v| json!(v)));
        if !inputs.is_empty() {
            o.insert("inputs".into(), Value::Array(inputs.clone()));
        }
        o.insert("outputs".into(), outputs.clone());
        put(o, "timeStart", t.started.as_ref().map(|v| json!(v)));
        put(o, "timeEnd", t.ended.as_ref().map(|v| json!(v)));
    };
    let mut task = Map::new();
    task.insert("bom-ref".into(), json!("formulation/training/task/train"));
    task.insert("uid".into(), json!("train"));
    task.insert("name".into(), json!("train"));
    common(&mut task);
    if let Some(cmd) = &t.command {
        task.insert(
            "steps".into(),
            json!([{ "name": "train", "commands": [{ "executed": cmd }] }]),
        );
    }
    let mut workflow = Map::new();
    workflow.insert("bom-ref".into(), json!("formulation/training/workflow"));
    workflow.insert("uid".into(), json!("training"));
    workflow.insert("name".into(), json!(t.name.as_deref().unwrap_or("training")));
    common(&mut workflow);
    workflow.insert("tasks".into(), json!([Value::Object(task)]));
    if !props.is_empty() {
        workflow.insert("properties".into(), Value::Array(props));
    }
    json!([{ "bom-ref": "formulation/training", "workflows": [Value::Object(workflow)] }])
}

/// `urn:uuid:` of an RFC 9562 version 8 (custom) UUID from the SHA-256 of
/// the document text: the same content always gets the same serial number.
fn serial_number(text: &str) -> String {
    let mut h = sha2::Sha256::new();
    h.update(b"mlsec-bom serial number v1\0");
    h.update(text.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = hex::encode(b);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_is_a_v8_uuid() {
        let s = serial_number("x");
        assert_eq!(s.len(), "urn:uuid:".len() + 36);
        assert_eq!(&s[23..24], "8");
        assert!(matches!(&s[28..29], "8" | "9" | "a" | "b"), "{s}");
        assert_eq!(s, serial_number("x"));
        assert_ne!(s, serial_number("y"));
    }
}
