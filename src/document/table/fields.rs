//! Labelled-field blocks, the 2009-2012 plan's form of an action: each
//! field a label and its value (`Action: 63. …`, `Timetable: 2009`,
//! `Responsible party:` then one party a line), the label naming a column
//! as a table header's cell does. A block is read as a row whose header is
//! its labels.

use super::header::header_column;
use super::{label, Context, TableBuilder};
use crate::document::{Cell, DraftRow};
use crate::model::Column;
use crate::span::Span;
use crate::text::Clean;

/// The label of a field line (`Responsible party: Member States;`): the
/// column it names and the value after its colon. The label is one to
/// four header words before the first colon.
pub(crate) fn field_line(text: &str) -> Option<(Column, &str)> {
    let (label, value) = text.split_once(':')?;
    let words = label.split_whitespace().count();
    if !(1..=4).contains(&words) {
        return None;
    }
    Some((header_column(label)?, value.trim_start()))
}

/// The column a line standing alone as a field's label names
/// (`Timetable`, above a `:` line).
pub(crate) fn field_label(text: &str) -> Option<Column> {
    let words = text.split_whitespace().count();
    (1..=4)
        .contains(&words)
        .then(|| header_column(text))
        .flatten()
}

/// An action being read from its labelled fields.
#[derive(Debug)]
pub(super) struct Record {
    number: u32,
    label_span: Span,
    span: Span,
    context: Context,
    /// The objective named above it.
    objective: Option<u32>,
    /// The fields read so far, in order, each with the column it names.
    fields: Vec<(Column, Cell)>,
    /// The last field's value may go on over the next line: no blank
    /// line or heading came since.
    open: bool,
}

impl TableBuilder {
    /// Takes a field whose label names `column`, its value `raw` (as in
    /// the source) at `span`. An action's field starts a record (its value
    /// opens with the action's number, `63.` or `Action 63`); any other
    /// field goes into the open record. False when no record takes it.
    pub fn field(&mut self, column: Column, raw: &str, span: Span, context: Context) -> bool {
        let mut value = crate::document::clean_at(raw, span.start);
        if column == Column::Action {
            let found = label::action_label(&value.text).or_else(|| label::bare_label(&value.text));
            let Some((number, len)) = found else {
                return false;
            };
            self.end_record();
            let label_span = span.find(raw, &number.to_string()).unwrap_or(span);
            crate::document::drop_front(&mut value, len);
            self.record = Some(Record {
                number,
                label_span,
                span,
                context,
                objective: self.objective,
                open: true,
                fields: vec![(Column::Action, Cell::new(value, span))],
            });
            return true;
        }
        let Some(record) = self.record.as_mut() else {
            return false;
        };
        record.span = record.span.cover(span);
        record.open = true;
        match record.fields.iter_mut().find(|(c, _)| *c == column) {
            Some((_, cell)) => cell.append(value, span),
            None => record.fields.push((column, Cell::new(value, span))),
        }
        true
    }

    /// Takes a line of the last field's value (one party a line, say):
    /// false when no record is open.
    pub fn field_text(&mut self, value: Clean, span: Span) -> bool {
        let Some(record) = self.record.as_mut().filter(|r| r.open) else {
            return false;
        };
        let Some((_, cell)) = record.fields.last_mut() else {
            return false;
        };
        cell.append(value, span);
        record.span = record.span.cover(span);
        true
    }

    /// Ends the last field's value: a blank line or a heading came.
    pub fn end_field(&mut self) {
        if let Some(record) = self.record.as_mut() {
            record.open = false;
        }
    }

    /// True while a labelled-field record is being read.
    pub fn in_record(&self) -> bool {
        self.record.is_some()
    }

    /// Ends the record being read, making its row.
    pub(super) fn end_record(&mut self) {
        let Some(record) = self.record.take() else {
            return;
        };
        let columns: std::rc::Rc<[Column]> = record.fields.iter().map(|(c, _)| *c).collect();
        let cells = record.fields.len();
        let areas = columns.contains(&Column::PriorityArea);
        let mut row = DraftRow::new(
            record.number,
            record.label_span,
            record.span,
            record.context,
        );
        row.areas = areas.then(Cell::default);
        row.objective = record.objective;
        for (column, cell) in record.fields {
            if let Some(target) = super::target(&mut row, column, None) {
                *target = cell;
            }
        }
        self.push_row(row, columns, cells);
    }
}
