//! Cryptocurrency addresses: Bitcoin, after python-stdnum's `bitcoin`
//! (Base58Check `1...`/`3...` addresses, and Bech32 `bc1...` segwit
//! addresses per BIP-173). One deviation: Bech32m checksums (BIP-350, the
//! `bc1p...` Taproot addresses of witness version 1 and above) are accepted
//! too, where stdnum knows only Bech32.

use sha2::{Digest, Sha256};

/// A Bitcoin address: Base58Check (25 bytes with a double SHA-256
/// checksum) or Bech32/Bech32m (witness version, program length, checksum).
pub fn is_btc_address(s: &str) -> bool {
    let s = s.trim().as_bytes();
    match s.first() {
        Some(b'1' | b'3') => base58check(s),
        _ if s.len() >= 3 && s[..3].eq_ignore_ascii_case(b"bc1") => bech32_segwit(&s.to_ascii_lowercase()),
        _ => false,
    }
}

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// A Base58 string decoding to exactly 25 bytes whose last four are the
/// first four of the double SHA-256 of the other 21.
fn base58check(s: &[u8]) -> bool {
    // Big-endian, one spare byte to notice a value too large.
    let mut n = [0u8; 26];
    for &c in s {
        let Some(v) = BASE58.iter().position(|&a| a == c) else {
            return false;
        };
        let mut carry = v as u32;
        for byte in n.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        if carry != 0 || n[0] != 0 {
            return false;
        }
    }
    // Leading `1`s are zero bytes; the value's own bytes follow (at least one).
    let ones = s.iter().take_while(|&&c| c == b'1').count();
    let significant = n.iter().skip_while(|&&b| b == 0).count().max(1);
    if ones + significant != 25 {
        return false;
    }
    let addr = &n[1..];
    let check = Sha256::digest(Sha256::digest(&addr[..21]));
    check[..4] == addr[21..]
}

const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// BIP-173's checksum polynomial over 5-bit values.
fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = (chk & 0x01ff_ffff) << 5 | u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if top >> i & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// A lowercase `bc1...` segwit address: Bech32 alphabet, 11 to 90
/// characters, a valid checksum, witness version at most 16 and a program
/// of 2 to 40 bytes (20 or 32 for version 0, with a Bech32 checksum).
fn bech32_segwit(s: &[u8]) -> bool {
    if !(11..=90).contains(&s.len()) {
        return false;
    }
    let mut data = Vec::with_capacity(s.len() - 3);
    for &c in &s[3..] {
        match BECH32.iter().position(|&a| a == c) {
            Some(v) => data.push(v as u8),
            None => return false,
        }
    }
    // The human-readable part `bc`, expanded: high bits, 0, low bits.
    let hrp = [b'b' >> 5, b'c' >> 5, 0, b'b' & 31, b'c' & 31];
    let chk = polymod(hrp.iter().chain(&data).copied());
    let version = data[0];
    let bech32 = chk == 1;
    let bech32m = chk == 0x2bc8_30a3 && version >= 1;
    if !(bech32 || bech32m) || version > 16 {
        return false;
    }
    // The program: 5-bit groups regrouped into bytes, no more than four
    // zero bits of padding.
    let (mut acc, mut bits, mut len) = (0u32, 0u32, 0usize);
    for &v in &data[1..data.len() - 6] {
        acc = (acc << 5 | u32::from(v)) & 0xfff;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            len += 1;
        }
    }
    if bits >= 5 || acc & ((1 << bits) - 1) != 0 {
        return false;
    }
    (2..=40).contains(&len) && (version != 0 || len == 20 || len == 32)
}
