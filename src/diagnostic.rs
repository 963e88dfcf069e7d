//! Diagnostics: what the parser repaired, and what a plan gets wrong.
//!
//! A diagnostic never stops parsing. Each is a [`DiagnosticKind`] carrying
//! the finding's own data (the unknown party's name, the missing columns),
//! with a stable [`Code`] that CI configurations and downstream tools may
//! match on, and a message made from that data.

use crate::model::{Column, Period, RefPart, RefSite};
use crate::span::{LineIndex, Span};
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

/// Declares [`Code`] and [`DiagnosticKind`] together: one line per
/// diagnostic gives its variant, its data, its stable name and its
/// severity, so that the two enums cannot drift apart.
macro_rules! diagnostics {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident { $( $(#[$field_doc:meta])* $field:ident : $type:ty ),* $(,)? }
            => $name:literal, $severity:ident;
    )*) => {
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

        /// What a diagnostic found, with the finding's own data. In JSON it
        /// is the diagnostic's `code` and its `data` object (the variant's
        /// fields).
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "code", content = "data")]
        #[non_exhaustive]
        pub enum DiagnosticKind {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $name)]
                #[non_exhaustive]
                $variant { $( $(#[$field_doc])* $field: $type, )* },
            )*
        }

        impl DiagnosticKind {
            /// The stable code of this kind of finding.
            pub fn code(&self) -> Code {
                match self { $(DiagnosticKind::$variant { .. } => Code::$variant,)* }
            }
        }
    };
}

diagnostics! {
    /// A line the parser could not place in the model; its text is in the message.
    UnrecognisedLine {
        /// The line, trimmed (its first 2,000 characters).
        text: String,
        /// How many characters of the line are not quoted.
        more: usize,
    } => "unrecognised-line", Warning;
    /// A table row has fewer cells than its header.
    MissingCell {
        /// The action.
        action: u32,
        /// How many cells the row has.
        cells: usize,
        /// How many columns the table has.
        columns: usize,
        /// Whether the table has a header (otherwise its columns are read
        /// from its rows).
        headed: bool,
        /// The columns the row lacks.
        missing: Vec<Column>,
    } => "missing-cell", Error;
    /// A table row has more cells than its header.
    ExtraCell {
        /// The action.
        action: u32,
        /// How many columns the table has.
        columns: usize,
        /// The extra cell's text, its footnote markers as `<sup>N</sup>`.
        text: String,
    } => "extra-cell", Error;
    /// A table cell is empty (e.g. an action without a timetable).
    EmptyCell {
        /// The action.
        action: u32,
        /// The empty cell's column.
        column: Column,
    } => "empty-cell", Warning;
    /// A responsible party that is not one of the known parties.
    UnknownParty {
        /// The action.
        action: u32,
        /// The name as printed.
        name: String,
        /// The known party whose name is nearest to it, if one is near.
        suggestion: Option<String>,
    } => "unknown-party", Warning;
    /// A timetable cell that is not a year, a range of years, a deadline
    /// ("by 2023"), a start ("from 2022"), "ongoing", a recurrence
    /// ("annually") or a part of a year ("Q2 2019").
    InvalidTimetable {
        /// The action.
        action: u32,
        /// The timetable as printed.
        timetable: String,
        /// The timetable it may be a misspelling of (`Ongoign`: `Ongoing`),
        /// if its word is near one of the timetable words.
        suggestion: Option<String>,
    } => "invalid-timetable", Warning;
    /// A timetable year outside the plan's period.
    TimetableOutOfPeriod {
        /// The action.
        action: u32,
        /// The timetable as printed.
        timetable: String,
        /// The year outside the period.
        year: u16,
        /// The plan's period.
        period: Period,
    } => "timetable-out-of-period", Warning;
    /// A timetable range whose end is before its start.
    ReversedTimetable {
        /// The action.
        action: u32,
        /// The timetable as printed.
        timetable: String,
    } => "reversed-timetable", Warning;
    /// A priority-area cell whose text is not a list of area codes.
    InvalidPriorityArea {
        /// The action.
        action: u32,
        /// The text that does not start with an area code.
        text: String,
    } => "invalid-priority-area", Error;
    /// A priority area referenced but never defined in a plan that defines its areas.
    UndefinedPriorityArea {
        /// The action.
        action: u32,
        /// The area's code.
        area: String,
        /// The one defined area of the same strategic priority whose code
        /// is one edit away, if there is exactly one.
        suggestion: Option<String>,
    } => "undefined-priority-area", Error;
    /// A priority area whose first number differs from the action's strategic priority.
    PriorityAreaMismatch {
        /// The action.
        action: u32,
        /// The strategic priority the action sits under.
        strategic_priority: u32,
        /// The area's code.
        area: String,
    } => "priority-area-mismatch", Error;
    /// A priority area described twice.
    DuplicatePriorityArea {
        /// The action that describes it again.
        action: u32,
        /// The area's code.
        area: String,
    } => "duplicate-priority-area", Error;
    /// A row starts like an action label but is not one (`Acton 22`,
    /// `Action22`, `Action 2 2`): read as its own action where its number
    /// can be read, else as a continuation of the action above.
    MistypedLabel {
        /// The label as printed (cleaned).
        printed: String,
        /// The number read from it, if one could be.
        number: Option<u32>,
    } => "mistyped-label", Error;
    /// Action numbers skip a number.
    ActionNumberGap {
        /// The action after the gap.
        action: u32,
        /// The highest number before it (none for the first action).
        previous: Option<u32>,
    } => "action-number-gap", Error;
    /// Two actions have the same number.
    DuplicateActionNumber {
        /// The number.
        action: u32,
        /// The line of the first action with it.
        first_line: usize,
    } => "duplicate-action-number", Error;
    /// An action's number is lower than the one before it.
    ActionOutOfOrder {
        /// The action.
        action: u32,
        /// The highest number before it.
        previous: u32,
    } => "action-out-of-order", Error;
    /// Strategic priorities are not numbered 1, 2, 3, …
    StrategicPriorityNumbering {
        /// The number found.
        found: u32,
        /// The number expected there.
        expected: u32,
    } => "strategic-priority-numbering", Error;
    /// Priority areas within a strategic priority are not numbered N.1, N.2, …
    PriorityAreaNumbering {
        /// The area's code.
        area: String,
        /// The code expected there.
        expected: String,
    } => "priority-area-numbering", Error;
    /// Indicators are not numbered 1, 2, 3, …
    IndicatorNumbering {
        /// The number found.
        found: u32,
        /// The number expected there.
        expected: u32,
    } => "indicator-numbering", Error;
    /// A footnote marker with no footnote text.
    UndefinedFootnote {
        /// The marker's number.
        footnote: u32,
        /// Where the marker stands.
        site: RefSite,
        /// The part of its site.
        part: Option<RefPart>,
        /// The number of the plan's one footnote that nothing refers to,
        /// if it has exactly one.
        suggestion: Option<String>,
    } => "undefined-footnote", Error;
    /// A footnote that no marker refers to.
    UnusedFootnote {
        /// The footnote's number.
        footnote: u32,
    } => "unused-footnote", Warning;
    /// Two footnotes with the same number.
    DuplicateFootnote {
        /// The number.
        footnote: u32,
        /// The line of the first footnote with it.
        first_line: usize,
    } => "duplicate-footnote", Error;
    /// An acronym used in the text but missing from the glossary.
    AcronymNotInGlossary {
        /// The acronym as printed.
        acronym: String,
        /// An entry of the glossary it may be a misspelling of.
        near: Option<String>,
    } => "acronym-not-in-glossary", Warning;
    /// A glossary entry that the text never uses.
    UnusedGlossaryEntry {
        /// The entry's acronym.
        acronym: String,
        /// Its expansion.
        expansion: String,
        /// An acronym of the text that may be a misspelling of it.
        near: Option<String>,
    } => "unused-glossary-entry", Warning;
    /// Rows continuing an action (after a page break, or a cell over several lines) were joined to it.
    JoinedContinuation {
        /// The action.
        action: u32,
        /// How many rows were joined to it.
        rows: usize,
    } => "joined-continuation", Note;
    /// A party name broken across two rows was joined back together.
    HealedPartyName {
        /// The action the words were moved back to.
        action: u32,
        /// The action whose parties cell they started.
        from: u32,
        /// The words moved.
        moved: String,
        /// The party name they complete.
        party: String,
    } => "healed-party-name", Note;
    /// Party names run together without a space (`EuropolEurojust`) were
    /// read apart.
    RunTogetherParties {
        /// The action.
        action: u32,
        /// The words as printed.
        printed: String,
        /// The parties read in them.
        parties: Vec<String>,
    } => "run-together-parties", Note;
    /// A hyphen followed by a space and a lower-case word (`Development- centered`): a word broken at a line end, kept as written.
    BrokenWord {
        /// The words as printed, `Development- centered`.
        words: String,
    } => "broken-word", Warning;
    /// A garbled near-duplicate of text the action already has was dropped.
    DroppedGarbledLine {
        /// The action.
        action: u32,
        /// The dropped text.
        text: String,
    } => "dropped-garbled-line", Warning;
    /// A page's running footer or number (`EN 3 EN`, `Page 3 of 12`) left
    /// by PDF extraction was dropped.
    DroppedPageFooter {
        /// The dropped text.
        text: String,
    } => "dropped-page-footer", Note;
    /// A table header merged into the first row was separated from it.
    MergedHeader {} => "merged-header", Note;
    /// A table header's word the vocabulary lacks was read as the nearest
    /// word it has (`Respon|ibility` as `responsibility`, `Time` as the
    /// start of `timetable`).
    MisspeltHeader {
        /// The word as printed.
        printed: String,
        /// The column it was read as naming.
        column: Column,
    } => "misspelt-header", Warning;
    /// A table header names a column the vocabulary lacks: its cells are
    /// kept on each action under the header's text.
    UnknownColumn {
        /// The header's text.
        header: String,
    } => "unknown-column", Note;
    /// A table header split over two lines was joined.
    SplitHeader {
        /// The header's cells on the later line.
        continued: Vec<String>,
    } => "split-header", Note;
    /// A table row that continues no action (nothing above it to continue).
    OrphanRow {
        /// The row's text.
        text: String,
    } => "orphan-row", Error;
    /// A merged HTML cell (`rowspan`) was not repeated into every row it
    /// reaches: that would have repeated more text than twice the table's
    /// own length (and 64 KiB besides).
    UncarriedCell {
        /// How many rows below its own it was carried into.
        carried: usize,
        /// How many more rows it reaches.
        left: usize,
    } => "uncarried-cell", Warning;
}

impl DiagnosticKind {
    /// The severity this kind of finding is reported with.
    pub fn severity(&self) -> Severity {
        self.code().severity()
    }

    /// The action the finding is about, if it is about one.
    pub fn action(&self) -> Option<u32> {
        use DiagnosticKind as K;
        match self {
            K::MissingCell { action, .. }
            | K::ExtraCell { action, .. }
            | K::EmptyCell { action, .. }
            | K::UnknownParty { action, .. }
            | K::InvalidTimetable { action, .. }
            | K::TimetableOutOfPeriod { action, .. }
            | K::ReversedTimetable { action, .. }
            | K::InvalidPriorityArea { action, .. }
            | K::UndefinedPriorityArea { action, .. }
            | K::PriorityAreaMismatch { action, .. }
            | K::DuplicatePriorityArea { action, .. }
            | K::ActionNumberGap { action, .. }
            | K::DuplicateActionNumber { action, .. }
            | K::ActionOutOfOrder { action, .. }
            | K::JoinedContinuation { action, .. }
            | K::HealedPartyName { action, .. }
            | K::RunTogetherParties { action, .. }
            | K::DroppedGarbledLine { action, .. } => Some(*action),
            K::UndefinedFootnote {
                site: RefSite::Action(action),
                ..
            } => Some(*action),
            K::MistypedLabel { number, .. } => *number,
            _ => None,
        }
    }
}

/// The message: the finding in words, naming its values.
impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DiagnosticKind as K;
        match self {
            K::UnrecognisedLine { text, more: 0 } => {
                write!(f, "line not recognised as part of the plan: `{text}`")
            }
            K::UnrecognisedLine { text, more } => write!(
                f,
                "line not recognised as part of the plan: `{text}` … and {more} more characters"
            ),
            K::MissingCell {
                action,
                cells,
                columns,
                headed,
                missing,
            } => {
                let cells = match cells {
                    1 => "1 cell".to_owned(),
                    n => format!("{n} cells"),
                };
                write!(f, "Action {action}: row has {cells}")?;
                match headed {
                    true => write!(f, " where the header has {columns}")?,
                    false => write!(f, "; with no header, the table is read as {columns} columns")?,
                }
                let missing: Vec<&str> = missing.iter().map(|c| c.name()).collect();
                write!(f, "; missing: {}", missing.join(", "))
            }
            K::ExtraCell {
                action,
                columns,
                text,
            } => write!(
                f,
                "Action {action}: cell beyond the table's {columns} columns: `{text}`"
            ),
            K::EmptyCell { action, column } => match column {
                Column::Action => write!(f, "Action {action}: the action has no text"),
                Column::PriorityArea => {
                    write!(f, "Action {action}: the priority-area cell is empty")
                }
                Column::Timetable => write!(f, "Action {action}: the timetable cell is empty"),
                Column::Parties => {
                    write!(f, "Action {action}: the responsible-party cell is empty")
                }
                other => write!(f, "Action {action}: the {} cell is empty", other.name()),
            },
            K::UnknownParty {
                action,
                name,
                suggestion,
            } => {
                write!(
                    f,
                    "Action {action}: `{name}` is not a known responsible party; kept as written"
                )?;
                did_you_mean(f, suggestion.as_deref())
            }
            K::InvalidTimetable {
                action,
                timetable,
                suggestion,
            } => {
                write!(
                    f,
                    "Action {action}: timetable `{timetable}` is not a year, a range of years, a \
                     deadline (`By 2023`), a start (`From 2022`), `Ongoing`, a recurrence \
                     (`Annually`) or a part of a year (`Q2 2019`)"
                )?;
                did_you_mean(f, suggestion.as_deref())
            }
            K::TimetableOutOfPeriod {
                action,
                timetable,
                year,
                period,
            } => write!(
                f,
                "Action {action}: timetable `{timetable}` has {year}, outside the plan's period {}-{}",
                period.start, period.end
            ),
            K::ReversedTimetable { action, timetable } => write!(
                f,
                "Action {action}: timetable `{timetable}` ends before it starts"
            ),
            K::InvalidPriorityArea { action, text } => write!(
                f,
                "Action {action}: priority-area cell `{text}` does not start with an area code"
            ),
            K::UndefinedPriorityArea {
                action,
                area,
                suggestion,
            } => {
                write!(f, "Action {action}: priority area {area} is never defined")?;
                did_you_mean(f, suggestion.as_deref())
            }
            K::PriorityAreaMismatch {
                action,
                strategic_priority,
                area,
            } => write!(
                f,
                "Action {action} sits under strategic priority {strategic_priority} but refers \
                 to priority area {area}"
            ),
            K::DuplicatePriorityArea { action, area } => write!(
                f,
                "Action {action}: priority area {area} is described a second time"
            ),
            K::ActionNumberGap {
                action,
                previous: Some(previous),
            } => write!(
                f,
                "Action {action} follows Action {previous}: {} missing",
                Missing(previous + 1, action.saturating_sub(1))
            ),
            K::ActionNumberGap {
                action,
                previous: None,
            } => write!(
                f,
                "the first action is Action {action}: {} missing",
                Missing(1, action.saturating_sub(1))
            ),
            K::MistypedLabel {
                printed,
                number: Some(number),
            } => write!(
                f,
                "`{printed}` is not an `Action N` label; read as Action {number}"
            ),
            K::MistypedLabel {
                printed,
                number: None,
            } => write!(
                f,
                "`{printed}` is not an `Action N` label, and no number can be read from it; \
                 the row is read as a continuation of the action above"
            ),
            K::DuplicateActionNumber { action, first_line } => write!(
                f,
                "Action {action} appears twice (first on line {first_line})"
            ),
            K::ActionOutOfOrder { action, previous } => {
                write!(f, "Action {action} comes after Action {previous}")
            }
            K::StrategicPriorityNumbering { found, expected } => write!(
                f,
                "strategic priority {found} where strategic priority {expected} was expected"
            ),
            K::PriorityAreaNumbering { area, expected } => {
                write!(f, "priority area {area} where {expected} was expected")
            }
            K::IndicatorNumbering { found, expected } => {
                write!(f, "indicator {found} where indicator {expected} was expected")
            }
            K::UndefinedFootnote {
                footnote,
                site,
                part,
                suggestion,
            } => {
                match site {
                    RefSite::Action(n) => write!(f, "Action {n}")?,
                    RefSite::Indicator(n) => write!(f, "indicator {n}")?,
                    RefSite::TableHeader => f.write_str("a table header")?,
                    RefSite::Section(_) | RefSite::StrategicPriority(_) | RefSite::Heading => {
                        f.write_str("a heading")?
                    }
                    RefSite::Objective(n) => write!(f, "objective {n}")?,
                    RefSite::Footnote(n) => write!(f, "footnote {n}")?,
                    RefSite::Introduction(n) => write!(f, "introduction paragraph {n}")?,
                    RefSite::Cover => f.write_str("the cover page")?,
                    RefSite::Glossary(_) => f.write_str("the glossary")?,
                }
                f.write_str(match (site, part) {
                    (_, Some(RefPart::PriorityAreas)) => "'s priority-area cell",
                    (_, Some(RefPart::Timetable)) => "'s timetable cell",
                    (_, Some(RefPart::Parties)) => "'s responsible-party cell",
                    (RefSite::Action(_), None) => "'s cell beyond the table's columns",
                    (RefSite::Indicator(_), Some(RefPart::Title)) => "'s title",
                    (_, Some(RefPart::Sources)) => "'s sources",
                    _ => "",
                })?;
                write!(f, " refers to footnote {footnote}, which has no text")?;
                did_you_mean(f, suggestion.as_deref())
            }
            K::UnusedFootnote { footnote } => {
                write!(f, "footnote {footnote} is never referred to")
            }
            K::DuplicateFootnote {
                footnote,
                first_line,
            } => write!(
                f,
                "footnote {footnote} is defined twice (first on line {first_line})"
            ),
            K::AcronymNotInGlossary { acronym, near } => {
                write!(f, "acronym {acronym} is used but not in the glossary")?;
                match near {
                    Some(near) => write!(f, " (the glossary has {near})"),
                    None => Ok(()),
                }
            }
            K::UnusedGlossaryEntry {
                acronym,
                expansion,
                near,
            } => {
                write!(
                    f,
                    "glossary entry {acronym} ({expansion}) is never used in the plan"
                )?;
                match near {
                    Some(near) => write!(f, " (the text has {near})"),
                    None => Ok(()),
                }
            }
            K::JoinedContinuation { action, rows } => write!(
                f,
                "Action {action} continues on {rows} more table row{}; joined cell by cell",
                if *rows == 1 { "" } else { "s" }
            ),
            K::HealedPartyName {
                action,
                from,
                moved,
                party,
            } => write!(
                f,
                "`{moved}` at the start of Action {from}'s parties ends the name `{party}` \
                 broken off Action {action}'s parties; moved back to Action {action}"
            ),
            K::RunTogetherParties {
                action,
                printed,
                parties,
            } => write!(
                f,
                "Action {action}: `{printed}` runs party names together; read as {}",
                parties.join(", ")
            ),
            K::BrokenWord { words } => write!(
                f,
                "`{words}` has a space after its hyphen: a word broken at a line end?"
            ),
            K::DroppedGarbledLine { action, text } => write!(
                f,
                "dropped `{text}`: a garbled repeat of the end of Action {action}'s text"
            ),
            K::DroppedPageFooter { text } => write!(f, "page footer `{text}` dropped"),
            K::MergedHeader {} => f.write_str(
                "table header merged into the first row by the extraction; separated from it",
            ),
            K::MisspeltHeader { printed, column } => write!(
                f,
                "table header word `{printed}` read as naming the {} column",
                column.name()
            ),
            K::UnknownColumn { header } => write!(
                f,
                "table column `{header}` is not one the header vocabulary knows; kept on each action under its header"
            ),
            K::SplitHeader { continued } => write!(
                f,
                "table header continued on a later line (`{}`); joined",
                continued.join(" | ")
            ),
            K::OrphanRow { text } => write!(
                f,
                "table row without an `Action N` label, and no action above it to continue: \
                 `{text}`"
            ),
            K::UncarriedCell { carried, left } => write!(
                f,
                "this cell's `rowspan` reaches {left} rows beyond the {carried} below it that it \
                 was carried into; repeating it into them would repeat more text than twice the \
                 table's length and 64 KiB, so those rows are read without it"
            ),
        }
    }
}

/// ` (did you mean X?)` after a message, where there is a suggestion.
fn did_you_mean(f: &mut fmt::Formatter<'_>, suggestion: Option<&str>) -> fmt::Result {
    match suggestion {
        Some(suggestion) => write!(f, " (did you mean {suggestion}?)"),
        None => Ok(()),
    }
}

/// Numbers `from` to `to` said as missing actions: `Action 3 is`,
/// `Actions 3–5 are`.
struct Missing(u32, u32);

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing(from, to) if from == to => write!(f, "Action {from} is"),
            Missing(from, to) => write!(f, "Actions {from}–{to} are"),
        }
    }
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
///
/// In JSON: `severity`, `code`, `data` (the finding's own values, by
/// code), `message`, `line`, `column`, `span` and `action`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is: the kind's own severity, unless a caller set
    /// another (as `check --deny` does).
    pub severity: Severity,
    /// What was found, with its data.
    #[serde(flatten)]
    pub kind: DiagnosticKind,
    /// The finding in words, naming the offending values (the kind's
    /// `Display`).
    pub message: String,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
    /// The offending text.
    pub span: Span,
    /// The action the finding is about, if any.
    #[serde(default)]
    pub action: Option<u32>,
}

impl Diagnostic {
    /// A diagnostic of `kind` at `span`, with the kind's own severity and
    /// message. Its `line` and `column` are 0, which no position is, until
    /// the plan it belongs to is assembled and fills them in.
    pub fn new(kind: DiagnosticKind, span: Span) -> Self {
        Diagnostic {
            severity: kind.severity(),
            message: kind.to_string(),
            action: kind.action(),
            kind,
            line: 0,
            column: 0,
            span,
        }
    }

    /// The stable code of the finding.
    pub fn code(&self) -> Code {
        self.kind.code()
    }
}

/// Sorts diagnostics into source order and fills in their line and column.
pub(crate) fn locate(diagnostics: &mut [Diagnostic], index: &LineIndex, text: &str) {
    diagnostics.sort_by_key(|d| (d.span.start, d.code()));
    let mut cursor = index.cursor(text);
    for diagnostic in diagnostics {
        let position = cursor.position(diagnostic.span.start);
        diagnostic.line = position.line;
        diagnostic.column = position.column;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_and_name() {
        let names: std::collections::BTreeSet<&str> =
            Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        let kind = DiagnosticKind::UnknownParty {
            action: 3,
            name: "EMCCDA".to_owned(),
            suggestion: None,
        };
        assert_eq!(kind.code(), Code::UnknownParty);
        assert_eq!(kind.action(), Some(3));
    }

    #[test]
    fn the_json_names_the_code_and_holds_the_data() {
        let kind = DiagnosticKind::UnknownParty {
            action: 3,
            name: "EMCCDA".to_owned(),
            suggestion: Some("EMCDDA".to_owned()),
        };
        let diagnostic = Diagnostic::new(kind, Span::new(4, 10));
        let json = serde_json::to_value(&diagnostic).expect("JSON");
        assert_eq!(json["code"], "unknown-party");
        assert_eq!(json["data"]["name"], "EMCCDA");
        assert_eq!(json["action"], 3);
        assert_eq!(
            json["message"],
            "Action 3: `EMCCDA` is not a known responsible party; kept as written \
             (did you mean EMCDDA?)"
        );
        assert_eq!(json["data"]["suggestion"], "EMCDDA");
        let back: Diagnostic = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, diagnostic);
    }

    /// A suggestion adds ` (did you mean X?)`; without one the message is
    /// as it was.
    #[test]
    fn suggestions_end_the_message() {
        let area = |suggestion: Option<&str>| DiagnosticKind::UndefinedPriorityArea {
            action: 3,
            area: "1.22".to_owned(),
            suggestion: suggestion.map(str::to_owned),
        };
        let footnote = |suggestion: Option<&str>| DiagnosticKind::UndefinedFootnote {
            footnote: 12,
            site: RefSite::Action(12),
            part: Some(RefPart::Timetable),
            suggestion: suggestion.map(str::to_owned),
        };
        let timetable = |suggestion: Option<&str>| DiagnosticKind::InvalidTimetable {
            action: 3,
            timetable: "Ongoign".to_owned(),
            suggestion: suggestion.map(str::to_owned),
        };
        let timetable_message = "Action 3: timetable `Ongoign` is not a year, a range of \
                                 years, a deadline (`By 2023`), a start (`From 2022`), \
                                 `Ongoing`, a recurrence (`Annually`) or a part of a year \
                                 (`Q2 2019`)";
        for (kind, without, with) in [
            (
                area as fn(Option<&str>) -> DiagnosticKind,
                "Action 3: priority area 1.22 is never defined",
                "1.2",
            ),
            (
                footnote,
                "Action 12's timetable cell refers to footnote 12, which has no text",
                "4",
            ),
            (timetable, timetable_message, "Ongoing"),
        ] {
            assert_eq!(kind(None).to_string(), without);
            assert_eq!(
                kind(Some(with)).to_string(),
                format!("{without} (did you mean {with}?)")
            );
        }
    }

    /// README's table of codes names each code once, with its severity.
    #[test]
    fn the_readme_lists_every_code_with_its_severity() {
        let readme = include_str!("../README.md");
        // A row names one code or several (`a` / `b`), then the severity.
        let rows = (readme.lines()).filter_map(|line| {
            let mut cells = line.strip_prefix("| `")?.split(" | ");
            let (codes, severity) = (cells.next()?, cells.next()?);
            let codes = codes.trim_end_matches('`').split('`');
            let codes = codes.filter(|c| !matches!(c.trim(), "" | "," | "/"));
            let severities = ["error", "warning", "note"];
            severities
                .contains(&severity)
                .then(|| codes.map(move |c| (c, severity)))
        });
        let rows: Vec<(&str, &str)> = rows.flatten().collect();
        let mut listed: Vec<(&str, String)> = (Code::ALL.iter())
            .map(|c| (c.as_str(), c.severity().to_string()))
            .collect();
        listed.sort();
        let mut in_readme: Vec<(&str, String)> =
            rows.iter().map(|(c, s)| (*c, (*s).to_owned())).collect();
        in_readme.sort();
        assert_eq!(in_readme, listed);
    }

    #[test]
    fn missing_actions_are_named_one_or_as_a_range() {
        let gap = |previous| {
            DiagnosticKind::ActionNumberGap {
                action: 5,
                previous,
            }
            .to_string()
        };
        assert_eq!(
            gap(Some(3)),
            "Action 5 follows Action 3: Action 4 is missing"
        );
        assert_eq!(
            gap(Some(1)),
            "Action 5 follows Action 1: Actions 2–4 are missing"
        );
        assert_eq!(
            gap(None),
            "the first action is Action 5: Actions 1–4 are missing"
        );
    }
}
