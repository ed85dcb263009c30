//! The report collector (`nigehban serve`): receives reports from extensions, keeps them in
//! SQLite or PostgreSQL, and serves moderators a review page. Native only (feature "server").
//!
//! The flow: [`ingest`] (POST /v1/reports) -> [`report`] (schema check) -> [`store`];
//! moderators read through [`moderation`] (JSON API) and [`review_page`] (the web page).

mod auth;
mod error;
pub mod export;
mod group_commit;
pub mod indicators;
mod ingest;
mod moderation;
pub mod ratelimit;
pub mod report;
mod review_page;
pub mod secret;
pub mod server;
pub mod store;

pub use server::{init_logging, serve, shutdown_signal, Config};
pub use store::{Backend, ReportFilter, ReviewAction, Role, Store};
