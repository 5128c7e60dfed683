//! The detector: every personal-data and secret recogniser run over a buffer
//! of whole records, returning spans with an entity, a rule and a
//! confidence. Regexes run over the whole buffer (one pass each, ASCII
//! classes so the lazy DFA applies), candidates are confirmed by validators
//! (checksums, libphonenumber rules, entropy), and context (the column name
//! or the words just before a match) raises confidence or is required for
//! identifiers whose shape alone is too common. Formats map spans back to
//! rows and columns; this module knows nothing of formats.

use mlsec_diagnostics::codes::{
    PII_EMAIL, PII_IBAN, PII_NATIONAL_ID, PII_NETWORK, PII_PAYMENT_CARD, PII_PERSON, PII_PHONE, SEC_ENTROPY, SEC_JWT,
    SEC_PRIVATE_KEY, SEC_SECRET,
};
use mlsec_diagnostics::Rule;
use regex::bytes::{Regex, RegexBuilder};

use crate::secrets::{shannon, SecretRules};
use crate::validate::{self, IdKind, ID_KINDS};

/// One recognised value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Start byte in the buffer.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Entity type (`EMAIL`, `CREDIT_CARD`, `DE_TAX_ID`, `SECRET`, ...).
    pub entity: &'static str,
    /// The rule it reports under.
    pub rule: &'static Rule,
    /// 0 to 100.
    pub confidence: u8,
    /// Secret rule id, when a secret rule matched.
    pub detail: Option<String>,
}

/// Options of the detector.
#[derive(Debug, Clone, Default)]
pub struct DetectOptions {
    /// Region (ISO alpha-2) assumed for phone numbers written without `+`.
    pub phone_region: Option<String>,
    /// Skip personal data.
    pub no_pii: bool,
    /// Skip secrets.
    pub no_secrets: bool,
}

/// Words that say a nearby value is personal (lowercase).
const PHONE_CONTEXT: &[&str] = &["phone", "tel", "mobile", "cell", "fax", "contact", "call", "whatsapp"];
/// Identifiers validated by structure only (no check digit).
const NO_CHECK_DIGIT: &[&str] = &["US_SSN", "US_ITIN", "UK_NINO", "IN_PAN"];

/// Column names and words that mark any national identifier.
const ID_CONTEXT: &[&str] = &[
    "id_number",
    "idnumber",
    "id number",
    "id_no",
    "national_id",
    "nationalid",
    "national id",
    "identity",
    "identification",
    "personal_id",
    "personal id",
    "citizen",
    "tax_id",
    "taxid",
    "tax id",
    "tax number",
    "social security",
    "id card",
    "passport",
];
const IP_CONTEXT: &[&str] = &["ip", "addr", "host", "client", "remote", "src", "dst", "server"];

fn re(p: &str) -> Regex {
    // Patterns here are constants, tested by `detector_builds`.
    RegexBuilder::new(p)
        .unicode(false)
        .size_limit(32 << 20)
        .build()
        .unwrap_or_else(|e| panic!("built-in pattern {p:?}: {e}"))
}

/// The compiled detector.
#[derive(Debug)]
pub struct Detector {
    /// Each kind with its pattern anchored at the start (`^(?:...)`).
    kinds: Vec<(&'static IdKind, Regex)>,
    /// All kinds' patterns in one alternation: one pass finds where any may start.
    union: Regex,
    email: Regex,
    ipv4: Regex,
    ipv6: Regex,
    mac: Regex,
    jwt: Regex,
    private_key: Regex,
    assignment: Regex,
    dob: Regex,
    name: Regex,
    address: Regex,
    secrets: SecretRules,
    opts: DetectOptions,
}

impl Detector {
    /// A detector with `secrets` and `opts`.
    #[must_use]
    pub fn new(secrets: SecretRules, opts: DetectOptions) -> Self {
        let kinds = ID_KINDS
            .iter()
            .map(|k| {
                let r = RegexBuilder::new(&format!("^(?:{})", k.pattern))
                    .unicode(false)
                    .size_limit(32 << 20)
                    .build()
                    .unwrap_or_else(|e| panic!("pattern of {}: {e}", k.entity));
                (k, r)
            })
            .collect();
        let union = ID_KINDS
            .iter()
            .map(|k| format!("(?:{})", k.pattern))
            .collect::<Vec<_>>()
            .join("|");
        let union = RegexBuilder::new(&union)
            .unicode(false)
            .size_limit(256 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .unwrap_or_else(|e| panic!("identifier patterns: {e}"));
        Self {
            kinds,
            union,
            email: re(r"(?i)\b[a-z0-9][a-z0-9._%+\-]{0,63}@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b"),
            ipv4: re(
                r"\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\b",
            ),
            ipv6: re(
                r"(?i)(?:[0-9a-f]{1,4}:){2,7}(?::|(?::?[0-9a-f]{1,4})){1,6}|::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4}",
            ),
            mac: re(r"(?i)\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b|\b(?:[0-9a-f]{2}-){5}[0-9a-f]{2}\b"),
            jwt: re(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}"),
            private_key: re(r"-----BEGIN[ A-Z0-9]{0,40} PRIVATE KEY(?: BLOCK)?-----"),
            assignment: re(
                r#"(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?)["']?\s*(?:=|:|=>|,)\s*["']?([A-Za-z0-9+/_=.~!@#$%^&*\-]{12,200})"#,
            ),
            dob: re(
                r"(?i)\b(?:date of birth|birth ?date|d\.?o\.?b\.?|born(?: on)?|geburtsdatum|date de naissance|fecha de nacimiento)\s*[:=]?\s*((?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]|[0-3]?[0-9][./-][01]?[0-9][./-](?:19|20)[0-9]{2}|[01]?[0-9]/[0-3]?[0-9]/(?:19|20)[0-9]{2})\b",
            ),
            name: re(
                r"(?:\b(?i:name|full name|customer|patient|employee|contact person|dear|mr\.?|mrs\.?|ms\.?|dr\.?))[: ]\s*([A-Z][a-z]{1,20}(?:[ -][A-Z][a-z]{1,20}){1,2})\b",
            ),
            address: re(
                r"\b[0-9]{1,5}[a-zA-Z]? (?:[A-Z][a-z]+ ){1,4}(?i:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|lane|ln\.|drive|dr\.|court|ct\.|way|place|pl\.|square|terrace)(?:,? (?:apt|suite|unit|#) ?[0-9a-z]+)?\b",
            ),
            secrets,
            opts,
        }
    }

    /// Number of secret rules in use.
    #[must_use]
    pub fn secret_rules(&self) -> usize {
        self.secrets.len()
    }

    /// Whether secrets are searched for.
    #[must_use]
    pub fn finds_secrets(&self) -> bool {
        !self.opts.no_secrets
    }

    /// Whether personal data is searched for.
    #[must_use]
    pub fn finds_pii(&self) -> bool {
        !self.opts.no_pii
    }

    /// Find every value in `buf`. `column_of(offset)` names the column or
    /// field an offset lies in (lowercase), for context; `path` feeds secret
    /// path allowlists.
    #[must_use]
    pub fn detect(&self, buf: &[u8], path: &str, column_of: &dyn Fn(usize) -> Option<String>) -> Vec<Hit> {
        let mut hits = Vec::new();
        if !self.opts.no_secrets {
            self.detect_secrets(buf, path, &mut hits);
        }
        if !self.opts.no_pii {
            self.detect_pii(buf, column_of, &mut hits);
        }
        // Tokens of the `encrypt` redaction operator are random by design:
        // never a secret or an identifier.
        if memchr::memmem::find(buf, crate::redact::ENC_PREFIX.as_bytes()).is_some() {
            hits.retain(|h| !crate::redact::enc_token_around(buf, h.start, h.end));
        }
        resolve_overlaps(hits)
    }

    fn detect_secrets(&self, buf: &[u8], path: &str, hits: &mut Vec<Hit>) {
        for h in self.secrets.scan(buf, path) {
            let secret = &buf[h.start..h.end];
            let generic = h.rule_id.starts_with("generic");
            if generic && looks_like_hash_or_uuid(secret) {
                continue;
            }
            let (entity, rule) = match h.rule_id.as_str() {
                "private-key" => ("PRIVATE_KEY", &SEC_PRIVATE_KEY),
                "jwt" | "jwt-base64" => ("JWT", &SEC_JWT),
                _ => ("SECRET", &SEC_SECRET),
            };
            hits.push(Hit {
                start: h.start,
                end: h.end,
                entity,
                rule,
                confidence: if generic { 75 } else { 90 },
                detail: Some(h.rule_id),
            });
        }
        for m in self.private_key.find_iter(buf) {
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                entity: "PRIVATE_KEY",
                rule: &SEC_PRIVATE_KEY,
                confidence: 95,
                detail: None,
            });
        }
        for m in self.jwt.find_iter(buf) {
            let header = m.as_bytes().split(|&b| b == b'.').next().unwrap_or_default();
            if decodes_to_jwt_header(header) {
                hits.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    entity: "JWT",
                    rule: &SEC_JWT,
                    confidence: 90,
                    detail: None,
                });
            }
        }
        for c in self.assignment.captures_iter(buf) {
            let Some(v) = c.get(1) else { continue };
            let val = v.as_bytes();
            if shannon(val) >= 3.5 && !looks_like_hash_or_uuid(val) && val.iter().any(u8::is_ascii_digit) {
                hits.push(Hit {
                    start: v.start(),
                    end: v.end(),
                    entity: "SECRET",
                    rule: &SEC_ENTROPY,
                    confidence: 60,
                    detail: Some("high-entropy-assignment".into()),
                });
            }
        }
    }

    fn detect_pii(&self, buf: &[u8], column_of: &dyn Fn(usize) -> Option<String>, hits: &mut Vec<Hit>) {
        // The column name and the words just before a match, read once per
        // candidate and checked against any number of word lists.
        let context_at = |at: usize| {
            let col = column_of(at).unwrap_or_default();
            let pre = String::from_utf8_lossy(&buf[at.saturating_sub(48)..at]).to_ascii_lowercase();
            move |words: &[&str]| words.iter().any(|w| col.contains(w) || pre.contains(w))
        };
        let has_context = |at: usize, words: &[&str]| context_at(at)(words);
        for m in self.email.find_iter(buf) {
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                entity: "EMAIL",
                rule: &PII_EMAIL,
                confidence: 95,
                detail: None,
            });
        }
        // One pass of the union finds where an identifier may start; each
        // kind is then tried anchored there (and at the next token starts
        // inside the candidate, so a kind starting later is not missed).
        let mut pos = 0;
        while let Some(m) = self.union.find_at(buf, pos) {
            let mut starts = vec![m.start()];
            starts.extend(
                (m.start() + 1..m.end())
                    .filter(|&i| !buf[i - 1].is_ascii_alphanumeric() && buf[i].is_ascii_alphanumeric()),
            );
            for s in starts {
                let window = &buf[s..buf.len().min(s + 128)];
                for (kind, regex) in &self.kinds {
                    let Some(k) = regex.find(window) else { continue };
                    let e = s + k.end();
                    let Ok(text) = std::str::from_utf8(&buf[s..e]) else {
                        continue;
                    };
                    if !digit_boundaries_ok(buf, s, e) || !(kind.validate)(text) {
                        continue;
                    }
                    let context = context_at(s);
                    let own = context(kind.context);
                    let ctx = own || context(ID_CONTEXT);
                    if kind.needs_context && !ctx {
                        continue;
                    }
                    let rule = match kind.entity {
                        "CREDIT_CARD" => &PII_PAYMENT_CARD,
                        "IBAN" => &PII_IBAN,
                        _ => &PII_NATIONAL_ID,
                    };
                    // Kind-specific context beats a generic one; a check digit
                    // beats a shape alone (a 9-digit SSN-shaped number with a
                    // valid BSN check digit is more likely a BSN).
                    let mut confidence: u8 = if own {
                        97
                    } else if ctx {
                        92
                    } else {
                        88
                    };
                    if NO_CHECK_DIGIT.contains(&kind.entity) {
                        confidence -= 6;
                    }
                    hits.push(Hit {
                        start: s,
                        end: e,
                        entity: kind.entity,
                        rule,
                        confidence,
                        detail: None,
                    });
                }
            }
            pos = if m.end() > m.start() { m.end() } else { m.end() + 1 };
            if pos > buf.len() {
                break;
            }
        }
        for (s, e) in utf8_segments(buf) {
            let Ok(text) = std::str::from_utf8(&buf[s..e]) else {
                continue;
            };
            for (ps, pe, _e164) in validate::find_phones(text, self.opts.phone_region.as_deref()) {
                let ctx = has_context(s + ps, PHONE_CONTEXT);
                hits.push(Hit {
                    start: s + ps,
                    end: s + pe,
                    entity: "PHONE",
                    rule: &PII_PHONE,
                    confidence: if ctx { 95 } else { 80 },
                    detail: None,
                });
            }
        }
        for m in self.ipv4.find_iter(buf) {
            // Versions (`v1.2.3.4`, `1.2.3.4.5`) are not addresses.
            let prev = m.start().checked_sub(1).map(|i| buf[i]);
            let next = buf.get(m.end()).copied();
            let next2 = buf.get(m.end() + 1).copied();
            if matches!(prev, Some(b'v' | b'V' | b'.'))
                || (next == Some(b'.') && next2.is_some_and(|c| c.is_ascii_digit()))
            {
                continue;
            }
            let ctx = has_context(m.start(), IP_CONTEXT);
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                entity: "IP_ADDRESS",
                rule: &PII_NETWORK,
                confidence: if ctx { 92 } else { 70 },
                detail: None,
            });
        }
        for m in self.ipv6.find_iter(buf) {
            let Ok(t) = std::str::from_utf8(m.as_bytes()) else {
                continue;
            };
            let groups = t.split(':').filter(|g| !g.is_empty()).count();
            let prev_ok = m.start() == 0 || !buf[m.start() - 1].is_ascii_alphanumeric();
            if prev_ok && groups >= 3 && t.parse::<std::net::Ipv6Addr>().is_ok() {
                hits.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    entity: "IP_ADDRESS",
                    rule: &PII_NETWORK,
                    confidence: 85,
                    detail: None,
                });
            }
        }
        for m in self.mac.find_iter(buf) {
            hits.push(Hit {
                start: m.start(),
                end: m.end(),
                entity: "MAC_ADDRESS",
                rule: &PII_NETWORK,
                confidence: 85,
                detail: None,
            });
        }
        for (regex, entity, conf) in [
            (&self.dob, "DATE_OF_BIRTH", 85u8),
            (&self.name, "PERSON_NAME", 70),
            (&self.address, "POSTAL_ADDRESS", 70),
        ] {
            for c in regex.captures_iter(buf) {
                let Some(m) = c.get(1).or_else(|| c.get(0)) else {
                    continue;
                };
                hits.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    entity,
                    rule: &PII_PERSON,
                    confidence: conf,
                    detail: None,
                });
            }
        }
    }
}

/// Identifiers must not be cut out of a longer token: a run of digits or
/// letters, or one joined by `-`, `.`, `_`, `/` or `:` (UUIDs, hashes,
/// versions, paths).
fn digit_boundaries_ok(buf: &[u8], s: usize, e: usize) -> bool {
    let joiner = |c: u8| matches!(c, b'-' | b'.' | b'_' | b'/' | b':' | b'+');
    let before = s.checked_sub(1).map(|i| buf[i]);
    let before2 = s.checked_sub(2).map(|i| buf[i]);
    let after = buf.get(e).copied();
    let after2 = buf.get(e + 1).copied();
    let alnum = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if alnum(before) || alnum(after) {
        return false;
    }
    if before.is_some_and(joiner) && alnum(before2) {
        return false;
    }
    // A trailing `.` ends a sentence; other joiners continue a token.
    if after.is_some_and(|c| joiner(c) && c != b'.') && alnum(after2) {
        return false;
    }
    if after == Some(b'.') && after2.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    true
}

/// Hex digests of the usual lengths and UUIDs are not secrets.
#[must_use]
pub fn looks_like_hash_or_uuid(v: &[u8]) -> bool {
    let v = v.strip_prefix(b"sha256:").unwrap_or(v);
    let hex = v.iter().all(u8::is_ascii_hexdigit);
    if hex && matches!(v.len(), 32 | 40 | 56 | 64 | 96 | 128) {
        return true;
    }
    v.len() == 36
        && v.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

fn decodes_to_jwt_header(b64: &[u8]) -> bool {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(b64.strip_suffix(b"=").unwrap_or(b64))
        .ok()
        .and_then(|h| serde_json::from_slice::<serde_json::Value>(&h).ok())
        .is_some_and(|v| v.get("alg").is_some() || v.get("typ").is_some())
}

/// Maximal valid UTF-8 ranges of `buf` (invalid bytes are skipped).
fn utf8_segments(buf: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < buf.len() {
        match std::str::from_utf8(&buf[start..]) {
            Ok(_) => {
                out.push((start, buf.len()));
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                if good > 0 {
                    out.push((start, start + good));
                }
                start += good + e.error_len().unwrap_or(buf.len() - start - good).max(1);
            }
        }
    }
    out
}

/// Keep the best hit where hits overlap: higher confidence, then secrets
/// over personal data, then the longer span, then not a phone.
fn resolve_overlaps(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let score = |h: &Hit| {
        (
            h.confidence,
            h.rule.code.starts_with("MLS-SEC"),
            h.end - h.start,
            h.entity != "PHONE",
        )
    };
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(last) = out.last_mut() {
            if h.start < last.end {
                if score(&h) > score(last) {
                    *last = h;
                }
                continue;
            }
        }
        out.push(h);
    }
    out
}

/// Every entity name the detectors report (`EMAIL`, `CREDIT_CARD`,
/// `DE_TAX_ID`, ...), sorted: the names redaction operators can be set for.
#[must_use]
pub fn entities() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = [
        "EMAIL",
        "PHONE",
        "CREDIT_CARD",
        "IBAN",
        "IP_ADDRESS",
        "MAC_ADDRESS",
        "PERSON_NAME",
        "DATE_OF_BIRTH",
        "POSTAL_ADDRESS",
        "SECRET",
        "PRIVATE_KEY",
        "JWT",
    ]
    .into_iter()
    .chain(crate::validate::ID_KINDS.iter().map(|k| k.entity))
    .collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Detector {
        Detector::new(
            SecretRules::builtin().unwrap(),
            DetectOptions {
                phone_region: Some("US".into()),
                ..Default::default()
            },
        )
    }

    fn entities(text: &str) -> Vec<&'static str> {
        detector()
            .detect(text.as_bytes(), "t.txt", &|_| None)
            .into_iter()
            .map(|h| h.entity)
            .collect()
    }

    #[test]
    fn detector_builds() {
        let _ = detector();
    }

    #[test]
    fn finds_common_values() {
        assert_eq!(entities("mail john.doe@example.com now"), ["EMAIL"]);
        assert_eq!(entities("card 4111 1111 1111 1111 ok"), ["CREDIT_CARD"]);
        assert_eq!(entities("iban DE89 3704 0044 0532 0130 00"), ["IBAN"]);
        assert_eq!(entities("client ip 192.168.10.20 seen"), ["IP_ADDRESS"]);
        assert!(entities("release v1.2.3.4 and 1.2.3.4.5").is_empty());
        assert!(entities("sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 uuid 123e4567-e89b-12d3-a456-426614174000").is_empty());
        assert_eq!(entities("-----BEGIN RSA PRIVATE KEY-----\nMIIE"), ["PRIVATE_KEY"]);
    }

    #[test]
    fn segments() {
        assert_eq!(utf8_segments(b"ab\xffcd"), [(0, 2), (3, 5)]);
        assert_eq!(utf8_segments(b"\xff"), Vec::<(usize, usize)>::new());
    }

    #[test]
    fn encryption_tokens_are_not_secrets_or_identifiers() {
        let key = b"a key of at least sixteen bytes";
        let mut text = String::new();
        for i in 0..300 {
            let t = crate::redact::encrypt_token(key, "SECRET", format!("AKIAZ3MSJV4WWNKWW{i:03}").as_bytes()).unwrap();
            text.push_str(&format!("api_key = {t}\nsecret: \"{t}\"\ntoken={t}\n"));
        }
        let found = detector().detect(text.as_bytes(), "t.txt", &|_| Some("password".into()));
        assert!(
            found.is_empty(),
            "{:?}",
            found.iter().map(|h| h.detail.clone()).collect::<Vec<_>>()
        );
        // Without the prefix the same kind of random string is reported.
        let bare = text.replace("ENC:", "");
        assert!(!detector().detect(bare.as_bytes(), "t.txt", &|_| None).is_empty());
        // A short `ENC:` value is not a token and is still reported.
        assert!(!entities("api_key = ENC:AKIAZ3MSJV4WWNKWW5FG").is_empty());
    }

    #[test]
    fn entity_names_are_listed() {
        let all = super::entities();
        for e in ["EMAIL", "CREDIT_CARD", "DE_TAX_ID", "SECRET", "US_SSN"] {
            assert!(all.contains(&e), "{e}");
        }
    }
}
