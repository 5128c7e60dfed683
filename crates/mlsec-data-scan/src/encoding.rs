//! Text in encodings other than UTF-8, transcoded to UTF-8 for scanning
//! and written back the same way by redaction: UTF-16 (what spreadsheets
//! export as "Unicode text"), and the legacy encodings of the WHATWG
//! Encoding Standard ([`legacy_text`]): the Windows code pages (a
//! spreadsheet's CSV export: Windows-1252 in Western Europe and the
//! Americas, 1250 in Central Europe, 1251 for Cyrillic, ...), Shift_JIS,
//! EUC-JP, GBK, Big5 and EUC-KR (what Japanese, Chinese and Korean software
//! still exports). Rows and columns stay the file's; byte offsets are the
//! transcoding's.

/// `bytes` as UTF-8 text, and the name of the encoding it was read from,
/// if it is in one of this module's encodings ([`utf16_text`], then
/// [`legacy_text`]); `None` for UTF-8 and anything else.
#[must_use]
pub fn transcoded(bytes: &[u8]) -> Option<(String, &'static str)> {
    utf16_text(bytes).or_else(|| legacy_text(bytes))
}

/// [`transcoded`] of the first 64 KiB of `bytes` (what tells a text's
/// encoding and its format), for a file then read whole by a
/// [`TextReader`] from [`bom_len`] on: memory stays bounded however large
/// the file.
#[must_use]
pub fn transcoded_head(bytes: &[u8]) -> Option<(String, &'static str)> {
    transcoded(&bytes[..bytes.len().min(64 << 10)])
}

/// The length of the byte-order mark a text in `encoding` (as
/// [`transcoded`] names it) starts with: 2 for `utf-16le` and `utf-16be`,
/// 0 for the others.
#[must_use]
pub fn bom_len(encoding: &str) -> usize {
    if encoding.starts_with("utf-16") && !encoding.ends_with("-nobom") {
        2
    } else {
        0
    }
}

/// Whether a UTF-16 `encoding` (as [`transcoded`] names it) is
/// little-endian.
fn little_endian(encoding: &str) -> bool {
    !encoding.starts_with("utf-16be")
}

/// `text` in the encoding [`transcoded`] named.
#[must_use]
pub fn encoded(text: &str, encoding: &str) -> Vec<u8> {
    if let Some(legacy) = legacy(encoding) {
        legacy_bytes(text, legacy)
    } else {
        utf16_bytes(text, encoding)
    }
}

/// A text in UTF-16 (what spreadsheets export as "Unicode text"),
/// transcoded to UTF-8, and its encoding's name; `None` for anything
/// else. With its byte-order mark, `utf-16le` or `utf-16be`; without one,
/// `utf-16le-nobom` or `utf-16be-nobom`, where nine in ten of the first
/// 2,048 code units are printable ASCII with a zero byte on one side
/// ([`bomless_utf16`]). Unpaired surrogates become U+FFFD.
#[must_use]
pub fn utf16_text(bytes: &[u8]) -> Option<(String, &'static str)> {
    let name = match bytes {
        [0xff, 0xfe, ..] => "utf-16le",
        [0xfe, 0xff, ..] => "utf-16be",
        _ if bomless_utf16(bytes)? => "utf-16le-nobom",
        _ => "utf-16be-nobom",
    };
    Some((read_whole(bytes, name), name))
}

/// All of `bytes` in `encoding`, as UTF-8 ([`TextReader`] from
/// [`bom_len`] on).
fn read_whole(bytes: &[u8], encoding: &'static str) -> String {
    let mut text = String::new();
    // Reading a slice fails on nothing, and the reader hands out UTF-8.
    let _ = std::io::Read::read_to_string(&mut TextReader::new(&bytes[bom_len(encoding)..], encoding), &mut text);
    text
}

/// Whether `bytes` (no byte-order mark) read as UTF-16 text: `Some(true)`
/// little-endian, `Some(false)` big-endian, `None` neither. Nine in ten of
/// the first code units (at least eight) must be printable ASCII, a tab or
/// a line break, with the zero byte on the same side: no binary file, no
/// UTF-8 or single-byte text does that.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096)];
    let units = head.len() / 2;
    if units < 8 {
        return None;
    }
    let text = |b: u8| (0x20..0x7f).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r');
    let (mut le, mut be) = (0, 0);
    for c in head.chunks_exact(2) {
        le += usize::from(c[1] == 0 && text(c[0]));
        be += usize::from(c[0] == 0 && text(c[1]));
    }
    if le * 10 >= units * 9 {
        Some(true)
    } else if be * 10 >= units * 9 {
        Some(false)
    } else {
        None
    }
}

/// `text` in the UTF-16 encoding [`utf16_text`] named (`utf-16le` or
/// `utf-16be`, byte-order mark first; the `-nobom` ones without it).
#[must_use]
pub fn utf16_bytes(text: &str, encoding: &str) -> Vec<u8> {
    let le = little_endian(encoding);
    let bom = bom_len(encoding) > 0;
    let mut out = Vec::with_capacity(2 + text.len() * 2);
    for u in bom.then_some(0xfeff).into_iter().chain(text.encode_utf16()) {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// The largest file [`legacy_text`] transcodes (its text takes up to three
/// times as many bytes).
pub const MAX_WINDOWS_1252: usize = 256 << 20;

/// The legacy encoding an encoding's name (as [`transcoded`] names it)
/// stands for; `None` for UTF-16's names.
fn legacy(encoding: &str) -> Option<&'static encoding_rs::Encoding> {
    if encoding.starts_with("utf-16") {
        return None;
    }
    encoding_rs::Encoding::for_label_no_replacement(encoding.as_bytes())
}

/// Bytes that are letters in Windows-1250 (`ł`, `ą`, `ż`, `Ł`, `Ą`, `Ż`,
/// `ľ`, `Ľ`, `ť`, `Ť`, `ź`) but signs or controls in Windows-1252 (`³`,
/// `¹`, `¿`, `£`, `¥`, `¯`, `¾`, `¼`): found between two letters, they tell
/// a Central European text from a Western one, whose letters beyond ASCII
/// are letters in both.
const CP1250_ONLY_LETTERS: [u8; 11] = [0x8d, 0x8f, 0x9d, 0xa3, 0xa5, 0xaf, 0xb3, 0xb9, 0xbc, 0xbe, 0xbf];

/// Bytes of Czech and Slovak letters in Windows-1250 (`ř`, `ě`, `ů`, `ň`,
/// `ď`, `ĺ`, `ŕ`, `č`) that are other letters in Windows-1252 (`ø`, `ì`,
/// `ù`, `ò`, `ï`, `å`, `à`, `è`): taken as Czech or Slovak where the
/// detector says the text is Central European.
const CP1250_CZECH_LETTERS: [u8; 8] = [0xf8, 0xec, 0xf9, 0xf2, 0xef, 0xe5, 0xe0, 0xe8];

/// Bytes of `š`, `ž`, `Š`, `Ž` in Windows-1257 (Lithuanian, Latvian,
/// Estonian), which Windows-1252 reads as Icelandic letters (`ð`, `þ`,
/// `Ð`, `Þ`).
const CP1257_S_Z: [u8; 4] = [0xf0, 0xfe, 0xd0, 0xde];

/// Bytes of Baltic letters in Windows-1257 that Icelandic, the one
/// language Windows-1252 writes `ð` and `þ` for, never has in Windows-1252
/// (`ė` `ë`, `ū` `û`, `ą` `à`, `č` `è`, `ų` `ø`, `õ`, `ā` `â`, `ē` `ç`,
/// `ī` `î`).
const CP1257_BALTIC_VOWELS: [u8; 9] = [0xeb, 0xfb, 0xe0, 0xe8, 0xf8, 0xf5, 0xe2, 0xe7, 0xee];

/// A text in a legacy encoding, transcoded to UTF-8, and the name of its
/// encoding (the WHATWG Encoding Standard's: `windows-1252`, `Shift_JIS`,
/// ...); `None` for anything else. Its first 64 KiB must not be valid
/// UTF-8, hold no zero byte and few other control bytes (under 1%, as
/// [`crate::sniff`] wants of text), and be mostly invalid where they are
/// beyond ASCII: at most one valid multi-byte UTF-8 character for every
/// two invalid bytes, so that UTF-8 with a few broken bytes stays UTF-8
/// (a Shift_JIS or GBK text's byte pairs are valid UTF-8 now and then).
///
/// Which encoding it is, the detector Firefox uses for unlabelled pages
/// (`chardetng`) tells from the head's letters: Cyrillic in Windows-1251
/// or KOI8-R, Greek, Turkish, Hebrew, Arabic, Baltic or Thai code pages,
/// Japanese in Shift_JIS or EUC-JP, Chinese in GBK or Big5, Korean in
/// EUC-KR. Between the two Latin code pages it guesses most, a byte that is
/// a letter in Windows-1250 and a sign in Windows-1252 between two letters
/// ([`CP1250_ONLY_LETTERS`]: `Wroc\xb3aw`, `D\xb9browski`) makes the text
/// Windows-1250, and Windows-1252 it is otherwise (Czech and Croatian
/// letters that are letters in both are read as Windows-1252's, and written
/// back as the same bytes). Its accented letters (`M\xfcller`,
/// `Stra\xdfe`) are then read as the letters they are.
///
/// `None` for more than [`MAX_WINDOWS_1252`] bytes, so that memory stays
/// bounded: a large file is told by [`transcoded_head`] and read with a
/// [`TextReader`].
#[must_use]
pub fn legacy_text(bytes: &[u8]) -> Option<(String, &'static str)> {
    if bytes.len() > MAX_WINDOWS_1252 {
        return None;
    }
    let head = &bytes[..bytes.len().min(64 << 10)];
    let Err(e) = std::str::from_utf8(head) else {
        return None;
    };
    // A multi-byte character cut at the head's end is no sign of anything
    // (the head is UTF-8 up to it).
    e.error_len()?;
    let control = head.iter().filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b)).count();
    if head.contains(&0) || control * 100 > head.len() {
        return None;
    }
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in head.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if invalid == 0 || valid * 2 > invalid {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, head.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let encoding = if guess == encoding_rs::WINDOWS_1252 || guess == encoding_rs::WINDOWS_1250 {
        let letter = |b: u8| b.is_ascii_alphabetic() || b >= 0xc0;
        let between = |set: &[u8]| {
            head.windows(3)
                .any(|w| letter(w[0]) && set.contains(&w[1]) && letter(w[2]))
        };
        let central =
            between(&CP1250_ONLY_LETTERS) || (guess == encoding_rs::WINDOWS_1250 && between(&CP1250_CZECH_LETTERS));
        if central {
            encoding_rs::WINDOWS_1250
        } else if between(&CP1257_S_Z) && head.iter().any(|b| CP1257_BALTIC_VOWELS.contains(b)) {
            encoding_rs::WINDOWS_1257
        } else {
            encoding_rs::WINDOWS_1252
        }
    } else {
        guess
    };
    let name = encoding.name();
    Some((read_whole(bytes, name), name))
}

/// `text` in a legacy encoding, `?` for a character it does not hold.
fn legacy_bytes(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    legacy_bytes_or(text, encoding, Some(b'?')).unwrap_or_default()
}

/// `text` in a legacy encoding, `instead` for a character it does not hold
/// (`None`: no bytes at all then).
fn legacy_bytes_or(text: &str, encoding: &'static encoding_rs::Encoding, instead: Option<u8>) -> Option<Vec<u8>> {
    let mut encoder = encoding.new_encoder();
    let mut out = Vec::with_capacity(text.len() + 16);
    let mut rest = text;
    loop {
        let room = encoder
            .max_buffer_length_from_utf8_without_replacement(rest.len())
            .unwrap_or(rest.len().saturating_mul(2));
        out.reserve(room + 16);
        let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(rest, &mut out, true);
        rest = &rest[read..];
        match result {
            encoding_rs::EncoderResult::InputEmpty => return Some(out),
            encoding_rs::EncoderResult::OutputFull => {}
            encoding_rs::EncoderResult::Unmappable(_) => out.push(instead?),
        }
    }
}

/// `text` in `encoding` (as [`transcoded`] names it) if the encoding holds
/// every character of it: `None` where a character would be lost (a
/// malformed sequence read as U+FFFD, or a character Big5 or GBK decode but
/// do not encode).
#[must_use]
pub fn encoded_exactly(text: &str, encoding: &str) -> Option<Vec<u8>> {
    match legacy(encoding) {
        Some(legacy) => legacy_bytes_or(text, legacy, None),
        None => Some(utf16_bytes(text, encoding)),
    }
}

/// A reader of text in one of this module's encodings (named as
/// [`transcoded`] names them: a compressed export's decoded stream) that
/// hands out its UTF-8 transcoding, a buffer at a time. UTF-16 is read
/// from after its byte-order mark; a pair of surrogates split between two
/// reads stays a pair, an unpaired one is U+FFFD, and an odd last byte is
/// dropped, as [`utf16_text`] has them.
pub struct TextReader<R> {
    inner: R,
    encoding: &'static str,
    /// A legacy encoding's decoder (it keeps a character split between two
    /// reads).
    decoder: Option<encoding_rs::Decoder>,
    /// UTF-16: the first byte of a unit whose second is not read yet, and a
    /// high surrogate waiting for its low one.
    odd: Option<u8>,
    high: Option<u16>,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: std::io::Read> TextReader<R> {
    /// Reads `inner` in `encoding`.
    pub fn new(inner: R, encoding: &'static str) -> Self {
        Self {
            inner,
            encoding,
            decoder: legacy(encoding).map(encoding_rs::Encoding::new_decoder_without_bom_handling),
            odd: None,
            high: None,
            out: Vec::new(),
            at: 0,
            done: false,
        }
    }

    fn push(&mut self, c: char) {
        let mut utf8 = [0u8; 4];
        self.out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }

    /// One UTF-16 code unit.
    fn unit(&mut self, u: u16) {
        if let Some(h) = self.high.take() {
            if (0xdc00..0xe000).contains(&u) {
                let c = 0x10000 + ((u32::from(h) - 0xd800) << 10) + (u32::from(u) - 0xdc00);
                self.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                return;
            }
            self.push('\u{fffd}');
        }
        match u {
            0xd800..=0xdbff => self.high = Some(u),
            0xdc00..=0xdfff => self.push('\u{fffd}'),
            _ => self.push(char::from_u32(u32::from(u)).unwrap_or('\u{fffd}')),
        }
    }
}

impl<R: std::io::Read> std::io::Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() && !self.done {
            let mut raw = [0u8; 64 << 10];
            let n = self.inner.read(&mut raw)?;
            self.out.clear();
            self.at = 0;
            if let Some(decoder) = &mut self.decoder {
                let last = n == 0;
                let room = decoder.max_utf8_buffer_length(n).unwrap_or(n.saturating_mul(3));
                let mut text = String::with_capacity(room + 16);
                // With room for the worst case, all of the input is read.
                let _ = decoder.decode_to_string(&raw[..n], &mut text, last);
                self.out = text.into_bytes();
                self.done = last;
                continue;
            }
            let le = little_endian(self.encoding);
            let pair = |a: u8, b: u8| {
                if le {
                    u16::from_le_bytes([a, b])
                } else {
                    u16::from_be_bytes([a, b])
                }
            };
            let mut bytes = &raw[..n];
            if let (Some(first), Some((&b, rest))) = (self.odd, bytes.split_first()) {
                self.odd = None;
                self.unit(pair(first, b));
                bytes = rest;
            }
            let mut units = bytes.chunks_exact(2);
            for c in &mut units {
                let u = pair(c[0], c[1]);
                // ASCII, most of the text, is copied as it is.
                match u8::try_from(u) {
                    Ok(b) if b < 0x80 && self.high.is_none() => self.out.push(b),
                    _ => self.unit(u),
                }
            }
            if let [b] = units.remainder() {
                self.odd = Some(*b);
            }
            if n == 0 {
                if self.high.take().is_some() {
                    self.push('\u{fffd}');
                }
                self.done = true;
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// How many bytes at the end of `b` start a UTF-8 character they do not
/// finish.
fn incomplete_tail(b: &[u8]) -> usize {
    for k in 1..=b.len().min(3) {
        let lead = b[b.len() - k];
        if lead & 0xC0 == 0x80 {
            continue;
        }
        let need = match lead {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if need > k { k } else { 0 };
    }
    0
}

/// A writer that takes UTF-8 text (redaction's output) and writes it to
/// `inner` in one of this module's encodings ([`encoded`]; a UTF-16 one
/// with a byte-order mark starts with it); a character split between two
/// writes is kept until its end arrives. Call [`TextWriter::finish`] at
/// the end.
pub struct TextWriter<W: std::io::Write> {
    inner: W,
    encoding: &'static str,
    carry: Vec<u8>,
    started: bool,
}

impl<W: std::io::Write> TextWriter<W> {
    /// Writes to `inner` in `encoding`.
    pub fn new(inner: W, encoding: &'static str) -> Self {
        Self {
            inner,
            encoding,
            carry: Vec::new(),
            started: false,
        }
    }

    /// `text` in the encoding, the byte-order mark first if this is the
    /// first text written. A character the encoding cannot hold (the input
    /// read as U+FFFD where it was malformed, a character Big5 decodes but
    /// does not encode) fails the write: a copy written with `?` in its
    /// place would lose what the input held.
    fn write_text(&mut self, text: &str) -> std::io::Result<()> {
        let Some(mut bytes) = encoded_exactly(text, self.encoding) else {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the text holds a character {} cannot hold (a malformed byte sequence, or one it reads but does not write), so it is not written back: a copy would lose it. Convert the file to UTF-8 (`iconv -f {} -t UTF-8`) and redact that",
                    self.encoding, self.encoding
                ),
            ));
        };
        if self.started {
            bytes.drain(..bom_len(self.encoding));
        }
        self.started = true;
        self.inner.write_all(&bytes)
    }

    /// Writes what is left (an unfinished character as U+FFFD, `?` in a
    /// single-byte code page) and flushes.
    ///
    /// # Errors
    /// The inner writer's.
    pub fn finish(mut self) -> std::io::Result<()> {
        let rest = String::from_utf8_lossy(&std::mem::take(&mut self.carry)).into_owned();
        if !rest.is_empty() || !self.started {
            self.write_text(&rest)?;
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> std::io::Write for TextWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.carry.extend_from_slice(buf);
        let done = self.carry.len() - incomplete_tail(&self.carry);
        if done > 0 {
            let text = String::from_utf8_lossy(&self.carry[..done]).into_owned();
            self.write_text(&text)?;
            self.carry.drain(..done);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// `text` in Windows-1252 ([`legacy_bytes`]).
#[must_use]
pub fn windows1252_bytes(text: &str) -> Vec<u8> {
    legacy_bytes(text, encoding_rs::WINDOWS_1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOWS_1252: &str = "windows-1252";
    const WINDOWS_1250: &str = "windows-1250";

    proptest::proptest! {
        /// Any bytes: no panic, and what is read back writes the same text.
        #[test]
        fn utf16_streams_read_and_write_as_whole_text(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
            text in "[a-z\u{e9}\u{4e2d}\u{1f600} ,\n]{0,40}",
            cut in 1usize..7,
            enc in proptest::sample::select(vec!["utf-16le", "utf-16be", "utf-16le-nobom", "utf-16be-nobom"]),
        ) {
            // Any bytes read as the whole-text decoder reads them (after a
            // byte-order mark: the stream starts after it).
            let le = !enc.starts_with("utf-16be");
            let units = bytes.chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
            let want: String = char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect();
            let mut read = String::new();
            std::io::Read::read_to_string(&mut TextReader::new(&bytes[..], enc), &mut read).unwrap();
            proptest::prop_assert_eq!(&read, &want);
            // Also when the bytes come a few at a time (a unit or a
            // surrogate pair split between reads).
            let mut read = String::new();
            std::io::Read::read_to_string(&mut TextReader::new(Trickle(&bytes[..], cut), enc), &mut read).unwrap();
            proptest::prop_assert_eq!(read, want);
            // Text written in pieces cut anywhere is the whole text encoded.
            let mut out = Vec::new();
            let mut w = TextWriter::new(&mut out, enc);
            for piece in text.as_bytes().chunks(cut) {
                std::io::Write::write_all(&mut w, piece).unwrap();
            }
            w.finish().unwrap();
            proptest::prop_assert_eq!(out, utf16_bytes(&text, enc));
        }

        #[test]
        fn utf16_text_takes_any_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300), le in proptest::bool::ANY) {
            let _ = utf16_text(&bytes);
            let ascii: String = bytes.iter().map(|&b| char::from(b'a' + b % 26)).collect();
            let enc = if le { "utf-16le-nobom" } else { "utf-16be-nobom" };
            let written = utf16_bytes(&ascii, enc);
            if ascii.len() >= 8 {
                proptest::prop_assert_eq!(utf16_text(&written), Some((ascii, enc)));
            }
        }
    }

    #[test]
    fn utf16_text_round_trips() {
        let text = "name,email\r\nJosé,jose@example.com\r\n😀\r\n";
        for enc in ["utf-16le", "utf-16be"] {
            let bytes = utf16_bytes(text, enc);
            assert_eq!(utf16_text(&bytes), Some((text.to_owned(), enc)));
        }
        assert_eq!(utf16_text(b"name,email\n"), None);
        // Without a byte-order mark too, written back without one.
        for enc in ["utf-16le-nobom", "utf-16be-nobom"] {
            let bytes = utf16_bytes(text, enc);
            assert_eq!(bytes.len(), text.encode_utf16().count() * 2);
            assert_eq!(utf16_text(&bytes), Some((text.to_owned(), enc)));
        }
        // Binary data and short or single-byte text are none.
        assert_eq!(utf16_text(&[0u8; 4096]), None);
        assert_eq!(utf16_text(&(0..=255u8).cycle().take(4096).collect::<Vec<_>>()), None);
        assert_eq!(utf16_text(b"a\0b\0"), None);
        assert_eq!(
            utf16_text("name,email\nJosé,j@example.com\n".repeat(20).as_bytes()),
            None
        );
        // An odd trailing byte is dropped; an unpaired surrogate is U+FFFD.
        assert_eq!(utf16_text(b"\xff\xfea\x00\x00\xd8b\x00c").unwrap().0, "a\u{fffd}b");
    }

    /// A reader that hands out at most `.1` bytes at a time.
    struct Trickle<'a>(&'a [u8], usize);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.1).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn windows1252_text_reads_legacy_exports_and_leaves_utf8() {
        let text = "name,email,city,note\nJ\u{fc}rgen M\u{fc}ller,jm@example.com,K\u{f6}ln,\u{20ac}5 \u{201c}ok\u{201d} Stra\u{df}e\n";
        let bytes = windows1252_bytes(text);
        assert_eq!(bytes.len(), text.chars().count());
        assert_eq!(legacy_text(&bytes), Some((text.to_owned(), WINDOWS_1252)));
        assert_eq!(transcoded(&bytes), Some((text.to_owned(), WINDOWS_1252)));
        assert_eq!(encoded(text, WINDOWS_1252), bytes);
        // UTF-8, also with a broken byte among many valid characters, is
        // none; so are binary data and plain ASCII.
        assert_eq!(legacy_text(text.as_bytes()), None);
        let mut broken = text.repeat(4).into_bytes();
        broken[3] = 0xff;
        assert_eq!(legacy_text(&broken), None);
        assert_eq!(legacy_text(b"name,email\n"), None);
        assert_eq!(legacy_text(&(0..=255u8).cycle().take(4096).collect::<Vec<_>>()), None);
        assert_eq!(legacy_text(b"caf\xe9\x00"), None);
        // A character cut at the end of the first 64 KiB is no sign.
        let mut long = "a".repeat((64 << 10) - 1).into_bytes();
        long.extend_from_slice("\u{e9}".as_bytes());
        assert!(legacy_text(&long).is_none());
        // The whole file is transcoded, past the head.
        let mut tail = "x".repeat(70 << 10).into_bytes();
        tail[0] = 0xe9;
        tail.push(0x80);
        let (t, _) = legacy_text(&tail).unwrap();
        assert!(t.starts_with('\u{e9}') && t.ends_with('\u{20ac}'));
    }

    #[test]
    fn windows1250_text_reads_central_european_exports() {
        let text = "imi\u{119},nazwisko,miasto,ulica\nStanis\u{142}aw,D\u{105}browski,Wroc\u{142}aw,ul. Z\u{142}ota 5\nMa\u{142}gorzata,Wi\u{15b}niewska,\u{141}\u{f3}d\u{17a},Pi\u{119}kna 7\n";
        let bytes = legacy_bytes(text, encoding_rs::WINDOWS_1250);
        assert_eq!(bytes.len(), text.chars().count());
        assert_eq!(transcoded(&bytes), Some((text.to_owned(), WINDOWS_1250)));
        assert_eq!(encoded(text, WINDOWS_1250), bytes);
        // Czech, whose letters are letters in Windows-1252 too, and the
        // Baltic languages in Windows-1257.
        let czech = "\u{10c}\u{ed}slo \u{fa}\u{10d}tu;N\u{e1}zev proti\u{fa}\u{10d}tu;Zpr\u{e1}va pro p\u{159}\u{ed}jemce\nEva Proch\u{e1}zkov\u{e1};\u{159}\u{ed}jen;p\u{159}\u{ed}jmen\u{ed} \u{16f}\u{10d}et\n";
        let bytes = legacy_bytes(czech, encoding_rs::WINDOWS_1250);
        assert_eq!(transcoded(&bytes), Some((czech.to_owned(), WINDOWS_1250)));
        let baltic = "Vardas;Pavard\u{117};El. pa\u{161}tas;S\u{105}skaita\nR\u{16b}ta;Stankevi\u{10d}ien\u{117};ruta@inbox.lt;\u{160}iauli\u{173} g. 5\nMaarja;Kukk;maarja@hot.ee;P\u{e4}rnu mnt 116, V\u{f5}ru\n";
        let bytes = legacy_bytes(baltic, encoding_rs::WINDOWS_1257);
        assert_eq!(transcoded(&bytes), Some((baltic.to_owned(), "windows-1257")));
        // Icelandic stays Windows-1252.
        let icelandic = "Nafn;Heimilisfang\nJ\u{f3}n \u{de}\u{f3}r\u{f0}arson;Brei\u{f0}holt 5, Reykjav\u{ed}k\n\u{de}\u{f3}ra Gu\u{f0}mundsd\u{f3}ttir;\u{c6}gis\u{ed}\u{f0}a 3\n";
        let bytes = windows1252_bytes(icelandic);
        assert_eq!(transcoded(&bytes), Some((icelandic.to_owned(), WINDOWS_1252)));
        // Western text stays Windows-1252, `m³` and `¿Qué?` too.
        let west = "ciudad,nota\nM\u{e1}laga,\u{bf}Qu\u{e9}? 10 m\u{b3} \u{a3}5 Stra\u{df}e c\u{153}ur\n";
        let bytes = windows1252_bytes(west);
        assert_eq!(transcoded(&bytes), Some((west.to_owned(), WINDOWS_1252)));
    }

    #[test]
    fn legacy_text_tells_cyrillic_japanese_chinese_and_korean_exports() {
        let cases = [
            (
                "ИНН;Наименование;Контактное лицо;Телефон;Адрес\n7707083893;ООО \"Альфа\";Никитина Ольга Петровна;+7 495 123-45-67;г. Москва, ул. Тверская, д. 7\n",
                "windows-1251",
            ),
            (
                "顧客ID,氏名,フリガナ,電話番号,住所\nC282590,村上 敦史,ムラカミ アツシ,090-1234-5678,静岡県浜松市中区元城町103番地の2\n",
                "Shift_JIS",
            ),
            (
                "客户编号,姓名,手机号码,地址\n10086,王小明,13812345678,北京市朝阳区建国路88号现代城5号楼\n",
                "GBK",
            ),
            (
                "고객번호,이름,전화번호,주소\n1001,김민준,010-1234-5678,서울특별시 강남구 테헤란로 152 강남파이낸스센터\n",
                "EUC-KR",
            ),
        ];
        for (text, name) in cases {
            let text = text.repeat(3);
            let bytes = legacy_bytes(&text, legacy(name).unwrap());
            assert_eq!(legacy_text(&bytes), Some((text.clone(), name)), "{name}");
            assert_eq!(encoded(&text, name), bytes);
            // Streamed a few bytes at a time (a character split between
            // reads), and written back in pieces cut anywhere.
            for cut in [1, 2, 3, 7] {
                let mut read = String::new();
                std::io::Read::read_to_string(&mut TextReader::new(Trickle(&bytes, cut), name), &mut read).unwrap();
                assert_eq!(read, text, "{name}");
                let mut out = Vec::new();
                let mut w = TextWriter::new(&mut out, name);
                for piece in text.as_bytes().chunks(cut) {
                    std::io::Write::write_all(&mut w, piece).unwrap();
                }
                w.finish().unwrap();
                assert_eq!(out, bytes, "{name}");
            }
        }
        // A character the encoding lacks is written as `?` by `encoded`; a
        // writer fails instead, so that no copy loses it.
        assert_eq!(encoded("a€b😀", "Shift_JIS"), b"a?b?");
        assert_eq!(encoded_exactly("a€b", "Shift_JIS"), None);
        let mut out = Vec::new();
        let mut w = TextWriter::new(&mut out, "Shift_JIS");
        assert!(std::io::Write::write_all(&mut w, "a\u{fffd}b".as_bytes()).is_err());
        // Big5 reads Hong Kong's supplementary characters it does not write.
        let (hk, _, _) = encoding_rs::BIG5.decode(b"\x87\x40");
        assert_eq!(encoded_exactly(&hk, "Big5"), None, "{hk}");
    }

    proptest::proptest! {
        /// Any bytes: no panic; a text of a code page's characters writes
        /// and reads back the same.
        #[test]
        fn single_byte_code_pages_round_trip(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
            cut in 0usize..7,
            name in proptest::sample::select(vec![WINDOWS_1252, WINDOWS_1250, "windows-1251"]),
        ) {
            let _ = legacy_text(&bytes);
            let (text, _) = legacy(name).unwrap().decode_without_bom_handling(&bytes);
            let text = text.into_owned();
            proptest::prop_assert_eq!(encoded(&text, name), bytes.clone());
            // Streamed: read a buffer at a time, written back in pieces cut
            // anywhere (inside a character too).
            let mut read = String::new();
            std::io::Read::read_to_string(&mut TextReader::new(Trickle(&bytes[..], cut.max(1)), name), &mut read).unwrap();
            proptest::prop_assert_eq!(&read, &text);
            let mut out = Vec::new();
            let mut w = TextWriter::new(&mut out, name);
            for piece in text.as_bytes().chunks(cut.max(1)) {
                std::io::Write::write_all(&mut w, piece).unwrap();
            }
            w.finish().unwrap();
            proptest::prop_assert_eq!(out, bytes);
        }

        /// Any bytes in a multi-byte encoding: read whole or streamed a few
        /// bytes at a time, the same text.
        #[test]
        fn multi_byte_streams_read_as_whole_text(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
            cut in 1usize..7,
            name in proptest::sample::select(vec!["Shift_JIS", "GBK", "EUC-KR", "Big5", "EUC-JP"]),
        ) {
            let _ = legacy_text(&bytes);
            let (want, _) = legacy(name).unwrap().decode_without_bom_handling(&bytes);
            let mut read = String::new();
            std::io::Read::read_to_string(&mut TextReader::new(Trickle(&bytes[..], cut), name), &mut read).unwrap();
            proptest::prop_assert_eq!(read, want.into_owned());
        }
    }
}
