//! `mlsec redact`: write a sanitised copy of a dataset.

use std::collections::BTreeMap;

use anyhow::Context as _;
use mlsec_cli::RedactArgs;
use mlsec_data_scan::{redact, sniff, RedactOptions};

use crate::settings::{load_config, DataSettings, RedactOperators};
use crate::ExitStatus;

/// Largest decompressed dataset redacted, in bytes. Redaction rewrites a
/// dataset in memory, so a compressed one is decoded whole first; past this
/// the input is refused (a decompression bomb), as a partial read is.
const MAX_DECOMPRESSED_REDACT: u64 = 16 << 30;

/// A compressed dataset's content, decoded whole, and its codec; `None`
/// when `file` is not compressed (or only looks so: a text starting
/// `x^` has zlib's magic bytes but no stream behind them).
fn decoded(file: &[u8]) -> Option<(mlsec_archive::compress::Codec, mlsec_archive::compress::Decompressed)> {
    let codec = mlsec_archive::compress::detect(file)?;
    let d = mlsec_archive::compress::decompress(codec, file, MAX_DECOMPRESSED_REDACT);
    (d.error.is_none() || !d.data.is_empty()).then_some((codec, d))
}

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

/// `3 EMAIL, 1 PHONE`, or `none`.
fn summary(counts: &BTreeMap<String, usize>) -> String {
    if counts.is_empty() {
        return "none".to_owned();
    }
    counts
        .iter()
        .map(|(e, n)| format!("{n} {e}"))
        .collect::<Vec<_>>()
        .join(", ")
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
    let file = mlsec_data_scan::read_file(&args.input)?;
    let name = args
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A compressed dataset (gzip, zstd, bzip2, xz, ...) is decoded,
    // redacted, and written back compressed the same way.
    let unpacked = decoded(&file);
    let (data, name, codec): (&[u8], &str, _) = match &unpacked {
        Some((codec, d)) => {
            if let Some(e) = &d.error {
                let why = format!(
                    "its {} stream could not be read to the end ({e}; {} bytes decoded)",
                    codec.name(),
                    d.data.len()
                );
                if !args.allow_partial {
                    super::eprint(&format!(
                        "mlsec: error: {}: {why}, so the rest could not be redacted; nothing was written. \
                         Fix the input, or pass --allow-partial to write the redacted part that could be read.",
                        args.input.display()
                    ));
                    return Ok(ExitStatus::Error);
                }
                super::eprint(&format!(
                    "mlsec: warning: {}: {why}; only that part is written",
                    args.input.display()
                ));
            }
            (&d.data, mlsec_archive::compress::inner_name(&name), Some(*codec))
        }
        None => (&file, name.as_str(), None),
    };
    let truncated = unpacked.as_ref().is_some_and(|(_, d)| d.error.is_some());
    // The output, compressed as the input was.
    let pack = |out: Vec<u8>| -> anyhow::Result<Vec<u8>> {
        match codec {
            Some(c) => mlsec_archive::compress::compress(c, &out)
                .with_context(|| format!("cannot compress the redacted copy as {}", c.name())),
            None => Ok(out),
        }
    };
    let shown = |format: &str| match codec {
        Some(c) => format!("{format}, {}", c.name()),
        None => format.to_owned(),
    };
    let format = sniff(data, name).with_context(|| {
        format!(
            "`{}` is not a dataset mlsec reads (CSV/TSV, JSON Lines, JSON, text or Parquet)",
            args.input.display()
        )
    })?;
    let path = args.input.display().to_string();
    let options = RedactOptions {
        default: ops.default,
        per_entity: ops.per_entity,
        key,
        json: matches!(
            format,
            mlsec_data_scan::DataFormat::JsonLines | mlsec_data_scan::DataFormat::Json
        ),
    };
    if format == mlsec_data_scan::DataFormat::Parquet {
        let red = mlsec_data_scan::redact_parquet(data, &scanner, &path, &options).context("cannot redact")?;
        super::write_file(&args.output, &pack(red.data)?)?;
        let mut line = format!(
            "mlsec: redacted {} values in {} ({}, {} rows): {}; written to {}",
            red.counts.values().sum::<usize>(),
            args.input.display(),
            shown("parquet"),
            red.rows,
            summary(&red.counts),
            args.output.display()
        );
        if red.blanked > 0 {
            line.push_str(&format!(
                "\nmlsec: {} values in date, decimal or other non-string columns could not take their replacement and were made null (optional columns) or zero (required ones)",
                red.blanked
            ));
        }
        super::eprint(&line);
        return Ok(if truncated {
            ExitStatus::Error
        } else {
            ExitStatus::Success
        });
    }
    let result = scanner.scan(data, &path, format);
    // Fail closed: a part the scan could not read may hold values that
    // would be written in clear.
    if let (Some(p), false) = (&result.partial, args.allow_partial) {
        super::eprint(&format!(
            "mlsec: error: part of {} could not be read as {} ({p}), so values there could stay in clear; \
             nothing was written. Fix the input, or pass --allow-partial to write what could be redacted.",
            args.input.display(),
            format.name()
        ));
        return Ok(ExitStatus::Error);
    }
    let spans = mlsec_data_scan::finding_spans(&result.findings);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, _, e) in &spans {
        *counts.entry(e.clone()).or_default() += 1;
    }
    let out = redact(data, &spans, &options).context("cannot redact")?;
    super::write_file(&args.output, &pack(out)?)?;
    super::eprint(&format!(
        "mlsec: redacted {} values in {} ({}): {}; written to {}",
        spans.len(),
        args.input.display(),
        shown(format.name()),
        summary(&counts),
        args.output.display()
    ));
    if let Some(p) = result.partial {
        super::eprint(&format!(
            "mlsec: warning: the input is malformed, so redaction may be incomplete: {p}"
        ));
        return Ok(ExitStatus::Error);
    }
    Ok(if truncated {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}
