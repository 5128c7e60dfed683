//! Record a run with its inputs and outputs in one transaction: what
//! `mlsec track` sends. Each input or output is identified by its content
//! digest; a known digest links to the registered version (so datasets
//! registered beforehand join the lineage), an unknown one registers a new
//! version named after the file.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lineage::LineageNode;
use crate::model::{EdgeKind, NewDatasetVersion, NewModelVersion, NewRun, NodeKind, Run};
use crate::store::{
    check_name, insert_dataset_version, insert_edge, insert_model_version, insert_node, insert_run, normalize_digest,
    Registry,
};

/// Whether an artifact is data or a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArtifactKind {
    /// A dataset version.
    Dataset,
    /// A model version.
    Model,
}

/// One input or output of a tracked run.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ArtifactRef {
    /// Dataset or model.
    pub kind: ArtifactKind,
    /// Registry name for a new artifact (default: the file name).
    pub name: String,
    /// Content digest (OMS root digest, hex SHA-256).
    pub digest: String,
    /// Size in bytes.
    #[serde(default)]
    pub size: Option<i64>,
    /// Where it lives.
    #[serde(default)]
    pub uri: Option<String>,
    /// Model file format.
    #[serde(default)]
    pub format: Option<String>,
}

/// A run and what it read and wrote.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrackRecord {
    /// The run.
    pub run: NewRun,
    /// What it read.
    #[serde(default)]
    pub inputs: Vec<ArtifactRef>,
    /// What it wrote.
    #[serde(default)]
    pub outputs: Vec<ArtifactRef>,
}

/// What was recorded.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackResult {
    /// The run.
    pub run: Run,
    /// The versions it read, in input order.
    pub inputs: Vec<LineageNode>,
    /// The versions it wrote, in output order.
    pub outputs: Vec<LineageNode>,
}

/// Most inputs plus outputs one record may carry.
const MAX_ARTIFACTS: usize = 10_000;

impl Registry {
    /// Record a run and its lineage atomically.
    ///
    /// # Errors
    /// Invalid fields (named), database failure; nothing is written then.
    pub async fn track(&self, rec: &TrackRecord) -> Result<TrackResult> {
        if rec.inputs.len() + rec.outputs.len() > MAX_ARTIFACTS {
            return Err(Error::invalid(format!("at most {MAX_ARTIFACTS} inputs and outputs")));
        }
        self.retrying(|| self.track_once(rec)).await
    }

    async fn track_once(&self, rec: &TrackRecord) -> Result<TrackResult> {
        let mut tx = self.write_tx().await?;
        let run_id = insert_run(&mut tx, &rec.run).await?;
        let mut inputs = Vec::new();
        for (i, a) in rec.inputs.iter().enumerate() {
            let id = resolve(&mut tx, a, &format!("inputs[{i}]")).await?;
            insert_edge(&mut tx, id, run_id, EdgeKind::InputTo).await?;
            inputs.push(id);
        }
        let mut outputs = Vec::new();
        for (i, a) in rec.outputs.iter().enumerate() {
            let id = resolve(&mut tx, a, &format!("outputs[{i}]")).await?;
            if inputs.contains(&id) {
                return Err(Error::invalid(format!(
                    "`outputs[{i}]`: `{}` has the same content as an input; a run cannot produce what it read",
                    a.name
                )));
            }
            insert_edge(&mut tx, run_id, id, EdgeKind::Produced).await?;
            outputs.push(id);
        }
        tx.commit().await?;
        let mut result = TrackResult {
            run: self.get_run(run_id).await?,
            inputs: Vec::new(),
            outputs: Vec::new(),
        };
        for id in inputs {
            result.inputs.push(self.node(id).await?);
        }
        for id in outputs {
            result.outputs.push(self.node(id).await?);
        }
        Ok(result)
    }
}

/// Find the version with this digest (preferring one of the named
/// artifact), or register it.
async fn resolve(conn: &mut sqlx::AnyConnection, a: &ArtifactRef, field: &str) -> Result<i64> {
    check_name(&format!("{field}.name"), &a.name)?;
    let digest = normalize_digest(&a.digest).map_err(|e| Error::invalid(format!("`{field}.digest`: {e}")))?;
    let (versions, parents, parent_col, kind) = match a.kind {
        ArtifactKind::Dataset => ("dataset_versions", "datasets", "dataset_id", NodeKind::Dataset),
        ArtifactKind::Model => ("model_versions", "models", "model_id", NodeKind::Model),
    };
    let known: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT v.id, p.name FROM {versions} v JOIN {parents} p ON p.id = v.{parent_col} WHERE v.digest = $1 ORDER BY v.id"
    ))
    .bind(&digest)
    .fetch_all(&mut *conn)
    .await?;
    if let Some((id, _)) = known.iter().find(|(_, n)| *n == a.name).or(known.first()) {
        return Ok(*id);
    }
    let parent: Option<i64> = sqlx::query_scalar(&format!("SELECT id FROM {parents} WHERE name = $1"))
        .bind(&a.name)
        .fetch_optional(&mut *conn)
        .await?;
    let parent = match parent {
        Some(id) => id,
        None => {
            let id = insert_node(conn, kind, &a.name, None).await?;
            sqlx::query(&format!("INSERT INTO {parents} (id, name) VALUES ($1, $2)"))
                .bind(id)
                .bind(&a.name)
                .execute(&mut *conn)
                .await?;
            id
        }
    };
    match a.kind {
        ArtifactKind::Dataset => {
            let v = NewDatasetVersion {
                digest: Some(digest),
                size: a.size,
                origin_uri: a.uri.clone(),
                ..Default::default()
            };
            insert_dataset_version(conn, parent, &v).await
        }
        ArtifactKind::Model => {
            let v = NewModelVersion {
                digest: Some(digest),
                size: a.size,
                uri: a.uri.clone(),
                format: a.format.clone(),
                ..Default::default()
            };
            insert_model_version(conn, parent, &v).await
        }
    }
}
