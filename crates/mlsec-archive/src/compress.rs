//! Compression wrappers: detection by magic bytes, bounded decompression of
//! concatenated streams, and compression back into the same format (for a
//! redacted copy of a compressed dataset).

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

/// The name of what a compressed file holds: `data.csv` for `data.csv.gz`
/// (the last extension dropped), so the inner format can be told by name.
#[must_use]
pub fn inner_name(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
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
/// output of [`decompress`], without holding it all, decoded as it is read.
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
    /// An xz or lzma-alone stream: its decoder, given the input from
    /// `rest` on, and how much of that input it has taken.
    Lzma(LzmaDecoder, &'a [u8], usize),
}

/// Memory an xz or lzma stream may ask for its dictionary, in KiB: a
/// header asking for more (`xz -9` asks for 64 MiB) is refused rather
/// than allocated.
const LZMA_MEM_LIMIT_KB: u32 = 512 << 10;

/// The sans-I/O decoder of one xz or lzma-alone stream.
enum LzmaDecoder {
    Xz(Box<lzma_rust2::XzStream>),
    Alone(Box<lzma_rust2::LzmaStream>),
}

impl LzmaDecoder {
    /// Decode from `input[*pos..]` into `buf`: the bytes produced, 0 once
    /// the stream has ended.
    fn read(&mut self, input: &[u8], pos: &mut usize, buf: &mut [u8]) -> std::io::Result<usize> {
        use lzma_rust2::{Action, Status};
        loop {
            let rest = &input[*pos..];
            let r = match self {
                LzmaDecoder::Xz(d) => d.process(rest, buf, Action::Finish),
                LzmaDecoder::Alone(d) => d.process(rest, buf, Action::Finish),
            }
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::OutOfMemory {
                    std::io::Error::other(format!(
                        "the stream asks for more than {} MiB of memory to decode ({e}); refused",
                        LZMA_MEM_LIMIT_KB >> 10
                    ))
                } else {
                    e
                }
            })?;
            *pos += r.bytes_consumed;
            if r.bytes_produced > 0 {
                return Ok(r.bytes_produced);
            }
            if r.status == Status::StreamEnd {
                return Ok(0);
            }
            if r.bytes_consumed == 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the input ends inside the stream (truncated)",
                ));
            }
        }
    }
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
            Codec::Xz => Current::Lzma(
                LzmaDecoder::Xz(Box::new(lzma_rust2::XzStream::new_mem_limit(false, LZMA_MEM_LIMIT_KB))),
                rest,
                0,
            ),
            Codec::Lzma => Current::Lzma(
                LzmaDecoder::Alone(Box::new(lzma_rust2::LzmaStream::new_mem_limit(LZMA_MEM_LIMIT_KB, None))),
                rest,
                0,
            ),
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
                Current::Lzma(d, input, pos) => d.read(input, pos, buf),
            };
            match r {
                Ok(0) => {
                    let rest = match self.cur.take() {
                        Some(Current::Gzip(d)) => d.into_inner(),
                        Some(Current::Zlib(d)) => d.into_inner(),
                        Some(Current::Bzip2(d)) => d.into_inner(),
                        Some(Current::Lz4(d)) => d.into_inner(),
                        Some(Current::Zstd(d)) => d.into_inner(),
                        Some(Current::Lzma(_, input, pos)) => &input[pos..],
                        None => self.rest,
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

/// `data` compressed as `codec` ([`Encoder`] in one go), which
/// [`decompress`] and the usual tools (`gzip -d`, `xz -d`, `zstd -d`, ...)
/// read back.
///
/// # Errors
/// An encoder's error (none is expected when writing to memory).
pub fn compress(codec: Codec, data: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write as _;
    let mut e = Encoder::new(codec, Vec::with_capacity(data.len() / 4 + 64))?;
    e.write_all(data)?;
    e.finish()
}

/// Bytes a zstd [`Encoder`] gathers before it writes them as one frame.
const ZSTD_FRAME: usize = 8 << 20;

/// A writer that compresses what it is given as `codec` into `W`, in
/// bounded memory (default levels; zstd at ruzstd's fastest, the only
/// level it has besides none, one frame per 8 MiB: a zstd stream may hold
/// any number of frames). Call [`Encoder::finish`] to end the stream.
pub struct Encoder<W: std::io::Write>(Enc<W>);

enum Enc<W: std::io::Write> {
    Gzip(flate2::write::GzEncoder<W>),
    Zlib(flate2::write::ZlibEncoder<W>),
    Bzip2(bzip2::write::BzEncoder<W>),
    Xz(Box<lzma_rust2::XzWriter<W>>),
    Lzma(Box<lzma_rust2::LzmaWriter<W>>),
    Lz4(lz4_flex::frame::FrameEncoder<W>),
    Zstd { out: W, pending: Vec<u8>, frames: usize },
}

impl<W: std::io::Write> Encoder<W> {
    /// An encoder of `codec` writing to `out`.
    ///
    /// # Errors
    /// An encoder that cannot write its header to `out`.
    pub fn new(codec: Codec, out: W) -> std::io::Result<Self> {
        Ok(Self(match codec {
            Codec::Gzip => Enc::Gzip(flate2::write::GzEncoder::new(out, flate2::Compression::default())),
            Codec::Zlib => Enc::Zlib(flate2::write::ZlibEncoder::new(out, flate2::Compression::default())),
            Codec::Bzip2 => Enc::Bzip2(bzip2::write::BzEncoder::new(out, bzip2::Compression::default())),
            Codec::Xz => Enc::Xz(Box::new(lzma_rust2::XzWriter::new(
                out,
                lzma_rust2::XzOptions::with_preset(6),
            )?)),
            // The size is not known ahead: the stream ends with an end marker.
            Codec::Lzma => Enc::Lzma(Box::new(lzma_rust2::LzmaWriter::new_use_header(
                out,
                &lzma_rust2::LzmaOptions::with_preset(6),
                None,
            )?)),
            Codec::Lz4 => Enc::Lz4(lz4_flex::frame::FrameEncoder::new(out)),
            Codec::Zstd => Enc::Zstd {
                out,
                pending: Vec::new(),
                frames: 0,
            },
        }))
    }

    /// End the stream and return the writer.
    ///
    /// # Errors
    /// The encoder's or the writer's.
    pub fn finish(self) -> std::io::Result<W> {
        match self.0 {
            Enc::Gzip(e) => e.finish(),
            Enc::Zlib(e) => e.finish(),
            Enc::Bzip2(e) => e.finish(),
            Enc::Xz(e) => (*e).finish(),
            Enc::Lzma(e) => (*e).finish(),
            Enc::Lz4(e) => e.finish().map_err(std::io::Error::other),
            Enc::Zstd {
                mut out,
                pending,
                frames,
            } => {
                // An empty input is still one (empty) frame.
                if !pending.is_empty() || frames == 0 {
                    zstd_frame(&pending, &mut out)?;
                }
                Ok(out)
            }
        }
    }
}

fn zstd_frame<W: std::io::Write>(data: &[u8], out: &mut W) -> std::io::Result<()> {
    let mut frame = Vec::with_capacity(data.len() / 4 + 64);
    ruzstd::encoding::compress(data, &mut frame, ruzstd::encoding::CompressionLevel::Fastest);
    out.write_all(&frame)
}

impl<W: std::io::Write> std::io::Write for Encoder<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.0 {
            Enc::Gzip(e) => e.write(buf),
            Enc::Zlib(e) => e.write(buf),
            Enc::Bzip2(e) => e.write(buf),
            Enc::Xz(e) => e.write(buf),
            Enc::Lzma(e) => e.write(buf),
            Enc::Lz4(e) => e.write(buf),
            Enc::Zstd { out, pending, frames } => {
                let n = buf.len().min(ZSTD_FRAME - pending.len());
                pending.extend_from_slice(&buf[..n]);
                if pending.len() >= ZSTD_FRAME {
                    zstd_frame(pending, out)?;
                    pending.clear();
                    *frames += 1;
                }
                Ok(n)
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.0 {
            Enc::Gzip(e) => e.flush(),
            Enc::Zlib(e) => e.flush(),
            Enc::Bzip2(e) => e.flush(),
            Enc::Xz(e) => e.flush(),
            Enc::Lzma(e) => e.flush(),
            Enc::Lz4(e) => e.flush(),
            // A frame is written whole, at 8 MiB or at the end.
            Enc::Zstd { out, .. } => out.flush(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn every_codec_round_trips() {
        let data: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("{i},row {}\n", i % 97).into_bytes())
            .collect();
        for codec in [
            Codec::Gzip,
            Codec::Zlib,
            Codec::Bzip2,
            Codec::Xz,
            Codec::Lzma,
            Codec::Lz4,
            Codec::Zstd,
        ] {
            let packed = compress(codec, &data).unwrap();
            assert_eq!(detect(&packed), Some(codec), "{}", codec.name());
            assert!(packed.len() < data.len() / 2, "{}", codec.name());
            let back = decompress(codec, &packed, u64::MAX);
            assert!(back.error.is_none(), "{}: {:?}", codec.name(), back.error);
            assert_eq!(back.data, data, "{}", codec.name());
            // Empty input too.
            let empty = compress(codec, b"").unwrap();
            assert!(decompress(codec, &empty, 10).data.is_empty(), "{}", codec.name());
        }
    }

    #[test]
    fn an_encoder_fed_in_pieces_writes_one_readable_stream() {
        // Uneven pieces; zstd over two frames.
        let text = |n: u32| -> Vec<u8> {
            (0..n)
                .flat_map(|i| format!("{i},{}\n", i.wrapping_mul(2_654_435_761)).into_bytes())
                .collect()
        };
        let (small, large) = (text(30_000), text(500_000));
        assert!(large.len() > ZSTD_FRAME);
        for (codec, data) in [
            (Codec::Gzip, &small),
            (Codec::Zlib, &small),
            (Codec::Bzip2, &small),
            (Codec::Xz, &small),
            (Codec::Lzma, &small),
            (Codec::Lz4, &small),
            (Codec::Zstd, &large),
        ] {
            let mut e = Encoder::new(codec, Vec::new()).unwrap();
            let mut rest = &data[..];
            let mut step = 1;
            while !rest.is_empty() {
                let n = step.min(rest.len());
                e.write_all(&rest[..n]).unwrap();
                rest = &rest[n..];
                step = step * 7 % 1_000_003 + 1;
            }
            let packed = e.finish().unwrap();
            assert_eq!(detect(&packed), Some(codec), "{}", codec.name());
            let back = decompress(codec, &packed, u64::MAX);
            assert!(back.error.is_none(), "{}: {:?}", codec.name(), back.error);
            assert!(&back.data == data, "{}: round trip differs", codec.name());
        }
    }

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
        let mut w = lzma_rust2::XzWriter::new(Vec::new(), lzma_rust2::XzOptions::with_preset(1)).unwrap();
        w.write_all(&plain).unwrap();
        let xz = w.finish().unwrap();
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

    /// `plain` as one lzma-alone stream, with its size in the header or an
    /// end marker.
    fn lzma_alone(plain: &[u8], sized: bool) -> Vec<u8> {
        let opts = lzma_rust2::LzmaOptions::with_preset(1);
        let size = sized.then_some(plain.len() as u64);
        let mut w = lzma_rust2::LzmaWriter::new_use_header(Vec::new(), &opts, size).unwrap();
        w.write_all(plain).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn lzma_and_xz_streams_are_decoded_as_read() {
        let plain: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("{i};{}\n", i * 7).into_bytes())
            .collect();
        for sized in [true, false] {
            let one = lzma_alone(&plain, sized);
            assert_eq!(detect(&one), Some(Codec::Lzma));
            check_stream(Codec::Lzma, &one, &plain, b"");
        }
        // Truncated: what was decoded is kept and the cut is reported.
        let mut w = lzma_rust2::XzWriter::new(Vec::new(), lzma_rust2::XzOptions::with_preset(1)).unwrap();
        w.write_all(&plain).unwrap();
        let xz = w.finish().unwrap();
        for cut in [xz.len() - 1, xz.len() / 2, 20, 3] {
            let d = decompress(Codec::Xz, &xz[..cut], 1 << 30);
            assert!(d.error.is_some(), "cut at {cut}");
            assert!(plain.starts_with(&d.data), "cut at {cut}");
        }
        // Stream padding between xz streams is skipped.
        let mut padded = xz.clone();
        padded.extend_from_slice(&[0; 8]);
        padded.extend_from_slice(&xz);
        let d = decompress(Codec::Xz, &padded, 1 << 30);
        assert_eq!(d.error, None);
        assert_eq!(d.data.len(), plain.len() * 2);
    }

    #[test]
    fn a_huge_dictionary_is_refused_not_allocated() {
        // lzma-alone header: properties, a 1 GiB dictionary, unknown size.
        let mut h = vec![0x5d, 0x00, 0x00, 0x00, 0x40];
        h.extend_from_slice(&[0xff; 8]);
        h.extend_from_slice(&[0; 64]);
        let d = decompress(Codec::Lzma, &h, 1 << 40);
        assert!(d.data.is_empty());
        assert!(
            d.error.as_deref().is_some_and(|e| e.contains("MiB of memory")),
            "{:?}",
            d.error
        );
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
