//! Store tests. Every test runs against a fresh embedded SQLite registry
//! and, when `MLSEC_TEST_PG_URL` is set (CI sets it after starting a real
//! PostgreSQL server), against a fresh PostgreSQL database too.

mod lineage;
mod openlineage;
mod store;
mod transfer;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use mlsec_registry::Registry;

/// The shared reference folder next to the checkout.
pub fn shared_dir() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    Path::new(&manifest).join("../../../shared")
}

/// A registry on one backend, with what keeps it alive.
pub struct Backend {
    /// Which backend.
    pub name: &'static str,
    /// The registry.
    pub reg: Registry,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh SQLite registry.
pub async fn sqlite() -> Backend {
    let dir = tempfile::tempdir().unwrap();
    let reg = Registry::open_data_dir(dir.path()).await.unwrap();
    Backend {
        name: "sqlite",
        reg,
        _dir: Some(dir),
    }
}

/// A fresh PostgreSQL database, if `MLSEC_TEST_PG_URL` names a server.
pub async fn postgres() -> Option<Backend> {
    let url = std::env::var("MLSEC_TEST_PG_URL").ok().filter(|u| !u.is_empty());
    assert!(
        url.is_some() || std::env::var_os("MLSEC_REQUIRE_PG").is_none(),
        "MLSEC_REQUIRE_PG is set but MLSEC_TEST_PG_URL is not: the PostgreSQL store tests would be skipped"
    );
    let url = url?;
    sqlx::any::install_default_drivers();
    let db = format!(
        "mlsec_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
        .await
        .expect("connect to MLSEC_TEST_PG_URL");
    sqlx::query(&format!("CREATE DATABASE {db}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let (base, query) = url.split_once('?').map_or((url.as_str(), None), |(b, q)| (b, Some(q)));
    let base = &base[..base.rfind('/').unwrap()];
    let fresh = match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    };
    let reg = Registry::connect(&fresh).await.unwrap();
    Some(Backend {
        name: "postgres",
        reg,
        _dir: None,
    })
}

/// Every backend available to this run.
pub async fn backends() -> Vec<Backend> {
    let mut v = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        v.push(pg);
    }
    v
}

/// A 64-hex digest from a small number.
pub fn digest(n: u64) -> String {
    format!("{n:064x}")
}
