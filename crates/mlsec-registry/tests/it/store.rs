//! Create, get, list, update; conflicts, unknown ids and invalid input.

use mlsec_registry::{
    AssetUpdate, Error, ListQuery, NewDataset, NewDatasetVersion, NewModel, NewModelVersion, NewProject, NewRun,
    NewToken, Role, RunUpdate,
};

use crate::{backends, digest};

#[tokio::test]
async fn crud_filters_and_pages() {
    for b in backends().await {
        let r = &b.reg;
        let p = r
            .create_project(&NewProject {
                name: "fraud".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        let p2 = r
            .update_project(
                p.id,
                &AssetUpdate {
                    owner: Some("risk-team".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(p2.owner.as_deref(), Some("risk-team"));
        let bad = r
            .update_project(
                p.id,
                &AssetUpdate {
                    licence: Some("MIT".into()),
                    ..Default::default()
                },
            )
            .await;
        assert!(matches!(bad, Err(Error::Invalid(_))));
        for i in 0..5 {
            r.create_dataset(&NewDataset {
                name: format!("ds{i}"),
                project_id: Some(p.id),
                owner: Some(if i % 2 == 0 { "alice" } else { "bob" }.into()),
                ..Default::default()
            })
            .await
            .unwrap();
        }
        let page1 = r
            .list_datasets(&ListQuery {
                limit: Some(2),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(page1.items.len(), 2, "{}", b.name);
        let page2 = r
            .list_datasets(&ListQuery {
                limit: Some(2),
                after: page1.next,
                ..Default::default()
            })
            .await
            .unwrap();
        let page3 = r
            .list_datasets(&ListQuery {
                limit: Some(2),
                after: page2.next,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(page3.items.len(), 1);
        assert_eq!(page3.next, None);
        let names: Vec<_> = page1
            .items
            .iter()
            .chain(&page2.items)
            .chain(&page3.items)
            .map(|d| d.name.clone())
            .collect();
        assert_eq!(names, ["ds0", "ds1", "ds2", "ds3", "ds4"]);
        let alice = r
            .list_datasets(&ListQuery {
                owner: Some("alice".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(alice.items.len(), 3);
        let by_project = r
            .list_datasets(&ListQuery {
                project_id: Some(p.id),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(by_project.items.len(), 5);

        let d = &page1.items[0];
        let u = r
            .update_dataset(
                d.id,
                &AssetUpdate {
                    licence: Some("CC-BY-4.0".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(u.licence.as_deref(), Some("CC-BY-4.0"));
        assert_eq!(u.owner.as_deref(), Some("alice"), "absent fields are kept");

        let v = r
            .create_dataset_version(
                d.id,
                &NewDatasetVersion {
                    digest: Some(format!("sha256:{}", digest(7).to_uppercase())),
                    size: Some(10),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(v.digest.as_deref(), Some(digest(7).as_str()), "normalised");
        assert_eq!(v.version, digest(7)[..12]);
        let found = r
            .list_dataset_versions(
                None,
                &ListQuery {
                    digest: Some(digest(7)),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(found.items, vec![v.clone()]);

        // Conflicts, unknown ids, invalid input.
        let dup = r
            .create_dataset(&NewDataset {
                name: "ds0".into(),
                ..Default::default()
            })
            .await
            .unwrap_err();
        assert!(
            matches!(dup, Error::Conflict(ref m) if m.contains("ds0")),
            "{}: {dup}",
            b.name
        );
        let dupv = r
            .create_dataset_version(
                d.id,
                &NewDatasetVersion {
                    digest: Some(digest(7)),
                    ..Default::default()
                },
            )
            .await;
        assert!(matches!(dupv, Err(Error::Conflict(_))), "{}: {dupv:?}", b.name);
        assert!(matches!(r.get_dataset(9999).await, Err(Error::NotFound(_))));
        assert!(matches!(
            r.create_dataset_version(
                9999,
                &NewDatasetVersion {
                    version: Some("1".into()),
                    ..Default::default()
                }
            )
            .await,
            Err(Error::NotFound(_))
        ));
        let bad = r
            .create_dataset_version(
                d.id,
                &NewDatasetVersion {
                    digest: Some("abc".into()),
                    ..Default::default()
                },
            )
            .await;
        assert!(matches!(bad, Err(Error::Invalid(ref m)) if m.contains("digest")));
        let bad = r
            .create_dataset(&NewDataset {
                name: " ".into(),
                ..Default::default()
            })
            .await;
        assert!(matches!(bad, Err(Error::Invalid(_))));
        let bad = r
            .create_dataset(&NewDataset {
                name: "x".into(),
                project_id: Some(4242),
                ..Default::default()
            })
            .await;
        assert!(matches!(bad, Err(Error::Invalid(_))), "{}: {bad:?}", b.name);
        assert!(matches!(
            r.list_datasets(&ListQuery {
                limit: Some(0),
                ..Default::default()
            })
            .await,
            Err(Error::Invalid(_))
        ));

        // Models and runs.
        let m = r
            .create_model(&NewModel {
                name: "m".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        let mv = r
            .create_model_version(
                m.id,
                &NewModelVersion {
                    version: Some("1.0".into()),
                    digest: Some(digest(9)),
                    format: Some("safetensors".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(mv.model, "m");
        assert!(matches!(
            r.update_model(
                m.id,
                &AssetUpdate {
                    classification: Some("x".into()),
                    ..Default::default()
                }
            )
            .await,
            Err(Error::Invalid(_))
        ));
        let run = r
            .create_run(&NewRun {
                name: "train".into(),
                parameters: Some(serde_json::json!({"lr": 0.1})),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(run.status, "running");
        assert_eq!(run.parameters, Some(serde_json::json!({"lr": 0.1})));
        let done = r
            .update_run(
                run.id,
                &RunUpdate {
                    status: Some("completed".into()),
                    ended_at: Some("2024-05-01T12:00:00Z".into()),
                },
            )
            .await
            .unwrap();
        assert_eq!(done.status, "completed");
        assert!(matches!(
            r.update_run(
                run.id,
                &RunUpdate {
                    status: Some("done".into()),
                    ..Default::default()
                }
            )
            .await,
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            r.create_run(&NewRun { name: "x".into(), started_at: Some("yesterday".into()), ..Default::default() }).await,
            Err(Error::Invalid(ref m)) if m.contains("started_at")
        ));
    }
}

#[tokio::test]
async fn tokens_are_hashed_and_revocable() {
    for b in backends().await {
        let r = &b.reg;
        let first = r
            .ensure_first_admin()
            .await
            .unwrap()
            .expect("first start makes an admin");
        assert!(r.ensure_first_admin().await.unwrap().is_none(), "only once");
        let p = r.authenticate(&first.token).await.unwrap().unwrap();
        assert_eq!(p.role, Role::Admin);
        let t = r
            .create_token(&NewToken {
                principal: "ci".into(),
                role: Some("reader".into()),
                name: None,
            })
            .await
            .unwrap();
        assert_eq!(r.authenticate(&t.token).await.unwrap().unwrap().role, Role::Reader);
        assert!(r.authenticate("mlsec_0000").await.unwrap().is_none());
        assert!(r.authenticate("not-a-token").await.unwrap().is_none());
        // Only the hash is stored.
        let dump = r.export().await.unwrap();
        let text = serde_json::to_string(&dump).unwrap();
        assert!(
            !text.contains(&t.token[6..]),
            "{}: a token secret is stored in clear",
            b.name
        );
        r.revoke_token(t.id).await.unwrap();
        assert!(r.authenticate(&t.token).await.unwrap().is_none());
        assert!(matches!(r.revoke_token(t.id).await, Err(Error::NotFound(_))));
        assert!(matches!(
            r.create_token(&NewToken {
                principal: "x".into(),
                role: Some("root".into()),
                name: None
            })
            .await,
            Err(Error::Invalid(_))
        ));
    }
}
