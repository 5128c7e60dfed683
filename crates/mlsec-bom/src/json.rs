//! Deterministic pretty JSON: well-known keys first in a fixed order
//! (`bomFormat`, `specVersion`, `bom-ref`, `type`, `name`...), every other key
//! sorted, two-space indentation. The bytes depend only on the value, not
//! on how `serde_json` orders its maps.

use serde_json::Value;

/// Keys written first, in this order, wherever they appear (roughly the
/// order of the CycloneDX schema); then other keys sorted; `properties` last.
const FIRST: &[&str] = &[
    "_type",
    "subject",
    "predicateType",
    "$schema",
    "bomFormat",
    "specVersion",
    "serialNumber",
    "type",
    "bom-ref",
    "uid",
    "ref",
    "name",
    "group",
    "version",
    "description",
    "timestamp",
    "tools",
    "component",
    "metadata",
    "authors",
    "publisher",
    "hashes",
    "licenses",
    "externalReferences",
    "pedigree",
    "components",
    "modelCard",
    "data",
    "modelParameters",
    "quantitativeAnalysis",
    "considerations",
];

pub(crate) fn pretty(v: &Value) -> String {
    let mut out = mlsec_signing::pretty_json(v, FIRST, &["properties"]);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn known_keys_first_then_sorted() {
        let v = json!({"zeta": [], "b": {}, "specVersion": "1.6", "bomFormat": "CycloneDX", "a": [1, {"name": "x", "bom-ref": "r"}]});
        let text = pretty(&v);
        assert_eq!(
            text,
            "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n  \"a\": [\n    1,\n    {\n      \"bom-ref\": \"r\",\n      \"name\": \"x\"\n    }\n  ],\n  \"b\": {},\n  \"zeta\": []\n}\n"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn escapes_strings() {
        let v = json!({"k\"ey": "line\nbreak \u{1}"});
        let back: Value = serde_json::from_str(&pretty(&v)).unwrap();
        assert_eq!(back, v);
    }
}
