//! Single-stream compression: detection by magic bytes and bounded decompression.

use crate::read_limited;

/// A compression format recognised by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// gzip (`1f 8b`).
    Gzip,
    /// zlib (`78 01|5e|9c|da`), as joblib writes it.
    Zlib,
    /// bzip2 (`BZh`).
    Bzip2,
    /// xz (`fd 37 7a 58 5a 00`).
    Xz,
    /// legacy `.lzma` (lzma-alone, properties byte `5d`).
    Lzma,
    /// lz4 frame (`04 22 4d 18`).
    Lz4,
}

impl Codec {
    /// Short lowercase name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Codec::Gzip => "gzip",
            Codec::Zlib => "zlib",
            Codec::Bzip2 => "bzip2",
            Codec::Xz => "xz",
            Codec::Lzma => "lzma",
            Codec::Lz4 => "lz4",
        }
    }
}

/// Detect a compression codec from the first bytes.
#[must_use]
pub fn detect(head: &[u8]) -> Option<Codec> {
    match head {
        [0x1f, 0x8b, ..] => Some(Codec::Gzip),
        [b'B', b'Z', b'h', b'1'..=b'9', ..] => Some(Codec::Bzip2),
        [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => Some(Codec::Xz),
        [0x04, 0x22, 0x4d, 0x18, ..] => Some(Codec::Lz4),
        [0x78, b, ..]
            if matches!(b, 0x01 | 0x5e | 0x9c | 0xda) && (u16::from(0x78u8) << 8 | u16::from(*b)) % 31 == 0 =>
        {
            Some(Codec::Zlib)
        }
        // lzma-alone: properties byte (lc/lp/pb) 0x5d, then a power-of-two-ish dictionary size.
        [0x5d, 0x00, _, _, _, ..] if head.len() >= 13 => Some(Codec::Lzma),
        _ => None,
    }
}

/// Decompress the whole stream, failing past `limit` bytes of output.
///
/// # Errors
/// A description of the corruption or of the limit that was hit.
pub fn decompress(codec: Codec, data: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let hint = data.len().saturating_mul(4);
    match codec {
        Codec::Gzip => read_limited(flate2::read::MultiGzDecoder::new(data), limit, hint),
        Codec::Zlib => read_limited(flate2::read::ZlibDecoder::new(data), limit, hint),
        Codec::Bzip2 => read_limited(bzip2::read::MultiBzDecoder::new(data), limit, hint),
        Codec::Lz4 => read_limited(lz4_flex::frame::FrameDecoder::new(data), limit, hint),
        Codec::Xz | Codec::Lzma => {
            let mut out = LimitedWriter {
                buf: Vec::with_capacity(hint.min(64 << 20)),
                limit,
            };
            let mut input = std::io::BufReader::new(data);
            let r = if codec == Codec::Xz {
                lzma_rs::xz_decompress(&mut input, &mut out)
            } else {
                lzma_rs::lzma_decompress(&mut input, &mut out)
            };
            match r {
                Ok(()) => Ok(out.buf),
                Err(_) if out.buf.len() as u64 > limit => Err(format!("expands beyond {limit} bytes")),
                Err(e) => Err(e.to_string()),
            }
        }
    }
}

/// Inflate a raw deflate stream (zip method 8) with a limit.
///
/// # Errors
/// A description of the corruption or of the limit that was hit.
pub fn inflate_raw(data: &[u8], limit: u64, hint: usize) -> Result<Vec<u8>, String> {
    read_limited(flate2::read::DeflateDecoder::new(data), limit, hint)
}

/// Decompress a raw bzip2 stream (zip method 12) with a limit.
///
/// # Errors
/// A description of the corruption or of the limit that was hit.
pub fn bunzip(data: &[u8], limit: u64, hint: usize) -> Result<Vec<u8>, String> {
    read_limited(bzip2::read::BzDecoder::new(data), limit, hint)
}

struct LimitedWriter {
    buf: Vec<u8>,
    limit: u64,
}

impl std::io::Write for LimitedWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() as u64 + b.len() as u64 > self.limit {
            self.buf.extend_from_slice(&b[..b.len().min(1)]);
            return Err(std::io::Error::other("limit"));
        }
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn gzip_round_trip_and_limit() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&vec![b'a'; 100_000]).unwrap();
        let gz = e.finish().unwrap();
        assert_eq!(detect(&gz), Some(Codec::Gzip));
        assert_eq!(decompress(Codec::Gzip, &gz, 1 << 20).unwrap().len(), 100_000);
        assert!(decompress(Codec::Gzip, &gz, 1000).is_err());
    }

    #[test]
    fn zlib_detect() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b"hello").unwrap();
        let z = e.finish().unwrap();
        assert_eq!(detect(&z), Some(Codec::Zlib));
        assert_eq!(decompress(Codec::Zlib, &z, 100).unwrap(), b"hello");
    }
}
