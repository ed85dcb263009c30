//! The store's API called directly (no HTTP), on SQLite and PostgreSQL: the HTTP layer is glue
//! over it, so what moderators rely on is pinned here first.
#![cfg(feature = "server")]

mod collector_support;

use collector_support::{each_backend, report};
use nigehban::collector::report::validate;
use nigehban::collector::store::{Inserted, ReportFilter, ReviewAction, Role, Store};

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

#[test]
fn concurrent_inserts_store_each_report_once() {
    each_backend(|db| {
        block_on(async {
            let store = Store::connect(&db.url).await.unwrap();
            let (_, volunteer) = store
                .create_token("v", Role::Volunteer, "test")
                .await
                .unwrap();
            // 40 inserts at once: 20 reports, each sent twice.
            let tasks: Vec<_> = (0..40u32)
                .map(|i| {
                    let store = store.clone();
                    let r = validate(report(i % 20, "03000000001")).unwrap();
                    tokio::spawn(async move { store.insert_report(r, volunteer.id).await })
                })
                .collect();
            let mut new = 0;
            for t in tasks {
                if t.await.unwrap().unwrap() == Inserted::New {
                    new += 1;
                }
            }
            assert_eq!(
                new, 20,
                "each report stored by exactly one of its two inserts"
            );
            assert_eq!(store.count_reports().await.unwrap(), 20);
            store.close().await;
        });
    });
}

#[test]
fn a_reopened_database_keeps_reports_reviews_and_links() {
    each_backend(|db| {
        block_on(async {
            let store = Store::connect(&db.url).await.unwrap();
            let (_, v) = store
                .create_token("v", Role::Volunteer, "test")
                .await
                .unwrap();
            for n in 1..=3 {
                let r = validate(report(
                    n,
                    if n < 3 { "0300 0000001" } else { "03990000009" },
                ));
                store.insert_report(r.unwrap(), v.id).await.unwrap();
            }
            let id = |n: u32| format!("00000000-0000-4000-8000-{n:012x}");
            store
                .review(&id(2), ReviewAction::Reject, Some("news"), None, "m")
                .await
                .unwrap()
                .expect("report 2 exists");
            store.close().await;

            // Migrations run again on a database that has them: nothing lost, nothing doubled.
            let store = Store::connect(&db.url).await.unwrap();
            let all = store.list_reports(&ReportFilter::default()).await.unwrap();
            assert_eq!(all.len(), 3);
            let rejected = ReportFilter {
                status: Some("rejected".into()),
                ..ReportFilter::default()
            };
            let rejected = store.list_reports(&rejected).await.unwrap();
            assert_eq!(rejected.len(), 1);
            assert_eq!(rejected[0].review_note.as_deref(), Some("news"));
            let links = store.links_for_report(&id(1)).await.unwrap().unwrap();
            assert_eq!(links.len(), 1);
            assert_eq!(links[0].report_ids, [id(2), id(1)], "newest first");
            assert!(store.links_for_report(&id(9)).await.unwrap().is_none());
            store.close().await;
        });
    });
}
