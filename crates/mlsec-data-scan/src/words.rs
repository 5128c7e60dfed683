//! Many words found in one pass: every occurrence, overlapping ones too, of
//! a list of words matched ASCII case-insensitively.
//!
//! The detector's word pass (secret keywords and the words that lead
//! personal-data patterns) reads every byte of a scanned file through this
//! automaton, so its loop is the hottest one of a scan. The library's own
//! overlapping iterator reaches the automaton through a trait object (one
//! indirect call per byte); here the concrete DFA is stepped directly and
//! only unanchored start states are built.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// A compiled list of words.
#[derive(Debug, Clone)]
pub struct Words {
    dfa: DFA,
    start: StateID,
}

impl Words {
    /// An automaton for `words` (matched ASCII case-insensitively).
    ///
    /// # Errors
    /// When the automaton would be too large.
    pub fn new<I, P>(words: I) -> Result<Self, aho_corasick::BuildError>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            // A start state that is not special keeps the loop below to
            // one test per byte; the words start with too many different
            // bytes for a prefilter to skip much.
            .prefilter(false)
            .build(words)?;
        let start = dfa
            .start_state(Anchored::No)
            .expect("an unanchored start state was built");
        Ok(Self { dfa, start })
    }

    /// Calls `f(word index, start, end)` for every occurrence of a word in
    /// `buf`, by increasing end; occurrences ending at one offset come
    /// longest first.
    pub fn for_each(&self, buf: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let dfa = &self.dfa;
        let (mut at, mut sid) = (0, self.start);
        while at < buf.len() {
            let (n, next) = self.to_special(&buf[at..], sid);
            at += n;
            sid = next;
            // With no prefilter and no anchored search, the only special
            // states this search reaches are match states.
            if dfa.is_special(sid) && dfa.is_match(sid) {
                for k in 0..dfa.match_len(sid) {
                    let p = dfa.match_pattern(sid, k);
                    f(p.as_usize(), at - dfa.pattern_len(p), at);
                }
            }
        }
    }

    /// Steps from `sid` over `buf` to the first special state: how many
    /// bytes were read, and the state reached. Out of line and free of
    /// calls, so that its loop (the hottest of a scan) keeps everything in
    /// registers: inlined where matches are pushed, it spilled to the
    /// stack and took twice the instructions per byte.
    #[inline(never)]
    fn to_special(&self, buf: &[u8], mut sid: StateID) -> (usize, StateID) {
        let dfa = &self.dfa;
        for (i, &b) in buf.iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) {
                return (i + 1, sid);
            }
        }
        (buf.len(), sid)
    }

    /// Every occurrence as `(word index, start, end)`, in the order of
    /// [`Words::for_each`].
    #[must_use]
    pub fn find_all(&self, buf: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        self.for_each(buf, |p, s, e| out.push((p, s, e)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The same occurrences as the library's own overlapping search.
        #[test]
        fn same_as_the_library(
            words in proptest::collection::vec("[abAB]{1,4}", 1..12),
            text in "[abAB ]{0,64}",
        ) {
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&words)
                .unwrap();
            let mut want: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(text.as_bytes())
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let mut got = Words::new(&words).unwrap().find_all(text.as_bytes());
            want.sort_unstable();
            got.sort_unstable();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn words_inside_words_and_case() {
        let w = Words::new(["ms", "msecret", "SECRET"]).unwrap();
        let mut got = w.find_all(b"xMsecret secret");
        got.sort_unstable();
        assert_eq!(got, vec![(0, 1, 3), (1, 1, 8), (2, 2, 8), (2, 9, 15)]);
        assert!(w.find_all(b"").is_empty());
    }
}
