//! Fuzz the secret rule loader (gitleaks TOML: rules, allowlists, `[extend]`,
//! composite rules, Go regex syntax translated to Rust's) on top of a small
//! base set, as a user's file extends the built-in one, then scan a text
//! with what loaded: a user's rule file is untrusted input, which must load
//! or fail with an error, never panic. The input is the rule file, a NUL,
//! and the text to scan.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mlsec_data_scan::SecretRules;

/// Rules a user's file may extend, disable or target: one keyword-led,
/// one semi-generic with allowlists and stopwords, one limited to a path,
/// one written across lines, and a composite pair.
const BASE: &str = r#"
[[rules]]
id = "github-pat"
regex = '''ghp_[0-9a-zA-Z]{36}'''
entropy = 3
keywords = ["ghp_"]

[[rules]]
id = "generic-api-key"
regex = '''(?i)[\w.-]{0,50}?(?:key|token|secret)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|:)[\x60'"\s=]{0,5}([\w.=-]{10,150})(?:[\x60'"\s;]|\\[nr]|$)'''
entropy = 3.5
keywords = ["key", "token", "secret"]
[[rules.allowlists]]
regexTarget = "match"
regexes = ['''(?i)public[_.-]?token''']
stopwords = ["example", "sample"]

[[rules]]
id = "tf-password"
regex = '''password\s*=\s*("[a-z0-9=_\-]{8,20}")'''
path = '''(?i)\.(?:tf|yaml)$'''
keywords = ["password"]

[[rules]]
id = "curl-user"
regex = '''\bcurl\b(?:.*|.*(?:[\r\n]{1,2}.*){1,5})[ \t\n\r](?:-u|--user)[ \t]{0,5}([\w$@.-]+:[\w${}@.-]+)'''
keywords = ["curl"]

[[rules]]
id = "primary"
regex = '''pw\s*=\s*"([^"]+)"'''
[[rules.required]]
id = "user"
withinLines = 2

[[rules]]
id = "user"
regex = '''user\s*=\s*"([^"]+)"'''
skipReport = true
"#;

fuzz_target!(|data: &[u8]| {
    let (rules, text) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"api_key = \"Xk29vLq8Rt3Zp7WmQ4\"\nuser = \"a\"\npw = \"b\"\ncurl x\n -u a:b\n"[..]),
    };
    let Ok(rules) = std::str::from_utf8(rules) else { return };
    if rules.len() > 4096 {
        return;
    }
    let _ = SecretRules::extended_path(rules, "fuzz.toml");
    let Ok(set) = SecretRules::from_toml(&[(BASE, "base"), (rules, "fuzz.toml")]) else { return };
    for path in ["f.yaml", "f.txt"] {
        for h in set.scan(text, path) {
            assert!(h.start <= h.end && h.end <= text.len());
        }
    }
});
