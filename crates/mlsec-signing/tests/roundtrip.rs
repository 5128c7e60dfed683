//! Sign and verify with mlsec alone: every hash and method, determinism,
//! symlink and empty-model refusals, the digest cache, and property tests of
//! the parsers of untrusted input.

use std::path::Path;

use mlsec_signing::{
    hash_model, parse_payload, parse_shard_name, sign_manifest, to_payload, verify, Bundle, Error, HashAlgorithm,
    HashOptions, Method, ShardNaming, Signer, SigningKey, Trust, VerifyOptions,
};
use proptest::prelude::*;

fn key() -> SigningKey {
    SigningKey::P256(p256_key())
}

fn p256_key() -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap()
}

fn model(dir: &Path) {
    std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
    std::fs::write(dir.join("a.bin"), vec![1u8; 10_000]).unwrap();
    std::fs::write(dir.join("sub/b.txt"), b"hello").unwrap();
    std::fs::write(dir.join("sub/deeper/c"), b"").unwrap();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".git/config"), b"x").unwrap();
}

#[test]
fn every_serialization_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    model(&m);
    for hash in [HashAlgorithm::Sha256, HashAlgorithm::Blake2b, HashAlgorithm::Blake3] {
        for method in [Method::Files, Method::Shards { shard_size: 3000 }] {
            for naming in [ShardNaming::Oms, ShardNaming::ModelSigning] {
                let opts = HashOptions {
                    hash,
                    method,
                    shard_naming: naming,
                    ..HashOptions::default()
                };
                let manifest = hash_model(&m, &opts).unwrap();
                assert!(manifest.resources.iter().all(|r| !r.name.starts_with(".git")));
                let bundle = sign_manifest(&manifest, &Signer::Key(key()));
                assert_eq!(
                    bundle.payload,
                    to_payload(&hash_model(&m, &opts).unwrap()),
                    "deterministic payload"
                );
                let trust = Trust::Key(key().public_key());
                let v = verify(&m, &bundle.to_json(), &trust, &VerifyOptions::default()).unwrap();
                assert_eq!(v.root_digest, manifest.root_digest_hex());
            }
        }
    }
}

#[test]
fn shards_are_named_by_offsets_and_empty_files_have_none() {
    let tmp = tempfile::tempdir().unwrap();
    model(tmp.path());
    let opts = HashOptions {
        method: Method::Shards { shard_size: 3000 },
        ..HashOptions::default()
    };
    let names: Vec<String> = hash_model(tmp.path(), &opts)
        .unwrap()
        .resources
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(
        names,
        [
            "a.bin:0:3000",
            "a.bin:3000:6000",
            "a.bin:6000:9000",
            "a.bin:9000:10000",
            "sub/b.txt:0:5"
        ]
    );
}

#[test]
fn refusals_are_clear() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(empty.join(".git")).unwrap();
    std::fs::write(empty.join(".git/x"), b"").unwrap();
    let e = hash_model(&empty, &HashOptions::default()).unwrap_err();
    assert!(e.to_string().contains("empty model"), "{e}");

    #[cfg(unix)]
    {
        let m = tmp.path().join("m");
        model(&m);
        std::os::unix::fs::symlink(m.join("a.bin"), m.join("link")).unwrap();
        let e = hash_model(&m, &HashOptions::default()).unwrap_err();
        assert!(
            e.to_string().contains("symbolic link") && e.to_string().contains("link"),
            "{e}"
        );
        let with = HashOptions {
            allow_symlinks: true,
            ..HashOptions::default()
        };
        let man = hash_model(&m, &with).unwrap();
        let a = man.resources.iter().find(|r| r.name == "a.bin").unwrap();
        let l = man.resources.iter().find(|r| r.name == "link").unwrap();
        assert_eq!(a.digest, l.digest);
        // A loop back to the root is not followed forever.
        std::os::unix::fs::symlink(&m, m.join("sub/loop")).unwrap();
        hash_model(&m, &with).unwrap();
    }

    let m = tmp.path().join("m2");
    model(&m);
    let e = hash_model(
        &m,
        &HashOptions {
            ignore_paths: vec!["../etc".into()],
            ..HashOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("leaves the model root"), "{e}");
}

#[test]
fn signature_inside_the_model_is_excluded_and_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    model(tmp.path());
    let sig = tmp.path().join("model.sig");
    std::fs::write(&sig, b"old").unwrap();
    let opts = HashOptions {
        exclude_files: vec![sig.clone()],
        ..HashOptions::default()
    };
    let m = hash_model(tmp.path(), &opts).unwrap();
    assert!(m.serialization.ignore_paths.contains(&"model.sig".to_string()));
    let bundle = sign_manifest(&m, &Signer::Key(key()));
    std::fs::write(&sig, bundle.to_json()).unwrap();
    let o = VerifyOptions {
        exclude_files: vec![sig.clone()],
        ..VerifyOptions::default()
    };
    verify(
        tmp.path(),
        &std::fs::read(&sig).unwrap(),
        &Trust::Key(key().public_key()),
        &o,
    )
    .unwrap();
}

#[test]
fn digest_cache_reuses_unchanged_files_and_notices_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m");
    model(&m);
    let cache = tmp.path().join("cache.json");
    let opts = HashOptions {
        cache: Some(cache.clone()),
        ..HashOptions::default()
    };
    let first = hash_model(&m, &opts).unwrap();
    assert!(std::fs::read_to_string(&cache).unwrap().contains("\"version\":1"));
    assert_eq!(hash_model(&m, &opts).unwrap(), first);
    std::fs::write(m.join("sub/b.txt"), b"HELLO, longer").unwrap();
    let changed = hash_model(&m, &opts).unwrap();
    assert_ne!(changed.root_digest(), first.root_digest());
    assert_eq!(changed, hash_model(&m, &HashOptions::default()).unwrap());
}

#[test]
fn wrong_key_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    model(tmp.path());
    let m = hash_model(tmp.path(), &HashOptions::default()).unwrap();
    let bundle = sign_manifest(&m, &Signer::Key(key()));
    let other = SigningKey::P384(p384::ecdsa::SigningKey::from_slice(&[9u8; 48]).unwrap());
    let e = verify(
        tmp.path(),
        &bundle.to_json(),
        &Trust::Key(other.public_key()),
        &VerifyOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(e, Error::Signature(_)) && e.to_string().contains("another key"),
        "{e}"
    );
}

proptest! {
    #[test]
    fn bundle_and_statement_parsers_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = Bundle::parse(&data);
        let _ = parse_payload(&data);
    }

    #[test]
    fn shard_names_round_trip(path in "[^\u{0}]{1,40}", start in 0u64..u64::MAX / 2, len in 1u64..1 << 40) {
        let name = format!("{path}:{start}:{}", start + len);
        prop_assert_eq!(parse_shard_name(&name), Some((path.as_str(), start, start + len)));
    }

    #[test]
    fn payload_round_trips(names in proptest::collection::btree_set("[a-z0-9_./-]{1,12}", 1..6), blake in any::<bool>()) {
        let hash = if blake { HashAlgorithm::Blake3 } else { HashAlgorithm::Sha256 };
        let resources = names.iter().enumerate().map(|(i, n)| mlsec_signing::Resource {
            name: n.clone(), algorithm: hash.name().into(), digest: vec![i as u8; 32],
        }).collect();
        let m = mlsec_signing::Manifest {
            model_name: "m".into(),
            serialization: mlsec_signing::Serialization { method: Method::Files, hash, allow_symlinks: false, ignore_paths: vec![] },
            resources,
        };
        prop_assert_eq!(parse_payload(&to_payload(&m)).unwrap().manifest, m);
    }
}
