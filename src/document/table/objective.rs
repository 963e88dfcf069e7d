//! Objectives as an action table names them: a numbered cell of an
//! Objective column (carried down, or continued over the rows beside it),
//! an `Objective N:` row of an `Objective/Action` column, or a heading or
//! line the reader hands over.

use super::label::{bare_label, objective_label};
use super::{Context, TableBuilder};
use crate::document::cell::join;
use crate::document::{drop_front, text_marker_ref, Cell};
use crate::form::SourceCell;
use crate::model::{Column, Objective, RefSite};
use crate::span::Span;
use crate::text::Clean;
use std::rc::Rc;

impl TableBuilder {
    /// Takes a row whose action cell (at `at`) names an objective
    /// (`Objective 1: Prevent drug use …`, its label `len` bytes long):
    /// the rows below serve it.
    pub(super) fn objective_row(
        &mut self,
        number: u32,
        len: usize,
        at: usize,
        cells: &[SourceCell<'_>],
        mut clean: Vec<Clean>,
        context: Context,
    ) {
        let Some((cell, text)) = cells.get(at).zip(clean.get_mut(at)) else {
            return;
        };
        drop_front(text, len);
        let text = std::mem::take(text);
        self.objective(number, text, cell.span, context);
    }

    /// Names objective `number`, whose text (without its label) is `text`,
    /// at `span`: the rows below serve it. An objective named again (a cell
    /// spanning rows, carried into each) is the same one.
    pub fn objective(&mut self, number: u32, text: Clean, span: Span, context: Context) {
        self.objective = Some(number);
        if self.objectives.iter().any(|o| o.number == number) {
            return;
        }
        let site = RefSite::Objective(number);
        (self.refs).extend(text.markers.iter().map(|m| text_marker_ref(m, site)));
        self.objectives.push(Objective {
            number,
            text: text.text,
            section: context.section,
            span,
        });
    }

    /// Reads the objective cell of a row that starts an action: a
    /// numbered objective (`4. Enhance …`) is named; a cell carried down
    /// from the row that named it, or an empty one, keeps the objective.
    pub(super) fn objective_cell(
        &mut self,
        cell: Option<(&SourceCell<'_>, &mut Clean)>,
        context: Context,
    ) {
        let Some((cell, clean)) = cell.filter(|(_, c)| !c.text.is_empty()) else {
            return;
        };
        let Some((number, len)) = bare_label(&clean.text).or_else(|| objective_label(&clean.text))
        else {
            return;
        };
        drop_front(clean, len);
        self.objective(number, std::mem::take(clean), cell.span, context);
    }

    /// Text of an objective cell that names no objective, at `span`: the
    /// rest of the objective's text, broken over the lines of the rows
    /// beside it, whose span then reaches it. With no objective named yet,
    /// it is given back as a cell, to keep as a column of its own.
    pub(super) fn objective_text(
        &mut self,
        text: Clean,
        span: Span,
    ) -> Option<(Column, Rc<str>, Cell)> {
        if text.text.is_empty() && text.markers.is_empty() {
            return None;
        }
        let current = self.objective;
        let Some(objective) = (self.objectives.iter_mut()).find(|o| Some(o.number) == current)
        else {
            let header = Rc::from(Column::Objective.name());
            return Some((Column::Other, header, Cell::new(text, span)));
        };
        objective.span = objective.span.cover(span);
        let site = RefSite::Objective(objective.number);
        let markers = join(&mut objective.text, text, false);
        self.refs.extend(markers.map(|m| text_marker_ref(&m, site)));
        None
    }
}
