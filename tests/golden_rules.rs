//! The sentence splitter against the 48 English Golden Rules and a real news article.

use claimx::sentences::split_text;
use serde::Deserialize;

/// `../shared/benchmarks/golden_rules_en.json`.
#[derive(Deserialize)]
struct GoldenRules {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    sentences: Vec<String>,
}

/// The sentences `split_text` finds in `text`, as slices.
fn sentences(text: &str) -> Vec<&str> {
    let (_, sentences) = split_text(text);
    sentences
        .iter()
        .map(|s| &text[s.span.start..s.span.end])
        .collect()
}

#[test]
fn passes_every_english_golden_rule() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/benchmarks/golden_rules_en.json"
    );
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let rules: GoldenRules = serde_json::from_str(&json).expect("golden rules JSON");
    assert_eq!(rules.cases.len(), 48, "the English Golden Rules are 48");
    // Collect every failure so that one run shows them all.
    let failures: Vec<String> = rules
        .cases
        .iter()
        .enumerate()
        .filter_map(|(index, case)| {
            let expected: Vec<&str> = case.sentences.iter().map(|s| s.trim()).collect();
            let found = sentences(&case.text);
            (found != expected).then(|| {
                format!(
                    "rule {}: {:?}\n  expected {expected:?}\n  found    {found:?}",
                    index + 1,
                    case.text
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} golden rules fail:\n{}",
        failures.len(),
        rules.cases.len(),
        failures.join("\n")
    );
}

#[test]
fn splits_the_trump_putin_article_as_a_reader_would() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/trump_putin_summit.txt"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let found = sentences(&text);
    let expected = [
        // The headline, alone on its line.
        "Donald Trump Invited Vladimir Putin To The White House, According To Russian Sources",
        // "U.S." before a lower-case word and "--" stay inside.
        "That's because there's a lot going on between Russia and the U.S. right now -- thorny \
         political issues that will need to be sorted out before the two men can sit down for a \
         face-to-face.",
        // A quotation with an ellipsis before a lower-case word, ending with its closing mark.
        "\"Against the backdrop of these events, it's difficult to discuss the possibility of \
         holding a summit... one day, at one time or another, we can arrive at the start of a \
         serious and constructive dialogue.\"",
        // After a single line break inside the same block.
        "According to Russian news agency TASS, the summit was Trump's idea.",
        "\"During a telephone conversation between our presidents, Trump suggested that the first \
         meeting could be held in Washington.\"",
        "The U.S. and its allies have formally condemned Russia over the incident.",
        "Russia, in response, has begun plans to kick U.S. diplomats out of the country.",
    ];
    let missing: Vec<&&str> = expected.iter().filter(|s| !found.contains(s)).collect();
    assert!(
        missing.is_empty(),
        "sentences not found: {missing:#?}\nfound: {found:#?}"
    );
    assert_eq!(found.first(), expected.first());
}
