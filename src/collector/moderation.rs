//! The moderators' JSON API, used by the review page and by scripts with a moderator token:
//! the queue, one report's evidence, review actions, seller linking, export and tokens.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::auth::Moderator;
use super::error::ApiError;
use super::export;
use super::server::AppState;
use super::store::{Link, ReportFilter, ReviewAction, Role, StoredReport, STATUSES};

#[derive(Debug, Default, Deserialize)]
pub struct FilterParams {
    status: Option<String>,
    platform: Option<String>,
    category: Option<String>,
    indicator: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

impl FilterParams {
    fn into_filter(self) -> Result<ReportFilter, ApiError> {
        if let Some(s) = self.status.as_deref().filter(|s| !s.is_empty()) {
            if !STATUSES.contains(&s) {
                return Err(ApiError::invalid(format!(
                    "status: expected one of {STATUSES:?}"
                )));
            }
        }
        Ok(ReportFilter {
            status: self.status,
            platform: self.platform,
            category: self.category,
            indicator: self.indicator,
            ids: None,
            limit: self.limit,
            offset: self.offset,
        })
    }
}

/// `GET /v1/reports`: stored reports, newest first (all of them unless `limit` is given).
pub async fn list_reports(
    State(app): State<AppState>,
    _: Moderator,
    Query(params): Query<FilterParams>,
) -> Result<Json<Vec<Value>>, ApiError> {
    let reports = app.store.list_reports(&params.into_filter()?).await?;
    Ok(Json(reports.iter().map(StoredReport::to_json).collect()))
}

/// `GET /v1/reports/{id}`: the evidence, the review history and the seller links.
pub async fn get_report(
    State(app): State<AppState>,
    _: Moderator,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let report = app
        .store
        .get_report(&id)
        .await?
        .ok_or_else(|| no_report(&id))?;
    let history = app.store.review_log(&id).await?;
    Ok(Json(
        json!({ "report": report.to_json(), "history": history }),
    ))
}

/// `GET /v1/reports/{id}/screenshot`: the PNG, to moderators only, never cached.
pub async fn screenshot(
    State(app): State<AppState>,
    _: Moderator,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let png = app
        .store
        .screenshot(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("this report has no screenshot"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        Body::from(png),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct ReviewBody {
    action: String,
    note: Option<String>,
    reference: Option<String>,
}

/// `POST /v1/reports/{id}/review`: confirm; reject (false positive) with a note; escalate
/// (sent to a platform or an authority) with a reference.
pub async fn review(
    State(app): State<AppState>,
    Moderator(who): Moderator,
    Path(id): Path<String>,
    Json(body): Json<ReviewBody>,
) -> Result<Json<Value>, ApiError> {
    let action = ReviewAction::parse(&body.action)
        .ok_or_else(|| ApiError::invalid("action: expected confirm, reject or escalate"))?;
    let note = body
        .note
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let reference = body
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if action == ReviewAction::Reject && note.is_none() {
        return Err(ApiError::invalid("note: say why the report is rejected"));
    }
    if action == ReviewAction::Escalate && reference.is_none() {
        return Err(ApiError::invalid(
            "reference: say where it was sent (a case or ticket)",
        ));
    }
    let report = app
        .store
        .review(&id, action, note, reference, &who.name)
        .await?
        .ok_or_else(|| no_report(&id))?;
    tracing::info!(
        report_id = id,
        action = body.action,
        moderator = who.name,
        "report reviewed"
    );
    Ok(Json(report.to_json()))
}

/// `GET /v1/reports/{id}/links`: for each seller channel of the report, every report sharing it.
pub async fn report_links(
    State(app): State<AppState>,
    _: Moderator,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let links = app
        .store
        .links_for_report(&id)
        .await?
        .ok_or_else(|| no_report(&id))?;
    Ok(Json(with_reports(&app, links).await?))
}

#[derive(Debug, Deserialize)]
pub struct LinkParams {
    indicator: String,
}

/// `GET /v1/links?indicator=...`: every report carrying a phone, handle, e-mail or account.
pub async fn search_links(
    State(app): State<AppState>,
    _: Moderator,
    Query(params): Query<LinkParams>,
) -> Result<Json<Value>, ApiError> {
    let links = app.store.links_for_text(&params.indicator).await?;
    Ok(Json(with_reports(&app, links).await?))
}

/// Links with the reports they name, so one page can show the whole network.
async fn with_reports(app: &AppState, links: Vec<Link>) -> Result<Value, ApiError> {
    let mut ids: Vec<String> = links.iter().flat_map(|l| l.report_ids.clone()).collect();
    ids.sort();
    ids.dedup();
    let filter = ReportFilter {
        ids: Some(ids),
        ..ReportFilter::default()
    };
    let reports: HashMap<String, Value> = app
        .store
        .list_reports(&filter)
        .await?
        .iter()
        .map(|r| (r.report_id.clone(), r.to_json()))
        .collect();
    Ok(json!({ "links": links, "reports": reports }))
}

#[derive(Debug, Deserialize)]
pub struct ExportBody {
    format: String,
    /// The selected reports; without it, every report the filters match.
    ids: Option<Vec<String>>,
    #[serde(flatten)]
    filter: FilterParamsBody,
}

#[derive(Debug, Default, Deserialize)]
pub struct FilterParamsBody {
    status: Option<String>,
    platform: Option<String>,
    category: Option<String>,
    indicator: Option<String>,
}

/// `POST /v1/export`: a selection as a CSV or JSON download.
pub async fn export(
    State(app): State<AppState>,
    _: Moderator,
    Json(body): Json<ExportBody>,
) -> Result<Response, ApiError> {
    let params = FilterParams {
        status: body.filter.status,
        platform: body.filter.platform,
        category: body.filter.category,
        indicator: body.filter.indicator,
        ..FilterParams::default()
    };
    let mut filter = params.into_filter()?;
    filter.ids = body.ids;
    let reports = app.store.list_reports(&filter).await?;
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let (content_type, ext, text) = match body.format.as_str() {
        "csv" => ("text/csv; charset=utf-8", "csv", export::to_csv(&reports)),
        "json" => ("application/json", "json", export::to_json(&reports)),
        _ => return Err(ApiError::invalid("format: expected csv or json")),
    };
    let disposition = format!("attachment; filename=\"nigehban-reports-{stamp}.{ext}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        text,
    )
        .into_response())
}

/// `GET /v1/tokens`: every token (never the secrets).
pub async fn list_tokens(
    State(app): State<AppState>,
    _: Moderator,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(json!(app.store.list_tokens().await?)))
}

#[derive(Debug, Deserialize)]
pub struct NewToken {
    name: String,
}

/// `POST /v1/tokens`: issues a volunteer token; the secret is in this answer only.
/// Moderator tokens come from the command line (`nigehban token create --role moderator`).
pub async fn create_token(
    State(app): State<AppState>,
    Moderator(who): Moderator,
    Json(body): Json<NewToken>,
) -> Result<Response, ApiError> {
    if body.name.trim().is_empty() {
        return Err(ApiError::invalid("name: say whose token this is"));
    }
    let (token, info) = app
        .store
        .create_token(&body.name, Role::Volunteer, &who.name)
        .await?;
    tracing::info!(
        token = info.name,
        moderator = who.name,
        "volunteer token issued"
    );
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": token, "info": info })),
    )
        .into_response())
}

/// `POST /v1/tokens/{id}/revoke`: the token stops working at once.
pub async fn revoke_token(
    State(app): State<AppState>,
    Moderator(who): Moderator,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    if id == who.id {
        return Err(ApiError::forbidden(
            "you cannot revoke the token you are using",
        ));
    }
    if !app.store.revoke_token(id).await? {
        return Err(ApiError::not_found(format!("no live token {id}")));
    }
    tracing::info!(token_id = id, moderator = who.name, "token revoked");
    Ok(StatusCode::NO_CONTENT)
}

fn no_report(id: &str) -> ApiError {
    ApiError::not_found(format!("no report {id}"))
}
