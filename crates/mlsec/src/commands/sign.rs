//! `mlsec sign`: hash a model on all cores and write an OMS signature.

use anyhow::Context as _;
use mlsec_cli::{HashArg, SerializationArgs, ShardNamingArg, SignArgs};
use mlsec_signing::{
    certs_from_pem, hash_model_with_progress, load_private_key, sign_manifest, HashAlgorithm, HashOptions, Method,
    ShardNaming, Signer,
};

use crate::ExitStatus;

/// Serialization flags to hashing options.
pub fn hash_options(a: &SerializationArgs) -> anyhow::Result<HashOptions> {
    if a.shards && a.shard_size == 0 {
        anyhow::bail!("--shard-size must be a positive number of bytes");
    }
    Ok(HashOptions {
        method: if a.shards {
            Method::Shards {
                shard_size: a.shard_size,
            }
        } else {
            Method::Files
        },
        hash: match a.hash {
            HashArg::Sha256 => HashAlgorithm::Sha256,
            HashArg::Blake2b => HashAlgorithm::Blake2b,
            HashArg::Blake3 => HashAlgorithm::Blake3,
        },
        allow_symlinks: a.allow_symlinks,
        ignore_paths: a.ignore_paths.clone(),
        ignore_git_paths: !a.no_ignore_git_paths,
        shard_naming: match a.shard_naming {
            ShardNamingArg::Oms => ShardNaming::Oms,
            ShardNamingArg::ModelSigning => ShardNaming::ModelSigning,
        },
        exclude_files: Vec::new(),
        cache: None,
    })
}

/// Hash with a byte-counting spinner on a terminal.
pub fn hash_with_progress(
    path: &std::path::Path,
    opts: &HashOptions,
    quiet: bool,
) -> anyhow::Result<mlsec_signing::Manifest> {
    use std::io::IsTerminal as _;
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} hashing {binary_bytes} ({binary_bytes_per_sec}) {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    });
    let result = hash_model_with_progress(path, opts, &|n| {
        if let Some(b) = &bar {
            b.inc(n);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let (manifest, warnings) = result?;
    if !quiet {
        for w in warnings {
            super::eprint(&format!("mlsec: warning: {w}"));
        }
    }
    Ok(manifest)
}

/// Load the signer from a private key and, for the certificate method, its certificate and chain.
pub fn load_signer(
    private_key: &std::path::Path,
    password: Option<&str>,
    certificate: Option<&std::path::Path>,
    chain_files: &[std::path::PathBuf],
) -> anyhow::Result<Signer> {
    let key = load_private_key(
        &super::read_text(private_key, "private key")?,
        password.map(str::as_bytes),
        &private_key.display().to_string(),
    )?;
    let Some(leaf) = certificate else {
        return Ok(Signer::Key(key));
    };
    let leaf_cert = certs_from_pem(&super::read_text(leaf, "certificate")?, &leaf.display().to_string())?
        .into_iter()
        .next()
        .context("no certificate")?;
    let mut chain = Vec::new();
    for p in chain_files {
        chain.extend(certs_from_pem(
            &super::read_text(p, "certificate chain")?,
            &p.display().to_string(),
        )?);
    }
    Ok(Signer::with_certificate(key, leaf_cert, chain)?)
}

pub fn run(args: &SignArgs) -> anyhow::Result<ExitStatus> {
    let signer = load_signer(
        &args.private_key,
        args.password.as_deref(),
        args.certificate.as_deref(),
        &args.certificate_chain,
    )?;
    let mut opts = hash_options(&args.serialization)?;
    opts.exclude_files.push(args.signature.clone());
    opts.cache.clone_from(&args.digest_cache);
    let start = std::time::Instant::now();
    let manifest = hash_with_progress(&args.path, &opts, args.quiet)?;
    let bundle = sign_manifest(&manifest, &signer);
    super::write_file(&args.signature, &bundle.to_json())?;
    if !args.quiet {
        super::eprint(&format!(
            "mlsec: signed {} ({} resources, {}) in {:.2}s\nmlsec: root digest sha256:{}\nmlsec: signature written to {}",
            args.path.display(),
            manifest.resources.len(),
            manifest.serialization.hash,
            start.elapsed().as_secs_f64(),
            manifest.root_digest_hex(),
            args.signature.display()
        ));
    }
    Ok(ExitStatus::Success)
}
