//! Western European identifiers: UK National Insurance number and NHS
//! number, German tax id (Steuer-IdNr), French NIR, Spanish NIF/DNI and NIE,
//! Italian codice fiscale and VAT number (partita IVA), Dutch BSN, Belgian national number, Portuguese
//! NIF, Irish PPS number, Swiss AHV/AVS number, Austrian social security
//! number, Greek AMKA, UK Unique Taxpayer Reference and German identity
//! card number.
//!
//! Rules follow the matching python-stdnum modules (`gb.nhs`, `de.idnr`,
//! `fr.nir`, `es.dni`/`es.nie`/`es.nif`, `it.codicefiscale`, `it.iva`, `nl.bsn`,
//! `be.nn`, `pt.nif`, `ie.pps`, `ch.ssn`, `at.vnr`, `gr.amka`, `gb.utr`). stdnum has no NINO module; that
//! one follows HMRC's published allocation rules, and the identity card
//! number ICAO Doc 9303.

use super::util::{
    all_digits, all_same, compact, cross_sum_weighted, digits_varied, dv, ean_check, luhn_bytes, mod_11_10, num,
    num_mod, today, valid_date, weighted,
};

/// UK National Insurance number: two prefix letters, six digits, suffix
/// `A`-`D` (spaces or dashes optional). HMRC rules: the first letter is not
/// D, F, I, Q, U or V; the second is not D, F, I, O, Q, U or V; the prefixes
/// BG, GB, KN, NK, NT, TN and ZZ are never allocated.
pub fn is_uk_nino(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 9 || !all_digits(&b[2..8]) {
        return false;
    }
    let (p1, p2, suffix) = (b[0], b[1], b[8]);
    if !p1.is_ascii_uppercase() || !p2.is_ascii_uppercase() {
        return false;
    }
    if b"DFIQUV".contains(&p1) || b"DFIOQUV".contains(&p2) {
        return false;
    }
    if matches!(&b[..2], b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ") {
        return false;
    }
    (b'A'..=b'D').contains(&suffix)
}

/// UK (DVLA) driving licence number, 16 characters: the first five of the
/// surname padded with `9`, the birth date as decade digit, month (plus 50
/// for women), day and year digit, two initials (`9` for none), a digit
/// and two check letters. The date must be one (`MORGA607054SM9IJ`);
/// stdnum has no module for it.
pub fn is_uk_driving_licence(s: &str) -> bool {
    let b: Vec<u8> = s.bytes().map(|c| c.to_ascii_uppercase()).collect();
    if b.len() != 16 {
        return false;
    }
    let (surname, date, initials) = (&b[..5], &b[5..11], &b[11..13]);
    // Letters, then only padding.
    let padded = |part: &[u8]| {
        part[0].is_ascii_uppercase()
            && part.windows(2).all(|w| {
                if w[0] == b'9' {
                    w[1] == b'9'
                } else {
                    w[1].is_ascii_uppercase() || w[1] == b'9'
                }
            })
    };
    if !padded(surname) || !padded(initials) || !date.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let (month, day) = (num(&date[1..3]) % 50, num(&date[3..5]));
    b[13].is_ascii_digit()
        && b[14..].iter().all(u8::is_ascii_uppercase)
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
}

/// UK NHS number (`gb.nhs`): ten digits (spaces or dashes optional) whose
/// position-weighted sum (weights 10..1) is divisible by 11. Stricter than
/// stdnum: all-same-digit numbers (which always pass) are rejected.
pub fn is_gb_nhs(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    b.len() == 10 && digits_varied(&b) && !all_same(&b) && weighted(&b, &[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0
}

/// German tax identification number, Steuer-IdNr (`de.idnr`): eleven
/// digits, no leading zero; among the first ten digits exactly one digit
/// occurs two or three times and the others at most once; ISO 7064
/// MOD 11,10 check digit.
pub fn is_de_tax_id(s: &str) -> bool {
    let Some(b) = compact(s, " -./,") else {
        return false;
    };
    if b.len() != 11 || !digits_varied(&b) || b[0] == b'0' {
        return false;
    }
    let mut counts = [0u8; 10];
    for &c in &b[..10] {
        counts[dv(c) as usize] += 1;
    }
    let repeated: Vec<u8> = counts.iter().copied().filter(|&c| c > 1).collect();
    if repeated.len() != 1 || !(2..=3).contains(&repeated[0]) {
        return false;
    }
    mod_11_10(&b)
}

/// French tax number of a person, NIF or SPI (`fr.nif`): thirteen digits
/// (spaces optional, written `13 30 404 831 490`), the first 0 to 3, the
/// last three the first ten mod 511.
pub fn is_fr_nif(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    b.len() == 13
        && all_digits(&b)
        && digits_varied(&b)
        && b[0] <= b'3'
        && num_mod(&b[..10], 511) == u64::from(num(&b[10..]))
}

/// French social security number, NIR (`fr.nir`): 15 characters (spaces or
/// dots optional); the department may be `2A`/`2B` (Corsica, counted as 19
/// and 18 for the key); key = 97 - (first 13 digits mod 97).
pub fn is_fr_nir(s: &str) -> bool {
    let Some(mut b) = compact(s, " .") else {
        return false;
    };
    if b.len() != 15 || !all_digits(&b[..5]) || !all_digits(&b[7..]) {
        return false;
    }
    match &b[5..7] {
        b"2A" => b[5..7].copy_from_slice(b"19"),
        b"2B" => b[5..7].copy_from_slice(b"18"),
        d if all_digits(d) => {}
        _ => return false,
    }
    97 - num_mod(&b[..13], 97) == u64::from(num(&b[13..]))
}

/// Check letter of a Spanish DNI number body (`TRWAGMYFPDXBNJZSQVHLCKE`).
fn dni_letter(digits: &[u8]) -> u8 {
    b"TRWAGMYFPDXBNJZSQVHLCKE"[num_mod(digits, 23) as usize]
}

/// Spanish NIE (`es.nie`): `X`, `Y` or `Z`, seven digits and the DNI check
/// letter computed with X=0, Y=1, Z=2 (spaces or dashes optional).
pub fn is_es_nie(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    nie_ok(&b)
}

/// NIE check on a compacted value.
fn nie_ok(b: &[u8]) -> bool {
    if b.len() != 9 || !all_digits(&b[1..8]) {
        return false;
    }
    let lead = match b[0] {
        b'X' => b'0',
        b'Y' => b'1',
        b'Z' => b'2',
        _ => return false,
    };
    let mut digits = Vec::with_capacity(8);
    digits.push(lead);
    digits.extend_from_slice(&b[1..8]);
    dni_letter(&digits) == b[8]
}

/// Spanish NIF of a natural person (`es.nif`): a DNI (eight digits and the
/// check letter), a `K`/`L`/`M` NIF (seven digits, DNI letter), or a NIE;
/// spaces, dashes and an `ES` prefix are allowed. Differences from stdnum:
/// company CIFs (other leading letters) are not accepted, since this kind
/// targets personal data, and an all-zero DNI body is rejected.
pub fn is_es_nif(s: &str) -> bool {
    let Some(mut b) = compact(s, " -") else {
        return false;
    };
    if b.starts_with(b"ES") {
        b.drain(..2);
    }
    if b.len() != 9 || !all_digits(&b[1..8]) {
        return false;
    }
    match b[0] {
        b'K' | b'L' | b'M' => dni_letter(&b[1..8]) == b[8],
        b'X' | b'Y' | b'Z' => nie_ok(&b),
        c if c.is_ascii_digit() => !b[..8].iter().all(|&d| d == b'0') && dni_letter(&b[..8]) == b[8],
        _ => false,
    }
}

/// Values of the characters of a codice fiscale in odd (1st, 3rd, ...)
/// positions, for digits `0`-`9` and letters `A`-`Z` alike (a digit and the
/// letter with the same index share a value).
const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Value of an omocodia-capable date/serial character: a digit, or one of
/// the letters `LMNPQRSTUV` that stand for 0-9.
fn cf_digit(c: u8) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(dv(c));
    }
    b"LMNPQRSTUV".iter().position(|&l| l == c).map(|p| p as u32)
}

/// Italian codice fiscale of a person (`it.codicefiscale`): 16 characters
/// `SSSNNN YY M DD ZZZZ C` (spaces, dashes, colons optional, case
/// insensitive) where digits may be replaced by omocodia letters, the month
/// letter is one of `ABCDEHLMPRST`, the birth date (day + 40 for women,
/// year taken in 1920-2019) exists, and the check letter matches. The
/// 11-digit numeric codice fiscale of companies (the partita IVA) that
/// stdnum also accepts is not covered by this kind.
pub fn is_it_fiscal_code(s: &str) -> bool {
    let Some(b) = compact(s, " -:") else {
        return false;
    };
    if b.len() != 16 {
        return false;
    }
    let letters_ok =
        b[..6].iter().all(u8::is_ascii_uppercase) && b[11].is_ascii_uppercase() && b[15].is_ascii_uppercase();
    let omocodia_ok = [6, 7, 9, 10, 12, 13, 14].iter().all(|&i| cf_digit(b[i]).is_some());
    let Some(month) = b"ABCDEHLMPRST".iter().position(|&l| l == b[8]) else {
        return false;
    };
    if !letters_ok || !omocodia_ok {
        return false;
    }
    let mut sum = 0u32;
    for (i, &c) in b[..15].iter().enumerate() {
        let idx = if c.is_ascii_digit() { dv(c) } else { u32::from(c - b'A') };
        sum += if i % 2 == 0 { CF_ODD[idx as usize] } else { idx };
    }
    if b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(sum % 26) as usize] != b[15] {
        return false;
    }
    let d = |i: usize| cf_digit(b[i]).unwrap_or(99);
    let day = (d(9) * 10 + d(10)) % 40;
    let yy = (d(6) * 10 + d(7)) as i32;
    let year = if yy < 20 { 2000 + yy } else { 1900 + yy };
    valid_date(year, month as u32 + 1, day)
}

/// Dutch citizen service number, BSN (`nl.bsn`): up to nine digits (left
/// padded with zeros; spaces, dashes, dots optional), not zero, and the
/// "elfproef": Σ (9..2)·dᵢ − d₉ divisible by 11.
pub fn is_nl_bsn(s: &str) -> bool {
    let Some(b) = compact(s, " -.") else {
        return false;
    };
    if b.len() > 9 || !digits_varied(&b) || b.iter().all(|&c| c == b'0') {
        return false;
    }
    let mut p = vec![b'0'; 9 - b.len()];
    p.extend_from_slice(&b);
    let sum = weighted(&p[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) + 10 * 11 - dv(p[8]);
    sum % 11 == 0
}

/// Belgian national register number (`be.nn`): eleven digits `YYMMDD SSS
/// CC` (dots, dashes, spaces optional), month 00-12, check = 97 − (first
/// nine digits mod 97), or the same over `2` + nine digits for people born
/// from 2000 on.
pub fn is_be_national_number(s: &str) -> bool {
    let Some(b) = compact(s, " -.") else {
        return false;
    };
    if b.len() != 11 || !digits_varied(&b) || b.iter().all(|&c| c == b'0') {
        return false;
    }
    let check = u64::from(num(&b[9..]));
    let ok_1900 = 97 - num_mod(&b[..9], 97) == check;
    let ok_2000 = num(&b[..2]) as i32 + 2000 <= today().0 && {
        let mut n = Vec::with_capacity(10);
        n.push(b'2');
        n.extend_from_slice(&b[..9]);
        97 - num_mod(&n, 97) == check
    };
    (ok_1900 || ok_2000) && num(&b[2..4]) <= 12
}

/// Portuguese tax number, NIF/NIPC (`pt.nif`): nine digits not starting
/// with 0 (spaces, dashes, dots and a `PT` prefix allowed), mod-11 check.
pub fn is_pt_nif(s: &str) -> bool {
    let Some(mut b) = compact(s, " -.") else {
        return false;
    };
    if b.starts_with(b"PT") {
        b.drain(..2);
    }
    if b.len() != 9 || !digits_varied(&b) || b[0] == b'0' {
        return false;
    }
    let sum = weighted(&b[..8], &[9, 8, 7, 6, 5, 4, 3, 2]);
    (11 - sum % 11) % 11 % 10 == dv(b[8])
}

/// Irish Personal Public Service number (`ie.pps`): seven digits, a check
/// letter and optionally a second letter (`A`, `B`, `H` count in the 2013
/// check, `W`, `T`, `X` do not); spaces and dashes optional.
pub fn is_ie_pps(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if !(8..=9).contains(&b.len()) || !digits_varied(&b[..7]) || !(b'A'..=b'W').contains(&b[7]) {
        return false;
    }
    const ALPHABET: &[u8] = b"WABCDEFGHIJKLMNOPQRSTUV";
    let mut sum = weighted(&b[..7], &[8, 7, 6, 5, 4, 3, 2]);
    if b.len() == 9 {
        if !b"ABHWTX".contains(&b[8]) {
            return false;
        }
        if b"ABH".contains(&b[8]) {
            let extra = ALPHABET.iter().position(|&c| c == b[8]).unwrap_or(0);
            sum += 9 * extra as u32;
        }
    }
    ALPHABET[(sum % 23) as usize] == b[7]
}

/// Swiss social security number, AHV/AVS (`ch.ssn`): thirteen digits
/// starting with 756 (dots or spaces optional) with an EAN-13 check digit.
pub fn is_ch_ahv(s: &str) -> bool {
    let Some(b) = compact(s, " .") else {
        return false;
    };
    b.len() == 13 && b.starts_with(b"756") && ean_check(&b)
}

/// Italian VAT number, partita IVA (`it.iva`): eleven digits after an
/// optional `IT` (spaces, dashes or colons optional), the first seven not
/// all zero, the office code (digits 8-10) 001-100, 120, 121, 888 or 999,
/// and a Luhn check digit.
pub fn is_it_vat(s: &str) -> bool {
    let Some(b) = compact(s, " -:") else {
        return false;
    };
    let b = b.strip_prefix(b"IT").unwrap_or(&b);
    if b.len() != 11 || !digits_varied(b) || b[..7].iter().all(|&c| c == b'0') {
        return false;
    }
    let office = num(&b[7..10]);
    ((1..=100).contains(&office) || matches!(office, 120 | 121 | 888 | 999)) && luhn_bytes(b)
}

/// German VAT number (USt-IdNr, `de.vat`): `DE` and nine digits, the first
/// not `0`, ISO 7064 MOD 11,10 check digit.
pub fn is_de_vat(s: &str) -> bool {
    let Some(b) = compact(s, " -./,") else {
        return false;
    };
    let b = b.strip_prefix(b"DE").unwrap_or(&b);
    b.len() == 9 && b[0] != b'0' && digits_varied(b) && mod_11_10(b)
}

/// German statutory health insurance number (Krankenversichertennummer,
/// KVNR, GKV-Spitzenverband): a capital letter and nine digits, the last a
/// check digit: the letter as two digits (A = 01), then the first eight
/// digits, weighted 1, 2, 1, 2, ..., the digit sums of the products added,
/// mod 10.
pub fn is_de_kvnr(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 10 || !b[0].is_ascii_uppercase() || !all_digits(&b[1..]) {
        return false;
    }
    let letter = u32::from(b[0] - b'A') + 1;
    let values = [letter / 10, letter % 10]
        .into_iter()
        .chain(b[1..9].iter().map(|&c| dv(c)));
    cross_sum_weighted(values, &[1, 2, 1, 2, 1, 2, 1, 2, 1, 2]) % 10 == dv(b[9])
}

/// German pension insurance number (Rentenversicherungsnummer, the social
/// security number, VKVV § 4): area (2 digits), birth date DDMMYY (the day
/// plus 50 for a second number on one date), the birth name's initial,
/// a serial (2 digits) and a check digit: the first eight digits, the
/// letter as two digits (A = 01) and the serial, weighted 2, 1, 2, 5, 7, 1,
/// 2, 1, 2, 1, 2, 1, the digit sums of the products added, mod 10.
pub fn is_de_rvnr(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if b.len() != 12 || !all_digits(&b[..8]) || !b[8].is_ascii_uppercase() || !all_digits(&b[9..]) {
        return false;
    }
    let day = num(&b[2..4]);
    let day = if day > 50 { day - 50 } else { day };
    if !(1..=31).contains(&day) || !(1..=12).contains(&num(&b[4..6])) {
        return false;
    }
    let letter = u32::from(b[8] - b'A') + 1;
    let values = b[..8]
        .iter()
        .map(|&c| dv(c))
        .chain([letter / 10, letter % 10])
        .chain(b[9..11].iter().map(|&c| dv(c)));
    cross_sum_weighted(values, &[2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1]) % 10 == dv(b[11])
}

/// Austrian social security number, SVNR/VSNR (`at.vnr`): ten digits, not
/// starting with `0`; the fourth digit is the weighted sum of all ten
/// (weights 3, 7, 9, 0, 5, 8, 4, 2, 1, 6) mod 11, so a sum of 10 is never
/// valid.
pub fn is_at_svnr(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    b.len() == 10
        && all_digits(&b)
        && b[0] != b'0'
        && digits_varied(&b)
        && weighted(&b, &[3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11 == dv(b[3])
}

/// Greek social security number, AMKA (`gr.amka`): eleven digits, the
/// birth date `DDMMYY` first (in the 1900s or the 2000s), and a Luhn check
/// over all of them.
pub fn is_gr_amka(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 11 || !luhn_bytes(&b) || !digits_varied(&b) {
        return false;
    }
    let (d, m, y) = (num(&b[..2]), num(&b[2..4]), num(&b[4..6]) as i32);
    valid_date(1900 + y, m, d) || valid_date(2000 + y, m, d)
}

/// Greek tax number, AFM (`gr.vat`): nine digits, the last the first
/// eight read as a binary-weighted sum (each digit doubled in turn, as
/// `checksum * 2 + digit`), doubled, mod 11, mod 10.
pub fn is_gr_afm(s: &str) -> bool {
    let Some(b) = compact(s, " -.") else {
        return false;
    };
    if b.len() != 9 || !digits_varied(&b) {
        return false;
    }
    let sum = b[..8].iter().fold(0u64, |c, &d| c * 2 + u64::from(dv(d)));
    (sum * 2 % 11 % 10) as u32 == dv(b[8])
}

/// UK Unique Taxpayer Reference (`gb.utr`): ten digits (a `K` may lead or
/// follow), the first a check digit over the other nine weighted 6, 7, 8,
/// 9, 10, 5, 4, 3, 2, read from `21987654321` at the sum mod 11.
pub fn is_uk_utr(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    let b = b.strip_prefix(b"K").or_else(|| b.strip_suffix(b"K")).unwrap_or(&b);
    b.len() == 10
        && digits_varied(b)
        && b"21987654321"[(weighted(&b[1..], &[6, 7, 8, 9, 10, 5, 4, 3, 2]) % 11) as usize] == b[0]
}

/// German identity card number (Personalausweisnummer): nine characters
/// of the document alphabet (digits and the consonants
/// `CFGHJKLMNPRTVWXYZ`, a letter first, a digit among them; cards before
/// November 2010 are `T` and eight digits), optionally followed by the
/// check digit of the machine-readable zone (ICAO Doc 9303: weights 7, 3,
/// 1, letters worth 10-35, sum mod 10), which is checked. The number
/// printed on the card has no check digit of its own (the specimen's is
/// `L01X00T47`, check digit 1). stdnum has no module for it.
pub fn is_de_id_card(s: &str) -> bool {
    const LETTERS: &[u8] = b"CFGHJKLMNPRTVWXYZ";
    let Some(b) = compact(s, " ") else {
        return false;
    };
    if !(9..=10).contains(&b.len()) || !LETTERS.contains(&b[0]) {
        return false;
    }
    let number = &b[..9];
    if !number.iter().all(|c| c.is_ascii_digit() || LETTERS.contains(c)) || !number.iter().any(u8::is_ascii_digit) {
        return false;
    }
    let value = |c: u8| u32::from(if c.is_ascii_digit() { c - b'0' } else { c - b'A' + 10 });
    let sum: u32 = number
        .iter()
        .zip([7, 3, 1].iter().cycle())
        .map(|(&c, w)| value(c) * w)
        .sum();
    b.get(9).is_none_or(|&c| c.is_ascii_digit() && sum % 10 == dv(c))
}

/// German tax number, Steuernummer (`de.stnr`): the ten or eleven digits
/// of a state's own layout (`181/815/08155`), or the thirteen of the
/// nationwide one, whose first digits name the state's tax office range
/// (`28` Baden-Württemberg, `9` Bavaria, `11` Berlin, ...) with a `0` as
/// the fifth digit. Like stdnum, no check digit (the states' schemes
/// differ).
pub fn is_de_stnr(s: &str) -> bool {
    /// The nationwide layouts' state prefixes.
    const NATIONWIDE: &[&[u8]] = &[
        b"28", b"9", b"11", b"30", b"24", b"22", b"26", b"40", b"23", b"5", b"27", b"10", b"32", b"31", b"21", b"41",
    ];
    let Some(b) = compact(s, " -./,") else {
        return false;
    };
    if !digits_varied(&b) {
        return false;
    }
    match b.len() {
        10 | 11 => true,
        13 => b[4] == b'0' && NATIONWIDE.iter().any(|p| b.starts_with(p)),
        _ => false,
    }
}

/// Italian identity card number: the electronic card's two letters, five
/// digits and two letters (`CA00000AA`), or the paper card's two letters
/// and seven digits (`AA 1234567`). No check character.
pub fn is_it_identity_card(s: &str) -> bool {
    let Some(b) = compact(s, " ") else {
        return false;
    };
    let letters = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_uppercase);
    b.len() == 9
        && letters(0..2)
        && ((all_digits(&b[2..7]) && letters(7..9) && !all_same(&b[2..7]))
            || (all_digits(&b[2..9]) && !all_same(&b[2..9])))
}

/// German lifelong physician number (LANR, lebenslange Arztnummer): six
/// digits for the physician, a check digit (the six weighted 4, 9, 4, 9,
/// 4, 9, summed, then the distance to the next multiple of ten, as the
/// KBV's Arztnummern-Richtlinie gives it) and two for the specialty.
pub fn is_de_lanr(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 9 || !digits_varied(b) {
        return false;
    }
    let sum: u32 = b[..6].iter().zip([4, 9, 4, 9, 4, 9]).map(|(&c, w)| dv(c) * w).sum();
    dv(b[6]) == (10 - sum % 10) % 10
}

/// German practice number (BSNR, Betriebsstättennummer): nine digits, the
/// first two the regional association's code. No check digit is published.
pub fn is_de_bsnr(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 9 && digits_varied(b)
}
