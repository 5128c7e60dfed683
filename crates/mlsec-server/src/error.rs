//! One error type for every handler, and one JSON envelope for every error
//! response: `{"errors":[{"detail":"..."}]}`. Database failures are logged
//! and answered with a generic 500, never with their cause. Responses that
//! axum makes itself (bad path or query, body too large, unsupported media
//! type, unknown route) are rewritten into the same envelope by
//! [`json_errors`].

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use mlsec_registry::Error;

/// A failed request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// From the registry.
    #[error(transparent)]
    Registry(#[from] Error),
    /// No or an unknown token.
    #[error("{0}")]
    Unauthorized(String),
}

impl ApiError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Registry(e) => match e {
                Error::Invalid(_) => StatusCode::BAD_REQUEST,
                Error::NotFound(_) => StatusCode::NOT_FOUND,
                Error::Conflict(_) => StatusCode::CONFLICT,
                Error::Forbidden(_) => StatusCode::FORBIDDEN,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }
}

/// The error envelope.
pub(crate) fn envelope(status: StatusCode, detail: &str) -> Response {
    let body = serde_json::json!({ "errors": [{ "detail": detail }] });
    (status, axum::Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            return envelope(status, "internal server error");
        }
        let mut resp = envelope(status, &self.to_string());
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

/// Rewrite error responses that are not JSON (axum's own rejections) into
/// the envelope, keeping their status and text.
pub(crate) async fn json_errors(resp: Response) -> Response {
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let mut text = String::from_utf8_lossy(&bytes).trim().to_owned();
    if text.is_empty() {
        text = status.canonical_reason().unwrap_or("error").to_lowercase();
    }
    if status.is_server_error() {
        tracing::error!(error = %text, "request failed");
        text = "internal server error".into();
    }
    let mut out = envelope(status, &text);
    for (k, v) in &parts.headers {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    let _ = Body::empty();
    out
}
