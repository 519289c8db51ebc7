//! Offset invariants through the whole rule pipeline, on texts made up from news-like pieces:
//! no stage fails, every span of every layer is in order, inside the text and on char
//! boundaries, and every record's code-point spans give back their text.
//!
//! The fuzz targets in `fuzz/` check the same on arbitrary bytes; this grammar reaches the
//! rules that random bytes rarely do (cues next to names, marks of every kind around words,
//! every kind of line end) and runs with `cargo test`.

use claimx::document::Document;
use claimx::pipeline::Pipeline;
use proptest::prelude::*;
use proptest::sample::select;

/// Cues and the words around them that the attribution rules look for.
const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "added:",
    "according to",
    "According to",
    "argued that",
    "he said",
    "she said",
    "they said",
    "He",
    "She",
    "It",
    "Mr.",
    "Dr.",
    "the agency",
];

/// Every quotation mark the quotes stage knows, and the single ones it takes as apostrophes.
const QUOTES: &[&str] = &[
    "\"", "\u{201c}", "\u{201d}", "'", "\u{2018}", "\u{2019}", "``", "''",
];

const PUNCTUATION: &[&str] = &[
    ".", ",", ":", ";", "?", "!", "...", "\u{2026}", "\u{2014}", "(", ")", "1.", "-",
];

/// Line ends of every convention, blank lines and lines of white space only.
const BREAKS: &[&str] = &[
    "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", " \n \n", "\n\t\n",
];

/// What goes between two pieces: nothing glues a mark or a stop to its word.
const GLUE: &[&str] = &[" ", " ", " ", "", "\u{a0}"];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z\u{e9}\u{5317}]{1,8}",
        2 => "[A-Z\u{c9}][a-z\u{e9}]{1,7}",
        2 => select(CUES).prop_map(str::to_owned),
        3 => select(QUOTES).prop_map(str::to_owned),
        2 => select(PUNCTUATION).prop_map(str::to_owned),
        1 => select(BREAKS).prop_map(str::to_owned),
    ]
}

/// A text of up to 80 pieces, each followed by its glue.
fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), select(GLUE)), 0..80)
        .prop_map(|pieces| pieces.into_iter().map(|(p, glue)| p + glue).collect())
}

/// Runs the rule pipeline on `text` and checks every layer and every record.
fn check(text: &str) -> Result<(), String> {
    let pipeline = Pipeline::default();
    let doc = pipeline
        .annotate(Document::new("p", text))
        .map_err(|err| err.to_string())?;
    doc.check_spans()?;
    for result in pipeline.run(vec![Document::new("p", text)]) {
        let extracted = result.map_err(|err| err.to_string())?;
        for record in &extracted.records {
            record.check_spans(text)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_span_of_every_layer_and_record_is_valid(text in news_text()) {
        if let Err(bad) = check(&text) {
            prop_assert!(false, "{} in {:?}", bad, text);
        }
    }
}

/// The checks themselves catch bad spans, so that the property above cannot pass vacuously.
#[test]
fn the_checks_reject_bad_spans() {
    let text = "\u{201c}We will win,\u{201d} said Jos\u{e9} Mart\u{ed}nez.";
    let mut doc = Pipeline::default()
        .annotate(Document::new("p", text))
        .unwrap();
    assert_eq!(doc.check_spans(), Ok(()));
    doc.sentences[0].span.start = 1; // inside the opening “
    assert!(doc.check_spans().is_err());

    let results = Pipeline::default().run(vec![Document::new("p", text)]);
    let mut record = results
        .into_iter()
        .next()
        .unwrap()
        .unwrap()
        .records
        .remove(0);
    assert_eq!(record.check_spans(text), Ok(()));
    record.content.end += 1;
    assert!(record.check_spans(text).is_err());
}
