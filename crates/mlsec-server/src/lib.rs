//! The mlsec governance server: the registry (`mlsec-registry`) as a REST
//! API under `/api/v1`, with token authentication, an OpenAPI document
//! generated from the handlers (`/api/v1/openapi.json`) and a vendored
//! Swagger UI (`/swagger-ui/`, no CDN).
//!
//! Layers: [`router`] lists every route; `handlers/` extract, call the
//! registry and return its types as JSON (no SQL here); `error` maps every
//! failure to one JSON envelope, `{"errors":[{"detail":"..."}]}`; `auth`
//! turns a bearer token into a principal and checks its role.
//! [`LocalClient`] runs the same router in process, so the CLI talks to a
//! local registry and to a remote server through one code path.

#![deny(missing_docs)]

mod auth;
mod error;
mod handlers;
mod local;
mod openapi;
mod router;

use std::sync::Arc;

pub use error::ApiError;
pub use local::LocalClient;
pub use mlsec_registry as registry;
pub use openapi::ApiDoc;
pub use router::router;

/// Default largest request body, in bytes.
pub const DEFAULT_MAX_BODY: usize = 4 * 1024 * 1024;

/// How requests are authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// Every `/api/v1` request needs `Authorization: Bearer <token>`.
    Tokens,
    /// In-process use by the CLI on a local database the user can already
    /// open: every request acts as the local admin.
    LocalTrusted,
}

/// Shared server state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The registry.
    pub registry: mlsec_registry::Registry,
    /// Authentication mode.
    pub auth: AuthMode,
    /// Largest request body in bytes.
    pub max_body: usize,
}

impl AppState {
    /// State for a server with token authentication.
    pub fn new(registry: mlsec_registry::Registry) -> Self {
        AppState {
            registry,
            auth: AuthMode::Tokens,
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

/// Serve the API on a bound listener until Ctrl-C (or SIGTERM).
///
/// # Errors
/// The listener fails.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router(Arc::new(state));
    axum::serve(listener, app).with_graceful_shutdown(shutdown()).await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
