//! Registry errors. Each variant maps to one HTTP status in `mlsec-server`;
//! database failures keep their cause but are never shown to API clients.

/// Registry result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a registry operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is invalid; the message names the field.
    #[error("{0}")]
    Invalid(String),
    /// No such entity.
    #[error("{0}")]
    NotFound(String),
    /// The entity already exists (a unique name or version).
    #[error("{0}")]
    Conflict(String),
    /// The caller is not allowed to do this.
    #[error("{0}")]
    Forbidden(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// The database schema could not be migrated.
    #[error("cannot migrate the registry database: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            match db.kind() {
                sqlx::error::ErrorKind::UniqueViolation => {
                    return Error::Conflict("an entity with this name or version already exists".into());
                }
                sqlx::error::ErrorKind::ForeignKeyViolation => {
                    return Error::Invalid("a referenced id does not exist".into());
                }
                _ => {}
            }
        }
        if matches!(e, sqlx::Error::RowNotFound) {
            return Error::NotFound("not found".into());
        }
        Error::Database(e)
    }
}

impl Error {
    /// A failure that may not happen again: a concurrent writer won a
    /// unique name, or the database was busy.
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            Error::Conflict(_) => true,
            Error::Database(sqlx::Error::Database(db)) => {
                let code = db.code().unwrap_or_default();
                // SQLite BUSY/LOCKED (and extended codes), PostgreSQL
                // serialization failure and deadlock.
                matches!(code.as_ref(), "5" | "6" | "517" | "262" | "40001" | "40P01")
                    || db.message().contains("database is locked")
            }
            _ => false,
        }
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }
    /// Shorthand for [`Error::NotFound`].
    pub fn not_found(msg: impl Into<String>) -> Self {
        Error::NotFound(msg.into())
    }
}
