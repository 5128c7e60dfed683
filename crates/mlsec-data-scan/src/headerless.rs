//! Names for the columns of a CSV file with no header, guessed from their
//! values, so that a column of people's names or birth dates is read as
//! one named so would be. A contacts export written without its header
//! (`104,Dr Carole Day,+44 118 496 0998,michellelewis@...,25/06/1967`)
//! holds the same people as one with it.
//!
//! A guess needs most of a column's values to agree, and for names also
//! a column of e-mail addresses or phone numbers beside it (people's
//! records): two capitalised words in a product catalogue are no name.
//! A column guessed nothing keeps no name (`column 3`).

/// Records read to guess from.
const SAMPLE_RECORDS: usize = 200;
/// Bytes of a file's start the records are read from: a stream reads at
/// least this much (past a preamble) before its scan starts, so that it
/// guesses as a whole file does.
pub(crate) const SAMPLE_BYTES: usize = 64 << 10;
/// The most columns guessed for.
const MAX_COLUMNS: usize = 64;
/// The share of a column's non-empty values that must agree, in percent.
const AGREE: usize = 80;

/// The names the columns of the records in `body` (a CSV file's start,
/// delimited by `d`, with no header) are read under: `column N` for each,
/// followed by what its values say they are (`column 5 birth_date`,
/// `column 2 full_name`), or an empty list when no column says anything.
pub(crate) fn guessed_names(body: &[u8], d: u8) -> Vec<String> {
    let cut = body.len().min(SAMPLE_BYTES);
    let head = &body[..cut];
    let (rec, _) = crate::dataset::index_records(head, Some(d));
    let mut columns: Vec<Vec<&[u8]>> = Vec::new();
    // The last record may be cut short by the sample's end: left out.
    let records = rec.starts.len().saturating_sub(usize::from(cut < body.len()));
    for r in 0..records.min(SAMPLE_RECORDS) {
        let (Some(&a), Some(&b)) = (rec.field_index.get(r), rec.field_index.get(r + 1)) else {
            break;
        };
        for (c, &(s, e)) in rec.fields[a..b].iter().enumerate().take(MAX_COLUMNS) {
            if columns.len() <= c {
                columns.resize_with(c + 1, Vec::new);
            }
            let v = head[s..e].trim_ascii();
            let v = v.strip_prefix(b"\"").and_then(|v| v.strip_suffix(b"\"")).unwrap_or(v);
            if !v.is_empty() {
                columns[c].push(v);
            }
        }
    }
    let agree = |values: &[&[u8]], f: &dyn Fn(&[u8]) -> bool| {
        values.len() >= 3 && values.iter().filter(|v| f(v)).count() * 100 >= values.len() * AGREE
    };
    let people = columns
        .iter()
        .any(|v| agree(v, &|x| email_shaped(x)) || agree(v, &|x| phone_shaped(x)));
    let mut any = false;
    let names: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(c, values)| {
            let guess = if agree(values, &|x| birth_date(x).is_some()) && spans_decades(values) {
                Some("birth_date")
            } else if people && agree(values, &|x| name_shaped(x)) && distinct(values) {
                Some("full_name")
            } else if people && agree(values, &|x| address_shaped(x)) && distinct(values) {
                Some("address")
            } else if agree(values, &|x| phone_shaped(x))
                && values
                    .iter()
                    .filter(|v| matches!(v.first(), Some(b'+' | b'0' | b'(')))
                    .count()
                    * 2
                    >= values.len()
            {
                Some("phone")
            } else {
                None
            };
            any |= guess.is_some();
            match guess {
                Some(g) => format!("column {} {g}", c + 1),
                None => format!("column {}", c + 1),
            }
        })
        .collect();
    if any {
        names
    } else {
        Vec::new()
    }
}

/// An e-mail address: one `@` with a dotted domain after it, no space.
pub(crate) fn email_shaped(v: &[u8]) -> bool {
    let Some(at) = memchr::memchr(b'@', v) else {
        return false;
    };
    at > 0 && v[at + 1..].contains(&b'.') && !v.contains(&b' ')
}

/// A phone number: seven to fifteen digits, and nothing but digits,
/// separators, brackets, a `+` and an extension's `x`; not a date.
fn phone_shaped(v: &[u8]) -> bool {
    let digits = v.iter().filter(|b| b.is_ascii_digit()).count();
    let parts: Vec<&[u8]> = v.split(|&b| matches!(b, b'-' | b'/' | b'.')).collect();
    let date = parts.len() == 3 && parts.iter().any(|p| p.len() == 4);
    (7..=15).contains(&digits)
        && !date
        && v.iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'.' | b'(' | b')' | b'+' | b'/' | b'x'))
}

/// The year of a date written with digits (`25/06/1967`, `1967-06-25`,
/// `06/25/1967`, `25.06.1967`), if it is one of a living person's birth
/// (1900 to 2012).
fn birth_date(v: &[u8]) -> Option<u16> {
    let t = std::str::from_utf8(v).ok()?;
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    };
    let (a, b, c) = (num(a)?, num(b)?, num(c)?);
    let (year, m, d) = if parts[0].len() == 4 {
        (a, b, c)
    } else if parts[2].len() == 4 {
        (c, a, b)
    } else {
        return None;
    };
    // Either order of day and month.
    let day_month = (1..=12).contains(&m) && (1..=31).contains(&d) || (1..=12).contains(&d) && (1..=31).contains(&m);
    ((1900..=2012).contains(&year) && day_month).then_some(year)
}

/// Whether the birth years of `values` span two decades or more, as
/// people's do (a column of one period's dates is events', not births).
fn spans_decades(values: &[&[u8]]) -> bool {
    let years: Vec<u16> = values.iter().filter_map(|v| birth_date(v)).collect();
    match (years.iter().min(), years.iter().max()) {
        (Some(lo), Some(hi)) => hi - lo >= 20,
        _ => false,
    }
}

/// A person's name as a contacts export writes it: two to four words, each
/// a capital and lowercase letters (hyphens and apostrophes inside), after
/// an optional title (`Dr Carole Day`, `Jean-Luc O'Neil`); no digit.
pub(crate) fn name_shaped(v: &[u8]) -> bool {
    let Ok(t) = std::str::from_utf8(v) else {
        return false;
    };
    let titles = [
        "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Prof.", "Prof",
    ];
    let words: Vec<&str> = t.split(' ').filter(|w| !titles.contains(w)).collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && w.chars().count() >= 2
                && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
}

/// An address as a contacts export writes it: letters and digits on two to
/// five lines, or on one with commas between its parts (`401 Reid Valley
/// Lake Hayleyburgh, MO 70826`, `Studio 6\nMorris Skyway\nWF8 1AU`); no
/// `@`.
fn address_shaped(v: &[u8]) -> bool {
    let lines = v.split(|&b| b == b'\n').filter(|l| !l.trim_ascii().is_empty()).count();
    let commas = v.iter().filter(|&&b| b == b',').count();
    let words = v
        .split(|b| b.is_ascii_whitespace() || *b == b',')
        .filter(|w| w.first().is_some_and(|c| c.is_ascii_alphabetic() || *c >= 0xC3))
        .count();
    (10..=200).contains(&v.len())
        && v.iter().any(u8::is_ascii_digit)
        && words >= 2
        && !v.contains(&b'@')
        && ((2..=5).contains(&lines) || commas >= 1 && lines == 1)
}

/// Whether most of `values` differ (a column of one repeated label is no
/// column of names).
fn distinct(values: &[&[u8]]) -> bool {
    let mut v: Vec<&[u8]> = values.to_vec();
    v.sort_unstable();
    v.dedup();
    v.len() * 2 > values.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contacts_export_without_its_header_names_its_columns() {
        let body = b"104,Dr Carole Day,+44(0)118 496 0998,michellelewis@newton-burns.com,25/06/1967,614 737 6683,\"Studio 6\nMorris Skyway\nWF8 1AU\"\n\
                     105,Jean-Luc O'Neil,+33 1 45 67 89 01,jl@x.fr,03/11/1984,1234,\"12 rue X, Paris\"\n\
                     106,Ana Lima,+351 912 345 678,ana@x.pt,1999-01-30,99,\"Rua A 5\n1000-001 Lisboa\"\n\
                     107,Mary Smith,(702) 327-5039,m@y.com,12.12.1951,7,\"401 Reid Valley\nLake Hayleyburgh, MO 70826\"\n";
        assert_eq!(
            guessed_names(body, b','),
            [
                "column 1",
                "column 2 full_name",
                "column 3 phone",
                "column 4",
                "column 5 birth_date",
                "column 6",
                "column 7 address"
            ]
        );
        // Products and order dates of one year: nothing.
        let body =
            b"1,Cell Firm,2024-01-03,3\n2,Also Make,2024-02-09,4\n3,Nor One,2024-03-01,5\n4,Yeah Lay,2024-05-05,6\n";
        assert!(guessed_names(body, b',').is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_one_name_a_column_or_none(t in "([A-Za-z0-9@./ -]{0,12}[,\n]){0,40}") {
            let names = guessed_names(t.as_bytes(), b',');
            proptest::prop_assert!(names.len() <= MAX_COLUMNS);
        }
    }
}
