//! Principals, groups and API tokens. A token is 32 random bytes shown once
//! as `mlsec_<hex>`; only its SHA-256 is stored, so a copy of the database
//! gives no usable credential. There are no default passwords: the first
//! admin token is made on first start and printed once.

use serde::{Deserialize, Serialize};
use sqlx::Row as _;

use crate::error::{Error, Result};
use crate::model::{CreatedToken, Group, NewGroup, NewPrincipal, NewToken};
use crate::store::{check_name, hex_sha256, now, Registry};

/// Every token starts with this.
pub const TOKEN_PREFIX: &str = "mlsec_";

/// What a principal may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Read everything.
    Reader,
    /// Read, and register datasets, models, runs, deployments, lineage, evidence.
    Writer,
    /// Everything, including principals and tokens.
    Admin,
}

impl Role {
    /// Parse `admin`, `writer` or `reader`.
    ///
    /// # Errors
    /// Any other string.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "admin" => Ok(Role::Admin),
            "writer" => Ok(Role::Writer),
            "reader" => Ok(Role::Reader),
            _ => Err(Error::invalid(format!(
                "`role` must be `admin`, `writer` or `reader`, not `{s}`"
            ))),
        }
    }
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Writer => "writer",
            Role::Reader => "reader",
        }
    }
}

/// A user or service account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Principal {
    /// Principal id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Creation time.
    pub created_at: String,
}

/// A fresh random token.
///
/// # Panics
/// Never in practice: only if the operating system has no random source.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    let mut s = String::from(TOKEN_PREFIX);
    for b in bytes {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    hex_sha256(token.as_bytes())
}

impl Registry {
    /// Create a principal.
    ///
    /// # Errors
    /// Invalid name or role, name taken, database failure.
    pub async fn create_principal(&self, p: &NewPrincipal) -> Result<Principal> {
        check_name("name", &p.name)?;
        let role = Role::parse(&p.role)?;
        let id: i64 =
            sqlx::query_scalar("INSERT INTO principals (name, role, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(&p.name)
                .bind(role.as_str())
                .bind(now())
                .fetch_one(&self.pool)
                .await
                .map_err(|e| crate::store::conflict(e, format!("principal `{}` already exists", p.name)))?;
        self.principal(id).await
    }

    async fn principal(&self, id: i64) -> Result<Principal> {
        let row = sqlx::query("SELECT id, name, role, created_at FROM principals WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| Error::not_found(format!("principal {id} not found")))?;
        principal_from_row(&row)
    }

    /// All principals, by id.
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_principals(&self) -> Result<Vec<Principal>> {
        let rows = sqlx::query("SELECT id, name, role, created_at FROM principals ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(principal_from_row).collect()
    }

    /// Create a token for a principal, creating the principal (with
    /// `role`, default `writer`) if it does not exist.
    ///
    /// # Errors
    /// Invalid names or role, database failure.
    pub async fn create_token(&self, t: &NewToken) -> Result<CreatedToken> {
        check_name("principal", &t.principal)?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM principals WHERE name = $1")
            .bind(&t.principal)
            .fetch_optional(&self.pool)
            .await?;
        let principal_id = match existing {
            Some(id) => {
                if t.role.is_some() {
                    return Err(Error::invalid(format!(
                        "principal `{}` exists; `role` applies only to a new principal",
                        t.principal
                    )));
                }
                id
            }
            None => {
                let role = t.role.clone().unwrap_or_else(|| "writer".into());
                self.create_principal(&NewPrincipal {
                    name: t.principal.clone(),
                    role,
                })
                .await?
                .id
            }
        };
        let name = t.name.clone().unwrap_or_else(|| "default".into());
        check_name("name", &name)?;
        let token = new_token();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO tokens (principal_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(principal_id)
        .bind(&name)
        .bind(hash_token(&token))
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        Ok(CreatedToken {
            id,
            principal: t.principal.clone(),
            name,
            token,
        })
    }

    /// Revoke a token.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn revoke_token(&self, id: i64) -> Result<()> {
        let done = sqlx::query("UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now())
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found(format!("no active token {id}")));
        }
        Ok(())
    }

    /// The principal a token acts as, if the token is known and not revoked.
    ///
    /// # Errors
    /// Database failure.
    pub async fn authenticate(&self, token: &str) -> Result<Option<Principal>> {
        if !token.starts_with(TOKEN_PREFIX) || token.len() > 128 {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT p.id, p.name, p.role, p.created_at FROM tokens t JOIN principals p ON p.id = t.principal_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
        )
        .bind(hash_token(token))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(principal_from_row).transpose()
    }

    /// On first start (no principal yet), create the `admin` principal and
    /// return its token, to be printed once. Later starts return `None`.
    ///
    /// # Errors
    /// Database failure.
    pub async fn ensure_first_admin(&self) -> Result<Option<CreatedToken>> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM principals")
            .fetch_one(&self.pool)
            .await?;
        if n > 0 {
            return Ok(None);
        }
        match self
            .create_token(&NewToken {
                principal: "admin".into(),
                role: Some("admin".into()),
                name: Some("first-start".into()),
            })
            .await
        {
            Ok(t) => Ok(Some(t)),
            // Another server process won the race.
            Err(Error::Conflict(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Create a group.
    ///
    /// # Errors
    /// Invalid or taken name, unknown member, database failure.
    pub async fn create_group(&self, g: &NewGroup) -> Result<Group> {
        check_name("name", &g.name)?;
        let mut tx = self.write_tx().await?;
        let id: i64 = sqlx::query_scalar("INSERT INTO groups_ (name, created_at) VALUES ($1, $2) RETURNING id")
            .bind(&g.name)
            .bind(now())
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| crate::store::conflict(e, format!("group `{}` already exists", g.name)))?;
        for m in &g.members {
            let pid: Option<i64> = sqlx::query_scalar("SELECT id FROM principals WHERE name = $1")
                .bind(m)
                .fetch_optional(&mut *tx)
                .await?;
            let pid = pid.ok_or_else(|| Error::invalid(format!("`members`: no principal `{m}`")))?;
            sqlx::query("INSERT INTO group_members (group_id, principal_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(pid)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.group(id).await
    }

    /// All groups with their members.
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_groups(&self) -> Result<Vec<Group>> {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM groups_ ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.group(id).await?);
        }
        Ok(out)
    }

    async fn group(&self, id: i64) -> Result<Group> {
        let row = sqlx::query("SELECT id, name, created_at FROM groups_ WHERE id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        let members: Vec<String> = sqlx::query_scalar(
            "SELECT p.name FROM group_members m JOIN principals p ON p.id = m.principal_id WHERE m.group_id = $1 ORDER BY p.name",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Group {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            members,
            created_at: row.try_get("created_at")?,
        })
    }
}

fn principal_from_row(row: &sqlx::any::AnyRow) -> Result<Principal> {
    let role: String = row.try_get("role")?;
    Ok(Principal {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: Role::parse(&role)?,
        created_at: row.try_get("created_at")?,
    })
}
