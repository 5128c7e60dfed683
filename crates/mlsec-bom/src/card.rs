//! The model card file: a small TOML document the user writes next to a
//! model (`[model]`, `[model_card]`, `[base_model]`, `[[datasets]]`,
//! `[training]`; see `docs/bom.md`), read strictly (unknown keys are
//! errors) and checked before any BOM is built.
//!
//! This module only reads and checks; it never hashes. Relative paths in the
//! card are resolved against the card's own directory when the BOM is built.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::error::{Error, Result};
use crate::time::check_rfc3339;

/// A model card file: everything about a model that cannot be read off its
/// files. Every section and key is optional; an empty card gives a BOM with
/// the model's name and digests only.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelCardFile {
    /// `[model]`: identity of the model.
    #[serde(default)]
    pub model: ModelInfo,
    /// `[model_card]`: CycloneDX `modelCard` content.
    #[serde(default)]
    pub model_card: CardInfo,
    /// `[base_model]`: the model this one was derived from (fine-tuned,
    /// distilled, quantized), recorded in `pedigree.ancestors`.
    pub base_model: Option<BaseModel>,
    /// `[[datasets]]`: the data the model was trained or evaluated on.
    #[serde(default)]
    pub datasets: Vec<Dataset>,
    /// `[training]`: the run that produced the model, as a `formulation`.
    pub training: Option<Training>,
    /// Where the card was read from: error messages and relative paths.
    #[serde(skip)]
    origin: Option<PathBuf>,
}

/// `[model]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelInfo {
    /// Component name; the model file or directory name when absent.
    pub name: Option<String>,
    /// Version (any string: `1.2.0`, a date, a commit).
    pub version: Option<String>,
    /// One-paragraph description.
    pub description: Option<String>,
    /// SPDX license expression (`Apache-2.0`, `MIT OR Apache-2.0`,
    /// `LicenseRef-llama3`).
    pub license: Option<String>,
    /// People: `"Name"` or `"Name <email>"`.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Publishing organization or person.
    pub publisher: Option<String>,
    /// Home page or model hub page.
    pub url: Option<String>,
}

/// `[model_card]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardInfo {
    /// ML task (`text-classification`, `image-segmentation`...).
    pub task: Option<String>,
    /// Architecture family (`transformer`, `convolutional neural network`).
    pub architecture_family: Option<String>,
    /// Specific architecture (`BERT-base`, `ResNet-50`).
    pub model_architecture: Option<String>,
    /// Learning approach.
    pub approach: Option<Approach>,
    /// Input formats (`string`, `image/png`, `tensor float32[1,3,224,224]`).
    #[serde(default)]
    pub inputs: Vec<String>,
    /// Output formats.
    #[serde(default)]
    pub outputs: Vec<String>,
    /// Intended users.
    #[serde(default)]
    pub users: Vec<String>,
    /// Intended use cases.
    #[serde(default)]
    pub use_cases: Vec<String>,
    /// Known technical limitations.
    #[serde(default)]
    pub technical_limitations: Vec<String>,
    /// Performance trade-offs.
    #[serde(default)]
    pub performance_tradeoffs: Vec<String>,
    /// `[[model_card.metrics]]`: measured performance.
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// `[[model_card.ethical_considerations]]`: risks and mitigations.
    #[serde(default)]
    pub ethical_considerations: Vec<Risk>,
    /// `[[model_card.fairness_assessments]]`.
    #[serde(default)]
    pub fairness_assessments: Vec<Fairness>,
    /// `[[model_card.energy]]`: environmental considerations.
    #[serde(default)]
    pub energy: Vec<Energy>,
}

/// CycloneDX `modelParameters.approach.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Approach {
    /// `supervised`
    Supervised,
    /// `unsupervised`
    Unsupervised,
    /// `reinforcement-learning`
    ReinforcementLearning,
    /// `semi-supervised`
    SemiSupervised,
    /// `self-supervised`
    SelfSupervised,
}

impl Approach {
    /// The CycloneDX spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Supervised => "supervised",
            Self::Unsupervised => "unsupervised",
            Self::ReinforcementLearning => "reinforcement-learning",
            Self::SemiSupervised => "semi-supervised",
            Self::SelfSupervised => "self-supervised",
        }
    }
}

/// `[[model_card.metrics]]`: one performance metric.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// Metric name (`accuracy`, `f1`, `perplexity`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Value; a TOML number or string.
    pub value: Scalar,
    /// The data slice it was measured on (`test`, `age >= 65`).
    pub slice: Option<String>,
    /// Lower bound of the confidence interval.
    pub lower_bound: Option<Scalar>,
    /// Upper bound of the confidence interval.
    pub upper_bound: Option<Scalar>,
}

/// `[[model_card.ethical_considerations]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// The risk.
    pub name: String,
    /// How it is mitigated.
    pub mitigation_strategy: Option<String>,
}

/// `[[model_card.fairness_assessments]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fairness {
    /// The group at risk.
    pub group_at_risk: String,
    /// Expected benefits to the group.
    pub benefits: Option<String>,
    /// Expected harms to the group.
    pub harms: Option<String>,
    /// How the harms are mitigated.
    pub mitigation_strategy: Option<String>,
}

/// `[[model_card.energy]]`: energy used by one activity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Energy {
    /// The activity.
    pub activity: Activity,
    /// Energy used, in kWh.
    pub energy_kwh: f64,
    /// CO2 emitted, in tonnes of CO2 equivalent.
    pub co2_tco2eq: Option<f64>,
    /// CO2 offset, in tonnes of CO2 equivalent.
    pub co2_offset_tco2eq: Option<f64>,
    /// Organization that provided the energy (a data center, a cloud).
    pub provider: Option<String>,
    /// The provider's energy source; needs `provider`.
    pub energy_source: Option<EnergySource>,
}

/// CycloneDX `energyConsumption.activity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "each variant is its kebab-case CycloneDX value")]
pub enum Activity {
    Design,
    DataCollection,
    DataPreparation,
    Training,
    FineTuning,
    Validation,
    Deployment,
    Inference,
    Other,
}

impl Activity {
    /// The CycloneDX spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Design => "design",
            Self::DataCollection => "data-collection",
            Self::DataPreparation => "data-preparation",
            Self::Training => "training",
            Self::FineTuning => "fine-tuning",
            Self::Validation => "validation",
            Self::Deployment => "deployment",
            Self::Inference => "inference",
            Self::Other => "other",
        }
    }
}

/// CycloneDX `energyProvider.energySource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "each variant is its kebab-case CycloneDX value")]
pub enum EnergySource {
    Coal,
    Oil,
    NaturalGas,
    Nuclear,
    Wind,
    Solar,
    Geothermal,
    Hydropower,
    Biofuel,
    Unknown,
    Other,
}

impl EnergySource {
    /// The CycloneDX spelling.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Coal => "coal",
            Self::Oil => "oil",
            Self::NaturalGas => "natural-gas",
            Self::Nuclear => "nuclear",
            Self::Wind => "wind",
            Self::Solar => "solar",
            Self::Geothermal => "geothermal",
            Self::Hydropower => "hydropower",
            Self::Biofuel => "biofuel",
            Self::Unknown => "unknown",
            Self::Other => "other",
        }
    }
}

/// `[base_model]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseModel {
    /// Name.
    pub name: String,
    /// Version.
    pub version: Option<String>,
    /// SHA-256 hex: its OMS root digest (what `mlsec sign` signs), or the
    /// SHA-256 of its single file.
    pub digest: Option<String>,
    /// A local copy, hashed (OMS root digest) into `digest`.
    pub path: Option<PathBuf>,
    /// Where it is published.
    pub url: Option<String>,
    /// Who publishes it.
    pub publisher: Option<String>,
}

/// `[[datasets]]`: one dataset.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Name; with `version`, unique among the datasets.
    pub name: String,
    /// Version.
    pub version: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// A local copy (file or directory), hashed (OMS root digest) into `digest`.
    pub path: Option<PathBuf>,
    /// SHA-256 hex of the dataset; checked against `path` when both are given.
    pub digest: Option<String>,
    /// SPDX license expression.
    pub license: Option<String>,
    /// Where it is published.
    pub url: Option<String>,
    /// Data classification (`public`, `internal`, `confidential`).
    pub classification: Option<String>,
    /// Owners: organizations, or `"Name <email>"` for people.
    #[serde(default)]
    pub owners: Vec<String>,
    /// Custodians, as `owners`.
    #[serde(default)]
    pub custodians: Vec<String>,
    /// Stewards, as `owners`.
    #[serde(default)]
    pub stewards: Vec<String>,
    /// Whether it holds personal data; implied by `pii` entries.
    pub contains_pii: Option<bool>,
    /// `[[datasets.pii]]`: personal data found (e.g. by a PII scan).
    #[serde(default)]
    pub pii: Vec<PiiFinding>,
}

/// `[[datasets.pii]]`: a summary of personal data of one kind.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PiiFinding {
    /// Entity type (`EMAIL_ADDRESS`, `PHONE_NUMBER`, `PERSON`).
    pub entity: String,
    /// How many occurrences.
    pub count: u64,
}

/// `[training]`: the run that produced the model.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Name of the run.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The command that was run.
    pub command: Option<String>,
    /// Source repository of the training code.
    pub repository: Option<String>,
    /// Commit of the training code.
    pub commit: Option<String>,
    /// Start, RFC 3339 (a TOML date-time or string).
    #[serde(default, deserialize_with = "datetime")]
    pub started: Option<String>,
    /// End, RFC 3339.
    #[serde(default, deserialize_with = "datetime")]
    pub ended: Option<String>,
    /// `[training.parameters]`: hyperparameters (`epochs = 3`).
    #[serde(default)]
    pub parameters: BTreeMap<String, Scalar>,
    /// `[training.properties]`: any other facts, as CycloneDX properties.
    #[serde(default)]
    pub properties: BTreeMap<String, Scalar>,
}

/// A TOML string, number, boolean or date-time, kept as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match toml::Value::deserialize(d)? {
            toml::Value::String(s) => Ok(Self(s)),
            toml::Value::Integer(i) => Ok(Self(i.to_string())),
            toml::Value::Float(f) => Ok(Self(f.to_string())),
            toml::Value::Boolean(b) => Ok(Self(b.to_string())),
            toml::Value::Datetime(t) => Ok(Self(t.to_string())),
            other => Err(serde::de::Error::custom(format!(
                "invalid type: {}, expected a string, number, boolean or date-time",
                other.type_str()
            ))),
        }
    }
}

fn datetime<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    let text = match toml::Value::deserialize(d)? {
        toml::Value::String(s) => s,
        toml::Value::Datetime(t) => t.to_string(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "invalid type: {}, expected a date-time such as 2024-05-01T12:00:00Z",
                other.type_str()
            )))
        }
    };
    check_rfc3339(&text).map_err(|why| serde::de::Error::custom(format!("`{text}` {why}")))?;
    Ok(Some(text))
}

impl ModelCardFile {
    /// Read and check a card file.
    ///
    /// # Errors
    /// The file cannot be read, is not TOML, has an unknown key or a value
    /// of the wrong type, or fails the checks of [`ModelCardFile::parse`].
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Parse and check card text; `path` names it in errors, and relative
    /// paths in it are resolved against `path`'s directory.
    ///
    /// # Errors
    /// Not TOML, unknown key, wrong type, bad digest hex, license
    /// expression, e-mail, URL or date-time, duplicate dataset, `pii`
    /// findings on a dataset with `contains_pii = false`.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let mut card: Self = toml::from_str(text).map_err(|e| syntax_error(path, text, &e))?;
        card.origin = Some(path.to_owned());
        card.check()?;
        Ok(card)
    }

    /// The card file, or `<card>` for a card built in memory.
    pub(crate) fn origin(&self) -> PathBuf {
        self.origin.clone().unwrap_or_else(|| PathBuf::from("<card>"))
    }

    /// Resolve a path from the card against the card's directory.
    pub(crate) fn resolve(&self, p: &Path) -> PathBuf {
        match self.origin.as_deref().and_then(Path::parent) {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p.to_path_buf(),
        }
    }

    /// Check the values serde cannot: called by `parse` and again by
    /// `build`, since a card may be built or edited in memory.
    pub(crate) fn check(&self) -> Result<()> {
        let bad = |key: String, reason: String| Err(Error::card(self.origin(), key, reason));
        let m = &self.model;
        if let Some(name) = &m.name {
            if name.trim().is_empty() {
                return bad(
                    "model.name".into(),
                    "is empty; remove it to use the model's file name".into(),
                );
            }
        }
        check_opt_license(&m.license).or_else(|r| bad("model.license".into(), r))?;
        for (i, a) in m.authors.iter().enumerate() {
            parse_party(a)
                .map(|_| ())
                .or_else(|r| bad(format!("model.authors[{i}]"), r))?;
        }
        check_opt_url(&m.url).or_else(|r| bad("model.url".into(), r))?;
        for (i, e) in self.model_card.energy.iter().enumerate() {
            let key = |k: &str| format!("model_card.energy[{i}].{k}");
            for (k, v) in [
                ("energy_kwh", Some(e.energy_kwh)),
                ("co2_tco2eq", e.co2_tco2eq),
                ("co2_offset_tco2eq", e.co2_offset_tco2eq),
            ] {
                if v.is_some_and(|v| !v.is_finite() || v < 0.0) {
                    return bad(key(k), "must be a finite number, zero or more".into());
                }
            }
            if e.energy_source.is_some() && e.provider.is_none() {
                return bad(
                    key("energy_source"),
                    "needs `provider`, the organization that supplied the energy".into(),
                );
            }
        }
        for (i, m) in self.model_card.metrics.iter().enumerate() {
            if m.kind.trim().is_empty() {
                return bad(
                    format!("model_card.metrics[{i}].type"),
                    "is empty; name the metric, such as `accuracy`".into(),
                );
            }
        }
        if let Some(b) = &self.base_model {
            if b.name.trim().is_empty() {
                return bad("base_model.name".into(), "is empty; name the base model".into());
            }
            check_opt_digest(&b.digest).or_else(|r| bad("base_model.digest".into(), r))?;
            check_opt_url(&b.url).or_else(|r| bad("base_model.url".into(), r))?;
        }
        let mut seen = BTreeSet::new();
        for (i, d) in self.datasets.iter().enumerate() {
            let key = |k: &str| format!("datasets[{i}].{k}");
            if d.name.trim().is_empty() {
                return bad(key("name"), "is empty; name the dataset".into());
            }
            // Names the dataset's bom-ref, which must be unique (`a@b` and
            // `a` version `b` would clash).
            let id = match &d.version {
                Some(v) => format!("{}@{v}", d.name),
                None => d.name.clone(),
            };
            if !seen.insert(id.clone()) {
                return bad(
                    key("name"),
                    format!("dataset `{id}` is listed twice; merge the entries or give them different versions"),
                );
            }
            check_opt_digest(&d.digest).or_else(|r| bad(key("digest"), r))?;
            check_opt_license(&d.license).or_else(|r| bad(key("license"), r))?;
            check_opt_url(&d.url).or_else(|r| bad(key("url"), r))?;
            for (k, list) in [
                ("owners", &d.owners),
                ("custodians", &d.custodians),
                ("stewards", &d.stewards),
            ] {
                for (j, p) in list.iter().enumerate() {
                    parse_party(p)
                        .map(|_| ())
                        .or_else(|r| bad(format!("datasets[{i}].{k}[{j}]"), r))?;
                }
            }
            if d.contains_pii == Some(false) && !d.pii.is_empty() {
                return bad(
                    key("contains_pii"),
                    "is false but `pii` lists personal data; remove one of them".into(),
                );
            }
            let mut kinds = BTreeSet::new();
            for (j, p) in d.pii.iter().enumerate() {
                if p.entity.trim().is_empty() {
                    return bad(
                        format!("datasets[{i}].pii[{j}].entity"),
                        "is empty; name the kind of data, such as `EMAIL_ADDRESS`".into(),
                    );
                }
                if p.count == 0 {
                    return bad(
                        format!("datasets[{i}].pii[{j}].count"),
                        "is 0; list only kinds that were found".into(),
                    );
                }
                if !kinds.insert(p.entity.as_str()) {
                    return bad(
                        format!("datasets[{i}].pii[{j}].entity"),
                        format!("`{}` is listed twice; add up the counts", p.entity),
                    );
                }
            }
        }
        if let Some(t) = &self.training {
            check_opt_url(&t.repository).or_else(|r| bad("training.repository".into(), r))?;
            for (k, v) in [("started", &t.started), ("ended", &t.ended)] {
                if let Some(v) = v {
                    check_rfc3339(v).or_else(|why| bad(format!("training.{k}"), format!("`{v}` {why}")))?;
                }
            }
        }
        Ok(())
    }
}

/// Turn a TOML error into one line naming the file, position and key.
fn syntax_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let (line, column) = match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, column)
        }
        None => (1, 1),
    };
    // The key path is only rendered when the error has no input attached.
    let mut bare = e.clone();
    bare.set_input(None);
    let key = bare.to_string().lines().find_map(|l| {
        l.strip_prefix("in `")
            .and_then(|k| k.strip_suffix('`'))
            .map(str::to_owned)
    });
    let message = e.message().trim().replace('\n', "; ");
    Error::CardSyntax {
        path: path.to_owned(),
        line,
        column,
        key,
        message,
    }
}

/// A party: `"Name"` (`None` e-mail) or `"Name <email>"`.
pub(crate) fn parse_party(s: &str) -> std::result::Result<(String, Option<String>), String> {
    let s = s.trim();
    let hint = "write `Name` or `Name <email@example.org>`";
    let Some(open) = s.find('<') else {
        if s.is_empty() || s.contains('>') {
            return Err(format!("`{s}` is not a name; {hint}"));
        }
        return Ok((s.to_owned(), None));
    };
    let name = s[..open].trim();
    let Some(email) = s[open + 1..].strip_suffix('>') else {
        return Err(format!("`{s}` has no closing `>`; {hint}"));
    };
    let email = email.trim();
    let valid = email.split_once('@').is_some_and(|(l, d)| {
        !l.is_empty() && !d.is_empty() && !d.contains('@') && !email.contains(char::is_whitespace)
    });
    if name.is_empty() || !valid {
        return Err(format!("`{s}` is not a name and e-mail address; {hint}"));
    }
    Ok((name.to_owned(), Some(email.to_owned())))
}

fn check_opt_digest(d: &Option<String>) -> std::result::Result<(), String> {
    match d {
        Some(d) if d.len() != 64 || !d.bytes().all(|b| b.is_ascii_hexdigit()) => Err(format!(
            "`{d}` is not a SHA-256 digest; give 64 hex digits, or `path` to have it computed"
        )),
        _ => Ok(()),
    }
}

fn check_opt_url(u: &Option<String>) -> std::result::Result<(), String> {
    match u {
        Some(u) if u.is_empty() || u.contains(char::is_whitespace) || !u.contains(':') => Err(format!(
            "`{u}` is not a URL; give one such as `https://huggingface.co/org/model`"
        )),
        _ => Ok(()),
    }
}

fn check_opt_license(l: &Option<String>) -> std::result::Result<(), String> {
    l.as_deref().map_or(Ok(()), check_license_expression)
}

/// Check the syntax of an SPDX license expression (SPDX 2.3 annex D):
/// identifiers joined by `AND`/`OR`, `WITH` an exception, parentheses.
/// Whether an identifier is on the SPDX list is not checked.
pub(crate) fn check_license_expression(expr: &str) -> std::result::Result<(), String> {
    let hint = "give an SPDX license expression such as `Apache-2.0`, `MIT OR Apache-2.0` or `LicenseRef-my-license`";
    let spaced = expr.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let is_op = |t: &str| matches!(t.to_ascii_uppercase().as_str(), "AND" | "OR" | "WITH");
    let is_id = |t: &str| {
        let core = t.strip_suffix('+').unwrap_or(t);
        let part_ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        match core.split_once(':') {
            Some((doc, lic)) => {
                doc.starts_with("DocumentRef-") && lic.starts_with("LicenseRef-") && part_ok(doc) && part_ok(lic)
            }
            None => part_ok(core),
        }
    };
    // Expect an operand, then an operator or `)`, alternately.
    let mut want_operand = true;
    let mut depth = 0usize;
    let mut after_with = false;
    for t in &tokens {
        if want_operand {
            if *t == "(" && !after_with {
                depth += 1;
            } else if !is_op(t) && *t != "(" && *t != ")" && is_id(t) {
                want_operand = false;
                after_with = false;
            } else {
                return Err(format!(
                    "`{expr}` is not a license expression: unexpected `{t}`; {hint}"
                ));
            }
        } else if *t == ")" && depth > 0 {
            depth -= 1;
        } else if is_op(t) {
            after_with = t.eq_ignore_ascii_case("WITH");
            want_operand = true;
        } else {
            return Err(format!(
                "`{expr}` is not a license expression: unexpected `{t}`; {hint}"
            ));
        }
    }
    if tokens.is_empty() || want_operand || depth != 0 {
        return Err(format!("`{expr}` is not a complete license expression; {hint}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ModelCardFile> {
        ModelCardFile::parse(text, Path::new("card.toml"))
    }

    #[test]
    fn license_expressions() {
        for ok in [
            "MIT",
            "Apache-2.0",
            "MIT OR Apache-2.0",
            "(MIT AND BSD-3-Clause) OR GPL-2.0+",
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "LicenseRef-llama3",
            "DocumentRef-x:LicenseRef-y",
            "mit or apache-2.0",
        ] {
            assert_eq!(check_license_expression(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "MIT OR",
            "Llama 3 Community License",
            "(MIT",
            "MIT)",
            "AND MIT",
            "MIT WITH (X)",
            "MIT/Apache",
        ] {
            assert!(check_license_expression(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parties() {
        assert_eq!(parse_party("Example Labs").unwrap(), ("Example Labs".into(), None));
        assert_eq!(
            parse_party(" Ada <ada@example.org> ").unwrap(),
            ("Ada".into(), Some("ada@example.org".into()))
        );
        for bad in ["", "Ada <ada@example.org", "<a@b>", "Ada <ada>", "Ada <a@b@c>", "Ada >"] {
            assert!(parse_party(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = parse("[model]\nname = \"m\"\n\n[model_card]\ntask = \"x\"\nfoo = 1\n").unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::CardSyntax { line: 6, column: 1, .. }), "{text}");
        assert!(
            text.starts_with("`card.toml`:6:1: in `model_card`: unknown field `foo`, expected one of `task`"),
            "{text}"
        );
        assert!(!text.contains('\n'), "{text}");
    }

    #[test]
    fn bad_enum_and_type_are_syntax_errors() {
        let err = parse("[model_card]\napproach = \"magic\"\n").unwrap_err().to_string();
        assert!(
            err.contains("unknown variant `magic`") && err.contains("`supervised`"),
            "{err}"
        );
        let err = parse("[[datasets]]\nname = \"d\"\npii = [{ entity = \"EMAIL\", count = -1 }]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains(":3:"), "{err}");
        let err = parse("[training]\nstarted = 2024-05-01T12:00:00\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no UTC offset"), "{err}");
    }

    #[test]
    fn semantic_errors_name_the_key() {
        let cases = [
            (
                "[[datasets]]\nname = \"d\"\ndigest = \"abc\"\n",
                "datasets[0].digest",
                "64 hex digits",
            ),
            (
                "[[datasets]]\nname = \"d\"\n[[datasets]]\nname = \"d\"\n",
                "datasets[1].name",
                "listed twice",
            ),
            (
                "[[datasets]]\nname = \"d@1\"\n[[datasets]]\nname = \"d\"\nversion = \"1\"\n",
                "datasets[1].name",
                "`d@1` is listed twice",
            ),
            ("[model]\nlicense = \"Llama 3 License\"\n", "model.license", "SPDX"),
            ("[model]\nauthors = [\"Ada <ada>\"]\n", "model.authors[0]", "e-mail"),
            (
                "[base_model]\nname = \"b\"\ndigest = \"zz\"\n",
                "base_model.digest",
                "SHA-256",
            ),
            (
                "[[datasets]]\nname = \"d\"\ncontains_pii = false\npii = [{ entity = \"EMAIL\", count = 2 }]\n",
                "datasets[0].contains_pii",
                "remove one",
            ),
            (
                "[[model_card.energy]]\nactivity = \"training\"\nenergy_kwh = 1.0\nenergy_source = \"wind\"\n",
                "model_card.energy[0].energy_source",
                "provider",
            ),
        ];
        for (text, key, hint) in cases {
            let err = parse(text).unwrap_err();
            let msg = err.to_string();
            assert!(matches!(&err, Error::Card { key: k, .. } if k == key), "{msg}");
            assert!(
                msg.starts_with(&format!("`card.toml`: `{key}`: ")) && msg.contains(hint),
                "{msg}"
            );
        }
    }

    #[test]
    fn scalars_and_datetimes() {
        let card = parse(
            "[training]\nstarted = 2024-05-01T12:00:00Z\nended = \"2024-05-01T13:00:00+02:00\"\n[training.parameters]\nepochs = 3\nlr = 5e-5\nname = \"x\"\nflag = true\n[[model_card.metrics]]\ntype = \"accuracy\"\nvalue = 0.91\n",
        )
        .unwrap();
        let t = card.training.unwrap();
        assert_eq!(t.started.as_deref(), Some("2024-05-01T12:00:00Z"));
        assert_eq!(t.parameters["epochs"].0, "3");
        assert_eq!(t.parameters["lr"].0, "0.00005");
        assert_eq!(t.parameters["flag"].0, "true");
        assert_eq!(card.model_card.metrics[0].value.0, "0.91");
        let err = parse("[training.parameters]\nx = [1]\n").unwrap_err().to_string();
        assert!(err.contains("expected a string, number, boolean or date-time"), "{err}");
    }

    #[test]
    fn relative_paths_follow_the_card() {
        let card = ModelCardFile::parse("", Path::new("/cards/m/card.toml")).unwrap();
        assert_eq!(card.resolve(Path::new("data/train")), Path::new("/cards/m/data/train"));
        assert_eq!(card.resolve(Path::new("/abs")), Path::new("/abs"));
        let mem = ModelCardFile::default();
        assert_eq!(mem.resolve(Path::new("data")), Path::new("data"));
        assert_eq!(mem.origin(), Path::new("<card>"));
    }
}
