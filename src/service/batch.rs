//! The batching queue in front of the pipeline: requests from many clients are run through
//! [`Pipeline::run`] together, as `claimx extract` runs its chunks, so that the NER stage
//! fills its batches across articles however small each request is.
//!
//! One blocking thread owns the pipeline (and the model). It waits for a request, takes every
//! request already queued (and, with [`BatchPolicy::wait`], those that come in that long)
//! until the batch holds [`BatchPolicy::articles`] articles, runs them and sends each request
//! its own results. A request is never split between batches, except one larger than a batch,
//! which runs alone in chunks of [`BatchPolicy::articles`], as `claimx extract` cuts its input.
//! So a request that runs alone gets the bytes `claimx extract` writes for its articles.
//!
//! Which requests share a batch changes nothing in their records: the tagger never batches
//! one article's sentences with another's ([`EntityTagger::tag_articles`]). The requests of a
//! batch are put in the order of their articles' ids and texts before they run, so that the
//! work, like the records, never depends on the order in which they arrived.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use crate::document::Document;
use crate::entities::EntityTagger;
use crate::pipeline::{DocResult, Pipeline, BATCH_ARTICLES};

/// How requests are gathered into batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchPolicy {
    /// The most articles a batch holds (at least 1).
    pub articles: usize,
    /// How long a batch that is not full waits for more requests after its first. Zero runs
    /// whatever is queued as soon as the pipeline is free: under load the queue fills while
    /// a batch runs, so batches grow with the load without adding latency when it is light.
    pub wait: Duration,
}

impl Default for BatchPolicy {
    fn default() -> Self {
        BatchPolicy {
            articles: BATCH_ARTICLES,
            wait: Duration::ZERO,
        }
    }
}

/// One request's documents and where their results go.
struct Job {
    docs: Vec<Document>,
    answer: oneshot::Sender<Vec<DocResult>>,
}

/// Counts of the work done, for `GET /healthz`.
#[derive(Debug, Default)]
struct Counts {
    batches: AtomicU64,
    articles: AtomicU64,
}

/// The batcher is gone: it stopped after a panic outside every stage's guard (a bug).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

/// The handle requests are queued through; cheap to clone, one per request handler.
#[derive(Clone)]
pub struct Queue {
    jobs: mpsc::Sender<Job>,
    counts: Arc<Counts>,
}

impl Queue {
    /// Runs the pipeline over `docs`, batched with other requests, and returns one result per
    /// document, in order.
    pub async fn extract(&self, docs: Vec<Document>) -> Result<Vec<DocResult>, Stopped> {
        let (answer, results) = oneshot::channel();
        self.jobs.send(Job { docs, answer }).map_err(|_| Stopped)?;
        results.await.map_err(|_| Stopped)
    }

    /// Batches run and articles processed so far.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.counts.batches.load(Ordering::Relaxed),
            self.counts.articles.load(Ordering::Relaxed),
        )
    }
}

/// The thread that runs the batches.
pub struct Batcher {
    thread: JoinHandle<()>,
}

impl Batcher {
    /// Starts the batching thread, which owns `tagger` (none: the rule stages only) and
    /// finds claims by `attribution`, and returns the queue that feeds it.
    pub fn start(
        tagger: Option<Box<dyn EntityTagger>>,
        attribution: crate::attribution::Mode,
        policy: BatchPolicy,
    ) -> std::io::Result<(Queue, Batcher)> {
        let (jobs, queued) = mpsc::channel();
        let counts = Arc::new(Counts::default());
        let shared = Arc::clone(&counts);
        let policy = BatchPolicy {
            articles: policy.articles.max(1),
            ..policy
        };
        let thread = std::thread::Builder::new()
            .name("claimx-batcher".into())
            .spawn(move || {
                let pipeline = Pipeline {
                    tagger: tagger.as_deref(),
                    attribution,
                    ..Pipeline::default()
                };
                run(&pipeline, &queued, policy, &shared);
            })?;
        Ok((Queue { jobs, counts }, Batcher { thread }))
    }

    /// Waits until the thread has run every queued request and stopped, which it does once
    /// every [`Queue`] is dropped.
    pub fn join(self) {
        // A panic there has already been reported to the requests it cost (as `Stopped`).
        let _ = self.thread.join();
    }
}

/// Takes batches off the queue and runs them until every [`Queue`] is gone.
fn run(pipeline: &Pipeline, queued: &Receiver<Job>, policy: BatchPolicy, counts: &Counts) {
    let mut next = None;
    loop {
        let first = match next.take() {
            Some(job) => job,
            None => match queued.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
        };
        let batch = gather(first, queued, policy, &mut next);
        run_batch(pipeline, batch, policy, counts);
    }
}

/// The batch that starts with `first`: the requests queued after it, in turn, while they fit.
/// The first that does not fit is left in `next`, to start the next batch.
fn gather(
    first: Job,
    queued: &Receiver<Job>,
    policy: BatchPolicy,
    next: &mut Option<Job>,
) -> Vec<Job> {
    let until = Instant::now() + policy.wait;
    let mut articles = first.docs.len();
    let mut batch = vec![first];
    while articles < policy.articles {
        let Some(job) = next_job(queued, until) else {
            break;
        };
        if articles + job.docs.len() > policy.articles {
            *next = Some(job);
            break;
        }
        articles += job.docs.len();
        batch.push(job);
    }
    batch
}

/// The next queued request, waiting for one until `until`; `None` past it.
fn next_job(queued: &Receiver<Job>, until: Instant) -> Option<Job> {
    match queued.try_recv() {
        Ok(job) => Some(job),
        Err(TryRecvError::Disconnected) => None,
        Err(TryRecvError::Empty) => {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            queued.recv_timeout(left).ok()
        }
    }
}

/// Runs one batch and answers each of its requests. A request whose client has gone (its
/// deadline passed while it waited) is dropped before it costs any work.
fn run_batch(pipeline: &Pipeline, mut batch: Vec<Job>, policy: BatchPolicy, counts: &Counts) {
    batch.retain(|job| !job.answer.is_closed());
    batch.sort_by(|a, b| {
        a.docs
            .iter()
            .map(order_key)
            .cmp(b.docs.iter().map(order_key))
    });
    let sizes: Vec<usize> = batch.iter().map(|job| job.docs.len()).collect();
    let mut answers = Vec::with_capacity(batch.len());
    let mut docs = Vec::with_capacity(sizes.iter().sum());
    for job in batch {
        answers.push(job.answer);
        docs.extend(job.docs);
    }
    let mut results = Vec::with_capacity(docs.len());
    let mut docs = docs.into_iter().peekable();
    while docs.peek().is_some() {
        let chunk: Vec<Document> = docs.by_ref().take(policy.articles).collect();
        counts.batches.fetch_add(1, Ordering::Relaxed);
        counts
            .articles
            .fetch_add(chunk.len() as u64, Ordering::Relaxed);
        results.extend(pipeline.run(chunk));
    }
    let mut results = results.into_iter();
    for (answer, size) in answers.into_iter().zip(sizes) {
        // A client that went away while its batch ran needs no answer.
        let _ = answer.send(results.by_ref().take(size).collect());
    }
}

/// What orders the requests of a batch: their articles' ids, then texts.
fn order_key(doc: &Document) -> (&str, &str) {
    (&doc.id, &doc.original)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\"We will meet in Washington,\" said Maria Delgado.";

    fn docs(ids: &[&str]) -> Vec<Document> {
        ids.iter().map(|id| Document::new(*id, TEXT)).collect()
    }

    /// Queues `requests` before the batcher starts taking them, so that the batches it cuts
    /// depend on the policy only, and returns each request's record ids.
    fn run_queued(requests: &[&[&str]], policy: BatchPolicy) -> (Vec<Vec<String>>, (u64, u64)) {
        let (jobs, queued) = mpsc::channel();
        let mut answers = Vec::new();
        for ids in requests {
            let (answer, result) = oneshot::channel();
            jobs.send(Job {
                docs: docs(ids),
                answer,
            })
            .unwrap();
            answers.push(result);
        }
        drop(jobs);
        let counts = Counts::default();
        run(&Pipeline::default(), &queued, policy, &counts);
        let ids = answers
            .into_iter()
            .map(|answer| {
                answer
                    .blocking_recv()
                    .unwrap()
                    .into_iter()
                    .flat_map(|result| result.unwrap().records)
                    .map(|record| record.id)
                    .collect()
            })
            .collect();
        let counts = (
            counts.batches.load(Ordering::Relaxed),
            counts.articles.load(Ordering::Relaxed),
        );
        (ids, counts)
    }

    #[test]
    fn queued_requests_share_batches_and_each_gets_its_own_records() {
        let policy = BatchPolicy {
            articles: 3,
            wait: Duration::ZERO,
        };
        let requests: [&[&str]; 4] = [&["b"], &["a", "c"], &["d"], &["e", "f", "g", "h"]];
        let (ids, counts) = run_queued(&requests, policy);
        assert_eq!(
            ids,
            [
                vec!["b#1"],
                vec!["a#1", "c#1"],
                vec!["d#1"],
                vec!["e#1", "f#1", "g#1", "h#1"]
            ]
        );
        // [b, a c] fill a batch; d waits for the next, which e-h (too big for one) cannot
        // join; e-h runs alone in chunks of 3.
        assert_eq!(counts, (4, 8));
    }

    #[test]
    fn an_abandoned_request_costs_no_work() {
        let (jobs, queued) = mpsc::channel();
        let (answer, gone) = oneshot::channel();
        drop(gone);
        jobs.send(Job {
            docs: docs(&["x"]),
            answer,
        })
        .unwrap();
        drop(jobs);
        let counts = Counts::default();
        run(
            &Pipeline::default(),
            &queued,
            BatchPolicy::default(),
            &counts,
        );
        assert_eq!(counts.articles.load(Ordering::Relaxed), 0);
    }
}
