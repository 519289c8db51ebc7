//! Spans and offsets.
//!
//! Inside the pipeline every span is a [`ByteSpan`]: half-open byte offsets into
//! [`crate::document::Document::text`]. Byte offsets make slicing free and exact; users,
//! though, want code-point offsets (Python's `text[start:end]`), so [`CharIndex`] converts
//! once, at output, and nowhere else.

use serde::Serialize;

/// Half-open byte offsets `[start, end)` into a document's text. Always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct ByteSpan {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl ByteSpan {
    /// A span from `start` to `end` (bytes); `start <= end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        ByteSpan { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(&self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: ByteSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same span shrunk so that it neither starts nor ends with white space.
    pub fn trim(self, text: &str) -> ByteSpan {
        let slice = &text[self.start..self.end];
        let start = self.start + (slice.len() - slice.trim_start().len());
        let end = self.end - (slice.len() - slice.trim_end().len());
        ByteSpan::new(start, end.max(start))
    }
}

/// Half-open code-point offsets, the unit of every offset written out. Made only by [`CharIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CharSpan {
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
}

/// Converts byte offsets of one text into code-point offsets.
///
/// Keeps the byte offsets of the non-ASCII characters only, sorted, so that an ASCII
/// text costs nothing and a lookup is one binary search.
///
/// ```
/// use claimx::text::{ByteSpan, CharIndex};
/// let text = "Café «au» lait";
/// let index = CharIndex::new(text);
/// let start = text.find("lait").unwrap();
/// let span = index.span(ByteSpan::new(start, start + 4));
/// assert_eq!((span.start, span.end), (10, 14));
/// ```
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each multi-byte character, in text order.
    wide_bytes: Vec<usize>,
    /// Code-point offset of each multi-byte character, in text order.
    wide_chars: Vec<usize>,
    /// Extra bytes (UTF-8 length - 1) of the multi-byte characters before index i.
    extra_before: Vec<usize>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut index = CharIndex {
            wide_bytes: Vec::new(),
            wide_chars: Vec::new(),
            extra_before: vec![0],
        };
        let mut extra = 0;
        for (byte, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            index.wide_bytes.push(byte);
            index.wide_chars.push(byte - extra);
            extra += c.len_utf8() - 1;
            index.extra_before.push(extra);
        }
        index
    }

    /// The code-point offset of byte offset `byte`, which must be a char boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        byte - self.extra_before[self.wide_bytes.partition_point(|&at| at < byte)]
    }

    /// The byte offset of code-point offset `chars` (for reading offsets given in code points).
    pub fn byte_offset(&self, chars: usize) -> usize {
        chars + self.extra_before[self.wide_chars.partition_point(|&at| at < chars)]
    }

    /// Converts a byte span.
    pub fn span(&self, span: ByteSpan) -> CharSpan {
        CharSpan {
            start: self.char_offset(span.start),
            end: self.char_offset(span.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_char_indices_on_mixed_text() {
        let text = "a\u{00e9}b \u{1F600}c\r\n\u{00a0}d e\u{0301}f “g”";
        let index = CharIndex::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(byte), chars, "byte {byte}");
            assert_eq!(index.byte_offset(chars), byte, "char {chars}");
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
        assert_eq!(index.byte_offset(text.chars().count()), text.len());
    }

    #[test]
    fn trim_drops_outer_white_space_only() {
        let text = "  said it \n";
        let span = ByteSpan::new(0, text.len()).trim(text);
        assert_eq!(&text[span.start..span.end], "said it");
        assert!(ByteSpan::new(0, 2).trim(text).is_empty());
    }
}
