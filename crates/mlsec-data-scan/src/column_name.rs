//! Column and field names as the detectors read them. Data names its
//! columns in every style: `date_of_birth`, `DateOfBirth`, `dateOfBirth`,
//! `Date of Birth`, `SSNNumber`. Word lists are written lowercase with
//! `_` or a space between words; these functions bring a name to those
//! forms, so one list entry covers every style.

/// `name` in lowercase snake case: a `_` where a camelCase or PascalCase
/// name starts a word (`dateOfBirth` and `DateOfBirth` give
/// `date_of_birth`, `SSNNumber` gives `ssn_number`, `IBAN2` stays `iban2`),
/// and spaces and dashes as `_`. Other characters are kept.
#[must_use]
pub(crate) fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push('_');
            }
        }
        match c {
            ' ' | '-' => out.push('_'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The form of a column or field name that context words are looked up
/// in: the name in lowercase, and, where it differs, a `|` and its words
/// apart (`socialsecuritynumber|social security number` for
/// `SocialSecurityNumber`). A word list then matches both a run-together
/// name (`ssnumber`) and its phrase (`social security`).
#[must_use]
pub(crate) fn context_key(name: &str) -> String {
    let lower = name.to_lowercase();
    // Words set apart by punctuation (`Tax / ID`, `ID (national)`) are
    // words apart too.
    let spaced = snake(name)
        .split(['_', '/', '\\', '(', ')', '&', ',', ';', '#'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if spaced == lower {
        lower
    } else {
        format!("{lower}|{spaced}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_every_style_give_one_snake_case() {
        for (name, want) in [
            ("date_of_birth", "date_of_birth"),
            ("DateOfBirth", "date_of_birth"),
            ("dateOfBirth", "date_of_birth"),
            ("Date of Birth", "date_of_birth"),
            ("date-of-birth", "date_of_birth"),
            ("DATE_OF_BIRTH", "date_of_birth"),
            ("SSNNumber", "ssn_number"),
            ("customerSSN", "customer_ssn"),
            ("address1", "address1"),
            ("addressLine1", "address_line1"),
            ("IBAN", "iban"),
            ("Geburtsdatum", "geburtsdatum"),
            ("user.firstName", "user.first_name"),
        ] {
            assert_eq!(snake(name), want, "{name}");
        }
    }

    #[test]
    fn context_keys_hold_the_name_and_its_words() {
        assert_eq!(context_key("ssn"), "ssn");
        assert_eq!(context_key("Phone"), "phone");
        assert_eq!(
            context_key("SocialSecurityNumber"),
            "socialsecuritynumber|social security number"
        );
        assert_eq!(context_key("tax_id"), "tax_id|tax id");
        assert_eq!(context_key("Tax / ID"), "tax / id|tax id");
        assert_eq!(context_key("ID (national)"), "id (national)|id national");
        assert_eq!(context_key("ИНН"), "инн");
    }

    proptest::proptest! {
        #[test]
        fn snake_case_is_lowercase_and_stable(name in "[A-Za-z0-9 _-]{0,24}") {
            let s = snake(&name);
            proptest::prop_assert_eq!(s.to_lowercase(), s.clone());
            proptest::prop_assert!(!s.contains(' ') && !s.contains('-'));
            proptest::prop_assert_eq!(snake(&s), s);
        }
    }
}
