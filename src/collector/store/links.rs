//! Seller linking: reports that share a phone number, handle, e-mail or payment account.

use serde::Serialize;
use sqlx::Row;

use super::{Result, Store};
use crate::collector::indicators;

/// One seller channel and every report that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub key: String,
    pub kinds: Vec<String>,
    pub values: Vec<String>,
    pub report_ids: Vec<String>,
}

impl Store {
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
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}
