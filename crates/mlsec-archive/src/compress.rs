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
/// error. Output past `limit` bytes is refused. [`Stream`] reads the same
/// output piece by piece.
#[must_use]
pub fn decompress(codec: Codec, data: &[u8], limit: u64) -> Decompressed {
    let mut stream = Stream::new(codec, data, limit);
    let mut out = Vec::with_capacity(data.len().saturating_mul(4).min(64 << 20));
    // `Stream::read` never fails: an error ends the output and is kept.
    let _ = std::io::Read::read_to_end(&mut stream, &mut out);
    Decompressed {
        data: out,
        error: stream.error,
    }
}

/// The decompressed content of `data` as a reader, in bounded memory: the
/// output of [`decompress`], without holding it all. (An xz or lzma stream
/// is decoded whole before it is read, as the decoder has no reader
/// interface; gzip, zlib, bzip2, lz4 and zstd are decoded as they are read.)
/// Reading never fails: it ends at the first error, which
/// [`Stream::error`] then gives.
pub struct Stream<'a> {
    codec: Codec,
    /// The input not yet given to a decoder.
    rest: &'a [u8],
    /// `rest.len()` when the current stream began.
    began_at: usize,
    cur: Option<Current<'a>>,
    streams: u32,
    produced: u64,
    limit: u64,
    error: Option<String>,
    done: bool,
}

/// The decoder of the stream being read.
enum Current<'a> {
    Gzip(flate2::bufread::GzDecoder<&'a [u8]>),
    Zlib(flate2::bufread::ZlibDecoder<&'a [u8]>),
    Bzip2(bzip2::bufread::BzDecoder<&'a [u8]>),
    Lz4(lz4_flex::frame::FrameDecoder<&'a [u8]>),
    Zstd(Box<ruzstd::decoding::StreamingDecoder<&'a [u8], ruzstd::decoding::FrameDecoder>>),
    /// An xz or lzma stream decoded whole: its output, how much was read,
    /// and the error that ended it.
    Whole(Vec<u8>, usize, Option<String>),
}

impl<'a> Stream<'a> {
    /// A reader of `data`'s decompressed content, refusing output past `limit` bytes.
    #[must_use]
    pub fn new(codec: Codec, data: &'a [u8], limit: u64) -> Self {
        Self {
            codec,
            rest: data,
            began_at: data.len(),
            cur: None,
            streams: 0,
            produced: 0,
            limit,
            error: None,
            done: false,
        }
    }

    /// Why decoding stopped early (corruption, trailing garbage, or the
    /// limit: then the message starts with `expands beyond`), once read to
    /// the end.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Bytes of output read so far.
    #[must_use]
    pub fn produced(&self) -> u64 {
        self.produced
    }

    fn fail(&mut self, why: String) {
        self.error = Some(why);
        self.done = true;
    }

    /// Start decoding the next stream at `rest`.
    fn begin(&mut self) {
        self.streams += 1;
        if self.streams > 100_000 {
            self.fail(format!("more than 100000 concatenated {} streams", self.codec.name()));
            return;
        }
        self.began_at = self.rest.len();
        let rest = self.rest;
        self.cur = Some(match self.codec {
            Codec::Gzip => Current::Gzip(flate2::bufread::GzDecoder::new(rest)),
            Codec::Zlib => Current::Zlib(flate2::bufread::ZlibDecoder::new(rest)),
            Codec::Bzip2 => Current::Bzip2(bzip2::bufread::BzDecoder::new(rest)),
            Codec::Lz4 => Current::Lz4(lz4_flex::frame::FrameDecoder::new(rest)),
            Codec::Zstd => match ruzstd::decoding::StreamingDecoder::new(rest) {
                Ok(d) => Current::Zstd(Box::new(d)),
                Err(e) => return self.fail(e.to_string()),
            },
            Codec::Xz | Codec::Lzma => {
                // lzma-rs insists on EOF right after a stream (it cannot stop at the
                // end of the first of several): when it complains about more data, the
                // bytes it consumed mark where the stream ends; decode just those.
                let room = self.limit.saturating_sub(self.produced);
                let (mut out, mut how, consumed) = lzma_one(self.codec, rest, room);
                let mut end = rest.len();
                if let LzmaEnd::Failed(m) = &how {
                    if consumed < rest.len()
                        && (m.contains("more bytes are available") || m.contains("Unexpected data after"))
                    {
                        (out, how, _) = lzma_one(self.codec, &rest[..consumed], room);
                        end = consumed;
                    }
                }
                let err = match how {
                    LzmaEnd::Done => None,
                    LzmaEnd::Limit => Some(format!("expands beyond {} bytes", self.limit)),
                    LzmaEnd::Failed(m) => Some(m),
                };
                self.rest = &rest[end..];
                Current::Whole(out, 0, err)
            }
        });
    }

    /// The current stream ended with `rest` unread: go on to the next one,
    /// or stop at the end or at trailing data.
    fn next_stream(&mut self, mut rest: &'a [u8]) {
        if self.codec == Codec::Xz {
            // Stream padding: NUL bytes between xz streams.
            let pad = rest.iter().take_while(|&&b| b == 0).count();
            rest = &rest[pad..];
        }
        self.rest = rest;
        if rest.is_empty() {
            self.done = true;
        } else if rest.len() == self.began_at || (self.codec != Codec::Lzma && detect(rest) != Some(self.codec)) {
            self.fail(format!(
                "{} bytes of trailing data after the {} stream",
                rest.len(),
                self.codec.name()
            ));
        }
    }
}

impl std::io::Read for Stream<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.done {
                return Ok(0);
            }
            let Some(cur) = self.cur.as_mut() else {
                self.begin();
                continue;
            };
            let r = match cur {
                Current::Gzip(d) => d.read(buf),
                Current::Zlib(d) => d.read(buf),
                Current::Bzip2(d) => d.read(buf),
                Current::Lz4(d) => d.read(buf),
                Current::Zstd(d) => d.read(buf),
                Current::Whole(out, pos, _) => {
                    let n = (out.len() - *pos).min(buf.len());
                    buf[..n].copy_from_slice(&out[*pos..*pos + n]);
                    *pos += n;
                    Ok(n)
                }
            };
            match r {
                Ok(0) => {
                    let rest = match self.cur.take() {
                        Some(Current::Gzip(d)) => d.into_inner(),
                        Some(Current::Zlib(d)) => d.into_inner(),
                        Some(Current::Bzip2(d)) => d.into_inner(),
                        Some(Current::Lz4(d)) => d.into_inner(),
                        Some(Current::Zstd(d)) => d.into_inner(),
                        Some(Current::Whole(_, _, Some(e))) => {
                            self.fail(e);
                            continue;
                        }
                        Some(Current::Whole(_, _, None)) | None => self.rest,
                    };
                    self.next_stream(rest);
                }
                Ok(n) => {
                    if self.produced + n as u64 > self.limit {
                        self.fail(format!("expands beyond {} bytes", self.limit));
                        return Ok(0);
                    }
                    self.produced += n as u64;
                    return Ok(n);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.fail(e.to_string());
                    return Ok(0);
                }
            }
        }
    }
}

/// How decoding one xz or lzma-alone stream ended.
enum LzmaEnd {
    Done,
    /// The output reached the limit.
    Limit,
    /// Corrupt input, or data after the stream: the message.
    Failed(String),
}

/// One xz or lzma-alone stream decoded from `input`, at most `limit` bytes
/// of it: the output (none when decoding failed other than at the limit),
/// how it ended, and how many input bytes the decoder had consumed.
fn lzma_one(codec: Codec, input: &[u8], limit: u64) -> (Vec<u8>, LzmaEnd, usize) {
    let mut w = LimitedWriter {
        buf: Vec::new(),
        limit,
        hit: false,
    };
    let mut r = CountingReader { data: input, pos: 0 };
    let res = if codec == Codec::Xz {
        lzma_rs::xz_decompress(&mut r, &mut w)
    } else {
        lzma_rs::lzma_decompress(&mut r, &mut w)
    };
    match res {
        Ok(()) => (w.buf, LzmaEnd::Done, r.pos),
        Err(_) if w.hit => (w.buf, LzmaEnd::Limit, r.pos),
        Err(e) => (Vec::new(), LzmaEnd::Failed(e.to_string()), r.pos),
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
    /// Whether a write went past the limit.
    hit: bool,
}

impl std::io::Write for LimitedWriter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() as u64 + b.len() as u64 > self.limit {
            // What fits is kept: the output up to the limit.
            let room = usize::try_from(self.limit.saturating_sub(self.buf.len() as u64)).unwrap_or(usize::MAX);
            self.buf.extend_from_slice(&b[..room.min(b.len())]);
            self.hit = true;
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

    /// Two streams of `codec`, then `tail`: [`Stream`] read in small
    /// pieces gives what [`decompress`] gives.
    fn check_stream(codec: Codec, one: &[u8], plain: &[u8], tail: &[u8]) {
        let mut data = one.to_vec();
        data.extend_from_slice(one);
        data.extend_from_slice(tail);
        let whole = decompress(codec, &data, 1 << 30);
        let mut s = Stream::new(codec, &data, 1 << 30);
        let mut got = Vec::new();
        let mut piece = [0u8; 777];
        loop {
            let n = std::io::Read::read(&mut s, &mut piece).unwrap();
            if n == 0 {
                break;
            }
            got.extend_from_slice(&piece[..n]);
        }
        assert_eq!(got, whole.data, "{codec:?}");
        assert_eq!([plain, plain].concat(), got, "{codec:?}");
        assert_eq!(s.error(), whole.error.as_deref(), "{codec:?}");
        assert_eq!(s.error().is_some(), !tail.is_empty(), "{codec:?}");
        assert_eq!(s.produced(), got.len() as u64);
        // The limit stops it, keeping what came before.
        let mut s = Stream::new(codec, &data, plain.len() as u64 + 10);
        let mut got = Vec::new();
        let _ = std::io::Read::read_to_end(&mut s, &mut got);
        assert!(got.len() as u64 <= plain.len() as u64 + 10, "{codec:?}");
        assert!(
            s.error().unwrap().starts_with("expands beyond"),
            "{codec:?} {:?} {}",
            s.error(),
            got.len()
        );
    }

    #[test]
    fn stream_reads_what_decompress_returns() {
        let plain: Vec<u8> = (0..300_000u32)
            .flat_map(|i| format!("{i},row {}\n", i % 97).into_bytes())
            .collect();
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&plain).unwrap();
        let gz = e.finish().unwrap();
        check_stream(Codec::Gzip, &gz, &plain, b"");
        check_stream(Codec::Gzip, &gz, &plain, b"junk");
        let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
        e.write_all(&plain).unwrap();
        check_stream(Codec::Bzip2, &e.finish().unwrap(), &plain, b"");
        let mut xz = Vec::new();
        lzma_rs::xz_compress(&mut &plain[..], &mut xz).unwrap();
        check_stream(Codec::Xz, &xz, &plain, b"");
        check_stream(Codec::Xz, &xz, &plain, b"garbage");
        let mut e = lz4_flex::frame::FrameEncoder::new(Vec::new());
        e.write_all(&plain).unwrap();
        check_stream(Codec::Lz4, &e.finish().unwrap(), &plain, b"");
        // Corrupt: what came before is kept, the error reported.
        let mut bad = gz.clone();
        let mid = bad.len() / 2;
        bad[mid..].iter_mut().for_each(|b| *b ^= 0x55);
        let mut s = Stream::new(Codec::Gzip, &bad, 1 << 30);
        let mut got = Vec::new();
        let _ = std::io::Read::read_to_end(&mut s, &mut got);
        assert!(s.error().is_some());
        assert!(plain.starts_with(&got));
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
