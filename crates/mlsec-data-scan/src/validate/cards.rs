//! Payment card numbers (PANs): issuer identification by prefix and length
//! ([`card_brand`]), the Luhn check, a grouping check for separated input
//! and masking for reports ([`mask_card`]).
//!
//! The brand table lists the current IIN ranges of the international and the
//! large domestic schemes. Narrow ranges that sit inside broader ones (Elo
//! inside Visa and Discover, Hipercard inside Diners, RuPay and Verve inside
//! Discover and Maestro) come first; the first entry whose prefix *and*
//! length fit wins.

#[cfg(test)]
use super::checksum::luhn;
use super::util::{all_digits, all_same, compact, luhn_bytes, num};

/// One issuer range: numbers whose first `digits` digits lie in `lo..=hi`
/// and whose length is one of `lengths` belong to `brand`.
struct IinRange {
    brand: &'static str,
    digits: usize,
    lo: u32,
    hi: u32,
    lengths: &'static [usize],
}

const fn r(brand: &'static str, digits: usize, lo: u32, hi: u32, lengths: &'static [usize]) -> IinRange {
    IinRange {
        brand,
        digits,
        lo,
        hi,
        lengths,
    }
}

const L16: &[usize] = &[16];
const L16_19: &[usize] = &[16, 17, 18, 19];
const L14_19: &[usize] = &[14, 15, 16, 17, 18, 19];
const L12_19: &[usize] = &[12, 13, 14, 15, 16, 17, 18, 19];

/// Issuer ranges, most specific first.
const IIN_RANGES: &[IinRange] = &[
    // Elo (Brazil): scattered 6-digit ranges inside Visa, Maestro, Discover.
    r("elo", 6, 401_178, 401_179, L16),
    r("elo", 6, 431_274, 431_274, L16),
    r("elo", 6, 438_935, 438_935, L16),
    r("elo", 6, 451_416, 451_416, L16),
    r("elo", 6, 457_393, 457_393, L16),
    r("elo", 6, 457_631, 457_632, L16),
    r("elo", 6, 504_175, 504_175, L16),
    r("elo", 6, 506_699, 506_778, L16),
    r("elo", 6, 509_000, 509_999, L16),
    r("elo", 6, 627_780, 627_780, L16),
    r("elo", 6, 636_297, 636_297, L16),
    r("elo", 6, 636_368, 636_368, L16),
    r("elo", 6, 650_031, 650_033, L16),
    r("elo", 6, 650_035, 650_051, L16),
    r("elo", 6, 650_405, 650_439, L16),
    r("elo", 6, 650_485, 650_538, L16),
    r("elo", 6, 650_541, 650_598, L16),
    r("elo", 6, 650_700, 650_718, L16),
    r("elo", 6, 650_720, 650_727, L16),
    r("elo", 6, 650_901, 650_978, L16),
    r("elo", 6, 651_652, 651_679, L16),
    r("elo", 6, 655_000, 655_019, L16),
    r("elo", 6, 655_021, 655_058, L16),
    // Verve (Nigeria).
    r("verve", 6, 506_099, 506_198, &[16, 18, 19]),
    r("verve", 6, 650_002, 650_027, &[16, 18, 19]),
    // RuPay (India).
    r("rupay", 6, 508_500, 508_999, L16),
    r("rupay", 6, 606_985, 607_984, L16),
    r("rupay", 6, 608_001, 608_500, L16),
    r("rupay", 6, 652_150, 653_149, L16),
    r("rupay", 2, 82, 82, L16),
    // Hipercard (Brazil).
    r("hipercard", 6, 606_282, 606_282, &[16, 19]),
    r("hipercard", 4, 3841, 3841, &[16, 19]),
    // Dankort (Denmark).
    r("dankort", 4, 5019, 5019, L16),
    // Mir (Russia).
    r("mir", 4, 2200, 2204, L16_19),
    // Troy (Turkey), Humo and Uzcard (Uzbekistan).
    r("troy", 4, 9792, 9792, L16),
    r("humo", 4, 9860, 9860, L16),
    r("uzcard", 4, 8600, 8600, L16),
    // International schemes.
    r("amex", 2, 34, 34, &[15]),
    r("amex", 2, 37, 37, &[15]),
    r("diners", 3, 300, 305, L14_19),
    r("diners", 4, 3095, 3095, L14_19),
    r("diners", 2, 36, 36, L14_19),
    r("diners", 2, 38, 39, L14_19),
    // JCB is assigned 3528-3589; the rest of 35 is accepted too because
    // common test-data generators (Faker) issue JCB numbers from all of 35.
    r("jcb", 2, 35, 35, L16_19),
    r("jcb", 4, 2131, 2131, &[15]),
    r("jcb", 4, 1800, 1800, &[15]),
    // UATP (airline cards): 1, 15 digits.
    r("uatp", 1, 1, 1, &[15]),
    r("mastercard", 2, 51, 55, L16),
    r("mastercard", 4, 2221, 2720, L16),
    r("visa", 1, 4, 4, &[13, 16, 19]),
    r("unionpay", 2, 62, 62, L16_19),
    r("unionpay", 2, 81, 81, L16_19),
    r("discover", 4, 6011, 6011, L16_19),
    r("discover", 3, 644, 649, L16_19),
    r("discover", 2, 65, 65, L16_19),
    // Maestro: 50 and 56-69 (what the narrower schemes above left over),
    // plus the historic UK 0604 range.
    r("maestro", 2, 50, 50, L12_19),
    r("maestro", 2, 56, 69, L12_19),
    r("maestro", 4, 604, 604, L12_19),
    // Prostir (Ukraine): 9804 (a 16-digit number starting with another 9
    // is an order number that passes Luhn's check one time in ten).
    r("prostir", 4, 9804, 9804, L16),
];

/// The card scheme of a PAN given as ASCII digits (no separators), or
/// `None` when no scheme issues numbers with this prefix and length.
///
/// Names: `"visa"`, `"mastercard"` (51-55 and 2221-2720), `"amex"`,
/// `"discover"`, `"jcb"`, `"diners"`, `"maestro"`, `"unionpay"`, `"mir"`,
/// `"elo"`, `"hipercard"`, `"rupay"`, `"verve"`, `"dankort"`, `"troy"`,
/// `"humo"`, `"uzcard"`, `"prostir"`, `"uatp"`. The Luhn check is not applied here.
pub fn card_brand(digits: &str) -> Option<&'static str> {
    let b = digits.as_bytes();
    if !all_digits(b) {
        return None;
    }
    IIN_RANGES
        .iter()
        .find(|e| b.len() >= e.digits && e.lengths.contains(&b.len()) && (e.lo..=e.hi).contains(&num(&b[..e.digits])))
        .map(|e| e.brand)
}

/// Masks a PAN for display, keeping the first four and last four digits:
/// `"4111111111111111"` becomes `"4111 **** **** 1111"`. Non-digits in the
/// input are ignored; the number of `****` groups is the number of hidden
/// digits rounded up to groups of four. Inputs of eight digits or fewer
/// keep only their last four digits (or nothing if four or fewer).
pub fn mask_card(digits: &str) -> String {
    let d: Vec<char> = digits.chars().filter(char::is_ascii_digit).collect();
    let n = d.len();
    if n <= 4 {
        return "*".repeat(n);
    }
    if n <= 8 {
        let mut s = "*".repeat(n - 4);
        s.extend(&d[n - 4..]);
        return s;
    }
    let hidden_groups = (n - 8).div_ceil(4);
    let mut s: String = d[..4].iter().collect();
    for _ in 0..hidden_groups {
        s.push_str(" ****");
    }
    s.push(' ');
    s.extend(&d[n - 4..]);
    s
}

/// True when the separated form of `s` groups its digits the way cards are
/// printed: one separator kind, all groups of four except a shorter last
/// one (`4-4-4-4`, `4-4-4-4-3`, `4-4-4-1`), or the Amex/Diners `4-6-5` and
/// `4-6-4` layouts. Unseparated input is always fine.
fn grouping_ok(s: &str) -> bool {
    let s = s.trim();
    let has_space = s.contains(' ');
    let has_dash = s.contains('-');
    if has_space && has_dash {
        return false;
    }
    if !has_space && !has_dash {
        return true;
    }
    let sep = if has_space { ' ' } else { '-' };
    let lens: Vec<usize> = s.split(sep).map(str::len).collect();
    if lens.len() < 2 {
        return true;
    }
    if lens == [4, 6, 5] || lens == [4, 6, 4] {
        return true;
    }
    let (last, init) = match lens.split_last() {
        Some(x) => x,
        None => return false,
    };
    lens.len() >= 3 && init.iter().all(|&l| l == 4) && (1..=4).contains(last)
}

/// Payment card number validator for scanner candidates: strips spaces and
/// dashes, then requires 12 to 19 digits, a known scheme for that prefix
/// and length ([`card_brand`]), a passing Luhn check, card-like grouping
/// when separators are present, and not all digits the same.
pub fn is_credit_card(s: &str) -> bool {
    // `b` is ASCII digits only, so this conversion cannot fail.
    pan_digits(s).is_some_and(|b| std::str::from_utf8(&b).ok().and_then(card_brand).is_some())
}

/// [`is_credit_card`] of a value that a card's column holds (`card_number`):
/// any issuer's prefix (a scheme this table does not list, a national
/// one), 13 to 19 digits.
pub fn is_card_in_card_column(s: &str) -> bool {
    pan_digits(s).is_some_and(|b| b.len() >= 13)
}

/// The digits of `s` if it is written as a card number is: 12 to 19
/// digits, spaces or dashes grouping them as cards print them, passing
/// Luhn's check, not all one digit.
fn pan_digits(s: &str) -> Option<Vec<u8>> {
    let b = compact(s, " -")?;
    let ok = (12..=19).contains(&b.len()) && all_digits(&b) && !all_same(&b) && grouping_ok(s) && luhn_bytes(&b);
    ok.then_some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid numbers per brand (Luhn-correct, generated with Faker where it
    /// has a provider and checked with python-stdnum's Luhn).
    const VALID: &[(&str, &str)] = &[
        ("4111111111111111", "visa"),
        ("4012888888881881", "visa"),
        ("4222222222222", "visa"),
        ("4000056655665556", "visa"),
        ("4929804463622139", "visa"),
        ("5555555555554444", "mastercard"),
        ("5105105105105100", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("2720992705309816", "mastercard"),
        ("378282246310005", "amex"),
        ("371449635398431", "amex"),
        ("6011111111111117", "discover"),
        ("6011000990139424", "discover"),
        ("6445644564456445", "discover"),
        ("3530111333300000", "jcb"),
        ("3566002020360505", "jcb"),
        ("30569309025904", "diners"),
        ("38520000023237", "diners"),
        ("36227206271667", "diners"),
        ("6759649826438453", "maestro"),
        ("6304000000000000", "maestro"),
        ("501800000009", "maestro"),
        ("6200000000000005", "unionpay"),
        ("6212345678901265", "unionpay"),
        ("2200000000000004", "mir"),
        ("6362970000457013", "elo"),
        ("6062826786276634", "hipercard"),
        ("5019717010103742", "dankort"),
    ];

    #[test]
    fn brands_and_luhn() {
        for (pan, brand) in VALID {
            assert_eq!(card_brand(pan), Some(*brand), "{pan}");
            assert!(luhn(pan), "{pan}");
            assert!(is_credit_card(pan), "{pan}");
        }
    }

    #[test]
    fn brand_lengths() {
        assert_eq!(card_brand("41111111111111"), None); // Visa 14
        assert_eq!(card_brand("4111111111111111111"), Some("visa"));
        assert_eq!(card_brand("51051051051051"), None); // Mastercard 14
        assert_eq!(card_brand("2721000000000000"), None); // past 2720
        assert_eq!(card_brand("3782822463100"), None); // Amex 13
        assert_eq!(card_brand("1234567890123456"), None);
        assert_eq!(card_brand("4111-1111"), None);
        assert_eq!(card_brand(""), None);
    }

    #[test]
    fn separators_and_grouping() {
        assert!(is_credit_card("4111 1111 1111 1111"));
        assert!(is_credit_card("4111-1111-1111-1111"));
        assert!(is_credit_card("3782 822463 10005"));
        assert!(is_credit_card("4222 2222 2222 2"));
        assert!(!is_credit_card("4111 1111-1111 1111"));
        assert!(!is_credit_card("41111111 11111111"));
        assert!(!is_credit_card("4111111-11111-1111"));
    }

    #[test]
    fn rejects_broken_and_noise() {
        assert!(!is_credit_card("4111111111111112"));
        assert!(!is_credit_card("5555555555554443"));
        assert!(!is_credit_card("378282246310006"));
        assert!(!is_credit_card("0000000000000000"));
        assert!(!is_credit_card("4444444444444444"));
        assert!(!is_credit_card("123e4567-e89b-12d3-a456-426614174000"));
        assert!(!is_credit_card("d41d8cd98f00b204e9800998ecf8427e"));
        assert!(!is_credit_card("1.2.3"));
        assert!(!is_credit_card(""));
    }

    #[test]
    fn masking() {
        assert_eq!(mask_card("4111111111111111"), "4111 **** **** 1111");
        assert_eq!(mask_card("4111 1111 1111 1111"), "4111 **** **** 1111");
        assert_eq!(mask_card("378282246310005"), "3782 **** **** 0005");
        assert_eq!(mask_card("4111111111111111111"), "4111 **** **** **** 1111");
        assert_eq!(mask_card("123456"), "**3456");
        assert_eq!(mask_card("123"), "***");
        assert_eq!(mask_card(""), "");
    }
}
