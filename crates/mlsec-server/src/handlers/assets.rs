//! Projects, datasets, models and their versions.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use mlsec_registry::{
    AssetUpdate, Dataset, DatasetVersion, ListQuery, Model, ModelVersion, NewDataset, NewDatasetVersion, NewModel,
    NewModelVersion, NewProject, NodeKind, Page, Project, VersionUpdate,
};

use super::{ok, ApiResult};
use crate::error::ApiError;
use crate::router::Shared;

type Created<T> = Result<(StatusCode, Json<T>), ApiError>;

fn created<T>(r: mlsec_registry::Result<T>) -> Created<T> {
    r.map(|v| (StatusCode::CREATED, Json(v))).map_err(ApiError::from)
}

/// Create a project.
#[utoipa::path(post, path = "/api/v1/projects", tag = "projects", request_body = NewProject,
    responses((status = 201, body = Project), (status = 400), (status = 409)))]
pub(crate) async fn create_project(State(s): State<Shared>, Json(b): Json<NewProject>) -> Created<Project> {
    created(s.registry.create_project(&b).await)
}

/// Get a project.
#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "projects", params(("id" = i64, Path)),
    responses((status = 200, body = Project), (status = 404)))]
pub(crate) async fn get_project(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<Project> {
    ok(s.registry.get_project(id).await)
}

/// Update a project's description or owner.
#[utoipa::path(patch, path = "/api/v1/projects/{id}", tag = "projects", params(("id" = i64, Path)), request_body = AssetUpdate,
    responses((status = 200, body = Project), (status = 400), (status = 404)))]
pub(crate) async fn update_project(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<AssetUpdate>,
) -> ApiResult<Project> {
    ok(s.registry.update_project(id, &b).await)
}

/// List projects.
#[utoipa::path(get, path = "/api/v1/projects", tag = "projects", params(ListQuery),
    responses((status = 200, body = Page<Project>)))]
pub(crate) async fn list_projects(State(s): State<Shared>, Query(q): Query<ListQuery>) -> ApiResult<Page<Project>> {
    ok(s.registry.list_projects(&q).await)
}

/// Register a dataset.
#[utoipa::path(post, path = "/api/v1/datasets", tag = "datasets", request_body = NewDataset,
    responses((status = 201, body = Dataset), (status = 400), (status = 409)))]
pub(crate) async fn create_dataset(State(s): State<Shared>, Json(b): Json<NewDataset>) -> Created<Dataset> {
    created(s.registry.create_dataset(&b).await)
}

/// Get a dataset.
#[utoipa::path(get, path = "/api/v1/datasets/{id}", tag = "datasets", params(("id" = i64, Path)),
    responses((status = 200, body = Dataset), (status = 404)))]
pub(crate) async fn get_dataset(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<Dataset> {
    ok(s.registry.get_dataset(id).await)
}

/// List datasets (filters: name, owner, project_id).
#[utoipa::path(get, path = "/api/v1/datasets", tag = "datasets", params(ListQuery),
    responses((status = 200, body = Page<Dataset>)))]
pub(crate) async fn list_datasets(State(s): State<Shared>, Query(q): Query<ListQuery>) -> ApiResult<Page<Dataset>> {
    ok(s.registry.list_datasets(&q).await)
}

/// Update a dataset's description, owner, licence or classification.
#[utoipa::path(patch, path = "/api/v1/datasets/{id}", tag = "datasets", params(("id" = i64, Path)), request_body = AssetUpdate,
    responses((status = 200, body = Dataset), (status = 404)))]
pub(crate) async fn update_dataset(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<AssetUpdate>,
) -> ApiResult<Dataset> {
    ok(s.registry.update_dataset(id, &b).await)
}

/// Register a version of a dataset.
#[utoipa::path(post, path = "/api/v1/datasets/{id}/versions", tag = "datasets", params(("id" = i64, Path)),
    request_body = NewDatasetVersion, responses((status = 201, body = DatasetVersion), (status = 400), (status = 404), (status = 409)))]
pub(crate) async fn create_dataset_version(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<NewDatasetVersion>,
) -> Created<DatasetVersion> {
    created(s.registry.create_dataset_version(id, &b).await)
}

/// List a dataset's versions.
#[utoipa::path(get, path = "/api/v1/datasets/{id}/versions", tag = "datasets", params(("id" = i64, Path), ListQuery),
    responses((status = 200, body = Page<DatasetVersion>)))]
pub(crate) async fn list_versions_of_dataset(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Page<DatasetVersion>> {
    s.registry.get_dataset(id).await?;
    ok(s.registry.list_dataset_versions(Some(id), &q).await)
}

/// List dataset versions (filter: digest).
#[utoipa::path(get, path = "/api/v1/dataset-versions", tag = "datasets", params(ListQuery),
    responses((status = 200, body = Page<DatasetVersion>)))]
pub(crate) async fn list_dataset_versions(
    State(s): State<Shared>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Page<DatasetVersion>> {
    ok(s.registry.list_dataset_versions(None, &q).await)
}

/// Get a dataset version.
#[utoipa::path(get, path = "/api/v1/dataset-versions/{id}", tag = "datasets", params(("id" = i64, Path)),
    responses((status = 200, body = DatasetVersion), (status = 404)))]
pub(crate) async fn get_dataset_version(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<DatasetVersion> {
    ok(s.registry.get_dataset_version(id).await)
}

/// Change where a dataset version lives.
#[utoipa::path(patch, path = "/api/v1/dataset-versions/{id}", tag = "datasets", params(("id" = i64, Path)),
    request_body = VersionUpdate, responses((status = 200, body = DatasetVersion), (status = 404)))]
pub(crate) async fn update_dataset_version(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<VersionUpdate>,
) -> ApiResult<DatasetVersion> {
    s.registry.update_version_uri(NodeKind::DatasetVersion, id, &b).await?;
    ok(s.registry.get_dataset_version(id).await)
}

/// Register a model.
#[utoipa::path(post, path = "/api/v1/models", tag = "models", request_body = NewModel,
    responses((status = 201, body = Model), (status = 400), (status = 409)))]
pub(crate) async fn create_model(State(s): State<Shared>, Json(b): Json<NewModel>) -> Created<Model> {
    created(s.registry.create_model(&b).await)
}

/// Get a model.
#[utoipa::path(get, path = "/api/v1/models/{id}", tag = "models", params(("id" = i64, Path)),
    responses((status = 200, body = Model), (status = 404)))]
pub(crate) async fn get_model(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<Model> {
    ok(s.registry.get_model(id).await)
}

/// List models (filters: name, owner, project_id).
#[utoipa::path(get, path = "/api/v1/models", tag = "models", params(ListQuery),
    responses((status = 200, body = Page<Model>)))]
pub(crate) async fn list_models(State(s): State<Shared>, Query(q): Query<ListQuery>) -> ApiResult<Page<Model>> {
    ok(s.registry.list_models(&q).await)
}

/// Update a model's description, owner or licence.
#[utoipa::path(patch, path = "/api/v1/models/{id}", tag = "models", params(("id" = i64, Path)), request_body = AssetUpdate,
    responses((status = 200, body = Model), (status = 400), (status = 404)))]
pub(crate) async fn update_model(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<AssetUpdate>,
) -> ApiResult<Model> {
    ok(s.registry.update_model(id, &b).await)
}

/// Register a version of a model.
#[utoipa::path(post, path = "/api/v1/models/{id}/versions", tag = "models", params(("id" = i64, Path)),
    request_body = NewModelVersion, responses((status = 201, body = ModelVersion), (status = 400), (status = 404), (status = 409)))]
pub(crate) async fn create_model_version(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<NewModelVersion>,
) -> Created<ModelVersion> {
    created(s.registry.create_model_version(id, &b).await)
}

/// List a model's versions.
#[utoipa::path(get, path = "/api/v1/models/{id}/versions", tag = "models", params(("id" = i64, Path), ListQuery),
    responses((status = 200, body = Page<ModelVersion>)))]
pub(crate) async fn list_versions_of_model(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Page<ModelVersion>> {
    s.registry.get_model(id).await?;
    ok(s.registry.list_model_versions(Some(id), &q).await)
}

/// List model versions (filter: digest).
#[utoipa::path(get, path = "/api/v1/model-versions", tag = "models", params(ListQuery),
    responses((status = 200, body = Page<ModelVersion>)))]
pub(crate) async fn list_model_versions(
    State(s): State<Shared>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Page<ModelVersion>> {
    ok(s.registry.list_model_versions(None, &q).await)
}

/// Get a model version.
#[utoipa::path(get, path = "/api/v1/model-versions/{id}", tag = "models", params(("id" = i64, Path)),
    responses((status = 200, body = ModelVersion), (status = 404)))]
pub(crate) async fn get_model_version(State(s): State<Shared>, Path(id): Path<i64>) -> ApiResult<ModelVersion> {
    ok(s.registry.get_model_version(id).await)
}

/// Change where a model version lives.
#[utoipa::path(patch, path = "/api/v1/model-versions/{id}", tag = "models", params(("id" = i64, Path)),
    request_body = VersionUpdate, responses((status = 200, body = ModelVersion), (status = 404)))]
pub(crate) async fn update_model_version(
    State(s): State<Shared>,
    Path(id): Path<i64>,
    Json(b): Json<VersionUpdate>,
) -> ApiResult<ModelVersion> {
    s.registry.update_version_uri(NodeKind::ModelVersion, id, &b).await?;
    ok(s.registry.get_model_version(id).await)
}
