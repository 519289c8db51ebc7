//! claimx: who said what in news articles.
//!
//! An article becomes a [`document::Document`]; stages add one layer each:
//!
//! ```text
//! original ─ reading (the clean view) ─ sentences ─ quotes ─ entities (NER) ─ attribution ─ claims ─ output
//! ```
//!
//! Offsets: every span inside the pipeline is a [`text::ByteSpan`], half-open byte offsets
//! into `Document::text`, the reading stage's view. Records carry code-point offsets into
//! the original text, mapped back through the view's [`normalized::Alignment`] and
//! converted once by [`text::CharIndex`] when a record is built.
#![warn(missing_docs)]

pub mod attribution;
pub mod claims;
pub mod corpus;
pub mod document;
pub mod entities;
pub mod eval;
pub mod formats;
pub mod marks;
pub mod normalized;
pub mod output;
pub mod pipeline;
pub mod quotes;
pub mod reading;
pub mod sentences;
pub mod service;
pub mod text;
pub mod timings;
