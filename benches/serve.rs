//! `claimx serve` against `claimx extract` on the same articles.
//!
//! `cargo bench --bench serve [-- DIR ROUNDS]` starts one `claimx serve` (the default NER
//! model) on a free loopback port and, in each round, runs `claimx extract -` over the
//! articles of DIR (default: PolNeAR dev) and then sends every article once as its own
//! request from 1, 4 and 16 concurrent clients, the variants interleaved round by round
//! (default 3 rounds). It prints, as medians over the rounds: requests/s, the latency of a
//! request at p50, p90 and p99, records/s, and records/s as a ratio to extract's. Extract's
//! time is its whole run, process start and model load included, as a user of the command
//! line pays it. Figures, not assertions: the machine is shared, so compare ratios.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The client counts measured.
const CLIENTS: [usize; 3] = [1, 4, 16];
const DEFAULT_ROUNDS: usize = 3;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let dir = args.next().map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/dev/text"),
        PathBuf::from,
    );
    let rounds: usize = args
        .next()
        .map_or(DEFAULT_ROUNDS, |n| n.parse().expect("ROUNDS is a number"));
    let articles = read_articles(&dir);
    let bytes: usize = articles.iter().map(String::len).sum();
    println!(
        "{}: {} articles, {:.2} MB; {rounds} rounds, medians",
        dir.display(),
        articles.len(),
        bytes as f64 / 1e6
    );
    let mut server = start_server();
    let mut extract_runs = Vec::new();
    let mut serve_runs: Vec<Vec<Run>> = CLIENTS.iter().map(|_| Vec::new()).collect();
    for _ in 0..rounds {
        extract_runs.push(extract(&articles));
        for (runs, &clients) in serve_runs.iter_mut().zip(&CLIENTS) {
            runs.push(serve(&server.addr, &articles, clients));
        }
    }
    let extract_rate = median(extract_runs.iter().map(Run::records_per_s).collect());
    println!(
        "extract -          {:>8.1} articles/s {:>8.1} records/s  (whole run, {:.2} s)",
        median(extract_runs.iter().map(Run::articles_per_s).collect()),
        extract_rate,
        median(extract_runs.iter().map(|r| r.wall.as_secs_f64()).collect())
    );
    for (runs, clients) in serve_runs.iter().zip(CLIENTS) {
        let records = median(runs.iter().map(Run::records_per_s).collect());
        let at = |q: f64| median(runs.iter().map(|r| r.latency(q)).collect()) * 1e3;
        println!(
            "serve, {clients:>2} clients  {:>8.1} requests/s {:>8.1} records/s  \
             latency p50 {:>6.1} ms  p90 {:>6.1} ms  p99 {:>6.1} ms  records/s to extract {:.2}",
            median(runs.iter().map(Run::articles_per_s).collect()),
            records,
            at(0.50),
            at(0.90),
            at(0.99),
            records / extract_rate
        );
    }
    server.stop();
}

/// The articles of `dir` (`*.txt`, sorted) as request bodies `{"id", "text"}`.
fn read_articles(dir: &Path) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("UTF-8 text");
            let id = path.file_stem().unwrap().to_string_lossy();
            serde_json::json!({"id": id, "text": text}).to_string()
        })
        .collect()
}

/// One measured pass over the articles.
struct Run {
    wall: Duration,
    articles: usize,
    records: usize,
    /// Each request's time, sorted (empty for extract).
    latencies: Vec<Duration>,
}

impl Run {
    fn articles_per_s(&self) -> f64 {
        self.articles as f64 / self.wall.as_secs_f64()
    }

    fn records_per_s(&self) -> f64 {
        self.records as f64 / self.wall.as_secs_f64()
    }

    /// The latency at quantile `q`, in seconds (nearest rank).
    fn latency(&self, q: f64) -> f64 {
        let rank = ((q * self.latencies.len() as f64).ceil() as usize).max(1);
        self.latencies[rank - 1].as_secs_f64()
    }
}

fn extract(articles: &[String]) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimx"))
        .args(["extract", "--progress", "never", "--quiet", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimx extract starts");
    let mut stdin = child.stdin.take().unwrap();
    let lines: String = articles.iter().map(|a| format!("{a}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(lines.as_bytes()));
    let output = child.wait_with_output().expect("claimx extract runs");
    writer.join().unwrap().expect("the articles are written");
    assert!(output.status.success(), "extract failed");
    Run {
        wall: start.elapsed(),
        articles: articles.len(),
        records: output.stdout.iter().filter(|&&b| b == b'\n').count(),
        latencies: Vec::new(),
    }
}

/// Sends every article once, as its own request, from `clients` threads at once.
fn serve(addr: &str, articles: &[String], clients: usize) -> Run {
    let agent = ureq::Agent::new_with_config(ureq::Agent::config_builder().build());
    let url = format!("http://{addr}/v1/extract");
    let next = AtomicUsize::new(0);
    let latencies = Mutex::new(Vec::with_capacity(articles.len()));
    let records = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                while let Some(article) = articles.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let sent = Instant::now();
                    let body = agent
                        .post(&url)
                        .header("Content-Type", "application/json")
                        .send(article.as_bytes())
                        .expect("a 200 answer")
                        .body_mut()
                        .read_to_vec()
                        .expect("the records");
                    let took = sent.elapsed();
                    records.fetch_add(
                        body.iter().filter(|&&b| b == b'\n').count(),
                        Ordering::Relaxed,
                    );
                    latencies.lock().unwrap().push(took);
                }
            });
        }
    });
    let wall = start.elapsed();
    let mut latencies = latencies.into_inner().unwrap();
    latencies.sort();
    Run {
        wall,
        articles: articles.len(),
        records: records.into_inner(),
        latencies,
    }
}

/// A `claimx serve` of this benchmark.
struct Server {
    child: Child,
    addr: String,
}

fn start_server() -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimx"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimx serve starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            line.strip_prefix("claimx: serve: listening on http://")
                .map(str::to_owned)
        })
        .expect("claimx serve names its address");
    // Keeps the server's standard error open (and drained) while it runs.
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, addr }
}

impl Server {
    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
