//! Tables inside text, their cells named by their columns, so that a cell
//! is read as a CSV cell under its column's name is (a name, a birth date,
//! an address, a credential):
//!
//! - SQL `INSERT` statements (a dump, a migration, a notebook's cell):
//!   `INSERT INTO users (id, full_name, dob) VALUES (1, 'Karen Miller',
//!   '1979-04-18'), (...);`. One with no column list (as `mysqldump`
//!   writes them) takes the columns of the table's `CREATE TABLE` earlier
//!   in the same text.
//! - PostgreSQL `COPY users (id, full_name) FROM stdin;` blocks, as
//!   `pg_dump` writes a table: tab-separated rows up to a `\.` line.
//! - Markdown tables (a header row, a `|---|` row, then rows) and HTML
//!   tables (a row of `<th>` cells, then rows of `<td>` cells).
//! - Fixed-width tables: a header, a rule of dashes, rows ([`fixed_width`]).
//! - Tables aligned with spaces, as pandas prints a DataFrame ([`aligned`]).
//! - XML elements and attributes, named by their element ([`xml`]).
//! - The personal properties of vCards and LDIF entries ([`properties`]).
//! - The personal fields of HL7 v2 messages (`PID`, `NK1`, ...: [`hl7`]).
//! - The other party of an MT940 bank statement's transactions ([`mt940`]).
//! - The payees of a Brazilian bank's CNAB 240 payment file ([`cnab240`]).
//! - The tokens tagged as persons in CoNLL named-entity data ([`conll`]).
//! - The people of DICOM header dumps (`dcmdump`, pydicom: [`dicom`]).
//!
//! The parse is a tolerant scan, not a SQL, Markdown or HTML parser:
//! quoted strings (`'...'` with `''` or `\'` inside), numbers, `NULL`,
//! calls (`NOW()`), bracketed or quoted names (`` `users` ``,
//! `"full_name"`, `[dob]`). What it cannot read it leaves, and bounds
//! every loop by the text. A table cut by a chunk's end is read as far as
//! the chunk goes; rows in a later chunk lose their header.

use std::collections::HashMap;

mod aligned;
mod cnab240;
mod conll;
mod dicom;
mod fixed_width;
mod gedcom;
mod hl7;
mod key_values;
mod mt940;
mod properties;
mod schema_org;

pub(crate) use properties::{ldif_base64_values, Base64Value};
mod xml;

/// A cell: its span in the text (a string's without its quotes), its
/// table's name (empty for a Markdown or HTML table) and its column's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    pub start: usize,
    pub end: usize,
    pub table: std::rc::Rc<str>,
    pub column: String,
    /// A Markdown or HTML table whose other columns say its rows are
    /// people (an e-mail, a phone, a birth date, an address column): its
    /// bare `Name` column is a person's.
    pub people: bool,
}

/// A person's cell of `t[a..b]` under `column`, the ASCII whitespace
/// around it left out (a fixed-position field's padding, a subfield's line
/// break); none if that leaves nothing or more than `max` bytes.
fn trimmed_cell(
    t: &[u8],
    mut a: usize,
    mut b: usize,
    column: &str,
    table: &std::rc::Rc<str>,
    max: usize,
) -> Option<Cell> {
    while a < b && t[a].is_ascii_whitespace() {
        a += 1;
    }
    while b > a && t[b - 1].is_ascii_whitespace() {
        b -= 1;
    }
    (a < b && b - a <= max).then(|| Cell {
        start: a,
        end: b,
        table: table.clone(),
        column: column.to_owned(),
        people: true,
    })
}

/// Whether a table's column names say its rows are people.
fn about_people(columns: &[String]) -> bool {
    const WORDS: [&str; 25] = [
        "email",
        "e-mail",
        "mail",
        "phone",
        "birth",
        "dob",
        "address",
        "ssn",
        "passport",
        // The same in German, French, Spanish, Italian, Portuguese, Dutch
        // (`Telefon`, `Geburtsdatum`, `Adresse`, `Dirección`), and an
        // account's IBAN.
        "telefon",
        "t\u{e9}l\u{e9}phone",
        "tel\u{e9}fono",
        "telefone",
        "telefoon",
        "geburt",
        "naissance",
        "nacimiento",
        "nascita",
        "nascimento",
        "adresse",
        "anschrift",
        "direcci",
        "indirizzo",
        "endere",
        "iban",
    ];
    columns.iter().any(|c| WORDS.iter().any(|w| c.contains(w)))
}

/// A Markdown or HTML table's header: its column names (lowercase), and
/// whether they say its rows are people, worked out once.
struct Header {
    columns: Vec<String>,
    people: bool,
}

impl Header {
    fn new(columns: Vec<String>) -> Self {
        let people = about_people(&columns);
        Self { columns, people }
    }

    /// The `i`-th cell of a row, at `a..b`, under its column (none past
    /// the last column, nor an empty one).
    fn cell(&self, i: usize, a: usize, b: usize, table: &std::rc::Rc<str>) -> Option<Cell> {
        let column = self.columns.get(i)?;
        (a < b).then(|| Cell {
            start: a,
            end: b,
            table: table.clone(),
            column: column.clone(),
            people: self.people,
        })
    }
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
        // White space may run to the end (a definition cut by a chunk's end).
        match *t.get(i)? {
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

/// What the text around a chunk says about the tables in it: the columns
/// of each `CREATE TABLE` in the text (an `INSERT` with no column list may
/// be megabytes after its table's), and the `COPY` blocks (a big table's
/// rows run on through many chunks after their header). Outlined once for
/// the text a scan holds, then asked for each chunk ([`Outline::at`]).
#[derive(Debug, Default)]
pub(crate) struct Outline {
    tables: HashMap<String, Vec<String>>,
    /// Each `COPY` block: where its rows start and end, its table, its
    /// columns, and whether its `\.` line is in the text.
    copies: Vec<(usize, usize, String, Vec<String>, bool)>,
}

/// What one piece of a streamed text hands the next: the tables seen, and
/// the `COPY` block still open at its end.
#[derive(Debug, Default, Clone)]
pub(crate) struct Carried {
    tables: HashMap<String, Vec<String>>,
    open_copy: Option<(String, Vec<String>)>,
}

impl Outline {
    /// The outline of `t`, which follows the text `carried` tells of.
    pub(crate) fn of(t: &[u8], carried: &Carried) -> Self {
        let mut tables = if has_word(t, b"create") {
            tables(t)
        } else {
            HashMap::new()
        };
        for (k, v) in &carried.tables {
            tables.entry(k.clone()).or_insert_with(|| v.clone());
        }
        let mut copies = Vec::new();
        if let Some((table, columns)) = &carried.open_copy {
            let end = copy_end(t, 0);
            copies.push((0, end.unwrap_or(t.len()), table.clone(), columns.clone(), end.is_some()));
        }
        for at in memchr::memmem::find_iter(t, b"COPY ") {
            if let Some((table, columns, from)) = copy_header(t, at) {
                let end = copy_end(t, from);
                copies.push((from, end.unwrap_or(t.len()), table, columns, end.is_some()));
            }
        }
        Self { tables, copies }
    }

    /// What the text after `t[..used]` needs to know: the tables, and the
    /// `COPY` block open at `used`.
    pub(crate) fn carry(&self, used: usize) -> Carried {
        Carried {
            tables: self.tables.clone(),
            open_copy: self
                .copies
                .iter()
                .find(|c| c.0 <= used && (used < c.1 || !c.4))
                .map(|c| (c.2.clone(), c.3.clone())),
        }
    }

    /// The tables a chunk at `at..` of the outlined text knows of, and the
    /// `COPY` block it starts inside, if any.
    pub(crate) fn at(&self, at: usize) -> Context<'_> {
        Context {
            tables: Some(&self.tables),
            copy: self
                .copies
                .iter()
                .find(|c| c.0 <= at && at < c.1)
                .map(|c| (c.2.as_str(), c.3.as_slice())),
        }
    }
}

/// What a chunk knows from the text before it ([`Outline::at`]).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Context<'o> {
    tables: Option<&'o HashMap<String, Vec<String>>>,
    copy: Option<(&'o str, &'o [String])>,
}

/// The cells of every table in `t` with their columns, by start; `outer`
/// says what the text before `t` holds.
pub(crate) fn cells(t: &[u8], outer: Context<'_>) -> Vec<Cell> {
    let mut out = Vec::new();
    // Rows of a `COPY` block whose header is before the chunk.
    if let Some((table, columns)) = outer.copy {
        copy_rows(t, 0, table, columns, &mut out);
    }
    // Most text holds none: a search for each kind's mark before any parse.
    if has_word(t, b"insert") {
        let mut tables = if has_word(t, b"create") {
            tables(t)
        } else {
            HashMap::new()
        };
        for (k, v) in outer.tables.into_iter().flatten() {
            tables.entry(k.clone()).or_insert_with(|| v.clone());
        }
        let mut resume = 0;
        // The values of tables with no column names, over all their
        // statements (a dump may write one row a statement).
        let mut unnamed = Unnamed::default();
        for at in occurrences(t, b"insert") {
            if at < resume {
                continue;
            }
            if let Some(end) = insert(t, at, &tables, &mut out, &mut unnamed) {
                resume = end;
            }
        }
        for (table, (values, rows)) in unnamed {
            name_by_values(t, &values, rows, &table, &mut out);
        }
    }
    for at in memchr::memmem::find_iter(t, b"COPY ") {
        if let Some((table, columns, from)) = copy_header(t, at) {
            copy_rows(t, from, &table, &columns, &mut out);
        }
    }
    if memchr::memmem::find(t, b"---").is_some() && memchr::memchr(b'|', t).is_some() {
        markdown_tables(t, &mut out);
    }
    // `<table>`, `<TABLE>`, SpreadsheetML's `<Table>`.
    let capital = |tag: &[u8]| memchr::memmem::find(t, tag).is_some();
    if has_word(t, b"<table") || capital(b"<Table") {
        markup_tables(t, &HTML_TABLE, &mut out);
        if has_word(t, b"<row") || capital(b"<Row") {
            markup_tables(t, &SPREADSHEET_ML, &mut out);
        }
    }
    // XML elements and attributes (after the tables: a table's cell keeps
    // its column where both name one).
    if memchr::memmem::find(t, b"</").is_some() || memchr::memmem::find(t, b"/>").is_some() {
        xml::elements(t, &mut out);
    }
    if memchr::memmem::find(t, b"--").is_some() || memchr::memmem::find(t, b"==").is_some() {
        fixed_width::tables(t, &mut out);
    }
    if memchr::memmem::find(t, b"  ").is_some() {
        aligned::tables(t, &mut out);
    }
    properties::properties(t, &mut out);
    // The fields of query strings and form bodies, escaped.
    if memchr::memchr(b'&', t).is_some() {
        let empty: std::rc::Rc<str> = std::rc::Rc::from("");
        for (key, start, end) in crate::url_encoded::form_fields(t) {
            out.push(Cell {
                start,
                end,
                table: empty.clone(),
                column: key.to_owned(),
                people: false,
            });
        }
    }
    if hl7::holds_hl7(t) {
        hl7::messages(t, &mut out);
    }
    if mt940::holds_statement(t) {
        mt940::statements(t, &mut out);
    }
    if cnab240::holds_cnab240(t) {
        cnab240::records(t, &mut out);
    }
    if conll::holds_conll(t) {
        conll::tagged_tokens(t, &mut out);
    }
    if key_values::holds_objects(t) {
        key_values::objects(t, &mut out);
    }
    if gedcom::holds_gedcom(t) {
        gedcom::people(t, &mut out);
    }
    if dicom::holds_dump(t) {
        dicom::elements(t, &mut out);
    }
    if schema_org::holds_people(t) {
        schema_org::people(t, &mut out);
    }
    out.sort_by_key(|c| c.start);
    out.dedup_by_key(|c| c.start);
    out
}

/// The lines of `t` from `at`: (start, end without its `\r\n`).
fn lines_from(t: &[u8], at: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut p = at;
    std::iter::from_fn(move || {
        if p >= t.len() {
            return None;
        }
        let e = memchr::memchr(b'\n', &t[p..]).map_or(t.len(), |i| p + i);
        let s = p;
        p = e + 1;
        let e = if e > s && t[e - 1] == b'\r' { e - 1 } else { e };
        Some((s, e))
    })
}

/// A `COPY table (columns) FROM stdin;` at `at` (a line's start): the
/// table, its columns and where its rows start.
fn copy_header(t: &[u8], at: usize) -> Option<(String, Vec<String>, usize)> {
    if at > 0 && t[at - 1] != b'\n' {
        return None;
    }
    let (table, e) = name(t, space(t, at + 5))?;
    let (columns, e) = name_list(t, e)?;
    let e = keyword(t, space(t, e), b"from").and_then(|e| keyword(t, space(t, e), b"stdin"))?;
    let nl = memchr::memchr(b'\n', &t[e..])?;
    Some((table, columns, e + nl + 1))
}

/// Where the `\.` line that ends the rows of a `COPY` block from `from`
/// starts, if it is in the text.
fn copy_end(t: &[u8], from: usize) -> Option<usize> {
    lines_from(t, from).find(|&(s, e)| &t[s..e] == b"\\.").map(|(s, _)| s)
}

/// The rows of a `COPY` block from `from` (a line's start): tab-separated
/// fields, up to the `\.` line; `\N` is no value.
fn copy_rows(t: &[u8], from: usize, table: &str, columns: &[String], out: &mut Vec<Cell>) {
    let table: std::rc::Rc<str> = std::rc::Rc::from(table);
    let mut count = 0;
    for (s, e) in lines_from(t, from) {
        if &t[s..e] == b"\\." || count >= MAX_VALUES {
            break;
        }
        let mut f = s;
        for (i, sep) in (s..=e).filter(|&i| i == e || t[i] == b'\t').enumerate() {
            if let Some(name) = columns.get(i) {
                if f < sep && &t[f..sep] != b"\\N" {
                    out.push(Cell {
                        start: f,
                        end: sep,
                        table: table.clone(),
                        column: name.clone(),
                        people: false,
                    });
                    count += 1;
                }
            }
            f = sep + 1;
        }
    }
}

/// The cells of a Markdown table's row (`| a | b |`), trimmed, escaped
/// `\|` kept inside.
fn markdown_row(t: &[u8], s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    let line = &t[s..e];
    let lead = line.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let mut from = s + lead + usize::from(line.get(lead) == Some(&b'|'));
    let mut i = from;
    while i <= e {
        if i == e || (t[i] == b'|' && t[i - 1] != b'\\') {
            let (mut a, mut b) = (from, i);
            while a < b && t[a].is_ascii_whitespace() {
                a += 1;
            }
            while b > a && t[b - 1].is_ascii_whitespace() {
                b -= 1;
            }
            if !(i == e && from == e) {
                cells.push((a, b));
            }
            from = i + 1;
        }
        i += 1;
    }
    cells
}

/// Whether a Markdown row's cells are its table's delimiter row (`---`,
/// `:--:`).
fn delimiter_row(t: &[u8], cells: &[(usize, usize)]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|&(a, b)| {
            let c = &t[a..b];
            c.iter().filter(|&&x| x == b'-').count() >= 3 && c.iter().all(|x| matches!(x, b'-' | b':' | b' '))
        })
}

/// Whether a line is the rule a boxed table draws above and below its
/// header (`+----+------+` as the MySQL client prints, `-------` as SAP's
/// list output): dashes or `=`, with `+` or `|` between, nothing else.
fn box_rule(line: &[u8]) -> bool {
    let line = line.trim_ascii();
    line.iter().filter(|&&b| b == b'-' || b == b'=').count() >= 3
        && line
            .iter()
            .all(|b| matches!(b, b'-' | b'=' | b'+' | b'|' | b':' | b' '))
        && !line.contains(&b'|')
}

fn markdown_tables(t: &[u8], out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    let mut header: Option<Header> = None;
    let mut previous: Option<(usize, usize)> = None;
    // A piped row right after a boxed table's rule: its header if a rule
    // follows it too.
    let mut after_rule: Option<(usize, usize)> = None;
    let mut rule_before = false;
    for (s, e) in lines_from(t, 0) {
        if box_rule(&t[s..e]) {
            match after_rule.take() {
                Some((hs, he)) => {
                    let names: Vec<String> = markdown_row(t, hs, he)
                        .into_iter()
                        .map(|(a, b)| String::from_utf8_lossy(&t[a..b]).to_lowercase())
                        .collect();
                    header = Some(Header::new(names));
                }
                // The rule under the last row ends the table.
                None if previous.is_some() => header = None,
                None => {}
            }
            previous = None;
            rule_before = true;
            continue;
        }
        let piped = memchr::memchr(b'|', &t[s..e]).is_some();
        if !piped {
            header = None;
            previous = None;
            after_rule = None;
            rule_before = false;
            continue;
        }
        after_rule = (rule_before && header.is_none()).then_some((s, e));
        rule_before = false;
        let cells = markdown_row(t, s, e);
        if let Some(h) = &header {
            out.extend(
                cells
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &(a, b))| h.cell(i, a, b, &empty)),
            );
        } else if delimiter_row(t, &cells) {
            if let Some((ps, pe)) = previous {
                let names: Vec<String> = markdown_row(t, ps, pe)
                    .into_iter()
                    .map(|(a, b)| String::from_utf8_lossy(&t[a..b]).to_lowercase())
                    .collect();
                if names.len() == cells.len() {
                    header = Some(Header::new(names));
                }
            }
        }
        previous = Some((s, e));
    }
}

/// The text inside the element that starts at `at` (`<th ...>text</th>`,
/// `close` the start of its end tag: `</th`): its span, trimmed, and where
/// the element ends. Tags around the whole text are no part of it
/// (`<td><a href="..."><b>Ann Lee</b></a></td>`, `<td>Ann Lee<br></td>`);
/// `None` if the text has a tag inside it (`Ann <i>Lee</i>`).
fn element_text(t: &[u8], at: usize, close: &[u8]) -> Option<(usize, usize, usize)> {
    let open_end = at + memchr::memchr(b'>', &t[at..])? + 1;
    let close_at = next_tag(t, open_end, t.len(), close)?;
    let after = close_at + memchr::memchr(b'>', &t[close_at..])? + 1;
    let (mut a, mut b) = (open_end, close_at);
    loop {
        while a < b && t[a].is_ascii_whitespace() {
            a += 1;
        }
        while b > a && t[b - 1].is_ascii_whitespace() {
            b -= 1;
        }
        if a < b && t[a] == b'<' {
            // A tag before the text (its `>` inside the element).
            a += memchr::memchr(b'>', &t[a..b])? + 1;
        } else if b > a && t[b - 1] == b'>' {
            // A tag after it.
            b = a + memchr::memrchr(b'<', &t[a..b])?;
        } else {
            break;
        }
    }
    memchr::memchr2(b'<', b'>', &t[a..b]).is_none().then_some((a, b, after))
}

/// Where `tag` (`<tr`, lowercase) next starts in `t[from..to]`, any case,
/// as a tag (followed by `>`, a space, or the `/` of `<Cell/>`).
fn next_tag(t: &[u8], from: usize, to: usize, tag: &[u8]) -> Option<usize> {
    let mut p = from;
    while p < to {
        let i = p + memchr::memchr(b'<', &t[p..to])?;
        let after = t.get(i + tag.len());
        if t.len() >= i + tag.len()
            && t[i..i + tag.len()].eq_ignore_ascii_case(tag)
            && matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'))
        {
            return Some(i);
        }
        p = i + 1;
    }
    None
}

/// The tags of a markup table's rows and cells (lowercase; matched in any
/// case), and of its header cells if it has its own.
struct TableTags {
    row: &'static [u8],
    cell: &'static [u8],
    cell_end: &'static [u8],
    head: Option<(&'static [u8], &'static [u8])>,
}

/// HTML's tables: `<tr>`, `<td>`, and `<th>` for the header.
const HTML_TABLE: TableTags = TableTags {
    row: b"<tr",
    cell: b"<td",
    cell_end: b"</td",
    head: Some((b"<th", b"</th")),
};

/// SpreadsheetML's (Excel 2003's XML workbook): `<Row>`, `<Cell>` with the
/// value in a `<Data>` inside it, a cell's column given by `ss:Index`
/// where cells before it are left out.
const SPREADSHEET_ML: TableTags = TableTags {
    row: b"<row",
    cell: b"<cell",
    cell_end: b"</cell",
    head: None,
};

/// Whether a row of plain cells is a table's header (an Excel sheet saved
/// as HTML or SpreadsheetML heads its columns with ordinary cells): short
/// names, no value among them, two or more of them (all, if fewer) naming
/// what the detector reads a column for.
fn plain_header(names: &[String]) -> bool {
    let named = names
        .iter()
        .filter(|n| crate::dataset::column_entity(n).is_some())
        .count();
    !names.is_empty()
        && names
            .iter()
            .all(|n| n.len() <= 64 && !n.bytes().any(|b| b == b'@') && n.bytes().filter(u8::is_ascii_digit).count() < 4)
        && named >= names.len().min(2)
}

/// The cell (as [`TableTags`] name it) that starts at `at`: its column if
/// the tag gives one (SpreadsheetML's `ss:Index="3"`, counted from 1), and
/// whether the tag closes itself (`<Cell/>`: an empty cell).
fn cell_tag(t: &[u8], at: usize) -> (Option<usize>, bool) {
    let Some(end) = memchr::memchr(b'>', &t[at..]).map(|e| at + e) else {
        return (None, true);
    };
    let tag = &t[at..end];
    let index = memchr::memmem::find(tag, b"ss:Index=\"").and_then(|i| {
        let digits = &tag[i + 10..];
        let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        std::str::from_utf8(&digits[..n])
            .ok()?
            .parse::<usize>()
            .ok()?
            .checked_sub(1)
    });
    (index, tag.ends_with(b"/"))
}

/// The cells of the markup tables (HTML's or SpreadsheetML's, as `tags`
/// say) in `t`, each under its column.
fn markup_tables(t: &[u8], tags: &TableTags, out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    let mut p = 0;
    while let Some(table) = next_tag(t, p, t.len(), b"<table") {
        let end = next_tag(t, table, t.len(), b"</table").unwrap_or(t.len());
        p = end.max(table + 1);
        let mut header: Option<Header> = None;
        let mut row = next_tag(t, table, end, tags.row);
        while let Some(r) = row {
            let next = next_tag(t, r + tags.row.len(), end, tags.row);
            let row_end = next.unwrap_or(end);
            // The row's cells: their spans, each with its column.
            let mut cells: Vec<(usize, usize, usize)> = Vec::new();
            let mut i = 0;
            if let (Some((th_tag, _)), Some(_)) = (tags.head, &header) {
                // A row's own header cells before its data (pandas writes
                // a DataFrame's index as `<th>0</th>`) take their columns.
                let first_td = next_tag(t, r, row_end, tags.cell).unwrap_or(row_end);
                let mut th = r;
                while let Some(at) = next_tag(t, th, first_td, th_tag) {
                    i += 1;
                    th = at + th_tag.len();
                }
            }
            let mut q = r;
            while let Some(td) = next_tag(t, q, row_end, tags.cell) {
                let (index, closed) = cell_tag(t, td);
                if let Some(k) = index.filter(|&k| k >= i && k < MAX_COLUMNS) {
                    i = k;
                }
                q = td + tags.cell.len();
                if !closed {
                    if let Some((a, b, after)) = element_text(t, td, tags.cell_end) {
                        cells.push((i, a, b));
                        q = after;
                    }
                }
                i += 1;
            }
            if let Some(h) = &header {
                out.extend(cells.iter().filter_map(|&(i, a, b)| h.cell(i, a, b, &empty)));
            } else {
                let mut columns = Vec::new();
                if let Some((th_tag, th_end)) = tags.head {
                    let mut q = r;
                    while let Some((a, b, after)) =
                        next_tag(t, q, row_end, th_tag).and_then(|th| element_text(t, th, th_end))
                    {
                        columns.push(String::from_utf8_lossy(&t[a..b]).to_lowercase());
                        q = after;
                    }
                }
                if columns.is_empty() && cells.first().is_some_and(|c| c.0 == 0) {
                    let names: Vec<String> = cells
                        .iter()
                        .map(|&(_, a, b)| String::from_utf8_lossy(&t[a..b]).to_lowercase())
                        .collect();
                    if cells.iter().enumerate().all(|(k, c)| c.0 == k) && plain_header(&names) {
                        columns = names;
                    }
                }
                if !columns.is_empty() {
                    header = Some(Header::new(columns));
                }
            }
            row = next;
        }
    }
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
/// The values of each table whose `INSERT`s name no columns (`(row,
/// column, start, end)`, rows counted over its statements), and its rows.
type Unnamed = HashMap<std::rc::Rc<str>, (Vec<(usize, usize, usize, usize)>, usize)>;

fn insert(
    t: &[u8],
    at: usize,
    tables: &HashMap<String, Vec<String>>,
    out: &mut Vec<Cell>,
    unnamed_tables: &mut Unnamed,
) -> Option<usize> {
    let mut i = space(t, keyword(t, at, b"insert")?);
    if let Some(e) = keyword(t, i, b"ignore") {
        i = space(t, e);
    }
    // (SQL Server's scripts leave `INTO` out: `INSERT [dbo].[Contacts]`.)
    if let Some(e) = keyword(t, i, b"into") {
        i = space(t, e);
    }
    let (table, e) = name(t, i)?;
    let table_name: std::rc::Rc<str> = std::rc::Rc::from(table.as_str());
    // With no column list and no `CREATE TABLE` before it, the columns
    // are named by what their values say they hold (`crate::headerless`).
    let (columns, e) = match name_list(t, e) {
        Some((c, e)) => (c, e),
        None => (tables.get(&table).cloned().unwrap_or_default(), e),
    };
    let named = !columns.is_empty();
    i = space(t, e);
    i = space(t, keyword(t, i, b"values")?);
    // The values of such columns, with those of the table's statements
    // before.
    // (A table whose columns are named keeps no entry.)
    let mut no_names = (!named).then(|| unnamed_tables.entry(table_name.clone()).or_default());
    let mut row = no_names.as_ref().map_or(0, |(_, rows)| *rows);
    let mut count = 0;

    let end = 'rows: loop {
        if t.get(i) != Some(&b'(') {
            break 'rows i;
        }
        i += 1;
        let mut column = 0;
        loop {
            i = space(t, i);
            // A national string (SQL Server's `N'...'`) is a string.
            if matches!(t.get(i), Some(b'N' | b'n')) && t.get(i + 1) == Some(&b'\'') {
                i += 1;
            }
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
                    // A conversion's string is the value (`CAST(N'1969-12-26'
                    // AS Date)`, Oracle's `TO_DATE('1980-01-01',
                    // 'YYYY-MM-DD')`).
                    match converted_string(t, i, e) {
                        Some((a, b)) => (a, b, j),
                        None => (i, e, j),
                    }
                }
            };
            if let Some(name) = columns.get(column) {
                if s < e && count < MAX_VALUES {
                    out.push(Cell {
                        start: s,
                        end: e,
                        table: table_name.clone(),
                        column: name.clone(),
                        people: false,
                    });
                    count += 1;
                }
            } else if let Some((unnamed, _)) = no_names.as_mut().filter(|(u, _)| s < e && u.len() < MAX_VALUES) {
                if column < MAX_GUESSED_COLUMNS {
                    unnamed.push((row, column, s, e));
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
                _ => break 'rows i,
            }
        }
        row += 1;
        i = space(t, i);
        if t.get(i) == Some(&b',') {
            i = space(t, i + 1);
        } else {
            break 'rows i;
        }
    };
    if let Some((_, rows)) = no_names {
        *rows = row;
    }
    Some(end)
}

/// The most columns of an `INSERT` with no names whose values are read
/// to name them.
const MAX_GUESSED_COLUMNS: usize = 64;

/// The values of a table's unnamed columns in its `INSERT`s (`(row,
/// column, start, end)`), added to `out` under what their columns' values
/// say they hold (`column 2 full_name`), read from the first 200 rows; a
/// column whose values say nothing adds none.
fn name_by_values(
    t: &[u8],
    unnamed: &[(usize, usize, usize, usize)],
    rows: usize,
    table: &std::rc::Rc<str>,
    out: &mut Vec<Cell>,
) {
    const SAMPLE_ROWS: usize = 200;
    let width = unnamed.iter().map(|v| v.1 + 1).max().unwrap_or(0);
    let mut cells: Vec<Vec<(usize, &[u8])>> = vec![Vec::new(); width];
    // (`NULL` is no value: a sparse column of phones is one of phones.)
    for &(r, c, s, e) in unnamed.iter().filter(|v| v.0 < SAMPLE_ROWS) {
        if !t[s..e].eq_ignore_ascii_case(b"null") {
            cells[c].push((r, &t[s..e]));
        }
    }
    let guessed = crate::headerless::column_guesses(&cells, rows.min(SAMPLE_ROWS));
    for &(_, c, s, e) in unnamed {
        if let Some(g) = guessed[c] {
            out.push(Cell {
                start: s,
                end: e,
                table: table.clone(),
                column: format!("column {} {g}", c + 1),
                people: false,
            });
        }
    }
}

/// The span of the string a conversion call at `t[i..e]` converts
/// (`CAST(N'1969-12-26' AS Date)`, `CONVERT(date, '1980-01-02')`,
/// `TO_DATE('1980-01-01', 'YYYY-MM-DD')`, `DATE '1980-01-01'`): its first
/// string, inside its quotes.
fn converted_string(t: &[u8], i: usize, e: usize) -> Option<(usize, usize)> {
    let call = &t[i..e];
    let open = call.iter().position(|&b| b == b'(' || b == b' ' || b == b'\'')?;
    let word = String::from_utf8_lossy(&call[..open]).to_ascii_lowercase();
    if !matches!(
        word.as_str(),
        "cast"
            | "convert"
            | "try_cast"
            | "try_convert"
            | "to_date"
            | "to_timestamp"
            | "date"
            | "timestamp"
            | "str_to_date"
    ) {
        return None;
    }
    let q = i + memchr::memchr(b'\'', call)?;
    let end = string_end(&t[..e], q, b'\'')?;
    (end - 1 > q + 1).then_some((q + 1, end - 1))
}

/// The cells a reader of this module's finds in `t`, as (column, text).
#[cfg(test)]
fn named_by(read: fn(&[u8], &mut Vec<Cell>), t: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    read(t.as_bytes(), &mut out);
    out.into_iter()
        .map(|c| (c.column, t[c.start..c.end].to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str) -> Vec<(String, String)> {
        cells(t.as_bytes(), Context::default())
            .into_iter()
            .map(|v| (v.column, t[v.start..v.end].to_owned()))
            .collect()
    }

    #[test]
    fn sql_servers_and_oracles_inserts_are_read() {
        let t = "INSERT [dbo].[Contacts] ([ContactId], [FullName], [BirthDate], [Phone]) VALUES (1, N'Yossi Biton', CAST(N'1969-12-26' AS Date), N'052-253-3351')\r\nGO\r\n\
                 Insert into HR.EMP (NAME,DOB) values ('Ana Vera',to_date('12-MAR-80','DD-MON-RR'));";
        assert_eq!(
            named(t),
            [
                ("contactid", "1"),
                ("fullname", "Yossi Biton"),
                ("birthdate", "1969-12-26"),
                ("phone", "052-253-3351"),
                ("name", "Ana Vera"),
                ("dob", "12-MAR-80"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
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
    fn an_insert_with_no_columns_anywhere_names_them_by_their_values() {
        let t = "INSERT INTO t VALUES\n  (1, 'Steven', 'Sampson', '+13125071277', 'steven.sampson@gmail.com', '1969-07-10', 'Graves LLC'),\n  \
                 (2, 'Derek', 'John', '07793 024333', 'derek-john@btinternet.com', '2000-01-08', 'Hart-Taylor'),\n  \
                 (3, 'Ana', 'Lima', '+351 912 345 678', 'alima@sapo.pt', '1951-12-12', 'Acme'),\n  \
                 (4, 'Rui', 'Costa', '+351 913 345 678', 'rui.costa@sapo.pt', '1985-02-03', 'Acme');";
        let got = named(t);
        let of = |c: &str| {
            got.iter()
                .filter(|(n, _)| n == c)
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(of("column 2 first_or_last_name"), ["Steven", "Derek", "Ana", "Rui"]);
        assert_eq!(of("column 3 first_or_last_name"), ["Sampson", "John", "Lima", "Costa"]);
        assert_eq!(of("column 6 birth_date").len(), 4);
        // Columns whose values say nothing add no values.
        assert!(got.iter().all(|(n, _)| n.contains(' ') && n.split(' ').count() == 3));
        // One row says nothing; one row a statement is read as the table.
        assert!(named("INSERT INTO t VALUES (1, 'Steven', 'Sampson', 'steven.sampson@gmail.com');").is_empty());
        let one_a_statement = t.replace("),\n  ", ");\nINSERT INTO t VALUES ");
        assert_eq!(named(&one_a_statement), got);
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
    fn sheets_saved_as_html_or_spreadsheetml_name_cells_by_their_first_row() {
        let html = "<table><tr><td>Nume \u{219}i prenume</td><td>CNP</td><td class=xl66>Data na\u{219}terii</td></tr>\n\
                    <tr><td>Lucia Popescu</td><td class=xl65>1800101221144</td><td align=right>26.11.1967</td></tr></table>";
        let want = [
            ("nume \u{219}i prenume", "Lucia Popescu"),
            ("cnp", "1800101221144"),
            ("data na\u{219}terii", "26.11.1967"),
        ];
        assert_eq!(named(html), want.map(|(a, b)| (a.to_owned(), b.to_owned())));
        let xml = "<Workbook><Worksheet ss:Name=\"Sheet1\"><Table>\n<Row><Cell><Data ss:Type=\"String\">\u{418}\u{43c}\u{44f}</Data></Cell>\
                   <Cell><Data ss:Type=\"String\">Adresa</Data></Cell><Cell><Data ss:Type=\"String\">Telefon</Data></Cell></Row>\n\
                   <Row><Cell><Data ss:Type=\"String\">Ivan Petrov</Data></Cell><Cell/><Cell><Data ss:Type=\"String\">+359 88 123 4567</Data></Cell></Row>\n\
                   <Row><Cell ss:Index=\"2\"><Data ss:Type=\"String\">ul. Vitosha 12, Sofia</Data></Cell></Row></Table></Worksheet></Workbook>";
        let got: Vec<(String, String)> = named(xml).into_iter().filter(|(c, _)| !c.contains('.')).collect();
        let want = [
            ("\u{438}\u{43c}\u{44f}", "Ivan Petrov"),
            ("telefon", "+359 88 123 4567"),
            ("adresa", "ul. Vitosha 12, Sofia"),
        ];
        assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
        // A first row of values is no header: its table names nothing.
        let data =
            "<table><tr><td>Lucia Popescu</td><td>1800101221144</td></tr><tr><td>Ion Ion</td><td>x</td></tr></table>";
        assert!(named(data).is_empty());
    }

    #[test]
    fn a_table_definition_cut_after_a_comma_is_no_panic() {
        for t in [
            "CREATE TABLE t (\n\t\"id\"\tINTEGER,\n",
            "CREATE TABLE t (id int, ",
            "CREATE TABLE t (",
        ] {
            assert!(named(t).is_empty(), "{t}");
            let _ = tables(t.as_bytes());
        }
    }

    #[test]
    fn copy_blocks_markdown_and_html_tables_name_their_cells() {
        let copy = "COPY public.users (id, full_name, dob) FROM stdin;\n1\tAnn Lee\t1980-01-02\n2\t\\N\t1975-03-04\n\\.\n3\tnot a row\n";
        assert_eq!(
            named(copy),
            [
                ("id", "1"),
                ("full_name", "Ann Lee"),
                ("dob", "1980-01-02"),
                ("id", "2"),
                ("dob", "1975-03-04")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let md = "Intro | text\n\n| Name | Date of birth |\n|:-----|------:|\n| Ann Lee | 1980-01-02 |\n| Bo \\| Li | |\n\nafter\n";
        assert_eq!(
            named(md),
            [
                ("name", "Ann Lee"),
                ("date of birth", "1980-01-02"),
                ("name", "Bo \\| Li")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        // Boxed tables: the MySQL client's, SAP's list output.
        let mysql = "mysql> select * from users;\n+----+---------+------------+\n| id | name    | dob        |\n\
                     +----+---------+------------+\n|  1 | Ann Lee | 1980-01-02 |\n+----+---------+------------+\n1 row in set\n";
        assert_eq!(
            named(mysql),
            [("id", "1"), ("name", "Ann Lee"), ("dob", "1980-01-02")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let sap = "Dynamische Listenausgabe\n-----------------------\n|Name 1     |Stra\u{df}e     |\n\
                   -----------------------\n|Rufina Go\u{f1}i|Calle Mayor 1|\n";
        assert_eq!(
            named(sap),
            [("name 1", "Rufina Go\u{f1}i"), ("stra\u{df}e", "Calle Mayor 1")]
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let html = "<table><tr><th>Name</th><TH class=x>DOB</TH></tr>\n<tr><td> Ann Lee </td><td>1980-01-02</td></tr><tr><td>x <b>y</b></td><td>1975-03-04</td></tr></table>";
        assert_eq!(
            named(html),
            [("name", "Ann Lee"), ("dob", "1980-01-02"), ("dob", "1975-03-04")]
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        // Tags around a cell's whole text, in a header or a row, are no
        // part of it; one inside it, or a cell with no text, gives none.
        let html = concat!(
            "<table><thead><tr><th><b>Full name</b></th><th scope=\"col\"><span>E-mail</span></th><th>Note</th></tr></thead>\n",
            "<tbody><tr><td><a href=\"/u/1\"><b> Ann Lee </b></a></td><td><a href=\"mailto:ann@example.org\">ann@example.org</a><br/></td>",
            "<td><img src=\"x.png\"></td></tr></tbody></table>"
        );
        assert_eq!(
            named(html),
            [("full name", "Ann Lee"), ("e-mail", "ann@example.org")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        // pandas' `to_html`: an empty header over the index, each row's
        // index in a `<th>`.
        let html = concat!(
            "<table border=\"1\" class=\"dataframe\">\n  <thead>\n    <tr style=\"text-align: right;\">\n      <th></th>\n",
            "      <th>name</th>\n      <th>dob</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <th>0</th>\n",
            "      <td>Ann Lee</td>\n      <td>1980-01-02</td>\n    </tr>\n  </tbody>\n</table>"
        );
        assert_eq!(
            named(html),
            [("name", "Ann Lee"), ("dob", "1980-01-02")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn a_chunk_knows_the_tables_and_the_copy_block_of_the_text_before_it() {
        let text = concat!(
            "CREATE TABLE users (id int, full_name text);\n",
            "COPY public.people (id, full_name) FROM stdin;\n1\tAnn Lee\n2\tBo Li\n\\.\n",
            "INSERT INTO users VALUES (3, 'Cy Young');\n",
        );
        let outline = Outline::of(text.as_bytes(), &Carried::default());
        let chunk_at = |at: usize| -> Vec<(String, String)> {
            let t = &text[at..];
            cells(t.as_bytes(), outline.at(at))
                .into_iter()
                .map(|c| (c.column, t[c.start..c.end].to_owned()))
                .collect()
        };
        // A chunk starting at the COPY block's second row, and one at the INSERT.
        let second_row = text.find("2\tBo").unwrap();
        assert_eq!(
            chunk_at(second_row),
            [
                ("id", "2"),
                ("full_name", "Bo Li"),
                ("id", "3"),
                ("full_name", "Cy Young")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let insert = text.find("INSERT").unwrap();
        assert_eq!(
            chunk_at(insert),
            [("id", "3"), ("full_name", "Cy Young")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        // Without the outline, the row and the INSERT have no columns.
        assert!(cells(&text.as_bytes()[second_row..], Context::default()).is_empty());
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
            "a", "1", " ", "CREATE TABLE ", "NULL", ".", ";", "\n", "COPY t (a) FROM stdin;\n", "\t", "\\.",
            "|", "---", "<table>", "<tr>", "<th>", "</th>", "<td>", "</td>", "</table>",
        ]), 0..60)) {
            let t = parts.concat();
            let v = cells(t.as_bytes(), Context::default());
            for w in v.windows(2) {
                proptest::prop_assert!(w[0].start < w[1].start);
            }
            for x in &v {
                proptest::prop_assert!(x.start < x.end && x.end <= t.len());
            }
        }
    }
}
