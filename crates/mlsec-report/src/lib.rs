//! Report writers: a terminal table, JSON (documented, versioned schema),
//! SARIF 2.1.0 for GitHub code scanning and a self-contained HTML page with
//! charts. Writers only format; they never scan,
//! and scanners never format.
//!
//! One [`write`] entry point picks the writer for a [`Format`].

#![deny(missing_docs)]

mod html;
mod json;
mod sarif;
mod table;

use std::io::{self, Write};

use mlsec_diagnostics::{FileReport, Severity, Verdict};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Human-readable table.
    Table,
    /// JSON, schema version [`JSON_SCHEMA_VERSION`].
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// A self-contained HTML page with charts.
    Html,
}

/// Version of the JSON report schema (bumped on incompatible change).
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// Everything a writer needs.
#[derive(Debug)]
pub struct Report<'a> {
    /// The mlsec command (`scan`).
    pub command: &'a str,
    /// mlsec version.
    pub version: &'a str,
    /// Per-file results, sorted by path.
    pub files: &'a [FileReport],
    /// Findings at or above this severity fail the run.
    pub fail_on: Severity,
    /// Operational errors (paths that could not be read at all).
    pub errors: &'a [String],
    /// Use colours (table only).
    pub color: bool,
    /// Findings dropped because a baseline accepts them (`None`: no baseline).
    pub suppressed: Option<usize>,
}

impl Report<'_> {
    /// Number of findings at or above the fail threshold.
    #[must_use]
    pub fn failing(&self) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|f| f.severity >= self.fail_on)
            .count()
    }

    /// Count of files per verdict.
    #[must_use]
    pub fn verdict_counts(&self) -> Vec<(Verdict, usize)> {
        let all = [
            Verdict::Malicious,
            Verdict::Sensitive,
            Verdict::Suspicious,
            Verdict::CouldNotScan,
            Verdict::Clean,
            Verdict::NotAModel,
        ];
        all.iter()
            .map(|v| (*v, self.files.iter().filter(|f| f.verdict == *v).count()))
            .collect()
    }

    /// Count of findings per severity, highest first.
    #[must_use]
    pub fn severity_counts(&self) -> Vec<(Severity, usize)> {
        Severity::ALL
            .iter()
            .rev()
            .map(|s| {
                (
                    *s,
                    self.files
                        .iter()
                        .flat_map(|f| &f.findings)
                        .filter(|f| f.severity == *s)
                        .count(),
                )
            })
            .collect()
    }
}

/// Write `report` in `format` to `w`.
///
/// # Errors
/// I/O errors of `w`.
pub fn write(format: Format, w: &mut dyn Write, report: &Report<'_>) -> io::Result<()> {
    match format {
        Format::Table => table::write(w, report),
        Format::Json => write_pretty(w, &json::out(report)),
        Format::Sarif => write_pretty(w, &sarif::to_value(report)),
        Format::Html => html::write(w, report),
    }
}

/// Where a finding is, within its file, for people: the archive member,
/// then the row and column, the column, or the byte offset
/// (`archive/data.pkl@2`, `row 3, email`, `column email`).
pub(crate) fn location_text(loc: &mlsec_diagnostics::Location) -> String {
    let mut out = String::new();
    if !loc.member.is_empty() {
        out.push_str(&loc.member_path());
    }
    if let Some(r) = loc.row {
        out.push_str(&format!("row {r}"));
        if let Some(c) = &loc.column {
            out.push_str(&format!(", {c}"));
        }
    } else if let Some(c) = &loc.column {
        out.push_str(&format!("column {c}"));
    } else if let Some(o) = loc.offset {
        out.push_str(&format!("@{o}"));
    }
    out
}

/// `v` as indented JSON and a newline. Serialised into one buffer first:
/// through `&mut dyn Write`, every token was a call of its own (a dense
/// dataset's report of 10,000 findings is about 10 MB).
fn write_pretty(w: &mut dyn Write, v: &impl serde::Serialize) -> io::Result<()> {
    let mut out = serde_json::to_vec_pretty(v)?;
    out.push(b'\n');
    w.write_all(&out)
}

#[cfg(test)]
pub(crate) mod fixture {
    use mlsec_diagnostics::codes::{PKL_DANGEROUS_IMPORT, PKL_TRAILING};
    use mlsec_diagnostics::{FileReport, Finding, Location, Severity, Verdict};

    pub fn files() -> Vec<FileReport> {
        let loc = Location {
            path: "models/evil.pt".into(),
            member: vec!["archive/data.pkl".into()],
            offset: Some(2),
            opcode_index: Some(1),
            ..Location::default()
        };
        vec![
            FileReport {
                path: "models/evil.pt".into(),
                format: "pytorch-zip".into(),
                size: 1234,
                sha256: None,
                verdict: Verdict::Malicious,
                reason: None,
                findings: vec![
                    Finding::new(
                        &PKL_DANGEROUS_IMPORT,
                        loc.clone(),
                        "pickle imports `posix.system`",
                        "posix.system",
                    ),
                    Finding::new(
                        &PKL_TRAILING,
                        Location::file("models/evil.pt"),
                        "3 bytes follow the last pickle",
                        "3 bytes",
                    ),
                ],
            },
            FileReport {
                path: "models/ok.pkl".into(),
                format: "pickle".into(),
                size: 10,
                sha256: None,
                verdict: Verdict::Clean,
                reason: None,
                findings: vec![],
            },
        ]
    }

    pub fn report(files: &[FileReport]) -> super::Report<'_> {
        super::Report {
            command: "scan",
            version: "0.1.0",
            files,
            fail_on: Severity::High,
            errors: &[],
            color: false,
            suppressed: None,
        }
    }
}
