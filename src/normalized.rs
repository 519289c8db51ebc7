//! A text's normalized view and its alignment to the original, after HF tokenizers'
//! `NormalizedString`: the stages read the clean view, records point into the original.
//!
//! The alignment is a list of pieces rather than one entry a byte: each piece either copies
//! a run of the original unchanged (offsets inside it shift by a constant) or replaces a run
//! by other text (its inside maps to the whole run). A text with no edits is one piece, so
//! the map costs nothing on the common case and stays small on any text. Every edit goes
//! through [`Builder::push`], so the view and the map cannot drift apart.

use crate::text::ByteSpan;

/// One run of the normalized view and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Where the run starts in the normalized view.
    normalized: usize,
    /// Where the run it came from starts in the original.
    original: usize,
    /// True when the run is the original's bytes unchanged, false when it replaces them.
    copied: bool,
}

/// Maps byte offsets of a normalized view back to the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    pieces: Vec<Piece>,
    /// Lengths of the two texts, which close the last piece.
    normalized_len: usize,
    original_len: usize,
}

impl Alignment {
    /// The alignment of a text with itself.
    pub fn identity(len: usize) -> Self {
        Alignment {
            pieces: vec![Piece {
                normalized: 0,
                original: 0,
                copied: true,
            }],
            normalized_len: len,
            original_len: len,
        }
    }

    /// True when the view is the original unchanged.
    pub fn is_identity(&self) -> bool {
        self.pieces.len() == 1 && self.normalized_len == self.original_len
    }

    /// The original span that `span` of the view came from. A span that starts right after a
    /// deleted character does not take it in, nor does one that ends right before it; a span
    /// that takes in part of a replacement takes in all of what it replaced.
    pub fn original(&self, span: ByteSpan) -> ByteSpan {
        let start = self.original_start(span.start);
        let end = self.original_end(span.end).max(start);
        ByteSpan::new(start, end)
    }

    fn original_start(&self, at: usize) -> usize {
        let n = self.pieces.partition_point(|p| p.normalized <= at) - 1;
        let piece = self.pieces[n];
        if piece.copied || at == piece.normalized {
            piece.original + (at - piece.normalized)
        } else {
            piece.original
        }
    }

    fn original_end(&self, at: usize) -> usize {
        let after = self.pieces.partition_point(|p| p.normalized < at);
        let Some(n) = after.checked_sub(1) else {
            return 0;
        };
        let piece = self.pieces[n];
        if piece.copied {
            piece.original + (at - piece.normalized)
        } else {
            self.pieces
                .get(n + 1)
                .map_or(self.original_len, |next| next.original)
        }
    }
}

impl Default for Alignment {
    /// The alignment of the empty text with itself.
    fn default() -> Self {
        Alignment::identity(0)
    }
}

/// Builds a normalized view of `original` left to right: copy up to a place, or replace the
/// bytes up to a place by other text.
pub struct Builder<'a> {
    original: &'a str,
    /// How far the original has been consumed.
    read: usize,
    text: String,
    pieces: Vec<Piece>,
}

impl<'a> Builder<'a> {
    /// Starts on `original`, nothing consumed yet.
    pub fn new(original: &'a str) -> Self {
        Builder {
            original,
            read: 0,
            text: String::with_capacity(original.len()),
            pieces: Vec::new(),
        }
    }

    /// How far the original has been consumed.
    pub fn position(&self) -> usize {
        self.read
    }

    /// Copies the original up to byte `to` unchanged.
    pub fn copy_to(&mut self, to: usize) {
        self.push(to, None);
    }

    /// Replaces the original's bytes up to `to` by `with` (empty to delete them).
    pub fn replace_to(&mut self, to: usize, with: &str) {
        self.push(to, Some(with));
    }

    /// The one edit: consumes the original up to `to`, copying it or writing `with` instead,
    /// and records the piece. Adjacent copies merge into one piece.
    fn push(&mut self, to: usize, with: Option<&str>) {
        assert!(
            to >= self.read && self.original.is_char_boundary(to),
            "an edit must move forward to a char boundary"
        );
        if to == self.read && with.is_none_or(str::is_empty) {
            return;
        }
        let copied = with.is_none();
        let extends = copied && self.pieces.last().is_some_and(|p| p.copied);
        if !extends {
            self.pieces.push(Piece {
                normalized: self.text.len(),
                original: self.read,
                copied,
            });
        }
        self.text
            .push_str(with.unwrap_or(&self.original[self.read..to]));
        self.read = to;
    }

    /// The view and its alignment; the rest of the original is copied first.
    pub fn finish(mut self) -> (String, Alignment) {
        self.copy_to(self.original.len());
        if self.pieces.is_empty() {
            self.pieces.push(Piece {
                normalized: 0,
                original: 0,
                copied: true,
            });
        }
        let alignment = Alignment {
            pieces: self.pieces,
            normalized_len: self.text.len(),
            original_len: self.original.len(),
        };
        (self.text, alignment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An edit: the original byte range `start..end` and what replaces it.
    type Edit<'a> = (usize, usize, &'a str);

    /// Edits applied in order.
    fn build(original: &str, edits: &[Edit]) -> (String, Alignment) {
        let mut builder = Builder::new(original);
        for &(start, end, with) in edits {
            builder.copy_to(start);
            builder.replace_to(end, with);
        }
        builder.finish()
    }

    #[test]
    fn no_edit_is_the_identity() {
        let (text, alignment) = build("Café said.", &[]);
        assert_eq!(text, "Café said.");
        assert!(alignment.is_identity());
        assert_eq!(alignment, Alignment::identity(text.len()));
    }

    /// Every span of whole characters of the view maps back to original char boundaries, in
    /// order, and a span of copied text maps to the same text.
    #[test]
    fn every_edit_maps_back_at_every_char_boundary() {
        let cases: &[(&str, &[Edit], &str)] = &[
            ("a\r\nb", &[(1, 3, "\n")], "a\nb"),
            ("\u{feff}He said.", &[(0, 3, "")], "He said."),
            ("a\u{a0}b", &[(1, 3, " ")], "a b"),
            ("inter-\nnational", &[(5, 7, "")], "international"),
            ("one\u{c}two", &[(3, 4, "\n\n")], "one\n\ntwo"),
            ("x\u{ad}y\u{200b}z", &[(1, 3, ""), (4, 7, "")], "xyz"),
        ];
        for &(original, edits, expected) in cases {
            let (text, alignment) = build(original, edits);
            assert_eq!(text, expected, "{original:?}");
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (n, &start) in bounds.iter().enumerate() {
                for &end in &bounds[n..] {
                    let back = alignment.original(ByteSpan::new(start, end));
                    assert!(back.start <= back.end && back.end <= original.len());
                    assert!(original.is_char_boundary(back.start));
                    assert!(original.is_char_boundary(back.end));
                }
            }
        }
    }

    #[test]
    fn spans_come_back_as_the_original_slices() {
        let original = "\u{feff}Mr. Smith said\r\nthe inter-\nnational plan\u{a0}works.";
        let (text, alignment) = build(
            original,
            &[(0, 3, ""), (17, 19, " "), (28, 30, ""), (43, 45, " ")],
        );
        assert_eq!(text, "Mr. Smith said the international plan works.");
        let back = |word: &str| {
            let at = text.find(word).unwrap();
            let span = alignment.original(ByteSpan::new(at, at + word.len()));
            &original[span.start..span.end]
        };
        assert_eq!(back("Mr."), "Mr.");
        assert_eq!(back("said the"), "said\r\nthe");
        assert_eq!(back("international"), "inter-\nnational");
        assert_eq!(back("plan works."), "plan\u{a0}works.");
        assert_eq!(
            back("Mr. Smith said the international plan works."),
            &original[3..]
        );
    }
}
