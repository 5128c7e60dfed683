//! Names in running prose that no label marks, where the sentence around
//! them says a person is meant, as news, obituaries, judgments, letters
//! and transcripts write them:
//!
//! - an age right after the name (`Carly Brown, 73, of Leighview`, `Ayşe
//!   Ağ (65) uit Gouda`, `王洁（73岁）说`, `김민준(82) 씨는`, `佐藤さん（77）`);
//! - a verb of speech before or after it (`said Amaira Sidhu, 60.`, `Hazel
//!   Davies said`, `," Ms Davies said.`, `dijo Chema Varela,`);
//! - a person's role right before it (`The victim, Maria Lopez, asks`,
//!   `by her husband, Rob Clarke.`, `Owner Joan McCarthy, who`,
//!   `reported to Dennis Baumann;`);
//! - a byline (`By Leslie Wilson | 3 August 2023`), and a subtitle's
//!   voice (`<v Max Mustermann>` in WebVTT).
//!
//! A name is two to four capitalised words (or one after a person's title,
//! `Ms Davies`), none a word no name holds (`beside::not_name_word`), and
//! what ends it must end a clause: a title (`New York police`) or a place
//! (`officials in New Zealand said`) is none.

use super::answers::words_end;
use super::beside::{name_from, name_word, name_words, not_name_word, NewHits, STOP_WORDS};
use super::names_before_verbs::{utf8_prefix, utf8_suffix};
use super::{line_before, Hit};

/// The verbs of speech around a quoted person's name (lowercase).
pub(super) const SAID: [&str; 26] = [
    "said",
    "says",
    "told",
    "added",
    "explained",
    "dijo",
    "explic\u{f3}",
    "afirm\u{f3}",
    "disse",
    "diz",
    "ha detto",
    "s\u{e4}ger",
    "zegt",
    "sagt",
    "sagte",
    "m\u{f3}wi",
    "explique",
    "sier",
    "siger",
    "sanoo",
    "dedi",
    "diyor",
    "\u{8bf4}",
    "\u{8a71}\u{3057}\u{305f}",
    "\u{b9d0}\u{d588}\u{b2e4}",
    "\u{928}\u{947} \u{915}\u{939}\u{93e}",
];

/// Words of the paragraphs that give a person's age after the name
/// (lowercase): an obituary's, a report's. Only cues: near them (and near
/// [`SAID`] and [`ROLES`]) ages are looked for.
pub(super) const AGED: [&str; 15] = [
    "passed away",
    "died",
    "survived by",
    "funeral",
    "aged",
    "years old",
    "a\u{f1}os",
    "anos",
    "ans",
    "anni",
    "jaar",
    "jahre",
    "\u{751f}\u{ff09}",
    "\u{751f})",
    "\u{c0dd})",
];

/// The roles set right before a person's name (lowercase): `The victim,
/// Maria Lopez,`, `organiser Amaira Sidhu`, `reported to Dennis Baumann;`.
pub(super) const ROLES: [&str; 71] = [
    "homeowner",
    "neighbour",
    "neighbor",
    "victim",
    "owner",
    "claimant",
    "defendant",
    "appellant",
    "respondent",
    "petitioner",
    "complainant",
    "witness",
    "driver",
    "suspect",
    "husband",
    "wife",
    "partner",
    "son",
    "daughter",
    "mother",
    "father",
    "brother",
    "sister",
    "grandson",
    "granddaughter",
    "engineer",
    "manager",
    "organiser",
    "organizer",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "resident",
    "tenant",
    "landlord",
    "patient",
    "employee",
    "colleague",
    "friend",
    "teacher",
    "nurse",
    "chairman",
    "chairwoman",
    "director",
    "founder",
    "headteacher",
    "councillor",
    "coach",
    "pensioner",
    "shopkeeper",
    "volunteer",
    "cyclist",
    "pedestrian",
    "motorist",
    "seller",
    "buyer",
    "lead",
    "coordinator",
    "children",
    "grandchildren",
    "parents",
    "siblings",
    "niece",
    "nephew",
    "cousin",
    "widow",
    "widower",
    "reported to",
    "transfer from",
    "transfer to",
    "speaking with",
];

/// The words before two people joined by `and` (`between James Lynch and
/// Susan Owens`), lowercase.
pub(super) const BETWEEN: [&str; 5] = ["between", "entre", "zwischen", "tussen", "tra"];

/// A byline's word and a WebVTT voice's tag (`By`, `<v `).
pub(super) const MARKS: [&str; 2] = ["by", "<v "];

/// The words a person introduces themselves with, lowercase: one given
/// name is enough after them (`Hello, my name is Kimberly, how can I
/// help`, `le atiende Hernán,`, `u spreekt met Felix,`, `меня зовут Дарья,`).
pub(super) const INTRODUCTIONS: [&str; 40] = [
    "my name is",
    "my name's",
    "you're speaking with",
    "you are speaking with",
    "you're chatting with",
    "you are chatting with",
    "mein name ist",
    "ich hei\u{df}e",
    "ich heisse",
    "sie sprechen mit",
    "je m'appelle",
    "je m\u{2019}appelle",
    "je suis",
    "vous parlez avec",
    "me llamo",
    "mi nombre es",
    "le atiende",
    "soy",
    "mi chiamo",
    "il mio nome \u{e8}",
    "sono",
    "mijn naam is",
    "ik heet",
    "ik ben",
    "u spreekt met",
    "je spreekt met",
    "meu nome \u{e9}",
    "me chamo",
    "aqui \u{e9}",
    "eu sou",
    "nazywam si\u{119}",
    "mam na imi\u{119}",
    "z tej strony",
    "jestem",
    "jag heter",
    "du pratar med",
    "jeg hedder",
    "jeg heter",
    "mitt navn er",
    "nimeni on",
];

/// Russian's `меня зовут` (my name is), read where it starts (its letters
/// are no ASCII letters for the word pass's case).
pub(super) const CYRILLIC_INTRODUCTIONS: [&str; 2] = [
    "\u{43c}\u{435}\u{43d}\u{44f} \u{437}\u{43e}\u{432}\u{443}\u{442}",
    "\u{41c}\u{435}\u{43d}\u{44f} \u{437}\u{43e}\u{432}\u{443}\u{442}",
];

/// The roles a chat's or a call's transcript labels its speakers with,
/// before a given name and a colon at a line's start (`Agent Melissa:`).
pub(super) const SPEAKERS: [&str; 8] = [
    "agent",
    "advisor",
    "adviser",
    "operator",
    "representative",
    "dispatcher",
    "technician",
    "caller",
];

/// Courtesies a reply says before the given name it addresses and the
/// sentence's end (`Sorry to hear that, Alexej.`, `No problem, Robert!`).
pub(super) const COURTESIES: [&str; 13] = [
    "sorry to hear that",
    "i'm sorry to hear that",
    "no problem",
    "of course",
    "you're welcome",
    "you are welcome",
    "happy to help",
    "glad to help",
    "nice to meet you",
    "welcome back",
    "good morning",
    "good afternoon",
    "good evening",
];

/// Requests a message makes of the one it names first (`<U01P1HWQCM>
/// Margaret, please never paste keys here`, `Tom, can you check`),
/// lowercase: the name before them, after a comma, starts the message.
pub(super) const REQUESTS: [&str; 7] = [
    "please",
    "can you",
    "could you",
    "would you",
    "pls",
    "thanks for",
    "thank you for",
];

/// Words that start a sentence before a comma and a request (`Also,
/// please`, `Sorry, can you`), lowercase: no one's name (greetings and
/// closings are [`CLOSINGS`]).
const OPENERS: [&str; 44] = [
    "also",
    "again",
    "now",
    "so",
    "sorry",
    "yes",
    "no",
    "okay",
    "ok",
    "well",
    "then",
    "first",
    "finally",
    "anyway",
    "actually",
    "honestly",
    "guys",
    "folks",
    "team",
    "everyone",
    "everybody",
    "all",
    "sure",
    "great",
    "cool",
    "nice",
    "right",
    "alright",
    "wait",
    "note",
    "update",
    "edit",
    "today",
    "tomorrow",
    "otherwise",
    "meanwhile",
    "still",
    "maybe",
    "perhaps",
    "unfortunately",
    "hopefully",
    "next",
    "lastly",
    "reminder",
];

/// Closings and greetings of one word, in a few languages (lowercase).
const CLOSINGS: [&str; 36] = [
    "regards",
    "thanks",
    "cheers",
    "best",
    "sincerely",
    "yours",
    "hello",
    "hi",
    "hey",
    "greetings",
    "hallo",
    "hola",
    "ciao",
    "bonjour",
    "bonsoir",
    "salut",
    "buongiorno",
    "buonasera",
    "salve",
    "ol\u{e1}",
    "ola",
    "hej",
    "hei",
    "moin",
    "servus",
    "merhaba",
    "witam",
    "cze\u{15b}\u{107}",
    "ahoj",
    "howdy",
    "welcome",
    "morning",
    "evening",
    "afternoon",
    "danke",
    "gracias",
];

/// Titles a surname alone may follow (`Ms Davies`), without their dot.
const TITLES: [&str; 10] = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady"];

/// Academic and other titles written before a name, abbreviated (`Mein
/// Name ist Ing. Klaus-Michael Killer`).
const ABBREVIATED_TITLES: [&str; 12] = [
    "ing", "mag", "dipl", "dott", "avv", "lek", "mgr", "herr", "frau", "sr", "sra", "rev",
];

/// The titles British English writes without a dot, before a surname
/// (`Ms Cooper produced a screenshot`, `Her GP, Dr Patel, has`).
pub(super) const DOTLESS_TITLES: [&str; 5] = ["mr", "mrs", "ms", "miss", "dr"];

/// Brands and characters a dotless title names (`Dr Martens`, `Mr Bean`).
const TITLED_BRANDS: [&str; 10] = [
    "martens", "pepper", "oetker", "bean", "muscle", "sheen", "clean", "robot", "who", "strange",
];

/// Every list of this reader's cue words, as the word pass registers them
/// (see `LED_WORDS` in `detect.rs`).
const CUE_LISTS: [&[&str]; 11] = [
    &REQUESTS,
    &SAID,
    &ROLES,
    &MARKS,
    &AGED,
    &DOTLESS_TITLES,
    &BETWEEN,
    &INTRODUCTIONS,
    &CYRILLIC_INTRODUCTIONS,
    &SPEAKERS,
    &COURTESIES,
];

/// Bytes read back from a cue or an age for its name.
const LOOK_BACK: usize = 96;

/// The names the words at `cues` (of [`CUE_LISTS`]) point to, the names
/// before an age near them, and the names joined by `and` to a name found,
/// none over a value found before.
pub(super) fn prose_names(buf: &[u8], cues: &[usize], hits: &[Hit]) -> Vec<Hit> {
    let mut names = NewHits::names(hits);
    // The cues that are whole words of the lists.
    let mut whole: Vec<usize> = Vec::new();
    for &c in cues {
        // Most cues are the start of a longer word (`dr` in `drive`):
        // passed over by one lookup before any list is read.
        if !may_be_cue(buf, c) {
            continue;
        }
        let found = if let Some(end) = words_end(buf, c, &INTRODUCTIONS) {
            introduced(buf, end)
        } else if let Some(q) = CYRILLIC_INTRODUCTIONS
            .iter()
            .find(|q| buf[c..].starts_with(q.as_bytes()))
        {
            introduced(buf, c + q.len())
        } else if let Some(end) = words_end(buf, c, &SPEAKERS) {
            speaker(buf, c, end)
        } else if let Some(end) = words_end(buf, c, &COURTESIES) {
            addressed(buf, end)
        } else if words_end(buf, c, &REQUESTS).is_some() {
            asked(buf, c)
        } else if let Some(end) = words_end(buf, c, &SAID) {
            said_after(buf, end).or_else(|| said_before(buf, c))
        } else if let Some(end) = words_end(buf, c, &BETWEEN) {
            if let Some((first, second)) = between(buf, end) {
                names.add(first.0, first.1);
                names.add(second.0, second.1);
            }
            None
        } else if let Some(end) = words_end(buf, c, &DOTLESS_TITLES) {
            titled(buf, c, end)
        } else if let Some(end) = words_end(buf, c, &ROLES) {
            role_after(buf, c, end)
        } else if buf[c..].starts_with(b"<v ") {
            voice(buf, c + 3)
        } else if let Some(end) = words_end(buf, c, &MARKS[..1]) {
            byline(buf, c, end)
        } else if words_end(buf, c, &AGED).is_some() {
            // (A cue of the ages below only.)
            None
        } else {
            // No word of the lists: the start of a longer word.
            continue;
        };
        whole.push(c);
        if let Some((s, e)) = found {
            names.add(s, e);
        }
    }
    for (s, e) in aged(buf, &whole) {
        names.add(s, e);
    }
    for (s, e) in salutations(buf) {
        names.add(s, e);
    }
    let found: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.entity == "PERSON_NAME")
        .map(|h| (h.start, h.end))
        .chain(names.spans())
        .collect();
    for (s, e) in found {
        if let Some(next) = joined(buf, s, e) {
            names.add(next.0, next.1);
        }
    }
    names.into_hits()
}

/// The two people after `between` (ending at `end`) joined by `and`
/// (`between James Lynch and Susan Owens.`): both two or three words.
fn between(buf: &[u8], end: usize) -> Option<((usize, usize), (usize, usize))> {
    let text = text_after(buf, end)?;
    if !text.starts_with(' ') {
        return None;
    }
    let e = name_from(text, 1)?;
    if !few_words(&text[1..e]) {
        return None;
    }
    let second = joined(buf, end + 1, end + e)?;
    Some(((end + 1, end + e), second))
}

/// The full name joined by `and` (in a few languages) to the full name at
/// `s..e` (`between James Lynch and Susan Owens.`, `her children Frederick
/// Brown and Bethan Morgan (Ashleigh)`): two or three words that end a
/// clause.
fn joined(buf: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    const JOINS: [&str; 9] = [" and ", " & ", " und ", " et ", " y ", " en ", " och ", " og ", " e "];
    if !buf[s..e].contains(&b' ') {
        return None;
    }
    let join = JOINS.iter().find(|j| buf[e..].starts_with(j.as_bytes()))?;
    let text = text_after(buf, e + join.len())?;
    let end = name_from(text, 0)?;
    let at = e + join.len();
    (few_words(&text[..end]) && clause_ends(buf, at + end)).then_some((at, at + end))
}

/// The length of the ASCII letters `w` starts with (at most 16).
fn letters(w: &[u8]) -> usize {
    w.iter().take(16).take_while(|b| b.is_ascii_alphabetic()).count()
}

/// Whether a word of the cue lists may start at `c`: the ASCII letters
/// there, lowercase, are those a word of the lists starts with (or the
/// cue starts otherwise: `<v `, `说`).
fn may_be_cue(buf: &[u8], c: usize) -> bool {
    // Each first word as a key: its length and its first eight letters,
    // lowercase (longer words sharing eight letters go on to the lists).
    fn key(w: &[u8]) -> u64 {
        let n = letters(w);
        w[..n.min(8)]
            .iter()
            .fold(n as u64, |k, b| k << 7 | u64::from(b.to_ascii_lowercase() & 0x7F))
    }
    static FIRST_WORDS: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
        let mut keys: Vec<u64> = CUE_LISTS
            .iter()
            .flat_map(|l| l.iter())
            .map(|w| key(w.as_bytes()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    });
    letters(&buf[c..]) == 0 || FIRST_WORDS.binary_search(&key(&buf[c..])).is_ok()
}

/// Whether what follows a name at `end` ends its clause: punctuation, a
/// bracket, a quote, the line's end, or a lowercase word.
fn clause_ends(buf: &[u8], end: usize) -> bool {
    match buf.get(end) {
        None => true,
        Some(b',' | b'.' | b';' | b':' | b')' | b'"' | b'\n' | b'\r' | b'!' | b'?') => true,
        Some(b'\'') => buf.get(end + 1) == Some(&b's'),
        Some(b' ') => buf
            .get(end + 1)
            .is_some_and(|b| b.is_ascii_lowercase() || matches!(b, b'(' | b'|' | b'-')),
        Some(0xE2) => buf.get(end + 1) == Some(&0x80),
        Some(_) => false,
    }
}

/// Whether `name` has two or three words (four run into a title or a
/// place: `Google Maps Street View`).
fn few_words(name: &str) -> bool {
    name.split(' ').count() <= 3
}

/// Whether the word before `start` in `text` is an article (`the Grand
/// Hotel`): a thing's name follows it, not a person's.
fn after_article(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let word = before.rsplit([' ', '"', '(']).next().unwrap_or(before);
    ["the", "a", "an"].iter().any(|a| word.eq_ignore_ascii_case(a))
}

/// The text of the line after `at`, at most 96 bytes, cut to whole
/// characters.
fn text_after(buf: &[u8], at: usize) -> Option<&str> {
    let to = buf.len().min(at + 96);
    let line = &buf[at..to];
    utf8_prefix(&line[..memchr::memchr(b'\n', line).unwrap_or(line.len())])
}

/// The name right after a verb of speech ending at `end` (`said Amaira
/// Sidhu, 60`), a role between them (`said organiser Amaira Sidhu`): two to
/// four words, then punctuation.
fn said_after(buf: &[u8], end: usize) -> Option<(usize, usize)> {
    let text = text_after(buf, end)?;
    if !text.starts_with(' ') {
        return None;
    }
    let mut at = 1;
    let bytes = text.as_bytes();
    if let Some(role) = ROLES.iter().find(|r| {
        bytes.len() > at + r.len()
            && bytes[at..at + r.len()].eq_ignore_ascii_case(r.as_bytes())
            && bytes[at + r.len()] == b' '
    }) {
        at += role.len() + 1;
    }
    let e = name_from(text, at)?;
    let ends = few_words(&text[at..e])
        && matches!(text.as_bytes().get(e), None | Some(b',' | b'.' | b';' | b'"' | b')'))
        || text[e..].starts_with(" (");
    ends.then_some((end + at, end + e))
}

/// The name right before a verb of speech at `c` (`Hazel Davies said`,
/// `," Ms Davies said.`): two to four words, or a title and one, after the
/// line's start, a quote or a stop.
fn said_before(buf: &[u8], c: usize) -> Option<(usize, usize)> {
    let line = line_before(buf, c, LOOK_BACK);
    let ls = c - line.len();
    let text = std::str::from_utf8(line).ok()?.strip_suffix(' ')?;
    let words = name_words(text);
    let (start, _) = *words.first()?;
    let end = words.last()?.1;
    if end != text.len() {
        return None;
    }
    let before = text[..start].trim_end();
    if after_article(text, start) {
        return None;
    }
    let opens = before.is_empty()
        || before.ends_with([
            '"', ',', '.', ':', ';', '!', '?', '\u{201d}', '\u{201c}', '\u{2014}', '\u{2013}',
        ])
        || before.ends_with("\\\"");
    if !opens {
        return None;
    }
    named(text, &words).map(|(s, e)| (ls + s, ls + e))
}

/// The span of the name of `words` in `text`: two to four words, or one
/// after a title (the title left out).
fn named(text: &str, words: &[(usize, usize)]) -> Option<(usize, usize)> {
    let first = &text[words.first()?.0..words.first()?.1];
    let titled = TITLES
        .iter()
        .any(|t| first.trim_end_matches('.').eq_ignore_ascii_case(t));
    match (titled, words.len()) {
        (true, 2..=4) => Some((words[1].0, words.last()?.1)),
        (false, 2..=4) => Some((words[0].0, words.last()?.1)),
        _ => None,
    }
}

/// The surname (and given names) after a title written without its dot
/// at `c..end` (`Ms Cooper produced`, `Dr Patel,`): capitalised as a
/// title, one to three words that end a clause, not after a capitalised
/// word (`123 Oak Dr Apt 4` is an address's drive).
fn titled(buf: &[u8], c: usize, end: usize) -> Option<(usize, usize)> {
    // Written as a title (`Ms`, not `MS Windows`).
    if !buf[c].is_ascii_uppercase()
        || !buf[c + 1..end].iter().all(u8::is_ascii_lowercase)
        || buf.get(end) != Some(&b' ')
    {
        return None;
    }
    let before = std::str::from_utf8(line_before(buf, c, 32)).ok()?.trim_end();
    let previous = before.rsplit(' ').next().unwrap_or_default();
    if previous.chars().next().is_some_and(char::is_uppercase)
        && previous.chars().last().is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let text = text_after(buf, end + 1)?;
    let mut e = 0;
    let mut words = 0;
    while words < 3 {
        let rest = &text[e..];
        let len = rest
            .find(|ch: char| !(ch.is_alphabetic() || matches!(ch, '\'' | '-')))
            .unwrap_or(rest.len());
        let w = &rest[..len];
        if !name_word(w) || not_name_word(w) || TITLED_BRANDS.iter().any(|b| w.eq_ignore_ascii_case(b)) {
            break;
        }
        words += 1;
        e += len;
        if !text[e..].starts_with(' ') || !text[e + 1..].starts_with(|ch: char| ch.is_uppercase()) {
            break;
        }
        e += 1;
    }
    let e = text[..e].trim_end().len();
    // A line or a field of a title and a word alone is a heading or a
    // product (`Mrs Technology`, `SKU-6179,Mrs Technology,books`).
    let field = |b: Option<&u8>| b.is_none_or(|b| matches!(b, b',' | b'\t' | b';' | b'|' | b'"' | b'\n' | b'\r'));
    let heading = (c == 0 || field(buf.get(c - 1))) && field(buf.get(end + 1 + e));
    (words > 0 && !heading && clause_ends(buf, end + 1 + e)).then_some((end + 1, end + 1 + e))
}

/// The name right after a role whose words are at `c..end` (`The victim,
/// Maria Lopez, asks`, `Owner Joan McCarthy, who`, `reported to Dennis
/// Baumann;`): two to four words that end a clause.
fn role_after(buf: &[u8], c: usize, end: usize) -> Option<(usize, usize)> {
    // The role is a word of its own, not a name's (`Sister Act`, `The
    // Lead Engineer Role`: a title's words, capitalised mid-sentence).
    if buf[c].is_ascii_uppercase() {
        let before = line_before(buf, c, 4);
        let starts = before.is_empty() || before.ends_with(b". ") || before.ends_with(b"\"") || before.ends_with(b"- ");
        if !starts {
            return None;
        }
    }
    let text = text_after(buf, end)?;
    let at = if text.starts_with(", ") {
        2
    } else if text.starts_with(' ') {
        1
    } else {
        return None;
    };
    let e = name_from(text, at)?;
    (few_words(&text[at..e]) && clause_ends(buf, end + e)).then_some((end + at, end + e))
}

/// The name a person introduces themselves by after the words ending at
/// `end` (`my name is Kimberly, how`, `le atiende Hernán,`): one to three
/// capitalised words (of any cased script); one must end its sentence or
/// clause by punctuation, more may go on with a lowercase word.
fn introduced(buf: &[u8], end: usize) -> Option<(usize, usize)> {
    let text = text_after(buf, end)?;
    let at = if text.starts_with(' ') { 1 } else { return None };
    let (e, words) = given_names(text, at)?;
    let punct = matches!(buf.get(end + e), Some(b',' | b'.' | b'!' | b'?' | b';')) || line_ends(buf, end + e);
    (punct || words > 1 && clause_ends(buf, end + e)).then_some((end + at, end + e))
}

/// A speaker's given name (one or two words) between a role starting a
/// line at `c..end` and a colon (`Agent Melissa:`, `Rep Dana Fox:`).
fn speaker(buf: &[u8], c: usize, end: usize) -> Option<(usize, usize)> {
    let line_start = c == 0 || matches!(buf[c - 1], b'\n' | b'"') || c >= 2 && &buf[c - 2..c] == b"\\n";
    if !line_start || !buf[c].is_ascii_uppercase() {
        return None;
    }
    let text = text_after(buf, end)?;
    let at = if text.starts_with(' ') { 1 } else { return None };
    let (e, words) = given_names(text, at)?;
    (words <= 2 && text[e..].starts_with(':')).then_some((end + at, end + e))
}

/// The given name a courtesy ending at `end` addresses, after a comma,
/// before the sentence's end (`Sorry to hear that, Alexej.`).
fn addressed(buf: &[u8], end: usize) -> Option<(usize, usize)> {
    let text = text_after(buf, end)?;
    let at = if text.starts_with(", ") { 2 } else { return None };
    let (e, words) = given_names(text, at)?;
    let ends = matches!(buf.get(end + e), Some(b'.' | b'!' | b'?')) || line_ends(buf, end + e);
    (words == 1 && ends).then_some((end + at, end + e))
}

/// Whether a line ends at `at`: the text's end, a line break, or one
/// escaped in a JSON string (`\\n`, which the scanner may read as a
/// space and a line break).
fn line_ends(buf: &[u8], at: usize) -> bool {
    let rest = &buf[at..];
    rest.is_empty() || matches!(rest[0], b'\n' | b'\r') || rest.starts_with(b"\\n") || rest.starts_with(b" \n")
}

/// The given name a message starts with, before a comma and its request
/// at `c` (`<U01P1HWQCM> Margaret, please never paste keys here`, `[10:02]
/// Tom, can you`): the message starts after a line's start, a quote, a
/// chat handle's `> ` or a time's `] ` (not a label's `: `: `Subject:
/// Invoice, please pay`).
fn asked(buf: &[u8], c: usize) -> Option<(usize, usize)> {
    let before = buf[..c].strip_suffix(b", ")?;
    let line = utf8_suffix(line_before(buf, before.len(), 32))?;
    let start = line.rfind(['"', '>', ']', '\n']).map_or(0, |i| i + 1);
    let lead = &line[..start];
    let word = line[start..].strip_prefix(' ').unwrap_or(&line[start..]);
    let opens = start == 0 && line.len() < 32 || lead.ends_with(['"', '\n']) || line[start..].starts_with(' ');
    if !opens || OPENERS.iter().chain(&CLOSINGS).any(|o| word.eq_ignore_ascii_case(o)) {
        return None;
    }
    let (e, words) = given_names(word, 0)?;
    let s = before.len() - word.len();
    (words == 1 && e == word.len()).then_some((s, before.len()))
}

/// Where one to three capitalised words of a name from `at` in `text` end,
/// and how many: none a word no name holds, a word greeting a group
/// (`Team`, `Sir`), or one starting a sentence (`The`, `Please`).
fn given_names(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut e = at;
    let mut words = 0;
    loop {
        let rest = &text[e..];
        let len = rest
            .find(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-')))
            .unwrap_or(rest.len());
        let w = &rest[..len];
        if !name_word(w)
            || not_name_word(w)
            || STOP_WORDS.iter().any(|x| w.eq_ignore_ascii_case(x))
            || TITLES
                .iter()
                .chain(&ABBREVIATED_TITLES)
                .any(|x| w.eq_ignore_ascii_case(x))
        {
            break;
        }
        words += 1;
        e += len;
        if words == 3 || !text[e..].starts_with(' ') {
            break;
        }
        let next = text[e + 1..].chars().next();
        if !next.is_some_and(char::is_uppercase) {
            break;
        }
        e += 1;
    }
    // (A space taken before a word that was none.)
    let e = text[..e].trim_end().len();
    (words > 0 && !super::greeted_no_one(&text.as_bytes()[at..e])).then_some((e, words))
}

/// The given names a letter or a mail opens with alone on its first line,
/// no `Dear` before them, a blank line after them (`"body": "Jeffrey,\\n\\nMy
/// name is`): the line starts the text, a paragraph or a string.
fn salutations(buf: &[u8]) -> Vec<(usize, usize)> {
    // The words of a formal salutation to no one by name (`Gentili
    // Signori`, `Szanowni Państwo`, `Prezados`, `Estimados`).
    const SALUTATIONS: [&str; 40] = [
        "dear",
        "gentili",
        "gentile",
        "egregi",
        "egregio",
        "signori",
        "signore",
        "signora",
        "prezados",
        "prezadas",
        "prezado",
        "prezada",
        "estimados",
        "estimadas",
        "estimado",
        "estimada",
        "se\u{f1}ores",
        "se\u{f1}or",
        "se\u{f1}ora",
        "szanowni",
        "szanowny",
        "szanowna",
        "pa\u{144}stwo",
        "panie",
        "pani",
        "geachte",
        "liebe",
        "lieber",
        "chers",
        "cher",
        "ch\u{e8}re",
        "mesdames",
        "messieurs",
        "monsieur",
        "madame",
        "damen",
        "herren",
        "caro",
        "cara",
        "querido",
    ];
    let mut out = Vec::new();
    // The commas before a blank line: found from the line breaks (a
    // search for `,\n\n` stops at every comma of a CSV file). The scanner
    // reads a JSON string's escaped line break as a space and a line
    // break (`, \n \n`).
    let mut commas: Vec<usize> = Vec::new();
    for i in memchr::memchr_iter(b'\n', buf) {
        let upto = &buf[..=i];
        if upto.ends_with(b",\n\n") {
            commas.push(i - 2);
        } else if upto.ends_with(b", \n \n") || upto.ends_with(b",\r\n\r\n") {
            commas.push(i - 4);
        }
    }
    for comma in commas {
        let line = line_before(buf, comma, 48);
        let s = comma - line.len();
        // The line's start: the text's, a paragraph's, a string's.
        let (opens, from) = if let Some(i) = memchr::memrchr(b'"', line) {
            (i == 0 || line[i - 1] != b'\\', i + 1)
        } else if let Some(i) = memchr::memmem::rfind(line, b"\\n\\n") {
            (true, i + 4)
        } else {
            let para =
                s == 0 || buf[..s].ends_with(b"\n\n") || buf[..s].ends_with(b"\n\r\n") || buf[..s].ends_with(b"\n \n");
            (para && line.len() < 48, 0)
        };
        let Some(text) = std::str::from_utf8(&line[from..]).ok().filter(|_| opens) else {
            continue;
        };
        let Some((e, words)) = given_names(text, 0) else {
            continue;
        };
        let closing = text
            .split(' ')
            .any(|w| CLOSINGS.iter().chain(&SALUTATIONS).any(|c| w.eq_ignore_ascii_case(c)));
        if e == text.len() && words <= 2 && !closing {
            out.push((s + from, s + from + e));
        }
    }
    out
}

/// A WebVTT voice's name after `<v ` at `at`, up to its `>` (`<v Max
/// Mustermann>`, `<v.loud Ana>`): written as a name.
fn voice(buf: &[u8], at: usize) -> Option<(usize, usize)> {
    let rest = &buf[at..buf.len().min(at + 64)];
    let gt = memchr::memchr(b'>', rest)?;
    let name = rest[..gt].trim_ascii();
    let s = at + (name.as_ptr() as usize - rest.as_ptr() as usize);
    (!name.is_empty() && !name.contains(&b'\n') && crate::dataset::name_shaped(name)).then_some((s, s + name.len()))
}

/// A byline's name: `By` starting a line, two to four words, then ` |`,
/// ` -`, a comma or the line's end (`By Leslie Wilson | 3 August 2023`).
fn byline(buf: &[u8], c: usize, end: usize) -> Option<(usize, usize)> {
    if !(c == 0 || buf[c - 1] == b'\n') || buf[c] != b'B' {
        return None;
    }
    let text = text_after(buf, end)?;
    if !text.starts_with(' ') {
        return None;
    }
    let e = name_from(text, 1)?;
    let rest = &text[e..];
    let ends =
        rest.is_empty() || rest == "\r" || rest.starts_with(" |") || rest.starts_with(" -") || rest.starts_with(',');
    ends.then_some((end + 1, end + e))
}

/// The names before an age in `buf` (`Carly Brown, 73, of`, `Ayşe Ağ (65)
/// uit`, `Julia Nowak (62 l.) z`), and in Chinese, Japanese and Korean
/// text (`王洁（73岁）`, `佐藤さん（77）`, `김민준(82) 씨`), near the cues of prose
/// (a table's `, 12, ` is no one's age, and is not read).
fn aged(buf: &[u8], cues: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (lo, hi) in windows(cues, buf.len()) {
        let part = &buf[lo..hi];
        for p in memchr::memmem::find_iter(part, b", ").map(|i| lo + i) {
            let found = age_at(buf, p + 2)
                .filter(|&after| clause_after_age(buf, after))
                .and_then(|_| latin_name_ending(buf, p));
            out.extend(found);
        }
        for p in memchr::memchr_iter(b'(', part).map(|i| lo + i) {
            out.extend(bracketed_age(buf, p).or_else(|| cjk_born(buf, p)));
        }
        for p in memchr::memmem::find_iter(part, "\u{ff08}".as_bytes()).map(|i| lo + i) {
            out.extend(cjk_aged(buf, p).or_else(|| cjk_born(buf, p)));
        }
    }
    out
}

/// How far from a cue of prose an age is looked for: the paragraph an
/// obituary's or a news story's cue words (`said`, `husband`) are in.
const AGE_REACH: usize = 1536;

/// The spans within [`AGE_REACH`] of `cues` (ascending), merged where they
/// meet, inside `0..len`.
fn windows(cues: &[usize], len: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &c in cues {
        let (lo, hi) = (c.saturating_sub(AGE_REACH), len.min(c + AGE_REACH));
        match out.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// The name before an age in brackets at `p`, the sentence going on after
/// them (`Ayşe Ağ (65) uit`, `Julia Nowak (62 l.) z`, `김민준(82) 씨`).
fn bracketed_age(buf: &[u8], p: usize) -> Option<(usize, usize)> {
    let after = age_at(buf, p + 1)?;
    // `(62)`, `(62 l.)`, `(62 ans)`.
    let close = after + buf[after..buf.len().min(after + 12)].iter().position(|&b| b == b')')?;
    if buf[after..close].iter().any(|b| b.is_ascii_digit() || *b == b'\n') {
        return None;
    }
    if p > 0 && buf[p - 1] == b' ' {
        let goes_on = matches!(buf.get(close + 1), Some(b',' | b'.' | b';'))
            || buf.get(close + 1) == Some(&b' ')
                && buf.get(close + 2).is_some_and(|b| b.is_ascii_lowercase() || *b >= 0x80);
        if !goes_on {
            return None;
        }
        latin_name_ending(buf, p - 1).or_else(|| spaced_word_ending(buf, p - 1))
    } else {
        cjk_name_ending(buf, p)
    }
}

/// The name before an age in full-width brackets at `p` (`（73岁）`,
/// `（77）`, `（67歳）`).
fn cjk_aged(buf: &[u8], p: usize) -> Option<(usize, usize)> {
    let after = age_at(buf, p + 3)?;
    ["\u{ff09}", "\u{5c81}", "\u{6b73}", "\u{6b72}", "\u{624d}"]
        .iter()
        .any(|w| buf[after..].starts_with(w.as_bytes()))
        .then(|| cjk_name_ending(buf, p))
        .flatten()
}

/// Whether the sentence goes on after an age set apart by commas that
/// ends at `after`: a comma and a lowercase word (`, 73, of Leighview`,
/// `, 78, från`), or a stop. A house number is followed by a postcode or
/// a town (`Rua Augusta, 46, Lisboa`, `Av Mia Pinto, 46;4661-991`).
fn clause_after_age(buf: &[u8], after: usize) -> bool {
    match buf.get(after) {
        Some(b'.') => buf.get(after + 1).is_none_or(|b| b.is_ascii_whitespace()),
        Some(b',') => {
            let next = buf.get(after + 2..buf.len().min(after + 6)).unwrap_or_default();
            buf.get(after + 1) == Some(&b' ')
                && std::str::from_utf8(next)
                    .or_else(|e| std::str::from_utf8(&next[..e.valid_up_to()]))
                    .is_ok_and(|t| t.chars().next().is_some_and(char::is_lowercase))
        }
        _ => false,
    }
}

/// Where an age of one to three digits (1 to 110, no leading zero) at `at`
/// ends.
fn age_at(buf: &[u8], at: usize) -> Option<usize> {
    let digits = buf.get(at..)?.iter().take(4).take_while(|b| b.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) || buf[at] == b'0' {
        return None;
    }
    let n = buf[at..at + digits]
        .iter()
        .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    (n <= 110).then_some(at + digits)
}

/// The name of two to four capitalised words (or a title and one) ending
/// at `end`.
fn latin_name_ending(buf: &[u8], end: usize) -> Option<(usize, usize)> {
    let line = line_before(buf, end, LOOK_BACK);
    let ls = end - line.len();
    let text = std::str::from_utf8(line).ok()?;
    let words = name_words(text);
    if words.last()?.1 != text.len() || after_article(text, words.first()?.0) {
        return None;
    }
    named(text, &words).map(|(s, e)| (ls + s, ls + e))
}

/// The one word of a spaced script without case right before `end`, as
/// Korean writes a name before an age (`사는 김민준 (82)`), two to four
/// syllables.
fn spaced_word_ending(buf: &[u8], end: usize) -> Option<(usize, usize)> {
    let line = line_before(buf, end, 16);
    let text = utf8_suffix(line)?;
    let word = text.rsplit(' ').next()?;
    let n = word.chars().count();
    ((2..=4).contains(&n) && word.chars().all(|ch| matches!(ch, '\u{ac00}'..='\u{d7a3}')))
        .then(|| (end - word.len(), end))
}

/// The name of two to four Chinese characters or Hangul syllables right
/// before the bracket at `p` (`家住杰市的王洁（73岁）`, `鴨川市在住の佐藤さん（77）`,
/// `사는 김민준(82)`): back to a space, a particle (`的`, `の`) or
/// punctuation, an honorific (`さん`) left out.
fn cjk_name_ending(buf: &[u8], p: usize) -> Option<(usize, usize)> {
    let full = utf8_suffix(line_before(buf, p, 48))?;
    // An honorific after the name: `さん`, `様`, `님`.
    let text = ["\u{3055}\u{3093}", "\u{69d8}", "\u{b2d8}"]
        .iter()
        .find_map(|h| full.strip_suffix(h))
        .unwrap_or(full);
    let end = p - (full.len() - text.len());
    let name_char = |ch: char| matches!(ch, '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}');
    let particle = |ch: char| matches!(ch, '\u{7684}' | '\u{306e}' | '\u{5728}' | '\u{306f}' | '\u{304c}');
    let mut n = 0;
    let mut start = text.len();
    for (i, ch) in text.char_indices().rev() {
        if !name_char(ch) || particle(ch) || n == 8 {
            break;
        }
        n += 1;
        start = i;
    }
    let stop = text[..start].chars().next_back();
    let bounded = stop.is_none_or(|ch| !name_char(ch) || particle(ch));
    // A certificate's verb before the name (`兹证明王洁`, `證明`).
    let run = &text[start..];
    let verb = [
        "\u{5179}\u{8bc1}\u{660e}",
        "\u{8bc1}\u{660e}",
        "\u{8332}\u{8b49}\u{660e}",
        "\u{8b49}\u{660e}",
    ]
    .iter()
    .find(|v| run.starts_with(*v));
    let (start, n) = match verb {
        Some(v) => (start + v.len(), run[v.len()..].chars().count()),
        None if bounded => (start, n),
        None => return None,
    };
    (2..=4).contains(&n).then(|| (end - (text.len() - start), end))
}

/// The name before a birth date in brackets at `p`, in Chinese, Japanese
/// or Korean (`兹证明王洁（1985年3月1日出生）`, `佐藤様（1985年1月1日生）`,
/// `김민준님(1985년 3월 9일생)`): a date's digit first, `生` or `생` and the
/// bracket's close within 40 bytes.
fn cjk_born(buf: &[u8], p: usize) -> Option<(usize, usize)> {
    let open = if buf[p] == b'(' { 1 } else { 3 };
    let inside = &buf[p + open..buf.len().min(p + open + 40)];
    if !inside.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let inside = &inside[..memchr::memchr(b'\n', inside).unwrap_or(inside.len())];
    let born = ["\u{751f}\u{ff09}", "\u{751f})", "\u{c0dd})"]
        .iter()
        .any(|w| memchr::memmem::find(inside, w.as_bytes()).is_some());
    if !born {
        return None;
    }
    cjk_name_ending(buf, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<usize> {
        let lower = text.to_ascii_lowercase();
        let mut out: Vec<usize> = CUE_LISTS
            .iter()
            .flat_map(|l| l.iter())
            .flat_map(|w| {
                lower
                    .match_indices(w)
                    .map(|(i, _)| i)
                    .filter(|&i| i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric() || w.starts_with('<'))
                    .collect::<Vec<_>>()
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn found(text: &str) -> Vec<&str> {
        prose_names(text.as_bytes(), &cues(text), &[])
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    proptest::proptest! {
        /// Any text around the cues and ages, in any script, gives spans
        /// on characters' boundaries inside it, never a panic.
        #[test]
        fn spans_stay_inside(
            head in "\\PC{0,60}",
            cue in proptest::sample::select(vec!["said ", " (42) ", ", 42, ", "\u{ff08}42\u{5c81}", "victim, ", "\nBy ", "<v ", "(7)", "my name is ", "\nAgent ", "no problem, ", ",\n\n", ", \n \n", "\u{43c}\u{435}\u{43d}\u{44f} \u{437}\u{43e}\u{432}\u{443}\u{442} "]),
            tail in "\\PC{0,60}",
        ) {
            let text = format!("{head}{cue}{tail}");
            let buf = text.as_bytes();
            let all: Vec<usize> = (0..buf.len()).collect();
            for h in prose_names(buf, &all, &[]) {
                proptest::prop_assert!(h.start < h.end && h.end <= buf.len());
                proptest::prop_assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
            }
        }
    }

    #[test]
    fn names_before_an_age() {
        for (t, name) in [
            ("CARLY BROWN\nCarly Brown, 73, of Leighview, passed away", "Carly Brown"),
            ("The homeowner said so; Hazel Davies, 30, woke up", "Hazel Davies"),
            (
                "\u{201d}, zegt Ay\u{15f}e A\u{11f} (65) uit Gouda.",
                "Ay\u{15f}e A\u{11f}",
            ),
            ("\u{2013} m\u{f3}wi Julia Nowak (62 l.) z Gda\u{144}ska", "Julia Nowak"),
            ("\u{5179}\u{8bc1}\u{660e}\u{738b}\u{6d01}\u{ff08}1985\u{5e74}3\u{6708}1\u{65e5}\u{51fa}\u{751f}\u{ff09}\u{73b0}", "\u{738b}\u{6d01}"),
            ("\u{4f50}\u{85e4}\u{69d8}\u{ff08}1985\u{5e74}1\u{6708}1\u{65e5}\u{751f}\u{ff09}\u{306e}", "\u{4f50}\u{85e4}"),
            ("\u{ae40}\u{bbfc}\u{c900}\u{b2d8}(1985\u{b144} 3\u{c6d4} 9\u{c77c}\u{c0dd})\u{c758}", "\u{ae40}\u{bbfc}\u{c900}"),
            (
                "\u{5bb6}\u{4f4f}\u{6770}\u{5e02}\u{7684}\u{738b}\u{6d01}\u{ff08}73\u{5c81}\u{ff09}\u{8bf4}",
                "\u{738b}\u{6d01}",
            ),
            (
                "\u{5728}\u{4f4f}\u{306e}\u{4f50}\u{85e4}\u{3055}\u{3093}\u{ff08}77\u{ff09}\u{306f}\u{8a71}\u{3057}\u{305f}",
                "\u{4f50}\u{85e4}",
            ),
            (
                "\u{c0ac}\u{b294} \u{ae40}\u{bbfc}\u{c900}(82) \u{c528}\u{b294} \u{b9d0}\u{d588}\u{b2e4}",
                "\u{ae40}\u{bbfc}\u{c900}",
            ),
        ] {
            assert_eq!(found(t), [name], "{t}");
        }
        for t in [
            "Home Decor (34)\nGarden (12)",
            "Home Decor (34) | Garden Tools (12)",
            "Version Two, 2024, released",
            "Carly Brown, 0, of",
            "Carly Brown, 240, of",
            "the Grand Hotel (12) rooms",
            "a Fire Station, 12, with",
            "sizes Small, 12, Medium, 14",
            "010208;Frau;Cardoso;Helena;Av Mia Pinto, 46;4661-991;Faro",
            "Rua Augusta Lima, 46, Lisboa",
            "Carly Brown, 73, of Leighview; no cue of prose near it",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_second_name_joined_to_the_first() {
        let text = "The marriage took place between James Lynch and Susan Owens. The bride";
        let s = text.find("James").unwrap();
        let hits = [Hit {
            start: s,
            end: s + "James Lynch".len(),
            entity: "PERSON_NAME",
            rule: &mlsec_diagnostics::codes::PII_PERSON,
            confidence: 70,
            detail: None,
        }];
        let found: Vec<&str> = prose_names(text.as_bytes(), &[], &hits)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(found, ["Susan Owens"]);
        let text = "James Lynch and New York Times Square";
        let hits = [Hit {
            start: 0,
            end: 11,
            ..hits[0].clone()
        }];
        assert!(prose_names(text.as_bytes(), &[], &hits).is_empty());
    }

    #[test]
    fn names_a_verb_of_speech_quotes() {
        for (t, name) in [
            ("\"I hope so,\" said organiser Amaira Sidhu, 60.", "Amaira Sidhu"),
            ("\"I hope so,\" Ms Davies said.", "Davies"),
            ("Police were called. Hazel Davies said she woke up.", "Hazel Davies"),
            (
                "\u{ab}Algo as\u{ed}\u{bb}, dijo Chema Varela, de 31 a\u{f1}os",
                "Chema Varela",
            ),
        ] {
            assert_eq!(found(t), [name], "{t}");
        }
        for t in [
            "officials in New Zealand said on Monday",
            "the spokesperson said New York police were",
            "He said Monday that",
            "said the Board",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn names_after_a_role_a_byline_or_a_voice() {
        for (t, name) in [
            ("The victim, Maria Lopez, asks anyone who", "Maria Lopez"),
            ("accompanied by her husband, Rob Clarke. Background", "Rob Clarke"),
            ("Owner Joan McCarthy, who grew up in", "Joan McCarthy"),
            (
                "- Led the team \u{2014} reported to Dennis Baumann; led the migration",
                "Dennis Baumann",
            ),
            (
                "EAST ANTONY: Locals\nBy Leslie Wilson | 3 August 2023\n",
                "Leslie Wilson",
            ),
            (
                "00:00:33.638 --> 00:00:35.000\n<v Max Hansen>Herr Ebner, bitte",
                "Max Hansen",
            ),
            ("the claimant. Ms Cooper produced a screenshot", "Cooper"),
            ("Her GP, Dr Patel, has been copied.", "Patel"),
            ("at Kelly's. Mr Smith was released pending", "Smith"),
        ] {
            assert_eq!(found(t), [name], "{t}");
        }
        assert_eq!(
            found("at St Peter's Church between James Lynch and Susan Owens. The"),
            ["James Lynch", "Susan Owens"]
        );
        for t in [
            "the owner, Acme Holdings Ltd, said",
            "Our friend Google Maps Street View shows",
            "Stand by Me Tonight",
            "The Lead Engineer Role",
            "<v Speaker 1>hello",
            "buy by New Year",
            "123 Oak Dr Apt 4",
            "wearing Dr Martens boots",
            "flights between New York and Los Angeles daily",
            "MS Office 365",
            "Environment :: Win32 (MS Windows)",
            "Mrs Technology\n",
            "ORD-2021-795922,SKU-6179,Mrs Technology,books,6",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn given_names_introduced_addressed_and_labelled_as_speakers() {
        for (t, name) in [
            ("Agent: Hello, my name is Kimberly, how can I help you today?", "Kimberly"),
            ("Agent: Guten Tag, mein Name ist Carlos. Wie kann ich", "Carlos"),
            ("Agent: Hola, le atiende Hern\u{e1}n, \u{bf}en qu\u{e9} puedo", "Hern\u{e1}n"),
            ("Goedemiddag, u spreekt met Felix, waarmee kan ik", "Felix"),
            (
                "\u{417}\u{434}\u{440}\u{430}\u{432}\u{441}\u{442}\u{432}\u{443}\u{439}\u{442}\u{435}, \u{43c}\u{435}\u{43d}\u{44f} \u{437}\u{43e}\u{432}\u{443}\u{442} \u{414}\u{430}\u{440}\u{44c}\u{44f}, \u{447}\u{435}\u{43c}",
                "\u{414}\u{430}\u{440}\u{44c}\u{44f}",
            ),
            ("my name is Sam Diego and I called before", "Sam Diego"),
            ("Customer: internet keeps dropping\nAgent Melissa: please restart", "Melissa"),
            ("Okay. Sorry to hear that, Alexej. Can you confirm", "Alexej"),
            ("[2024-01-14 09:53] <U01P1HWQCM> Margaret, please never paste keys here", "Margaret"),
            ("Tom, can you check the logs?", "Tom"),
            ("\"body\": \"Jeffrey, \n \nMy order", "Jeffrey"),
            ("Dear team\n\nRosa,\n\nthe minutes are attached", "Rosa"),
        ] {
            assert_eq!(found(t), [name], "{t}");
        }
        for t in [
            // A word no given name is, one that starts a sentence, a group.
            "my name is Not Important",
            "Hello, my name is The Doctor",
            "Sorry to hear that, Sir.",
            "No problem, Everyone!",
            "Of course, London is far.",
            "Ben Carter, said nothing",
            // A sentence's opener, a word mid-sentence, a group.
            "<U01P1HWQCM> Also, please rotate it",
            "[09:53] Sorry, can you resend?",
            "we asked London, please confirm",
            "<bob> Everyone, please read",
            "Subject: Invoice, please pay",
            "{\"value\": \"Hallo, Please address the letter",
            // A role mid-line, or before no colon.
            "Call the Agent Smith: now",
            "Agent Orange was used",
            // A city before a blank line in mid-paragraph, a closing.
            "we moved to the coast in Spain, Valencia,\n\nand then",
            "Thanks,\n\nMaria",
            "Regards,\n\nMaria",
            // A title is no given name (the name patterns read past it).
            "Mein Name ist Ing. Klaus",
            "Content-Transfer-Encoding: 8bit\n\nBuongiorno,\n\ncome richiesto",
            "una bozza:\n\nGentili Signori,\n\nvi scrivo",
            "um rascunho:\n\nPrezados,\n\nvenho",
            "\n\nSzanowni Pa\u{144}stwo,\n\nuprzejmie",
            "\n\nOl\u{e1},\n\nsegue meu cadastro",
            // No punctuation after one word.
            "je suis Canadien et",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }
}
