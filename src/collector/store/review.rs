//! Moderators' decisions on reports, with the history of who decided what and when.

use serde::Serialize;
use sqlx::Row;

use super::reports::StoredReport;
use super::{now, Result, Store};

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

#[derive(Debug, Clone, Serialize)]
pub struct ReviewEntry {
    pub action: String,
    pub note: Option<String>,
    pub reference: Option<String>,
    pub by: String,
    pub at: String,
}

impl Store {
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
}
