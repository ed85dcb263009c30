//! The review page: static HTML, JS and CSS compiled into the binary, over the moderation API.
//! A moderator logs in with a moderator token; the page then works by an HttpOnly,
//! SameSite=Strict session cookie, so the token is not kept in the browser.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::auth::{session_cookie, Moderator, SESSION_COOKIE};
use super::error::ApiError;
use super::server::AppState;
use super::store::Role;

const INDEX_HTML: &str = include_str!("review/index.html");
const REVIEW_JS: &str = include_str!("review/review.js");
const REVIEW_CSS: &str = include_str!("review/review.css");

/// Only the page's own files may run or load: no inline script, no third party.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub async fn root() -> Redirect {
    Redirect::to("/review/")
}

pub async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", REVIEW_JS)
}

pub async fn style() -> Response {
    asset("text/css; charset=utf-8", REVIEW_CSS)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// Security headers on every answer (the API's JSON included: nothing here is to be framed,
/// sniffed or sent on as a referrer).
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

#[derive(Debug, Deserialize)]
pub struct Login {
    token: String,
}

/// `POST /review/api/login {"token"}`: a moderator token opens a session.
pub async fn login(
    State(app): State<AppState>,
    Json(body): Json<Login>,
) -> Result<Response, ApiError> {
    let info = app
        .store
        .authenticate(body.token.trim())
        .await?
        .ok_or_else(|| ApiError::unauthorized("unknown or revoked token"))?;
    if info.role != Role::Moderator {
        return Err(ApiError::forbidden(
            "the review page needs a moderator token",
        ));
    }
    let session = app.store.create_session(info.id).await?;
    let cookie = format!(
        "{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200{}",
        if app.secure_cookies { "; Secure" } else { "" }
    );
    tracing::info!(moderator = info.name, "review login");
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(json!({ "name": info.name, "role": info.role })),
    )
        .into_response())
}

/// `POST /review/api/logout`: ends the session.
pub async fn logout(State(app): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let (parts, _) = request.into_parts();
    if let Some(session) = session_cookie(&parts) {
        app.store.delete_session(session).await?;
    }
    let clear = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

/// `GET /review/api/me`: who is logged in (401 when nobody is).
pub async fn me(Moderator(who): Moderator) -> Json<serde_json::Value> {
    Json(json!({ "name": who.name, "role": who.role }))
}
