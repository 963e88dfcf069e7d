//! Diagnostics: what the parser repaired, and what a plan gets wrong.
//!
//! A diagnostic never stops parsing. Each has a stable [`Code`] that CI
//! configurations and downstream tools may match on.

use crate::span::Span;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something the parser repaired or wants to point out; never a failure.
    Note,
    /// Probably a mistake in the document; the value is kept as written.
    Warning,
    /// A definite defect in the document (`check` exits with 1).
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident => $name:literal, $severity:ident; )*) => {
        /// The stable identifier of a diagnostic. Its string form (e.g.
        /// `unknown-party`) never changes once released.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[derive(Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[doc = $doc])* #[serde(rename = $name)] $variant, )*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable string form of the code.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity this code is reported with.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What the code fires on: its documentation, as one line.
            ///
            /// ```
            /// use actionplan::Code;
            /// assert_eq!(
            ///     Code::MissingCell.description(),
            ///     "A table row has fewer cells than its header."
            /// );
            /// ```
            pub fn description(self) -> &'static str {
                // Each doc line starts with the space after `///`, so
                // joined they read as one line.
                match self { $(Code::$variant => concat!($($doc),*).trim_ascii(),)* }
            }
        }
    };
}

codes! {
    /// A line the parser could not place in the model; its text is in the message.
    UnrecognisedLine => "unrecognised-line", Warning;
    /// A table row has fewer cells than its header.
    MissingCell => "missing-cell", Error;
    /// A table row has more cells than its header.
    ExtraCell => "extra-cell", Error;
    /// A table cell is empty (e.g. an action without a timetable).
    EmptyCell => "empty-cell", Warning;
    /// A responsible party that is not one of the known parties.
    UnknownParty => "unknown-party", Warning;
    /// A timetable cell that is not a year, a range of years, a deadline
    /// ("by 2023"), a start ("from 2022") or "ongoing".
    InvalidTimetable => "invalid-timetable", Warning;
    /// A timetable year outside the plan's period.
    TimetableOutOfPeriod => "timetable-out-of-period", Warning;
    /// A timetable range whose end is before its start.
    ReversedTimetable => "reversed-timetable", Warning;
    /// A priority-area cell whose text is not a list of area codes.
    InvalidPriorityArea => "invalid-priority-area", Error;
    /// A priority area referenced but never defined in a plan that defines its areas.
    UndefinedPriorityArea => "undefined-priority-area", Error;
    /// A priority area whose first number differs from the action's strategic priority.
    PriorityAreaMismatch => "priority-area-mismatch", Error;
    /// A priority area described twice.
    DuplicatePriorityArea => "duplicate-priority-area", Error;
    /// Action numbers skip a number.
    ActionNumberGap => "action-number-gap", Error;
    /// Two actions have the same number.
    DuplicateActionNumber => "duplicate-action-number", Error;
    /// An action's number is lower than the one before it.
    ActionOutOfOrder => "action-out-of-order", Error;
    /// Strategic priorities are not numbered 1, 2, 3, …
    StrategicPriorityNumbering => "strategic-priority-numbering", Error;
    /// Priority areas within a strategic priority are not numbered N.1, N.2, …
    PriorityAreaNumbering => "priority-area-numbering", Error;
    /// Indicators are not numbered 1, 2, 3, …
    IndicatorNumbering => "indicator-numbering", Error;
    /// A footnote marker with no footnote text.
    UndefinedFootnote => "undefined-footnote", Error;
    /// A footnote that no marker refers to.
    UnusedFootnote => "unused-footnote", Warning;
    /// Two footnotes with the same number.
    DuplicateFootnote => "duplicate-footnote", Error;
    /// An acronym used in the text but missing from the glossary.
    AcronymNotInGlossary => "acronym-not-in-glossary", Warning;
    /// A glossary entry that the text never uses.
    UnusedGlossaryEntry => "unused-glossary-entry", Warning;
    /// Rows continuing an action (after a page break, or a cell over several lines) were joined to it.
    JoinedContinuation => "joined-continuation", Note;
    /// A party name broken across two rows was joined back together.
    HealedPartyName => "healed-party-name", Note;
    /// Party names run together without a space (`EuropolEurojust`) were
    /// read apart.
    RunTogetherParties => "run-together-parties", Note;
    /// A hyphen followed by a space and a lower-case word (`Development- centered`): a word broken at a line end, kept as written.
    BrokenWord => "broken-word", Warning;
    /// A garbled near-duplicate of text the action already has was dropped.
    DroppedGarbledLine => "dropped-garbled-line", Warning;
    /// A page's running footer or number (`EN 3 EN`, `Page 3 of 12`) left
    /// by PDF extraction was dropped.
    DroppedPageFooter => "dropped-page-footer", Note;
    /// A table header merged into the first row was separated from it.
    MergedHeader => "merged-header", Note;
    /// A table header split over two lines was joined.
    SplitHeader => "split-header", Note;
    /// A table row that continues no action (nothing above it to continue).
    OrphanRow => "orphan-row", Error;
    /// A merged HTML cell (`rowspan`) was not repeated into every row it
    /// reaches: that would have repeated more text than twice the table's
    /// own length (and 64 KiB besides).
    UncarriedCell => "uncarried-cell", Warning;
}

/// A string that names no [`Code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a diagnostic code")]
pub struct UnknownCode(pub String);

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    /// The code with this string form.
    ///
    /// ```
    /// use actionplan::Code;
    /// assert_eq!("unknown-party".parse(), Ok(Code::UnknownParty));
    /// assert!("unknown party".parse::<Code>().is_err());
    /// ```
    fn from_str(name: &str) -> Result<Code, UnknownCode> {
        let found = Code::ALL.iter().find(|code| code.as_str() == name);
        found.copied().ok_or_else(|| UnknownCode(name.to_owned()))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about the source text, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Its stable code.
    pub code: Code,
    /// A message naming the offending values.
    pub message: String,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
    /// The offending text.
    pub span: Span,
}

impl Diagnostic {
    /// A diagnostic with the code's own severity. Its `line` and `column`
    /// are 0, which no position is, until the plan it belongs to is
    /// assembled and fills them in.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            line: 0,
            column: 0,
            span,
        }
    }
}
