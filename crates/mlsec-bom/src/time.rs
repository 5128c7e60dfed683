//! RFC 3339 date-times, the only time format CycloneDX accepts: checking a
//! given string, and formatting a Unix time (the current time, or a
//! `SOURCE_DATE_EPOCH` the caller read) in UTC. The formatting is shared
//! with mlsec-diagnostics (`mlsec_diagnostics::time`), re-exported by mlsec-signing.

/// Check that `s` is an RFC 3339 `date-time` with a UTC offset
/// (`2024-05-01T12:00:00Z`, `2024-05-01T14:00:00.5+02:00`).
///
/// # Errors
/// Why the text is not one, as a short phrase.
pub(crate) fn check_rfc3339(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let shape = "is not an RFC 3339 date-time like `2024-05-01T12:00:00Z`";
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
        return Err(shape.into());
    }
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    ) else {
        return Err(shape.into());
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(format!("has no such date `{}`", &s[..10]));
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!("has no such time `{}`", &s[11..19]));
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return Err(shape.into());
        }
        rest = &frac[n..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => Ok(()),
        [b'+' | b'-', ..] if rest.len() == 6 => {
            match (digits(s.len() - 5..s.len() - 3), digits(s.len() - 2..s.len())) {
                (Some(h), Some(m)) if rest.as_bytes()[3] == b':' && h <= 23 && m <= 59 => Ok(()),
                _ => Err(shape.into()),
            }
        }
        [] => Err("has no UTC offset; add `Z` (UTC) or one such as `+02:00`".into()),
        _ => Err(shape.into()),
    }
}

fn days_in_month(y: u32, m: u32) -> u32 {
    mlsec_diagnostics::time::days_in_month(i64::from(y), m)
}

pub use mlsec_signing::format_unix_utc;

/// The current time, to the second, in UTC.
pub(crate) fn now_utc() -> String {
    let secs = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    format_unix_utc(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_unix_utc(i64::MIN), "0000-01-01T00:00:00Z");
        assert!(check_rfc3339(&now_utc()).is_ok());
    }

    #[test]
    fn checks_rfc3339() {
        for ok in [
            "2024-05-01T12:00:00Z",
            "2024-02-29T23:59:60.123+02:00",
            "2024-05-01t12:00:00z",
            "2024-05-01T12:00:00-08:00",
        ] {
            assert_eq!(check_rfc3339(ok), Ok(()), "{ok}");
        }
        for bad in [
            "2024-05-01",
            "2024-05-01T12:00:00",
            "2024-05-01 12:00:00Z",
            "2023-02-29T12:00:00Z",
            "2024-13-01T12:00:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00+0200",
            "2024-05-01T12:00:00+02:00x",
            "２０２４-05-01T12:00:00Z",
        ] {
            assert!(check_rfc3339(bad).is_err(), "{bad}");
        }
        assert!(check_rfc3339("2024-05-01T12:00:00").unwrap_err().contains("offset"));
    }
}
