//! Named-entity training data in the CoNLL format: a token per line, its
//! tags after it (`Markus B-PER`, CoNLL-2003's `Markus NNP B-NP B-PER`, or
//! tab-separated), sentences apart by blank lines. A token tagged as a
//! person (`B-PER`, `I-PER`, `S-PERSON`, ...) is a part of a person's name:
//! the dataset holds it because someone wrote it.

use super::Cell;

/// Whether `t` holds person tags at all (a search before any parse).
pub(super) fn holds_conll(t: &[u8]) -> bool {
    memchr::memmem::find(t, b"-PER").is_some()
}

/// Whether `tag` marks a person in the IOB, IOBES or BILOU schemes.
fn person_tag(tag: &[u8]) -> bool {
    let Some((prefix, kind)) = tag.split_first().filter(|(_, rest)| rest.first() == Some(&b'-')) else {
        return false;
    };
    matches!(prefix, b'B' | b'I' | b'E' | b'S' | b'L' | b'U') && matches!(&kind[1..], b"PER" | b"PERS" | b"PERSON")
}

/// The tokens tagged as persons in `t`, as cells of a people's `name`.
pub(super) fn person_tokens(t: &[u8], out: &mut Vec<Cell>) {
    let table: std::rc::Rc<str> = std::rc::Rc::from("");
    for (s, e) in super::lines_from(t, 0) {
        let line = &t[s..e];
        // The token first, the tag last (one field alone is neither).
        let mut fields = line.split(|&b| b == b' ' || b == b'\t').filter(|f| !f.is_empty());
        let (Some(token), Some(tag)) = (fields.next(), fields.next_back()) else {
            continue;
        };
        if !person_tag(tag) || token.len() > 64 {
            continue;
        }
        let a = s + (token.as_ptr() as usize - line.as_ptr() as usize);
        out.push(Cell {
            start: a,
            end: a + token.len(),
            table: table.clone(),
            column: "name".to_owned(),
            people: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_tokens_are_names() {
        let t = "-DOCSTART- -X- -X- O\n\nMarkus NNP B-NP B-PER\nGerhardt NNP I-NP I-PER\nwohnt VVFIN B-VP O\nin APPR B-PP O\nBerlin NE B-NP B-LOC\n\nAnna\tS-PERSON\n";
        let mut out = Vec::new();
        person_tokens(t.as_bytes(), &mut out);
        let got: Vec<&str> = out.iter().map(|c| &t[c.start..c.end]).collect();
        assert_eq!(got, ["Markus", "Gerhardt", "Anna"]);
        for t in ["B-PER", "x B-PERIOD", "-PER -PER", "\u{e9} I-PER\n", "B-PER x"] {
            let mut out = Vec::new();
            person_tokens(t.as_bytes(), &mut out);
            assert!(out.iter().all(|c| &t[c.start..c.end] != "B-PER"), "{t}");
        }
    }

    proptest::proptest! {
        /// Any text: cells lie in it, on character boundaries, never empty.
        #[test]
        fn any_text(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Ann", "B-PER", "I-PER", "O", " ", "\t", "\n", "-", "\u{e9}", "S-PERSON", "x",
        ]), 0..60)) {
            let t = parts.concat();
            let mut out = Vec::new();
            person_tokens(t.as_bytes(), &mut out);
            for c in out {
                proptest::prop_assert!(c.start < c.end && c.end <= t.len());
                proptest::prop_assert!(t.is_char_boundary(c.start) && t.is_char_boundary(c.end));
            }
        }
    }
}
