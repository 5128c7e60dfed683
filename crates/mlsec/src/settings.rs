//! Settings resolution, in one place: CLI > environment (handled by clap `env`) >
//! `--config` or nearest `mlsec.toml` > defaults.

use std::path::PathBuf;

use std::collections::HashMap;

use anyhow::Context as _;
use mlsec_cli::{FailOn, OutputFormat, RedactArgs, ScanArgs};
use mlsec_data_scan::Operator;
use mlsec_diagnostics::Severity;
use mlsec_model_scan::Options;
use mlsec_report::Format;

/// Resolved settings of `mlsec scan`.
#[derive(Debug)]
pub struct ScanSettings {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub fail_on: Severity,
    #[expect(dead_code, reason = "shown by --show-settings")]
    pub config: Option<PathBuf>,
    pub ignore: Vec<String>,
    pub ignore_rules: Vec<String>,
    pub quiet: bool,
    pub options: Options,
    pub data: DataSettings,
    /// Accepted dataset findings: `--baseline`, else `scan.data.baseline` (relative to the config file).
    pub baseline: Option<PathBuf>,
    /// `--write-baseline`.
    pub write_baseline: Option<PathBuf>,
}

impl DataSettings {
    /// `[scan.data]` of the config file at `config`, with flags on top.
    pub fn from_file(
        dd: mlsec_settings::DataOptions,
        config: Option<&std::path::Path>,
        phone_region: Option<String>,
        extra_rules: &[PathBuf],
    ) -> anyhow::Result<Self> {
        let base = config
            .and_then(|c| c.parent().map(std::path::Path::to_path_buf))
            .unwrap_or_default();
        let mut secret_rules: Vec<PathBuf> = dd.secret_rules.iter().map(|p| base.join(p)).collect();
        secret_rules.extend(extra_rules.iter().cloned());
        let column_share = dd.column_share.unwrap_or(0.5);
        if !(0.0..=1.0).contains(&column_share) {
            anyhow::bail!("`scan.data.column_share` must be between 0 and 1, not {column_share}");
        }
        Ok(Self {
            secret_rules,
            replace_builtin_rules: dd.replace_builtin_rules.unwrap_or(false),
            phone_region: phone_region.or(dd.phone_region).map(|r| r.to_ascii_uppercase()),
            column_share,
            per_value: dd.per_value.unwrap_or(false),
            max_findings: dd.max_findings.unwrap_or(10_000),
            no_pii: false,
            no_secrets: false,
        })
    }
}

/// The configuration file for a command on `start` (`--config`, else the
/// nearest `mlsec.toml`), loaded, with its path.
pub fn load_config(
    start: &std::path::Path,
    config: Option<&std::path::Path>,
) -> anyhow::Result<(Option<PathBuf>, mlsec_settings::FileOptions)> {
    let config = config
        .map(std::path::Path::to_path_buf)
        .or_else(|| mlsec_settings::find_config(start));
    let file = match &config {
        Some(c) => mlsec_settings::load(c)?,
        None => mlsec_settings::FileOptions::default(),
    };
    Ok((config, file))
}

/// Parse an operator named at `key` (for the error message).
fn operator(name: &str, key: &str) -> anyhow::Result<Operator> {
    Operator::parse(name.trim()).with_context(|| {
        format!(
            "{key}: unknown operator `{name}`; expected one of: {}",
            Operator::NAMES.join(", ")
        )
    })
}

/// An entity name (case-insensitive) named at `key`.
fn entity(name: &str, key: &str) -> anyhow::Result<String> {
    let upper = name.trim().to_ascii_uppercase();
    let all = mlsec_data_scan::entities();
    if all.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        anyhow::bail!("{key}: unknown entity `{name}`; expected one of: {}", all.join(", "))
    }
}

/// Resolved operators of `mlsec redact`: each of `--operator` and
/// `--entity E=OP` wins over `redact.default` and `redact.entities.E` in
/// the config file, which win over the default (`replace` for everything).
#[derive(Debug)]
pub struct RedactOperators {
    pub default: Operator,
    pub per_entity: HashMap<String, Operator>,
}

impl RedactOperators {
    pub fn resolve(
        args: &RedactArgs,
        file: &mlsec_settings::RedactOptions,
        config: Option<&std::path::Path>,
    ) -> anyhow::Result<Self> {
        let in_file = |key: &str| match config {
            Some(c) => format!("invalid config `{}`: `{key}`", c.display()),
            None => format!("`{key}`"),
        };
        let default = match (&args.operator, &file.default) {
            (Some(op), _) => operator(op, "`--operator`")?,
            (None, Some(op)) => operator(op, &in_file("redact.default"))?,
            (None, None) => Operator::Replace,
        };
        let mut per_entity = HashMap::new();
        for (name, op) in &file.entities {
            let key = in_file(&format!("redact.entities.{name}"));
            per_entity.insert(entity(name, &key)?, operator(op, &key)?);
        }
        for e in &args.entity {
            let (name, op) = e
                .split_once('=')
                .with_context(|| format!("`--entity {e}`: expected ENTITY=OPERATOR, e.g. EMAIL=pseudonym"))?;
            let key = format!("`--entity {e}`");
            per_entity.insert(entity(name, &key)?, operator(op, &key)?);
        }
        Ok(Self { default, per_entity })
    }

    /// Does any operator need a key?
    pub fn keyed(&self) -> bool {
        std::iter::once(&self.default)
            .chain(self.per_entity.values())
            .any(|o| o.keyed())
    }

    /// Does any operator encrypt?
    pub fn encrypts(&self) -> bool {
        std::iter::once(&self.default)
            .chain(self.per_entity.values())
            .any(|o| *o == Operator::Encrypt)
    }
}

/// Resolved settings of the dataset scanner.
#[derive(Debug)]
pub struct DataSettings {
    pub secret_rules: Vec<PathBuf>,
    pub replace_builtin_rules: bool,
    pub phone_region: Option<String>,
    pub column_share: f64,
    pub per_value: bool,
    pub max_findings: usize,
    pub no_pii: bool,
    pub no_secrets: bool,
}

impl ScanSettings {
    pub fn resolve(args: &ScanArgs) -> anyhow::Result<Self> {
        let config = match &args.config {
            Some(c) => Some(c.clone()),
            None => args.paths.first().and_then(|p| mlsec_settings::find_config(p)),
        };
        let file = match &config {
            Some(c) => mlsec_settings::load(c)?,
            None => mlsec_settings::FileOptions::default(),
        };
        let s = file.scan;
        let format = match args.format {
            Some(OutputFormat::Table) => Format::Table,
            Some(OutputFormat::Json) => Format::Json,
            Some(OutputFormat::Sarif) => Format::Sarif,
            Some(OutputFormat::Html) => Format::Html,
            None => match s.format.as_deref() {
                Some("json") => Format::Json,
                Some("sarif") => Format::Sarif,
                Some("html") => Format::Html,
                _ => Format::Table,
            },
        };
        let fail_on = match args.fail_on {
            Some(FailOn::Info) => Severity::Info,
            Some(FailOn::Low) => Severity::Low,
            Some(FailOn::Medium) => Severity::Medium,
            Some(FailOn::High) => Severity::High,
            Some(FailOn::Critical) => Severity::Critical,
            None => s.fail_on.unwrap_or(Severity::High),
        };
        let mut allow = s.allow.clone();
        allow.extend(args.allow.iter().cloned());
        let mut ignore = s.ignore.clone();
        ignore.extend(args.ignore.iter().cloned());
        let d = Options::default();
        let options = Options {
            allow,
            max_member_bytes: s.limits.max_member_bytes.unwrap_or(d.max_member_bytes),
            max_ratio: s.limits.max_ratio.unwrap_or(d.max_ratio),
            max_depth: s.limits.max_depth.unwrap_or(d.max_depth),
            max_ops: s.limits.max_ops.unwrap_or(d.max_ops),
            hash: args.hash,
        };
        if let Some(o) = &args.output {
            if let Some(parent) = o.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::metadata(parent)
                    .with_context(|| format!("output directory `{}` does not exist", parent.display()))?;
            }
        }
        let mut dd = s.data;
        let dd_baseline = dd.baseline.take();
        let base = config
            .as_ref()
            .and_then(|c| c.parent().map(std::path::Path::to_path_buf))
            .unwrap_or_default();
        let mut secret_rules: Vec<PathBuf> = dd.secret_rules.iter().map(|p| base.join(p)).collect();
        secret_rules.extend(args.secret_rules.iter().cloned());
        let column_share = dd.column_share.unwrap_or(0.5);
        if !(0.0..=1.0).contains(&column_share) {
            anyhow::bail!("`scan.data.column_share` must be between 0 and 1, not {column_share}");
        }
        let data = DataSettings {
            secret_rules,
            replace_builtin_rules: dd.replace_builtin_rules.unwrap_or(false),
            phone_region: args
                .phone_region
                .clone()
                .or(dd.phone_region)
                .map(|r| r.to_ascii_uppercase()),
            column_share,
            per_value: args.per_value || dd.per_value.unwrap_or(false),
            max_findings: dd.max_findings.unwrap_or(10_000),
            no_pii: args.no_pii,
            no_secrets: args.no_secrets,
        };
        let baseline = args.baseline.clone().or_else(|| dd_baseline.map(|p| base.join(p)));
        Ok(ScanSettings {
            data,
            baseline,
            write_baseline: args.write_baseline.clone(),
            paths: args.paths.clone(),
            format,
            output: args.output.clone(),
            fail_on,
            config,
            ignore,
            ignore_rules: s.ignore_rules,
            quiet: args.quiet,
            options,
        })
    }
}
