//! Birth dates, names and phone numbers given in answer to their question:
//! a turn of a transcript,
//! a chat or a form that asks for a date of birth and ends right after
//! its words (`"text": "and your date of birth"`, `Agent: und Ihr
//! Geburtsdatum bitte`), then one of the next turns opening with a date
//! (`"text": "the twenty-seventh of november nineteen sixty-six"`,
//! `Kunde: 20. September 1959`). The date stands too far from its words
//! for the birth date pattern, and a turn of a date alone says no kind.
//! So with a name (`Agent: Can I have the full name on the account?`,
//! `Visitor: Bryan Martin`): a turn that is a name and nothing else.

use regex_automata::{meta::Regex, Anchored, Input};

use super::Hit;

/// Bytes after the question's words within which its turn must end
/// (`date of birth please?`).
const TURN_END: usize = 24;

/// Bytes after the question's turn within which the answer must start.
const ANSWER_WITHIN: usize = 240;

/// Turns (string values or lines) read after the question for its answer.
const MAX_TURNS: usize = 4;

/// Bytes of an answer its date is looked for in.
const ANSWER_BYTES: usize = 96;

/// The words that ask for a birth date by name (lowercase; `born` and
/// its kin are read with the date after them, not as a question).
const QUESTIONS: [&str; 22] = [
    "date of birth",
    "date_of_birth",
    "date-of-birth",
    "dateofbirth",
    "dob",
    "d.o.b",
    "birthday",
    "birth date",
    "birthdate",
    "geburtsdatum",
    "geburtstag",
    "fecha de nacimiento",
    "cumplea\u{f1}os",
    "date de naissance",
    "data di nascita",
    "data de nascimento",
    "geboortedatum",
    "data urodzenia",
    "f\u{f6}delsedatum",
    "f\u{f8}dselsdato",
    "syntym\u{e4}aika",
    "verjaardag",
];

/// The words that ask for a phone number (lowercase), in the languages
/// of call-centre transcripts and chats.
pub(super) const PHONE_QUESTIONS: [&str; 21] = [
    "contact number",
    "phone number",
    "telephone number",
    "mobile number",
    "cell number",
    "cellphone number",
    "callback number",
    "call back number",
    "best number",
    "number to reach you",
    "number to call you",
    "number we can reach you",
    "telefonnummer",
    "handynummer",
    "rufnummer",
    "num\u{e9}ro de t\u{e9}l\u{e9}phone",
    "n\u{fa}mero de tel\u{e9}fono",
    "numero di telefono",
    "telefoonnummer",
    "n\u{fa}mero de telefone",
    "numer telefonu",
];

/// The words that ask for a person's name (lowercase).
pub(super) const NAME_QUESTIONS: [&str; 20] = [
    "full name",
    "your name",
    "name on the account",
    "name on the card",
    "name on file",
    "cardholder name",
    "cardholder's name",
    "name of the account holder",
    "ihr name",
    "ihren namen",
    "vollst\u{e4}ndiger name",
    "votre nom",
    "nom complet",
    "su nombre",
    "nombre completo",
    "il suo nome",
    "nome completo",
    "seu nome",
    "uw naam",
    "volledige naam",
];

/// What an answer may open with before its date (lowercase).
const FILLERS: [&str; 16] = [
    "it's ", "it is ", "its ", "yes ", "yes, ", "yeah ", "yeah, ", "sure ", "sure, ", "uh ", "um ", "that's ", "der ",
    "am ", "le ", "el ",
];

/// The birth dates answering the questions whose words start at `cues`
/// in `buf` (ascending), read with `date` (anchored where an answer
/// starts), none over a value found before.
pub(super) fn answered_births(buf: &[u8], cues: &[usize], date: &Regex, hits: &[Hit]) -> Vec<Hit> {
    let mut out = super::beside::NewHits::new(hits, "DATE_OF_BIRTH", 80);
    for &c in cues {
        // The question's words, whole (`dob`, not `dobry`).
        let Some(asked) = words_end(buf, c, &QUESTIONS) else {
            continue;
        };
        if c < out.last_end() {
            continue;
        }
        for a in answers_to(buf, asked) {
            let Some((s, e)) = date_at(buf, a, date) else {
                continue;
            };
            out.add(s, e);
            break;
        }
    }
    out.into_hits()
}

/// The names answering the questions whose words start at `cues` in `buf`
/// (ascending): a turn that holds a name alone ([`crate::headerless::name_shaped`]),
/// after its speaker's label and a filler; none over a value found before.
pub(super) fn answered_names(buf: &[u8], cues: &[usize], hits: &[Hit]) -> Vec<Hit> {
    let mut out = super::beside::NewHits::new(hits, "PERSON_NAME", 80);
    for &c in cues {
        let Some(asked) = words_end(buf, c, &NAME_QUESTIONS) else {
            continue;
        };
        if c < out.last_end() {
            continue;
        }
        for a in answers_to(buf, asked) {
            let s = past_fillers(buf, a);
            let to = buf.len().min(s + ANSWER_BYTES);
            // The turn's end: its line's, its string's, an escaped line
            // break's.
            let e = (s..to)
                .find(|&i| matches!(buf[i], b'\n' | b'\r' | b'"') || buf[i] == b'\\' && buf.get(i + 1) == Some(&b'n'))
                .unwrap_or(to);
            let mut end = e;
            while end > s && matches!(buf[end - 1], b'.' | b',' | b' ' | b'!') {
                end -= 1;
            }
            if end > s && crate::headerless::name_shaped(&buf[s..end]) {
                out.add(s, end);
                break;
            }
        }
    }
    out.into_hits()
}

/// Where the answers to the questions for a phone number whose words start
/// at `cues` in `buf` start, past fillers (`sure `, `it's `), ascending:
/// a number there is read as one wherever the file points.
pub(super) fn phone_answers(buf: &[u8], cues: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for &c in cues {
        let Some(asked) = words_end(buf, c, &PHONE_QUESTIONS) else {
            continue;
        };
        out.extend(answers_to(buf, asked).into_iter().map(|a| past_fillers(buf, a)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Where the one of `words` at `c` in `buf` ends, if one is there whole
/// (case aside; `dob`, not `dobry`).
pub(super) fn words_end(buf: &[u8], c: usize, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|q| {
        let end = c + q.len();
        let whole = buf.get(c..end).is_some_and(|w| w.eq_ignore_ascii_case(q.as_bytes()))
            && buf.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
        whole.then_some(end)
    })
}

/// Where the turn holding the question's words ending at `c` ends,
/// within [`TURN_END`] bytes: a string's closing quote, a line break, or a
/// line break escaped in a JSON string.
fn turn_end(buf: &[u8], c: usize) -> Option<usize> {
    let to = buf.len().min(c + TURN_END);
    (c..to).find(|&i| match buf[i] {
        b'\n' => true,
        b'"' => i > 0 && buf[i - 1] != b'\\',
        b'\\' => buf.get(i + 1) == Some(&b'n') && (i == 0 || buf[i - 1] != b'\\'),
        _ => false,
    })
}

/// Where the answers to the question whose words end at `asked` start:
/// on its own line after an answer's mark ([`inline_answer`]), then in
/// the turns after it ([`answer_starts`]); none if its turn does not end
/// near its words.
fn answers_to(buf: &[u8], asked: usize) -> Vec<usize> {
    let Some(turn_end) = turn_end(buf, asked) else {
        return Vec::new();
    };
    inline_answer(buf, asked, turn_end)
        .into_iter()
        .chain(answer_starts(buf, turn_end))
        .collect()
}

/// Where an answer written on the question's own line starts: after the
/// question mark and an answer's mark (`Q: What is your date of birth?
/// A: 04/02/1988`, `... ? Answer: ...`), between `asked` (the end of the
/// question's words) and `turn_end`.
fn inline_answer(buf: &[u8], asked: usize, turn_end: usize) -> Option<usize> {
    let q = asked + memchr::memchr(b'?', &buf[asked..turn_end])?;
    let rest = &buf[q + 1..turn_end];
    let lead = rest.iter().take_while(|&&b| b == b' ').count();
    let mark = ["A:", "A.", "Answer:", "A -"]
        .iter()
        .find(|m| rest[lead..].starts_with(m.as_bytes()))?;
    let at = q + 1 + lead + mark.len();
    Some(at + buf[at..turn_end].iter().take_while(|&&b| b == b' ').count())
}

/// Where the turns after `from` start, at most [`MAX_TURNS`] within
/// [`ANSWER_WITHIN`] bytes: a JSON string value's first byte (after `:`
/// and its quote), or a line's after its speaker's label (`Kunde: `). A
/// question in a JSON string is answered in its record: not past a line
/// break (the next record of JSON Lines).
fn answer_starts(buf: &[u8], from: usize) -> Vec<usize> {
    let mut to = buf.len().min(from + ANSWER_WITHIN);
    if buf[from] != b'\n' {
        if let Some(i) = memchr::memchr(b'\n', &buf[from..to]) {
            to = from + i;
        }
    }
    let mut out = Vec::new();
    // The question's turn ends with a line break: the next line is one.
    let mut i = match buf[from] {
        b'\n' => from + 1,
        b'\\' => from + 2,
        _ => from,
    };
    if i > from {
        out.push(after_label(buf, i, to));
    } else {
        i += 1;
    }
    while i < to && out.len() < MAX_TURNS {
        let b = buf[i];
        let value = b == b'"' && {
            let before = buf[..i].trim_ascii_end();
            before.last() == Some(&b':')
        };
        let line = b == b'\n' || (b == b'n' && buf[i - 1] == b'\\');
        if value || line {
            out.push(after_label(buf, i + 1, to));
        }
        i += 1;
    }
    out
}

/// `at`, or past a speaker's label there (up to 24 letters and spaces,
/// then `:` and spaces), and a chat's time in brackets before it
/// (`[2023-04-04 21:17:13] Visitor: `).
fn after_label(buf: &[u8], at: usize, to: usize) -> usize {
    let mut at = at.min(to);
    if buf.get(at) == Some(&b'[') {
        if let Some(k) = memchr::memchr(b']', &buf[at..to.min(at + 40)]) {
            at += k + 1;
            at += buf[at..to].iter().take_while(|&&b| b == b' ').count();
        }
    }
    let head = &buf[at..to.min(at + 26)];
    match head.iter().position(|&b| b == b':') {
        Some(k) if k > 0 && head[..k].iter().all(|b| b.is_ascii_alphabetic() || *b == b' ') => {
            at + k + 1 + head[k + 1..].iter().take_while(|&&b| b == b' ').count()
        }
        _ => at,
    }
}

/// `at` past spaces and up to two fillers (`yeah it's`).
fn past_fillers(buf: &[u8], at: usize) -> usize {
    let to = buf.len().min(at + ANSWER_BYTES);
    let mut s = at + buf[at.min(to)..to].iter().take_while(|&&b| b == b' ').count();
    for _ in 0..2 {
        if let Some(f) = FILLERS.iter().find(|f| {
            buf.get(s..s + f.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(f.as_bytes()))
        }) {
            s += f.len();
        }
    }
    s
}

/// The date that opens the answer at `at`, after spaces and a filler.
fn date_at(buf: &[u8], at: usize, date: &Regex) -> Option<(usize, usize)> {
    let to = buf.len().min(at + ANSWER_BYTES);
    let s = past_fillers(buf, at);
    if s >= to {
        return None;
    }
    let m = date.search(&Input::new(buf).range(s..to).anchored(Anchored::Yes))?;
    Some((m.start(), m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a word of `words` starts a word in `text`, as the detector's
    /// word pass finds them.
    fn cues(text: &str, words: &[&str]) -> Vec<usize> {
        (0..text.len())
            .filter(|&i| {
                text.is_char_boundary(i)
                    && words.iter().any(|q| text[i..].to_lowercase().starts_with(q))
                    && (i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric())
            })
            .collect()
    }

    fn dates(text: &str) -> Vec<&str> {
        let re = Regex::new(super::super::ANSWERED_DATE).unwrap();
        answered_births(text.as_bytes(), &cues(text, &QUESTIONS), &re, &[])
            .into_iter()
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    #[test]
    fn answers_in_the_next_turn() {
        let t = r#"{"speaker": "agent", "text": "and your date of birth", "confidence": 0.7}, {"speaker": "customer", "start": 33.3, "text": "the twenty-seventh of november nineteen sixty-six", "confidence": 0.76}"#;
        assert_eq!(dates(t), ["the twenty-seventh of november nineteen sixty-six"]);
        let t = r#"{"text": "und Ihr Geburtsdatum bitte", "c": 0.9}, {"speaker": "customer", "text": " 20. September 1959"}"#;
        assert_eq!(dates(t), ["20. September 1959"]);
        let t = "Agent: Can I have your date of birth?\nCaller: yeah it's june the first two thousand and four.";
        assert_eq!(dates(t), ["june the first two thousand and four"]);
        let t = "Agent: Can I have your date of birth?\nCaller: yeah june the first two thousand and four.";
        assert_eq!(dates(t), ["june the first two thousand and four"]);
        let t = r#"{"field": "DOB", "value": "1985-03-14"}"#;
        assert_eq!(dates(t), ["1985-03-14"]);
        let t = "[2023-04-04 21:14:54] Agent: Thanks. And the date of birth?\n[2023-04-04 21:17:13] Visitor: September 26, 1961\n";
        assert_eq!(dates(t), ["September 26, 1961"]);
        // On the question's own line, after its answer's mark.
        let t = "3,\"Q: What is your date of birth? A: 13/08/1979\",en\nQ: DOB? Answer: Jan 11 1998\n";
        assert_eq!(dates(t), ["13/08/1979", "Jan 11 1998"]);
        // Not without one.
        let t = "Q: What is your date of birth? We need 2024-01-01 as a start.\n";
        assert!(dates(t).is_empty());
    }

    fn names(text: &str) -> Vec<&str> {
        answered_names(text.as_bytes(), &cues(text, &NAME_QUESTIONS), &[])
            .into_iter()
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    #[test]
    fn a_name_answering_its_question() {
        let t = "[2023-04-04 21:12:00] Agent: Sure! Can I have the full name on the account?\n[2023-04-04 21:12:46] Visitor: Bryan Martin\n";
        assert_eq!(names(t), ["Bryan Martin"]);
        let t =
            r#"{"role": "assistant", "content": "Wie ist Ihr Name?"}, {"role": "user", "content": "Jürgen Müller"}"#;
        assert_eq!(names(t), ["J\u{fc}rgen M\u{fc}ller"]);
        // Not a sentence, not a product.
        let t = "Agent: What is your name?\nVisitor: I just want a refund\n";
        assert!(names(t).is_empty());
        let t = "Q: full name?\nA: not given 123\n";
        assert!(names(t).is_empty());
        let t = "Q: What is your full name? A: Bryan Martin\n";
        assert_eq!(names(t), ["Bryan Martin"]);
    }

    #[test]
    fn no_answer_no_date() {
        // A word of birth in one record, a date in the next.
        let t = "{\"comment\": \"Helder wonder verjaardag.\"}\n{\"order\": {\"created_at\": \"2022-04-26\"}}";
        assert_eq!(dates(t), Vec::<&str>::new());
        // Not the whole word.
        let t = r#"{"comment": "dobry", "created_at": "2022-04-26"}"#;
        assert_eq!(dates(t), Vec::<&str>::new());
        // The question goes on: its turn does not end near its words.
        let t = r#"{"text": "the date of birth is needed for every applicant of the programme", "next": "2024-01-01"}"#;
        assert_eq!(dates(t), Vec::<&str>::new());
        // The next turn does not open with a date.
        let t = "Q: date of birth?\nA: I'd rather not say, it was 1985-03-14 maybe";
        assert_eq!(dates(t), Vec::<&str>::new());
        // Born is no question.
        let t = "Born in the USA\n2024-01-01 release";
        assert_eq!(dates(t), Vec::<&str>::new());
    }

    proptest::proptest! {
        /// Any bytes after any cue give spans inside the buffer, never a
        /// panic.
        #[test]
        fn spans_stay_inside(text in "\\PC{0,200}", at in 0usize..200) {
            let re = Regex::new(super::super::ANSWERED_DATE).unwrap();
            let buf = text.as_bytes();
            let cues: Vec<usize> = (at..buf.len()).take(1).collect();
            for h in answered_births(buf, &cues, &re, &[]) {
                proptest::prop_assert!(h.start < h.end && h.end <= buf.len());
            }
        }
    }
}
