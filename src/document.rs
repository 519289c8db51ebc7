//! The one carrier type: a [`Document`] owns an article's text and every layer the stages add.
//!
//! Stages never change `text`; they read earlier layers and push their own, each a `Vec`
//! sorted by position, holding [`ByteSpan`]s into the original text and indices into
//! other layers (never references), so a document can move freely between threads.

use crate::attribution::Attribution;
use crate::entities::Entity;
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
    /// The decoded text exactly as read; every span points into it.
    pub text: String,
    /// Paragraphs (text between blank lines), trimmed, in order.
    pub paragraphs: Vec<ByteSpan>,
    /// Sentences in order; each lies inside its paragraph.
    pub sentences: Vec<Sentence>,
    /// Quotations, in order of their opening mark; disjoint.
    pub quotes: Vec<Quote>,
    /// Named entities, in text order.
    pub entities: Vec<Entity>,
    /// Attributions (who said what), in order of their content.
    pub attributions: Vec<Attribution>,
}

impl Document {
    /// A document with no layers yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: ByteSpan) -> &str {
        &self.text[span.start..span.end]
    }

    /// Index of the sentence that holds byte `at` (or the last one that starts before it).
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let after = self.sentences.partition_point(|s| s.span.start <= at);
        after.checked_sub(1)
    }
}
