//! Attribution: who said what. Finds cues, speakers and contents and resolves speakers' names.
//!
//! Without a parser: the `rules` module finds claims from the cue lexicon (`cues`),
//! punctuation, capitalisation and the quotation layer, over the tokens and segments of
//! `context`; `speakers` then resolves names in text order, so that pronouns, short names,
//! descriptors and floating quotes can look back at what came before. With
//! `--attribution model|both`, `proposals` turns the NER model's attribution head (the role
//! layer) into candidates of the same kind, which go through the same ranking and resolution.

pub mod confidence;
mod context;
pub mod cues;
pub mod parts;
pub mod proposals;
mod rules;
mod speakers;
mod tokens;

pub use crate::document::{Act, Attribution, ClaimKind, ResolvedBy, Rule, Speaker};
pub use proposals::Mode;

/// Adds the attribution layer to `doc` by the rules, from its sentences, quotations and
/// entities, with the confidence table fitted on PolNeAR train.
pub fn attribute(doc: &mut crate::document::Document) {
    attribute_with(doc, &confidence::FITTED, Mode::Rules);
}

/// [`attribute`] with the confidences of `table` (how a new table is fitted and tried) and
/// the candidates of `mode`: the rules', the role layer's ([`proposals`]) or both.
pub fn attribute_with(doc: &mut crate::document::Document, table: &confidence::Table, mode: Mode) {
    let attributions = {
        let cx = context::Context::new(doc);
        let cx = Ranked { cx: &cx, table };
        let mut found = Vec::new();
        if mode != Mode::Model {
            found = rules::find(cx.cx);
            rules::split_coordinated(cx.cx, &mut found);
            rules::floating(cx.cx, &mut found);
        }
        if mode.uses_model() {
            let proposed = proposals::not_found_by(&found, proposals::find(cx.cx));
            found.extend(proposed);
        }
        found.sort_by_key(|f| (f.content.start, std::cmp::Reverse(f.content.end)));
        dedup(&cx, &mut found);
        drop_reports_in_reports(&cx, &mut found);
        resolve_kept(&cx, found, mode)
    };
    doc.attributions = with_parents(attributions);
}

/// The rules' context with the confidence table that ranks and scores their candidates.
struct Ranked<'c, 'a> {
    cx: &'c context::Context<'a>,
    table: &'c confidence::Table,
}

impl Ranked<'_, '_> {
    /// The text of a candidate's cue.
    fn cue<'t>(&'t self, claim: &rules::Found) -> Option<&'t str> {
        claim.cue.map(|cue| &self.cx.doc.text[cue.start..cue.end])
    }

    /// How far a candidate is trusted before its speaker is resolved: the precision of its
    /// layout (rule, kind and cue verb) in the table.
    fn prior(&self, claim: &rules::Found) -> f64 {
        let verb = cues::strength_of(self.cue(claim));
        self.table.prior(claim.rule, claim.kind, verb)
    }
}

/// Keeps one claim per content span, the one whose rule is the most precise (the first
/// found on a tie).
fn dedup(cx: &Ranked, found: &mut Vec<rules::Found>) {
    let mut kept: Vec<rules::Found> = Vec::with_capacity(found.len());
    for claim in found.drain(..) {
        match kept.last_mut() {
            Some(last) if last.content == claim.content => {
                if cx.prior(&claim) > cx.prior(last) {
                    *last = claim;
                }
            }
            _ => kept.push(claim),
        }
    }
    *found = kept;
}

/// Resolves the speakers of `found`. Beside the rules ([`Mode::Both`]) it drops the proposals
/// of the attribution head whose confidence is under [`proposals::MIN_PRECISION`], and when
/// it drops some, it resolves the rest again, so that no dropped claim leaves its speaker to
/// a later pronoun. Alone ([`Mode::Model`]) the proposals are all the claims there are, and
/// all stay.
fn resolve_kept(ranked: &Ranked, mut found: Vec<rules::Found>, mode: Mode) -> Vec<Attribution> {
    loop {
        let (attributions, weak) = resolve(ranked, &found, mode);
        if weak.is_empty() || mode != Mode::Both {
            return attributions;
        }
        found = found
            .into_iter()
            .enumerate()
            .filter(|(n, _)| !weak.contains(n))
            .map(|(_, claim)| claim)
            .collect();
    }
}

/// Resolves the speakers in text order; each claim's confidence is the precision on train of
/// its rule, kind and speaker resolution ([`confidence`]), counted in `mode` where the table
/// has rows for it (the head alone). Also returns the indices in
/// `found` of the head's proposals under [`proposals::MIN_PRECISION`].
///
/// `found` is sorted by content start, longer first on ties, and holds each content once, so
/// an earlier claim holds a later one exactly when it ends at or after it: a claim is top
/// level when every content kept before it ends before its own end.
fn resolve(ranked: &Ranked, found: &[rules::Found], mode: Mode) -> (Vec<Attribution>, Vec<usize>) {
    let cx = ranked.cx;
    let mut resolver = speakers::Resolver::new(cx);
    let mut out: Vec<Attribution> = Vec::with_capacity(found.len());
    // The furthest end of the contents kept so far.
    let mut reach: Option<usize> = None;
    let mut weak = Vec::new();
    for (n, claim) in found.iter().enumerate() {
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
        let cue = ranked.cue(claim);
        let key = confidence::Key {
            rule: claim.rule,
            kind: claim.kind,
            verb: cues::strength_of(cue),
            resolved_by: speaker.as_ref().map(|s| s.resolved_by),
        };
        let confidence = match mode {
            Mode::Model => ranked.table.confidence_alone(key),
            Mode::Rules | Mode::Both => ranked.table.confidence(key),
        };
        if claim.rule == Rule::Tagger && confidence < proposals::MIN_PRECISION {
            weak.push(n);
        }
        reach = reach.max(Some(claim.content.end));
        let own: Vec<_> = speaker.iter().map(|s| s.span).chain(claim.cue).collect();
        out.push(Attribution {
            kind: claim.kind,
            parts: parts::of(&cx.doc.text, claim.content, &own),
            speaker,
            cue: claim.cue,
            act: cues::act_of(cue),
            rule: claim.rule,
            content: claim.content,
            parent: None,
            confidence: confidence as f32,
        });
    }
    (out, weak)
}

/// Drops claims nested in the content of a claim that is not a quotation.
///
/// "Officials said they hoped the move would help" is one report, of the officials; the
/// inner "they hoped" is how they put it, not a second claim (PolNeAR marks the outer one
/// only). Inside a quotation, a report is the quoted speaker's account of someone else's
/// words and stays, with the quotation as its parent; so do a quotation inside a report (the
/// speaker's own words, "Trump called it \"a clear threat\"") and an inner claim whose layout
/// the ranking trusts as much as the outer one or more ([`Ranked::prior`]). `found` is sorted
/// as for [`with_parents`].
fn drop_reports_in_reports(cx: &Ranked, found: &mut Vec<rules::Found>) {
    let mut open: Vec<rules::Found> = Vec::new();
    found.retain(|claim| {
        while open
            .last()
            .is_some_and(|o| !o.content.contains(claim.content))
        {
            open.pop();
        }
        let keep = open.last().is_none_or(|parent| {
            parent.kind == ClaimKind::Direct
                || claim.kind == ClaimKind::Direct
                || cx.prior(parent) <= cx.prior(claim)
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
