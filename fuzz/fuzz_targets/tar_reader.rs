//! Fuzz the tar reader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = mlsec_archive::Limits { max_member_bytes: 1 << 20, max_ratio: 100, max_members: 1000 };
    let _ = mlsec_archive::tar::read(data, &limits);
});
