//! Names in lowercase speech: a speech transcript writes everything in
//! lowercase (`the account is in the name of deborah ferguson`), so the
//! name patterns, which want capitalised words, see none. Here a name is
//! two or three lowercase words right after a cue that says one follows
//! (`my name is`, `in the name of`), in a turn with no capital letter
//! before the cue, ended by the turn's or the clause's end; a word of
//! [`NOT_NAMES`] (what such a cue is also followed by: `my name is not
//! important`, `in the name of the law`) makes none.

use super::Hit;

/// What a name follows in speech (lowercase, with the space after), each
/// with where its word `name` starts in it (the name pattern's words are
/// found there).
const CUES: [(&str, usize); 10] = [
    ("my name is ", 3),
    ("mein name ist ", 5),
    ("my name's ", 3),
    ("the name is ", 4),
    ("the name's ", 4),
    ("name is ", 0),
    ("in the name of ", 7),
    ("under the name of ", 10),
    ("under the name ", 10),
    // A lowercase note's field (`ssn 575025614 dob 1985-05-27 name ryan
    // rivera`).
    ("name ", 0),
];

/// The fields a lowercase note writes after a name (`patient tim williams
/// dob 07/03/1972`), which end it as a clause's end does.
const FIELDS: [&str; 9] = [
    " dob ", " ssn ", " age ", " mrn ", " born ", " email ", " phone ", " tel ", " id ",
];

/// Bytes looked back from a cue for a capital letter (a turn written with
/// them is read by the name patterns).
const LOOK_BACK: usize = 80;

/// Words no name holds, that follow such cues (lowercase).
const NOT_NAMES: [&str; 97] = [
    "the", "a", "an", "not", "is", "was", "and", "or", "but", "my", "your", "his", "her", "their", "our", "its",
    "this", "that", "what", "who", "how", "why", "where", "when", "on", "in", "at", "of", "for", "to", "with", "from",
    "by", "as", "it", "i", "you", "he", "she", "we", "they", "me", "him", "us", "them", "be", "been", "have", "has",
    "had", "do", "does", "did", "will", "would", "can", "could", "should", "so", "if", "then", "very", "just", "also",
    "only", "really", "um", "uh", "erm", "yeah", "yes", "no", "okay", "ok", "right", "well", "like", "sure", "please",
    "thanks", "thank", "sorry", "hello", "hi", "calling", "speaking", "here", "there", "still", "spelled", "spelt",
    "same", "company", "business", "law", "god", "love",
];

/// The names after the cues of [`CUES`] in `buf`, whose word `name`
/// starts at one of `words` (the name pattern's words, ascending), none
/// over a value found before.
pub(super) fn lowercase_names(buf: &[u8], words: &[usize], hits: &[Hit]) -> Vec<Hit> {
    let mut out = super::beside::NewHits::new(hits, "PERSON_NAME", 65);
    for &p in words {
        // A lowercase note's patient, before a field (`patient tim
        // williams dob ...`).
        if buf[p..].starts_with(b"patient ") {
            let start = p + b"patient ".len();
            if let Some(end) = name_end(buf, start, true).filter(|_| out.last_end() <= start) {
                out.add(start, end);
            }
            continue;
        }
        // Most of the pattern's words are others (`dear`, `Mr`).
        if !buf.get(p..p + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"name")) {
            continue;
        }
        let Some((c, cue)) = CUES.iter().find_map(|&(q, at)| {
            let c = p.checked_sub(at)?;
            buf.get(c..c + q.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(q.as_bytes()))
                .then_some((c, q))
        }) else {
            continue;
        };
        // Lowercase speech: no capital letter in the cue or before it on
        // its line or in its string, but in a value found there (a note's
        // `dob Feb 15 1945`).
        let from = c.saturating_sub(LOOK_BACK);
        let turn = buf[from..c]
            .iter()
            .rposition(|&b| b == b'"' || b == b'\n')
            .map_or(from, |i| from + i + 1);
        let span = turn..c + cue.len();
        if buf[span.clone()].iter().any(u8::is_ascii_uppercase) {
            let near: Vec<&Hit> = hits
                .iter()
                .filter(|h| h.start < span.end && h.end > span.start)
                .collect();
            if span
                .filter(|&i| buf[i].is_ascii_uppercase())
                .any(|i| !near.iter().any(|h| h.start <= i && i < h.end))
            {
                continue;
            }
        }
        let start = c + cue.len();
        // A bare field's name (`name ryan rivera`) ends its line or string,
        // or comes before another field (not `whose name contains
        // whitespace,`).
        let end = name_end(buf, start, false).filter(|&end| {
            cue != "name "
                || matches!(buf.get(end), None | Some(b'"' | b'\n' | b'\r' | b'\\'))
                || FIELDS.iter().any(|f| buf[end..].starts_with(f.as_bytes()))
        });
        if let Some(end) = end.filter(|_| out.last_end() <= start) {
            out.add(start, end);
        }
    }
    out.into_hits()
}

/// Requests in lowercase speech to call someone, before the name and the
/// word before the number (`call sandra green on 074 4941 7375`, `ruf
/// freya mohaupt unter 0152 ...`, `llama a cecilia quintanilla mora al
/// 611...`), with the space after.
const CALL_VERBS: [&str; 12] = [
    "call ",
    "ring ",
    "text ",
    "phone ",
    "ruf ",
    "rufe ",
    "llama a ",
    "llamar a ",
    "appelle ",
    "appeler ",
    "chiama ",
    "bel ",
];

/// What a spoken number follows after its callee's name.
const BEFORE_NUMBER: [&str; 9] = [
    " on ", " at ", " unter ", " al ", " au ", " op ", " a ", " no ", " pod ",
];

/// The name in lowercase speech that `text` (ending where a phone number
/// starts) asks to call (see [`CALL_VERBS`]): two or three words of
/// lowercase letters (any script's: `georges rémy`), none of
/// [`NOT_NAMES`] nor a word no name holds (`call the office on`).
pub(super) fn lowercase_callee(text: &str) -> Option<(usize, usize)> {
    let sep = BEFORE_NUMBER.iter().find(|s| text.ends_with(*s))?;
    let end = text.len() - sep.len();
    let verb = CALL_VERBS
        .iter()
        .filter_map(|v| text[..end].rfind(v).map(|i| (i, v)))
        .max_by_key(|&(i, _)| i)?;
    let start = verb.0 + verb.1.len();
    // The verb starts a word, and no capital comes before it (written text
    // is read by the name patterns).
    if verb.0 > 0 && text.as_bytes()[verb.0 - 1].is_ascii_alphabetic() || text[..start].chars().any(char::is_uppercase)
    {
        return None;
    }
    let name = &text[start..end];
    let words: Vec<&str> = name.split(' ').collect();
    let plain = |w: &&str| {
        (2..=20).contains(&w.chars().count())
            && w.chars().all(|c| c.is_lowercase() || c == '\'' || c == '-')
            && !NOT_NAMES.contains(w)
            && !super::beside::not_name_word(w)
    };
    ((2..=3).contains(&words.len()) && words.iter().all(plain)).then_some((start, end))
}

/// Whether `w` is written as a word of a name in lowercase: 2 to 20
/// ASCII small letters, an apostrophe or a hyphen inside (`o'neil`).
pub(crate) fn lowercase_name_word(w: &[u8]) -> bool {
    (2..=20).contains(&w.len())
        && w.iter().all(|&b| b.is_ascii_lowercase() || b == b'\'' || b == b'-')
        && w[0].is_ascii_lowercase()
        && w[w.len() - 1].is_ascii_lowercase()
}

/// Where the name of two or three lowercase words starting at `start`
/// ends, if one does: each word 2 to 20 ASCII letters (an apostrophe or
/// a hyphen inside), single spaces between, none of [`NOT_NAMES`], then
/// the turn's or the clause's end (a quote, a line break, `.`, `,`, `?`,
/// `!`, the text's end, or `and`) or a field of [`FIELDS`]; with
/// `field`, that field only.
fn name_end(buf: &[u8], start: usize, field: bool) -> Option<usize> {
    let mut at = start;
    let mut words = 0;
    loop {
        let len = buf[at..]
            .iter()
            .take(21)
            .take_while(|&&b| b.is_ascii_lowercase() || b == b'\'' || b == b'-')
            .count();
        let w = &buf[at..at + len];
        let plain = lowercase_name_word(w) && !NOT_NAMES.iter().any(|n| n.as_bytes() == w);
        if !plain {
            return None;
        }
        words += 1;
        at += len;
        let rest = &buf[at..];
        let at_field = FIELDS.iter().any(|f| rest.starts_with(f.as_bytes()));
        let ended = match rest.first() {
            _ if field => at_field,
            None => true,
            Some(b'"' | b'\n' | b'.' | b',' | b'?' | b'!' | b'\\') => true,
            Some(b' ') => rest.starts_with(b" and ") || rest.starts_with(b" but ") || at_field,
            _ => return None,
        };
        if ended {
            return (2..=3).contains(&words).then_some(at);
        }
        if words == 3 {
            return None;
        }
        at += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        let words: Vec<usize> = text.match_indices("name").map(|(i, _)| i).collect();
        lowercase_names(text.as_bytes(), &words, &[])
            .into_iter()
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    #[test]
    fn cues_know_where_their_word_is() {
        for (q, at) in CUES {
            assert_eq!(q.find("name"), Some(at), "{q}");
        }
    }

    #[test]
    fn names_in_lowercase_notes() {
        assert_eq!(names("ssn 575025614 dob 1985-05-27 name ryan rivera"), ["ryan rivera"]);
        let t = "patient tim williams dob 07/03/1972 allergic";
        let p = t.find("patient").unwrap();
        let got: Vec<&str> = lowercase_names(t.as_bytes(), &[p], &[])
            .iter()
            .map(|h| &t[h.start..h.end])
            .collect();
        assert_eq!(got, ["tim williams"]);
        let t = "patient care team.";
        assert!(lowercase_names(t.as_bytes(), &[0], &[]).is_empty());
        assert!(names("the name field is empty").is_empty());
        assert!(names("a directory whose name contains whitespace, or").is_empty());
        // Capitals in a value found on the line do not make it written text;
        // elsewhere they do.
        let t = "ssn 882-54-2237 dob Feb 15 1945 name breanna steele";
        let dob = Hit {
            start: t.find("Feb").unwrap(),
            end: t.find(" name").unwrap(),
            entity: "DATE_OF_BIRTH",
            rule: &mlsec_diagnostics::codes::PII_PERSON,
            confidence: 85,
            detail: None,
        };
        let at = [t.find("name").unwrap()];
        let got: Vec<&str> = lowercase_names(t.as_bytes(), &at, std::slice::from_ref(&dob))
            .iter()
            .map(|h| &t[h.start..h.end])
            .collect();
        assert_eq!(got, ["breanna steele"]);
        assert!(lowercase_names(t.as_bytes(), &at, &[]).is_empty());
    }

    #[test]
    fn names_in_lowercase_speech() {
        assert_eq!(
            names(
                r#"{"text": "hi yeah i need to update my details the account is in the name of deborah ferguson", "c": 0.7}"#
            ),
            ["deborah ferguson"]
        );
        assert_eq!(
            names("caller: hi my name is john paul smith and i'm calling about"),
            ["john paul smith"]
        );
        assert_eq!(names("um my name's aaron henry."), ["aaron henry"]);
    }

    #[test]
    fn no_names_where_none() {
        let none = Vec::<&str>::new();
        // Capitals in the turn: the name patterns read it.
        assert_eq!(names("Hi, my name is john smith."), none);
        // One word, common words, a longer clause.
        assert_eq!(names("in the name of god."), none);
        assert_eq!(names("in the name of the law."), none);
        assert_eq!(names("my name is not important."), none);
        assert_eq!(names("my name is spelled out below"), none);
        assert_eq!(names("in the name of science and progress we"), none);
        assert_eq!(names("my name is mud today okay"), none);
    }

    proptest::proptest! {
        /// Any text after a cue gives spans inside it, never a panic.
        #[test]
        fn spans_stay_inside(text in "[a-z '\\-\".,\\n]{0,80}") {
            let t = format!("my name is {text}");
            for h in lowercase_names(t.as_bytes(), &[3], &[]) {
                proptest::prop_assert!(h.start < h.end && h.end <= t.len());
            }
        }
    }
}
