//! Named entities: the layer the NER stage adds, and the trait a tagger implements.
//!
//! The pipeline owns the batching: it gathers the sentences of many documents, calls
//! [`EntityTagger::tag_articles`] once per chunk, and maps each sentence-relative result back
//! to document byte offsets, so a tagger never sees a document, only which sentences belong
//! together.

use thiserror::Error;

pub use crate::document::{Entity, EntityType, Role, RoleSpan};
use crate::text::ByteSpan;

#[cfg(feature = "ner")]
pub mod allocator;
#[cfg(feature = "ner")]
pub mod bert;
pub mod eval;
#[cfg(feature = "ner")]
pub mod workers;

/// An entity found by a tagger, with byte offsets relative to the sentence it was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedEntity {
    /// Half-open byte offsets into the sentence string passed to [`EntityTagger::tag`].
    pub span: ByteSpan,
    /// Its class.
    pub kind: EntityType,
    /// The tagger's confidence in [0, 1].
    pub score: f32,
}

/// Why tagging failed.
#[derive(Debug, Error)]
pub enum NerError {
    /// The model folder or one of its files is missing or unreadable.
    #[error("NER model: {path}: {reason}")]
    Model {
        /// The file or folder at fault.
        path: String,
        /// What is wrong and how to fix it.
        reason: String,
    },
    /// The model ran but failed on this input.
    #[error("NER inference failed: {0}")]
    Inference(String),
}

/// A span a tagger's attribution head labelled with a role, with byte offsets relative to
/// the sentence it was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedRole {
    /// Half-open byte offsets into the sentence string.
    pub span: ByteSpan,
    /// Which part of an attribution it is.
    pub role: Role,
    /// The head's confidence in [0, 1].
    pub score: f32,
}

/// What a tagger found in one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaggedSentence {
    /// Its entities.
    pub entities: Vec<TaggedEntity>,
    /// Its attribution roles, from the same encoder pass; empty when the tagger has no
    /// attribution head or was not asked for roles.
    pub roles: Vec<TaggedRole>,
}

/// What a tagger found in each sentence of one article, in order.
pub type Tagged = Vec<TaggedSentence>;

/// Tags sentences with named entities. `Send`, so that `claimx serve` can hand the model to
/// the one thread that runs its batches.
pub trait EntityTagger: Send {
    /// One result per input sentence, in order; spans are byte offsets into that sentence.
    fn tag(&self, sentences: &[&str]) -> Result<Vec<Vec<TaggedEntity>>, NerError>;

    /// [`EntityTagger::tag`] with each sentence's attribution roles, when the tagger
    /// proposes them, from the same pass. The default proposes none.
    fn tag_sentences(&self, sentences: &[&str]) -> Result<Tagged, NerError> {
        Ok(self
            .tag(sentences)?
            .into_iter()
            .map(|entities| TaggedSentence {
                entities,
                roles: Vec::new(),
            })
            .collect())
    }

    /// One result per sentence of each article, in order. An article's sentences are never
    /// batched with another article's: an int8 model quantises its activations with one
    /// scale per forward pass, so batch-mates from other articles would change an article's
    /// entities with the folder it came in (on PolNeAR dev, 586 of 1,546 records differed
    /// between one run over the split and two over its halves). `tagged` is called as each
    /// article is done, so that progress can follow the slowest stage. The default tags each
    /// article with one [`EntityTagger::tag_sentences`] call.
    fn tag_articles(
        &self,
        articles: &[Vec<&str>],
        tagged: &(dyn Fn() + Sync),
    ) -> Result<Vec<Tagged>, NerError> {
        articles
            .iter()
            .map(|sentences| {
                let result = self.tag_sentences(sentences);
                tagged();
                result
            })
            .collect()
    }

    /// The model inputs (word pieces, or whatever the tagger's unit is) it has encoded so
    /// far, for throughput reports (`--timings`, the benchmarks); `None` when it does not
    /// count them.
    fn pieces_encoded(&self) -> Option<u64> {
        None
    }
}
