//! Masking and keyed fingerprints: a finding never carries a value in clear.
//! The masked form keeps just enough to recognise the kind of value; the
//! fingerprint (HMAC-SHA-256 under a user key) lets the same value be
//! tracked across files and baselines without storing it.

use hmac::{Hmac, Mac as _};
use sha2::Sha256;

/// Computes keyed fingerprints.
#[derive(Clone)]
pub struct Fingerprinter {
    /// The MAC with the key absorbed (its inner and outer pads already
    /// hashed), cloned for each value.
    keyed: Hmac<Sha256>,
}

impl std::fmt::Debug for Fingerprinter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fingerprinter(..)")
    }
}

impl Fingerprinter {
    /// A fingerprinter under `key` (any length; keep it secret and stable).
    #[must_use]
    pub fn new(key: &[u8]) -> Self {
        Self {
            keyed: Hmac::<Sha256>::new_from_slice(key)
                .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length")),
        }
    }

    /// 16 hex digits of HMAC-SHA-256(key, entity ":" normalized value).
    #[must_use]
    pub fn fingerprint(&self, entity: &str, value: &[u8]) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut mac = self.keyed.clone();
        mac.update(entity.as_bytes());
        mac.update(b":");
        mac.update(&normalize(entity, value));
        let out = mac.finalize().into_bytes();
        let mut hex = String::with_capacity(16);
        for b in &out[..8] {
            hex.push(char::from(HEX[usize::from(b >> 4)]));
            hex.push(char::from(HEX[usize::from(b & 15)]));
        }
        hex
    }
}

/// The form two spellings of one value share (no separators; an e-mail
/// address lowercase, with its `@` and dots plain however they are written:
/// `%40`, `&#64;`, `[at]`).
fn normalize(entity: &str, value: &[u8]) -> Vec<u8> {
    match entity {
        "EMAIL" => crate::written_email::canonical(&value.to_ascii_lowercase()),
        "SECRET" | "PRIVATE_KEY" | "JWT" | "HIGH_ENTROPY" | "PERSON_NAME" | "POSTAL_ADDRESS" => value.to_vec(),
        _ => value
            .iter()
            .filter(|b| b.is_ascii_alphanumeric() || **b == b'+')
            .map(u8::to_ascii_uppercase)
            .collect(),
    }
}

/// The prefixes that say which service issued a token (`ghp_`, `AKIA`,
/// `glpat-`): public by design, and shown. Any other secret shows none of
/// its characters (a password's first four would give a fifth of it away).
const PUBLIC_PREFIXES: &[&str] = &[
    "github_pat_",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "glpat-",
    "gldt-",
    "glrt-",
    "glptt-",
    "gloas-",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "xoxr-",
    "xoxe-",
    "xapp-",
    "sk_live_",
    "sk_test_",
    "rk_live_",
    "rk_test_",
    "pk_live_",
    "whsec_",
    "sk-proj-",
    "sk-ant-",
    "sk-",
    "hf_",
    "npm_",
    "pypi-",
    "AKIA",
    "ASIA",
    "AGPA",
    "AIDA",
    "AROA",
    "AIza",
    "ya29.",
    "SG.",
    "dop_v1_",
    "doo_v1_",
    "dor_v1_",
    "shpat_",
    "shpca_",
    "shppa_",
    "shpss_",
    "sq0atp-",
    "sq0csp-",
    "squ_",
    "sqp_",
    "sqa_",
    "sntrys_",
    "sntryu_",
    "glc_",
    "gsk_",
    "xai-",
    "figd_",
    "lin_api_",
    "rubygems_",
    "FLWSECK-",
    "AGE-SECRET-KEY-",
    "eyJ",
    "-----BEGIN ",
];

/// The [`PUBLIC_PREFIXES`] entry `v` starts with, or `""`.
fn public_prefix(v: &str) -> &'static str {
    PUBLIC_PREFIXES
        .iter()
        .find(|p| v.starts_with(**p))
        .copied()
        .unwrap_or("")
}

/// Mask a value for display.
#[must_use]
pub fn mask(entity: &str, value: &[u8]) -> String {
    let v = String::from_utf8_lossy(value);
    let v = v.trim();
    match entity {
        "EMAIL" => {
            let v = String::from_utf8_lossy(&crate::written_email::canonical(v.as_bytes())).into_owned();
            let (local, domain) = v.split_once('@').unwrap_or((&v, ""));
            let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
            let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
            format!("{}***@{}***.{tld}", first(local), first(host))
        }
        "CREDIT_CARD" => crate::validate::mask_card(v),
        "SECRET" | "PRIVATE_KEY" | "JWT" | "HIGH_ENTROPY" => {
            let n = v.chars().count();
            let head = if n >= 16 { public_prefix(v) } else { "" };
            format!("{head}****({n} chars)")
        }
        _ => {
            // Keep the last two characters of values long enough to stay hidden.
            let chars: Vec<char> = v.chars().collect();
            if chars.len() >= 8 {
                let keep: String = chars[chars.len() - 2..].iter().collect();
                format!("{}{keep}", "*".repeat(chars.len() - 2))
            } else {
                "*".repeat(chars.len())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_never_show_the_value() {
        assert_eq!(mask("EMAIL", b"john.doe@example.com"), "j***@e***.com");
        assert_eq!(mask("CREDIT_CARD", b"4111-1111-1111-1111"), "4111 **** **** 1111");
        assert_eq!(mask("SECRET", b"AKIAIOSFODNN7EXAMPLE"), "AKIA****(20 chars)");
        assert_eq!(
            mask("SECRET", b"ghp_R2x8kLmN3pQ7sT9vW1yZ4bC6dF8hJ0kL2mN4"),
            "ghp_****(40 chars)"
        );
        // A password shows none of its characters.
        assert_eq!(mask("SECRET", b"Winter_2024xyzab"), "****(16 chars)");
        assert_eq!(mask("SECRET", b"IaVtQM!CucSe?R1q"), "****(16 chars)");
        assert_eq!(mask("US_SSN", b"123-45-6789"), "*********89");
        assert_eq!(mask("PHONE", b"+1 415"), "******");
    }

    #[test]
    fn fingerprints_are_keyed_and_normalized() {
        let f = Fingerprinter::new(b"k1");
        assert_eq!(
            f.fingerprint("CREDIT_CARD", b"4111 1111 1111 1111"),
            f.fingerprint("CREDIT_CARD", b"4111111111111111")
        );
        assert_eq!(f.fingerprint("EMAIL", b"A@B.com"), f.fingerprint("EMAIL", b"a@b.com"));
        assert_ne!(
            f.fingerprint("EMAIL", b"a@b.com"),
            Fingerprinter::new(b"k2").fingerprint("EMAIL", b"a@b.com")
        );
        assert_eq!(f.fingerprint("EMAIL", b"a@b.com").len(), 16);
        // HMAC-SHA-256 itself (Python's `hmac`), short and long keys.
        assert_eq!(
            Fingerprinter::new(b"k").fingerprint("EMAIL", b"a@b.com"),
            "eb25cf82ef04f3bb"
        );
        assert_eq!(
            Fingerprinter::new(&[b'x'; 100]).fingerprint("CREDIT_CARD", b"4111 1111 1111 1111"),
            "baecafdc9436d192"
        );
    }
}
