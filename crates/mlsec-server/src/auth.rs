//! Authentication and roles. A bearer token is looked up by its hash; the
//! principal it acts as is put in the request's extensions for handlers.
//! Reads need `reader`, writes `writer`, principals and tokens `admin`.

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mlsec_registry::{Error, Principal, Role};

use crate::error::ApiError;
use crate::router::Shared;
use crate::AuthMode;

/// The local admin used for in-process requests.
fn local_admin() -> Principal {
    Principal {
        id: 0,
        name: "local".into(),
        role: Role::Admin,
        created_at: String::new(),
    }
}

/// Middleware: authenticate, then require `reader` for safe methods and
/// `writer` for the rest.
pub(crate) async fn authenticate(State(state): State<Shared>, mut req: Request, next: Next) -> Response {
    let principal = match state.auth {
        AuthMode::LocalTrusted => local_admin(),
        AuthMode::Tokens => {
            let token = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
                .map(str::trim);
            let Some(token) = token else {
                return ApiError::Unauthorized(
                    "missing `Authorization: Bearer <token>` header (create a token with `mlsec admin token create`)"
                        .into(),
                )
                .into_response();
            };
            match state.registry.authenticate(token).await {
                Ok(Some(p)) => p,
                Ok(None) => return ApiError::Unauthorized("unknown or revoked token".into()).into_response(),
                Err(e) => return ApiError::from(e).into_response(),
            }
        }
    };
    let needed = if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        Role::Reader
    } else {
        Role::Writer
    };
    if principal.role < needed {
        return ApiError::from(Error::Forbidden(format!(
            "principal `{}` has role `{}`; this request needs `{}`",
            principal.name,
            principal.role.as_str(),
            needed.as_str()
        )))
        .into_response();
    }
    req.extensions_mut().insert(principal);
    next.run(req).await
}

/// Require the admin role.
pub(crate) fn require_admin(p: &Principal) -> Result<(), ApiError> {
    if p.role == Role::Admin {
        Ok(())
    } else {
        Err(Error::Forbidden(format!("principal `{}` is not an admin", p.name)).into())
    }
}
