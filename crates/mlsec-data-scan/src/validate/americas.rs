//! Identifiers from the Americas: US Social Security Number and ITIN,
//! Canadian Social Insurance Number, Brazilian CPF and CNPJ, Chilean RUT,
//! Mexican CURP and RFC, Argentinian CUIT/CUIL, Ecuadorian cédula, US bank
//! routing numbers, employer identification numbers and DEA registration
//! numbers. Rules follow python-stdnum's `us.ssn`, `us.itin`, `ca.sin`,
//! `br.cpf`, `br.cnpj`, `cl.rut`, `mx.curp`, `mx.rfc`, `ar.cuit`, `ec.ci`,
//! `us.ein` and `us.rtn` (DEA numbers, which stdnum
//! lacks, after the DEA's published check digit); deviations are stated on
//! each function.

use super::util::{all_digits, all_same, compact, digits_varied, dv, luhn_bytes, num, valid_date, weighted};

/// The nine digits of a US-style `AAA-GG-SSSS` number. As in stdnum, a
/// separator may only follow the area (3 digits) and the group (5 digits);
/// unlike stdnum, a space or a dot is accepted there as well as a dash.
fn us_nine(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if s.len() > 16 {
        return None;
    }
    let mut b = Vec::with_capacity(9);
    let mut after_sep = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            b.push(c as u8);
            after_sep = false;
        } else if matches!(c, '-' | ' ' | '.' | '\u{a0}' | '\u{2010}'..='\u{2015}' | '\u{2212}')
            && (b.len() == 3 || b.len() == 5)
            && !after_sep
        {
            after_sep = true;
        } else {
            return None;
        }
    }
    (b.len() == 9 && !after_sep && digits_varied(&b)).then_some(b)
}

/// US Social Security Number (`us.ssn`): nine digits, dashes or spaces
/// optional; area not 000, 666 or 9xx; group not 00; serial not 0000; not
/// one of the publicly misused numbers (078-05-1120, 457-55-5462,
/// 219-09-9999). Stricter than stdnum: also rejects all-same-digit numbers
/// (111-11-1111) and 123-45-6789, which the SSA never issued.
pub fn is_us_ssn(s: &str) -> bool {
    let Some(b) = us_nine(s) else {
        return false;
    };
    let (area, group, serial) = (&b[..3], &b[3..5], &b[5..]);
    if area == b"000" || area == b"666" || area[0] == b'9' {
        return false;
    }
    if group == b"00" || serial == b"0000" {
        return false;
    }
    !matches!(&b[..], b"078051120" | b"457555462" | b"219099999" | b"123456789")
}

/// US Individual Taxpayer Identification Number (`us.itin`): nine digits
/// starting with 9 and a group (4th-5th digits) of 70-88, 90-92 or 94-99;
/// separators as for [`is_us_ssn`]; 999-99-9999 is rejected.
pub fn is_us_itin(s: &str) -> bool {
    let Some(b) = us_nine(s) else {
        return false;
    };
    let group = num(&b[3..5]);
    // The IRS issues groups 50-65, 70-88, 90-92 and 94-99.
    b[0] == b'9' && ((50..=65).contains(&group) || ((70..=99).contains(&group) && group != 89 && group != 93))
}

/// Canadian Social Insurance Number (`ca.sin`): nine digits, first not 0
/// or 8, Luhn check.
pub fn is_ca_sin(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    b.len() == 9 && digits_varied(&b) && b[0] != b'0' && b[0] != b'8' && luhn_bytes(&b)
}

/// Brazilian CPF (`br.cpf`): eleven digits (dots and dash optional) with
/// two mod-11 check digits. Stricter than stdnum: all-same-digit numbers
/// (111.111.111-11, which pass the arithmetic) are rejected as the Receita
/// Federal does.
pub fn is_br_cpf(s: &str) -> bool {
    let Some(b) = compact(s, " -.") else {
        return false;
    };
    if b.len() != 11 || !digits_varied(&b) {
        return false;
    }
    let d1 = weighted(&b[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
    let d1 = (11 - d1 % 11) % 11 % 10;
    let d2 = weighted(&b[..9], &[11, 10, 9, 8, 7, 6, 5, 4, 3]) + 2 * d1;
    let d2 = (11 - d2 % 11) % 11 % 10;
    dv(b[9]) == d1 && dv(b[10]) == d2
}

/// Brazilian CNPJ (`br.cnpj`): fourteen characters (dots, slash and dash
/// optional), the first twelve digits or, in the 2026 alphanumeric format,
/// upper-case letters valued `ord(c) - 48`; two mod-11 check digits; not
/// starting with twelve zeros.
pub fn is_br_cnpj(s: &str) -> bool {
    let Some(b) = compact(s, " -./") else {
        return false;
    };
    if b.len() != 14 || b.starts_with(b"000000000000") || !all_digits(&b[12..]) {
        return false;
    }
    if !b[..12].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
        return false;
    }
    let vals: Vec<u32> = b[..12].iter().map(|&c| u32::from(c) - 48).collect();
    let w1 = [5u32, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let s1: u32 = vals.iter().zip(w1).map(|(v, w)| v * w).sum();
    let d1 = (11 - s1 % 11) % 11 % 10;
    let w2 = [6u32, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3];
    let s2: u32 = vals.iter().zip(w2).map(|(v, w)| v * w).sum::<u32>() + 2 * d1;
    let d2 = (11 - s2 % 11) % 11 % 10;
    dv(b[12]) == d1 && dv(b[13]) == d2
}

/// Chilean RUT/RUN (`cl.rut`): 7 or 8 digits plus a mod-11 check character
/// (`0`-`9` or `K`), dots, spaces and dash optional, optional `CL` prefix.
/// All-same-digit values (which stdnum accepts) are rejected.
pub fn is_cl_rut(s: &str) -> bool {
    let Some(mut b) = compact(s, " -.") else {
        return false;
    };
    if b.starts_with(b"CL") {
        b.drain(..2);
    }
    if !(8..=9).contains(&b.len()) {
        return false;
    }
    let (body, check) = b.split_at(b.len() - 1);
    if !all_digits(body) || all_same(&b) {
        return false;
    }
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| dv(c) * (4 + (5 + 6 * 10 - i as u32) % 6))
        .sum();
    let expected = b"0123456789K"[(sum % 11) as usize];
    check[0] == expected
}

/// First-four-letter combinations RENAPO replaces because they spell
/// offensive words; a CURP never starts with them.
const CURP_BLACKLIST: &[&[u8; 4]] = &[
    b"BACA", b"BAKA", b"BUEI", b"BUEY", b"CACA", b"CACO", b"CAGA", b"CAGO", b"CAKA", b"CAKO", b"COGE", b"COGI",
    b"COJA", b"COJE", b"COJI", b"COJO", b"COLA", b"CULO", b"FALO", b"FETO", b"GETA", b"GUEI", b"GUEY", b"JETA",
    b"JOTO", b"KACA", b"KACO", b"KAGA", b"KAGO", b"KAKA", b"KAKO", b"KOGE", b"KOGI", b"KOJA", b"KOJE", b"KOJI",
    b"KOJO", b"KOLA", b"KULO", b"LILO", b"LOCA", b"LOCO", b"LOKA", b"LOKO", b"MAME", b"MAMO", b"MEAR", b"MEAS",
    b"MEON", b"MIAR", b"MION", b"MOCO", b"MOKO", b"MULA", b"MULO", b"NACA", b"NACO", b"PEDA", b"PEDO", b"PENE",
    b"PIPI", b"PITO", b"POPO", b"PUTA", b"PUTO", b"QULO", b"RATA", b"ROBA", b"ROBE", b"ROBO", b"RUIN", b"SENO",
    b"TETA", b"VACA", b"VAGA", b"VAGO", b"VAKA", b"VUEI", b"VUEY", b"WUEI", b"WUEY",
];

/// Two-letter state codes of the CURP (including `NE`, born abroad).
const CURP_STATES: &[&[u8; 2]] = &[
    b"AS", b"BC", b"BS", b"CC", b"CH", b"CL", b"CM", b"CS", b"DF", b"DG", b"GR", b"GT", b"HG", b"JC", b"MC", b"MN",
    b"MS", b"NE", b"NL", b"NT", b"OC", b"PL", b"QR", b"QT", b"SL", b"SP", b"SR", b"TC", b"TL", b"TS", b"VZ", b"YN",
    b"ZS",
];

/// Mexican CURP (`mx.curp`): 18 characters `AAAA YYMMDD S EE CCC X D`
/// (dashes, underscores and spaces optional): four letters not on the
/// RENAPO word blacklist, a valid birth date (century from the 17th
/// character: digit 1900s, letter 2000s), sex `H` or `M`, a known state
/// code, and the check digit over the 37-symbol alphabet.
pub fn is_mx_curp(s: &str) -> bool {
    let Some(b) = compact(s, "-_ ") else {
        return false;
    };
    if b.len() != 18 {
        return false;
    }
    let shape = b[..4].iter().all(u8::is_ascii_uppercase)
        && all_digits(&b[4..10])
        && b[10..16].iter().all(u8::is_ascii_uppercase)
        && (b[16].is_ascii_digit() || b[16].is_ascii_uppercase())
        && b[17].is_ascii_digit();
    if !shape || CURP_BLACKLIST.iter().any(|w| &b[..4] == *w) {
        return false;
    }
    let yy = num(&b[4..6]) as i32;
    let year = if b[16].is_ascii_digit() { 1900 + yy } else { 2000 + yy };
    if !valid_date(year, num(&b[6..8]), num(&b[8..10])) {
        return false;
    }
    if b[10] != b'H' && b[10] != b'M' {
        return false;
    }
    if !CURP_STATES.iter().any(|st| &b[11..13] == *st) {
        return false;
    }
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";
    let mut sum = 0u32;
    for (i, c) in b[..17].iter().enumerate() {
        let Some(v) = ALPHABET.iter().position(|a| a == c) else {
            return false;
        };
        sum += v as u32 * (18 - i as u32);
    }
    (10 - sum % 10) % 10 == dv(b[17])
}

/// US bank routing transit number, ABA number (`us.rtn`): nine digits with
/// the check `3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10)`.
pub fn is_us_aba_routing(s: &str) -> bool {
    let Some(b) = compact(s, "") else {
        return false;
    };
    b.len() == 9 && digits_varied(&b) && weighted(&b, &[3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 == 0
}

/// US DEA registration number (a prescriber's, what Presidio reports as a
/// medical licence; no stdnum module): two letters (the registrant type,
/// then the first letter of the surname or `9`) and seven digits whose last
/// is `(d1 + d3 + d5 + 2·(d2 + d4 + d6)) mod 10`.
pub fn is_us_dea(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 9 || !b"ABCDEFGHJKLMPRSTUX".contains(&b[0]) || !(b[1].is_ascii_uppercase() || b[1] == b'9') {
        return false;
    }
    let d = &b[2..];
    digits_varied(d) && (dv(d[0]) + dv(d[2]) + dv(d[4]) + 2 * (dv(d[1]) + dv(d[3]) + dv(d[5]))) % 10 == dv(d[6])
}

/// US National Provider Identifier (NPI, stdnum lacks it; CMS's published
/// rule): ten digits, the first `1` or `2`, whose Luhn check digit is
/// computed with the card-issuer prefix `80840` in front.
pub fn is_us_npi(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 10 || !matches!(b[0], b'1' | b'2') || !digits_varied(&b) {
        return false;
    }
    let mut full = b"80840".to_vec();
    full.extend_from_slice(&b);
    luhn_bytes(&full)
}

/// US Medicare Beneficiary Identifier (MBI, after CMS's format; it has no
/// check character): eleven characters `CAANAANAANN` where `C` is `1`-`9`,
/// `N` a digit, `A` a letter other than `B`, `I`, `L`, `O`, `S` and `Z`,
/// and positions 3, 6 (`AN`) take either; dashes optional after the
/// fourth and seventh characters.
pub fn is_us_mbi(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    let letter = |c: u8| c.is_ascii_uppercase() && !b"BILOSZ".contains(&c);
    let digit = |c: u8| c.is_ascii_digit();
    let either = |c: u8| letter(c) || digit(c);
    b.len() == 11
        && matches!(b[0], b'1'..=b'9')
        && letter(b[1])
        && either(b[2])
        && digit(b[3])
        && letter(b[4])
        && either(b[5])
        && digit(b[6])
        && letter(b[7])
        && letter(b[8])
        && digit(b[9])
        && digit(b[10])
}

/// Argentinian tax number, CUIT (CUIL for employees; `ar.cuit`): eleven
/// digits `TT-NNNNNNNN-C` (dashes optional); `TT` is a known type (20, 23,
/// 24, 27 for people, 30, 33, 34 for companies, 50, 51, 55 for
/// international use) and `C` comes from the weighted sum (weights 5, 4,
/// 3, 2, 7, 6, 5, 4, 3, 2) mod 11, as `"012345678990"[11 - sum mod 11]`.
pub fn is_ar_cuit(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 11 || !all_digits(&b) || !digits_varied(&b) {
        return false;
    }
    if !matches!(
        &b[..2],
        b"20" | b"23" | b"24" | b"27" | b"30" | b"33" | b"34" | b"50" | b"51" | b"55"
    ) {
        return false;
    }
    let sum = weighted(&b[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    b"012345678990"[(11 - sum) as usize] == b[10]
}

/// Argentinian national identity number, Documento Nacional de Identidad
/// (`ar.dni`): seven or eight digits, dots or spaces between the groups
/// (`31.979.100`). No check digit: the kind is reported only where its
/// words name it ([`super::IdKind::needs_context`]); a run of one digit
/// (`11111111`) is a placeholder.
pub fn is_ar_dni(s: &str) -> bool {
    let Some(b) = compact(s, " .") else {
        return false;
    };
    (7..=8).contains(&b.len()) && all_digits(&b) && digits_varied(&b)
}

/// Colombian tax number, NIT (`co.nit`): 8 to 16 digits (dots between the
/// groups, a dash before the last), the last 11 less the others weighted
/// 3, 7, 13, 17, 19, 23, ... from the right, mod 11 (`0` and `1` as
/// python-stdnum maps them).
pub fn is_co_nit(s: &str) -> bool {
    const WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
    let Some(b) = compact(s, " .,-") else {
        return false;
    };
    if !(8..=16).contains(&b.len()) || !all_digits(&b) || !digits_varied(&b) {
        return false;
    }
    let (body, check) = b.split_at(b.len() - 1);
    let sum: u32 = body.iter().rev().zip(WEIGHTS).map(|(&d, w)| w * dv(d)).sum::<u32>() % 11;
    b"01987654321"[sum as usize] == check[0]
}

/// Ecuadorian cédula de identidad (`ec.ci`): ten digits, a province code
/// (`01`-`24`, `30` or `50`), a third digit of 6 or less, and the digits
/// weighted 2, 1, 2, ... (products above 9 less 9) adding up to a
/// multiple of 10.
pub fn is_ec_ci(s: &str) -> bool {
    let Some(b) = compact(s, " -") else {
        return false;
    };
    if b.len() != 10 || !digits_varied(&b) || b[2] > b'6' {
        return false;
    }
    let province = num(&b[..2]);
    if !((1..=24).contains(&province) || province == 30 || province == 50) {
        return false;
    }
    let sum: u32 = b
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let x = dv(c) * if i % 2 == 0 { 2 } else { 1 };
            if x > 9 {
                x - 9
            } else {
                x
            }
        })
        .sum();
    sum % 10 == 0
}

/// US employer identification number (`us.ein`): nine digits written
/// `12-3456789`, whose first two are a prefix the IRS assigns (its
/// published list of campus prefixes). No check digit.
pub fn is_us_ein(s: &str) -> bool {
    /// The prefixes of the IRS's list, as bits.
    const PREFIXES: u128 = {
        let list: [u8; 83] = [
            1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 26, 27, 30, 31, 32, 33, 34, 35, 36,
            37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64,
            65, 66, 67, 68, 71, 72, 73, 74, 75, 76, 77, 80, 81, 82, 83, 84, 85, 86, 87, 88, 90, 91, 92, 93, 94, 95, 98,
            99,
        ];
        let mut bits = 0u128;
        let mut i = 0;
        while i < list.len() {
            bits |= 1 << list[i];
            i += 1;
        }
        bits
    };
    let Some(b) = compact(s, "-") else {
        return false;
    };
    b.len() == 9 && digits_varied(&b) && PREFIXES & (1 << num(&b[..2])) != 0
}

/// Mexican RFC of a person (`mx.rfc`, thirteen characters): four letters
/// from the name (not one of the words the SAT replaces), the birth date
/// `YYMMDD` and a three-character homoclave. Like stdnum by default, the
/// homoclave's check character is not checked (the SAT's is not public
/// for every case, and generated data often gets it wrong).
pub fn is_mx_rfc(s: &str) -> bool {
    const REPLACED: &[&[u8; 4]] = &[
        b"BUEI", b"BUEY", b"CACA", b"CACO", b"CAGA", b"CAGO", b"CAKA", b"CAKO", b"COGE", b"COJA", b"COJE", b"COJI",
        b"COJO", b"CULO", b"FETO", b"GUEY", b"JOTO", b"KACA", b"KACO", b"KAGA", b"KAGO", b"KAKA", b"KOGE", b"KOJO",
        b"KULO", b"MAME", b"MAMO", b"MEAR", b"MEAS", b"MEON", b"MION", b"MOCO", b"MULA", b"PEDA", b"PEDO", b"PENE",
        b"PUTA", b"PUTO", b"QULO", b"RATA", b"RUIN",
    ];
    let Some(b) = compact(s, "-_ ") else {
        return false;
    };
    b.len() == 13
        && b[..4].iter().all(u8::is_ascii_uppercase)
        && all_digits(&b[4..10])
        && b[10..].iter().all(u8::is_ascii_alphanumeric)
        && !REPLACED.iter().any(|r| &b[..4] == *r)
        && valid_date(2000 + num(&b[4..6]) as i32, num(&b[6..8]), num(&b[8..10]))
}
