//! Compression wrappers: detection by magic bytes and bounded decompression of
//! concatenated streams.

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
    /// Zstandard frame (`28 b5 2f fd`).
    Zstd,
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
            Codec::Zstd => "zstd",
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
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Some(Codec::Zstd),
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

/// What [`decompress`] recovered.
#[derive(Debug, Default)]
pub struct Decompressed {
    /// Everything decoded, across concatenated streams, up to the first error.
    pub data: Vec<u8>,
    /// Why decoding stopped early (corruption, trailing garbage, or the limit:
    /// then the message starts with `expands beyond`).
    pub error: Option<String>,
}

/// Decompress `data` the way Python's `gzip`/`bz2`/`lzma`/`lz4.frame` readers
/// (and so joblib) do: concatenated streams are decoded one after the other, and
/// what was decoded before a corrupt stream or trailing garbage is kept, since a
/// loader reading it incrementally (`pickle.load` stops at STOP) never sees the
/// error. Output past `limit` bytes is refused.
#[must_use]
pub fn decompress(codec: Codec, data: &[u8], limit: u64) -> Decompressed {
    let mut out = Decompressed {
        data: Vec::with_capacity(data.len().saturating_mul(4).min(64 << 20)),
        error: None,
    };
    let mut rest = data;
    let mut buf = vec![0u8; 256 << 10];
    let mut streams = 0u32;
    loop {
        let before = rest.len();
        streams += 1;
        if streams > 100_000 {
            out.error = Some(format!("more than 100000 concatenated {} streams", codec.name()));
            break;
        }
        if let Err(e) = one_stream(codec, &mut rest, &mut out.data, limit, &mut buf) {
            out.error = Some(e);
            break;
        }
        if codec == Codec::Xz {
            // Stream padding: NUL bytes between xz streams.
            let pad = rest.iter().take_while(|&&b| b == 0).count();
            rest = &rest[pad..];
        }
        if rest.is_empty() {
            break;
        }
        if rest.len() == before || (codec != Codec::Lzma && detect(rest) != Some(codec)) {
            out.error = Some(format!(
                "{} bytes of trailing data after the {} stream",
                rest.len(),
                codec.name()
            ));
            break;
        }
    }
    out
}

/// Decode one stream from the front of `rest`, advancing it past what was read.
fn one_stream(codec: Codec, rest: &mut &[u8], out: &mut Vec<u8>, limit: u64, buf: &mut [u8]) -> Result<(), String> {
    match codec {
        Codec::Gzip => drain(rest, out, limit, buf, flate2::bufread::GzDecoder::new, |d| {
            d.into_inner()
        })?,
        Codec::Zlib => drain(rest, out, limit, buf, flate2::bufread::ZlibDecoder::new, |d| {
            d.into_inner()
        })?,
        Codec::Bzip2 => drain(rest, out, limit, buf, bzip2::bufread::BzDecoder::new, |d| {
            d.into_inner()
        })?,
        Codec::Lz4 => drain(rest, out, limit, buf, lz4_flex::frame::FrameDecoder::new, |d| {
            d.into_inner()
        })?,
        Codec::Zstd => {
            let mut reader = *rest;
            let mut d = ruzstd::decoding::StreamingDecoder::new(&mut reader).map_err(|e| e.to_string())?;
            pump(&mut d, out, limit, buf)?;
            drop(d);
            *rest = reader;
        }
        Codec::Xz | Codec::Lzma => {
            // lzma-rs insists on EOF right after a stream (it cannot stop at the
            // end of the first of several): when it complains about more data, the
            // bytes it consumed mark where the stream ends; decode just those.
            let end = match lzma_one(codec, rest, out, limit) {
                Ok(()) => rest.len(),
                Err((msg, consumed))
                    if consumed < rest.len()
                        && (msg.contains("more bytes are available") || msg.contains("Unexpected data after")) =>
                {
                    lzma_one(codec, &rest[..consumed], out, limit).map_err(|(m, _)| m)?;
                    consumed
                }
                Err((msg, _)) => return Err(msg),
            };
            *rest = &rest[end..];
        }
    }
    Ok(())
}

/// One xz or lzma-alone stream from `input` appended to `out`; on error, the
/// message and how many input bytes the decoder had consumed. Output of a failed
/// attempt is rolled back.
fn lzma_one(codec: Codec, input: &[u8], out: &mut Vec<u8>, limit: u64) -> Result<(), (String, usize)> {
    let start = out.len();
    let mut w = LimitedWriter {
        buf: std::mem::take(out),
        limit,
    };
    let mut r = CountingReader { data: input, pos: 0 };
    let res = if codec == Codec::Xz {
        lzma_rs::xz_decompress(&mut r, &mut w)
    } else {
        lzma_rs::lzma_decompress(&mut r, &mut w)
    };
    *out = w.buf;
    match res {
        Ok(()) => Ok(()),
        Err(_) if out.len() as u64 > limit => Err((format!("expands beyond {limit} bytes"), r.pos)),
        Err(e) => {
            out.truncate(start);
            Err((e.to_string(), r.pos))
        }
    }
}

/// A byte-slice reader that counts what the decoder consumed.
struct CountingReader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl std::io::Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let rest = &self.data[self.pos..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.pos += n;
        Ok(n)
    }
}

impl std::io::BufRead for CountingReader<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        Ok(&self.data[self.pos..])
    }
    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.data.len());
    }
}

/// Run the decoder `new` builds over `rest` to its end, then advance `rest` to
/// the input the decoder did not consume (`inner` gives it back).
fn drain<'a, D: std::io::Read>(
    rest: &mut &'a [u8],
    out: &mut Vec<u8>,
    limit: u64,
    buf: &mut [u8],
    new: impl FnOnce(&'a [u8]) -> D,
    inner: impl FnOnce(D) -> &'a [u8],
) -> Result<(), String> {
    let mut d = new(rest);
    pump(&mut d, out, limit, buf)?;
    *rest = inner(d);
    Ok(())
}

/// Read `r` to its end into `out`, keeping what was read when an error occurs.
fn pump(r: &mut impl std::io::Read, out: &mut Vec<u8>, limit: u64, buf: &mut [u8]) -> Result<(), String> {
    loop {
        match r.read(buf) {
            Ok(0) => return Ok(()),
            Ok(n) => {
                if out.len() as u64 + n as u64 > limit {
                    return Err(format!("expands beyond {limit} bytes"));
                }
                out.extend_from_slice(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.to_string()),
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
        assert_eq!(decompress(Codec::Gzip, &gz, 1 << 20).data.len(), 100_000);
        assert!(decompress(Codec::Gzip, &gz, 1000).error.is_some());
        // Two members, then garbage: both members decoded, the garbage reported.
        let mut two = gz.clone();
        two.extend_from_slice(&gz);
        two.extend_from_slice(b"junk");
        let d = decompress(Codec::Gzip, &two, 1 << 20);
        assert_eq!(d.data.len(), 200_000);
        assert!(d.error.unwrap().contains("trailing"));
    }

    #[test]
    fn zlib_detect() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b"hello").unwrap();
        let z = e.finish().unwrap();
        assert_eq!(detect(&z), Some(Codec::Zlib));
        let d = decompress(Codec::Zlib, &z, 100);
        assert_eq!((d.data.as_slice(), d.error), (&b"hello"[..], None));
    }
}
