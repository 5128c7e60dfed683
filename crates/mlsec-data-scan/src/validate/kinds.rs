//! The catalogue of checksum-confirmed identifiers the scanner looks for:
//! one [`IdKind`] per (entity, written form), each with its candidate regex,
//! its validator and the context words that make a match more likely.
//!
//! Some entities appear twice, once for a distinctive written form (with
//! the dots, dashes or slashes of the official layout) that is reported on
//! its own, and once for the bare digit run, which only counts next to a
//! context word (`needs_context`). The two patterns of such a pair never
//! match the same text.
//!
//! Patterns use `[0-9]` rather than `\d` so that only ASCII digits match.

use super::americas::{
    is_ar_cuit, is_ar_dni, is_br_cnpj, is_br_cpf, is_ca_sin, is_cl_rut, is_co_nit, is_ec_ci, is_mx_curp, is_mx_rfc,
    is_us_aba_routing, is_us_dea, is_us_ein, is_us_itin, is_us_mbi, is_us_npi, is_us_ssn,
};
use super::asia_pacific::{
    is_au_abn, is_au_acn, is_au_medicare, is_au_tfn, is_cn_resident_id, is_id_nik, is_id_npwp, is_in_aadhaar,
    is_in_epic, is_in_gstin, is_in_pan, is_jp_my_number, is_kr_brn, is_kr_rrn, is_my_nric, is_nz_ird, is_ph_tin,
    is_pk_cnic, is_sg_nric_fin, is_sg_uen, is_th_tnin, is_tw_national_id, is_vn_mst,
};
use super::cards::is_credit_card;
use super::crypto::is_btc_address;
use super::europe_east::{
    is_bg_egn, is_cz_birth_number, is_hr_oib, is_jmbg, is_lv_personal_code, is_pl_nip, is_pl_pesel, is_ro_cnp,
    is_ru_inn, is_ua_rnokpp,
};
use super::europe_north::{
    is_dk_cpr, is_ee_personal_code, is_fi_hetu, is_is_kennitala, is_lt_personal_code, is_no_fodselsnummer, is_se_orgnr,
    is_se_personnummer,
};
use super::europe_west::{
    is_at_svnr, is_be_national_number, is_ch_ahv, is_de_bsnr, is_de_id_card, is_de_kvnr, is_de_lanr, is_de_rvnr,
    is_de_stnr, is_de_tax_id, is_de_vat, is_es_nie, is_es_nif, is_fr_nif, is_fr_nir, is_gb_nhs, is_gr_afm, is_gr_amka,
    is_ie_pps, is_it_fiscal_code, is_it_identity_card, is_it_vat, is_nl_bsn, is_pt_nif, is_uk_driving_licence,
    is_uk_nino, is_uk_utr,
};
use super::iban::is_iban;
use super::middle_east_africa::{is_il_id, is_ke_kra_pin, is_ng_nin, is_tr_tckn, is_za_id, is_za_tin};

/// One kind of identifier the scanner looks for with a regex and confirms
/// with a validator.
#[derive(Debug, Clone, Copy)]
pub struct IdKind {
    /// Entity name reported for a confirmed match, e.g. `"CREDIT_CARD"`,
    /// `"US_SSN"`, `"DE_TAX_ID"`. Several kinds may share one entity when
    /// it has more than one written form.
    pub entity: &'static str,
    /// ISO 3166 alpha-2 country code, or `""` for international schemes.
    pub country: &'static str,
    /// Candidate regex (Rust `regex` syntax, no lookaround) matching the
    /// identifier including its usual separators, anchored on word
    /// boundaries.
    pub pattern: &'static str,
    /// Validator called with the matched text; strips separators itself
    /// and checks structure and check digits like python-stdnum.
    pub validate: fn(&str) -> bool,
    /// Lower-case words that make a match more likely when found in the
    /// column name or just before the match.
    pub context: &'static [&'static str],
    /// When true the validated form is still too generic (a bare run of 8
    /// to 14 digits with one check digit) to report without one of the
    /// `context` words in the column name or within ~40 characters before
    /// the match.
    pub needs_context: bool,
}

/// Day of month `01`-`31`.
macro_rules! dd {
    () => {
        "(?:0[1-9]|[12][0-9]|3[01])"
    };
}
/// Month `01`-`12`.
macro_rules! mm {
    () => {
        "(?:0[1-9]|1[0-2])"
    };
}

const CTX_SSN: &[&str] = &[
    "ssn",
    "ss#",
    "ssn#",
    "social security",
    "social sec",
    "social security number",
    "socsec",
];
const CTX_JMBG: &[&str] = &[
    "jmbg",
    // In Serbian and Macedonian Cyrillic.
    "\u{458}\u{43c}\u{431}\u{433}",
    "\u{435}\u{43c}\u{431}\u{433}",
    "emšo",
    "emso",
    "embg",
    "матични број",
    "матичен број",
    "matični broj",
    "maticni broj",
    "master citizen number",
];
const CTX_AR_CUIT: &[&str] = &[
    "cuit",
    "cuil",
    "clave única",
    "clave unica",
    "identificación tributaria",
];
/// A DNI's words; `dni` alone also names Spain's (a letter after eight
/// digits, which this kind's digits never match).
const CTX_AR_DNI: &[&str] = &[
    "dni",
    "d.n.i",
    "documento nacional",
    "documento de identidad",
    "n\u{fa}mero de documento",
    "numero de documento",
    "nro. de documento",
    "nro de documento",
];
const CTX_FR_NIF: &[&str] = &[
    "nif",
    "spi",
    "num\u{e9}ro fiscal",
    "numero fiscal",
    "n\u{b0} fiscal",
    "identifiant fiscal",
    "num\u{e9}ro d'identification fiscale",
    "numero d'identification fiscale",
    "r\u{e9}f\u{e9}rence fiscale",
];
const CTX_LV: &[&str] = &["personas kods", "personas kodu", "personas koda", "personal code"];
const CTX_BR_CPF: &[&str] = &["cpf", "cadastro de pessoas", "contribuinte", "pessoa fisica"];
const CTX_BR_CNPJ: &[&str] = &["cnpj", "cadastro nacional", "pessoa juridica", "empresa"];
const CTX_IN_AADHAAR: &[&str] = &["aadhaar", "aadhar", "uidai", "uid", "aadhaar number"];
const CTX_SE: &[&str] = &["personnummer", "personnr", "person nummer", "pnr", "personal number"];
const CTX_KR: &[&str] = &["rrn", "resident registration", "주민등록번호", "주민번호", "jumin"];
const CTX_CL: &[&str] = &["rut", "rol unico", "rol único", "tributario"];
const CTX_BE: &[&str] = &[
    "rijksregisternummer",
    "registre national",
    "numéro national",
    "national number",
    "insz",
    "niss",
    "rrn",
];
const CTX_CZ: &[&str] = &["rodné číslo", "rodne cislo", "rodné", "birth number", "rč", "r.č."];
const CTX_CH: &[&str] = &[
    "ahv",
    "avs",
    "avs/ahv",
    "ahv-nr",
    "sozialversicherungsnummer",
    "numéro avs",
];
const CTX_DE: &[&str] = &[
    "steuer-id",
    "steuer_id",
    "steuerid",
    "steuer id",
    "steueridentifikationsnummer",
    "idnr",
    "identifikationsnummer",
    "tin",
    "tax id",
];
const CTX_NL: &[&str] = &[
    "bsn",
    "burgerservicenummer",
    "sofinummer",
    "sofi",
    "citizen service number",
    "persoonsnummer",
];
/// `ประชาชน` (citizen) stands in `เลขประจำตัวประชาชน` and `บัตรประชาชน`,
/// whose starts lie too far back for the context window (Thai letters are
/// three bytes each).
const CTX_TH: &[&str] = &["thai id", "ประชาชน", "tnin", "thai national id"];
const CTX_IT_VAT: &[&str] = &["partita iva", "p.iva", "p. iva", "piva", "vat", "iva", "codice iva"];
const CTX_DE_VAT: &[&str] = &[
    "ust-idnr",
    "ust-id",
    "ustidnr",
    "ust.-idnr",
    "umsatzsteuer",
    "mehrwertsteuer",
    "vat",
    "vat-id",
    "vat id",
];
/// Words around a German health insurance number (KVNR).
const CTX_DE_KVNR: &[&str] = &[
    "krankenversicherungsnummer",
    "krankenversichertennummer",
    "versichertennummer",
    "kvnr",
    "krankenkasse",
    "krankenversicherung",
    "gesundheitskarte",
    "egk",
    "health insurance",
    "versichertenkarte",
];
/// Words around a German pension insurance (social security) number.
const CTX_DE_RVNR: &[&str] = &[
    "rentenversicherungsnummer",
    "sozialversicherungsnummer",
    "versicherungsnummer",
    "rvnr",
    "svnr",
    "sv-nummer",
    "rentenversicherung",
    "sozialversicherung",
    "social security",
];
/// Words around a Korean business registration number.
const CTX_KR_BRN: &[&str] = &[
    "business registration",
    "business number",
    "brn",
    "tax registration number",
    "사업자등록번호",
    "사업자 등록번호",
    "사업자번호",
];
/// Words around a Swedish organisation number.
const CTX_SE_ORGNR: &[&str] = &[
    "organisationsnummer",
    "organisationsnr",
    "orgnummer",
    "orgnr",
    "org nr",
    "org.nr",
    "org. nr",
    "företagsnummer",
    "organisation number",
    "organization number",
];
/// Words around a US Medicare Beneficiary Identifier.
const CTX_US_MBI: &[&str] = &["mbi", "medicare", "beneficiary", "hicn"];
const CTX_ITIN: &[&str] = &["itin", "taxpayer identification", "tax id", "individual taxpayer"];

/// Words around a German tax number (Steuernummer).
const CTX_DE_STNR: &[&str] = &[
    "steuernummer",
    "steuer-nr",
    "steuer nr",
    "st.-nr",
    "st-nr",
    "stnr",
    "finanzamt",
];
/// Words around a Pakistani CNIC.
const CTX_PK_CNIC: &[&str] = &["cnic", "nadra", "national identity card", "shanakhti"];
/// Words around a Malaysian NRIC (MyKad) number.
const CTX_MY_NRIC: &[&str] = &["nric", "mykad", "kad pengenalan", "no. kp", "no kp", "ic no", "i/c"];

/// Twelve digits written `dddd dddd dddd` or `dddd-dddd-dddd`. Neighbouring
/// digit groups are absorbed into the match (and then fail the length check)
/// so that the middle of a longer grouped number, such as a card number, is
/// never taken for a twelve-digit identifier.
const GROUPED_4_4_4: &str = concat!(
    r"\b(?:(?:[0-9]{1,4} )*[0-9]{4} [0-9]{4} [0-9]{4}(?: [0-9]{1,4})*",
    r"|(?:[0-9]{1,4}-)*[0-9]{4}-[0-9]{4}-[0-9]{4}(?:-[0-9]{1,4})*)\b"
);

/// All identifier kinds, payment cards, IBANs and US SSNs included.
pub static ID_KINDS: &[IdKind] = &[
    IdKind {
        entity: "CREDIT_CARD",
        country: "",
        pattern: concat!(
            r"\b(?:[0-9]{12,19}",
            r"|[0-9]{4}(?: [0-9]{4}){2,3}(?: [0-9]{1,4})?",
            r"|[0-9]{4}(?:-[0-9]{4}){2,3}(?:-[0-9]{1,4})?",
            r"|[0-9]{4} [0-9]{6} [0-9]{4,5}",
            r"|[0-9]{4}-[0-9]{6}-[0-9]{4,5})\b"
        ),
        validate: is_credit_card,
        context: &[
            "card",
            "credit card",
            "card number",
            "cc",
            "ccn",
            "pan",
            "visa",
            "mastercard",
            "amex",
            "payment",
        ],
        needs_context: false,
    },
    IdKind {
        entity: "IBAN",
        country: "",
        pattern: r"\b[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b",
        validate: is_iban,
        context: &["iban", "account", "bank", "konto", "compte", "cuenta", "rekening"],
        needs_context: false,
    },
    IdKind {
        entity: "US_SSN",
        country: "US",
        pattern: r"\b[0-9]{3}(?:-[0-9]{2}-| [0-9]{2} )[0-9]{4}\b",
        validate: is_us_ssn,
        context: CTX_SSN,
        needs_context: false,
    },
    // Written with dots (`635.78.7909`), as some forms and exports do:
    // where words name it.
    IdKind {
        entity: "US_SSN",
        country: "US",
        pattern: r"\b[0-8][0-9]{2}\.[0-9]{2}\.[0-9]{4}\b",
        validate: is_us_ssn,
        context: CTX_SSN,
        needs_context: true,
    },
    IdKind {
        entity: "US_SSN",
        country: "US",
        pattern: r"\b[0-8][0-9]{8}\b",
        validate: is_us_ssn,
        context: CTX_SSN,
        needs_context: true,
    },
    IdKind {
        entity: "US_ITIN",
        country: "US",
        pattern: r"\b9[0-9]{2}(?:-[5-9][0-9]-| [5-9][0-9] )[0-9]{4}\b",
        validate: is_us_itin,
        context: CTX_ITIN,
        needs_context: false,
    },
    IdKind {
        entity: "US_ITIN",
        country: "US",
        pattern: r"\b9[0-9]{2}[5-9][0-9]{5}\b",
        validate: is_us_itin,
        context: CTX_ITIN,
        needs_context: true,
    },
    IdKind {
        entity: "UK_NINO",
        country: "GB",
        pattern: r"\b(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]|[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[a-d])\b",
        validate: is_uk_nino,
        context: &["nino", "national insurance", "ni number", "ni no", "insurance number"],
        needs_context: false,
    },
    IdKind {
        entity: "UK_NHS",
        country: "GB",
        pattern: r"\b[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}\b",
        validate: is_gb_nhs,
        context: &["nhs", "nhs number", "nhs no", "health service", "patient"],
        needs_context: true,
    },
    IdKind {
        entity: "DRIVER_LICENSE",
        country: "GB",
        pattern: r"(?i)\b[A-Z][A-Z9]{4}[0-9][0156][0-9][0-3][0-9]{2}[A-Z][A-Z9][0-9][A-Z]{2}\b",
        validate: is_uk_driving_licence,
        context: &[
            "driving licence",
            "driving license",
            "driver licence",
            "licence",
            "dvla",
        ],
        needs_context: false,
    },
    IdKind {
        entity: "DE_TAX_ID",
        country: "DE",
        pattern: r"\b[1-9][0-9](?: [0-9]{3} [0-9]{3} |/[0-9]{3}/[0-9]{3}/)[0-9]{3}\b",
        validate: is_de_tax_id,
        context: CTX_DE,
        needs_context: false,
    },
    IdKind {
        entity: "DE_TAX_ID",
        country: "DE",
        pattern: r"\b[1-9][0-9]{10}\b",
        validate: is_de_tax_id,
        context: CTX_DE,
        needs_context: true,
    },
    IdKind {
        entity: "FR_NIF",
        country: "FR",
        pattern: r"\b[0-3][0-9] [0-9]{2} [0-9]{3} [0-9]{3} [0-9]{3}\b",
        validate: is_fr_nif,
        context: CTX_FR_NIF,
        needs_context: false,
    },
    IdKind {
        entity: "FR_NIF",
        country: "FR",
        pattern: r"\b[0-3][0-9]{12}\b",
        validate: is_fr_nif,
        context: CTX_FR_NIF,
        needs_context: true,
    },
    IdKind {
        entity: "FR_NIR",
        country: "FR",
        pattern: concat!(
            r"\b[1-478][ .]?[0-9]{2}[ .]?[0-9]{2}[ .]?(?:[0-9]{2}|2[AB])",
            r"[ .]?[0-9]{3}[ .]?[0-9]{3}[ .]?[0-9]{2}\b"
        ),
        validate: is_fr_nir,
        context: &[
            "nir",
            "sécurité sociale",
            "securite sociale",
            "numéro de sécu",
            "insee",
            "ssn",
            "social security",
        ],
        needs_context: false,
    },
    IdKind {
        entity: "ES_NIF",
        country: "ES",
        pattern: r"\b(?:[0-9]{8}|[KLM][0-9]{7})[ -]?[TRWAGMYFPDXBNJZSQVHLCKEtrwagmyfpdxbnjzsqvhlcke]\b",
        validate: is_es_nif,
        context: &["nif", "dni", "documento nacional", "identidad", "cif"],
        needs_context: false,
    },
    IdKind {
        entity: "ES_NIE",
        country: "ES",
        pattern: r"\b[XYZxyz][ -]?[0-9]{7}[ -]?[TRWAGMYFPDXBNJZSQVHLCKEtrwagmyfpdxbnjzsqvhlcke]\b",
        validate: is_es_nie,
        context: &["nie", "extranjero", "identidad", "nif"],
        needs_context: false,
    },
    IdKind {
        entity: "IT_FISCAL_CODE",
        country: "IT",
        pattern: concat!(
            r"(?i)\b[A-Z]{3} ?[A-Z]{3} ?[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}",
            r" ?[A-Z][0-9LMNP-V]{3} ?[A-Z]\b"
        ),
        validate: is_it_fiscal_code,
        context: &["codice fiscale", "cod. fisc", "cf", "fiscal code", "tessera sanitaria"],
        needs_context: false,
    },
    IdKind {
        entity: "NL_BSN",
        country: "NL",
        pattern: r"\b[0-9]{4}\.[0-9]{2}\.[0-9]{3}\b",
        validate: is_nl_bsn,
        context: CTX_NL,
        needs_context: false,
    },
    IdKind {
        entity: "NL_BSN",
        country: "NL",
        pattern: r"\b(?:[0-9]{8,9}|[0-9]{3}[ -][0-9]{3}[ -][0-9]{3})\b",
        validate: is_nl_bsn,
        context: CTX_NL,
        needs_context: true,
    },
    IdKind {
        entity: "PL_PESEL",
        country: "PL",
        pattern: concat!(r"\b[0-9]{2}(?:[02468][1-9]|[13579][0-2])", dd!(), r"[0-9]{5}\b"),
        validate: is_pl_pesel,
        context: &["pesel", "numer pesel", "nr pesel"],
        needs_context: true,
    },
    IdKind {
        entity: "PL_NIP",
        country: "PL",
        // In one run, or in groups of 3-3-2-2 or 3-2-2-3: not a US phone
        // number's 3-3-4.
        pattern: r"\b[0-9]{3}-[0-9]{3}-[0-9]{2}-[0-9]{2}\b|\b[0-9]{3}-[0-9]{2}-[0-9]{2}-[0-9]{3}\b|\b[0-9]{10}\b",
        validate: is_pl_nip,
        context: &["nip", "numer nip", "nr nip"],
        needs_context: true,
    },
    IdKind {
        entity: "GR_AFM",
        country: "GR",
        pattern: r"\b[0-9]{9}\b",
        validate: is_gr_afm,
        context: &["afm", "\u{3b1}\u{3c6}\u{3bc}", "\u{3b1}.\u{3c6}.\u{3bc}."],
        needs_context: true,
    },
    IdKind {
        entity: "VN_MST",
        country: "VN",
        pattern: r"\b[0-9]{10}(?:-[0-9]{3})?\b",
        validate: is_vn_mst,
        context: &["mst", "m\u{e3} s\u{1ed1} thu\u{1ebf}", "ma so thue"],
        needs_context: true,
    },
    IdKind {
        entity: "SE_PERSONNUMMER",
        country: "SE",
        pattern: r"\b(?:18|19|20)?[0-9]{6}[-+][0-9]{4}\b",
        validate: is_se_personnummer,
        context: CTX_SE,
        needs_context: false,
    },
    IdKind {
        entity: "SE_PERSONNUMMER",
        country: "SE",
        pattern: r"\b(?:(?:18|19|20)[0-9]{10}|[0-9]{10})\b",
        validate: is_se_personnummer,
        context: CTX_SE,
        needs_context: true,
    },
    IdKind {
        entity: "FI_HETU",
        country: "FI",
        pattern: concat!(r"(?i)\b", dd!(), mm!(), r"[0-9]{2}[-+A-FU-Y][0-9]{3}[0-9A-Y]\b"),
        validate: is_fi_hetu,
        context: &["hetu", "henkilötunnus", "henkilotunnus", "personbeteckning", "sotu"],
        needs_context: false,
    },
    IdKind {
        entity: "BR_CPF",
        country: "BR",
        pattern: r"\b[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}\b",
        validate: is_br_cpf,
        context: CTX_BR_CPF,
        needs_context: false,
    },
    IdKind {
        entity: "BR_CPF",
        country: "BR",
        pattern: r"\b[0-9]{11}\b",
        validate: is_br_cpf,
        context: CTX_BR_CPF,
        needs_context: true,
    },
    IdKind {
        entity: "BR_CNPJ",
        country: "BR",
        pattern: r"\b[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-[0-9]{2}\b",
        validate: is_br_cnpj,
        context: CTX_BR_CNPJ,
        needs_context: false,
    },
    // Bare, any other branch number (`0000`, `0010`-`9999`).
    IdKind {
        entity: "BR_CNPJ",
        country: "BR",
        pattern: r"\b[0-9]{8}(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|0000)[0-9]{2}\b",
        validate: is_br_cnpj,
        context: CTX_BR_CNPJ,
        needs_context: true,
    },
    // Bare, with the branch number of a head office or one of its first
    // branches (`0001`-`0009`, as most companies have): with two check
    // digits, one random 14-digit number in 10^5 has this shape.
    IdKind {
        entity: "BR_CNPJ",
        country: "BR",
        pattern: r"\b[0-9]{8}000[1-9][0-9]{2}\b",
        validate: is_br_cnpj,
        context: CTX_BR_CNPJ,
        needs_context: false,
    },
    IdKind {
        entity: "IN_AADHAAR",
        country: "IN",
        pattern: GROUPED_4_4_4,
        validate: is_in_aadhaar,
        context: CTX_IN_AADHAAR,
        needs_context: false,
    },
    IdKind {
        entity: "IN_AADHAAR",
        country: "IN",
        pattern: r"\b[2-9][0-9]{11}\b",
        validate: is_in_aadhaar,
        context: CTX_IN_AADHAAR,
        needs_context: true,
    },
    IdKind {
        entity: "IN_PAN",
        country: "IN",
        pattern: r"\b[A-Z]{3}[ABCFGHLJPTK][A-Z][0-9]{4}[A-Z]\b",
        validate: is_in_pan,
        context: &["pan", "permanent account", "pan card", "income tax"],
        needs_context: false,
    },
    IdKind {
        entity: "CN_RESIDENT_ID",
        country: "CN",
        pattern: concat!(
            r"\b[1-9][0-9]{5}(?:18|19|20)[0-9]{2}",
            mm!(),
            dd!(),
            r"[0-9]{3}[0-9Xx]\b"
        ),
        validate: is_cn_resident_id,
        context: &["身份证", "身份证号", "居民身份证", "resident id", "shenfenzheng"],
        needs_context: false,
    },
    IdKind {
        entity: "DK_CPR",
        country: "DK",
        pattern: concat!(r"\b", dd!(), mm!(), r"[0-9]{2}[- ]?[0-9]{4}\b"),
        validate: is_dk_cpr,
        context: &[
            "cpr",
            "cpr-nr",
            "cpr nr",
            "personnummer",
            "cpr-nummer",
            "personal number",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "NO_FODSELSNUMMER",
        country: "NO",
        pattern: r"\b[0-7][0-9][0-5][0-9]{3} ?[0-9]{5}\b",
        validate: is_no_fodselsnummer,
        context: &["fødselsnummer", "fodselsnummer", "fnr", "personnummer", "d-nummer"],
        needs_context: true,
    },
    IdKind {
        entity: "BE_NATIONAL_NUMBER",
        country: "BE",
        pattern: r"\b[0-9]{2}\.[0-9]{2}\.[0-9]{2}[-. ][0-9]{3}\.?[0-9]{2}\b",
        validate: is_be_national_number,
        context: CTX_BE,
        needs_context: false,
    },
    IdKind {
        entity: "BE_NATIONAL_NUMBER",
        country: "BE",
        pattern: r"\b[0-9]{11}\b",
        validate: is_be_national_number,
        context: CTX_BE,
        needs_context: true,
    },
    IdKind {
        entity: "PT_NIF",
        country: "PT",
        pattern: r"\b[1-9][0-9]{2}[ .-]?[0-9]{3}[ .-]?[0-9]{3}\b",
        validate: is_pt_nif,
        context: &["nif", "contribuinte", "número fiscal", "numero fiscal", "nipc"],
        needs_context: true,
    },
    IdKind {
        entity: "CA_SIN",
        country: "CA",
        pattern: r"\b[1-79][0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3}\b",
        validate: is_ca_sin,
        context: &["sin", "social insurance", "nas", "assurance sociale"],
        needs_context: true,
    },
    IdKind {
        entity: "AU_TFN",
        country: "AU",
        pattern: r"\b[0-9]{3} ?[0-9]{3} ?[0-9]{2,3}\b",
        validate: is_au_tfn,
        context: &["tfn", "tax file", "tax file number"],
        needs_context: true,
    },
    IdKind {
        entity: "CH_AHV",
        country: "CH",
        pattern: r"\b756(?:\.[0-9]{4}\.[0-9]{4}\.| [0-9]{4} [0-9]{4} )[0-9]{2}\b",
        validate: is_ch_ahv,
        context: CTX_CH,
        needs_context: false,
    },
    IdKind {
        entity: "CH_AHV",
        country: "CH",
        pattern: r"\b756[0-9]{10}\b",
        validate: is_ch_ahv,
        context: CTX_CH,
        needs_context: true,
    },
    IdKind {
        entity: "KR_RRN",
        country: "KR",
        pattern: concat!(r"\b[0-9]{2}", mm!(), dd!(), r"-[0-9]{7}\b"),
        validate: is_kr_rrn,
        context: CTX_KR,
        needs_context: false,
    },
    IdKind {
        entity: "KR_RRN",
        country: "KR",
        pattern: concat!(r"\b[0-9]{2}", mm!(), dd!(), r"[0-9]{7}\b"),
        validate: is_kr_rrn,
        context: CTX_KR,
        needs_context: true,
    },
    IdKind {
        entity: "CL_RUT",
        country: "CL",
        pattern: r"\b[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}-[0-9Kk]\b",
        validate: is_cl_rut,
        context: CTX_CL,
        needs_context: false,
    },
    IdKind {
        entity: "CL_RUT",
        country: "CL",
        pattern: r"\b[0-9]{7,8}-[0-9Kk]\b",
        validate: is_cl_rut,
        context: CTX_CL,
        needs_context: true,
    },
    IdKind {
        entity: "MX_CURP",
        country: "MX",
        pattern: r"\b[A-Z]{4}[0-9]{6}[HM][A-Z]{5}[0-9A-Z][0-9]\b",
        validate: is_mx_curp,
        context: &["curp", "clave única", "clave unica", "registro de población"],
        needs_context: false,
    },
    IdKind {
        entity: "ZA_ID",
        country: "ZA",
        pattern: concat!(r"\b[0-9]{2}", mm!(), dd!(), r" ?[0-9]{4} ?[01][0-9]{2}\b"),
        validate: is_za_id,
        context: &["rsa id", "south african id", "sa id"],
        needs_context: true,
    },
    IdKind {
        entity: "IE_PPS",
        country: "IE",
        pattern: r"\b[0-9]{7}[A-W][ABHWTX]?\b",
        validate: is_ie_pps,
        context: &["pps", "ppsn", "personal public service", "pps number"],
        needs_context: true,
    },
    IdKind {
        entity: "RO_CNP",
        country: "RO",
        pattern: concat!(r"\b[1-9][0-9]{2}", mm!(), dd!(), r"[0-9]{6}\b"),
        validate: is_ro_cnp,
        context: &["cnp", "cod numeric personal", "cod numeric", "codul numeric"],
        needs_context: true,
    },
    IdKind {
        entity: "BG_EGN",
        country: "BG",
        pattern: concat!(
            r"\b[0-9]{2}(?:0[1-9]|1[0-2]|2[1-9]|3[0-2]|4[1-9]|5[0-2])",
            dd!(),
            r"[0-9]{4}\b"
        ),
        validate: is_bg_egn,
        context: &["egn", "егн", "единен граждански номер", "civil number"],
        needs_context: true,
    },
    IdKind {
        entity: "CZ_BIRTH_NUMBER",
        country: "CZ",
        pattern: r"\b[0-9]{6}/[0-9]{3,4}\b",
        validate: is_cz_birth_number,
        context: CTX_CZ,
        needs_context: false,
    },
    IdKind {
        entity: "CZ_BIRTH_NUMBER",
        country: "CZ",
        pattern: r"\b[0-9]{9,10}\b",
        validate: is_cz_birth_number,
        context: CTX_CZ,
        needs_context: true,
    },
    IdKind {
        entity: "EE_PERSONAL_CODE",
        country: "EE",
        pattern: concat!(r"\b[1-8][0-9]{2}", mm!(), dd!(), r"[0-9]{4}\b"),
        validate: is_ee_personal_code,
        context: &["isikukood", "personal code", "isikukoodi"],
        needs_context: true,
    },
    IdKind {
        entity: "LT_PERSONAL_CODE",
        country: "LT",
        pattern: concat!(r"\b(?:[1-8][0-9]{2}", mm!(), dd!(), r"|9[0-9]{6})[0-9]{4}\b"),
        validate: is_lt_personal_code,
        context: &["asmens kodas", "asmens", "personal code"],
        needs_context: true,
    },
    IdKind {
        entity: "HR_OIB",
        country: "HR",
        pattern: r"\b(?:HR)?[0-9]{11}\b",
        validate: is_hr_oib,
        context: &["oib", "osobni identifikacijski", "personal identification"],
        needs_context: true,
    },
    IdKind {
        entity: "IS_KENNITALA",
        country: "IS",
        pattern: r"\b[0-7][0-9][01][0-9]{3}-?[0-9]{3}[09]\b",
        validate: is_is_kennitala,
        context: &["kennitala", "kt."],
        needs_context: true,
    },
    IdKind {
        entity: "TR_TCKN",
        country: "TR",
        pattern: r"\b[1-9][0-9]{10}\b",
        validate: is_tr_tckn,
        context: &[
            "tc kimlik",
            "t.c. kimlik",
            "tckn",
            "kimlik no",
            "kimlik numarası",
            "tc no",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "IL_ID",
        country: "IL",
        pattern: r"\b[0-9]{8}-?[0-9]\b",
        validate: is_il_id,
        context: &["teudat zehut", "תעודת זהות", "ת.ז", "israeli id", "mispar zehut"],
        needs_context: true,
    },
    IdKind {
        entity: "JP_MY_NUMBER",
        country: "JP",
        pattern: concat!(
            r"\b(?:(?:[0-9]{1,4} )*[0-9]{4} [0-9]{4} [0-9]{4}(?: [0-9]{1,4})*",
            r"|(?:[0-9]{1,4}-)*[0-9]{4}-[0-9]{4}-[0-9]{4}(?:-[0-9]{1,4})*|[0-9]{12})\b"
        ),
        validate: is_jp_my_number,
        context: &["my number", "マイナンバー", "個人番号", "mynumber", "individual number"],
        needs_context: true,
    },
    IdKind {
        entity: "BTC_ADDRESS",
        country: "",
        pattern: r"\b(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|[bB][cC]1[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87})\b",
        validate: is_btc_address,
        context: &["bitcoin", "btc", "wallet", "crypto"],
        needs_context: false,
    },
    IdKind {
        entity: "AU_ABN",
        country: "AU",
        pattern: r"\b[1-9][0-9] ?[0-9]{3} ?[0-9]{3} ?[0-9]{3}\b",
        validate: is_au_abn,
        context: &["abn", "australian business number", "business number"],
        needs_context: true,
    },
    IdKind {
        entity: "AU_ACN",
        country: "AU",
        pattern: r"\b[0-9]{3} ?[0-9]{3} ?[0-9]{3}\b",
        validate: is_au_acn,
        context: &["acn", "australian company number", "company number"],
        needs_context: true,
    },
    IdKind {
        entity: "AU_MEDICARE",
        country: "AU",
        pattern: r"\b[2-6][0-9]{3} ?[0-9]{5} ?[0-9]\b",
        validate: is_au_medicare,
        context: &["medicare"],
        needs_context: true,
    },
    IdKind {
        entity: "TH_TNIN",
        country: "TH",
        pattern: r"\b[1-8](?:-[0-9]{4}-[0-9]{5}-[0-9]{2}-| [0-9]{4} [0-9]{5} [0-9]{2} )[0-9]\b",
        validate: is_th_tnin,
        context: CTX_TH,
        needs_context: false,
    },
    IdKind {
        entity: "TH_TNIN",
        country: "TH",
        pattern: r"\b[1-8][0-9]{12}\b",
        validate: is_th_tnin,
        context: CTX_TH,
        needs_context: true,
    },
    IdKind {
        entity: "SG_NRIC_FIN",
        country: "SG",
        pattern: r"\b[STFG][0-9]{7}[A-Z]\b",
        validate: is_sg_nric_fin,
        context: &["nric", "fin", "nric/fin", "ic number", "singapore id", "identity card"],
        needs_context: true,
    },
    IdKind {
        entity: "SG_UEN",
        country: "SG",
        pattern: r"\b(?:[0-9]{8,9}[A-Z]|[RST][0-9]{2}[A-Z]{2}[0-9]{4}[A-Z0-9])\b",
        validate: is_sg_uen,
        context: &["uen", "unique entity number", "acra"],
        needs_context: true,
    },
    IdKind {
        entity: "IT_VAT",
        country: "IT",
        pattern: r"\bIT ?[0-9]{11}\b",
        validate: is_it_vat,
        context: CTX_IT_VAT,
        needs_context: false,
    },
    IdKind {
        entity: "IT_VAT",
        country: "IT",
        pattern: r"\b[0-9]{11}\b",
        validate: is_it_vat,
        context: CTX_IT_VAT,
        needs_context: true,
    },
    IdKind {
        entity: "US_ABA_ROUTING",
        country: "US",
        pattern: r"\b[0-9]{9}\b",
        validate: is_us_aba_routing,
        context: &["routing", "aba", "rtn", "transit number", "bank routing"],
        needs_context: true,
    },
    IdKind {
        entity: "US_DEA",
        country: "US",
        pattern: r"\b[A-HJ-MPRSTUXa-hj-mprstux][A-Za-z9][0-9]{7}\b",
        validate: is_us_dea,
        context: &[
            "dea",
            "prescriber",
            "dea registration",
            "certificate number",
            "medical license",
            "medical licence",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "DE_VAT",
        country: "DE",
        pattern: r"\bDE ?[1-9][0-9]{8}\b",
        validate: is_de_vat,
        context: CTX_DE_VAT,
        needs_context: false,
    },
    IdKind {
        entity: "DE_VAT",
        country: "DE",
        pattern: r"\b[1-9][0-9]{8}\b",
        validate: is_de_vat,
        context: CTX_DE_VAT,
        needs_context: true,
    },
    IdKind {
        entity: "IN_GSTIN",
        country: "IN",
        pattern: r"\b[0-3][0-9][A-Z]{3}[ABCFGHLJPTK][A-Z][0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]\b",
        validate: is_in_gstin,
        context: &["gstin", "gst", "gst number", "goods and services tax"],
        needs_context: false,
    },
    IdKind {
        entity: "US_NPI",
        country: "US",
        pattern: r"\b[12](?:[0-9]{9}|[0-9]{3}[ -][0-9]{3}[ -][0-9]{3})\b",
        validate: is_us_npi,
        context: &[
            "npi",
            "national provider",
            "provider id",
            "provider identifier",
            "provider number",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "US_MBI",
        country: "US",
        pattern: concat!(
            r"\b[1-9][AC-HJKMNP-RT-Y][0-9AC-HJKMNP-RT-Y][0-9]-?",
            r"[AC-HJKMNP-RT-Y][0-9AC-HJKMNP-RT-Y][0-9]-?[AC-HJKMNP-RT-Y]{2}[0-9]{2}\b"
        ),
        validate: is_us_mbi,
        context: CTX_US_MBI,
        needs_context: true,
    },
    // A capital letter and nine digits with one check digit: too common a
    // shape (product codes) to count without its words.
    IdKind {
        entity: "DE_HEALTH_INSURANCE",
        country: "DE",
        pattern: r"\b[A-Z][0-9]{9}\b",
        validate: is_de_kvnr,
        context: CTX_DE_KVNR,
        needs_context: true,
    },
    // A birth date, a letter inside the digits and a check digit: specific
    // enough alone.
    IdKind {
        entity: "DE_SOCIAL_SECURITY",
        country: "DE",
        pattern: r"\b[0-9]{2}(?:0[1-9]|[12][0-9]|3[01]|5[1-9]|[67][0-9]|8[01])(?:0[1-9]|1[0-2])[0-9]{2}[A-Z][0-9]{3}\b",
        validate: is_de_rvnr,
        context: CTX_DE_RVNR,
        needs_context: false,
    },
    IdKind {
        entity: "KR_BRN",
        country: "KR",
        pattern: r"\b[0-9]{3}-[0-9]{2}-[0-9]{5}\b",
        validate: is_kr_brn,
        context: CTX_KR_BRN,
        needs_context: true,
    },
    IdKind {
        entity: "KR_BRN",
        country: "KR",
        pattern: r"\b[0-9]{10}\b",
        validate: is_kr_brn,
        context: CTX_KR_BRN,
        needs_context: true,
    },
    IdKind {
        entity: "SE_ORGANISATIONSNUMMER",
        country: "SE",
        pattern: r"\b[0-9]{2}[2-9][0-9]{3}-?[0-9]{4}\b",
        validate: is_se_orgnr,
        context: CTX_SE_ORGNR,
        needs_context: true,
    },
    IdKind {
        entity: "JMBG",
        country: "",
        pattern: concat!(r"\b", dd!(), mm!(), r"[0-9]{9}\b"),
        validate: is_jmbg,
        context: CTX_JMBG,
        needs_context: true,
    },
    IdKind {
        entity: "AR_CUIT",
        country: "AR",
        pattern: r"\b(?:2[0347]|3[034]|5[015])-[0-9]{8}-[0-9]\b",
        validate: is_ar_cuit,
        context: CTX_AR_CUIT,
        needs_context: false,
    },
    IdKind {
        entity: "AR_CUIT",
        country: "AR",
        pattern: r"\b(?:2[0347]|3[034]|5[015])[0-9]{9}\b",
        validate: is_ar_cuit,
        context: CTX_AR_CUIT,
        needs_context: true,
    },
    // Written in its groups only: seven or eight bare digits, as common as
    // numbers get, are found in a DNI's column (`dataset::DNI_COLUMNS`).
    IdKind {
        entity: "AR_DNI",
        country: "AR",
        pattern: r"\b[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}\b",
        validate: is_ar_dni,
        context: CTX_AR_DNI,
        needs_context: true,
    },
    IdKind {
        entity: "ID_NPWP",
        country: "ID",
        pattern: r"\b[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9]-[0-9]{3}\.[0-9]{3}\b",
        validate: is_id_npwp,
        context: &["npwp", "nomor pokok wajib pajak"],
        needs_context: false,
    },
    IdKind {
        entity: "CO_NIT",
        country: "CO",
        pattern: r"\b[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]\b",
        validate: is_co_nit,
        context: &["nit", "identificaci\u{f3}n tributaria", "identificacion tributaria"],
        needs_context: false,
    },
    IdKind {
        entity: "ID_NIK",
        country: "ID",
        pattern: r"\b(?:1[1-9]|21|3[1-6]|5[1-3]|6[1-5]|7[1-6]|8[12]|9[1-7])[0-9]{6}[01][0-9]{7}\b",
        validate: is_id_nik,
        context: &["nik", "ktp", "nomor induk kependudukan", "no. ktp", "e-ktp"],
        needs_context: true,
    },
    IdKind {
        entity: "GR_AMKA",
        country: "GR",
        pattern: concat!(r"\b", dd!(), mm!(), r"[0-9]{7}\b"),
        validate: is_gr_amka,
        context: &[
            "amka",
            "αμκα",
            "α.μ.κ.α.",
            "αριθμός μητρώου κοινωνικής ασφάλισης",
            "social security",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "AT_SVNR",
        country: "AT",
        pattern: r"\b[1-9][0-9]{3} ?[0-9]{6}\b",
        validate: is_at_svnr,
        context: &[
            "svnr",
            "sv-nr",
            "sv-nummer",
            "sv nummer",
            "svnummer",
            "vsnr",
            "sozialversicherungsnummer",
            "versicherungsnummer",
            "sozialversicherung",
            "e-card",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "UA_RNOKPP",
        country: "UA",
        pattern: r"\b[0-9]{10}\b",
        validate: is_ua_rnokpp,
        context: &[
            "рнокпп",
            "rnokpp",
            "rntrc",
            "іпн",
            "ipn",
            "інн",
            "ідентифікаційний код",
            "ідентифікаційний номер",
            "податковий номер",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "RU_INN",
        country: "RU",
        pattern: r"\b(?:[0-9]{10}|[0-9]{12})\b",
        validate: is_ru_inn,
        context: &[
            "инн",
            "inn",
            "идентификационный номер налогоплательщика",
            "номер налогоплательщика",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "LV_PERSONAL_CODE",
        country: "LV",
        pattern: r"\b[0-3][0-9]{5}-[0-9]{5}\b",
        validate: is_lv_personal_code,
        context: CTX_LV,
        needs_context: false,
    },
    IdKind {
        entity: "LV_PERSONAL_CODE",
        country: "LV",
        pattern: r"\b[0-3][0-9]{10}\b",
        validate: is_lv_personal_code,
        context: CTX_LV,
        needs_context: true,
    },
    IdKind {
        entity: "TW_NATIONAL_ID",
        country: "TW",
        pattern: r"\b[A-Z][1289][0-9]{8}\b",
        validate: is_tw_national_id,
        context: &["身分證", "身份證", "身分證字號", "統一證號", "tw id"],
        // A letter and nine digits is also a German health insurance
        // number's shape, and one in ten passes this check digit.
        needs_context: true,
    },
    // Added after Presidio's and python-stdnum's catalogues: numbers of
    // common shapes with a check digit at best, so each needs its words,
    // but for the distinctive layouts (Pakistani `12345-1234567-1`,
    // Malaysian `900101-14-5678`).
    IdKind {
        entity: "PK_CNIC",
        country: "PK",
        pattern: r"\b[1-7][0-9]{4}-[0-9]{7}-[0-9]\b",
        validate: is_pk_cnic,
        context: CTX_PK_CNIC,
        needs_context: false,
    },
    IdKind {
        entity: "PK_CNIC",
        country: "PK",
        pattern: r"\b[1-7][0-9]{12}\b",
        validate: is_pk_cnic,
        context: CTX_PK_CNIC,
        needs_context: true,
    },
    IdKind {
        entity: "MY_NRIC",
        country: "MY",
        pattern: concat!(r"\b[0-9]{2}", mm!(), dd!(), r"-[0-9]{2}-[0-9]{4}\b"),
        validate: is_my_nric,
        context: CTX_MY_NRIC,
        needs_context: false,
    },
    IdKind {
        entity: "MY_NRIC",
        country: "MY",
        pattern: concat!(r"\b[0-9]{2}", mm!(), dd!(), r"[0-9]{6}\b"),
        validate: is_my_nric,
        context: CTX_MY_NRIC,
        needs_context: true,
    },
    IdKind {
        entity: "NG_NIN",
        country: "NG",
        pattern: r"\b[0-9]{11}\b",
        validate: is_ng_nin,
        context: &[
            "nin",
            "nimc",
            "national identification number",
            "national identity number",
            "nigerian id",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "IN_VOTER",
        country: "IN",
        pattern: r"\b[A-Z]{3}[0-9]{7}\b",
        validate: is_in_epic,
        context: &["voter", "epic", "electoral", "elector", "election commission"],
        needs_context: true,
    },
    IdKind {
        entity: "PH_TIN",
        country: "PH",
        pattern: r"\b[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}(?:[ -]?[0-9]{3})?\b",
        validate: is_ph_tin,
        context: &["tin", "tin no", "taxpayer identification", "taxpayer id"],
        needs_context: true,
    },
    IdKind {
        entity: "DE_ID_CARD",
        country: "DE",
        pattern: r"\b[CFGHJKLMNPRTVWXYZ][0-9CFGHJKLMNPRTVWXYZ]{8}[0-9]?\b",
        validate: is_de_id_card,
        context: &[
            "personalausweis",
            "ausweisnummer",
            "ausweis",
            "dokumentennummer",
            "identity card number",
            "id card number",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "UK_UTR",
        country: "GB",
        pattern: r"\bK?[0-9]{5} ?[0-9]{5}K?\b",
        validate: is_uk_utr,
        context: &[
            "utr",
            "unique taxpayer",
            "taxpayer reference",
            "self assessment",
            "hmrc",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "US_EIN",
        country: "US",
        pattern: r"\b[0-9]{2}-[0-9]{7}\b",
        validate: is_us_ein,
        context: &[
            "ein",
            "fein",
            "employer identification",
            "employer id",
            "federal tax id",
            "federal tax identification",
            "tax id",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "MX_RFC",
        country: "MX",
        pattern: r"\b[A-Z]{4}[0-9]{6}[A-Z0-9]{3}\b",
        validate: is_mx_rfc,
        context: &["rfc", "registro federal", "contribuyentes"],
        needs_context: true,
    },
    IdKind {
        entity: "NZ_IRD",
        country: "NZ",
        pattern: r"\b(?:NZ)?[0-9]{2,3}[ -]?[0-9]{3}[ -]?[0-9]{3}\b",
        validate: is_nz_ird,
        context: &["ird", "inland revenue", "ird number", "ird no"],
        needs_context: true,
    },
    IdKind {
        entity: "EC_CI",
        country: "EC",
        pattern: r"\b[0-9]{9}-?[0-9]\b",
        validate: is_ec_ci,
        context: &["cédula", "cedula", "c.i.", "identidad ecuatoriana"],
        needs_context: true,
    },
    IdKind {
        entity: "KE_KRA_PIN",
        country: "KE",
        pattern: r"\b[AP][0-9]{9}[A-Z]\b",
        validate: is_ke_kra_pin,
        context: &["kra pin", "kra", "pin no", "pin number", "tax pin"],
        needs_context: true,
    },
    IdKind {
        entity: "ZA_TIN",
        country: "ZA",
        pattern: r"\b[01239][0-9]{9}\b",
        validate: is_za_tin,
        context: &[
            "tax reference",
            "income tax number",
            "income tax reference",
            "sars",
            "tax ref",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "DE_TAX_NUMBER",
        country: "DE",
        pattern: r"\b[0-9]{2,3}/[0-9]{3,4}/[0-9]{4,5}\b",
        validate: is_de_stnr,
        context: CTX_DE_STNR,
        needs_context: true,
    },
    IdKind {
        entity: "DE_TAX_NUMBER",
        country: "DE",
        pattern: r"\b[1-9][0-9]{12}\b",
        validate: is_de_stnr,
        context: CTX_DE_STNR,
        needs_context: true,
    },
    IdKind {
        entity: "IT_IDENTITY_CARD",
        country: "IT",
        pattern: r"\b[A-Z]{2}(?:[0-9]{5}[A-Z]{2}| ?[0-9]{7})\b",
        validate: is_it_identity_card,
        context: &[
            "carta d'identit\u{e0}",
            "carta di identit\u{e0}",
            "carta d'identita",
            "carta di identita",
            "carta identit\u{e0}",
            "carta identita",
            "cie",
            "documento d'identit\u{e0}",
            "documento di identit\u{e0}",
            "italian id card",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "DE_LANR",
        country: "DE",
        pattern: r"\b[0-9]{9}\b",
        validate: is_de_lanr,
        context: &[
            "lanr",
            "arztnummer",
            "arzt-nr",
            "arzt nr",
            "arzt-nummer",
            "physician number",
        ],
        needs_context: true,
    },
    IdKind {
        entity: "DE_BSNR",
        country: "DE",
        pattern: r"\b[0-9]{9}\b",
        validate: is_de_bsnr,
        context: &[
            "bsnr",
            "betriebsst\u{e4}ttennummer",
            "betriebsstaettennummer",
            "betriebsst\u{e4}tten-nummer",
            "praxisnummer",
        ],
        needs_context: true,
    },
];
