//! Named-entity training data in the CoNLL format: a token per line, its
//! tags after it (`Markus B-PER`, CoNLL-2003's `Markus NNP B-NP B-PER`, or
//! tab-separated), sentences apart by blank lines. A token tagged as a
//! person (`B-PER`, `I-PER`, `S-PERSON`, ...) is a part of a person's name:
//! the dataset holds it because someone wrote it. A token tagged with a
//! kind of personal data or a secret (`B-DOB`, `B-PHONE`, `B-NATID`,
//! `B-PASSWORD`, ...) is read as a value of a column named for that kind,
//! which its shape must fit (a whole birth date, not `September` of
//! `September 7, 1958`).

use super::Cell;

/// Whether `t` holds IOB tags at all (a search before any parse).
pub(super) fn holds_conll(t: &[u8]) -> bool {
    memchr::memmem::find(t, b" B-").is_some() || memchr::memmem::find(t, b"\tB-").is_some()
}

/// The tag kinds of personal data and secrets (as PII datasets name them:
/// CoNLL-2003's `PER`, ai4privacy's `PHONENUMBER`, ...), each with the
/// column name its tokens are read under.
const KINDS: &[(&[u8], &str)] = &[
    (b"PER", "name"),
    (b"PERS", "name"),
    (b"PERSON", "name"),
    (b"DOB", "date_of_birth"),
    (b"DATEOFBIRTH", "date_of_birth"),
    (b"BIRTHDATE", "date_of_birth"),
    (b"PHONE", "phone"),
    (b"PHONENUMBER", "phone"),
    (b"PHONE_NUMBER", "phone"),
    (b"TEL", "phone"),
    (b"TELEPHONENUM", "phone"),
    (b"EMAIL", "email"),
    (b"EMAIL_ADDRESS", "email"),
    (b"NATID", "national_id"),
    (b"NATIONALID", "national_id"),
    (b"NATIONAL_ID", "national_id"),
    (b"IDCARDNUM", "national_id"),
    (b"SSN", "ssn"),
    (b"SOCIALNUM", "ssn"),
    (b"TAXNUM", "tax_id"),
    (b"PASSWORD", "password"),
    (b"SECRET", "password"),
    (b"API_KEY", "api_key"),
    (b"IBAN", "iban"),
    (b"IBAN_CODE", "iban"),
    (b"CREDITCARD", "card_number"),
    (b"CREDITCARDNUMBER", "card_number"),
    (b"CREDIT_CARD", "card_number"),
    (b"IP", "ip_address"),
    (b"IPADDRESS", "ip_address"),
    (b"IP_ADDRESS", "ip_address"),
    (b"MAC", "mac_address"),
    (b"MACADDRESS", "mac_address"),
];

/// The column a tag's tokens are read under, if the tag marks a kind of
/// [`KINDS`] in the IOB, IOBES or BILOU schemes.
fn tag_column(tag: &[u8]) -> Option<&'static str> {
    let (prefix, kind) = tag.split_first().filter(|(_, rest)| rest.first() == Some(&b'-'))?;
    if !matches!(prefix, b'B' | b'I' | b'E' | b'S' | b'L' | b'U') {
        return None;
    }
    KINDS.iter().find(|(k, _)| *k == &kind[1..]).map(|&(_, c)| c)
}

/// The tokens tagged with a kind of [`KINDS`] in `t`, as cells of a
/// people's table under the kind's column.
pub(super) fn tagged_tokens(t: &[u8], out: &mut Vec<Cell>) {
    let table: std::rc::Rc<str> = std::rc::Rc::from("");
    for (s, e) in super::lines_from(t, 0) {
        let line = &t[s..e];
        // The token first, the tag last (one field alone is neither).
        let mut fields = line.split(|&b| b == b' ' || b == b'\t').filter(|f| !f.is_empty());
        let (Some(token), Some(tag)) = (fields.next(), fields.next_back()) else {
            continue;
        };
        let Some(column) = tag_column(tag).filter(|_| token.len() <= 64) else {
            continue;
        };
        let a = s + (token.as_ptr() as usize - line.as_ptr() as usize);
        out.push(Cell {
            start: a,
            end: a + token.len(),
            table: table.clone(),
            column: column.to_owned(),
            people: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_kinds_are_read_under_their_column() {
        let t =
            "Doğum _ _ O\ntarihi _ _ O\n03.05.1995 _ _ B-DOB\nSenha _ _ O\nEi4T@l?pcX _ _ B-SECRET\nBerlin _ _ B-LOC\n";
        let mut out = Vec::new();
        tagged_tokens(t.as_bytes(), &mut out);
        let got: Vec<(&str, &str)> = out.iter().map(|c| (&t[c.start..c.end], c.column.as_str())).collect();
        assert_eq!(got, [("03.05.1995", "date_of_birth"), ("Ei4T@l?pcX", "password")]);
    }

    #[test]
    fn person_tokens_are_names() {
        let t = "-DOCSTART- -X- -X- O\n\nMarkus NNP B-NP B-PER\nGerhardt NNP I-NP I-PER\nwohnt VVFIN B-VP O\nin APPR B-PP O\nBerlin NE B-NP B-LOC\n\nAnna\tS-PERSON\n";
        let mut out = Vec::new();
        tagged_tokens(t.as_bytes(), &mut out);
        let got: Vec<&str> = out.iter().map(|c| &t[c.start..c.end]).collect();
        assert_eq!(got, ["Markus", "Gerhardt", "Anna"]);
        assert!(out.iter().all(|c| c.column == "name"));
        for t in ["B-PER", "x B-PERIOD", "-PER -PER", "\u{e9} I-PER\n", "B-PER x"] {
            let mut out = Vec::new();
            tagged_tokens(t.as_bytes(), &mut out);
            assert!(out.iter().all(|c| &t[c.start..c.end] != "B-PER"), "{t}");
        }
    }

    proptest::proptest! {
        /// Any text: cells lie in it, on character boundaries, never empty.
        #[test]
        fn any_text(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Ann", "B-PER", "I-PER", "O", " ", "\t", "\n", "-", "\u{e9}", "S-PERSON", "x", "B-DOB", "I-PHONE",
        ]), 0..60)) {
            let t = parts.concat();
            let mut out = Vec::new();
            tagged_tokens(t.as_bytes(), &mut out);
            for c in out {
                proptest::prop_assert!(c.start < c.end && c.end <= t.len());
                proptest::prop_assert!(t.is_char_boundary(c.start) && t.is_char_boundary(c.end));
            }
        }
    }
}
