//! HTTP handlers: extract the request, call the registry, return its types
//! as JSON. One module per group of resources; no SQL here.

pub(crate) mod admin;
pub(crate) mod assets;
pub(crate) mod lineage;
pub(crate) mod runs;

use axum::Json;

use crate::error::ApiError;

/// Handler result.
pub(crate) type ApiResult<T> = Result<Json<T>, ApiError>;

/// Wrap a registry result.
pub(crate) fn ok<T>(r: mlsec_registry::Result<T>) -> ApiResult<T> {
    r.map(Json).map_err(ApiError::from)
}
