//! The registry's entities as the API shows them, and the inputs that create
//! or update them. Field names are the JSON names; timestamps are RFC 3339
//! UTC; digests are lowercase hex SHA-256 (the OMS root digest that
//! `mlsec digest` prints).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The kinds of lineage node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A named dataset (its versions carry the content).
    Dataset,
    /// One immutable version of a dataset.
    DatasetVersion,
    /// A named model.
    Model,
    /// One immutable version of a model.
    ModelVersion,
    /// A training, evaluation or data-preparation run.
    Run,
    /// A model version serving in an environment.
    Deployment,
}

impl NodeKind {
    /// The stored and JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Dataset => "dataset",
            NodeKind::DatasetVersion => "dataset_version",
            NodeKind::Model => "model",
            NodeKind::ModelVersion => "model_version",
            NodeKind::Run => "run",
            NodeKind::Deployment => "deployment",
        }
    }
    /// Parse a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "dataset" => NodeKind::Dataset,
            "dataset_version" => NodeKind::DatasetVersion,
            "model" => NodeKind::Model,
            "model_version" => NodeKind::ModelVersion,
            "run" => NodeKind::Run,
            "deployment" => NodeKind::Deployment,
            _ => return None,
        })
    }
}

/// Typed lineage edges; every edge points downstream (from what was used to
/// what was made).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// An artifact version was read by a run (`src` artifact, `dst` run).
    InputTo,
    /// A run wrote an artifact version (`src` run, `dst` artifact).
    Produced,
    /// `dst` was derived from `src` outside a recorded run (a fine-tune of a
    /// base model, a filtered copy of a dataset).
    DerivedFrom,
    /// A model version runs as a deployment (`src` model version, `dst` deployment).
    DeployedAs,
}

impl EdgeKind {
    /// The stored and JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::InputTo => "input_to",
            EdgeKind::Produced => "produced",
            EdgeKind::DerivedFrom => "derived_from",
            EdgeKind::DeployedAs => "deployed_as",
        }
    }
    /// Parse a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "input_to" => EdgeKind::InputTo,
            "produced" => EdgeKind::Produced,
            "derived_from" => EdgeKind::DerivedFrom,
            "deployed_as" => EdgeKind::DeployedAs,
            _ => return None,
        })
    }
}

/// A project groups datasets, models and runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    /// Project id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Free text.
    pub description: Option<String>,
    /// Owning principal or team.
    pub owner: Option<String>,
    /// Creation time.
    pub created_at: String,
}

/// Create a project.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    /// Unique name.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// Owning principal or team.
    #[serde(default)]
    pub owner: Option<String>,
}

/// A dataset: a name with an owner, licence and classification; its content
/// lives in [`DatasetVersion`]s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dataset {
    /// Node id.
    pub id: i64,
    /// Project id.
    pub project_id: Option<i64>,
    /// Unique name (OpenLineage datasets are `namespace/name`).
    pub name: String,
    /// Free text.
    pub description: Option<String>,
    /// Owning principal or team.
    pub owner: Option<String>,
    /// SPDX licence expression.
    pub licence: Option<String>,
    /// Data classification (e.g. `public`, `internal`, `confidential`, `pii`).
    pub classification: Option<String>,
    /// Creation time.
    pub created_at: String,
}

/// Create a dataset.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDataset {
    /// Unique name.
    pub name: String,
    /// Project id.
    #[serde(default)]
    pub project_id: Option<i64>,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// Owning principal or team.
    #[serde(default)]
    pub owner: Option<String>,
    /// SPDX licence expression.
    #[serde(default)]
    pub licence: Option<String>,
    /// Data classification.
    #[serde(default)]
    pub classification: Option<String>,
}

/// Mutable fields of a dataset or model (absent fields are left as they are).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssetUpdate {
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// Owning principal or team.
    #[serde(default)]
    pub owner: Option<String>,
    /// SPDX licence expression.
    #[serde(default)]
    pub licence: Option<String>,
    /// Data classification (datasets only).
    #[serde(default)]
    pub classification: Option<String>,
}

/// One immutable version of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DatasetVersion {
    /// Node id.
    pub id: i64,
    /// The dataset.
    pub dataset_id: i64,
    /// The dataset's name.
    pub dataset: String,
    /// Version label, unique per dataset.
    pub version: String,
    /// Content digest (hex SHA-256, as `mlsec digest` prints it).
    pub digest: Option<String>,
    /// Size in bytes.
    pub size: Option<i64>,
    /// Schema (free JSON: columns and types, or an OpenLineage schema facet).
    pub schema: Option<Value>,
    /// Where the data came from or lives (URI or local path).
    pub origin_uri: Option<String>,
    /// Creation time.
    pub created_at: String,
}

/// Create a dataset version.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDatasetVersion {
    /// Version label; defaults to the first 12 hex digits of the digest.
    #[serde(default)]
    pub version: Option<String>,
    /// Content digest (64 hex digits, optionally prefixed `sha256:`).
    #[serde(default)]
    pub digest: Option<String>,
    /// Size in bytes.
    #[serde(default)]
    pub size: Option<i64>,
    /// Schema.
    #[serde(default)]
    pub schema: Option<Value>,
    /// Origin URI or path.
    #[serde(default)]
    pub origin_uri: Option<String>,
}

/// A model: a name with an owner and licence; its weights live in
/// [`ModelVersion`]s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Model {
    /// Node id.
    pub id: i64,
    /// Project id.
    pub project_id: Option<i64>,
    /// Unique name.
    pub name: String,
    /// Free text.
    pub description: Option<String>,
    /// Owning principal or team.
    pub owner: Option<String>,
    /// SPDX licence expression.
    pub licence: Option<String>,
    /// Creation time.
    pub created_at: String,
}

/// Create a model.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewModel {
    /// Unique name.
    pub name: String,
    /// Project id.
    #[serde(default)]
    pub project_id: Option<i64>,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// Owning principal or team.
    #[serde(default)]
    pub owner: Option<String>,
    /// SPDX licence expression.
    #[serde(default)]
    pub licence: Option<String>,
}

/// One immutable version of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModelVersion {
    /// Node id.
    pub id: i64,
    /// The model.
    pub model_id: i64,
    /// The model's name.
    pub model: String,
    /// Version label, unique per model.
    pub version: String,
    /// OMS root digest (hex SHA-256).
    pub digest: Option<String>,
    /// File format (`safetensors`, `pytorch`, `onnx`, ...).
    pub format: Option<String>,
    /// Size in bytes.
    pub size: Option<i64>,
    /// Where the weights live (URI or local path).
    pub uri: Option<String>,
    /// Creation time.
    pub created_at: String,
}

/// Create a model version.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewModelVersion {
    /// Version label; defaults to the first 12 hex digits of the digest.
    #[serde(default)]
    pub version: Option<String>,
    /// OMS root digest.
    #[serde(default)]
    pub digest: Option<String>,
    /// File format.
    #[serde(default)]
    pub format: Option<String>,
    /// Size in bytes.
    #[serde(default)]
    pub size: Option<i64>,
    /// URI or path.
    #[serde(default)]
    pub uri: Option<String>,
}

/// Mutable fields of an artifact version: where it lives.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VersionUpdate {
    /// New URI or path.
    #[serde(default)]
    pub uri: Option<String>,
}

/// Run states (OpenLineage's, plus `running` for START/RUNNING).
pub const RUN_STATUSES: &[&str] = &["running", "completed", "failed", "aborted", "other"];

/// A training, evaluation or data-preparation run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Run {
    /// Node id.
    pub id: i64,
    /// Project id.
    pub project_id: Option<i64>,
    /// Job name (OpenLineage runs: `namespace/name`).
    pub name: String,
    /// External id (the OpenLineage `runId`).
    pub external_id: Option<String>,
    /// Source commit of the code that ran.
    pub code_commit: Option<String>,
    /// The command line.
    pub command: Option<String>,
    /// Parameters (JSON object).
    pub parameters: Option<Value>,
    /// Environment (JSON object: interpreter, packages, host).
    pub environment: Option<Value>,
    /// One of `running`, `completed`, `failed`, `aborted`, `other`.
    pub status: String,
    /// Start time.
    pub started_at: Option<String>,
    /// End time.
    pub ended_at: Option<String>,
    /// Creation time.
    pub created_at: String,
}

/// Create a run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRun {
    /// Job name.
    pub name: String,
    /// Project id.
    #[serde(default)]
    pub project_id: Option<i64>,
    /// External id (unique).
    #[serde(default)]
    pub external_id: Option<String>,
    /// Source commit.
    #[serde(default)]
    pub code_commit: Option<String>,
    /// Command line.
    #[serde(default)]
    pub command: Option<String>,
    /// Parameters.
    #[serde(default)]
    pub parameters: Option<Value>,
    /// Environment.
    #[serde(default)]
    pub environment: Option<Value>,
    /// Status (default `running`).
    #[serde(default)]
    pub status: Option<String>,
    /// Start time (RFC 3339).
    #[serde(default)]
    pub started_at: Option<String>,
    /// End time (RFC 3339).
    #[serde(default)]
    pub ended_at: Option<String>,
}

/// Mutable fields of a run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RunUpdate {
    /// New status.
    #[serde(default)]
    pub status: Option<String>,
    /// End time (RFC 3339).
    #[serde(default)]
    pub ended_at: Option<String>,
}

/// A model version serving in an environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deployment {
    /// Node id.
    pub id: i64,
    /// The deployed model version.
    pub model_version_id: i64,
    /// Environment (`production`, `staging`, ...).
    pub environment: String,
    /// Endpoint URL.
    pub endpoint: Option<String>,
    /// `active` or `retired`.
    pub status: String,
    /// Creation time.
    pub created_at: String,
}

/// Deploy a model version.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDeployment {
    /// The model version.
    pub model_version_id: i64,
    /// Environment.
    pub environment: String,
    /// Endpoint URL.
    #[serde(default)]
    pub endpoint: Option<String>,
}

/// Mutable fields of a deployment.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeploymentUpdate {
    /// New endpoint.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// `active` or `retired`.
    #[serde(default)]
    pub status: Option<String>,
}

/// A lineage edge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Edge {
    /// Upstream node id.
    pub src: i64,
    /// Downstream node id.
    pub dst: i64,
    /// Edge kind.
    pub kind: EdgeKind,
}

/// Evidence: the output of an mlsec command about one artifact version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    /// Evidence id.
    pub id: i64,
    /// The node it is about.
    pub node_id: i64,
    /// `scan`, `signature`, `bom`, `verification` or another label.
    pub kind: String,
    /// The artifact digest the evidence speaks about.
    pub subject_digest: Option<String>,
    /// Media type of the body (`application/json`, `application/sarif+json`, ...).
    pub media_type: String,
    /// The document (JSON).
    pub body: Value,
    /// SHA-256 of the body as stored.
    pub body_sha256: String,
    /// Who attached it.
    pub created_by: Option<String>,
    /// Creation time.
    pub created_at: String,
}

/// Attach evidence.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewEvidence {
    /// Node id; or give `subject_digest` alone to find the version by digest.
    #[serde(default)]
    pub node_id: Option<i64>,
    /// Label.
    pub kind: String,
    /// Digest of the artifact the evidence is about.
    #[serde(default)]
    pub subject_digest: Option<String>,
    /// Media type (default `application/json`).
    #[serde(default)]
    pub media_type: Option<String>,
    /// The document.
    pub body: Value,
}

/// A principal (user or service account) and its role.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPrincipal {
    /// Unique name.
    pub name: String,
    /// `admin`, `writer` or `reader`.
    pub role: String,
}

/// A group of principals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Group {
    /// Group id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Member principal names.
    pub members: Vec<String>,
    /// Creation time.
    pub created_at: String,
}

/// Create a group.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    /// Unique name.
    pub name: String,
    /// Member principal names.
    #[serde(default)]
    pub members: Vec<String>,
}

/// A created API token: the secret is shown once and stored only as a hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedToken {
    /// Token id.
    pub id: i64,
    /// The principal it acts as.
    pub principal: String,
    /// Label.
    pub name: String,
    /// The secret (`mlsec_...`); not retrievable later.
    pub token: String,
}

/// Create a token.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// The principal (created as `role` if it does not exist).
    pub principal: String,
    /// Role for a new principal (default `writer`).
    #[serde(default)]
    pub role: Option<String>,
    /// Label.
    #[serde(default)]
    pub name: Option<String>,
}

/// Pagination and filters for list endpoints. Filters that do not apply to
/// an entity are ignored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Page size, 1 to 1000 (default 100).
    pub limit: Option<i64>,
    /// Return items with an id greater than this (the previous page's `next`).
    pub after: Option<i64>,
    /// Exact name.
    pub name: Option<String>,
    /// Exact owner.
    pub owner: Option<String>,
    /// Content digest.
    pub digest: Option<String>,
    /// Project id.
    pub project_id: Option<i64>,
    /// Run or deployment status.
    pub status: Option<String>,
    /// Deployment environment.
    pub environment: Option<String>,
}

/// One page of a list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The items, by ascending id.
    pub items: Vec<T>,
    /// The `after` value for the next page, if there may be one.
    pub next: Option<i64>,
}
