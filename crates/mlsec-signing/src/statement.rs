//! The in-toto statement carrying the OMS predicate: deterministic
//! serialization for signing, and a lenient reader for every layout the
//! reference tool has written (v0.2 `Digests/v0.1` to v1.1).

use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::hash::HashAlgorithm;
use crate::manifest::{root_digest, Manifest, Method, Resource, Serialization};

/// in-toto Statement v1 type.
pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";
/// OMS v1.0 predicate type.
pub const PREDICATE_TYPE: &str = "https://model_signing/signature/v1.0";
/// The v0.2 predicate type (read only).
pub const PREDICATE_TYPE_V01: &str = "https://model_signing/Digests/v0.1";

/// Serialize a manifest as the statement payload. The same manifest always
/// gives the same bytes: fixed key order, sorted ignore paths, two-space
/// indentation as the reference tool writes.
#[must_use]
pub fn to_payload(m: &Manifest) -> Vec<u8> {
    let mut ser = Map::new();
    ser.insert(
        "method".into(),
        json!(match m.serialization.method {
            Method::Files => "files",
            Method::Shards { .. } => "shards",
        }),
    );
    ser.insert("hash_type".into(), json!(m.serialization.hash.name()));
    if let Method::Shards { shard_size } = m.serialization.method {
        ser.insert("shard_size".into(), json!(shard_size));
    }
    ser.insert("allow_symlinks".into(), json!(m.serialization.allow_symlinks));
    if !m.serialization.ignore_paths.is_empty() {
        ser.insert("ignore_paths".into(), json!(m.serialization.ignore_paths));
    }
    let resources: Vec<Value> = m
        .resources
        .iter()
        .map(|r| {
            let mut o = Map::new();
            o.insert("name".into(), json!(r.name));
            o.insert("algorithm".into(), json!(r.algorithm));
            o.insert("digest".into(), json!(hex::encode(&r.digest)));
            Value::Object(o)
        })
        .collect();
    let mut subject = Map::new();
    subject.insert("name".into(), json!(m.model_name));
    subject.insert("digest".into(), json!({ "sha256": m.root_digest_hex() }));
    let mut predicate = Map::new();
    predicate.insert("serialization".into(), Value::Object(ser));
    predicate.insert("resources".into(), Value::Array(resources));
    let mut st = Map::new();
    st.insert("_type".into(), json!(STATEMENT_TYPE));
    st.insert("subject".into(), json!([Value::Object(subject)]));
    st.insert("predicateType".into(), json!(PREDICATE_TYPE));
    st.insert("predicate".into(), Value::Object(predicate));
    crate::json::pretty_json(&Value::Object(st), &ORDER, &[]).into_bytes()
}

/// The statement's key order.
const ORDER: [&str; 15] = [
    "_type",
    "subject",
    "predicateType",
    "predicate",
    "serialization",
    "method",
    "hash_type",
    "shard_size",
    "allow_symlinks",
    "ignore_paths",
    "resources",
    "name",
    "algorithm",
    "digest",
    "sha256",
];

/// A statement read back from a signature.
#[derive(Debug, Clone)]
pub struct SignedStatement {
    /// The manifest it carries.
    pub manifest: Manifest,
    /// The root digest in the subject (`None` for v0.2, which has none).
    pub root_digest: Option<String>,
    /// Which layout it was (`v1.0` or `v0.1`).
    pub predicate_type: String,
}

fn field<'a>(v: &'a Value, place: &str, key: &str) -> Result<&'a Value> {
    v.get(key)
        .ok_or_else(|| Error::bundle(format!("payload {place}"), format!("has no `{key}`")))
}

fn as_str<'a>(v: &'a Value, place: &str) -> Result<&'a str> {
    v.as_str()
        .ok_or_else(|| Error::bundle(format!("payload {place}"), "must be a string"))
}

/// Parse a statement payload (after its signature has been checked).
///
/// # Errors
/// A payload that is not an in-toto statement with an OMS predicate, a
/// malformed resource, or a root digest that does not match the resources.
pub fn parse_payload(payload: &[u8]) -> Result<SignedStatement> {
    let v: Value =
        serde_json::from_slice(payload).map_err(|e| Error::bundle("payload", format!("is not JSON ({e})")))?;
    let ty = as_str(field(&v, "", "_type")?, "_type")?;
    if ty != STATEMENT_TYPE {
        return Err(Error::bundle(
            "payload _type",
            format!("is {ty:?}, expected {STATEMENT_TYPE:?}"),
        ));
    }
    let pt = as_str(field(&v, "", "predicateType")?, "predicateType")?;
    match pt {
        PREDICATE_TYPE => parse_v1(&v),
        PREDICATE_TYPE_V01 => parse_v01(&v),
        other => Err(Error::bundle(
            "payload predicateType",
            format!("is {other:?}; this is not a model signature (expected {PREDICATE_TYPE:?})"),
        )),
    }
}

fn parse_bool(v: Option<&Value>, place: &str) -> Result<bool> {
    match v {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(_) => Err(Error::bundle(format!("payload {place}"), "must be true or false")),
    }
}

/// Shard sizes were written as floats by some versions (`1000000000.0`).
fn parse_size(v: &Value) -> Option<u64> {
    if let Some(n) = v.as_u64() {
        return Some(n);
    }
    let f = v.as_f64()?;
    (f.fract() == 0.0 && (1.0..=9.007_199_254_740_992e15).contains(&f)).then_some(f as u64)
}

fn parse_v1(v: &Value) -> Result<SignedStatement> {
    let subjects = field(v, "", "subject")?
        .as_array()
        .ok_or_else(|| Error::bundle("payload subject", "must be a list"))?;
    let [subject] = subjects.as_slice() else {
        return Err(Error::bundle(
            "payload subject",
            format!("must hold exactly one entry, has {}", subjects.len()),
        ));
    };
    let model_name = subject.get("name").and_then(Value::as_str).unwrap_or("").to_owned();
    let root = as_str(
        field(field(subject, "subject[0]", "digest")?, "subject[0].digest", "sha256")?,
        "subject[0].digest.sha256",
    )?
    .to_ascii_lowercase();
    let pred = field(v, "", "predicate")?;
    let ser = field(pred, "predicate", "serialization")?;
    let hash_name = as_str(
        field(ser, "predicate.serialization", "hash_type")?,
        "predicate.serialization.hash_type",
    )?;
    let hash = HashAlgorithm::parse(hash_name).ok_or_else(|| {
        Error::bundle(
            "payload predicate.serialization.hash_type",
            format!("{hash_name:?} is not sha256, blake2b or blake3"),
        )
    })?;
    let method = match as_str(
        field(ser, "predicate.serialization", "method")?,
        "predicate.serialization.method",
    )? {
        "files" => Method::Files,
        "shards" => {
            let size = field(ser, "predicate.serialization", "shard_size")?;
            let shard_size = parse_size(size).filter(|&n| n > 0).ok_or_else(|| {
                Error::bundle(
                    "payload predicate.serialization.shard_size",
                    "must be a positive integer",
                )
            })?;
            Method::Shards { shard_size }
        }
        other => {
            return Err(Error::bundle(
                "payload predicate.serialization.method",
                format!("{other:?} is not `files` or `shards`"),
            ))
        }
    };
    let allow_symlinks = parse_bool(ser.get("allow_symlinks"), "predicate.serialization.allow_symlinks")?;
    let mut ignore_paths = Vec::new();
    if let Some(list) = ser.get("ignore_paths").filter(|x| !x.is_null()) {
        for (i, p) in list
            .as_array()
            .ok_or_else(|| Error::bundle("payload predicate.serialization.ignore_paths", "must be a list"))?
            .iter()
            .enumerate()
        {
            ignore_paths.push(as_str(p, &format!("predicate.serialization.ignore_paths[{i}]"))?.to_owned());
        }
    }
    let list = field(pred, "predicate", "resources")?
        .as_array()
        .ok_or_else(|| Error::bundle("payload predicate.resources", "must be a list"))?;
    let mut resources = Vec::with_capacity(list.len());
    for (i, r) in list.iter().enumerate() {
        let place = format!("predicate.resources[{i}]");
        let name = as_str(field(r, &place, "name")?, &format!("{place}.name"))?.to_owned();
        let algorithm = as_str(field(r, &place, "algorithm")?, &format!("{place}.algorithm"))?.to_owned();
        let ok_alg = algorithm == hash.name()
            || (hash == HashAlgorithm::Blake2b && algorithm == "blake2")
            || algorithm
                .strip_prefix(hash.name())
                .and_then(|s| s.strip_prefix("-sharded-"))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !ok_alg {
            return Err(Error::bundle(
                format!("payload {place}.algorithm"),
                format!("{algorithm:?} does not match hash_type {:?}", hash.name()),
            ));
        }
        let hexd = as_str(field(r, &place, "digest")?, &format!("{place}.digest"))?;
        let digest = hex::decode(hexd)
            .ok()
            .filter(|d| d.len() == hash.digest_len())
            .ok_or_else(|| {
                Error::bundle(
                    format!("payload {place}.digest"),
                    format!("is not a {}-byte hex digest", hash.digest_len()),
                )
            })?;
        resources.push(Resource {
            name,
            algorithm,
            digest,
        });
    }
    if resources.is_empty() {
        return Err(Error::bundle(
            "payload predicate.resources",
            "is empty; a signature must cover at least one file",
        ));
    }
    let computed = hex::encode(root_digest(resources.iter().map(|r| r.digest.as_slice())));
    if computed != root {
        return Err(Error::sig(format!(
            "the statement is inconsistent: its subject digest is {root} but its resources hash to {computed}"
        )));
    }
    Ok(SignedStatement {
        manifest: Manifest {
            model_name,
            serialization: Serialization {
                method,
                hash,
                allow_symlinks,
                ignore_paths,
            },
            resources,
        },
        root_digest: Some(root),
        predicate_type: PREDICATE_TYPE.into(),
    })
}

fn parse_v01(v: &Value) -> Result<SignedStatement> {
    let subjects = field(v, "", "subject")?
        .as_array()
        .ok_or_else(|| Error::bundle("payload subject", "must be a list"))?;
    let mut resources = Vec::new();
    for (i, s) in subjects.iter().enumerate() {
        let place = format!("subject[{i}]");
        let name = as_str(field(s, &place, "name")?, &format!("{place}.name"))?.to_owned();
        let hexd = as_str(
            field(field(s, &place, "digest")?, &place, "sha256")?,
            &format!("{place}.digest.sha256"),
        )?;
        let digest = hex::decode(hexd)
            .ok()
            .filter(|d| d.len() == 32)
            .ok_or_else(|| Error::bundle(format!("payload {place}.digest.sha256"), "is not a SHA-256 hex digest"))?;
        resources.push(Resource {
            name,
            algorithm: "sha256".into(),
            digest,
        });
    }
    if resources.is_empty() {
        return Err(Error::bundle("payload subject", "is empty"));
    }
    Ok(SignedStatement {
        manifest: Manifest {
            model_name: String::new(),
            serialization: Serialization {
                method: Method::Files,
                hash: HashAlgorithm::Sha256,
                allow_symlinks: false,
                ignore_paths: Vec::new(),
            },
            resources,
        },
        root_digest: None,
        predicate_type: PREDICATE_TYPE_V01.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            model_name: "m".into(),
            serialization: Serialization {
                method: Method::Shards { shard_size: 10 },
                hash: HashAlgorithm::Sha256,
                allow_symlinks: false,
                ignore_paths: vec![".git".into()],
            },
            resources: vec![Resource {
                name: "a:0:10".into(),
                algorithm: "sha256".into(),
                digest: vec![7; 32],
            }],
        }
    }

    #[test]
    fn payload_round_trips_and_is_deterministic() {
        let m = manifest();
        let p = to_payload(&m);
        assert_eq!(p, to_payload(&m.clone()));
        let back = parse_payload(&p).unwrap();
        assert_eq!(back.manifest, m);
        let text = String::from_utf8(p).unwrap();
        assert!(text.starts_with("{\n  \"_type\": \"https://in-toto.io/Statement/v1\",\n  \"subject\""));
    }

    #[test]
    fn inconsistent_root_digest_is_rejected() {
        let p = String::from_utf8(to_payload(&manifest())).unwrap();
        let bad = p.replace(&"07".repeat(32), &"08".repeat(32));
        assert!(parse_payload(bad.as_bytes()).is_err());
    }

    #[test]
    fn float_shard_sizes_are_read() {
        let p = String::from_utf8(to_payload(&manifest())).unwrap();
        let f = p.replace("\"shard_size\": 10", "\"shard_size\": 10.0");
        assert_eq!(
            parse_payload(f.as_bytes()).unwrap().manifest.serialization.method,
            Method::Shards { shard_size: 10 }
        );
    }
}
