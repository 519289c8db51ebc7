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
    /// Quotations, in order of their opening mark.
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
