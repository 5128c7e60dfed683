//! Shapes of the identifier patterns: each pattern with every letter and
//! digit widened to its class (`[0-8]`, `7` and `[0-9]` all become
//! `[0-9]`; `[A-HJ-NP-Z]` and `DE` become `[A-Z]`), so patterns of one
//! shape collapse into one. A class of digits and letters keeps its
//! letters (`[0-9LMNP-V]` becomes `[0-9LMNP-V]`): as `[0-9A-Za-z]` it
//! would match words.
//!
//! The detector runs the union of these shapes over every byte to find
//! where an identifier may start, asks the set of them (anchored) which
//! shapes start there, and confirms each kind of those shapes with its
//! exact pattern. A shape matches everything its pattern matches (and
//! more), so no start is lost; the union's automaton has far fewer states
//! than the union of the exact patterns (two byte classes for digits and
//! letters instead of dozens), so it warms up in a fraction of the time and
//! its states stay in the CPU cache.

use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Literal, Repetition};

/// `pattern` widened (see the module doc), as a pattern for a byte regex
/// with Unicode off. `None` if it does not parse that way.
#[must_use]
pub(crate) fn widened(pattern: &str) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()?;
    Some(widen(&hir).to_string())
}

/// The class a byte widens to: ASCII digits, upper- and lowercase letters
/// to their whole range; any other byte stays itself.
fn class_of(b: u8) -> ClassBytes {
    let (lo, hi) = match b {
        b'0'..=b'9' => (b'0', b'9'),
        b'A'..=b'Z' => (b'A', b'Z'),
        b'a'..=b'z' => (b'a', b'z'),
        _ => (b, b),
    };
    ClassBytes::new([ClassBytesRange::new(lo, hi)])
}

fn widen_class(class: &ClassBytes) -> ClassBytes {
    // A class of digits and some letters (`[0-9LMNP-V]`, a digit or the
    // letter that stands for it) keeps its letters: widened to all
    // letters, a run of words would have the shape of its digits.
    let digits = class.iter().any(|r| r.start() <= b'9' && r.end() >= b'0');
    let mut out = ClassBytes::empty();
    for range in class.iter() {
        for b in range.start()..=range.end() {
            if digits && b.is_ascii_alphabetic() {
                out.union(&ClassBytes::new([ClassBytesRange::new(b, b)]));
            } else {
                out.union(&class_of(b));
            }
        }
    }
    out
}

fn widen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(Literal(bytes)) => {
            Hir::concat(bytes.iter().map(|&b| Hir::class(Class::Bytes(class_of(b)))).collect())
        }
        HirKind::Class(Class::Bytes(c)) => Hir::class(Class::Bytes(widen_class(c))),
        // Not produced with Unicode off; kept as it is (no narrower).
        HirKind::Class(Class::Unicode(_)) | HirKind::Look(_) => hir.clone(),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(widen(&r.sub)),
        }),
        HirKind::Capture(c) => widen(&c.sub),
        HirKind::Concat(v) => Hir::concat(v.iter().map(widen).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(widen).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::ID_KINDS;
    use proptest::prelude::*;

    fn full(p: &str) -> regex::bytes::Regex {
        regex::bytes::RegexBuilder::new(&format!("^(?:{p})$"))
            .unicode(false)
            .size_limit(64 << 20)
            .build()
            .unwrap()
    }

    #[test]
    fn a_class_of_digits_and_letters_keeps_its_letters() {
        let it = full(&widened(r"(?i)[A-Z]{3}[0-9LMNP-V]{2}").unwrap());
        assert!(it.is_match(b"abc12") && it.is_match(b"XyZ1m") && it.is_match(b"abcLV"));
        // Words do not have the shape of an Italian fiscal code.
        assert!(!it.is_match(b"abcde"));
        let union = ID_KINDS
            .iter()
            .map(|k| format!("(?:{})", widened(k.pattern).unwrap()))
            .collect::<Vec<_>>();
        let union = regex::bytes::RegexBuilder::new(&union.join("|"))
            .unicode(false)
            .size_limit(256 << 20)
            .build()
            .unwrap();
        for words in ["dolore recusandae", "Development Raise", "cum cum laboriosam"] {
            assert!(!union.is_match(words.as_bytes()), "{words}");
        }
    }

    #[test]
    fn widening_merges_classes_and_keeps_separators() {
        assert!(full(&widened(r"[0-8][0-9]{8}").unwrap()).is_match(b"912345678"));
        let de = full(&widened(r"DE ?[1-9][0-9]{8}").unwrap());
        assert!(de.is_match(b"FR 012345678"));
        assert!(!de.is_match(b"Fr 012345678"));
        assert_eq!(widened("(?i)ab"), widened("[Aa][Bb]"));
        let w = full(&widened(r"756\.[0-9]{4}").unwrap());
        assert!(w.is_match(b"123.4567"));
        assert!(!w.is_match(b"123-4567"));
        assert!(!w.is_match(b"abc.4567"));
    }

    #[test]
    fn every_kind_starts_at_a_word_start_and_widens() {
        // The detector tries kinds at the union match's start and at word
        // starts inside it: that finds every kind only if each one starts
        // at a word start.
        for k in ID_KINDS {
            let p = k.pattern.trim_start_matches("(?i)");
            assert!(p.starts_with(r"\b"), "{} does not start with \\b", k.entity);
            assert!(widened(k.pattern).is_some(), "{} does not widen", k.entity);
        }
    }

    /// A strategy for a string matching `pattern` (its `\b`s dropped: the
    /// generator has no look-around; the text around it supplies them).
    fn matching(pattern: &str) -> impl Strategy<Value = String> {
        let p = pattern.replace(r"\b", "");
        proptest::string::string_regex(&p).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn a_shape_matches_what_its_pattern_matches(i in 0..ID_KINDS.len(), seed in any::<u64>()) {
            use proptest::strategy::ValueTree;
            use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
            let kind = &ID_KINDS[i];
            let exact = full(kind.pattern);
            let shape = full(&widened(kind.pattern).unwrap());
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
            for _ in 0..32 {
                let s = matching(kind.pattern).new_tree(&mut runner).unwrap().current();
                if exact.is_match(s.as_bytes()) {
                    prop_assert!(shape.is_match(s.as_bytes()), "{}: {s:?}", kind.entity);
                }
            }
        }
    }
}
