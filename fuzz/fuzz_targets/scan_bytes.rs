//! Fuzz the whole scanner (format detection, every analyzer, recursion).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = mlsec_model_scan::Options { max_member_bytes: 4 << 20, max_ops: 1_000_000, ..Default::default() };
    let scanner = mlsec_model_scan::Scanner::new(opts);
    let _ = scanner.scan_bytes("fuzz", data);
});
