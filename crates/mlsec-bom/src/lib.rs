//! CycloneDX ML-BOM (AI bill of materials) for a model: what `mlsec bom`
//! writes.
//!
//! - [`ModelCardFile`] reads the user's card TOML (`docs/bom.md`): model
//!   identity, model card, base model, datasets, training run.
//! - [`build`] hashes the model (OMS root digest and one SHA-256 per file,
//!   via `mlsec_signing::hash_model`), hashes local datasets and base model,
//!   and returns a CycloneDX 1.6 or 1.7 document whose references all
//!   resolve ([`check_refs`]).
//! - [`to_json`] writes it with a fixed key order; the same inputs and
//!   timestamp give the same bytes, and the serial number is derived from
//!   the content.
//! - [`statement`] wraps it in an in-toto statement for
//!   `mlsec_signing::sign_payload`.
//!
//! The crate never prints and never reads the environment; the caller picks
//! the timestamp (for example from `SOURCE_DATE_EPOCH`, with
//! [`format_unix_utc`]). SPDX 3 output is not provided.

mod card;
mod cyclonedx;
mod error;
mod json;
mod refs;
mod time;

use std::path::Path;

use serde_json::{json, Value};

pub use card::{
    Activity, Approach, BaseModel, CardInfo, Dataset, Energy, EnergySource, Fairness, Metric, ModelCardFile, ModelInfo,
    PiiFinding, Risk, Scalar, Training,
};
pub use error::{Error, Result};
pub use refs::check_refs;
pub use time::format_unix_utc;

/// in-toto predicate type of a CycloneDX BOM.
pub const BOM_PREDICATE_TYPE: &str = "https://cyclonedx.org/bom";

/// in-toto Statement v1 type.
pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";

/// Property holding a model's (or a hashed dataset's) OMS root digest, the
/// digest `mlsec sign` signs.
pub const ROOT_DIGEST_PROPERTY: &str = "mlsec:oms:root-digest";

/// CycloneDX specification version of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpecVersion {
    /// CycloneDX 1.6 (the default).
    #[default]
    V1_6,
    /// CycloneDX 1.7.
    V1_7,
}

impl SpecVersion {
    /// `1.6` or `1.7`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1_6 => "1.6",
            Self::V1_7 => "1.7",
        }
    }
}

/// `metadata.timestamp` of the BOM.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Timestamp {
    /// The current time, to the second, UTC (the default).
    #[default]
    Now,
    /// A given RFC 3339 date-time with offset, for reproducible output.
    At(String),
    /// No timestamp: the output depends only on the inputs.
    Omit,
}

/// Options of [`build`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BomOptions {
    /// CycloneDX version.
    pub spec: SpecVersion,
    /// `metadata.timestamp`.
    pub timestamp: Timestamp,
    /// mlsec's version, recorded in `metadata.tools`.
    pub tool_version: String,
}

impl BomOptions {
    /// CycloneDX 1.6, current time, the given mlsec version.
    #[must_use]
    pub fn new(tool_version: impl Into<String>) -> Self {
        Self {
            spec: SpecVersion::V1_6,
            timestamp: Timestamp::Now,
            tool_version: tool_version.into(),
        }
    }
}

/// Build the ML-BOM of the model at `model_path` (a file or directory)
/// described by `card`.
///
/// The model is `metadata.component` (`machine-learning-model`) with its
/// OMS root digest as hash and as the [`ROOT_DIGEST_PROPERTY`] property,
/// one nested `file` component per file, the `modelCard`, and the base
/// model in `pedigree.ancestors`; datasets are `data` components;
/// `[training]` becomes `formulation`.
///
/// # Errors
/// The card fails its checks; the model, a dataset `path` or the base model
/// `path` cannot be hashed; a declared digest differs from the computed one;
/// a bad timestamp; or (a bug) broken references in the result.
pub fn build(model_path: &Path, card: &ModelCardFile, opts: &BomOptions) -> Result<Value> {
    cyclonedx::build(model_path, card, opts)
}

/// The BOM as pretty JSON with a trailing newline: known keys first
/// (`bomFormat`, `specVersion`, ...), the rest sorted.
#[must_use]
pub fn to_json(bom: &Value) -> String {
    json::pretty(bom)
}

/// The model's name and OMS root digest (hex) as recorded in a BOM built by
/// [`build`], for [`statement`].
#[must_use]
pub fn subject_of(bom: &Value) -> Option<(&str, &str)> {
    let model = bom.get("metadata")?.get("component")?;
    let name = model.get("name")?.as_str()?;
    let root = model
        .get("properties")?
        .as_array()?
        .iter()
        .find(|p| p.get("name").and_then(Value::as_str) == Some(ROOT_DIGEST_PROPERTY))?
        .get("value")?
        .as_str()?;
    Some((name, root))
}

/// The BOM wrapped as an in-toto Statement v1 whose subject is the model
/// (name and OMS root digest): the payload to sign with
/// `mlsec_signing::sign_payload`.
#[must_use]
pub fn statement(bom: &Value, model_name: &str, root_digest_hex: &str) -> Vec<u8> {
    let st = json!({
        "_type": STATEMENT_TYPE,
        "subject": [{ "name": model_name, "digest": { "sha256": root_digest_hex } }],
        "predicateType": BOM_PREDICATE_TYPE,
        "predicate": bom,
    });
    json::pretty(&st).into_bytes()
}
