//! The OpenAPI document, generated from the handlers' `#[utoipa::path]`
//! annotations and the registry's types.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::handlers::{admin, assets, lineage, runs};

/// The mlsec registry API.
#[derive(OpenApi)]
#[openapi(
    info(title = "mlsec registry", description = "Datasets, models, runs, deployments and their lineage, with content digests. \
        Every error is `{\"errors\":[{\"detail\":\"...\"}]}`. Authenticate with `Authorization: Bearer <token>`."),
    paths(
        assets::create_project, assets::get_project, assets::list_projects, assets::update_project,
        assets::create_dataset, assets::get_dataset, assets::list_datasets, assets::update_dataset,
        assets::create_dataset_version, assets::list_versions_of_dataset, assets::list_dataset_versions,
        assets::get_dataset_version, assets::update_dataset_version,
        assets::create_model, assets::get_model, assets::list_models, assets::update_model,
        assets::create_model_version, assets::list_versions_of_model, assets::list_model_versions,
        assets::get_model_version, assets::update_model_version,
        runs::create_run, runs::get_run, runs::list_runs, runs::update_run, runs::track,
        runs::create_deployment, runs::get_deployment, runs::list_deployments, runs::update_deployment,
        lineage::get_node, lineage::find_nodes, lineage::lineage, lineage::upstream_datasets, lineage::add_edge,
        lineage::add_evidence, lineage::list_evidence, lineage::ingest_openlineage,
        admin::whoami, admin::list_principals, admin::create_principal, admin::create_token, admin::revoke_token,
        admin::list_groups, admin::create_group,
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
