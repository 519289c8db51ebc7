//! Progress on standard error: a bar on a terminal, plain lines in a log, and the summary.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::args::ProgressMode;

/// How often a plain progress line is written when standard error is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

/// How far a run has got: shared with the signal watcher, which reports it when the run is
/// interrupted.
#[derive(Debug, Default)]
pub struct Tally {
    /// Articles done, failed ones included.
    articles: AtomicU64,
    /// Articles that failed.
    failed: AtomicU64,
    /// Records written.
    claims: AtomicU64,
    /// Articles in the run, when known (no standard input); 0 when not.
    total: AtomicU64,
}

impl Tally {
    /// "120 of 840 articles done, 900 claims written, 0 articles failed".
    pub fn summary(&self) -> String {
        let total = self.total.load(Ordering::Relaxed);
        let of = if total > 0 {
            format!(" of {total}")
        } else {
            String::new()
        };
        format!(
            "{}{of} articles done, {} claims written, {} articles failed",
            self.articles.load(Ordering::Relaxed),
            self.claims.load(Ordering::Relaxed),
            self.failed.load(Ordering::Relaxed)
        )
    }
}

/// Counts articles and claims and shows them.
pub struct Progress {
    started: Instant,
    view: View,
    tally: Arc<Tally>,
    quiet: bool,
}

enum View {
    Bar(ProgressBar),
    Lines { last: Instant, total: Option<u64> },
    Off,
}

impl Progress {
    /// Starts counting; `total` is the number of articles when known (no standard input).
    /// `quiet` keeps per-article warnings off standard error (errors are still printed).
    pub fn new(mode: ProgressMode, total: Option<u64>, quiet: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let view = match (mode, terminal) {
            (ProgressMode::Never, _) | (ProgressMode::Auto, false) => View::Off,
            (_, true) => View::Bar(bar(total)),
            (ProgressMode::Always, false) => View::Lines {
                last: Instant::now(),
                total,
            },
        };
        let tally = Tally::default();
        tally.total.store(total.unwrap_or(0), Ordering::Relaxed);
        Progress {
            started: Instant::now(),
            view,
            tally: Arc::new(tally),
            quiet,
        }
    }

    /// The counts, for the signal watcher.
    pub fn tally(&self) -> Arc<Tally> {
        Arc::clone(&self.tally)
    }

    /// Articles that failed so far.
    pub fn failed(&self) -> u64 {
        self.tally.failed.load(Ordering::Relaxed)
    }

    /// Records one finished article.
    pub fn article_done(&mut self, claims: usize, failed: bool) {
        let tally = &self.tally;
        let articles = tally.articles.fetch_add(1, Ordering::Relaxed) + 1;
        let claims = tally.claims.fetch_add(claims as u64, Ordering::Relaxed) + claims as u64;
        tally.failed.fetch_add(u64::from(failed), Ordering::Relaxed);
        let rate = self.rate();
        match &mut self.view {
            View::Bar(bar) => {
                bar.inc(1);
                bar.set_message(format!("{claims} claims, {rate:.1} articles/s"));
            }
            View::Lines { last, total } if last.elapsed() >= LINE_EVERY => {
                *last = Instant::now();
                let of = total.map_or_else(String::new, |t| format!(" of {t}"));
                eprintln!("claimx: {articles}{of} articles, {claims} claims, {rate:.1} articles/s");
            }
            _ => {}
        }
    }

    /// Prints an error message without tearing the bar.
    pub fn message(&self, text: &str) {
        match &self.view {
            View::Bar(bar) => bar.suspend(|| eprintln!("{text}")),
            _ => eprintln!("{text}"),
        }
    }

    /// Prints a warning, unless `--quiet`.
    pub fn warning(&self, text: &str) {
        if !self.quiet {
            self.message(text);
        }
    }

    fn rate(&self) -> f64 {
        let articles = self.tally.articles.load(Ordering::Relaxed);
        articles as f64 / self.started.elapsed().as_secs_f64().max(1e-9)
    }

    /// Removes the bar and prints the one-line summary.
    pub fn finish(self) {
        if let View::Bar(bar) = &self.view {
            bar.finish_and_clear();
        }
        let tally = &self.tally;
        eprintln!(
            "claimx: {} articles read, {} claims written, {} articles failed, {:.2} s, {:.1} articles/s",
            tally.articles.load(Ordering::Relaxed),
            tally.claims.load(Ordering::Relaxed),
            tally.failed.load(Ordering::Relaxed),
            self.started.elapsed().as_secs_f64(),
            self.rate()
        );
    }
}

fn bar(total: Option<u64>) -> ProgressBar {
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            "{bar:30} {pos}/{len} articles, {msg}, ETA {eta}",
        ),
        None => (ProgressBar::no_length(), "{pos} articles, {msg}"),
    };
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
