//! `claimx extract`: wires inputs, the pipeline, the writer and progress together.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use claimx::corpus::{self, Article, ArticleError, Entry, JsonLines, UniqueIds};
use claimx::document::Document;
use claimx::entities::EntityTagger;
use claimx::output::Output;
use claimx::pipeline::{DocResult, Pipeline, BATCH_ARTICLES};
use claimx::timings::{Stage, Timings};

use super::args::ExtractArgs;
use super::interrupt;
use super::progress::Progress;

/// How a run ended, for the exit code.
pub struct Outcome {
    /// Articles that failed.
    pub failed: u64,
}

/// One input in order: a folder entry (a file to read, or why it cannot be), or an article
/// (or its error) read from standard input.
enum Job {
    Entry(Entry),
    Read(Result<Article, ArticleError>),
}

/// What every chunk of a run shares.
struct Run<'a> {
    max_bytes: u64,
    pipeline: Pipeline<'a>,
    ids: UniqueIds,
    output: Output,
    /// The shape records are written in.
    format: claimx::formats::Format,
    progress: &'a Progress,
    timings: &'a Timings,
}

/// Runs the extraction. Errors returned here are fatal (bad root, output I/O); an article's
/// own failure is reported and counted instead.
/// Each stage's time is added to `timings`.
pub fn run(
    args: &ExtractArgs,
    tagger: Option<&dyn EntityTagger>,
    timings: &Timings,
) -> Result<Outcome> {
    let reads_stdin = args.paths.iter().any(|p| p == Path::new("-"));
    let entries = discover_all(args, !reads_stdin)?;
    let total = (!reads_stdin).then_some(entries.len() as u64);
    let mut output = match args.output.as_deref() {
        None => Output::stdout(),
        Some(path) if path == Path::new("-") => Output::stdout(),
        Some(path) => Output::file(path)
            .with_context(|| format!("{}: cannot create the output file", path.display()))?,
    };
    let format = args.format.into();
    output
        .write_header(format)
        .context("cannot write the output")?;
    let every = Duration::from_secs(args.progress_interval);
    let progress = Progress::new(args.progress, total, every, args.quiet);
    interrupt::watch(
        output.temporary_path().map(Path::to_path_buf),
        progress.tally(),
    )
    .context("cannot watch for interrupts")?;
    let mut jobs: Box<dyn Iterator<Item = Job>> = Box::new(entries.into_iter().map(Job::Entry));
    if reads_stdin {
        let lines = JsonLines::new(io::stdin().lock(), args.max_bytes);
        let lines = lines.inspect(|_| progress.article_read());
        jobs = Box::new(jobs.chain(lines.map(Job::Read)));
    }
    let finished = |result: &DocResult| match result {
        Ok(extracted) => progress.article_finished(extracted.records.len(), false),
        Err(_) => progress.article_finished(0, true),
    };
    let tagged = || progress.article_tagged();
    let mut run = Run {
        max_bytes: args.max_bytes,
        pipeline: Pipeline {
            tagger,
            attribution: args.ner.mode(),
            timings: Some(timings),
            finished: Some(&finished),
            tagged: Some(&tagged),
            ..Pipeline::default()
        },
        ids: UniqueIds::default(),
        output,
        format,
        progress: &progress,
        timings,
    };
    loop {
        // Standard input is parsed here, as the chunk is taken.
        let chunk: Vec<Job> = timings.time(Stage::Input, || {
            jobs.by_ref().take(BATCH_ARTICLES).collect()
        });
        if chunk.is_empty() {
            break;
        }
        run.process_chunk(chunk)?;
    }
    run.output
        .finish()
        .context("cannot finish writing the output")?;
    // The input counts what it reads into the progress, which `finish` takes.
    drop(jobs);
    let failed = progress.failed();
    progress.finish();
    Ok(Outcome { failed })
}

/// Lists every entry under the given roots, in the order the roots were given. A file named
/// twice (directly or through two roots) is read once. With no standard input to wait for,
/// a run that finds nothing to read is an error: an empty folder or a glob that matches
/// nothing is almost always a mistake.
fn discover_all(args: &ExtractArgs, must_find: bool) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let warn = |text: String| {
        if !args.quiet {
            eprintln!("claimx: warning: {text}");
        }
    };
    for root in args.paths.iter().filter(|p| *p != Path::new("-")) {
        let found = corpus::discover(root, &args.glob)?;
        if found.is_empty() {
            warn(format!(
                "{}: no file matches --glob {:?}",
                root.display(),
                args.glob
            ));
        }
        for entry in found {
            if let Ok(file) = &entry {
                let real = file
                    .path
                    .canonicalize()
                    .unwrap_or_else(|_| file.path.clone());
                if !seen.insert(real) {
                    warn(format!(
                        "{}: given more than once; read once",
                        file.path.display()
                    ));
                    continue;
                }
            }
            entries.push(entry);
        }
    }
    if must_find && entries.is_empty() {
        bail!(
            "no articles to read: nothing under the given paths matches --glob {:?} \
             (claimx reads *.txt by default; pass --glob to choose other files)",
            args.glob
        );
    }
    Ok(entries)
}

impl Run<'_> {
    /// Reads, processes and writes one chunk, keeping input order.
    fn process_chunk(&mut self, chunk: Vec<Job>) -> Result<()> {
        let max_bytes = self.max_bytes;
        let read: Vec<Result<Article, ArticleError>> = self.timings.time(Stage::Input, || {
            chunk
                .into_par_iter()
                .map(|job| match job {
                    Job::Entry(entry) => entry.and_then(|file| corpus::read_file(&file, max_bytes)),
                    Job::Read(article) => article,
                })
                .collect()
        });
        // Each slot is an article's error, or None for the next document's result.
        let mut slots = Vec::with_capacity(read.len());
        let mut docs = Vec::new();
        for article in read {
            match article {
                Ok(article) => {
                    slots.push(None);
                    let Article { id, text, meta } = article;
                    docs.push(Document::new(self.unique_id(id), text).with_meta(meta));
                }
                Err(err) => {
                    // An article that cannot be read is finished now.
                    self.progress.article_finished(0, true);
                    slots.push(Some(err));
                }
            }
        }
        let ids: Vec<String> = docs.iter().map(|doc| doc.id.clone()).collect();
        let mut results = self.pipeline.run(docs).into_iter().zip(ids);
        for slot in slots {
            let failure = match slot.ok_or_else(|| results.next()) {
                Ok(err) => err.to_string(),
                Err(Some((Ok(extracted), id))) => {
                    for warning in &extracted.warnings {
                        self.progress.warning(&format!("claimx: {id}: {warning}"));
                    }
                    self.timings
                        .time(Stage::Output, || {
                            self.output.write_records(self.format, &extracted.records)
                        })
                        .context("cannot write the output")?;
                    self.progress.article_written(extracted.records.len());
                    continue;
                }
                Err(Some((Err(err), id))) => format!("{id}: {err}"),
                Err(None) => break,
            };
            self.progress.message(&format!("claimx: {failure}"));
            self.progress.article_written(0);
        }
        Ok(())
    }

    /// The article's id, or a suffixed one (with a warning) when an earlier article has it.
    fn unique_id(&mut self, id: String) -> String {
        match self.ids.claim(id.clone()) {
            Ok(id) => id,
            Err(renamed) => {
                self.progress.warning(&format!(
                    "claimx: warning: the article id {id:?} is used more than once; \
                     this one's records carry the id {renamed:?}"
                ));
                renamed
            }
        }
    }
}
