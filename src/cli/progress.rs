//! Progress on standard error: a bar on a terminal, plain lines in a log, and the summary.
//!
//! Articles are counted as the pipeline finishes them (its `finished` hook, called on the
//! worker threads), not a chunk at a time when their records are written. With NER on, the
//! articles of one chunk still finish close together, after the one tagging call their
//! sentences share (the call is what keeps the records the same whatever `--jobs`), so the
//! rate is smoothed over more than a chunk ([`RATE_WINDOW`]) and the ETA counts down between
//! the bursts instead of swinging with them.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use super::args::ProgressMode;

/// How many finished articles the rate is averaged over: two of extract's chunks of 64, so
/// that a chunk whose articles finish together weighs in beside the one before it rather
/// than alone. The average is the exact mean of every article until there are that many.
const RATE_WINDOW: f64 = 128.0;

/// How often a terminal's bar is redrawn, so that the spinner turns and the ETA counts down
/// while no article finishes.
const REDRAW_EVERY: Duration = Duration::from_millis(200);

/// How far a run has got: shared with the signal watcher, which reports it when the run is
/// interrupted.
#[derive(Debug, Default)]
pub struct Tally {
    /// Articles done (records written or failure reported), failed ones included.
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

/// Seconds per finished article, as an exponentially weighted mean over the last
/// [`RATE_WINDOW`] articles.
#[derive(Debug, Clone, Copy)]
struct Rate {
    /// When the last article finished (the start before the first).
    last: Instant,
    /// The mean, once an article has finished.
    seconds_each: Option<f64>,
    /// Articles seen, for the exact mean of the first ones.
    seen: f64,
}

impl Rate {
    fn new(start: Instant) -> Self {
        Rate {
            last: start,
            seconds_each: None,
            seen: 0.0,
        }
    }

    /// Takes in one article finished at `now`.
    fn finished(&mut self, now: Instant) {
        let took = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.seen += 1.0;
        let weight = (1.0 / self.seen).max(1.0 / RATE_WINDOW);
        let mean = self.seconds_each.unwrap_or(took);
        self.seconds_each = Some(mean + weight * (took - mean));
    }

    /// Articles a second.
    fn per_second(&self) -> Option<f64> {
        self.seconds_each
            .filter(|&s| s > 0.0)
            .map(|seconds| 1.0 / seconds)
    }

    /// Time left for `remaining` articles at `now`: what they take at the mean rate, less the
    /// time already spent on the next one, so that the estimate counts down between bursts.
    fn eta(&self, remaining: u64, now: Instant) -> Option<Duration> {
        let each = self.seconds_each?;
        let since = now.saturating_duration_since(self.last).as_secs_f64();
        Some(Duration::from_secs_f64(
            (each * remaining as f64 - since).max(0.0),
        ))
    }
}

/// What the display shows, changed by whichever thread finishes an article.
#[derive(Debug)]
struct Live {
    /// Articles finished (failed ones included).
    finished: u64,
    /// Articles through the NER stage: with NER on they finish a batch at a time right
    /// after it, so the count shown is the larger of the two.
    tagged: u64,
    /// Claims found in them.
    claims: u64,
    /// Articles read from standard input so far (the only count there is before the first
    /// chunk of a slow stream finishes).
    read: u64,
    rate: Rate,
    /// When the last plain line was written.
    last_line: Instant,
}

impl Live {
    /// "17 of 84 articles, 130 claims, 12.3 articles/s, ETA 5s", or with no total
    /// "17 articles (64 read), 130 claims, 12.3 articles/s".
    fn describe(&self, total: Option<u64>, now: Instant) -> String {
        let count = match total {
            Some(total) => format!("{} of {total} articles", self.done()),
            None => format!("{} articles ({} read)", self.done(), self.read),
        };
        format!("{count}, {}", self.figures(total, now))
    }

    /// The articles shown as done: finished, or through the NER stage when more are.
    fn done(&self) -> u64 {
        self.finished.max(self.tagged)
    }

    /// "130 claims, 12.3 articles/s, ETA 5s": the claims, the rate and (with a total) the
    /// time left, or only the claims before the first article finishes.
    fn figures(&self, total: Option<u64>, now: Instant) -> String {
        let mut text = format!("{} claims", self.claims);
        if let Some(rate) = self.rate.per_second() {
            text.push_str(&format!(", {rate:.1} articles/s"));
        }
        let remaining = total.map(|t| t.saturating_sub(self.done()));
        if let Some(eta) = remaining.and_then(|r| self.rate.eta(r, now)) {
            text.push_str(&format!(", ETA {}", clock(eta)));
        }
        text
    }
}

/// "45s", "3m 05s", "2h 07m".
fn clock(time: Duration) -> String {
    let seconds = time.as_secs();
    match (seconds / 3600, seconds / 60 % 60, seconds % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m {s:02}s"),
        (h, m, _) => format!("{h}h {m:02}m"),
    }
}

/// Counts articles and claims and shows them.
pub struct Progress {
    started: Instant,
    view: View,
    tally: Arc<Tally>,
    live: Arc<Mutex<Live>>,
    total: Option<u64>,
    quiet: bool,
}

enum View {
    Bar(ProgressBar),
    /// A plain line at most every `every` (every article when zero).
    Lines {
        every: Duration,
    },
    Off,
}

impl Progress {
    /// Starts counting; `total` is the number of articles when known (no standard input).
    /// `every` is how often plain lines are written when standard error is not a terminal.
    /// `quiet` keeps per-article warnings off standard error (errors are still printed).
    pub fn new(mode: ProgressMode, total: Option<u64>, every: Duration, quiet: bool) -> Self {
        let started = Instant::now();
        let live = Arc::new(Mutex::new(Live {
            finished: 0,
            tagged: 0,
            claims: 0,
            read: 0,
            rate: Rate::new(started),
            last_line: started,
        }));
        let terminal = std::io::stderr().is_terminal();
        let view = match (mode, terminal) {
            (ProgressMode::Never, _) | (ProgressMode::Auto, false) => View::Off,
            (_, true) => View::Bar(bar(total, Arc::clone(&live))),
            (ProgressMode::Always, false) => View::Lines { every },
        };
        let tally = Tally::default();
        tally.total.store(total.unwrap_or(0), Ordering::Relaxed);
        Progress {
            started,
            view,
            tally: Arc::new(tally),
            live,
            total,
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

    fn live(&self) -> MutexGuard<'_, Live> {
        // The counts stay whole even if a thread panicked while holding them.
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts one article read from standard input.
    pub fn article_read(&self) {
        self.live().read += 1;
    }

    /// Counts one article as it finishes, with the claims found in it; called on whichever
    /// thread finished it.
    pub fn article_finished(&self, claims: usize, failed: bool) {
        self.tally
            .failed
            .fetch_add(u64::from(failed), Ordering::Relaxed);
        let mut live = self.live();
        let before = live.done();
        live.finished += 1;
        live.claims += claims as u64;
        self.show(live, before);
    }

    /// Counts one article through the NER stage; called on the tagging worker.
    pub fn article_tagged(&self) {
        let mut live = self.live();
        let before = live.done();
        live.tagged += 1;
        self.show(live, before);
    }

    /// Moves the display on when the count of done articles grew past `before`. The plain
    /// line, when one is due, is written under the lock, so that the counts only grow.
    fn show(&self, mut live: MutexGuard<'_, Live>, before: u64) {
        if live.done() == before {
            return;
        }
        let now = Instant::now();
        live.rate.finished(now);
        match &self.view {
            View::Bar(bar) => {
                let done = live.done();
                drop(live);
                bar.set_position(done);
            }
            View::Lines { every } if now.duration_since(live.last_line) >= *every => {
                live.last_line = now;
                eprintln!("claimx: {}", live.describe(self.total, now));
            }
            _ => {}
        }
    }

    /// Counts one article done: its records written (or its failure reported).
    pub fn article_written(&self, claims: usize) {
        self.tally.articles.fetch_add(1, Ordering::Relaxed);
        self.tally
            .claims
            .fetch_add(claims as u64, Ordering::Relaxed);
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

    /// Removes the bar and prints the one-line summary.
    pub fn finish(self) {
        if let View::Bar(bar) = &self.view {
            bar.finish_and_clear();
        }
        let tally = &self.tally;
        let articles = tally.articles.load(Ordering::Relaxed);
        let seconds = self.started.elapsed().as_secs_f64();
        eprintln!(
            "claimx: {articles} articles read, {} claims written, {} articles failed, {seconds:.2} s, {:.1} articles/s",
            tally.claims.load(Ordering::Relaxed),
            tally.failed.load(Ordering::Relaxed),
            articles as f64 / seconds.max(1e-9)
        );
    }
}

/// A bar when the total is known, a spinner with the counts when it is not (standard input);
/// either way the claims, the smoothed rate and the ETA come from `live` at every redraw.
fn bar(total: Option<u64>, live: Arc<Mutex<Live>>) -> ProgressBar {
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            "{spinner} {bar:30} {pos}/{len} articles, {figures}",
        ),
        None => (
            ProgressBar::no_length(),
            "{spinner} {pos} articles ({read} read), {figures}",
        ),
    };
    let shown = Arc::clone(&live);
    let figures = move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
        let live = shown.lock().unwrap_or_else(|e| e.into_inner());
        let _ = w.write_str(&live.figures(total, Instant::now()));
    };
    let read = move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
        let live = live.lock().unwrap_or_else(|e| e.into_inner());
        let _ = w.write_str(&live.read.to_string());
    };
    let style = ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key("figures", figures)
        .with_key("read", read);
    bar.set_style(style);
    bar.enable_steady_tick(REDRAW_EVERY);
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_the_plain_mean_at_first_then_weighs_the_window() {
        let start = Instant::now();
        let mut rate = Rate::new(start);
        for n in 1..=4 {
            rate.finished(start + Duration::from_secs(n));
        }
        assert!((rate.seconds_each.unwrap() - 1.0).abs() < 1e-9);
        // A chunk of 64 finishing at once after a long wait moves the mean by a bounded step.
        let mut bursty = Rate::new(start);
        let mut at = start;
        for _chunk in 0..10 {
            at += Duration::from_secs(64);
            for _ in 0..64 {
                bursty.finished(at);
            }
        }
        let per_second = bursty.per_second().unwrap();
        assert!((0.5..2.0).contains(&per_second), "{per_second}");
    }

    #[test]
    fn the_eta_counts_down_between_finished_articles() {
        let start = Instant::now();
        let mut rate = Rate::new(start);
        rate.finished(start + Duration::from_secs(2));
        let at_finish = rate.eta(10, start + Duration::from_secs(2)).unwrap();
        let later = rate.eta(10, start + Duration::from_secs(5)).unwrap();
        assert_eq!(at_finish, Duration::from_secs(20));
        assert_eq!(later, Duration::from_secs(17));
        assert_eq!(
            rate.eta(1, start + Duration::from_secs(60)),
            Some(Duration::ZERO)
        );
        assert_eq!(Rate::new(start).eta(10, start), None);
    }

    #[test]
    fn clock_reads_like_a_clock() {
        assert_eq!(clock(Duration::from_secs(45)), "45s");
        assert_eq!(clock(Duration::from_secs(185)), "3m 05s");
        assert_eq!(clock(Duration::from_secs(2 * 3600 + 7 * 60 + 9)), "2h 07m");
    }
}
