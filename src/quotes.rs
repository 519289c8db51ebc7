//! Quotations: the spans between matching quotation marks.

use crate::text::ByteSpan;

/// One quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Half-open byte offsets of the quoted text, marks excluded.
    pub inner: ByteSpan,
    /// Half-open byte offsets including the opening and closing marks.
    pub outer: ByteSpan,
}

/// Adds the quotation layer to `doc`.
pub fn detect(doc: &mut crate::document::Document) {
    doc.quotes.clear();
}
