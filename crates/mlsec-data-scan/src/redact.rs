//! Redaction: rewrite the values a scan found, in place in a copy of the
//! data, so the output keeps its format and schema (CSV columns, JSON
//! structure, text layout). Operators per entity: replace by the type name
//! (`<EMAIL>`, the default), mask, remove, keyed pseudonym (HMAC-SHA-256:
//! the same value gives the same token everywhere under one key, so joins
//! still work), or format-preserving digits (every digit replaced by a keyed
//! digit, separators and length kept, for numbers whose shape must survive),
//! or reversible encryption (AES-256-GCM, see [`encrypt_token`] and
//! [`decrypt_token`]). Encryption tokens are recognised by the scanner
//! ([`is_enc_token`]) so a rescan of redacted data does not report them as
//! secrets.

use std::collections::HashMap;

use aes_gcm::aead::{Aead as _, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{Error, Result};
use crate::mask::mask;

/// Prefix of encryption tokens: `ENC:` + base64url(nonce || ciphertext+tag).
pub const ENC_PREFIX: &str = "ENC:";

/// HKDF-SHA-256 salt and info: the AES key is derived from the user's key
/// material under this fixed context, never used raw.
const ENC_SALT: &[u8] = b"mlsec-redact";
const ENC_INFO: &[u8] = b"mlsec-redact-encrypt/v1 aes-256-gcm";
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Fewest bytes of key material accepted for encryption.
pub const MIN_ENC_KEY_LEN: usize = 16;

/// What to put in place of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// `<ENTITY>`.
    Replace,
    /// The masked form (`j***@e***.com`).
    Mask,
    /// Nothing.
    Remove,
    /// `ENTITY_` and 12 hex digits of a keyed HMAC.
    Pseudonym,
    /// Digits replaced by keyed digits; everything else kept.
    FormatPreserving,
    /// `ENC:` + base64url(nonce || AES-256-GCM ciphertext and tag), the
    /// entity as associated data: reversible with the key ([`decrypt_token`]).
    Encrypt,
}

impl Operator {
    /// The names users write, one per operator (aliases are also parsed).
    pub const NAMES: [&'static str; 6] = ["replace", "mask", "remove", "pseudonym", "fpe", "encrypt"];

    /// Parse `replace`, `mask`, `remove`, `pseudonym`, `fpe`, `encrypt`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "replace" | "type" => Some(Self::Replace),
            "mask" => Some(Self::Mask),
            "remove" => Some(Self::Remove),
            "pseudonym" | "hmac" => Some(Self::Pseudonym),
            "fpe" | "format-preserving" => Some(Self::FormatPreserving),
            "encrypt" | "aes-gcm" => Some(Self::Encrypt),
            _ => None,
        }
    }

    /// Does this operator need a key?
    #[must_use]
    pub fn keyed(self) -> bool {
        matches!(self, Self::Pseudonym | Self::FormatPreserving | Self::Encrypt)
    }
}

/// The AES-256-GCM cipher for `key_material` (HKDF-SHA-256 with a fixed
/// salt and context label; the raw key is never the AES key).
fn cipher(key_material: &[u8]) -> Result<Aes256Gcm> {
    if key_material.len() < MIN_ENC_KEY_LEN {
        return Err(Error::Crypto {
            reason: format!("the encryption key must have at least {MIN_ENC_KEY_LEN} bytes"),
        });
    }
    let mut okm = [0u8; 32];
    hkdf::Hkdf::<Sha256>::new(Some(ENC_SALT), key_material)
        .expand(ENC_INFO, &mut okm)
        .map_err(|_| Error::Crypto {
            reason: "key derivation failed".into(),
        })?;
    <Aes256Gcm as KeyInit>::new_from_slice(&okm).map_err(|_| Error::Crypto {
        reason: "key derivation failed".into(),
    })
}

fn seal(cipher: &Aes256Gcm, entity: &str, value: &[u8]) -> Result<String> {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|e| Error::Crypto {
        reason: format!("no random nonce: {e}"),
    })?;
    let ct = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: value,
                aad: entity.as_bytes(),
            },
        )
        .map_err(|_| Error::Crypto {
            reason: "encryption failed".into(),
        })?;
    let mut raw = Vec::with_capacity(NONCE_LEN + ct.len());
    raw.extend_from_slice(&nonce);
    raw.extend_from_slice(&ct);
    Ok(format!(
        "{ENC_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
    ))
}

/// Encrypt one value: `ENC:` + base64url(12-byte random nonce || ciphertext
/// and 16-byte tag), AES-256-GCM under a key derived from `key_material`,
/// with `entity` as associated data (a token only decrypts as its entity).
///
/// # Errors
/// Key material shorter than [`MIN_ENC_KEY_LEN`], or no randomness.
pub fn encrypt_token(key_material: &[u8], entity: &str, value: &[u8]) -> Result<String> {
    seal(&cipher(key_material)?, entity, value)
}

/// Decrypt a token written by the `encrypt` operator.
///
/// # Errors
/// Not a token, a wrong key, a wrong entity or a changed token (the
/// authentication tag does not match).
pub fn decrypt_token(key_material: &[u8], entity: &str, token: &str) -> Result<Vec<u8>> {
    let body = token.strip_prefix(ENC_PREFIX).ok_or_else(|| Error::Crypto {
        reason: "not an encryption token (no `ENC:` prefix)".into(),
    })?;
    let raw = token_bytes(body.as_bytes())?;
    open(&cipher(key_material)?, &raw, entity).ok_or_else(|| Error::Crypto {
        reason: "the token does not decrypt: wrong key, wrong entity or changed token".into(),
    })
}

/// The nonce, ciphertext and tag a token's base64url body holds.
fn token_bytes(body: &[u8]) -> Result<Vec<u8>> {
    let bad = |reason: &str| Error::Crypto { reason: reason.into() };
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| bad("not an encryption token (bad base64url)"))?;
    if raw.len() < NONCE_LEN + TAG_LEN {
        return Err(bad("not an encryption token (too short)"));
    }
    Ok(raw)
}

/// Decrypt a token's bytes with `entity` as associated data.
fn open(cipher: &Aes256Gcm, raw: &[u8], entity: &str) -> Option<Vec<u8>> {
    let (nonce, ct) = raw.split_at(NONCE_LEN);
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ct,
                aad: entity.as_bytes(),
            },
        )
        .ok()
}

/// End of the token whose `ENC:` prefix starts at `at` (its base64url).
fn token_end(buf: &[u8], at: usize) -> usize {
    let body = at + ENC_PREFIX.len();
    body + buf[body..].iter().take_while(|b| is_b64url(**b)).count()
}

/// Reverse the `encrypt` operator in a whole file: every `ENC:` token that
/// decrypts under `key_material` is replaced by its value. The entity (the
/// associated data) is found by trying each entity name. Returns the text
/// and the number of tokens restored.
///
/// # Errors
/// Key material shorter than [`MIN_ENC_KEY_LEN`], or a token that decrypts
/// as no entity (wrong key, or a changed token): the offset is named and
/// nothing is returned, so a wrong key never yields a half-restored file.
pub fn decrypt_all(data: &[u8], key_material: &[u8]) -> Result<(Vec<u8>, usize)> {
    let cipher = cipher(key_material)?;
    let names = crate::entities();
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0;
    let mut restored = 0;
    for at in memchr::memmem::find_iter(data, ENC_PREFIX.as_bytes()) {
        if at < pos || !is_enc_token(&data[at..]) {
            continue;
        }
        let end = token_end(data, at);
        let raw = token_bytes(&data[at + ENC_PREFIX.len()..end]).ok();
        let value = raw.and_then(|raw| names.iter().find_map(|e| open(&cipher, &raw, e)));
        let Some(value) = value else {
            return Err(Error::Crypto {
                reason: format!(
                    "the token at byte {at} does not decrypt under this key as any entity: wrong key, or the token was changed"
                ),
            });
        };
        out.extend_from_slice(&data[pos..at]);
        out.extend_from_slice(&value);
        pos = end;
        restored += 1;
    }
    out.extend_from_slice(&data[pos..]);
    Ok((out, restored))
}

/// Is `v` (or does it start with) an encryption token: `ENC:` followed by
/// at least the base64url of a nonce and a tag? The scanner skips such
/// tokens, which are random by design.
#[must_use]
pub fn is_enc_token(v: &[u8]) -> bool {
    let Some(body) = v.strip_prefix(ENC_PREFIX.as_bytes()) else {
        return false;
    };
    let n = body.iter().take_while(|b| is_b64url(**b)).count();
    n >= (NONCE_LEN + TAG_LEN).div_ceil(3) * 4
}

/// Is `v` nothing but what redaction writes in a value's place: `<EMAIL>`
/// tokens, keyed pseudonyms (`PERSON_NAME_3f9a0c61b2d4`) and encryption
/// tokens, with spaces, line breaks and punctuation between (a redacted
/// address over two lines, `<POSTAL_ADDRESS>\n`; a name cell of two
/// tokens)? A rescan of redacted data reads none of these as a value.
#[must_use]
pub fn only_redaction_tokens(v: &[u8]) -> bool {
    let entity = |w: &[u8]| {
        !w.is_empty()
            && w[0].is_ascii_uppercase()
            && w.iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
    };
    let mut i = 0;
    let mut tokens = 0;
    while i < v.len() {
        let b = v[i];
        if b.is_ascii_whitespace() || (b.is_ascii_punctuation() && b != b'<' && !v[i..].starts_with(b"&lt;")) {
            i += 1;
            continue;
        }
        let rest = &v[i..];
        // `&lt;EMAIL&gt;`, as written in markup.
        if let Some(body) = rest.strip_prefix(b"&lt;") {
            let Some(close) = memchr::memmem::find(body, b"&gt;") else {
                return false;
            };
            if !entity(&body[..close]) {
                return false;
            }
            tokens += 1;
            i += 4 + close + 4;
            continue;
        }
        let len = if b == b'<' {
            let Some(close) = memchr::memchr(b'>', rest) else {
                return false;
            };
            if !entity(&rest[1..close]) {
                return false;
            }
            close + 1
        } else if is_enc_token(rest) {
            token_end(v, i) - i
        } else {
            // A pseudonym: an entity's name, `_`, twelve lowercase hex digits.
            let word = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
            let w = &rest[..word];
            let ok = word > 13
                && w[word - 13] == b'_'
                && entity(&w[..word - 13])
                && w[word - 12..]
                    .iter()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
            if !ok {
                return false;
            }
            word
        };
        tokens += 1;
        i += len.max(1);
    }
    tokens > 0
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Does `start..end` in `buf` lie inside an encryption token (from its
/// `ENC:` to the end of its base64url)?
#[must_use]
pub fn enc_token_around(buf: &[u8], start: usize, end: usize) -> bool {
    if start >= buf.len() {
        return false;
    }
    // Walk back over base64url to the `ENC:` prefix (or start on it).
    let mut s = start;
    if !buf[start..].starts_with(ENC_PREFIX.as_bytes()) {
        while s > 0 && is_b64url(buf[s - 1]) {
            s -= 1;
        }
        if s < ENC_PREFIX.len() || &buf[s - ENC_PREFIX.len()..s] != ENC_PREFIX.as_bytes() {
            return false;
        }
        s -= ENC_PREFIX.len();
    }
    if !is_enc_token(&buf[s..]) {
        return false;
    }
    end <= token_end(buf, s)
}

/// Whether `start..end` in `data` is an XML or HTML element's text
/// (`<curp>VALUE</curp>`: a `>` is the last angle bracket before it on its
/// line, and `</` the first after it) or an attribute's value (`<app
/// version="VALUE">`: inside a tag begun with a name, after an `=`). A
/// value in angle brackets in a mail (`Ana <ana@example.org>`) is neither.
fn in_markup(data: &[u8], start: usize, end: usize) -> bool {
    let before = crate::detect::line_before(data, start, 256);
    let to = data.len().min(end + 256);
    let to = memchr::memchr(b'\n', &data[end..to]).map_or(to, |i| end + i);
    let after = &data[end..to];
    match memchr::memrchr2(b'<', b'>', before) {
        Some(i) if before[i] == b'>' => {
            let next = memchr::memchr(b'<', after);
            next.is_some_and(|j| after.get(j + 1) == Some(&b'/'))
        }
        Some(i) => {
            before.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                && before[i..].contains(&b'=')
                && after.contains(&b'>')
        }
        None => false,
    }
}

/// Redaction settings.
#[derive(Debug, Clone)]
pub struct RedactOptions {
    /// Operator for entities not listed in `per_entity`.
    pub default: Operator,
    /// Operator per entity (`EMAIL`, `CREDIT_CARD`, ...).
    pub per_entity: HashMap<String, Operator>,
    /// Key of pseudonyms and format-preserving digits.
    pub key: Vec<u8>,
    /// The data is JSON or JSON Lines: a value found in a bare number
    /// (`"card": 4111111111111111`) is written back as a JSON string when
    /// its replacement is not a JSON number, so the output still parses.
    pub json: bool,
}

fn hmac(key: &[u8], entity: &str, value: &[u8]) -> [u8; 32] {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else {
        return [0; 32];
    };
    mac.update(b"mlsec-redact:");
    mac.update(entity.as_bytes());
    mac.update(b":");
    mac.update(value);
    mac.finalize().into_bytes().into()
}

/// The replacement for one value.
///
/// # Errors
/// Only for [`Operator::Encrypt`]: see [`encrypt_token`].
pub fn replacement(op: Operator, entity: &str, value: &[u8], key: &[u8]) -> Result<Vec<u8>> {
    if op == Operator::Encrypt {
        return encrypt_token(key, entity, value).map(String::into_bytes);
    }
    Ok(replace_with(op, entity, value, key))
}

fn replace_with(op: Operator, entity: &str, value: &[u8], key: &[u8]) -> Vec<u8> {
    match op {
        Operator::Replace => format!("<{entity}>").into_bytes(),
        Operator::Mask => mask(entity, value).into_bytes(),
        Operator::Remove => Vec::new(),
        Operator::Pseudonym => {
            let h = hmac(key, entity, value);
            let hex: String = h[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("{entity}_{hex}").into_bytes()
        }
        Operator::FormatPreserving => {
            // A birth date stays a valid date in its own format.
            if entity == "DATE_OF_BIRTH" {
                if let Some(date) = pseudonymous_date(key, entity, value) {
                    return date;
                }
            }
            // A keyed stream of bytes, one per digit of the value.
            let mut stream = Vec::new();
            let mut counter = 0u32;
            let mut next = || {
                if stream.is_empty() {
                    stream = hmac(key, entity, &[value, &counter.to_be_bytes()].concat()).to_vec();
                    counter += 1;
                }
                stream.pop().unwrap_or(0)
            };
            // Where letters carry the value (an e-mail's local part, a name,
            // a secret), letters are replaced too, keeping their case; an
            // identifier keeps its letters (a country code, a check letter).
            let letters = matches!(
                entity,
                "EMAIL" | "PERSON_NAME" | "POSTAL_ADDRESS" | "SECRET" | "PRIVATE_KEY" | "JWT"
            );
            let ascii = |b: u8, next: &mut dyn FnMut() -> u8| {
                let base = match b {
                    b'0'..=b'9' => (b'0', 10),
                    b'a'..=b'z' if letters => (b'a', 26),
                    b'A'..=b'Z' if letters => (b'A', 26),
                    _ => return b,
                };
                base.0 + next() % base.1
            };
            let Ok(text) = std::str::from_utf8(value) else {
                return value.iter().map(|&b| ascii(b, &mut next)).collect();
            };
            // Digits of other scripts become digits of the same script,
            // letters of other scripts (a name in Bengali or Chinese)
            // letters of the same block; ASCII as above, so a value in
            // ASCII gets the same pseudonym as ever.
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                if c.is_ascii() {
                    out.push(char::from(ascii(c as u8, &mut next)));
                } else if let Some((zero, _)) = crate::digits::other_digit(c) {
                    out.push(char::from_u32(u32::from(zero) + u32::from(next() % 10)).unwrap_or(zero));
                } else if letters && c.is_alphabetic() {
                    out.push(same_block_letter(c, &mut next));
                } else {
                    out.push(c);
                }
            }
            out.into_bytes()
        }
        // Handled by the caller, which holds the cipher; never the value in clear.
        Operator::Encrypt => format!("<{entity}>").into_bytes(),
    }
}

/// A letter for `c` drawn with `next` from `c`'s own 128-character block
/// (same script, and the same length in UTF-8), or among the CJK unified
/// ideographs for one of them; never `c` itself unless no other letter of
/// the block turns up in a few draws.
fn same_block_letter(c: char, next: &mut dyn FnMut() -> u8) -> char {
    let u = u32::from(c);
    if (0x4E00..=0x9FFF).contains(&u) {
        let r = u32::from(next()) << 8 | u32::from(next());
        return char::from_u32(0x4E00 + r % (0x9FFF - 0x4E00 + 1)).unwrap_or(c);
    }
    let block = u & !0x7F;
    // Of the same case: a lowercase letter for one (that has an uppercase
    // form, so not `ª`), an uppercase one for one, any for a caseless one.
    let like = |d: char| {
        if c.is_lowercase() {
            d.is_lowercase() && d.to_uppercase().next() != Some(d)
        } else if c.is_uppercase() {
            d.is_uppercase() && d.to_lowercase().next() != Some(d)
        } else {
            !d.is_lowercase() && !d.is_uppercase()
        }
    };
    (0..16)
        .filter_map(|_| char::from_u32(block + u32::from(next() % 128)))
        .find(|&d| d != c && d.is_alphabetic() && like(d))
        .unwrap_or(c)
}

/// A keyed pseudonym of a numeric date (`1985-03-14`, `14/03/1985`,
/// `3.14.1985`) that is still a valid date in the same format: the year is
/// kept (ages survive, as most analyses need), the month and day are keyed
/// (the day within 1 to 28, so every month has it). Where the order of day
/// and month cannot be told (`03/04/1985`), both stay within 1 to 12, so the
/// result is valid read either way. `None` when `value` is no such date.
fn pseudonymous_date(key: &[u8], entity: &str, value: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(value).ok()?;
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !c.is_ascii_digit() {
            if !matches!(c, '-' | '/' | '.' | ' ') || i == start {
                return None;
            }
            groups.push(&text[start..i]);
            seps.push(c);
            start = i + 1;
        }
    }
    groups.push(&text[start..]);
    let [g0, g1, g2] = groups[..] else { return None };
    if g0.is_empty() || g1.is_empty() || g2.is_empty() {
        return None;
    }
    // The year is four digits, first or last; the other two are 1-2 digits.
    let (year_first, a, b) = match (g0.len(), g2.len()) {
        (4, 1..=2) => (true, g1, g2),
        (1..=2, 4) => (false, g0, g1),
        _ => return None,
    };
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (av, bv): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    if !(1..=31).contains(&av) || !(1..=31).contains(&bv) || (av > 12 && bv > 12) {
        return None;
    }
    // Whether `a` is the month: ISO order after a leading year, else the
    // one that can be (the other is over 12); `None` when either can.
    let a_is_month = if year_first {
        Some(av <= 12)
    } else if av > 12 || bv > 12 {
        Some(bv > 12)
    } else {
        None
    };
    let h = hmac(key, entity, value);
    let month = 1 + u32::from(h[0]) % 12;
    let day = 1 + u32::from(h[1]) % if a_is_month.is_some() { 28 } else { 12 };
    let (new_a, new_b) = if a_is_month.unwrap_or(true) {
        (month, day)
    } else {
        (day, month)
    };
    let pad = |v: u32, like: &str| {
        if like.len() == 2 {
            format!("{v:02}")
        } else {
            v.to_string()
        }
    };
    let (na, nb) = (pad(new_a, a), pad(new_b, b));
    let out = if year_first {
        format!("{g0}{}{na}{}{nb}", seps[0], seps[1])
    } else {
        format!("{na}{}{nb}{}{g2}", seps[0], seps[1])
    };
    Some(out.into_bytes())
}

/// The spans [`redact()`] replaces: each finding's byte range and entity
/// (findings without data evidence or an offset are skipped).
#[must_use]
pub fn finding_spans(findings: &[mlsec_diagnostics::Finding]) -> Vec<(usize, usize, String)> {
    findings
        .iter()
        .filter_map(|f| {
            let d = f.data.as_ref()?;
            let (o, l) = (f.location.offset?, f.location.length?);
            Some((usize::try_from(o).ok()?, usize::try_from(o + l).ok()?, d.entity.clone()))
        })
        .collect()
}

/// Rewrite `data` with every span replaced. Spans are `(start, end,
/// entity)`; overlapping spans keep the first.
///
/// # Errors
/// Only with [`Operator::Encrypt`]: a key shorter than [`MIN_ENC_KEY_LEN`]
/// or no randomness for nonces.
pub fn redact<E: AsRef<str>>(data: &[u8], spans: &[(usize, usize, E)], opts: &RedactOptions) -> Result<Vec<u8>> {
    let encrypts = opts.default == Operator::Encrypt || opts.per_entity.values().any(|o| *o == Operator::Encrypt);
    let cipher = if encrypts { Some(cipher(&opts.key)?) } else { None };
    let mut spans: Vec<&(usize, usize, E)> = spans.iter().filter(|s| s.0 < s.1 && s.1 <= data.len()).collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0;
    let mut strings = JsonStrings::default();
    for (s, e, entity) in spans {
        let entity = entity.as_ref();
        if *s < pos {
            continue;
        }
        let op = opts.per_entity.get(entity).copied().unwrap_or(opts.default);
        let raw = &data[*s..*e];
        let repl = match (&cipher, op) {
            // Sealed as written, so that decryption restores the bytes.
            (Some(c), Operator::Encrypt) => seal(c, entity, raw)?.into_bytes(),
            // In JSON, a value's `\uXXXX` escapes count as the characters
            // they stand for: its pseudonym is that of the value written in
            // UTF-8, and a mask never cuts an escape in two.
            _ if opts.json => replace_with(op, entity, &crate::json_escapes::unescape_value(raw), &opts.key),
            // A value over several lines (a private key in text) keeps its
            // line breaks after its replacement: the lines after it stay
            // where they were (a text dataset's records are its lines).
            _ => {
                let mut repl = replace_with(op, entity, raw, &opts.key);
                // In an XML or HTML element's text or attribute, `<EMAIL>`
                // would be a tag: it is written as markup writes `<`.
                if op == Operator::Replace && in_markup(data, *s, *e) {
                    repl = format!("&lt;{entity}&gt;").into_bytes();
                }
                let crlf = memchr::memmem::find(raw, b"\r\n").is_some();
                for _ in memchr::memchr_iter(b'\n', raw) {
                    repl.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
                }
                repl
            }
        };
        // A bare JSON number whose replacement is not a number becomes a
        // string holding the whole number with the value replaced.
        let bare = opts.json && !strings.inside(data, *s) && !is_json_number(&repl);
        let (a, b) = if bare { number_around(data, *s, *e) } else { (*s, *e) };
        // Only a number is quoted: in text that is no JSON (a log read as
        // JSON Lines), letters and digits around a value stay as they are.
        let bare = bare && is_json_number(&data[a..b]);
        if bare && a >= pos {
            out.extend_from_slice(&data[pos..a]);
            out.push(b'"');
            out.extend_from_slice(&data[a..*s]);
            out.extend_from_slice(&repl);
            out.extend_from_slice(&data[*e..b]);
            out.push(b'"');
            pos = b;
        } else {
            out.extend_from_slice(&data[pos..*s]);
            out.extend_from_slice(&repl);
            pos = *e;
        }
    }
    out.extend_from_slice(&data[pos..]);
    Ok(out)
}

/// Whether offsets of a JSON text lie inside a string, asked in ascending
/// order (one pass over the text in all).
#[derive(Default)]
struct JsonStrings {
    at: usize,
    inside: bool,
    escaped: bool,
}

impl JsonStrings {
    fn inside(&mut self, data: &[u8], off: usize) -> bool {
        while self.at < off.min(data.len()) {
            let c = data[self.at];
            if c == b'\n' {
                // A line ends every string, escaped or not (a JSON Lines
                // record cannot go on; a stream is redacted line by line).
                self.inside = false;
                self.escaped = false;
            } else if self.inside {
                if self.escaped {
                    self.escaped = false;
                } else if c == b'\\' {
                    self.escaped = true;
                } else if c == b'"' {
                    self.inside = false;
                }
            } else if c == b'"' {
                self.inside = true;
            }
            self.at += 1;
        }
        self.inside
    }
}

/// The JSON number token around `s..e`.
fn number_around(data: &[u8], s: usize, e: usize) -> (usize, usize) {
    let num = |c: u8| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E');
    let a = data[..s].iter().rposition(|&c| !num(c)).map_or(0, |i| i + 1);
    let b = data[e..].iter().position(|&c| !num(c)).map_or(data.len(), |i| e + i);
    (a, b)
}

/// A JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`.
fn is_json_number(v: &[u8]) -> bool {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while v.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if v.get(i) == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    let n = digits(&mut i);
    if n == 0 || (n > 1 && v[int_start] == b'0') {
        return false;
    }
    if v.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(v.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(v.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == v.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_in_markup_is_written_as_markup_writes_it() {
        let opts = RedactOptions {
            default: Operator::Replace,
            per_entity: HashMap::new(),
            key: Vec::new(),
            json: false,
        };
        let red = |text: &str, value: &str, entity: &str| {
            let s = text.find(value).unwrap();
            String::from_utf8(redact(text.as_bytes(), &[(s, s + value.len(), entity)], &opts).unwrap()).unwrap()
        };
        for (text, value, entity, expected) in [
            (
                "<curp>GOPG800101HDFRRR09</curp>",
                "GOPG800101HDFRRR09",
                "MX_CURP",
                "<curp>&lt;MX_CURP&gt;</curp>",
            ),
            (
                "<crm sistema=\"CRM v4.2.1.7\">",
                "4.2.1.7",
                "IP_ADDRESS",
                "<crm sistema=\"CRM v&lt;IP_ADDRESS&gt;\">",
            ),
            (
                "<td>ana@example.org</td>",
                "ana@example.org",
                "EMAIL",
                "<td>&lt;EMAIL&gt;</td>",
            ),
            // Not in a mail's angle brackets, nor in plain text.
            (
                "From: Ana <ana@example.org>",
                "ana@example.org",
                "EMAIL",
                "From: Ana <<EMAIL>>",
            ),
            (
                "mail ana@example.org > 3",
                "ana@example.org",
                "EMAIL",
                "mail <EMAIL> > 3",
            ),
        ] {
            assert_eq!(red(text, value, entity), expected);
        }
        assert!(only_redaction_tokens(b"&lt;MX_CURP&gt;"));
        assert!(!only_redaction_tokens(b"&lt;b&gt;"));
    }

    #[test]
    fn what_redaction_writes_is_told_from_values() {
        let key = b"k";
        for op in [Operator::Replace, Operator::Pseudonym] {
            let one = replace_with(op, "POSTAL_ADDRESS", b"12 Main St", key);
            assert!(only_redaction_tokens(&one), "{op:?}");
            let two = [&one[..], b"\r\n", &replace_with(op, "PERSON_NAME", b"Ana", key)].concat();
            assert!(only_redaction_tokens(&two), "{op:?}");
        }
        for value in [
            &b"12 Main St"[..],
            b"<b>Ana</b>",
            b"",
            b" , ",
            b"ACME_0123456789ag",
            b"<EMAIL> Ana",
            b"<lower>",
        ] {
            assert!(!only_redaction_tokens(value), "{}", String::from_utf8_lossy(value));
        }
    }

    #[test]
    fn decrypt_all_restores_every_token_or_nothing() {
        let key = b"a key of at least sixteen bytes";
        let data = b"a,b\nx@example.org,4111 1111 1111 1111\n";
        let spans = [(4, 17, "EMAIL".to_owned()), (18, 37, "CREDIT_CARD".to_owned())];
        let o = RedactOptions {
            key: key.to_vec(),
            ..opts(Operator::Encrypt)
        };
        let red = redact(data, &spans, &o).unwrap();
        assert!(!red.windows(4).any(|w| w == b"4111"));
        let (back, n) = decrypt_all(&red, key).unwrap();
        assert_eq!((back.as_slice(), n), (&data[..], 2));
        assert!(decrypt_all(&red, b"another key of sixteen bytes").is_err());
        let mut changed = red.clone();
        let i = changed.len() - 6;
        changed[i] = if changed[i] == b'A' { b'B' } else { b'A' };
        assert!(decrypt_all(&changed, key).is_err());
        assert_eq!(decrypt_all(b"no tokens ENC:short", key).unwrap().1, 0);
    }

    #[test]
    fn only_a_number_is_quoted() {
        let opts = RedactOptions {
            default: Operator::Replace,
            per_entity: HashMap::new(),
            key: b"k".to_vec(),
            json: true,
        };
        // A log line read as JSON Lines: a secret before `6e12` (digits and
        // an exponent's `e`) is replaced alone, nothing quoted.
        let out = redact(b"key=abcdef6e12 x", &[(4, 10, "SECRET".to_owned())], &opts).unwrap();
        assert_eq!(out, b"key=<SECRET>6e12 x");
        let out = redact(
            b"{\"n\": 4111111111111111}",
            &[(6, 22, "CREDIT_CARD".to_owned())],
            &opts,
        )
        .unwrap();
        assert_eq!(out, b"{\"n\": \"<CREDIT_CARD>\"}");
    }

    #[test]
    fn bare_json_numbers_stay_valid_json() {
        let data = br#"{"card": 4111111111111111, "id": [123456782, -1.5e3], "n": "x, 4111111111111111"}"#;
        let text = std::str::from_utf8(data).unwrap();
        let span = |needle: &str, nth: usize| {
            let s = text.match_indices(needle).nth(nth).unwrap().0;
            (s, s + needle.len(), "CREDIT_CARD".to_owned())
        };
        let spans = [
            span("4111111111111111", 0),
            span("123456782", 0),
            span("4111111111111111", 1),
        ];
        for op in [
            Operator::Replace,
            Operator::Mask,
            Operator::Remove,
            Operator::Pseudonym,
            Operator::FormatPreserving,
            Operator::Encrypt,
        ] {
            let o = RedactOptions {
                json: true,
                key: b"a key of at least sixteen bytes".to_vec(),
                ..opts(op)
            };
            let out = redact(data, &spans, &o).unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out)
                .unwrap_or_else(|e| panic!("{op:?}: {e}: {}", String::from_utf8_lossy(&out)));
            assert!(!String::from_utf8_lossy(&out).contains("4111111111111111"), "{op:?}");
            assert_eq!(v["id"][1], serde_json::json!(-1.5e3), "{op:?}");
            if op == Operator::Replace {
                assert_eq!(v["card"], "<CREDIT_CARD>");
                assert_eq!(v["n"], "x, <CREDIT_CARD>");
            }
        }
        assert!(is_json_number(b"-0.5e+10") && is_json_number(b"0") && !is_json_number(b"0123"));
        assert!(!is_json_number(b"") && !is_json_number(b"1.") && !is_json_number(b"<X>"));
    }

    fn opts(default: Operator) -> RedactOptions {
        RedactOptions {
            default,
            per_entity: HashMap::new(),
            key: b"k".to_vec(),
            json: false,
        }
    }

    #[test]
    fn a_value_over_several_lines_keeps_its_line_breaks() {
        let text = b"key:\n-----BEGIN PRIVATE KEY-----\nAAAA\nBBBB\n-----END PRIVATE KEY-----\nnext line\n";
        let start = 5;
        let end = text.len() - b"\nnext line\n".len();
        for op in [Operator::Replace, Operator::Remove, Operator::Mask] {
            let out = redact(text, &[(start, end, "PRIVATE_KEY")], &opts(op)).unwrap();
            assert_eq!(
                out.iter().filter(|&&b| b == b'\n').count(),
                6,
                "{}",
                String::from_utf8_lossy(&out)
            );
            assert!(out.ends_with(b"\nnext line\n") && !out.windows(4).any(|w| w == b"AAAA"));
        }
        let crlf = b"a\r\nSECRET1\r\nSECRET2\r\nb\r\n";
        let out = redact(crlf, &[(3, 19, "SECRET")], &opts(Operator::Replace)).unwrap();
        assert_eq!(out, b"a\r\n<SECRET>\r\n\r\nb\r\n");
    }

    /// Format-preserving pseudonyms replace the digits and letters of
    /// other scripts with ones of the same script: nothing of a Bengali
    /// phone number or a Chinese or Cyrillic name is left.
    #[test]
    fn format_preserving_keeps_the_script_and_leaves_nothing() {
        let fpe = |entity: &str, v: &str| {
            String::from_utf8(replacement(Operator::FormatPreserving, entity, v.as_bytes(), b"k").unwrap()).unwrap()
        };
        let phone = "+\u{09ee}\u{09ee}\u{09e6}-\u{09e7}\u{09ee}\u{09e7}\u{09ed}-\u{09e8}\u{09ee}\u{09ed}\u{09e9}\u{09e6}\u{09ea}";
        let out = fpe("PHONE", phone);
        assert_ne!(out, phone);
        assert_eq!(out.len(), phone.len());
        for (a, b) in phone.chars().zip(out.chars()) {
            match crate::digits::other_digit(a) {
                Some((zero, _)) => assert_eq!(crate::digits::other_digit(b).map(|d| d.0), Some(zero), "{out}"),
                None => assert_eq!(a, b, "{out}"),
            }
        }
        for name in [
            "\u{738b}\u{79c0}\u{82f1}",
            "\u{0421}\u{0435}\u{0440}\u{0433}\u{0456}\u{0439}",
            "\u{0986}\u{09ac}\u{09bf}\u{09b0}",
        ] {
            let out = fpe("PERSON_NAME", name);
            assert_eq!(out.chars().count(), name.chars().count());
            assert!(
                out.chars().zip(name.chars()).filter(|(a, b)| a == b).count() <= 1,
                "{name} -> {out}"
            );
            assert_eq!(fpe("PERSON_NAME", name), out, "keyed and stable");
        }
        // Fullwidth digits stay fullwidth.
        let out = fpe("PHONE", "\u{FF10}\u{FF13}-1234");
        assert!(
            out.chars().take(2).all(|c| ('\u{FF10}'..='\u{FF19}').contains(&c)),
            "{out}"
        );
    }

    /// Format-preserving birth dates are valid dates in their own format,
    /// keyed and consistent, with the year kept.
    #[test]
    fn format_preserving_birth_dates_stay_dates() {
        let key = b"k";
        let valid = |y: i64, m: u32, d: u32| (1..=12).contains(&m) && (1..=28).contains(&d) && y > 0;
        for (value, year_first) in [
            ("1985-03-14", true),
            ("14/03/1985", false),
            ("3/14/1985", false),
            ("03.04.1985", false),
            ("1985/12/31", true),
            ("31 12 1985", false),
        ] {
            let out = String::from_utf8(
                replacement(Operator::FormatPreserving, "DATE_OF_BIRTH", value.as_bytes(), key).unwrap(),
            )
            .unwrap();
            // Zero-padded fields stay two digits; unpadded ones are written
            // unpadded, as the format does.
            let shape = |t: &str| {
                t.chars()
                    .map(|c| if c.is_ascii_digit() { '9' } else { c })
                    .collect::<String>()
            };
            if !value.starts_with("3/") {
                assert_eq!(shape(&out), shape(value), "{value} -> {out}");
            }
            let seps = |t: &str| t.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
            assert_eq!(seps(&out), seps(value), "{value} -> {out}");
            let parts: Vec<u32> = out.split(['-', '/', '.', ' ']).map(|p| p.parse().unwrap()).collect();
            let (y, a, b) = if year_first {
                (parts[0], parts[1], parts[2])
            } else {
                (parts[2], parts[0], parts[1])
            };
            assert_eq!(i64::from(y), 1985, "{value} -> {out}");
            // Valid whichever of the two is the month where the input says
            // nothing: either reading of an ambiguous one, the input's order
            // otherwise.
            let ok = valid(1985, a, b) || valid(1985, b, a);
            assert!(ok, "{value} -> {out}");
            assert_eq!(
                out.as_bytes(),
                &replacement(Operator::FormatPreserving, "DATE_OF_BIRTH", value.as_bytes(), key).unwrap()[..]
            );
        }
        // Unambiguous inputs keep their order: the day is where it was.
        let out =
            String::from_utf8(replacement(Operator::FormatPreserving, "DATE_OF_BIRTH", b"31/12/1985", key).unwrap())
                .unwrap();
        let p: Vec<u32> = out.split('/').map(|p| p.parse().unwrap()).collect();
        assert!(p[1] <= 12 && p[0] <= 28, "{out}");
        // Not a numeric date: digits are replaced as for any value.
        let out = replacement(Operator::FormatPreserving, "DATE_OF_BIRTH", b"March 14, 1985", key).unwrap();
        assert!(out.starts_with(b"March ") && out != b"March 14, 1985", "{out:?}");
    }

    #[test]
    fn operators() {
        let d = b"mail a@b.com card 4111-1111-1111-1111.";
        let spans = vec![(5, 12, "EMAIL".to_string()), (18, 37, "CREDIT_CARD".to_string())];
        assert_eq!(
            redact(d, &spans, &opts(Operator::Replace)).unwrap(),
            b"mail <EMAIL> card <CREDIT_CARD>.".to_vec()
        );
        assert_eq!(
            redact(d, &spans, &opts(Operator::Remove)).unwrap(),
            b"mail  card .".to_vec()
        );
        let fpe = redact(d, &spans, &opts(Operator::FormatPreserving)).unwrap();
        let text = String::from_utf8(fpe).unwrap();
        assert_eq!(text.len(), d.len());
        assert!(text.contains('-') && !text.contains("4111-1111"), "{text}");
        let p1 = redact(d, &spans, &opts(Operator::Pseudonym)).unwrap();
        assert_eq!(
            p1,
            redact(d, &spans, &opts(Operator::Pseudonym)).unwrap(),
            "deterministic under one key"
        );
        let other = RedactOptions {
            key: b"other".to_vec(),
            json: false,
            ..opts(Operator::Pseudonym)
        };
        assert_ne!(p1, redact(d, &spans, &other).unwrap());
    }

    const KEY: &[u8] = b"a key of at least sixteen bytes";

    #[test]
    fn encrypt_round_trips_and_uses_fresh_nonces() {
        let t1 = encrypt_token(KEY, "EMAIL", b"john@example.com").unwrap();
        let t2 = encrypt_token(KEY, "EMAIL", b"john@example.com").unwrap();
        assert!(t1.starts_with("ENC:"), "{t1}");
        assert!(!t1.contains("john"), "{t1}");
        assert_ne!(t1, t2, "a random nonce per value");
        assert!(t1[4..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decrypt_token(KEY, "EMAIL", &t1).unwrap(), b"john@example.com");
        assert_eq!(decrypt_token(KEY, "EMAIL", &t2).unwrap(), b"john@example.com");
        assert!(is_enc_token(t1.as_bytes()));
    }

    #[test]
    fn decrypt_rejects_wrong_key_entity_and_tampering() {
        let t = encrypt_token(KEY, "CREDIT_CARD", b"4111 1111 1111 1111").unwrap();
        assert!(decrypt_token(b"another key of sixteen bytes", "CREDIT_CARD", &t).is_err());
        assert!(
            decrypt_token(KEY, "EMAIL", &t).is_err(),
            "the entity is bound as associated data"
        );
        // Flip one character of the ciphertext, then of the nonce.
        for at in [t.len() - 3, 6] {
            let mut b = t.clone().into_bytes();
            b[at] = if b[at] == b'A' { b'B' } else { b'A' };
            let tampered = String::from_utf8(b).unwrap();
            assert!(decrypt_token(KEY, "CREDIT_CARD", &tampered).is_err(), "{tampered}");
        }
        assert!(decrypt_token(KEY, "CREDIT_CARD", &t[..20]).is_err(), "truncated");
        assert!(decrypt_token(KEY, "CREDIT_CARD", "4111").is_err());
        assert!(encrypt_token(b"short", "EMAIL", b"x").is_err(), "weak keys are refused");
    }

    #[test]
    fn the_aes_key_is_derived_not_the_raw_key() {
        // A token must not open with AES-256-GCM under the raw key material.
        let raw: &[u8] = b"0123456789abcdef0123456789abcdef";
        let t = encrypt_token(raw, "EMAIL", b"a@b.com").unwrap();
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&t[4..])
            .unwrap();
        let c = <Aes256Gcm as KeyInit>::new_from_slice(raw).unwrap();
        let (n, ct) = bytes.split_at(12);
        assert!(c
            .decrypt(Nonce::from_slice(n), Payload { msg: ct, aad: b"EMAIL" })
            .is_err());
        assert_eq!(decrypt_token(raw, "EMAIL", &t).unwrap(), b"a@b.com");
    }

    #[test]
    fn redact_encrypts_per_entity_and_tokens_are_recognised() {
        let d = b"mail a@b.com card 4111-1111-1111-1111.";
        let spans = vec![(5, 12, "EMAIL".to_string()), (18, 37, "CREDIT_CARD".to_string())];
        let o = RedactOptions {
            default: Operator::Replace,
            per_entity: HashMap::from([("EMAIL".to_string(), Operator::Encrypt)]),
            key: KEY.to_vec(),
            json: false,
        };
        let out = String::from_utf8(redact(d, &spans, &o).unwrap()).unwrap();
        assert!(
            out.starts_with("mail ENC:") && out.ends_with(" card <CREDIT_CARD>."),
            "{out}"
        );
        let token = out[5..].split(' ').next().unwrap();
        assert_eq!(decrypt_token(KEY, "EMAIL", token).unwrap(), b"a@b.com");
        assert!(enc_token_around(out.as_bytes(), 9, 20), "inside the token");
        assert!(enc_token_around(out.as_bytes(), 5, 5 + token.len()), "the whole token");
        assert!(!enc_token_around(out.as_bytes(), 5, out.len()), "past its end");
        assert!(!enc_token_around(b"key ENC:short", 8, 13), "too short to be a token");
        let weak = RedactOptions {
            key: b"k".to_vec(),
            json: false,
            ..o
        };
        assert!(redact(d, &spans, &weak).is_err());
    }
}
