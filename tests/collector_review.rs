//! What moderators rely on, on SQLite and PostgreSQL: review actions, seller linking, export of
//! a selection, screenshots for moderators only, the review page's login, issuing tokens.
#![cfg(feature = "server")]

mod collector_support;

use collector_support::{each_backend, report, request, token, Server};
use serde_json::{json, Value};

/// A 1x1 PNG.
const PNG_DATA_URL: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

fn id(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

#[test]
fn confirm_reject_and_escalate_set_the_status_and_keep_a_history() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "Ayesha", "moderator");
        let server = Server::start(db, &[]);
        for n in 1..=3 {
            assert_eq!(
                server
                    .post_report(&volunteer, &report(n, "03000000001"))
                    .status,
                201
            );
        }
        let act = |n: u32, body: Value| {
            server.post_json(
                &format!("/v1/reports/{}/review", id(n)),
                Some(&moderator),
                &body,
            )
        };
        let confirmed = act(1, json!({"action": "confirm"}));
        assert_eq!(confirmed.status, 200, "{}", confirmed.text());
        assert_eq!(confirmed.json()["review"]["status"], "confirmed");
        assert_eq!(confirmed.json()["review"]["by"], "Ayesha");

        assert_eq!(
            act(2, json!({"action": "reject"})).status,
            422,
            "a rejection needs a note"
        );
        let rejected = act(2, json!({"action": "reject", "note": "phone shop ad"}));
        assert_eq!(rejected.json()["review"]["status"], "rejected");
        assert_eq!(rejected.json()["review"]["note"], "phone shop ad");

        assert_eq!(
            act(3, json!({"action": "escalate"})).status,
            422,
            "needs a reference"
        );
        let escalated = act(3, json!({"action": "escalate", "reference": "PTA case 42"}));
        assert_eq!(escalated.json()["review"]["reference"], "PTA case 42");
        assert_eq!(act(4, json!({"action": "confirm"})).status, 404);
        assert_eq!(act(1, json!({"action": "delete"})).status, 422);

        let statuses: Vec<Value> = server
            .get("/v1/reports", Some(&moderator))
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["review"]["status"].clone())
            .collect();
        assert_eq!(
            statuses,
            [json!("escalated"), json!("rejected"), json!("confirmed")]
        );
        let confirmed_only = server
            .get("/v1/reports?status=confirmed", Some(&moderator))
            .json();
        assert_eq!(confirmed_only.as_array().unwrap().len(), 1);

        act(
            1,
            json!({"action": "escalate", "reference": "FIA cybercrime"}),
        );
        let detail = server
            .get(&format!("/v1/reports/{}", id(1)), Some(&moderator))
            .json();
        let history: Vec<&str> = detail["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["action"].as_str().unwrap())
            .collect();
        assert_eq!(history, ["confirmed", "escalated"]);
    });
}

#[test]
fn linking_finds_every_report_sharing_a_seller_channel() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "m", "moderator");
        let server = Server::start(db, &[]);
        // One seller: the same number as a Facebook WhatsApp contact, on a Telegram post with
        // a handle, and as an Easypaisa account; an unrelated seller beside them.
        let facebook = report(1, "0300-0000001");
        let mut telegram = report(2, "03999999999");
        telegram["page"]["platform"] = json!("telegram");
        telegram["indicators"]["phones"] = json!(["+92 300 0000001"]);
        telegram["indicators"]["telegram"] = json!(["@cdr_wala"]);
        let mut tiktok = report(3, "03888888888");
        tiktok["page"]["platform"] = json!("tiktok");
        tiktok["indicators"]["payment"] = json!(["Easypaisa 923000000001"]);
        let mut handle_only = report(4, "03777777777");
        handle_only["indicators"]["urls"] = json!(["https://t.me/CDR_wala"]);
        let unrelated = report(5, "03555555555");
        for r in [&facebook, &telegram, &tiktok, &handle_only, &unrelated] {
            assert_eq!(server.post_report(&volunteer, r).status, 201);
        }

        let res = server.get(&format!("/v1/reports/{}/links", id(1)), Some(&moderator));
        assert_eq!(res.status, 200, "{}", res.text());
        let body = res.json();
        let links = body["links"].as_array().unwrap();
        assert_eq!(links.len(), 1, "report 1 has one seller channel: {body}");
        let mut linked: Vec<String> = links[0]["report_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        linked.sort();
        assert_eq!(
            linked,
            [id(1), id(2), id(3)],
            "the number across platforms and spellings"
        );
        assert!(
            body["reports"][id(3)]["page"]["platform"] == "tiktok",
            "linked reports included"
        );

        let via_telegram = server
            .get(&format!("/v1/reports/{}/links", id(2)), Some(&moderator))
            .json();
        let handle = via_telegram["links"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["key"] == "tg:cdr_wala")
            .expect("the Telegram handle is a link");
        assert_eq!(handle["report_ids"].as_array().unwrap().len(), 2);

        let search = server
            .get("/v1/links?indicator=%2B923000000001", Some(&moderator))
            .json();
        assert_eq!(
            search["links"][0]["report_ids"].as_array().unwrap().len(),
            3,
            "{search}"
        );
        assert_eq!(
            server
                .get("/v1/links?indicator=0300", Some(&volunteer))
                .status,
            403
        );
    });
}

#[test]
fn export_holds_every_selected_report_as_csv_and_json() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "m", "moderator");
        let server = Server::start(db, &[]);
        for n in 1..=6 {
            let mut r = report(n, &format!("0300000000{n}"));
            r["post"]["text_masked"] = json!(format!("line one, \"quoted\"\nline two #{n}"));
            assert_eq!(server.post_report(&volunteer, &r).status, 201);
        }
        let selection = [id(2), id(3), id(5)];

        let res = server.post_json(
            "/v1/export",
            Some(&moderator),
            &json!({"format": "json", "ids": selection}),
        );
        assert_eq!(res.status, 200, "{}", res.text());
        assert!(res
            .header("Content-Disposition")
            .unwrap()
            .contains("attachment"));
        let mut exported: Vec<String> = res
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["report_id"].as_str().unwrap().to_string())
            .collect();
        exported.sort();
        assert_eq!(exported, selection);

        let res = server.post_json(
            "/v1/export",
            Some(&moderator),
            &json!({"format": "csv", "ids": selection}),
        );
        assert_eq!(res.status, 200);
        assert!(res.header("Content-Type").unwrap().starts_with("text/csv"));
        let csv = res.text();
        assert!(csv.starts_with("report_id,"), "{csv}");
        for wanted in &selection {
            assert!(csv.contains(wanted.as_str()), "CSV lacks {wanted}");
        }
        for unwanted in [id(1), id(4), id(6)] {
            assert!(
                !csv.contains(unwanted.as_str()),
                "CSV holds unselected {unwanted}"
            );
        }
        assert!(
            csv.contains("\"line one, \"\"quoted\"\"\nline two #3\""),
            "quoted cell: {csv}"
        );

        let all = server.post_json("/v1/export", Some(&moderator), &json!({"format": "json"}));
        assert_eq!(
            all.json().as_array().unwrap().len(),
            6,
            "no selection: every report"
        );
        let bad = server.post_json("/v1/export", Some(&moderator), &json!({"format": "xls"}));
        assert_eq!(bad.status, 422);
    });
}

#[test]
fn screenshots_are_stored_and_served_to_moderators_only() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "m", "moderator");
        let server = Server::start(db, &[]);
        let mut r = report(1, "03000000001");
        r["screenshot"] = json!(PNG_DATA_URL);
        assert_eq!(server.post_report(&volunteer, &r).status, 201);

        let listed = server.get("/v1/reports", Some(&moderator)).json();
        let url = listed[0]["screenshot_url"]
            .as_str()
            .expect("screenshot_url")
            .to_string();
        assert!(
            listed[0].get("screenshot").is_none(),
            "the list does not carry the image"
        );
        let png = server.get(&url, Some(&moderator));
        assert_eq!(png.status, 200);
        assert_eq!(png.header("Content-Type"), Some("image/png"));
        assert!(png.body.starts_with(b"\x89PNG"));
        assert_eq!(server.get(&url, Some(&volunteer)).status, 403);
        assert_eq!(server.get(&url, None).status, 401);
    });
}

#[test]
fn moderators_log_in_with_a_session_cookie_and_issue_volunteer_tokens() {
    each_backend(|db| {
        let moderator = token(db, "Bilal", "moderator");
        let volunteer = token(db, "v", "volunteer");
        let server = Server::start(db, &[]);
        let page = server.get("/review/", None);
        assert_eq!(page.status, 200);
        assert!(page
            .header("Content-Security-Policy")
            .unwrap()
            .contains("script-src 'self'"));

        let refused = server.post_json("/review/api/login", None, &json!({"token": volunteer}));
        assert_eq!(refused.status, 403, "volunteers do not review");
        assert_eq!(
            server
                .post_json("/review/api/login", None, &json!({"token": "ngb_x"}))
                .status,
            401
        );

        let login = server.post_json("/review/api/login", None, &json!({"token": moderator}));
        assert_eq!(login.status, 200, "{}", login.text());
        let cookie = login
            .header("Set-Cookie")
            .expect("a session cookie")
            .to_string();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        let session = cookie.split(';').next().unwrap().to_string();
        assert!(!session.contains(&moderator), "the cookie is not the token");

        let with_cookie = |method: &str, path: &str, body: Option<Value>| {
            let body = body.map(|b| b.to_string());
            request(
                &server.addr,
                method,
                path,
                None,
                &[("Cookie", &session), ("Content-Type", "application/json")],
                body.as_deref().map(str::as_bytes),
            )
        };
        assert_eq!(
            with_cookie("GET", "/review/api/me", None).json()["name"],
            "Bilal"
        );
        let issued = with_cookie("POST", "/v1/tokens", Some(json!({"name": "new volunteer"})));
        assert_eq!(issued.status, 201, "{}", issued.text());
        let new_token = issued.json()["token"].as_str().unwrap().to_string();
        assert_eq!(issued.json()["info"]["role"], "volunteer");
        assert_eq!(
            server
                .post_report(&new_token, &report(1, "03000000001"))
                .status,
            201
        );

        assert_eq!(with_cookie("POST", "/review/api/logout", None).status, 204);
        assert_eq!(
            with_cookie("GET", "/review/api/me", None).status,
            401,
            "session ended"
        );
    });
}
