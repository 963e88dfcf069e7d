//! The document layer: one reader per document shape reads the lines and
//! cells of the form layer ([`crate::form`]) as spanned headings, table
//! rows, footnotes, indicators and glossary entries, into a [`Draft`].
//! Every quirk of a shape (page breaks, superscripts, headers split or
//! merged) is dealt with here, so that [`crate::resolve`] sees only clean
//! rows.

pub(crate) mod cell;
pub(crate) mod commission;
pub(crate) mod council;
mod footnote;
pub(crate) mod table;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{
    Column, Footnote, FootnoteRef, GlossaryEntry, Meta, Paragraph, RefPart, RefSite, Section,
    StrategicPriority,
};
use crate::span::Span;
use crate::text::{Clean, Marker, DASHES};
use std::rc::Rc;
use table::Context;

pub(crate) use cell::{append, drop_front, join_lines, push_line, Cell};
pub(crate) use footnote::{marker_ref, text_marker_ref};

// The form layer's lines, as every reader here takes them.
pub(crate) use crate::form::{clean_at, offset_in, Line};

/// Everything a dialect reader found, before resolution.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// The form the action table was written in.
    pub form: crate::model::Form,
    pub meta: Meta,
    pub introduction: Vec<Paragraph>,
    pub sections: Vec<Section>,
    pub priorities: Vec<StrategicPriority>,
    pub objectives: Vec<crate::model::Objective>,
    /// A table header naming an action column was read.
    pub action_header: bool,
    /// Boxed, so that resolving frees each row as it goes: the rows and
    /// the actions made of them are never both held whole.
    #[allow(clippy::vec_box, reason = "each row is freed as it is resolved")]
    pub rows: Vec<Box<DraftRow>>,
    pub footnotes: Vec<Footnote>,
    /// Markers outside actions and indicators (headers, headings, footnotes).
    pub refs: Vec<FootnoteRef>,
    pub indicators: Vec<DraftIndicator>,
    pub glossary: Vec<GlossaryEntry>,
    pub diagnostics: Vec<Diagnostic>,
    /// A marker ends the text of the last footnote (see [`join`]): kept
    /// as the footnote grows, as searching `refs` for one on each of its
    /// lines cost as many steps as all the references before it.
    footnote_glued: bool,
}

/// The part of the document a reader is in, which tells it how to read a
/// line. Each reader starts on the cover; the Commission's has no contents,
/// introduction or glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Cover,
    Contents,
    Introduction,
    Body,
    Indicators,
    Glossary,
}

/// An action row with its cells, in the dialect-free form `resolve` reads.
#[derive(Debug, Clone)]
pub(crate) struct DraftRow {
    pub number: u32,
    pub label_span: Span,
    pub span: Span,
    pub section: Option<u32>,
    pub strategic_priority: Option<u32>,
    pub text: Cell,
    /// `None` when the table has no priority-area column.
    pub areas: Option<Cell>,
    pub timetable: Cell,
    pub parties: Cell,
    /// The objective the row serves (see [`table::TableBuilder::objective`]).
    pub objective: Option<u32>,
    /// The cells of the further columns a plan of the family may have
    /// (indicators, assessment, outcome, state of play, and columns the
    /// vocabulary lacks), each with its column and the header's text; in
    /// a list, so that a row of a table without them holds nothing for
    /// them (a 2021 plan's rows stay as small as they were).
    pub further: Vec<(Column, Rc<str>, Cell)>,
    /// The footnote markers of cells beyond the table's columns.
    pub extra: Vec<Marker>,
}

impl DraftRow {
    /// Action `number`'s row, labelled at `label_span`, at `span`, under
    /// `context`, its cells empty.
    pub fn new(number: u32, label_span: Span, span: Span, context: table::Context) -> Self {
        DraftRow {
            number,
            label_span,
            span,
            section: context.section,
            strategic_priority: context.strategic_priority,
            text: Cell::default(),
            areas: None,
            timetable: Cell::default(),
            parties: Cell::default(),
            objective: None,
            further: Vec::new(),
            extra: Vec::new(),
        }
    }
}

/// The cell of further column `column` among a row's `further` cells
/// (the first, for [`Column::Other`]), if the row has one.
pub(crate) fn further_cell(further: &[(Column, Rc<str>, Cell)], column: Column) -> Option<&Cell> {
    let mut cells = further.iter();
    cells
        .find(|(c, _, _)| *c == column)
        .map(|(_, _, cell)| cell)
}

/// An indicator before its sources are split off.
#[derive(Debug, Clone)]
pub(crate) struct DraftIndicator {
    pub number: u32,
    pub title: Option<String>,
    pub body: Clean,
    pub span: Span,
}

pub(crate) use crate::text::after_word;

/// What may follow a label's number (`Action 3.`, `Strategic priority 3:`,
/// `Performance indicator 3 –`): `.`, `:` or a dash.
pub(crate) const AFTER_LABEL: [char; 5] = ['.', ':', DASHES[0], DASHES[1], DASHES[2]];

/// A strategic-priority heading (`Strategic priority 3: Tackle …`, any
/// case, `:`, `.` or a dash after the number): its number and title.
pub(crate) fn priority_heading(text: &str) -> Option<(u32, &str)> {
    let rest = after_word(after_word(text, "strategic")?, "priority")?;
    let (number, rest) = crate::text::leading_number(rest, 3)?;
    let title = rest.trim_start().strip_prefix(AFTER_LABEL)?.trim_start();
    (!title.is_empty() && !title.contains('\n')).then_some((number, title))
}

/// The most characters of an unplaced line its diagnostic quotes: any line
/// of either fixture, but not a runaway line of megabytes.
const MOST_QUOTED: usize = 2_000;

/// Records a line the reader could not place, quoting it whole (up to
/// [`MOST_QUOTED`] characters, and then saying how many more its span has).
pub(crate) fn unrecognised(diagnostics: &mut Vec<Diagnostic>, line: &Line<'_>) {
    let text = line.text.trim();
    let cut = text.char_indices().nth(MOST_QUOTED).map(|(at, _)| at);
    let (text, more) = match cut.and_then(|at| Some((text.get(..at)?, text.get(at..)?))) {
        Some((shown, rest)) => (shown, rest.chars().count()),
        None => (text, 0),
    };
    let text = text.to_owned();
    let kind = DiagnosticKind::UnrecognisedLine { text, more };
    diagnostics.push(Diagnostic::new(kind, line.span));
}

pub(crate) use crate::values::period::{period, period_at};

/// Widens `slot`, the span of a value gathered from several places, to
/// cover `span`.
pub(crate) fn widen(slot: &mut Option<Span>, span: Span) {
    *slot = Some(slot.map_or(span, |s| s.cover(span)));
}

pub(crate) use crate::text::pattern;

impl Draft {
    /// Takes the finished action table: its rows, what it repaired, the
    /// references of its headers' markers, and the form it was written in.
    pub fn take_table(&mut self, mut table: table::TableBuilder) {
        self.form = table.form().unwrap_or_default();
        self.objectives = std::mem::take(&mut table.objectives);
        self.action_header = table.action_header;
        let (rows, diagnostics, refs) = table.finish();
        self.rows = rows;
        self.diagnostics.extend(diagnostics);
        self.refs.extend(refs);
    }

    /// The part a marker on the next annex's line is in.
    pub fn next_annex(&self) -> RefPart {
        RefPart::Annex(self.meta.annexes.len() as u32 + 1)
    }

    /// Sets the plan's title, and its period from the title (`… 2021-2025`).
    /// `raw` is the title as the source has it, at `span`.
    pub fn set_title(&mut self, title: String, raw: &str, span: Span) {
        self.meta.period = period(&title);
        // The years as printed; the whole title where markup stands
        // between them.
        let printed = period_at(raw).filter(|(p, _)| Some(*p) == self.meta.period);
        let in_title = printed.map_or(span, |(_, r)| {
            Span::new(span.start + r.start, span.start + r.end)
        });
        self.meta.spans.period = self.meta.period.and(Some(in_title));
        self.meta.spans.title = Some(span);
        self.meta.title = Some(title);
    }

    /// Records a section heading, and the footnote `markers` in it as the
    /// section's by its number; returns the context of what follows it.
    pub fn section(
        &mut self,
        label: Option<String>,
        title: String,
        markers: &[Marker],
        span: Span,
    ) -> Context {
        let number = self.sections.len() as u32 + 1;
        self.refs_of(markers, RefSite::Section(number), None);
        self.sections.push(Section {
            number,
            label,
            title,
            span,
        });
        Context {
            section: Some(number),
            strategic_priority: None,
        }
    }

    /// Records a strategic priority under `context`; returns the context of
    /// what follows it.
    pub fn priority(
        &mut self,
        number: u32,
        title: String,
        span: Span,
        context: Context,
    ) -> Context {
        self.priorities.push(StrategicPriority {
            number,
            title,
            section: context.section,
            span,
        });
        Context {
            strategic_priority: Some(number),
            ..context
        }
    }

    /// Widens the metadata's span to cover `span`.
    pub fn meta_covers(&mut self, span: Span) {
        self.meta.span = if self.meta.span.is_empty() {
            span
        } else {
            self.meta.span.cover(span)
        };
    }

    /// A line that continues the last indicator (or, with none, is not understood).
    pub fn continue_indicator(&mut self, line: &Line<'_>) {
        match self.indicators.last_mut() {
            Some(last) => {
                append(&mut last.body, clean_at(line.text, line.span.start));
                last.span = last.span.cover(line.span);
            }
            None => unrecognised(&mut self.diagnostics, line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unplaced_line_is_quoted_whole_but_a_runaway_one() {
        let quoted = |text: &str| {
            let mut found = Vec::new();
            unrecognised(&mut found, &Line::new(text, Span::new(0, text.len())));
            found.pop().map(|d| d.message).unwrap_or_default()
        };
        let long = "é".repeat(150);
        assert_eq!(
            quoted(&format!(" {long} ")),
            format!("line not recognised as part of the plan: `{long}`")
        );
        let runaway = format!("{}{}", "a".repeat(MOST_QUOTED), "b".repeat(500));
        let message = quoted(&runaway);
        assert!(message.ends_with(&format!(
            "{}` … and 500 more characters",
            "a".repeat(MOST_QUOTED)
        )));
    }

    #[test]
    fn lines_that_clean_to_nothing_add_no_space() {
        assert_eq!(join_lines(["", "To the", "", "Council"]), "To the Council");
        assert_eq!(join_lines(["", ""]), "");
    }

    #[test]
    fn priority_headings() {
        assert_eq!(
            priority_heading("Strategic priority 3: Tackle the channels"),
            Some((3, "Tackle the channels"))
        );
        assert_eq!(
            priority_heading("STRATEGIC  PRIORITY\t11 . Ensure"),
            Some((11, "Ensure"))
        );
        for no in [
            "Strategic priority 3:",
            "Strategic priority 1234: x",
            "Strategic priority: x",
            "Strategic priority3: x",
            "The strategic priority 3: x",
            "Strategic priority 3 x",
        ] {
            assert_eq!(priority_heading(no), None, "{no}");
        }
    }
}
