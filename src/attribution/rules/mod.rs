//! The rules that find claims. Each returns [`Found`] claims whose speaker is still a token
//! range; [`super::speakers`] resolves the names afterwards.
//!
//! * reporting verbs ([`super::cues`]) in three layouts: post-posed ("..., X said"),
//!   inverted ('"...," said X') and pre-posed ("X said (that) ...", "X told reporters: "),
//!   with the quotation layouts (split, continued, over several paragraphs);
//! * "according to X" at the start, in the middle or at the end of a sentence;
//! * a quotation after a colon or signed after a dash, transcript labels ("PENCE: ...");
//! * claim nouns after a possessive ("Trump's claim that"), impressions without a source
//!   ("appears to"), infinitives after control verbs ("is set to endorse");
//! * floating quotes, which take the speaker of the claim before them.
//!
//! Nothing here parses: subjects, hearers and adjuncts are found from the lexicon,
//! capitalisation, determiners and punctuation.

mod contents;
mod coordinated;
mod floating;
mod phrases;
mod signals;
mod verbs;

pub(super) use contents::mixed_or;
pub use coordinated::split_coordinated;
pub use floating::floating;

use super::context::Context;
use super::cues;
use crate::attribution::{ClaimKind, Rule};
use crate::text::ByteSpan;
use signals::{according_to, colon_quote, dash_signature, impression, line_label, nominal_cue};
use verbs::{inside_quote, reporting_verb};

/// Where a claim's speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerRef {
    /// The tokens `[start, end)` name it.
    Tokens(usize, usize),
    /// A floating quote: the speaker of the claim before it.
    Previous,
    /// An impression with no one behind it ("the race appears to tighten").
    Nobody,
}

/// A claim found by a rule, before its speaker is resolved.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// How it is reported.
    pub kind: ClaimKind,
    /// Where its speaker is.
    pub speaker: SpeakerRef,
    /// The cue's byte span.
    pub cue: Option<ByteSpan>,
    /// The content's byte span.
    pub content: ByteSpan,
    /// The rule that found it.
    pub rule: Rule,
}

/// Longest noun phrase taken as a speaker, in tokens.
const MAX_SPEAKER: usize = 7;

/// Every claim the verb and "according to" rules find, in no particular order.
pub fn find(cx: &Context) -> Vec<Found> {
    let mut found = Vec::new();
    for i in 0..cx.tokens.len() {
        if !cx.is_word(i) {
            let claim = dash_signature(cx, i)
                .or_else(|| line_label(cx, i))
                .or_else(|| colon_quote(cx, i));
            found.extend(claim);
            continue;
        }
        let lower = cx.lower(i);
        if lower == "according" && cx.is(i + 1, "to") {
            found.extend(according_to(cx, i));
        } else if cues::is_impression(&lower) {
            found.extend(impression(cx, i));
        } else if let Some(cue) = cues::cue(&lower) {
            let claim = reporting_verb(cx, i, cue, lower.ends_with("ing"));
            found.extend(claim.and_then(|claim| inside_quote(cx, i, claim, cue.strength)));
        } else if cues::is_claim_noun(&lower) {
            found.extend(nominal_cue(cx, i));
        }
    }
    found
}
