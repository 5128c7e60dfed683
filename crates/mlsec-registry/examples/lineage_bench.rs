//! Lineage query benchmark (run by `bench/registry-bench.sh`): builds a
//! synthetic lineage graph of N nodes (default 100,000) in a fresh embedded
//! SQLite registry, then times upstream queries at depth 10 from random
//! nodes of the last layers and prints p50/p95/p99.
//!
//! The graph is layered like a real pipeline: dataset versions and runs
//! alternate; each run reads 3 dataset versions of the previous layer and
//! writes 1 to 2; 1,000 datasets hold the versions.
//!
//! Usage: cargo run --release -p mlsec-registry --example lineage_bench [NODES] [QUERIES]

#![expect(clippy::print_stdout, reason = "a benchmark prints its results")]

use std::collections::BTreeMap;
use std::time::Instant;

use mlsec_registry::{Direction, Dump, Registry, DUMP_FORMAT};
use serde_json::{json, Map, Value};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

fn row(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let nodes: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let queries: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let layers = 40;
    let per_layer = nodes / layers;
    let datasets = 1000;
    let t = "2024-05-01T12:00:00Z";
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut tables: BTreeMap<String, Vec<Map<String, Value>>> = BTreeMap::new();
    let mut push = |table: &str, v: Value| tables.entry(table.to_owned()).or_default().push(row(v));
    let mut id = 0i64;
    for d in 0..datasets {
        id += 1;
        push(
            "nodes",
            json!({"id": id, "kind": "dataset", "name": format!("ds{d}"), "digest": null, "created_at": t}),
        );
        push("datasets", json!({"id": id, "name": format!("ds{d}")}));
    }
    let mut prev: Vec<i64> = Vec::new();
    let mut last_layers: Vec<i64> = Vec::new();
    let mut edges = 0usize;
    for layer in 0..layers {
        let mut cur = Vec::with_capacity(per_layer);
        let is_data = layer % 2 == 0;
        for i in 0..per_layer {
            id += 1;
            if is_data {
                let ds = 1 + (rng.below(datasets) as i64);
                let digest = format!("{:064x}", id);
                push(
                    "nodes",
                    json!({"id": id, "kind": "dataset_version", "name": format!("v{id}"), "digest": digest, "created_at": t}),
                );
                push(
                    "dataset_versions",
                    json!({"id": id, "dataset_id": ds, "version": format!("{id}"), "digest": digest}),
                );
                if !prev.is_empty() {
                    let run = prev[rng.below(prev.len())];
                    push(
                        "edges",
                        json!({"src": run, "dst": id, "kind": "produced", "created_at": t}),
                    );
                    edges += 1;
                }
            } else {
                push(
                    "nodes",
                    json!({"id": id, "kind": "run", "name": format!("run{layer}-{i}"), "digest": null, "created_at": t}),
                );
                push(
                    "runs",
                    json!({"id": id, "name": format!("run{layer}-{i}"), "status": "completed"}),
                );
                let mut seen = Vec::new();
                for _ in 0..3 {
                    let src = prev[rng.below(prev.len())];
                    if !seen.contains(&src) {
                        seen.push(src);
                        push(
                            "edges",
                            json!({"src": src, "dst": id, "kind": "input_to", "created_at": t}),
                        );
                        edges += 1;
                    }
                }
            }
            cur.push(id);
        }
        if layer + 4 >= layers {
            last_layers.extend(&cur);
        }
        prev = cur;
    }
    let total = usize::try_from(id).unwrap_or(0);
    let dir = tempfile::tempdir().expect("temporary directory");
    // LINEAGE_BENCH_DIR keeps the database for inspection.
    let path = std::env::var_os("LINEAGE_BENCH_DIR").map_or_else(|| dir.path().to_owned(), std::path::PathBuf::from);
    let reg = Registry::open_data_dir(&path).await.expect("open registry");
    let t0 = Instant::now();
    reg.import(&Dump {
        format: DUMP_FORMAT.into(),
        tables,
    })
    .await
    .expect("import");
    println!(
        "graph: {total} nodes, {edges} edges, {layers} layers; loaded in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    // Warm up, then time.
    for &n in last_layers.iter().take(20) {
        reg.lineage(n, Direction::Upstream, 10).await.expect("query");
    }
    let mut times = Vec::with_capacity(queries);
    let mut reached = 0usize;
    for _ in 0..queries {
        let n = last_layers[rng.below(last_layers.len())];
        let t = Instant::now();
        let g = reg.lineage(n, Direction::Upstream, 10).await.expect("query");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        reached += g.nodes.len();
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        times[((times.len() as f64 * p).ceil() as usize)
            .saturating_sub(1)
            .min(times.len() - 1)]
    };
    println!(
        "upstream depth 10, {queries} queries from the last 4 layers: mean {:.0} nodes reached; p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        reached as f64 / queries as f64,
        pct(0.50),
        pct(0.95),
        pct(0.99),
        times[times.len() - 1]
    );
    let t = Instant::now();
    let mut ds = 0;
    for &n in last_layers.iter().take(100) {
        ds += reg.upstream_datasets(n).await.expect("query").len();
    }
    println!(
        "\"which datasets, transitively\" (depth 64), 100 queries: mean {:.1} ms, mean {} dataset versions",
        t.elapsed().as_secs_f64() * 10.0,
        ds / 100
    );
}
