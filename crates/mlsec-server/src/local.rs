//! The API in process: the CLI's client for the local registry sends the
//! same requests a remote server would get, through the same router, without
//! a socket.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request};
use tower::ServiceExt as _;

use crate::{router, AppState, AuthMode};

/// A client for the router in this process.
#[derive(Debug, Clone)]
pub struct LocalClient {
    state: Arc<AppState>,
}

impl LocalClient {
    /// A client over a registry, acting as the local admin.
    pub fn new(registry: mlsec_registry::Registry) -> Self {
        let mut state = AppState::new(registry);
        state.auth = AuthMode::LocalTrusted;
        state.max_body = 256 * 1024 * 1024;
        LocalClient { state: Arc::new(state) }
    }

    /// Send a request; returns the status and the JSON body (`null` when empty).
    ///
    /// # Errors
    /// Only if the router itself fails, which it does not: every error is a
    /// response.
    pub async fn request(
        &self,
        method: &str,
        path_and_query: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<(u16, serde_json::Value), String> {
        let method = Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
        let mut req = Request::builder().method(method).uri(path_and_query);
        let body = match body {
            Some(b) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(serde_json::to_vec(b).map_err(|e| e.to_string())?)
            }
            None => Body::empty(),
        };
        let req = req.body(body).map_err(|e| e.to_string())?;
        let resp = router(self.state.clone())
            .oneshot(req)
            .await
            .map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .map_err(|e| e.to_string())?;
        let value = if bytes.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_slice(&bytes).map_err(|e| e.to_string())?
        };
        Ok((status, value))
    }
}
