//! Identifiers from the Middle East and Africa: Israeli identity number,
//! Turkish T.C. Kimlik No., South African identity and tax numbers and
//! Nigerian NIN, after python-stdnum's `il.idnr`, `tr.tckimlik`, `za.idnr`
//! and `za.tin` (the NIN, which stdnum lacks, after the NIMC's Verhoeff
//! check digit).

use super::checksum::verhoeff_bytes;
use super::util::{compact, digits_varied, dv, luhn_bytes, num, today, valid_date, weighted};

/// Israeli identity number, Teudat Zehut (`il.idnr`): up to nine digits
/// (left padded with zeros; spaces or dashes optional), not zero, Luhn
/// check digit.
pub fn is_il_id(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() > 9 || !digits_varied(&b) || b.iter().all(|&c| c == b'0') {
        return false;
    }
    let mut p = vec![b'0'; 9 - b.len()];
    p.extend_from_slice(&b);
    luhn_bytes(&p)
}

/// Turkish personal identification number, T.C. Kimlik No.
/// (`tr.tckimlik`): eleven digits, first not 0; the 10th digit is
/// (7·odd-position sum − even-position sum) mod 10 and the 11th the sum of
/// the first ten mod 10.
pub fn is_tr_tckn(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 11 || !digits_varied(&b) || b[0] == b'0' {
        return false;
    }
    let s1 = weighted(&b[..9], &[3, 1, 3, 1, 3, 1, 3, 1, 3]);
    let c1 = (10 - s1 % 10) % 10;
    let c2 = (c1 + b[..9].iter().map(|&c| dv(c)).sum::<u32>()) % 10;
    c1 == dv(b[9]) && c2 == dv(b[10])
}

/// South African identity number (`za.idnr`): thirteen digits
/// `YYMMDD SSSS C A Z` (spaces optional); the birth date must exist (the
/// century is the latest one not in the future), the citizenship digit is
/// 0 or 1, and the number passes Luhn.
pub fn is_za_id(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 13 || !digits_varied(&b) {
        return false;
    }
    let now = today().0;
    let mut year = num(&b[..2]) as i32 + 100 * (now / 100);
    if year > now {
        year -= 100;
    }
    valid_date(year, num(&b[2..4]), num(&b[4..6])) && matches!(b[10], b'0' | b'1') && luhn_bytes(&b)
}

/// Nigerian National Identification Number (NIN): eleven digits, the last
/// a Verhoeff check digit, as the National Identity Management Commission
/// issues them and Presidio checks them (stdnum has no module for it).
pub fn is_ng_nin(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    b.len() == 11 && digits_varied(&b) && verhoeff_bytes(&b)
}

/// A Kenyan KRA PIN (the Kenya Revenue Authority's personal identification
/// number): `A` (a person) or `P` (a firm), nine digits, a letter. No check
/// digit is published: the shape only, read under its own words.
#[must_use]
pub fn is_ke_kra_pin(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11
        && matches!(b[0], b'A' | b'P')
        && b[1..10].iter().all(u8::is_ascii_digit)
        && b[10].is_ascii_uppercase()
        && digits_varied(&b[1..10])
}

/// South African tax reference number (`za.tin`): ten digits, the first
/// 0, 1, 2, 3 or 9, passing the Luhn check.
pub fn is_za_tin(s: &str) -> bool {
    let Some(b) = compact(s, " -/") else {
        return false;
    };
    b.len() == 10 && digits_varied(&b) && b"01239".contains(&b[0]) && luhn_bytes(&b)
}
