//! Coordinated reports: "Obama emphasized that the reforms were not complete, and rights
//! groups warned that ...". The second report is a claim of its own, not part of the first.

use super::{Found, SpeakerRef};
use crate::attribution::context::Context;

/// Ends a claim's content where a coordinated clause with its own report begins.
///
/// The cut is made by the first claim, in the order the rules found them, whose speaker
/// opens a coordinated clause (", and X said", "; but X warned") inside the content. The
/// openers are sorted by position under a range-minimum table of that order, so a claim
/// costs two binary searches and one lookup, however many speakers the text has.
pub fn split_coordinated(cx: &Context, claims: &mut [Found]) {
    let openers = openers(cx, claims);
    let first = RangeMin::new(openers.iter().map(|o| o.order).collect());
    for claim in claims.iter_mut() {
        let content = claim.content;
        let from = openers.partition_point(|o| o.at <= content.start);
        let to = openers.partition_point(|o| o.at < content.end);
        let Some(k) = first.argmin(from, to) else {
            continue;
        };
        if openers[k].cut > content.start {
            claim.content.end = openers[k].cut;
        }
    }
}

/// A speaker that opens a coordinated clause.
struct Opener {
    /// Byte offset of the speaker's first token.
    at: usize,
    /// Index of its claim in the rules' order.
    order: usize,
    /// Where a content that holds it ends: before the ", and".
    cut: usize,
}

/// The speakers after ", and", ", but", "; and" or "; but", sorted by position.
fn openers(cx: &Context, claims: &[Found]) -> Vec<Opener> {
    let mut openers: Vec<Opener> = claims
        .iter()
        .enumerate()
        .filter_map(|(order, claim)| {
            let SpeakerRef::Tokens(a, _) = claim.speaker else {
                return None;
            };
            let joined = a >= 3
                && (cx.is(a - 1, "and") || cx.is(a - 1, "but"))
                && cx.is_punct(a - 2, &[",", ";"]);
            joined.then(|| Opener {
                at: cx.tokens[a].span.start,
                order,
                cut: cx.tokens[a - 3].span.end,
            })
        })
        .collect();
    openers.sort_by_key(|o| (o.at, o.order));
    openers
}

/// The position of the least key in a range of positions, in constant time after an
/// n log n build (a sparse table: level `l` holds the answer for each range of 2^l keys).
struct RangeMin {
    keys: Vec<usize>,
    levels: Vec<Vec<usize>>,
}

impl RangeMin {
    fn new(keys: Vec<usize>) -> Self {
        let mut levels = vec![(0..keys.len()).collect::<Vec<usize>>()];
        let mut width = 1;
        while 2 * width <= keys.len() {
            let below = &levels[levels.len() - 1];
            let level = (0..=keys.len() - 2 * width)
                .map(|i| Self::least(&keys, below[i], below[i + width]))
                .collect();
            levels.push(level);
            width *= 2;
        }
        RangeMin { keys, levels }
    }

    /// The position in `[from, to)` of the least key, `None` for an empty range.
    fn argmin(&self, from: usize, to: usize) -> Option<usize> {
        if from >= to {
            return None;
        }
        let level = (to - from).ilog2() as usize;
        let halves = &self.levels[level];
        Some(Self::least(
            &self.keys,
            halves[from],
            halves[to - (1 << level)],
        ))
    }

    fn least(keys: &[usize], a: usize, b: usize) -> usize {
        if keys[b] < keys[a] {
            b
        } else {
            a
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_min_agrees_with_a_scan() {
        let keys = vec![5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 11];
        let table = RangeMin::new(keys.clone());
        for from in 0..=keys.len() {
            for to in from..=keys.len() {
                let scan = (from..to).min_by_key(|&k| keys[k]);
                assert_eq!(table.argmin(from, to), scan, "{from}..{to}");
            }
        }
    }
}
