//! Paragraph and sentence splitting.

use crate::document::{Document, Sentence};
use crate::text::ByteSpan;

/// Adds the paragraph and sentence layers to `doc`.
pub fn split(doc: &mut Document) {
    doc.paragraphs = paragraphs(&doc.text);
    let mut sentences = Vec::new();
    for (index, &paragraph) in doc.paragraphs.iter().enumerate() {
        let mut start = paragraph.start;
        let bytes = doc.text.as_bytes();
        for at in paragraph.start..paragraph.end {
            let ends = matches!(bytes[at], b'.' | b'!' | b'?')
                && bytes.get(at + 1) == Some(&b' ')
                && bytes.get(at + 2).is_some_and(|b| b.is_ascii_uppercase());
            if ends {
                sentences.push(Sentence {
                    span: ByteSpan::new(start, at + 1).trim(&doc.text),
                    paragraph: index,
                });
                start = at + 1;
            }
        }
        sentences.push(Sentence {
            span: ByteSpan::new(start, paragraph.end).trim(&doc.text),
            paragraph: index,
        });
    }
    doc.sentences = sentences;
}

/// Paragraphs: runs of text separated by blank lines, trimmed.
fn paragraphs(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices("\n\n") {
        push_trimmed(&mut out, ByteSpan::new(start, at), text);
        start = at;
    }
    push_trimmed(&mut out, ByteSpan::new(start, text.len()), text);
    out
}

fn push_trimmed(out: &mut Vec<ByteSpan>, span: ByteSpan, text: &str) {
    let span = span.trim(text);
    if !span.is_empty() {
        out.push(span);
    }
}
