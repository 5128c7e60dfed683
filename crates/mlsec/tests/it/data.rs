//! `mlsec scan` on datasets: personal data and secrets found, located by row
//! and column, reported masked (never in clear), columns summarised.

use super::{mlsec, write};

const CSV: &str = "id,customer_name,email,card,notes\n\
1,John Smith,john.smith@example.com,4111 1111 1111 1111,\"aws AKIAZ3MSJV4WWNKWW5FG\"\n\
2,Ann Lee,ann.lee@example.org,5555 5555 5555 4444,fine\n";

#[test]
fn csv_findings_are_located_and_masked() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "customers.csv", CSV.as_bytes());
    let o = mlsec()
        .args(["scan", p.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    for clear in [
        "john.smith@example.com",
        "4111 1111 1111 1111",
        "AKIAZ3MSJV4WWNKWW5FG",
        "John Smith",
    ] {
        assert!(!text.contains(clear), "{clear} printed in clear");
    }
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["format"], "csv");
    assert_eq!(f["verdict"], "sensitive");
    let findings = f["findings"].as_array().unwrap();
    let card = findings.iter().find(|x| x["data"]["entity"] == "CREDIT_CARD").unwrap();
    assert_eq!(card["location"]["row"], 1);
    assert_eq!(card["location"]["column"], "card");
    assert_eq!(card["data"]["masked"], "4111 **** **** 1111");
    let off = card["location"]["offset"].as_u64().unwrap() as usize;
    let len = card["location"]["length"].as_u64().unwrap() as usize;
    assert_eq!(&CSV[off..off + len], "4111 1111 1111 1111");
    let secret = findings.iter().find(|x| x["rule"] == "MLS-SEC-001").unwrap();
    assert_eq!(secret["data"]["detail"], "aws-access-token");
}

#[test]
fn fingerprints_follow_values_across_files_and_keys() {
    let d = tempfile::tempdir().unwrap();
    let a = write(d.path(), "a.txt", b"contact: john.smith@example.com\n");
    let b = write(d.path(), "b.jsonl", b"{\"mail\": \"John.Smith@example.com\"}\n");
    let fp = |key: &str| {
        let o = mlsec()
            .args(["scan", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"])
            .env("MLSEC_FINGERPRINT_KEY", key)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["findings"][0]["data"]["fingerprint"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let k1 = fp("key one");
    assert_eq!(k1[0], k1[1], "same email, same fingerprint");
    assert_ne!(fp("key two")[0], k1[0], "fingerprints are keyed");
}

#[test]
fn clean_data_passes_and_pii_columns_are_summarised() {
    let d = tempfile::tempdir().unwrap();
    let clean = write(
        d.path(),
        "clean.csv",
        b"id,version,hash\n1,1.2.3,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n",
    );
    let o = mlsec().args(["scan", clean.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let mut big = String::from("id,email\n");
    for i in 0..50 {
        big.push_str(&format!("{i},user{i}@example.com\n"));
    }
    let p = write(d.path(), "emails.csv", big.as_bytes());
    let o = mlsec()
        .args(["scan", p.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["rule"], "MLS-PII-008");
    assert!(findings[0]["message"]
        .as_str()
        .unwrap()
        .contains("100% of rows (50 of 50)"));
    let o = mlsec()
        .args(["scan", p.to_str().unwrap(), "--format", "json", "--per-value"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["files"][0]["findings"].as_array().unwrap().len(),
        50,
        "values instead of the summary"
    );
}

#[test]
fn csv_whose_header_starts_with_c_is_data_not_a_pickle() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "customers.csv",
        b"customer_id,customer_name,email\n1,Ann Lee,ann.lee@example.org\n",
    );
    let o = mlsec()
        .args(["scan", p.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["format"], "csv", "{v}");
    assert!(v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| !f["rule"].as_str().unwrap().starts_with("MLS-PKL")));
}

#[test]
fn broken_quoting_is_partial_not_a_crash() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "broken.csv", b"a,b\n1,\"never closed\n2,ann@example.com\n");
    let o = mlsec()
        .args(["scan", p.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["files"][0];
    assert!(f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["rule"] == "MLS-DAT-001"));
}

#[test]
fn redaction_removes_values_keeps_schema_and_pseudonyms_join() {
    let d = tempfile::tempdir().unwrap();
    let csv = write(d.path(), "c.csv", CSV.as_bytes());
    let jsonl = write(
        d.path(),
        "u.jsonl",
        b"{\"email\": \"john.smith@example.com\", \"n\": 1}\n{\"email\": \"ann.lee@example.org\", \"card\": 4111111111111111}\n",
    );
    let out_csv = d.path().join("c.out.csv");
    let out_jsonl = d.path().join("u.out.jsonl");
    let run = |inp: &std::path::Path, out: &std::path::Path, extra: &[&str]| {
        mlsec()
            .args(["redact", inp.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .args(extra)
            .env("MLSEC_REDACT_KEY", "join key")
            .output()
            .unwrap()
    };
    let o = run(&csv, &out_csv, &["--entity", "EMAIL=pseudonym"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(
        &jsonl,
        &out_jsonl,
        &["--operator", "pseudonym", "--entity", "CREDIT_CARD=fpe"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let c = std::fs::read_to_string(&out_csv).unwrap();
    let j = std::fs::read_to_string(&out_jsonl).unwrap();
    for clear in [
        "john.smith@example.com",
        "4111 1111 1111 1111",
        "AKIAZ3MSJV4WWNKWW5FG",
        "John Smith",
        "4111111111111111",
    ] {
        assert!(!c.contains(clear) && !j.contains(clear), "{clear} survived redaction");
    }
    // Same schema: header and column count per row; every JSON line parses, the card stays a number.
    let rows: Vec<&str> = c.lines().collect();
    assert_eq!(rows[0], "id,customer_name,email,card,notes");
    assert!(rows.iter().all(|r| r.split(',').count() == 5), "{c}");
    let docs: Vec<serde_json::Value> = j.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(docs[1]["card"].is_u64(), "{j}");
    // The same email gets the same pseudonym in both files.
    let token = docs[0]["email"].as_str().unwrap();
    assert!(token.starts_with("EMAIL_"), "{token}");
    assert!(c.contains(token), "pseudonyms differ across files:\n{c}\n{j}");
    // Nothing left to find in the CSV copy.
    let o = mlsec()
        .args(["scan", out_csv.to_str().unwrap(), "--format", "json", "--per-value"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let left: Vec<&serde_json::Value> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["data"]["entity"] != "EMAIL")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn redaction_refuses_to_overwrite_its_input_and_needs_a_key_for_pseudonyms() {
    let d = tempfile::tempdir().unwrap();
    let csv = write(d.path(), "c.csv", CSV.as_bytes());
    let o = mlsec()
        .args(["redact", csv.to_str().unwrap(), "-o", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), CSV);
    let o = mlsec()
        .args([
            "redact",
            csv.to_str().unwrap(),
            "-o",
            d.path().join("x.csv").to_str().unwrap(),
            "--operator",
            "pseudonym",
        ])
        .env_remove("MLSEC_REDACT_KEY")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("MLSEC_REDACT_KEY"));
}

/// A Zstandard frame holding `data` in one raw block (RFC 8878 3.1.1).
fn zstd_raw_frame(data: &[u8]) -> Vec<u8> {
    assert!(data.len() < 256, "one-byte frame content size");
    let mut f = vec![0x28, 0xb5, 0x2f, 0xfd, 0x20, u8::try_from(data.len()).unwrap()];
    let header = 1 | (u32::try_from(data.len()).unwrap() << 3);
    f.extend_from_slice(&header.to_le_bytes()[..3]);
    f.extend_from_slice(data);
    f
}

#[test]
fn compressed_datasets_are_scanned_and_truncation_is_partial() {
    let d = tempfile::tempdir().unwrap();
    let csv: &[u8] = b"name,email,card\nAda,ada.lovelace@example.org,4111 1111 1111 1111\n";
    write(d.path(), "people.csv", csv);
    let py = "import gzip, bz2, lzma, sys\nd = open(sys.argv[1], 'rb').read()\n\
              open(sys.argv[1] + '.gz', 'wb').write(gzip.compress(d))\n\
              open(sys.argv[1] + '.bz2', 'wb').write(bz2.compress(d))\n\
              open(sys.argv[1] + '.xz', 'wb').write(lzma.compress(d))\n\
              g = gzip.compress(d * 200)\nopen(sys.argv[1][:-4] + '-cut.csv.gz', 'wb').write(g[: len(g) // 2])\n";
    let st = std::process::Command::new("python3")
        .arg("-c")
        .arg(py)
        .arg(d.path().join("people.csv"))
        .status()
        .unwrap();
    assert!(st.success());
    std::fs::remove_file(d.path().join("people.csv")).unwrap();
    write(d.path(), "people.csv.zst", &zstd_raw_frame(csv));
    let o = mlsec()
        .args(["scan", "--format", "json"])
        .arg(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    for ext in ["gz", "bz2", "xz", "zst"] {
        let f = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(&format!("people.csv.{ext}")))
            .unwrap();
        assert!(f["format"].as_str().unwrap().starts_with("csv+"), "{ext}: {f}");
        let codes: Vec<&str> = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["rule"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"MLS-PII-001") && codes.contains(&"MLS-PII-003"),
            "{ext}: {codes:?}"
        );
        assert!(!String::from_utf8_lossy(&o.stdout).contains("ada.lovelace@example.org"));
    }
    let cut = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("people-cut.csv.gz"))
        .unwrap();
    assert!(cut["reason"].as_str().unwrap().contains("gzip stream"), "{cut}");
    assert!(
        !cut["findings"].as_array().unwrap().is_empty(),
        "the part before the cut is scanned"
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "cards are high: findings win over the partial scan"
    );
}

fn parquet_fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../mlsec-data-scan/resources/test/fixtures")
        .join(name)
}

#[test]
fn parquet_row_groups_are_scanned_by_row_and_column() {
    let o = mlsec()
        .args(["scan", "--format", "json"])
        .arg(parquet_fixture("customers.parquet"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    for clear in [
        "user3@example.org",
        "4111 1111 1111 1111",
        "GB82WEST12345698765432",
        "AKIA4HXGLVY2QW5RN3TD",
    ] {
        assert!(!text.contains(clear), "{clear} printed in clear");
    }
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["format"], "parquet");
    let findings = f["findings"].as_array().unwrap();
    let at = |rule: &str| -> Vec<(u64, String)> {
        findings
            .iter()
            .filter(|x| x["rule"] == rule)
            .map(|x| {
                (
                    x["location"]["row"].as_u64().unwrap_or(0),
                    x["location"]["column"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    // The card is in the first row group, the IBAN in the second: rows count across groups.
    assert_eq!(at("MLS-PII-003"), vec![(8, "card".to_owned())], "{findings:#?}");
    assert_eq!(at("MLS-PII-004"), vec![(31, "iban".to_owned())]);
    assert!(
        findings
            .iter()
            .any(|x| x["rule"].as_str().unwrap().starts_with("MLS-SEC") && x["location"]["row"] == 13),
        "the key in a list column"
    );
    assert!(
        at("MLS-PII-008").iter().any(|(_, c)| c == "email"),
        "the email column is summarised once"
    );
    assert_eq!(o.status.code(), Some(1));

    let o = mlsec()
        .args(["scan"])
        .arg(parquet_fixture("clean.parquet"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn truncated_parquet_is_reported_not_a_crash_and_redact_refuses_parquet() {
    let d = tempfile::tempdir().unwrap();
    let full = std::fs::read(parquet_fixture("customers.parquet")).unwrap();
    let cut = write(d.path(), "cut.parquet", &full[..full.len() / 2]);
    let o = mlsec().args(["scan", "--format", "json"]).arg(&cut).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["files"][0];
    assert!(f["reason"].as_str().unwrap().contains("parquet"), "{f}");
    assert!(f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["rule"] == "MLS-DAT-001"));
    assert_eq!(o.status.code(), Some(2));
    let o = mlsec()
        .args(["redact"])
        .arg(parquet_fixture("customers.parquet"))
        .arg("-o")
        .arg(d.path().join("out.parquet"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Parquet"));
    assert!(!d.path().join("out.parquet").exists());
}
