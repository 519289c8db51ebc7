//! Scores claim records against PolNeAR's gold attributions (`claimx eval`).
//!
//! # What is counted
//!
//! * **Roles** (source, cue, content): every gold attribution that has the role gives one
//!   gold span, every claim gives one predicted span (its speaker mention, cue, content).
//!   Spans are matched one to one inside an article, greedily by shared code points, so a
//!   span never earns two matches. *Exact*: the predicted span equals the gold span's hull
//!   (start of its first fragment to end of its last); records hold single spans, so this is
//!   the one way a record can reproduce a discontinuous gold span. *Overlap*: at least one
//!   shared code point with any fragment.
//! * **Content+source**: a claim finds a gold attribution when its content covers at least
//!   half of the gold content's code points (`2 * covered >= gold length`) and its speaker
//!   overlaps the gold source or names it ([`names`]). Gold attributions without a source
//!   (`Attribution-no-source`) ask only for the content: whoever the claim credits, the
//!   content was found, and PolNeAR gives no speaker to contradict it. Matching is one to one,
//!   greedy by covered code points. Precision = matched claims / claims; recall = matched gold /
//!   gold.
//! * Gold attributions without any content (a handful of trigger-only events) are counted in
//!   the gold statistics and the source and cue scores, but left out of the content and
//!   content+source scores: there is nothing a claim could cover.
//! * **Quoted subset**: gold attributions whose content holds a quotation mark; on the
//!   predicted side, claims whose content holds one or that matched (content+source) a quoted
//!   gold attribution. Role scores are re-matched within the subset; content+source keeps the
//!   overall matching, so a quoted claim that found an unquoted gold attribution still counts
//!   as right.
//! * **Confidence thresholds**: content+source again, keeping only claims with
//!   `confidence >= t`, to show whether confidence orders the records.
//!
//! A ratio with a zero denominator is reported as 0; the counts beside it tell the cases apart.

pub mod brat;
pub mod calibration;

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::attribution::confidence::Table;
use crate::attribution::Mode;
use crate::claims::ClaimRecord;
use crate::document::Document;
use crate::pipeline::Pipeline;
use crate::text::CharIndex;
pub use brat::{has_quotation_mark, GoldArticle, GoldAttribution, GoldSpan, Skipped};
pub use calibration::{Bin, Calibration, Outcome, RuleScore};

/// Why an evaluation could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A folder of the PolNeAR layout is missing.
    #[error("{0}: no such directory (the gold folder needs text/ and attributions/)")]
    MissingDir(PathBuf),
    /// A file or folder could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The gold folder holds no article with both a text and an annotation.
    #[error("{0}: no annotated article (no text/<stem>.txt with an attributions/<stem>_<annotator>.ann)")]
    NoGold(PathBuf),
}

/// Claims by article stem.
pub type Predictions = HashMap<String, Vec<ClaimRecord>>;

/// Confidence thresholds of the report.
pub const THRESHOLDS: [f64; 5] = [0.0, 0.3, 0.5, 0.7, 0.9];

/// How many documents go through the pipeline at once: enough to fill rayon's pool, few
/// enough to keep memory flat on large folders.
const CHUNK: usize = 32;

/// Precision, recall and F1 with their counts.
///
/// Right predictions and found gold are counted apart: under one-to-one matching they are
/// equal, but on the quoted subset a quoted claim can be right by finding an unquoted gold
/// attribution, which the subset's recall does not count.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf {
    /// Predicted items that matched.
    pub correct: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items that were matched.
    pub found: usize,
    /// Gold items.
    pub gold: usize,
    /// correct / predicted.
    pub precision: f64,
    /// found / gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    /// The scores of the given counts.
    pub fn new(correct: usize, predicted: usize, found: usize, gold: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, predicted);
        let recall = ratio(found, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            correct,
            predicted,
            found,
            gold,
            precision,
            recall,
            f1,
        }
    }

    /// One-to-one matching: `matched` pairs out of `predicted` and `gold` items.
    fn matched(matched: usize, predicted: usize, gold: usize) -> Prf {
        Prf::new(matched, predicted, matched, gold)
    }

    fn add(self, other: Prf) -> Prf {
        Prf::new(
            self.correct + other.correct,
            self.predicted + other.predicted,
            self.found + other.found,
            self.gold + other.gold,
        )
    }
}

/// One role's scores.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct RoleScores {
    /// Predicted span equals the gold span's hull.
    pub exact: Prf,
    /// Predicted span shares a code point with the gold span.
    pub overlap: Prf,
}

impl RoleScores {
    fn add(self, other: RoleScores) -> RoleScores {
        RoleScores {
            exact: self.exact.add(other.exact),
            overlap: self.overlap.add(other.overlap),
        }
    }
}

/// Every score over one set of gold attributions and claims.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Scores {
    /// The speaker mention against the gold source.
    pub source: RoleScores,
    /// The cue.
    pub cue: RoleScores,
    /// The content.
    pub content: RoleScores,
    /// Content (half coverage) and source (overlap or name) together.
    pub content_source: Prf,
}

impl Scores {
    fn add(self, other: Scores) -> Scores {
        Scores {
            source: self.source.add(other.source),
            cue: self.cue.add(other.cue),
            content: self.content.add(other.content),
            content_source: self.content_source.add(other.content_source),
        }
    }
}

/// Content+source when only claims with `confidence >= threshold` are kept.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ThresholdScore {
    /// The threshold.
    pub threshold: f64,
    /// Content+source over the kept claims.
    pub content_source: Prf,
}

/// What the gold holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct GoldStats {
    /// Annotated articles scored.
    pub articles: usize,
    /// Gold attributions (well-formed `E` lines of the chosen files).
    pub attributions: usize,
    /// Those whose content holds a quotation mark.
    pub quoted: usize,
    /// Those without a source.
    pub without_source: usize,
    /// Those without a content (left out of the content scores).
    pub without_content: usize,
    /// Those whose source or content has more than one fragment.
    pub discontinuous: usize,
}

/// What the predictions hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PredictedStats {
    /// Claims of scored articles.
    pub claims: usize,
    /// Claims whose content holds a quotation mark.
    pub quoted: usize,
    /// Claims of articles that are not in the gold (not scored).
    pub unknown_article: usize,
}

/// The result of an evaluation: printable as a table ([`fmt::Display`]) or as JSON (serde).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The gold folder.
    pub gold_dir: PathBuf,
    /// The predictions file, or `None` when the pipeline produced the claims.
    pub predictions: Option<PathBuf>,
    /// Gold statistics.
    pub gold: GoldStats,
    /// Prediction statistics.
    pub predicted: PredictedStats,
    /// All gold attributions and claims.
    pub overall: Scores,
    /// The quoted subset.
    pub quoted: Scores,
    /// Content+source at each of [`THRESHOLDS`].
    pub thresholds: Vec<ThresholdScore>,
    /// Content+source precision of each rule's claims.
    pub by_rule: Vec<RuleScore>,
    /// Content+source precision by confidence bin.
    pub calibration: Calibration,
    /// Every scored claim's key, confidence and score: what `--fit-confidence` fits.
    #[serde(skip)]
    pub outcomes: Vec<Outcome>,
    /// Lines and files left out (gold and predictions), with where and why.
    pub skipped: Vec<Skipped>,
}

/// Evaluates: loads the gold of `gold_dir`, reads the claims of `predictions` (JSON lines of
/// claim records) or, without a file, runs `pipeline` over the gold articles' texts, and
/// scores them.
pub fn run(
    gold_dir: &Path,
    predictions: Option<&Path>,
    pipeline: &Pipeline,
) -> Result<Report, EvalError> {
    let gold = load_gold(gold_dir)?;
    let mut skipped = gold.skipped;
    let claims = match predictions {
        Some(path) => {
            let (claims, bad) = read_jsonl(path)?;
            skipped.extend(bad);
            claims
        }
        None => {
            let (claims, failed) = predict(&gold.articles.iter().collect::<Vec<_>>(), pipeline);
            skipped.extend(failed);
            claims
        }
    };
    Ok(scored(
        gold_dir,
        &gold.articles,
        &claims,
        predictions,
        skipped,
    ))
}

/// The gold of `gold_dir`, which must hold at least one annotated article.
fn load_gold(gold_dir: &Path) -> Result<brat::Gold, EvalError> {
    let gold = brat::load_dir(gold_dir)?;
    if gold.articles.is_empty() {
        return Err(EvalError::NoGold(gold_dir.to_owned()));
    }
    Ok(gold)
}

/// The report of `claims` against `gold`, naming where both came from.
fn scored(
    gold_dir: &Path,
    gold: &[GoldArticle],
    claims: &Predictions,
    predictions: Option<&Path>,
    skipped: Vec<Skipped>,
) -> Report {
    let mut report = score(gold, claims);
    report.gold_dir = gold_dir.to_owned();
    report.predictions = predictions.map(Path::to_owned);
    report.skipped = skipped;
    report
}

/// A confidence table fitted on `gold_dir` ([`confidence`]): the claims are extracted once
/// keeping every candidate (a table without counts ranks them all alike), which gives the
/// ranking counts, and once ranked by those, which gives the scoring counts. When the
/// pipelines run the attribution head, a third extraction with the head alone (`--attribution
/// model`), ranked alike, gives the counts of its claims without the rules. Returns the table
/// and the report of the second extraction.
///
/// With several pipelines the articles are cross-fitted: article i (in stem order) goes
/// through pipeline i mod n. Each pipeline's attribution head is one trained without that
/// fold's articles (`scripts/train-roles.py --fold k/n`), so that the head's rows count
/// claims on articles it never saw instead of the ones it learned, which it finds too well.
pub fn fit_confidence(
    gold_dir: &Path,
    pipelines: &[Pipeline],
) -> Result<(Table, Report), EvalError> {
    let gold = load_gold(gold_dir)?;
    let unranked = Table::default();
    let candidates = report_with(gold_dir, &gold, pipelines, &unranked);
    let ranking: Vec<_> = calibration::counts(&candidates.outcomes).collect();
    let ranked = Table::new(ranking.iter().copied(), []);
    let report = report_with(gold_dir, &gold, pipelines, &ranked);
    let mut table = Table::new(ranking, calibration::counts(&report.outcomes));
    if pipelines.iter().any(|p| p.attribution.uses_model()) {
        let alone: Vec<Pipeline> = pipelines
            .iter()
            .map(|p| Pipeline {
                attribution: Mode::Model,
                ..*p
            })
            .collect();
        let head = report_with(gold_dir, &gold, &alone, &ranked);
        table = table.with_alone(calibration::counts(&head.outcomes));
    }
    Ok((table, report))
}

/// The report of `pipelines` (cross-fitted as in [`fit_confidence`]) over `gold`, each
/// ranking candidates by `table`.
fn report_with(
    gold_dir: &Path,
    gold: &brat::Gold,
    pipelines: &[Pipeline],
    table: &Table,
) -> Report {
    let mut claims = Predictions::new();
    let mut skipped = gold.skipped.clone();
    for (fold, pipeline) in pipelines.iter().enumerate() {
        let articles: Vec<&GoldArticle> = gold
            .articles
            .iter()
            .skip(fold)
            .step_by(pipelines.len())
            .collect();
        let pipeline = Pipeline {
            confidence: Some(table),
            ..*pipeline
        };
        let (fold_claims, failed) = predict(&articles, &pipeline);
        claims.extend(fold_claims);
        skipped.extend(failed);
    }
    scored(gold_dir, &gold.articles, &claims, None, skipped)
}

/// Runs the pipeline over the articles; an article whose pipeline fails is reported and
/// scored with no claims.
fn predict(articles: &[&GoldArticle], pipeline: &Pipeline) -> (Predictions, Vec<Skipped>) {
    let mut claims = HashMap::new();
    let mut failed = Vec::new();
    for chunk in articles.chunks(CHUNK) {
        let docs = chunk
            .iter()
            .map(|article| Document::new(article.stem.clone(), article.text.clone()))
            .collect();
        for (article, result) in chunk.iter().zip(pipeline.run(docs)) {
            match result {
                Ok(extracted) => {
                    claims.insert(article.stem.clone(), extracted.records);
                }
                Err(error) => failed.push(Skipped {
                    path: article.ann_path.clone(),
                    line: 0,
                    reason: format!("the pipeline failed on this article: {error}"),
                }),
            }
        }
    }
    (claims, failed)
}

/// The article key of a record: the last component of its id, so that records whose ids
/// keep a folder (`dev/text/foo`) still meet the gold stem `foo`.
fn article_key(article: &str) -> &str {
    article.rsplit(['/', '\\']).next().unwrap_or(article)
}

/// Reads claim records, one JSON object a line, grouped by article stem.
///
/// Blank lines are ignored; a line that is not a claim record is skipped and reported.
pub fn read_jsonl(path: &Path) -> Result<(Predictions, Vec<Skipped>), EvalError> {
    let text = fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut claims = Predictions::new();
    let mut skipped = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<ClaimRecord>(line) {
            Ok(record) => claims
                .entry(article_key(&record.article).to_owned())
                .or_default()
                .push(record),
            Err(error) => skipped.push(Skipped {
                path: path.to_owned(),
                line: n + 1,
                reason: format!("not a claim record: {error}"),
            }),
        }
    }
    Ok((claims, skipped))
}

/// Scores `predicted` (claims by article stem) against `gold`.
///
/// Claims of articles not in `gold` are counted in [`PredictedStats::unknown_article`] and
/// otherwise ignored. The returned report has an empty `gold_dir` and `skipped`; [`run`]
/// fills them.
pub fn score(gold: &[GoldArticle], predicted: &Predictions) -> Report {
    let mut stats = GoldStats::default();
    let mut pred_stats = PredictedStats::default();
    let mut overall = Scores::default();
    let mut quoted = Scores::default();
    let mut thresholds = vec![Prf::default(); THRESHOLDS.len()];
    let mut outcomes = Vec::new();
    let known: std::collections::HashSet<&str> = gold.iter().map(|a| a.stem.as_str()).collect();
    pred_stats.unknown_article = predicted
        .iter()
        .filter(|(article, _)| !known.contains(article_key(article)))
        .map(|(_, claims)| claims.len())
        .sum();
    // Sorted ids, so that claims merged under one stem keep one order from run to run and
    // greedy ties break the same way.
    let mut ids: Vec<&String> = predicted.keys().collect();
    ids.sort();
    let mut by_key: HashMap<&str, Vec<&ClaimRecord>> = HashMap::new();
    for (article, claims) in ids.into_iter().map(|id| (id, &predicted[id])) {
        by_key
            .entry(article_key(article))
            .or_default()
            .extend(claims.iter());
    }
    for article in gold {
        let golds: Vec<&GoldAttribution> = article.attributions.iter().collect();
        let claims = by_key
            .get(article.stem.as_str())
            .cloned()
            .unwrap_or_default();
        stats.add(&golds);
        pred_stats.claims += claims.len();
        let chars = CharIndex::new(&article.text);
        let quoted_span =
            |c: &ClaimRecord| has_quotation_mark(&whole_content(&article.text, &chars, c));
        pred_stats.quoted += claims.iter().filter(|c| quoted_span(c)).count();

        let pairs = match_content_source(&golds, &claims);
        let mut right = vec![false; claims.len()];
        for &(c, _) in &pairs {
            right[c] = true;
        }
        outcomes.extend(
            claims
                .iter()
                .zip(&right)
                .filter_map(|(claim, &correct)| Outcome::of(claim, correct)),
        );
        let mut scores = score_roles(&golds, &claims);
        scores.content_source = Prf::matched(pairs.len(), claims.len(), content_gold(&golds));
        overall = overall.add(scores);

        let quoted_golds: Vec<&GoldAttribution> =
            golds.iter().copied().filter(|g| g.is_quoted()).collect();
        let mut is_quoted: Vec<bool> = claims.iter().map(|c| quoted_span(c)).collect();
        for &(c, g) in &pairs {
            is_quoted[c] |= golds[g].is_quoted();
        }
        let quoted_claims: Vec<&ClaimRecord> = claims
            .iter()
            .zip(&is_quoted)
            .filter(|(_, &q)| q)
            .map(|(c, _)| *c)
            .collect();
        let mut subset = score_roles(&quoted_golds, &quoted_claims);
        subset.content_source = Prf::new(
            pairs.iter().filter(|&&(c, _)| is_quoted[c]).count(),
            quoted_claims.len(),
            pairs.iter().filter(|&&(_, g)| golds[g].is_quoted()).count(),
            content_gold(&quoted_golds),
        );
        quoted = quoted.add(subset);

        for (slot, &t) in thresholds.iter_mut().zip(&THRESHOLDS) {
            let kept: Vec<&ClaimRecord> = claims
                .iter()
                .copied()
                .filter(|c| c.confidence >= t)
                .collect();
            let matched = match_content_source(&golds, &kept).len();
            *slot = slot.add(Prf::matched(matched, kept.len(), content_gold(&golds)));
        }
    }
    Report {
        gold_dir: PathBuf::new(),
        predictions: None,
        gold: stats,
        predicted: pred_stats,
        overall,
        quoted,
        thresholds: THRESHOLDS
            .iter()
            .zip(thresholds)
            .map(|(&threshold, content_source)| ThresholdScore {
                threshold,
                content_source,
            })
            .collect(),
        by_rule: calibration::by_rule(&outcomes),
        calibration: calibration::calibration(&outcomes),
        outcomes,
        skipped: Vec::new(),
    }
}

impl GoldStats {
    fn add(&mut self, golds: &[&GoldAttribution]) {
        let discontinuous = |g: &&&GoldAttribution| {
            [&g.source, &g.content]
                .iter()
                .any(|s| s.as_ref().is_some_and(|s| s.fragments.len() > 1))
        };
        self.articles += 1;
        self.attributions += golds.len();
        self.quoted += golds.iter().filter(|g| g.is_quoted()).count();
        self.without_source += golds.iter().filter(|g| g.source.is_none()).count();
        self.without_content += golds.iter().filter(|g| g.content.is_none()).count();
        self.discontinuous += golds.iter().filter(discontinuous).count();
    }
}

/// Gold attributions that content+source can find: those with a content.
fn content_gold(golds: &[&GoldAttribution]) -> usize {
    golds.iter().filter(|g| g.content.is_some()).count()
}

/// A claim's single span for a role, in code points.
type Span = (usize, usize);

/// Matches one to one, greedily: candidate pairs `(predicted, gold, weight)` are taken by
/// decreasing weight (ties in input order, so results are stable), skipping any pair whose
/// side is already taken. Returns the taken `(predicted, gold)` pairs.
fn greedy(
    mut candidates: Vec<(usize, usize, usize)>,
    predicted: usize,
    gold: usize,
) -> Vec<(usize, usize)> {
    candidates.sort_by_key(|&(p, g, weight)| (std::cmp::Reverse(weight), p, g));
    let mut used_p = vec![false; predicted];
    let mut used_g = vec![false; gold];
    let mut pairs = Vec::new();
    for (p, g, _) in candidates {
        if !used_p[p] && !used_g[g] {
            used_p[p] = true;
            used_g[g] = true;
            pairs.push((p, g));
        }
    }
    pairs
}

/// Exact and overlap scores of one role, from the claims' spans (each in one or more parts,
/// in text order) and the gold spans. A claim overlaps a gold span by the code points its
/// parts cover, and matches it exactly when its parts are the gold fragments (in text order)
/// or, with one part, the fragments' hull.
fn score_role(predicted: &[Vec<Span>], gold: &[&GoldSpan]) -> RoleScores {
    let mut exact = Vec::new();
    let mut overlap = Vec::new();
    for (p, parts) in predicted.iter().enumerate() {
        for (g, gold_span) in gold.iter().enumerate() {
            let shared = covered(gold_span, parts);
            if shared == 0 {
                continue;
            }
            overlap.push((p, g, shared));
            let mut fragments = gold_span.fragments.clone();
            fragments.sort_unstable();
            if *parts == fragments || *parts == [gold_span.hull()] {
                exact.push((p, g, shared));
            }
        }
    }
    let count = |candidates| greedy(candidates, predicted.len(), gold.len()).len();
    RoleScores {
        exact: Prf::matched(count(exact), predicted.len(), gold.len()),
        overlap: Prf::matched(count(overlap), predicted.len(), gold.len()),
    }
}

/// Role scores of one article (content+source left at zero).
fn score_roles(golds: &[&GoldAttribution], claims: &[&ClaimRecord]) -> Scores {
    let role = |gold: fn(&GoldAttribution) -> Option<&GoldSpan>,
                claim: fn(&ClaimRecord) -> Option<Vec<Span>>| {
        let predicted: Vec<Vec<Span>> = claims.iter().filter_map(|c| claim(c)).collect();
        let gold: Vec<&GoldSpan> = golds.iter().filter_map(|g| gold(g)).collect();
        score_role(&predicted, &gold)
    };
    Scores {
        source: role(
            |g| g.source.as_ref(),
            |c| c.speaker.as_ref().map(|s| vec![(s.start, s.end)]),
        ),
        cue: role(
            |g| g.cue.as_ref(),
            |c| c.cue.as_ref().map(|s| vec![(s.start, s.end)]),
        ),
        content: role(|g| g.content.as_ref(), |c| Some(c.content.part_spans())),
        content_source: Prf::default(),
    }
}

/// The code points of `gold` that `parts` cover (a claim's parts do not overlap).
fn covered(gold: &GoldSpan, parts: &[Span]) -> usize {
    parts.iter().map(|&part| gold.overlap(part)).sum()
}

/// The article's text over the claim's whole content span (narration included), which is
/// what tells a quotation: its parts leave out the marks between them.
fn whole_content(text: &str, chars: &CharIndex, claim: &ClaimRecord) -> String {
    let start = chars.byte_offset(claim.content.start);
    let end = chars.byte_offset(claim.content.end);
    match text.get(start..end.max(start)) {
        Some(slice) => slice.to_owned(),
        None => claim.content.text.clone(),
    }
}

/// Content+source matching of one article: the `(claim, gold)` pairs found.
fn match_content_source(
    golds: &[&GoldAttribution],
    claims: &[&ClaimRecord],
) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (c, claim) in claims.iter().enumerate() {
        for (g, gold) in golds.iter().enumerate() {
            let Some(content) = &gold.content else {
                continue;
            };
            let covered = covered(content, &claim.content.part_spans());
            if covered == 0 || 2 * covered < content.len() {
                continue;
            }
            let source_ok = match (&gold.source, &claim.speaker) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(source), Some(speaker)) => {
                    source.overlap((speaker.start, speaker.end)) > 0
                        || names(&speaker.name, &source.text)
                        || names(&speaker.text, &source.text)
                }
            };
            if source_ok {
                candidates.push((c, g, covered));
            }
        }
    }
    greedy(candidates, claims.len(), golds.len())
}

/// True when `speaker` names the gold `source`: the same words ignoring case and punctuation,
/// or one's words run whole inside the other's ("Ushakov" in "Yury Ushakov", "Yury Ushakov"
/// in "Kremlin aide Yury Ushakov"), since a resolved name and an annotated mention seldom
/// agree to the letter.
pub fn names(speaker: &str, source: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(speaker), words(source));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    !short.is_empty() && long.windows(short.len()).any(|w| w == short.as_slice())
}

/// Writes `P R F1` of one score, as percentages.
fn prf_cells(f: &mut fmt::Formatter<'_>, prf: &Prf) -> fmt::Result {
    write!(
        f,
        "{:>6.1} {:>6.1} {:>6.1}",
        100.0 * prf.precision,
        100.0 * prf.recall,
        100.0 * prf.f1
    )
}

fn scores_table(f: &mut fmt::Formatter<'_>, title: &str, scores: &Scores) -> fmt::Result {
    writeln!(f, "{title}")?;
    writeln!(f, "  {:<16}{:^20}   {:^20}", "", "exact", "overlap")?;
    writeln!(
        f,
        "  {:<16}{:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "role", "P", "R", "F1", "P", "R", "F1"
    )?;
    for (name, role) in [
        ("source", &scores.source),
        ("cue", &scores.cue),
        ("content", &scores.content),
    ] {
        write!(f, "  {name:<16}")?;
        prf_cells(f, &role.exact)?;
        write!(f, "   ")?;
        prf_cells(f, &role.overlap)?;
        writeln!(f)?;
    }
    let cs = &scores.content_source;
    write!(f, "  {:<16}", "content+source")?;
    prf_cells(f, cs)?;
    writeln!(
        f,
        "   ({}/{} claims right, {}/{} gold found)",
        cs.correct, cs.predicted, cs.found, cs.gold
    )
}

/// The report as a table; the alternate form (`{:#}`) adds the precision of each rule.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = &self.gold;
        let share = |n: usize, of: usize| {
            if of == 0 {
                0.0
            } else {
                100.0 * n as f64 / of as f64
            }
        };
        writeln!(f, "gold: {}", self.gold_dir.display())?;
        writeln!(
            f,
            "  {} articles, {} attributions: {} ({:.1}%) with quotation marks, {} without source, \
             {} without content, {} discontinuous",
            g.articles,
            g.attributions,
            g.quoted,
            share(g.quoted, g.attributions),
            g.without_source,
            g.without_content,
            g.discontinuous
        )?;
        match &self.predictions {
            Some(path) => writeln!(f, "predictions: {}", path.display())?,
            None => writeln!(f, "predictions: the pipeline, run on the gold texts")?,
        }
        let p = &self.predicted;
        write!(
            f,
            "  {} claims: {} with quotation marks",
            p.claims, p.quoted
        )?;
        if p.unknown_article > 0 {
            write!(
                f,
                "; {} more of articles not in the gold (ignored)",
                p.unknown_article
            )?;
        }
        writeln!(f)?;
        writeln!(f, "scores in % (P precision, R recall)")?;
        writeln!(f)?;
        scores_table(f, "all attributions", &self.overall)?;
        writeln!(f)?;
        scores_table(f, "gold content with quotation marks", &self.quoted)?;
        writeln!(f)?;
        writeln!(
            f,
            "content+source by confidence (claims with confidence >= t)"
        )?;
        writeln!(
            f,
            "  {:>5} {:>7} {:>6} {:>6} {:>6}",
            "t", "claims", "P", "R", "F1"
        )?;
        for t in &self.thresholds {
            write!(
                f,
                "  {:>5.1} {:>7} ",
                t.threshold, t.content_source.predicted
            )?;
            prf_cells(f, &t.content_source)?;
            writeln!(f)?;
        }
        writeln!(f)?;
        calibration::write_calibration(f, &self.calibration)?;
        if f.alternate() {
            writeln!(f)?;
            calibration::write_by_rule(f, &self.by_rule)?;
        }
        if !self.skipped.is_empty() {
            const SHOWN: usize = 5;
            writeln!(f)?;
            writeln!(f, "{} lines or files skipped:", self.skipped.len())?;
            for skipped in self.skipped.iter().take(SHOWN) {
                writeln!(f, "  {skipped}")?;
            }
            if self.skipped.len() > SHOWN {
                writeln!(f, "  ... (all of them in --json)")?;
            }
        }
        Ok(())
    }
}
