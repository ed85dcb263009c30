//! SIGTERM while reports are in flight: the collector stops accepting, finishes what it
//! accepted, exits 0, and every report it answered 2xx for is in the database.
#![cfg(feature = "server")]

mod collector_support;

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use collector_support::{each_backend, report, token, try_request, Server};

#[test]
fn sigterm_loses_no_accepted_report() {
    each_backend(|db| {
        let volunteer = token(db, "v", "volunteer");
        let moderator = token(db, "m", "moderator");
        let mut server = Server::start(db, &["--rate-limit", "0"]);
        let addr = server.addr.clone();

        let next = Arc::new(AtomicU32::new(1));
        let stop = Arc::new(AtomicBool::new(false));
        let accepted = Arc::new(Mutex::new(Vec::<String>::new()));
        let senders: Vec<_> = (0..8)
            .map(|_| {
                let (addr, token) = (addr.clone(), volunteer.clone());
                let (next, stop, accepted) = (next.clone(), stop.clone(), accepted.clone());
                std::thread::spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        let n = next.fetch_add(1, Ordering::SeqCst);
                        let r = report(n, "03000000001");
                        let id = r["report_id"].as_str().unwrap().to_string();
                        let body = r.to_string();
                        let res = try_request(
                            &addr,
                            "POST",
                            "/v1/reports",
                            Some(&token),
                            &[("Content-Type", "application/json")],
                            Some(body.as_bytes()),
                        );
                        match res {
                            Ok(res) if res.status == 201 || res.status == 200 => {
                                accepted.lock().unwrap().push(id)
                            }
                            Ok(res) => panic!("unexpected answer {}: {}", res.status, res.text()),
                            // Refused or cut off after the signal: not accepted, nothing promised.
                            Err(_) => {
                                std::thread::sleep(Duration::from_millis(5));
                            }
                        }
                    }
                })
            })
            .collect();

        // Let traffic build up, then signal in the middle of it.
        while accepted.lock().unwrap().len() < 40 {
            std::thread::sleep(Duration::from_millis(5));
        }
        let status = server.terminate();
        stop.store(true, Ordering::SeqCst);
        for s in senders {
            s.join().unwrap();
        }
        assert!(status.success(), "nigehban serve exited with {status}");

        let accepted = accepted.lock().unwrap().clone();
        let restarted = Server::start(db, &[]);
        let stored = restarted.get("/v1/reports", Some(&moderator)).json();
        let stored: std::collections::HashSet<&str> = stored
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["report_id"].as_str().unwrap())
            .collect();
        let lost: Vec<&String> = accepted
            .iter()
            .filter(|id| !stored.contains(id.as_str()))
            .collect();
        assert!(
            lost.is_empty(),
            "{} of {} accepted reports lost: {lost:?}",
            lost.len(),
            accepted.len()
        );
        eprintln!(
            "{}: {} reports accepted before and during shutdown, all stored",
            db.backend,
            accepted.len()
        );
    });
}
