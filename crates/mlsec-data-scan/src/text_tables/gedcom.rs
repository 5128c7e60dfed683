//! GEDCOM genealogy files (FamilySearch's GEDCOM 5.5.1 and 7: what every
//! family-tree program exports), their people's values named as a CSV
//! column that holds them would be. Each line is `level [@xref@] TAG
//! [value]`; a tag's meaning depends on the tags above it:
//!
//! - `NAME` (`Ştefan /Marin/`, the surname between slashes), `GIVN`,
//!   `SURN`, `_MARNM` under `name`, `given_name`, `surname`;
//! - `DATE` under `BIRT` or `CHR` (birth, christening) under `birth_date`,
//!   not under `DEAT`, `MARR` or a change's `CHAN`;
//! - `ADDR` (and its `ADR1`, `ADR2`, continued by `CONT`) under `address`,
//!   `PHON` under `phone`, `EMAIL` under `email`.
//!
//! Living people are in most trees (the submitter, the family now).

use super::Cell;

/// The longest value read as a cell.
const MAX_VALUE: usize = 256;

/// Whether `t` holds GEDCOM records: a header line (`0 HEAD`) or a person's
/// record (`0 @I1@ INDI`) at a line's start.
pub(super) fn holds_gedcom(t: &[u8]) -> bool {
    t.starts_with(b"0 HEAD")
        || memchr::memmem::find(t, b"\n0 HEAD").is_some()
        || memchr::memmem::find(t, b" INDI").is_some_and(|_| memchr::memmem::find(t, b"\n1 NAME ").is_some())
}

/// A GEDCOM line: its level, tag and value's span (`None` for a line that
/// is none).
fn line(t: &[u8], s: usize, e: usize) -> Option<(u8, &[u8], usize, usize)> {
    let l = &t[s..e];
    let level = *l.first().filter(|b| b.is_ascii_digit())?;
    if l.get(1) != Some(&b' ') {
        return None;
    }
    let mut i = 2;
    // A record's cross-reference (`@I1@`).
    if l.get(i) == Some(&b'@') {
        i += 1 + memchr::memchr(b'@', &l[i + 1..])? + 1;
        i += usize::from(l.get(i) == Some(&b' '));
    }
    let tag_len = l[i..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    if tag_len == 0 {
        return None;
    }
    let tag = &l[i..i + tag_len];
    let v = (i + tag_len + 1).min(l.len());
    Some((level - b'0', tag, s + v, e))
}

/// The column a tag's value is read under, given the tag above it.
fn column(tag: &[u8], parent: &[u8]) -> Option<&'static str> {
    Some(match tag {
        b"NAME" if parent != b"PLAC" && parent != b"SOUR" && parent != b"HEAD" => "name",
        b"GIVN" => "given_name",
        b"SURN" | b"_MARNM" => "surname",
        b"DATE" if matches!(parent, b"BIRT" | b"CHR" | b"BAPM") => "birth_date",
        b"ADDR" | b"ADR1" | b"ADR2" => "address",
        b"CONT" | b"CONC" if parent == b"ADDR" => "address",
        b"PHON" => "phone",
        b"EMAIL" => "email",
        _ => return None,
    })
}

/// The people's values of the GEDCOM records in `t`, added to `out`.
pub(super) fn people(t: &[u8], out: &mut Vec<Cell>) {
    let table: std::rc::Rc<str> = std::rc::Rc::from("");
    // The tag at each level above the line (levels 0 to 9).
    let mut above: [&[u8]; 10] = [b""; 10];
    for (s, e) in super::lines_from(t, 0) {
        let Some((level, tag, a, b)) = line(t, s, e) else {
            continue;
        };
        let level = usize::from(level);
        let parent = level.checked_sub(1).map_or(&b""[..], |p| above[p]);
        above[level] = tag;
        if let Some(column) = column(tag, parent) {
            out.extend(super::trimmed_cell(t, a, b, column, &table, MAX_VALUE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_values_are_named_by_their_tags() {
        let t = "0 HEAD\n1 SOUR MyHeritage\n2 NAME MyHeritage Family Tree Builder\n0 @U1@ SUBM\n1 NAME Toma Preda\n\
                 1 ADDR Intrarea Albu Nr. 3, Berceni\n2 CONT 475028 Bucure\u{219}ti\n1 PHON +40 711 220 778\n\
                 0 @I1@ INDI\n1 NAME \u{218}tefan /Marin/\n2 GIVN \u{218}tefan\n2 SURN Marin\n1 BIRT\n2 DATE 31 DEC 1926\n\
                 2 PLAC Oradea, Bihor\n1 DEAT\n2 DATE 22 JAN 2016\n1 CHAN\n2 DATE 1 MAR 2024\n";
        assert!(holds_gedcom(t.as_bytes()));
        let mut out = Vec::new();
        people(t.as_bytes(), &mut out);
        let got: Vec<(&str, &str)> = out.iter().map(|c| (c.column.as_str(), &t[c.start..c.end])).collect();
        assert_eq!(
            got,
            [
                ("name", "Toma Preda"),
                ("address", "Intrarea Albu Nr. 3, Berceni"),
                ("address", "475028 Bucure\u{219}ti"),
                ("phone", "+40 711 220 778"),
                ("name", "\u{218}tefan /Marin/"),
                ("given_name", "\u{218}tefan"),
                ("surname", "Marin"),
                ("birth_date", "31 DEC 1926"),
            ]
        );
        assert!(!holds_gedcom(b"1 NAME x\n0 INDIA\n"));
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_cells_inside_it(t in "([0-9] (@I[0-9]@ )?[A-Z_]{0,5} ?[a-z /@]{0,8}\n?){0,12}") {
            let mut out = Vec::new();
            people(t.as_bytes(), &mut out);
            for c in out {
                proptest::prop_assert!(c.start < c.end && c.end <= t.len());
            }
        }
    }
}
