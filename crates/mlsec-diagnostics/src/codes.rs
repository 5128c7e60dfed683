//! The table of every rule mlsec can report, with stable codes.
//!
//! Codes follow one scheme, `MLS-<FAMILY>-<NNN>`: `PKL` pickle semantics, `ARC`
//! archives and containers, `FMT` file formats, `LIM` scan limits, `PII`
//! personal data in datasets, `SEC` secrets in datasets, `DAT` dataset formats. A code is never
//! reused; a retired rule stays in the table with `removed_in` set.

use serde::Serialize;

use crate::Severity;

/// A rule: the stable identity and documentation of one kind of finding.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable code, e.g. `MLS-PKL-001`.
    pub code: &'static str,
    /// Kebab-case name of the bad pattern, e.g. `pickle-dangerous-import`.
    pub name: &'static str,
    /// One-line title.
    pub title: &'static str,
    /// Severity unless the scanner raises or lowers it for an instance.
    pub default_severity: Severity,
    /// What the rule detects and why it matters (Markdown allowed).
    pub description: &'static str,
    /// What the user should do.
    pub remediation: &'static str,
    /// CWE identifier, e.g. `CWE-502`.
    pub cwe: Option<&'static str>,
    /// Related CVE identifiers, where the rule covers a published vulnerability class.
    pub cve: &'static [&'static str],
    /// MITRE ATLAS technique ids.
    pub atlas: &'static [&'static str],
    /// Version that introduced the rule.
    pub since: &'static str,
}

impl Rule {
    /// Look a rule up by code (case-insensitive).
    #[must_use]
    pub fn from_code(code: &str) -> Option<&'static Rule> {
        RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code))
    }

    /// The family part of the code (`PKL`, `ARC`, ...).
    #[must_use]
    pub fn family(&self) -> &'static str {
        self.code.split('-').nth(1).unwrap_or("")
    }
}

/// The rule reference as Markdown (the content of `docs/rules.md`).
#[must_use]
pub fn rules_markdown() -> String {
    let mut s = String::from("# mlsec rules\n\n<!-- Generated from crates/mlsec-diagnostics/src/codes.rs by `UPDATE_DOCS=1 cargo test -p mlsec-diagnostics`; do not edit. -->\n\n| code | name | default severity | title |\n|---|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            r.code,
            r.code.to_lowercase(),
            r.name,
            r.default_severity,
            r.title
        ));
    }
    for r in RULES {
        s.push_str(&format!(
            "\n## {}\n\n`{}`, default severity **{}**, since {}.\n\n{}\n\n**What to do:** {}\n",
            r.code, r.name, r.default_severity, r.since, r.description, r.remediation
        ));
        if let Some(c) = r.cwe {
            s.push_str(&format!("\n**CWE:** {c}\n"));
        }
        if !r.atlas.is_empty() {
            s.push_str(&format!("\n**MITRE ATLAS:** {}\n", r.atlas.join(", ")));
        }
    }
    s
}

pub(crate) fn serialize_rule_code<S: serde::Serializer>(rule: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rule.code)
}

const ATLAS_DATA_LEAK: &[&str] = &["AML.T0057"];
const CWE_PII: Option<&str> = Some("CWE-359");
const CWE_SECRET: Option<&str> = Some("CWE-798");

const ATLAS_UNSAFE_ARTIFACT: &[&str] = &["AML.T0010.003", "AML.T0011.000"];
const CWE_DESER: Option<&str> = Some("CWE-502");

macro_rules! rules {
    ($( $ident:ident = { $code:literal, $name:literal, $sev:ident, $title:literal, cwe: $cwe:expr, atlas: $atlas:expr, $desc:literal, fix: $fix:literal } )*) => {
        $(
            #[doc = concat!("`", $code, "` ", $name, ": ", $title)]
            pub static $ident: Rule = Rule {
                code: $code, name: $name, title: $title, default_severity: Severity::$sev,
                description: $desc, remediation: $fix, cwe: $cwe, cve: &[], atlas: $atlas, since: "0.1.0",
            };
        )*
        /// Every rule, in code order.
        pub static RULES: &[&Rule] = &[ $( &$ident ),* ];
    };
}

rules! {
    PKL_DANGEROUS_IMPORT = { "MLS-PKL-001", "pickle-dangerous-import", Critical,
        "pickle imports a callable that can execute code or touch the system",
        cwe: CWE_DESER, atlas: ATLAS_UNSAFE_ARTIFACT,
        "The pickle stream resolves a global (GLOBAL, STACK_GLOBAL, INST) that is known to run commands, evaluate code, import modules, open files or sockets, or reach such a callable. Loading the file with `pickle.load`, `torch.load(weights_only=False)`, `joblib.load` or `numpy.load(allow_pickle=True)` hands that callable to the attacker.",
        fix: "Do not load this file. Obtain the model from a trusted source, or convert it to a format without code execution (safetensors, ONNX)." }
    PKL_UNKNOWN_CALL = { "MLS-PKL-002", "pickle-unknown-call", High,
        "pickle calls a global outside the allowlist",
        cwe: CWE_DESER, atlas: ATLAS_UNSAFE_ARTIFACT,
        "A REDUCE, INST, OBJ, NEWOBJ or NEWOBJ_EX opcode calls a global that is not in the allowlist of the loader profiles (PyTorch weights-only, NumPy, SciPy, scikit-learn/joblib, pandas, plain data). mlsec denies by default: any callable can be a gadget.",
        fix: "Check that the callable is expected for this model's framework; if it is, add the exact `module.name` to `[scan.allow]` in `mlsec.toml`." }
    PKL_UNKNOWN_IMPORT = { "MLS-PKL-003", "pickle-unknown-import", Medium,
        "pickle imports a global outside the allowlist",
        cwe: CWE_DESER, atlas: ATLAS_UNSAFE_ARTIFACT,
        "The pickle resolves a global that is not in the allowlist, without calling it directly. Importing a module runs its top-level code, and the object may be called later by the program that loaded it.",
        fix: "Check that the global is expected; if so, add it to `[scan.allow]` in `mlsec.toml`." }
    PKL_NON_LITERAL_GLOBAL = { "MLS-PKL-004", "pickle-non-literal-global", High,
        "STACK_GLOBAL operands are not string literals",
        cwe: CWE_DESER, atlas: ATLAS_UNSAFE_ARTIFACT,
        "The module or name given to STACK_GLOBAL was computed by the pickle itself (the result of a call, or an imported object) instead of being a string constant. Real serializers never do this; it hides the imported callable from scanners that read constants only.",
        fix: "Treat the file as malicious." }
    PKL_DOTTED_NAME = { "MLS-PKL-005", "pickle-dotted-name", High,
        "pickle global reaches through attributes with a dotted name",
        cwe: CWE_DESER, atlas: ATLAS_UNSAFE_ARTIFACT,
        "The global's name contains dots (`random._os.system`), so the unpickler walks attributes of the imported module and can reach any module it imported. Denylist scanners that compare the module name miss it.",
        fix: "Treat the file as malicious unless the dotted name is a nested class your framework is known to pickle; then allow the exact pair in `mlsec.toml`." }
    PKL_EXT_CODE = { "MLS-PKL-006", "pickle-extension-code", High,
        "pickle uses the copyreg extension registry (EXT1/EXT2/EXT4)",
        cwe: CWE_DESER, atlas: ATLAS_UNSAFE_ARTIFACT,
        "EXT opcodes resolve a global through `copyreg`'s extension registry of the loading process, so the imported callable cannot be known from the file. Standard serializers of ML models never emit them.",
        fix: "Treat the file as suspicious; do not load it in a process that registers extension codes." }
    PKL_STATE_INJECTION = { "MLS-PKL-007", "pickle-state-injection", Critical,
        "pickle BUILD modifies an imported module or class",
        cwe: CWE_DESER, atlas: ATLAS_UNSAFE_ARTIFACT,
        "A BUILD opcode applies state to an object that the pickle imported (a module or a class) rather than to an instance it created. This overwrites attributes of live modules, e.g. to redirect an allowlisted function to `eval`.",
        fix: "Treat the file as malicious." }
    PKL_NESTED = { "MLS-PKL-008", "pickle-nested-payload", High,
        "pickle passes an embedded payload to a deserializer",
        cwe: CWE_DESER, atlas: ATLAS_UNSAFE_ARTIFACT,
        "A bytes or string argument (raw, base64, hex or zlib encoded) is handed to `pickle.loads`, `torch.load`, `joblib.load` or a similar loader. The embedded payload was scanned too; its findings are reported with the member `<nested@OFFSET>`. A byte string that is itself a complete pickle but is not handed to a loader (a dormant second stage) is reported at medium under `<embedded@OFFSET>`, its own findings capped at medium.",
        fix: "Treat the file as malicious." }
    PKL_MALFORMED = { "MLS-PKL-009", "pickle-malformed", Low,
        "pickle stream is malformed",
        cwe: None, atlas: &[],
        "The unpickler would stop with an error at this point. Everything before the error was analysed as CPython would execute it; nothing after it runs.",
        fix: "Re-export the model; a corrupt file cannot be loaded." }
    PKL_TRAILING = { "MLS-PKL-010", "pickle-trailing-data", Info,
        "data after the last pickle",
        cwe: None, atlas: &[],
        "Bytes follow the final STOP opcode. Loaders ignore them, but they can hide a second payload for a custom loader.",
        fix: "Usually harmless; check where the extra data comes from." }
    PKL_STACKED = { "MLS-PKL-011", "pickle-stacked", Info,
        "several pickles stacked in one file",
        cwe: None, atlas: &[],
        "The file holds more than one pickle. Legacy PyTorch files do this by design; each pickle was scanned.",
        fix: "None needed unless the file is not a legacy PyTorch checkpoint." }
    ARC_PATH_TRAVERSAL = { "MLS-ARC-001", "archive-path-traversal", High,
        "archive member path is absolute or escapes the archive root",
        cwe: Some("CWE-22"), atlas: &["AML.T0010.003"],
        "Extracting the archive would write outside the target directory (zip-slip).",
        fix: "Do not extract this archive with a tool that trusts member paths." }
    ARC_SYMLINK = { "MLS-ARC-002", "archive-symlink", Medium,
        "archive contains a link member",
        cwe: Some("CWE-59"), atlas: &["AML.T0010.003"],
        "A symbolic or hard link in an archive can point outside the extraction directory and redirect later writes or reads.",
        fix: "Extract without following links, or reject the archive." }
    ARC_BOMB = { "MLS-ARC-003", "archive-bomb", High,
        "member decompresses beyond the size or ratio limit",
        cwe: Some("CWE-409"), atlas: &[],
        "A member's expansion exceeds the configured limit (absolute size or compression ratio): a decompression bomb exhausts memory or disk of the loader.",
        fix: "Reject the file, or raise `[scan.limits]` in `mlsec.toml` if the model is known to be this large." }
    ARC_DEPTH = { "MLS-ARC-004", "archive-nesting-depth", Medium,
        "archives nested deeper than the limit",
        cwe: Some("CWE-674"), atlas: &[],
        "Archives inside archives beyond the nesting limit were not opened; their content was not scanned.",
        fix: "Flatten the archive or raise `max_depth` under `[scan.limits]`." }
    ARC_HEADER_MISMATCH = { "MLS-ARC-005", "zip-header-mismatch", Medium,
        "zip local header disagrees with the central directory",
        cwe: Some("CWE-436"), atlas: &["AML.T0010.003"],
        "The local file header names a different file, size or method than the central directory entry. Different zip readers then see different content: a scanner can be shown one file while PyTorch loads another.",
        fix: "Treat the archive as tampered; re-create it with a standard tool." }
    ARC_DUPLICATE = { "MLS-ARC-006", "zip-duplicate-member", High,
        "zip contains the same member name twice",
        cwe: Some("CWE-436"), atlas: &["AML.T0010.003"],
        "Readers disagree on which copy of a duplicated name they use. Every copy was scanned.",
        fix: "Treat the archive as tampered." }
    ARC_ENCRYPTED = { "MLS-ARC-007", "archive-encrypted", Low,
        "encrypted member cannot be inspected",
        cwe: None, atlas: &[],
        "The member is encrypted, so its content was not scanned.",
        fix: "Scan the decrypted content before loading it." }
    ARC_MALFORMED = { "MLS-ARC-008", "archive-malformed", Low,
        "archive structure is malformed",
        cwe: None, atlas: &[],
        "The container could not be parsed completely; members before the damage were scanned.",
        fix: "Re-create the archive." }
    ARC_POLYGLOT = { "MLS-ARC-009", "polyglot-file", High,
        "file is valid as two formats at once",
        cwe: Some("CWE-436"), atlas: &["AML.T0010.003"],
        "The file starts as one format (e.g. a pickle) and also holds another (e.g. a zip archive found from its end). Tools that pick one view miss the other; both were scanned.",
        fix: "Treat the file as crafted; legitimate serializers do not produce polyglots." }
    ARC_UNSUPPORTED = { "MLS-ARC-010", "archive-unsupported-method", Low,
        "member uses a compression method mlsec cannot read",
        cwe: None, atlas: &[],
        "The member was not decompressed, so its content was not scanned.",
        fix: "Re-create the archive with deflate or store." }
    FMT_NPY_OBJECT = { "MLS-FMT-001", "numpy-object-array", Info,
        "NumPy array with object dtype holds a pickle",
        cwe: None, atlas: &[],
        "`numpy.load(allow_pickle=True)` unpickles the array data. The embedded pickle was scanned.",
        fix: "Prefer numeric dtypes; load with `allow_pickle=False` where possible." }
    FMT_LEGACY_TORCH = { "MLS-FMT-002", "pytorch-legacy-format", Info,
        "legacy PyTorch serialization format",
        cwe: None, atlas: &[],
        "Pre-1.6 PyTorch files (stacked pickles, or the tar layout) are always unpickled without the weights-only restrictions of newer loaders.",
        fix: "Re-save the model with a current PyTorch, or better as safetensors." }
    FMT_MALFORMED = { "MLS-FMT-003", "format-malformed", Low,
        "file header is malformed",
        cwe: None, atlas: &[],
        "The file claims a format (by its magic bytes) but its header cannot be parsed.",
        fix: "Re-export the file." }
    PII_EMAIL = { "MLS-PII-001", "personal-data-email", Medium,
        "dataset contains an email address",
        cwe: CWE_PII, atlas: ATLAS_DATA_LEAK,
        "An email address identifies a person. A model trained on it can repeat it (memorisation), and sharing the dataset shares it.",
        fix: "Remove or pseudonymise the values before training or sharing (`mlsec redact`), or document the legal basis for keeping them." }
    PII_PHONE = { "MLS-PII-002", "personal-data-phone", Medium,
        "dataset contains a phone number",
        cwe: CWE_PII, atlas: ATLAS_DATA_LEAK,
        "A phone number valid under libphonenumber's rules for its region identifies a person or household.",
        fix: "Remove, mask or pseudonymise the values (`mlsec redact`)." }
    PII_PAYMENT_CARD = { "MLS-PII-003", "personal-data-payment-card", High,
        "dataset contains a payment card number",
        cwe: CWE_PII, atlas: ATLAS_DATA_LEAK,
        "A number with a valid Luhn check digit, a known issuer prefix and a valid length for that brand (PCI DSS scope).",
        fix: "Card numbers must not be in training data: remove them, or replace them with format-preserving pseudonyms (`mlsec redact`)." }
    PII_IBAN = { "MLS-PII-004", "personal-data-bank-account", High,
        "dataset contains a bank account number or payment address",
        cwe: CWE_PII, atlas: ATLAS_DATA_LEAK,
        "An IBAN with valid mod-97 check digits and the length its country prescribes (entity `IBAN`), a US bank routing number with a valid check digit next to a word such as `routing` (`US_ABA_ROUTING`), or a Bitcoin address with a valid checksum (`BTC_ADDRESS`).",
        fix: "Remove or pseudonymise the values (`mlsec redact`)." }
    PII_NATIONAL_ID = { "MLS-PII-005", "personal-data-national-id", High,
        "dataset contains a national identifier or tax number",
        cwe: CWE_PII, atlas: ATLAS_DATA_LEAK,
        "A social security number, national identity number or tax number whose structure and check digits are valid for its country (validated as python-stdnum does). The entity names which (`US_SSN`, `DE_TAX_ID`, `PL_PESEL`, ...).",
        fix: "Remove or pseudonymise the values (`mlsec redact`); national identifiers are special-category data in many jurisdictions." }
    PII_NETWORK = { "MLS-PII-006", "personal-data-network-address", Low,
        "dataset contains an IP or MAC address",
        cwe: CWE_PII, atlas: ATLAS_DATA_LEAK,
        "IP and MAC addresses can identify a device and its user (personal data under GDPR).",
        fix: "Truncate or pseudonymise addresses if the model does not need them." }
    PII_PERSON = { "MLS-PII-007", "personal-data-person", Medium,
        "dataset contains a person's name, date of birth, postal address or postal code",
        cwe: CWE_PII, atlas: ATLAS_DATA_LEAK,
        "Found in a column whose name says so (`customer_name`, `dob`, `address`, `zip`) or in text where context words mark it.",
        fix: "Remove or pseudonymise the values (`mlsec redact`)." }
    PII_COLUMN = { "MLS-PII-008", "personal-data-column", High,
        "a dataset column holds personal data",
        cwe: CWE_PII, atlas: ATLAS_DATA_LEAK,
        "Most values of the column are of one personal-data type; reported once for the column, with the share of matching values and masked samples, instead of once per value.",
        fix: "Drop the column, or pseudonymise it (`mlsec redact`) so joins still work." }
    SEC_SECRET = { "MLS-SEC-001", "secret-in-data", High,
        "dataset contains a credential or API key",
        cwe: CWE_SECRET, atlas: ATLAS_DATA_LEAK,
        "A token matching a secret-detection rule (the gitleaks rule set and mlsec's ML platform rules, plus rules from `mlsec.toml`), with the rule's keywords, entropy and allowlists applied. A model trained on it can leak it.",
        fix: "Revoke the credential now, then remove it from the data (`mlsec redact`) and from every copy and model trained on it." }
    SEC_PRIVATE_KEY = { "MLS-SEC-002", "secret-private-key", Critical,
        "dataset contains a private key",
        cwe: CWE_SECRET, atlas: ATLAS_DATA_LEAK,
        "A PEM or OpenSSH private key block.",
        fix: "Revoke and replace the key pair, then remove the block from the data." }
    SEC_JWT = { "MLS-SEC-003", "secret-jwt", High,
        "dataset contains a JSON Web Token",
        cwe: CWE_SECRET, atlas: ATLAS_DATA_LEAK,
        "A JWT (three base64url parts whose header decodes to JSON with `alg`); it may still grant access.",
        fix: "Revoke the session or key that issued it, and remove it from the data." }
    SEC_ENTROPY = { "MLS-SEC-004", "secret-high-entropy", Medium,
        "dataset contains a high-entropy string next to a secret-like name",
        cwe: CWE_SECRET, atlas: ATLAS_DATA_LEAK,
        "A long random-looking value assigned to a name like `password`, `token` or `secret` that no specific rule recognised. Hashes and UUIDs are not reported.",
        fix: "Check whether it is a live credential; if so revoke it and remove it from the data." }
    DAT_MALFORMED = { "MLS-DAT-001", "dataset-malformed", Low,
        "the dataset is malformed; the result is partial",
        cwe: None, atlas: &[],
        "Broken quoting, invalid UTF-8, a truncated compressed stream or Parquet file, or an over-long line. What could be read was scanned; the rest was not.",
        fix: "Repair or re-export the file, then scan it again." }
    LIM_EXCEEDED = { "MLS-LIM-001", "scan-limit-exceeded", Medium,
        "a scan limit was reached; the rest was not examined",
        cwe: Some("CWE-400"), atlas: &[],
        "Scanning stopped at a configured limit (opcodes, bytes, members). What came before was scanned; what came after was not.",
        fix: "Raise the limit under `[scan.limits]` in `mlsec.toml` if the file is trusted to be this large." }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_rules_md_is_current() {
        let path =
            std::path::Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
                .join("../../docs/rules.md");
        let want = rules_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test -p mlsec-diagnostics`"
        );
    }

    #[test]
    fn codes_are_unique_well_formed_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            let parts: Vec<_> = r.code.split('-').collect();
            assert_eq!(parts.len(), 3, "{}", r.code);
            assert_eq!(parts[0], "MLS");
            assert!(parts[2].len() == 3 && parts[2].bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(Rule::from_code(&r.code.to_lowercase()).unwrap().code, r.code);
            assert!(!r.description.is_empty() && !r.remediation.is_empty() && !r.title.is_empty());
            assert!(r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        }
    }
}
