//! NumPy `.npy`: the header is parsed; object arrays carry a pickle, which is scanned.

use mlsec_diagnostics::codes::{FMT_MALFORMED, FMT_NPY_OBJECT};

use super::{pickle, Cx};

/// Scan a `.npy` file (magic `\x93NUMPY`).
pub(crate) fn scan_npy(cx: &mut Cx<'_>, data: &[u8], chain: &[String], depth: u32) -> &'static str {
    let Some((header, body_off)) = header(data) else {
        cx.add(
            &FMT_MALFORMED,
            chain,
            Some(0),
            "numpy header is truncated or malformed".into(),
            "npy".into(),
        );
        return "numpy";
    };
    if is_object_dtype(header) {
        cx.add(
            &FMT_NPY_OBJECT,
            chain,
            Some(body_off as u64),
            "numpy array has object dtype; its data is a pickle".into(),
            "dtype O".into(),
        );
        pickle::scan_pickle_stream(cx, &data[body_off..], chain, depth, body_off as u64);
    }
    "numpy"
}

/// True when `head` starts a `.npy` whose header parses and whose dtype holds no
/// Python objects: the rest is raw numbers and need not be read.
pub(crate) fn is_plain_array(head: &[u8]) -> bool {
    head.starts_with(b"\x93NUMPY") && header(head).is_some_and(|(h, _)| !is_object_dtype(h))
}

/// The header text and the offset of the array data.
fn header(d: &[u8]) -> Option<(&str, usize)> {
    let major = *d.get(6)?;
    let (len, start): (usize, usize) = match major {
        1 => (usize::from(u16::from_le_bytes([*d.get(8)?, *d.get(9)?])), 10),
        2 | 3 => (u32::from_le_bytes(d.get(8..12)?.try_into().ok()?) as usize, 12),
        _ => return None,
    };
    let end = start.checked_add(len)?;
    let h = std::str::from_utf8(d.get(start..end)?).ok()?;
    h.contains("descr").then_some((h, end))
}

/// True when the dtype (plain or structured) contains Python objects.
fn is_object_dtype(h: &str) -> bool {
    let Some(i) = h.find("descr") else {
        return false;
    };
    let rest = &h[i..];
    let end = rest
        .find("fortran_order")
        .or_else(|| rest.find("shape"))
        .unwrap_or(rest.len());
    let descr = &rest[..end];
    ["'O'", "'|O'", "\"O\"", "\"|O\"", "'O8'", "'|O8'", "'<O'", "'>O'"]
        .iter()
        .any(|p| descr.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_dtype_detection() {
        assert!(is_object_dtype(
            "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }"
        ));
        assert!(is_object_dtype(
            "{'descr': [('a', '<i8'), ('b', 'O')], 'fortran_order': False, 'shape': (2,), }"
        ));
        assert!(!is_object_dtype(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"
        ));
    }
}
