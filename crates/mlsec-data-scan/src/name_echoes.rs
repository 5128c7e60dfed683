//! A person's name said again near where it was found: `Thanks Shivani.`
//! after `Hi, I am Shivani Taneja`, `Dear Mr Okafor` after a signature's
//! `Chidi Okafor`. A conversation or a record names a person in full once
//! and then by a part of the name, with no cue the detector could read.
//!
//! The words of each name found are looked for, as whole words written as
//! in the name (a capital where it had one), in the same record or near
//! it; words next to each other make one name (`Mary Grace`). Words that
//! are also everyday words (`May`, `Will`, `Grace`) count only beside one
//! that is not; particles (`van`, `de`), titles and Latin-script words of
//! fewer than three letters are left out.
//!
//! Other values (a phone number, an IBAN, an address) are looked for again
//! as they were written ([`repeats`]).

/// A name's words that are read again, each with whether it counts
/// alone: capitalised (where the script has case), letters with inner `'`
/// or `-` only. An [`EVERYDAY`] word counts only beside one that does
/// (`Mary Grace`, not `Grace`).
fn name_words(name: &str) -> Vec<(&str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    for w in name.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '(' | ')' | '"' | '/' | ';' | ':')) {
        let w = w.trim_matches(|c: char| matches!(c, '\'' | '-'));
        let Some(first) = w.chars().next() else { continue };
        let latin =
            first.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&first) || ('\u{1e00}'..='\u{1eff}').contains(&first);
        let chars = w.chars().count();
        if first.is_lowercase()
            || !w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-') || is_mark(c))
            || chars < if latin { 3 } else { 2 }
            || chars > 40
            || TITLES.iter().any(|e| e.eq_ignore_ascii_case(w))
            || out.iter().any(|&(o, _)| o == w)
        {
            continue;
        }
        out.push((w, !EVERYDAY.iter().any(|e| e.eq_ignore_ascii_case(w))));
    }
    out
}

/// Combining marks (Thai vowels and tones, Devanagari matras and
/// viramas): letters' parts in the scripts that use them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{900}'..='\u{97f}' | '\u{e00}'..='\u{e7f}' | '\u{980}'..='\u{dff}')
}

/// Words that are names and everyday words too.
const EVERYDAY: &[&str] = &[
    "may", "will", "mark", "bill", "grace", "hope", "joy", "rose", "june", "april", "august", "summer", "dawn",
    "faith", "art", "frank", "guy", "ray", "rich", "sunny", "page", "hunter", "king", "young", "white", "black",
    "brown", "green", "long", "best", "chance", "victory", "star", "sky", "love", "major", "price", "city", "lane",
    "hill", "street",
];

/// Particles and titles, capitalised or not: no one's name alone.
const TITLES: &[&str] = &[
    "van", "von", "der", "den", "del", "della", "dos", "das", "bin", "binti", "ibn", "mrs", "miss", "sir", "dame",
    "herr", "frau", "prof", "the", "and", "mme", "mlle", "sra", "srta", "dott", "ing", "iii",
];

/// Whether the character just before `at` (or, `after`, the one at
/// `at`) is a letter, a digit, `_` or a mark: then `at` is inside a word.
/// The letter of a line break escaped in a JSON string (`\n`, `\t`, `\r`)
/// is none: `\n\n0660 516322\n` holds the number as a whole.
fn wordy(text: &[u8], at: usize, after: bool) -> bool {
    let escape = if after {
        text.get(at) == Some(&b'\\') && matches!(text.get(at + 1), Some(b'n' | b't' | b'r'))
    } else {
        at >= 2 && matches!(text[at - 1], b'n' | b't' | b'r') && text[at - 2] == b'\\'
    };
    if escape {
        return false;
    }
    let c = if after {
        let bytes = &text[at.min(text.len())..(at + 4).min(text.len())];
        match std::str::from_utf8(bytes) {
            Ok(s) => s.chars().next(),
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()])
                .ok()
                .and_then(|s| s.chars().next()),
        }
    } else {
        (at.saturating_sub(4)..at)
            .rev()
            .find(|&k| text[k] & 0xC0 != 0x80)
            .and_then(|k| std::str::from_utf8(&text[k..at]).ok())
            .and_then(|s| s.chars().next_back())
    };
    c.is_some_and(|c| c.is_alphanumeric() || c == '_' || is_mark(c))
}

/// How far from a name in text (not in a record) it is looked for again.
pub(crate) const TEXT_WINDOW: usize = 2048;

/// The longest record read whole for names and values said again; in a
/// longer one they are looked for [`TEXT_WINDOW`] around each, as in text.
pub(crate) const MAX_RECORD: usize = 64 << 10;

/// The most words or values one scope is searched for (each search reads
/// the scope once).
const MAX_LOOKED_FOR: usize = 128;

/// The most names and values read together in one scope.
pub(crate) const MAX_READ_TOGETHER: usize = 20;

/// The most names looked for in one scope: its own, then those named
/// before and after it whose scopes reach it, the nearest first (their
/// words stay near [`MAX_LOOKED_FOR`]).
pub(crate) const MAX_NEAR: usize = 48;

/// `spans` as sorted, disjoint spans covering the same bytes.
pub(crate) fn union(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Whether `s..e` touches none of `taken` (sorted, disjoint: see [`union`]).
pub(crate) fn untouched(taken: &[(usize, usize)], s: usize, e: usize) -> bool {
    let k = taken.partition_point(|t| t.1 <= s);
    taken.get(k).is_none_or(|t| t.0 >= e)
}

/// The spans in `text[scope]` where a word of the name at each of `names`
/// (spans of `text`) is said again as a whole word, touching none of
/// `taken` (values found already: sorted, disjoint, see [`union`]); words one space apart
/// make one span. In order, without overlaps.
pub(crate) fn echoes(
    text: &[u8],
    names: &[(usize, usize)],
    taken: &[(usize, usize)],
    scope: (usize, usize),
) -> Vec<(usize, usize)> {
    let (lo, hi) = (scope.0.min(text.len()), scope.1.min(text.len()));
    let mut words: Vec<(&str, bool)> = Vec::new();
    let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
    for &(s, e) in names {
        let Ok(name) = std::str::from_utf8(&text[s.min(e).min(text.len())..e.min(text.len())]) else {
            continue;
        };
        for w in name_words(name) {
            if words.len() < MAX_LOOKED_FOR && seen.insert(w.0) {
                words.push(w);
            }
        }
    }
    let mut found: Vec<(usize, usize, bool)> = Vec::new();
    // A full name in capitals, as a heading writes it (`CARLY BROWN` over
    // `Carly Brown, 73, of ...`): the whole name, not a word of it.
    let mut capitals: Vec<String> = Vec::new();
    for &(s, e) in names {
        let Ok(name) = std::str::from_utf8(&text[s.min(e).min(text.len())..e.min(text.len())]) else {
            continue;
        };
        let upper = name.to_uppercase();
        let words = name.split(' ').count();
        if (2..=4).contains(&words) && name.len() <= 40 && upper != name && !capitals.contains(&upper) {
            capitals.push(upper);
        }
        if capitals.len() >= MAX_LOOKED_FOR / 4 {
            break;
        }
    }
    if lo < hi {
        for upper in &capitals {
            for i in crate::detect::context::occurs(&text[lo..hi], upper.as_bytes()) {
                let (s, e) = (lo + i, lo + i + upper.len());
                if !wordy(text, s, false) && !wordy(text, e, true) && untouched(taken, s, e) {
                    found.push((s, e, true));
                }
            }
        }
        for (w, alone) in words {
            for i in crate::detect::context::occurs(&text[lo..hi], w.as_bytes()) {
                let (s, e) = (lo + i, lo + i + w.len());
                if !wordy(text, s, false) && !wordy(text, e, true) && untouched(taken, s, e) {
                    found.push((s, e, alone));
                }
            }
        }
    }
    found.sort_unstable();
    // Words one space apart make one span; a span of everyday words alone
    // is none.
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    for (s, e, alone) in found {
        match out.last_mut() {
            Some(last) if s < last.1 => {}
            Some(last) if s == last.1 + 1 && text[last.1] == b' ' => {
                last.1 = e;
                last.2 |= alone;
            }
            _ => out.push((s, e, alone)),
        }
    }
    out.into_iter()
        .filter(|o| {
            o.2 && !after_an_article(text, o.0)
                && !in_another_name(text, o.1)
                && !in_a_firms_name(text, o.0, o.1)
                && !second_of_two(text, o.0)
        })
        .map(|(s, e, _)| (s, e))
        .collect()
}

/// Whether the words said again at `start` follow an article (`a Adam
/// optimizer`, `the Kalman filter`): a thing named after someone.
fn after_an_article(text: &[u8], start: usize) -> bool {
    let before = &text[start.saturating_sub(5)..start];
    [&b" a "[..], b" an ", b" the ", b"\na ", b"\nan "]
        .iter()
        .any(|a| before.ends_with(a))
        || before == b"the " && start == 4
}

/// Whether the words said again, ending at `end`, begin another name: a
/// company's (a legal form or `& Sons` follows, `Jones Ltd`, `Jones &
/// Sons`), a street's (a street word follows, `Butler Trail`) or a
/// double-barrelled one (`Smith-Taylor`).
fn in_another_name(text: &[u8], end: usize) -> bool {
    let rest = &text[end..text.len().min(end + 12)];
    // A double-barrelled name's first part (`Smith-Taylor`).
    if rest.first() == Some(&b'-') && rest.get(1).is_some_and(u8::is_ascii_uppercase) {
        return true;
    }
    let Some(rest) = rest.strip_prefix(b" ") else {
        return false;
    };
    if rest.starts_with(b"& ") || rest.starts_with(b"and Sons") {
        return true;
    }
    let word = rest.split(|b| !b.is_ascii_alphabetic()).next().unwrap_or_default();
    std::str::from_utf8(word)
        .is_ok_and(|w| !w.is_empty() && (crate::detect::legal_form(w) || crate::detect::street_word(w)))
}

/// Whether the words said again at `start` are a double-barrelled name's
/// second part (`Sweeney-Murray`): another name's, or a firm's.
fn second_of_two(text: &[u8], start: usize) -> bool {
    start >= 2 && text[start - 1] == b'-' && (text[start - 2].is_ascii_alphabetic() || text[start - 2] >= 0x80)
}

/// Whether the words said again at `start..end` are one of the surnames a
/// firm is named by (`Welcome to Holden, Gough and Dean.`, `Gough &
/// Dean`): capitalised words, the first two set apart by a comma, the
/// last after `and` or `&` (or only `&` between two).
fn in_a_firms_name(text: &[u8], start: usize, end: usize) -> bool {
    let from = start.saturating_sub(40);
    let to = text.len().min(end + 40);
    // The words around, as spans; a line break ends the run.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
    while i < to {
        match text[i] {
            b' ' => i += 1,
            b'\n' | b'\r' => {
                words.push((i, i));
                i += 1;
            }
            _ => {
                let s = i;
                while i < to && !matches!(text[i], b' ' | b'\n' | b'\r') {
                    i += 1;
                }
                words.push((s, i));
            }
        }
    }
    let word = |k: usize| &text[words[k].0..words[k].1];
    let capital = |k: usize| {
        let w = word(k);
        let w = w
            .iter()
            .rposition(|b| !matches!(b, b',' | b'.' | b'\'' | b'"' | b';' | b')'))
            .map_or(&w[..0], |i| &w[..=i]);
        let w = &w[w.iter().take_while(|b| matches!(b, b'(' | b'\'' | b'"' | b'[')).count()..];
        w.len() >= 2
            && (w[0].is_ascii_uppercase() || w[0] >= 0xC3)
            && w[1..].iter().all(|&b| b.is_ascii_lowercase() || b >= 0x80)
    };
    let holds = |k: usize| words[k].0 <= start && end <= words[k].1;
    let and = |k: usize| word(k) == b"and" || word(k) == b"&";
    (0..words.len()).any(|k| {
        let listed = k + 3 < words.len()
            && word(k).ends_with(b",")
            && capital(k)
            && capital(k + 1)
            && and(k + 2)
            && capital(k + 3)
            && [k, k + 1, k + 3].into_iter().any(holds);
        let ampersand = k + 2 < words.len() && capital(k) && word(k + 1) == b"&" && capital(k + 2) && holds(k + 2);
        listed || ampersand
    })
}

/// The spans in `text[scope]` where the value at one of `values` (spans
/// of `text`, at least seven bytes) is written again, byte for byte, as a
/// whole (no letter or digit either side), touching none of `taken`
/// (sorted, disjoint): with the index of the value it repeats. A phone
/// number the user gave, quoted back in the assistant's draft.
pub(crate) fn repeats(
    text: &[u8],
    values: &[(usize, usize)],
    taken: &[(usize, usize)],
    scope: (usize, usize),
) -> Vec<(usize, usize, usize)> {
    let (lo, hi) = (scope.0.min(text.len()), scope.1.min(text.len()));
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    let mut seen: foldhash::HashSet<&[u8]> = foldhash::HashSet::default();
    for (i, &(s, e)) in values.iter().enumerate() {
        if e > text.len() || e < s + 7 || lo >= hi || seen.len() >= MAX_LOOKED_FOR || !seen.insert(&text[s..e]) {
            continue;
        }
        let v = &text[s..e];
        for at in crate::detect::context::occurs(&text[lo..hi], v) {
            let (a, b) = (lo + at, lo + at + v.len());
            if !wordy(text, a, false) && !wordy(text, b, true) && untouched(taken, a, b) {
                out.push((a, b, i));
            }
        }
    }
    out.sort_unstable();
    out.dedup_by(|x, y| x.0 < y.1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said_again<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
        let s = text.find(name).unwrap();
        let names = [(s, s + name.len())];
        echoes(text.as_bytes(), &names, &names, (0, text.len()))
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn a_full_name_in_capitals_is_an_echo_a_word_in_capitals_is_none() {
        let t = "CARLY BROWN\nCarly Brown, 73, of Leighview, passed away.";
        let names = [(12, 23)];
        let got: Vec<&str> = echoes(t.as_bytes(), &names, &names, (0, t.len()))
            .into_iter()
            .map(|(s, e)| &t[s..e])
            .collect();
        assert_eq!(got, ["CARLY BROWN"]);
        let t = "BROWN BEAR LTD\nCarly Brown, 73.";
        let names = [(15, 26)];
        assert!(echoes(t.as_bytes(), &names, &names, (0, t.len())).is_empty());
    }

    #[test]
    fn a_companys_name_is_no_echo() {
        assert!(
            said_again("Kathryn Jones died. Kathryn worked for Jones Ltd.", "Kathryn Jones")
                .iter()
                .all(|w| *w != "Jones")
        );
        assert!(said_again("Ann Jones. See Jones & Sons.", "Ann Jones").is_empty());
        assert_eq!(said_again("Ann Jones. Jones left.", "Ann Jones"), ["Jones"]);
        assert!(said_again("Ann Butler. A house on Butler Trail.", "Ann Butler").is_empty());
        assert!(said_again("Ann Smith. A caller from Smith-Taylor.", "Ann Smith").is_empty());
        assert!(said_again("Ann Murray. A caller from Sweeney-Murray.", "Ann Murray").is_empty());
        assert!(said_again("Ann Moss. ('Shah, Moss and Morley', 1)", "Ann Moss").is_empty());
        assert!(said_again("- Adam Pastuła\n- Baseline is a Adam optimizer", "Adam Pastuła").is_empty());
        // A firm named by its partners.
        assert!(said_again("Agent Dean: hi. Welcome to Holden, Gough and Dean. Bye", "Dean").is_empty());
        assert!(said_again("Agent Dean: hi. Welcome to Gough & Dean.", "Dean").is_empty());
        assert!(said_again("Ann Gough. Welcome to Gough, Dean and Holden.", "Ann Gough").is_empty());
        assert_eq!(said_again("Agent Dean: hi. Ellie and Dean left.", "Dean"), ["Dean"]);
    }

    #[test]
    fn a_name_said_again_by_a_part_of_it() {
        assert_eq!(
            said_again("Hi, I am Shivani Taneja. ... Thanks Shivani.", "Shivani Taneja"),
            ["Shivani"]
        );
        assert_eq!(
            said_again("Hi, I am Mary Grace Santos. Thanks Mary Grace.", "Mary Grace Santos"),
            ["Mary Grace"]
        );
        assert_eq!(
            said_again("Hoàng Thị Hương ... Thanks Thị Hương.", "Hoàng Thị Hương"),
            ["Thị Hương"]
        );
        assert_eq!(said_again("Hi, I am संजय नायर. Thanks संजय.", "संजय नायर"), ["संजय"]);
        assert_eq!(
            said_again("นวรรษนันท์ เขียวอ่อน ... Thanks นวรรษนันท์.", "นวรรษนันท์ เขียวอ่อน"),
            ["นวรรษนันท์"]
        );
        assert_eq!(
            said_again("From: Chidi Okafor\n\nDear Mr Okafor,", "Chidi Okafor"),
            ["Okafor"]
        );
    }

    #[test]
    fn only_whole_words_written_as_in_the_name() {
        // Inside a longer word, in lowercase (an e-mail's local part), or
        // inside a value found already.
        assert!(said_again("Ann Lee: annex, ann.lee@x.org, Annabel", "Ann Lee").is_empty());
        assert!(said_again("Li Wu wrote to Li and Wu", "Li Wu").is_empty());
        let text = "Shivani Taneja, shivani@mail.com Shivani";
        let names = [(0, 14)];
        assert_eq!(
            echoes(text.as_bytes(), &names, &[(0, 14), (33, 40)], (0, text.len())),
            []
        );
    }

    #[test]
    fn everyday_words_particles_and_titles_are_left_out() {
        assert!(said_again("Will Grace May wrote. Will you come? May I?", "Will Grace May").is_empty());
        assert_eq!(
            said_again("Ludwig van Beethoven: van Beethoven", "Ludwig van Beethoven"),
            ["Beethoven"]
        );
    }

    #[test]
    fn a_value_written_again_is_found_again() {
        let text = "Call me on 07293 169809. Draft: 07293 169809\nx107293 1698099";
        let v = [(11, 23)];
        assert_eq!(repeats(text.as_bytes(), &v, &v, (0, text.len())), [(32, 44, 0)]);
        // Short values are not looked for.
        assert!(repeats(b"12345 and 12345", &[(0, 5)], &[(0, 5)], (0, 15)).is_empty());
        // Between line breaks escaped in a JSON string; not after a word's
        // `n` (`In0660 516322`).
        let text = r#"ruf mich an 0660 516322", "Entwurf:\n\n0660 516322\n\nSehr" In0660 516322"#;
        let v = [(12, 23)];
        assert_eq!(repeats(text.as_bytes(), &v, &v, (0, text.len())), [(39, 50, 0)]);
    }

    #[test]
    fn only_in_scope() {
        let text = "Sara Kim. Sara. Sara.";
        assert_eq!(echoes(text.as_bytes(), &[(0, 8)], &[(0, 8)], (0, 15)), [(10, 14)]);
    }

    proptest::proptest! {
        /// Any bytes, any spans: no panic, and the spans are in scope,
        /// ordered and apart.
        #[test]
        fn any_input(text in proptest::collection::vec(proptest::sample::select(vec![
            b'A', b'n', b'a', b' ', b'.', 0xC3, 0xA9, 0xE0, 0xB8, 0x81, b'x', b'\n',
        ]), 0..80), spans in proptest::collection::vec((0usize..90, 0usize..90), 0..4), lo in 0usize..90, hi in 0usize..90) {
            let out = echoes(&text, &spans, &[], (lo, hi));
            let mut last = 0;
            for (s, e) in out {
                proptest::prop_assert!(s >= lo.min(text.len()) && e <= hi.min(text.len()) && s < e && s >= last);
                last = e;
            }
        }
    }
}
