//! Nordic and Baltic personal identity codes: Swedish personnummer, Finnish
//! HETU, Danish CPR, Norwegian fødselsnummer, Icelandic kennitala, Estonian
//! isikukood and Lithuanian asmens kodas. All embed a birth date, which is
//! checked the way python-stdnum does (`se.personnummer`, `fi.hetu`,
//! `dk.cpr`, `no.fodselsnummer`, `is_.kennitala`, `ee.ik`, `lt.asmens`).

use super::util::{all_digits, compact, digits_varied, dv, is_future, luhn_bytes, num, today, valid_date, weighted};

/// Swedish personal identity number (`se.personnummer`): `YYMMDD-NNNC`,
/// `YYMMDD+NNNC` (aged 100 or more) or with a four-digit year, separator
/// optional; the birth date must exist (the century of a two-digit year is
/// taken from today's date, one more century back for `+`) and the last ten
/// digits pass Luhn. Coordination numbers (day + 60) are rejected, as in
/// stdnum.
pub fn is_se_personnummer(s: &str) -> bool {
    let Some(mut b) = compact(s, " :") else {
        return false;
    };
    // stdnum's compact: insert the separator when absent, then drop any
    // separator that is not the one before the last four digits.
    if (b.len() == 10 || b.len() == 12) && !matches!(b[b.len() - 5], b'-' | b'+') {
        b.insert(b.len() - 4, b'-');
    }
    if b.len() < 5 {
        return false;
    }
    let split = b.len() - 5;
    let sep = b[split];
    let mut n: Vec<u8> = b[..split].iter().copied().filter(|&c| c != b'-' && c != b'+').collect();
    let tail = &b[split + 1..];
    if !matches!(sep, b'-' | b'+') || !(n.len() == 6 || n.len() == 8) {
        return false;
    }
    n.extend_from_slice(tail);
    if !digits_varied(&n) {
        return false;
    }
    let (year, rest) = if n.len() == 12 {
        (num(&n[..4]) as i32, &n[4..])
    } else {
        let now = today().0;
        let mut century = now / 100;
        if num(&n[..2]) as i32 > now % 100 {
            century -= 1;
        }
        if sep == b'+' {
            century -= 1;
        }
        (century * 100 + num(&n[..2]) as i32, &n[2..])
    };
    if !valid_date(year, num(&rest[..2]), num(&rest[2..4])) {
        return false;
    }
    luhn_bytes(&n[n.len() - 10..])
}

/// Finnish personal identity code, HETU (`fi.hetu`): `DDMMYY C NNN Q` with
/// century sign `+` (1800s), `-YXWVU` (1900s) or `A`-`F` (2000s); the date
/// must exist, the individual number must be 002-999, and the control
/// character is the 31-symbol remainder of `DDMMYYNNN` mod 31. Temporary
/// numbers (900-999, given to people awaiting a permanent one) are personal
/// data too: they are accepted, as `fi.hetu(allow_temporary=True)` and
/// Presidio do.
pub fn is_fi_hetu(s: &str) -> bool {
    let Some(b) = compact(s, "") else {
        return false;
    };
    if b.len() != 11 || !all_digits(&b[..6]) || !all_digits(&b[7..10]) {
        return false;
    }
    if b[0] > b'3' || b[2] > b'1' {
        return false;
    }
    let century = match b[6] {
        b'+' => 1800,
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => 1900,
        b'A'..=b'F' => 2000,
        _ => return false,
    };
    if !valid_date(century + num(&b[4..6]) as i32, num(&b[2..4]), num(&b[..2])) {
        return false;
    }
    let individual = num(&b[7..10]);
    if individual < 2 {
        return false;
    }
    let mut digits = Vec::with_capacity(9);
    digits.extend_from_slice(&b[..6]);
    digits.extend_from_slice(&b[7..10]);
    const CONTROL: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    CONTROL[(num(&digits) % 31) as usize] == b[10]
}

/// Danish CPR number (`dk.cpr`): `DDMMYY-SSSS` (dash or space optional).
/// The century follows from the 7th digit and the year; the birth date must
/// exist and not lie in the future. Like stdnum, the old mod-11 check is not
/// applied (numbers issued since 2007 do not satisfy it), so this format is
/// weak on its own.
pub fn is_dk_cpr(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 10 || !digits_varied(&b) {
        return false;
    }
    let yy = num(&b[4..6]) as i32;
    let c = b[6];
    let year = if b"5678".contains(&c) && yy >= 58 {
        1800 + yy
    } else if b"0123".contains(&c) || (b"49".contains(&c) && yy >= 37) {
        1900 + yy
    } else {
        2000 + yy
    };
    let (month, day) = (num(&b[2..4]), num(&b[..2]));
    valid_date(year, month, day) && !is_future(year, month, day)
}

/// Norwegian national identity number, fødselsnummer (`no.fodselsnummer`):
/// eleven digits `DDMMYY III CC` with two mod-11 check digits; D-numbers
/// (day + 40) and H-numbers (month + 40) are accepted, FH-numbers (day ≥ 80)
/// are not; the century follows from the individual number and the birth
/// date must exist and not lie in the future.
pub fn is_no_fodselsnummer(s: &str) -> bool {
    let Some(b) = compact(s, " -:") else {
        return false;
    };
    if b.len() != 11 || !digits_varied(&b) {
        return false;
    }
    let k1 = (11 - weighted(&b[..9], &[3, 7, 6, 1, 8, 9, 4, 5, 2]) % 11) % 11;
    let k2 = (11 - weighted(&b[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11) % 11;
    if k1 != dv(b[9]) || k2 != dv(b[10]) {
        return false;
    }
    let mut day = num(&b[..2]);
    let mut month = num(&b[2..4]);
    let yy = num(&b[4..6]) as i32;
    let individual = num(&b[6..9]);
    if day >= 80 {
        return false;
    }
    if day > 40 {
        day -= 40;
    }
    if month > 40 {
        month -= 40;
    }
    let year = if individual < 500 {
        1900 + yy
    } else if individual < 750 && yy >= 54 {
        1800 + yy
    } else if yy < 40 {
        2000 + yy
    } else if individual >= 900 {
        1900 + yy
    } else {
        return false;
    };
    valid_date(year, month, day) && !is_future(year, month, day)
}

/// Icelandic identity number, kennitala (`is_.kennitala`): `DDMMYY-RRCK`
/// (dash optional) with century digit 9 (1900s) or 0 (2000s); the date
/// (day − 40 for organisations) must exist and the weighted sum (3, 2, 7,
/// 6, 5, 4, 3, 2, 1) must be divisible by 11.
pub fn is_is_kennitala(s: &str) -> bool {
    let Some(b) = compact(s, "-") else {
        return false;
    };
    if b.len() != 10 || !digits_varied(&b) || b[0] > b'7' || b[2] > b'1' {
        return false;
    }
    let year = match b[9] {
        b'9' => 1900,
        b'0' => 2000,
        _ => return false,
    } + num(&b[4..6]) as i32;
    let mut day = num(&b[..2]);
    if day >= 40 {
        day -= 40;
    }
    valid_date(year, num(&b[2..4]), day) && weighted(&b, &[3, 2, 7, 6, 5, 4, 3, 2, 1, 0]) % 11 == 0
}

/// Estonian/Lithuanian check digit: weights 1..9,1 then, if the remainder
/// is 10, weights 3..9,1..3; a remaining 10 becomes 0.
fn baltic_check(b: &[u8]) -> u32 {
    let body = &b[..10];
    let mut check = weighted(body, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
    if check == 10 {
        check = weighted(body, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
    }
    check % 10
}

/// Birth date of an Estonian/Lithuanian code: first digit 1-8 gives the
/// century (1800s..2100s), then `YYMMDD`.
fn baltic_date_ok(b: &[u8]) -> bool {
    let century = match b[0] {
        b'1' | b'2' => 1800,
        b'3' | b'4' => 1900,
        b'5' | b'6' => 2000,
        b'7' | b'8' => 2100,
        _ => return false,
    };
    valid_date(century + num(&b[1..3]) as i32, num(&b[3..5]), num(&b[5..7]))
}

/// Estonian personal identification code, isikukood (`ee.ik`): eleven
/// digits `GYYMMDDSSSC`, gender/century digit 1-8, existing birth date,
/// two-stage mod-11 check digit.
pub fn is_ee_personal_code(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    b.len() == 11 && digits_varied(&b) && baltic_date_ok(&b) && baltic_check(&b) == dv(b[10])
}

/// Lithuanian personal code, asmens kodas (`lt.asmens`): the Estonian
/// format and check digit; codes starting with 9 (no birth date) skip the
/// date check.
pub fn is_lt_personal_code(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    b.len() == 11 && digits_varied(&b) && (b[0] == b'9' || baltic_date_ok(&b)) && baltic_check(&b) == dv(b[10])
}

/// Swedish organisation number (`se.orgnr`): ten digits, the third 2 or
/// more (a personal identity number's month digit is 0 or 1), Luhn.
pub fn is_se_orgnr(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    b.len() == 10 && all_digits(&b) && b[2] >= b'2' && digits_varied(&b) && luhn_bytes(&b)
}
