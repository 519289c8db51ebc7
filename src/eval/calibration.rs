//! What each claim's score says about its rule and its confidence: precision by rule
//! (`claimx eval --by-rule`), calibration by confidence bin, and the counts that
//! `--fit-confidence` writes as the confidence table.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::attribution::confidence::{Count, Key};
use crate::attribution::Rule;
use crate::claims::ClaimRecord;

/// Width of a calibration bin: the bins of 0.1.
const BIN_WIDTH: f64 = 0.1;

/// Number of bins over [0, 1].
const BINS: usize = 10;

/// One scored claim: its key in the confidence table, its confidence, whether it was right.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    /// Rule, kind and speaker resolution.
    pub key: Key,
    /// The record's confidence.
    pub confidence: f64,
    /// Whether it matched a gold attribution (content+source).
    pub correct: bool,
}

impl Outcome {
    /// The outcome of `record`, right or not; `None` for a record of version 1, which says
    /// no rule, so that another tool's records are scored but never enter a table keyed by
    /// claimx's rules.
    pub fn of(record: &ClaimRecord, correct: bool) -> Option<Outcome> {
        Some(Outcome {
            key: Key {
                rule: record.rule?,
                kind: record.kind,
                verb: crate::attribution::cues::strength_of(
                    record.cue.as_ref().map(|c| c.text.as_str()),
                ),
                resolved_by: record.speaker.as_ref().map(|s| s.resolved_by),
            },
            confidence: record.confidence,
            correct,
        })
    }
}

/// One rule's claims and how many were right.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RuleScore {
    /// The rule.
    pub rule: Rule,
    /// Its claims.
    pub claims: usize,
    /// Those that matched a gold attribution.
    pub correct: usize,
    /// correct / claims.
    pub precision: f64,
    /// The mean confidence of its claims.
    pub mean_confidence: f64,
}

/// The claims whose confidence falls in `[low, high)` (the last bin holds 1.0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bin {
    /// Lowest confidence of the bin.
    pub low: f64,
    /// One past the highest.
    pub high: f64,
    /// Claims in the bin.
    pub claims: usize,
    /// Their mean confidence (0 for an empty bin).
    pub mean_confidence: f64,
    /// The share of them that were right (0 for an empty bin).
    pub precision: f64,
}

/// How well confidence predicts precision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Bins of width 0.1 over [0, 1].
    pub bins: Vec<Bin>,
    /// Expected calibration error: the mean over claims of |precision - mean confidence|
    /// of their bin.
    pub ece: f64,
    /// The largest |precision - mean confidence| of a bin with at least one claim.
    pub max_gap: f64,
}

/// Each rule's precision, in the order of [`Rule`].
pub fn by_rule(outcomes: &[Outcome]) -> Vec<RuleScore> {
    let mut rules: BTreeMap<Rule, (usize, usize, f64)> = BTreeMap::new();
    for o in outcomes {
        let entry = rules.entry(o.key.rule).or_default();
        entry.0 += 1;
        entry.1 += usize::from(o.correct);
        entry.2 += o.confidence;
    }
    rules
        .into_iter()
        .map(|(rule, (claims, correct, confidence))| RuleScore {
            rule,
            claims,
            correct,
            precision: correct as f64 / claims as f64,
            mean_confidence: confidence / claims as f64,
        })
        .collect()
}

/// The calibration of `outcomes`' confidences.
pub fn calibration(outcomes: &[Outcome]) -> Calibration {
    let mut sums = [(0usize, 0usize, 0.0f64); BINS];
    for o in outcomes {
        let bin = ((o.confidence / BIN_WIDTH) as usize).min(BINS - 1);
        sums[bin].0 += 1;
        sums[bin].1 += usize::from(o.correct);
        sums[bin].2 += o.confidence;
    }
    let bins: Vec<Bin> = sums
        .iter()
        .enumerate()
        .map(|(n, &(claims, correct, confidence))| {
            let mean = |x: f64| if claims == 0 { 0.0 } else { x / claims as f64 };
            Bin {
                low: n as f64 * BIN_WIDTH,
                high: (n + 1) as f64 * BIN_WIDTH,
                claims,
                mean_confidence: mean(confidence),
                precision: mean(correct as f64),
            }
        })
        .collect();
    let gap = |b: &Bin| (b.precision - b.mean_confidence).abs();
    let total: usize = bins.iter().map(|b| b.claims).sum();
    let ece = if total == 0 {
        0.0
    } else {
        bins.iter().map(|b| b.claims as f64 * gap(b)).sum::<f64>() / total as f64
    };
    let max_gap = bins
        .iter()
        .filter(|b| b.claims > 0)
        .map(gap)
        .fold(0.0, f64::max);
    Calibration { bins, ece, max_gap }
}

/// The counts of a confidence table these outcomes give: one claim, right or not, each.
pub fn counts(outcomes: &[Outcome]) -> impl Iterator<Item = (Key, Count)> + '_ {
    outcomes.iter().map(|o| {
        let count = Count {
            correct: u64::from(o.correct),
            total: 1,
        };
        (o.key, count)
    })
}

/// What the calibration and by-rule tables say when no record names its rule.
const NO_RULE: &str = "no record names its rule (records of version 1 are scored, not calibrated)";

/// The by-rule table: one line a rule.
pub fn write_by_rule(f: &mut fmt::Formatter<'_>, rules: &[RuleScore]) -> fmt::Result {
    writeln!(f, "content+source precision by rule")?;
    if rules.is_empty() {
        return writeln!(f, "  {NO_RULE}");
    }
    writeln!(
        f,
        "  {:<16}{:>7} {:>7} {:>6} {:>11}",
        "rule", "claims", "right", "P", "confidence"
    )?;
    for r in rules {
        let name = crate::document::spelled(r.rule);
        writeln!(
            f,
            "  {name:<16}{:>7} {:>7} {:>6.1} {:>11.3}",
            r.claims,
            r.correct,
            100.0 * r.precision,
            r.mean_confidence
        )?;
    }
    Ok(())
}

/// The calibration table: one line a bin that holds claims, then the errors.
pub fn write_calibration(f: &mut fmt::Formatter<'_>, c: &Calibration) -> fmt::Result {
    writeln!(
        f,
        "calibration (content+source precision by confidence bin)"
    )?;
    if c.bins.iter().all(|b| b.claims == 0) {
        return writeln!(f, "  {NO_RULE}");
    }
    writeln!(
        f,
        "  {:<11}{:>7} {:>11} {:>6}",
        "confidence", "claims", "mean", "P"
    )?;
    for b in c.bins.iter().filter(|b| b.claims > 0) {
        writeln!(
            f,
            "  {:<11}{:>7} {:>11.3} {:>6.3}",
            format!("{:.1}-{:.1}", b.low, b.high),
            b.claims,
            b.mean_confidence,
            b.precision
        )?;
    }
    writeln!(
        f,
        "  expected calibration error {:.3}, largest bin gap {:.3}",
        c.ece, c.max_gap
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::ClaimKind;

    fn outcome(confidence: f64, correct: bool) -> Outcome {
        Outcome {
            key: Key {
                rule: Rule::PrePosed,
                kind: ClaimKind::Indirect,
                verb: None,
                resolved_by: None,
            },
            confidence,
            correct,
        }
    }

    #[test]
    fn calibration_error_weighs_bins_by_their_claims() {
        // Bin 0.8-0.9: four claims at 0.85, three right (0.75): gap 0.1.
        // Bin 0.3-0.4: one claim at 0.35, wrong: gap 0.35. Bin 1.0 goes to the last bin.
        let mut outcomes: Vec<Outcome> = (0..4).map(|n| outcome(0.85, n < 3)).collect();
        outcomes.push(outcome(0.35, false));
        outcomes.push(outcome(1.0, true));
        let c = calibration(&outcomes);
        assert_eq!(c.bins[8].claims, 4);
        assert_eq!(c.bins[9].claims, 1);
        let expected = (4.0 * 0.1 + 0.35) / 6.0;
        assert!((c.ece - expected).abs() < 1e-9, "{}", c.ece);
        assert!((c.max_gap - 0.35).abs() < 1e-9);
    }
}
