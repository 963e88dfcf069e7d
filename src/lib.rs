//! `actionplan` turns the raw texts of EU drugs action plans — the
//! Council's Markdown/HTML text and the Commission's PDF extraction — into
//! one typed, spanned model: sections, strategic priorities, priority areas,
//! actions with their timetables and responsible parties, footnotes,
//! indicators and glossary.
//!
//! ```
//! let text = "Action\tPriority area\tTimetable\tResponsible party\n\
//!             <p><b>Action 1</b> Do it.</p>\t<p>1.1. Target.</p>\t2021-2025\tEuropol Member States\n";
//! let plan = actionplan::parse(text).expect("a plan");
//! assert_eq!(plan.actions[0].number, 1);
//! assert_eq!(plan.actions[0].text, "Do it.");
//! assert_eq!(plan.actions[0].parties, [actionplan::Party::Europol, actionplan::Party::MemberStates]);
//! ```
//!
//! Parsing never fails on a plan: what is odd about a value becomes a
//! [`Diagnostic`] in [`Plan::diagnostics`]. Only text that is not a plan at
//! all is an [`Error`].
//!
//! The model's structs, the flat rows of [`export`], and the enums that
//! may grow ([`Party`], [`Code`], [`DiagnosticKind`], [`Dialect`], [`Form`],
//! [`Column`], [`TimetableKind`], [`Recurrence`], [`YearPart`], [`RefSite`],
//! [`RefPart`], [`export::Table`], [`diff::ActionChange`], [`diff::Key`],
//! [`diff::MetaField`], [`diff::Place`]), are
//! `#[non_exhaustive]`: a minor version may add a field, a party or a
//! diagnostic code (as the JSON's `schema_version` says). Read their fields
//! and match with a `..` or `_` arm; a value is made by parsing, or by
//! deserialising its JSON.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

mod diagnostic;
pub mod diff;
mod document;
pub mod export;
mod form;
mod glossary;
mod model;
mod render;
mod resolve;
mod span;
#[cfg(test)]
mod testing;
mod text;
mod validate;
mod values;

pub use diagnostic::{Code, Diagnostic, DiagnosticKind, Severity, UnknownCode};
pub use model::{
    Action, ActionSpans, Column, Dialect, Entry, Footnote, FootnoteRef, Form, GlossaryEntry,
    Indicator, Item, Meta, MetaSpans, Objective, OtherCell, Paragraph, Period, Plan, PriorityArea,
    RefPart, RefSite, Section, StrategicPriority, UnknownDialect, SCHEMA_VERSION,
};
pub use render::render;
pub use span::{LineIndex, Position, Span};
pub use validate::validate;
pub use values::party::{read_parties, Party, PartyMatch};
pub use values::timetable::{Recurrence, Timetable, TimetableKind, YearPart};

/// Why a text could not be read as a plan at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// The input is not valid UTF-8.
    #[error("the input is not UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The input contains NUL bytes, so it is binary, not a plan text.
    #[error("the input is binary, not text (NUL byte at offset {offset})")]
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// The text has no action table: no table header naming an action
    /// column, and not two action rows (or a text's only one) with a
    /// recognised timetable, party or priority area beside their text.
    #[error(
        "no action table found: looked for a table header naming an action column, or \
         `Action N` rows with a timetable, parties or priority areas beside them; {}",
        match nearest {
            Some(near) => format!(
                "the nearest is line {}, `{}`, with none of these beside it",
                near.line, near.text
            ),
            None => "the text has no row starting with `Action N`".to_owned(),
        }
    )]
    NoActionTable {
        /// The row most like an action that was found, if any.
        nearest: Option<Nearest>,
    },
}

/// The row most like an action in a text refused as a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Nearest {
    /// Its 1-based line.
    pub line: usize,
    /// Its first characters (at most 60), trimmed.
    pub text: String,
}

impl From<std::str::Utf8Error> for Error {
    fn from(e: std::str::Utf8Error) -> Self {
        Error::NotUtf8 {
            offset: e.valid_up_to(),
        }
    }
}

/// How to parse. `Default` detects the dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Parse as this dialect instead of detecting it.
    pub dialect: Option<Dialect>,
}

impl ParseOptions {
    /// Options that force `dialect`.
    pub fn with_dialect(dialect: Dialect) -> Self {
        ParseOptions {
            dialect: Some(dialect),
        }
    }
}

/// Parses a plan text, detecting its dialect.
///
/// # Errors
///
/// Only when the text is not a plan at all: [`Error::Empty`],
/// [`Error::Binary`] (a NUL byte) or [`Error::NoActionTable`]. Everything
/// else the text gets wrong is reported in [`Plan::diagnostics`].
pub fn parse(text: &str) -> Result<Plan, Error> {
    parse_with(text, &ParseOptions::default())
}

/// Parses a plan text with options.
///
/// ```
/// use actionplan::{parse_with, Dialect, ParseOptions};
/// let text = "Action 1. Share data.\t1.1\t2021-2025\tEuropol\n";
/// let plan = parse_with(text, &ParseOptions::with_dialect(Dialect::Commission)).unwrap();
/// assert_eq!(plan.actions[0].parties, [actionplan::Party::Europol]);
/// ```
///
/// # Errors
///
/// As [`parse`].
pub fn parse_with(text: &str, options: &ParseOptions) -> Result<Plan, Error> {
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
        return Err(Error::Binary { offset });
    }
    let dialect = options.dialect.unwrap_or_else(|| detect(text));
    let draft = match dialect {
        Dialect::Council => document::council::read(text),
        Dialect::Commission => document::commission::read(text),
    };
    if draft.rows.is_empty() {
        return Err(Error::NoActionTable { nearest: None });
    }
    let headed = draft.action_header;
    let plan = resolve::resolve(draft, dialect, text);
    if !headed && !has_action_rows(&plan) {
        let first = plan.actions.first();
        let nearest = first.map(|action| {
            let row = text.get(action.span.range()).unwrap_or_default();
            let row = row.lines().next().unwrap_or_default().trim();
            Nearest {
                line: action.line,
                text: row.chars().take(60).collect(),
            }
        });
        return Err(Error::NoActionTable { nearest });
    }
    Ok(plan)
}

/// True when a plan without a header naming its action column still has
/// an action table: two actions (or its only one) with a timetable, a
/// known party or a priority area beside the text. A text that only
/// mentions actions (`Action 18 → 17` in a README, `[Action 1.1 – KPI 1]`)
/// has none.
fn has_action_rows(plan: &Plan) -> bool {
    let recognised = |action: &&Action| {
        let timetable = !matches!(
            action.timetable.kind(),
            TimetableKind::NotGiven | TimetableKind::Unparsed
        );
        let party = action
            .parties
            .iter()
            .any(|p| !matches!(p, Party::Unknown(_)));
        timetable || party || !action.priority_areas.is_empty()
    };
    let found = plan.actions.iter().filter(recognised).count();
    found >= plan.actions.len().min(2)
}

/// Parses bytes: checks they are UTF-8 first, naming the offending offset.
///
/// # Errors
///
/// [`Error::NotUtf8`] with the offset of the first invalid byte, or as
/// [`parse`].
pub fn parse_bytes(bytes: &[u8], options: &ParseOptions) -> Result<Plan, Error> {
    parse_with(std::str::from_utf8(bytes)?, options)
}

/// Guesses the dialect: Markdown headings, HTML cells or HTML table rows
/// mean the Council's text; anything else is read as a PDF extraction (the Commission's).
pub fn detect(text: &str) -> Dialect {
    // The first 2,000 lines decide (found with memchr: the standard
    // library's line search cost 2 % of a Commission parse).
    let bytes = text.as_bytes();
    let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    let heading = line_starts.take(2000).any(|at| {
        let line = text.get(at..).unwrap_or_default();
        let line = line.trim_start_matches('\u{feff}');
        line.starts_with("# ") || line.starts_with("## ")
    });
    let early = |at: usize| {
        let before = bytes.get(..at).unwrap_or_default();
        memchr::memchr_iter(b'\n', before).nth(1999).is_none()
    };
    let tagged = |tag: &str| memchr::memmem::find(bytes, tag.as_bytes()).is_some_and(early);
    let council = heading || tagged("<p>") || tagged("<b>Action") || tagged("<tr");
    if council {
        Dialect::Council
    } else {
        Dialect::Commission
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialect_is_told_by_headings_or_cells_in_the_first_2000_lines() {
        for council in [
            "# Title\nx",
            "\u{feff}## Title",
            "x\r\n<p>cell</p>",
            "<table>\n<tr>\n<td>Action 1</td>",
            "Action 1\t<b>Action 2</b>",
        ] {
            assert_eq!(detect(council), Dialect::Council, "{council:?}");
        }
        for commission in ["#Title", "x # y", "Action 1\tx", "<P>", ""] {
            assert_eq!(detect(commission), Dialect::Commission, "{commission:?}");
        }
        let late = |lines: usize| format!("{}<p>x</p>\n", "x\n".repeat(lines));
        assert_eq!(detect(&late(1999)), Dialect::Council);
        assert_eq!(detect(&late(2000)), Dialect::Commission);
    }
}
