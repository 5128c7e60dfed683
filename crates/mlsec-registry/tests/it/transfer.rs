//! Export from one registry, import into an empty one (SQLite to PostgreSQL
//! when a server is available), and get the same answers.

use mlsec_registry::{ArtifactKind, ArtifactRef, Dump, Error, NewDeployment, NewRun, TrackRecord};

use crate::{backends, digest, sqlite};

#[tokio::test]
async fn export_import_round_trip() {
    let src = sqlite().await;
    let r = &src.reg;
    r.ensure_first_admin().await.unwrap();
    let t = r
        .track(&TrackRecord {
            run: NewRun {
                name: "train".into(),
                parameters: Some(serde_json::json!({"epochs": 3})),
                ..Default::default()
            },
            inputs: vec![ArtifactRef {
                kind: ArtifactKind::Dataset,
                name: "a.csv".into(),
                digest: digest(1),
                size: Some(3),
                uri: None,
                format: None,
            }],
            outputs: vec![ArtifactRef {
                kind: ArtifactKind::Model,
                name: "m".into(),
                digest: digest(2),
                size: None,
                uri: None,
                format: None,
            }],
        })
        .await
        .unwrap();
    let dep = r
        .create_deployment(&NewDeployment {
            model_version_id: t.outputs[0].id,
            environment: "prod".into(),
            endpoint: None,
        })
        .await
        .unwrap();
    let dump = r.export().await.unwrap();
    let text = serde_json::to_string(&dump).unwrap();
    for dst in backends().await {
        let dump: Dump = serde_json::from_str(&text).unwrap();
        let n = dst
            .reg
            .import(&dump)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", dst.name));
        assert!(n > 5);
        assert_eq!(
            dst.reg.upstream_datasets(dep.id).await.unwrap(),
            r.upstream_datasets(dep.id).await.unwrap(),
            "{}",
            dst.name
        );
        assert_eq!(
            dst.reg.get_run(t.run.id).await.unwrap(),
            r.get_run(t.run.id).await.unwrap()
        );
        // New rows get fresh ids after the imported ones.
        let more = dst
            .reg
            .create_run(&NewRun {
                name: "after-import".into(),
                ..Default::default()
            })
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", dst.name));
        assert!(more.id > dep.id);
        // A second import into a non-empty registry is refused.
        assert!(matches!(dst.reg.import(&dump).await, Err(Error::Conflict(_))));
        assert_eq!(
            serde_json::to_value(dst.reg.export().await.unwrap().tables["edges"].clone()).unwrap(),
            serde_json::to_value(&dump.tables["edges"]).unwrap()
        );
    }
    // A dump with a bad value names the place and writes nothing.
    let mut bad: Dump = serde_json::from_str(&text).unwrap();
    bad.tables.get_mut("nodes").unwrap()[0].insert("id".into(), serde_json::json!("x"));
    let fresh = sqlite().await;
    let err = fresh.reg.import(&bad).await.unwrap_err();
    assert!(err.to_string().contains("tables.nodes[0].id"), "{err}");
    assert!(fresh.reg.export().await.unwrap().tables.values().all(Vec::is_empty));
}
