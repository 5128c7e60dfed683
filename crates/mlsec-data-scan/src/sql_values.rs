//! The values of SQL `INSERT` statements in text, named by their columns: a
//! database dump, a migration or a notebook's cell holds a table's rows as
//! `INSERT INTO users (id, full_name, dob) VALUES (1, 'Karen Miller',
//! '1979-04-18'), (...);`, and a value is read as a CSV cell under its
//! column's name is (a name, a birth date, an address, a credential). An
//! `INSERT` with no column list (as `mysqldump` writes them) takes the
//! columns of the table's `CREATE TABLE` earlier in the same text.
//!
//! The parse is a tolerant scan, not a SQL parser: quoted strings (`'...'`
//! with `''` or `\'` inside), numbers, `NULL`, calls (`NOW()`), bracketed
//! or quoted names (`` `users` ``, `"full_name"`, `[dob]`). What it cannot
//! read it leaves, and bounds every loop by the text.

use std::collections::HashMap;

/// A value of an `INSERT`: its span in the text (a string's without its
/// quotes), its table's and its column's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SqlValue {
    pub start: usize,
    pub end: usize,
    pub table: std::rc::Rc<str>,
    pub column: String,
}

/// The most columns a table is read with, and values per statement.
const MAX_COLUMNS: usize = 1024;
const MAX_VALUES: usize = 1 << 20;

fn space(t: &[u8], mut i: usize) -> usize {
    while i < t.len() && t[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn keyword(t: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    let end = i + word.len();
    (t.len() >= end
        && t[i..end].eq_ignore_ascii_case(word)
        && t.get(end).is_none_or(|b| !(b.is_ascii_alphanumeric() || *b == b'_')))
    .then_some(end)
}

/// A name (`users`, `` `users` ``, `"full name"`, `[dob]`, `public.users`)
/// at `i`: its last part, lowercase, and where it ends.
fn name(t: &[u8], i: usize) -> Option<(String, usize)> {
    let mut i = i;
    let mut last;
    loop {
        let (part, end) = match t.get(i)? {
            q @ (b'`' | b'"' | b'[') => {
                let close = if *q == b'[' { b']' } else { *q };
                let len = memchr::memchr(close, t.get(i + 1..)?)?;
                (&t[i + 1..i + 1 + len], i + len + 2)
            }
            b if b.is_ascii_alphabetic() || *b == b'_' => {
                let len = t[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$'))
                    .count();
                (&t[i..i + len], i + len)
            }
            _ => return None,
        };
        last = (String::from_utf8_lossy(part).to_lowercase(), end);
        if t.get(end) == Some(&b'.') {
            i = end + 1;
        } else {
            return Some(last);
        }
    }
}

/// A list of names in brackets at `i` (`(id, full_name, dob)`): the names
/// and where the list ends.
fn name_list(t: &[u8], i: usize) -> Option<(Vec<String>, usize)> {
    let mut i = space(t, i);
    if t.get(i) != Some(&b'(') {
        return None;
    }
    let mut names = Vec::new();
    loop {
        i = space(t, i + 1);
        let (n, end) = name(t, i)?;
        names.push(n);
        i = space(t, end);
        match t.get(i)? {
            b',' if names.len() < MAX_COLUMNS => {}
            b')' => return Some((names, i + 1)),
            _ => return None,
        }
    }
}

/// The columns of each `CREATE TABLE` in `t`, by table name.
fn tables(t: &[u8]) -> HashMap<String, Vec<String>> {
    let mut out = HashMap::new();
    for at in occurrences(t, b"create") {
        let Some(i) = keyword(t, at, b"create") else { continue };
        let mut i = space(t, i);
        if let Some(e) = keyword(t, i, b"temporary") {
            i = space(t, e);
        }
        let Some(e) = keyword(t, i, b"table") else { continue };
        i = space(t, e);
        if let Some(e) = keyword(t, i, b"if") {
            let e = keyword(t, space(t, e), b"not").and_then(|e| keyword(t, space(t, e), b"exists"));
            let Some(e) = e else { continue };
            i = space(t, e);
        }
        let Some((table, e)) = name(t, i) else { continue };
        if let Some(columns) = column_definitions(t, e) {
            out.insert(table, columns);
        }
    }
    out
}

/// The column names of a `CREATE TABLE`'s definitions at `i` (`(id int,
/// full_name varchar(100), PRIMARY KEY (id))`): the first name of each
/// definition at the top level that is not a constraint.
fn column_definitions(t: &[u8], i: usize) -> Option<Vec<String>> {
    let mut i = space(t, i);
    if t.get(i) != Some(&b'(') {
        return None;
    }
    let mut columns = Vec::new();
    let mut depth = 0usize;
    let mut start_of_definition = true;
    i += 1;
    while i < t.len() {
        if start_of_definition {
            i = space(t, i);
            start_of_definition = false;
            if let Some((n, e)) = name(t, i) {
                const NOT_COLUMNS: [&str; 9] = [
                    "primary",
                    "key",
                    "unique",
                    "constraint",
                    "index",
                    "foreign",
                    "check",
                    "fulltext",
                    "spatial",
                ];
                if !NOT_COLUMNS.contains(&n.as_str()) && columns.len() < MAX_COLUMNS {
                    columns.push(n);
                }
                i = e;
                continue;
            }
        }
        match t[i] {
            b'(' => depth += 1,
            b')' if depth == 0 => return Some(columns),
            b')' => depth -= 1,
            b',' if depth == 0 => start_of_definition = true,
            q @ (b'\'' | b'"' | b'`') => i = string_end(t, i, q)?.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where the string quoted by `q` that starts at `i` ends (after its
/// closing quote); a doubled quote or a backslash escape stays inside.
fn string_end(t: &[u8], i: usize, q: u8) -> Option<usize> {
    let mut j = i + 1;
    loop {
        let k = j + memchr::memchr2(q, b'\\', t.get(j..)?)?;
        // A backslash escape or a doubled quote stays inside.
        if t[k] == b'\\' || t.get(k + 1) == Some(&q) {
            j = k + 2;
        } else {
            return Some(k + 1);
        }
    }
}

/// Where `word` (lowercase ASCII) starts in `t`, any case, at a word start.
fn occurrences<'t>(t: &'t [u8], word: &'t [u8]) -> impl Iterator<Item = usize> + 't {
    let first = [word[0], word[0].to_ascii_uppercase()];
    memchr::memchr2_iter(first[0], first[1], t).filter(move |&i| {
        t.len() >= i + word.len()
            && t[i..i + word.len()].eq_ignore_ascii_case(word)
            && (i == 0 || !(t[i - 1].is_ascii_alphanumeric() || t[i - 1] == b'_'))
    })
}

/// The values of every `INSERT` in `t` with their columns, by start.
pub(crate) fn values(t: &[u8]) -> Vec<SqlValue> {
    let mut out = Vec::new();
    // Most text holds none: one search for the word before any parse.
    if !has_word(t, b"insert") {
        return out;
    }
    let tables = if has_word(t, b"create") {
        tables(t)
    } else {
        HashMap::new()
    };
    let mut resume = 0;
    for at in occurrences(t, b"insert") {
        if at < resume {
            continue;
        }
        if let Some(end) = insert(t, at, &tables, &mut out) {
            resume = end;
        }
    }
    out
}

/// Whether `word` (lowercase ASCII) is in `t` as SQL writes keywords:
/// lowercase, uppercase or capitalised (a vectorised search for each, not
/// a look at every `i` of the text).
fn has_word(t: &[u8], word: &[u8]) -> bool {
    let upper = word.to_ascii_uppercase();
    let mut capital = word.to_vec();
    capital[0] = capital[0].to_ascii_uppercase();
    [word, &upper[..], &capital[..]]
        .iter()
        .any(|w| memchr::memmem::find(t, w).is_some())
}

/// One `INSERT [IGNORE] INTO table [(columns)] VALUES (...), (...)` at
/// `at`: its values added to `out`; where it ends.
fn insert(t: &[u8], at: usize, tables: &HashMap<String, Vec<String>>, out: &mut Vec<SqlValue>) -> Option<usize> {
    let mut i = space(t, keyword(t, at, b"insert")?);
    if let Some(e) = keyword(t, i, b"ignore") {
        i = space(t, e);
    }
    i = space(t, keyword(t, i, b"into")?);
    let (table, e) = name(t, i)?;
    let table_name: std::rc::Rc<str> = std::rc::Rc::from(table.as_str());
    let (columns, e) = match name_list(t, e) {
        Some((c, e)) => (c, e),
        None => (tables.get(&table)?.clone(), e),
    };
    i = space(t, e);
    i = space(t, keyword(t, i, b"values")?);
    let mut count = 0;
    loop {
        if t.get(i) != Some(&b'(') {
            return Some(i);
        }
        i += 1;
        let mut column = 0;
        loop {
            i = space(t, i);
            let (s, e, next) = match *t.get(i)? {
                q @ (b'\'' | b'"') => {
                    let end = string_end(t, i, q)?;
                    (i + 1, end - 1, end)
                }
                _ => {
                    // A number, NULL, a call: to the next comma or bracket
                    // at its level.
                    let mut depth = 0usize;
                    let mut j = i;
                    while j < t.len() {
                        match t[j] {
                            b'(' => depth += 1,
                            b')' if depth == 0 => break,
                            b')' => depth -= 1,
                            b',' if depth == 0 => break,
                            q @ (b'\'' | b'"') => j = string_end(t, j, q)?.saturating_sub(1),
                            _ => {}
                        }
                        j += 1;
                    }
                    let mut e = j;
                    while e > i && t[e - 1].is_ascii_whitespace() {
                        e -= 1;
                    }
                    (i, e, j)
                }
            };
            if let Some(name) = columns.get(column) {
                if s < e && count < MAX_VALUES {
                    out.push(SqlValue {
                        start: s,
                        end: e,
                        table: table_name.clone(),
                        column: name.clone(),
                    });
                    count += 1;
                }
            }
            column += 1;
            i = space(t, next);
            match t.get(i)? {
                b',' => i += 1,
                b')' => {
                    i += 1;
                    break;
                }
                _ => return Some(i),
            }
        }
        i = space(t, i);
        if t.get(i) == Some(&b',') {
            i = space(t, i + 1);
        } else {
            return Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str) -> Vec<(String, String)> {
        values(t.as_bytes())
            .into_iter()
            .map(|v| (v.column, t[v.start..v.end].to_owned()))
            .collect()
    }

    #[test]
    fn values_are_named_by_the_statements_columns() {
        let t = "INSERT INTO public.users (id, `full_name`, \"dob\", [note]) VALUES (1, 'Karen Miller', '1979-04-18', 'it''s, ok'),\n  (2, 'Tomasz Nowak', NOW(), NULL);";
        assert_eq!(
            named(t),
            [
                ("id", "1"),
                ("full_name", "Karen Miller"),
                ("dob", "1979-04-18"),
                ("note", "it''s, ok"),
                ("id", "2"),
                ("full_name", "Tomasz Nowak"),
                ("dob", "NOW()"),
                ("note", "NULL"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn an_insert_without_columns_takes_its_tables() {
        let t = concat!(
            "CREATE TABLE IF NOT EXISTS `users` (\n  `id` int NOT NULL,\n  `email` varchar(100) DEFAULT 'x, y',\n",
            "  `dob` date,\n  PRIMARY KEY (`id`),\n  KEY `k` (`email`)\n) ENGINE=InnoDB;\n",
            "INSERT INTO `users` VALUES (1,'a@example.com','1980-01-02'),(2,'b\\'s@example.com',NULL);\n",
            "insert into other values (1, 'x');\n",
        );
        assert_eq!(
            named(t),
            [
                ("id", "1"),
                ("email", "a@example.com"),
                ("dob", "1980-01-02"),
                ("id", "2"),
                ("email", "b\\'s@example.com"),
                ("dob", "NULL"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn prose_and_broken_statements_give_nothing_or_what_was_read() {
        assert!(named("we insert into the table values of all kinds").is_empty());
        assert!(named("INSERT INTO t (a, b) VALUES ('x").is_empty());
        assert_eq!(
            named("INSERT INTO t (a) VALUES ('x'), ("),
            [("a".to_owned(), "x".to_owned())]
        );
    }

    proptest::proptest! {
        /// Any text: no panic, spans inside it and ascending.
        #[test]
        fn any_text_is_read_safely(parts in proptest::collection::vec(proptest::sample::select(vec![
            "INSERT ", "insert ", "INTO ", "t ", "VALUES ", "(", ")", ",", "'", "''", "\\", "\"", "`", "[", "]",
            "a", "1", " ", "CREATE TABLE ", "NULL", ".", ";", "\n",
        ]), 0..60)) {
            let t = parts.concat();
            let v = values(t.as_bytes());
            for w in v.windows(2) {
                proptest::prop_assert!(w[0].start < w[1].start);
            }
            for x in &v {
                proptest::prop_assert!(x.start < x.end && x.end <= t.len());
            }
        }
    }
}
