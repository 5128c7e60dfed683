//! `mlsec rule`: list rules or explain one.

use anyhow::bail;
use mlsec_cli::RuleArgs;
use mlsec_diagnostics::{Rule, RULES};

use crate::ExitStatus;

pub fn run(args: &RuleArgs) -> anyhow::Result<ExitStatus> {
    let text = match &args.code {
        None => {
            let mut s = String::new();
            for r in RULES {
                s.push_str(&format!(
                    "{:<12} {:<9} {:<28} {}\n",
                    r.code, r.default_severity, r.name, r.title
                ));
            }
            s
        }
        Some(code) => {
            let Some(r) = Rule::from_code(code) else {
                bail!("unknown rule `{code}` (run `mlsec rule` to list them)");
            };
            let mut s = format!(
                "{} {} ({})\n\n{}\n\n{}\n\nWhat to do: {}\n",
                r.code, r.name, r.default_severity, r.title, r.description, r.remediation
            );
            if let Some(c) = r.cwe {
                s.push_str(&format!("CWE: {c}\n"));
            }
            if !r.atlas.is_empty() {
                s.push_str(&format!("MITRE ATLAS: {}\n", r.atlas.join(", ")));
            }
            s
        }
    };
    super::out(&text)?;
    Ok(ExitStatus::Success)
}
