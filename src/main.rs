//! The `claimx` command line: a thin layer over the library that knows about arguments,
//! the terminal and exit codes, and nothing else.

mod cli;

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use clap::Parser;

use claimx::claims;
use claimx::corpus::{self, ArticleFile};
use claimx::document::Document;
use claimx::entities::eval as ner_eval;
use claimx::pipeline::{tag_entities, NerScope, Pipeline};
use claimx::text::CharIndex;
use claimx::{reading, sentences};

use cli::args::{Cli, Command};

fn main() {
    claimx::pipeline::capture_panic_places();
    let code = exit_code();
    leave(code)
}

/// What the process exits with: 0 done, 1 an error or a usage error, 2 articles failed
/// (without `--keep-going`).
fn exit_code() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            // Help and version go to stdout and are not errors; usage errors exit 1.
            return u8::from(err.use_stderr());
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => 0,
        Err(err) => {
            eprintln!("claimx: error: {err:#}");
            1
        }
    }
}

/// Ends the process once everything it wrote is flushed, without running libtorch's static
/// destructors, which deregister each of its thousands of operators one by one, after the
/// last record is written: a one-line article took 0.76 s with them and 0.64 s without
/// (medians of 5 interleaved runs), `claimx --version` 0.42 s and 0.35 s. By now `run` has
/// returned, so every file and temporary claimx opened is closed; only standard output's
/// buffer is left to flush.
fn leave(code: u8) -> ! {
    let _ = io::stdout().flush();
    let _ = io::stderr().flush();
    // SAFETY: _exit only ends the process; nothing of ours is left that needed a destructor.
    unsafe { libc::_exit(i32::from(code)) }
}

/// A reader that went away (`claimx ... | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Extract(args) => {
            worker_threads(args.jobs)?;
            let started = std::time::Instant::now();
            let start_up = cli::startup::since_process_start();
            let timings = claimx::timings::Timings::default();
            let tagger = timings.time(claimx::timings::Stage::ModelLoad, || {
                cli::ner::load(&args.ner, args.jobs.map(usize::from))
            })?;
            let outcome = cli::extract::run(&args, tagger.as_deref(), &timings)?;
            if args.timings {
                let report = claimx::timings::Report {
                    timings: &timings,
                    start_up,
                    wall: started.elapsed(),
                    pieces: tagger.as_ref().and_then(|t| t.pieces_encoded()),
                };
                eprintln!("claimx: timings\n{report}");
            }
            Ok(if outcome.failed > 0 && !args.keep_going {
                2
            } else {
                0
            })
        }
        Command::Sentences { file } => {
            let mut doc = read_one(&file)?;
            reading::read(&mut doc);
            sentences::split(&mut doc);
            print_sentences(&doc)?;
            Ok(0)
        }
        Command::Show {
            file,
            full,
            width,
            color,
            ner,
        } => {
            let tagger = cli::ner::load(&ner, None)?;
            let doc = Pipeline {
                tagger: tagger.as_deref(),
                attribution: ner.mode(),
                ..Pipeline::default()
            }
            .annotate(read_one(&file)?)?;
            let records = claims::records(&doc);
            let terminal = io::stdout().is_terminal();
            let columns = console::Term::stdout()
                .size_checked()
                .map(|(_, columns)| usize::from(columns));
            let options = cli::show::Options {
                colour: cli::show::colour_wanted(
                    color,
                    terminal,
                    std::env::var_os("TERM").as_deref(),
                    std::env::var_os("NO_COLOR").as_deref(),
                ),
                width: cli::show::width(width, columns),
                full,
            };
            print_out(&cli::show::render(&doc, &records, options))?;
            Ok(0)
        }
        Command::Eval {
            gold,
            predictions,
            json,
            by_rule,
            fit_confidence,
            cross_fit,
            ner,
        } => {
            let taggers = eval_taggers(&ner, &cross_fit)?;
            let pipelines: Vec<Pipeline> = taggers
                .iter()
                .map(|tagger| Pipeline {
                    tagger: tagger.as_deref(),
                    attribution: ner.mode(),
                    ..Pipeline::default()
                })
                .collect();
            let report = match fit_confidence {
                Some(path) => {
                    fit_confidence_table(&path, &gold, predictions.as_deref(), &pipelines)?
                }
                None => claimx::eval::run(&gold, predictions.as_deref(), &pipelines[0])?,
            };
            if json {
                print_out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
            } else if by_rule {
                print_out(&format!("{report:#}"))?;
            } else {
                print_out(&report.to_string())?;
            }
            Ok(0)
        }
        Command::Entities { file, ner } => {
            let tagger = cli::ner::require(&ner)?;
            let mut doc = read_one(&file)?;
            reading::read(&mut doc);
            sentences::split(&mut doc);
            tag_entities(
                tagger.as_ref(),
                std::slice::from_mut(&mut doc),
                NerScope::All,
                &|| {},
            )?;
            print_entities(&doc)?;
            Ok(0)
        }
        Command::EvalNer {
            gold,
            texts,
            json,
            ner,
        } => {
            let tagger = cli::ner::require(&ner)?;
            let texts = texts.unwrap_or_else(|| ner_eval::default_texts_dir(&gold));
            let sentences = ner_eval::load_gold(&gold, &texts)?;
            let scores = ner_eval::evaluate(tagger.as_ref(), &sentences, 256)?;
            if json {
                print_out(&format!("{}\n", serde_json::to_string_pretty(&scores)?))?;
            } else {
                print_out(&format!("{scores}\n"))?;
            }
            Ok(0)
        }
        Command::Serve(args) => {
            worker_threads(args.jobs)?;
            cli::serve::run(&args)?;
            Ok(0)
        }
        Command::Schema => {
            print_out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&claims::schema())?
            ))?;
            Ok(0)
        }
    }
}

/// The taggers `eval` extracts with: the one `ner` names, or one for each `--cross-fit`
/// model folder, which only a learned attribution head needs.
fn eval_taggers(
    ner: &cli::args::NerArgs,
    cross_fit: &[std::path::PathBuf],
) -> Result<Vec<Option<Box<dyn claimx::entities::EntityTagger>>>> {
    if cross_fit.is_empty() {
        return Ok(vec![cli::ner::load(ner, None)?]);
    }
    if !ner.mode().uses_model() || ner.ner_model.is_some() {
        bail!(
            "--cross-fit fits the rows of the attribution head on models trained without \
             each fold: use it with --attribution model or both, and without --ner-model"
        );
    }
    cross_fit
        .iter()
        .map(|dir| {
            let args = cli::args::NerArgs {
                ner_model: Some(dir.clone()),
                ..ner.clone()
            };
            cli::ner::load(&args, None)
        })
        .collect()
}

/// Fits a confidence table on the gold folder and writes it to `path`, naming the split it
/// came from; returns the report of its second extraction (the ranked claims).
fn fit_confidence_table(
    path: &Path,
    gold: &Path,
    predictions: Option<&Path>,
    pipelines: &[Pipeline],
) -> Result<claimx::eval::Report> {
    if predictions.is_some() {
        bail!("--fit-confidence extracts the claims itself: drop PRED.jsonl");
    }
    let (table, report) = claimx::eval::fit_confidence(gold, pipelines)?;
    let split = gold.file_name().map_or_else(
        || gold.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let split = match pipelines.len() {
        1 => split,
        n => format!("{split}, cross-fitted on {n} folds,"),
    };
    std::fs::write(path, table.to_tsv(&split))
        .with_context(|| format!("{}: cannot write the confidence table", path.display()))?;
    Ok(report)
}

/// Sizes the rule stages' thread pool to `--jobs` (rayon's default, one per core, without).
fn worker_threads(jobs: Option<u16>) -> Result<()> {
    if let Some(jobs) = jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build_global()
            .context("cannot start the worker threads")?;
    }
    Ok(())
}

/// Writes `text` to standard output. `println!` panics when the write fails (`> /dev/full`);
/// this reports it as an error instead.
fn print_out(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

/// Reads one article, from a file or (`-`) from standard input, with the same checks as extract.
fn read_one(path: &Path) -> Result<Document> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        let text =
            corpus::decode(bytes, u64::MAX).map_err(|kind| anyhow::anyhow!("<stdin>: {kind}"))?;
        return Ok(Document::new("stdin", text));
    }
    let article = corpus::read_file(&ArticleFile::named_by_stem(path), u64::MAX)?;
    Ok(article.into())
}

/// One JSON object a sentence, with its entities; code-point offsets into the article as read.
fn print_entities(doc: &Document) -> Result<()> {
    let index = CharIndex::new(&doc.original);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut entities = doc.entities.iter().peekable();
    for (n, sentence) in doc.sentences.iter().enumerate() {
        let chars = index.span(doc.original_span(sentence.span));
        let mut found = Vec::new();
        while let Some(entity) = entities.next_if(|e| e.span.start < sentence.span.end) {
            let span = index.span(doc.original_span(entity.span));
            found.push(serde_json::json!({
                "text": doc.original_slice(entity.span),
                "type": entity.kind,
                "start": span.start,
                "end": span.end,
                "score": claims::round3(entity.score),
            }));
        }
        let line = serde_json::json!({
            "sentence": n,
            "start": chars.start,
            "end": chars.end,
            "entities": found,
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}

/// One JSON object a sentence, with code-point offsets into the article as read.
fn print_sentences(doc: &Document) -> Result<()> {
    let index = CharIndex::new(&doc.original);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for sentence in &doc.sentences {
        let chars = index.span(doc.original_span(sentence.span));
        let line = serde_json::json!({
            "start": chars.start,
            "end": chars.end,
            "paragraph": sentence.paragraph,
            "text": doc.original_slice(sentence.span),
        });
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
