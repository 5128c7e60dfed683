//! `mlsec serve`: the governance server.

use anyhow::Context as _;
use mlsec_cli::ServeArgs;

use crate::ExitStatus;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitStatus> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
    let rt = super::client::runtime()?;
    rt.block_on(async {
        let registry = super::client::open_store(&args.store).await?;
        let (_, shown) = super::client::database_url(&args.store);
        if let Some(first) = registry.ensure_first_admin().await? {
            super::eprint(&format!(
                "mlsec: first start: created principal `admin`; its API token (shown once, store it now):\n\n    {}\n",
                first.token
            ));
        }
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("cannot listen on `{}`", args.listen))?;
        let addr = listener.local_addr()?;
        super::eprint(&format!(
            "mlsec: registry `{shown}` ({}) serving on http://{addr} (API /api/v1, docs /swagger-ui/); Ctrl-C stops",
            if registry.is_postgres() { "PostgreSQL" } else { "SQLite" }
        ));
        let mut state = mlsec_server::AppState::new(registry.clone());
        state.max_body = args.max_body;
        mlsec_server::serve(listener, state)
            .await
            .context("the server failed")?;
        registry.close().await;
        anyhow::Ok(ExitStatus::Success)
    })
}
