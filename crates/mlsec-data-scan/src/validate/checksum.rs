//! Generic check-digit algorithms exposed to the rest of the crate: Luhn
//! (payment cards, Canadian SIN, Israeli ID, South African ID, Swedish
//! personnummer) and Verhoeff (Indian Aadhaar). Both take a string of ASCII
//! digits, check digit last, and return `false` for anything else.

use super::util::{all_digits, dv, luhn_bytes};

/// Luhn (mod 10) check over `digits`, check digit last. Returns `false` for
/// an empty string or any non-digit character.
pub fn luhn(digits: &str) -> bool {
    luhn_bytes(digits.as_bytes())
}

/// Verhoeff dihedral-group multiplication table `d(j, k)`.
const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/// Verhoeff position permutation table `p(pos mod 8, digit)`.
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Verhoeff check over ASCII digits, check digit last.
pub(crate) fn verhoeff_bytes(b: &[u8]) -> bool {
    if !all_digits(b) {
        return false;
    }
    let mut check = 0usize;
    for (i, &c) in b.iter().rev().enumerate() {
        let p = VERHOEFF_P[i % 8][dv(c) as usize];
        check = usize::from(VERHOEFF_D[check][usize::from(p)]);
    }
    check == 0
}

/// Verhoeff check over `digits`, check digit last. Returns `false` for an
/// empty string or any non-digit character.
pub fn verhoeff(digits: &str) -> bool {
    verhoeff_bytes(digits.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn("4111111111111111"));
        assert!(luhn("0"));
        assert!(!luhn("4111111111111112"));
        assert!(!luhn(""));
        assert!(!luhn("4111 1111"));
        assert!(!luhn("١٢٣"));
    }

    #[test]
    fn verhoeff_known_values() {
        assert!(verhoeff("2363"));
        assert!(verhoeff("123456789010"));
        assert!(!verhoeff("2364"));
        assert!(!verhoeff(""));
        assert!(!verhoeff("12a4"));
    }
}
