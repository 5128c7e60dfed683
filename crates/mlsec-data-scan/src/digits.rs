//! Decimal digits of scripts other than ASCII's (Arabic-Indic, Persian, the
//! Indic scripts, Thai, fullwidth, ...): what the phone finder reads as
//! digits and what format-preserving redaction replaces with digits of the
//! same script.

/// The zero of each run of ten decimal digits other than ASCII's that
/// numbers are written in (libphonenumber reads any of them): Arabic-Indic,
/// Persian, NKo, the Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer,
/// Mongolian and fullwidth.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0E50, 0x0ED0,
    0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
];

/// The zero of `c`'s script and `c`'s value, where `c` is a decimal digit
/// of another script than ASCII's ([`DIGIT_ZEROS`]).
pub(crate) fn other_digit(c: char) -> Option<(char, u8)> {
    let u = u32::from(c);
    let z = *DIGIT_ZEROS.iter().find(|&&z| (z..z + 10).contains(&u))?;
    Some((char::from_u32(z)?, u8::try_from(u - z).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zero_starts_ten_digits() {
        for &z in DIGIT_ZEROS {
            for d in 0..10u8 {
                let c = char::from_u32(z + u32::from(d)).unwrap();
                assert!(c.is_numeric(), "{c:?}");
                assert_eq!(other_digit(c), Some((char::from_u32(z).unwrap(), d)));
            }
        }
        assert_eq!(other_digit('7'), None);
        assert_eq!(other_digit('a'), None);
    }
}
