//! The sentence splitter on any text: no panic, and every paragraph and sentence span in
//! order, inside the text and on char boundaries.
#![no_main]

use claimx::document::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut doc = Document::new("f", String::from_utf8_lossy(data));
    claimx::sentences::split(&mut doc);
    if let Err(bad) = doc.check_spans() {
        panic!("{bad} in {:?}", doc.text);
    }
});
