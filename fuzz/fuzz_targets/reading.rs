//! The reading stage on any text: no panic, and an alignment that maps every char boundary
//! of the view to a char boundary of the original, in order, never past its end.
#![no_main]

use claimx::reading::normalize;
use claimx::text::ByteSpan;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let original = String::from_utf8_lossy(data);
    let (view, alignment) = normalize(&original);
    let mut last = 0;
    for at in (0..=view.len()).filter(|&at| view.is_char_boundary(at)) {
        let back = alignment.original(ByteSpan::new(at, at));
        assert!(
            back.start >= last && back.end <= original.len(),
            "{at} maps to {back:?} after {last} in {original:?}"
        );
        assert!(original.is_char_boundary(back.start) && original.is_char_boundary(back.end));
        last = back.start;
    }
    let whole = alignment.original(ByteSpan::new(0, view.len()));
    assert!(whole.end <= original.len(), "{whole:?} in {original:?}");
});
