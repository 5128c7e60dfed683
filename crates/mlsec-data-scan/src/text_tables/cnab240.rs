//! CNAB 240 files, the fixed-position records Brazilian banks exchange
//! payments and collections in (FEBRABAN's layout: every record 240
//! characters, its type at position 8), their personal fields named as a
//! CSV column that holds them would be:
//!
//! - segment `A` (a payment): the payee's name (positions 44-73) under
//!   `account_holder_name`;
//! - segment `B` (the payee's details): the CPF (positions 22-32 of the
//!   14-digit registration at 19-32, type `1` at 18) under `cpf`, or the
//!   CNPJ (all 14, type `2`) under `cnpj`; the street and number (33-67)
//!   under `address`; the CEP (118-125) under `postal_code`.
//!
//! Read only in text whose lines are such records: at least two of 240
//! characters, each with a bank's three digits first and a record type of
//! the layout.

use super::Cell;

/// A record's length, line break aside.
const RECORD: usize = 240;

/// A line of `t` at `s..e` (without its line break) that is a CNAB 240
/// record: 240 characters, the bank's code in digits first, and a record
/// type (0 file header, 1 batch header, 3 detail, 5 batch trailer, 9 file
/// trailer) at position 8.
fn record(t: &[u8], s: usize, e: usize) -> bool {
    e - s == RECORD
        && t[s..s + 3].iter().all(u8::is_ascii_digit)
        && matches!(t[s + 7], b'0' | b'1' | b'3' | b'5' | b'9')
}

/// Whether `t` holds a CNAB 240 file: two or more of its first lines are
/// records.
pub(super) fn holds_cnab240(t: &[u8]) -> bool {
    super::lines_from(t, 0)
        .take(4)
        .filter(|&(s, e)| record(t, s, e))
        .count()
        >= 2
}

/// The named fields of the CNAB 240 records in `t`, added to `out`.
pub(super) fn records(t: &[u8], out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    // A field at 1-based positions `from..=to` of the record at `s`, its
    // padding spaces left out.
    let mut field = |s: usize, from: usize, to: usize, column: &str| {
        out.extend(super::trimmed_cell(t, s + from - 1, s + to, column, &empty, RECORD));
    };
    for (s, e) in super::lines_from(t, 0) {
        if !record(t, s, e) || t[s + 7] != b'3' {
            continue;
        }
        match t[s + 13] {
            b'A' => field(s, 44, 73, "account_holder_name"),
            b'B' => {
                match t[s + 17] {
                    b'1' => field(s, 22, 32, "cpf"),
                    b'2' => field(s, 19, 32, "cnpj"),
                    _ => {}
                }
                field(s, 33, 67, "address");
                field(s, 118, 125, "postal_code");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(parts: &[(usize, &str)]) -> String {
        let mut l = vec![b' '; RECORD];
        for &(at, v) in parts {
            l[at - 1..at - 1 + v.len()].copy_from_slice(v.as_bytes());
        }
        String::from_utf8(l).unwrap()
    }

    #[test]
    fn a_payments_payee_fields_are_named() {
        let header = line(&[(1, "34100000"), (18, "2"), (73, "RHEINWERK LOGISTICA LTDA")]);
        let a = line(&[
            (1, "3410001300001A000000341"),
            (44, "BELLA COSTA"),
            (74, "PAG965993902415"),
        ]);
        let b = line(&[
            (1, "3410001300002B"),
            (18, "100060485486482"),
            (33, "PRACA DA CRUZ"),
            (63, "07709"),
            (83, "CENTRO"),
            (98, "SAO PAULO"),
            (118, "11409167SP"),
        ]);
        let t = format!("{header}\r\n{a}\r\n{b}\r\n");
        assert!(holds_cnab240(t.as_bytes()));
        assert_eq!(
            super::super::named_by(records, &t),
            [
                ("account_holder_name", "BELLA COSTA"),
                ("cpf", "60485486482"),
                ("address", "PRACA DA CRUZ                 07709"),
                ("postal_code", "11409167"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn other_text_holds_no_file() {
        assert!(!holds_cnab240(b"34100000 short\n34100000 short\n"));
        let long = "x".repeat(RECORD);
        assert!(!holds_cnab240(format!("{long}\n{long}\n").as_bytes()));
        for t in ["", "\n", "3410001300001A\n"] {
            let _ = super::super::named_by(records, t);
        }
    }

    proptest::proptest! {
        /// Records of any bytes: no panic, and every field lies in its record.
        #[test]
        fn fields_lie_in_their_records(lines in proptest::collection::vec("[0-9AB ]{0,8}", 1..6), fill: u8) {
            let t: String = lines
                .iter()
                .map(|l| {
                    let mut r = format!("3410001{l}");
                    while r.len() < RECORD {
                        r.push(char::from(b'0' + fill % 10));
                    }
                    r.truncate(RECORD);
                    r + "\n"
                })
                .collect();
            let mut out = Vec::new();
            records(t.as_bytes(), &mut out);
            for c in out {
                let line_start = t[..c.start].rfind('\n').map_or(0, |i| i + 1);
                proptest::prop_assert!(c.start < c.end && c.end <= line_start + RECORD);
            }
        }
    }
}
