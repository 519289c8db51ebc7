//! `claimx serve`: claim extraction as an HTTP service, the model loaded once.
//!
//! Endpoints:
//!
//! - `POST /v1/extract`: articles in, claim records out as JSON Lines
//!   (`application/x-ndjson`), the same bytes `claimx extract` writes for the same articles
//!   run together (record building and serialisation are the ones `extract` uses). The body
//!   is one article `{"id", "text", "url"?, "date"?}` (`application/json`), read by the rules
//!   of `extract -`, or a batch: a JSON array of such objects (`application/json`) or JSON
//!   Lines (`application/x-ndjson`, `application/jsonl`). Repeated ids in a request get
//!   `~2`, `~3`, ... as in `extract`.
//! - `GET /healthz`: `{"status": "ok", "ner", "in_flight", "max_in_flight", "batches",
//!   "articles"}`.
//! - `GET /v1/schema`: the JSON Schema of a record, as `claimx schema` prints it.
//!
//! Errors are JSON, `{"error": {"status", "code", "message"}}` ([`ApiError`]). A single
//! article that cannot be read fails its request with a 4xx: 400 for a body that is empty,
//! not UTF-8 or malformed JSON (with the line and column), 413 for a body over `--max-body`
//! or a text over `--max-bytes`, 415 for a missing or other `Content-Type`, 422 for JSON
//! that is not an article (a missing or mistyped field, a text of white space only); 405 for
//! a wrong method (with `Allow`), 404 for another path. In a batch each article stands
//! alone: one that cannot be read, or that the pipeline fails on, becomes one line
//! `{"error": {"status", "code", "message", "line" | "index", "id"}}` in its place among the
//! records, and every other article's records are still sent, with status 200.
//!
//! Limits: `--max-in-flight` requests at once (past it, 429 with `Retry-After`), each
//! answered within `--deadline` (past it, 408 while the body is still coming, 503 with
//! `Retry-After` once it is queued). Requests from all clients share the pipeline's batches
//! ([`batch`]). On shutdown the server stops taking connections and finishes the requests
//! in flight.

pub mod batch;
pub mod error;
pub mod request;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::{timeout_at, Instant};

use crate::claims;
use crate::corpus::{Article, ArticleErrorKind, UniqueIds};
use crate::document::Document;
use crate::formats::append_records;
use crate::pipeline::DocResult;
pub use batch::{BatchPolicy, Batcher, Queue};
pub use error::ApiError;
use error::{Place, JSON};
use request::{Input, Item};

/// Where the server listens by default: loopback only, so that nothing is exposed until
/// `--addr` says so; 7878 is the port of the Rust book's example server, rarely taken by
/// a system service.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7878";

/// The default `--deadline`: a full batch of 64 articles with NER takes about 3 s on two
/// cores (README, Speed), so a request that waits behind a few of them still makes it, and
/// a client that stalls is cut off within a minute.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

/// The default `--max-in-flight`: one full batch of single-article requests, so that the
/// pipeline can be kept busy by small requests, while the memory held by bodies stays under
/// 64 times `--max-body`.
pub const DEFAULT_MAX_IN_FLIGHT: usize = crate::pipeline::BATCH_ARTICLES;

/// The `Retry-After` of a 429 or 503, in seconds: the shortest HTTP can say. Requests in
/// flight are answered batch by batch (a full batch of 64 articles with NER takes about 3 s
/// on two cores), so a slot frees up soon; a client that is refused again backs off itself.
const RETRY_AFTER_SECS: u64 = 1;

/// The media type of records: JSON Lines.
const JSON_LINES: &str = "application/x-ndjson";

/// The service's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest article text, in bytes (`--max-bytes`, as in `extract`).
    pub max_bytes: u64,
    /// The largest request body, in bytes (`--max-body`).
    pub max_body: usize,
    /// The time from a request's start to its answer (`--deadline`).
    pub deadline: Duration,
    /// Requests answered at once (`--max-in-flight`, at least 1).
    pub max_in_flight: usize,
}

/// What every handler shares.
struct Service {
    queue: Queue,
    limits: Limits,
    permits: Arc<Semaphore>,
    ner: bool,
}

/// The service's routes, feeding `queue`; `ner` says whether the queue's pipeline tags
/// entities, for `/healthz`.
pub fn router(queue: Queue, limits: Limits, ner: bool) -> Router {
    let limits = Limits {
        max_in_flight: limits.max_in_flight.max(1),
        ..limits
    };
    let service = Arc::new(Service {
        queue,
        limits,
        permits: Arc::new(Semaphore::new(limits.max_in_flight)),
        ner,
    });
    Router::new()
        .route("/v1/extract", only("POST", post(extract)))
        .route("/healthz", only("GET", get(healthz)))
        .route("/v1/schema", only("GET", get(schema)))
        .fallback(not_found)
        .with_state(service)
}

/// Serves `router` on `listener` until `shutdown` completes, then stops taking connections
/// and returns once every request in flight has been answered.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

/// `route`, answering any other method with a JSON 405 that names `allowed`.
fn only(allowed: &'static str, route: MethodRouter<Arc<Service>>) -> MethodRouter<Arc<Service>> {
    route.fallback(move || async move {
        let mut response = ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            format!("this endpoint takes {allowed} only"),
        )
        .into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allowed));
        response
    })
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such endpoint; claimx serves POST /v1/extract, GET /healthz and GET /v1/schema",
    )
}

async fn healthz(State(service): State<Arc<Service>>) -> Response {
    let max = service.limits.max_in_flight;
    let (batches, articles) = service.queue.counts();
    let body = json!({
        "status": "ok",
        "ner": service.ner,
        "in_flight": max - service.permits.available_permits(),
        "max_in_flight": max,
        "batches": batches,
        "articles": articles,
    });
    json_response(body.to_string(), JSON)
}

async fn schema() -> Response {
    let body = serde_json::to_string_pretty(&claims::schema()).expect("the schema is JSON");
    json_response(format!("{body}\n"), "application/schema+json")
}

fn json_response(body: String, media_type: &'static str) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, HeaderValue::from_static(media_type))],
        body,
    )
        .into_response()
}

async fn extract(State(service): State<Arc<Service>>, request: Request) -> Response {
    // Taken before the body is read, so that a slow upload counts as in flight.
    let Ok(_permit) = Arc::clone(&service.permits).try_acquire_owned() else {
        return ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "busy",
            format!(
                "{} requests are in flight, the --max-in-flight limit; retry later",
                service.limits.max_in_flight
            ),
        )
        .retry_after(RETRY_AFTER_SECS)
        .into_response();
    };
    let until = Instant::now() + service.limits.deadline;
    match service.answer(request, until).await {
        Ok(body) => records_response(body),
        Err(err) => err.into_response(),
    }
}

fn records_response(body: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, HeaderValue::from_static(JSON_LINES))],
        body,
    )
        .into_response()
}

impl Service {
    /// The body of the answer to `request`: its records (and, in a batch, the error lines of
    /// its failed articles), by `until`.
    async fn answer(&self, request: Request, until: Instant) -> Result<Vec<u8>, ApiError> {
        let format = request::format(request.headers())?;
        let read = request::read_body(request.into_body(), self.limits.max_body);
        let body = timeout_at(until, read).await.map_err(|_| {
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "deadline",
                format!(
                    "the request body did not arrive within the --deadline of {} s",
                    self.limits.deadline.as_secs_f64()
                ),
            )
        })??;
        match request::parse(format, &body, self.limits.max_bytes)? {
            Input::One(article) => self.one(article, until).await,
            Input::Batch(items) => self.batch(items, until).await,
        }
    }

    async fn one(&self, article: Article, until: Instant) -> Result<Vec<u8>, ApiError> {
        let result = self.run(vec![Document::from(article)], until).await?;
        let extracted = result
            .into_iter()
            .next()
            .expect("one result per document")
            .map_err(|err| ApiError::stage(&err))?;
        let mut body = Vec::new();
        append_records(&mut body, &extracted.records);
        Ok(body)
    }

    async fn batch(&self, items: Vec<Item>, until: Instant) -> Result<Vec<u8>, ApiError> {
        let mut ids = UniqueIds::default();
        let mut docs = Vec::new();
        // Each slot is an article's place and its id, or why it could not be read.
        let mut slots: Vec<(Place, Result<String, ArticleErrorKind>)> = Vec::new();
        for Item { place, article } in items {
            match article {
                Ok(Article { id, text, meta }) => {
                    let id = ids.claim(id).unwrap_or_else(|renamed| renamed);
                    docs.push(Document::new(id.clone(), text).with_meta(meta));
                    slots.push((place, Ok(id)));
                }
                Err(kind) => slots.push((place, Err(kind))),
            }
        }
        let mut results = self.run(docs, until).await?.into_iter();
        let mut body = Vec::new();
        for (place, slot) in slots {
            match slot {
                Ok(id) => match results.next().expect("one result per document") {
                    Ok(extracted) => append_records(&mut body, &extracted.records),
                    Err(err) => ApiError::stage(&err).append_line(&mut body, place, Some(&id)),
                },
                Err(kind) => ApiError::from(&kind).append_line(&mut body, place, None),
            }
        }
        Ok(body)
    }

    /// Runs `docs` through the shared pipeline, by `until`.
    async fn run(&self, docs: Vec<Document>, until: Instant) -> Result<Vec<DocResult>, ApiError> {
        if docs.is_empty() {
            return Ok(Vec::new());
        }
        let late = || {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "deadline",
                format!(
                    "the articles were not done within the --deadline of {} s; the server is \
                     busy: retry later, or send fewer articles a request",
                    self.limits.deadline.as_secs_f64()
                ),
            )
            .retry_after(RETRY_AFTER_SECS)
        };
        let stopped = || {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "the extraction thread has stopped (a bug in claimx; please report it)",
            )
            .retry_after(RETRY_AFTER_SECS)
        };
        timeout_at(until, self.queue.extract(docs))
            .await
            .map_err(|_| late())?
            .map_err(|_| stopped())
    }
}
