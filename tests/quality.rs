//! Quality floors: `claimx eval` on PolNeAR dev, as a user runs it (NER on, the shipped
//! model), may not drop below what main scores. A change that lowers either figure fails here;
//! one that raises them should raise the floors with it.

mod common;

use common::{claimx, root};

/// Content+source F1 on PolNeAR dev, overall and on the quotation subset, as measured at
/// the last change that moved them (`claimx eval --gold ../shared/data/polnear/dev`: 0.6925
/// and 0.8651), less half a unit in the third decimal for rounding. That change (speakers:
/// "they" for groups, the subject of the sentence before, unnamed descriptors; the table
/// refitted) moved overall from 0.6927 down by 0.0002 and quoted up by 0.0009, while on a
/// blind sample of 60 of the 335 speaker names it changed on train and dev the new name was
/// right 36 times and the old one 5 (18 both wrong, 1 both right). Before it, rule ids and a
/// fitted table had moved overall from 0.6940 down by 0.0013 while 77 speaker names lost
/// their titles ("Jeh Johnson", not "Homeland Security Secretary Jeh Johnson") and
/// confidence became calibrated (expected calibration error 0.03).
const FLOORS: [(&str, f64); 2] = [("overall", 0.6920), ("quoted", 0.8646)];

/// The floors of the other attribution modes (`--attribution model|both`), measured on the
/// same dev split with the shipped attribution head (models/README.md; `claimx eval --gold
/// ../shared/data/polnear/dev --attribution MODE`: 0.6355 and 0.6652 for the head alone,
/// 0.7359 and 0.8875 for the rules with the head's proposals where no rule found a claim),
/// less half a unit in the third decimal. The cross-fitted table (the head's rows counted on
/// articles it was not trained on) raised `both` from 0.7260 and 0.8871, as it now keeps
/// fewer weak proposals, and lowered `model` from 0.6360 and 0.6667, whose ranking of
/// competing proposals now follows the honest rows.
const MODE_FLOORS: [(&str, [(&str, f64); 2]); 2] = [
    ("model", [("overall", 0.6350), ("quoted", 0.6647)]),
    ("both", [("overall", 0.7354), ("quoted", 0.8870)]),
];

/// `claimx eval --json` on PolNeAR dev, as a user runs it.
fn dev_report() -> serde_json::Value {
    dev_report_in("rules")
}

/// `claimx eval --json --attribution MODE` on PolNeAR dev.
fn dev_report_in(mode: &str) -> serde_json::Value {
    let run = claimx()
        .args(["eval", "--json", "--attribution", mode, "--gold"])
        .arg(root().join("../shared/data/polnear/dev"))
        .assert()
        .success();
    serde_json::from_slice(&run.get_output().stdout).unwrap()
}

/// Fails when a content+source F1 of `report` is under its floor.
fn assert_floors(report: &serde_json::Value, mode: &str, floors: [(&str, f64); 2]) {
    for (subset, floor) in floors {
        let f1 = report[subset]["content_source"]["f1"].as_f64().unwrap();
        println!("{mode} {subset}: content+source F1 {f1:.4} (floor {floor})");
        assert!(
            f1 >= floor,
            "{mode} {subset}: content+source F1 {f1:.4} below {floor}"
        );
    }
}

#[test]
fn the_attribution_heads_modes_keep_their_floors() {
    for (mode, floors) in MODE_FLOORS {
        let report = dev_report_in(mode);
        assert_floors(&report, mode, floors);
        // The head's claims are there, and say so.
        let rules = report["by_rule"].as_array().unwrap();
        let tagger = rules
            .iter()
            .find(|r| r["rule"] == "tagger")
            .expect("tagger claims");
        assert!(tagger["claims"].as_u64().unwrap() > 100, "{mode}: {tagger}");
        // The table's rows for the head are cross-fitted: `both` is scored by the rows of
        // the proposals no rule found, `model` by the rows of the head alone.
        let ece = report["calibration"]["ece"].as_f64().unwrap();
        let max = if mode == "model" {
            MAX_ECE_ALONE
        } else {
            MAX_ECE
        };
        println!("{mode}: expected calibration error {ece:.3}");
        assert!(ece <= max, "{mode}: expected calibration error {ece:.3}");
    }
}

/// `--attribution model`'s calibration error on dev is 0.056 (0.161 before the table had
/// rows for the head alone, from the rows of the proposals `both` keeps). It is over the
/// 0.05 target because its rows come from heads trained on half of train, weaker than the
/// shipped one (dev content F1 0.444 and 0.425 against 0.482): its confidences run a little
/// under its precision (0.444 for 0.561 in the bin 0.4-0.5), never over.
const MAX_ECE_ALONE: f64 = 0.06;

#[test]
fn attribution_on_polnear_dev_keeps_its_floors() {
    assert_floors(&dev_report(), "rules", FLOORS);
}

/// The calibration target on PolNeAR dev: confidence bins of 0.1 whose precision is
/// on average within 0.05 of their mean confidence, with the table fitted on train.
const MAX_ECE: f64 = 0.05;

#[test]
fn confidence_on_polnear_dev_is_calibrated() {
    let report = dev_report();
    let calibration = &report["calibration"];
    let ece = calibration["ece"].as_f64().unwrap();
    println!("expected calibration error {ece:.3}");
    assert!(
        ece <= MAX_ECE,
        "expected calibration error {ece:.3} above {MAX_ECE}"
    );
    // The confidences spread over several bins: a constant confidence equal to the mean
    // precision would be calibrated and useless.
    let bins = calibration["bins"].as_array().unwrap();
    let used = bins
        .iter()
        .filter(|b| b["claims"].as_u64().unwrap() >= 20)
        .count();
    assert!(used >= 4, "{used} confidence bins with 20 claims or more");
    // Every rule's claims are counted, and precision rises with confidence between the
    // busiest bins.
    let rules = report["by_rule"].as_array().unwrap();
    let counted: u64 = rules.iter().map(|r| r["claims"].as_u64().unwrap()).sum();
    assert_eq!(counted, report["predicted"]["claims"].as_u64().unwrap());
    let busy: Vec<f64> = bins
        .iter()
        .filter(|b| b["claims"].as_u64().unwrap() >= 100)
        .map(|b| b["precision"].as_f64().unwrap())
        .collect();
    assert!(busy.windows(2).all(|w| w[0] < w[1]), "{busy:?}");
}
