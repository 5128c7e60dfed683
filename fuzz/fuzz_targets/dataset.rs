//! Fuzz the dataset scanner: format sniffing, CSV record splitting and
//! indexing, JSON field paths, every detector and the column summaries;
//! JSON array walks resumed and in pieces; hints (phone regions,
//! identifier kinds) and the per-record size limit;
//! redaction of JSON with the spans found, and `decrypt_all`; a file read
//! as a stream, a few bytes at a time, gives what the whole file gives, and
//! a redacted stream what a redacted whole file gives; UTF-16 text
//! transcoded and back; JSON whose characters are `\uXXXX` escapes.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mlsec_data_scan::{
    decrypt_all, encoded, json_path, redact, sniff, transcoded, DataFormat, DataScanOptions, DataScanner, DetectOptions, Detector,
    Fingerprinter, Operator, RedactOptions, SecretRules,
};

fn scanner() -> &'static DataScanner {
    static S: OnceLock<DataScanner> = OnceLock::new();
    S.get_or_init(|| {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions { phone_region: Some("US".into()), ..Default::default() });
        DataScanner::new(d, Fingerprinter::new(b"fuzz"), DataScanOptions { chunk_bytes: 64, ..DataScanOptions::default() })
    })
}

/// No phone region (hints are read), tiny record and finding limits.
fn hinted() -> &'static DataScanner {
    static S: OnceLock<DataScanner> = OnceLock::new();
    S.get_or_init(|| {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let o = DataScanOptions { chunk_bytes: 64, max_record_bytes: 200, max_findings: 5, per_value: true, ..DataScanOptions::default() };
        DataScanner::new(d, Fingerprinter::new(b"fuzz"), o)
    })
}

const KEY: &[u8] = b"fuzz key material, long enough";

/// Hands out a byte slice a few bytes at a time.
struct Dribble<'a>(&'a [u8]);

impl std::io::Read for Dribble<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (usize::from(self.0.first().copied().unwrap_or(0)) % 37 + 1).min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    // UTF-16 and legacy-encoded text transcode to UTF-8 and back to what
    // decodes the same, where the encoding holds every character read (a
    // malformed legacy sequence reads as U+FFFD, which redaction refuses to
    // write back) and the text reads in the same encoding again.
    if let Some((text, enc)) = transcoded(data) {
        let _ = encoded(&text, enc);
        if let Some(bytes) = mlsec_data_scan::encoding::encoded_exactly(&text, enc) {
            match transcoded(&bytes) {
                Some((again, e)) if e == enc => assert_eq!(again, text),
                _ => {}
            }
        }
    }
    let _ = json_path::leaves(data, 1000, &mut json_path::Paths::default());
    if let Some(starts) = json_path::array_elements(data) {
        assert!(starts.windows(2).all(|w| w[0] < w[1]) && starts.iter().all(|&i| i < data.len()));
        // Walked in two parts, or read in pieces from their own states, the
        // document gives the same elements.
        let cut = usize::from(data.last().copied().unwrap_or(0)).min(data.len());
        let mut walk = json_path::ArrayWalk::document(data).unwrap();
        let mut found = Vec::new();
        walk.walk(&data[..cut], &mut |i| found.push(i));
        walk.walk(&data[cut..], &mut |i| found.push(cut + i));
        assert_eq!(found, starts);
        let mut pieces = Vec::new();
        for (s, e, w) in json_path::ArrayWalk::document(data).unwrap().pieces(data, cut.max(1)) {
            pieces.extend(w.starts(&data[s..e]).into_iter().map(|i| s + i));
        }
        assert_eq!(pieces, starts);
    }
    // A Parquet file is the `parquet_file` target's: its decoder's panics,
    // which mlsec catches, would abort this harness (its panic hook runs
    // before the catch). Bytes sniffed as Parquet are read as text here.
    let fmt = match sniff(data, "f") {
        Some(DataFormat::Parquet) | None => DataFormat::Text,
        Some(f) => f,
    };
    let r = scanner().scan(data, "f", fmt);
    for f in &r.findings {
        if let (Some(o), Some(l)) = (f.location.offset, f.location.length) {
            assert!(o + l <= data.len() as u64);
        }
    }
    let whole = scanner().scan(data, "f", DataFormat::Csv { delimiter: b',' });
    let head = data.len().min(usize::from(data.first().copied().unwrap_or(0)));
    let streamed = scanner().scan_reader(data[..head].to_vec(), &mut Dribble(&data[head..]), "f", DataFormat::Csv { delimiter: b',' });
    assert_eq!(format!("{:?} {:?} {}", whole.findings, whole.partial, whole.rows), format!("{:?} {:?} {}", streamed.findings, streamed.partial, streamed.rows));
    // A JSON document (an array's elements as records) streamed as read whole.
    let whole = scanner().scan(data, "f", DataFormat::Json);
    let streamed = scanner().scan_reader(data[..head].to_vec(), &mut Dribble(&data[head..]), "f", DataFormat::Json);
    assert_eq!(format!("{:?} {:?} {}", whole.findings, whole.partial, whole.rows), format!("{:?} {:?} {}", streamed.findings, streamed.partial, streamed.rows));
    let r = hinted().scan(data, "f", DataFormat::JsonLines);
    let spans: Vec<(usize, usize, String)> = r
        .findings
        .iter()
        .filter_map(|f| {
            let (o, l) = (f.location.offset?, f.location.length?);
            Some((o as usize, (o + l) as usize, f.data.as_ref()?.entity.clone()))
        })
        .collect();
    // Spans found in `\uXXXX`-escaped text map back inside the file.
    assert!(spans.iter().all(|(s, e, _)| s <= e && *e <= data.len()));
    for op in [Operator::Replace, Operator::Encrypt] {
        let o = RedactOptions { default: op, per_entity: Default::default(), key: KEY.to_vec(), json: true };
        let out = redact(data, &spans, &o).unwrap();
        if op == Operator::Encrypt {
            // Whatever the input, restoring what was just encrypted works
            // unless the input already held tokens under another key.
            let _ = decrypt_all(&out, KEY);
        }
    }
    // Redacting a stream writes what redacting the whole file writes.
    let o = RedactOptions { default: Operator::Replace, per_entity: Default::default(), key: KEY.to_vec(), json: true };
    let expected = redact(data, &spans, &o).unwrap();
    let mut out = Vec::new();
    let red = hinted()
        .redact_reader(data[..head].to_vec(), &mut Dribble(&data[head..]), "f", DataFormat::JsonLines, &o, &mut out)
        .unwrap();
    assert!(out == expected, "streamed redaction differs");
    assert_eq!(red.partial, r.partial);
    assert_eq!(red.rows, r.rows);
    let _ = decrypt_all(data, KEY);
});
