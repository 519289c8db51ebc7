//! How the rule pipeline's time grows with the size of one document.
//!
//! `cargo bench --no-default-features --bench scaling` builds three shapes of text at
//! 1, 10 and 50 MB (other sizes in MB as arguments: `-- 1 5 20`), runs
//! `Pipeline::default()` (no NER) on each as one document, a few rounds with shapes and
//! sizes interleaved, and prints the median seconds and seconds per MB of each, then the
//! ratio of seconds per MB at the largest size to that at the smallest: 1 when time is
//! linear in the size. Figures, not assertions: the machine is shared.
//!
//! The shapes: PolNeAR dev articles joined by blank lines and repeated ("articles"); one
//! paragraph of "Officials said the plan would work." without end ("claims"); and a seeded
//! random mix of quotation marks, "he said", "Mr. Smith" and "word." ("quote soup").

use std::path::Path;
use std::time::{Duration, Instant};

use claimx::document::Document;
use claimx::pipeline::Pipeline;

/// Rounds per shape and size; the median is reported.
const ROUNDS: usize = 3;

/// Sizes in MB when none are given.
const DEFAULT_SIZES: [usize; 3] = [1, 10, 50];

const MB: usize = 1_000_000;

fn main() {
    let sizes = sizes();
    let articles = dev_articles();
    let shapes: [(&str, &dyn Fn(usize) -> String); 3] = [
        ("articles", &|size| repeat_to(&articles, "\n\n", size)),
        ("claims", &|size| {
            repeat_to("Officials said the plan would work.", " ", size)
        }),
        ("quote soup", &quote_soup),
    ];
    let mut times = vec![vec![Vec::new(); sizes.len()]; shapes.len()];
    for round in 0..ROUNDS {
        for (s, &size) in sizes.iter().enumerate() {
            for (k, (name, make)) in shapes.iter().enumerate() {
                let text = make(size * MB);
                let time = run(text);
                eprintln!(
                    "round {}: {name} {size} MB {:.2} s",
                    round + 1,
                    time.as_secs_f64()
                );
                times[k][s].push(time);
            }
        }
    }
    report(&shapes.map(|(name, _)| name), &sizes, &mut times);
}

/// The sizes asked for on the command line (cargo passes `--bench`, which is skipped).
fn sizes() -> Vec<usize> {
    let asked: Vec<usize> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .map(|arg| arg.parse().expect("sizes are whole numbers of MB"))
        .collect();
    if asked.is_empty() {
        DEFAULT_SIZES.to_vec()
    } else {
        asked
    }
}

/// The PolNeAR dev texts, sorted by file name and joined by blank lines.
fn dev_articles() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/dev/text");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("UTF-8 text"))
        .collect();
    texts.join("\n\n")
}

/// `piece` repeated, `separator` between the copies, cut to `size` bytes.
fn repeat_to(piece: &str, separator: &str, size: usize) -> String {
    let mut text = String::with_capacity(size + piece.len());
    while text.len() < size {
        if !text.is_empty() {
            text.push_str(separator);
        }
        text.push_str(piece);
    }
    cut(text, size)
}

/// `size` bytes of tokens drawn at random (a fixed seed) and joined by spaces.
fn quote_soup(size: usize) -> String {
    const TOKENS: [&str; 6] = ["\"", "“", "”", "he said", "Mr. Smith", "word."];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut text = String::with_capacity(size + 16);
    while text.len() < size {
        // xorshift64: the same text on every run.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(TOKENS[(state % TOKENS.len() as u64) as usize]);
        text.push(' ');
    }
    cut(text, size)
}

/// `text` cut to at most `size` bytes, on a char boundary.
fn cut(mut text: String, size: usize) -> String {
    let mut end = size.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// The time the rule pipeline takes on `text` as one document, its records included.
fn run(text: String) -> Duration {
    let docs = vec![Document::new("bench", text)];
    let start = Instant::now();
    let results = Pipeline::default().run(docs);
    let time = start.elapsed();
    if let Err(err) = &results[0] {
        panic!("the pipeline failed: {err}");
    }
    drop(std::hint::black_box(results));
    time
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64()
}

fn report(names: &[&str], sizes: &[usize], times: &mut [Vec<Vec<Duration>>]) {
    println!("median of {ROUNDS} rounds, one document per run");
    println!("{:<12} {:>8} {:>10} {:>10}", "shape", "MB", "s", "s/MB");
    let mut per_mb = vec![Vec::new(); names.len()];
    for (k, name) in names.iter().enumerate() {
        for (s, &size) in sizes.iter().enumerate() {
            let secs = median(&mut times[k][s]);
            per_mb[k].push(secs / size as f64);
            println!(
                "{name:<12} {size:>8} {secs:>10.3} {:>10.4}",
                secs / size as f64
            );
        }
    }
    let (first, last) = (sizes[0], sizes[sizes.len() - 1]);
    println!("s/MB at {last} MB / s/MB at {first} MB:");
    for (name, rates) in names.iter().zip(&per_mb) {
        println!("{name:<12} {:>8.2}", rates[rates.len() - 1] / rates[0]);
    }
}
