//! Secret detection with rules in the gitleaks format (TOML: `regex`,
//! `secretGroup`, `entropy`, `keywords`, `allowlists` with `regexes`,
//! `stopwords`, `paths`, `regexTarget` and `condition`). The gitleaks
//! default rules are built in; users add or replace rules in `mlsec.toml`.
//!
//! Speed comes from keywords: one Aho-Corasick automaton over every rule's
//! keywords runs over the data once, and a rule's regex runs only on the
//! lines where one of its keywords occurs (never one giant alternation).
//! Regexes are compiled with ASCII classes, as Go's RE2 reads them.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use rayon::prelude::*;
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::error::{Error, Result};

/// The gitleaks default rule set (MIT), built in.
pub const GITLEAKS_DEFAULT: &str = include_str!(concat!(env!("OUT_DIR"), "/gitleaks.toml"));

/// mlsec's own built-in rules: credentials of ML platforms (Weights &
/// Biases, Kaggle, Replicate, Groq, LangSmith, Pinecone, Hugging Face tokens
/// with digits) that the gitleaks default rules do not hold.
pub const ML_RULES: &str = include_str!("../resources/ml-rules.toml");

/// The built-in rule files, in the order they load (text, origin): the
/// gitleaks default rules, then [`ML_RULES`].
pub const BUILTIN_RULES: [(&str, &str); 2] = [
    (GITLEAKS_DEFAULT, "built-in gitleaks rules"),
    (ML_RULES, "built-in ML platform rules"),
];

#[derive(Debug, Deserialize, Default)]
struct ConfigFile {
    #[serde(default)]
    extend: Option<ExtendCfg>,
    #[serde(default)]
    allowlist: Option<AllowlistCfg>,
    #[serde(default)]
    allowlists: Vec<AllowlistCfg>,
    #[serde(default)]
    rules: Vec<RuleCfg>,
}

/// gitleaks' `[extend]`: the rules a file builds on. mlsec's files always
/// build on the ones loaded before them (the built-in set unless
/// `replace_builtin_rules`), so `useDefault` changes nothing;
/// `disabledRules` drops rules loaded before.
#[derive(Debug, Deserialize, Default)]
struct ExtendCfg {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default, rename = "disabledRules")]
    disabled_rules: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
struct RuleCfg {
    id: String,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default, rename = "secretGroup")]
    secret_group: Option<usize>,
    #[serde(default)]
    entropy: Option<f64>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    allowlists: Vec<AllowlistCfg>,
    #[serde(default)]
    allowlist: Option<AllowlistCfg>,
    /// gitleaks' composite rules: the rules whose findings must be near
    /// one of this rule's for it to stand.
    #[serde(default)]
    required: Vec<RequiredCfg>,
    /// A rule found only as another's requirement, never reported alone.
    #[serde(default, rename = "skipReport")]
    skip_report: bool,
}

/// One of a composite rule's `[[rules.required]]`.
#[derive(Debug, Deserialize, Clone)]
struct RequiredCfg {
    id: String,
    #[serde(default, rename = "withinLines")]
    within_lines: Option<usize>,
    #[serde(default, rename = "withinColumns")]
    within_columns: Option<usize>,
}

/// A requirement of a composite rule, its rule resolved.
#[derive(Debug, Clone, Copy)]
struct Required {
    rule: usize,
    within_lines: Option<usize>,
    within_columns: Option<usize>,
}

#[derive(Debug, Deserialize, Default, Clone)]
struct AllowlistCfg {
    #[serde(default)]
    condition: Option<String>,
    #[serde(default, rename = "regexTarget")]
    regex_target: Option<String>,
    #[serde(default)]
    regexes: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    /// For a global allowlist, the rules it is for (gitleaks adds it to
    /// theirs); none: every rule.
    #[serde(default, rename = "targetRules")]
    target_rules: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Secret,
    Match,
    Line,
}

/// One of an allowlist's checks.
#[derive(Clone, Copy)]
enum Check {
    Path,
    Regexes,
    Stopwords,
}

#[derive(Debug)]
struct Allowlist {
    and: bool,
    target: Target,
    /// The allowlist's regexes as one set: one pass, however many.
    regexes: Option<regex::bytes::RegexSet>,
    paths: Vec<Regex>,
    /// Stopwords as one automaton (gitleaks' generic rule has ~1,500).
    stopwords: Option<AhoCorasick>,
}

impl Allowlist {
    /// Does this allowlist excuse the finding? `path_matches` is
    /// [`Allowlist::path_matches`] for the file, worked out once per file.
    /// Checks run only as far as the answer needs.
    fn allows(&self, secret: &[u8], matched: &[u8], line: &[u8], path_matches: bool) -> bool {
        let target = match self.target {
            Target::Secret => secret,
            Target::Match => matched,
            Target::Line => line,
        };
        // Which checks this allowlist has, cheapest first.
        let checks = [
            (!self.paths.is_empty()).then_some(Check::Path),
            self.regexes.is_some().then_some(Check::Regexes),
            self.stopwords.is_some().then_some(Check::Stopwords),
        ];
        let mut any = false;
        for check in checks.into_iter().flatten() {
            any = true;
            let hit = match check {
                Check::Path => path_matches,
                Check::Regexes => self.regexes.as_ref().is_some_and(|set| set.is_match(target)),
                Check::Stopwords => self.stopwords.as_ref().is_some_and(|ac| ac.is_match(secret)),
            };
            match (self.and, hit) {
                (true, false) => return false,
                (false, true) => return true,
                _ => {}
            }
        }
        any && self.and
    }

    /// Whether the file's path is one this allowlist names.
    fn path_matches(&self, path: &str) -> bool {
        self.paths.iter().any(|r| r.is_match(path.as_bytes()))
    }
}

/// One compiled rule.
#[derive(Debug)]
struct Rule {
    id: String,
    /// The rule's pattern, compiled when first needed ([`Rule::regex`]).
    regex: std::sync::OnceLock<Regex>,
    /// The pattern in Rust's syntax, for a lazy compile.
    pattern: String,
    secret_group: usize,
    entropy: Option<f64>,
    /// The rule's allowlists, compiled when first needed
    /// ([`Rule::allowlists`]), as the pattern is.
    allowlists: std::sync::OnceLock<Vec<Allowlist>>,
    /// The allowlists as written, for a lazy compile.
    allowlist_cfgs: Vec<AllowlistCfg>,
    /// Its keywords, lowercase.
    keywords: Vec<String>,
    /// Whether no keyword is written in the pattern (`airtable` for
    /// `pat[[:alnum:]]{14}\.[a-f0-9]{64}`): the keyword names the service,
    /// often on a line before the value ([`FOLLOWING_LINES`]).
    keyword_apart: bool,
    /// The files the rule is for (gitleaks' `path`: `\.ya?ml$` for the
    /// Kubernetes secret rule), if it is limited to some.
    path: Option<Regex>,
    /// The rules a finding of this one needs near it (gitleaks' composite
    /// rules), resolved once the set is built.
    required: Vec<Required>,
    /// Found only as another rule's requirement, never reported alone.
    skip_report: bool,
    /// Whether a match may span lines ([`spans_lines`]): the rule then
    /// runs on [`MULTI_LINE_REACH`] bytes around its keyword, not on the
    /// keyword's line.
    spans_lines: bool,
    /// The literals every match starts with, if each starts with one of
    /// its keywords ([`Rule::led_literals`]), worked out when first needed.
    keyword_led: std::sync::OnceLock<Option<Vec<Vec<u8>>>>,
    /// For a rule led by its keywords, the pattern asked only whether a
    /// match starts at a keyword ([`Rule::starts_at`]), built when first
    /// needed.
    led_check: std::sync::OnceLock<Option<AnchoredCheck>>,
    /// For each of [`Rule::led_literals`] and each kind of byte before it
    /// ([`LookBehind`]), the bytes a match may go on with right after it
    /// ([`AnchoredCheck::followers`]), each worked out when first needed.
    led_followers: std::sync::OnceLock<Vec<[std::sync::OnceLock<Option<Followers>>; LookBehind::KINDS]>>,
    /// What must follow one of its keywords where it matches
    /// ([`Rule::assignment`]), worked out when first needed.
    assignment: std::sync::OnceLock<Option<Assignment>>,
}

/// What a semi-generic rule's match holds from one of its keywords on
/// ([`Rule::assignment`]).
#[derive(Debug)]
struct Assignment {
    /// The pattern from the keyword group on, anchored at a keyword.
    check: AnchoredCheck,
    /// How far before its keyword a match may start, if bounded.
    lead: Option<usize>,
}

/// A pattern asked only whether it matches at the start of an input: a
/// lazy DFA alone (a meta regex would also compile a reverse automaton and
/// the engines that find groups, which take most of its build time).
struct AnchoredCheck {
    dfa: regex_automata::hybrid::dfa::DFA,
    caches: regex_automata::util::pool::Pool<
        regex_automata::hybrid::dfa::Cache,
        Box<dyn Fn() -> regex_automata::hybrid::dfa::Cache + Send + Sync>,
    >,
}

impl std::fmt::Debug for AnchoredCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnchoredCheck").finish_non_exhaustive()
    }
}

/// A set of bytes, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Followers([u64; 4]);

impl Followers {
    fn holds(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] >> (b & 63) & 1 == 1
    }
}

/// The kinds of byte before an input that choose an automaton's start
/// state (the patterns are compiled without Unicode, so word bytes are
/// ASCII's): none (the input's start), a line feed, a carriage return, a
/// word byte, any other byte.
struct LookBehind;

impl LookBehind {
    const KINDS: usize = 5;
    /// A byte of each kind, in the kinds' order.
    const REPRESENTATIVES: [Option<u8>; Self::KINDS] = [None, Some(b'\n'), Some(b'\r'), Some(b'a'), Some(b' ')];

    fn of(b: Option<u8>) -> usize {
        match b {
            None => 0,
            Some(b'\n') => 1,
            Some(b'\r') => 2,
            Some(b) if b.is_ascii_alphanumeric() || b == b'_' => 3,
            Some(_) => 4,
        }
    }
}

impl AnchoredCheck {
    /// The bytes a match starting with `lit` may go on with right after
    /// it, where the byte before the input is `before`: a match needs one
    /// of them there. `None` where that cannot be told: a match may end
    /// inside `lit`, or the automaton gave up.
    fn followers(&self, lit: &[u8], before: Option<u8>) -> Option<Followers> {
        let mut cache = self.dfa.create_cache();
        let config = regex_automata::util::start::Config::new()
            .anchored(regex_automata::Anchored::Yes)
            .look_behind(before);
        let mut sid = self.dfa.start_state(&mut cache, &config).ok()?;
        for &b in lit {
            // A match state here ended a match a byte before (matches are
            // reported one byte late).
            if sid.is_match() || sid.is_quit() {
                return None;
            }
            sid = self.dfa.next_state(&mut cache, sid, b).ok()?;
            if sid.is_dead() {
                return Some(Followers([0; 4]));
            }
        }
        if sid.is_match() || sid.is_quit() {
            return None;
        }
        let mut set = [0u64; 4];
        for b in 0..=255u8 {
            let next = self.dfa.next_state(&mut cache, sid, b).ok()?;
            if !next.is_dead() {
                set[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        Some(Followers(set))
    }

    /// `pattern` in Rust's syntax, read as [`compile`] reads it.
    fn new(pattern: &str) -> Option<Self> {
        let dfa = regex_automata::hybrid::dfa::DFA::builder()
            .syntax(
                regex_automata::util::syntax::Config::new()
                    .unicode(false)
                    .utf8(false)
                    .multi_line(true),
            )
            .thompson(regex_automata::nfa::thompson::Config::new().utf8(false))
            .build(pattern)
            .ok()?;
        let d = dfa.clone();
        Some(Self {
            dfa,
            caches: regex_automata::util::pool::Pool::new(Box::new(move || d.create_cache())),
        })
    }

    /// Whether the pattern matches from the start of `input`'s range (and
    /// `true` if the search gave up: the caller then searches in full).
    fn is_match_at_start(&self, input: regex_automata::Input<'_>) -> bool {
        let input = input.anchored(regex_automata::Anchored::Yes).earliest(true);
        let mut cache = self.caches.get();
        self.dfa
            .try_search_fwd(&mut cache, &input)
            .map_or(true, |m| m.is_some())
    }
}

impl Rule {
    /// The compiled pattern. The shipped rules compile on first use: most
    /// never get a keyword hit in a given file, and compiling all of them
    /// was most of the startup time (a test compiles every one). Rules from
    /// a user's file are compiled, and their errors reported, when loaded.
    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            compile(&self.pattern, "built-in gitleaks rules", &self.id)
                .unwrap_or_else(|e| panic!("shipped rule `{}`: {e}", self.id))
        })
    }

    /// Whether the rule is led by its keywords ([`Rule::led_literals`]).
    #[cfg(test)]
    fn keyword_led(&self) -> bool {
        self.led_literals().is_some()
    }

    /// The literals every match of the pattern starts with (case as
    /// written), if each starts with one of the rule's keywords (`ghp_`,
    /// `s.`, `A3-`) case aside. Such a rule is searched from its first
    /// keyword in a line, not from the line's start: no match starts
    /// before it. And a keyword found where none of them starts (`sk` in
    /// `task` for a pattern that starts `SK`) starts no match.
    fn led_literals(&self) -> Option<&[Vec<u8>]> {
        self.keyword_led
            .get_or_init(|| {
                use regex_syntax::hir::literal::{ExtractKind, Extractor};
                let seq = Extractor::new()
                    .kind(ExtractKind::Prefix)
                    .extract(&hir_of(&self.pattern)?);
                let lits = seq.literals()?;
                let led = !lits.is_empty()
                    && lits.iter().all(|l| {
                        let l = l.as_bytes().to_ascii_lowercase();
                        self.keywords
                            .iter()
                            .any(|k| !k.is_empty() && l.starts_with(k.as_bytes()))
                    });
                led.then(|| lits.iter().map(|l| l.as_bytes().to_vec()).collect())
            })
            .as_deref()
    }

    /// Whether a match of the pattern may start at `at` in `hay` (the
    /// text up to the end of the window the rule runs on). For a rule led
    /// by its keywords, every match starts at one, so a keyword where none
    /// starts needs no window: `SK` in `SKU-8718` for Twilio's
    /// `SK[0-9a-fA-F]{32}`, 285,000 times in a 50 MB product table.
    /// `true` if the check could not be built or gave up.
    ///
    /// The byte right after the literal is asked first, from a table the
    /// automaton fills once per literal ([`AnchoredCheck::followers`]): one
    /// load where a search would take its cache and set up.
    fn starts_at(&self, hay: &[u8], at: usize) -> bool {
        let Some(check) = self
            .led_check
            .get_or_init(|| AnchoredCheck::new(&self.pattern))
            .as_ref()
        else {
            return true;
        };
        if let Some(lits) = self.led_literals().filter(|l| l.len() <= 32) {
            let followers = self
                .led_followers
                .get_or_init(|| lits.iter().map(|_| Default::default()).collect());
            let before = LookBehind::of(at.checked_sub(1).map(|i| hay[i]));
            let rest = &hay[at..];
            // Some literal here may go on with the byte after it (or it
            // ends the input, or its table could not be made).
            let may = lits.iter().zip(followers).any(|(l, f)| {
                rest.starts_with(l)
                    && rest.get(l.len()).is_none_or(|&b| {
                        f[before]
                            .get_or_init(|| check.followers(l, LookBehind::REPRESENTATIVES[before]))
                            .is_none_or(|f| f.holds(b))
                    })
            });
            if !may {
                return false;
            }
        }
        check.is_match_at_start(regex_automata::Input::new(hay).range(at..))
    }

    /// For a rule made from gitleaks' semi-generic template
    /// (`[\w.-]{0,50}?(?:KEYWORDS)` then [`ASSIGNMENT`] then the value), a
    /// pattern that matches from the start of the keyword in every match:
    /// the rule's own from its keyword group on (the assignment, the value
    /// and what ends it). A line where it matches at none of the keywords
    /// holds no match, and the rule's own pattern need not run there. Run
    /// anchored at a keyword, its automaton stays small; the whole
    /// pattern's, searched unanchored with `[\w.-]{0,50}?` before the
    /// keyword, builds new states for most new lines. `None` for other
    /// rules, and where the group may match more than the keywords (then a
    /// match need not start at a keyword the search reports).
    fn assignment(&self) -> Option<&Assignment> {
        self.assignment
            .get_or_init(|| {
                let (p, lead) = assignment_pattern(&self.pattern, &self.keywords)?;
                Some(Assignment {
                    check: AnchoredCheck::new(&p)?,
                    lead,
                })
            })
            .as_ref()
    }

    /// The compiled allowlists, on first use for the shipped rules (the
    /// generic rule's 1,500 stopwords and the rules' regexes were a tenth
    /// of the start-up instructions, and only a finding needs them).
    fn allowlists(&self) -> &[Allowlist] {
        self.allowlists.get_or_init(|| {
            self.allowlist_cfgs
                .iter()
                .map(|a| {
                    allowlist(a, "built-in gitleaks rules", &self.id)
                        .unwrap_or_else(|e| panic!("shipped rule `{}`: {e}", self.id))
                })
                .collect()
        })
    }
}

/// The most rules a rule set may hold: each compiles when loaded from a
/// user's file, so a file of a million rules would take minutes.
pub const MAX_RULES: usize = 4096;

/// The most keyword bytes a rule set may hold (the gitleaks rules hold
/// about 2 KiB): the keyword automaton has a state per byte.
pub const MAX_KEYWORD_BYTES: usize = 64 << 10;

/// A compiled rule set.
#[derive(Debug)]
pub struct SecretRules {
    rules: Vec<Rule>,
    /// Keyword automaton, built on the first [`SecretRules::scan`] (the
    /// detector searches these keywords with its own words); pattern i
    /// belongs to `keyword_rules[i]`.
    keywords: std::sync::OnceLock<crate::words::Words>,
    /// The keywords, in automaton order.
    patterns: Vec<String>,
    keyword_rules: Vec<Vec<usize>>,
    /// Rules without keywords run on every line.
    always: Vec<usize>,
    global: Vec<Allowlist>,
    /// gitleaks' generic rule (`generic-api-key`), if the set holds it.
    generic: Option<usize>,
    /// Whether a rule is composite or `skipReport` ([`SecretRules::composite`]).
    composite: bool,
}

/// A secret found in a byte buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretHit {
    /// Span of the secret itself.
    pub start: usize,
    /// End of the secret.
    pub end: usize,
    /// The rule that found it.
    pub rule_id: String,
}

/// The end gitleaks' rules ask of a secret (a quote, a space, `;`, an
/// escaped line break or the line's end), as its rules write it.
const SECRET_END: &str = r#"(?:[\x60'"\s;]|\\[nr]|$)"#;
/// [`SECRET_END`] with an escaped quote or tab as well: code or config
/// inside a JSON string (`"text": "key = \"sk_live_...\""`, as training
/// data holds chat transcripts and code).
const SECRET_OR_ESCAPED_END: &str = r#"(?:[\x60'"\s;]|\\[nr"'t]|$)"#;
/// [`SECRET_OR_ESCAPED_END`] with the end of a field of a delimited file
/// (`,`, `|`; a tab is a space already).
const SECRET_OR_FIELD_END: &str = r#"(?:[\x60'"\s;,|]|\\[nr"'t]|$)"#;

/// The pattern of rule `id` with a field's end ending a secret as well: in
/// a CSV row (and a Parquet row read as one) a token at the end of a cell
/// is followed by the delimiter (`...token sk_live_...,2024-05-01`), where
/// gitleaks' rules, written for code, want a quote or a space. Not the
/// generic rules: their values are any run of word characters after a
/// secret-like word, which a delimiter would end in every row of a table
/// (a third more time on dense data, for no finding more). Every rule's
/// secret may also end at an escaped quote ([`SECRET_OR_ESCAPED_END`]).
fn field_ends_secret(id: &str, pattern: &str) -> String {
    if id.starts_with("generic") {
        return pattern.replace(SECRET_END, SECRET_OR_ESCAPED_END);
    }
    pattern.replace(SECRET_END, SECRET_OR_FIELD_END)
}

/// Go's RE2 reads a `{` that does not start a repetition (`{n}`, `{n,}`,
/// `{n,m}` after something repeatable) as a literal; Rust's regex refuses it.
fn go_to_rust(p: &str) -> String {
    let b = p.as_bytes();
    let mut out = String::with_capacity(p.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    let mut prev_repeatable = false;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' && i + 1 < b.len() {
            let ch = p[i + 1..].chars().next().unwrap_or('\\');
            out.push('\\');
            out.push(ch);
            i += 1 + ch.len_utf8();
            prev_repeatable = true;
            continue;
        }
        if in_class {
            if c == b']' {
                in_class = false;
                prev_repeatable = true;
            }
            let ch = p[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        match c {
            b'[' => {
                in_class = true;
                out.push('[');
                i += 1;
                // A `]` right after `[` or `[^` is a literal member.
                if b.get(i) == Some(&b'^') {
                    out.push('^');
                    i += 1;
                }
                if b.get(i) == Some(&b']') {
                    out.push(']');
                    i += 1;
                }
                continue;
            }
            b'{' => {
                let rest = &p[i + 1..];
                let close = rest.find('}');
                let valid = close.is_some_and(|j| {
                    let inner = &rest[..j];
                    let (a, bb) = inner.split_once(',').unwrap_or((inner, ""));
                    !a.is_empty() && a.bytes().all(|x| x.is_ascii_digit()) && bb.bytes().all(|x| x.is_ascii_digit())
                });
                if valid && prev_repeatable {
                    out.push('{');
                } else {
                    out.push_str("\\{");
                    prev_repeatable = true;
                }
                i += 1;
                continue;
            }
            b'}' => {
                out.push('}');
                i += 1;
                continue;
            }
            b'(' | b'|' => prev_repeatable = false,
            b'^' | b'$' => prev_repeatable = false,
            _ => prev_repeatable = true,
        }
        let ch = p[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// The middle of gitleaks' semi-generic rules (its `generateSemiGenericRegex`),
/// between the keyword group and the value: up to 20 word bytes, up to
/// three spaces or quotes, and an assignment operator.
const ASSIGNMENT: &str = r#"(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)"#;

/// [`Rule::assignment`]'s pattern for `pattern` (Rust syntax): the flags
/// set at its top level, and the pattern from its keyword group on, if the
/// group is an element of the pattern's top-level concatenation right before
/// [`ASSIGNMENT`] and every string it matches is one of `keywords`
/// (lowercase), case aside; with the longest the elements before the group
/// match (how far before its keyword a match may start), if bounded.
fn assignment_pattern(pattern: &str, keywords: &[String]) -> Option<(String, Option<usize>)> {
    use regex_syntax::ast::Ast;
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let at = pattern.find(ASSIGNMENT)?;
    let ast = regex_syntax::ast::parse::Parser::new().parse(pattern).ok()?;
    let Ast::Concat(concat) = &ast else { return None };
    let k = concat.asts.iter().position(|a| a.span().end.offset == at)?;
    let (Ast::Group(group), Some(next)) = (&concat.asts[k], concat.asts.get(k + 1)) else {
        return None;
    };
    // The assignment's first element is the next one of the concatenation.
    if next.span().start.offset != at {
        return None;
    }
    // The elements before the group: its flags, or what comes before its
    // keyword in a match.
    let before = |flags: bool| -> String {
        concat.asts[..k]
            .iter()
            .filter(|a| matches!(a, Ast::Flags(_)) == flags)
            .map(|a| &pattern[a.span().start.offset..a.span().end.offset])
            .collect()
    };
    let flags = before(true);
    // The strings the group matches, as written (case aside below).
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .extract(&hir_of(&pattern[group.span.start.offset..group.span.end.offset])?);
    let exact = seq.is_exact()
        && seq.literals().is_some_and(|lits| {
            !lits.is_empty()
                && lits.iter().all(|l| {
                    let l = l.as_bytes().to_ascii_lowercase();
                    keywords.iter().any(|k| k.as_bytes() == l.as_slice())
                })
        });
    if !exact {
        return None;
    }
    let lead = hir_of(&format!("{flags}{}", before(false))).and_then(|h| h.properties().maximum_len());
    Some((format!("{flags}{}", &pattern[group.span.start.offset..]), lead))
}

/// Whether a gitleaks pattern is written to match across lines: it names
/// a line break (`[\r\n]{1,2}` between a `curl` and its `-u` on the next
/// line, the line breaks inside a base64 body) or lets `.` match one
/// (`(?s:.){0,200}` between a Kubernetes secret's `kind:` and `data:`).
/// `\s` and negated classes, which also match a line break, are not
/// counted: most rules hold them, and they mean a space on the line.
fn spans_lines(pattern: &str) -> bool {
    let b = pattern.as_bytes();
    let named = (0..b.len()).any(|i| {
        matches!(b[i], b'n' | b'r') && i > 0 && b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1
    });
    let dot_all = (0..b.len()).any(|i| {
        b[i..].starts_with(b"(?")
            && b[i + 2..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic() || **c == b'-')
                .take_while(|&&c| c != b'-')
                .any(|&c| c == b's')
    });
    named || dot_all
}

/// A pattern in Rust's syntax parsed as [`compile`] reads it.
fn hir_of(p: &str) -> Option<regex_syntax::hir::Hir> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .multi_line(true)
        .build()
        .parse(p)
        .ok()
}

/// Compile a pattern already in Rust's syntax ([`go_to_rust`]).
fn compile(p: &str, origin: &str, what: &str) -> Result<Regex> {
    RegexBuilder::new(p)
        .unicode(false)
        // `^`/`$` at line ends: a rule run over a whole buffer (a dense
        // keyword) must match as it does on a single line.
        .multi_line(true)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .map_err(|e| Error::Rules {
            origin: origin.to_owned(),
            reason: format!("{what}: invalid regex ({e})"),
        })
}

/// Patterns (gitleaks syntax) as one set, compiled as [`compile`] would
/// each; `None` for none. An error names the pattern at fault.
fn compile_set(patterns: &[String], origin: &str, what: &str) -> Result<Option<regex::bytes::RegexSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let rust: Vec<String> = patterns.iter().map(|p| go_to_rust(p)).collect();
    regex::bytes::RegexSetBuilder::new(&rust)
        .unicode(false)
        .multi_line(true)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .map(Some)
        .or_else(|e| {
            // Find the pattern at fault for the message.
            for p in &rust {
                compile(p, origin, what)?;
            }
            Err(Error::Rules {
                origin: origin.to_owned(),
                reason: format!("{what}: invalid allowlist regexes ({e})"),
            })
        })
}

fn allowlist(a: &AllowlistCfg, origin: &str, what: &str) -> Result<Allowlist> {
    let target = match a.regex_target.as_deref() {
        None | Some("secret") => Target::Secret,
        Some("match") => Target::Match,
        Some("line") => Target::Line,
        Some(t) => {
            return Err(Error::Rules {
                origin: origin.to_owned(),
                reason: format!("{what}: regexTarget {t:?} is not secret, match or line"),
            })
        }
    };
    Ok(Allowlist {
        and: a.condition.as_deref().is_some_and(|c| c.eq_ignore_ascii_case("and")),
        target,
        regexes: compile_set(&a.regexes, origin, what)?,
        paths: a
            .paths
            .iter()
            .map(|r| compile(&go_to_rust(r), origin, what))
            .collect::<Result<_>>()?,
        stopwords: if a.stopwords.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .build(&a.stopwords)
                    .map_err(|e| Error::Rules {
                        origin: origin.to_owned(),
                        reason: format!("{what}: stopwords: {e}"),
                    })?,
            )
        },
    })
}

/// A rule as its files configure it, before it is compiled.
struct Configured {
    cfg: RuleCfg,
    /// The file that gave its regex.
    origin: String,
    /// Whether a user's file gave any of it: then it compiles now, so that
    /// an error is reported when the file is loaded.
    user: bool,
    /// Its allowlists, each with the file that gave it.
    allowlists: Vec<(AllowlistCfg, String)>,
}

impl Configured {
    fn compile(&self) -> Result<Rule> {
        let r = &self.cfg;
        let origin = self.origin.as_str();
        let what = format!("rule `{}`", r.id);
        let written = r.regex.as_deref().unwrap_or_default();
        let pattern = go_to_rust(&field_ends_secret(&r.id, written));
        let path = r
            .path
            .as_deref()
            .map(|p| compile(&go_to_rust(p), origin, &format!("{what} (path)")))
            .transpose()?;
        let regex = std::sync::OnceLock::new();
        let allowlists = std::sync::OnceLock::new();
        if self.user {
            let _ = regex.set(compile(&pattern, origin, &what)?);
            let compiled = self
                .allowlists
                .iter()
                .map(|(a, from)| allowlist(a, from, &what))
                .collect::<Result<Vec<_>>>()?;
            let _ = allowlists.set(compiled);
        }
        // An empty keyword is in every line (as in gitleaks): the rule then
        // runs everywhere.
        let keywords: Vec<String> = if r.keywords.iter().any(String::is_empty) {
            Vec::new()
        } else {
            let mut k: Vec<String> = r.keywords.iter().map(|k| k.to_ascii_lowercase()).collect();
            k.sort_unstable();
            k.dedup();
            k
        };
        let lower = pattern.to_ascii_lowercase();
        let keyword_apart = !keywords.is_empty() && !keywords.iter().any(|k| lower.contains(k.as_str()));
        Ok(Rule {
            id: r.id.clone(),
            regex,
            pattern,
            secret_group: r.secret_group.unwrap_or(0),
            entropy: r.entropy,
            allowlists,
            allowlist_cfgs: self.allowlists.iter().map(|(a, _)| a.clone()).collect(),
            keywords,
            keyword_apart,
            path,
            required: Vec::new(),
            skip_report: r.skip_report,
            spans_lines: spans_lines(written),
            keyword_led: std::sync::OnceLock::new(),
            led_check: std::sync::OnceLock::new(),
            led_followers: std::sync::OnceLock::new(),
            assignment: std::sync::OnceLock::new(),
        })
    }
}

impl SecretRules {
    /// The built-in rules ([`BUILTIN_RULES`]).
    ///
    /// # Errors
    /// Never for the shipped files (tested); kept fallible for symmetry.
    pub fn builtin() -> Result<Self> {
        Self::from_toml(&BUILTIN_RULES)
    }

    /// The rule file a rule file's `[extend] path` names, as written (a
    /// caller loads it, and the files it extends, before this one).
    ///
    /// # Errors
    /// When the text is not TOML, naming `origin`.
    pub fn extended_path(text: &str, origin: &str) -> Result<Option<String>> {
        #[derive(Deserialize)]
        struct Head {
            #[serde(default)]
            extend: Option<ExtendCfg>,
        }
        let head: Head = toml::from_str(text).map_err(|e| Error::Rules {
            origin: origin.to_owned(),
            reason: e.to_string(),
        })?;
        Ok(head.extend.and_then(|e| e.path))
    }

    /// Compile rule files (gitleaks TOML), each extending the ones before
    /// it as gitleaks' `[extend]` does: a rule with the `id` of an earlier
    /// one extends it (its regex, path, entropy and secret group replace;
    /// its keywords and allowlists add), `disabledRules` drops earlier
    /// rules, and a global allowlist with `targetRules` joins those rules'
    /// allowlists.
    ///
    /// An `[extend] path` is not read here: the caller puts that file
    /// before this one ([`SecretRules::extended_path`]).
    ///
    /// # Errors
    /// TOML or regex errors, naming the file and rule; an `[extend] url`;
    /// a `targetRules` id that is no rule; a new rule with neither a regex
    /// nor a path.
    pub fn from_toml(sources: &[(&str, &str)]) -> Result<Self> {
        // The rules as configured, in load order; `None` where a later
        // file's `disabledRules` dropped one.
        let mut cfgs: Vec<Option<Configured>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut global = Vec::new();
        // Global allowlists for some rules, added to theirs at the end.
        let mut targeted: Vec<(String, AllowlistCfg, String)> = Vec::new();
        for (text, origin) in sources {
            let cfg: ConfigFile = toml::from_str(text).map_err(|e| Error::Rules {
                origin: (*origin).to_owned(),
                reason: e.to_string(),
            })?;
            // The built-in files are tested to compile: their rules compile
            // when first used; what a user's file gives is checked now.
            let shipped = BUILTIN_RULES.iter().any(|(t, _)| t == text);
            if let Some(extend) = &cfg.extend {
                // The file an `[extend] path` names is the caller's to load
                // before this one ([`SecretRules::extended_path`]).
                if extend.url.is_some() {
                    return Err(Error::Rules {
                        origin: (*origin).to_owned(),
                        reason: "[extend] url is not followed (nor is it by gitleaks): download the file and \
                                 name it in `[extend] path`"
                            .into(),
                    });
                }
                for id in &extend.disabled_rules {
                    if let Some(i) = index.remove(id) {
                        cfgs[i] = None;
                    }
                }
            }
            for a in cfg.allowlist.iter().chain(&cfg.allowlists) {
                if a.target_rules.is_empty() {
                    global.push(allowlist(a, origin, "global allowlist")?);
                } else {
                    for id in &a.target_rules {
                        targeted.push((id.clone(), a.clone(), (*origin).to_owned()));
                    }
                }
            }
            for r in cfg.rules {
                let own: Vec<(AllowlistCfg, String)> = r
                    .allowlists
                    .iter()
                    .chain(&r.allowlist)
                    .map(|a| (a.clone(), (*origin).to_owned()))
                    .collect();
                match index.get(&r.id).and_then(|&i| cfgs[i].as_mut()) {
                    // A rule with the id of one loaded before extends it, as
                    // gitleaks' `[extend]` does: what it gives replaces,
                    // keywords and allowlists add.
                    Some(base) => {
                        base.user |= !shipped;
                        if r.regex.is_some() {
                            base.origin = (*origin).to_owned();
                        }
                        let cfg = &mut base.cfg;
                        cfg.regex = r.regex.or(cfg.regex.take());
                        cfg.path = r.path.or(cfg.path.take());
                        cfg.entropy = r.entropy.or(cfg.entropy);
                        cfg.secret_group = r.secret_group.or(cfg.secret_group);
                        cfg.keywords.extend(r.keywords);
                        base.allowlists.extend(own);
                    }
                    None => {
                        if r.regex.is_none() && r.path.is_none() {
                            return Err(Error::Rules {
                                origin: (*origin).to_owned(),
                                reason: format!(
                                    "rule `{}` has neither a regex nor a path, and extends no rule loaded before it",
                                    r.id
                                ),
                            });
                        }
                        index.insert(r.id.clone(), cfgs.len());
                        cfgs.push(Some(Configured {
                            cfg: r,
                            origin: (*origin).to_owned(),
                            user: !shipped,
                            allowlists: own,
                        }));
                    }
                }
            }
        }
        for (id, a, origin) in targeted {
            let Some(rule) = index.get(&id).and_then(|&i| cfgs[i].as_mut()) else {
                return Err(Error::Rules {
                    origin,
                    reason: format!("[[allowlists]] targetRules names `{id}`, which is no rule"),
                });
            };
            rule.user = true;
            rule.allowlists.push((a, origin));
        }
        // Path-only rules (a `.p12` file name) say nothing of the data.
        // A rule with a regex and a path runs on the files its path names
        // (`nuget.config`, `*.tf`, `*.yaml`). The regexes compile on all
        // cores: this is most of the startup time.
        let usable: Vec<Configured> = cfgs.into_iter().flatten().filter(|c| c.cfg.regex.is_some()).collect();
        if usable.len() > MAX_RULES {
            return Err(Error::Rules {
                origin: sources.last().map_or_else(String::new, |(_, o)| (*o).to_owned()),
                reason: format!(
                    "{} rules, more than the {MAX_RULES} allowed (the built-in set has about 230): \
                     keep the rules you need",
                    usable.len()
                ),
            });
        }
        let mut by_id: Vec<Rule> = usable
            .par_iter()
            .map(Configured::compile)
            .collect::<Result<Vec<Rule>>>()?;
        for (i, c) in usable.iter().enumerate() {
            for req in &c.cfg.required {
                let Some(rule) = by_id.iter().position(|r| r.id == req.id) else {
                    return Err(Error::Rules {
                        origin: c.origin.clone(),
                        reason: format!(
                            "rule `{}`: [[rules.required]] names `{}`, which is no rule",
                            c.cfg.id, req.id
                        ),
                    });
                };
                by_id[i].required.push(Required {
                    rule,
                    within_lines: req.within_lines,
                    within_columns: req.within_columns,
                });
            }
        }
        let mut patterns: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        let mut pat_index: HashMap<String, usize> = HashMap::new();
        let mut always = Vec::new();
        for (i, rule) in by_id.iter().enumerate() {
            if rule.keywords.is_empty() {
                always.push(i);
            }
            for k in &rule.keywords {
                let j = *pat_index.entry(k.clone()).or_insert_with(|| {
                    patterns.push(k.clone());
                    keyword_rules.push(Vec::new());
                    patterns.len() - 1
                });
                if !keyword_rules[j].contains(&i) {
                    keyword_rules[j].push(i);
                }
            }
        }
        // The keyword automaton has a state per keyword byte: bound it.
        let keyword_bytes: usize = patterns.iter().map(String::len).sum();
        if keyword_bytes > MAX_KEYWORD_BYTES {
            return Err(Error::Rules {
                origin: "keywords".into(),
                reason: format!(
                    "the rules' keywords hold {keyword_bytes} bytes, more than the {MAX_KEYWORD_BYTES} allowed: \
                     give rules fewer or shorter keywords"
                ),
            });
        }
        let generic = by_id.iter().position(|r| r.id == "generic-api-key");
        let composite = by_id.iter().any(|r| r.skip_report || !r.required.is_empty());
        Ok(Self {
            generic,
            composite,
            rules: by_id,
            keywords: std::sync::OnceLock::new(),
            patterns,
            keyword_rules,
            always,
            global,
        })
    }

    /// Whether the allowlists that excuse a value of gitleaks' generic rule
    /// (the global ones and `generic-api-key`'s own: stopwords, `public_key`,
    /// `csrf-token`, `io.jsonwebtoken:...`) excuse `secret`, matched as
    /// `matched` (from the identifier that holds its keyword) on `line` of
    /// the file at `path`. For the detector's own assignment check, which
    /// finds values the generic rule's pattern does not.
    pub(crate) fn allows_as_generic(&self, secret: &[u8], matched: &[u8], line: &[u8], path: &str) -> bool {
        let allows = |a: &Allowlist| a.allows(secret, matched, line, !a.paths.is_empty() && a.path_matches(path));
        self.global.iter().any(allows)
            || self
                .generic
                .is_some_and(|g| self.rules[g].allowlists().iter().any(allows))
    }

    /// Number of rules.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules' keywords (lowercase, matched ASCII case-insensitively):
    /// a caller that searches `buf` for more words can search for these in
    /// the same pass and call [`SecretRules::scan_with_keywords`].
    #[must_use]
    pub fn keywords(&self) -> &[String] {
        &self.patterns
    }

    /// Find secrets in `buf` (any number of lines); `path` feeds path allowlists.
    #[must_use]
    pub fn scan(&self, buf: &[u8], path: &str) -> Vec<SecretHit> {
        let hits = self
            .keywords
            .get_or_init(|| crate::words::Words::new(&self.patterns).expect("keywords are bounded"))
            .find_all(buf);
        self.scan_with_keywords(buf, path, &hits)
    }

    /// [`SecretRules::scan`] with the keyword occurrences already found:
    /// `(index into keywords(), start, end)`, every overlapping occurrence,
    /// in the order an overlapping search reports them.
    #[must_use]
    pub fn scan_with_keywords(&self, buf: &[u8], path: &str, keyword_hits: &[(usize, usize, usize)]) -> Vec<SecretHit> {
        self.scan_reporting_allowed(buf, path, keyword_hits).0
    }

    /// [`SecretRules::scan_with_keywords`], and the values a rule matched
    /// that an allowlist excused (`AKIAIOSFODNN7EXAMPLE`, AWS's example key):
    /// known not to be secrets, which no other check should report.
    pub(crate) fn scan_reporting_allowed(
        &self,
        buf: &[u8],
        path: &str,
        keyword_hits: &[(usize, usize, usize)],
    ) -> (Vec<SecretHit>, Vec<(usize, usize)>) {
        // Rules for other files than this one ([`Rule::path`]).
        let off_path: Vec<bool> = self
            .rules
            .iter()
            .map(|r| r.path.as_ref().is_some_and(|p| !p.is_match(path.as_bytes())))
            .collect();
        // (line start, line end, rule, where in the line to start).
        let mut work: Vec<(usize, usize, usize, usize)> = Vec::new();
        // Rules whose keywords occur on many lines run once over the whole
        // buffer (their regex's own literal prefilter is then the fast path);
        // the others run only on the lines where their keywords occur.
        // Rules off this file's path count as dense, and are then skipped.
        let mut dense = off_path.clone();
        // Each rule's windows: a line (or a long line's part) and where
        // in it the search starts.
        // The last element: the first of the window's keywords followed by
        // what the rule needs after it ([`Rule::assignment`]), `usize::MAX`
        // for none.
        let mut per_rule: Vec<Vec<(usize, usize, usize, usize)>> = vec![Vec::new(); self.rules.len()];
        let limit = buf.len() / 2048 + 16;
        let mut lines = Lines::new(buf);
        // The last window each rule was given.
        let mut last: Vec<(usize, usize)> = vec![(usize::MAX, 0); self.rules.len()];
        // The lines after a keyword searched for a rule that does not hold it.
        let mut following: Vec<(usize, usize, usize, usize)> = Vec::new();
        for &(pattern, start, end) in keyword_hits {
            let Some(rules) = self.keyword_rules.get(pattern) else {
                continue;
            };
            if rules.iter().all(|&r| dense[r]) {
                continue;
            }
            // Found when a rule needs it: most keywords start no match.
            let mut window: Option<(usize, usize)> = None;
            for &r in rules {
                if dense[r] {
                    continue;
                }
                let rule = &self.rules[r];
                let led = match rule.led_literals() {
                    // No match starts at this keyword (a few literals are
                    // compared; many case variants are left to the search).
                    Some(lits) if lits.len() <= 32 && !lits.iter().any(|l| buf[start..].starts_with(l)) => continue,
                    lits => lits.is_some(),
                };
                // The same window as the rule's last one. For a rule whose
                // matches span lines, one its reach overlaps, which grows to
                // take it in (up to [`MAX_MERGED_REACH`] bytes): in a file
                // dense with its keyword, each byte is searched once.
                let reach = rule.spans_lines.then(|| lines.reach(start, end));
                let same = match reach {
                    Some((ws, we)) => last[r].0 != usize::MAX && ws <= last[r].1 && we - last[r].0 <= MAX_MERGED_REACH,
                    None => last[r].0 <= start && end <= last[r].1,
                };
                if let (true, Some((_, we))) = (same, reach) {
                    last[r].1 = last[r].1.max(we);
                    if let Some(w) = per_rule[r].last_mut() {
                        w.1 = last[r].1;
                    }
                }
                let (ws, we) = if same {
                    last[r]
                } else if let Some(w) = reach {
                    w
                } else {
                    *window.get_or_insert_with(|| lines.window(start, end))
                };
                if led && !rule.spans_lines && !rule.starts_at(&buf[..we], start) {
                    continue;
                }
                // This keyword, if it is followed by the assignment.
                let assigns = |first: usize| {
                    if first <= start {
                        return first;
                    }
                    // In the window, as the rule's search sees it (its
                    // end is the end of the text to `$`).
                    let ok = rule.assignment().is_none_or(|a| {
                        a.check
                            .is_match_at_start(regex_automata::Input::new(&buf[ws..we]).range(start - ws..))
                    });
                    if ok {
                        start
                    } else {
                        first
                    }
                };
                if same {
                    // The same window: an earlier keyword of a rule its
                    // keywords lead starts its search earlier.
                    if let Some(w) = per_rule[r].last_mut() {
                        if led {
                            w.2 = w.2.min(start);
                        }
                        w.3 = assigns(w.3);
                    }
                    continue;
                }
                last[r] = (ws, we);
                per_rule[r].push((ws, we, if led { start } else { ws }, assigns(usize::MAX)));
                // A value named by a keyword on a line before it (`<airtableToken>`
                // then the token alone; `"airtable": {` then `"token": ...`).
                if rule.keyword_apart && !led {
                    let mut le = we;
                    for _ in 0..FOLLOWING_LINES {
                        let Some(next) = lines.line_after(le) else { break };
                        le = next.1;
                        following.push((next.0, next.1, r, next.0));
                    }
                }
                if per_rule[r].len() > limit {
                    dense[r] = true;
                    per_rule[r] = Vec::new();
                }
            }
        }
        for (r, lines) in per_rule.into_iter().enumerate() {
            // No match starts further before its keyword than the rule's
            // lead: the search starts there, past the line's start.
            let lead = self.rules[r].assignment().and_then(|a| a.lead);
            work.extend(
                lines
                    .into_iter()
                    .filter(|w| w.3 != usize::MAX)
                    .map(|(ls, le, from, first)| (ls, le, r, lead.map_or(from, |n| from.max(first.saturating_sub(n))))),
            );
        }
        work.extend(following.into_iter().filter(|w| !dense[w.2]));
        let mut lines = Lines::new(buf);
        for (r, _) in dense.iter().enumerate().filter(|&(r, d)| *d && !off_path[r]) {
            let rule = &self.rules[r];
            // Only where it matches: the groups come from the run on the
            // match's line (so line-relative semantics hold), from the
            // line's first match on (a search before it found nothing).
            let mut last = (usize::MAX, 0);
            for m0 in rule.regex().find_iter(buf) {
                if rule.spans_lines {
                    // Windows that overlap grow into one, as above.
                    let (ws, we) = lines.reach(m0.start(), m0.end());
                    match work.last_mut() {
                        Some(w) if w.2 == r && last.0 != usize::MAX && ws <= w.1 && we - w.0 <= MAX_MERGED_REACH => {
                            w.1 = w.1.max(we);
                        }
                        _ => work.push((ws, we, r, m0.start().max(ws))),
                    }
                    last = (ws, we);
                    continue;
                }
                let (ws, we) = lines.window(m0.start(), m0.end());
                if (ws, we) != last {
                    work.push((ws, we, r, m0.start().max(ws)));
                    last = (ws, we);
                }
            }
        }
        if !self.always.is_empty() {
            let mut ls = 0;
            while ls < buf.len() {
                let le = memchr::memchr(b'\n', &buf[ls..]).map_or(buf.len(), |i| ls + i);
                for &r in self.always.iter().filter(|&&r| !off_path[r]) {
                    work.push((ls, le, r, ls));
                }
                ls = le + 1;
            }
        }
        work.sort_unstable();
        work.dedup();
        // Path allowlists depend on the path alone: each is tried once.
        let global_paths: Vec<bool> = self.global.iter().map(|a| a.path_matches(path)).collect();
        let mut rule_paths: std::collections::HashMap<(usize, usize), bool> = std::collections::HashMap::new();
        let mut hits = Vec::new();
        let mut allowed = Vec::new();
        for (ls, le, r, from) in work {
            let rule = &self.rules[r];
            let line = &buf[ls..le];
            // `captures_iter` from `from`: an empty match right after the
            // previous match is skipped, as the iterator does.
            let (mut at, mut prev_end) = (from - ls, None);
            while at <= line.len() {
                let Some(caps) = rule.regex().captures_at(line, at) else {
                    break;
                };
                let Some(m0) = caps.get(0) else { break };
                at = if m0.is_empty() { m0.end() + 1 } else { m0.end() };
                if m0.is_empty() && prev_end == Some(m0.start()) {
                    continue;
                }
                prev_end = Some(m0.end());
                // The first group that took part, as gitleaks reads a rule
                // with no secret group; but not a named one: those mark what
                // a token holds (`(?P<alg>aGJHY2lPaU)` in `jwt-base64`), and
                // the secret is then the whole match.
                let secret = if rule.secret_group > 0 {
                    caps.get(rule.secret_group)
                } else {
                    let names = rule.regex().capture_names();
                    names
                        .enumerate()
                        .skip(1)
                        .find_map(|(g, name)| caps.get(g).filter(|m| name.is_none() && !m.is_empty()))
                        .or(Some(m0))
                };
                let Some(s) = secret else { continue };
                let sb = s.as_bytes();
                if let Some(min) = rule.entropy {
                    if shannon(sb) < min {
                        continue;
                    }
                }
                let global = self
                    .global
                    .iter()
                    .zip(&global_paths)
                    .any(|(a, &p)| a.allows(sb, m0.as_bytes(), line, p));
                let mut own = || {
                    rule.allowlists().iter().enumerate().any(|(i, a)| {
                        let p = *rule_paths.entry((r, i)).or_insert_with(|| a.path_matches(path));
                        a.allows(sb, m0.as_bytes(), line, p)
                    })
                };
                if global || own() {
                    allowed.push((ls + s.start(), ls + s.end()));
                    continue;
                }
                hits.push((ls + s.start(), ls + s.end(), r));
            }
        }
        hits.sort_unstable();
        hits.dedup();
        if self.composite {
            hits = self.composite(buf, hits);
        }
        let mut hits: Vec<SecretHit> = hits
            .into_iter()
            .map(|(start, end, r)| SecretHit {
                start,
                end,
                rule_id: self.rules[r].id.clone(),
            })
            .collect();
        hits.sort_by_key(|h| (h.start, h.end));
        // One finding per span: the first (most specific rules come first in gitleaks' file order is not
        // meaningful, so prefer any rule over `generic-api-key`).
        let mut out: Vec<SecretHit> = Vec::new();
        for h in hits {
            if let Some(last) = out.last_mut() {
                if h.start < last.end {
                    if last.rule_id == "generic-api-key" && h.rule_id != "generic-api-key" {
                        *last = h;
                    }
                    continue;
                }
            }
            out.push(h);
        }
        (out, allowed)
    }

    /// gitleaks' composite rules on `hits` (start, end, rule; sorted): a
    /// hit of a rule with requirements stands only if each required rule
    /// has a hit near it (within its lines and columns, or anywhere in the
    /// buffer if it gives neither), and hits of `skipReport` rules go.
    fn composite(&self, buf: &[u8], hits: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
        // Each hit's line and column (hits are sorted by start).
        let mut at = Vec::with_capacity(hits.len());
        let (mut line, mut line_start, mut pos) = (0usize, 0usize, 0usize);
        for &(s, _, _) in &hits {
            for nl in memchr::memchr_iter(b'\n', &buf[pos..s]) {
                line += 1;
                line_start = pos + nl + 1;
            }
            pos = s;
            at.push((line, s - line_start));
        }
        let mut of_rule: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, h) in hits.iter().enumerate() {
            of_rule.entry(h.2).or_default().push(i);
        }
        let near = |i: usize, req: &Required| {
            let (l, c) = at[i];
            // Hits of the required rule, checked up to a bound: past it the
            // primary stands (a secret is better reported than dropped).
            of_rule.get(&req.rule).is_some_and(|js| {
                js.len() > MAX_REQUIRED_CHECKS
                    || js.iter().any(|&j| {
                        let (gl, gc) = at[j];
                        req.within_lines.is_none_or(|n| l.abs_diff(gl) <= n)
                            && req.within_columns.is_none_or(|n| c.abs_diff(gc) <= n)
                    })
            })
        };
        hits.iter()
            .enumerate()
            .filter(|&(i, h)| {
                let rule = &self.rules[h.2];
                !rule.skip_report && rule.required.iter().all(|req| near(i, req))
            })
            .map(|(_, h)| *h)
            .collect()
    }
}

/// How many hits of a required rule a composite rule's hit is compared
/// with at most ([`SecretRules::composite`]).
const MAX_REQUIRED_CHECKS: usize = 4096;

/// Lines longer than this are not searched whole for each keyword: a rule
/// runs on [`WINDOW`] bytes either side of the keyword instead (a 2 GB
/// single-line file would otherwise cost a pass of the line per keyword).
const LONG_LINE: usize = 64 << 10;
/// The lines after a keyword's that a rule whose pattern does not hold the
/// keyword also searches ([`Rule::keyword_apart`]). Gitleaks searches the
/// whole file once a keyword is in it; in data, a keyword names the values
/// near it.
const FOLLOWING_LINES: usize = 3;
/// Bytes either side of a keyword searched on a long line.
const WINDOW: usize = 4 << 10;
/// Bytes either side of its keyword that a rule whose matches span lines
/// ([`Rule::spans_lines`]) searches, to whole lines: gitleaks' rules of
/// this kind reach at most a few hundred bytes (`(?s:.){0,200}`) or five
/// lines from their keyword.
const MULTI_LINE_REACH: usize = 1 << 10;
/// The most bytes that overlapping reaches of one rule grow into before a
/// new window starts.
const MAX_MERGED_REACH: usize = 64 << 10;

/// The line around an offset, remembered: asking for offsets on the same
/// line again costs nothing, so a long line is searched for its ends once.
struct Lines<'a> {
    buf: &'a [u8],
    cur: Option<(usize, usize)>,
}

impl<'a> Lines<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Self { buf, cur: None }
    }

    fn bounds(&mut self, at: usize) -> (usize, usize) {
        if let Some((s, e)) = self.cur.filter(|&(s, e)| s <= at && at <= e) {
            return (s, e);
        }
        let s = memchr::memrchr(b'\n', &self.buf[..at]).map_or(0, |i| i + 1);
        let e = memchr::memchr(b'\n', &self.buf[at..]).map_or(self.buf.len(), |i| at + i);
        self.cur = Some((s, e));
        (s, e)
    }

    /// The window of the line after the one that ends at `end` (at its
    /// newline, or at a long line's window end), if there is one.
    fn line_after(&mut self, end: usize) -> Option<(usize, usize)> {
        let (_, le) = self.bounds(end);
        (le < self.buf.len()).then(|| self.window(le + 1, le + 1))
    }

    /// Where a rule whose matches span lines runs for a keyword or match
    /// at `start..end`: the lines [`MULTI_LINE_REACH`] bytes either side
    /// reach into (a long one only as far as [`Lines::window`] reads it).
    fn reach(&mut self, start: usize, end: usize) -> (usize, usize) {
        let before = start.saturating_sub(MULTI_LINE_REACH);
        let after = end.saturating_add(MULTI_LINE_REACH).min(self.buf.len());
        let ws = self.window(before, before).0;
        let we = self.window(after, after).1;
        (ws, we)
    }

    /// Where a rule runs for a keyword or match at `start..end`: its line,
    /// or a window around it on a long line.
    fn window(&mut self, start: usize, end: usize) -> (usize, usize) {
        let (ls, le) = self.bounds(start);
        if le - ls <= LONG_LINE {
            return (ls, le);
        }
        let mut ws = start.saturating_sub(WINDOW).max(ls);
        let mut we = end.saturating_add(WINDOW).min(le);
        // Cut at character boundaries where the text is UTF-8.
        while ws > ls && (self.buf[ws] & 0xC0) == 0x80 {
            ws -= 1;
        }
        while we < le && (self.buf[we] & 0xC0) == 0x80 {
            we += 1;
        }
        (ws, we)
    }
}

/// Shannon entropy in bits per byte.
#[must_use]
pub fn shannon(data: &[u8]) -> f64 {
    if data.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in data {
        counts[usize::from(b)] += 1;
    }
    let n = data.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_compile() {
        let r = SecretRules::builtin().unwrap();
        assert!(r.len() > 200, "{}", r.len());
        // They compile lazily: force every one.
        for rule in &r.rules {
            assert!(rule.regex.get().is_none(), "{} compiled eagerly", rule.id);
            assert!(
                rule.allowlists.get().is_none(),
                "{} allowlists compiled eagerly",
                rule.id
            );
            let _ = rule.regex();
            let _ = rule.allowlists();
        }
    }

    #[test]
    fn ml_platform_credentials_are_found_and_hashes_are_not() {
        let r = SecretRules::builtin().unwrap();
        let hex40 = "8f14e45fceea167a5a36dedd4bea2543c9a1b0e2";
        for (line, rule) in [
            (format!("WANDB_API_KEY={hex40}"), "wandb-api-key"),
            (format!("wandb_key: \"local-{hex40}\""), "wandb-api-key"),
            (
                "KAGGLE_KEY=0f1e2d3c4b5a69788796a5b4c3d2e1f0".to_owned(),
                "kaggle-api-key",
            ),
            (
                "token r8_Zx3kLm9PqR2sT5vW8yB1cD4fG7hJ0kM3nP6qS".to_owned(),
                "replicate-api-token",
            ),
            (
                "GROQ_API_KEY=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".to_owned(),
                "groq-api-key",
            ),
            (
                "LANGSMITH_API_KEY=lsv2_pt_0123456789abcdef0123456789abcdef_a1b2c3d4e5".to_owned(),
                "langsmith-api-key",
            ),
            (
                "pcsk_4xT9aQ_Zk3Lm8Pq2Rt7Vw1Yb6Nc0Df5Gh9Jk4Ls8Mz3Qx7Wv2Eu6Ri1Ty5Op0".to_owned(),
                "pinecone-api-key",
            ),
            (
                "HF_TOKEN=hf_Ab3dEf6hIj9lMn2pQr5tUv8xYz1BcD4fGh".to_owned(),
                "huggingface-access-token-alnum",
            ),
        ] {
            let hits = r.scan(line.as_bytes(), "t.txt");
            assert!(hits.iter().any(|h| h.rule_id == rule), "{line}: {hits:?}");
        }
        // A digest is no W&B key where no W&B word names it.
        let hits = r.scan(format!("commit: {hex40}").as_bytes(), "t.txt");
        assert!(hits.iter().all(|h| !h.rule_id.starts_with("wandb")), "{hits:?}");
    }

    #[test]
    fn semi_generic_rules_check_the_assignment_after_their_keywords() {
        let r = SecretRules::builtin().unwrap();
        let checked: Vec<&str> = r
            .rules
            .iter()
            .filter(|r| r.assignment().is_some())
            .map(|r| r.id.as_str())
            .collect();
        assert!(checked.len() > 50, "{checked:?}");
        for id in ["generic-api-key", "twitch-api-token", "twitter-access-secret"] {
            assert!(checked.contains(&id), "{id}: {checked:?}");
        }
        for id in ["github-pat", "jwt", "aws-access-token", "private-key"] {
            assert!(!checked.contains(&id), "{id}");
        }
        let generic = r.rules.iter().find(|r| r.id == "generic-api-key").unwrap();
        let a = generic.assignment().unwrap();
        // `[\w.-]{0,50}?` before the keyword group.
        assert_eq!(a.lead, Some(50));
        let at = |text: &str, from: usize| {
            a.check
                .is_match_at_start(regex_automata::Input::new(text).range(from..))
        };
        assert!(at("x api_key = 'Zx9Qw8Er7Ty6'", 2));
        assert!(at("PASSWORD: hunter2hunter2", 0));
        // The value needs ten bytes.
        assert!(!at("x api_key = 'abc'", 2));
        assert!(!at("rapid growth capital", 1));
        // A comma is one of gitleaks' operators: a field's end counts.
        assert!(at("rapid growth, capitalised_term", 1));
        assert!(!at("rapid growth, capital", 1));
        // A group that matches more than the keywords gets no check.
        let keywords = vec!["tok".to_owned()];
        assert!(assignment_pattern(&format!("(?i)[\\w.-]{{0,50}}?(?:tok(?:en)?){ASSIGNMENT}(x)"), &keywords).is_none());
        assert!(assignment_pattern(&format!("(?i)[\\w.-]{{0,50}}?(?:tok){ASSIGNMENT}(x)"), &keywords).is_some());
        // Nor one that is not at the top level.
        assert!(assignment_pattern(&format!("(?i)(?:a|(?:tok){ASSIGNMENT})(x)"), &keywords).is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Skipping the lines where no keyword is followed by an
        /// assignment, and the keywords where no literal a rule's matches
        /// start with starts, finds what searching every keyword's line
        /// from its start finds.
        #[test]
        fn the_assignment_check_loses_no_secret(lines in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(vec![
            "api", "API", "Api", "key", "token", "secret", "password", "passwd", "auth", "access", "creds", "twitch", "twitter",
            "_", "-", ".", " ", "\t", "=", ":", ":=", "=>", ",", "|", "?=", "\"", "'", "`", ";",
            "abcd1234EFGH5678ijkl", "Zx9Qw8Er7Ty6Ui5Op4As3Df2", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "x", "rapid", "capital",
            "SK", "sk", "task", "Sk", "0123456789abcdef0123456789abcdef", "ghp_", "GHP_", "R7wD5lqtX3kQ9pZy2vN8mB4cF6hJ1sT0uEaK",
            "xoxb-", "123456789012-1234567890123-", "AKIA", "XRGWMLKPHU7TRMAS", "glpat-", "ArC4B8uZ1UMci_0NNUmC",
        ]), 0..14), 1..12)) {
            let checked = SecretRules::builtin().unwrap();
            let plain = SecretRules::builtin().unwrap();
            for rule in &plain.rules {
                let _ = rule.assignment.set(None);
                let _ = rule.keyword_led.set(None);
            }
            let text: String = lines.iter().map(|l| l.concat() + "\n").collect();
            let found = |r: &SecretRules| -> Vec<(usize, usize, String)> {
                r.scan(text.as_bytes(), "t.csv").into_iter().map(|h| (h.start, h.end, h.rule_id)).collect()
            };
            proptest::prop_assert_eq!(found(&checked), found(&plain), "{:?}", text);
        }
    }

    /// Searching a rule its keywords lead from its first keyword in a line
    /// finds what a search of the whole line finds.
    #[test]
    fn keyword_led_searches_find_what_line_searches_find() {
        let led = SecretRules::builtin().unwrap();
        let lines = SecretRules::builtin().unwrap();
        for rule in &lines.rules {
            let _ = rule.keyword_led.set(None);
        }
        let n = led.rules.iter().filter(|r| r.keyword_led()).count();
        assert!(n > 100, "{n} rules led by their keywords");
        for id in [
            "github-pat",
            "vault-service-token",
            "1password-secret-key",
            "jwt",
            "slack-bot-token",
        ] {
            assert!(led.rules.iter().any(|r| r.id == id && r.keyword_led()), "{id}");
        }
        assert!(led.rules.iter().any(|r| r.id == "generic-api-key" && !r.keyword_led()));
        let text = "id,note\n\
            1,see s.abc and then vault s.AbCdEfGhIjKlMnOpQrStUvWx; ok\n\
            2,hvs.CAESIJlU9JMYEhOPYv4igdhm9PnZDrabYTobQ4Ymnlq1qY-LGh4KHGh2cy5oZ0tYc3QxbW9xb3hNRmpFdnNxSFRvWFUzTQ\n\
            3,A3-ASWWYB-798JRYLJVD4-23DC2-86TVM-H43EB and ghp_R7wD5lqtX3kQ9pZy2vN8mB4cF6hJ1sT0uEaK\n\
            4,Sky SKU-1 then SK0123456789abcdef0123456789abcdef and xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx\n\
            5,eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U\n";
        let found = |r: &SecretRules| -> Vec<(usize, usize, String)> {
            r.scan(text.as_bytes(), "t.csv")
                .into_iter()
                .map(|h| (h.start, h.end, h.rule_id))
                .collect()
        };
        let want = found(&lines);
        assert!(want.len() >= 6, "{want:?}");
        assert_eq!(found(&led), want);
    }

    /// The byte after a rule's leading literal, asked from its table,
    /// turns away only keywords where the rule's automaton finds no match:
    /// every rule led by its keywords, after each kind of byte, with each
    /// of a few bytes after the literal and a tail that some rules match.
    #[test]
    fn followers_turn_away_only_what_the_automaton_does() {
        let rules = SecretRules::builtin().unwrap();
        let tails: [&[u8]; 4] = [
            b"",
            b"0123456789abcdef0123456789abcdef0123456789",
            b"_AbCdEfGhIjKlMnOpQrStUvWxYz012345",
            b"-",
        ];
        let (mut checked, mut turned) = (0, 0);
        for rule in rules.rules.iter().filter(|r| r.keyword_led() && !r.spans_lines) {
            let check = rule.led_check.get_or_init(|| AnchoredCheck::new(&rule.pattern));
            let Some(check) = check.as_ref() else { continue };
            for lit in rule.led_literals().unwrap().iter().take(4) {
                for before in ["", "\n", "\r", "x", " ", ":"] {
                    for next in [b'U', b'0', b'f', b'-', b'_', b'.', b' ', b'\n', b'A', 0xC3] {
                        for tail in tails {
                            let hay = [before.as_bytes(), lit, &[next], tail].concat();
                            let at = before.len();
                            let full = check.is_match_at_start(regex_automata::Input::new(&hay).range(at..));
                            let fast = rule.starts_at(&hay, at);
                            assert!(fast || !full, "{}: {:?}", rule.id, String::from_utf8_lossy(&hay));
                            assert_eq!(fast, full, "{}: {:?}", rule.id, String::from_utf8_lossy(&hay));
                            checked += 1;
                            turned += usize::from(!fast);
                        }
                    }
                }
            }
        }
        assert!(
            checked > 10_000 && turned > checked / 4,
            "{turned} of {checked} turned away"
        );
        // The case of the product table.
        let twilio = rules.rules.iter().find(|r| r.id == "twilio-api-key").unwrap();
        assert!(!twilio.starts_at(b"SKU-8718", 0));
        assert!(twilio.starts_at(b"SK0123456789abcdef0123456789abcdef", 0));
    }

    #[test]
    fn finds_known_shapes_and_respects_allowlists() {
        let r = SecretRules::builtin().unwrap();
        let text = b"id,note\n1,aws key AKIAZ3MSJV4WWNKWW5FG here\n2,AKIAIOSFODNN7EXAMPLE\n3,ghp_R7wD5lqtX3kQ9pZy2vN8mB4cF6hJ1sT0uEaK\n";
        let hits = r.scan(text, "data.csv");
        let ids: Vec<&str> = hits.iter().map(|h| h.rule_id.as_str()).collect();
        assert!(ids.contains(&"aws-access-token"), "{ids:?}");
        assert!(ids.contains(&"github-pat"), "{ids:?}");
        assert_eq!(
            hits.iter().filter(|h| h.rule_id == "aws-access-token").count(),
            1,
            "EXAMPLE keys are allowlisted"
        );
        let h = hits.iter().find(|h| h.rule_id == "aws-access-token").unwrap();
        assert_eq!(&text[h.start..h.end], b"AKIAZ3MSJV4WWNKWW5FG");
    }

    #[test]
    fn a_token_before_an_escaped_quote_is_found() {
        // Code inside a JSON string: the quote that ends the token is escaped.
        let r = SecretRules::builtin().unwrap();
        let text = br#"{"text": "config: token=\"glsa_Uiba0ZVU3QU04zDKdAMhemRLA6fYSQjH_b3Ba3BFc\" done"}"#;
        let hits = r.scan(text, "chat.jsonl");
        let h = hits.iter().find(|h| h.rule_id == "grafana-service-account-token");
        let h = h.unwrap_or_else(|| panic!("{hits:?}"));
        assert_eq!(&text[h.start..h.end], b"glsa_Uiba0ZVU3QU04zDKdAMhemRLA6fYSQjH_b3Ba3BFc");
        // A generic assignment too.
        let text = br#"{"text": "curl -H \"X-Api-Key: Xk9mQ2vL8pR4tZ7wN3sQ\" https://api.example.com"}"#;
        let ids: Vec<String> = r.scan(text, "chat.jsonl").into_iter().map(|h| h.rule_id).collect();
        assert!(ids.iter().any(|i| i == "generic-api-key"), "{ids:?}");
    }

    #[test]
    fn a_keyword_on_a_line_before_the_value_names_it() {
        // The pattern does not hold its keyword: the value may follow on
        // the next lines.
        let r = SecretRules::builtin().unwrap();
        let value = "patwY2orTyRqBRlEa.5134997c5e36bc4e5aa0c32de1f85e06fc3090c8dd271e99b98e919faf489385";
        let xml = format!("<config>\n<airtableToken>\n  {value}\n</airtableToken>\n</config>\n");
        let hits = r.scan(xml.as_bytes(), "settings.xml");
        assert!(
            hits.iter().any(|h| h.rule_id == "airtable-personnal-access-token"),
            "{hits:?}"
        );
        // Too far from any keyword: not searched (gitleaks would search the
        // whole file; in data, a keyword names what is near it).
        let far = format!("airtable\n{}{value}\n", "x\n".repeat(FOLLOWING_LINES + 1));
        let hits = r.scan(far.as_bytes(), "notes.txt");
        assert!(
            !hits.iter().any(|h| h.rule_id == "airtable-personnal-access-token"),
            "{hits:?}"
        );
    }

    /// The rules that find a secret in `text` of the file at `path`, in
    /// the order of the secrets.
    fn rule_ids(r: &SecretRules, text: &str, path: &str) -> Vec<String> {
        r.scan(text.as_bytes(), path).into_iter().map(|h| h.rule_id).collect()
    }

    /// The secrets `rule` finds in `text` (at `path`), as written.
    fn rule_secrets(r: &SecretRules, rule: &str, text: &str, path: &str) -> Vec<String> {
        r.scan(text.as_bytes(), path)
            .into_iter()
            .filter(|h| h.rule_id == rule)
            .map(|h| text[h.start..h.end].to_owned())
            .collect()
    }

    #[test]
    fn rules_for_some_paths_run_on_those_files_only() {
        let r = SecretRules::builtin().unwrap();
        let nuget = r#"<add key="ClearTextPassword" value="Sup3rS3cretValue" />"#;
        let ids = |text: &str, path: &str| rule_ids(&r, text, path);
        assert!(ids(nuget, "src/NuGet.Config").contains(&"nuget-config-password".to_owned()));
        assert!(!ids(nuget, "notes.txt").contains(&"nuget-config-password".to_owned()));
        let tf = "administrator_login_password = \"thisIsDog11\"\n";
        assert!(ids(tf, "infra/main.tf").contains(&"hashicorp-tf-password".to_owned()));
        assert!(!ids(tf, "main.py").contains(&"hashicorp-tf-password".to_owned()));
    }

    #[test]
    fn rules_written_across_lines_find_matches_across_lines() {
        let r = SecretRules::builtin().unwrap();
        let ids = |text: &str, path: &str| rule_ids(&r, text, path);
        // `curl` on one line, its `-u` two lines further.
        let curl = "$ curl https://api.example.com/v1/items \\\n  -d 'world' \\\n  -u deploy:yqDVtkqPECriaLRi\n";
        assert!(
            ids(curl, "notes.md").contains(&"curl-auth-user".to_owned()),
            "{:?}",
            ids(curl, "notes.md")
        );
        // A Kubernetes secret, `data:` before `kind: Secret`, in a YAML file.
        let yaml = "apiVersion: v1\ndata:\n  extra: YWRtaW46cGFzc3dvcmQ=\nkind: Secret\nmetadata:\n  name: sample\n";
        assert!(ids(yaml, "deploy/secret.yaml").contains(&"kubernetes-secret-yaml".to_owned()));
        assert!(!ids(yaml, "deploy/secret.txt").contains(&"kubernetes-secret-yaml".to_owned()));
        // Too far apart: not searched.
        let far = format!(
            "$ curl https://api.example.com/v1/items\n{}  -u deploy:yqDVtkqPECriaLRi\n",
            "# note\n".repeat(400)
        );
        assert!(!ids(&far, "notes.md").contains(&"curl-auth-user".to_owned()));
        assert!(spans_lines(r"\bcurl\b(?:.*|.*(?:[\r\n]{1,2}.*){1,5})"));
        assert!(spans_lines(r"kind:(?s:.){0,200}?data:"));
        assert!(!spans_lines(r#"key[\s'"]{0,3}=\\[nr]"#));
        assert!(!spans_lines(r"(?i)(?-s:x)"));
    }

    #[test]
    fn a_token_at_the_end_of_a_field_is_found() {
        let r = SecretRules::builtin().unwrap();
        let ended = r
            .rules
            .iter()
            .filter(|r| r.pattern.contains(SECRET_OR_FIELD_END))
            .count();
        assert!(ended > 100, "{ended} rules end a secret at a field's end");
        let text = b"id,note,due\n\
            1,token npm_llc8pgztozfrlx3xhutb3idoem6ca6ycldo4,2024-05-01\n\
            2|key sk_test_rOYQq3d7tK951bbdA4ZPPtcDlaLr46lSx4znCZGMl7TmTJ9pgCDMUG|x\n";
        let hits = r.scan(text, "data.csv");
        let ids: Vec<&str> = hits.iter().map(|h| h.rule_id.as_str()).collect();
        assert!(ids.contains(&"npm-access-token"), "{ids:?}");
        assert!(ids.contains(&"stripe-access-token"), "{ids:?}");
        for h in &hits {
            assert!(!text[h.start..h.end].contains(&b','), "{:?}", &text[h.start..h.end]);
        }
        // Inside a word, still not.
        assert!(r
            .scan(b"xnpm_llc8pgztozfrlx3xhutb3idoem6ca6ycldo4x,", "d.csv")
            .is_empty());
    }

    #[test]
    fn user_rules_replace_by_id() {
        let user = r#"
[[rules]]
id = "aws-access-token"
regex = '''NEVERMATCHES_[0-9]{40}'''
keywords = ["nevermatches"]
[[rules]]
id = "acme-token"
regex = '''acme_[a-z0-9]{20}'''
keywords = ["acme_"]
"#;
        let r = SecretRules::from_toml(&[(GITLEAKS_DEFAULT, "built-in"), (user, "mlsec.toml")]).unwrap();
        let hits = r.scan(b"x AKIAZ3MSJV4WWNKWW5FG acme_abcdefghij0123456789", "f");
        let ids: Vec<&str> = hits.iter().map(|h| h.rule_id.as_str()).collect();
        assert_eq!(ids, ["acme-token"]);
        let e = SecretRules::from_toml(&[("[[rules]]\nid = \"bad\"\nregex = '''(unclosed'''\n", "mlsec.toml")])
            .unwrap_err();
        assert!(e.to_string().contains("rule `bad`"), "{e}");
        let e = SecretRules::from_toml(&[(
            "[[rules]]\nid = \"bad-allow\"\nregex = '''x'''\n[[rules.allowlists]]\nregexes = ['''ok''', '''(unclosed''']\n",
            "mlsec.toml",
        )])
        .unwrap_err();
        assert!(
            e.to_string().contains("rule `bad-allow`") && e.to_string().contains("unclosed"),
            "{e}"
        );
    }

    #[test]
    fn a_gitleaks_config_extends_the_built_in_rules_as_gitleaks_does() {
        let pat = "ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5";
        let oauth = "gho_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5";
        let text = format!("a {pat}\nb {oauth}\nc api_key = \"Xk29vLq8Rt3Zp7WmQ4\"\n");
        let ids = |user: &str| -> Vec<String> {
            let r = SecretRules::from_toml(&[(GITLEAKS_DEFAULT, "built-in"), (user, ".gitleaks.toml")]).unwrap();
            let mut ids = rule_ids(&r, &text, "f");
            ids.sort();
            ids
        };
        assert_eq!(ids(""), ["generic-api-key", "github-oauth", "github-pat"]);
        // `disabledRules` drops a rule; `useDefault` changes nothing.
        let user = "[extend]\nuseDefault = true\ndisabledRules = [\"generic-api-key\"]\n";
        assert_eq!(ids(user), ["github-oauth", "github-pat"]);
        // A rule with a built-in id and only an allowlist extends the built-in
        // rule: its regex and keywords stay, the allowlist adds.
        let user = "[[rules]]\nid = \"github-pat\"\n[[rules.allowlists]]\nregexes = ['''^ghp_aB3d''']\n";
        assert_eq!(ids(user), ["generic-api-key", "github-oauth"]);
        // A global allowlist with `targetRules` is for those rules only.
        let user = "[[allowlists]]\ntargetRules = [\"github-pat\"]\nregexes = ['''^gh''']\n";
        assert_eq!(ids(user), ["generic-api-key", "github-oauth"]);
        let user = "[[allowlists]]\nregexes = ['''^gh''']\n";
        assert_eq!(ids(user), ["generic-api-key"]);
        // Errors name the file and say what to do.
        for (user, says) in [
            ("[extend]\nurl = \"https://example.com/base.toml\"\n", "[extend] path"),
            (
                "[[allowlists]]\ntargetRules = [\"no-such-rule\"]\nregexes = ['''x''']\n",
                "no-such-rule",
            ),
            (
                "[[rules]]\nid = \"discord-api-key-2\"\ndescription = \"x\"\n",
                "neither a regex nor a path",
            ),
            (
                "[[rules]]\nid = \"github-pat\"\n[[rules.allowlists]]\nregexes = ['''(unclosed''']\n",
                "unclosed",
            ),
        ] {
            let e = SecretRules::from_toml(&[(GITLEAKS_DEFAULT, "built-in"), (user, ".gitleaks.toml")]).unwrap_err();
            let e = e.to_string();
            assert!(e.contains(".gitleaks.toml") && e.contains(says), "{e}");
        }
    }

    #[test]
    fn distinctive_token_formats_are_found_without_their_name() {
        let r = SecretRules::builtin().unwrap();
        let ids = |text: &str| rule_ids(&r, text, "f.txt");
        for (text, rule) in [
            (
                "key sk-proj-Xi8tdMjHV6pmbBbwilTeT3BlbkFJ3UDnpdEwNNm6wVBpYM0o\n",
                "openai-api-key-any-length",
            ),
            (
                "bot 7213808860:AAH1bjqpKKW3maRSPAxzIU-0v6xNuq2-NjM\n",
                "telegram-bot-token",
            ),
            ("k=343ea45721923ed956e2b38c31db76aa-us30\n", "mailchimp-api-key-bare"),
            (
                "pypi-AgENdGVzdC5weXBpLm9yZwIkN2YxOWZhOWEtY2FjYS00MGZhLTj2MGEtODFjMnE2MjdmMzY0AAIqWzMsImJlM2FiOWI5\n",
                "pypi-test-upload-token",
            ),
            (
                "//registry.npmjs.org/:_authToken=743b294a-cd03-11ec-9d64-0242ac120002\n",
                "npmrc-auth-token",
            ),
            ("_auth = dXNlcjpTM2NyM3RQYXNzdzByZA==\n", "npmrc-auth-token"),
            (
                "xoxp-523423-234243-234233-e039d02840a0b9379c\n",
                "slack-legacy-token-short-ids",
            ),
        ] {
            assert!(ids(text).contains(&rule.to_owned()), "{text}: {:?}", ids(text));
        }
        for text in [
            "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n",
            "basic_auth = dXNlcjpTM2NyM3RQYXNzdzByZA==\n",
            "sk-Xi8tdMjHV6pmbBbwilTeT3Blbk\n",
            "md5 343ea45721923ed956e2b38c31db76aa-usage\n",
            "ratio 7213808860:AAH1bjqp\n",
            "xoxp-1234-5678-9012-e039d02840\n",
        ] {
            let ours: Vec<String> = ids(text)
                .into_iter()
                .filter(|id| ML_RULES.contains(&format!("id = \"{id}\"")))
                .collect();
            assert!(ours.is_empty(), "{text}: {ours:?}");
        }
    }

    #[test]
    fn composite_rules_need_their_required_findings_near() {
        // gitleaks' testdata/config/composite.toml, with a line bound.
        let rules = r#"
[[rules]]
id = "primary-rule"
regex = '''password\s*=\s*"([^"]+)"'''
keywords = ["password"]
[[rules.required]]
id = "username-rule"
withinLines = 2

[[rules]]
id = "username-rule"
regex = '''username\s*=\s*"([^"]+)"'''
keywords = ["username"]
skipReport = true
"#;
        let r = SecretRules::from_toml(&[(rules, "composite.toml")]).unwrap();
        let ids = |text: &str| rule_ids(&r, text, "f");
        assert_eq!(
            ids("username = \"admin\"\npassword = \"Xk29vLq8Rt\"\n"),
            ["primary-rule"]
        );
        // No user name near: nothing; the user name alone is never reported.
        assert!(ids("password = \"Xk29vLq8Rt\"\n").is_empty());
        assert!(ids("username = \"admin\"\n").is_empty());
        assert!(ids(&format!(
            "username = \"admin\"\n{}password = \"Xk29vLq8Rt\"\n",
            "x\n".repeat(3)
        ))
        .is_empty());
        let e = SecretRules::from_toml(&[(
            "[[rules]]\nid = \"a\"\nregex = '''a'''\n[[rules.required]]\nid = \"b\"\n",
            "composite.toml",
        )])
        .unwrap_err();
        assert!(e.to_string().contains("`b`, which is no rule"), "{e}");
    }

    #[test]
    fn a_file_dense_with_a_multi_line_rules_keyword_loses_no_secret() {
        // Reaches that overlap grow into windows of up to 64 KiB: the
        // secrets at their seams are found too.
        let r = SecretRules::builtin().unwrap();
        let mut text = String::new();
        let mut values = Vec::new();
        for i in 0..700 {
            let v = format!("S{i:04}q9Xk29vLq8Rt3Zp7WmQ4Lm2P");
            text.push_str(&format!(
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s{i}\ndata:\n  password: {v}\n---\n"
            ));
            values.push(v);
        }
        let hits = r.scan(text.as_bytes(), "secrets.yaml");
        for v in &values {
            let at = text.find(v.as_str()).unwrap();
            assert!(
                hits.iter().any(|h| h.start <= at && at + v.len() <= h.end),
                "{v} at {at} not found"
            );
        }
    }

    #[test]
    fn too_many_rules_are_an_error() {
        let many: String = (0..=MAX_RULES)
            .map(|i| format!("[[rules]]\nid = \"r{i}\"\nregex = '''x{i}y'''\n"))
            .collect();
        let e = SecretRules::from_toml(&[(&many, "big.toml")]).unwrap_err();
        assert!(
            e.to_string().contains("big.toml") && e.to_string().contains("more than"),
            "{e}"
        );
    }

    #[test]
    fn a_pgpass_files_passwords_are_secrets() {
        let r = SecretRules::builtin().unwrap();
        let text = "# hostname:port:database:username:password\ndb.internal:5432:*:backup:IaVtQM!CucSe?R1q\n";
        let found: Vec<&str> = r
            .scan(text.as_bytes(), "home/ops/.pgpass")
            .into_iter()
            .filter(|h| h.rule_id == "pgpass-password")
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(found, ["IaVtQM!CucSe?R1q"]);
        // The same line in another file is no password file's.
        assert!(!r
            .scan(text.as_bytes(), "notes.txt")
            .iter()
            .any(|h| h.rule_id == "pgpass-password"));
    }

    #[test]
    fn passwords_in_headers_forms_and_command_lines_are_secrets() {
        let r = SecretRules::builtin().unwrap();
        let found = |text: &str| -> Vec<(String, String)> {
            let mut v: Vec<(String, String)> = r
                .scan(text.as_bytes(), "notes.txt")
                .into_iter()
                .filter(|h| ML_RULES.contains(&format!("id = \"{}\"", h.rule_id)))
                .map(|h| (h.rule_id.clone(), text[h.start..h.end].to_owned()))
                .collect();
            v.dedup();
            v
        };
        for (text, rule, secret) in [
            (
                "Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l\n",
                "http-authorization-header",
                "YWxhZGRpbjpvcGVuc2VzYW1l",
            ),
            (
                "headers = {\"Authorization\": \"Bearer 8f3kQz1LmN0pR7sT2vW9xY4b\"}\n",
                "http-authorization-header",
                "8f3kQz1LmN0pR7sT2vW9xY4b",
            ),
            (
                "{\"h\": \"{\\\"authorization\\\": \\\"Token 9a8b7c6d5e4f3a2b1c0d9e8f\\\"}\"}\n",
                "http-authorization-header",
                "9a8b7c6d5e4f3a2b1c0d9e8f",
            ),
            (
                "POST /login user=admin&password=Winter2024!&submit=1\n",
                "form-password",
                "Winter2024!",
            ),
            ("GET /api?user=bob&pwd=hunter22 HTTP/1.1\n", "form-password", "hunter22"),
            (
                "mysql -u root -pS3cr3tPassw0rd -h db.internal\n",
                "cli-password-argument",
                "S3cr3tPassw0rd",
            ),
            (
                "mysqldump --user=app --password='tr0ub4dor&3' shop > x.sql\n",
                "cli-password-argument",
                "tr0ub4dor&3",
            ),
            (
                "sshpass -p 'letmein99' ssh deploy@10.0.0.5\n",
                "cli-password-argument",
                "letmein99",
            ),
            (
                "redis-cli -h cache -a foobared123 ping\n",
                "cli-password-argument",
                "foobared123",
            ),
            (
                "docker login -u deploy -p S3cr3tPassw0rd! registry.example.com\n",
                "cli-password-argument",
                "S3cr3tPassw0rd!",
            ),
            (
                "mongosh \"mongodb://db:27017\" -u admin --password 'Mongo#2024x'\n",
                "cli-password-argument",
                "Mongo#2024x",
            ),
            (
                "sqlcmd -S db.local -U sa -PSqlServer2022!\n",
                "cli-password-argument",
                "SqlServer2022!",
            ),
            (
                "ldapsearch -x -D cn=admin,dc=corp -w Ld4pAdm1n -b dc=corp\n",
                "cli-password-argument",
                "Ld4pAdm1n",
            ),
            (
                "keytool -importcert -keystore ks.jks -storepass changeit99 -file ca.pem\n",
                "cli-password-argument",
                "changeit99",
            ),
            (
                "openssl pkcs12 -in cert.p12 -passin pass:P12export! -nodes\n",
                "cli-password-argument",
                "P12export!",
            ),
            (
                "define( 'SECURE_AUTH_KEY',  'g!x7Q^v]Zr3#k:Lm9@p|Wd2*Tn5&Yb8$' );\n",
                "wordpress-auth-key",
                "g!x7Q^v]Zr3#k:Lm9@p|Wd2*Tn5&Yb8$",
            ),
            (
                "#0 /var/www/db.php(12): PDO->__construct('mysql:host=db;d...', 'shop', '7Ek2pQ9xaF')\n",
                "pdo-constructor-password",
                "7Ek2pQ9xaF",
            ),
            (
                "$pdo = new PDO($dsn, $user, 'S3cretPdo!');\n",
                "pdo-constructor-password",
                "S3cretPdo!",
            ),
            (
                "PGPASSWORD=pg_s3cret psql -h db -U app\n",
                "cli-password-environment",
                "pg_s3cret",
            ),
            (
                "export MYSQL_PWD=\"summer2024\"\n",
                "cli-password-environment",
                "summer2024",
            ),
            (
                "https://discord.com/api/webhooks/123456789012345678/abcDEF-ghiJKL_mnoPQR-stuVWX_yz0123456789abcdefGHIJKLmnopqrstUV\n",
                "discord-webhook-url",
                "https://discord.com/api/webhooks/123456789012345678/abcDEF-ghiJKL_mnoPQR-stuVWX_yz0123456789abcdefGHIJKLmnopqrstUV",
            ),
            (
                "url: https://contoso.webhook.office.com/webhookb2/3f2b8c1d-9e4a-4b7c-8d2e-1f6a5c9b0e7d@72f988bf-86f1-41af-91ab-2d7cd011db47/IncomingWebhook/8f14e45fceea167a5a36dedd4bea2543/0c5e2a41-6b7d-4f3e-9a8c-1d2e3f4a5b6c\n",
                "microsoft-teams-webhook-url",
                "https://contoso.webhook.office.com/webhookb2/3f2b8c1d-9e4a-4b7c-8d2e-1f6a5c9b0e7d@72f988bf-86f1-41af-91ab-2d7cd011db47/IncomingWebhook/8f14e45fceea167a5a36dedd4bea2543/0c5e2a41-6b7d-4f3e-9a8c-1d2e3f4a5b6c",
            ),
            (
                "set-cookie: session=eyJ1c2VyIjoiYWxpY2UifQ.ZyQ1aw.kXr3hT9s2mQ8vN1pL4cB7eW0fYg; HttpOnly\n",
                "session-cookie",
                "eyJ1c2VyIjoiYWxpY2UifQ.ZyQ1aw.kXr3hT9s2mQ8vN1pL4cB7eW0fYg",
            ),
            (
                "Cookie: _ga=GA1.2.3; JSESSIONID=8F14E45FCEEA167A5A36DEDD4BEA2543\n",
                "session-cookie",
                "8F14E45FCEEA167A5A36DEDD4BEA2543",
            ),
            (
                "{\"headers\":{\"Cookie\":[\"session=0ZE90A4ocW5iFmxzA7yAZ-li0YeGpWAZj_DfM6v5ZOt\"]}}\n",
                "session-cookie",
                "0ZE90A4ocW5iFmxzA7yAZ-li0YeGpWAZj_DfM6v5ZOt",
            ),
            (
                "GET /profile.aspx - 443 Mozilla/5.0 ASP.NET_SessionId=on6s743sqzbqqrrvc7m3nb68;+.ASPXAUTH=ADC6\n",
                "session-cookie",
                "on6s743sqzbqqrrvc7m3nb68",
            ),
            (
                "SECRET_KEY = 'django-insecure-_25ys=$zqae_92wn2s9eo$#k5p7-pi5o4c8g@*7ph!u5q5k3d1'\n",
                "django-secret-key",
                "django-insecure-_25ys=$zqae_92wn2s9eo$#k5p7-pi5o4c8g@*7ph!u5q5k3d1",
            ),
            (
                "client = Twilio::REST::Client.new('AC0374cc81bda725ca97f8f3f81ff91449', '8d5823045cbf035910ba09cef73bfaa8')\n",
                "twilio-auth-token",
                "8d5823045cbf035910ba09cef73bfaa8",
            ),
            (
                "c = DriverManager.getConnection(\"jdbc:mysql://db:3306/etl\", \"etl_user\", \"eI7aZc$gtcKf?kfw\");\n",
                "jdbc-connection-password",
                "eI7aZc$gtcKf?kfw",
            ),
            (
                "echo \"dckr_pat_yhvjMxPWT6DATlx89nsreAX7VpS\" | docker login -u ci --password-stdin\n",
                "docker-access-token",
                "dckr_pat_yhvjMxPWT6DATlx89nsreAX7VpS",
            ),
            (
                "db, err := sql.Open(\"mysql\", \"root:8l59ki$n4uQm%PHH@tcp(orders-db:3306)/orders\")\n",
                "go-mysql-dsn-password",
                "8l59ki$n4uQm%PHH",
            ),
            (
                "props.put(\"mail.smtp.password\", \"PMFjEW$4WRdW?7HU\");\n",
                "property-password",
                "PMFjEW$4WRdW?7HU",
            ),
        ] {
            assert!(
                found(text).contains(&(rule.to_owned(), secret.to_owned())),
                "{text}: {:?}",
                found(text)
            );
        }
        for text in [
            "Authorization: Bearer YOUR_ACCESS_TOKEN_HERE\n",
            "Authorization: Bearer ${API_TOKEN}\n",
            "\"Authorization\": \"Bearer \" + token\n",
            "WWW-Authenticate: Basic realm=\"site\"\n",
            "GET /login?password=&user=x\n",
            "url = f\"/login?user={user}&password={password}\"\n",
            "?password=%s&user=%s\n",
            "mysql -u root -p -h db.internal\n",
            "mysql -u root -p$MYSQL_ROOT_PASSWORD shop\n",
            "mysql -u root -P3306 -h db\n",
            "sshpass -p \"$PASS\" ssh host\n",
            "echo \"$TOKEN\" | docker login --password-stdin -u ci ghcr.io\n",
            "docker login -u ci -p $CI_REGISTRY_PASSWORD $CI_REGISTRY\n",
            "docker run -p 8080:80 nginx\n",
            "define( 'AUTH_KEY',         'put your unique phrase here' );\n",
            "$pdo = new PDO($dsn, $user, $password);\n",
            "PGPASSWORD=$DB_PASSWORD psql\n",
            "the password is passed to mysql with -p when asked\n",
            "Set-Cookie: sessionid=deleted; expires=Thu, 01 Jan 1970 00:00:00 GMT\n",
            "cookie: session=xxxxxxxxxxxxxxxxxxxxxxxx\n",
            "GET /app;jsessionid=deleted HTTP/1.1\n",
            "the PHPSESSID=<your session id> header\n",
            "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\", \"\")\n",
            "SECRET_KEY = 'change-me-to-a-long-random-string-in-production'\n",
            "c = DriverManager.getConnection(url, user, password);\n",
            "dsn := fmt.Sprintf(\"%s:%s@tcp(%s)/%s\", user, pass, host, db)\n",
            "props.put(\"mail.smtp.password\", password);\n",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_password_literal_in_code_is_a_secret_whatever_its_entropy() {
        let r = SecretRules::builtin().unwrap();
        let found = |text: &str, path: &str| rule_secrets(&r, "password-literal", text, path);
        for (text, want) in [
            (
                "ssh.connect(\"host\", username=\"root\", password=\"toor1234\")\n",
                "toor1234",
            ),
            ("{\"db_password\": \"hunter2!\"}\n", "hunter2!"),
            ("if pwd == 'letmein99':\n", "letmein99"),
            ("dbPassword := \"gopher42\"\n", "gopher42"),
            ("$adminPassword = \"Winter#2024\";\n", "Winter#2024"),
            ("spring.datasource.password: \"s3cr3t-db\"\n", "s3cr3t-db"),
            ("{\"cfg\": \"{\\\"password\\\": \\\"qwerty77\\\"}\"}\n", "qwerty77"),
            ("db_password = \"fxYj0L$bZGRW#5Ak\"\n", "fxYj0L$bZGRW#5Ak"),
            ("SMTP_PASSWORD: \"RhGxPI!eGIKq%KGa\"\n", "RhGxPI!eGIKq%KGa"),
        ] {
            assert_eq!(found(text, "app.py"), [want], "{text}");
        }
        for text in [
            "password = \"changeme\"\n",
            "\"password\": \"Passwort\"\n",
            "\"password\": \"Mot de passe\"\n",
            "password = \"${DB_PASSWORD}\"\n",
            "password: \"{{ vault_db_password }}\"\n",
            "password = \"<YOUR_PASSWORD>\"\n",
            "password = \"P@ssw0rd\"\n",
            "password = \"********\"\n",
            "password = \"%s\" % pw\n",
            "PASSWORD_FIELD = \"password1\"\n",
            "password_hint = \"born in 1990\"\n",
            "password = \"pbkdf2_sha256$260000$abc$def\"\n",
            "if password != \"\":\n",
            "password = os.environ[\"DB_PASS\"]\n",
            "password = \"$DB_PASS\"\n",
            "password = \"%(db_password)s\"\n",
            "password = \"$2b$12$KIXQJ8Z7aGQ0bC3pX1Y2uO\"\n",
        ] {
            assert!(found(text, "app.py").is_empty(), "{text}: {:?}", found(text, "app.py"));
        }
    }

    #[test]
    fn a_config_files_passwords_are_secrets_whatever_their_entropy() {
        let r = SecretRules::builtin().unwrap();
        let found = |text: &str, path: &str| rule_secrets(&r, "config-file-password", text, path);
        for (text, path, want) in [
            ("server:\n  ssl:\n    key-store-password: Hamburg2024\n    key-store-type: PKCS12\n", "application-prod.yml", vec!["Hamburg2024"]),
            ("[pypi]\nusername = jdoe\npassword = Welcome2023?\n", "home/jdoe/.pypirc", vec!["Welcome2023?"]),
            (
                "db01 ansible_host=10.30.1.11 ansible_ssh_pass='fxYj0L$bZGRW#5Ak'\ndb02 ansible_ssh_pass=7j3Fq8!F2uDI#H4C ansible_become_pass=Sommer2023\n",
                "inventories/prod/hosts",
                vec!["fxYj0L$bZGRW#5Ak", "7j3Fq8!F2uDI#H4C", "Sommer2023"],
            ),
            ("stringData:\n  SMTP_PASSWORD: RhGxPI!eGIKq%KGa\n", "k8s/secrets.yaml", vec!["RhGxPI!eGIKq%KGa"]),
            ("[client]\npassword=s3cr3t-db\n", "my.cnf", vec!["s3cr3t-db"]),
        ] {
            assert_eq!(found(text, path), want, "{text}");
        }
        for text in [
            "password: ${DB_PASSWORD}\n",
            "password: $DB_PASSWORD\n",
            "password: %DB_PASSWORD%\n",
            "password: \"{{ vault_db_password }}\"\n",
            "password: !vault |\n",
            "low_entropy_binary_secret: !!binary MjNjcnh1IDJqcTU4\n",
            "password: changeme\n",
            "password: config.db.password\n",
            "password_file: /etc/secrets/db\n",
            "bypass: true\n",
            "min_password_length: 12\n",
            "password: getpass()\n",
            "password: $6$rounds=5000$abc$def\n",
            "secret: your-secret-here-1\n",
        ] {
            assert!(
                found(text, "app.yml").is_empty(),
                "{text}: {:?}",
                found(text, "app.yml")
            );
        }
        // Only configuration files: code and prose have their own rules.
        assert!(found("password = Welcome2023?\n", "notes.md").is_empty());
    }

    #[test]
    fn netrc_passwords_on_one_line_or_several() {
        let r = SecretRules::builtin().unwrap();
        let netrc = "machine api.wandb.ai\n  login user\n  password 5762d70d9b64d6c8cfc30976ef4fac7acca6e27b\n\
                     machine ftp.gnu.org login anonymous password guest@\n\
                     machine registry.example.net login ci password USqNIe6Z@Mrrals!28m\n\
                     default login anonymous password user@example.com\n";
        assert_eq!(
            rule_secrets(&r, "netrc-password", netrc, "home/emre/.netrc"),
            ["5762d70d9b64d6c8cfc30976ef4fac7acca6e27b", "USqNIe6Z@Mrrals!28m"]
        );
        assert!(rule_secrets(&r, "netrc-password", netrc, "notes.txt").is_empty());
    }

    #[test]
    fn terraform_state_and_network_device_secrets() {
        let r = SecretRules::builtin().unwrap();
        let tf = "{\"outputs\": {\"db_admin_password\": {\"value\": \"9n7xMw!HImiO#qVp\", \"type\": \"string\", \"sensitive\": true},\n\"db_host\": {\"value\": \"db.internal\"}},\n\"resources\": [{\"type\": \"random_password\", \"instances\": [{\"attributes\": {\"id\": \"none\", \"length\": 24,\n \"lower\": true, \"result\": \"8PHrvF&HIKmF%d2xzooD5nOD\", \"special\": true}}]}]}\n";
        assert_eq!(
            rule_secrets(&r, "terraform-state-secret", tf, "infra/prod/terraform.tfstate"),
            ["9n7xMw!HImiO#qVp", "8PHrvF&HIKmF%d2xzooD5nOD"]
        );
        assert!(rule_secrets(&r, "terraform-state-secret", tf, "main.tf").is_empty());
        let ios = "username netadmin privilege 15 password 7 14AC7A5DC6A8A57FD10C\nusername backup privilege 1 secret 5 $1$ZGmg$DBbOhCW4f4L2ApK/gTgGl6\nsnmp-server community TfLu6ZKnEPd1 RW 99\nsnmp-server community public RO\ntacacs server TAC1\n address ipv4 10.0.5.10\n key 0 ksPDOt%i0YVS?tRH\n";
        assert_eq!(
            rule_secrets(&r, "network-device-password", ios, "core-sw01.txt"),
            ["14AC7A5DC6A8A57FD10C", "TfLu6ZKnEPd1", "ksPDOt%i0YVS?tRH"]
        );
    }

    #[test]
    fn a_dotenv_files_passwords_and_secrets_are_secrets_whatever_their_entropy() {
        let r = SecretRules::builtin().unwrap();
        let found = |text: &str, path: &str| rule_secrets(&r, "dotenv-password", text, path);
        let env = "ADMIN_PASSWORD=Adm1n!2024\nexport DB_PASS='hunter22'\nJWT_SECRET=change-me\nSMTP_PASSWORD=\nAPI_SECRET=${VAULT_SECRET}\nDEBUG=true\n";
        for path in [".env", "app/.env.production", "deploy\\.env.local"] {
            assert_eq!(found(env, path), ["Adm1n!2024", "hunter22"], "{path}");
        }
        assert!(found(env, "notes.txt").is_empty());
        assert!(found(env, "my.environment").is_empty());
    }

    #[test]
    fn a_connection_strings_password_is_a_secret_whatever_its_entropy() {
        let r = SecretRules::builtin().unwrap();
        let found = |text: &str| rule_secrets(&r, "connection-string-password", text, "app.config");
        assert_eq!(
            found("Server=db01;Database=shop;User Id=sa;Password=summer2024;\n"),
            ["summer2024"]
        );
        assert_eq!(
            found("\"Data Source=db;Initial Catalog=x;Pwd=hunter22\"\n"),
            ["hunter22"]
        );
        assert_eq!(found("Password=letmein1;Host=db.local;Port=5432\n"), ["letmein1"]);
        for text in [
            "Server=db;User Id=sa;Password=${DB_PASSWORD};\n",
            "Server=db;Password=****;\n",
            "Password=summer2024;\n",
            "the password=summer2024 is weak\n",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn go_literal_braces() {
        assert_eq!(go_to_rust(r"^\$(?:\d+|{\d+})$"), r"^\$(?:\d+|\{\d+})$");
        assert_eq!(go_to_rust(r"a{2,3}[{]x{"), r"a{2,3}[{]x\{");
        assert_eq!(
            go_to_rust(r"^\{\{[ \t]*[\w ().|]+[ \t]*}}$"),
            r"^\{\{[ \t]*[\w ().|]+[ \t]*}}$"
        );
    }

    #[test]
    fn dense_rules_match_at_every_line_end() {
        let rule = "[[rules]]\nid = \"tok\"\nregex = '''tok_[a-z0-9]{10}$'''\nkeywords = [\"tok_\"]\n";
        let r = SecretRules::from_toml(&[(rule, "test")]).unwrap();
        let text: String = (0..40).map(|i| format!("row {i} tok_abcdefgh{:02}\n", i)).collect();
        assert_eq!(r.scan(text.as_bytes(), "f").len(), 40);
    }

    #[test]
    fn empty_keywords_run_everywhere_and_keywords_are_bounded() {
        let rule = "[[rules]]\nid = \"tok\"\nregex = '''tok_[a-z0-9]{10}'''\nkeywords = [\"\", \"zzz\"]\n";
        let r = SecretRules::from_toml(&[(rule, "test")]).unwrap();
        assert_eq!(r.scan(b"a tok_abcdefgh01 b", "f").len(), 1);
        let many: Vec<String> = (0..MAX_KEYWORD_BYTES / 8 + 1).map(|i| format!("\"k{i:07}\"")).collect();
        let rule = format!(
            "[[rules]]\nid = \"many\"\nregex = '''x'''\nkeywords = [{}]\n",
            many.join(",")
        );
        let e = SecretRules::from_toml(&[(&rule, "mlsec.toml")]).unwrap_err();
        assert!(e.to_string().contains("keywords hold"), "{e}");
    }

    #[test]
    fn entropy() {
        assert!(shannon(b"aaaaaaaa") < 0.01);
        assert!((shannon(b"abcd") - 2.0).abs() < 1e-9);
    }
}
