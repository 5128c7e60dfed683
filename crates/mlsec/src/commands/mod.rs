//! One module per subcommand, plus the only place that writes to the terminal.

pub mod admin;
pub mod bom;
pub mod client;
pub mod digest;
pub mod lineage;
pub mod redact;
pub mod registry;
pub mod rule;
pub mod scan;
pub mod serve;
pub mod sign;
pub mod track;
pub mod transfer;
pub mod verify;

/// Print a line to standard error (the binary's only stderr writer).
#[expect(clippy::print_stderr, reason = "the binary's single place for messages on stderr")]
pub fn eprint(msg: &str) {
    eprintln!("{msg}");
}

/// Print text to standard output.
///
/// # Errors
/// I/O errors (a closed pipe is handled by `main`).
pub fn out(text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut o = std::io::stdout().lock();
    o.write_all(text.as_bytes())?;
    o.flush()
}

/// The most bytes a text file the user names ([`read_text`]) may hold.
const MAX_TEXT_INPUT: u64 = 64 << 20;

/// Read a text file the user named (key, certificate, trust root,
/// baseline, secret rules), at most [`MAX_TEXT_INPUT`] bytes: `/dev/zero`
/// or a data file named by mistake is an error, not unbounded memory.
///
/// # Errors
/// The file cannot be read, is larger than the limit or is not UTF-8, with
/// the path and what it was for.
pub fn read_text(path: &std::path::Path, what: &str) -> anyhow::Result<String> {
    use anyhow::Context as _;
    String::from_utf8(read_bytes(path, what, MAX_TEXT_INPUT)?)
        .map_err(|_| anyhow::anyhow!("it is not UTF-8 text"))
        .with_context(|| format!("cannot read {what} `{}`", path.display()))
}

/// Read a file the user named, at most `max` bytes (a device or a file
/// named by mistake is an error, not unbounded memory).
///
/// # Errors
/// The file cannot be read or is larger than `max`, with the path and what
/// it was for.
pub fn read_bytes(path: &std::path::Path, what: &str, max: u64) -> anyhow::Result<Vec<u8>> {
    use anyhow::Context as _;
    mlsec_settings::read_bounded(path, max).with_context(|| format!("cannot read {what} `{}`", path.display()))
}

/// Write an output file (report, signature, BOM, redacted copy) atomically
/// through `mlsec_signing::write_atomic`; device paths such as `/dev/null`
/// and `/dev/stdout` are written directly.
///
/// # Errors
/// I/O errors, naming the path.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_streamed(path, |w| w.write_all(bytes).map(|()| true)).map(|_| ())
}

/// Write `path` from `write`, which streams the content: atomically (see
/// [`mlsec_signing::write_atomic_with`]: the file appears only when `write`
/// returns `Ok(true)`), or straight to a device such as `/dev/stdout`.
pub fn write_streamed(
    path: &std::path::Path,
    write: impl FnOnce(&mut (dyn std::io::Write + Send)) -> std::io::Result<bool>,
) -> anyhow::Result<bool> {
    use anyhow::Context as _;
    if path.starts_with("/dev/") {
        let run = || -> std::io::Result<bool> {
            let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
            let keep = write(&mut w)?;
            std::io::Write::flush(&mut w)?;
            Ok(keep)
        };
        return run().with_context(|| format!("cannot write `{}`", path.display()));
    }
    mlsec_signing::write_atomic_with(path, write).with_context(|| format!("cannot write `{}`", path.display()))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
