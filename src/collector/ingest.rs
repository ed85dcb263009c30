//! `POST /v1/reports` (DESIGN.md delivery contract) and `GET /healthz`.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::auth::Reporter;
use super::error::ApiError;
use super::report;
use super::server::AppState;
use super::store::Inserted;

/// 201 for a new report, 200 for one already stored; the store keeps each report_id once.
pub async fn post_report(
    State(app): State<AppState>,
    Reporter(token): Reporter,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    app.limiter
        .check(token.id)
        .map_err(ApiError::rate_limited)?;
    let report = report::parse(&body?)?;
    if let Some(key) = headers.get("idempotency-key") {
        let key = key.to_str().unwrap_or_default().trim().to_ascii_lowercase();
        if key != report.report_id {
            return Err(ApiError::invalid(format!(
                "Idempotency-Key {key:?} differs from report_id {:?}",
                report.report_id
            )));
        }
    }
    let report_id = report.report_id.clone();
    // Run the insert as its own task: once accepted, a report is stored even if the client
    // hangs up or the server is shutting down.
    let store = app.store.clone();
    let inserted = tokio::spawn(async move { store.insert_report(report, token.id).await })
        .await
        .map_err(|e| ApiError::internal(format!("storing the report failed: {e}")))??;
    let (status, word) = match inserted {
        Inserted::New => (StatusCode::CREATED, "stored"),
        Inserted::Duplicate => (StatusCode::OK, "duplicate"),
    };
    tracing::info!(
        report_id,
        reporter = token.name,
        outcome = word,
        "report received"
    );
    Ok((
        status,
        Json(json!({ "report_id": report_id, "status": word })),
    )
        .into_response())
}

/// 200 while the database answers; 503 when it does not (a load balancer takes the hint).
pub async fn healthz(State(app): State<AppState>) -> Response {
    match app.store.ping().await {
        Ok(_) => (StatusCode::OK, Json(json!({ "status": "ok" }))).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "database unavailable" })),
            )
                .into_response()
        }
    }
}

/// Extensions post from their own origin; where the browser applies CORS (a Firefox user who has
/// not granted the host permission), these headers let the report through. Safe to open to any
/// origin: the endpoint authenticates by bearer token, never by cookie.
pub async fn allow_any_origin(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("retry-after"),
    );
    response
}

/// The CORS preflight for `POST /v1/reports`.
pub async fn preflight() -> Response {
    (
        StatusCode::NO_CONTENT,
        [
            (header::ACCESS_CONTROL_ALLOW_METHODS, "POST, GET"),
            (
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "authorization, content-type, idempotency-key",
            ),
            (header::ACCESS_CONTROL_MAX_AGE, "86400"),
        ],
    )
        .into_response()
}
