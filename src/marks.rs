//! Quotation marks: the one definition of which characters quote, and what each can do.
//! The reading stage, the quotation finder, the sentence splitter, the attribution tokens
//! and the scorer all ask here.
//!
//! Double marks quote: straight `"` and the wire pair `''` (either opens or closes, decided
//! by what flanks them), curly `“ ”`, guillemets `« »`, and `` `` `` (opening only). Single
//! marks `‘ ’ '` do not open quotations: in running text they are far more often
//! apostrophes; the splitter still lets them close a sentence.

/// What a quotation mark can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// It opens a quotation.
    Open,
    /// It closes one.
    Close,
    /// `"` and `''`: the flanking characters decide.
    Either,
}

/// The double quotation mark starting at byte `at` of `text`: its length in bytes and role.
/// In `'''` a single quote closes inside a double one, so the first of the three is none.
pub fn double_mark_at(text: &str, at: usize) -> Option<(usize, Role)> {
    let rest = &text.as_bytes()[at..];
    match rest {
        [b'"', ..] => Some((1, Role::Either)),
        [b'\'', b'\'', b'\'', ..] => None,
        [b'\'', b'\'', ..] => Some((2, Role::Either)),
        [b'`', b'`', ..] => Some((2, Role::Open)),
        _ => match text[at..].chars().next()? {
            '“' | '«' => Some((text[at..].chars().next()?.len_utf8(), Role::Open)),
            '”' | '»' => Some((text[at..].chars().next()?.len_utf8(), Role::Close)),
            _ => None,
        },
    }
}

/// Byte length of the quotation mark that opens `text` (`` `` `` and `''` are two bytes).
pub fn opening_len(text: &str) -> usize {
    double_mark_at(text, 0).map_or_else(|| text.chars().next().map_or(0, char::len_utf8), |m| m.0)
}

/// Byte length of the quotation mark that closes `text` (`''` is two bytes).
pub fn closing_len(text: &str) -> usize {
    if text.ends_with("''") {
        2
    } else {
        text.chars().next_back().map_or(0, char::len_utf8)
    }
}

/// True when `text` holds a double quotation mark.
pub fn has_double_mark(text: &str) -> bool {
    text.contains(['"', '“', '”', '«', '»']) || text.contains("``") || text.contains("''")
}

/// Quotation marks that can close a quotation or end a quoted sentence, single ones included.
pub fn is_closing_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›')
}

/// Quotation marks that can open one, single ones and `` ` `` (so also ``` `` ```) included.
pub fn is_opening_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '“' | '‘' | '«' | '‹')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mark_has_its_role_and_length() {
        let cases = [
            ("\"", Some((1, Role::Either))),
            ("''", Some((2, Role::Either))),
            ("'''", None),
            ("``", Some((2, Role::Open))),
            ("“", Some((3, Role::Open))),
            ("”", Some((3, Role::Close))),
            ("«", Some((2, Role::Open))),
            ("»", Some((2, Role::Close))),
            ("’", None),
            ("'", None),
        ];
        for (text, expected) in cases {
            assert_eq!(double_mark_at(text, 0), expected, "{text:?}");
        }
    }

    #[test]
    fn mark_lengths_at_either_end() {
        assert_eq!(opening_len("``Fine,''"), 2);
        assert_eq!(closing_len("``Fine,''"), 2);
        assert_eq!(opening_len("“Fine,”"), 3);
        assert_eq!(closing_len("«Bien»"), 2);
        assert_eq!(opening_len("\"Yes\""), 1);
    }
}
