//! Runs the stages over a batch of documents.
//!
//! The rule stages are cheap and independent per document, so they run on rayon's pool.
//! The NER stage is one model shared by the whole process: it gets the sentences of the
//! whole batch in one call, so that the tagger can sort them by length and fill its batches
//! across articles, and it uses its own threads while the rule stages wait.
//!
//! NER costs far more than every rule stage together, and records only carry the entities
//! of contents and speakers. So by default ([`NerScope::Claims`]) a first, rules-only
//! attribution pass picks the sentences that hold a claim; only those are tagged, and the
//! attribution stage then runs again with the entities.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

use rayon::prelude::*;
use thiserror::Error;

use crate::attribution::confidence::{self, Table};
use crate::claims::{self, ClaimRecord};
use crate::document::Document;
use crate::entities::{Entity, EntityTagger, NerError, RoleSpan};
use crate::text::ByteSpan;
use crate::timings::{Stage, Timings};
use crate::{attribution, quotes, reading, sentences};

/// Articles run through [`Pipeline::run`] together by `claimx extract` (and at most, by
/// default, by `claimx serve`): enough to keep the tagging workers busy with whole articles,
/// few enough to keep memory flat and output flowing on a stream. Which articles share a run
/// changes nothing in their records: the tagger never batches one article's sentences with
/// another's ([`EntityTagger::tag_articles`]).
pub const BATCH_ARTICLES: usize = 64;

/// Which sentences the NER stage tags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NerScope {
    /// The sentences that hold a claim's content or speaker.
    #[default]
    Claims,
    /// Every sentence.
    All,
}

/// The stages, configured once per process.
#[derive(Default)]
pub struct Pipeline<'a> {
    /// The NER model; without one the entity layer stays empty.
    pub tagger: Option<&'a dyn EntityTagger>,
    /// Which sentences the tagger sees (every sentence when `attribution` uses the model).
    pub scope: NerScope,
    /// Where claims come from: the rules, the tagger's attribution head, or both. Any mode
    /// but the rules needs a tagger loaded with its attribution head.
    pub attribution: attribution::Mode,
    /// Where each stage's time is added up, when the caller wants to know.
    pub timings: Option<&'a Timings>,
    /// The confidence table; `None` for the one fitted on PolNeAR train, shipped in the
    /// binary. Another is given only while a new one is fitted.
    pub confidence: Option<&'a Table>,
    /// Told of each document's result as soon as it is ready, on the worker thread that
    /// finished it (so in no particular order): progress counts articles as they finish
    /// instead of a batch at a time. It only observes; [`Pipeline::run`] still returns every
    /// result in input order.
    pub finished: Option<&'a (dyn Fn(&DocResult) + Sync)>,
    /// Told as the NER stage finishes each document's entities, on the worker that tagged
    /// it: with NER on, the documents of a batch all finish right after the batch's one
    /// tagging call, so progress follows this, the slow stage, instead.
    pub tagged: Option<&'a (dyn Fn() + Sync)>,
}

/// What a document gave: its records, and warnings about input the stages recovered from.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The claim records, in text order.
    pub records: Vec<ClaimRecord>,
    /// Problems in the text that cost at most a claim, such as a quotation never closed.
    pub warnings: Vec<String>,
}

/// Why one document gave no records. Either way only that document is lost: the batch and
/// the process go on.
#[derive(Debug, Error)]
pub enum StageError {
    /// The NER model failed on this document.
    #[error(transparent)]
    Ner(#[from] NerError),
    /// A stage panicked on this document: a bug in claimx, caught so that it costs one article.
    #[error("internal error in the {stage} stage ({message}); please report it with this article")]
    Internal {
        /// The stage that failed.
        stage: &'static str,
        /// The panic's message and place.
        message: String,
    },
}

/// One document's result, or why it failed.
pub type DocResult = Result<Extracted, StageError>;

impl Pipeline<'_> {
    /// Runs every stage over `docs` and returns each document's records, in input order.
    pub fn run(&self, docs: Vec<Document>) -> Vec<DocResult> {
        let (timings, finished) = (self.timings, self.finished);
        self.annotate_all(docs)
            .into_par_iter()
            .map(|doc| {
                let result = doc.and_then(|doc| {
                    guarded("records", || {
                        timed(timings, Stage::Records, || Extracted {
                            records: claims::records(&doc),
                            warnings: warnings(&doc),
                        })
                    })
                });
                if let Some(finished) = finished {
                    finished(&result);
                }
                result
            })
            .collect()
    }

    /// Runs every stage over one document and returns it with all its layers.
    pub fn annotate(&self, doc: Document) -> Result<Document, StageError> {
        self.annotate_all(vec![doc])
            .pop()
            .expect("one result per document")
    }

    /// Runs every stage over `docs`, in order, each document guarded on its own.
    fn annotate_all(&self, docs: Vec<Document>) -> Vec<Result<Document, StageError>> {
        // With NER scoped to claims, a first rules-only attribution picks what to tag.
        let first_attribution = self.tagger.is_none() || self.scope() == NerScope::Claims;
        let timings = self.timings;
        let table = self.confidence.unwrap_or(&confidence::FITTED);
        let mode = self.attribution;
        let docs: Vec<Result<Document, StageError>> = docs
            .into_par_iter()
            .map(|mut doc| {
                guarded("sentence and quotation", || prepare(timings, &mut doc))?;
                if first_attribution {
                    let rules = attribution::Mode::Rules;
                    guarded("attribution", || attribute(timings, table, rules, &mut doc))?;
                }
                Ok(doc)
            })
            .collect();
        let Some(tagger) = self.tagger else {
            return docs;
        };
        self.tag_guarded(tagger, docs)
            .into_par_iter()
            .map(|doc| {
                let mut doc = doc?;
                guarded("attribution", || attribute(timings, table, mode, &mut doc))?;
                Ok(doc)
            })
            .collect()
    }

    /// Tags the documents that are still good in one call. A failure or a panic on the batch
    /// is retried document by document, so that only the documents that really fail are lost.
    fn tag_guarded(
        &self,
        tagger: &dyn EntityTagger,
        slots: Vec<Result<Document, StageError>>,
    ) -> Vec<Result<Document, StageError>> {
        let mut failures = Vec::with_capacity(slots.len());
        let mut docs = Vec::with_capacity(slots.len());
        for slot in slots {
            match slot {
                Ok(doc) => {
                    failures.push(None);
                    docs.push(doc);
                }
                Err(err) => failures.push(Some(err)),
            }
        }
        let batch = guarded("entity", || self.tag_timed(tagger, &mut docs));
        let tagged: Vec<Result<(), StageError>> = match batch {
            Ok(Ok(())) => docs.iter().map(|_| Ok(())).collect(),
            _ => docs
                .iter_mut()
                .map(|doc| {
                    let one = std::slice::from_mut(doc);
                    guarded("entity", || self.tag_timed(tagger, one))?.map_err(Into::into)
                })
                .collect(),
        };
        let mut good = docs.into_iter().zip(tagged);
        failures
            .into_iter()
            .map(|failure| match failure {
                Some(err) => Err(err),
                None => {
                    let (doc, tagged) = good.next().expect("one tagging result per document");
                    tagged.map(|()| doc)
                }
            })
            .collect()
    }
}

impl Pipeline<'_> {
    /// The sentences the tagger sees: every one when the attribution head proposes claims,
    /// which can lie in sentences where no rule found one.
    fn scope(&self) -> NerScope {
        if self.attribution.uses_model() {
            NerScope::All
        } else {
            self.scope
        }
    }

    /// [`tag_entities`], with its time and sentences added to the run's timings.
    fn tag_timed(&self, tagger: &dyn EntityTagger, docs: &mut [Document]) -> Result<(), NerError> {
        let tagged = timed(self.timings, Stage::Entities, || {
            tag_entities(tagger, docs, self.scope(), self.tagged.unwrap_or(&|| {}))
        })?;
        if let Some(timings) = self.timings {
            timings.add_tagged(tagged);
        }
        Ok(())
    }
}

/// Runs `work`, adding its time to `stage` when the run is timed.
fn timed<T>(timings: Option<&Timings>, stage: Stage, work: impl FnOnce() -> T) -> T {
    match timings {
        Some(timings) => timings.time(stage, work),
        None => work(),
    }
}

/// The stages before NER: reading, sentences and quotations.
fn prepare(timings: Option<&Timings>, doc: &mut Document) {
    timed(timings, Stage::Reading, || reading::read(doc));
    timed(timings, Stage::Sentences, || sentences::split(doc));
    timed(timings, Stage::Quotes, || quotes::detect(doc));
}

fn attribute(
    timings: Option<&Timings>,
    table: &Table,
    mode: attribution::Mode,
    doc: &mut Document,
) {
    timed(timings, Stage::Attribution, || {
        attribution::attribute_with(doc, table, mode)
    });
}

/// Runs one stage on one document, turning a panic into that document's [`StageError`].
fn guarded<T>(stage: &'static str, run: impl FnOnce() -> T) -> Result<T, StageError> {
    panic::catch_unwind(AssertUnwindSafe(run)).map_err(|payload| StageError::Internal {
        stage,
        message: panic_message(payload.as_ref()),
    })
}

thread_local! {
    /// The place of the last panic on this thread, kept by [`capture_panic_places`].
    static PANIC_PLACE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the default panic report on standard error by a note of the panic's place, which
/// a caught panic's [`StageError`] then names: a process that goes on after a stage fails on
/// one article should report it once, as that article's error, not as a crash.
pub fn capture_panic_places() {
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        PANIC_PLACE.with(|p| *p.borrow_mut() = place);
    }));
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into());
    match PANIC_PLACE.with(|p| p.borrow_mut().take()) {
        Some(place) => format!("{text}, at {place}"),
        None => text,
    }
}

/// Says where a quotation mark was never closed: the quotes stage recovered (the quotation
/// ends with its line), but the article may have lost a claim there and the user may want to
/// fix the text.
fn warnings(doc: &Document) -> Vec<String> {
    let mut place = Place::default();
    doc.quotes
        .iter()
        .filter(|quote| !quote.closed)
        .map(|quote| {
            let at = doc.original_span(quote.outer).start;
            let (line, column) = place.advance(&doc.original, at);
            format!(
                "warning: the quotation mark at line {line}, column {column} is never closed; \
                 the quotation was taken to end with its paragraph (add the closing mark to fix)"
            )
        })
        .collect()
}

/// The line and column (from 1, in characters) of increasing offsets into one text, each
/// counted on from the one before: the warnings of a text cost one pass over it, not one
/// each (a text can have thousands of unclosed quotations). `\n`, `\r\n` and a lone `\r`
/// each end a line, as in an editor.
struct Place {
    at: usize,
    line: usize,
    column: usize,
}

impl Default for Place {
    fn default() -> Self {
        Place {
            at: 0,
            line: 1,
            column: 1,
        }
    }
}

impl Place {
    /// Moves on to byte `to` (a char boundary, not before the last one) and returns its place.
    fn advance(&mut self, text: &str, to: usize) -> (usize, usize) {
        let passed = &text[self.at..to];
        match passed.rfind(['\n', '\r']) {
            Some(last) => {
                self.line += passed.matches('\n').count() + passed.matches('\r').count()
                    - passed.matches("\r\n").count();
                self.column = 1 + passed[last + 1..].chars().count();
            }
            None => self.column += passed.chars().count(),
        }
        self.at = to;
        (self.line, self.column)
    }
}

/// The sentences of `doc` to tag, in order.
fn sentences_to_tag(doc: &Document, scope: NerScope) -> Vec<ByteSpan> {
    let all = doc.sentences.iter().map(|s| s.span);
    match scope {
        NerScope::All => all.collect(),
        NerScope::Claims => {
            let claimed = claimed_sentences(doc);
            all.zip(claimed)
                .filter_map(|(s, c)| c.then_some(s))
                .collect()
        }
    }
}

/// For each sentence, whether a claim's content or speaker overlaps it. Each span adds one
/// to the count of the first sentence it overlaps and takes one off after the last, so a
/// running sum answers for every sentence in one pass, however many claims there are.
fn claimed_sentences(doc: &Document) -> Vec<bool> {
    let sentences = &doc.sentences;
    let mut changes = vec![0i64; sentences.len() + 1];
    let spans = doc
        .attributions
        .iter()
        .flat_map(|a| std::iter::once(a.content).chain(a.speaker.as_ref().map(|s| s.span)));
    for span in spans {
        let first = sentences.partition_point(|s| s.span.end <= span.start);
        let after = sentences.partition_point(|s| s.span.start < span.end);
        if first < after {
            changes[first] += 1;
            changes[after] -= 1;
        }
    }
    changes
        .iter()
        .take(sentences.len())
        .scan(0, |open, change| {
            *open += change;
            Some(*open > 0)
        })
        .collect()
}

/// Tags the chosen sentences of `docs` in one call and stores the entities in document
/// offsets. Returns how many sentences were tagged.
pub fn tag_entities(
    tagger: &dyn EntityTagger,
    docs: &mut [Document],
    scope: NerScope,
    tagged: &(dyn Fn() + Sync),
) -> Result<usize, NerError> {
    let chosen: Vec<Vec<ByteSpan>> = docs
        .iter()
        .map(|doc| sentences_to_tag(doc, scope))
        .collect();
    let texts: Vec<Vec<&str>> = docs
        .iter()
        .zip(&chosen)
        .map(|(doc, spans)| spans.iter().map(|&span| doc.slice(span)).collect())
        .collect();
    let count = chosen.iter().map(Vec::len).sum();
    let results = tagger.tag_articles(&texts, tagged)?;
    let counts_match =
        results.len() == texts.len() && results.iter().zip(&texts).all(|(t, s)| t.len() == s.len());
    if !counts_match {
        return Err(NerError::Inference(format!(
            "the tagger returned {} results for {} sentences",
            results.iter().map(Vec::len).sum::<usize>(),
            count
        )));
    }
    for ((doc, spans), tagged) in docs.iter_mut().zip(chosen).zip(results) {
        let mut entities = Vec::new();
        let mut roles = Vec::new();
        for (sentence, found) in spans.into_iter().zip(tagged) {
            for entity in found.entities {
                entities.push(Entity {
                    span: in_document(doc, sentence, entity.span)?,
                    kind: entity.kind,
                    score: entity.score,
                });
            }
            for role in found.roles {
                roles.push(RoleSpan {
                    span: in_document(doc, sentence, role.span)?,
                    role: role.role,
                    score: role.score,
                });
            }
        }
        // The layers are in text order (the speakers and records search them), whatever
        // order the tagger gave a sentence's spans in.
        entities.sort_by_key(|e| e.span.start);
        roles.sort_by_key(|r| r.span.start);
        doc.entities = entities;
        doc.roles = roles;
    }
    Ok(count)
}

/// Moves a span relative to `sentence` into document offsets, checking that it stays inside
/// the sentence and on char boundaries: a tagger's offsets are never trusted blindly.
fn in_document(doc: &Document, sentence: ByteSpan, span: ByteSpan) -> Result<ByteSpan, NerError> {
    let moved = ByteSpan::new(sentence.start + span.start, sentence.start + span.end);
    let valid = moved.end <= sentence.end
        && doc.text.is_char_boundary(moved.start)
        && doc.text.is_char_boundary(moved.end);
    if valid {
        Ok(moved)
    } else {
        Err(NerError::Inference(format!(
            "the tagger returned an entity off its sentence ({}..{})",
            span.start, span.end
        )))
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::entities::{EntityType, TaggedEntity};

    /// Tags every occurrence of a few known words and remembers what it was asked: a
    /// stand-in for plumbing tests only (the real model has its own tests).
    struct WordTagger {
        seen: RefCell<Vec<String>>,
    }

    impl EntityTagger for WordTagger {
        fn tag(&self, sentences: &[&str]) -> Result<Vec<Vec<TaggedEntity>>, NerError> {
            self.seen
                .borrow_mut()
                .extend(sentences.iter().map(|s| s.to_string()));
            if sentences.iter().any(|s| s.contains("BROKEN")) {
                return Err(NerError::Inference("cannot tag BROKEN".into()));
            }
            Ok(sentences
                .iter()
                .map(|s| {
                    [
                        ("Washington", EntityType::Loc),
                        ("Delgado", EntityType::Per),
                    ]
                    .iter()
                    .flat_map(|&(word, kind)| {
                        s.match_indices(word).map(move |(at, _)| TaggedEntity {
                            span: ByteSpan::new(at, at + word.len()),
                            kind,
                            score: 0.9,
                        })
                    })
                    .collect()
                })
                .collect())
        }
    }

    const TEXT: &str = "The weather in Washington was mild.\n\n\"We will meet in Washington,\" said Maria Delgado.";

    fn tagger() -> WordTagger {
        WordTagger {
            seen: RefCell::new(Vec::new()),
        }
    }

    #[test]
    fn only_claim_sentences_are_tagged_by_default_and_entities_reach_the_records() {
        let tagger = tagger();
        let pipeline = Pipeline {
            tagger: Some(&tagger),
            ..Pipeline::default()
        };
        let results = pipeline.run(vec![Document::new("a", TEXT)]);
        assert_eq!(
            *tagger.seen.borrow(),
            ["\"We will meet in Washington,\" said Maria Delgado."]
        );
        let records = results.into_iter().next().unwrap().unwrap().records;
        let claim = records
            .iter()
            .find(|r| r.content.text.contains("meet"))
            .unwrap();
        assert_eq!(claim.entities.len(), 1);
        let entity = &claim.entities[0];
        assert_eq!(
            (entity.text.as_str(), entity.kind),
            ("Washington", EntityType::Loc)
        );
        assert_eq!(
            &TEXT[TEXT.rfind("Washington").unwrap()..][..10],
            entity.text
        );
    }

    #[test]
    fn scope_all_tags_every_sentence_in_document_offsets() {
        let tagger = tagger();
        let timings = Timings::default();
        let pipeline = Pipeline {
            tagger: Some(&tagger),
            scope: NerScope::All,
            timings: Some(&timings),
            ..Pipeline::default()
        };
        let doc = pipeline.annotate(Document::new("a", TEXT)).unwrap();
        assert_eq!(timings.tagged(), doc.sentences.len() as u64);
        assert!(timings.get(Stage::Sentences) > std::time::Duration::ZERO);
        assert_eq!(tagger.seen.borrow().len(), 2);
        let texts: Vec<&str> = doc.entities.iter().map(|e| doc.slice(e.span)).collect();
        assert_eq!(texts, ["Washington", "Washington", "Delgado"]);
    }

    #[test]
    fn an_unclosed_quotation_is_warned_about_with_its_place() {
        let text = "Intro line.\n\nHe said: \u{201c}We will win.\n\nMaria Delgado said the plan was sound.";
        let results = Pipeline::default().run(vec![Document::new("a", text)]);
        let extracted = results.into_iter().next().unwrap().unwrap();
        assert_eq!(extracted.warnings.len(), 1, "{:?}", extracted.warnings);
        assert!(
            extracted.warnings[0].contains("line 3, column 10"),
            "{:?}",
            extracted.warnings
        );
        assert!(extracted
            .records
            .iter()
            .any(|r| r.content.text == "the plan was sound"));
    }

    #[test]
    fn places_counted_on_match_places_counted_from_the_start() {
        let text = "ab\r\nc\u{e9}d\n\n\u{201c}x\ry\rz";
        let mut place = Place::default();
        // Every char boundary but the one inside a CRLF, where no mark can stand.
        let places = text
            .char_indices()
            .filter(|&(at, _)| !(text[..at].ends_with('\r') && text[at..].starts_with('\n')));
        for (at, _) in places {
            let before = &text[..at];
            let ends = before.matches('\n').count() + before.matches('\r').count()
                - before.matches("\r\n").count();
            let line_start = before.rfind(['\n', '\r']).map_or(0, |end| end + 1);
            let column = 1 + before[line_start..].chars().count();
            assert_eq!(place.advance(text, at), (1 + ends, column), "byte {at}");
        }
    }

    #[test]
    fn the_finished_hook_hears_of_every_document_once_and_order_is_kept() {
        let tagger = tagger();
        let heard = std::sync::Mutex::new(Vec::new());
        let hook = |result: &DocResult| {
            let outcome = result.as_ref().map(|r| r.records.len()).map_err(|_| ());
            heard.lock().unwrap().push(outcome);
        };
        let pipeline = Pipeline {
            tagger: Some(&tagger),
            scope: NerScope::All,
            finished: Some(&hook),
            ..Pipeline::default()
        };
        let docs = vec![
            Document::new("a", TEXT),
            Document::new("b", "\"This is BROKEN,\" said Maria Delgado."),
            Document::new("c", "Nothing is said here."),
        ];
        let results = pipeline.run(docs);
        let mut heard = heard.into_inner().unwrap();
        heard.sort();
        let mut returned: Vec<Result<usize, ()>> = results
            .iter()
            .map(|r| r.as_ref().map(|r| r.records.len()).map_err(|_| ()))
            .collect();
        assert!(
            matches!(returned[..], [Ok(n), Err(()), Ok(0)] if n > 0),
            "{returned:?}"
        );
        returned.sort();
        assert_eq!(heard, returned);
    }

    #[test]
    fn a_tagger_failure_costs_only_the_document_it_fails_on() {
        let tagger = tagger();
        let pipeline = Pipeline {
            tagger: Some(&tagger),
            scope: NerScope::All,
            ..Pipeline::default()
        };
        let docs = vec![
            Document::new("a", TEXT),
            Document::new("b", "\"This is BROKEN,\" said Maria Delgado."),
            Document::new("c", TEXT),
        ];
        let results = pipeline.run(docs);
        assert!(results[0].as_ref().is_ok_and(|r| !r.records.is_empty()));
        assert!(matches!(
            results[1],
            Err(StageError::Ner(NerError::Inference(_)))
        ));
        assert!(results[2].as_ref().is_ok_and(|r| !r.records.is_empty()));
    }
}
