//! Bytes of a small set found eight at a time in a `u64` (SWAR: SIMD
//! within a register), for passes that stop at bytes that are frequent in
//! data (`,` and `"` in CSV, `.` and `-` in dates, prices and UUIDs) where
//! a vectorised search pays its set-up at every stop.

const L: u64 = 0x0101_0101_0101_0101;
const H: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that equals `b`; exact for every byte
/// (no carry crosses a byte: the high bits are cleared before the add).
#[inline]
pub(crate) fn eq_mask(x: u64, b: u8) -> u64 {
    let v = x ^ (L * u64::from(b));
    !((v & !H).wrapping_add(!H) | v) & H
}

/// The offsets in `buf`, in order, of the bytes `mask_of` flags: it is
/// given eight bytes as a little-endian `u64` and returns the high bit of
/// each byte to visit (exact per byte, as [`eq_mask`]'s are). The last
/// bytes are padded with zeros, which are never visited.
pub(crate) fn positions<'a>(buf: &'a [u8], mask_of: impl Fn(u64) -> u64 + 'a) -> impl Iterator<Item = usize> + 'a {
    let mut next = 0;
    let mut base = 0;
    let mut mask = 0u64;
    std::iter::from_fn(move || {
        while mask == 0 {
            let rest = buf.get(next..)?;
            if rest.is_empty() {
                return None;
            }
            base = next;
            let (word, valid) = match rest.first_chunk::<8>() {
                Some(w) => (u64::from_le_bytes(*w), H),
                None => {
                    let mut w = [0u8; 8];
                    w[..rest.len()].copy_from_slice(rest);
                    (u64::from_le_bytes(w), H >> (8 * (8 - rest.len())))
                }
            };
            mask = mask_of(word) & valid;
            next += 8;
        }
        let i = mask.trailing_zeros() as usize / 8;
        mask &= mask - 1;
        Some(base + i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Exactly the bytes of the set, in order, whatever the length.
        #[test]
        fn positions_are_the_bytes_of_the_set(buf in proptest::collection::vec(proptest::num::u8::ANY, 0..40), a: u8, b: u8) {
            let got: Vec<usize> = positions(&buf, |x| eq_mask(x, a) | eq_mask(x, b)).collect();
            let want: Vec<usize> = buf.iter().enumerate().filter(|(_, &c)| c == a || c == b).map(|(i, _)| i).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn eq_mask_is_exact_for_every_byte_anywhere() {
        for b in 0..=255u8 {
            for c in 0..=255u8 {
                for i in 0..8 {
                    let mut w = [c.wrapping_add(1); 8];
                    w[i] = c;
                    let m = eq_mask(u64::from_le_bytes(w), b);
                    let want: u64 = w
                        .iter()
                        .enumerate()
                        .filter(|(_, &x)| x == b)
                        .map(|(k, _)| 0x80 << (8 * k))
                        .sum();
                    assert_eq!(m, want, "byte {c} looking for {b} at {i}");
                }
            }
        }
    }
}
