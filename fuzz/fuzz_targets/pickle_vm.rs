//! Fuzz the pickle VM: any bytes give a trace, never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = mlsec_pickle::Limits { max_ops: 1_000_000, max_nested_bytes: 1 << 20, joblib: false };
    let t = mlsec_pickle::simulate(data, &limits);
    assert!(t.ops <= data.len() as u64 + 1);
});
