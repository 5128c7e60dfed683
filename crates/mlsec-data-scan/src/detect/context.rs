//! What stands around a value: its column's or field's name and the words
//! just before it, read once per value and asked against any number of word
//! lists ([`Context`]), and what a column's name says, worked out once per
//! column ([`ColumnWords`]).

use std::sync::Arc;

use super::{countries_in, ID_CONTEXT};
use crate::validate::ID_KINDS;

/// What column names say, worked out once per column (every value of a
/// column shares its name) instead of once per value: whether a name holds
/// one of a list of words, and which identifier kinds it names by their
/// own words. Keyed by the name's address (and the list's); each map holds
/// the name, so its address is not reused while the map lives.
#[derive(Default)]
pub(super) struct ColumnWords {
    lists: std::cell::RefCell<foldhash::HashMap<ColumnWordsKey, (Arc<str>, bool)>>,
    kinds: std::cell::RefCell<foldhash::HashMap<usize, (Arc<str>, u128)>>,
    countries: std::cell::RefCell<foldhash::HashMap<usize, (Arc<str>, u128)>>,
}

/// The name's address, the list's address and length, and whether a word
/// counts only at a word start.
type ColumnWordsKey = (usize, usize, usize, bool);

impl ColumnWords {
    pub(super) fn has(&self, col: &Arc<str>, words: &'static [&'static str], at_word_start: bool) -> bool {
        let key = (
            col.as_ptr() as usize,
            words.as_ptr() as usize,
            words.len(),
            at_word_start,
        );
        if let Some((_, found)) = self.lists.borrow().get(&key) {
            return *found;
        }
        let found = words
            .iter()
            .any(|w| Context::found(col.as_bytes(), w, at_word_start, false));
        self.lists.borrow_mut().insert(key, (col.clone(), found));
        found
    }

    /// The [`ID_KINDS`] whose own words are in the name `col`: bit `i` for
    /// `ID_KINDS[i]`. A word inside a longer word of another kind's at the
    /// same place names nothing (`bsn` in `bsnr`, `tin` in `itin`): the
    /// longer one names the column.
    pub(super) fn kinds(&self, col: &Arc<str>) -> u128 {
        let key = col.as_ptr() as usize;
        if let Some((_, m)) = self.kinds.borrow().get(&key) {
            return *m;
        }
        let m = named_kinds(col);
        self.kinds.borrow_mut().insert(key, (col.clone(), m));
        m
    }

    /// [`ColumnWords::kinds`], worked out.
    fn kinds_of(col: &str) -> u128 {
        let hay = col.as_bytes();
        let words: Vec<(usize, usize, usize)> = ID_KINDS
            .iter()
            .enumerate()
            .flat_map(|(i, k)| k.context.iter().map(move |w| (i, w.as_bytes())))
            .flat_map(|(i, w)| {
                occurs(hay, w)
                    .filter(move |&s| Context::stands(hay, s, w.len(), false, false))
                    .map(move |s| (i, s, s + w.len()))
            })
            .collect();
        let by_words = words
            .iter()
            .filter(|&&(i, s, e)| {
                !words
                    .iter()
                    .any(|&(j, s2, e2)| j != i && s2 <= s && e <= e2 && e2 - s2 > e - s)
            })
            .fold(0u128, |m, &(i, _, _)| m | 1 << i);
        // Words that name a kind's column but mean little before a number
        // in text (`social` for US SSNs: `social media`).
        const COLUMN_ONLY: [(&str, &str); 1] = [("social", "US_SSN")];
        COLUMN_ONLY
            .iter()
            .filter(|(w, _)| occurs(hay, w.as_bytes()).any(|s| Context::stands(hay, s, w.len(), true, false)))
            .flat_map(|&(_, entity)| ID_KINDS.iter().enumerate().filter(move |(_, k)| k.entity == entity))
            .fold(by_words, |m, (i, _)| m | 1 << i)
    }

    /// The [`COUNTRY_WORDS`](super::COUNTRY_WORDS) entries a word of which is in the name `col`
    /// ([`country_bit`](super::country_bit)).
    pub(super) fn countries(&self, col: &Arc<str>) -> u128 {
        let key = col.as_ptr() as usize;
        if let Some((_, m)) = self.countries.borrow().get(&key) {
            return *m;
        }
        let m = countries_in(col.as_bytes(), false);
        self.countries.borrow_mut().insert(key, (col.clone(), m));
        m
    }
}

/// The most column names [`named_kinds`] remembers.
const MAX_NAMED: usize = 4096;

/// [`ColumnWords::kinds`] of `col`, remembered for the process (the first
/// [`MAX_NAMED`] names): each buffer of a file has its own [`ColumnWords`],
/// and working the kinds out again for each column of each buffer took 2%
/// of a scan of a CSV file.
fn named_kinds(col: &str) -> u128 {
    static NAMED: std::sync::LazyLock<std::sync::RwLock<foldhash::HashMap<Box<str>, u128>>> =
        std::sync::LazyLock::new(Default::default);
    if let Some(m) = NAMED.read().ok().and_then(|n| n.get(col).copied()) {
        return m;
    }
    let m = ColumnWords::kinds_of(col);
    if let Ok(mut n) = NAMED.write() {
        if n.len() < MAX_NAMED {
            n.insert(col.into(), m);
        }
    }
    m
}

/// Lowercase the letters of the UTF-8 text in `bytes` (which may start or
/// end inside a character) in place, where that keeps its length, as it
/// does for Cyrillic and Greek: `РНОКПП` and `ΑΜΚΑ` before a number are
/// words of their kinds.
fn lowercase_letters(bytes: &mut [u8]) {
    let from = bytes.iter().position(|&b| b & 0xC0 != 0x80).unwrap_or(bytes.len());
    let valid = match std::str::from_utf8(&bytes[from..]) {
        Ok(t) => t.len(),
        Err(e) => e.valid_up_to(),
    };
    let text = std::str::from_utf8(&bytes[from..from + valid]).unwrap_or_default();
    let lower = text.to_lowercase();
    if lower.len() == text.len() {
        bytes[from..from + valid].copy_from_slice(lower.as_bytes());
    }
}

/// What stands around a candidate: its column's or field's name and the 48
/// bytes before it, both lowercase; read once per candidate and checked
/// against any number of word lists (lowercase ASCII).
pub(super) struct Context<'m> {
    pub(super) column: Option<Arc<str>>,
    pub(super) column_words: &'m ColumnWords,
    pub(super) pre: [u8; 48],
    pub(super) len: usize,
    /// The pairs of bytes in `pre` (see [`pair_bit`]): a word whose first
    /// two bytes are no such pair is not there, and is not searched for
    /// (lists of a hundred words are checked against most candidates).
    pub(super) pairs: [u64; 4],
    /// [`ID_CONTEXT`] in the name or just before, once looked up.
    pub(super) id_words: std::cell::OnceCell<bool>,
    /// [`ColumnWords::kinds`] of the name, once looked up.
    pub(super) named: std::cell::OnceCell<u128>,
    /// [`Context::countries`], once looked up.
    pub(super) countries: std::cell::OnceCell<u128>,
}

impl<'m> Context<'m> {
    pub(super) fn new(
        buf: &[u8],
        at: usize,
        column_of: &dyn Fn(usize) -> Option<Arc<str>>,
        column_words: &'m ColumnWords,
    ) -> Self {
        let src = &buf[at.saturating_sub(48)..at];
        let mut pre = [0u8; 48];
        pre[..src.len()].copy_from_slice(src);
        pre[..src.len()].make_ascii_lowercase();
        if !src.is_ascii() {
            lowercase_letters(&mut pre[..src.len()]);
        }
        let mut pairs = [0u64; 4];
        for w in pre[..src.len()].windows(2) {
            let bit = pair_bit(w[0], w[1]);
            pairs[bit / 64] |= 1 << (bit % 64);
        }
        Self {
            column: column_of(at),
            column_words,
            pre,
            len: src.len(),
            pairs,
            id_words: std::cell::OnceCell::new(),
            named: std::cell::OnceCell::new(),
            countries: std::cell::OnceCell::new(),
        }
    }

    /// Whether one of `words` is just before (not counting the name).
    pub(super) fn text_has(&self, words: &[&str]) -> bool {
        self.text_found(words, false)
    }

    pub(super) fn text_found(&self, words: &[&str], at_word_start: bool) -> bool {
        let may_hold = |w: &[u8]| match w {
            [a, b, ..] => {
                let bit = pair_bit(*a, *b);
                self.pairs[bit / 64] & (1 << (bit % 64)) != 0
            }
            _ => true,
        };
        words
            .iter()
            .any(|w| may_hold(w.as_bytes()) && Self::found(&self.pre[..self.len], w, at_word_start, true))
    }

    /// The identifier kinds the name names by their own words
    /// ([`ColumnWords::kinds`]).
    pub(super) fn named_kinds(&self) -> u128 {
        *self
            .named
            .get_or_init(|| self.column.as_ref().map_or(0, |c| self.column_words.kinds(c)))
    }

    /// Whether a word of a country's (`bit` and `words` of [`country_bit`](super::country_bit))
    /// is in the name or just before: one list, unless all are known.
    pub(super) fn names_country(&self, bit: u128, words: &'static [&'static str]) -> bool {
        match self.countries.get() {
            Some(m) => m & bit != 0,
            None => self.has(words),
        }
    }

    /// The countries a word of [`COUNTRY_WORDS`](super::COUNTRY_WORDS) names in the name or just
    /// before ([`country_bit`](super::country_bit)), looked up once.
    pub(super) fn countries(&self) -> u128 {
        *self.countries.get_or_init(|| {
            let column = self.column.as_ref().map_or(0, |c| self.column_words.countries(c));
            column | countries_in(&self.pre[..self.len], true)
        })
    }

    /// [`Context::has`] of [`ID_CONTEXT`], looked up once.
    pub(super) fn has_id_words(&self) -> bool {
        *self.id_words.get_or_init(|| self.has(ID_CONTEXT))
    }

    /// Whether one of `words` is in the name or just before.
    pub(super) fn has(&self, words: &'static [&'static str]) -> bool {
        self.find(words, false)
    }

    /// Whether one of `words` is in the name, where no letter precedes it.
    pub(super) fn column_has_at_word_start(&self, words: &'static [&'static str]) -> bool {
        self.column
            .as_ref()
            .is_some_and(|c| self.column_words.has(c, words, true))
    }

    /// [`Context::has`], counting a word only where no letter precedes it.
    pub(super) fn has_at_word_start(&self, words: &'static [&'static str]) -> bool {
        self.find(words, true)
    }

    /// A word of three letters or fewer (`vat`, `tel`, `uid`) counts only
    /// at the start of a word, not inside another (`private`, `hotel`,
    /// `quidem`); in the text before a value, only as a word of its own
    /// (not `Tellervo`, `Finn` or `Dean` before the value), while a column
    /// name may run words together (`ssnumber`).
    pub(super) fn find(&self, words: &'static [&'static str], at_word_start: bool) -> bool {
        self.column
            .as_ref()
            .is_some_and(|c| self.column_words.has(c, words, at_word_start))
            || self.text_found(words, at_word_start)
    }

    pub(super) fn found(hay: &[u8], w: &str, at_word_start: bool, text: bool) -> bool {
        occurs(hay, w.as_bytes()).any(|i| Self::stands(hay, i, w.len(), at_word_start, text))
    }

    /// Whether the word of `len` bytes at `i` in `hay` counts ([`Context::find`]).
    pub(super) fn stands(hay: &[u8], i: usize, len: usize, at_word_start: bool, text: bool) -> bool {
        let short = len <= 3;
        let letter = |i: usize| hay.get(i).is_some_and(u8::is_ascii_alphabetic);
        let glued_before = (at_word_start || short) && i > 0 && letter(i - 1);
        let glued_after = text && short && letter(i + len);
        !(glued_before || glued_after)
    }
}

/// A bit (of 256) for the pair of bytes `a`, `b` ([`Context`]).
fn pair_bit(a: u8, b: u8) -> usize {
    (usize::from(a) * 31 + usize::from(b)) & 255
}

/// Where `needle` occurs in `hay`, a short haystack (a context window, a
/// column name): its first byte found with `memchr` (a few vector compares
/// for a context window), then the rest compared; a substring searcher's
/// setup would cost more than the search.
pub(crate) fn occurs<'h>(hay: &'h [u8], needle: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
    let first = needle.first().copied().unwrap_or(0);
    memchr::memchr_iter(first, hay).filter(move |&i| !needle.is_empty() && hay[i..].starts_with(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_kinds_are_the_kinds() {
        let names = [
            "ssn",
            "customer_ssn",
            "bsnr",
            "itin",
            "nino",
            "email",
            "tax_id",
            "steuer_id",
            "x",
        ];
        for _ in 0..2 {
            for n in names {
                assert_eq!(named_kinds(n), ColumnWords::kinds_of(n), "{n}");
            }
        }
        let words = ColumnWords::default();
        let ssn: Arc<str> = "customer_ssn".into();
        assert_ne!(words.kinds(&ssn), 0);
        assert_eq!(words.kinds(&"x".into()), 0);
    }
}
