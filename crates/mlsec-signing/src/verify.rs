//! Verification: check the bundle's signature with the trust the user gave
//! (a public key, CA certificates, or a Sigstore trusted root), read the
//! statement, then re-hash the model and compare file by file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::bundle::{pae, pae_v02, Bundle, Material, PAYLOAD_TYPE};
use crate::error::{Error, Result};
use crate::keys::{Digest, PublicKey};
use crate::manifest::{parse_shard_name, Manifest, Method};
use crate::serialize::{enumerate, hash_units, normalize_ignore, printable, units, DEFAULT_IGNORES};
use crate::sigstore::{verify_keyless, Identity, TrustedRoot};
use crate::statement::{parse_payload, SignedStatement};
use crate::x509::{verify_chain, Cert};

/// What the verifier trusts.
#[derive(Debug)]
pub enum Trust {
    /// A long-lived public key (the `key` method).
    Key(PublicKey),
    /// CA certificates to which the bundle's chain must lead (the `certificate` method).
    Certificates(Vec<Cert>),
    /// A Sigstore trusted root and the expected signer (the `sigstore` method).
    Sigstore {
        /// Fulcio CAs and Rekor keys.
        root: Box<TrustedRoot>,
        /// Expected identity and issuer.
        identity: Option<Identity>,
    },
}

/// Most pieces (files or shards) a verification hashes.
const MAX_UNITS: usize = 20_000_000;

/// Options for [`verify`].
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// Accept files that are on disk but not in the signature.
    pub ignore_unsigned_files: bool,
    /// Files to leave out wherever they are (the signature file itself).
    pub exclude_files: Vec<PathBuf>,
    /// More paths to leave out, relative to the model root, for signatures
    /// made before ignore paths were recorded (model-signing < 1.1).
    pub ignore_paths: Vec<String>,
}

/// A successful verification.
#[derive(Debug, Clone)]
pub struct Verified {
    /// `key`, `certificate` or `sigstore`.
    pub method: &'static str,
    /// Who signed, in words (key hint, certificate subject, identity).
    pub signer: String,
    /// The signed manifest.
    pub manifest: Manifest,
    /// The root digest (recomputed for v0.2 signatures, which carry none).
    pub root_digest: String,
    /// Predicate type of the statement.
    pub predicate_type: String,
    /// Number of resources compared.
    pub resources_checked: usize,
    /// Non-fatal remarks (old layouts, symlinks leaving the root).
    pub warnings: Vec<String>,
}

/// Files that differ between the signature and the disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mismatch {
    /// `(name, expected hex, actual hex)` for changed content.
    pub changed: Vec<(String, String, String)>,
    /// Signed but not on disk.
    pub missing: Vec<String>,
    /// On disk but not signed.
    pub unsigned: Vec<String>,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MAX: usize = 50;
        let mut n = 0;
        for (name, want, got) in &self.changed {
            if n < MAX {
                writeln!(f, "  changed   {}: signed {want}, found {got}", printable(name))?;
            }
            n += 1;
        }
        for name in &self.missing {
            if n < MAX {
                writeln!(f, "  missing   {}: signed, but not in the model", printable(name))?;
            }
            n += 1;
        }
        for name in &self.unsigned {
            if n < MAX {
                writeln!(
                    f,
                    "  unsigned  {}: in the model, but not signed (--ignore-unsigned-files accepts extra files)",
                    printable(name)
                )?;
            }
            n += 1;
        }
        if n > MAX {
            writeln!(f, "  ... and {} more", n - MAX)?;
        }
        Ok(())
    }
}

/// The signer's key and a description, after the envelope's signature checked out.
struct Signed {
    method: &'static str,
    signer: String,
    statement: SignedStatement,
    warnings: Vec<String>,
}

fn check_dsse(bundle: &Bundle, key: &PublicKey) -> Result<()> {
    if bundle.payload_type != PAYLOAD_TYPE {
        return Err(Error::bundle(
            "dsseEnvelope.payloadType",
            format!("is {:?}, expected {PAYLOAD_TYPE:?}", bundle.payload_type),
        ));
    }
    let d = key.default_digest();
    if key
        .verify(&pae(PAYLOAD_TYPE, &bundle.payload), &bundle.signature, d)
        .is_ok()
    {
        return Ok(());
    }
    // model-signing 0.2 signed a mangled encoding, with SHA-256 whatever the
    // curve. Only v0.1 statements (small) can be such signatures.
    let v01 = bundle.payload.len() <= 16 << 20
        && serde_json::from_slice::<serde_json::Value>(&bundle.payload)
            .ok()
            .and_then(|v| {
                v.get("predicateType")
                    .and_then(|t| t.as_str())
                    .map(|t| t == crate::statement::PREDICATE_TYPE_V01)
            })
            .unwrap_or(false);
    if !v01 {
        return Err(Error::sig("the DSSE signature does not verify with the signer's key: the signature or its payload was altered, or it was made by another key"));
    }
    let old = pae_v02(PAYLOAD_TYPE, &bundle.payload);
    if key.verify(&old, &bundle.signature, d).is_ok() || key.verify(&old, &bundle.signature, Digest::Sha256).is_ok() {
        return Ok(());
    }
    Err(Error::sig("the DSSE signature does not verify with the signer's key: the signature or its payload was altered, or it was made by another key"))
}

/// Check a bundle's signature against `trust` and return its verified payload
/// (an in-toto statement of any predicate type) and a signer description.
///
/// # Errors
/// Wrong method for the trust given, untrusted chain, bad signature, log proofs.
pub fn verify_envelope(bundle: &Bundle, trust: &Trust) -> Result<(&'static str, String, Vec<String>)> {
    let mut warnings = Vec::new();
    let (method, signer) = match (trust, &bundle.material) {
        (Trust::Key(key), Material::PublicKey { hint, raw }) => {
            if let Some(h) = hint {
                if *h != key.hint() {
                    return Err(Error::sig(format!(
                        "the signature was made with another key (its key hint is {h}, the given public key's is {})",
                        key.hint()
                    )));
                }
            } else {
                warnings.push(
                    "the signature uses the pre-1.1 key layout (publicKey.rawBytes); re-sign to record a key hint"
                        .into(),
                );
            }
            if let Some(raw) = raw {
                let given = std::str::from_utf8(raw)
                    .ok()
                    .and_then(|pem| crate::keys::load_public_key(pem, "bundle key").ok())
                    .or_else(|| PublicKey::from_spki_der(raw).ok());
                if given.is_some_and(|g| g != *key) {
                    return Err(Error::sig(
                        "the signature names another public key (publicKey.rawBytes) than the one given",
                    ));
                }
            }
            check_dsse(bundle, key)?;
            ("key", format!("{} key {}", key.kind(), key.hint()))
        }
        (Trust::Certificates(anchors), Material::Chain(ders)) => {
            let mut certs = Vec::new();
            for (i, d) in ders.iter().enumerate() {
                certs.push(Cert::from_der(
                    d,
                    &format!("verificationMaterial.x509CertificateChain.certificates[{i}]"),
                )?);
            }
            let leaf = &certs[0];
            // OMS 8.2: the leaf must be within its validity period.
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            verify_chain(leaf, &certs[1..], anchors, now)?;
            if !leaf.can_sign()? {
                return Err(Error::sig(format!(
                    "certificate {} may not sign (no digitalSignature key usage or codeSigning extended key usage)",
                    leaf.subject()
                )));
            }
            let key = leaf.public_key()?;
            check_dsse(bundle, &key)?;
            ("certificate", format!("certificate {}", leaf.subject()))
        }
        (Trust::Sigstore { root, identity }, m @ (Material::Certificate(_) | Material::Chain(_))) => {
            let leaf: &[u8] = match m {
                Material::Chain(c) => &c[0],
                Material::Certificate(c) => c,
                Material::PublicKey { .. } => unreachable!("matched above"),
            };
            let s = verify_keyless(bundle, leaf, root, identity.as_ref())?;
            check_dsse(bundle, &s.key)?;
            if identity.is_none() {
                warnings.push(
                    "no --identity/--identity-provider given: anyone with a Sigstore identity could have signed".into(),
                );
            }
            (
                "sigstore",
                format!(
                    "{} (issuer {}), Rekor entry {} at {}",
                    s.identities.join(", "),
                    s.issuer.as_deref().unwrap_or("unknown"),
                    s.log_index,
                    crate::x509::fmt_time(s.integrated_time)
                ),
            )
        }
        (_, m) => {
            let (made, flag) = match m {
                Material::PublicKey { .. } => ("a public key", "--public-key"),
                Material::Chain(_) => ("a signing certificate", "--certificate-chain"),
                Material::Certificate(_) => (
                    "Sigstore (keyless)",
                    "--identity and --identity-provider (and --trust-root)",
                ),
            };
            return Err(Error::sig(format!(
                "this signature was made with {made}; verify it with {flag}"
            )));
        }
    };
    Ok((method, signer, warnings))
}

fn verify_signature(bundle: &Bundle, trust: &Trust) -> Result<Signed> {
    let (method, signer, warnings) = verify_envelope(bundle, trust)?;
    let statement = parse_payload(&bundle.payload)?;
    Ok(Signed {
        method,
        signer,
        statement,
        warnings,
    })
}

/// Verify the model at `model` against the bundle bytes.
///
/// # Errors
/// `Error::Signature`/`Error::Bundle` when the signature is not valid;
/// `Error::Mismatch` when the model differs from what was signed.
pub fn verify(model: &Path, bundle_bytes: &[u8], trust: &Trust, opts: &VerifyOptions) -> Result<Verified> {
    let bundle = Bundle::parse(bundle_bytes)?;
    let signed = verify_signature(&bundle, trust)?;
    let mut warnings = signed.warnings;
    let expected = &signed.statement.manifest;
    let ser = &expected.serialization;

    // Paths whose resource names fall under a default ignore stay checked
    // (the signer turned the default off).
    let mut ignore: Vec<Vec<String>> = Vec::new();
    let expected_paths: BTreeSet<&str> = expected
        .resources
        .iter()
        .map(|r| match ser.method {
            Method::Files => r.name.as_str(),
            Method::Shards { .. } => parse_shard_name(&r.name).map_or(r.name.as_str(), |(p, _, _)| p),
        })
        .collect();
    for d in DEFAULT_IGNORES {
        if !expected_paths.iter().any(|p| p.split('/').next() == Some(d)) {
            ignore.push(vec![d.to_owned()]);
        }
    }
    for p in &ser.ignore_paths {
        if let Ok(c) = normalize_ignore(model, p) {
            ignore.push(c);
        }
    }
    for p in &opts.ignore_paths {
        ignore.push(normalize_ignore(model, p)?);
    }
    let mut en = enumerate(model, ser.allow_symlinks, &ignore, &opts.exclude_files)?;
    warnings.append(&mut en.warnings);
    if en.single_file && expected_paths.len() == 1 {
        // "." (reference tool) or the file name (OMS, Go) both name a single file.
        let only = expected_paths.iter().next().copied().unwrap_or(".");
        let base = crate::serialize::model_name(model);
        if only == base {
            en.files[0].name = base;
        }
    }
    if opts.ignore_unsigned_files {
        en.files.retain(|f| expected_paths.contains(f.name.as_str()));
    }
    let work = units(&en.files, ser.method);
    if work.len() > MAX_UNITS {
        return Err(Error::sig(format!(
            "the signature's serialization splits this model into {} pieces, more than {MAX_UNITS}; refusing",
            work.len()
        )));
    }
    let mut seen = BTreeSet::new();
    for r in &expected.resources {
        if !seen.insert(r.name.as_str()) {
            return Err(Error::bundle(
                "payload predicate.resources",
                format!("lists {:?} twice", r.name),
            ));
        }
    }
    // Name every piece; only pieces the signature lists are hashed (an
    // unsigned file, however large, is reported without being read).
    let names: Vec<String> = work
        .iter()
        .map(|u| match ser.method {
            Method::Files => u.file.name.clone(),
            Method::Shards { .. } => crate::manifest::shard_name(&u.file.name, u.start, u.end),
        })
        .collect();
    let mut mismatch = Mismatch::default();
    let (listed, unsigned): (Vec<usize>, Vec<usize>) = (0..work.len()).partition(|&i| seen.contains(names[i].as_str()));
    // With --ignore-unsigned-files, whole files the signature does not know
    // are accepted, but never extra shards of a signed file (appended data).
    for i in unsigned {
        if !opts.ignore_unsigned_files || expected_paths.contains(work[i].file.name.as_str()) {
            mismatch.unsigned.push(names[i].clone());
        }
    }
    let to_hash: Vec<crate::serialize::Unit<'_>> = listed
        .iter()
        .map(|&i| crate::serialize::Unit {
            file: work[i].file,
            start: work[i].start,
            end: work[i].end,
        })
        .collect();
    let digests = hash_units(&to_hash, ser.hash, None, &|_| {})?;
    let actual: BTreeMap<&str, Vec<u8>> = listed.iter().map(|&i| names[i].as_str()).zip(digests).collect();
    for r in &expected.resources {
        match actual.get(r.name.as_str()) {
            None => mismatch.missing.push(r.name.clone()),
            Some(d) if *d != r.digest => mismatch.changed.push((
                r.name.clone(),
                format!("{}:{}", ser.hash, hex::encode(&r.digest)),
                format!("{}:{}", ser.hash, hex::encode(d)),
            )),
            Some(_) => {}
        }
    }
    mismatch.unsigned.sort();
    if mismatch != Mismatch::default() {
        return Err(Error::Mismatch(mismatch));
    }
    let root_digest = signed
        .statement
        .root_digest
        .clone()
        .unwrap_or_else(|| expected.root_digest_hex());
    Ok(Verified {
        method: signed.method,
        signer: signed.signer,
        manifest: expected.clone(),
        root_digest,
        predicate_type: signed.statement.predicate_type,
        resources_checked: expected.resources.len(),
        warnings,
    })
}
