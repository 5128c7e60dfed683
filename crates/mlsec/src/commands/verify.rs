//! `mlsec verify`: check an OMS signature and the model it covers.

use anyhow::Context as _;
use mlsec_cli::{ResultFormat, VerifyArgs};
use mlsec_signing::{
    certs_from_pem, load_public_key, verify, Error, Identity, Trust, TrustedRoot, VerifyOptions,
    PUBLIC_GOOD_TRUSTED_ROOT,
};

use crate::ExitStatus;

fn trust(args: &VerifyArgs) -> anyhow::Result<Trust> {
    if let Some(p) = &args.public_key {
        return Ok(Trust::Key(load_public_key(
            &super::read_text(p, "public key")?,
            &p.display().to_string(),
        )?));
    }
    if !args.certificate_chain.is_empty() {
        let mut anchors = Vec::new();
        for p in &args.certificate_chain {
            anchors.extend(certs_from_pem(
                &super::read_text(p, "certificate chain")?,
                &p.display().to_string(),
            )?);
        }
        return Ok(Trust::Certificates(anchors));
    }
    if let (Some(identity), Some(issuer)) = (&args.identity, &args.identity_provider) {
        let root = match &args.trust_root {
            Some(p) => TrustedRoot::parse(&super::read_text(p, "trust root")?, &p.display().to_string())?,
            None => TrustedRoot::parse(PUBLIC_GOOD_TRUSTED_ROOT, "bundled Sigstore public-good root")?,
        };
        return Ok(Trust::Sigstore {
            root: Box::new(root),
            identity: Some(Identity {
                identity: identity.clone(),
                issuer: issuer.clone(),
            }),
        });
    }
    anyhow::bail!(
        "say whom to trust: --public-key PUB.pem (key), --certificate-chain CA.pem (certificate), or --identity and --identity-provider (Sigstore keyless)"
    )
}

pub fn run(args: &VerifyArgs) -> anyhow::Result<ExitStatus> {
    let trust = trust(args)?;
    if std::fs::symlink_metadata(&args.signature).is_ok_and(|m| m.file_type().is_symlink()) {
        anyhow::bail!(
            "the signature `{}` is a symbolic link; give the signature file itself (a link could point into the model)",
            args.signature.display()
        );
    }
    let size = std::fs::metadata(&args.signature)
        .with_context(|| format!("cannot read the signature `{}`", args.signature.display()))?
        .len();
    if size > mlsec_signing::MAX_BUNDLE_BYTES {
        anyhow::bail!(
            "the signature `{}` is {size} bytes, more than any model signature needs ({} at most); is it the right file?",
            args.signature.display(),
            mlsec_signing::MAX_BUNDLE_BYTES
        );
    }
    let sig = super::read_bytes(&args.signature, "the signature", mlsec_signing::MAX_BUNDLE_BYTES)?;
    let opts = VerifyOptions {
        ignore_unsigned_files: args.ignore_unsigned_files,
        exclude_files: vec![args.signature.clone()],
        ignore_paths: args.ignore_paths.clone(),
    };
    if let Some(status) = verify_bom_attestation(args, &sig, &trust)? {
        return Ok(status);
    }
    let result = verify(&args.path, &sig, &trust, &opts);
    let (status, json, text) = match &result {
        Ok(v) => {
            for w in &v.warnings {
                super::eprint(&format!("mlsec: warning: {w}"));
            }
            (
                ExitStatus::Success,
                serde_json::json!({
                    "valid": true,
                    "path": args.path.display().to_string(),
                    "method": v.method,
                    "signer": v.signer,
                    "root_digest": { "sha256": v.root_digest },
                    "hash_type": v.manifest.serialization.hash.name(),
                    "resources_checked": v.resources_checked,
                    "predicate_type": v.predicate_type,
                    "warnings": v.warnings,
                }),
                format!(
                    "Verification succeeded: {} matches its signature\n  method       {}\n  signer       {}\n  root digest  sha256:{}\n  checked      {} resources ({})\n",
                    args.path.display(),
                    v.method,
                    v.signer,
                    v.root_digest,
                    v.resources_checked,
                    v.manifest.serialization.hash
                ),
            )
        }
        Err(e @ (Error::Signature(_) | Error::Mismatch(_) | Error::Bundle { .. })) => {
            let (kind, detail) = match e {
                Error::Mismatch(m) => (
                    "mismatch",
                    serde_json::json!({
                        "changed": m.changed.iter().map(|(n, w, g)| serde_json::json!({"name": n, "signed": w, "found": g})).collect::<Vec<_>>(),
                        "missing": m.missing,
                        "unsigned": m.unsigned,
                    }),
                ),
                Error::Bundle { .. } => ("malformed-signature", serde_json::Value::Null),
                _ => ("invalid-signature", serde_json::Value::Null),
            };
            (
                ExitStatus::Failure,
                serde_json::json!({ "valid": false, "path": args.path.display().to_string(), "reason": kind, "error": e.to_string(), "files": detail }),
                format!("Verification failed: {e}\n"),
            )
        }
        Err(e) => return Err(anyhow::anyhow!("{e}")),
    };
    match args.format {
        ResultFormat::Json => super::out(&format!("{}\n", serde_json::to_string_pretty(&json)?))?,
        ResultFormat::Table if status == ExitStatus::Success => super::out(&text)?,
        ResultFormat::Table => super::eprint(text.trim_end()),
    }
    Ok(status)
}

/// A signed BOM (`mlsec bom --sign-key`): check its signature, then that its
/// subject is this model's root digest. `None` if the signature is not a BOM.
fn verify_bom_attestation(args: &VerifyArgs, sig: &[u8], trust: &Trust) -> anyhow::Result<Option<ExitStatus>> {
    let Ok(bundle) = mlsec_signing::Bundle::parse(sig) else {
        return Ok(None);
    };
    let Ok(statement) = serde_json::from_slice::<serde_json::Value>(&bundle.payload) else {
        return Ok(None);
    };
    if statement.get("predicateType").and_then(serde_json::Value::as_str) != Some(mlsec_bom::BOM_PREDICATE_TYPE) {
        return Ok(None);
    }
    let fail = |msg: String| {
        super::eprint(&format!("Verification failed: {msg}"));
        Ok(Some(ExitStatus::Failure))
    };
    if let Err(e) = mlsec_signing::verify_envelope(&bundle, trust) {
        return fail(e.to_string());
    }
    let subject = statement
        .pointer("/subject/0/digest/sha256")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("");
    let opts = mlsec_signing::HashOptions {
        exclude_files: vec![args.signature.clone()],
        ..Default::default()
    };
    let manifest = mlsec_signing::hash_model(&args.path, &opts)?;
    let actual = manifest.root_digest_hex();
    if subject != actual {
        return fail(format!(
            "the BOM describes the model with root digest sha256:{subject}, but {} has sha256:{actual}",
            args.path.display()
        ));
    }
    // The root digest covers the digests, not the names: compare the BOM's
    // file components (name and SHA-256) with the files on disk too.
    let listed: std::collections::BTreeMap<&str, String> = statement
        .pointer("/predicate/metadata/component/components")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| c.get("type").and_then(serde_json::Value::as_str) == Some("file"))
        .filter_map(|c| {
            let sha = c
                .get("hashes")?
                .as_array()?
                .iter()
                .find(|h| h.get("alg").and_then(serde_json::Value::as_str) == Some("SHA-256"))?;
            Some((
                c.get("name")?.as_str()?,
                sha.get("content")?.as_str()?.to_ascii_lowercase(),
            ))
        })
        .collect();
    let single = manifest.resources.len() == 1 && manifest.resources[0].name == ".";
    let on_disk: std::collections::BTreeMap<&str, String> = manifest
        .resources
        .iter()
        .map(|r| {
            (
                if single {
                    manifest.model_name.as_str()
                } else {
                    r.name.as_str()
                },
                super::hex(&r.digest),
            )
        })
        .collect();
    if listed != on_disk {
        let differing = listed.iter().filter(|(k, v)| on_disk.get(*k) != Some(*v)).count()
            + on_disk.keys().filter(|k| !listed.contains_key(*k)).count();
        return fail(format!(
            "the BOM's file list differs from {}: {} files listed, {} on disk, {differing} differ by name or digest",
            args.path.display(),
            listed.len(),
            on_disk.len()
        ));
    }
    let serial = statement
        .pointer("/predicate/serialNumber")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("?");
    super::out(&format!(
        "Verification succeeded: the signed BOM {serial} describes {} (root digest sha256:{actual})\n",
        args.path.display()
    ))?;
    Ok(Some(ExitStatus::Success))
}
