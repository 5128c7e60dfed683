//! Fuzz the dataset scanner: format sniffing, CSV record splitting and
//! indexing, JSON field paths, every detector and the column summaries.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mlsec_data_scan::{json_path, sniff, DataFormat, DataScanOptions, DataScanner, DetectOptions, Detector, Fingerprinter, SecretRules};

fn scanner() -> &'static DataScanner {
    static S: OnceLock<DataScanner> = OnceLock::new();
    S.get_or_init(|| {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions { phone_region: Some("US".into()), ..Default::default() });
        DataScanner::new(d, Fingerprinter::new(b"fuzz"), DataScanOptions { chunk_bytes: 64, ..DataScanOptions::default() })
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = json_path::leaves(data, 1000);
    let fmt = sniff(data, "f").unwrap_or(DataFormat::Text);
    let r = scanner().scan(data, "f", fmt);
    for f in &r.findings {
        if let (Some(o), Some(l)) = (f.location.offset, f.location.length) {
            assert!(o + l <= data.len() as u64);
        }
    }
    let _ = scanner().scan(data, "f", DataFormat::Csv { delimiter: b',' });
});
