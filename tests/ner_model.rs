//! The NER stage: the shipped model on real sentences, then the plumbing (loading, offsets,
//! windows, batch order, errors) on a tiny random model built here.

mod common;

use std::path::Path;

use claimx::entities::bert::{default_model_dir, BertTagger};
use claimx::entities::{EntityTagger, EntityType, NerError, Role, TaggedEntity, TaggedRole};
use rust_bert::bert::{BertConfig, BertForTokenClassification};
use serde_json::json;
use tch::nn::VarStore;
use tch::{Device, Tensor};

/// Sentences of `../shared/corpus/trump_putin_summit.txt`, as the sentence splitter gives them.
const USHAKOV: &str = "Speaking to reporters on Monday, Putin aide Yury Ushakov told reporters that any summit between the two leaders is, at this point, just in the \"talking about it\" stage and potentially far from the \"clearing schedules\" stage.";
const WASHINGTON: &str = "\"During a telephone conversation between our presidents, Trump suggested that the first meeting could be held in Washington.\"";
const TASS: &str = "According to Russian news agency TASS, the summit was Trump's idea.";

/// The entity of `kind` that covers exactly `text` (its first occurrence) in `sentence`.
fn find<'a>(
    sentence: &str,
    entities: &'a [TaggedEntity],
    text: &str,
    kind: EntityType,
) -> &'a TaggedEntity {
    let start = sentence.find(text).expect("text in sentence");
    let found = entities
        .iter()
        .find(|e| e.span.start == start && e.span.end == start + text.len());
    let entity = found.unwrap_or_else(|| panic!("no entity {text:?} in {entities:?}"));
    assert_eq!(entity.kind, kind, "{text}");
    assert!(entity.score > 0.5 && entity.score <= 1.0, "{entity:?}");
    entity
}

#[test]
fn shipped_model_finds_people_and_places() {
    let tagger = BertTagger::load(&default_model_dir()).expect("shipped model loads");
    let sentences = [USHAKOV, WASHINGTON];
    let tagged = tagger.tag(&sentences).unwrap();
    assert_eq!(tagged.len(), 2);

    let ushakov = find(USHAKOV, &tagged[0], "Yury Ushakov", EntityType::Per);
    assert_eq!((ushakov.span.start, ushakov.span.end), (44, 56));
    let putin = find(USHAKOV, &tagged[0], "Putin", EntityType::Per);
    assert_eq!((putin.span.start, putin.span.end), (33, 38));
    let washington = find(WASHINGTON, &tagged[1], "Washington", EntityType::Loc);
    assert_eq!((washington.span.start, washington.span.end), (113, 123));
}

/// An outlet the training data never names: the model has to go by its shape (all capitals)
/// and its context ("news agency"). The model before `train-ner --disguise` called it PER.
#[test]
fn shipped_model_finds_the_news_agency() {
    let tagger = BertTagger::load(&default_model_dir()).expect("shipped model loads");
    let tagged = tagger.tag(&[TASS]).unwrap();
    let tass = find(TASS, &tagged[0], "TASS", EntityType::Org);
    assert_eq!((tass.span.start, tass.span.end), (33, 37));
}

/// The attribution head shares the encoder pass: loading it changes no entity, and it
/// labels the parts of the summit article's reported speech.
#[test]
fn the_attribution_head_labels_source_cue_and_content_without_changing_entities() {
    let dir = default_model_dir();
    let plain = BertTagger::load(&dir).unwrap();
    let both = BertTagger::load(&dir).unwrap().proposing_roles().unwrap();
    let sentences = [USHAKOV, WASHINGTON, TASS];
    let tagged = both.tag_sentences(&sentences).unwrap();
    let entities: Vec<_> = tagged.iter().map(|s| s.entities.clone()).collect();
    assert_eq!(entities, plain.tag(&sentences).unwrap());
    assert!(plain
        .tag_sentences(&sentences)
        .unwrap()
        .iter()
        .all(|s| s.roles.is_empty()));

    let role = |sentence: &str, n: usize, text: &str| {
        let start = sentence.find(text).unwrap();
        let span = claimx::text::ByteSpan::new(start, start + text.len());
        tagged[n]
            .roles
            .iter()
            .find(|r| r.span == span)
            .unwrap_or_else(|| panic!("no role on {text:?} in {:?}", tagged[n].roles))
            .role
    };
    assert_eq!(role(USHAKOV, 0, "Putin aide Yury Ushakov"), Role::Source);
    assert_eq!(role(USHAKOV, 0, "told"), Role::Cue);
    // The quotation the article attributes to TASS is all content, the report inside it too.
    let report = "Trump suggested that the first meeting could be held in Washington";
    let start = WASHINGTON.find(report).unwrap();
    let roles = &tagged[1].roles;
    assert!(roles.iter().all(|r| r.role == Role::Content), "{roles:?}");
    let words = WASHINGTON[start..start + report.len()]
        .split(' ')
        .scan(start, |at, word| {
            let span = (*at, *at + word.len());
            *at += word.len() + 1;
            Some(span)
        });
    let covered = |(a, b): (usize, usize)| {
        roles
            .iter()
            .any(|r: &TaggedRole| r.span.start <= a && b <= r.span.end)
    };
    assert!(words.into_iter().all(covered), "{roles:?}");
    assert_eq!(role(TASS, 2, "According to"), Role::Cue);
}

/// A folder whose int8 export has no attribution head, or a precision that has none, is an
/// error that names the file and the fix.
#[test]
fn asking_for_roles_without_the_head_says_how_to_get_them() {
    let dir = default_model_dir();
    let bf16 = BertTagger::load_as(&dir, claimx::entities::bert::Precision::Bf16).unwrap();
    let message = bf16.proposing_roles().err().unwrap().to_string();
    assert!(
        message.contains("model.int8.pt") && message.contains("--attribution rules"),
        "{message}"
    );

    let bare = tempfile::tempdir().unwrap();
    for file in [
        "config.json",
        "tokenizer.json",
        "vocab.txt",
        "model.safetensors",
    ] {
        std::fs::copy(dir.join(file), bare.path().join(file)).unwrap();
    }
    let mut config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("config.json")).unwrap()).unwrap();
    config.as_object_mut().unwrap().remove("claimx_roles");
    std::fs::write(bare.path().join("config.json"), config.to_string()).unwrap();
    let tagger = BertTagger::load_as(bare.path(), claimx::entities::bert::Precision::Bf16).unwrap();
    let message = tagger.proposing_roles().err().unwrap().to_string();
    assert!(
        message.contains("config.json") && message.contains("scripts/train-roles.sh"),
        "{message}"
    );
}

// ---- plumbing, on a tiny random model ----

const WORDS: [&str; 12] = [
    "the", "minister", "said", "on", "monday", "that", "talks", "will", "go", "ahead", "in",
    "moscow",
];

/// Writes a random 2-layer BERT token classifier (hidden 32, vocab of [`WORDS`]) to `dir`,
/// its classifier biased to `B-PER` so that every word comes back as a one-word entity.
fn tiny_model(dir: &Path, half: bool) {
    let mut vocab: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    vocab.extend(WORDS.iter().map(|s| s.to_string()));
    vocab.extend(('a'..='z').map(|c| c.to_string()));
    vocab.extend(('a'..='z').map(|c| format!("##{c}")));
    std::fs::write(dir.join("vocab.txt"), vocab.join("\n") + "\n").unwrap();
    let config = json!({
        "model_type": "bert",
        "hidden_act": "gelu",
        "attention_probs_dropout_prob": 0.1,
        "hidden_dropout_prob": 0.1,
        "hidden_size": 32,
        "initializer_range": 0.02,
        "intermediate_size": 64,
        "max_position_embeddings": 512,
        "num_attention_heads": 2,
        "num_hidden_layers": 2,
        "type_vocab_size": 2,
        "vocab_size": vocab.len(),
        "id2label": {"0": "O", "1": "B-PER", "2": "I-PER", "3": "B-LOC"},
        "label2id": {"O": 0, "B-PER": 1, "I-PER": 2, "B-LOC": 3}
    });
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
    let bert: BertConfig = serde_json::from_value(config).unwrap();
    let mut vs = VarStore::new(Device::Cpu);
    BertForTokenClassification::new(vs.root(), &bert).unwrap();
    tch::no_grad(|| {
        let mut vars = vs.variables();
        let bias = vars.get_mut("classifier.bias").unwrap();
        bias.copy_(&Tensor::from_slice(&[0f32, 50.0, 0.0, 0.0]));
    });
    if half {
        vs.half();
    }
    vs.save(dir.join("model.safetensors")).unwrap();
}

/// The byte spans of the space-separated words of `s`.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in s.split(' ') {
        out.push((at, at + word.len()));
        at += word.len() + 1;
    }
    out
}

fn spans(entities: &[TaggedEntity]) -> Vec<(usize, usize)> {
    entities
        .iter()
        .map(|e| (e.span.start, e.span.end))
        .collect()
}

#[test]
fn tiny_model_maps_words_back_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), false);
    // Batch of 2 windows: the 5 sentences need 3 forward passes, sorted by length.
    let tagger = BertTagger::load(dir.path()).unwrap().with_batch_size(2);
    let sentences = [
        "the minister said",
        "talks",
        "Talks will go ahead in Moscow on Monday",
        "the café said",
        "",
    ];
    let tagged = tagger.tag(&sentences).unwrap();
    assert_eq!(tagged.len(), sentences.len());
    for (sentence, entities) in sentences.iter().zip(&tagged) {
        let expected = if sentence.is_empty() {
            vec![]
        } else {
            word_spans(sentence)
        };
        assert_eq!(spans(entities), expected, "{sentence}");
        assert!(entities.iter().all(|e| e.kind == EntityType::Per));
    }
    // "café" is a word of 5 bytes: offsets are bytes.
    assert_eq!(
        &sentences[3][tagged[3][1].span.start..tagged[3][1].span.end],
        "café"
    );
}

#[test]
fn long_sentences_are_windowed() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), false);
    // 12 pieces a window ([CLS] and [SEP] included); the sentence has 60 words.
    let tagger = BertTagger::load(dir.path())
        .unwrap()
        .with_max_length(12)
        .with_batch_size(3);
    let sentence = WORDS.repeat(5).join(" ");
    let tagged = tagger.tag(&[&sentence, "the minister"]).unwrap();
    assert_eq!(spans(&tagged[0]), word_spans(&sentence));
    assert_eq!(spans(&tagged[1]), vec![(0, 3), (4, 12)]);
}

#[test]
fn half_precision_weights_load() {
    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), true);
    let tagger = BertTagger::load(dir.path()).unwrap();
    let tagged = tagger.tag(&["the minister said"]).unwrap();
    assert_eq!(spans(&tagged[0]), word_spans("the minister said"));
}

/// The path and reason of a model error.
fn model_error(result: Result<BertTagger, NerError>) -> (String, String) {
    match result {
        Err(NerError::Model { path, reason }) => (path, reason),
        Err(other) => panic!("expected a model error, got {other}"),
        Ok(_) => panic!("expected an error"),
    }
}

#[test]
fn missing_or_broken_files_are_named() {
    let missing = Path::new("/nonexistent/claimx-model");
    let (path, reason) = model_error(BertTagger::load(missing));
    assert_eq!(path, missing.display().to_string());
    assert!(reason.contains("--ner-model"), "{reason}");

    let dir = tempfile::tempdir().unwrap();
    tiny_model(dir.path(), false);
    let weights = dir.path().join("model.safetensors");
    std::fs::write(&weights, b"not a safetensors file").unwrap();
    let (path, _) = model_error(BertTagger::load(dir.path()));
    assert_eq!(path, weights.display().to_string());

    std::fs::remove_file(&weights).unwrap();
    let (path, reason) = model_error(BertTagger::load(dir.path()));
    assert_eq!(path, weights.display().to_string());
    assert!(reason.contains("no weights file"), "{reason}");

    tiny_model(dir.path(), false);
    std::fs::remove_file(dir.path().join("config.json")).unwrap();
    let (path, _) = model_error(BertTagger::load(dir.path()));
    assert!(path.ends_with("config.json"), "{path}");
}

/// Minor page faults of the calling thread so far: memory the kernel had to map (and zero)
/// for it on first touch.
fn page_faults_of_this_thread() -> i64 {
    // RUSAGE_THREAD (Linux): this thread only, so other tests running beside it do not count.
    const RUSAGE_THREAD: libc::c_int = 1;
    // SAFETY: getrusage writes one rusage struct, which we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::getrusage(RUSAGE_THREAD, &mut usage) }, 0);
    usage.ru_minflt
}

/// Each encoder layer frees its activations and the next one allocates as much again; the
/// tagger keeps that memory (`entities::allocator`), so once a batch shape has been seen,
/// tagging the same sentences again maps almost no new pages. With glibc's default
/// thresholds the second pass faulted in its activations anew.
#[test]
fn tagging_again_reuses_the_memory_the_layers_freed() {
    let dev = std::fs::read_to_string(common::root().join("../shared/data/polnear-ner/dev.jsonl"))
        .expect("../shared/data/polnear-ner/dev.jsonl");
    let sentences: Vec<String> = dev
        .lines()
        .take(96)
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let tokens = record["tokens"].as_array().unwrap();
            let words: Vec<&str> = tokens.iter().map(|t| t.as_str().unwrap()).collect();
            words.join(" ")
        })
        .collect();
    let sentences: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let tagger = BertTagger::load(&default_model_dir()).expect("shipped model loads");
    tch::set_num_threads(1);
    tagger.tag(&sentences).unwrap();
    let before = page_faults_of_this_thread();
    tagger.tag(&sentences).unwrap();
    let faults = page_faults_of_this_thread() - before;
    eprintln!("second pass: {faults} minor page faults");
    assert!(
        faults < 500,
        "{faults} minor page faults on the second pass"
    );
}
