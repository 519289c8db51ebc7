//! End-to-end tests of `claimx serve`: the real binary on a free loopback port, spoken to over
//! HTTP, its answers checked against `claimx extract` on the same PolNeAR dev articles.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};

use common::{claimx, json_lines, root};
use serde_json::{json, Value};

/// How long the helpers wait for a state the server must reach, polling every
/// [`POLL`]: a bound on a hung test, never a measure of speed.
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(120);
const POLL: std::time::Duration = std::time::Duration::from_millis(20);

/// A `claimx serve` process on a port of its own choosing, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
    // Held so that the server's standard streams are pipes of this test, never a device.
    _stdin: ChildStdin,
    _stdout: ChildStdout,
}

impl Server {
    /// Starts `claimx serve --addr 127.0.0.1:0 ARGS...` and waits for the line that names
    /// the port it bound.
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimx"))
            .env_clear()
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("claimx serve starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut seen = String::new();
        let addr = loop {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("claimx serve exited before listening: {seen}"))
                .unwrap();
            if let Some(addr) = line.strip_prefix("claimx: serve: listening on http://") {
                break addr.to_owned();
            }
            seen.push_str(&line);
            seen.push('\n');
        };
        let stderr = Arc::new(Mutex::new(seen));
        let kept = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let mut kept = kept.lock().unwrap();
                kept.push_str(&line);
                kept.push('\n');
            }
        });
        Server {
            _stdin: child.stdin.take().unwrap(),
            _stdout: child.stdout.take().unwrap(),
            child,
            addr,
            stderr,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn post(&self, content_type: &str, body: &[u8]) -> Answer {
        let response = agent()
            .post(self.url("/v1/extract"))
            .header("Content-Type", content_type)
            .send(body)
            .expect("an HTTP answer");
        Answer::from(response)
    }

    fn get(&self, path: &str) -> Answer {
        Answer::from(agent().get(self.url(path)).call().expect("an HTTP answer"))
    }

    fn health(&self) -> Value {
        let answer = self.get("/healthz");
        assert_eq!(answer.status, 200);
        serde_json::from_slice(&answer.body).unwrap()
    }

    /// Waits until the server counts `n` requests in flight.
    fn wait_in_flight(&self, n: u64) {
        wait_for(&format!("{n} requests in flight"), || {
            self.health()["in_flight"] == n
        });
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The test's own child, by its handle: already gone when a test stopped it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < PATIENCE, "never saw {what}");
        std::thread::sleep(POLL);
    }
}

/// A client that returns 4xx and 5xx answers instead of failing on them.
fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    )
}

/// An answer: status, headers we look at, body.
struct Answer {
    status: u16,
    content_type: String,
    retry_after: Option<String>,
    allow: Option<String>,
    body: Vec<u8>,
}

impl From<ureq::http::Response<ureq::Body>> for Answer {
    fn from(mut response: ureq::http::Response<ureq::Body>) -> Self {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        Answer {
            status: response.status().as_u16(),
            content_type: header("content-type").unwrap_or_default(),
            retry_after: header("retry-after"),
            allow: header("allow"),
            body: response.body_mut().read_to_vec().unwrap(),
        }
    }
}

impl Answer {
    /// The `error` object of a JSON error answer, checked to carry the answer's status.
    fn error(&self) -> Value {
        assert_eq!(self.content_type, "application/json", "{}", self.text());
        let body: Value = serde_json::from_slice(&self.body).expect("a JSON error body");
        let error = body["error"].clone();
        assert_eq!(error["status"], self.status, "{body}");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
        error
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body of a 200 answer of records.
    fn records(&self) -> &[u8] {
        assert_eq!(self.status, 200, "{}", self.text());
        assert_eq!(self.content_type, "application/x-ndjson");
        &self.body
    }
}

/// The first `n` PolNeAR dev articles as input objects, in name order, each with its url
/// and date when `meta` says so.
fn dev_articles(n: usize, meta: bool) -> Vec<Value> {
    let dir = root().join("../shared/data/polnear/dev/text");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .take(n)
        .map(|path| {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            let mut article = json!({
                "id": stem,
                "text": std::fs::read_to_string(path).unwrap(),
            });
            if meta {
                article["url"] = format!("https://example.org/{stem}").into();
                article["date"] = stem.split('_').nth(1).unwrap().into();
            }
            article
        })
        .collect()
}

/// The articles as JSON Lines, as `extract -` reads them.
fn lines_of(articles: &[Value]) -> Vec<u8> {
    articles
        .iter()
        .flat_map(|a| format!("{a}\n").into_bytes())
        .collect()
}

/// What `claimx extract ARGS -` writes for `articles`.
fn extract(args: &[&str], articles: &[Value]) -> Vec<u8> {
    let run = claimx()
        .args(["extract", "--progress", "never"])
        .args(args)
        .arg("-")
        .write_stdin(lines_of(articles))
        .assert()
        .success();
    run.get_output().stdout.clone()
}

/// The record lines of `body` for `article`, and every error line.
fn lines_for<'a>(body: &'a [u8], article: &str) -> Vec<&'a str> {
    let body = std::str::from_utf8(body).unwrap();
    body.lines()
        .filter(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            value["article"] == article
        })
        .collect()
}

#[test]
fn an_article_gets_the_bytes_extract_writes_with_the_default_model() {
    let server = Server::start(&[]);
    assert_eq!(server.health()["ner"], true);
    let article = &dev_articles(1, true)[0];
    let expected = extract(&[], std::slice::from_ref(article));
    assert!(json_lines(&expected).len() > 3, "too few records");
    assert!(json_lines(&expected)
        .iter()
        .all(|r| r["appearance"] == article["url"] && r["date"] == article["date"]));
    let one = server.post("application/json", article.to_string().as_bytes());
    assert!(one.records() == expected, "{}", one.text());
    let as_lines = server.post(
        "application/x-ndjson",
        &lines_of(std::slice::from_ref(article)),
    );
    assert!(as_lines.records() == expected, "{}", as_lines.text());

    let schema = server.get("/v1/schema");
    assert_eq!(schema.status, 200);
    let printed = claimx().arg("schema").assert().success();
    let printed: Value = serde_json::from_slice(&printed.get_output().stdout).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&schema.body).unwrap(),
        printed
    );
}

#[test]
fn concurrent_clients_share_one_ner_batch_and_each_gets_its_own_records() {
    const CLIENTS: usize = 4;
    // The batch runs once it holds every client's article, however they arrive.
    let server = Server::start(&[
        "--batch-articles",
        &CLIENTS.to_string(),
        "--batch-wait",
        "600000",
        "--deadline",
        "600",
    ]);
    let articles = dev_articles(CLIENTS, false);
    let answers: Vec<Answer> = std::thread::scope(|scope| {
        let server = &server;
        let handles: Vec<_> = articles
            .iter()
            .map(|article| {
                scope.spawn(move || server.post("application/json", article.to_string().as_bytes()))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let health = server.health();
    assert_eq!(
        (health["batches"].clone(), health["articles"].clone()),
        (json!(1), json!(CLIENTS))
    );
    // One batch is extract's run over the same articles, in the order of their ids (the
    // dev articles' names sort as their ids do).
    let together = extract(&[], &articles);
    for (article, answer) in articles.iter().zip(&answers) {
        let id = article["id"].as_str().unwrap();
        let expected = lines_for(&together, id);
        assert!(!expected.is_empty(), "{id}: no records");
        let got: Vec<&str> = std::str::from_utf8(answer.records())
            .unwrap()
            .lines()
            .collect();
        assert!(got == expected, "{id}: the answer differs from extract");
    }
}

#[test]
fn a_batch_as_an_array_or_as_json_lines_gives_extracts_bytes() {
    let server = Server::start(&["--no-ner"]);
    let mut articles = dev_articles(5, true);
    // A repeated id gets the suffix extract gives it.
    articles.push(json!({"id": articles[0]["id"], "text": articles[1]["text"]}));
    let expected = extract(&["--no-ner"], &articles);
    assert!(String::from_utf8_lossy(&expected).contains("~2#1"));
    let array = server.post("application/json", json!(articles).to_string().as_bytes());
    assert!(array.records() == expected, "{}", array.text());
    for media_type in ["application/x-ndjson", "application/jsonl; charset=utf-8"] {
        let lines = server.post(media_type, &lines_of(&articles));
        assert!(
            lines.records() == expected,
            "{media_type}: {}",
            lines.text()
        );
    }
    let none = server.post("application/json", b"[]");
    assert!(none.records().is_empty());
}

#[test]
fn each_bad_article_of_a_batch_is_an_error_line_in_its_place() {
    let good = dev_articles(2, false);
    let limit = good
        .iter()
        .map(|a| a["text"].as_str().unwrap().len())
        .max()
        .unwrap();
    let server = Server::start(&["--no-ner", "--max-bytes", &limit.to_string()]);
    let too_large = json!({"id": "big", "text": "word ".repeat(limit)});
    let mut body = format!("{}\n", good[0]).into_bytes();
    body.extend_from_slice(b"{\"id\": \"latin\", \"text\": \"caf\xe9 owners said so.\"}\n");
    body.extend_from_slice(b"{\"id\": \"blank\", \"text\": \" \\n \"}\n");
    body.extend_from_slice(format!("{too_large}\n").as_bytes());
    body.extend_from_slice(b"{\"id\": \"broken\", \"text\": }\n");
    body.extend_from_slice(b"{\"id\": \"untitled\"}\n");
    body.extend_from_slice(b"{\"id\": \"odd\", \"text\": \"Yes.\", \"url\": 42}\n");
    body.extend_from_slice(format!("{}\n", good[1]).as_bytes());
    let answer = server.post("application/x-ndjson", &body);
    let lines = json_lines(answer.records());
    let errors: Vec<(u64, u64, String)> = lines
        .iter()
        .filter(|line| line.get("error").is_some())
        .map(|line| {
            let error = &line["error"];
            (
                error["line"].as_u64().unwrap(),
                error["status"].as_u64().unwrap(),
                error["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected_errors = [
        (2, 400, "not_utf8"),
        (3, 422, "empty"),
        (4, 413, "too_large"),
        (5, 422, "bad_article"),
        (6, 422, "bad_article"),
        (7, 422, "bad_article"),
    ]
    .map(|(line, status, code)| (line, status, code.to_owned()));
    assert_eq!(errors, expected_errors);
    let messages: Vec<&str> = lines
        .iter()
        .filter_map(|line| line["error"]["message"].as_str())
        .collect();
    assert!(messages[0].contains("0xE9"), "{messages:?}");
    assert!(
        messages[3].contains("malformed JSON at column"),
        "{messages:?}"
    );
    assert!(messages[4].contains("\"text\" is missing"), "{messages:?}");
    assert!(
        messages[5].contains("\"url\" must be a string"),
        "{messages:?}"
    );
    // Every line in its place: the first article's records, the errors, the second's.
    let first_error = lines.iter().position(|l| l.get("error").is_some()).unwrap();
    assert!(lines[..first_error]
        .iter()
        .all(|l| l["article"] == good[0]["id"]));
    assert!(lines[first_error + 6..]
        .iter()
        .all(|l| l["article"] == good[1]["id"]));
    let records: Vec<u8> = std::str::from_utf8(answer.records())
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with("{\"error\""))
        .flat_map(|line| format!("{line}\n").into_bytes())
        .collect();
    assert!(
        records == extract(&["--no-ner"], &good),
        "{}",
        answer.text()
    );

    let array = json!([good[0], "just a string", {"id": "e", "text": ""}, good[1]]);
    let answer = server.post("application/json", array.to_string().as_bytes());
    let errors: Vec<(u64, String)> = json_lines(answer.records())
        .iter()
        .filter(|line| line.get("error").is_some())
        .map(|line| {
            let error = &line["error"];
            (
                error["index"].as_u64().unwrap(),
                error["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [(1, "bad_article".to_owned()), (2, "empty".to_owned())]
    );
}

#[test]
fn bad_requests_get_a_4xx_with_a_json_error_naming_the_problem() {
    let server = Server::start(&["--no-ner", "--max-body", "20000", "--max-bytes", "10000"]);
    let check = |answer: Answer, status: u16, code: &str, says: &str| {
        assert_eq!(answer.status, status, "{code}: {}", answer.text());
        let error = answer.error();
        assert_eq!(error["code"], code, "{error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(says), "{code}: {message}");
    };
    let json = "application/json";
    check(
        server.post(json, b"{\"id\": \"a\", \"text\": \"caf\xe9\"}"),
        400,
        "not_utf8",
        "invalid byte 0xE9 at byte 24",
    );
    check(server.post(json, b""), 400, "empty", "body is empty");
    check(
        server.post(json, br#"{"id": "a", "text": " \n "}"#),
        422,
        "empty",
        "no text",
    );
    let big = json!({"id": "big", "text": "word ".repeat(5_000)}).to_string();
    check(
        server.post(json, big.as_bytes()),
        413,
        "too_large",
        "over the --max-body limit of 20000",
    );
    let long = json!({"id": "long", "text": "word ".repeat(2_500)}).to_string();
    check(
        server.post(json, long.as_bytes()),
        413,
        "too_large",
        "over the --max-bytes limit of 10000",
    );
    check(
        server.post(json, b"{\"id\": \"a\",\n  \"text\": \"x\",,}"),
        400,
        "bad_json",
        "malformed JSON at line 2, column 15",
    );
    check(
        server.post(json, br#"{"id": "a"}"#),
        422,
        "bad_article",
        "\"text\" is missing",
    );
    check(
        server.post("text/plain", b"He said so."),
        415,
        "unsupported_media_type",
        "Content-Type \"text/plain\"",
    );
    let untyped = raw_request(&server, "POST /v1/extract", None, b"{}");
    assert!(untyped.starts_with("HTTP/1.1 415 "), "{untyped}");
    assert!(
        untyped.contains("no Content-Type; send application/json"),
        "{untyped}"
    );

    let wrong = server.get("/v1/extract");
    assert_eq!(wrong.allow.as_deref(), Some("POST"));
    check(wrong, 405, "method_not_allowed", "POST only");
    let wrong = Answer::from(
        agent()
            .post(server.url("/healthz"))
            .header("Content-Type", json)
            .send(&b"{}"[..])
            .unwrap(),
    );
    assert_eq!(wrong.allow.as_deref(), Some("GET"));
    check(wrong, 405, "method_not_allowed", "GET only");
    check(
        server.get("/v2/extract"),
        404,
        "not_found",
        "POST /v1/extract",
    );

    // None of it cost the server anything.
    let article = &dev_articles(1, false)[0];
    let short = json!({"id": "short", "text": article["text"].as_str().unwrap().chars().take(3_000).collect::<String>()});
    let answer = server.post(json, short.to_string().as_bytes());
    assert!(answer.records() == extract(&["--no-ner"], &[short]));
}

/// Sends one request by hand (`Connection: close`) and returns the whole answer as text.
fn raw_request(server: &Server, line: &str, content_type: Option<&str>, body: &[u8]) -> String {
    let mut held = Held::start(server, line, content_type, body, body.len());
    held.finish()
}

/// A request whose body is held back after its first `sent` bytes.
struct Held {
    stream: TcpStream,
    rest: Vec<u8>,
}

impl Held {
    fn start(
        server: &Server,
        line: &str,
        content_type: Option<&str>,
        body: &[u8],
        sent: usize,
    ) -> Held {
        let mut stream = TcpStream::connect(&server.addr).unwrap();
        let content_type = content_type
            .map(|t| format!("Content-Type: {t}\r\n"))
            .unwrap_or_default();
        write!(
            stream,
            "{line} HTTP/1.1\r\nHost: {}\r\n{content_type}Content-Length: {}\r\nConnection: close\r\n\r\n",
            server.addr,
            body.len()
        )
        .unwrap();
        stream.write_all(&body[..sent]).unwrap();
        stream.flush().unwrap();
        Held {
            stream,
            rest: body[sent..].to_vec(),
        }
    }

    /// Sends the rest of the body and reads the answer to its end.
    fn finish(&mut self) -> String {
        self.stream.write_all(&self.rest).unwrap();
        self.answer()
    }

    fn answer(&mut self) -> String {
        let mut answer = Vec::new();
        self.stream.read_to_end(&mut answer).unwrap();
        String::from_utf8(answer).unwrap()
    }
}

/// The body of a raw answer.
fn body_of(answer: &str) -> &[u8] {
    answer.split_once("\r\n\r\n").unwrap().1.as_bytes()
}

/// A dev article's request, its body held back halfway.
fn held_article(server: &Server, article: &Value) -> Held {
    let body = article.to_string().into_bytes();
    Held::start(
        server,
        "POST /v1/extract",
        Some("application/json"),
        &body,
        body.len() / 2,
    )
}

#[test]
fn past_the_in_flight_bound_a_request_gets_429_with_retry_after() {
    let server = Server::start(&["--no-ner", "--max-in-flight", "1", "--deadline", "600"]);
    let article = &dev_articles(1, false)[0];
    let mut held = held_article(&server, article);
    server.wait_in_flight(1);
    let refused = server.post("application/json", article.to_string().as_bytes());
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert_eq!(refused.retry_after.as_deref(), Some("1"));
    assert_eq!(refused.error()["code"], "busy");
    let answer = held.finish();
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    let expected = extract(&["--no-ner"], std::slice::from_ref(article));
    assert!(body_of(&answer) == expected);
    server.wait_in_flight(0);
    let again = server.post("application/json", article.to_string().as_bytes());
    assert!(again.records() == expected);
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_then_stops() {
    let mut server = Server::start(&["--no-ner", "--deadline", "600"]);
    let article = &dev_articles(1, false)[0];
    let mut held = held_article(&server, article);
    server.wait_in_flight(1);
    let pid = libc::pid_t::try_from(server.child.id()).unwrap();
    // SAFETY: kill(2) on the server this test started; it only sends a signal.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    wait_for("the shutdown message", || {
        server
            .stderr()
            .contains("SIGTERM: finishing the requests in flight")
    });
    wait_for("the listener closed", || {
        TcpStream::connect(&server.addr).is_err()
    });
    let answer = held.finish();
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    assert!(body_of(&answer) == extract(&["--no-ner"], std::slice::from_ref(article)));
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}: {}", server.stderr());
}

#[test]
fn a_request_whose_body_stalls_past_the_deadline_gets_408() {
    let server = Server::start(&["--no-ner", "--deadline", "1"]);
    let mut held = held_article(&server, &dev_articles(1, false)[0]);
    let answer = held.answer();
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    let error: Value = serde_json::from_slice(body_of(&answer)).unwrap();
    assert_eq!(error["error"]["code"], "deadline");
    assert!(error["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--deadline of 1 s"));
}

#[test]
fn many_concurrent_clients_each_get_their_own_records() {
    const CLIENTS: usize = 8;
    const REQUESTS: usize = 3;
    let server = Server::start(&["--no-ner"]);
    let articles = dev_articles(CLIENTS + 1, true);
    // Without NER an article's records do not depend on what it is batched with.
    let all = extract(&["--no-ner"], &articles);
    std::thread::scope(|scope| {
        for client in 0..CLIENTS {
            let (server, articles, all) = (&server, &articles, &all);
            scope.spawn(move || {
                for request in 0..REQUESTS {
                    // Alternately one article, and a batch of this client's and the next.
                    let batch = &articles[client..client + 1 + request % 2];
                    let body = match batch {
                        [one] => one.to_string(),
                        _ => json!(batch).to_string(),
                    };
                    let answer = server.post("application/json", body.as_bytes());
                    let expected: Vec<&str> = batch
                        .iter()
                        .flat_map(|a| lines_for(all, a["id"].as_str().unwrap()))
                        .collect();
                    assert!(!expected.is_empty());
                    let got: Vec<&str> = std::str::from_utf8(answer.records())
                        .unwrap()
                        .lines()
                        .collect();
                    assert!(got == expected, "client {client}, request {request}");
                }
            });
        }
    });
    let sent: usize = (0..REQUESTS).map(|r| 1 + r % 2).sum::<usize>() * CLIENTS;
    assert_eq!(server.health()["articles"], sent);
}
