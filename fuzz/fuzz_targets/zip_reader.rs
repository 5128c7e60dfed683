//! Fuzz the lenient zip reader: directory parsing and member reads.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = mlsec_archive::Limits { max_member_bytes: 1 << 20, max_ratio: 100, max_members: 1000 };
    let dir = mlsec_archive::zip::directory(data, &limits);
    for e in &dir.entries {
        let _ = mlsec_archive::zip::read(data, e, &limits);
    }
});
