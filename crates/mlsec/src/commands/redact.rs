//! `mlsec redact`: write a sanitised copy of a dataset.

use std::collections::BTreeMap;

use anyhow::Context as _;
use mlsec_cli::RedactArgs;
use mlsec_data_scan::{redact, sniff, RedactOptions};

use crate::settings::{load_config, DataSettings, RedactOperators};
use crate::ExitStatus;

/// The key: `--key-file`, else `--key` / `MLSEC_REDACT_KEY`.
fn key(args: &RedactArgs) -> anyhow::Result<Vec<u8>> {
    if let Some(p) = &args.key_file {
        let mut k = std::fs::read(p).with_context(|| format!("cannot read key file `{}`", p.display()))?;
        while k.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            k.pop();
        }
        if k.is_empty() {
            anyhow::bail!("key file `{}` is empty", p.display());
        }
        return Ok(k);
    }
    Ok(args.key.as_deref().unwrap_or_default().as_bytes().to_vec())
}

/// `mlsec redact --decrypt`: restore the values of `encrypt` tokens.
fn decrypt(args: &RedactArgs) -> anyhow::Result<ExitStatus> {
    let key = key(args)?;
    if key.len() < mlsec_data_scan::redact::MIN_ENC_KEY_LEN {
        anyhow::bail!(
            "--decrypt needs the key the tokens were written with (at least {} bytes: MLSEC_REDACT_KEY, --key or --key-file)",
            mlsec_data_scan::redact::MIN_ENC_KEY_LEN
        );
    }
    let data = mlsec_data_scan::read_file(&args.input)?;
    let (out, n) = mlsec_data_scan::decrypt_all(&data, &key)
        .with_context(|| format!("cannot decrypt `{}`", args.input.display()))?;
    super::write_file(&args.output, &out)?;
    super::eprint(&format!(
        "mlsec: restored {n} encrypted values from {}; written to {}",
        args.input.display(),
        args.output.display()
    ));
    Ok(ExitStatus::Success)
}

pub fn run(args: &RedactArgs) -> anyhow::Result<ExitStatus> {
    let same = match (std::fs::canonicalize(&args.input), std::fs::canonicalize(&args.output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same || args.input == args.output {
        anyhow::bail!(
            "the output must not be the input (`{}`); redaction never overwrites its input",
            args.input.display()
        );
    }
    if args.decrypt {
        return decrypt(args);
    }
    let (config, file) = load_config(&args.input, args.config.as_deref())?;
    let ops = RedactOperators::resolve(args, &file.redact, config.as_deref())?;
    let key = key(args)?;
    if ops.keyed() && key.is_empty() {
        anyhow::bail!(
            "pseudonyms, format-preserving digits and encryption need a key: set MLSEC_REDACT_KEY (or --key, --key-file) and keep it, so the same value gets the same token in every file"
        );
    }
    if ops.encrypts() && key.len() < mlsec_data_scan::redact::MIN_ENC_KEY_LEN {
        anyhow::bail!(
            "the `encrypt` operator needs a key of at least {} bytes (MLSEC_REDACT_KEY, --key or --key-file)",
            mlsec_data_scan::redact::MIN_ENC_KEY_LEN
        );
    }
    let mut d = DataSettings::from_file(
        file.scan.data,
        config.as_deref(),
        args.phone_region.clone(),
        &args.secret_rules,
    )?;
    d.per_value = true;
    let scanner = super::scan::data_scanner(&d)?;
    let data = mlsec_data_scan::read_file(&args.input)?;
    let name = args
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = sniff(&data, &name).with_context(|| {
        format!(
            "`{}` is not a dataset mlsec reads (CSV/TSV, JSON Lines, JSON or text)",
            args.input.display()
        )
    })?;
    if format == mlsec_data_scan::DataFormat::Parquet {
        anyhow::bail!(
            "`{}` is Parquet: `mlsec scan` reads it, but `mlsec redact` cannot write Parquet yet (convert it to CSV or JSON Lines first)",
            args.input.display()
        );
    }
    let path = args.input.display().to_string();
    let result = scanner.scan(&data, &path, format);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let spans: Vec<(usize, usize, String)> = result
        .findings
        .iter()
        .filter_map(|f| {
            let d = f.data.as_ref()?;
            let (o, l) = (f.location.offset?, f.location.length?);
            *counts.entry(d.entity.clone()).or_default() += 1;
            Some((usize::try_from(o).ok()?, usize::try_from(o + l).ok()?, d.entity.clone()))
        })
        .collect();
    let out = redact(
        &data,
        &spans,
        &RedactOptions {
            default: ops.default,
            per_entity: ops.per_entity,
            key,
            json: matches!(
                format,
                mlsec_data_scan::DataFormat::JsonLines | mlsec_data_scan::DataFormat::Json
            ),
        },
    )
    .context("cannot redact")?;
    super::write_file(&args.output, &out)?;
    let summary: Vec<String> = counts.iter().map(|(e, n)| format!("{n} {e}")).collect();
    super::eprint(&format!(
        "mlsec: redacted {} values in {} ({}): {}; written to {}",
        spans.len(),
        args.input.display(),
        format.name(),
        if summary.is_empty() {
            "none".to_owned()
        } else {
            summary.join(", ")
        },
        args.output.display()
    ));
    if let Some(p) = result.partial {
        super::eprint(&format!(
            "mlsec: warning: the input is malformed, so redaction may be incomplete: {p}"
        ));
        return Ok(ExitStatus::Error);
    }
    Ok(ExitStatus::Success)
}
