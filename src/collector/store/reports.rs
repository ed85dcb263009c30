//! Reports: stored once, listed and filtered, with their screenshots.

use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{now, Result, Store, StoreError};
use crate::collector::indicators;
use crate::collector::report::ValidReport;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    New,
    Duplicate,
}

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

const REPORT_COLUMNS: &str = "r.report_id, r.body, r.received_at, t.name AS reporter, r.status, \
     r.review_note, r.review_reference, r.reviewed_by, r.reviewed_at, \
     CASE WHEN EXISTS (SELECT 1 FROM screenshots s WHERE s.report_seq = r.seq) \
     THEN 1 ELSE 0 END AS has_screenshot";

impl Store {
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
    pub(in crate::collector) async fn insert_batch(
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
