//! X.509 certificate chains: parse, build a path from a leaf to a trusted
//! certificate, and check signatures, validity at a given time, CA
//! constraints, key usage and unknown critical extensions.

use der::{Decode as _, Encode as _};
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName};
use x509_cert::Certificate;

use crate::error::{Error, Result};
use crate::keys::{pem_blocks, Digest, PublicKey};

const OID_BC: &str = "2.5.29.19";
const OID_KU: &str = "2.5.29.15";
const OID_EKU: &str = "2.5.29.37";
const OID_SAN: &str = "2.5.29.17";
const OID_CODE_SIGNING: &str = "1.3.6.1.5.5.7.3.3";
/// Extensions we understand, so they may be critical.
const KNOWN_CRITICAL: [&str; 7] = [OID_BC, OID_KU, OID_EKU, OID_SAN, "2.5.29.14", "2.5.29.35", "2.5.29.32"];
/// Longest chain we try to build.
const MAX_DEPTH: usize = 8;
/// Most issuer candidates checked while building one path: a hostile bundle
/// of many certificates sharing one name must not make path building explode.
const MAX_CHECKS: usize = 256;

/// A parsed certificate with its DER.
#[derive(Clone)]
pub struct Cert {
    /// The parsed certificate.
    pub cert: Certificate,
    /// Its DER bytes.
    pub der: Vec<u8>,
}

impl std::fmt::Debug for Cert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cert({})", self.subject())
    }
}

impl Cert {
    /// Parse DER.
    ///
    /// # Errors
    /// Malformed certificate.
    pub fn from_der(der_bytes: &[u8], what: &str) -> Result<Self> {
        let cert = Certificate::from_der(der_bytes)
            .map_err(|e| Error::key(what, format!("is not a valid DER certificate ({e})")))?;
        Ok(Self {
            cert,
            der: der_bytes.to_vec(),
        })
    }

    /// Subject as text.
    #[must_use]
    pub fn subject(&self) -> String {
        self.cert.tbs_certificate.subject.to_string()
    }

    /// The subject public key.
    ///
    /// # Errors
    /// Unsupported key type.
    pub fn public_key(&self) -> Result<PublicKey> {
        PublicKey::from_spki(&self.cert.tbs_certificate.subject_public_key_info)
    }

    /// `notBefore` and `notAfter` as Unix seconds.
    #[must_use]
    pub fn validity(&self) -> (u64, u64) {
        let v = &self.cert.tbs_certificate.validity;
        (
            v.not_before.to_unix_duration().as_secs(),
            v.not_after.to_unix_duration().as_secs(),
        )
    }

    fn ext<'a, T: der::Decode<'a>>(&'a self, oid: &str) -> Option<Result<T>> {
        let e = self
            .cert
            .tbs_certificate
            .extensions
            .as_ref()?
            .iter()
            .find(|e| e.extn_id.to_string() == oid)?;
        Some(T::from_der(e.extn_value.as_bytes()).map_err(|err| {
            Error::sig(format!(
                "certificate {}: extension {oid} is malformed ({err})",
                self.subject()
            ))
        }))
    }

    /// Raw value of an extension, if present.
    #[must_use]
    pub fn extension_value(&self, oid: &str) -> Option<&[u8]> {
        self.cert
            .tbs_certificate
            .extensions
            .as_ref()?
            .iter()
            .find(|e| e.extn_id.to_string() == oid)
            .map(|e| e.extn_value.as_bytes())
    }

    /// Subject alternative names that are emails or URIs.
    #[must_use]
    pub fn san_identities(&self) -> Vec<String> {
        let Some(Ok(san)) = self.ext::<SubjectAltName>(OID_SAN) else {
            return Vec::new();
        };
        san.0
            .iter()
            .filter_map(|g| match g {
                x509_cert::ext::pkix::name::GeneralName::Rfc822Name(s) => Some(s.to_string()),
                x509_cert::ext::pkix::name::GeneralName::UniformResourceIdentifier(s) => Some(s.to_string()),
                _ => None,
            })
            .collect()
    }

    /// Whether the key may sign code: keyUsage digitalSignature, or EKU
    /// codeSigning (the reference tool's rule).
    ///
    /// # Errors
    /// Malformed extensions.
    pub fn can_sign(&self) -> Result<bool> {
        if let Some(ku) = self.ext::<KeyUsage>(OID_KU) {
            if ku?.0.contains(KeyUsages::DigitalSignature) {
                return Ok(true);
            }
        }
        if let Some(eku) = self.ext::<ExtendedKeyUsage>(OID_EKU) {
            if eku?.0.iter().any(|o| o.to_string() == OID_CODE_SIGNING) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn check_critical(&self) -> Result<()> {
        for e in self.cert.tbs_certificate.extensions.iter().flatten() {
            let oid = e.extn_id.to_string();
            if e.critical && !KNOWN_CRITICAL.contains(&oid.as_str()) {
                return Err(Error::sig(format!(
                    "certificate {} has a critical extension {oid} that is not understood",
                    self.subject()
                )));
            }
        }
        Ok(())
    }

    /// Is `issuer` allowed to issue certificates, with `cas_below` CA
    /// certificates between it and the leaf?
    fn check_issuer(&self, cas_below: usize, is_anchor: bool) -> Result<()> {
        let who = self.subject();
        match self.ext::<BasicConstraints>(OID_BC) {
            Some(bc) => {
                let bc = bc?;
                if !bc.ca {
                    return Err(Error::sig(format!(
                        "certificate {who} is not a CA (basicConstraints) but issued another"
                    )));
                }
                if let Some(n) = bc.path_len_constraint {
                    if cas_below > usize::from(n) {
                        return Err(Error::sig(format!(
                            "certificate {who}: path length constraint {n} exceeded"
                        )));
                    }
                }
            }
            // Without basicConstraints, only a trusted (v1) root may issue.
            None if self.cert.tbs_certificate.version == x509_cert::certificate::Version::V3 || !is_anchor => {
                return Err(Error::sig(format!(
                    "certificate {who} issued another but has no basicConstraints"
                )));
            }
            None => {}
        }
        if let Some(ku) = self.ext::<KeyUsage>(OID_KU) {
            if !ku?.0.contains(KeyUsages::KeyCertSign) {
                return Err(Error::sig(format!(
                    "certificate {who} may not sign certificates (keyUsage)"
                )));
            }
        }
        Ok(())
    }

    fn valid_at(&self, at: u64) -> Result<()> {
        let (nb, na) = self.validity();
        if at < nb || at > na {
            return Err(Error::sig(format!(
                "certificate {} is not valid at {} (valid {} to {})",
                self.subject(),
                fmt_time(at),
                fmt_time(nb),
                fmt_time(na)
            )));
        }
        Ok(())
    }

    /// Check that `issuer` signed this certificate.
    fn signed_by(&self, issuer: &Cert) -> Result<()> {
        let alg = self.cert.signature_algorithm.oid.to_string();
        let digest = match alg.as_str() {
            "1.2.840.10045.4.3.2" | "1.2.840.113549.1.1.11" => Digest::Sha256,
            "1.2.840.10045.4.3.3" | "1.2.840.113549.1.1.12" => Digest::Sha384,
            "1.2.840.10045.4.3.4" | "1.2.840.113549.1.1.13" | "1.3.101.112" => Digest::Sha512,
            other => {
                return Err(Error::sig(format!(
                    "certificate {} uses signature algorithm {other}, which is not supported",
                    self.subject()
                )))
            }
        };
        let tbs = self
            .cert
            .tbs_certificate
            .to_der()
            .map_err(|e| Error::sig(format!("certificate {}: {e}", self.subject())))?;
        let sig = self
            .cert
            .signature
            .as_bytes()
            .ok_or_else(|| Error::sig(format!("certificate {}: malformed signature", self.subject())))?;
        issuer.public_key()?.verify(&tbs, sig, digest).map_err(|_| {
            Error::sig(format!(
                "certificate {} is not signed by {}",
                self.subject(),
                issuer.subject()
            ))
        })
    }
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
#[must_use]
pub fn fmt_time(secs: u64) -> String {
    crate::time::format_unix_utc(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// Parse every `CERTIFICATE` block of PEM text.
///
/// # Errors
/// Malformed PEM or certificate, or no certificate at all.
pub fn certs_from_pem(text: &str, what: &str) -> Result<Vec<Cert>> {
    let mut out = Vec::new();
    for (label, der_bytes) in pem_blocks(text, what)? {
        if label == "CERTIFICATE" {
            out.push(Cert::from_der(&der_bytes, what)?);
        }
    }
    if out.is_empty() {
        return Err(Error::key(what, "holds no PEM CERTIFICATE block"));
    }
    Ok(out)
}

/// Build and check a path from `leaf` through `intermediates` to one of
/// `anchors`, with every certificate valid at `at` (Unix seconds). Returns
/// the path, leaf first.
///
/// # Errors
/// No path to a trusted certificate, or a certificate on every path fails a check.
pub fn verify_chain(leaf: &Cert, intermediates: &[Cert], anchors: &[Cert], at: u64) -> Result<Vec<Cert>> {
    leaf.check_critical()?;
    leaf.valid_at(at)?;
    let mut path = vec![leaf.clone()];
    let mut last_err = None;
    let mut budget = MAX_CHECKS;
    if build(&mut path, intermediates, anchors, at, &mut last_err, &mut budget) {
        return Ok(path);
    }
    Err(last_err.unwrap_or_else(|| {
        Error::sig(format!(
            "certificate {} (issued by {}) does not chain to a trusted certificate; give the root with --certificate-chain",
            leaf.subject(),
            leaf.cert.tbs_certificate.issuer
        ))
    }))
}

fn build(
    path: &mut Vec<Cert>,
    inter: &[Cert],
    anchors: &[Cert],
    at: u64,
    err: &mut Option<Error>,
    budget: &mut usize,
) -> bool {
    let Some(cur) = path.last().cloned() else { return false };
    if anchors.iter().any(|a| a.der == cur.der) {
        return true;
    }
    if path.len() > MAX_DEPTH {
        return false;
    }
    let issuer_name = cur.cert.tbs_certificate.issuer.to_der().unwrap_or_default();
    for cand in anchors.iter().chain(inter) {
        if path.iter().any(|p| p.der == cand.der) {
            continue;
        }
        if cand.cert.tbs_certificate.subject.to_der().unwrap_or_default() != issuer_name {
            continue;
        }
        if *budget == 0 {
            *err = Some(Error::sig(
                "certificate path building gave up: too many candidate issuers",
            ));
            return false;
        }
        *budget -= 1;
        let cas_below = path.len() - 1;
        let ok = cur
            .signed_by(cand)
            .and_then(|()| cand.check_issuer(cas_below, anchors.iter().any(|a| a.der == cand.der)))
            .and_then(|()| cand.check_critical())
            .and_then(|()| cand.valid_at(at));
        match ok {
            Ok(()) => {
                path.push(cand.clone());
                if build(path, inter, anchors, at, err, budget) {
                    return true;
                }
                path.pop();
            }
            Err(e) => *err = Some(e),
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_format() {
        assert_eq!(fmt_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(fmt_time(1_760_062_340), "2025-10-10T02:12:20Z");
    }
}
