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
    /// Quotations, in order of their opening mark; disjoint.
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

    /// Checks the promise every stage makes about its layer: each span is in order, inside
    /// the text and on char boundaries, so that [`Document::slice`] cannot panic. The fuzz
    /// targets and the property tests call it on whatever text they made up; the error names
    /// the first bad span and its layer.
    pub fn check_spans(&self) -> Result<(), String> {
        let sentences = self.sentences.iter().map(|s| ("sentence", s.span));
        let quotes = self
            .quotes
            .iter()
            .flat_map(|q| [("quote inner", q.inner), ("quote outer", q.outer)]);
        let entities = self.entities.iter().map(|e| ("entity", e.span));
        let attributions = self.attributions.iter().flat_map(|a| {
            let speaker = a.speaker.as_ref().map(|s| ("speaker", s.span));
            let cue = a.cue.map(|cue| ("cue", cue));
            [("content", a.content)]
                .into_iter()
                .chain(speaker)
                .chain(cue)
        });
        self.paragraphs
            .iter()
            .map(|&p| ("paragraph", p))
            .chain(sentences)
            .chain(quotes)
            .chain(entities)
            .chain(attributions)
            .try_for_each(|(layer, span)| self.check_span(span).map_err(|e| format!("{layer} {e}")))
    }

    fn check_span(&self, span: ByteSpan) -> Result<(), String> {
        let valid = span.start <= span.end
            && span.end <= self.text.len()
            && self.text.is_char_boundary(span.start)
            && self.text.is_char_boundary(span.end);
        if valid {
            return Ok(());
        }
        Err(format!(
            "span {}..{} is reversed, past the text's {} bytes or off a char boundary",
            span.start,
            span.end,
            self.text.len()
        ))
    }
}
