//! Command-line definitions (clap derive) for `mlsec`. Only the shape of the
//! arguments lives here; the commands that run them are in the `mlsec` crate.

#![deny(missing_docs)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod registry;
pub use registry::*;

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
    /// Scan model files for code execution, and datasets for personal data and secrets.
    ///
    /// Files are identified by content, never by extension: pickle (protocols 0-5,
    /// stacked), PyTorch (zip, legacy, legacy tar), joblib (plain or zlib, gzip,
    /// bz2, xz, lzma, lz4 compressed), NumPy .npy/.npz, and archives (zip, tar,
    /// 7z, gzip/bz2/xz wrappers). Pickles are simulated by a VM that follows
    /// CPython's unpickler and judged against loader-profile allowlists (default
    /// deny). Datasets (CSV/TSV, JSON Lines, JSON, text, Parquet; also gzip,
    /// bzip2, xz or zstd compressed) are searched for
    /// emails, phones, payment cards, IBANs, national identifiers (checksums
    /// validated), IP/MAC addresses, names, birth dates and addresses, and for
    /// secrets with the gitleaks rules; values are reported masked, with keyed
    /// fingerprints. Directories are walked recursively.
    ///
    /// Examples:
    ///   mlsec scan model.pt
    ///   mlsec scan models/ --format sarif --output mlsec.sarif
    ///   mlsec scan . --fail-on critical --allow mypkg.layers.Custom
    ///   mlsec scan data/ --write-baseline mlsec-baseline.json   # accept today's findings
    ///   mlsec scan data/ --baseline mlsec-baseline.json         # fail only on new ones
    #[command(after_help = EXIT_CODES, verbatim_doc_comment)]
    Scan(ScanArgs),
    /// List every rule, or explain one (`mlsec rule MLS-PKL-001`).
    Rule(RuleArgs),
    /// Sign a model or dataset (file or directory) with OpenSSF Model Signing.
    ///
    /// Writes a Sigstore bundle holding a DSSE envelope over an in-toto
    /// statement that lists every file's digest (OMS v1.0), readable by
    /// `model_signing verify` (model-signing 1.x). Methods: a private key
    /// (ECDSA P-256/P-384/P-521 PEM), or a key with its certificate and chain.
    /// Files are hashed on all cores. The same files and key give the same
    /// statement bytes.
    ///
    /// Examples:
    ///   mlsec sign my-model/ --private-key key.pem
    ///   mlsec sign my-model/ --private-key key.pem --certificate leaf.pem --certificate-chain ca.pem
    ///   mlsec sign weights.safetensors --private-key key.pem --hash blake3 --signature weights.sig
    ///   mlsec sign data/ --private-key key.pem --shards --ignore-paths cache
    #[command(after_help = SIGN_EXIT_CODES, verbatim_doc_comment)]
    Sign(SignArgs),
    /// Verify a model or dataset against its OMS signature.
    ///
    /// Accepts signatures from every model-signing version (v0.2 to v1.1) and
    /// method, detected from the signature: a public key (--public-key), a
    /// certificate chain to trusted CAs (--certificate-chain), or Sigstore
    /// keyless (--identity and --identity-provider, checked offline against
    /// --trust-root or the bundled Sigstore public-good root). Then re-hashes
    /// the model and lists every changed, missing or unsigned file.
    ///
    /// Examples:
    ///   mlsec verify my-model/ --signature model.sig --public-key pub.pem
    ///   mlsec verify my-model/ --signature model.sig --certificate-chain root-ca.pem
    ///   mlsec verify my-model/ --signature model.sig --identity me@example.com \
    ///       --identity-provider https://accounts.google.com
    #[command(after_help = VERIFY_EXIT_CODES, verbatim_doc_comment)]
    Verify(VerifyArgs),
    /// Print the OMS root digest of a model or dataset (hex SHA-256).
    ///
    /// The root digest is SHA-256 over every file's digest in canonical order,
    /// the identity that signatures, BOMs and the registry refer to. It is
    /// the subject digest `mlsec sign` and `model_signing sign` write.
    ///
    /// Examples:
    ///   mlsec digest my-model/
    ///   mlsec digest my-model/ --format json     # every file's digest too
    #[command(verbatim_doc_comment)]
    Digest(DigestArgs),
    /// Write a CycloneDX ML-BOM (AI bill of materials) for a model.
    ///
    /// The model component carries its OMS root digest and every file's
    /// SHA-256; a model-card TOML (see docs/bom.md) adds the model card, the
    /// datasets it was trained on (with digests, licences, owners,
    /// classification and PII summaries), the base model (pedigree) and the
    /// training run (formulation). Every reference is checked to resolve. With
    /// --sign-key the BOM is also signed as an in-toto statement whose subject
    /// is the model's root digest (check it with `mlsec verify MODEL
    /// --signature BOM.sig --public-key PUB.pem`).
    ///
    /// Examples:
    ///   mlsec bom examples/bom/model --card examples/bom/model-card.toml
    ///   mlsec bom my-model/ --card card.toml --spec 1.7 --output bom.json
    ///   mlsec bom my-model/ --card card.toml -o bom.json --sign-key key.pem
    #[command(verbatim_doc_comment)]
    Bom(BomArgs),
    /// Write a sanitised copy of a dataset: every value `mlsec scan` finds is replaced.
    ///
    /// The copy keeps the format (CSV columns and quoting, JSON structure,
    /// text layout, Parquet schema, row groups and nulls). Operators: `replace` (`<EMAIL>`, the default), `mask`,
    /// `remove`, `pseudonym` (keyed HMAC token: the same value gives the same
    /// token in every file under one key, so joins still work) and `fpe`
    /// (digits replaced by keyed digits, separators and length kept) and
    /// `encrypt` (reversible: `ENC:` + base64url of an AES-256-GCM nonce and
    /// ciphertext, the entity bound as associated data; rescans ignore these
    /// tokens). Per-entity operators can be set in mlsec.toml (`[redact]
    /// default = "..."`, `[redact.entities] EMAIL = "pseudonym"`); flags win.
    /// The input is never overwritten; the output is written atomically.
    ///
    /// Examples:
    ///   mlsec redact customers.csv --output customers.clean.csv
    ///   MLSEC_REDACT_KEY=... mlsec redact users.jsonl -o users.clean.jsonl --operator pseudonym
    ///   mlsec redact data.csv -o out.csv --entity CREDIT_CARD=fpe --entity EMAIL=pseudonym
    ///   mlsec redact data.csv -o out.csv --key-file redact.key --entity EMAIL=encrypt
    ///   mlsec redact part-0.parquet -o clean/part-0.parquet
    #[command(verbatim_doc_comment)]
    Redact(RedactArgs),
    /// Start the governance server: the registry as a REST API.
    ///
    /// Uses the embedded SQLite registry in the data directory (created and
    /// migrated on first start) or PostgreSQL with --database. On first start
    /// an `admin` token is printed once; API clients send it as
    /// `Authorization: Bearer <token>`. The OpenAPI document is at
    /// /api/v1/openapi.json and Swagger UI at /swagger-ui/.
    ///
    /// Examples:
    ///   mlsec serve
    ///   mlsec serve --listen 0.0.0.0:8080 --database postgres://mlsec@db/mlsec
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
    /// Run a training or data-preparation command and record it with its lineage.
    ///
    /// Inputs are hashed before the command runs, outputs after it succeeds,
    /// with the same digest `mlsec digest` prints. A digest the registry
    /// already knows links to the registered version. The run is recorded in
    /// the local registry, or on --server. The exit code is the command's.
    ///
    /// Examples:
    ///   mlsec track --input data/train.csv --input data/extra.csv --output model.safetensors -- python train.py
    ///   mlsec track --input raw.csv --output-dataset clean.csv --param seed=1 -- python prep.py
    #[command(verbatim_doc_comment)]
    Track(TrackArgs),
    /// Answer lineage questions: which datasets trained this model, what used this dataset.
    ///
    /// Examples:
    ///   mlsec lineage model.safetensors --datasets
    ///   mlsec lineage 42 --format json
    ///   mlsec lineage data/train.csv --downstream
    #[command(verbatim_doc_comment)]
    Lineage(LineageArgs),
    /// Register datasets, models and deployments; list, inspect and verify them.
    ///
    /// Examples:
    ///   mlsec registry add-dataset customers --path data/customers.csv --owner data-team --licence CC-BY-4.0
    ///   mlsec registry list model-versions --filter digest=9f2c...
    ///   mlsec registry deploy 7 --environment production --endpoint https://api.example.com/predict
    ///   mlsec registry verify
    #[command(verbatim_doc_comment)]
    Registry(RegistryArgs),
    /// Administer the registry: API tokens.
    ///
    /// Examples:
    ///   mlsec admin token create --principal ci --role writer
    #[command(verbatim_doc_comment)]
    Admin(AdminArgs),
    /// Write the whole registry as one JSON dump (to move it between SQLite and PostgreSQL).
    Export(ExportArgs),
    /// Load a dump from `mlsec export` into an empty registry.
    Import(ImportArgs),
}

const SIGN_EXIT_CODES: &str = "\
Exit codes:
  0  signed
  2  error: unreadable model, bad key or certificate, symbolic link without
     --allow-symlinks, empty model";

const VERIFY_EXIT_CODES: &str = "\
Exit codes:
  0  the signature is valid and the model matches it
  1  verification failed: bad signature, untrusted signer, or files changed,
     missing or unsigned
  2  error: unreadable model or signature, bad usage";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable table for terminals.
    Table,
    /// JSON report (schema version 1, see docs/json-report.md).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// Self-contained HTML page with charts: verdicts, severities, the
    /// personal-data columns of datasets and every finding (`-o report.html`).
    Html,
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
    /// Datasets: report every value, also in columns reported as personal-data columns.
    #[arg(long)]
    pub per_value: bool,
    /// Datasets: region (ISO alpha-2, e.g. US, DE) for phone numbers without `+`.
    #[arg(long, value_name = "REGION")]
    pub phone_region: Option<String>,
    /// Datasets: extra secret rules (gitleaks TOML); adds to `scan.data.secret_rules`.
    #[arg(long, value_name = "FILE")]
    pub secret_rules: Vec<PathBuf>,
    /// Datasets: look for secrets only, not personal data.
    #[arg(long, conflicts_with = "no_secrets")]
    pub no_pii: bool,
    /// Datasets: look for personal data only, not secrets.
    #[arg(long)]
    pub no_secrets: bool,
    /// Datasets: accept the findings recorded in this baseline file; only new
    /// findings are reported and decide the exit code [default: `scan.data.baseline`].
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Datasets: record every current finding (rule, path, column, keyed
    /// fingerprint; never values) in FILE, and accept them for this run.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
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

/// Hash algorithms for `--hash`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HashArg {
    /// SHA-256 (OMS default; what model_signing's CLI verifies).
    Sha256,
    /// BLAKE2b-512.
    Blake2b,
    /// BLAKE3 (fastest; parallel inside large files).
    Blake3,
}

/// Shard naming for `--shard-naming`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShardNamingArg {
    /// `"algorithm": "sha256"`, as OMS v1.0 specifies (default).
    Oms,
    /// `"algorithm": "sha256-sharded-SIZE"`, as model-signing's Python API writes and expects.
    ModelSigning,
}

/// How the model is serialized (shared by sign and digest).
#[derive(Debug, Args)]
pub struct SerializationArgs {
    /// Hash algorithm for each file or shard.
    #[arg(long, value_enum, default_value_t = HashArg::Sha256)]
    pub hash: HashArg,
    /// Hash files in shards (`path:start:end` resources) instead of whole.
    #[arg(long)]
    pub shards: bool,
    /// Shard size in bytes (with --shards).
    #[arg(long, value_name = "BYTES", default_value_t = 1_000_000_000)]
    pub shard_size: u64,
    /// Algorithm naming of shard resources.
    #[arg(long, value_enum, default_value_t = ShardNamingArg::Oms)]
    pub shard_naming: ShardNamingArg,
    /// Paths to leave out, relative to the model root (recorded in the signature).
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub ignore_paths: Vec<String>,
    /// Also sign .git, .gitattributes, .github and .gitignore at the root.
    #[arg(long)]
    pub no_ignore_git_paths: bool,
    /// Hash the targets of symbolic links instead of refusing them.
    #[arg(long)]
    pub allow_symlinks: bool,
}

/// Arguments of `mlsec sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The model or dataset: a file or a directory.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Private key (PEM: PKCS#8, encrypted PKCS#8 or SEC1; ECDSA P-256/P-384/P-521).
    #[arg(long, value_name = "KEY.pem")]
    pub private_key: PathBuf,
    /// Password of an encrypted private key.
    #[arg(long, env = "MLSEC_KEY_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Where to write the signature [default: model.sig in the current directory].
    #[arg(long, value_name = "FILE", default_value = "model.sig")]
    pub signature: PathBuf,
    /// Signing certificate for --private-key (certificate method).
    #[arg(long, value_name = "LEAF.pem")]
    pub certificate: Option<PathBuf>,
    /// Certificates above the signing certificate (intermediates, root), in PEM.
    #[arg(long, value_name = "CHAIN.pem", num_args = 1.., requires = "certificate")]
    pub certificate_chain: Vec<PathBuf>,
    /// Reuse digests of unchanged files from this cache (path, size, mtime, inode).
    #[arg(long, value_name = "FILE")]
    pub digest_cache: Option<PathBuf>,
    /// How to serialize the model.
    #[command(flatten)]
    pub serialization: SerializationArgs,
    /// No progress bar and no summary on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Formats of `mlsec verify` and `mlsec digest` results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// Human-readable text.
    Table,
    /// JSON.
    Json,
}

/// Arguments of `mlsec verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The model or dataset: a file or a directory.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The signature (Sigstore bundle) to check.
    #[arg(long, value_name = "FILE", default_value = "model.sig")]
    pub signature: PathBuf,
    /// Public key (PEM) for signatures made with a private key.
    #[arg(long, value_name = "PUB.pem", conflicts_with_all = ["certificate_chain", "identity"])]
    pub public_key: Option<PathBuf>,
    /// Trusted CA certificates (PEM) for signatures made with a certificate.
    #[arg(long, value_name = "CA.pem", num_args = 1.., conflicts_with = "identity")]
    pub certificate_chain: Vec<PathBuf>,
    /// Expected signer (email or URI in the certificate) of a keyless signature.
    #[arg(long, value_name = "IDENTITY", requires = "identity_provider")]
    pub identity: Option<String>,
    /// Expected OIDC issuer of a keyless signature.
    #[arg(long, value_name = "URL", requires = "identity")]
    pub identity_provider: Option<String>,
    /// Sigstore trusted_root.json [default: the bundled Sigstore public-good root].
    #[arg(long, value_name = "FILE")]
    pub trust_root: Option<PathBuf>,
    /// Accept files in the model that the signature does not list.
    #[arg(long)]
    pub ignore_unsigned_files: bool,
    /// Paths to leave out (for signatures older than model-signing 1.1, which did not record them).
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub ignore_paths: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
}

/// Arguments of `mlsec digest`.
#[derive(Debug, Args)]
pub struct DigestArgs {
    /// The model or dataset: a file or a directory.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// How to serialize the model.
    #[command(flatten)]
    pub serialization: SerializationArgs,
    /// Output format (json adds every file's digest).
    #[arg(long, short = 'f', value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
}

/// CycloneDX versions for `--spec`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BomSpec {
    /// CycloneDX 1.6.
    #[value(name = "1.6")]
    V1_6,
    /// CycloneDX 1.7.
    #[value(name = "1.7")]
    V1_7,
}

/// Arguments of `mlsec bom`.
#[derive(Debug, Args)]
pub struct BomArgs {
    /// The model: a file or a directory.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Model-card TOML with the model card, datasets, base model and training run.
    #[arg(long, value_name = "CARD.toml")]
    pub card: Option<PathBuf>,
    /// CycloneDX version.
    #[arg(long, value_enum, default_value_t = BomSpec::V1_6)]
    pub spec: BomSpec,
    /// Write the BOM to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// metadata.timestamp: an RFC 3339 time, `now`, or `omit` (reproducible
    /// output) [default: SOURCE_DATE_EPOCH if set, else now].
    #[arg(long, value_name = "TIME")]
    pub timestamp: Option<String>,
    /// Also sign the BOM (in-toto statement, subject = the model's root digest) with this private key.
    #[arg(long, value_name = "KEY.pem")]
    pub sign_key: Option<PathBuf>,
    /// Password of an encrypted --sign-key.
    #[arg(long, env = "MLSEC_KEY_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Certificate for --sign-key (certificate method).
    #[arg(long, value_name = "LEAF.pem", requires = "sign_key")]
    pub certificate: Option<PathBuf>,
    /// Certificates above --certificate.
    #[arg(long, value_name = "CHAIN.pem", num_args = 1.., requires = "certificate")]
    pub certificate_chain: Vec<PathBuf>,
    /// Where to write the BOM's signature [default: OUTPUT.sig, or bom.sig].
    #[arg(long, value_name = "FILE", requires = "sign_key")]
    pub signature: Option<PathBuf>,
}

/// Arguments of `mlsec redact`.
#[derive(Debug, Args)]
pub struct RedactArgs {
    /// The dataset to sanitise (CSV/TSV, JSON Lines, JSON, text, Parquet),
    /// plain or compressed (gzip, zstd, bzip2, xz, lzma, lz4, zlib: the copy
    /// is compressed the same way).
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// Where to write the sanitised copy (never the input).
    #[arg(long, short = 'o', value_name = "OUTPUT")]
    pub output: PathBuf,
    /// Operator for every entity not set otherwise: replace, mask, remove,
    /// pseudonym, fpe, encrypt [default: `redact.default` in mlsec.toml, else replace].
    #[arg(long, value_name = "OP")]
    pub operator: Option<String>,
    /// Operator for one entity, e.g. `EMAIL=pseudonym` (repeatable; over `[redact.entities]`).
    #[arg(long = "entity", value_name = "ENTITY=OP")]
    pub entity: Vec<String>,
    /// Key for `pseudonym`, `fpe` and `encrypt` (any text; at least 16 bytes for `encrypt`).
    #[arg(long, env = "MLSEC_REDACT_KEY", hide_env_values = true, conflicts_with = "key_file")]
    pub key: Option<String>,
    /// Read the key from FILE instead (trailing newline ignored).
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Region (ISO alpha-2) for phone numbers without `+`.
    #[arg(long, value_name = "REGION")]
    pub phone_region: Option<String>,
    /// Extra secret rules (gitleaks TOML).
    #[arg(long, value_name = "FILE")]
    pub secret_rules: Vec<PathBuf>,
    /// Reverse `encrypt`: write a copy of INPUT with every `ENC:` token
    /// replaced by its value (needs the key it was written with; a token
    /// that does not decrypt stops the run and nothing is written).
    #[arg(long, conflicts_with_all = ["operator", "entity"])]
    pub decrypt: bool,
    /// Write the output even when part of INPUT could not be read as its
    /// format (a record over 64 MiB, broken quoting): values there may stay
    /// in clear. Without it such an input is refused and nothing is written.
    #[arg(long)]
    pub allow_partial: bool,
    /// Configuration file [default: nearest mlsec.toml above INPUT].
    #[arg(long, value_name = "FILE", env = "MLSEC_CONFIG")]
    pub config: Option<PathBuf>,
}
