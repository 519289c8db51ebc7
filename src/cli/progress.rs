//! Progress on standard error: a bar on a terminal, plain lines in a log, and the summary.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::args::ProgressMode;

/// How often a plain progress line is written when standard error is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

/// Counts articles and claims and shows them.
pub struct Progress {
    started: Instant,
    view: View,
    /// Articles done, failed ones included.
    pub articles: u64,
    /// Articles that failed.
    pub failed: u64,
    /// Records written.
    pub claims: u64,
}

enum View {
    Bar(ProgressBar),
    Lines { last: Instant, total: Option<u64> },
    Off,
}

impl Progress {
    /// Starts counting; `total` is the number of articles when known (no standard input).
    pub fn new(mode: ProgressMode, total: Option<u64>) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let view = match (mode, terminal) {
            (ProgressMode::Never, _) | (ProgressMode::Auto, false) => View::Off,
            (_, true) => View::Bar(bar(total)),
            (ProgressMode::Always, false) => View::Lines {
                last: Instant::now(),
                total,
            },
        };
        Progress {
            started: Instant::now(),
            view,
            articles: 0,
            failed: 0,
            claims: 0,
        }
    }

    /// Records one finished article.
    pub fn article_done(&mut self, claims: usize, failed: bool) {
        self.articles += 1;
        self.claims += claims as u64;
        self.failed += u64::from(failed);
        let rate = self.rate();
        match &mut self.view {
            View::Bar(bar) => {
                bar.inc(1);
                bar.set_message(format!("{} claims, {:.1} articles/s", self.claims, rate));
            }
            View::Lines { last, total } if last.elapsed() >= LINE_EVERY => {
                *last = Instant::now();
                let of = total.map_or_else(String::new, |t| format!(" of {t}"));
                eprintln!(
                    "claimx: {}{of} articles, {} claims, {:.1} articles/s",
                    self.articles, self.claims, rate
                );
            }
            _ => {}
        }
    }

    /// Prints a message without tearing the bar.
    pub fn message(&self, text: &str) {
        match &self.view {
            View::Bar(bar) => bar.suspend(|| eprintln!("{text}")),
            _ => eprintln!("{text}"),
        }
    }

    fn rate(&self) -> f64 {
        self.articles as f64 / self.started.elapsed().as_secs_f64().max(1e-9)
    }

    /// Removes the bar and prints the one-line summary.
    pub fn finish(self) {
        if let View::Bar(bar) = &self.view {
            bar.finish_and_clear();
        }
        eprintln!(
            "claimx: {} articles read, {} claims written, {} articles failed, {:.2} s, {:.1} articles/s",
            self.articles,
            self.claims,
            self.failed,
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
