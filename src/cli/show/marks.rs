//! Which spans of the article `show` marks, and in what nesting.
//!
//! Every claim marks its speaker, its cue and each part of its content (not the narration
//! between parts). Spans of different claims overlap in every way: a speaker of one claim
//! sits inside another's content, contents hold contents (a record's `parent`), two claims
//! share one speaker, and now and then two contents cross. [`nest`] turns them into opens
//! and closes that always nest: a mark still open when one below it closes is closed with it
//! and opened again right after, so a writer can keep a stack and never has to guess.

use claimx::document::Document;
use claimx::text::ByteSpan;

/// What a marked span is to its claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// A part of what was claimed.
    Content,
    /// Who claimed it.
    Speaker,
    /// The reporting verb or phrase.
    Cue,
}

/// One span of the original text in one role, for every claim that has it in that role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// What the span is.
    pub role: Role,
    /// The claims' numbers (from 1, as in their ids), ascending.
    pub claims: Vec<usize>,
    /// Half-open byte offsets into the original text.
    pub span: ByteSpan,
}

/// One step of the marked article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Article text: `original[start..end]`.
    Text(ByteSpan),
    /// A mark opens; `fresh` is false when it opens again after [`nest`] closed it to keep
    /// the nesting.
    Open {
        /// Index into the marks.
        mark: usize,
        /// Whether this is where the span starts.
        fresh: bool,
    },
    /// The innermost open mark closes.
    Close {
        /// Index into the marks.
        mark: usize,
    },
}

/// The marks of every claim of `doc`, in the original text; a span that has one role for
/// several claims (a speaker of two claims) is one mark that names them all. Empty spans
/// are left out: there is nothing to mark.
pub fn collect(doc: &Document) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    for (n, attribution) in doc.attributions.iter().enumerate() {
        let claim = n + 1;
        let speaker = attribution
            .speaker
            .as_ref()
            .map(|s| (Role::Speaker, s.span));
        let cue = attribution.cue.map(|span| (Role::Cue, span));
        let parts = attribution.parts.iter().map(|&p| (Role::Content, p));
        for (role, span) in parts.chain(speaker).chain(cue) {
            let span = doc.original_span(span);
            if span.start == span.end {
                continue;
            }
            match marks.iter_mut().find(|m| m.role == role && m.span == span) {
                Some(mark) => mark.claims.push(claim),
                None => marks.push(Mark {
                    role,
                    claims: vec![claim],
                    span,
                }),
            }
        }
    }
    for mark in &mut marks {
        mark.claims.sort_unstable();
        mark.claims.dedup();
    }
    marks
}

/// The article `0..len` with `marks` opened and closed in a nesting order: at each offset
/// the marks that end there close (with any still open inside them, which open again at
/// once), then the marks that start there open, the one that reaches furthest outermost.
pub fn nest(marks: &[Mark], len: usize) -> Vec<Event> {
    let mut bounds: Vec<usize> = marks
        .iter()
        .flat_map(|m| [m.span.start, m.span.end])
        .chain([0, len])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut starting: Vec<usize> = (0..marks.len()).collect();
    starting.sort_by_key(|&m| marks[m].span.start);
    let mut starting = starting.into_iter().peekable();
    let mut events = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut at = 0;
    for &bound in &bounds {
        if bound > at {
            events.push(Event::Text(ByteSpan::new(at, bound)));
            at = bound;
        }
        let mut opening: Vec<(usize, bool)> = close_ending(marks, &mut stack, bound, &mut events)
            .into_iter()
            .map(|m| (m, false))
            .collect();
        while let Some(m) = starting.next_if(|&m| marks[m].span.start == bound) {
            opening.push((m, true));
        }
        // The mark that reaches furthest goes outermost, so that it closes last; a reopened
        // mark stays outside a fresh one that ends with it.
        opening.sort_by_key(|&(m, fresh)| {
            let mark = &marks[m];
            (
                std::cmp::Reverse(mark.span.end),
                fresh,
                mark.role,
                mark.claims.clone(),
            )
        });
        for (mark, fresh) in opening {
            events.push(Event::Open { mark, fresh });
            stack.push(mark);
        }
    }
    events
}

/// Closes every mark of `stack` that ends at `bound`, and every mark open inside one of
/// them; returns the inner ones that go on past `bound`, to be opened again, outermost first.
fn close_ending(
    marks: &[Mark],
    stack: &mut Vec<usize>,
    bound: usize,
    events: &mut Vec<Event>,
) -> Vec<usize> {
    let Some(lowest) = stack.iter().position(|&m| marks[m].span.end <= bound) else {
        return Vec::new();
    };
    let closed = stack.split_off(lowest);
    for &mark in closed.iter().rev() {
        events.push(Event::Close { mark });
    }
    closed
        .into_iter()
        .filter(|&m| marks[m].span.end > bound)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(role: Role, claim: usize, start: usize, end: usize) -> Mark {
        Mark {
            role,
            claims: vec![claim],
            span: ByteSpan::new(start, end),
        }
    }

    /// The events as a string: `(n` opens mark n (`(n+` when it opens again), `)` closes.
    fn shape(events: &[Event], text: &str) -> String {
        events
            .iter()
            .map(|event| match *event {
                Event::Text(span) => text[span.start..span.end].to_owned(),
                Event::Open { mark, fresh } => format!("({mark}{}", if fresh { "" } else { "+" }),
                Event::Close { .. } => ")".to_owned(),
            })
            .collect()
    }

    #[test]
    fn marks_nest_cross_and_share() {
        let text = "abcdefghij";
        // (marks, expected): inside, crossing, same start, same end, touching.
        let cases: Vec<(Vec<Mark>, &str)> = vec![
            (
                vec![mark(Role::Content, 1, 0, 10), mark(Role::Speaker, 2, 2, 4)],
                "(0ab(1cd)efghij)",
            ),
            (
                vec![mark(Role::Content, 1, 0, 6), mark(Role::Content, 2, 3, 10)],
                "(0abc(1def))(1+ghij)",
            ),
            (
                vec![mark(Role::Speaker, 1, 0, 3), mark(Role::Content, 2, 0, 8)],
                "(1(0abc)defgh)ij",
            ),
            (
                vec![mark(Role::Content, 1, 5, 10), mark(Role::Cue, 2, 8, 10)],
                "abcde(0fgh(1ij))",
            ),
            (
                vec![mark(Role::Cue, 1, 0, 5), mark(Role::Content, 1, 5, 10)],
                "(0abcde)(1fghij)",
            ),
        ];
        for (marks, expected) in cases {
            let events = nest(&marks, text.len());
            assert_eq!(shape(&events, text), expected, "{marks:?}");
        }
    }

    #[test]
    fn two_claims_with_one_speaker_share_one_mark() {
        let text = "Russia denied it and said so.";
        let mut doc = Document::new("a", text);
        claimx::reading::read(&mut doc);
        let speaker = claimx::document::Speaker {
            span: ByteSpan::new(0, 6),
            name: "Russia".into(),
            kind: None,
            resolved_by: claimx::document::ResolvedBy::Explicit,
            role: None,
        };
        for (cue, content) in [((7, 13), (14, 16)), ((21, 25), (26, 28))] {
            doc.attributions.push(claimx::document::Attribution {
                kind: claimx::document::ClaimKind::Indirect,
                speaker: Some(speaker.clone()),
                cue: Some(ByteSpan::new(cue.0, cue.1)),
                act: claimx::document::Act::Denial,
                rule: claimx::document::Rule::PrePosed,
                content: ByteSpan::new(content.0, content.1),
                parts: vec![ByteSpan::new(content.0, content.1)],
                parent: None,
                confidence: 0.8,
            });
        }
        let marks = collect(&doc);
        let speakers: Vec<&Mark> = marks.iter().filter(|m| m.role == Role::Speaker).collect();
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].claims, [1, 2]);
        assert_eq!(marks.len(), 5);
    }
}
