//! HL7 version 2 messages (hospital admissions, lab orders: `MSH|^~\&|...`
//! then one segment a line), their personal fields named by the standard's
//! field positions as a CSV column that holds them would be:
//!
//! - `PID` (the patient): 3 identifiers (one of type `SS` under `ssn`, `DL`
//!   under `driver_license`, `PPN` under `passport`), 5 name and 6 mother's
//!   maiden name under `patient_name`, 7 birth date, 11 address, 13 and 14
//!   phones, 19 SSN, 20 driver's licence;
//! - `NK1` (next of kin): 2 name, 4 address, 5 and 6 phones;
//! - `GT1` (guarantor): 3 name, 5 address, 6 phone, 8 birth date, 12 SSN;
//! - `IN1` (insurance): 16 insured's name, 18 birth date, 19 address;
//! - `PV1` (visit): 7, 8, 9 and 17, the doctors (their family and given
//!   names, without the id before them).
//!
//! A field's first repetition is read (`~` sets them apart). The separators
//! are the ones each `MSH` segment declares. Segments end at `\r` or a
//! line break.

use super::Cell;

/// The longest field read as a cell.
const MAX_VALUE: usize = 512;

/// How a field is read: whole (its first repetition), by its first
/// component, as a person's name
/// in an `XCN` (its second and third components), or as a list of
/// identifiers (`CX`, each named by its type code).
#[derive(Clone, Copy)]
enum Read {
    Whole(&'static str),
    /// A phone (`XTN`): the first component (the number, before its use
    /// and equipment codes: `(919)677-0170^PRN^PH`), and the area code and
    /// local number where they are written apart too (components 6 and 7:
    /// `^^1^919^6770170`).
    Phone(&'static str),
    Doctor,
    Identifiers,
}

/// The fields read in a segment: (segment, field number, how).
const FIELDS: &[(&[u8; 3], usize, Read)] = &[
    (b"PID", 3, Read::Identifiers),
    (b"PID", 5, Read::Whole("patient_name")),
    (b"PID", 6, Read::Whole("patient_name")),
    (b"PID", 7, Read::Whole("birth_date")),
    (b"PID", 11, Read::Whole("address")),
    (b"PID", 13, Read::Phone("phone")),
    (b"PID", 14, Read::Phone("phone")),
    (b"PID", 19, Read::Whole("ssn")),
    (b"PID", 20, Read::Whole("driver_license")),
    (b"NK1", 2, Read::Whole("contact_name")),
    (b"NK1", 4, Read::Whole("address")),
    (b"NK1", 5, Read::Phone("phone")),
    (b"NK1", 6, Read::Phone("phone")),
    (b"GT1", 3, Read::Whole("guarantor_name")),
    (b"GT1", 5, Read::Whole("address")),
    (b"GT1", 6, Read::Phone("phone")),
    (b"GT1", 8, Read::Whole("birth_date")),
    (b"GT1", 12, Read::Whole("ssn")),
    (b"IN1", 16, Read::Whole("insured_name")),
    (b"IN1", 18, Read::Whole("birth_date")),
    (b"IN1", 19, Read::Whole("address")),
    (b"PV1", 7, Read::Doctor),
    (b"PV1", 8, Read::Doctor),
    (b"PV1", 9, Read::Doctor),
    (b"PV1", 17, Read::Doctor),
];

/// The column an identifier's type code names (HL7 table 0203).
fn identifier_column(code: &[u8]) -> Option<&'static str> {
    match code {
        b"SS" => Some("ssn"),
        b"DL" => Some("driver_license"),
        b"PPN" => Some("passport"),
        _ => None,
    }
}

/// Whether `t` holds an HL7 message: a segment that starts with `MSH` and
/// a field separator.
pub(super) fn holds_hl7(t: &[u8]) -> bool {
    memchr::memmem::find_iter(t, b"MSH").any(|i| {
        (i == 0 || matches!(t[i - 1], b'\r' | b'\n')) && t.get(i + 3).is_some_and(|b| b.is_ascii_punctuation())
    })
}

/// The spans of `t[a..b]`'s parts set apart by `sep`.
fn parts(t: &[u8], a: usize, b: usize, sep: u8) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = Some(a);
    std::iter::from_fn(move || {
        let s = from?;
        let e = memchr::memchr(sep, &t[s..b]).map_or(b, |k| s + k);
        from = (e < b).then_some(e + 1);
        Some((s, e))
    })
}

fn cell(a: usize, b: usize, column: &str, empty: &std::rc::Rc<str>) -> Option<Cell> {
    (a < b && b - a <= MAX_VALUE).then(|| Cell {
        start: a,
        end: b,
        table: empty.clone(),
        column: column.to_owned(),
        people: true,
    })
}

/// The named fields of the HL7 messages in `t`, added to `out`.
pub(super) fn messages(t: &[u8], out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    // The separators: field, component, repetition.
    let (mut field, mut component, mut repetition) = (b'|', b'^', b'~');
    let mut p = 0;
    while p < t.len() {
        let e = memchr::memchr2(b'\r', b'\n', &t[p..]).map_or(t.len(), |k| p + k);
        let segment = &t[p..e];
        if segment.len() > 8 && segment.starts_with(b"MSH") {
            field = segment[3];
            component = segment[4];
            repetition = segment[5];
        } else if segment.len() > 4 && segment[3] == field {
            let name = &segment[..3];
            for (i, (a, b)) in parts(t, p, e, field).enumerate() {
                let Some(&(_, _, read)) = FIELDS.iter().find(|(s, n, _)| &s[..] == name && *n == i) else {
                    continue;
                };
                // The first repetition (of identifiers: each).
                let (whole_a, whole_b) = (a, b);
                let (a, b) = parts(t, a, b, repetition).next().unwrap_or((a, b));
                match read {
                    Read::Whole(column) => {
                        // Trailing empty components (`Doe^John^^^`) are no
                        // part of the value.
                        let mut b = b;
                        while b > a && t[b - 1] == component {
                            b -= 1;
                        }
                        out.extend(cell(a, b, column, &empty));
                    }
                    Read::Phone(column) => {
                        let comps: Vec<(usize, usize)> = parts(t, a, b, component).take(7).collect();
                        let (fa, fb) = comps.first().copied().unwrap_or((a, b));
                        out.extend(cell(fa, fb, column, &empty));
                        if let (Some(&(aa, ab)), Some(&(la, lb))) = (comps.get(5), comps.get(6)) {
                            if ab > aa && lb > la {
                                out.extend(cell(aa, lb, column, &empty));
                            }
                        }
                    }
                    Read::Doctor => {
                        let comps: Vec<(usize, usize)> = parts(t, a, b, component).take(3).collect();
                        if let (Some(&(fa, _)), Some(&(_, ge))) = (comps.get(1), comps.get(2)) {
                            out.extend(cell(fa, ge, "doctor_name", &empty));
                        }
                    }
                    Read::Identifiers => {
                        for (ra, rb) in parts(t, whole_a, whole_b, repetition) {
                            let comps: Vec<(usize, usize)> = parts(t, ra, rb, component).take(5).collect();
                            let code = comps.get(4).map(|&(s, e)| &t[s..e]);
                            if let (Some(&(ia, ib)), Some(column)) = (comps.first(), code.and_then(identifier_column)) {
                                out.extend(cell(ia, ib, column, &empty));
                            }
                        }
                    }
                }
            }
        }
        p = e + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str) -> Vec<(String, String)> {
        super::super::named_by(messages, t)
    }

    #[test]
    fn a_messages_personal_fields_are_named() {
        let msg = "MSH|^~\\&|EPIC|HOSP|LAB|LABSYS|20240311042511||ADT^A04|MSG1|P|2.5.1\r\
                   PID|1||74474384^^^HOSP^MR~769032196^^^USSSA^SS||Jones^Adam^T^^^||19630730|M|||\
                   41 Weber St^^Springfield^IL^62701^USA^H||(919)677-0170^PRN^PH^^1^919^6770170~x||ENG\r\
                   NK1|1|Christian^Kayla|MTH^Mother||(702) 548-1277\r\
                   PV1|1|O|CARD^130^01||||677500^Garrison^James^^^Dr\r";
        assert!(holds_hl7(msg.as_bytes()));
        assert_eq!(
            named(msg),
            [
                ("ssn", "769032196"),
                ("patient_name", "Jones^Adam^T"),
                ("birth_date", "19630730"),
                ("address", "41 Weber St^^Springfield^IL^62701^USA^H"),
                ("phone", "(919)677-0170"),
                ("phone", "919^6770170"),
                ("contact_name", "Christian^Kayla"),
                ("phone", "(702) 548-1277"),
                ("doctor_name", "Garrison^James"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn other_text_holds_no_message() {
        assert!(!holds_hl7(b"the MSH|x field"));
        for t in [
            "MSH",
            "MSH|",
            "MSH|^~\\&\rPID",
            "MSH|^~\\&\rPID|",
            "PID|1||a^^^^SS~^^^^^|x",
            "MSH|^~\\&|\nPV1|1|O|x||||^^\n",
        ] {
            let _ = named(t);
        }
    }
}
