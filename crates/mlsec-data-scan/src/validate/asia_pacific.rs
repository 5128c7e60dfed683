//! Asia-Pacific identifiers: Indian Aadhaar and PAN, Chinese resident
//! identity card number, Korean resident registration number, Japanese
//! individual number ("My Number"), Australian tax file number, business
//! number, company number and Medicare number, Thai personal identification
//! number, Singapore NRIC/FIN, Taiwanese national identification number,
//! Indian voter id (EPIC), New Zealand IRD number, Pakistani CNIC,
//! Malaysian NRIC and Philippine TIN, after python-stdnum's `in_.aadhaar`,
//! `in_.pan`, `cn.ric`, `kr.rrn`, `jp.in_`, `au.tfn`, `au.abn`, `au.acn`,
//! `th.pin`, `in_.epic`, `nz.ird`, `pk.cnic` and `my.nric` (Medicare,
//! NRIC/FIN, the Taiwanese number and the Philippine TIN, which stdnum
//! lacks, after their issuers' published check digits).

use super::checksum::verhoeff_bytes;
use super::cn_divisions::CN_DIVISIONS;
use super::util::{all_digits, compact, digits_varied, dv, luhn_bytes, luhn_mod, num, valid_date, weighted};

/// Vietnamese tax code, mã số thuế (`vn.mst`): ten digits (thirteen for a
/// branch, `-001` after them), the third to ninth not all zero, the tenth
/// 10 less the first nine weighted 31, 29, 23, 19, 17, 13, 7, 5, 3, mod 11.
pub fn is_vn_mst(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if !(b.len() == 10 || b.len() == 13 && &b[10..] != b"000") || !digits_varied(&b[..10]) || &b[2..9] == b"0000000" {
        return false;
    }
    let total = weighted(&b[..9], &[31, 29, 23, 19, 17, 13, 7, 5, 3]);
    10 - total % 11 == dv(b[9])
}

/// Indonesian identity number, Nomor Induk Kependudukan (`id.nik`):
/// sixteen digits, the first two a province's code, the next two its
/// regency's or city's (not `00`), then the holder's birth date as
/// `DDMMYY` (40 added to the day for a woman), a real date in 19xx or
/// 20xx. python-stdnum also looks the regency up in its table of places;
/// here the province codes stand for that table.
pub fn is_id_nik(s: &str) -> bool {
    let Some(b) = compact(s, " -.") else {
        return false;
    };
    if b.len() != 16 || !all_digits(&b) || !digits_varied(&b) || &b[2..4] == b"00" {
        return false;
    }
    let province = num(&b[..2]);
    if !matches!(province, 11..=19 | 21 | 31..=36 | 51..=53 | 61..=65 | 71..=76 | 81 | 82 | 91..=97) {
        return false;
    }
    let (d, m, y) = (num(&b[6..8]) % 40, num(&b[8..10]), num(&b[10..12]));
    valid_date(1900 + y as i32, m, d) || valid_date(2000 + y as i32, m, d)
}

/// Indonesian tax number, NPWP (`id.npwp`), in its fifteen-digit form
/// (written `01.234.567.8-901.000`): the first nine digits pass Luhn's
/// check.
pub fn is_id_npwp(s: &str) -> bool {
    let Some(b) = compact(s, " -.") else {
        return false;
    };
    b.len() == 15 && all_digits(&b) && digits_varied(&b) && luhn_bytes(&b[..9])
}

/// Indian Aadhaar number (`in_.aadhaar`): twelve digits (spaces or dashes
/// optional), first digit 2-9, not a palindrome, Verhoeff check digit.
pub fn is_in_aadhaar(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 12 || !digits_varied(&b) || b[0] < b'2' {
        return false;
    }
    if b.iter().eq(b.iter().rev()) {
        return false;
    }
    verhoeff_bytes(&b)
}

/// Indian Permanent Account Number (`in_.pan`): `AAAPA9999A` — five
/// letters, four digits, a letter; the fourth letter is a known holder
/// type (`ABCFGHLJPTK`) and the digits are not `0000`. There is no check
/// character, so the format is all that can be verified.
pub fn is_in_pan(s: &str) -> bool {
    compact(s, " -").is_some_and(|b| pan_bytes(&b))
}

/// [`is_in_pan`] on compacted bytes (also the middle of a GSTIN).
fn pan_bytes(b: &[u8]) -> bool {
    b.len() == 10
        && b[..5].iter().all(u8::is_ascii_uppercase)
        && all_digits(&b[5..9])
        && b[9].is_ascii_uppercase()
        && b"ABCFGHLJPTK".contains(&b[3])
        && &b[5..9] != b"0000"
}

/// True when the six-digit `code` is a known administrative division.
fn cn_division_known(code: &[u8]) -> bool {
    let table = CN_DIVISIONS.as_bytes();
    let n = table.len() / 6;
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match table[mid * 6..mid * 6 + 6].cmp(code) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Chinese resident identity card number (`cn.ric`): eighteen characters,
/// seventeen digits and a check character (`0`-`9` or `X`) = (1 − 2·N) mod
/// 11 where N is the first seventeen digits read in base 13; the birth date
/// `YYYYMMDD` must exist and the first six digits must be a known
/// administrative division code (stdnum's `cn/loc.dat`). stdnum further
/// requires the division to have existed in the birth year; that year
/// check is not reproduced.
pub fn is_cn_resident_id(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 18 || !all_digits(&b[..17]) {
        return false;
    }
    let n13 = b[..17].iter().fold(0u64, |acc, &c| (acc * 13 + u64::from(dv(c))) % 11);
    let check = (1 + 2 * 11 - 2 * n13) % 11;
    let expected = if check == 10 { b'X' } else { b'0' + check as u8 };
    if b[17] != expected {
        return false;
    }
    if !valid_date(num(&b[6..10]) as i32, num(&b[10..12]), num(&b[12..14])) {
        return false;
    }
    cn_division_known(&b[..6])
}

/// Korean resident registration number (`kr.rrn`): `YYMMDD-SBBBBNC` (dash
/// optional); the 7th digit gives the century (1/2/5/6 the 1900s, 3/4/7/8
/// the 2000s, others the 1800s), the birth date must exist, the place of
/// birth (8th-9th digits) is at most 96 and the weighted mod-11 check digit
/// matches. Numbers issued since October 2020 have no check digit and are
/// rejected, as by stdnum.
pub fn is_kr_rrn(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 13 || !digits_varied(&b) {
        return false;
    }
    let century = match b[6] {
        b'1' | b'2' | b'5' | b'6' => 1900,
        b'3' | b'4' | b'7' | b'8' => 2000,
        _ => 1800,
    };
    if !valid_date(century + num(&b[..2]) as i32, num(&b[2..4]), num(&b[4..6])) {
        return false;
    }
    if num(&b[7..9]) > 96 {
        return false;
    }
    let sum = weighted(&b[..12], &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]);
    // Foreigners' registration numbers (7th digit 5 to 8) were issued with
    // the check `(13 - sum % 11) % 10`; some carry the residents' one.
    (11 - sum % 11) % 10 == dv(b[12]) || (matches!(b[6], b'5'..=b'8') && (13 - sum % 11) % 10 == dv(b[12]))
}

/// Japanese individual number, My Number (`jp.in_`): twelve digits (spaces
/// or dashes optional) with a weighted mod-11 check digit.
pub fn is_jp_my_number(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 12 || !digits_varied(&b) {
        return false;
    }
    let sum = weighted(&b[..11], &[6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    (11 - sum % 11) % 11 % 10 == dv(b[11])
}

/// Australian tax file number (`au.tfn`): eight or nine digits (spaces
/// optional) whose weighted sum (1, 4, 3, 7, 5, 8, 6, 9, 10) is divisible
/// by 11.
pub fn is_au_tfn(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    (8..=9).contains(&b.len()) && digits_varied(&b) && weighted(&b, &[1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 == 0
}

/// Australian Business Number (`au.abn`): eleven digits (spaces optional);
/// with 1 taken from the first digit, the weighted sum (10, 1, 3, 5, ...,
/// 19) is divisible by 89.
pub fn is_au_abn(s: &str) -> bool {
    let Some(mut b) = compact(s, " ") else {
        return false;
    };
    // stdnum computes the first two digits from the rest as 11 to 99.
    if b.len() != 11 || !digits_varied(&b) || b[0] == b'0' || &b[..2] == b"10" {
        return false;
    }
    b[0] -= 1;
    weighted(&b, &[10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]) % 89 == 0
}

/// Australian Company Number (`au.acn`): nine digits (spaces optional);
/// the check digit is `-Σ w·d mod 10` over the first eight with weights 8
/// down to 1.
pub fn is_au_acn(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 9 || !digits_varied(&b) {
        return false;
    }
    (10 - weighted(&b[..8], &[8, 7, 6, 5, 4, 3, 2, 1]) % 10) % 10 == dv(b[8])
}

/// Australian Medicare card number, as Services Australia issues it (no
/// stdnum module): ten digits (spaces optional), the first 2 to 6, the
/// ninth a check digit (weights 1, 3, 7, 9, 1, 3, 7, 9 mod 10), the tenth
/// the card's issue number (not 0).
pub fn is_au_medicare(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    b.len() == 10
        && digits_varied(&b)
        && (b'2'..=b'6').contains(&b[0])
        && b[9] != b'0'
        && weighted(&b[..8], &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == dv(b[8])
}

/// Thai personal identification number (`th.pin`): thirteen digits
/// (spaces or dashes optional, usually `1-2345-67890-12-1`), the first not
/// 0 or 9, with the check digit `(1 − Σ (13 − i)·d) mod 11 mod 10`.
pub fn is_th_tnin(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 13 || !digits_varied(&b) || b[0] == b'0' || b[0] == b'9' {
        return false;
    }
    let sum = weighted(&b[..12], &[13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    (11 - sum % 11) % 10 == dv(b[12])
}

/// Singapore NRIC or FIN, as the Immigration & Checkpoints Authority
/// issues it (no stdnum module): `S`, `T`, `F` or `G`, seven digits and a
/// check letter from the weighted sum (2, 7, 6, 5, 4, 3, 2), plus 4 for
/// `T` and `G`, mod 11. The `M` series (2022) uses another table and is
/// not read.
pub fn is_sg_nric_fin(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 9 || !all_digits(&b[1..8]) {
        return false;
    }
    let offset = match b[0] {
        b'S' | b'F' => 0,
        b'T' | b'G' => 4,
        _ => return false,
    };
    let r = ((weighted(&b[1..8], &[2, 7, 6, 5, 4, 3, 2]) + offset) % 11) as usize;
    let table: &[u8; 11] = if matches!(b[0], b'S' | b'T') {
        b"JZIHGFEDCBA"
    } else {
        b"XWUTRQPNMLK"
    };
    b[8] == table[r]
}

/// Singapore Unique Entity Number (`sg.uen`): a business (8 digits and a
/// check letter, weights 10 4 9 3 8 2 7 1), a local company (a year not in
/// the future, 5 digits and a check letter, weights 10 8 6 4 9 7 5 3 1),
/// or another entity (`R`, `S` or `T` with a two-digit year, an entity
/// type such as `FC`, 4 digits and a check character over the 32-symbol
/// alphabet, weights 4 3 5 3 10 2 2 5 7, minus 5).
pub fn is_sg_uen(s: &str) -> bool {
    const TYPES: &[&[u8; 2]] = &[
        b"CC", b"CD", b"CH", b"CL", b"CM", b"CP", b"CS", b"CX", b"DP", b"FB", b"FC", b"FM", b"FN", b"GA", b"GB", b"GS",
        b"HS", b"LL", b"LP", b"MB", b"MC", b"MD", b"MH", b"MM", b"MQ", b"NB", b"NR", b"PA", b"PB", b"PF", b"RF", b"RP",
        b"SM", b"SS", b"TC", b"TU", b"VH", b"XL",
    ];
    let Some(b) = compact(s, " ") else {
        return false;
    };
    // A year not in the future, only where the number holds one.
    let year = || i64::from(super::util::today().0);
    let (body, check) = match b.split_last() {
        Some((&c, body)) if c.is_ascii_uppercase() || c.is_ascii_digit() => (body, c),
        _ => return false,
    };
    match b.len() {
        9 if all_digits(body) => {
            let sum = weighted(body, &[10, 4, 9, 3, 8, 2, 7, 1]);
            b"XMKECAWLJDB"[(sum % 11) as usize] == check
        }
        10 if all_digits(body) => {
            let sum = weighted(body, &[10, 8, 6, 4, 9, 7, 5, 3, 1]);
            i64::from(num(&body[..4])) <= year() && b"ZKCMDNERGWH"[(sum % 11) as usize] == check
        }
        10 => {
            const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWX0123456789";
            if !matches!(body[0], b'R' | b'S' | b'T')
                || !all_digits(&body[1..3])
                || !all_digits(&body[5..])
                || !TYPES.iter().any(|t| t[..] == body[3..5])
                || (body[0] == b'T' && i64::from(num(&body[1..3])) > year() % 100)
            {
                return false;
            }
            let mut sum = 0i64;
            for (c, w) in body.iter().zip([4, 3, 5, 3, 10, 2, 2, 5, 7]) {
                let Some(i) = ALPHABET.iter().position(|a| a == c) else {
                    return false;
                };
                sum += i as i64 * w;
            }
            ALPHABET[(sum - 5).rem_euclid(11) as usize] == check
        }
        _ => false,
    }
}

/// Indian GST identification number (`in_.gstin`): a state code (`01` to
/// `37`), the holder's PAN ([`is_in_pan`]), an entity number (`1`-`9`,
/// `A`-`Z`), `Z`, and a check character: Luhn over the 36 digits and
/// letters, as stdnum's `luhn` with that alphabet.
pub fn is_in_gstin(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 15
        || !all_digits(&b[..2])
        || !(1..=37).contains(&num(&b[..2]))
        || !pan_bytes(&b[2..12])
        || !b[12].is_ascii_alphanumeric()
        || b[12] == b'0'
        || b[13] != b'Z'
        || !b[14].is_ascii_alphanumeric()
    {
        return false;
    }
    luhn_mod(&b, 36)
}

/// South Korean business registration number (`kr.brn`): ten digits
/// (`XXX-XX-XXXXX`), office code 101 or more, type and serial not zero;
/// check digit from weights 1, 3, 7, 1, 3, 7, 1, 3 and the ninth digit
/// times 5 with its tens added.
pub fn is_kr_brn(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 10 || !all_digits(&b) || num(&b[..3]) < 101 || num(&b[3..5]) == 0 || num(&b[5..9]) == 0 {
        return false;
    }
    let last = dv(b[8]) * 5;
    let sum = weighted(&b[..8], &[1, 3, 7, 1, 3, 7, 1, 3]) + last / 10 + last;
    (10 - sum % 10) % 10 == dv(b[9])
}

/// Taiwanese national identification number (身分證字號; stdnum has no
/// module for it, so this follows the Ministry of the Interior's published
/// check digit): a letter for the place of first registration, `1` or `2`
/// for the sex (`8` or `9` in the numbers given to residents from abroad
/// since 2021), seven digits and a check digit. The letter stands for
/// 10-35 in the order `ABCDEFGHJKLMNPQRSTUVXYWZIO`; its two digits and the
/// nine others, weighted 1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1, sum to a multiple
/// of 10.
pub fn is_tw_national_id(s: &str) -> bool {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVXYWZIO";
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 10 || !all_digits(&b[1..]) || !matches!(b[1], b'1' | b'2' | b'8' | b'9') {
        return false;
    }
    let Some(area) = LETTERS.iter().position(|&c| c == b[0]) else {
        return false;
    };
    let area = area as u32 + 10;
    let sum = area / 10 + 9 * (area % 10) + weighted(&b[1..], &[8, 7, 6, 5, 4, 3, 2, 1, 1]);
    sum % 10 == 0
}

/// Indian voter ID, the Electoral Photo Identity Card number (`in_.epic`):
/// three letters and seven digits, the digits passing the Luhn check.
pub fn is_in_epic(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    b.len() == 10 && b[..3].iter().all(u8::is_ascii_uppercase) && digits_varied(&b[3..]) && luhn_bytes(&b[3..])
}

/// New Zealand IRD number (`nz.ird`): eight or nine digits between
/// 10,000,000 and 150,000,000, the last a mod-11 check digit over the
/// others (left-padded to eight) with weights 3, 2, 7, 6, 5, 4, 3, 2, or,
/// where that gives 10, with 7, 4, 3, 2, 5, 2, 7, 6 (a second 10: no
/// number). A leading `NZ` is allowed.
pub fn is_nz_ird(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    let b = b.strip_prefix(b"NZ").unwrap_or(&b);
    if !(8..=9).contains(&b.len()) || !digits_varied(b) {
        return false;
    }
    let value = num(b);
    if !(10_000_001..150_000_000).contains(&value) {
        return false;
    }
    let mut body = [b'0'; 8];
    body[8 - (b.len() - 1)..].copy_from_slice(&b[..b.len() - 1]);
    let check = |weights: &[u32]| (11 - weighted(&body, weights) % 11) % 11;
    let mut c = check(&[3, 2, 7, 6, 5, 4, 3, 2]);
    if c == 10 {
        c = check(&[7, 4, 3, 2, 5, 2, 7, 6]);
    }
    c < 10 && c == dv(b[b.len() - 1])
}

/// Philippine taxpayer identification number (TIN): nine digits, the ninth
/// the remainder mod 11 of the first eight weighted 9, 8, ..., 2, then an
/// optional branch code of three digits (`123-456-789-000`). The
/// Bureau of Internal Revenue's check, as Presidio applies it; stdnum has
/// no module for it.
pub fn is_ph_tin(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    matches!(b.len(), 9 | 12)
        && digits_varied(&b[..9])
        && all_digits(&b)
        && weighted(&b[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) % 11 == dv(b[8])
}

/// Pakistani computerised national identity card number (`pk.cnic`):
/// thirteen digits, the first a province (1-7), the last the holder's sex
/// (odd or even, never 0). No check digit.
pub fn is_pk_cnic(s: &str) -> bool {
    let Some(b) = compact(s, "-") else {
        return false;
    };
    b.len() == 13 && digits_varied(&b) && (b'1'..=b'7').contains(&b[0]) && b[12] != b'0'
}

/// Malaysian NRIC number (`my.nric`): twelve digits, a birth date
/// `YYMMDD` (19xx or 20xx), a place of birth the National Registration
/// Department lists (a state, or a country abroad) and four more digits.
/// No check digit.
pub fn is_my_nric(s: &str) -> bool {
    let Some(b) = compact(s, " -*") else {
        return false;
    };
    if b.len() != 12 || !digits_varied(&b) {
        return false;
    }
    let (y, m, d) = (num(&b[..2]) as i32, num(&b[2..4]), num(&b[4..6]));
    let place = num(&b[6..8]);
    let place_known = matches!(place, 1..=16 | 21..=68 | 71 | 72 | 74..=79 | 82..=93 | 98 | 99);
    place_known && (valid_date(1900 + y, m, d) || valid_date(2000 + y, m, d))
}
