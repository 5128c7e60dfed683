//! Signing: wrap a statement in a DSSE envelope signed by a private key,
//! inside a Sigstore bundle whose verification material names the key (hint)
//! or carries the certificate chain.

use crate::bundle::{pae, Bundle, Material, PAYLOAD_TYPE};
use crate::error::{Error, Result};
use crate::keys::SigningKey;
use crate::manifest::Manifest;
use crate::statement::to_payload;
use crate::x509::Cert;

/// A signing identity.
#[derive(Debug)]
pub enum Signer {
    /// A private key; the bundle records the public key's hint.
    Key(SigningKey),
    /// A private key with its certificate and the chain above it.
    Certificate {
        /// The private key.
        key: SigningKey,
        /// Leaf certificate first, then intermediates (and optionally the root).
        chain: Vec<Cert>,
    },
}

impl Signer {
    /// A certificate signer, checking that the leaf certifies this key and may sign.
    ///
    /// # Errors
    /// Leaf key differs from the private key, or the leaf may not sign.
    pub fn with_certificate(key: SigningKey, leaf: Cert, chain: Vec<Cert>) -> Result<Self> {
        if leaf.public_key()? != key.public_key() {
            return Err(Error::key(
                "signing certificate",
                format!("{} does not certify the given private key", leaf.subject()),
            ));
        }
        if !leaf.can_sign()? {
            return Err(Error::key(
                "signing certificate",
                format!(
                    "{} has neither digitalSignature key usage nor codeSigning extended key usage",
                    leaf.subject()
                ),
            ));
        }
        let mut all = vec![leaf];
        all.extend(chain);
        Ok(Self::Certificate { key, chain: all })
    }

    fn key(&self) -> &SigningKey {
        match self {
            Self::Key(k) | Self::Certificate { key: k, .. } => k,
        }
    }
}

/// Sign any in-toto statement payload.
#[must_use]
pub fn sign_payload(payload: Vec<u8>, signer: &Signer) -> Bundle {
    let signature = signer.key().sign(&pae(PAYLOAD_TYPE, &payload));
    let material = match signer {
        Signer::Key(k) => Material::PublicKey {
            hint: Some(k.public_key().hint()),
            raw: None,
        },
        Signer::Certificate { chain, .. } => Material::Chain(chain.iter().map(|c| c.der.clone()).collect()),
    };
    Bundle::new(material, payload, signature)
}

/// Sign a model manifest (OMS v1.0 statement).
#[must_use]
pub fn sign_manifest(manifest: &Manifest, signer: &Signer) -> Bundle {
    sign_payload(to_payload(manifest), signer)
}
