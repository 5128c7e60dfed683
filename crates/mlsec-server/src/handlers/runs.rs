//! Runs, tracked runs and deployments.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use mlsec_registry::{
    Deployment, DeploymentUpdate, ListQuery, NewDeployment, NewRun, Page, Run, RunUpdate, TrackRecord, TrackResult,
};

use super::{ok, ApiResult};
use crate::error::ApiError;
use crate::router::Shared;

/// Create a run.
#[utoipa::path(post, path = "/api/v1/runs", tag = "runs", request_body = NewRun,
    responses((status = 201, body = Run), (status = 400), (status = 409)))]
pub(crate) async fn create_run(
    State(s): State<Shared>,
    Json(b): Json<NewRun>,
) -> Result<(StatusCode, Json<Run>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.registry.create_run(&b).await?)))
}

/// Get a run.
#[utoipa::path(get, path = "/api/v1/runs/{id}", tag = "runs", params(("id" = i64, Path)),
    responses((status = 200, body = Run), (status = 404)))]
pub(crate) async fn get_run(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<Run> {
    ok(s.registry.get_run(id).await)
}

/// List runs (filters: name, status, project_id).
#[utoipa::path(get, path = "/api/v1/runs", tag = "runs", params(ListQuery), responses((status = 200, body = Page<Run>)))]
pub(crate) async fn list_runs(State(s): State<Shared>, Query(q): Query<ListQuery>) -> ApiResult<Page<Run>> {
    ok(s.registry.list_runs(&q).await)
}

/// Update a run's status or end time.
#[utoipa::path(patch, path = "/api/v1/runs/{id}", tag = "runs", params(("id" = i64, Path)), request_body = RunUpdate,
    responses((status = 200, body = Run), (status = 400), (status = 404)))]
pub(crate) async fn update_run(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<RunUpdate>,
) -> ApiResult<Run> {
    ok(s.registry.update_run(id, &b).await)
}

/// Record a run with its inputs and outputs (what `mlsec track` sends), atomically.
#[utoipa::path(post, path = "/api/v1/track", tag = "runs", request_body = TrackRecord,
    responses((status = 201, body = TrackResult), (status = 400)))]
pub(crate) async fn track(
    State(s): State<Shared>,
    Json(b): Json<TrackRecord>,
) -> Result<(StatusCode, Json<TrackResult>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.registry.track(&b).await?)))
}

/// Deploy a model version.
#[utoipa::path(post, path = "/api/v1/deployments", tag = "deployments", request_body = NewDeployment,
    responses((status = 201, body = Deployment), (status = 400), (status = 404)))]
pub(crate) async fn create_deployment(
    State(s): State<Shared>,
    Json(b): Json<NewDeployment>,
) -> Result<(StatusCode, Json<Deployment>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.registry.create_deployment(&b).await?)))
}

/// Get a deployment.
#[utoipa::path(get, path = "/api/v1/deployments/{id}", tag = "deployments", params(("id" = i64, Path)),
    responses((status = 200, body = Deployment), (status = 404)))]
pub(crate) async fn get_deployment(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<Deployment> {
    ok(s.registry.get_deployment(id).await)
}

/// List deployments (filters: environment, status).
#[utoipa::path(get, path = "/api/v1/deployments", tag = "deployments", params(ListQuery),
    responses((status = 200, body = Page<Deployment>)))]
pub(crate) async fn list_deployments(
    State(s): State<Shared>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Page<Deployment>> {
    ok(s.registry.list_deployments(&q).await)
}

/// Update a deployment's endpoint or status.
#[utoipa::path(patch, path = "/api/v1/deployments/{id}", tag = "deployments", params(("id" = i64, Path)),
    request_body = DeploymentUpdate, responses((status = 200, body = Deployment), (status = 400), (status = 404)))]
pub(crate) async fn update_deployment(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<DeploymentUpdate>,
) -> ApiResult<Deployment> {
    ok(s.registry.update_deployment(id, &b).await)
}
