//! `mlsec scan` on datasets: personal data and secrets found, located by row
//! and column, reported masked (never in clear), columns summarised.

use super::{mlsec, write};

const CSV: &str = "id,customer_name,email,card,notes\n\
1,John Smith,john.smyth@example.com,4111 1111 1111 1111,\"aws AKIAZ3MSJV4WWNKWW5FG\"\n\
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
        "john.smyth@example.com",
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
    let a = write(d.path(), "a.txt", b"contact: john.smyth@example.com\n");
    let b = write(d.path(), "b.jsonl", b"{\"mail\": \"John.Smyth@example.com\"}\n");
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

/// `--format html` writes one page whose column chart shows the email
/// column's share; values only masked; exit codes as for the other formats.
#[test]
fn html_report_charts_columns_and_masks_values() {
    let d = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,email\n");
    for i in 0..40 {
        csv.push_str(&format!("{i},user{i}@example.com\n"));
    }
    let p = write(d.path(), "emails.csv", csv.as_bytes());
    let out = d.path().join("report.html");
    let o = mlsec()
        .args([
            "scan",
            p.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let json = mlsec()
        .args(["scan", p.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        json.status.code(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(
        page.contains("Personal-data columns") && page.contains("100.0%"),
        "{page}"
    );
    assert!(
        !page.contains("user1@example.com") && !page.contains("<script"),
        "{page}"
    );
}

/// `mlsec redact FILE -o OUT`, which must succeed.
fn redact_ok(p: &std::path::Path, out: &std::path::Path) {
    let o = mlsec()
        .args(["redact", p.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Runs the Python script `py` with `arg`, which must succeed.
fn python(py: &str, arg: &std::path::Path) {
    let st = std::process::Command::new("python3")
        .arg("-c")
        .arg(py)
        .arg(arg)
        .status()
        .unwrap();
    assert!(st.success(), "python3 failed");
}

/// Asserts that the first file of a `--format json` report has findings of
/// each of `want`.
fn has_entities(v: &serde_json::Value, want: &[&str]) {
    let entities: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["data"]["entity"].as_str())
        .collect();
    for e in want {
        assert!(entities.contains(e), "{e} not in {entities:?}");
    }
}

/// A CSV exported in Windows-1252 (an accented letter is an invalid UTF-8
/// byte) is read as the text it is: a name with accented letters after its
/// word is found, and the redacted copy is Windows-1252 again, its other
/// bytes kept as they are.
#[test]
fn a_latin1_csv_is_scanned_and_redacted() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "export.csv",
        b"id,city,email,card,note\r\n1,M\xe1laga,jose@example.com,4111 1111 1111 1111,\x93ok\x94\r\n2,C\xe1diz,ana@example.org,,Herr J\xfcrgen M\xfcller rief an\r\n",
    );
    let (_, v, _) = scan_json(&[p.to_str().unwrap(), "--per-value"], "test key");
    assert_eq!(v["files"][0]["format"], "csv+windows-1252", "{v}");
    has_entities(&v, &["EMAIL", "CREDIT_CARD", "PERSON_NAME"]);
    let out = d.path().join("export.out.csv");
    redact_ok(&p, &out);
    let red = std::fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&red);
    assert!(
        red.windows(6).any(|w| w == b"M\xe1laga") && red.windows(4).any(|w| w == b"\x93ok\x94"),
        "the Windows-1252 bytes were not kept: {red:?}"
    );
    assert!(
        !text.contains("example.") && !text.contains("4111") && !red.windows(4).any(|w| w == b"J\xfcrg"),
        "{text}"
    );
}

/// A CSV in Shift_JIS (a Japanese Excel export) is read as its text and
/// redacted back into Shift_JIS; one in Big5 with a character Big5 reads
/// but does not write (Hong Kong's supplement) is scanned, but not
/// redacted: a copy would lose that character.
#[test]
fn legacy_multi_byte_csvs_are_scanned_and_redacted_only_without_loss() {
    let d = tempfile::tempdir().unwrap();
    let sjis = write(
        d.path(),
        "kokyaku.csv",
        b"\x8e\x81\x96\xbc,\x83\x81\x81\x5b\x83\x8b\r\n\x8e\x52\x93\x63 \x91\xbe\x98\x59,taro.yamada@docomo.ne.jp\r\n\x97\xe9\x96\xd8 \x88\xea\x98\x59,ichiro.suzuki@gmail.com\r\n",
    );
    let (_, v, _) = scan_json(&[sjis.to_str().unwrap(), "--per-value"], "test key");
    assert_eq!(v["files"][0]["format"], "csv+Shift_JIS", "{v}");
    has_entities(&v, &["EMAIL", "PERSON_NAME"]);
    let out = d.path().join("kokyaku.out.csv");
    redact_ok(&sjis, &out);
    let red = std::fs::read(&out).unwrap();
    assert!(red.starts_with(b"\x8e\x81\x96\xbc,"), "{red:?}");
    assert!(!red.windows(9).any(|w| w == b"taro.yama"), "{red:?}");
    let big5 = write(
        d.path(),
        "hk.csv",
        b"\xab\xc8\xa4\xe1,\xb9\x71\xb6\x6c\r\n\xa4\xfd\xa4\x70\xa9\xfa,wang.xm@gmail.com\r\n\x87\x40,chan.tm@yahoo.com.hk\r\n",
    );
    let (_, v, _) = scan_json(&[big5.to_str().unwrap(), "--per-value"], "test key");
    assert_eq!(v["files"][0]["format"], "csv+Big5", "{v}");
    let out = d.path().join("hk.out.csv");
    let o = mlsec()
        .args(["redact", big5.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("iconv -f Big5"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out.exists());
}

/// A compressed Windows-1252 export is read as its UTF-8 transcoding while
/// it is decoded (across many reads), and redacted back into Windows-1252,
/// compressed the same way.
#[test]
fn a_compressed_latin1_csv_is_scanned_and_redacted_in_latin1() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("export.csv.gz");
    let py = "import gzip, sys\n\
              rows = ['id,city,email,note'] + ['%d,K\\xf6ln,user%d@example.com,Herr J\\xfcrgen M\\xfcller rief an' % (i, i) for i in range(3000)]\n\
              open(sys.argv[1], 'wb').write(gzip.compress(('\\r\\n'.join(rows) + '\\r\\n').encode('cp1252')))\n";
    python(py, &p);
    let (_, v, _) = scan_json(&[p.to_str().unwrap(), "--per-value"], "test key");
    assert_eq!(v["files"][0]["format"], "csv+windows-1252+gzip", "{v}");
    has_entities(&v, &["EMAIL", "PERSON_NAME"]);
    let out = d.path().join("export.out.csv.gz");
    redact_ok(&p, &out);
    let back = std::process::Command::new("python3")
        .arg("-c")
        .arg("import gzip, sys; sys.stdout.buffer.write(gzip.decompress(open(sys.argv[1], 'rb').read()))")
        .arg(&out)
        .output()
        .unwrap();
    assert!(back.status.success());
    let red = back.stdout;
    assert_eq!(red.windows(5).filter(|w| *w == b",K\xf6ln").count(), 3000);
    assert!(!red.windows(8).any(|w| w == b"example.") && !red.windows(4).any(|w| w == b"J\xfcrg"));
}

/// A compressed UTF-16 export (with a byte-order mark, and big-endian
/// without one) is read as its UTF-8 transcoding while it is decoded, a
/// character beyond the BMP split across reads kept whole, and redacted
/// back into the same UTF-16, compressed the same way.
#[test]
fn a_compressed_utf16_csv_is_scanned_and_redacted_in_utf16() {
    let d = tempfile::tempdir().unwrap();
    for (codec, bom, format) in [
        ("utf-16-le", "b'\\xff\\xfe'", "csv+utf-16le+gzip"),
        ("utf-16-be", "b''", "csv+utf-16be-nobom+gzip"),
    ] {
        let p = d.path().join(format!("{codec}.csv.gz"));
        let py = format!(
            "import gzip, sys\n\
             rows = ['id,city,email,note'] + ['%d,K\\xf6ln,user%d@example.com,Herr J\\xfcrgen M\\xfcller rief heute morgen an \\U0001F600' % (i, i) for i in range(3000)]\n\
             open(sys.argv[1], 'wb').write(gzip.compress({bom} + ('\\n'.join(rows) + '\\n').encode('{codec}')))\n"
        );
        python(&py, &p);
        let (_, v, _) = scan_json(&[p.to_str().unwrap(), "--per-value"], "test key");
        assert_eq!(v["files"][0]["format"], format, "{v}");
        has_entities(&v, &["EMAIL", "PERSON_NAME"]);
        let out = d.path().join(format!("{codec}.out.csv.gz"));
        redact_ok(&p, &out);
        let back = std::process::Command::new("python3")
            .arg("-c")
            .arg(format!(
                "import gzip, sys; d = gzip.decompress(open(sys.argv[1], 'rb').read()); assert d.startswith({bom}); \
                 t = d[len({bom}):].decode('{codec}'); print(t.count(',K\\xf6ln,'), t.count('\\U0001F600'), t.count('@example'), t.count('J\\xfcrgen'))"
            ))
            .arg(&out)
            .output()
            .unwrap();
        assert!(back.status.success(), "{}", String::from_utf8_lossy(&back.stderr));
        assert_eq!(String::from_utf8_lossy(&back.stdout).trim(), "3000 3000 0 0", "{codec}");
    }
}

/// A CSV saved as UTF-16 ("Unicode text" from a spreadsheet) is scanned,
/// and its redacted copy is UTF-16 again.
#[test]
fn a_utf16_csv_is_scanned_and_redacted_in_utf16() {
    let d = tempfile::tempdir().unwrap();
    let text = "id,city,email\r\n1,Málaga,jose@example.com\r\n2,Cádiz,ana@example.org\r\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let p = write(d.path(), "export.csv", &bytes);
    let (_, v, _) = scan_json(&[p.to_str().unwrap(), "--per-value"], "test key");
    assert_eq!(v["files"][0]["format"], "csv+utf-16le", "{v}");
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 2, "{v}");
    let out = d.path().join("export.out.csv");
    redact_ok(&p, &out);
    let red = std::fs::read(&out).unwrap();
    assert_eq!(&red[..2], &[0xff, 0xfe]);
    let units: Vec<u16> = red[2..]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(
        String::from_utf16(&units).unwrap(),
        "id,city,email\r\n1,Málaga,<EMAIL>\r\n2,Cádiz,<EMAIL>\r\n"
    );
}

/// UTF-16 without a byte-order mark (big-endian here, as `iconv -t
/// UTF-16BE` writes it) is recognised too, and written back without one.
#[test]
fn a_utf16_csv_without_a_byte_order_mark_is_scanned_and_redacted() {
    let d = tempfile::tempdir().unwrap();
    let text = "id,city,email\n1,Lyon,jose@example.com\n2,Nice,ana@example.org\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let p = write(d.path(), "export.csv", &bytes);
    let (_, v, _) = scan_json(&[p.to_str().unwrap(), "--per-value"], "test key");
    assert_eq!(v["files"][0]["format"], "csv+utf-16be-nobom", "{v}");
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 2, "{v}");
    let out = d.path().join("export.out.csv");
    redact_ok(&p, &out);
    let units: Vec<u16> = std::fs::read(&out)
        .unwrap()
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(
        String::from_utf16(&units).unwrap(),
        "id,city,email\n1,Lyon,<EMAIL>\n2,Nice,<EMAIL>\n"
    );
}

/// A text that starts with zlib's magic bytes (`x^`, as an equation may)
/// but holds no zlib stream is read as the text it is, by scan and redact.
#[test]
fn text_starting_like_zlib_is_read_as_text() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "notes.txt",
        b"x^2 + 1: mail ann.smith@example.com\ncard 4111 1111 1111 1111\n",
    );
    let (_, v, _) = scan_json(&[p.to_str().unwrap()], "test key");
    assert_eq!(v["files"][0]["format"], "text", "{v}");
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 2, "{v}");
    let out = d.path().join("notes.out.txt");
    redact_ok(&p, &out);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "x^2 + 1: mail <EMAIL>\ncard <CREDIT_CARD>\n"
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
fn json_lines_with_escaped_characters_read_as_the_characters() {
    // Python's `json.dumps` writes every character beyond ASCII as `\uXXXX`.
    let d = tempfile::tempdir().unwrap();
    let utf8 = "{\"id\": 1, \"text\": \"Lieferung an Herr Jürgen Müller, Hauptstraße 5, 10115 Berlin.\"}\n\
                {\"id\": 2, \"text\": \"联系电话：13812345678，地址：北京市朝阳区建国路88号\"}\n";
    let escaped: String = utf8
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                let mut units = [0u16; 2];
                c.encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("\\u{u:04x}"))
                    .collect()
            }
        })
        .collect();
    let a = write(d.path(), "utf8.jsonl", utf8.as_bytes());
    let b = write(d.path(), "escaped.jsonl", escaped.as_bytes());
    let (_, v, _) = scan_json(&[a.to_str().unwrap(), b.to_str().unwrap(), "--per-value"], "test key");
    let found = |i: usize| -> Vec<(String, String, String)> {
        let mut f: Vec<_> = v["files"][i]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let s = |x: &serde_json::Value| x.as_str().unwrap_or_default().to_owned();
                (
                    s(&f["data"]["entity"]),
                    s(&f["data"]["fingerprint"]),
                    s(&f["location"]["column"]),
                )
            })
            .collect();
        f.sort();
        f
    };
    let (fa, fb) = (found(0), found(1));
    assert!(fa.len() >= 4, "{v}");
    assert_eq!(fa, fb, "{v}");
    // Redaction replaces the escapes whole; a pseudonym is the same token
    // as for the value written in UTF-8.
    let redact = |inp: &std::path::Path, out: &std::path::Path| {
        let o = redact_with_operator(inp, out, "pseudonym");
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(out).unwrap()
    };
    let ra = redact(&a, &d.path().join("utf8.out.jsonl"));
    let rb = redact(&b, &d.path().join("escaped.out.jsonl"));
    let parse = |t: &str| -> Vec<serde_json::Value> { t.lines().map(|l| serde_json::from_str(l).unwrap()).collect() };
    assert_eq!(parse(&ra), parse(&rb), "{ra}\n{rb}");
    assert!(!rb.contains("u00fc") && !rb.contains("13812345678"), "{rb}");
    // Encrypted as written: decryption gives the escaped file back, byte
    // for byte.
    let enc = d.path().join("escaped.enc.jsonl");
    let o = redact_with_operator(&b, &enc, "encrypt");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let back = d.path().join("escaped.back.jsonl");
    let o = decrypt_with_key(&enc, &back, ENC_KEY);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&back).unwrap(), escaped);
}

#[test]
fn text_that_reads_as_a_short_pickle_is_data() {
    // `C` is SHORT_BINBYTES: `I` (73) bytes, then the `.` of `_..` is STOP;
    // the rest of the line follows the "pickle".
    let d = tempfile::tempdir().unwrap();
    let line = "CISCO_TOKEN ?= \"LB1kj6Pw8f426-mgcpfyyTBg3dwcC6QEm35uQygH700p-DMT3Q8oJtHwo_..CEtoW.s_LMERAKIK8r4b\"\n\
                meraki_api_key = \"c58e6caa0f8f18fb8c7ace7a562b157c28d2671f\"\n";
    let p = write(d.path(), "Makefile.txt", line.as_bytes());
    let (_, v, _) = scan_json(&[p.to_str().unwrap()], "test key");
    assert_eq!(v["files"][0]["format"], "text", "{v}");
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["data"]["entity"] == "SECRET"), "{v}");
    assert!(
        findings
            .iter()
            .all(|f| !f["rule"].as_str().unwrap().starts_with("MLS-PKL")),
        "{v}"
    );
    // A Windows-1252 CSV whose header reads as a few opcodes up to an
    // error (`KDNR;`: BININT1, NONE, REDUCE, then `;`) is a CSV.
    let csv = b"KDNR;NAME;VORNAME;EMAIL;UMSATZ\n1001;M\xfcller;J\xfcrgen;j.mueller@web.de;12,50 \x80\n";
    let p = write(d.path(), "KUNDEN_ALT.CSV", csv);
    let (_, v, _) = scan_json(&[p.to_str().unwrap()], "test key");
    assert!(v["files"][0]["format"].as_str().unwrap().starts_with("csv"), "{v}");
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert!(findings.iter().any(|f| f["data"]["entity"] == "EMAIL"), "{v}");
    // A real protocol-0 pickle that calls something stays a pickle.
    let p = write(d.path(), "evil.txt", b"cos\nsystem\n(S'id'\ntR.trailing text\n");
    let (_, v, _) = scan_json(&[p.to_str().unwrap()], "test key");
    assert_eq!(v["files"][0]["format"], "pickle", "{v}");
}

/// Redaction fails closed: an input the scan could only partly read is
/// refused (nothing written) unless `--allow-partial` says otherwise.
#[test]
fn redaction_of_a_partly_read_input_writes_nothing_unless_allowed() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("c.csv"), b"a,b\n1,\"never closed\n2,ann@example.com\n").unwrap();
    let (code, out, err) = redact_cmd(d.path(), &[], None);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(!d.path().join("c.out.csv").exists());
    assert!(
        err.contains("nothing was written") && err.contains("--allow-partial"),
        "{err}"
    );
    let (code, out, err) = redact_cmd(d.path(), &["--allow-partial"], None);
    assert_eq!(code, Some(2), "{err}");
    assert!(!out.is_empty() && !out.contains("ann@example.com"), "{out}");
    assert!(err.contains("may be incomplete"), "{err}");
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
        b"{\"email\": \"john.smyth@example.com\", \"n\": 1}\n{\"email\": \"ann.lee@example.org\", \"card\": 4111111111111111}\n",
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
        "john.smyth@example.com",
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

/// A compressed dataset past the bomb limit is still scanned, up to that
/// limit: the bomb finding stays, the data found before the limit is
/// reported, and the result is marked partial with the setting to raise.
#[test]
fn a_compressed_dataset_past_the_bomb_limit_is_scanned_up_to_it() {
    let d = tempfile::tempdir().unwrap();
    let py = "import gzip, sys\n\
              head = b'name,email,note\\nAda,ada.lovelace@example.org,x\\n'\n\
              tail = b'Bob,bob.tail@example.net,y\\n'\n\
              body = b'Cy,-,' + b'z' * 60 + b'\\n'\n\
              open(sys.argv[1], 'wb').write(gzip.compress(head + body * 40000 + tail))\n";
    let p = d.path().join("people.csv.gz");
    python(py, &p);
    // 2.6 MB decoded; the limit is 1 MiB.
    write(d.path(), "mlsec.toml", b"[scan.limits]\nmax_member_bytes = 1048576\n");
    let (code, v, err) = scan_json(&[p.to_str().unwrap()], "k");
    assert_eq!(code, Some(1), "{err}");
    let f = &v["files"][0];
    assert_eq!(f["verdict"], "suspicious", "{f}");
    assert!(f["format"].as_str().unwrap().starts_with("csv+gzip"), "{f}");
    let reason = f["reason"].as_str().unwrap();
    assert!(
        reason.contains("expands beyond") && reason.contains("limits.max_ratio"),
        "{reason}"
    );
    let findings = f["findings"].as_array().unwrap();
    let has = |code: &str| findings.iter().any(|x| x["rule"] == code);
    assert!(has("MLS-ARC-003") && has("MLS-PII-001"), "{findings:?}");
    // The e-mail past the limit was not read.
    assert_eq!(
        findings.iter().filter(|x| x["rule"] == "MLS-PII-001").count(),
        1,
        "{findings:?}"
    );
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
fn truncated_parquet_is_reported_not_a_crash_and_never_half_redacted() {
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
        .arg(&cut)
        .arg("-o")
        .arg(d.path().join("out.parquet"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing was written"));
    assert!(!d.path().join("out.parquet").exists());
}

#[test]
fn parquet_redaction_keeps_the_schema_and_a_rescan_finds_nothing() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out.parquet");
    let o = mlsec()
        .args(["redact"])
        .arg(parquet_fixture("customers.parquet"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("(parquet, 40 rows)") && err.contains("EMAIL"), "{err}");
    let o = mlsec()
        .args(["scan", "--format", "json", "--fail-on", "info"])
        .arg(&out)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["format"], "parquet");
    assert_eq!(f["findings"].as_array().unwrap().len(), 0, "{f}");
    assert_eq!(o.status.code(), Some(0));
}

const CLEAR: [&str; 5] = [
    "john.smyth@example.com",
    "4111 1111 1111 1111",
    "AKIAZ3MSJV4WWNKWW5FG",
    "John Smith",
    "ann.lee@example.org",
];

fn scan_json(args: &[&str], key: &str) -> (Option<i32>, serde_json::Value, String) {
    let o = mlsec()
        .arg("scan")
        .args(args)
        .args(["--format", "json"])
        .env("MLSEC_FINGERPRINT_KEY", key)
        .env_remove("MLSEC_CONFIG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let v = serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
    (o.status.code(), v, stderr)
}

#[test]
fn baseline_accepts_known_findings_and_fails_on_new_ones() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "customers.csv", CSV.as_bytes());
    let b = d.path().join("baseline.json");
    let (p_, b_) = (p.to_str().unwrap(), b.to_str().unwrap());
    let (code, v, err) = scan_json(&[p_], "ci key");
    assert_eq!(code, Some(1), "{err}");
    let known = v["files"][0]["findings"].as_array().unwrap().len();
    assert!(known >= 4, "{v}");
    assert!(v["summary"].get("suppressed").is_none(), "no baseline, no count");
    // Writing a baseline accepts today's findings.
    let (code, v, err) = scan_json(&[p_, "--write-baseline", b_], "ci key");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["summary"]["suppressed"], known);
    let text = std::fs::read_to_string(&b).unwrap();
    let base: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(base["format"], "mlsec-baseline/1");
    assert_eq!(base["findings"].as_array().unwrap().len(), known, "{text}");
    for clear in CLEAR.iter().chain(&["j***", "4111 ****", "AKIA"]) {
        assert!(!text.contains(clear), "{clear} stored in the baseline:\n{text}");
    }
    let e = &base["findings"][0];
    assert!(e["rule"].is_string() && e["path"] == p_ && e["fingerprint"].as_str().unwrap().len() == 16);
    // With the baseline: everything known is suppressed, exit 0.
    let (code, v, err) = scan_json(&[p_, "--baseline", b_], "ci key");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["summary"]["suppressed"], known);
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(v["files"][0]["verdict"], "clean");
    // A new card (in a new row) fails; known values in moved rows stay accepted.
    let grown = CSV.replacen("1,John", "0,Bo Li,ann.lee@example.org,3782 822463 10005,x\n1,John", 1);
    std::fs::write(&p, grown).unwrap();
    let (code, v, err) = scan_json(&[p_, "--baseline", b_], "ci key");
    assert_eq!(code, Some(1), "{err}");
    let left = v["files"][0]["findings"].as_array().unwrap();
    assert!(
        left.iter()
            .any(|f| f["data"]["entity"] == "CREDIT_CARD" && f["location"]["row"] == 1),
        "{left:?}"
    );
    assert!(
        left.iter().all(|f| f["data"]["entity"] != "EMAIL"),
        "the known email moved rows: {left:?}"
    );
    assert_eq!(
        v["summary"]["suppressed"],
        known + 1,
        "the known email now appears twice"
    );
    // The table says so too.
    let o = mlsec()
        .args(["scan", p_, "--baseline", b_])
        .env("MLSEC_FINGERPRINT_KEY", "ci key")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("suppressed by the baseline"));
    // Another fingerprint key cannot use the baseline: a clear error, exit 2.
    let (code, _, err) = scan_json(&[p_, "--baseline", b_], "other key");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("baseline.json") && err.contains("MLSEC_FINGERPRINT_KEY"),
        "{err}"
    );
}

#[test]
fn missing_or_malformed_baseline_is_exit_2_naming_the_file() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "customers.csv", CSV.as_bytes());
    let missing = d.path().join("nope.json");
    let (code, v, err) = scan_json(&[p.to_str().unwrap(), "--baseline", missing.to_str().unwrap()], "k");
    assert_eq!(code, Some(2), "{err}");
    assert!(v.is_null(), "no report when the baseline cannot be read");
    assert!(err.contains("nope.json"), "{err}");
    for (name, body) in [
        ("bad.json", "{not json"),
        ("wrong.json", "{\"format\": \"other/1\", \"findings\": []}"),
    ] {
        let b = write(d.path(), name, body.as_bytes());
        let (code, _, err) = scan_json(&[p.to_str().unwrap(), "--baseline", b.to_str().unwrap()], "k");
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(name) && err.contains("invalid baseline"), "{err}");
    }
}

#[test]
fn baseline_from_mlsec_toml_and_the_flag_wins() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "customers.csv", CSV.as_bytes());
    let b = d.path().join("accepted.json");
    let (code, _, err) = scan_json(&[p.to_str().unwrap(), "--write-baseline", b.to_str().unwrap()], "k");
    assert_eq!(code, Some(0), "{err}");
    write(d.path(), "mlsec.toml", b"[scan.data]\nbaseline = \"accepted.json\"\n");
    let (code, v, err) = scan_json(&[p.to_str().unwrap()], "k");
    assert_eq!(code, Some(0), "{err}");
    assert!(v["summary"]["suppressed"].as_u64().unwrap() > 0);
    let (code, _, err) = scan_json(&[p.to_str().unwrap(), "--baseline", "elsewhere.json"], "k");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("elsewhere.json"), "{err}");
}

fn redact_cmd(dir: &std::path::Path, extra: &[&str], key: Option<&str>) -> (Option<i32>, String, String) {
    let inp = dir.join("c.csv");
    if !inp.exists() {
        std::fs::write(&inp, CSV).unwrap();
    }
    let out = dir.join("c.out.csv");
    let _ = std::fs::remove_file(&out);
    let mut c = mlsec();
    c.args(["redact", inp.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .args(extra)
        .env_remove("MLSEC_REDACT_KEY")
        .env_remove("MLSEC_CONFIG");
    if let Some(k) = key {
        c.env("MLSEC_REDACT_KEY", k);
    }
    let o = c.output().unwrap();
    (
        o.status.code(),
        std::fs::read_to_string(&out).unwrap_or_default(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const ENC_KEY: &str = "a long enough redaction key";

/// `mlsec redact --decrypt INP -o OUT` under `key`, no config.
fn decrypt_with_key(inp: &std::path::Path, out: &std::path::Path, key: &str) -> std::process::Output {
    mlsec()
        .args([
            "redact",
            "--decrypt",
            inp.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .env("MLSEC_REDACT_KEY", key)
        .env_remove("MLSEC_CONFIG")
        .output()
        .unwrap()
}

/// `mlsec redact INP -o OUT --operator OP` under [`ENC_KEY`], no config.
fn redact_with_operator(inp: &std::path::Path, out: &std::path::Path, op: &str) -> std::process::Output {
    mlsec()
        .args([
            "redact",
            inp.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--operator",
            op,
        ])
        .env("MLSEC_REDACT_KEY", ENC_KEY)
        .env_remove("MLSEC_CONFIG")
        .output()
        .unwrap()
}

#[test]
fn encrypt_operator_is_reversible_and_rescans_clean() {
    let d = tempfile::tempdir().unwrap();
    let (code, out, err) = redact_cmd(d.path(), &["--operator", "encrypt"], Some(ENC_KEY));
    assert_eq!(code, Some(0), "{err}");
    for clear in CLEAR {
        assert!(!out.contains(clear), "{clear} survived encryption:\n{out}");
    }
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "id,customer_name,email,card,notes");
    assert!(rows.iter().all(|r| r.split(',').count() == 5), "{out}");
    let cells: Vec<&str> = rows[1].split(',').collect();
    assert!(cells[2].starts_with("ENC:"), "{out}");
    let email = mlsec_data_scan::decrypt_token(ENC_KEY.as_bytes(), "EMAIL", cells[2]).unwrap();
    assert_eq!(email, b"john.smyth@example.com");
    let card = mlsec_data_scan::decrypt_token(ENC_KEY.as_bytes(), "CREDIT_CARD", cells[3]).unwrap();
    assert_eq!(card, b"4111 1111 1111 1111");
    assert!(mlsec_data_scan::decrypt_token(b"the wrong key, long enough", "EMAIL", cells[2]).is_err());
    // Rescanning the encrypted copy finds nothing: tokens are not secrets.
    let clean = write(d.path(), "enc.csv", out.as_bytes());
    let (code, v, err) = scan_json(&[clean.to_str().unwrap(), "--per-value", "--fail-on", "info"], "k");
    assert_eq!(code, Some(0), "{err}\n{v}");
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 0, "{v}");
    // The same key from a file gives tokens that decrypt the same way.
    let kf = write(d.path(), "redact.key", format!("{ENC_KEY}\n").as_bytes());
    let (code, out, err) = redact_cmd(
        d.path(),
        &["--entity", "EMAIL=encrypt", "--key-file", kf.to_str().unwrap()],
        None,
    );
    assert_eq!(code, Some(0), "{err}");
    let cells: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(cells[3], "<CREDIT_CARD>");
    let email = mlsec_data_scan::decrypt_token(ENC_KEY.as_bytes(), "EMAIL", cells[2]).unwrap();
    assert_eq!(email, b"john.smyth@example.com");
    // No key, or a short one: exit 2 and no output.
    let (code, out, err) = redact_cmd(d.path(), &["--operator", "encrypt"], None);
    assert_eq!((code, out.as_str()), (Some(2), ""), "{err}");
    let (code, _, err) = redact_cmd(d.path(), &["--operator", "encrypt"], Some("short"));
    assert_eq!(code, Some(2));
    assert!(err.contains("16 bytes"), "{err}");
}

#[test]
fn redacting_bare_json_numbers_keeps_valid_json() {
    let d = tempfile::tempdir().unwrap();
    let inp = write(
        d.path(),
        "u.jsonl",
        b"{\"card\": 4111111111111111, \"qty\": 2, \"email\": \"jo@example.org\"}\n{\"card\": 5500005555555559}\n",
    );
    let out = d.path().join("u.out.jsonl");
    for op in ["replace", "mask", "pseudonym", "fpe", "encrypt", "remove"] {
        let o = redact_with_operator(&inp, &out, op);
        assert_eq!(o.status.code(), Some(0), "{op}: {}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&out).unwrap();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{op}: {e}: {line}"));
            assert!(v.get("card").is_some(), "{op}: {line}");
        }
        assert!(
            !text.contains("4111111111111111") && !text.contains("jo@example.org"),
            "{op}: {text}"
        );
    }
}

#[test]
fn redact_decrypt_restores_the_original_file() {
    let d = tempfile::tempdir().unwrap();
    let (code, enc, err) = redact_cmd(d.path(), &["--operator", "encrypt"], Some(ENC_KEY));
    assert_eq!(code, Some(0), "{err}");
    let enc_path = write(d.path(), "enc.csv", enc.as_bytes());
    let back = d.path().join("back.csv");
    let run = |key: &str| {
        let _ = std::fs::remove_file(&back);
        decrypt_with_key(&enc_path, &back, key)
    };
    let o = run(ENC_KEY);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&back).unwrap(), CSV);
    // The wrong key: exit 2, the token's place named, nothing written.
    let o = run("the wrong key, long enough");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not decrypt"));
    assert!(!back.exists());
}

#[test]
fn redact_operators_come_from_mlsec_toml_and_flags_win() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "mlsec.toml",
        b"[redact]\ndefault = \"mask\"\n\n[redact.entities]\nemail = \"pseudonym\"\nCREDIT_CARD = \"fpe\"\n",
    );
    let key = Some("join key");
    let (code, out, err) = redact_cmd(d.path(), &[], key);
    assert_eq!(code, Some(0), "{err}");
    let row: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    assert!(
        row[1].contains('*') && !row[1].contains("John"),
        "default from the file: {out}"
    );
    assert!(row[2].starts_with("EMAIL_"), "entity from the file: {out}");
    assert_eq!(row[3].len(), "4111 1111 1111 1111".len(), "fpe keeps the shape: {out}");
    assert!(row[3] != "4111 1111 1111 1111" && row[3].contains(' '), "{out}");
    // --operator replaces `redact.default`; entity entries stay.
    let (code, out, err) = redact_cmd(d.path(), &["--operator", "replace"], key);
    assert_eq!(code, Some(0), "{err}");
    let row: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[1], "<PERSON_NAME>");
    assert!(row[2].starts_with("EMAIL_"), "{out}");
    // --entity replaces `redact.entities.<E>`.
    let (code, out, err) = redact_cmd(d.path(), &["--entity", "EMAIL=replace"], key);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().nth(1).unwrap().split(',').nth(2), Some("<EMAIL>"));
}

#[test]
fn unknown_redact_entities_and_operators_name_the_key() {
    let d = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 3] = [
        (
            "[redact.entities]\nEMAILL = \"mask\"\n",
            &["`redact.entities.EMAILL`", "EMAIL, "],
        ),
        (
            "[redact]\ndefault = \"scramble\"\n",
            &["`redact.default`", "scramble", "encrypt"],
        ),
        (
            "[redact.entities]\nEMAIL = \"shred\"\n",
            &["`redact.entities.EMAIL`", "pseudonym"],
        ),
    ];
    for (toml, words) in cases {
        write(d.path(), "mlsec.toml", toml.as_bytes());
        let (code, out, err) = redact_cmd(d.path(), &[], None);
        assert_eq!((code, out.as_str()), (Some(2), ""), "{err}");
        for w in words {
            assert!(err.contains(w) && err.contains("mlsec.toml"), "{w} not in: {err}");
        }
    }
    std::fs::remove_file(d.path().join("mlsec.toml")).unwrap();
    let (code, _, err) = redact_cmd(d.path(), &["--entity", "NAME=mask"], None);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("unknown entity `NAME`") && err.contains("PERSON_NAME"),
        "{err}"
    );
}

/// A compressed dataset is redacted and written back compressed the same
/// way (readable by Python's own gzip, bz2 and lzma modules); a truncated
/// one is refused unless `--allow-partial`.
#[test]
fn compressed_datasets_are_redacted_into_the_same_compression() {
    let d = tempfile::tempdir().unwrap();
    let csv = "name,email,card\nAda,ada.lovelace@example.org,4111 1111 1111 1111\nBob,bobby@example.net,ok\n";
    write(d.path(), "p.csv", csv.repeat(300).as_bytes());
    let py = "import gzip, bz2, lzma, sys\nd = open(sys.argv[1], 'rb').read()\n\
              open(sys.argv[1] + '.gz', 'wb').write(gzip.compress(d))\n\
              open(sys.argv[1] + '.bz2', 'wb').write(bz2.compress(d))\n\
              open(sys.argv[1] + '.xz', 'wb').write(lzma.compress(d))\n\
              g = gzip.compress(d)\nopen(sys.argv[1][:-4] + '-cut.csv.gz', 'wb').write(g[: len(g) // 2])\n";
    let st = std::process::Command::new("python3")
        .arg("-c")
        .arg(py)
        .arg(d.path().join("p.csv"))
        .status()
        .unwrap();
    assert!(st.success());
    let redact = |inp: &str, out: &str, extra: &[&str]| {
        let o = mlsec()
            .args(["redact"])
            .arg(d.path().join(inp))
            .arg("-o")
            .arg(d.path().join(out))
            .args(extra)
            .env_remove("MLSEC_CONFIG")
            .output()
            .unwrap();
        (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    // Python reads each copy back with the module of its format.
    let unpack = |module: &str, out: &str| {
        let o = std::process::Command::new("python3")
            .arg("-c")
            .arg(format!(
                "import {module}, sys\nsys.stdout.buffer.write({module}.decompress(open(sys.argv[1], 'rb').read()))"
            ))
            .arg(d.path().join(out))
            .output()
            .unwrap();
        assert!(o.status.success(), "{module}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    for (ext, module, codec) in [("gz", "gzip", "gzip"), ("bz2", "bz2", "bzip2"), ("xz", "lzma", "xz")] {
        let out = format!("r.csv.{ext}");
        let (code, err) = redact(&format!("p.csv.{ext}"), &out, &[]);
        assert_eq!(code, Some(0), "{ext}: {err}");
        assert!(err.contains(&format!("(csv, {codec}):")), "{ext}: {err}");
        let text = unpack(module, &out);
        assert_eq!(text.lines().count(), 900, "{ext}");
        assert!(text.starts_with("name,email,card\n"), "{ext}");
        for clear in ["ada.lovelace@example.org", "bobby@example.net", "4111 1111 1111 1111"] {
            assert!(!text.contains(clear), "{ext}: {clear} survived");
        }
    }
    // zstd (no Python module): mlsec reads its own copy back.
    write(d.path(), "z.csv.zst", &zstd_raw_frame(csv.as_bytes()));
    let (code, err) = redact("z.csv.zst", "z.out.csv.zst", &[]);
    assert_eq!(code, Some(0), "{err}");
    let o = mlsec()
        .args(["scan", "--format", "json", "--per-value"])
        .arg(d.path().join("z.out.csv.zst"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["format"], "csv+zstd", "{v}");
    assert!(v["files"][0]["findings"].as_array().unwrap().is_empty(), "{v}");
    // Truncated: refused, nothing written; written in part when allowed.
    let (code, err) = redact("p-cut.csv.gz", "cut.csv.gz", &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("nothing was written") && err.contains("gzip"), "{err}");
    assert!(!d.path().join("cut.csv.gz").exists());
    let (code, err) = redact("p-cut.csv.gz", "cut.csv.gz", &["--allow-partial"]);
    assert_eq!(code, Some(2), "{err}");
    let text = unpack("gzip", "cut.csv.gz");
    assert!(
        text.starts_with("name,email,card\n") && !text.contains("@example.org"),
        "{text}"
    );
}

#[test]
fn a_gitleaks_config_and_the_file_it_extends_are_read_as_gitleaks_reads_them() {
    let d = tempfile::tempdir().unwrap();
    let data = write(
        d.path(),
        "notes.txt",
        b"token acme_k3y5abcdefghij0123456789\nkey ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5\n",
    );
    // A base file with a rule of the team's own, and a file that extends
    // it, drops a built-in rule and adds an allowlist to another.
    write(
        d.path(),
        "base.toml",
        b"[[rules]]\nid = \"acme-token\"\nregex = '''acme_[a-z0-9]{20,}'''\nkeywords = [\"acme_\"]\n",
    );
    let top = write(
        d.path(),
        ".gitleaks.toml",
        b"[extend]\npath = \"base.toml\"\ndisabledRules = [\"github-pat\"]\n",
    );
    let scan = |rules: &std::path::Path| {
        let o = mlsec()
            .args(["scan", data.to_str().unwrap(), "--format", "json", "--secret-rules"])
            .arg(rules)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
        let mut ids: Vec<String> = v["files"][0]["findings"]
            .as_array()
            .map(|f| {
                f.iter()
                    .filter_map(|x| x["data"]["detail"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        ids.sort();
        (o.status.code(), ids, String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (code, ids, err) = scan(&top);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(ids, ["acme-token"], "{err}");
    // A file that extends itself is an error naming it.
    let looped = write(d.path(), "loop.toml", b"[extend]\npath = \"loop.toml\"\n");
    let (code, _, err) = scan(&looped);
    assert_eq!(code, Some(2));
    assert!(err.contains("loop.toml") && err.contains("extends itself"), "{err}");
}

/// A Central European export in Windows-1250 is read as its letters: its
/// names have the fingerprints of the same names in UTF-8, and redaction
/// writes Windows-1250 back.
#[test]
fn a_windows1250_csv_is_read_as_its_letters_and_redacted_in_windows1250() {
    let d = tempfile::tempdir().unwrap();
    // `Stanisław`, `Dąbrowski`, `Łódź` in Windows-1250 and in UTF-8.
    let cp1250 = write(
        d.path(),
        "export.csv",
        b"id,imie,nazwisko,miasto\r\n1,Stanis\xb3aw,D\xb9browski,\xa3\xf3d\x9f\r\n",
    );
    let utf8 = write(
        d.path(),
        "export-utf8.csv",
        "id,imie,nazwisko,miasto\r\n1,Stanisław,Dąbrowski,Łódź\r\n".as_bytes(),
    );
    let fingerprints = |p: &std::path::Path| {
        let (_, v, _) = scan_json(&[p.to_str().unwrap(), "--per-value"], "test key");
        let mut f: Vec<String> = v["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                format!(
                    "{} {}",
                    x["data"]["entity"].as_str().unwrap_or_default(),
                    x["data"]["fingerprint"]
                )
            })
            .collect();
        f.sort();
        (v["files"][0]["format"].as_str().unwrap_or_default().to_owned(), f)
    };
    let (format, f1250) = fingerprints(&cp1250);
    assert_eq!(format, "csv+windows-1250");
    let (_, f8) = fingerprints(&utf8);
    assert_eq!(f1250, f8);
    assert!(
        f1250.iter().filter(|f| f.starts_with("PERSON_NAME")).count() == 2,
        "{f1250:?}"
    );
    let out = d.path().join("export.out.csv");
    redact_ok(&cp1250, &out);
    let red = std::fs::read(&out).unwrap();
    assert!(
        red.windows(4).any(|w| w == b"\xa3\xf3d\x9f"),
        "the Windows-1250 bytes were not kept: {red:?}"
    );
    assert!(!red.windows(3).any(|w| w == b"\xb3aw"), "{red:?}");
}

/// A rule file that never ends (`/dev/zero`) is an error, read only up to
/// a limit.
#[test]
fn an_endless_rule_file_is_an_error_not_unbounded_memory() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let data = write(d.path(), "notes.txt", b"hello\n");
    let o = mlsec()
        .args(["scan", data.to_str().unwrap(), "--secret-rules", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("/dev/zero") && err.contains("larger than"), "{err}");
}
