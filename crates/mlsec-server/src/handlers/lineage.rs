//! Lineage: nodes, edges, graph queries, evidence and OpenLineage ingestion.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use mlsec_registry::openlineage::Ingested;
use mlsec_registry::{Direction, Edge, Error, Evidence, LineageGraph, LineageNode, NewEvidence, Principal};
use serde::Deserialize;
use serde_json::Value;

use super::{ok, ApiResult};
use crate::error::ApiError;
use crate::router::Shared;

/// Lineage query parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct LineageParams {
    /// `upstream` (default) or `downstream`.
    direction: Option<Direction>,
    /// Depth cap, 0 to 64 (default 10).
    depth: Option<u32>,
}

/// Node lookup parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct DigestParams {
    /// Content digest (hex SHA-256).
    digest: String,
}

/// Evidence list parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct EvidenceParams {
    /// Node id.
    node_id: i64,
}

/// Get a node (any kind).
#[utoipa::path(get, path = "/api/v1/nodes/{id}", tag = "lineage", params(("id" = i64, Path)),
    responses((status = 200, body = LineageNode), (status = 404)))]
pub(crate) async fn get_node(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<LineageNode> {
    ok(s.registry.node(id).await)
}

/// Find nodes by content digest.
#[utoipa::path(get, path = "/api/v1/nodes", tag = "lineage", params(DigestParams),
    responses((status = 200, body = Vec<LineageNode>), (status = 400)))]
pub(crate) async fn find_nodes(State(s): State<Shared>, Query(q): Query<DigestParams>) -> ApiResult<Vec<LineageNode>> {
    ok(s.registry.nodes_by_digest(&q.digest).await)
}

/// The lineage graph around a node.
#[utoipa::path(get, path = "/api/v1/nodes/{id}/lineage", tag = "lineage", params(("id" = i64, Path), LineageParams),
    responses((status = 200, body = LineageGraph), (status = 400), (status = 404)))]
pub(crate) async fn lineage(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Query(q): Query<LineageParams>,
) -> ApiResult<LineageGraph> {
    ok(s.registry
        .lineage(id, q.direction.unwrap_or(Direction::Upstream), q.depth.unwrap_or(10))
        .await)
}

/// The dataset versions that went into a node, transitively ("which data trained this model?").
#[utoipa::path(get, path = "/api/v1/nodes/{id}/datasets", tag = "lineage", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<LineageNode>), (status = 404)))]
pub(crate) async fn upstream_datasets(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<Vec<LineageNode>> {
    ok(s.registry.upstream_datasets(id).await)
}

/// Add a lineage edge.
#[utoipa::path(post, path = "/api/v1/edges", tag = "lineage", request_body = Edge,
    responses((status = 201, body = Edge), (status = 400), (status = 404)))]
pub(crate) async fn add_edge(
    State(s): State<Shared>,
    Json(b): Json<Edge>,
) -> Result<(StatusCode, Json<Edge>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.registry.add_edge(&b).await?)))
}

/// Attach evidence (a scan report, signature, BOM) to a node or a digest.
#[utoipa::path(post, path = "/api/v1/evidence", tag = "evidence", request_body = NewEvidence,
    responses((status = 201, body = Evidence), (status = 400), (status = 404)))]
pub(crate) async fn add_evidence(
    State(s): State<Shared>,
    Extension(p): Extension<Principal>,
    Json(b): Json<NewEvidence>,
) -> Result<(StatusCode, Json<Evidence>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(s.registry.add_evidence(&b, Some(&p.name)).await?),
    ))
}

/// Evidence attached to a node.
#[utoipa::path(get, path = "/api/v1/evidence", tag = "evidence", params(EvidenceParams),
    responses((status = 200, body = Vec<Evidence>)))]
pub(crate) async fn list_evidence(
    State(s): State<Shared>,
    Query(q): Query<EvidenceParams>,
) -> ApiResult<Vec<Evidence>> {
    ok(s.registry.list_evidence(q.node_id).await)
}

/// Ingest an OpenLineage event (RunEvent, JobEvent or DatasetEvent), as
/// Airflow, Spark, dbt and the Python client send it.
#[utoipa::path(post, path = "/api/v1/lineage", tag = "lineage", request_body = Object,
    responses((status = 201, body = Ingested), (status = 400)))]
pub(crate) async fn ingest_openlineage(
    State(s): State<Shared>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Ingested>), ApiError> {
    // Parse here rather than with the `Json` extractor so a syntax error is a
    // 400 naming the line and column, like every other invalid event.
    let event: Value =
        serde_json::from_slice(&body).map_err(|e| Error::invalid(format!("the body is not valid JSON: {e}")))?;
    Ok((StatusCode::CREATED, Json(s.registry.ingest_openlineage(&event).await?)))
}
