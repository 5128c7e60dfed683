//! Redacting Parquet: a copy with the same schema, row groups, nulls and
//! nesting, in which every value the scanner finds is replaced.
//!
//! The file is rewritten column chunk by column chunk. Each leaf column's
//! values are read with their definition and repetition levels, written
//! out as a one-column CSV text (header: the column's path, so column names
//! still drive detection) in the same textual form `mlsec scan` reads
//! Parquet in, scanned with the whole file's [`Hints`], redacted by
//! [`crate::redact()`], and read back. What `mlsec scan` finds in the
//! whole row (a value beside its siblings: a number under a nested `type:
//! MX_RFC`) is matched back to the leaf values that hold it and redacted
//! there too ([`found_by_row`], for a file whose text view is at most
//! [`WHOLE_VIEW_BUDGET`]). The levels pass through unchanged,
//! so lists, maps, structs and nulls keep their shape. Statistics, page
//! indexes and bloom filters are not copied (they would hold the old
//! values): the writer computes new ones.
//!
//! A string column takes any replacement. A plain integer column takes a
//! replacement that is still an integer of its width, a decimal column one
//! that is still a decimal of its precision and scale, and a date column a
//! date (as `fpe` writes them); any other replacement in a non-string
//! column (a type name, a mask) makes the value null where the column is
//! optional, or the type's zero where it is required, and is counted as
//! blanked.
//!
//! A corrupt or truncated input is an error and nothing is written: a
//! partial copy of a file that failed to read would look complete.

use std::collections::BTreeMap;
use std::sync::Arc;

use parquet::basic::{ConvertedType, Repetition};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::{ByteArray, DataType, FixedLenByteArray, Int96};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use parquet::schema::types::ColumnDescPtr;
use rayon::prelude::*;

use crate::dataset::{index_records, DataFormat, DataScanner, HINT_SAMPLE_BYTES};
use crate::parquet::{field_text, footer_is_sane, push_csv_field};
use crate::redact::{finding_spans, redact, RedactOptions};
use crate::{Error, Hints, Result};

/// What [`redact_parquet`] wrote.
#[derive(Debug, Default)]
pub struct RedactedParquet {
    /// The new file ([`redact_parquet`]; empty from [`redact_parquet_to`],
    /// which writes it to its writer).
    pub data: Vec<u8>,
    /// Values replaced, per entity.
    pub counts: BTreeMap<String, usize>,
    /// Values in non-string columns whose replacement does not fit the
    /// column's type: made null (optional column) or zero (required).
    pub blanked: usize,
    /// Rows written.
    pub rows: u64,
}

/// Rewrite a Parquet file with every value `scanner` finds replaced as
/// `opts` says. `path` names the input in findings and errors.
///
/// # Errors
/// A truncated or corrupt input, a value the scanner could only partly
/// read, or an `encrypt` failure; nothing is returned then.
pub fn redact_parquet(data: &[u8], scanner: &DataScanner, path: &str, opts: &RedactOptions) -> Result<RedactedParquet> {
    let mut file = Vec::new();
    let mut out = redact_parquet_to(bytes::Bytes::copy_from_slice(data), scanner, path, opts, &mut file)?;
    out.data = file;
    Ok(out)
}

/// [`redact_parquet`], the new file written to `out` row group by row
/// group instead of returned ([`RedactedParquet::data`] stays empty): what
/// has been written is incomplete when this fails, so write to a temporary
/// file and keep it only on success. `data` is shared, not copied: a
/// mapped input stays in the page cache, and memory holds the column
/// chunks being rewritten.
///
/// # Errors
/// As [`redact_parquet`], and `out`'s write errors.
pub fn redact_parquet_to(
    data: bytes::Bytes,
    scanner: &DataScanner,
    path: &str,
    opts: &RedactOptions,
    out: &mut (dyn std::io::Write + Send),
) -> Result<RedactedParquet> {
    // The decoder is a third-party crate fed hostile bytes: a panic there
    // is an unreadable file, never a crash.
    crate::parquet::caught(|| rewrite(data, scanner, path, opts, out))
        .unwrap_or_else(|_| Err(bad(path, "the parquet decoder failed on corrupt data".to_owned())))
}

fn bad(path: &str, why: String) -> Error {
    Error::Parquet {
        reason: format!("`{path}`: {why}; nothing was written"),
    }
}

fn rewrite(
    data: bytes::Bytes,
    scanner: &DataScanner,
    path: &str,
    opts: &RedactOptions,
    sink: &mut (dyn std::io::Write + Send),
) -> Result<RedactedParquet> {
    let pq = |e: parquet::errors::ParquetError| bad(path, format!("unreadable parquet file: {e}"));
    if !footer_is_sane(&data) {
        return Err(bad(
            path,
            "unreadable parquet file: truncated or corrupt footer".to_owned(),
        ));
    }
    // The whole file's hints, from the same text `mlsec scan` reads.
    let sample = crate::parquet::csv_rows(data.clone(), HINT_SAMPLE_BYTES, false).read_all();
    let data_for_rows = data.clone();
    let reader = SerializedFileReader::new(data).map_err(pq)?;
    let meta = reader.metadata();
    let hints = scanner.hints(&sample.csv, path, DataFormat::Csv { delimiter: b',' });
    let mut props =
        WriterProperties::builder().set_key_value_metadata(meta.file_metadata().key_value_metadata().cloned());
    if let Some(g) = meta.row_groups().first() {
        for c in g.columns() {
            props = props.set_column_compression(c.column_path().clone(), c.compression());
        }
    }
    let schema = meta.file_metadata().schema_descr().root_schema_ptr();
    let mut writer = SerializedFileWriter::new(sink, schema, Arc::new(props.build())).map_err(pq)?;
    let found = found_by_row(&data_for_rows, scanner, path, &hints);
    let mut out = RedactedParquet::default();
    let mut first_row = 0u64;
    for g in 0..meta.num_row_groups() {
        let ncols = meta.row_group(g).num_columns();
        let rows = (&found, first_row);
        let cols: Vec<Result<Chunk>> = (0..ncols)
            .into_par_iter()
            .map(|c| redact_chunk(&reader, g, c, scanner, path, opts, &hints, rows))
            .collect();
        first_row += u64::try_from(meta.row_group(g).num_rows()).unwrap_or(0);
        let mut rg = writer.next_row_group().map_err(pq)?;
        for col in cols {
            let col = col?;
            for (e, n) in &col.counts {
                *out.counts.entry(e.clone()).or_default() += n;
            }
            out.blanked += col.blanked;
            let mut w = rg
                .next_column()
                .map_err(pq)?
                .ok_or_else(|| bad(path, format!("row group {g} has more columns than the schema")))?;
            col.write(w.untyped()).map_err(pq)?;
            w.close().map_err(pq)?;
        }
        let written = rg.close().map_err(pq)?;
        out.rows += u64::try_from(written.num_rows()).unwrap_or(0);
    }
    writer.close().map_err(pq)?;
    Ok(out)
}

/// The most text of a file's CSV view [`found_by_row`] reads (the view is
/// held whole): a larger file is redacted column by column alone.
const WHOLE_VIEW_BUDGET: usize = 256 << 20;

/// What `mlsec scan` finds in each row (1-based) of the file's CSV view:
/// the bytes of each value and its entity. A value scan finds with the
/// row's other columns around it (a number beside a nested `type:
/// MX_RFC`) is then redacted in its own column too, where that column
/// alone says too little: what scan reports, redact replaces. Empty for a
/// view over [`WHOLE_VIEW_BUDGET`] or one that could not be read whole.
fn found_by_row(data: &bytes::Bytes, scanner: &DataScanner, path: &str, hints: &Hints) -> FoundByRow {
    let mut out = FoundByRow::new();
    let view = crate::parquet::csv_rows(data.clone(), WHOLE_VIEW_BUDGET, false).read_all();
    if view.partial.is_some() {
        return out;
    }
    let res = scanner.scan_with_hints(&view.csv, path, DataFormat::Csv { delimiter: b',' }, hints);
    for f in &res.findings {
        let (Some(d), Some(o), Some(l), Some(row)) = (&f.data, f.location.offset, f.location.length, f.location.row)
        else {
            continue;
        };
        let (Ok(o), Ok(l)) = (usize::try_from(o), usize::try_from(l)) else {
            continue;
        };
        // Short values would match inside others.
        if let Some(v) = view.csv.get(o..o + l).filter(|v| v.len() >= 4) {
            out.entry(row).or_default().push((v.to_vec(), d.entity.clone()));
        }
    }
    out
}

/// Values found in each row (1-based): their bytes and entity.
type FoundByRow = std::collections::HashMap<u64, Vec<(Vec<u8>, String)>>;

/// The row (0-based in its row group) of each value of a column chunk, from
/// its levels: a repetition level of 0 starts a row, and a value is there
/// where the definition level is the column's most.
fn value_rows(descr: &ColumnDescPtr, def: &[i16], rep: &[i16], n: usize) -> Vec<u64> {
    let max_def = descr.max_def_level();
    if max_def == 0 {
        return (0..n as u64).collect();
    }
    let repeated = descr.max_rep_level() > 0;
    let mut rows = Vec::with_capacity(n);
    let mut row: u64 = 0;
    for (k, &d) in def.iter().enumerate() {
        if k > 0 && (!repeated || rep.get(k) == Some(&0)) {
            row += 1;
        }
        if d == max_def {
            rows.push(row);
        }
    }
    rows
}

/// One column chunk's values, by physical type.
enum Values {
    Bool(Vec<bool>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    I96(Vec<Int96>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    Bytes(Vec<ByteArray>),
    Fixed(Vec<FixedLenByteArray>),
}

/// Apply `$body` to the vector inside any [`Values`] variant.
macro_rules! each {
    ($v:expr, $x:ident => $body:expr) => {
        match $v {
            Values::Bool($x) => $body,
            Values::I32($x) => $body,
            Values::I64($x) => $body,
            Values::I96($x) => $body,
            Values::F32($x) => $body,
            Values::F64($x) => $body,
            Values::Bytes($x) => $body,
            Values::Fixed($x) => $body,
        }
    };
}

/// A redacted column chunk, ready to write.
struct Chunk {
    descr: ColumnDescPtr,
    values: Values,
    def: Vec<i16>,
    rep: Vec<i16>,
    counts: BTreeMap<String, usize>,
    blanked: usize,
}

impl Chunk {
    fn write(&self, w: &mut ColumnWriter<'_>) -> parquet::errors::Result<()> {
        let def = (self.descr.max_def_level() > 0).then_some(&self.def[..]);
        let rep = (self.descr.max_rep_level() > 0).then_some(&self.rep[..]);
        let mismatch = || parquet::errors::ParquetError::General("column type changed while writing".to_owned());
        match (w, &self.values) {
            (ColumnWriter::BoolColumnWriter(w), Values::Bool(v)) => w.write_batch(v, def, rep),
            (ColumnWriter::Int32ColumnWriter(w), Values::I32(v)) => w.write_batch(v, def, rep),
            (ColumnWriter::Int64ColumnWriter(w), Values::I64(v)) => w.write_batch(v, def, rep),
            (ColumnWriter::Int96ColumnWriter(w), Values::I96(v)) => w.write_batch(v, def, rep),
            (ColumnWriter::FloatColumnWriter(w), Values::F32(v)) => w.write_batch(v, def, rep),
            (ColumnWriter::DoubleColumnWriter(w), Values::F64(v)) => w.write_batch(v, def, rep),
            (ColumnWriter::ByteArrayColumnWriter(w), Values::Bytes(v)) => w.write_batch(v, def, rep),
            (ColumnWriter::FixedLenByteArrayColumnWriter(w), Values::Fixed(v)) => w.write_batch(v, def, rep),
            _ => return Err(mismatch()),
        }
        .map(|_| ())
    }
}

/// A column chunk's values with its definition and repetition levels.
type Levelled<V> = (Vec<V>, Vec<i16>, Vec<i16>);

/// Read one column chunk whole: values, definition and repetition levels.
fn read_all<T: DataType>(mut r: ColumnReaderImpl<T>) -> parquet::errors::Result<Levelled<T::T>> {
    let (mut values, mut def, mut rep) = (Vec::new(), Vec::new(), Vec::new());
    loop {
        let (records, _, levels) = r.read_records(8192, Some(&mut def), Some(&mut rep), &mut values)?;
        if records == 0 && levels == 0 {
            return Ok((values, def, rep));
        }
    }
}

/// The text `mlsec scan` sees for a value.
fn text_of(descr: &ColumnDescPtr, values: &Values, i: usize) -> String {
    let f = match values {
        Values::Bool(v) => Field::convert_bool(descr, v[i]),
        Values::I32(v) => Field::convert_int32(descr, v[i]),
        Values::I64(v) => Field::convert_int64(descr, v[i]),
        Values::I96(v) => Field::convert_int96(descr, v[i]),
        Values::F32(v) => Field::convert_float(descr, v[i]),
        Values::F64(v) => Field::convert_double(descr, v[i]),
        Values::Bytes(v) => {
            Field::convert_byte_array(descr, v[i].clone()).unwrap_or_else(|_| Field::Bytes(v[i].clone()))
        }
        Values::Fixed(v) => {
            Field::convert_byte_array(descr, v[i].clone().into()).unwrap_or_else(|_| Field::Bytes(v[i].clone().into()))
        }
    };
    field_text(&f)
}

/// Put `new` (the redacted text) in place of value `i`; `false` when it
/// does not fit the column's type.
fn set_value(descr: &ColumnDescPtr, values: &mut Values, i: usize, new: &[u8]) -> bool {
    let plain = matches!(
        descr.converted_type(),
        ConvertedType::NONE
            | ConvertedType::INT_8
            | ConvertedType::INT_16
            | ConvertedType::INT_32
            | ConvertedType::INT_64
            | ConvertedType::UINT_8
            | ConvertedType::UINT_16
            | ConvertedType::UINT_32
            | ConvertedType::UINT_64
    );
    let text = std::str::from_utf8(new).ok();
    match values {
        Values::Bytes(v) => {
            v[i] = ByteArray::from(new.to_vec());
            true
        }
        Values::I32(v) if plain => match text.and_then(|t| t.parse::<i32>().ok()) {
            Some(n) => {
                v[i] = n;
                true
            }
            None => false,
        },
        Values::I64(v) if plain => match text.and_then(|t| t.parse::<i64>().ok()) {
            Some(n) => {
                v[i] = n;
                true
            }
            None => false,
        },
        // A date (`1985-07-09`, as `fpe` writes a birth date) stays a date.
        Values::I32(v) if descr.converted_type() == ConvertedType::DATE => match text.and_then(date_days) {
            Some(n) => {
                v[i] = n;
                true
            }
            None => false,
        },
        // A decimal that is still one of the column's precision and scale
        // (`fpe` keeps the digits' count and the point) stays a decimal.
        _ if descr.converted_type() == ConvertedType::DECIMAL => {
            let Some(n) = text.and_then(|t| unscaled(t, descr.type_precision(), descr.type_scale())) else {
                return false;
            };
            match values {
                Values::I32(v) => i32::try_from(n).map(|n| v[i] = n).is_ok(),
                Values::I64(v) => i64::try_from(n).map(|n| v[i] = n).is_ok(),
                Values::Fixed(v) => {
                    let len = v[i].len();
                    two_complement(n, len)
                        .map(|b| v[i] = FixedLenByteArray::from(b))
                        .is_some()
                }
                Values::Bytes(v) => {
                    // The old value's width, or more where the new one needs it.
                    (v[i].len()..=16)
                        .find_map(|l| two_complement(n, l))
                        .map(|b| v[i] = ByteArray::from(b))
                        .is_some()
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// The unscaled value of the decimal text `t` (`-1234.56`) in a column of
/// `precision` digits, `scale` of them after the point, if it is one.
fn unscaled(t: &str, precision: i32, scale: i32) -> Option<i128> {
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let scale = usize::try_from(scale).ok()?;
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) || frac.len() > scale {
        return None;
    }
    let digits = format!("{int}{frac:0<scale$}");
    let digits = digits.trim_start_matches('0');
    if digits.len() > usize::try_from(precision).ok()?.min(38) {
        return None;
    }
    let n = if digits.is_empty() {
        0
    } else {
        digits.parse::<i128>().ok()?
    };
    Some(if neg { -n } else { n })
}

/// `n` in `len` big-endian two's complement bytes, if it fits.
fn two_complement(n: i128, len: usize) -> Option<Vec<u8>> {
    let bytes = n.to_be_bytes();
    let cut = bytes.len().checked_sub(len).filter(|_| len > 0)?;
    let sign = if n < 0 { 0xFF } else { 0 };
    // The dropped bytes are only sign, and the kept top bit says the sign.
    let fits = bytes[..cut].iter().all(|&b| b == sign) && (bytes[cut] & 0x80 != 0) == (n < 0);
    fits.then(|| bytes[cut..].to_vec())
}

/// The days since 1970-01-01 of `YYYY-MM-DD`, if it is a real date that a
/// `DATE` value holds.
fn date_days(t: &str) -> Option<i32> {
    let mut parts = t.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let days = mlsec_diagnostics::time::days_from_civil(y, m, d);
    // Only a real date comes back as itself (not `1985-02-30`).
    (mlsec_diagnostics::time::civil_from_days(days) == (y, m, d))
        .then(|| i32::try_from(days).ok())
        .flatten()
}

/// Read, scan, redact one column chunk.
#[allow(clippy::too_many_arguments)]
fn redact_chunk(
    reader: &SerializedFileReader<bytes::Bytes>,
    g: usize,
    c: usize,
    scanner: &DataScanner,
    path: &str,
    opts: &RedactOptions,
    hints: &Hints,
    (found, first_row): (&FoundByRow, u64),
) -> Result<Chunk> {
    let pq = |e: parquet::errors::ParquetError| bad(path, format!("row group {g}, column {c}: {e}"));
    let group = reader.get_row_group(g).map_err(pq)?;
    let descr = group.metadata().column(c).column_descr_ptr();
    let (values, def, rep) = match group.get_column_reader(c).map_err(pq)? {
        ColumnReader::BoolColumnReader(r) => read_all(r).map(|(v, d, r)| (Values::Bool(v), d, r)),
        ColumnReader::Int32ColumnReader(r) => read_all(r).map(|(v, d, r)| (Values::I32(v), d, r)),
        ColumnReader::Int64ColumnReader(r) => read_all(r).map(|(v, d, r)| (Values::I64(v), d, r)),
        ColumnReader::Int96ColumnReader(r) => read_all(r).map(|(v, d, r)| (Values::I96(v), d, r)),
        ColumnReader::FloatColumnReader(r) => read_all(r).map(|(v, d, r)| (Values::F32(v), d, r)),
        ColumnReader::DoubleColumnReader(r) => read_all(r).map(|(v, d, r)| (Values::F64(v), d, r)),
        ColumnReader::ByteArrayColumnReader(r) => read_all(r).map(|(v, d, r)| (Values::Bytes(v), d, r)),
        ColumnReader::FixedLenByteArrayColumnReader(r) => read_all(r).map(|(v, d, r)| (Values::Fixed(v), d, r)),
    }
    .map_err(pq)?;
    let mut chunk = Chunk {
        descr,
        values,
        def,
        rep,
        counts: BTreeMap::new(),
        blanked: 0,
    };
    let n = each!(&chunk.values, v => v.len());
    if n == 0 || matches!(chunk.values, Values::Bool(_)) {
        return Ok(chunk);
    }
    // One value per CSV record, under the column's path.
    let texts: Vec<String> = (0..n).map(|i| text_of(&chunk.descr, &chunk.values, i)).collect();
    let mut csv = Vec::with_capacity(texts.iter().map(|t| t.len() + 3).sum::<usize>() + 64);
    push_csv_field(&mut csv, &chunk.descr.path().string());
    csv.push(b'\n');
    let mut fields = Vec::with_capacity(n);
    for t in &texts {
        let s = csv.len();
        push_csv_field(&mut csv, t);
        fields.push((s, csv.len()));
        csv.push(b'\n');
    }
    let res = scanner.scan_with_hints(&csv, path, DataFormat::Csv { delimiter: b',' }, hints);
    if let Some(why) = res.partial {
        return Err(bad(
            path,
            format!("row group {g}, column `{}`: {why}", chunk.descr.path()),
        ));
    }
    let mut spans = finding_spans(&res.findings);
    // What the whole row's scan found in this column's values.
    if !found.is_empty() {
        let rows = value_rows(&chunk.descr, &chunk.def, &chunk.rep, n);
        for (i, &(fs, fe)) in fields.iter().enumerate() {
            let Some(list) = rows.get(i).and_then(|r| found.get(&(first_row + r + 1))) else {
                continue;
            };
            for (v, entity) in list {
                for at in memchr::memmem::find_iter(&csv[fs..fe], v) {
                    let (s, e) = (fs + at, fs + at + v.len());
                    if !spans.iter().any(|&(a, b, _)| a < e && s < b) {
                        spans.push((s, e, entity.clone()));
                    }
                }
            }
        }
    }
    if spans.is_empty() {
        return Ok(chunk);
    }
    for (_, _, e) in &spans {
        *chunk.counts.entry(e.clone()).or_default() += 1;
    }
    let red = redact(&csv, &spans, opts)?;
    let (rec, open) = index_records(&red, Some(b','));
    if open || rec.starts.len() != n + 1 {
        return Err(bad(
            path,
            format!(
                "row group {g}, column `{}`: the redacted values could not be read back",
                chunk.descr.path()
            ),
        ));
    }
    let mut blank = Vec::new();
    for (i, old) in texts.iter().enumerate() {
        let (s, e) = rec.fields[rec.field_index[i + 1]];
        let quoted = s > 0 && red[s - 1] == b'"';
        let raw = &red[s..e];
        let new: Vec<u8> = if quoted {
            String::from_utf8_lossy(raw).replace("\"\"", "\"").into_bytes()
        } else {
            raw.to_vec()
        };
        if new != old.as_bytes() && !set_value(&chunk.descr, &mut chunk.values, i, &new) {
            blank.push(i);
        }
    }
    chunk.blanked = blank.len();
    blank_values(&mut chunk, &blank);
    Ok(chunk)
}

/// Values whose replacement does not fit the type: null where the leaf is
/// optional (its definition level drops by one), else the type's zero.
fn blank_values(chunk: &mut Chunk, blank: &[usize]) {
    if blank.is_empty() {
        return;
    }
    let optional = chunk.descr.self_type().get_basic_info().repetition() == Repetition::OPTIONAL;
    if !optional {
        let len = usize::try_from(chunk.descr.type_length()).unwrap_or(0);
        for &i in blank {
            match &mut chunk.values {
                Values::Bool(v) => v[i] = false,
                Values::I32(v) => v[i] = 0,
                Values::I64(v) => v[i] = 0,
                Values::I96(v) => v[i] = Int96::new(),
                Values::F32(v) => v[i] = 0.0,
                Values::F64(v) => v[i] = 0.0,
                Values::Bytes(v) => v[i] = ByteArray::from(Vec::new()),
                Values::Fixed(v) => v[i] = FixedLenByteArray::from(vec![0u8; len]),
            }
        }
        return;
    }
    let max = chunk.descr.max_def_level();
    let mut k = 0;
    let mut b = blank.iter().peekable();
    for d in &mut chunk.def {
        if *d != max {
            continue;
        }
        if b.peek() == Some(&&k) {
            *d = max - 1;
            b.next();
        }
        k += 1;
    }
    // `blank` is ascending: drop those indexes.
    each!(&mut chunk.values, v => {
        let mut i = 0;
        v.retain(|_| {
            let keep = blank.binary_search(&i).is_err();
            i += 1;
            keep
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::Operator;
    use crate::{DataScanOptions, DetectOptions, Detector, Fingerprinter, SecretRules};
    use parquet::data_type::{ByteArrayType, Int32Type, Int64Type};
    use parquet::schema::parser::parse_message_type;

    const SCHEMA: &str = "message m {
        required int64 id;
        optional binary email (UTF8);
        optional int64 card;
        required int32 dob (DATE);
        optional group contact { optional binary phone (UTF8); }
        optional group tags (LIST) { repeated group list { optional binary element (UTF8); } }
        optional binary notes (UTF8);
    }";

    fn strings(v: &[&str]) -> Vec<ByteArray> {
        v.iter().map(|s| ByteArray::from(*s)).collect()
    }

    /// Three rows with nulls, a null and a present-but-empty struct, a
    /// list with two elements, a null list and an empty one.
    fn nested_file() -> Vec<u8> {
        nested_file_with(&[3650, 4000, 5000])
    }

    /// [`nested_file`] with these birth dates.
    fn nested_file_with(dates: &[i32]) -> Vec<u8> {
        let schema = Arc::new(parse_message_type(SCHEMA).unwrap());
        let mut w =
            SerializedFileWriter::new(Vec::new(), schema, Arc::new(WriterProperties::builder().build())).unwrap();
        let mut rg = w.next_row_group().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<Int64Type>().write_batch(&[1, 2, 3], None, None).unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<ByteArrayType>()
            .write_batch(
                &strings(&["ann.lee@example.org", "c.diaz@example.net"]),
                Some(&[1, 0, 1]),
                None,
            )
            .unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<Int64Type>()
            .write_batch(&[4_111_111_111_111_111, 5_555_555_555_554_444], Some(&[1, 0, 1]), None)
            .unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<Int32Type>().write_batch(dates, None, None).unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<ByteArrayType>()
            .write_batch(&strings(&["+44 20 7946 0958"]), Some(&[2, 0, 1]), None)
            .unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<ByteArrayType>()
            .write_batch(
                &strings(&["vip", "bob.jones@example.com"]),
                Some(&[3, 3, 0, 1]),
                Some(&[0, 1, 0, 0]),
            )
            .unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<ByteArrayType>()
            .write_batch(
                &strings(&["aws key AKIAZ3MSJV4WWNKWW5FG in the config", "fine"]),
                Some(&[0, 1, 1]),
                None,
            )
            .unwrap();
        c.close().unwrap();
        rg.close().unwrap();
        w.into_inner().unwrap()
    }

    /// One scanner for all tests (building the detector is the slow part).
    fn scanner() -> &'static DataScanner {
        static S: std::sync::LazyLock<DataScanner> = std::sync::LazyLock::new(build_scanner);
        &S
    }

    fn build_scanner() -> DataScanner {
        DataScanner::new(
            Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default()),
            Fingerprinter::new(b"test key"),
            DataScanOptions {
                per_value: true,
                ..DataScanOptions::default()
            },
        )
    }

    fn opts(op: Operator) -> RedactOptions {
        RedactOptions {
            default: op,
            per_entity: std::collections::HashMap::new(),
            key: b"a test key of some length".to_vec(),
            json: false,
        }
    }

    fn entities(data: &[u8]) -> Vec<String> {
        found(data).into_iter().map(|(e, _)| e).collect()
    }

    /// Entity and keyed fingerprint of every value a scan finds.
    fn found(data: &[u8]) -> Vec<(String, String)> {
        scanner()
            .scan(data, "t", DataFormat::Parquet)
            .findings
            .iter()
            .filter_map(|f| f.data.as_ref().map(|d| (d.entity.clone(), d.fingerprint.clone())))
            .collect()
    }

    fn text(data: &[u8]) -> String {
        let d = crate::parquet::to_csv(data, 1 << 20);
        assert!(d.partial.is_none(), "{:?}", d.partial);
        String::from_utf8(d.csv).unwrap()
    }

    fn schema_of(data: &[u8]) -> parquet::schema::types::Type {
        let r = SerializedFileReader::new(bytes::Bytes::copy_from_slice(data)).unwrap();
        r.metadata().file_metadata().schema().clone()
    }

    #[test]
    fn what_scan_finds_beside_its_siblings_is_redacted_in_its_own_column() {
        // `{"type": "MX_RFC", "number": "..."}` in a list of documents:
        // scan reads the number with its type beside it, a column of the
        // numbers alone says nothing of what they are.
        let schema = "message m {
            optional group documents (LIST) { repeated group list { optional group element {
                optional binary type (UTF8); optional binary number (UTF8); } } }
        }";
        let mut w = SerializedFileWriter::new(
            Vec::new(),
            Arc::new(parse_message_type(schema).unwrap()),
            Arc::new(WriterProperties::builder().build()),
        )
        .unwrap();
        let mut rg = w.next_row_group().unwrap();
        let types = ["passport", "passport", "passport", "MX_RFC", "passport", "passport"];
        let numbers = [
            "X1234567",
            "Y7654321",
            "Z1111111",
            "MIEW690825LR8",
            "K2222222",
            "P3333333",
        ];
        for v in [types, numbers] {
            let mut c = rg.next_column().unwrap().unwrap();
            c.typed::<ByteArrayType>()
                .write_batch(&strings(&v), Some(&[4; 6]), Some(&[0; 6]))
                .unwrap();
            c.close().unwrap();
        }
        rg.close().unwrap();
        let data = w.into_inner().unwrap();
        assert!(entities(&data).contains(&"MX_RFC".to_owned()));
        let out = redact_parquet(&data, scanner(), "t.parquet", &opts(Operator::Replace)).unwrap();
        assert!(!text(&out.data).contains("MIEW690825LR8"), "{}", text(&out.data));
        assert_eq!(out.rows, 6);
    }

    #[test]
    fn nested_values_are_replaced_and_levels_kept() {
        let input = nested_file();
        let before = entities(&input);
        for e in ["EMAIL", "CREDIT_CARD", "PHONE", "SECRET", "DATE_OF_BIRTH"] {
            assert!(before.iter().any(|x| x == e), "{e} not found in the input: {before:?}");
        }
        let out = redact_parquet(&input, scanner(), "t.parquet", &opts(Operator::Replace)).unwrap();
        assert_eq!(out.rows, 3);
        assert_eq!(schema_of(&out.data), schema_of(&input), "the schema changed");
        // A rescan finds none of the original values. The birth dates are
        // in a required column, so they became the zero day, which is still
        // a date in a `dob` column: found again, but one constant.
        let fps: Vec<String> = found(&input).into_iter().map(|(_, f)| f).collect();
        let again = found(&out.data);
        assert!(
            again.iter().all(|(_, f)| !fps.contains(f)),
            "an original value survived: {again:?}"
        );
        assert!(
            again.iter().all(|(e, f)| e == "DATE_OF_BIRTH" && *f == again[0].1),
            "{again:?}"
        );
        let t = text(&out.data);
        for clear in [
            "ann.lee",
            "c.diaz",
            "4111111111111111",
            "7946 0958",
            "bob.jones",
            "AKIAZ3MSJV4WWNKWW5FG",
        ] {
            assert!(!t.contains(clear), "{clear} survived: {t}");
        }
        // The shape is the input's: rows, nulls, the empty struct, the
        // null and the empty list; the cards (an integer column, optional)
        // became null and the birth dates (required) the zero day.
        let rows: Vec<&str> = t.lines().collect();
        assert_eq!(rows.len(), 4, "{t}");
        assert!(rows[1].starts_with("1,<EMAIL>,,1970-01-01,<PHONE>,"), "{t}");
        assert!(rows[1].contains("vip") && rows[1].contains("<EMAIL>"), "{t}");
        assert!(rows[1].ends_with(','), "null notes stay null: {t}");
        assert!(rows[2].starts_with("2,,,1970-01-01,,,"), "{t}");
        assert!(rows[2].contains("<SECRET>") && rows[2].contains("in the config"), "{t}");
        assert!(rows[3].starts_with("3,<EMAIL>,,1970-01-01,,[],fine"), "{t}");
        assert_eq!(out.blanked, 5, "two cards and three birth dates");
        assert_eq!(out.counts.get("EMAIL"), Some(&3));
    }

    #[test]
    fn integers_take_format_preserving_digits_and_pseudonyms_join_across_formats() {
        let input = nested_file();
        let a = redact_parquet(&input, scanner(), "t.parquet", &opts(Operator::FormatPreserving)).unwrap();
        let t = text(&a.data);
        let card = t.lines().nth(1).unwrap().split(',').nth(2).unwrap().to_owned();
        assert!(!card.is_empty() && card != "4111111111111111", "{t}");
        assert!(card.bytes().all(|b| b.is_ascii_digit()), "{t}");
        // Same key, same tokens: in another run and in a CSV file.
        let p1 = redact_parquet(&input, scanner(), "t.parquet", &opts(Operator::Pseudonym)).unwrap();
        let p2 = redact_parquet(&input, scanner(), "u.parquet", &opts(Operator::Pseudonym)).unwrap();
        assert_eq!(text(&p1.data), text(&p2.data));
        let csv = b"email\nann.lee@example.org\n";
        let res = scanner().scan(csv, "t.csv", DataFormat::Csv { delimiter: b',' });
        let red = redact(csv, &finding_spans(&res.findings), &opts(Operator::Pseudonym)).unwrap();
        let token = String::from_utf8(red).unwrap().lines().nth(1).unwrap().to_owned();
        assert!(token.starts_with("EMAIL_"), "{token}");
        assert!(text(&p1.data).contains(&token), "{token} not in {}", text(&p1.data));
    }

    /// Decimal columns of each physical type: identifiers stored as
    /// numbers (`ssn` as `DECIMAL(9,0)`, a card as `DECIMAL(20,0)`).
    fn decimal_file() -> Vec<u8> {
        use parquet::data_type::FixedLenByteArrayType;
        let schema = Arc::new(
            parse_message_type(
                "message m {
                    required int32 ssn (DECIMAL(9,0));
                    optional fixed_len_byte_array(9) card (DECIMAL(20,0));
                    optional binary acct (DECIMAL(14,2));
                    required int64 amount (DECIMAL(10,2));
                }",
            )
            .unwrap(),
        );
        let mut w =
            SerializedFileWriter::new(Vec::new(), schema, Arc::new(WriterProperties::builder().build())).unwrap();
        let mut rg = w.next_row_group().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<Int32Type>()
            .write_batch(&[412_685_035, 691_400_507], None, None)
            .unwrap();
        c.close().unwrap();
        let card = |n: i128| FixedLenByteArray::from(n.to_be_bytes()[7..].to_vec());
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<FixedLenByteArrayType>()
            .write_batch(&[card(4_111_111_111_111_111)], Some(&[1, 0]), None)
            .unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<ByteArrayType>()
            .write_batch(
                &[ByteArray::from(1_234_567i64.to_be_bytes()[4..].to_vec())],
                Some(&[0, 1]),
                None,
            )
            .unwrap();
        c.close().unwrap();
        let mut c = rg.next_column().unwrap().unwrap();
        c.typed::<Int64Type>().write_batch(&[1999, -250], None, None).unwrap();
        c.close().unwrap();
        rg.close().unwrap();
        w.into_inner().unwrap()
    }

    /// Under `fpe`, identifiers in decimal columns become other numbers of
    /// the same digits, still decimals of the column's type; other
    /// operators blank them.
    #[test]
    fn format_preserving_identifiers_stay_decimals() {
        let input = decimal_file();
        let before = text(&input);
        assert!(
            before.contains("412685035") && before.contains("4111111111111111"),
            "{before}"
        );
        let found_before = entities(&input);
        assert!(found_before.iter().any(|e| e == "US_SSN"), "{found_before:?}");
        assert!(found_before.iter().any(|e| e == "CREDIT_CARD"), "{found_before:?}");
        let out = redact_parquet(&input, scanner(), "t.parquet", &opts(Operator::FormatPreserving)).unwrap();
        assert_eq!(schema_of(&out.data), schema_of(&input));
        assert_eq!(out.blanked, 0);
        let t = text(&out.data);
        for old in ["412685035", "691400507", "4111111111111111"] {
            assert!(!t.contains(old), "{old} left in {t}");
        }
        let row = |t: &str, r: usize| {
            t.lines()
                .nth(r)
                .unwrap()
                .split(',')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        // As many digits or, where `fpe` wrote a leading zero, one fewer
        // (the decoder writes a scale of 0 with a point: `412685035.`).
        let (a, b) = (row(&before, 1), row(&t, 1));
        for k in [0, 1] {
            assert!(
                b[k].ends_with('.') && b[k].len() <= a[k].len() && b[k].len() + 1 >= a[k].len(),
                "{t}"
            );
        }
        // Amounts are no identifiers: kept.
        assert_eq!(a[3], b[3]);
        assert_eq!(row(&before, 2)[3], row(&t, 2)[3]);
        let out = redact_parquet(&input, scanner(), "t.parquet", &opts(Operator::Replace)).unwrap();
        assert!(out.blanked >= 3, "{}", out.blanked);
        assert_eq!(schema_of(&out.data), schema_of(&input));
    }

    #[test]
    fn decimal_text_to_unscaled_and_bytes() {
        assert_eq!(unscaled("1234.56", 10, 2), Some(123_456));
        assert_eq!(unscaled("-0.5", 10, 2), Some(-50));
        assert_eq!(unscaled("12", 4, 2), Some(1200));
        assert_eq!(
            unscaled("123", 4, 2),
            None,
            "three digits before the point of DECIMAL(4,2)"
        );
        assert_eq!(unscaled("1.234", 10, 2), None);
        assert_eq!(unscaled("1e5", 10, 0), None);
        assert_eq!(unscaled("<US_SSN>", 10, 0), None);
        assert_eq!(unscaled("", 10, 0), None);
        assert_eq!(two_complement(255, 1), None);
        assert_eq!(two_complement(127, 1), Some(vec![0x7F]));
        assert_eq!(two_complement(-128, 1), Some(vec![0x80]));
        assert_eq!(two_complement(-129, 1), None);
        assert_eq!(two_complement(256, 2), Some(vec![1, 0]));
        assert_eq!(two_complement(0, 0), None);
    }

    proptest::proptest! {
        #[test]
        fn decimals_read_back_as_written(v in proptest::num::i64::ANY, scale in 0i32..12) {
            let d = parquet::data_type::Decimal::from_i64(v, 38, scale);
            let t = crate::parquet::field_text(&Field::Decimal(d));
            proptest::prop_assert_eq!(unscaled(&t, 38, scale), Some(i128::from(v)), "{}", t);
            let b = two_complement(i128::from(v), 8).unwrap();
            proptest::prop_assert_eq!(i64::from_be_bytes(b.try_into().unwrap()), v);
        }
    }

    /// A `DATE` its decoder's calendar cannot show (day 2^31 - 1) is still
    /// read: the file is scanned whole and redacted, not refused as corrupt.
    #[test]
    fn extreme_dates_are_read_not_refused() {
        let input = nested_file_with(&[i32::MAX, 4000, i32::MIN]);
        let res = scanner().scan(&input, "t.parquet", DataFormat::Parquet);
        assert!(res.partial.is_none(), "{:?}", res.partial);
        assert!(entities(&input).iter().any(|e| e == "EMAIL"));
        let out = redact_parquet(&input, scanner(), "t.parquet", &opts(Operator::Replace)).unwrap();
        assert_eq!(out.rows, 3);
    }

    /// Under `fpe`, birth dates in a `DATE` column become other dates of
    /// the same year, not the zero day.
    #[test]
    fn format_preserving_birth_dates_stay_dates_in_parquet() {
        let input = nested_file();
        let out = redact_parquet(&input, scanner(), "t.parquet", &opts(Operator::FormatPreserving)).unwrap();
        assert_eq!(schema_of(&out.data), schema_of(&input));
        let t = text(&out.data);
        let before = text(&input);
        let dob = |t: &str, row: usize| t.lines().nth(row).unwrap().split(',').nth(3).unwrap().to_owned();
        for row in 1..=3 {
            let (old, new) = (dob(&before, row), dob(&t, row));
            assert_ne!(old, new, "{t}");
            assert_eq!(old[..5], new[..5], "the year is kept: {old} -> {new}");
            assert_ne!(new, "1970-01-01", "{t}");
        }
        assert_eq!(out.blanked, 0, "{t}");
    }

    #[test]
    fn the_fixture_is_redacted_and_corrupt_files_are_refused() {
        let good = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/resources/test/fixtures/customers.parquet"
        ))
        .unwrap();
        let out = redact_parquet(&good, scanner(), "c.parquet", &opts(Operator::Mask)).unwrap();
        assert_eq!(out.rows, 40);
        assert_eq!(schema_of(&out.data), schema_of(&good));
        assert_eq!(entities(&out.data), Vec::<String>::new());
        for cut in (0..good.len()).step_by(13) {
            let r = redact_parquet(&good[..cut], scanner(), "c.parquet", &opts(Operator::Replace));
            let e = r.expect_err("a truncated file is refused");
            assert!(e.to_string().contains("nothing was written"), "{e}");
        }
        for bad in crate::parquet::tests::corruptions(&good, 300, 0x9e37_79b9_7f4a_7c15) {
            let _ = redact_parquet(&bad, scanner(), "c.parquet", &opts(Operator::Replace));
        }
    }
}
