//! Named entities: the layer the NER stage adds, and the trait a tagger implements.
//!
//! The pipeline owns the batching: it gathers sentences from many documents, calls
//! [`EntityTagger::tag`] once per chunk, and maps each sentence-relative result back to
//! document byte offsets, so a tagger never sees a document.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text::ByteSpan;

#[cfg(feature = "ner")]
pub mod bert;
pub mod eval;
#[cfg(feature = "ner")]
pub mod workers;

/// The entity classes of CoNLL-03, which the shipped model and `--ner-model` checkpoints use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation (agencies, outlets, parties, companies).
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
    /// Anything else with a name (nationalities, events, works).
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// The label as written in output ("PER", "ORG", "LOC", "MISC").
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses a label, with or without a BIO prefix, in CoNLL or CoreNLP spelling.
    pub fn from_label(label: &str) -> Option<EntityType> {
        let bare = label
            .strip_prefix("B-")
            .or_else(|| label.strip_prefix("I-"))
            .or_else(|| label.strip_prefix("E-"))
            .or_else(|| label.strip_prefix("S-"))
            .unwrap_or(label);
        match bare {
            "PER" | "PERSON" => Some(EntityType::Per),
            "ORG" | "ORGANIZATION" => Some(EntityType::Org),
            "LOC" | "LOCATION" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// A named entity in a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entity {
    /// Half-open byte offsets into [`crate::document::Document::text`].
    pub span: ByteSpan,
    /// Its class.
    pub kind: EntityType,
    /// The tagger's confidence in [0, 1].
    pub score: f32,
}

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

/// Tags sentences with named entities.
pub trait EntityTagger {
    /// One result per input sentence, in order; spans are byte offsets into that sentence.
    fn tag(&self, sentences: &[&str]) -> Result<Vec<Vec<TaggedEntity>>, NerError>;
}
