//! Lineage: tracked runs, deployments, transitive upstream datasets,
//! downstream, cycles and depth caps, atomic failure.

use mlsec_registry::{
    ArtifactKind, ArtifactRef, Direction, Edge, EdgeKind, Error, ListQuery, NewDataset, NewDatasetVersion,
    NewDeployment, NewRun, NodeKind, TrackRecord,
};

use crate::{backends, digest};

fn art(kind: ArtifactKind, name: &str, d: u64) -> ArtifactRef {
    ArtifactRef {
        kind,
        name: name.into(),
        digest: digest(d),
        size: Some(1),
        uri: None,
        format: None,
    }
}

#[tokio::test]
async fn which_datasets_trained_the_deployed_model() {
    for b in backends().await {
        let r = &b.reg;
        // Two registered datasets.
        let raw = r
            .create_dataset(&NewDataset {
                name: "raw".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        let raw_v = r
            .create_dataset_version(
                raw.id,
                &NewDatasetVersion {
                    digest: Some(digest(1)),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let extra = r
            .create_dataset(&NewDataset {
                name: "extra".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        let extra_v = r
            .create_dataset_version(
                extra.id,
                &NewDatasetVersion {
                    digest: Some(digest(2)),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        // A preparation run: raw -> clean (unregistered, created by digest).
        let prep = r
            .track(&TrackRecord {
                run: NewRun {
                    name: "prep".into(),
                    ..Default::default()
                },
                inputs: vec![art(ArtifactKind::Dataset, "raw.csv", 1)],
                outputs: vec![art(ArtifactKind::Dataset, "clean.csv", 3)],
            })
            .await
            .unwrap();
        assert_eq!(
            prep.inputs[0].id, raw_v.id,
            "{}: a known digest links to the registered version",
            b.name
        );
        // Training: clean + extra -> model.
        let train = r
            .track(&TrackRecord {
                run: NewRun {
                    name: "train".into(),
                    ..Default::default()
                },
                inputs: vec![
                    art(ArtifactKind::Dataset, "clean.csv", 3),
                    art(ArtifactKind::Dataset, "extra.csv", 2),
                ],
                outputs: vec![art(ArtifactKind::Model, "model.safetensors", 4)],
            })
            .await
            .unwrap();
        assert_eq!(train.inputs[0].id, prep.outputs[0].id);
        assert_eq!(train.inputs[1].id, extra_v.id);
        let mv = train.outputs[0].clone();
        assert_eq!(mv.kind, NodeKind::ModelVersion);
        let dep = r
            .create_deployment(&NewDeployment {
                model_version_id: mv.id,
                environment: "production".into(),
                endpoint: None,
            })
            .await
            .unwrap();

        let mut got: Vec<_> = r
            .upstream_datasets(dep.id)
            .await
            .unwrap()
            .into_iter()
            .map(|n| (n.id, n.digest.unwrap()))
            .collect();
        got.sort();
        let mut want = vec![
            (raw_v.id, digest(1)),
            (extra_v.id, digest(2)),
            (prep.outputs[0].id, digest(3)),
        ];
        want.sort();
        assert_eq!(got, want, "{}", b.name);

        // Depth caps the walk: from the deployment, depth 2 reaches the run but no data.
        let g = r.lineage(dep.id, Direction::Upstream, 2).await.unwrap();
        assert!(g.nodes.iter().any(|n| n.id == train.run.id));
        assert!(!g.nodes.iter().any(|n| n.kind == NodeKind::DatasetVersion));
        assert!(g.edges.contains(&Edge {
            src: mv.id,
            dst: dep.id,
            kind: EdgeKind::DeployedAs
        }));

        // Downstream of the raw data reaches the deployment.
        let down = r.lineage(raw_v.id, Direction::Downstream, 10).await.unwrap();
        assert!(down.nodes.iter().any(|n| n.id == dep.id), "{}", b.name);
        // A dataset (not a version) starts from all its versions.
        let down = r.lineage(raw.id, Direction::Downstream, 10).await.unwrap();
        assert!(down.nodes.iter().any(|n| n.id == dep.id));
        assert!(r.lineage(dep.id, Direction::Upstream, 65).await.is_err());

        // By digest.
        let by = r.nodes_by_digest(&digest(4)).await.unwrap();
        assert!(by.iter().any(|n| n.id == mv.id));
    }
}

#[tokio::test]
async fn cycles_terminate_and_bad_edges_are_refused() {
    for b in backends().await {
        let r = &b.reg;
        let d = r
            .create_dataset(&NewDataset {
                name: "d".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        let mut ids = Vec::new();
        for i in 0..4 {
            ids.push(
                r.create_dataset_version(
                    d.id,
                    &NewDatasetVersion {
                        version: Some(i.to_string()),
                        ..Default::default()
                    },
                )
                .await
                .unwrap()
                .id,
            );
        }
        // a -> b -> c -> d -> a, plus a -> c: a cycle with two paths.
        for (s, t) in [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)] {
            r.add_edge(&Edge {
                src: ids[s],
                dst: ids[t],
                kind: EdgeKind::DerivedFrom,
            })
            .await
            .unwrap();
        }
        // Idempotent.
        r.add_edge(&Edge {
            src: ids[0],
            dst: ids[1],
            kind: EdgeKind::DerivedFrom,
        })
        .await
        .unwrap();
        let g = r.lineage(ids[0], Direction::Upstream, 64).await.unwrap();
        assert_eq!(g.nodes.len(), 4, "{}", b.name);
        assert_eq!(g.edges.len(), 5);
        let depth_of = |id| g.nodes.iter().find(|n| n.id == id).unwrap().depth;
        assert_eq!(depth_of(ids[0]), 0);
        assert_eq!(depth_of(ids[3]), 1);
        // Kinds must fit the edge.
        let run = r
            .create_run(&NewRun {
                name: "r".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        let bad = r
            .add_edge(&Edge {
                src: run.id,
                dst: ids[0],
                kind: EdgeKind::InputTo,
            })
            .await;
        assert!(matches!(bad, Err(Error::Invalid(ref m)) if m.contains("input_to")));
        assert!(matches!(
            r.add_edge(&Edge {
                src: ids[0],
                dst: ids[0],
                kind: EdgeKind::DerivedFrom
            })
            .await,
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            r.add_edge(&Edge {
                src: ids[0],
                dst: 99_999,
                kind: EdgeKind::DerivedFrom
            })
            .await,
            Err(Error::NotFound(_))
        ));
    }
}

#[tokio::test]
async fn a_failed_track_writes_nothing() {
    for b in backends().await {
        let r = &b.reg;
        let mut bad = art(ArtifactKind::Model, "m", 5);
        bad.digest = "not-a-digest".into();
        let err = r
            .track(&TrackRecord {
                run: NewRun {
                    name: "train".into(),
                    ..Default::default()
                },
                inputs: vec![art(ArtifactKind::Dataset, "in.csv", 6)],
                outputs: vec![bad],
            })
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Invalid(ref m) if m.contains("outputs[0].digest")),
            "{}: {err}",
            b.name
        );
        assert!(r.list_runs(&ListQuery::default()).await.unwrap().items.is_empty());
        assert!(r.list_datasets(&ListQuery::default()).await.unwrap().items.is_empty());
        assert!(r.nodes_by_digest(&digest(6)).await.unwrap().is_empty());
    }
}
