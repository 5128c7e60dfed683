//! Offline verification of Sigstore keyless bundles against a trusted root
//! (`trusted_root.json`): the Fulcio certificate chain at the time the
//! transparency log recorded the entry, the Rekor entry itself (its body
//! must describe this envelope, signature and certificate), its signed entry
//! timestamp, its inclusion proof and signed checkpoint, and the signer's
//! identity and OIDC issuer.

use base64::Engine as _;
use serde_json::Value;
use sha2::Digest as _;

use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::x509::{fmt_time, verify_chain, Cert};

/// The Sigstore public-good trusted root bundled with mlsec (a snapshot of
/// `trusted_root.json` from the Sigstore TUF repository; see
/// `resources/SOURCE.md`). Pass `--trust-root` to use another.
pub const PUBLIC_GOOD_TRUSTED_ROOT: &str = include_str!("../resources/sigstore-public-good-trusted-root.json");

/// Fulcio's OIDC issuer extensions (v2 DER string, v1 raw bytes).
const OID_ISSUER_V2: &str = "1.3.6.1.4.1.57264.1.8";
const OID_ISSUER_V1: &str = "1.3.6.1.4.1.57264.1.1";

struct Validity {
    start: u64,
    end: Option<u64>,
}

impl Validity {
    fn parse(v: Option<&Value>) -> Self {
        let t = |k: &str| v.and_then(|v| v.get(k)).and_then(Value::as_str).and_then(parse_rfc3339);
        Self {
            start: t("start").unwrap_or(0),
            end: t("end"),
        }
    }
    fn contains(&self, at: u64) -> bool {
        at >= self.start && self.end.is_none_or(|e| at <= e)
    }
}

struct Log {
    key_id: Vec<u8>,
    key: PublicKey,
    validity: Validity,
}

struct Authority {
    certs: Vec<Cert>,
    validity: Validity,
}

/// A parsed `trusted_root.json`.
pub struct TrustedRoot {
    tlogs: Vec<Log>,
    cas: Vec<Authority>,
}

impl std::fmt::Debug for TrustedRoot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TrustedRoot({} logs, {} CAs)", self.tlogs.len(), self.cas.len())
    }
}

fn b64(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(s.trim()).ok()
}

/// Parse `YYYY-MM-DDTHH:MM:SS[.fff]Z` to Unix seconds.
fn parse_rfc3339(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d, hh, mm, ss) = (n(0..4)?, n(5..7)?, n(8..10)?, n(11..13)?, n(14..16)?, n(17..19)?);
    if !s.ends_with('Z') || !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let days = mlsec_diagnostics::time::days_from_civil(y, m, d);
    u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()
}

impl TrustedRoot {
    /// Parse a trusted root.
    ///
    /// # Errors
    /// Not JSON, or a log or CA entry that cannot be used.
    pub fn parse(text: &str, what: &str) -> Result<Self> {
        let v: Value = serde_json::from_str(text).map_err(|e| Error::key(what, format!("is not JSON ({e})")))?;
        let mut tlogs = Vec::new();
        for (i, t) in v
            .get("tlogs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let place = format!("tlogs[{i}]");
            let key_id = t
                .pointer("/logId/keyId")
                .and_then(Value::as_str)
                .and_then(b64)
                .ok_or_else(|| Error::key(what, format!("{place}.logId.keyId is missing or not base64")))?;
            let pk = t.get("publicKey");
            let raw = pk
                .and_then(|p| p.get("rawBytes"))
                .and_then(Value::as_str)
                .and_then(b64)
                .ok_or_else(|| Error::key(what, format!("{place}.publicKey.rawBytes is missing or not base64")))?;
            let Ok(key) = PublicKey::from_spki_der(&raw) else {
                continue;
            };
            tlogs.push(Log {
                key_id,
                key,
                validity: Validity::parse(pk.and_then(|p| p.get("validFor"))),
            });
        }
        let mut cas = Vec::new();
        for (i, c) in v
            .get("certificateAuthorities")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let mut certs = Vec::new();
            for (j, cert) in c
                .pointer("/certChain/certificates")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let der_bytes = cert
                    .get("rawBytes")
                    .and_then(Value::as_str)
                    .and_then(b64)
                    .ok_or_else(|| {
                        Error::key(
                            what,
                            format!("certificateAuthorities[{i}].certChain.certificates[{j}] is not base64"),
                        )
                    })?;
                certs.push(Cert::from_der(&der_bytes, what)?);
            }
            cas.push(Authority {
                certs,
                validity: Validity::parse(c.get("validFor")),
            });
        }
        if tlogs.is_empty() || cas.is_empty() {
            return Err(Error::key(
                what,
                "has no transparency logs or no certificate authorities; is it a Sigstore trusted_root.json?",
            ));
        }
        Ok(Self { tlogs, cas })
    }
}

/// Who must have signed a keyless bundle.
#[derive(Debug, Clone)]
pub struct Identity {
    /// Expected SAN (email or URI).
    pub identity: String,
    /// Expected OIDC issuer.
    pub issuer: String,
}

/// What a verified keyless signature proved.
#[derive(Debug, Clone)]
pub struct KeylessSigner {
    /// The signing certificate's key.
    pub key: PublicKey,
    /// SAN identities in the certificate.
    pub identities: Vec<String>,
    /// OIDC issuer in the certificate.
    pub issuer: Option<String>,
    /// When the log integrated the entry (Unix seconds).
    pub integrated_time: u64,
    /// Rekor log index.
    pub log_index: u64,
}

fn oidc_issuer(cert: &Cert) -> Option<String> {
    if let Some(v) = cert.extension_value(OID_ISSUER_V2) {
        use der::Decode as _;
        if let Ok(s) = der::asn1::Utf8StringRef::from_der(v) {
            return Some(s.as_str().to_owned());
        }
    }
    cert.extension_value(OID_ISSUER_V1)
        .and_then(|v| std::str::from_utf8(v).ok())
        .map(str::to_owned)
}

fn num(v: &Value, place: &str) -> Result<u64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
    .ok_or_else(|| Error::bundle(place, "must be an integer"))
}

/// RFC 6962 Merkle hashes.
fn leaf_hash(data: &[u8]) -> [u8; 32] {
    let mut h = sha2::Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

fn node_hash(l: &[u8], r: &[u8]) -> [u8; 32] {
    let mut h = sha2::Sha256::new();
    h.update([1u8]);
    h.update(l);
    h.update(r);
    h.finalize().into()
}

/// Root from an inclusion proof (RFC 9162 section 2.1.3.2).
pub(crate) fn root_from_inclusion(index: u64, size: u64, leaf: [u8; 32], proof: &[[u8; 32]]) -> Option<[u8; 32]> {
    if index >= size {
        return None;
    }
    let (mut fnode, mut snode) = (index, size - 1);
    let mut r = leaf;
    for p in proof {
        if snode == 0 {
            return None;
        }
        if fnode & 1 == 1 || fnode == snode {
            r = node_hash(p, &r);
            if fnode & 1 == 0 {
                while fnode & 1 == 0 && fnode != 0 {
                    fnode >>= 1;
                    snode >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    (snode == 0).then_some(r)
}

/// Verify a keyless bundle's certificate and log entries; returns the signer.
///
/// # Errors
/// Any failed check, named.
pub fn verify_keyless(
    bundle: &crate::bundle::Bundle,
    leaf_der: &[u8],
    root: &TrustedRoot,
    identity: Option<&Identity>,
) -> Result<KeylessSigner> {
    let leaf = Cert::from_der(leaf_der, "signing certificate")?;
    if bundle.tlog_entries.is_empty() {
        return Err(Error::sig(
            "a Sigstore bundle must carry a transparency log entry (tlogEntries is empty)",
        ));
    }
    let mut last = None;
    for (i, entry) in bundle.tlog_entries.iter().enumerate() {
        match verify_entry(bundle, &leaf, entry, i, root) {
            Ok(signer) => {
                if let Some(want) = identity {
                    if !signer.identities.iter().any(|s| s == &want.identity) {
                        return Err(Error::sig(format!(
                            "signed by {:?}, not by the expected identity {:?}",
                            signer.identities, want.identity
                        )));
                    }
                    if signer.issuer.as_deref() != Some(want.issuer.as_str()) {
                        return Err(Error::sig(format!(
                            "the signer's identity was issued by {:?}, not by the expected {:?}",
                            signer.issuer.as_deref().unwrap_or("(none)"),
                            want.issuer
                        )));
                    }
                }
                return Ok(signer);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| Error::sig("no transparency log entry verified")))
}

fn verify_entry(
    bundle: &crate::bundle::Bundle,
    leaf: &Cert,
    e: &Value,
    i: usize,
    root: &TrustedRoot,
) -> Result<KeylessSigner> {
    let place = |f: &str| format!("verificationMaterial.tlogEntries[{i}].{f}");
    let kind = e.pointer("/kindVersion/kind").and_then(Value::as_str).unwrap_or("");
    let version = e.pointer("/kindVersion/version").and_then(Value::as_str).unwrap_or("");
    if kind != "dsse" || version != "0.0.1" {
        return Err(Error::sig(format!(
            "log entry {i} is of kind {kind} {version}; only Rekor v1 `dsse` 0.0.1 entries are supported"
        )));
    }
    let body_b64 = e
        .get("canonicalizedBody")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::bundle(place("canonicalizedBody"), "is missing"))?;
    let body = b64(body_b64).ok_or_else(|| Error::bundle(place("canonicalizedBody"), "is not base64"))?;
    let log_index = num(e.get("logIndex").unwrap_or(&Value::Null), &place("logIndex"))?;
    let integrated = num(
        e.get("integratedTime").unwrap_or(&Value::Null),
        &place("integratedTime"),
    )?;
    let key_id = e
        .pointer("/logId/keyId")
        .and_then(Value::as_str)
        .and_then(b64)
        .ok_or_else(|| Error::bundle(place("logId.keyId"), "is missing or not base64"))?;
    let log = root.tlogs.iter().find(|l| l.key_id == key_id).ok_or_else(|| {
        Error::sig(format!(
            "log entry {i} is from a log the trusted root does not list ({})",
            hex::encode(&key_id)
        ))
    })?;
    if !log.validity.contains(integrated) {
        return Err(Error::sig(format!(
            "log entry {i}: the log key was not valid at {}",
            fmt_time(integrated)
        )));
    }

    // The body must describe this envelope.
    let bv: Value =
        serde_json::from_slice(&body).map_err(|_| Error::sig(format!("log entry {i}: body is not JSON")))?;
    let payload_hash = bv
        .pointer("/spec/payloadHash/value")
        .and_then(Value::as_str)
        .unwrap_or("");
    if payload_hash != hex::encode(sha2::Sha256::digest(&bundle.payload)) {
        return Err(Error::sig(format!("log entry {i} records a different payload")));
    }
    let sigs = bv
        .pointer("/spec/signatures")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let matches = sigs.iter().any(|s| {
        let sig_ok = s
            .get("signature")
            .and_then(Value::as_str)
            .and_then(b64)
            .is_some_and(|b| b == bundle.signature);
        let ver_ok = s
            .get("verifier")
            .and_then(Value::as_str)
            .and_then(b64)
            .and_then(|pem| String::from_utf8(pem).ok())
            .and_then(|pem| crate::x509::certs_from_pem(&pem, "log verifier").ok())
            .is_some_and(|c| c.iter().any(|c| c.der == leaf.der));
        sig_ok && ver_ok
    });
    if !matches {
        return Err(Error::sig(format!(
            "log entry {i} records a different signature or certificate"
        )));
    }

    // Signed entry timestamp and/or inclusion proof: at least one must verify.
    let mut proven = false;
    if let Some(set) = e
        .pointer("/inclusionPromise/signedEntryTimestamp")
        .and_then(Value::as_str)
    {
        let set =
            b64(set).ok_or_else(|| Error::bundle(place("inclusionPromise.signedEntryTimestamp"), "is not base64"))?;
        let canonical = serde_json::to_vec(&serde_json::json!({
            "body": body_b64,
            "integratedTime": integrated,
            "logID": hex::encode(&key_id),
            "logIndex": log_index,
        }))
        .unwrap_or_default();
        log.key
            .verify(&canonical, &set, log.key.default_digest())
            .map_err(|_| Error::sig(format!("log entry {i}: the signed entry timestamp does not verify")))?;
        proven = true;
    }
    if let Some(proof) = e.get("inclusionProof").filter(|p| !p.is_null()) {
        verify_inclusion(proof, &body, log, i)?;
    }
    if !proven {
        // Only the signed entry timestamp vouches for `integratedTime`, which
        // decides whether the short-lived certificate was valid when used.
        return Err(Error::sig(format!(
            "log entry {i} has no signed entry timestamp, so the time it was logged cannot be trusted (RFC 3161 timestamps are not supported yet)"
        )));
    }

    // The certificate chains to a Fulcio CA valid when the log saw it.
    let mut last = None;
    let mut chained = false;
    for ca in root.cas.iter().filter(|c| c.validity.contains(integrated)) {
        match verify_chain(leaf, &[], &ca.certs, integrated) {
            Ok(_) => {
                chained = true;
                break;
            }
            Err(err) => last = Some(err),
        }
    }
    if !chained {
        return Err(last.unwrap_or_else(|| {
            Error::sig(format!(
                "no certificate authority in the trusted root was valid at {}",
                fmt_time(integrated)
            ))
        }));
    }
    if !leaf.can_sign()? {
        return Err(Error::sig("the signing certificate may not be used for signing"));
    }
    Ok(KeylessSigner {
        key: leaf.public_key()?,
        identities: leaf.san_identities(),
        issuer: oidc_issuer(leaf),
        integrated_time: integrated,
        log_index,
    })
}

fn verify_inclusion(proof: &Value, body: &[u8], log: &Log, i: usize) -> Result<()> {
    let place = |f: &str| format!("verificationMaterial.tlogEntries[{i}].inclusionProof.{f}");
    let index = num(proof.get("logIndex").unwrap_or(&Value::Null), &place("logIndex"))?;
    let size = num(proof.get("treeSize").unwrap_or(&Value::Null), &place("treeSize"))?;
    let root_hash: [u8; 32] = proof
        .get("rootHash")
        .and_then(Value::as_str)
        .and_then(b64)
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| Error::bundle(place("rootHash"), "is not a base64 SHA-256 hash"))?;
    let mut hashes = Vec::new();
    for (j, h) in proof
        .get("hashes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        hashes.push(
            h.as_str()
                .and_then(b64)
                .and_then(|v| <[u8; 32]>::try_from(v).ok())
                .ok_or_else(|| Error::bundle(place(&format!("hashes[{j}]")), "is not a base64 SHA-256 hash"))?,
        );
    }
    let computed = root_from_inclusion(index, size, leaf_hash(body), &hashes)
        .ok_or_else(|| Error::sig(format!("log entry {i}: malformed inclusion proof")))?;
    if computed != root_hash {
        return Err(Error::sig(format!(
            "log entry {i}: the inclusion proof does not lead to the recorded root hash"
        )));
    }
    let note = proof
        .pointer("/checkpoint/envelope")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::bundle(place("checkpoint.envelope"), "is missing"))?;
    verify_checkpoint(note, log, size, &root_hash).map_err(|e| Error::sig(format!("log entry {i}: checkpoint {e}")))
}

/// A signed note: `origin\nsize\nroot\n[extensions\n]\n— name base64(hint||sig)\n`.
fn verify_checkpoint(note: &str, log: &Log, size: u64, root_hash: &[u8; 32]) -> std::result::Result<(), String> {
    let (text, sigs) = note.split_once("\n\n").ok_or("has no signature block")?;
    let signed = format!("{text}\n");
    let mut lines = text.lines();
    let _origin = lines.next().ok_or("is empty")?;
    let n: u64 = lines.next().and_then(|s| s.parse().ok()).ok_or("has no tree size")?;
    let r = lines.next().and_then(b64).ok_or("has no root hash")?;
    if n != size || r != root_hash {
        return Err("does not match the inclusion proof's tree".into());
    }
    for line in sigs.lines() {
        let Some(rest) = line.strip_prefix("\u{2014} ") else {
            continue;
        };
        let Some((_, sig_b64)) = rest.rsplit_once(' ') else {
            continue;
        };
        let Some(raw) = b64(sig_b64) else { continue };
        if raw.len() < 5 || raw[..4] != log.key_id[..4.min(log.key_id.len())] {
            continue;
        }
        if log
            .key
            .verify(signed.as_bytes(), &raw[4..], log.key.default_digest())
            .is_ok()
        {
            return Ok(());
        }
    }
    Err("has no valid signature by the log's key".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339("2025-10-10T02:12:20Z"), Some(1_760_062_340));
        assert_eq!(parse_rfc3339("2022-12-31T23:59:59.999Z"), Some(1_672_531_199));
        assert_eq!(parse_rfc3339("junk"), None);
    }

    #[test]
    fn bundled_root_parses() {
        TrustedRoot::parse(PUBLIC_GOOD_TRUSTED_ROOT, "bundled").unwrap();
    }

    #[test]
    fn merkle_vectors() {
        // Tree of 3 leaves: root = H(H(l0,l1), l2).
        let l: Vec<[u8; 32]> = (0u8..3).map(|i| leaf_hash(&[i])).collect();
        let root = node_hash(&node_hash(&l[0], &l[1]), &l[2]);
        assert_eq!(root_from_inclusion(2, 3, l[2], &[node_hash(&l[0], &l[1])]), Some(root));
        assert_eq!(root_from_inclusion(0, 3, l[0], &[l[1], l[2]]), Some(root));
        assert_eq!(root_from_inclusion(1, 3, l[1], &[l[0], l[2]]), Some(root));
        assert_ne!(root_from_inclusion(1, 3, l[0], &[l[0], l[2]]), Some(root));
        assert_eq!(root_from_inclusion(3, 3, l[0], &[]), None);
    }
}
