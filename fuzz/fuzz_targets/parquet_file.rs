//! Fuzz the Parquet reader and rewriter of the dataset scanner: any bytes
//! give CSV text or a partial result with a reason, and redaction either
//! writes a file that reads back or refuses; never a panic or unbounded
//! text.
#![no_main]
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mlsec_data_scan::{DataScanOptions, DataScanner, DetectOptions, Detector, Fingerprinter, Operator, RedactOptions, SecretRules};

static SCANNER: LazyLock<DataScanner> = LazyLock::new(|| {
    DataScanner::new(
        Detector::new(SecretRules::builtin().expect("built-in rules"), DetectOptions::default()),
        Fingerprinter::new(b"fuzz"),
        DataScanOptions {
            per_value: true,
            ..DataScanOptions::default()
        },
    )
});

/// The `parquet` crate still panics on some crafted footers (an `unwrap`
/// on a field it expects to be a boolean). mlsec catches those panics and
/// reports the file as unreadable, which is the behaviour under test; the
/// default hook of the harness would abort on them even when caught. A
/// panic that escapes mlsec still fails the run.
static QUIET_PANICS: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    QUIET_PANICS.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let d = mlsec_data_scan::parquet::to_csv(data, 1 << 20);
    assert!(d.csv.len() <= (1 << 21) + 4096 || d.partial.is_some());
    // Type names blank non-string values; `fpe` writes integers, dates and
    // decimals back in their own types.
    let (default, key) = if data.len() % 2 == 0 {
        (Operator::Replace, Vec::new())
    } else {
        (Operator::FormatPreserving, b"fuzz key".to_vec())
    };
    let opts = RedactOptions {
        default,
        per_entity: std::collections::HashMap::new(),
        key,
        json: false,
    };
    if let Ok(out) = mlsec_data_scan::redact_parquet(data, &SCANNER, "fuzz.parquet", &opts) {
        let again = mlsec_data_scan::parquet::to_csv(&out.data, 1 << 22);
        assert!(again.partial.is_none() || d.partial.is_some(), "a rewritten file must read back");
    }
});
