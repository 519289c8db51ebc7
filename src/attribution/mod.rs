//! Attribution: who said what. Finds cues, speakers and contents and resolves speakers' names.
//!
//! Without a parser: the `rules` module finds claims from the cue lexicon (`cues`),
//! punctuation, capitalisation and the quotation layer, over the tokens and segments of
//! `context`; `speakers` then resolves names in text order, so that pronouns, short names,
//! descriptors and floating quotes can look back at what came before.

mod context;
mod cues;
pub mod parts;
mod rules;
mod speakers;
mod tokens;

pub use crate::document::{Act, Attribution, ClaimKind, ResolvedBy, Speaker};

/// Adds the attribution layer to `doc`, from its sentences, quotations and entities.
pub fn attribute(doc: &mut crate::document::Document) {
    let attributions = {
        let cx = context::Context::new(doc);
        let mut found = rules::find(&cx);
        rules::split_coordinated(&cx, &mut found);
        rules::floating(&cx, &mut found);
        found.sort_by_key(|f| (f.content.start, std::cmp::Reverse(f.content.end)));
        dedup(&mut found);
        drop_reports_in_reports(&mut found);
        resolve(&cx, &found)
    };
    doc.attributions = with_parents(attributions);
}

/// Keeps one claim per content span, the most confident.
fn dedup(found: &mut Vec<rules::Found>) {
    let mut kept: Vec<rules::Found> = Vec::with_capacity(found.len());
    for claim in found.drain(..) {
        match kept.last_mut() {
            Some(last) if last.content == claim.content => {
                if claim.confidence > last.confidence {
                    *last = claim;
                }
            }
            _ => kept.push(claim),
        }
    }
    *found = kept;
}

/// Resolves the speakers in text order and weighs the confidence by how each was resolved.
///
/// `found` is sorted by content start, longer first on ties, and holds each content once, so
/// an earlier claim holds a later one exactly when it ends at or after it: a claim is top
/// level when every content kept before it ends before its own end.
fn resolve(cx: &context::Context, found: &[rules::Found]) -> Vec<Attribution> {
    let mut resolver = speakers::Resolver::new(cx);
    let mut out: Vec<Attribution> = Vec::with_capacity(found.len());
    // The furthest end of the contents kept so far.
    let mut reach: Option<usize> = None;
    for claim in found {
        let top_level = reach.is_none_or(|end| end < claim.content.end);
        let speaker = match claim.speaker {
            rules::SpeakerRef::Tokens(a, b) => {
                Some(resolver.resolve(a, b, top_level, claim.content))
            }
            rules::SpeakerRef::Previous => match resolver.previous(claim.content.start) {
                Some(speaker) => Some(speaker),
                None => continue, // a floating quote with no speaker before it
            },
            rules::SpeakerRef::Nobody => None,
        };
        // The rules' confidences follow their precision on PolNeAR train; a speaker found
        // by reference is a little less sure than one named in full.
        let weight = match speaker.as_ref().map(|s| s.resolved_by) {
            Some(ResolvedBy::Explicit | ResolvedBy::Alias | ResolvedBy::Previous) | None => 1.0,
            Some(ResolvedBy::Pronoun) => 0.95,
            Some(ResolvedBy::Descriptor) => 0.93,
            Some(ResolvedBy::None) => 0.9,
        };
        reach = reach.max(Some(claim.content.end));
        let own: Vec<_> = speaker.iter().map(|s| s.span).chain(claim.cue).collect();
        out.push(Attribution {
            kind: claim.kind,
            parts: parts::of(&cx.doc.text, claim.content, &own),
            speaker,
            cue: claim.cue,
            act: cues::act_of(claim.cue.map(|cue| &cx.doc.text[cue.start..cue.end])),
            content: claim.content,
            parent: None,
            confidence: (claim.confidence * weight).clamp(0.0, 1.0),
        });
    }
    out
}

/// Drops claims nested in the content of a claim that is not a quotation.
///
/// "Officials said they hoped the move would help" is one report, of the officials; the
/// inner "they hoped" is how they put it, not a second claim (PolNeAR marks the outer one
/// only). Inside a quotation, a report is the quoted speaker's account of someone else's
/// words and stays, with the quotation as its parent; so does an inner claim its rules
/// trust more than the outer one. `found` is sorted as for [`with_parents`].
fn drop_reports_in_reports(found: &mut Vec<rules::Found>) {
    let mut open: Vec<rules::Found> = Vec::new();
    found.retain(|claim| {
        while open
            .last()
            .is_some_and(|o| !o.content.contains(claim.content))
        {
            open.pop();
        }
        let keep = open.last().is_none_or(|parent| {
            parent.kind == ClaimKind::Direct || parent.confidence <= claim.confidence
        });
        if keep {
            open.push(*claim);
        }
        keep
    });
}

/// Sets each attribution's parent: the innermost earlier one whose content holds its content.
///
/// `attributions` are sorted by content start, longer first on ties, so a parent always
/// comes before its children and a stack of open contents finds it in one pass.
fn with_parents(mut attributions: Vec<Attribution>) -> Vec<Attribution> {
    let mut open: Vec<usize> = Vec::new();
    for n in 0..attributions.len() {
        let content = attributions[n].content;
        while open
            .last()
            .is_some_and(|&o| !attributions[o].content.contains(content))
        {
            open.pop();
        }
        attributions[n].parent = open.last().copied();
        open.push(n);
    }
    attributions
}
