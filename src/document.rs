//! The one carrier type: a [`Document`] owns an article's text and every layer the stages add.
//!
//! The document keeps the text exactly as read (`original`) and the reading stage's clean
//! view of it (`text`), with the [`Alignment`] between them. Stages after reading never
//! change either; they read earlier layers and push their own, each a `Vec` sorted by
//! position, holding [`ByteSpan`]s into the view and indices into other layers (never
//! references), so a document can move freely between threads. Records map spans back to
//! the original ([`Document::original_span`]), so every offset a user sees points into the
//! text as read.

use crate::attribution::Attribution;
use crate::entities::Entity;
use crate::normalized::Alignment;
use crate::quotes::Quote;
use crate::text::ByteSpan;

/// One sentence: its span and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Half-open byte offsets into [`Document::text`], trimmed of white space.
    pub span: ByteSpan,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
}

/// An article and its layers.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The article's id as written in records (relative path without extension, or the stdin id).
    pub id: String,
    /// The decoded text exactly as read; every record's offsets point into it.
    pub original: String,
    /// The reading stage's view of `original`, which every later stage reads and every
    /// layer's spans point into (`original` itself until the reading stage runs).
    pub text: String,
    /// Where each byte of `text` came from in `original`.
    pub alignment: Alignment,
    /// Paragraphs (text between blank lines), trimmed, in order.
    pub paragraphs: Vec<ByteSpan>,
    /// Sentences in order; each lies inside its paragraph.
    pub sentences: Vec<Sentence>,
    /// Quotations, in order of their opening mark.
    pub quotes: Vec<Quote>,
    /// Named entities, in text order.
    pub entities: Vec<Entity>,
    /// Attributions (who said what), in order of their content.
    pub attributions: Vec<Attribution>,
}

impl Document {
    /// A document with no layers yet, its view the text as read.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let original: String = text.into();
        Document {
            id: id.into(),
            text: original.clone(),
            alignment: Alignment::identity(original.len()),
            original,
            ..Document::default()
        }
    }

    /// The text of a span of the view.
    pub fn slice(&self, span: ByteSpan) -> &str {
        &self.text[span.start..span.end]
    }

    /// The span of the original text that a span of the view came from.
    pub fn original_span(&self, span: ByteSpan) -> ByteSpan {
        self.alignment.original(span)
    }

    /// The original text of a span of the view: what a user finds at the record's offsets.
    pub fn original_slice(&self, span: ByteSpan) -> &str {
        let span = self.original_span(span);
        &self.original[span.start..span.end]
    }

    /// Index of the sentence that holds byte `at` (or the last one that starts before it).
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let after = self.sentences.partition_point(|s| s.span.start <= at);
        after.checked_sub(1)
    }
}
