//! OpenLineage: the shared example events are accepted and show up in
//! lineage; a run's events merge; malformed events name the bad field.

use mlsec_registry::{Direction, Error, ListQuery, NodeKind};
use serde_json::{json, Value};

use crate::{backends, shared_dir};

/// Every example in the shared folder as a full event: the complete example
/// as it is, and each facet example placed where its schema says it goes.
pub fn example_events() -> Vec<(String, Value)> {
    let root = shared_dir().join("vectors/openlineage/tests");
    let mut out = Vec::new();
    let full: Value = serde_json::from_slice(&std::fs::read(root.join("example_full_event.json")).unwrap()).unwrap();
    out.push(("example_full_event.json".to_owned(), full));
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .collect();
    dirs.sort_by_key(std::fs::DirEntry::path);
    for (n, dir) in dirs.iter().enumerate() {
        let facet = dir.file_name().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for (k, f) in files.iter().enumerate() {
            let facets: Value = serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap();
            let mut e = json!({
                "eventTime": "2024-05-01T12:00:00.123Z",
                "eventType": "COMPLETE",
                "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/client/python",
                "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                "run": {"runId": format!("00000000-0000-4000-8000-{:06}{:06}", n, k)},
                "job": {"namespace": "examples", "name": facet},
                "inputs": [{"namespace": "s3://bucket", "name": format!("{facet}/in")}],
                "outputs": [{"namespace": "s3://bucket", "name": format!("{facet}/out")}]
            });
            let (holder, key) = if facet.ends_with("InputDatasetFacet") {
                (&mut e["inputs"][0], "inputFacets")
            } else if facet.ends_with("OutputDatasetFacet") {
                (&mut e["outputs"][0], "outputFacets")
            } else if facet.ends_with("DatasetFacet") {
                (&mut e["inputs"][0], "facets")
            } else if facet.ends_with("JobFacet") {
                (&mut e["job"], "facets")
            } else {
                (&mut e["run"], "facets")
            };
            holder[key] = facets;
            out.push((format!("{facet}/{}", f.file_name().unwrap().to_string_lossy()), e));
        }
    }
    assert!(out.len() > 30, "the shared OpenLineage examples are missing");
    out
}

#[tokio::test]
async fn shared_examples_are_accepted_and_queryable() {
    for b in backends().await {
        let r = &b.reg;
        for (name, e) in example_events() {
            let got = r
                .ingest_openlineage(&e)
                .await
                .unwrap_or_else(|err| panic!("{}: {name}: {err}", b.name));
            // Sent twice: nothing new.
            let again = r.ingest_openlineage(&e).await.unwrap();
            assert_eq!(got.run_id, again.run_id, "{name}");
            if let (Some(run), Some(out)) = (got.run_id, got.outputs.first()) {
                let g = r.lineage(*out, Direction::Upstream, 5).await.unwrap();
                assert!(g.nodes.iter().any(|n| n.id == run), "{name}");
                assert!(
                    g.nodes
                        .iter()
                        .any(|n| n.kind == NodeKind::DatasetVersion && got.inputs.contains(&n.id)),
                    "{name}"
                );
            }
        }
        // The full example's job facet (sql) became the run's command.
        let runs = r
            .list_runs(&ListQuery {
                name: Some("food_delivery/dbt".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(runs.items.len(), 1, "{}", b.name);
        assert_eq!(runs.items[0].command.as_deref(), Some("SELECT 1"));
        assert_eq!(runs.items[0].status, "completed");
        // Schema and version facets land on the version.
        let schema = r
            .dataset_by_name("s3://bucket/SchemaDatasetFacet/in")
            .await
            .unwrap()
            .unwrap();
        let v = r
            .list_dataset_versions(Some(schema.id), &ListQuery::default())
            .await
            .unwrap();
        assert!(v.items[0].schema.is_some());
        let ver = r
            .dataset_by_name("s3://bucket/DatasetVersionDatasetFacet/in")
            .await
            .unwrap()
            .unwrap();
        let v = r
            .list_dataset_versions(Some(ver.id), &ListQuery::default())
            .await
            .unwrap();
        assert_ne!(v.items[0].version, "unversioned");
    }
}

#[tokio::test]
async fn a_runs_events_merge_and_chain_into_lineage() {
    for b in backends().await {
        let r = &b.reg;
        let ev = |ty: &str, run: &str, job: &str, input: &str, output: &str, t: &str| {
            json!({"eventTime": t, "eventType": ty, "producer": "https://example.com/airflow",
                "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                "run": {"runId": run}, "job": {"namespace": "airflow", "name": job},
                "inputs": [{"namespace": "postgres://db:5432", "name": input}],
                "outputs": [{"namespace": "postgres://db:5432", "name": output}]})
        };
        let a = "11111111-1111-4111-8111-111111111111";
        let c = "22222222-2222-4222-8222-222222222222";
        let s1 = r
            .ingest_openlineage(&ev(
                "START",
                a,
                "extract",
                "public.raw",
                "public.staged",
                "2024-05-01T10:00:00Z",
            ))
            .await
            .unwrap();
        let s2 = r
            .ingest_openlineage(&ev(
                "COMPLETE",
                a,
                "extract",
                "public.raw",
                "public.staged",
                "2024-05-01T10:05:00Z",
            ))
            .await
            .unwrap();
        assert_eq!(s1.run_id, s2.run_id);
        // A late START does not reopen the finished run.
        r.ingest_openlineage(&ev(
            "START",
            a,
            "extract",
            "public.raw",
            "public.staged",
            "2024-05-01T10:00:00Z",
        ))
        .await
        .unwrap();
        let run = r.get_run(s1.run_id.unwrap()).await.unwrap();
        assert_eq!(run.status, "completed", "{}", b.name);
        assert_eq!(run.ended_at.as_deref(), Some("2024-05-01T10:05:00Z"));
        let t = r
            .ingest_openlineage(&ev(
                "COMPLETE",
                c,
                "train",
                "public.staged",
                "public.features",
                "2024-05-01T11:00:00Z",
            ))
            .await
            .unwrap();
        let up = r.upstream_datasets(t.outputs[0]).await.unwrap();
        let names: Vec<_> = up.iter().map(|n| n.name.as_str()).collect();
        assert!(
            names.contains(&"postgres://db:5432/public.raw@unversioned"),
            "{names:?}"
        );
        assert!(
            names.contains(&"postgres://db:5432/public.staged@unversioned"),
            "{names:?}"
        );
    }
}

#[tokio::test]
async fn malformed_events_name_the_field_and_write_nothing() {
    for b in backends().await {
        let r = &b.reg;
        let good = json!({"eventTime": "2024-05-01T10:00:00Z", "eventType": "START", "producer": "https://example.com/p",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {"runId": "11111111-1111-4111-8111-111111111111"}, "job": {"namespace": "n", "name": "j"},
            "inputs": [{"namespace": "n", "name": "a"}], "outputs": [{"namespace": "n", "name": "b", "facets": {}}]});
        let cases: &[(&str, Option<Value>, &str)] = &[
            ("/run/runId", Some(json!(12)), "run.runId"),
            ("/run/runId", Some(json!("12")), "run.runId"),
            ("/job/name", None, "job.name"),
            ("/eventTime", Some(json!("2024-13-01T00:00:00Z")), "eventTime"),
            ("/producer", None, "producer"),
            ("/schemaURL", Some(json!("not a uri")), "schemaURL"),
            ("/inputs", Some(json!({"namespace": "n"})), "inputs"),
            ("/outputs/0/namespace", Some(json!(null)), "outputs[0].namespace"),
            (
                "/outputs/0/facets",
                Some(json!({"schema": 1})),
                "outputs[0].facets.schema",
            ),
            ("/eventType", Some(json!("FINISHED")), "eventType"),
        ];
        for (ptr, val, field) in cases {
            let mut e = good.clone();
            match val {
                Some(v) => *e.pointer_mut(ptr).unwrap() = v.clone(),
                None => {
                    let (parent, key) = ptr.rsplit_once('/').unwrap();
                    let obj = if parent.is_empty() {
                        &mut e
                    } else {
                        e.pointer_mut(parent).unwrap()
                    };
                    obj.as_object_mut().unwrap().remove(key);
                }
            }
            let err = r.ingest_openlineage(&e).await.unwrap_err();
            assert!(
                matches!(err, Error::Invalid(ref m) if m.contains(&format!("`{field}`"))),
                "{ptr}: {err}"
            );
        }
        assert!(
            r.list_runs(&ListQuery::default()).await.unwrap().items.is_empty(),
            "{}",
            b.name
        );
        assert!(r.list_datasets(&ListQuery::default()).await.unwrap().items.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_events_on_shared_datasets_all_land() {
    for b in backends().await {
        let mut tasks = Vec::new();
        for i in 0..16u32 {
            let r = b.reg.clone();
            tasks.push(tokio::spawn(async move {
                let e = json!({"eventTime": "2024-05-01T10:00:00Z", "eventType": "COMPLETE", "producer": "https://example.com/p",
                    "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                    "run": {"runId": format!("00000000-0000-4000-8000-{i:012}")}, "job": {"namespace": "n", "name": "j"},
                    "inputs": [{"namespace": "db", "name": "shared_in"}], "outputs": [{"namespace": "db", "name": "shared_out"}]});
                r.ingest_openlineage(&e).await
            }));
        }
        for t in tasks {
            t.await.unwrap().unwrap_or_else(|e| panic!("{}: {e}", b.name));
        }
        assert_eq!(
            b.reg.list_runs(&ListQuery::default()).await.unwrap().items.len(),
            16,
            "{}",
            b.name
        );
        assert_eq!(b.reg.list_datasets(&ListQuery::default()).await.unwrap().items.len(), 2);
    }
}
