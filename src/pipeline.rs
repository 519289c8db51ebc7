//! Runs the stages over a batch of documents.
//!
//! The rule stages are cheap and independent per document, so they run on rayon's pool.
//! The NER stage is one model shared by the whole process: it gets every sentence of the
//! batch in one call, so that the tagger can sort them by length and fill its batches
//! across articles, and it uses its own threads while the rule stages wait.

use rayon::prelude::*;

use crate::claims::{self, ClaimRecord};
use crate::document::Document;
use crate::entities::{Entity, EntityTagger, NerError};
use crate::text::ByteSpan;
use crate::{attribution, quotes, sentences};

/// The stages, configured once per process.
#[derive(Default)]
pub struct Pipeline<'a> {
    /// The NER model; without one the entity layer stays empty.
    pub tagger: Option<&'a dyn EntityTagger>,
}

/// One document's result: its records, or why its entities could not be tagged.
pub type DocResult = Result<Vec<ClaimRecord>, NerError>;

impl Pipeline<'_> {
    /// Runs every stage over `docs` and returns each document's records, in input order.
    ///
    /// A tagger failure on the batch is retried document by document, so that only the
    /// documents that really fail lose their records.
    pub fn run(&self, mut docs: Vec<Document>) -> Vec<DocResult> {
        docs.par_iter_mut().for_each(prepare);
        let tagged: Vec<Result<(), NerError>> = match self.tagger {
            None => docs.iter().map(|_| Ok(())).collect(),
            Some(tagger) => match tag_entities(tagger, &mut docs) {
                Ok(()) => docs.iter().map(|_| Ok(())).collect(),
                Err(_) => docs
                    .iter_mut()
                    .map(|doc| tag_entities(tagger, std::slice::from_mut(doc)))
                    .collect(),
            },
        };
        docs.into_par_iter()
            .zip(tagged)
            .map(|(mut doc, tagged)| {
                tagged?;
                attribution::attribute(&mut doc);
                Ok(claims::records(&doc))
            })
            .collect()
    }

    /// Runs every stage over one document and returns it with all its layers.
    pub fn annotate(&self, mut doc: Document) -> Result<Document, NerError> {
        prepare(&mut doc);
        if let Some(tagger) = self.tagger {
            tag_entities(tagger, std::slice::from_mut(&mut doc))?;
        }
        attribution::attribute(&mut doc);
        Ok(doc)
    }
}

/// The stages before NER: sentences and quotations.
fn prepare(doc: &mut Document) {
    sentences::split(doc);
    quotes::detect(doc);
}

/// Tags every sentence of `docs` in one call and stores the entities in document offsets.
pub fn tag_entities(tagger: &dyn EntityTagger, docs: &mut [Document]) -> Result<(), NerError> {
    let texts: Vec<&str> = docs
        .iter()
        .flat_map(|doc| doc.sentences.iter().map(|s| doc.slice(s.span)))
        .collect();
    let mut tagged = tagger.tag(&texts)?.into_iter();
    for doc in docs.iter_mut() {
        let mut entities = Vec::new();
        for sentence in &doc.sentences {
            let found = tagged.next().ok_or_else(|| {
                NerError::Inference("the tagger returned fewer results than sentences".into())
            })?;
            for entity in found {
                let span = ByteSpan::new(
                    sentence.span.start + entity.span.start,
                    sentence.span.start + entity.span.end,
                );
                if span.end > sentence.span.end
                    || !doc.text.is_char_boundary(span.start)
                    || !doc.text.is_char_boundary(span.end)
                {
                    return Err(NerError::Inference(format!(
                        "the tagger returned an entity off the sentence ({}..{})",
                        entity.span.start, entity.span.end
                    )));
                }
                entities.push(Entity {
                    span,
                    kind: entity.kind,
                    score: entity.score,
                });
            }
        }
        doc.entities = entities;
    }
    Ok(())
}
