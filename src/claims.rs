//! Claim records, version 2: the output format, one JSON object per line. Version 2 adds
//! the content's `parts` (and makes the content's `text` their join), the cue's class, the
//! rule that found the claim, the speaker's role, and the article's `appearance` and `date`;
//! every field of version 1 keeps its meaning.
//!
//! A record is built from one [`Attribution`] of a finished [`Document`]. This is the only
//! place byte offsets become code-point offsets (through one [`CharIndex`] per document), so
//! that for every span `text[start:end]` in Python gives back the span's `text`.

use serde::{Deserialize, Serialize};

use crate::attribution::{Act, Attribution, ClaimKind, ResolvedBy, Rule};
use crate::document::Document;
use crate::entities::{Entity, EntityType};
use crate::text::{ByteSpan, CharIndex};

/// A span of the article: its text and code-point offsets (end exclusive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanRecord {
    /// The article's text between `start` and `end`.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// What was claimed: the whole span, and the parts that are the speaker's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentRecord {
    /// The parts' texts joined with one space: the speaker's words without the narration
    /// that interrupts them (the article's text from `start` to `end` when there is one part).
    pub text: String,
    /// First code point of the first part.
    pub start: usize,
    /// One past the last code point of the last part.
    pub end: usize,
    /// The content's parts, in text order: one, or two when the claim's own attribution
    /// stands inside it ("It is the worst start," Okafor told reporters. "Some families...").
    /// Records written before parts existed read as one part covering `start..end`.
    #[serde(default)]
    pub parts: Vec<SpanRecord>,
}

impl ContentRecord {
    /// The parts as `(start, end)` code points; the whole span for a record without parts.
    pub fn part_spans(&self) -> Vec<(usize, usize)> {
        if self.parts.is_empty() {
            vec![(self.start, self.end)]
        } else {
            self.parts.iter().map(|p| (p.start, p.end)).collect()
        }
    }
}

/// The speaker's entity class; `UNK` when no entity covers the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeakerType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation.
    #[serde(rename = "ORG")]
    Org,
    /// A place (a country or capital speaking for its government).
    #[serde(rename = "LOC")]
    Loc,
    /// Another named thing.
    #[serde(rename = "MISC")]
    Misc,
    /// Not known.
    #[serde(rename = "UNK")]
    Unk,
}

impl From<Option<EntityType>> for SpeakerType {
    fn from(kind: Option<EntityType>) -> Self {
        match kind {
            Some(EntityType::Per) => SpeakerType::Per,
            Some(EntityType::Org) => SpeakerType::Org,
            Some(EntityType::Loc) => SpeakerType::Loc,
            Some(EntityType::Misc) => SpeakerType::Misc,
            None => SpeakerType::Unk,
        }
    }
}

/// Who made the claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRecord {
    /// The mention's text as written ("Ushakov", "he", "the agency").
    pub text: String,
    /// First code point of the mention.
    pub start: usize,
    /// One past the last code point of the mention.
    pub end: usize,
    /// The resolved full name ("Yury Ushakov").
    pub name: String,
    /// The speaker's entity class.
    #[serde(rename = "type")]
    pub kind: SpeakerType,
    /// Which rule decided `name`.
    pub resolved_by: ResolvedBy,
    /// The title or role the article gives the speaker ("Putin aide", "Kremlin
    /// spokesman"), here or at an earlier mention of the same name; `null` when none.
    #[serde(default)]
    pub role: Option<String>,
}

/// A named entity inside the claim's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// The entity's text.
    pub text: String,
    /// Its class.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The tagger's confidence in [0, 1], rounded to 3 decimals.
    pub score: f64,
}

/// One claim record (version 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    /// The article's id: its path relative to the input root without extension, or the stdin id.
    pub article: String,
    /// Where the article appeared: its input's `url`, or its file's path as given (joined
    /// with its path inside a folder); `None` when the input says neither. Records written
    /// before the field existed read as `None`.
    #[serde(default)]
    pub appearance: Option<String>,
    /// The article's date as its input gives it, unparsed; `None` when not given.
    #[serde(default)]
    pub date: Option<String>,
    /// `<article>#<n>`, n counting the article's records from 1 in text order.
    pub id: String,
    /// How the claim is reported.
    pub kind: ClaimKind,
    /// Who made the claim, when found.
    pub speaker: Option<SpeakerRecord>,
    /// The reporting verb or phrase, when there is one.
    pub cue: Option<SpanRecord>,
    /// What kind of act the cue reports (`statement` for a quotation without a cue).
    /// `None` only in records of version 1 (another tool's, or claimx's before version 2)
    /// read back by `claimx eval`: claimx writes it on every record.
    #[serde(default)]
    pub cue_class: Option<Act>,
    /// What was claimed.
    pub content: ContentRecord,
    /// Named entities inside the content.
    pub entities: Vec<EntityRecord>,
    /// Index of the sentence where the content starts.
    pub sentence: usize,
    /// Index of that sentence's paragraph.
    pub paragraph: usize,
    /// Id of the claim whose content holds this one.
    pub parent: Option<String>,
    /// How likely the record is right, in [0, 1], rounded to 3 decimals: the precision on
    /// PolNeAR train of claims found by the same rule, of the same kind, whose speaker was
    /// resolved the same way.
    pub confidence: f64,
    /// The rule that found the claim. `None` only in records of version 1 read back by
    /// `claimx eval`, which then leaves them out of the calibration and the by-rule table.
    #[serde(default)]
    pub rule: Option<Rule>,
}

impl ClaimRecord {
    /// Checks the record against its article's `text`: every span's `start <= end <=` the
    /// text's length in code points, and its `text` is the text between them, the promise a
    /// reader slicing in Python relies on. The fuzz targets and the property tests call it;
    /// the error names the first bad span.
    pub fn check_spans(&self, text: &str) -> Result<(), String> {
        let speaker = self
            .speaker
            .as_ref()
            .map(|s| ("speaker", s.start, s.end, s.text.as_str()));
        let cue = self
            .cue
            .as_ref()
            .map(|c| ("cue", c.start, c.end, c.text.as_str()));
        let entities = self
            .entities
            .iter()
            .map(|e| ("entity", e.start, e.end, e.text.as_str()));
        let content = &self.content;
        let joined = content
            .parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let bounds = (
            content.parts.first().map(|p| p.start),
            content.parts.last().map(|p| p.end),
        );
        if joined != content.text || bounds != (Some(content.start), Some(content.end)) {
            return Err(format!(
                "{}: content {:?} is not its parts joined, or does not span them",
                self.id, content.text
            ));
        }
        let parts = content
            .parts
            .iter()
            .map(|p| ("content part", p.start, p.end, p.text.as_str()));
        let chars = text.chars().count();
        parts
            .chain(speaker)
            .chain(cue)
            .chain(entities)
            .try_for_each(|(what, start, end, said)| {
                let sliced = (start <= end && end <= chars).then(|| {
                    text.chars()
                        .skip(start)
                        .take(end - start)
                        .collect::<String>()
                });
                match sliced {
                    Some(sliced) if sliced == said => Ok(()),
                    _ => Err(format!(
                        "{}: {what} {start}..{end} {said:?} is not that slice of the text's \
                         {chars} code points",
                        self.id
                    )),
                }
            })
    }
}

/// The records of a finished document, in the order of its attributions.
pub fn records(doc: &Document) -> Vec<ClaimRecord> {
    let index = CharIndex::new(&doc.original);
    let id = |n: usize| format!("{}#{}", doc.id, n + 1);
    doc.attributions
        .iter()
        .enumerate()
        .map(|(n, attribution)| record(doc, &index, attribution, id(n), attribution.parent.map(id)))
        .collect()
}

fn record(
    doc: &Document,
    index: &CharIndex,
    attribution: &Attribution,
    id: String,
    parent: Option<String>,
) -> ClaimRecord {
    let span = |span: ByteSpan| {
        let original = doc.original_span(span);
        let chars = index.span(original);
        SpanRecord {
            text: doc.original[original.start..original.end].to_owned(),
            start: chars.start,
            end: chars.end,
        }
    };
    let sentence = doc.sentence_at(attribution.content.start).unwrap_or(0);
    ClaimRecord {
        article: doc.id.clone(),
        appearance: doc.meta.appearance.clone(),
        date: doc.meta.date.clone(),
        id,
        kind: attribution.kind,
        speaker: attribution.speaker.as_ref().map(|speaker| {
            let SpanRecord { text, start, end } = span(speaker.span);
            SpeakerRecord {
                text,
                start,
                end,
                name: speaker.name.clone(),
                kind: speaker.kind.into(),
                resolved_by: speaker.resolved_by,
                role: speaker.role.clone(),
            }
        }),
        cue: attribution.cue.map(span),
        cue_class: Some(attribution.act),
        content: content(attribution, span),
        entities: attribution
            .parts
            .iter()
            .flat_map(|&part| entities_in(doc, part))
            .map(|entity| {
                let SpanRecord { text, start, end } = span(entity.span);
                EntityRecord {
                    text,
                    kind: entity.kind,
                    start,
                    end,
                    score: round3(entity.score),
                }
            })
            .collect(),
        sentence,
        paragraph: doc.sentences.get(sentence).map_or(0, |s| s.paragraph),
        parent,
        confidence: round3(attribution.confidence.clamp(0.0, 1.0)),
        rule: Some(attribution.rule),
    }
}

/// The content record of `attribution`, its spans made by `span`.
fn content(attribution: &Attribution, span: impl Fn(ByteSpan) -> SpanRecord) -> ContentRecord {
    let parts: Vec<SpanRecord> = attribution.parts.iter().map(|&p| span(p)).collect();
    let text = parts
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    ContentRecord {
        text,
        start: parts.first().map_or(0, |p| p.start),
        end: parts.last().map_or(0, |p| p.end),
        parts,
    }
}

/// The entities inside `span`, in text order. The layer is sorted by start, so only the
/// entities that start inside `span` are looked at, not every entity of the document.
fn entities_in(doc: &Document, span: ByteSpan) -> impl Iterator<Item = &Entity> {
    let from = doc.entities.partition_point(|e| e.span.start < span.start);
    doc.entities[from..]
        .iter()
        .take_while(move |e| e.span.start < span.end)
        .filter(move |e| span.contains(e.span))
}

/// A score as written: 3 decimals are all a threshold needs, and `0.776` reads better than
/// the `0.7760000228881836` an `f32` becomes.
pub fn round3(value: f32) -> f64 {
    (f64::from(value) * 1000.0).round() / 1000.0
}

/// The JSON Schema (draft 2020-12) of a claim record, as printed by `claimx schema`.
pub fn schema() -> serde_json::Value {
    let span = |what: &str| {
        serde_json::json!({
            "type": "object",
            "description": what,
            "required": ["text", "start", "end"],
            "additionalProperties": false,
            "properties": {
                "text": {"type": "string", "description": "The article's text from start to end."},
                "start": {"type": "integer", "minimum": 0, "description": "First code point (Unicode scalar) of the span in the article text."},
                "end": {"type": "integer", "minimum": 0, "description": "One past the last code point."}
            }
        })
    };
    let mut speaker = span("Who made the claim, as mentioned in the text.");
    speaker["required"] = serde_json::json!([
        "text",
        "start",
        "end",
        "name",
        "type",
        "resolved_by",
        "role"
    ]);
    speaker["properties"]["name"] = serde_json::json!({"type": "string", "description": "The resolved full name, without titles or roles."});
    speaker["properties"]["type"] =
        serde_json::json!({"enum": ["PER", "ORG", "LOC", "MISC", "UNK"]});
    speaker["properties"]["resolved_by"] = serde_json::json!({
        "enum": ["explicit", "alias", "pronoun", "descriptor", "previous", "none"],
        "description": "Which rule decided the name."
    });
    speaker["properties"]["role"] = serde_json::json!({
        "type": ["string", "null"],
        "description": "The title or role the article gives the speaker (\"Putin aide\", \"Kremlin spokesman\"), at this mention or an earlier one of the same name."
    });
    let mut content = span("What was claimed. text: the parts' texts joined with one space (the article's text from start to end when there is one part); start and end cover all the parts.");
    content["required"] = serde_json::json!(["text", "start", "end", "parts"]);
    content["properties"]["text"] = serde_json::json!({"type": "string", "description": "The parts' texts joined with one space."});
    content["properties"]["parts"] = serde_json::json!({
        "type": "array",
        "minItems": 1,
        "items": span("A run of the speaker's own words, in text order; a split quotation or a report interrupted by its attribution has two, with no narration in either."),
        "description": "The content without the narration inside it."
    });
    let mut entity = span("A named entity inside the content.");
    entity["required"] = serde_json::json!(["text", "type", "start", "end", "score"]);
    entity["properties"]["type"] = serde_json::json!({"enum": ["PER", "ORG", "LOC", "MISC"]});
    entity["properties"]["score"] =
        serde_json::json!({"type": "number", "minimum": 0, "maximum": 1});
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:claimx:claim-record:2",
        "title": "claimx claim record, version 2",
        "description": "One attributed claim in a news article. Offsets count Unicode code points in the article text exactly as read, end exclusive.",
        "type": "object",
        "additionalProperties": false,
        "required": ["article", "appearance", "date", "id", "kind", "speaker", "cue", "cue_class", "content", "entities", "sentence", "paragraph", "parent", "confidence", "rule"],
        "properties": {
            "article": {"type": "string", "description": "Path relative to the input root without extension, or the id given on standard input."},
            "appearance": {"type": ["string", "null"], "description": "Where the article appeared: the url given with it, or the path of its file; null when neither is known."},
            "date": {"type": ["string", "null"], "description": "The article's date as given with it, unparsed; null when not given."},
            "id": {"type": "string", "pattern": "^.*#[1-9][0-9]*$", "description": "<article>#<n>, n from 1 in text order."},
            "kind": {"enum": ["direct", "indirect", "mixed", "according_to"]},
            "speaker": {"oneOf": [{"type": "null"}, speaker]},
            "cue": {"oneOf": [{"type": "null"}, span("The reporting verb or phrase.")]},
            "cue_class": {
                "enum": ["statement", "assertion", "denial", "promise", "warning", "question", "belief", "evidence", "demand", "stance", "according_to"],
                "description": "What kind of act the cue reports: statement (said, told), assertion (claimed, insisted), denial (denied, rejected), promise (promised, pledged), warning (warned, threatened), question (asked), belief (believes, thinks), evidence (shows, found), demand (urged, called for), stance (criticized, praised), according_to; statement for a quotation without a cue."
            },
            "content": content,
            "entities": {"type": "array", "items": entity},
            "sentence": {"type": "integer", "minimum": 0, "description": "Index of the sentence where the content starts."},
            "paragraph": {"type": "integer", "minimum": 0, "description": "Index of that sentence's paragraph."},
            "parent": {"type": ["string", "null"], "description": "Id of the claim whose content holds this one."},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1, "description": "The precision on PolNeAR train of claims found by the same rule, of the same kind, with the speaker resolved the same way."},
            "rule": {
                "enum": ["post_posed", "inverted", "opening_verb", "pre_posed", "framed", "asked", "infinitive", "impression", "claim_noun", "colon_quote", "line_label", "according_to", "dash_signature", "floating", "tagger"],
                "description": "The rule (layout) that found the claim; claimx eval --by-rule prints each rule's precision."
            }
        }
    })
}
