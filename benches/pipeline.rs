//! Throughput of the rule stages (everything but NER) on the PolNeAR dev articles.
//!
//! `cargo bench --bench pipeline` prints articles/s and MB/s for each stage (reading, which
//! every article goes through, first) and for the whole rule pipeline, single-threaded and
//! on all cores. Figures, not assertions: the
//! machine is shared, so compare ratios between runs of the same binary.

use std::path::Path;
use std::time::{Duration, Instant};

use claimx::document::Document;
use claimx::pipeline::Pipeline;
use claimx::{attribution, quotes, reading, sentences};

const ROUNDS: usize = 5;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/dev/text");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let text = std::fs::read_to_string(&path).expect("UTF-8 text");
            (path.display().to_string(), text)
        })
        .collect();
    texts.sort();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    println!(
        "{} articles, {:.2} MB, median of {ROUNDS} rounds",
        texts.len(),
        bytes as f64 / 1e6
    );
    let docs = || -> Vec<Document> {
        texts
            .iter()
            .map(|(id, text)| Document::new(id.clone(), text.clone()))
            .collect()
    };
    let stage = |name: &str, run: &dyn Fn(&mut Document)| {
        let time = median(|| {
            let mut all = docs();
            let start = Instant::now();
            all.iter_mut().for_each(run);
            start.elapsed()
        });
        report(name, time, texts.len(), bytes);
    };
    stage("reading", &reading::read);
    stage("sentences", &sentences::split);
    stage("sentences+quotes", &|doc| {
        sentences::split(doc);
        quotes::detect(doc);
    });
    stage("rules, 1 thread", &|doc| {
        reading::read(doc);
        sentences::split(doc);
        quotes::detect(doc);
        attribution::attribute(doc);
        std::hint::black_box(claimx::claims::records(doc));
    });
    let time = median(|| {
        let all = docs();
        let start = Instant::now();
        std::hint::black_box(Pipeline::default().run(all));
        start.elapsed()
    });
    report(
        &format!("rules, {} threads", rayon::current_num_threads()),
        time,
        texts.len(),
        bytes,
    );
}

fn median(mut run: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..ROUNDS).map(|_| run()).collect();
    times.sort();
    times[ROUNDS / 2]
}

fn report(name: &str, time: Duration, articles: usize, bytes: usize) {
    let secs = time.as_secs_f64();
    println!(
        "{name:<24} {:>9.1} ms {:>10.0} articles/s {:>8.1} MB/s",
        secs * 1e3,
        articles as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
