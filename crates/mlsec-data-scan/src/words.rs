//! Many words found in one pass: every occurrence, overlapping ones too, of
//! a list of words matched ASCII case-insensitively.
//!
//! The detector's word pass (secret keywords and the words that lead
//! personal-data patterns) reads every byte of a scanned file through this
//! automaton, so its loop is the hottest one of a scan. The library's own
//! overlapping iterator reaches the automaton through a trait object (one
//! indirect call per byte); here the concrete DFA is stepped directly and
//! only unanchored start states are built.
//!
//! Each step waits for the one before it (a load from a transition table
//! larger than the L1 cache), so a long buffer is cut into
//! [`STREAMS`] pieces walked side by side in one loop: the CPU waits for
//! four loads at a time instead of one. Each piece's walk goes on past its
//! end for the longest word less one byte and keeps only the words that
//! start inside it; the next piece's walk, begun in the start state, finds
//! every word starting in that piece.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// Walks side by side over a long buffer.
const STREAMS: usize = 4;

/// Below this many bytes per walk, one walk does it all.
const MIN_STREAM: usize = 16 << 10;

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
    pub fn for_each(&self, buf: &[u8], f: impl FnMut(usize, usize, usize)) {
        self.for_each_streamed(buf, MIN_STREAM, f);
    }

    /// [`Words::for_each`], in [`STREAMS`] walks side by side where each
    /// would read at least `min_stream` bytes (and, to read little twice,
    /// no less than the longest word).
    fn for_each_streamed(&self, buf: &[u8], min_stream: usize, mut f: impl FnMut(usize, usize, usize)) {
        let longest = self.dfa.max_pattern_len();
        let piece = buf.len().div_ceil(STREAMS);
        if piece == 0 || piece < min_stream || piece < longest {
            self.walk(buf, 0, buf.len(), self.start, &mut |at, sid| {
                self.report(sid, at, usize::MAX, &mut f)
            });
            return;
        }
        // Piece `k` is `k * piece .. (k + 1) * piece`; its walk reads on
        // for the longest word less a byte (to `reach[k]`).
        let starts: [usize; STREAMS] = std::array::from_fn(|k| (k * piece).min(buf.len()));
        let reach: [usize; STREAMS] =
            std::array::from_fn(|k| ((k + 1) * piece + longest.saturating_sub(1)).min(buf.len()));
        // Where each walk stood when it reached a special state, and that state.
        let mut events: [Vec<(usize, StateID)>; STREAMS] = Default::default();
        let mut sids = [self.start; STREAMS];
        // Side by side as far as the shortest walk goes (the last one).
        let together = reach.iter().zip(&starts).map(|(r, s)| r - s).min().unwrap_or(0);
        self.walk_together(buf, &starts, together, &mut sids, &mut events);
        for k in 0..STREAMS {
            let from = starts[k] + together;
            let ev = &mut events[k];
            sids[k] = self.walk(buf, from, reach[k], sids[k], &mut |at, sid| ev.push((at, sid)));
        }
        // Merged by end; at one end, an earlier piece's words start earlier.
        let mut next = [0usize; STREAMS];
        loop {
            let mut best: Option<(usize, usize)> = None;
            for k in 0..STREAMS {
                if let Some(&(at, _)) = events[k].get(next[k]) {
                    if best.is_none_or(|(b, _)| at < b) {
                        best = Some((at, k));
                    }
                }
            }
            let Some((at, k)) = best else { break };
            let sid = events[k][next[k]].1;
            next[k] += 1;
            let limit = if k + 1 < STREAMS { starts[k + 1] } else { usize::MAX };
            self.report(sid, at, limit, &mut f);
        }
    }

    /// The words of the match state `sid` reached after the byte before
    /// `at` that start before `limit`, longest first.
    fn report(&self, sid: StateID, at: usize, limit: usize, f: &mut impl FnMut(usize, usize, usize)) {
        let dfa = &self.dfa;
        // With no prefilter and no anchored search, the only special
        // states this search reaches are match states.
        if dfa.is_match(sid) {
            for k in 0..dfa.match_len(sid) {
                let p = dfa.match_pattern(sid, k);
                let start = at - dfa.pattern_len(p);
                if start < limit {
                    f(p.as_usize(), start, at);
                }
            }
        }
    }

    /// One walk from `sid` over `buf[from..to]`, calling `special(at,
    /// state)` where it reaches a special state (`at` just after the byte
    /// that led there); the state it ends in.
    fn walk(
        &self,
        buf: &[u8],
        from: usize,
        to: usize,
        mut sid: StateID,
        special: &mut impl FnMut(usize, StateID),
    ) -> StateID {
        let mut at = from;
        while at < to {
            let (n, next) = self.to_special(&buf[at..to], sid);
            at += n;
            sid = next;
            if self.dfa.is_special(sid) {
                special(at, sid);
            }
        }
        sid
    }

    /// [`STREAMS`] walks, from `starts` in states `sids`, over `len` bytes
    /// each, one step of each in turn; the special states they reach are
    /// pushed to `events`.
    #[inline(never)]
    fn walk_together(
        &self,
        buf: &[u8],
        starts: &[usize; STREAMS],
        len: usize,
        sids: &mut [StateID; STREAMS],
        events: &mut [Vec<(usize, StateID)>; STREAMS],
    ) {
        let dfa = &self.dfa;
        let [a, b, c, d] = starts.map(|s| &buf[s..s + len]);
        let [mut sa, mut sb, mut sc, mut sd] = *sids;
        for i in 0..len {
            sa = dfa.next_state(Anchored::No, sa, a[i]);
            sb = dfa.next_state(Anchored::No, sb, b[i]);
            sc = dfa.next_state(Anchored::No, sc, c[i]);
            sd = dfa.next_state(Anchored::No, sd, d[i]);
            if dfa.is_special(sa) | dfa.is_special(sb) | dfa.is_special(sc) | dfa.is_special(sd) {
                for (k, sid) in [sa, sb, sc, sd].into_iter().enumerate() {
                    if dfa.is_special(sid) {
                        events[k].push((starts[k] + i + 1, sid));
                    }
                }
            }
        }
        *sids = [sa, sb, sc, sd];
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
            min_stream in 0usize..8,
        ) {
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&words)
                .unwrap();
            let mut want: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(text.as_bytes())
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let w = Words::new(&words).unwrap();
            let mut got = w.find_all(text.as_bytes());
            // Also in walks side by side over short pieces, by increasing
            // end and, at one end, longest first.
            let mut streamed = Vec::new();
            w.for_each_streamed(text.as_bytes(), min_stream, |p, s, e| streamed.push((p, s, e)));
            proptest::prop_assert!(streamed.windows(2).all(|x| (x[0].2, x[0].1) <= (x[1].2, x[1].1)), "{:?}", streamed);
            want.sort_unstable();
            got.sort_unstable();
            streamed.sort_unstable();
            proptest::prop_assert_eq!(&got, &want);
            proptest::prop_assert_eq!(streamed, want);
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
