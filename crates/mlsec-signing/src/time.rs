//! Timestamps: re-exported from `mlsec-diagnostics`, the one copy.

pub use mlsec_diagnostics::time::format_unix_utc;
