//! Word wrapping for `show`: lines break at the article's spaces, never inside a word or
//! inside a mark, measured in terminal columns.
//!
//! Escape codes take no columns, wide characters (CJK) take two and combining marks none
//! (`unicode-width`). A word longer than a line is cut before a character that takes room,
//! so a combining mark stays with its letter. Colours need no care at a break: a terminal
//! keeps the current colour across a line end.

use unicode_width::UnicodeWidthChar;

/// Columns between tab stops, as terminals set them.
const TAB: usize = 8;

/// Builds the output, wrapping at `width` columns when there is one.
pub struct Wrapper {
    width: Option<usize>,
    out: String,
    /// Columns used on the current line.
    column: usize,
    /// The word being gathered (text, marks and escape codes) and its columns.
    word: String,
    word_width: usize,
    /// What stands between the last word placed and `word`: spaces and tabs (dropped when
    /// the line breaks there) and escape codes (always kept, in order).
    gap: Vec<Gap>,
}

enum Gap {
    Space(char),
    Code(String),
}

impl Wrapper {
    /// A wrapper for lines of at most `width` columns, or none for no wrapping.
    pub fn new(width: Option<usize>) -> Self {
        Wrapper {
            width: width.filter(|&w| w > 0),
            out: String::new(),
            column: 0,
            word: String::new(),
            word_width: 0,
            gap: Vec::new(),
        }
    }

    /// Article text: its spaces and tabs are where lines may break, its line ends end lines.
    pub fn text(&mut self, text: &str) {
        if self.width.is_none() {
            self.out.push_str(text);
            return;
        }
        for c in text.chars() {
            match c {
                ' ' | '\t' => {
                    self.place_word();
                    self.gap.push(Gap::Space(c));
                }
                '\n' | '\r' => {
                    self.place_word();
                    self.end_line(c);
                }
                _ => self.push_char(c),
            }
        }
    }

    /// Text that belongs to the word it touches (a mark such as `[S3 ` or `⟨3⟩`): no line
    /// breaks inside it or between it and its word.
    pub fn glued(&mut self, text: &str) {
        if self.width.is_none() {
            self.out.push_str(text);
            return;
        }
        text.chars().for_each(|c| self.push_char(c));
    }

    /// An escape code: no columns.
    pub fn code(&mut self, code: &str) {
        if self.width.is_none() || self.word.is_empty() && !self.gap.is_empty() {
            if self.width.is_some() {
                self.gap.push(Gap::Code(code.to_owned()));
            } else {
                self.out.push_str(code);
            }
        } else {
            self.word.push_str(code);
        }
    }

    /// The output, the last word placed.
    pub fn finish(mut self) -> String {
        self.place_word();
        self.flush_gap(true);
        self.out
    }

    fn push_char(&mut self, c: char) {
        self.word.push(c);
        self.word_width += c.width().unwrap_or(0);
    }

    /// Puts the gathered word on this line after the gap, or on the next one when it does
    /// not fit; a word wider than a whole line is cut.
    fn place_word(&mut self) {
        let Some(width) = self.width else { return };
        if self.word.is_empty() {
            return;
        }
        let gap_width = self.gap_width();
        if self.column > 0 && self.column + gap_width + self.word_width > width {
            self.flush_gap(true);
            self.out.push('\n');
            self.column = 0;
        } else {
            self.flush_gap(false);
        }
        let word = std::mem::take(&mut self.word);
        if self.column + self.word_width <= width {
            self.out.push_str(&word);
            self.column += self.word_width;
        } else {
            self.cut(&word, width);
        }
        self.word_width = 0;
    }

    /// Writes a word wider than the line, breaking before the character that would overflow
    /// (never before one that takes no room, such as a combining mark).
    fn cut(&mut self, word: &str, width: usize) {
        let mut chars = word.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                // An escape code: copied whole, no columns.
                self.out.push(c);
                for code in chars.by_ref() {
                    self.out.push(code);
                    if code.is_ascii_alphabetic() {
                        break;
                    }
                }
                continue;
            }
            let w = c.width().unwrap_or(0);
            if w > 0 && self.column + w > width && self.column > 0 {
                self.out.push('\n');
                self.column = 0;
            }
            self.out.push(c);
            self.column += w;
        }
    }

    /// The columns the gap's spaces and tabs would take from the current column.
    fn gap_width(&self) -> usize {
        self.gap.iter().fold(0, |taken, gap| match gap {
            Gap::Space('\t') => taken + TAB - (self.column + taken) % TAB,
            Gap::Space(_) => taken + 1,
            Gap::Code(_) => taken,
        })
    }

    /// Writes the gap: its codes always, its spaces unless the line breaks here.
    fn flush_gap(&mut self, breaking: bool) {
        let width = self.gap_width();
        for gap in std::mem::take(&mut self.gap) {
            match gap {
                Gap::Space(c) if !breaking => self.out.push(c),
                Gap::Space(_) => {}
                Gap::Code(code) => self.out.push_str(&code),
            }
        }
        if !breaking {
            self.column += width;
        }
    }

    /// An end of line in the article: kept, and the next line starts at column 0.
    fn end_line(&mut self, end: char) {
        self.flush_gap(true);
        self.out.push(end);
        self.column = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(width: usize, text: &str) -> String {
        let mut wrapper = Wrapper::new(Some(width));
        wrapper.text(text);
        wrapper.finish()
    }

    #[test]
    fn lines_break_at_spaces_within_the_width() {
        // (width, text, wrapped)
        let cases = [
            (10, "one two three four", "one two\nthree four"),
            (5, "a bb ccc", "a bb\nccc"),
            (4, "abcdefghij", "abcd\nefgh\nij"),
            (6, "ab\n\ncd ef gh", "ab\n\ncd ef\ngh"),
            // Wide characters take two columns each.
            (6, "日本語 です", "日本語\nです"),
            // A combining accent takes none and stays with its letter.
            (
                3,
                "e\u{301}e\u{301}e\u{301}e\u{301}",
                "e\u{301}e\u{301}e\u{301}\ne\u{301}",
            ),
            (10, "a\tb c", "a\tb\nc"),
            (8, "a\tb c", "a\nb c"),
        ];
        for (width, text, wrapped) in cases {
            assert_eq!(wrap(width, text), wrapped, "{text:?} at {width}");
        }
    }

    #[test]
    fn codes_take_no_room_and_marks_stay_with_their_word() {
        let mut wrapper = Wrapper::new(Some(9));
        wrapper.text("said ");
        wrapper.code("\x1b[32m");
        wrapper.glued("{1 ");
        wrapper.text("yes it is");
        wrapper.code("\x1b[0m");
        wrapper.glued("}");
        assert_eq!(wrapper.finish(), "said\x1b[32m\n{1 yes it\nis\x1b[0m}");
    }

    #[test]
    fn without_a_width_the_text_goes_through_unchanged() {
        let mut wrapper = Wrapper::new(None);
        let text = "a  b\r\n\tc   ";
        wrapper.text(text);
        assert_eq!(wrapper.finish(), text);
    }
}
