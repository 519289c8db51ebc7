//! The one carrier type: a [`Document`] owns an article's text and every layer the stages add.
//!
//! The document keeps the text exactly as read (`original`) and the reading stage's clean
//! view of it (`text`), with the [`Alignment`] between them. Stages after reading never
//! change either; they read earlier layers and push their own, each a `Vec` sorted by
//! position, holding [`ByteSpan`]s into the view and indices into other layers (never
//! references), so a document can move freely between threads. Records map spans back to
//! the original ([`Document::original_span`]), so every offset a user sees points into the
//! text as read.
//!
//! The layer types live here, beside their carrier, so that the document never imports a
//! stage: each stage imports the document, reads the layers before its own and adds its own
//! (its module re-exports its layer's types under the names it has always had).

use serde::{Deserialize, Serialize};

use crate::normalized::Alignment;
use crate::text::ByteSpan;

/// One sentence: its span and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Half-open byte offsets into [`Document::text`], trimmed of white space.
    pub span: ByteSpan,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
}

/// Where and when an article appeared, as its input says: passed through to every record of
/// the article unchanged, so that a claim can be traced back to its source without a join.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Where the article appeared: the input's `url`, or the file's path; `None` when neither
    /// is known.
    pub appearance: Option<String>,
    /// The input's `date`, as written (claimx does not parse it); `None` when not given.
    pub date: Option<String>,
}

/// An article and its layers.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The article's id as written in records (relative path without extension, or the stdin id).
    pub id: String,
    /// Where and when the article appeared; no stage reads it, records carry it.
    pub meta: ArticleMeta,
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
    /// The attribution roles the NER model's second head proposed, in text order; empty
    /// unless the run asked for them (`--attribution model|both`).
    pub roles: Vec<RoleSpan>,
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

    /// The document with its article's metadata.
    pub fn with_meta(mut self, meta: ArticleMeta) -> Self {
        self.meta = meta;
        self
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
            let parts = a.parts.iter().map(|&p| ("content part", p));
            [("content", a.content)]
                .into_iter()
                .chain(parts)
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

// The quotation layer (added by `quotes`).

/// One quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Half-open byte offsets of the quoted text, marks excluded.
    pub inner: ByteSpan,
    /// Half-open byte offsets including the opening and closing marks.
    pub outer: ByteSpan,
    /// False when no closing mark was found and the quotation was cut at a line's end.
    pub closed: bool,
}

// The entity layer (added by the NER stage, `entities`).

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

// The role layer (added by the NER stage when its model has the attribution head).

/// A part of an attribution, as PolNeAR annotates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Who made the claim.
    Source,
    /// The words that report it ("said", "according to").
    Cue,
    /// What was claimed.
    Content,
}

impl Role {
    /// Parses a label of the head (`B-SOURCE`, `I-CUE`, ...), with or without its BIO prefix.
    pub fn from_label(label: &str) -> Option<Role> {
        let bare = label
            .strip_prefix("B-")
            .or_else(|| label.strip_prefix("I-"))
            .unwrap_or(label);
        match bare {
            "SOURCE" => Some(Role::Source),
            "CUE" => Some(Role::Cue),
            "CONTENT" => Some(Role::Content),
            _ => None,
        }
    }
}

/// A span the attribution head labelled with one role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoleSpan {
    /// Half-open byte offsets into [`crate::document::Document::text`].
    pub span: ByteSpan,
    /// Which part of an attribution it is.
    pub role: Role,
    /// The head's mean probability over the span's words, in [0, 1].
    pub score: f32,
}

// The attribution layer (added by `attribution`).

/// How a claim is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A quotation in the speaker's words.
    Direct,
    /// Reported speech: the speaker's point in the writer's words.
    Indirect,
    /// Reported speech that holds a quotation.
    Mixed,
    /// "According to X, ...".
    AccordingTo,
}

/// How records spell a value of one of the layers' enums ("post_posed", "PER"): its serde
/// name, for the formats and tables that show it outside JSON.
pub fn spelled(value: impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => unreachable!("a unit variant serialises as a string, not {other:?}"),
    }
}

/// What kind of act a claim's cue reports, so that a reader can tell what a speaker denied
/// from what they asserted. The classes follow the reporting verbs of news: the lexicon
/// (`attribution::cues`) gives each lemma one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Act {
    /// A neutral report of speech or writing: said, told, added, wrote, announced.
    Statement,
    /// A contested or emphatic claim: claimed, insisted, argued, alleged, accused.
    Assertion,
    /// A denial or rejection: denied, rejected, dismissed, disputed, refused.
    Denial,
    /// A commitment: promised, pledged, vowed, plans to.
    Promise,
    /// A warning or threat: warned, cautioned, threatened.
    Warning,
    /// A question: asked, questioned, wondered.
    Question,
    /// A thought, belief or expectation: believes, thinks, fears, expects.
    Belief,
    /// Evidence or findings: shows, found, revealed, indicates, concluded.
    Evidence,
    /// A demand or call for action: urged, demanded, called for, proposed.
    Demand,
    /// A stance towards something or someone: criticized, praised, supported, opposed.
    Stance,
    /// "According to X".
    AccordingTo,
}

/// The rule that found a claim: the layout it was read from. Each rule's precision on
/// PolNeAR train, by kind and by how the speaker was resolved, is the claim's confidence
/// (`attribution::confidence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// "..., X said": the attribution after the content.
    PostPosed,
    /// '"...," said X': the verb before its subject, after the content.
    Inverted,
    /// 'Said X: "..."': a sentence that opens with the verb, then its subject.
    OpeningVerb,
    /// "X said (that) ...", "X told reporters: ...": the attribution before the content.
    PrePosed,
    /// "As X said, ...", "what she said is ...": a subject and verb framing the content.
    Framed,
    /// "Asked if ..., X said": the question is the content of "asked".
    Asked,
    /// "X is set to endorse ...", "declined to comment": an infinitive after a control verb.
    Infinitive,
    /// "The race appears to tighten": an impression with no one behind it.
    Impression,
    /// "Trump's claim that ...": a claim noun after a possessive.
    ClaimNoun,
    /// 'Kasich resisted: "..."': a quotation after a colon.
    ColonQuote,
    /// "PENCE: ..." in a transcript: a capitalised label opening a line.
    LineLabel,
    /// "According to X, ...".
    AccordingTo,
    /// '"..." ― Sonya Herridge': a quotation signed after a dash.
    DashSignature,
    /// A quotation standing alone in its paragraph, taking the speaker of the claim before.
    Floating,
    /// Proposed by the NER model's attribution head (its cue, content and source spans).
    Tagger,
}

/// Which rule decided the speaker's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolvedBy {
    /// The speaker span names the speaker in full.
    Explicit,
    /// A short form (surname) matched a full name mentioned earlier.
    Alias,
    /// A pronoun took the most recent fitting person or group.
    Pronoun,
    /// A descriptor ("the agency") took the entity it refers to.
    Descriptor,
    /// A floating quote took the speaker of the quote before it.
    Previous,
    /// Not resolved: the name is the span's own text.
    None,
}

/// The speaker of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Half-open byte offsets of the speaker's mention in the text.
    pub span: ByteSpan,
    /// The resolved name ("Yury Ushakov" for "Ushakov"), without titles or roles.
    pub name: String,
    /// The entity class of the speaker, when known.
    pub kind: Option<EntityType>,
    /// The rule that decided `name`.
    pub resolved_by: ResolvedBy,
    /// The title or role the article gives the speaker ("Putin aide", "Kremlin
    /// spokesman"), found beside this mention or an earlier one of the same name.
    pub role: Option<String>,
}

/// One attributed claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// How the claim is reported.
    pub kind: ClaimKind,
    /// Who made it, when found.
    pub speaker: Option<Speaker>,
    /// Half-open byte offsets of the reporting verb or phrase, when there is one.
    pub cue: Option<ByteSpan>,
    /// What kind of act the cue reports.
    pub act: Act,
    /// The rule that found the claim.
    pub rule: Rule,
    /// Half-open byte offsets of what was said, from its first word to its last.
    pub content: ByteSpan,
    /// The content without the narration inside it, in text order: one part, or more when
    /// the claim's own speaker and cue interrupt it (a split quotation).
    pub parts: Vec<ByteSpan>,
    /// Index of the attribution whose content holds this one.
    pub parent: Option<usize>,
    /// How likely the record is right, in [0, 1].
    pub confidence: f32,
}
