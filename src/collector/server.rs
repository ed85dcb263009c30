//! The HTTP service: configuration, the router (built here, in one place), logging and the
//! graceful shutdown that loses no accepted report.

use std::future::Future;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use super::ratelimit::RateLimiter;
use super::store::{Role, Store};
use super::{error, ingest, moderation, review_page};

/// How long a shutdown waits for requests in flight before it gives up on them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on, such as 127.0.0.1:8080 (port 0 picks a free port).
    pub listen: String,
    /// `sqlite://PATH` or `postgres://...`.
    pub database: String,
    /// Reports per minute per token; 0 turns the limit off.
    pub rate_limit_per_minute: u32,
    /// Largest request body accepted (a report with its screenshot).
    pub max_body_bytes: usize,
    /// Mark the session cookie Secure (when a TLS proxy sits in front).
    pub secure_cookies: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: "127.0.0.1:8080".into(),
            database: "sqlite://nigehban.db".into(),
            rate_limit_per_minute: 60,
            max_body_bytes: 4 * 1024 * 1024,
            secure_cookies: false,
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub limiter: Arc<RateLimiter>,
    pub secure_cookies: bool,
}

pub fn router(app: AppState, max_body_bytes: usize) -> Router {
    Router::new()
        .route("/healthz", get(ingest::healthz))
        .route(
            "/v1/reports",
            post(ingest::post_report)
                .get(moderation::list_reports)
                .options(ingest::preflight)
                .layer(middleware::map_response(ingest::allow_any_origin)),
        )
        .route("/v1/reports/{id}", get(moderation::get_report))
        .route("/v1/reports/{id}/screenshot", get(moderation::screenshot))
        .route("/v1/reports/{id}/review", post(moderation::review))
        .route("/v1/reports/{id}/links", get(moderation::report_links))
        .route("/v1/links", get(moderation::search_links))
        .route("/v1/export", post(moderation::export))
        .route(
            "/v1/tokens",
            get(moderation::list_tokens).post(moderation::create_token),
        )
        .route("/v1/tokens/{id}/revoke", post(moderation::revoke_token))
        .route("/", get(review_page::root))
        .route("/review", get(review_page::root))
        .route("/review/", get(review_page::index))
        .route("/review/review.js", get(review_page::script))
        .route("/review/review.css", get(review_page::style))
        .route("/review/api/login", post(review_page::login))
        .route("/review/api/logout", post(review_page::logout))
        .route("/review/api/me", get(review_page::me))
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(middleware::map_response(error::json_errors))
        .layer(middleware::from_fn(review_page::security_headers))
        .layer(middleware::from_fn(log_request))
        .with_state(app)
}

/// Runs the collector until `shutdown` resolves, then stops accepting connections, lets the
/// requests in flight finish (their reports are stored) and closes the database.
pub async fn serve(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let store = Store::connect(&config.database)
        .await
        .map_err(|e| format!("cannot open {}: {e}", redact(&config.database)))?;
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let has_moderator = store
        .list_tokens()
        .await
        .map_err(|e| e.to_string())?
        .iter()
        .any(|t| t.role == Role::Moderator && t.revoked_at.is_none());

    let app = AppState {
        store: store.clone(),
        limiter: Arc::new(RateLimiter::new(config.rate_limit_per_minute)),
        secure_cookies: config.secure_cookies,
    };
    let router = router(app, config.max_body_bytes);

    tracing::info!(
        %addr,
        database = redact(&config.database),
        rate_limit_per_minute = config.rate_limit_per_minute,
        max_body_bytes = config.max_body_bytes,
        "collector ready"
    );
    // Plain lines on stdout for the person (or test) that started us; "listening on" comes
    // last and means ready.
    if !has_moderator {
        println!(
            "nigehban: no moderator yet; create one with:\n  nigehban token create --database '{}' --name YOUR_NAME --role moderator",
            redact(&config.database)
        );
    }
    println!("nigehban: review page at http://{addr}/review/");
    println!("nigehban: listening on http://{addr}");

    let (stopping_tx, mut stopping_rx) = tokio::sync::watch::channel(false);
    let server = axum::serve(listener, router).with_graceful_shutdown(async move {
        shutdown.await;
        tracing::info!("shutting down: no new connections; finishing requests in flight");
        let _ = stopping_tx.send(true);
    });
    let overdue = async move {
        let _ = stopping_rx.wait_for(|stopping| *stopping).await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        result = server => result.map_err(|e| format!("server failed: {e}"))?,
        () = overdue => tracing::warn!("requests still open after {SHUTDOWN_GRACE:?}; stopping anyway"),
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Structured logs on stderr: `NIGEHBAN_LOG` sets the filter (default "info"), and `json`
/// gives one JSON object per line for a log collector.
pub fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("NIGEHBAN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

async fn log_request(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::debug!(
        %method,
        path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    response
}

/// The database URL without its password, for logs and messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}
