//! Speed of the NER stage: sentences/s and pieces/s of `BertTagger::tag` on the PolNeAR dev
//! articles, at several batch sizes and torch thread counts, for the shipped model and for a
//! random model of BERT-base size (the same code, to compare sizes).
//!
//! `cargo bench --features ner --bench ner [-- TEXT_DIR [MAX_SENTENCES]]`; the default text
//! folder is `../shared/data/polnear/dev/text` beside the repository. Not a timed test: it
//! prints figures.

use std::path::{Path, PathBuf};
use std::time::Instant;

use claimx::document::Document;
use claimx::entities::bert::{default_model_dir, BertTagger};
use claimx::entities::EntityTagger;
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use tch::nn::VarStore;
use tch::Device;

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
    let sentences = load_sentences(&texts, limit);
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    println!("{} sentences from {}", refs.len(), texts.display());

    let shipped = default_model_dir();
    println!("model {}", shipped.display());
    for threads in [1, 2] {
        for batch in [8, 32, 64] {
            let tagger = BertTagger::load(&shipped).unwrap().with_batch_size(batch);
            run(&tagger, &refs, threads, batch);
        }
    }

    // BERT-base is ~10x slower: a smaller sample keeps the bench short.
    let base_dir = tempfile::tempdir().unwrap();
    random_bert_base(&shipped, base_dir.path());
    let sample = &refs[..refs.len().min(200)];
    println!(
        "random BERT-base (12 layers, hidden 768), {} sentences",
        sample.len()
    );
    for threads in [1, 2] {
        let tagger = BertTagger::load(base_dir.path())
            .unwrap()
            .with_batch_size(32);
        run(&tagger, sample, threads, 32);
    }
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
        claimx::sentences::split(&mut doc);
        out.extend(doc.sentences.iter().map(|s| doc.slice(s.span).to_owned()));
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
    }
    out
}

/// Tags `sentences` in chunks of 256 (as the pipeline does) and prints the rates.
fn run(tagger: &BertTagger, sentences: &[&str], threads: i32, batch: usize) {
    tch::set_num_threads(threads);
    let pieces: usize = sentences
        .iter()
        .map(|s| tagger.tokenizer().encode(s).unwrap().len())
        .sum();
    tagger.tag(&sentences[..sentences.len().min(8)]).unwrap(); // warm-up
    let started = Instant::now();
    let mut entities = 0;
    for chunk in sentences.chunks(256) {
        entities += tagger
            .tag(chunk)
            .unwrap()
            .iter()
            .map(Vec::len)
            .sum::<usize>();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "threads {threads} batch {batch:>2}: {:>7.1} sentences/s {:>8.0} pieces/s ({} sentences, {entities} entities, {secs:.1}s)",
        sentences.len() as f64 / secs,
        pieces as f64 / secs,
        sentences.len()
    );
}

/// A random BERT-base token classifier using the shipped model's vocabulary and labels.
fn random_bert_base(shipped: &Path, dir: &Path) {
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shipped.join("config.json")).unwrap())
            .unwrap();
    config["hidden_size"] = 768.into();
    config["num_hidden_layers"] = 12.into();
    config["num_attention_heads"] = 12.into();
    config["intermediate_size"] = 3072.into();
    config
        .as_object_mut()
        .unwrap()
        .remove("claimx_case_vocab_size");
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    for name in ["vocab.txt", "tokenizer.json"] {
        std::fs::copy(shipped.join(name), dir.join(name)).unwrap();
    }
    let bert: BertConfig = serde_json::from_value(config).unwrap();
    let vs = VarStore::new(Device::Cpu);
    BertForTokenClassification::new(vs.root(), &bert).unwrap();
    vs.save(dir.join("model.safetensors")).unwrap();
}
