//! Fuzz the decompressors (every codec, concatenated streams, partial output).
#![no_main]
use libfuzzer_sys::fuzz_target;
use mlsec_archive::compress::{decompress, Codec};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let codec = match sel % 7 {
        0 => Codec::Gzip,
        1 => Codec::Zlib,
        2 => Codec::Bzip2,
        3 => Codec::Xz,
        4 => Codec::Lzma,
        5 => Codec::Zstd,
        _ => Codec::Lz4,
    };
    let out = decompress(codec, rest, 1 << 20);
    assert!(out.data.len() <= 1 << 20);
});
