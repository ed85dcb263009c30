//! Tokens (stored as hashes) and the review page's sessions.

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{now, timestamp, Result, Store, StoreError};
use crate::collector::secret;

/// How long a review-page login lasts.
const SESSION_HOURS: i64 = 12;

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

impl Store {
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
