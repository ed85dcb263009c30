//! Group commit for SQLite. SQLite syncs the disk once per transaction, and a report is only
//! acknowledged once it is on disk; so reports that arrive together are written together, in
//! one transaction, by one writer task, and every sender waits for that commit.

use tokio::sync::{mpsc, oneshot};

use super::report::ValidReport;
use super::store::{Inserted, Result, Store, StoreError};

/// Most reports in one transaction: enough to share a sync, few enough to answer quickly.
const MAX_BATCH: usize = 64;

type Job = (ValidReport, i64, oneshot::Sender<Result<Inserted>>);

#[derive(Clone)]
pub struct GroupCommit {
    queue: mpsc::UnboundedSender<Job>,
}

impl GroupCommit {
    /// Starts the writer task on the current runtime. `store` must not itself group commits.
    pub fn start(store: Store) -> GroupCommit {
        let (queue, jobs) = mpsc::unbounded_channel();
        tokio::spawn(write_batches(store, jobs));
        GroupCommit { queue }
    }

    /// Queues one report and waits until its transaction has committed.
    pub async fn insert(&self, report: ValidReport, token_id: i64) -> Result<Inserted> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((report, token_id, reply))
            .map_err(|_| StoreError::new("the report writer has stopped"))?;
        answer
            .await
            .map_err(|_| StoreError::new("the report writer stopped before committing"))?
    }
}

async fn write_batches(store: Store, mut jobs: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let (work, replies): (Vec<_>, Vec<_>) = batch
            .into_iter()
            .map(|(report, token, reply)| ((report, token), reply))
            .unzip();
        match store.insert_batch(&work).await {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(result);
                }
            }
            Err(e) => {
                tracing::error!(error = %e, reports = replies.len(), "group commit failed");
                for reply in replies {
                    let _ = reply.send(Err(StoreError::new(e.to_string())));
                }
            }
        }
    }
}
