//! Who is asking: a bearer token (extensions, scripts) or the review page's session cookie.
//! Handlers take [`Reporter`] (any live token) or [`Moderator`] as an argument.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use super::error::ApiError;
use super::server::AppState;
use super::store::{Role, TokenInfo};

pub const SESSION_COOKIE: &str = "nigehban_session";

/// Any live token: volunteers and moderators may both send reports.
pub struct Reporter(pub TokenInfo);

/// A moderator, by bearer token or by review-page session.
pub struct Moderator(pub TokenInfo);

impl FromRequestParts<AppState> for Reporter {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        let token = bearer(parts).ok_or_else(|| {
            ApiError::unauthorized("missing token: send Authorization: Bearer <token>")
        })?;
        match app.store.authenticate(token).await? {
            Some(info) => Ok(Reporter(info)),
            None => Err(ApiError::unauthorized("unknown or revoked token")),
        }
    }
}

impl FromRequestParts<AppState> for Moderator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        let info = if let Some(token) = bearer(parts) {
            app.store.authenticate(token).await?
        } else if let Some(session) = session_cookie(parts) {
            app.store.session(session).await?
        } else {
            return Err(ApiError::unauthorized("log in as a moderator"));
        };
        match info {
            Some(info) if info.role == Role::Moderator => Ok(Moderator(info)),
            Some(_) => Err(ApiError::forbidden("this needs a moderator token")),
            None => Err(ApiError::unauthorized(
                "unknown or revoked token, or the session ended",
            )),
        }
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

pub fn session_cookie(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}
