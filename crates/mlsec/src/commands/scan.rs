//! `mlsec scan`: collect files, scan them on all cores with a progress bar, drop
//! the dataset findings a baseline accepts, write the report, and decide the
//! exit status.

use std::io::{IsTerminal as _, Write as _};

use anyhow::Context as _;

use mlsec_cli::ScanArgs;
use mlsec_model_scan::{collect_files, Scanner};
use mlsec_report::{Format, Report};

use crate::settings::ScanSettings;
use crate::ExitStatus;

pub fn run(args: &ScanArgs) -> anyhow::Result<ExitStatus> {
    let s = ScanSettings::resolve(args)?;
    if args.show_settings {
        super::out(&format!("{s:#?}\n"))?;
        return Ok(ExitStatus::Success);
    }
    // The baseline is read first: a missing or malformed one stops the run before the scan.
    let fingerprints = mlsec_data_scan::Fingerprinter::new(&mlsec_settings::fingerprint_key().0);
    let baseline = match (&s.write_baseline, &s.baseline) {
        (None, Some(p)) => {
            let text = super::read_text(p, "baseline")?;
            Some(
                mlsec_data_scan::Baseline::from_json(&text, &fingerprints)
                    .with_context(|| format!("invalid baseline `{}`", p.display()))?,
            )
        }
        _ => None,
    };
    let (mut files, walk_errors) = collect_files(&s.paths);
    let errors: Vec<String> = walk_errors.iter().map(ToString::to_string).collect();
    files.retain(|f| {
        let p = f.to_string_lossy();
        !s.ignore.iter().any(|g| mlsec_settings::glob_match(g, &p))
    });
    let scanner = Scanner::new(s.options.clone());
    let show_progress = !s.quiet
        && std::io::stderr().is_terminal()
        && (files.len() > 1 || files.iter().any(|f| f.metadata().is_ok_and(|m| m.len() > 64 << 20)));
    let bar = if show_progress {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} scanning [{bar:30}] {pos}/{len} files {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        Some(b)
    } else {
        None
    };
    let mut reports = scanner.scan_all(&files, &|_| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    scan_datasets(&mut reports, &s.data, &s.options)?;
    if !s.ignore_rules.is_empty() {
        for r in &mut reports {
            r.findings
                .retain(|f| !s.ignore_rules.iter().any(|c| c.eq_ignore_ascii_case(f.rule.code)));
            r.verdict = mlsec_diagnostics::FileReport::verdict_for(
                &r.findings,
                r.reason.as_deref(),
                r.format != "unknown" && r.format != "empty",
            );
        }
    }
    let baseline = match &s.write_baseline {
        Some(w) => {
            let b = mlsec_data_scan::Baseline::from_findings(reports.iter().flat_map(|r| &r.findings), &fingerprints);
            super::write_file(w, b.to_json().as_bytes())?;
            if !s.quiet {
                super::eprint(&format!(
                    "mlsec: wrote {} accepted finding(s) to the baseline {}",
                    b.findings.len(),
                    w.display()
                ));
            }
            Some(b)
        }
        None => baseline,
    };
    let suppressed = baseline.map(|b| {
        let mut n = 0;
        for r in &mut reports {
            let k = b.suppress(&mut r.findings);
            if k > 0 {
                n += k;
                r.verdict = mlsec_diagnostics::FileReport::verdict_for_data(&r.findings, r.reason.as_deref());
            }
        }
        n
    });
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let color = s.output.is_none()
        && s.format == Format::Table
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let report = Report {
        command: "scan",
        version: env!("CARGO_PKG_VERSION"),
        files: &reports,
        fail_on: s.fail_on,
        errors: &errors,
        color,
        suppressed,
    };
    let mut buf = Vec::new();
    mlsec_report::write(s.format, &mut buf, &report)?;
    match &s.output {
        Some(path) => super::write_file(path, &buf)?,
        None => std::io::stdout().lock().write_all(&buf)?,
    }
    for e in &errors {
        super::eprint(&format!("mlsec: error: {e}"));
    }
    // A dataset scanned in part (a record over the size limit, a truncated
    // stream) is incomplete even when what was read holds findings.
    let incomplete = reports
        .iter()
        .filter(|r| {
            r.verdict == mlsec_diagnostics::Verdict::CouldNotScan
                || (r.verdict == mlsec_diagnostics::Verdict::Sensitive && r.reason.is_some())
        })
        .count();
    if reports.is_empty() {
        super::eprint("mlsec: error: no files were scanned (check the paths and `scan.ignore`)");
        return Ok(ExitStatus::Error);
    }
    if report.failing() > 0 {
        return Ok(ExitStatus::Failure);
    }
    if !errors.is_empty() || incomplete > 0 {
        if incomplete > 0 && !s.quiet {
            super::eprint(&format!("mlsec: {incomplete} file(s) could not be scanned completely"));
        }
        return Ok(ExitStatus::Error);
    }
    Ok(ExitStatus::Success)
}

/// Compression wrappers a dataset may travel in (the model scanner's format names).
const COMPRESSED: &[&str] = &["gzip", "bzip2", "xz", "lzma", "zstd", "lz4", "zlib"];

/// Largest decompressed dataset scanned, in bytes; beyond it the scan is
/// partial. A compressed dataset is scanned as it is decoded, so this bounds
/// time (a decompression bomb), not memory.
const MAX_DECOMPRESSED_DATASET: u64 = 256 << 30;

/// Decoded bytes a compressed dataset's format is told from.
const SNIFF_BYTES: u64 = 64 << 10;

/// A compressed dataset opened for reading as it is decoded.
pub struct CompressedDataset<'a> {
    /// How it is compressed.
    pub codec: mlsec_archive::compress::Codec,
    /// The dataset's format, told from its first decoded bytes.
    pub format: mlsec_data_scan::DataFormat,
    /// The first decoded bytes (up to [`SNIFF_BYTES`]); empty for text in
    /// another encoding than UTF-8, which [`CompressedDataset::rest`] reads
    /// whole.
    pub head: Vec<u8>,
    /// The rest of the decoded content, as it is.
    pub stream: mlsec_archive::compress::Stream<'a>,
    /// The text's encoding, if not UTF-8 (`windows-1252`, `utf-16le`, ...).
    pub encoding: Option<&'static str>,
    /// For such a text, its first decoded bytes (after a byte-order mark).
    raw_head: Vec<u8>,
}

impl CompressedDataset<'_> {
    /// The rest of the decoded content after [`CompressedDataset::head`]:
    /// for text in another encoding than UTF-8, all of it, transcoded to
    /// UTF-8 as it is read.
    pub fn rest(&mut self) -> Box<dyn std::io::Read + '_> {
        match self.encoding {
            Some(enc) => {
                let raw = std::io::Cursor::new(std::mem::take(&mut self.raw_head));
                Box::new(mlsec_data_scan::encoding::TextReader::new(
                    std::io::Read::chain(raw, &mut self.stream),
                    enc,
                ))
            }
            None => Box::new(&mut self.stream),
        }
    }
}

/// `bytes` (a file named `name`) as a compressed dataset, decoded up to
/// `limit` bytes; `None` when it is not compressed, or its decoded start is
/// no dataset, or it only looks compressed (a text starting `x^` has zlib's
/// magic bytes but no stream behind them): then it is read as it is.
pub fn open_compressed<'a>(bytes: &'a [u8], name: &str, limit: u64) -> Option<CompressedDataset<'a>> {
    let codec = mlsec_archive::compress::detect(bytes)?;
    let mut stream = mlsec_archive::compress::Stream::new(codec, bytes, limit);
    let mut head = Vec::new();
    let _ = std::io::Read::read_to_end(&mut std::io::Read::take(&mut stream, SNIFF_BYTES), &mut head);
    // A UTF-16 or Windows-1252 export (`export.csv.gz`) is read as its
    // UTF-8 transcoding, as it is uncompressed: the format from the
    // transcoded start, the text from a reader of all of it.
    let name = mlsec_archive::compress::inner_name(name);
    if let Some((text, enc)) = mlsec_data_scan::transcoded(&head) {
        let format = mlsec_data_scan::sniff(text.as_bytes(), name)?;
        let bom = mlsec_data_scan::encoding::bom_len(enc);
        return Some(CompressedDataset {
            codec,
            format,
            head: Vec::new(),
            stream,
            encoding: Some(enc),
            raw_head: head.split_off(bom.min(head.len())),
        });
    }
    let format = mlsec_data_scan::sniff(&head, name)?;
    Some(CompressedDataset {
        codec,
        format,
        head,
        stream,
        encoding: None,
        raw_head: Vec::new(),
    })
}

/// Files the model scanner does not inspect are tried as datasets (CSV/TSV,
/// JSON Lines, JSON, text): personal data and secrets.
fn scan_datasets(
    reports: &mut [mlsec_diagnostics::FileReport],
    d: &crate::settings::DataSettings,
    options: &mlsec_model_scan::Options,
) -> anyhow::Result<()> {
    use mlsec_data_scan::sniff;
    use rayon::prelude::*;
    let candidates: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            (r.verdict == mlsec_diagnostics::Verdict::NotAModel && r.format == "unknown")
                || (r.format == "pickle" && unloadable_global_header(std::path::Path::new(&r.path)))
                || text_with_a_pickle_prefix(r)
                // A compressed file holding no model may hold a dataset, also
                // one that expands past the bomb limit (read up to the limit).
                || (COMPRESSED.contains(&r.format.as_str())
                    && r.findings.iter().all(|f| matches!(f.rule.code, "MLS-ARC-008" | "MLS-ARC-003")))
        })
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return Ok(());
    }
    let scanner = data_scanner(d)?;
    // (report, result, read error, text encoding other than UTF-8).
    type Scanned = (
        usize,
        Option<mlsec_data_scan::DataResult>,
        Option<String>,
        Option<&'static str>,
    );
    let results: Vec<Scanned> = candidates
        .par_iter()
        .map(|&i| {
            let path = std::path::PathBuf::from(&reports[i].path);
            match mlsec_data_scan::read_file(&path) {
                Ok(bytes) => {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    // A stream the model scanner found to be a bomb is read up
                    // to the same limit (which `limits.max_ratio` and
                    // `limits.max_member_bytes` raise); any other up to
                    // MAX_DECOMPRESSED_DATASET.
                    let bomb = reports[i].findings.iter().any(|f| f.rule.code == "MLS-ARC-003");
                    let limit = if bomb {
                        options.decode_limit(bytes.len() as u64)
                    } else {
                        MAX_DECOMPRESSED_DATASET
                    };
                    if let Some(mut c) = open_compressed(&bytes, &name, limit) {
                        // Decoded as it is scanned, in bounded memory; what was
                        // decoded before corruption or truncation is scanned and
                        // the result marked partial.
                        let (head, format) = (std::mem::take(&mut c.head), c.format);
                        let mut res = scanner.scan_reader(head, &mut c.rest(), &reports[i].path, format);
                        if let Some(e) = c.stream.error() {
                            let why = if e.starts_with("expands beyond") {
                                format!(
                                    "{} stream {e}; scanned the first {} bytes (raise `limits.max_ratio` or \
                                     `limits.max_member_bytes` in mlsec.toml to read more)",
                                    c.codec.name(),
                                    c.stream.produced()
                                )
                            } else {
                                format!(
                                    "{} stream: {e}; scanned the {} bytes before it",
                                    c.codec.name(),
                                    c.stream.produced()
                                )
                            };
                            res.partial = Some(res.partial.map_or(why.clone(), |p| format!("{why}; {p}")));
                        }
                        return (i, Some(res), None, c.encoding);
                    }
                    // UTF-16 and Windows-1252 text are scanned as their UTF-8
                    // transcoding, streamed: rows and columns are the
                    // file's, byte offsets the transcoding's.
                    if let Some((head, enc)) = mlsec_data_scan::encoding::transcoded_head(&bytes) {
                        return match sniff(head.as_bytes(), &name) {
                            Some(fmt) => {
                                let from = mlsec_data_scan::encoding::bom_len(enc);
                                let mut text = mlsec_data_scan::encoding::TextReader::new(&bytes[from..], enc);
                                let res = scanner.scan_reader(Vec::new(), &mut text, &reports[i].path, fmt);
                                (i, Some(res), None, Some(enc))
                            }
                            None => (i, None, None, None),
                        };
                    }
                    match sniff(&bytes, &name) {
                        Some(fmt) => (i, Some(scanner.scan_file(bytes, &reports[i].path, fmt)), None, None),
                        None => (i, None, None, None),
                    }
                }
                Err(e) => (i, None, Some(e.to_string()), None),
            }
        })
        .collect();
    for (i, res, err, encoding) in results {
        let r = &mut reports[i];
        if let Some(res) = res {
            // A bomb stays at least suspicious, whatever its content holds.
            let wrapper = r.verdict;
            if COMPRESSED.contains(&r.format.as_str()) {
                // Keep the wrapper's own findings (a truncated stream, a bomb).
                r.format = match encoding {
                    Some(enc) => format!("{}+{enc}+{}", res.format.name(), r.format),
                    None => format!("{}+{}", res.format.name(), r.format),
                };
                r.findings.extend(res.findings);
            } else {
                r.format = match encoding {
                    Some(enc) => format!("{}+{enc}", res.format.name()),
                    None => res.format.name().to_owned(),
                };
                r.findings = res.findings;
            }
            r.reason = res.partial;
            r.verdict = mlsec_diagnostics::FileReport::verdict_for_data(&r.findings, r.reason.as_deref());
            if matches!(
                wrapper,
                mlsec_diagnostics::Verdict::Suspicious | mlsec_diagnostics::Verdict::Malicious
            ) {
                r.verdict = wrapper;
            }
        } else if let Some(e) = err {
            r.verdict = mlsec_diagnostics::Verdict::CouldNotScan;
            r.reason = Some(e);
        }
    }
    // One scan per process, which ends after the report: its automata (tens
    // of megabytes in many small allocations) go with the process instead
    // of being freed one by one (a few milliseconds of CPU on every scan).
    std::mem::forget(scanner);
    Ok(())
}

/// How many files deep `[extend] path` chains may go.
const MAX_EXTEND_DEPTH: usize = 8;

/// Load a secret rule file into `sources`, after the file its `[extend]
/// path` names (and the ones that one extends). A relative path is read
/// from the file's own directory, or else from the working directory (as
/// gitleaks reads it). `chain` holds the files extending this one.
fn load_rule_file(
    path: &std::path::Path,
    sources: &mut Vec<(String, String)>,
    chain: &mut Vec<std::path::PathBuf>,
) -> anyhow::Result<()> {
    let text = super::read_text(path, "secret rules")?;
    let origin = path.display().to_string();
    if let Some(base) = mlsec_data_scan::SecretRules::extended_path(&text, &origin)? {
        let written = std::path::Path::new(&base);
        let beside = path.parent().map(|d| d.join(written));
        let base_path = match beside {
            Some(b) if written.is_relative() && b.exists() => b,
            _ => written.to_path_buf(),
        };
        let key = std::fs::canonicalize(&base_path).unwrap_or_else(|_| base_path.clone());
        if chain.contains(&key) || chain.len() >= MAX_EXTEND_DEPTH {
            anyhow::bail!(
                "secret rules `{origin}`: [extend] path `{base}` extends itself or goes more than {MAX_EXTEND_DEPTH} files deep"
            );
        }
        chain.push(key);
        load_rule_file(&base_path, sources, chain)
            .map_err(|e| e.context(format!("secret rules `{origin}`: [extend] path `{base}`")))?;
        chain.pop();
    }
    sources.push((text, origin));
    Ok(())
}

/// The dataset scanner for these settings (rules loaded, key resolved).
pub fn data_scanner(d: &crate::settings::DataSettings) -> anyhow::Result<mlsec_data_scan::DataScanner> {
    use mlsec_data_scan::{DataScanOptions, DataScanner, DetectOptions, Detector, Fingerprinter, SecretRules};
    let mut sources: Vec<(String, String)> = Vec::new();
    if !d.replace_builtin_rules {
        sources.extend(
            mlsec_data_scan::BUILTIN_RULES
                .iter()
                .map(|(text, origin)| ((*text).to_owned(), (*origin).to_owned())),
        );
    }
    for p in &d.secret_rules {
        load_rule_file(p, &mut sources, &mut Vec::new())?;
    }
    let refs: Vec<(&str, &str)> = sources.iter().map(|(t, o)| (t.as_str(), o.as_str())).collect();
    let rules = SecretRules::from_toml(&refs)?;
    if rules.is_empty() && !d.no_secrets {
        super::eprint("mlsec: warning: no secret rules are loaded (this build has no built-in gitleaks rules); give --secret-rules");
    }
    let detector = Detector::new(
        rules,
        DetectOptions {
            phone_region: d.phone_region.clone(),
            no_pii: d.no_pii,
            no_secrets: d.no_secrets,
        },
    );
    let (key, _) = mlsec_settings::fingerprint_key();
    Ok(DataScanner::new(
        detector,
        Fingerprinter::new(&key),
        DataScanOptions {
            per_value: d.per_value,
            column_share: d.column_share,
            max_findings: if d.per_value { usize::MAX } else { d.max_findings },
            ..DataScanOptions::default()
        },
    ))
}

/// A "pickle" that is text: a line that happens to read as opcodes up to a
/// STOP (`CISCO_TOKEN ?= "..."` is SHORT_BINBYTES of 73 bytes, then the `.`
/// of `_..`), followed by more text, or up to an error a few bytes in (a
/// CSV header `KDNR;ANREDE;...` is BININT1, NONE, REDUCE, then `;`, no
/// opcode). Nothing in it imports or calls (every finding is the bytes after
/// the STOP or the error, none above low), its name is no pickle's, and its
/// first 4 KiB are text (UTF-8, or a legacy or UTF-16 encoding with no
/// control characters): it is scanned as the dataset it is.
fn text_with_a_pickle_prefix(r: &mlsec_diagnostics::FileReport) -> bool {
    use std::io::Read as _;
    const PICKLE_NAMES: [&str; 9] = [
        ".pkl", ".pickle", ".pt", ".pth", ".bin", ".joblib", ".p", ".ckpt", ".dat",
    ];
    let lower = r.path.to_lowercase();
    if r.format != "pickle"
        || r.findings.is_empty()
        || !r
            .findings
            .iter()
            .all(|f| matches!(f.rule.code, "MLS-PKL-009" | "MLS-PKL-010"))
        || r.findings.iter().any(|f| f.severity > mlsec_diagnostics::Severity::Low)
        || PICKLE_NAMES.iter().any(|e| lower.ends_with(e))
    {
        return false;
    }
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(&r.path).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() || head.is_empty() {
        return false;
    }
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    // A character cut by the 4 KiB limit is no evidence against text.
    match std::str::from_utf8(&head) {
        Ok(t) => !t.chars().any(control),
        Err(e) if e.error_len().is_none() => !std::str::from_utf8(&head[..e.valid_up_to()])
            .unwrap_or_default()
            .chars()
            .any(control),
        Err(_) => mlsec_data_scan::transcoded(&head).is_some_and(|(t, _)| !t.chars().any(control)),
    }
}

/// A "pickle" whose first opcode is GLOBAL (`c`) with a module line no
/// import can satisfy (commas, spaces, quotes: a CSV header such as
/// `customer_id,name`): `pickle.load` fails at that first opcode before
/// anything runs, so the file is text, and is scanned as a dataset.
fn unloadable_global_header(path: &std::path::Path) -> bool {
    use std::io::Read as _;
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    let Some(rest) = head.strip_prefix(b"c") else {
        return false;
    };
    let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
    // The plausibility rule the pickle VM applies to GLOBAL operands.
    !mlsec_pickle::ImportOperand::Literal(String::from_utf8_lossy(line).into_owned()).is_plausible_name()
}
