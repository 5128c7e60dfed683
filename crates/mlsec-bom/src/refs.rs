//! Reference integrity of a CycloneDX document, checked generically: every
//! `bom-ref` anywhere must be unique, and every reference anywhere (keys
//! the 1.6/1.7 schemas type as `refLinkType`/`refType`) must name one.
//!
//! The walk knows reference keys by name, not by schema position, so it
//! also covers parts of the document this crate never writes. Where a key
//! holds either references or objects (`tools`, `dependencies`,
//! `vulnerabilities`, `evidence`...), only strings count as references.
//! BOM-Links (`urn:cdx:...`) point into other documents and are skipped, as
//! are JSF `signature` objects.

use std::collections::BTreeMap;

use serde_json::Value;

/// Keys whose string value, or whose array's string items, are references.
const REF_KEYS: &[&str] = &[
    "ref",
    "dependsOn",
    "provides",
    "assemblies",
    "dependencies",
    "vulnerabilities",
    "subjects",
    "tools",
    "asserter",
    "assessor",
    "attributedTo",
    "claims",
    "counterClaims",
    "evidence",
    "counterEvidence",
    "mitigationStrategies",
    "requirement",
    "requirements",
    "parent",
    "process",
    "target",
    "members",
    "patentRefs",
    "algorithm",
    "algorithms",
    "algorithmRef",
    "signatureAlgorithmRef",
    "subjectPublicKeyRef",
];

/// Check that every reference in `bom` resolves to a `bom-ref` defined in
/// it, and that no `bom-ref` is defined twice.
///
/// # Errors
/// One message per problem, each naming the value and its JSON pointer.
pub fn check_refs(bom: &Value) -> Result<(), Vec<String>> {
    let mut defined: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut used: Vec<(&str, String)> = Vec::new();
    walk(bom, &mut String::new(), &mut defined, &mut used);
    let mut problems = Vec::new();
    for (r, places) in &defined {
        if places.len() > 1 {
            problems.push(format!(
                "bom-ref `{r}` is defined {} times, at `{}`",
                places.len(),
                places.join("`, `")
            ));
        }
    }
    for (r, place) in used {
        if !defined.contains_key(r) {
            problems.push(format!("reference `{r}` at `{place}` names no bom-ref in the document"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Append one JSON-pointer segment (RFC 6901 escaping).
fn push_segment(path: &mut String, seg: &str) {
    path.push('/');
    path.push_str(&seg.replace('~', "~0").replace('/', "~1"));
}

fn walk<'a>(
    v: &'a Value,
    path: &mut String,
    defined: &mut BTreeMap<&'a str, Vec<String>>,
    used: &mut Vec<(&'a str, String)>,
) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let len = path.len();
                push_segment(path, k);
                if k == "signature" {
                    // JSF: key ids and algorithms, never bom-refs.
                } else if k == "bom-ref" {
                    if let Value::String(s) = child {
                        defined.entry(s.as_str()).or_default().push(path[..len].to_owned());
                    }
                } else if REF_KEYS.contains(&k.as_str()) {
                    match child {
                        Value::String(s) => note_use(s, path, used),
                        Value::Array(items) => {
                            for (i, item) in items.iter().enumerate() {
                                let len = path.len();
                                push_segment(path, &i.to_string());
                                match item {
                                    Value::String(s) => note_use(s, path, used),
                                    other => walk(other, path, defined, used),
                                }
                                path.truncate(len);
                            }
                        }
                        other => walk(other, path, defined, used),
                    }
                } else {
                    walk(child, path, defined, used);
                }
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                push_segment(path, &i.to_string());
                walk(item, path, defined, used);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn note_use<'a>(r: &'a str, path: &str, used: &mut Vec<(&'a str, String)>) {
    if !r.starts_with("urn:cdx:") {
        used.push((r, path.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn finds_dangling_and_duplicate() {
        let bom = json!({
            "metadata": {"component": {"bom-ref": "m", "name": "m", "type": "machine-learning-model"}},
            "components": [{"bom-ref": "d", "name": "d"}, {"bom-ref": "d", "name": "d2"}],
            "dependencies": [{"ref": "m", "dependsOn": ["d", "gone"]}],
            "compositions": [{"assemblies": ["m", "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#x"], "dependencies": ["nope"]}],
        });
        let errs = check_refs(&bom).unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(
            errs[0].contains("`d` is defined 2 times, at `/components/0`, `/components/1`"),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("`gone` at `/dependencies/0/dependsOn/1`")),
            "{errs:?}"
        );
        assert!(
            errs.iter()
                .any(|e| e.contains("`nope` at `/compositions/0/dependencies/0`")),
            "{errs:?}"
        );
    }

    #[test]
    fn objects_under_ref_keys_are_walked_not_counted() {
        let bom = json!({
            "metadata": {"tools": {"components": [{"bom-ref": "t", "name": "mlsec", "type": "application"}]}},
            "dependencies": [{"ref": "t"}],
            "signature": {"algorithm": "ES256", "value": "x"},
            "components": [{"bom-ref": "a/b~c", "name": "x", "evidence": {"identity": []}}],
        });
        assert_eq!(check_refs(&bom), Ok(()));
        let bad = json!({"x": {"bom-ref": "a/b~c"}, "y": [{"bom-ref": "a/b~c"}]});
        assert_eq!(
            check_refs(&bad).unwrap_err(),
            ["bom-ref `a/b~c` is defined 2 times, at `/x`, `/y/0`"]
        );
    }
}
