//! Directory and contact records written as property lines, their
//! personal properties named as a CSV column that holds them would be:
//!
//! - vCards (RFC 6350; versions 2.1 and 3.0 alike): the structured name
//!   (`N:Sezer;Okanay;;;`) and the formatted one (`FN:`) under
//!   `full_name`, `BDAY:` under `birth_date`, `ADR:` under `address`,
//!   `TEL:` under `phone`;
//! - LDIF, as `ldapsearch` and directory exports write entries (RFC 2849):
//!   `cn:` and `displayName:` under `full_name`, `sn:` and `givenName:`
//!   under `last_name` and `first_name`, `postalAddress:` (lines set apart
//!   by `$`) and `street:` under `address`, `telephoneNumber:` and
//!   `mobile:` under `phone`.
//!
//! A value folded over several lines (a line that starts with a space
//! continues the one before) is read whole; an empty component
//! (`;;ul. Długa 5;Gdańsk;;80-827;Poland`) is no part of it. An LDIF value
//! in base64 (`cn:: TcO8bGxlcg==`, as LDIF writes any value beyond ASCII)
//! is decoded for the detectors ([`ldif_base64_values`]), which report
//! what it holds on its encoded span.
//!
//! Read only in text that holds a vCard's `BEGIN:VCARD` or `END:VCARD`
//! line, or an LDIF entry's `dn:` and `objectClass:` lines: elsewhere
//! `N:` or `sn:` at a line's start means other things.

use super::Cell;

/// The longest value read as a cell.
const MAX_VALUE: usize = 1024;

/// A format's properties and the column each one's value is read under.
type Table = [(&'static [u8], &'static str)];

const VCARD: &Table = &[
    (b"N", "full_name"),
    (b"FN", "full_name"),
    (b"BDAY", "birth_date"),
    (b"ADR", "address"),
    (b"TEL", "phone"),
];

const LDIF: &Table = &[
    (b"cn", "full_name"),
    (b"displayName", "full_name"),
    (b"sn", "last_name"),
    (b"surname", "last_name"),
    (b"givenName", "first_name"),
    (b"gn", "first_name"),
    (b"postalAddress", "address"),
    (b"homePostalAddress", "address"),
    (b"registeredAddress", "address"),
    (b"street", "address"),
    (b"postalCode", "postal_code"),
    (b"telephoneNumber", "phone"),
    (b"mobile", "phone"),
    (b"homePhone", "phone"),
    (b"birthDate", "birth_date"),
    (b"dateOfBirth", "birth_date"),
    // The eduPerson and SCHAC schemas of universities' directories:
    // a Norwegian national identity number, a legal name, a birth date.
    (b"norEduPersonNIN", "national_id"),
    (b"norEduPersonLegalName", "full_name"),
    (b"norEduPersonBirthDate", "birth_date"),
    (b"schacDateOfBirth", "birth_date"),
];

/// The column `property` is read under in `table`.
fn column(table: &Table, property: &[u8]) -> Option<&'static str> {
    table
        .iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(property))
        .map(|&(_, c)| c)
}

/// Whether `t` holds an LDIF entry: a line that starts with `dn:`, and
/// one with `objectClass:`.
fn holds_ldif(t: &[u8]) -> bool {
    let at_line_start = |word: &[u8]| memchr::memmem::find_iter(t, word).any(|i| i == 0 || t[i - 1] == b'\n');
    (at_line_start(b"dn:") || at_line_start(b"DN:"))
        && (at_line_start(b"objectClass:") || at_line_start(b"objectclass:"))
}

/// Whether `t` holds a vCard.
fn holds_vcard(t: &[u8]) -> bool {
    memchr::memmem::find_iter(t, b":VCARD")
        .chain(memchr::memmem::find_iter(t, b":vcard"))
        .any(|i| {
            let start = t[..i].iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
            let word = &t[start..i];
            word.eq_ignore_ascii_case(b"BEGIN") || word.eq_ignore_ascii_case(b"END")
        })
}

/// Where the property line at `p` ends, where its value ends over the
/// folded lines after it (a line that starts with a space or a tab
/// continues the one before), and where the next property's line starts.
fn folded_line(t: &[u8], p: usize) -> (usize, usize, usize) {
    let (end, mut next) = line(t, p);
    let mut value_end = end;
    while next < t.len() && matches!(t[next], b' ' | b'\t') {
        let (e, n) = line(t, next);
        value_end = e;
        next = n;
    }
    (end, value_end, next)
}

/// Where the line at `p` ends (before its `\r\n`), and where the next
/// starts.
fn line(t: &[u8], p: usize) -> (usize, usize) {
    let e = memchr::memchr(b'\n', &t[p..]).map_or(t.len(), |k| p + k);
    let end = if e > p && t[e - 1] == b'\r' { e - 1 } else { e };
    (end, (e + 1).min(t.len()))
}

/// A property line at `p..end`: its column in `table`, and where its
/// value starts.
fn property(t: &[u8], p: usize, end: usize, table: &Table) -> Option<(&'static str, usize)> {
    let (name, value) = property_name(t, p, end)?;
    Some((column(table, name)?, value))
}

/// A property line at `p..end`: its name (without a group before it,
/// `item1.ADR`, or parameters after it, `cn;lang-de`), and where its value
/// starts, after the colon (an LDIF value in base64 starts with a second
/// one: `cn:: ...`).
fn property_name(t: &[u8], p: usize, end: usize) -> Option<(&[u8], usize)> {
    let mut i = p;
    while i < end && (t[i].is_ascii_alphanumeric() || t[i] == b'-' || t[i] == b'.') {
        i += 1;
    }
    let name = &t[p..i];
    let name = name.rsplit(|&b| b == b'.').next().unwrap_or(name);
    // Parameters up to the value's colon (a quoted one may hold a colon).
    let mut quoted = false;
    while i < end {
        match t[i] {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some((name, i + 1)),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The named values of the vCards, LDIF entries and iCalendar birthdays in
/// `t`, added to `out`.
pub(super) fn properties(t: &[u8], out: &mut Vec<Cell>) {
    if holds_vcard(t) {
        read(t, VCARD, out);
    }
    if holds_ldif(t) {
        read(t, LDIF, out);
    }
    if memchr::memmem::find(t, b"BEGIN:VEVENT").is_some() {
        birthdays(t, out);
    }
}

/// Words of an event's summary that make a yearly event someone's
/// birthday (lowercase; `🎂`, as calendars mark the birthdays of contacts).
const BIRTHDAY_WORDS: &[&str] = &[
    "birthday",
    "b-day",
    "bday",
    "geburtstag",
    "do\u{11f}um g\u{fc}n\u{fc}",
    "dogum gunu",
    "cumplea\u{f1}os",
    "cumpleanos",
    "anniversaire",
    "compleanno",
    "anivers\u{e1}rio",
    "verjaardag",
    "urodziny",
    "narozeniny",
    "syntym\u{e4}p\u{e4}iv\u{e4}",
    "f\u{f8}dselsdag",
    "f\u{f6}delsedag",
    "zi de na\u{15f}tere",
    "sz\u{fc}let\u{e9}snap",
    "\u{434}\u{435}\u{43d}\u{44c} \u{440}\u{43e}\u{436}\u{434}\u{435}\u{43d}\u{438}\u{44f}",
    "\u{434}\u{435}\u{43d}\u{44c} \u{43d}\u{430}\u{440}\u{43e}\u{434}\u{436}\u{435}\u{43d}\u{43d}\u{44f}",
    "\u{3b3}\u{3b5}\u{3bd}\u{3ad}\u{3b8}\u{3bb}\u{3b9}\u{3b1}",
    "\u{751f}\u{65e5}",
    "\u{8a95}\u{751f}\u{65e5}",
    "\u{c0dd}\u{c77c}",
    "\u{1f382}",
];

/// Words around a birthday's person in its summary (`Birthday of`,
/// `Geburtstag von`, `Ann's`).
const BIRTHDAY_LINKS: &[&str] = &["of", "von", "de", "di", "van", "da", "do", "du"];

/// The birthdays of an iCalendar export (a calendar of contacts'
/// birthdays, as Google's and Outlook's write them): an event that recurs
/// yearly (`RRULE:FREQ=YEARLY`) and whose summary says it is a birthday
/// (`Doğum günü – Emil Dochioiu`, `🎂 Serda Demir`, `Ann Lee's
/// birthday`). Its start date (`DTSTART;VALUE=DATE:19581227`) is read
/// under `birth_date`, the summary's person under `full_name`.
fn birthdays(t: &[u8], out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    let (mut start, mut summary, mut yearly) = (None, None, false);
    let mut p = 0;
    while p < t.len() {
        let (end, value_end, next) = folded_line(t, p);
        if let Some((name, v)) = property_name(t, p, end) {
            let value = (v, value_end);
            if name.eq_ignore_ascii_case(b"BEGIN") {
                (start, summary, yearly) = (None, None, false);
            } else if name.eq_ignore_ascii_case(b"DTSTART") {
                start = Some(value);
            } else if name.eq_ignore_ascii_case(b"SUMMARY") {
                summary = Some(value);
            } else if name.eq_ignore_ascii_case(b"RRULE") {
                yearly = memchr::memmem::find(&t[v..value_end], b"FREQ=YEARLY").is_some();
            } else if name.eq_ignore_ascii_case(b"END") && yearly {
                if let (Some((a, b)), Some((s, e))) = (start, summary) {
                    if let Some(person) = birthday_person(t, s, e) {
                        let cell = |(start, end): (usize, usize), column: &str| Cell {
                            start,
                            end,
                            table: empty.clone(),
                            column: column.to_owned(),
                            people: true,
                        };
                        if b > a && b - a <= 32 {
                            out.push(cell((a, b), "birth_date"));
                        }
                        if let Some(span) = person {
                            out.push(cell(span, "full_name"));
                        }
                    }
                }
                (start, summary, yearly) = (None, None, false);
            }
        }
        p = next.max(p + 1);
    }
}

/// Whether the summary `t[s..e]` says it is a birthday, and then the span
/// of the person it names, if it names one: the summary less the birthday
/// word, a link word (`of`, `von`), a possessive `'s` and punctuation.
#[allow(clippy::option_option, reason = "a birthday without a name still dates one")]
fn birthday_person(t: &[u8], s: usize, e: usize) -> Option<Option<(usize, usize)>> {
    if e <= s || e - s > 200 {
        return None;
    }
    let text = std::str::from_utf8(&t[s..e]).ok()?;
    let lower = text.to_lowercase();
    // (Lowercasing keeps these scripts' byte lengths.)
    let (at, word) = BIRTHDAY_WORDS
        .iter()
        .find_map(|w| lower.find(w).map(|i| (i, w.len())))
        .filter(|_| lower.len() == text.len())?;
    let junk = |c: char| !c.is_alphabetic();
    let before = text[..at].trim_end_matches(junk);
    let before = before
        .strip_suffix("'s")
        .or_else(|| before.strip_suffix("\u{2019}s"))
        .unwrap_or(before)
        .trim_end_matches(junk);
    let mut after = text[at + word..].trim_start_matches(junk);
    for link in BIRTHDAY_LINKS {
        if let Some(rest) = after.strip_prefix(link).filter(|r| r.starts_with(' ')) {
            after = rest.trim_start_matches(junk);
        }
    }
    let after = after.trim_end_matches(junk);
    let span = |part: &str| {
        let a = s + (part.as_ptr() as usize - text.as_ptr() as usize);
        (a, a + part.len())
    };
    let person = if after.len() >= before.len() { after } else { before };
    Some((!person.is_empty() && person.len() <= 80).then(|| span(person)))
}

/// An LDIF value written in base64 (`postalAddress::
/// TGluZGVuYm9yZyBBbGzDqSAy...`), as LDIF writes every value beyond
/// ASCII: its span (over folded lines), the column its attribute is read
/// under (none for an attribute not in [`LDIF`]), and what it decodes to.
pub(crate) struct Base64Value {
    pub start: usize,
    pub end: usize,
    pub column: Option<&'static str>,
    pub text: Vec<u8>,
}

/// The base64 values of the LDIF entries in `t` whose decoding is UTF-8
/// text ([`Base64Value`]); none where `t` holds no entry.
pub(crate) fn ldif_base64_values(t: &[u8]) -> Vec<Base64Value> {
    use base64::Engine as _;
    let mut out = Vec::new();
    if !holds_ldif(t) {
        return out;
    }
    let mut p = 0;
    while p < t.len() {
        let (end, value_end, next) = folded_line(t, p);
        let base64 = property_name(t, p, end).filter(|&(name, v)| !name.is_empty() && t.get(v) == Some(&b':'));
        if let Some((name, v)) = base64.filter(|&(_, v)| value_end - v <= 4 * MAX_VALUE) {
            let mut a = v + 1;
            while a < value_end && t[a] == b' ' {
                a += 1;
            }
            // The folded lines joined, their breaks and leading spaces out.
            let b64: Vec<u8> = t[a..value_end]
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            let decoded = base64::engine::general_purpose::STANDARD.decode(&b64).ok();
            if let Some(text) = decoded.filter(|d| std::str::from_utf8(d).is_ok() && !d.is_empty()) {
                out.push(Base64Value {
                    start: a,
                    end: value_end,
                    column: column(LDIF, name),
                    text,
                });
            }
        }
        p = next.max(p + 1);
    }
    out
}

/// The values of `table`'s properties in `t`, added to `out`.
fn read(t: &[u8], table: &Table, out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    let mut p = 0;
    while p < t.len() {
        // The value runs on over folded lines.
        let (end, value_end, next) = folded_line(t, p);
        // (An LDIF value in base64 or at a URL, `cn::`, `jpegPhoto:<`, is
        // not read here.)
        let property = property(t, p, end, table).filter(|&(_, a)| !matches!(t.get(a), Some(b':' | b'<')));
        if let Some((col, mut a)) = property {
            // A `tel:` URI's number (vCard 4).
            if col == "phone" && t[a..value_end].len() > 4 && t[a..a + 4].eq_ignore_ascii_case(b"tel:") {
                a += 4;
            }
            // The components from the first non-empty one to the last.
            let mut b = value_end;
            while a < b && matches!(t[a], b';' | b' ' | b'\t') {
                a += 1;
            }
            while b > a && matches!(t[b - 1], b';' | b' ' | b'\t' | b'\r' | b'\n') {
                b -= 1;
            }
            if a < b && b - a <= MAX_VALUE {
                out.push(Cell {
                    start: a,
                    end: b,
                    table: empty.clone(),
                    column: col.to_owned(),
                    people: true,
                });
            }
        }
        p = next.max(p + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str) -> Vec<(String, String)> {
        super::super::named_by(properties, t)
    }

    #[test]
    fn a_calendars_birthdays_are_named() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:19581227\r\nRRULE:FREQ=YEARLY\r\n\
                   SUMMARY:Do\u{11f}um g\u{fc}n\u{fc} \u{2013} Emil Dochioiu\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:19710521\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:\u{1f382} Serda Demir\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:19800102\r\nSUMMARY:Ann Lee\u{2019}s birthday\r\nRRULE:FREQ=YEARLY;BYMONTH=1\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:19900304\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Geburtstag von Max Weber\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nDTSTART:20240311T090000Z\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Annual review\r\nEND:VEVENT\r\n\
                   BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240311\r\nSUMMARY:Birthday party planning\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(
            named(ics),
            [
                ("birth_date", "19581227"),
                ("full_name", "Emil Dochioiu"),
                ("birth_date", "19710521"),
                ("full_name", "Serda Demir"),
                ("birth_date", "19800102"),
                ("full_name", "Ann Lee"),
                ("birth_date", "19900304"),
                ("full_name", "Max Weber"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn a_vcards_personal_properties_are_named() {
        let card =
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kowalski;Jan;Piotr;Dr.;\r\nFN:Dr. Jan Kowalski\r\nBDAY:1975-06-30\r\n\
                    item1.TEL;TYPE=CELL:+48 601 234 567\r\nTEL;VALUE=uri;TYPE=\"cell:x\":tel:+82-10-9246-2554\r\n\
                    ADR;TYPE=HOME:;;ul. D\u{142}uga 5;Gda\u{144}sk;;80-827;Poland\r\nNOTE:call me\r\nEND:VCARD\r\n";
        assert!(holds_vcard(card.as_bytes()));
        assert_eq!(
            named(card),
            [
                ("full_name", "Kowalski;Jan;Piotr;Dr."),
                ("full_name", "Dr. Jan Kowalski"),
                ("birth_date", "1975-06-30"),
                ("phone", "+48 601 234 567"),
                ("phone", "+82-10-9246-2554"),
                ("address", "ul. D\u{142}uga 5;Gda\u{144}sk;;80-827;Poland"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn ldif_values_in_base64_are_decoded() {
        let t = "dn: uid=m,ou=people,dc=x\nobjectClass: norEduPerson\ncn:: TcO4bGxlcg==\npostalAddress:: TGluZGVuYm9yZyBBbGzDqSAyJDM3\n ODUgR3VkbWUkRGFubWFyaw==\njpegPhoto:: /9j/4AAQ\ndescription:: bm90ZQ==\nnorEduPersonNIN: 1801612184\n";
        let got: Vec<(Option<&str>, String, &str)> = ldif_base64_values(t.as_bytes())
            .into_iter()
            .map(|v| (v.column, String::from_utf8(v.text).unwrap(), &t[v.start..v.end]))
            .collect();
        assert_eq!(
            got,
            [
                (Some("full_name"), "M\u{f8}ller".to_owned(), "TcO4bGxlcg=="),
                (
                    Some("address"),
                    "Lindenborg All\u{e9} 2$3785 Gudme$Danmark".to_owned(),
                    "TGluZGVuYm9yZyBBbGzDqSAyJDM3\n ODUgR3VkbWUkRGFubWFyaw=="
                ),
                (None, "note".to_owned(), "bm90ZQ=="),
            ]
        );
        assert_eq!(named(t), [("national_id".to_owned(), "1801612184".to_owned())]);
        assert!(ldif_base64_values(b"cn:: TcO4bGxlcg==\n").is_empty());
    }

    #[test]
    fn a_folded_value_is_read_whole() {
        let card = "BEGIN:VCARD\nADR;TYPE=HOME:;;Seokchon-ro 7\n 85-53;;;;\nEND:VCARD\n";
        assert_eq!(
            named(card),
            [("address".to_owned(), "Seokchon-ro 7\n 85-53".to_owned())]
        );
    }

    #[test]
    fn an_ldif_entrys_personal_attributes_are_named() {
        let ldif = "dn: uid=mfr,ou=people,dc=corp\nobjectClass: inetOrgPerson\ncn: Mette Frederiksen\n\
                    sn: Frederiksen\ngivenName: Mette\ncn:: TcO4bGxlcg==\n\
                    postalAddress: Vesterbrogade 12$1620 K\u{f8}benhavn V\ntelephoneNumber: +45 32 12 34 56\n";
        assert_eq!(
            named(ldif),
            [
                ("full_name", "Mette Frederiksen"),
                ("last_name", "Frederiksen"),
                ("first_name", "Mette"),
                ("address", "Vesterbrogade 12$1620 K\u{f8}benhavn V"),
                ("phone", "+45 32 12 34 56"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        // `sn:` in text that holds no entry is nothing.
        assert!(named("sn: 12\ncn: example\n").is_empty());
    }

    #[test]
    fn text_without_a_vcard_holds_none() {
        assert!(!holds_vcard(b"N: 12\nTEL: maybe\nthe vcard format"));
        assert!(holds_vcard(b"x\nend:vcard"));
        for t in ["", ":", "N", "N;", "TEL;\"", "ADR:;;;", "\n \n ", "FN:\r"] {
            let _ = named(t);
        }
    }

    proptest::proptest! {
        /// Any text with an entry's lines: base64 values' spans lie in the
        /// text, ascending, each over base64 and folding only.
        #[test]
        fn base64_values_lie_in_the_text(parts in proptest::collection::vec(proptest::sample::select(vec![
            "dn: x\n", "objectClass: p\n", "cn:: ", "postalAddress::", "TcO4bGxlcg==", "QQ", "=", "\n", " ", "\r\n",
            "\u{e9}", ":", ";lang-de::", "a", "\t",
        ]), 0..24)) {
            let t = parts.concat();
            let mut last = 0;
            for v in ldif_base64_values(t.as_bytes()) {
                proptest::prop_assert!(last <= v.start && v.start <= v.end && v.end <= t.len());
                proptest::prop_assert!(t.as_bytes()[v.start..v.end].iter().all(|&b| b.is_ascii()));
                proptest::prop_assert!(std::str::from_utf8(&v.text).is_ok());
                last = v.end;
            }
        }
    }
}
