//! Quality floors: `claimx eval` on PolNeAR dev, as a user runs it (NER on, the shipped
//! model), may not drop below what main scores. A change that lowers either figure fails here;
//! one that raises them should raise the floors with it.

mod common;

use common::{claimx, root};

/// Content+source F1 on PolNeAR dev, overall and on the quotation subset, as measured at
/// the last change that moved them (`claimx eval --gold ../shared/data/polnear/dev`: 0.6940
/// and 0.8642, with content parts and the int8 NER model), less half a unit in the third
/// decimal for rounding.
const FLOORS: [(&str, f64); 2] = [("overall", 0.6935), ("quoted", 0.8637)];

#[test]
fn attribution_on_polnear_dev_keeps_its_floors() {
    let run = claimx()
        .args(["eval", "--json", "--gold"])
        .arg(root().join("../shared/data/polnear/dev"))
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    for (subset, floor) in FLOORS {
        let f1 = report[subset]["content_source"]["f1"].as_f64().unwrap();
        println!("{subset}: content+source F1 {f1:.4} (floor {floor})");
        assert!(
            f1 >= floor,
            "{subset}: content+source F1 {f1:.4} below {floor}"
        );
    }
}
