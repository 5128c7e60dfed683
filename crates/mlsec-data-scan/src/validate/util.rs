//! Helpers shared by the validators: separator stripping (the equivalent of
//! python-stdnum's `clean`/`compact`), digit access, small checksum
//! building blocks and calendar arithmetic for the identifiers that embed a
//! birth date.
//!
//! Everything here works on ASCII bytes: [`compact`] refuses any input that
//! still holds a non-ASCII character after separators are removed, so the
//! validators can index byte slices without worrying about UTF-8 boundaries.

use std::time::{SystemTime, UNIX_EPOCH};

/// Longest compacted identifier any validator accepts (IBANs are at most 34
/// characters). Longer input is rejected before any work is done.
pub(crate) const MAX_COMPACT_LEN: usize = 40;

/// Normalises a candidate the way python-stdnum's `compact` functions do:
/// Unicode dashes become `-`, Unicode spaces become ` `, every character in
/// `seps` is removed, surrounding whitespace is trimmed and ASCII letters
/// are upper-cased. Returns `None` when the result is empty, still contains
/// a non-ASCII character, or is longer than [`MAX_COMPACT_LEN`].
pub(crate) fn compact(s: &str, seps: &str) -> Option<Vec<u8>> {
    // Cheap bound before looking at characters: separators rarely make up
    // more than half of a real identifier.
    if s.len() > MAX_COMPACT_LEN * 4 {
        return None;
    }
    let t = s.trim();
    let mut out = Vec::with_capacity(t.len());
    if t.is_ascii() {
        // The common case, byte by byte: ASCII whitespace is a space, as
        // `char::is_whitespace` has it.
        let seps = seps.as_bytes();
        for &c in t.as_bytes() {
            let c = if matches!(c, b'\t'..=b'\r') { b' ' } else { c };
            if !seps.contains(&c) {
                out.push(c.to_ascii_uppercase());
            }
        }
        return (!out.is_empty() && out.len() <= MAX_COMPACT_LEN).then_some(out);
    }
    for c in t.chars() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if seps.contains(c) {
            continue;
        }
        if !c.is_ascii() {
            return None;
        }
        out.push(c.to_ascii_uppercase() as u8);
    }
    if out.is_empty() || out.len() > MAX_COMPACT_LEN {
        None
    } else {
        Some(out)
    }
}

/// True when `b` is non-empty and made of ASCII digits only.
pub(crate) fn all_digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

/// True when every byte of `b` equals the first one (also true for `b""`).
pub(crate) fn all_same(b: &[u8]) -> bool {
    b.windows(2).all(|w| w[0] == w[1])
}

/// True for ASCII digits that are not all the same digit. No identifier
/// scheme issues numbers like `000000000` or `1111111111`, which are common
/// placeholders in data, so every all-digit validator rejects them even
/// where python-stdnum's arithmetic lets some through.
pub(crate) fn digits_varied(b: &[u8]) -> bool {
    all_digits(b) && !all_same(b)
}

/// Value of one ASCII digit (callers check [`all_digits`] first; anything
/// else maps to a value of at least 10 instead of panicking).
pub(crate) fn dv(b: u8) -> u32 {
    u32::from(b.wrapping_sub(b'0'))
}

/// Decimal value of a short run of ASCII digits (at most 9, so it fits).
pub(crate) fn num(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, &c| acc.wrapping_mul(10).wrapping_add(dv(c)))
}

/// Decimal value of a digit run reduced modulo `m` (any length).
pub(crate) fn num_mod(b: &[u8], m: u64) -> u64 {
    b.iter().fold(0u64, |acc, &c| (acc * 10 + u64::from(dv(c))) % m)
}

/// Weighted digit sum `Σ w[i] * d[i]` over the shorter of both slices.
pub(crate) fn weighted(b: &[u8], weights: &[u32]) -> u32 {
    b.iter().zip(weights).map(|(&c, &w)| w * dv(c)).sum()
}

/// Luhn check over ASCII digits (false for empty or non-digit input).
/// The digit sums of `values` times `weights` (each product at most 99),
/// added: the German insurance numbers' "Quersumme" checks.
pub(crate) fn cross_sum_weighted(values: impl Iterator<Item = u32>, weights: &[u32]) -> u32 {
    values.zip(weights).map(|(v, w)| v * w / 10 + v * w % 10).sum()
}

pub(crate) fn luhn_bytes(b: &[u8]) -> bool {
    all_digits(b) && luhn_mod(b, 10)
}

/// Luhn check in base `n` (10 for digits, 36 for `0-9A-Z` as stdnum's
/// `luhn` with that alphabet): digits are worth 0-9 and upper-case
/// letters 10-35; callers check the characters first.
pub(crate) fn luhn_mod(b: &[u8], n: u32) -> bool {
    let value = |c: u8| {
        u32::from(if c.is_ascii_digit() {
            c - b'0'
        } else {
            c.wrapping_sub(b'A') % 26 + 10
        })
    };
    let sum: u32 = b
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| {
            let d = value(c);
            if i % 2 == 1 {
                (d * 2) / n + (d * 2) % n
            } else {
                d
            }
        })
        .sum();
    !b.is_empty() && sum % n == 0
}

/// ISO 7064 MOD 11,10 check over ASCII digits (the last digit is the check
/// digit): the running checksum must end at 1.
pub(crate) fn mod_11_10(b: &[u8]) -> bool {
    if !all_digits(b) {
        return false;
    }
    let mut check = 5u32;
    for &c in b {
        let c0 = if check == 0 { 10 } else { check };
        check = ((c0 * 2) % 11 + dv(c)) % 10;
    }
    check == 1
}

/// GS1 (EAN/UPC) check digit: the last digit must make the alternating
/// 3/1-weighted sum a multiple of 10.
pub(crate) fn ean_check(b: &[u8]) -> bool {
    if !all_digits(b) || b.len() < 2 {
        return false;
    }
    let (body, check) = b.split_at(b.len() - 1);
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| if i % 2 == 0 { 3 * dv(c) } else { dv(c) })
        .sum();
    (10 - sum % 10) % 10 == dv(check[0])
}

/// Days in month `m` of year `y`, or 0 when `m` is not 1..=12.
pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    mlsec_diagnostics::time::days_in_month(i64::from(y), m)
}

/// True when `y-m-d` is a real calendar date Python's `datetime.date`
/// would accept (years 1..=9999).
pub(crate) fn valid_date(y: i32, m: u32, d: u32) -> bool {
    (1..=9999).contains(&y) && d >= 1 && d <= days_in_month(y, m)
}

/// Today's date (UTC) as `(year, month, day)`, used by the few schemes
/// where python-stdnum compares a birth date with today or picks the
/// century from the current year. Falls back to 1970-01-01 if the clock is
/// before the Unix epoch.
pub(crate) fn today() -> (i32, u32, u32) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Converts days since 1970-01-01 to a proleptic Gregorian date.
pub(crate) fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let (y, m, d) = mlsec_diagnostics::time::civil_from_days(days);
    (
        i32::try_from(y).unwrap_or(1970),
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// True when the date `(y, m, d)` lies after today.
pub(crate) fn is_future(y: i32, m: u32, d: u32) -> bool {
    (y, m, d) > today()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII fast path of [`compact`] agrees with a char-by-char
        /// reading of the same text.
        #[test]
        fn compact_ascii_agrees_with_chars(s in "[ \t\x0b\n\r\x0c-.:/aZ09]{0,60}", seps in "[ .:-]{0,3}") {
            let mut oracle = Vec::new();
            for c in s.trim().chars() {
                let c = if c.is_whitespace() { ' ' } else { c };
                if !seps.contains(c) {
                    oracle.push(c.to_ascii_uppercase() as u8);
                }
            }
            let oracle = (!oracle.is_empty() && oracle.len() <= MAX_COMPACT_LEN).then_some(oracle);
            proptest::prop_assert_eq!(compact(&s, &seps), oracle);
        }
    }

    #[test]
    fn compact_strips_and_uppercases() {
        assert_eq!(compact(" ab-12 34 ", " -").as_deref(), Some(&b"AB1234"[..]));
        assert_eq!(compact("12\u{2013}34", "-").as_deref(), Some(&b"1234"[..]));
        assert_eq!(compact("12\u{a0}34", " ").as_deref(), Some(&b"1234"[..]));
        assert!(compact("12é34", " ").is_none());
        assert!(compact("   ", " ").is_none());
        assert!(compact(&"1".repeat(41), " ").is_none());
    }

    #[test]
    fn calendar() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_753), (2024, 1, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert!(valid_date(2000, 2, 29));
        assert!(!valid_date(1900, 2, 29));
        assert!(!valid_date(2023, 13, 1));
        assert!(!valid_date(2023, 4, 31));
        assert!(!valid_date(0, 1, 1));
        assert!(today().0 >= 2024);
    }

    #[test]
    fn checksums() {
        assert!(luhn_bytes(b"79927398713"));
        assert!(!luhn_bytes(b"79927398710"));
        assert!(mod_11_10(b"86095742719"));
        assert!(!mod_11_10(b"86095742718"));
        assert!(ean_check(b"4006381333931"));
        assert!(!ean_check(b"4006381333932"));
    }
}
