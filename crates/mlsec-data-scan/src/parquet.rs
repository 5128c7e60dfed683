//! Parquet: decode row groups on all cores into CSV text (a header of
//! column paths, one record per row) that the delimited-text scanner reads
//! (struct fields become `parent.child` columns), so Parquet values get the same detectors, column summaries and row
//! numbers as CSV. Nested values (lists, maps, structs) are written as JSON
//! (`{"a": 1, "b": ["x"]}`), which the scan reads under their paths.
//!
//! [`csv_rows`] reads the text a batch of row groups at a time (one group
//! per core), so only that batch's text is held; a group's text is bounded
//! by a byte budget. Past it, or at a corrupt or truncated part, the result
//! is partial and says why. (The file itself is read whole: its footer is
//! at the end.)

use bytes::Bytes;
use parquet::basic::{ConvertedType, LogicalType};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use parquet::schema::types::Type;
use rayon::prelude::*;

/// What [`to_csv`] produced.
#[derive(Debug, Default)]
pub struct Decoded {
    /// CSV: header of column names, then one record per row.
    pub csv: Vec<u8>,
    /// Rows decoded.
    pub rows: u64,
    /// Why decoding stopped early, if it did.
    pub partial: Option<String>,
}

/// Whether `head` starts like a Parquet file.
#[must_use]
pub fn is_parquet(head: &[u8]) -> bool {
    head.starts_with(b"PAR1")
}

pub(crate) fn push_csv_field(out: &mut Vec<u8>, v: &str) {
    if v.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in v.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(v.as_bytes());
    }
}

/// A column of the CSV view: a leaf, or a struct whose fields become
/// `parent.child` columns (lists and maps stay one column).
enum Col {
    Leaf,
    Struct(Vec<Col>),
}

fn is_struct(t: &Type) -> bool {
    if !t.is_group() {
        return false;
    }
    let info = t.get_basic_info();
    let list_or_map = matches!(info.logical_type_ref(), Some(LogicalType::List | LogicalType::Map))
        || matches!(
            info.converted_type(),
            ConvertedType::LIST | ConvertedType::MAP | ConvertedType::MAP_KEY_VALUE
        );
    !list_or_map
}

fn columns(t: &Type, prefix: &str, names: &mut Vec<String>, depth: u32) -> Col {
    let name = if prefix.is_empty() {
        t.name().to_owned()
    } else {
        format!("{prefix}.{}", t.name())
    };
    if is_struct(t) && depth < 16 {
        Col::Struct(
            t.get_fields()
                .iter()
                .map(|c| columns(c, &name, names, depth + 1))
                .collect(),
        )
    } else {
        names.push(name);
        Col::Leaf
    }
}

fn leaves(c: &Col) -> usize {
    match c {
        Col::Leaf => 1,
        Col::Struct(cs) => cs.iter().map(leaves).sum(),
    }
}

/// Write one value (a leaf, or a struct spread over its columns).
fn write_value(out: &mut Vec<u8>, col: &Col, f: Option<&Field>, first: &mut bool) {
    match (col, f) {
        (Col::Struct(cols), Some(Field::Group(row))) => {
            let fields: Vec<&Field> = row.get_column_iter().map(|(_, v)| v).collect();
            for (i, c) in cols.iter().enumerate() {
                write_value(out, c, fields.get(i).copied(), first);
            }
        }
        (Col::Struct(cols), _) => {
            for _ in 0..cols.iter().map(leaves).sum::<usize>() {
                if !std::mem::take(first) {
                    out.push(b',');
                }
            }
        }
        (Col::Leaf, f) => {
            if !std::mem::take(first) {
                out.push(b',');
            }
            if let Some(f) = f {
                push_csv_field(out, &field_text(f));
            }
        }
    }
}

/// A value as text, as `mlsec scan` reads Parquet. Dates, timestamps and
/// decimals are written here, in the decoder's own format, for every value
/// a file may hold: the decoder's `Display` panics on a date its calendar
/// library cannot represent (day 2^31 - 1 is a valid `DATE`) and on a
/// decimal whose scale equals its precision (`DECIMAL(2,2)`, valid and
/// written by pyarrow), which would leave the whole row group unread.
pub(crate) fn field_text(f: &Field) -> String {
    match f {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => String::from_utf8_lossy(b.data()).into_owned(),
        Field::Date(d) => date_text(i64::from(*d)),
        Field::TimestampMillis(v) => timestamp_text(*v, 1000, 3),
        Field::TimestampMicros(v) => timestamp_text(*v, 1_000_000, 6),
        Field::Decimal(d) => decimal_text(d),
        Field::Group(_) | Field::ListInternal(_) | Field::MapInternal(_) => {
            let mut out = String::new();
            nested_text(f, &mut out);
            out
        }
        other => other.to_string(),
    }
}

/// A value inside a list, map or struct written as JSON (`["a",
/// "2023-01-02"]`, `{"name": "x"}`; a map's key as a string), with this
/// module's dates, timestamps and decimals as strings: the scan reads the
/// JSON in a cell under its paths (`addresses[0].line1`).
fn nested_text(f: &Field, out: &mut String) {
    use std::fmt::Write as _;
    fn joined(out: &mut String, n: usize, mut item: impl FnMut(usize, &mut String)) {
        for i in 0..n {
            if i > 0 {
                out.push_str(", ");
            }
            item(i, out);
        }
    }
    fn string(out: &mut String, s: &str) {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    }
    match f {
        Field::Null => out.push_str("null"),
        Field::Str(s) => string(out, s),
        Field::Bytes(b) => {
            let _ = write!(out, "{:?}", b.data());
        }
        Field::Date(_) | Field::TimestampMillis(_) | Field::TimestampMicros(_) | Field::Decimal(_) => {
            string(out, &field_text(f));
        }
        Field::Group(row) => {
            let fields: Vec<(&String, &Field)> = row.get_column_iter().collect();
            out.push('{');
            joined(out, fields.len(), |i, out| {
                string(out, fields[i].0);
                out.push_str(": ");
                nested_text(fields[i].1, out);
            });
            out.push('}');
        }
        Field::ListInternal(list) => {
            let e = list.elements();
            out.push('[');
            joined(out, e.len(), |i, out| nested_text(&e[i], out));
            out.push(']');
        }
        Field::MapInternal(map) => {
            let e = map.entries();
            out.push('{');
            joined(out, e.len(), |i, out| {
                match &e[i].0 {
                    Field::Str(k) => string(out, k),
                    k => string(out, &field_text(k)),
                }
                out.push_str(": ");
                nested_text(&e[i].1, out);
            });
            out.push('}');
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// A decimal's unscaled value with its point placed by the scale, as the
/// decoder writes it (`0.25`, `-0.07`, `123.45`, `12345.` at scale 0).
fn decimal_text(d: &parquet::data_type::Decimal) -> String {
    let b = d.data();
    let scale = d.scale();
    let digits = match b.len() {
        0 => "0".to_owned(),
        1..=16 => {
            let mut buf = [if b[0] & 0x80 != 0 { 0xFF } else { 0 }; 16];
            buf[16 - b.len()..].copy_from_slice(b);
            i128::from_be_bytes(buf).to_string()
        }
        // Wider than any precision an i128 holds: the decoder's own text,
        // where its check holds, else the bytes.
        _ if scale >= 0 && d.precision() > scale => return Field::Decimal(d.clone()).to_string(),
        _ => return b.iter().map(|x| format!("{x:02x}")).collect(),
    };
    let (sign, mag) = match digits.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", digits.as_str()),
    };
    // A negative or absurd scale (no valid file has one): the unscaled
    // value and its exponent, not a string of that many zeros.
    let Ok(scale) = usize::try_from(scale) else {
        return format!("{digits}e{}", -i64::from(scale));
    };
    if scale > 76 {
        return format!("{digits}e-{scale}");
    }
    match mag.len().checked_sub(scale).filter(|&p| p > 0) {
        Some(point) => format!("{sign}{}.{}", &mag[..point], &mag[point..]),
        None => format!("{sign}0.{}{mag}", "0".repeat(scale - mag.len())),
    }
}

/// `%Y-%m-%d`: four digits, or a sign and more outside years 0 to 9999.
fn date_text(days: i64) -> String {
    let (y, m, d) = mlsec_diagnostics::time::civil_from_days(days);
    let year = if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else if y < 0 {
        format!("-{:04}", y.unsigned_abs())
    } else {
        format!("+{y}")
    };
    format!("{year}-{m:02}-{d:02}")
}

/// `%Y-%m-%d %H:%M:%S%.nf +00:00` of `value` in units of `1/per_sec` s.
fn timestamp_text(value: i64, per_sec: i64, digits: usize) -> String {
    let (secs, frac) = (value.div_euclid(per_sec), value.rem_euclid(per_sec));
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{} {:02}:{:02}:{:02}.{frac:0digits$} +00:00",
        date_text(days),
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
}

/// The whole CSV view of a Parquet file at once, its text bounded by
/// `budget` bytes in all (the groups share it): [`csv_rows`] read to the end.
/// Takes a copy of `data`; [`csv_rows`] reads a shared buffer in place.
#[must_use]
pub fn to_csv(data: &[u8], budget: usize) -> Decoded {
    csv_rows(Bytes::copy_from_slice(data), budget, false).read_all()
}

/// A Parquet file's CSV view as a reader: the header of column paths,
/// then one record per row, decoded a batch of row groups at a time on all
/// cores. Each group's text is bounded by `budget` bytes shared among the
/// cores when `streamed` (memory then holds one batch), or among all the
/// groups otherwise. Reading never fails: decoding stops at the first
/// error, which [`CsvRows::partial`] then gives.
///
/// The decoder is a third-party crate fed hostile bytes: should it panic,
/// the panic is caught and the result is partial, never a crash of the scan.
#[must_use]
/// `data` is the file, shared, not copied (a mapped file stays in the page
/// cache): memory holds the metadata, the column chunks being decoded and
/// one batch of text.
pub fn csv_rows(data: Bytes, budget: usize, streamed: bool) -> CsvRows {
    caught(|| open_rows(data, budget, streamed)).unwrap_or_else(|_| {
        let mut out = CsvRows::empty();
        out.partial = Some("the parquet decoder failed on corrupt data; nothing was scanned".to_owned());
        out
    })
}

thread_local! {
    /// Whether this thread is inside [`caught`].
    static DECODING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `f` (a call into the decoder) with its panic caught, and kept quiet: the
/// process's panic hook, which would print a panic's message and backtrace
/// as if the program had crashed, is skipped for a panic on this thread
/// while `f` runs (a hook that defers to the one before it, installed
/// once). The caller reports the file as unreadable.
pub(crate) fn caught<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !DECODING.with(std::cell::Cell::get) {
                before(info);
            }
        }));
    });
    let was = DECODING.with(|d| d.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    DECODING.with(|d| d.set(was));
    result
}

fn open_rows(data: Bytes, budget: usize, streamed: bool) -> CsvRows {
    let mut out = CsvRows::empty();
    if !footer_is_sane(&data) {
        out.partial = Some("unreadable parquet file: truncated or corrupt footer".to_owned());
        return out;
    }
    let reader = match SerializedFileReader::new(data) {
        Ok(r) => r,
        Err(e) => {
            out.partial = Some(format!("unreadable parquet file (truncated or corrupt footer): {e}"));
            return out;
        }
    };
    let meta = reader.metadata();
    let mut names = Vec::new();
    out.cols = meta
        .file_metadata()
        .schema_descr()
        .root_schema()
        .get_fields()
        .iter()
        .map(|f| columns(f, "", &mut names, 0))
        .collect();
    for (i, c) in names.iter().enumerate() {
        if i > 0 {
            out.buf.push(b',');
        }
        push_csv_field(&mut out.buf, c);
    }
    out.buf.push(b'\n');
    out.groups = meta.num_row_groups();
    out.per_group_budget = if streamed {
        budget / rayon::current_num_threads().max(1)
    } else {
        budget / out.groups.max(1) + 1
    };
    out.reader = Some(reader);
    out
}

/// See [`csv_rows`].
pub struct CsvRows {
    reader: Option<SerializedFileReader<Bytes>>,
    cols: Vec<Col>,
    /// The next row group to decode.
    next: usize,
    groups: usize,
    per_group_budget: usize,
    /// Decoded text, read up to `pos`.
    buf: Vec<u8>,
    pos: usize,
    rows: u64,
    partial: Option<String>,
}

impl CsvRows {
    fn empty() -> Self {
        Self {
            reader: None,
            cols: Vec::new(),
            next: 0,
            groups: 0,
            per_group_budget: 0,
            buf: Vec::new(),
            pos: 0,
            rows: 0,
            partial: None,
        }
    }

    /// Rows decoded so far.
    #[must_use]
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Why decoding stopped early, if it did.
    #[must_use]
    pub fn partial(&self) -> Option<&str> {
        self.partial.as_deref()
    }

    /// Everything, read to the end.
    #[must_use]
    pub fn read_all(mut self) -> Decoded {
        let mut csv = Vec::new();
        // `CsvRows::read` never fails.
        let _ = std::io::Read::read_to_end(&mut self, &mut csv);
        Decoded {
            csv,
            rows: self.rows,
            partial: self.partial,
        }
    }

    /// Decode the next batch of row groups (one per core) into `buf`.
    fn refill(&mut self) {
        let Some(reader) = &self.reader else { return };
        let end = (self.next + rayon::current_num_threads().max(1)).min(self.groups);
        let (cols, budget) = (&self.cols, self.per_group_budget);
        let decoded: Vec<(Vec<u8>, u64, Option<String>)> = (self.next..end)
            .into_par_iter()
            .map(|g| {
                caught(|| decode_group(reader, cols, g, budget)).unwrap_or_else(|_| {
                    let why = format!("row group {g}: the parquet decoder failed on corrupt data");
                    (Vec::new(), 0, Some(why))
                })
            })
            .collect();
        self.next = end;
        self.buf.clear();
        self.pos = 0;
        for (text, rows, err) in decoded {
            self.buf.extend_from_slice(&text);
            self.rows += rows;
            if let Some(e) = err {
                self.partial.get_or_insert(e);
                // Rows after a broken group would be numbered wrongly: stop here.
                self.next = self.groups;
                break;
            }
        }
    }
}

impl std::io::Read for CsvRows {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.buf.len() {
            if self.next >= self.groups {
                return Ok(0);
            }
            self.refill();
        }
        let n = (self.buf.len() - self.pos).min(out.len());
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// One row group's rows as CSV text, at most about `budget` bytes: the
/// text, the rows, and why it stopped early.
fn decode_group(
    reader: &SerializedFileReader<Bytes>,
    cols: &[Col],
    g: usize,
    budget: usize,
) -> (Vec<u8>, u64, Option<String>) {
    let mut text = Vec::new();
    let mut rows = 0u64;
    let group = match reader.get_row_group(g) {
        Ok(r) => r,
        Err(e) => return (text, 0, Some(format!("row group {g}: {e}"))),
    };
    let iter = match group.get_row_iter(None) {
        Ok(it) => it,
        Err(e) => return (text, 0, Some(format!("row group {g}: {e}"))),
    };
    for row in iter {
        let row = match row {
            Ok(r) => r,
            Err(e) => return (text, rows, Some(format!("row group {g}, row {rows}: {e}"))),
        };
        let fields: Vec<&Field> = row.get_column_iter().map(|(_, v)| v).collect();
        let mut first = true;
        for (i, c) in cols.iter().enumerate() {
            write_value(&mut text, c, fields.get(i).copied(), &mut first);
        }
        text.push(b'\n');
        rows += 1;
        if text.len() > budget {
            let why = format!("row group {g} decodes to more than {budget} bytes of text; the rest was not read");
            return (text, rows, Some(why));
        }
    }
    (text, rows, None)
}

/// Walk the footer's Thrift (compact protocol) before the decoder sees it:
/// every list, map and string must fit in the bytes that remain and nesting
/// must stay shallow. The decoder sizes vectors from these counts, so a
/// crafted count would otherwise make it allocate tens of gigabytes (found
/// by the `parquet_file` fuzz target).
///
/// The decoder reads a field by its id, whatever type the bytes declare
/// (a list header read where the writer declared a string), so the fields
/// that hold lists, and the structs on the way to them, are checked to
/// declare the type the decoder will read (see [`field_shape`]).
pub(crate) fn footer_is_sane(data: &[u8]) -> bool {
    if data.len() < 12 || &data[data.len() - 4..] != b"PAR1" {
        return false;
    }
    let n = data.len();
    let meta_len = u32::from_le_bytes([data[n - 8], data[n - 7], data[n - 6], data[n - 5]]) as usize;
    if meta_len > n - 8 {
        return false;
    }
    let mut r = Thrift {
        d: &data[n - 8 - meta_len..n - 8],
        pos: 0,
    };
    r.value(STRUCT, Shape::FileMetaData, 0).is_some()
}

const LIST: u8 = 9;
const STRUCT: u8 = 12;

/// The structs of the Parquet footer that hold lists, directly or below.
/// Others are walked by the types their bytes declare.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Any,
    FileMetaData,
    RowGroup,
    ColumnChunk,
    ColumnMetaData,
    SizeStatistics,
    GeospatialStatistics,
    ColumnCryptoMetaData,
    EncryptionWithColumnKey,
}

/// What field `id` of `shape` must declare (parquet.thrift): its compact
/// type, the element type of a list, and the shape of a struct or of a
/// list's struct elements. `None` for fields read by their declared type.
fn field_shape(shape: Shape, id: i16) -> Option<(u8, u8, Shape)> {
    const I16: u8 = 4;
    const I32: u8 = 5;
    const I64: u8 = 6;
    const BIN: u8 = 8;
    let plain = |t: u8| Some((t, 0, Shape::Any));
    let list = |e: u8, s: Shape| Some((LIST, e, s));
    let strukt = |s: Shape| Some((STRUCT, 0, s));
    match (shape, id) {
        (Shape::FileMetaData, 1) => plain(I32),
        (Shape::FileMetaData, 2 | 5 | 7) => list(STRUCT, Shape::Any),
        (Shape::FileMetaData, 3) => plain(I64),
        (Shape::FileMetaData, 4) => list(STRUCT, Shape::RowGroup),
        (Shape::FileMetaData, 6 | 9) => plain(BIN),
        (Shape::FileMetaData, 8) => strukt(Shape::Any),
        (Shape::RowGroup, 1) => list(STRUCT, Shape::ColumnChunk),
        (Shape::RowGroup, 2 | 3 | 5 | 6) => plain(I64),
        (Shape::RowGroup, 4) => list(STRUCT, Shape::Any),
        (Shape::RowGroup, 7) => plain(I16),
        (Shape::ColumnChunk, 1 | 9) => plain(BIN),
        (Shape::ColumnChunk, 2 | 4 | 6) => plain(I64),
        (Shape::ColumnChunk, 3) => strukt(Shape::ColumnMetaData),
        (Shape::ColumnChunk, 5 | 7) => plain(I32),
        (Shape::ColumnChunk, 8) => strukt(Shape::ColumnCryptoMetaData),
        (Shape::ColumnMetaData, 1 | 4 | 15) => plain(I32),
        (Shape::ColumnMetaData, 2) => list(I32, Shape::Any),
        (Shape::ColumnMetaData, 3) => list(BIN, Shape::Any),
        (Shape::ColumnMetaData, 5..=7 | 9..=11 | 14) => plain(I64),
        (Shape::ColumnMetaData, 8 | 13) => list(STRUCT, Shape::Any),
        (Shape::ColumnMetaData, 12) => strukt(Shape::Any),
        (Shape::ColumnMetaData, 16) => strukt(Shape::SizeStatistics),
        (Shape::ColumnMetaData, 17) => strukt(Shape::GeospatialStatistics),
        (Shape::SizeStatistics, 1) => plain(I64),
        (Shape::SizeStatistics, 2 | 3) => list(I64, Shape::Any),
        (Shape::GeospatialStatistics, 1) => strukt(Shape::Any),
        (Shape::GeospatialStatistics, 2) => list(I32, Shape::Any),
        (Shape::ColumnCryptoMetaData, 1) => strukt(Shape::Any),
        (Shape::ColumnCryptoMetaData, 2) => strukt(Shape::EncryptionWithColumnKey),
        (Shape::EncryptionWithColumnKey, 1) => list(BIN, Shape::Any),
        (Shape::EncryptionWithColumnKey, 2) => plain(BIN),
        _ => None,
    }
}

struct Thrift<'a> {
    d: &'a [u8],
    pos: usize,
}

impl Thrift<'_> {
    fn left(&self) -> usize {
        self.d.len() - self.pos
    }
    fn byte(&mut self) -> Option<u8> {
        let b = *self.d.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift.min(63);
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn skip(&mut self, n: usize) -> Option<()> {
        (n <= self.left()).then(|| self.pos += n)
    }
    /// A list or set header: element count (at most the bytes left) and
    /// element type.
    fn list_header(&mut self) -> Option<(usize, u8)> {
        let h = self.byte()?;
        let size = if h >> 4 == 15 {
            usize::try_from(self.varint()?).ok()?
        } else {
            usize::from(h >> 4)
        };
        (size <= self.left()).then_some((size, h & 0x0f))
    }
    /// One value of compact type `t`; a struct or a list of structs is
    /// read as `shape`.
    fn value(&mut self, t: u8, shape: Shape, depth: u32) -> Option<()> {
        if depth > 64 {
            return None;
        }
        match t {
            1 | 2 => Some(()),
            3 => self.skip(1),
            4..=6 => self.varint().map(|_| ()),
            7 => self.skip(8),
            8 => {
                let len = usize::try_from(self.varint()?).ok()?;
                self.skip(len)
            }
            9 | 10 => {
                let (size, et) = self.list_header()?;
                // The decoder skips a list of booleans without reading a
                // byte per element (the compact protocol writes one): walk
                // it the same way, or the two would disagree on where the
                // next field starts.
                if !matches!(et, 1 | 2) {
                    for _ in 0..size {
                        self.value(et, shape, depth + 1)?;
                    }
                }
                Some(())
            }
            11 => {
                let size = usize::try_from(self.varint()?).ok()?;
                if size == 0 {
                    return Some(());
                }
                if size > self.left() {
                    return None;
                }
                let kv = self.byte()?;
                for _ in 0..size {
                    self.value(kv >> 4, Shape::Any, depth + 1)?;
                    self.value(kv & 0x0f, Shape::Any, depth + 1)?;
                }
                Some(())
            }
            12 => {
                // Field ids are i16, as the decoder reads them: a long-form
                // id wraps (65538 is field 2), a delta past 32767 is an error.
                let mut id: i16 = 0;
                loop {
                    let h = self.byte()?;
                    if h == 0 {
                        return Some(());
                    }
                    let ft = h & 0x0f;
                    id = if h >> 4 == 0 {
                        let z = self.varint()?;
                        #[allow(clippy::cast_possible_truncation, reason = "the decoder truncates the same way")]
                        let wrapped = ((z >> 1) as i64 ^ -((z & 1) as i64)) as i16;
                        wrapped
                    } else {
                        id.checked_add(i16::from(h >> 4))?
                    };
                    match field_shape(shape, id) {
                        None => self.value(ft, Shape::Any, depth + 1)?,
                        Some((want, elem, inner)) => {
                            if ft != want {
                                return None;
                            }
                            if want == LIST {
                                // The element type must be the one the
                                // decoder reads, too.
                                // (An empty list may say 0.)
                                let at = self.pos;
                                let (size, et) = self.list_header()?;
                                if size > 0 && et != elem {
                                    return None;
                                }
                                self.pos = at;
                            }
                            self.value(ft, inner, depth + 1)?;
                        }
                    }
                }
            }
            13 => self.skip(16),
            _ => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    proptest::proptest! {
        /// Within the calendar library's range, dates and timestamps read
        /// as the decoder writes them; every day count round-trips.
        #[test]
        fn dates_and_timestamps_read_as_the_decoder_writes_them(
            days in -3_000_000i32..3_000_000,
            ms in -200_000_000_000_000i64..200_000_000_000_000,
            us in -200_000_000_000_000_000i64..200_000_000_000_000_000,
        ) {
            proptest::prop_assert_eq!(field_text(&Field::Date(days)), Field::Date(days).to_string());
            proptest::prop_assert_eq!(field_text(&Field::TimestampMillis(ms)), Field::TimestampMillis(ms).to_string());
            proptest::prop_assert_eq!(field_text(&Field::TimestampMicros(us)), Field::TimestampMicros(us).to_string());
            let (y, m, d) = mlsec_diagnostics::time::civil_from_days(i64::from(days));
            proptest::prop_assert_eq!(mlsec_diagnostics::time::days_from_civil(y, m, d), i64::from(days));
        }
    }

    proptest::proptest! {
        /// Where the decoder's check holds, decimals read as it writes them.
        #[test]
        fn decimals_read_as_the_decoder_writes_them(v in proptest::num::i64::ANY, precision in 1i32..38, scale in 0i32..38) {
            proptest::prop_assume!(precision > scale);
            let d = parquet::data_type::Decimal::from_i64(v, precision, scale);
            proptest::prop_assert_eq!(field_text(&Field::Decimal(d.clone())), Field::Decimal(d).to_string());
        }
    }

    /// `DECIMAL(2,2)` is valid (pyarrow writes it); the decoder's `Display`
    /// asserted a precision above the scale.
    #[test]
    fn decimals_whose_scale_is_their_precision_are_text_not_a_panic() {
        use parquet::data_type::Decimal;
        assert_eq!(field_text(&Field::Decimal(Decimal::from_i32(25, 2, 2))), "0.25");
        assert_eq!(field_text(&Field::Decimal(Decimal::from_i32(-7, 2, 2))), "-0.07");
        assert_eq!(field_text(&Field::Decimal(Decimal::from_i32(7, 1, -2))), "7e2");
        assert!(!field_text(&Field::Decimal(Decimal::from_i32(7, 1, i32::MIN))).is_empty());
        assert!(!field_text(&Field::Decimal(Decimal::from_i32(7, 1, i32::MAX))).is_empty());
    }

    /// Found reviewing the decoder: its `Display` panics on dates beyond its
    /// calendar library, which every `DATE` and timestamp may hold.
    #[test]
    fn extreme_dates_and_timestamps_are_text_not_a_panic() {
        assert_eq!(field_text(&Field::Date(i32::MAX)), "+5881580-07-11");
        assert_eq!(field_text(&Field::Date(i32::MIN)), "-5877641-06-23");
        for v in [i64::MAX, i64::MIN] {
            assert!(!field_text(&Field::TimestampMillis(v)).is_empty());
            assert!(!field_text(&Field::TimestampMicros(v)).is_empty());
        }
    }

    fn fixture() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/resources/test/fixtures/customers.parquet"
        ))
        .unwrap()
    }

    #[test]
    fn decodes_rows_and_struct_free_columns() {
        let d = to_csv(&fixture(), 1 << 20);
        assert!(d.partial.is_none(), "{:?}", d.partial);
        assert_eq!(d.rows, 40);
        let text = String::from_utf8(d.csv).unwrap();
        assert!(
            text.starts_with("customer_id,customer_name,email,card,iban,notes,score\n"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 41);
    }

    #[test]
    fn corrupt_and_truncated_files_never_panic() {
        let good = fixture();
        // Every truncation point and a spread of single-byte corruptions.
        for cut in (0..good.len()).step_by(7) {
            let d = to_csv(&good[..cut], 1 << 20);
            assert!(d.partial.is_some() || cut == good.len());
        }
        for bad in corruptions(&good, 3000, 0x2545_f491_4f6c_dd1d) {
            let _ = to_csv(&bad, 1 << 20);
        }
    }

    /// `n` copies of `good`, each with one byte flipped at a pseudo-random
    /// place (xorshift from `seed`).
    pub(crate) fn corruptions(good: &[u8], n: usize, seed: u64) -> impl Iterator<Item = Vec<u8>> + '_ {
        let mut state = seed;
        (0..n).map(move |_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bad = good.to_vec();
            let i = usize::try_from(state % bad.len() as u64).unwrap();
            bad[i] ^= u8::try_from((state >> 32) & 0xff).unwrap() | 1;
            bad
        })
    }

    #[test]
    fn footer_counts_beyond_the_file_are_refused() {
        assert!(footer_is_sane(&fixture()));
        // A FileMetaData whose first field is a list claiming 2^31 elements.
        let mut f = b"PAR1".to_vec();
        let meta = [0x19u8, 0xfc, 0x80, 0x80, 0x80, 0x80, 0x08, 0x00];
        f.extend_from_slice(&meta);
        f.extend_from_slice(&u32::try_from(meta.len()).unwrap().to_le_bytes());
        f.extend_from_slice(b"PAR1");
        assert!(!footer_is_sane(&f));
        assert!(to_csv(&f, 1 << 20).partial.unwrap().contains("footer"));
    }

    #[test]
    fn fields_read_by_id_must_declare_their_type() {
        // From the `parquet_file` fuzz target: the footer declares field 5
        // (`key_value_metadata`, a list) as a string; the decoder reads a
        // list header from its bytes and reserved 24 GB.
        let crash = [
            0x00u8, 0xf9, 0x00, 0xf9, 0xf5, 0x10, 0x0a, 0xf5, 0x08, 0x03, 0x06, 0xbf, 0xf5, 0xf5, 0x81, 0x32, 0x03,
            0x00, 0x00, 0x00, 0x50, 0x41, 0x52, 0xf1, 0xf1, 0xf1, 0xf1, 0xf1, 0x31, 0x00, 0x00, 0x0a, 0x0a, 0x00, 0x00,
            0x00, 0x50, 0x41, 0x52, 0x31,
        ];
        assert!(!footer_is_sane(&crash));
        assert!(to_csv(&crash, 1 << 20).partial.is_some());
        // A list of seven booleans, which the decoder skips without reading
        // their bytes; it then read one of them as field 2 (`schema`, a
        // list) and reserved 5.4 GB.
        let crash = [
            0xd6u8, 0xd6, 0xd6, 0xd6, 0x72, 0x72, 0xd6, 0x26, 0xd6, 0xe6, 0xf8, 0xff, 0xff, 0xff, 0x36, 0x24, 0x41,
            0x29, 0x52, 0x0a, 0x29, 0x00, 0x00, 0x00, 0x00, 0xea, 0x5e, 0x19, 0x19, 0x00, 0x00, 0x00, 0x50, 0x41, 0x52,
            0x50, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x07, 0x00, 0x49, 0x23, 0x00, 0x2c, 0xc9, 0x09, 0x09,
            0x73, 0x71, 0x75, 0x09, 0x31, 0x09, 0x09, 0x00, 0x73, 0xf5, 0x00, 0x2c, 0xc9, 0x09, 0x09, 0x73, 0x71, 0x75,
            0x09, 0x09, 0x09, 0x00, 0x73, 0xf5, 0xf5, 0xf5, 0xf5, 0x1a, 0x00, 0x00, 0x00, 0x50, 0x41, 0x52, 0x31, 0xf5,
            0xf5, 0xf5, 0x1a, 0x00, 0x00, 0x00, 0x50, 0x41, 0x52, 0x31,
        ];
        assert!(!footer_is_sane(&crash));
        assert!(to_csv(&crash, 1 << 20).partial.is_some());
        // Real files pass: the fixtures, and one with nested lists, maps
        // and statistics written by the crate itself.
        for f in ["customers.parquet", "clean.parquet"] {
            let path = format!("{}/resources/test/fixtures/{f}", env!("CARGO_MANIFEST_DIR"));
            assert!(footer_is_sane(&std::fs::read(path).unwrap()), "{f}");
        }
    }

    /// A file of `groups` row groups, `per` rows each: an id and an email.
    fn grouped(groups: i64, per: i64) -> Vec<u8> {
        grouped_with(groups, per, parquet::basic::Compression::SNAPPY)
    }

    /// [`grouped`], its pages compressed with `codec`.
    fn grouped_with(groups: i64, per: i64, codec: parquet::basic::Compression) -> Vec<u8> {
        use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
        use parquet::file::properties::WriterProperties;
        use parquet::file::writer::SerializedFileWriter;
        let schema = parquet::schema::parser::parse_message_type(
            "message m { required int64 id; required binary email (UTF8); }",
        )
        .unwrap();
        let props = std::sync::Arc::new(WriterProperties::builder().set_compression(codec).build());
        let mut w = SerializedFileWriter::new(Vec::new(), std::sync::Arc::new(schema), props).unwrap();
        for g in 0..groups {
            let ids: Vec<i64> = (g * per..(g + 1) * per).collect();
            let mails: Vec<ByteArray> = ids
                .iter()
                .map(|i| ByteArray::from(format!("user{i}@example.org").as_str()))
                .collect();
            let mut rg = w.next_row_group().unwrap();
            let mut c = rg.next_column().unwrap().unwrap();
            c.typed::<Int64Type>().write_batch(&ids, None, None).unwrap();
            c.close().unwrap();
            let mut c = rg.next_column().unwrap().unwrap();
            c.typed::<ByteArrayType>().write_batch(&mails, None, None).unwrap();
            c.close().unwrap();
            rg.close().unwrap();
        }
        w.into_inner().unwrap()
    }

    /// Valid values the decoder's `Display` panicked on, also inside a
    /// list: a `DECIMAL(2,2)` and a date beyond its calendar. The file is
    /// read whole, and its email found.
    #[test]
    fn a_file_with_values_the_decoder_cannot_show_is_read_whole() {
        use parquet::data_type::{ByteArray, ByteArrayType, Int32Type};
        use parquet::file::properties::WriterProperties;
        use parquet::file::writer::SerializedFileWriter;
        let schema = parquet::schema::parser::parse_message_type(
            "message m { required int32 rate (DECIMAL(2,2));
               optional group dates (LIST) { repeated group list { optional int32 element (DATE); } }
               required binary email (UTF8); }",
        )
        .unwrap();
        let props = std::sync::Arc::new(WriterProperties::builder().build());
        let mut w = SerializedFileWriter::new(Vec::new(), std::sync::Arc::new(schema), props).unwrap();
        let mut rg = w.next_row_group().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<Int32Type>().write_batch(&[25, -7], None, None).unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<Int32Type>()
            .write_batch(&[10, i32::MAX], Some(&[3, 3, 0]), Some(&[0, 1, 0]))
            .unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<ByteArrayType>()
            .write_batch(
                &[ByteArray::from("ann@example.org"), ByteArray::from("bob@example.org")],
                None,
                None,
            )
            .unwrap();
        c.close().unwrap();
        rg.close().unwrap();
        let file = w.into_inner().unwrap();
        let d = to_csv(&file, 1 << 20);
        assert_eq!((d.rows, d.partial.as_deref()), (2, None));
        let text = String::from_utf8(d.csv).unwrap();
        assert!(
            text.contains("0.25,\"[\"\"1970-01-11\"\", \"\"+5881580-07-11\"\"]\",ann@example.org"),
            "{text}"
        );
        assert!(text.contains("-0.07,,bob@example.org"), "{text}");
    }

    #[test]
    fn every_codec_writers_use_is_read() {
        use parquet::basic::{BrotliLevel, Compression, GzipLevel, ZstdLevel};
        for codec in [
            Compression::UNCOMPRESSED,
            Compression::SNAPPY,
            Compression::GZIP(GzipLevel::default()),
            Compression::LZ4_RAW,
            Compression::ZSTD(ZstdLevel::default()),
            Compression::BROTLI(BrotliLevel::default()),
        ] {
            let d = to_csv(&grouped_with(2, 30, codec), 1 << 20);
            assert_eq!((d.rows, d.partial.as_deref()), (60, None), "{codec:?}");
            assert!(
                String::from_utf8(d.csv).unwrap().contains("59,user59@example.org"),
                "{codec:?}"
            );
        }
    }

    #[test]
    fn rows_are_read_a_batch_of_groups_at_a_time_in_order() {
        let file = grouped(7, 50);
        let whole = to_csv(&file, 1 << 30);
        assert_eq!((whole.rows, whole.partial.as_deref()), (350, None));
        let mut rows = csv_rows(file.clone().into(), 1 << 30, true);
        let mut text = Vec::new();
        let mut piece = [0u8; 100];
        loop {
            let n = std::io::Read::read(&mut rows, &mut piece).unwrap();
            if n == 0 {
                break;
            }
            text.extend_from_slice(&piece[..n]);
        }
        assert_eq!(text, whole.csv);
        assert_eq!(rows.rows(), 350);
        let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
        assert_eq!(lines[0], b"id,email");
        assert_eq!(lines[350], b"349,user349@example.org");
    }

    #[test]
    fn the_budget_bounds_the_text() {
        let d = to_csv(&fixture(), 100);
        assert!(d.partial.unwrap().contains("more than"));
        assert!(d.csv.len() < 1000);
    }
}
