//! `claimx show`: an article with its claims marked, for checking the output by eye, then a
//! table of the claims.
//!
//! A legend line comes first. In the article every claim's speaker, cue and each part of its
//! content are marked, the content with the claim's number as in the table:
//!
//! - in colour (stdout a terminal, `TERM` set and not `dumb`, `NO_COLOR` unset or empty; or
//!   `--color always`): contents green, a content inside another claim's content cyan,
//!   speakers bold blue, cues bold yellow, and a dim `⟨n⟩` where a part of claim n starts.
//!   After every mark that closes, the colours of the marks still open are set again, so a
//!   content stays coloured after a speaker inside it.
//! - in plain text: `{n …}` a part of claim n's content, `[Sn …]` its speaker, `[Cn …]` its
//!   cue, with every claim that shares a span named (`[S6,7 Russia]`). Brackets always nest
//!   and close (see [`marks::nest`]); the article's own `\`, `[`, `]`, `{` and `}` are written
//!   `\\`, `\[`, `\]`, `\{` and `\}`, so removing the marks and the escapes gives back the
//!   article exactly.
//!
//! On a terminal, lines wrap at word boundaries to its width (`--width N` for another
//! width); piped, they do not wrap unless `--width` is given, so the article keeps its lines.

mod marks;
mod table;
mod wrap;

use std::ffi::OsStr;

use claimx::claims::ClaimRecord;
use claimx::document::Document;

use super::args::ColorChoice;
use marks::{Event, Mark, Role};
use wrap::Wrapper;

/// How to show an article.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Colours instead of brackets.
    pub colour: bool,
    /// The line width to wrap at, when there is one.
    pub width: Option<usize>,
    /// Whole contents (and speakers and cues) in the table.
    pub full: bool,
}

/// Whether to colour: `--color always` or `never`, or with `auto` only on a terminal whose
/// `TERM` is set and not `dumb`, when `NO_COLOR` is not set to a non-empty value (the
/// no-color.org convention).
pub fn colour_wanted(
    choice: ColorChoice,
    terminal: bool,
    term: Option<&OsStr>,
    no_color: Option<&OsStr>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let term_ok = term.is_some_and(|t| !t.is_empty() && t != "dumb");
            let no_color = no_color.is_some_and(|v| !v.is_empty());
            terminal && term_ok && !no_color
        }
    }
}

/// The line width: `--width` when given (0 for none), else the terminal's, else none.
pub fn width(given: Option<usize>, terminal: Option<usize>) -> Option<usize> {
    match given {
        Some(0) => None,
        Some(width) => Some(width),
        None => terminal,
    }
}

/// Renders the legend, the marked article and the table of claims.
pub fn render(doc: &Document, records: &[ClaimRecord], options: Options) -> String {
    let mut out = legend(options);
    out.push_str("\n\n");
    out.push_str(&article(doc, options));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&table::render(
        records,
        table::Layout {
            width: options.width,
            full: options.full,
        },
    ));
    out
}

/// SGR parameters of each look.
const CONTENT: &str = "32";
const NESTED_CONTENT: &str = "36";
const SPEAKER: &str = "1;34";
const CUE: &str = "1;33";
const NUMBER: &str = "2";
const RESET: &str = "\x1b[0m";

/// One line that says what the marks mean.
fn legend(options: Options) -> String {
    let mut wrapper = Wrapper::new(options.width);
    if options.colour {
        wrapper.text("Legend: ");
        wrapper.code(&format!("\x1b[{NUMBER}m"));
        wrapper.glued("⟨n⟩");
        wrapper.code(RESET);
        for (sgr, text) in [
            (CONTENT, "what claim #n claimed,"),
            (NESTED_CONTENT, "a claim inside another's,"),
            (SPEAKER, "speaker,"),
            (CUE, "cue"),
        ] {
            wrapper.text(" ");
            wrapper.code(&format!("\x1b[{sgr}m"));
            wrapper.text(text);
            wrapper.code(RESET);
        }
    } else {
        wrapper.text(
            "Legend: {n ...} what claim #n claimed, [Sn ...] its speaker, [Cn ...] its cue; \
             \\[ \\] \\{ \\} \\\\ are the article's own brackets and backslashes",
        );
    }
    wrapper.finish()
}

/// The article with every mark, wrapped.
fn article(doc: &Document, options: Options) -> String {
    let marks = marks::collect(doc);
    let events = marks::nest(&marks, doc.original.len());
    let mut writer = MarkWriter {
        marks: &marks,
        wrapper: Wrapper::new(options.width),
        stack: Vec::new(),
        colour: options.colour,
        restyle: false,
        shown: RESET.to_owned(),
    };
    for event in events {
        match event {
            Event::Text(span) => writer.text(&doc.original[span.start..span.end]),
            Event::Open { mark, fresh } => writer.open(mark, fresh),
            Event::Close { mark } => writer.close(mark),
        }
    }
    // Every mark is closed by now: this resets the colours.
    writer.set_style();
    writer.wrapper.finish()
}

/// Writes the events in colour or brackets, keeping the stack of open marks.
struct MarkWriter<'a> {
    marks: &'a [Mark],
    wrapper: Wrapper,
    stack: Vec<usize>,
    colour: bool,
    /// The open marks changed since the colours were last set.
    restyle: bool,
    /// The colours last set, so that a close and an open that leave them as they were
    /// write nothing.
    shown: String,
}

impl MarkWriter<'_> {
    fn text(&mut self, text: &str) {
        if self.colour {
            self.set_style();
            self.wrapper.text(text);
            return;
        }
        // Plain: the article's own brackets and backslashes are escaped.
        let mut from = 0;
        for (at, c) in text.match_indices(['\\', '[', ']', '{', '}']) {
            self.wrapper.text(&text[from..at]);
            self.wrapper.glued(&format!("\\{c}"));
            from = at + c.len();
        }
        self.wrapper.text(&text[from..]);
    }

    fn open(&mut self, index: usize, fresh: bool) {
        let mark = &self.marks[index];
        let claims = numbers(&mark.claims);
        if self.colour {
            if fresh && mark.role == Role::Content {
                self.set_style();
                self.wrapper.code(&format!("\x1b[{NUMBER}m"));
                self.wrapper.glued(&format!("⟨{claims}⟩"));
                self.shown.clear();
            }
            self.stack.push(index);
            self.restyle = true;
            return;
        }
        self.stack.push(index);
        let open = match mark.role {
            Role::Content => format!("{{{claims} "),
            Role::Speaker => format!("[S{claims} "),
            Role::Cue => format!("[C{claims} "),
        };
        self.wrapper.glued(&open);
    }

    fn close(&mut self, index: usize) {
        let popped = self.stack.pop();
        debug_assert_eq!(popped, Some(index), "marks close innermost first");
        if self.colour {
            self.restyle = true;
            return;
        }
        let close = match self.marks[index].role {
            Role::Content => "}",
            Role::Speaker | Role::Cue => "]",
        };
        self.wrapper.glued(close);
    }

    /// Sets the colours of every open mark, outermost first, after a reset: what was open
    /// before a mark closed looks as it did before that mark opened.
    fn set_style(&mut self) {
        if !self.restyle {
            return;
        }
        self.restyle = false;
        let mut code = RESET.to_owned();
        let mut contents = 0;
        for &index in &self.stack {
            let sgr = match self.marks[index].role {
                Role::Content => {
                    contents += 1;
                    if contents > 1 {
                        NESTED_CONTENT
                    } else {
                        CONTENT
                    }
                }
                Role::Speaker => SPEAKER,
                Role::Cue => CUE,
            };
            code.push_str(&format!("\x1b[{sgr}m"));
        }
        if code != self.shown {
            self.wrapper.code(&code);
            self.shown = code;
        }
    }
}

/// "3" or "6,7".
fn numbers(claims: &[usize]) -> String {
    claims
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_where_it_is_wanted() {
        let os = |s: &'static str| Some(OsStr::new(s));
        // (choice, terminal, TERM, NO_COLOR, colour)
        let cases = [
            (ColorChoice::Auto, true, os("xterm-256color"), None, true),
            (ColorChoice::Auto, false, os("xterm"), None, false),
            (ColorChoice::Auto, true, os("dumb"), None, false),
            (ColorChoice::Auto, true, None, None, false),
            (ColorChoice::Auto, true, os("xterm"), os("1"), false),
            (ColorChoice::Auto, true, os("xterm"), os(""), true),
            (ColorChoice::Always, false, os("dumb"), os("1"), true),
            (ColorChoice::Never, true, os("xterm"), None, false),
        ];
        for (choice, terminal, term, no_color, colour) in cases {
            assert_eq!(
                colour_wanted(choice, terminal, term, no_color),
                colour,
                "{choice:?} {terminal} {term:?} {no_color:?}"
            );
        }
    }

    #[test]
    fn the_width_given_wins_and_zero_means_none() {
        assert_eq!(width(Some(100), Some(160)), Some(100));
        assert_eq!(width(Some(0), Some(160)), None);
        assert_eq!(width(None, Some(160)), Some(160));
        assert_eq!(width(None, None), None);
    }
}
