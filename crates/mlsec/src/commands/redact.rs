//! `mlsec redact`: write a sanitised copy of a dataset.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context as _;
use mlsec_cli::RedactArgs;
use mlsec_data_scan::{redact, sniff, Operator, RedactOptions};

use crate::settings::DataSettings;
use crate::ExitStatus;

fn operator(s: &str) -> anyhow::Result<Operator> {
    Operator::parse(s).with_context(|| format!("unknown operator `{s}`; use replace, mask, remove, pseudonym or fpe"))
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
    let default = operator(&args.operator)?;
    let mut per_entity = HashMap::new();
    for e in &args.entity {
        let (name, op) = e
            .split_once('=')
            .with_context(|| format!("`--entity {e}`: expected ENTITY=OPERATOR, e.g. EMAIL=pseudonym"))?;
        per_entity.insert(name.trim().to_ascii_uppercase(), operator(op.trim())?);
    }
    let keyed = std::iter::once(&default)
        .chain(per_entity.values())
        .any(|o| matches!(o, Operator::Pseudonym | Operator::FormatPreserving));
    let key = match &args.key {
        Some(k) if !k.is_empty() => k.as_bytes().to_vec(),
        _ if keyed => anyhow::bail!(
            "pseudonyms and format-preserving digits need a key: set MLSEC_REDACT_KEY (or --key) and keep it, so the same value gets the same token in every file"
        ),
        _ => Vec::new(),
    };
    let mut d = DataSettings::for_path(
        &args.input,
        args.config.as_deref(),
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
            default,
            per_entity,
            key,
        },
    );
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
