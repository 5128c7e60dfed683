//! `mlsec.toml`: the schema of the configuration file, how it is found (walking up
//! from the scanned path), and the documented environment variables.
//!
//! Precedence (resolved by the binary, in one place): command line > `MLSEC_*`
//! environment > `--config` or the nearest `mlsec.toml` > built-in defaults.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use mlsec_diagnostics::Severity;
use serde::Deserialize;

/// Environment variables mlsec reads. Each is also accepted as a CLI flag.
pub struct EnvVars;

impl EnvVars {
    /// Path of the configuration file (`--config`).
    pub const MLSEC_CONFIG: &'static str = "MLSEC_CONFIG";
    /// Fail threshold (`--fail-on`).
    pub const MLSEC_FAIL_ON: &'static str = "MLSEC_FAIL_ON";
    /// Output format (`--format`).
    pub const MLSEC_FORMAT: &'static str = "MLSEC_FORMAT";
    /// Key of the fingerprints of personal data and secrets (any text). Without
    /// it, a random key kept in the user's config directory is used.
    pub const MLSEC_FINGERPRINT_KEY: &'static str = "MLSEC_FINGERPRINT_KEY";
    /// Directory of the embedded registry database (`--data-dir`).
    pub const MLSEC_DATA_DIR: &'static str = "MLSEC_DATA_DIR";
    /// Registry database URL, `sqlite://PATH` or `postgres://...` (`--database`).
    pub const MLSEC_DATABASE_URL: &'static str = "MLSEC_DATABASE_URL";
    /// Base URL of a registry server (`--server`).
    pub const MLSEC_SERVER: &'static str = "MLSEC_SERVER";
    /// API token for the registry server (`--token`).
    pub const MLSEC_TOKEN: &'static str = "MLSEC_TOKEN";
    /// Key of `mlsec redact` pseudonyms, format-preserving digits and
    /// encryption (`--key`; `--key-file` reads it from a file).
    pub const MLSEC_REDACT_KEY: &'static str = "MLSEC_REDACT_KEY";
}

/// The per-user data directory of the embedded registry when neither
/// `--data-dir` nor `MLSEC_DATA_DIR` is given: `$XDG_DATA_HOME/mlsec`, else
/// `~/.local/share/mlsec`, else `.mlsec` in the working directory.
#[must_use]
pub fn default_data_dir() -> PathBuf {
    std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .map_or_else(|| PathBuf::from(".mlsec"), |d| d.join("mlsec"))
}

/// The fingerprint key: `MLSEC_FINGERPRINT_KEY`, else the per-user key file
/// (`$XDG_CONFIG_HOME/mlsec/fingerprint.key` or `~/.config/mlsec/...`),
/// created with 32 random bytes on first use. Returns the key and where it came from.
#[must_use]
pub fn fingerprint_key() -> (Vec<u8>, String) {
    if let Some(k) = std::env::var_os(EnvVars::MLSEC_FINGERPRINT_KEY).filter(|k| !k.is_empty()) {
        return (
            k.as_encoded_bytes().to_vec(),
            format!("environment variable {}", EnvVars::MLSEC_FINGERPRINT_KEY),
        );
    }
    let dir = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .map(|d| d.join("mlsec"));
    if let Some(dir) = dir {
        let path = dir.join("fingerprint.key");
        if let Ok(k) = read_bounded(&path, 1 << 20) {
            if k.len() >= 16 {
                return (k, path.display().to_string());
            }
        }
        let mut key = vec![0u8; 32];
        let random = std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut key));
        if random.is_ok() && std::fs::create_dir_all(&dir).is_ok() {
            let written = {
                let mut o = std::fs::OpenOptions::new();
                o.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
                o.open(&path).and_then(|mut f| std::io::Write::write_all(&mut f, &key))
            };
            if written.is_ok() {
                return (key, path.display().to_string());
            }
            if let Ok(k) = read_bounded(&path, 1 << 20) {
                return (k, path.display().to_string());
            }
        }
    }
    (
        b"mlsec-unkeyed-fingerprint".to_vec(),
        "built-in (no key could be stored)".to_owned(),
    )
}

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileOptions {
    /// `[scan]`: the model scanner.
    #[serde(default)]
    pub scan: ScanOptions,
    /// `[redact]`: operators of `mlsec redact`.
    #[serde(default)]
    pub redact: RedactOptions,
}

/// `[redact]` options: which operator rewrites which entity. Names are
/// checked against the operators and entities when settings are resolved.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedactOptions {
    /// Operator for entities not listed in `entities` (`replace`, `mask`,
    /// `remove`, `pseudonym`, `fpe`, `encrypt`).
    pub default: Option<String>,
    /// `[redact.entities]`: operator per entity, e.g. `EMAIL = "pseudonym"`.
    #[serde(default)]
    pub entities: std::collections::BTreeMap<String, String>,
}

/// `[scan]` options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanOptions {
    /// Lowest severity that fails the run (`info` .. `critical`).
    pub fail_on: Option<Severity>,
    /// Output format (`table`, `json`, `sarif`, `html`).
    pub format: Option<String>,
    /// Extra allowed globals, `module.name` or `module:name`.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Paths to skip, as globs (`*` within a segment, `**` across segments).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Rule codes to drop from reports.
    #[serde(default)]
    pub ignore_rules: Vec<String>,
    /// `[scan.limits]`.
    #[serde(default)]
    pub limits: LimitOptions,
    /// `[scan.data]`: the dataset scanner.
    #[serde(default)]
    pub data: DataOptions,
}

/// `[scan.data]` options: personal data and secrets in datasets.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataOptions {
    /// Secret rule files in the gitleaks TOML format, added to the built-in
    /// rules (a rule with the same `id` extends the built-in one, as
    /// gitleaks' `[extend]` does).
    #[serde(default)]
    pub secret_rules: Vec<std::path::PathBuf>,
    /// Use only `secret_rules`, not the built-in gitleaks rules.
    pub replace_builtin_rules: Option<bool>,
    /// Region (ISO 3166 alpha-2) for phone numbers written without `+`.
    pub phone_region: Option<String>,
    /// Share of rows (0-1) above which a column is reported once as a personal-data column.
    pub column_share: Option<f64>,
    /// Report every value, even in columns reported as personal-data columns.
    pub per_value: Option<bool>,
    /// Most value findings listed per file.
    pub max_findings: Option<usize>,
    /// Baseline of accepted findings (`--baseline`), relative to this file.
    pub baseline: Option<std::path::PathBuf>,
}

/// `[scan.limits]` options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitOptions {
    /// Largest decompressed member or nested payload, in bytes.
    pub max_member_bytes: Option<u64>,
    /// Largest compression ratio accepted for members over 256 MiB.
    pub max_ratio: Option<u64>,
    /// Deepest nesting of archives and payloads.
    pub max_depth: Option<u32>,
    /// Most pickle opcodes per pickle.
    pub max_ops: Option<u64>,
}

/// Errors reading the configuration.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read config `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML for this schema.
    #[error("invalid config `{path}`: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong and where.
        message: String,
    },
}

/// The nearest `mlsec.toml` in `start` (or its directory) and its ancestors.
#[must_use]
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let c = d.join("mlsec.toml");
        if c.is_file() {
            return Some(c);
        }
        dir = d.parent();
    }
    None
}

/// The most bytes a configuration file may hold.
const MAX_CONFIG_BYTES: u64 = 4 << 20;

/// A file's bytes, at most `max` (a device or a file named by mistake is an
/// error, not unbounded memory).
///
/// # Errors
/// The file cannot be read, or holds more than `max` bytes.
pub fn read_bounded(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {max} bytes: is it the file you meant?"),
        ));
    }
    Ok(bytes)
}

/// Load and validate a configuration file.
///
/// # Errors
/// When the file cannot be read or does not match the schema.
pub fn load(path: &Path) -> Result<FileOptions, Error> {
    let text = read_bounded(path, MAX_CONFIG_BYTES)
        .and_then(|b| {
            String::from_utf8(b).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
        })
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
    parse(&text).map_err(|message| Error::Parse {
        path: path.to_path_buf(),
        message,
    })
}

/// Parse configuration text.
///
/// # Errors
/// A message naming the line and the problem.
pub fn parse(text: &str) -> Result<FileOptions, String> {
    let o: FileOptions = toml::from_str(text).map_err(|e| e.to_string().replace('\n', " ").trim().to_string())?;
    if let Some(f) = &o.scan.format {
        if !matches!(f.as_str(), "table" | "json" | "sarif" | "html") {
            return Err(format!(
                "`scan.format` is `{f}`; expected `table`, `json`, `sarif` or `html`"
            ));
        }
    }
    for code in &o.scan.ignore_rules {
        if mlsec_diagnostics::Rule::from_code(code).is_none() {
            return Err(format!(
                "`scan.ignore_rules` names unknown rule `{code}` (see `mlsec rule`)"
            ));
        }
    }
    Ok(o)
}

/// Match a path against a glob: `*` and `?` within a segment, `**` across segments.
/// A pattern without `/` matches any single segment (file or directory name).
#[must_use]
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let path = path.replace('\\', "/");
    if !pattern.contains('/') {
        return path.split('/').any(|seg| seg_match(pattern.as_bytes(), seg.as_bytes()));
    }
    let p: Vec<&str> = pattern.trim_start_matches("./").split('/').collect();
    let s: Vec<&str> = path.trim_start_matches("./").split('/').collect();
    segs_match(&p, &s)
}

fn segs_match(p: &[&str], s: &[&str]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some(&"**") => (0..=s.len()).any(|i| segs_match(&p[1..], &s[i..])),
        Some(first) => !s.is_empty() && seg_match(first.as_bytes(), s[0].as_bytes()) && segs_match(&p[1..], &s[1..]),
    }
}

fn seg_match(p: &[u8], s: &[u8]) -> bool {
    match (p.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => seg_match(&p[1..], s) || (!s.is_empty() && seg_match(p, &s[1..])),
        (Some(b'?'), Some(_)) => seg_match(&p[1..], &s[1..]),
        (Some(a), Some(b)) if a == b => seg_match(&p[1..], &s[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let o =
            parse("[scan]\nfail_on = \"critical\"\nallow = [\"mymod.Thing\"]\n[scan.limits]\nmax_depth = 3\n").unwrap();
        assert_eq!(o.scan.fail_on, Some(Severity::Critical));
        assert_eq!(o.scan.limits.max_depth, Some(3));
        assert!(parse("[scan]\nfail_on = \"bad\"\n").is_err());
        assert!(parse("[scan]\nunknown = 1\n").unwrap_err().contains("unknown"));
        assert!(parse("[scan]\nignore_rules = [\"MLS-XXX-999\"]\n").is_err());
        let o = parse("[scan.data]\nbaseline = \"b.json\"\n[redact]\ndefault = \"mask\"\n[redact.entities]\nEMAIL = \"pseudonym\"\n")
            .unwrap();
        assert_eq!(o.scan.data.baseline.as_deref(), Some(Path::new("b.json")));
        assert_eq!(o.redact.default.as_deref(), Some("mask"));
        assert_eq!(o.redact.entities["EMAIL"], "pseudonym");
        assert!(parse("[redact]\noperator = \"mask\"\n").is_err());
    }

    #[test]
    fn globs() {
        assert!(glob_match("*.txt", "a/b/c.txt"));
        assert!(glob_match("vendor", "x/vendor/y.pkl"));
        assert!(glob_match("models/**/*.bin", "models/a/b/c.bin"));
        assert!(!glob_match("models/*.bin", "models/a/c.bin"));
    }
}
