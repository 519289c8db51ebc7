//! The transformer NER tagger: a Hugging Face token-classification checkpoint (BERT, RoBERTa
//! or DistilBERT) run on libtorch through rust-bert's model code.
//!
//! rust-bert's `TokenClassificationModel` pipeline is not used: it reports char offsets, joins
//! words with spaces, panics on bad input and mis-indexes windows beyond one batch. This
//! module tokenizes itself (keeping byte offsets into each sentence), windows long sentences,
//! sorts windows by length so that a batch carries little padding, runs the model under
//! `no_grad`, and turns the label of each word's first piece into entities.
//!
//! A model folder holds `config.json` (with `id2label`), a tokenizer (`tokenizer.json`, or
//! `vocab.txt`, or `vocab.json` + `merges.txt`) and weights (`model.safetensors`,
//! `rust_model.ot` or `pytorch_model.bin`). The shipped claimx model adds one thing to a plain
//! BERT: an embedding of each piece's letter case (`claimx_case_vocab_size` in the config,
//! variable `case_embeddings.weight`), added to the word embeddings, because its encoder is
//! uncased and capitals are the best clue to a name.
//!
//! The int8 export may hold a second head on the same encoder: the attribution head
//! (`claimx_roles` in the config, trained by `scripts/train-roles.sh`), which labels each
//! piece Source, Cue or Content. A tagger loaded [`BertTagger::proposing_roles`] runs both
//! heads on one encoder pass.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rust_bert::bert::{BertConfig, BertForTokenClassification};
use rust_bert::distilbert::{DistilBertConfig, DistilBertForTokenClassification};
use rust_bert::roberta::RobertaForTokenClassification;
use rust_tokenizers::tokenizer::{BertTokenizer, RobertaTokenizer, Tokenizer as _};
use rust_tokenizers::vocab::Vocab as _;
use serde_json::Value;
use tch::nn::VarStore;
use tch::{Device, Kind, Tensor};

use super::{
    EntityTagger, EntityType, NerError, Role, Tagged, TaggedEntity, TaggedRole, TaggedSentence,
};
use crate::text::{ByteSpan, CharIndex};

/// Name of the shipped model's folder under `models/`.
pub const DEFAULT_MODEL_NAME: &str = "claimx-ner-minilm";

/// Weight file names tried in order.
pub const WEIGHT_FILES: [&str; 3] = ["model.safetensors", "rust_model.ot", "pytorch_model.bin"];

/// Number of letter-case classes; see [`case_class`].
pub const CASE_CLASSES: i64 = 5;

/// The shipped model folder: `models/claimx-ner-minilm` next to the executable's repository.
///
/// Looked up, in order, beside the executable (`<exe dir>/models/..`, then up to three
/// parent folders, which covers `target/{debug,release}/` and an installed copy with
/// `models/` beside `bin/`), then in the source tree the binary was built from. Returns the
/// first folder that exists, or the source-tree path (for the error message) when none does.
pub fn default_model_dir() -> PathBuf {
    let relative = Path::new("models").join(DEFAULT_MODEL_NAME);
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        for dir in exe_dir.ancestors().take(4) {
            let candidate = dir.join(&relative);
            if candidate.is_dir() {
                return candidate;
            }
        }
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Letter case of a piece of the original text, the extra input of the shipped model.
///
/// 0 is reserved for special and padding pieces; 1 no letter, 2 lower case first letter,
/// 3 capital first letter and some lower case letter (or a lone capital), 4 all capitals.
pub fn case_class(piece: &str) -> i64 {
    let mut letters = piece.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return 1;
    };
    if !first.is_uppercase() {
        return 2;
    }
    let mut rest = letters.peekable();
    if rest.peek().is_none() || rest.any(|c| c.is_lowercase()) {
        3
    } else {
        4
    }
}

/// One word piece of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Vocabulary id.
    pub id: i64,
    /// Half-open byte offsets into the sentence.
    pub span: ByteSpan,
    /// True for the first piece of a word: the piece whose label is the word's label.
    pub word_start: bool,
    /// [`case_class`] of the piece's text.
    pub case: i64,
}

/// The tokenizer of a model folder, reporting byte offsets whatever the library underneath.
pub enum WordPieces {
    /// A `tokenizer.json` (any model type).
    Hf(Box<tokenizers::Tokenizer>),
    /// A BERT `vocab.txt`.
    Bert(Box<BertTokenizer>),
    /// A RoBERTa `vocab.json` + `merges.txt`.
    Roberta(Box<RobertaTokenizer>),
}

impl WordPieces {
    /// Loads the tokenizer of the model folder `dir`; `lower_case` applies to `vocab.txt` only.
    pub fn load(dir: &Path, model_type: &str, lower_case: bool) -> Result<Self, NerError> {
        let json = dir.join("tokenizer.json");
        if json.is_file() {
            let mut tokenizer =
                tokenizers::Tokenizer::from_file(&json).map_err(|e| model_error(&json, e))?;
            // Hub tokenizer files often pad and truncate; windows are our business.
            tokenizer
                .with_truncation(None)
                .map_err(|e| model_error(&json, e))?;
            tokenizer.with_padding(None);
            return Ok(WordPieces::Hf(Box::new(tokenizer)));
        }
        if model_type == "roberta" {
            let vocab = dir.join("vocab.json");
            let merges = dir.join("merges.txt");
            let vocab_str = existing(&vocab)?;
            let merges_str = existing(&merges)?;
            let tokenizer = RobertaTokenizer::from_file(vocab_str, merges_str, false, true)
                .map_err(|e| model_error(&vocab, e))?;
            return Ok(WordPieces::Roberta(Box::new(tokenizer)));
        }
        let vocab = dir.join("vocab.txt");
        let tokenizer = BertTokenizer::from_file(existing(&vocab)?, lower_case, lower_case)
            .map_err(|e| model_error(&vocab, e))?;
        Ok(WordPieces::Bert(Box::new(tokenizer)))
    }

    /// Vocabulary id of a special token.
    fn special_id(&self, token: &str) -> Option<i64> {
        match self {
            WordPieces::Hf(t) => t.token_to_id(token).map(i64::from),
            WordPieces::Bert(t) => t.vocab().values().get(token).copied(),
            WordPieces::Roberta(t) => t.vocab().values().get(token).copied(),
        }
    }

    /// The word pieces of `text`, without special tokens.
    pub fn encode(&self, text: &str) -> Result<Vec<Piece>, NerError> {
        let mut pieces: Vec<Piece> = match self {
            WordPieces::Hf(t) => {
                let encoding = t
                    .encode(text, false)
                    .map_err(|e| NerError::Inference(format!("tokenizer: {e}")))?;
                let mut last_word = None;
                encoding
                    .get_ids()
                    .iter()
                    .zip(encoding.get_offsets())
                    .zip(encoding.get_word_ids())
                    .map(|((&id, &(start, end)), &word)| {
                        let word_start = word.is_none() || word != last_word;
                        last_word = word;
                        Piece {
                            id: i64::from(id),
                            span: ByteSpan { start, end },
                            word_start,
                            case: 0,
                        }
                    })
                    .collect()
            }
            WordPieces::Bert(t) => {
                let tokens = t.tokenize_with_offsets(text);
                let ids = t.convert_tokens_to_ids(&tokens.tokens);
                let chars = CharIndex::new(text);
                ids.iter()
                    .zip(&tokens.tokens)
                    .zip(&tokens.offsets)
                    .filter_map(|((&id, token), offset)| {
                        let offset = (*offset)?;
                        Some(Piece {
                            id,
                            span: ByteSpan {
                                start: chars.byte_offset(offset.begin as usize),
                                end: chars.byte_offset(offset.end as usize),
                            },
                            word_start: !token.starts_with("##"),
                            case: 0,
                        })
                    })
                    .collect()
            }
            WordPieces::Roberta(t) => {
                let tokens = t.tokenize_with_offsets(text);
                let ids = t.convert_tokens_to_ids(&tokens.tokens);
                let chars = CharIndex::new(text);
                let mut pieces = Vec::with_capacity(ids.len());
                for ((&id, token), offset) in ids.iter().zip(&tokens.tokens).zip(&tokens.offsets) {
                    let Some(offset) = offset else { continue };
                    let start = chars.byte_offset(offset.begin as usize);
                    // A byte-level piece starts a word after a space ('Ġ') or after punctuation.
                    let after_gap = pieces.last().is_none_or(|p: &Piece| {
                        p.span.end < start
                            || !text[p.span.start..p.span.end]
                                .chars()
                                .all(char::is_alphanumeric)
                    });
                    pieces.push(Piece {
                        id,
                        span: ByteSpan {
                            start,
                            end: chars.byte_offset(offset.end as usize),
                        },
                        word_start: token.starts_with('Ġ') || after_gap,
                        case: 0,
                    });
                }
                pieces
            }
        };
        for piece in &mut pieces {
            // Offsets may cover the space before a byte-level piece: keep the word only.
            piece.span = piece.span.trim(text);
            piece.case = case_class(&text[piece.span.start..piece.span.end]);
        }
        Ok(pieces)
    }
}

/// A `NerError::Model` for `path`.
fn model_error(path: &Path, reason: impl std::fmt::Display) -> NerError {
    NerError::Model {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// `path` as a string when the file exists, else an error naming it.
fn existing(path: &Path) -> Result<&str, NerError> {
    if !path.is_file() {
        return Err(model_error(path, "file not found"));
    }
    path.to_str()
        .ok_or_else(|| model_error(path, "path is not valid UTF-8"))
}

/// The network of a model folder, whatever its architecture.
enum Architecture {
    Bert(BertForTokenClassification),
    Roberta(RobertaForTokenClassification),
    DistilBert(DistilBertForTokenClassification),
    /// The TorchScript export of a claimx BERT (`model.int8.pt`, int8 linear layers), whose
    /// `forward(ids, case, mask)` returns the logits, and whose `roles(ids, case, mask)`, when
    /// the export has the attribution head, returns the entity and the role logits of one
    /// encoder pass; inference only.
    Scripted(tch::CModule),
}

/// A token classifier: the architecture, plus the case embedding of claimx models.
pub struct Network {
    arch: Architecture,
    /// `(word embeddings, case embeddings)` when the model reads letter case.
    case: Option<(Tensor, Tensor)>,
}

impl Network {
    /// Builds a BERT token classifier in `vs`, with a case embedding when `case_vocab` is
    /// given (its weights start at zero, so that a fresh model equals the plain BERT).
    pub fn bert(
        vs: &VarStore,
        config: &BertConfig,
        case_vocab: Option<i64>,
    ) -> Result<Self, NerError> {
        let model = BertForTokenClassification::new(vs.root(), config)
            .map_err(|e| NerError::Inference(e.to_string()))?;
        let case = case_vocab.map(|n| {
            let table = (vs.root() / "case_embeddings").zeros("weight", &[n, config.hidden_size]);
            let words = vs
                .variables()
                .remove("bert.embeddings.word_embeddings.weight")
                .expect("BertForTokenClassification has word embeddings");
            (words, table)
        });
        Ok(Network {
            arch: Architecture::Bert(model),
            case,
        })
    }

    /// Logits `[batch, length, labels]` for ids, case classes and attention mask `[batch, length]`.
    pub fn logits(&self, ids: &Tensor, case: &Tensor, mask: &Tensor, train: bool) -> Tensor {
        match &self.arch {
            Architecture::Bert(model) => match &self.case {
                Some((words, table)) => {
                    let embeds = Tensor::embedding(words, ids, -1, false, false)
                        + Tensor::embedding(table, case, -1, false, false);
                    model
                        .forward_t(None, Some(mask), None, None, Some(&embeds), train)
                        .logits
                }
                None => {
                    model
                        .forward_t(Some(ids), Some(mask), None, None, None, train)
                        .logits
                }
            },
            Architecture::Roberta(model) => {
                model
                    .forward_t(Some(ids), Some(mask), None, None, None, train)
                    .logits
            }
            Architecture::DistilBert(model) => {
                model
                    .forward_t(Some(ids), Some(mask), None, train)
                    .expect("ids are given")
                    .logits
            }
            Architecture::Scripted(module) => module
                .forward_ts(&[ids, case, mask])
                .unwrap_or_else(|e| panic!("the int8 model failed: {e}")),
        }
    }

    /// Entity logits and role logits `[batch, length, labels]` from one encoder pass; only
    /// an int8 export with the attribution head has them (checked at load).
    fn logits_and_roles(&self, ids: &Tensor, case: &Tensor, mask: &Tensor) -> (Tensor, Tensor) {
        let Architecture::Scripted(module) = &self.arch else {
            panic!("only the int8 export has the attribution head");
        };
        let inputs = [ids, case, mask].map(|t| tch::IValue::Tensor(t.shallow_clone()));
        match module.method_is("roles", &inputs) {
            Ok(tch::IValue::Tuple(mut both)) if both.len() == 2 => {
                match (both.remove(0), both.remove(0)) {
                    (tch::IValue::Tensor(entities), tch::IValue::Tensor(roles)) => {
                        (entities, roles)
                    }
                    _ => panic!("the int8 model's roles() returned no tensors"),
                }
            }
            Ok(other) => panic!("the int8 model's roles() returned {other:?}"),
            Err(e) => panic!("the int8 model failed: {e}"),
        }
    }
}

/// The network of a model folder built by rust-bert's code, with its weights loaded and
/// converted to `precision`.
fn eager(
    dir: &Path,
    config: &Value,
    config_path: &Path,
    precision: Precision,
) -> Result<(VarStore, Network), NerError> {
    let model_type = config["model_type"].as_str().unwrap_or("bert");
    let weights = WEIGHT_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            model_error(
                &dir.join(WEIGHT_FILES[0]),
                format!(
                    "no weights file (looked for {}); copy the checkpoint's weights into the folder",
                    WEIGHT_FILES.join(", ")
                ),
            )
        })?;
    let mut vs = VarStore::new(Device::Cpu);
    let bad_config = |e: serde_json::Error| model_error(config_path, e);
    let network = match model_type {
        "bert" => {
            let bert: BertConfig = serde_json::from_value(config.clone()).map_err(bad_config)?;
            let case = config["claimx_case_vocab_size"].as_i64();
            Network::bert(&vs, &bert, case)?
        }
        "roberta" => {
            let bert: BertConfig = serde_json::from_value(config.clone()).map_err(bad_config)?;
            let model = RobertaForTokenClassification::new(vs.root(), &bert)
                .map_err(|e| model_error(config_path, e))?;
            Network {
                arch: Architecture::Roberta(model),
                case: None,
            }
        }
        "distilbert" => {
            let distil: DistilBertConfig =
                serde_json::from_value(config.clone()).map_err(bad_config)?;
            let model = DistilBertForTokenClassification::new(vs.root(), &distil)
                .map_err(|e| model_error(config_path, e))?;
            Network {
                arch: Architecture::DistilBert(model),
                case: None,
            }
        }
        other => {
            return Err(model_error(
                config_path,
                format!("model_type {other:?} is not supported (bert, roberta, distilbert are)"),
            ))
        }
    };
    vs.load(&weights).map_err(|e| {
        model_error(
            &weights,
            format!("cannot load weights ({e}); the file is damaged or belongs to another model"),
        )
    })?;
    // Half-precision files load as half, which CPU kernels do slowly or not at all. Int8
    // runs the TorchScript export instead (`scripted`); the eager network's fastest is bf16.
    match precision {
        Precision::F32 => vs.float(),
        Precision::Bf16 | Precision::Int8 => vs.bfloat16(),
    }
    Ok((vs, network))
}

/// The int8 TorchScript export of a model folder ([`INT8_FILE`]), on the FBGEMM engine its
/// quantized kernels were made for.
fn scripted(dir: &Path) -> Result<Network, NerError> {
    let path = dir.join(INT8_FILE);
    if !path.is_file() {
        return Err(model_error(
            &path,
            "no int8 export in the model folder; make it with scripts/export-int8.sh DIR, or \
             choose --ner-precision bf16",
        ));
    }
    tch::QEngine::FBGEMM
        .set()
        .map_err(|e| model_error(&path, e))?;
    // The profiling executor runs the first calls of each input shape slowly to record
    // them (the first sentence took 52 ms instead of 11), for optimisations that gave this
    // frozen int8 graph no speed afterwards: off, a one-line article gets its record sooner.
    tch::jit::set_profiling_mode(false);
    let mut module = tch::CModule::load(&path).map_err(|e| {
        model_error(
            &path,
            format!("cannot load the TorchScript module ({e}); export it again with scripts/export-int8.sh"),
        )
    })?;
    module.set_eval();
    Ok(Network {
        arch: Architecture::Scripted(module),
        case: None,
    })
}

/// How a label id reads: outside, or beginning / inside a span of a class (an entity type,
/// or an attribution role).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag<K> {
    Outside,
    Begin(K),
    Inside(K),
}

impl<K> Tag<K> {
    /// BIO, BIOES and IO labels alike; a label whose class `class_of` does not know counts
    /// as outside.
    fn parse(label: &str, class_of: impl Fn(&str) -> Option<K>) -> Tag<K> {
        match class_of(label) {
            None => Tag::Outside,
            Some(kind) if label.starts_with("B-") || label.starts_with("S-") => Tag::Begin(kind),
            Some(kind) => Tag::Inside(kind),
        }
    }
}

/// One model input: a run of a sentence's pieces, and which of them it answers for.
struct Window {
    sentence: usize,
    /// Piece range fed to the model.
    start: usize,
    end: usize,
    /// Piece range whose labels are taken from this window (the middle, away from the cuts).
    own_start: usize,
    own_end: usize,
}

/// Cuts `n` pieces into windows of at most `size` pieces overlapping by `size / 4`.
fn windows(sentence: usize, n: usize, size: usize) -> Vec<Window> {
    if n <= size {
        return vec![Window {
            sentence,
            start: 0,
            end: n,
            own_start: 0,
            own_end: n,
        }];
    }
    let overlap = size / 4;
    let step = size - overlap;
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = (start + size).min(n);
        let own_start = if start == 0 { 0 } else { start + overlap / 2 };
        let own_end = if end == n {
            n
        } else {
            end - (overlap - overlap / 2)
        };
        out.push(Window {
            sentence,
            start,
            end,
            own_start,
            own_end,
        });
        if end == n {
            return out;
        }
        start += step;
    }
}

/// A loaded NER model folder, ready to tag.
///
/// Not `Sync` (libtorch tensors are not): use it from one thread at a time.
pub struct BertTagger {
    // Keeps the weights alive; the network refers to them.
    _vs: VarStore,
    network: Network,
    tokenizer: WordPieces,
    tags: Vec<Tag<EntityType>>,
    /// The attribution head's labels, when the tagger was loaded
    /// [`BertTagger::proposing_roles`].
    roles: Option<Vec<Tag<Role>>>,
    /// The config's `claimx_roles.labels` (null when the model has no attribution head),
    /// kept from the load so that [`BertTagger::proposing_roles`] need not read it again.
    head_labels: Value,
    /// The model folder, for the errors of [`BertTagger::proposing_roles`].
    dir: PathBuf,
    cls: i64,
    sep: i64,
    pad: i64,
    /// Windows per forward pass.
    batch_size: usize,
    /// Pieces per window, special tokens included.
    max_length: usize,
    /// Word pieces of every sentence tagged so far.
    encoded: std::sync::atomic::AtomicU64,
}

/// The arithmetic the encoder runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// int8 linear layers (weights per channel, activations per batch) from the folder's
    /// `model.int8.pt`, made by `scripts/export-int8.sh`: on this project's CPUs (VNNI) 1.6
    /// times the speed of bf16 on one thread, with the same dev F1 within 0.002
    /// (`cargo bench --bench ner`; `claimx eval-ner` checks it).
    Int8,
    /// bfloat16 weights and activations: on this project's CPUs (AVX512-BF16) 2.9 times the
    /// speed of f32 on one thread, with 99.97% of the word pieces labelled the same and the
    /// same dev F1 (`../shared/notes/ner-speed.md`; `claimx eval-ner` checks it).
    Bf16,
    /// 32-bit floats, as the model was trained.
    F32,
}

/// The TorchScript export that [`Precision::Int8`] runs.
pub const INT8_FILE: &str = "model.int8.pt";

impl std::str::FromStr for Precision {
    type Err = String;

    /// `int8`, `bf16` or `f32`, as `--ner-precision` takes them.
    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "int8" => Ok(Precision::Int8),
            "bf16" => Ok(Precision::Bf16),
            "f32" => Ok(Precision::F32),
            other => Err(format!("unknown precision {other:?} (int8, bf16, f32)")),
        }
    }
}

impl Precision {
    /// The fastest precision a model folder offers: int8 when it has [`INT8_FILE`], else bf16.
    pub fn best_for(dir: &Path) -> Precision {
        if dir.join(INT8_FILE).is_file() {
            Precision::Int8
        } else {
            Precision::Bf16
        }
    }
}

impl BertTagger {
    /// Loads a model folder (see the module docs for its files) in the fastest precision it
    /// offers ([`Precision::best_for`]).
    pub fn load(dir: &Path) -> Result<Self, NerError> {
        Self::load_as(dir, Precision::best_for(dir))
    }

    /// Loads a model folder to run in `precision`.
    pub fn load_as(dir: &Path, precision: Precision) -> Result<Self, NerError> {
        super::allocator::reuse_freed_memory();
        if !dir.is_dir() {
            return Err(model_error(
                dir,
                format!(
                    "no such model folder; pass an existing one with --ner-model DIR, or restore \
                     the shipped models/{DEFAULT_MODEL_NAME}/ from the repository"
                ),
            ));
        }
        let config_path = dir.join("config.json");
        let config_text = std::fs::read_to_string(&config_path).map_err(|e| {
            model_error(
                &config_path,
                format!("{e}; a model folder needs its config.json"),
            )
        })?;
        let config: Value = serde_json::from_str(&config_text)
            .map_err(|e| model_error(&config_path, format!("not valid JSON: {e}")))?;
        let model_type = config["model_type"].as_str().unwrap_or("bert").to_owned();
        let labels = id2label(&config).map_err(|e| model_error(&config_path, e))?;
        let lower_case = tokenizer_lower_case(dir);
        let tokenizer = WordPieces::load(dir, &model_type, lower_case)?;

        let (vs, network) = if precision == Precision::Int8 {
            (VarStore::new(Device::Cpu), scripted(dir)?)
        } else {
            eager(dir, &config, &config_path, precision)?
        };

        let (cls, sep, pad) = if model_type == "roberta" {
            ("<s>", "</s>", "<pad>")
        } else {
            ("[CLS]", "[SEP]", "[PAD]")
        };
        let special = |token: &str| {
            tokenizer
                .special_id(token)
                .ok_or_else(|| model_error(dir, format!("the tokenizer has no {token} token")))
        };
        let max_positions = config["max_position_embeddings"].as_u64().unwrap_or(512) as usize;
        Ok(BertTagger {
            network,
            tags: labels
                .iter()
                .map(|l| Tag::parse(l, EntityType::from_label))
                .collect(),
            roles: None,
            head_labels: config["claimx_roles"]["labels"].clone(),
            dir: dir.to_owned(),
            cls: special(cls)?,
            sep: special(sep)?,
            pad: special(pad)?,
            tokenizer,
            _vs: vs,
            // benches/ner.rs on 2 cores: 8 windows a pass beat 32 and 64 (less padding).
            batch_size: 8,
            // RoBERTa's positions start after the padding id; stay clear of the table's end.
            max_length: 128.min(max_positions.saturating_sub(4)).max(8),
            encoded: Default::default(),
        })
    }

    /// The tagger, also labelling attribution roles from the same encoder pass
    /// ([`EntityTagger::tag_sentences`]). Only a folder whose int8 export holds the
    /// attribution head has them, loaded in int8: any other is an error that says so.
    pub fn proposing_roles(mut self) -> Result<Self, NerError> {
        let labels = role_labels(&self.head_labels, &self.dir.join("config.json"))?;
        if !matches!(self.network.arch, Architecture::Scripted(_)) {
            return Err(model_error(
                &self.dir.join(INT8_FILE),
                "the attribution head runs on the int8 export only; drop --ner-precision, or \
                 use --attribution rules",
            ));
        }
        self.roles = Some(
            labels
                .iter()
                .map(|l| Tag::parse(l, Role::from_label))
                .collect(),
        );
        Ok(self)
    }

    /// Sets the number of windows per forward pass (default 8).
    pub fn with_batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size.max(1);
        self
    }

    /// Sets the window length in pieces, special tokens included (default 128).
    pub fn with_max_length(mut self, max_length: usize) -> Self {
        self.max_length = max_length.max(3);
        self
    }

    /// The labels of the model, in id order, as entity tags.
    pub fn num_labels(&self) -> usize {
        self.tags.len()
    }

    /// The tokenizer, for callers that count pieces.
    pub fn tokenizer(&self) -> &WordPieces {
        &self.tokenizer
    }

    fn tag_inner(&self, sentences: &[&str]) -> Result<Tagged, NerError> {
        let pieces = sentences
            .iter()
            .map(|s| self.tokenizer.encode(s))
            .collect::<Result<Vec<_>, _>>()?;
        let count: usize = pieces.iter().map(Vec::len).sum();
        self.encoded
            .fetch_add(count as u64, std::sync::atomic::Ordering::Relaxed);
        let mut all_windows: Vec<Window> = pieces
            .iter()
            .enumerate()
            .flat_map(|(i, p)| windows(i, p.len(), self.max_length - 2))
            .filter(|w| w.end > w.start)
            .collect();
        // Similar lengths share a batch: less padding, and the sort is stable.
        all_windows.sort_by_key(|w| w.end - w.start);
        // (label id, probability) of every piece of every sentence, for each head.
        let unlabelled = || -> Vec<Vec<(usize, f32)>> {
            pieces.iter().map(|p| vec![(0, 0.0); p.len()]).collect()
        };
        let mut entity_labels = unlabelled();
        let mut role_labels = unlabelled();
        let _guard = tch::no_grad_guard();
        for batch in all_windows.chunks(self.batch_size) {
            let width = batch.iter().map(|w| w.end - w.start).max().unwrap_or(0) + 2;
            let (ids, case, mask) = self.inputs(&pieces, batch, width);
            let (entities, roles) = if self.roles.is_some() {
                let (entities, roles) = self.network.logits_and_roles(&ids, &case, &mask);
                (entities, Some(roles))
            } else {
                (self.network.logits(&ids, &case, &mask, false), None)
            };
            own_labels(&entities, batch, width, &mut entity_labels)?;
            if let Some(roles) = roles {
                own_labels(&roles, batch, width, &mut role_labels)?;
            }
        }
        Ok(pieces
            .iter()
            .zip(entity_labels.iter().zip(&role_labels))
            .map(|(p, (entity_labels, role_labels))| TaggedSentence {
                entities: spans(p, entity_labels, &self.tags)
                    .into_iter()
                    .map(|(kind, span, score)| TaggedEntity { span, kind, score })
                    .collect(),
                roles: match &self.roles {
                    Some(tags) => spans(p, role_labels, tags)
                        .into_iter()
                        .map(|(role, span, score)| TaggedRole { span, role, score })
                        .collect(),
                    None => Vec::new(),
                },
            })
            .collect())
    }

    /// The model inputs of one batch of windows, `width` pieces each with padding: word
    /// piece ids, case classes and the attention mask.
    fn inputs(
        &self,
        pieces: &[Vec<Piece>],
        batch: &[Window],
        width: usize,
    ) -> (Tensor, Tensor, Tensor) {
        let mut ids = vec![self.pad; batch.len() * width];
        let mut case = vec![0i64; batch.len() * width];
        let mut mask = vec![0i64; batch.len() * width];
        for (row, w) in batch.iter().enumerate() {
            let base = row * width;
            let run = &pieces[w.sentence][w.start..w.end];
            ids[base] = self.cls;
            for (k, p) in run.iter().enumerate() {
                ids[base + 1 + k] = p.id;
                case[base + 1 + k] = p.case;
            }
            ids[base + 1 + run.len()] = self.sep;
            mask[base..base + run.len() + 2].fill(1);
        }
        let shape = [batch.len() as i64, width as i64];
        (
            Tensor::from_slice(&ids).view(shape),
            Tensor::from_slice(&case).view(shape),
            Tensor::from_slice(&mask).view(shape),
        )
    }
}

/// Writes the best label and its probability of each piece a window answers for, from the
/// logits `[batch, width, labels]` of one head, into `labels` (per sentence, per piece).
fn own_labels(
    logits: &Tensor,
    batch: &[Window],
    width: usize,
    labels: &mut [Vec<(usize, f32)>],
) -> Result<(), NerError> {
    let (best_p, best_id) = logits.softmax(-1, Kind::Float).max_dim(-1, false);
    let best_p = Vec::<f32>::try_from(best_p.flatten(0, -1))
        .map_err(|e| NerError::Inference(e.to_string()))?;
    let best_id = Vec::<i64>::try_from(best_id.flatten(0, -1))
        .map_err(|e| NerError::Inference(e.to_string()))?;
    for (row, w) in batch.iter().enumerate() {
        let owned = &mut labels[w.sentence][w.own_start..w.own_end];
        for (k, slot) in owned.iter_mut().enumerate() {
            let at = row * width + 1 + w.own_start - w.start + k;
            *slot = (best_id[at] as usize, best_p[at]);
        }
    }
    Ok(())
}

/// The spans (class, byte span, mean word probability) read from the label of each word's
/// first piece, as BIO: an inside label after another class opens a span.
fn spans<K: Copy + PartialEq>(
    pieces: &[Piece],
    predicted: &[(usize, f32)],
    tags: &[Tag<K>],
) -> Vec<(K, ByteSpan, f32)> {
    let mut out = Vec::new();
    // The open span: class, span, sum and count of its words' probabilities.
    let mut open: Option<(K, ByteSpan, f32, u32)> = None;
    let flush = |open: &mut Option<(K, ByteSpan, f32, u32)>, out: &mut Vec<_>| {
        if let Some((kind, span, sum, n)) = open.take() {
            out.push((kind, span, sum / n as f32));
        }
    };
    let mut i = 0;
    while i < pieces.len() {
        let mut end = i + 1;
        while end < pieces.len() && !pieces[end].word_start {
            end += 1;
        }
        let span = ByteSpan::new(pieces[i].span.start, pieces[end - 1].span.end);
        let (label, prob) = predicted[i];
        match tags.get(label).copied().unwrap_or(Tag::Outside) {
            Tag::Outside => flush(&mut open, &mut out),
            Tag::Inside(kind) if open.is_some_and(|(k, ..)| k == kind) => {
                if let Some((_, open_span, sum, n)) = open.as_mut() {
                    open_span.end = span.end;
                    *sum += prob;
                    *n += 1;
                }
            }
            Tag::Begin(kind) | Tag::Inside(kind) => {
                flush(&mut open, &mut out);
                open = Some((kind, span, prob, 1));
            }
        }
        i = end;
    }
    flush(&mut open, &mut out);
    out
}

/// The attribution head's labels, from the `claimx_roles.labels` of the config at
/// `config_path`.
fn role_labels(labels: &Value, config_path: &Path) -> Result<Vec<String>, NerError> {
    let labels = labels.as_array().ok_or_else(|| {
        model_error(
            config_path,
            "the model has no attribution head (no claimx_roles in its config); make one with \
             scripts/train-roles.sh, or use --attribution rules",
        )
    })?;
    labels
        .iter()
        .map(|l| {
            l.as_str()
                .map(str::to_owned)
                .ok_or_else(|| model_error(config_path, "claimx_roles.labels holds a non-string"))
        })
        .collect()
}

impl EntityTagger for BertTagger {
    fn tag(&self, sentences: &[&str]) -> Result<Vec<Vec<TaggedEntity>>, NerError> {
        let tagged = self.tag_sentences(sentences)?;
        Ok(tagged.into_iter().map(|s| s.entities).collect())
    }

    fn tag_sentences(&self, sentences: &[&str]) -> Result<Tagged, NerError> {
        catch_unwind(AssertUnwindSafe(|| self.tag_inner(sentences))).unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".to_owned());
            Err(NerError::Inference(message))
        })
    }

    fn pieces_encoded(&self) -> Option<u64> {
        Some(self.encoded.load(std::sync::atomic::Ordering::Relaxed))
    }
}

/// The labels of `config.json`'s `id2label`, in id order.
pub fn id2label(config: &Value) -> Result<Vec<String>, String> {
    let map = config["id2label"]
        .as_object()
        .ok_or("no id2label: not a token-classification checkpoint")?;
    let mut labels: HashMap<usize, String> = HashMap::new();
    for (id, label) in map {
        let id: usize = id
            .parse()
            .map_err(|_| format!("id2label key {id:?} is not a number"))?;
        let label = label.as_str().ok_or("id2label values must be strings")?;
        labels.insert(id, label.to_owned());
    }
    (0..labels.len())
        .map(|id| labels.remove(&id).ok_or(format!("id2label lacks id {id}")))
        .collect()
}

/// `do_lower_case` of `tokenizer_config.json`, true (BERT's default) when absent.
fn tokenizer_lower_case(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("tokenizer_config.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|config| config["do_lower_case"].as_bool())
        .unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_classes() {
        for (piece, class) in [
            (",", 1),
            ("42", 1),
            ("said", 2),
            ("iPhone", 2),
            ("Trump", 3),
            ("A", 3),
            ("McCain", 3),
            ("TASS", 4),
            ("U.S.", 4),
        ] {
            assert_eq!(case_class(piece), class, "{piece}");
        }
    }

    #[test]
    fn windows_cover_every_piece_once() {
        for n in [0, 1, 5, 10, 11, 30, 97] {
            let ws = windows(0, n, 10);
            let mut owned = vec![0; n];
            for w in &ws {
                assert!(w.end - w.start <= 10);
                assert!(w.start <= w.own_start && w.own_end <= w.end);
                owned[w.own_start..w.own_end]
                    .iter_mut()
                    .for_each(|c| *c += 1);
            }
            assert!(owned.iter().all(|&c| c == 1), "n={n}: {owned:?}");
        }
    }

    #[test]
    fn tags_read_bio_bioes_and_io() {
        let entity = |label| Tag::parse(label, EntityType::from_label);
        assert_eq!(entity("O"), Tag::Outside);
        assert_eq!(entity("B-PER"), Tag::Begin(EntityType::Per));
        assert_eq!(entity("S-LOC"), Tag::Begin(EntityType::Loc));
        assert_eq!(entity("I-ORG"), Tag::Inside(EntityType::Org));
        assert_eq!(entity("MISC"), Tag::Inside(EntityType::Misc));
        assert_eq!(entity("B-DATE"), Tag::Outside);
        let role = |label| Tag::parse(label, Role::from_label);
        assert_eq!(role("B-SOURCE"), Tag::Begin(Role::Source));
        assert_eq!(role("I-CONTENT"), Tag::Inside(Role::Content));
        assert_eq!(role("B-PER"), Tag::Outside);
    }

    #[test]
    fn spans_follow_each_words_first_piece() {
        // "Obama said" as three pieces: "obama" "said" with "said" split in two.
        let piece = |start, end, word_start| Piece {
            id: 0,
            span: ByteSpan::new(start, end),
            word_start,
            case: 2,
        };
        let pieces = [piece(0, 5, true), piece(6, 8, true), piece(8, 10, false)];
        let tags = [
            Tag::Outside,
            Tag::Begin(Role::Source),
            Tag::Begin(Role::Cue),
        ];
        // The second piece of "said" says source; only the first piece counts.
        let found = spans(&pieces, &[(1, 0.9), (2, 0.8), (1, 0.6)], &tags);
        assert_eq!(
            found,
            vec![
                (Role::Source, ByteSpan::new(0, 5), 0.9),
                (Role::Cue, ByteSpan::new(6, 10), 0.8)
            ]
        );
    }
}
