//! Attribution: who said what. Finds cues, speakers and contents and resolves speakers' names.

use serde::{Deserialize, Serialize};

use crate::entities::EntityType;
use crate::text::ByteSpan;

/// How a claim is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Which rule decided the speaker's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Half-open byte offsets of what was said.
    pub content: ByteSpan,
    /// Index of the attribution whose content holds this one.
    pub parent: Option<usize>,
    /// How likely the record is right, in [0, 1].
    pub confidence: f32,
}

/// Adds the attribution layer to `doc`, from its sentences, quotations and entities.
pub fn attribute(doc: &mut crate::document::Document) {
    doc.attributions.clear();
}
