//! `mlsec digest`: print the OMS root digest of a model or dataset.

use mlsec_cli::{DigestArgs, ResultFormat};

use crate::ExitStatus;

pub fn run(args: &DigestArgs) -> anyhow::Result<ExitStatus> {
    let opts = super::sign::hash_options(&args.serialization)?;
    let m = super::sign::hash_with_progress(&args.path, &opts, false)?;
    match args.format {
        ResultFormat::Table => super::out(&format!("{}\n", m.root_digest_hex()))?,
        ResultFormat::Json => {
            let resources: Vec<_> = m
                .resources
                .iter()
                .map(|r| serde_json::json!({ "name": r.name, "algorithm": r.algorithm, "digest": super::hex(&r.digest) }))
                .collect();
            let v = serde_json::json!({
                "path": args.path.display().to_string(),
                "name": m.model_name,
                "root_digest": { "sha256": m.root_digest_hex() },
                "hash_type": m.serialization.hash.name(),
                "resources": resources,
            });
            super::out(&format!("{}\n", serde_json::to_string_pretty(&v)?))?;
        }
    }
    Ok(ExitStatus::Success)
}
