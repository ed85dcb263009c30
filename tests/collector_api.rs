//! The collector's receiving contract (DESIGN.md), on SQLite and PostgreSQL: accept, store once,
//! refuse bad reports with reasons, refuse bad tokens, limit rates and sizes.
#![cfg(feature = "server")]

mod collector_support;

use collector_support::{each_backend, report, request, token, Server};
use serde_json::{json, Value};

#[test]
fn a_new_report_is_accepted_and_listed_for_moderators() {
    each_backend(|db| {
        let volunteer = token(db, "volunteer one", "volunteer");
        let moderator = token(db, "moderator one", "moderator");
        let server = Server::start(db, &[]);
        assert_eq!(server.get("/healthz", None).status, 200);

        let sent = report(1, "03000000001");
        let res = server.post_report(&volunteer, &sent);
        assert_eq!(res.status, 201, "{}", res.text());
        assert_eq!(
            res.header("Access-Control-Allow-Origin"),
            Some("*"),
            "extensions may post"
        );
        let preflight = request(&server.addr, "OPTIONS", "/v1/reports", None, &[], None);
        assert_eq!(preflight.status, 204);
        let allowed = preflight
            .header("Access-Control-Allow-Headers")
            .unwrap_or_default();
        assert!(allowed.contains("authorization") && allowed.contains("idempotency-key"));
        assert_eq!(res.json()["report_id"], sent["report_id"]);

        let list = server.get("/v1/reports", Some(&moderator));
        assert_eq!(list.status, 200, "{}", list.text());
        let list = list.json();
        let items = list.as_array().unwrap();
        assert_eq!(items.len(), 1);
        let got = &items[0];
        for field in [
            "report_id",
            "created_at",
            "page",
            "post",
            "verdict",
            "indicators",
        ] {
            assert_eq!(got[field], sent[field], "{field} must come back as sent");
        }
        assert_eq!(got["review"]["status"], "new");
        assert_eq!(got["reporter"], "volunteer one");
    });
}

#[test]
fn the_same_report_id_twice_is_stored_once() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "m", "moderator");
        let server = Server::start(db, &[]);
        let sent = report(7, "03000000007");
        assert_eq!(server.post_report(&volunteer, &sent).status, 201);
        let again = server.post_report(&volunteer, &sent);
        assert!(
            matches!(again.status, 200 | 409),
            "duplicate answered {}",
            again.status
        );
        let items = server.get("/v1/reports", Some(&moderator)).json();
        assert_eq!(items.as_array().unwrap().len(), 1, "stored once: {items}");
    });
}

#[test]
fn the_list_is_newest_first_and_filters_by_platform_category_status_and_indicator() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "m", "moderator");
        let server = Server::start(db, &[]);
        let mut telegram = report(2, "03111111112");
        telegram["page"]["platform"] = json!("telegram");
        telegram["verdict"]["categories"] = json!(["location"]);
        for r in [
            report(1, "03000000001"),
            telegram,
            report(3, "+92 300 0000001"),
        ] {
            assert_eq!(server.post_report(&volunteer, &r).status, 201);
        }
        let ids = |query: &str| -> Vec<String> {
            let res = server.get(&format!("/v1/reports{query}"), Some(&moderator));
            assert_eq!(res.status, 200, "{query}: {}", res.text());
            res.json()
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["report_id"].as_str().unwrap()[24..].to_string())
                .collect()
        };
        let (a, b, c) = ("000000000001", "000000000002", "000000000003");
        assert_eq!(ids(""), [c, b, a], "newest first");
        assert_eq!(ids("?platform=telegram"), [b]);
        assert_eq!(ids("?category=cdr"), [c, a]);
        assert_eq!(ids("?status=new"), [c, b, a]);
        assert_eq!(ids("?status=confirmed"), Vec::<String>::new());
        assert_eq!(
            ids("?indicator=0300-0000001"),
            [c, a],
            "one number, two spellings"
        );
        assert_eq!(ids("?limit=1"), [c]);
        let bad = server.get("/v1/reports?limit=many", Some(&moderator));
        assert_eq!(bad.status, 400);
        assert!(
            bad.json()["error"].as_str().unwrap().contains("limit"),
            "{}",
            bad.text()
        );
    });
}

#[test]
fn bad_json_and_wrong_schema_are_refused_with_reasons() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "m", "moderator");
        let server = Server::start(db, &[]);
        let raw = |body: &str| {
            request(
                &server.addr,
                "POST",
                "/v1/reports",
                Some(&volunteer),
                &[("Content-Type", "application/json")],
                Some(body.as_bytes()),
            )
        };
        let res = raw("{\"report_id\": ");
        assert_eq!(res.status, 400);
        assert!(res.json()["error"].as_str().unwrap().contains("not JSON"));

        let cases: Vec<(&str, Value, &str)> = vec![
            ("report_id", json!("not-a-uuid"), "report_id"),
            ("created_at", json!("last tuesday"), "created_at"),
            ("verdict", json!({"level": "high"}), "verdict.score"),
            ("indicators", json!({"phones": "0300"}), "indicators.phones"),
            (
                "screenshot",
                json!("data:image/jpeg;base64,AAAA"),
                "screenshot",
            ),
            ("schema", json!("nigehban.report/9"), "schema"),
        ];
        for (field, bad, reason) in cases {
            let mut r = report(9, "03000000009");
            r[field] = bad;
            let res = raw(&r.to_string());
            assert!(
                matches!(res.status, 400 | 422),
                "{field}: {} {}",
                res.status,
                res.text()
            );
            let error = res.json()["error"].as_str().unwrap_or_default().to_string();
            assert!(
                error.contains(reason),
                "{field}: the reason should name {reason}: {error}"
            );
        }
        let mut missing = report(9, "03000000009");
        missing.as_object_mut().unwrap().remove("post");
        let res = raw(&missing.to_string());
        assert_eq!(res.status, 422);
        assert!(res.json()["error"].as_str().unwrap().contains("post"));

        let items = server.get("/v1/reports", Some(&moderator)).json();
        assert_eq!(
            items.as_array().unwrap().len(),
            0,
            "nothing invalid is stored"
        );
    });
}

#[test]
fn an_idempotency_key_that_differs_from_the_report_id_is_refused() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let server = Server::start(db, &[]);
        let body = report(5, "03000000005").to_string();
        let res = request(
            &server.addr,
            "POST",
            "/v1/reports",
            Some(&volunteer),
            &[("Idempotency-Key", "00000000-0000-4000-8000-999999999999")],
            Some(body.as_bytes()),
        );
        assert_eq!(res.status, 422, "{}", res.text());
    });
}

#[test]
fn missing_wrong_and_revoked_tokens_get_401() {
    each_backend(|db| {
        let volunteer = token(db, "leaver", "volunteer");
        let moderator = token(db, "m", "moderator");
        let server = Server::start(db, &[]);
        let r = report(11, "03000000011");
        let body = r.to_string();
        let none = request(
            &server.addr,
            "POST",
            "/v1/reports",
            None,
            &[],
            Some(body.as_bytes()),
        );
        assert_eq!(none.status, 401);
        assert!(none.json()["error"].is_string());
        assert_eq!(server.post_report("ngb_wrong", &r).status, 401);

        // Revoke through the moderators' API; the token stops working at once.
        let tokens = server.get("/v1/tokens", Some(&moderator)).json();
        let id = tokens
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "leaver")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        assert_eq!(server.post_report(&volunteer, &r).status, 201);
        let revoke = server.post_json(
            &format!("/v1/tokens/{id}/revoke"),
            Some(&moderator),
            &json!({}),
        );
        assert_eq!(revoke.status, 204, "{}", revoke.text());
        assert_eq!(
            server
                .post_report(&volunteer, &report(12, "03000000012"))
                .status,
            401
        );

        // Volunteers send; they do not read the queue.
        let fresh = token(db, "v2", "volunteer");
        assert_eq!(server.get("/v1/reports", Some(&fresh)).status, 403);
        assert_eq!(server.get("/v1/reports", None).status, 401);
    });
}

#[test]
fn a_token_over_its_rate_gets_429_with_retry_after() {
    each_backend(|db| {
        let volunteer = token(db, "busy", "volunteer");
        let other = token(db, "calm", "volunteer");
        let server = Server::start(db, &["--rate-limit", "3"]);
        for n in 0..3 {
            assert_eq!(
                server
                    .post_report(&volunteer, &report(100 + n, "03000000100"))
                    .status,
                201
            );
        }
        let limited = server.post_report(&volunteer, &report(200, "03000000100"));
        assert_eq!(limited.status, 429, "{}", limited.text());
        let retry: u64 = limited
            .header("Retry-After")
            .expect("Retry-After")
            .parse()
            .unwrap();
        assert!((1..=20).contains(&retry), "Retry-After {retry}");
        assert_eq!(
            server
                .post_report(&other, &report(201, "03000000101"))
                .status,
            201
        );
    });
}

#[test]
fn an_oversized_body_gets_413() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let server = Server::start(db, &["--max-body-bytes", "20000"]);
        let mut r = report(300, "03000000300");
        r["post"]["text_masked"] = json!("x".repeat(30_000));
        let res = server.post_report(&volunteer, &r);
        assert_eq!(res.status, 413, "{}", res.text());
        assert_eq!(
            server
                .post_report(&volunteer, &report(301, "03000000301"))
                .status,
            201
        );
    });
}

#[test]
fn serve_says_how_to_create_the_first_moderator() {
    each_backend(|db| {
        let server = Server::start(db, &[]);
        let hint = server.stdout.join("");
        assert!(
            hint.contains("token create") && hint.contains("--role moderator"),
            "{hint}"
        );
    });
}

#[test]
fn racing_copies_of_one_report_are_stored_once() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "m", "moderator");
        let server = Server::start(db, &["--rate-limit", "0"]);
        let sent = report(42, "03000000042");
        let statuses: Vec<u16> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..12)
                .map(|_| scope.spawn(|| server.post_report(&volunteer, &sent).status))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(
            statuses.iter().filter(|s| **s == 201).count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| matches!(s, 200 | 201 | 409)),
            "{statuses:?}"
        );
        let items = server.get("/v1/reports", Some(&moderator)).json();
        assert_eq!(items.as_array().unwrap().len(), 1);
    });
}

#[test]
fn token_list_and_revoke_work_from_the_command_line() {
    each_backend(|db| {
        let volunteer = token(db, "cli volunteer", "volunteer");
        let server = Server::start(db, &[]);
        assert_eq!(
            server
                .post_report(&volunteer, &report(400, "03000000400"))
                .status,
            201
        );
        let cli = |args: &[&str]| {
            let out = std::process::Command::new(collector_support::BIN)
                .args(["token"])
                .args(args)
                .args(["--database", &db.url])
                .output()
                .unwrap();
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
            )
        };
        let (ok, list) = cli(&["list"]);
        assert!(ok);
        let line = list
            .lines()
            .find(|l| l.contains("cli volunteer"))
            .expect("listed");
        assert!(
            line.ends_with("live") && !line.contains(&volunteer),
            "no secret: {line}"
        );
        let id = line.split('\t').next().unwrap();
        assert!(cli(&["revoke", "--id", id]).0);
        assert!(
            !cli(&["revoke", "--id", id]).0,
            "a second revoke says there is no live token"
        );
        assert_eq!(
            server
                .post_report(&volunteer, &report(401, "03000000401"))
                .status,
            401
        );
    });
}
