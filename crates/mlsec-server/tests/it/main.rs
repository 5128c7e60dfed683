//! HTTP tests of the router, in process (`oneshot`, no socket): every
//! error is a 4xx with the JSON envelope, authentication and roles hold,
//! OpenLineage events are accepted or refused naming the field, the OpenAPI
//! document and Swagger UI are served, and failures write nothing.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use mlsec_registry::{NewToken, Registry};
use mlsec_server::{router, AppState};
use serde_json::{json, Value};
use tower::ServiceExt as _;

struct App {
    state: Arc<AppState>,
    admin: String,
    reader: String,
    _dir: tempfile::TempDir,
}

async fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let registry = Registry::open_data_dir(dir.path()).await.unwrap();
    let admin = registry.ensure_first_admin().await.unwrap().unwrap().token;
    let reader = registry
        .create_token(&NewToken {
            principal: "auditor".into(),
            role: Some("reader".into()),
            name: None,
        })
        .await
        .unwrap()
        .token;
    let mut state = AppState::new(registry);
    state.max_body = 64 * 1024;
    App {
        state: Arc::new(state),
        admin,
        reader,
        _dir: dir,
    }
}

impl App {
    async fn raw(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> (StatusCode, Value, Option<String>) {
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match body {
            Some(b) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(b)
            }
            None => Body::empty(),
        };
        let resp = router(self.state.clone())
            .oneshot(req.body(body).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let ctype = resp
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
        let v = if ctype.as_deref().is_some_and(|c| c.starts_with("application/json")) {
            serde_json::from_slice(&bytes).unwrap()
        } else {
            Value::String(String::from_utf8_lossy(&bytes).into_owned())
        };
        (status, v, ctype)
    }

    async fn call(&self, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (s, v, _) = self
            .raw(
                method,
                uri,
                Some(&self.admin.clone()),
                body.map(|b| serde_json::to_vec(&b).unwrap()),
            )
            .await;
        (s, v)
    }
}

fn detail(v: &Value) -> &str {
    v.pointer("/errors/0/detail")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("not an error envelope: {v}"))
}

#[tokio::test]
async fn authentication_and_roles() {
    let a = app().await;
    let (s, v, _) = a.raw("GET", "/api/v1/datasets", None, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert!(detail(&v).contains("Authorization"));
    let (s, _, _) = a.raw("GET", "/api/v1/datasets", Some("mlsec_00"), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = a.raw("GET", "/api/v1/datasets", Some(&a.reader), None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v, _) = a
        .raw(
            "POST",
            "/api/v1/datasets",
            Some(&a.reader),
            Some(br#"{"name":"x"}"#.to_vec()),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(detail(&v).contains("writer"));
    let (s, _, _) = a.raw("GET", "/api/v1/principals", Some(&a.reader), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = a.call("GET", "/api/v1/whoami", None).await;
    assert_eq!((s, v["name"].as_str()), (StatusCode::OK, Some("admin")));
    // Health and the API document need no token.
    assert_eq!(a.raw("GET", "/healthz", None, None).await.0, StatusCode::OK);
}

#[tokio::test]
async fn bad_input_is_a_4xx_json_error() {
    let a = app().await;
    let (s, ds) = a
        .call("POST", "/api/v1/datasets", Some(json!({"name": "customers"})))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = ds["id"].as_i64().unwrap();
    let cases: Vec<(&str, String, Option<Value>, StatusCode, &str)> = vec![
        (
            "POST",
            "/api/v1/datasets".into(),
            Some(json!({"name": 5})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "name",
        ),
        (
            "POST",
            "/api/v1/datasets".into(),
            Some(json!({"name": "x", "colour": "red"})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "colour",
        ),
        (
            "POST",
            "/api/v1/datasets".into(),
            Some(json!({"name": "customers"})),
            StatusCode::CONFLICT,
            "customers",
        ),
        (
            "GET",
            "/api/v1/datasets/424242".into(),
            None,
            StatusCode::NOT_FOUND,
            "424242",
        ),
        (
            "GET",
            "/api/v1/datasets/abc".into(),
            None,
            StatusCode::BAD_REQUEST,
            "abc",
        ),
        (
            "GET",
            "/api/v1/datasets?limit=abc".into(),
            None,
            StatusCode::BAD_REQUEST,
            "limit",
        ),
        (
            "GET",
            "/api/v1/datasets?limit=100000".into(),
            None,
            StatusCode::BAD_REQUEST,
            "limit",
        ),
        (
            "POST",
            format!("/api/v1/datasets/{id}/versions"),
            Some(json!({"digest": "md5:abc"})),
            StatusCode::BAD_REQUEST,
            "digest",
        ),
        (
            "POST",
            format!("/api/v1/datasets/{id}/versions"),
            Some(json!({"version": "1", "size": -1})),
            StatusCode::BAD_REQUEST,
            "size",
        ),
        (
            "POST",
            "/api/v1/deployments".into(),
            Some(json!({"model_version_id": 999, "environment": "prod"})),
            StatusCode::NOT_FOUND,
            "999",
        ),
        (
            "POST",
            "/api/v1/edges".into(),
            Some(json!({"src": id, "dst": 999, "kind": "input_to"})),
            StatusCode::NOT_FOUND,
            "999",
        ),
        (
            "POST",
            "/api/v1/edges".into(),
            Some(json!({"src": id, "dst": id, "kind": "eaten_by"})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "kind",
        ),
        (
            "GET",
            "/api/v1/nodes?digest=xyz".into(),
            None,
            StatusCode::BAD_REQUEST,
            "digest",
        ),
        (
            "GET",
            format!("/api/v1/nodes/{id}/lineage?depth=1000"),
            None,
            StatusCode::BAD_REQUEST,
            "depth",
        ),
        (
            "GET",
            "/api/v1/no-such-thing".into(),
            None,
            StatusCode::NOT_FOUND,
            "route",
        ),
        (
            "DELETE",
            "/api/v1/datasets".into(),
            None,
            StatusCode::METHOD_NOT_ALLOWED,
            "method",
        ),
    ];
    for (method, uri, body, want, needle) in cases {
        let (s, v) = a.call(method, &uri, body).await;
        assert_eq!(s, want, "{method} {uri}: {v}");
        assert!(
            detail(&v).to_lowercase().contains(&needle.to_lowercase()),
            "{method} {uri}: {v}"
        );
    }
    // Oversized and non-JSON bodies.
    let big = format!(r#"{{"name":"{}"}}"#, "x".repeat(100 * 1024));
    let (s, v, _) = a
        .raw("POST", "/api/v1/datasets", Some(&a.admin), Some(big.into_bytes()))
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    detail(&v);
    let (s, v, _) = a
        .raw("POST", "/api/v1/datasets", Some(&a.admin), Some(b"{".to_vec()))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    detail(&v);
    // Nothing was half-written: one dataset only.
    let (_, list) = a.call("GET", "/api/v1/datasets", None).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_failed_track_writes_nothing() {
    let a = app().await;
    let d = "a".repeat(64);
    let (s, v) = a
        .call(
            "POST",
            "/api/v1/track",
            Some(json!({"run": {"name": "train"},
                "inputs": [{"kind": "dataset", "name": "in.csv", "digest": d}],
                "outputs": [{"kind": "model", "name": "m", "digest": "nope"}]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(detail(&v).contains("outputs[0].digest"), "{v}");
    let (_, runs) = a.call("GET", "/api/v1/runs", None).await;
    assert!(runs["items"].as_array().unwrap().is_empty());
    let (_, nodes) = a.call("GET", &format!("/api/v1/nodes?digest={d}"), None).await;
    assert!(nodes.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn openlineage_endpoint() {
    let a = app().await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/vectors/openlineage/tests/example_full_event.json");
    let event = std::fs::read(path).unwrap();
    let (s, v, _) = a.raw("POST", "/api/v1/lineage", Some(&a.admin), Some(event)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let run = v["run_id"].as_i64().unwrap();
    let (s, r) = a.call("GET", &format!("/api/v1/runs/{run}"), None).await;
    assert_eq!((s, r["name"].as_str()), (StatusCode::OK, Some("food_delivery/dbt")));
    let (s, v, _) = a.raw("POST", "/api/v1/lineage", Some(&a.admin), Some(br#"{"eventTime": "2024-01-01T00:00:00Z", "producer": "https://x", "schemaURL": "https://y", "run": {"runId": "r1"}, "job": {"namespace": "n", "name": "j"}}"#.to_vec())).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(detail(&v).contains("`run.runId`"), "{v}");
    let (s, v, _) = a
        .raw("POST", "/api/v1/lineage", Some(&a.admin), Some(b"[1,2".to_vec()))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(detail(&v).contains("line 1"), "{v}");
    let (s, _, _) = a
        .raw("POST", "/api/v1/lineage", Some(&a.reader), Some(b"{}".to_vec()))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn openapi_and_swagger_ui_are_served() {
    let a = app().await;
    let (s, doc, _) = a.raw("GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(s, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/datasets",
        "/api/v1/projects/{id}",
        "/api/v1/lineage",
        "/api/v1/nodes/{id}/datasets",
        "/api/v1/track",
        "/api/v1/tokens",
    ] {
        assert!(paths.contains_key(p), "{p} missing from the OpenAPI document");
    }
    assert!(doc.pointer("/components/schemas/DatasetVersion").is_some());
    let (s, html, ctype) = a.raw("GET", "/swagger-ui/", None, None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(ctype.unwrap().starts_with("text/html"));
    assert!(html.as_str().unwrap().contains("swagger-ui"));
    let (s, _, _) = a.raw("GET", "/swagger-ui/swagger-ui-bundle.js", None, None).await;
    assert_eq!(s, StatusCode::OK, "the UI is vendored, not fetched from a CDN");
}
