//! `mlsec export` and `mlsec import`: move the whole registry.

use anyhow::Context as _;
use mlsec_cli::{ExportArgs, ImportArgs};

use crate::ExitStatus;

pub fn export(args: &ExportArgs) -> anyhow::Result<ExitStatus> {
    let rt = super::client::runtime()?;
    let dump = rt.block_on(async {
        let reg = super::client::open_store(&args.store).await?;
        reg.export().await.context("cannot export the registry")
    })?;
    let text = serde_json::to_string(&dump)? + "\n";
    match &args.output {
        Some(p) => super::write_file(p, text.as_bytes())?,
        None => super::out(&text)?,
    }
    let rows: usize = dump.tables.values().map(Vec::len).sum();
    super::eprint(&format!("mlsec: exported {rows} rows"));
    Ok(ExitStatus::Success)
}

pub fn import(args: &ImportArgs) -> anyhow::Result<ExitStatus> {
    let file = std::fs::File::open(&args.file).with_context(|| format!("cannot read `{}`", args.file.display()))?;
    let dump: mlsec_registry::Dump = serde_json::from_reader(std::io::BufReader::new(file))
        .with_context(|| format!("`{}` is not a registry dump", args.file.display()))?;
    let rt = super::client::runtime()?;
    let n = rt.block_on(async {
        let reg = super::client::open_store(&args.store).await?;
        reg.import(&dump)
            .await
            .with_context(|| format!("cannot import `{}`", args.file.display()))
    })?;
    super::eprint(&format!(
        "mlsec: imported {n} rows into `{}`",
        super::client::database_url(&args.store).1
    ));
    Ok(ExitStatus::Success)
}
