//! `mlsec lineage`: which datasets trained this model; what used this dataset.

use std::path::Path;

use anyhow::bail;
use mlsec_cli::{LineageArgs, ResultFormat};

use super::client::{digest_path, Client};
use crate::ExitStatus;

/// Resolve a path (by digest) or a registry id to a node id.
pub fn resolve_node(client: &Client, target: &str) -> anyhow::Result<i64> {
    if let Ok(id) = target.parse::<i64>() {
        if !Path::new(target).exists() {
            return Ok(id);
        }
    }
    let path = Path::new(target);
    if !path.exists() {
        bail!("`{target}` is neither a file, a directory nor a registry id");
    }
    let (digest, _, _) = digest_path(path)?;
    let nodes = client.call("GET", &format!("/nodes?digest={digest}"), None)?;
    let nodes = nodes.as_array().cloned().unwrap_or_default();
    for kind in ["model_version", "dataset_version", "deployment"] {
        if let Some(n) = nodes.iter().find(|n| n["kind"] == kind) {
            if let Some(id) = n["id"].as_i64() {
                return Ok(id);
            }
        }
    }
    bail!(
        "no registered artifact has the digest of `{target}` ({digest}); record it with `mlsec track` or `mlsec registry add-model`"
    )
}

pub fn run(args: &LineageArgs) -> anyhow::Result<ExitStatus> {
    let client = Client::connect(&args.client)?;
    let id = resolve_node(&client, &args.target)?;
    if args.datasets {
        let nodes = client.call("GET", &format!("/nodes/{id}/datasets"), None)?;
        match args.format {
            ResultFormat::Json => super::out(&format!("{}\n", serde_json::to_string_pretty(&nodes)?))?,
            ResultFormat::Table => {
                let mut s = String::new();
                for n in nodes.as_array().into_iter().flatten() {
                    s.push_str(&format!(
                        "{}  {}\n",
                        n["digest"].as_str().unwrap_or("(no digest)"),
                        n["name"].as_str().unwrap_or_default()
                    ));
                }
                super::out(&s)?;
            }
        }
        return Ok(ExitStatus::Success);
    }
    let direction = if args.downstream { "downstream" } else { "upstream" };
    let graph = client.call(
        "GET",
        &format!("/nodes/{id}/lineage?direction={direction}&depth={}", args.depth),
        None,
    )?;
    match args.format {
        ResultFormat::Json => super::out(&format!("{}\n", serde_json::to_string_pretty(&graph)?))?,
        ResultFormat::Table => {
            let mut s = String::new();
            for n in graph["nodes"].as_array().into_iter().flatten() {
                s.push_str(&format!(
                    "{:>3}  {:<16} {:>7}  {}  {}\n",
                    n["depth"],
                    n["kind"].as_str().unwrap_or_default(),
                    n["id"],
                    n["digest"]
                        .as_str()
                        .map_or("-".to_owned(), |d| d[..d.len().min(16)].to_owned()),
                    n["name"].as_str().unwrap_or_default()
                ));
            }
            let edges = graph["edges"].as_array().map_or(0, Vec::len);
            s.push_str(&format!(
                "{direction}: {} nodes, {edges} edges\n",
                graph["nodes"].as_array().map_or(0, Vec::len)
            ));
            super::out(&s)?;
        }
    }
    Ok(ExitStatus::Success)
}
