//! The collector's storage: one API over SQLite (the embedded default) and PostgreSQL (a team's
//! shared database). Queries are written once in the SQL both understand (`$n` parameters,
//! `ON CONFLICT`, `RETURNING`); each backend has its own migrations with the same schema.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, Row};

use super::group_commit::GroupCommit;
use super::indicators;
use super::report::ValidReport;
use super::secret;

/// How long a review-page login lasts.
const SESSION_HOURS: i64 = 12;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Volunteer,
    Moderator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Volunteer => "volunteer",
            Role::Moderator => "moderator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "volunteer" => Some(Role::Volunteer),
            "moderator" => Some(Role::Moderator),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_at: String,
    pub created_by: String,
    pub revoked_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    New,
    Duplicate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAction {
    Confirm,
    Reject,
    Escalate,
}

impl ReviewAction {
    pub fn parse(s: &str) -> Option<ReviewAction> {
        match s {
            "confirm" => Some(ReviewAction::Confirm),
            "reject" => Some(ReviewAction::Reject),
            "escalate" => Some(ReviewAction::Escalate),
            _ => None,
        }
    }

    fn status(self) -> &'static str {
        match self {
            ReviewAction::Confirm => "confirmed",
            ReviewAction::Reject => "rejected",
            ReviewAction::Escalate => "escalated",
        }
    }
}

pub const STATUSES: [&str; 4] = ["new", "confirmed", "rejected", "escalated"];

/// Which reports a listing or an export holds; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    pub status: Option<String>,
    pub platform: Option<String>,
    pub category: Option<String>,
    /// Free text: a phone number, handle, e-mail or payment account (see [`indicators`]).
    pub indicator: Option<String>,
    /// Exactly these report ids (an export of a selection).
    pub ids: Option<Vec<String>>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A stored report as moderators see it: the report as sent plus what the collector added.
#[derive(Debug, Clone)]
pub struct StoredReport {
    pub report_id: String,
    pub body: Value,
    pub received_at: String,
    pub reporter: String,
    pub status: String,
    pub review_note: Option<String>,
    pub review_reference: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub has_screenshot: bool,
}

impl StoredReport {
    /// The report JSON with a `review` object, `received_at`, `reporter` and, when there is one,
    /// `screenshot_url` (the image itself is served apart, to moderators only).
    pub fn to_json(&self) -> Value {
        let mut v = self.body.clone();
        if let Some(obj) = v.as_object_mut() {
            obj.insert("received_at".into(), self.received_at.clone().into());
            obj.insert("reporter".into(), self.reporter.clone().into());
            obj.insert(
                "review".into(),
                serde_json::json!({
                    "status": self.status,
                    "note": self.review_note,
                    "reference": self.review_reference,
                    "by": self.reviewed_by,
                    "at": self.reviewed_at,
                }),
            );
            if self.has_screenshot {
                let url = format!("/v1/reports/{}/screenshot", self.report_id);
                obj.insert("screenshot_url".into(), url.into());
            }
        }
        v
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewEntry {
    pub action: String,
    pub note: Option<String>,
    pub reference: Option<String>,
    pub by: String,
    pub at: String,
}

/// One seller channel and every report that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub key: String,
    pub kinds: Vec<String>,
    pub values: Vec<String>,
    pub report_ids: Vec<String>,
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

const REPORT_COLUMNS: &str = "r.report_id, r.body, r.received_at, t.name AS reporter, r.status, \
     r.review_note, r.review_reference, r.reviewed_by, r.reviewed_at, \
     CASE WHEN EXISTS (SELECT 1 FROM screenshots s WHERE s.report_seq = r.seq) \
     THEN 1 ELSE 0 END AS has_screenshot";

impl Store {
    /// Opens (and for SQLite, creates) the database at `url` and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = normalise_url(url)?;
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

    /// Creates a token and returns its secret (shown once; only its hash is kept).
    pub async fn create_token(
        &self,
        name: &str,
        role: Role,
        created_by: &str,
    ) -> Result<(String, TokenInfo)> {
        let _writing = self.writing().await;
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError("a token needs a name".into()));
        }
        let token = secret::new_token();
        let row = sqlx::query(
            "INSERT INTO tokens (name, role, token_hash, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id, name, role, created_at, created_by, revoked_at",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(secret::hash(&token))
        .bind(now())
        .bind(created_by)
        .fetch_one(&self.pool)
        .await?;
        Ok((token, token_info(&row)?))
    }

    /// The live (not revoked) token whose secret this is.
    pub async fn authenticate(&self, token: &str) -> Result<Option<TokenInfo>> {
        let row = sqlx::query(
            "SELECT id, name, role, created_at, created_by, revoked_at FROM tokens \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(secret::hash(token))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(token_info).transpose()
    }

    pub async fn list_tokens(&self) -> Result<Vec<TokenInfo>> {
        let rows = sqlx::query(
            "SELECT id, name, role, created_at, created_by, revoked_at FROM tokens ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(token_info).collect()
    }

    /// Revokes a token (its sessions die with it); false when there is no live token `id`.
    pub async fn revoke_token(&self, id: i64) -> Result<bool> {
        let _writing = self.writing().await;
        let done =
            sqlx::query("UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(now())
                .bind(id)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Stores a report once: a report_id already stored is left as it is. On SQLite the
    /// report joins the group commit (see [`group_commit`]); PostgreSQL groups commits itself.
    pub async fn insert_report(&self, report: ValidReport, token_id: i64) -> Result<Inserted> {
        if let Some(queue) = &self.group_commit {
            return queue.insert(report, token_id).await;
        }
        let mut tx = self.pool.begin().await?;
        let inserted = insert_in(&mut tx, &report, token_id).await?;
        tx.commit().await?;
        Ok(inserted)
    }

    /// Stores several reports in one transaction (one fsync), each in its own savepoint so
    /// one failure does not sink the others.
    pub(super) async fn insert_batch(
        &self,
        jobs: &[(ValidReport, i64)],
    ) -> Result<Vec<Result<Inserted>>> {
        let _writing = self.writing().await;
        let mut tx = self.pool.begin().await?;
        let mut results = Vec::with_capacity(jobs.len());
        for (report, token_id) in jobs {
            let mut savepoint = sqlx::Connection::begin(&mut *tx).await?;
            match insert_in(&mut savepoint, report, *token_id).await {
                Ok(inserted) => {
                    savepoint.commit().await?;
                    results.push(Ok(inserted));
                }
                Err(e) => {
                    savepoint.rollback().await?;
                    results.push(Err(e));
                }
            }
        }
        tx.commit().await?;
        Ok(results)
    }

    /// Reports matching `filter`, newest first (in the order the collector received them).
    pub async fn list_reports(&self, filter: &ReportFilter) -> Result<Vec<StoredReport>> {
        let mut sql = format!(
            "SELECT {REPORT_COLUMNS} FROM reports r JOIN tokens t ON t.id = r.token_id WHERE 1 = 1"
        );
        let mut args: Vec<String> = Vec::new();
        let next = |args: &mut Vec<String>, value: String| {
            args.push(value);
            format!("${}", args.len())
        };
        if let Some(status) = nonempty(&filter.status) {
            let p = next(&mut args, status.to_string());
            sql += &format!(" AND r.status = {p}");
        }
        if let Some(platform) = nonempty(&filter.platform) {
            let p = next(&mut args, platform.to_string());
            sql += &format!(" AND r.platform = {p}");
        }
        if let Some(category) = nonempty(&filter.category) {
            let p = next(&mut args, category.to_string());
            sql += &format!(
                " AND EXISTS (SELECT 1 FROM report_categories c \
                 WHERE c.report_seq = r.seq AND c.category = {p})"
            );
        }
        if let Some(text) = nonempty(&filter.indicator) {
            let mut keys = indicators::query_keys(text);
            if keys.is_empty() {
                keys.push(String::new()); // matches nothing, as a search for nothing should
            }
            let params: Vec<String> = keys.into_iter().map(|k| next(&mut args, k)).collect();
            sql += &format!(
                " AND EXISTS (SELECT 1 FROM indicators i \
                 WHERE i.report_seq = r.seq AND i.link_key IN ({}))",
                params.join(", ")
            );
        }
        if let Some(ids) = &filter.ids {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let params: Vec<String> = ids
                .iter()
                .map(|id| next(&mut args, id.to_ascii_lowercase()))
                .collect();
            sql += &format!(" AND r.report_id IN ({})", params.join(", "));
        }
        sql += " ORDER BY r.seq DESC";
        if let Some(limit) = filter.limit {
            sql += &format!(" LIMIT {}", limit.max(0));
            if let Some(offset) = filter.offset {
                sql += &format!(" OFFSET {}", offset.max(0));
            }
        }
        let mut query = sqlx::query(&sql);
        for a in &args {
            query = query.bind(a.as_str());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(stored_report).collect()
    }

    pub async fn get_report(&self, report_id: &str) -> Result<Option<StoredReport>> {
        let sql = format!(
            "SELECT {REPORT_COLUMNS} FROM reports r JOIN tokens t ON t.id = r.token_id \
             WHERE r.report_id = $1"
        );
        let row = sqlx::query(&sql)
            .bind(report_id.to_ascii_lowercase())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(stored_report).transpose()
    }

    /// A round trip to the database, for the health check.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    pub async fn count_reports(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) FROM reports")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn screenshot(&self, report_id: &str) -> Result<Option<Vec<u8>>> {
        let row = sqlx::query(
            "SELECT s.png FROM screenshots s JOIN reports r ON r.seq = s.report_seq \
             WHERE r.report_id = $1",
        )
        .bind(report_id.to_ascii_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// Records a moderator's decision; `None` when there is no such report.
    pub async fn review(
        &self,
        report_id: &str,
        action: ReviewAction,
        note: Option<&str>,
        reference: Option<&str>,
        actor: &str,
    ) -> Result<Option<StoredReport>> {
        let _writing = self.writing().await;
        let at = now();
        let mut tx = self.pool.begin().await?;
        let seq: Option<i64> = sqlx::query(
            "UPDATE reports SET status = $1, review_note = $2, review_reference = $3, \
             reviewed_by = $4, reviewed_at = $5 WHERE report_id = $6 RETURNING seq",
        )
        .bind(action.status())
        .bind(note)
        .bind(reference)
        .bind(actor)
        .bind(&at)
        .bind(report_id.to_ascii_lowercase())
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?;
        let Some(seq) = seq else {
            tx.rollback().await?;
            return Ok(None);
        };
        sqlx::query(
            "INSERT INTO review_log (report_seq, action, note, reference, actor, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(seq)
        .bind(action.status())
        .bind(note)
        .bind(reference)
        .bind(actor)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.get_report(report_id).await
    }

    pub async fn review_log(&self, report_id: &str) -> Result<Vec<ReviewEntry>> {
        let rows = sqlx::query(
            "SELECT l.action, l.note, l.reference, l.actor, l.at FROM review_log l \
             JOIN reports r ON r.seq = l.report_seq WHERE r.report_id = $1 ORDER BY l.id",
        )
        .bind(report_id.to_ascii_lowercase())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ReviewEntry {
                    action: row.try_get(0)?,
                    note: row.try_get(1)?,
                    reference: row.try_get(2)?,
                    by: row.try_get(3)?,
                    at: row.try_get(4)?,
                })
            })
            .collect()
    }

    /// For each seller channel of a report, every report sharing it; `None` for no such report.
    pub async fn links_for_report(&self, report_id: &str) -> Result<Option<Vec<Link>>> {
        if self.get_report(report_id).await?.is_none() {
            return Ok(None);
        }
        let rows = sqlx::query(
            "SELECT DISTINCT i.link_key FROM indicators i JOIN reports r ON r.seq = i.report_seq \
             WHERE r.report_id = $1 AND i.link_key NOT LIKE 'urls:%' ORDER BY i.link_key",
        )
        .bind(report_id.to_ascii_lowercase())
        .fetch_all(&self.pool)
        .await?;
        let keys: Vec<String> = rows
            .iter()
            .map(|r| r.try_get(0))
            .collect::<std::result::Result<_, _>>()?;
        Ok(Some(self.links_for_keys(&keys).await?))
    }

    /// For each seller channel a moderator's search text could mean, every report carrying it.
    pub async fn links_for_text(&self, text: &str) -> Result<Vec<Link>> {
        let keys = indicators::query_keys(text);
        let links = self.links_for_keys(&keys).await?;
        Ok(links
            .into_iter()
            .filter(|l| !l.report_ids.is_empty())
            .collect())
    }

    async fn links_for_keys(&self, keys: &[String]) -> Result<Vec<Link>> {
        let mut links = Vec::new();
        for key in keys {
            let rows = sqlx::query(
                "SELECT i.kind, i.value, r.report_id FROM indicators i \
                 JOIN reports r ON r.seq = i.report_seq WHERE i.link_key = $1 ORDER BY r.seq DESC",
            )
            .bind(key)
            .fetch_all(&self.pool)
            .await?;
            let mut link = Link {
                key: key.clone(),
                kinds: Vec::new(),
                values: Vec::new(),
                report_ids: Vec::new(),
            };
            for row in &rows {
                let (kind, value, id): (String, String, String) =
                    (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
                push_unique(&mut link.kinds, kind);
                push_unique(&mut link.values, value);
                push_unique(&mut link.report_ids, id);
            }
            links.push(link);
        }
        Ok(links)
    }

    /// Starts a review-page session for a moderator token; returns the cookie's secret.
    pub async fn create_session(&self, token_id: i64) -> Result<String> {
        let _writing = self.writing().await;
        let id = secret::new_session_id();
        let expires = chrono::Utc::now() + chrono::Duration::hours(SESSION_HOURS);
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now())
            .execute(&self.pool)
            .await?;
        sqlx::query("INSERT INTO sessions (id_hash, token_id, expires_at) VALUES ($1, $2, $3)")
            .bind(secret::hash(&id))
            .bind(token_id)
            .bind(timestamp(expires))
            .execute(&self.pool)
            .await?;
        Ok(id)
    }

    /// The live token behind a session cookie (expired sessions and revoked tokens give none).
    pub async fn session(&self, session_id: &str) -> Result<Option<TokenInfo>> {
        let row = sqlx::query(
            "SELECT t.id, t.name, t.role, t.created_at, t.created_by, t.revoked_at \
             FROM sessions s JOIN tokens t ON t.id = s.token_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND t.revoked_at IS NULL",
        )
        .bind(secret::hash(session_id))
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(token_info).transpose()
    }

    pub async fn delete_session(&self, session_id: &str) -> Result<()> {
        let _writing = self.writing().await;
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(secret::hash(session_id))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// The statements that store one report, inside the caller's transaction.
async fn insert_in(
    conn: &mut sqlx::AnyConnection,
    report: &ValidReport,
    token_id: i64,
) -> Result<Inserted> {
    // The insert comes first so a SQLite transaction takes the write lock at once (a read
    // first would make it fail, not wait, when another writer got there before it).
    let seq: Option<i64> = sqlx::query(
        "INSERT INTO reports (report_id, received_at, created_at, token_id, platform, \
             page_url, level, score, text_sha256, body) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (report_id) DO NOTHING RETURNING seq",
    )
    .bind(&report.report_id)
    .bind(now())
    .bind(&report.created_at)
    .bind(token_id)
    .bind(&report.platform)
    .bind(&report.page_url)
    .bind(&report.level)
    .bind(report.score)
    .bind(&report.text_sha256)
    .bind(report.body.to_string())
    .fetch_optional(&mut *conn)
    .await?
    .map(|row| row.try_get(0))
    .transpose()?;
    let Some(seq) = seq else {
        return Ok(Inserted::Duplicate);
    };
    for category in &report.categories {
        sqlx::query(
            "INSERT INTO report_categories (report_seq, category) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
        )
        .bind(seq)
        .bind(category)
        .execute(&mut *conn)
        .await?;
    }
    for (kind, value) in &report.indicators {
        let key = indicators::link_key(kind, value)
            .unwrap_or_else(|| format!("{kind}:{}", value.to_lowercase()));
        sqlx::query(
            "INSERT INTO indicators (report_seq, kind, value, link_key) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT DO NOTHING",
        )
        .bind(seq)
        .bind(kind)
        .bind(value)
        .bind(key)
        .execute(&mut *conn)
        .await?;
    }
    if let Some(png) = &report.screenshot_png {
        sqlx::query("INSERT INTO screenshots (report_seq, png) VALUES ($1, $2)")
            .bind(seq)
            .bind(png.clone())
            .execute(&mut *conn)
            .await?;
    }
    Ok(Inserted::New)
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
        Backend::Sqlite => include_str!("migrations/sqlite/0001_init.sql"),
        Backend::Postgres => include_str!("migrations/postgres/0001_init.sql"),
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

fn token_info(row: &AnyRow) -> Result<TokenInfo> {
    let role: String = row.try_get("role")?;
    Ok(TokenInfo {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| StoreError(format!("unknown role {role:?}")))?,
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

fn stored_report(row: &AnyRow) -> Result<StoredReport> {
    let body: String = row.try_get("body")?;
    let has_screenshot: i64 = row.try_get("has_screenshot")?;
    Ok(StoredReport {
        report_id: row.try_get("report_id")?,
        body: serde_json::from_str(&body)
            .map_err(|e| StoreError(format!("stored report is not JSON: {e}")))?,
        received_at: row.try_get("received_at")?,
        reporter: row.try_get("reporter")?,
        status: row.try_get("status")?,
        review_note: row.try_get("review_note")?,
        review_reference: row.try_get("review_reference")?,
        reviewed_by: row.try_get("reviewed_by")?,
        reviewed_at: row.try_get("reviewed_at")?,
        has_screenshot: has_screenshot != 0,
    })
}

fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
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
