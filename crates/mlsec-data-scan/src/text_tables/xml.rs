//! The values of XML elements and attributes, named by their element as a
//! CSV cell is by its column: `<fechaNacimiento>1985-03-02</fechaNacimiento>`
//! under `cliente.fechaNacimiento`, `<person name="Ann Lee"/>` under
//! `person.name`, and a value named by its element's key (`<add
//! key="SmtpPassword" value="..."/>`, `<entry key="email">...</entry>`)
//! under that key, as a CRM's, an ERP's or a .NET configuration's export
//! writes them.
//!
//! A tolerant scan of tags, not an XML parser: each `<` is read once, a
//! tag that holds another `<` before its `>` is none, and the open
//! elements are kept on a bounded stack. HTML's own elements (`<p>`,
//! `<td>`, `<a href>`) name nothing: a page's text is read as text, and
//! its tables by [`super::html_tables`]. What the scan cannot read it
//! leaves; an element cut by a chunk's end loses its parent's name.

use super::Cell;

/// The longest value read as a cell: longer text is prose, read as text.
const MAX_VALUE: usize = 512;

/// The most open elements kept (the deepest are dropped).
const MAX_DEPTH: usize = 256;

/// The elements and attributes of HTML (and of the SVG and MathML a page
/// may hold) whose names say nothing of the values in them.
const HTML: &[&str] = &[
    "a",
    "abbr",
    "area",
    "article",
    "aside",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "path",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "g",
    "rect",
    "circle",
    "use",
    "math",
];

/// Attributes that name an element's value (`<add key="Password"
/// value="..."/>`, `<entry key="email">...</entry>`).
const KEY_ATTRIBUTES: &[&str] = &["key", "name", "property", "field"];

/// An element on the stack: its name (namespace prefix dropped), where its
/// text starts, whether a child element was met in it, and the name its
/// key attribute gives its text.
struct Open {
    name: String,
    text_start: usize,
    has_child: bool,
    keyed: Option<String>,
    /// A child `<system value="..."/>`'s value: the kind of the number in
    /// the `<value>` beside it (FHIR's `identifier`, `telecom`).
    system: Option<String>,
}

/// A tag's name at `i` (`[A-Za-z_][A-Za-z0-9_.:-]*`), and where it ends.
fn tag_name(t: &[u8], i: usize) -> Option<(&str, usize)> {
    let first = *t.get(i)?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let mut e = i + 1;
    while e < t.len() && (t[e].is_ascii_alphanumeric() || matches!(t[e], b'_' | b'.' | b':' | b'-')) && e - i < 128 {
        e += 1;
    }
    let name = std::str::from_utf8(&t[i..e]).ok()?;
    // `soap:Body` is a `Body`.
    Some((spelled_out(name.rsplit(':').next().unwrap_or(name)), e))
}

/// ISO 20022's abbreviated element names (SEPA payment files, bank
/// statements: `<Cdtr><Nm>`, `<PstlAdr><StrtNm>`), written out as the
/// column words they stand for; other names as they are.
fn spelled_out(name: &str) -> &str {
    match name {
        "Cdtr" | "UltmtCdtr" => "creditor",
        "Dbtr" | "UltmtDbtr" => "debtor",
        "Nm" => "name",
        "PstlAdr" => "postal_address",
        "StrtNm" => "street",
        "AdrLine" => "address_line",
        "PstCd" => "postcode",
        "BirthDt" => "birth_date",
        other => other,
    }
}

fn is_html(name: &str) -> bool {
    HTML.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// A key attribute's value that reads as a name (`SmtpPassword`,
/// `db.password`, `email`), not as prose.
fn key_like(v: &[u8]) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b':' | b' '))
        && v.iter().filter(|&&b| b == b' ').count() <= 3
}

/// The attributes in a tag's inside `t[from..to]`: name and value span
/// (without quotes), in order.
fn attributes(t: &[u8], from: usize, to: usize) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        while i < to && t[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some((name, e)) = tag_name(&t[..to], i) else {
            break;
        };
        let mut j = e;
        while j < to && t[j].is_ascii_whitespace() {
            j += 1;
        }
        if t.get(j) != Some(&b'=') || j >= to {
            // An attribute with no value (`<input disabled>`).
            i = e.max(i + 1);
            continue;
        }
        j += 1;
        while j < to && t[j].is_ascii_whitespace() {
            j += 1;
        }
        let Some(&q @ (b'"' | b'\'')) = t.get(j).filter(|_| j < to) else {
            break;
        };
        let Some(len) = memchr::memchr(q, &t[j + 1..to]) else {
            break;
        };
        out.push((name, j + 1, j + 1 + len));
        i = j + 2 + len;
    }
    out
}

/// The span of `t[a..b]` without the white space around it.
fn trimmed(t: &[u8], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && t[a].is_ascii_whitespace() {
        a += 1;
    }
    while b > a && t[b - 1].is_ascii_whitespace() {
        b -= 1;
    }
    (a, b)
}

/// A cell at `a..b` named `column`, its element's parent (if known) before
/// it: `customer.name`.
fn cell(a: usize, b: usize, parent: Option<&str>, column: &str, empty: &std::rc::Rc<str>) -> Cell {
    Cell {
        start: a,
        end: b,
        table: empty.clone(),
        column: match parent {
            Some(p) => format!("{p}.{column}"),
            None => column.to_owned(),
        },
        people: false,
    }
}

/// The named values of the XML elements in `t`, added to `out`.
pub(super) fn elements(t: &[u8], out: &mut Vec<Cell>) {
    let empty: std::rc::Rc<str> = std::rc::Rc::from("");
    let mut stack: Vec<Open> = Vec::new();
    let mut p = 0;
    while let Some(k) = memchr::memchr(b'<', &t[p..]) {
        let i = p + k;
        p = i + 1;
        match t.get(i + 1) {
            // A comment, a declaration, a processing instruction: skipped
            // whole (a CDATA section's text is the element's).
            Some(b'!') if t[i..].starts_with(b"<!--") => {
                match memchr::memmem::find(&t[i + 4..], b"-->") {
                    Some(e) => p = i + 4 + e + 3,
                    None => return,
                }
                continue;
            }
            Some(b'!') if t[i..].starts_with(b"<![CDATA[") => {
                match memchr::memmem::find(&t[i + 9..], b"]]>") {
                    Some(e) => p = i + 9 + e + 3,
                    None => return,
                }
                continue;
            }
            Some(b'!' | b'?') => {
                match memchr::memchr(b'>', &t[i..]) {
                    Some(e) => p = i + e + 1,
                    None => return,
                }
                continue;
            }
            _ => {}
        }
        // The tag's end: a `<` first means this one is none.
        let Some(g) = memchr::memchr2(b'<', b'>', &t[i + 1..]).map(|g| i + 1 + g) else {
            return;
        };
        if t[g] == b'<' {
            continue;
        }
        p = g + 1;
        if t.get(i + 1) == Some(&b'/') {
            let Some((name, _)) = tag_name(t, i + 2) else {
                continue;
            };
            // The element it closes (and those left open inside it).
            let Some(at) = stack.iter().rposition(|o| o.name == name) else {
                continue;
            };
            stack.truncate(at + 1);
            let Some(top) = stack.pop() else { continue };
            if !top.has_child && !is_html(&top.name) {
                let (mut a, mut b) = trimmed(t, top.text_start, i);
                if t[a..b].starts_with(b"<![CDATA[") && t[a..b].ends_with(b"]]>") {
                    (a, b) = trimmed(t, a + 9, b - 3);
                } else if memchr::memchr2(b'<', b'>', &t[a..b]).is_some() {
                    continue;
                }
                if a < b && b - a <= MAX_VALUE {
                    let parent = stack.last().map(|o| o.name.as_str());
                    match &top.keyed {
                        Some(key) => out.push(cell(a, b, None, key, &empty)),
                        None => out.push(cell(a, b, parent, &top.name, &empty)),
                    }
                }
            }
            continue;
        }
        let Some((name, e)) = tag_name(t, i + 1) else {
            continue;
        };
        let self_closing = t[g - 1] == b'/';
        let inside_end = if self_closing { g - 1 } else { g };
        if let Some(parent) = stack.last_mut() {
            parent.has_child = true;
        }
        let mut keyed = None;
        if !is_html(name) {
            let attrs = attributes(t, e, inside_end);
            let key = attrs
                .iter()
                .find(|(n, a, b)| KEY_ATTRIBUTES.iter().any(|k| n.eq_ignore_ascii_case(k)) && key_like(&t[*a..*b]));
            let has_value = attrs.iter().any(|(n, _, _)| n.eq_ignore_ascii_case("value"));
            for &(attr, a, b) in &attrs {
                let (a, b) = trimmed(t, a, b);
                if a >= b || b - a > MAX_VALUE {
                    continue;
                }
                match key {
                    // The key beside a value is no value itself.
                    Some(&(k, _, _)) if has_value && attr == k => {}
                    // `<add key="Password" value="..."/>`: the value under
                    // its key's name.
                    Some(&(_, ka, kb)) if has_value && attr.eq_ignore_ascii_case("value") => {
                        out.push(cell(a, b, None, &String::from_utf8_lossy(&t[ka..kb]), &empty));
                    }
                    // `<birthDate value="1970-01-01"/>`: a value of its
                    // own is the element's, named as its text would be
                    // (FHIR's XML writes every value so).
                    None if attr.eq_ignore_ascii_case("value")
                        && !attrs
                            .iter()
                            .any(|(n, _, _)| KEY_ATTRIBUTES.iter().any(|k| n.eq_ignore_ascii_case(k))) =>
                    {
                        let parent = stack.last_mut();
                        if name == "system" {
                            if let Some(o) = parent {
                                let system = String::from_utf8_lossy(&t[a..b]).to_lowercase();
                                o.system = Some(crate::json_path::with_identifier_word(system));
                            }
                            continue;
                        }
                        match parent {
                            // `<value value="..."/>` beside its system:
                            // read under the system's words, as FHIR's
                            // JSON is.
                            Some(o) if name == "value" && o.system.is_some() => {
                                let column = format!("value|{}", o.system.as_deref().unwrap_or_default());
                                out.push(cell(a, b, Some(&o.name), &column, &empty));
                            }
                            parent => out.push(cell(a, b, parent.map(|o| o.name.as_str()), name, &empty)),
                        }
                    }
                    _ => out.push(cell(a, b, Some(name), attr, &empty)),
                }
            }
            // `<entry key="email">...</entry>`: its text under its key's
            // name.
            if let Some(&(_, ka, kb)) = key.filter(|_| !has_value) {
                keyed = Some(String::from_utf8_lossy(&t[ka..kb]).into_owned());
            }
        }
        if !self_closing {
            if stack.len() == MAX_DEPTH {
                stack.remove(0);
            }
            stack.push(Open {
                name: name.to_owned(),
                text_start: g + 1,
                has_child: false,
                keyed,
                system: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(t: &str) -> Vec<(String, String)> {
        super::super::named_by(elements, t)
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|&(a, b)| (a.to_owned(), b.to_owned())).collect()
    }

    #[test]
    fn element_text_is_named_by_its_element_and_parent() {
        let t = "<?xml version=\"1.0\"?>\n<clientes>\n <cliente id=\"7\">\n  <nombre>María García</nombre>\n  \
                 <fechaNacimiento> 1985-03-02 </fechaNacimiento>\n  <soap:dni>12345678Z</soap:dni>\n </cliente>\n</clientes>";
        assert_eq!(
            named(t),
            pairs(&[
                ("cliente.id", "7"),
                ("cliente.nombre", "María García"),
                ("cliente.fechaNacimiento", "1985-03-02"),
                ("cliente.dni", "12345678Z"),
            ])
        );
    }

    #[test]
    fn iso_20022_names_are_spelled_out() {
        assert_eq!(
            named("<CdtTrfTxInf><Cdtr><Nm>Ana Lima</Nm><PstlAdr><StrtNm>Rua Augusta</StrtNm></PstlAdr></Cdtr></CdtTrfTxInf>"),
            pairs(&[("creditor.name", "Ana Lima"), ("postal_address.street", "Rua Augusta")])
        );
    }

    #[test]
    fn attributes_are_named_by_their_element() {
        assert_eq!(
            named("<person name=\"Annika Lindqvist\" birthdate='1990-11-23' phone=\"+46 70 123 45 67\"/>"),
            pairs(&[
                ("person.name", "Annika Lindqvist"),
                ("person.birthdate", "1990-11-23"),
                ("person.phone", "+46 70 123 45 67"),
            ])
        );
    }

    #[test]
    fn a_value_attribute_is_its_elements_value() {
        assert_eq!(
            named("<Patient><name><family value=\"Levi\"/><given value=\"Noa\"/></name><birthDate value=\"1984-02-11\"/></Patient>"),
            pairs(&[("name.family", "Levi"), ("name.given", "Noa"), ("Patient.birthDate", "1984-02-11")])
        );
    }

    #[test]
    fn an_identifiers_value_is_named_by_its_system() {
        assert_eq!(
            named("<identifier><use value=\"official\"/><system value=\"http://rsa.gov.za/fhir/identifier/sa-id\"/><value value=\"8001013281050\"/></identifier><telecom><system value=\"phone\"/><value value=\"071 234 5678\"/></telecom>"),
            pairs(&[
                ("identifier.value|http://rsa.gov.za/fhir/identifier/sa-id rsa id tax reference", "8001013281050"),
                ("telecom.value|phone", "071 234 5678"),
            ])
        );
    }

    #[test]
    fn a_keyed_value_is_named_by_its_key() {
        assert_eq!(
            named("<appSettings><add key=\"SmtpPassword\" value=\"Winter2024!\" /></appSettings><entry key=\"email\">a@b.co</entry>"),
            pairs(&[("SmtpPassword", "Winter2024!"), ("entry.key", "email"), ("email", "a@b.co")])
        );
        // A name with prose in it names nothing.
        assert_eq!(
            named("<add key=\"the key of the thing that is here\" value=\"x\"/>"),
            pairs(&[("add.key", "the key of the thing that is here"), ("add.value", "x")])
        );
    }

    #[test]
    fn cdata_is_the_elements_text() {
        assert_eq!(
            named("<customer><name><![CDATA[Ann <Lee>]]></name></customer>"),
            pairs(&[("customer.name", "Ann <Lee>")])
        );
    }

    #[test]
    fn html_and_mixed_content_name_nothing() {
        assert!(named("<p>Call <b>Ann</b> at <a href=\"tel:+4412\">home</a></p><div class=\"x\">y</div>").is_empty());
        // Text around a child element is no value of the parent.
        assert_eq!(
            named("<note>Ann said <when>today</when> hi</note>"),
            pairs(&[("note.when", "today")])
        );
    }

    proptest::proptest! {
        #[test]
        fn cells_lie_inside_the_text_in_any_markup(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<", ">", "</", "/>", "<a>", "</a>", "<x y=\"", "\"", "'", "=", " ", "<!--", "-->", "<![CDATA[", "]]>",
            "<?", "key=\"k\" ", "value=\"v\"", "name", "text", "\u{e9}", "\n",
        ]), 0..80)) {
            let text = parts.concat();
            let mut out = Vec::new();
            elements(text.as_bytes(), &mut out);
            for c in out {
                proptest::prop_assert!(c.start < c.end && c.end <= text.len());
                proptest::prop_assert!(c.end - c.start <= MAX_VALUE);
            }
        }
    }

    #[test]
    fn broken_markup_is_left_as_text() {
        for t in [
            "<<<<a",
            "<a <b <c>x</c>",
            "<a>\u{0}</",
            "<!-- open",
            "<![CDATA[ x",
            "<a b=\"x>y</a>",
            "</x></y>",
        ] {
            let _ = named(t);
        }
        assert_eq!(named("<k <v>x</v>"), pairs(&[("v", "x")]));
        // Deep nesting stays bounded.
        let deep = "<x>".repeat(10_000) + "v" + &"</x>".repeat(10_000);
        assert_eq!(named(&deep).len(), 1);
    }
}
