//! The `mlsec` binary: parse arguments, resolve settings, run a command, map the
//! outcome to an exit code (0 pass, 1 findings at or above the threshold, 2 error).

mod commands;
mod settings;

use std::process::ExitCode;

/// mimalloc: the scanners allocate many short-lived buffers per chunk and
/// compile hundreds of rules at startup; glibc's allocator spent a fifth of
/// startup and about 7% of a scan in malloc and free.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser as _;
use mlsec_cli::{Cli, Command};

/// The outcome of a command, mapped to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: nothing at or above the threshold.
    Success,
    /// 1: findings at or above the threshold.
    Failure,
    /// 2: operational error.
    Error,
    /// Another code: the wrapped command's (`mlsec track`).
    Code(u8),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => commands::scan::run(&args),
        Command::Rule(args) => commands::rule::run(&args),
        Command::Sign(args) => commands::sign::run(&args),
        Command::Verify(args) => commands::verify::run(&args),
        Command::Digest(args) => commands::digest::run(&args),
        Command::Bom(args) => commands::bom::run(&args),
        Command::Redact(args) => commands::redact::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Track(args) => commands::track::run(&args),
        Command::Lineage(args) => commands::lineage::run(&args),
        Command::Registry(args) => commands::registry::run(&args),
        Command::Admin(args) => commands::admin::run(&args),
        Command::Export(args) => commands::transfer::export(&args),
        Command::Import(args) => commands::transfer::import(&args),
    };
    match result {
        Ok(ExitStatus::Success) => ExitCode::from(0),
        Ok(ExitStatus::Failure) => ExitCode::from(1),
        Ok(ExitStatus::Error) => ExitCode::from(2),
        Ok(ExitStatus::Code(c)) => ExitCode::from(c),
        Err(err) => {
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(0);
            }
            commands::eprint(&format!("mlsec: error: {err:#}"));
            ExitCode::from(2)
        }
    }
}
