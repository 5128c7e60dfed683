//! Tables aligned with spaces and no rule under their header, as pandas
//! prints a DataFrame (`df.head()`, in a notebook's output or a log) and
//! as command-line tools list things: a header of column names set apart
//! by two or more spaces, then rows whose fields, set apart the same way,
//! are as many as the names, or one more (a DataFrame's index, first), up
//! to a line that does not fit (a blank line, pandas' `[5 rows x 6
//! columns]`).
//!
//! A value holding two spaces in a row splits in two and makes its row not
//! fit: the table ends there. A header over a rule of dashes is a
//! fixed-width table's ([`super::fixed_width`]).

use super::{Cell, Header};

/// The most columns and rows a table is read with.
const MAX_COLUMNS: usize = 256;
const MAX_ROWS: usize = 1 << 20;

/// The fields of `line`: its text set apart by runs of two or more spaces
/// or by tabs. `None` past [`MAX_COLUMNS`].
fn fields(line: &[u8]) -> Option<Vec<(usize, usize)>> {
    let n = line.len();
    let gap = |i: usize| line[i] == b'\t' || line[i] == b' ' && (i + 1 >= n || matches!(line[i + 1], b' ' | b'\t'));
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        while i < n && matches!(line[i], b' ' | b'\t') {
            i += 1;
        }
        if i >= n {
            break;
        }
        let s = i;
        while i < n && !gap(i) {
            i += 1;
        }
        if out.len() == MAX_COLUMNS {
            return None;
        }
        out.push((s, i));
    }
    Some(out)
}

/// Whether `f` reads as a column's name: a letter first, then letters,
/// digits, `_`, `.`, `-`, `/`, `#`, spaces or brackets, at most 40 bytes.
fn column_name(f: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(f) else { return false };
    s.len() <= 40
        && s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '/' | '#' | ' ' | '(' | ')'))
}

/// A line that is one run of dashes or `=` (ten at least), and nothing else.
fn single_rule(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    t.len() >= 10 && (t.iter().all(|&b| b == b'-') || t.iter().all(|&b| b == b'='))
}

/// A line of dashes, `=` and `+` (a fixed-width table's rule).
fn rule_like(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    !t.is_empty() && t.iter().all(|b| matches!(b, b'-' | b'=' | b'+' | b' '))
}

/// The cells of the space-aligned tables in `t`, added to `out`.
pub(super) fn tables(t: &[u8], out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    let lines: Vec<(usize, usize)> = super::lines_from(t, 0).collect();
    let mut k = 0;
    while k + 1 < lines.len() {
        let (hs, he) = lines[k];
        // pandas ends a wrapped header with ` \`.
        let header_line = t[hs..he].strip_suffix(b"\\").unwrap_or(&t[hs..he]);
        let head = match fields(header_line) {
            Some(f) if f.len() >= 2 && memchr::memmem::find(header_line, b"  ").is_some() => f,
            _ => {
                k += 1;
                continue;
            }
        };
        let (ns, ne) = lines[k + 1];
        // One rule across the whole line under the header (a statement's
        // print) underlines it; rules under each column make a
        // fixed-width table ([`super::fixed_width`]).
        let underline = single_rule(&t[ns..ne]);
        if !head.iter().all(|&(a, b)| column_name(&header_line[a..b])) || (rule_like(&t[ns..ne]) && !underline) {
            k += 1;
            continue;
        }
        let header = Header::new(
            head.iter()
                .map(|&(a, b)| String::from_utf8_lossy(&header_line[a..b]).to_lowercase())
                .collect(),
        );
        let n = head.len();
        let mut rows = 0;
        k += 1 + usize::from(underline);
        while k < lines.len() && rows < MAX_ROWS {
            let (ls, le) = lines[k];
            let line = &t[ls..le];
            // A row's note on an indented line of its own under it
            // (`             Zpráva: nájem únor`) is no row and ends none.
            if rows > 0 && line.starts_with(b"    ") && fields(line).is_some_and(|f| !f.is_empty() && f.len() < n) {
                k += 1;
                continue;
            }
            let Some(f) = fields(line).filter(|f| (f.len() == n || f.len() == n + 1) && !rule_like(line)) else {
                break;
            };
            // One field more than the names: the index, first.
            let skip = f.len() - n;
            for (i, &(a, b)) in f[skip..].iter().enumerate() {
                out.extend(header.cell(i, ls + a, ls + b, &empty));
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

    #[test]
    fn a_dataframe_as_pandas_prints_it() {
        let t = "   customer_id            name                     email\n\
                 0  24076135122    Charan Baria  charanb83@rediffmail.com\n\
                 1  84017214850  Jeevika Balasubramanian  jeevikab31@rediffmail.com\n\
                 \n[2 rows x 3 columns]\n";
        let got = named(t);
        assert_eq!(got.len(), 6, "{got:?}");
        assert_eq!(got[1], ("name".to_owned(), "Charan Baria".to_owned()));
        assert_eq!(got[4], ("name".to_owned(), "Jeevika Balasubramanian".to_owned()));
        assert_eq!(got[5], ("email".to_owned(), "jeevikab31@rediffmail.com".to_owned()));
    }

    #[test]
    fn a_listing_without_an_index() {
        let t = "NAME        READY   STATUS\nweb-7f9c    1/1     Running\n";
        assert_eq!(
            named(t),
            [("name", "web-7f9c"), ("ready", "1/1"), ("status", "Running")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn a_statement_underlined_across_with_notes_under_rows() {
        let t = "Datum        Protistrana          VS           Castka\n\
                 -----------------------------------------------------\n\
                 01.02.2024   Tereza Pokorna       1672204353   -23221,77\n\
                 \x20            Zprava: najem unor, 601 444 052\n\
                 01.02.2024   Petr Svoboda         8296394973   -14209,23\n\n";
        let got = named(t);
        let people: Vec<&str> = got
            .iter()
            .filter(|(c, _)| c == "protistrana")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(people, ["Tereza Pokorna", "Petr Svoboda"]);
    }

    #[test]
    fn prose_rules_and_misfits_are_no_table() {
        assert!(named("Hello there.  How are you?\nFine, thanks.\n").is_empty());
        // A header over a rule: fixed-width.
        assert!(named("name   dob\n-----  -----\nAnn    1980\n").is_empty());
        // Rows that do not fit end the table.
        assert!(named("name  email\nAnn Lee  a@b.c  x  y\n").is_empty());
        for t in ["a  b\n", "  \n  \n", "a  b\n\u{e9}  \u{e9}\n", "a  b \\\n1  2  3\n"] {
            let _ = named(t);
        }
    }

    proptest::proptest! {
        /// Any text: cells lie in it, on character boundaries, never empty.
        #[test]
        fn any_text(parts in proptest::collection::vec(proptest::sample::select(vec![
            "name", "email", "  ", " ", "\t", "\n", "Ann Lee", "0", "12", "---", "\u{e9}", "\\", "a@b.c", "[2 rows]",
        ]), 0..60)) {
            let t = parts.concat();
            let mut out = Vec::new();
            tables(t.as_bytes(), &mut out);
            for c in out {
                proptest::prop_assert!(c.start < c.end && c.end <= t.len());
                proptest::prop_assert!(t.is_char_boundary(c.start) && t.is_char_boundary(c.end));
            }
        }
    }
}
