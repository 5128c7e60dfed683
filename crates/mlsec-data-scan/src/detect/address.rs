//! Postal addresses: the street words, suffixes and postal tails of the
//! forms people write addresses in, the patterns built from them, and the
//! tests a match passes before it counts ([`super::Detector`] runs them on
//! the lines their words point to).

use regex::bytes::Regex;

/// US ZIP (after a state), UK, Canadian (after a province) and Australian
/// (after a state) postcodes, for [`ADDRESS`].
macro_rules! postcode {
    () => {
        r"(?:(?:[A-Z]{2} )?[0-9]{5}(?:-[0-9]{4})?|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}|(?:[A-Z]{2} )?[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]|[A-Z]{2,3} [0-9]{4})"
    };
}

/// Every street word the address pattern ([`ADDRESS`]) needs (its match
/// starts earlier on the word's line, at the house number).
pub(super) const ADDRESS_WORDS: &[&str] = &[
    "street",
    "st.",
    "avenue",
    "ave",
    "road",
    "rd.",
    "boulevard",
    "blvd",
    "lane",
    "ln.",
    "drive",
    "dr.",
    "court",
    "ct.",
    "way",
    "place",
    "pl.",
    "square",
    "terrace",
    "alley",
    "circle",
    "crescent",
    "highway",
    "parkway",
    "expressway",
    "freeway",
    "turnpike",
    "trail",
    "grove",
    "gardens",
    "mews",
];
/// Rarer street words (USPS Publication 28's suffixes and the street types
/// of Australia and Britain, but those that are common words: `End`,
/// `Top`, `Line`, `Union`): in [`ADDRESS`] only capitalised, after a house
/// number and a capitalised name, with the city after them (`1 Infinite
/// Loop, Cupertino`, `8666 Garcia Roads, Brownland`).
pub(super) const RARE_STREET_WORDS: &[&str] = &[
    // Australian street types that name nothing else (not `Key`,
    // `Mount`, `Cross`, `Ring`, `Strip`: `3 Pack Mount, Black` is a
    // product).
    "Amble",
    "Anchorage",
    "Artery",
    "Basin",
    "Brace",
    "Brow",
    "Centreway",
    "Copse",
    "Cruiseway",
    "Cul-de-sac",
    "Deviation",
    "Distributor",
    "Firetrail",
    "Frontage",
    "Interchange",
    "Nook",
    "Riviera",
    "Rosebowl",
    "Siding",
    "Tarn",
    "Trunkway",
    "Wade",
    "Loop",
    "Cove",
    "Glen",
    "Knoll",
    "Bypass",
    "Causeway",
    "Crest",
    "Hollow",
    "Junction",
    "Manor",
    "Meadows",
    "Orchard",
    "Pike",
    "Ranch",
    "Skyway",
    "Spur",
    "Viaduct",
    "Vista",
    "Wharf",
    "Esplanade",
    "Promenade",
    "Quay",
    "Stravenue",
    "Trafficway",
    "Throughway",
    "Underpass",
    "Overpass",
    "Motorway",
    "Prairie",
    "Shoal",
    "Canyon",
    "Ferry",
    "Inlet",
    "Isle",
    "Lodge",
    "Harbor",
    "Harbour",
    "Heights",
    "Estates",
    "Burg",
    "Brooks",
    "Cliffs",
    "Forges",
    "Loaf",
    "Mills",
    "Plains",
    "Rapids",
    "Ridge",
    "Springs",
    "Summit",
    "Villages",
    "Ville",
    "Access",
    "Alleyway",
    "Approach",
    "Arcade",
    "Bend",
    "Brae",
    "Bridge",
    "Broadway",
    "Brook",
    "Burgs",
    "Byway",
    "Camp",
    "Cape",
    "Center",
    "Centers",
    "Centre",
    "Chase",
    "Circlet",
    "Circles",
    "Circuit",
    "Circus",
    "Cliff",
    "Close",
    "Colonnade",
    "Concourse",
    "Corner",
    "Corners",
    "Courts",
    "Courtyard",
    "Coves",
    "Creek",
    "Crossing",
    "Crossroad",
    "Crossway",
    "Dale",
    "Dell",
    "Drives",
    "Driveway",
    "Entrance",
    "Estate",
    "Extension",
    "Extensions",
    "Fairway",
    "Falls",
    "Field",
    "Fields",
    "Footway",
    "Ford",
    "Fords",
    "Foreshore",
    "Forest",
    "Forge",
    "Fort",
    "Garden",
    "Gate",
    "Gates",
    "Gateway",
    "Glade",
    "Glens",
    "Grange",
    "Green",
    "Greens",
    "Groves",
    "Gully",
    "Harbors",
    "Haven",
    "Highroad",
    "Hill",
    "Hills",
    "Island",
    "Islands",
    "Junctions",
    "Keys",
    "Knolls",
    "Lake",
    "Lakes",
    "Landing",
    "Laneway",
    "Lookout",
    "Mall",
    "Manors",
    "Meadow",
    "Meander",
    "Mill",
    "Mountain",
    "Mountains",
    "Outlook",
    "Oval",
    "Parade",
    "Park",
    "Parklands",
    "Parks",
    "Parkways",
    "Pass",
    "Passage",
    "Path",
    "Pathway",
    "Pine",
    "Pines",
    "Plain",
    "Plateau",
    "Point",
    "Points",
    "Port",
    "Ports",
    "Quadrangle",
    "Quadrant",
    "Quays",
    "Ramble",
    "Rapid",
    "Retreat",
    "Ridges",
    "Ridgeway",
    "Rise",
    "River",
    "Riverway",
    "Roads",
    "Roadside",
    "Roadway",
    "Round",
    "Route",
    "Row",
    "Shoals",
    "Shore",
    "Shores",
    "Spurs",
    "Squares",
    "Station",
    "Strand",
    "Stream",
    "Streets",
    "Subway",
    "Thoroughfare",
    "Tollway",
    "Towers",
    "Trails",
    "Tunnel",
    "Vale",
    "Valley",
    "Valleys",
    "View",
    "Views",
    "Village",
    "Villas",
    "Walk",
    "Walks",
    "Walkway",
    "Wells",
    "Wynd",
];
/// Ends of street names written as one word (`Hauptstraße`,
/// `Kerkstraat`, `Drottninggatan`, `Solhaugen`): counted anywhere in a
/// word, and the glued street endings of [`eu_address`].
pub(super) const ADDRESS_SUFFIXES: &[&str] = &[
    "stra\u{df}e",
    "strasse",
    "gasse",
    "platz",
    "allee",
    "straat",
    "gracht",
    "gatan",
    "gata",
    "v\u{e4}gen",
    "gr\u{e4}nd",
    "stigen",
    "torget",
    "veien",
    "vej",
    "gade",
    "weg",
    "steeg",
    "dreef",
    "laan",
    "plein",
    "str.",
    "singel",
    "kade",
    "dijk",
    "baan",
    "boulevard",
    "vegen",
    "stien",
    "bakken",
    "tunet",
    "haugen",
    "kroken",
    "svingen",
    "l\u{f8}kka",
    "jordet",
    "plassen",
    "all\u{e9}",
    "lunden",
    "toppen",
    "grenda",
    "kollen",
    "berget",
    "br\u{e5}ten",
    "lyngen",
    "skogen",
    "stranda",
    "\u{e5}sen",
    "str\u{e6}de",
    "katu",
    "kuja",
    "polku",
    "ntie",
    "bulevardi",
    "faret",
    "vollen",
    "havna",
    "all\u{e9}en",
    "gropa",
    "myra",
    // A German ring road after a name (`Theodor-Heuss-Ring`; not a glued
    // `ring`: `Keyring 3, Blue` is a product), Dutch `-hof`, more
    // Norwegian endings.
    "-ring",
    "hof",
    "eggen",
    "holtet",
    "engen",
    "ekra",
    "flata",
    "gjerdet",
    "hagen",
    "h\u{f8}gda",
    "marka",
    "ringen",
    "skrenten",
    "spranget",
    "stubben",
    "stykket",
    "tjernet",
    // Finnish streets named in the genitive, the word apart (`Nils
    // Westermarckin tie 83`, `Eerik Pyhän katu 1`).
    "n tie",
    "n katu",
    "n kuja",
    "n polku",
];

/// Street words written before the street's name in the European forms
/// (`Calle Mayor 5`, `ul. Marszałkowska 10`, `12 rue de la Paix`): words
/// of [`LED_WORDS`](super::LED_WORDS) and the street words of [`eu_address`].
pub(super) const EU_STREET_WORDS: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "chemin",
    "all\u{e9}e",
    "place",
    "impasse",
    "quai",
    "calle",
    "avenida",
    "paseo",
    "plaza",
    "carrer",
    "cuesta",
    "ronda",
    "callej\u{f3}n",
    "acceso",
    "ca\u{f1}ada",
    "pasaje",
    "camino",
    "carretera",
    "traves\u{ed}a",
    "glorieta",
    "rambla",
    "urbanizaci\u{f3}n",
    "pasadizo",
    "vial",
    "v\u{ed}a",
    "c.",
    "via",
    "viale",
    "piazza",
    "piazzale",
    "corso",
    "canale",
    "vicolo",
    "incrocio",
    "contrada",
    "rotonda",
    "stretto",
    "strada",
    "borgo",
    "lungomare",
    "salita",
    "rua",
    "r.",
    "pra\u{e7}a",
    "alameda",
    "largo",
    "estrada",
    "travessa",
    "quadra",
    "n\u{fa}cleo",
    "setor",
    "loteamento",
    "p\u{e1}tio",
    "\u{e1}rea",
    "morro",
    "recanto",
    "esplanada",
    "conjunto",
    "ch\u{e1}cara",
    "rodovia",
    "ulica",
    "ul.",
    "plac",
    "pl.",
    "aleja",
    "al.",
];

/// A house number, capitalised words and a street word; then, when they
/// follow, a compass suffix and the city with its ZIP code or postcode
/// (`742 Evergreen Terrace, Springfield, IL 62704`, `10 Downing Street,
/// London SW1A 2AA`, `Toronto, ON M5V 2T6`, `Sydney NSW 2000`), so a
/// redaction leaves none of it. A rarer street word (`Loop`, `Cove`,
/// `Ridge`) counts only with the city after it (`1 Infinite Loop,
/// Cupertino`).
pub(super) const ADDRESS: &str = concat!(
    r"\b[0-9]{1,5}[a-zA-Z]? (?:[A-Z][a-z]+ ){1,4}(?:",
    r"(?i:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|lane|ln\.|drive|dr\.|court|ct\.|way|place|pl\.|square|terrace|alley|circle|crescent|highway|parkway|expressway|freeway|turnpike|trail|grove|gardens|mews|plaza)(?:,? (?:(?i:apt\.?|suite|unit)|#) ?[0-9a-zA-Z]+)?\b",
    r"(?: (?:NE|NW|SE|SW|N|S|E|W)\b)?",
    r"(?:, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+,? ",
    postcode!(),
    r"\b)?",
    // A rarer street word (`1 Infinite Loop`) needs the city after it;
    // `{rare}` stands for [`RARE_STREET_WORDS`] ([`address_pattern`]).
    r"|(?P<rare>(?:",
    "{rare}",
    r")",
    r"(?:,? (?:(?i:apt\.?|suite|unit)|#) ?[0-9a-zA-Z]+)?, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+\b(?:,? ",
    postcode!(),
    r"\b)?)",
    // Any last word (`49746 Johnson Mountain`) with the city and its state
    // and ZIP code or postcode after it (see [`postal_tail_at`]).
    r"|[A-Z][a-z]+(?:,? (?:(?i:apt\.?|suite|unit)|#) ?[0-9a-zA-Z]+)?, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+,? (?:[A-Z]{2} [0-9]{5}(?:-[0-9]{4})?|[A-Z]{2} [A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]|[A-Z]{2,3},? [0-9]{4}|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})\b)",
    // US military mail: a ship, or a unit and box, then APO, FPO or DPO
    // and the armed forces' state and ZIP code (`USS Johnson, FPO AE
    // 14559`, `PSC 1234, Box 5678, APO AA 34021`).
    r"|\b(?:(?:USNS|USNV|USS|USCGC) [A-Z][a-z]+|(?:PSC|CMR|Unit) [0-9]{1,5},? Box [0-9]{1,5}),? (?:APO|FPO|DPO) A[AEP] [0-9]{5}\b",
    // A British flat before its street, town and postcode (`Flat 53,
    // Johnson Ridge, Leeds, LS1 4AB`).
    r"|\b(?:Flat|Studio|Apartment|Unit) [0-9]{1,4}[a-zA-Z]?, (?:[A-Z][a-z]+ ){0,3}[A-Z][a-z]+, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+,? [A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}\b",
    // The flat on a line of its own, then the street and the town (`Studio
    // 5\nKelly Forges, Damienview`, as Faker's British street addresses
    // are written): read on the flat's line and the next
    // ([`flat_ends_line`]).
    r"|\b(?:Flat|Studio|Apartment) [0-9]{1,4}[a-zA-Z]?\r?\n(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+\b"
);

/// Words that start a British flat's line ([`flat_ends_line`]).
pub(super) const FLAT_WORDS: &[&str] = &["flat", "studio", "apartment"];

/// Whether the line `buf[s..e]` (its `\n` included) ends with a flat
/// (`Studio 5`, `Flat 48Q`): its address goes on on the next line.
pub(super) fn flat_ends_line(buf: &[u8], s: usize, e: usize) -> bool {
    let line = buf[s..e].strip_suffix(b"\n").unwrap_or(&buf[s..e]);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut words = line.rsplitn(3, |&b| b == b' ');
    let (Some(number), Some(word)) = (words.next(), words.next()) else {
        return false;
    };
    let digits = number.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=4).contains(&digits)
        && number.len() - digits <= 1
        && number[digits..].iter().all(u8::is_ascii_alphabetic)
        && [&b"Flat"[..], b"Studio", b"Apartment"].contains(&word)
}

/// [`ADDRESS`] with its `{rare}` spelled out: [`RARE_STREET_WORDS`].
pub(super) fn address_pattern() -> String {
    ADDRESS.replacen("{rare}", &RARE_STREET_WORDS.join("|"), 1)
}

/// Whether the house number of an address match is a year (1800 to
/// 2099): its first run of digits, or for a street written before its
/// number, the run right before the comma that ends the street.
pub(super) fn year_numbered(t: &[u8]) -> bool {
    let year = |d: &[u8]| d.len() == 4 && (d.starts_with(b"18") || d.starts_with(b"19") || d.starts_with(b"20"));
    let from = t.iter().position(u8::is_ascii_digit).unwrap_or(t.len());
    let run = t[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let street = &t[..t.iter().position(|&b| b == b',').unwrap_or(t.len())];
    let last = street.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    year(&t[from..from + run]) || year(&street[street.len() - last..])
}

/// Whether `buf` at `at` starts a state and its ZIP code or postcode
/// (`NM 08228`, `ON L3S 8K8`, `TAS, 2075`, `VIC 3000`) or a UK postcode
/// (`B8 9YT`) or a US military post office (`FPO AE 14559`): after a
/// comma, the end of an address in the forms
/// [`ADDRESS`] reads whatever the street's last word.
fn postal_tail_at(buf: &[u8], at: usize) -> bool {
    let t = &buf[at.min(buf.len())..];
    let upper = t.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let rest = &t[upper..];
    let digit = |i: usize| rest.get(i).is_some_and(u8::is_ascii_digit);
    let state = (2..=3).contains(&upper) && {
        let r = rest.strip_prefix(b",").unwrap_or(rest);
        r.first() == Some(&b' ')
            && (r.get(1).is_some_and(u8::is_ascii_digit)
                || r.get(1).is_some_and(u8::is_ascii_uppercase) && r.get(2).is_some_and(u8::is_ascii_digit))
    };
    let uk = (1..=2).contains(&upper) && digit(0);
    let military = [&b"APO A"[..], b"FPO A", b"DPO A"].iter().any(|p| t.starts_with(p));
    state || uk || military
}

/// Whether `buf` at `at` starts a postcode laid out as `layout` (`9` for
/// a digit, any other byte for itself) and a space, then a city's name
/// (a capital, ASCII or Latin-1/Latin Extended-A).
fn postcode_city_at(buf: &[u8], at: usize, layout: &[u8]) -> bool {
    let t = &buf[at.min(buf.len())..];
    let n = layout.len();
    t.len() > n + 1
        && t.iter()
            .zip(layout)
            .all(|(&c, &l)| if l == b'9' { c.is_ascii_digit() } else { c == l })
        && t[n] == b' '
        && (t[n + 1].is_ascii_uppercase() || (0xC3..=0xC5).contains(&t[n + 1]))
}

/// Whether `buf` at `at` starts a three-and-two-digit postcode and its
/// city (`159 08 Boží Dar`, `111 51 Stockholm`).
fn three_two_tail_at(buf: &[u8], at: usize) -> bool {
    postcode_city_at(buf, at, b"999 99")
}

/// Whether `buf` at `at` starts a Portuguese postcode and its city
/// (`2830-166 Castelo Branco`).
fn portuguese_tail_at(buf: &[u8], at: usize) -> bool {
    postcode_city_at(buf, at, b"9999-999")
}

/// Where, in `buf`, a comma and a space come before a [`postal_tail_at`]
/// or a [`portuguese_tail_at`] or a [`brazilian_tail_at`] (the places an
/// address of any street word may end), and before a
/// [`three_two_tail_at`] (the lines [`THREE_TWO_ADDRESS`] is searched on).
pub(super) fn postal_tails(buf: &[u8]) -> (Vec<usize>, Vec<usize>) {
    let (mut tails, mut three_two) = (Vec::new(), Vec::new());
    for i in memchr::memmem::find_iter(buf, b", ") {
        if postal_tail_at(buf, i + 2) || portuguese_tail_at(buf, i + 2) || brazilian_tail_at(buf, i + 2) {
            tails.push(i);
        } else if three_two_tail_at(buf, i + 2) {
            three_two.push(i);
        }
    }
    (tails, three_two)
}

/// Words after which an address is written (`lives at 5 Rue X, Paris`,
/// `Ship to Flat 3, ...`): whatever its form, the value after them is
/// read as an address where it looks like one ([`cue_address`]).
pub(super) const ADDRESS_CUE_VERBS: &[&str] = &[
    "lives at",
    "living at",
    "resides at",
    "residing at",
    "ship to",
    "shipped to",
    "shipping to",
    "deliver to",
    "delivered to",
    "send to",
    "sent to",
    "mail to",
    "mailed to",
    "located at",
    "wohnhaft in",
    "wohnt in",
    "liefern an",
    "lieferung an",
    "habite au",
    "habite \u{e0}",
    "envoyer au",
    "vive en",
    "enviar a",
    "abita in",
    "spedire a",
    "mora na",
    "mora em",
    "woont op",
    "woont aan",
    "bor p\u{e5}",
    "bor i",
    "mieszka przy",
    "mieszka na",
    "bydl\u{ed} na",
    "bydl\u{ed} v",
];
/// Words that name an address, counted where a colon or `is` follows
/// (`Address: 12 High St, Leeds`, `home address is ...`).
pub(super) const ADDRESS_CUE_NOUNS: &[&str] = &[
    "address",
    "adresse",
    "anschrift",
    "direcci\u{f3}n",
    "direccion",
    "domicilio",
    "indirizzo",
    "endere\u{e7}o",
    "endereco",
    "adres",
    "adresa",
    "osoite",
];

/// The value after an [`ADDRESS_CUE_VERBS`] or [`ADDRESS_CUE_NOUNS`]
/// word (group 1), up to the end of its line or clause; [`cue_address`]
/// decides what of it is an address.
pub(super) fn address_cue() -> String {
    format!(
        concat!(
            r"(?:(?i:{verbs})[ \t]{{1,3}}|(?i:{nouns})(?:es)?[ \t]{{0,3}}(?::|[ \t](?i:is)[ \t])[ \t]{{0,3}})",
            r"([0-9A-Z\xC3-\xC5][^\n\r;!?|\x22<>]*)"
        ),
        verbs = byte_alternation(ADDRESS_CUE_VERBS),
        nouns = byte_alternation(ADDRESS_CUE_NOUNS),
    )
}

/// The shape an address after a cue word has: a house number and a
/// capitalised word (`8666 Garcia Roads`), a flat or unit and its number
/// (`Flat 53`), or capitalised words and a house number (`Strada
/// Beatrice, 5`, `Benákova 4`); then a comma and a city or postcode.
pub(super) const CUE_ADDRESS_SHAPE: &str = concat!(
    r"^(?:[0-9]{1,5}[a-zA-Z]?,?[ \t]+[A-Z\xC3-\xC5]",
    r"|(?i:flat|studio|apartment|apt\.?|unit|suite)[ \t]+[0-9]",
    r"|[A-Z\xC3-\xC5][^,0-9]{0,60},?[ \t][0-9]{1,5}[a-zA-Z]?(?:[/-][0-9]{1,4}[a-zA-Z]?)?\b)",
    r"[^\n]*,[ \t]*[0-9A-Z\xC3-\xC5]",
);

/// What of the value after a cue word (`buf[s..e]`) is an address: up to
/// the end of its sentence (a full stop before a capital, or at the end),
/// without trailing commas and spaces, if it has [`CUE_ADDRESS_SHAPE`]
/// and its house number is no year.
pub(super) fn cue_address(shape: &Regex, buf: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    let v = &buf[s..e];
    let mut end = v.len();
    for (i, &b) in v.iter().enumerate() {
        let next = v.get(i + 1).copied();
        let after = v.get(i + 2).copied();
        if b == b'.'
            && (next.is_none()
                || next == Some(b'\t')
                || (next == Some(b' ') && after.is_some_and(|c| c.is_ascii_uppercase() || c >= 0xC3)))
        {
            end = i;
            break;
        }
    }
    while end > 0 && matches!(v[end - 1], b' ' | b'\t' | b',' | b'.' | b'-') {
        end -= 1;
    }
    // Cut inside a character where the window ended: back to its start.
    while end > 0 && s + end < buf.len() && (buf[s + end] & 0xC0) == 0x80 {
        end -= 1;
    }
    let t = &v[..end];
    (t.len() >= 8 && shape.is_match(t) && !year_numbered(t)).then_some((s, s + end))
}

/// A flat or floor after the house number (`27 Apt. 49 ,`, `5
/// Appartamento 9,`, `7 Piso 6`), and the space Spanish addresses leave
/// before the comma.
macro_rules! flat_unit {
    () => {
        r"(?:[ \t](?i:apt\.|piso|puerta|planta|appartamento|piano|interno|int\.|scala)[ \t][0-9A-Za-z]{1,4})?[ \t]?"
    };
}
/// Whether every word of `t` (split at spaces and commas) starts with a
/// capital, a digit or a bracket: a postcode, a state or a city's name.
pub(super) fn capitalised_words(t: &[u8]) -> bool {
    t.split(|&b| b == b' ' || b == b',' || b == b'\t')
        .filter(|w| !w.is_empty())
        .all(|w| w[0].is_ascii_uppercase() || w[0].is_ascii_digit() || w[0] == b'(' || w[0] >= 0xC3)
}

/// The first of `spans` that overlaps `s..e`.
pub(super) fn overlapping(spans: &[(usize, usize)], s: usize, e: usize) -> Option<usize> {
    spans.iter().position(|&(a, b)| a < e && s < b)
}

/// A house number: `5`, `12a`, `22-15`, `78/87`, or `S/N` (Spanish and
/// Portuguese for none).
macro_rules! house_number {
    () => {
        r"(?:[0-9]{1,4}[a-zA-Z]?(?:[/-][0-9]{1,4}[a-zA-Z]?)?|[Ss]/[Nn])"
    };
}

/// A Czech or Slovak street with no postcode after it, its house number
/// and its town: named with a preposition (`V Nížinách 68, Jevíčko`, `Pod
/// Čertovou Skalou 707, Červený Kostelec`, `U Rakovky 40, Strmilov`) or
/// an adjective of a name (`Havlíčkova 5, Vamberk`). Capitalised words
/// after `Do`, `Na`, `U` are too common elsewhere: searched only in a file
/// that points to Czechia or Slovakia.
pub(super) static CZECH_ADDRESS: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::RegexBuilder::new(concat!(
        r"\b{start-half}(?:(?:V|Ve|Na|U|Za|Pod|Nad|Do|K|Ke|P\xC5\x99ed|P\xC5\x99i|Mezi) ",
        r"(?:[A-Z\xC3-\xC5][a-z\x80-\xFF]+ ){0,2}[A-Z\xC3-\xC5][a-z\x80-\xFF]+",
        r"|[A-Z\xC3-\xC5][a-z\x80-\xFF]*(?:ova|sk\xC3\xA1|\xC3\xA9ho|n\xC3\xAD)) ",
        house_number!(),
        r", [A-Z\xC3-\xC5][a-z\x80-\xFF]+(?: (?:nad |pod )?[A-Z\xC3-\xC5][a-z\x80-\xFF]+){0,2}",
    ))
    .unicode(false)
    .build()
    .unwrap_or_else(|e| panic!("Czech address pattern: {e}"))
});

/// A European street address: a street named with a glued suffix
/// (`Hauptstraße 5`) or after a street word (`Calle Mayor 5`, `12 rue de
/// la Paix`), then the postcode and city the form needs (`, 10115 Berlin`,
/// `1017 GC Amsterdam`, `00-001 Warszawa`, `1100-053 Lisboa`, `111 51
/// Stockholm`): without them a street word and a number are too common.
/// Or, in group `city`, the street with its glued suffix or its street
/// word and the city alone after a comma (`Lindenallee 12, Köln`, `Calle
/// Mayor 10, Madrid`, `90, rue Georges, Le Goff-la-Forêt`): the caller
/// wants the street word capitalised there, or after the house number,
/// so that `sent via DHL 3, Then` is none.
pub(super) fn eu_address() -> String {
    let glued = byte_alternation(ADDRESS_SUFFIXES);
    // Portugal's `Av` too (its lines: those of a capitalised `Av`, and of
    // a postcode after it, [`postal_tails`]).
    // Brazil's street types too (`Vale Laís Cirino, 12, Aparecida de
    // Farias`), with a house number: their lines are those of a
    // capitalised one.
    let words = byte_alternation(&[EU_STREET_WORDS, &["av", "av."], BR_STREET_WORDS].concat());
    let street = format!(
        concat!(
            r"\b(?i:{words})[ \t](?:[A-Za-z0-9\x80-\xFF'.-]+[ \t]){{0,5}}?[A-Za-z\x80-\xFF'.-]+,?[ \t]{number}{unit}",
            r"|\b[0-9]{{1,4}}[a-zA-Z]?,?[ \t](?i:rue|avenue|boulevard|chemin|all\xC3\xA9e|impasse|quai)[ \t](?:[A-Za-z\x80-\xFF'.-]+[ \t]){{0,5}}?[A-Za-z\x80-\xFF'.-]+",
        ),
        words = words,
        number = house_number!(),
        unit = flat_unit!(),
    );
    let number = house_number!();
    let postcode = r",?\s{1,2}(?:[0-9]{5}|[0-9]{4}(?:\s?[A-Z]{2}\b)?|[0-9]{4}-[0-9]{3}|[0-9]{2}-[0-9]{3}|[0-9]{3}\s[0-9]{2}),?\s[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]+";
    format!(
        concat!(
            r"(?:\b{{start-half}}[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]*(?i:{glued})\s{{1,2}}{number}",
            r"|\b(?i:{words})\s(?:[A-Za-z0-9\x80-\xFF'.-]+\s){{0,5}}?[A-Za-z\x80-\xFF'.-]+,?\s{number}{unit}",
            r"|\b[0-9]{{1,4}}[a-zA-Z]?,?\s(?i:rue|avenue|boulevard|chemin|all\xC3\xA9e|place|impasse|quai)\s(?:[A-Za-z\x80-\xFF'.-]+\s){{0,5}}?[A-Za-z\x80-\xFF'.-]+)",
            "{postcode}",
            // A French street with no house number, its postcode and city
            // (`avenue de Jacob, 52863 Lacroixnec`): the name after the
            // street word starts capitalised, or after `de`, `du`, `des`
            // or `d'` (not `avenue for growth, 20000 Users`).
            r"|\b(?i:rue|avenue|boulevard|chemin|all\xC3\xA9e|impasse|quai)\s(?:(?:de la|de|du|des)\s|d')?[A-Z\xC3-\xC5][A-Za-z\x80-\xFF'-]*(?:\s[A-Z\xC3-\xC5][A-Za-z\x80-\xFF'-]*){{0,3}},\s[0-9]{{5}}\s[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]+",
            // A Brazilian address: the street (its name capitalised,
            // or after `de`, `da`, `do`), its number, the neighbourhood,
            // the CEP, the city and the state (`Área Mendes, 70,
            // Bonsucesso, 39693729 Aparecida / MG`).
            r"|(?:\b(?i:{br_words})|{br_non_ascii})\s(?:(?:de|da|do|dos|das)\s){{0,2}}[A-Z\xC3-\xC5][A-Za-z\x80-\xFF'.-]*(?:\s[A-Za-z\x80-\xFF'.-]+){{0,4}},\s(?:(?:[0-9]{{1,5}}|[Ss]/[Nn]),\s)?(?:[^,\n/]{{2,40}},\s)?[0-9]{{5}}-?[0-9]{{3}}\s(?:(?:da|de|do|dos|das)\s)?[A-Z\xC3-\xC5][^,\n/]{{1,40}}\s/\s(?:{states})\b",
            r"|(?P<city>(?:\b{{start-half}}[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]*(?i:{glued})[ \t]{{1,2}}{number}|{street}",
            r"),[ \t](?:[A-Z\xC3-\xC5][a-z\x80-\xFF'-]{{2,}}(?:[A-Z][a-z\x80-\xFF'-]+)?|[A-Z][a-z]+[ \t][A-Z\xC3-\xC5][a-z\x80-\xFF'-]+)(?:[ \t][A-Z\xC3-\xC5][a-z\x80-\xFF'-]+)?\b)",
        ),
        glued = glued,
        number = number,
        words = words,
        unit = flat_unit!(),
        postcode = postcode,
        street = street,
        br_words = byte_alternation(&br_words(true)),
        br_non_ascii = byte_alternation(&br_words(false)),
        states = BR_STATES.join("|"),
    )
}

/// Brazilian street types beyond [`EU_STREET_WORDS`] (the Correios' list of
/// logradouro types): only in [`eu_address`]'s Brazilian form, whose lines
/// are those of a CEP, a city and a state ([`brazilian_tail_at`]).
pub(super) const BR_STREET_WORDS: &[&str] = &[
    "aeroporto",
    "campo",
    "ch\u{e1}cara",
    "col\u{f4}nia",
    "condom\u{ed}nio",
    "distrito",
    "esta\u{e7}\u{e3}o",
    "favela",
    "fazenda",
    "feira",
    "jardim",
    "ladeira",
    "lago",
    "lagoa",
    "parque",
    "passarela",
    "praia",
    "residencial",
    "s\u{ed}tio",
    "trecho",
    "trevo",
    "vale",
    "vereda",
    "viaduto",
    "viela",
    "vila",
    "avenida",
];

/// The street words of the Brazilian form that start with an ASCII letter
/// (`ascii`; they follow a word boundary), or with another one (`Área`,
/// `área`: no ASCII word boundary comes before them, and case folding
/// without Unicode leaves them as they are, so both cases are listed).
fn br_words(ascii: bool) -> Vec<&'static str> {
    EU_STREET_WORDS
        .iter()
        .chain(BR_STREET_WORDS)
        .copied()
        .filter(|w| w.as_bytes()[0].is_ascii() == ascii)
        .chain((!ascii).then_some("\u{c1}rea"))
        .collect()
}

/// The 26 Brazilian states and the Federal District.
const BR_STATES: &[&str] = &[
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ",
    "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
];

/// Whether `buf` at `at` starts a Brazilian CEP, a city and a state
/// (`35515-058 Macedo de Santos / AC`).
fn brazilian_tail_at(buf: &[u8], at: usize) -> bool {
    let t = &buf[at.min(buf.len())..buf.len().min(at + 60)];
    let digits = |r: std::ops::Range<usize>| t.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let city_at = if digits(0..5) && t.get(5) == Some(&b'-') && digits(6..9) {
        9
    } else if digits(0..8) {
        8
    } else {
        return false;
    };
    t.get(city_at) == Some(&b' ')
        && memchr::memmem::find(&t[city_at..], b" / ").is_some_and(|i| {
            let state = &t[city_at + i + 3..];
            state.len() >= 2
                && BR_STATES.iter().any(|s| state.starts_with(s.as_bytes()))
                && !state.get(2).is_some_and(u8::is_ascii_alphanumeric)
        })
}

/// Any capitalised street name of one to three words and its house
/// number with the three-and-two-digit postcode (Czech, Slovak, Swedish,
/// Greek) and its city after it (`V Hájkách 119, 537 86 Mnichovice`):
/// searched apart from [`ADDRESS`] and [`eu_address`], only on the lines
/// where such a postcode follows a comma ([`postal_tails`]), since a
/// street of any words makes a large automaton of the two.
pub(super) const THREE_TWO_ADDRESS: &str = concat!(
    r"[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]*(?:[ \t][A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]*){0,2}[ \t]",
    house_number!(),
    r",[ \t][0-9]{3}[ \t][0-9]{2}[ \t][A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]+",
);

/// `words` as a regex alternation for a pattern compiled without Unicode:
/// ASCII escaped, other bytes as `\xNN`.
fn byte_alternation(words: &[&str]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        for ch in w.chars() {
            if ch.is_ascii() {
                out.push_str(&regex::escape(ch.encode_utf8(&mut [0; 4])));
            } else {
                for b in ch.encode_utf8(&mut [0; 4]).bytes() {
                    out.push_str(&format!("\\x{b:02X}"));
                }
            }
        }
    }
    out
}
