//! `nigehban serve`: runs the report collector until SIGTERM or Ctrl-C. Every flag has an
//! environment twin (NIGEHBAN_*), so a container or a service unit needs no command line.

use nigehban::collector::{self, Config};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free one (printed on start).
    #[arg(long, env = "NIGEHBAN_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// sqlite://PATH (created on first start) or postgres://USER[:PASS]@HOST[:PORT]/DB.
    #[arg(
        long,
        env = "NIGEHBAN_DATABASE",
        default_value = "sqlite://nigehban.db"
    )]
    database: String,
    /// Reports per minute per token (bursts up to a minute's worth); 0 turns limits off,
    /// as for a load test.
    #[arg(long, env = "NIGEHBAN_RATE_LIMIT", default_value_t = 60)]
    rate_limit: u32,
    /// Largest request body in bytes (a report with its screenshot); larger gets 413.
    #[arg(long, env = "NIGEHBAN_MAX_BODY_BYTES", default_value_t = 4 * 1024 * 1024)]
    max_body_bytes: usize,
    /// Mark the review page's session cookie Secure (set this behind an HTTPS proxy).
    #[arg(long, env = "NIGEHBAN_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Log format on stderr; NIGEHBAN_LOG sets the level filter (default "info").
    #[arg(long, env = "NIGEHBAN_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,
}

pub fn run(args: ServeArgs) -> i32 {
    collector::init_logging(args.log_format == "json");
    let config = Config {
        listen: args.listen,
        database: args.database,
        rate_limit_per_minute: args.rate_limit,
        max_body_bytes: args.max_body_bytes,
        secure_cookies: args.secure_cookies,
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nigehban: cannot start the async runtime: {e}");
            return 2;
        }
    };
    match runtime.block_on(collector::serve(config, collector::shutdown_signal())) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("nigehban: {e}");
            1
        }
    }
}
