//! Names right before the verb they are the subject of, where that verb
//! says a person is meant: a forum's or a mail's quote of who wrote
//! (`**Orlando Jilani** ha scritto (2022-05-22):`, `Anna Weber wrote:`,
//! `On Tue, 5 Mar 2024, John Smith wrote:`, and German's `schrieb Anna
//! Weber:` after it), a Hungarian introduction (`Kovács Anna vagyok`), a
//! Japanese one (`鈴木 裕太です`, `鈴木裕太と申します`); and the names a
//! list of people goes on with after its first (`Aanwezig: Jolijn Meyer
//! (klant), Inaya van Clootwijck (accountmanager)`).
//!
//! A quote's name is one word only where markup or the line's start sets
//! it apart (`**Fiorenzo** ha scritto`); a role (`**moderatore**`,
//! `Admin wrote:`) is none.

use super::answers::words_end;
use super::beside::{name_from, name_words, not_name_word, NewHits};
use super::line_before;
use super::Hit;

/// The verbs that say who wrote a quoted post or mail (lowercase), then
/// a colon (a date in brackets may come between) or the line's end.
pub(super) const WROTE: [&str; 17] = [
    "wrote",
    "writes",
    "replied",
    "ha scritto",
    "ha risposto",
    "schrieb",
    "a \u{e9}crit",
    "escribi\u{f3}",
    "escreveu",
    "schreef",
    "napisa\u{142}",
    "napisa\u{142}a",
    "skrev",
    "kirjoitti",
    "napsal",
    "napsala",
    "\u{ed}rta",
];

/// A Hungarian introduction's verb, after the name (`Kovács Anna vagyok`).
pub(super) const INTRODUCED: [&str; 1] = ["vagyok"];

/// The words a Japanese introduction ends with (`です`, `と申します`,
/// `と言います`), read where they are (no word boundary in Japanese).
pub(super) const JAPANESE_INTRODUCED: [&str; 3] = [
    "\u{3067}\u{3059}",
    "\u{3068}\u{7533}\u{3057}\u{307e}\u{3059}",
    "\u{3068}\u{8a00}\u{3044}\u{307e}\u{3059}",
];

/// The honorifics Chinese, Japanese and Korean write right after a name
/// (`王鹏先生`, `佐藤桃子様`, `이동현님`).
pub(super) const HONORIFICS: [&str; 8] = [
    "\u{5148}\u{751f}",
    "\u{5973}\u{58eb}",
    "\u{5c0f}\u{59d0}",
    "\u{69d8}",
    "\u{3055}\u{307e}",
    "\u{3055}\u{3093}",
    "\u{b2d8}",
    "\u{c528}",
];

/// Arabic's `born` (`ولد`, `ولدت`), before the person's name and `في`
/// (on): `ولد قصي العجلان في 15/07/1956`.
pub(super) const ARABIC_BORN: [&str; 1] = ["\u{648}\u{644}\u{62f}"];

/// Hindi's `X का जन्म` (X's birth), after the person's name.
pub(super) const HINDI_BORN: [&str; 1] = ["\u{915}\u{93e} \u{91c}\u{928}\u{94d}\u{92e}"];

/// The words saying a person was born, after the name (`Ryan Davenport
/// was born on 28 April 1935`, `Marie Dubois est née le`, `Jan de Vries
/// werd geboren op`), lowercase; `born` alone only before a date (`近藤太郎
/// born 1941`, `Thomas Reyes born October 3, 1955`).
pub(super) const BORN: [&str; 18] = [
    "was born",
    // German and Dutch put `geboren` after the date and place (`Cemal
    // Barkholz wurde am 26. März 1988 in Schleiz geboren`).
    "wurde am",
    "werd op",
    "born",
    "est n\u{e9}",
    "est n\u{e9}e",
    "naci\u{f3}",
    "\u{e8} nato",
    "\u{e8} nata",
    "nasceu",
    "werd geboren",
    "urodzi\u{142} si\u{119}",
    "urodzi\u{142}a si\u{119}",
    "f\u{f6}ddes",
    "blev f\u{f8}dt",
    "ble f\u{f8}dt",
    "syntyi",
    "wurde geboren",
];

/// Who writes, before `here` (`Anne Bowers here, just confirming`).
pub(super) const HERE: [&str; 1] = ["here"];

/// What an account's holder is called after the name (`"Elaine Francis"
/// is the name on the account`, `« Arnaude Caron » est le titulaire du
/// compte`), lowercase.
pub(super) const HOLDER: [&str; 12] = [
    "is the name on",
    "is the account holder",
    "is the cardholder",
    "is the card holder",
    "est le titulaire",
    "est la titulaire",
    "ist der kontoinhaber",
    "ist die kontoinhaberin",
    "es el titular",
    "es la titular",
    "\u{e8} il titolare",
    "\u{e8} l'intestatario",
];

/// What a person's name owns, right after it (`Do you have John Harper's
/// number?`, `Maria Lopez’s date of birth is ...`), lowercase.
pub(super) const POSSESSIONS: [&str; 24] = [
    "'s number",
    "'s phone",
    "'s mobile",
    "'s cell",
    "'s email",
    "'s e-mail",
    "'s address",
    "'s home address",
    "'s date of birth",
    "'s birthday",
    "'s dob",
    "'s ssn",
    "'s passport",
    "\u{2019}s number",
    "\u{2019}s phone",
    "\u{2019}s mobile",
    "\u{2019}s cell",
    "\u{2019}s email",
    "\u{2019}s e-mail",
    "\u{2019}s address",
    "\u{2019}s home address",
    "\u{2019}s date of birth",
    "\u{2019}s birthday",
    "\u{2019}s passport",
];

/// Bytes read back from a verb for its name.
const LOOK_BACK: usize = 96;

/// The roles a forum writes where a name would be (lowercase).
const ROLES: [&str; 12] = [
    "admin",
    "administrator",
    "moderator",
    "moderatore",
    "guest",
    "anonymous",
    "anonimo",
    "gast",
    "staff",
    "support",
    "user",
    "team",
];

/// The names before (or, for German `schrieb`, after) the verbs whose
/// words start at `cues` in `buf`, none over a value found before.
pub(super) fn names_before_verbs(buf: &[u8], cues: &[usize], hits: &[Hit]) -> Vec<Hit> {
    let mut names = NewHits::names(hits);
    for &c in cues {
        let found = if let Some(end) = words_end(buf, c, &WROTE) {
            quoted_writer(buf, c, end)
        } else if let Some(end) = words_end(buf, c, &INTRODUCED) {
            let ends = buf
                .get(end)
                .is_none_or(|b| matches!(b, b'.' | b',' | b'!' | b' ' | b'\n' | b'\r'));
            ends.then(|| latin_before(buf, c, false)).flatten()
        } else if words_end(buf, c, &HOLDER).is_some() {
            holder_before(buf, c)
        } else if words_end(buf, c, &POSSESSIONS).is_some() {
            possessor_before(buf, c)
        } else if let Some(end) = words_end(buf, c, &BORN) {
            born_before(buf, c, end)
        } else if let Some(end) = words_end(buf, c, &HERE) {
            // `here` ends the clause (`here,`, `here.`, `here -`).
            let ends = matches!(buf.get(end), Some(b',' | b'.' | b'!')) || buf[end..].starts_with(b" -");
            ends.then(|| latin_before(buf, c, false)).flatten()
        } else if buf[c..].starts_with(HINDI_BORN[0].as_bytes()) {
            devanagari_before(buf, c)
        } else if buf[c..].starts_with(ARABIC_BORN[0].as_bytes()) {
            arabic_born_name(buf, c + ARABIC_BORN[0].len())
        } else if let Some(w) = HONORIFICS.iter().find(|w| buf[c..].starts_with(w.as_bytes())) {
            honoured_before(buf, c, w.len() == 3 && w.as_bytes()[0] >= 0xEA)
        } else {
            JAPANESE_INTRODUCED
                .iter()
                .find(|w| buf[c..].starts_with(w.as_bytes()))
                .and_then(|w| japanese_before(buf, c, w.len() > 6))
        };
        if let Some((s, e)) = found {
            names.add(s, e);
        }
    }
    names.into_hits()
}

/// The names a list of people goes on with after the first, which a cue
/// of a list names (`Attendees: Ruben Labado, Ana Lima and Bo Chen`): each
/// two to four capitalised words after a comma, a semicolon or `and` (in
/// a few languages), a role in brackets after any.
pub(super) fn listed_names(buf: &[u8], hits: &[Hit]) -> Vec<Hit> {
    const JOINS: [&str; 14] = [
        ", ", "; ", ", and ", " and ", " & ", " und ", " en ", " et ", " y ", " e ", " i ", " og ", " och ", " ja ",
    ];
    let mut names = NewHits::names(hits);
    for h in hits.iter().filter(|h| h.entity == "PERSON_NAME") {
        let before = line_before(buf, h.start, 24);
        let Ok(before) = std::str::from_utf8(before) else {
            continue;
        };
        // A heading of [`LIST_HEADINGS`] and its colon.
        let lower = before.trim_end().to_ascii_lowercase();
        let Some(heading) = lower.strip_suffix(':').map(str::trim_end) else {
            continue;
        };
        if !LIST_HEADINGS.iter().any(|h| heading.ends_with(h)) {
            continue;
        }
        // The rest of the line, at most 512 bytes.
        let to = memchr::memchr(b'\n', &buf[h.end..buf.len().min(h.end + 512)])
            .map_or(buf.len().min(h.end + 512), |i| h.end + i);
        let Some(line) = utf8_prefix(&buf[h.end..to]) else {
            continue;
        };
        let mut at = 0;
        for _ in 0..24 {
            at += role_after(&line[at..]);
            let Some(join) = JOINS.iter().find(|j| line[at..].starts_with(*j)) else {
                break;
            };
            let start = at + join.len();
            let Some(end) = name_from(line, start) else { break };
            names.add(h.end + start, h.end + end);
            at = end;
        }
    }
    names.into_hits()
}

/// The people a heading of attendees lists under it, a bullet each
/// (`**Attendees:**` then `- Liz Lips (Data Protection Officer)`): the
/// bullet's text before a role in brackets or after a dash, where it is
/// written as a name is in any script (`이서영`, `Nynke van Nes`). `cues`
/// are where the name pattern's words start.
pub(super) fn bulleted_names(buf: &[u8], cues: &[usize], hits: &[Hit]) -> Vec<Hit> {
    let mut names = NewHits::names(hits);
    for &p in cues {
        let Some(end) = words_end(buf, p, &LIST_HEADINGS) else {
            continue;
        };
        // The heading ends its line: `Attendees:`, `**Attendees:**`,
        // `## Participants`.
        let line_end = memchr::memchr(b'\n', &buf[end..]).map_or(buf.len(), |i| end + i);
        if !buf[end..line_end]
            .iter()
            .all(|b| matches!(b, b':' | b'*' | b'_' | b' ' | b'\r'))
            || !line_before(buf, p, 16)
                .iter()
                .all(|b| matches!(b, b'*' | b'_' | b'#' | b' '))
        {
            continue;
        }
        names_under_heading(buf, line_end + 1, &mut names);
    }
    names.into_hits()
}

/// What heads a list of people (lowercase): the meeting's attendees in a
/// few languages, before a colon or over bullets.
const LIST_HEADINGS: [&str; 22] = [
    "attendees",
    "attendee",
    "participants",
    "participant",
    "invitees",
    "present",
    "aanwezig",
    "deelnemers",
    "anwesend",
    "teilnehmer",
    "teilnehmerinnen",
    "teilnehmende",
    "pr\u{e9}sents",
    "presenti",
    "partecipanti",
    "asistentes",
    "participantes",
    "deltagare",
    "deltagere",
    "uczestnicy",
    "obecni",
    "osallistujat",
];

/// The names of the bullets of a list that starts at `at` (one a line,
/// `- `, `* `, `• ` or `– ` before it): each bullet's text before a role
/// in brackets or after a dash, where it is written as a name is in any
/// script.
fn names_under_heading(buf: &[u8], mut at: usize, names: &mut NewHits) {
    for _ in 0..40 {
        if at >= buf.len() {
            break;
        }
        let e = memchr::memchr(b'\n', &buf[at..]).map_or(buf.len(), |i| at + i);
        let line = &buf[at..e];
        let lead = line.iter().take_while(|&&b| b == b' ').count();
        let item = &line[lead..];
        let Some(mark) = ["- ", "* ", "\u{2022} ", "\u{2013} "]
            .iter()
            .find(|m| item.starts_with(m.as_bytes()))
        else {
            break;
        };
        let s = at + lead + mark.len();
        // Before a role: ` (`, ` - `, ` – `, `, `; the line's end.
        let text = &buf[s..e];
        let cut = [&b" ("[..], b" - ", " \u{2013} ".as_bytes(), b", ", b"\r"]
            .iter()
            .filter_map(|c| memchr::memmem::find(text, c))
            .min()
            .unwrap_or(text.len());
        let name = text[..cut].trim_ascii_end();
        let name = name
            .strip_prefix(b"**")
            .and_then(|n| n.strip_suffix(b"**"))
            .unwrap_or(name);
        let ns = s + (name.as_ptr() as usize - text.as_ptr() as usize);
        if !name.is_empty() && crate::dataset::name_shaped(name) {
            names.add(ns, ns + name.len());
        }
        at = e + 1;
    }
}

/// The length of a role in brackets at the start of `text` (` (klant)`),
/// 0 if none.
fn role_after(text: &str) -> usize {
    let Some(rest) = text.strip_prefix(" (") else { return 0 };
    match rest.find(')') {
        Some(i) if i <= 40 && !rest[..i].contains(['(', '\n']) => i + 3,
        _ => 0,
    }
}

/// The longest prefix of `b` that is UTF-8 (a cut character dropped).
pub(super) fn utf8_prefix(b: &[u8]) -> Option<&str> {
    match std::str::from_utf8(b) {
        Ok(s) => Some(s),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&b[..e.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// The writer a quote names before its verb at `c..end`, or after it for
/// German `schrieb` (`Am 05.03.2024 schrieb Anna Weber:`). The verb is
/// followed by a colon, a date in brackets and a colon, or the line's end.
fn quoted_writer(buf: &[u8], c: usize, end: usize) -> Option<(usize, usize)> {
    let mut rest = end;
    // A date or time in brackets (`ha scritto (2022-05-22 23:39:08):`).
    if buf[rest..].starts_with(b" (") {
        let close = memchr::memchr(b')', &buf[rest..buf.len().min(rest + 40)])?;
        rest += close + 1;
    }
    while buf.get(rest) == Some(&b' ') {
        rest += 1;
    }
    let closes = matches!(buf.get(rest), None | Some(b':' | b'\n' | b'\r'));
    if closes {
        return latin_before(buf, c, true);
    }
    // German names the writer after the verb: `schrieb Anna Weber:` or
    // `schrieb Anna Weber <anna@...>:`.
    if buf[c..end].eq_ignore_ascii_case(b"schrieb") && buf.get(end) == Some(&b' ') {
        let to =
            memchr::memchr(b'\n', &buf[end..buf.len().min(end + 120)]).map_or(buf.len().min(end + 120), |i| end + i);
        let text = utf8_prefix(&buf[end..to])?;
        let e = name_from(text, 1)?;
        if text[e..].starts_with(':') || text[e..].starts_with(" <") {
            return Some((end + 1, end + e));
        }
    }
    None
}

/// The name of two to four capitalised words right before `c` (after one
/// space), opened by the line's start, a quote marker (`> `), a comma or
/// a colon; with `one_word`, a single word too where bold markup or the
/// line's start sets it apart (`**Fiorenzo** ha scritto`).
fn latin_before(buf: &[u8], c: usize, one_word: bool) -> Option<(usize, usize)> {
    let window = line_before(buf, c, LOOK_BACK);
    // A line longer than the look back has its start out of sight: its
    // name must then follow a mark (`... of Leeds. Glenn Thornton was
    // born`), and a character cut at the window's start is dropped.
    let cut = window.len() == LOOK_BACK && c > LOOK_BACK;
    let line = utf8_suffix(window)?;
    let ls = c - line.len();
    let line = line.strip_suffix(' ')?;
    // Bold or underlined (`**Name**`, `__Name__`).
    let (text, bold) = match line.strip_suffix("**").or_else(|| line.strip_suffix("__")) {
        Some(t) => (t, true),
        None => (line, false),
    };
    let words = name_words(text);
    let (start, _) = *words.first()?;
    let end = words.last()?.1;
    let name = &text[start..end];
    if name
        .split(' ')
        .any(|w| not_name_word(w) || ROLES.iter().any(|r| w.eq_ignore_ascii_case(r)))
    {
        return None;
    }
    // What comes before the name: the line's start (after quote markers),
    // a comma or a colon.
    let before = text[..start].trim_end_matches(['*', '_']);
    // (Or a string's: `"full_text": "Anne Bowers here`.)
    let line_start = !cut && before.trim_matches(|ch: char| ch == '>' || ch == ' ').is_empty()
        || before.ends_with('"')
        || before.ends_with("\\n");
    let after_mark = before.ends_with(", ")
        || before.ends_with(": ")
        || !one_word && (before.ends_with("! ") || before.ends_with(". "));
    if !(line_start || after_mark) {
        return None;
    }
    let enough = (2..=4).contains(&words.len()) || words.len() == 1 && one_word && (bold || line_start);
    enough.then_some((ls + start, ls + end))
}

/// The name of two to four capitalised words right before the possessive
/// at `c` (`John Harper's number`), a role or an organisation's word in it
/// making none.
fn possessor_before(buf: &[u8], c: usize) -> Option<(usize, usize)> {
    let line = line_before(buf, c, LOOK_BACK);
    let ls = c - line.len();
    let text = std::str::from_utf8(line).ok()?;
    let words = name_words(text);
    let start = words.first()?.0;
    if !(2..=4).contains(&words.len()) || words.last()?.1 != text.len() {
        return None;
    }
    let name = &text[start..];
    if name.split(' ').any(|w| ROLES.iter().any(|r| w.eq_ignore_ascii_case(r))) {
        return None;
    }
    Some((ls + start, ls + text.len()))
}

/// The name before the words at `c..end` saying its person was born:
/// two to four capitalised words after a line's or a sentence's start
/// ([`latin_before`]), or a name of another script alone at a line's or a
/// string's start (`محمد عثمان was born on`, `近藤太郎 born 1941`). `born`
/// alone must be followed by a date's digit or month, or `on` or `in`
/// (`New York born artist` is none).
fn born_before(buf: &[u8], c: usize, end: usize) -> Option<(usize, usize)> {
    if buf[c..end].eq_ignore_ascii_case(b"wurde am") || buf[c..end].eq_ignore_ascii_case(b"werd op") {
        let rest = &buf[end..buf.len().min(end + 64)];
        let rest = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
        memchr::memmem::find(rest, b" geboren")?;
    }
    if buf[c..end].eq_ignore_ascii_case(b"born") {
        let next = buf.get(end + 1..)?;
        let dated = buf.get(end) == Some(&b' ')
            && (next.first().is_some_and(u8::is_ascii_digit)
                || [&b"on "[..], b"in ", b"at "].iter().any(|w| next.starts_with(w))
                || next.first().is_some_and(u8::is_ascii_uppercase) && words_end(next, 0, &MONTHS).is_some());
        if !dated {
            return None;
        }
    }
    if let Some(found) = latin_before(buf, c, false) {
        return Some(found);
    }
    // Another script's name: the line's (or a JSON string's) whole text.
    let line = line_before(buf, c, LOOK_BACK);
    let ls = c - line.len();
    let text = std::str::from_utf8(line).ok()?.strip_suffix(' ')?;
    let from = [text.rfind('"').map(|i| i + 1), text.rfind("\\n").map(|i| i + 2)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    let lead = text[from..].len() - text[from..].trim_start().len();
    let name = &text[from + lead..];
    let other_script = name.chars().next().is_some_and(|ch| u32::from(ch) >= 0x0590);
    (other_script && name.split(' ').count() <= 4 && crate::dataset::name_shaped(name.as_bytes()))
        .then_some((ls + from + lead, ls + text.len()))
}

/// The months' names in English, which `born` may be followed by.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The name of two to four capitalised words before a holder's words at
/// `c`, in quotes or guillemets or bare, opened by the line's or a
/// string's start or a quote (`"Elaine Francis" is the name on`, `«
/// Arnaude Caron » est le titulaire`).
fn holder_before(buf: &[u8], c: usize) -> Option<(usize, usize)> {
    let line = line_before(buf, c, LOOK_BACK);
    let ls = c - line.len();
    let line = std::str::from_utf8(line).ok()?.strip_suffix(' ')?;
    let quoted = ["\u{a0}\u{bb}", " \u{bb}", "\u{bb}", "\\\"", "\"", "\u{201d}"]
        .iter()
        .find_map(|q| line.strip_suffix(q));
    let text = quoted.unwrap_or(line);
    let words = name_words(text.trim_end_matches([' ', '\u{a0}']));
    let start = words.first()?.0;
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let name_end = words.last()?.1;
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let opens = before.is_empty()
        || before.ends_with(['"', '\u{ab}', '\u{201c}', ':'])
        || before.ends_with("\\\"")
        || before.ends_with("\\n");
    opens.then_some((ls + start, ls + name_end))
}

/// The Japanese name right before the introduction's words at `c`: a
/// family name of one to three kanji, a space, and a given name of one to
/// five kanji or kana (`鈴木 裕太です`); before `と申します` (`humble`), two to
/// five with no space too (`鈴木裕太と申します`). What comes before it is
/// the sentence's start (`。`, `、`, `！`, `は`, `：`, a line's start).
fn japanese_before(buf: &[u8], c: usize, humble: bool) -> Option<(usize, usize)> {
    let from = c.saturating_sub(48);
    let text = utf8_suffix(&buf[from..c])?;
    let base = c - text.len();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let kanji = |ch: char| matches!(ch, '\u{4e00}'..='\u{9fff}' | '\u{3005}');
    let kana = |ch: char| matches!(ch, '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}' | '\u{30fc}');
    // Walk back over the given name, the space, the family name.
    let mut i = chars.len();
    let mut given = 0;
    while i > 0 && given < 5 && (kanji(chars[i - 1].1) || kana(chars[i - 1].1)) {
        i -= 1;
        given += 1;
    }
    let spaced = i > 0 && matches!(chars[i - 1].1, ' ' | '\u{3000}');
    let start = if spaced {
        let mut j = i - 1;
        let mut family = 0;
        while j > 0 && family < 3 && kanji(chars[j - 1].1) {
            j -= 1;
            family += 1;
        }
        if family == 0 || given == 0 {
            return None;
        }
        j
    } else if humble {
        let k = chars.iter().rev().take(6).take_while(|&&(_, ch)| kanji(ch)).count();
        if !(2..=5).contains(&k) {
            return None;
        }
        chars.len() - k
    } else {
        return None;
    };
    let opens = start == 0 && from == 0
        || start > 0
            && matches!(
                chars[start - 1].1,
                '\u{3002}' | '\u{3001}' | '\u{ff01}' | '\u{306f}' | '\u{ff1a}' | '\n' | ' '
            );
    if !opens || (start == 0 && from > 0) {
        return None;
    }
    let s = base + chars[start].0;
    Some((s, c))
}

/// The name right before an honorific at `c`: two to four Hangul syllables
/// before `님` or `씨` (`hangul`), else two to four kanji (a space between
/// family and given name allowed: `佐藤 桃子様`), opened by the text's or a
/// string's start, a space, a bracket or a stop, or a letter's salutation
/// (`尊敬的`, `亲爱的`). Titles and roles are none (`고객님` is the customer,
/// `선생님` the teacher).
fn honoured_before(buf: &[u8], c: usize, hangul: bool) -> Option<(usize, usize)> {
    const ROLES: [&str; 23] = [
        "\u{c2e4}\u{c7a5}",
        "\u{cc28}\u{c7a5}",
        "\u{b300}\u{b9ac}",
        "\u{c774}\u{c0ac}",
        "\u{b300}\u{d45c}",
        "\u{c8fc}\u{c784}",
        "\u{c120}\u{bc30}",
        "\u{bc18}\u{c7a5}",
        "\u{c18c}\u{c7a5}",
        "\u{c810}\u{c7a5}",
        "\u{c758}\u{c6d0}",
        "\u{ace0}\u{ac1d}",
        "\u{c120}\u{c0dd}",
        "\u{d68c}\u{c6d0}",
        "\u{c0ac}\u{c7a5}",
        "\u{bd80}\u{c7a5}",
        "\u{acfc}\u{c7a5}",
        "\u{d300}\u{c7a5}",
        "\u{ae30}\u{c0ac}",
        "\u{ad50}\u{c218}",
        "\u{c5ec}\u{b7ec}\u{bd84}",
        "\u{5ba2}\u{6237}",
        "\u{5404}\u{4f4d}",
    ];
    let from = c.saturating_sub(40);
    let text = utf8_suffix(&buf[from..c])?;
    let base = c - text.len();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let letter = |ch: char| {
        if hangul {
            matches!(ch, '\u{ac00}'..='\u{d7a3}')
        } else {
            // Not the words that glue Chinese together (`我们的王先生`: our
            // Mr Wang), which no name holds.
            matches!(ch, '\u{4e00}'..='\u{9fff}' | '\u{3005}') && !"\u{7684}\u{4eec}\u{6211}\u{4f60}\u{4ed6}\u{5979}\u{662f}\u{5728}\u{548c}\u{4e0e}\u{7ed9}\u{8bf7}\u{628a}\u{88ab}\u{5bf9}\u{5411}\u{8ddf}\u{7531}\u{4e86}".contains(ch)
        }
    };
    let mut i = chars.len();
    let mut n = 0;
    while i > 0
        && n < 5
        && (letter(chars[i - 1].1) || !hangul && n > 0 && chars[i - 1].1 == ' ' && i > 1 && letter(chars[i - 2].1))
    {
        if chars[i - 1].1 != ' ' {
            n += 1;
        }
        i -= 1;
    }
    // After a letter's salutation, the name is what follows it.
    let saluted = (2..=4).find(|&k| {
        // (Three characters or more before the name: `j` is then inside
        // `chars`, which may be empty.)
        let j = chars.len().saturating_sub(k);
        !hangul
            && j >= 3
            && chars[j..].iter().all(|&(_, ch)| letter(ch))
            && (text[..chars[j].0].ends_with("\u{5c0a}\u{656c}\u{7684}")
                || text[..chars[j].0].ends_with("\u{4eb2}\u{7231}\u{7684}"))
    });
    if let Some(k) = saluted {
        i = chars.len() - k;
    } else if !(2..=4).contains(&n) {
        return None;
    }
    let opens = saluted.is_some()
        || i == 0 && from == 0
        || i > 0
            && matches!(
                chars[i - 1].1,
                ' ' | '"'
                    | '\n'
                    | '\u{3002}'
                    | '\u{3001}'
                    | '\u{ff0c}'
                    | ','
                    | '.'
                    | '('
                    | '\u{300c}'
                    | '\u{ff1a}'
                    | ':'
            );
    let name = &text[chars[i].0..];
    if !opens || ROLES.contains(&name) {
        return None;
    }
    Some((base + chars[i].0, c))
}

/// The name after Arabic's `born` (`ولد`, or `ولدت` of a woman) that ends
/// at `at`: two or three Arabic words before `في` (on).
fn arabic_born_name(buf: &[u8], at: usize) -> Option<(usize, usize)> {
    let at = if buf[at..].starts_with("\u{62a}".as_bytes()) {
        at + 2
    } else {
        at
    };
    let rest = buf.get(at..buf.len().min(at + 120))?;
    let rest = rest.strip_prefix(b" ")?;
    let text = utf8_prefix(rest)?;
    let fi = text.find(" \u{641}\u{64a} ")?;
    let name = &text[..fi];
    let words: Vec<&str> = name.split(' ').collect();
    let arabic = |w: &str| {
        !w.is_empty()
            && w.chars().all(|ch| {
                matches!(
                    ch,
                    '\u{621}'..='\u{64a}' | '\u{67e}' | '\u{686}' | '\u{6a9}' | '\u{6af}' | '\u{6cc}'
                )
            })
    };
    ((2..=3).contains(&words.len()) && words.iter().all(|w| arabic(w))).then_some((at + 1, at + 1 + name.len()))
}

/// The name of two or three Devanagari words right before `c` (after one
/// space), opened by the text's or a string's or a line's start, or a
/// stop (`ज्योत्स्ना द्विवेदी का जन्म`).
fn devanagari_before(buf: &[u8], c: usize) -> Option<(usize, usize)> {
    let from = c.saturating_sub(120);
    let text = utf8_suffix(&buf[from..c])?;
    let base = c - text.len();
    let text = text.strip_suffix(' ')?;
    let deva = |ch: char| matches!(ch, '\u{900}'..='\u{963}' | '\u{971}'..='\u{97f}');
    let mut start = text.len();
    let mut words = 0;
    while words < 3 {
        let Some(ws) = text[..start]
            .char_indices()
            .rev()
            .take_while(|&(_, ch)| deva(ch))
            .last()
            .map(|(i, _)| i)
        else {
            break;
        };
        words += 1;
        start = ws;
        // Another word before it, after one space?
        match text[..start].strip_suffix(' ') {
            Some(prev) if words < 3 && prev.chars().next_back().is_some_and(deva) => start -= 1,
            _ => break,
        }
    }
    let before = &text[..start];
    let opens = before.is_empty() && from == 0
        || before.ends_with(['\n', '"', '\u{964}', '.', ':', ','])
        || before.ends_with(". ")
        || before.ends_with("\\n");
    ((2..=3).contains(&words) && opens).then_some((base + start, base + text.len()))
}

/// The longest suffix of `b` that is UTF-8 (a cut character dropped).
pub(super) fn utf8_suffix(b: &[u8]) -> Option<&str> {
    let skip = b.iter().take(3).take_while(|&&x| (x & 0xC0) == 0x80).count();
    std::str::from_utf8(&b[skip..]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<usize> {
        let lower = text.to_ascii_lowercase();
        let mut out: Vec<usize> = WROTE
            .iter()
            .chain(&INTRODUCED)
            .chain(&HERE)
            .chain(&HOLDER)
            .chain(&BORN)
            .chain(&POSSESSIONS)
            .chain(&ARABIC_BORN)
            .chain(&HINDI_BORN)
            .chain(&HONORIFICS)
            .chain(&JAPANESE_INTRODUCED)
            .flat_map(|w| lower.match_indices(w).map(|(i, _)| i).collect::<Vec<_>>())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn found(text: &str) -> Vec<&str> {
        names_before_verbs(text.as_bytes(), &cues(text), &[])
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    fn hit(start: usize, end: usize) -> Hit {
        Hit {
            start,
            end,
            entity: "PERSON_NAME",
            rule: &mlsec_diagnostics::codes::PII_PERSON,
            confidence: 70,
            detail: None,
        }
    }

    #[test]
    fn writers_of_quotes() {
        assert_eq!(
            found("**Orlando Jilani** ha scritto (2022-05-22 23:39:08):\n"),
            ["Orlando Jilani"]
        );
        assert_eq!(
            found("\n\n**Fiorenzo** ha scritto (2020-02-26 23:17:19):\n"),
            ["Fiorenzo"]
        );
        assert_eq!(found("> Anna Weber wrote:\n> hi"), ["Anna Weber"]);
        assert_eq!(found("On Tue, 5 Mar 2024, John Smith wrote:\n"), ["John Smith"]);
        assert_eq!(
            found("Am 05.03.2024 um 10:00 schrieb Anna Weber <a@b.de>:\n"),
            ["Anna Weber"]
        );
        assert_eq!(found("Le 5 mars, Jean Dupont a \u{e9}crit :\n"), ["Jean Dupont"]);
        // Roles, lowercase and prose are none.
        assert!(found("**moderatore** ha risposto:\n").is_empty());
        assert!(found("**Admin** wrote:\n").is_empty());
        assert!(found("The Board wrote: hello\n").is_empty());
        assert!(found("Then Jane Smith wrote a book about it.\n").is_empty());
        assert!(found("Support Team wrote:\n").is_empty());
    }

    #[test]
    fn names_before_hindi_birth() {
        let t = "\n\u{91c}\u{94d}\u{92f}\u{94b}\u{924}\u{94d}\u{938}\u{94d}\u{928}\u{93e} \u{926}\u{94d}\u{935}\u{93f}\u{935}\u{947}\u{926}\u{940} \u{915}\u{93e} \u{91c}\u{928}\u{94d}\u{92e} 11 \u{905}\u{92a}\u{94d}\u{930}\u{948}\u{932} 1945";
        assert_eq!(found(t), ["\u{91c}\u{94d}\u{92f}\u{94b}\u{924}\u{94d}\u{938}\u{94d}\u{928}\u{93e} \u{926}\u{94d}\u{935}\u{93f}\u{935}\u{947}\u{926}\u{940}"]);
    }

    #[test]
    fn holders_named_before_their_role() {
        assert_eq!(
            found("\n\"Elaine Francis\" is the name on the account.\n"),
            ["Elaine Francis"]
        );
        assert_eq!(
            found("\n\u{ab} Arnaude Caron \u{bb} est le titulaire du compte"),
            ["Arnaude Caron"]
        );
        assert_eq!(
            found("{\"t\": \"Omar Williams is the account holder.\"}"),
            ["Omar Williams"]
        );
        assert!(found("The Primary Contact is the account holder.").is_empty());
    }

    #[test]
    fn attendees_under_their_heading() {
        let t = "## Weekly standup\n\n**Attendees:**\n- Liz Lips (Data Protection Officer)\n- \u{c774}\u{c11c}\u{c601} (Head of ML)\n- Nynke van Nes\n- TBD (Annotation Lead)\n\n**Notes:**\n- Baseline is Adam\n";
        let cues = [t.find("Attendees").unwrap()];
        let got: Vec<&str> = bulleted_names(t.as_bytes(), &cues, &[])
            .iter()
            .map(|h| &t[h.start..h.end])
            .collect();
        assert_eq!(got, ["Liz Lips", "\u{c774}\u{c11c}\u{c601}", "Nynke van Nes"]);
        // Not a heading: attendees in a sentence.
        let t = "The attendees: see below\n- Liz Lips\n";
        let cues = [t.find("attendees").unwrap()];
        assert!(bulleted_names(t.as_bytes(), &cues, &[]).is_empty());
    }

    #[test]
    fn owners_before_what_they_own() {
        assert_eq!(
            found("Do you have John Harper's number? I think it's +61-2-1249-7722."),
            ["John Harper"]
        );
        assert_eq!(
            found("Maria Lopez\u{2019}s date of birth is 3 May 1980"),
            ["Maria Lopez"]
        );
        // One word, a role, a longer word: none.
        assert!(found("Do you have Harper's number?").is_empty());
        assert!(found("the Support Team's email is").is_empty());
        assert!(found("Ask John Harper's numbers guy").is_empty());
    }

    #[test]
    fn writers_here_and_the_born() {
        assert_eq!(
            found("\"Anne Bowers here, just confirming my appointment"),
            ["Anne Bowers"]
        );
        assert!(found("Support Team here, the rest").is_empty());
        assert!(found("Click here, then").is_empty());
        assert_eq!(
            found("\u{648}\u{644}\u{62f} \u{642}\u{635}\u{64a} \u{627}\u{644}\u{639}\u{62c}\u{644}\u{627}\u{646} \u{641}\u{64a} 15/07/1956."),
            ["\u{642}\u{635}\u{64a} \u{627}\u{644}\u{639}\u{62c}\u{644}\u{627}\u{646}"]
        );
    }

    #[test]
    fn names_before_their_birth() {
        for (t, name) in [
            ("Ryan Davenport was born on 28 April 1935 in Madrid", "Ryan Davenport"),
            ("* * *\n\nThomas Reyes born October 3, 1955 in Leeds", "Thomas Reyes"),
            ("Nachruf. Marie Dubois est n\u{e9}e le 3 mai 1950", "Marie Dubois"),
            ("{\"text\": \"Jan Visser werd geboren op 3 mei", "Jan Visser"),
            (
                "aus Rudolstadt. Cemal Barkholz wurde am 26. M\u{e4}rz 1988 in Schleiz geboren.",
                "Cemal Barkholz",
            ),
            ("Dion Vierdag werd op 14 december 1950 in Haren geboren", "Dion Vierdag"),
            (
                "====\n\u{8fd1}\u{85e4}\u{592a}\u{90ce} born 1941-03-09 in",
                "\u{8fd1}\u{85e4}\u{592a}\u{90ce}",
            ),
            (
                "{\"text\": \"\u{645}\u{62d}\u{645}\u{62f} \u{639}\u{62b}\u{645}\u{627}\u{646} was born on",
                "\u{645}\u{62d}\u{645}\u{62f} \u{639}\u{62b}\u{645}\u{627}\u{646}",
            ),
        ] {
            assert_eq!(found(t), [name], "{t}");
        }
        for t in [
            "New York born artist",
            "The Project was born in 2019",
            "Ryan was born on 28 April",
            "Thomas Reyes born again",
            "Der Vertrag wurde am 3. Mai 2020 unterschrieben",
            "Anna Weber wurde am 3. Mai 2020 befördert",
            "Sales Team born in",
            "\u{6211}\u{4eec}\u{7684}\u{56e2}\u{961f}\u{6210}\u{5458}\u{90fd}\u{5f88} born in",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn introductions() {
        assert_eq!(found("Szia, Kov\u{e1}cs Anna vagyok."), ["Kov\u{e1}cs Anna"]);
        assert_eq!(
            found("Tisztelt \u{dc}gyf\u{e9}lszolg\u{e1}lat! Mezei Antal vagyok, telefon"),
            ["Mezei Antal"]
        );
        assert_eq!(
            found("\u{304a}\u{4e16}\u{8a71}\u{306b}\u{306a}\u{3063}\u{3066}\u{304a}\u{308a}\u{307e}\u{3059}\u{3002}\u{9234}\u{6728} \u{88d5}\u{592a}\u{3067}\u{3059}\u{3002}"),
            ["\u{9234}\u{6728} \u{88d5}\u{592a}"]
        );
        assert_eq!(
            found("\u{79c1}\u{306f}\u{9234}\u{6728}\u{88d5}\u{592a}\u{3068}\u{7533}\u{3057}\u{307e}\u{3059}\u{3002}"),
            ["\u{9234}\u{6728}\u{88d5}\u{592a}"]
        );
        // `問題です` (it is a problem): no space, no humble verb.
        assert!(found("\u{3002}\u{554f}\u{984c}\u{3067}\u{3059}\u{3002}").is_empty());
    }

    #[test]
    fn names_before_honorifics() {
        let hon = found;
        // Nothing before the honorific on its line (found by fuzzing: an
        // index into no characters).
        for t in ["\u{5148}\u{751f}", "x\n\u{69d8} _ _ O", "\u{b2d8}"] {
            assert!(hon(t).is_empty(), "{t}");
        }
        assert_eq!(
            hon("\u{738b}\u{9e4f}\u{5148}\u{751f}\u{7684}\u{94f6}\u{884c}\u{5361}"),
            ["\u{738b}\u{9e4f}"]
        );
        assert_eq!(
            hon("\"\u{4f50}\u{85e4}\u{6843}\u{5b50}\u{69d8}\u{3001}"),
            ["\u{4f50}\u{85e4}\u{6843}\u{5b50}"]
        );
        assert_eq!(
            hon("\u{c774}\u{b3d9}\u{d604}\u{b2d8}, \u{c8fc}\u{bb38}"),
            ["\u{c774}\u{b3d9}\u{d604}"]
        );
        assert_eq!(
            hon("\u{5c0a}\u{656c}\u{7684}\u{738b}\u{4f1f}\u{5148}\u{751f}"),
            ["\u{738b}\u{4f1f}"]
        );
        // The customer, the teacher; a name inside running text.
        assert!(hon("\u{ace0}\u{ac1d}\u{b2d8}, \u{c548}\u{b155}").is_empty());
        assert!(hon(" \u{c120}\u{c0dd}\u{b2d8}").is_empty());
        assert!(hon("\u{6211}\u{4eec}\u{7684}\u{738b}\u{5148}\u{751f}").is_empty());
    }

    /// The names a list in `t` goes on with after its first, `first`.
    fn listed<'t>(t: &'t str, first: &str) -> Vec<&'t str> {
        let s = t.find(first).unwrap();
        listed_names(t.as_bytes(), &[hit(s, s + first.len())])
            .iter()
            .map(|h| &t[h.start..h.end])
            .collect()
    }

    #[test]
    fn lists_of_people() {
        let t = "Aanwezig: Jolijn Meyer (klant), Inaya van Clootwijck (accountmanager)\n";
        assert_eq!(listed(t, "Jolijn Meyer"), ["Inaya van Clootwijck"]);
        let t = "# Notes\nAttendees: Ruben Labado, Ana Lima and Bo Chen\n";
        assert_eq!(listed(t, "Ruben Labado"), ["Ana Lima", "Bo Chen"]);
        // A name after a cue that names no list: none.
        assert!(listed("Customer: John Smith, Acme Corp\n", "John Smith").is_empty());
    }
}
