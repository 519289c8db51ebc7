//! claimx: who said what in news articles.
//!
//! An article becomes a [`document::Document`]; stages add one layer each:
//!
//! ```text
//! text ─ sentences ─ quotes ─ entities (NER) ─ attribution ─ claims ─ output
//! ```
//!
//! Offsets: every span inside the pipeline is a [`text::ByteSpan`], half-open byte offsets
//! into `Document::text`. Records carry code-point offsets, converted once by
//! [`text::CharIndex`] when a record is built.
#![warn(missing_docs)]

pub mod attribution;
pub mod claims;
pub mod document;
pub mod entities;
pub mod eval;
pub mod pipeline;
pub mod quotes;
pub mod sentences;
pub mod text;
