//! SWIFT MT940 bank statements (and MT942 reports), as banks hand them to
//! accounting: each transaction's `:86:` field names the other party, read
//! under the columns that name its parts:
//!
//! - the German layout's subfields (`?31` the account or IBAN, `?32` and
//!   `?33` the name: `?31DE55100700009862351544 ?32Koch, Marie-Therese`);
//! - the structured layout Dutch and other banks write (`/IBAN/NL...`,
//!   `/NAME/...`, between `/`-tags of capital letters).
//!
//! The account goes under `iban`, the name under `account_holder_name`.
//! Read only in text that holds a statement's `:20:` and `:86:` fields.

use super::Cell;

/// The longest value read as a cell.
const MAX_VALUE: usize = 256;

/// Whether `t` holds an MT940 statement.
pub(super) fn holds_statement(t: &[u8]) -> bool {
    let at_line_start = |tag: &[u8]| memchr::memmem::find_iter(t, tag).any(|i| i == 0 || t[i - 1] == b'\n');
    at_line_start(b":20:") && at_line_start(b":86:")
}

/// Where the field that starts at `p` (after its tag) ends: at the next
/// line that starts with a tag (`:61:`, `:62F:`), or at the text's end.
fn field_end(t: &[u8], p: usize) -> usize {
    let mut i = p;
    while let Some(k) = memchr::memchr(b'\n', &t[i..]) {
        let next = i + k + 1;
        let tag = &t[next..t.len().min(next + 6)];
        let is_tag = tag.first() == Some(&b':')
            && tag.get(1).is_some_and(u8::is_ascii_digit)
            && tag.get(2).is_some_and(u8::is_ascii_digit)
            && (tag.get(3) == Some(&b':') || tag.get(4) == Some(&b':'));
        if is_tag || tag.first() == Some(&b'-') {
            return i + k;
        }
        i = next;
    }
    t.len()
}

fn cell(t: &[u8], a: usize, b: usize, column: &str, empty: &std::rc::Rc<str>) -> Option<Cell> {
    super::trimmed_cell(t, a, b, column, empty, MAX_VALUE)
}

/// The column of a German-layout subfield's code.
fn subfield_column(code: &[u8]) -> Option<&'static str> {
    match code {
        b"31" => Some("iban"),
        b"32" | b"33" => Some("account_holder_name"),
        _ => None,
    }
}

/// The column of a structured layout's tag.
fn tag_column(tag: &[u8]) -> Option<&'static str> {
    match tag {
        b"IBAN" => Some("iban"),
        b"NAME" => Some("account_holder_name"),
        _ => None,
    }
}

/// The named parts of the statements' `:86:` fields in `t`, added to `out`.
pub(super) fn statements(t: &[u8], out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    for at in memchr::memmem::find_iter(t, b":86:") {
        if at != 0 && t[at - 1] != b'\n' {
            continue;
        }
        let (s, e) = (at + 4, field_end(t, at + 4));
        let field = &t[s..e];
        if memchr::memchr(b'?', field).is_some() {
            // `?NN` subfields: each runs to the next one.
            let marks: Vec<usize> = memchr::memchr_iter(b'?', field)
                .filter(|&i| {
                    field
                        .get(i + 1..i + 3)
                        .is_some_and(|c| c.iter().all(u8::is_ascii_digit))
                })
                .collect();
            for (k, &m) in marks.iter().enumerate() {
                let end = marks.get(k + 1).copied().unwrap_or(field.len());
                if let Some(column) = subfield_column(&field[m + 1..m + 3]) {
                    out.extend(cell(t, s + m + 3, s + end, column, &empty));
                }
            }
        } else if field.starts_with(b"/") {
            // `/TAG/value/TAG/value`: a tag is capital letters between
            // slashes.
            let slashes: Vec<usize> = memchr::memchr_iter(b'/', field).collect();
            let tag_at = |k: usize| {
                let (a, b) = (slashes[k] + 1, *slashes.get(k + 1)?);
                let tag = &field[a..b];
                (!tag.is_empty() && tag.len() <= 5 && tag.iter().all(u8::is_ascii_uppercase)).then_some(tag)
            };
            let mut k = 0;
            while k + 1 < slashes.len() {
                let Some(tag) = tag_at(k) else {
                    k += 1;
                    continue;
                };
                // The value runs to the next tag's slash.
                let mut j = k + 2;
                while j < slashes.len() && tag_at(j).is_none() {
                    j += 1;
                }
                let (a, b) = (slashes[k + 1] + 1, slashes.get(j).copied().unwrap_or(field.len()));
                if let Some(column) = tag_column(tag) {
                    out.extend(cell(t, s + a, s + b.max(a), column, &empty));
                }
                k = j;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str) -> Vec<(String, String)> {
        super::super::named_by(statements, t)
    }

    #[test]
    fn a_transactions_other_party_is_named() {
        let sta = ":20:STARTUMSE\r\n:25:37040044/9642270692\r\n:61:2403110311D147,21NTRFNONREF//954137\r\n\
                   :86:166?00GUTSCHR. UEBERWEISUNG?102699\r\n?20EREF+RE-96396940\r\n?30OPSKATWW\r\n\
                   ?31DE55100700009862351544\r\n?32Koch, Marie-Therese\r\n:61:2403110311C474,12NTRF\r\n\
                   :86:/TRCD/00100/EREF/E2E-1/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/NAME/J. de Vries/REMI/USTD//Factuur 1/\r\n\
                   :62F:C240311EUR1000,00\r\n-\r\n";
        assert!(holds_statement(sta.as_bytes()));
        assert_eq!(
            named(sta),
            [
                ("iban", "DE55100700009862351544"),
                ("account_holder_name", "Koch, Marie-Therese"),
                ("iban", "NL91ABNA0417164300"),
                ("account_holder_name", "J. de Vries"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn other_text_holds_no_statement() {
        assert!(!holds_statement(b"see :86: in the manual"));
        for t in [
            ":20:\n:86:",
            ":20:\n:86:?",
            ":20:\n:86:?3",
            ":20:\n:86:/",
            ":20:\n:86://A//",
            ":20:\n:86:/IBAN/",
        ] {
            let _ = named(t);
        }
    }
}
