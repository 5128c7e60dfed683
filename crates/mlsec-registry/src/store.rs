//! The SQL store: connection, migrations, and create/get/list/update for
//! every entity. The only SQL in the workspace lives in this crate; queries
//! use `$N` placeholders, which both SQLite and PostgreSQL accept, so one
//! query text serves both databases.

use std::path::Path;

use serde_json::Value;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Row as _};

use crate::error::{Error, Result};
use crate::model::{
    AssetUpdate, Dataset, DatasetVersion, Deployment, DeploymentUpdate, Edge, EdgeKind, Evidence, ListQuery, Model,
    ModelVersion, NewDataset, NewDatasetVersion, NewDeployment, NewEvidence, NewModel, NewModelVersion, NewProject,
    NewRun, NodeKind, Page, Project, Run, RunUpdate, VersionUpdate, RUN_STATUSES,
};

/// The embedded database's file name inside the data directory.
pub const DEFAULT_DB_FILE: &str = "registry.db";

/// Most items one list call returns.
const MAX_PAGE: i64 = 1000;
/// Largest evidence body accepted, in bytes of JSON.
const MAX_EVIDENCE_BYTES: usize = 8 * 1024 * 1024;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Which SQL engine is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// A handle on the registry database. Cheap to clone (a connection pool).
#[derive(Debug, Clone)]
pub struct Registry {
    pub(crate) pool: AnyPool,
    pub(crate) dialect: Dialect,
}

impl Registry {
    /// Open (and migrate) the registry at a database URL: `sqlite://PATH`
    /// or `postgres://user:pass@host/db`.
    ///
    /// # Errors
    /// The URL is not a supported database, the database cannot be reached,
    /// or the migrations fail.
    pub async fn connect(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Dialect::Postgres
        } else if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else {
            return Err(Error::invalid(
                "database URL must start with `sqlite://` or `postgres://` (e.g. postgres://user@localhost/mlsec)",
            ));
        };
        let opts: AnyConnectOptions = url.parse().map_err(Error::Database)?;
        let max = if dialect == Dialect::Sqlite { 4 } else { 16 };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if dialect == Dialect::Sqlite {
                        sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA busy_timeout = 10000").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                        // Lineage walks touch pages all over the edge index:
                        // keep them in memory rather than re-reading them.
                        sqlx::query("PRAGMA cache_size = -65536").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA temp_store = MEMORY").execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await
            .map_err(Error::Database)?;
        if dialect == Dialect::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
        }
        let migrator = match dialect {
            Dialect::Sqlite => &SQLITE_MIGRATIONS,
            Dialect::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await.map_err(Error::Migrate)?;
        Ok(Registry { pool, dialect })
    }

    /// Open (creating and migrating on first use) the embedded SQLite
    /// registry in a data directory.
    ///
    /// # Errors
    /// The directory cannot be created, or as [`Registry::connect`].
    pub async fn open_data_dir(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::invalid(format!("cannot create the data directory `{}`: {e}", dir.display())))?;
        let path = dir.join(DEFAULT_DB_FILE);
        let url = format!("sqlite://{}?mode=rwc", path.display());
        Self::connect(&url).await
    }

    /// Run a find-or-create transaction, again if a concurrent one created
    /// the same name first (unique violation) or held the database (SQLite
    /// busy, PostgreSQL serialization failure). Each attempt is atomic.
    pub(crate) async fn retrying<'a, T, F, Fut>(&'a self, f: F) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T>> + 'a,
    {
        let mut attempt = 0u32;
        loop {
            match f().await {
                Err(e) if attempt < 5 && e.is_transient() => {
                    attempt += 1;
                    tokio_sleep_ms(u64::from(attempt) * 5).await;
                }
                other => return other,
            }
        }
    }

    /// A transaction that writes. On SQLite it takes the write lock when
    /// it begins (`BEGIN IMMEDIATE`), so that it waits for another writer
    /// under the busy timeout: a deferred one that reads first and writes
    /// then fails at once with "database is locked" when another
    /// connection holds the lock (SQLite cannot wait there without risking
    /// a deadlock), which a loaded machine made happen in the store tests.
    pub(crate) async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Dialect::Postgres => self.pool.begin().await?,
        })
    }

    /// Whether this is PostgreSQL (else SQLite).
    pub fn is_postgres(&self) -> bool {
        self.dialect == Dialect::Postgres
    }

    /// Close the pool (waits for connections to be returned).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    // ---- projects -------------------------------------------------------

    /// Create a project.
    ///
    /// # Errors
    /// Invalid name, name taken, database failure.
    pub async fn create_project(&self, p: &NewProject) -> Result<Project> {
        check_name("name", &p.name)?;
        let row = sqlx::query(
            "INSERT INTO projects (name, description, owner, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&p.name)
        .bind(&p.description)
        .bind(&p.owner)
        .bind(now())
        .fetch_one(&self.pool)
        .await
        .map_err(|e| conflict(e, format!("project `{}` already exists", p.name)))?;
        self.get_project(row.try_get("id")?).await
    }

    /// Get a project.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn get_project(&self, id: i64) -> Result<Project> {
        let row = sqlx::query("SELECT id, name, description, owner, created_at FROM projects WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| Error::not_found(format!("project {id} not found")))?;
        Ok(Project {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            owner: row.try_get("owner")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// Update a project's description or owner (absent fields are kept).
    ///
    /// # Errors
    /// Unknown id, a licence or classification given, database failure.
    pub async fn update_project(&self, id: i64, u: &AssetUpdate) -> Result<Project> {
        if u.licence.is_some() || u.classification.is_some() {
            return Err(Error::invalid("a project has only `description` and `owner` to update"));
        }
        self.get_project(id).await?;
        sqlx::query(
            "UPDATE projects SET description = COALESCE($1, description), owner = COALESCE($2, owner) WHERE id = $3",
        )
        .bind(&u.description)
        .bind(&u.owner)
        .bind(id)
        .execute(&self.pool)
        .await?;
        self.get_project(id).await
    }

    /// List projects.
    ///
    /// # Errors
    /// Bad filter, database failure.
    pub async fn list_projects(&self, q: &ListQuery) -> Result<Page<Project>> {
        let ids = self
            .list_ids("projects", &[("name", "name"), ("owner", "owner")], q, None)
            .await?;
        self.page(ids, q, |id| self.get_project(id)).await
    }

    // ---- datasets and models -------------------------------------------

    /// Create a dataset.
    ///
    /// # Errors
    /// Invalid name, name taken, unknown project, database failure.
    pub async fn create_dataset(&self, d: &NewDataset) -> Result<Dataset> {
        check_name("name", &d.name)?;
        let mut tx = self.write_tx().await?;
        let id = insert_node(&mut tx, NodeKind::Dataset, &d.name, None).await?;
        sqlx::query(
            "INSERT INTO datasets (id, project_id, name, description, owner, licence, classification) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(d.project_id)
        .bind(&d.name)
        .bind(&d.description)
        .bind(&d.owner)
        .bind(&d.licence)
        .bind(&d.classification)
        .execute(&mut *tx)
        .await
        .map_err(|e| conflict(e, format!("dataset `{}` already exists", d.name)))?;
        tx.commit().await?;
        self.get_dataset(id).await
    }

    /// Get a dataset.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn get_dataset(&self, id: i64) -> Result<Dataset> {
        let row = sqlx::query(
            "SELECT d.id, d.project_id, d.name, d.description, d.owner, d.licence, d.classification, n.created_at \
             FROM datasets d JOIN nodes n ON n.id = d.id WHERE d.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found(format!("dataset {id} not found")))?;
        Ok(Dataset {
            id: row.try_get("id")?,
            project_id: row.try_get("project_id")?,
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            owner: row.try_get("owner")?,
            licence: row.try_get("licence")?,
            classification: row.try_get("classification")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// Find a dataset by its unique name.
    ///
    /// # Errors
    /// Database failure.
    pub async fn dataset_by_name(&self, name: &str) -> Result<Option<Dataset>> {
        match self.id_by_name("datasets", name).await? {
            Some(id) => Ok(Some(self.get_dataset(id).await?)),
            None => Ok(None),
        }
    }

    /// List datasets.
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_datasets(&self, q: &ListQuery) -> Result<Page<Dataset>> {
        let f = [("name", "name"), ("owner", "owner"), ("project_id", "project_id")];
        let ids = self.list_ids("datasets", &f, q, None).await?;
        self.page(ids, q, |id| self.get_dataset(id)).await
    }

    /// Update a dataset's mutable fields.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn update_dataset(&self, id: i64, u: &AssetUpdate) -> Result<Dataset> {
        self.get_dataset(id).await?;
        sqlx::query(
            "UPDATE datasets SET description = COALESCE($1, description), owner = COALESCE($2, owner), \
             licence = COALESCE($3, licence), classification = COALESCE($4, classification) WHERE id = $5",
        )
        .bind(&u.description)
        .bind(&u.owner)
        .bind(&u.licence)
        .bind(&u.classification)
        .bind(id)
        .execute(&self.pool)
        .await?;
        self.get_dataset(id).await
    }

    /// Create a model.
    ///
    /// # Errors
    /// Invalid name, name taken, unknown project, database failure.
    pub async fn create_model(&self, m: &NewModel) -> Result<Model> {
        check_name("name", &m.name)?;
        let mut tx = self.write_tx().await?;
        let id = insert_node(&mut tx, NodeKind::Model, &m.name, None).await?;
        sqlx::query(
            "INSERT INTO models (id, project_id, name, description, owner, licence) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(m.project_id)
        .bind(&m.name)
        .bind(&m.description)
        .bind(&m.owner)
        .bind(&m.licence)
        .execute(&mut *tx)
        .await
        .map_err(|e| conflict(e, format!("model `{}` already exists", m.name)))?;
        tx.commit().await?;
        self.get_model(id).await
    }

    /// Get a model.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn get_model(&self, id: i64) -> Result<Model> {
        let row = sqlx::query(
            "SELECT m.id, m.project_id, m.name, m.description, m.owner, m.licence, n.created_at \
             FROM models m JOIN nodes n ON n.id = m.id WHERE m.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found(format!("model {id} not found")))?;
        Ok(Model {
            id: row.try_get("id")?,
            project_id: row.try_get("project_id")?,
            name: row.try_get("name")?,
            description: row.try_get("description")?,
            owner: row.try_get("owner")?,
            licence: row.try_get("licence")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// Find a model by its unique name.
    ///
    /// # Errors
    /// Database failure.
    pub async fn model_by_name(&self, name: &str) -> Result<Option<Model>> {
        match self.id_by_name("models", name).await? {
            Some(id) => Ok(Some(self.get_model(id).await?)),
            None => Ok(None),
        }
    }

    /// List models.
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_models(&self, q: &ListQuery) -> Result<Page<Model>> {
        let f = [("name", "name"), ("owner", "owner"), ("project_id", "project_id")];
        let ids = self.list_ids("models", &f, q, None).await?;
        self.page(ids, q, |id| self.get_model(id)).await
    }

    /// Update a model's mutable fields (`classification` does not apply).
    ///
    /// # Errors
    /// Unknown id, a classification given, database failure.
    pub async fn update_model(&self, id: i64, u: &AssetUpdate) -> Result<Model> {
        if u.classification.is_some() {
            return Err(Error::invalid("`classification` applies to datasets, not models"));
        }
        self.get_model(id).await?;
        sqlx::query(
            "UPDATE models SET description = COALESCE($1, description), owner = COALESCE($2, owner), \
             licence = COALESCE($3, licence) WHERE id = $4",
        )
        .bind(&u.description)
        .bind(&u.owner)
        .bind(&u.licence)
        .bind(id)
        .execute(&self.pool)
        .await?;
        self.get_model(id).await
    }

    // ---- versions ---------------------------------------------------------

    /// Create a dataset version.
    ///
    /// # Errors
    /// Unknown dataset, invalid digest or size, version taken, database failure.
    pub async fn create_dataset_version(&self, dataset_id: i64, v: &NewDatasetVersion) -> Result<DatasetVersion> {
        let mut tx = self.write_tx().await?;
        let id = insert_dataset_version(&mut tx, dataset_id, v).await?;
        tx.commit().await?;
        self.get_dataset_version(id).await
    }

    /// Get a dataset version.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn get_dataset_version(&self, id: i64) -> Result<DatasetVersion> {
        let row = sqlx::query(
            "SELECT v.id, v.dataset_id, d.name AS dataset, v.version, v.digest, v.size, v.schema_json, v.origin_uri, \
             n.created_at FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id JOIN nodes n ON n.id = v.id \
             WHERE v.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found(format!("dataset version {id} not found")))?;
        Ok(DatasetVersion {
            id: row.try_get("id")?,
            dataset_id: row.try_get("dataset_id")?,
            dataset: row.try_get("dataset")?,
            version: row.try_get("version")?,
            digest: row.try_get("digest")?,
            size: row.try_get("size")?,
            schema: json_col(&row, "schema_json")?,
            origin_uri: row.try_get("origin_uri")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// List dataset versions (of one dataset when `dataset_id` is given).
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_dataset_versions(&self, dataset_id: Option<i64>, q: &ListQuery) -> Result<Page<DatasetVersion>> {
        let f = [("digest", "digest"), ("dataset_id", "dataset_id")];
        let mut q = q.clone();
        if let Some(d) = &q.digest {
            q.digest = Some(normalize_digest(d)?);
        }
        let ids = self.list_ids("dataset_versions", &f, &q, dataset_id).await?;
        self.page(ids, &q, |id| self.get_dataset_version(id)).await
    }

    /// Create a model version.
    ///
    /// # Errors
    /// Unknown model, invalid digest or size, version taken, database failure.
    pub async fn create_model_version(&self, model_id: i64, v: &NewModelVersion) -> Result<ModelVersion> {
        let mut tx = self.write_tx().await?;
        let id = insert_model_version(&mut tx, model_id, v).await?;
        tx.commit().await?;
        self.get_model_version(id).await
    }

    /// Get a model version.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn get_model_version(&self, id: i64) -> Result<ModelVersion> {
        let row = sqlx::query(
            "SELECT v.id, v.model_id, m.name AS model, v.version, v.digest, v.format, v.size, v.uri, n.created_at \
             FROM model_versions v JOIN models m ON m.id = v.model_id JOIN nodes n ON n.id = v.id WHERE v.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found(format!("model version {id} not found")))?;
        Ok(ModelVersion {
            id: row.try_get("id")?,
            model_id: row.try_get("model_id")?,
            model: row.try_get("model")?,
            version: row.try_get("version")?,
            digest: row.try_get("digest")?,
            format: row.try_get("format")?,
            size: row.try_get("size")?,
            uri: row.try_get("uri")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// List model versions (of one model when `model_id` is given).
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_model_versions(&self, model_id: Option<i64>, q: &ListQuery) -> Result<Page<ModelVersion>> {
        let f = [("digest", "digest"), ("model_id", "model_id")];
        let mut q = q.clone();
        if let Some(d) = &q.digest {
            q.digest = Some(normalize_digest(d)?);
        }
        let ids = self.list_ids("model_versions", &f, &q, model_id).await?;
        self.page(ids, &q, |id| self.get_model_version(id)).await
    }

    /// Change where a dataset or model version lives.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn update_version_uri(&self, kind: NodeKind, id: i64, u: &VersionUpdate) -> Result<()> {
        let sql = match kind {
            NodeKind::DatasetVersion => {
                "UPDATE dataset_versions SET origin_uri = COALESCE($1, origin_uri) WHERE id = $2"
            }
            NodeKind::ModelVersion => "UPDATE model_versions SET uri = COALESCE($1, uri) WHERE id = $2",
            _ => return Err(Error::invalid("only dataset and model versions have a URI")),
        };
        let done = sqlx::query(sql).bind(&u.uri).bind(id).execute(&self.pool).await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found(format!(
                "{} {id} not found",
                kind.as_str().replace('_', " ")
            )));
        }
        Ok(())
    }

    // ---- runs and deployments -----------------------------------------

    /// Create a run.
    ///
    /// # Errors
    /// Invalid status or time, external id taken, database failure.
    pub async fn create_run(&self, r: &NewRun) -> Result<Run> {
        let mut tx = self.write_tx().await?;
        let id = insert_run(&mut tx, r).await?;
        tx.commit().await?;
        self.get_run(id).await
    }

    /// Get a run.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn get_run(&self, id: i64) -> Result<Run> {
        let row = sqlx::query(
            "SELECT r.id, r.project_id, r.name, r.external_id, r.code_commit, r.command, r.parameters_json, \
             r.environment_json, r.status, r.started_at, r.ended_at, n.created_at \
             FROM runs r JOIN nodes n ON n.id = r.id WHERE r.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found(format!("run {id} not found")))?;
        Ok(Run {
            id: row.try_get("id")?,
            project_id: row.try_get("project_id")?,
            name: row.try_get("name")?,
            external_id: row.try_get("external_id")?,
            code_commit: row.try_get("code_commit")?,
            command: row.try_get("command")?,
            parameters: json_col(&row, "parameters_json")?,
            environment: json_col(&row, "environment_json")?,
            status: row.try_get("status")?,
            started_at: row.try_get("started_at")?,
            ended_at: row.try_get("ended_at")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// Find a run by its external (OpenLineage) id.
    ///
    /// # Errors
    /// Database failure.
    pub async fn run_by_external_id(&self, external_id: &str) -> Result<Option<Run>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM runs WHERE external_id = $1")
            .bind(external_id)
            .fetch_optional(&self.pool)
            .await?;
        match id {
            Some(id) => Ok(Some(self.get_run(id).await?)),
            None => Ok(None),
        }
    }

    /// List runs.
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_runs(&self, q: &ListQuery) -> Result<Page<Run>> {
        let f = [("name", "name"), ("status", "status"), ("project_id", "project_id")];
        let ids = self.list_ids("runs", &f, q, None).await?;
        self.page(ids, q, |id| self.get_run(id)).await
    }

    /// Update a run's status or end time.
    ///
    /// # Errors
    /// Unknown id, invalid status or time, database failure.
    pub async fn update_run(&self, id: i64, u: &RunUpdate) -> Result<Run> {
        if let Some(s) = &u.status {
            check_status(s)?;
        }
        if let Some(t) = &u.ended_at {
            check_time("ended_at", t)?;
        }
        self.get_run(id).await?;
        sqlx::query("UPDATE runs SET status = COALESCE($1, status), ended_at = COALESCE($2, ended_at) WHERE id = $3")
            .bind(&u.status)
            .bind(&u.ended_at)
            .bind(id)
            .execute(&self.pool)
            .await?;
        self.get_run(id).await
    }

    /// Deploy a model version (adds the `deployed_as` lineage edge).
    ///
    /// # Errors
    /// Unknown model version, invalid environment, database failure.
    pub async fn create_deployment(&self, d: &NewDeployment) -> Result<Deployment> {
        check_name("environment", &d.environment)?;
        let mv = self.get_model_version(d.model_version_id).await?;
        let mut tx = self.write_tx().await?;
        let name = format!("{}@{} in {}", mv.model, mv.version, d.environment);
        let id = insert_node(&mut tx, NodeKind::Deployment, &name, mv.digest.as_deref()).await?;
        sqlx::query(
            "INSERT INTO deployments (id, model_version_id, environment, endpoint, status) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(d.model_version_id)
        .bind(&d.environment)
        .bind(&d.endpoint)
        .bind("active")
        .execute(&mut *tx)
        .await?;
        insert_edge(&mut tx, d.model_version_id, id, EdgeKind::DeployedAs).await?;
        tx.commit().await?;
        self.get_deployment(id).await
    }

    /// Get a deployment.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn get_deployment(&self, id: i64) -> Result<Deployment> {
        let row = sqlx::query(
            "SELECT d.id, d.model_version_id, d.environment, d.endpoint, d.status, n.created_at \
             FROM deployments d JOIN nodes n ON n.id = d.id WHERE d.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::not_found(format!("deployment {id} not found")))?;
        Ok(Deployment {
            id: row.try_get("id")?,
            model_version_id: row.try_get("model_version_id")?,
            environment: row.try_get("environment")?,
            endpoint: row.try_get("endpoint")?,
            status: row.try_get("status")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// List deployments.
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_deployments(&self, q: &ListQuery) -> Result<Page<Deployment>> {
        let f = [("environment", "environment"), ("status", "status")];
        let ids = self.list_ids("deployments", &f, q, None).await?;
        self.page(ids, q, |id| self.get_deployment(id)).await
    }

    /// Update a deployment's endpoint or status (`active`, `retired`).
    ///
    /// # Errors
    /// Unknown id, invalid status, database failure.
    pub async fn update_deployment(&self, id: i64, u: &DeploymentUpdate) -> Result<Deployment> {
        if let Some(s) = &u.status {
            if s != "active" && s != "retired" {
                return Err(Error::invalid(format!(
                    "`status` must be `active` or `retired`, not `{s}`"
                )));
            }
        }
        self.get_deployment(id).await?;
        sqlx::query(
            "UPDATE deployments SET endpoint = COALESCE($1, endpoint), status = COALESCE($2, status) WHERE id = $3",
        )
        .bind(&u.endpoint)
        .bind(&u.status)
        .bind(id)
        .execute(&self.pool)
        .await?;
        self.get_deployment(id).await
    }

    // ---- edges and evidence ----------------------------------------------

    /// Add a lineage edge (idempotent). The kinds must fit: `input_to` goes
    /// from an artifact version to a run, `produced` from a run to an
    /// artifact version, `derived_from` between artifact versions,
    /// `deployed_as` from a model version to a deployment.
    ///
    /// # Errors
    /// Unknown node, kinds that do not fit the edge, a self-loop, database failure.
    pub async fn add_edge(&self, e: &Edge) -> Result<Edge> {
        if e.src == e.dst {
            return Err(Error::invalid("`src` and `dst` must differ"));
        }
        let src = self.node_kind(e.src).await?;
        let dst = self.node_kind(e.dst).await?;
        let artifact = |k: NodeKind| matches!(k, NodeKind::DatasetVersion | NodeKind::ModelVersion);
        let ok = match e.kind {
            EdgeKind::InputTo => artifact(src) && dst == NodeKind::Run,
            EdgeKind::Produced => src == NodeKind::Run && artifact(dst),
            EdgeKind::DerivedFrom => artifact(src) && artifact(dst),
            EdgeKind::DeployedAs => src == NodeKind::ModelVersion && dst == NodeKind::Deployment,
        };
        if !ok {
            return Err(Error::invalid(format!(
                "a `{}` edge cannot go from a {} to a {}",
                e.kind.as_str(),
                src.as_str(),
                dst.as_str()
            )));
        }
        let mut tx = self.write_tx().await?;
        insert_edge(&mut tx, e.src, e.dst, e.kind).await?;
        tx.commit().await?;
        Ok(e.clone())
    }

    /// The kind of a node.
    ///
    /// # Errors
    /// Unknown id, database failure.
    pub async fn node_kind(&self, id: i64) -> Result<NodeKind> {
        let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM nodes WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let kind = kind.ok_or_else(|| Error::not_found(format!("node {id} not found")))?;
        NodeKind::parse(&kind).ok_or_else(|| Error::invalid(format!("node {id} has unknown kind `{kind}`")))
    }

    /// Attach evidence to a node (found by id, or by `subject_digest`).
    ///
    /// # Errors
    /// Neither id nor a known digest, body too large, database failure.
    pub async fn add_evidence(&self, e: &NewEvidence, created_by: Option<&str>) -> Result<Evidence> {
        check_name("kind", &e.kind)?;
        let digest = e.subject_digest.as_deref().map(normalize_digest).transpose()?;
        let node_id = match (e.node_id, &digest) {
            (Some(id), _) => {
                self.node_kind(id).await?;
                id
            }
            (None, Some(d)) => {
                let found = self.nodes_by_digest(d).await?;
                found
                    .iter()
                    .find(|n| matches!(n.kind, NodeKind::DatasetVersion | NodeKind::ModelVersion))
                    .map(|n| n.id)
                    .ok_or_else(|| Error::not_found(format!("no dataset or model version has digest `{d}`")))?
            }
            (None, None) => return Err(Error::invalid("give `node_id` or `subject_digest`")),
        };
        let body = serde_json::to_string(&e.body).map_err(|err| Error::invalid(format!("`body`: {err}")))?;
        if body.len() > MAX_EVIDENCE_BYTES {
            return Err(Error::invalid(format!(
                "`body` is larger than {MAX_EVIDENCE_BYTES} bytes"
            )));
        }
        let sha = hex_sha256(body.as_bytes());
        let media = e.media_type.clone().unwrap_or_else(|| "application/json".into());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO evidence (node_id, kind, subject_digest, media_type, body, body_sha256, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(node_id)
        .bind(&e.kind)
        .bind(&digest)
        .bind(&media)
        .bind(&body)
        .bind(&sha)
        .bind(created_by)
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        Ok(Evidence {
            id,
            node_id,
            kind: e.kind.clone(),
            subject_digest: digest,
            media_type: media,
            body: e.body.clone(),
            body_sha256: sha,
            created_by: created_by.map(str::to_owned),
            created_at: now(),
        })
    }

    /// Evidence attached to a node, oldest first.
    ///
    /// # Errors
    /// Database failure.
    pub async fn list_evidence(&self, node_id: i64) -> Result<Vec<Evidence>> {
        let rows = sqlx::query(
            "SELECT id, node_id, kind, subject_digest, media_type, body, body_sha256, created_by, created_at \
             FROM evidence WHERE node_id = $1 ORDER BY id",
        )
        .bind(node_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Evidence {
                    id: row.try_get("id")?,
                    node_id: row.try_get("node_id")?,
                    kind: row.try_get("kind")?,
                    subject_digest: row.try_get("subject_digest")?,
                    media_type: row.try_get("media_type")?,
                    body: json_col(row, "body")?.unwrap_or(Value::Null),
                    body_sha256: row.try_get("body_sha256")?,
                    created_by: row.try_get("created_by")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    // ---- listing helpers -------------------------------------------------

    async fn list_ids(
        &self,
        table: &str,
        filters: &[(&str, &str)],
        q: &ListQuery,
        parent: Option<i64>,
    ) -> Result<Vec<i64>> {
        let limit = page_limit(q)?;
        let mut sql = format!("SELECT id FROM {table} WHERE id > $1");
        let mut text: Vec<String> = Vec::new();
        let mut ints: Vec<i64> = Vec::new();
        let mut clauses: Vec<(String, bool)> = Vec::new();
        for (param, column) in filters {
            let (is_int, value): (bool, Option<String>) = match *param {
                "name" => (false, q.name.clone()),
                "owner" => (false, q.owner.clone()),
                "digest" => (false, q.digest.clone()),
                "status" => (false, q.status.clone()),
                "environment" => (false, q.environment.clone()),
                "project_id" => (true, q.project_id.map(|v| v.to_string())),
                "dataset_id" | "model_id" => (true, parent.map(|v| v.to_string())),
                _ => (false, None),
            };
            if let Some(v) = value {
                if is_int {
                    ints.push(v.parse().unwrap_or_default());
                } else {
                    text.push(v);
                }
                clauses.push(((*column).to_owned(), is_int));
            }
        }
        let mut n = 2;
        for (column, _) in &clauses {
            use std::fmt::Write as _;
            let _ = write!(sql, " AND {column} = ${n}");
            n += 1;
        }
        {
            use std::fmt::Write as _;
            let _ = write!(sql, " ORDER BY id LIMIT ${n}");
        }
        let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(q.after.unwrap_or(0));
        let (mut ti, mut ii) = (text.into_iter(), ints.into_iter());
        for (_, is_int) in &clauses {
            query = if *is_int {
                query.bind(ii.next())
            } else {
                query.bind(ti.next())
            };
        }
        Ok(query.bind(limit + 1).fetch_all(&self.pool).await?)
    }

    /// The id of the row of `table` (a fixed table name) with this unique name.
    async fn id_by_name(&self, table: &'static str, name: &str) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE name = $1"))
            .bind(name)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn page<T, F, Fut>(&self, mut ids: Vec<i64>, q: &ListQuery, get: F) -> Result<Page<T>>
    where
        F: Fn(i64) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let limit = usize::try_from(page_limit(q)?).unwrap_or(100);
        let more = ids.len() > limit;
        ids.truncate(limit);
        let next = if more { ids.last().copied() } else { None };
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            items.push(get(id).await?);
        }
        Ok(Page { items, next })
    }
}

fn page_limit(q: &ListQuery) -> Result<i64> {
    match q.limit {
        None => Ok(100),
        Some(l) if (1..=MAX_PAGE).contains(&l) => Ok(l),
        Some(l) => Err(Error::invalid(format!(
            "`limit` must be between 1 and {MAX_PAGE}, not {l}"
        ))),
    }
}

// ---- shared insert helpers (used inside transactions) ----------------------

pub(crate) async fn insert_node(
    conn: &mut AnyConnection,
    kind: NodeKind,
    name: &str,
    digest: Option<&str>,
) -> Result<i64> {
    Ok(
        sqlx::query_scalar("INSERT INTO nodes (kind, name, digest, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(kind.as_str())
            .bind(name)
            .bind(digest)
            .bind(now())
            .fetch_one(&mut *conn)
            .await?,
    )
}

pub(crate) async fn insert_edge(conn: &mut AnyConnection, src: i64, dst: i64, kind: EdgeKind) -> Result<()> {
    sqlx::query("INSERT INTO edges (src, dst, kind, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(src)
        .bind(dst)
        .bind(kind.as_str())
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn version_label(version: Option<&str>, digest: Option<&str>) -> Result<String> {
    match (version, digest) {
        (Some(v), _) => {
            check_name("version", v)?;
            Ok(v.to_owned())
        }
        (None, Some(d)) => Ok(d[..12].to_owned()),
        (None, None) => Err(Error::invalid("give `version` or `digest`")),
    }
}

fn check_size(size: Option<i64>) -> Result<()> {
    match size {
        Some(s) if s < 0 => Err(Error::invalid(format!("`size` must not be negative, not {s}"))),
        _ => Ok(()),
    }
}

pub(crate) async fn insert_dataset_version(
    conn: &mut AnyConnection,
    dataset_id: i64,
    v: &NewDatasetVersion,
) -> Result<i64> {
    let digest = v.digest.as_deref().map(normalize_digest).transpose()?;
    let version = version_label(v.version.as_deref(), digest.as_deref())?;
    check_size(v.size)?;
    let dataset: Option<String> = sqlx::query_scalar("SELECT name FROM datasets WHERE id = $1")
        .bind(dataset_id)
        .fetch_optional(&mut *conn)
        .await?;
    let dataset = dataset.ok_or_else(|| Error::not_found(format!("dataset {dataset_id} not found")))?;
    let id = insert_node(
        conn,
        NodeKind::DatasetVersion,
        &format!("{dataset}@{version}"),
        digest.as_deref(),
    )
    .await?;
    let schema = v.schema.as_ref().map(Value::to_string);
    sqlx::query(
        "INSERT INTO dataset_versions (id, dataset_id, version, digest, size, schema_json, origin_uri) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(dataset_id)
    .bind(&version)
    .bind(&digest)
    .bind(v.size)
    .bind(&schema)
    .bind(&v.origin_uri)
    .execute(&mut *conn)
    .await
    .map_err(|e| conflict(e, format!("dataset `{dataset}` already has version `{version}`")))?;
    Ok(id)
}

pub(crate) async fn insert_model_version(conn: &mut AnyConnection, model_id: i64, v: &NewModelVersion) -> Result<i64> {
    let digest = v.digest.as_deref().map(normalize_digest).transpose()?;
    let version = version_label(v.version.as_deref(), digest.as_deref())?;
    check_size(v.size)?;
    let model: Option<String> = sqlx::query_scalar("SELECT name FROM models WHERE id = $1")
        .bind(model_id)
        .fetch_optional(&mut *conn)
        .await?;
    let model = model.ok_or_else(|| Error::not_found(format!("model {model_id} not found")))?;
    let id = insert_node(
        conn,
        NodeKind::ModelVersion,
        &format!("{model}@{version}"),
        digest.as_deref(),
    )
    .await?;
    sqlx::query(
        "INSERT INTO model_versions (id, model_id, version, digest, format, size, uri) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(model_id)
    .bind(&version)
    .bind(&digest)
    .bind(&v.format)
    .bind(v.size)
    .bind(&v.uri)
    .execute(&mut *conn)
    .await
    .map_err(|e| conflict(e, format!("model `{model}` already has version `{version}`")))?;
    Ok(id)
}

pub(crate) async fn insert_run(conn: &mut AnyConnection, r: &NewRun) -> Result<i64> {
    check_name("name", &r.name)?;
    let status = r.status.clone().unwrap_or_else(|| "running".into());
    check_status(&status)?;
    for (field, t) in [("started_at", &r.started_at), ("ended_at", &r.ended_at)] {
        if let Some(t) = t {
            check_time(field, t)?;
        }
    }
    for (field, v) in [("parameters", &r.parameters), ("environment", &r.environment)] {
        if let Some(v) = v {
            if !v.is_object() {
                return Err(Error::invalid(format!("`{field}` must be a JSON object")));
            }
        }
    }
    let id = insert_node(conn, NodeKind::Run, &r.name, None).await?;
    sqlx::query(
        "INSERT INTO runs (id, project_id, name, external_id, code_commit, command, parameters_json, \
         environment_json, status, started_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(r.project_id)
    .bind(&r.name)
    .bind(&r.external_id)
    .bind(&r.code_commit)
    .bind(&r.command)
    .bind(r.parameters.as_ref().map(Value::to_string))
    .bind(r.environment.as_ref().map(Value::to_string))
    .bind(&status)
    .bind(&r.started_at)
    .bind(&r.ended_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| conflict(e, "a run with this `external_id` already exists".into()))?;
    Ok(id)
}

// ---- validation and small helpers ------------------------------------------

/// Normalise a digest to 64 lowercase hex digits (accepts a `sha256:` prefix).
///
/// # Errors
/// Not 64 hex digits.
pub fn normalize_digest(d: &str) -> Result<String> {
    let hex = d.strip_prefix("sha256:").unwrap_or(d);
    if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(hex.to_ascii_lowercase())
    } else {
        Err(Error::invalid(
            "`digest` must be 64 hex digits (SHA-256, as `mlsec digest` prints it), optionally prefixed `sha256:`",
        ))
    }
}

pub(crate) fn check_name(field: &str, v: &str) -> Result<()> {
    if v.trim().is_empty() {
        return Err(Error::invalid(format!("`{field}` must not be empty")));
    }
    if v.len() > 1024 {
        return Err(Error::invalid(format!("`{field}` is longer than 1024 bytes")));
    }
    if v.chars().any(char::is_control) {
        return Err(Error::invalid(format!("`{field}` must not contain control characters")));
    }
    Ok(())
}

fn check_status(s: &str) -> Result<()> {
    if RUN_STATUSES.contains(&s) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "`status` must be one of {}, not `{s}`",
            RUN_STATUSES.join(", ")
        )))
    }
}

/// Check an RFC 3339 date-time (`2024-05-01T12:00:00Z`, fractions and
/// offsets allowed).
pub(crate) fn check_time(field: &str, t: &str) -> Result<()> {
    let b = t.as_bytes();
    let bad = || {
        Error::invalid(format!(
            "`{field}` must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z"
        ))
    };
    if b.len() < 20 || b.len() > 40 {
        return Err(bad());
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't' | b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19))
    {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| t[r].parse::<u32>().unwrap_or(99);
    if !(1..=12).contains(&num(5..7))
        || !(1..=31).contains(&num(8..10))
        || num(11..13) > 23
        || num(14..16) > 59
        || num(17..19) > 60
    {
        return Err(bad());
    }
    let mut rest = &t[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return Err(bad());
        }
        rest = &frac[n..];
    }
    let ok = matches!(rest, "Z" | "z")
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && rest[1..3].bytes().all(|c| c.is_ascii_digit())
            && rest[4..6].bytes().all(|c| c.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(bad())
    }
}

pub(crate) fn json_col(row: &AnyRow, col: &str) -> Result<Option<Value>> {
    let text: Option<String> = row.try_get(col)?;
    text.map(|t| serde_json::from_str(&t).map_err(|e| Error::invalid(format!("stored `{col}` is not JSON: {e}"))))
        .transpose()
}

pub(crate) fn conflict(e: sqlx::Error, msg: String) -> Error {
    match Error::from(e) {
        Error::Conflict(_) => Error::Conflict(msg),
        other => other,
    }
}

/// Wait a few milliseconds without blocking the runtime.
async fn tokio_sleep_ms(ms: u64) {
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

/// The current time as RFC 3339 UTC.
pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    mlsec_diagnostics::time::format_unix_utc(secs)
}

pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
