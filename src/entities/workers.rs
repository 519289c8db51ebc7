//! Tagging workers: a fixed number of models side by side, each run by its own thread with
//! one intra-op thread, chosen by claimx at start-up.
//!
//! libtorch's own threading (OpenMP) spins waiting for its threads; when another process
//! keeps the cores busy those waits collapse the run (the same batches took 1.5 s in one
//! repetition and 77 s in the next, `../shared/notes/ner-speed.md`). One model per worker
//! with one thread each never waits on another thread, so a busy machine slows claimx in
//! proportion; and on a quiet one two such workers beat one model on two OpenMP threads.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::bert::{BertTagger, Precision};
use super::{EntityTagger, NerError, Tagged, TaggedEntity};

/// The most workers a run starts: each holds a copy of the model (about 45 MB in bf16), and
/// past the cores more workers only take turns.
pub const MAX_WORKERS: usize = 8;

/// Several copies of one model, tagging parts of each call side by side.
pub struct TaggingWorkers {
    taggers: Vec<Mutex<BertTagger>>,
}

impl TaggingWorkers {
    /// Loads `workers` copies of the model in `dir` (at least one, at most [`MAX_WORKERS`])
    /// to run in `precision`, side by side, so that start-up costs one load; with `roles`,
    /// each also runs the attribution head ([`BertTagger::proposing_roles`]).
    pub fn load(
        dir: &Path,
        workers: usize,
        precision: Precision,
        roles: bool,
    ) -> Result<Self, NerError> {
        let workers = workers.clamp(1, MAX_WORKERS);
        let loaded: Vec<Result<BertTagger, NerError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        one_intra_op_thread();
                        let tagger = BertTagger::load_as(dir, precision)?;
                        if roles {
                            tagger.proposing_roles()
                        } else {
                            Ok(tagger)
                        }
                    })
                })
                .collect();
            handles.into_iter().map(join).collect()
        });
        let taggers = loaded
            .into_iter()
            .map(|tagger| tagger.map(Mutex::new))
            .collect::<Result<_, _>>()?;
        Ok(TaggingWorkers { taggers })
    }
}

/// Gives the calling thread one intra-op thread. libtorch keeps the setting per thread, so
/// each worker sets it for itself.
fn one_intra_op_thread() {
    tch::set_num_threads(1);
}

fn join<T>(handle: std::thread::ScopedJoinHandle<'_, Result<T, NerError>>) -> Result<T, NerError> {
    handle
        .join()
        .unwrap_or_else(|_| Err(NerError::Inference("a tagging worker panicked".into())))
}

/// Sentences a worker tags in one call: the unit of work, fixed so that what each sentence
/// is batched with (and so every float of its result) does not depend on how many workers
/// there are; output stays byte-identical between `--jobs 1` and `--jobs 2`. Four batches of
/// the tagger's 8 windows, so that two workers share even a small chunk.
const GROUP: usize = 32;

impl TaggingWorkers {
    /// Tags each unit (a list of sentences) with one call of one worker's model, the workers
    /// taking the units in turn in the order given, and calls `done_one` after each; the
    /// results come back in the order given.
    fn share(
        &self,
        units: &[Vec<&str>],
        done_one: &(dyn Fn() + Sync),
    ) -> Vec<Result<Tagged, NerError>> {
        let next = AtomicUsize::new(0);
        let done: Vec<Mutex<Option<Result<Tagged, NerError>>>> =
            units.iter().map(|_| Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for tagger in self.taggers.iter().take(units.len()) {
                scope.spawn(|| {
                    one_intra_op_thread();
                    let tagger = tagger.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        let Some(unit) = units.get(n) else { break };
                        let result = tagger.tag_sentences(unit);
                        *done[n].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                        done_one();
                    }
                });
            }
        });
        done.into_iter()
            .map(|result| {
                let result = result.into_inner().unwrap_or_else(|e| e.into_inner());
                result
                    .unwrap_or_else(|| Err(NerError::Inference("a tagging worker stopped".into())))
            })
            .collect()
    }
}

impl EntityTagger for TaggingWorkers {
    /// Sorts the sentences by length, cuts them into groups of [`GROUP`], lets the workers
    /// take the groups in turn, and puts the results back in order.
    fn tag(&self, sentences: &[&str]) -> Result<Vec<Vec<TaggedEntity>>, NerError> {
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        order.sort_by_key(|&n| std::cmp::Reverse(sentences[n].len()));
        let groups: Vec<&[usize]> = order.chunks(GROUP).collect();
        let units: Vec<Vec<&str>> = groups
            .iter()
            .map(|group| group.iter().map(|&n| sentences[n]).collect())
            .collect();
        let mut out: Vec<Vec<TaggedEntity>> = vec![Vec::new(); sentences.len()];
        for (group, tagged) in groups.iter().zip(self.share(&units, &|| {})) {
            for (&n, sentence) in group.iter().zip(tagged?) {
                out[n] = sentence.entities;
            }
        }
        Ok(out)
    }

    /// Lets the workers take whole articles in turn, the longest first so that the last
    /// ones to finish are short: each article is one call of one worker's model, batched
    /// with itself only.
    fn tag_articles(
        &self,
        articles: &[Vec<&str>],
        tagged: &(dyn Fn() + Sync),
    ) -> Result<Vec<Tagged>, NerError> {
        let mut order: Vec<usize> = (0..articles.len()).collect();
        order.sort_by_key(|&n| std::cmp::Reverse(articles[n].len()));
        let units: Vec<Vec<&str>> = order.iter().map(|&n| articles[n].clone()).collect();
        let mut out: Vec<Tagged> = vec![Vec::new(); articles.len()];
        for (&n, result) in order.iter().zip(self.share(&units, tagged)) {
            out[n] = result?;
        }
        Ok(out)
    }

    fn pieces_encoded(&self) -> Option<u64> {
        self.taggers
            .iter()
            .map(|t| t.lock().unwrap_or_else(|e| e.into_inner()).pieces_encoded())
            .sum()
    }
}
