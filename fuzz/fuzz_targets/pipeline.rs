//! The whole rule pipeline (no NER) on any text: no panic, no stage failing with an internal
//! error, every span of every layer valid, and every record's code-point spans giving back
//! their text.
//!
//! `Pipeline::run` catches a stage's panic as `StageError::Internal`; libFuzzer's panic hook
//! aborts on the panic itself, and the target also panics on such an error, so either way
//! the fuzzer reports the input.
#![no_main]

use claimx::document::Document;
use claimx::pipeline::Pipeline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = || Document::new("f", text.as_ref());
    let pipeline = Pipeline::default();
    let annotated = pipeline
        .annotate(doc())
        .unwrap_or_else(|err| panic!("{err} on {text:?}"));
    if let Err(bad) = annotated.check_spans() {
        panic!("{bad} in {text:?}");
    }
    for result in pipeline.run(vec![doc()]) {
        let extracted = result.unwrap_or_else(|err| panic!("{err} on {text:?}"));
        for record in &extracted.records {
            if let Err(bad) = record.check_spans(&text) {
                panic!("{bad} in {text:?}");
            }
        }
    }
});
