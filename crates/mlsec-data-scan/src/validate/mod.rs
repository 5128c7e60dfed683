//! Checksum and structure validators for identifiers found in data: payment
//! cards, IBANs, US SSNs, national identifiers and tax numbers, phone
//! numbers. Each takes the candidate text (as matched, separators included)
//! and says whether it is a valid identifier of its kind. No I/O: the only
//! outside state is the system clock (a few schemes reject birth dates in
//! the future or take the century from the current year) and, for phone
//! numbers, a process-wide cache of compiled libphonenumber patterns.
//!
//! The scanner drives this module through [`ID_KINDS`]: every [`IdKind`]
//! carries a candidate regex, a validator (`fn(&str) -> bool`), context
//! words, and whether a context word is required before reporting. Phone
//! numbers are found separately with [`find_phones`], which relies on
//! libphonenumber metadata.
//!
//! Validation rules follow python-stdnum module by module (check digits,
//! length, embedded birth dates, known prefixes); the few places where a
//! validator is stricter or looser than stdnum are stated in the validator's
//! documentation. Two deviations apply across the board: separators are
//! accepted wherever the candidate patterns allow them (spaces as well as
//! dashes, say), and all-digit identifiers made of one repeated digit
//! (`000000000`, `1111111111`), which no scheme issues but which are common
//! placeholders, are rejected. Validators never panic: input of any length
//! or content is accepted, normalised (Unicode dashes and spaces,
//! separators, case) and rejected when it does not fit.
//!
//! Layout: `checksum` (Luhn, Verhoeff), `cards`, `iban`, `crypto`
//! (Bitcoin addresses), national
//! identifiers grouped by region (`americas`, `europe_west`, `europe_north`,
//! `europe_east`, `asia_pacific`, `middle_east_africa`), the catalogue in
//! `kinds`, `phone`, and shared helpers in `util`. Everything public is
//! re-exported here.

mod americas;
mod asia_pacific;
mod cards;
mod checksum;
mod cn_divisions;
mod crypto;
mod europe_east;
mod europe_north;
mod europe_west;
mod iban;
mod kinds;
mod middle_east_africa;
mod phone;
mod util;

pub(crate) use util::ean_check;

#[cfg(test)]
pub(crate) mod tests;

pub use americas::{
    is_ar_cuit, is_ar_dni, is_br_cnpj, is_br_cpf, is_ca_sin, is_cl_rut, is_co_nit, is_ec_ci, is_mx_curp, is_mx_rfc,
    is_us_aba_routing, is_us_dea, is_us_ein, is_us_itin, is_us_mbi, is_us_npi, is_us_ssn,
};
pub use asia_pacific::{
    is_au_abn, is_au_acn, is_au_medicare, is_au_tfn, is_cn_resident_id, is_id_nik, is_id_npwp, is_in_aadhaar,
    is_in_epic, is_in_gstin, is_in_pan, is_jp_my_number, is_kr_brn, is_kr_rrn, is_my_nric, is_nz_ird, is_ph_tin,
    is_pk_cnic, is_sg_nric_fin, is_sg_uen, is_th_tnin, is_tw_national_id, is_vn_mst,
};
pub use cards::{card_brand, is_card_in_card_column, is_credit_card, mask_card};
pub use checksum::{luhn, verhoeff};
pub use crypto::is_btc_address;
pub use europe_east::{
    is_bg_egn, is_cz_birth_number, is_hr_oib, is_jmbg, is_lv_personal_code, is_pl_nip, is_pl_pesel, is_ro_cnp,
    is_ru_inn, is_ua_rnokpp,
};
pub use europe_north::{
    is_dk_cpr, is_ee_personal_code, is_fi_hetu, is_is_kennitala, is_lt_personal_code, is_no_fodselsnummer, is_se_orgnr,
    is_se_personnummer,
};
pub use europe_west::{
    is_at_svnr, is_be_national_number, is_ch_ahv, is_de_bsnr, is_de_id_card, is_de_kvnr, is_de_lanr, is_de_rvnr,
    is_de_stnr, is_de_tax_id, is_de_vat, is_es_nie, is_es_nif, is_fr_nif, is_fr_nir, is_gb_nhs, is_gr_afm, is_gr_amka,
    is_ie_pps, is_it_fiscal_code, is_it_identity_card, is_it_vat, is_nl_bsn, is_pt_nif, is_uk_driving_licence,
    is_uk_nino, is_uk_utr,
};
pub use iban::is_iban;
pub use kinds::{IdKind, ID_KINDS};
pub use middle_east_africa::{is_il_id, is_ke_kra_pin, is_ng_nin, is_tr_tckn, is_za_id, is_za_tin};
pub use phone::{
    find_phones, find_phones_guessing, fold_digits, known_region, region_of, written_regions, Guess, Reading,
};
