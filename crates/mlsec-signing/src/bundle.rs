//! Sigstore bundles carrying a DSSE envelope: a lenient reader for every
//! layout in use (bundle v0.1 to v0.3, `rawBytes` or `hint` public keys,
//! `keyid` absent, empty or null) and a deterministic writer. Also DSSE's
//! pre-authentication encoding.

use base64::Engine as _;
use serde_json::{json, Value};

use crate::error::{Error, Result};

/// Bundle media type written by mlsec and `model-signing` 1.x.
pub const MEDIA_TYPE: &str = "application/vnd.dev.sigstore.bundle.v0.3+json";
/// Media types accepted on read.
const MEDIA_TYPES: [&str; 4] = [
    MEDIA_TYPE,
    "application/vnd.dev.sigstore.bundle+json;version=0.3",
    "application/vnd.dev.sigstore.bundle+json;version=0.2",
    "application/vnd.dev.sigstore.bundle+json;version=0.1",
];
/// Most certificates accepted in a bundle's chain.
const MAX_CHAIN: usize = 16;
/// Largest signature file read (a statement for a million files is ~150 MB).
pub const MAX_BUNDLE_BYTES: u64 = 512 << 20;

/// DSSE payload type of in-toto statements.
pub const PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

/// How the bundle identifies its signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Material {
    /// A long-lived key: `hint` (v1.1+) and/or `rawBytes` (older).
    PublicKey {
        /// Hex SHA-256 of the PEM public key.
        hint: Option<String>,
        /// The key itself (PEM or DER), as older versions wrote it.
        raw: Option<Vec<u8>>,
    },
    /// Leaf certificate followed by its chain (DER), the `certificate` method.
    Chain(Vec<Vec<u8>>),
    /// A single (Fulcio) certificate, the `sigstore` method.
    Certificate(Vec<u8>),
}

/// A parsed bundle.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// `mediaType`.
    pub media_type: String,
    /// Signer identification.
    pub material: Material,
    /// Transparency log entries (checked by the `sigstore` module).
    pub tlog_entries: Vec<Value>,
    /// The DSSE payload (decoded).
    pub payload: Vec<u8>,
    /// The DSSE payload type.
    pub payload_type: String,
    /// The first DSSE signature (decoded).
    pub signature: Vec<u8>,
    /// The envelope as JSON, as it was read (Rekor hashes it).
    pub envelope: Value,
}

fn b64(s: &str, place: &str) -> Result<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .map_err(|e| Error::bundle(place, format!("is not base64 ({e})")))
}

fn get<'a>(v: &'a Value, place: &str, key: &str) -> Result<&'a Value> {
    v.get(key)
        .filter(|x| !x.is_null())
        .ok_or_else(|| Error::bundle(place, format!("has no `{key}`")))
}

fn string<'a>(v: &'a Value, place: &str) -> Result<&'a str> {
    v.as_str().ok_or_else(|| Error::bundle(place, "must be a string"))
}

impl Bundle {
    /// Parse a bundle.
    ///
    /// # Errors
    /// Not JSON, unknown media type, or a missing or malformed field (named).
    pub fn parse(bytes: &[u8]) -> Result<Self> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::bundle("file", "is empty"));
        }
        let v: Value = serde_json::from_slice(bytes).map_err(|e| {
            Error::bundle(
                "file",
                format!("is not JSON ({e}); is this a signature made by `mlsec sign` or `model_signing sign`?"),
            )
        })?;
        let media_type = string(get(&v, "(top level)", "mediaType")?, "mediaType")?.to_owned();
        if !MEDIA_TYPES.contains(&media_type.as_str()) {
            return Err(Error::bundle(
                "mediaType",
                format!("{media_type:?} is not a Sigstore bundle media type"),
            ));
        }
        let vm = get(&v, "(top level)", "verificationMaterial")?;
        let material = if let Some(pk) = vm.get("publicKey").filter(|x| !x.is_null()) {
            let hint = pk
                .get("hint")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_ascii_lowercase);
            let raw = match pk.get("rawBytes").and_then(Value::as_str) {
                Some(s) => Some(b64(s, "verificationMaterial.publicKey.rawBytes")?),
                None => None,
            };
            Material::PublicKey { hint, raw }
        } else if let Some(chain) = vm.get("x509CertificateChain").filter(|x| !x.is_null()) {
            let certs = get(chain, "verificationMaterial.x509CertificateChain", "certificates")?
                .as_array()
                .ok_or_else(|| {
                    Error::bundle(
                        "verificationMaterial.x509CertificateChain.certificates",
                        "must be a list",
                    )
                })?;
            let mut out = Vec::new();
            for (i, c) in certs.iter().enumerate() {
                let place = format!("verificationMaterial.x509CertificateChain.certificates[{i}]");
                out.push(b64(string(get(c, &place, "rawBytes")?, &place)?, &place)?);
            }
            if out.is_empty() {
                return Err(Error::bundle(
                    "verificationMaterial.x509CertificateChain.certificates",
                    "is empty",
                ));
            }
            if out.len() > MAX_CHAIN {
                return Err(Error::bundle(
                    "verificationMaterial.x509CertificateChain.certificates",
                    format!("holds {} certificates; at most {MAX_CHAIN} are accepted", out.len()),
                ));
            }
            Material::Chain(out)
        } else if let Some(c) = vm.get("certificate").filter(|x| !x.is_null()) {
            let place = "verificationMaterial.certificate.rawBytes";
            Material::Certificate(b64(
                string(get(c, "verificationMaterial.certificate", "rawBytes")?, place)?,
                place,
            )?)
        } else {
            return Err(Error::bundle(
                "verificationMaterial",
                "has no publicKey, x509CertificateChain or certificate",
            ));
        };
        let tlog_entries = match vm.get("tlogEntries") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(_) => return Err(Error::bundle("verificationMaterial.tlogEntries", "must be a list")),
        };
        let env = get(&v, "(top level)", "dsseEnvelope").map_err(|_| {
            Error::bundle(
                "dsseEnvelope",
                "is missing; OMS signatures are DSSE envelopes (message signatures are not model signatures)",
            )
        })?;
        let payload = b64(
            string(get(env, "dsseEnvelope", "payload")?, "dsseEnvelope.payload")?,
            "dsseEnvelope.payload",
        )?;
        let payload_type = string(get(env, "dsseEnvelope", "payloadType")?, "dsseEnvelope.payloadType")?.to_owned();
        let sigs = get(env, "dsseEnvelope", "signatures")?
            .as_array()
            .ok_or_else(|| Error::bundle("dsseEnvelope.signatures", "must be a list"))?;
        let [first] = sigs.as_slice() else {
            return Err(Error::bundle(
                "dsseEnvelope.signatures",
                format!("must hold exactly one signature, has {}", sigs.len()),
            ));
        };
        let signature = b64(
            string(
                get(first, "dsseEnvelope.signatures[0]", "sig")?,
                "dsseEnvelope.signatures[0].sig",
            )?,
            "dsseEnvelope.signatures[0].sig",
        )?;
        match first.get("keyid") {
            None | Some(Value::Null | Value::String(_)) => {}
            Some(_) => {
                return Err(Error::bundle(
                    "dsseEnvelope.signatures[0].keyid",
                    "must be a string, null or absent",
                ))
            }
        }
        Ok(Self {
            media_type,
            material,
            tlog_entries,
            payload,
            payload_type,
            signature,
            envelope: env.clone(),
        })
    }

    /// A new bundle (no transparency log) for `material`.
    #[must_use]
    pub fn new(material: Material, payload: Vec<u8>, signature: Vec<u8>) -> Self {
        let e = base64::engine::general_purpose::STANDARD;
        let envelope = json!({
            "payload": e.encode(&payload),
            "payloadType": PAYLOAD_TYPE,
            "signatures": [{ "sig": e.encode(&signature), "keyid": "" }],
        });
        Self {
            media_type: MEDIA_TYPE.into(),
            material,
            tlog_entries: Vec::new(),
            payload,
            payload_type: PAYLOAD_TYPE.into(),
            signature,
            envelope,
        }
    }

    /// JSON text (compact, keys sorted: the same bundle gives the same bytes).
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        let e = base64::engine::general_purpose::STANDARD;
        let vm = match &self.material {
            Material::PublicKey { hint, raw } => {
                let mut pk = serde_json::Map::new();
                if let Some(h) = hint {
                    pk.insert("hint".into(), json!(h));
                }
                if let Some(r) = raw {
                    pk.insert("rawBytes".into(), json!(e.encode(r)));
                }
                json!({ "publicKey": pk, "tlogEntries": self.tlog_entries })
            }
            Material::Chain(certs) => json!({
                "x509CertificateChain": {
                    "certificates": certs.iter().map(|c| json!({ "rawBytes": e.encode(c) })).collect::<Vec<_>>()
                },
                "tlogEntries": self.tlog_entries,
            }),
            Material::Certificate(c) => json!({
                "certificate": { "rawBytes": e.encode(c) },
                "tlogEntries": self.tlog_entries,
            }),
        };
        let v = json!({
            "mediaType": self.media_type,
            "verificationMaterial": vm,
            "dsseEnvelope": self.envelope,
        });
        serde_json::to_vec(&v).unwrap_or_default()
    }
}

/// DSSE v1 pre-authentication encoding.
#[must_use]
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!("DSSEv1 {} {payload_type} {} ", payload_type.len(), payload.len()).into_bytes();
    out.extend_from_slice(payload);
    out
}

/// The encoding `model-signing` 0.2 signed by mistake: `DSSEV1` and the
/// payload as Python's `repr(bytes)`. Only for verifying those signatures.
#[must_use]
pub fn pae_v02(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    format!(
        "DSSEV1 {} {payload_type} {} {}",
        payload_type.len(),
        payload.len(),
        python_bytes_repr(payload)
    )
    .into_bytes()
}

/// `repr(b)` as CPython prints a `bytes` object.
fn python_bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut s = String::with_capacity(b.len() + 3);
    s.push('b');
    s.push(quote);
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            c if c == quote as u8 => {
                s.push('\\');
                s.push(quote);
            }
            0x20..=0x7e => s.push(c as char),
            c => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                s.push_str("\\x");
                s.push(char::from(HEX[usize::from(c >> 4)]));
                s.push(char::from(HEX[usize::from(c & 15)]));
            }
        }
    }
    s.push(quote);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pae_matches_dsse_spec() {
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
        );
    }

    #[test]
    fn python_repr() {
        assert_eq!(python_bytes_repr(b"a'b\n\x00\\"), "b\"a'b\\n\\x00\\\\\"");
        assert_eq!(python_bytes_repr(b"a'\"b"), "b'a\\'\"b'");
    }

    #[test]
    fn keyid_variants_and_errors() {
        let good = r#"{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{"hint":"ab"}},"dsseEnvelope":{"payload":"e30=","payloadType":"application/vnd.in-toto+json","signatures":[{"sig":"AA==","keyid":null}]}}"#;
        assert!(Bundle::parse(good.as_bytes()).is_ok());
        assert!(Bundle::parse(good.replace(",\"keyid\":null", "").as_bytes()).is_ok());
        let e = Bundle::parse(
            good.replace("\"hint\":\"ab\"", "")
                .replace("publicKey", "other")
                .as_bytes(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("verificationMaterial"), "{e}");
        assert!(Bundle::parse(b"").unwrap_err().to_string().contains("empty"));
        let b = Bundle::parse(good.as_bytes()).unwrap();
        assert_eq!(Bundle::parse(&b.to_json()).unwrap().payload, b.payload);
    }
}
