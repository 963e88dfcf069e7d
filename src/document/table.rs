//! Assembling action rows from tab-separated table lines, shared by both
//! dialects: header recognition (split and merged headers), action labels,
//! rows continued across page breaks, party names broken across rows, and
//! garbled near-duplicate lines left by PDF extraction.

use super::{offset_in, pattern, Cell, DraftRow, Line};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::form::SourceCell;
use crate::model::{Column, FootnoteRef, RefSite};
use crate::span::Span;
use crate::text::{Clean, Marker};
use crate::values::party;
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

/// How similar (0–1, by characters) a continuation line must be to the end
/// of the action's text to count as a garbled repeat of it.
const GARBLED_SIMILARITY: f32 = 0.8;
/// Shorter lines are never judged garbled: too little text to compare.
const GARBLED_MIN_CHARS: usize = 20;
/// Longer lines are never judged garbled either: an extraction's garbled
/// repeat is a line of a few hundred characters, and the character diff
/// that judges it costs the line's length times the edits it finds, which
/// grow with the length too (a line of 45,000 characters, every twelfth
/// changed, took 0.3 s; one of 90,000, 1.3 s).
const GARBLED_MAX_CHARS: usize = 1_000;

pattern!(
    /// The start of an action row before cleaning: a pipe row's first pipe,
    /// tags, then `Action N`,
    /// possibly after a merged header word (`Actions Action 32.`). (A reader
    /// written by hand was slower than this pattern's DFA.)
    RAW_ROW_START =
        r"^\s*(?:\|\s*)?(?:<[A-Za-z/][^<>]{0,40}>\s*)*(?:\*+\s*)?(?:(?i:actions?)\s+)?(?i:action)\s+\d"
);

/// How many header lines a table builder remembers (see
/// [`TableBuilder::take_header`]): a plan has a few kinds of header, and
/// a text of many costs no more than reading each.
const REMEMBERED_HEADERS: usize = 8;

/// How many rows a table builder makes room for at its first: a plan has
/// about a hundred actions (the Council's of 2021, 85).
const ROWS_RESERVED: usize = 128;

/// The longest header cell (`Responsible party <sup>1</sup>` is 30 bytes).
const MAX_HEADER_CELL: usize = 80;

/// `Action 12.` at the start of a cleaned cell (any case; `.`, `:` or a
/// dash may follow the number): the number, and the label's length with
/// the spaces after it.
fn action_label(text: &str) -> Option<(u32, usize)> {
    let (number, after) = crate::text::leading_number(super::after_word(text, "action")?, 6)?;
    // One letter may follow the number (`Action 12a`, an action inserted
    // by a revision): the row is Action 12's, which `check` then reports
    // as a number given twice, rather than a continuation of Action 12.
    let word_end = |rest: &str| {
        rest.bytes()
            .next()
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
    };
    let after = match after.get(1..) {
        Some(rest) if after.starts_with(|c: char| c.is_ascii_alphabetic()) && word_end(rest) => {
            rest
        }
        _ if word_end(after) => after,
        _ => return None,
    };
    let after = after.trim_start();
    let after = after
        .strip_prefix(super::AFTER_LABEL)
        .unwrap_or(after)
        .trim_start();
    Some((number, text.len() - after.len()))
}

/// Where `Action 12` (any case) first stands in a raw cell, tags and all:
/// the byte range of the word and its number (at most six digits).
fn raw_label(raw: &str) -> Option<(usize, usize)> {
    memchr::memchr2_iter(b'a', b'A', raw.as_bytes()).find_map(|start| {
        let number = super::after_word(raw.get(start..)?, "action")?;
        let digits = number.bytes().take_while(u8::is_ascii_digit).count();
        let end = raw.len() - number.len() + digits.min(6);
        (digits > 0).then_some((start, end))
    })
}

/// A header word merged in front of the first row's label (`Actions Action 32.`).
fn merged_header(text: &str) -> bool {
    let rest = super::after_word(text, "actions").or_else(|| super::after_word(text, "action"));
    rest.and_then(|r| super::after_word(r, "action"))
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// Every word a table header is made of, and the column it names. In a
/// cell of several words the first column in [`Column`]'s order wins
/// (`Responsible party` names the parties, `Corresponding priority area`
/// the priority areas).
const VOCABULARY: [(&str, Column); 25] = [
    ("action", Column::Action),
    ("actions", Column::Action),
    ("timetable", Column::Timetable),
    ("timeline", Column::Timetable),
    ("timelines", Column::Timetable),
    ("timeframe", Column::Timetable),
    ("deadline", Column::Timetable),
    ("deadlines", Column::Timetable),
    ("schedule", Column::Timetable),
    ("responsible", Column::Parties),
    ("responsibility", Column::Parties),
    ("responsibilities", Column::Parties),
    ("party", Column::Parties),
    ("parties", Column::Parties),
    ("actor", Column::Parties),
    ("actors", Column::Parties),
    ("stakeholder", Column::Parties),
    ("stakeholders", Column::Parties),
    ("lead", Column::Parties),
    ("corresponding", Column::PriorityArea),
    ("priority", Column::PriorityArea),
    ("priorities", Column::PriorityArea),
    ("area", Column::PriorityArea),
    ("areas", Column::PriorityArea),
    ("objective", Column::PriorityArea),
];

/// The column a header cell names, when every word of it is header vocabulary.
fn header_column(cell: &str) -> Option<Column> {
    let mut best: Option<Column> = None;
    for word in cell.split_whitespace() {
        let column = word_column(word)?;
        best = Some(best.map_or(column, |b| b.min(column)));
    }
    best
}

/// The column a header word names.
fn word_column(word: &str) -> Option<Column> {
    let (_, column) = VOCABULARY
        .iter()
        .find(|(v, _)| v.eq_ignore_ascii_case(word))?;
    Some(*column)
}

/// Splits a header-word prefix off a cell merged with the first row
/// (`Corresponding priority area 6.1 6.2` → (priority area, `6.1 6.2`)):
/// the longest run of header words at its start, and the column they
/// name together, as [`header_column`] reads them. The column is kept
/// word by word: reading each longer prefix anew was quadratic in a cell
/// of many header words.
fn strip_header_prefix(cell: &str) -> (Option<Column>, &str) {
    let mut best = (None, cell);
    let mut named: Option<Column> = None;
    for word in cell.split_whitespace() {
        let Some(column) = word_column(word) else {
            break;
        };
        let column = named.map_or(column, |b| b.min(column));
        named = Some(column);
        let end = offset_in(cell, word) + word.len();
        let tail = cell.get(end..).unwrap_or("");
        best = (Some(column), tail.trim_start());
    }
    best
}

/// A table header line, read: each cell cleaned, with the column it names,
/// and the columns of the table it heads. Marker spans count from the
/// line's start, so one reading serves every repeat of the line (a table's
/// header repeats on each page).
#[derive(Debug, Clone)]
pub(crate) struct Header {
    cells: Rc<[(Clean, Option<Column>)]>,
    columns: Rc<[Column]>,
}

/// The header a line is, when every non-empty cell of it is header words.
pub(crate) fn read_header(line: &Line<'_>) -> Option<Header> {
    // Header cells are a few words; a long cell is a row (and cleaning it
    // only to reject it would cost more than the rest of the parse).
    // Nor can a cell whose text does not start like a header word.
    let unlike_header = |cell: &str| {
        cell.len() > MAX_HEADER_CELL
            || crate::text::first_text_byte(cell).is_some_and(|b| {
                !VOCABULARY
                    .iter()
                    .any(|(word, _)| word.as_bytes().first() == Some(&b.to_ascii_lowercase()))
            })
    };
    if line.cells().any(|cell| unlike_header(cell.text)) {
        return None;
    }
    let cells: Rc<[(Clean, Option<Column>)]> = line
        .cells()
        .map(|cell| {
            let clean = cell.clean_from(line.span.start);
            let column = header_column(&clean.text);
            (clean, column)
        })
        .collect();
    let named = cells.iter().any(|(c, _)| !c.text.is_empty());
    let all_header = cells
        .iter()
        .all(|(c, column)| c.text.is_empty() || column.is_some());
    let columns = cells.iter().filter_map(|(_, column)| *column).collect();
    (named && all_header).then_some(Header { cells, columns })
}

/// True when a line is a table header (every non-empty cell is header words).
pub(crate) fn is_header(line: &Line<'_>) -> bool {
    read_header(line).is_some()
}

/// True when a line starts a new action row (`Action 12 …`), with or without
/// a header merged in front of it.
pub(crate) fn is_action_row(line: &Line<'_>) -> bool {
    RAW_ROW_START.is_match(line.text)
}

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
    /// The last table line was a header: a header line now continues it.
    header_open: Option<Span>,
    /// A heading or prose came after the last row.
    interrupted: bool,
    rows: Vec<DraftRow>,
    /// One per row, in the same order.
    shapes: Vec<Shape>,
    /// The header lines taken (their text) and what each was read as, the
    /// first few only: a table's header repeats on each page, and a header
    /// broken over two lines alternates its halves.
    headers: Vec<(String, Header)>,
    /// Where a grid table stands; `None` in any other table.
    grid: Option<Grid>,
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
                    if self.headers.len() < REMEMBERED_HEADERS {
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
        for (clean, _) in header.cells.iter() {
            self.header_refs(clean, line.span.start);
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
                for (i, (_, column)) in header.cells.iter().enumerate() {
                    if let (Some(column), None) = (column, joined.get(i)) {
                        joined.push(*column);
                    }
                }
                *existing = joined.into();
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
                self.header_open = Some(line.span);
            }
        }
    }

    /// Tells the builder that something other than a table line came
    /// (a heading or prose): a header line after it starts a new table.
    pub fn interrupt(&mut self) {
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
        let label = clean.first().and_then(|c| action_label(&c.text));
        match label.filter(|_| !wrapped && cells.first().is_some_and(own)) {
            Some(label) => self.start_row(line, &cells, clean, label, context),
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
        (self.diagnostics).push(Diagnostic::new(DiagnosticKind::MergedHeader {}, line.span));
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
        (number, label_len): (u32, usize),
        context: Context,
    ) {
        if let Some(text) = clean.first_mut() {
            super::drop_front(text, label_len);
        }
        let first_raw = cells.first().map_or("", |c| c.text);
        let label_span = raw_label(first_raw).map_or(line.span, |(start, end)| {
            let base = cells.first().map_or(line.span.start, |c| c.span.start);
            Span::new(base + start, base + end)
        });
        let columns = self.columns_for(cells.len());
        let extra = self.extra_cells(number, cells, &columns);
        let parties_cell = columns
            .iter()
            .position(|c| *c == Column::Parties)
            .and_then(|i| cells.get(i));

        let mut row = DraftRow {
            number,
            label_span,
            span: line.span,
            section: context.section,
            strategic_priority: context.strategic_priority,
            text: Cell::default(),
            areas: columns.contains(&Column::PriorityArea).then(Cell::default),
            timetable: Cell::default(),
            parties: Cell::default(),
            extra,
        };
        for (i, column) in columns.iter().enumerate() {
            let (piece, span) = match (clean.get_mut(i), cells.get(i)) {
                (Some(c), Some(cell)) => (std::mem::take(c), cell.span),
                // A missing cell: empty, placed at the end of the line.
                _ => (Clean::default(), Span::new(line.span.end, line.span.end)),
            };
            *target(&mut row, *column) = Cell::new(piece, span);
        }
        if let Some(cell) = parties_cell {
            self.heal_party_name(&mut row, cell);
        }
        if self.rows.is_empty() {
            // Room for a whole plan's rows at once: rows are large, and
            // growing the vectors one doubling at a time copied them over
            // and over.
            self.rows.reserve(ROWS_RESERVED);
            self.shapes.reserve(ROWS_RESERVED);
        }
        self.rows.push(row);
        self.shapes.push(Shape {
            columns,
            headed: self.columns.is_some(),
            cells: cells.len(),
            line: line.span,
            continued: None,
        });
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
        for ((clean, cell), column) in clean.into_iter().zip(cells).zip(columns.iter()) {
            target(row, *column).append(clean, cell.span);
        }
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

    /// Ends the table, returning its rows.
    pub fn finish(mut self) -> (Vec<DraftRow>, Vec<Diagnostic>, Vec<FootnoteRef>) {
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

fn target(row: &mut DraftRow, column: Column) -> &mut Cell {
    match column {
        Column::Action => &mut row.text,
        Column::PriorityArea => row.areas.get_or_insert_with(Cell::default),
        Column::Timetable => &mut row.timetable,
        Column::Parties => &mut row.parties,
    }
}

/// How many characters `texts` make joined by single spaces.
fn joined_chars<'t>(texts: impl Iterator<Item = &'t str>) -> usize {
    let (count, chars) = texts.fold((0usize, 0), |(n, chars), t| {
        (n + 1, chars + t.chars().count())
    });
    chars + count.saturating_sub(1)
}

/// True when `line` repeats, slightly garbled, the end of `text`.
fn is_garbled_repeat(text: &str, line: &str) -> bool {
    let length = line.chars().count();
    if !(GARBLED_MIN_CHARS..=GARBLED_MAX_CHARS).contains(&length) {
        return false;
    }
    // The last `length` characters, found from the end: counting from the
    // start would grow with every row an action continues over.
    let start = text
        .char_indices()
        .rev()
        .nth(length.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let tail = text.get(start..).unwrap_or(text);
    // Linear bigram tests first, the cheapest first: the character diff is
    // quadratic on texts that differ, which is what almost every
    // continuation row is.
    bigram_bound(tail, line) >= GARBLED_SIMILARITY
        && bigram_similarity(tail, line) >= GARBLED_SIMILARITY
        && similar::TextDiff::from_chars(tail, line).ratio() >= GARBLED_SIMILARITY
}

/// The character bigrams of `text`, in order. Each character is decoded
/// once, and remembered as the next bigram's first.
fn bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut chars = text.chars();
    let first = chars.next();
    chars.scan(first, |previous, c| Some((previous.replace(c)?, c)))
}

/// An upper bound of [`bigram_similarity`], found without allocating or
/// sorting: each bigram of `b` is looked up in a 1,024-bit set of the
/// bigrams of `a`. Bigrams that hash alike may count as shared when they
/// are not, never the other way.
fn bigram_bound(a: &str, b: &str) -> f32 {
    // ASCII text (nearly every line) is paired byte by byte, without
    // decoding: a byte's code is its character's.
    if a.is_ascii() && b.is_ascii() {
        return pair_bound(byte_pairs(a), byte_pairs(b));
    }
    let pairs = |s| bigrams(s).map(|(p, c)| (u32::from(p), u32::from(c)));
    pair_bound(pairs(a), pairs(b))
}

/// The bigrams of ASCII `text`, each byte as its character's code.
fn byte_pairs(text: &str) -> impl Iterator<Item = (u32, u32)> + '_ {
    let bytes = text.as_bytes();
    let pair = |(&p, &c): (&u8, &u8)| (u32::from(p), u32::from(c));
    bytes.iter().zip(bytes.iter().skip(1)).map(pair)
}

/// [`bigram_bound`] of two texts given as their bigrams, each character
/// as its code.
fn pair_bound(a: impl Iterator<Item = (u32, u32)>, b: impl Iterator<Item = (u32, u32)>) -> f32 {
    let bit = |(p, c): (u32, u32)| {
        let hash = (p.rotate_left(16) ^ c).wrapping_mul(0x9E37_79B1) >> 22;
        (hash as usize / 64, 1u64 << (hash % 64))
    };
    let mut set = [0u64; 16];
    let mut total = 0;
    for (word, mask) in a.map(bit) {
        if let Some(w) = set.get_mut(word) {
            *w |= mask;
        }
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    // Counted without a branch on each lookup.
    let (mut shared, mut count) = (0usize, 0usize);
    for (word, mask) in b.map(bit) {
        shared += usize::from(set.get(word).is_some_and(|w| w & mask != 0));
        count += 1;
    }
    match count {
        0 => 0.0,
        count => (2 * shared) as f32 / (total + count) as f32,
    }
}

/// The Sørensen–Dice coefficient of the two texts' character bigrams.
fn bigram_similarity(a: &str, b: &str) -> f32 {
    // Each bigram as one number (the first character in the high half), so
    // that sorting and comparing them is integer work.
    let sorted = |s: &str| {
        let mut pairs: Vec<u64> = bigrams(s)
            .map(|(p, c)| u64::from(p) << 32 | u64::from(c))
            .collect();
        pairs.sort_unstable();
        pairs
    };
    let (x, y) = (sorted(a), sorted(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared) as f32 / (x.len() + y.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line::new(text, Span::new(0, text.len()))
    }

    #[test]
    fn header_vocabulary() {
        assert!(is_header(&line(
            "Action\tPriority area\tTimetable\tResponsible party <sup>1</sup>"
        )));
        assert!(is_header(&line(
            "Actions\tCorresponding\tTimetable\tResponsibility"
        )));
        assert!(is_header(&line("\tpriority area\t\t")));
        assert!(is_header(&line("Action\tTimetable\tResponsible party")));
        assert!(!is_header(&line("Action 3. Do\t1.1\t2021\tEuropol")));
        assert!(!is_header(&line("\t\t\t")));
    }

    #[test]
    fn action_rows_after_tags_of_any_length_up_to_forty_characters() {
        let tag = |n: usize| format!("<p{}>Action 1\t1.1", "é".repeat(n));
        assert!(is_action_row(&line(&tag(40))));
        assert!(!is_action_row(&line(&tag(41))));
        assert!(is_action_row(&line("  <b> * Action 3 x")));
        assert!(!is_action_row(&line("<p>Action x")));
        assert!(!is_action_row(&line("<3 Action 3")));
    }

    #[test]
    fn action_rows_in_both_dialects() {
        assert!(is_action_row(&line("<p><b>Action 1</b> Further</p>\t1.1")));
        assert!(is_action_row(&line("<b>Action 84</b> The EU\t2021-2025")));
        assert!(is_action_row(&line("Action 2: Reinforce\t1.1")));
        assert!(is_action_row(&line("ACTION 7 – Reinforce\t1.1")));
        assert!(is_action_row(&line("<p><b>action 9</b>\t1.1")));
        assert!(is_action_row(&line(
            "Actions Action 32. Develop\tCorresponding priority area 6.1"
        )));
        assert!(!is_action_row(&line("\t\t\tFrontex")));
        assert!(!is_action_row(&line("Actions\tCorresponding")));
    }

    #[test]
    fn action_labels() {
        assert_eq!(action_label("Action 12 Do this"), Some((12, 10)));
        assert_eq!(action_label("ACTION 7 – Reinforce"), Some((7, 13)));
        assert_eq!(action_label("action 3: x"), Some((3, 10)));
        assert_eq!(action_label("Action 2."), Some((2, 9)));
        // A letter after the number is part of the label.
        assert_eq!(action_label("Action 12a Do"), Some((12, 11)));
        assert_eq!(action_label("Action 12b."), Some((12, 11)));
        for no in [
            "Action",
            "Action x",
            "Action 1234567",
            "Action 12ab",
            "Action 12_",
            "Actions 3",
            "Action3",
        ] {
            assert_eq!(action_label(no), None, "{no}");
        }
        assert_eq!(raw_label("<p><b>Action 12</b> Do"), Some((6, 15)));
        assert_eq!(raw_label("Reaction 1234567"), Some((2, 15)));
        assert_eq!(raw_label("Actions Action 3."), Some((8, 16)));
        assert_eq!(raw_label("Action x"), None);
        assert!(merged_header("Actions Action 32. Develop"));
        assert!(merged_header("action ACTION 1"));
        assert!(!merged_header("Action 32. Develop"));
    }

    #[test]
    fn header_prefixes_split_off_merged_cells() {
        assert_eq!(
            strip_header_prefix("Corresponding priority area 6.1 6.2").1,
            "6.1 6.2"
        );
        assert_eq!(
            strip_header_prefix("Timetable 2024").0,
            Some(Column::Timetable)
        );
        assert_eq!(
            strip_header_prefix("Responsibility European Commission").1,
            "European Commission"
        );
        assert_eq!(strip_header_prefix("2021-2025").0, None);
    }

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

    #[test]
    fn garbled_repeats_are_near_duplicates_of_the_end() {
        let text = "Develop a set of European forensic toxicology guidelines for drug-related death investigations.";
        assert!(is_garbled_repeat(
            text,
            "European forensic toxicology guidennes for drug-related deam investigations."
        ));
        assert!(!is_garbled_repeat(
            text,
            "Focal Points both in the areas of public health and security."
        ));
        assert!(!is_garbled_repeat(text, "EMCDDA"));
    }

    #[test]
    fn garbled_repeats_are_no_longer_than_the_bound() {
        // The end of a text repeated with every twelfth character changed:
        // garbled up to the bound's length (counted in characters), not
        // beyond.
        let garble = |text: &str| -> String {
            let changed = |(i, c): (usize, char)| if i % 12 == 0 { 'q' } else { c };
            text.chars().enumerate().map(changed).collect()
        };
        let text = "é drug-related death investigations, ".repeat(40);
        let end = |chars: usize| -> String {
            let skip = text.chars().count() - chars;
            text.chars().skip(skip).collect()
        };
        let longest = garble(&end(GARBLED_MAX_CHARS));
        assert!(is_garbled_repeat(&text, &longest));
        let longer = garble(&end(GARBLED_MAX_CHARS + 1));
        assert!(!is_garbled_repeat(&text, &longer));
    }

    /// The coefficient as defined: shared bigrams (as a multiset) over all.
    fn dice_by_definition(a: &str, b: &str) -> f32 {
        let bigrams = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
            pairs.sort_unstable();
            pairs
        };
        let (x, mut y) = (bigrams(a), bigrams(b));
        if x.is_empty() || y.is_empty() {
            return 0.0;
        }
        let total = x.len() + y.len();
        let shared = x
            .iter()
            .filter(|p| match y.iter().position(|q| q == *p) {
                Some(i) => {
                    y.remove(i);
                    true
                }
                None => false,
            })
            .count();
        (2 * shared) as f32 / total as f32
    }

    proptest::proptest! {
        #[test]
        fn bigram_similarity_is_the_dice_coefficient(
            a in "[ab é\u{10FFFF}]{0,12}",
            b in "[ab é\u{10FFFF}]{0,12}",
        ) {
            proptest::prop_assert_eq!(bigram_similarity(&a, &b), dice_by_definition(&a, &b));
        }

        #[test]
        fn bigrams_pair_each_character_with_the_next(text in "[ab é\u{10FFFF}]{0,12}") {
            let chars: Vec<char> = text.chars().collect();
            let expected: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
            proptest::prop_assert_eq!(bigrams(&text).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn joined_chars_counts_the_joined_text(
            texts in proptest::collection::vec("[ab é\u{10FFFF}]{1,6}", 0..5),
        ) {
            let joined = texts.join(" ");
            let count = joined_chars(texts.iter().map(String::as_str));
            proptest::prop_assert_eq!(count, joined.chars().count());
        }

        #[test]
        fn ascii_bigrams_bound_as_decoded_characters_do(
            a in "[a-zA-Z0-9 .]{0,80}",
            b in "[a-zA-Z0-9 .]{0,80}",
        ) {
            let pairs = |s| bigrams(s).map(|(p, c)| (u32::from(p), u32::from(c)));
            proptest::prop_assert_eq!(bigram_bound(&a, &b), pair_bound(pairs(&a), pairs(&b)));
        }

        #[test]
        fn bigram_bound_is_never_below_the_similarity(
            a in "[a-zA-Z0-9 é\u{10FFFF}]{0,80}",
            b in "[a-zA-Z0-9 é\u{10FFFF}]{0,80}",
        ) {
            proptest::prop_assert!(bigram_bound(&a, &b) >= bigram_similarity(&a, &b));
        }
    }
}
