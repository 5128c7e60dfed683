//! `mlsec admin`: API tokens.

use mlsec_cli::{AdminArgs, AdminCommand, TokenCommand};
use serde_json::json;

use super::client::Client;
use crate::ExitStatus;

pub fn run(args: &AdminArgs) -> anyhow::Result<ExitStatus> {
    let client = Client::connect(&args.client)?;
    match &args.command {
        AdminCommand::Token(TokenCommand::Create { principal, role, name }) => {
            let t = client.call(
                "POST",
                "/tokens",
                Some(&json!({ "principal": principal, "role": role, "name": name })),
            )?;
            super::eprint(&format!(
                "mlsec: token {} for `{principal}` (shown once; only its hash is stored):",
                t["id"]
            ));
            super::out(&format!("{}\n", t["token"].as_str().unwrap_or_default()))?;
        }
        AdminCommand::Token(TokenCommand::Revoke { id }) => {
            client.call("DELETE", &format!("/tokens/{id}"), None)?;
            super::eprint(&format!("mlsec: token {id} revoked"));
        }
    }
    Ok(ExitStatus::Success)
}
