//! Where the matches of one pattern (an alternation of many) end in a
//! buffer, overlapping ones too, each with the earliest start of a match
//! there: the detector's pass over every byte for where an identifier may
//! start ([`crate::shape`]).
//!
//! A lazy DFA's walk waits at each byte for the load of the step before it,
//! so a search library's one walk reads about 500 MB/s whatever the
//! pattern. Here a forward DFA that reports every match end (all matches,
//! not leftmost-first) is stepped over [`STREAMS`] pieces of the buffer side
//! by side, so that the CPU waits for several loads at a time. The steps
//! read a dense table of this module's own (a [`Table`]), which the lazy
//! DFA fills in as states are met, and which takes one load of the byte's
//! class and one of the next state per step. A reverse
//! DFA anchored at each end (rare in data) gives the earliest start. Pieces are cut
//! after a newline, which no match crosses (checked when the pattern is
//! compiled; a pattern that may cross one is walked in one piece).
//!
//! Each thread keeps its DFAs' caches and its table between buffers. A
//! cache never clears: the walks side by side share one, and a clear would
//! invalidate the states of the other walks and of the table. A cache or a
//! table that fills up (each holds the whole DFA long before) makes the
//! search give up, and the caller falls back to a superset of the starts.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind, Literal};

/// Walks side by side over a long buffer.
const STREAMS: usize = 4;

/// Below this many bytes per walk, one walk does it all.
const MIN_STREAM: usize = 16 << 10;

/// How far back from a match's end its start is looked for. A pattern with
/// an unbounded repetition (groups of digits) matches at every group's end
/// of a long run, each time back to the run's start; looked for in full,
/// a run of n bytes would cost n² steps. Past this distance a match's
/// start is taken to be here (the spans widen the candidates, which the
/// detector reads only 128 bytes on from, so a later start loses none).
const MAX_SPAN: usize = 256;

/// Each cache's limit: far above the largest DFA the detector's patterns
/// make, so that it never fills.
const CACHE_CAPACITY: usize = 64 << 20;

/// The most entries a thread's [`Table`] may hold (16 MiB of them): far
/// above what the detector's patterns fill in.
const MAX_TABLE: usize = 4 << 20;

/// A [`Table`] entry not computed yet.
const UNKNOWN: u32 = u32::MAX;

/// The bit of a [`Table`] entry whose state ends a match.
const MATCH: u32 = 1 << 31;

/// The forward DFA's states met so far, as a dense table: entry `state +
/// class` is the next state (ids premultiplied by the number of classes),
/// with [`MATCH`] set where it ends a match, or [`UNKNOWN`].
#[derive(Default)]
struct Table {
    trans: Vec<u32>,
    /// The lazy DFA's state for each of ours (index: id / classes).
    lazy: Vec<LazyStateID>,
    ids: std::collections::HashMap<LazyStateID, u32>,
}

impl Table {
    /// Our id for the lazy DFA's `state`, with a row of its own if new.
    fn id(&mut self, state: LazyStateID, stride: usize) -> Result<u32, ()> {
        if let Some(&id) = self.ids.get(&state) {
            return Ok(id);
        }
        let at = self.trans.len();
        if at + stride > MAX_TABLE {
            return Err(());
        }
        let id = u32::try_from(at).map_err(drop)?;
        self.trans.resize(at + stride, UNKNOWN);
        self.lazy.push(state);
        self.ids.insert(state, id);
        Ok(id)
    }
}

type Caches = Pool<(Cache, Cache, Table), Box<dyn Fn() -> (Cache, Cache, Table) + Send + Sync>>;

/// A compiled pattern, searched for the ends of all its matches.
pub(crate) struct AllMatches {
    fwd: DFA,
    rev: DFA,
    caches: Caches,
    /// Whether a match may hold a newline (then one walk reads it all).
    crosses_lines: bool,
    /// The forward DFA's class of each byte, and their number.
    classes: [u8; 256],
    stride: usize,
}

impl std::fmt::Debug for AllMatches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AllMatches")
            .field("crosses_lines", &self.crosses_lines)
            .finish_non_exhaustive()
    }
}

impl AllMatches {
    /// `pattern` as a byte pattern with Unicode off.
    ///
    /// # Errors
    /// When it does not parse or compile.
    pub(crate) fn new(pattern: &str) -> Result<Self, String> {
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        let build = |reverse: bool| {
            DFA::builder()
                .syntax(syntax::Config::new().unicode(false).utf8(false))
                .thompson(thompson::Config::new().utf8(false).reverse(reverse))
                .configure(
                    DFA::config()
                        .match_kind(MatchKind::All)
                        .cache_capacity(CACHE_CAPACITY)
                        .minimum_cache_clear_count(Some(0)),
                )
                .build(pattern)
                .map_err(|e| e.to_string())
        };
        let (fwd, rev) = (build(false)?, build(true)?);
        let (f, r) = (fwd.clone(), rev.clone());
        let byte_classes = fwd.byte_classes();
        Ok(Self {
            classes: std::array::from_fn(|b| byte_classes.get(b as u8)),
            stride: byte_classes.alphabet_len(),
            fwd,
            rev,
            caches: Pool::new(Box::new(move || (Cache::new(&f), Cache::new(&r), Table::default()))),
            crosses_lines: admits(&hir, b'\n'),
        })
    }

    /// Calls `f(start, end)` for every end of a match in `buf`, ascending,
    /// with the earliest start of a match that ends there, at most
    /// [`MAX_SPAN`] bytes back (and that far back for a longer one). `None` if the
    /// search gave up (see the module doc); `f` may have been called for
    /// some ends then.
    pub(crate) fn for_each_widest(&self, buf: &[u8], mut f: impl FnMut(usize, usize)) -> Option<()> {
        let mut caches = self.caches.get();
        let (fc, rc, table) = &mut *caches;
        let ends = self.ends(fc, table, buf).ok()?;
        for e in ends {
            // All matches: the reverse search runs on to the earliest start.
            let lo = e.saturating_sub(MAX_SPAN);
            let input = Input::new(buf).range(lo..e).anchored(Anchored::Yes);
            match self.rev.try_search_rev(rc, &input).ok()? {
                Some(m) => f(m.offset(), e),
                // Only a longer match ends here.
                None => f(lo, e),
            }
        }
        Some(())
    }

    /// Where a match ends, ascending, without repeats.
    fn ends(&self, cache: &mut Cache, table: &mut Table, buf: &[u8]) -> Result<Vec<usize>, ()> {
        let piece = buf.len().div_ceil(STREAMS);
        let mut ends = Vec::new();
        if self.crosses_lines || piece < MIN_STREAM {
            self.walk(cache, buf, 0, buf.len(), &mut ends)?;
            return Ok(ends);
        }
        // Piece `k` runs from just after the first newline at or after
        // `k * piece` to just after the first one at or after the next
        // piece's nominal start (the first from 0, the last to the end).
        let cut =
            |at: usize| memchr::memchr(b'\n', buf.get(at..).unwrap_or_default()).map_or(buf.len(), |i| at + i + 1);
        let mut bounds = [0usize; STREAMS + 1];
        for (k, b) in bounds.iter_mut().enumerate().skip(1) {
            *b = if k == STREAMS { buf.len() } else { cut(k * piece) };
        }
        let starts: [usize; STREAMS] = std::array::from_fn(|k| bounds[k]);
        let lens: [usize; STREAMS] = std::array::from_fn(|k| bounds[k + 1].saturating_sub(bounds[k]));
        let mut sids = [0u32; STREAMS];
        for (sid, &s) in sids.iter_mut().zip(&starts) {
            *sid = table.id(self.start(cache, buf, s)?, self.stride)?;
        }
        let mut found: [Vec<usize>; STREAMS] = Default::default();
        let together = lens.iter().copied().min().unwrap_or(0);
        let [a, b, c, d] = starts.map(|s| &buf[s..s + together]);
        let [mut sa, mut sb, mut sc, mut sd] = sids;
        let mut i = 0;
        while i < together {
            // Every walk steps until one reaches an entry with the top bit
            // set (a match, or a transition not computed yet) at byte `i`.
            let (n, states, mut next) =
                self.to_flagged(&table.trans, [&a[i..], &b[i..], &c[i..], &d[i..]], [sa, sb, sc, sd]);
            i += n;
            [sa, sb, sc, sd] = states;
            if i == together {
                break;
            }
            let before = [sa, sb, sc, sd];
            let bytes = [a[i], b[i], c[i], d[i]];
            for k in 0..STREAMS {
                if next[k] & MATCH != 0 {
                    if next[k] == UNKNOWN {
                        next[k] = self.fill(cache, table, before[k], bytes[k])?;
                    }
                    if next[k] & MATCH != 0 {
                        found[k].push(starts[k] + i);
                    }
                    next[k] &= !MATCH;
                }
            }
            [sa, sb, sc, sd] = next;
            i += 1;
        }
        let sids = [sa, sb, sc, sd].map(|sid| table.lazy[sid as usize / self.stride]);
        for k in 0..STREAMS {
            let from = starts[k] + together;
            let to = bounds[k + 1].max(from);
            self.walk_on(cache, buf, from, to, sids[k], &mut found[k])?;
        }
        // The pieces are in order and disjoint, and so are their ends.
        for f in found {
            ends.extend(f);
        }
        ends.dedup();
        Ok(ends)
    }

    /// Steps the walks from `states` over `bufs` (of one length) side by
    /// side up to the first byte where one reaches an entry with the top
    /// bit set: how many bytes all of them read before it, their states
    /// there, and the entries of that byte (all `0` at the end). Out of
    /// line and free of calls, so that its loop keeps the states in
    /// registers.
    #[inline(never)]
    fn to_flagged(
        &self,
        trans: &[u32],
        bufs: [&[u8]; STREAMS],
        states: [u32; STREAMS],
    ) -> (usize, [u32; STREAMS], [u32; STREAMS]) {
        let classes = &self.classes;
        let len = bufs.iter().map(|b| b.len()).min().unwrap_or(0);
        let [a, b, c, d] = bufs.map(|b| &b[..len]);
        let [mut sa, mut sb, mut sc, mut sd] = states;
        for i in 0..len {
            let step = |sid: u32, b: u8| trans[sid as usize + usize::from(classes[usize::from(b)])];
            let next = [step(sa, a[i]), step(sb, b[i]), step(sc, c[i]), step(sd, d[i])];
            if (next[0] | next[1] | next[2] | next[3]) & MATCH != 0 {
                return (i, [sa, sb, sc, sd], next);
            }
            [sa, sb, sc, sd] = next;
        }
        (len, [sa, sb, sc, sd], [0; STREAMS])
    }

    /// The entry of `table` for our state `sid` and byte `b`, computed by
    /// the lazy DFA where unknown.
    fn fill(&self, cache: &mut Cache, table: &mut Table, sid: u32, b: u8) -> Result<u32, ()> {
        let at = sid as usize + usize::from(self.classes[usize::from(b)]);
        if table.trans[at] != UNKNOWN {
            return Ok(table.trans[at]);
        }
        let next = self
            .fwd
            .next_state(cache, table.lazy[sid as usize / self.stride], b)
            .map_err(drop)?;
        let entry = table.id(next, self.stride)? | if next.is_match() { MATCH } else { 0 };
        table.trans[at] = entry;
        Ok(entry)
    }

    /// The start state for a walk from `at` (which sees the byte before).
    fn start(&self, cache: &mut Cache, buf: &[u8], at: usize) -> Result<LazyStateID, ()> {
        self.fwd
            .start_state_forward(cache, &Input::new(buf).range(at..))
            .map_err(drop)
    }

    /// One walk over `buf[from..to]` from its start state.
    fn walk(&self, cache: &mut Cache, buf: &[u8], from: usize, to: usize, ends: &mut Vec<usize>) -> Result<(), ()> {
        let sid = self.start(cache, buf, from)?;
        self.walk_on(cache, buf, from, to, sid, ends)
    }

    /// A walk over `buf[from..to]` from `sid`, and past the buffer's end if
    /// `to` is there.
    fn walk_on(
        &self,
        cache: &mut Cache,
        buf: &[u8],
        from: usize,
        to: usize,
        mut sid: LazyStateID,
        ends: &mut Vec<usize>,
    ) -> Result<(), ()> {
        for (i, &b) in buf[from..to].iter().enumerate() {
            sid = self.fwd.next_state(cache, sid, b).map_err(drop)?;
            if sid.is_match() {
                ends.push(from + i);
            }
        }
        if to == buf.len() && self.fwd.next_eoi_state(cache, sid).map_err(drop)?.is_match() {
            ends.push(to);
        }
        Ok(())
    }
}

/// Whether `hir` may match `byte`.
fn admits(hir: &Hir, byte: u8) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(Literal(bytes)) => bytes.contains(&byte),
        HirKind::Class(Class::Bytes(c)) => c.iter().any(|r| (r.start()..=r.end()).contains(&byte)),
        HirKind::Class(Class::Unicode(c)) => c.iter().any(|r| (r.start()..=r.end()).contains(&char::from(byte))),
        HirKind::Repetition(r) => admits(&r.sub, byte),
        HirKind::Capture(c) => admits(&c.sub, byte),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(|h| admits(h, byte)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (start, end) of a match of `pattern` in `text`, by trying each
    /// span with the bytes around it (all its look-around sees).
    fn by_each_span(pattern: &str, text: &[u8]) -> Vec<(usize, usize)> {
        let re = |before: bool, after: bool| {
            let any = |yes: bool| if yes { "(?s:.)" } else { "" };
            regex::bytes::RegexBuilder::new(&format!("^{}(?:{pattern}){}$", any(before), any(after)))
                .unicode(false)
                .build()
                .unwrap()
        };
        let res = [[re(false, false), re(false, true)], [re(true, false), re(true, true)]];
        let mut out = Vec::new();
        for s in 0..=text.len() {
            for e in s..=text.len() {
                let (before, after) = (s > 0, e < text.len());
                let hay = &text[s - usize::from(before)..e + usize::from(after)];
                if res[usize::from(before)][usize::from(after)].is_match(hay) {
                    out.push((s, e));
                }
            }
        }
        out
    }

    fn widest(m: &AllMatches, text: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        m.for_each_widest(text, |s, e| out.push((s, e))).unwrap();
        out
    }

    /// The earliest start at each end of `all` (sorted), by end.
    fn earliest(all: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut by_end: Vec<(usize, usize)> = Vec::new();
        let mut sorted: Vec<(usize, usize)> = all.iter().map(|&(s, e)| (e, s)).collect();
        sorted.sort_unstable();
        for (e, s) in sorted {
            if by_end.last().is_none_or(|&(_, le)| le != e) {
                by_end.push((s, e));
            }
        }
        by_end
    }

    #[test]
    fn a_long_run_of_groups_costs_a_bounded_search_per_end() {
        // Every group's end ends a match that starts at the run's start.
        let m = AllMatches::new(r"\b(?:[0-9]{1,4} )*[0-9]{4} [0-9]{4} [0-9]{4}\b").unwrap();
        let run = "1234 ".repeat(200_000);
        let got = widest(&m, run.as_bytes());
        assert_eq!(got.len(), 200_000 - 2);
        assert_eq!(got[0], (0, 14));
        // The last ends' starts: the first group start in reach.
        let (s, e) = got[got.len() - 1];
        assert!((MAX_SPAN - 5..=MAX_SPAN).contains(&(e - s)), "{s}..{e}");
    }

    const PATTERN: &str =
        r"\b[0-9]{3}(?:-[0-9]{2}-| [0-9]{2} )[0-9]{4}\b|\b[A-Z]{2}[0-9]{2}(?: ?[0-9A-Z]{4}){2,7}\b|\b[0-9]{9}\b";

    #[test]
    fn finds_overlapping_matches_and_their_starts() {
        let m = AllMatches::new(PATTERN).unwrap();
        assert!(!m.crosses_lines);
        let text = b"x 123-45-6789 GB82 WEST 1234 5698 7654 32 and 123456789,";
        let got = widest(&m, text);
        assert!(got.contains(&(2, 13)), "{got:?}");
        assert!(got.contains(&(46, 55)), "{got:?}");
        assert!(got.contains(&(14, 38)), "{got:?}");
        assert!(got.contains(&(14, 28)), "{got:?}");
    }

    #[test]
    fn a_pattern_across_lines_is_walked_in_one_piece() {
        let m = AllMatches::new(r"a\nb|[0-9]{3}").unwrap();
        assert!(m.crosses_lines);
        let text = "xa\nb 123\n".repeat(40_000);
        let got = widest(&m, text.as_bytes());
        assert_eq!(got.len(), 80_000);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Every match a try at each start finds, and no other, across the
        /// pieces' cuts (the text is long enough for four pieces).
        #[test]
        fn agrees_with_a_try_at_each_start(parts in proptest::collection::vec(proptest::sample::select(vec![
            "0", "12", "345", "6789", "GB", "WEST", " ", "-", "\n", "a", "_", "XY99",
        ]), 0..30), copies in 1usize..3) {
            let m = AllMatches::new(PATTERN).unwrap();
            let text = parts.concat();
            let want = earliest(&by_each_span(PATTERN, text.as_bytes()));
            proptest::prop_assert_eq!(widest(&m, text.as_bytes()), want.clone());
            // Long: cut into pieces, each copy shifted by the filler (which
            // ends and starts with a line break, as the text's ends look).
            let filler = format!("\n{}", "lorem ipsum\n".repeat(MIN_STREAM / 6));
            let long = format!("{filler}{text}").repeat(copies * 4);
            let (flen, unit) = (filler.len(), filler.len() + text.len());
            let want_long: Vec<(usize, usize)> = (0..copies * 4)
                .flat_map(|c| want.iter().map(move |&(s, e)| (c * unit + flen + s, c * unit + flen + e)))
                .collect();
            proptest::prop_assert_eq!(widest(&m, long.as_bytes()), want_long);
        }
    }
}
