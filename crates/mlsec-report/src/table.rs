//! The terminal table: one line per file with its verdict, findings indented below.

use std::io::{self, Write};

use mlsec_diagnostics::{Severity, Verdict};

use crate::Report;

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn sev_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "1;31",
        Severity::High => "31",
        Severity::Medium => "33",
        Severity::Low => "36",
        Severity::Info => "2",
    }
}

fn verdict_color(v: Verdict) -> &'static str {
    match v {
        Verdict::Malicious => "1;31",
        Verdict::Sensitive => "31",
        Verdict::Suspicious => "33",
        Verdict::CouldNotScan => "35",
        Verdict::Clean => "32",
        Verdict::NotAModel => "2",
    }
}

pub(crate) fn write(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    for f in r.files {
        let v = format!("{:<14}", f.verdict.as_str());
        write!(
            w,
            "{} {}  [{}]",
            paint(r.color, verdict_color(f.verdict), &v),
            f.path,
            f.format
        )?;
        if let Some(reason) = &f.reason {
            write!(w, "  ({reason})")?;
        }
        writeln!(w)?;
        for x in &f.findings {
            let sev = format!("{:<8}", x.severity.as_str());
            let loc = crate::location_text(&x.location);
            writeln!(
                w,
                "    {} {}  {}  {}",
                paint(r.color, sev_color(x.severity), &sev),
                x.rule.code,
                x.message,
                if loc.is_empty() {
                    String::new()
                } else {
                    format!("[{loc}]")
                }
            )?;
        }
    }
    for e in r.errors {
        writeln!(w, "{} {e}", paint(r.color, "35", "error         "))?;
    }
    let verdicts: Vec<String> = r
        .verdict_counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{n} {v}"))
        .collect();
    let sev: Vec<String> = r
        .severity_counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    writeln!(
        w,
        "\n{} files scanned: {}; findings: {}; {} at or above `{}`",
        r.files.len(),
        if verdicts.is_empty() {
            "none".into()
        } else {
            verdicts.join(", ")
        },
        if sev.is_empty() { "none".into() } else { sev.join(", ") },
        r.failing(),
        r.fail_on
    )?;
    if let Some(n) = r.suppressed {
        writeln!(w, "{n} known finding(s) suppressed by the baseline")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::fixture;

    #[test]
    fn renders_every_file_and_finding() {
        let files = fixture::files();
        let mut out = Vec::new();
        super::write(&mut out, &fixture::report(&files)).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("malicious      models/evil.pt  [pytorch-zip]"), "{s}");
        assert!(
            s.contains("critical MLS-PKL-001  pickle imports `posix.system`  [archive/data.pkl@2]"),
            "{s}"
        );
        assert!(s.contains("clean          models/ok.pkl"), "{s}");
        assert!(
            s.contains("2 files scanned: 1 malicious, 1 clean; findings: 1 critical, 1 info; 1 at or above `high`"),
            "{s}"
        );
    }

    #[test]
    fn says_how_many_findings_the_baseline_suppressed() {
        let files = fixture::files();
        let mut out = Vec::new();
        super::write(&mut out, &fixture::report(&files)).unwrap();
        assert!(!String::from_utf8(out).unwrap().contains("baseline"));
        let mut out = Vec::new();
        let r = crate::Report {
            suppressed: Some(3),
            ..fixture::report(&files)
        };
        super::write(&mut out, &r).unwrap();
        assert!(String::from_utf8(out)
            .unwrap()
            .contains("3 known finding(s) suppressed by the baseline"));
    }
}
