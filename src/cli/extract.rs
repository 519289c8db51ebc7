//! `claimx extract`: wires inputs, the pipeline, the writer and progress together.

use std::io;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use claimx::corpus::{self, Article, ArticleError, ArticleFile, JsonLines};
use claimx::document::Document;
use claimx::entities::EntityTagger;
use claimx::output::Output;
use claimx::pipeline::Pipeline;

use super::args::ExtractArgs;
use super::progress::Progress;

/// Articles handled together: enough to fill the tagger's batches across articles, few
/// enough to keep memory flat and output flowing on a stream.
const CHUNK: usize = 64;

/// How a run ended, for the exit code.
pub struct Outcome {
    /// Articles that failed.
    pub failed: u64,
}

/// One input in order: a file still to read, or an article (or its error) already read.
enum Job {
    File(ArticleFile),
    Read(Result<Article, ArticleError>),
}

/// Runs the extraction. Errors returned here are fatal (bad root, output I/O); an article's
/// own failure is reported and counted instead.
pub fn run(args: &ExtractArgs, tagger: Option<&dyn EntityTagger>) -> Result<Outcome> {
    let files = discover_all(args)?;
    let reads_stdin = args.paths.iter().any(|p| p == Path::new("-"));
    let total = (!reads_stdin).then_some(files.len() as u64);
    let mut jobs: Box<dyn Iterator<Item = Job>> = Box::new(files.into_iter().map(Job::File));
    if reads_stdin {
        let lines = JsonLines::new(io::stdin().lock(), args.max_bytes);
        jobs = Box::new(jobs.chain(lines.map(Job::Read)));
    }
    let mut output = match args.output.as_deref() {
        None => Output::stdout(),
        Some(path) if path == Path::new("-") => Output::stdout(),
        Some(path) => Output::file(path)
            .with_context(|| format!("{}: cannot create the output file", path.display()))?,
    };
    let pipeline = Pipeline {
        tagger,
        ..Pipeline::default()
    };
    let mut progress = Progress::new(args.progress, total);
    loop {
        let chunk: Vec<Job> = jobs.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        process_chunk(chunk, args.max_bytes, &pipeline, &mut output, &mut progress)?;
    }
    output
        .finish()
        .context("cannot finish writing the output")?;
    let failed = progress.failed;
    progress.finish();
    Ok(Outcome { failed })
}

/// Lists every file under the given roots, in the order the roots were given.
fn discover_all(args: &ExtractArgs) -> Result<Vec<ArticleFile>> {
    let mut files = Vec::new();
    for root in args.paths.iter().filter(|p| *p != Path::new("-")) {
        files.extend(corpus::discover(root, &args.glob)?);
    }
    Ok(files)
}

/// Reads, processes and writes one chunk, keeping input order.
fn process_chunk(
    chunk: Vec<Job>,
    max_bytes: u64,
    pipeline: &Pipeline,
    output: &mut Output,
    progress: &mut Progress,
) -> Result<()> {
    let read: Vec<Result<Article, ArticleError>> = chunk
        .into_par_iter()
        .map(|job| match job {
            Job::File(file) => corpus::read_file(&file, max_bytes),
            Job::Read(article) => article,
        })
        .collect();
    // Each slot is an article's error, or None for the next document's result.
    let mut slots = Vec::with_capacity(read.len());
    let mut docs = Vec::new();
    for article in read {
        match article {
            Ok(article) => {
                slots.push(None);
                docs.push(Document::new(article.id, article.text));
            }
            Err(err) => slots.push(Some(err)),
        }
    }
    let ids: Vec<String> = docs.iter().map(|doc| doc.id.clone()).collect();
    let mut results = pipeline.run(docs).into_iter().zip(ids);
    for slot in slots {
        let failure = match slot.ok_or_else(|| results.next()) {
            Ok(err) => err.to_string(),
            Err(Some((Ok(extracted), id))) => {
                for warning in &extracted.warnings {
                    progress.message(&format!("claimx: {id}: {warning}"));
                }
                output
                    .write_records(&extracted.records)
                    .context("cannot write the output")?;
                progress.article_done(extracted.records.len(), false);
                continue;
            }
            Err(Some((Err(err), id))) => format!("{id}: {err}"),
            Err(None) => break,
        };
        progress.message(&format!("claimx: {failure}"));
        progress.article_done(0, true);
    }
    Ok(())
}
