//! Principals, groups and tokens (admin only).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use mlsec_registry::{CreatedToken, Group, NewGroup, NewPrincipal, NewToken, Principal};

use super::{ok, ApiResult};
use crate::auth::require_admin;
use crate::error::ApiError;
use crate::router::Shared;

/// The caller's own principal.
#[utoipa::path(get, path = "/api/v1/whoami", tag = "admin", responses((status = 200, body = Principal)))]
pub(crate) async fn whoami(Extension(p): Extension<Principal>) -> Json<Principal> {
    Json(p)
}

/// List principals.
#[utoipa::path(get, path = "/api/v1/principals", tag = "admin", responses((status = 200, body = Vec<Principal>), (status = 403)))]
pub(crate) async fn list_principals(
    State(s): State<Shared>,
    Extension(p): Extension<Principal>,
) -> ApiResult<Vec<Principal>> {
    require_admin(&p)?;
    ok(s.registry.list_principals().await)
}

/// Create a principal.
#[utoipa::path(post, path = "/api/v1/principals", tag = "admin", request_body = NewPrincipal,
    responses((status = 201, body = Principal), (status = 400), (status = 403), (status = 409)))]
pub(crate) async fn create_principal(
    State(s): State<Shared>,
    Extension(p): Extension<Principal>,
    Json(b): Json<NewPrincipal>,
) -> Result<(StatusCode, Json<Principal>), ApiError> {
    require_admin(&p)?;
    Ok((StatusCode::CREATED, Json(s.registry.create_principal(&b).await?)))
}

/// Create an API token (the secret is in this response only).
#[utoipa::path(post, path = "/api/v1/tokens", tag = "admin", request_body = NewToken,
    responses((status = 201, body = CreatedToken), (status = 400), (status = 403)))]
pub(crate) async fn create_token(
    State(s): State<Shared>,
    Extension(p): Extension<Principal>,
    Json(b): Json<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    require_admin(&p)?;
    Ok((StatusCode::CREATED, Json(s.registry.create_token(&b).await?)))
}

/// Revoke a token.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "admin", params(("id" = i64, Path)),
    responses((status = 204), (status = 403), (status = 404)))]
pub(crate) async fn revoke_token(
    State(s): State<Shared>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    require_admin(&p)?;
    s.registry.revoke_token(id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// List groups.
#[utoipa::path(get, path = "/api/v1/groups", tag = "admin", responses((status = 200, body = Vec<Group>)))]
pub(crate) async fn list_groups(State(s): State<Shared>) -> ApiResult<Vec<Group>> {
    ok(s.registry.list_groups().await)
}

/// Create a group.
#[utoipa::path(post, path = "/api/v1/groups", tag = "admin", request_body = NewGroup,
    responses((status = 201, body = Group), (status = 400), (status = 403), (status = 409)))]
pub(crate) async fn create_group(
    State(s): State<Shared>,
    Extension(p): Extension<Principal>,
    Json(b): Json<NewGroup>,
) -> Result<(StatusCode, Json<Group>), ApiError> {
    require_admin(&p)?;
    Ok((StatusCode::CREATED, Json(s.registry.create_group(&b).await?)))
}
