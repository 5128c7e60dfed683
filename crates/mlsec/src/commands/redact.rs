//! `mlsec redact`: write a sanitised copy of a dataset.

use anyhow::Context as _;
use mlsec_cli::RedactArgs;
use mlsec_data_scan::{sniff, RedactOptions};

use crate::settings::{load_config, DataSettings, RedactOperators};
use crate::ExitStatus;

/// Largest decompressed dataset redacted, in bytes: past it the input is
/// refused (a decompression bomb), as a partial read is. A text dataset is
/// redacted as it is decoded, in bounded memory; a Parquet one is decoded
/// whole (its footer comes last).
const MAX_DECOMPRESSED_REDACT: u64 = 256 << 30;

/// Largest decompressed Parquet dataset redacted, in bytes.
const MAX_DECOMPRESSED_PARQUET: usize = 16 << 30;

/// Run `write` on `w`, through an encoder of `codec` when there is one
/// (ended only when `write` succeeded, as the copy is dropped otherwise).
fn compressed_as<T>(
    codec: Option<mlsec_archive::compress::Codec>,
    w: &mut (dyn std::io::Write + Send),
    write: impl FnOnce(&mut (dyn std::io::Write + Send)) -> mlsec_data_scan::Result<T>,
) -> std::io::Result<mlsec_data_scan::Result<T>> {
    let Some(c) = codec else {
        return Ok(write(w));
    };
    let mut enc = mlsec_archive::compress::Encoder::new(c, w)?;
    let res = write(&mut enc);
    if res.is_ok() {
        enc.finish()?;
    }
    Ok(res)
}

/// `redact`'s output (UTF-8) written to `out` in `encoding`, the one the
/// input was read in (UTF-16, Windows-1252), or as it is for `None`.
fn written_in(
    encoding: Option<&'static str>,
    out: &mut dyn std::io::Write,
    redact: impl FnOnce(&mut dyn std::io::Write) -> mlsec_data_scan::Result<mlsec_data_scan::Redacted>,
) -> mlsec_data_scan::Result<mlsec_data_scan::Redacted> {
    let Some(enc) = encoding else {
        return redact(out);
    };
    let mut text = mlsec_data_scan::encoding::TextWriter::new(out, enc);
    let res = redact(&mut text)?;
    text.finish()
        .map_err(|source| mlsec_data_scan::Error::Write { source })?;
    Ok(res)
}

/// The key: `--key-file`, else `--key` / `MLSEC_REDACT_KEY`.
fn key(args: &RedactArgs) -> anyhow::Result<Vec<u8>> {
    if let Some(p) = &args.key_file {
        let mut k = super::read_bytes(p, "key file", 1 << 20)?;
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
fn summary<'a>(counts: impl Iterator<Item = (&'a str, u64)>) -> String {
    let parts: Vec<String> = counts.map(|(e, n)| format!("{n} {e}")).collect();
    if parts.is_empty() {
        return "none".to_owned();
    }
    parts.join(", ")
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
    let mut compressed = super::scan::open_compressed(&file, &name, MAX_DECOMPRESSED_REDACT);
    // UTF-16 text (a spreadsheet's "Unicode text") and Windows-1252 text
    // (its CSV export in Western Europe) are redacted as UTF-8 and written
    // back in the same encoding.
    let transcoded = match compressed {
        Some(_) => None,
        None => mlsec_data_scan::encoding::transcoded_head(&file),
    };
    let format = match (&compressed, &transcoded) {
        (Some(c), _) => Some(c.format),
        (None, Some((text, _))) => sniff(text.as_bytes(), &name),
        (None, None) => sniff(&file, &name),
    }
    .with_context(|| {
        format!(
            "`{}` is not a dataset mlsec reads (CSV/TSV, JSON Lines, JSON, text or Parquet)",
            args.input.display()
        )
    })?;
    let codec = compressed.as_ref().map(|c| c.codec);
    let compressed_encoding = compressed.as_ref().and_then(|c| c.encoding);
    let shown = |format: &str| match (codec, &transcoded) {
        (Some(c), _) => match compressed_encoding {
            Some(enc) => format!("{format}, {enc}, {}", c.name()),
            None => format!("{format}, {}", c.name()),
        },
        (None, Some((_, enc))) => format!("{format}, {enc}"),
        (None, None) => format.to_owned(),
    };
    // A stream that cannot be read to its end leaves values unread: fail
    // closed unless the user accepts a partial copy.
    let stream_error = |c: &super::scan::CompressedDataset<'_>| -> Option<String> {
        c.stream.error().map(|e| {
            format!(
                "its {} stream could not be read to the end ({e}; {} bytes decoded)",
                c.codec.name(),
                c.stream.produced()
            )
        })
    };
    let refuse = |why: &str| {
        super::eprint(&format!(
            "mlsec: error: {}: {why}, so the rest could not be redacted; nothing was written. \
             Fix the input, or pass --allow-partial to write the redacted part that could be read.",
            args.input.display()
        ));
        Ok(ExitStatus::Error)
    };
    let path = args.input.display().to_string();
    let options = RedactOptions {
        default: ops.default,
        per_entity: ops.per_entity,
        key,
        json: format.is_json(),
    };
    if format == mlsec_data_scan::DataFormat::Parquet {
        let mut truncated = false;
        // Shared with the decoder, not copied: a mapped input stays mapped.
        let data = match &mut compressed {
            Some(c) => {
                let mut all = std::mem::take(&mut c.head);
                let limit = MAX_DECOMPRESSED_PARQUET.saturating_sub(all.len()) as u64;
                let _ = std::io::Read::read_to_end(&mut std::io::Read::take(&mut c.stream, limit), &mut all);
                let why = stream_error(c).or_else(|| {
                    (all.len() >= MAX_DECOMPRESSED_PARQUET)
                        .then(|| format!("it decodes to more than {MAX_DECOMPRESSED_PARQUET} bytes"))
                });
                if let Some(why) = why {
                    if !args.allow_partial {
                        return refuse(&why);
                    }
                    super::eprint(&format!(
                        "mlsec: warning: {}: {why}; only that part is written",
                        args.input.display()
                    ));
                    truncated = true;
                }
                all.into()
            }
            None => file.into_shared(),
        };
        // Written row group by row group into a temporary file that
        // replaces the output only when complete (compressed as the input
        // was); a file that fails to read leaves nothing behind.
        let mut outcome = None;
        super::write_streamed(&args.output, |w| {
            let res = compressed_as(codec, w, |out| {
                mlsec_data_scan::redact_parquet_to(data.clone(), &scanner, &path, &options, out)
            })?;
            let keep = res.is_ok();
            outcome = Some(res);
            Ok(keep)
        })?;
        let red = match outcome {
            Some(r) => r.context("cannot redact")?,
            None => anyhow::bail!("cannot redact `{}`", args.input.display()),
        };
        let mut line = format!(
            "mlsec: redacted {} values in {} ({}, {} rows): {}; written to {}",
            red.counts.values().sum::<usize>(),
            args.input.display(),
            shown("parquet"),
            red.rows,
            summary(red.counts.iter().map(|(e, n)| (e.as_str(), *n as u64))),
            args.output.display()
        );
        if red.blanked > 0 {
            line.push_str(&format!(
                "\nmlsec: {} values in date, decimal or other non-string columns could not take their replacement (only `fpe` digits and dates fit them) and were made null (optional columns) or zero (required ones)",
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
    // Text formats: scanned and rewritten segment by segment, into a
    // temporary file that replaces the output only when complete. Fail
    // closed: a part the scan could not read may hold values that would be
    // written in clear, so that copy is dropped unless --allow-partial.
    let mut outcome: Option<mlsec_data_scan::Result<mlsec_data_scan::Redacted>> = None;
    let mut why_partial: Option<String> = None;
    super::write_streamed(&args.output, |w| {
        let res = match &mut compressed {
            Some(c) => compressed_as(Some(c.codec), w, |out| {
                let (head, encoding) = (std::mem::take(&mut c.head), c.encoding);
                written_in(encoding, out, |o| {
                    scanner.redact_reader(head, &mut c.rest(), &path, format, &options, o)
                })
            })?,
            None => match &transcoded {
                // Streamed both ways: memory stays bounded.
                Some((_, enc)) => {
                    let from = mlsec_data_scan::encoding::bom_len(enc);
                    let mut input = mlsec_data_scan::encoding::TextReader::new(&file[from..], enc);
                    written_in(Some(enc), w, |o| {
                        scanner.redact_reader(Vec::new(), &mut input, &path, format, &options, o)
                    })
                }
                // Read, not mapped: memory stays flat however large the file.
                None => {
                    let mut input = std::fs::File::open(&args.input)?;
                    scanner.redact_reader(Vec::new(), &mut input, &path, format, &options, w)
                }
            },
        };
        let res = match res {
            Ok(r) => r,
            Err(e) => {
                outcome = Some(Err(e));
                return Ok(false);
            }
        };
        let mut why = compressed.as_ref().and_then(stream_error);
        if let Some(p) = &res.partial {
            let p = format!("part of it could not be read as {} ({p})", format.name());
            why = Some(why.map_or(p.clone(), |w| format!("{w}; {p}")));
        }
        let keep = why.is_none() || args.allow_partial;
        why_partial = why;
        outcome = Some(Ok(res));
        Ok(keep)
    })?;
    let red = match outcome {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(anyhow::Error::new(e).context("cannot redact")),
        None => anyhow::bail!("cannot redact `{}`", args.input.display()),
    };
    if let Some(why) = &why_partial {
        if !args.allow_partial {
            return refuse(why);
        }
    }
    super::eprint(&format!(
        "mlsec: redacted {} values in {} ({}): {}; written to {}",
        red.counts.values().sum::<u64>(),
        args.input.display(),
        shown(format.name()),
        summary(red.counts.iter().map(|(e, n)| (e.as_str(), *n))),
        args.output.display()
    ));
    if let Some(why) = why_partial {
        super::eprint(&format!(
            "mlsec: warning: {}: {why}; redaction may be incomplete there (the copy was written because of --allow-partial)",
            args.input.display()
        ));
        return Ok(ExitStatus::Error);
    }
    Ok(ExitStatus::Success)
}
