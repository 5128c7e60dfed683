//! Keys: ECDSA P-256/P-384/P-521 private keys from PEM (PKCS#8, encrypted
//! PKCS#8, SEC1), public keys from PEM or DER SubjectPublicKeyInfo, and the
//! verification of signatures made by certificate issuers (ECDSA, RSA
//! PKCS#1 v1.5, Ed25519).

use der::{Decode as _, Encode as _};
use sha2::Digest as _;
use signature::hazmat::PrehashVerifier as _;
use signature::Signer as _;
use spki::{DecodePublicKey as _, EncodePublicKey as _, SubjectPublicKeyInfoOwned};

use crate::error::{Error, Result};

const OID_EC: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_RSA: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_ED25519: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.3.101.112");

/// Digest algorithms used with signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Digest {
    fn hash(self, msg: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => sha2::Sha256::digest(msg).to_vec(),
            Self::Sha384 => sha2::Sha384::digest(msg).to_vec(),
            Self::Sha512 => sha2::Sha512::digest(msg).to_vec(),
        }
    }
}

/// An ECDSA private key on a supported curve.
pub enum SigningKey {
    /// P-256 (signs with SHA-256).
    P256(p256::ecdsa::SigningKey),
    /// P-384 (signs with SHA-384).
    P384(p384::ecdsa::SigningKey),
    /// P-521 (signs with SHA-512).
    P521(p521::ecdsa::SigningKey),
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({})", self.curve())
    }
}

impl SigningKey {
    /// Curve name.
    #[must_use]
    pub fn curve(&self) -> &'static str {
        match self {
            Self::P256(_) => "P-256",
            Self::P384(_) => "P-384",
            Self::P521(_) => "P-521",
        }
    }

    /// Sign `msg` (hashed with the curve's digest), DER-encoded. P-256 and
    /// P-384 use RFC 6979 nonces (the same message and key give the same
    /// signature); P-521 nonces are random.
    #[must_use]
    pub fn sign(&self, msg: &[u8]) -> Vec<u8> {
        match self {
            Self::P256(k) => {
                let s: p256::ecdsa::Signature = k.sign(msg);
                s.to_der().as_bytes().to_vec()
            }
            Self::P384(k) => {
                let s: p384::ecdsa::Signature = k.sign(msg);
                s.to_der().as_bytes().to_vec()
            }
            Self::P521(k) => {
                let s: p521::ecdsa::Signature = k.sign(msg);
                s.to_der().as_bytes().to_vec()
            }
        }
    }

    /// The public half.
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        match self {
            Self::P256(k) => PublicKey::P256(*k.verifying_key()),
            Self::P384(k) => PublicKey::P384(*k.verifying_key()),
            Self::P521(k) => PublicKey::P521(Box::new(p521::ecdsa::VerifyingKey::from(k))),
        }
    }
}

/// A public key that can verify signatures.
#[derive(Clone)]
pub enum PublicKey {
    /// ECDSA P-256.
    P256(p256::ecdsa::VerifyingKey),
    /// ECDSA P-384.
    P384(p384::ecdsa::VerifyingKey),
    /// ECDSA P-521.
    P521(Box<p521::ecdsa::VerifyingKey>),
    /// RSA (certificate issuers only).
    Rsa(Box<rsa::RsaPublicKey>),
    /// Ed25519 (transparency logs).
    Ed25519(ed25519_dalek::VerifyingKey),
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({})", self.kind())
    }
}

impl PublicKey {
    /// Algorithm and curve, for messages.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::P256(_) => "ECDSA P-256",
            Self::P384(_) => "ECDSA P-384",
            Self::P521(_) => "ECDSA P-521",
            Self::Rsa(_) => "RSA",
            Self::Ed25519(_) => "Ed25519",
        }
    }

    /// Whether this is an EC key OMS accepts for signing (P-256/384/521).
    #[must_use]
    pub fn is_oms_signing_key(&self) -> bool {
        matches!(self, Self::P256(_) | Self::P384(_) | Self::P521(_))
    }

    /// The digest the curve signs with (SHA-256/384/512).
    #[must_use]
    pub fn default_digest(&self) -> Digest {
        match self {
            Self::P384(_) => Digest::Sha384,
            Self::P521(_) => Digest::Sha512,
            _ => Digest::Sha256,
        }
    }

    /// Parse a DER SubjectPublicKeyInfo.
    ///
    /// # Errors
    /// Unsupported algorithm or curve, or malformed DER.
    pub fn from_spki_der(der_bytes: &[u8]) -> Result<Self> {
        let spki = SubjectPublicKeyInfoOwned::from_der(der_bytes)
            .map_err(|e| Error::key("public key", format!("is not a DER SubjectPublicKeyInfo ({e})")))?;
        Self::from_spki(&spki)
    }

    /// From a parsed SubjectPublicKeyInfo.
    ///
    /// # Errors
    /// Unsupported algorithm or curve.
    pub fn from_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<Self> {
        let bits = spki
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| Error::key("public key", "has a bit string with unused bits"))?;
        let bad = |e: String| Error::key("public key", e);
        let oid = spki.algorithm.oid;
        if oid == OID_EC {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())
                .ok_or_else(|| bad("EC key without a named curve".into()))?;
            return match curve {
                c if c == OID_P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                    .map(Self::P256)
                    .map_err(|e| bad(format!("invalid P-256 point ({e})"))),
                c if c == OID_P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                    .map(Self::P384)
                    .map_err(|e| bad(format!("invalid P-384 point ({e})"))),
                c if c == OID_P521 => p521::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                    .map(|k| Self::P521(Box::new(k)))
                    .map_err(|e| bad(format!("invalid P-521 point ({e})"))),
                c => Err(bad(format!("curve {c} is not supported; use P-256, P-384 or P-521"))),
            };
        }
        if oid == OID_RSA {
            let der_bytes = spki.to_der().map_err(|e| bad(e.to_string()))?;
            return rsa::RsaPublicKey::from_public_key_der(&der_bytes)
                .map(|k| Self::Rsa(Box::new(k)))
                .map_err(|e| bad(format!("invalid RSA key ({e})")));
        }
        if oid == OID_ED25519 {
            let arr: [u8; 32] = bits.try_into().map_err(|_| bad("Ed25519 key is not 32 bytes".into()))?;
            return ed25519_dalek::VerifyingKey::from_bytes(&arr)
                .map(Self::Ed25519)
                .map_err(|e| bad(format!("invalid Ed25519 key ({e})")));
        }
        Err(bad(format!("algorithm {oid} is not supported")))
    }

    /// DER SubjectPublicKeyInfo.
    #[must_use]
    pub fn to_spki_der(&self) -> Vec<u8> {
        let r = match self {
            Self::P256(k) => k.to_public_key_der(),
            Self::P384(k) => k.to_public_key_der(),
            Self::P521(k) => {
                let point = k.to_encoded_point(false);
                p521::PublicKey::from_sec1_bytes(point.as_bytes())
                    .map_err(|_| spki::Error::KeyMalformed)
                    .and_then(|p| p.to_public_key_der())
            }
            Self::Rsa(k) => k.to_public_key_der(),
            Self::Ed25519(k) => k.to_public_key_der(),
        };
        r.map(|d| d.as_bytes().to_vec()).unwrap_or_default()
    }

    /// PEM SubjectPublicKeyInfo exactly as OpenSSL and `cryptography` write
    /// it (64-column base64, LF line ends).
    #[must_use]
    pub fn to_pem(&self) -> String {
        der_to_pem("PUBLIC KEY", &self.to_spki_der())
    }

    /// The `publicKey.hint` of OMS v1.1: SHA-256 of [`Self::to_pem`], hex.
    #[must_use]
    pub fn hint(&self) -> String {
        hex::encode(sha2::Sha256::digest(self.to_pem().as_bytes()))
    }

    /// Verify a signature over `msg` hashed with `digest`. ECDSA signatures
    /// are DER; Ed25519 ignores `digest`.
    ///
    /// # Errors
    /// `Error::Signature` when the signature does not verify.
    pub fn verify(&self, msg: &[u8], sig: &[u8], digest: Digest) -> Result<()> {
        let bad = || Error::sig(format!("the {} signature does not verify", self.kind()));
        match self {
            Self::P256(k) => {
                let s = p256::ecdsa::Signature::from_der(sig).map_err(|_| bad())?;
                k.verify_prehash(&digest.hash(msg), &s).map_err(|_| bad())
            }
            Self::P384(k) => {
                let s = p384::ecdsa::Signature::from_der(sig).map_err(|_| bad())?;
                k.verify_prehash(&digest.hash(msg), &s).map_err(|_| bad())
            }
            Self::P521(k) => {
                let s = p521::ecdsa::Signature::from_der(sig).map_err(|_| bad())?;
                k.verify_prehash(&digest.hash(msg), &s).map_err(|_| bad())
            }
            Self::Rsa(k) => {
                let scheme = match digest {
                    Digest::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                    Digest::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                    Digest::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
                };
                k.verify(scheme, &digest.hash(msg), sig).map_err(|_| bad())
            }
            Self::Ed25519(k) => {
                let s = ed25519_dalek::Signature::from_slice(sig).map_err(|_| bad())?;
                k.verify_strict(msg, &s).map_err(|_| bad())
            }
        }
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.to_spki_der() == other.to_spki_der()
    }
}

/// Encode DER as PEM with 64-column lines.
#[must_use]
pub fn der_to_pem(label: &str, der_bytes: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der_bytes);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// Split PEM text into `(label, der)` blocks; text between blocks is ignored.
///
/// # Errors
/// A block whose base64 or framing is broken.
pub fn pem_blocks(text: &str, what: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start..];
        let label_end = after[11..]
            .find("-----")
            .ok_or_else(|| Error::key(what, "has a PEM BEGIN line without its closing dashes"))?;
        let label = after[11..11 + label_end].to_owned();
        let end_marker = format!("-----END {label}-----");
        let end = after
            .find(&end_marker)
            .ok_or_else(|| Error::key(what, format!("has no `{end_marker}` line")))?;
        let block = &after[..end + end_marker.len()];
        if block.contains("Proc-Type:") {
            return Err(Error::key(
                what,
                "is an OpenSSL legacy encrypted PEM (Proc-Type header), which is not supported; convert it with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out KEY8.pem`",
            ));
        }
        let (_, der_bytes) = der::pem::decode_vec(block.as_bytes())
            .map_err(|e| Error::key(what, format!("has a malformed PEM block {label:?} ({e})")))?;
        out.push((label, der_bytes));
        rest = &after[end + end_marker.len()..];
    }
    Ok(out)
}

/// Load an ECDSA private key (P-256/P-384/P-521) from PEM. Accepts
/// `PRIVATE KEY` (PKCS#8), `ENCRYPTED PRIVATE KEY` (PKCS#8 PBES2, needs
/// `password`) and `EC PRIVATE KEY` (SEC1).
///
/// # Errors
/// No key block, wrong or missing password, unsupported curve or algorithm.
pub fn load_private_key(pem: &str, password: Option<&[u8]>, what: &str) -> Result<SigningKey> {
    for (label, der_bytes) in pem_blocks(pem, what)? {
        match label.as_str() {
            "PRIVATE KEY" => return from_pkcs8(&der_bytes, what),
            "ENCRYPTED PRIVATE KEY" => {
                let pw = password.ok_or_else(|| {
                    Error::key(
                        what,
                        "is encrypted; give its password (--password or MLSEC_KEY_PASSWORD)",
                    )
                })?;
                let enc = pkcs8::EncryptedPrivateKeyInfo::from_der(&der_bytes)
                    .map_err(|e| Error::key(what, format!("is not a valid encrypted PKCS#8 key ({e})")))?;
                let doc = enc
                    .decrypt(pw)
                    .map_err(|_| Error::key(what, "could not be decrypted: wrong password or unsupported cipher"))?;
                return from_pkcs8(doc.as_bytes(), what);
            }
            "EC PRIVATE KEY" => {
                let sk = sec1::EcPrivateKey::from_der(&der_bytes)
                    .map_err(|e| Error::key(what, format!("is not a valid SEC1 EC key ({e})")))?;
                let curve = sk
                    .parameters
                    .and_then(|p| p.named_curve())
                    .ok_or_else(|| Error::key(what, "SEC1 key without a named curve"))?;
                return from_scalar(curve, sk.private_key, what);
            }
            _ => {}
        }
    }
    Err(Error::key(
        what,
        "holds no private key (expected a PEM `PRIVATE KEY` or `EC PRIVATE KEY` block)",
    ))
}

fn from_pkcs8(der_bytes: &[u8], what: &str) -> Result<SigningKey> {
    let info = pkcs8::PrivateKeyInfo::from_der(der_bytes)
        .map_err(|e| Error::key(what, format!("is not a valid PKCS#8 key ({e})")))?;
    if info.algorithm.oid != OID_EC {
        return Err(Error::key(
            what,
            format!(
                "is a {} key; OMS signing keys are ECDSA P-256, P-384 or P-521",
                info.algorithm.oid
            ),
        ));
    }
    let curve = info
        .algorithm
        .parameters
        .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())
        .ok_or_else(|| Error::key(what, "EC key without a named curve"))?;
    let sk = sec1::EcPrivateKey::from_der(info.private_key)
        .map_err(|e| Error::key(what, format!("has a malformed EC private key ({e})")))?;
    from_scalar(curve, sk.private_key, what)
}

fn from_scalar(curve: der::asn1::ObjectIdentifier, scalar: &[u8], what: &str) -> Result<SigningKey> {
    let bad = |e: &dyn std::fmt::Display| Error::key(what, format!("has an invalid private scalar ({e})"));
    match curve {
        c if c == OID_P256 => p256::ecdsa::SigningKey::from_slice(scalar)
            .map(SigningKey::P256)
            .map_err(|e| bad(&e)),
        c if c == OID_P384 => p384::ecdsa::SigningKey::from_slice(scalar)
            .map(SigningKey::P384)
            .map_err(|e| bad(&e)),
        c if c == OID_P521 => p521::ecdsa::SigningKey::from_slice(scalar)
            .map(SigningKey::P521)
            .map_err(|e| bad(&e)),
        c => Err(Error::key(
            what,
            format!("curve {c} is not supported; use P-256, P-384 or P-521"),
        )),
    }
}

/// Load a public key from PEM (`PUBLIC KEY`; a `CERTIFICATE` gives its key).
///
/// # Errors
/// No usable block.
pub fn load_public_key(pem: &str, what: &str) -> Result<PublicKey> {
    for (label, der_bytes) in pem_blocks(pem, what)? {
        match label.as_str() {
            "PUBLIC KEY" => return PublicKey::from_spki_der(&der_bytes).map_err(|e| Error::key(what, e.to_string())),
            "CERTIFICATE" => {
                let cert = x509_cert::Certificate::from_der(&der_bytes)
                    .map_err(|e| Error::key(what, format!("is not a valid certificate ({e})")))?;
                return PublicKey::from_spki(&cert.tbs_certificate.subject_public_key_info)
                    .map_err(|e| Error::key(what, e.to_string()));
            }
            _ => {}
        }
    }
    Err(Error::key(
        what,
        "holds no public key (expected a PEM `PUBLIC KEY` block)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_all_curves() {
        let keys = [
            SigningKey::P256(p256::ecdsa::SigningKey::from_slice(&[3u8; 32]).unwrap()),
            SigningKey::P384(p384::ecdsa::SigningKey::from_slice(&[3u8; 48]).unwrap()),
            SigningKey::P521(p521::ecdsa::SigningKey::from_slice(&[1u8; 66]).unwrap()),
        ];
        for k in keys {
            let pk = k.public_key();
            let sig = k.sign(b"hello");
            if !matches!(k, SigningKey::P521(_)) {
                assert_eq!(sig, k.sign(b"hello"), "RFC 6979 signatures are deterministic");
            }
            pk.verify(b"hello", &sig, pk.default_digest()).unwrap();
            assert!(pk.verify(b"hellO", &sig, pk.default_digest()).is_err());
            let pem = pk.to_pem();
            assert_eq!(load_public_key(&pem, "k").unwrap(), pk);
            assert_eq!(pk.hint().len(), 64);
        }
    }

    #[test]
    fn legacy_encrypted_pem_is_explained() {
        let pem = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
        let e = load_private_key(pem, Some(b"x"), "k.pem").unwrap_err().to_string();
        assert!(e.contains("openssl pkcs8"), "{e}");
    }
}
