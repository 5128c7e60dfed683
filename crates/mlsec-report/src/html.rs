//! A self-contained HTML page: the run's verdicts and severities as bar
//! charts, the personal-data columns of datasets with the share of rows each
//! holds, the entities found, and every file's findings. No script, no
//! external resource (it opens anywhere, and a strict Content Security
//! Policy allows it); every piece of text from a scanned file (paths,
//! column names, messages) is escaped, and values appear only as the
//! findings give them: masked.

use std::collections::BTreeMap;
use std::io::{self, Write};

use mlsec_diagnostics::{Severity, Verdict};

use crate::Report;

/// Findings listed per file; the rest are counted.
const MAX_ROWS_PER_FILE: usize = 500;

/// `s` with `&`, `<`, `>`, `"` and `'` escaped, for text and attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
        Severity::Info => "info",
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Malicious => "critical",
        Verdict::Sensitive => "high",
        Verdict::Suspicious => "medium",
        Verdict::CouldNotScan => "unscanned",
        Verdict::Clean => "clean",
        Verdict::NotAModel => "info",
    }
}

const STYLE: &str = "
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d232a}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d8dde3;padding-bottom:.3rem}
.sub{color:#5b6672}.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #d8dde3;border-radius:6px;padding:.6rem 1rem;min-width:9rem}.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eceff2;vertical-align:top}
th{background:#f5f7f9;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;word-break:break-all}
.chart td{border:0;padding:.15rem .5rem}.track{background:#eceff2;border-radius:3px;width:100%;min-width:12rem}
.bar{height:.9rem;border-radius:3px;background:#4f6d8a}
.critical{background:#9b1c1c;color:#fff}.high{background:#d9480f;color:#fff}.medium{background:#f59f00}
.low{background:#74c0fc}.info{background:#adb5bd}.clean{background:#2f9e44;color:#fff}.unscanned{background:#862e9c;color:#fff}
.badge{display:inline-block;border-radius:3px;padding:0 .45rem;font-size:.85em;font-weight:600}
.bar.critical,.bar.high,.bar.medium,.bar.low,.bar.info,.bar.clean,.bar.unscanned{color:inherit}
";

/// One row of a bar chart: label, bar class, count, share of the largest.
fn bar_row(w: &mut dyn Write, label: &str, class: &str, n: usize, max: usize, shown: &str) -> io::Result<()> {
    let pct = if max == 0 { 0.0 } else { n as f64 * 100.0 / max as f64 };
    writeln!(
        w,
        "<tr><td>{label}</td><td class=\"num\">{shown}</td><td style=\"width:70%\"><div class=\"track\"><div class=\"bar {class}\" style=\"width:{pct:.1}%\"></div></div></td></tr>"
    )
}

/// A titled bar chart of `(name, class, count)`, each name a badge; counts
/// of zero are left out.
fn badge_chart(w: &mut dyn Write, title: &str, rows: &[(&str, &str, usize)]) -> io::Result<()> {
    writeln!(w, "<h2>{title}</h2><table class=\"chart\">")?;
    let max = rows.iter().map(|r| r.2).max().unwrap_or(0);
    for &(name, class, n) in rows.iter().filter(|r| r.2 > 0) {
        let label = format!("<span class=\"badge {class}\">{name}</span>");
        bar_row(w, &label, class, n, max, &n.to_string())?;
    }
    writeln!(w, "</table>")
}

pub(crate) fn write(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    let findings: usize = r.files.iter().map(|f| f.findings.len()).sum();
    writeln!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>mlsec {} report</title><style>{STYLE}</style></head><body>",
        esc(r.command)
    )?;
    writeln!(
        w,
        "<h1>mlsec {} report</h1><div class=\"sub\">mlsec {}; fails on <b>{}</b> and above</div>",
        esc(r.command),
        esc(r.version),
        r.fail_on
    )?;
    let failing = r.failing();
    writeln!(
        w,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>files scanned</div><div class=\"card\"><b>{findings}</b>findings</div>\
         <div class=\"card\"><b>{failing}</b>at or above <code>{}</code></div><div class=\"card\"><b>{}</b>errors</div>{}</div>",
        r.files.len(),
        r.fail_on,
        r.errors.len(),
        r.suppressed
            .map(|n| format!("<div class=\"card\"><b>{n}</b>suppressed by the baseline</div>"))
            .unwrap_or_default()
    )?;

    // Verdicts and severities.
    let verdicts: Vec<(&str, &str, usize)> = r
        .verdict_counts()
        .into_iter()
        .map(|(v, n)| (v.as_str(), verdict_class(v), n))
        .collect();
    badge_chart(w, "Files by verdict", &verdicts)?;
    if findings > 0 {
        let sev: Vec<(&str, &str, usize)> = r
            .severity_counts()
            .into_iter()
            .map(|(s, n)| (s.as_str(), sev_class(s), n))
            .collect();
        badge_chart(w, "Findings by severity", &sev)?;
    }

    // Datasets: what was found, and the columns that hold it.
    let mut entities: BTreeMap<&str, usize> = BTreeMap::new();
    let mut columns = Vec::new();
    for f in r.files {
        for x in &f.findings {
            let Some(d) = &x.data else { continue };
            *entities.entry(d.entity.as_str()).or_default() += 1;
            let share = d.detail.as_deref().and_then(|s| s.parse::<f64>().ok());
            if let (Some(col), Some(share), true) = (&x.location.column, share, x.location.row.is_none()) {
                columns.push((f.path.as_str(), col.as_str(), d.entity.as_str(), share, x));
            }
        }
    }
    if !columns.is_empty() {
        writeln!(
            w,
            "<h2>Personal-data columns</h2><p class=\"sub\">Share of a column's rows holding the entity; samples are masked.</p>\
             <table class=\"chart\"><tr><th>column</th><th>entity</th><th>share</th><th></th><th>samples</th></tr>"
        )?;
        // By file, in the report's order; within a file, the largest share first.
        columns.sort_by(|a, b| a.0.cmp(b.0).then(b.3.total_cmp(&a.3)).then(a.1.cmp(b.1)));
        let mut file = None;
        for (path, col, entity, share, x) in &columns {
            if file != Some(*path) {
                file = Some(*path);
                writeln!(w, "<tr><th colspan=\"5\"><code>{}</code></th></tr>", esc(path))?;
            }
            let pct = share.clamp(0.0, 1.0) * 100.0;
            let samples = x.message.split_once("e.g. ").map_or("", |(_, s)| s);
            writeln!(
                w,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{pct:.1}%</td>\
                 <td style=\"width:30%\"><div class=\"track\"><div class=\"bar {}\" style=\"width:{pct:.1}%\"></div></div></td><td><code>{}</code></td></tr>",
                esc(col),
                esc(entity),
                sev_class(x.severity),
                esc(samples)
            )?;
        }
        writeln!(w, "</table>")?;
    }
    if !entities.is_empty() {
        writeln!(
            w,
            "<h2>Personal data and secrets found</h2><p class=\"sub\">Findings per entity (a column summary counts once).</p><table class=\"chart\">"
        )?;
        let mut list: Vec<(&str, usize)> = entities.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let max = list.first().map_or(0, |e| e.1);
        for (e, n) in list {
            bar_row(w, &format!("<code>{}</code>", esc(e)), "", n, max, &n.to_string())?;
        }
        writeln!(w, "</table>")?;
    }

    // Every file.
    writeln!(w, "<h2>Files</h2>")?;
    for f in r.files {
        writeln!(
            w,
            "<h3><span class=\"badge {}\">{}</span> <code>{}</code></h3><div class=\"sub\">{} &middot; {} bytes{}{}</div>",
            verdict_class(f.verdict),
            f.verdict.as_str(),
            esc(&f.path),
            esc(&f.format),
            f.size,
            f.sha256
                .as_deref()
                .map(|h| format!(" &middot; sha256 <code>{}</code>", esc(h)))
                .unwrap_or_default(),
            f.reason
                .as_deref()
                .map(|s| format!(" &middot; {}", esc(s)))
                .unwrap_or_default()
        )?;
        if f.findings.is_empty() {
            continue;
        }
        writeln!(
            w,
            "<table><tr><th>severity</th><th>rule</th><th>finding</th><th>where</th></tr>"
        )?;
        for x in f.findings.iter().take(MAX_ROWS_PER_FILE) {
            writeln!(
                w,
                "<tr><td><span class=\"badge {}\">{}</span></td><td><code>{}</code><br><span class=\"sub\">{}</span></td><td>{}</td><td><code>{}</code></td></tr>",
                sev_class(x.severity),
                x.severity.as_str(),
                esc(x.rule.code),
                esc(x.rule.title),
                esc(&x.message),
                esc(&crate::location_text(&x.location))
            )?;
        }
        writeln!(w, "</table>")?;
        if f.findings.len() > MAX_ROWS_PER_FILE {
            writeln!(
                w,
                "<p class=\"sub\">{} more findings in this file: see <code>--format json</code>.</p>",
                f.findings.len() - MAX_ROWS_PER_FILE
            )?;
        }
    }
    if !r.errors.is_empty() {
        writeln!(w, "<h2>Errors</h2><ul>")?;
        for e in r.errors {
            writeln!(w, "<li><code>{}</code></li>", esc(e))?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "</body></html>")
}

#[cfg(test)]
mod tests {
    use mlsec_diagnostics::codes::PII_COLUMN;
    use mlsec_diagnostics::{DataEvidence, FileReport, Finding, Location, Verdict};

    use crate::fixture;

    fn render(files: &[FileReport]) -> String {
        let mut out = Vec::new();
        super::write(&mut out, &fixture::report(files)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn renders_every_file_finding_and_chart() {
        let s = render(&fixture::files());
        assert!(
            s.starts_with("<!DOCTYPE html>") && s.trim_end().ends_with("</html>"),
            "{s}"
        );
        assert!(s.contains("models/evil.pt") && s.contains("models/ok.pkl"), "{s}");
        assert!(
            s.contains("MLS-PKL-001") && s.contains("pickle imports `posix.system`"),
            "{s}"
        );
        assert!(s.contains("archive/data.pkl@2"), "{s}");
        assert!(
            s.contains("Files by verdict") && s.contains("Findings by severity"),
            "{s}"
        );
        // Two verdicts and two severities, each a bar.
        assert_eq!(s.matches("class=\"bar ").count(), 4, "{s}");
        assert!(!s.contains("<script"), "{s}");
    }

    /// A hostile path or column name is text, not markup; a dataset's
    /// column summary becomes a bar of its share.
    #[test]
    fn escapes_what_the_scanned_files_say_and_charts_columns() {
        let mut loc = Location::file("data/<script>alert(1)</script>.csv");
        loc.column = Some("e\"mail' onmouseover=x".into());
        let mut f = Finding::new(
            &PII_COLUMN,
            loc,
            "column `e\"mail` holds email addresses in 75% of rows (3 of 4); e.g. j***@e***.com, <b>x</b>",
            "email:EMAIL",
        );
        f.data = Some(DataEvidence {
            entity: "EMAIL".into(),
            masked: "j***@e***.com".into(),
            fingerprint: "0123456789abcdef".into(),
            confidence: 90,
            detail: Some("0.750".into()),
        });
        let files = vec![FileReport {
            path: "data/<script>alert(1)</script>.csv".into(),
            format: "csv".into(),
            size: 10,
            sha256: None,
            verdict: Verdict::Sensitive,
            reason: None,
            findings: vec![f],
        }];
        let s = render(&files);
        assert!(!s.contains("<script>") && !s.contains("<b>x</b>"), "{s}");
        assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{s}");
        assert!(!s.contains("e\"mail'"), "{s}");
        assert!(s.contains("Personal-data columns") && s.contains("75.0%"), "{s}");
        assert!(s.contains("style=\"width:75.0%\""), "{s}");
        assert!(s.contains("j***@e***.com"), "{s}");
    }
}
