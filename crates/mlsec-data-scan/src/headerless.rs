//! Names for the columns of a CSV file with no header, or with a header
//! whose names say nothing (`col1`, `f03`, `V2`, `Unnamed: 0`), and of an
//! SQL `INSERT` with no column list, guessed from their values, so that a
//! column of people's names or birth dates is read as one named so would
//! be. A contacts export written without its header (`104,Dr Carole
//! Day,+44 118 496 0998,michellelewis@...,25/06/1967`) holds the same
//! people as one with it.
//!
//! A guess needs most of a column's values to agree, and for names also
//! a column of e-mail addresses, phone numbers or accounts beside it
//! (people's records): two capitalised words in a product catalogue are
//! no name. A column of one-word names is one of first or last names
//! where most of them are in their records' e-mail addresses; a column
//! of numbers is an identifier's where most pass its check digits. A
//! column guessed nothing keeps no name (`column 3`).

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
    guesses(body, d, usize::MAX)
}

/// [`guessed_names`] for the records of `body` read under at most
/// `width` columns (a header's), or any number.
fn guesses(body: &[u8], d: u8, width: usize) -> Vec<String> {
    let cut = body.len().min(SAMPLE_BYTES);
    let head = &body[..cut];
    let (rec, _) = crate::dataset::index_records(head, Some(d));
    // Each column's non-empty values, with the record each is of.
    let mut cells: Vec<Vec<(usize, &[u8])>> = Vec::new();
    // The last record may be cut short by the sample's end: left out.
    let records = rec.starts.len().saturating_sub(usize::from(cut < body.len()));
    for r in 0..records.min(SAMPLE_RECORDS) {
        let (Some(&a), Some(&b)) = (rec.field_index.get(r), rec.field_index.get(r + 1)) else {
            break;
        };
        for (c, &(s, e)) in rec.fields[a..b].iter().enumerate().take(MAX_COLUMNS.min(width)) {
            if cells.len() <= c {
                cells.resize_with(c + 1, Vec::new);
            }
            let v = head[s..e].trim_ascii();
            let v = v.strip_prefix(b"\"").and_then(|v| v.strip_suffix(b"\"")).unwrap_or(v);
            if !v.is_empty() {
                cells[c].push((r, v));
            }
        }
    }
    let guessed = column_guesses(&cells, records.min(SAMPLE_RECORDS));
    if guessed.iter().all(Option::is_none) {
        return Vec::new();
    }
    guessed
        .iter()
        .enumerate()
        .map(|(c, guess)| match guess {
            Some(g) => format!("column {} {g}", c + 1),
            None => format!("column {}", c + 1),
        })
        .collect()
}

/// What the values of each column say it holds (`birth_date`,
/// `full_name`, `first_or_last_name`, `address`, an identifier's word,
/// `phone`), if anything: `cells[c]` holds column `c`'s non-empty values,
/// each with the index (below `records`) of the record it is of.
pub(crate) fn column_guesses(cells: &[Vec<(usize, &[u8])>], records: usize) -> Vec<Option<&'static str>> {
    let columns: Vec<Vec<&[u8]>> = cells.iter().map(|c| c.iter().map(|&(_, v)| v).collect()).collect();
    let agree = |values: &[&[u8]], f: &dyn Fn(&[u8]) -> bool| {
        values.len() >= 3 && values.iter().filter(|v| f(v)).count() * 100 >= values.len() * AGREE
    };
    let mails = columns.iter().position(|v| agree(v, &|x| email_shaped(x)));
    // People's records: e-mail addresses, phone numbers, or accounts
    // (`NL33RABO2079961537`) beside the names.
    let people = mails.is_some()
        || columns
            .iter()
            .any(|v| agree(v, &|x| phone_shaped(x)) || agree(v, &|x| iban_shaped(x)));
    // The local part of each record's e-mail address, folded (see
    // [`folded`]): a column of first or last names is written in them.
    let locals: Vec<Option<String>> = {
        let mut l = vec![None; records];
        for &(r, v) in mails.map_or(&[][..], |m| &cells[m][..]) {
            if let (Some(at), Some(slot)) = (memchr::memchr(b'@', v), l.get_mut(r)) {
                *slot = Some(folded(&v[..at]));
            }
        }
        l
    };
    // Whether most of a column's one-word names are in their records'
    // e-mail addresses (`Scott`, `Horton`: `horton.scott91@...`).
    let linked = |c: usize| {
        let (mut with, mut within) = (0, 0);
        for &(r, v) in &cells[c] {
            if let Some(Some(local)) = locals.get(r) {
                let f = folded(v);
                with += 1;
                within += usize::from(f.len() >= 3 && local.contains(&f));
            }
        }
        with >= 3 && within * 2 >= with
    };
    let one_word: Vec<bool> = columns
        .iter()
        .map(|v| agree(v, &|x| one_word_name(x)) && distinct_enough(v))
        .collect();
    let name_parts: Vec<bool> = (0..columns.len()).map(|c| one_word[c] && linked(c)).collect();
    columns
        .iter()
        .enumerate()
        .map(|(c, values)| {
            // A one-word name beside a column of them in the e-mails.
            let beside_parts = one_word[c] && (c > 0 && name_parts[c - 1] || name_parts.get(c + 1) == Some(&true));
            let guess = if agree(values, &|x| birth_date(x).is_some()) && spans_decades(values) {
                Some("birth_date")
            } else if people && agree(values, &|x| name_shaped(x)) && distinct(values) {
                Some("full_name")
            } else if name_parts[c] || beside_parts {
                Some("first_or_last_name")
            } else if people && agree(values, &|x| address_shaped(x)) && distinct(values) {
                Some("address")
            } else if let Some(word) = checked_identifiers(values) {
                Some(word)
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
            guess
        })
        .collect()
}

/// The word of the identifier most of a column's numbers are, by their
/// check digits (`nhs` for `692 623 4337`, `4577748223`, ...): of the
/// kinds a bare number is reported as only under their words, the one
/// whose validator passes most of the column's numbers but fails
/// them with their last digit changed (a kind with no check digit passes
/// any number of its length), for six or more and three in five. About a
/// tenth of random numbers pass one check digit.
fn checked_identifiers(values: &[&[u8]]) -> Option<&'static str> {
    let numbers: Vec<&str> = values
        .iter()
        .take(50)
        .filter_map(|v| std::str::from_utf8(v).ok())
        .filter(|v| {
            let digits = v.bytes().filter(u8::is_ascii_digit).count();
            (8..=20).contains(&digits) && v.bytes().all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'.'))
        })
        .collect();
    if numbers.len() < 5 || numbers.len() * 100 < values.len().min(50) * AGREE {
        return None;
    }
    let altered = |v: &str| {
        let mut b = v.as_bytes().to_vec();
        let last = b.iter().rposition(u8::is_ascii_digit)?;
        b[last] = b'0' + (b[last] - b'0' + 1) % 10;
        String::from_utf8(b).ok()
    };
    crate::validate::ID_KINDS
        .iter()
        .filter(|k| k.needs_context && !k.context.is_empty())
        .map(|k| {
            let checked = numbers
                .iter()
                .filter(|v| (k.validate)(v) && altered(v).is_some_and(|a| !(k.validate)(&a)))
                .count();
            (checked, k)
        })
        .filter(|&(checked, _)| checked * 10 >= numbers.len() * 6 && checked >= 6)
        .max_by_key(|&(checked, _)| checked)
        .map(|(_, k)| k.context[0])
}

/// The names a CSV header's columns are read under when its names say
/// nothing (`col1`, `f03`, `V2`, `x_4`, `Unnamed: 0`, `c_b`, `field_12`,
/// or none): each name with what its values say it holds after it (`f03
/// full_name`), the others as they are; or the header's names unchanged
/// if no column is guessed anything.
pub(crate) fn generic_header_guesses(names: &[String], body: &[u8], d: u8) -> Option<Vec<String>> {
    let generic = names.iter().filter(|n| generic_name(n)).count();
    if generic * 2 < names.len() || generic < 2 {
        return None;
    }
    let guessed = guesses(body, d, names.len());
    if guessed.is_empty() {
        return None;
    }
    Some(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let what = guessed
                    .get(i)
                    .and_then(|g| g.strip_prefix(&format!("column {}", i + 1)))
                    .map(str::trim)
                    // (Phone numbers are found in any column; one guessed
                    // a phone's would take numbers no region holds.)
                    .filter(|w| !w.is_empty() && *w != "phone");
                match what {
                    Some(w) if generic_name(n) => format!("{n} {w}"),
                    _ => n.clone(),
                }
            })
            .collect(),
    )
}

/// The name a column is shown under: a generic header's own name without
/// what its values were guessed to be (`f03` for `f03 full_name`); a file
/// with no header shows its guesses (`column 2 full_name`).
pub(crate) fn shown_column(name: &str) -> &str {
    match name.rsplit_once(' ') {
        Some((own, _)) if !own.starts_with("column ") && generic_name(own) => own,
        _ => name,
    }
}

/// Whether a column's name says nothing of what it holds: empty, a number,
/// or a generic word and a short number or letters (`col1`, `f03`, `V2`,
/// `x_4`, `Unnamed: 0`, `c_b`, `attr_a9`, `field_12`, `column 7`).
pub(crate) fn generic_name(name: &str) -> bool {
    const WORDS: [&str; 10] = ["unnamed:", "column", "col", "field", "attr", "var", "c", "f", "v", "x"];
    let n = name.trim().to_ascii_lowercase();
    if n.is_empty() || n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    WORDS.iter().any(|w| {
        n.strip_prefix(w).is_some_and(|rest| {
            let sep = rest.starts_with(['_', ' ', '-']);
            let rest = rest.trim_start_matches(['_', ' ', '-']);
            (1..=3).contains(&rest.len())
                && rest.bytes().all(|b| b.is_ascii_alphanumeric())
                && (rest.bytes().any(|b| b.is_ascii_digit()) || sep && rest.len() <= 2)
        })
    })
}

/// A one-word name as a column of first or last names holds it: a capital
/// and lowercase letters, hyphens or apostrophes inside (`Klaus-Jürgen`,
/// `O'Neil`), or capitals only (`BOUCHER`), 2 to 24 letters; no digit.
fn one_word_name(v: &[u8]) -> bool {
    let Ok(t) = std::str::from_utf8(v) else {
        return false;
    };
    let rest: Vec<char> = t.chars().skip(1).collect();
    t.chars().next().is_some_and(char::is_uppercase)
        && (1..=23).contains(&rest.len())
        && rest.iter().all(|&c| c.is_alphabetic() || c == '-' || c == '\'')
        && (rest.iter().filter(|c| c.is_uppercase()).count() <= 1 && rest.last().is_some_and(|c| c.is_lowercase())
            // Or in capitals, as French and Spanish records write a last
            // name (`BOUCHER`).
            || rest.iter().all(|c| !c.is_lowercase()) && rest.iter().filter(|c| c.is_alphabetic()).count() >= 2)
}

/// Whether a third or more of `values` differ: first names repeat, a
/// column of one label does not count.
fn distinct_enough(values: &[&[u8]]) -> bool {
    let mut v: Vec<&[u8]> = values.to_vec();
    v.sort_unstable();
    v.dedup();
    v.len() * 3 >= values.len()
}

/// `v` in lowercase ASCII letters and digits, Latin letters' marks taken
/// off (`Klaus-Jürgen` -> `klausjurgen`, `Łukasz` -> `lukasz`), as e-mail
/// addresses write a name.
fn folded(v: &[u8]) -> String {
    String::from_utf8_lossy(v)
        .chars()
        .flat_map(|c| {
            let c = c.to_lowercase().next().unwrap_or(c);
            let plain = match c {
                'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
                'ç' | 'ć' | 'č' => 'c',
                'ď' | 'đ' => 'd',
                'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
                'ì'..='ï' | 'ī' | 'ı' => 'i',
                'ñ' | 'ń' | 'ň' => 'n',
                'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
                'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
                'ý' | 'ÿ' => 'y',
                'ś' | 'š' | 'ş' => 's',
                'ź' | 'ż' | 'ž' => 'z',
                'ł' => 'l',
                'ř' => 'r',
                'ť' | 'ţ' => 't',
                'ğ' => 'g',
                'ß' => 's',
                c => c,
            };
            plain.is_ascii_alphanumeric().then_some(plain)
        })
        .collect()
}

/// An e-mail address: one `@` with a dotted domain after it, no space.
pub(crate) fn email_shaped(v: &[u8]) -> bool {
    let Some(at) = memchr::memchr(b'@', v) else {
        return false;
    };
    at > 0 && v[at + 1..].contains(&b'.') && !v.contains(&b' ')
}

/// An IBAN as written (`NL33RABO2079961537`, `FR43 4243 6667 ...`) that
/// passes its check: two letters, two digits, then letters and digits.
fn iban_shaped(v: &[u8]) -> bool {
    v.len() >= 15
        && v[..2].iter().all(u8::is_ascii_uppercase)
        && v[2..4].iter().all(u8::is_ascii_digit)
        && std::str::from_utf8(v).is_ok_and(crate::validate::is_iban)
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
    // The last name first, before a comma (`Yates, Jacob`).
    let t = match t.split_once(", ") {
        Some((last, first)) if !last.contains(' ') && !first.contains(',') => format!("{first} {last}"),
        _ => t.to_owned(),
    };
    // Particles inside (`Tara van der Maath`, `Ana de la Cruz`).
    const PARTICLES: [&str; 14] = [
        "van", "der", "den", "de", "da", "di", "del", "la", "von", "du", "dos", "das", "bin", "al",
    ];
    let all: Vec<&str> = t.split(' ').filter(|w| !titles.contains(w)).collect();
    let inner = |i: usize| i > 0 && i + 1 < all.len();
    let words: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|&(i, w)| !(inner(i) && PARTICLES.contains(w)))
        .map(|(_, w)| *w)
        .collect();
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

    #[test]
    fn first_and_last_names_are_read_from_their_records_mail_addresses() {
        let body = "K-1\tVerena\tScheuermann\t0173 36367886\tverena.scheuermann@gmx.de\tBerlin\n\
                    K-2\tKlaus-J\u{fc}rgen\tWagner\t0151 82278454\tklausjurgenwagner@gmail.com\tK\u{f6}ln\n\
                    K-3\tMohammed\tL\u{f6}ffler\t0152 3421234\tmohammed-loffler@gmx.de\tCalw\n\
                    K-4\tBabett\tHamann\t0157 42409202\tbhamann@freenet.de\tCalw\n";
        let names = guessed_names(body.as_bytes(), b'\t');
        assert_eq!(names[1], "column 2 first_or_last_name");
        assert_eq!(names[2], "column 3 first_or_last_name");
        assert_eq!(names[5], "column 6");
        // Cities in a store's address are none: not in the addresses.
        let body = "1,Berlin,Mitte,info@acme.de\n2,Hamburg,Altona,kontakt@acme.de\n3,Essen,Rüttenscheid,shop@acme.de\n4,Bonn,Beuel,shop@acme.de\n";
        assert!(guessed_names(body.as_bytes(), b',').is_empty());
    }

    #[test]
    fn names_last_name_first_with_particles_or_in_capitals_and_beside_accounts() {
        for n in ["Yates, Jacob", "Tara van der Maath", "CORINNE BOYER", "Dr Carole Day"] {
            assert!(name_shaped(n.as_bytes()), "{n}");
        }
        for n in ["Yates, Jacob, Jr", "van Dijk", "Blue Widget 2", "Acme, Inc."] {
            assert!(!name_shaped(n.as_bytes()), "{n}");
        }
        let body = b"a1,5183354207909499,NL33RABO2079961537,Tara van der Maath,Office\n\
                     a2,3217174651067780,DE89370400440532013000,CORINNE BOYER,Home\n\
                     a3,3571412169710068,NL33RABO2079961537,James Wallace,Auto\n\
                     a4,3571412169710068,DE89370400440532013000,\"Yates, Jacob\",Auto\n";
        assert_eq!(guessed_names(body, b',')[3], "column 4 full_name");
    }

    #[test]
    fn a_column_of_numbers_most_of_which_pass_one_kinds_check_is_named_for_it() {
        // UK NHS numbers (mod 11), some with spaces.
        let nhs = [
            "692 623 4337",
            "4577748223",
            "9699832371",
            "943 476 5919",
            "401 023 2137",
            "9458073022",
            "1573681938",
        ];
        let body: String = nhs.iter().enumerate().map(|(i, n)| format!("{i},{n},x\n")).collect();
        assert_eq!(guessed_names(body.as_bytes(), b',')[1], "column 2 nhs");
        // Order numbers of the same length: none.
        let body: String = (0..20)
            .map(|i| format!("{i},{},x\n", 4_577_748_223u64 + i * 7919))
            .collect();
        assert!(guessed_names(body.as_bytes(), b',').is_empty());
    }

    #[test]
    fn a_header_of_generic_names_is_read_as_its_values_say() {
        for n in [
            "col1",
            "f03",
            "V2",
            "x_4",
            "Unnamed: 0",
            "c_b",
            "attr_a9",
            "field_12",
            "column 7",
            "",
            "0",
        ] {
            assert!(generic_name(n), "{n}");
        }
        for n in [
            "city",
            "fnm",
            "cost",
            "value",
            "first_name",
            "x_coord",
            "version",
            "comment",
        ] {
            assert!(!generic_name(n), "{n}");
        }
        let names: Vec<String> = ["f01", "f02", "f03", "f04", "f05"].map(String::from).to_vec();
        let body = b"5000,Catherine,MARQUES,marques.catherine84@sunpeak.fr,06.24.49.56.43\n\
                     5001,Alix,Gallet,alixg56@cobaltica.fr,06.76.85.01.51\n\
                     5002,Claude,Martineau,martineau.claude78@laposte.net,0683105964\n\
                     5003,Anne,Roux,anne.roux@free.fr,0612345678\n";
        assert_eq!(
            generic_header_guesses(&names, body, b','),
            Some(
                ["f01", "f02 first_or_last_name", "f03 first_or_last_name", "f04", "f05"]
                    .map(String::from)
                    .to_vec()
            )
        );
        assert_eq!(shown_column("f02 first_or_last_name"), "f02");
        assert_eq!(shown_column("Unnamed: 3 full_name"), "Unnamed: 3");
        assert_eq!(shown_column("column 2 full_name"), "column 2 full_name");
        assert_eq!(shown_column("city full_name"), "city full_name");
        let named: Vec<String> = ["id", "first", "last", "mail", "tel"].map(String::from).to_vec();
        assert_eq!(generic_header_guesses(&named, body, b','), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_one_name_a_column_or_none(t in "([A-Za-z0-9@./ -]{0,12}[,\n]){0,40}") {
            let names = guessed_names(t.as_bytes(), b',');
            proptest::prop_assert!(names.len() <= MAX_COLUMNS);
        }
    }
}
