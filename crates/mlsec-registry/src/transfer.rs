//! Export and import of the whole registry, to move it between SQLite and
//! PostgreSQL (or back it up). The dump is one JSON document: every table's
//! rows in dependency order, ids kept, so lineage and evidence survive the
//! move. Import goes into an empty registry in one transaction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::Row as _;

use crate::error::{Error, Result};
use crate::store::{Dialect, Registry};

/// The `format` field of a dump.
pub const DUMP_FORMAT: &str = "mlsec-registry-dump/1";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Int,
    Text,
}

/// Tables in insertion order, with their columns. `groups_` has a trailing
/// underscore because `groups` is a reserved word in some SQL dialects.
const TABLES: &[(&str, &[(&str, Col)])] = &[
    (
        "principals",
        &[
            ("id", Col::Int),
            ("name", Col::Text),
            ("role", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "groups_",
        &[("id", Col::Int), ("name", Col::Text), ("created_at", Col::Text)],
    ),
    ("group_members", &[("group_id", Col::Int), ("principal_id", Col::Int)]),
    (
        "tokens",
        &[
            ("id", Col::Int),
            ("principal_id", Col::Int),
            ("name", Col::Text),
            ("token_hash", Col::Text),
            ("created_at", Col::Text),
            ("revoked_at", Col::Text),
        ],
    ),
    (
        "projects",
        &[
            ("id", Col::Int),
            ("name", Col::Text),
            ("description", Col::Text),
            ("owner", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "nodes",
        &[
            ("id", Col::Int),
            ("kind", Col::Text),
            ("name", Col::Text),
            ("digest", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "datasets",
        &[
            ("id", Col::Int),
            ("project_id", Col::Int),
            ("name", Col::Text),
            ("description", Col::Text),
            ("owner", Col::Text),
            ("licence", Col::Text),
            ("classification", Col::Text),
        ],
    ),
    (
        "dataset_versions",
        &[
            ("id", Col::Int),
            ("dataset_id", Col::Int),
            ("version", Col::Text),
            ("digest", Col::Text),
            ("size", Col::Int),
            ("schema_json", Col::Text),
            ("origin_uri", Col::Text),
        ],
    ),
    (
        "models",
        &[
            ("id", Col::Int),
            ("project_id", Col::Int),
            ("name", Col::Text),
            ("description", Col::Text),
            ("owner", Col::Text),
            ("licence", Col::Text),
        ],
    ),
    (
        "model_versions",
        &[
            ("id", Col::Int),
            ("model_id", Col::Int),
            ("version", Col::Text),
            ("digest", Col::Text),
            ("format", Col::Text),
            ("size", Col::Int),
            ("uri", Col::Text),
        ],
    ),
    (
        "runs",
        &[
            ("id", Col::Int),
            ("project_id", Col::Int),
            ("name", Col::Text),
            ("external_id", Col::Text),
            ("code_commit", Col::Text),
            ("command", Col::Text),
            ("parameters_json", Col::Text),
            ("environment_json", Col::Text),
            ("status", Col::Text),
            ("started_at", Col::Text),
            ("ended_at", Col::Text),
        ],
    ),
    (
        "deployments",
        &[
            ("id", Col::Int),
            ("model_version_id", Col::Int),
            ("environment", Col::Text),
            ("endpoint", Col::Text),
            ("status", Col::Text),
        ],
    ),
    (
        "edges",
        &[
            ("src", Col::Int),
            ("dst", Col::Int),
            ("kind", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "evidence",
        &[
            ("id", Col::Int),
            ("node_id", Col::Int),
            ("kind", Col::Text),
            ("subject_digest", Col::Text),
            ("media_type", Col::Text),
            ("body", Col::Text),
            ("body_sha256", Col::Text),
            ("created_by", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "openlineage_events",
        &[
            ("id", Col::Int),
            ("run_id", Col::Text),
            ("event_type", Col::Text),
            ("event_time", Col::Text),
            ("body", Col::Text),
            ("received_at", Col::Text),
        ],
    ),
];

/// Tables whose `id` comes from a sequence that PostgreSQL must be told about after import.
const SERIAL_TABLES: &[&str] = &[
    "principals",
    "groups_",
    "tokens",
    "projects",
    "nodes",
    "evidence",
    "openlineage_events",
];

/// A whole-registry dump.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dump {
    /// Always [`DUMP_FORMAT`].
    pub format: String,
    /// Rows per table.
    pub tables: BTreeMap<String, Vec<Map<String, Value>>>,
}

impl Registry {
    /// Read every table.
    ///
    /// # Errors
    /// Database failure.
    pub async fn export(&self) -> Result<Dump> {
        let mut tables = BTreeMap::new();
        for (table, cols) in TABLES {
            let names: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
            let order = if cols[0].0 == "id" {
                "id".to_owned()
            } else {
                names[..2].join(", ")
            };
            let sql = format!("SELECT {} FROM {table} ORDER BY {order}", names.join(", "));
            let mut rows = Vec::new();
            for row in sqlx::query(&sql).fetch_all(&self.pool).await? {
                let mut m = Map::new();
                for (i, (name, col)) in cols.iter().enumerate() {
                    let v = match col {
                        Col::Int => row.try_get::<Option<i64>, _>(i)?.map_or(Value::Null, Value::from),
                        Col::Text => row.try_get::<Option<String>, _>(i)?.map_or(Value::Null, Value::from),
                    };
                    m.insert((*name).to_owned(), v);
                }
                rows.push(m);
            }
            tables.insert((*table).to_owned(), rows);
        }
        Ok(Dump {
            format: DUMP_FORMAT.into(),
            tables,
        })
    }

    /// Load a dump into this registry, which must be empty. All or nothing.
    ///
    /// # Errors
    /// Wrong format, unknown table or column, a value of the wrong type
    /// (named by table, row and column), a non-empty target, database
    /// failure (constraint violations included).
    pub async fn import(&self, dump: &Dump) -> Result<usize> {
        if dump.format != DUMP_FORMAT {
            return Err(Error::invalid(format!(
                "`format` must be `{DUMP_FORMAT}`, not `{}`",
                dump.format
            )));
        }
        for t in dump.tables.keys() {
            if !TABLES.iter().any(|(n, _)| n == t) {
                return Err(Error::invalid(format!("`tables.{t}` is not a registry table")));
            }
        }
        let mut tx = self.write_tx().await?;
        for (table, _) in TABLES {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&mut *tx)
                .await?;
            if n > 0 {
                return Err(Error::Conflict(format!(
                    "the target registry is not empty (table `{table}` has {n} rows); import into a new database"
                )));
            }
        }
        let mut count = 0;
        for (table, cols) in TABLES {
            let Some(rows) = dump.tables.get(*table) else { continue };
            let names: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
            let params: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                names.join(", "),
                params.join(", ")
            );
            for (r, row) in rows.iter().enumerate() {
                for k in row.keys() {
                    if !names.contains(&k.as_str()) {
                        return Err(Error::invalid(format!(
                            "`tables.{table}[{r}].{k}` is not a column of `{table}`"
                        )));
                    }
                }
                let mut q = sqlx::query(&sql);
                for (name, col) in *cols {
                    let v = row.get(*name).unwrap_or(&Value::Null);
                    let wrong = || Error::invalid(format!("`tables.{table}[{r}].{name}` has the wrong type"));
                    q = match (col, v) {
                        (Col::Int, Value::Null) => q.bind(None::<i64>),
                        (Col::Int, Value::Number(n)) => q.bind(Some(n.as_i64().ok_or_else(wrong)?)),
                        (Col::Text, Value::Null) => q.bind(None::<String>),
                        (Col::Text, Value::String(s)) => q.bind(Some(s.clone())),
                        _ => return Err(wrong()),
                    };
                }
                q.execute(&mut *tx).await?;
                count += 1;
            }
        }
        if self.dialect == Dialect::Postgres {
            for table in SERIAL_TABLES {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(count)
    }
}
