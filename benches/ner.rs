//! Speed of the NER stage, variants compared in one run, interleaved: the same PolNeAR dev
//! sentences tagged by the shipped model in f32 on one model with libtorch's own threads (the
//! first default), and in bf16 and in int8 (the `model.int8.pt` export) each on one worker
//! with one thread and on the tagging workers claimx starts (one per core, one intra-op
//! thread each). Prints sentences/s and pieces/s
//! per variant (median of the repetitions) and each variant's ratio to the first, and the
//! share of sentences whose entities the variant tags exactly as f32 does.
//!
//! `cargo bench --bench ner [-- TEXT_DIR [MAX_SENTENCES [REPETITIONS]]]`; the default text
//! folder is `../shared/data/polnear/dev/text` beside the repository. Not a timed test: it
//! prints figures. Run it on a quiet machine, and once more with a second process keeping
//! the cores busy (e.g. `stress-ng --cpu 2` or another `cargo bench`) to see the collapse.

use std::path::{Path, PathBuf};
use std::time::Instant;

use claimx::document::Document;
use claimx::entities::bert::{default_model_dir, BertTagger, Precision};
use claimx::entities::workers::TaggingWorkers;
use claimx::entities::{EntityTagger, TaggedEntity};

/// One way to tag: its name, the tagger, and the libtorch threads of the calling thread.
struct Variant {
    name: String,
    tagger: Box<dyn EntityTagger>,
    threads: i32,
}

fn main() {
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let texts = args.first().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/dev/text")
    });
    let limit: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(2000);
    let repetitions: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(3);
    let sentences = load_sentences(&texts, limit);
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let shipped = default_model_dir();
    let f32_tagger = BertTagger::load_as(&shipped, Precision::F32).unwrap();
    let pieces: usize = refs
        .iter()
        .map(|s| f32_tagger.tokenizer().encode(s).unwrap().len())
        .sum();
    println!(
        "{} sentences, {pieces} word pieces, from {}; model {}",
        refs.len(),
        texts.display(),
        shipped.display()
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let variants = [
        Variant {
            name: format!("f32, one model, {cores} libtorch threads"),
            tagger: Box::new(f32_tagger),
            threads: cores as i32,
        },
        on_one_thread(&shipped, Precision::Bf16),
        on_workers(&shipped, Precision::Bf16, cores),
        on_one_thread(&shipped, Precision::Int8),
        on_workers(&shipped, Precision::Int8, cores),
    ];
    let reference = tag_all(variants[0].tagger.as_ref(), &refs);
    let mut seconds: Vec<Vec<f64>> = vec![Vec::new(); variants.len()];
    for _ in 0..repetitions {
        for (variant, times) in variants.iter().zip(&mut seconds) {
            tch::set_num_threads(variant.threads);
            let started = Instant::now();
            tag_all(variant.tagger.as_ref(), &refs);
            times.push(started.elapsed().as_secs_f64());
        }
    }
    let base = median(&seconds[0]);
    for (variant, times) in variants.iter().zip(&seconds) {
        let secs = median(times);
        let same = tag_all(variant.tagger.as_ref(), &refs)
            .iter()
            .zip(&reference)
            .filter(|(a, b)| same_entities(a, b))
            .count();
        println!(
            "{:<40} {:>7.1} sentences/s {:>8.0} pieces/s  x{:.2}  {:.2}% sentences tagged as f32",
            variant.name,
            refs.len() as f64 / secs,
            pieces as f64 / secs,
            base / secs,
            100.0 * same as f64 / refs.len() as f64
        );
    }
}

fn on_one_thread(dir: &Path, precision: Precision) -> Variant {
    Variant {
        name: format!("{precision:?}, one worker, one thread"),
        tagger: Box::new(BertTagger::load_as(dir, precision).unwrap()),
        threads: 1,
    }
}

fn on_workers(dir: &Path, precision: Precision, workers: usize) -> Variant {
    Variant {
        name: format!("{precision:?}, {workers} workers, one thread each"),
        tagger: Box::new(TaggingWorkers::load(dir, workers, precision, false).unwrap()),
        threads: 1,
    }
}

/// Tags `sentences` in chunks of 256, as the pipeline hands them over.
fn tag_all(tagger: &dyn EntityTagger, sentences: &[&str]) -> Vec<Vec<TaggedEntity>> {
    sentences
        .chunks(256)
        .flat_map(|chunk| tagger.tag(chunk).unwrap())
        .collect()
}

fn same_entities(a: &[TaggedEntity], b: &[TaggedEntity]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.span == y.span && x.kind == y.kind)
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// Sentences of every `.txt` file under `dir` (sorted), cut by the crate's splitter.
fn load_sentences(dir: &Path, limit: usize) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let mut doc = Document::new(
            path.display().to_string(),
            std::fs::read_to_string(&path).unwrap(),
        );
        claimx::reading::read(&mut doc);
        claimx::sentences::split(&mut doc);
        out.extend(doc.sentences.iter().map(|s| doc.slice(s.span).to_owned()));
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
    }
    out
}
