//! Text dumps of DICOM headers, as `dcmdump` (DCMTK) and pydicom print
//! them: each element's value read under its name, as a CSV column of that
//! name would be. The people of a study are in its header: the patient's
//! name, birth date, address and telephone, and the physicians' and
//! operators' names (`PN` values, `Family^Given^Middle^Prefix^Suffix`).
//!
//! - `dcmdump`: `(0010,0010) PN [BIANCHI^CHIARA]   #  14, 1 PatientName`,
//!   the element's keyword last, after its length and multiplicity;
//! - pydicom: `(0010, 0010) Patient's Name   PN: 'BIANCHI^CHIARA'`, its
//!   name before the value representation.
//!
//! Only elements that name a person, a birth date, an address or a
//! telephone are read: a UID or a modality says nothing of anyone.

use super::Cell;

/// The longest value read as a cell.
const MAX_VALUE: usize = 256;

/// Whether `t` holds a dump of DICOM elements: the patient module's group
/// in `dcmdump`'s or pydicom's writing.
pub(super) fn holds_dump(t: &[u8]) -> bool {
    memchr::memmem::find(t, b"(0010,").is_some() || memchr::memmem::find(t, b"(0010, ").is_some()
}

/// The column an element's name (`PatientBirthDate`, `Patient's Birth
/// Date`) is read under, in snake case, if it is a person's value: a name
/// only where its value representation is a person's name (`PN`; not an
/// `InstitutionName`).
fn column(name: &[u8], vr: &[u8]) -> Option<String> {
    // (An apostrophe dropped: `Patient's Name` reads `patients_name`.)
    let name = String::from_utf8_lossy(name).replace('\'', "");
    let out = crate::column_name::snake(&name);
    let personal = if vr == b"PN" {
        out.contains("name")
    } else {
        ["birth_date", "address", "telephone"].iter().any(|w| out.contains(w))
    };
    personal.then_some(out)
}

/// The element on the line `t[s..e]`, past any indentation or sequence
/// marks: its value's span and its name, as `dcmdump` or pydicom writes it.
fn element(t: &[u8], s: usize, e: usize) -> Option<(usize, usize, &[u8], &[u8])> {
    let line = &t[s..e];
    let open = memchr::memchr(b'(', line)?;
    let close = open + memchr::memchr(b')', &line[open..])?;
    let tag = &line[open + 1..close];
    let hex = tag.iter().filter(|b| b.is_ascii_hexdigit()).count();
    if hex != 8 || !tag.iter().all(|b| b.is_ascii_hexdigit() || matches!(b, b',' | b' ')) {
        return None;
    }
    let rest = close + 1;
    let after = line[rest..].trim_ascii_start();
    let at = rest + (line.len() - rest - after.len());
    if after.len() > 3 && after[..2].iter().all(u8::is_ascii_uppercase) && after[2] == b' ' {
        // dcmdump: `PN [value]   #  14, 1 PatientName`.
        let vr = &after[..2];
        let v = at + 3 + usize::from(after.get(3) == Some(&b' '));
        if line.get(v) != Some(&b'[') {
            return None;
        }
        let end = v + 1 + memchr::memchr(b']', &line[v + 1..])?;
        let hash = end + memchr::memchr(b'#', &line[end..])?;
        let name = line[hash..].rsplit(|&b| b == b' ').next()?;
        return Some((s + v + 1, s + end, vr, name));
    }
    // pydicom: `Patient's Name   PN: 'value'`.
    let colon = memchr::memmem::find(&line[at..], b": ").map(|i| at + i)?;
    let vr = line.get(colon.checked_sub(2)?..colon)?;
    if !vr.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let name = line[at..colon - 2].trim_ascii();
    let v = colon + 2;
    let quote = *line.get(v).filter(|q| matches!(q, b'\'' | b'"'))?;
    let end = v + 1 + memchr::memchr(quote, &line[v + 1..])?;
    Some((s + v + 1, s + end, vr, name))
}

/// The people's values of the DICOM dump in `t`, added to `out`.
pub(super) fn elements(t: &[u8], out: &mut Vec<Cell>) {
    let table: std::rc::Rc<str> = std::rc::Rc::from("");
    for (s, e) in super::lines_from(t, 0) {
        let Some((a, b, vr, name)) = element(t, s, e) else {
            continue;
        };
        // Names are `PN`; dates, addresses and telephones are `DA`, `LO`,
        // `SH`, `ST` or `LT` under their element's name.
        if !matches!(vr, b"PN" | b"DA" | b"LO" | b"SH" | b"ST" | b"LT") {
            continue;
        }
        if let Some(column) = column(name, vr) {
            out.extend(super::trimmed_cell(t, a, b, &column, &table, MAX_VALUE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dumps_personal_elements_are_named_by_their_keywords() {
        let t = "# Dicom-Data-Set\n\
                 (0008,0060) CS [CT]                                     #   2, 1 Modality\n\
                 (0008,0090) PN [Russo^Sara^^Dr.]                        #  16, 1 ReferringPhysicianName\n\
                 (0010,0010) PN [BIANCHI^CHIARA]                         #  14, 1 PatientName\n\
                 (0010,0030) DA [20041101]                               #   8, 1 PatientBirthDate\n\
                 (0008,0080) LO [Ospedale Niguarda]                      #  18, 1 InstitutionName\n\
                 (0020,000d) UI [1.2.840.113619.2.55]                    #  20, 1 StudyInstanceUID\n\
                 (0010, 1040) Patient's Address                   LO: 'Via Roma 5, Milano'\n\
                 (0010, 0010) Patient's Name                      PN: \"Rossi^Mario\"\n";
        assert!(holds_dump(t.as_bytes()));
        let mut out = Vec::new();
        elements(t.as_bytes(), &mut out);
        let got: Vec<(&str, &str)> = out.iter().map(|c| (c.column.as_str(), &t[c.start..c.end])).collect();
        assert_eq!(
            got,
            [
                ("referring_physician_name", "Russo^Sara^^Dr."),
                ("patient_name", "BIANCHI^CHIARA"),
                ("patient_birth_date", "20041101"),
                ("patients_address", "Via Roma 5, Milano"),
                ("patients_name", "Rossi^Mario"),
            ]
        );
        assert!(!holds_dump(b"(0008,0060) CS [CT]\n"));
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_cells_inside_it(t in "(\\((0010|0008), ?[0-9a-f]{4}\\) ?[A-Z ']{0,6} ?(PN|DA|LO)?:? ?[\\['\"]?[a-zA-Z^ ]{0,8}[\\]'\"]? *#? ?[A-Za-z]{0,12}\n?){0,8}") {
            let mut out = Vec::new();
            elements(t.as_bytes(), &mut out);
            for c in out {
                proptest::prop_assert!(c.start <= c.end && c.end <= t.len());
            }
        }
    }
}
