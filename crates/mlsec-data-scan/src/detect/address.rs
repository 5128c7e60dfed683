//! Postal addresses: the street words, suffixes and postal tails of the
//! forms people write addresses in, the patterns built from them, and the
//! tests a match passes before it counts ([`super::Detector`] runs them on
//! the lines their words point to).

use regex::bytes::Regex;

use crate::words::Gate;

/// US ZIP (after a state), UK, Canadian (after a province) and Australian
/// (after a state) postcodes, for [`ADDRESS`].
macro_rules! postcode {
    () => {
        r"(?:(?:[A-Z]{2} )?[0-9]{5}(?:-[0-9]{4})?|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}|(?:[A-Z]{2} )?[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]|[A-Z]{2,3} [0-9]{4})"
    };
}

/// A capitalised word of a name in [`ADDRESS`]: ASCII or with the Latin
/// letters of Latin-1 and Latin Extended-A (`Büchel`, `Océane`,
/// `Čapek`), a double name (`Kelly-Taylor`), or an Irish or Scottish one
/// (`O'Grady`, `McElroe`). Other scripts end it.
macro_rules! name {
    () => {
        r"(?:[A-Z]|[\xC3-\xC5][\x80-\xBF])(?:[A-Za-z'-]|[\xC3-\xC5][\x80-\xBF])*(?:[a-z]|[\xC3-\xC5][\x80-\xBF])"
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
    // USPS suffixes Faker writes that name little else.
    "Trace",
    "Radial",
    "Divide",
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
    "n bulevardi",
    // Danish and Norwegian `Allé` after a name (`Geislers Allé 4`), more
    // Norwegian endings, Flemish `-lei` (`Frankrijklei`), Slovene and
    // Croatian street words after the name (`Rozmanova ulica 2c`,
    // `Bratislavska cesta 7`, `Strossmayerovo šetalište 6`).
    " all\u{e9}",
    "moen",
    "roa",
    "r\u{f8}a",
    "vika",
    "lei",
    " ulica",
    " cesta",
    " \u{161}etali\u{161}te",
    // Latvian, Lithuanian and Estonian street words after the name
    // (`Krišjāņa Barona iela 139-6`, `Gedimino gatvė 9`, `Pärnu tänav 12`).
    " iela",
    " gatv\u{117}",
    " t\u{e4}nav",
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
    // Mexican and other Spanish street types, Chile's `Avda.`, Slovene
    // and Croatian `Cesta` before the name.
    "andador",
    "calzada",
    "cerrada",
    "circuito",
    "circunvalaci\u{f3}n",
    "continuaci\u{f3}n",
    "corredor",
    "perif\u{e9}rico",
    "privada",
    "prolongaci\u{f3}n",
    "retorno",
    "viaducto",
    "avda.",
    "cesta",
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
    // A compass point may come before the name (`123 N Main St`), and a
    // name may be an ordinal (`350 5th Avenue`, `1 E 161st St`).
    r"\b[0-9]{1,5}(?:[a-zA-Z]|-[A-Z])? (?:(?:NE|NW|SE|SW|N|S|E|W)\.? )?(?:(?:",
    name!(),
    r"|[0-9]{1,3}(?:st|nd|rd|th)) ){1,4}(?:",
    r"(?:(?i:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|lane|ln\.|drive|dr\.|court|ct\.|way|place|pl\.|square|terrace|alley|circle|crescent|highway|parkway|expressway|freeway|turnpike|trail|grove|gardens|mews|plaza)|St|Rd|Dr|Ln|Ct|Pl|Hwy|Ter)(?:,? (?:(?i:apt\.?|suite|unit)|#) ?[0-9a-zA-Z]+)?\b",
    r"(?: (?:NE|NW|SE|SW|N|S|E|W)\b)?",
    r"(?:, (?:",
    name!(),
    r" ){0,2}",
    name!(),
    r",? ",
    postcode!(),
    r"\b)?",
    // Any last word with a flat or suite and the city after it (`40261
    // William Rest Apt. 469, North Scott`): the flat says it is a street.
    r"|(?P<apt>",
    name!(),
    r",? (?:Apt\.|Suite|Unit) [0-9]{1,5}[A-Za-z]?, (?:",
    name!(),
    r" ){0,2}",
    name!(),
    r"(?:,? ",
    postcode!(),
    r"\b)?)",
    // A rarer street word (`1 Infinite Loop`) needs the city after it;
    // `{rare}` stands for [`RARE_STREET_WORDS`] ([`address_pattern`]).
    r"|(?P<rare>(?:",
    "{rare}",
    r")",
    r"(?:,? (?:(?i:apt\.?|suite|unit)|#) ?[0-9a-zA-Z]+)?, (?:",
    name!(),
    r" ){0,2}",
    name!(),
    r"(?:,? ",
    postcode!(),
    r"\b)?)",
    // Any last word (`49746 Johnson Mountain`) with the city and its state
    // and ZIP code or postcode after it (see [`postal_tail_at`]).
    r"|",
    name!(),
    r"(?:,? (?:(?i:apt\.?|suite|unit)|#) ?[0-9a-zA-Z]+)?, (?:",
    name!(),
    r" ){0,2}",
    name!(),
    r",? (?:[A-Z]{2} [0-9]{5}(?:-[0-9]{4})?|[A-Z]{2} [A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]|[A-Z]{2,3},? [0-9]{4}|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})\b)",
    // US military mail: a ship, or a unit and box, then APO, FPO or DPO
    // and the armed forces' state and ZIP code (`USS Johnson, FPO AE
    // 14559`, `PSC 1234, Box 5678, APO AA 34021`), on one line or two
    // (the break as it is or escaped in a JSON string;
    // [`flat_ends_line`]).
    r"|\b(?:(?:USNS|USNV|USS|USCGC) [A-Z][a-z]+|(?:PSC|CMR|Unit) [0-9]{1,5},? Box [0-9]{1,5}),?(?: |\r?\n| \n|\\n)(?:APO|FPO|DPO) A[AEP] [0-9]{5}\b",
    // A British flat before its street, town and postcode (`Flat 53,
    // Johnson Ridge, Leeds, LS1 4AB`).
    r"|\b(?:Flat|Studio|Apartment|Unit) [0-9]{1,4}[a-zA-Z]?, (?:[A-Z][a-z]+ ){0,3}[A-Z][a-z]+, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+,? [A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}\b",
    // The flat on a line of its own, then the street and the town (`Studio
    // 5\nKelly Forges, Damienview`, as Faker's British street addresses
    // are written): read on the flat's line and the next
    // ([`flat_ends_line`]).
    r"|\b(?:Flat|Studio|Apartment) [0-9]{1,4}[a-zA-Z]?\r?\n(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+\b"
);

/// A flat or suite after the street (`Apt. 469`, `Suite 683`): the lines
/// of [`ADDRESS`]'s `apt` form.
pub(super) const UNIT_WORDS: &[&str] = &["apt.", "suite"];

/// The street words people shorten with no dot (`123 Main St`, `5 Oak
/// Rd, Portland`), a word of their own: with the space before them and
/// what ends them, as two letters are in too many words (`order`,
/// `product`) for each to be looked at.
pub(super) const SHORT_STREET_WORDS: &[&str] = &[
    " st,", " st ", " st.", " st\n", " st\"", " rd,", " rd ", " rd.", " rd\n", " rd\"", " dr,", " dr.", " dr\n",
    " dr\"", " ln,", " ln ", " ln.", " ln\n", " ln\"", " ct,", " ct ", " ct.", " ct\n", " ct\"", " pl,", " pl ",
    " pl\n", " pl\"", " hwy,", " hwy ", " hwy.", " hwy\n", " hwy\"", " ter,", " ter ", " ter\n", " ter\"",
];

/// Words that start a British flat's line ([`flat_ends_line`]).
pub(super) const FLAT_WORDS: &[&str] = &["flat", "studio", "apartment"];

/// Whether the line `buf[s..e]` (its `\n` included) ends with a flat
/// (`Studio 5`, `Flat 48Q`) or a US military unit's box or ship (`PSC
/// 0807, Box 3661`, `USNS Smith`): its address goes on on the next line.
pub(super) fn flat_ends_line(buf: &[u8], s: usize, e: usize) -> bool {
    let line = buf[s..e].strip_suffix(b"\n").unwrap_or(&buf[s..e]);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    // (A JSON string's escaped break is read as a space and a break.)
    let line = line.strip_suffix(b" ").unwrap_or(line);
    let mut words = line.rsplitn(3, |&b| b == b' ');
    let (Some(number), Some(word)) = (words.next(), words.next()) else {
        return false;
    };
    let ship = [&b"USNS"[..], b"USNV", b"USS", b"USCGC"].contains(&word)
        && number.first().is_some_and(u8::is_ascii_uppercase)
        && number[1..].iter().all(u8::is_ascii_lowercase);
    let digits = number.iter().take_while(|b| b.is_ascii_digit()).count();
    ship || (1..=5).contains(&digits)
        && number.len() - digits <= 1
        && number[digits..].iter().all(u8::is_ascii_alphabetic)
        && ([&b"Flat"[..], b"Studio", b"Apartment"].contains(&word) || word == b"Box" && digits == number.len())
}

/// Whether `line` (a line's bytes on) starts with a line of a postcode and
/// a city or of a city and a postcode, and nothing else (`28013 Madrid`,
/// `D-10115 Berlin`, `Jaén, 18003`): the second line of a European address.
/// A JSON string's escaped break is read as a space and a break.
pub(super) fn postcode_line(line: &[u8]) -> bool {
    let end = line
        .iter()
        .take(64)
        .position(|&b| b == b'\n')
        .unwrap_or(line.len().min(64));
    if end == 64 && line.len() > 64 {
        return false;
    }
    let t = line[..end].trim_ascii();
    let t = t.strip_suffix(b"\"").unwrap_or(t).trim_ascii_end();
    let capital = |b: &u8| b.is_ascii_uppercase() || matches!(b, 0xC3..=0xC5);
    let digits = |t: &[u8]| t.iter().take_while(|b| b.is_ascii_digit()).count();
    // A postcode first (a country's letters before it), then the city.
    let lead = t.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let p = if (1..=2).contains(&lead) && t.get(lead) == Some(&b'-') {
        lead + 1
    } else {
        0
    };
    let n = digits(&t[p..]);
    if (4..=5).contains(&n) && t.get(p + n) == Some(&b' ') && t.get(p + n + 1).is_some_and(capital) {
        return !t[p + n + 1..].iter().any(|b| b.is_ascii_digit() || *b == b',');
    }
    // The city first, then a comma and the postcode, which ends the line.
    let Some(comma) = t.iter().position(|&b| b == b',') else {
        return false;
    };
    let tail = &t[comma..];
    // Each of the city's words capitalised, or a short particle (`Santa
    // Cruz de Tenerife`), and at most five.
    let city_words: Vec<&[u8]> = t[..comma].split(|&b| b == b' ').collect();
    let city = city_words.len() <= 5
        && city_words
            .iter()
            .all(|w| w.first().is_some_and(capital) || (1..=3).contains(&w.len()));
    let postcode = tail.get(2..).map_or(0, digits);
    t.first().is_some_and(capital)
        && city
        && !t[..comma].iter().any(u8::is_ascii_digit)
        && tail.len() >= 6
        && tail[1] == b' '
        && (4..=5).contains(&postcode)
        && tail.len() == 2 + postcode
}

/// [`ADDRESS`] with its `{rare}` spelled out: [`RARE_STREET_WORDS`].
pub(super) fn address_pattern() -> String {
    ADDRESS.replacen("{rare}", &RARE_STREET_WORDS.join("|"), 1)
}

/// The start of [`ADDRESS`]'s main form: a house number (up to five
/// digits, then a letter or a dash and a capital, or neither) and a space.
#[cfg(test)]
pub(super) const HOUSE_NUMBER: &str = r"\b[0-9]{1,5}(?:[a-zA-Z]|-[A-Z])? ";

/// Whether `t` may hold a match of [`ADDRESS`], by what each of its forms
/// must hold: a [`HOUSE_NUMBER`]'s end (a space after a digit, after a
/// digit and a letter, or after a digit, a dash and a capital); US military
/// mail's `APO A`, `FPO A` or `DPO A`; a British flat's word, a space and a
/// digit. A test checks the forms against this list. Most lines of a CSV
/// file, whose numbers end at a delimiter, hold none of them.
pub(super) fn address_may_match(t: &[u8]) -> bool {
    // One pass over the spaces: each form has one at a place it names.
    memchr::memchr_iter(b' ', t).any(|i| {
        let at = |k: usize| i.checked_sub(k).map(|j| t[j]);
        let digit = |k: usize| at(k).is_some_and(|b| b.is_ascii_digit());
        let before = &t[..i];
        let next = t.get(i + 1).copied();
        // A house number before it.
        digit(1)
            || (at(1).is_some_and(|b| b.is_ascii_alphabetic()) && digit(2))
            || (at(1).is_some_and(|b| b.is_ascii_uppercase()) && at(2) == Some(b'-') && digit(3))
            // `APO AE`, `FPO AP`, `DPO AA`.
            || (next == Some(b'A') && before.ends_with(b"PO") && matches!(at(3), Some(b'A' | b'F' | b'D')))
            // `Flat 3`, `Unit 12`.
            || (next.is_some_and(|b| b.is_ascii_digit())
                && [&b"Flat"[..], b"Studio", b"Apartment", b"Unit"].iter().any(|w| before.ends_with(w)))
    })
}

/// Whether `t` may hold a match of [`eu_address`], by what each of its
/// five forms must hold: a postcode with the city after it (`, 10115
/// Berlin`, `2404 DQ, Lierderholthuis`, `H-6908 Szentgyörgyk`), a
/// Brazilian CEP (`39693-729 `), a comma and a capital (the city after
/// the street's number), or a comma and a postcode (the city before it, on
/// the street's next line). A test checks the forms against this list. Most
/// lines of a CSV file (numbers end at a delimiter) and of JSON Lines (a
/// comma and a quote) hold none of them.
pub(super) fn eu_address_may_match(t: &[u8]) -> bool {
    static SCREEN: std::sync::LazyLock<Option<Regex>> = std::sync::LazyLock::new(|| {
        regex::bytes::RegexBuilder::new(concat!(
            r"\s(?:[A-Z]{1,2}-)?[0-9]{2,5}(?:[-\s][0-9]{2,3}|\s?[A-Z]{2})?,?\s{1,2}[A-Z\xC3-\xC5]",
            r"|\s[0-9]{5}-?[0-9]{3}\s",
            r"|,[ \t][A-Z\xC3-\xC5]",
            // A city, then its postcode ending the line (`Jaén, 18003`).
            r"|,[ \t][0-9]{4,5}\b",
        ))
        .unicode(false)
        .build()
        .ok()
    });
    // Without its screen (it is tested to compile), every line is searched.
    SCREEN.as_ref().is_none_or(|re| re.is_match(t))
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
/// (the places an address of any street word may end), a
/// [`portuguese_tail_at`] or a [`brazilian_tail_at`], a
/// [`three_two_tail_at`] (the lines [`THREE_TWO_ADDRESS`] is searched on)
/// and a [`regional_tail_at`].
pub(super) fn postal_tails(buf: &[u8]) -> PostalTails {
    let mut tails = PostalTails::default();
    for i in memchr::memmem::find_iter(buf, b", ") {
        // Every tail starts with a digit, a capital or a Greek letter
        // (most commas in data are before a quote or a word).
        if !matches!(buf.get(i + 2), Some(b'0'..=b'9' | b'A'..=b'Z' | 0xCE)) {
            continue;
        }
        let three_two = three_two_tail_at(buf, i + 2);
        if postal_tail_at(buf, i + 2) {
            tails.address.push(i);
        } else if portuguese_tail_at(buf, i + 2) || brazilian_tail_at(buf, i + 2) {
            tails.eu.push(i);
        } else if three_two {
            tails.three_two.push(i);
        }
        if let Some(form) = regional_tail_at(&buf[i + 2..], three_two) {
            tails.regional.push((i, form));
        }
    }
    // A US military post office at a line's start (`PSC 0807, Box
    // 3661\nAPO AA 95388`), the break as it is or escaped in JSON.
    let mut military: Vec<usize> = memchr::memmem::find_iter(buf, b"PO A")
        .filter(|&i| {
            i >= 2
                && matches!(buf[i - 1], b'A' | b'F' | b'D')
                && (buf[i - 2] == b'\n' || i >= 3 && buf[i - 3..i - 1] == *b"\\n")
        })
        .map(|i| i - 1)
        .collect();
    if !military.is_empty() {
        tails.address.append(&mut military);
        tails.address.sort_unstable();
    }
    tails
}

/// Where [`postal_tails`] found the ends of addresses, by the pattern
/// that reads them.
#[derive(Debug, Default)]
pub(super) struct PostalTails {
    /// A state and ZIP code or postcode, a UK postcode, a US military post
    /// office: [`ADDRESS`].
    pub address: Vec<usize>,
    /// A Portuguese or Brazilian postcode: [`eu_address`].
    pub eu: Vec<usize>,
    /// A three-and-two-digit postcode: [`THREE_TWO_ADDRESS`].
    pub three_two: Vec<usize>,
    /// The end of a regional form no word leads ([`regional_tail_at`]).
    pub regional: Vec<(usize, Form)>,
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
    // India's house number (`H.No. 256, Chand Path, Dibrugarh`): the
    // address is what follows.
    "h.no.",
    "h. no.",
    "house no.",
    // Swahili: a house's number (`Nyumba Na. 23, Argwings Kodhek Road`),
    // and `I live` / `he lives`.
    "nyumba na.",
    "nyumba namba",
    "ninaishi",
    "anaishi",
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
    // In other scripts, both cases where they have them.
    "\u{430}\u{434}\u{440}\u{435}\u{441}",
    "\u{410}\u{434}\u{440}\u{435}\u{441}",
    "\u{3b4}\u{3b9}\u{3b5}\u{3cd}\u{3b8}\u{3c5}\u{3bd}\u{3c3}\u{3b7}",
    "\u{394}\u{3b9}\u{3b5}\u{3cd}\u{3b8}\u{3c5}\u{3bd}\u{3c3}\u{3b7}",
    "\u{5db}\u{5ea}\u{5d5}\u{5d1}\u{5ea}",
    "\u{5730}\u{5740}",
    "\u{4f4f}\u{6240}",
    "\u{c8fc}\u{c18c}",
    "\u{e17}\u{e35}\u{e48}\u{e2d}\u{e22}\u{e39}\u{e48}",
    "\u{111}\u{1ecb}a ch\u{1ec9}",
    "\u{110}\u{1ecb}a ch\u{1ec9}",
    "c\u{ed}m",
    "adres\u{103}",
    // Swahili, Persian (`آدرس`, `نشانی`) and Arabic (`العنوان`: bare
    // `عنوان` is a title in Persian).
    "anwani",
    "\u{622}\u{62f}\u{631}\u{633}",
    "\u{646}\u{634}\u{627}\u{646}\u{6cc}",
    // Hindi (`पता:`).
    "\u{92a}\u{924}\u{93e}",
    "\u{627}\u{644}\u{639}\u{646}\u{648}\u{627}\u{646}",
    // Hebrew writes `and` and `the` glued to the word (`והכתובת שלי היא`).
    "\u{5d4}\u{5db}\u{5ea}\u{5d5}\u{5d1}\u{5ea}",
    "\u{5d5}\u{5d4}\u{5db}\u{5ea}\u{5d5}\u{5d1}\u{5ea}",
];

/// The value after an [`ADDRESS_CUE_VERBS`] or [`ADDRESS_CUE_NOUNS`]
/// word (group 1), up to the end of its line or clause; [`cue_address`]
/// decides what of it is an address.
pub(super) fn address_cue() -> String {
    format!(
        concat!(
            // A noun may be inflected (`Адреса`, `addresses`) and
            // qualified by two words (`Address for delivery:`, `آدرس
            // تحویل:`, `anwani yangu ni`); `is` in the languages whose
            // word order puts it there.
            r"(?:(?i:{verbs})[ \t]{{1,3}}|(?i:{nouns})[^ \t\n\r:\x22]{{0,4}}(?:[ \t][^ \t\n\r:\x22]{{1,20}}){{0,2}}?[ \t]{{0,3}}",
            r"(?::|\xEF\xBC\x9A|[ \t](?i:is|ni|\xD7\x94\xD7\x99\xD7\x90|\xD7\x94\xD7\x95\xD7\x90)[ \t])[ \t]{{0,3}}",
            // An iCalendar event's place (`LOCATION;LANGUAGE=tr:`): an
            // address where it has an address's shape, not a room's.
            r"|LOCATION(?:;[^:\n]{{0,80}})?:)",
            // A digit, a capital, or a letter of another script; or a
            // flat and its number in lower case (`flat 46s, bailey valley`).
            r"((?:[0-9A-Z\xC3-\xEF]|(?i:flat|studio|apartment|apt\.?|unit|suite)[ \t][0-9])[^\n\r;!?|\x22<>]*)"
        ),
        verbs = byte_alternation(ADDRESS_CUE_VERBS),
        nouns = byte_alternation(ADDRESS_CUE_NOUNS),
    )
}

/// The shape an address after a cue word has: a house number and a
/// capitalised word (`8666 Garcia Roads`), a flat or unit and its number
/// (`Flat 53`), or capitalised words and a house number (`Strada
/// Beatrice, 5`, `Benákova 4`; or words of another script: `Βρακά 8`,
/// `הרב ניסים 76`); then a comma and a city or postcode. Or all in lower
/// case, as a speech transcript writes it: a house number or a flat's,
/// words ending with a street word ([`ADDRESS_WORDS`],
/// [`RARE_STREET_WORDS`]), and a US ZIP code, a British postcode or an
/// Australian state and postcode at the end (`805 campos trail,
/// michaelside, id 36858`, `flat 46s, bailey valley, hayleyborough, b05
/// 9dr`, `4 wyatt rest, north garrett, sa, 2935`).
pub(super) fn cue_address_shape() -> String {
    let mut streets: Vec<String> = ADDRESS_WORDS
        .iter()
        .chain(RARE_STREET_WORDS)
        .map(|w| regex::escape(&w.trim_end_matches('.').to_lowercase()))
        .collect();
    // USPS Publication 28's suffixes the lists keep out as common words
    // (a lowercase transcript's address is found by its number, its commas
    // and its tail instead).
    streets.extend(
        [
            "hwy", "common", "course", "flats", "fork", "key", "light", "lights", "mission", "mount", "plaza", "rest",
            "run", "spring", "track", "union", "via", "wall", "ways", "well", "yard",
        ]
        .map(String::from),
    );
    streets.sort_unstable();
    streets.dedup();
    format!(
        concat!(
            r"^(?:(?:[0-9]{{1,5}}(?:/[0-9]{{1,5}})?[a-zA-Z]?,?[ \t]+[A-Z\xC3-\xEF]",
            // (Capitalised: in lower case only the transcript's form below.)
            r"|(?:Flat|Studio|Apartment|Apt\.?|Unit|Suite|FLAT|STUDIO|APARTMENT|APT\.?|UNIT|SUITE)[ \t]+[0-9]",
            // (The number may follow its mark: Turkish `Sk. No:93`,
            // `Calle Mayor nº 5`, German `Nr. 12`.)
            r"|[A-Z\xC3-\xEF][^,0-9]{{0,60}},?[ \t](?:(?:No|NO|Nr|nr|N\xC2[\xB0\xBA]|n\xC2[\xB0\xBA])\.?:?[ \t]?)?[0-9]{{1,5}}[a-zA-Z]?(?:[/-][0-9]{{1,4}}[a-zA-Z]?)?\b)",
            r"[^\n]*,[ \t]*[0-9A-Z\xC3-\xEF]",
            r"|(?:(?:flat|studio|apartment|apt\.?|unit|suite)[ \t][0-9]{{1,4}}[a-z]?,?[ \t](?:[0-9]{{1,5}}[a-z]?[ \t])?|[0-9]{{1,5}}[a-z]?[ \t])",
            r"(?:[a-z]+[ \t]){{0,3}}(?:{streets})(?:[ \t](?:suite|apt\.?|unit)[ \t][0-9a-z]{{1,5}})?",
            r",[^\n]{{1,60}}(?:[ \t][0-9]{{5}}(?:-[0-9]{{4}})?|[ \t][a-z]{{1,2}}[0-9][a-z0-9]?[ \t][0-9][a-z]{{2}}",
            r"|[ \t](?:nsw|vic|qld|wa|sa|tas|act|nt),?[ \t][0-9]{{4}})$",
            // In Arabic script: a street, lane or plate word, then digits
            // of any of its scripts (`شیراز، خیابان شریعتی، ... پلاک ۲۹`).
            // (Or its house number first: `8668 شارع المدينة المنورة، ...`.)
            r"|(?:[0-9]{{1,5}}[ \t](?:{arabic})|[\xD8-\xDB][^\n]{{0,80}}(?:{arabic}))[^\n]*(?:[0-9]|\xDB[\xB0-\xB9]|\xD9[\xA0-\xA9]))",
        ),
        streets = streets.join("|"),
        arabic = byte_alternation(ARABIC_SCRIPT_STREET_WORDS),
    )
}

/// Street, lane, square and plate words of Persian and Arabic addresses.
const ARABIC_SCRIPT_STREET_WORDS: &[&str] = &[
    "\u{62e}\u{6cc}\u{627}\u{628}\u{627}\u{646}",
    "\u{6a9}\u{648}\u{686}\u{647}",
    "\u{67e}\u{644}\u{627}\u{6a9}",
    "\u{645}\u{6cc}\u{62f}\u{627}\u{646}",
    "\u{628}\u{644}\u{648}\u{627}\u{631}",
    "\u{634}\u{627}\u{631}\u{639}",
];

/// What of the value after a cue word (`buf[s..e]`) is an address: up to
/// the end of its sentence (a full stop before a capital, or at the end),
/// without trailing commas and spaces, if it has [`CUE_ADDRESS_SHAPE`]
/// and its house number is no year.
pub(super) fn cue_address(shape: &Regex, buf: &[u8], s: usize, e: usize) -> Option<(usize, usize)> {
    let v = &buf[s..e];
    let mut end = v.len();
    // No full stop ends a sentence after an ordinal (Turkish `1203. Sk.`)
    // or before a house number's mark (`Sk. No:93`, `Str. Nr. 4`).
    let numbered = |rest: &[u8]| {
        let w = rest
            .split(|&c| c == b' ' || c == b'.' || c == b':')
            .next()
            .unwrap_or_default();
        matches!(w, b"No" | b"NO" | b"Nr" | b"N\xC2\xB0" | b"N\xC2\xBA")
    };
    // Nor after a street word's abbreviation (Turkish `Kültür Mah. Yaman
    // Sok. No:126`, `Atatürk Cad. 5`, Polish `ul.`).
    let abbreviated = |head: &[u8]| {
        let w = head.rsplit(|&c| c == b' ').next().unwrap_or_default();
        [
            &b"Mah"[..],
            b"Mh",
            b"Sok",
            b"Sk",
            b"Cad",
            b"Cd",
            b"Bulv",
            b"Blv",
            b"Apt",
            b"Kat",
            b"Daire",
            b"ul",
            b"al",
            b"os",
            b"pl",
        ]
        .iter()
        .any(|a| w.eq_ignore_ascii_case(a))
    };
    for (i, &b) in v.iter().enumerate() {
        let next = v.get(i + 1).copied();
        let after = v.get(i + 2).copied();
        if b == b'.'
            && (next.is_none()
                || next == Some(b'\t')
                || (next == Some(b' ')
                    && after.is_some_and(|c| c.is_ascii_uppercase() || c >= 0xC3)
                    && !(i > 0 && v[i - 1].is_ascii_digit())
                    && !numbered(&v[i + 2..])
                    && !abbreviated(&v[..i])))
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

/// Flats, floors and offices after the house number (`27 Apt. 49 ,`, `5
/// Appartamento 9,`, `7 Piso 6`, `159 Edif. 083 , Depto. 016`), and the
/// space Spanish addresses leave before the comma.
macro_rules! flat_unit {
    () => {
        r"(?:[ \t](?i:apt\.|piso|puerta|planta|appartamento|piano|interno|int\.|scala|edif\.|depto\.|dpto\.|dto\.|interior|of\.|oficina|local|casa|bodega)[ \t][0-9A-Za-z]{1,4}(?:[ \t]?,[ \t](?i:depto\.|dpto\.|piso|puerta|interior)[ \t][0-9A-Za-z]{1,4})?)?[ \t]?"
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
            r"|\b[0-9]{{1,5}}[a-zA-Z]?,?[ \t](?i:rue|avenue|boulevard|chemin|all\xC3\xA9e|impasse|quai)[ \t](?:[A-Za-z\x80-\xFF'.-]+[ \t]){{0,5}}?[A-Za-z\x80-\xFF'.-]+(?:[ \t](?:Apt\.|Suite|app\.|bureau)[ \t][0-9]{{1,5}})?",
        ),
        words = words,
        number = house_number!(),
        unit = flat_unit!(),
    );
    let number = house_number!();
    let postcode = r",?\s{1,2}(?:[A-Z]{1,2}-)?(?:[0-9]{5}|[0-9]{4}(?:\s?[A-Z]{2}\b)?|[0-9]{4}-[0-9]{3}|[0-9]{2}-[0-9]{3}|[0-9]{3}\s[0-9]{2}),?\s[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]+";
    format!(
        concat!(
            r"(?:\b{{start-half}}[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]*(?i:{glued})\s{{1,2}}{number}",
            r"|\b(?i:{words})\s(?:[A-Za-z0-9\x80-\xFF'.-]+\s){{0,5}}?[A-Za-z\x80-\xFF'.-]+,?\s{number}{unit}",
            r"|\b[0-9]{{1,5}}[a-zA-Z]?,?\s(?i:rue|avenue|boulevard|chemin|all\xC3\xA9e|place|impasse|quai)\s(?:[A-Za-z\x80-\xFF'.-]+\s){{0,5}}?[A-Za-z\x80-\xFF'.-]+)",
            "{postcode}",
            // A French street with no house number, its postcode and city
            // (`avenue de Jacob, 52863 Lacroixnec`): the name after the
            // street word starts capitalised, or after `de`, `du`, `des`
            // or `d'` (not `avenue for growth, 20000 Users`).
            r"|\b(?i:rue|avenue|boulevard|chemin|all\xC3\xA9e|impasse|quai)\s(?:(?:de la|de|du|des)\s|d')?[A-Z\xC3-\xC5][A-Za-z\x80-\xFF'-]*(?:\s[A-Z\xC3-\xC5][A-Za-z\x80-\xFF'-]*){{0,3}},\s[0-9]{{4,5}}\s[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]+",
            // A Brazilian address: the street (its name capitalised,
            // or after `de`, `da`, `do`), its number, the neighbourhood,
            // the CEP, the city and the state (`Área Mendes, 70,
            // Bonsucesso, 39693729 Aparecida / MG`).
            r"|(?:\b(?i:{br_words})|{br_non_ascii})\s(?:(?:de|da|do|dos|das)\s){{0,2}}[A-Z\xC3-\xC5][A-Za-z\x80-\xFF'.-]*(?:\s[A-Za-z\x80-\xFF'.-]+){{0,4}},\s(?:(?:[0-9]{{1,5}}|[Ss]/[Nn]),\s)?(?:[^,\n/]{{2,40}},\s)?[0-9]{{5}}-?[0-9]{{3}}\s(?:(?:da|de|do|dos|das)\s)?[A-Z\xC3-\xC5][^,\n/]{{1,40}}\s/\s(?:{states})\b",
            r"|(?P<city>(?:\b{{start-half}}[A-Z\xC3-\xC5][A-Za-z\x80-\xFF-]*(?i:{glued})[ \t]{{1,2}}{number}|{street}",
            r"),[ \t](?:[A-Z\xC3-\xC5][a-z\x80-\xFF'-]{{2,}}(?:[A-Z][a-z\x80-\xFF'-]+)?|[A-Z][a-z]+[ \t][A-Z\xC3-\xC5][a-z\x80-\xFF'-]+)(?:[ \t][A-Z\xC3-\xC5][a-z\x80-\xFF'-]+)?\b)",
            // A street on its line, then the city and its postcode on the
            // next (`Via Danilo Montoya 617\nJaén, 18003`; a JSON string's
            // escaped break is read as a space and a break).
            r"|(?:{street})[ \t]?\r?\n[A-Z\xC3-\xC5][A-Za-z\x80-\xFF'-]+(?:[ \t][A-Za-z\x80-\xFF'-]+){{0,3}},[ \t][0-9]{{4,5}}\b",
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

/// The forms of [`regional_pattern`], one regex each: a line is read
/// with the forms whose words it holds or whose postal tail it ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Form {
    Hungarian,
    Romanian,
    Cyrillic,
    Greek,
    Hebrew,
    IndianPin,
    IndianStreet,
    Indonesian,
    Colombian,
    Numero,
    Chilean,
    PoBox,
    Slavic,
    FrenchCanadian,
    Japanese,
    Chinese,
    Korean,
    Thai,
    Georgian,
    Vietnamese,
    Armenian,
    Azerbaijani,
}

/// How many forms [`Form`] has.
const FORMS: usize = 22;

/// The words that lead each form's lines, and where they count (the
/// word pass finds them with the detector's other words).
pub(super) const REGIONAL_WORDS: &[(&[&str], Gate, Form)] = &[
    (
        &[
            "utca",
            "\u{fa}t",
            "\u{fa}tja",
            "t\u{e9}r",
            "k\u{f6}z",
            "k\u{f6}r\u{fa}t",
            "krt.",
            "s\u{e9}t\u{e1}ny",
            "fasor",
            "rakpart",
            "l\u{e9}pcs\u{151}",
            "d\u{171}l\u{151}",
        ],
        Gate::WordStart,
        Form::Hungarian,
    ),
    (
        &[
            "Strada",
            "Str.",
            "Aleea",
            "Bulevardul",
            "Bd.",
            "B-dul",
            "Calea",
            "Intrarea",
            "Drumul",
            "Soseaua",
            "Splaiul",
            "Piata",
            "Fundatura",
            "Prelungirea",
        ],
        Gate::Capitalised,
        Form::Romanian,
    ),
    (
        &["\u{218}oseaua", "Pia\u{21b}a", "Fund\u{103}tura"],
        Gate::WordStart,
        Form::Romanian,
    ),
    (CYRILLIC_STREET_WORDS, Gate::WordStart, Form::Cyrillic),
    (
        &["Jalan", "Jl.", "Jln.", "Gang", "Gg."],
        Gate::Capitalised,
        Form::Indonesian,
    ),
    (
        &[
            "Carrera",
            "Cra.",
            "Cl.",
            "Kr.",
            "Transversal",
            "Tv.",
            "Diagonal",
            "Dg.",
            "Circular",
            "Avenida",
            "Av.",
            "Calle",
        ],
        Gate::Capitalised,
        Form::Colombian,
    ),
    (&["n\u{b0}", "n\u{ba}"], Gate::WordStart, Form::Numero),
    (&["Regi\u{f3}n"], Gate::Capitalised, Form::Chilean),
    (
        &["Marg", "Nagar", "Chowk", "Colony", "Zila", "Ganj"],
        Gate::Capitalised,
        Form::IndianStreet,
    ),
    (&["Box"], Gate::Capitalised, Form::PoBox),
    (&["sk\u{e1}", "ck\u{e1}"], Gate::Anywhere, Form::Slavic),
    (
        &["route", "rang", "mont\u{e9}e", "rue", "chemin", "all\u{e9}"],
        Gate::WordStart,
        Form::FrenchCanadian,
    ),
    (
        &["\u{4e01}\u{76ee}", "\u{756a}\u{5730}", "\u{3012}"],
        Gate::Anywhere,
        Form::Japanese,
    ),
    (&["\u{53f7}", "\u{865f}", "\u{5ea7}"], Gate::Anywhere, Form::Chinese),
    (
        &[
            "\u{d2b9}\u{bcc4}\u{c2dc} ",
            "\u{ad11}\u{c5ed}\u{c2dc} ",
            "\u{c2dc} ",
            "\u{b3c4} ",
        ],
        Gate::Anywhere,
        Form::Korean,
    ),
    (
        &["\u{e16}.", "\u{e16}\u{e19}\u{e19}", "\u{e0b}.", "\u{e0b}\u{e2d}\u{e22}"],
        Gate::Anywhere,
        Form::Thai,
    ),
    (&["\u{10e5}."], Gate::Anywhere, Form::Georgian),
    (
        &[
            "ph\u{1b0}\u{1edd}ng",
            "x\u{e3}",
            "qu\u{1ead}n",
            "huy\u{1ec7}n",
            "t\u{1ec9}nh",
            "th\u{e0}nh ph\u{1ed1}",
            "th\u{1ecb} x\u{e3}",
            "tp.",
        ],
        Gate::WordStart,
        Form::Vietnamese,
    ),
    (&["\u{584}.", "\u{563}."], Gate::Anywhere, Form::Armenian),
    (
        &[
            "k\u{fc}\u{e7}\u{259}si",
            "k\u{fc}\u{e7}.",
            "prospekti",
            "pr.",
            "d\u{f6}ng\u{259}si",
            "\u{15f}ossesi",
        ],
        Gate::WordStart,
        Form::Azerbaijani,
    ),
];

/// Russian and Ukrainian street types (`ул.`, `пер.`, `вулиця`, `узвіз`).
const CYRILLIC_STREET_WORDS: &[&str] = &[
    "\u{443}\u{43b}.",
    "\u{443}\u{43b}\u{438}\u{446}\u{430}",
    "\u{43f}\u{435}\u{440}.",
    "\u{43f}\u{435}\u{440}\u{435}\u{443}\u{43b}\u{43e}\u{43a}",
    "\u{43f}\u{440}\u{43e}\u{441}\u{43f}.",
    "\u{43f}\u{440}\u{43e}\u{441}\u{43f}\u{435}\u{43a}\u{442}",
    "\u{43f}\u{440}-\u{442}",
    "\u{43f}\u{440}.",
    "\u{430}\u{43b}\u{43b}.",
    "\u{43f}\u{430}\u{440}\u{43a}",
    "\u{431}\u{443}\u{43b}.",
    "\u{431}\u{443}\u{43b}\u{44c}\u{432}.",
    "\u{431}\u{443}\u{43b}\u{44c}\u{432}\u{430}\u{440}",
    "\u{448}.",
    "\u{448}\u{43e}\u{441}\u{441}\u{435}",
    "\u{448}\u{43e}\u{441}\u{435}",
    "\u{43d}\u{430}\u{431}.",
    "\u{43d}\u{430}\u{431}\u{435}\u{440}\u{435}\u{436}\u{43d}\u{430}",
    "\u{43f}\u{43b}.",
    "\u{43f}\u{43b}\u{43e}\u{449}\u{430}",
    "\u{442}\u{443}\u{43f}.",
    "\u{442}\u{443}\u{43f}\u{438}\u{43a}",
    "\u{43f}\u{440}\u{43e}\u{435}\u{437}\u{434}",
    "\u{43f}\u{440}\u{43e}\u{457}\u{437}\u{434}",
    "\u{430}\u{43b}\u{43b}\u{435}\u{44f}",
    "\u{430}\u{43b}\u{435}\u{44f}",
    "\u{43c}\u{43a}\u{440}.",
    "\u{432}\u{443}\u{43b}.",
    "\u{432}\u{443}\u{43b}\u{438}\u{446}\u{44f}",
    "\u{43f}\u{440}\u{43e}\u{432}.",
    "\u{43f}\u{440}\u{43e}\u{432}\u{443}\u{43b}\u{43e}\u{43a}",
    "\u{443}\u{437}\u{432}\u{456}\u{437}",
    "\u{441}\u{43a}\u{432}\u{435}\u{440}",
    "\u{43c}\u{430}\u{439}\u{434}\u{430}\u{43d}",
];

/// The words of `form` in [`REGIONAL_WORDS`], longest first.
fn words_of(form: Form) -> Vec<&'static str> {
    let mut words: Vec<&str> = REGIONAL_WORDS
        .iter()
        .filter(|(_, _, f)| *f == form)
        .flat_map(|(words, _, _)| words.iter().copied())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
}

/// The regex of `form` ([`regional_pattern`]), compiled on first use.
pub(super) fn regional_regex(form: Form) -> &'static Regex {
    static COMPILED: [std::sync::OnceLock<Regex>; FORMS] = [const { std::sync::OnceLock::new() }; FORMS];
    COMPILED[form as usize].get_or_init(|| {
        regex::bytes::RegexBuilder::new(&regional_pattern(form))
            .unicode(false)
            .size_limit(64 << 20)
            .dfa_size_limit(16 << 20)
            .build()
            .unwrap_or_else(|e| panic!("regional address pattern {form:?}: {e}"))
    })
}

/// Addresses in the forms of other countries, each with what it needs
/// to be told from other text:
/// - Hungarian: name, street type, house number (`Béke utca 136.,
///   Veszprém`, `Dunagyörgyi út 25., H-6908 Szentgyörgykövesd`);
/// - Romanian: street type, name, `Nr.`, flat, city, postcode
///   (`Bulevardul Toma Nr. 203, Strehaia`, `Strada Ene, Bailesti, 637990`);
/// - Russian and Ukrainian: the town, the street type, its name, the
///   house (`с. Жиганск, ул. Высокая, д. 3`, `вул. Шевченка, буд. 5, кв. 2`);
/// - Greek and Hebrew, with their postcode (`Κατσαντώνη 86, 43231 Πάτρα`,
///   `משעול פארן 18, כפר יונה, 8301661`);
/// - Indian, with its PIN (`77, Muni Chowk, Asansol 547280`);
/// - Indonesian (`Jl. S. Parman No. 80, Palembang`), Colombian (`Carrera
///   1L # 4-7, Nariño`), Argentine (`Av. Mitre N° 18, Comodoro Rivadavia`),
///   Chilean (`Ramón Picarte 1815, Quellón, Región de Los Lagos`);
/// - Japanese (`愛媛県町田市油井24丁目20番16号`, `東京都千代田区千代田1-1`),
///   Chinese (`北京市朝阳区建国路88号`, `台中市信義街4號8樓`), Korean
///   (`서울특별시 중구 세종대로 110`), Thai (`18/1 ถ.ธรรมสถิต ... 85430`) and
///   Georgian (`სიონის ქ. 81, რუსთავი`).
///
/// Each form is searched on the lines of its [`REGIONAL_WORDS`] and of
/// its postal tails ([`postal_tails`]), compiled on first use
/// ([`regional_regex`]).
fn regional_pattern(form: Form) -> String {
    let alt = |words: &[&str]| byte_alternation(words);
    // A Latin word, capitalised; a word that may follow in a name.
    let cap = r"[A-Z\xC3-\xC8][A-Za-z\x80-\xFF'-]*";
    let then = format!(r"(?:{cap}|de|del|la|las|los|y|[0-9]{{1,3}})");
    let cyr = r"(?:[\xD0-\xD3][\x80-\xBF]|[0-9'.-])+";
    let greek = r"(?:\xCE[\x86-\xBF]|\xCF[\x80-\x8E])";
    let greek_cap = r"\xCE[\x86-\xAB]";
    let hebrew = r"(?:\xD7[\x90-\xAA])+(?:['\x22-](?:\xD7[\x90-\xAA])+)?";
    let cjk = r"(?:[\xE4-\xE9][\x80-\xBF]{2}|\xE3[\x81-\x83][\x80-\xBF])";
    let hangul = r"(?:[\xEA-\xED][\x80-\xBF]{2})";
    let thai = r"(?:\xE0[\xB8\xB9][\x80-\xBF])";
    let georgian = r"(?:\xE1\x83[\x90-\xBF])";
    match form {
        // Hungarian.
        Form::Hungarian => format!(
            r"\b{{start-half}}{cap}(?:[ \t][A-Za-z\x80-\xFF][A-Za-z\x80-\xFF'-]*){{0,3}}[ \t](?:{hu})[ \t][0-9]{{1,4}}(?:/[A-Za-z])?\.?,[ \t](?:H-)?(?:[0-9]{{4}}[ \t])?{cap}",
            // Longer words first (`útja` before `út`).
            hu = alt(&[vec!["tere"], words_of(Form::Hungarian), vec!["u.", "sor"]].concat()),
        ),
        // Romanian.
        Form::Romanian => format!(
            r"\b{{start-half}}(?:{ro})[ \t](?:{cap}\.?[ \t]){{0,3}}{cap}(?:[ \t](?i:nr\.)[ \t]?[0-9]{{1,4}}[A-Za-z]?)?(?:[ \t]{{1,2}}(?:Bl|Sc|Et|Ap)\.[ \t]?[0-9A-Za-z]{{1,4}})*,[ \t]{cap}(?:[ \t]{cap}){{0,2}}(?:,[ \t][0-9]{{6}}\b)?",
            ro = alt(&words_of(Form::Romanian)),
        ),
        // Russian and Ukrainian.
        Form::Cyrillic => format!(
            r"(?:(?:{loc})\.?[ \t]{cyr}(?:[ \t-]{cyr}){{0,3}},[ \t])?(?:{street})[ \t]{cyr}(?:[ \t]{cyr}){{0,3}},?[ \t](?:(?:{house})\.[ \t]?)?[0-9]{{1,4}}(?:[\xD0\xD1][\x80-\xBF])?(?:/[0-9]{{1,4}})?(?:,?[ \t](?:{flat})\.[ \t]?[0-9]{{1,4}}(?:/[0-9]{{1,4}})?)*(?:,[ \t](?:[0-9]{{5,6}}\b|(?:(?:{loc})\.?[ \t])?{cyr}(?:[ \t-]{cyr}){{0,3}})){{0,2}}",
            loc = alt(&[
                "\u{433}", "\u{441}", "\u{43f}", "\u{43f}\u{43e}\u{441}", "\u{43f}\u{433}\u{442}", "\u{434}",
                "\u{441}\u{442}", "\u{43a}\u{43b}\u{445}", "\u{445}", "\u{430}\u{443}\u{43b}",
                "\u{441}\u{435}\u{43b}\u{43e}", "\u{441}\u{435}\u{43b}\u{438}\u{449}\u{435}",
                "\u{43c}\u{456}\u{441}\u{442}\u{43e}", "\u{43c}", "\u{441}\u{43c}\u{442}", "\u{43a}",
            ]),
            street = alt(CYRILLIC_STREET_WORDS),
            house = alt(&["\u{434}", "\u{431}\u{443}\u{434}", "\u{434}\u{43e}\u{43c}"]),
            flat = alt(&["\u{43a}", "\u{43a}\u{432}", "\u{43a}\u{43e}\u{440}\u{43f}", "\u{441}\u{442}\u{440}", "\u{43e}\u{444}"]),
        ),
        // Greek, with its postcode.
        Form::Greek => format!(
            r"{greek_cap}{greek}*(?:[ \t]{greek}+){{0,3}}[ \t][0-9]{{1,4}}(?:-[0-9]{{1,4}})?,{{1,2}}[ \t](?:\xCE\xA4\xCE\x9A[ \t])?(?:[0-9]{{5}}|[0-9]{{3}}[ \t][0-9]{{2}})[ \t]{greek_cap}{greek}*(?:[ \t]{greek}+){{0,2}}"
        ),
        // Hebrew, with its postcode.
        Form::Hebrew => format!(r"{hebrew}(?:[ \t]{hebrew}){{0,3}}[ \t][0-9]{{1,4}},[ \t]{hebrew}(?:[ \t]{hebrew}){{0,3}},[ \t][0-9]{{7}}\b"),
        // Indian, with its PIN.
        // A house number of parts (`12-2-417`, `B-1104`, `256/3`), one to
        // three places (`4th Block`), and the PIN after a space or a dash
        // (`Mumbai - 722347`).
        Form::IndianPin => r"\b(?:H\.?[ \t]?No\.?[ \t]?)?(?:[A-Z]-)?[0-9]{1,4}(?:[/-][0-9]{1,4}){0,2}(?:,[ \t](?:(?:[A-Z][a-z]+|[0-9]{1,2}(?:st|nd|rd|th))[ \t]){0,3}[A-Z][a-z]+){1,3}(?:[ \t]?-[ \t]?|[ \t])[1-9][0-9]{5}\b".to_owned(),
        // Indonesian.
        Form::Indonesian => r"\b(?:Jalan|Jl\.|Jln\.|Gang|Gg\.)[ \t](?:[A-Z][A-Za-z.]*[ \t]){0,4}No\.[ \t]?[0-9]{1,4}[A-Za-z]?(?:,[ \t](?:[A-Z][a-z]+[ \t]){0,3}[A-Z][a-z]+)?(?:,[ \t][A-Z]{2}[ \t][0-9]{5}\b)?".to_owned(),
        // Colombian.
        Form::Colombian => format!(
            r"\b(?:Calle|Cl\.|Carrera|Cra\.|Kr\.|Avenida|Av\.|Transversal|Tv\.|Diagonal|Dg\.|Circular)(?:[ \t][0-9A-Za-z\x80-\xFF.]+){{1,4}}[ \t]\#[ \t]?[0-9]{{1,3}}[A-Z]?-[0-9]{{1,3}}(?:[ \t](?:Sur|Este|Norte|Oeste))?(?:,[ \t](?:{cap}(?:[ \t]{then}){{0,4}}|[0-9]{{6}}\b)){{0,4}}"
        ),
        // Argentine and other Spanish `N°`.
        Form::Numero => format!(
            r"\b(?:{cap}\.?[ \t]|[0-9]{{1,4}}[ \t]){{1,4}}N\xC2[\xB0\xBA][ \t]?[0-9]{{1,5}}(?:[ \t](?:Piso|Dto\.|Depto\.|Oficina|Of\.)[ \t][0-9A-Za-z]{{1,4}})*,[ \t]{cap}(?:[ \t]{then}){{0,4}}(?:,[ \t]{cap}(?:[ \t]{then}){{0,4}})?"
        ),
        // Chilean, with its region.
        Form::Chilean => format!(
            r"\b{{start-half}}{cap}\.?(?:[ \t]{then}){{0,3}}[ \t][0-9]{{1,5}}(?:[ \t](?:Piso|Dpto\.|Depto\.|Of\.|Oficina|Casa|Local)[ \t][0-9A-Za-z]{{1,4}})?,[ \t]{cap}(?:[ \t]{then}){{0,3}},[ \t]Regi\xC3\xB3n[ \t](?:{cap}|de|del)(?:[ \t]{then}){{0,4}}"
        ),
        // Indian, with no PIN: a house number in two parts and a street
        // word (`44/516, Bose Marg, Haldia`, `H.No. 684, Kibe Nagar, Ranchi`).
        Form::IndianStreet => r"\b(?:H\.?[ \t]?No\.?[ \t]?[0-9]{1,4}|[0-9]{1,4}/[0-9]{1,4}),?(?:[ \t]|\r?\n)(?:[A-Z][a-z]+[ \t]){0,3}(?:Marg|Nagar|Chowk|Colony|Zila|Ganj|Road|Street|Circle),[ \t](?:[A-Z][a-z]+[ \t]){0,3}[A-Z][a-z]+".to_owned(),
        // A post office box and its town (`PO Box 806, Tipumaunga 6070`).
        Form::PoBox => format!(r"\b(?:PO|P\.O\.)[ \t]Box[ \t][0-9]{{1,6}},[ \t]{cap}(?:[ \t]{cap}){{0,2}}(?:[ \t][0-9]{{4,5}}\b)?"),
        // Croatian, Slovene, Slovak and Czech streets, Dutch `-ring` and
        // `-pad`, with a postcode (`Orlovac 21, 47280 Vukovar`, `Pot do
        // šole 5b, 1177 Trebnje`, `Semring 15, 2404 DQ, Lierderholthuis`),
        // and Slovak and Czech adjectives with the town alone (`Gronárska
        // 4, Baňa`).
        Form::Slavic => format!(
            r"\b{{start-half}}(?:[A-Z\xC3-\xC8][A-Za-z\x80-\xFF'-]*[a-z\x80-\xFF]{{2}}(?:ac|ova|eva|ska|\xC5\xA1ka|cka|\xC4\x8Dka|ica|ina|ring|pad)|{cap}[ \t](?:pot|trg)|(?:Pot|Pod|Na|Ob|Za|Pri|Nad|Ulica|Cesta|Trg)[ \t][A-Za-z\x80-\xFF]+(?:[ \t][A-Za-z\x80-\xFF]+)?)[ \t]{number},[ \t](?:[0-9]{{4,5}}|[0-9]{{3}}[ \t][0-9]{{2}}|[0-9]{{4}}[ \t]?[A-Z]{{2}},?)[ \t]{cap}|\b{{start-half}}{cap}(?:sk|ck)\xC3\xA1[ \t]{number},[ \t]{cap}",
            number = house_number!(),
        ),
        // French Canadian (`485 route Philippe, Robitaille`).
        Form::FrenchCanadian => format!(
            r"\b[0-9]{{1,5}},?[ \t](?:route|rang|mont\xC3\xA9e|c\xC3\xB4te|rue|chemin|avenue|boulevard|all\xC3\xA9e?)[ \t](?:de la[ \t]|de[ \t]|du[ \t]|des[ \t]|d')?{cap}(?:[ \t]{cap}){{0,3}}(?:[ \t](?:Apt\.|Suite|app\.|bureau)[ \t][0-9]{{1,5}})?,[ \t]{cap}"
        ),
        // Japanese.
        Form::Japanese => format!(
            r"(?:\xE3\x80\x92[ \t]?[0-9]{{3}}-[0-9]{{4}}[ \t]?)?{cjk}{{1,4}}?(?:{pref}){cjk}{{1,12}}?(?:{city}){cjk}{{0,12}}?[0-9]{{1,4}}(?:{chome}[0-9]{{1,4}}{ban}(?:{chi})?(?:[0-9]{{1,4}}{go})?|-[0-9]{{1,4}}(?:-[0-9]{{1,4}})?)(?:(?:[ \t]|\xE3\x80\x80){cjk}{{1,12}}[0-9]{{1,4}})?",
            pref = alt(&["\u{90fd}", "\u{9053}", "\u{5e9c}", "\u{770c}"]),
            city = alt(&["\u{5e02}", "\u{533a}", "\u{753a}", "\u{6751}", "\u{90e1}"]),
            chome = alt(&["\u{4e01}\u{76ee}"]),
            ban = alt(&["\u{756a}"]),
            chi = alt(&["\u{5730}"]),
            go = alt(&["\u{53f7}"]),
        ),
        // Chinese (mainland and Taiwan).
        Form::Chinese => format!(
            r"(?:[0-9]{{3,6}}[ \t]?)?{cjk}{{1,20}}?(?:{road})(?:[0-9]{{1,3}}{duan})?(?:[0-9]{{1,4}}{lane})?(?:[0-9]{{1,4}}{alley})?(?:[0-9]{{1,5}}(?:{hao})(?:{zhi}[0-9]{{1,3}})?(?:[0-9]{{1,3}}(?:{floor}))?|[A-Za-z]{zuo})(?:[ \t]?[0-9]{{6}}\b)?",
            road = alt(&["\u{8def}", "\u{8857}", "\u{5927}\u{9053}", "\u{5df7}"]),
            duan = alt(&["\u{6bb5}"]),
            lane = alt(&["\u{5df7}"]),
            alley = alt(&["\u{5f04}"]),
            hao = alt(&["\u{53f7}", "\u{865f}"]),
            zhi = alt(&["\u{4e4b}"]),
            floor = alt(&["\u{697c}", "\u{6a13}"]),
            zuo = alt(&["\u{5ea7}"]),
        ),
        // Korean.
        Form::Korean => format!(
            r"{hangul}{{1,10}}(?:{si}|{dou})(?:[ \t]{hangul}{{1,10}}(?:{si}|{gun}|{gu}))+[ \t](?:{hangul}|[0-9]){{1,14}}(?:{ro}|{gil}|{ga}|{geori})[ \t](?:{jiha})?[0-9]{{1,4}}(?:-[0-9]{{1,4}})?(?:[ \t]\({hangul}{{1,12}}\))?",
            si = alt(&["\u{c2dc}"]),
            dou = alt(&["\u{b3c4}"]),
            gun = alt(&["\u{ad70}"]),
            gu = alt(&["\u{ad6c}"]),
            ro = alt(&["\u{b85c}"]),
            gil = alt(&["\u{ae38}"]),
            ga = alt(&["\u{ac00}"]),
            geori = alt(&["\u{ac70}\u{b9ac}"]),
            jiha = alt(&["\u{c9c0}\u{d558}"]),
        ),
        // Thai.
        Form::Thai => format!(
            r"\b[0-9]{{1,4}}(?:/[0-9]{{1,4}})?[ \t](?:{moo}[ \t][0-9]{{1,3}}[ \t])?(?:{road})[^\n,]{{1,160}}?(?:[ \t][0-9]{{5}}\b|,[ \t]{thai}+)",
            moo = alt(&["\u{e2b}\u{e21}\u{e39}\u{e48}"]),
            road = alt(&words_of(Form::Thai)),
        ),
        // Vietnamese: a house number with its lane (`9/89/332`) or a street
        // word (`đường`, `phố`, `Ngõ`), then the ward, district, province
        // or city (`Phường Tân An`, `xã Hòa Thành tỉnh An Giang`).
        Form::Vietnamese => {
            // A word ends at a quote, a bracket or a tag as at a space (the
            // end of a JSON string, a CSV cell, an element).
            let capital = r#"(?:[A-Z]|\xC3[\x80-\x9E]|\xC4\x90|\xC6[\xA0\xAF]|\xE1[\xBA\xBB][\x80-\xBF])[^ \t\r\n,.;"'<>|()\[\]{}\\]*"#;
            let place = format!(
                r"(?:{places})[ \t]{capital}(?:[ \t]{capital}){{0,4}}",
                places = alt(&[
                    "Ph\u{1b0}\u{1edd}ng", "ph\u{1b0}\u{1edd}ng", "X\u{e3}", "x\u{e3}", "Qu\u{1ead}n", "qu\u{1ead}n",
                    "Huy\u{1ec7}n", "huy\u{1ec7}n", "T\u{1ec9}nh", "t\u{1ec9}nh", "Th\u{e0}nh ph\u{1ed1}",
                    "th\u{e0}nh ph\u{1ed1}", "Th\u{1ecb} x\u{e3}", "th\u{1ecb} x\u{e3}", "TP.",
                ]),
            );
            format!(
                r"\b(?:S\xE1\xBB\x91[ \t][0-9]{{1,4}}(?:/[0-9]{{1,4}}){{0,2}}[ \t](?:[^\n;]{{0,60}}?[ \t,])?|[0-9]{{1,4}}/[0-9]{{1,4}}(?:/[0-9]{{1,4}})?[ \t](?:[^\n;]{{0,60}}?[ \t,])?|[0-9]{{1,4}}[ \t](?:[^\n;]{{0,40}}?[ \t])?(?:{street})[ \t][^\n;]{{0,40}}?[ \t,])[ \t]?{place}(?:,?[ \t]{place}){{0,3}}(?:[ \t][0-9]{{5}}\b)?",
                street = alt(&[
                    "\u{110}\u{1b0}\u{1edd}ng", "\u{111}\u{1b0}\u{1edd}ng", "Ph\u{1ed1}", "ph\u{1ed1}", "Ng\u{f5}",
                    "ng\u{f5}", "Kh\u{f3}m", "Khu", "H\u{1ebb}m", "h\u{1ebb}m",
                ]),
            )
        }
        // Armenian: the town (`ք.` a city, `գ.` a village), its region and
        // postcode, the street and house (`ք. Աշտարակ, 0543, Ոսկերիչների 929`).
        Form::Armenian => {
            let word = r"(?:\xD4[\xB1-\xBF]|\xD5[\x80-\xBF]|\xD6[\x80-\x87])+(?:-(?:\xD4[\xB1-\xBF]|\xD5[\x80-\xBF]|\xD6[\x80-\x87])+)?";
            format!(
                r"(?:{town})[ \t]{word}(?:[ \t]{word}){{0,2}},[ \t](?:{word}(?:[ \t]{word}){{0,2}},[ \t])?(?:[0-9]{{4}},[ \t])?{word}(?:[ \t]{word}){{0,3}}[ \t][0-9]{{1,4}}(?:,[ \t]{flat}[ \t][0-9]{{1,4}})?",
                town = alt(&words_of(Form::Armenian)),
                flat = alt(&["\u{562}\u{576}."]),
            )
        }
        // Azerbaijani: the district or town, the street with its type, the
        // building and flat (`Şəki şəhəri, 28 MAY küç., b. 8, m. 0`).
        Form::Azerbaijani => {
            let word = r#"(?:[A-Z0-9]|\xC3[\x80-\x9E]|\xC4[\x9E\xB0]|\xC5\x9E|\xC6\x8F)[^ \t\r\n,"'<>|()\[\]{}\\]*"#;
            format!(
                r"(?:{word}[ \t](?:{place}),[ \t]){{0,2}}(?:{word}[ \t]){{1,4}}(?:{street})(?:,[ \t]b\.[ \t][0-9]{{1,4}})?(?:,[ \t]m\.[ \t][0-9]{{1,4}})?",
                place = alt(&[
                    "ray.", "rayonu", "\u{15f}\u{259}h\u{259}ri", "\u{15f}.", "q\u{259}s\u{259}b\u{259}si", "k\u{259}ndi", "k.",
                ]),
                street = alt(&words_of(Form::Azerbaijani)),
            )
        }
        // Georgian.
        Form::Georgian => format!(
            r"{georgian}{{2,}}(?:[ \t]{georgian}{{2,}}){{0,2}}[ \t](?:{q})[ \t][0-9]{{1,4}}(?:-[0-9]{{1,4}})?,[ \t]{georgian}{{2,}}",
            q = alt(&words_of(Form::Georgian)),
        ),
    }
}

/// The form of [`regional_pattern`] that no word leads whose end `t`
/// starts with, after a comma and a space (`three_two`: `t` starts with a
/// [`three_two_tail_at`]): a Greek postcode and city
/// (`, 43231 Πάτρα`, `, ΤΚ 483 37`), a Hebrew seven-digit postcode, a
/// postcode and a town (`, 47280 Vukovar`, `, 2404 DQ, Lierderholthuis`),
/// an Indian city and PIN (`, Asansol 547280`, `, New Delhi-134125`).
fn regional_tail_at(t: &[u8], three_two: bool) -> Option<Form> {
    let digits = t.iter().take_while(|b| b.is_ascii_digit()).count();
    // Greek: five digits or three and two, after `ΤΚ` or not, then a
    // Greek capital.
    let greek = t.strip_prefix("\u{3a4}\u{39a} ".as_bytes()).unwrap_or(t);
    let d = greek.iter().take_while(|b| b.is_ascii_digit()).count();
    let city = match d {
        3 if greek.get(3) == Some(&b' ') && greek[4..].iter().take_while(|b| b.is_ascii_digit()).count() == 2 => {
            Some(&greek[6..])
        }
        5 => Some(&greek[5..]),
        _ => None,
    };
    if city.is_some_and(|r| r.len() > 2 && r[0] == b' ' && r[1] == 0xCE) {
        return Some(Form::Greek);
    }
    if digits == 7 && t.get(7).is_none_or(|b| !b.is_ascii_alphanumeric()) {
        return Some(Form::Hebrew);
    }
    // A postcode of four or five digits (three and two, four and two
    // letters) and a town.
    let postcode = match digits {
        4 | 5 => {
            let r = &t[digits..];
            let r = if digits == 4 && r.len() > 3 && r[0] == b' ' && r[1..3].iter().all(u8::is_ascii_uppercase) {
                let r = &r[3..];
                r.strip_prefix(b",").unwrap_or(r)
            } else {
                r
            };
            r.len() > 2 && r[0] == b' ' && (r[1].is_ascii_uppercase() || (0xC3..=0xC8).contains(&r[1]))
        }
        3 => three_two,
        _ => false,
    };
    if postcode {
        return Some(Form::Slavic);
    }
    indian_tail_at(t).then_some(Form::IndianPin)
}

/// Whether `t` starts with an Indian city and PIN: capitalised words, then
/// a space or a dash and six digits (`Asansol 547280`, `New Delhi-134125`,
/// `Mumbai - 722347`).
fn indian_tail_at(t: &[u8]) -> bool {
    let mut i = 0;
    for _ in 0..4 {
        if !t.get(i).is_some_and(u8::is_ascii_uppercase) {
            return false;
        }
        i += 1 + t[i + 1..].iter().take_while(|b| b.is_ascii_lowercase()).count();
        match t.get(i) {
            Some(b' ') if t.get(i + 1).is_some_and(u8::is_ascii_uppercase) => i += 1,
            Some(b' ') if t[i..].starts_with(b" - ") => {
                let d = t[i + 3..].iter().take_while(|b| b.is_ascii_digit()).count();
                return d == 6;
            }
            Some(b' ' | b'-') => {
                let d = t[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
                return d == 6;
            }
            _ => return false,
        }
    }
    false
}
