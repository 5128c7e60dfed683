//! Phone numbers in free text, confirmed with libphonenumber's metadata (as
//! shipped in the `phonenumber` crate, turned into static tables at build
//! time: see [`Region`]).
//!
//! [`find_phones`] runs a permissive candidate regex (an optional `+` or
//! opening parenthesis, then 7 or more digits joined by at most three of
//! space, no-break space, parentheses, dot, dash or slash; not a tab, which
//! separates the fields of a TSV), throws away
//! candidates that are really something else, and keeps those whose
//! national significant number libphonenumber's metadata accepts:
//!
//! * candidates glued to a word or to a longer number (a letter, digit or
//!   underscore right before or after; `1.2.` / `-3` style continuations;
//!   hyphenated tokens such as UUID segments) are skipped; a trailing
//!   extension (`x123`, `ext. 123`) is allowed and included in the span;
//! * whole-candidate dates (`2024-01-31`, `31.01.2024`), year ranges
//!   (`1990-2000`), IPv4 addresses and dotted version strings with
//!   one-digit parts are skipped;
//! * candidates with more than 15 digits (two numbers separated by a
//!   space, say) are split at whitespace and each part is tried; card-like
//!   runs of four-digit groups are not split.
//!
//! Numbers written with `+` or `00` (or the default region's international
//! prefix, such as `011` in the US) are read internationally: the country
//! code is taken from the digits and the rest must be a valid national
//! number for it (a national trunk prefix written after the country code,
//! as in `+49 (0)30 ...`, is dropped when needed). Other numbers are read
//! in the default region: with its trunk prefix removed (`030` in Germany),
//! as they are, or with the region's country code removed (`1 415 ...` in
//! the US). A national number is valid when it matches the general pattern
//! and one of the number-type patterns (fixed line, mobile, toll free, ...)
//! of the region that owns it, which is what libphonenumber's
//! `isValidNumber` checks. The `phonenumber` crate's own parser is not
//! used: it drops trunk-prefix-like digits after the country code
//! (`+7 812 ...`), mistakes leading digits for a country code (`4525 6182`
//! in Denmark) and rejects `+3178-9984708`.

use std::rc::Rc;
use std::sync::{LazyLock, RwLock};

use regex::{Regex, RegexBuilder};

/// A number type of a region (fixed line, mobile, ...): its national
/// number pattern and the lengths it allows (none listed: any).
struct Desc {
    pattern: &'static str,
    lengths: &'static [u16],
}

/// libphonenumber's metadata of one region: the fields the finder reads.
/// Patterns are written in extended mode, as in the metadata.
struct Region {
    /// ISO 3166 alpha-2, or `001` for a non-geographic entity.
    id: &'static str,
    code: u16,
    /// The main region of a code several regions share.
    main: bool,
    /// Trunk prefix (`0`, `1`, `8`, ...).
    national_prefix: Option<&'static str>,
    /// International dialling prefix pattern (`011`, `00`, ...).
    international_prefix: Option<&'static str>,
    /// Leading digits that pick this region among those sharing its code.
    leading_digits: Option<&'static str>,
    /// The pattern every valid number matches.
    general: Desc,
    /// The number types the region has, in libphonenumber's order.
    types: &'static [Desc],
    /// How its national numbers are written (none: the main region's of
    /// its code, or no grouping).
    formats: &'static [Fmt],
}

/// One of libphonenumber's `numberFormat`s: which numbers it applies to
/// and the groups it writes them in.
struct Fmt {
    /// The national number's groups (`(\d{3})(\d{3})(\d{4})`), in extended mode.
    pattern: &'static str,
    /// How the groups are written (`($1) $2-$3`).
    format: &'static str,
    /// The last (most specific) leading-digits pattern that picks it.
    leading: Option<&'static str>,
    /// How the trunk prefix joins the first group (`0$FG`, `($NP$FG)`).
    trunk_rule: Option<&'static str>,
    /// Whether the national format may leave the trunk prefix out.
    trunk_optional: bool,
}

// `REGIONS`: every region, by country code, the main region of a code first
// (as the `phonenumber` crate's database orders them).
include!(concat!(env!("OUT_DIR"), "/phone_metadata.rs"));

/// The regions of country code `code`, the main one first.
fn regions_of(code: u16) -> &'static [Region] {
    let a = REGIONS.partition_point(|r| r.code < code);
    let b = REGIONS.partition_point(|r| r.code <= code);
    &REGIONS[a..b]
}

/// Phone number candidates in `text`: non-overlapping, leftmost, as the
/// pattern `(?:\(?\+ ?|\( ?)?[0-9](?:(?:[ ().\-/]|\xC2\xA0){0,3}[0-9]){6,}`
/// would find them (an optional `(`, `+`, `(+` prefix, then at least seven
/// digits, at most three separators between two digits), by hand: a byte
/// loop instead of a lazy DFA, several times faster on digit-heavy data,
/// run only inside the runs of seven [`number_byte`]s or more
/// ([`crate::runs::long_runs`]). A property
/// test checks it against the pattern.
fn candidates(text: &[u8]) -> Vec<(usize, usize)> {
    /// Length of the separator token at `i` (a no-break space is `C2 A0`).
    fn sep(t: &[u8], i: usize) -> usize {
        match t.get(i) {
            Some(b' ' | b'(' | b')' | b'.' | b'-' | b'/') => 1,
            Some(0xC2) if t.get(i + 1) == Some(&0xA0) => 2,
            _ => 0,
        }
    }
    /// From the digit at `i`: the end of the longest walk of digits joined
    /// by at most three separators, and the digits in it.
    fn walk(t: &[u8], mut i: usize) -> (usize, usize) {
        let mut digits = 1;
        i += 1;
        let mut end = i;
        loop {
            let mut j = end;
            let mut seps = 0;
            while seps < 3 {
                let n = sep(t, j);
                // Two spaces set columns apart (a fixed-width table's
                // `509313454972  8 (901) 552-14-29`), not a number's groups.
                if n == 0 || t[j] == b' ' && j > end && t[j - 1] == b' ' {
                    break;
                }
                j += n;
                seps += 1;
            }
            if t.get(j).is_some_and(u8::is_ascii_digit) {
                i = j;
            } else {
                // Fewer separators cannot reach a digit either: the run of
                // separators is what it is.
                return (end, digits);
            }
            while t.get(i).is_some_and(u8::is_ascii_digit) {
                digits += 1;
                i += 1;
            }
            end = i;
        }
    }
    let mut out = Vec::new();
    // A candidate is made of bytes of a number run and holds seven digits,
    // and a walk never leaves its run: each run of seven bytes or more is
    // read on its own (one with fewer digits has no candidate: its walks
    // count them, which costs less than counting them first).
    for (run_start, run_end) in crate::runs::long_runs(text, number_byte, 7) {
        let mut p = run_start;
        while p < run_end {
            let b = text[p];
            if !(b.is_ascii_digit() || b == b'(' || b == b'+') {
                p += 1;
                continue;
            }
            // Where the digits start after a prefix at `p`, if one fits.
            let digit_at = |q: usize| text.get(q).is_some_and(u8::is_ascii_digit).then_some(q);
            let first = if b.is_ascii_digit() {
                Some(p)
            } else {
                let q = if b == b'(' && text.get(p + 1) == Some(&b'+') {
                    p + 2
                } else {
                    p + 1
                };
                // An optional space after the prefix.
                digit_at(q).or_else(|| (text.get(q) == Some(&b' ')).then(|| digit_at(q + 1)).flatten())
            };
            let Some(first) = first else {
                p += 1;
                continue;
            };
            let (end, digits) = walk(text, first);
            if digits >= 7 {
                // A bracket around the whole number (`(13812345678)`,
                // `(+30 2106724329)`) is no part of it: the walk stops before
                // its `)`. One around an area code (`(0117) 496 0974`) is.
                let whole = b == b'(' && text.get(end) == Some(&b')') && !text[p..end].contains(&b')');
                out.push((if whole { p + 1 } else { p }, end));
            }
            // A start inside a walk that fell short only walks a part of it.
            p = if digits >= 7 || first == p { end } else { p + 1 };
        }
    }
    out
}

/// Whether `b` may be part of a phone number candidate: a digit, a
/// separator, a `+`, or a byte of a no-break space (`C2 A0`).
fn number_byte(b: u8) -> bool {
    matches!(
        b,
        b'0'..=b'9' | b' ' | b'(' | b')' | b'.' | b'-' | b'/' | b'+' | 0xC2 | 0xA0
    )
}

/// Whole-candidate shapes that are not phone numbers: ISO and European
/// dates, year ranges, a US SSN's `123-45-6789` (IPv4 addresses:
/// [`ipv4_shaped`]).
static NOT_PHONE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        r"[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}",
        r"|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2,4}",
        r"|(?:1[89]|20)[0-9]{2} ?[-/] ?(?:1[89]|20)[0-9]{2}",
        // A US social security number's shape: no country writes its
        // phone numbers so.
        r"|[0-9]{3}-[0-9]{2}-[0-9]{4}",
        r")$"
    ))
    .ok()
});

/// A date (with any separators, spaces too: `06 08 2023`), a year range,
/// an IPv4 address or a version string: not a phone number whatever its
/// digits.
fn not_a_number_shape(cand: &str) -> bool {
    let t = cand.trim();
    // The checks that need no search first: most dates stop there.
    date_groups(t) || ipv4_shaped(t) || dotted_version(t) || NOT_PHONE.as_ref().is_some_and(|re| re.is_match(t))
}

/// Four dotted groups of one to three digits, each at most 255: an IPv4
/// address (`532.123.45.67` is a Turkish mobile number).
fn ipv4_shaped(t: &str) -> bool {
    if memchr::memchr_iter(b'.', t.as_bytes()).count() != 3 {
        return false;
    }
    let groups: Vec<&str> = t.split('.').collect();
    groups.len() == 4
        && groups.iter().all(|g| {
            (1..=3).contains(&g.len())
                && g.bytes().all(|b| b.is_ascii_digit())
                && g.parse::<u16>().is_ok_and(|v| v <= 255)
        })
}

/// An extension written right after a number: `x123`, `ext. 123`, `#12`.
static EXTENSION: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(?i:x|ext\.?|extension|#)[ \t.:]*[0-9]{1,7}\b").ok());

/// libphonenumber patterns compiled anchored at the start, as whole-string
/// matches (`true`) or prefix matches (`false`), keyed by their source's
/// address and the kind (the `phonenumber` crate's own
/// `Descriptor::is_match` accepts a match of a prefix, which lets e.g. a
/// 9-digit number pass an 8-digit pattern).
static ANCHORED: LazyLock<RwLock<PatternMap>> = LazyLock::new(|| RwLock::new(PatternMap::default()));

/// Compiled patterns by source address and kind (see [`ANCHORED`]).
type PatternMap = foldhash::HashMap<(usize, bool), Option<Regex>>;

/// A thread's copies of [`ANCHORED`]'s patterns, each with the thread's
/// search cache (an `Rc`, so that taking one out does not start a new
/// cache the way cloning a `Regex` does).
type LocalPatterns = foldhash::HashMap<(usize, bool), Option<Rc<Regex>>>;

/// Longest candidate (in bytes) that is still examined.
const MAX_CANDIDATE_LEN: usize = 200;

/// Finds phone numbers in `text` and returns `(start, end, e164)` byte
/// ranges for those libphonenumber considers valid.
///
/// `default_region` (ISO 3166 alpha-2, e.g. `"US"`, case-insensitive) is
/// used for numbers written without an international prefix; numbers
/// starting with `+` or `00` are parsed internationally. With no (or an
/// unknown) default region only internationally written numbers are found.
pub fn find_phones(text: &str, default_region: Option<&str>) -> Vec<(usize, usize, String)> {
    find_phones_guessing(text, default_region, &[], &[], &|_| Guess::No)
        .into_iter()
        .map(|(s, e, e164, _)| (s, e, e164))
        .collect()
}

/// Whether a number written without a country code may be read as a
/// national number of a region it was not given in ([`find_phones_guessing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// No: only the default region (or an international prefix) counts.
    No,
    /// In one of the guessed regions.
    Listed,
    /// In one of the guessed regions, else in one of the wider ones (a
    /// value in a `phone` column is a phone number wherever it is valid).
    Wider,
    /// Only where it is written in the groups a guessed region's national
    /// format gives it ([`grouped_as_written`]): with no word that says
    /// it is a phone number, the way it is written must.
    Grouped,
    /// As [`Guess::Grouped`], where the guessed regions are the file's own
    /// (not a default list): there a number written in one run of digits
    /// with its region's trunk `0` (`0285601815` in a French file) is
    /// written as that region writes phone numbers too.
    Written,
    /// After a money transfer's cue (`kutoka kwa`, `sent to`): a run of
    /// digits that starts with its country code, written without its `+`
    /// as mobile-money messages write the other party's number
    /// (`255600748128`, [`unplussed`]), else as [`Guess::Written`].
    Transfer,
    /// As [`Guess::Wider`], and else as a number that is only possible
    /// ([`possible`]): in a column named for phones, a number libphonenumber
    /// calls invalid (an unassigned area code, a range newer than its
    /// metadata, test data) is still somebody's phone number to the data.
    Column,
}

/// How a number found by [`find_phones_guessing`] was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Valid in the default region, or written internationally.
    Valid,
    /// Valid in a region it was guessed in.
    Guessed,
    /// Valid nowhere, but of a possible length, where the caller allowed
    /// it ([`Guess::Column`]).
    Possible,
    /// Valid in a guessed region and written in its national format's
    /// groups, where the caller allowed only that ([`Guess::Grouped`]).
    Grouped,
}

/// [`find_phones`], and then numbers written without a country code that
/// are valid in one of the `guessed` regions (ISO alpha-2), or after them
/// in one of the `wider` ones, as `guess_allowed(start)` says (a caller
/// that saw the word "phone" nearby, say), and last, where it says
/// [`Guess::Column`], numbers that are only possible. The last field says
/// how the number was read.
#[must_use]
pub fn find_phones_guessing(
    text: &str,
    default_region: Option<&str>,
    guessed: &[String],
    wider: &[String],
    guess_allowed: &dyn Fn(usize) -> Guess,
) -> Vec<(usize, usize, String, Reading)> {
    let mut out = Vec::new();
    let region = default_region.and_then(metadata_of);
    // Looked up on first use: most texts need no guess.
    let guesses_once = std::cell::OnceCell::new();
    let guesses = || -> &Vec<&'static Region> {
        guesses_once.get_or_init(|| guessed.iter().filter_map(|r| metadata_of(r)).collect())
    };
    let wider_once = std::cell::OnceCell::new();
    let wider = || -> &Vec<&'static Region> {
        wider_once.get_or_init(|| {
            let listed = guesses();
            wider
                .iter()
                .filter_map(|r| metadata_of(r))
                .filter(|m| !listed.iter().any(|l| std::ptr::eq(*l, *m)))
                .collect()
        })
    };
    for (start, m_end) in candidates(text.as_bytes()) {
        // A note in brackets after the number is no part of it
        // (`+1 206-783-1387 (24/7)`, `... (2)`).
        let m_end = bracketed_note_start(&text.as_bytes()[start..m_end]).map_or(m_end, |k| start + k);
        // Candidates start and end on ASCII bytes, so they are char boundaries.
        let Some(cand) = text.get(start..m_end) else {
            continue;
        };
        // With no region to read national numbers in, only international
        // ones can be valid (a `+`, or `00` in the digits of the candidate or
        // of a part of it), or a guess where the caller allows one. Most
        // digit runs in data (dates, order numbers, amounts) stop here.
        if region.is_none() && guessed.is_empty() && !may_be_international(cand.as_bytes()) {
            continue;
        }
        // Glued to what is before it, no part of it is a number; glued to
        // what follows, only its last group is lost (below).
        if !starts_clear(text, start) {
            continue;
        }
        let end = clear_end(text, m_end);
        let n = digit_count(cand);
        if n <= 15 {
            let Some(end) = end else {
                continue;
            };
            if let Some(e164) = check(cand, region) {
                out.push((start, end, e164, Reading::Valid));
            } else if !not_a_number_shape(cand) {
                let plus = cand.trim_start_matches(['(', ' ']).starts_with('+');
                let guess = guess_allowed(start);
                let listed = || guesses().iter().find_map(|&g| check(cand, Some(g)));
                let e164 = if plus || guessed.is_empty() {
                    None
                } else {
                    match guess {
                        Guess::No | Guess::Grouped | Guess::Written => None,
                        Guess::Transfer => unplussed(cand),
                        Guess::Listed => listed(),
                        Guess::Wider | Guess::Column => listed()
                            .or_else(|| wider().iter().find_map(|&g| check(cand, Some(g))))
                            .or_else(|| unplussed(cand)),
                    }
                };
                let read = match e164 {
                    Some(e164) => Some((e164, Reading::Guessed)),
                    None if guess == Guess::Column => possible(cand).map(|p| (p, Reading::Possible)),
                    // The first region it is valid in must write it so:
                    // a shape of another region is no evidence.
                    None if matches!(guess, Guess::Grouped | Guess::Written | Guess::Transfer) && !plus => {
                        let grouped = || {
                            may_be_grouped(cand)
                                .then(|| {
                                    guesses()
                                        .iter()
                                        .find_map(|&g| check(cand, Some(g)).map(|e164| (g, e164)))
                                        .filter(|&(g, _)| grouped_as_written(cand, g))
                                        .map(|(_, e164)| e164)
                                })
                                .flatten()
                        };
                        let trunk = || {
                            matches!(guess, Guess::Written | Guess::Transfer)
                                .then(|| trunk_run(cand, guesses()))
                                .flatten()
                        };
                        grouped()
                            .or_else(trunk)
                            .or_else(|| bracketed_country_code(cand))
                            .or_else(|| chinese_mobile_run(cand, guesses()))
                            .map(|e164| (e164, Reading::Grouped))
                    }
                    None => None,
                };
                if let Some((e164, how)) = read {
                    out.push((start, end, e164, how));
                }
            }
        } else if cand.len() <= MAX_CANDIDATE_LEN && !card_like(cand) {
            // Numbers in a run of digit groups (`+358 6 29917883 120385-334G`):
            // only the run's last group needs the run's end to be clear.
            let mut split = Vec::new();
            split_candidates(cand, start, region, end.is_some(), &mut split);
            out.extend(split.into_iter().map(|(s, e, x)| (s, e, x, Reading::Valid)));
        }
    }
    out
}

/// Where a note in brackets at the end of `cand` starts (its space before
/// the bracket): at most four digits, after a number of eight or more
/// (`+1 206-783-1387 (24/7`, the candidate pattern having stopped before
/// `)`). Not a bracket inside the number (`+44 (0) 20 ...`).
fn bracketed_note_start(cand: &[u8]) -> Option<usize> {
    let k = cand.iter().rposition(|&b| b == b'(')?;
    let tail = &cand[k + 1..];
    let before = &cand[..k];
    (k > 0
        && cand[k - 1] == b' '
        && (1..=4).contains(&tail.iter().filter(|b| b.is_ascii_digit()).count())
        && tail
            .iter()
            .all(|&b| b.is_ascii_digit() || matches!(b, b'/' | b'-' | b'.' | b' '))
        && before.iter().filter(|b| b.is_ascii_digit()).count() >= 8)
        .then(|| k - 1 - before.iter().rev().skip(1).take_while(|&&b| b == b' ').count())
}

/// Whether `cand` has a `+` or, ignoring separators, two zeros in a row:
/// the only ways a number is written internationally.
fn may_be_international(cand: &[u8]) -> bool {
    let mut zero = false;
    for &b in cand {
        match b {
            b'+' => return true,
            b'0' if zero => return true,
            b'0' => zero = true,
            b'1'..=b'9' => zero = false,
            _ => {}
        }
    }
    false
}

/// A region's metadata by its ISO alpha-2 code (any case).
fn metadata_of(region: &str) -> Option<&'static Region> {
    let r = region.trim();
    (r.len() == 2)
        .then(|| REGIONS.iter().find(|m| m.id.eq_ignore_ascii_case(r)))
        .flatten()
}

/// The main region (ISO alpha-2) of an internationally written number
/// (`+49 30 ...`, `0049 30 ...`), if it is a valid one.
#[must_use]
pub fn region_of(number: &str) -> Option<&'static str> {
    let (plus, digits) = dialled(number);
    let e164 = if plus {
        international(&digits)?
    } else {
        international(digits.strip_prefix("00")?)?
    };
    main_region(country_code(&e164[1..])?.0).map(|m| m.id)
}

/// Whether `region` (ISO alpha-2, any case) has phone metadata.
#[must_use]
pub fn known_region(region: &str) -> bool {
    metadata_of(region).is_some()
}

/// The regions of `regions` (ISO alpha-2) whose numbers `text` holds as
/// people there write them: with the trunk `0` written, grouped as the
/// region's national format groups them ([`grouped_as_written`]), and
/// valid; with how many numbers each. Read from the first `limit` such
/// candidates. Where nothing else in a file points anywhere, forty
/// numbers written `0770 209 665` say it is Romanian.
#[must_use]
pub fn written_regions(text: &[u8], regions: &[String], limit: usize) -> Vec<(&'static str, usize)> {
    let regions: Vec<&'static Region> = regions
        .iter()
        .filter_map(|r| metadata_of(r))
        .filter(|r| r.national_prefix == Some("0"))
        .collect();
    let mut votes: Vec<(&'static str, usize)> = Vec::new();
    let candidates = candidates(text).into_iter().filter_map(|(s, e)| {
        let cand = std::str::from_utf8(&text[s..e]).ok()?;
        let body = cand.trim_start_matches('(');
        (body.starts_with('0') && !body.starts_with("00") && may_be_grouped(cand)).then_some(cand)
    });
    for cand in candidates.take(limit) {
        for r in &regions {
            if check(cand, Some(r)).is_some() && grouped_as_written(cand, r) {
                match votes.iter_mut().find(|(id, _)| *id == r.id) {
                    Some((_, n)) => *n += 1,
                    None => votes.push((r.id, 1)),
                }
            }
        }
    }
    votes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    votes
}

/// Number of ASCII digits in `s`.
fn digit_count(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

/// Whether a candidate at `start` is not glued to what is before it.
fn starts_clear(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    if let Some(p) = before.next() {
        if glues(p) {
            return false;
        }
        let pp = before.next();
        // A comma is a field or list separator in data, never part of a number
        // a phone candidate could continue (the candidate pattern has no commas).
        if matches!(p, '.' | '-' | '/' | ':') && pp.is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
        // (Save after Hebrew's one-letter prefixes, `ל-0531449671`,
        // `ב-08.06.1953`: `to`, `in`, `from`, `the`, `that`, `and`, `as`.)
        let hebrew_prefix = pp.is_some_and(|c| matches!(c, 'ל' | 'ב' | 'מ' | 'ה' | 'ש' | 'ו' | 'כ'))
            && before.next().is_none_or(|c| !c.is_alphanumeric());
        if p == '-' && pp.is_some_and(char::is_alphanumeric) && !hebrew_prefix {
            return false;
        }
    }
    true
}

/// Whether `c` next to a number makes it part of a word (`A1234567`,
/// `id_0612345678`): letters, digits and `_`, but not the letters of
/// scripts written without spaces between words (Chinese, Japanese, Thai,
/// Lao, Khmer, Myanmar) or of Korean, whose particles follow a number
/// directly: `联系电话13812345678`, `電話番号03-1234-5678です`.
fn glues(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !unspaced_letter(c)
}

/// A letter of a script that writes no space between a word and a number.
fn unspaced_letter(c: char) -> bool {
    matches!(u32::from(c),
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified Ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK Compatibility Ideographs
        | 0x20000..=0x3134F // CJK Extensions B to G
    )
}

/// Checks that a candidate ending at `end` is not glued to the letters,
/// digits or numeric continuations after it, and returns its end, extended
/// over a trailing extension.
fn clear_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    // An extension starts with one of these after blanks: most numbers
    // need no search for one.
    let lead = rest.bytes().find(|&b| b != b' ' && b != b'\t');
    let may_extend = matches!(lead, Some(b'x' | b'X' | b'e' | b'E' | b'#'));
    if let Some(ext) = EXTENSION.as_ref().filter(|_| may_extend).and_then(|re| re.find(rest)) {
        return Some(end + ext.end());
    }
    let mut after = rest.chars();
    if let Some(n) = after.next() {
        if glues(n) {
            return None;
        }
        let nn = after.next();
        if matches!(n, '.' | '-' | '/' | ':') && nn.is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
    }
    Some(end)
}

/// True for four-digit groups separated by single spaces or dashes (a card
/// number layout), which is never split into phone numbers.
fn card_like(s: &str) -> bool {
    let groups: Vec<&str> = s.split([' ', '-']).collect();
    groups.len() >= 3
        && groups[..groups.len() - 1]
            .iter()
            .all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Tries whitespace-separated windows of an over-long candidate, greedily
/// from the left, longest first.
fn split_candidates(
    cand: &str,
    offset: usize,
    region: Option<&'static Region>,
    end_clear: bool,
    out: &mut Vec<(usize, usize, String)>,
) {
    // Byte ranges of whitespace-free tokens.
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut tok_start: Option<usize> = None;
    for (i, c) in cand.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = tok_start.take() {
                tokens.push((s, i));
            }
        } else if tok_start.is_none() {
            tok_start = Some(i);
        }
    }
    if let Some(s) = tok_start {
        tokens.push((s, cand.len()));
    }
    let mut i = 0;
    while i < tokens.len() {
        let mut found = None;
        let mut digits = 0;
        let mut windows = Vec::new();
        for (j, &(s, e)) in tokens.iter().enumerate().skip(i) {
            digits += digit_count(&cand[s..e]);
            if digits > 15 || (j + 1 == tokens.len() && !end_clear) {
                break;
            }
            windows.push((j, digits));
        }
        for &(last, digits) in windows.iter().rev() {
            if digits < 7 {
                break;
            }
            let (s, e) = trim_window(cand, tokens[i].0, tokens[last].1);
            if s >= e {
                continue;
            }
            if let Some(e164) = check(&cand[s..e], region) {
                found = Some((last, s, e, e164));
                break;
            }
        }
        match found {
            Some((last, s, e, e164)) => {
                out.push((offset + s, offset + e, e164));
                i = last + 1;
            }
            None => i += 1,
        }
    }
}

/// Narrows `s..e` to start at a digit, `+` or `(` and end at a digit.
fn trim_window(cand: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let b = cand.as_bytes();
    while s < e && !(b[s].is_ascii_digit() || b[s] == b'+' || b[s] == b'(') {
        s += 1;
    }
    while e > s && !b[e - 1].is_ascii_digit() {
        e -= 1;
    }
    (s, e)
}

/// True for dotted strings with a one-digit part (`1.2.345678`), which are
/// versions or section numbers rather than phone numbers.
fn dotted_version(cand: &str) -> bool {
    !cand.starts_with('+')
        && cand.contains('.')
        && cand
            .split('.')
            .any(|part| part.bytes().filter(u8::is_ascii_digit).count() == 1)
}

/// Validates one candidate and returns its E.164 form.
fn check(cand: &str, region: Option<&'static Region>) -> Option<String> {
    let n = digit_count(cand);
    if !(7..=15).contains(&n) {
        return None;
    }
    let trimmed = cand.trim();
    let body = trimmed.trim_start_matches(['(', ' ']);
    // A national number needs a region: without one, nothing to check.
    let zero_zero = body.bytes().filter(u8::is_ascii_digit).take(2).eq(*b"00");
    if region.is_none() && !body.starts_with('+') && !zero_zero {
        return None;
    }
    if not_a_number_shape(trimmed) {
        return None;
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    if body.starts_with('+') {
        international(&digits)
    } else if let Some(rest) = digits.strip_prefix("00") {
        international(rest)
    } else {
        national(&digits, region?)
    }
}

/// Where the libphonenumber pattern `pattern` matches `s` from its start:
/// the end of the match, or with `whole`, `s.len()` if it matches all of
/// `s`. Compiled once, in extended mode as the metadata is written.
/// Patterns are `'static` strings of the metadata, so their address is
/// their key; each thread keeps its own map of the shared compiled
/// patterns, so the hot path neither hashes pattern text nor takes a lock.
fn anchored_match(pattern: &'static str, s: &str, whole: bool) -> Option<usize> {
    with_anchored(pattern, whole, |re| re.and_then(|r| r.find(s)).map(|m| m.end()))
}

/// `run` with the compiled form of `pattern` for [`anchored_match`]
/// (`None` if it does not compile).
fn with_anchored<T>(pattern: &'static str, whole: bool, run: impl FnOnce(Option<&Regex>) -> T) -> T {
    thread_local! {
        static LOCAL: std::cell::RefCell<LocalPatterns> = std::cell::RefCell::new(LocalPatterns::default());
    }
    let key = (pattern.as_ptr() as usize, whole);
    LOCAL.with(|l| {
        // Taken out (an `Rc`: the same search cache, where a clone of the
        // `Regex` would start a new one) so that `run` may look up other
        // patterns.
        let local = l.borrow().get(&key).cloned();
        if let Some(re) = local {
            return run(re.as_deref());
        }
        // First use on this thread: share the compiled pattern (a clone
        // shares the program; each thread then keeps its own search cache).
        let shared = ANCHORED.read().ok().and_then(|m| m.get(&key).cloned());
        let re = shared.unwrap_or_else(|| {
            let anchored = if whole {
                format!("^(?:{pattern})$")
            } else {
                format!("^(?:{pattern})")
            };
            // Numbers are ASCII digits: `\d` need not be Unicode's (a far
            // smaller automaton, compiled faster).
            let re = RegexBuilder::new(&anchored)
                .ignore_whitespace(true)
                .unicode(false)
                .build()
                .or_else(|_| RegexBuilder::new(&anchored).ignore_whitespace(true).build())
                .ok();
            if let Ok(mut map) = ANCHORED.write() {
                map.insert(key, re.clone());
            }
            re
        });
        let re = re.map(Rc::new);
        let out = run(re.as_deref());
        l.borrow_mut().insert(key, re);
        out
    })
}

/// The lengths of the digit groups of the national number `nsn` (valid
/// for country code `code`) as libphonenumber writes it in the national
/// format: with `with_trunk`, the trunk prefix joined to the first group
/// as the format's rule writes it (`020 7946 0958`), or as a group of its
/// own where no rule writes it (`1 415 555 2671`); else without it
/// (`(415) 555-2671`). `None` where no format applies, or where the
/// format needs the trunk prefix and `with_trunk` is false.
fn national_groups(code: u16, nsn: &str, with_trunk: bool) -> Option<Vec<usize>> {
    let regions = regions_of(code);
    let owner = regions.iter().find(|r| !r.formats.is_empty())?;
    let fmt = owner.formats.iter().find(|f| {
        f.leading.is_none_or(|ld| anchored_match(ld, nsn, false).is_some())
            && anchored_match(f.pattern, nsn, true).is_some()
    })?;
    let groups: Vec<&str> = with_anchored(fmt.pattern, true, |re| {
        re.and_then(|r| r.captures(nsn))
            .map(|c| c.iter().skip(1).map(|g| g.map_or("", |m| m.as_str())).collect())
    })?;
    // Written nationally without the trunk prefix a rule asks for
    // (`4155 552 671` for India's `04155 552 671`), it is no number of that
    // region as written (libphonenumber's matcher asks the same).
    let trunk_needed = fmt.trunk_rule.is_some_and(|r| r.contains("$NP")) && !fmt.trunk_optional;
    if !with_trunk && trunk_needed {
        return None;
    }
    // The trunk prefix joins the first group as the rule says
    // (libphonenumber replaces the format's first `$n` with the rule).
    // With no rule that writes it (`1` in the US), it is a group of its
    // own (`1 415 555 2671`).
    let first = if with_trunk {
        let np = owner.national_prefix?;
        Some(match fmt.trunk_rule.filter(|r| r.contains("$NP")) {
            Some(rule) => rule.replace("$NP", np).replace("$FG", "$1"),
            None => format!("{np} $1"),
        })
    } else {
        None
    };
    let mut written = String::new();
    let mut rest = fmt.format;
    let mut replaced_first = false;
    while let Some(at) = rest.find('$') {
        written.push_str(&rest[..at]);
        let digit = rest.as_bytes().get(at + 1).copied().filter(u8::is_ascii_digit);
        let Some(d) = digit else {
            written.push('$');
            rest = &rest[at + 1..];
            continue;
        };
        let group = |k: u8| {
            k.checked_sub(b'1')
                .and_then(|i| groups.get(usize::from(i)))
                .copied()
                .unwrap_or("")
        };
        match (&first, replaced_first) {
            (Some(rule), false) => {
                replaced_first = true;
                written.push_str(&rule.replace("$1", group(d)));
            }
            _ => written.push_str(group(d)),
        }
        rest = &rest[at + 2..];
    }
    written.push_str(rest);
    Some(digit_groups(&written))
}

/// The lengths of the runs of ASCII digits in `s`.
fn digit_groups(s: &str) -> Vec<usize> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(str::len)
        .collect()
}

/// How people write a region's national numbers besides libphonenumber's
/// format, with spaces only, by the numbers' first digits: Greek numbers
/// by their area code (`210 123 4567`, `210 1234567`, `2310 123456`,
/// `22860 66 034`) and mobile numbers (`694 696 2420`, `6946 962420`),
/// where libphonenumber writes `21 0087 2335`; Norwegian mobile numbers as
/// `920 96 654`, where it writes `92 09 66 54`.
const SPACED_GROUPINGS: &[(&str, &str, &[&[usize]])] = &[
    (
        "GR",
        "2",
        &[&[3, 7], &[3, 3, 4], &[4, 6], &[4, 3, 3], &[5, 5], &[5, 2, 3]],
    ),
    ("GR", "69", &[&[3, 7], &[3, 3, 4], &[4, 6], &[4, 3, 3]]),
    ("NO", "4", &[&[3, 2, 3]]),
    ("NO", "9", &[&[3, 2, 3]]),
];

/// Whether `cand` (its `digits`, in `groups`) is written with single
/// spaces in one of the [`SPACED_GROUPINGS`] of `region`.
fn spaced_as_people_write(cand: &str, digits: &str, groups: &[usize], region: &'static Region) -> bool {
    let spaced = cand.bytes().all(|b| b.is_ascii_digit() || b == b' ') && !cand.contains("  ");
    spaced
        && SPACED_GROUPINGS
            .iter()
            .any(|(id, lead, layouts)| *id == region.id && digits.starts_with(lead) && layouts.contains(&groups))
}

/// Whether `cand`, a number written without a country code that is valid
/// in `region`, is grouped as that region's national format groups it
/// (libphonenumber's strict grouping, and stricter): every separator falls
/// between two of the format's groups, and the first group (the area
/// code, or the trunk prefix written apart) is set apart unless all groups
/// are of one length. `415-555-2671`,
/// `(415) 555 2671` and `415 5552671` in the US, `020 7946 0958` in the
/// UK, `98765 43210` in India, `8 (301) 661-3186` in Russia, but not
/// `4155552671`, `41555-52671` or, in Italy, `311190-1111`. Few other
/// numbers are written as a region writes its phone numbers.
fn grouped_as_written(cand: &str, region: &'static Region) -> bool {
    let digits: String = cand.chars().filter(char::is_ascii_digit).collect();
    let groups = digit_groups(cand);
    if spaced_as_people_write(cand, &digits, &groups, region) {
        return true;
    }
    let written = splits(&groups);
    // Groups of one length (`3016 6131` in Denmark) need not set the
    // format's first group apart.
    let even = groups.iter().all(|&g| g == groups[0]);
    let code = region.code;
    let fits = |nsn: &str, with_trunk: bool| {
        valid_nsn(code, nsn)
            && national_groups(code, nsn, with_trunk).is_some_and(|g| {
                let format = splits(&g);
                // A trunk prefix set apart (`1 415 555 2671`) is no area
                // code: the split after the area code is wanted too (not
                // `1 4155552671`).
                let trunk_alone = with_trunk && region.national_prefix.map(str::len) == format.first().copied();
                let set_apart = written.first() == format.first() && (!trunk_alone || written.get(1) == format.get(1));
                (set_apart || even) && written.iter().all(|w| format.contains(w))
            })
    };
    region
        .national_prefix
        .and_then(|p| digits.strip_prefix(p))
        .is_some_and(|nsn| fits(nsn, true))
        || fits(&digits, false)
}

/// `cand` as one run of 11 to 13 digits (no separator) that is a valid
/// number read after a `+` (`255600748128`, `447911123456`), in E.164: an
/// MSISDN as SMS gateways and mobile-money messages write it. Only where a
/// word says it is a phone number ([`Guess::Wider`], [`Guess::Transfer`]):
/// a run of digits of another record often reads so too.
fn unplussed(cand: &str) -> Option<String> {
    let digits = cand.trim();
    ((11..=13).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| international(digits))
        .flatten()
}

/// `cand` as one run of digits that starts with a `0` the first of
/// `regions` it is valid in dials first: its trunk `0` before a valid
/// national number (`0285601815` in France), or, where the region has no
/// trunk prefix, the `0` its national numbers start with (`0974603693` in
/// Italy), in E.164. Few numbers of other records start with `0`.
fn trunk_run(cand: &str, regions: &[&'static Region]) -> Option<String> {
    if !cand.starts_with('0') || !cand.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let region = regions.iter().copied().find(|&g| check(cand, Some(g)).is_some())?;
    let nsn = match region.national_prefix {
        Some(prefix) if prefix.starts_with('0') => cand.strip_prefix(prefix)?,
        Some(_) => return None,
        None => cand,
    };
    valid_nsn(region.code, nsn).then(|| format!("+{}{nsn}", region.code))
}

/// `cand` as a Chinese mobile number in one run of eleven digits
/// (`13812345678`), in E.164, where China is the first of `regions`: in
/// China mobile numbers are written so, ungrouped, as a rule.
fn chinese_mobile_run(cand: &str, regions: &[&'static Region]) -> Option<String> {
    let china = regions.first().filter(|r| r.id == "CN")?;
    let b = cand.as_bytes();
    if b.len() != 11 || b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    check(cand, Some(china))
}

/// `cand` written with its country code in brackets and no `+`
/// (`(351) 926288975`, as Portuguese numbers are often written), in E.164:
/// a code of two or three digits, and a valid national number after it.
/// Asked only after the national readings: `(44) 99123-4567` is a
/// Brazilian number in a Brazilian file.
fn bracketed_country_code(cand: &str) -> Option<String> {
    let inner = cand.strip_prefix('(')?.trim_start_matches(' ');
    let (code, rest) = inner.split_once(')')?;
    if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = code.chars().chain(rest.chars().filter(char::is_ascii_digit)).collect();
    let (found, _) = country_code(&digits)?;
    (found.to_string() == code).then(|| international(&digits)).flatten()
}

/// Whether `cand` is in two or more groups of digits that do not read as
/// a date: the cheap part of [`grouped_as_written`], before any region's
/// patterns run.
fn may_be_grouped(cand: &str) -> bool {
    digit_groups(cand).len() >= 2 && !date_groups(cand)
}

/// Whether the digits of `t` are three groups that read as a date with
/// any separators (`2018 11 20`, `20 11 2018`, `11/20/2018`): Danish and
/// Norwegian numbers are written in pairs, and so are dates. No allocation:
/// every candidate is asked.
fn date_groups(t: &str) -> bool {
    let b = t.as_bytes();
    let mut runs = [(0usize, 0usize); 3];
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if n == 3 {
                return false;
            }
            runs[n] = (start, i);
            n += 1;
        } else {
            i += 1;
        }
    }
    let num = |(s, e): (usize, usize)| t.get(s..e).and_then(|d| d.parse::<u32>().ok()).unwrap_or(0);
    let len = |(s, e): (usize, usize)| e - s;
    let year = |y: u32| (1900..=2099).contains(&y);
    let month_day = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    let [a, m, c] = runs;
    n == 3
        && match (len(a), len(m), len(c)) {
            (4, 2, 2) => year(num(a)) && (month_day(num(m), num(c)) || month_day(num(c), num(m))),
            (2, 2, 4) => year(num(c)) && (month_day(num(m), num(a)) || month_day(num(a), num(m))),
            _ => false,
        }
}

/// Where separators split digit groups of these lengths: the number of
/// digits before each split.
fn splits(groups: &[usize]) -> Vec<usize> {
    groups
        .iter()
        .scan(0, |n, g| {
            *n += g;
            Some(*n)
        })
        .take(groups.len().saturating_sub(1))
        .collect()
}

/// A number-type descriptor accepts `nsn`: allowed length and full match.
fn desc_match(d: &'static Desc, nsn: &str) -> bool {
    let len_ok = d.lengths.is_empty() || d.lengths.iter().any(|&l| usize::from(l) == nsn.len());
    len_ok && anchored_match(d.pattern, nsn, true).is_some()
}

/// True when `nsn` is a valid national significant number of the region
/// `meta`: it matches the general pattern and at least one number type.
fn known_type(meta: &'static Region, nsn: &str) -> bool {
    desc_match(&meta.general, nsn) && meta.types.iter().any(|desc| desc_match(desc, nsn))
}

/// libphonenumber's `isValidNumber` for country code `code` and national
/// significant number `nsn`: the region sharing the code is picked by its
/// leading digits (or by the first region whose patterns fit), then the
/// number must be of a known type there.
fn valid_nsn(code: u16, nsn: &str) -> bool {
    if !(2..=17).contains(&nsn.len()) {
        return false;
    }
    let regions = regions_of(code);
    if let [only] = regions {
        return known_type(only, nsn);
    }
    for meta in regions {
        match meta.leading_digits {
            Some(ld) => {
                if anchored_match(ld, nsn, false).is_some() {
                    return known_type(meta, nsn);
                }
            }
            None => {
                if known_type(meta, nsn) {
                    return true;
                }
            }
        }
    }
    false
}

/// `c` as the ASCII byte a phone number written with it reads as: a digit
/// of another script ([`crate::digits`]), or a fullwidth `+`, bracket, dash, dot or slash, or an
/// ideographic space.
fn fold_char(c: char) -> Option<u8> {
    if let Some((_, d)) = crate::digits::other_digit(c) {
        return Some(b'0' + d);
    }
    match c {
        '\u{FF0B}' => Some(b'+'),
        '\u{FF08}' => Some(b'('),
        '\u{FF09}' => Some(b')'),
        '\u{FF0D}' => Some(b'-'),
        '\u{FF0E}' => Some(b'.'),
        '\u{FF0F}' => Some(b'/'),
        '\u{3000}' => Some(b' '),
        _ => None,
    }
}

/// `text` with its digits of other scripts written in ASCII
/// ([`fold_char`]), and for each byte of that (and its end) the offset in
/// `text` it comes from (as `u32`); `None` when `text` has no such digit. Most texts
/// are ruled out by a vectorised search for the lead bytes of those digits.
#[must_use]
pub fn fold_digits(text: &str) -> Option<(String, Vec<u32>)> {
    let b = text.as_bytes();
    // Only the characters at those lead bytes are decoded (a lead byte
    // starts a character in valid UTF-8).
    let digit_at = |i: usize| {
        text[i..]
            .chars()
            .next()
            .and_then(fold_char)
            .is_some_and(|f| f.is_ascii_digit())
    };
    if !memchr::memchr3_iter(0xD9, 0xDB, 0xDF, b).any(digit_at)
        && !memchr::memchr3_iter(0xE0, 0xE1, 0xEF, b).any(digit_at)
    {
        return None;
    }
    // Offsets as `u32`: a text is a chunk of a file, far below 4 GiB.
    let at = |i: usize| u32::try_from(i).ok();
    at(text.len())?;
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let i = at(i)?;
        match fold_char(c) {
            Some(f) => {
                out.push(char::from(f));
                map.push(i);
            }
            None => {
                out.push(c);
                map.extend(i..i + at(c.len_utf8())?);
            }
        }
    }
    map.push(at(text.len())?);
    Some((out, map))
}

/// Digits of a national number written with no country code that a phone
/// number may have: fewer are an extension or a short code, more an
/// identifier (a 15-digit IMEI).
const POSSIBLE_NATIONAL_DIGITS: std::ops::RangeInclusive<usize> = 7..=13;

/// `cand` read as a number that is possible though valid nowhere: written
/// internationally (`+`, or `00`), a known country code followed by a
/// national number of a length one of its regions allows (with or without
/// the trunk prefix, `+44 (0)115 ...`); else (also where `00` starts no
/// such number) [`POSSIBLE_NATIONAL_DIGITS`] digits. The number is
/// returned as `+` and its digits, or its digits.
fn possible(cand: &str) -> Option<String> {
    let (plus, digits) = dialled(cand);
    let national = || POSSIBLE_NATIONAL_DIGITS.contains(&digits.len()).then(|| digits.clone());
    let abroad = if plus {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    let Some(d) = abroad else {
        return national();
    };
    // `00` that starts no international number is a national number's
    // leading zeros (`(00246) 35728`); a `+` must start one.
    let fallback = || if plus { None } else { national() };
    if d.len() > 15 {
        return fallback();
    }
    let Some((code, nsn)) = country_code(d) else {
        return fallback();
    };
    let regions = regions_of(code);
    // The metadata lists lengths by number type (the general ones are not
    // filled in).
    let fits = |nsn: &str| {
        let n = u16::try_from(nsn.len()).unwrap_or(u16::MAX);
        regions.iter().any(|r| r.types.iter().any(|t| t.lengths.contains(&n)))
    };
    let stripped = trunk_prefix(code).and_then(|p| nsn.strip_prefix(p));
    if fits(nsn) || stripped.is_some_and(fits) {
        Some(format!("+{d}"))
    } else {
        fallback()
    }
}

/// Trunk prefix of the main region of a country code (`0`, `1`, `8`, ...).
fn trunk_prefix(code: u16) -> Option<&'static str> {
    main_region(code)?.national_prefix
}

/// The main region of a country calling code (the first, if none is marked).
fn main_region(code: u16) -> Option<&'static Region> {
    let metas = regions_of(code);
    metas.iter().find(|m| m.main).or(metas.first())
}

/// Reads `digits` (without `+`/`00`) as country code + national number.
fn international(digits: &str) -> Option<String> {
    let (code, nsn) = country_code(digits)?;
    if valid_nsn(code, nsn) {
        return Some(format!("+{code}{nsn}"));
    }
    let stripped = trunk_prefix(code).and_then(|p| nsn.strip_prefix(p))?;
    valid_nsn(code, stripped).then(|| format!("+{code}{stripped}"))
}

/// The country calling code that starts `digits` (written after `+` or
/// `00`) and the national number after it, which is not empty. Codes are
/// prefix-free: at most one length fits.
fn country_code(digits: &str) -> Option<(u16, &str)> {
    if digits.starts_with('0') {
        return None;
    }
    (1..=3.min(digits.len().saturating_sub(1))).find_map(|k| {
        let code = digits[..k].parse::<u16>().ok()?;
        (!regions_of(code).is_empty()).then(|| (code, &digits[k..]))
    })
}

/// Whether `number` is written with a `+` (past a `(` and spaces), and its
/// digits.
fn dialled(number: &str) -> (bool, String) {
    let body = number.trim().trim_start_matches(['(', ' ']);
    (
        body.starts_with('+'),
        body.chars().filter(char::is_ascii_digit).collect(),
    )
}

/// Reads `digits` as a number dialled in the region `meta`.
fn national(digits: &str, meta: &'static Region) -> Option<String> {
    let code = meta.code;
    if let Some(idd) = meta.international_prefix {
        if let Some(end) = anchored_match(idd, digits, false) {
            if end < digits.len() {
                if let Some(e164) = international(&digits[end..]) {
                    return Some(e164);
                }
            }
        }
    }
    if let Some(rest) = meta.national_prefix.and_then(|p| digits.strip_prefix(p)) {
        if valid_nsn(code, rest) {
            return Some(format!("+{code}{rest}"));
        }
    }
    if valid_nsn(code, digits) {
        return Some(format!("+{code}{digits}"));
    }
    let cc = code.to_string();
    let rest = digits.strip_prefix(cc.as_str())?;
    valid_nsn(code, rest).then(|| format!("+{code}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The hand-written candidate finder agrees with the pattern it
        /// replaces, on strings made of the bytes that matter.
        #[test]
        fn candidates_match_the_pattern(parts in proptest::collection::vec(proptest::sample::select(vec![
            "0", "1", "7", "12", "345", "6789", " ", "\t", "(", ")", ".", "-", "/", "+", "\u{a0}", "a", ",",
            "( ", "(+", "+ ", "  ", "x", "\u{c2}", "loremipsum", "é",
        ]), 0..120)) {
            // One space at a time (two in a row end a number: tested below).
            let mut text = parts.concat();
            while text.contains("  ") {
                text = text.replace("  ", " ");
            }
            let re = regex::bytes::RegexBuilder::new(
                r"(?:\(?\+ ?|\( ?)?[0-9](?:(?:[ ().\-/]|\xC2\xA0){0,3}[0-9]){6,}",
            )
            .unicode(false)
            .build()
            .unwrap();
            let t = text.as_bytes();
            // A bracket around the whole number is left out.
            let whole = |s: usize, e: usize| t[s] == b'(' && t.get(e) == Some(&b')') && !t[s..e].contains(&b')');
            let want: Vec<(usize, usize)> = re
                .find_iter(t)
                .map(|m| (m.start() + usize::from(whole(m.start(), m.end())), m.end()))
                .collect();
            proptest::prop_assert_eq!(candidates(t), want, "{:?}", text);
        }
    }

    #[test]
    fn two_spaces_end_a_number() {
        assert_eq!(candidates(b"509313454972  8 (901) 552-14-29"), [(0, 12), (14, 31)]);
        assert_eq!(candidates(b"555 1234 5678"), [(0, 13)]);
        assert_eq!(candidates(b"555  1234 5678"), [(5, 14)]);
    }

    #[test]
    fn a_bracket_around_the_whole_number_is_not_part_of_it() {
        assert_eq!(candidates(b"Wang (13812345678) said"), [(6, 17)]);
        assert_eq!(candidates(b"(+302682828807)"), [(1, 14)]);
        assert_eq!(candidates(b"(0117) 496 0974"), [(0, 15)]);
        assert_eq!(candidates(b"(+30) 6963 212233"), [(0, 17)]);
        // Not closed right after the number: the bracket stays.
        assert_eq!(candidates(b"(0117 496 0974 x"), [(0, 14)]);
    }

    #[test]
    fn numbers_glued_to_letters_of_unspaced_scripts_are_clear() {
        assert_eq!(e164s("联系电话13812345678。", Some("CN")), ["+8613812345678"]);
        assert_eq!(e164s("電話番号03-1234-5678です", Some("JP")), ["+81312345678"]);
        assert_eq!(e164s("โทร0812345678ครับ", Some("TH")), ["+66812345678"]);
        // Hebrew's one-letter prefixes (`to`) with a hyphen.
        assert_eq!(
            e164s("לעדכן את מספר הטלפון ל-0531449671.", Some("IL")),
            ["+972531449671"]
        );
        assert!(e164s("מספר אב-0531449671", Some("IL")).is_empty());
        // Latin letters still glue.
        assert!(e164s("id13812345678", Some("CN")).is_empty());
        assert!(e164s("13812345678x1y", Some("CN")).is_empty());
    }

    fn e164s(text: &str, region: Option<&str>) -> Vec<String> {
        find_phones(text, region).into_iter().map(|(_, _, e)| e).collect()
    }

    #[test]
    fn regexes_compile() {
        assert!(NOT_PHONE.is_some());
        assert!(EXTENSION.is_some());
    }

    #[test]
    fn us_numbers_with_default_region() {
        let text = "Call (415) 555-2671 or 650-253-0000 today.";
        let found = find_phones(text, Some("US"));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].2, "+14155552671");
        assert_eq!(&text[found[0].0..found[0].1], "(415) 555-2671");
        assert_eq!(found[1].2, "+16502530000");
        assert_eq!(e164s("tel 415.555.2671", Some("us")), ["+14155552671"]);
        assert_eq!(e164s("4155552671", Some("US")), ["+14155552671"]);
    }

    #[test]
    fn a_note_in_brackets_after_a_number_is_no_part_of_it() {
        assert_eq!(
            e164s("escalation contact is +1 206-783-1387 (24/7).", None),
            ["+12067831387"]
        );
        assert_eq!(bracketed_note_start(b"+1 206-783-1387 (24/7"), Some(15));
        assert_eq!(bracketed_note_start(b"+44 (0"), None);
        assert_eq!(bracketed_note_start(b"(0117) 496"), None);
        assert_eq!(bracketed_note_start(b"0117 (496"), None);
    }

    #[test]
    fn international_numbers() {
        assert_eq!(e164s("+44 20 7946 0958", None), ["+442079460958"]);
        assert_eq!(e164s("ring 0044 20 7946 0958", None), ["+442079460958"]);
        assert_eq!(e164s("+49 30 901820", Some("US")), ["+4930901820"]);
        assert_eq!(e164s("+33 1 42 68 53 00", None), ["+33142685300"]);
        assert_eq!(e164s("(+91) 98765 43210", None), ["+919876543210"]);
    }

    #[test]
    fn national_numbers_need_a_region() {
        assert!(e164s("020 7946 0958", None).is_empty());
        assert_eq!(e164s("020 7946 0958", Some("GB")), ["+442079460958"]);
        assert_eq!(e164s("030 901820", Some("DE")), ["+4930901820"]);
        assert_eq!(e164s("01 42 68 53 00", Some("FR")), ["+33142685300"]);
    }

    #[test]
    fn cases_the_phonenumber_parser_gets_wrong() {
        // Checked against Google's libphonenumber (Python port 9.0).
        assert_eq!(e164s("+7 812 570-53-15", None), ["+78125705315"]);
        assert_eq!(e164s("8 (812) 570-53-15", Some("RU")), ["+78125705315"]);
        assert_eq!(e164s("32 12 34 56", Some("DK")), ["+4532123456"]);
        assert_eq!(e164s("+49 (0)30 901820", None), ["+4930901820"]);
        assert_eq!(e164s("+3178-9984708", None), ["+31789984708"]);
        assert_eq!(e164s("06 1 234 5678", Some("HU")), ["+3612345678"]);
    }

    #[test]
    fn idd_and_extensions() {
        assert_eq!(e164s("011 44 20 7946 0958", Some("US")), ["+442079460958"]);
        let text = "Desk: (415) 555-2671 x123, thanks";
        let found = find_phones(text, Some("US"));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0..found[0].1], "(415) 555-2671 x123");
        assert_eq!(found[0].2, "+14155552671");
        assert_eq!(e164s("415-555-2671 ext. 7", Some("US")), ["+14155552671"]);
    }

    #[test]
    fn lists_of_numbers_are_split() {
        let found = e164s("415 555 2671 650 253 0000", Some("US"));
        assert_eq!(found, ["+14155552671", "+16502530000"]);
    }

    #[test]
    fn hard_negatives() {
        for text in [
            "2024-01-31",
            "on 31.01.2024 at noon",
            "1990-2000",
            "192.168.100.200",
            "version 1.2.3456789",
            "v10.0.19041",
            "123e4567-e89b-12d3-a456-426614174000",
            "sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "id abc4155552671",
            "4155552671abc",
            "41555526711234567",
            "4111 1111 1111 1111",
            "12:30:45",
            "1,234,567,890",
            "3.14159265358979",
        ] {
            assert!(e164s(text, Some("US")).is_empty(), "{text}");
        }
        // A US SSN's shape is a valid Polish mobile number's digits.
        assert_eq!(e164s("536 904 399", Some("PL")), ["+48536904399"]);
        assert!(e164s("ssn 536-90-4399", Some("PL")).is_empty());
    }

    #[test]
    fn invalid_numbers_are_rejected() {
        // Area code 123 does not exist; +44 20 with too few digits.
        assert!(e164s("(123) 456-7890", Some("US")).is_empty());
        assert!(e164s("+44 20 7946", None).is_empty());
        assert!(e164s("", Some("US")).is_empty());
        assert!(e164s("555", Some("ZZ")).is_empty());
    }

    #[test]
    fn digits_of_other_scripts_fold_to_ascii() {
        assert!(fold_digits("call +1 415 692 3801").is_none());
        assert!(fold_digits("\u{65e5}\u{672c}\u{8a9e}").is_none());
        let text = "tel \u{FF10}\u{FF13}\u{FF0D}1234 \u{09e6}\u{09e7}";
        let (folded, map) = fold_digits(text).unwrap();
        let map: Vec<usize> = map.into_iter().map(|i| i as usize).collect();
        assert_eq!(folded, "tel 03-1234 01");
        assert_eq!(map.len(), folded.len() + 1);
        // Each folded byte points at the start of its character.
        assert_eq!(&text[map[4]..map[7]], "\u{FF10}\u{FF13}\u{FF0D}");
        assert_eq!(&text[map[12]..map[14]], "\u{09e6}\u{09e7}");
        assert_eq!(map[14], text.len());
        // Persian and Arabic-Indic digits.
        assert_eq!(fold_digits("\u{06f0}\u{06f9}\u{0660}").unwrap().0, "090");
    }

    #[test]
    fn possible_numbers_have_a_known_code_and_a_length_it_allows() {
        // Valid nowhere (area codes 452 and 835 are unassigned), possible.
        assert_eq!(possible("+1-452-891-1894").as_deref(), Some("+14528911894"));
        assert_eq!(possible("+90(835)811-4618").as_deref(), Some("+908358114618"));
        // With the trunk prefix after the code, and written with `00`.
        assert_eq!(possible("+44(0)115 496 0174").as_deref(), Some("+4401154960174"));
        assert_eq!(possible("0047 07 11 47 06").as_deref(), Some("+4707114706"));
        assert_eq!(possible("(64)/533-5534").as_deref(), Some("645335534"));
        // No such code, a code with too few or too many digits after it, a
        // national run too long for a phone (an IMEI).
        for cand in [
            "+0 123 456 789",
            "+1 234 56",
            "+49 1234 5678 9012 34",
            "490154203237518",
            "00 73 43",
        ] {
            assert_eq!(possible(cand), None, "{cand}");
        }
        // Leading zeros that start no international number.
        assert_eq!(possible("(00246) 35728").as_deref(), Some("0024635728"));
    }

    #[test]
    fn only_a_phone_column_admits_a_possible_number() {
        fn find(text: &str, guess: Guess) -> Vec<(&str, Reading)> {
            find_phones_guessing(text, None, &["US".to_owned()], &[], &|_| guess)
                .into_iter()
                .map(|(s, e, _, how)| (&text[s..e], how))
                .collect()
        }
        for guess in [Guess::No, Guess::Listed, Guess::Wider] {
            assert!(find("+1-452-891-1894", guess).is_empty(), "{guess:?}");
        }
        assert_eq!(
            find("+1-452-891-1894", Guess::Column),
            [("+1-452-891-1894", Reading::Possible)]
        );
        assert_eq!(
            find("(10)/704-2797", Guess::Column),
            [("(10)/704-2797", Reading::Possible)]
        );
        // A valid number is read as one, a date is no number at all.
        assert_eq!(
            find("(415) 692-3801", Guess::Column),
            [("(415) 692-3801", Reading::Guessed)]
        );
        assert!(find("2024-01-31", Guess::Column).is_empty());
        assert!(find("12.05.2024", Guess::Column).is_empty());
    }

    /// In the file's own regions, one run of digits with the trunk `0` of
    /// the first region it is valid in; not in a default list, not with
    /// another trunk, not without one.
    #[test]
    fn a_run_with_its_trunk_zero_counts_in_the_files_own_regions() {
        fn find(text: &str, regions: &[&str], guess: Guess) -> Vec<String> {
            let regions: Vec<String> = regions.iter().map(|r| (*r).to_owned()).collect();
            find_phones_guessing(text, None, &regions, &[], &|_| guess)
                .into_iter()
                .map(|(s, e, _, _)| text[s..e].to_owned())
                .collect()
        }
        assert_eq!(find("Noted 0285601815 today", &["FR"], Guess::Written), ["0285601815"]);
        assert_eq!(find("see 01514960846.", &["GB"], Guess::Written), ["01514960846"]);
        assert!(find("0285601815", &["FR"], Guess::Grouped).is_empty());
        // No trunk, or a trunk that is not `0`.
        assert!(find("4155552671", &["US"], Guess::Written).is_empty());
        assert!(find("14155552671", &["US"], Guess::Written).is_empty());
        // Not valid with its trunk.
        assert!(find("0085601815", &["FR"], Guess::Written).is_empty());
        // Chinese mobile numbers in one run, where China comes first.
        assert_eq!(find("王五 13812345678", &["CN"], Guess::Grouped), ["13812345678"]);
        assert_eq!(find("王五 (13812345678) 说", &["CN"], Guess::Grouped), ["13812345678"]);
        assert!(find("王五 13812345678", &["US", "CN"], Guess::Grouped).is_empty());
        assert!(find("王五 23812345678", &["CN"], Guess::Grouped).is_empty());
        // Italy dials no trunk: its landline numbers start with `0`.
        assert_eq!(find("see 0974603693", &["IT"], Guess::Written), ["0974603693"]);
        assert!(find("see 3510882632", &["IT"], Guess::Written).is_empty());
        // After a transfer's cue, an MSISDN of any country, its `+` left
        // out; not without the cue, nor a run that is valid nowhere, nor one
        // with separators.
        let msisdn = "kutoka kwa 255686319104 - HASSAN";
        assert_eq!(find(msisdn, &["KE"], Guess::Transfer), ["255686319104"]);
        assert!(find(msisdn, &["KE"], Guess::Written).is_empty());
        assert!(find("kwa 255000748128", &["KE"], Guess::Transfer).is_empty());
        assert!(find("kwa 255 600 748 128", &["KE"], Guess::Transfer).is_empty());
        // The file's own numbers with their trunk still count after it.
        assert_eq!(find("kwa 0739063143", &["KE"], Guess::Transfer), ["0739063143"]);
    }

    /// With no phone word, a national number counts only as the first
    /// region it is valid in groups it (libphonenumber's strict grouping).
    #[test]
    fn a_number_with_no_phone_word_must_be_grouped_as_its_region_writes_it() {
        fn find(text: &str, regions: &[&str]) -> Vec<(String, Reading)> {
            let regions: Vec<String> = regions.iter().map(|r| (*r).to_owned()).collect();
            find_phones_guessing(text, None, &regions, &[], &|_| Guess::Grouped)
                .into_iter()
                .map(|(s, e, _, how)| (text[s..e].to_owned(), how))
                .collect()
        }
        for (text, region) in [
            ("415-555-2671", "US"),
            ("(415) 555-2671", "US"),
            ("415 5552671", "US"),
            ("1 415 555 2671", "US"),
            ("020 7946 0958", "GB"),
            ("98765 43210", "IN"),
            ("8 (812) 123-4567", "RU"),
            ("8 (812) 123-45-67", "RU"),
            ("030 1234567", "DE"),
            ("06 12 34 56 78", "FR"),
            ("3016 6131", "DK"),
        ] {
            assert_eq!(
                find(text, &[region]),
                [(text.to_owned(), Reading::Grouped)],
                "{text} in {region}"
            );
        }
        for (text, region) in [
            // Not grouped: bare, or split inside a group of the format.
            ("4155552671", "US"),
            ("41555-52671", "US"),
            ("4155 552 671", "US"),
            ("311190-1111", "IT"),
            // A trunk prefix set apart is no area code.
            ("1 4155552671", "US"),
            // Germany writes this number with its trunk `0`.
            ("30 1234567", "DE"),
            // Valid in the US first, where it is not grouped so: the
            // shape of a region further down the list is no evidence.
            ("4155 552 671", "US,IN"),
            // Dates in pairs.
            ("2018 11 20", "DK"),
            ("20 11 2018", "DK"),
            // Not valid at all.
            ("123 456 789", "GB"),
        ] {
            let regions: Vec<&str> = region.split(',').collect();
            assert!(find(text, &regions).is_empty(), "{text} in {region}");
        }
        // A country code in brackets with a valid national number after it.
        for text in ["(351) 926288975", "(351) 273 537 990"] {
            assert_eq!(find(text, &["US"]), [(text.to_owned(), Reading::Grouped)], "{text}");
        }
        // Not a country code, or not valid after it.
        assert!(find("(1) 926288975", &["US"]).is_empty());
        assert!(find("(351) 12345678", &["US"]).is_empty());
        // A phone word (any other guess) still reads it as before.
        assert_eq!(
            find_phones_guessing("4155552671", None, &["US".to_owned()], &[], &|_| Guess::Listed).len(),
            1
        );
    }
}
