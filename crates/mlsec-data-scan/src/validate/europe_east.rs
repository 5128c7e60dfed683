//! Central and Eastern European identifiers: Polish PESEL, Czech/Slovak
//! birth number (rodné číslo), Romanian CNP, Bulgarian EGN, Croatian OIB,
//! the former Yugoslav unique master citizen number (JMBG/EMŠO/EMBG),
//! Ukrainian RNOKPP, Russian INN and the Latvian personal code, following
//! python-stdnum's `pl.pesel`, `cz.rc`, `ro.cnp`, `bg.egn`, `hr.oib`,
//! `si.emso`, `ua.rntrc`, `ru.inn` and `lv.pvn`.

use super::util::{all_digits, compact, digits_varied, dv, mod_11_10, num, num_mod, valid_date, weighted};

/// Polish PESEL (`pl.pesel`): eleven digits `YYMMDDZZZXQ`; the month
/// carries the century (+80 for the 1800s, +0, +20, +40, +60 for the 1900s
/// to 2200s), the birth date must exist, and the check digit uses weights
/// 1, 3, 7, 9.
pub fn is_pl_pesel(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 11 || !digits_varied(&b) {
        return false;
    }
    let sum = weighted(&b[..10], &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    if (10 - sum % 10) % 10 != dv(b[10]) {
        return false;
    }
    let mm = num(&b[2..4]);
    let century = match mm / 20 {
        0 => 1900,
        1 => 2000,
        2 => 2100,
        3 => 2200,
        _ => 1800,
    };
    valid_date(century + num(&b[..2]) as i32, mm % 20, num(&b[4..6]))
}

/// Polish tax number, NIP (`pl.nip`): ten digits (grouped `123-456-32-18`
/// or `123-45-67-819`), the last the sum of the first nine weighted 6, 5,
/// 7, 2, 3, 4, 5, 6, 7, mod 11 (never 10).
pub fn is_pl_nip(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    b.len() == 10 && digits_varied(&b) && weighted(&b[..9], &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 == dv(b[9])
}

/// Czech or Slovak birth number, rodné číslo (`cz.rc`): `YYMMDD/SSS[C]`
/// (slash or space optional). Month + 50 for women, + 20 for the overflow
/// series; 9-digit numbers only exist for births before 1954; 10-digit
/// numbers must have the first nine digits mod 11 (mod 10) equal to the
/// last digit. The birth date must exist.
pub fn is_cz_birth_number(s: &str) -> bool {
    let Some(b) = compact(s, " /") else {
        return false;
    };
    if !(9..=10).contains(&b.len()) || !digits_varied(&b) {
        return false;
    }
    let mut year = 1900 + num(&b[..2]) as i32;
    let month = num(&b[2..4]) % 50 % 20;
    let day = num(&b[4..6]);
    if b.len() == 9 {
        if year >= 1980 {
            year -= 100;
        }
        if year > 1953 {
            return false;
        }
    } else if year < 1954 {
        year += 100;
    }
    if !valid_date(year, month, day) {
        return false;
    }
    b.len() == 9 || num_mod(&b[..9], 11) % 10 == u64::from(dv(b[9]))
}

/// Romanian personal numeric code, CNP (`ro.cnp`): thirteen digits
/// `SYYMMDDJJNNNC`; first digit 1-9 (sex and century), an existing birth
/// date, a known county code (01-48, 51, 52, 70, 80-83) and the weighted
/// mod-11 check digit (10 becomes 1).
pub fn is_ro_cnp(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 13 || !digits_varied(&b) || b[0] == b'0' {
        return false;
    }
    let century = match b[0] {
        b'3' | b'4' => 1800,
        b'5' | b'6' => 2000,
        _ => 1900,
    };
    if !valid_date(century + num(&b[1..3]) as i32, num(&b[3..5]), num(&b[5..7])) {
        return false;
    }
    let county = num(&b[7..9]);
    if !matches!(county, 1..=48 | 51 | 52 | 70 | 80..=83) {
        return false;
    }
    let check = weighted(&b[..12], &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
    let check = if check == 10 { 1 } else { check };
    check == dv(b[12])
}

/// Bulgarian uniform civil number, EGN (`bg.egn`): ten digits `YYMMDDSSSC`
/// with month + 20 for the 1800s and + 40 for the 2000s, an existing birth
/// date and the weighted mod-11 (mod 10) check digit.
pub fn is_bg_egn(s: &str) -> bool {
    let Some(b) = compact(s, " -.") else {
        return false;
    };
    if b.len() != 10 || !digits_varied(&b) {
        return false;
    }
    let mut year = 1900 + num(&b[..2]) as i32;
    let mut month = num(&b[2..4]);
    if month > 40 {
        year += 100;
        month -= 40;
    } else if month > 20 {
        year -= 100;
        month -= 20;
    }
    valid_date(year, month, num(&b[4..6])) && weighted(&b[..9], &[2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10 == dv(b[9])
}

/// Croatian personal identification number, OIB (`hr.oib`): eleven digits
/// (optional `HR` prefix, spaces, dashes) with an ISO 7064 MOD 11,10 check
/// digit.
pub fn is_hr_oib(s: &str) -> bool {
    let Some(mut b) = compact(s, " -") else {
        return false;
    };
    if b.starts_with(b"HR") {
        b.drain(..2);
    }
    b.len() == 11 && digits_varied(&b) && mod_11_10(&b)
}

/// Unique master citizen number of the former Yugoslav states (`si.emso`;
/// JMBG in Serbia, Bosnia and Herzegovina and Montenegro, EMBG in North
/// Macedonia): thirteen digits `DDMMYYYRRBBBK`, the birth date must exist
/// (a year below 800 is in the 2000s, else in the 1000s) and `K` is
/// `-(weighted sum) mod 11 mod 10` with weights 7..2, 7..2.
pub fn is_jmbg(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 13 || !all_digits(&b) || !digits_varied(&b) {
        return false;
    }
    let y = num(&b[4..7]) as i32;
    let year = if y < 800 { 2000 + y } else { 1000 + y };
    if !valid_date(year, num(&b[2..4]), num(&b[..2])) {
        return false;
    }
    let sum = weighted(&b[..12], &[7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    (11 - sum % 11) % 11 % 10 == dv(b[12])
}

/// Ukrainian individual taxpayer number, RNOKPP (`ua.rntrc`): ten digits,
/// the last `(weighted sum) mod 11 mod 10` with weights -1, 5, 7, 9, 4, 6,
/// 10, 5, 7.
pub fn is_ua_rnokpp(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 10 || !all_digits(&b) || !digits_varied(&b) {
        return false;
    }
    let total: i64 = b[..9]
        .iter()
        .zip([-1i64, 5, 7, 9, 4, 6, 10, 5, 7])
        .map(|(&c, w)| i64::from(dv(c)) * w)
        .sum();
    total.rem_euclid(11) % 10 == i64::from(dv(b[9]))
}

/// Russian taxpayer number, INN (`ru.inn`): ten digits for an
/// organisation (one check digit) or twelve for a person (two), each
/// `(weighted sum) mod 11 mod 10`.
pub fn is_ru_inn(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if !all_digits(&b) || !digits_varied(&b) {
        return false;
    }
    let check = |digits: &[u8], weights: &[u32]| weighted(digits, weights) % 11 % 10;
    match b.len() {
        10 => check(&b[..9], &[2, 4, 10, 3, 5, 9, 4, 6, 8]) == dv(b[9]),
        12 => {
            check(&b[..10], &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == dv(b[10])
                && check(&b[..11], &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == dv(b[11])
        }
        _ => false,
    }
}

/// Latvian personal code, personas kods (the personal branch of
/// `lv.pvn`): eleven digits `DDMMYY-CNNNN` (the dash optional) whose first
/// digit is at most 3; `C` gives the century (0: 1800s, 1: 1900s, 2:
/// 2000s) and the date must exist, except for codes from 2017 on, which
/// start with `32` and carry no date. The last digit is
/// `(1 + weighted sum) mod 11 mod 10` with weights 10, 5, 8, 4, 2, 1, 6,
/// 3, 7, 9.
pub fn is_lv_personal_code(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 11 || !all_digits(&b) || !digits_varied(&b) || b[0] > b'3' {
        return false;
    }
    if !b.starts_with(b"32") {
        let year = 1800 + 100 * dv(b[6]) as i32 + num(&b[4..6]) as i32;
        if !valid_date(year, num(&b[2..4]), num(&b[..2])) {
            return false;
        }
    }
    (1 + weighted(&b[..10], &[10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11 % 10 == dv(b[10])
}
