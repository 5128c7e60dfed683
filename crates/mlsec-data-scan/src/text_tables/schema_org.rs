//! People described with schema.org's vocabulary in a web page, as staff
//! directories, author pages and contact pages mark them up for search
//! engines: HTML microdata inside an `itemtype` of `Person`
//! (`<h3 itemprop="name">Ярема Карпа</h3>`, `<meta itemprop="birthDate"
//! content="1984-02-11">`) and JSON-LD objects of `"@type": "Person"`
//! (`{"@type": "Person", "name": "Mert Öztürk", "telephone": ...}`). Their
//! properties are named as a CSV column that holds them would be.

use super::Cell;

/// The longest value read as a cell.
const MAX_VALUE: usize = 256;

/// How far back an `itemtype` is looked for, and how far a JSON-LD
/// object's properties after its `@type`.
const SCOPE: usize = 4096;

/// The properties read, and the columns they are read under.
const PROPERTIES: [(&[u8], &str); 8] = [
    (b"name", "full_name"),
    (b"givenName", "given_name"),
    (b"familyName", "family_name"),
    (b"additionalName", "middle_name"),
    (b"birthDate", "birth_date"),
    (b"telephone", "phone"),
    (b"email", "email"),
    (b"streetAddress", "street_address"),
];

/// Whether `t` may hold schema.org markup of people (a search before any
/// parse).
pub(super) fn holds_people(t: &[u8]) -> bool {
    memchr::memmem::find(t, b"Person").is_some()
        && (memchr::memmem::find(t, b"itemprop=").is_some() || memchr::memmem::find(t, b"\"@type\"").is_some())
}

/// The column a property is read under.
fn column(property: &[u8]) -> Option<&'static str> {
    PROPERTIES.iter().find(|(p, _)| *p == property).map(|&(_, c)| c)
}

/// The span of the quoted value that starts at `at` (its opening quote),
/// without the quotes.
fn quoted(t: &[u8], at: usize) -> Option<(usize, usize)> {
    let q = *t.get(at).filter(|&&q| q == b'"' || q == b'\'')?;
    let mut i = at + 1;
    while i < t.len().min(at + 1 + MAX_VALUE) {
        match t[i] {
            b'\\' => i += 2,
            b if b == q => return Some((at + 1, i)),
            b'\n' => return None,
            _ => i += 1,
        }
    }
    None
}

/// The people's values of the microdata and JSON-LD in `t`, added to
/// `out`.
pub(super) fn people(t: &[u8], out: &mut Vec<Cell>) {
    let table: std::rc::Rc<str> = std::rc::Rc::from("");
    microdata(t, &table, out);
    json_ld(t, &table, out);
}

/// Microdata: each `itemprop` of [`PROPERTIES`] whose nearest `itemtype`
/// before it is a `Person` (a `PostalAddress` for `streetAddress`); its
/// `content` attribute, or the element's text.
fn microdata(t: &[u8], table: &std::rc::Rc<str>, out: &mut Vec<Cell>) {
    for at in memchr::memmem::find_iter(t, b"itemprop=") {
        let Some((ps, pe)) = quoted(t, at + 9) else { continue };
        let Some(column) = column(&t[ps..pe]) else { continue };
        let scope = &t[at.saturating_sub(SCOPE)..at];
        let Some(ty) = memchr::memmem::rfind(scope, b"itemtype=") else {
            continue;
        };
        let ty = &scope[ty..];
        let ty = &ty[..ty.iter().position(|&b| b == b'>').unwrap_or(ty.len())];
        let wanted: &[u8] = if column == "street_address" {
            b"PostalAddress"
        } else {
            b"Person"
        };
        if memchr::memmem::find(ty, wanted).is_none() {
            continue;
        }
        let Some(end) = memchr::memchr(b'>', &t[pe..]).map(|e| pe + e) else {
            continue;
        };
        let tag = &t[pe..end];
        let (a, b) = match memchr::memmem::find(tag, b"content=").and_then(|c| quoted(t, pe + c + 8)) {
            Some(span) => span,
            None if tag.ends_with(b"/") => continue,
            None => {
                let text_end = memchr::memchr(b'<', &t[end + 1..]).map_or(t.len(), |e| end + 1 + e);
                (end + 1, text_end)
            }
        };
        out.extend(super::trimmed_cell(t, a, b, column, table, MAX_VALUE));
    }
}

/// JSON-LD: the properties of each object of `"@type": "Person"`, from its
/// `{` to its `}` (not into objects inside it).
fn json_ld(t: &[u8], table: &std::rc::Rc<str>, out: &mut Vec<Cell>) {
    for at in memchr::memmem::find_iter(t, b"\"@type\"") {
        let after = &t[at + 7..t.len().min(at + 40)];
        let value = after
            .trim_ascii_start()
            .strip_prefix(b":")
            .map(<[u8]>::trim_ascii_start);
        if !value.is_some_and(|v| v.starts_with(b"\"Person\"")) {
            continue;
        }
        let from = at.saturating_sub(SCOPE);
        let Some(open) = memchr::memrchr(b'{', &t[from..at]).map(|o| from + o) else {
            continue;
        };
        // The object's own properties: depth 1 from its `{`.
        let (mut depth, mut i) = (0usize, open);
        let end = t.len().min(open + 2 * SCOPE);
        while i < end {
            match t[i] {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                b'"' => {
                    let Some((ks, ke)) = quoted(t, i) else { break };
                    i = ke + 1;
                    let rest = t[i..end].trim_ascii_start();
                    let colon = rest.first() == Some(&b':');
                    if depth == 1 && colon {
                        if let Some(column) = column(&t[ks..ke]) {
                            let v = end - rest[1..].trim_ascii_start().len();
                            if let Some((a, b)) = quoted(t, v) {
                                out.extend(super::trimmed_cell(t, a, b, column, table, MAX_VALUE));
                                i = b + 1;
                            }
                        }
                    }
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        people(t.as_bytes(), &mut out);
        out.into_iter()
            .map(|c| (c.column, t[c.start..c.end].to_owned()))
            .collect()
    }

    #[test]
    fn microdata_and_json_ld_people_are_read() {
        let html = "<div itemscope itemtype=\"https://schema.org/Person\">\n<img alt=\"x\">\n<h3 itemprop=\"name\">Ярема Карпа</h3>\n\
                    <p itemprop=\"jobTitle\">Професор</p><meta itemprop=\"birthDate\" content=\"1984-02-11\">\n\
                    <div itemprop=\"address\" itemscope itemtype=\"https://schema.org/PostalAddress\"><span itemprop=\"streetAddress\">вул. Хрещатик, 1</span></div></div>\n\
                    <div itemscope itemtype=\"https://schema.org/Product\"><span itemprop=\"name\">Widget</span></div>";
        assert_eq!(
            named(html),
            [
                ("full_name", "Ярема Карпа"),
                ("birth_date", "1984-02-11"),
                ("street_address", "вул. Хрещатик, 1")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let ld = "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"LegalService\", \"name\": \"Öztürk Hukuk\", \
                  \"founder\": {\"@type\": \"Person\", \"name\": \"Mert Öztürk\", \"worksFor\": {\"name\": \"X\"}, \"telephone\": \"+90 212 555 01 02\"}}</script>";
        assert_eq!(
            named(ld),
            [("full_name", "Mert Öztürk"), ("phone", "+90 212 555 01 02")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_cells_inside_it(t in "(Person|itemtype=\"Person\"|itemprop=\"name\"|\"@type\": \"Person\"|\"name\": \"a\"|[{}<>\" a-z:]){0,24}") {
            let mut out = Vec::new();
            people(t.as_bytes(), &mut out);
            for c in out {
                proptest::prop_assert!(c.start < c.end && c.end <= t.len());
            }
        }
    }
}
