//! Fixed-width tables in text, as reports, registers and database shells
//! print them: a header line, a rule of dashes (or `=`) under each column
//! (`-----  -----`, or psql's `------+------`), then rows up to a blank
//! line. Each row's cell is the text under its column's rule, trimmed (and
//! without psql's `|`), named by the header's text above the rule.
//!
//! Columns line up in characters, not bytes (`ФИО` takes two bytes a
//! letter): positions are counted in characters. A value wider than its
//! column is cut where the next column starts.

use super::{Cell, Header};

/// The most columns and rows a table is read with.
const MAX_COLUMNS: usize = 256;
const MAX_ROWS: usize = 1 << 20;

/// The columns a rule line draws, as character spans (`start`, `end`): two
/// or more runs of at least two `-` or `=`, set apart by spaces or `+`,
/// and nothing else on the line.
fn rule(line: &[u8]) -> Option<Vec<(usize, usize)>> {
    // A boxed table's rule (`+----+----+`, the MySQL client's) is read
    // with its `|` rows as a boxed table is.
    let edges = line.trim_ascii();
    if edges.first() == Some(&b'+') || edges.last() == Some(&b'+') {
        return None;
    }
    let mut spans = Vec::new();
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            b'-' | b'=' => {
                let s = i;
                while i < line.len() && line[i] == line[s] {
                    i += 1;
                }
                if i - s < 2 || spans.len() == MAX_COLUMNS {
                    return None;
                }
                spans.push((s, i));
            }
            // (A Markdown table's `|---|---|` is read as Markdown.)
            b' ' | b'\t' | b'+' => i += 1,
            _ => return None,
        }
    }
    (spans.len() >= 2).then_some(spans)
}

/// The byte offset in `line` of each character, and of its end.
fn char_starts(line: &[u8]) -> Vec<usize> {
    let mut v: Vec<usize> = (0..line.len()).filter(|&i| (line[i] & 0xC0) != 0x80).collect();
    v.push(line.len());
    v
}

/// The cell of `line` (at `base` in the text) from character `from` to
/// character `to` (none: the line's end), trimmed of spaces and `|`.
fn cut(line: &[u8], starts: &[usize], from: usize, to: Option<usize>) -> Option<(usize, usize)> {
    let last = starts.len() - 1;
    let mut a = starts[from.min(last)];
    let mut b = to.map_or(line.len(), |to| starts[to.min(last)]);
    while a < b && matches!(line[a], b' ' | b'\t' | b'|') {
        a += 1;
    }
    while b > a && matches!(line[b - 1], b' ' | b'\t' | b'|' | b'\r') {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// A database shell's count of the rows above (`(3 rows)`).
fn row_count(line: &[u8]) -> bool {
    let l = line.trim_ascii();
    l.starts_with(b"(") && (l.ends_with(b" row)") || l.ends_with(b" rows)"))
}

/// The cells of the fixed-width tables in `t`, added to `out`.
pub(super) fn tables(t: &[u8], out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    let lines: Vec<(usize, usize)> = super::lines_from(t, 0).collect();
    let mut k = 1;
    while k < lines.len() {
        let (rs, re) = lines[k];
        let Some(columns) = rule(&t[rs..re]) else {
            k += 1;
            continue;
        };
        let (hs, he) = lines[k - 1];
        let header_line = &t[hs..he];
        let starts = char_starts(header_line);
        // Each column from its rule's start to the next one's.
        let bounds: Vec<(usize, Option<usize>)> = columns
            .iter()
            .enumerate()
            .map(|(i, &(s, _))| (s, columns.get(i + 1).map(|c| c.0)))
            .collect();
        let names: Vec<String> = bounds
            .iter()
            .map(|&(s, e)| {
                cut(header_line, &starts, s, e)
                    .map(|(a, b)| String::from_utf8_lossy(&header_line[a..b]).to_lowercase())
                    .unwrap_or_default()
            })
            .collect();
        // A header names most of its columns.
        if names.iter().filter(|n| !n.is_empty()).count() * 2 < names.len() {
            k += 1;
            continue;
        }
        let header = Header::new(names);
        k += 1;
        let mut rows = 0;
        while k < lines.len() && rows < MAX_ROWS {
            let (ls, le) = lines[k];
            let line = &t[ls..le];
            if line.iter().all(u8::is_ascii_whitespace) || rule(line).is_some() || row_count(line) {
                break;
            }
            // The next table's header, over its rule.
            if lines.get(k + 1).is_some_and(|&(a, b)| rule(&t[a..b]).is_some()) {
                break;
            }
            let starts = char_starts(line);
            for (i, &(s, e)) in bounds.iter().enumerate() {
                if let Some((a, b)) = cut(line, &starts, s, e) {
                    out.extend(header.cell(i, ls + a, ls + b, &empty));
                }
            }
            rows += 1;
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str) -> Vec<(String, String)> {
        super::super::named_by(tables, t)
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|&(a, b)| (a.to_owned(), b.to_owned())).collect()
    }

    #[test]
    fn cells_are_cut_under_their_rules_in_characters() {
        let t = "РЕЕСТР\nФИО                 ИНН           Дата рождения\n\
                 ------------------- ------------- -------------\n\
                 Цветков Станислав   501114534883  20.07.1979\n\
                 Ann Lee                           1980-01-02\n\nafter";
        assert_eq!(
            named(t),
            pairs(&[
                ("фио", "Цветков Станислав"),
                ("инн", "501114534883"),
                ("дата рождения", "20.07.1979"),
                ("фио", "Ann Lee"),
                ("дата рождения", "1980-01-02"),
            ])
        );
    }

    #[test]
    fn psql_output_is_read() {
        let t = " id | full_name  | dob\n----+------------+------------\n  1 | Ann Lee    | 1980-01-02\n(1 row)\n";
        assert_eq!(
            named(t),
            pairs(&[("id", "1"), ("full_name", "Ann Lee"), ("dob", "1980-01-02"),])
        );
    }

    #[test]
    fn a_lone_rule_or_prose_is_no_table() {
        assert!(named("Title\n-----\ntext under it\n").is_empty());
        assert!(named("a -- b -- c\nx\n").is_empty());
        assert!(named("\n-- --\n\n").is_empty());
        assert!(named("| a | b |\n|---|---|\n| x | y |\n").is_empty());
        for t in ["--", "-- --", "x\n-- --", "x\n-- --\n\u{e9}", "é é\n-- ---\né"] {
            let _ = named(t);
        }
    }
}
