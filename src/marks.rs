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
}
