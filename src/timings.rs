//! Where a run's time goes, stage by stage, for `claimx extract --timings` and the
//! benchmark: users see what a corpus costs them, and a change that slows one stage shows.
//!
//! The rule stages run on many threads at once, so their figure is the time summed over the
//! documents (CPU seconds, more than the wall time they took); the NER stage and the
//! input and output are timed on the wall clock of the thread that waits for them.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A timed part of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Loading the NER model (all workers' copies, side by side).
    ModelLoad,
    /// Reading articles from files or standard input.
    Input,
    /// The reading stage: line ends, invisible characters, wraps.
    Reading,
    /// Sentence boundaries.
    Sentences,
    /// Quotations.
    Quotes,
    /// Attribution (both passes: before NER, to choose what to tag, and after it).
    Attribution,
    /// The NER stage: word pieces and the encoder.
    Entities,
    /// Building the claim records.
    Records,
    /// Writing the records.
    Output,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 9] = [
        Stage::ModelLoad,
        Stage::Input,
        Stage::Reading,
        Stage::Sentences,
        Stage::Quotes,
        Stage::Attribution,
        Stage::Entities,
        Stage::Records,
        Stage::Output,
    ];

    /// The stage's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Stage::ModelLoad => "model load",
            Stage::Input => "input",
            Stage::Reading => "reading",
            Stage::Sentences => "sentences",
            Stage::Quotes => "quotes",
            Stage::Attribution => "attribution",
            Stage::Entities => "entities (NER)",
            Stage::Records => "records",
            Stage::Output => "output",
        }
    }

    /// Whether the stage runs on many threads at once (its figure is summed over them).
    pub fn is_parallel(self) -> bool {
        matches!(
            self,
            Stage::Reading | Stage::Sentences | Stage::Quotes | Stage::Attribution | Stage::Records
        )
    }

    fn index(self) -> usize {
        Stage::ALL
            .iter()
            .position(|&s| s == self)
            .expect("every stage is in ALL")
    }
}

/// Nanoseconds spent in each stage, added to from any thread, and the sentences the NER
/// stage tagged.
#[derive(Debug, Default)]
pub struct Timings {
    nanos: [AtomicU64; Stage::ALL.len()],
    tagged: AtomicU64,
}

impl Timings {
    /// Runs `work`, adding its time to `stage`.
    pub fn time<T>(&self, stage: Stage, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = work();
        self.add(stage, started.elapsed());
        out
    }

    /// Adds `spent` to `stage`.
    pub fn add(&self, stage: Stage, spent: Duration) {
        let nanos = u64::try_from(spent.as_nanos()).unwrap_or(u64::MAX);
        self.nanos[stage.index()].fetch_add(nanos, Ordering::Relaxed);
    }

    /// Counts `sentences` more sentences through the NER stage.
    pub fn add_tagged(&self, sentences: usize) {
        self.tagged.fetch_add(sentences as u64, Ordering::Relaxed);
    }

    /// The sentences the NER stage has tagged so far.
    pub fn tagged(&self) -> u64 {
        self.tagged.load(Ordering::Relaxed)
    }

    /// The time spent in `stage` so far.
    pub fn get(&self, stage: Stage) -> Duration {
        Duration::from_nanos(self.nanos[stage.index()].load(Ordering::Relaxed))
    }
}

/// The table `--timings` prints: each stage's seconds, and the whole run's wall time.
pub struct Report<'a> {
    /// The stage times.
    pub timings: &'a Timings,
    /// From the process's start (before libtorch was loaded) to `main`, when known.
    pub start_up: Option<Duration>,
    /// From `main` to the end of the run.
    pub wall: Duration,
    /// The word pieces the NER model encoded, when it counts them.
    pub pieces: Option<u64>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<28} {:>9}", "stage", "seconds")?;
        if let Some(start_up) = self.start_up {
            writeln!(
                f,
                "{:<28} {:>9.3}",
                "process start (libraries)",
                start_up.as_secs_f64()
            )?;
        }
        for stage in Stage::ALL {
            let mark = if stage.is_parallel() { " *" } else { "" };
            writeln!(
                f,
                "{:<28} {:>9.3}",
                format!("{}{mark}", stage.name()),
                self.timings.get(stage).as_secs_f64()
            )?;
        }
        writeln!(
            f,
            "{:<28} {:>9.3}",
            "whole run (wall, from main)",
            self.wall.as_secs_f64()
        )?;
        writeln!(f, "* summed over the threads that ran it")?;
        let ner = self.timings.get(Stage::Entities).as_secs_f64();
        let tagged = self.timings.tagged();
        write!(f, "NER: {tagged} sentences")?;
        if let Some(pieces) = self.pieces {
            write!(f, ", {pieces} word pieces")?;
        }
        if ner > 0.0 {
            write!(f, "; {:.1} sentences/s", tagged as f64 / ner)?;
            if let Some(pieces) = self.pieces {
                write!(f, ", {:.0} word pieces/s", pieces as f64 / ner)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_add_up_per_stage_from_many_threads() {
        let timings = Timings::default();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| timings.add(Stage::Quotes, Duration::from_millis(5)));
            }
        });
        timings.time(Stage::Records, || {
            std::thread::sleep(Duration::from_millis(2))
        });
        assert_eq!(timings.get(Stage::Quotes), Duration::from_millis(20));
        assert!(timings.get(Stage::Records) >= Duration::from_millis(2));
        assert_eq!(timings.get(Stage::Entities), Duration::ZERO);
    }

    #[test]
    fn the_report_names_every_stage_once() {
        let timings = Timings::default();
        timings.add(Stage::Entities, Duration::from_millis(1500));
        timings.add_tagged(1200);
        let text = Report {
            timings: &timings,
            start_up: Some(Duration::from_millis(250)),
            wall: Duration::from_secs(2),
            pieces: Some(30_000),
        }
        .to_string();
        for stage in Stage::ALL {
            let rows = text.lines().filter(|l| l.starts_with(stage.name())).count();
            assert_eq!(rows, 1, "{text}");
        }
        assert!(
            text.contains("entities (NER)                   1.500"),
            "{text}"
        );
        assert!(
            text.contains("process start (libraries)        0.250"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "NER: 1200 sentences, 30000 word pieces; 800.0 sentences/s, 20000 word pieces/s"
            ),
            "{text}"
        );
    }
}
