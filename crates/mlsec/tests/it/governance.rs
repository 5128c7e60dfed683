//! End-to-end tests of the governance commands: the acceptance scenario on
//! the embedded registry (register two datasets, `track` a training script,
//! deploy, ask which datasets trained the deployed model, detect a changed
//! byte with `registry verify`), the same against a real `mlsec serve`
//! process with tokens, and export/import.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command as StdCommand, Stdio};

use serde_json::Value;

use crate::{mlsec, write};

const TRAIN: &str =
    "import sys\nd = open(sys.argv[1]).read() + open(sys.argv[2]).read()\nopen(sys.argv[3], 'w').write('w' * len(d))\n";

fn ok(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let mut c = mlsec();
    c.current_dir(dir).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "mlsec {args:?}: {}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn json(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, env, args)).unwrap()
}

/// The scenario, against whatever registry `env` selects.
fn scenario(dir: &Path, env: &[(&str, &str)]) {
    write(dir, "a.csv", b"id,amount\n1,10\n2,20\n");
    write(dir, "b.csv", b"id,clicks\n1,3\n");
    write(dir, "train.py", TRAIN.as_bytes());
    let a = json(
        dir,
        env,
        &[
            "registry",
            "add-dataset",
            "sales",
            "--path",
            "a.csv",
            "--owner",
            "finance",
            "--format",
            "json",
        ],
    );
    let b = json(
        dir,
        env,
        &[
            "registry",
            "add-dataset",
            "clicks",
            "--path",
            "b.csv",
            "--format",
            "json",
        ],
    );
    let t = json(
        dir,
        env,
        &[
            "track",
            "--input",
            "a.csv",
            "--input",
            "b.csv",
            "--output",
            "model.bin",
            "--param",
            "epochs=3",
            "--format",
            "json",
            "--",
            "python3",
            "train.py",
            "a.csv",
            "b.csv",
            "model.bin",
        ],
    );
    assert_eq!(t["run"]["status"], "completed");
    assert_eq!(t["run"]["parameters"]["epochs"], "3");
    assert_eq!(
        t["inputs"][0]["id"], a["version"]["id"],
        "the registered version is linked by digest"
    );
    assert_eq!(t["inputs"][1]["id"], b["version"]["id"]);
    let mv = t["outputs"][0]["id"].as_i64().unwrap();
    let dep = json(
        dir,
        env,
        &[
            "registry",
            "deploy",
            &mv.to_string(),
            "--environment",
            "production",
            "--format",
            "json",
        ],
    );
    let dep = dep["id"].as_i64().unwrap().to_string();

    // Which datasets trained the deployed model? Both, with their digests.
    let out = ok(dir, env, &["lineage", &dep, "--datasets"]);
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort_unstable();
    let mut want = vec![
        format!(
            "{}  sales@{}",
            a["version"]["digest"].as_str().unwrap(),
            a["version"]["version"].as_str().unwrap()
        ),
        format!(
            "{}  clicks@{}",
            b["version"]["digest"].as_str().unwrap(),
            b["version"]["version"].as_str().unwrap()
        ),
    ];
    want.sort();
    assert_eq!(lines, want);
    // The digests are those `mlsec digest` prints.
    assert_eq!(
        ok(dir, env, &["digest", "a.csv"]).trim(),
        a["version"]["digest"].as_str().unwrap()
    );
    // The same question from the model file, and the graph as JSON.
    assert_eq!(ok(dir, env, &["lineage", "model.bin", "--datasets"]).lines().count(), 2);
    let g = json(dir, env, &["lineage", "model.bin", "--format", "json"]);
    assert!(g["nodes"].as_array().unwrap().iter().any(|n| n["kind"] == "run"));
    assert!(g["edges"].as_array().unwrap().iter().any(|e| e["kind"] == "produced"));
    // Downstream: what used the sales data? The model and its deployment.
    let down = json(dir, env, &["lineage", "a.csv", "--downstream", "--format", "json"]);
    assert!(down["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "deployment"));

    // Verify: all match; then one changed byte is caught.
    ok(dir, env, &["registry", "verify"]);
    let mut bytes = std::fs::read(dir.join("a.csv")).unwrap();
    bytes[3] ^= 1;
    std::fs::write(dir.join("a.csv"), bytes).unwrap();
    let mut c = mlsec();
    c.current_dir(dir).args(["registry", "verify"]);
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("MODIFIED") && text.contains("sales@"), "{text}");
}

#[test]
fn datasets_that_trained_a_deployed_model_local() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("registry");
    scenario(d.path(), &[("MLSEC_DATA_DIR", data.to_str().unwrap())]);
    // The registry moves to another database and gives the same answers.
    let dump = d.path().join("dump.json");
    ok(
        d.path(),
        &[("MLSEC_DATA_DIR", data.to_str().unwrap())],
        &["export", "-o", dump.to_str().unwrap()],
    );
    let other = d.path().join("other");
    ok(
        d.path(),
        &[],
        &["import", dump.to_str().unwrap(), "--data-dir", other.to_str().unwrap()],
    );
    let runs = json(
        d.path(),
        &[("MLSEC_DATA_DIR", other.to_str().unwrap())],
        &["registry", "list", "runs", "--format", "json"],
    );
    assert_eq!(runs.as_array().unwrap().len(), 1);
    // A failing command is recorded as failed and its exit code kept.
    let o = mlsec()
        .current_dir(d.path())
        .env("MLSEC_DATA_DIR", data.to_str().unwrap())
        .args([
            "track",
            "--output",
            "never.bin",
            "--",
            "python3",
            "-c",
            "raise SystemExit(3)",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    let failed = json(
        d.path(),
        &[("MLSEC_DATA_DIR", data.to_str().unwrap())],
        &[
            "registry",
            "list",
            "runs",
            "--filter",
            "status=failed",
            "--format",
            "json",
        ],
    );
    assert_eq!(failed.as_array().unwrap().len(), 1);
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn datasets_that_trained_a_deployed_model_on_a_server() {
    let d = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("mlsec");
    let mut child = StdCommand::new(bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(d.path().join("server"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let (mut token, mut url) = (String::new(), String::new());
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if let Some(t) = line.split_whitespace().find(|w| w.starts_with("mlsec_")) {
            token = t.to_owned();
        }
        if let Some(i) = line.find("http://") {
            url = line[i..].split_whitespace().next().unwrap().to_owned();
            break;
        }
    }
    assert!(
        token.len() > 60 && !url.is_empty(),
        "the server printed no token or address"
    );
    let client = d.path().join("client");
    std::fs::create_dir(&client).unwrap();
    // Without a token: refused, exit 2 with the server's message.
    let o = mlsec()
        .current_dir(&client)
        .args(["registry", "list", "datasets", "--server", &url])
        .env_remove("MLSEC_TOKEN")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("401"));
    // A writer token made by the admin, then the whole scenario over HTTP.
    let env = [("MLSEC_SERVER", url.as_str()), ("MLSEC_TOKEN", token.as_str())];
    let writer = ok(
        &client,
        &env,
        &["admin", "token", "create", "--principal", "ci", "--role", "writer"],
    );
    let writer = writer.trim().to_owned();
    scenario(
        &client,
        &[("MLSEC_SERVER", url.as_str()), ("MLSEC_TOKEN", writer.as_str())],
    );
    drop(server);
}
