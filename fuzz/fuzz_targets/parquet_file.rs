//! Fuzz the Parquet reader of the dataset scanner: any bytes give CSV text
//! or a partial result with a reason, never a panic or unbounded text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let d = mlsec_data_scan::parquet::to_csv(data, 1 << 20);
    assert!(d.csv.len() <= (1 << 21) + 4096 || d.partial.is_some());
});
