//! Cross-cutting tests for the validators and the kind catalogue.
//!
//! The literal vectors in `vectors.rs` were produced once, outside the
//! repository, with Faker (`credit_card_number`, `iban`, `ssn`, `pesel`,
//! `cpf`, ...) or by computing check digits with python-stdnum where Faker
//! has no provider, and every valid one was confirmed with the matching
//! `stdnum` module; the invalid ones change one digit (or violate one rule)
//! and are refuted by stdnum. The Australian Medicare, Singapore NRIC/FIN
//! and US DEA and NPI vectors, which stdnum has no module for, were
//! computed from their issuers' published check digits (`S1234567D`,
//! `AB1234563` and `1234567893` are their usual examples); the US MBI ones
//! follow CMS's published format (`1EG4-TE5-MK73` is its example), which
//! has no check character. The Taiwanese national identification numbers,
//! which stdnum has no module for either, come from Faker's `zh_TW`
//! provider and were checked against the Ministry of the Interior's
//! published check digit. The Nigerian NIN and Philippine TIN vectors were
//! confirmed with Presidio's recognizers' checks (stdnum has no module for
//! them), the German identity card numbers with ICAO Doc 9303's check
//! digit (`L01X00T471` is the specimen card's machine-readable number).
//! No Python runs during the tests.

pub(crate) mod vectors;

use std::collections::BTreeSet;

use proptest::prelude::*;
use regex::Regex;

use super::*;
use vectors::{HARD_NEGATIVES, TOKEN_NEGATIVES, VECTORS};

/// Validator of an entity (all kinds of one entity share it).
fn validator(entity: &str) -> fn(&str) -> bool {
    ID_KINDS
        .iter()
        .find(|k| k.entity == entity)
        .map(|k| k.validate)
        .unwrap_or_else(|| panic!("no kind for {entity}"))
}

/// Compiled patterns of all kinds, in catalogue order.
fn compiled() -> Vec<(&'static IdKind, Regex)> {
    ID_KINDS
        .iter()
        .map(|k| {
            let re = Regex::new(k.pattern).unwrap_or_else(|e| panic!("{} pattern does not compile: {e}", k.entity));
            (k, re)
        })
        .collect()
}

/// Confirmed matches of every kind in `text`, as (entity, matched text).
fn scan(text: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (k, re) in compiled() {
        for m in re.find_iter(text) {
            if (k.validate)(m.as_str()) {
                out.push((k.entity, m.as_str().to_string()));
            }
        }
    }
    out
}

#[test]
fn catalogue_is_well_formed() {
    let kinds = compiled();
    assert!(!kinds.is_empty());
    for (k, _) in &kinds {
        assert!(!k.entity.is_empty());
        assert!(
            k.entity
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
            "{}",
            k.entity
        );
        assert!(
            k.country.is_empty() || (k.country.len() == 2 && k.country.bytes().all(|b| b.is_ascii_uppercase())),
            "{}",
            k.entity
        );
        assert!(!k.context.is_empty(), "{} has no context words", k.entity);
        for w in k.context {
            assert_eq!(*w, w.to_lowercase(), "{}: context word {w}", k.entity);
        }
        assert!(!k.pattern.contains(r"\d"), "{}: use [0-9]", k.entity);
    }
    for (i, a) in ID_KINDS.iter().enumerate() {
        for b in &ID_KINDS[i + 1..] {
            if a.entity == b.entity {
                assert_eq!(a.validate as usize, b.validate as usize, "{}", a.entity);
                assert_eq!(a.country, b.country, "{}", a.entity);
            }
        }
    }
}

#[test]
fn at_least_twenty_national_identifiers() {
    let national: BTreeSet<&str> = ID_KINDS
        .iter()
        .map(|k| k.entity)
        .filter(|e| !matches!(*e, "CREDIT_CARD" | "IBAN" | "US_SSN" | "US_ITIN"))
        .collect();
    assert!(national.len() >= 20, "{national:?}");
    for required in [
        "CREDIT_CARD",
        "IBAN",
        "US_SSN",
        "UK_NINO",
        "DE_TAX_ID",
        "FR_NIR",
        "ES_NIF",
        "ES_NIE",
        "IT_FISCAL_CODE",
        "NL_BSN",
        "PL_PESEL",
        "SE_PERSONNUMMER",
        "FI_HETU",
        "BR_CPF",
        "BR_CNPJ",
        "IN_AADHAAR",
        "IN_PAN",
        "CN_RESIDENT_ID",
    ] {
        assert!(ID_KINDS.iter().any(|k| k.entity == required), "{required}");
    }
}

#[test]
fn every_entity_has_vectors() {
    let with_vectors: BTreeSet<&str> = VECTORS.iter().map(|(e, _, _)| *e).collect();
    for k in ID_KINDS {
        assert!(with_vectors.contains(k.entity), "{} has no vectors", k.entity);
    }
}

#[test]
fn valid_vectors_pass() {
    for (entity, valid, _) in VECTORS {
        let validate = validator(entity);
        assert!(!valid.is_empty(), "{entity}");
        for v in *valid {
            assert!(validate(v), "{entity}: {v} should be valid");
        }
    }
}

#[test]
fn invalid_vectors_fail() {
    for (entity, _, invalid) in VECTORS {
        let validate = validator(entity);
        assert!(!invalid.is_empty(), "{entity}");
        for v in *invalid {
            assert!(!validate(v), "{entity}: {v} should be invalid");
        }
    }
}

#[test]
fn patterns_find_valid_vectors_in_text() {
    let kinds = compiled();
    for (entity, valid, _) in VECTORS {
        for v in *valid {
            let text = format!("Record: {v}, updated.");
            let hit = kinds.iter().any(|(k, re)| {
                k.entity == *entity
                    && re
                        .find_iter(&text)
                        .any(|m| m.as_str() == *v && (k.validate)(m.as_str()))
            });
            assert!(hit, "{entity}: no pattern matches {v:?} exactly");
        }
    }
}

#[test]
fn paired_patterns_are_disjoint() {
    // For entities with a formatted and a bare kind, a vector is matched
    // (exactly) by one kind only.
    let kinds = compiled();
    for (entity, valid, _) in VECTORS {
        for v in *valid {
            let text = format!(" {v} ");
            let n = kinds
                .iter()
                .filter(|(k, re)| k.entity == *entity && re.find_iter(&text).any(|m| m.as_str() == *v))
                .count();
            assert!(n <= 1, "{entity}: {v} matched by {n} kinds");
        }
    }
}

#[test]
fn hard_negatives_are_not_reported() {
    // Kinds reported without context must find nothing in hashes, UUIDs,
    // versions, addresses and dates; context-gated kinds may only find
    // something inside them if a context word is present, which it is not.
    let kinds = compiled();
    for text in HARD_NEGATIVES {
        for (k, re) in &kinds {
            for m in re.find_iter(text) {
                let hit = (k.validate)(m.as_str());
                assert!(
                    !hit || k.needs_context,
                    "{} reported {:?} in {text}",
                    k.entity,
                    m.as_str()
                );
            }
        }
    }
    for text in &HARD_NEGATIVES[..TOKEN_NEGATIVES] {
        for (entity, _, _) in VECTORS {
            assert!(!validator(entity)(text), "{entity} accepts {text}");
        }
    }
}

#[test]
fn validators_reject_noise() {
    let noise = [
        "",
        " ",
        "-",
        "0",
        "abc",
        "1.2.3",
        "v1.0.0",
        "000000000000",
        "999999999999999999",
        "123e4567-e89b-12d3-a456-426614174000",
        "d41d8cd98f00b204e9800998ecf8427e",
        "ＡＢ１２３４５６Ｃ",
        "١٢٣٤٥٦٧٨٩٠١",
        "😀😀😀😀😀😀😀😀😀😀😀",
    ];
    for (entity, _, _) in VECTORS {
        let validate = validator(entity);
        for n in noise {
            assert!(!validate(n), "{entity} accepts {n:?}");
        }
    }
}

#[test]
fn separators_and_unicode_dashes() {
    assert!(is_us_ssn("123\u{2011}45\u{2011}6780"));
    assert!(is_us_ssn(" 123 45 6780 "));
    assert!(is_credit_card("4111\u{a0}1111\u{a0}1111\u{a0}1111"));
    assert!(is_iban("de89 3704 0044 0532 0130 00"));
    assert!(is_iban("DE89-3704-0044-0532-0130-00"));
    assert!(is_nl_bsn("1112.22.333"));
    assert!(is_nl_bsn("11122304"));
    assert!(is_fr_nir("2 69 05 49 588 157 80"));
    assert!(is_br_cpf("390.533.447-05"));
    assert!(is_de_tax_id("86 095 742 719"));
    assert!(is_de_tax_id("86/095/742/719"));
    assert!(is_es_nif("ES-12345678-Z"));
    assert!(is_se_personnummer("19811218 9876"));
    assert!(is_in_aadhaar("2345-6789-0124") == verhoeff("234567890124"));
}

#[test]
fn stdnum_reference_examples() {
    // Examples from the python-stdnum documentation of each module.
    assert!(is_de_tax_id("36 574 261 809"));
    assert!(!is_de_tax_id("36574261890"));
    assert!(!is_de_tax_id("36554266806"));
    assert!(is_fr_nir("2 95 10 99 126 111 93"));
    assert!(!is_fr_nir("253072C07300443"));
    assert!(is_fr_nir("253072B07300470"));
    assert!(is_es_nif("54362315-K"));
    assert!(!is_es_nif("54362315Z"));
    assert!(is_es_nif("X-5253868-R"));
    assert!(is_es_nie("x-2482300w"));
    assert!(!is_es_nie("x-2482300a"));
    assert!(is_it_fiscal_code("RCCMNL83S18D969H"));
    assert!(!is_it_fiscal_code("RCCMNL83S18D969"));
    assert!(is_it_fiscal_code("MRTNTN23M02D969P"));
    assert!(is_nl_bsn("1112.22.333"));
    assert!(!is_nl_bsn("1112.52.333"));
    assert!(is_pl_pesel("44051401359"));
    assert!(!is_pl_pesel("44051401358"));
    assert!(is_se_personnummer("880320-0016"));
    assert!(!is_se_personnummer("880320-0018"));
    assert!(is_fi_hetu("131052-308T"));
    assert!(!is_fi_hetu("131052-308U"));
    assert!(!is_fi_hetu("310252-308Y"));
    // UK driving licences (Presidio's vectors: the date must be one).
    for v in [
        "MORGA607054SM9IJ",
        "MORGA657054SM9IJ",
        "FO999512018AA1AB",
        "SMIT9801015JK2CD",
        "morga607054sm9ij",
    ] {
        assert!(is_uk_driving_licence(v), "{v}");
    }
    for v in [
        "MORGA600054SM9IJ",
        "MORGA613054SM9IJ",
        "MORGA650054SM9IJ",
        "MORGA601324SM9IJ",
        "99999657054SM9IJ",
        "MO9GA607054SM9IJ",
        "MORGA65705SM9IJ",
    ] {
        assert!(!is_uk_driving_licence(v), "{v}");
    }
    // Temporary numbers, and the 2023 century signs (Presidio's vectors).
    assert!(is_fi_hetu("010594Y9032"));
    assert!(is_fi_hetu("020594X903P"));
    assert!(!is_fi_hetu("020594X903Q"));
    assert!(!is_fi_hetu("131052-001W"));
    assert!(is_br_cpf("390.533.447-05"));
    assert!(!is_br_cpf("231.002.999-00"));
    assert!(is_br_cnpj("16.727.230/0001-97"));
    assert!(!is_br_cnpj("16.727.230.0001-98"));
    assert!(is_br_cnpj("12.ABC.345/01DE-35"));
    assert!(is_in_aadhaar("234123412346"));
    assert!(!is_in_aadhaar("234123412347"));
    assert!(!is_in_aadhaar("123412341234"));
    assert!(!is_in_aadhaar("643343121"));
    assert!(is_in_pan("ACUPA7085R"));
    assert!(!is_in_pan("234123412347"));
    assert!(!is_in_pan("ABMPA32111"));
    assert!(!is_in_pan("ABMXA3211G"));
    assert!(!is_in_pan("ACUPA0000R"));
    assert!(is_cn_resident_id("360426199101010071"));
    assert!(!is_uk_nino("QQ 12 34 56 C"));
    assert!(is_uk_nino("AB 12 34 56 C"));
    assert!(is_gb_nhs("943 476 5870"));
    assert!(!is_gb_nhs("943 476 5871"));
    assert!(is_dk_cpr("211062-5629"));
    assert!(!is_dk_cpr("511062-5629"));
    assert!(!is_dk_cpr("2110525629")); // 2052: not born yet
    assert!(is_no_fodselsnummer("151086 95088"));
    assert!(!is_no_fodselsnummer("15108695077"));
    assert!(is_be_national_number("85.07.30-033 28"));
    assert!(is_be_national_number("17 07 30 033 84"));
    assert!(is_pt_nif("PT 501 964 843"));
    assert!(!is_pt_nif("PT 501 964 842"));
    assert!(is_ca_sin("123-456-782"));
    assert!(!is_ca_sin("999-999-999"));
    assert!(is_au_tfn("123 456 782"));
    assert!(is_au_abn("83 914 571 673"));
    assert!(!is_au_abn("99 999 999 999"));
    assert!(is_au_acn("004 085 616"));
    assert!(is_th_tnin("3100600445635"));
    assert!(is_it_vat("IT 00743110157"));
    assert!(!is_it_vat("00743110158"));
    assert!(is_us_aba_routing("111000025"));
    assert!(!is_us_aba_routing("111000026"));
    assert!(is_btc_address("1NEDqZPvTWRaoho48qXuLLsrYomMXPABfD"));
    assert!(is_btc_address("BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ"));
    // A Taproot address (witness version 1, Bech32m): stdnum refuses it
    // (it knows Bech32 only); BIP-350 makes it valid.
    assert!(is_btc_address(
        "bc1pfngsj4np9s9d6emzyledp2q7527d4q77nd6fyxszrz93ctqs0qxqzvn6gv"
    ));
    // Version 0 with a Bech32m checksum is not.
    assert!(!is_btc_address(
        "bc1qfngsj4np9s9d6emzyledp2q7527d4q77nd6fyxszrz93ctqs0qxqzvn6gv"
    ));
    assert!(!is_au_tfn("999 999 999"));
    assert!(is_ch_ahv("7569217076985"));
    assert!(is_ch_ahv("756.9217.0769.85"));
    assert!(!is_ch_ahv("756.9217.0769.84"));
    assert!(!is_ch_ahv("123.4567.8910.19"));
    assert!(is_kr_rrn("971013-9019902"));
    assert!(!is_kr_rrn("971013-9019903"));
    // Foreigners' numbers with their own check (Presidio's KR_FRN tests).
    assert!(is_kr_rrn("911124-5678906"));
    assert!(is_kr_rrn("050912-6000012"));
    assert!(is_cl_rut("76086428-5"));
    assert!(is_cl_rut("CL 12531909-2"));
    assert!(!is_cl_rut("12531909-3"));
    assert!(!is_cl_rut("76086A28-5"));
    assert!(is_mx_curp("BOXW310820HNERXN09"));
    assert!(!is_mx_curp("BOXW310820HNERXN08"));
    assert!(is_za_id("7503305044089"));
    assert!(!is_za_id("8503305044089"));
    assert!(!is_za_id("9127155044089"));
    assert!(is_ie_pps("6433435F"));
    assert!(is_ie_pps("6433435FT"));
    assert!(!is_ie_pps("6433435E"));
    assert!(is_ie_pps("6433435OA"));
    assert!(is_ie_pps("6433435IH"));
    assert!(is_ro_cnp("1630615123457"));
    assert!(!is_ro_cnp("0800101221142"));
    assert!(!is_ro_cnp("1632215123457"));
    assert!(!is_ro_cnp("1630615123458"));
    assert!(is_bg_egn("752316 926 3"));
    assert!(is_bg_egn("8032056031"));
    assert!(!is_bg_egn("7552A10004"));
    assert!(is_cz_birth_number("710319/2745"));
    assert!(is_cz_birth_number("991231123"));
    assert!(!is_cz_birth_number("123456789"));
    assert!(!is_cz_birth_number("590312/123"));
    assert!(!is_cz_birth_number("7103192746"));
    assert!(is_ee_personal_code("36805280109"));
    assert!(!is_ee_personal_code("36805280108"));
    assert!(is_lt_personal_code("33309240064"));
    assert!(!is_lt_personal_code("33309240164"));
    assert!(is_hr_oib("HR 33392005961"));
    assert!(!is_hr_oib("33392005962"));
    assert!(is_is_kennitala("450401-3150"));
    assert!(is_is_kennitala("120174-3399"));
    assert!(!is_is_kennitala("530575-0299"));
    assert!(!is_is_kennitala("320174-3399"));
    assert!(is_tr_tckn("17291716060"));
    assert!(!is_tr_tckn("17291716050"));
    assert!(!is_tr_tckn("07291716092"));
    assert!(is_il_id("3933742-3"));
    assert!(!is_il_id("3933742-2"));
    assert!(is_jp_my_number("6143-4716-2912"));
    assert!(!is_jp_my_number("6143-4716-2911"));
    assert!(is_us_itin("912-90-3456"));
    assert!(!is_us_itin("9129-03456"));
    assert!(!is_us_itin("123-45-6789"));
    assert!(!is_us_itin("912-93-4567"));
    // Groups 50-65 are issued too; 66-69 are not.
    assert!(is_us_itin("911-53-1234"));
    assert!(is_us_itin("911-64-1234"));
    assert!(!is_us_itin("911-67-1234"));
    assert!(is_us_ssn("536-90-4399"));
    assert!(!is_us_ssn("002-00-1234"));
    assert!(!is_us_ssn("666-12-3456"));
    assert!(!is_us_ssn("078-05-1120"));
    assert!(is_iban("GR16 0110 1050 0000 1054 7023 795"));
    assert!(is_iban("BE31435411161155"));
    assert!(!is_iban("BE31435411161156"));
    assert!(is_iban("ES77 1234 1234 1612 3456 7890"));
    assert!(!is_iban("ES12 1234 1234 1612 3456 7890"));
    assert!(is_iban("NO93 8601 1117 947"));
    assert!(!is_iban("XX12 3456 7890 1234"));
    assert!(!is_iban("GR16 0110 1050 0000 1054 7023 79"));
}

fn all_validators() -> Vec<fn(&str) -> bool> {
    ID_KINDS.iter().map(|k| k.validate).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validators_never_panic_on_any_string(s in any::<String>()) {
        for v in all_validators() {
            let _ = v(&s);
        }
        let _ = card_brand(&s);
        let _ = mask_card(&s);
        let _ = luhn(&s);
        let _ = verhoeff(&s);
        let _ = find_phones(&s, Some("US"));
        let _ = find_phones(&s, None);
    }

    #[test]
    fn validators_never_panic_on_identifier_like_input(
        s in "[0-9A-Z +./:-]{0,45}"
    ) {
        for v in all_validators() {
            let _ = v(&s);
        }
        let _ = card_brand(&s);
        let _ = mask_card(&s);
        let _ = find_phones(&s, Some("DE"));
    }

    #[test]
    fn validators_never_panic_on_digit_runs(s in "[0-9]{1,40}") {
        for v in all_validators() {
            let _ = v(&s);
        }
        let _ = card_brand(&s);
        let _ = luhn(&s);
        let _ = verhoeff(&s);
        let _ = find_phones(&s, Some("GB"));
    }

    #[test]
    fn one_digit_change_breaks_luhn_cards(i in 0usize..16, d in 1u8..10) {
        let pan = b"4111111111111111";
        let mut changed = pan.to_vec();
        changed[i] = b'0' + (changed[i] - b'0' + d) % 10;
        let s = String::from_utf8(changed).unwrap_or_default();
        prop_assert!(!luhn(&s));
        prop_assert!(!is_credit_card(&s));
    }

    #[test]
    fn mask_keeps_only_ends(s in "[0-9]{12,19}") {
        let m = mask_card(&s);
        prop_assert!(m.starts_with(&s[..4]));
        prop_assert!(m.ends_with(&s[s.len() - 4..]));
        let shown = m.bytes().filter(u8::is_ascii_digit).count();
        prop_assert_eq!(shown, 8);
    }

    #[test]
    fn phone_spans_are_char_boundaries(s in "\\PC{0,60}") {
        for (start, end, e164) in find_phones(&s, Some("US")) {
            prop_assert!(s.is_char_boundary(start) && s.is_char_boundary(end));
            prop_assert!(start < end);
            prop_assert!(e164.starts_with('+'));
        }
    }
}

#[test]
fn grouped_numbers_are_not_split_into_shorter_identifiers() {
    // The first twelve digits of this grouped number are a valid Aadhaar
    // (Verhoeff); no twelve-digit kind may be reported inside it.
    assert!(is_in_aadhaar("2345 6789 0124"));
    for text in ["card 2345 6789 0124 5678 end", "card 2345-6789-0124-5678 end"] {
        let found = scan(text);
        assert!(
            found.iter().all(|(e, _)| *e != "IN_AADHAAR" && *e != "JP_MY_NUMBER"),
            "{found:?}"
        );
    }
}

#[test]
fn scan_finds_embedded_identifiers() {
    let text = "Customer 4111 1111 1111 1111 paid from DE89 3704 0044 0532 0130 00; \
                SSN 536-90-4399, CPF 390.533.447-05, hash d41d8cd98f00b204e9800998ecf8427e.";
    let found = scan(text);
    let entities: BTreeSet<&str> = found.iter().map(|(e, _)| *e).collect();
    for e in ["CREDIT_CARD", "IBAN", "US_SSN", "BR_CPF"] {
        assert!(entities.contains(e), "{e} not found in {found:?}");
    }
}
