//! Assembling action rows from table lines, shared by both readers:
//! headers (split and merged), rows continued across page breaks and grid
//! rules, party names broken across rows, and garbled near-duplicate lines
//! left by PDF extraction. What a header says is in [`header`], what a
//! label is in [`label`], what a garbled line is in [`garbled`].

mod fields;
mod garbled;
mod header;
mod label;
mod objective;

pub(crate) use fields::{field_label, field_line};
pub(crate) use header::{is_header, read_header, Header};
pub(crate) use label::{is_action_row, objective_label};

use super::{Cell, DraftRow, Line};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::form::SourceCell;
use crate::model::{Column, FootnoteRef, Objective, RefSite};
use crate::span::Span;
use crate::text::{Clean, Marker};
use crate::values::party;
use garbled::{is_garbled_repeat, joined_chars, GARBLED_MIN_CHARS};
use header::{header_column, strip_header_prefix};
use label::{action_label, bare_label, merged_header, mistyped_label, printed_label};
use std::fmt::Write;
use std::rc::Rc;

/// What the builder learns about a row as its lines come, reported when
/// the table ends: a row broken across lines is judged whole.
#[derive(Debug, Clone)]
struct Shape {
    /// The header's columns when the row began (shared by the rows under it).
    columns: Rc<[Column]>,
    /// A header came before the row; without one, the columns are assumed.
    headed: bool,
    /// The most cells any of the row's lines had.
    cells: usize,
    /// The row's first line.
    line: Span,
    /// The first line that continued it, and how many did.
    continued: Option<(Span, usize)>,
}

/// The headings and priorities a row sits under.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    pub section: Option<u32>,
    pub strategic_priority: Option<u32>,
}

/// How many header lines a table builder caches (see
/// [`TableBuilder::take_header`]): a plan has a few kinds of header, and
/// a text of many costs no more than reading each.
const CACHED_HEADERS: usize = 8;

/// How many rows a table builder makes room for at its first: a plan has
/// about a hundred actions (the Council's of 2021, 85).
const ROWS_RESERVED: usize = 128;

/// Where a grid table (rows between `+---+` rules) stands: its rules, not
/// its lines, part its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grid {
    /// Just after a rule: the next line starts a row, or a header.
    Rule,
    /// In a header: every line up to the next rule goes on with it.
    Header,
    /// In a row: every line up to the next rule goes on with it.
    Row,
}

/// Collects rows, continuations and repairs as the reader feeds it lines.
#[derive(Debug, Default)]
pub(crate) struct TableBuilder {
    columns: Option<Rc<[Column]>>,
    /// The header text of each of `columns`.
    labels: Option<Rc<[Rc<str>]>>,
    /// The last table line was a header: a header line now continues it.
    header_open: Option<Span>,
    /// A heading or prose came after the last row.
    interrupted: bool,
    /// Boxed as the draft's are (see `Draft::rows`).
    #[allow(clippy::vec_box, reason = "each row is freed as it is resolved")]
    rows: Vec<Box<DraftRow>>,
    /// One per row, in the same order.
    shapes: Vec<Shape>,
    /// The header lines taken (their text) and what each was read as, the
    /// first few only: a table's header repeats on each page, and a header
    /// broken over two lines alternates its halves.
    headers: Vec<(String, Header)>,
    /// Where a grid table stands; `None` in any other table.
    grid: Option<Grid>,
    /// An action being read from labelled fields (see [`fields`]).
    record: Option<fields::Record>,
    /// How the table's first action was labelled: `Action N` (`Some(true)`)
    /// or a bare number, `N.` (`Some(false)`). A document numbers its
    /// actions one way, so a bare number is a label only in a table whose
    /// actions are not worded.
    worded: Option<bool>,
    /// A header naming an action column was taken.
    pub action_header: bool,
    /// The objectives the table has named, in order (see [`Objective`]).
    pub objectives: Vec<Objective>,
    /// The objective the rows now serve.
    objective: Option<u32>,
    /// The form of the table's first row.
    form: Option<crate::model::Form>,
    pub diagnostics: Vec<Diagnostic>,
    pub refs: Vec<FootnoteRef>,
}

impl TableBuilder {
    /// Takes `line` when it is a table header (see [`read_header`]); false
    /// when it is not. A line that repeats a header taken before is not
    /// read again.
    pub fn take_header(&mut self, line: &Line<'_>) -> bool {
        if self.grid == Some(Grid::Row) {
            return false; // the row's own line, whatever its words
        }
        let repeat = self.headers.iter().find(|(text, _)| text == line.text);
        let header = match repeat {
            Some((_, header)) => header.clone(),
            None => match read_header(line) {
                Some(header) => {
                    self.header_notes(line, &header);
                    if self.headers.len() < CACHED_HEADERS {
                        self.headers.push((line.text.to_owned(), header.clone()));
                    }
                    header
                }
                None if self.grid == Some(Grid::Header) => {
                    // A grid header's line with no column name: its markers.
                    for cell in line.cells() {
                        self.header_refs(&cell.clean(), 0);
                    }
                    return true;
                }
                None => return false,
            },
        };
        self.header(line, &header);
        if self.grid == Some(Grid::Rule) {
            self.grid = Some(Grid::Header);
        }
        true
    }

    /// Reports the words of a header read for the first time that were
    /// read as the nearest header words, and the columns it names that the
    /// vocabulary lacks.
    fn header_notes(&mut self, line: &Line<'_>, header: &Header) {
        for (printed, column) in &header.guessed {
            let span = line.span.find(line.text, printed).unwrap_or(line.span);
            let kind = DiagnosticKind::MisspeltHeader {
                printed: printed.clone(),
                column: *column,
            };
            self.diagnostics.push(Diagnostic::new(kind, span));
        }
        let others = header.columns.iter().zip(header.labels.iter());
        for (_, label) in others.filter(|(c, _)| **c == Column::Other) {
            let span = line.span.find(line.text, label).unwrap_or(line.span);
            let kind = DiagnosticKind::UnknownColumn {
                header: label.to_string(),
            };
            self.diagnostics.push(Diagnostic::new(kind, span));
        }
    }

    /// Takes a grid table's rule: the header or row above it is complete.
    pub fn rule(&mut self) {
        self.grid = Some(Grid::Rule);
        self.header_open = None;
    }

    /// Ends a grid table at `line` unless the line is one of its own (a
    /// rule, or a pipe row between rules): a blank line, prose or a row
    /// of another table is past it.
    pub fn leave_grid(&mut self, line: &Line<'_>) {
        if self.grid.is_some() && !line.is_grid_rule() && !line.is_pipe_row() {
            self.grid = None;
        }
    }

    /// Where a grid table's line stands: `None` outside a grid table;
    /// `Some(false)` for the first line of a row (after a rule or a
    /// header), `Some(true)` for a later line of it, which goes on with it.
    pub fn grid_line(&mut self) -> Option<bool> {
        let later = self.grid? == Grid::Row;
        self.grid = Some(Grid::Row);
        Some(later)
    }

    fn header(&mut self, line: &Line<'_>, header: &Header) {
        self.action_header |= header.columns.contains(&Column::Action);
        for (clean, _) in header.cells.iter() {
            self.header_refs(clean, line.span.start);
        }
        // Inside a table, a header naming the first of its columns and no
        // other is its header repeated on a new page and cut short: the
        // table keeps its columns.
        let current = self.columns.as_deref().filter(|_| self.in_table());
        if current.is_some_and(|c| c.len() > header.columns.len() && c.starts_with(&header.columns))
        {
            return;
        }
        // A header that names the action column is a table's own, not the
        // rest of the one above (a table of a header alone, say).
        let own = header.columns.first() == Some(&Column::Action);
        match (self.header_open.filter(|_| !own), self.columns.as_mut()) {
            (Some(first), Some(existing)) => {
                // The second half of a header broken over two lines: it names
                // the same columns, so only fill what the first half lacked.
                let shown: Vec<&str> = header
                    .cells
                    .iter()
                    .map(|(c, _)| c.text.as_str())
                    .filter(|t| !t.is_empty())
                    .collect();
                let mut joined = existing.to_vec();
                let mut labels = self.labels.as_deref().unwrap_or_default().to_vec();
                for (i, (clean, column)) in header.cells.iter().enumerate() {
                    if let (Some(column), None) = (column, joined.get(i)) {
                        joined.push(*column);
                        labels.push(Rc::from(clean.text.as_str()));
                    }
                }
                *existing = joined.into();
                self.labels = Some(labels.into());
                // A grid header's lines are its own: no repair.
                if self.grid != Some(Grid::Header) {
                    let continued = shown.iter().map(|s| s.to_string()).collect();
                    self.diagnostics.push(Diagnostic::new(
                        DiagnosticKind::SplitHeader { continued },
                        line.span.cover(first),
                    ));
                }
            }
            _ => {
                self.columns = Some(Rc::clone(&header.columns));
                self.labels = Some(Rc::clone(&header.labels));
                self.header_open = Some(line.span);
            }
        }
    }

    /// Tells the builder that something other than a table line came
    /// (a heading or prose): a header line after it starts a new table.
    pub fn interrupt(&mut self) {
        self.end_record();
        self.header_open = None;
        self.interrupted = true;
        self.grid = None;
    }

    /// True right after an action row (no heading or prose since).
    pub fn in_table(&self) -> bool {
        !self.rows.is_empty() && !self.interrupted
    }

    /// True when a line of plain prose here most likely continues the last
    /// action's text: the table goes on, and that text stops mid-sentence
    /// or the line starts in lower case. (An extractor drops the tabs of a
    /// row whose other cells are empty.)
    pub fn continues_text(&self, prose: &str) -> bool {
        let Some(last) = self.rows.last().filter(|_| !self.interrupted) else {
            return false;
        };
        let mid_sentence = !last.text.text.ends_with(['.', ':', ';', '!', '?']);
        mid_sentence || prose.starts_with(char::is_lowercase)
    }

    /// Takes a row line: a new action, or the continuation of the last one.
    pub fn row(&mut self, line: &Line<'_>, context: Context) {
        self.end_record();
        self.header_open = None;
        self.interrupted = false;
        let mut cells: Vec<SourceCell> = line.cells().collect();
        let mut clean: Vec<Clean> = cells.iter().map(SourceCell::clean).collect();
        let first = clean.first().map(|c| c.text.as_str()).unwrap_or("");
        if merged_header(first) {
            self.split_merged_header(line, &mut cells, &mut clean);
        }
        // A grid row's later lines go on with it, whatever they start with.
        let wrapped = self.grid_line() == Some(true);
        // A cell carried down from a row above (an HTML `rowspan`) lies
        // outside the line: a label there is that row's, so this one goes
        // on with its action, and any carried cell is already the action's.
        let own = |cell: &SourceCell<'_>| line.span.contains(cell.span);
        // The action's cell: the first, unless a header put another
        // column (an objective's) before it.
        let at = self.action_column();
        let own_action = !wrapped && cells.get(at).is_some_and(own);
        let text = clean.get(at).map_or("", |c| c.text.as_str());
        let mut label = action_label(text).map(|label| (label, true));
        if label.is_none() && self.worded != Some(true) && self.heads_actions() {
            label = bare_label(text).map(|label| (label, false));
        }
        if label.is_none() && own_action {
            if let Some((number, len)) = objective_label(text) {
                return self.objective_row(number, len, at, &cells, clean, context);
            }
            label = self.mistyped(&cells, &clean).map(|label| (label, true));
        }
        match label.filter(|_| own_action) {
            Some((label, worded)) => {
                self.worded.get_or_insert(worded);
                self.start_row(line, &cells, clean, (label, at), context)
            }
            None => {
                for (cell, clean) in cells.iter().zip(&mut clean) {
                    if !own(cell) {
                        *clean = Clean::default();
                    }
                }
                self.continue_row(line, &cells, clean, wrapped)
            }
        }
    }

    /// Reports a row whose first cell starts like a label but is not one
    /// (see [`label::Mistyped`]), at the label's first word, and gives the
    /// label to start the row with where its number can be read.
    fn mistyped(&mut self, cells: &[SourceCell<'_>], clean: &[Clean]) -> Option<(u32, usize)> {
        let (cell, text) = (cells.first()?, &clean.first()?.text);
        let found = mistyped_label(text)?;
        let first_word = found.printed.split(' ').next().unwrap_or_default();
        let span = cell.span.find(cell.text, first_word).unwrap_or(cell.span);
        let kind = DiagnosticKind::MistypedLabel {
            printed: found.printed.to_owned(),
            number: found.number,
        };
        self.diagnostics.push(Diagnostic::new(kind, span));
        Some((found.number?, found.len))
    }

    /// The footnote markers of a header cell, whose spans count from `base`.
    fn header_refs(&mut self, clean: &Clean, base: usize) {
        self.refs.extend(clean.markers.iter().map(|m| FootnoteRef {
            number: m.number,
            site: RefSite::TableHeader,
            part: None,
            span: Span::new(base + m.span.start, base + m.span.end),
            offset: None,
        }));
    }

    fn split_merged_header(
        &mut self,
        line: &Line<'_>,
        cells: &mut [SourceCell<'_>],
        clean: &mut [Clean],
    ) {
        let mut columns = Vec::new();
        for (i, (cell, cleaned)) in cells.iter_mut().zip(clean.iter_mut()).enumerate() {
            // The first cell keeps its own `Action N` label: only the header
            // word before it goes.
            let (column, rest) = if i == 0 {
                let rest = cell.text.trim_start();
                let (word, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
                (header_column(word), after.trim_start())
            } else {
                strip_header_prefix(cell.text)
            };
            let Some(column) = column else {
                columns.push(None);
                continue;
            };
            columns.push(Some(column));
            *cell = cell.tail(rest);
            *cleaned = cell.clean();
        }
        self.columns = Some(columns.into_iter().flatten().collect());
        self.labels = None;
        (self.diagnostics).push(Diagnostic::new(DiagnosticKind::MergedHeader {}, line.span));
    }

    /// The header text of column `i`, when a header gave the columns.
    fn label(&self, i: usize) -> Option<Rc<str>> {
        self.labels.as_deref().and_then(|l| l.get(i)).cloned()
    }

    /// Adds `row`, of `cells` cells, read under `columns`.
    fn push_row(&mut self, row: DraftRow, columns: Rc<[Column]>, cells: usize) {
        if self.rows.is_empty() {
            // Room for a whole plan's rows at once: rows are large, and
            // growing the vectors one doubling at a time copied them over
            // and over.
            self.rows.reserve(ROWS_RESERVED);
            self.shapes.reserve(ROWS_RESERVED);
        }
        let line = row.span;
        self.rows.push(Box::new(row));
        self.shapes.push(Shape {
            columns,
            headed: self.columns.is_some(),
            cells,
            line,
            continued: None,
        });
    }

    /// The index of the action column: where the header puts it, else 0.
    fn action_column(&self) -> usize {
        let columns = self.columns.as_deref().unwrap_or_default();
        columns
            .iter()
            .position(|c| *c == Column::Action)
            .unwrap_or(0)
    }

    /// True when a header naming the action column heads the table.
    fn heads_actions(&self) -> bool {
        (self.columns.as_deref()).is_some_and(|c| c.contains(&Column::Action))
    }

    fn columns_for(&self, cell_count: usize) -> Rc<[Column]> {
        self.columns.clone().unwrap_or_else(|| match cell_count {
            3 => Rc::from([Column::Action, Column::Timetable, Column::Parties]),
            _ => Rc::from([
                Column::Action,
                Column::PriorityArea,
                Column::Timetable,
                Column::Parties,
            ]),
        })
    }

    fn start_row(
        &mut self,
        line: &Line<'_>,
        cells: &[SourceCell<'_>],
        mut clean: Vec<Clean>,
        ((number, label_len), at): ((u32, usize), usize),
        context: Context,
    ) {
        if let Some(text) = clean.get_mut(at) {
            super::drop_front(text, label_len);
        }
        let cell = cells.get(at);
        let raw = cell.map_or("", |c| c.text);
        let base = cell.map_or(line.span.start, |c| c.span.start);
        let label_span = match printed_label(raw) {
            Some((start, end)) => Span::new(base + start, base + end),
            // A bare number: its digits, where they first stand.
            None => (cell.map(|c| c.span))
                .and_then(|span| span.find(raw, &number.to_string()))
                .unwrap_or(line.span),
        };
        if self.form.is_none() {
            use crate::model::Form;
            self.form = Some(match (self.grid.is_some(), line.form()) {
                (true, _) => Form::GridTable,
                (false, crate::form::Form::Pipes) => Form::PipeTable,
                (false, crate::form::Form::Html) => Form::HtmlTable,
                (false, crate::form::Form::Tabs) => Form::Tabs,
            });
        }
        let columns = self.columns_for(cells.len());
        let extra = self.extra_cells(number, cells, &columns);
        let parties_cell = columns
            .iter()
            .position(|c| *c == Column::Parties)
            .and_then(|i| cells.get(i));

        if let Some(i) = columns.iter().position(|c| *c == Column::Objective) {
            let own = cells.get(i).filter(|c| line.span.contains(c.span));
            self.objective_cell(own.zip(clean.get_mut(i)), context);
            // A cell carried from the row that named the objective is its.
            if own.is_none() {
                if let Some(c) = clean.get_mut(i) {
                    *c = Clean::default();
                }
            }
        }
        let mut row = DraftRow::new(number, label_span, line.span, context);
        row.areas = columns.contains(&Column::PriorityArea).then(Cell::default);
        row.objective = self.objective;
        row.extra = extra;
        for (i, column) in columns.iter().enumerate() {
            let (piece, span) = match (clean.get_mut(i), cells.get(i)) {
                (Some(c), Some(cell)) => (std::mem::take(c), cell.span),
                // A missing cell: empty, placed at the end of the line.
                _ => (Clean::default(), Span::new(line.span.end, line.span.end)),
            };
            match target(&mut row, *column, self.label(i)) {
                Some(cell) => *cell = Cell::new(piece, span),
                None => row.further.extend(self.objective_text(piece, span)),
            }
        }
        if let Some(cell) = parties_cell {
            self.heal_party_name(&mut row, cell);
        }
        self.push_row(row, columns, cells.len());
    }

    /// Reports the cells of Action `number`'s row beyond the table's
    /// columns, and returns their footnote markers, which still count as
    /// the action's.
    fn extra_cells(
        &mut self,
        number: u32,
        cells: &[SourceCell<'_>],
        columns: &[Column],
    ) -> Vec<Marker> {
        let mut markers = Vec::new();
        for extra in cells.iter().skip(columns.len()) {
            let clean = extra.clean();
            if !clean.text.is_empty() || !clean.markers.is_empty() {
                let kind = DiagnosticKind::ExtraCell {
                    action: number,
                    columns: columns.len(),
                    text: with_markers(&clean.text, &clean.markers),
                };
                self.diagnostics.push(Diagnostic::new(kind, extra.span));
            }
            markers.extend(clean.markers);
        }
        markers
    }

    /// A name broken by a page break ends the previous row's parties and
    /// starts this row's (`cell`, as in the source): give the rest of it back
    /// to the previous row. This row's parties span then starts after the
    /// words it gave back, and the note points at them. (The previous row's
    /// span stays its own cell: a span cannot cover two places.)
    fn heal_party_name(&mut self, row: &mut DraftRow, cell: &SourceCell<'_>) {
        let Some(previous) = self.rows.last_mut() else {
            return;
        };
        let Some((party, len)) = party::split_name(&previous.parties.text, &row.parties.text)
        else {
            return;
        };
        let moved: String = row.parties.text.drain(..len).collect();
        row.parties.text = row.parties.text.trim_start().to_owned();
        // The words as the source has them (markup may stand before them).
        let moved_span = cell.span.find(cell.text, &moved);
        (previous.parties).append_words(&moved, moved_span.unwrap_or(cell.span));
        if let Some(moved_span) = moved_span {
            let after = cell
                .text
                .get(moved_span.end - cell.span.start..)
                .unwrap_or_default();
            let start = cell.span.end - after.trim_start().len();
            row.parties.span = Some(Span::new(start, cell.span.end));
        }
        let kind = DiagnosticKind::HealedPartyName {
            action: previous.number,
            from: row.number,
            moved,
            party: party.to_string(),
        };
        (self.diagnostics).push(Diagnostic::new(kind, moved_span.unwrap_or(cell.span)));
    }

    /// Continues the last row with `line`'s cells; `wrapped` when the
    /// line is a grid row's own, not a row broken by a page.
    fn continue_row(
        &mut self,
        line: &Line<'_>,
        cells: &[SourceCell<'_>],
        clean: Vec<Clean>,
        wrapped: bool,
    ) {
        let texts = || {
            clean
                .iter()
                .map(|c| c.text.as_str())
                .filter(|t| !t.is_empty())
        };
        // The line's text as one, only built to be quoted or compared.
        let joined = || texts().collect::<Vec<_>>().join(" ");
        let markers = || clean.iter().flat_map(|c| &c.markers);
        if texts().next().is_none() && markers().next().is_none() {
            return;
        }
        let Some(index) = self.rows.len().checked_sub(1) else {
            let text = with_markers(&joined(), markers());
            (self.diagnostics).push(Diagnostic::new(
                DiagnosticKind::OrphanRow { text },
                line.span,
            ));
            return;
        };
        let columns = self.columns_for(cells.len());
        let Some(row) = self.rows.get(index) else {
            return;
        };
        let number = row.number;
        // Most continuation lines are too short to be judged garbled: they
        // are not joined to find out.
        let garbled = || {
            let joined = joined();
            is_garbled_repeat(&row.text.text, &joined).then_some(joined)
        };
        let long = || joined_chars(texts()) >= GARBLED_MIN_CHARS;
        if let Some(joined) = (!wrapped && long()).then(garbled).flatten() {
            let kind = DiagnosticKind::DroppedGarbledLine {
                action: number,
                text: with_markers(&joined, markers()),
            };
            self.diagnostics.push(Diagnostic::new(kind, line.span));
            return;
        }
        let extra = self.extra_cells(number, cells, &columns);
        let Some(row) = self.rows.get_mut(index) else {
            return;
        };
        let labels = self.labels.clone();
        let label = |i: usize| labels.as_deref().and_then(|l| l.get(i)).cloned();
        let pieces = clean.into_iter().zip(cells).zip(columns.iter());
        let mut objective_piece = None;
        for (i, ((clean, cell), column)) in pieces.enumerate() {
            match target(row, *column, label(i)) {
                Some(target) => target.append(clean, cell.span),
                None => objective_piece = Some((clean, cell.span)),
            }
        }
        let leftover = objective_piece.and_then(|(text, span)| self.objective_text(text, span));
        let Some(row) = self.rows.get_mut(index) else {
            return;
        };
        row.further.extend(leftover);
        row.extra.extend(extra);
        row.span = row.span.cover(line.span);
        if let Some(shape) = self.shapes.get_mut(index) {
            shape.cells = shape.cells.max(cells.len());
            if !wrapped {
                let (first, count) = shape.continued.unwrap_or((line.span, 0));
                shape.continued = Some((first, count + 1));
            }
        }
    }

    /// The form the table's first row was written in.
    pub fn form(&self) -> Option<crate::model::Form> {
        self.form
    }

    /// Ends the table, returning its rows.
    #[allow(clippy::vec_box, reason = "each row is freed as it is resolved")]
    pub fn finish(mut self) -> (Vec<Box<DraftRow>>, Vec<Diagnostic>, Vec<FootnoteRef>) {
        self.end_record();
        for (row, shape) in self.rows.iter().zip(&self.shapes) {
            let number = row.number;
            if shape.cells < shape.columns.len() {
                let kind = DiagnosticKind::MissingCell {
                    action: number,
                    cells: shape.cells,
                    columns: shape.columns.len(),
                    headed: shape.headed,
                    missing: shape.columns.iter().skip(shape.cells).copied().collect(),
                };
                self.diagnostics.push(Diagnostic::new(kind, shape.line));
            }
            if let Some((first, count)) = shape.continued {
                let kind = DiagnosticKind::JoinedContinuation {
                    action: number,
                    rows: count,
                };
                self.diagnostics.push(Diagnostic::new(kind, first));
            }
        }
        (self.rows, self.diagnostics, self.refs)
    }
}

/// A cleaned text as a diagnostic quotes it: its markers, which cleaning
/// took out, follow it as `<sup>N</sup>`.
fn with_markers<'m>(text: &str, markers: impl IntoIterator<Item = &'m Marker>) -> String {
    let mut quoted = text.to_owned();
    for marker in markers {
        let _ = write!(quoted, "<sup>{}</sup>", marker.number);
    }
    quoted
}

/// The cell of `row` that `column` fills; `label`, the column's header
/// text, names a column the vocabulary lacks. `None` for the objective's
/// column, which names objectives (see [`TableBuilder::objective_cell`]).
fn target(row: &mut DraftRow, column: Column, label: Option<Rc<str>>) -> Option<&mut Cell> {
    Some(match column {
        Column::Action => &mut row.text,
        Column::PriorityArea => row.areas.get_or_insert_with(Cell::default),
        Column::Timetable => &mut row.timetable,
        Column::Parties => &mut row.parties,
        Column::Objective => return None,
        further => {
            // A column the vocabulary lacks is told from the others by its
            // header; the family's known columns by their role.
            let label = label.unwrap_or_else(|| Rc::from(further.name()));
            let same = |(c, l, _): &(Column, Rc<str>, Cell)| {
                *c == further && (further != Column::Other || *l == label)
            };
            let at = match row.further.iter().position(same) {
                Some(at) => at,
                None => {
                    row.further.push((further, label, Cell::default()));
                    row.further.len() - 1
                }
            };
            match row.further.get_mut(at) {
                Some((_, _, cell)) => cell,
                None => &mut row.text,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_taken_again_gives_its_markers_where_it_now_stands() {
        let (first, second) = ("Actions\tTimetable<sup>1</sup>", "\tpriority area");
        let mut builder = TableBuilder::default();
        let mut at = 0;
        for text in [first, second, first, second] {
            assert!(builder.take_header(&Line::new(text, Span::new(at, at + text.len()))));
            at += text.len() + 1;
        }
        let starts: Vec<usize> = builder.refs.iter().map(|r| r.span.start).collect();
        assert_eq!(starts, [17, 17 + first.len() + second.len() + 2]);
        assert_eq!(builder.headers.len(), 2, "each read once");
    }
}
