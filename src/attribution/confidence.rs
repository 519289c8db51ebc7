//! Confidence: how often claims like this one were right on PolNeAR train.
//!
//! `confidence.tsv` counts, for each key (the rule that found a claim, its kind, how its cue
//! verb introduces content and how its speaker was resolved), the claims of PolNeAR train and
//! how many of them matched a gold attribution (content+source, as `claimx eval` scores). A
//! claim's confidence is its key's precision, smoothed: a key seen rarely leans on its layout
//! (rule, kind and verb), which leans on the rule, which leans on the whole table.
//!
//! The rules also rank competing candidates (two claims of one content, a report inside a
//! report) by the precision of their layout. That precision is counted over every candidate,
//! before any is dropped (the `rank` lines), so that the ranking does not depend on itself;
//! the confidences are then counted over the claims that ranking keeps (the `score` lines).
//!
//! The table is fitted by `scripts/fit-confidence.sh`, which trains the attribution head
//! twice, each time without one half of train's articles (`scripts/train-roles.sh DIR
//! --fold K/2`), then runs
//!
//! ```text
//! cargo run --release -- eval --gold ../shared/data/polnear/train --attribution both \
//!     --fit-confidence src/attribution/confidence.tsv --cross-fit FOLD0 --cross-fit FOLD1
//! ```
//!
//! With `--attribution both` the table also has the rows of the attribution head's
//! proposals (rule `tagger`). Cross-fitted, each half of train is extracted with the head
//! that did not learn it: the shipped head, trained on all of train, finds its own training
//! articles' attributions too well, and rows counted there gave its claims a mean confidence
//! of 0.63 for a precision of 0.46 on dev. The rules' rows are the same either way.
//!
//! It extracts twice: once keeping every candidate, for the `rank` lines, and once with that
//! ranking, for the `score` lines; with the head, a third time with the head alone and that
//! ranking, for the `model` lines, which score `--attribution model`'s claims.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::cues::Strength;
use crate::document::{spelled as name, ClaimKind, ResolvedBy, Rule};

/// Pseudo-claims that a key borrows from the level above it (additive smoothing): a key
/// seen a few times on train is near its rule's precision, one seen hundreds of times is its
/// own. 10 is a round guess, not tuned; with it the expected calibration error on PolNeAR
/// dev is 0.030 (`claimx eval --gold ../shared/data/polnear/dev`), and 0.038 with
/// `--attribution both`, inside the 0.05 target.
const PSEUDO: f64 = 10.0;

/// The precision assumed when the table is empty (before the first fit).
const UNFITTED: f64 = 0.5;

/// What a confidence is looked up by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The rule that found the claim.
    pub rule: Rule,
    /// How it is reported.
    pub kind: ClaimKind,
    /// How its cue's verb introduces the content; `None` for a cue that is no verb.
    pub verb: Option<Strength>,
    /// How its speaker was resolved; `None` for a claim without a speaker.
    pub resolved_by: Option<ResolvedBy>,
}

/// Claims of one key and how many of them were right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Claims that matched a gold attribution.
    pub correct: u64,
    /// Claims.
    pub total: u64,
}

impl Count {
    fn add(&mut self, other: Count) {
        self.correct += other.correct;
        self.total += other.total;
    }

    /// The precision of these claims, pulled towards `prior` by [`PSEUDO`] claims.
    fn smoothed(self, prior: f64) -> f64 {
        (self.correct as f64 + PSEUDO * prior) / (self.total as f64 + PSEUDO)
    }
}

/// Counts by key, with the sums of each level above a key.
#[derive(Debug, Clone, Default, PartialEq)]
struct Levels {
    keys: BTreeMap<Key, Count>,
    by_layout: BTreeMap<(Rule, ClaimKind, Option<Strength>), Count>,
    by_rule: BTreeMap<Rule, Count>,
    all: Count,
}

/// The sets of counts: over every candidate, to rank them; over the claims kept, to give
/// their confidences; and over the head's claims when they are all the claims there are
/// (`--attribution model`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    ranking: Levels,
    scoring: Levels,
    alone: Levels,
}

impl Levels {
    fn new(counts: impl IntoIterator<Item = (Key, Count)>) -> Levels {
        let mut table = Levels::default();
        for (key, count) in counts {
            table.keys.entry(key).or_default().add(count);
            table
                .by_layout
                .entry((key.rule, key.kind, key.verb))
                .or_default()
                .add(count);
            table.by_rule.entry(key.rule).or_default().add(count);
            table.all.add(count);
        }
        table
    }

    fn overall(&self) -> f64 {
        if self.all.total == 0 {
            UNFITTED
        } else {
            self.all.smoothed(UNFITTED)
        }
    }

    fn rule(&self, rule: Rule) -> f64 {
        let count = self.by_rule.get(&rule).copied().unwrap_or_default();
        count.smoothed(self.overall())
    }

    fn layout(&self, rule: Rule, kind: ClaimKind, verb: Option<Strength>) -> f64 {
        let count = self
            .by_layout
            .get(&(rule, kind, verb))
            .copied()
            .unwrap_or_default();
        count.smoothed(self.rule(rule))
    }

    fn key(&self, key: Key) -> f64 {
        let count = self.keys.get(&key).copied().unwrap_or_default();
        count.smoothed(self.layout(key.rule, key.kind, key.verb))
    }
}

impl Table {
    /// The table of the counts over every candidate (`ranking`) and over the claims kept
    /// (`scoring`), without rows for the head alone.
    pub fn new(
        ranking: impl IntoIterator<Item = (Key, Count)>,
        scoring: impl IntoIterator<Item = (Key, Count)>,
    ) -> Table {
        Table {
            ranking: Levels::new(ranking),
            scoring: Levels::new(scoring),
            alone: Levels::default(),
        }
    }

    /// This table with the counts of the head's claims extracted alone (`model` lines).
    pub fn with_alone(self, alone: impl IntoIterator<Item = (Key, Count)>) -> Table {
        Table {
            alone: Levels::new(alone),
            ..self
        }
    }

    /// How precise candidates of `rule`, `kind` and `verb` were, whatever their speaker:
    /// what the rules rank competing candidates by, before speakers are resolved.
    pub fn prior(&self, rule: Rule, kind: ClaimKind, verb: Option<Strength>) -> f64 {
        self.ranking.layout(rule, kind, verb)
    }

    /// The confidence of a claim of `key`.
    pub fn confidence(&self, key: Key) -> f64 {
        self.scoring.key(key)
    }

    /// The confidence of a claim of `key` found by the head alone, without the rules
    /// (`--attribution model`). Its claims then include the easy ones the rules would have
    /// found, which beside the rules never reach the `score` rows: scored by those rows they
    /// got a mean confidence far under their precision on dev (an ECE of 0.161). A table
    /// without `model` lines scores them like [`Table::confidence`].
    pub fn confidence_alone(&self, key: Key) -> f64 {
        if self.alone.all.total == 0 {
            self.confidence(key)
        } else {
            self.alone.key(key)
        }
    }

    /// The table as `confidence.tsv` holds it: a header, then one line a key and use.
    pub fn to_tsv(&self, fitted_on: &str) -> String {
        let mut out = format!(
            "# claimx confidence table: claims of PolNeAR {fitted_on} by rule, kind, cue verb and speaker\n\
             # resolution, and how many matched a gold attribution; `rank` counts every candidate,\n\
             # `score` the claims kept, `model` the head's claims without the rules. Fitted by\n\
             # `claimx eval --fit-confidence`\n\
             # (src/attribution/confidence.rs).\n\
             use\trule\tkind\tverb\tresolved_by\tcorrect\ttotal\n"
        );
        let lines = [
            ("rank", &self.ranking),
            ("score", &self.scoring),
            ("model", &self.alone),
        ];
        for (key, count, use_) in lines
            .iter()
            .flat_map(|(use_, levels)| levels.keys.iter().map(move |(k, c)| (k, c, *use_)))
        {
            let resolved = key.resolved_by.map_or("-".to_owned(), name);
            let verb = key.verb.map_or("-".to_owned(), name);
            out.push_str(&format!(
                "{use_}\t{}\t{}\t{verb}\t{resolved}\t{}\t{}\n",
                name(key.rule),
                name(key.kind),
                count.correct,
                count.total
            ));
        }
        out
    }

    /// Reads a table written by [`Table::to_tsv`].
    pub fn from_tsv(text: &str) -> Result<Table, String> {
        let (mut ranking, mut scoring, mut alone) = (Vec::new(), Vec::new(), Vec::new());
        let lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#'));
        for (n, line) in lines.skip(1) {
            let fields: Vec<&str> = line.split('\t').collect();
            let bad = |what: &str| format!("line {}: {what}: {line:?}", n + 1);
            let [use_, rule, kind, verb, resolved, correct, total] = fields[..] else {
                return Err(bad("not 7 tab-separated fields"));
            };
            let counts = match use_ {
                "rank" => &mut ranking,
                "score" => &mut scoring,
                "model" => &mut alone,
                _ => return Err(bad("the first field is not rank, score or model")),
            };
            let key = Key {
                rule: parse(rule).ok_or_else(|| bad("unknown rule"))?,
                kind: parse(kind).ok_or_else(|| bad("unknown kind"))?,
                verb: match verb {
                    "-" => None,
                    name => Some(parse(name).ok_or_else(|| bad("unknown verb class"))?),
                },
                resolved_by: match resolved {
                    "-" => None,
                    name => Some(parse(name).ok_or_else(|| bad("unknown resolution"))?),
                },
            };
            let count = Count {
                correct: correct.parse().map_err(|_| bad("bad count"))?,
                total: total.parse().map_err(|_| bad("bad count"))?,
            };
            if count.correct > count.total {
                return Err(bad("more correct than total"));
            }
            counts.push((key, count));
        }
        Ok(Table::new(ranking, scoring).with_alone(alone))
    }
}

/// The value a serde name spells.
fn parse<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

/// The table fitted on PolNeAR train, shipped in the binary.
pub static FITTED: LazyLock<Table> = LazyLock::new(|| {
    Table::from_tsv(include_str!("confidence.tsv"))
        .unwrap_or_else(|e| panic!("src/attribution/confidence.tsv: {e}"))
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_reads_and_covers_the_main_rules() {
        let table = Table::from_tsv(include_str!("confidence.tsv")).unwrap();
        for rule in [Rule::PostPosed, Rule::PrePosed, Rule::AccordingTo] {
            for levels in [&table.ranking, &table.scoring] {
                assert!(
                    levels.by_rule.get(&rule).is_some_and(|c| c.total > 30),
                    "{rule:?}"
                );
            }
        }
        // The head's claims alone have rows of their own, and only the head's.
        assert!(table
            .alone
            .by_rule
            .get(&Rule::Tagger)
            .is_some_and(|c| c.total > 1000));
        assert_eq!(table.alone.by_rule.len(), 1);
        let written = table.to_tsv("train");
        assert_eq!(Table::from_tsv(&written).unwrap(), table);
    }

    #[test]
    fn the_head_alone_is_scored_by_its_own_rows_when_the_table_has_them() {
        let key = Key {
            rule: Rule::Tagger,
            kind: ClaimKind::Indirect,
            verb: Some(Strength::Speech),
            resolved_by: Some(ResolvedBy::Explicit),
        };
        let count = |correct, total| Count { correct, total };
        let beside_rules = Table::new([], [(key, count(300, 1000))]);
        let near = |a: f64, b: f64| (a - b).abs() < 0.01;
        assert!(near(beside_rules.confidence_alone(key), 0.3));
        let alone = beside_rules.clone().with_alone([(key, count(700, 1000))]);
        assert!(near(alone.confidence_alone(key), 0.7));
        assert!(near(alone.confidence(key), 0.3));
    }

    #[test]
    fn rare_keys_lean_on_their_rule() {
        let key = |resolved_by| Key {
            rule: Rule::PostPosed,
            kind: ClaimKind::Direct,
            verb: Some(Strength::Speech),
            resolved_by,
        };
        let count = |correct, total| Count { correct, total };
        let table = Table::new(
            [],
            [
                (key(Some(ResolvedBy::Explicit)), count(900, 1000)),
                (key(Some(ResolvedBy::Pronoun)), count(0, 1)),
            ],
        );
        let rare = table.confidence(key(Some(ResolvedBy::Pronoun)));
        assert!(rare > 0.8, "{rare}");
        let common = table.confidence(key(Some(ResolvedBy::Explicit)));
        assert!((common - 0.9).abs() < 0.01, "{common}");
        // A key never seen gets its layout's precision; ranking has no counts, so every
        // layout ranks alike.
        let unseen = table.confidence(key(None));
        assert!((unseen - 0.9).abs() < 0.01, "{unseen}");
        let ranked = table.prior(Rule::PostPosed, ClaimKind::Direct, Some(Strength::Speech));
        assert_eq!(ranked, table.prior(Rule::Floating, ClaimKind::Direct, None));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let header = "use\trule\tkind\tverb\tresolved_by\tcorrect\ttotal\n";
        let err =
            Table::from_tsv(&format!("{header}score\tfoo\tdirect\tspeech\t-\t1\t2\n")).unwrap_err();
        assert!(err.starts_with("line 2: unknown rule"), "{err}");
        let err = Table::from_tsv(&format!(
            "{header}rank\tpost_posed\tdirect\tspeech\t-\t3\t2\n"
        ))
        .unwrap_err();
        assert!(err.contains("more correct than total"), "{err}");
    }
}
