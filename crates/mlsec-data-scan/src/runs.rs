//! Bytes of one class in a buffer, found 64 bytes at a time from bit masks
//! instead of a walk over every byte: the runs of such bytes (the
//! prefilter of the phone finder: runs of seven digits and separators or
//! more; clean data's words and short numbers cost a few
//! instructions a block), and their positions (a CSV chunk's delimiters,
//! newlines and quotes).

/// A bit for each byte of `block` for which `class` holds. One comparison
/// per byte into a byte array (a loop the compiler turns into vector
/// compares where `class` compares with constants), then the top bit of
/// each byte gathered ([`top_bits`]).
#[inline]
pub(crate) fn block_mask(block: &[u8; 64], class: impl Fn(u8) -> bool) -> u64 {
    let mut flags = [0u8; 64];
    for (f, &b) in flags.iter_mut().zip(block) {
        *f = 0u8.wrapping_sub(u8::from(class(b)));
    }
    top_bits(&flags)
}

/// The top bit of each byte of `flags` (byte `i` gives bit `i`): one SSE2
/// `pmovmskb` per 16 bytes, a quarter of the work of the portable
/// multiply-and-shift ([`top_bits_portable`]).
#[cfg(target_arch = "x86_64")]
#[inline]
#[allow(
    unsafe_code,
    reason = "SSE2 is part of the x86_64 baseline; these intrinsics take values, not pointers, and are unsafe only for their target feature"
)]
fn top_bits(flags: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{_mm_movemask_epi8, _mm_set_epi64x};
    let word = |at: usize| u64::from_le_bytes(flags[at..at + 8].try_into().unwrap_or_default()) as i64;
    let mut m = 0u64;
    for k in 0..4 {
        // SAFETY: SSE2 is always present on x86_64; no memory is read.
        let bits = unsafe { _mm_movemask_epi8(_mm_set_epi64x(word(16 * k + 8), word(16 * k))) };
        m |= u64::from(bits as u16) << (16 * k);
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn top_bits(flags: &[u8; 64]) -> u64 {
    top_bits_portable(flags)
}

/// [`top_bits`] without vector instructions: eight bytes at a time.
#[cfg_attr(
    target_arch = "x86_64",
    allow(dead_code, reason = "the reference of a test on x86_64")
)]
fn top_bits_portable(flags: &[u8; 64]) -> u64 {
    flags.chunks_exact(8).enumerate().fold(0u64, |m, (k, w)| {
        let w = u64::from_le_bytes(w.try_into().unwrap_or_default()) >> 7 & 0x0101_0101_0101_0101;
        // Gathers the low bit of each of the eight bytes into the top byte.
        m | (w.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k)
    })
}

/// Calls `f` with the offset of each 64-byte block of `text` and the block;
/// the last, short one is padded with zero bytes.
#[inline]
fn for_each_block(text: &[u8], mut f: impl FnMut(usize, &[u8; 64])) {
    let mut chunks = text.chunks_exact(64);
    let mut base = 0;
    for block in chunks.by_ref() {
        if let Ok(block) = block.try_into() {
            f(base, block);
        }
        base += 64;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut block = [0u8; 64];
        block[..rest.len()].copy_from_slice(rest);
        f(base, &block);
    }
}

/// Calls `f` with each offset of `text` whose byte is of `class`, in
/// order: a bit mask per 64 bytes, then its set bits (cheaper than a
/// vectorised search restarted at each hit where hits are dense, as the
/// delimiters of a CSV file are).
pub(crate) fn for_each_position(text: &[u8], class: impl Fn(u8) -> bool, f: impl FnMut(usize)) {
    for_each_masked(text, |_, block| block_mask(block, &class), f);
}

/// `mask`, the mask of a block, moved up `k` bits (`1..=63`) with the top
/// bits of `before`, the same mask of the block before: a bit for each
/// byte whose `k`-th byte before it is of the mask's class.
pub(crate) fn moved_up(mask: u64, before: u64, k: u32) -> u64 {
    mask << k | before >> (64 - k)
}

/// Calls `f` with the offset of each bit `mask(base, block)` sets, block by
/// block, in order; the padding of the last block is no part of the text.
pub(crate) fn for_each_masked(text: &[u8], mut mask: impl FnMut(usize, &[u8; 64]) -> u64, mut f: impl FnMut(usize)) {
    for_each_block(text, |base, block| {
        let mut m = mask(base, block) & low_bits((text.len() - base).min(64) as u32);
        while m != 0 {
            f(base + m.trailing_zeros() as usize);
            m &= m - 1;
        }
    });
}

/// The bits below bit `n` (all of them from 64 up).
fn low_bits(n: u32) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// The bits `p` of `g` from which `n` bits (`1..=64`) are all set.
fn windows(g: u64, n: u32) -> u64 {
    let (mut w, mut len) = (g, 1);
    while len < n {
        let step = len.min(n - len);
        w &= w >> step;
        len += step;
    }
    w
}

/// The maximal runs of bytes of `part` in `text` at least `min_len` long,
/// in order: found from the windows of `min_len` bytes of the class, so
/// the many short runs (words, numbers) cost nothing each. `part` must not
/// hold for the zero byte (it pads the last block).
pub(crate) fn long_runs(text: &[u8], part: impl Fn(u8) -> bool + Copy, min_len: usize) -> Vec<(usize, usize)> {
    let min_len = min_len.max(1);
    let mut out = Vec::new();
    // The start of the run reaching the end of the previous block.
    let mut open: Option<usize> = None;
    for_each_block(text, |base, block| {
        let g = block_mask(block, part);
        let mut i = 0;
        if let Some(s) = open.take() {
            let len = (!g).trailing_zeros();
            if len == 64 {
                open = Some(s);
                return;
            }
            if base + len as usize - s >= min_len {
                out.push((s, base + len as usize));
            }
            i = len;
        }
        // A run inside the block is at most 64 bytes: the windows of
        // `min_len` bytes (none past 64) start each one long enough.
        let mut long = if min_len <= 64 {
            windows(g, min_len as u32) & !low_bits(i)
        } else {
            0
        };
        while long != 0 {
            let q = long.trailing_zeros();
            let above = !g & !low_bits(q);
            if above == 0 {
                // The run reaching the block's end: opened below.
                break;
            }
            let e = above.trailing_zeros();
            out.push((base + q as usize, base + e as usize));
            long &= !low_bits(e);
        }
        if g >> 63 == 1 {
            open = Some(base + 64 - g.leading_ones() as usize);
        }
    });
    if let Some(s) = open {
        if text.len() - s >= min_len {
            out.push((s, text.len()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes of a phone number candidate (as the phone finder's class).
    fn number_byte(b: u8) -> bool {
        matches!(
            b,
            b'0'..=b'9' | b' ' | b'(' | b')' | b'.' | b'-' | b'/' | b'+' | 0xC2 | 0xA0
        )
    }

    /// The maximal runs of `part` in `t`, by a walk over every byte.
    fn walked_runs(t: &[u8], part: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            if !part(t[i]) {
                i += 1;
                continue;
            }
            let s = i;
            while i < t.len() && part(t[i]) {
                i += 1;
            }
            out.push((s, i));
        }
        out
    }

    /// The runs of number bytes [`long_runs`] finds, by a walk over every
    /// byte.
    fn runs_by_bytes(t: &[u8], min: usize) -> Vec<(usize, usize)> {
        let mut out = walked_runs(t, number_byte);
        out.retain(|&(s, e)| e - s >= min.max(1));
        out
    }

    proptest::proptest! {
        /// The vector gathering of top bits is the portable one.
        #[test]
        fn top_bits_agree(bytes in proptest::collection::vec(proptest::num::u8::ANY, 64)) {
            let flags: [u8; 64] = bytes.try_into().unwrap();
            proptest::prop_assert_eq!(top_bits(&flags), top_bits_portable(&flags));
            let bits = (0..64).filter(|&i| flags[i] >= 0x80).fold(0u64, |m, i| m | 1 << i);
            proptest::prop_assert_eq!(top_bits(&flags), bits);
        }
    }

    proptest::proptest! {
        /// The block-wise run finder agrees with a walk over every byte,
        /// across block boundaries and at the text's end.
        #[test]
        fn runs_agree_with_a_walk(parts in proptest::collection::vec(proptest::sample::select(vec![
            "0", "12", "3456789", " ", "(", "+", "-", ".", "a", ",", "\u{a0}", "é", "loremipsumdolorsitamet",
            "                                ",
        ]), 0..120), min in 0usize..9) {
            let text = parts.concat();
            let t = text.as_bytes();
            proptest::prop_assert_eq!(long_runs(t, number_byte, min), runs_by_bytes(t, min));
        }
    }

    proptest::proptest! {
        /// Long runs are the maximal runs a walk over every byte finds, cut
        /// to those long enough, across blocks.
        #[test]
        fn long_runs_agree_with_a_walk(parts in proptest::collection::vec(proptest::sample::select(vec![
            "a", "Zq", "0123456789", " ", "+/", "-", "loremipsumdolorsitametconsectetur", "é",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        ]), 0..60), min in 0usize..140) {
            let text = parts.concat();
            let t = text.as_bytes();
            let part = |b: u8| b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
            let mut want = walked_runs(t, part);
            want.retain(|&(s, e)| e - s >= min.max(1));
            proptest::prop_assert_eq!(long_runs(t, part, min), want);
        }
    }

    proptest::proptest! {
        /// The positions of a class are those a walk over every byte finds,
        /// the zero byte included (it also pads the last block), also with
        /// a class required some bytes before (across blocks).
        #[test]
        fn positions_agree_with_a_walk(text in proptest::collection::vec(proptest::sample::select(vec![
            0u8, b',', b'\n', b'"', b'a', b'1',
        ]), 0..300), lead in 0usize..70) {
            let text = [vec![b'x'; lead], text].concat();
            for class in [|b: u8| b == b',' || b == b'"', |b: u8| b == 0] {
                let mut got = Vec::new();
                for_each_position(&text, class, |p| got.push(p));
                let want: Vec<usize> = (0..text.len()).filter(|&p| class(text[p])).collect();
                proptest::prop_assert_eq!(got, want);
                // Of the class, with a `1` or zero byte `k` bytes before.
                for k in [1, 2, 4, 63] {
                    let mut got = Vec::new();
                    let mut before = 0;
                    let mask = |_: usize, block: &[u8; 64]| {
                        let b = block_mask(block, |b| b == b'1' || b == 0);
                        let m = block_mask(block, class) & moved_up(b, before, k);
                        before = b;
                        m
                    };
                    for_each_masked(&text, mask, |p| got.push(p));
                    let k = k as usize;
                    let want: Vec<usize> = (k..text.len())
                        .filter(|&p| class(text[p]) && (text[p - k] == b'1' || text[p - k] == 0))
                        .collect();
                    proptest::prop_assert_eq!(got, want);
                }
            }
        }
    }

    #[test]
    fn runs_at_every_offset() {
        for lead in 0..130 {
            for body in ["(+30) 6963 212233", "1234567", "12 34 56", "+++++", "0"] {
                for tail in ["", "x", " 99"] {
                    let text = format!("{}{body}{tail}", "a".repeat(lead));
                    let t = text.as_bytes();
                    for min in [1, 2, 7] {
                        assert_eq!(long_runs(t, number_byte, min), runs_by_bytes(t, min), "{text:?} {min}");
                    }
                    let all = "7".repeat(lead) + body;
                    let t = all.as_bytes();
                    assert_eq!(long_runs(t, number_byte, 7), runs_by_bytes(t, 7), "{all:?}");
                }
            }
        }
    }

    #[test]
    fn block_mask_marks_each_byte() {
        let mut block = [b'a'; 64];
        for i in [0, 7, 8, 31, 63] {
            block[i] = b'5';
        }
        let m = block_mask(&block, |b| b.is_ascii_digit());
        assert_eq!(m, 1 | 1 << 7 | 1 << 8 | 1 << 31 | 1 << 63);
    }
}
