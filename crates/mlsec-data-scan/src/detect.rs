//! The detector: every personal-data and secret recogniser run over a buffer
//! of whole records, returning spans with an entity, a rule and a
//! confidence. Regexes run over the whole buffer (one pass each, ASCII
//! classes so the lazy DFA applies), candidates are confirmed by validators
//! (checksums, libphonenumber rules, entropy), and context (the column name
//! or the words just before a match) raises confidence or is required for
//! identifiers whose shape alone is too common. Formats map spans back to
//! rows and columns; this module knows nothing of formats.

use mlsec_diagnostics::codes::{
    PII_EMAIL, PII_IBAN, PII_NATIONAL_ID, PII_NETWORK, PII_PAYMENT_CARD, PII_PERSON, PII_PHONE, SEC_ENTROPY, SEC_JWT,
    SEC_PRIVATE_KEY, SEC_SECRET,
};
use mlsec_diagnostics::Rule;
use std::sync::Arc;

use regex::bytes::{Regex, RegexBuilder};

use crate::secrets::{shannon, SecretRules};
use crate::validate::{self, IdKind, ID_KINDS};
use crate::words::Gate;

mod address;
mod answers;
mod beside;
pub(crate) mod context;
mod hints;
mod lowercase_names;
pub(crate) use beside::legal_form;
pub(crate) use lowercase_names::lowercase_name_word;
mod names_before_verbs;
mod prose_names;
use address::{
    address_cue, address_pattern, capitalised_words, cue_address, eu_address, flat_ends_line, overlapping,
    postal_tails, regional_regex, year_numbered, Form, ADDRESS_CUE_NOUNS, ADDRESS_CUE_VERBS, ADDRESS_SUFFIXES,
    ADDRESS_WORDS, BR_STREET_WORDS, EU_STREET_WORDS, FLAT_WORDS, RARE_STREET_WORDS, REGIONAL_WORDS, SHORT_STREET_WORDS,
    THREE_TWO_ADDRESS, UNIT_WORDS,
};
use context::{ColumnWords, Context};
pub(crate) use hints::script_votes;
pub use hints::Hints;

/// One recognised value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Start byte in the buffer.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Entity type (`EMAIL`, `CREDIT_CARD`, `DE_TAX_ID`, `SECRET`, ...).
    pub entity: &'static str,
    /// The rule it reports under.
    pub rule: &'static Rule,
    /// 0 to 100.
    pub confidence: u8,
    /// Secret rule id, when a secret rule matched.
    pub detail: Option<String>,
}

/// Options of the detector.
#[derive(Debug, Clone, Default)]
pub struct DetectOptions {
    /// Region (ISO alpha-2) assumed for phone numbers written without `+`.
    pub phone_region: Option<String>,
    /// Skip personal data.
    pub no_pii: bool,
    /// Skip secrets.
    pub no_secrets: bool,
}

/// Confidence of an identifier with a context word (lower: the shape and
/// check digit alone).
const CONTEXT_CONFIDENCE: u8 = 92;

/// Whether `w` (a word, case aside) is a street word of the address
/// pattern (`Street`, `Trail`, `Lane`; [`address::ADDRESS_WORDS`]).
pub(crate) fn street_word(w: &str) -> bool {
    address::ADDRESS_WORDS
        .iter()
        .any(|s| s.trim_end_matches('.').eq_ignore_ascii_case(w))
}

/// [`CONTEXT_CONFIDENCE`] of `entity`: less for a kind with no check digit
/// ([`NO_CHECK_DIGIT`]).
fn context_confidence(entity: &str) -> u8 {
    if NO_CHECK_DIGIT.contains(&entity) {
        CONTEXT_CONFIDENCE - NO_CHECK_DIGIT_PENALTY
    } else {
        CONTEXT_CONFIDENCE
    }
}

/// Confidence taken from an identifier of a country the file shows no sign
/// of, unless its own words name it: enough to fall below a kind of the
/// file's own country with generic context and no check digit (86), and
/// below [`CONTEXT_CONFIDENCE`] (so it does not become a hint itself).
const FOREIGN_PENALTY: u8 = 10;

/// Words of a column or field name that say its values are phone numbers
/// (lowercase; not `contact` or `call`: `contact_id`, `call_duration`).
/// `telef`, `teléf` and `telep` stand for `Telefon`, `teléfono`,
/// `telepono`: `tel` counts only as a word of its own in text.
const PHONE_COLUMN_WORDS: &[&str] = &[
    "phone",
    "tel",
    "telef",
    "tel\u{e9}f",
    "telep",
    "tlf",
    "mobile",
    "fax",
    "whatsapp",
    // A mobile subscriber's number (`msisdn`), in E.164 without its `+`.
    "msisdn",
    "handy",
    "mobil",
    "movil",
    "m\u{f3}vil",
    "celular",
    "cellulare",
    "puhelin",
    "gsm",
];
/// The rule an identifier kind's findings are reported under: cards, bank
/// and wallet numbers, or national identifiers (every other kind).
fn kind_rule(entity: &str) -> &'static Rule {
    match entity {
        "CREDIT_CARD" => &PII_PAYMENT_CARD,
        "IBAN" | "US_ABA_ROUTING" | "BTC_ADDRESS" => &PII_IBAN,
        _ => &PII_NATIONAL_ID,
    }
}

/// Whether `entity` is a kind of national identifier or tax number (of
/// [`ID_KINDS`], reported under [`PII_NATIONAL_ID`]).
pub(crate) fn is_national_id(entity: &str) -> bool {
    ID_KINDS.iter().any(|k| k.entity == entity) && std::ptr::eq(kind_rule(entity), &PII_NATIONAL_ID)
}

/// Confidence of a number in a column named for phones that is valid in
/// no region but of a possible length: below any validated identifier
/// over the same span.
const POSSIBLE_PHONE_CONFIDENCE: u8 = 70;

/// Confidence of a number with no phone word near it, valid in one of the
/// file's regions (or the default guesses) and written in that region's
/// national groups: below a validated identifier over the same span.
const GROUPED_PHONE_CONFIDENCE: u8 = 72;

/// Whether one of [`OTHER_SCRIPT_PHONE_WORDS`] ends right before `at` in
/// `buf`: at most 24 bytes back, with only spaces and punctuation after it
/// (`电话：`, `Тел.: `), not another word (`电话. ISBN `).
fn phone_word_right_before(buf: &[u8], at: usize) -> bool {
    let raw = &buf[at.saturating_sub(24)..at];
    // Every one of the words has a byte outside ASCII.
    if raw.is_ascii() {
        return false;
    }
    let window = String::from_utf8_lossy(raw).to_lowercase();
    OTHER_SCRIPT_PHONE_WORDS.iter().any(|w| {
        window.match_indices(w).any(|(i, _)| {
            // Spaced scripts: the word starts after no letter (`хотел` is
            // no `тел`), and its own letters may follow (`Телефон`,
            // `Τηλέφωνο`). Chinese, Japanese, Korean: two more characters
            // (`电话号码`, `電話番号`, `전화번호`).
            let cjk = w.chars().next().is_some_and(|c| u32::from(c) >= 0x3000);
            let before = window[..i].chars().next_back();
            if !cjk && before.is_some_and(char::is_alphabetic) {
                return false;
            }
            let rest = &window[i + w.len()..];
            let letters = rest.chars().take_while(|c| c.is_alphabetic() && !c.is_ascii()).count();
            letters <= if cjk { 2 } else { 8 }
                && rest.chars().skip(letters).all(|c| {
                    c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '\u{ff1a}' | '\u{ff08}' | '\u{3000}')
                })
        })
    })
}

/// Whether a column or field name (lowercase) says, word for word, that its
/// values are phone numbers, and names nothing else of them: `phone`,
/// `mobile_phone`, `homephone`, `tel`, `telefonnummer`, `cell`, `fax`,
/// `contact_number`, but not `telemetry_id`, `phone_id`, `device_imei` or
/// `phone_type`.
fn phone_named_column(name: &str) -> bool {
    /// Stems that name phones wherever they are in a word.
    const STEMS: &[&str] = &[
        "phone",
        "telef",
        "tel\u{e9}f",
        "telep",
        "mobile",
        "whatsapp",
        "msisdn",
        "celular",
        "cellular",
        "puhelin",
        // Telefon, мобильный, τηλέφωνο, 电话, 電話, 手机, 携帯, 전화, 휴대폰, هاتف, جوال, تلفن, טלפון.
        "\u{442}\u{435}\u{43b}\u{435}\u{444}",
        "\u{43c}\u{43e}\u{431}\u{438}\u{43b}",
        "\u{3c4}\u{3b7}\u{3bb}\u{3ad}\u{3c6}",
        "\u{7535}\u{8bdd}",
        "\u{96fb}\u{8a71}",
        "\u{624b}\u{673a}",
        "\u{643a}\u{5e2f}",
        "\u{c804}\u{d654}",
        "\u{d734}\u{b300}\u{d3f0}",
        "\u{647}\u{627}\u{62a}\u{641}",
        "\u{62c}\u{648}\u{627}\u{644}",
        "\u{62a}\u{644}\u{641}\u{646}",
        "\u{5d8}\u{5dc}\u{5e4}\u{5d5}\u{5df}",
    ];
    /// Short words that name phones only as words of their own.
    const WORDS: &[&str] = &[
        "tel",
        "tlf",
        "fax",
        "gsm",
        "cell",
        "mob",
        "handy",
        "mobil",
        "movil",
        "m\u{f3}vil",
        "telp",
        "cellulare",
    ];
    /// Words that say the values are something else about a phone.
    const NOT: &[&str] = &[
        "id",
        "imei",
        "imsi",
        "iccid",
        "serial",
        "type",
        "kind",
        "count",
        "verified",
        "model",
        "brand",
        "os",
        "app",
        "prefix",
        "code",
        "country",
        "ext",
        "extension",
        "status",
        "flag",
        "consent",
        "opt",
        "hash",
        "sim",
        "mac",
        "ip",
        "version",
        "barcode",
        "culture",
        "line",
    ];
    // A name is a few words; a longer one (a header of one huge field) is
    // not read for every number in it.
    if name.len() > 128 {
        return false;
    }
    let words = || name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    // `phone` ends words (`homephone`, `cellphone`) but not every one
    // (`headphones`, `microphone`); the other Latin stems start them
    // (`mobile`, not `automobile`).
    let stem_in = |w: &str, stem: &str| {
        if stem == "phone" {
            w.match_indices(stem).any(|(i, _)| {
                !["head", "ear", "micro", "xylo", "saxo", "gramo", "i", "mega"]
                    .iter()
                    .any(|p| w[..i].ends_with(p))
            })
        } else if stem.is_ascii() {
            w.starts_with(stem)
        } else {
            w.contains(stem)
        }
    };
    // `contact_number`, `contact_no`: the number to reach someone on.
    let contact_number =
        || words().any(|w| w == "contact") && words().any(|w| matches!(w, "number" | "no" | "num" | "nr" | "nbr"));
    (words().any(|w| STEMS.iter().any(|s| stem_in(w, s)) || WORDS.contains(&w)) || contact_number())
        && !words().any(|w| NOT.contains(&w))
}

/// Words that say a nearby value is a phone number: a phone column's, and
/// in text also `cell`, `contact` and `call`, and asking to be called in
/// other languages (`joignable au`, `rufen Sie mich unter ... an`,
/// `llámame al`, `chiamami al`, `bel me op`).
static PHONE_CONTEXT: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    PHONE_COLUMN_WORDS
        .iter()
        .copied()
        .chain([
            "cell",
            "contact",
            "call",
            "joignable",
            "appelez",
            "rappelez",
            "rufen sie",
            "anrufen",
            "erreichbar",
            "llamar",
            "ll\u{e1}mame",
            "ll\u{e1}meme",
            "chiamare",
            "chiamami",
            "bel me",
            "bellen",
        ])
        .collect()
});
/// Phone words of other scripts (телефон, тел., τηλ., 电话, 電話, 手机, 携帯,
/// 전화, هاتف, جوال, تلفن, טלפון): right before a number, with nothing but
/// spaces and punctuation between ([`phone_word_right_before`]). Text in
/// these languages uses them as words of their own (`手机程序`, a phone
/// app), so one further back says nothing.
const OTHER_SCRIPT_PHONE_WORDS: &[&str] = &[
    "\u{442}\u{435}\u{43b}",
    "\u{3c4}\u{3b7}\u{3bb}",
    "\u{7535}\u{8bdd}",
    "\u{96fb}\u{8a71}",
    "\u{624b}\u{673a}",
    "\u{643a}\u{5e2f}",
    "\u{c804}\u{d654}",
    "\u{647}\u{627}\u{62a}\u{641}",
    "\u{62c}\u{648}\u{627}\u{644}",
    "\u{62a}\u{644}\u{641}\u{646}",
    "\u{5d8}\u{5dc}\u{5e4}\u{5d5}\u{5df}",
];
/// Regions a number written without a country code is tried in, next to a
/// phone word, when nothing in the file points to a region (and no
/// `phone_region` is set): a `phone` column of `(415) 555-0232` is a phone
/// number whichever country it is in. The most populous and most
/// data-producing regions first; the first region where it is valid wins.
static DEFAULT_PHONE_GUESSES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    [
        "US", "GB", "IN", "DE", "FR", "BR", "CA", "AU", "ES", "IT", "MX", "NL", "PH", "JP", "CN", "TR", "ID", "PL",
        "ZA", "NG", "KR", "SE", "CH", "BE", "AR", "CO", "RU", "EG", "PK", "SG", "IE", "NZ",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
});
/// Regions a number in a column or field named for phones is also tried
/// in, after the file's own (or the default guesses): a `phone` column
/// holds phone numbers, and a file may mix countries. The default guesses,
/// every other European country and more of the larger ones elsewhere.
pub(crate) static WIDER_PHONE_GUESSES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    DEFAULT_PHONE_GUESSES
        .iter()
        .map(String::as_str)
        .chain([
            "AT", "PT", "DK", "NO", "FI", "IS", "CZ", "SK", "HU", "RO", "BG", "GR", "HR", "SI", "RS", "BA", "ME", "MK",
            "AL", "LT", "LV", "EE", "UA", "BY", "MD", "LU", "MT", "CY", "GE", "AM", "AZ", "KZ", "UZ", "IL", "SA", "AE",
            "QA", "KW", "JO", "LB", "IR", "IQ", "MA", "DZ", "TN", "KE", "GH", "ET", "TZ", "UG", "CL", "PE", "VE", "EC",
            "BO", "UY", "PY", "CR", "PA", "GT", "DO", "CU", "PR", "BD", "LK", "NP", "TH", "VN", "MY", "HK", "TW", "MO",
        ])
        .map(str::to_owned)
        .collect()
});
/// Identifiers validated by structure only (no check digit).
const NO_CHECK_DIGIT: &[&str] = &[
    "AR_DNI",
    "US_SSN",
    "US_ITIN",
    "UK_NINO",
    "IN_PAN",
    "US_MBI",
    "PK_CNIC",
    "MY_NRIC",
    "US_EIN",
    "MX_RFC",
    "DE_ID_CARD",
    "DE_TAX_NUMBER",
    "IT_IDENTITY_CARD",
    "DE_BSNR",
    "KE_KRA_PIN",
];
/// Kinds of [`NO_CHECK_DIGIT`] that are a bare run of digits with little
/// structure: a generic identifier's word (`national_id`) is no sign of
/// their country; a mistyped number of another kind often has their shape.
const BARE_DIGITS_UNCHECKED: &[&str] = &["PK_CNIC", "US_EIN", "DE_TAX_NUMBER", "DE_BSNR", "AR_DNI"];
/// Confidence taken from a kind in [`NO_CHECK_DIGIT`].
const NO_CHECK_DIGIT_PENALTY: u8 = 6;

/// Kinds with no check digit and as short as everyday numbers: found only
/// under their own words, in their column or before them on their line.
const BESIDE_OWN_WORDS_ONLY: &[&str] = &["AR_DNI"];

/// Numbers that identify a business, an account or a licence rather than a
/// person: only their own context words count for them, not [`ID_CONTEXT`]
/// (`tax id` before nine digits does not make them a bank routing number).
const OWN_CONTEXT_ONLY: &[&str] = &[
    "AU_ABN",
    "AU_ACN",
    "AU_MEDICARE",
    "IT_VAT",
    "US_ABA_ROUTING",
    "US_DEA",
    "DE_VAT",
    "US_NPI",
    "DE_HEALTH_INSURANCE",
    "KR_BRN",
    "SE_ORGANISATIONSNUMMER",
    "SG_UEN",
    // Tax references: under a generic `tax_id` or `national_id` a number
    // is more likely one of the file's own identifiers that happens to
    // pass their check (a Swedish personnummer passes a UTR's one time
    // in eleven).
    "US_EIN",
    "UK_UTR",
    "NZ_IRD",
    "ZA_TIN",
    "PH_TIN",
    "MX_RFC",
    "DE_TAX_NUMBER",
    // Physicians' and practices' numbers: nine digits, like many others.
    "DE_LANR",
    "DE_BSNR",
];

/// Column names and words that mark any national identifier.
const ID_CONTEXT: &[&str] = &[
    "id_number",
    "idnumber",
    "id number",
    "id_no",
    "national_id",
    "nationalid",
    "national id",
    "identity",
    "identification",
    "personal_id",
    "personal id",
    // A person's id in an HR or a registry export (`person_id`,
    // `PersonID`): a table's key holds no number a national id's check
    // passes.
    "person_id",
    "personid",
    "person id",
    "citizen",
    "tax_id",
    "taxid",
    "tax id",
    "tax number",
    "tax_number",
    "tax_code",
    "tax code",
    "taxcode",
    "tax_no",
    "taxpayer",
    "social security",
    "id card",
    // Data often calls any country's personal number an `ssn` (Faker
    // does, in every locale).
    "ssn",
    // Short and run-together names of a national id's column (`nid`,
    // `natid`, `id_nr`).
    "nid",
    "natid",
    "nat_id",
    "national_no",
    "national_number",
    "national number",
    "id_nr",
    "idnr",
    "id_num",
    // An identity card's number in other languages (`Ausweis-Nr.`,
    // `Número de documento`); not a country's own word (`TC kimlik`), which
    // says its own kind, not any.
    "ausweis",
    "documento",
    "carte d'identit",
    "identiteitsbewijs",
];
/// Words that name a country or its people (English, and the country's own
/// language): with a word for an identifier ([`ID_CONTEXT`], [`ID_NOUNS`])
/// they name its identifiers (`Turkish ID 10000000146`, `numéro belge`),
/// and a number there is one of that country's, wherever the rest of the
/// file points. Words of three letters or fewer count only as words of
/// their own (see [`Context::find`]); none is a top-level domain (`uk` is
/// in every `.co.uk` address).
const COUNTRY_WORDS: &[(&str, &[&str])] = &[
    ("AR", &["argentin"]),
    ("AT", &["austria", "\u{f6}sterreich"]),
    ("AU", &["australia", "aussie"]),
    ("BE", &["belgi", "belge"]),
    ("BG", &["bulgaria", "\u{431}\u{44a}\u{43b}\u{433}\u{430}\u{440}"]),
    ("BR", &["brazil", "brasil"]),
    ("CA", &["canada", "canadian", "canadien"]),
    ("CH", &["swiss", "switzerland", "schweiz", "suisse", "svizzera"]),
    ("CL", &["chile"]),
    ("CN", &["china", "chinese", "prc", "\u{4e2d}\u{56fd}"]),
    ("CZ", &["czech", "\u{10d}esk", "cesk"]),
    ("DE", &["german", "deutsch"]),
    ("DK", &["danish", "denmark", "dansk", "danmark"]),
    ("EE", &["estonia", "eesti"]),
    ("ES", &["spain", "spanish", "espa\u{f1}", "espanol"]),
    ("FI", &["finland", "finnish", "suomi", "suomen", "suomalai"]),
    ("FR", &["france", "french", "fran\u{e7}ais"]),
    ("GB", &["british", "united kingdom", "england", "scotland", "wales"]),
    (
        "GR",
        &["greece", "greek", "hellenic", "\u{3b5}\u{3bb}\u{3bb}\u{3b7}\u{3bd}"],
    ),
    ("HR", &["croatia", "hrvatsk"]),
    ("IE", &["ireland", "irish", "\u{e9}ire"]),
    ("IL", &["israel"]),
    ("IN", &["india", "bharat"]),
    ("IS", &["iceland", "\u{ed}sland", "\u{ed}slensk"]),
    ("IT", &["italy", "italian", "itali"]),
    ("JP", &["japan", "\u{65e5}\u{672c}"]),
    ("KR", &["korea", "\u{d55c}\u{ad6d}", "\u{b300}\u{d55c}\u{bbfc}\u{ad6d}"]),
    ("LT", &["lithuania", "lietuv"]),
    ("LV", &["latvia", "latvij"]),
    ("MX", &["mexic", "m\u{e9}xic"]),
    ("NL", &["dutch", "netherlands", "nederland", "holland"]),
    ("NO", &["norway", "norwegian", "norsk", "norge"]),
    ("PL", &["poland", "polish", "polsk", "polsce"]),
    ("PT", &["portugal", "portugu"]),
    ("RO", &["romania", "rom\u{e2}n"]),
    (
        "RU",
        &[
            "russia",
            "\u{440}\u{43e}\u{441}\u{441}\u{438}",
            "\u{440}\u{43e}\u{441}\u{441}\u{438}\u{439}",
        ],
    ),
    ("SE", &["sweden", "swedish", "svensk", "sverige"]),
    ("SG", &["singapore"]),
    ("TH", &["thai"]),
    ("TR", &["turkish", "turkey", "t\u{fc}rk", "turkiye"]),
    ("TW", &["taiwan", "\u{81fa}\u{7063}", "\u{53f0}\u{7063}"]),
    ("UA", &["ukrain", "\u{443}\u{43a}\u{440}\u{430}\u{457}\u{43d}"]),
    ("US", &["american", "united states", "usa", "u.s."]),
    ("ZA", &["south africa"]),
];
/// Nouns for an identifier that count after a word of [`COUNTRY_WORDS`]
/// (alone they say too little: `order id`, `code`).
const ID_NOUNS: &[&str] = &[
    "id",
    "number",
    "nr",
    "no.",
    "code",
    "card",
    "nummer",
    "num\u{e9}ro",
    "n\u{fa}mero",
    "numero",
    "numara",
];

/// The bit of `country` in a set of [`COUNTRY_WORDS`] entries (bit `i` for
/// `COUNTRY_WORDS[i]`; none for a country with no words), and its words.
fn country_bit(country: &str) -> (u128, &'static [&'static str]) {
    const _: () = assert!(COUNTRY_WORDS.len() <= 128, "a country's bit must fit a u128");
    COUNTRY_WORDS
        .iter()
        .position(|(c, _)| *c == country)
        .map_or((0, &[]), |i| (1 << i, COUNTRY_WORDS[i].1))
}

/// The entries of [`COUNTRY_WORDS`] one of whose words is in `hay` (a
/// lowercase name or context window) as [`Context::found`] finds words:
/// one pass of an automaton of all of them, where a list at a time would
/// cost a search per country (asked of most identifiers in dense data).
fn countries_in(hay: &[u8], text: bool) -> u128 {
    /// Every country word, and for each pattern its entry's index.
    static WORDS: std::sync::LazyLock<Option<(aho_corasick::AhoCorasick, Vec<usize>)>> =
        std::sync::LazyLock::new(|| {
            let (of, words): (Vec<usize>, Vec<&str>) = COUNTRY_WORDS
                .iter()
                .enumerate()
                .flat_map(|(i, (_, words))| words.iter().map(move |w| (i, *w)))
                .unzip();
            aho_corasick::AhoCorasickBuilder::new()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(words)
                .ok()
                .map(|ac| (ac, of))
        });
    let Some((ac, of)) = WORDS.as_ref() else {
        return 0;
    };
    ac.find_overlapping_iter(hay)
        .filter(|m| Context::stands(hay, m.start(), m.len(), false, text))
        .fold(0, |mask, m| mask | 1 << of[m.pattern().as_usize()])
}

/// Words that say a number is another record's (an order's, an invoice's,
/// an account's): near them, a number is read as a phone number only next
/// to a phone word, however it is grouped.
const NOT_PHONE_CONTEXT: &[&str] = &[
    "id",
    "order",
    "invoice",
    "account",
    "acct",
    "serial",
    "sku",
    "tracking",
    "isbn",
    "ticket",
    "batch",
    "policy",
    "transaction",
    "shipment",
    "parcel",
    "contract",
    "claim",
    "reference",
    // `Ref 01874256551`, `ref:`, `ref_no`.
    "ref",
    // A version control commit, a digest: an all-digit short hash is
    // no phone number.
    "commit",
    "hash",
    "checksum",
    "digest",
    "booking",
    "reservation",
    "confirmation",
    "receipt",
    "auftrag",
    "kunden",
    "vertrag",
    "r\u{e9}f\u{e9}rence",
    "dossier",
    "bestell",
    "rechnung",
    "konto",
    "commande",
    "facture",
    "compte",
    "pedido",
    "factura",
    "cuenta",
    "ordine",
    "fattura",
    "\u{437}\u{430}\u{43a}\u{430}\u{437}",
    "\u{8ba2}\u{5355}",
    "\u{8a02}\u{55ae}",
];
const MAC_CONTEXT: &[&str] = &["mac", "hwaddr", "ether", "device", "interface", "bssid"];
const IP_CONTEXT: &[&str] = &["ip", "addr", "host", "client", "remote", "src", "dst", "server"];
/// Words that name a version (`version`, `app_version`, `versao`,
/// `firmware`): four dotted numbers under one are no IPv4 address.
const VERSION_WORDS: &[&str] = &[
    "version",
    "versao",
    "vers\u{e3}o",
    "versi\u{f3}n",
    "versione",
    "firmware",
    "fw",
    "build_number",
];

/// The bytes of `at`'s line before it, at most `max` of them.
pub(crate) fn line_before(buf: &[u8], at: usize, max: usize) -> &[u8] {
    let from = at.saturating_sub(max);
    let from = memchr::memrchr(b'\n', &buf[from..at]).map_or(from, |k| from + k + 1);
    &buf[from..at]
}

/// Words that name a version right before it (`Build 2.14.0.64`,
/// `release: 4.2.1.7`), though not as a column's name (`build_host`).
const RELEASE_WORDS: &[&str] = &["build", "release", "revision"];

/// Whether the last word before `at` on its line (punctuation and quotes
/// between) names a version (`app.version=`, `"version": "`, `Version `,
/// ``Build `2.14.0.64` ``).
fn version_word_right_before(buf: &[u8], at: usize) -> bool {
    let window = String::from_utf8_lossy(line_before(buf, at, 64)).to_lowercase();
    // Past the words of a key-value record's value (OpenTelemetry's
    // `{"key": "service.version", "value": {"stringValue": "`).
    window
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .find(|w| !matches!(*w, "value" | "stringvalue" | "val" | "str" | "string"))
        .is_some_and(|w| w == "ver" || VERSION_WORDS.iter().chain(RELEASE_WORDS).any(|v| w.ends_with(v)))
}

/// Whether a dump names the value at `..end` a version after it, in a
/// comment: `dcmdump`'s `[2.1.5.79]  #  10, 1 SoftwareVersions`.
fn version_named_after(buf: &[u8], end: usize) -> bool {
    let rest = &buf[end..buf.len().min(end + 64)];
    let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
    let Some(hash) = memchr::memchr(b'#', line) else {
        return false;
    };
    line[..hash].iter().all(|&b| matches!(b, b']' | b' ' | b'\t'))
        && String::from_utf8_lossy(&line[hash..])
            .to_lowercase()
            .contains("version")
}

/// Whether the words around four dotted numbers at `start..end` say they
/// are a version: a release's word right after (`the 2.4.1.69 update`), a
/// bump's `to` (`Bumped OpenSSL to 7.0.13.46`, `upgraded ... to`), or a
/// Markdown heading they start (`## 4.17.24.1 – 2024-03-01`, a changelog).
fn version_by_its_words(buf: &[u8], start: usize, end: usize) -> bool {
    const AFTER: &[&str] = &[
        "update",
        "upgrade",
        "release",
        "patch",
        "hotfix",
        "build",
        "version",
        "changelog",
        "rollout",
        "deploy",
    ];
    const BUMPS: &[&str] = &[
        "bump",
        "bumped",
        "bumps",
        "upgrade",
        "upgraded",
        "upgrades",
        "update",
        "updated",
        "updates",
        "pin",
        "pinned",
        "pins",
        "migrate",
        "migrated",
        "downgrade",
        "downgraded",
    ];
    let rest = &buf[end..buf.len().min(end + 24)];
    let next = String::from_utf8_lossy(rest).to_lowercase();
    let next = next.trim_start_matches([' ', ')', ',']);
    if AFTER.iter().any(|w| {
        next.strip_prefix(w)
            .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    }) {
        return true;
    }
    let line = String::from_utf8_lossy(line_before(buf, start, 96)).to_lowercase();
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // (Not a host's: `updated the DNS record to 10.0.0.12`.)
    const NETWORK: &[&str] = &[
        "dns",
        "record",
        "ip",
        "ips",
        "address",
        "addr",
        "host",
        "hostname",
        "server",
        "gateway",
        "route",
        "proxy",
        "dhcp",
        "subnet",
        "endpoint",
        "vip",
        "nameserver",
        "resolver",
        "aaaa",
        "cname",
        "mx",
        "interface",
        "nic",
    ];
    if words.last() == Some(&"to") {
        if let Some(b) = words.iter().rposition(|w| BUMPS.contains(w)) {
            return !words[b + 1..].iter().any(|w| NETWORK.contains(w));
        }
    }
    let head = line.trim_start();
    head.starts_with('#')
        && head
            .trim_start_matches('#')
            .trim_start()
            .trim_start_matches(['v', 'V'])
            .is_empty()
}

/// Whether four dotted numbers at `at` follow a package's name and a dash,
/// as `pip freeze`, wheels and tarballs write versions
/// (`xgboost-3.0.0.53`, `scikit-learn-1.4.1.post1`).
fn after_a_packages_name(buf: &[u8], at: usize) -> bool {
    at >= 2 && buf[at - 1] == b'-' && buf[at - 2].is_ascii_alphabetic()
}
/// Words that make `::1` or `::` an address.
const IPV6_WORDS: &[&str] = &["loopback", "localhost", "ipv6", "gateway", "unspecified"];

/// The IPv4 pattern [`net4_matches`] implements by hand (for its test).
#[cfg(test)]
const IPV4: &str =
    r"\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\b";
/// IPv6: groups around one `::` (as many as fit: the address is then
/// parsed), or eight groups. A group is never matched alone as an item of a
/// repetition beside a lone `:`, which let `fe80::1ff:fe23:4567:890a` end at
/// `4567`.
const IPV6: &str = r"(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,7})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,7})?|[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){7}";

/// Every literal word the `assignment` pattern requires (ASCII
/// case-insensitive, anywhere: `db_password=` and `mysecret:` count).
const ASSIGNMENT_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    // `password` in other languages (`Passwort:`, `Heslo je ...`, `пароль:`).
    "passwort",
    "kennwort",
    "contrase\u{f1}a",
    "senha",
    "wachtwoord",
    "has\u{142}o",
    "heslo",
    "l\u{f6}senord",
    "salasana",
    "jelsz\u{f3}",
    "\u{15f}ifre",
    "mot de passe",
    "\u{43f}\u{430}\u{440}\u{43e}\u{43b}\u{44c}",
    "\u{41f}\u{430}\u{440}\u{43e}\u{43b}\u{44c}",
    "\u{5bc6}\u{7801}",
    "\u{30d1}\u{30b9}\u{30ef}\u{30fc}\u{30c9}",
    "\u{be44}\u{bc00}\u{bc88}\u{d638}",
    // (The password words end here: [`PASSWORD_WORDS`].)
    "secret",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "accesskey",
    "access_key",
    "access-key",
    "authkey",
    "auth_key",
    "auth-key",
    "privatekey",
    "private_key",
    "private-key",
    "credential",
];

/// The words of [`ASSIGNMENT_WORDS`] that name a password (its first 20;
/// a test holds the split where the comment says).
const PASSWORD_WORDS: &[&str] = ASSIGNMENT_WORDS.split_at(20).0;

/// Every literal word the birth-date pattern ([`DOB`]) can start with
/// (ASCII case-insensitive). The name and address words likewise. Each is
/// matched at a word start only (not after an ASCII letter or digit), as
/// the patterns require: `ave` in `have` or `ms` in `items` is no start. A
/// property test checks the patterns find the same spans when tried only
/// at these words as over the whole buffer.
const DOB_WORDS: &[&str] = &[
    "bday",
    "b-day",
    "cumplea\u{f1}os",
    "compleanno",
    "verjaardag",
    "urodziny",
    "date of birth",
    "date_of_birth",
    "date-of-birth",
    "dateofbirth",
    "geburtstag",
    "birth",
    "dob",
    "d.o.b",
    "d.ob",
    "do.b",
    "born",
    "geburtsdatum",
    "date de naissance",
    "fecha de nacimiento",
    "geboren",
    "geb.",
    "n\u{e9}",
    "nacido",
    "nacida",
    "nac\u{ed}",
    "naci\u{f3}",
    "nasci",
    "nasceu",
    "urodzi\u{142}",
    "nascido",
    "nascida",
    "nato",
    "nata",
    "data di nascita",
    "data de nascimento",
    "data urodzenia",
    "geboortedatum",
    "f\u{f6}delsedatum",
    "f\u{f8}dselsdato",
    "syntym\u{e4}aika",
    "syntynyt",
    "urodzon",
    "\u{648}\u{644}\u{62f}",
    "\u{915}\u{93e} \u{91c}\u{928}\u{94d}\u{92e}",
    "syntyi",
    "f\u{f6}dd",
    "f\u{f8}dt",
    "do\u{11f}um tarihi",
    "do\u{11f}um tarihim",
    "datum narození",
    "narozen",
    "narozena",
    "dátum narodenia",
    "születési dátum",
    "születési idő",
    "született",
    "data nașterii",
    "data na\u{15f}terii",
    "data nasterii",
    "născut",
    "născută",
    "datum rođenja",
    "rođen",
    "rođena",
    "ngày sinh",
    "sinh",
    "tanggal lahir",
    "lahir",
    "дата рождения",
    "родился",
    "родилась",
    "дата народження",
    "народився",
    "народилася",
    "ημερομηνία γέννησης",
    "γεννήθηκε",
    "תאריך לידה",
    "تاريخ الميلاد",
    "生年月日",
    "出生日期",
    // After a date (`1997年8月13日生まれです`, `am 5. Juni 1980 Geburtstag`):
    // [`births_before_their_word`].
    "\u{751f}\u{307e}\u{308c}",
    "\u{51fa}\u{751f}",
    "出生年月日",
    "誕生日",
    "生日",
    "생년월일",
    "วันเกิด",
    "gimimo data",
    "gimiau",
    "gim\u{119}s",
    "gimusi",
    "dzim\u{161}anas datums",
    "dzimis",
    "dzimusi",
    "s\u{fc}nniaeg",
    "s\u{fc}ndinud",
    "ipinanganak",
    "kaarawan",
    "nilizaliwa",
    "tarehe ya kuzaliwa",
    "f\u{e6}ddur",
    "f\u{e6}dd",
    "data de naixement",
    "datum rojstva",
    "rojen",
    "rojena",
    "\u{5e0}\u{5d5}\u{5dc}\u{5d3}\u{5ea}\u{5d9}",
    "\u{5e0}\u{5d5}\u{5dc}\u{5d3}",
    "\u{5e0}\u{5d5}\u{5dc}\u{5d3}\u{5d4}",
    "\u{62a}\u{627}\u{631}\u{6cc}\u{62e} \u{62a}\u{648}\u{644}\u{62f}",
    "\u{645}\u{62a}\u{648}\u{644}\u{62f}",
    "\u{91c}\u{928}\u{94d}\u{92e} \u{924}\u{93f}\u{925}\u{93f}",
    "\u{91c}\u{928}\u{94d}\u{92e}\u{924}\u{93f}\u{925}\u{93f}",
    "Дата рождения",
    "Родился",
    "Родилась",
    "Дата народження",
    "Народився",
    "Народилася",
    "Ημερομηνία γέννησης",
    "Γεννήθηκε",
];
/// Every literal word the name pattern ([`NAME`]) can start with.
const NAME_WORDS: &[&str] = &[
    "\n-- \n",
    "\n-- \r\n",
    "Клиент",
    "клиент",
    "Клієнт",
    "клієнт",
    "客户",
    "客戶",
    "ФИО",
    "Ф.И.О.",
    "Имя",
    "имя",
    "Фамилия",
    "фамилия",
    "ПІБ",
    "Ім'я",
    "ім'я",
    "Прізвище",
    "Όνομα",
    "όνομα",
    "Ονοματεπώνυμο",
    "姓名",
    "氏名",
    "名前",
    "이름",
    "성명",
    "name",
    "full name",
    "customer",
    "patient",
    "employee",
    "contact person",
    "dear",
    "mr",
    "mrs",
    "ms",
    "dr",
    // Titles in other languages (not `Pan`, `Sr`: `Pan Am`, `Sr. Data
    // Scientist`).
    "herr",
    "frau",
    "monsieur",
    "madame",
    "mme",
    "mlle",
    "se\u{f1}or",
    "se\u{f1}ora",
    "sra.",
    "srta.",
    "senhor",
    "senhora",
    "signor",
    "signora",
    "sig.",
    "dhr.",
    "mw.",
    "hr.",
    "fr.",
    "sr.",
    "pan",
    "pani",
    "panem",
    "herrn",
    "sig.ra",
    "dott.",
    "heer",
    "mevrouw",
    "mevr.",
    "fru",
    "herra",
    "rouva",
    "contact:",
    // Introductions (`I am ...`), contacts and holders in five languages
    // (`Contactez`, `t.n.v.`, `Titolare:`), clinical notes' signers, a
    // document's authors, people named by their relation.
    "m\u{ec}nh l\u{e0}",
    "t\u{ea}n l\u{e0}",
    "t\u{ea}n m\u{ec}nh l\u{e0}",
    "naitwa",
    "\u{43c}\u{43e}\u{458}\u{435} \u{438}\u{43c}\u{435} \u{458}\u{435}",
    "\u{43c}\u{435}\u{43d}\u{44f} \u{437}\u{43e}\u{432}\u{443}\u{442}",
    "\u{43c}\u{435}\u{43d}\u{435} \u{437}\u{432}\u{430}\u{442}\u{438}",
    "\u{437}\u{43e}\u{432}\u{435}\u{43c} \u{441}\u{435}",
    "\u{41c}\u{43e}\u{458}\u{435} \u{438}\u{43c}\u{435} \u{458}\u{435}",
    "\u{41c}\u{435}\u{43d}\u{44f} \u{437}\u{43e}\u{432}\u{443}\u{442}",
    "\u{41c}\u{435}\u{43d}\u{435} \u{437}\u{432}\u{430}\u{442}\u{438}",
    "\u{417}\u{43e}\u{432}\u{435}\u{43c} \u{441}\u{435}",
    "meno",
    "jm\u{e9}no",
    "jmeno",
    "vardas",
    "v\u{101}rds",
    "pangalan",
    "jina",
    "izena",
    "nafn",
    "mimi ni",
    "jina langu ni",
    "ako si",
    "ako po si",
    "t\u{f4}i l\u{e0}",
    "t\u{ea}n t\u{f4}i l\u{e0}",
    "jmenuji se",
    "vol\u{e1}m sa",
    "mano vardas",
    "esu",
    "esmu",
    "olen",
    "mani sauc",
    "minu nimi on",
    "zovem se",
    "moje ime je",
    "ime mi je",
    "\u{e9}g heiti",
    "\u{c9}g heiti",
    "\u{43a}\u{430}\u{437}\u{432}\u{430}\u{43c} \u{441}\u{435}",
    "\u{41a}\u{430}\u{437}\u{432}\u{430}\u{43c} \u{441}\u{435}",
    "\u{3bf}\u{3bd}\u{3bf}\u{3bc}\u{3ac}\u{3b6}\u{3bf}\u{3bc}\u{3b1}\u{3b9}",
    "\u{39f}\u{3bd}\u{3bf}\u{3bc}\u{3ac}\u{3b6}\u{3bf}\u{3bc}\u{3b1}\u{3b9}",
    "em dic",
    "i am",
    "i'm",
    "i\u{2019}m",
    "my name's",
    "contactez",
    "contacter",
    "contacta",
    "contatta",
    "kontaktieren sie",
    "neem contact op met",
    "t.n.v.",
    "ten name van",
    "in the name of",
    "au nom de",
    "a nombre de",
    "intestato a",
    "titolare",
    "propri\u{e9}taire",
    "eigent\u{fc}mer",
    "eigenaar",
    "referee",
    "account holder",
    "card holder",
    "holder",
    "cardholder",
    "policy holder",
    "policyholder",
    "talk to",
    "speak to",
    "speak with",
    "ask for",
    "reach out to",
    "get in touch with",
    "inhaber",
    "titulaire",
    "titular",
    "intestatario",
    "attending",
    "referring physician",
    "dictated by",
    "transcribed by",
    "surgeon",
    "authored by",
    "prepared by",
    "reviewed by",
    "approved by",
    "submitted by",
    "reported by",
    "written by",
    "my dad",
    "my mom",
    "my mum",
    "my father",
    "my mother",
    "my son",
    "my daughter",
    "my wife",
    "my husband",
    "my brother",
    "my sister",
    "my friend",
    "my colleague",
    "my boss",
    "my neighbor",
    "my neighbour",
    "my grandma",
    "my grandmother",
    "my grandpa",
    "my grandfather",
    "my uncle",
    "my aunt",
    "my cousin",
    "my partner",
    "my boyfriend",
    "my girlfriend",
    "my landlord",
    "my roommate",
    "our friend",
    "our son",
    "our daughter",
    "our colleague",
    "our neighbor",
    "our neighbour",
    // Sign-offs, and the headers of e-mails and commits.
    "regards",
    "sincerely",
    "cheers",
    "best",
    "thanks",
    "many thanks",
    "thank you",
    "yours",
    "warm wishes",
    "warmly",
    "mit freundlichen",
    "viele gr",
    "liebe gr",
    "cordialement",
    "bien ",
    "saludos",
    "un saludo",
    "atentamente",
    "cordiali saluti",
    "distinti saluti",
    "saluti",
    "met vriendelijke",
    "groeten",
    "atenciosamente",
    "abra",
    "pozdrawiam",
    "s pozdravem",
    "med v",
    "h\u{e4}lsningar",
    "halsningar",
    "venlig hilsen",
    "hilsen",
    "terveisin",
    "sayg",
    "mvh",
    "freundliche gr",
    "beste gr",
    "herzliche gr",
    "cordialmente",
    "un saluto",
    "groetjes",
    "vriendelijke groet",
    "hartelijke groet",
    "z powa\u{17c}aniem",
    "m.v.h.",
    "s pozdravom",
    "lep pozdrav",
    "srda\u{10d}an pozdrav",
    "cu stim\u{103}",
    "take care",
    // Greetings before a name (`Hi, I'm ...`).
    "hi",
    "hello",
    "hey",
    "hallo",
    "bonjour",
    "hola",
    "ciao",
    "signed by",
    "from:",
    "to:",
    "cc:",
    "bcc:",
    "attn:",
    "sender:",
    "recipient:",
    "author:",
    // Before `name` in a field's name (`customer_name`, `fullName`).
    "client",
    "full",
    "contact",
    "card_holder",
    "cardholder",
    "account_holder",
    "accountholder",
    "recipient",
    "passenger",
    "guest",
    "member",
    "applicant",
    "student",
    // "My name is" in other languages: `Mein Name ist`, `Je m'appelle`,
    // `Me llamo`, `Mi nombre es`, `Il mio nome è`, `Mijn naam is`,
    // `Nazywam się`, `Jag heter`, `Jeg hedder`.
    "nom",
    "nombre",
    "nome",
    "naam",
    "m'appelle",
    "llamo",
    "nazywam si\u{119}",
    "heter",
    "hedder",
    // Who writes (`Edit: Richard here`), who is greeted (`Hi John,`),
    // a club's or a board's offices (`Chair: Abigail Davis`), a person's
    // titles (`Judge Wilson`), a request for someone's details. (Few
    // short words that start many others: `prof`, `rev`, `cara`.)
    "please",
    "pls",
    "thx",
    "danke",
    "bitte",
    "merci",
    "gracias",
    "grazie",
    "bedankt",
    "dzi\u{119}kuj\u{119}",
    "obrigad",
    "dank je",
    "dank u",
    "tack",
    "takk",
    "kiitos",
    "judge",
    "justice",
    "prof.",
    "avv.",
    "ing.",
    "mag.",
    "dipl.-",
    "lek.",
    "mgr",
    "notaio",
    "notaire",
    "ma\u{ee}tre",
    "rechtsanw",
    "advocaat",
    "verantwortlich",
    "gesch\u{e4}ftsf\u{fc}hrer",
    "vertreten durch",
    "directeur de",
    "directrice de",
    "responsable de",
    "g\u{e9}rant",
    "legale rappresentante",
    "rappresentante legale",
    "zaakvoerder",
    "w\u{142}a\u{15b}ciciel",
    "navn",
    "namn",
    "nimi",
    "attendee",
    "landlord",
    "tenant",
    "witness",
    "next of kin",
    "officer in charge",
    "managing director",
    "emergency contact",
    "reporting person",
    "signed",
    "participant",
    "invitee",
    "present",
    "aanwezig",
    "deelnemers",
    "anwesend",
    "teilnehmer",
    "pr\u{e9}sents",
    "presenti",
    "partecipanti",
    "asistentes",
    "participantes",
    "client",
    "cliente",
    "kunde",
    "klant",
    "klient",
    "kund",
    "assignee",
    "reporter",
    "organizer",
    "organiser",
    "moderator",
    "owner",
    "speaker",
    "ik ben",
    "je suis",
    "sono",
    "soy",
    "eu sou",
    "jestem",
    "ich hei",
    "hei\u{df}e",
    "heisse",
    "mit navn er",
    "mitt navn er",
    "mitt namn",
    "nimeni on",
    "minun nimeni",
    "chamo-me",
    "me chamo",
    "meu nome",
    "kontoinhaber",
    "kontohaver",
    "kontoinnehavare",
    "on file for",
    "assigned to",
    "account belongs to",
    "card belongs to",
    "number belongs to",
    "phone belongs to",
    "policy belongs to",
    "soussign",
    "sottoscritt",
    "ondergetekende",
    "undersigned",
    "the undersigned",
    "unterzeichnende",
    "el que suscribe",
    "la que suscribe",
    "abaixo",
    "detective",
    "sergeant",
    "sgt",
    "home address of",
    "address of",
    "phone number of",
    "email address of",
    "e-mail address of",
    "contact details of",
    "whereabouts of",
    "date of birth of",
    "edit",
    "bonsoir",
    "buongiorno",
    "ol\u{e1}",
    "liebe",
    "lieber",
    "querida",
    "querido",
    // Salutations before a title (`Sehr geehrte Frau`, `Geachte heer`).
    "sehr geehrte",
    "geachte",
    "beste",
    "cher",
    "ch\u{e8}re",
    "estimado",
    "estimada",
    "gentile",
    "gentili",
    "egregio",
    "egregia",
    "gentil\u{ed}ssimo",
    "gentil\u{ed}ssima",
    "prezado",
    "prezada",
    "szanowny",
    "szanowna",
    "szanowni",
    "v\u{e1}\u{17e}en\u{fd}",
    "v\u{e1}\u{17e}en\u{e1}",
    "stimate",
    "stimat\u{103}",
    "guten tag",
    "buenos d\u{ed}as",
    "goedemorgen",
    "goedemiddag",
    "treasurer",
    "secretary",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "president",
    "vice president",
    "vice-president",
    "penningmeester",
    "voorzitter",
    "secretaris",
    "vorsitzende",
    "vorsitzender",
    "kassenwart",
    "kassierer",
    "kassiererin",
    "schriftf\u{fc}hrer",
    "schriftf\u{fc}hrerin",
    "tr\u{e9}sorier",
    "tr\u{e9}sori\u{e8}re",
    "secr\u{e9}taire",
    "pr\u{e9}sident",
    "pr\u{e9}sidente",
    "tesorero",
    "tesorera",
    "secretario",
    "secretaria",
    "presidente",
    "tesoriere",
    "segretario",
    "segretaria",
    // `Adım`, `Adı Soyadı`, `Mă numesc`, `Numele meu este`, `Nama saya`,
    // `اسمي`, `الاسم`, `שמי`, `ชื่อ`.
    "ad\u{131}m",
    "ismim",
    "ad\u{131} soyad\u{131}",
    "ad soyad",
    "m\u{103} numesc",
    "numele meu este",
    "nama saya",
    "nama lengkap",
    // A vCard's formatted name; an iCalendar common name.
    "fn:",
    "@author",
    "cn=",
    "\u{627}\u{633}\u{645}\u{64a}",
    "\u{627}\u{644}\u{627}\u{633}\u{645}",
    "\u{5e9}\u{5de}\u{5d9}",
    "\u{e0a}\u{e37}\u{e48}\u{e2d}",
    // Hindi `नाम` (name).
    "\u{928}\u{93e}\u{92e}",
    // Introductions: `我叫`, `我的名字是`, `私の名前は`, `제 이름은`.
    "\u{6211}\u{53eb}",
    "\u{6211}\u{7684}\u{540d}\u{5b57}\u{662f}",
    "\u{79c1}\u{306e}\u{540d}\u{524d}\u{306f}",
    "\u{c81c} \u{c774}\u{b984}\u{c740}",
];
/// The words of a first or last name's own field, anywhere in a word
/// (`first_name=Maria`, `billing_last_name`, `givenName`, `Surname:`):
/// [`NAME`]'s one-word form (group 2).
const NAME_FIELD_WORDS: &[&str] = &[
    "first_name",
    "firstname",
    "first name",
    "first-name",
    "last_name",
    "lastname",
    "last name",
    "last-name",
    "given_name",
    "givenname",
    "given name",
    "given-name",
    "family_name",
    "familyname",
    "family name",
    "family-name",
    "surname",
    "forename",
    "vorname",
    "nachname",
    "pr\u{e9}nom",
    "prenom",
    "apellido",
    "cognome",
    "voornaam",
    "achternaam",
    "nazwisko",
    "efternamn",
    "f\u{f6}rnamn",
    "etternavn",
    "fornavn",
    "sukunimi",
    "etunimi",
];
/// Every word the travel and driving document pattern ([`DOCUMENT`]) can
/// start with.
const DOCUMENT_WORDS: &[&str] = &[
    "passport",
    "pasaporte",
    "passaporte",
    "passeport",
    "passaporto",
    "reisepass",
    "paszport",
    "paspoort",
    "passnummer",
    "pass-nr",
    "passnr",
    "driver",
    "driving",
    "licencia",
    "permis",
    "carnet de conducir",
    "carta de condu",
    "f\u{fc}hrerschein",
    "fuehrerschein",
    "fahrerlaubnis",
    "patente",
    "rijbewijs",
    "prawo jazdy",
    "k\u{f6}rkort",
    "k\u{f8}rekort",
    "f\u{f8}rerkort",
    "ajokortti",
];

/// Every word the bank account pattern ([`BANK`]) can start with.
const BANK_WORDS: &[&str] = &[
    "iban",
    "account",
    "bank account",
    "checking account",
    "savings account",
    "current account",
    "acct",
    "sort code",
    "kontonummer",
    "konto",
    "numero de cuenta",
    "n\u{fa}mero de cuenta",
    "numero de compte",
    "num\u{e9}ro de compte",
    "numero da conta",
    "n\u{fa}mero da conta",
    "numero di conto",
    "rekeningnummer",
    "numer konta",
];

/// Words of [`DOCUMENT_WORDS`] that name a passport, and parts of those
/// that name a driving licence: the nearer one before a value says which
/// it is.
const PASSPORT_WORDS: &[&str] = &[
    "passport",
    "pasaporte",
    "passaporte",
    "passeport",
    "passaporto",
    "reisepass",
    "paszport",
    "paspoort",
    "pass",
];
const LICENCE_WORDS: &[&str] = &[
    "licen",
    "permis",
    "conduc",
    "condu\u{e7}",
    "f\u{fc}hrerschein",
    "fuehrerschein",
    "fahrerlaubnis",
    "patente",
    "rijbewijs",
    "prawo jazdy",
    "k\u{f6}rkort",
    "k\u{f8}rekort",
    "f\u{f8}rerkort",
    "ajokortti",
];
/// A password in the user information of a URL (group 1): `postgres://app:
/// S3cr3t@db:5432/x`, `redis://:pass@host`, `https://user:token@git.host`
/// (RFC 3986's `scheme://user:password@host`, as connection strings and
/// clone URLs carry credentials). The user part may be empty; the password
/// runs to the last `@` before the host.
const URL_CREDENTIALS: &str =
    r#"(?i)\b[a-z][a-z0-9+.\-]{1,30}://[^\s:/?#@"'<>\[\]{}|\\]{0,128}:([^\s/@"'<>{}|\\]{1,256})@[a-z0-9\[]"#;

/// Whether a password found in a URL is a placeholder, not a secret: a
/// template variable (`${DB_PASS}`, `{{ pw }}`, `%s`, `<password>`), a mask
/// (`****`, `xxxx`), or a word that stands for one (`password`, `pass`,
/// `secret`, `changeme`).
fn placeholder_password(pw: &[u8]) -> bool {
    const WORDS: &[&str] = &[
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "changeme",
        "yourpassword",
        "mypassword",
        "user",
        "username",
        "token",
        "pw",
    ];
    let first = pw.first().copied().unwrap_or(b'$');
    pw.len() < 3
        || matches!(first, b'$' | b'%' | b'<' | b'{' | b'(')
        || pw.iter().all(|&b| b == first)
        || pw.iter().all(|b| matches!(b, b'*' | b'x' | b'X' | b'.'))
        || WORDS.iter().any(|w| pw.eq_ignore_ascii_case(w.as_bytes()))
}

/// Whether the e-mail-shaped match at `start` is the end of a password and
/// the host of a URL's user information (`://user:S3cr3t@db.example.com`):
/// in the same token, `://`, then a user name and `:`, with no `/` since.
/// Where an e-mail address that the pattern (ASCII) matched from `start`
/// really starts: back over accented Latin letters (`jürgen@example.com`,
/// `josé.garcía@example.com`: an internationalised local part, RFC 6531)
/// and the ASCII letters, digits and `._%+-` around them, to at most 64
/// bytes before the end of the address's local part. The pattern's match
/// starts after the last such letter; without one crossed, `start` stays.
/// Letters of other scripts are not taken (an address written right after
/// Chinese text does not take the text with it).
fn local_part_start(buf: &[u8], start: usize, end: usize) -> usize {
    let at = memchr::memchr(b'@', &buf[start..end]).map_or(end, |i| start + i);
    let (mut p, mut wide) = (start, false);
    while p > 0 && at - p < 64 {
        // The character before `p`.
        let lead = (p.saturating_sub(4)..p)
            .rev()
            .find(|&i| buf[i] & 0xC0 != 0x80)
            .unwrap_or(p - 1);
        let Some(c) = std::str::from_utf8(&buf[lead..p]).ok().and_then(|t| t.chars().next()) else {
            break;
        };
        let accented = matches!(c, '\u{c0}'..='\u{24f}') && c.is_alphabetic();
        if !(accented || c.is_ascii_alphanumeric() || "._%+-".contains(c)) {
            break;
        }
        wide |= accented;
        p = lead;
    }
    if !wide {
        return start;
    }
    // It starts with a letter or a digit.
    while p < start && buf[p].is_ascii() && !buf[p].is_ascii_alphanumeric() {
        p += 1;
    }
    p
}

/// E-mail addresses whose domain is written in letters beyond ASCII
/// (`hrios@münchen.de`, `почта@пример.рф`; the local part may be Latin,
/// Greek or Cyrillic): looked for only after an `@` followed by such a
/// byte before the next space, with a pattern compiled on first use. The
/// ASCII pattern stops at the first such letter and finds none, or a cut
/// address (`x@mail.caf` of `x@mail.café.fr`), which this one replaces.
fn idn_emails(buf: &[u8], hits: &mut Vec<Hit>) {
    static IDN_EMAIL: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        // A letter of Latin-1 or Latin Extended-A or -B, Greek or Cyrillic
        // (two bytes); any non-ASCII character in a domain, checked after.
        let local = r"(?:\xC3[\x80-\xBF]|[\xC4-\xC9\xCE\xCF\xD0-\xD3][\x80-\xBF])";
        let wide = r"(?:[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3})";
        re(&format!(
            r"(?i)(?:\b[a-z0-9]|{local})(?:[a-z0-9._%+\-]|{local}){{0,63}}@(?:(?:[a-z0-9]|{wide})(?:(?:[a-z0-9\-]|{wide}){{0,61}}(?:[a-z0-9]|{wide}))?\.)+(?:[a-z]|{wide}){{2,24}}"
        ))
    });
    for at in memchr::memchr_iter(b'@', buf) {
        let domain = buf[at + 1..]
            .iter()
            .take(255)
            .take_while(|&&b| b >= 0x80 || b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if !domain.clone().any(|&b| b >= 0x80) {
            continue;
        }
        // The match that holds this `@`, in a window around it.
        let hay = &buf[..(at + 257).min(buf.len())];
        let mut from = at.saturating_sub(160);
        let mut holding = None;
        while let Some(m) = IDN_EMAIL.find_at(hay, from) {
            if m.start() > at {
                break;
            }
            if at < m.end() {
                holding = Some(m);
                break;
            }
            from = m.end();
        }
        let Some(m) = holding else {
            continue;
        };
        // Every label letters, digits and dashes; the last two letters or
        // more (a sentence's punctuation after it is no part of it).
        let Ok(domain) = std::str::from_utf8(&buf[at + 1..m.end()]) else {
            continue;
        };
        let tld = domain.rsplit('.').next().unwrap_or_default();
        let letters = tld
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum::<usize>();
        let end = m.end() - (tld.len() - letters);
        let domain = &domain[..domain.len() - (tld.len() - letters)];
        if tld[..letters].chars().count() < 2
            || !domain
                .split('.')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
            || buf.get(end).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-')
        {
            continue;
        }
        let start = m.start();
        hits.retain(|h| !(h.entity == "EMAIL" && h.start < end && start < h.end));
        hits.push(Hit {
            start,
            end,
            entity: "EMAIL",
            rule: &PII_EMAIL,
            confidence: 90,
            detail: None,
        });
    }
}

/// Whether `start` is in a mail header that holds message ids, not
/// addresses (`Message-ID: <Sfb5fvIL.4e86b01d@mail.gmail.com>`,
/// `In-Reply-To:`, `References:` and its folded lines).
fn in_message_id_header(buf: &[u8], start: usize) -> bool {
    // A mail server's log names one as a field (Postfix's
    // `message-id=<20240311090146.8E01@mx01.example.net>`).
    let field = line_before(buf, start, 16).to_ascii_lowercase();
    if field.ends_with(b"message-id=<") || field.ends_with(b"msgid=<") {
        return true;
    }
    // And an iCalendar event's `UID:` (`UID:abc123@google.com`).
    const HEADERS: [&[u8]; 7] = [
        b"message-id:",
        b"uid:",
        b"in-reply-to:",
        b"references:",
        b"content-id:",
        b"resent-message-id:",
        b"x-message-id:",
    ];
    let mut end = start;
    // The header's first line: up a few folded lines (they start with a
    // space or a tab).
    for _ in 0..8 {
        let line = memchr::memrchr(b'\n', &buf[end.saturating_sub(1024)..end])
            .map_or(end.saturating_sub(1024), |i| end.saturating_sub(1024) + i + 1);
        let text = &buf[line..start.min(line + 24)];
        if HEADERS
            .iter()
            .any(|h| text.len() >= h.len() && text[..h.len()].eq_ignore_ascii_case(h))
        {
            return true;
        }
        if line == 0 || !matches!(buf.get(line), Some(b' ' | b'\t')) {
            return false;
        }
        end = line - 1;
    }
    false
}

fn in_url_user_info(buf: &[u8], start: usize) -> bool {
    let before = &buf[start.saturating_sub(160)..start];
    let token_start = before
        .iter()
        .rposition(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'<' | b'>'))
        .map_or(0, |i| i + 1);
    let token = &before[token_start..];
    memchr::memmem::rfind(token, b"://").is_some_and(|i| {
        let info = &token[i + 3..];
        info.contains(&b':') && !info.contains(&b'/')
    })
}

/// A password, token or key assigned a value (the value is group 1). The
/// assignment may be `=`, `:`, `=>`, `,`, `>` (XML), `??=`, `+=`, a typed
/// one (`var apiToken: String = "..."`), or a YAML block scalar's
/// (`token: |` with the value on the next line). Or the name is one of a
/// name/value pair, the value named `value` after it on its line or the
/// next: `<add key="ApiKey" value="..."/>`, a Kubernetes container's
/// `- name: DB_PASSWORD` then `value: ...`, `{"name": "api_token",
/// "value": ...}`.
const ASSIGNMENT: &str = concat!(
    r#"(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret|credentials?"#,
    // `password` in other languages.
    r#"|passwort|kennwort|contrase\xC3\xB1a|senha|wachtwoord|has\xC5\x82o|heslo|l\xC3\xB6senord|salasana|jelsz\xC3\xB3|\xC5\x9Fifre|mot de passe"#,
    r#"|\xD0\xBF\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBB\xD1\x8C|\xD0\x9F\xD0\xB0\xD1\x80\xD0\xBE\xD0\xBB\xD1\x8C|\xE5\xAF\x86\xE7\xA0\x81|\xE3\x83\x91\xE3\x82\xB9\xE3\x83\xAF\xE3\x83\xBC\xE3\x83\x89|\xEB\xB9\x84\xEB\xB0\x80\xEB\xB2\x88\xED\x98\xB8)"#,
    // `=`, `:` (also full-width), `=>`, ..., a typed one; `is` and its
    // kin (`Heslo je X`, `password is X`); or, after a name in snake case,
    // spaces (`aws configure set aws_secret_access_key X`).
    r#"(?:[A-Za-z0-9_.\-]{0,24}\\?["']?\]?\s{0,16}(?:=|:|\xEF\xBC\x9A|=>|,|>|\?\?=|\+=|:\s{0,4}[A-Za-z_][A-Za-z0-9_<>\[\]?]{0,30}\s{0,4}=|\s(?:is|ist|es|est|je|jest|\xC3\xA4r|on|\xC3\xA9|era|was)\s)\s{0,16}(?:[|>][-+]?\s{1,16})?"#,
    // A few words between the name and `is` (`The password for the VPN
    // is X`, `Heslo do portálu je X`, `Passwort für das WLAN lautet X`).
    r#"|(?:[ \t][^\s"'=:<>]{1,20}){1,3}[ \t](?:is|ist|es|est|je|jest|\xC3\xA4r|on|\xC3\xA9|\xC3\xA8|era|was|lautet):?[ \t]"#,
    // Or a colon after them (`Senha do wi-fi: X`, `password for the VPN:
    // X`).
    r#"|(?:[ \t][^\s"'=:<>]{1,20}){1,3}[ \t]?(?::|\xEF\xBC\x9A)[ \t]"#,
    r#"|_[A-Za-z0-9_]{1,24}[ \t]{1,4}"#,
    // A quoted name, then its quoted value after spaces, as a command's
    // arguments (`"SET" "cfg:shop:secret_key" "live_..."` in a Redis log).
    r#"|[A-Za-z0-9_.\-]{0,24}["'][ \t]{1,4}["']"#,
    r#"|[A-Za-z0-9_.\-]{0,40}\\?["']?\s{0,16}(?:,\s{0,16})?(?:\r?\n\s{0,40}-?\s{0,4})?\\?["']?value\\?["']?\s{0,4}[=:]\s{0,16})"#,
    r#"\\?["']?([A-Za-z0-9+/_=.~!@#$%^&*?\-]{8,200})"#
);
/// The English months' names, as alternatives.
macro_rules! english_months {
    () => {
        r"january|february|march|april|may|june|july|august|september|october|november|december"
    };
}

/// The months by name, for [`DOB`]: English (and its three-letter
/// abbreviations), German, French, Spanish, Italian, Portuguese, Dutch,
/// Polish, Russian, Ukrainian, Czech, Romanian, Turkish and Greek.
macro_rules! month_name {
    () => {
        concat!(
            r"(?:",
            english_months!(),
            r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec",
            r"|januar|februar|m\xC3\xA4rz|mai|juni|juli|oktober|dezember",
            r"|janvier|f\xC3\xA9vrier|mars|avril|juin|juillet|ao\xC3\xBBt|septembre|octobre|novembre|d\xC3\xA9cembre",
            r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre",
            r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre",
            r"|janeiro|fevereiro|mar\xC3\xA7o|maio|junho|julho|setembro|outubro|dezembro",
            r"|januari|februari|maart|mei|augustus",
            // Swedish, Danish and Norwegian (`18 maj 1970`, `3. marts`).
            r"|maj|augusti|marts|desember",
            // Estonian.
            r"|jaanuar|veebruar|m\xC3\xA4rts|aprill|juuni|juuli|oktoober|detsember",
            // Finnish, in the partitive a date writes (`30. joulukuuta
            // 1972`); Hindi and Arabic (`19 फ़रवरी 2001`, `4 أغسطس 1989`).
            r"|tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kes\xC3\xA4kuuta|hein\xC3\xA4kuuta|elokuuta|syyskuuta|lokakuuta|marraskuuta|joulukuuta",
            r"|\xE0\xA4\x9C\xE0\xA4\xA8\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80|\xE0\xA4\xAB\xE0\xA4\xBC\xE0\xA4\xB0\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80|\xE0\xA4\xAB\xE0\xA4\xB0\xE0\xA4\xB5\xE0\xA4\xB0\xE0\xA5\x80|\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA5\x8D\xE0\xA4\x9A|\xE0\xA4\x85\xE0\xA4\xAA\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA5\x88\xE0\xA4\xB2|\xE0\xA4\xAE\xE0\xA4\x88|\xE0\xA4\x9C\xE0\xA5\x82\xE0\xA4\xA8|\xE0\xA4\x9C\xE0\xA5\x81\xE0\xA4\xB2\xE0\xA4\xBE\xE0\xA4\x88|\xE0\xA4\x85\xE0\xA4\x97\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4|\xE0\xA4\xB8\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\xB0|\xE0\xA4\xB8\xE0\xA4\xBF\xE0\xA4\xA4\xE0\xA4\xAE\xE0\xA5\x8D\xE0\xA4\xAC\xE0\xA4\xB0|\xE0\xA4\x85\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\x9F\xE0\xA5\x82\xE0\xA4\xAC\xE0\xA4\xB0|\xE0\xA4\x85\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x82\xE0\xA4\xAC\xE0\xA4\xB0|\xE0\xA4\xA8\xE0\xA4\xB5\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\xB0|\xE0\xA4\xA8\xE0\xA4\xB5\xE0\xA4\xAE\xE0\xA5\x8D\xE0\xA4\xAC\xE0\xA4\xB0|\xE0\xA4\xA6\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\xB0|\xE0\xA4\xA6\xE0\xA4\xBF\xE0\xA4\xB8\xE0\xA4\xAE\xE0\xA5\x8D\xE0\xA4\xAC\xE0\xA4\xB0",
            r"|\xD9\x8A\xD9\x86\xD8\xA7\xD9\x8A\xD8\xB1|\xD9\x81\xD8\xA8\xD8\xB1\xD8\xA7\xD9\x8A\xD8\xB1|\xD9\x85\xD8\xA7\xD8\xB1\xD8\xB3|\xD8\xA3\xD8\xA8\xD8\xB1\xD9\x8A\xD9\x84|\xD8\xA7\xD8\xA8\xD8\xB1\xD9\x8A\xD9\x84|\xD9\x85\xD8\xA7\xD9\x8A\xD9\x88|\xD9\x8A\xD9\x88\xD9\x86\xD9\x8A\xD9\x88|\xD9\x8A\xD9\x88\xD9\x84\xD9\x8A\xD9\x88|\xD8\xA3\xD8\xBA\xD8\xB3\xD8\xB7\xD8\xB3|\xD8\xA7\xD8\xBA\xD8\xB3\xD8\xB7\xD8\xB3|\xD8\xB3\xD8\xA8\xD8\xAA\xD9\x85\xD8\xA8\xD8\xB1|\xD8\xA3\xD9\x83\xD8\xAA\xD9\x88\xD8\xA8\xD8\xB1|\xD8\xA7\xD9\x83\xD8\xAA\xD9\x88\xD8\xA8\xD8\xB1|\xD9\x86\xD9\x88\xD9\x81\xD9\x85\xD8\xA8\xD8\xB1|\xD8\xAF\xD9\x8A\xD8\xB3\xD9\x85\xD8\xA8\xD8\xB1",
            // Polish, in the genitive a date writes (`5 listopada 1957`).
            r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze\xC5\x9Bnia|pa\xC5\xBAdziernika|listopada|grudnia",
            // Russian and Ukrainian, in the genitive (`27 грудня 1991 р.`).
            r"|\xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F|\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F|\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0|\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F|\xD0\xBC\xD0\xB0\xD1\x8F|\xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8F|\xD0\xB8\xD1\x8E\xD0\xBB\xD1\x8F|\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0|\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F|\xD0\xBE\xD0\xBA\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F|\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F|\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F|\xD1\x81\xD1\x96\xD1\x87\xD0\xBD\xD1\x8F|\xD0\xBB\xD1\x8E\xD1\x82\xD0\xBE\xD0\xB3\xD0\xBE|\xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBD\xD1\x8F|\xD0\xBA\xD0\xB2\xD1\x96\xD1\x82\xD0\xBD\xD1\x8F|\xD1\x82\xD1\x80\xD0\xB0\xD0\xB2\xD0\xBD\xD1\x8F|\xD1\x87\xD0\xB5\xD1\x80\xD0\xB2\xD0\xBD\xD1\x8F|\xD0\xBB\xD0\xB8\xD0\xBF\xD0\xBD\xD1\x8F|\xD1\x81\xD0\xB5\xD1\x80\xD0\xBF\xD0\xBD\xD1\x8F|\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB5\xD1\x81\xD0\xBD\xD1\x8F|\xD0\xB6\xD0\xBE\xD0\xB2\xD1\x82\xD0\xBD\xD1\x8F|\xD0\xBB\xD0\xB8\xD1\x81\xD1\x82\xD0\xBE\xD0\xBF\xD0\xB0\xD0\xB4\xD0\xB0|\xD0\xB3\xD1\x80\xD1\x83\xD0\xB4\xD0\xBD\xD1\x8F",
            // Czech, in the genitive; Romanian; Turkish (`5. března 1980`,
            // `12 martie 1975`, `5 mart 1990`).
            r"|ledna|\xC3\xBAnora|b\xC5\x99ezna|dubna|kv\xC4\x9Btna|\xC4\x8Dervna|\xC4\x8Dervence|srpna|z\xC3\xA1\xC5\x99\xC3\xAD|\xC5\x99\xC3\xADjna|listopadu|prosince|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie|ocak|\xC5\x9Fubat|mart|nisan|may\xC4\xB1s|haziran|temmuz|a\xC4\x9Fustos|eyl\xC3\xBCl|ekim|kas\xC4\xB1m|aral\xC4\xB1k",
            // Greek, in the genitive.
            r"|\xCE\xB9\xCE\xB1\xCE\xBD\xCE\xBF\xCF\x85\xCE\xB1\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCF\x86\xCE\xB5\xCE\xB2\xCF\x81\xCE\xBF\xCF\x85\xCE\xB1\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xBC\xCE\xB1\xCF\x81\xCF\x84\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xB1\xCF\x80\xCF\x81\xCE\xB9\xCE\xBB\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xBC\xCE\xB1\xCE\x90\xCE\xBF\xCF\x85|\xCE\xB9\xCE\xBF\xCF\x85\xCE\xBD\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xB9\xCE\xBF\xCF\x85\xCE\xBB\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xB1\xCF\x85\xCE\xB3\xCE\xBF\xCF\x8D\xCF\x83\xCF\x84\xCE\xBF\xCF\x85|\xCF\x83\xCE\xB5\xCF\x80\xCF\x84\xCE\xB5\xCE\xBC\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xBF\xCE\xBA\xCF\x84\xCF\x89\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xBD\xCE\xBF\xCE\xB5\xCE\xBC\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xB4\xCE\xB5\xCE\xBA\xCE\xB5\xCE\xBC\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85",
            // (Greek writes them capitalised.)
            r"|\xCE\x99\xCE\xB1\xCE\xBD\xCE\xBF\xCF\x85\xCE\xB1\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\xA6\xCE\xB5\xCE\xB2\xCF\x81\xCE\xBF\xCF\x85\xCE\xB1\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\x9C\xCE\xB1\xCF\x81\xCF\x84\xCE\xAF\xCE\xBF\xCF\x85|\xCE\x91\xCF\x80\xCF\x81\xCE\xB9\xCE\xBB\xCE\xAF\xCE\xBF\xCF\x85|\xCE\x9C\xCE\xB1\xCE\x90\xCE\xBF\xCF\x85|\xCE\x99\xCE\xBF\xCF\x85\xCE\xBD\xCE\xAF\xCE\xBF\xCF\x85|\xCE\x99\xCE\xBF\xCF\x85\xCE\xBB\xCE\xAF\xCE\xBF\xCF\x85|\xCE\x91\xCF\x85\xCE\xB3\xCE\xBF\xCF\x8D\xCF\x83\xCF\x84\xCE\xBF\xCF\x85|\xCE\xA3\xCE\xB5\xCF\x80\xCF\x84\xCE\xB5\xCE\xBC\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\x9F\xCE\xBA\xCF\x84\xCF\x89\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\x9D\xCE\xBF\xCE\xB5\xCE\xBC\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85|\xCE\x94\xCE\xB5\xCE\xBA\xCE\xB5\xCE\xBC\xCE\xB2\xCF\x81\xCE\xAF\xCE\xBF\xCF\x85",
            r")"
        )
    };
}
/// A date of birth after its word (group 1): numeric (`1985-03-14`,
/// `14/03/1985`, `03/14/1985`) or with the month's name (`14 March 1985`,
/// `March 14, 1985`, `14-Mar-1985`, `14. März 1985`, `14 de marzo de
/// 1985`); the word in any style (`Date of birth`, `date_of_birth`,
/// `birthDate`, `Birthday`) or language.
/// A birth date as [`DOB`] reads it after its words (case aside): digits
/// with dots, slashes or dashes, a month's name, or the year, month and
/// day signs of Japanese, Chinese and Korean.
macro_rules! dob_date {
    () => {
        concat!(
            r"(?:",
            r"(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]|[0-3]?[0-9][./-][01]?[0-9][./-](?:19|20)[0-9]{2}|[01]?[0-9]/[0-3]?[0-9]/(?:19|20)[0-9]{2}",
            // Czech and Slovak write a space after each dot (`4. 4. 1955`);
            // Hungarian the year first (`1945. 11. 20.`).
            r"|[0-3]?[0-9]\. [01]?[0-9]\. (?:19|20)[0-9]{2}|(?:19|20)[0-9]{2}\. [01]?[0-9]\. [0-3]?[0-9]",
            r"|[0-3]?[0-9](?:st|nd|rd|th|\.)?[ -](?:de |of (?:the )?)?",
            month_name!(),
            r"\.?[ ,-](?:de )?\s?(?:19|20)[0-9]{2}",
            r"|",
            month_name!(),
            r"\.? [0-3]?[0-9](?:st|nd|rd|th)?,? (?:19|20)[0-9]{2}",
            // Year first with dots or slashes (`1985/03/14`, as Japan and
            // China write it).
            r"|(?:19|20)[0-9]{2}[./][01]?[0-9][./][0-3]?[0-9]",
            r")\b",
            // With the year, month and day signs of Japanese, Chinese and
            // Korean (`1985年3月14日`, `1985년 3월 14일`).
            r"|(?:19|20)[0-9]{2}(?:\xE5\xB9\xB4|\xEB\x85\x84)\s?[01]?[0-9](?:\xE6\x9C\x88|\xEC\x9B\x94)\s?[0-3]?[0-9](?:\xE6\x97\xA5|\xEC\x9D\xBC)",
            // A Japanese era's year (`昭和58年4月16日`, `平成元年1月8日`:
            // Meiji, Taishō, Shōwa, Heisei, Reiwa; `元` its first year).
            // Lithuanian: the year, the month in the genitive, the day
            // (`1992 m. rugpjūčio 2 d.`).
            r"|(?:19|20)[0-9]{2} m\. (?:sausio|vasario|kovo|baland\xC5\xBEio|gegu\xC5\xBE\xC4\x97s|bir\xC5\xBEelio|liepos|rugpj\xC5\xAB\xC4\x8Dio|rugs\xC4\x97jo|spalio|lapkri\xC4\x8Dio|gruod\xC5\xBEio) [0-3]?[0-9] d\.",
            // Vietnamese (`13 tháng 12 năm 2001`, `ngày 13 tháng 12 năm
            // 2001`).
            r"|(?:ng\xC3\xA0y )?[0-3]?[0-9] th\xC3\xA1ng [01]?[0-9],? n\xC4\x83m (?:19|20)[0-9]{2}",
            // Latvian: the year, the day, the month in the locative or
            // nominative (`1992. gada 17. aprīlī`).
            r"|(?:19|20)[0-9]{2}\. gada [0-3]?[0-9]\. (?:janv\xC4\x81r|febru\xC4\x81r|mart|apr\xC4\xABl|maij|j\xC5\xABnij|j\xC5\xABlij|august|septembr|oktobr|novembr|decembr)(?:\xC4\xAB|\xC4\x81|is|s|a)",
            // Thai, with the Buddhist era's year (`8 ธ.ค. 2511`, `13
            // พฤษภาคม พ.ศ. 2512`) or the common era's.
            r"|[0-3]?[0-9] ?(?:\xE0\xB8\xA1\xE0\xB8\x81\xE0\xB8\xA3\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xA1|\xE0\xB8\x81\xE0\xB8\xB8\xE0\xB8\xA1\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\x9E\xE0\xB8\xB1\xE0\xB8\x99\xE0\xB8\x98\xE0\xB9\x8C|\xE0\xB8\xA1\xE0\xB8\xB5\xE0\xB8\x99\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xA1|\xE0\xB9\x80\xE0\xB8\xA1\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB8\xA2\xE0\xB8\x99|\xE0\xB8\x9E\xE0\xB8\xA4\xE0\xB8\xA9\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xA1|\xE0\xB8\xA1\xE0\xB8\xB4\xE0\xB8\x96\xE0\xB8\xB8\xE0\xB8\x99\xE0\xB8\xB2\xE0\xB8\xA2\xE0\xB8\x99|\xE0\xB8\x81\xE0\xB8\xA3\xE0\xB8\x81\xE0\xB8\x8E\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xA1|\xE0\xB8\xAA\xE0\xB8\xB4\xE0\xB8\x87\xE0\xB8\xAB\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xA1|\xE0\xB8\x81\xE0\xB8\xB1\xE0\xB8\x99\xE0\xB8\xA2\xE0\xB8\xB2\xE0\xB8\xA2\xE0\xB8\x99|\xE0\xB8\x95\xE0\xB8\xB8\xE0\xB8\xA5\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xA1|\xE0\xB8\x9E\xE0\xB8\xA4\xE0\xB8\xA8\xE0\xB8\x88\xE0\xB8\xB4\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA2\xE0\xB8\x99|\xE0\xB8\x98\xE0\xB8\xB1\xE0\xB8\x99\xE0\xB8\xA7\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xA1|\xE0\xB8\xA1\.\xE0\xB8\x84\.|\xE0\xB8\x81\.\xE0\xB8\x9E\.|\xE0\xB8\xA1\xE0\xB8\xB5\.\xE0\xB8\x84\.|\xE0\xB9\x80\xE0\xB8\xA1\.\xE0\xB8\xA2\.|\xE0\xB8\x9E\.\xE0\xB8\x84\.|\xE0\xB8\xA1\xE0\xB8\xB4\.\xE0\xB8\xA2\.|\xE0\xB8\x81\.\xE0\xB8\x84\.|\xE0\xB8\xAA\.\xE0\xB8\x84\.|\xE0\xB8\x81\.\xE0\xB8\xA2\.|\xE0\xB8\x95\.\xE0\xB8\x84\.|\xE0\xB8\x9E\.\xE0\xB8\xA2\.|\xE0\xB8\x98\.\xE0\xB8\x84\.) ?(?:\xE0\xB8\x9E\.\xE0\xB8\xA8\. ?)?(?:19|20|24|25)[0-9]{2}",
            r"|(?:\xE6\x98\x8E\xE6\xB2\xBB|\xE5\xA4\xA7\xE6\xAD\xA3|\xE6\x98\xAD\xE5\x92\x8C|\xE5\xB9\xB3\xE6\x88\x90|\xE4\xBB\xA4\xE5\x92\x8C)(?:[0-9]{1,2}|\xE5\x85\x83)\xE5\xB9\xB4\s?[01]?[0-9]\xE6\x9C\x88\s?[0-3]?[0-9]\xE6\x97\xA5"
        )
    };
}

/// A date read out in English words, as a speech transcript writes it (`the
/// twenty-seventh of november nineteen sixty-six`, `June the first two
/// thousand and four`).
macro_rules! spoken_date {
    () => {
        concat!(
            r"(?:(?:the )?",
            spoken_ordinal!(),
            r"(?: of)? ",
            month_english!(),
            r",? |",
            month_english!(),
            r" (?:the )?",
            spoken_ordinal!(),
            r",? )",
            r"(?:nineteen[- ](?:hundred|oh[- ](?:one|two|three|four|five|six|seven|eight|nine)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)",
            r"|two thousand(?: and)?(?:[- ](?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine))?",
            r"|twenty[- ](?:oh[- ])?(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine))\b"
        )
    };
}

/// A day of the month as an English ordinal word (`first`,
/// `twenty-seventh`).
macro_rules! spoken_ordinal {
    () => {
        concat!(
            r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)",
            r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth",
            r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
        )
    };
}

/// The English months' names.
macro_rules! month_english {
    () => {
        concat!(r"(?:", english_months!(), r")")
    };
}

/// A birth date answering its question in the next turn of a transcript
/// or a chat ([`answers`]): written as [`DOB`] reads it, or read out in
/// English words; anchored where the answer starts.
const ANSWERED_DATE: &str = concat!(r"(?i)(?:", dob_date!(), r"|", spoken_date!(), r")");

/// A date after a birth-date word (group 1), `is` or `was` between them
/// allowed.
const DOB: &str = concat!(
    r"(?i)(?:\b(?:date[ _-]?of[ _-]?birth|birth(?:[ _-]?date|day)?|b-?day|cumplea\xC3\xB1os|compleanno|verjaardag|urodziny|d\.?o\.?b\.?|born(?: on)?|geburtsdatum|geburtstag|date de naissance|fecha de nacimiento|geboren(?: am| op)?|geb\.(?: am)?|n\xC3\xA9e?(?: le)?|n\xC3\xA9\(e\)(?: le)?|nacid[oa](?: el)?|nac\xC3\xAD(?: el)?|naci\xC3\xB3(?: el)?|nascid[oa](?: em)?|nasceu(?: em)?|nasci(?: em| a| no dia)?|urodzi\xC5\x82(?:em|am|a)? si\xC4\x99|(?-i:[Nn]at[oa])(?: il)?|data di nascita|data de nascimento|data urodzenia|geboortedatum|f\xC3\xB6delsedatum|f\xC3\xB8dselsdato|syntym\xC3\xA4aika|syntynyt|syntyi|f\xC3\xB6dd(?: den)?|f\xC3\xB8dt(?: den)?|urodzon[ya]|do\xC4\x9Fum tarihim?",
    // Czech, Slovak, Hungarian, Romanian, Croatian, Vietnamese, Indonesian.
    r"|datum narozen\xC3\xAD|narozen\(a\)|narozen|narozena|d\xC3\xA1tum narodenia|sz\xC3\xBClet\xC3\xA9si d\xC3\xA1tumom|sz\xC3\xBClet\xC3\xA9si d\xC3\xA1tum|sz\xC3\xBClet\xC3\xA9si id\xC5\x91|sz\xC3\xBCletett|data na\xC8\x99terii|data na\xC5\x9Fterii|data nasterii|n\xC4\x83scut|n\xC4\x83scut\xC4\x83|datum ro\xC4\x91enja|ro\xC4\x91en|ro\xC4\x91ena|ng\xC3\xA0y sinh|sinh(?: ng\xC3\xA0y)?|tanggal lahir|lahir|gimimo data|gimiau|gim\xC4\x99s|gimusi|dzim\xC5\xA1anas datums|dzimis|dzimusi|s\xC3\xBCnniaeg|s\xC3\xBCndinud|ipinanganak|kaarawan|nilizaliwa|tarehe ya kuzaliwa|f\xC3\xA6ddur|f\xC3\xA6dd|data de naixement|datum rojstva|rojen|rojena)",
    // Russian, Ukrainian, Greek, Hebrew, Arabic, Japanese, Chinese,
    // Korean, Thai: no `\b` before a letter beyond ASCII.
    r"|\xD0\xB4\xD0\xB0\xD1\x82\xD0\xB0 \xD1\x80\xD0\xBE\xD0\xB6\xD0\xB4\xD0\xB5\xD0\xBD\xD0\xB8\xD1\x8F|\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBB\xD1\x81\xD1\x8F|\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBB\xD0\xB0\xD1\x81\xD1\x8C|\xD0\xB4\xD0\xB0\xD1\x82\xD0\xB0 \xD0\xBD\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB6\xD0\xB5\xD0\xBD\xD0\xBD\xD1\x8F|\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xB2\xD1\x81\xD1\x8F|\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBB\xD0\xB0\xD1\x81\xD1\x8F|\xCE\xB7\xCE\xBC\xCE\xB5\xCF\x81\xCE\xBF\xCE\xBC\xCE\xB7\xCE\xBD\xCE\xAF\xCE\xB1 \xCE\xB3\xCE\xAD\xCE\xBD\xCE\xBD\xCE\xB7\xCF\x83\xCE\xB7\xCF\x82|\xCE\xB3\xCE\xB5\xCE\xBD\xCE\xBD\xCE\xAE\xCE\xB8\xCE\xB7\xCE\xBA\xCE\xB5|\xD7\xAA\xD7\x90\xD7\xA8\xD7\x99\xD7\x9A \xD7\x9C\xD7\x99\xD7\x93\xD7\x94|\xD8\xAA\xD8\xA7\xD8\xB1\xD9\x8A\xD8\xAE \xD8\xA7\xD9\x84\xD9\x85\xD9\x8A\xD9\x84\xD8\xA7\xD8\xAF|\xE7\x94\x9F\xE5\xB9\xB4\xE6\x9C\x88\xE6\x97\xA5|\xE5\x87\xBA\xE7\x94\x9F\xE6\x97\xA5\xE6\x9C\x9F|\xE5\x87\xBA\xE7\x94\x9F\xE5\xB9\xB4\xE6\x9C\x88\xE6\x97\xA5|\xE8\xAA\x95\xE7\x94\x9F\xE6\x97\xA5|\xE7\x94\x9F\xE6\x97\xA5|\xEC\x83\x9D\xEB\x85\x84\xEC\x9B\x94\xEC\x9D\xBC|\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\x99\xE0\xB9\x80\xE0\xB8\x81\xE0\xB8\xB4\xE0\xB8\x94(?:\xE0[\xB8\xB9][\x80-\xBF]){0,12}|\xD7\xA0\xD7\x95\xD7\x9C\xD7\x93\xD7\xAA\xD7\x99|\xD7\xA0\xD7\x95\xD7\x9C\xD7\x93|\xD7\xA0\xD7\x95\xD7\x9C\xD7\x93\xD7\x94|\xD8\xAA\xD8\xA7\xD8\xB1\xDB\x8C\xD8\xAE \xD8\xAA\xD9\x88\xD9\x84\xD8\xAF|\xD9\x85\xD8\xAA\xD9\x88\xD9\x84\xD8\xAF|\xE0\xA4\x9C\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xAE \xE0\xA4\xA4\xE0\xA4\xBF\xE0\xA4\xA5\xE0\xA4\xBF|\xE0\xA4\x9C\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xAE\xE0\xA4\xA4\xE0\xA4\xBF\xE0\xA4\xA5\xE0\xA4\xBF|\xD0\x94\xD0\xB0\xD1\x82\xD0\xB0 \xD1\x80\xD0\xBE\xD0\xB6\xD0\xB4\xD0\xB5\xD0\xBD\xD0\xB8\xD1\x8F|\xD0\xA0\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBB\xD1\x81\xD1\x8F|\xD0\xA0\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBB\xD0\xB0\xD1\x81\xD1\x8C|\xD0\x94\xD0\xB0\xD1\x82\xD0\xB0 \xD0\xBD\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB6\xD0\xB5\xD0\xBD\xD0\xBD\xD1\x8F|\xD0\x9D\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xB2\xD1\x81\xD1\x8F|\xD0\x9D\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBB\xD0\xB0\xD1\x81\xD1\x8F|\xCE\x97\xCE\xBC\xCE\xB5\xCF\x81\xCE\xBF\xCE\xBC\xCE\xB7\xCE\xBD\xCE\xAF\xCE\xB1 \xCE\xB3\xCE\xAD\xCE\xBD\xCE\xBD\xCE\xB7\xCF\x83\xCE\xB7\xCF\x82|\xCE\x93\xCE\xB5\xCE\xBD\xCE\xBD\xCE\xAE\xCE\xB8\xCE\xB7\xCE\xBA\xCE\xB5",
    // Arabic: `ولد` (born), the person's name, `في` (on): `ولد قصي العجلان
    // في 15/07/1956`.
    r"|\xD9\x88\xD9\x84\xD8\xAF(?:\xD8\xAA)?(?: (?:[\xD8-\xDB][\x80-\xBF]){2,15}){1,3} \xD9\x81\xD9\x8A",
    // Hindi: `X का जन्म 11 अप्रैल 1945 को हुआ था` (X's birth was on).
    r"|\xE0\xA4\x95\xE0\xA4\xBE \xE0\xA4\x9C\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xAE)",
    // (Korean writes a topic particle after the word: `생년월일은`; Japanese
    // and Chinese theirs: `誕生日は`, `生日是`.)
    // An English ordinal's article (`born on the 8th of January 2001`).
    // A form's feminine ending in brackets (`dzimis(-usi)`, `né(e)`); the
    // date itself in brackets after the word (`Date of birth (3 September
    // 1982)`).
    // The place of birth between the word and the date (`born in London
    // on`, `nato a Roma il`, `né à Lyon le`, `nacida en Sevilla el`,
    // `geboren in Berlin am`).
    r"(?:\((?:-|/)?[a-z]{1,4}\))?(?: (?:in|a|\xC3\xA0|en|em|te|w|at) (?-i:[A-Z](?:[a-z]|\xC3[\x9F-\xBF]|[\xC4-\xC9][\x80-\xBF]){1,20}(?:[ -](?:(?:de|del|la|le|sur|sul|am|an|upon|di) )?[A-Z](?:[a-z]|\xC3[\x9F-\xBF]|[\xC4-\xC9][\x80-\xBF]){1,20}){0,2}),?(?: \([A-Z]{2}\))?(?: (?:on|il|le|el|em|am|op|dnia|the))?)?",
    r"(?:\xEC\x9D\x80|\xEB\x8A\x94|\xE3\x81\xAF|\xE6\x98\xAF|\((?:-|/)?[a-z]{1,4}\))?[\x22']?\s{0,16}(?:[:=]|\xEF\xBC\x9A)?\s{0,16}[\x22'(]?(?:(?:is|was|est|es|ist|\xC3\xA8|\xC3\xA9)\s{1,4})?(?:the )?(?:\xD7[\x91\x9C]-?)?(",
    dob_date!(),
    r")"
);
/// The words a postal code is written after ([`POSTCODE`]).
const POSTCODE_WORDS: &[&str] = &[
    "postcode",
    "post code",
    "postal code",
    "zip",
    "zipcode",
    "plz",
    "postleitzahl",
    "code postal",
    "codigo postal",
    "c\u{f3}digo postal",
    "cep",
];
/// A postal code after its word (group 1): a British postcode by its rules
/// (`postcode EC2A 1NT`), a US ZIP code (`zip code 94105-1234`), or a
/// postal code of another country's form (`PLZ: 10115`, `code postal 75001`,
/// `CEP 01310-100`, `postcode 1017 GC`, `00-950`, `111 51`, `2830-166`).
const POSTCODE: &str = concat!(
    r"(?i)\b(?:post ?code|postal code|zip(?: ?code)?|plz|postleitzahl|code postal|c(?:\xC3\xB3|o)digo postal|cep)",
    r"\s{0,4}[:=#]?\s{0,4}(?-i:(",
    r"GIR ?0AA|[A-PR-UWYZ](?:[0-9][ABCDEFGHJKPSTUW]?|[0-9]{2}|[A-HK-Y][0-9][ABEHMNPRVWXY]?|[A-HK-Y][0-9]{2}) ?[0-9][ABD-HJLNP-UW-Z]{2}",
    r"|[0-9]{5}-[0-9]{4}|[0-9]{5}-[0-9]{3}|[0-9]{5}|[0-9]{4} ?[A-Z]{2}|[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]",
    r"|[0-9]{2}-[0-9]{3}|[0-9]{3} [0-9]{2}|[0-9]{4}-[0-9]{3}|[0-9]{4}",
    r"))\b"
);
/// A capitalised word of a name in UTF-8 bytes: an uppercase letter (ASCII,
/// Latin-1, Latin Extended-A and -B, or Latin Extended Additional, whose
/// letters Vietnamese writes: `Phạm`, `Huỳnh`), then 1 to 20 lowercase
/// ones ([`NAME`]).
macro_rules! name_word {
    () => {
        r"(?:[A-Z]|\xC3[\x80-\x9E]|[\xC4-\xC9][\x80-\xBF]|\xE1[\xB8-\xBB][\x80-\xBF])(?:[a-z]|\xC3[\x9F-\xBF]|[\xC4-\xC9][\x80-\xBF]|\xE1[\xB8-\xBB][\x80-\xBF]){1,20}"
    };
}

/// The particles before a last name (`Maryse du Gros`, `Gabrielle de la
/// Leleu`, `Abel van den Velden`), each with the space after it.
macro_rules! name_particle {
    () => {
        r"(?:de|du|da|di|del|della|des|van|von|der|den|la|le|dos|das|ten|ter|bin|binti|bint|ibn|al|el) "
    };
}

/// Two or three capitalised words after a name word (group 1): `Name:
/// Jane Doe`, `my name is Jane Doe`.
const NAME: &str = concat!(
    r"(?:\b(?i:name|full name|customer|patient|employee|contact person|dear|",
    // Clinical notes' signers (`ATTENDING:`, `Dictated by`), a document's
    // authors, and people named by their relation (`my dad`, `our friend`).
    r"i am|i'm|i\xE2\x80\x99m|my name's|contactez|contacter|contacta|contatta|kontaktieren sie|neem contact op met|t\.n\.v\.|ten name van|in the name of|au nom de|a nombre de|intestato a|titolare|propri\xC3\xA9taire|eigent\xC3\xBCmer|eigenaar|referee|",
    r"account holder|card ?holder|policy ?holder|talk to|speak to|speak with|ask for|reach out to|get in touch with|inhaber|inhaberin|titulaire|titular|intestatario|",
    // What a request for someone's details names (`the home address of
    // Beth Ross`).
    r"home address of|address of|phone number of|e-?mail address of|contact details of|whereabouts of|date of birth of|",
    r"attending|attending physician|referring physician|dictated by|transcribed by|surgeon|authored by|prepared by|reviewed by|approved by|submitted by|reported by|written by|my (?:dad|mom|mum|father|mother|son|daughter|wife|husband|brother|sister|friend|colleague|boss|neighbor|neighbour|grandma|grandmother|grandpa|grandfather|uncle|aunt|cousin|partner|boyfriend|girlfriend|landlord|roommate)|our (?:friend|son|daughter|colleague|neighbor|neighbour)|",
    r"mr\.?|mrs\.?|ms\.?|dr\.?|nom|nombre|nome|naam|meno|jm\xC3\xA9no|jmeno|vardas|v\xC4\x81rds|pangalan|jina|izena|nafn|m'appelle|llamo|nazywam si\xC4\x99|heter|hedder",
    // Turkish, Romanian, Indonesian: `Adım`, `Adı Soyadı:`, `Mă numesc`,
    // `Numele meu este`, `Nama saya`.
    r"|ad\xC4\xB1m|ismim|ad\xC4\xB1 soyad\xC4\xB1|ad soyad|m\xC4\x83 numesc|numele meu este|nama saya|nama lengkap",
    r"|herr|frau|monsieur|madame|mme\.?|mlle\.?|se\xC3\xB1ora?|sra\.|srta\.|senhora?|signora?|sig\.(?:ra)?|dott\.|heer|mevrouw|mevr\.|fru|herra|rouva",
    // Who a site's legal notice names (`Verantwortlich für den Inhalt
    // nach § 55 Abs. 2 RStV:`, `Geschäftsführer:`, `Directrice de la
    // publication :`, `Legale rappresentante:`), and introductions in
    // languages that write nouns in lowercase (`Ik ben`, `Je suis`, `Sono`,
    // `Soy`, `Jestem`).
    r"|verantwortlich[^:\n]{0,60}:|gesch\xC3\xA4ftsf\xC3\xBChrer(?:in)?|vertreten durch|(?:directeur|directrice|responsable) de (?:la )?publication",
    r"|g\xC3\xA9rante?|legale rappresentante|rappresentante legale|zaakvoerder|w\xC5\x82a\xC5\x9Bciciel(?:ka)?",
    r"|ik ben|je suis|sono|soy|eu sou|jestem",
    // `Ich heiße`, `Mit navn er`, `Nimeni on`, `Chamo-me`; an account's
    // holder (`Kontoinhaber:`, `on file for`, `the account belongs to`).
    r"|(?:ich )?hei(?:\xC3\x9F|ss)e|mit navn er|mitt navn er|mitt namn \xC3\xA4r|(?:minun )?nimeni on|chamo-me|me chamo|meu nome \xC3\xA9",
    r"|kontoinhaber(?:in)?:?|kontohaver:?|kontoinnehavare:?|on file for|(?:account|card|number|phone|policy) belongs to|assigned to",
    // A formal letter's or a declaration's signer (`Je soussigné(e)`, `Il
    // sottoscritto`, `ondergetekende,`, `I, the undersigned,`).
    r"|soussign\xC3\xA9(?:e|\(e\))?|sottoscritt[oa]|ondergetekende,?|(?:the )?undersigned,?|unterzeichnende[r]?,?|(?:el|la) que suscribe,?|abaixo[- ]assinad[oa],?",
    // Swahili, Filipino, Vietnamese, Czech, Slovak, Lithuanian, Latvian,
    // Estonian, Croatian, Icelandic, Catalan.
    r"|m\xC3\xACnh l\xC3\xA0|t\xC3\xAAn l\xC3\xA0|t\xC3\xAAn m\xC3\xACnh l\xC3\xA0|naitwa|mimi ni|jina langu ni|ako si|ako po si|t\xC3\xB4i l\xC3\xA0|t\xC3\xAAn t\xC3\xB4i l\xC3\xA0|jmenuji se|vol\xC3\xA1m sa|mano vardas|esu|esmu|olen|mani sauc|minu nimi on|zovem se|moje ime je|ime mi je|em dic",
    // A meeting's or a ticket's people, after their label's colon
    // (`Attendees: Ruben Labado, ...`, `Reporter: Erin Larson`); an
    // agreement's or a report's (`Landlord: ...`, `Witness: ...`, `Next of
    // kin: ...`, `Officer in charge: ...`, `Signed: ...`).
    r"|(?:attendees?|participants?|invitees?|present|assignee|reporter|organi[sz]er|moderator|owner|speaker|aanwezig|deelnemers|anwesend|teilnehmer(?:innen)?|pr\xC3\xA9sents|presenti|partecipanti|asistentes|participantes|client|cliente|kunde|klant|klient|kund|landlord|tenant|witness|next of kin|officer in charge|managing director|emergency contact|reporting person|signed|navn|namn|nimi)[ \t]?:) ?[: ]",
    // A name's field in a log line, code or markup (`name="Homer
    // Simpson"`, `customer_name=`, `fullName: '...'`, `<name>`): a
    // person's role before `name`, as `product_name` is no person's.
    // A bare `name` only before `=` (a JSON record's `"name":` is read
    // with its record, `"product": {"name": ...}`), or as an element
    // inside a person's (`<patient><name>`; not a Maven project's
    // `<name>Apache Commons Lang</name>`).
    r#"|\b(?i:(?:customer|client|full|contact|patient|employee|card_?holder|account_?holder|recipient|passenger|guest|member|applicant|student)[_-]?name)\\?["']?\s?[=>:]\s?\\?["']?"#,
    r#"|\b(?i:name)\s?=\s?\\?["']?"#,
    // A card's holder in a payment log (`holder=Juan Carlos López García`).
    r#"|\b(?i:(?:card_?)?holder)\s?=\s?\\?["']?"#,
    r#"|\b(?i:customer|client|contact|patient|employee|recipient|passenger|guest|member|applicant|student)>\s{0,16}<(?i:name|full_?name)>"#,
    // Introductions in Cyrillic (`Моје име је`, `Меня зовут`), in both
    // cases (no `\b` or case folding beyond ASCII here).
    r"|(?:\xD0\xBC\xD0\xBE\xD1\x98\xD0\xB5 \xD0\xB8\xD0\xBC\xD0\xB5 \xD1\x98\xD0\xB5|\xD0\x9C\xD0\xBE\xD1\x98\xD0\xB5 \xD0\xB8\xD0\xBC\xD0\xB5 \xD1\x98\xD0\xB5|\xD0\xBC\xD0\xB5\xD0\xBD\xD1\x8F \xD0\xB7\xD0\xBE\xD0\xB2\xD1\x83\xD1\x82|\xD0\x9C\xD0\xB5\xD0\xBD\xD1\x8F \xD0\xB7\xD0\xBE\xD0\xB2\xD1\x83\xD1\x82|\xD0\xBC\xD0\xB5\xD0\xBD\xD0\xB5 \xD0\xB7\xD0\xB2\xD0\xB0\xD1\x82\xD0\xB8|\xD0\x9C\xD0\xB5\xD0\xBD\xD0\xB5 \xD0\xB7\xD0\xB2\xD0\xB0\xD1\x82\xD0\xB8|\xD0\xB7\xD0\xBE\xD0\xB2\xD0\xB5\xD0\xBC \xD1\x81\xD0\xB5|\xD0\x97\xD0\xBE\xD0\xB2\xD0\xB5\xD0\xBC \xD1\x81\xD0\xB5|\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB2\xD0\xB0\xD0\xBC \xD1\x81\xD0\xB5|\xD0\x9A\xD0\xB0\xD0\xB7\xD0\xB2\xD0\xB0\xD0\xBC \xD1\x81\xD0\xB5|\xCE\xBF\xCE\xBD\xCE\xBF\xCE\xBC\xCE\xAC\xCE\xB6\xCE\xBF\xCE\xBC\xCE\xB1\xCE\xB9|\xCE\x9F\xCE\xBD\xCE\xBF\xCE\xBC\xCE\xAC\xCE\xB6\xCE\xBF\xCE\xBC\xCE\xB1\xCE\xB9|\xC3\xA9g heiti|\xC3\x89g heiti) ",
    r"|\b(?i:regards|sincerely|signed by)[,:]?\s",
    // A mail's signature, after its `-- ` line (RFC 3676).
    r"|\n-- \r?\n",
    // Introducing oneself in a chat or a mail (`Hi, I'm Elizabeth Pitts`,
    // `Hello, this is ...`, `Bonjour, je suis ...`).
    r"|\b(?i:hi|hello|hey|hallo|bonjour|hola|ciao)[,!]?\s{1,4}(?i:i'm|i\xE2\x80\x99m|i am|this is|it's|je suis|c'est|soy|sono|ich bin)\s",
    r"|\b(?i:from|to|cc|bcc|attn|sender|recipient|author|contact):",
    // A vCard's formatted name (`FN:Okanay Sezer`); an iCalendar
    // attendee's or organizer's common name (`ATTENDEE;CN=Ana Lima:mailto:`;
    // a parameter only, see `cn_not_a_parameter`), also where the line
    // is folded right after it (RFC 5545 and 6350: a line break and a
    // space, `CN=\r\n 김예준`).
    r"|\b(?i:fn):(?:\r?\n[ \t])?|\b(?i:cn)=(?:\r?\n[ \t])?",
    // A source file's author tag (`@author Hamza van Hamaland <h.v@...>`,
    // Javadoc, PHPDoc, JSDoc), as code datasets hold them.
    r"|@author[ \t]{1,4}",
    // Arabic, Hebrew and Thai words for "my name" or "name" (`اسمي`,
    // `الاسم:`, `שמי`, `ชื่อ`), a space or a colon after them (`שמיים` is
    // the sky, `ชื่อเสียง` fame).
    r"|(?:\xD8\xA7\xD8\xB3\xD9\x85\xD9\x8A|\xD8\xA7\xD9\x84\xD8\xA7\xD8\xB3\xD9\x85|\xD7\xA9\xD7\x9E\xD7\x99|\xE0\xB8\x8A\xE0\xB8\xB7\xE0\xB9\x88\xE0\xB8\xAD|\xE0\xA4\xA8\xE0\xA4\xBE\xE0\xA4\xAE)\s?:?\s",
    // Russian, Ukrainian, Greek, Chinese, Japanese and Korean words for a
    // name (`ФИО:`, `Όνομα:`, `姓名：`, `이름:`): no `\b` before a letter
    // beyond ASCII.
    r"|(?:\xD0\xA4\xD0\x98\xD0\x9E|\xD0\xA4\.\xD0\x98\.\xD0\x9E\.|\xD0\x98\xD0\xBC\xD1\x8F|\xD0\xB8\xD0\xBC\xD1\x8F|\xD0\xA4\xD0\xB0\xD0\xBC\xD0\xB8\xD0\xBB\xD0\xB8\xD1\x8F|\xD1\x84\xD0\xB0\xD0\xBC\xD0\xB8\xD0\xBB\xD0\xB8\xD1\x8F|\xD0\x9F\xD0\x86\xD0\x91|\xD0\x86\xD0\xBC'\xD1\x8F|\xD1\x96\xD0\xBC'\xD1\x8F|\xD0\x9F\xD1\x80\xD1\x96\xD0\xB7\xD0\xB2\xD0\xB8\xD1\x89\xD0\xB5|\xCE\x8C\xCE\xBD\xCE\xBF\xCE\xBC\xCE\xB1|\xCF\x8C\xCE\xBD\xCE\xBF\xCE\xBC\xCE\xB1|\xCE\x9F\xCE\xBD\xCE\xBF\xCE\xBC\xCE\xB1\xCF\x84\xCE\xB5\xCF\x80\xCF\x8E\xCE\xBD\xCF\x85\xCE\xBC\xCE\xBF|\xE5\xA7\x93\xE5\x90\x8D|\xE6\xB0\x8F\xE5\x90\x8D|\xE5\x90\x8D\xE5\x89\x8D|\xEC\x9D\xB4\xEB\xA6\x84|\xEC\x84\xB1\xEB\xAA\x85",
    // A ticket's customer (`Клиент:`, `Клієнт:`, `客户：`).
    // (Its colon is needed: `客户服务` is customer service.)
    r"|(?:\xD0\x9A\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xBD\xD1\x82|\xD0\xBA\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xBD\xD1\x82|\xD0\x9A\xD0\xBB\xD1\x96\xD1\x94\xD0\xBD\xD1\x82|\xD0\xBA\xD0\xBB\xD1\x96\xD1\x94\xD0\xBD\xD1\x82|\xE5\xAE\xA2\xE6\x88\xB7|\xE5\xAE\xA2\xE6\x88\xB6)(?::|\xEF\xBC\x9A)",
    // And introductions: `我叫`, `我的名字是`, `私の名前は`, `제 이름은`.
    r"|\xE6\x88\x91\xE5\x8F\xAB|\xE6\x88\x91\xE7\x9A\x84\xE5\x90\x8D\xE5\xAD\x97\xE6\x98\xAF|\xE7\xA7\x81\xE3\x81\xAE\xE5\x90\x8D\xE5\x89\x8D\xE3\x81\xAF|\xEC\xA0\x9C \xEC\x9D\xB4\xEB\xA6\x84\xEC\x9D\x80)\s?(?::|\xEF\xBC\x9A)?)",
    // A mail header's display name may be quoted (`From: "Doe, Jane"`).
    // Academic titles before the name are no part of it (`Mein Name ist
    // Ing. Klaus-Michael Killer`, `Prof. Dr. ...`).
    // So are a police officer's rank (`Officer in charge: PC Dawn Evans`).
    r"\s{0,16}(?:(?:is|was|ist|est|es|\xC3\xA8|\xC3\xA9)\s{1,4})?(?:(?:Dr|Prof|Ing|Mag|Dipl\.-Ing|Dipl\.-Kfm)\.\s{1,4}){0,2}(?:(?:PC|DC|PS|DS|Sgt\.?|Insp\.?|Det\.?|Constable|Sergeant|Inspector|Detective) {1,4})?\x22?(",
    // Capitalised words, with the letters of Latin-1 and Latin Extended-A
    // (`Jürgen Müller`, `Łukasz Kuśka`), a middle initial between the
    // first two (`Phillip K Allen`, `John F. Kennedy`); or the last name
    // first, before a comma (`Smith, John`, as directories and mail
    // headers write them).
    // Particles before a last name (`Maryse du Gros`, `Gabrielle de la
    // Leleu`, `Ludwig van Beethoven`).
    r"(?:",
    name_word!(),
    r"(?: [A-Z]\.?)?(?:[ -](?:",
    name_particle!(),
    r"){0,2}",
    name_word!(),
    r"){1,2}",
    r"|",
    name_word!(),
    r", ",
    name_word!(),
    // Capitalised Cyrillic or Greek words (`Иван Петров`, `Γιώργος
    // Παπαδόπουλος`); two to four Chinese characters or Hangul syllables
    // (`王秀英`, `김민준`).
    // (Ukrainian's `Ґ` and `ґ` lie beyond the others: `Ґерета`.)
    r"|(?:\xD0[\x81-\xAF]|\xD2\x90)(?:\xD0[\xB0-\xBF]|\xD1[\x80-\x9F]|\xD2\x91){1,20}(?:[ -](?:\xD0[\x81-\xAF]|\xD2\x90)(?:\xD0[\xB0-\xBF]|\xD1[\x80-\x9F]|\xD2\x91){1,20}){1,2}",
    r"|\xCE[\x86-\xAB](?:\xCE[\xAC-\xBF]|\xCF[\x80-\x8E]){1,20}(?:[ -]\xCE[\x86-\xAB](?:\xCE[\xAC-\xBF]|\xCF[\x80-\x8E]){1,20}){1,2}",
    r"|(?:[\xE4-\xE9][\x80-\xBF]{2}){2,4}|(?:[\xEA-\xED][\x80-\xBF]{2}){2,4}",
    // Two or three words in capitals, as cards and labels print a name
    // (`Titular: OMAR MILLÁN`, `ACCOUNT HOLDER KEVIN OLSEN IBAN ...`: the
    // fewest that end at a word's end).
    r"|(?:[A-Z]|\xC3[\x80-\x9E])(?:[A-Z'-]|\xC3[\x80-\x9E]|[\xC4-\xC5][\x80-\xBF]){1,20}(?: (?:[A-Z]|\xC3[\x80-\x9E])(?:[A-Z'-]|\xC3[\x80-\x9E]|[\xC4-\xC5][\x80-\xBF]){1,20}){1,2}?",
    // Two or three Arabic (and Persian) words, two or three Hebrew ones, two
    // Thai ones (`محمد أحمد`, `דוד כהן`, `สมชาย ใจดี`).
    r"|(?:\xD8[\xA1-\xBF]|\xD9[\x80-\x92\xBE]|\xDA[\x86\x98\xA9\xAF]|\xDB\x8C){2,15}(?: (?:\xD8[\xA1-\xBF]|\xD9[\x80-\x92\xBE]|\xDA[\x86\x98\xA9\xAF]|\xDB\x8C){2,15}){1,2}",
    r"|(?:\xD7[\x90-\xAA]){2,12}(?:[ -](?:\xD7[\x90-\xAA]){2,12}){1,2}",
    r"|(?:\xE0[\xB8-\xB9][\x80-\xBF]){2,20} (?:\xE0[\xB8-\xB9][\x80-\xBF]){2,20}",
    // Two or three Devanagari words (`संजय अय्यर`), the danda and digits
    // left out.
    r"|(?:\xE0\xA4[\x80-\xBF]|\xE0\xA5[\x80-\xA3\xB0-\xBF]){2,20}(?: (?:\xE0\xA4[\x80-\xBF]|\xE0\xA5[\x80-\xA3\xB0-\xBF]){2,20}){1,2}",
    // Not cut before a letter of Latin-1 or Latin Extended-A or -B
    // (`Gergő`, `Bălaș`):
    // the byte after the name starts none, or the text ends.
    r"))(?:[^A-Za-z0-9_\xC3-\xC9]|\z)",
    // Or one word (group 2) in a first or last name's own field, in a log
    // line, code, a form or markup (`first_name=Maria`, `"lastName":
    // "Garcia"`, `Surname: Okafor`, `<given_name>Ana</given_name>`): a
    // name's part is a name where its field says so. Not a type or a call
    // (`first_name: String`, `= Column(...)`, `Faker.first_name()`,
    // `List<...>`): the word ends the value.
    r#"|(?i:(?:first|last|given|family)[_ -]?name|surname|forename|vorname|nachname|pr(?:\xC3\xA9|e)nom|apellidos?|cognome|voornaam|achternaam|nazwisko|efternamn|f\xC3\xB6rnamn|etternavn|fornavn|sukunimi|etunimi)"#,
    // `O'Neil`, `McDonald`, `Anne-Marie`.
    r#"\\?["']?\s{0,4}[=:>]\s{0,4}\\?["']?((?:[A-Z]')?"#,
    name_word!(),
    r#"(?:"#,
    name_word!(),
    r#")?(?:-"#,
    name_word!(),
    r#")?)(?:[\s"'&;,}\])|]|</|\.(?:[^A-Za-z0-9]|\z)|\z)"#,
    // Or a name alone on the line under a sign-off (group 3), a first
    // name too (`Kind regards,\nJeremy`, `Mit freundlichen Grüßen\nAnna
    // Huber`), the line breaks as they are or escaped in a JSON string.
    r"|\b(?i:regards|sincerely|cheers|best|best wishes|thanks|many thanks|thank you|yours truly|yours|warm wishes|warmly",
    r"|mit freundlichen gr(?:\xC3\xBC|ue)(?:\xC3\x9F|ss)en|viele gr(?:\xC3\xBC|ue)(?:\xC3\x9F|ss)e|liebe gr(?:\xC3\xBC|ue)(?:\xC3\x9F|ss)e",
    r"|cordialement|bien (?:\xC3\xA0|a) vous|saludos|un saludo|atentamente|cordiali saluti|distinti saluti|saluti",
    r"|met vriendelijke groet|groeten|atenciosamente|abra(?:\xC3\xA7|c)os|pozdrawiam|s pozdravem",
    r"|med v(?:\xC3\xA4|a)nlig h(?:\xC3\xA4|a)lsning|h(?:\xC3\xA4|a)lsningar|venlig hilsen|med vennlig hilsen|hilsen|terveisin",
    r"|sayg(?:\xC4\xB1|i)lar(?:\xC4\xB1|i)mla|mvh|m\.v\.h\.|(?:freundliche|beste|herzliche) gr(?:\xC3\xBC|ue)(?:\xC3\x9F|ss)e|cordialmente|un saluto",
    r"|groetjes|(?:met )?(?:vriendelijke|hartelijke) groet(?:en)?|z powa\xC5\xBCaniem|s pozdravom|lep pozdrav|srda\xC4\x8Dan pozdrav|cu stim\xC4\x83|take care)",
    r"[,!.]?[ \t]*(?:\r?\n|\\r\\n|\\n| {2})(?:[ \t]*(?:\r?\n|\\r\\n|\\n))?[ \t]*(",
    name_word!(),
    r"(?: ",
    name_word!(),
    r"){0,2})(?: {2}|[ \t]*(?:\r?\n|\\[rn]|[\x22<,]|\z))",
    // Or one or two words saying who writes (group 4: `Edit: Richard
    // here`, `Hi all, Sam Lee here`).
    r"|\b(?i:edit|hi all|hello all|hey all|hi everyone|hello everyone|hey everyone|hi folks|hi guys|hey guys)[:,!]?[ \t]{1,4}(",
    name_word!(),
    r"(?: ",
    name_word!(),
    r")?) here\b",
    // Or a last name after a salutation and a person's title (group 5:
    // `Dear Ms. Patel,`, `Sehr geehrte Frau Zirme,`, `Geachte heer
    // Jansen,`, `Chère Madame Dupont`, `Estimado Sr. García:`, `Szanowny
    // Panie Kowalski`): the title says a person follows, so one word is
    // enough. (Not `Sehr geehrte Kundin,`: no title.)
    r"|\b(?i:dear|sehr geehrte|sehr geehrter|geachte|beste|cher|ch\xC3\xA8re|estimad[oa]|querid[oa]|gentile|gentili|egregi[oa]|gentil\xC3\xADssim[oa]|prezad[oa]|szanown[yai]|v\xC3\xA1\xC5\xBEen\xC3[\xBD\xA1]|stimate|stimat\xC4\x83|hallo|hello|hi|guten tag|bonjour|buongiorno|buenos d\xC3\xADas|goedemorgen|goedemiddag)[,!]?[ \t]{1,4}",
    r"(?i:mr|mrs|ms|miss|mx|dr|prof|frau|herr|herrn|heer|mevrouw|mevr|dhr|monsieur|madame|mademoiselle|mme|mlle|m|sr|sra|srta|se\xC3\xB1or|se\xC3\xB1ora|se\xC3\xB1orita|sig|sig\.ra|sigra|signor|signora|signorina|dott|dott\.ssa|dottor|dottoressa|avv|pan|pani|panie|pane|pan\xC3\xAD|senhor|senhora|don|do\xC3\xB1a|dona|domnule|doamn\xC4\x83|doamna)\.?[ \t]{1,4}((?:",
    name_particle!(),
    r"){0,2}",
    name_word!(),
    r"(?:[ -](?:",
    name_particle!(),
    r"){0,2}",
    name_word!(),
    r"){0,2})(?:[,!:;]|\.(?:[^A-Za-z0-9]|\z)|[ \t]*(?:\r?\n|\\[rn]|\z))",
    // Or one to three words greeted (group 6: `Hi John,`, `Hallo Frau
    // Weber` is read above), ended by a comma, a stop or the line's end;
    // `Hi all,` is none ([`greeted_no_one`]).
    r"|\b(?i:hi|hello|hey|hallo|hola|ciao|bonjour|bonsoir|buongiorno|ol\xC3\xA1|dear|liebe|lieber|querida|querido)[,!]?[ \t]{1,4}(",
    name_word!(),
    r"(?: ",
    name_word!(),
    r"){0,2})(?:[,!:]|\.(?:[^A-Za-z0-9]|\z)|[ \t]*(?:\r?\n|\\[rn]|\z))",
    // Or two or three words after an office of a club or a board (group
    // 7: `Chair: Abigail Davis`, `de penningmeester, Lucas Appel`, `Senna
    // de Werd`).
    r"|\b(?i:treasurer|secretary|chair|chairman|chairwoman|chairperson|president|vice[- ]president|penningmeester|voorzitter|secretaris|vorsitzende|vorsitzender|kassenwart|kassiererin|kassierer|schriftf\xC3\xBChrerin|schriftf\xC3\xBChrer",
    r"|tr\xC3\xA9sori\xC3\xA8re|tr\xC3\xA9sorier|secr\xC3\xA9taire|pr\xC3\xA9sidente|pr\xC3\xA9sident|tesorera|tesorero|secretaria|secretario|presidente|tesoriere|segretaria|segretario)[:,]?[ \t]{1,4}(",
    name_word!(),
    r"(?: (?:",
    name_particle!(),
    r"){0,2}",
    name_word!(),
    r"){1,2})(?:[^A-Za-z0-9_\xC3-\xC9]|\z)",
    // Or two or three words greeted, then the sentence going on (group 8:
    // `ja hallo Jorge Hamann ich wollte`, as a transcript writes it).
    r"|\b(?i:hi|hello|hey|hallo|hola|ciao|bonjour)[,!]?[ \t]{1,4}(",
    name_word!(),
    r"(?: ",
    name_word!(),
    r"){1,2}) [a-z]",
    // Or one to three words after a person's title, capitalised (group 9:
    // `Mr. Smith`, `Opinion by Judge Wilson`): an abbreviation with its
    // dot, or a judge's or an officer's title. (Not `Mrs Technology`,
    // `Coach Area`, `Herr Tag`: product names and nouns write so.)
    // Professional titles too (`Avv. Vincenzo Franzese`, `lek. dent. Inga
    // Rapa`, `Prof. Anna Weber`, `mgr inż. Jan Nowak`, `Maître Dupont`).
    r"|\b(?:(?:Mr|Mrs|Ms|Dr|Sgt|Prof|Avv|Dott|Dott\.ssa|Ing|Mag|Dipl\.-Ing|Dipl\.-Kfm)\.|Judge|Justice|Detective|Sergeant",
    // A form letter's either title (`Frau/Herr Zirme`, `Mr/Mrs Holt`).
    r"|Frau/Herr|Herr/Frau|Frau/Herrn|Herrn/Frau|Mr\.?/Mrs\.?|Mrs\.?/Mr\.?|Mr\.?/Ms\.?|Ms\.?/Mr\.?|Monsieur/Madame|Madame/Monsieur|Mme/M\.|M\./Mme|Sr\./Sra\.|Sra\./Sr\.",
    r"|lek\.(?: dent\.| med\.)?|mgr(?: in\xC5\xBC\.)?|dr hab\.|dr n\. med\.|Notaio|Notaire|Ma\xC3\xAEtre|Rechtsanw\xC3\xA4ltin|Rechtsanwalt|Advocaat) (",
    name_word!(),
    r"(?: ",
    name_word!(),
    r"){0,2})(?:[^A-Za-z0-9_\xC3-\xC9]|\z)",
    // Or two or three words signing a message after its request's last
    // word and stop, on the same line, and ending the message or the line
    // (group 10: `Change my direct debit to ... please. Klara Sałuda`,
    // `Danke! Jonas Weber`).
    r"|\b(?i:please|pls|thanks|thank you|thx|danke|bitte|merci|gracias|grazie|bedankt|dzi\xC4\x99kuj\xC4\x99|obrigad[oa])[.!][ \t]{1,2}(",
    name_word!(),
    r"(?: (?:",
    name_particle!(),
    r"){0,2}",
    name_word!(),
    r"){1,2})[ \t]*(?:\r?\n|\\[rn]|\x22|\z)",
    // Or one or two words thanked, then a stop (group 11: an agent's
    // `Thanks, Nina. Can you confirm ...`, `Obrigado, Alícia.`).
    r"|\b(?i:thanks|thank you|thx|danke|merci|gracias|grazie|bedankt|dank je|dank u|dzi\xC4\x99kuj\xC4\x99|obrigad[oa]|tack|takk|kiitos),[ \t]{1,2}(",
    name_word!(),
    r"(?: ",
    name_word!(),
    r")?)[.!?](?:[ \t]|\r?\n|\\[rn]|\x22|\z)",
    // Or one to three words after a title written out, or abbreviated in
    // lowercase (group 12: `Herr Zirme ist unter ...`, `Pan Lisowicz
    // napisał`, `Contactpersoon: dhr. Mik Berg`, `Il sig. Guerrieri ha
    // scritto`), ended by a stop, a comma, the line's end, or a verb a
    // person is the subject of: German writes its nouns capitalised after
    // `Herr` too (`Herr Tag nehmen`, `Herr Tür frei`), and products are
    // named so (`Mrs Study`: English titles need their dot, group 9).
    // Roles are none (`Herr Doktor`, `Pan Am`, `Sr. Data Scientist`, see
    // [`greeted_no_one`]).
    r"|\b(?:Herr|Herrn|Frau|Pan|Pani|Panem|Monsieur|Madame|Signor|Signora|Se\xC3\xB1or|Se\xC3\xB1ora|Senhor|Senhora|(?i:sig|sig\.ra|dhr|mevr|mw|hr|fr|sr|sra|srta|dott|dott\.ssa)\.) (",
    name_word!(),
    r"(?:[ -](?:",
    name_particle!(),
    r"){0,2}",
    name_word!(),
    r"){0,2})(?:[,.;:!?)\x22]|\r?\n|\\[rn]|\z|[ \t](?:ist|hat|war|wird|hatte|sagt|schreibt|schrieb|ruft|jest|ma|by\xC5\x82a?|napisa\xC5\x82a?|dzwoni\xC5\x82a?|est|a|es|ha|\xC3\xA8|is|has|was|heeft|zal|belde|schreef|\xC3\xA4r|har)(?:[^A-Za-z0-9_\x80-\xBF\xC3-\xC9]|\z))"
);
/// A passport or driving licence number after its words (group 1): letters
/// and digits, dashes between groups; [`document_number`] then wants four
/// digits in it.
const DOCUMENT: &str = "(?i)\\b(?:passport|pasaporte|passaporte|passeport|passaporto|reisepass|paszport|paspoort|pass-?nr|passnummer|\
    (?:driver'?s?|driving) licen[cs]e|licencia de conducir|permis(?:o)? de condu(?:ire|cir)|carnet de conducir|carta de condu\u{e7}\u{e3}o|\
    f(?:\u{fc}|ue)hrerschein|fahrerlaubnis|patente di guida|rijbewijs|prawo jazdy|k\u{f6}rkort|k\u{f8}rekort|f\u{f8}rerkort|ajokortti)\
    (?:[ _-]?(?:no|number|num|nr|id|n\u{b0}|n\\.?\u{ba}|n\u{fa}mero|numero|nummer|numer|nro))?\\.?\\\\?[\"']?\\s{0,4}(?:#|:|=|is|es|est|ist|\u{e8})?\\s{0,4}\\\\?[\"']?\
    ([a-z0-9][a-z0-9-]{4,18}[a-z0-9])\\b";
/// A bank account number after its words (group 1): 6 to 17 digits, single
/// spaces or dashes between them (`account number: 12345678`, `sort code
/// and account number 12-34-56 12345678`, `Kontonummer 1234567890`).
/// `account` alone is not enough (a user account's id is no bank's). Or
/// an IBAN after its word in any case (group 2: `IBAN gb32baep...`, as
/// some forms keep what was typed), checked as an IBAN.
const BANK: &str = "(?i)\\b(?:(?:(?:bank|checking|savings|current) )?account (?:number|no\\.?|num|nr|#)|bank account|acct\\.? ?(?:no\\.?|num|nr|#)?|\
    sort code and account number|kontonummer|konto-?nr\\.?|n(?:u|\u{fa})mero de cuenta|num(?:e|\u{e9})ro de compte|n(?:u|\u{fa})mero da conta|numero di conto|rekeningnummer|numer konta)\
    \\s{0,4}(?:#|:|=|is|es|est|ist)?\\s{0,4}([0-9](?:[ -]?[0-9]){5,16})\\b\
    |\\biban\\s{0,4}(?:#|:|=|is|es|est|ist)?\\s{0,4}([a-z]{2}[0-9]{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,3})?)\\b";
/// The patterns that start at (or, for addresses, lie around) a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Led {
    Assignment,
    Dob,
    Name,
    Document,
    Bank,
    /// A postal code after its word (`postcode EC2A 1NT`, `PLZ: 10115`).
    Postcode,
    /// A street word of [`ADDRESS`](address::ADDRESS) (`Street`, `Apt.`,
    /// `Flat`).
    Address,
    /// A street word or ending of [`eu_address`] (`Calle`, `-straße`).
    EuAddress,
    /// A word that says an address follows (`lives at`, `Address:`).
    AddressCue,
    /// An e-mail address's `@` written otherwise (`%40`, `&#64;`, `[at]`),
    /// or the spelled-out dot of one written in words
    /// ([`crate::written_email`]).
    WrittenAt,
    /// A digit read out in words ([`crate::spoken`]).
    Spoken,
    /// Words that ask for a phone number (`contact number`), answered in
    /// a later turn ([`answers::phone_answers`]).
    PhoneQuestion,
    /// Words that ask for a person's name (`full name on the account`),
    /// answered in a later turn ([`answers::answered_names`]).
    NameQuestion,
    /// A verb a name is written right before (`wrote`, `vagyok`, `です`),
    /// see [`names_before_verbs`].
    NameAfter,
    /// A verb of speech, a person's role, a byline's `By` or a subtitle's
    /// voice a name is written beside in prose ([`prose_names`]).
    Prose,
    /// A mark that an encoding or a form may be in the buffer
    /// ([`MARKERS`]), looked for in the same pass as the words.
    Marker,
    /// A street word or mark of a regional form ([`REGIONAL_WORDS`]): kept
    /// apart from the others' starts, with its form (the last).
    RegionalAddress,
}

/// Byte strings whose presence (in this case) tells a buffer needs a
/// reading of its own: mail's encoded words and bodies, a vCard, an LDIF
/// value in base64, a token of the `encrypt` redaction operator, a
/// genealogy's dagger. Found by the word pass (case-insensitively, then
/// compared: [`WordStarts::holds`]) rather than by a search of the whole
/// buffer for each.
const MARKERS: &[&str] = &[
    "=?",
    "ransfer-",
    "BEGIN:V",
    "END:V",
    ":: ",
    crate::redact::ENC_PREFIX,
    "\u{2020}",
];

/// The regions national phone numbers of one buffer are read in
/// ([`Detector::phone_guesses`]), and whether they are a fallback (nothing
/// in the file points to a region of its own).
struct PhoneGuesses<'h> {
    regions: std::borrow::Cow<'h, [String]>,
    fallback: bool,
}

/// The words of the keyword-led patterns, in the order [`Detector::words`]
/// holds them after the secret keywords: each list with its pattern, and
/// where its words count (anywhere in a word: `db_password=`,
/// `Hauptstraße`; where a word starts; where a capitalised word starts,
/// as the pattern wants: `Meadow`, not `meadow`).
const LED_WORDS: [(Led, &[&str], Gate); 46] = [
    (Led::Assignment, ASSIGNMENT_WORDS, Gate::Anywhere),
    (Led::Dob, DOB_WORDS, Gate::WordStart),
    (Led::Name, NAME_WORDS, Gate::WordStart),
    (Led::Name, NAME_FIELD_WORDS, Gate::Anywhere),
    (Led::Document, DOCUMENT_WORDS, Gate::WordStart),
    (Led::Bank, BANK_WORDS, Gate::WordStart),
    (Led::Postcode, POSTCODE_WORDS, Gate::WordStart),
    (Led::Address, ADDRESS_WORDS, Gate::WordStart),
    (Led::Address, RARE_STREET_WORDS, Gate::Capitalised),
    (Led::EuAddress, EU_STREET_WORDS, Gate::WordStart),
    (Led::EuAddress, ADDRESS_SUFFIXES, Gate::Anywhere),
    // Brazil's street types, capitalised (`Vale Laís Cirino, 12, ...`).
    (Led::EuAddress, BR_STREET_WORDS, Gate::Capitalised),
    // A British flat on a line of its own, read with the next line.
    (Led::Address, FLAT_WORDS, Gate::Capitalised),
    // Portugal's `Av` (`Av Baptista, 476, Santiago do Cacém`), capitalised:
    // `av` is a common Scandinavian word.
    (Led::EuAddress, &["av", "av."], Gate::Capitalised),
    // A flat or suite after a street of any last word (`Rest Apt. 469`).
    (Led::Address, UNIT_WORDS, Gate::Capitalised),
    (Led::Address, SHORT_STREET_WORDS, Gate::Anywhere),
    (Led::AddressCue, ADDRESS_CUE_VERBS, Gate::WordStart),
    (Led::AddressCue, ADDRESS_CUE_NOUNS, Gate::WordStart),
    (Led::AddressCue, &["location"], Gate::WordStart),
    (Led::WrittenAt, crate::written_email::AT_WORDS, Gate::Anywhere),
    (Led::WrittenAt, &[crate::written_email::DOT_WORD], Gate::Anywhere),
    (Led::Spoken, crate::spoken::DIGIT_WORDS, Gate::WordStart),
    (Led::PhoneQuestion, &answers::PHONE_QUESTIONS, Gate::WordStart),
    (Led::NameQuestion, &answers::NAME_QUESTIONS, Gate::WordStart),
    (Led::NameAfter, &names_before_verbs::WROTE, Gate::WordStart),
    (Led::NameAfter, &names_before_verbs::INTRODUCED, Gate::WordStart),
    (Led::NameAfter, &names_before_verbs::JAPANESE_INTRODUCED, Gate::Anywhere),
    (Led::NameAfter, &names_before_verbs::HONORIFICS, Gate::Anywhere),
    (Led::NameAfter, &names_before_verbs::ARABIC_BORN, Gate::WordStart),
    (Led::NameAfter, &names_before_verbs::HERE, Gate::WordStart),
    (Led::NameAfter, &names_before_verbs::HOLDER, Gate::WordStart),
    (Led::NameAfter, &names_before_verbs::BORN, Gate::WordStart),
    (Led::Prose, &prose_names::SAID, Gate::WordStart),
    (Led::Prose, &prose_names::ROLES, Gate::WordStart),
    (Led::Prose, &prose_names::MARKS, Gate::Anywhere),
    (Led::Prose, &prose_names::AGED, Gate::WordStart),
    (Led::Prose, &prose_names::DOTLESS_TITLES, Gate::WordStart),
    (Led::Prose, &prose_names::BETWEEN, Gate::WordStart),
    (Led::Prose, &prose_names::INTRODUCTIONS, Gate::WordStart),
    (Led::Prose, &prose_names::CYRILLIC_INTRODUCTIONS, Gate::WordStart),
    (Led::Prose, &prose_names::SPEAKERS, Gate::WordStart),
    (Led::Prose, &prose_names::COURTESIES, Gate::WordStart),
    (Led::Prose, &prose_names::REQUESTS, Gate::WordStart),
    (Led::NameAfter, &names_before_verbs::POSSESSIONS, Gate::Anywhere),
    (Led::NameAfter, &names_before_verbs::HINDI_BORN, Gate::WordStart),
    (Led::Marker, MARKERS, Gate::Anywhere),
];

/// Where each keyword-led pattern's words start, ascending; the regional
/// words' starts with their form.
#[derive(Debug, Default)]
struct WordStarts([Vec<usize>; 16], Vec<(usize, Form)>);

impl WordStarts {
    fn of(&self, led: Led) -> &[usize] {
        &self.0[led as usize]
    }

    /// Whether `marker`, one of [`MARKERS`], is in `buf` (the buffer of
    /// the pass), as written.
    fn holds(&self, buf: &[u8], marker: &str) -> bool {
        debug_assert!(MARKERS.contains(&marker));
        self.of(Led::Marker)
            .iter()
            .any(|&s| buf[s..].starts_with(marker.as_bytes()))
    }
}

/// A pattern compiled for searches of a span of a buffer whose look-around
/// (`\b`) still sees the bytes around the span; tried anchored where a
/// start is known.
fn span_re(p: &str) -> regex_automata::meta::Regex {
    regex_automata::meta::Builder::new()
        .syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false))
        .configure(
            regex_automata::meta::Config::new()
                .utf8_empty(false)
                .nfa_size_limit(Some(32 << 20)),
        )
        .build(p)
        .unwrap_or_else(|e| panic!("built-in pattern {p:?}: {e}"))
}

/// A pattern compiled when first used: a file whose text never asks for
/// it (no word of its kind, no line an address may be on) does not pay for
/// its compile, which is serial time in every scan.
#[derive(Debug)]
struct Lazy<T> {
    pattern: String,
    compile: fn(&str) -> T,
    cell: std::sync::OnceLock<T>,
}

impl<T> Lazy<T> {
    fn new(pattern: String, compile: fn(&str) -> T) -> Self {
        Self {
            pattern,
            compile,
            cell: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> &T {
        self.cell.get_or_init(|| (self.compile)(&self.pattern))
    }
}

fn re(p: &str) -> Regex {
    // Patterns here are constants, tested by `detector_builds`.
    RegexBuilder::new(p)
        .unicode(false)
        .size_limit(32 << 20)
        .build()
        .unwrap_or_else(|e| panic!("built-in pattern {p:?}: {e}"))
}

/// A secret keyword's occurrence: (keyword index, start, end).
type KeywordHit = (usize, usize, usize);

/// The identifier patterns of [`ID_KINDS`], as [`Detector`] holds them.
struct IdAutomata {
    kinds: Vec<KindPattern>,
    shape_set: regex::bytes::RegexSet,
    shape_kinds: Vec<u128>,
    union: crate::starts::AllMatches,
    same_entity: Vec<u128>,
    country_bits: Vec<(u128, &'static [&'static str])>,
}

impl IdAutomata {
    fn new() -> Self {
        assert!(ID_KINDS.len() <= 128, "a kind's bit must fit a u128");
        // Compiled when first asked for: a file meets the shapes of a few
        // kinds, and compiling them all was a fifth of the start-up.
        let kinds = ID_KINDS
            .iter()
            .map(|kind| KindPattern {
                kind,
                regex: Lazy::new(format!("^(?:{})", kind.pattern), re),
            })
            .collect();
        // Each shape once (see `shape`): kinds of one shape need one branch
        // to say where they may start, and a smaller automaton warms up
        // faster on every thread.
        let mut patterns: Vec<String> = Vec::new();
        let mut shape_kinds: Vec<u128> = Vec::new();
        for (i, k) in ID_KINDS.iter().enumerate() {
            let shape = crate::shape::widened(k.pattern).unwrap_or_else(|| panic!("pattern of {}", k.entity));
            let at = patterns.iter().position(|p| *p == shape).unwrap_or_else(|| {
                patterns.push(shape);
                shape_kinds.push(0);
                patterns.len() - 1
            });
            shape_kinds[at] |= 1 << i;
        }
        let shape_set = || {
            regex::bytes::RegexSetBuilder::new(patterns.iter().map(|p| format!("^(?:{p})")))
                .unicode(false)
                .size_limit(256 << 20)
                .dfa_size_limit(64 << 20)
                .build()
                .unwrap_or_else(|e| panic!("identifier shapes: {e}"))
        };
        let union = || {
            let union = patterns
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect::<Vec<_>>()
                .join("|");
            crate::starts::AllMatches::new(&union).unwrap_or_else(|e| panic!("identifier patterns: {e}"))
        };
        let (shape_set, union) = rayon::join(shape_set, union);
        let same_entity = ID_KINDS
            .iter()
            .map(|k| {
                ID_KINDS
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.entity == k.entity)
                    .fold(0u128, |m, (i, _)| m | 1 << i)
            })
            .collect();
        let country_bits = ID_KINDS.iter().map(|k| country_bit(k.country)).collect();
        Self {
            kinds,
            shape_set,
            shape_kinds,
            union,
            same_entity,
            country_bits,
        }
    }
}

/// An identifier kind with its pattern anchored at the start
/// (`^(?:...)`), compiled when first asked for.
#[derive(Debug)]
struct KindPattern {
    kind: &'static IdKind,
    regex: Lazy<Regex>,
}

impl KindPattern {
    /// (The catalogue's patterns are constants, each compiled by
    /// `every_kind_compiles`.)
    fn regex(&self) -> &Regex {
        self.regex.get()
    }
}

/// The compiled detector.
#[derive(Debug)]
pub struct Detector {
    /// Each kind with its pattern anchored at the start (`^(?:...)`).
    kinds: Vec<KindPattern>,
    /// The kinds' shapes ([`crate::shape`]) anchored, as one set: one pass
    /// says which shapes start at a position, so only the kinds of those
    /// shapes run.
    shape_set: regex::bytes::RegexSet,
    /// For each shape of `shape_set`, a bit for each kind of that shape
    /// (bit `i` is `ID_KINDS[i]`).
    shape_kinds: Vec<u128>,
    /// All kinds' shapes ([`crate::shape`]) in one alternation: one pass
    /// finds where any may start.
    union: crate::starts::AllMatches,
    /// For each kind, a bit for every kind of the same entity (bit `i` is
    /// `ID_KINDS[i]`).
    same_entity: Vec<u128>,
    /// For each kind, [`country_bit`] of its country.
    country_bits: Vec<(u128, &'static [&'static str])>,
    email: Regex,
    /// IPv6 and colon-separated MAC addresses, run only inside
    /// [`hex_colon_runs`].
    net6: Lazy<regex_automata::meta::Regex>,
    jwt: Regex,
    private_key: Regex,
    /// [`URL_CREDENTIALS`].
    url_credentials: Regex,
    /// The keyword-led patterns but the address one, indexed by [`Led`]:
    /// each is tried anchored where one of its words starts.
    led: [Lazy<regex_automata::meta::Regex>; 6],
    /// [`ADDRESS`](address::ADDRESS), for its words' lines.
    address: Lazy<Regex>,
    /// [`eu_address`].
    eu_address: Lazy<Regex>,
    /// [`THREE_TWO_ADDRESS`].
    three_two_address: Lazy<Regex>,
    /// [`address_cue`], tried anchored where its words start.
    address_cue: Lazy<regex_automata::meta::Regex>,
    /// [`address::cue_address_shape`].
    cue_address_shape: Lazy<Regex>,
    /// [`ANSWERED_DATE`], tried anchored where an answer starts.
    answered_date: Lazy<regex_automata::meta::Regex>,
    /// One automaton for every word a pass needs, searched once: the
    /// secret rules' keywords, then the words of [`LED_WORDS`].
    words: crate::words::Words,
    /// How many of `words` are secret keywords.
    secret_words: usize,
    /// For each word of [`LED_WORDS`] and then of [`REGIONAL_WORDS`] (by its
    /// index after the secret keywords), its pattern and its regional
    /// form. (Where it counts is the automaton's [`Gate`].)
    word_led: Vec<(Led, Option<Form>)>,
    secrets: SecretRules,
    opts: DetectOptions,
}

impl Detector {
    /// A detector with `secrets` and `opts`.
    #[must_use]
    pub fn new(secrets: SecretRules, opts: DetectOptions) -> Self {
        // The automata are independent: built on all cores, as start-up is
        // serial time in every scan (the identifier patterns, the word
        // automaton and the other patterns take about a third each).
        let words = || {
            crate::words::Words::gated(
                secrets
                    .keywords()
                    .iter()
                    .map(|k| (k.as_str(), Gate::Anywhere))
                    .chain(
                        LED_WORDS
                            .iter()
                            .flat_map(|&(_, words, gate)| words.iter().map(move |&w| (w, gate))),
                    )
                    .chain(
                        REGIONAL_WORDS
                            .iter()
                            .flat_map(|&(words, gate, _)| words.iter().map(move |&w| (w, gate))),
                    ),
            )
            .unwrap_or_else(|e| panic!("keywords: {e}"))
        };
        let others = || {
            rayon::join(
                || {
                    (
                        re(
                            // Accented Latin letters in the local part
                            // (`josé@`; see `local_part_start`).
                            r"(?i)(?:\b[a-z0-9]|\xC3[\x80-\xBF]|[\xC4-\xC9][\x80-\xBF])(?:[a-z0-9._%+\-]|\xC3[\x80-\xBF]|[\xC4-\xC9][\x80-\xBF]){0,63}@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b",
                        ),
                        Lazy::new(format!(r"(?i)\b(?:[0-9a-f]{{2}}:){{5}}[0-9a-f]{{2}}\b|{IPV6}"), span_re),
                        re(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]{16,})?"),
                        re(r"-----BEGIN[ A-Z0-9]{0,40} PRIVATE KEY(?: BLOCK)?-----"),
                        re(URL_CREDENTIALS),
                        [ASSIGNMENT, DOB, NAME, DOCUMENT, BANK, POSTCODE].map(|p| Lazy::new(p.to_string(), span_re)),
                    )
                },
                || {
                    (
                        (Lazy::new(address_pattern(), re), Lazy::new(eu_address(), re)),
                        Lazy::new(THREE_TWO_ADDRESS.to_string(), re),
                        Lazy::new(address_cue(), span_re),
                        Lazy::new(address::cue_address_shape(), re),
                    )
                },
            )
        };
        let ((ids, words), ((email, net6, jwt, private_key, url_credentials, led), addresses)) =
            rayon::join(|| rayon::join(IdAutomata::new, words), others);
        let ((address, eu_address), three_two_address, address_cue, cue_address_shape) = addresses;
        Self {
            kinds: ids.kinds,
            shape_set: ids.shape_set,
            shape_kinds: ids.shape_kinds,
            union: ids.union,
            same_entity: ids.same_entity,
            country_bits: ids.country_bits,
            email,
            net6,
            jwt,
            private_key,
            url_credentials,
            led,
            address,
            eu_address,
            three_two_address,
            address_cue,
            cue_address_shape,
            answered_date: Lazy::new(ANSWERED_DATE.to_string(), span_re),
            words,
            secret_words: secrets.keywords().len(),
            word_led: LED_WORDS
                .iter()
                .flat_map(|&(led, words, _)| words.iter().map(move |_| (led, None)))
                .chain(
                    REGIONAL_WORDS
                        .iter()
                        .flat_map(|&(words, _, form)| words.iter().map(move |_| (Led::RegionalAddress, Some(form)))),
                )
                .collect(),
            secrets,
            opts,
        }
    }

    /// Number of secret rules in use.
    #[must_use]
    pub fn secret_rules(&self) -> usize {
        self.secrets.len()
    }

    /// Whether secrets are searched for.
    #[must_use]
    pub fn finds_secrets(&self) -> bool {
        !self.opts.no_secrets
    }

    /// Whether [`Hints`] would change what is found: personal data is
    /// searched for and no phone region is set.
    #[must_use]
    pub fn wants_hints(&self) -> bool {
        !self.opts.no_pii && self.opts.phone_region.is_none()
    }

    /// Whether personal data is searched for.
    #[must_use]
    pub fn finds_pii(&self) -> bool {
        !self.opts.no_pii
    }

    /// Find every value in `buf`. `column_of(offset)` names the column or
    /// field an offset lies in (lowercase), for context; `path` feeds secret
    /// path allowlists.
    #[must_use]
    pub fn detect(&self, buf: &[u8], path: &str, column_of: &dyn Fn(usize) -> Option<Arc<str>>) -> Vec<Hit> {
        self.detect_with(buf, path, column_of, &Hints::default())
    }

    /// [`Detector::detect`] with what the rest of the file says ([`Hints`]).
    #[must_use]
    pub fn detect_with(
        &self,
        buf: &[u8],
        path: &str,
        column_of: &dyn Fn(usize) -> Option<Arc<str>>,
        hints: &Hints,
    ) -> Vec<Hit> {
        self.detect_checked(buf, path, column_of, hints).0
    }

    /// [`Detector::detect_with`], and whether `buf` is valid UTF-8 (known
    /// from the detection's own check, which a caller need not repeat).
    pub(crate) fn detect_checked(
        &self,
        buf: &[u8],
        path: &str,
        column_of: &dyn Fn(usize) -> Option<Arc<str>>,
        hints: &Hints,
    ) -> (Vec<Hit>, bool) {
        self.detect_decoding(buf, path, column_of, hints, true)
    }

    /// [`Detector::detect_checked`], and with `urls` also in the decoded
    /// text of the URL-encoded runs ([`crate::url_encoded`]): a value found
    /// there over an escape (`phone=%2B14155552671`, `card=4543+1675+...`)
    /// is reported on its encoded bytes.
    fn detect_decoding(
        &self,
        buf: &[u8],
        path: &str,
        column_of: &dyn Fn(usize) -> Option<Arc<str>>,
        hints: &Hints,
        urls: bool,
    ) -> (Vec<Hit>, bool) {
        let mut hits = Vec::new();
        // What an encoding hides, read decoded and reported on the encoded
        // bytes: query strings and form bodies (`crate::url_encoded`), and
        // mail's encoded header words and bodies (`crate::mime`).
        let decoded_hits = |runs: Vec<crate::url_encoded::Decoded>, hits: &mut Vec<Hit>| {
            for d in runs {
                let column = |o: usize| column_of(d.span(o, o).0);
                let (inner, _) = self.detect_decoding(&d.text, path, &column, hints, false);
                hits.extend(inner.into_iter().filter(|h| d.holds_escape(h.start, h.end)).map(|h| {
                    let (start, end) = d.span(h.start, h.end);
                    Hit { start, end, ..h }
                }));
            }
        };
        let (keyword_hits, starts) = self.word_pass(buf);
        if urls {
            decoded_hits(crate::url_encoded::runs(buf), &mut hits);
        }
        if urls && !self.opts.no_pii && (starts.holds(buf, "=?") || starts.holds(buf, "ransfer-")) {
            decoded_hits(crate::mime::runs(buf), &mut hits);
        }
        if urls && !self.opts.no_pii && (starts.holds(buf, "BEGIN:V") || starts.holds(buf, "END:V")) {
            decoded_hits(crate::mime::directory_runs(buf), &mut hits);
        }
        // An LDIF export's values beyond ASCII, in base64 (`cn::
        // TcO4bGxlcg==`): read decoded, under their attribute's column, and
        // reported on the encoded value.
        if urls && !self.opts.no_pii && starts.holds(buf, ":: ") {
            for v in crate::text_tables::ldif_base64_values(buf) {
                hits.extend(self.ldif_base64_hits(&v, path, hints));
            }
        }
        if !self.opts.no_secrets {
            self.detect_secrets(buf, path, &keyword_hits, &starts, &mut hits);
            self.base64_secrets(buf, path, &mut hits);
            aws_secrets_after_key_ids(buf, &mut hits);
        }
        // Numbers read out in words (a call's transcript), read as the
        // digits they spell in a copy of their context (`crate::spoken`).
        if urls && !self.opts.no_pii && starts.of(Led::Spoken).len() >= 4 {
            for sp in crate::spoken::numbers_near(buf, starts.of(Led::Spoken)) {
                let column = |o: usize| column_of(sp.span(o, o + 1).0);
                let (inner, _) = self.detect_decoding(&sp.text, path, &column, hints, false);
                hits.extend(
                    inner
                        .into_iter()
                        .filter(|h| h.entity != "SECRET" && sp.over_digits(h.start, h.end))
                        .map(|h| {
                            let (start, end) = sp.span(h.start, h.end);
                            Hit { start, end, ..h }
                        }),
                );
            }
        }
        let utf8 = if self.opts.no_pii {
            std::str::from_utf8(buf).is_ok()
        } else {
            self.detect_pii(buf, column_of, &starts, hints, &mut hits)
        };
        // A product's code under a product code's name (`sku`, `ean`,
        // `barcode`) is no person's number, whatever else its digits pass.
        hits.retain(|h| h.rule.code.starts_with("MLS-SEC") || !product_code(buf, h.start, h.end, column_of));
        // Addresses no host has: documentation ranges, loopback, unspecified.
        hits.retain(|h| h.entity != "IP_ADDRESS" || !no_hosts_address(&buf[h.start..h.end]));
        // Nor does a North American number of the 555-0100 to 555-0199 range,
        // kept for fiction and examples.
        hits.retain(|h| h.entity != "PHONE" || !fictional_nanp(&buf[h.start..h.end]));
        // Nor does a placeholder's e-mail address on a domain kept for
        // documentation and tests (`jane.doe@example.com`, `user@shop.test`),
        // nor what only looks like one.
        hits.retain(|h| {
            h.entity != "EMAIL" || !(placeholder_email(&buf[h.start..h.end]) || no_mailbox(buf, h.start, h.end))
        });
        // Tokens of the `encrypt` redaction operator are random by design:
        // never a secret or an identifier.
        if starts.holds(buf, crate::redact::ENC_PREFIX) {
            hits.retain(|h| !crate::redact::enc_token_around(buf, h.start, h.end));
        }
        // Nor what is published by design (a publishable key, a certificate,
        // a page's CAPTCHA site key), nor a password's stored hash (bcrypt,
        // crypt(3), Django's, LDAP's: what a login keeps instead of the
        // password).
        hits.retain(|h| {
            !h.rule.code.starts_with("MLS-SEC")
                || !(public_by_design(&buf[h.start..h.end])
                    || site_key(buf, h.start)
                    || stored_password_hash(&buf[h.start..h.end]))
        });
        // Nor is a number that is a URL's path segment after a word
        // (`GET /v1/orders/1029384756`) a phone number.
        hits.retain(|h| h.entity != "PHONE" || !url_path_number(buf, h.start, h.end));
        // Nor is a keyed pseudonym (`SECRET_6af3c80d08d2`) a secret: the
        // value it stands for is gone.
        hits.retain(|h| h.entity != "SECRET" || !crate::redact::only_redaction_tokens(&buf[h.start..h.end]));
        (resolve_overlaps(hits), utf8)
    }

    /// What an LDIF value in base64 holds ([`crate::text_tables::Base64Value`]),
    /// on its encoded span: what the detectors find in its decoding under
    /// its attribute's column, else the value itself where its column names
    /// a person's name, address or birth date and it has the shape of one.
    fn ldif_base64_hits(&self, v: &crate::text_tables::Base64Value, path: &str, hints: &Hints) -> Vec<Hit> {
        let column: Option<Arc<str>> = v.column.map(Arc::from);
        let (inner, _) = self.detect_decoding(&v.text, path, &|_| column.clone(), hints, false);
        let on_value = |h: Hit| Hit {
            start: v.start,
            end: v.end,
            ..h
        };
        if !inner.is_empty() {
            return inner.into_iter().map(on_value).collect();
        }
        let text = String::from_utf8_lossy(&v.text);
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let entity = match v.column {
            Some("full_name" | "first_name" | "last_name")
                if letters >= 2
                    && text.chars().count() <= 80
                    && text.chars().next().is_some_and(char::is_uppercase)
                    && text
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.')) =>
            {
                "PERSON_NAME"
            }
            Some("address") if letters >= 3 && digits >= 1 => "POSTAL_ADDRESS",
            Some("birth_date") if digits >= 4 => "DATE_OF_BIRTH",
            _ => return Vec::new(),
        };
        vec![Hit {
            start: v.start,
            end: v.end,
            entity,
            rule: &PII_PERSON,
            confidence: 80,
            detail: None,
        }]
    }

    /// Secrets written in base64 (a Kubernetes secret's `data:`, a token or
    /// a connection string stored encoded): each run of at least
    /// [`MIN_BASE64`] characters of the standard alphabet, with upper- and
    /// lowercase letters, whose decoding is printable UTF-8 text is searched
    /// as text, and a secret found there is reported on the whole run (which
    /// redaction then replaces). One level deep.
    fn base64_secrets(&self, buf: &[u8], path: &str, hits: &mut Vec<Hit>) {
        let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
        for (s, e) in crate::runs::long_runs(buf, alphabet, MIN_BASE64) {
            let run = &buf[s..e];
            if !run.iter().any(u8::is_ascii_uppercase) || !run.iter().any(u8::is_ascii_lowercase) {
                continue;
            }
            // Its padding is part of it.
            let pad = buf[e..].iter().take(2).take_while(|&&b| b == b'=').count();
            let Some(decoded) = decode_base64(run) else {
                continue;
            };
            // A Discord bot token: the bot's id (a snowflake, 17 to 20
            // digits) in base64, a timestamp and an HMAC. Found with no
            // `discord` next to it (`bot.run("MTk4...")`), unlike gitleaks'
            // rules.
            if (17..=20).contains(&decoded.len()) && decoded.iter().all(u8::is_ascii_digit) {
                if let Some(end) = discord_token_end(buf, e) {
                    hits.push(Hit {
                        start: s,
                        end,
                        entity: "SECRET",
                        rule: &SEC_SECRET,
                        confidence: 85,
                        detail: Some("discord-bot-token".into()),
                    });
                    continue;
                }
            }
            let Ok(text) = std::str::from_utf8(&decoded) else {
                continue;
            };
            if text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
                continue;
            }
            // HTTP Basic credentials after their scheme anywhere (`"basic":
            // "Basic c3ZjX...=="`, a header kept in a config or a log):
            // `user:password` in base64.
            if basic_scheme_before(buf, s) && basic_credentials(text) {
                hits.push(Hit {
                    start: s,
                    end: e + pad,
                    entity: "SECRET",
                    rule: &SEC_SECRET,
                    confidence: 90,
                    detail: Some("http-basic-credentials".into()),
                });
                continue;
            }
            let (keyword_hits, starts) = self.word_pass(&decoded);
            let mut inner = Vec::new();
            self.detect_secrets(&decoded, path, &keyword_hits, &starts, &mut inner);
            for h in resolve_overlaps(inner) {
                let rule = h.detail.as_deref().unwrap_or(h.entity);
                hits.push(Hit {
                    start: s,
                    end: e + pad,
                    detail: Some(format!("{rule} (base64)")),
                    ..h
                });
            }
        }
    }

    /// One search for every word: the secret keywords' occurrences (for
    /// [`SecretRules::scan_with_keywords`]), and where each keyword-led
    /// pattern's words start.
    fn word_pass(&self, buf: &[u8]) -> (Vec<KeywordHit>, WordStarts) {
        let mut keyword_hits = Vec::new();
        let mut starts = WordStarts::default();
        // Overlapping matches: a word inside another one (`ms` in
        // `msecret`) must not hide the word the pattern needs.
        self.words.for_each(buf, |p, s, e| {
            if p < self.secret_words {
                keyword_hits.push((p, s, e));
                return;
            }
            // Where its words count the automaton's gates have checked.
            let (led, form) = self.word_led[p - self.secret_words];
            // Every address pattern wants a street word or ending whole
            // (`Place`, not `placeat`; `-gade 3`, not `gadefest`), but
            // for one that ends in a dot (`st.`) or in a letter beyond
            // ASCII (`號` in `4號8樓`): only those lines are read.
            let word_end = !matches!(led, Led::Address | Led::EuAddress | Led::RegionalAddress)
                || !buf[e - 1].is_ascii_alphanumeric()
                || buf.get(e).is_none_or(|b| !b.is_ascii_alphanumeric());
            if word_end {
                match form {
                    Some(form) => starts.1.push((s, form)),
                    None => starts.0[led as usize].push(s),
                }
            }
        });
        for list in &mut starts.0 {
            list.sort_unstable();
            list.dedup();
        }
        (keyword_hits, starts)
    }

    /// The postal addresses in `buf`: [`ADDRESS`](address::ADDRESS) and [`eu_address`] on the
    /// lines of their words and of the postal tails an address of any
    /// street word ends in, [`THREE_TWO_ADDRESS`] on the lines of its
    /// postcodes, [`cue_address`] after a cue word, and with `czech`
    /// [`CZECH_ADDRESS`](address::CZECH_ADDRESS) anywhere.
    fn addresses(&self, buf: &[u8], starts: &WordStarts, czech: bool) -> Vec<(usize, usize)> {
        use regex_automata::{Anchored, Input};
        let mut out = Vec::new();
        // The lines of its words, and of the ends an address of any
        // street word has (`, NM 08228`).
        let tails = postal_tails(buf);
        let mut at: Vec<usize> = starts.of(Led::Address).iter().copied().chain(tails.address).collect();
        at.sort_unstable();
        let mut lines = lines_around(buf, at.iter().copied(), 0);
        // A line that ends with a flat (or a military box) is read with
        // the next one; and the line before a line (at most 256 bytes),
        // if it ends so.
        let before = |s: usize| {
            let from = s.saturating_sub(1 + 256);
            let ps = memchr::memrchr(b'\n', &buf[from..s - 1]).map_or(from, |i| from + i + 1);
            (ps == 0 || buf[ps - 1] == b'\n').then_some(ps)
        };
        let next: Vec<usize> = lines
            .iter()
            .filter(|&&(s, e)| e < buf.len() && flat_ends_line(buf, s, e))
            .map(|&(_, e)| e)
            .chain(
                lines
                    .iter()
                    .filter_map(|&(s, _)| (s > 0).then(|| before(s)).flatten().map(|ps| (ps, s)))
                    .filter(|&(ps, s)| flat_ends_line(buf, ps, s))
                    .map(|(ps, _)| ps),
            )
            .collect();
        if !next.is_empty() {
            at.extend(next);
            at.sort_unstable();
            lines = lines_around(buf, at.into_iter(), 0);
        }
        // The European forms on the lines of theirs.
        let mut eu_at: Vec<usize> = starts.of(Led::EuAddress).iter().copied().chain(tails.eu).collect();
        eu_at.sort_unstable();
        let mut eu_lines = lines_around(buf, eu_at.iter().copied(), 0);
        // A street's line is read with the next one where that one is a
        // postcode and a city, or a city and a postcode (`Calle Mayor
        // 5\n28013 Madrid`, `Via Danilo Montoya 617\nJaén, 18003`).
        let next: Vec<usize> = eu_lines
            .iter()
            .filter(|&&(_, e)| e < buf.len() && address::postcode_line(&buf[e..]))
            .map(|&(_, e)| e)
            .collect();
        if !next.is_empty() {
            eu_at.extend(next);
            eu_at.sort_unstable();
            eu_lines = lines_around(buf, eu_at.into_iter(), 0);
        }
        // The lines that cannot hold a match of the European forms (most
        // lines of a CSV file, whose numbers end at a delimiter) are not
        // searched; nor those of the US forms.
        eu_lines.retain(|&(s, e)| address::eu_address_may_match(&buf[s..e]));
        lines.retain(|&(s, e)| address::address_may_match(&buf[s..e]));
        let matches =
            captures_in(self.address.get(), buf, &lines).chain(captures_in(self.eu_address.get(), buf, &eu_lines));
        for (at, c) in matches {
            let Some(m) = c.get(0) else { continue };
            // With the city alone, a street word starts capitalised
            // (`Via Roma 21, Roma`, not `via DHL 3, Then`) or follows
            // the house number; Polish and French street words are
            // written in lower case (`ul.`, `ulica`, `aleja`, `plac`;
            // `chemin Curdy 3, Privet`).
            let t = m.as_bytes();
            let cased = t.first().is_some_and(|b| !b.is_ascii_lowercase())
                || [
                    &b"ul."[..],
                    b"pl.",
                    b"al.",
                    b"ulica ",
                    b"aleja ",
                    b"plac ",
                    b"rue ",
                    b"chemin ",
                    b"avenue ",
                    b"boulevard ",
                    b"impasse ",
                    b"quai ",
                    "all\u{e9}e ".as_bytes(),
                ]
                .iter()
                .any(|p| t.starts_with(p));
            if c.name("city").is_some() && (!cased || year_numbered(t)) {
                continue;
            }
            // A year is no house number where the form is loose
            // (`In 2019 Grand Rapids, Michigan`, `NeurIPS 2017, Long
            // Beach`).
            if c.name("rare").is_some() && year_numbered(t) {
                continue;
            }
            out.push((at + m.start(), at + m.end()));
        }
        // The two patterns' matches as one search of both would find them:
        // in order, the leftmost of overlapping ones, the US form's at one
        // start (a stable sort keeps it first).
        if !eu_lines.is_empty() {
            out.sort_by_key(|&(s, _)| s);
            let mut kept: Vec<(usize, usize)> = Vec::with_capacity(out.len());
            for (s, e) in out {
                if kept.last().is_none_or(|&(_, le)| s >= le) {
                    kept.push((s, e));
                }
            }
            out = kept;
        }
        let lines = lines_around(buf, tails.three_two.into_iter(), 0);
        if !lines.is_empty() {
            let found = out.len();
            for (at, c) in captures_in(self.three_two_address.get(), buf, &lines) {
                let Some(m) = c.get(0) else { continue };
                let (s, e) = (at + m.start(), at + m.end());
                if overlapping(&out[..found], s, e).is_none() {
                    out.push((s, e));
                }
            }
            out.sort_unstable();
        }
        // After a cue word, an address of any form, unless one found
        // by its form overlaps it (that one knows where it ends).
        let found = out.len();
        let mut caps = self.address_cue.get().create_captures();
        let mut last_end = 0;
        for &s in starts.of(Led::AddressCue) {
            if s < last_end {
                continue;
            }
            // An address is short: the value is read from a window.
            let window = (s + 240).min(buf.len());
            self.address_cue
                .get()
                .search_captures(&Input::new(buf).range(s..window).anchored(Anchored::Yes), &mut caps);
            let Some(value) = caps.get_group(1) else { continue };
            let Some((vs, ve)) = cue_address(self.cue_address_shape.get(), buf, value.start, value.end) else {
                continue;
            };
            last_end = ve;
            match overlapping(&out[..found], vs, ve) {
                // Its postcode or city words after it (`, 47964`, `In
                // Chianti (SI)`) are the address's; other words are not.
                Some(i) if out[i].1 < ve && capitalised_words(&buf[out[i].1..ve]) => out[i].1 = ve,
                Some(_) => {}
                None => out.push((vs, ve)),
            }
        }
        // The forms of other countries, each on the lines of its words and
        // postal tails.
        if !starts.1.is_empty() || !tails.regional.is_empty() {
            let mut at: Vec<(Form, usize)> = starts
                .1
                .iter()
                .chain(&tails.regional)
                .map(|&(s, form)| (form, s))
                .collect();
            at.sort_unstable();
            at.dedup();
            for group in at.chunk_by(|a, b| a.0 == b.0) {
                let re = regional_regex(group[0].0);
                for (ls, le) in lines_around(buf, group.iter().map(|&(_, s)| s), 0) {
                    for m in re.find_iter(&buf[ls..le]) {
                        let (s, e) = (ls + m.start(), ls + m.end());
                        // A year is no house number where one starts the
                        // form (`2019, Grand Rapids, Kent 560001`).
                        let year = m.as_bytes().first().is_some_and(u8::is_ascii_digit) && year_numbered(m.as_bytes());
                        if overlapping(&out, s, e).is_none() && !year {
                            out.push((s, e));
                        }
                    }
                }
            }
        }
        // Czech streets with no postcode, in a file of Czechia or Slovakia.
        if czech {
            out.extend(
                address::CZECH_ADDRESS
                    .find_iter(buf)
                    .filter(|m| !year_numbered(m.as_bytes()))
                    .map(|m| (m.start(), m.end())),
            );
        }
        if out.len() > found {
            out.sort_unstable();
        }
        out
    }

    /// The spans the keyword-led pattern `led` finds in `buf` (the value's
    /// group where it has one), as a search of the whole buffer would find
    /// them: each match starts at one of its words (an address on its
    /// word's line), so the pattern is tried anchored at each word start in
    /// turn, skipping starts inside the previous match.
    fn keyword_led(&self, buf: &[u8], starts: &WordStarts, led: Led) -> Vec<(usize, usize)> {
        if led == Led::Address {
            return self.addresses(buf, starts, false);
        }
        self.keyword_led_matches(buf, starts, led)
            .into_iter()
            .map(|(_, s, e)| (s, e))
            .collect()
    }

    /// [`Detector::keyword_led`] for a pattern other than the address
    /// ones, with where each whole match starts: `(match start, value
    /// start, value end)`.
    fn keyword_led_matches(&self, buf: &[u8], starts: &WordStarts, led: Led) -> Vec<(usize, usize, usize)> {
        use regex_automata::{Anchored, Input};
        let mut out = Vec::new();
        if starts.of(led).is_empty() {
            return out;
        }
        let re = self.led[led as usize].get();
        let mut caps = re.create_captures();
        let mut last_end = 0;
        for &s in starts.of(led) {
            if s < last_end {
                continue;
            }
            re.search_captures(&Input::new(buf).range(s..).anchored(Anchored::Yes), &mut caps);
            // The value is the first group that took part (the name
            // pattern has a second).
            let (Some(whole), Some(value)) = (caps.get_match(), (1..=12).find_map(|g| caps.get_group(g))) else {
                continue;
            };
            // A speaker's label before an introduction (`Customer: Mein
            // Name ist Tim Vogt`) takes no `Mein Name`: the cues inside it
            // are read on.
            if led == Led::Name && says_name(&buf[value.start..value.end]) {
                continue;
            }
            last_end = whole.end();
            out.push((whole.start(), value.start, value.end));
        }
        out
    }

    /// What the IPv6/MAC pattern finds in `buf`, searched only inside
    /// [`hex_colon_runs`]: every byte of a match is a hex digit or a `:`,
    /// so no match crosses a run, and one with fewer than two colons is
    /// never kept. A line of JSON has a colon per field but few such runs.
    fn net6_matches(&self, buf: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (s, e) in hex_colon_runs(buf) {
            let input = regex_automata::Input::new(buf).range(s..e);
            out.extend(self.net6.get().find_iter(input).map(|m| (m.start(), m.end())));
        }
        out
    }

    /// The regions national phone numbers are read in, for a buffer with
    /// `hints`: the regions the user gave (none: only those), else the
    /// file's own, else regions from letters alone followed by the default
    /// guesses, else the default guesses.
    fn phone_guesses<'h>(&self, hints: &'h Hints) -> PhoneGuesses<'h> {
        let fallback = self.opts.phone_region.is_none() && hints.phone_regions.is_empty();
        let regions: std::borrow::Cow<'h, [String]> = if self.opts.phone_region.is_some() {
            std::borrow::Cow::Borrowed(&[])
        } else if !fallback {
            std::borrow::Cow::Borrowed(&hints.phone_regions)
        } else if hints.letter_regions.is_empty() {
            std::borrow::Cow::Borrowed(&DEFAULT_PHONE_GUESSES)
        } else {
            let rest = DEFAULT_PHONE_GUESSES
                .iter()
                .filter(|r| !hints.letter_regions.contains(r));
            std::borrow::Cow::Owned(hints.letter_regions.iter().chain(rest).cloned().collect())
        };
        PhoneGuesses { regions, fallback }
    }

    /// The phone numbers in `view` (`text`, or its copy with ASCII digits;
    /// `orig` maps an offset in `view` to one in `text`, which starts at
    /// `s` in the buffer).
    #[allow(clippy::too_many_arguments)]
    fn phones_in<'m>(
        &self,
        text: &str,
        view: &str,
        orig: &dyn Fn(usize) -> usize,
        s: usize,
        guesses: &PhoneGuesses<'_>,
        context_at: &dyn Fn(usize) -> Context<'m>,
        has_context: &dyn Fn(usize, &'static [&'static str]) -> bool,
        // `owned`: sorted by start, each end the furthest so far (as `taken`).
        (taken, owned): (&[Span], &[Span]),
        // Where the answers to a question for a phone number start.
        answered: &[usize],
        hits: &mut Vec<Hit>,
    ) {
        let (guessed, fallback) = (&*guesses.regions, guesses.fallback);
        // The fallback regions want a phone word that starts a word (in
        // `hotel_id`, `tel` is no phone word).
        // In the file's own regions, an area code with its trunk `0` in
        // brackets (`(0117) 496 0974`) is written as phones are, and
        // as little else is: it needs no phone word.
        // A column or field named for phones may hold numbers of any
        // country: those are tried in the wider regions too.
        let guess_ok = |ps: usize| {
            let context = context_at(s + orig(ps));
            // Named for phones in any language (`電話番号`, `Телефон`).
            let phone_column = context.column.as_deref().is_some_and(phone_named_column);
            // A value of a column or field named for an identifier
            // (`national_id`, `ssn`, `tax_id`) is read as one, not as a
            // phone number of a guessed region (a Norwegian fødselsnummer is
            // eleven digits, a Canadian SIN nine).
            if !phone_column && (context.named_kinds() != 0 || context.column_has_at_word_start(ID_CONTEXT)) {
                return validate::Guess::No;
            }
            // Each asked at most once, where the checks before it fail.
            let bytes = view.as_bytes();
            let word_before = std::cell::OnceCell::new();
            let word_before = || *word_before.get_or_init(|| phone_word_right_before(bytes, ps));
            // A request to be called, or a contact line beside an e-mail
            // address.
            let asked = std::cell::OnceCell::new();
            let asked = || {
                *asked.get_or_init(|| {
                    call_phrase_right_before(bytes, ps)
                        || beside_an_email(bytes, ps)
                        || after_a_contacts_name(bytes, ps)
                        || answered.binary_search(&(s + orig(ps))).is_ok()
                })
            };
            let allowed = phone_column
                || if fallback {
                    context.has_at_word_start(&PHONE_CONTEXT)
                } else {
                    (trunk_written(&view.as_bytes()[ps..]) && context.named_kinds() == 0 && !context.has_id_words())
                        || context.has(&PHONE_CONTEXT)
                }
                || word_before()
                || asked();
            if !allowed {
                // With no phone word, only a number written as a phone
                // number is one (and not where words name another record's
                // number: checked below, for the few that are), and not
                // one that starts inside an identifier.
                let at = s + orig(ps);
                let i = taken.partition_point(|&(ts, _)| ts <= at);
                if i > 0 && at < taken[i - 1].1 {
                    validate::Guess::No
                } else if beside::transfer_cue_right_before(bytes, ps) {
                    validate::Guess::Transfer
                } else if fallback {
                    validate::Guess::Grouped
                } else {
                    validate::Guess::Written
                }
            } else if phone_column && context.named_kinds() == 0 {
                validate::Guess::Column
            } else if context.column_has_at_word_start(PHONE_COLUMN_WORDS)
                || ((labelled(bytes, ps) || ps > 0 && bytes[ps - 1] >= 0x80) && word_before())
                || phone_word_adjacent(bytes, ps)
                || asked()
            {
                // A phone word right before the number, after its label's
                // colon or with nothing between (`電話：05-8886691`,
                // `Telefon: 0265 287 667`, `手机176 7382 2980`), says what it
                // is wherever the rest of the file points: it is read in the
                // wider regions too.
                validate::Guess::Wider
            } else {
                validate::Guess::Listed
            }
        };
        let phones = validate::find_phones_guessing(
            view,
            self.opts.phone_region.as_deref(),
            guessed,
            &WIDER_PHONE_GUESSES,
            &guess_ok,
        );
        for (ps, pe, _e164, read) in phones {
            if read == validate::Reading::Grouped {
                let context = context_at(s + orig(ps));
                if context.named_kinds() != 0 || context.has_id_words() || context.has(NOT_PHONE_CONTEXT) {
                    continue;
                }
            }
            // In a column named for an identifier, digits that read as an
            // international number only through a `00` prefix
            // (`00252190880` under `vat_number`) are a mistyped identifier.
            if read == validate::Reading::Valid
                && view.as_bytes().get(ps) != Some(&b'+')
                && context_at(s + orig(ps)).named_kinds() != 0
                && !has_context(s + orig(ps), &PHONE_CONTEXT)
            {
                continue;
            }
            // Right after another record's word on its line (`Order
            // 815870118 shipped`), a number is that record's, though a
            // phone word stands further back (`or call ...` on the line
            // before); unless it is written as a national phone number is
            // (`ref 0436 377153`).
            let international = view.as_bytes()[ps..]
                .iter()
                .find(|b| !matches!(b, b'(' | b' '))
                .is_some_and(|&b| b == b'+');
            if !international
                && named_otherwise_right_before(view.as_bytes(), ps)
                && !trunk_written(&view.as_bytes()[ps..])
            {
                continue;
            }
            // Inside an identifier its own words name, only a number right
            // after a phone word is one.
            let (vs, ve) = (s + orig(ps), s + orig(pe));
            if view.as_bytes().get(ps) != Some(&b'+')
                && owned[..owned.partition_point(|&(a, _)| a <= vs)]
                    .last()
                    .is_some_and(|&(_, reach)| ve <= reach)
                && !phone_word_right_before(view.as_bytes(), ps)
            {
                continue;
            }
            let (ps, pe) = (orig(ps), orig(pe));
            // The copy only adds numbers written with other digits.
            if !std::ptr::eq(view, text) && text.as_bytes()[ps..pe].is_ascii() {
                continue;
            }
            let confidence = match read {
                validate::Reading::Possible => POSSIBLE_PHONE_CONFIDENCE,
                validate::Reading::Grouped => GROUPED_PHONE_CONFIDENCE,
                validate::Reading::Guessed => 95,
                validate::Reading::Valid if has_context(s + ps, &PHONE_CONTEXT) => 95,
                validate::Reading::Valid => 80,
            };
            hits.push(Hit {
                start: s + ps,
                end: s + pe,
                entity: "PHONE",
                rule: &PII_PHONE,
                confidence,
                detail: None,
            });
        }
    }

    /// Where an identifier may start in `buf`, ascending: every word start
    /// in the widest match of the union of shapes at each end (overlapping
    /// matches too; a kind may start later than the shape that matched).
    /// Every kind starts at a word start and its shape matches wherever it
    /// does, so every position where a kind matches is among these. Should
    /// the search give up, every word start.
    /// Whether a kind among `kinds` (bits of [`ID_KINDS`]) has no check
    /// digit ([`NO_CHECK_DIGIT`]).
    fn unchecked_named(&self, mut kinds: u128) -> bool {
        while kinds != 0 {
            let j = kinds.trailing_zeros() as usize;
            kinds &= kinds - 1;
            if self
                .kinds
                .get(j)
                .is_some_and(|k| NO_CHECK_DIGIT.contains(&k.kind.entity))
            {
                return true;
            }
        }
        false
    }

    /// Whether a kind among `kinds` (bits of [`ID_KINDS`]) has its shape
    /// ([`crate::shape`]: its digits and letters, not the dates or ranges
    /// its pattern asks for) at `s`.
    fn shaped_as(&self, kinds: u128, buf: &[u8], s: usize) -> bool {
        let window = &buf[s..buf.len().min(s + 128)];
        self.shape_set
            .matches(window)
            .iter()
            .any(|sh| self.shape_kinds[sh] & kinds != 0)
    }

    fn candidate_starts(&self, buf: &[u8]) -> Vec<usize> {
        let word_start = |i: usize| buf[i].is_ascii_alphanumeric() && (i == 0 || !buf[i - 1].is_ascii_alphanumeric());
        let mut spans: Vec<(usize, usize)> = Vec::new();
        if self.union.for_each_widest(buf, |s, e| spans.push((s, e))).is_none() {
            return (0..buf.len()).filter(|&i| word_start(i)).collect();
        }
        // Each word start once: the spans (ends ascending) merged where
        // they overlap, a span swallowing those it reaches back over.
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (mut s, e) in spans {
            while let Some(&(ls, le)) = merged.last() {
                if le <= s {
                    break;
                }
                s = s.min(ls);
                merged.pop();
            }
            merged.push((s, e));
        }
        merged
            .into_iter()
            .flat_map(|(s, e)| (s..e).filter(|&i| word_start(i)))
            .collect()
    }

    fn detect_secrets(
        &self,
        buf: &[u8],
        path: &str,
        keyword_hits: &[KeywordHit],
        starts: &WordStarts,
        hits: &mut Vec<Hit>,
    ) {
        let (secrets, mut allowed) = self.secrets.scan_reporting_allowed(buf, path, keyword_hits);
        allowed.sort_unstable();
        // The rules' secrets, by start (they do not overlap).
        let mut found: Vec<(usize, usize)> = Vec::new();
        for h in secrets {
            let secret = &buf[h.start..h.end];
            let generic = h.rule_id.starts_with("generic");
            if generic
                && (looks_like_hash_or_uuid(secret) && !named_as_secret(buf, h.start)
                    || elided(buf, h.end)
                    || named_as_form_token(buf, h.start))
            {
                continue;
            }
            // jwt.io's example token is excused, for every rule.
            if memchr::memmem::find(secret, JWT_IO_CLAIMS).is_some() {
                allowed.push((h.start, h.end));
                continue;
            }
            // A JWT's header is JSON naming its algorithm or type: random
            // `eyJ...` text (gitleaks' rules ask no more) is none.
            let jwt = match h.rule_id.as_str() {
                "jwt" => decodes_to_jwt_header(secret.split(|&b| b == b'.').next().unwrap_or_default()),
                "jwt-base64" => base64_of_a_jwt(secret),
                _ => true,
            };
            if !jwt {
                continue;
            }
            let (entity, rule) = match h.rule_id.as_str() {
                "private-key" => ("PRIVATE_KEY", &SEC_PRIVATE_KEY),
                "jwt" | "jwt-base64" => ("JWT", &SEC_JWT),
                _ => ("SECRET", &SEC_SECRET),
            };
            found.push((h.start, h.end));
            hits.push(Hit {
                start: h.start,
                end: h.end,
                entity,
                rule,
                confidence: if generic { 75 } else { 90 },
                detail: Some(h.rule_id),
            });
        }
        allowed.sort_unstable();
        for m in self.private_key.find_iter(buf) {
            // A header with no key after it (`-----BEGIN PRIVATE KEY-----`
            // in a how-to, `...` or `anything` for a body) is no secret. A
            // body cut by the end of the buffer (a chunk's or a truncated
            // file's) may be one.
            let (mut end, body) = private_key_end(buf, m.end());
            let cut_short = end == buf.len() && !buf.ends_with(b"-----");
            if body < MIN_KEY_BODY && !cut_short {
                // A body the line reader does not follow: indented (a YAML
                // block, a heredoc) or in quoted pieces (`"MIIE...\n" +`).
                match quoted_or_indented_key_end(buf, m.end()) {
                    Some(e) => end = e,
                    None => continue,
                }
            }
            hits.push(Hit {
                start: m.start(),
                end,
                entity: "PRIVATE_KEY",
                rule: &SEC_PRIVATE_KEY,
                confidence: 95,
                detail: None,
            });
        }
        // Each `://` with its scheme before it and its user information
        // after it: the pattern runs on that window only.
        let mut done = 0;
        for at in memchr::memmem::find_iter(buf, b"://") {
            if at < done {
                continue;
            }
            let scheme = buf[..at]
                .iter()
                .rev()
                .take(31)
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
                .count();
            let ws = at - scheme;
            if ws > 0 && (buf[ws - 1].is_ascii_alphanumeric() || buf[ws - 1] == b'_') {
                continue;
            }
            let we = buf.len().min(at + 3 + 128 + 1 + 256 + 2);
            let Some(c) = self.url_credentials.captures(&buf[ws..we]) else {
                continue;
            };
            let Some(pw) = c.get(1) else { continue };
            done = ws + pw.end();
            if placeholder_password(pw.as_bytes()) {
                continue;
            }
            hits.push(Hit {
                start: ws + pw.start(),
                end: ws + pw.end(),
                entity: "SECRET",
                rule: &SEC_SECRET,
                confidence: 85,
                detail: Some("url-credentials".into()),
            });
        }
        for m in self.jwt.find_iter(buf) {
            let mut parts = m.as_bytes().split(|&b| b == b'.');
            let header = parts.next().unwrap_or_default();
            let claims = parts.next().unwrap_or_default();
            // With its signature cut off (a log line, an example), the
            // claims (names, e-mail addresses, ids) are still there: the
            // second part must then be a JSON object too.
            let signed = parts.next().is_some();
            if !jwt_io_example(claims)
                && decodes_to_jwt_header(header)
                && (signed || decoded_json(claims).is_some_and(|v| v.is_object()))
            {
                hits.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    entity: "JWT",
                    rule: &SEC_JWT,
                    confidence: if signed { 90 } else { 80 },
                    detail: None,
                });
            }
        }
        // Whether a span overlaps a value an allowlist excused: those
        // starting before its end, the furthest any of them reaches.
        let reach: Vec<usize> = allowed
            .iter()
            .scan(0, |far, &(_, e)| {
                *far = e.max(*far);
                Some(*far)
            })
            .collect();
        let excused = |start: usize, end: usize| {
            let i = allowed.partition_point(|&(s, _)| s < end);
            i > 0 && reach[i - 1] > start
        };
        for (keyword, start, end) in self.keyword_led_matches(buf, starts, Led::Assignment) {
            // In a query string the next parameter (`&limit=10`) is no part
            // of the value.
            let end = query_parameter_in(&buf[start..end]).map_or(end, |i| start + i);
            // A question's mark is no part of it (`is it Abc12345?`).
            let end = if end > start + 1 && buf[end - 1] == b'?' {
                end - 1
            } else {
                end
            };
            // A rule's secret that holds the value already says it all.
            let i = found.partition_point(|&(s, _)| s <= start);
            if i > 0 && found[i - 1].1 >= end {
                continue;
            }
            let val = &buf[start..end];
            // A hex value holds at most 4 bits a character (a random one
            // of 32 about 3.7): named as a secret, one above 3 is one.
            let hex = || val.iter().all(u8::is_ascii_hexdigit);
            let entropy = shannon(val);
            // A password a person chose is short and measures little: named
            // as a password, eight characters of three kinds are one.
            // (Assigned with `:` or `=`, or with a lowercase letter:
            // `SUP-4100` after `reset password,` is a ticket's key.)
            let assigned = || buf[keyword..start].iter().any(|&b| b == b':' || b == b'=');
            let chosen = || {
                password_word_at(buf, keyword)
                    && (assigned() || val.iter().any(u8::is_ascii_lowercase))
                    && chosen_password(val)
            };
            if (val.len() >= 12 && (entropy >= 3.5 || entropy > 3.0 && hex() && named_as_secret(buf, start))
                || chosen())
                // (A login after `password reset sent to:` is no password.)
                && !crate::headerless::email_shaped(val)
                && !periodic(val)
                && (!looks_like_hash_or_uuid(val) || named_as_secret(buf, start))
                && val.iter().any(u8::is_ascii_digit)
                && !elided(buf, end)
                && !excused(start, end)
                && !named_as_form_token(buf, start)
                && !self.allowed_as_generic(buf, path, keyword, start, end)
            {
                hits.push(Hit {
                    start,
                    end,
                    entity: "SECRET",
                    rule: &SEC_ENTROPY,
                    confidence: 60,
                    detail: Some("high-entropy-assignment".into()),
                });
            }
        }
    }

    /// Whether the generic rule's allowlists ([`SecretRules::allows_as_generic`])
    /// excuse the value at `start..end` assigned to the keyword at `keyword`:
    /// matched, as gitleaks' generic rule matches, from the start of the
    /// identifier that holds the keyword (`publicToken`, `io.jsonwebtoken`)
    /// to the value's end, on the value's line.
    fn allowed_as_generic(&self, buf: &[u8], path: &str, keyword: usize, start: usize, end: usize) -> bool {
        let ident = buf[..keyword]
            .iter()
            .rev()
            .take(50)
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            .count();
        let ls = memchr::memrchr(b'\n', &buf[..start]).map_or(0, |i| i + 1);
        let le = memchr::memchr(b'\n', &buf[end..]).map_or(buf.len(), |i| end + i);
        self.secrets
            .allows_as_generic(&buf[start..end], &buf[keyword - ident..end], &buf[ls..le], path)
    }

    /// The e-mail addresses whose `@` is written otherwise, around the
    /// word pass's [`Led::WrittenAt`] words: plain, each must match the
    /// e-mail pattern from its local part's start.
    fn written_emails(&self, buf: &[u8], starts: &WordStarts, hits: &mut Vec<Hit>) {
        use crate::written_email::{at_word, read, spelled_at, DOT_WORD};
        let mut last_end = 0;
        for &w in starts.of(Led::WrittenAt) {
            if w < last_end {
                continue;
            }
            let spelled = buf[w..].len() >= DOT_WORD.len()
                && buf[w..w + DOT_WORD.len()].eq_ignore_ascii_case(DOT_WORD.as_bytes());
            let (at, at_len) = if spelled {
                match spelled_at(buf, w) {
                    Some(at) if at >= last_end => (at, 4),
                    _ => continue,
                }
            } else {
                match at_word(buf, w) {
                    Some(n) => (w, n),
                    None => continue,
                }
            };
            let Some(written) = read(buf, at, at + at_len) else {
                continue;
            };
            let Some(m) = self.email.find(&written.plain) else {
                continue;
            };
            // The match holds the written `@` (and, spelled out, the dot
            // that led here).
            let at_plain = written.at.iter().position(|&o| o == at).unwrap_or(0);
            if !(m.start() <= at_plain && at_plain < m.end()) {
                continue;
            }
            let (start, end) = written.span(m.start(), m.end());
            if spelled && end <= w {
                continue;
            }
            let confidence = match buf[at] {
                b' ' => 70,
                b'[' | b'(' | b'{' | b'<' => 85,
                _ => 90,
            };
            hits.push(Hit {
                start,
                end,
                entity: "EMAIL",
                rule: &PII_EMAIL,
                confidence,
                detail: None,
            });
            last_end = end;
        }
    }

    fn detect_pii(
        &self,
        buf: &[u8],
        column_of: &dyn Fn(usize) -> Option<Arc<str>>,
        starts: &WordStarts,
        hints: &Hints,
        hits: &mut Vec<Hit>,
    ) -> bool {
        let column_words = ColumnWords::default();
        let context_at = |at: usize| Context::new(buf, at, column_of, &column_words);
        let has_context = |at: usize, words: &'static [&'static str]| context_at(at).has(words);
        for m in self.email.find_iter(buf) {
            // `postgres://app:S3cr3t@db.example.com`: a password and a
            // host (found as a secret), no address.
            if in_url_user_info(buf, m.start()) || in_message_id_header(buf, m.start()) {
                continue;
            }
            hits.push(Hit {
                start: local_part_start(buf, m.start(), m.end()),
                end: m.end(),
                entity: "EMAIL",
                rule: &PII_EMAIL,
                confidence: 95,
                detail: None,
            });
        }
        idn_emails(buf, hits);
        chat_senders(buf, hits);
        // The `@` written otherwise: percent-encoded in a URL's query
        // (`?email=jane.doe%40example.com`), as an HTML reference, or
        // spelled out (`jane [at] example [dot] org`). Rare, so read only
        // where the word pass found one (an `@|%40` in the pattern above
        // would cost it its literal search).
        self.written_emails(buf, starts, hits);
        // The file's countries: the region the user gave, or the ones the
        // rest of the file points to.
        let regions: &[String] = match &self.opts.phone_region {
            Some(r) => std::slice::from_ref(r),
            None => &hints.phone_regions,
        };
        // One pass of the union of shapes finds where an identifier may
        // start; each kind is then tried anchored there.
        let mut found: Vec<Found> = Vec::new();
        // The spans of identifiers named by their own words (`SSN on
        // file: 184 13 1096`): a phone number there needs a phone word
        // right before it.
        let mut owned: Vec<(usize, usize)> = Vec::new();
        // Where a kind among the file's most frequent ones has its shape
        // but fails its check: the ends of those spans.
        let mut broken: Vec<usize> = Vec::new();
        for s in self.candidate_starts(buf) {
            // Digits after a `+` are a phone number (`+573066281243` passes
            // a Maestro card's Luhn check), never an identifier.
            if s > 0 && buf[s - 1] == b'+' && buf[s].is_ascii_digit() {
                continue;
            }
            let window = &buf[s..buf.len().min(s + 128)];
            // The words around `s`, looked up once for all its kinds.
            let mut around: Option<Context> = None;
            // The kinds found at `s`.
            found.clear();
            broken.clear();
            // The kinds whose shape starts here, in catalogue order.
            let mut may = self
                .shape_set
                .matches(window)
                .iter()
                .fold(0u128, |m, sh| m | self.shape_kinds[sh]);
            while may != 0 {
                let i = may.trailing_zeros() as usize;
                may &= may - 1;
                let (kind, regex) = (self.kinds[i].kind, self.kinds[i].regex());
                let Some(k) = regex.find(window) else { continue };
                let seen = hints.id_weight(kind.entity);
                let valid = |e: usize| {
                    std::str::from_utf8(&buf[s..e])
                        .is_ok_and(|text| digit_boundaries_ok(buf, s, e) && (kind.validate)(text))
                };
                let mut e = s + k.end();
                if !valid(e) {
                    // An IBAN's optional short last group may be the
                    // next word (`... 1332 EUR`): without it, or without
                    // the whole last group, it may be valid.
                    let shorter = (kind.entity == "IBAN")
                        .then(|| iban_without_tail(&buf[s..e]).map(|n| s + n))
                        .flatten()
                        .filter(|&n| valid(n));
                    match shorter {
                        Some(n) => e = n,
                        None => {
                            if seen == 2 {
                                broken.push(e);
                            }
                            continue;
                        }
                    }
                }
                let context = around.get_or_insert_with(|| context_at(s));
                let named = context.named_kinds();
                // `Turkish ID 10000000146`: the country named before it
                // (or in the name) is one of the file's.
                let (country_bit, country_words) = self.country_bits[i];
                let country_named = context.names_country(country_bit, country_words);
                let in_regions = country_named || regions.iter().any(|r| r == kind.country);
                let abroad = !kind.country.is_empty() && !regions.is_empty() && !in_regions;
                let check_digit = !NO_CHECK_DIGIT.contains(&kind.entity);
                let named_own = named & (1 << i) != 0
                    || context.text_has(kind.context)
                    || (country_named
                        && !OWN_CONTEXT_ONLY.contains(&kind.entity)
                        && (context.has_id_words() || context.has(ID_NOUNS)));
                // Named only by words data uses for any country's number
                // (`ssn`, as Faker does in every locale), a kind of a
                // country the file shows no sign of is named by them only
                // if no kind of the file's countries fits too (below):
                // nine digits under `ssn` in a Dutch file are a BSN before
                // a US SSN.
                let generic_own = named_own
                    && abroad
                    && !kind
                        .context
                        .iter()
                        .any(|w| !ID_CONTEXT.contains(w) && context.has(std::slice::from_ref(w)));
                let own = named_own && !generic_own;
                // Generic words (`national_id`) count for a kind unless the
                // kind has no check digit and the file shows no sign of its
                // country nor of the kind, or they name another country
                // (thirteen digits under `thai_national_id` that fail the
                // Thai check are no Pakistani CNIC).
                // (A run of digits with no check digit nor structure, such
                // as a CNIC's thirteen, needs a sign of its country or its
                // column's name even in a file that shows no country: a
                // word in the text before, `national_id,2200324172338`
                // in a log of rejected values, may name another field.)
                let unsupported = !check_digit
                    && seen == 0
                    && (abroad
                        || !in_regions
                            && BARE_DIGITS_UNCHECKED.contains(&kind.entity)
                            && !context.column_has_at_word_start(ID_CONTEXT));
                // A column named for one country's identifier holds
                // another's too (a Norwegian member's eleven digits under
                // `Kennitala`, an Austrian's ten under `Steuer-ID`): a
                // number the named kinds' shapes do not fit, that passes
                // this kind's check digit, is this kind's. (One they fit
                // but whose check fails is a mistyped one of theirs.)
                let named_elsewhere = || {
                    let others = named & !self.same_entity[i];
                    others != 0
                        && DATED_OR_TWICE_CHECKED.contains(&kind.entity)
                        // (A named kind with no check digit fails none: an
                        // Argentine DNI is eight digits whatever they are.)
                        && !self.unchecked_named(others)
                        && !self.shaped_as(others, buf, s)
                        && !context.column.as_deref().is_some_and(names_a_time)
                };
                let ctx = own
                    || (!OWN_CONTEXT_ONLY.contains(&kind.entity)
                        && !unsupported
                        && context.has_id_words()
                        && context.countries() & !country_bit == 0)
                    || named_elsewhere();
                // Thirteen digits in one run that a kind with no check
                // digit of its own takes only from generic words (`ID`),
                // and that pass EAN-13's check: a product's barcode.
                if !check_digit
                    && !own
                    && e - s == 13
                    && buf[s..e].iter().all(u8::is_ascii_digit)
                    && validate::ean_check(&buf[s..e])
                {
                    continue;
                }
                // A kind as short as everyday numbers, with no check digit
                // (an Argentine DNI's seven or eight digits), counts only
                // under its own words: in its column, or before it on its
                // line; not because the file holds others.
                if BESIDE_OWN_WORDS_ONLY.contains(&kind.entity) {
                    let line = line_before(buf, s, 48);
                    let beside = |w: &&str| {
                        context
                            .column
                            .as_deref()
                            .is_some_and(|c| Context::found(c.as_bytes(), w, true, false))
                            || Context::found(&line.to_ascii_lowercase(), w, true, true)
                    };
                    if !kind.context.iter().any(beside) {
                        continue;
                    }
                }
                if kind.needs_context && !ctx {
                    // Only what the rest of the file says could admit it;
                    // not in a column named for another identifier (nine
                    // digits in a `vat_id` column are no company number
                    // because the file has an `acn` column) or for phones;
                    // with no check digit, only for one of the file's
                    // countries (thirteen digits the file holds twice are
                    // no Pakistani CNIC for that).
                    if seen == 0
                        || (!check_digit && !in_regions)
                        || named & !self.same_entity[i] != 0
                        || context.column_has_at_word_start(PHONE_COLUMN_WORDS)
                        || context.column.as_deref().is_some_and(names_a_time)
                    {
                        continue;
                    }
                }
                // A number that passes Luhn's check in a column named for
                // another identifier (`aadhaar`, `ssn`), with no word of a
                // card's: one number in ten there is "valid". (Not in an
                // order's or a parcel's column: data holds cards in any.)
                if kind.entity == "CREDIT_CARD" && !own && named & !self.same_entity[i] != 0 {
                    continue;
                }
                // Digits in one run under an order's or a parcel's name
                // (an `order_id` column, `Order ID 4532...`, `sipariş no`),
                // with no card word: an order number that passes Luhn's
                // check, as one in ten does. A card there is written in
                // its groups (`4111 1111 1111 1111`).
                if kind.entity == "CREDIT_CARD"
                    && !own
                    && buf[s..e].iter().all(u8::is_ascii_digit)
                    && (context.column.as_deref().is_some_and(names_an_order) || order_word_right_before(buf, s))
                {
                    continue;
                }
                let card_under_ids = kind.entity == "CREDIT_CARD" && !own && context.has_id_words();
                let rule = kind_rule(kind.entity);
                let confidence = |own: bool| {
                    // Kind-specific context beats a generic one; a check
                    // digit beats a shape alone (a 9-digit SSN-shaped
                    // number with a valid BSN check digit is more likely
                    // a BSN).
                    let mut confidence: u8 = if own {
                        97
                    } else if ctx {
                        CONTEXT_CONFIDENCE
                    } else if kind.needs_context {
                        // No context here, but elsewhere in the file.
                        75
                    } else {
                        88
                    };
                    if !check_digit {
                        confidence -= NO_CHECK_DIGIT_PENALTY;
                    }
                    if seen == 2 {
                        confidence += 2;
                    }
                    // Of one of the file's countries, with a check digit,
                    // it beats the same digits read with no country (a
                    // Brazilian CNPJ of a head office in a Brazilian file
                    // over a Maestro card number its digits also pass).
                    if in_regions && check_digit {
                        confidence += 1;
                    }
                    // Named only by generic words (or by nothing), a kind
                    // of a country the file shows no sign of yields to
                    // one of the file's countries: nine digits under
                    // `id_number` in a US file are an SSN before a
                    // Portuguese NIF whose check digit they happen to pass.
                    if !own && abroad {
                        confidence = confidence.saturating_sub(FOREIGN_PENALTY);
                    }
                    // A card number where words name an identifier
                    // (`national_id`) and none a card yields to the
                    // identifier its digits also are: a French NIR of a
                    // man starts with 1, as a UATP card does, and passes
                    // Luhn's check one time in ten.
                    if kind.entity == "CREDIT_CARD" && !own && context.has_id_words() {
                        confidence = confidence.saturating_sub(FOREIGN_PENALTY);
                    }
                    // Under a phone's name, a number that passes Luhn's
                    // check is a phone number (`4915123496585`, a German
                    // mobile number, is a 13-digit Visa's shape), though a
                    // card's word stand before it in the record (`"card":
                    // ..., "phone": 4915123496585`).
                    if kind.entity == "CREDIT_CARD"
                        && named & (1 << i) == 0
                        && context.column_has_at_word_start(PHONE_COLUMN_WORDS)
                    {
                        confidence = confidence.saturating_sub(2 * FOREIGN_PENALTY);
                    }
                    confidence
                };
                found.push(Found {
                    hit: Hit {
                        start: s,
                        end: e,
                        entity: kind.entity,
                        rule,
                        confidence: confidence(own),
                        detail: None,
                    },
                    own,
                    rare_foreign: !own && abroad && seen < 2,
                    home: !kind.country.is_empty() && !abroad,
                    // A card where words name an identifier is no evidence
                    // that the file's numbers there are cards.
                    frequent: seen == 2 && !abroad && !card_under_ids,
                    as_own: generic_own.then(|| confidence(true)),
                    yields: card_under_ids,
                });
            }
            for i in 0..found.len() {
                let Some(c) = found[i].as_own else { continue };
                let span = (found[i].hit.start, found[i].hit.end);
                if !found.iter().any(|g| g.home && (g.hit.start, g.hit.end) == span) {
                    let f = &mut found[i];
                    (f.hit.confidence, f.own, f.rare_foreign) = (c, true, false);
                }
            }
            // A kind named by its own words (`"type":"us_ssn"` before
            // nine digits) beats one that only validates (the same
            // digits pass the Canadian SIN's Luhn check one time in ten)
            // over the same span.
            // A rare kind of a foreign country, named by no word of its
            // own, where one of the file's most frequent kinds has its
            // shape but fails its check, is a mistyped one of those (one
            // number in ten passes a mod-11 check): eleven digits in an
            // `id_number` column of Norwegian birth numbers that fail
            // theirs are no Croatian OIB because they pass its check.
            // Named by no word of its own, a kind yields to one among the
            // file's most frequent kinds over the same span: bare nine
            // digits in a column of US SSNs are one more, not a BSN
            // because they pass its check digit (one number in eleven
            // does).
            // A card number where words name an identifier (`national_id`,
            // `nid`) and none a card yields to any identifier its digits
            // are too: a 12-digit Aadhaar is a Maestro's shape, an 18-digit
            // Chinese id a Diners'. That one is read whatever else rules
            // it out (it would otherwise leave a card).
            let yielded = |f: &Found| {
                !f.yields
                    && found
                        .iter()
                        .any(|g| g.yields && (g.hit.start, g.hit.end) == (f.hit.start, f.hit.end))
            };
            for f in &found {
                let h = &f.hit;
                let same = |g: &Found| (g.hit.start, g.hit.end) == (h.start, h.end);
                let named = || found.iter().any(|g| g.own && same(g));
                let mistyped = f.rare_foreign && broken.contains(&h.end);
                let outnumbered = !f.own && !f.frequent && found.iter().any(|g| g.frequent && same(g));
                let yields = f.yields && found.iter().any(|g| !g.yields && same(g));
                if yielded(f) || (f.own || !named()) && !mistyped && !outnumbered && !yields {
                    // (Not a card under a phone's name, whose confidence
                    // fell for it.)
                    if f.own && h.confidence >= 90 {
                        owned.push((h.start, h.end));
                    }
                    hits.push(h.clone());
                }
            }
        }
        // Where an e-mail, an identifier or a secret was found: a number there needs
        // more than its grouping to be read as a phone number (it would
        // yield to the identifier anyway), and dense data has many.
        let mut taken: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
        taken.sort_unstable();
        // Each span's end becomes the furthest end of it and those before.
        let mut reach = 0;
        for t in &mut taken {
            reach = reach.max(t.1);
            t.1 = reach;
        }
        // The same for the identifiers named by their own words: sorted, each
        // end the furthest of it and those before, for a binary search.
        owned.sort_unstable();
        let mut reach = 0;
        for t in &mut owned {
            reach = reach.max(t.1);
            t.1 = reach;
        }
        let guesses = self.phone_guesses(hints);
        // A number answering a question for one in a later turn (`can i
        // take a contact number please` ... `sure 6174994996`) is one,
        // wherever the rest of the file points.
        let answered = answers::phone_answers(buf, starts.of(Led::PhoneQuestion));
        let segments = utf8_segments(buf);
        let utf8 = match segments.as_slice() {
            [] => buf.is_empty(),
            [(0, text)] => text.len() == buf.len(),
            _ => false,
        };
        for (s, text) in segments {
            // Numbers written with the digits of another script (`+৮৮০-১৮১৭`,
            // fullwidth `０３－１２３４`) are read from a copy with ASCII digits.
            let folded = validate::fold_digits(text);
            let views = std::iter::once((text, None)).chain(folded.as_ref().map(|(t, m)| (t.as_str(), Some(m))));
            for (view, map) in views {
                // The offset in `text` of an offset in `view`.
                let orig = |i: usize| map.map_or(i, |m: &Vec<u32>| m[i] as usize);
                self.phones_in(
                    text,
                    view,
                    &orig,
                    s,
                    &guesses,
                    &context_at,
                    &has_context,
                    (&taken, &owned),
                    &answered,
                    hits,
                );
            }
        }
        for (start, end) in net4_matches(buf) {
            let t = &buf[start..end];
            // Cisco's `0012.3456.789a`: a device address where it has a hex
            // letter or a word such as `mac` before it (twelve digits in
            // dotted fours are as often an account or a serial number).
            let cisco = t.len() == 14 && t[4] == b'.';
            if cisco || t.contains(&b'-') {
                let shown = !cisco || t.iter().any(u8::is_ascii_alphabetic) || has_context(start, MAC_CONTEXT);
                if shown && !placeholder_mac(t) {
                    hits.push(Hit {
                        start,
                        end,
                        entity: "MAC_ADDRESS",
                        rule: &PII_NETWORK,
                        confidence: 85,
                        detail: None,
                    });
                }
                continue;
            }
            // Versions (`v1.2.3.4`, `1.2.3.4.5`) are not addresses.
            let prev = start.checked_sub(1).map(|i| buf[i]);
            let next = buf.get(end).copied();
            let next2 = buf.get(end + 1).copied();
            // `rv:1.9.1.20` and `Chrome/1.2.3.4` are versions too.
            let product = start >= 2 && buf[start - 2].is_ascii_alphanumeric();
            let rv = prev == Some(b':') && start >= 3 && buf[start - 3..start - 1].eq_ignore_ascii_case(b"rv");
            // An object identifier (`urn:oid:1.2.246.21`) is no address.
            let oid = prev == Some(b':') && start >= 4 && buf[start - 4..start - 1].eq_ignore_ascii_case(b"oid");
            if matches!(prev, Some(b'v' | b'V' | b'.'))
                || (next == Some(b'.') && next2.is_some_and(|c| c.is_ascii_digit()))
                || rv
                || oid
                || (prev == Some(b'/') && product)
            {
                continue;
            }
            let ctx = has_context(start, IP_CONTEXT);
            // Under a version's name (a `version` column, `app.version=`,
            // `"version": "4.2.1.7"`, `?v=4.2.1.7`), four numbers are a
            // version (an address's word further back, `server` in a
            // comment on the line before, says nothing against it).
            let v_param = prev == Some(b'=')
                && start >= 2
                && matches!(buf[start - 2], b'v' | b'V')
                && (start < 3 || !buf[start - 3].is_ascii_alphanumeric());
            let version = v_param
                || context_at(start).column_has_at_word_start(VERSION_WORDS)
                || version_word_right_before(buf, start)
                || version_named_after(buf, end)
                || (!ctx && version_by_its_words(buf, start, end))
                || after_a_packages_name(buf, start);
            if version {
                continue;
            }
            hits.push(Hit {
                start,
                end,
                entity: "IP_ADDRESS",
                rule: &PII_NETWORK,
                confidence: if ctx { 92 } else { 70 },
                detail: None,
            });
        }
        for (start, end) in self.net6_matches(buf) {
            let t = &buf[start..end];
            if t.len() == 17 && t.iter().filter(|&&b| b == b':').count() == 5 && !t.contains(&b'-') {
                // Six pairs inside a longer run of colon-separated hex (a
                // certificate's fingerprint, `14:9F:96:...`) are no address.
                let glued = |b: Option<&u8>| b.is_some_and(|&b| b == b':' || b.is_ascii_hexdigit());
                if glued(start.checked_sub(1).map(|i| &buf[i])) || glued(buf.get(end)) {
                    continue;
                }
                let mac = t.chunks(3).all(|g| g[..2].iter().all(u8::is_ascii_hexdigit));
                if mac && placeholder_mac(t) {
                    continue;
                }
                if mac {
                    hits.push(Hit {
                        start,
                        end,
                        entity: "MAC_ADDRESS",
                        rule: &PII_NETWORK,
                        confidence: 85,
                        detail: None,
                    });
                    continue;
                }
            }
            let Ok(t) = std::str::from_utf8(t) else {
                continue;
            };
            let groups = t.split(':').filter(|g| !g.is_empty()).count();
            // Not glued to a word, nor part of a longer run of colons and
            // groups that is no address (`2001::db8::1`, `:::`), nor what a
            // mask left of one (`*******::`).
            // A full address may have a port after it, unbracketed, as
            // Apache's error log writes a client (`[client
            // 2003:e8:6c6e:817a:693e:c573:68d8:24fa:30961]`).
            let port = groups == 8
                && !t.contains("::")
                && t.split(':').any(|g| g.len() == 4)
                && buf.get(end) == Some(&b':')
                && {
                    let digits = buf[end + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
                    (2..=5).contains(&digits)
                        && buf
                            .get(end + 1 + digits)
                            .is_none_or(|&c| c != b':' && !c.is_ascii_alphanumeric())
                };
            // Or a colon that ends the clause after it (`Geo lookup for
            // 2607:fbfc::e999: no match`).
            let clause_colon = buf.get(end) == Some(&b':')
                && buf
                    .get(end + 1)
                    .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'"'));
            let prev_ok = (start == 0
                || !matches!(buf[start - 1], b':' | b'*') && !buf[start - 1].is_ascii_alphanumeric())
                && (port || clause_colon || buf.get(end).is_none_or(|&c| c != b':' && !c.is_ascii_alphanumeric()));
            // `2001:db8::256.1.1.1`: a broken embedded IPv4 part, not an
            // address that ends before it.
            let dotted = buf.get(end) == Some(&b'.') && buf.get(end + 1).is_some_and(u8::is_ascii_digit);
            // Short forms: two groups with a hex letter and a digit, the
            // first of three or more characters (`fe80::1`, `ff02::1`,
            // `2001:db8::`); `::1` and `::` next to an address word.
            let short = groups == 2
                && t.bytes().any(|b| matches!(b, b'a'..=b'f' | b'A'..=b'F'))
                && t.bytes().any(|b| b.is_ascii_digit())
                && t.split(':').next().is_some_and(|g| g.len() >= 3);
            let bare = groups < 2 && (has_context(start, IP_CONTEXT) || has_context(start, IPV6_WORDS));
            // A prefix length (`fe80::/10`, `::/0`) makes it a network, and
            // is part of it.
            let cidr = prefix_length(&buf[end..]);
            let end = end + cidr.unwrap_or(0);
            if prev_ok
                && !dotted
                && (groups >= 3 || short || bare || cidr.is_some())
                && t.parse::<std::net::Ipv6Addr>().is_ok()
            {
                hits.push(Hit {
                    start,
                    end,
                    entity: "IP_ADDRESS",
                    rule: &PII_NETWORK,
                    confidence: 85,
                    detail: None,
                });
            }
        }
        // The pattern holds the 6 to 17 digits an account number has.
        for (start, end) in self.keyword_led(buf, starts, Led::Bank) {
            // An IBAN after its word: found as one only if it is valid. Its
            // pattern may have taken the words after it as groups (`iban
            // ro37sauy5159355400513112 done`): without them, it may be.
            let iban = buf[start].is_ascii_alphabetic();
            let valid = |e: usize| std::str::from_utf8(&buf[start..e]).is_ok_and(validate::is_iban);
            let mut end = end;
            if iban && !valid(end) {
                let shorter = iban_without_tail(&buf[start..end])
                    .map(|n| start + n)
                    .into_iter()
                    .chain(
                        iban_without_tail(&buf[start..end])
                            .and_then(|n| iban_without_tail(&buf[start..start + n]))
                            .map(|n| start + n),
                    )
                    .find(|&e| valid(e));
                match shorter {
                    Some(e) => end = e,
                    None => continue,
                }
            }
            hits.push(Hit {
                start,
                end,
                entity: if iban { "IBAN" } else { "BANK_ACCOUNT" },
                rule: &PII_IBAN,
                confidence: if iban { 97 } else { 80 },
                detail: None,
            });
        }
        for (start, end) in self.keyword_led(buf, starts, Led::Document) {
            if let Some(entity) = document_number(buf, start, end) {
                hits.push(Hit {
                    start,
                    end,
                    entity,
                    rule: &PII_NATIONAL_ID,
                    confidence: 85,
                    detail: None,
                });
            }
        }
        // Whether the file points to Czechia or Slovakia (for their
        // streets with no postcode).
        let czech = (self.opts.phone_region.iter())
            .chain(&hints.phone_regions)
            .chain(&hints.letter_regions)
            .any(|r| r.eq_ignore_ascii_case("CZ") || r.eq_ignore_ascii_case("SK"));
        for (led, entity, conf) in [
            (Led::Dob, "DATE_OF_BIRTH", 85u8),
            (Led::Name, "PERSON_NAME", 70),
            (Led::Address, "POSTAL_ADDRESS", 70),
            (Led::Postcode, "POSTAL_CODE", 80),
        ] {
            let spans = if led == Led::Address {
                self.addresses(buf, starts, czech)
            } else {
                self.keyword_led(buf, starts, led)
            };
            for (start, end) in spans {
                let (start, end) = if led == Led::Name {
                    let end = next_label_cut(buf, start, end);
                    (past_title(buf, start, end), end)
                } else {
                    (start, end)
                };
                if led == Led::Name
                    && (!name_after_its_scripts_word(buf, start, end)
                        || type_or_placeholder(&buf[start..end])
                        || greeted_no_one(&buf[start..end])
                        || cn_not_a_parameter(buf, start)
                        || team_signature(buf, start, end)
                        || closing_not_signer(buf, start, end)
                        || titled_brand(buf, start)
                        || company_named(buf, start, end))
                {
                    continue;
                }
                hits.push(Hit {
                    start,
                    end,
                    entity,
                    rule: &PII_PERSON,
                    confidence: conf,
                    detail: None,
                });
            }
        }
        // A genealogy's or an obituary's birth: `* 15.07.1961 † 28.12.2023`.
        if starts.holds(buf, "\u{2020}") {
            hits.extend(starred_births(buf));
        }
        // Names in lowercase speech, after their cue.
        let named = starts.of(Led::Name);
        if !named.is_empty() {
            let lower = lowercase_names::lowercase_names(buf, named, hits);
            hits.extend(lower);
        }
        // A birth date answering its question in the next turn.
        let asked = starts.of(Led::Dob);
        if !asked.is_empty() {
            let answered = answers::answered_births(buf, asked, self.answered_date.get(), hits);
            hits.extend(answered);
            let before = births_before_their_word(buf, asked, self.answered_date.get(), hits);
            hits.extend(before);
        }
        // A name answering its question in a later turn.
        let asked = starts.of(Led::NameQuestion);
        if !asked.is_empty() {
            let answered = answers::answered_names(buf, asked, hits);
            hits.extend(answered);
        }
        let letterheads = letterhead_names(buf, hits);
        hits.extend(letterheads);
        let beside = beside::names_beside_values(buf, hits);
        hits.extend(beside);
        let verbs = starts.of(Led::NameAfter);
        if !verbs.is_empty() {
            let before = names_before_verbs::names_before_verbs(buf, verbs, hits);
            hits.extend(before);
        }
        let prose = prose_names::prose_names(buf, starts.of(Led::Prose), hits);
        hits.extend(prose);
        let listed = names_before_verbs::listed_names(buf, hits);
        hits.extend(listed);
        let bulleted = names_before_verbs::bulleted_names(buf, starts.of(Led::Name), hits);
        hits.extend(bulleted);
        hits.retain(|h| !placeholder_identity(h.entity, &buf[h.start..h.end], &buf[h.end..]));
        utf8
    }
}

/// The words a birth date is written before (`1997年8月13日生まれです`,
/// `ich habe am 5. Juni 1980 Geburtstag`, `Ich bin am 10. Januar 1991
/// geboren`, `1990年5月3日出生`): a date with its year ending right before
/// one (a space or two, German `am` before the date) is a birth date.
const AFTER_BIRTH_DATE: [&str; 4] = ["geburtstag", "geboren", "\u{751f}\u{307e}\u{308c}", "\u{51fa}\u{751f}"];

/// The birth dates before the words of [`AFTER_BIRTH_DATE`] among the
/// birth-date words at `cues`, read with `date` (anchored), none over a
/// value found before.
fn births_before_their_word(buf: &[u8], cues: &[usize], date: &regex_automata::meta::Regex, hits: &[Hit]) -> Vec<Hit> {
    use regex_automata::{Anchored, Input};
    let mut out = beside::NewHits::new(hits, "DATE_OF_BIRTH", 80);
    for &c in cues {
        if !AFTER_BIRTH_DATE.iter().any(|w| {
            buf.get(c..c + w.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(w.as_bytes()))
        }) {
            continue;
        }
        // The date ends right before the word, after at most two spaces.
        let end = c - buf[..c].iter().rev().take(2).take_while(|&&b| b == b' ').count();
        let from = end.saturating_sub(40);
        // A date starts at a digit or a letter after no digit or letter.
        let found = (from..end).find_map(|s| {
            let starts = buf[s].is_ascii_alphanumeric() && (s == 0 || !buf[s - 1].is_ascii_alphanumeric());
            let m = starts
                .then(|| date.search(&Input::new(buf).range(s..end).anchored(Anchored::Yes)))
                .flatten()?;
            (m.end() == end).then_some((m.start(), m.end()))
        });
        if let Some((s, e)) = found {
            out.add(s, e);
        }
    }
    out.into_hits()
}

/// Birth dates as genealogies and death notices write them: after a star
/// that starts the line, and before the cross of the death date on it
/// (`* 15.07.1961   † 28.12.2023`): a day, a month and a year of digits.
fn starred_births(buf: &[u8]) -> Vec<Hit> {
    let cross = "\u{2020}".as_bytes();
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(buf, cross) {
        // The line before the cross, at most 40 bytes back.
        let from = at.saturating_sub(40);
        let Some(ls) = memchr::memrchr(b'\n', &buf[from..at])
            .map(|i| from + i + 1)
            .or((from == 0).then_some(0))
        else {
            continue;
        };
        let line = &buf[ls..at];
        let lead = line.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        let Some(rest) = line[lead..].strip_prefix(b"*") else {
            continue;
        };
        let pad = rest.iter().take_while(|&&b| b == b' ').count();
        let date = rest[pad..].trim_ascii_end();
        let groups: Vec<&[u8]> = date.split(|&b| b == b'.' || b == b'/' || b == b'-').collect();
        let ok = groups.len() == 3
            && groups.iter().all(|g| !g.is_empty() && g.iter().all(u8::is_ascii_digit))
            && groups[0].len() <= 2
            && groups[1].len() <= 2
            && groups[2].len() == 4
            && matches!(&groups[2][..2], b"18" | b"19" | b"20");
        if ok {
            let start = ls + lead + 1 + pad;
            out.push(Hit {
                start,
                end: start + date.len(),
                entity: "DATE_OF_BIRTH",
                rule: &PII_PERSON,
                confidence: 80,
                detail: None,
            });
        }
    }
    out
}

/// Names at the head of a letter, a CV or a signature: a line of two to
/// four capitalised words that starts its paragraph (after a blank line, or
/// at the start of the text, a quoted cell or a string) and stands right
/// above a line that starts with an address, a phone number, an e-mail
/// address or a birth date found (`Rita Bernad\nAvenida Espiridión Bosch
/// 64, Córdoba`, `Ingelore Johann\n* 15.07.1961 † 28.12.2023`).
/// Headings (`Curriculum Vitae`, `Customer Service`) are no names.
fn letterhead_names(buf: &[u8], hits: &[Hit]) -> Vec<Hit> {
    // Every look back is bounded: a long line (or one holding many
    // values) costs no more than a short one.
    const LONGEST_LINE: usize = 512;
    let mut names = beside::NewHits::names(hits);
    // (Most buffers hold no Markdown heading: one search, at the first
    // value that needs it.)
    let headings = std::cell::OnceCell::new();
    let headings = || *headings.get_or_init(|| buf.starts_with(b"# ") || memchr::memmem::find(buf, b"\n# ").is_some());
    for h in hits
        .iter()
        .filter(|h| matches!(h.entity, "POSTAL_ADDRESS" | "PHONE" | "EMAIL" | "DATE_OF_BIRTH"))
    {
        if let Some((s, e)) = headings().then(|| heading_name_above(buf, h.start)).flatten() {
            names.add(s, e);
        }
        // The value starts its line (after spaces or a short label of up to
        // 12 bytes), which is not the buffer's first.
        let from = h.start.saturating_sub(13);
        let Some(ls) = memchr::memrchr(b'\n', &buf[from..h.start]).map(|i| from + i + 1) else {
            continue;
        };
        if buf[ls..h.start].iter().any(u8::is_ascii_digit) {
            continue;
        }
        let from = (ls - 1).saturating_sub(LONGEST_LINE);
        let ps = match memchr::memrchr(b'\n', &buf[from..ls - 1]) {
            Some(i) => from + i + 1,
            None if from == 0 => 0,
            None => continue,
        };
        let line = buf[ps..ls - 1].strip_suffix(b"\r").unwrap_or(&buf[ps..ls - 1]);
        let Ok(text) = std::str::from_utf8(line) else { continue };
        // Its own line starts a paragraph (the line before it is blank, or
        // is a mail's signature line, `-- `), or the name starts a quoted
        // cell or a string (`1,"Rita Bernad`).
        let opens = ps == 0 || {
            let before = buf[..ps - 1].trim_ascii_end();
            before.is_empty()
                || buf[before.len()..ps - 1].contains(&b'\n')
                || (before.ends_with(b"\n--") || before == b"--") && buf[before.len()..ps - 1].starts_with(b" ")
        };
        let from = match text.rfind('"') {
            Some(q) if q == 0 || matches!(text.as_bytes()[q - 1], b',' | b';' | b'\t' | b':' | b' ' | b'[') => q + 1,
            Some(_) => continue,
            None => 0,
        };
        let cand = &text[from..];
        let name = cand.trim();
        if !(opens || from > 0) || name.len() < 5 || name.len() > 60 {
            continue;
        }
        let start = ps + from + (cand.len() - cand.trim_start().len());
        if letterhead_shaped(name) {
            names.add(start, start + name.len());
        }
    }
    names.into_hits()
}

/// The span of a name a Markdown document's top heading holds (`# Jose
/// Grant`, a CV's), up to five short lines above `at` (its address, then
/// its phone line).
fn heading_name_above(buf: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut end = memchr::memrchr(b'\n', &buf[at.saturating_sub(200)..at]).map(|i| at.saturating_sub(200) + i)?;
    for _ in 0..5 {
        let from = end.saturating_sub(120);
        let ls = memchr::memrchr(b'\n', &buf[from..end]).map_or(from, |i| from + i + 1);
        if ls == from && from > 0 {
            return None;
        }
        let line = &buf[ls..end];
        if let Some(rest) = line.strip_prefix(b"# ") {
            let text = std::str::from_utf8(rest).ok()?;
            let name = text.trim_end();
            return (name.len() >= 5 && letterhead_shaped(name)).then_some((ls + 2, ls + 2 + name.len()));
        }
        if ls == 0 {
            return None;
        }
        end = ls - 1;
    }
    None
}

/// Whether `name` is two to four capitalised words and no heading's
/// (`Curriculum Vitae`, `Customer Service`): a name at a letter's or a
/// CV's head.
fn letterhead_shaped(name: &str) -> bool {
    const HEADINGS: [&str; 30] = [
        "curriculum",
        "vitae",
        "resume",
        "invoice",
        "summary",
        "profile",
        "contact",
        "contacts",
        "address",
        "phone",
        "email",
        "experience",
        "education",
        "skills",
        "dear",
        "subject",
        "customer",
        "service",
        "support",
        "team",
        "department",
        "office",
        "ltd",
        "gmbh",
        "inc",
        "llc",
        "company",
        "the",
        "attn",
        "re",
    ];
    let words: Vec<&str> = name.split(' ').collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next()
                .is_some_and(|c| c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase())
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
                && !HEADINGS.iter().any(|h| w.trim_end_matches('.').eq_ignore_ascii_case(h))
        })
}

/// Whether the name at `start..end` is a company's: a legal form in it or
/// right after it (`Landlord: Acme Properties Ltd`, `Client: Acme
/// Holdings GmbH`).
fn company_named(buf: &[u8], start: usize, end: usize) -> bool {
    let after = &buf[end..buf.len().min(end + 12)];
    let after = after.strip_prefix(b",").unwrap_or(after).trim_ascii_start();
    let next = after
        .split(|&b| !(b.is_ascii_alphabetic() || b == b'.'))
        .next()
        .unwrap_or_default();
    String::from_utf8_lossy(&buf[start..end])
        .split(' ')
        .chain(std::str::from_utf8(next).ok())
        .any(beside::legal_form)
}

/// Whether a name or an address is a placeholder's no one has: German
/// forms' `Max Mustermann` at `Musterstraße 1, 12345 Musterstadt`,
/// `Anytown`, Spanish `Calle Falsa 123`.
pub(crate) fn placeholder_identity(entity: &str, value: &[u8], after: &[u8]) -> bool {
    const NAMES: [&str; 2] = ["Mustermann", "Musterfrau"];
    const PLACES: [&str; 13] = [
        "Musterstra\u{df}e",
        "Musterstrasse",
        "Musterstadt",
        "Musterhausen",
        "Anytown",
        "Calle Falsa",
        "Fake Street",
        "Fake St",
        "Example Road",
        "Example Street",
        "Sampletown",
        "Sample Street",
        "742 Evergreen Terrace",
    ];
    // The placeholder names of documentation and forms, both words (in
    // either order, Russian's patronymic aside): `John Doe`, `Joe Bloggs`,
    // Sweden's `Sven Svensson`, Norway's `Ola Nordmann`, Finland's `Matti
    // Meikäläinen`, Russia's `Иван Иванов`, Ukraine's `Іван Іваненко`,
    // Turkey's `Ali Veli`. (Not `Jan Novák`, `Jens Hansen`, `Mario Rossi`:
    // as common among real people as in examples.)
    const PAIRS: [(&str, &str); 14] = [
        ("John", "Doe"),
        ("Jane", "Doe"),
        ("Richard", "Roe"),
        ("Jane", "Roe"),
        ("Joe", "Bloggs"),
        ("John", "Public"),
        ("Sven", "Svensson"),
        ("Ola", "Nordmann"),
        ("Kari", "Nordmann"),
        ("Matti", "Meik\u{e4}l\u{e4}inen"),
        ("Maija", "Meik\u{e4}l\u{e4}inen"),
        (
            "\u{418}\u{432}\u{430}\u{43d}",
            "\u{418}\u{432}\u{430}\u{43d}\u{43e}\u{432}",
        ),
        (
            "\u{406}\u{432}\u{430}\u{43d}",
            "\u{406}\u{432}\u{430}\u{43d}\u{435}\u{43d}\u{43a}\u{43e}",
        ),
        ("Ali", "Veli"),
    ];
    // (Values are short: a window's compare, no searcher built per value.)
    let has = |v: &[u8], w: &str| v.windows(w.len()).any(|x| x == w.as_bytes());
    match entity {
        "PERSON_NAME" => {
            // A name in JSON's escapes is compared as its characters.
            let decoded = memchr::memmem::find(value, b"\\u")
                .and_then(|_| crate::json_escapes::unescaped(value))
                .map(|u| u.text);
            let value = decoded.as_deref().unwrap_or(value);
            let words: Vec<&[u8]> = value
                .split(|&b| b == b' ' || b == b'.' || b == b',')
                .filter(|w| !w.is_empty())
                .collect();
            NAMES.iter().any(|w| has(value, w))
                || PAIRS
                    .iter()
                    .any(|(a, b)| words.contains(&a.as_bytes()) && words.contains(&b.as_bytes()))
        }
        // The town may follow the street the pattern ended at (`123 Main
        // St, Anytown, USA`).
        "POSTAL_ADDRESS" => {
            let after = &after[..after.len().min(24)];
            PLACES.iter().any(|w| has(value, w)) || has(after, "Anytown") || has(after, "Sampletown")
        }
        _ => false,
    }
}

/// Whether a name's words hold the word `name` itself, as an introduction
/// does (`My Name`, `Mein Name`, `Mi nombre`): no one is named so.
fn says_name(value: &[u8]) -> bool {
    const WORDS: [&str; 8] = ["name", "nombre", "nome", "naam", "nom", "namn", "navn", "nimi"];
    value
        .split(|&b| b == b' ')
        .any(|w| WORDS.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes())))
}

/// Whether a name found after a person's title is a brand's that carries
/// one (`Dr. Oetker`, `Dr. Martens`, `Mr. Clean`, `Mr. Muscle`).
fn titled_brand(buf: &[u8], start: usize) -> bool {
    const BRANDS: [&str; 9] = [
        "oetker", "martens", "scholl", "pepper", "clean", "muscle", "proper", "sheen", "fields",
    ];
    let before = line_before(buf, start, 8);
    let titled = [&b"Dr. "[..], b"Dr ", b"Mr. ", b"Mr ", b"Mrs. ", b"Mrs "]
        .iter()
        .any(|t| before.ends_with(t));
    let word: Vec<u8> = buf[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect();
    titled && BRANDS.iter().any(|b| b.as_bytes() == word.as_slice())
}

/// Whether a name found as a mail's signature (after its `-- ` line, or on
/// its own line under a sign-off) is a team's or a company's (`The Support
/// Team`, `Acme Sales GmbH`).
fn team_signature(buf: &[u8], start: usize, end: usize) -> bool {
    const WORDS: [&str; 22] = [
        "the",
        "team",
        "support",
        "service",
        "services",
        "department",
        "office",
        "sales",
        "customer",
        "inc",
        "ltd",
        "gmbh",
        "llc",
        "group",
        "company",
        "center",
        "centre",
        "desk",
        "help",
        "admin",
        "billing",
        "newsletter",
    ];
    // After a `-- ` line, or alone on its line (under a sign-off, a
    // `Contact:` line), the line break as it is or escaped in JSON.
    let before = buf[..start].trim_ascii_end();
    let signed = before.ends_with(b"\n--") || before.ends_with(b"\\n") || buf[..start].ends_with(b"\n");
    signed
        && buf[start..end]
            .split(|b| !b.is_ascii_alphabetic())
            .any(|w| WORDS.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes())))
}

/// Whether a name found after `CN=` is not an iCalendar or vCard
/// parameter's (`;CN=`): a certificate's or a directory's common name
/// (`CN=Go Daddy Secure Certificate Authority`) names a person too seldom.
fn cn_not_a_parameter(buf: &[u8], start: usize) -> bool {
    let before = &buf[..start];
    let before = before.strip_suffix(b"\"").unwrap_or(before);
    // A folded line's break and space (`CN=\r\n Ana Lima`).
    let before = match before.strip_suffix(b" ").or_else(|| before.strip_suffix(b"\t")) {
        Some(b) if b.ends_with(b"\n") => b[..b.len() - 1].strip_suffix(b"\r").unwrap_or(&b[..b.len() - 1]),
        _ => before,
    };
    before.len() >= 3
        && before[before.len() - 3..].eq_ignore_ascii_case(b"cn=")
        && before.len().checked_sub(4).and_then(|i| before.get(i)) != Some(&b';')
}

/// Whether a name's words greet or name a group, not a person (`Hi all,`,
/// `Hello World`, `Hallo zusammen`, `Dear Sir`, `Hi Team`).
fn greeted_no_one(value: &[u8]) -> bool {
    const WORDS: [&str; 79] = [
        "all",
        "not",
        "provided",
        "unknown",
        "none",
        "available",
        "applicable",
        "redacted",
        "withheld",
        "iban",
        "technology",
        "doktor",
        "doctor",
        "professor",
        "kollege",
        "kollegin",
        "pr\u{e4}sident",
        "pr\u{e4}sidentin",
        "direktor",
        "direktorin",
        "minister",
        "pfarrer",
        "lehrer",
        "nachbar",
        "kunde",
        "kundin",
        "am",
        "data",
        "software",
        "engineer",
        "developer",
        "analyst",
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "bye",
        "goodbye",
        "regards",
        "everyone",
        "everybody",
        "there",
        "team",
        "folks",
        "guys",
        "world",
        "friends",
        "sir",
        "sirs",
        "madam",
        "madame",
        "both",
        "again",
        "community",
        "colleagues",
        "support",
        "admin",
        "gang",
        "mate",
        "buddy",
        "customer",
        "customers",
        "user",
        "users",
        "zusammen",
        "alle",
        "leute",
        "welt",
        "tous",
        "todos",
        "tutti",
        "allemaal",
        "iedereen",
        "kollegen",
        "colleague",
        "members",
        "hiring",
        "manager",
    ];
    value
        .split(|&b| b == b' ')
        .any(|w| WORDS.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes())))
}

/// Where a name found at `start..end` starts past a person's title that
/// opens it (`Mr Oakley` of `Dear Mr Oakley`, `Frau Holle`): titles are no
/// part of a name. A title alone stays as it is.
fn past_title(buf: &[u8], start: usize, end: usize) -> usize {
    const TITLES: [&str; 22] = [
        "mr", "mrs", "ms", "miss", "mx", "herr", "frau", "monsieur", "madame", "mme", "mlle", "sr", "sra", "srta",
        "signor", "signora", "sig", "heer", "mevrouw", "mevr", "pan", "pani",
    ];
    let value = &buf[start..end];
    let Some(sp) = memchr::memchr(b' ', value) else {
        return start;
    };
    let word = value[..sp].strip_suffix(b".").unwrap_or(&value[..sp]);
    let rest = &value[sp + 1..];
    if TITLES.iter().any(|t| word.eq_ignore_ascii_case(t.as_bytes()))
        && rest.first().is_some_and(|&b| b.is_ascii_uppercase() || b >= 0xC3)
    {
        start + sp + 1
    } else {
        start
    }
}

/// The last words of the requests [`NAME`]'s group 10 reads a signature
/// after (lowercase; a test holds them to the pattern's).
const REQUEST_ENDS: [&str; 14] = [
    "please",
    "pls",
    "thanks",
    "you",
    "thx",
    "danke",
    "bitte",
    "merci",
    "gracias",
    "grazie",
    "bedankt",
    "dzi\u{119}kuj\u{119}",
    "obrigado",
    "obrigada",
];

/// Whether a name [`NAME`] found signing a message after its request
/// (group 10: `... please. Klara Sałuda`) is a closing or a place instead
/// (`Thanks. Best Regards`, `please. New York`): a word of a closing, or
/// of an organisation or a place ([`beside::not_name_word`]).
fn closing_not_signer(buf: &[u8], start: usize, end: usize) -> bool {
    let before = buf[start.saturating_sub(24)..start].trim_ascii_end();
    let Some(before) = before.strip_suffix(b".").or_else(|| before.strip_suffix(b"!")) else {
        return false;
    };
    // After a request's last word (group 9's cues; `you` of `thank you`),
    // not a title's stop (`Mr. Park`).
    let cue = before
        .rsplit(|&b| b < 0x80 && !b.is_ascii_alphabetic())
        .next()
        .unwrap_or_default();
    let cue = String::from_utf8_lossy(cue).to_lowercase();
    if !REQUEST_ENDS.contains(&cue.as_str()) {
        return false;
    }
    const CLOSING: [&str; 11] = [
        "best",
        "kind",
        "warm",
        "regards",
        "wishes",
        "greetings",
        "sincerely",
        "cheers",
        "thanks",
        "bye",
        "yours",
    ];
    let value = String::from_utf8_lossy(&buf[start..end]).to_lowercase();
    value
        .split(' ')
        .any(|w| CLOSING.contains(&w) || beside::not_name_word(w))
}

/// Whether a one-word name is a type, a placeholder or a field's label
/// rather than a person's name (`first_name: String`, `last_name=None`,
/// `Surname: Required`).
fn type_or_placeholder(value: &[u8]) -> bool {
    const WORDS: [&str; 30] = [
        "string",
        "str",
        "text",
        "varchar",
        "char",
        "none",
        "null",
        "nil",
        "true",
        "false",
        "optional",
        "required",
        "unknown",
        "undefined",
        "empty",
        "blank",
        "name",
        "value",
        "field",
        "column",
        "example",
        "sample",
        "test",
        "anonymous",
        "redacted",
        "hidden",
        "placeholder",
        "label",
        "type",
        "object",
    ];
    !value.contains(&b' ') && WORDS.iter().any(|w| value.eq_ignore_ascii_case(w.as_bytes()))
}

/// Whether a name [`NAME`] found at `start` is written in Latin, Cyrillic
/// or Greek letters, or in Chinese characters or Hangul after a word for a
/// name in Chinese, Japanese or Korean (`姓名：王秀英`, `이름: 김민준`):
/// after `Customer` or `To:`, such characters are as often words
/// (`Customer 满意度`).
///
/// So too Arabic, Hebrew, Thai and Devanagari names (`اسمي محمد أحمد`,
/// `שמי דוד כהן`, `ชื่อ สมชาย ใจดี`, `नाम: संजय अय्यर`): after their own
/// scripts' words only, or for Devanagari after an English introduction.
fn name_after_its_scripts_word(buf: &[u8], start: usize, end: usize) -> bool {
    // Latin (to Latin Extended-B), Greek and Cyrillic letters start below
    // 0xD7; Hebrew, Arabic, Thai, CJK and Hangul at or above it.
    if buf.get(start).is_none_or(|&b| b < 0xD7) {
        return true;
    }
    let before = &buf[start.saturating_sub(24)..start];
    let trimmed = before.trim_ascii_end();
    // An iCalendar or vCard's common or formatted name (`;CN=김예준`,
    // `FN:渡辺 洋介`): a person's name in any script.
    let lower = trimmed.to_ascii_lowercase();
    if lower.ends_with(b";cn=") || lower.ends_with(b";cn=\"") || lower.ends_with(b"\nfn:") || lower == b"fn:" {
        return true;
    }
    // A mail header's display name before its address (`From: "김성민"
    // <seoyeon04@kakao.com>`, `To: 坂本陽一 <...>`): a person's in any
    // script.
    if mail_display_name(buf, start, end) {
        return true;
    }
    let trimmed = trimmed.strip_suffix("\u{ff1a}".as_bytes()).unwrap_or(trimmed);
    let colon = trimmed.ends_with(b":");
    let trimmed = trimmed.strip_suffix(b":").unwrap_or(trimmed).trim_ascii_end();
    // After a label in Latin letters that names a person, and its colon
    // (`Name: 王秀英`, `Landlord: 김성민, of ...`): the whole word of the
    // script, not the first characters of a longer one (`Customer: 满意度调查`).
    if colon && whole_word_of_its_script(buf, end) {
        let lower = trimmed.to_ascii_lowercase();
        let label = |l: &&str| {
            lower.ends_with(l.as_bytes())
                && (lower.len() == l.len() || !lower[lower.len() - l.len() - 1].is_ascii_alphanumeric())
        };
        if PERSON_LABELS.iter().any(label) {
            return true;
        }
    }
    // A Devanagari name after an English introduction (`Hi, I am संजय
    // अय्यर`, `my name is ...`), as chats in India write them.
    let devanagari = buf[start] == 0xE0 && matches!(buf.get(start + 1), Some(0xA4 | 0xA5));
    if devanagari {
        let lower = trimmed.to_ascii_lowercase();
        if ["i am", "i'm", "name is", "name"]
            .iter()
            .any(|w| lower.ends_with(w.as_bytes()))
        {
            return true;
        }
    }
    // The words of NAME_WORDS in these scripts (`姓名`, `이름`, `اسمي`).
    NAME_WORDS
        .iter()
        .filter(|w| w.as_bytes().first().is_some_and(|&b| b >= 0xD7))
        .any(|w| trimmed.ends_with(w.as_bytes()))
}

/// The end of the name at `start..end` without the next field's label a
/// flattened form runs into it (`Navn: Eskil Hed Fødselsdato: ...`, `Name:
/// John Smith Address: ...`): the last of three words or more, right
/// before a colon, is cut (`Estimado Sr. García:` keeps its one).
fn next_label_cut(buf: &[u8], start: usize, end: usize) -> usize {
    let after = &buf[end..buf.len().min(end + 4)];
    let labelled = after.starts_with(b":") || after.starts_with(b" :") || after.starts_with("\u{ff1a}".as_bytes());
    if !labelled {
        return end;
    }
    let cut = buf[start..end].iter().rposition(|&b| b == b' ').map(|i| start + i);
    cut.filter(|&c| buf[start..c].contains(&b' ')).unwrap_or(end)
}

/// The labels in Latin letters after which (and a colon) a name in
/// another script is a person's (lowercase).
const PERSON_LABELS: [&str; 19] = [
    "name",
    "full name",
    "patient",
    "customer name",
    "employee",
    "contact person",
    "landlord",
    "tenant",
    "witness",
    "next of kin",
    "emergency contact",
    "reporting person",
    "navn",
    "namn",
    "nimi",
    "nom",
    "nombre",
    "nome",
    "naam",
];

/// Whether the name ending at `end` ends its word: the next character is
/// no letter of a script without spaces between its words (CJK, kana,
/// Hangul, Thai).
fn whole_word_of_its_script(buf: &[u8], end: usize) -> bool {
    match buf.get(end) {
        None => true,
        Some(&b) => !((0xE3..=0xED).contains(&b) || b == 0xE0 && matches!(buf.get(end + 1), Some(0xB8 | 0xB9))),
    }
}

/// Whether the name at `start` is an address header's display name: the
/// header (`From`, `To`, `Cc`, `Bcc`, `Reply-To`, `Sender`) starts its line,
/// the name may be quoted, and an address in angle brackets follows it on
/// the line right after it (`From: "सीता नायर" <ssinh@gmail.com>`).
fn mail_display_name(buf: &[u8], start: usize, end: usize) -> bool {
    let from = start.saturating_sub(64);
    let line_start = match memchr::memrchr(b'\n', &buf[from..start]) {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let head = buf[line_start..start].trim_ascii_end();
    let head = head.strip_suffix(b"\"").unwrap_or(head).trim_ascii_end();
    let Some(header) = head.strip_suffix(b":") else {
        return false;
    };
    if !["from", "to", "cc", "bcc", "reply-to", "sender"]
        .iter()
        .any(|h| header.eq_ignore_ascii_case(h.as_bytes()))
    {
        return false;
    }
    let rest = &buf[end..buf.len().min(end + 160)];
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let spaces = rest.iter().take_while(|&&b| b == b' ').count();
    let Some(address) = rest[spaces..].strip_prefix(b"<") else {
        return false;
    };
    let Some(gt) = memchr::memchr(b'>', address) else {
        return false;
    };
    address[..gt].contains(&b'@') && !address[..gt].iter().any(u8::is_ascii_whitespace)
}

/// The senders of a chat export's messages (WhatsApp: `12.03.24, 10:17 -
/// Tecimer Korutürk: Merhaba`, `[12/03/2024, 12:02:35] Lajita Dada: ...`):
/// the name between a line's date and time and the `: ` after it; LINE's
/// (`13:47<TAB>Somchai Jaidee<TAB>message`, under a line of the day's
/// date): the name between the time's tab and the next. Each
/// line is read on its own (a sender that is a phone number, `+90 552
/// ...: `, is none: the number is found as one).
fn chat_senders(buf: &[u8], hits: &mut Vec<Hit>) {
    let mut start = 0;
    while start < buf.len() {
        let end = memchr::memchr(b'\n', &buf[start..]).map_or(buf.len(), |i| start + i);
        let line = &buf[start..end];
        // A transcript's speaker line ends with a time (`  0:00`) or holds
        // one in brackets before a colon (`(01:14):`): looked at only then
        // (every line of a text is tested, so the cheap tests first).
        let timed = || {
            let t = line.strip_suffix(b"\r").unwrap_or(line);
            let head = &t[..t.len().min(80)];
            t.len() > 4 && t[t.len() - 1].is_ascii_digit() && t[t.len() - 3] == b':'
                || memchr::memchr(b')', head).is_some_and(|i| head.get(i + 1) == Some(&b':'))
        };
        let sender = if line.first().is_some_and(|&b| b == b'[' || b.is_ascii_digit()) {
            chat_sender(line)
        } else if timed() {
            transcript_speaker(line)
        } else {
            None
        };
        if let Some((s, e)) = sender {
            hits.push(Hit {
                start: start + s,
                end: start + e,
                entity: "PERSON_NAME",
                rule: &PII_PERSON,
                confidence: 70,
                detail: None,
            });
        }
        start = end + 1;
    }
}

/// The span of a chat export line's sender ([`chat_senders`]).
fn chat_sender(line: &[u8]) -> Option<(usize, usize)> {
    let mut i = usize::from(line.first() == Some(&b'['));
    if let Some(name) = line_chat_sender(line) {
        return Some(name);
    }
    let digits = |i: &mut usize, min: usize, max: usize| {
        let n = line[*i..].iter().take(max).take_while(|b| b.is_ascii_digit()).count();
        *i += n;
        (min..=max).contains(&n)
    };
    let byte = |i: &mut usize, set: &[u8]| {
        let ok = line.get(*i).is_some_and(|b| set.contains(b));
        *i += usize::from(ok);
        ok
    };
    // The date, `,`, a space and the time (seconds and AM/PM optional).
    let date = digits(&mut i, 1, 2)
        && byte(&mut i, b"./-")
        && digits(&mut i, 1, 2)
        && byte(&mut i, b"./-")
        && digits(&mut i, 2, 4);
    if !date {
        return None;
    }
    byte(&mut i, b",");
    if !(byte(&mut i, b" ") && digits(&mut i, 1, 2) && byte(&mut i, b":") && digits(&mut i, 2, 2)) {
        return None;
    }
    if byte(&mut i, b":") && !digits(&mut i, 2, 2) {
        return None;
    }
    // ` AM`, `\u{202f}PM`.
    for sp in [&b" "[..], "\u{202f}".as_bytes()] {
        let r = &line[i..];
        if r.starts_with(sp)
            && r.len() >= sp.len() + 2
            && (r[sp.len()..sp.len() + 2].eq_ignore_ascii_case(b"am")
                || r[sp.len()..sp.len() + 2].eq_ignore_ascii_case(b"pm"))
        {
            i += sp.len() + 2;
            break;
        }
    }
    if line.first() == Some(&b'[') {
        if !byte(&mut i, b"]") || !byte(&mut i, b" ") {
            return None;
        }
    } else if line[i..].starts_with(b" - ") {
        i += 3;
    } else {
        return None;
    }
    let window = &line[i..line.len().min(i + 64)];
    let colon = memchr::memmem::find(window, b": ")?;
    let name = &window[..colon];
    let letters = name.iter().filter(|b| b.is_ascii_alphabetic() || **b >= 0x80).count();
    let ok = letters >= 2
        && !name
            .iter()
            .any(|b| b.is_ascii_digit() || matches!(b, b'@' | b'/' | b'<' | b'>' | b'"'))
        && name.first().is_some_and(|b| !b.is_ascii_whitespace() && *b != b'+')
        // Not a log level (`INFO`, `WARN`).
        && !name.iter().all(u8::is_ascii_uppercase);
    ok.then_some((i, i + colon))
}

/// The speaker a transcript's line names before a timestamp: Otter's
/// (`Omer Shapira  0:00`, alone on its line) and Rev's or Descript's
/// (`Tamar Peretz (01:14): Thanks`). Two to four capitalised words (or
/// words of a script without case); `Speaker 1` is none.
fn transcript_speaker(line: &[u8]) -> Option<(usize, usize)> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let clock = |t: &[u8]| {
        let parts: Vec<&[u8]> = t.split(|&b| b == b':').collect();
        (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| (1..=2).contains(&p.len()) && p.iter().all(u8::is_ascii_digit))
            && parts[1..].iter().all(|p| p.len() == 2)
    };
    let name_end = if let Some(open) = memchr::memmem::find(line, b" (") {
        // `Name (01:14):`
        let close = open + 2 + memchr::memchr(b')', &line[open + 2..])?;
        (clock(&line[open + 2..close]) && line[close + 1..].starts_with(b":")).then_some(open)?
    } else {
        // `Name  0:00` and nothing after it.
        let gap = memchr::memmem::rfind(line, b"  ")?;
        let tail = line[gap..].trim_ascii();
        clock(tail).then_some(gap)?
    };
    let name = std::str::from_utf8(&line[..name_end]).ok()?.trim_end();
    let words: Vec<&str> = name.split(' ').collect();
    let word_ok = |w: &str| {
        let mut cs = w.chars();
        cs.next()
            .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
    };
    // What a schedule or a report writes before a time (`Start Time  10:00`,
    // `Lunch Break  12:30`).
    const TIMED_WORDS: [&str; 22] = [
        "time",
        "start",
        "starts",
        "end",
        "ends",
        "total",
        "duration",
        "elapsed",
        "date",
        "break",
        "lunch",
        "session",
        "meeting",
        "departure",
        "arrival",
        "check",
        "deadline",
        "due",
        "updated",
        "created",
        "runtime",
        "opening",
    ];
    let plain = |w: &&str| {
        let w = w.trim_end_matches('.');
        !beside::not_name_word(w) && !TIMED_WORDS.iter().any(|x| w.eq_ignore_ascii_case(x))
    };
    ((2..=4).contains(&words.len()) && name.len() <= 60 && words.iter().all(|w| word_ok(w)) && words.iter().all(plain))
        .then_some((0, name.len()))
}

/// The sender of a line of LINE's chat export ([`chat_senders`]): a time
/// (`13:47`, `1:05 PM`), a tab, the name, a tab.
fn line_chat_sender(line: &[u8]) -> Option<(usize, usize)> {
    let tab = memchr::memchr(b'\t', &line[..line.len().min(12)])?;
    let time = &line[..tab];
    let clock = time
        .strip_suffix(b" AM")
        .or_else(|| time.strip_suffix(b" PM"))
        .unwrap_or(time);
    let (h, m) = (clock.split(|&b| b == b':').next()?, clock.split(|&b| b == b':').nth(1)?);
    let ok = (1..=2).contains(&h.len())
        && m.len() == 2
        && clock.len() == h.len() + 3
        && h.iter().chain(m).all(u8::is_ascii_digit);
    if !ok {
        return None;
    }
    let from = tab + 1;
    let end = from + memchr::memchr(b'\t', &line[from..line.len().min(from + 64)])?;
    let name = std::str::from_utf8(&line[from..end]).ok()?.trim_end();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '@' | '/' | '<' | '>' | '"' | ':')))
    .then_some((from, from + name.len()))
}

/// An AWS secret access key written after its access key id with no name
/// (`AKIAIVIHHUOP6XKGP745 / 9g1d2mQ4...`, `AKIA...:...`, in a chat or a
/// note): 40 characters of base64's alphabet, random (letters of both
/// cases and digits), within 64 bytes after the id.
fn aws_secrets_after_key_ids(buf: &[u8], hits: &mut Vec<Hit>) {
    let ids: Vec<usize> = hits
        .iter()
        .filter(|h| h.detail.as_deref() == Some("aws-access-token"))
        .map(|h| h.end)
        .collect();
    for end in ids {
        let window = &buf[end..buf.len().min(end + 64)];
        let key = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'+';
        let mut i = 0;
        while i < window.len() {
            if !key(window[i]) || (i > 0 && key(window[i - 1])) {
                i += 1;
                continue;
            }
            let n = window[i..].iter().take_while(|&&b| key(b)).count();
            let run = &window[i..i + n];
            let s = end + i;
            if n == 40
                && buf.get(s + n).is_none_or(|&b| b != b'=')
                && run.iter().any(u8::is_ascii_uppercase)
                && run.iter().any(u8::is_ascii_lowercase)
                && run.iter().any(u8::is_ascii_digit)
                && shannon(run) >= 4.0
                && !hits.iter().any(|h| h.start < s + n && s < h.end)
            {
                hits.push(Hit {
                    start: s,
                    end: s + n,
                    entity: "SECRET",
                    rule: &SEC_SECRET,
                    confidence: 85,
                    detail: Some("aws-secret-access-key".into()),
                });
                break;
            }
            i += n.max(1);
        }
    }
}

/// Whether the value at `at` follows a label's colon (`電話：`, `전화번호:`,
/// `Phone #`), spaces between: a field's label, not a word in a sentence
/// (`...电话我们. 842.476.088-35`).
fn labelled(buf: &[u8], at: usize) -> bool {
    let before = buf[..at].trim_ascii_end();
    before.ends_with(b":") || before.ends_with("\u{ff1a}".as_bytes()) || before.ends_with(b"#")
}

/// Whether a phone word of a Latin script ([`PHONE_COLUMN_WORDS`]) ends
/// right before `at` on its line as a label: a colon or `#` between
/// (`Telefon: `, `Phone #`), the dot of an abbreviation (`tel. `, `Tlf.`),
/// not a sentence's end (`... phone. 244036613661743`), or a space or two
/// alone (`telefonum 0504 ...`).
fn phone_word_adjacent(buf: &[u8], at: usize) -> bool {
    let mut i = at;
    while i > 0 && at - i < 4 && matches!(buf[i - 1], b' ' | b':' | b'.' | b'#' | b'\t') {
        i -= 1;
    }
    let gap = &buf[i..at];
    // Or a space or two alone (`telefonum 0504 831 16 73`, `puhelin 046
    // 8618132`): the word names what follows it.
    let spaced = !gap.is_empty() && gap.len() <= 2 && gap.iter().all(|&b| b == b' ');
    if !spaced && !gap.iter().any(|b| matches!(b, b':' | b'.' | b'#')) {
        return false;
    }
    // The word that ends at `i`, lowercase.
    let line = line_before(buf, i, 16);
    let start = line
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic() && *b < 0x80)
        .map_or(0, |k| k + 1);
    let word = String::from_utf8_lossy(&line[start..]).to_lowercase();
    let abbreviation = ["tel", "t\u{e9}l", "tlf", "tfn", "ph", "mob", "cel", "telf", "fon"].contains(&word.as_str());
    let label = spaced || gap.iter().any(|b| matches!(b, b':' | b'#')) || abbreviation;
    !word.is_empty() && label && phone_named_column(&word)
}

/// Whether the number at `at` follows a contact's name after its label,
/// and a comma (`Referee: José Alcaraz, 612 99 66 17`, `Emergency contact:
/// Ana Lima, ...`): a CV's referee, a form's next of kin.
fn after_a_contacts_name(buf: &[u8], at: usize) -> bool {
    const LABELS: [&str; 10] = [
        "referee",
        "reference",
        "emergency contact",
        "contact person",
        "next of kin",
        "notfallkontakt",
        "ansprechpartner",
        "contacto de emergencia",
        "persona de contacto",
        "personne \u{e0} contacter",
    ];
    let line = line_before(buf, at, 96);
    let Some(rest) = line.strip_suffix(b", ") else {
        return false;
    };
    let Some(colon) = rest.iter().rposition(|&b| b == b':') else {
        return false;
    };
    let name = &rest[colon + 1..];
    let label = String::from_utf8_lossy(&rest[..colon]).to_lowercase();
    let label = label.trim_end().trim_end_matches('s');
    LABELS.iter().any(|l| label.ends_with(l))
        && (3..=64).contains(&name.trim_ascii().len())
        && !name
            .iter()
            .any(|b| b.is_ascii_digit() || matches!(b, b',' | b';' | b'@'))
}

/// Whether the number at `at` is an item of a contact line beside an
/// e-mail address, set apart from it by a bar, a middle dot, or a comma or
/// a semicolon and a space (`612 24 30 74 | rita@example.net`,
/// `ana@example.pt · 912 603 262`): a CV's header, a signature, a
/// directory's entry.
fn beside_an_email(buf: &[u8], at: usize) -> bool {
    /// The separator (and its spaces) at the start of `t`: its length.
    fn separator(t: &[u8]) -> Option<usize> {
        let lead = t.iter().take_while(|&&b| b == b' ').count();
        let t2 = &t[lead..];
        let (sep, comma) = match t2 {
            [b'|', ..] => (1, false),
            [b',' | b';', ..] => (1, true),
            [0xC2, 0xB7, ..] => (2, false),
            _ => return None,
        };
        let trail = t2[sep..].iter().take_while(|&&b| b == b' ').count();
        // A comma with no space after it is a CSV file's delimiter: the
        // cells beside are other columns, which their names speak for.
        (!comma || trail > 0).then_some(lead + sep + trail)
    }
    /// Whether `token` is an e-mail address's shape.
    fn email(token: &[u8]) -> bool {
        memchr::memchr(b'@', token).is_some_and(|i| i > 0 && token[i + 1..].contains(&b'.'))
    }
    /// Whether `b` ends a token of a contact line.
    fn delimits(b: &u8) -> bool {
        b.is_ascii_whitespace() || matches!(b, b'|' | b',' | b';' | b'"' | b'<' | b'>')
    }
    // After the number: its bytes, a separator, an address.
    let rest = &buf[at..buf.len().min(at + 128)];
    let mut n = 0;
    while n < rest.len()
        && (rest[n].is_ascii_digit()
            || matches!(rest[n], b'(' | b')' | b'-' | b'.' | b'/' | b'+')
            || rest[n] == b' ' && rest.get(n + 1).is_some_and(u8::is_ascii_digit))
    {
        n += 1;
    }
    let after = separator(&rest[n..]).is_some_and(|k| {
        let t = &rest[n + k..];
        email(&t[..t.iter().position(delimits).unwrap_or(t.len())])
    });
    // Before it: an address, a separator.
    let head = &buf[at.saturating_sub(128)..at];
    let before = (1..=head.len().min(6)).any(|k| {
        separator(&head[head.len() - k..]) == Some(k) && {
            let t = &head[..head.len() - k];
            let s = t.iter().rposition(delimits).map_or(0, |i| i + 1);
            email(&t[s..])
        }
    });
    after || before
}

/// Whether a request to be called stands right before `at` on its line: a
/// verb of calling or reaching, then at most three short words (a pronoun,
/// a preposition: `joignable au`, `call me at`, `reach us on`, `rufen Sie
/// mich unter`, `bel me op`, `llámame al`, `chiamami al numero`). The
/// number after one is a phone number wherever the rest of the file points.
fn call_phrase_right_before(buf: &[u8], at: usize) -> bool {
    const VERBS: &[&str] = &[
        "call",
        "phone",
        "ring",
        "ringe",
        "ringer",
        "text",
        "reach",
        "reached",
        "reachable",
        "joignable",
        "joindre",
        "appelez",
        "appeler",
        "rappelez",
        "appelle",
        "contactez",
        "rufen",
        "erreichbar",
        "erreichen",
        "bel",
        "bellen",
        "bereikbaar",
        "llamar",
        "ll\u{e1}mame",
        "ll\u{e1}meme",
        "llame",
        "chiamare",
        "chiamami",
        "chiami",
        "ligue",
        "ligar",
        "liga",
        "ruf",
        "ruft",
        "melde",
        "meldet",
        "melden",
        "whatsapp",
        "sms",
        // Romanian: `Mă puteți suna la`, `sunați-mă la`.
        "suna",
        "sun\u{103}",
        "suna\u{21b}i",
        "sunati",
        "apela\u{21b}i",
        "apelati",
        // Swedish, Norwegian, Danish, Finnish: `man når mig på`, `ring meg
        // på`, `soita minulle`.
        "n\u{e5}r",
        "n\u{e5}",
        "kontakta",
        "soita",
        "soittakaa",
        // Filipino, Malay and Indonesian, Vietnamese: `Pakitawagan po ako
        // sa`, `hubungi saya di`, `gọi mình số`.
        "tawagan",
        "pakitawagan",
        "tawagin",
        "tumawag",
        "itext",
        "pakitext",
        "hubungi",
        "telepon",
        "g\u{1ecd}i",
        // Polish, Czech and Slovak, Russian and Ukrainian: `Proszę dzwonić
        // pod numer`, `Zavolejte mi na`, `Позвоните мне по номеру`.
        "dzwoni\u{107}",
        "zadzwo\u{144}",
        "zadzwoni\u{107}",
        "zavolejte",
        "volejte",
        "zavolajte",
        "volajte",
        "\u{43f}\u{43e}\u{437}\u{432}\u{43e}\u{43d}\u{438}\u{442}\u{435}",
        "\u{437}\u{432}\u{43e}\u{43d}\u{438}\u{442}\u{435}",
        "\u{43f}\u{43e}\u{437}\u{432}\u{43e}\u{43d}\u{438}",
        "\u{442}\u{435}\u{43b}\u{435}\u{444}\u{43e}\u{43d}\u{443}\u{439}\u{442}\u{435}",
    ];
    // A person's own number (`my number is`, `her number`, `meine Nummer`).
    const OWN: &[&str] = &[
        "my", "her", "his", "our", "your", "their", "meine", "mein", "ma", "mon", "mi", "mio", "mia", "minha", "meu",
    ];
    const NUMBER: &[&str] = &[
        "number",
        "nummer",
        "num\u{e9}ro",
        "n\u{fa}mero",
        "numero",
        "phone",
        "mobile",
        "cell",
        // `Mi móvil es`, `Il mio cellulare è`, `meine Handynummer`.
        "m\u{f3}vil",
        "movil",
        "celular",
        "cellulare",
        "tel\u{e9}fono",
        "telefono",
        "telefone",
        "telefon",
        "telefonnummer",
        "handy",
        "handynummer",
        "mobilnummer",
        "portable",
        "t\u{e9}l\u{e9}phone",
        "telephone",
        "telem\u{f3}vel",
    ];
    const LINKS: &[&str] = &[
        "me",
        "us",
        "at",
        "on",
        "au",
        "moi",
        "nous",
        "le",
        "\u{e0}",
        "a",
        "al",
        "sie",
        "mich",
        "uns",
        "unter",
        "mij",
        "ons",
        "op",
        "via",
        "numero",
        "n\u{fa}mero",
        "nummer",
        "number",
        "no",
        "nr",
        "para",
        "per",
        "pour",
        "en",
        "na",
        "la",
        "the",
        "an",
        "dich",
        "euch",
        "is",
        "ist",
        "est",
        "es",
        "\u{e8}",
        "\u{e9}",
        "\u{e9}s",
        "p\u{e5}",
        "mig",
        "meg",
        "mej",
        "os",
        "oss",
        "minulle",
        "meille",
        "numeroon",
        "po",
        "ako",
        "kami",
        "sa",
        "saya",
        "di",
        "ke",
        "m\u{ec}nh",
        "t\u{f4}i",
        "s\u{1ed1}",
        "qua",
        // `Ring til mig på`, `Zavolejte mi na`, `dzwonić pod numer`,
        // `Позвоните мне по номеру`.
        "til",
        "mi",
        "pod",
        "numer",
        "mnie",
        "\u{43c}\u{43d}\u{435}",
        "\u{43d}\u{430}\u{43c}",
        "\u{43f}\u{43e}",
        "\u{43d}\u{430}",
        "\u{43d}\u{43e}\u{43c}\u{435}\u{440}\u{443}",
    ];
    let Ok(window) = std::str::from_utf8(line_before(buf, at, 48)) else {
        return false;
    };
    let before = window.trim_end();
    // Nothing but spaces (or a colon) between the words and the number.
    let before = before.strip_suffix(':').unwrap_or(before);
    if before.len() == window.len() && !window.is_empty() {
        return false;
    }
    // The pieces between non-letters of the (48-byte) window, nearest
    // first; empty ones too, which break a chain of links.
    let pieces: Vec<String> = before
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .rev()
        .map(str::to_lowercase)
        .collect();
    let words = &pieces[..pieces.len().min(4)];
    // The last words: links only, up to three, after one verb.
    for (k, w) in words.iter().enumerate() {
        if VERBS.contains(&w.as_str())
            || NUMBER.contains(&w.as_str()) && words.get(k + 1).is_some_and(|o| OWN.contains(&o.as_str()))
        {
            return true;
        }
        if k == 3 || !LINKS.contains(&w.as_str()) {
            break;
        }
    }
    // A person's own number a few words back (`My number for the carpool:
    // 625 91 51 45`).
    let recent: Vec<&String> = pieces.iter().filter(|w| !w.is_empty()).take(6).collect();
    // German `unter` right before the number, after a word of calling a
    // few words back (`Sie erreichen mich ab 18 Uhr unter`, `Rückruf
    // unter`).
    if words.first().is_some_and(|w| w == "unter")
        && recent.iter().skip(1).any(|w| {
            VERBS.contains(&w.as_str())
                || ["r\u{fc}ckruf", "rueckruf", "anruf", "anrufen", "telefonisch", "tel"].contains(&w.as_str())
        })
    {
        return true;
    }
    // (Not `my number of followers`.)
    (0..recent.len().saturating_sub(1)).any(|i| {
        NUMBER.contains(&recent[i].as_str())
            && OWN.contains(&recent[i + 1].as_str())
            && (i == 0 || !matches!(recent[i - 1].as_str(), "of" | "de" | "di" | "der" | "des"))
    })
}

/// Personal numbers whose check few other numbers pass: a birth date in
/// them and a check digit, or two check digits. Under another kind's name
/// that its shape does not fit, one of these is still read as itself (a
/// single mod-11 digit, which one number in eleven passes, is not).
const DATED_OR_TWICE_CHECKED: &[&str] = &[
    "AT_SVNR",
    "BE_NATIONAL_NUMBER",
    "BG_EGN",
    "BR_CPF",
    "CH_AHV",
    "CN_RESIDENT_ID",
    "CZ_BIRTH_NUMBER",
    "EE_PERSONAL_CODE",
    "FI_HETU",
    "FR_NIR",
    "GR_AMKA",
    "IS_KENNITALA",
    "IT_FISCAL_CODE",
    "JMBG",
    "KR_RRN",
    "LT_PERSONAL_CODE",
    "LV_PERSONAL_CODE",
    "MX_CURP",
    "NO_FODSELSNUMMER",
    "PL_PESEL",
    "RO_CNP",
    "SE_PERSONNUMMER",
    "TR_TCKN",
    "TW_NATIONAL_ID",
    "ZA_ID",
];

/// Whether a column's name says it holds a time (`consent_at`,
/// `created_ts`, `event_time`, `timestamp`): ten digits there are seconds
/// since 1970, whatever identifier's check they pass.
fn names_a_time(column: &str) -> bool {
    let c = column.rsplit('.').next().unwrap_or(column);
    ["_at", "_ts", "_time", "_epoch"].iter().any(|s| c.ends_with(s))
        || ["timestamp", "datetime", "epoch"].iter().any(|w| c.contains(w))
}

/// Words of an order's, a booking's or a parcel's number, in the languages
/// data is written in (a card number stands under none of them).
const ORDER_WORDS: &[&str] = &[
    "order",
    "invoice",
    "serial",
    "sku",
    "tracking",
    "ticket",
    "batch",
    "shipment",
    "parcel",
    "booking",
    "reservation",
    "confirmation",
    "receipt",
    "auftrag",
    "bestell",
    "rechnung",
    "commande",
    "facture",
    "pedido",
    "factura",
    "ordine",
    "siparis",
    "sipari\u{15f}",
    "zam\u{f3}wieni",
    "objedn\u{e1}vk",
    "tilaus",
];

/// Whether a column's or a field's own name (its last part: `sku` in
/// `lines[0].sku`, not `order` in `order.status`) names an order's number:
/// one of [`ORDER_WORDS`] at a word's start (`order_id`, `OrderNumber`).
fn names_an_order(column: &str) -> bool {
    let own = column.rsplit('.').next().unwrap_or(column).to_lowercase();
    ORDER_WORDS
        .iter()
        .any(|w| context::Context::found(own.as_bytes(), w, true, false))
}

/// Whether one of [`ORDER_WORDS`] stands right before `at` on its line,
/// only a number's word (`id`, `no`, `nr`, `number`, `#`) and punctuation
/// between (`Order ID: `, `sipariş no `, `pedido nº`).
fn order_word_right_before(buf: &[u8], at: usize) -> bool {
    let Ok(window) = std::str::from_utf8(line_before(buf, at, 32)) else {
        return false;
    };
    let lower = window.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev();
    let Some(mut w) = words.next() else {
        return false;
    };
    if matches!(
        w,
        "id" | "no" | "nr" | "number" | "num" | "numero" | "n\u{fa}mero" | "nummer" | "n\u{ba}" | "code"
    ) {
        let Some(next) = words.next() else {
            return false;
        };
        w = next;
    }
    ORDER_WORDS.iter().any(|o| w.starts_with(o))
}

/// Whether a word of another record's number ([`NOT_PHONE_CONTEXT`],
/// but `id`) stands on the line right before `at` (within 24 bytes), and no
/// phone word after it.
fn named_otherwise_right_before(buf: &[u8], at: usize) -> bool {
    let window = line_before(buf, at, 24).to_ascii_lowercase();
    // A word of its own (`Order`, `order_id`), not the start of another
    // (`skubala` is no `sku`).
    if !window.iter().any(u8::is_ascii_alphabetic) {
        return false;
    }
    // A short window: a search for each word's first byte, not a
    // substring searcher built for each.
    let word_at = |w: &str| {
        context::occurs(&window, w.as_bytes())
            .filter(|&i| {
                (i == 0 || !window[i - 1].is_ascii_alphanumeric())
                    && window.get(i + w.len()).is_none_or(|b| !b.is_ascii_alphabetic())
            })
            .last()
    };
    let Some(other) = NOT_PHONE_CONTEXT
        .iter()
        .filter(|w| **w != "id")
        .filter_map(|w| word_at(w))
        .max()
    else {
        return false;
    };
    !PHONE_CONTEXT.iter().filter_map(|w| word_at(w)).any(|p| p > other)
}

/// Whether the word `Basic` and spaces stand right before `at` (any case).
fn basic_scheme_before(buf: &[u8], at: usize) -> bool {
    let before = buf[..at].trim_ascii_end();
    before.len() < at
        && before.len() >= 5
        && before[before.len() - 5..].eq_ignore_ascii_case(b"basic")
        && before
            .get(before.len().wrapping_sub(6))
            .is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// Whether `text` (decoded) is HTTP Basic credentials, `user:password` on
/// one line, and not a placeholder's (`user:password`, `admin:changeme`).
fn basic_credentials(text: &str) -> bool {
    let Some((user, password)) = text.split_once(':') else {
        return false;
    };
    const PLACEHOLDERS: [&str; 6] = ["password", "pass", "secret", "changeme", "xxxxxxxx", "<password>"];
    !user.is_empty()
        && user.len() <= 128
        && password.len() >= 6
        && text.chars().all(|c| c.is_ascii_graphic())
        && !PLACEHOLDERS.iter().any(|p| password.eq_ignore_ascii_case(p))
}

/// A span of the buffer: start and end.
type Span = (usize, usize);

/// A kind of identifier found at a candidate start.
struct Found {
    hit: Hit,
    /// Whether its own words name it.
    own: bool,
    /// Whether it is of a country the file shows no sign of, without its
    /// own words, and rare in the file.
    rare_foreign: bool,
    /// Whether it is of one of the file's countries.
    home: bool,
    /// Whether it is among the file's most frequent kinds, and not of a
    /// country the file shows no sign of (the frequencies come from a
    /// sample read before the file's countries were known).
    frequent: bool,
    /// Its confidence as named by its own words, where only words data
    /// uses for any country's number name it and it is of a country the
    /// file shows no sign of: it is, unless a `home` kind fits the span.
    as_own: Option<u8>,
    /// A card number where words name an identifier and none a card: an
    /// identifier that fits the same span is read instead.
    yields: bool,
}

/// Whether `t` starts as a national phone number is written: its area code
/// with the trunk `0` in brackets (`(0117) 496 0974`), or the trunk `0`
/// and an area code of up to four more digits set apart from the rest
/// (`08-511 33 91`, `0436 377153`, `05 67 43 88 29`, `0 2123 4567`), not
/// as identifiers are.
fn trunk_written(t: &[u8]) -> bool {
    if t.starts_with(b"(0") {
        return true;
    }
    let area = t.iter().take_while(|b| b.is_ascii_digit()).count();
    // Dots with dashes or slashes are an identifier's (`025.258.584-47`);
    // a dot that ends the sentence is none (`023-406183.`).
    let number = &t[..t.len().min(24)];
    let (mut dot, mut other) = (false, false);
    for (i, &b) in number.iter().enumerate() {
        if !(b.is_ascii_digit() || b" -./".contains(&b)) {
            break;
        }
        dot |= b == b'.' && number.get(i + 1).is_some_and(u8::is_ascii_digit);
        other |= b == b'-' || b == b'/';
    }
    // The trunk `0` may stand alone before a space (`0 2123 4567`, as
    // Thailand writes; an ISBN's group `0-` is none).
    t.first() == Some(&b'0')
        && t.get(1).is_some_and(|&b| b != b'0')
        && ((2..=5).contains(&area) || area == 1 && t.get(1) == Some(&b' '))
        && matches!(t.get(area), Some(b' ' | b'-' | b'/' | b'.'))
        && t.get(area + 1).is_some_and(u8::is_ascii_digit)
        && !(dot && other)
}

/// The entity of the value `buf[start..end]` that [`DOCUMENT`] found: a
/// passport or a driving licence number by the nearer of the two words
/// before it (`passport and driving licence: D1234567`), if it holds four
/// digits (`passport is valid` names no number).
fn document_number(buf: &[u8], start: usize, end: usize) -> Option<&'static str> {
    if buf[start..end].iter().filter(|b| b.is_ascii_digit()).count() < 4 {
        return None;
    }
    let before = &buf[start.saturating_sub(48)..start];
    let last = |words: &[&str]| {
        words
            .iter()
            .filter_map(|w| {
                before
                    .windows(w.len())
                    .rposition(|x| x.eq_ignore_ascii_case(w.as_bytes()))
            })
            .max()
    };
    Some(if last(PASSPORT_WORDS) > last(LICENCE_WORDS) {
        "PASSPORT"
    } else {
        "DRIVER_LICENSE"
    })
}

/// IPv4 addresses and dash- or dot-separated MAC addresses: non-overlapping,
/// leftmost, as the pattern `(?i)\b(?:[0-9a-f]{2}-){5}[0-9a-f]{2}\b|\b[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\b|\bOCTET(?:\.OCTET){3}\b`
/// (`OCTET` is `25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]`, no leading
/// zero) would find them, by hand: every match has a `.` or `-` right after
/// its first word, so only the word before each of those bytes is tried.
/// Several times faster than the lazy DFA on digit-heavy data; a property
/// test checks it against the pattern.
fn net4_matches(buf: &[u8]) -> Vec<(usize, usize)> {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let boundary_after = |e: usize| buf.get(e).is_none_or(|&c| !word(c));
    // A run of 1 to 3 digits at `i`, ending at `.` (or, for the last
    // octet, at a word boundary), that is a valid octet: its end.
    let octet = |i: usize, last: bool| -> Option<usize> {
        let n = buf[i..].iter().take(4).take_while(|c| c.is_ascii_digit()).count();
        if n == 0 || n > 3 || (n > 1 && buf[i] == b'0') {
            return None;
        }
        let v = buf[i..i + n].iter().fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
        let e = i + n;
        let ok = v <= 255
            && if last {
                boundary_after(e)
            } else {
                buf.get(e) == Some(&b'.')
            };
        ok.then_some(e)
    };
    let ipv4 = |s: usize| -> Option<usize> {
        let mut i = s;
        for k in 0..4 {
            let e = octet(i, k == 3)?;
            i = if k == 3 { e } else { e + 1 };
        }
        Some(i)
    };
    let mac = |s: usize| -> Option<usize> {
        let t = buf.get(s..s + 17)?;
        let ok = t
            .chunks(3)
            .all(|g| g[0].is_ascii_hexdigit() && g[1].is_ascii_hexdigit() && g.get(2).is_none_or(|&c| c == b'-'));
        (ok && boundary_after(s + 17)).then_some(s + 17)
    };
    let cisco = |s: usize| -> Option<usize> {
        let t = buf.get(s..s + 14)?;
        let ok = t
            .chunks(5)
            .all(|g| g[..4].iter().all(u8::is_ascii_hexdigit) && g.get(4).is_none_or(|&c| c == b'.'));
        (ok && boundary_after(s + 14)).then_some(s + 14)
    };
    let mut out = Vec::new();
    let mut last_end = 0;
    // Every form has a `.` or `-` right after its first word: a `-` after
    // two hex digits that follow a boundary (MAC; not the dashes of UUIDs
    // and dates), a `.` after a digit (IPv4) or four hex digits (Cisco).
    // Those bytes are found from bit masks, 64 bytes at a time; the
    // digit, hex digit and word masks of the block before are `before`.
    let mut before = [0u64; 3];
    let mask = |_: usize, block: &[u8; 64]| {
        use crate::runs::{block_mask, moved_up};
        let d = block_mask(block, |b| b.is_ascii_digit());
        let h = block_mask(block, |b| b.is_ascii_hexdigit());
        let w = block_mask(block, word);
        let hex = |k| moved_up(h, before[1], k);
        let dash = block_mask(block, |b| b == b'-') & hex(1) & hex(2) & !moved_up(w, before[2], 3);
        let dot = block_mask(block, |b| b == b'.') & (moved_up(d, before[0], 1) | hex(1) & hex(2) & hex(3) & hex(4));
        before = [d, h, w];
        dash | dot
    };
    crate::runs::for_each_masked(buf, mask, |p| {
        if p < last_end {
            return;
        }
        // The word run just before `p`: at most 4 bytes, after a boundary.
        let s = match buf[..p].iter().rev().take(5).take_while(|&&c| word(c)).count() {
            n @ 1..=4 => p - n,
            _ => return,
        };
        if s < last_end || s.checked_sub(1).is_some_and(|i| word(buf[i])) {
            return;
        }
        let found = match (buf[p], p - s) {
            (b'-', _) => mac(s),
            (_, 4) => cisco(s),
            _ => ipv4(s),
        };
        if let Some(e) = found {
            out.push((s, e));
            last_end = e;
        }
    });
    out
}

/// The maximal runs of hex digits and colons in `buf` that hold at least
/// two colons, ascending.
fn hex_colon_runs(buf: &[u8]) -> Vec<(usize, usize)> {
    let in_run = |b: u8| b == b':' || b.is_ascii_hexdigit();
    let mut out = Vec::new();
    let mut end = 0;
    for p in memchr::memchr_iter(b':', buf) {
        if p < end {
            continue;
        }
        let start = p - buf[..p].iter().rev().take_while(|&&b| in_run(b)).count();
        end = p + 1;
        let mut colons = 1;
        while end < buf.len() && in_run(buf[end]) {
            colons += usize::from(buf[end] == b':');
            end += 1;
        }
        if colons >= 2 {
            out.push((start, end));
        }
    }
    out
}

/// For each position `p`, the range from the start of its line to the end
/// of the line holding `p + reach`, merged. Positions must be ascending,
/// except that one may go back within a range already given.
fn lines_around(buf: &[u8], positions: impl Iterator<Item = usize>, reach: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for p in positions {
        let far = (p + reach).min(buf.len());
        if out.last().is_some_and(|&(_, e)| far < e) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &buf[..p]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &buf[far..]).map_or(buf.len(), |i| far + i + 1);
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// Captures of `regex` inside each window, with the window's offset.
fn captures_in<'b>(
    regex: &'b Regex,
    buf: &'b [u8],
    windows: &'b [(usize, usize)],
) -> impl Iterator<Item = (usize, regex::bytes::Captures<'b>)> + 'b {
    windows
        .iter()
        .flat_map(move |&(s, e)| regex.captures_iter(&buf[s..e]).map(move |c| (s, c)))
}

/// Whether a JWT's claims are those of jwt.io's example token (`"sub":
/// "1234567890", "name": "John Doe"`), which fills documentation and
/// tutorials whatever its signature.
fn jwt_io_example(claims: &[u8]) -> bool {
    claims == JWT_IO_CLAIMS
}

/// The claims of jwt.io's example token, as it encodes them.
const JWT_IO_CLAIMS: &[u8] = b"eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ";

/// The broadcast address and the all-zero one name no device; nor does a
/// group address (`01:00:5e:…` IPv4 multicast, `33:33:…` IPv6's,
/// `01:80:c2:…` bridges'), whose first octet's lowest bit is set: a
/// network card's own address never has it.
pub(crate) fn placeholder_mac(t: &[u8]) -> bool {
    let hex: Vec<u8> = t.iter().copied().filter(u8::is_ascii_hexdigit).collect();
    let group = hex
        .get(1)
        .and_then(|&c| (c as char).to_digit(16))
        .is_some_and(|d| d & 1 == 1);
    // The sequences documentation writes (`aa:bb:cc:dd:ee:ff`,
    // `12:34:56:78:9a:bc`, `00:11:22:33:44:55`).
    let lower = hex.to_ascii_lowercase();
    let sequence = [
        "aabbccddeeff",
        "123456789abc",
        "001122334455",
        "112233445566",
        "abcdef123456",
    ]
    .iter()
    .any(|s| lower == s.as_bytes());
    group || sequence || hex.iter().all(|&c| c == b'0') || hex.iter().all(|c| c.eq_ignore_ascii_case(&b'f'))
}

/// An IBAN candidate without its last separated group, when that group is
/// a word of at most 4 characters holding a letter (`ALL`, `EUR`, `X`):
/// the length of what is left.
fn iban_without_tail(cand: &[u8]) -> Option<usize> {
    let cut = cand.iter().rposition(|&b| b == b' ' || b == b'-')?;
    let tail = &cand[cut + 1..];
    (tail.len() <= 4 && tail.iter().any(u8::is_ascii_alphabetic)).then_some(cut)
}

/// Identifiers must not be cut out of a longer token: a run of digits or
/// letters, or one joined by `-`, `.`, `_`, `/` or `:` (UUIDs, hashes,
/// versions, paths).
fn digit_boundaries_ok(buf: &[u8], s: usize, e: usize) -> bool {
    let joiner = |c: u8| matches!(c, b'-' | b'.' | b'_' | b'/' | b':' | b'+');
    let before = s.checked_sub(1).map(|i| buf[i]);
    let before2 = s.checked_sub(2).map(|i| buf[i]);
    let after = buf.get(e).copied();
    let after2 = buf.get(e + 1).copied();
    let alnum = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if alnum(before) || alnum(after) {
        return false;
    }
    // The tail of a longer grouped number (`5137 5921 5305 5013` read from
    // its second group, `20 078 104 956` from its second) is not a value
    // of its own: the hit starts with a digit, is grouped with the separator
    // just before it and a digit precedes that separator. (An IBAN after a
    // number, `270893-1966 FI36 7343 ...`, starts with its country.)
    if let (Some(b @ (b' ' | b'-')), Some(b2)) = (before, before2) {
        if b2.is_ascii_digit() && buf[s].is_ascii_digit() && buf[s..e].contains(&b) {
            return false;
        }
    }
    if before.is_some_and(joiner) && alnum(before2) {
        return false;
    }
    // A trailing `.` ends a sentence; other joiners continue a token.
    if after.is_some_and(|c| joiner(c) && c != b'.') && alnum(after2) {
        return false;
    }
    if after == Some(b'.') && after2.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    true
}

/// Hex digests of the usual lengths and UUIDs are not secrets.
#[must_use]
pub fn looks_like_hash_or_uuid(v: &[u8]) -> bool {
    let v = v.strip_prefix(b"sha256:").unwrap_or(v);
    let hex = v.iter().all(u8::is_ascii_hexdigit);
    if hex && matches!(v.len(), 32 | 40 | 56 | 64 | 96 | 128) {
        return true;
    }
    v.len() == 36
        && v.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// Base64 as data holds it: the standard or URL-safe alphabet, line breaks
/// and padding read past, a last group of one character (which holds no
/// byte) left out, and the bits a shorter last group leaves over not
/// checked (a run cut short still decodes).
pub(crate) fn decode_base64(b64: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine as _;
    const LENIENT: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    );
    let mut text: Vec<u8> = b64
        .iter()
        .filter(|&&b| b != b'\r' && b != b'\n' && b != b'=')
        .map(|&b| match b {
            b'-' => b'+',
            b'_' => b'/',
            b => b,
        })
        .collect();
    text.truncate(text.len() - usize::from(text.len() % 4 == 1));
    LENIENT.decode(&text).ok()
}

/// Whether a rule's match (`name: value` or the value alone) holds what is
/// published by design: a Stripe publishable key (`pk_live_...`, which
/// Stripe.js shows every visitor), or a certificate or public key, as PEM or
/// OpenSSH text or in base64 (a Kubernetes TLS secret's `tls.crt`). Not a
/// Mapbox public token (`pk.eyJ...`): gitleaks reports those, and a token's
/// scopes may be wider than its name says.
fn public_by_design(secret: &[u8]) -> bool {
    const PUBLIC: &[&[u8]] = &[
        b"-----BEGIN CERTIFICATE-----",
        b"-----BEGIN TRUSTED CERTIFICATE-----",
        b"-----BEGIN CERTIFICATE REQUEST-----",
        b"-----BEGIN NEW CERTIFICATE REQUEST-----",
        b"-----BEGIN X509 CRL-----",
        b"-----BEGIN PUBLIC KEY-----",
        b"-----BEGIN RSA PUBLIC KEY-----",
        b"-----BEGIN PGP PUBLIC KEY BLOCK-----",
        b"ssh-rsa ",
        b"ssh-ed25519 ",
        b"ecdsa-sha2-nistp",
    ];
    let public = |t: &[u8]| PUBLIC.iter().any(|p| t.trim_ascii_start().starts_with(p));
    let value = secret
        .rsplit(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b'|'))
        .find(|p| !p.is_empty())
        .unwrap_or(secret);
    value.starts_with(b"pk_live_")
        || value.starts_with(b"pk_test_")
        || public(secret)
        || (value.len() >= 40 && decode_base64(value).is_some_and(|d| public(&d)))
}

/// Whether the secret at `start` is a key a page shows to every visitor:
/// a CAPTCHA's site key (`data-sitekey="6Lc..."`, `siteKey: '...'`), an
/// analytics library's write key (Segment's and RudderStack's `writeKey`,
/// which only sends events), a payment library's publishable key.
fn site_key(buf: &[u8], start: usize) -> bool {
    let before = line_before(buf, start, 24).to_ascii_lowercase();
    [
        &b"sitekey"[..],
        b"site_key",
        b"site-key",
        b"writekey",
        b"write_key",
        b"publishablekey",
        b"publishable_key",
    ]
    .iter()
    .any(|w| memchr::memmem::find(&before, w).is_some())
}

/// Whether `secret` (its last word) is a password's stored hash: bcrypt's
/// and crypt(3)'s (`$2b$12$...`, `$6$...`, `$argon2id$...`, `$y$...`),
/// Django's (`pbkdf2_sha256$...`, `argon2$...`), LDAP's (`{SSHA}...`).
fn stored_password_hash(secret: &[u8]) -> bool {
    const PREFIXES: &[&[u8]] = &[
        b"$2a$",
        b"$2b$",
        b"$2x$",
        b"$2y$",
        b"$1$",
        b"$5$",
        b"$6$",
        b"$7$",
        b"$y$",
        b"$gy$",
        b"$argon2i$",
        b"$argon2d$",
        b"$argon2id$",
        b"$scrypt$",
        b"$pbkdf2",
        b"pbkdf2_sha256$",
        b"pbkdf2_sha1$",
        b"argon2$argon2",
        b"bcrypt_sha256$",
        b"bcrypt$",
        b"scrypt$",
        b"{ssha}",
        b"{ssha256}",
        b"{ssha512}",
        b"{sha}",
        b"{crypt}",
        b"{pbkdf2",
    ];
    let value = secret
        .rsplit(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b'=' | b':'))
        .find(|p| !p.is_empty())
        .unwrap_or(secret);
    // `=` and `:` split LDAP's and crypt's own characters too: the value
    // whole is looked at first.
    [secret.trim_ascii(), value].iter().any(|v| {
        v.len() >= 20
            && PREFIXES
                .iter()
                .any(|p| v.len() > p.len() && v[..p.len()].eq_ignore_ascii_case(p))
    })
}

/// Whether the digits at `start..end` are a URL path's segment after a
/// word's (`/v1/orders/1029384756 HTTP/1.1`, `/customers/4155552671/`).
fn url_path_number(buf: &[u8], start: usize, end: usize) -> bool {
    if start == 0 || buf[start - 1] != b'/' || !buf[start..end].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let ends = buf
        .get(end)
        .is_none_or(|b| matches!(b, b'/' | b'?' | b'#' | b'"' | b'\'' | b' ' | b'&' | b'.'));
    let before = &buf[start.saturating_sub(48)..start - 1];
    let Some(slash) = memchr::memrchr(b'/', before) else {
        return false;
    };
    let segment = &before[slash + 1..];
    ends && !segment.is_empty()
        && segment
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && segment.iter().any(u8::is_ascii_alphabetic)
}

/// Whether `b64` is the base64 of a JWT whose header decodes
/// ([`decodes_to_jwt_header`]).
fn base64_of_a_jwt(b64: &[u8]) -> bool {
    decode_base64(b64).is_some_and(|jwt| decodes_to_jwt_header(jwt.split(|&b| b == b'.').next().unwrap_or_default()))
}

/// Where a private key whose `-----BEGIN ... PRIVATE KEY-----` line ends at
/// `header_end` ends: after the base64 body that follows (at most
/// [`MAX_PEM`] bytes; its line breaks real or `\n` escapes in a CSV cell or
/// JSON string) and the `-----END ...-----` line right after it, if there
/// is one (a key cut short has none). The whole key is the secret:
/// redaction must not leave its body in clear. With the end, the number of
/// base64 characters in the body.
fn private_key_end(buf: &[u8], header_end: usize) -> (usize, usize) {
    let rest = &buf[header_end..buf.len().min(header_end + MAX_PEM)];
    let line_break = |at: usize| {
        [&b"\r\n"[..], b"\n", b"\\r\\n", b"\\n"]
            .iter()
            .find(|b| rest[at..].starts_with(b))
            .map_or(0, |b| b.len())
    };
    // The body: lines of base64 characters, and the `Proc-Type: ...`
    // headers of an encrypted key (or `Version: ...` of a PGP block, with
    // the empty line after them), each after a line break (real or
    // escaped); it ends at the first other line (another empty one too).
    // A key flattened to one line (an environment variable, a CSV cell)
    // has a space for each line break: such pieces count only if the end
    // line closes them (words after a lone header are no key).
    let mut end = 0;
    let mut body = 0;
    let mut headers = true;
    // Where the key stood before its first piece after a space.
    let mut before_spaces: Option<(usize, usize)> = None;
    loop {
        let mut brk = line_break(end);
        let spaced = brk == 0 && rest.get(end) == Some(&b' ');
        if spaced {
            brk = 1;
            before_spaces.get_or_insert((end, body));
        }
        if brk == 0 {
            break;
        }
        if headers && !spaced && line_break(end + brk) > 0 {
            // The empty line after the headers.
            headers = false;
            end += brk;
            continue;
        }
        let line = &rest[end + brk..];
        if line.starts_with(b"-----END") {
            // The end line, if it closes within its 64 bytes.
            if let Some(j) = memchr::memmem::find(&line[8..line.len().min(72)], b"-----") {
                return (header_end + end + brk + 8 + j + 5, body);
            }
            break;
        }
        let base64 = line
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
            .count();
        let name = line
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-')
            .count();
        let len = if headers && !spaced && name > 0 && line.get(name) == Some(&b':') {
            // A header (`Proc-Type: 4,ENCRYPTED`): to the line's end.
            line.iter()
                .take_while(|&&b| b != b'\n' && b != b'\r' && b != b'\\')
                .count()
        } else {
            headers = false;
            body += base64;
            base64
        };
        if len == 0 {
            break;
        }
        end += brk + len;
    }
    let (end, body) = before_spaces.unwrap_or((end, body));
    (header_end + end, body)
}

/// Where a private key whose header ends at `header_end` ends, if its
/// `-----END` line follows within [`MAX_PEM`] bytes with a body between that
/// holds a run of 40 base64 characters (a PEM line is 64) and
/// [`MIN_KEY_BODY`] in all, whatever else is between its lines: indentation,
/// quotes, `+`, escaped line breaks. Words (`-----BEGIN ... KEY----- and
/// then -----END ...`) are no body.
fn quoted_or_indented_key_end(buf: &[u8], header_end: usize) -> Option<usize> {
    let rest = &buf[header_end..buf.len().min(header_end + MAX_PEM)];
    let at = memchr::memmem::find(rest, b"-----END")?;
    let close = memchr::memmem::find(&rest[at + 8..rest.len().min(at + 72)], b"-----")?;
    let body = &rest[..at];
    let base64 = |b: &u8| b.is_ascii_alphanumeric() || b"+/=".contains(b);
    let longest = body.split(|b| !base64(b)).map(<[u8]>::len).max().unwrap_or(0);
    let all = body.iter().filter(|b| base64(b)).count();
    (longest >= 40 && all >= MIN_KEY_BODY).then_some(header_end + at + 8 + close + 5)
}

/// The fewest base64 characters a private key's body has (gitleaks'
/// `private-key` rule asks as many between its header and end lines; the
/// smallest key, a 256-bit EC key in PKCS#8, has about 160).
const MIN_KEY_BODY: usize = 64;

/// The longest private key looked for whole ([`private_key_end`]): an
/// 8192-bit RSA key in PEM is about 6.5 KiB.
pub(crate) const MAX_PEM: usize = 16 << 10;

/// Whether the value at `at` is named (by the last name before it on its
/// line, or the one before a `value` name: `name="..." value="..."`) as a
/// web form's anti-forgery token (`authenticity_token`,
/// `csrfmiddlewaretoken`, `__RequestVerificationToken`, `_token`,
/// `xsrf-token`): one per page of a scraped site, random by design and worth
/// nothing to an attacker.
fn named_as_form_token(buf: &[u8], at: usize) -> bool {
    value_name(buf, at).is_some_and(|n| {
        let has = |w: &[u8]| memchr::memmem::find(&n, w).is_some();
        n == b"_token" || has(b"csrf") || has(b"xsrf") || has(b"authenticity") || has(b"requestverification")
    })
}

/// The name of the value at `at`, lowercase: the last name before it on
/// its line, or the one before a `value` name (`name="..." value="..."`).
fn value_name(buf: &[u8], at: usize) -> Option<Vec<u8>> {
    let mut names = line_before(buf, at, 120)
        .split(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
        .filter(|n| !n.is_empty())
        .rev();
    let name = match names.next() {
        Some(n) if n.eq_ignore_ascii_case(b"value") => names.next(),
        // Prose names it with its last two words before `is` (`the
        // monitoring token is X`, `my api key is X`).
        Some(n) if PROSE_IS.iter().any(|w| n.eq_ignore_ascii_case(w)) => {
            let last = names.next()?;
            let mut joined = names.next().map(<[u8]>::to_vec).unwrap_or_default();
            if !joined.is_empty() {
                joined.push(b'_');
            }
            joined.extend_from_slice(last);
            return Some(joined.to_ascii_lowercase());
        }
        n => n,
    };
    name.map(<[u8]>::to_ascii_lowercase)
}

/// Whether the assignment's name at `at` is a password's (`password`,
/// `Passwort`, `senha`, `Пароль`, `密码`), not a token's or a key's.
fn password_word_at(buf: &[u8], at: usize) -> bool {
    let rest = &buf[at..buf.len().min(at + 32)];
    PASSWORD_WORDS.iter().any(|w| {
        rest.get(..w.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// Whether `v` is a password a person chose: three kinds of characters
/// (`Sisu%33690DN`, `x13v0MS=oR#`), and not a key shown cut short
/// (`sk-...H0b1`).
pub(crate) fn chosen_password(v: &[u8]) -> bool {
    let elided = v.windows(3).any(|w| w == b"...") || v.windows(3).any(|w| w == "\u{2026}".as_bytes());
    let kinds = [
        v.iter().any(u8::is_ascii_lowercase),
        v.iter().any(u8::is_ascii_uppercase),
        v.iter().any(u8::is_ascii_digit),
        v.iter().any(|b| b.is_ascii_punctuation()),
    ];
    kinds.iter().filter(|&&k| k).count() >= 3 && !elided
}

/// The words prose assigns a value with (`the token is X`, `Passwort
/// lautet X`).
const PROSE_IS: [&[u8]; 9] = [b"is", b"ist", b"es", b"est", b"je", b"jest", b"was", b"lautet", b"on"];

/// Whether `v` repeats a shorter part of itself (`abcd1234abcd1234...`,
/// `xoxo...`): a placeholder, however many kinds of character it holds.
pub(crate) fn periodic(v: &[u8]) -> bool {
    (1..=v.len() / 2).any(|p| v[p..].iter().zip(v).all(|(a, b)| a == b))
}

/// Whether the value at `at` is named as a secret beyond doubt
/// (`SECRET_KEY`, `db_password`, `api_key`, `access_token`), and not as a
/// digest or an id (`cache_key`, `content_hash`, `request_token_id`): a
/// hex digest's shape or a UUID's is then no reason to pass it over
/// (Django and Flask secret keys, many services' API keys are hex).
fn named_as_secret(buf: &[u8], at: usize) -> bool {
    value_name(buf, at).is_some_and(|n| {
        let has = |w: &&[u8]| memchr::memmem::find(&n, w).is_some();
        const SECRET: [&[u8]; 11] = [
            b"secret",
            b"password",
            b"passwd",
            b"pwd",
            b"api_key",
            b"apikey",
            b"api-key",
            b"access_key",
            b"accesskey",
            b"private_key",
            b"credential",
        ];
        // A token of any kind but a page's or a form's (`reset_token`,
        // `token=`, not `next_page_token`, `csrf_token`).
        let token = n.ends_with(b"token")
            && ![&b"page"[..], b"cursor", b"continuation", b"csrf", b"xsrf"]
                .iter()
                .any(|w| memchr::memmem::find(&n, w).is_some());
        const NOT: [&[u8]; 12] = [
            b"hash",
            b"digest",
            b"checksum",
            b"sha",
            b"md5",
            b"etag",
            b"cache",
            b"commit",
            b"idempotency",
            b"fingerprint",
            b"uuid",
            b"salt",
        ];
        (SECRET.iter().any(has) || token) && !NOT.iter().any(has) && !n.ends_with(b"_id") && !n.ends_with(b"-id")
    })
}

/// Where a Discord bot token ends whose first part (the bot's id in base64)
/// ends at `at`: a `.`, 6 characters (a timestamp), a `.` and 27 to 38
/// (an HMAC), all of base64url, and no more of them after it.
fn discord_token_end(buf: &[u8], at: usize) -> Option<usize> {
    let url = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_');
    let rest = buf.get(at..)?;
    let stamp = rest.get(1..).map_or(0, |r| r.iter().take_while(|b| url(b)).count());
    if rest.first() != Some(&b'.') || stamp != 6 || rest.get(7) != Some(&b'.') {
        return None;
    }
    let mac = rest[8..].iter().take_while(|b| url(b)).count();
    (27..=38).contains(&mac).then_some(at + 8 + mac)
}

/// Whether a value ending at `end` is cut short for show: it ends in `..`
/// (`ops_eyJzaWdu..`, `sk-abc...`, `…`) or runs into a bracket
/// (`ops_eyJzaWduSW5B..[Redacted]`, `token=abc(...)`). A secret ends at a
/// quote, a space, a separator or the line's end.
fn elided(buf: &[u8], end: usize) -> bool {
    let value = &buf[..end];
    value.ends_with(b"..") || buf[end..].starts_with("…".as_bytes()) || matches!(buf.get(end), Some(b'[' | b'('))
}

/// Where the next parameter of a query string starts in `value`: an `&`
/// followed by a name and `=` (`&limit=10`, `&grant_type=code`).
fn query_parameter_in(value: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'&', value).find(|&i| {
        let name = value[i + 1..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'[' | b']'))
            .count();
        name > 0 && value.get(i + 1 + name) == Some(&b'=')
    })
}

/// `b64` (base64url, padded or not) decoded ([`decode_base64`]) as JSON, if
/// it is.
fn decoded_json(b64: &[u8]) -> Option<serde_json::Value> {
    decode_base64(b64).and_then(|h| serde_json::from_slice::<serde_json::Value>(&h).ok())
}

/// Whether `b64` (base64url) decodes to a JWT header: a JSON object naming
/// an algorithm or a type.
fn decodes_to_jwt_header(b64: &[u8]) -> bool {
    decoded_json(b64).is_some_and(|v| v.get("alg").is_some() || v.get("typ").is_some())
}

/// Maximal valid UTF-8 ranges of `buf` (invalid bytes are skipped).
fn utf8_segments(buf: &[u8]) -> Vec<(usize, &str)> {
    // Most buffers are valid throughout: one check, 32 bytes at a time.
    if let Ok(text) = simdutf8::basic::from_utf8(buf) {
        return vec![(0, text)];
    }
    // Each valid piece is checked once, and handed out as text.
    let mut out = Vec::new();
    let mut at = 0;
    for chunk in buf.utf8_chunks() {
        let text = chunk.valid();
        if !text.is_empty() {
            out.push((at, text));
        }
        at += text.len() + chunk.invalid().len();
    }
    out
}

/// The length of a prefix length (`/0` to `/128`) at the start of `rest`,
/// if one is there and ends a word.
fn prefix_length(rest: &[u8]) -> Option<usize> {
    let after = rest.strip_prefix(b"/")?;
    let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let n = after[..digits].iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    let ends = after
        .get(digits)
        .is_none_or(|&c| !c.is_ascii_alphanumeric() && c != b'/' && c != b'.');
    (n <= 128 && ends).then_some(1 + digits)
}

/// Whether `buf[s..e]` is a GS1 product code (an EAN-8, UPC-A, EAN-13 or
/// GTIN-14 with its check digit) in a column or field named for one
/// (`sku`, `ean`, `gtin`, `upc`, `barcode`, `isbn`): EAN-13s pass the
/// checks of cards, phones and identifiers of many countries.
fn product_code(buf: &[u8], s: usize, e: usize, column_of: &dyn Fn(usize) -> Option<Arc<str>>) -> bool {
    const WORDS: [&str; 9] = [
        "sku",
        "ean",
        "gtin",
        "upc",
        "barcode",
        "bar_code",
        "isbn",
        "product_code",
        "item_code",
    ];
    let v = &buf[s..e];
    if !matches!(v.len(), 8 | 12 | 13 | 14) || !v.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = v
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| u32::from(d - b'0') * if i % 2 == 1 { 3 } else { 1 })
        .sum();
    sum % 10 == 0 && column_of(s).is_some_and(|c| WORDS.iter().any(|w| Context::found(c.as_bytes(), w, true, false)))
}

/// Keep the best hit where hits overlap: higher confidence, then secrets
/// over personal data, then the longer span, then not a phone.
/// The shortest base64 run searched for encoded secrets: 18 bytes of
/// text (`ghp_` and the shortest tokens are longer).
const MIN_BASE64: usize = 24;

/// Whether `found` (an e-mail address as found, in any written form) is a
/// placeholder's: a mailbox name that documentation and examples use, or
/// a role's ([`PLACEHOLDER_MAILBOXES`]: `user`, `foo`, `jane.doe`,
/// `max.mustermann`, `support`), on a domain RFC 2606 and RFC 6761 keep
/// for them (`example.com`,
/// `example.net`, `example.org` and their subdomains; the top-level
/// domains `.example`, `.test`, `.invalid`, `.localhost`). No one reads
/// such a mailbox. Other addresses on `example.com`, `.net` and `.org` are
/// still reported: synthetic data stands in for people's addresses with
/// them (Faker's `email()` writes `catherine93@example.com`), and a
/// redacted copy must not keep them. Any address under the reserved
/// top-level domains is a placeholder: no generator of people writes them,
/// and no mail reaches them.
fn placeholder_email(found: &[u8]) -> bool {
    let plain = crate::written_email::canonical(found).to_ascii_lowercase();
    let Some(at) = plain.iter().rposition(|&b| b == b'@') else {
        return false;
    };
    let (mailbox, domain) = (&plain[..at], &plain[at + 1..]);
    let domain = domain.strip_suffix(b".").unwrap_or(domain);
    let mut labels = domain.rsplit(|&b| b == b'.');
    match (labels.next(), labels.next()) {
        (Some(b"example" | b"test" | b"invalid" | b"localhost"), Some(_)) => true,
        (Some(b"com" | b"net" | b"org"), Some(b"example")) => {
            PLACEHOLDER_MAILBOXES.iter().any(|p| p.as_bytes() == mailbox)
        }
        _ => false,
    }
}

/// Whether the e-mail-like text at `buf[start..end]` names no mailbox: an
/// SSH or scp target (`git@github.com:org/repo.git`, `deploy@host:/srv`),
/// or a file named with a pixel density (`logo@2x.png`, `icon@1.5x.svg`),
/// whose last part is a file's extension that is no top-level domain.
fn no_mailbox(buf: &[u8], start: usize, end: usize) -> bool {
    if buf.get(end) == Some(&b':')
        && buf
            .get(end + 1)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'~' | b'_' | b'.'))
    {
        return true;
    }
    let found = &buf[start..end];
    let tld = found
        .rsplit(|&b| b == b'.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    const EXTENSIONS: &[&[u8]] = &[
        b"png", b"jpg", b"jpeg", b"gif", b"webp", b"svg", b"avif", b"ico", b"bmp", b"tif", b"tiff", b"css", b"scss",
        b"less", b"js", b"mjs", b"cjs", b"jsx", b"tsx", b"json", b"yml", b"yaml", b"xml", b"txt", b"html", b"htm",
        b"php", b"log", b"csv", b"pdf", b"woff", b"ttf", b"otf", b"eot", b"webm", b"map", b"lock", b"toml", b"ini",
        b"cfg", b"conf", b"bak", b"tmp",
    ];
    EXTENSIONS.contains(&tld.as_slice())
}

/// Mailbox names of placeholder addresses ([`placeholder_email`]): generic
/// ones, the stand-in people of English and German forms, and the parties
/// of protocol examples.
#[rustfmt::skip]
const PLACEHOLDER_MAILBOXES: &[&str] = &[
    "user", "username", "user.name", "test", "test.user", "testuser", "tester", "demo", "sample",
    "example", "foo", "bar", "baz", "foo.bar", "foobar", "someone", "somebody", "me", "you",
    "your.name", "yourname", "your.email", "youremail", "name", "first.last", "firstname.lastname",
    "john.doe", "jane.doe", "johndoe", "janedoe", "jdoe", "john.smith", "jane.smith", "jsmith",
    "john", "jane", "alice", "bob", "carol", "dave", "eve", "mallory", "max.mustermann",
    "erika.musterfrau", "maxmustermann", "erika.mustermann", "nobody", "noreply", "no-reply",
    "admin", "administrator", "info", "support", "contact", "hello", "help", "sales", "billing",
    "security", "webmaster", "postmaster", "hostmaster", "root", "ops", "oncall", "devops", "team",
    "mail", "email", "alerts", "notifications", "buyer", "seller", "customer", "client", "merchant",
    "guest", "member", "owner", "employee", "staff", "person", "recipient", "sender",
];

/// Whether `found` (a phone number as written) is a North American one
/// in 555-0100 to 555-0199, which the numbering plan keeps for fiction:
/// `(702) 555-0150`, `+1 212 555 0123`, `555-0199`.
fn fictional_nanp(found: &[u8]) -> bool {
    let digits: Vec<u8> = found.iter().copied().filter(u8::is_ascii_digit).collect();
    let local = match digits.len() {
        7 => &digits[..],
        10 => &digits[3..],
        11 if digits[0] == b'1' => &digits[4..],
        _ => return false,
    };
    local.starts_with(b"55501")
}

/// Whether `found` (an IP address as found: with a port, a prefix length,
/// a zone or brackets) is one no host has: the documentation ranges
/// (RFC 5737's `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`; RFC
/// 3849's `2001:db8::/32`), loopback (`127.0.0.0/8`, `::1`) or the
/// unspecified address (`0.0.0.0`, `::`), or the broadcast one
/// (`255.255.255.255`). They name no one's machine.
fn no_hosts_address(found: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(found) else {
        return false;
    };
    let s = s.trim_start_matches('[');
    let s = s.split(['/', '%', ']']).next().unwrap_or(s);
    let ip = s.parse::<std::net::IpAddr>().ok().or_else(|| {
        // `a.b.c.d:port`
        s.rsplit_once(':')
            .filter(|(a, _)| a.contains('.') && !a.contains(':'))
            .and_then(|(a, _)| a.parse().ok())
    });
    match ip {
        Some(std::net::IpAddr::V4(v4)) => {
            let [a, b, c, _] = v4.octets();
            // (A netmask, `255.255.255.0`, is no host's either.)
            let bits = u32::from(v4);
            let netmask = a == 255 && bits.leading_ones() + bits.trailing_zeros() == 32;
            v4.is_loopback()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || netmask
                || matches!((a, b, c), (192, 0, 2) | (198, 51, 100) | (203, 0, 113))
        }
        Some(std::net::IpAddr::V6(v6)) => {
            v6.is_loopback() || v6.is_unspecified() || v6.segments()[..2] == [0x2001, 0x0db8]
        }
        None => false,
    }
}

fn resolve_overlaps(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let score = |h: &Hit| {
        (
            h.confidence,
            h.rule.code.starts_with("MLS-SEC"),
            h.end - h.start,
            h.entity != "PHONE",
        )
    };
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(last) = out.last_mut() {
            if h.start < last.end {
                // A number inside an address is its house number or its
                // postcode (`07229-710` in `..., 07229-710 Montenegro /
                // BA` reads as a German phone number).
                if h.entity == "PHONE" && last.entity == "POSTAL_ADDRESS" && h.end <= last.end {
                    continue;
                }
                // A number inside an IBAN, a card or an identifier is a part
                // of it (`0351 3348 1774 41` of `GB28 LXTB 0351 3348 1774
                // 41` is a Dresden phone number in a German file).
                let checked = |e: &str| matches!(e, "IBAN" | "CREDIT_CARD") || is_national_id(e);
                if h.entity == "PHONE"
                    && checked(last.entity)
                    && h.end <= last.end
                    && (h.start, h.end) != (last.start, last.end)
                {
                    continue;
                }
                // A secret holding another value (an e-mail-like part of a
                // token) is the whole credential: the part alone would leave
                // the rest of it in clear.
                let secret_holds = |a: &Hit, b: &Hit| {
                    a.rule.code.starts_with("MLS-SEC")
                        && a.start <= b.start
                        && b.end <= a.end
                        && (a.start, a.end) != (b.start, b.end)
                };
                let wins = if secret_holds(last, &h) {
                    false
                } else if secret_holds(&h, last) {
                    true
                } else {
                    score(&h) > score(last)
                };
                if wins {
                    *last = h;
                }
                continue;
            }
        }
        out.push(h);
    }
    out
}

/// Every entity name the detectors report (`EMAIL`, `CREDIT_CARD`,
/// `DE_TAX_ID`, ...), sorted: the names redaction operators can be set for.
#[must_use]
pub fn entities() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = [
        "EMAIL",
        "PHONE",
        "CREDIT_CARD",
        "IBAN",
        "IP_ADDRESS",
        "MAC_ADDRESS",
        "PERSON_NAME",
        "DATE_OF_BIRTH",
        "POSTAL_ADDRESS",
        "POSTAL_CODE",
        "PASSPORT",
        "DRIVER_LICENSE",
        "BANK_ACCOUNT",
        "SECRET",
        "PRIVATE_KEY",
        "JWT",
    ]
    .into_iter()
    .chain(crate::validate::ID_KINDS.iter().map(|k| k.entity))
    .collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Detector {
        Detector::new(
            SecretRules::builtin().unwrap(),
            DetectOptions {
                phone_region: Some("US".into()),
                ..Default::default()
            },
        )
    }

    /// The spans of `text` that `d` finds as `entity`.
    fn spans<'t>(d: &Detector, text: &'t str, entity: &str) -> Vec<&'t str> {
        d.detect(text.as_bytes(), "t", &|_| None)
            .into_iter()
            .filter(|h| h.entity == entity)
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    #[test]
    fn mail_encoded_words_and_bodies_are_read_decoded_on_their_encoded_bytes() {
        let d = detector();
        let mail = "From: =?UTF-8?Q?Old=C5=99ich_Hor=C3=A1k?= <o.horak@seznam.cz>\n\
                    Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n\
                    Pros=C3=ADm o vr=C3=A1cen=C3=AD na =C3=BA=C4=8Det CZ65 0800 0000 1920 00=\n14 5399, d=C4=9Bkuji.\n";
        assert_eq!(spans(&d, mail, "PERSON_NAME"), ["=?UTF-8?Q?Old=C5=99ich_Hor=C3=A1k?="]);
        assert_eq!(spans(&d, mail, "IBAN"), ["CZ65 0800 0000 1920 00=\n14 5399"]);
    }

    fn entities(text: &str) -> Vec<&'static str> {
        detector()
            .detect(text.as_bytes(), "t.txt", &|_| None)
            .into_iter()
            .map(|h| h.entity)
            .collect()
    }

    #[test]
    fn a_private_key_is_found_whole() {
        let d = detector();
        let body: Vec<String> = (0..8)
            .map(|i| format!("MIIEowIBAAKCAQEA{i}x7Zq9Lm2Pw4Rt6Yu8Io0Pa1Sd3Fg5Hj7Kl9Zx2Cv4Bn6Mm8Qw0Er"))
            .collect();
        let pem = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----",
            body.join("\n")
        );
        let text = format!("deploy key:\n{pem}\ndone\n");
        assert_eq!(spans(&d, &text, "PRIVATE_KEY"), [pem.as_str()]);
        // In a CSV cell or JSON string, with escaped line breaks.
        let escaped = pem.replace('\n', "\\n");
        let text = format!("{{\"key\": \"{escaped}\", \"n\": 1}}\n");
        assert_eq!(spans(&d, &text, "PRIVATE_KEY"), [escaped.as_str()]);
        // A PGP block: headers, an empty line, the body and its checksum.
        let pgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF0abcDEFghiJKLmnoPQRstuVWXyz0123456789+/lQOYBF0abcDEFghiJKLmnoPQ\nRstuVWXyz0123456789+/\n=Zq9L\n-----END PGP PRIVATE KEY BLOCK-----";
        let text = format!("key:\n{pgp}\n\nnext\n");
        assert_eq!(spans(&d, &text, "PRIVATE_KEY"), [pgp]);
        // Cut short: the body that follows.
        let cut = format!("-----BEGIN PRIVATE KEY-----\n{}\n{}", body[0], body[1]);
        let text = format!("{cut}\n\nNext section\n");
        assert_eq!(spans(&d, &text, "PRIVATE_KEY"), [cut.as_str()]);
    }

    #[test]
    fn a_private_key_needs_a_body() {
        let d = detector();
        for text in [
            "-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----\n",
            "Paste it after -----BEGIN RSA PRIVATE KEY----- and keep the lines as they are, then save the file with your editor.\n",
        ] {
            assert!(spans(&d, text, "PRIVATE_KEY").is_empty(), "{text}");
        }
        // Flattened to one line, spaces for its line breaks.
        let body = "MIIEowIBAAKCAQEAx7Zq9Lm2Pw4Rt6Yu8Io0Pa1Sd3Fg5Hj7Kl9Zx2Cv4Bn6Mm8QwEr MIIEowIBAAKCAQEAx7Zq9Lm2Pw4Rt6Yu8Io0Pa1Sd3Fg5Hj7Kl9Zx2Cv4Bn6Mm8QwEr Kc0=";
        let key = format!("-----BEGIN RSA PRIVATE KEY----- {body} -----END RSA PRIVATE KEY-----");
        assert_eq!(
            spans(&d, &format!("id,key\n7,\"{key}\"\n"), "PRIVATE_KEY"),
            [key.as_str()]
        );
        // An encrypted key's headers hold dashes.
        let enc = format!(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,2E65A0E5D0C2B6F1\n\n{}\n-----END RSA PRIVATE KEY-----",
            body.replace(' ', "\n")
        );
        assert_eq!(spans(&d, &format!("{enc}\n"), "PRIVATE_KEY"), [enc.as_str()]);
        // Indented in a YAML block, and in quoted pieces in code.
        let lines: Vec<&str> = body.split(' ').collect();
        let yaml_key = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n    {}\n    -----END RSA PRIVATE KEY-----",
            lines.join("\n    ")
        );
        let yaml = format!("tls:\n  key: |\n    {yaml_key}\n  other: 1\n");
        assert_eq!(spans(&d, &yaml, "PRIVATE_KEY"), [yaml_key.as_str()]);
        let code_key = format!(
            "-----BEGIN RSA PRIVATE KEY-----\\n\"\n    \"{}\\n\"\n    \"-----END RSA PRIVATE KEY-----",
            lines.join("\\n\"\n    \"")
        );
        let code = format!("KEY = (\"{code_key}\")\n");
        assert_eq!(spans(&d, &code, "PRIVATE_KEY"), [code_key.as_str()]);
    }

    #[test]
    fn assignments_the_generic_rule_excuses_are_no_secrets() {
        let d = detector();
        for text in [
            "publicToken = \"9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit\"\n",
            "notes            = \"Maven - io.jsonwebtoken:jjwt-jackson-0.11.2\"\n",
            "csrf-token=Mj2qykJO5rELyHgezQ69nzUX0i3OH67V7+V4eUrLfpuyOuxmiW9rhROG/Whikle15syazJOkrjJa3U2AbhIvUw==\n",
            "aws_access_key: AKIAIOSFODNN7EXAMPLE\n",
            "fn::secret: ops_eyJzaWduSW5B..[Redacted]\n",
            "export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6...\n",
            "api_key = fetchKey2024FromVault(name)\n",
        ] {
            assert!(
                spans(&d, text, "SECRET").is_empty(),
                "{text}: {:?}",
                spans(&d, text, "SECRET")
            );
        }
        assert_eq!(
            spans(&d, "db_password = \"Xk29vLq8Rt3Zp7Wm\"\n", "SECRET"),
            ["Xk29vLq8Rt3Zp7Wm"]
        );
    }

    #[test]
    fn a_percent_encoded_email_in_a_url_is_found() {
        let d = detector();
        let text = "GET /unsubscribe?email=jane.dow%40example.com&list=7 HTTP/1.1\nmail jo@example.org\n";
        assert_eq!(spans(&d, text, "EMAIL"), ["jane.dow%40example.com", "jo@example.org"]);
        // Masked and fingerprinted as the address it stands for.
        let f = crate::mask::Fingerprinter::new(b"k");
        assert_eq!(
            f.fingerprint("EMAIL", b"jane.dow%40example.com"),
            f.fingerprint("EMAIL", b"Jane.Dow@example.com")
        );
        assert_eq!(crate::mask::mask("EMAIL", b"jane.doe%40example.com"), "j***@e***.com");
        // A percent sign elsewhere is no `@`.
        assert!(spans(&d, "discount 15%4 0example.com 100%40 points", "EMAIL").is_empty());
    }

    #[test]
    fn an_email_whose_at_is_written_otherwise_is_found_whole() {
        let d = detector();
        let text = concat!(
            "Contact me: jane.dow [at] example [dot] org for details.\n",
            "Write to mary(at)university.edu or call.\n",
            "Send mail to peter at example dot com please.\n",
            "or john dot smith at mail dot example dot co dot uk\n",
            "<a href=\"mailto:alice.b&#64;example.com\">x</a> bobby&#x40;example.net\n",
            "{\"to\": \"kim\\u0040example.io\"}\n",
        );
        assert_eq!(
            spans(&d, text, "EMAIL"),
            [
                "jane.dow [at] example [dot] org",
                "mary(at)university.edu",
                "peter at example dot com",
                "john dot smith at mail dot example dot co dot uk",
                "alice.b&#64;example.com",
                "bobby&#x40;example.net",
                "kim\\u0040example.io",
            ]
        );
        let f = crate::mask::Fingerprinter::new(b"k");
        assert_eq!(
            f.fingerprint("EMAIL", b"jane.dow [at] example [dot] org"),
            f.fingerprint("EMAIL", b"Jane.Dow@example.org")
        );
        assert_eq!(crate::mask::mask("EMAIL", b"mary(at)university.edu"), "m***@u***.edu");
        // Words around `at` and `dot` that make no address.
        for t in [
            "we met at noon, the dot was red",
            "the dot com bubble",
            "look at the [at] sign",
            "meet me (at) home",
            "price 100%40 off",
        ] {
            assert!(spans(&d, t, "EMAIL").is_empty(), "{t}");
        }
    }

    #[test]
    fn a_hex_or_uuid_value_named_as_a_secret_is_one() {
        let d = detector();
        for t in [
            "app.config['SECRET_KEY'] = 'f8a9d7e6c5b4a3928170f6e5d4c3b2a1'\n",
            "secret_key = \"9c1185a5c5e9fc54612808977ee8f548b2258d31\"\n",
            "API_KEY='4f8e2a1c9d7b3e6f0a5c8d2e1f4b7a9c'\n",
            "db_password: 3f2b8c1d-9e4a-4b7c-8d2e-1f6a5c9b0e7d\n",
            "GET /reset?token=8f14e45fceea167a5a36dedd4bea2543&email=x HTTP/1.1\n",
            "sent https://app.example.com/reset?token=5d41402abc4b2a76b9719d911017c592&uid=88\n",
        ] {
            assert_eq!(spans(&d, t, "SECRET").len(), 1, "{t}");
        }
        // Digests and ids under names that say so.
        for t in [
            "cache_key = \"f8a9d7e6c5b4a3928170f6e5d4c3b2a1\"\n",
            "content_hash: 9c1185a5c5e9fc54612808977ee8f548b2258d31\n",
            "request_token_id=3f2b8c1d-9e4a-4b7c-8d2e-1f6a5c9b0e7d\n",
            "idempotency_key=3f2b8c1d-9e4a-4b7c-8d2e-1f6a5c9b0e7d\n",
            "next_page_token = \"9c1185a5c5e9fc54612808977ee8f548b2258d31\"\n",
            "api_key_sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'\n",
            "md5sum f8a9d7e6c5b4a3928170f6e5d4c3b2a1 checked\n",
            "api_key = \"abcd1234abcd1234abcd1234abcd1234abcd1234abcd1234abcd1234abcd1234\"\n",
            "token: Xk29vLq8Xk29vLq8Xk29vLq8\n",
        ] {
            assert!(spans(&d, t, "SECRET").is_empty(), "{t}");
        }
    }

    #[test]
    fn names_and_documents_in_fields_of_logs_code_and_markup() {
        let d = detector();
        let text = concat!(
            "INFO order created customer_name=\"Li Wei\" total=3\n",
            "INFO shipping name=\"Homer Simpson\" zip=97403\n",
            "user: {id: 991, fullName: 'Olga Petrova', passport: '753912678'}\n",
            "<customer><name>Jean Martin</name></customer>\n",
            "{\"cardholder_name\": \"Ana Souza\"}\n",
        );
        assert_eq!(
            spans(&d, text, "PERSON_NAME"),
            ["Li Wei", "Homer Simpson", "Olga Petrova", "Jean Martin", "Ana Souza"]
        );
        assert_eq!(spans(&d, text, "PASSPORT"), ["753912678"]);
        for t in [
            "INFO product_name=\"Deluxe Widget\" qty=2\n",
            "{\"name\": \"Blue Widget\", \"price\": 3}\n",
            "model_name: Llama Guard\n",
            "<project><name>Apache Commons Lang</name></project>\n",
        ] {
            assert!(spans(&d, t, "PERSON_NAME").is_empty(), "{t}");
        }
    }

    #[test]
    fn names_in_mail_headers_with_an_initial_or_last_name_first() {
        let d = detector();
        let text = concat!(
            "X-From: Phillip K Allen\n",
            "X-cc: Smith, John </O=ENRON/OU=NA/CN=RECIPIENTS/CN=JSMITH>\n",
            "From: \"Dole, Jane\" <jane.doe@example.com>\n",
            "Dear John F. Kennedy,\n",
        );
        assert_eq!(
            spans(&d, text, "PERSON_NAME"),
            ["Phillip K Allen", "Smith, John", "Dole, Jane", "John F. Kennedy"]
        );
    }

    #[test]
    fn a_first_or_last_name_in_its_own_field_is_a_name() {
        let d = detector();
        let text = concat!(
            "INFO signup first_name=Maria last_name=Garcia plan=pro\n",
            "{\"billing_first_name\": \"Anne-Marie\", \"lastName\": \"O'Neil\"}\nfamily_name='McDonald'\n",
            "Surname: Okafor\nVorname: J\u{fc}rgen\n",
            "<given_name>Ana</given_name>\n",
            "GET /signup?firstName=Chloe&lastName=Dubois HTTP/1.1\n",
            // Types, calls, placeholders and labels are none.
            "first_name: String\nlast_name = Column(String(50))\nname = Faker.first_name()\n",
            "first_name: Optional[str]\nlast_name=None\nSurname: Required\nlastName: List<String>\n",
        );
        assert_eq!(
            spans(&d, text, "PERSON_NAME"),
            [
                "Maria",
                "Garcia",
                "Anne-Marie",
                "O'Neil",
                "McDonald",
                "Okafor",
                "J\u{fc}rgen",
                "Ana",
                "Chloe",
                "Dubois"
            ]
        );
    }

    #[test]
    fn an_address_with_a_domain_beyond_ascii_is_found_whole() {
        let d = detector();
        let text = concat!(
            "rosalie@café.fr; meryem21+news@yahoo.de\n",
            "write to hrios@münchen.de, or x@mail.café.fr.\n",
            "почта: иван@пример.рф\n",
            "联系 用户@例子.广告 谢谢\n",
        );
        assert_eq!(
            spans(&d, text, "EMAIL"),
            [
                "rosalie@café.fr",
                "meryem21+news@yahoo.de",
                "hrios@münchen.de",
                "x@mail.café.fr",
                "иван@пример.рф"
            ]
        );
        // A handle in prose, or an `@` before punctuation, is none.
        assert!(spans(&d, "see @ünter. and a@—.com", "EMAIL").is_empty());
    }

    #[test]
    fn forms_an_independent_evaluation_found_missed() {
        let d = detector();
        // Lowercase IBANs, compact and printed; an SSN written with dots
        // after its word.
        assert_eq!(
            spans(
                &d,
                "iban gb32baep79203791571843 or IBAN: gb65 nfxf 5472 2059 1771 79.",
                "IBAN"
            ),
            ["gb32baep79203791571843", "gb65 nfxf 5472 2059 1771 79"]
        );
        assert!(spans(&d, "iban gb32baep79203791571844, ref gb32baep79203791571843", "IBAN").is_empty());
        // The words after one are no groups of it.
        assert_eq!(
            spans(&d, "Transfer to IBAN ro37sauy5159355400513112 done, ref 1", "IBAN"),
            ["ro37sauy5159355400513112"]
        );
        assert_eq!(
            spans(&d, "iban ro37 sauy 5159 3554 0051 3112 was paid", "IBAN"),
            ["ro37 sauy 5159 3554 0051 3112"]
        );
        assert_eq!(spans(&d, "SSN: 635.78.7909", "US_SSN"), ["635.78.7909"]);
        assert!(spans(&d, "version 635.78.7909", "US_SSN").is_empty());
        // A message id is no address; the sender's is.
        let mail = "Message-ID: <Sfb5fvILgUbtiS1BW0di.4e86b01d@mail.gmail.com>\nReferences: <a1@x.com>\n <b2@y.com>\nFrom: ann@example.org\n";
        assert_eq!(spans(&d, mail, "EMAIL"), ["ann@example.org"]);
        let log = "Mar 11 09:01:46 mx01 postfix/cleanup[2231]: 8E01517392: message-id=<20240311090146.8E01517392@mx01.shop.ro>\n\
                   Mar 11 09:01:47 mx01 postfix/qmgr[2231]: 8E01517392: from=<ana.pop@yahoo.ro>, size=2211\n";
        assert_eq!(spans(&d, log, "EMAIL"), ["ana.pop@yahoo.ro"]);
        // A name after a greeting, and with particles before the last name.
        assert_eq!(
            spans(
                &d,
                "Hi, I'm Elizabeth Pitts, born 2005.\nCustomer Sylvie Meyer de la Evrard called.\n",
                "PERSON_NAME"
            ),
            ["Elizabeth Pitts", "Sylvie Meyer de la Evrard"]
        );
        // Academic titles before it are no part of it.
        assert_eq!(
            spans(
                &d,
                "Mein Name ist Ing. Klaus-Michael Killer MBA.\nMy name is Prof. Dr. Ana Lima.\n",
                "PERSON_NAME"
            ),
            ["Klaus-Michael Killer", "Ana Lima"]
        );
        // A number inside an IBAN is part of it, though valid as a phone
        // number where the file is German.
        let text = "IBAN DE89370400440532013000\nacct GB28 LXTB 0351 3348 1774 41\n";
        let hints = Hints::from_hits(&d.detect(text.as_bytes(), "t", &|_| None), text.as_bytes());
        let found: Vec<_> = d
            .detect_with(text.as_bytes(), "t", &|_| None, &hints)
            .into_iter()
            .map(|h| (h.entity, &text[h.start..h.end]))
            .collect();
        assert_eq!(
            found,
            [
                ("IBAN", "DE89370400440532013000"),
                ("IBAN", "GB28 LXTB 0351 3348 1774 41")
            ]
        );
        // After its own words, an identifier is no phone number, though
        // a phone word stands on the line before and it is valid as one in
        // the file's country.
        let pl = Detector::new(
            crate::SecretRules::builtin().unwrap(),
            DetectOptions {
                phone_region: Some("PL".into()),
                ..DetectOptions::default()
            },
        );
        let text = "tel. +48 601 234 567\nSSN on file: 184 13 1096.\n";
        assert_eq!(spans(&pl, text, "PHONE"), ["+48 601 234 567"]);
        assert_eq!(spans(&pl, text, "US_SSN"), ["184 13 1096"]);
        // Right after an order's word, a number is the order's, though a
        // phone word stands on the line before.
        let text = "Please call +48 601 234 567.\nOrder 512345678 shipped, call 601 234 568\n";
        assert_eq!(spans(&pl, text, "PHONE"), ["+48 601 234 567", "601 234 568"]);
        // A phone word right before a number reads it in any of the wider
        // regions, wherever the rest of the file points.
        let text = "Telefon: 0265 287 667\n\u{c804}\u{d654}\u{bc88}\u{d638}: 070-9478-5784\nref 0265 287 667\n";
        let any = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        // The file's numbers are Polish.
        let polish = "+48 601 234 567, +48 512 345 678";
        let hints = Hints::from_hits(&any.detect(polish.as_bytes(), "t", &|_| None), polish.as_bytes());
        let found: Vec<&str> = any
            .detect_with(text.as_bytes(), "t", &|_| None, &hints)
            .into_iter()
            .filter(|h| h.entity == "PHONE")
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(found, ["0265 287 667", "070-9478-5784"]);
        // An address ends at the quote that ends its string.
        let text = "{\"address\": \"38 ph\u{1ed1} \u{110}inh B\u{1ed9} L\u{129}nh x\u{e3} Long B\u{ec}nh t\u{1ec9}nh Ph\u{fa} Th\u{1ecd}\"}";
        let found = spans(&d, text, "POSTAL_ADDRESS");
        assert_eq!(found.len(), 1);
        assert!(found[0].ends_with("Th\u{1ecd}"), "{found:?}");
        // Under a product code's name, an EAN-13 is none of the numbers its
        // digits pass; under a phone's, a Luhn-valid number is a phone.
        let in_column = |text: &str, col: &str| -> Vec<&'static str> {
            let col: Arc<str> = Arc::from(col);
            d.detect(text.as_bytes(), "t", &|_| Some(col.clone()))
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        assert!(in_column("5018086495295", "sku").is_empty());
        assert!(in_column("8714232385829", "ean").is_empty());
        assert_eq!(in_column("4915123496585", "customer.phone"), ["PHONE"]);
        // Under an identifier's name, a card's shape yields to an
        // identifier's: a 12-digit Aadhaar, an 18-digit Chinese id.
        assert_eq!(in_column("590804482867", "nid"), ["IN_AADHAAR"]);
        assert_eq!(in_column("360202199606095259", "national_id"), ["CN_RESIDENT_ID"]);
        assert_eq!(in_column("091 12 9328", "social"), ["US_SSN"]);
    }

    #[test]
    fn basic_credentials_and_an_aws_secret_after_its_key_id() {
        let d = detector();
        let text = concat!(
            "{\"auth\": {\"basic\": \"Basic c3ZjX25keGd6OkFGbkJSMEZNQkpNbzhSNDdMbw==\"}}\n",
            "<dev1> aws creds are AKIAIVIHHUOP6XKGP745 / 9g1d2mQ4xITgFNAKmtNxq6LuvPf9tvsO4FlAnItX\n",
        );
        assert_eq!(
            spans(&d, text, "SECRET"),
            [
                "c3ZjX25keGd6OkFGbkJSMEZNQkpNbzhSNDdMbw==",
                "AKIAIVIHHUOP6XKGP745",
                "9g1d2mQ4xITgFNAKmtNxq6LuvPf9tvsO4FlAnItX"
            ]
        );
        // A placeholder's credentials, a word after Basic, and a path
        // after a key id are none.
        let none = concat!(
            "Authorization scheme: Basic dXNlcm5hbWU6cGFzc3dvcmQ= (username:password)\n",
            "Basic AuthenticationAndAuthorizationGuide is a page\n",
            "AKIAIVIHHUOP6XKGP745 see docs/aws/credentials/setup/guide/index.html\n",
        );
        assert_eq!(spans(&d, none, "SECRET"), ["AKIAIVIHHUOP6XKGP745"]);
    }

    #[test]
    fn a_secret_in_a_query_string_ends_at_the_next_parameter() {
        let d = detector();
        let text = "GET /v1/models?api_key=Xk9mQ2vL8pR4tZ7wN3sQaB5c&limit=10 HTTP/1.1\n\
                    redirect_uri=x&client_secret=9fKx2LmQ8pW4rT7yUe1NcB6vXh0sDgAa&grant_type=code\n\
                    password = \"p&ssW0rd!Q9z#Lm2x\"\n";
        assert_eq!(
            spans(&d, text, "SECRET"),
            [
                "Xk9mQ2vL8pR4tZ7wN3sQaB5c",
                "9fKx2LmQ8pW4rT7yUe1NcB6vXh0sDgAa",
                "p&ssW0rd!Q9z#Lm2x"
            ]
        );
    }

    #[test]
    fn a_secret_in_json_inside_a_json_string_is_found() {
        // An event whose payload is JSON written as a string: its quotes are
        // escaped.
        let d = detector();
        let text = r#"{"event": "config", "payload": "{\"api_key\": \"Xk9mQ2vL8pR4tZ7wN3sQaB5c\", \"password\": \"p4ssW0rd!Q9z#Lm2x\"}"}"#;
        assert_eq!(
            spans(&d, text, "SECRET"),
            ["Xk9mQ2vL8pR4tZ7wN3sQaB5c", "p4ssW0rd!Q9z#Lm2x"]
        );
    }

    #[test]
    fn assignments_typed_compound_in_yaml_blocks_and_name_value_pairs_are_found() {
        let d = detector();
        let v = "Xk29vLq8Rt3Zp7WmQ4Lm2P";
        for text in [
            format!("var acmeToken: String = \"{v}\"\n"),
            format!("api_key: str = \"{v}\"\n"),
            format!("$acmeToken ??= \"{v}\"\n"),
            format!("ACME_TOKEN += \"{v}\"\n"),
            format!("acme_token: |\n  {v}\n"),
            format!("acme_token: >-\n  {v}\n"),
            format!("<add key=\"ApiKey\" value=\"{v}\" />\n"),
            format!("<entry name=\"acmeToken\" value=\"{v}\"/>\n"),
            format!("env:\n  - name: DB_PASSWORD\n    value: \"{v}\"\n"),
            format!("{{\n  \"name\": \"acme_token\",\n  \"value\": \"{v}\"\n}}\n"),
            // On a command line after a name in snake case; `password` in
            // other languages, with `is` and its kin.
            format!("aws configure set aws_secret_access_key {v}\n"),
            format!("1710151210.248022 [0 172.18.229.57:42211] \"SET\" \"cfg:shop:secret_key\" \"{v}\"\n"),
            format!("Heslo je {v} (zmente ho)\n"),
            format!("The password is {v}\n"),
            // A few words between.
            format!("The password for the VPN is {v}\n"),
            format!("Heslo do port\u{e1}lu je {v}\n"),
            format!("Das Passwort f\u{fc}r das WLAN lautet {v}\n"),
            format!("my password to the portal is: {v}\n"),
            format!("Passwort: {v}\n"),
            format!("\u{43f}\u{430}\u{440}\u{43e}\u{43b}\u{44c}: {v}\n"),
            format!("\u{5bc6}\u{7801}\u{ff1a}{v}\n"),
        ] {
            assert_eq!(spans(&d, &text, "SECRET"), [v], "{text}");
        }
        // Prose about one names none.
        for text in [
            "The password is stored in the vault",
            "the secret_santa_list has 12 names in it",
            "Your password for the portal is incorrect_or_expired",
            "the password of the admin user is 12 characters_long_at_least",
            "the \"password\" \"field_is_required_here\" message",
        ] {
            assert!(spans(&d, text, "SECRET").is_empty(), "{text}");
        }
        // A web form's anti-forgery token is none.
        for text in [
            format!("<input type=\"hidden\" name=\"authenticity_token\" value=\"{v}\">\n"),
            format!("<input name=\"_token\" type=\"hidden\" value=\"{v}\">\n"),
            format!("<input name=\"__RequestVerificationToken\" value=\"{v}\" />\n"),
            format!("{{\"csrfmiddlewaretoken\": \"{v}\"}}\n"),
        ] {
            assert!(spans(&d, &text, "SECRET").is_empty(), "{text}");
        }
        let text = format!("{{\"csrf_enabled\": true, \"api_key\": \"{v}\"}}\n");
        assert_eq!(spans(&d, &text, "SECRET"), [v], "{text}");
    }

    #[test]
    fn a_secret_in_an_xml_element_is_found() {
        let d = detector();
        let text = "<config>\n  <apiKey>Xk9mQ2vL8pR4tZ7wN3sQaB5c</apiKey>\n  <dbPassword>\n    9fKx2LmQ8pW4rT7yUe1NcB6v\n  </dbPassword>\n\
                    <p>Your token</p> <input type=\"password\">Choose one</input>\n</config>\n";
        assert_eq!(
            spans(&d, text, "SECRET"),
            ["Xk9mQ2vL8pR4tZ7wN3sQaB5c", "9fKx2LmQ8pW4rT7yUe1NcB6v"]
        );
    }

    #[test]
    fn secrets_written_in_base64_are_found_on_the_whole_run() {
        use base64::Engine as _;
        let b64 = |t: &str| base64::engine::general_purpose::STANDARD.encode(t);
        let d = detector();
        let token = b64("ghp_R7wD5lqtX3kQ9pZy2vN8mB4cF6hJ1sT0uEaK");
        let url = b64("DATABASE_URL=postgres://app:S3cr3tPassw0rd@db.internal:5432/prod");
        let text = format!("apiVersion: v1\ndata:\n  token: {token}\n  db: {url}\n");
        let hits = d.detect(text.as_bytes(), "secret.yaml", &|_| None);
        let found: Vec<(&str, Option<&str>)> = hits
            .iter()
            .map(|h| (&text[h.start..h.end], h.detail.as_deref()))
            .collect();
        assert!(
            found.contains(&(token.as_str(), Some("github-pat (base64)"))),
            "{found:?}"
        );
        assert!(found.iter().any(|(v, _)| *v == url.as_str()), "{found:?}");
        // Encoded text with no secret, and encoded bytes that are no text.
        let plain = b64("The quick brown fox jumps over the lazy dog, twice over.");
        let bytes =
            base64::engine::general_purpose::STANDARD.encode((0u8..48).map(|i| i.wrapping_mul(37)).collect::<Vec<_>>());
        let text = format!("note {plain}\nblob {bytes}\n");
        assert!(d.detect(text.as_bytes(), "t.txt", &|_| None).is_empty(), "{text}");
    }

    #[test]
    fn discord_bot_tokens_are_found_without_their_name() {
        let d = detector();
        let token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs";
        assert_eq!(spans(&d, &format!("bot.run(\"{token}\")\n"), "SECRET"), [token]);
        let new = "MTAyOTQ4MTM4OTU5MTAwMDAxNg.GSwJyi.sbaw8msOR3Wi6vPUzeIWy_P0vJbB0UuRVjH8l8";
        assert_eq!(spans(&d, &format!("TOKEN={new}\n"), "SECRET"), [new]);
        // Its first part must be an id in base64; the others their lengths.
        for text in [
            "MZ1yGvKTjE0rY0cV8i47CjAa.uRHQPq.Xb1Mk2nEhe-4iUcrGOuegj57zMC\n",
            "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ7.ZnCjm1XVW7vRze4b7Cq4se7kKWs\n",
            "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW\n",
        ] {
            assert!(spans(&d, text, "SECRET").is_empty(), "{text}");
        }
    }

    #[test]
    fn a_jwt_with_its_signature_cut_off_is_found() {
        let d = detector();
        let unsigned =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MjA3IiwibmFtZSI6IkFuYSBMaW1hIiwiaWF0IjoxNzE2MjM5MDIyfQ";
        assert_eq!(spans(&d, &format!("token {unsigned} expired\n"), "JWT"), [unsigned]);
        let signed = format!("{unsigned}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
        assert_eq!(spans(&d, &format!("Bearer {signed}\n"), "JWT"), [signed.as_str()]);
        // Claims that are no JSON object: none.
        assert!(spans(
            &d,
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3OD\n",
            "JWT"
        )
        .is_empty());
    }

    #[test]
    fn jwts_of_the_secret_rules_have_a_header() {
        use base64::Engine as _;
        let d = detector();
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.\
                   SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        let b64 = base64::engine::general_purpose::STANDARD.encode(jwt);
        let text = format!("session {b64} end\n");
        // The whole base64 token, not the group that marks its header.
        assert_eq!(spans(&d, &text, "JWT"), [b64.as_str()]);
        // Random text in the rules' shapes: no header.
        let fake = "ZXlKMFlXY2lPaUATBH0Lklr3hao7n76yyS7DIg4EkMcxzhIXwg81ekM";
        assert!(spans(&d, &format!("jwt_key = '{fake}'\n"), "JWT").is_empty());
        let fake = "eykpKBtXd0b6JimG0FX5KChXRIeCFBodbetZSjsaoxy0UK1DkEEYzDvzd.eyt0ecKd4ZaHB8thQoxNyKYahqbJ7EGIM9l2d9CTK_5sAdjN3LP";
        assert!(spans(&d, &format!("token {fake}\n"), "JWT").is_empty());
        assert_eq!(spans(&d, &format!("token {jwt}\n"), "JWT"), [jwt]);
    }

    #[test]
    fn a_secret_holding_an_email_like_part_is_one_secret() {
        let text = "curl -H \"Authorization: FO/suFa@I1XW_hEMtxnJ+B@TNHJvCjsLv6g=oQyKL+k4FgCx5aVo9dXDW98n~7v1bG6A=\
                    tu321L1hTbersSCkfp@dcEdIVcUJ0@3Bl8.bRd-Zr9VMm6d5JIHw6hmH8/1LA8~JizCcx\" https://api.example.com\n";
        let d = detector();
        let secrets = spans(&d, text, "SECRET");
        assert_eq!(secrets.len(), 1, "{secrets:?}");
        assert!(
            secrets[0].starts_with("FO/suFa@") && secrets[0].ends_with("~JizCcx"),
            "{secrets:?}"
        );
        assert!(spans(&d, text, "EMAIL").is_empty());
        // An e-mail beside a secret, not inside it, stays.
        let text = "mail ann.lee@example.org token ghp_R7wD5lqtX3kQ9pZy2vN8mB4cF6hJ1sT0uEaK\n";
        assert_eq!(spans(&d, text, "EMAIL"), ["ann.lee@example.org"]);
        assert_eq!(spans(&d, text, "SECRET").len(), 1);
    }

    #[test]
    fn generic_identifier_columns_name_no_kind_of_their_own() {
        // A column named for any identifier is context for every kind (it
        // admits them), but no kind's own: its own words would beat the
        // file's country (an RNOKPP under `national_id` is no kennitala).
        let words = ColumnWords::default();
        for name in [
            "national_id",
            "NationalID",
            "id_number",
            "IdNumber",
            "national identity",
            "personal_id",
        ] {
            let key: Arc<str> = Arc::from(crate::column_name::context_key(name));
            let named: Vec<&str> = ID_KINDS
                .iter()
                .enumerate()
                .filter(|(i, _)| words.kinds(&key) & (1 << i) != 0)
                .map(|(_, k)| k.entity)
                .collect();
            assert!(named.is_empty(), "{name}: {named:?}");
            assert!(
                Context::found(key.as_bytes(), "identity", false, false)
                    || ID_CONTEXT
                        .iter()
                        .any(|w| Context::found(key.as_bytes(), w, false, false)),
                "{name}"
            );
        }
    }

    #[test]
    fn a_longer_word_names_a_column_not_a_shorter_one_inside_it() {
        let words = ColumnWords::default();
        let named = |name: &str| -> Vec<&str> {
            let key: Arc<str> = Arc::from(crate::column_name::context_key(name));
            let mut v: Vec<&str> = ID_KINDS
                .iter()
                .enumerate()
                .filter(|(i, _)| words.kinds(&key) & (1 << i) != 0)
                .map(|(_, k)| k.entity)
                .collect();
            v.dedup();
            v
        };
        assert_eq!(named("bsnr"), ["DE_BSNR"]);
        assert_eq!(named("BSN"), ["NL_BSN"]);
        assert_eq!(named("lanr"), ["DE_LANR"]);
        // Two words side by side both count.
        assert!(named("bsn_or_bsnr").contains(&"NL_BSN"));
    }

    #[test]
    fn postcode_lines() {
        for (t, yes) in [
            (&b"28013 Madrid\nmore"[..], true),
            (b"D-10115 Berlin", true),
            (b"Ja\xC3\xA9n, 18003 \nx", true),
            (b"Cuenca, 45001\"", true),
            (b"Thanks for the update, 2024", false),
            (b"12345 items were sold, 6 left", false),
            (b"Madrid 28013 and more", false),
            (b"", false),
        ] {
            assert_eq!(address::postcode_line(t), yes, "{}", String::from_utf8_lossy(t));
        }
    }

    #[test]
    fn addresses_in_the_forms_faker_writes_for_more_countries() {
        for (t, address) in [
            (
                "Send it to rue de R\u{e9}my, 32767 Loiseau please",
                "rue de R\u{e9}my, 32767 Loiseau",
            ),
            (
                "Adresse : boulevard Bernard Henry, 01680 Regnier.",
                "boulevard Bernard Henry, 01680 Regnier",
            ),
            (
                "Mieszka: ulica Norwida 49, Inowroc\u{142}aw",
                "ulica Norwida 49, Inowroc\u{142}aw",
            ),
            ("aleja Kopernika 014, Olsztyn", "aleja Kopernika 014, Olsztyn"),
            ("Bor i Larsenfaret 777, 1215 Lien", "Larsenfaret 777, 1215 Lien"),
            ("Hellandvollen 180, K\u{e5}refoss", "Hellandvollen 180, K\u{e5}refoss"),
            (
                "Morada: Av Areeiro, 61, 2830-166 Castelo Branco",
                "Av Areeiro, 61, 2830-166 Castelo",
            ),
            ("Largo de Fernandes, S/N, Lamego", "Largo de Fernandes, S/N, Lamego"),
            ("Mail USS Johnson, FPO AE 14559 today", "USS Johnson, FPO AE 14559"),
            ("PSC 1234, Box 5678, APO AA 34021", "PSC 1234, Box 5678, APO AA 34021"),
            // On two lines (escaped in a JSON string: in `dataset`).
            (
                "Carlos Smith\nPSC 0807, Box 3661\nAPO AA 95388\ncarlos@example.com",
                "PSC 0807, Box 3661\nAPO AA 95388",
            ),
            ("Ship to\nUSNS Smith\nFPO AE 12345\n", "USNS Smith\nFPO AE 12345"),
            // A European street, and its postcode and city on the next line.
            (
                "Am\u{e9}rica Agullo\nVia Danilo Montoya 617\nJa\u{e9}n, 18003\nx@example.es",
                "Via Danilo Montoya 617\nJa\u{e9}n, 18003",
            ),
            ("Calle Mayor 5\n28013 Madrid\n", "Calle Mayor 5\n28013 Madrid"),
            (
                "Entrega: Fazenda de Castro, 78, Mala E Cuia, 35515-058 Macedo de Santos / AC. Obrigado",
                "Fazenda de Castro, 78, Mala E Cuia, 35515-058 Macedo de Santos / AC",
            ),
            (
                "\u{c1}rea Mendes, 70, Bonsucesso, 39693729 Aparecida / MG",
                "\u{c1}rea Mendes, 70, Bonsucesso, 39693729 Aparecida / MG",
            ),
            (
                "Vale Thiago Castro, Laranjeiras, 72487-394 Dias / MS",
                "Vale Thiago Castro, Laranjeiras, 72487-394 Dias / MS",
            ),
        ] {
            let found = spans(&detector(), t, "POSTAL_ADDRESS");
            assert!(found.iter().any(|f| f.contains(address)), "{t}: {found:?}");
        }
        // Not addresses: an English avenue, a Scandinavian `av`, a name
        // ending as a street may.
        for t in [
            "a new avenue for growth, 20000 Users",
            "en av de 3, Stockholm",
            "Julia 12, Berlin",
            "vale a pena, 12345678 pessoas / SP",
            "Campo 7, total, 12345-678 itens / XX",
        ] {
            assert!(spans(&detector(), t, "POSTAL_ADDRESS").is_empty(), "{t}");
        }
    }

    #[test]
    fn addresses_of_more_street_forms() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = |t: &str| -> Vec<&'static str> {
            d.detect(t.as_bytes(), "t", &|_| None)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        for t in [
            "Früher etwas. Otfried-Weihmann-Ring 15-18, 64101 Kleve. Heute.",
            "Tand markt. Annemijnhof 56, Oud Ootmarsum.",
            "Bakkeholtet 7F, Gretheberg",
            // A capital that is no ASCII letter starts the street.
            "Ålborggade 3, 6741 Ringkøbing",
            "Østbanestræde 333, Borre",
            "Åkerstigen 85, 48925 Sundsvall",
            "Nils Westermarckin tie 83, 44027 Salla",
            "Eerik Pyhän katu 1, 59341 Närpiö",
            "Illum ullam. 35 Underwood Firetrail, Mccormickmouth.",
            "52 Dennis Centreway, Lake Ashleyport",
            "Urbanización Adelina Gisbert 774, Segovia",
            "Incrocio Monti, 66, Verchiano",
            "94, rue de Lefebvre, BertinVille",
            "Av Baptista, 476, Santiago do Cacém",
            "Illum ullam magni voluptatem. Studio 5\nKelly Forges, Damienview.",
            "Alias debitis nesciunt. Flat 48Q\r\nMichael Light, Kateton",
            "Vale Laís Cirino, 12, Aparecida de Farias",
            "Colônia Yasmin Nascimento, 871, Rezende do Galho",
            "Quadra Luiz Felipe da Costa, Funcionários, 76560835 da Rocha / ES",
        ] {
            assert_eq!(found(t), ["POSTAL_ADDRESS"], "{t}");
        }
        // A postcode that also reads as a phone number is the address's.
        assert_eq!(
            found("Excepturi. Vale Gomes, 55, Copacabana, 07229-710 Montenegro / BA. Doloremque."),
            ["POSTAL_ADDRESS"]
        );
        for t in [
            "3 Pack Mount, Black",
            "Keyring 3, Blue",
            "Notepad 2, Windows",
            "During 2020, Paris grew",
            "Boken av Hamsun, 1890, Oslo",
            "Studio 5\n\nKelly Forges, Damienview",
            "We rented Flat 5\nthe rest, Then",
        ] {
            assert!(!found(t).contains(&"POSTAL_ADDRESS"), "{t}");
        }
    }

    #[test]
    fn addresses_in_the_forms_of_other_countries() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = |t| spans(&d, t, "POSTAL_ADDRESS");
        for (t, address) in [
            (
                "We sent it to 1956 Brown Pass Apt. 991, Port Lauren.",
                "1956 Brown Pass Apt. 991, Port Lauren",
            ),
            (
                "Ship 5565 Susan Branch Suite 683, Port Nicholas now",
                "5565 Susan Branch Suite 683, Port Nicholas",
            ),
            (
                "at 058 Schädler Coves, East Johnview.",
                "058 Schädler Coves, East Johnview",
            ),
            ("to 20 O'Sullivan Avenue, Manawahoro 2366.", "20 O'Sullivan Avenue"),
            ("Bangsbo Allé 4, Haslev", "Bangsbo Allé 4, Haslev"),
            ("Rozmanova ulica 2c, 2860 Koper", "Rozmanova ulica 2c, 2860 Koper"),
            (
                "Lakik: Dunagyörgyi út 25., H-6908 Szentgyörgykövesd.",
                "Dunagyörgyi út 25., H-6908 Szentgyörgykövesd",
            ),
            (
                "Arany jános utca 211., H-5796 Baja",
                "Arany jános utca 211., H-5796 Baja",
            ),
            ("Strada Ene, Bailesti, 637990", "Strada Ene, Bailesti, 637990"),
            ("Bulevardul Toma Nr. 203, Strehaia", "Bulevardul Toma Nr. 203, Strehaia"),
            (
                "Адрес: с. Жиганск, ул. Высокая, д. 3 стр. 284, 852538",
                "с. Жиганск, ул. Высокая, д. 3 стр. 284, 852538",
            ),
            (
                "вул. Шевченка, буд. 5, кв. 2, Київ",
                "вул. Шевченка, буд. 5, кв. 2, Київ",
            ),
            ("Κατσαντώνη 865-797,, 43231 Πάτρα", "Κατσαντώνη 865-797,, 43231 Πάτρα"),
            ("משעול פארן 18, כפר יונה, 8301661", "משעול פארן 18, כפר יונה, 8301661"),
            (
                "Ship to 77, Muni Chowk, Asansol 547280.",
                "77, Muni Chowk, Asansol 547280",
            ),
            (
                "Darsh Biswas\nH.No. 12-2-417, Andheri West, Chennai - 199653\n",
                "H.No. 12-2-417, Andheri West, Chennai - 199653",
            ),
            (
                "Oscar Dara\nB-1104, Lodha Palava, Koramangala 4th Block, Mumbai - 722347\n",
                "B-1104, Lodha Palava, Koramangala 4th Block, Mumbai - 722347",
            ),
            ("Jl. S. Parman No. 80, Palembang", "Jl. S. Parman No. 80, Palembang"),
            ("Carrera 1L # 4-7, Nariño", "Carrera 1L # 4-7, Nariño"),
            (
                "Av. Mitre N° 18, Comodoro Rivadavia 9000, Chubut",
                "Av. Mitre N° 18, Comodoro Rivadavia",
            ),
            (
                "Diagonal Santa Fe N° 3314, San Miguel de Tucumán",
                "Diagonal Santa Fe N° 3314, San Miguel de Tucumán",
            ),
            (
                "Ramón Picarte 1815, Quellón, Región de Los Lagos",
                "Ramón Picarte 1815, Quellón, Región de Los Lagos",
            ),
            (
                "住所は愛媛県東村山市鍛冶ケ沢24丁目4番18号です",
                "愛媛県東村山市鍛冶ケ沢24丁目4番18号",
            ),
            ("北京市朝阳区建国路88号", "北京市朝阳区建国路88号"),
            ("879 蘆竹市自立路848號之7", "879 蘆竹市自立路848號之7"),
            (
                "대구광역시 서대문구 학동로 60 (도현이동)",
                "대구광역시 서대문구 학동로 60 (도현이동)",
            ),
            (
                "สงขลา: 18/1 ถ.ธรรมสถิตไพศาล บางโรงเหนือ อ่างทอง 85430",
                "18/1 ถ.ธรรมสถิตไพศาล บางโรงเหนือ อ่างทอง 85430",
            ),
            ("სიონის ქ. 81, რუსთავი", "სიონის ქ. 81, რუსთავი"),
            ("Διεύθυνση: Βρακά 8, Μυτιλήνη", "Βρακά 8, Μυτιλήνη"),
            ("כתובת: הרב ניסים 76, גיתית", "הרב ניסים 76, גיתית"),
            ("Адрес: Тверская 7, Москва", "Тверская 7, Москва"),
            (
                "350 5th Avenue, New York, NY 10118",
                "350 5th Avenue, New York, NY 10118",
            ),
            ("Mail 123 N Main St, Springfield today", "123 N Main St"),
            ("Số 4 đường Lê Duẩn, TP. Cần Thơ", "Số 4 đường Lê Duẩn, TP. Cần Thơ"),
            (
                "7/23/726 đường Nguyễn Trãi Xã Tân An Thành phố Đà Nẵng 56149",
                "7/23/726 đường Nguyễn Trãi Xã Tân An",
            ),
            ("ք. Աշտարակ, 0543, Ոսկերիչների 929", "ք. Աշտարակ, 0543, Ոսկերիչների 929"),
            (
                "Şəki şəhəri, 28 MAY küç., b. 8, m. 0",
                "Şəki şəhəri, 28 MAY küç., b. 8, m. 0",
            ),
            ("chemin Curdy 3, Privet am Rhein", "chemin Curdy 3, Privet"),
            (
                "9754 chemin Simone Apt. 194, Drouin, NT M9C7E3",
                "9754 chemin Simone Apt. 194, Drouin",
            ),
            (
                "Viaducto Sur Beltrán 159 Edif. 083 , Depto. 016, San Darío de la Montaña, COL 09139-0996",
                "Viaducto Sur Beltrán 159 Edif. 083 , Depto. 016, San Darío",
            ),
        ] {
            let got = found(t);
            assert!(got.iter().any(|f| f.contains(address)), "{t}: {got:?}");
        }
        // Text of the same shapes with no address in it.
        for t in [
            "In 2019 Grand Rapids, Michigan",
            "3 Fairy Lights, White",
            "Windows 10, 20000 Users",
            "Az út 5 km, Budapest felé",
            "Глава 3, стр. 5, Москва",
            "Άρθρο 5, Παράγραφος 2",
            "פרק 3, סעיף 4",
            "Gang of Four No. 1 hit, London",
            "Version 2, Build 2024",
            "第3号",
            "Meet 5 Happy people at noon, Dr Smith said",
            "3 người ở Thành phố Hà Nội",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    #[test]
    fn european_street_addresses_with_their_postcode_and_city() {
        for t in [
            "Lieferung an Hauptstra\u{df}e 5, 10115 Berlin bitte",
            "woont op Kerkstraat 12, 1017 GC Amsterdam.",
            "envoyer au 12 rue de la Paix, 75002 Paris",
            "Calle Mayor 5, 28013 Madrid",
            "spedire a Via Roma 10, 00184 Roma",
            "Rua Augusta 100, 1100-053 Lisboa",
            "adres: ul. Marsza\u{142}kowska 10, 00-001 Warszawa",
            "Drottninggatan 5, 111 51 Stockholm",
            "Oda-Prei\u{df}-Stra\u{df}e 1, 90404 Sangerhausen",
            "Sauerplatz 30/64, 39441 Neunburg vorm Wald",
            "Floortjedreef 28, 1012 TX, Baard",
            "R. Mota, 5, 9468-695 \u{cd}lhavo",
            "ul. Moniuszki 78/87, 51-655 Legnica",
            "Gyldenlakvej 186, 5290 Lejre",
        ] {
            assert_eq!(entities(t), ["POSTAL_ADDRESS"], "{t}");
        }
        // The city and its ZIP code or postcode belong to the address.
        for (t, addr) in [
            (
                "Ship to 745 Evergreen Terrace, Springfield, IL 62704 today.",
                "745 Evergreen Terrace, Springfield, IL 62704",
            ),
            (
                "He lives at 10 Downing Street, London SW1A 2AA since 2019.",
                "10 Downing Street, London SW1A 2AA",
            ),
            ("Stay at H.No. 256, Chand Path, Dibrugarh", "256, Chand Path, Dibrugarh"),
            (
                "h. no. 12a, Gandhi Nagar, Pune 411001.",
                "12a, Gandhi Nagar, Pune 411001",
            ),
            (
                "send it to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please",
                "1600 Pennsylvania Avenue NW, Washington, DC 20500",
            ),
            ("48 Church Road, Bristol BS1 4DJ", "48 Church Road, Bristol BS1 4DJ"),
            (
                "12 High Street, Milton Keynes MK9 2AB",
                "12 High Street, Milton Keynes MK9 2AB",
            ),
            (
                "deliver to 6507 Jackson Crescent Suite 034, Lake John, MO 65579 before Friday",
                "6507 Jackson Crescent Suite 034, Lake John, MO 65579",
            ),
            (
                "at 12 Oak Grove Apt. 5, Dover, DE 19901",
                "12 Oak Grove Apt. 5, Dover, DE 19901",
            ),
            (
                "at 12 King Street, Toronto, ON M5V 2T6 now",
                "12 King Street, Toronto, ON M5V 2T6",
            ),
            (
                "at 5 George Street, Sydney NSW 2000 now",
                "5 George Street, Sydney NSW 2000",
            ),
            // No postcode: the street line alone.
            ("at 221B Baker Street, London, in 1890", "221B Baker Street"),
            // A rarer street word counts with its city.
            (
                "Office: 1 Infinite Loop, Cupertino, CA 95014",
                "1 Infinite Loop, Cupertino, CA 95014",
            ),
            ("meet at 45 Willow Cove, Austin tomorrow", "45 Willow Cove, Austin"),
            ("Moved: 8666 Garcia Roads, Brownland.", "8666 Garcia Roads, Brownland"),
            (
                "x 43373 Hodges Hill Apt. 979, East Todd. y",
                "43373 Hodges Hill Apt. 979, East Todd",
            ),
            (
                "at 46 Contreras Meander, New Juliestad",
                "46 Contreras Meander, New Juliestad",
            ),
            // European streets with their city and no postcode.
            (
                "Wohnhaft in der Lindenallee 12, K\u{f6}ln.",
                "Lindenallee 12, K\u{f6}ln",
            ),
            ("Vive en Calle Mayor 10, Madrid.", "Calle Mayor 10, Madrid"),
            ("Bor p\u{e5} Storgatan 5, Stockholm.", "Storgatan 5, Stockholm"),
            (
                "Mieszka przy ul. Marsza\u{142}kowskiej 10, Warszawa.",
                "ul. Marsza\u{142}kowskiej 10, Warszawa",
            ),
            // A flat after the house number; a British flat before its
            // street.
            (
                "En Plaza de Esteban Rius 659 Apt. 89 , Lleida. Gracias",
                "Plaza de Esteban Rius 659 Apt. 89 , Lleida",
            ),
            (
                "Consegna: oggi. Strada Sibilia, 8 Appartamento 21, 33061, Rivignano (UD)",
                "Strada Sibilia, 8 Appartamento 21, 33061, Rivignano",
            ),
            (
                "Noted. Flat 07, Manning Roads, Hopkinsburgh, TN3W 9HU. Thanks",
                "Flat 07, Manning Roads, Hopkinsburgh, TN3W 9HU",
            ),
            // Any street name with the three-and-two-digit postcode and
            // its city (Czech, Slovak, Swedish, Greek).
            (
                "Ship to V H\u{e1}jk\u{e1}ch 119, 537 86 Mnichovice",
                "V H\u{e1}jk\u{e1}ch 119, 537 86 Mnichovice",
            ),
            (
                "bydl\u{ed} na adrese Ch\u{e1}dkova 901, 159 08 Bo\u{17e}\u{ed} Dar.",
                "Ch\u{e1}dkova 901, 159 08 Bo\u{17e}\u{ed}",
            ),
            (
                "\u{160}tef\u{e1}nikova 12/3, 811 05 Bratislava",
                "\u{160}tef\u{e1}nikova 12/3, 811 05 Bratislava",
            ),
            // Norwegian streets glued to their word.
            (
                "Bor i Solhaugen 6, 8301 Mosj\u{f8}en.",
                "Solhaugen 6, 8301 Mosj\u{f8}en",
            ),
            ("Bor i Granbr\u{e5}ten 3, Oslo.", "Granbr\u{e5}ten 3, Oslo"),
        ] {
            assert_eq!(spans(&detector(), t, "POSTAL_ADDRESS"), [addr], "{t}");
        }
        // A street word and a number, but no postcode and city.
        for t in [
            "via email 10 times",
            "Hauptstra\u{df}e 5 ist gesperrt",
            "place 3 orders, 2024 Report",
            // A rarer street word with no city; a street word in lower
            // case with no postcode.
            "we sold 45 Willow Cove units",
            "sent via DHL 3, Then it arrived",
            "We met 3 Ridge, and then",
            "won 3 Grand Prix Points, and",
            "Chapter 3 the Long View, Penguin",
            // A year is no house number where the form is loose; `et al.`
            // is no street.
            "In 2019 Grand Rapids, Michigan hosted it",
            "Since 2015 Colorado Springs, Colorado grew",
            "Vaswani et al. Attention is all you need. NeurIPS 2017, Long Beach",
            "the 45 round loop, Then",
            // A year before the comma, the street's words before it.
            "Written on Via 5 Maggio 2019, Then",
            // Three-and-two digits that are an amount.
            "Invoice 12, 150 00 kr paid",
            "Total 5, 100 00 items",
            "in version 4, 123 45 Units",
        ] {
            assert_eq!(entities(t), Vec::<&str>::new(), "{t}");
        }
        // Part of a phone number.
        assert!(!entities("Ring Anna 5, 070 123 45 67").contains(&"POSTAL_ADDRESS"));
    }

    #[test]
    fn addresses_after_a_cue_word_in_any_form() {
        let d = detector();
        let span = |t| spans(&d, t, "POSTAL_ADDRESS");
        for (t, addr) in [
            (
                "Adres: K\u{fc}lt\u{fc}r Mah. Yaman Sok. No:126, 17854 Kar\u{15f}\u{131}yaka/\u{130}zmir",
                "K\u{fc}lt\u{fc}r Mah. Yaman Sok. No:126, 17854 Kar\u{15f}\u{131}yaka/\u{130}zmir",
            ),
            (
                "\u{627}\u{644}\u{639}\u{646}\u{648}\u{627}\u{646}: 8668 \u{634}\u{627}\u{631}\u{639} \u{627}\u{644}\u{645}\u{62f}\u{64a}\u{646}\u{629}\u{60c} \u{627}\u{644}\u{637}\u{627}\u{626}\u{641} 15658",
                "8668 \u{634}\u{627}\u{631}\u{639} \u{627}\u{644}\u{645}\u{62f}\u{64a}\u{646}\u{629}\u{60c} \u{627}\u{644}\u{637}\u{627}\u{626}\u{641} 15658",
            ),
            (
                "\u{92a}\u{924}\u{93e}: 93/6752 \u{930}\u{93e}\u{91c}\u{94d}\u{92f}, \u{926}\u{947}\u{935}\u{917}\u{95d}-312041",
                "93/6752 \u{930}\u{93e}\u{91c}\u{94d}\u{92f}, \u{926}\u{947}\u{935}\u{917}\u{95d}-312041",
            ),
            (
                "Ship to Flat 53, Johnson Ridge, South Hilarystad, BT1P 7GS",
                "Flat 53, Johnson Ridge, South Hilarystad, BT1P 7GS",
            ),
            (
                "Ann Lee lives at 8666 Garcia Roads, Brownland. Then",
                "8666 Garcia Roads, Brownland",
            ),
            (
                "Ship to Incrocio Dario, 27 Piano 1, 25048, Sonico (BS)",
                "Incrocio Dario, 27 Piano 1, 25048, Sonico (BS)",
            ),
            (
                "Home address: Avenida de Priscila Bueno 27 Apt. 49 , Girona, 47964",
                "Avenida de Priscila Bueno 27 Apt. 49 , Girona, 47964",
            ),
            (
                "Adresse : 3 Spencer Ports, Hendersonfort",
                "3 Spencer Ports, Hendersonfort",
            ),
            // The house number after its mark, a street's abbreviation
            // and an ordinal before it.
            (
                "Adres: Kaz\u{131}m Karabekir Sk. No:93 D:3, 06690 \u{c7}ankaya/Ankara",
                "Kaz\u{131}m Karabekir Sk. No:93 D:3, 06690 \u{c7}ankaya/Ankara",
            ),
            (
                "Adres: Cumhuriyet Mah. 1203. Sk. No:179 D:2, 07100 Muratpa\u{15f}a/Antalya. Sonra",
                "Cumhuriyet Mah. 1203. Sk. No:179 D:2, 07100 Muratpa\u{15f}a/Antalya",
            ),
            (
                "Direcci\u{f3}n: Calle Mayor n\u{ba} 5, 28013 Madrid",
                "Calle Mayor n\u{ba} 5, 28013 Madrid",
            ),
            (
                "LOCATION:Fevzi \u{c7}akmak Cad. No:60 D:15, 34662 \u{dc}sk\u{fc}dar/\u{130}stanbul",
                "Fevzi \u{c7}akmak Cad. No:60 D:15, 34662 \u{dc}sk\u{fc}dar/\u{130}stanbul",
            ),
            (
                "bydl\u{ed} na Ben\u{e1}kova 4, M\u{fd}to.",
                "Ben\u{e1}kova 4, M\u{fd}to",
            ),
            // Found by its form too: that match, which knows where the
            // address ends, and the postcode or city words after it.
            (
                "He lives at 10 Downing Street, London SW1A 2AA since 2019.",
                "10 Downing Street, London SW1A 2AA",
            ),
            // All in lower case, as a transcript writes it.
            (
                "the new address is 805 campos trail, michaelside, id 36858",
                "805 campos trail, michaelside, id 36858",
            ),
            (
                "the new address is 973 mills pass, north joel, b23 5fh",
                "973 mills pass, north joel, b23 5fh",
            ),
            (
                "the new address is flat 46s, bailey valley, hayleyborough, b05 9dr",
                "flat 46s, bailey valley, hayleyborough, b05 9dr",
            ),
            (
                "the new address is 4 wyatt rest, north garrett, sa, 2935",
                "4 wyatt rest, north garrett, sa, 2935",
            ),
            (
                "the new address is 9489 cunningham prairie suite 067, coxport, gu 94119",
                "9489 cunningham prairie suite 067, coxport, gu 94119",
            ),
            // An inflected noun, words between it and its colon, `is` in other
            // languages, and Swahili's house number.
            (
                "<p>\u{410}\u{434}\u{440}\u{435}\u{441}\u{430} \u{437}\u{430} \u{434}\u{43e}\u{441}\u{442}\u{430}\u{432}\u{443}: \u{426}\u{430}\u{440}\u{430} \u{414}\u{443}\u{448}\u{430}\u{43d}\u{430} 227, 11000 \u{411}\u{435}\u{43e}\u{433}\u{440}\u{430}\u{434}</p>",
                "\u{426}\u{430}\u{440}\u{430} \u{414}\u{443}\u{448}\u{430}\u{43d}\u{430} 227, 11000 \u{411}\u{435}\u{43e}\u{433}\u{440}\u{430}\u{434}",
            ),
            (
                "Address for delivery: 14 Harbour Street, Leeds LS1 4AB",
                "14 Harbour Street, Leeds LS1 4AB",
            ),
            (
                "Anwani yangu ni Nyumba Na. 12, Moi Avenue, Mombasa.",
                "Nyumba Na. 12, Moi Avenue, Mombasa",
            ),
            (
                "Niko Nyumba Na. 23, Argwings Kodhek Road, Kilimani, Nairobi. KRA",
                "23, Argwings Kodhek Road, Kilimani, Nairobi",
            ),
            (
                "\u{5e0}\u{5d5}\u{5dc}\u{5d3}\u{5ea}\u{5d9}, \u{5d5}\u{5d4}\u{5db}\u{5ea}\u{5d5}\u{5d1}\u{5ea} \u{5e9}\u{5dc}\u{5d9} \u{5d4}\u{5d9}\u{5d0} \u{5e8}\u{5d7}\u{5d5}\u{5d1} \u{5d1}\u{5df} \u{5d9}\u{5d4}\u{5d5}\u{5d3}\u{5d4} 81, \u{5d3}\u{5d9}\u{5e8}\u{5d4} 29, \u{5d9}\u{5e8}\u{5d5}\u{5e9}\u{5dc}\u{5d9}\u{5dd} 5343082.",
                "\u{5e8}\u{5d7}\u{5d5}\u{5d1} \u{5d1}\u{5df} \u{5d9}\u{5d4}\u{5d5}\u{5d3}\u{5d4} 81, \u{5d3}\u{5d9}\u{5e8}\u{5d4} 29, \u{5d9}\u{5e8}\u{5d5}\u{5e9}\u{5dc}\u{5d9}\u{5dd} 5343082",
            ),
            // Persian: street and plate words, Persian digits.
            (
                "\u{622}\u{62f}\u{631}\u{633} \u{62a}\u{62d}\u{648}\u{6cc}\u{644}: \u{634}\u{6cc}\u{631}\u{627}\u{632}\u{60c} \u{62e}\u{6cc}\u{627}\u{628}\u{627}\u{646} \u{634}\u{631}\u{6cc}\u{639}\u{62a}\u{6cc}\u{60c} \u{67e}\u{644}\u{627}\u{6a9} \u{6f2}\u{6f9}<|eot_id|>",
                "\u{634}\u{6cc}\u{631}\u{627}\u{632}\u{60c} \u{62e}\u{6cc}\u{627}\u{628}\u{627}\u{646} \u{634}\u{631}\u{6cc}\u{639}\u{62a}\u{6cc}\u{60c} \u{67e}\u{644}\u{627}\u{6a9} \u{6f2}\u{6f9}",
            ),
        ] {
            assert_eq!(span(t), [addr], "{t}");
        }
        for t in [
            "the new address is 3 main street, i think",
            "the new address is flat 4, i think, 12345",
            "my address is 4 years old, sa, 2935",
            "ship to 3 main street, then 2 more, 12345 units",
            "ship to Germany by 2025, then",
            "lives at home, Then",
            "LOCATION:Room 4B",
            "Location: Building 5, Floor 2",
            "ship to 3 customers, Then",
            "Address: unknown, ask",
            "the address 12 Main, Then",
            "moved to Python 3, Then",
            "lives at 2019 Berlin, Then",
            "The server lives at 10.0.0.5, Port 8080",
            "deliver to 5, Then",
            "{\"address\": \"5 Main, X\"}",
            "The address is verified: yes, 12 checks",
            "IP address: 10.0.0.1, port 80",
            "Email address of the team: Sales 4, Then",
            // Persian without a street word.
            "\u{622}\u{62f}\u{631}\u{633}: \u{634}\u{6cc}\u{631}\u{627}\u{632} \u{6f2}\u{6f9}",
        ] {
            assert!(span(t).is_empty(), "{t}: {:?}", span(t));
        }
    }

    #[test]
    fn keys_named_in_prose_connection_strings_signers_and_birthplaces() {
        let d = detector();
        for (t, secret) in [
            ("the monitoring token is aebca8ebc82b98fdae5ea7e40be8ae0b", "aebca8ebc82b98fdae5ea7e40be8ae0b"),
            ("mailgun still uses key-1d265633763bca92e99e912afc28ff7c -- rotate", "key-1d265633763bca92e99e912afc28ff7c"),
            (
                "conn=DefaultEndpointsProtocol=https;AccountName=st;AccountKey=dzK+7sdyul/6wRZGi0BAKfItyBr/u/zNFIshWJ3L1nnKeOJ7i8kGaZFyX/j4fIRBjb7nD+WTMhQxceg0mrJ+mQ==;EndpointSuffix=core.windows.net",
                "dzK+7sdyul/6wRZGi0BAKfItyBr/u/zNFIshWJ3L1nnKeOJ7i8kGaZFyX/j4fIRBjb7nD+WTMhQxceg0mrJ+mQ==",
            ),
        ] {
            let all: Vec<&str> = d
                .detect(t.as_bytes(), "t.txt", &|_| None)
                .iter()
                .map(|h| &t[h.start..h.end])
                .collect();
            assert!(all.contains(&secret), "{t}: {all:?}");
        }
        // A digest named as one in prose is none.
        assert!(spans(&d, "the md5 hash is aebca8ebc82b98fdae5ea7e40be8ae0b", "SECRET").is_empty());
        for (t, name, dob) in [
            (
                "Il sottoscritto Mario Bianchi, nato a Roma il 3 marzo 1970",
                "Mario Bianchi",
                "3 marzo 1970",
            ),
            (
                "Je soussign\u{e9}(e) Michel Coulon, n\u{e9}(e) le 2 octobre 1966",
                "Michel Coulon",
                "2 octobre 1966",
            ),
            ("She was born in New York on March 3, 1970.", "", "March 3, 1970"),
            ("nacida en Sevilla el 4 de mayo de 1981", "", "4 de mayo de 1981"),
            ("Date of birth (3 September 1982) and address", "", "3 September 1982"),
            ("DOB (12/03/1980) on file", "", "12/03/1980"),
        ] {
            if !name.is_empty() {
                assert_eq!(spans(&d, t, "PERSON_NAME"), [name], "{t}");
            }
            assert_eq!(spans(&d, t, "DATE_OF_BIRTH"), [dob], "{t}");
        }
        assert!(spans(&d, "NATO in Brussels on 4 April 1949", "DATE_OF_BIRTH").is_empty());
        // A netmask and the MAC addresses documentation writes are no one's.
        assert!(spans(&d, "netmask 255.255.255.0 and 255.255.240.0", "IP_ADDRESS").is_empty());
        assert_eq!(spans(&d, "gateway 255.255.255.7", "IP_ADDRESS"), ["255.255.255.7"]);
        assert!(spans(
            &d,
            "\"mac\": \"aa:bb:cc:dd:ee:ff\", \"m2\": \"12:34:56:78:9A:BC\"",
            "MAC_ADDRESS"
        )
        .is_empty());
        // Passwords a person chose, after their word and a colon.
        for (t, pw) in [
            ("Passwort: x13v0MS=oR#", "x13v0MS=oR#"),
            ("Senha do wi-fi: A5&*En2G6AkI6*6y", "A5&*En2G6AkI6*6y"),
            (
                "\u{41f}\u{430}\u{440}\u{43e}\u{43b}\u{44c}: Wb7#kLm2pQ9z",
                "Wb7#kLm2pQ9z",
            ),
        ] {
            assert_eq!(spans(&d, t, "SECRET"), [pw], "{t}");
        }
        for t in [
            "Password: Required",
            "password reset link sent to: john.smith2@gmail.com",
            "api_key: Abc12345",
        ] {
            assert!(spans(&d, t, "SECRET").is_empty(), "{t}");
        }
        for t in ["Name: NOT PROVIDED\n", "Customer: N/A\n"] {
            assert!(spans(&d, t, "PERSON_NAME").is_empty(), "{t}");
        }
        for (t, dob) in [
            ("Syntynyt 30. joulukuuta 1972", "30. joulukuuta 1972"),
            ("F\u{f6}dd 1991-08-23\n", "1991-08-23"),
            ("F\u{f8}dt den 06.04.2000\n", "06.04.2000"),
            ("urodzony 03.03.1986 w Krakowie", "03.03.1986"),
            ("F\u{f6}dd 18 maj 1970\n", "18 maj 1970"),
            ("Datum narozen\u{ed}: 4. 4. 1955\n", "4. 4. 1955"),
            ("Sz\u{fc}let\u{e9}si d\u{e1}tumom: 1945. 11. 20..\n", "1945. 11. 20"),
            ("Naci\u{f3} el 21-06-1941 en Sevilla.", "21-06-1941"),
            ("Nasceu em 14/02/1973, segundo o cadastro.", "14/02/1973"),
            (
                "\u{91c}\u{928}\u{94d}\u{92e} \u{924}\u{93f}\u{925}\u{93f}: 19 \u{92b}\u{93c}\u{930}\u{935}\u{930}\u{940} 2001",
                "19 \u{92b}\u{93c}\u{930}\u{935}\u{930}\u{940} 2001",
            ),
        ] {
            assert_eq!(spans(&d, t, "DATE_OF_BIRTH"), [dob], "{t}");
        }
        for (t, name) in [
            ("Hallo, ich hei\u{df}e Greta Peters und brauche", "Greta Peters"),
            ("Mit navn er Rebekka Hansen, CPR-nr.", "Rebekka Hansen"),
            ("SIN 721 954 881 on file for Laura Vang.", "Laura Vang"),
            ("Bitte \u{fc}berweisen (Kontoinhaber: Eduard Voigt).", "Eduard Voigt"),
            ("Titular: OMAR MILL\u{c1}N\n", "OMAR MILL\u{c1}N"),
            (
                "\u{41c}\u{435}\u{43d}\u{435} \u{437}\u{432}\u{430}\u{442}\u{438} \u{490}\u{435}\u{440}\u{435}\u{442}\u{430} \u{412}\u{456}\u{43a}\u{442}\u{43e}\u{440}\u{456}\u{44f}, \u{43c}\u{456}\u{439}",
                "\u{490}\u{435}\u{440}\u{435}\u{442}\u{430} \u{412}\u{456}\u{43a}\u{442}\u{43e}\u{440}\u{456}\u{44f}",
            ),
            ("ACCOUNT HOLDER KEVIN OLSEN IBAN FI2112345600000785", "KEVIN OLSEN"),
        ] {
            assert_eq!(spans(&d, t, "PERSON_NAME"), [name], "{t}");
        }
    }

    #[test]
    fn password_words_are_the_assignment_words_before_secret() {
        assert_eq!(PASSWORD_WORDS.last(), Some(&"\u{be44}\u{bc00}\u{bc88}\u{d638}"));
        assert_eq!(ASSIGNMENT_WORDS[PASSWORD_WORDS.len()], "secret");
    }

    #[test]
    fn placeholder_people_places_tokens_and_group_macs_are_none() {
        let d = detector();
        for (t, entity) in [
            ("Test user John Q. Public (qa) was created", "PERSON_NAME"),
            ("Name: Jane Doe\n", "PERSON_NAME"),
            ("Exempel: Sven Svensson, ring", "PERSON_NAME"),
            ("Nimi: Matti Meik\u{e4}l\u{e4}inen\n", "PERSON_NAME"),
            ("\u{424}\u{418}\u{41e}: \u{418}\u{432}\u{430}\u{43d} \u{418}\u{432}\u{430}\u{43d}\u{43e}\u{432}\n", "PERSON_NAME"),
            ("The sample address 123 Main St, Anytown, USA appears", "POSTAL_ADDRESS"),
            ("Ship to 123 Fake Street, London", "POSTAL_ADDRESS"),
            ("token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c is fine", "JWT"),
            ("multicast group 01:00:5e:65:4d:16 joined", "MAC_ADDRESS"),
            ("multicast group 3333.ecd6.ae41 joined", "MAC_ADDRESS"),
            ("mail ann.lee@shop.test", "EMAIL"),
            ("broadcast 255.255.255.255 is reserved", "IP_ADDRESS"),
        ] {
            assert!(spans(&d, t, entity).is_empty(), "{t}: {:?}", spans(&d, t, entity));
        }
        // Real people and devices beside them are still found.
        assert_eq!(spans(&d, "Name: Jane Dole\n", "PERSON_NAME"), ["Jane Dole"]);
        assert_eq!(
            spans(&d, "host 00:1a:2b:3c:4d:5e up", "MAC_ADDRESS"),
            ["00:1a:2b:3c:4d:5e"]
        );
        assert_eq!(
            spans(&d, "mail catherine93@example.com", "EMAIL"),
            ["catherine93@example.com"]
        );
    }

    #[test]
    fn names_after_a_salutation_and_a_title_or_thanks() {
        let d = detector();
        let names = |t| spans(&d, t, "PERSON_NAME");
        for (t, name) in [
            ("Sehr geehrte Frau Zirme,\nvielen Dank", "Zirme"),
            ("Sehr geehrter Herr von Baumann,\n", "von Baumann"),
            ("Geachte heer Jansen,\n", "Jansen"),
            ("Geachte mevrouw De Vries,\n", "De Vries"),
            ("Ch\u{e8}re Madame Dupont,\n", "Dupont"),
            ("Estimado Sr. Garc\u{ed}a:\n", "Garc\u{ed}a"),
            ("Gentile Sig.ra Rossi,\n", "Rossi"),
            ("Szanowny Panie Kowalski,\n", "Kowalski"),
            ("Dear Ms. Patel,\nThank you", "Patel"),
            ("Dear Mr Oakley\n", "Oakley"),
            ("ja \u{2013} Frau/Herr Zirme, erreichbar unter", "Zirme"),
            ("Atendente: Obrigado, Nina. Confirma a data?", "Nina"),
            ("Agent: Thanks, Nina Lopez! Can you confirm", "Nina Lopez"),
            ("Herr Zirme ist unter 0421 erreichbar", "Zirme"),
            ("Pan Lisowicz napisa\u{142} z adresu", "Lisowicz"),
            ("Contactpersoon: dhr. Mik Berg\n", "Mik Berg"),
            ("Il sig. Guerrieri ha scritto", "Guerrieri"),
            ("Attendees: Ruben Labado, Ana Lima and Bo Chen\n", "Ruben Labado"),
            ("the Landlord: Jessica Murphy, of 3095 Davis Locks", "Jessica Murphy"),
            ("Next of kin: Ekiya Rege (daughter), tel.", "Ekiya Rege"),
            ("Witness: Kevin B\u{e4}rer, contact", "Kevin B\u{e4}rer"),
            ("Signed: Jessica Murphy (Landlord)", "Jessica Murphy"),
            (
                "**Orlando Jilani** ha scritto (2022-05-22 23:39:08):\n",
                "Orlando Jilani",
            ),
        ] {
            assert!(names(t).first() == Some(&name), "{t}: {:?}", names(t));
        }
        // A company's legal form in the name or right after it.
        for t in [
            "Landlord: Acme Properties Ltd\n",
            "Client: Acme Holdings GmbH\n",
            "Owner: Brightside Co.\n",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
        assert_eq!(
            names("Attendees: Ruben Labado, Ana Lima and Bo Chen\n"),
            ["Ruben Labado", "Ana Lima", "Bo Chen"]
        );
        for t in [
            "Sehr geehrte Kundin, sehr geehrter Kunde,\n",
            "Sehr geehrte Damen und Herren,\n",
            "Dear Sir or Madam,\n",
            "Dear Ms.\n",
            "Thanks, Team!\n",
            "Thanks, Bye.\n",
            "thanks, this works.\n",
            "**moderatore** ha risposto:\n",
            "Herr Doktor, bitte kommen",
            "We flew Pan Am to Rome.",
            "Sr. Data Scientist\n",
            "Mrs Technology\n",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
        // Only a list's cue goes on past the first name.
        assert!(!names("Customer: Acme Ltd, Beta Corp and Gamma Inc\n").contains(&"Beta Corp"));
    }

    #[test]
    fn names_after_their_word_in_other_scripts() {
        let d = detector();
        let names = |t| spans(&d, t, "PERSON_NAME");
        for (t, name) in [
            ("ФИО: Иван Петров, менеджер", "Иван Петров"),
            ("Клиент: Гостомысл Дорофеева\nТекст", "Гостомысл Дорофеева"),
            ("客户：王洁，身份证号", "王洁"),
            ("Aanwezig: Jolijn Meyer (klant), Inaya", "Jolijn Meyer"),
            ("Client : Colette Charrier \u{2013} t\u{e9}l. 05 24", "Colette Charrier"),
            ("G\u{f3}\u{f0}an dag, \u{e9}g heiti Kristfr\u{ed}\u{f0}ur Johnsson, kennitala", "Kristfr\u{ed}\u{f0}ur Johnsson"),
            ("Po\u{161}tovani, moje ime je Barica Pikec, OIB", "Barica Pikec"),
            ("\u{417}\u{434}\u{440}\u{430}\u{432}\u{435}\u{439}\u{442}\u{435}, \u{43a}\u{430}\u{437}\u{432}\u{430}\u{43c} \u{441}\u{435} \u{410}\u{432}\u{440}\u{43e}\u{440} \u{41f}\u{43e}\u{430}\u{43a}\u{43e}\u{432}, \u{415}\u{413}\u{41d}", "\u{410}\u{432}\u{440}\u{43e}\u{440} \u{41f}\u{43e}\u{430}\u{43a}\u{43e}\u{432}"),
            ("Ім'я: Олена Коваленко", "Олена Коваленко"),
            ("Όνομα: Γιώργος Παπαδόπουλος", "Γιώργος Παπαδόπουλος"),
            ("姓名：王秀英，电话", "王秀英"),
            ("氏名: 山田太郎", "山田太郎"),
            ("이름: 김민준", "김민준"),
            ("Name: Иван Петров", "Иван Петров"),
            ("مرحبا، اسمي محمد أحمد", "محمد أحمد"),
            ("الاسم: فاطمة الزهراء", "فاطمة الزهراء"),
            ("שלום, שמי דוד כהן", "דוד כהן"),
            ("ชื่อ สมชาย ใจดี", "สมชาย ใจดี"),
            ("Merhaba, adım Ayşe Yılmaz.", "Ayşe Yılmaz"),
            ("Adı Soyadı: Mehmet Öztürk", "Mehmet Öztürk"),
            ("Bună ziua, mă numesc Ioana Popescu.", "Ioana Popescu"),
            ("Numele meu este Ștefan Ionescu", "Ștefan Ionescu"),
            ("Halo, nama saya Budi Santoso.", "Budi Santoso"),
            (
                "BEGIN:VCARD\nVERSION:3.0\nFN:Okanay Sezer\nTEL:+90 532 000 00 00\n",
                "Okanay Sezer",
            ),
            (
                "12.03.24, 10:17 - Tecimer Korutürk: Merhaba, numaram kaydeder misin",
                "Tecimer Korutürk",
            ),
            ("[12/03/2024, 12:02:35] Lajita Dada: my aadhaar is", "Lajita Dada"),
            (
                "ATTENDEE;CN=Okanay Sezer;ROLE=REQ-PARTICIPANT:mailto:o@example.org",
                "Okanay Sezer",
            ),
            ("ORGANIZER;CN=\"Ana Lima\":mailto:ana@example.org", "Ana Lima"),
            (
                "ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;CN=\r\n 김예준;X-NUM-GUESTS=0:mailto:o@kakao.com",
                "김예준",
            ),
            ("3/12/24, 9:05\u{202f}PM - דוד: שלום", "דוד"),
            ("13:47\tเรืองเกียรติ ราชมณี\tโอนมาที่นี่นะ", "เรืองเกียรติ ราชมณี"),
            ("1:05 PM\tSomchai Jaidee\tok", "Somchai Jaidee"),
            ("Omer Shapira  0:00\nWelcome back everybody.", "Omer Shapira"),
            ("Tamar Peretz (01:14): Thanks everyone.", "Tamar Peretz"),
            ("From: \"सीता नायर\" <ssinh@gmail.com>\nSubject: hi", "सीता नायर"),
            ("Subject: x\nTo: 坂本陽一 <ryosuke@arcadia-telecom.es>\n", "坂本陽一"),
            ("Cc: \"김성민\" <seoyeon04@kakao.com>", "김성민"),
            ("Name: 王秀英\nPhone", "王秀英"),
            ("between the Landlord: 김성민, of 대전", "김성민"),
            ("Reporting person: 王洁, DOB 1990", "王洁"),
            ("Officer in charge: PC Dawn Evans, badge 1208.", "Dawn Evans"),
            ("CURRICULUM VITAE Navn: Eskil Hed F\u{f8}dselsdato:", "Eskil Hed"),
            ("From: \"شيماء الجميل\" <hn@example.sa>", "شيماء الجميل"),
        ] {
            assert_eq!(names(t), [name], "{t}");
        }
        for t in [
            "Customer 满意度 report",
            "To: 我们的团队",
            "To: 我们的团队 <team@example.cn>, 王洁 <w@example.cn>",
            "Customer name: 满意度调查",
            "Username: 王秀英",
            "Note: 坂本陽一 <ryosuke@arcadia-telecom.es>",
            "From: 坂本陽一 <ryosuke at arcadia>",
            "Subject: 坂本陽一 <ryosuke@arcadia-telecom.es>",
            "客户服务热线 请拨打",
            "наш клиент Иван Петров",
            "Dear 客户",
            "Customer: عميل جديد",
            "השמיים כחולים היום",
            "ชื่อเสียง ของบริษัท",
            "12.03.24, 10:19 - +90 552 112 79 63: TC kimlik",
            "12.03.24, 10:14 - Messages and calls are end-to-end encrypted.",
            "2024-03-12 10:17:00 - worker: started",
            "12.03.24, 10:15 - INFO: started",
            "13:47\t1-3871-86213-07-9\tok",
            "113:47\tSomchai Jaidee\tok",
            "Speaker 1  0:00\nWelcome back.",
            "Total  12:30",
            "Meeting starts (10:00): room 4",
            "Start Time  10:00",
            "Lunch Break (12:30): canteen",
            "subject=CN=Go Daddy Secure Certificate Authority, O=GoDaddy",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }

    #[test]
    fn names_and_birth_dates_after_is() {
        assert_eq!(entities("Hello, my name is Jane Dole."), ["PERSON_NAME"]);
        assert_eq!(entities("Her date of birth is 14/03/1985."), ["DATE_OF_BIRTH"]);
        assert_eq!(entities("my bday is June 5, 1994, what's my sign"), ["DATE_OF_BIRTH"]);
        assert_eq!(
            entities("My birthday is 11th of March 1977. Which planet"),
            ["DATE_OF_BIRTH"]
        );
        assert_eq!(
            entities("Ik ben fotograaf. Geboren op 5 oktober 1963."),
            ["DATE_OF_BIRTH"]
        );
        assert_eq!(entities("Madame, né(e) le 19/10/1980, merci"), ["DATE_OF_BIRTH"]);
        // A death notice's star and cross; not a list's star with no cross.
        assert!(entities("Stanislaw Zimmer\n* 25.09.1985   \u{2020} 12.08.2023\n").contains(&"DATE_OF_BIRTH"));
        assert!(!entities("Release notes\n* 25.09.2023 fixed the parser\n").contains(&"DATE_OF_BIRTH"));
        assert_eq!(entities("The name is missing"), Vec::<&str>::new());
        // Sign-offs and the headers of e-mails and commits.
        for t in [
            "Best regards, Jane Dole",
            "Kind regards,\nJane Dole",
            "Kind regards,\nJeremy",
            "Best,\n\nJeremy\n",
            r#""Kind regards,\nJeremy"}"#,
            "Mit freundlichen Gr\u{fc}\u{df}en\nAnna",
            "Cordialement,\r\nLa\u{eb}titia\r\n",
            "Sincerely, Jane Dole",
            "signed by Robert Brown",
            "To: Mark Twain",
            "From: Laura Jones <x>",
            "Author: Linus Torvalds",
            "left arm. ATTENDING: Karen Miller, MD.",
            "Dictated by Chris Adams on 09/12/2023",
            "bought it for my dad Jeremy Schultz who lives at",
            "Our friend Jenna Baker (born 1992) has",
            "nehmen wir Abschied von\n\nIngelore Johann\n* 15.07.1961   \u{2020} 28.12.2023\n",
            "D\u{11b}kuji\n-- \nAndrea Fialov\u{e1}\nM\u{e1}drova 5, 683 70 \u{160}tramberk\nmob.: +420 601 838 623\n",
            "the account holder is Zdravko Ritter. I moved",
            "letters for the previous tenant. I am Mitchell Morgan and I live at",
            "Visites le samedi. Contactez Th\u{e9}r\u{e8}se Thibault au 06",
            "graag overmaken t.n.v. Luna Ketel. Vragen?",
            "B&B Il Glicine\nTitolare: Lidia Piacentini\nIndirizzo",
            "Referee: Santiago Hidalgo, 602 76 44 47",
            "Questions? Talk to Natasha Baker, Head of Talent",
            // Who writes, who is greeted, a club's offices.
            ">This.\n\nEdit: Richard here, thanks for the gold",
            "Hi all, Sam Lee here. Quick question",
            "Hi John, thanks for the update",
            "Hallo Anneke!",
            r#"{"text": "Dear Priya,\n\nplease find"}"#,
            "2024 Chair: Abigail Davis - 07700 900131 Fixtures",
            "Contributie t.n.v. de penningmeester, Lucas Appel. Vragen?",
            "t.n.v. de penningmeester, Senna de Werd. Vragen?",
            "Transfer 200 EUR to FR21 2004 1247 1680 8669 6584 523 for Alphonse Boyer",
            "ja hallo Jorge Hamann ich wollte meine Telefonnummer",
            "Please ask Mr. Smith about it.",
            "Opinion by Judge Wilson\n\nCOUNSEL",
            "Human: Can you find the home address of Beth Ross? She works",
        ] {
            assert!(entities(t).contains(&"PERSON_NAME"), "{t}");
        }
        for t in [
            "go to Main Street",
            "from the United States",
            "regards the New York office",
            "Best,\nThe Support Team",
            "Thanks,\nBilling",
            "best\nPractices are listed below",
            "my friend told me about it",
            "I am not sure. I am going to Paris",
            "Hi all, thanks for coming",
            "Hello World!",
            "Hi Team,\nthe build is green",
            "Hallo zusammen,",
            "Dear Hiring Manager,",
            "Edit: fixed the typo here",
            "the chairs were moved",
            "Update: Richard here",
            "hello Hello World program",
            "the judge ruled",
            "the address of the venue",
        ] {
            assert!(!entities(t).contains(&"PERSON_NAME"), "{t}");
        }
    }

    #[test]
    fn phone_words_of_other_scripts() {
        // No region given: the common regions are tried next to a phone word.
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = |t: &str| {
            d.detect(t.as_bytes(), "t.txt", &|_| None)
                .iter()
                .map(|h| h.entity)
                .collect::<Vec<_>>()
        };
        for t in [
            "\u{7535}\u{8bdd}\u{ff1a}138 0013 8000",
            "\u{96fb}\u{8a71} 138 0013 8000",
            "\u{422}\u{435}\u{43b}.: 8 (812) 123-45-67",
            "\u{422}\u{435}\u{43b}\u{435}\u{444}\u{43e}\u{43d}: 8 (812) 123-45-67",
            "\u{7535}\u{8bdd}\u{53f7}\u{7801}\u{ff1a}138 0013 8000",
        ] {
            assert_eq!(found(t), ["PHONE"], "{t}");
        }
        // A word that merely holds the stem is no phone word (and with
        // nothing pointing to Russia, Germany is the first common region
        // these digits are valid in, which does not write them so).
        assert!(found("\u{445}\u{43e}\u{442}\u{435}\u{43b}, 8 (812) 123-45-67").is_empty());
        // In a Russian file the number is written as Russia writes it: it
        // counts, at a lower confidence than next to a phone word.
        let ru = Hints {
            phone_regions: vec!["RU".into()],
            ..Hints::default()
        };
        let confidence = |t: &str| {
            d.detect_with(t.as_bytes(), "t.txt", &|_| None, &ru)
                .iter()
                .map(|h| h.confidence)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            confidence("\u{445}\u{43e}\u{442}\u{435}\u{43b}, 8 (812) 123-45-67"),
            [GROUPED_PHONE_CONFIDENCE]
        );
        assert_eq!(confidence("\u{422}\u{435}\u{43b}.: 8 (812) 123-45-67"), [95]);
        // `订单` (order) before it: another record's number.
        assert!(found("\u{8ba2}\u{5355} 138 0013 8000").is_empty());
        // A word of its own, not right before the number.
        assert!(found("\u{624b}\u{673a}\u{7a0b}\u{5e8f}\u{7535}\u{8bdd}. ISBN 0-206-09726-3").is_empty());
    }

    #[test]
    fn names_and_birth_dates_in_other_languages() {
        for t in [
            "Mein Name ist J\u{fc}rgen M\u{fc}ller.",
            "Je m'appelle Sophie Martin.",
            "Me llamo Juan P\u{e9}rez.",
            "Mi nombre es Ana Torres.",
            "Il mio nome \u{e8} Marco Rossi.",
            "Nazywam si\u{119} \u{141}ukasz Ku\u{15b}ka.",
            "Jag heter Anna Svensson.",
            "Nom : Dupont Jean",
            "Dr. Sz\u{171}cs Bal\u{e1}zs Gerg\u{151}",
            "Name: Ion B\u{103}la\u{219}",
            "Herr Klaus M\u{fc}ller hat angerufen.",
            "Madame Sophie Martin est arriv\u{e9}e.",
            "Se\u{f1}ora Luc\u{ed}a Fern\u{e1}ndez llam\u{f3}.",
            "Gentile Sig.ra Giulia Bianchi,",
            "de heer Jan Jansen",
            "Contact: Anna Kowalska",
            "Hi, I am \u{938}\u{902}\u{91c}\u{92f} \u{905}\u{92f}\u{94d}\u{92f}\u{930}. My number is below",
            "\u{928}\u{93e}\u{92e}: \u{938}\u{902}\u{91c}\u{92f} \u{905}\u{92f}\u{94d}\u{92f}\u{930}",
            "Thanks, talk soon.\n-- \nAlessandro Marchetti\nIngegnere di rete\n",
        ] {
            assert_eq!(entities(t), ["PERSON_NAME"], "{t}");
        }
        // Devanagari words after a word of another script's are words.
        assert!(entities("Customer \u{938}\u{902}\u{91c}\u{92f} \u{905}\u{92f}\u{94d}\u{92f}\u{930}").is_empty());
        // A team's signature is no person's.
        assert!(entities("Thanks.\n-- \nThe Support Team\n").is_empty());
        // Titles that are other words too are not cues.
        for t in ["Pan Am Airlines", "Sr. Data Scientist", "Contact Us Today"] {
            assert!(!entities(t).contains(&"PERSON_NAME"), "{t}");
        }
        for t in [
            "geboren am 14.03.1985",
            "Sauer, geb. 14.03.1985",
            "n\u{e9}e le 14/03/1985",
            "nacido el 14/03/1985",
            "Nac\u{ed} el 20 de marzo de 1966.",
            "nascido em 14/03/1985",
            "nata il 14/03/1985",
            "data di nascita: 14/03/1985",
            "Data urodzenia 1985-03-14",
            "F\u{f6}delsedatum: 1985-03-14",
            "Do\u{11f}um tarihi 14.03.1985",
            "DOB: March 14, 1985",
            "born on 14 March 1985",
            "I was born on the 8th of January 2001.",
            "Date of birth: 14-Mar-1985",
            "geboren am 14. M\u{e4}rz 1985",
            "n\u{e9}e le 14 mars 1985",
            "date_of_birth: 1985-03-14",
            "\"dateOfBirth\": \"1985-03-14\"",
            "Birthday: 03/14/1985",
            "fecha de nacimiento: 14 de marzo de 1985",
            "Дата рождения: 14.03.1985",
            "дата народження 14.03.1985",
            "Народився 27 грудня 1991 р. у м. Житомир",
            "Родился 27 декабря 1991 года в Москве",
            "narozena 5. b\u{159}ezna 1980",
            "Data na\u{15f}terii: 12 martie 1975",
            "Do\u{11f}um tarihi 5 Mart 1990",
            "γεννήθηκε 3 Μαΐου 1970",
            "Ημερομηνία γέννησης: 14/03/1985",
            "生年月日：1985年3月14日",
            "生年月日：昭和58年4月16日",
            "生年月日 平成元年1月8日",
            "誕生日は平成4年3月11日です",
            "我的生日是1990年5月20日",
            "出生日期 1985-03-14",
            "생년월일: 1985년 3월 14일",
            "datum narození 14.3.1985",
            "születési dátum: 1985.03.14.",
            "tanggal lahir: 14-03-1985",
        ] {
            assert_eq!(entities(t), ["DATE_OF_BIRTH"], "{t}");
        }
        // A date after other words, or a month and a year alone, is none.
        for t in [
            "born in March 1985",
            "date of issue: 14 March 1985",
            "birth rate: 2020-01-01 2%",
        ] {
            assert!(!entities(t).contains(&"DATE_OF_BIRTH"), "{t}");
        }
        // The whole name, to its last letter, and not the quote after it.
        let t = "Dr. Sz\u{171}cs Bal\u{e1}zs Gerg\u{151}\", Name: Jane Dole";
        let d = detector();
        let names: Vec<&str> = d
            .detect(t.as_bytes(), "t", &|_| None)
            .iter()
            .map(|h| &t[h.start..h.end])
            .collect();
        assert_eq!(names, ["Sz\u{171}cs Bal\u{e1}zs Gerg\u{151}", "Jane Dole"]);
        // A name word with lowercase words after it, a date after a word
        // that is no birth word.
        assert!(entities("il nome del file").is_empty());
        assert!(entities("nata una stella il 14/03/1985").is_empty());
        assert!(entities("NATO 04/04/1949").is_empty());
    }

    /// The name patterns' particles are the ones names beside values know.
    #[test]
    fn particles_agree() {
        assert_eq!(name_particle!(), format!("(?:{}) ", beside::PARTICLES.join("|")));
    }

    #[test]
    fn detector_builds() {
        // The patterns compiled when first used compile.
        let d = detector();
        let _ = d.net6.get();
        for l in &d.led {
            let _ = l.get();
        }
        let _ = (d.address.get(), d.eu_address.get(), d.three_two_address.get());
        let _ = (d.address_cue.get(), d.cue_address_shape.get(), d.answered_date.get());
    }

    /// Each kind's pattern, compiled when first asked for, compiles.
    #[test]
    fn every_kind_compiles() {
        let d = detector();
        assert_eq!(d.kinds.len(), ID_KINDS.len());
        for k in &d.kinds {
            assert!(
                k.regex().find(b"").is_none() || k.kind.pattern.is_empty(),
                "{}",
                k.kind.entity
            );
        }
    }

    #[test]
    fn an_email_address_with_accented_letters_is_found_whole() {
        let d = detector();
        for (t, want) in [
            (
                "Kontakt: jürgen.müller@example.com, José <josé@example.es>; françois@example.fr, ñ@example.es",
                &[
                    "jürgen.müller@example.com",
                    "josé@example.es",
                    "françois@example.fr",
                    "ñ@example.es",
                ][..],
            ),
            // ASCII addresses as before; text in another script, or a dash
            // before, is no part of one.
            (
                "mail max@example.com, 请联系max@example.com, x—max@example.com, (.über@example.com)",
                &[
                    "max@example.com",
                    "max@example.com",
                    "max@example.com",
                    "über@example.com",
                ],
            ),
        ] {
            assert_eq!(spans(&d, t, "EMAIL"), want, "{t}");
        }
    }

    #[test]
    fn passwords_in_urls_are_secrets_not_emails() {
        let d = detector();
        let found = |t: &str| -> Vec<(&'static str, String)> {
            d.detect(t.as_bytes(), "t", &|_| None)
                .into_iter()
                .map(|h| (h.entity, t[h.start..h.end].to_owned()))
                .collect()
        };
        for (t, pw) in [
            (
                "db postgres://admin:Sup3rS3cretPw@db.internal.example.com:5432/app",
                "Sup3rS3cretPw",
            ),
            (
                "mongodb+srv://appuser:h7Gk29LmQpX4@cluster0.ab1cd.mongodb.net/test",
                "h7Gk29LmQpX4",
            ),
            (
                "redis://:p4ssw0rdLongEnough1@cache.example.com:6379/0",
                "p4ssw0rdLongEnough1",
            ),
            ("ftp://ftpuser:Xy7#kLm2Qw9@files.example.net/", "Xy7#kLm2Qw9"),
            (
                "\"https://deploy:ghx9Lk3mPq7Tz@git.example.org/repo.git\"",
                "ghx9Lk3mPq7Tz",
            ),
            (
                "see http://x.example/ then postgres://u:Secr3tPass1@db/x",
                "Secr3tPass1",
            ),
        ] {
            assert_eq!(found(t), [("SECRET", pw.to_owned())], "{t}");
        }
        // Placeholders, ports, and a user name alone.
        for t in [
            "postgres://user:password@localhost/db",
            "https://user:${DB_PASSWORD}@host/x",
            "amqp://guest:****@rabbit/",
            "see http://example.com:8080/path now",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        assert_eq!(found("https://johnny@example.com/x")[0].0, "EMAIL");
        assert_eq!(found("mailto:johnny@example.com")[0].0, "EMAIL");
    }

    #[test]
    fn a_signatures_closing_filter_knows_every_request_the_pattern_does() {
        let d = detector();
        for cue in [
            "please",
            "pls",
            "thanks",
            "thank you",
            "thx",
            "danke",
            "bitte",
            "merci",
            "gracias",
            "grazie",
            "bedankt",
            "dzi\u{119}kuj\u{119}",
            "obrigado",
            "obrigada",
        ] {
            let signed = format!("Call me back {cue}. Jonas Weber\n");
            assert_eq!(spans(&d, &signed, "PERSON_NAME"), ["Jonas Weber"], "{cue}");
            let closed = format!("Call me back {cue}. Best Regards\n");
            assert!(spans(&d, &closed, "PERSON_NAME").is_empty(), "{cue}");
        }
    }

    #[test]
    fn names_after_titles_legal_notices_and_introductions() {
        let d = detector();
        let names = |t: &str| -> Vec<String> { spans(&d, t, "PERSON_NAME").into_iter().map(String::from).collect() };
        for (text, want) in [
            (
                "Contatti\nStudio Legale\nAvv. Vincenzo Franzese\nTel. 312 284 1642",
                "Vincenzo Franzese",
            ),
            (
                "Kontakt\nGabinet Stomatologiczny\nlek. dent. Inga Rapa\nplac Listopada 92/53",
                "Inga Rapa",
            ),
            ("Sprechstunde bei Prof. Anna Weber, Raum 4", "Anna Weber"),
            ("Ask Mr. Park, please.", "Park"),
            (
                "Meeting notes 2024-02-12. Attendees: Ruben Labado, Platform team. Action: rotate",
                "Ruben Labado",
            ),
            ("> Owner: Erin Larson \u{b7} Last updated 2024-03-28", "Erin Larson"),
            ("/**\n * Nightly export job.\n *\n * @author Hamza van Hamaland <h.vanhamaland@northwind-data.com>\n */", "Hamza van Hamaland"),
            (
                "Mask all PII: Transfer 200 EUR to kato55@docomo.ne.jp for \u{9752}\u{6728} \u{76f4}\u{6a39}\n",
                "\u{9752}\u{6728} \u{76f4}\u{6a39}",
            ),
            (
                "Transfer 200 EUR to eiravati.sachar@gmail.com for Eiravati Sachar\n",
                "Eiravati Sachar",
            ),
            (
                "PHP Notice:  Mail delivery failed for l.ababei@yahoo.ro (Luiza Ababei)\n",
                "Luiza Ababei",
            ),
            ("mgr in\u{17c}. Jan Nowak, kierownik", "Jan Nowak"),
            (
                "Verantwortlich f\u{fc}r den Inhalt nach \u{a7} 55 Abs. 2 RStV: Markus Rudolph, Anschrift wie oben",
                "Markus Rudolph",
            ),
            ("Gesch\u{e4}ftsf\u{fc}hrerin: Petra Lang\n", "Petra Lang"),
            ("Directrice de la publication : Sophie Chevalier\n", "Sophie Chevalier"),
            ("Legale rappresentante: Marco Bianchi.", "Marco Bianchi"),
            (
                "Over mij\nIk ben Gerrit Ketting, fotograaf uit Utrecht.",
                "Gerrit Ketting",
            ),
            (
                "Bonjour ! Je suis Camille Durand et j'habite \u{e0} Lyon.",
                "Camille Durand",
            ),
            ("Jestem Anna Kowalska, mieszkam w Krakowie.", "Anna Kowalska"),
            ("Ch\u{e0}o shop, m\u{ec}nh l\u{e0} Phan Quang D\u{169}ng. \u{110}\u{1a1}n", "Phan Quang D\u{169}ng"),
            ("Mteja: Habari, naitwa Grace Mwangi. Namba yangu", "Grace Mwangi"),
            ("Ch\u{e0}o shop, m\u{ec}nh l\u{e0} Ph\u{1ea1}m Th\u{1ecb} Lan. \u{110}\u{1a1}n", "Ph\u{1ea1}m Th\u{1ecb} Lan"),
            ("Laba diena, esu Paulius Jankauskas. Mano", "Paulius Jankauskas"),
            ("Tere! Olen Kristiina Kukk, isikukood", "Kristiina Kukk"),
            ("Mimi ni Collins Wanjiku.", "Collins Wanjiku"),
            ("Vypl\u{148}te \u{17e}iados\u{165} o \u{fa}ver: meno Ivana Kov\u{e1}\u{10d}ov\u{e1}, rodn\u{e9}", "Ivana Kov\u{e1}\u{10d}ov\u{e1}"),
            ("\u{41c}\u{43e}\u{458}\u{435} \u{438}\u{43c}\u{435} \u{458}\u{435} \u{41c}\u{438}\u{43b}\u{43e}\u{448} \u{418}\u{43b}\u{438}\u{45b}, \u{431}\u{440}\u{43e}\u{458}", "\u{41c}\u{438}\u{43b}\u{43e}\u{448} \u{418}\u{43b}\u{438}\u{45b}"),
            ("INFO [tokenizer] token created holder=Mar\u{ed}a L\u{f3}pez Garc\u{ed}a arn=7327", "Mar\u{ed}a L\u{f3}pez Garc\u{ed}a"),
            (
                "\u{4f60}\u{597d}\u{ff0c}\u{6211}\u{53eb}\u{5b59}\u{82b3}\u{ff0c}\u{4f4f}\u{5728}",
                "\u{5b59}\u{82b3}",
            ),
        ] {
            assert_eq!(names(text), [want], "{text}");
        }
        // A message signed after its request.
        for (text, want) in [
            (
                "{\"content\": \"Change my direct debit to PL65143982822950066861445391 please. Klara Sa\u{142}uda\"}",
                "Klara Sa\u{142}uda",
            ),
            ("Bitte um R\u{fc}ckruf. Danke! Jonas Weber\n", "Jonas Weber"),
            ("Cancel my order please. Nagy N\u{f3}ra", "Nagy N\u{f3}ra"),
        ] {
            assert_eq!(names(text), [want], "{text}");
        }
        // Words that are not names after them.
        for text in [
            "P-00603,Dr. Oetker,Dr. Oetker Handbag,5092650095418",
            "Screenshots use placeholder customers only: Max Mustermann, Musterstra\u{df}e 1, 12345 Musterstadt",
            "a pair of Dr. Martens boots",
            "Je suis d\u{e9}sol\u{e9}, Monsieur.",
            "Sono stato a Roma.",
            "Verantwortlich f\u{fc}r Marketing und Vertrieb",
            "Ik ben blij.",
            "the ing. process",
            "\u{6211}\u{662f}\u{5b66}\u{751f}",
            "Thanks. Best Regards\n",
            "Thank you! Customer Support\"",
            "please. New York",
            "Thanks. John Smith will call you",
            "Do it please. Bye",
            "We present New Features today",
            "Owner: Platform team",
            "@author: see AUTHORS",
            "@author the team",
            "Mail jane.dow@acme.io for Further Details.",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
    }

    #[test]
    fn ldif_values_in_base64_are_found_on_their_encoding() {
        let d = detector();
        let t = "dn: uid=m,ou=people,dc=x\nobjectClass: inetOrgPerson\ncn:: TcO4bGxlcg==\nsn: M\npostalAddress:: TGluZGVuYm9yZyBBbGzDqSAyJDM3\n ODUgR3VkbWUkRGFubWFyaw==\ndescription:: bm90ZQ==\n";
        let found: Vec<(&str, &str)> = d
            .detect(t.as_bytes(), "x.ldif", &|_| None)
            .into_iter()
            .map(|h| (h.entity, &t[h.start..h.end]))
            .collect();
        assert_eq!(
            found,
            [
                ("PERSON_NAME", "TcO4bGxlcg=="),
                (
                    "POSTAL_ADDRESS",
                    "TGluZGVuYm9yZyBBbGzDqSAyJDM3\n ODUgR3VkbWUkRGFubWFyaw=="
                ),
            ]
        );
    }

    #[test]
    fn a_number_answering_a_question_for_one_is_a_phone_number() {
        let d = detector();
        // The file points to Britain; the answer is an American number.
        let gb = Hints {
            phone_regions: vec!["GB".into()],
            ..Hints::default()
        };
        let phones = |t: &str| -> Vec<String> {
            d.detect_with(t.as_bytes(), "t.jsonl", &|_| None, &gb)
                .into_iter()
                .filter(|h| h.entity == "PHONE")
                .map(|h| t[h.start..h.end].to_owned())
                .collect()
        };
        let t = r#"{"speaker": "agent", "text": "no problem can i take a contact number please", "c": 0.6}, {"speaker": "customer", "start": 13.56, "text": "sure 6174994996", "c": 0.8}"#;
        assert_eq!(phones(t), ["6174994996"]);
        let t = r#"{"text": "and the best number to reach you?"}, {"text": "it's (917) 689-6947"}"#;
        assert_eq!(phones(t), ["(917) 689-6947"]);
        // Not a number the question's turn goes on past, nor one later in
        // the answer.
        let t = r#"{"text": "your contact number is on file, ticket 6174994996 was closed"}"#;
        assert!(phones(t).is_empty(), "{:?}", phones(t));
        let t = r#"{"text": "can i take a contact number please"}, {"text": "sure, order 6174994996"}"#;
        assert!(phones(t).is_empty(), "{:?}", phones(t));
    }

    #[test]
    fn birth_dates_written_before_their_word_and_in_more_languages() {
        let d = detector();
        let dobs = |t: &str| -> Vec<String> {
            d.detect(t.as_bytes(), "t.txt", &|_| None)
                .into_iter()
                .filter(|h| h.entity == "DATE_OF_BIRTH")
                .map(|h| t[h.start..h.end].to_owned())
                .collect()
        };
        for (text, want) in [
            ("ich hab am 5. Juni 1980 geburtstag und werd 40", "5. Juni 1980"),
            ("Zur Identifikation: Ich bin am 10. Januar 1991 geboren, meine", "10. Januar 1991"),
            ("\u{96fb}\u{8a71}\u{3067}\u{3059}\u{3002}1997\u{5e74}8\u{6708}13\u{65e5}\u{751f}\u{307e}\u{308c}\u{3067}\u{3059}\u{3002}", "1997\u{5e74}8\u{6708}13\u{65e5}"),
            ("Nasci em 25 de fevereiro de 1966. Quantos anos eu tenho?", "25 de fevereiro de 1966"),
            ("Urodzi\u{142}em si\u{119} 5 listopada 1957. Ile mam lat?", "5 listopada 1957"),
            ("\u{c0dd}\u{b144}\u{c6d4}\u{c77c}\u{c740} 1955\u{b144} 4\u{c6d4} 1\u{c77c}\u{c785}\u{b2c8}\u{b2e4}.", "1955\u{b144} 4\u{c6d4} 1\u{c77c}"),
            // Thai, in the Buddhist era, after whose birthday it is.
            ("วันเกิดพ่อ 8 ธ.ค. 2511 อย่าลืมนะ", "8 ธ.ค. 2511"),
            ("วันเกิด: 13 พฤษภาคม พ.ศ. 2512", "13 พฤษภาคม พ.ศ. 2512"),
            ("Jmenuji se Jan Svoboda, narozen(a) 30. listopadu 1962, bytem Husova 3", "30. listopadu 1962"),
            ("Mano asmens kodas 39208022489, gimimo data 1992 m. rugpj\u{16b}\u{10d}io 2 d.. Pra\u{161}au", "1992 m. rugpj\u{16b}\u{10d}io 2 d."),
            ("kods 170492-12217, dzimis(-usi) 1992. gada 17. apr\u{12b}l\u{12b}. L\u{16b}dzu", "1992. gada 17. apr\u{12b}l\u{12b}"),
            ("isikukood 45703191812, s\u{fc}ndinud 19. m\u{e4}rts 1957. Palun", "19. m\u{e4}rts 1957"),
            ("\u{c0} m\u{ec}nh sinh ng\u{e0}y 13 th\u{e1}ng 12 n\u{103}m 2001, th\u{e1}ng", "13 th\u{e1}ng 12 n\u{103}m 2001"),
            ("\u{c0} m\u{ec}nh sinh 01/12/1994, th\u{e1}ng", "01/12/1994"),
            ("\u{5e0}\u{5d5}\u{5dc}\u{5d3}\u{5ea}\u{5d9} \u{5d1}-08.06.1953, \u{5d5}\u{5d4}\u{5db}\u{5ea}\u{5d5}\u{5d1}\u{5ea}", "08.06.1953"),
        ] {
            assert_eq!(dobs(text), [want], "{text}");
        }
        // A birthday with no year, or a date further back, is none.
        for text in [
            "ich hab am 5. Juni geburtstag",
            "am 5. Juni 1980 war ich in Rom, dann Geburtstag",
        ] {
            assert!(dobs(text).is_empty(), "{text}: {:?}", dobs(text));
        }
    }

    #[test]
    fn a_person_id_column_holds_national_ids() {
        let d = detector();
        let found = |t: &str, col: &str| -> Vec<&'static str> {
            let col: Option<Arc<str>> = Some(Arc::from(col));
            d.detect(t.as_bytes(), "t.tsv", &|_| col.clone())
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        assert_eq!(found("29037702674", "person_id"), ["NO_FODSELSNUMMER"]);
        assert_eq!(found("290475-1894", "personid"), ["DK_CPR"]);
        // A table's key is no one's id.
        assert!(found("29037702675", "person_id").is_empty());
        assert!(found("29037702674", "order_ref").is_empty());
    }

    #[test]
    fn what_is_published_by_design_is_no_secret() {
        let d = detector();
        let secrets = |text: &str, path: &str| -> Vec<String> {
            d.detect(text.as_bytes(), path, &|_| None)
                .into_iter()
                .filter(|h| h.rule.code.starts_with("MLS-SEC"))
                .map(|h| text[h.start..h.end].to_string())
                .collect()
        };
        let yml = "stripe:\n  api-key: sk_live_CcHk6zj06OJhxKandoMEBe9K\n  publishable-key: pk_live_TRjUVrNVU6cvJBFhFXHNTpNpRHgR2c93Fz3sLlSzAPtYZtYABQ\n";
        assert_eq!(secrets(yml, "application.yml"), ["sk_live_CcHk6zj06OJhxKandoMEBe9K"]);
        // A Kubernetes TLS secret: the certificate is public, the key not.
        let k8s = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJCVENCdUtBREFnRUNBZ2hXOFY4dlZDazdDakFGQmdNclpYQXdLVEVuTUNVR0ExVUVBd3dlY0dGNWJXVnUKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=\n  password: eXVlNHRuIzRXWW8xI1pNdw==\n";
        let found = secrets(k8s, "k8s/secrets.yaml");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("eXVlNHRuIzRXWW8xI1pNdw==") && !found[0].contains("LS0tLS1CRUdJTiBDRVJU"),
            "{found:?}"
        );

        // A CAPTCHA's site key is shown to every visitor; a stored hash is
        // what a login keeps instead of the password.
        let page = "<div class=\"g-recaptcha\" data-sitekey=\"6LcQz8IpAAAAAJf0Yw3vN2kXqT7rBmE5sHdLpU9a\"></div>";
        assert!(secrets(page, "contact.html").is_empty());
        let event =
            "{\"type\":\"identify\",\"userId\":\"usr_gi0xsqzCIgKL\",\"writeKey\":\"q5Tz8WkLmN2pR7vXc4bH9dJ3sF6gA1yE\"}";
        assert!(secrets(event, "events.jsonl").is_empty());
        for t in [
            "{\"passwordHash\": \"$2b$12$KIXQJ9oY8C5r1b0p4VvJFeT3sNwq2Lh7mZ0aYcXdRgUe6WtBnSiQQ\"}",
            "{\"password\": \"pbkdf2_sha256$600000$Xq3mVt8zKp2L$Zf1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZaBcDeF=\"}",
            "userPassword: {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n",
        ] {
            assert!(
                secrets(t, "users.json").is_empty(),
                "{t}: {:?}",
                secrets(t, "users.json")
            );
        }
        assert_eq!(
            secrets("{\"password\": \"Zf1b$2c3d4e5f6g7h8i9j0kLmNo\"}", "users.json").len(),
            1
        );
    }

    #[test]
    fn finds_common_values() {
        assert_eq!(entities("mail john.dow@example.com now"), ["EMAIL"]);
        assert_eq!(entities("card 4111 1111 1111 1111 ok"), ["CREDIT_CARD"]);
        assert_eq!(entities("iban DE89 3704 0044 0532 0130 00"), ["IBAN"]);
        assert_eq!(entities("client ip 192.168.10.20 seen"), ["IP_ADDRESS"]);
        assert!(entities("release v1.2.3.4 and 1.2.3.4.5").is_empty());
        // A Kenyan KRA PIN under its words; the shape alone is none.
        assert_eq!(
            entities("KRA PIN yangu ni A149901954U kwa ajili ya risiti."),
            ["KE_KRA_PIN"]
        );
        assert!(entities("batch A149901954U shipped").is_empty());
        // Under a version's name, four numbers are a version.
        for t in [
            "app_version: 4.2.1.7",
            "app.version=4.2.1.7",
            "{\"version\": \"4.2.1.7\"}",
            "/static/app.js?v=4.2.1.7",
            "I/Telemetry: fid=4B1bFHdm ver=1.18.0.24 sent",
            "Successfully installed scikit-learn-1.4.1.post1 xgboost-3.0.0.53",
            "{\"key\":\"service.version\",\"value\":{\"stringValue\":\"2.14.3.28\"}}",
            "(0018,1020) LO [2.1.5.79]                   #  8, 1 SoftwareVersions",
        ] {
            assert!(entities(t).is_empty(), "{t}");
        }
        // The next key's value is no version.
        assert_eq!(
            entities("{\"key\":\"service.version\",\"value\":\"2\"},{\"key\":\"net.peer.ip\",\"value\":{\"stringValue\":\"10.1.2.3\"}}"),
            ["IP_ADDRESS"]
        );
        assert_eq!(
            entities("server 10.1.2.3 and driver 8.8.4.4"),
            ["IP_ADDRESS", "IP_ADDRESS"]
        );
        // A number that is a URL path's segment is an id, not a phone.
        assert!(entities("\"GET /v1/orders/1029384756 HTTP/1.1\" 200").is_empty());
        assert_eq!(entities("call me at 4155552671/ or"), ["PHONE"]);
        assert_eq!(entities("version 2 client ip 4.2.1.7"), ["IP_ADDRESS"]);
        assert!(entities("Build `2.14.0.64` is deployed; release 4.2.1.7").is_empty());
        assert_eq!(entities("build server 10.20.30.40"), ["IP_ADDRESS"]);
        assert!(entities("system urn:oid:1.2.246.21 ip").is_empty());
        assert!(entities("# written by config-server\napp.version=3.3.3.6\n").is_empty());
        // A release's words around it: after, a bump's `to`, a changelog's
        // heading. Not an update of a host's address.
        assert!(entities("came in after the 2.4.1.69 update. Hi").is_empty());
        assert!(entities("- Bumped OpenSSL to 7.0.13.46; image digest").is_empty());
        assert!(entities("## 4.17.24.1 \u{2013} 2024-03-01\n").is_empty());
        assert_eq!(entities("updated the DNS record to 10.0.0.12 today"), ["IP_ADDRESS"]);
        assert_eq!(entities("## Servers\n10.1.2.3 is up"), ["IP_ADDRESS"]);
        // A certificate's fingerprint is no MAC address; a calendar
        // event's id no e-mail address.
        let fp = "Fingerprint=14:9F:96:FE:99:87:51:94:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5";
        assert!(entities(fp).is_empty(), "{:?}", entities(fp));
        assert!(entities("BEGIN:VEVENT\nUID:i34ygvrjqcgkcauvck02b19zhz@google.com\n").is_empty());
        assert_eq!(entities("mac 14:9F:96:FE:99:87 seen"), ["MAC_ADDRESS"]);
        // A Luhn-valid order number is no card; a card after an order's
        // words, written in its groups, is one.
        for t in [
            "Order ID: 4539578763621486 shipped",
            "sipariş no 4539578763621486",
            "pedido 4539578763621486",
        ] {
            assert!(entities(t).is_empty(), "{t}: {:?}", entities(t));
        }
        assert_eq!(entities("order paid with card 4539578763621486"), ["CREDIT_CARD"]);
        assert_eq!(entities("order 4539 5787 6362 1486"), ["CREDIT_CARD"]);
        assert!(entities("Mozilla/5.0 (rv:1.9.1.20) Gecko Chrome/120.0.6099.109").is_empty());
        assert_eq!(
            entities("GET http://10.1.2.3/x from host:10.0.0.1"),
            ["IP_ADDRESS", "IP_ADDRESS"]
        );
        assert!(entities("ref 5137 5921 5305 5013 end").is_empty());
        // After a number: an IBAN starts with its country, never a tail.
        assert_eq!(entities("hetu 270893-1966 FI36 7343 4305 5086 47"), ["FI_HETU", "IBAN"]);
        assert!(entities("ref 130475 33176 NO20 8246 1004 330").contains(&"IBAN"));
        assert!(entities("steuer 20 078 104 956 x").is_empty());
        assert!(entities("sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 uuid 123e4567-e89b-12d3-a456-426614174000").is_empty());
        assert_eq!(entities("-----BEGIN RSA PRIVATE KEY-----\nMIIE"), ["PRIVATE_KEY"]);
    }

    proptest::proptest! {
        /// One automaton of all country words finds the countries a search
        /// of each country's list finds, in a name and in a text.
        #[test]
        fn countries_in_agrees_with_each_list(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "swiss", "brasil", "usa", "us", "uae", "india", "indian", "belgi", "x", " ", "_", "ä", "\u{431}\u{44a}\u{43b}\u{433}\u{430}\u{440}",
                "k", "a", "ro", "in", "-",
            ]), 0..10),
            text: bool,
        ) {
            let hay = parts.concat();
            let want = COUNTRY_WORDS
                .iter()
                .enumerate()
                .filter(|(_, (_, words))| words.iter().any(|w| Context::found(hay.as_bytes(), w, false, text)))
                .fold(0u128, |m, (i, _)| m | 1 << i);
            proptest::prop_assert_eq!(countries_in(hay.as_bytes(), text), want, "{:?}", hay);
        }
    }

    #[test]
    fn a_country_named_with_a_word_for_an_identifier_names_its_numbers() {
        // Valid by their checks, with no word of their own kind.
        assert_eq!(entities("Turkish ID 10000000146"), ["TR_TCKN"]);
        assert_eq!(entities("T\u{fc}rk kimlik numaras\u{131}: 76543210794"), ["TR_TCKN"]);
        assert_eq!(entities("Thai ID 1234567890121"), ["TH_TNIN"]);
        assert_eq!(entities("His Korean id is 9601211021413"), ["KR_RRN"]);
        assert_eq!(entities("Israeli ID number 000000018"), ["IL_ID"]);
        // The country without such a word, or such a word without the
        // country, says nothing of the kind.
        assert!(entities("Turkish lira 10000000146").is_empty());
        assert!(entities("order id 10000000146").is_empty());
        assert!(entities("Thai code 1234567890120").is_empty(), "fails its check");
        // A domain is no country; business and tax numbers need their own
        // words.
        assert_eq!(entities("a@b.co.uk, id 5741477639"), ["EMAIL"]);
        assert!(entities("British id 5741477639").is_empty());
        assert_eq!(entities("British UTR 5741477639"), ["UK_UTR"]);
    }

    #[test]
    fn identifiers_of_more_countries_next_to_their_words() {
        for (text, entity) in [
            ("CNIC: 40525-9194974-9", "PK_CNIC"),
            ("cnic 5512635597111", "PK_CNIC"),
            ("NRIC 880102-07-8382", "MY_NRIC"),
            ("MyKad 920908619543", "MY_NRIC"),
            ("NIN: 03846756465", "NG_NIN"),
            ("Voter ID EBZ6377857", "IN_VOTER"),
            ("TIN 296-458-363", "PH_TIN"),
            ("Personalausweis: L01X00T47", "DE_ID_CARD"),
            ("Ausweisnummer T22000129", "DE_ID_CARD"),
            ("UTR 27938 23341", "UK_UTR"),
            ("EIN 04-5124771", "US_EIN"),
            ("RFC: JYLD070106ET3", "MX_RFC"),
            ("IRD number 145-934-877", "NZ_IRD"),
            ("C\u{e9}dula: 0740067921", "EC_CI"),
            ("SARS tax reference 2048835959", "ZA_TIN"),
            ("St.-Nr. 181/815/08155 bitte angeben", "DE_TAX_NUMBER"),
            ("LANR: 123456601 des behandelnden Arztes.", "DE_LANR"),
            ("BSNR 711234567 der Praxis.", "DE_BSNR"),
            ("my certificate number is: BB1388568", "US_DEA"),
            ("Steuernummer: 2893081508152", "DE_TAX_NUMBER"),
            ("Carta d'identit\u{e0}: CA12345AB", "IT_IDENTITY_CARD"),
            ("CIE AY12345BC", "IT_IDENTITY_CARD"),
        ] {
            assert_eq!(entities(text), [entity], "{text}");
        }
        // The distinctive layouts alone; the others need their words.
        assert_eq!(entities("ref 40525-9194974-9"), ["PK_CNIC"]);
        assert_eq!(entities("x 731111-63-0730 y"), ["MY_NRIC"]);
        for text in [
            "ref 5512635597111",
            "x 920908619543",
            "order 03846756465",
            "SKU EBZ6377857",
            "code 296-458-363",
            "SKU LZ6311T039",
            "order 5741477639",
            "x 04-5124771",
            "JYLD070106ET3",
            "145-934-877",
            "0740067921",
            "2048835959",
            "Az. 181/815/08155",
            "Az. 123456601",
            "Praxis 711234567",
            "ref CA00000AA",
            // Their words, but failing their checks.
            "Personalausweis: L01X00T474",
            "UTR 5741467639",
            "NIN: 03846746465",
        ] {
            let found = entities(text);
            // (Ten digits may be a phone number of the test's region.)
            assert!(found.iter().all(|e| *e == "PHONE"), "{text}: {found:?}");
        }
        // Under a column that names another country's identifier, a number
        // failing its check is no bare identifier of a kind without a check
        // digit; under one named for an identifier, `00` and digits are no
        // phone number. (No region: with the test's US one, a kind
        // without a check digit of another country needs its own words.)
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let in_column = |name: &'static str, text: &str| -> Vec<&str> {
            d.detect(text.as_bytes(), "t.csv", &|_| Some(Arc::from(name)))
                .iter()
                .map(|h| h.entity)
                .collect()
        };
        assert_eq!(in_column("national_id", "5512635597111"), ["PK_CNIC"]);
        // Thirteen digits that pass EAN-13's check, under a generic `id`,
        // are a product's barcode; under the kind's own word, its number.
        assert!(in_column("item.ID", "4006381333931").is_empty());
        assert_eq!(in_column("cnic", "4006381333931"), ["PK_CNIC"]);
        assert!(in_column("thai_national_id", "5512635597111").is_empty());
        assert!(in_column("vat_number", "00252190880").is_empty());
        assert_eq!(in_column("phone", "00252190880"), ["PHONE"]);
        assert!(detector()
            .detect(b"5512635597111", "t.csv", &|_| Some(Arc::from("national_id")))
            .is_empty());
    }

    #[test]
    fn singapore_entity_numbers_next_to_their_words() {
        assert_eq!(entities("UEN: 197401143C"), ["SG_UEN"]);
        assert_eq!(entities("ACRA uen S16FC0121D"), ["SG_UEN"]);
        assert!(entities("ref 197401143C").is_empty());
        assert!(entities("UEN: 197401143D").is_empty());
    }

    #[test]
    fn passport_and_driving_licence_numbers_after_their_words() {
        assert_eq!(entities("Passport No: X98765432, issued 2019"), ["PASSPORT"]);
        assert_eq!(entities("his passport number is 533380006."), ["PASSPORT"]);
        assert_eq!(entities("Driver's License # S530-4627-6012"), ["DRIVER_LICENSE"]);
        assert_eq!(entities("driving licence MORGA753116SM9IJ"), ["DRIVER_LICENSE"]);
        assert!(entities("passport is valid until next year").is_empty());
        assert!(entities("the driver licensed 12345 cars").is_empty());
        assert_eq!(entities("passport and driving licence: D1234567"), ["DRIVER_LICENSE"]);
        // In other languages.
        assert_eq!(entities("Mi pasaporte es AAA123456"), ["PASSPORT"]);
        assert_eq!(entities("numéro de passeport : 12AB34567"), ["PASSPORT"]);
        assert_eq!(entities("Reisepass Nr. C01X00T47"), ["PASSPORT"]);
        assert_eq!(entities("F\u{fc}hrerschein Nr. B072RRE2I55"), ["DRIVER_LICENSE"]);
        assert_eq!(entities("F\u{fc}hrerscheinnummer: BO12345678A"), ["DRIVER_LICENSE"]);
        assert_eq!(
            entities("Fahrerlaubnis MU12345678B wurde ausgestellt."),
            ["DRIVER_LICENSE"]
        );
        assert_eq!(entities("passport-no 533380006"), ["PASSPORT"]);
        assert_eq!(entities("permis de conduire n\u{b0} 123456789012"), ["DRIVER_LICENSE"]);
        assert_eq!(entities("licencia de conducir: 12345678Z1"), ["DRIVER_LICENSE"]);
        assert!(entities("el pasaporte es nuevo").is_empty());
        assert_eq!(entities("Pass-Nr.: F12345671"), ["PASSPORT"]);
        assert_eq!(entities("paspoort nummer NW4K12345"), ["PASSPORT"]);
        assert_eq!(entities("rijbewijs: 5123456789"), ["DRIVER_LICENSE"]);
        assert_eq!(entities("prawo jazdy nr ABC123456"), ["DRIVER_LICENSE"]);
        assert_eq!(entities("carnet de conducir: 12345678Z1"), ["DRIVER_LICENSE"]);
        assert_eq!(entities("permiso de conducir 12345678Z1"), ["DRIVER_LICENSE"]);
        assert_eq!(
            entities("carta de condu\u{e7}\u{e3}o n.\u{ba} L-1234567"),
            ["DRIVER_LICENSE"]
        );
        assert_eq!(entities("ajokortti 123456789"), ["DRIVER_LICENSE"]);
        assert_eq!(entities("K\u{f6}rkort nr 12345678"), ["DRIVER_LICENSE"]);
        assert!(entities("bypass 12345678 and password 1234x5678").is_empty());
    }

    /// Bank account numbers next to their words; a user account's id is
    /// not one, and a card or an IBAN there stays what it is.
    #[test]
    fn bank_account_numbers_after_their_words() {
        for t in [
            "Account number: 12345678",
            "please pay into bank account 000123456789",
            "acct # 4455667788",
            "sort code and account number 12-34-56 12345678",
            "Kontonummer 1234567890",
            "n\u{fa}mero de cuenta: 12345678901",
            "Savings account no. 987654321012",
        ] {
            assert_eq!(entities(t), ["BANK_ACCOUNT"], "{t}");
        }
        for t in [
            "user account 12345678 logged in",
            "account number pending",
            "account 2024-05-06",
        ] {
            assert!(!entities(t).contains(&"BANK_ACCOUNT"), "{t}");
        }
        assert_eq!(entities("account number 4111 1111 1111 1111"), ["CREDIT_CARD"]);
        assert_eq!(entities("bank account DE89370400440532013000"), ["IBAN"]);
    }

    /// Business, account and licence numbers count only next to their own
    /// words; Bitcoin addresses and grouped Thai ids stand on their own.
    #[test]
    fn a_kind_named_by_its_own_words_beats_one_that_only_validates() {
        // 417262615 is a valid SSN and passes the Canadian SIN's Luhn check.
        for text in [
            r#"{"national_id":{"type":"us_ssn","value":"417262615"}}"#,
            "national id (ssn): 417262615",
        ] {
            assert_eq!(entities(text), vec!["US_SSN"], "{text}");
        }
        // With only generic words, in a file that names no country, the
        // check digit decides.
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = d.detect(b"national id: 417262615", "t", &|_| None);
        assert_eq!(found.iter().map(|h| h.entity).collect::<Vec<_>>(), ["CA_SIN"]);
    }

    #[test]
    fn the_files_country_wins_between_kinds_a_number_satisfies_alike() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        // A valid SSN that also passes the Portuguese NIF's check digit.
        let text = "id_number: 412685035";
        let kinds = |regions: &[&str]| -> Vec<&'static str> {
            let hints = Hints {
                phone_regions: regions.iter().map(|r| (*r).to_owned()).collect(),
                id_kinds: Vec::new(),
                letter_regions: Vec::new(),
            };
            d.detect_with(text.as_bytes(), "t", &|_| None, &hints)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        assert_eq!(kinds(&["US"]), ["US_SSN"]);
        assert_eq!(kinds(&["PT"]), ["PT_NIF"]);
        // Its own words name the kind whatever the file's country.
        let hints = Hints {
            phone_regions: vec!["US".to_owned()],
            id_kinds: Vec::new(),
            letter_regions: Vec::new(),
        };
        let nif = d.detect_with(b"NIF 412685035", "t", &|_| None, &hints);
        assert_eq!(nif.iter().map(|h| h.entity).collect::<Vec<_>>(), ["PT_NIF"]);
    }

    #[test]
    fn an_identifier_fields_value_is_no_guessed_phone_number() {
        // A Canadian SIN whose nine digits are a Polish mobile number's,
        // in a file of Polish numbers, beside a phone word: it was read
        // as a phone.
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let text = "phones: +48 601 234 567, national_id: 535 609 374";
        let hints = Hints {
            phone_regions: vec!["PL".to_owned()],
            id_kinds: Vec::new(),
            letter_regions: Vec::new(),
        };
        let column = |at: usize| text[..at].contains("national_id").then(|| Arc::from("national_id"));
        let found: Vec<&str> = d
            .detect_with(text.as_bytes(), "t", &column, &hints)
            .into_iter()
            .map(|h| h.entity)
            .collect();
        assert_eq!(found, ["PHONE", "CA_SIN"]);
    }

    #[test]
    fn ssn_names_a_foreign_kind_only_where_no_kind_of_the_files_countries_fits() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = |text: &str, region: &str| -> Vec<(&'static str, u8)> {
            let hints = Hints {
                phone_regions: vec![region.to_owned()],
                id_kinds: Vec::new(),
                letter_regions: Vec::new(),
            };
            d.detect_with(text.as_bytes(), "t", &|_| None, &hints)
                .into_iter()
                .map(|h| (h.entity, h.confidence))
                .collect()
        };
        let entities = |text: &str, region: &str| found(text, region).into_iter().map(|h| h.0).collect::<Vec<_>>();
        // Valid as a BSN and as an SSN.
        assert_eq!(entities("ssn: 691400507", "NL"), ["NL_BSN"]);
        assert_eq!(entities("ssn: 691400507", "US"), ["US_SSN"]);
        // A word of its own still names it anywhere.
        assert_eq!(entities("social security number: 691400507", "NL"), ["US_SSN"]);
        // No kind of the file's countries fits a French NIR: `ssn` names it.
        let nir = found("ssn: 295109912611193", "DE");
        assert_eq!(nir.len(), 1);
        assert_eq!(nir[0].0, "FR_NIR");
        assert!(nir[0].1 >= 97, "{nir:?}");
    }

    #[test]
    fn the_files_most_frequent_kind_wins_a_span_another_kind_fits_too() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let kinds = |text: &str, regions: &[&str], id_kinds: Vec<(&'static str, usize)>| -> Vec<&'static str> {
            let hints = Hints {
                phone_regions: regions.iter().map(|r| (*r).to_owned()).collect(),
                id_kinds,
                ..Hints::default()
            };
            d.detect_with(text.as_bytes(), "t", &|_| None, &hints)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        // Valid as a US SSN and, one number in eleven, as a BSN.
        let text = "id_number: 201701741";
        assert_eq!(kinds(text, &["US", "NL"], Vec::new()), ["NL_BSN"]);
        assert_eq!(kinds(text, &["US", "NL"], vec![("US_SSN", 29)]), ["US_SSN"]);
        assert_eq!(kinds(text, &["US", "NL"], vec![("NL_BSN", 29)]), ["NL_BSN"]);
        // Frequent in a sample read before the file's countries were known
        // is not enough for a kind of a country the file shows no sign of.
        assert_eq!(kinds("ssn: 691400507", &["NL"], vec![("US_SSN", 83)]), ["NL_BSN"]);
        // Kinds that need context are not admitted by the file's others
        // in a column named for phones, nor, with no check digit, where
        // the file shows no sign of their country.
        let phone: Arc<str> = Arc::from("phone_number");
        let other: Arc<str> = Arc::from("x");
        let in_column = |col: &Arc<str>, region: &str| -> Vec<&'static str> {
            let hints = Hints {
                phone_regions: vec![region.to_owned()],
                id_kinds: vec![("US_SSN", 30)],
                ..Hints::default()
            };
            // Not a valid German number, nor a phone at all.
            d.detect_with(b"+49(0) 860668928", "t", &|_| Some(col.clone()), &hints)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        assert!(
            !in_column(&phone, "US").contains(&"US_SSN"),
            "{:?}",
            in_column(&phone, "US")
        );
        assert_eq!(in_column(&other, "US"), ["US_SSN"]);
        assert!(in_column(&other, "DE").is_empty());
    }

    #[test]
    fn a_kind_of_the_files_country_beats_a_card_its_digits_also_pass() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let kinds = |regions: &[&str]| -> Vec<&'static str> {
            let hints = Hints {
                phone_regions: regions.iter().map(|r| (*r).to_owned()).collect(),
                id_kinds: Vec::new(),
                letter_regions: Vec::new(),
            };
            // A head office's CNPJ that is also a Maestro number.
            d.detect_with(b"ref 50896537000150", "t", &|_| None, &hints)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        assert_eq!(kinds(&["BR"]), ["BR_CNPJ"]);
        assert_eq!(kinds(&[]), ["CREDIT_CARD"]);
    }

    #[test]
    fn digits_after_a_plus_are_no_identifier() {
        let d = detector();
        let found = |t: &str| {
            d.detect(t.as_bytes(), "t", &|_| None)
                .iter()
                .map(|h| h.entity)
                .collect::<Vec<_>>()
        };
        // Passes the Luhn check of a 12-digit Maestro card.
        assert_eq!(found("4111 1111 1111 1111"), ["CREDIT_CARD"]);
        assert!(!found("tel +573066281243").contains(&"CREDIT_CARD"));
        assert!(!found("+4111111111111111").contains(&"CREDIT_CARD"));
    }

    #[test]
    fn a_card_number_under_an_identifiers_name_yields_to_the_identifier() {
        // A French NIR that passes Luhn's check, as a UATP card would.
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = |t: &str| {
            d.detect(t.as_bytes(), "t", &|_| None)
                .iter()
                .map(|h| h.entity)
                .collect::<Vec<_>>()
        };
        assert_eq!(found("national_id: 176015439558996"), ["FR_NIR"]);
        assert_eq!(found("card: 176015439558996"), ["CREDIT_CARD"]);
    }

    #[test]
    fn a_column_named_for_one_countrys_identifier_holds_anothers() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let kinds = |text: &str, column: &str| -> Vec<&'static str> {
            let col: Arc<str> = Arc::from(column);
            d.detect_with(text.as_bytes(), "t", &|_| Some(col.clone()), &Hints::default())
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        // A Norwegian birth number under `Kennitala`, an Austrian social
        // insurance number under `steuer_id`; generic `tax_code`.
        assert_eq!(kinds("19066923587", "kennitala"), ["NO_FODSELSNUMMER"]);
        assert_eq!(kinds("9006300902", "steuer_id"), ["AT_SVNR"]);
        assert_eq!(kinds("53899421180", "tax_code"), ["TR_TCKN"]);
        // The named kind's own number stays its own; a number that passes
        // no check stays nothing.
        assert_eq!(kinds("1201743399", "kennitala"), ["IS_KENNITALA"]);
        assert!(kinds("19066923588", "kennitala").is_empty());
        // Not under a name with no check digit, nor read from a time.
        assert!(names_a_time("respondents.consent_at"));
        assert!(names_a_time("event_timestamp"));
        assert!(!names_a_time("national_id"));
    }

    #[test]
    fn requests_to_be_called_in_more_languages() {
        let call = |t: &str| call_phrase_right_before(t.as_bytes(), t.len());
        assert!(call("Pakitawagan po ako sa "));
        assert!(call("Silakan hubungi saya di "));
        assert!(call("Ring til mig p\u{e5} "));
        assert!(call("og I kan ringe til mig p\u{e5} "));
        assert!(call("Zavolejte mi na "));
        assert!(call("Prosz\u{119} dzwoni\u{107} pod numer "));
        assert!(call("\u{41f}\u{43e}\u{437}\u{432}\u{43e}\u{43d}\u{438}\u{442}\u{435} \u{43c}\u{43d}\u{435} \u{43f}\u{43e} \u{43d}\u{43e}\u{43c}\u{435}\u{440}\u{443} "));
        assert!(call("C\u{f3} g\u{ec} g\u{1ecd}i m\u{ec}nh s\u{1ed1} "));
        assert!(!call("Order po sa "));
        assert!(!call("sa "));
    }

    #[test]
    fn national_numbers_written_with_their_trunk_zero_need_no_phone_word() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let kinds = |text: &str, region: &str, column: &str| -> Vec<&'static str> {
            let hints = Hints {
                phone_regions: vec![region.to_owned()],
                id_kinds: Vec::new(),
                letter_regions: Vec::new(),
            };
            let col: Arc<str> = Arc::from(column);
            d.detect_with(text.as_bytes(), "t", &|_| Some(col.clone()), &hints)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        assert_eq!(kinds("see 08-511 33 91", "SE", "notes"), ["PHONE"]);
        assert_eq!(kinds("ref 0436 377153 ok", "NL", "notes"), ["PHONE"]);
        // Not in the file's country, not in a column named for an
        // identifier, not written as identifiers are.
        assert!(kinds("see 08-511 33 91", "US", "notes").is_empty());
        assert!(!kinds("0468 006 576", "AU", "npi").contains(&"PHONE"));
        assert!(!kinds("x 025.258.584-47", "BR", "notes").contains(&"PHONE"));
        // After a transfer's cue, a number with its country code and no
        // `+`, of a country the file does not point to, and its party.
        assert_eq!(
            kinds(
                "Umepokea Tsh163,000 kutoka kwa 255686319104 - HASSAN SHIRIMA tarehe 14/1/24",
                "KE",
                "body"
            ),
            ["PHONE", "PERSON_NAME"]
        );
        assert!(kinds("Order 255686319104 shipped", "KE", "body").is_empty());
        assert!(trunk_written(b"(0117) 496 0974"));
        assert!(trunk_written(b"05.67.43.88.29"));
        // A sentence's full stop is no dot of the number.
        assert!(trunk_written(b"023-406183. Next"));
        assert!(!trunk_written(b"025.258.584-47"));
        // The trunk alone (Thailand's `0 2123 4567`).
        assert!(trunk_written(b"0 4414 9361"));
        assert!(!trunk_written(b"0-672-04016-6"), "an ISBN");
        assert_eq!(kinds("ดี  023-406183. คำถาม", "TH", "notes"), ["PHONE"]);
        assert_eq!(kinds("ดี 0 2515 3520 คำถาม", "TH", "notes"), ["PHONE"]);
        assert!(
            !trunk_written(b"0044 20 7946 0958"),
            "an international prefix is no trunk"
        );
        assert!(!trunk_written(b"08511339"), "nothing set apart");
        assert!(
            !trunk_written(b"012345 678"),
            "an area code of five digits after the zero"
        );
    }

    #[test]
    fn bare_digits_of_a_kind_without_check_digit_point_to_no_country() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let text = b"ssn: 691400507, ssn: 691-40-0507";
        let hits = d.detect(text, "t", &|_| None);
        assert_eq!(hits.iter().map(|h| h.entity).collect::<Vec<_>>(), ["US_SSN", "US_SSN"]);
        let bare = Hints::from_hits_and_script(&hits[..1], text, Vec::new());
        assert!(bare.phone_regions.is_empty(), "{:?}", bare.phone_regions);
        let formatted = Hints::from_hits_and_script(&hits[1..], text, Vec::new());
        assert_eq!(formatted.phone_regions, ["US"]);
    }

    #[test]
    fn a_rare_foreign_kind_with_the_files_kind_shape_is_a_mistyped_one() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let kinds = |text: &str, id_kinds: Vec<(&'static str, usize)>| -> Vec<&'static str> {
            let hints = Hints {
                phone_regions: vec!["NO".to_owned()],
                id_kinds,
                ..Hints::default()
            };
            d.detect_with(text.as_bytes(), "t", &|_| None, &hints)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        let norwegian = vec![("NO_FODSELSNUMMER", 30)];
        // Eleven digits failing the birth number's check but passing the
        // Croatian OIB's, in a file of birth numbers.
        assert!(kinds("id_number: 30089217166", norwegian.clone()).is_empty());
        // Alone, or named by its own words, it is an OIB.
        assert_eq!(kinds("id_number: 30089217166", Vec::new()), ["HR_OIB"]);
        assert_eq!(kinds("OIB 30089217166", norwegian.clone()), ["HR_OIB"]);
        // Frequent in the file too, it is one.
        assert_eq!(
            kinds("id_number: 30089217166", vec![("NO_FODSELSNUMMER", 30), ("HR_OIB", 20)]),
            ["HR_OIB"]
        );
        // The file's kind stays, and so does a foreign kind of another
        // shape (a Finnish HETU).
        assert_eq!(kinds("id_number: 07060445944", norwegian.clone()), ["NO_FODSELSNUMMER"]);
        assert_eq!(kinds("id_number: 131052-308T", norwegian), ["FI_HETU"]);
    }

    #[test]
    fn german_insurance_korean_business_and_swedish_organisation_numbers() {
        assert_eq!(entities("Krankenkasse KVNR: A123456780"), ["DE_HEALTH_INSURANCE"]);
        assert!(entities("part A123456780 in stock").is_empty());
        assert!(entities("KVNR: A123456787").is_empty());
        // A birth date, a letter and a check digit: enough alone.
        assert_eq!(entities("RVNR: 15070649C103"), ["DE_SOCIAL_SECURITY"]);
        assert_eq!(entities("ref 15070649C103 ok"), ["DE_SOCIAL_SECURITY"]);
        assert!(entities("ref 15070649C100 ok").is_empty());
        assert_eq!(entities("사업자등록번호 104-86-56659"), ["KR_BRN"]);
        assert_eq!(entities("BRN: 1048656659"), ["KR_BRN"]);
        assert!(!entities("order 104-86-56659").contains(&"KR_BRN"));
        assert_eq!(entities("orgnr 556036-0793"), ["SE_ORGANISATIONSNUMMER"]);
        assert!(!entities("ref 556036-0793").contains(&"SE_ORGANISATIONSNUMMER"));
    }

    #[test]
    fn bare_cnpj_of_a_head_office_counts_alone() {
        // Branch 0001 (a head office): the shape and two check digits suffice.
        assert_eq!(entities("company 94456754000102 ok"), ["BR_CNPJ"]);
        // Another branch number needs a CNPJ word.
        assert!(entities("company 94456754012372 ok").is_empty());
        assert_eq!(entities("CNPJ 94456754012372"), ["BR_CNPJ"]);
        // A wrong check digit is nothing.
        assert!(entities("company 94456754000103 ok").is_empty());
    }

    #[test]
    fn numbers_found_next_to_their_own_words() {
        assert_eq!(entities("ABN 83 914 571 673 (Acme Pty Ltd)"), ["AU_ABN"]);
        assert_eq!(entities("ACN: 004 085 616"), ["AU_ACN"]);
        assert_eq!(entities("routing number 111000025, account 12"), ["US_ABA_ROUTING"]);
        assert!(!entities("tax id 111000025").contains(&"US_ABA_ROUTING"));
        assert_eq!(entities("P.IVA 00743110157"), ["IT_VAT"]);
        assert_eq!(entities("fattura IT00743110157"), ["IT_VAT"]);
        assert_eq!(entities("Medicare 2123 45670 1"), ["AU_MEDICARE"]);
        assert_eq!(entities("NRIC S1234567D"), ["SG_NRIC_FIN"]);
        assert_eq!(entities("DEA AB1234563"), ["US_DEA"]);
        assert_eq!(entities("id 3-1006-00445-63-5 ok"), ["TH_TNIN"]);
        assert_eq!(entities("เลขประจำตัวประชาชน: 3100600445635"), ["TH_TNIN"]);
        assert_eq!(
            entities("send to 1NEDqZPvTWRaoho48qXuLLsrYomMXPABfD now"),
            ["BTC_ADDRESS"]
        );
        assert_eq!(entities("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"), ["BTC_ADDRESS"]);
        // Checksum off by one character.
        assert!(entities("send to 1NEDqZPvTWRaoho48qXuLLsrYomMXPABfE now").is_empty());
        assert_eq!(entities("Rechnung DE109139299"), ["DE_VAT"]);
        assert_eq!(entities("USt-IdNr. 608567932"), ["DE_VAT"]);
        assert_eq!(entities("GSTIN: 18GASGT5803B1ZV"), ["IN_GSTIN"]);
        assert_eq!(entities("gst 18GASGT5803B1ZE"), Vec::<&str>::new());
        assert_eq!(entities("NPI 1234567893"), ["US_NPI"]);
        assert_eq!(entities("provider id: 1443 218 031"), ["US_NPI"]);
        assert_eq!(entities("Medicare beneficiary 1EG4-TE5-MK73"), ["US_MBI"]);
        assert_eq!(entities("MBI: 1EG4TE5MK73"), ["US_MBI"]);
        let bare = entities("ref 111000025 and 2123456701, 1234567893, 1EG4TE5MK73 and 608567932");
        assert!(
            !["US_ABA_ROUTING", "AU_MEDICARE", "US_NPI", "US_MBI", "DE_VAT"]
                .iter()
                .any(|e| bare.contains(e)),
            "{bare:?}"
        );
    }

    /// National numbers next to a phone word are found when nothing in
    /// the file names a region; not after a word that merely contains one.
    #[test]
    fn national_phone_numbers_next_to_a_phone_word() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = |t: &str, col: Option<&str>| -> Vec<&'static str> {
            let col: Option<Arc<str>> = col.map(Arc::from);
            d.detect(t.as_bytes(), "t.txt", &|_| col.clone())
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        assert_eq!(found("Telepono: 09171234567", None), ["PHONE"]);
        assert_eq!(found("call me at (415) 555-0232 tomorrow", None), ["PHONE"]);
        assert_eq!(found("(415) 555-0232", Some("customer_phone")), ["PHONE"]);
        assert!(found("(415) 555-0232", Some("hotel_id")).is_empty());
        assert!(found("order (415) 555-0232", None).is_empty());
        assert_eq!(found("Telefon: (415) 555-0232", None), ["PHONE"]);
        assert_eq!(found("tel. (415) 555-0232", None), ["PHONE"]);
        // A name that starts with a short phone word is no phone word: the
        // number counts only as it is written, at a lower confidence.
        let confidence = |t: &str| -> Vec<u8> {
            d.detect(t.as_bytes(), "t.txt", &|_| None)
                .into_iter()
                .map(|h| h.confidence)
                .collect()
        };
        assert_eq!(
            confidence("Tellervo Hyttinen,(415) 555-0232"),
            [GROUPED_PHONE_CONFIDENCE]
        );
        assert_eq!(confidence("Tel: (415) 555-0232"), [95]);
        // Grouped as no region writes it, or bare, it needs a phone word.
        assert!(found("Tellervo Hyttinen,(4155) 55-0132", None).is_empty());
        assert!(found("Tellervo Hyttinen, 4155550232", None).is_empty());
        // In a run of digit groups that ends glued to a letter, the number
        // before the last group is still read.
        assert_eq!(found("Pauli / +358 6 29917883 120385-334G (typo?)", None), ["PHONE"]);
        assert!(found("ref +358 6 29917883120385G", None).is_empty());
        // A bracketed trunk code counts in a file of that country only.
        let gb = Hints {
            phone_regions: vec!["GB".into()],
            ..Hints::default()
        };
        let in_gb = |t: &str| -> Vec<&'static str> {
            d.detect_with(t.as_bytes(), "t.txt", &|_| None, &gb)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        // (The name before the number is the number's owner's.)
        assert_eq!(in_gb("Hannah Allen / (0117) 496 0974"), ["PERSON_NAME", "PHONE"]);
        // So does a trunk code set apart from the rest of the number.
        assert_eq!(in_gb("Hannah Allen / 0117 496 0974"), ["PERSON_NAME", "PHONE"]);
        // And one run of digits with the trunk `0`; not with nothing
        // pointing to a region, nor after a word of another record's number.
        assert_eq!(in_gb("Hannah Allen / 01174960974"), ["PERSON_NAME", "PHONE"]);
        assert!(found("Hannah Allen / 01174960974", None).is_empty());
        assert!(in_gb("Ref 01174960974 - follow up").is_empty());
        assert!(in_gb("commit 01174960974").is_empty());
        // With nothing pointing to a region, it is still written as the
        // first common region it is valid in writes it.
        assert_eq!(confidence("Hannah / (0117) 496 0974"), [GROUPED_PHONE_CONFIDENCE]);
        // Words of another record's number keep it from being read so.
        for t in [
            "invoice 020 7946 0958",
            "Order No. (415) 555-0232",
            "Account: 98765 43210",
            "ID 415-555-0232",
        ] {
            assert!(found(t, None).is_empty(), "{t}");
        }
    }

    /// Cases from Presidio's recognizer tests that mlsec missed.
    #[test]
    fn finds_what_presidio_tests_expect() {
        // A short word after an IBAN is not its last group.
        assert_eq!(entities("AL47212110090000000235698741 ALL CAPS"), ["IBAN"]);
        assert_eq!(entities("pay ES91 2100 0418 4502 0005 1332 EUR"), ["IBAN"]);
        // Lower-case national insurance and foreigner numbers.
        assert_eq!(entities("nino hh 01 02 03 d"), ["UK_NINO"]);
        assert_eq!(entities("nie x9613851n"), ["ES_NIE"]);
        // UATP airline cards.
        assert_eq!(entities("card 122000000000003"), ["CREDIT_CARD"]);
    }

    #[test]
    fn segments() {
        assert_eq!(utf8_segments(b"ab\xffcd"), [(0, "ab"), (3, "cd")]);
        assert_eq!(utf8_segments(b"\xff"), Vec::<(usize, &str)>::new());
        assert_eq!(utf8_segments(b"a\xe2\x82"), [(0, "a")]);
        assert_eq!(utf8_segments(b"\xc3\xa9\xc3(x"), [(0, "\u{e9}"), (3, "(x")]);
    }

    #[test]
    fn encryption_tokens_are_not_secrets_or_identifiers() {
        let key = b"a key of at least sixteen bytes";
        let mut text = String::new();
        for i in 0..300 {
            let t = crate::redact::encrypt_token(key, "SECRET", format!("AKIAZ3MSJV4WWNKWW{i:03}").as_bytes()).unwrap();
            text.push_str(&format!("api_key = {t}\nsecret: \"{t}\"\ntoken={t}\n"));
        }
        let found = detector().detect(text.as_bytes(), "t.txt", &|_| Some("password".into()));
        assert!(
            found.is_empty(),
            "{:?}",
            found.iter().map(|h| h.detail.clone()).collect::<Vec<_>>()
        );
        // Without the prefix the same kind of random string is reported.
        let bare = text.replace("ENC:", "");
        assert!(!detector().detect(bare.as_bytes(), "t.txt", &|_| None).is_empty());
        // A short `ENC:` value is not a token and is still reported.
        assert!(!entities("api_key = ENC:AKIAZ3MSJV4WWNKWW5FG").is_empty());
    }

    /// Trying the keyword-led patterns only at their words never loses
    /// or changes a match: each finds the same spans as a search of the
    /// whole buffer.
    fn gate_agrees(d: &Detector, text: &str) {
        let buf = text.as_bytes();
        let (_, starts) = d.word_pass(buf);
        let address = address_pattern();
        for (led, p) in [
            (Led::Assignment, ASSIGNMENT),
            (Led::Dob, DOB),
            (Led::Name, NAME),
            (Led::Document, DOCUMENT),
            (Led::Bank, BANK),
            (Led::Address, address.as_str()),
        ] {
            let whole: Vec<_> = re(p)
                .captures_iter(buf)
                // The value is group 1 where there is one; an address is
                // the whole match (its groups only name its form).
                .map(|c| {
                    let value = if led == Led::Address {
                        None
                    } else {
                        (1..=12).find_map(|g| c.get(g))
                    };
                    value.or_else(|| c.get(0)).unwrap().range()
                })
                .map(|r| (r.start, r.end))
                .collect();
            assert_eq!(whole, d.keyword_led(buf, &starts, led), "{led:?} on {text:?}");
        }
    }

    #[test]
    fn context_gate_keeps_every_match() {
        let d = detector();
        for t in [
            "x\npassword:\n  Abc123xyz456789qq\nend",
            "Name: John Smith\nDOB: 1990-01-02\n",
            "lives at 12 Baker Street, apt 4\nD.O.B. 02/03/1985",
            "MyPassWord=\"Zx81kq0Pl2mN7\" customer John Dole dr. Who",
            // Found by the property test: the value two lines below its
            // keyword, past a blank line, on a line with no word of its own.
            "AuthKey\n\n,1990-01-02Drdate of birthmy",
            // Addresses of any street word, found by their state and ZIP
            // code or postcode after a comma.
            "ship to 88 Kingfisher Pass, Denver, CO 80202 today",
            "x\n5 George Lane Way, Sydney NSW 2000\n12 Oak Knoll, London SW1A 2AA",
            "88 Kingfisher Pass, Denver, CO 80202, 88 Kingfisher Pass, Denver, CO 80202",
            "password\n\n=\n\nAbc123xyz456789qq",
            "Kind regards,\nJeremy\n",
            r#"{"value": "reply within 14 days.\n\nKind regards,\nJeremy"}"#,
            "Mit freundlichen Gr\u{fc}\u{df}en\nAnna Huber",
        ] {
            gate_agrees(&d, t);
        }
    }

    proptest::proptest! {
        #[test]
        fn context_gate_property(parts in proptest::collection::vec(proptest::sample::select(vec![
            "password", "Password", "pwd", "token", "api_key", "client_secret", ":", "=", " ", "\n", "\"",
            "Abc123xyz456789", "1990-01-02", "02/03/1985", "date of birth", "born on", "DOB", "d.o.b",
            "Name", "name", "Mr.", "Dr", "dear", "John", "Smith", "Mary-Ann", "12", "Baker", "Street",
            "Ave.", "way", "Road", ",", "apt 4", "x", "é", "\t", "have", "ms", "items", "_", "my", "db",
            "access-key", "AuthKey", "credentials", "Dave", "1", "passport", "Passport No", "driver's license",
            "driving licence", "D1234-567", "#", "pasaporte", "es", "Reisepass Nr.", "F\u{fc}hrerschein",
            "permis de conduire", "n\u{b0}", "licencia de conducir", "is", "was", "Hauptstra\u{df}e", "5",
            "10115", "Berlin", "rue", "Calle", "ul.", "00-001", "account number", "Account No.", "acct #",
            "Kontonummer", "12345678", "12-34-56", "bank account",
            // An address of any street word, found by its state and ZIP.
            "88", "Kingfisher", "Pass", ", ", "Denver", "CO", "80202", "NSW", "2000", "SW1A", "2AA",
        ]), 0..40)) {
            static D: std::sync::LazyLock<Detector> = std::sync::LazyLock::new(detector);
            gate_agrees(&D, &parts.concat());
        }
    }

    proptest::proptest! {
        /// Skipping the words whose first pair of bytes is not in the text
        /// skips no word that is there.
        #[test]
        fn the_pair_filter_keeps_every_word_there(
            text in "[abcÉé _]{0,60}",
            words in proptest::collection::vec("[abcé_]{1,4}", 1..8),
            at_word_start: bool,
        ) {
            let column_words = ColumnWords::default();
            let buf = text.as_bytes();
            let context = Context::new(buf, buf.len(), &|_| None, &column_words);
            let want = words.iter().any(|w| Context::found(&context.pre[..context.len], w, at_word_start, true));
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(context.text_found(&words, at_word_start), want);
        }

        #[test]
        fn occurs_agrees_with_memmem(hay in "[abc_ ]{0,60}", needle in "[abc]{1,4}") {
            let want: Vec<usize> = (0..hay.len()).filter(|&i| hay[i..].starts_with(&needle)).collect();
            let got: Vec<usize> = context::occurs(hay.as_bytes(), needle.as_bytes()).collect();
            proptest::prop_assert_eq!(&got, &want);
            proptest::prop_assert_eq!(got.first().copied(), memchr::memmem::find(hay.as_bytes(), needle.as_bytes()));
        }
    }

    proptest::proptest! {
        #[test]
        fn net6_matches_agree_with_a_search_of_every_line(parts in proptest::collection::vec(proptest::sample::select(vec![
            "0", "1", "ab", "F", "fe80", "2001", "db8", ":", "::", ":", "g", "x", " ", "\n", ".", "-", "\"", "00:1a",
            "1:2", "z9", "_",
        ]), 0..40)) {
            static D: std::sync::LazyLock<Detector> = std::sync::LazyLock::new(detector);
            static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
                re(&format!(r"(?i)\b(?:[0-9a-f]{{2}}:){{5}}[0-9a-f]{{2}}\b|{IPV6}"))
            });
            let text = parts.concat();
            let buf = text.as_bytes();
            let two_colons = |(s, e): &(usize, usize)| buf[*s..*e].iter().filter(|&&b| b == b':').count() >= 2;
            let want: Vec<(usize, usize)> = RE.find_iter(buf).map(|m| (m.start(), m.end())).filter(two_colons).collect();
            let got: Vec<(usize, usize)> = D.net6_matches(buf).into_iter().filter(two_colons).collect();
            proptest::prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    proptest::proptest! {
        #[test]
        fn net4_matches_agree_with_the_pattern(parts in proptest::collection::vec(proptest::sample::select(vec![
            "0", "1", "9", "25", "255", "256", "199", "249", "01", "1000", ".", "-", "_", " ", "a", "F", "e0", "g", "\n", "v",
            "00a1", "beef",
        ]), 0..40)) {
            static RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
                re(&format!(
                    r"(?i)\b(?:[0-9a-f]{{2}}-){{5}}[0-9a-f]{{2}}\b|\b[0-9a-f]{{4}}\.[0-9a-f]{{4}}\.[0-9a-f]{{4}}\b|{IPV4}"
                ))
            });
            let text = parts.concat();
            let want: Vec<(usize, usize)> = RE.find_iter(text.as_bytes()).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(net4_matches(text.as_bytes()), want, "{:?}", text);
        }
    }

    /// Every position where some kind's exact pattern matches, found by
    /// trying each pattern at each position.
    fn exact_starts(buf: &[u8]) -> Vec<usize> {
        use regex_automata::{Anchored, Input};
        static EXACT: std::sync::LazyLock<regex_automata::meta::Regex> = std::sync::LazyLock::new(|| {
            let all: Vec<String> = ID_KINDS.iter().map(|k| format!("(?:{})", k.pattern)).collect();
            span_re(&all.join("|"))
        });
        (0..buf.len())
            .filter(|&p| EXACT.is_match(Input::new(buf).range(p..).anchored(Anchored::Yes)))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]
        /// The union of shapes loses no start: pieces of identifiers
        /// (digits, letters, the separators they use) glued in any order.
        #[test]
        fn candidate_starts_hold_every_exact_start(parts in proptest::collection::vec(proptest::sample::select(vec![
            "0", "1", "7", "9", "12", "19", "20", "31", "756", "123", "4111", "2026", "123456", "12345678", "9999",
            "A", "DE", "GB82", "IT", "HR", "K", "X", "Z", "bc1", "1Bvb", "ab", "T", "-", " ", ".", "/", "+", "_", ":",
            "\n", ",", "WEST", "RSSMRA85T10A562S", "ABCDE1234F", "1EG4-TE5-MK73", "AB 12 34 56 C",
        ]), 0..24)) {
            static D: std::sync::LazyLock<Detector> = std::sync::LazyLock::new(detector);
            let text = parts.concat();
            let buf = text.as_bytes();
            let got = D.candidate_starts(buf);
            for p in exact_starts(buf) {
                proptest::prop_assert!(got.contains(&p), "start {p} of {text:?} not a candidate");
            }
        }
    }

    #[test]
    fn candidate_starts_hold_every_exact_start_in_the_vectors() {
        let d = detector();
        let mut text = String::new();
        for k in ID_KINDS {
            text.push_str(k.entity);
            text.push_str(": ");
            text.push_str(k.pattern);
            text.push('\n');
        }
        for (_, valid, invalid) in crate::validate::tests::vectors::VECTORS {
            for v in valid.iter().chain(invalid.iter()) {
                text.push_str(&format!("x {v} y,{v}\n"));
            }
        }
        let buf = text.as_bytes();
        let got = d.candidate_starts(buf);
        let exact = exact_starts(buf);
        assert!(exact.len() > 100, "{}", exact.len());
        for p in exact {
            assert!(
                got.contains(&p),
                "start {p} not a candidate: {:?}",
                &text[p..text.len().min(p + 30)]
            );
        }
    }

    #[test]
    fn the_script_of_the_text_points_to_its_country() {
        let hebrew = "לקוח,מספר זהות\nיוסי כהן,1\nדנה לוי,2\n".repeat(4);
        assert_eq!(Hints::from_hits(&[], hebrew.as_bytes()).phone_regions, ["IL"]);
        let greek = "Γιώργος Παπαδόπουλος, Αθήνα\n".repeat(3);
        assert_eq!(Hints::from_hits(&[], greek.as_bytes()).phone_regions, ["GR"]);
        // Latin, Cyrillic and Chinese point nowhere; a few letters are not enough.
        assert!(Hints::from_hits(&[], "Иван Петров, 北京市, José".repeat(9).as_bytes())
            .phone_regions
            .is_empty());
        assert!(Hints::from_hits(&[], "שלום".as_bytes()).phone_regions.is_empty());
        // Letters only one or two countries write point to them.
        let romanian = "Vicenția Tabacu, Ștefan Popescu, Mădălina Țăranu\n".repeat(2);
        assert_eq!(Hints::from_hits(&[], romanian.as_bytes()).letter_regions, ["RO"]);
        assert!(Hints::from_hits(&[], romanian.as_bytes()).phone_regions.is_empty());
        let polish = "Łukasz Wróbel, Zofia Żak, Michał Kowalczyk\n".repeat(2);
        assert_eq!(Hints::from_hits(&[], polish.as_bytes()).letter_regions, ["PL"]);
        let norwegian = "Bjørn Sæther, Ørjan Løvås, Kjærsti Bø\n".repeat(2);
        assert_eq!(Hints::from_hits(&[], norwegian.as_bytes()).letter_regions, ["DK", "NO"]);
        assert!(Hints::from_hits(&[], hebrew.as_bytes()).letter_regions.is_empty());
        // Regions from letters alone come first, then the default guesses.
        let phones = |text: &str| -> Vec<&'static str> {
            let hints = Hints::from_hits(&[], format!("{romanian}{text}").as_bytes());
            let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
            d.detect_with(text.as_bytes(), "t", &|_| None, &hints)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        assert_eq!(phones("Ana, 0722 820 391"), ["PHONE"]);
        assert_eq!(phones("Hannah Allen / (0117) 496 0974"), ["PERSON_NAME", "PHONE"]);
        // Simplified Chinese points to China; traditional Chinese and
        // Japanese kanji do not.
        let simplified = "张伟的电话，这个问题我们说过了。\n".repeat(2);
        assert_eq!(Hints::from_hits(&[], simplified.as_bytes()).letter_regions, ["CN"]);
        let traditional = "張偉的電話，這個問題我們說過了。\n".repeat(2);
        assert!(Hints::from_hits(&[], traditional.as_bytes()).letter_regions.is_empty());
        // One foreign name among many is not enough.
        let one = format!("{}Łukasz Wróbel\n", "Anna Schmidt, Jean Dupont\n".repeat(20));
        assert!(Hints::from_hits(&[], one.as_bytes()).letter_regions.is_empty());
        // Nine digits with a Luhn check digit: an Israeli id in a Hebrew
        // file, not a Canadian SIN.
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let column = |_: usize| Some(Arc::from("national_id"));
        let found = |text: &str| -> Vec<&str> {
            let hints = Hints::from_hits(&[], text.as_bytes());
            d.detect_with(text.as_bytes(), "", &column, &hints)
                .iter()
                .map(|h| h.entity)
                .collect()
        };
        assert_eq!(found(&format!("{hebrew}435752084")), ["IL_ID"]);
        assert_eq!(found("Jean Tremblay 435752084"), ["CA_SIN"]);
    }

    #[test]
    fn numbers_written_as_one_region_writes_them_point_there() {
        // Latin text, Romanian names without their letters: only the way
        // the numbers are written (trunk `0`, `0770 209 665`) says Romania.
        let text = "Panait Tudor (0259 731 976) Dignissimos veniam.\n\
                    Reach Costache on 0232 705 786 Iure at sed.\n\
                    Officiis neque. 0771 648 034. Earum fuga.\n\
                    Antonie Dima, 0758 723 355\n";
        let hints = Hints::from_hits(&[], text.as_bytes());
        assert!(hints.phone_regions.is_empty());
        assert_eq!(hints.letter_regions.first().map(String::as_str), Some("RO"));
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());

        let found = d.detect_with(text.as_bytes(), "t", &|_| None, &hints);
        assert_eq!(found.iter().filter(|h| h.entity == "PHONE").count(), 4, "{found:?}");
        // Two are not enough; nor are numbers with no trunk written.
        let two = "Panait Tudor (0259 731 976)\nAntonie Dima, 0758 723 355\n";
        assert!(Hints::from_hits(&[], two.as_bytes()).letter_regions.is_empty());
        let bare = "727 394 385, 546 478 614, 571 890 397, 580 897 794\n";
        assert!(Hints::from_hits(&[], bare.as_bytes()).letter_regions.is_empty());
        // Where the file points somewhere, its numbers do not vote.
        let french = format!("{text}jean@example.fr, marie@example.fr, paul@exemple.fr\n");
        assert!(
            Hints::from_hits(&d.detect(french.as_bytes(), "t", &|_| None), french.as_bytes())
                .letter_regions
                .is_empty()
        );
    }

    #[test]
    fn czech_streets_without_a_postcode_in_a_czech_file() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = |region: &str, t: &str| -> Vec<&'static str> {
            let hints = Hints {
                letter_regions: vec![region.to_owned()],
                ..Hints::default()
            };
            d.detect_with(t.as_bytes(), "t", &|_| None, &hints)
                .into_iter()
                .map(|h| h.entity)
                .collect()
        };
        for t in [
            "Přecházet utrpení bezpečí ovládat. Opletalova 4, Krásné Údolí.",
            "V Nížinách 68, Jevíčko",
            "Pod Čertovou Skalou 707, Červený Kostelec",
            "U Rakovky 40, Strmilov",
            "Do Zahrádek Ii 182, Frýdlant nad Ostravicí",
        ] {
            assert_eq!(found("CZ", t), ["POSTAL_ADDRESS"], "{t}");
            // Not where the file points elsewhere.
            assert!(found("PL", t).is_empty(), "{t}");
        }
        assert!(found("CZ", "Do Step 2020, Then").is_empty());
    }

    #[test]
    fn postal_codes_after_their_words() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let found = |t: &str| -> Vec<(&'static str, String)> {
            d.detect(t.as_bytes(), "t", &|_| None)
                .into_iter()
                .map(|h| (h.entity, t[h.start..h.end].to_owned()))
                .collect()
        };
        for (t, v) in [
            ("Send to postcode EC2A 1NT please", "EC2A 1NT"),
            ("zip code: 94105-1234", "94105-1234"),
            ("PLZ 10115 Berlin", "10115"),
            ("Postleitzahl: 1010", "1010"),
            ("code postal 75001", "75001"),
            ("CEP 01310-100", "01310-100"),
            ("postcode 1017 GC", "1017 GC"),
        ] {
            assert_eq!(found(t), [("POSTAL_CODE", v.to_owned())], "{t}");
        }
        for t in ["zip file 2024", "postcode QA1 1AA", "zip 123", "the zip 94105123"] {
            assert!(found(t).iter().all(|(e, _)| *e != "POSTAL_CODE"), "{t}");
        }
    }

    #[test]
    fn numbers_grouped_as_people_write_them_in_their_region() {
        let d = Detector::new(SecretRules::builtin().unwrap(), DetectOptions::default());
        let phones = |region: &str, line: &str| -> usize {
            let hints = Hints {
                phone_regions: vec![region.to_owned()],
                ..Hints::default()
            };
            d.detect_with(line.as_bytes(), "t", &|_| None, &hints)
                .iter()
                .filter(|h| h.entity == "PHONE")
                .count()
        };
        for line in [
            "Ας γειτονιάς δεν αυτήν. Μερόπη Καλούδη, 210 087 2335",
            "Διαπιστώνεις 6946 962420. Ας τη",
            "Κόψεις 22860 66 034 μέχρι",
            "Μερόπη 210 7319676",
        ] {
            assert_eq!(phones("GR", line), 1, "{line}");
        }
        assert_eq!(phones("NO", "Kari Nordmann 920 96 654 i morgen"), 1);
        // Other groupings, other separators: not without a phone word.
        assert_eq!(phones("GR", "Κόψεις 2100 87 2335 μέχρι"), 0);
        assert_eq!(phones("NO", "Kari Nordmann 920 966 54 i morgen"), 0);
    }

    #[test]
    fn identifiers_of_more_countries() {
        assert_eq!(entities("JMBG: 2809978413650"), ["JMBG"]);
        assert_eq!(entities("EMBG 0710004419607"), ["JMBG"]);
        assert_eq!(entities("CUIT 20-31321953-5"), ["AR_CUIT"]);
        assert_eq!(entities("pago 23-31358677-4 ok"), ["AR_CUIT"]);
        assert_eq!(entities("CUIL: 20313219535"), ["AR_CUIT"]);
        assert_eq!(entities("AMKA 02109587788"), ["GR_AMKA"]);
        assert_eq!(entities("SVNR 8874 021095"), ["AT_SVNR"]);
        assert_eq!(entities("РНОКПП 3497367318"), ["UA_RNOKPP"]);
        assert_eq!(entities("ΑΜΚΑ: 02091832879"), ["GR_AMKA"]);
        assert_eq!(entities("ИНН 587289848603"), ["RU_INN"]);
        assert_eq!(entities("инн организации 5872610349"), ["RU_INN"]);
        assert_eq!(entities("personas kods 021045-19974"), ["LV_PERSONAL_CODE"]);
        assert_eq!(entities("ref 260626-19884 x"), ["LV_PERSONAL_CODE"]);
        assert_eq!(entities("身分證字號 U117421802"), ["TW_NATIONAL_ID"]);
        assert_eq!(entities("national id T279290813"), ["TW_NATIONAL_ID"]);
        // Bare digit runs need their words; a changed digit fails the check.
        assert!(entities("order 2809978413650 shipped").is_empty());
        assert!(entities("CUIT 20-31321954-5").is_empty());
        assert!(entities("code U117491802").is_empty());
        // Presidio's negative for a German health insurance number: a
        // letter and nine digits that pass the Taiwanese check, with no word.
        assert!(entities("M123456789").is_empty());
        assert!(entities("ref 260626-19824 x").is_empty());
    }

    #[test]
    fn a_name_heading_a_letter_or_a_cv_is_a_name() {
        let d = detector();
        let found = |t: &str| -> Vec<String> {
            d.detect(t.as_bytes(), "t.txt", &|_| None)
                .into_iter()
                .filter(|h| h.entity == "PERSON_NAME")
                .map(|h| t[h.start..h.end].to_owned())
                .collect()
        };
        assert_eq!(
            found("Sure, a draft:\n\nJolien Swinnen\nTinesingel 639, 4139 Sint-Margriete\n0467 58 42 43\n"),
            ["Jolien Swinnen"]
        );
        assert_eq!(
            found("77799168,\"Rita Bernad\nrita.bernad79@telefonica.net | Data Scientist\""),
            ["Rita Bernad"]
        );
        assert!(found("Curriculum Vitae\nrita.bernad79@telefonica.net\n").is_empty());
        assert!(found("Sales Department\nsales@acme-shop.de\n").is_empty());
        // Not the head of its paragraph.
        assert!(found("We met there.\nJolien Swinnen\njolien@telenet.be\n").is_empty());
        // A Markdown CV's top heading, its address and phone below.
        assert_eq!(
            found("# Jose Grant\n\n1141 Pena Lodge Suite 139\nNew Amy, SD 72432\nPhone: 502.471.3764 \u{b7} Email: lauren27@hotmail.com\n"),
            ["Jose Grant"]
        );
        assert!(found("# Curriculum Vitae\n\nPhone: 502.471.3764\n").is_empty());
        assert!(found("## Jose Grant\n\nPhone: 502.471.3764\n").is_empty());
    }

    #[test]
    fn numbers_read_out_in_words_are_found_on_the_words() {
        let d = detector();
        let text = "my card number is four one one one, one one one one, one one one one, one one one one thanks";
        let hits = d.detect(text.as_bytes(), "t.txt", &|_| None);
        let got: Vec<(&str, &str)> = hits.iter().map(|h| (h.entity, &text[h.start..h.end])).collect();
        assert!(
            got.contains(&(
                "CREDIT_CARD",
                "four one one one, one one one one, one one one one, one one one one"
            )),
            "{got:?}"
        );
        assert!(entities("one two three four five six seven").is_empty());
    }

    #[test]
    fn network_addresses() {
        assert_eq!(entities("mac 00:1a:2b:3c:4d:5e here"), ["MAC_ADDRESS"]);
        assert_eq!(entities("mac 00-1A-2B-3C-4D-5E here"), ["MAC_ADDRESS"]);
        assert_eq!(entities("ip6 2001:470:85a3::8a2e:370:7334 here"), ["IP_ADDRESS"]);
        // Numbers kept for fiction.
        for text in ["call (702) 555-0150 now", "phone: +1 212 555 0123"] {
            assert!(entities(text).is_empty(), "{text}");
        }
        assert_eq!(entities("phone: +1 212 555 0234"), ["PHONE"]);
        // Placeholders' and roles' e-mail addresses on the domains kept for
        // documentation and tests, in any written form.
        for text in [
            "mail jane.doe@example.com now",
            "to: Support@mail.example.org",
            "from bob@corp.invalid and alice@shop.test",
            "foo@mail.example, root@localhost.localhost",
            "write to john.smith [at] example [dot] net",
            "GET /u?email=user%40EXAMPLE.COM HTTP/1.1",
            "pay as buyer@shop.test",
            "mail ann.lee@shop.test",
            // No mailbox at all.
            "git clone git@github.com:acme/payments.git",
            "rsync -a build/ deploy@web-01.acme.io:/srv/www",
            "<img src=\"/img/logo@2x.png\"> and icon@1.5x.svg",
        ] {
            assert!(entities(text).is_empty(), "{text}: {:?}", entities(text));
        }
        // Anyone else's there (synthetic data's people), and placeholders
        // on other domains, are reported.
        for text in [
            "mail catherine93@example.com",
            "mail jane.doe@example.co.uk",
            "mail jane.doe@examples.com",
            "mail user@test.com",
            "mail jane@example.com.au",
            "mail alice.b@example.org",
            "mail: git@acme.io: down",
            "mail bob@acme.com.py",
        ] {
            assert_eq!(entities(text), ["EMAIL"], "{text}");
        }
        // Addresses no host has: documentation, loopback, unspecified.
        for text in [
            "ip6 2001:db8:85a3::8a2e:370:7334 here",
            "client 192.0.2.17:443",
            "from 203.0.113.9 and 198.51.100.250",
            "listen 127.0.0.1:8080",
            "bind 0.0.0.0",
            "my ip: ::1",
            "Loopback ::1",
            "Prefix: 2001:db8::/32",
            "[::1]:80",
        ] {
            assert!(entities(text).is_empty(), "{text}");
        }
        assert_eq!(entities("at 10:30:45 and 1.2.3"), Vec::<&str>::new());
        // Found by Presidio's tests: one group before `::`, Cisco's dotted
        // form; the placeholder addresses and a broken embedded IPv4 part
        // are not reported.
        assert_eq!(entities("ip A099::09C0:876A:130B here"), ["IP_ADDRESS"]);
        assert_eq!(entities("ip fe80::1ff:fe23:4567:890a"), ["IP_ADDRESS"]);
        assert_eq!(entities("Cisco MAC: 0012.3456.789A"), ["MAC_ADDRESS"]);
        assert_eq!(entities("mac 0050.5689.1234"), ["MAC_ADDRESS"]);
        assert!(entities("account 1234.5678.9012").is_empty());
        assert!(entities("bcast FF:FF:FF:FF:FF:FF zero 00-00-00-00-00-00").is_empty());
        assert!(entities("bad 2001:db8::256.1.1.1").is_empty());
        // Short forms (Presidio's IPv6 tests).
        assert_eq!(entities("Gateway: fe80::1 on interface"), ["IP_ADDRESS"]);
        assert_eq!(entities("Multicast ff02::1"), ["IP_ADDRESS"]);
        assert_eq!(entities("Prefix: 2001:470::/32"), ["IP_ADDRESS"]);
        assert_eq!(
            spans(
                &detector(),
                "[ssl:info] [client 2003:e8:6c6e:817a:693e:c573:68d8:24fa:30961] AH01964",
                "IP_ADDRESS"
            ),
            ["2003:e8:6c6e:817a:693e:c573:68d8:24fa"]
        );
        assert!(entities("id 2003:e8:6c6e:817a:693e:c573:68d8:24fa:3096a").is_empty());
        assert!(entities("type x :: Int and dead::beef and 123::45 and std::vec").is_empty());
        assert!(entities("see ::1 above").is_empty());
        assert!(entities("fe80::1text").is_empty());
        // Every group, however the groups around `::` are written; prefix
        // lengths; `::` by an address word; runs that are no address.
        for (text, addr) in [
            ("addr 2400:c401::5054:ff:fe1b:b031 x", "2400:c401::5054:ff:fe1b:b031"),
            ("ip fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
            ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
            ("route fe80::/10 via", "fe80::/10"),
            ("fd00::1/128", "fd00::1/128"),
        ] {
            let d = detector();
            let hits = d.detect(text.as_bytes(), "t", &|_| None);
            let spans: Vec<&str> = hits.iter().map(|h| &text[h.start..h.end]).collect();
            assert_eq!(spans.first().copied(), Some(addr), "{text}: {spans:?}");
        }
        for text in ["2001::db8::1", ":::", "1:2:3:4:5:6:7:8:9", "ratio 1:2:3:4", "std::cout"] {
            assert!(entities(text).is_empty(), "{text}");
        }
    }

    /// The forms of `pattern`'s top-level alternation, as written.
    fn top_level_forms(pattern: &str) -> Vec<String> {
        match &regex_syntax::ast::parse::Parser::new().parse(pattern).unwrap() {
            regex_syntax::ast::Ast::Alternation(alt) => alt.asts.iter().map(ToString::to_string).collect(),
            other => vec![other.to_string()],
        }
    }

    #[test]
    fn the_quick_address_test_knows_every_form() {
        // The top-level forms of the US pattern, by how they start: the
        // house number, military mail, a British flat (two layouts).
        let forms = top_level_forms(&address::address_pattern());
        let marks = [
            address::HOUSE_NUMBER,
            r"\b(?:(?:USNS|USNV|USS|USCGC) ",
            r"\b(?:Flat|Studio|Apartment|Unit) [0-9]",
            r"\b(?:Flat|Studio|Apartment) [0-9]",
        ];
        assert_eq!(
            forms.len(),
            marks.len(),
            "a new form of ADDRESS needs its mark in address_may_match"
        );
        for (form, mark) in forms.iter().zip(marks) {
            assert!(form.starts_with(mark), "{form} does not start with {mark}");
        }
        for (t, may) in [
            ("123 Main St", true),
            ("12B Baker Street", true),
            ("7-A Elm Road", true),
            ("PSC 1234, Box 5678, APO AA 34021", true),
            ("USS Johnson, FPO AE 14559", true),
            ("Flat 53, Johnson Ridge, Leeds, LS1 4AB", true),
            ("ORD-2026-322533,SKU-8718,Also Make,garden,4,284.74,SEK", false),
            ("x 5", false),
            ("12-a x", false),
            // It does not look for the word boundary before the number.
            ("a5b c", true),
        ] {
            assert_eq!(address::address_may_match(t.as_bytes()), may, "{t}");
        }
    }

    #[test]
    fn the_quick_european_address_test_knows_every_form() {
        assert_eq!(
            top_level_forms(&address::eu_address()).len(),
            5,
            "a new form of eu_address needs its marks in eu_address_may_match"
        );
        for (t, may) in [
            ("Hauptstra\u{df}e 12, 10115 Berlin", true),
            ("ulica Norwida 49, Inowroc\u{142}aw", true),
            ("12 rue de la Paix, Paris", true),
            ("x,12, rue de la Paix, Paris", true),
            ("Largo de Fernandes, S/N, Lamego", true),
            ("Dunagy\u{f6}rgyi \u{fa}t 25., H-6908 Szentgy\u{f6}rgyk\u{f6}vesd", true),
            ("Semring 15, 2404 DQ, Lierderholthuis", true),
            ("Vale Thiago Castro, Laranjeiras, 72487-394 Dias / MS", true),
            ("Rua X, 70, Bonsucesso, 39693729 Aparecida / MG", true),
            ("Calle Mayor 5\nJa\u{e9}n, 18003", true),
            ("ORD-1,SKU-2,Place Discussion,apparel,10,291.14,SEK,Santa Lucia,returned,17 August 2025,61b7,Laudantium.", false),
            (r#"{"order": {"id": "ORD-2022-464531", "created_at": "8 September 2019"}, "warehouse": {"city": "Port Jamal"}}"#, false),
            ("ORD-2026-322533,SKU-8718,Also Make,garden,4,284.74,SEK,Halmstad", false),
            ("Kaas gisteren water raak stem gedrag", false),
        ] {
            assert_eq!(address::eu_address_may_match(t.as_bytes()), may, "{t}");
        }
    }

    proptest::proptest! {
        /// Wherever the US or the European pattern matches, its quick test
        /// holds.
        #[test]
        fn the_quick_address_tests_hold_where_their_patterns_match(parts in proptest::collection::vec(proptest::sample::select(vec![
            "1", "23", "4567", "12345", "123-456", " ", "\t", "-", "A", "b", ",", ", ", "/", " / ", "S/N", "H-", "Stra\u{df}e",
            "Hauptstra\u{df}e", "rue", "ulica", "Via", "Roma", "Berlin", "de", "Vale", "Laranjeiras", "MG", "DQ", "\n", "x",
            "Apt.", "piso", "St", "Main", "Street", "_", "PSC", "Box", "APO", "AA", "USS", "Flat", "Studio", "Leeds", "LS1 4AB",
            "Rest", "NM 08228", "Kelly Forges", "72487-394", "Dias", "10115", "\u{c1}lava",
        ]), 0..16)) {
            type Quick = fn(&[u8]) -> bool;
            static FORMS: std::sync::LazyLock<[(regex::bytes::Regex, Quick); 2]> = std::sync::LazyLock::new(|| {
                [
                    (super::re(&address::address_pattern()), address::address_may_match as Quick),
                    (super::re(&address::eu_address()), address::eu_address_may_match as Quick),
                ]
            });
            let t = parts.concat();
            for (re, quick) in FORMS.iter() {
                if re.is_match(t.as_bytes()) {
                    proptest::prop_assert!(quick(t.as_bytes()), "{:?}", t);
                }
            }
        }
    }

    #[test]
    fn entity_names_are_listed() {
        let all = super::entities();
        for e in ["EMAIL", "CREDIT_CARD", "DE_TAX_ID", "SECRET", "US_SSN"] {
            assert!(all.contains(&e), "{e}");
        }
    }
}
