//! Claims from the attribution head's role layer: the spans the NER model's second head
//! labelled Source, Cue and Content, paired within their sentence into candidates that the
//! rules' own machinery then ranks, nests and resolves like any other (`Rule::Tagger`).
//!
//! The head labels words; it does not say which source goes with which cue. Each cue takes
//! the nearest content of its sentence, after it ("X said the plan failed") before one
//! before it ("The plan failed, X said"), and the nearest source before it before one after
//! it ('"...," said X').

use super::context::Context;
use super::rules::{mixed_or, Found, SpeakerRef};
use crate::document::{ClaimKind, Role, RoleSpan, Rule};
use crate::text::ByteSpan;

/// The least precision on train (the claim's confidence) at which a proposal is kept: half
/// the rules' content+source F1 on PolNeAR train (0.656, `claimx eval --gold
/// ../shared/data/polnear/train`). A set of claims of precision p raises an F1 of F exactly
/// when p > F / 2, so a layout of the head less precise than that costs more than it finds.
pub const MIN_PRECISION: f64 = 0.328;

/// How the claims of a run are found: `claimx --attribution`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// The rules alone (no attribution head needed).
    #[default]
    Rules,
    /// The attribution head's proposals alone.
    Model,
    /// The rules, and the head's proposals where no rule found a claim.
    Both,
}

impl Mode {
    /// True when the run needs the attribution head.
    pub fn uses_model(self) -> bool {
        self != Mode::Rules
    }
}

impl std::str::FromStr for Mode {
    type Err = String;

    /// `rules`, `model` or `both`, as `--attribution` takes them.
    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "rules" => Ok(Mode::Rules),
            "model" => Ok(Mode::Model),
            "both" => Ok(Mode::Both),
            other => Err(format!(
                "unknown attribution mode {other:?} (rules, model, both)"
            )),
        }
    }
}

/// The candidates of the role layer, one per cue that has a content in its sentence.
pub fn find(cx: &Context) -> Vec<Found> {
    let doc = cx.doc;
    let mut found = Vec::new();
    for sentence in &doc.sentences {
        let first = doc
            .roles
            .partition_point(|r| r.span.start < sentence.span.start);
        let after = doc
            .roles
            .partition_point(|r| r.span.start < sentence.span.end);
        let roles = &doc.roles[first..after];
        for cue in roles.iter().filter(|r| r.role == Role::Cue) {
            let Some(content) = nearest(roles, Role::Content, cue.span, Side::After) else {
                continue;
            };
            let content = joined(roles, content, Role::Content);
            let speaker = nearest(roles, Role::Source, cue.span, Side::Before)
                .map(|source| joined(roles, source, Role::Source))
                .filter(|source| !content.overlaps(*source))
                .and_then(|source| tokens_of(cx, source))
                .map_or(SpeakerRef::Nobody, |(a, b)| SpeakerRef::Tokens(a, b));
            found.push(Found {
                kind: kind_of(cx, content, cue.span),
                speaker,
                cue: Some(cue.span),
                content,
                rule: Rule::Tagger,
            });
        }
    }
    found
}

/// The tokens `[a, b)` a span touches, none when it touches none. The head's words are the
/// word pieces' words, finer than the rules' tokens ("Breitbart", "’", "s" in "Breitbart’s"),
/// so a span may start or end inside a token: the token counts whole.
fn tokens_of(cx: &Context, span: ByteSpan) -> Option<(usize, usize)> {
    let a = cx.tokens.partition_point(|t| t.span.end <= span.start);
    let b = cx.tokens.partition_point(|t| t.span.start < span.end);
    (a < b).then_some((a, b))
}

/// Which side of the cue is looked at first.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Before,
    After,
}

/// The span of `role` nearest to `cue` on the `first` side, else on the other; a span that
/// overlaps the cue is neither.
fn nearest(roles: &[RoleSpan], role: Role, cue: ByteSpan, first: Side) -> Option<ByteSpan> {
    let spans = roles.iter().filter(|r| r.role == role).map(|r| r.span);
    let before = spans
        .clone()
        .filter(|s| s.end <= cue.start)
        .max_by_key(|s| s.end);
    let after = spans.filter(|s| s.start >= cue.end).min_by_key(|s| s.start);
    match first {
        Side::Before => before.or(after),
        Side::After => after.or(before),
    }
}

/// `span` (of `role`) widened over the spans of the same role next to it with no other role
/// between them: the head often breaks one content into pieces ("the plan" "failed badly"),
/// and a claim is the whole of what was said (on PolNeAR dev its content spans were 0.29
/// precise and 0.48 complete word for word, `scripts/train-roles.py`'s scores; joined, the
/// head's claims went from content+source F1 0.45 to 0.56).
fn joined(roles: &[RoleSpan], span: ByteSpan, role: Role) -> ByteSpan {
    let Some(at) = roles.iter().position(|r| r.span == span) else {
        return span;
    };
    let run = |range: &mut dyn Iterator<Item = &RoleSpan>| {
        range.take_while(|r| r.role == role).last().map(|r| r.span)
    };
    let first = run(&mut roles[..at].iter().rev()).unwrap_or(span);
    let last = run(&mut roles[at + 1..].iter()).unwrap_or(span);
    ByteSpan::new(first.start, last.end)
}

/// How a proposed content is reported: "according to" by its cue, a quotation when its
/// words lie inside one quotation, mixed when it holds one ([`mixed_or`]), else
/// indirect.
fn kind_of(cx: &Context, content: ByteSpan, cue: ByteSpan) -> ClaimKind {
    let doc = cx.doc;
    if doc.text[cue.start..cue.end]
        .to_lowercase()
        .starts_with("according")
    {
        return ClaimKind::AccordingTo;
    }
    // Quotations are disjoint and in order: only the last one opening before the content
    // can hold it.
    let before = doc
        .quotes
        .partition_point(|q| q.outer.start <= content.start);
    if before > 0 && doc.quotes[before - 1].outer.contains(content) {
        ClaimKind::Direct
    } else {
        mixed_or(cx, content, ClaimKind::Indirect)
    }
}

/// The proposals of `model` no claim of `rules` overlaps, for [`Mode::Both`]: where the rules
/// found a claim, their layout, nesting and speaker are kept.
///
/// A rule's content overlaps a proposal's when it starts before the proposal ends and ends
/// after it starts; so with the rules' contents sorted by start, a proposal is found when
/// the furthest end among those starting before its end lies past its start. That is a
/// binary search a proposal, so a long article costs no more per claim than a short one.
pub fn not_found_by(rules: &[Found], model: Vec<Found>) -> Vec<Found> {
    let mut contents: Vec<ByteSpan> = rules.iter().map(|r| r.content).collect();
    contents.sort_unstable_by_key(|c| c.start);
    let reach: Vec<usize> = contents
        .iter()
        .scan(0, |end, c| {
            *end = c.end.max(*end);
            Some(*end)
        })
        .collect();
    model
        .into_iter()
        .filter(|m| {
            let before_end = contents.partition_point(|c| c.start < m.content.end);
            before_end == 0 || reach[before_end - 1] <= m.content.start
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    /// `text` through the stages before attribution, with a role layer of `roles` (each a
    /// role and the first occurrence of its phrase).
    fn with_roles(text: &str, roles: &[(Role, &str)]) -> Document {
        let mut doc = Document::new("t", text);
        crate::reading::read(&mut doc);
        crate::sentences::split(&mut doc);
        crate::quotes::detect(&mut doc);
        doc.roles = roles
            .iter()
            .map(|&(role, phrase)| {
                let start = doc.text.find(phrase).unwrap();
                RoleSpan {
                    span: ByteSpan::new(start, start + phrase.len()),
                    role,
                    score: 0.9,
                }
            })
            .collect();
        doc.roles.sort_by_key(|r| r.span.start);
        doc
    }

    fn claims(doc: &Document) -> Vec<(&str, &str, Option<&str>, ClaimKind)> {
        let cx = Context::new(doc);
        find(&cx)
            .iter()
            .map(|f| {
                let speaker = match f.speaker {
                    SpeakerRef::Tokens(a, b) => {
                        Some(&doc.text[cx.span(a, b).start..cx.span(a, b).end])
                    }
                    _ => None,
                };
                let cue = f.cue.unwrap();
                (
                    &doc.text[cue.start..cue.end],
                    &doc.text[f.content.start..f.content.end],
                    speaker,
                    f.kind,
                )
            })
            .collect()
    }

    #[test]
    fn each_cue_takes_the_content_after_it_and_the_source_before_it() {
        let doc = with_roles(
            "Clinton said the law had flaws. Aides later insisted that she backs it.",
            &[
                (Role::Source, "Clinton"),
                (Role::Cue, "said"),
                (Role::Content, "the law had flaws"),
                (Role::Source, "Aides"),
                (Role::Cue, "insisted"),
                (Role::Content, "she backs it"),
            ],
        );
        assert_eq!(
            claims(&doc),
            [
                (
                    "said",
                    "the law had flaws",
                    Some("Clinton"),
                    ClaimKind::Indirect
                ),
                (
                    "insisted",
                    "she backs it",
                    Some("Aides"),
                    ClaimKind::Indirect
                ),
            ]
        );
    }

    #[test]
    fn a_post_posed_cue_takes_the_content_before_it_and_an_inverted_source_after_it() {
        let doc = with_roles(
            "\"We will not back down,\" said the spokesman.",
            &[
                (Role::Content, "We will not back down,"),
                (Role::Cue, "said"),
                (Role::Source, "the spokesman"),
            ],
        );
        assert_eq!(
            claims(&doc),
            [(
                "said",
                "We will not back down,",
                Some("the spokesman"),
                ClaimKind::Direct
            )]
        );
    }

    #[test]
    fn a_source_that_starts_inside_a_token_takes_the_whole_token() {
        // PolNeAR train (breitbart 2016-02-16) crashed the speaker stage when the head's
        // source began after the apostrophe of one token and ended before the next.
        let doc = with_roles(
            "Breitbart’s editor said the rally was full.",
            &[
                (Role::Source, "s editor"),
                (Role::Cue, "said"),
                (Role::Content, "the rally was full"),
            ],
        );
        assert_eq!(
            claims(&doc),
            [(
                "said",
                "the rally was full",
                Some("Breitbart’s editor"),
                ClaimKind::Indirect
            )]
        );
        let mut doc = doc;
        crate::attribution::attribute_with(
            &mut doc,
            &crate::attribution::confidence::FITTED,
            Mode::Model,
        );
        assert_eq!(doc.attributions.len(), 1);
    }

    #[test]
    fn a_content_broken_in_pieces_is_one_content() {
        let doc = with_roles(
            "The governor said the plan had failed and would be replaced, aides said.",
            &[
                (Role::Source, "The governor"),
                (Role::Cue, "said"),
                (Role::Content, "the plan had failed"),
                (Role::Content, "would be replaced"),
                (Role::Source, "aides"),
            ],
        );
        assert_eq!(
            claims(&doc),
            [(
                "said",
                "the plan had failed and would be replaced",
                Some("The governor"),
                ClaimKind::Indirect
            )]
        );
    }

    #[test]
    fn a_cue_without_a_content_in_its_sentence_proposes_nothing() {
        let doc = with_roles(
            "The senator said. Then she left.",
            &[
                (Role::Source, "The senator"),
                (Role::Cue, "said"),
                (Role::Content, "she left"),
            ],
        );
        assert_eq!(claims(&doc), []);
    }

    #[test]
    fn where_a_rule_found_a_claim_its_claim_stays_alone() {
        let rule = |start, end| Found {
            kind: ClaimKind::Indirect,
            speaker: SpeakerRef::Nobody,
            cue: None,
            content: ByteSpan::new(start, end),
            rule: Rule::PrePosed,
        };
        let model = vec![rule(5, 12), rule(20, 30)];
        let kept = not_found_by(&[rule(0, 8)], model);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].content, ByteSpan::new(20, 30));
        // Against every pair, on nested, touching, empty and disjoint spans in any order.
        let mut seed = 7u64;
        let mut next = |bound: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            usize::try_from((seed >> 33) % bound).unwrap()
        };
        for _ in 0..200 {
            let mut spans = |n| {
                (0..n)
                    .map(|_| {
                        let start = next(60);
                        rule(start, start + next(15))
                    })
                    .collect::<Vec<_>>()
            };
            let (rules, model) = (spans(5), spans(8));
            let by_pairs: Vec<ByteSpan> = model
                .iter()
                .filter(|m| !rules.iter().any(|r| r.content.overlaps(m.content)))
                .map(|m| m.content)
                .collect();
            let kept: Vec<ByteSpan> = not_found_by(&rules, model)
                .iter()
                .map(|m| m.content)
                .collect();
            assert_eq!(kept, by_pairs);
        }
    }
}
