//! Every route, in one place.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};
use axum::{middleware, Json, Router};
use utoipa::OpenApi as _;
use utoipa_swagger_ui::SwaggerUi;

use crate::handlers::{admin, assets, lineage, runs};
use crate::openapi::ApiDoc;
use crate::AppState;

/// State as handlers see it.
pub(crate) type Shared = Arc<AppState>;

/// The whole application: `/api/v1` (authenticated), `/api/v1/openapi.json`,
/// `/swagger-ui/` and `/healthz`.
pub fn router(state: Shared) -> Router {
    let api = Router::new()
        .route("/projects", get(assets::list_projects).post(assets::create_project))
        .route("/projects/{id}", get(assets::get_project).patch(assets::update_project))
        .route("/datasets", get(assets::list_datasets).post(assets::create_dataset))
        .route("/datasets/{id}", get(assets::get_dataset).patch(assets::update_dataset))
        .route(
            "/datasets/{id}/versions",
            get(assets::list_versions_of_dataset).post(assets::create_dataset_version),
        )
        .route("/dataset-versions", get(assets::list_dataset_versions))
        .route(
            "/dataset-versions/{id}",
            get(assets::get_dataset_version).patch(assets::update_dataset_version),
        )
        .route("/models", get(assets::list_models).post(assets::create_model))
        .route("/models/{id}", get(assets::get_model).patch(assets::update_model))
        .route(
            "/models/{id}/versions",
            get(assets::list_versions_of_model).post(assets::create_model_version),
        )
        .route("/model-versions", get(assets::list_model_versions))
        .route(
            "/model-versions/{id}",
            get(assets::get_model_version).patch(assets::update_model_version),
        )
        .route("/runs", get(runs::list_runs).post(runs::create_run))
        .route("/runs/{id}", get(runs::get_run).patch(runs::update_run))
        .route("/track", post(runs::track))
        .route(
            "/deployments",
            get(runs::list_deployments).post(runs::create_deployment),
        )
        .route(
            "/deployments/{id}",
            get(runs::get_deployment).patch(runs::update_deployment),
        )
        .route("/nodes", get(lineage::find_nodes))
        .route("/nodes/{id}", get(lineage::get_node))
        .route("/nodes/{id}/lineage", get(lineage::lineage))
        .route("/nodes/{id}/datasets", get(lineage::upstream_datasets))
        .route("/edges", post(lineage::add_edge))
        .route("/evidence", get(lineage::list_evidence).post(lineage::add_evidence))
        .route("/lineage", post(lineage::ingest_openlineage))
        .route("/whoami", get(admin::whoami))
        .route("/principals", get(admin::list_principals).post(admin::create_principal))
        .route("/tokens", post(admin::create_token))
        .route("/tokens/{id}", delete(admin::revoke_token))
        .route("/groups", get(admin::list_groups).post(admin::create_group))
        .route_layer(middleware::from_fn_with_state(state.clone(), crate::auth::authenticate));
    let max_body = state.max_body;
    Router::new()
        .nest("/api/v1", api)
        .route(
            "/healthz",
            get(|| async { Json(serde_json::json!({ "status": "ok" })) }),
        )
        .merge(SwaggerUi::new("/swagger-ui").url("/api/v1/openapi.json", ApiDoc::openapi()))
        .fallback(|| async { crate::error::envelope(axum::http::StatusCode::NOT_FOUND, "no such route") })
        .layer(middleware::map_response(crate::error::json_errors))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}
