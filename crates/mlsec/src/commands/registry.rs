//! `mlsec registry`: a client of the registry API (local or remote).

use std::path::Path;

use anyhow::{bail, Context as _};
use mlsec_cli::{AddAssetArgs, EntityKind, RegistryArgs, RegistryCommand, ResultFormat, VerifyRegistryArgs};
use serde_json::{json, Value};

use super::client::{digest_path, encode, Client};
use crate::ExitStatus;

fn collection(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Projects => "projects",
        EntityKind::Datasets => "datasets",
        EntityKind::DatasetVersions => "dataset-versions",
        EntityKind::Models => "models",
        EntityKind::ModelVersions => "model-versions",
        EntityKind::Runs => "runs",
        EntityKind::Deployments => "deployments",
    }
}

fn pretty(v: &Value) -> anyhow::Result<()> {
    super::out(&format!("{}\n", serde_json::to_string_pretty(v)?))?;
    Ok(())
}

fn add_asset(client: &Client, a: &AddAssetArgs, model: bool) -> anyhow::Result<ExitStatus> {
    let (plural, what) = if model {
        ("models", "model")
    } else {
        ("datasets", "dataset")
    };
    let mut body = json!({ "name": a.name, "owner": a.owner, "licence": a.licence, "description": a.description });
    if !model {
        body["classification"] = json!(a.classification);
    } else if a.classification.is_some() {
        bail!("--classification applies to datasets");
    }
    let (status, created) = client.send("POST", &format!("/{plural}"), Some(&body))?;
    let asset = match status {
        201 => created,
        409 if a.path.is_some() => {
            // Adding a version to an existing asset.
            let found = client.call("GET", &format!("/{plural}?name={}", encode(&a.name)), None)?;
            found["items"][0].clone()
        }
        _ => bail!(
            "registry: cannot register {what} `{}`: {status}: {}",
            a.name,
            created
                .pointer("/errors/0/detail")
                .and_then(Value::as_str)
                .unwrap_or("unknown error")
        ),
    };
    let id = asset["id"].as_i64().context("the registry answered without an id")?;
    let mut out = json!({ what: asset });
    if let Some(path) = &a.path {
        let (digest, size, uri) = digest_path(path)?;
        let v = if model {
            json!({ "version": a.version, "digest": digest, "size": size, "uri": uri, "format": a.model_format })
        } else {
            json!({ "version": a.version, "digest": digest, "size": size, "origin_uri": uri })
        };
        out["version"] = client.call("POST", &format!("/{plural}/{id}/versions"), Some(&v))?;
    }
    match a.format {
        ResultFormat::Json => pretty(&out)?,
        ResultFormat::Table => {
            let mut s = format!("{what} {id} `{}`\n", a.name);
            if let Some(v) = out.get("version") {
                s.push_str(&format!(
                    "version {} `{}`  {}\n",
                    v["id"],
                    v["version"].as_str().unwrap_or_default(),
                    v["digest"].as_str().unwrap_or("-")
                ));
            }
            super::out(&s)?;
        }
    }
    Ok(ExitStatus::Success)
}

/// Where a version lives on this machine, if it is a local path.
fn local_path(uri: &str) -> Option<&Path> {
    let p = uri.strip_prefix("file://").unwrap_or(uri);
    Path::new(p).is_absolute().then(|| Path::new(p))
}

fn verify(client: &Client, a: &VerifyRegistryArgs) -> anyhow::Result<ExitStatus> {
    let mut versions: Vec<(String, Value)> = Vec::new();
    if a.ids.is_empty() {
        for (kind, path) in [
            ("dataset_version", "/dataset-versions"),
            ("model_version", "/model-versions"),
        ] {
            for v in client.list_all(path, usize::MAX)? {
                versions.push((kind.to_owned(), v));
            }
        }
    } else {
        for id in &a.ids {
            let node = client.call("GET", &format!("/nodes/{id}"), None)?;
            let kind = node["kind"].as_str().unwrap_or_default().to_owned();
            let path = match kind.as_str() {
                "dataset_version" => format!("/dataset-versions/{id}"),
                "model_version" => format!("/model-versions/{id}"),
                other => bail!("node {id} is a {other}, not a dataset or model version"),
            };
            versions.push((kind, client.call("GET", &path, None)?));
        }
    }
    let mut results = Vec::new();
    let mut bad = 0;
    for (kind, v) in &versions {
        let uri = v["origin_uri"]
            .as_str()
            .or_else(|| v["uri"].as_str())
            .unwrap_or_default();
        let name = format!(
            "{}@{}",
            v["dataset"]
                .as_str()
                .or_else(|| v["model"].as_str())
                .unwrap_or_default(),
            v["version"].as_str().unwrap_or_default()
        );
        let Some(recorded) = v["digest"].as_str() else { continue };
        let Some(path) = local_path(uri) else {
            if !a.ids.is_empty() {
                results.push(json!({ "id": v["id"], "kind": kind, "name": name, "status": "not-local", "uri": uri }));
            }
            continue;
        };
        let (status, found) = if path.exists() {
            let (d, _, _) = digest_path(path)?;
            (if d == recorded { "ok" } else { "modified" }, Some(d))
        } else {
            ("missing", None)
        };
        if status != "ok" {
            bad += 1;
        }
        results.push(
            json!({ "id": v["id"], "kind": kind, "name": name, "path": path.display().to_string(),
            "status": status, "recorded_digest": recorded, "found_digest": found }),
        );
    }
    match a.format {
        ResultFormat::Json => pretty(&Value::from(results.clone()))?,
        ResultFormat::Table => {
            let mut s = String::new();
            for r in &results {
                let status = r["status"].as_str().unwrap_or_default();
                s.push_str(&format!(
                    "{:<9} {:>7}  {}  {}\n",
                    if status == "ok" {
                        "ok".to_owned()
                    } else {
                        status.to_uppercase()
                    },
                    r["id"],
                    r["name"].as_str().unwrap_or_default(),
                    r["path"].as_str().or_else(|| r["uri"].as_str()).unwrap_or_default()
                ));
                if status == "modified" {
                    s.push_str(&format!(
                        "          recorded {}\n          found    {}\n",
                        r["recorded_digest"].as_str().unwrap_or_default(),
                        r["found_digest"].as_str().unwrap_or_default()
                    ));
                }
            }
            s.push_str(&format!("{} checked, {bad} changed or missing\n", results.len()));
            super::out(&s)?;
        }
    }
    Ok(if bad > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

pub fn run(args: &RegistryArgs) -> anyhow::Result<ExitStatus> {
    let client = Client::connect(&args.client)?;
    match &args.command {
        RegistryCommand::AddDataset(a) => add_asset(&client, a, false),
        RegistryCommand::AddModel(a) => add_asset(&client, a, true),
        RegistryCommand::Deploy(d) => {
            let dep = client.call(
                "POST",
                "/deployments",
                Some(&json!({ "model_version_id": d.model_version, "environment": d.environment, "endpoint": d.endpoint })),
            )?;
            match d.format {
                ResultFormat::Json => pretty(&dep)?,
                ResultFormat::Table => super::out(&format!(
                    "deployment {}: model version {} in `{}`\n",
                    dep["id"], d.model_version, d.environment
                ))?,
            }
            Ok(ExitStatus::Success)
        }
        RegistryCommand::List(l) => {
            let mut query = Vec::new();
            for f in &l.filters {
                let (k, v) = f
                    .split_once('=')
                    .with_context(|| format!("--filter `{f}`: expected KEY=VALUE"))?;
                query.push(format!("{}={}", encode(k), encode(v)));
            }
            let path = if query.is_empty() {
                format!("/{}", collection(l.kind))
            } else {
                format!("/{}?{}", collection(l.kind), query.join("&"))
            };
            let items = client.list_all(&path, l.limit.max(1))?;
            match l.format {
                ResultFormat::Json => pretty(&Value::from(items))?,
                ResultFormat::Table => {
                    let mut s = String::new();
                    for i in &items {
                        let label = ["name", "dataset", "model", "environment"]
                            .iter()
                            .find_map(|k| i[*k].as_str())
                            .unwrap_or_default();
                        let extra = ["version", "status", "owner"]
                            .iter()
                            .find_map(|k| i[*k].as_str())
                            .unwrap_or("");
                        s.push_str(&format!(
                            "{:>7}  {label}  {extra}  {}\n",
                            i["id"],
                            i["digest"].as_str().unwrap_or("")
                        ));
                    }
                    super::out(&s)?;
                }
            }
            Ok(ExitStatus::Success)
        }
        RegistryCommand::Get(g) => {
            pretty(&client.call("GET", &format!("/{}/{}", collection(g.kind), g.id), None)?)?;
            Ok(ExitStatus::Success)
        }
        RegistryCommand::Attach(a) => {
            let text = super::read_text(&a.file, "the file to attach")?;
            let body: Value = serde_json::from_str(&text).with_context(|| {
                format!(
                    "`{}` is not JSON (attach JSON reports, BOMs or signature bundles)",
                    a.file.display()
                )
            })?;
            let node = super::lineage::resolve_node(&client, &a.target)?;
            let media = if body
                .get("$schema")
                .and_then(Value::as_str)
                .is_some_and(|s| s.contains("sarif"))
            {
                "application/sarif+json"
            } else {
                "application/json"
            };
            let e = client.call(
                "POST",
                "/evidence",
                Some(&json!({ "node_id": node, "kind": a.kind, "media_type": media, "body": body })),
            )?;
            super::out(&format!(
                "evidence {} attached to node {node} (sha256 {})\n",
                e["id"],
                e["body_sha256"].as_str().unwrap_or("")
            ))?;
            Ok(ExitStatus::Success)
        }
        RegistryCommand::Verify(v) => verify(&client, v),
        RegistryCommand::Api(a) => {
            let body = match &a.data {
                Some(d) => {
                    let text = match d.strip_prefix('@') {
                        Some(f) => super::read_text(std::path::Path::new(f), "--data")?,
                        None => d.clone(),
                    };
                    Some(serde_json::from_str::<Value>(&text).context("--data is not JSON")?)
                }
                None => None,
            };
            let path = if a.path.starts_with('/') {
                a.path.clone()
            } else {
                format!("/{}", a.path)
            };
            let (status, v) = client.send(&a.method.to_uppercase(), &path, body.as_ref())?;
            pretty(&v)?;
            Ok(if (200..300).contains(&status) {
                ExitStatus::Success
            } else {
                ExitStatus::Failure
            })
        }
    }
}
