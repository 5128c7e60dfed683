//! One module per subcommand, plus the only place that writes to the terminal.

pub mod bom;
pub mod digest;
pub mod redact;
pub mod rule;
pub mod scan;
pub mod sign;
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
