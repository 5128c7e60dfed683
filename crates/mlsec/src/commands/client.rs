//! How the governance commands reach the registry: the local embedded
//! database (through the server's router, in process) or a remote server
//! over HTTP. Both speak the same REST API, so every command is written
//! once against [`Client::call`].

use std::path::PathBuf;

use anyhow::{bail, Context as _};
use mlsec_cli::{ClientArgs, StoreArgs};
use mlsec_registry::Registry;
use serde_json::Value;

/// A tokio runtime for the async registry.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// The database URL a command uses: `--database`, else the SQLite file in
/// `--data-dir` (else `MLSEC_DATA_DIR`, else the per-user data directory).
pub fn database_url(store: &StoreArgs) -> (String, String) {
    if let Some(url) = &store.database {
        let shown = url
            .split_once('@')
            .map_or_else(|| url.clone(), |(_, host)| format!("…@{host}"));
        return (url.clone(), shown);
    }
    let dir: PathBuf = store.data_dir.clone().unwrap_or_else(mlsec_settings::default_data_dir);
    let path = dir.join(mlsec_registry::DEFAULT_DB_FILE);
    (String::new(), path.display().to_string())
}

/// Open the registry database named by the arguments.
pub async fn open_store(store: &StoreArgs) -> anyhow::Result<Registry> {
    if let Some(url) = &store.database {
        return Registry::connect(url)
            .await
            .with_context(|| format!("cannot open the registry database `{}`", database_url(store).1));
    }
    let dir = store.data_dir.clone().unwrap_or_else(mlsec_settings::default_data_dir);
    Registry::open_data_dir(&dir)
        .await
        .with_context(|| format!("cannot open the registry in `{}`", dir.display()))
}

/// A registry client.
pub enum Client {
    /// The local database, through the router in process.
    Local(mlsec_server::LocalClient, tokio::runtime::Runtime),
    /// A server.
    Remote {
        agent: ureq::Agent,
        base: String,
        token: Option<String>,
    },
}

impl Client {
    /// Connect as the arguments say.
    pub fn connect(args: &ClientArgs) -> anyhow::Result<Self> {
        if let Some(server) = &args.server {
            if !(server.starts_with("http://") || server.starts_with("https://")) {
                bail!("--server must be an http:// or https:// URL, not `{server}`");
            }
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(std::time::Duration::from_secs(300)))
                .build()
                .into();
            return Ok(Client::Remote {
                agent,
                base: server.trim_end_matches('/').to_owned(),
                token: args.token.clone(),
            });
        }
        let rt = runtime()?;
        let reg = rt.block_on(open_store(&args.store))?;
        Ok(Client::Local(mlsec_server::LocalClient::new(reg), rt))
    }

    /// Send a request to `/api/v1{path}`; a non-2xx answer becomes an error
    /// carrying the server's message.
    pub fn call(&self, method: &str, path: &str, body: Option<&Value>) -> anyhow::Result<Value> {
        let (status, value) = self.send(method, path, body)?;
        if !(200..300).contains(&status) {
            let detail = value
                .pointer("/errors/0/detail")
                .and_then(Value::as_str)
                .map_or_else(|| value.to_string(), str::to_owned);
            bail!("registry: {method} {path}: {status}: {detail}");
        }
        Ok(value)
    }

    /// Send a request and return the status and body whatever the status.
    pub fn send(&self, method: &str, path: &str, body: Option<&Value>) -> anyhow::Result<(u16, Value)> {
        let full = format!("/api/v1{path}");
        match self {
            Client::Local(c, rt) => rt
                .block_on(c.request(method, &full, body))
                .map_err(|e| anyhow::anyhow!(e)),
            Client::Remote { agent, base, token } => {
                let url = format!("{base}{full}");
                let mut req = ureq::http::Request::builder().method(method).uri(&url);
                if let Some(t) = token {
                    req = req.header("Authorization", format!("Bearer {t}"));
                }
                let bytes = match body {
                    Some(b) => {
                        req = req.header("Content-Type", "application/json");
                        serde_json::to_vec(b)?
                    }
                    None => Vec::new(),
                };
                let req = req.body(bytes).context("bad request")?;
                let mut resp = agent
                    .run(req)
                    .with_context(|| format!("cannot reach the registry server at `{base}`"))?;
                let status = resp.status().as_u16();
                let text = resp
                    .body_mut()
                    .with_config()
                    .limit(512 * 1024 * 1024)
                    .read_to_string()
                    .with_context(|| format!("cannot read the answer of `{base}`"))?;
                let value = if text.trim().is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(&text)
                        .with_context(|| format!("the server at `{base}` did not answer JSON (HTTP {status})"))?
                };
                Ok((status, value))
            }
        }
    }

    /// Follow a list endpoint's pages up to `max` items.
    pub fn list_all(&self, path: &str, max: usize) -> anyhow::Result<Vec<Value>> {
        let mut out = Vec::new();
        let mut after: Option<i64> = None;
        let sep = if path.contains('?') { '&' } else { '?' };
        loop {
            let page_size = (max - out.len()).clamp(1, 1000);
            let url = match after {
                Some(a) => format!("{path}{sep}limit={page_size}&after={a}"),
                None => format!("{path}{sep}limit={page_size}"),
            };
            let page = self.call("GET", &url, None)?;
            if let Some(items) = page["items"].as_array() {
                out.extend(items.iter().cloned());
            }
            after = page["next"].as_i64();
            if after.is_none() || out.len() >= max {
                break;
            }
        }
        out.truncate(max);
        Ok(out)
    }
}

/// Content digest, size and absolute location of a file or directory, by
/// the same code as `mlsec digest`.
pub fn digest_path(path: &std::path::Path) -> anyhow::Result<(String, i64, String)> {
    let manifest = super::sign::hash_with_progress(path, &mlsec_signing::HashOptions::default(), false)
        .with_context(|| format!("cannot hash `{}`", path.display()))?;
    let size: u64 = walkdir::WalkDir::new(path)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let abs = std::fs::canonicalize(path).with_context(|| format!("cannot resolve `{}`", path.display()))?;
    Ok((
        manifest.root_digest_hex(),
        i64::try_from(size).unwrap_or(i64::MAX),
        abs.display().to_string(),
    ))
}

/// Percent-encode a query value.
pub fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
