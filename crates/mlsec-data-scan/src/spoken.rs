//! Numbers read out in words, as speech transcripts write them: `oh seven
//! four oh four, three two eight nine five oh`, `null eins fünf neun drei`,
//! `zéro six, onze, trente-six, soixante et un`, `seis uno siete, nueve
//! tres`. Each run of number words that spells seven digits or more is
//! written as digits (a comma starts a new group: `07404 328950`) in a
//! copy of the text around it, the detector reads that copy (its words
//! before the number give the context a phone or a card needs), and what
//! it finds over the digits is mapped back to the words, which redaction
//! then replaces whole.

/// The fewest digits a run must spell to be read (a phone number's).
const MIN_DIGITS: usize = 7;

/// How much of the text before a run the copy keeps, for its context.
const CONTEXT: usize = 240;

/// The most runs read in one buffer (a transcript of numbers only is read
/// up to there).
const MAX_RUNS: usize = 4096;

/// A word's value: a digit or two (`dreizehn`, `thirteen`), a tens word
/// that a unit may follow (`twenty`, `trente`), or a repeat (`double`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Digits(u8),
    Tens(u8),
    Repeat(u8),
    /// `and`, `et`, `y`, `und`: joins a tens word and a unit.
    Glue,
}

/// The value of the lowercase word `w`.
fn word(w: &str) -> Option<Word> {
    use Word::{Digits, Glue, Repeat, Tens};
    Some(match w {
        "zero" | "oh" | "null" | "z\u{e9}ro" | "cero" => Digits(0),
        "one" | "eins" | "ein" | "un" | "une" | "uno" => Digits(1),
        "two" | "zwei" | "zwo" | "deux" | "dos" => Digits(2),
        "three" | "drei" | "trois" | "tres" => Digits(3),
        "four" | "vier" | "quatre" | "cuatro" => Digits(4),
        "five" | "f\u{fc}nf" | "fuenf" | "cinq" | "cinco" => Digits(5),
        "six" | "sechs" | "seis" => Digits(6),
        "seven" | "sieben" | "sept" | "siete" => Digits(7),
        "eight" | "acht" | "huit" | "ocho" => Digits(8),
        "nine" | "neun" | "neuf" | "nueve" => Digits(9),
        "ten" | "zehn" | "dix" | "diez" => Digits(10),
        "eleven" | "elf" | "onze" | "once" => Digits(11),
        "twelve" | "zw\u{f6}lf" | "douze" | "doce" => Digits(12),
        "thirteen" | "dreizehn" | "treize" | "trece" => Digits(13),
        "fourteen" | "vierzehn" | "quatorze" | "catorce" => Digits(14),
        "fifteen" | "f\u{fc}nfzehn" | "quinze" | "quince" => Digits(15),
        "sixteen" | "sechzehn" | "seize" | "diecis\u{e9}is" => Digits(16),
        "seventeen" | "siebzehn" | "diecisiete" => Digits(17),
        "eighteen" | "achtzehn" | "dieciocho" => Digits(18),
        "nineteen" | "neunzehn" | "diecinueve" => Digits(19),
        "twenty" | "zwanzig" | "vingt" | "veinte" => Tens(2),
        "thirty" | "drei\u{df}ig" | "trente" | "treinta" => Tens(3),
        "forty" | "vierzig" | "quarante" | "cuarenta" => Tens(4),
        "fifty" | "f\u{fc}nfzig" | "cinquante" | "cincuenta" => Tens(5),
        "sixty" | "sechzig" | "soixante" | "sesenta" => Tens(6),
        "seventy" | "siebzig" | "setenta" => Tens(7),
        "eighty" | "achtzig" | "ochenta" => Tens(8),
        "ninety" | "neunzig" | "noventa" => Tens(9),
        "double" | "doppel" => Repeat(2),
        "triple" => Repeat(3),
        "and" | "et" | "y" | "und" => Glue,
        _ => return None,
    })
}

/// A run of number words: its span in the text and the digits it spells,
/// each with the span of the word it came from, groups apart by `None`.
struct Run {
    start: usize,
    end: usize,
    digits: Vec<Option<(u8, usize, usize)>>,
}

/// The words of `text` (letters, marks, `'`), with their spans, and after
/// each whether a comma came before the next word.
fn words(text: &str) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphabetic() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s, i, false));
        }
        if matches!(c, ',' | ';' | '.' | '/') {
            if let Some(last) = out.last_mut() {
                last.2 = true;
            }
        }
    }
    out
}

/// The runs of number words in `text` that spell [`MIN_DIGITS`] or more.
fn runs(text: &str) -> Vec<Run> {
    let ws = words(text);
    // Each word's value, looked up once.
    let vals: Vec<Option<Word>> = ws.iter().map(|&(s, e, _)| word(&text[s..e].to_lowercase())).collect();
    let push = |digits: &mut Vec<Option<(u8, usize, usize)>>, v: u8, n: u8, s: usize, e: usize| {
        for _ in 0..n {
            if v >= 10 {
                digits.push(Some((v / 10, s, e)));
                digits.push(Some((v % 10, s, e)));
            } else {
                digits.push(Some((v, s, e)));
            }
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() && out.len() < MAX_RUNS {
        let mut digits: Vec<Option<(u8, usize, usize)>> = Vec::new();
        let mut j = i;
        let mut repeat = 1u8;
        while j < ws.len() {
            let (s, e, comma) = ws[j];
            // Only spaces, hyphens and commas between the words of a run.
            if j > i
                && !text[ws[j - 1].1..s]
                    .chars()
                    .all(|c| matches!(c, ' ' | '-' | ',' | '\u{a0}'))
            {
                break;
            }
            let Some(w) = vals[j] else {
                break;
            };
            match w {
                // Only between a tens word and its unit (read with them).
                Word::Glue => break,
                Word::Repeat(n) => repeat = n,
                Word::Digits(v) => {
                    push(&mut digits, v, repeat, s, e);
                    repeat = 1;
                }
                Word::Tens(t) => {
                    // A unit after it (`trente-six`, `treinta y seis`,
                    // `soixante et onze`, `quatre-vingt-douze`) joins it.
                    let mut k = j + 1;
                    if vals.get(k).copied().flatten() == Some(Word::Glue) {
                        k += 1;
                    }
                    let next = vals.get(k).copied().flatten().filter(|_| !comma && !ws[k - 1].2);
                    match next {
                        Some(Word::Digits(u @ 1..=19)) if t == 6 && u >= 10 || (1..=9).contains(&u) => {
                            let (_, ne, ncomma) = ws[k];
                            push(&mut digits, t * 10 + u, repeat, s, ne);
                            repeat = 1;
                            if ncomma {
                                digits.push(None);
                            }
                            j = k + 1;
                            continue;
                        }
                        _ => {
                            push(&mut digits, t * 10, repeat, s, e);
                            repeat = 1;
                        }
                    }
                }
            }
            if comma {
                digits.push(None);
            }
            j += 1;
        }
        if digits.iter().flatten().count() >= MIN_DIGITS {
            let start = ws[i].0;
            let end = digits.iter().rev().flatten().next().map_or(ws[i].1, |d| d.2);
            out.push(Run { start, end, digits });
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// A copy of a part of the text with a run written as digits, and the way
/// back: for each byte of the copy, its span in the buffer.
pub(crate) struct Spoken {
    pub(crate) text: Vec<u8>,
    origin: Vec<(usize, usize)>,
    /// The copy's span of the digits.
    digits: (usize, usize),
}

impl Spoken {
    /// The buffer's span for the copy's span `s..e`.
    pub(crate) fn span(&self, s: usize, e: usize) -> (usize, usize) {
        let last = self.origin.len().saturating_sub(1);
        (self.origin[s.min(last)].0, self.origin[e.saturating_sub(1).min(last)].1)
    }

    /// Whether the copy's span `s..e` lies in the digits written from words.
    pub(crate) fn over_digits(&self, s: usize, e: usize) -> bool {
        self.digits.0 <= s && e <= self.digits.1 && s < e
    }
}

/// The digit words the detector's word pass finds ([`crate::detect`]):
/// where four or more stand close together, a number may be read out.
pub(crate) const DIGIT_WORDS: &[&str] = &[
    "zero",
    "oh",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "null",
    "eins",
    "zwei",
    "zwo",
    "drei",
    "vier",
    "f\u{fc}nf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "z\u{e9}ro",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "sept",
    "huit",
    "neuf",
    "onze",
    "douze",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
];

/// The numbers read out in words in `buf`, each in a copy of the text
/// around it written as digits: looked for where four or more of
/// [`DIGIT_WORDS`] start (`at`, ascending) at most 24 bytes apart.
pub(crate) fn numbers_near(buf: &[u8], at: &[usize]) -> Vec<Spoken> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < at.len() && out.len() < MAX_RUNS {
        let mut j = i + 1;
        while j < at.len() && at[j] <= at[j - 1] + 24 {
            j += 1;
        }
        if j - i >= 4 {
            // To the end of the last word.
            let (from, mut to) = (at[i], (at[j - 1] + 32).min(buf.len()));
            while to < buf.len() && buf[to] & 0xC0 == 0x80 {
                to += 1;
            }
            if let Ok(text) = std::str::from_utf8(&buf[from..to]) {
                out.extend(spoken_in(buf, text, from));
            }
        }
        i = j;
    }
    out
}

/// The numbers of `text`, which starts at `base` in `buf`.
fn spoken_in(buf: &[u8], text: &str, base: usize) -> Vec<Spoken> {
    runs(text)
        .into_iter()
        .map(|mut run| {
            run.start += base;
            run.end += base;
            for (_, s, e) in run.digits.iter_mut().flatten() {
                *s += base;
                *e += base;
            }
            let mut from = run.start.saturating_sub(CONTEXT);
            while from < run.start && buf[from] & 0xC0 == 0x80 {
                from += 1;
            }
            let mut out = Vec::with_capacity(run.start - from + run.digits.len() * 2);
            let mut origin = Vec::with_capacity(out.capacity());
            for (k, &b) in buf[from..run.start].iter().enumerate() {
                out.push(b);
                origin.push((from + k, from + k + 1));
            }
            let first = out.len();
            let mut gap = false;
            for d in &run.digits {
                match *d {
                    Some((v, s, e)) => {
                        if gap && out.len() > first {
                            out.push(b' ');
                            origin.push((s, s));
                        }
                        gap = false;
                        out.push(b'0' + v);
                        origin.push((s, e));
                    }
                    None => gap = true,
                }
            }
            let digits = (first, out.len());
            Spoken {
                text: out,
                origin,
                digits,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`numbers_near`] with every word's start.
    fn numbers(buf: &[u8]) -> Vec<Spoken> {
        let at: Vec<usize> = (0..buf.len())
            .filter(|&i| buf[i].is_ascii_alphabetic() && (i == 0 || !buf[i - 1].is_ascii_alphabetic()))
            .collect();
        numbers_near(buf, &at)
    }

    fn spelled(t: &str) -> Vec<String> {
        numbers(t.as_bytes())
            .into_iter()
            .map(|s| String::from_utf8(s.text[s.digits.0..s.digits.1].to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn numbers_read_out_in_four_languages() {
        assert_eq!(
            spelled("yeah it is oh seven four oh four, three two eight nine five oh"),
            ["07404 328950"]
        );
        assert_eq!(
            spelled("die neue ist null eins fünf neun drei, sechs sechs acht vier acht drei null"),
            ["01593 6684830"]
        );
        assert_eq!(
            spelled("c'est le zéro six, onze, trente-six, soixante et un, cinquante-huit"),
            ["06 11 36 61 58"]
        );
        assert_eq!(
            spelled("mi móvil es el seis uno siete, nueve tres, seis seis, uno dos"),
            ["617 93 66 12"]
        );
        assert_eq!(
            spelled("card is three five eight nine, nine nine two one, double four one two"),
            ["3589 9921 4412"]
        );
        assert_eq!(spelled("quatre-vingt-douze et soixante-quinze"), Vec::<String>::new());
    }

    #[test]
    fn short_runs_and_prose_are_not_numbers() {
        assert!(spelled("one or two of them, and three more").is_empty());
        assert!(spelled("I have one two three").is_empty());
        assert!(spelled("").is_empty());
    }

    #[test]
    fn spans_map_back_to_the_words() {
        let t = "call me on oh seven four oh four three two eight nine five oh please";
        let s = &numbers(t.as_bytes())[0];
        let (a, b) = s.span(s.digits.0, s.digits.1);
        assert_eq!(&t[a..b], "oh seven four oh four three two eight nine five oh");
        assert!(s.over_digits(s.digits.0, s.digits.0 + 1) && !s.over_digits(0, 4));
    }

    proptest::proptest! {
        #[test]
        fn any_text(parts in proptest::collection::vec(proptest::sample::select(vec![
            "one", "two", "oh", "trente", "et", "un", "soixante", "dix", "double", ",", " ", "-", "x", "\u{e9}", "and",
            "vingt", "douze", "y", "seis",
        ]), 0..60)) {
            let t = parts.join(" ");
            for s in numbers(t.as_bytes()) {
                proptest::prop_assert_eq!(s.text.len(), s.origin.len());
                let (a, b) = s.span(s.digits.0, s.digits.1);
                proptest::prop_assert!(a <= b && b <= t.len());
            }
        }
    }
}
