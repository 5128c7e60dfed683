//! Arguments of the governance commands: `serve`, `track`, `lineage`,
//! `registry`, `admin`, `export` and `import`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::ResultFormat;

/// Where the registry is: the embedded database in a data directory (the
/// default), a database URL, or a server.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Directory of the embedded SQLite registry (default: per-user data
    /// directory, `~/.local/share/mlsec`).
    #[arg(long, global = true, env = "MLSEC_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Registry database instead of the data directory: `postgres://user@host/db`
    /// or `sqlite://PATH`.
    #[arg(
        long,
        global = true,
        env = "MLSEC_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: Option<String>,
}

/// A registry to talk to: a server, else the local database.
#[derive(Debug, Clone, Args)]
pub struct ClientArgs {
    /// Registry server base URL (e.g. http://mlsec.internal:8080). Without it the
    /// local embedded registry is used.
    #[arg(long, global = true, env = "MLSEC_SERVER", value_name = "URL")]
    pub server: Option<String>,
    /// API token for --server (create one with `mlsec admin token create`).
    #[arg(
        long,
        global = true,
        env = "MLSEC_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// The local registry, when no server is given.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `mlsec serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: String,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = 4 * 1024 * 1024, value_name = "BYTES")]
    pub max_body: usize,
    /// The database.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `mlsec track`.
#[derive(Debug, Args)]
pub struct TrackArgs {
    /// Dataset the command reads (file or directory; repeat).
    #[arg(long = "input", value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Model the command reads, e.g. a base model to fine-tune (repeat).
    #[arg(long = "input-model", value_name = "PATH")]
    pub input_models: Vec<PathBuf>,
    /// Model the command writes (repeat).
    #[arg(long = "output", value_name = "PATH")]
    pub outputs: Vec<PathBuf>,
    /// Dataset the command writes, for data-preparation steps (repeat).
    #[arg(long = "output-dataset", value_name = "PATH")]
    pub output_datasets: Vec<PathBuf>,
    /// Run name (default: the command's program name).
    #[arg(long)]
    pub name: Option<String>,
    /// Parameter to record, `KEY=VALUE` (repeat).
    #[arg(long = "param", value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// Project id.
    #[arg(long, value_name = "ID")]
    pub project: Option<i64>,
    /// Source commit (default: `git rev-parse HEAD` in the working directory, if any).
    #[arg(long, value_name = "SHA")]
    pub code_commit: Option<String>,
    /// Output format of the record.
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
    /// The registry.
    #[command(flatten)]
    pub client: ClientArgs,
    /// The command to run, after `--`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// Arguments of `mlsec lineage`.
#[derive(Debug, Args)]
pub struct LineageArgs {
    /// A model or dataset file or directory (looked up by its digest), or a registry id.
    #[arg(value_name = "PATH_OR_ID")]
    pub target: String,
    /// Print the dataset versions that went into it, transitively: `<sha256>  <name>`.
    #[arg(long, conflicts_with = "downstream")]
    pub datasets: bool,
    /// Walk downstream instead: which runs, models and deployments used it.
    #[arg(long)]
    pub downstream: bool,
    /// Depth cap for the graph (0 to 64).
    #[arg(long, default_value_t = 10)]
    pub depth: u32,
    /// Output format: a listing, or the graph as JSON (nodes with kind, name,
    /// digest; edges with kind).
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
    /// The registry.
    #[command(flatten)]
    pub client: ClientArgs,
}

/// Arguments of `mlsec registry`.
#[derive(Debug, Args)]
pub struct RegistryArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: RegistryCommand,
    /// The registry.
    #[command(flatten)]
    pub client: ClientArgs,
}

/// Kinds of registry entity, as list and get name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntityKind {
    /// Projects.
    Projects,
    /// Datasets.
    Datasets,
    /// Dataset versions.
    DatasetVersions,
    /// Models.
    Models,
    /// Model versions.
    ModelVersions,
    /// Runs.
    Runs,
    /// Deployments.
    Deployments,
}

/// `mlsec registry` subcommands.
#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Register a dataset, optionally with a first version from a file or directory.
    AddDataset(AddAssetArgs),
    /// Register a model, optionally with a first version from a file or directory.
    AddModel(AddAssetArgs),
    /// Deploy a model version to an environment.
    Deploy(DeployArgs),
    /// List entities (`--filter owner=alice`, `--filter digest=...`).
    List(ListArgs),
    /// Show one entity.
    Get(GetArgs),
    /// Attach a JSON document (scan report, BOM, signature) to a version as evidence.
    Attach(AttachArgs),
    /// Check registered local files against their recorded digests (exit 1 on a mismatch).
    Verify(VerifyRegistryArgs),
    /// Send any API request: `mlsec registry api PATCH /datasets/3 --data '{"owner":"bob"}'`.
    Api(ApiArgs),
}

/// Arguments of `registry add-dataset` and `add-model`.
#[derive(Debug, Args)]
pub struct AddAssetArgs {
    /// Unique name.
    pub name: String,
    /// A file or directory: registers a version with its digest, size and location.
    #[arg(long, value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Version label (default: the first 12 hex digits of the digest).
    #[arg(long)]
    pub version: Option<String>,
    /// Owner.
    #[arg(long)]
    pub owner: Option<String>,
    /// SPDX licence.
    #[arg(long)]
    pub licence: Option<String>,
    /// Classification (datasets).
    #[arg(long)]
    pub classification: Option<String>,
    /// Description.
    #[arg(long)]
    pub description: Option<String>,
    /// Model file format (models).
    #[arg(long)]
    pub model_format: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
}

/// Arguments of `registry deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Model version id.
    pub model_version: i64,
    /// Environment (production, staging, ...).
    #[arg(long)]
    pub environment: String,
    /// Endpoint URL.
    #[arg(long)]
    pub endpoint: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
}

/// Arguments of `registry list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list.
    #[arg(value_enum)]
    pub kind: EntityKind,
    /// Filter `KEY=VALUE`: name, owner, digest, project_id, status, environment.
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
    /// Most items (all pages are followed up to this many).
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
}

/// Arguments of `registry get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Kind.
    #[arg(value_enum)]
    pub kind: EntityKind,
    /// Id.
    pub id: i64,
}

/// Arguments of `registry attach`.
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The artifact: a file or directory (by digest) or a node id.
    pub target: String,
    /// The JSON document (e.g. `mlsec scan --format json` output).
    pub file: PathBuf,
    /// Evidence kind: scan, signature, bom, ...
    #[arg(long)]
    pub kind: String,
}

/// Arguments of `registry verify`.
#[derive(Debug, Args)]
pub struct VerifyRegistryArgs {
    /// Version ids to check (default: every dataset and model version with a local path).
    pub ids: Vec<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
    pub format: ResultFormat,
}

/// Arguments of `registry api`.
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// HTTP method.
    pub method: String,
    /// Path under /api/v1 (e.g. `/datasets?owner=alice`).
    pub path: String,
    /// JSON body, or `@FILE`.
    #[arg(long)]
    pub data: Option<String>,
}

/// Arguments of `mlsec admin`.
#[derive(Debug, Args)]
pub struct AdminArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: AdminCommand,
    /// The registry.
    #[command(flatten)]
    pub client: ClientArgs,
}

/// `mlsec admin` subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
}

/// `mlsec admin token` subcommands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token (printed once; only its hash is stored).
    Create {
        /// The principal it acts as (created if new).
        #[arg(long)]
        principal: String,
        /// Role of a new principal: admin, writer or reader.
        #[arg(long)]
        role: Option<String>,
        /// Label.
        #[arg(long)]
        name: Option<String>,
    },
    /// Revoke a token by id.
    Revoke {
        /// Token id.
        id: i64,
    },
}

/// Arguments of `mlsec export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write the dump here (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The database.
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Arguments of `mlsec import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A dump written by `mlsec export`.
    pub file: PathBuf,
    /// The database (must be empty).
    #[command(flatten)]
    pub store: StoreArgs,
}
