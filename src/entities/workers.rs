//! Tagging workers: a fixed number of models side by side, each run by its own thread with
//! one intra-op thread, chosen by claimx at start-up.
//!
//! libtorch's own threading (OpenMP) spins waiting for its threads; when another process
//! keeps the cores busy those waits collapse the run (the same batches took 1.5 s in one
//! repetition and 77 s in the next, `../shared/notes/ner-speed.md`). One model per worker
//! with one thread each never waits on another thread, so a busy machine slows claimx in
//! proportion; and on a quiet one two such workers beat one model on two OpenMP threads.

use std::path::Path;
use std::sync::Mutex;

use super::bert::BertTagger;
use super::{EntityTagger, NerError, TaggedEntity};

/// The most workers a run starts: each holds a copy of the model (about 45 MB in bf16), and
/// past the cores more workers only take turns.
pub const MAX_WORKERS: usize = 8;

/// Several copies of one model, tagging parts of each call side by side.
pub struct TaggingWorkers {
    taggers: Vec<Mutex<BertTagger>>,
}

impl TaggingWorkers {
    /// Loads `workers` copies of the model in `dir` (at least one, at most [`MAX_WORKERS`]),
    /// side by side, so that start-up costs one load.
    pub fn load(dir: &Path, workers: usize) -> Result<Self, NerError> {
        let workers = workers.clamp(1, MAX_WORKERS);
        let loaded: Vec<Result<BertTagger, NerError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        one_intra_op_thread();
                        BertTagger::load(dir)
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

    /// How many workers tag.
    pub fn len(&self) -> usize {
        self.taggers.len()
    }

    /// True when there is no worker (never: [`TaggingWorkers::load`] starts at least one).
    pub fn is_empty(&self) -> bool {
        self.taggers.is_empty()
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

impl EntityTagger for TaggingWorkers {
    /// Deals the sentences out by length, so that every worker gets as many pieces to tag,
    /// tags each share on its own worker, and puts the results back in order.
    fn tag(&self, sentences: &[&str]) -> Result<Vec<Vec<TaggedEntity>>, NerError> {
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        order.sort_by_key(|&n| std::cmp::Reverse(sentences[n].len()));
        let mut shares: Vec<Vec<usize>> = vec![Vec::new(); self.taggers.len()];
        for (k, n) in order.into_iter().enumerate() {
            shares[k % self.taggers.len()].push(n);
        }
        let tagged: Vec<Result<Vec<Vec<TaggedEntity>>, NerError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .iter()
                .zip(&self.taggers)
                .filter(|(share, _)| !share.is_empty())
                .map(|(share, tagger)| {
                    scope.spawn(move || {
                        one_intra_op_thread();
                        let texts: Vec<&str> = share.iter().map(|&n| sentences[n]).collect();
                        let tagger = tagger.lock().unwrap_or_else(|e| e.into_inner());
                        tagger.tag(&texts)
                    })
                })
                .collect();
            handles.into_iter().map(join).collect()
        });
        let mut out: Vec<Vec<TaggedEntity>> = vec![Vec::new(); sentences.len()];
        let shares = shares.iter().filter(|share| !share.is_empty());
        for (share, result) in shares.zip(tagged) {
            for (&n, entities) in share.iter().zip(result?) {
                out[n] = entities;
            }
        }
        Ok(out)
    }
}
