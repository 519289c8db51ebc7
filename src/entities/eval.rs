//! Entity-level scores of a tagger against tagged sentences (`claimx eval-ner`).
//!
//! The gold format is the one of `polnear-ner`: one JSON object a line,
//! `{"article", "tokens", "offsets", "ner"}`, offsets in code points into
//! `<texts>/<article>.txt`. Tags may be bare CoreNLP classes (adjacent tokens of one class
//! form one entity) or BIO labels; classes other than PER/ORG/LOC/MISC are ignored.
//!
//! Each gold sentence is tagged as the text from its first token's start to its last token's
//! end, so the tagger sees the original spacing. A predicted entity becomes the run of gold
//! tokens it overlaps; a match is an exact match of that run and the type (word-level exact
//! span, the CoNLL convention).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{EntityTagger, EntityType, NerError};
use crate::text::{ByteSpan, CharIndex};

/// A sentence with gold entities.
#[derive(Debug, Clone)]
pub struct GoldSentence {
    /// The sentence text, sliced from the article.
    pub text: String,
    /// Half-open byte offsets of each token into `text`.
    pub tokens: Vec<ByteSpan>,
    /// Gold entities as `(first token, one past the last token, type)`.
    pub entities: Vec<(usize, usize, EntityType)>,
}

/// Why gold data could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The failure.
        source: std::io::Error,
    },
    /// A line is not a valid record, or its offsets fall outside the article.
    #[error("{path}:{line}: {reason}")]
    Record {
        /// The gold file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

#[derive(Deserialize)]
struct Record {
    article: String,
    offsets: Vec<(usize, usize)>,
    ner: Vec<String>,
}

/// The article folder of a polnear-ner file: `<data>/polnear-ner/dev.jsonl` has its texts
/// in `<data>/polnear/dev/text/`.
pub fn default_texts_dir(gold: &Path) -> PathBuf {
    let split = gold.file_stem().unwrap_or_default();
    let data = gold
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    data.join("polnear").join(split).join("text")
}

/// Reads a gold file, taking article texts from `texts`.
pub fn load_gold(gold: &Path, texts: &Path) -> Result<Vec<GoldSentence>, GoldError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GoldError::Io { path, source }
    };
    let content = std::fs::read_to_string(gold).map_err(io(gold))?;
    let mut articles: HashMap<String, (String, CharIndex)> = HashMap::new();
    let mut out = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| GoldError::Record {
            path: gold.to_path_buf(),
            line: n + 1,
            reason,
        };
        let record: Record = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        if record.offsets.len() != record.ner.len() || record.offsets.is_empty() {
            return Err(bad("offsets and ner differ in length, or are empty".into()));
        }
        if !articles.contains_key(&record.article) {
            let path = texts.join(format!("{}.txt", record.article));
            let text = std::fs::read_to_string(&path).map_err(io(&path))?;
            let index = CharIndex::new(&text);
            articles.insert(record.article.clone(), (text, index));
        }
        let (text, index) = &articles[&record.article];
        let n_chars = text.chars().count();
        if record.offsets.iter().any(|&(s, e)| s > e || e > n_chars) {
            return Err(bad("token offsets fall outside the article".into()));
        }
        let start = index.byte_offset(record.offsets[0].0);
        let end = index.byte_offset(record.offsets[record.offsets.len() - 1].1);
        let tokens = record
            .offsets
            .iter()
            .map(|&(s, e)| {
                ByteSpan::new(index.byte_offset(s) - start, index.byte_offset(e) - start)
            })
            .collect();
        out.push(GoldSentence {
            text: text[start..end].to_owned(),
            tokens,
            entities: gold_entities(&record.ner),
        });
    }
    Ok(out)
}

/// Entities of a tag sequence: CoreNLP runs (same bare class) or BIO chunks.
pub fn gold_entities(tags: &[String]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let kind = EntityType::from_label(tag);
        let begins = tag.starts_with("B-") || tag.starts_with("S-");
        match (open, kind) {
            (Some((_, k)), Some(kind)) if k == kind && !begins => {}
            _ => {
                if let Some((start, k)) = open.take() {
                    out.push((start, i, k));
                }
                open = kind.map(|kind| (i, kind));
            }
        }
    }
    if let Some((start, k)) = open {
        out.push((start, tags.len(), k));
    }
    out
}

/// Counts and scores for one entity type, or for all (micro).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// Predicted entities that match a gold one.
    pub true_positives: usize,
    /// Predicted entities that match none.
    pub false_positives: usize,
    /// Gold entities not predicted.
    pub false_negatives: usize,
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Score {
    fn from_counts(tp: usize, fp: usize, fn_: usize) -> Score {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            true_positives: tp,
            false_positives: fp,
            false_negatives: fn_,
            precision,
            recall,
            f1,
        }
    }
}

/// Scores per type and overall; prints as a table.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Gold sentences tagged.
    pub sentences: usize,
    /// One score per entity type, keyed by label ("PER", ...).
    pub per_type: BTreeMap<&'static str, Score>,
    /// Micro average over all types.
    pub micro: Score,
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<6} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
            "type", "precision", "recall", "f1", "tp", "fp", "fn"
        )?;
        let rows = self.per_type.iter().map(|(k, s)| (*k, s));
        for (name, s) in rows.chain([("micro", &self.micro)]) {
            writeln!(
                f,
                "{:<6} {:>9.3} {:>9.3} {:>9.3} {:>7} {:>7} {:>7}",
                name,
                s.precision,
                s.recall,
                s.f1,
                s.true_positives,
                s.false_positives,
                s.false_negatives
            )?;
        }
        write!(f, "({} sentences, exact word-level spans)", self.sentences)
    }
}

/// Tags every gold sentence (`chunk` at a time) and scores the result.
pub fn evaluate(
    tagger: &dyn EntityTagger,
    gold: &[GoldSentence],
    chunk: usize,
) -> Result<Evaluation, NerError> {
    const TYPES: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];
    let mut counts: HashMap<EntityType, (usize, usize, usize)> = HashMap::new();
    for batch in gold.chunks(chunk.max(1)) {
        let texts: Vec<&str> = batch.iter().map(|g| g.text.as_str()).collect();
        let tagged = tagger.tag(&texts)?;
        for (sentence, entities) in batch.iter().zip(tagged) {
            let predicted: BTreeSet<(usize, usize, EntityType)> = entities
                .iter()
                .filter_map(|e| {
                    let first = sentence.tokens.iter().position(|t| t.overlaps(e.span))?;
                    let last = sentence.tokens.iter().rposition(|t| t.overlaps(e.span))?;
                    Some((first, last + 1, e.kind))
                })
                .collect();
            let expected: BTreeSet<_> = sentence.entities.iter().copied().collect();
            for &(_, _, kind) in predicted.intersection(&expected) {
                counts.entry(kind).or_default().0 += 1;
            }
            for &(_, _, kind) in predicted.difference(&expected) {
                counts.entry(kind).or_default().1 += 1;
            }
            for &(_, _, kind) in expected.difference(&predicted) {
                counts.entry(kind).or_default().2 += 1;
            }
        }
    }
    let per_type = TYPES
        .iter()
        .map(|&kind| {
            let (tp, fp, fn_) = counts.get(&kind).copied().unwrap_or_default();
            (kind.label(), Score::from_counts(tp, fp, fn_))
        })
        .collect();
    let (tp, fp, fn_) = counts
        .values()
        .fold((0, 0, 0), |(a, b, c), &(x, y, z)| (a + x, b + y, c + z));
    Ok(Evaluation {
        sentences: gold.len(),
        per_type,
        micro: Score::from_counts(tp, fp, fn_),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::TaggedEntity;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn corenlp_runs_and_bio_chunks() {
        use EntityType::*;
        assert_eq!(
            gold_entities(&tags("O PERSON PERSON O LOCATION DATE ORGANIZATION")),
            vec![(1, 3, Per), (4, 5, Loc), (6, 7, Org)]
        );
        assert_eq!(
            gold_entities(&tags("B-PER I-PER B-PER O I-LOC")),
            vec![(0, 2, Per), (2, 3, Per), (4, 5, Loc)]
        );
    }

    /// Tags every capitalised word as a one-word PER.
    struct Capitals;

    impl EntityTagger for Capitals {
        fn tag(&self, sentences: &[&str]) -> Result<Vec<Vec<TaggedEntity>>, NerError> {
            Ok(sentences
                .iter()
                .map(|s| {
                    let mut out = Vec::new();
                    let mut at = 0;
                    for word in s.split(' ') {
                        if word.starts_with(char::is_uppercase) {
                            out.push(TaggedEntity {
                                span: ByteSpan::new(at, at + word.len()),
                                kind: EntityType::Per,
                                score: 1.0,
                            });
                        }
                        at += word.len() + 1;
                    }
                    out
                })
                .collect())
        }
    }

    #[test]
    fn scores_exact_token_runs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Intro. Ann met Bob Lee in Paris.").unwrap();
        let gold = dir.path().join("dev.jsonl");
        std::fs::write(
            &gold,
            r#"{"article": "a", "tokens": ["Ann","met","Bob","Lee","in","Paris","."], "offsets": [[7,10],[11,14],[15,18],[19,22],[23,25],[26,31],[31,32]], "ner": ["PERSON","O","PERSON","PERSON","O","LOCATION","O"]}"#,
        )
        .unwrap();
        let sentences = load_gold(&gold, dir.path()).unwrap();
        assert_eq!(sentences[0].text, "Ann met Bob Lee in Paris.");
        let result = evaluate(&Capitals, &sentences, 8).unwrap();
        // Ann right; Bob and Lee split (2 fp, 1 fn); Paris has the wrong type (1 fp, 1 fn).
        let per = result.per_type["PER"];
        assert_eq!(
            (per.true_positives, per.false_positives, per.false_negatives),
            (1, 3, 1)
        );
        assert_eq!(result.per_type["LOC"].false_negatives, 1);
        assert_eq!(result.micro.true_positives, 1);
        assert!(result.to_string().contains("micro"));
    }

    #[test]
    fn texts_dir_follows_the_split() {
        assert_eq!(
            default_texts_dir(Path::new("/d/polnear-ner/dev.jsonl")),
            Path::new("/d/polnear/dev/text")
        );
    }
}
