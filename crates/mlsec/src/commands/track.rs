//! `mlsec track`: run a command and record it, with the digests of what it
//! read and wrote, as a run with lineage in the registry.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _};
use mlsec_cli::{ResultFormat, TrackArgs};
use serde_json::{json, Map, Value};

use super::client::{digest_path, Client};
use crate::ExitStatus;

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    mlsec_diagnostics::time::format_unix_utc(secs)
}

fn artifact(kind: &str, path: &Path) -> anyhow::Result<Value> {
    let (digest, size, uri) = digest_path(path)?;
    let name = path
        .file_name()
        .map_or_else(|| uri.clone(), |n| n.to_string_lossy().into_owned());
    Ok(json!({ "kind": kind, "name": name, "digest": digest, "size": size, "uri": uri }))
}

fn git_commit() -> Option<String> {
    let out = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let s = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && s.len() >= 7).then_some(s)
}

fn quote(arg: &str) -> String {
    if !arg.is_empty()
        && arg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,@%+".contains(&b))
    {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

pub fn run(args: &TrackArgs) -> anyhow::Result<ExitStatus> {
    let mut params = Map::new();
    for p in &args.params {
        let (k, v) = p
            .split_once('=')
            .with_context(|| format!("--param `{p}`: expected KEY=VALUE"))?;
        if k.is_empty() {
            bail!("--param `{p}`: the key is empty");
        }
        params.insert(k.to_owned(), Value::from(v));
    }
    for p in args.outputs.iter().chain(&args.output_datasets) {
        if args.inputs.contains(p) || args.input_models.contains(p) {
            bail!("`{}` is given as both an input and an output", p.display());
        }
    }
    // Connect first, so a bad server or database fails before the command runs.
    let client = Client::connect(&args.client)?;
    let mut inputs = Vec::new();
    for p in &args.inputs {
        inputs.push(artifact("dataset", p)?);
    }
    for p in &args.input_models {
        inputs.push(artifact("model", p)?);
    }
    let program = &args.command[0];
    let started = now();
    let status = Command::new(program)
        .args(&args.command[1..])
        .status()
        .with_context(|| format!("cannot run `{program}`"))?;
    let ended = now();
    let code = status.code().unwrap_or(1);
    let mut outputs = Vec::new();
    let mut missing: Vec<&PathBuf> = Vec::new();
    if status.success() {
        for (kind, p) in args
            .outputs
            .iter()
            .map(|p| ("model", p))
            .chain(args.output_datasets.iter().map(|p| ("dataset", p)))
        {
            if p.exists() {
                outputs.push(artifact(kind, p)?);
            } else {
                missing.push(p);
            }
        }
    }
    let run_status = if !status.success() || !missing.is_empty() {
        "failed"
    } else {
        "completed"
    };
    let name = args.name.clone().unwrap_or_else(|| {
        Path::new(program)
            .file_name()
            .map_or_else(|| program.clone(), |n| n.to_string_lossy().into_owned())
    });
    let record = json!({
        "run": {
            "name": name,
            "project_id": args.project,
            "code_commit": args.code_commit.clone().or_else(git_commit),
            "command": args.command.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" "),
            "parameters": Value::Object(params),
            "environment": {
                "mlsec": env!("CARGO_PKG_VERSION"),
                "os": std::env::consts::OS,
                "arch": std::env::consts::ARCH,
                "cwd": std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default(),
                "exit_code": code,
            },
            "status": run_status,
            "started_at": started,
            "ended_at": ended,
        },
        "inputs": inputs,
        "outputs": outputs,
    });
    let result = client.call("POST", "/track", Some(&record))?;
    match args.format {
        ResultFormat::Json => super::out(&format!("{}\n", serde_json::to_string_pretty(&result)?))?,
        ResultFormat::Table => {
            let mut s = format!("run {} `{}`: {run_status}\n", result["run"]["id"], name);
            for (label, key) in [("input ", "inputs"), ("output", "outputs")] {
                for n in result[key].as_array().into_iter().flatten() {
                    s.push_str(&format!(
                        "  {label} {:>6}  {}  {}\n",
                        n["id"],
                        n["digest"].as_str().unwrap_or("-"),
                        n["name"].as_str().unwrap_or_default()
                    ));
                }
            }
            super::eprint(s.trim_end());
        }
    }
    if let Some(p) = missing.first() {
        bail!(
            "the command succeeded but did not write `{}`; the run is recorded as failed",
            p.display()
        );
    }
    Ok(match code {
        0 => ExitStatus::Success,
        _ => ExitStatus::Code(u8::try_from(code).unwrap_or(1)),
    })
}
