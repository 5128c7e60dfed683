//! Parquet: decode row groups on all cores into CSV text (a header of
//! column paths, one record per row) that the delimited-text scanner reads,
//! so Parquet values get the same detectors, column summaries and row
//! numbers as CSV. Nested values (lists, maps, structs) are written in their display form
//! (`{a: 1, b: ["x"]}`).
//!
//! What this does not do yet: stream. The decoded text of the whole file is
//! held in memory, bounded by a byte budget; past it, or at a corrupt or
//! truncated part, the result is partial and says why.

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
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

fn push_csv_field(out: &mut Vec<u8>, v: &str) {
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

fn field_text(f: &Field) -> String {
    match f {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => String::from_utf8_lossy(b.data()).into_owned(),
        other => other.to_string(),
    }
}

/// Decode a Parquet file into CSV text, at most `budget` bytes of it.
#[must_use]
pub fn to_csv(data: &[u8], budget: usize) -> Decoded {
    let mut out = Decoded::default();
    let reader = match SerializedFileReader::new(bytes::Bytes::copy_from_slice(data)) {
        Ok(r) => r,
        Err(e) => {
            out.partial = Some(format!("unreadable parquet file (truncated or corrupt footer): {e}"));
            return out;
        }
    };
    let meta = reader.metadata();
    let columns: Vec<String> = meta
        .file_metadata()
        .schema_descr()
        .root_schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_owned())
        .collect();
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            out.csv.push(b',');
        }
        push_csv_field(&mut out.csv, c);
    }
    out.csv.push(b'\n');
    let groups = meta.num_row_groups();
    let per_group_budget = budget / groups.max(1) + 1;
    let decoded: Vec<(Vec<u8>, u64, Option<String>)> = (0..groups)
        .into_par_iter()
        .map(|g| {
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
                for (i, (_, f)) in row.get_column_iter().enumerate() {
                    if i > 0 {
                        text.push(b',');
                    }
                    push_csv_field(&mut text, &field_text(f));
                }
                text.push(b'\n');
                rows += 1;
                if text.len() > per_group_budget {
                    return (text, rows, Some(format!("row group {g} decodes to more than {per_group_budget} bytes of text; the rest was not read")));
                }
            }
            (text, rows, None)
        })
        .collect();
    for (text, rows, err) in decoded {
        out.csv.extend_from_slice(&text);
        out.rows += rows;
        if let Some(e) = err {
            out.partial.get_or_insert(e);
            // Rows after a broken group would be numbered wrongly: stop here.
            break;
        }
    }
    out
}
