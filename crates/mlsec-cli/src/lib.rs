//! Command-line definitions (clap derive) for `mlsec`. Only the shape of the
//! arguments lives here; the commands that run them are in the `mlsec` crate.

#![deny(missing_docs)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above the --fail-on threshold
  1  findings at or above the threshold (they win over errors)
  2  error: bad usage or config, unreadable path, nothing scanned, or a file
     that could not be scanned completely (with no failing finding)";

/// mlsec: security for the ML lifecycle, starting with model files.
#[derive(Debug, Parser)]
#[command(name = "mlsec", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan model files for code execution and supply-chain attacks.
    ///
    /// Files are identified by content, never by extension: pickle (protocols 0-5,
    /// stacked), PyTorch (zip, legacy, legacy tar), joblib (plain or zlib, gzip,
    /// bz2, xz, lzma, lz4 compressed), NumPy .npy/.npz, and archives (zip, tar,
    /// 7z, gzip/bz2/xz wrappers). Pickles are simulated by a VM that follows
    /// CPython's unpickler and judged against loader-profile allowlists (default
    /// deny). Directories are walked recursively.
    ///
    /// Examples:
    ///   mlsec scan model.pt
    ///   mlsec scan models/ --format sarif --output mlsec.sarif
    ///   mlsec scan . --fail-on critical --allow mypkg.layers.Custom
    #[command(after_help = EXIT_CODES, verbatim_doc_comment)]
    Scan(ScanArgs),
    /// List every rule, or explain one (`mlsec rule MLS-PKL-001`).
    Rule(RuleArgs),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable table for terminals.
    Table,
    /// JSON report (schema version 1, see docs/json-report.md).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
}

/// Severities for `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on any finding.
    Info,
    /// Fail on low and above.
    Low,
    /// Fail on medium and above.
    Medium,
    /// Fail on high and above (default).
    High,
    /// Fail only on critical findings.
    Critical,
}

/// Arguments of `mlsec scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: table, or `scan.format` in mlsec.toml].
    #[arg(long, short = 'f', value_enum, env = "MLSEC_FORMAT")]
    pub format: Option<OutputFormat>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding has this severity or higher [default: high].
    #[arg(long, value_enum, env = "MLSEC_FAIL_ON")]
    pub fail_on: Option<FailOn>,
    /// Configuration file [default: nearest mlsec.toml above the first PATH].
    #[arg(long, value_name = "FILE", env = "MLSEC_CONFIG")]
    pub config: Option<PathBuf>,
    /// Allow a global (`module.name` or `module:name`); adds to `scan.allow`.
    #[arg(long, value_name = "GLOBAL")]
    pub allow: Vec<String>,
    /// Skip paths matching this glob; adds to `scan.ignore`.
    #[arg(long, value_name = "GLOB")]
    pub ignore: Vec<String>,
    /// Include each file's SHA-256 in the report.
    #[arg(long)]
    pub hash: bool,
    /// No progress bar and no summary on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the resolved settings and exit.
    #[arg(long, hide = true)]
    pub show_settings: bool,
}

/// Arguments of `mlsec rule`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code such as MLS-PKL-001; without it, all rules are listed.
    pub code: Option<String>,
}
