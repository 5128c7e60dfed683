//! International Bank Account Numbers (ISO 13616), validated like
//! python-stdnum's `iban` module: the ISO 7064 MOD 97-10 check over the
//! rearranged number, the per-country length and BBAN structure from the
//! SWIFT IBAN registry, and the national check digits stdnum verifies for
//! Belgium, Spain, Montenegro and Norway.

use super::util::{all_digits, compact, dv, luhn_bytes, num_mod, weighted};

/// BBAN structure per country from the SWIFT IBAN registry (as shipped in
/// python-stdnum's `iban.dat`): runs of `<count><class>` where class `n` is
/// a digit, `a` an upper-case letter and `c` a letter or digit. The IBAN
/// length is 4 plus the sum of the counts.
const BBAN_STRUCTURE: &[(&str, &str)] = &[
    ("AD", "4n4n12c"),
    ("AE", "3n16n"),
    ("AL", "8n16c"),
    ("AT", "5n11n"),
    ("AZ", "4a20c"),
    ("BA", "3n3n8n2n"),
    ("BE", "3n7n2n"),
    ("BG", "4a4n2n8c"),
    ("BH", "4a14c"),
    ("BI", "5n5n11n2n"),
    ("BR", "8n5n10n1a1c"),
    ("BY", "4c4n16c"),
    ("CH", "5n12c"),
    ("CR", "4n14n"),
    ("CY", "3n5n16c"),
    ("CZ", "4n16n"),
    ("DE", "8n10n"),
    ("DJ", "5n5n11n2n"),
    ("DK", "4n9n1n"),
    ("DO", "4c20n"),
    ("EE", "2n14n"),
    ("EG", "4n4n17n"),
    ("ES", "4n4n1n1n10n"),
    ("FI", "3n11n"),
    ("FK", "2a12n"),
    ("FO", "4n9n1n"),
    ("FR", "5n5n11c2n"),
    ("GB", "4a6n8n"),
    ("GE", "2a16n"),
    ("GI", "4a15c"),
    ("GL", "4n9n1n"),
    ("GR", "3n4n16c"),
    ("GT", "4c20c"),
    ("HN", "4a20n"),
    ("HR", "7n10n"),
    ("HU", "3n4n1n15n1n"),
    ("IE", "4a6n8n"),
    ("IL", "3n3n13n"),
    ("IQ", "4a3n12n"),
    ("IS", "4n2n6n10n"),
    ("IT", "1a5n5n12c"),
    ("JO", "4a4n18c"),
    ("KW", "4a22c"),
    ("KZ", "3n13c"),
    ("LB", "4n20c"),
    ("LC", "4a24c"),
    ("LI", "5n12c"),
    ("LT", "5n11n"),
    ("LU", "3n13c"),
    ("LV", "4a13c"),
    ("LY", "3n3n15n"),
    ("MC", "5n5n11c2n"),
    ("MD", "2c18c"),
    ("ME", "3n13n2n"),
    ("MK", "3n10c2n"),
    ("MN", "4n12n"),
    ("MR", "5n5n11n2n"),
    ("MT", "4a5n18c"),
    ("MU", "4a2n2n12n3n3a"),
    ("NI", "4a20n"),
    ("NL", "4a10n"),
    ("NO", "4n6n1n"),
    ("OM", "3n16c"),
    ("PK", "4a16c"),
    ("PL", "8n16n"),
    ("PS", "4a21c"),
    ("PT", "4n4n11n2n"),
    ("QA", "4a21c"),
    ("RO", "4a16c"),
    ("RS", "3n13n2n"),
    ("RU", "9n5n15c"),
    ("SA", "2n18c"),
    ("SC", "4a2n2n16n3a"),
    ("SD", "2n12n"),
    ("SE", "3n16n1n"),
    ("SI", "5n8n2n"),
    ("SK", "4n6n10n"),
    ("SM", "1a5n5n12c"),
    ("SO", "4n3n12n"),
    ("ST", "4n4n11n2n"),
    ("SV", "4a20n"),
    ("TL", "3n14n2n"),
    ("TN", "2n3n13n2n"),
    ("TR", "5n1n16c"),
    ("UA", "6n19c"),
    ("VA", "3n15n"),
    ("VG", "4a16n"),
    ("XK", "4n10n2n"),
    ("YE", "4a4n18c"),
];

/// Looks up the BBAN structure of country code `cc`.
fn structure(cc: &[u8]) -> Option<&'static str> {
    BBAN_STRUCTURE.iter().find(|(c, _)| c.as_bytes() == cc).map(|(_, s)| *s)
}

/// Checks `bban` against a registry structure such as `"4n4n12c"`.
fn matches_structure(bban: &[u8], spec: &str) -> bool {
    let mut pos = 0usize;
    let mut count = 0usize;
    for c in spec.bytes() {
        if c.is_ascii_digit() {
            count = count * 10 + dv(c) as usize;
            continue;
        }
        let Some(run) = bban.get(pos..pos + count) else {
            return false;
        };
        let ok = match c {
            b'n' => run.iter().all(u8::is_ascii_digit),
            b'a' => run.iter().all(u8::is_ascii_uppercase),
            _ => run.iter().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()),
        };
        if !ok {
            return false;
        }
        pos += count;
        count = 0;
    }
    pos == bban.len()
}

/// ISO 7064 MOD 97-10 over an alphanumeric string, letters counting as
/// 10..=35 (two decimal digits). Valid IBANs (rearranged) give 1.
fn mod97_alnum(b: &[u8]) -> Option<u64> {
    let mut acc = 0u64;
    for &c in b {
        let v = match c {
            b'0'..=b'9' => u64::from(c - b'0'),
            b'A'..=b'Z' => u64::from(c - b'A') + 10,
            _ => return None,
        };
        acc = if v >= 10 {
            (acc * 100 + v) % 97
        } else {
            (acc * 10 + v) % 97
        };
    }
    Some(acc)
}

/// Spanish CCC (Código Cuenta Cliente) check digit over `part`.
fn es_ccc_digit(part: &[u8]) -> u32 {
    let check: u32 = part
        .iter()
        .enumerate()
        .map(|(i, &c)| dv(c) * (1u32 << i) % 11)
        .sum::<u32>()
        % 11;
    if check < 2 {
        check
    } else {
        11 - check
    }
}

/// National checks python-stdnum applies on top of the IBAN check for some
/// countries (`be.iban`, `es.iban`, `me.iban`, `no.iban`). The Belgian bank
/// registry lookup stdnum also does is not reproduced.
fn country_check(cc: &[u8], bban: &[u8]) -> bool {
    match cc {
        b"BE" => {
            // Account number: 10 digits then mod-97 check (0 means 97).
            let (body, check) = bban.split_at(bban.len() - 2);
            let c = num_mod(body, 97);
            let c = if c == 0 { 97 } else { c };
            num_mod(check, 1000) == c
        }
        b"ES" => {
            // CCC: bank(4) branch(4) checks(2) account(10).
            let mut first = Vec::with_capacity(10);
            first.extend_from_slice(b"00");
            first.extend_from_slice(&bban[..8]);
            es_ccc_digit(&first) == dv(bban[8]) && es_ccc_digit(&bban[10..]) == dv(bban[9])
        }
        b"ME" => num_mod(bban, 97) == 1,
        b"NO" => {
            if bban.starts_with(b"0000") {
                luhn_bytes(&bban[4..])
            } else {
                let c = weighted(bban, &[6, 7, 8, 9, 4, 5, 6, 7, 8, 9]) % 11;
                c < 10 && c == dv(bban[10])
            }
        }
        _ => true,
    }
}

/// IBAN validator: strips spaces, dashes and dots, upper-cases, then
/// requires a registered country code, the registry length and BBAN
/// structure for that country, a MOD 97-10 result of 1 and, for BE, ES, ME
/// and NO, the national account check digits.
pub fn is_iban(s: &str) -> bool {
    let Some(b) = compact(s, " -.") else {
        return false;
    };
    if b.len() < 5 || !b[..2].iter().all(u8::is_ascii_uppercase) || !all_digits(&b[2..4]) {
        return false;
    }
    let Some(spec) = structure(&b[..2]) else {
        return false;
    };
    let (head, bban) = b.split_at(4);
    if !matches_structure(bban, spec) {
        return false;
    }
    let mut rearranged = Vec::with_capacity(b.len());
    rearranged.extend_from_slice(bban);
    rearranged.extend_from_slice(head);
    if mod97_alnum(&rearranged) != Some(1) {
        return false;
    }
    country_check(&head[..2], bban)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_lengths() {
        let len = |cc: &str| {
            let spec = structure(cc.as_bytes()).unwrap_or("");
            let mut n = 4;
            let mut count = 0;
            for c in spec.bytes() {
                if c.is_ascii_digit() {
                    count = count * 10 + (c - b'0') as usize;
                } else {
                    n += count;
                    count = 0;
                }
            }
            n
        };
        assert_eq!(len("DE"), 22);
        assert_eq!(len("GB"), 22);
        assert_eq!(len("NO"), 15);
        assert_eq!(len("FR"), 27);
        assert_eq!(len("LC"), 32);
        assert_eq!(len("RU"), 33);
        assert_eq!(BBAN_STRUCTURE.len(), 89);
    }
}
