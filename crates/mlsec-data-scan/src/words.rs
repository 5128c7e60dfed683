//! Many words found in one pass: every occurrence, overlapping ones too, of
//! a list of words matched ASCII case-insensitively.
//!
//! The detector's word pass (secret keywords and the words that lead
//! personal-data patterns) reads every byte of a scanned file through this
//! automaton, so its loop is the hottest one of a scan. The automaton is
//! Aho-Corasick's, built here as a dense table of `u32` state ids
//! premultiplied by the number of byte classes: a step is one load of the
//! byte's class and one of the next state, and the states that end a word
//! are numbered first, so one comparison tells whether a step ended one.
//! A word that counts only where a word starts is found only there: the
//! automaton reads the text as if a mark followed each byte that ends a
//! word, and such a word begins with the mark, so the walk never goes into
//! it inside another word (`hi` in `this`, `one` in `phone`: a third of the
//! detector's occurrences in clean text, each a mispredicted branch).
//! Classes are numbered in byte order and states breadth first, so that the
//! rows and edges most steps take (near the root, on letters) share few
//! cache lines. (The `aho-corasick` crate's DFA took about 1.3 times as
//! long per byte: it keeps `a` and `A` in separate classes, and its steps
//! check more.)
//!
//! Each step waits for the one before it (a load from a transition table
//! larger than the L1 cache), so a long buffer is cut into
//! [`STREAMS`] pieces walked side by side in one loop: the CPU waits for
//! several loads at a time instead of one. Each piece's walk goes on past its
//! end for the longest word less one byte and keeps only the words that
//! start inside it; the next piece's walk, begun in the start state, finds
//! every word starting in that piece.

/// Walks side by side over a long buffer.
const STREAMS: usize = 4;

/// Below this many bytes per walk, one walk does it all.
const MIN_STREAM: usize = 16 << 10;

/// The byte the automaton reads for `b`, one some word holds: ASCII
/// lowercased; beyond ASCII, a UTF-8 continuation byte one of eight
/// groups of eight, a lead byte of a three-byte character itself (CJK
/// text's words differ there), and the other lead bytes one of two. Words
/// beyond ASCII (a few hundred) would otherwise give the automaton about
/// 90 more classes, and each state's row as many entries: its table, read
/// at every step, would be three times larger. (A byte no word holds is
/// read as none: text in another script leads nowhere.)
fn fold(b: u8) -> u8 {
    match b {
        0x00..=0x7F => b.to_ascii_lowercase(),
        0x80..=0xBF => 0x80 | (b >> 3 & 7),
        0xC0..=0xDF => 0xC0,
        0xE0..=0xEF => b,
        0xF0..=0xFF => 0xF0,
    }
}

/// The most entries the transition table may hold (128 MiB). The secret
/// rules' keywords (at most 64 KiB, [`crate::secrets::MAX_KEYWORD_BYTES`])
/// with the detector's own words make fewer than 80,000 states of at most
/// 128 classes each, well below it.
const MAX_TABLE: usize = 32 << 20;

/// A compiled list of words.
#[derive(Debug, Clone)]
pub struct Words {
    /// The class of each byte: one per byte (lowercased) that some word
    /// holds, and class 0 for all the others.
    classes: [u8; 256],
    /// Transitions: entry `state + class`, states premultiplied by the
    /// number of classes.
    trans: Vec<u32>,
    /// States below this one end at least one word.
    matching: u32,
    /// The start state at the text's start and after a byte that ends a
    /// word (no ASCII letter or digit).
    start: u32,
    /// The start state after an ASCII letter or digit.
    inner: u32,
    /// The number of classes (a state's row length).
    stride: u32,
    /// For the match state `s`, the words it ends are
    /// `ends[ends_at[s / stride] .. ends_at[s / stride + 1]]`, longest first.
    ends_at: Vec<u32>,
    ends: Vec<u32>,
    /// Each word's length in bytes.
    lens: Vec<u32>,
    /// Each word with bytes beyond ASCII (lowercased), to check against
    /// the text where its folded form is found; empty for the others.
    checked: Vec<Vec<u8>>,
    /// Where each word counts.
    gates: Vec<Gate>,
    longest: usize,
}

/// Why a list of words was not compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooManyWords {
    /// Entries the transition table would have held.
    pub entries: usize,
}

impl std::fmt::Display for TooManyWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the words' automaton would hold {} transitions, more than the {MAX_TABLE} allowed: use fewer or shorter words",
            self.entries
        )
    }
}

impl std::error::Error for TooManyWords {}

/// Where an occurrence of a word counts: one elsewhere is not reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    Anywhere = 0,
    /// Where a word starts: at the buffer's start or after a byte that is
    /// no ASCII letter or digit.
    WordStart = 1,
    /// Where a word starts with an ASCII capital letter.
    Capitalised = 2,
}

impl Gate {
    /// Whether an occurrence starting at `s` in `buf` counts.
    #[inline]
    fn holds(self, buf: &[u8], s: usize) -> bool {
        let word_start = || s == 0 || !buf[s - 1].is_ascii_alphanumeric();
        match self {
            Self::Anywhere => true,
            Self::WordStart => word_start(),
            Self::Capitalised => word_start() && buf.get(s).is_some_and(u8::is_ascii_uppercase),
        }
    }
}

impl Words {
    /// An automaton for `words` (matched ASCII case-insensitively).
    ///
    /// # Errors
    /// When the automaton would be too large.
    pub fn new<I, P>(words: I) -> Result<Self, TooManyWords>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        Self::gated(words.into_iter().map(|w| (w, Gate::Anywhere)))
    }

    /// An automaton for `words`, each reported only where its [`Gate`]
    /// lets it.
    ///
    /// # Errors
    /// When the automaton would be too large.
    pub(crate) fn gated<I, P>(words: I) -> Result<Self, TooManyWords>
    where
        I: IntoIterator<Item = (P, Gate)>,
        P: AsRef<[u8]>,
    {
        let (words, gates): (Vec<Vec<u8>>, Vec<Gate>) = words
            .into_iter()
            .map(|(w, g)| (w.as_ref().to_ascii_lowercase(), g))
            .unzip();
        // The automaton reads folded bytes (see [`fold`]); a word with bytes
        // beyond ASCII is checked against the text where it is found.
        // Classes: one for each folded byte of a byte some word holds, for
        // the bytes words hold (and their uppercase); for all the others,
        // which no word goes on with, class 0 (ASCII letters and digits)
        // or class 1 (the other bytes, which end a word). Numbered in byte
        // order, so that a state's edges on letters (most of a walk's
        // steps) share a few cache lines.
        let mut held = [false; 256];
        for &b in words.iter().flatten() {
            held[usize::from(b)] = true;
            held[usize::from(b.to_ascii_uppercase())] = true;
        }
        let mut group = [0u8; 256];
        for b in (0..=255u8).filter(|&b| held[usize::from(b)]) {
            group[usize::from(fold(b))] = 1;
        }
        let mut real = 2usize;
        for g in &mut group {
            if *g != 0 {
                // At most 128 bytes are folded bytes, so a class fits a byte.
                *g = u8::try_from(real).unwrap_or(u8::MAX);
                real += 1;
            }
        }
        let mut classes = [0u8; 256];
        for b in 0..=255u8 {
            classes[usize::from(b)] = if held[usize::from(b)] {
                group[usize::from(fold(b))]
            } else {
                u8::from(!b.is_ascii_alphanumeric())
            };
        }
        // Whether a class's bytes end a word (all of a class's bytes are
        // alike there: a letter's cases share one).
        let mut ends_word = vec![false; real];
        for b in 0..=255u8 {
            ends_word[usize::from(classes[usize::from(b)])] = !b.is_ascii_alphanumeric();
        }
        // The automaton is built over the text as if a mark `B` followed
        // each byte that is no ASCII letter or digit (and stood before the
        // first): a word gated to a word's start is `B` and the word, so
        // that it is found only there and the walk never enters a word
        // that cannot count inside another (`hi` in `this`); in every word
        // a `B` follows each such byte, as in the text. A step on such a
        // byte is then the step on it and on `B`: the table has no column
        // for `B`, and no state the walk rests in is between the two.
        let mark = real;
        let syms = real + 1;
        let symbols = |w: &[u8], gate: Gate| -> Vec<usize> {
            let mut out = Vec::with_capacity(2 * w.len() + 1);
            if gate != Gate::Anywhere {
                out.push(mark);
            }
            for &b in w {
                let c = usize::from(classes[usize::from(b)]);
                out.push(c);
                if ends_word[c] {
                    out.push(mark);
                }
            }
            out
        };
        let spelled: Vec<Vec<usize>> = words.iter().zip(&gates).map(|(w, &g)| symbols(w, g)).collect();
        // Each row's last entry, which no class reads, screens the state's
        // occurrence ([`Words::screened`]).
        let stride = real + 1;
        // The trie, as rows of `syms` entries (NONE where no word goes on).
        const NONE: u32 = u32::MAX;
        let too_big = |states: usize| TooManyWords {
            entries: states.saturating_mul(stride),
        };
        let bound = spelled.iter().map(Vec::len).sum::<usize>() + 1;
        if bound.saturating_mul(syms) > MAX_TABLE {
            // The trie may share prefixes and be smaller: count it.
            let mut prefixes: Vec<&[usize]> = spelled
                .iter()
                .flat_map(|w| (1..=w.len()).map(move |n| &w[..n]))
                .collect();
            prefixes.sort_unstable();
            prefixes.dedup();
            if (prefixes.len() + 1).saturating_mul(syms) > MAX_TABLE {
                return Err(too_big(prefixes.len() + 1));
            }
        }
        let mut rows: Vec<u32> = vec![NONE; syms];
        // The words each trie state is, by index.
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (p, w) in spelled.iter().enumerate() {
            let mut s = 0usize;
            for &c in w {
                let at = s * syms + c;
                s = if rows[at] == NONE {
                    let n = own.len();
                    rows[at] = u32::try_from(n).map_err(|_| too_big(n))?;
                    rows.extend(std::iter::repeat_n(NONE, syms));
                    own.push(Vec::new());
                    n
                } else {
                    rows[at] as usize
                };
            }
            own[s].push(u32::try_from(p).map_err(|_| too_big(p))?);
        }
        // Failure links in breadth-first order; a missing edge takes the
        // failure state's (already complete) edge. A state ends its own
        // words (longest), then those its failure state ends.
        let n = own.len();
        let mut ends_of: Vec<Vec<u32>> = own;
        let mut queue = std::collections::VecDeque::new();
        for edge in &mut rows[..syms] {
            match *edge {
                NONE => *edge = 0,
                t => queue.push_back((t as usize, 0usize)),
            }
        }
        while let Some((s, fail)) = queue.pop_front() {
            let inherited = ends_of[fail].clone();
            ends_of[s].extend(inherited);
            for c in 0..syms {
                let down = rows[fail * syms + c];
                match rows[s * syms + c] {
                    NONE => rows[s * syms + c] = down,
                    t => queue.push_back((t as usize, down as usize)),
                }
            }
        }
        // The walk's step: on a byte that ends a word, on it and then `B`.
        let step = |s: usize, c: usize| {
            let t = rows[s * syms + c] as usize;
            if ends_word[c] {
                rows[t * syms + mark] as usize
            } else {
                t
            }
        };
        // The states a walk rests in, breadth first from its two starts:
        // after a byte that ends a word (or at the text's start), and after
        // a letter or digit.
        let first = rows[mark] as usize;
        let mut seen = vec![false; n];
        let mut bfs = vec![first];
        seen[first] = true;
        if !seen[0] {
            seen[0] = true;
            bfs.push(0);
        }
        let mut i = 0;
        while i < bfs.len() {
            let s = bfs[i];
            i += 1;
            for c in 0..real {
                let t = step(s, c);
                if !seen[t] {
                    seen[t] = true;
                    bfs.push(t);
                }
            }
        }
        // At one end, the longest word first, then by index (a word gated
        // to a word's start ends in another state than the same word
        // ungated, which its failure links lead to).
        for e in &mut ends_of {
            e.sort_by_key(|&p| (std::cmp::Reverse(words[p as usize].len()), p));
        }
        // Match states first, then premultiplied ids; each part in
        // breadth-first order, so that the states near the root (most of a
        // walk's steps) share few cache lines and pages.
        let mut order: Vec<usize> = bfs.iter().copied().filter(|&s| !ends_of[s].is_empty()).collect();
        let matching = order.len();
        order.extend(bfs.iter().copied().filter(|&s| ends_of[s].is_empty()));
        let mut new_id = vec![0u32; n];
        for (i, &s) in order.iter().enumerate() {
            new_id[s] = u32::try_from(i * stride).map_err(|_| too_big(n))?;
        }
        if order.len().saturating_mul(stride) > MAX_TABLE {
            return Err(too_big(order.len()));
        }
        let mut trans = Vec::with_capacity(order.len() * stride);
        let mut ends_at = vec![0u32];
        let mut ends = Vec::new();
        for &s in &order {
            trans.extend((0..real).map(|c| new_id[step(s, c)]));
            // A state that ends one word only, one that counts only where
            // it starts with a capital letter: its length. (Others are
            // checked when reported; the automaton itself keeps the words
            // gated to a word's start elsewhere.)
            let screen = match ends_of[s][..] {
                [p] if gates[p as usize] == Gate::Capitalised => u32::try_from(words[p as usize].len())
                    .ok()
                    .filter(|&l| l <= 0xFFFF)
                    .map_or(0, |l| (Gate::Capitalised as u32) << 16 | l),
                _ => 0,
            };
            trans.push(screen);
            if !ends_of[s].is_empty() {
                ends.extend_from_slice(&ends_of[s]);
                ends_at.push(u32::try_from(ends.len()).map_err(|_| too_big(n))?);
            }
        }
        Ok(Self {
            classes,
            trans,
            matching: u32::try_from(matching * stride).map_err(|_| too_big(n))?,
            start: new_id[first],
            inner: new_id[0],
            stride: u32::try_from(stride).map_err(|_| too_big(n))?,
            ends_at,
            ends,
            lens: words
                .iter()
                .map(|w| u32::try_from(w.len()).unwrap_or(u32::MAX))
                .collect(),
            longest: words.iter().map(Vec::len).max().unwrap_or(0),
            checked: words
                .into_iter()
                .map(|w| if w.is_ascii() { Vec::new() } else { w })
                .collect(),
            gates,
        })
    }

    /// Whether the match state `sid` reached after the byte before `at`
    /// may report a word: no, if it ends one word only, one that counts
    /// only with a capital letter, and a small letter starts it there
    /// (`garden` for `Garden`): dropped here before it is queued and merged.
    #[inline(always)]
    fn screened(&self, buf: &[u8], at: usize, sid: u32) -> bool {
        let screen = self.trans[sid as usize + self.stride as usize - 1];
        screen == 0 || Gate::Capitalised.holds(buf, at - (screen & 0xFFFF) as usize)
    }

    /// The state a walk starts in at `at`: after a word's end or not.
    fn start_at(&self, buf: &[u8], at: usize) -> u32 {
        match at.checked_sub(1).map(|i| buf[i]) {
            Some(b) if b.is_ascii_alphanumeric() => self.inner,
            _ => self.start,
        }
    }

    /// The state after `sid` reads `b`.
    #[inline(always)]
    fn step(&self, sid: u32, b: u8) -> u32 {
        self.trans[sid as usize + usize::from(self.classes[usize::from(b)])]
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
        let longest = self.longest;
        let piece = buf.len().div_ceil(STREAMS);
        if piece == 0 || piece < min_stream || piece < longest {
            self.walk(buf, 0, buf.len(), self.start, &mut |at, sid| {
                if self.screened(buf, at, sid) {
                    self.report(buf, sid, at, usize::MAX, &mut f);
                }
            });
            return;
        }
        // Piece `k` is `k * piece .. (k + 1) * piece`; its walk reads on
        // for the longest word less a byte (to `reach[k]`).
        let starts: [usize; STREAMS] = std::array::from_fn(|k| (k * piece).min(buf.len()));
        let reach: [usize; STREAMS] =
            std::array::from_fn(|k| ((k + 1) * piece + longest.saturating_sub(1)).min(buf.len()));
        // Where each walk stood when it ended a word, and the state.
        let mut events: [Vec<(usize, u32)>; STREAMS] = Default::default();
        let mut sids: [u32; STREAMS] = std::array::from_fn(|k| self.start_at(buf, starts[k]));
        // Side by side as far as the shortest walk goes (the last one).
        let together = reach.iter().zip(&starts).map(|(r, s)| r - s).min().unwrap_or(0);
        self.walk_together(buf, &starts, together, &mut sids, &mut events);
        for k in 0..STREAMS {
            let from = starts[k] + together;
            let ev = &mut events[k];
            sids[k] = self.walk(buf, from, reach[k], sids[k], &mut |at, sid| {
                if self.screened(buf, at, sid) {
                    ev.push((at, sid));
                }
            });
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
            self.report(buf, sid, at, limit, &mut f);
        }
    }

    /// The words of `buf` the match state `sid` reached after the byte
    /// before `at` ends that start before `limit`, longest first.
    fn report(&self, buf: &[u8], sid: u32, at: usize, limit: usize, f: &mut impl FnMut(usize, usize, usize)) {
        let i = (sid / self.stride) as usize;
        let (from, to) = (self.ends_at[i] as usize, self.ends_at[i + 1] as usize);
        for &p in &self.ends[from..to] {
            let p = p as usize;
            let start = at - self.lens[p] as usize;
            // The next piece's walk reports no empty word where it starts
            // (no byte read yet): this one does.
            let inside = start < limit || (start == limit && start == at);
            // Its folded form was found: the word itself?
            let checked = &self.checked[p];
            if inside
                && self.gates[p].holds(buf, start)
                && (checked.is_empty() || buf[start..at].eq_ignore_ascii_case(checked))
            {
                f(p, start, at);
            }
        }
    }

    /// One walk from `sid` over `buf[from..to]`, calling `ended(at, state)`
    /// where it reaches a match state (`at` just after the byte that led
    /// there); the state it ends in.
    fn walk(&self, buf: &[u8], from: usize, to: usize, mut sid: u32, ended: &mut impl FnMut(usize, u32)) -> u32 {
        let mut at = from;
        while at < to {
            let (n, next) = self.to_match(&buf[at..to], sid);
            at += n;
            sid = next;
            if sid < self.matching {
                ended(at, sid);
            }
        }
        sid
    }

    /// [`STREAMS`] walks, from `starts` in states `sids`, over `len` bytes
    /// each, one step of each in turn; the match states they reach are
    /// pushed to `events`.
    #[inline(never)]
    fn walk_together(
        &self,
        buf: &[u8],
        starts: &[usize; STREAMS],
        len: usize,
        sids: &mut [u32; STREAMS],
        events: &mut [Vec<(usize, u32)>; STREAMS],
    ) {
        let (trans, classes, matching) = (&self.trans[..], &self.classes, self.matching);
        let [a, b, c, d] = starts.map(|s| &buf[s..s + len]);
        let [mut sa, mut sb, mut sc, mut sd] = *sids;
        // The bytes by iterators: no bounds to check, and the loop keeps
        // its states and pointers in registers.
        for (i, (((&x, &y), &z), &w)) in a.iter().zip(b).zip(c).zip(d).enumerate() {
            sa = trans[sa as usize + usize::from(classes[usize::from(x)])];
            sb = trans[sb as usize + usize::from(classes[usize::from(y)])];
            sc = trans[sc as usize + usize::from(classes[usize::from(z)])];
            sd = trans[sd as usize + usize::from(classes[usize::from(w)])];
            if (sa < matching) | (sb < matching) | (sc < matching) | (sd < matching) {
                for (k, sid) in [sa, sb, sc, sd].into_iter().enumerate() {
                    if sid < matching && self.screened(buf, starts[k] + i + 1, sid) {
                        events[k].push((starts[k] + i + 1, sid));
                    }
                }
            }
        }
        *sids = [sa, sb, sc, sd];
    }

    /// Steps from `sid` over `buf` to the first match state: how many
    /// bytes were read, and the state reached. Out of line and free of
    /// calls, so that its loop keeps everything in registers.
    #[inline(never)]
    fn to_match(&self, buf: &[u8], mut sid: u32) -> (usize, u32) {
        for (i, &b) in buf.iter().enumerate() {
            sid = self.step(sid, b);
            if sid < self.matching {
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

    proptest::proptest! {
        /// Bytes beyond ASCII, punctuation, digits and repeated words: the
        /// same occurrences in the same order as the library's search.
        #[test]
        fn same_order_as_the_library_over_bytes(
            // Bytes that fold together (`\xa9` and `\xab`, `\xc3` and
            // `\xc4`, `\xf4` and `\xff`) are told apart.
            words in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(b"aAz-1\xc3\xa9\xff\xab\xc4".to_vec()), 1..5), 1..16),
            text in proptest::collection::vec(proptest::sample::select(b"aAzZ-12\xc3\xa9\xff \xab\xc4\xf4\xe5".to_vec()), 0..200),
        ) {
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&words)
                .unwrap();
            let want: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(&text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let w = Words::new(&words).unwrap();
            proptest::prop_assert_eq!(w.find_all(&text), want.clone());
            let mut streamed = Vec::new();
            w.for_each_streamed(&text, 1, |p, s, e| streamed.push((p, s, e)));
            proptest::prop_assert_eq!(streamed, want);
        }
    }

    #[test]
    fn no_words_and_an_empty_word_find_what_they_should() {
        let none = Words::new(Vec::<&str>::new()).unwrap();
        assert!(none.find_all(b"anything at all").is_empty());
        // An empty word ends after every byte (the library also reports it
        // before the first); a long text is walked in pieces.
        let empty = Words::new(["", "ab"]).unwrap();
        let text = "xab".repeat(200_000);
        let got = empty.find_all(text.as_bytes());
        assert_eq!(got.iter().filter(|&&(p, _, _)| p == 0).count(), text.len());
        assert_eq!(got.iter().filter(|&&(p, _, _)| p == 1).count(), 200_000);
    }

    proptest::proptest! {
        /// Gated words are the library's occurrences where their gates
        /// hold, in the same order, in one walk and side by side; a word
        /// inside another, of another gate (`hi` in `this`), too.
        #[test]
        fn gates_keep_what_they_should(
            words in proptest::collection::vec(("[hiTs.]{1,4}", 0u8..3), 1..10),
            text in "[hiTsHI. x1]{0,120}",
            min_stream in 1usize..8,
        ) {
            let gate = |g: u8| [Gate::Anywhere, Gate::WordStart, Gate::Capitalised][usize::from(g)];
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(words.iter().map(|(w, _)| w))
                .unwrap();
            let t = text.as_bytes();
            let want: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(t)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .filter(|&(p, s, _)| gate(words[p].1).holds(t, s))
                .collect();
            let w = Words::gated(words.iter().map(|(w, g)| (w, gate(*g)))).unwrap();
            proptest::prop_assert_eq!(w.find_all(t), want.clone());
            let mut streamed = Vec::new();
            w.for_each_streamed(t, min_stream, |p, s, e| streamed.push((p, s, e)));
            let mut sorted = want;
            sorted.sort_unstable();
            streamed.sort_unstable();
            proptest::prop_assert_eq!(streamed, sorted);
        }
    }

    #[test]
    fn gates_read_the_byte_before() {
        let w = Words::gated([
            ("hi", Gate::WordStart),
            ("Garden", Gate::Capitalised),
            ("is", Gate::Anywhere),
        ])
        .unwrap();
        let t = b"this hi Hi garden Garden xGarden";
        let got: Vec<&[u8]> = w.find_all(t).into_iter().map(|(_, s, e)| &t[s..e]).collect();
        assert_eq!(got, [&b"is"[..], b"hi", b"Hi", b"Garden"]);
    }

    #[test]
    fn a_table_too_large_is_an_error() {
        // 69 classes (printable ASCII, a letter's cases one), and about
        // 540,000 states (words of 20 bytes that share little more than
        // their first two).
        let mut words: Vec<Vec<u8>> = (0x21..=0x7Eu8).map(|b| vec![b]).collect();
        let mut x = 1u32;
        words.extend((0..30_000).map(|_| {
            (0..20)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    0x21 + (x >> 24) as u8 % 0x5E
                })
                .collect::<Vec<u8>>()
        }));
        let e = Words::new(&words).unwrap_err();
        assert!(
            e.entries > MAX_TABLE && e.to_string().contains("fewer or shorter words"),
            "{e}"
        );
        // Without the long list it builds.
        assert!(Words::new(&words[..200]).is_ok());
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
