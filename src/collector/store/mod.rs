//! The collector's storage: one API over SQLite (the embedded default) and PostgreSQL (a team's
//! shared database). Queries are written once in the SQL both understand (`$n` parameters,
//! `ON CONFLICT`, `RETURNING`); each backend has its own migrations with the same schema.
//! One file per part of the API: [`accounts`] (tokens, sessions), [`reports`], [`review`],
//! [`links`].

mod accounts;
mod links;
mod reports;
mod review;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor};

use super::group_commit::GroupCommit;

pub use accounts::{Role, TokenInfo};
pub use links::Link;
pub use reports::{Inserted, ReportFilter, StoredReport};
pub use review::{ReviewAction, ReviewEntry, STATUSES};

#[derive(Debug)]
pub struct StoreError(String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    pub fn new(message: impl Into<String>) -> StoreError {
        StoreError(message.into())
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError(format!("database: {e}"))
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError(format!("database migration: {e}"))
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time; queueing our writes here, in order, is faster and
    /// fairer than letting connections collide and back off in SQLite's busy handler.
    /// PostgreSQL needs none.
    write_lock: Option<Arc<tokio::sync::Mutex<()>>>,
    /// SQLite's report inserts, queued for the group commit.
    group_commit: Option<GroupCommit>,
}

impl Store {
    /// Opens (and for SQLite, creates) the database at `url` and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = normalise_url(url)?;
        // One plain connection first: its error says what is wrong (refused, bad password,
        // no such database), where the pool's would only say that it timed out.
        let probe: sqlx::AnyConnection = sqlx::Connection::connect(&url).await?;
        sqlx::Connection::close(probe).await?;
        let max = if backend == Backend::Sqlite { 8 } else { 16 };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work beside the one writer; the busy timeout makes
                        // concurrent writers queue instead of failing.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 15000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        migrator(backend).run(&pool).await?;
        let write_lock =
            (backend == Backend::Sqlite).then(|| Arc::new(tokio::sync::Mutex::new(())));
        let mut store = Store {
            pool,
            backend,
            write_lock,
            group_commit: None,
        };
        if backend == Backend::Sqlite {
            store.group_commit = Some(GroupCommit::start(store.clone()));
        }
        Ok(store)
    }

    /// Held for the length of one write (SQLite only).
    async fn writing(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.write_lock {
            Some(lock) => Some(lock.lock().await),
            None => None,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Waits for running queries and closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A round trip to the database, for the health check.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }
}

/// `sqlite://PATH` (created with its folder when missing) or `postgres://...`.
fn normalise_url(url: &str) -> Result<(Backend, String)> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_string()));
    }
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or_else(|| {
            StoreError(format!(
                "unsupported database URL {url:?}: use sqlite://PATH or postgres://USER@HOST/DB"
            ))
        })?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" {
        return Err(StoreError("sqlite:// needs a file path".into()));
    }
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_string()
    } else {
        "mode=rwc".to_string()
    };
    Ok((Backend::Sqlite, format!("sqlite://{path}?{query}")))
}

fn migrator(backend: Backend) -> Migrator {
    let sql = match backend {
        Backend::Sqlite => include_str!("../migrations/sqlite/0001_init.sql"),
        Backend::Postgres => include_str!("../migrations/postgres/0001_init.sql"),
    };
    let migrations = vec![Migration::new(
        1,
        Cow::Borrowed("init"),
        MigrationType::Simple,
        Cow::Borrowed(sql),
        false,
    )];
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

/// Now, as the fixed-width RFC 3339 UTC text every time column holds (so text order is time
/// order on both backends).
pub fn now() -> String {
    timestamp(chrono::Utc::now())
}

fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}
