//! Shared by the collector's integration tests: a fresh database per test on each backend
//! (SQLite always; PostgreSQL when NIGEHBAN_TEST_PG is set, as scripts/with-postgres.sh does),
//! a spawned `nigehban serve`, and a small blocking HTTP client (loopback only).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

pub const BIN: &str = env!("CARGO_BIN_EXE_nigehban");

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

/// One empty database: a SQLite file in a temporary folder, or a new PostgreSQL database.
pub struct Db {
    pub backend: &'static str,
    pub url: String,
    dir: Option<PathBuf>,
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Every backend this run can test. PostgreSQL is skipped, with a message, when
/// NIGEHBAN_TEST_PG is not set.
pub fn databases() -> Vec<Db> {
    let dir = std::env::temp_dir().join(unique("nigehban-test"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut dbs = vec![Db {
        backend: "sqlite",
        url: format!("sqlite://{}/collector.db", dir.display()),
        dir: Some(dir),
    }];
    match std::env::var("NIGEHBAN_TEST_PG") {
        Ok(base) if !base.is_empty() => dbs.push(Db {
            backend: "postgres",
            url: fresh_pg_database(&base),
            dir: None,
        }),
        _ => eprintln!(
            "SKIPPED PostgreSQL: NIGEHBAN_TEST_PG is not set (run under scripts/with-postgres.sh \
             to test the PostgreSQL backend too)"
        ),
    }
    dbs
}

/// Creates a new database on the server behind `base` and returns its URL.
fn fresh_pg_database(base: &str) -> String {
    use sqlx::Connection;
    let name = unique("nigehban_t").to_lowercase();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::postgres::PgConnection::connect(base)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to NIGEHBAN_TEST_PG={base}: {e}"));
        sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
            .await
            .unwrap();
        conn.close().await.unwrap();
    });
    let (prefix, _) = base
        .rsplit_once('/')
        .expect("a postgres URL ends in /DATABASE");
    format!("{prefix}/{name}")
}

/// `nigehban token create`, checking that stdout holds the token alone.
pub fn token(db: &Db, name: &str, role: &str) -> String {
    let out = Command::new(BIN)
        .args([
            "token",
            "create",
            "--database",
            &db.url,
            "--name",
            name,
            "--role",
            role,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "token create failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "token create must print the token alone: {stdout:?}"
    );
    lines[0].to_string()
}

/// A running `nigehban serve` on 127.0.0.1 (a free port); killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub stdout: Vec<String>,
}

impl Server {
    pub fn start(db: &Db, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--database", &db.url])
            .args(extra)
            .env("NIGEHBAN_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut stdout = Vec::new();
        let addr = loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                panic!("nigehban serve exited before listening; stdout: {stdout:?}");
            }
            if let Some(rest) = line.trim().strip_prefix("nigehban: listening on http://") {
                break rest.to_string();
            }
            stdout.push(line);
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = String::new();
            let _ = reader.read_to_string(&mut sink);
        });
        Server {
            child,
            addr,
            stdout,
        }
    }

    pub fn get(&self, path: &str, auth: Option<&str>) -> Response {
        request(&self.addr, "GET", path, auth, &[], None)
    }

    pub fn post_json(&self, path: &str, auth: Option<&str>, body: &Value) -> Response {
        let body = body.to_string();
        request(
            &self.addr,
            "POST",
            path,
            auth,
            &[("Content-Type", "application/json")],
            Some(body.as_bytes()),
        )
    }

    pub fn post_report(&self, token: &str, report: &Value) -> Response {
        let key = report["report_id"].as_str().unwrap_or("").to_string();
        let body = report.to_string();
        request(
            &self.addr,
            "POST",
            "/v1/reports",
            Some(token),
            &[
                ("Content-Type", "application/json"),
                ("Idempotency-Key", &key),
            ],
            Some(body.as_bytes()),
        )
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(status.success(), "kill -TERM {pid} failed");
        for _ in 0..600 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("nigehban serve did not exit within 30 s of SIGTERM");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request on its own connection. Errors (refused, reset) come back as Err.
pub fn try_request(
    addr: &str,
    method: &str,
    path: &str,
    auth: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(token) = auth {
        head += &format!("Authorization: Bearer {token}\r\n");
    }
    for (k, v) in headers {
        head += &format!("{k}: {v}\r\n");
    }
    let body = body.unwrap_or_default();
    head += &format!("Content-Length: {}\r\n\r\n", body.len());
    stream.write_all(head.as_bytes())?;
    // A server may answer (413) and close before it has read a large body: not an error here.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_response(&raw)
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "bad HTTP response"))
}

pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    auth: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Response {
    try_request(addr, method, path, auth, headers, body)
        .unwrap_or_else(|e| panic!("{method} {path} failed: {e}"))
}

fn parse_response(raw: &[u8]) -> Option<Response> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Some(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..line_end]).ok()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// A valid report; `n` varies the id, `phone` the seller's number.
pub fn report(n: u32, phone: &str) -> Value {
    json!({
        "schema": "nigehban.report/1",
        "report_id": format!("00000000-0000-4000-8000-{n:012x}"),
        "created_at": "2026-11-23T10:00:00Z",
        "page": {"url": "https://www.facebook.com/groups/123", "title": "Group", "platform": "facebook"},
        "post": {
            "permalink": format!("https://www.facebook.com/groups/123/posts/{n}"),
            "author": "Data Services",
            "text_masked": format!("CDR 3 months Rs 2000, CNIC 35202-*******-1, WhatsApp {phone} #{n}"),
            "text_sha256": format!("{:064x}", n)
        },
        "verdict": {
            "level": "high", "score": 0.92, "categories": ["cdr", "cnic"],
            "prices": [{"amount_pkr": 2000, "text": "Rs 2000"}],
            "reasons": ["offers call records", "price Rs 2000"]
        },
        "indicators": {"phones": [], "whatsapp": [phone], "telegram": [], "emails": [],
                       "payment": [], "urls": []}
    })
}

/// Runs `f` once per backend with a fresh database, naming the backend when it fails.
pub fn each_backend(f: impl Fn(&Db)) {
    for db in databases() {
        eprintln!("backend: {}", db.backend);
        f(&db);
    }
}
