//! The cells of a table line. Both fixtures separate cells with tabs; a
//! Markdown converter may write the same table as pipe rows
//! (`| Action 1 … | 1.1 | 2021-2025 | European Commission |`), with a
//! delimiter row (`|---|---|`) under each header, or as an HTML table
//! (`<table>`, `<tr>`, `<td>` and `<th>`, one tag per line or all on one).
//! An HTML table's rows are cut out of its lines ([`html_table`]), so that
//! each row comes as one [`Line`]; a cell whose `rowspan` reaches into the
//! rows below is given again in each of them, at its column, and a row of
//! one cell spanning the columns (a heading inside the table) is a line of
//! its own. Every form gives the same cells, so nothing after this module
//! knows which one a text used.

use super::{offset_in, Line};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::span::Span;
use crate::text::{self, html_tag, Clean, HtmlTag, Tags};

/// One cell of a table line: its raw text and where it lies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawCell<'a> {
    pub text: &'a str,
    pub span: Span,
    /// A pipe row's cell holding an escaped pipe (`\|`), which cleaning
    /// turns into `|`.
    escaped: bool,
}

impl<'a> RawCell<'a> {
    /// The same cell with only `rest`, a tail of its text.
    pub fn tail(&self, rest: &'a str) -> Self {
        let start = self.span.start + super::offset_in(self.text, rest);
        RawCell {
            text: rest,
            span: Span::new(start.min(self.span.end), self.span.end),
            escaped: self.escaped,
        }
    }

    /// The cell's text cleaned (see [`text::clean`]), its markers' spans
    /// counted from `base` rather than from the start of the source.
    #[inline]
    pub fn clean_from(&self, base: usize) -> Clean {
        let mut clean = text::clean(self.text, self.span.start.saturating_sub(base));
        if self.escaped {
            unescape_pipes(&mut clean);
        }
        clean
    }

    /// The cell's text cleaned, its markers' spans in the source.
    #[inline]
    pub fn clean(&self) -> Clean {
        self.clean_from(0)
    }
}

/// How a line writes its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Separated by tabs; a line without a tab is one cell.
    Tabs,
    /// A Markdown pipe row: its first character after any whitespace is
    /// `|`. (A row without its leading pipe is not read as one: prose may
    /// contain a `|`.)
    Pipes,
    /// An HTML table row, `<tr>` … `</tr>`, cut out by [`html_table`].
    Html,
}

impl<'a> Line<'a> {
    fn form(&self) -> Form {
        let text = self.text.trim_start();
        if text.starts_with('|') {
            Form::Pipes
        } else if text
            .as_bytes()
            .get(..3)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"<tr"))
            && html_tag(text.as_bytes(), 0).is_some_and(|tag| tag.opens(b"tr"))
        {
            Form::Html
        } else {
            Form::Tabs
        }
    }

    /// True for a Markdown pipe row (`| a | b |`), as a grid table's lines
    /// between its rules are.
    pub fn is_pipe_row(&self) -> bool {
        self.form() == Form::Pipes
    }

    /// True when the line has cells: a tab, a pipe row or an HTML row.
    pub fn is_row(&self) -> bool {
        memchr::memchr(b'\t', self.text.as_bytes()).is_some() || self.form() != Form::Tabs
    }

    /// True for a table's furniture, which holds nothing to read: a pipe
    /// table's delimiter row (`|---|:--:|`), a grid table's rule (see
    /// [`Line::is_grid_rule`]) or a row of empty cells (the empty header a
    /// converter writes over a table that had none).
    pub fn is_table_furniture(&self) -> bool {
        match self.form() {
            Form::Pipes => self
                .cells()
                .all(|cell| cell.text.is_empty() || is_delimiter(cell.text)),
            Form::Html => self.cells().all(|cell| cell.text.is_empty()),
            Form::Tabs => self.is_grid_rule(),
        }
    }

    /// A rule of a grid table (`+------+-----+`, and `+======+=====+`
    /// under its header), as pandoc writes a table whose cells hold more
    /// than a line: the rows between two rules are one row of the table,
    /// their lines pipe rows whose cells go on from the line above.
    pub fn is_grid_rule(&self) -> bool {
        let text = self.text.trim_start();
        if !text.starts_with('+') {
            return false; // most lines, at their first byte
        }
        let text = text.trim_end();
        let rule = |b: &u8| matches!(b, b'+' | b'-' | b'=' | b':');
        text.len() >= 3
            && text.ends_with('+')
            && text.bytes().all(|b| rule(&b))
            && text.bytes().any(|b| b == b'-' || b == b'=')
    }

    /// The line's cells: between tabs, between a pipe row's unescaped
    /// pipes (the pipes at either end dropped), or an HTML row's `<td>` and
    /// `<th>` elements (their tags dropped); pipe and HTML cells are
    /// trimmed of whitespace. A line of none of these kinds is one cell.
    pub fn cells(&self) -> Cells<'a> {
        let text = self.text;
        let form = self.form();
        let at = match form {
            // Just after the leading pipe.
            Form::Pipes => text.len() - text.trim_start().len() + 1,
            Form::Tabs | Form::Html => 0,
        };
        Cells {
            line: *self,
            at,
            form,
            tags: Tags::new(text.as_bytes()),
            done: false,
            column: 0,
            carried: 0,
            fill: 0,
            fill_at: Span::new(0, 0),
        }
    }
}

/// A cell an HTML row shares with a row above, whose `rowspan` reaches
/// down into it, and the column it stands in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Carried<'a> {
    column: usize,
    /// How many columns it spans.
    columns: usize,
    cell: RawCell<'a>,
}

/// How far a cell reaches, as its tag says (`rowspan`, `colspan`), and
/// whether it is a header cell (`<th>`).
#[derive(Debug, Clone, Copy)]
struct Extent {
    rows: usize,
    columns: usize,
    header: bool,
}

impl Extent {
    /// A cell of one row and one column: every cell but an HTML one
    /// whose tag says more.
    const ONE: Extent = Extent {
        rows: 1,
        columns: 1,
        header: false,
    };
}

/// A cell with its place in an HTML table.
#[derive(Debug, Clone, Copy)]
struct Placed<'a> {
    cell: RawCell<'a>,
    column: usize,
    extent: Extent,
    /// The row's own, not carried from a row above.
    own: bool,
}

/// The cells of a line, in order (see [`Line::cells`]).
pub(crate) struct Cells<'a> {
    line: Line<'a>,
    /// Where the next cell starts (for an HTML row, where to look for it),
    /// in the line.
    at: usize,
    form: Form,
    /// The tags of an HTML row.
    tags: Tags<'a>,
    /// The line's own cells have all been given.
    done: bool,
    /// The column the row's next own cell falls in.
    column: usize,
    /// How many of the line's carried cells have been given.
    carried: usize,
    /// How many empty cells are still to come for the columns the last
    /// cell spans beyond its first, and where they stand (its end).
    fill: usize,
    fill_at: Span,
}

impl<'a> Iterator for Cells<'a> {
    type Item = RawCell<'a>;

    fn next(&mut self) -> Option<RawCell<'a>> {
        if let Some(left) = self.fill.checked_sub(1) {
            self.fill = left;
            return Some(RawCell {
                text: "",
                span: self.fill_at,
                escaped: false,
            });
        }
        let (cell, columns) = if self.line.carried.is_empty() {
            // Every line but an HTML row under a `rowspan`.
            self.own().map(|(cell, extent)| (cell, extent.columns))?
        } else {
            let placed = self.placed()?;
            (placed.cell, placed.extent.columns)
        };
        // A cell spanning columns (`colspan`) leaves the others it covers
        // empty, so that the cells after it stay in their columns.
        self.fill = columns - 1;
        self.fill_at = Span::new(cell.span.end, cell.span.end);
        Some(cell)
    }
}

impl<'a> Cells<'a> {
    /// The next cell with its place: a carried cell comes at its column,
    /// before the row's own cell there, or after the row's last.
    fn placed(&mut self) -> Option<Placed<'a>> {
        let carried = self.line.carried.get(self.carried).copied();
        if let Some(carried) = carried.filter(|c| c.column <= self.column || self.done) {
            self.carried += 1;
            let column = self.column.max(carried.column);
            self.column = column.saturating_add(carried.columns);
            return Some(Placed {
                cell: carried.cell,
                column: carried.column,
                extent: Extent {
                    columns: carried.columns,
                    ..Extent::ONE
                },
                own: false,
            });
        }
        match self.own() {
            Some((cell, extent)) => {
                let column = self.column;
                self.column = self.column.saturating_add(extent.columns);
                Some(Placed {
                    cell,
                    column,
                    extent,
                    own: true,
                })
            }
            // What the rows above still carry comes after the last cell.
            None if carried.is_some() => {
                self.done = true;
                self.placed()
            }
            None => None,
        }
    }

    /// The line's next own cell, and how far it reaches.
    fn own(&mut self) -> Option<(RawCell<'a>, Extent)> {
        if self.done {
            return None;
        }
        let text = self.line.text;
        let rest = text.as_bytes().get(self.at..)?;
        let (start, end, extent) = match self.form {
            Form::Html => {
                let cell = html_cell(&mut self.tags, self.at)?;
                self.at = cell.next;
                (cell.start, cell.end, cell.extent)
            }
            Form::Pipes | Form::Tabs => {
                let found = match self.form {
                    Form::Pipes => unescaped_pipe(rest),
                    _ => memchr::memchr(b'\t', rest),
                };
                let start = self.at;
                let end = found.map_or(text.len(), |offset| start + offset);
                self.done = found.is_none();
                self.at = end + 1;
                (start, end, Extent::ONE)
            }
        };
        // Tabs, pipes and tags are ASCII: every piece lies on character
        // boundaries.
        let mut cell = text.get(start..end).unwrap_or_default();
        let mut from = start;
        if self.form != Form::Tabs {
            let trimmed = cell.trim_start();
            from += cell.len() - trimmed.len();
            cell = trimmed.trim_end();
            // What follows the closing pipe is no cell.
            if self.done && cell.is_empty() {
                return None;
            }
        }
        let base = self.line.span.start;
        let cell = RawCell {
            text: cell,
            span: Span::new(base + from, base + from + cell.len()),
            escaped: self.form == Form::Pipes && cell.contains("\\|"),
        };
        Some((cell, extent))
    }
}

/// A tag that only builds a table (`<table>`, `</tbody>`, `<col>` …),
/// holding nothing to read.
fn is_table_structure(tag: &HtmlTag<'_>) -> bool {
    const STRUCTURE: [&[u8]; 6] = [b"table", b"thead", b"tbody", b"tfoot", b"colgroup", b"col"];
    STRUCTURE
        .iter()
        .any(|name| tag.name.eq_ignore_ascii_case(name))
}

/// A `<td>` or `<th>` element of an HTML row.
struct HtmlCell {
    /// Where its content starts and ends.
    start: usize,
    end: usize,
    /// Where to look for the cell after it.
    next: usize,
    extent: Extent,
}

/// The next `<td>` or `<th>` cell from `at` of the HTML row `tags` reads.
/// An unclosed cell ends where the next cell or row starts.
fn html_cell(tags: &mut Tags<'_>, at: usize) -> Option<HtmlCell> {
    let row = tags.bytes();
    let is_cell = |tag: &HtmlTag<'_>| tag.opens(b"td") || tag.opens(b"th");
    tags.seek(at);
    let (_, open) = (tags.by_ref())
        .take_while(|(_, tag)| !tag.closes(b"tr"))
        .find(|(_, tag)| is_cell(tag))?;
    let start = open.end;
    tags.seek(start);
    let (end, next) = (tags.by_ref())
        .find_map(|(i, tag)| {
            if tag.closes(b"td") || tag.closes(b"th") {
                Some((i, tag.end))
            } else {
                let ends = is_cell(&tag) || tag.opens(b"tr") || tag.closes(b"tr");
                ends.then_some((i, i))
            }
        })
        .unwrap_or((row.len(), row.len()));
    Some(HtmlCell {
        start,
        end,
        next,
        extent: Extent {
            rows: span_count(&open, b"rowspan"),
            columns: span_count(&open, b"colspan"),
            header: open.opens(b"th"),
        },
    })
}

/// How many rows or columns (`name`: `rowspan` or `colspan`) a cell's
/// opening tag says it spans: 1 when it says nothing readable, at most
/// what HTML allows (65,534 rows, 1,000 columns); `rowspan="0"`, which
/// HTML reads as every row to the table's end, is the most rows.
fn span_count(tag: &HtmlTag<'_>, name: &[u8]) -> usize {
    const MOST_ROWS: usize = 65_534;
    const MOST_COLUMNS: usize = 1_000;
    let rows = name == b"rowspan";
    let most = if rows { MOST_ROWS } else { MOST_COLUMNS };
    let value = tag.attribute(name).unwrap_or_default();
    let digits = std::str::from_utf8(value).unwrap_or_default().trim();
    match digits.parse::<usize>() {
        Ok(0) if rows => most,
        Ok(count) => count.clamp(1, most),
        // More digits than any count: the most there can be.
        Err(_) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => most,
        Err(_) => 1,
    }
}

/// True when `line` is an HTML table's `<caption>`.
pub(crate) fn is_caption(line: &Line<'_>) -> bool {
    html_tag(line.text.as_bytes(), 0).is_some_and(|tag| tag.opens(b"caption"))
}

/// True when `line` starts an HTML table, or a row of one, that
/// [`html_table`] cuts into rows.
pub(crate) fn starts_html_table(line: &Line<'_>) -> bool {
    let text = line.text.trim_start();
    // Every such tag starts `<t`: the cheap test goes first.
    text.as_bytes()
        .get(..2)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"<t"))
        && html_tag(text.as_bytes(), 0).is_some_and(|tag| {
            !tag.closing && (is_table_structure(&tag) || tag.name.eq_ignore_ascii_case(b"tr"))
        })
}

/// An HTML table cut into the lines the reader takes one by one (see
/// [`html_table`]).
pub(crate) struct HtmlTable<'a> {
    pieces: Vec<Piece<'a>>,
    /// The cells carried into rows, row after row.
    carried: Vec<Carried<'a>>,
    /// The cells whose `rowspan` was not followed to its end (see
    /// [`carry_budget`]).
    pub uncarried: Vec<Uncarried>,
    /// The index of the first line after the table.
    pub next: usize,
}

/// A cell whose `rowspan` reaches further down than it was carried:
/// carrying it on would have repeated more text than [`carry_budget`]
/// allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Uncarried {
    /// The cell as written.
    pub span: Span,
    /// How many rows below its own it was carried into.
    pub carried: usize,
    /// How many more rows its `rowspan` reaches, up to the table's end.
    pub left: usize,
}

impl Uncarried {
    /// The `uncarried-cell` warning, at the cell as written.
    pub fn diagnostic(&self) -> Diagnostic {
        let kind = DiagnosticKind::UncarriedCell {
            carried: self.carried,
            left: self.left,
        };
        Diagnostic::new(kind, self.span)
    }
}

/// The columns a `rowspan` is followed in: well past any plan's table.
const MOST_CARRIED_COLUMNS: usize = 8;

/// How many bytes of cell text a table of `len` bytes may repeat into its
/// rows by `rowspan`: twice its own length, and 64 KiB besides, which no
/// plan's merged timetables and party lists come near. Without a bound, a
/// cell of n bytes merged down n rows would make the plan hold n² bytes
/// from an input of 2n (as entity expansion does in XML).
fn carry_budget(len: usize) -> usize {
    len.saturating_mul(2).saturating_add(64 * 1024)
}

/// A line cut from an HTML table.
struct Piece<'a> {
    line: Line<'a>,
    kind: PieceKind,
    /// Which of the table's carried cells are this row's.
    carried: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PieceKind {
    /// A row, `<tr>` … `</tr>`.
    Row,
    /// The content of a row's one cell that spans columns: a heading
    /// inside the table, which no row continues.
    Wide,
    /// Text between rows that is not table structure (a `<caption>`).
    Other,
}

impl<'a> HtmlTable<'a> {
    /// The table's lines in order, each with whether it stands across the
    /// table (see [`PieceKind::Wide`]).
    pub fn lines(&self) -> impl Iterator<Item = (Line<'_>, bool)> + '_ {
        self.pieces.iter().map(|piece| {
            let line = Line {
                carried: self.carried.get(piece.carried.clone()).unwrap_or_default(),
                ..piece.line
            };
            (line, piece.kind == PieceKind::Wide)
        })
    }

    /// Gives each row the cells that rows above reach down into it with
    /// their `rowspan`, and turns a row of one cell spanning columns into
    /// the line of its content.
    fn carry(&mut self, budget: usize) {
        // Cells reaching down, in column order, with how many rows below
        // they still cover and how many they have been carried into.
        let mut above: Vec<(Carried<'a>, usize, usize)> = Vec::new();
        let mut left = budget;
        let mut rows_left = self
            .pieces
            .iter()
            .filter(|p| p.kind == PieceKind::Row)
            .count();
        for piece in &mut self.pieces {
            if piece.kind != PieceKind::Row {
                continue;
            }
            // A cell the budget has no room for left is carried no further.
            above.retain_mut(|(carried, rows, into)| {
                let Some(rest) = left.checked_sub(carried.cell.text.len()) else {
                    self.uncarried.push(Uncarried {
                        span: carried.cell.span,
                        carried: *into,
                        left: (*rows).min(rows_left),
                    });
                    return false;
                };
                left = rest;
                *into += 1;
                true
            });
            let from = self.carried.len();
            self.carried
                .extend(above.iter().map(|&(carried, _, _)| carried));
            piece.carried = from..self.carried.len();
            let row = Line {
                carried: self.carried.get(from..).unwrap_or_default(),
                ..piece.line
            };
            let placed: Vec<Placed<'_>> = std::iter::from_fn({
                let mut cells = row.cells();
                move || cells.placed()
            })
            .collect();
            // The cells' text, as a slice of the row's (which outlives the
            // carried cells the row was just read with).
            let text = piece.line.text;
            let base = piece.line.span.start;
            let own = |p: &Placed<'_>| RawCell {
                text: text
                    .get(p.cell.span.start - base..p.cell.span.end - base)
                    .unwrap_or_default(),
                ..p.cell
            };
            rows_left -= 1;
            above.retain_mut(|(_, rows, _)| {
                *rows -= 1;
                *rows > 0
            });
            // One cell of its own across columns, whatever a `rowspan`
            // from above reaches into the row beside it.
            let mut owned = placed.iter().filter(|p| p.own);
            if let (Some(wide), None) = (owned.next(), owned.next()) {
                if wide.extent.columns > 1 {
                    let cell = own(wide);
                    piece.kind = PieceKind::Wide;
                    piece.line = Line::new(cell.text, cell.span);
                    piece.carried = 0..0;
                    continue;
                }
            }
            // A header row's cells name columns: its `rowspan` spans the
            // header's lines, never a row of actions.
            if placed.iter().filter(|p| p.own).all(|p| p.extent.header) {
                continue;
            }
            // Only within the columns a table of actions can have: a cell
            // past them carries nothing a row reads, and carrying every
            // one would cost each row as many as all the rows above.
            let reaching = placed
                .iter()
                .filter(|p| p.own && p.extent.rows > 1 && p.column < MOST_CARRIED_COLUMNS);
            above.extend(reaching.map(|p| {
                let carried = Carried {
                    column: p.column,
                    columns: p.extent.columns,
                    cell: own(p),
                };
                (carried, p.extent.rows - 1, 0)
            }));
            above.sort_by_key(|(carried, _, _)| carried.column);
        }
    }
}

/// Cuts the HTML table that starts at `lines[first]` (see
/// [`starts_html_table`]) into lines the reader takes one by one: each row
/// (`<tr>` … `</tr>`, however many lines it spans) is one line, and so is
/// any text between rows that is not table structure (a `<caption>`).
/// The table ends with the line that closes it, or before a blank line, as
/// an HTML block in Markdown does.
pub(crate) fn html_table<'a>(text: &'a str, lines: &[Line<'a>], first: usize) -> HtmlTable<'a> {
    let mut last = first;
    for (i, line) in lines.iter().enumerate().skip(first) {
        if i > first && line.is_blank() {
            break;
        }
        last = i;
        let closes_table = Tags::new(line.text.as_bytes()).any(|(_, tag)| tag.closes(b"table"));
        if closes_table {
            break;
        }
    }
    let start = lines.get(first).map_or(0, |l| l.span.start);
    let end = lines.get(last).map_or(start, |l| l.span.end);
    let block = text.get(start..end).unwrap_or_default();
    let bytes = block.as_bytes();
    let mut pieces = Vec::new();
    let mut piece = |from: usize, to: usize, kind: PieceKind| {
        let part = block.get(from..to).unwrap_or_default();
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let at = start + from + offset_in(part, trimmed);
            pieces.push(Piece {
                line: Line::new(trimmed, Span::new(at, at + trimmed.len())),
                kind,
                carried: 0..0,
            });
        }
    };
    // Text between rows, with the table's structure tags taken out.
    let mut gap = 0;
    let mut tags = Tags::new(bytes);
    while let Some((at, tag)) = tags.next() {
        if is_table_structure(&tag) {
            piece(gap, at, PieceKind::Other);
            gap = tag.end;
        } else if tag.opens(b"tr") {
            piece(gap, at, PieceKind::Other);
            // The row runs to its `</tr>`, or up to the next row or the
            // table's end when that is missing.
            let mut row_end = bytes.len();
            let mut next = bytes.len();
            for (i, tag) in tags.by_ref() {
                if tag.closes(b"tr") {
                    (row_end, next) = (tag.end, tag.end);
                    break;
                }
                if tag.opens(b"tr") || is_table_structure(&tag) {
                    (row_end, next) = (i, i);
                    break;
                }
            }
            piece(at, row_end, PieceKind::Row);
            gap = next;
            tags.seek(next);
        }
    }
    piece(gap, bytes.len(), PieceKind::Other);
    let mut table = HtmlTable {
        pieces,
        carried: Vec::new(),
        uncarried: Vec::new(),
        next: last + 1,
    };
    table.carry(carry_budget(block.len()));
    table
}

/// The first `|` in `bytes` that no backslash escapes.
fn unescaped_pipe(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'|', bytes).find(|&i| i == 0 || bytes.get(i - 1) != Some(&b'\\'))
}

/// A delimiter cell: dashes, perhaps between alignment colons (`:---:`).
fn is_delimiter(cell: &str) -> bool {
    let dashes = cell.strip_prefix(':').unwrap_or(cell);
    let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
    !dashes.is_empty() && dashes.bytes().all(|b| b == b'-')
}

/// Turns each escaped pipe (`\|`) of a cleaned pipe-row cell into `|`,
/// keeping its markers where they stood.
fn unescape_pipes(clean: &mut Clean) {
    let mut text = String::with_capacity(clean.text.len());
    // Where each dropped backslash stood in the cleaned text.
    let mut dropped = Vec::new();
    let mut rest = clean.text.as_str();
    while let Some(i) = rest.find("\\|") {
        dropped.push(clean.text.len() - rest.len() + i);
        text.push_str(rest.get(..i).unwrap_or_default());
        rest = rest.get(i + 1..).unwrap_or_default();
    }
    text.push_str(rest);
    // `dropped` is in order: the backslashes before a marker are found
    // by halving it, not by a pass over all of them for each marker.
    for marker in &mut clean.markers {
        marker.at -= dropped.partition_point(|&d| d < marker.at);
    }
    clean.text = text;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line::new(text, Span::new(10, 10 + text.len()))
    }

    fn cells(text: &str) -> Vec<(&str, usize, usize)> {
        let cells = line(text).cells();
        cells.map(|c| (c.text, c.span.start, c.span.end)).collect()
    }

    #[test]
    fn tab_cells_are_kept_whole() {
        assert_eq!(
            cells("a \tb\t"),
            [("a ", 10, 12), ("b", 13, 14), ("", 15, 15)]
        );
        assert_eq!(cells("no cells"), [("no cells", 10, 18)]);
    }

    #[test]
    fn pipe_cells_are_trimmed_and_the_outer_pipes_dropped() {
        assert_eq!(
            cells("  | Action 1 | 1.1 |2021|"),
            [("Action 1", 14, 22), ("1.1", 25, 28), ("2021", 30, 34)]
        );
        // Without its closing pipe, the last cell still counts.
        assert_eq!(cells("| a | b"), [("a", 12, 13), ("b", 16, 17)]);
        assert_eq!(
            cells("| a |  | b |"),
            [("a", 12, 13), ("", 17, 17), ("b", 19, 20)]
        );
    }

    #[test]
    fn an_escaped_pipe_stays_in_its_cell_and_cleans_to_a_pipe() {
        let row = line(r"| a \| b<sup>2</sup> \| c | d |");
        let cells: Vec<RawCell> = row.cells().collect();
        assert_eq!(cells.len(), 2);
        let clean = cells.first().map(RawCell::clean).unwrap_or_default();
        assert_eq!(clean.text, "a | b | c");
        let at: Vec<usize> = clean.markers.iter().map(|m| m.at).collect();
        // The marker stays after `b`.
        assert_eq!(at, [5]);
        assert_eq!(clean.markers.first().map(|m| m.number), Some(2));
    }

    #[test]
    fn delimiter_rows_and_empty_rows_are_furniture() {
        assert!(line("|---|:---:|--:|").is_table_furniture());
        assert!(line("| --- | --- |").is_table_furniture());
        assert!(line("|   |   |").is_table_furniture());
        assert!(!line("| - | a |").is_table_furniture());
        assert!(!line("| Action | Timetable |").is_table_furniture());
        assert!(!line("---").is_table_furniture());
        assert!(!line("a | b").is_row());
        assert!(line("a\tb").is_row() && line(" | a |").is_row());
        assert!(line("<tr><td> </td>\n<th></th></tr>").is_table_furniture());
        for rule in ["+---+----+", "  +====+:===+", "+-+"] {
            assert!(
                line(rule).is_grid_rule() && line(rule).is_table_furniture(),
                "{rule}"
            );
        }
        for no in ["+", "++", "+---", "---+", "+ -- +", "+--x--+", "| --- |"] {
            assert!(!line(no).is_grid_rule(), "{no}");
        }
        assert!(!line("<tr><td>a</td></tr>").is_table_furniture());
    }

    #[test]
    fn html_cells_are_their_elements_content_trimmed() {
        assert_eq!(
            cells("<tr class=\"odd\">\n<td><p>a</p></td>\n<TH scope=col> b\n c </TH></tr>"),
            [("<p>a</p>", 31, 39), ("b\n c", 60, 64)]
        );
        // An unclosed cell ends where the next cell or the row does; a
        // `<thead>` is no `<th>`.
        assert_eq!(
            cells("<tr><td>a<td>b</tr><thead>"),
            [("a", 18, 19), ("b", 23, 24)]
        );
        assert_eq!(cells("<tr><td>a</td>"), [("a", 18, 19)]);
        assert!(line("<tr><td>a</td></tr>").is_row());
        assert!(!line("<tread>").is_row() && !line("<p>a</p>").is_row());
    }

    /// The pieces `html_table` cuts from `text`, and the line after them.
    fn html_pieces(text: &str) -> (Vec<&str>, usize) {
        let all = super::super::lines(text);
        assert!(starts_html_table(&all[0]));
        let table = html_table(text, &all, 0);
        for (piece, _) in table.lines() {
            assert_eq!(&text[piece.span.start..piece.span.end], piece.text);
        }
        (
            table.pieces.iter().map(|p| p.line.text).collect(),
            table.next,
        )
    }

    #[test]
    fn an_html_table_is_cut_into_its_rows() {
        let text = "<table>\n<caption>Actions</caption>\n<thead>\n<tr>\n<th>Action</th>\n</tr>\n\
            </thead><tbody><tr><td>a</td>\n<td>b</td></tr>\n</tbody>\n</table>\nAfter";
        let (pieces, next) = html_pieces(text);
        assert_eq!(
            pieces,
            [
                "<caption>Actions</caption>",
                "<tr>\n<th>Action</th>\n</tr>",
                "<tr><td>a</td>\n<td>b</td></tr>"
            ]
        );
        assert_eq!(next, 10);
        // On one line, rows without their `</tr>`, and text after the table.
        let (pieces, next) = html_pieces("<table><tr><td>a<tr><td>b</table> c\nd");
        assert_eq!(pieces, ["<tr><td>a", "<tr><td>b", "c"]);
        assert_eq!(next, 1);
        // Without `</table>`, a blank line ends it.
        let (pieces, next) = html_pieces("<tr>\n<td>a</td>\n\n<td>b</td>");
        assert_eq!(pieces, ["<tr>\n<td>a</td>"]);
        assert_eq!(next, 2);
    }

    /// Each line `html_table` cuts from `text`: its cells, and whether it
    /// stands across the table.
    fn html_rows(text: &str) -> Vec<(Vec<String>, bool)> {
        let all = super::super::lines(text);
        let table = html_table(text, &all, 0);
        let rows = table.lines().map(|(line, wide)| {
            let cells = line.cells().map(|cell| {
                assert_eq!(&text[cell.span.start..cell.span.end], cell.text);
                cell.text.to_owned()
            });
            (cells.collect(), wide)
        });
        rows.collect()
    }

    #[test]
    fn a_rowspan_carries_its_cell_into_the_rows_below_at_its_column() {
        let text = "<table>\n<tr><td rowspan=\"3\">a</td><td>b</td><td rowspan=2>c</td></tr>\n\
            <tr><td>d</td></tr>\n<tr><td>e</td><td>f</td></tr>\n\
            <tr><th colspan=\"3\">wide</th></tr>\n<tr><td>g</td><td colspan=2>h</td></tr>\n</table>";
        let rows = html_rows(text);
        let expected: [(&[&str], bool); 5] = [
            (&["a", "b", "c"], false),
            (&["a", "d", "c"], false),
            (&["a", "e", "f"], false),
            (&["wide"], true),
            (&["g", "h", ""], false),
        ];
        assert_eq!(rows.len(), expected.len());
        for ((cells, wide), (want, want_wide)) in rows.iter().zip(expected) {
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            assert_eq!((cells.as_slice(), *wide), (want, want_wide), "{cells:?}");
        }
    }

    #[test]
    fn a_rowspan_is_followed_only_while_the_text_it_repeats_stays_within_the_budget() {
        // A 40,000-byte cell merged down 100 rows, beside a small one merged
        // down 5: carried whole, it would repeat 4 MB from a table of 41 KB.
        let big = "x".repeat(40_000);
        let mut text =
            format!("<table><tr><td rowspan=\"5\">2021</td><td rowspan=\"100\">{big}</td></tr>\n");
        for row in 2..=100 {
            text.push_str(&format!("<tr><td>{row}</td></tr>\n"));
        }
        text.push_str("</table>");
        let all = super::super::lines(&text);
        let table = html_table(&text, &all, 0);
        let rows: Vec<Vec<&str>> = (table.lines())
            .map(|(line, _)| line.cells().map(|c| c.text).collect())
            .collect();
        let with_big = |row: &Vec<&str>| row.contains(&big.as_str());
        let carried = rows.iter().skip(1).take_while(|row| with_big(row)).count();
        let repeated: usize = rows.iter().skip(1).flatten().map(|cell| cell.len()).sum();
        // Carried while the budget lasts, then not at all.
        assert!(carried >= 1, "{carried}");
        assert!(!rows.iter().skip(1 + carried).any(with_big));
        assert!(repeated <= carry_budget(text.len()), "{repeated}");
        assert!(
            repeated + big.len() > carry_budget(text.len()),
            "{repeated}"
        );
        // The small cell fits: it is carried as far as it reaches.
        assert!(rows.iter().take(5).all(|row| row.first() == Some(&"2021")));
        assert_eq!(rows[5].first(), Some(&"6"));
        let start = text.find(&big).unwrap_or_default();
        let cut = Uncarried {
            span: Span::new(start, start + big.len()),
            carried,
            left: 99 - carried,
        };
        assert_eq!(table.uncarried, [cut]);
        let warning = cut.diagnostic();
        assert_eq!(warning.code(), crate::Code::UncarriedCell);
        assert!(warning
            .message
            .contains(&format!("reaches {} rows", 99 - carried)));
    }

    /// The cells of each line `html_table` cuts from `text`.
    fn html_cells(text: &str) -> Vec<Vec<String>> {
        html_rows(text)
            .into_iter()
            .map(|(cells, _)| cells)
            .collect()
    }

    #[test]
    fn a_zero_rowspan_reaches_the_tables_end_past_a_cell_spanning_columns() {
        let text = "<tr><td rowspan=\"0\">x</td><td>1</td></tr><tr><td>2</td></tr>\
            <tr><td colspan=\"2\">3</td><td rowspan=\"2\">4</td></tr><tr><td>5</td><td>6</td></tr>";
        assert_eq!(
            html_cells(text),
            [
                ["x", "1"].as_slice(),
                &["x", "2"],
                &["x", "3", "", "4"],
                &["x", "5", "6", "4"]
            ]
        );
    }

    #[test]
    fn counts_past_what_html_allows_are_the_most_it_allows() {
        let huge = "<tr><td colspan=\"18446744073709551616\">a</td><td colspan=\"99999\">b</td>\
            <td rowspan=\"18446744073709551615\">c</td></tr><tr><td>d</td></tr>";
        let rows = html_cells(huge);
        let counts: Vec<usize> = rows.iter().map(Vec::len).collect();
        // A cell past the columns a plan's table can have is not carried.
        assert_eq!(counts, [1_000 + 1_000 + 1, 1]);
        assert_eq!(rows[1], ["d"]);
    }

    #[test]
    fn a_heading_across_the_columns_stays_one_beside_a_rowspan() {
        let crossed = "<tr><td>a</td><td>1</td><td rowspan=\"3\">p</td></tr>\
            <tr><td colspan=\"2\">heading</td></tr><tr><td>b</td><td>2</td></tr>";
        let lines = html_rows(crossed);
        assert_eq!(lines.get(1), Some(&(vec!["heading".to_owned()], true)));
        assert_eq!(lines[2].0, ["b", "2", "p"]);
    }

    #[test]
    fn a_header_rows_rowspan_reaches_no_row_of_cells() {
        let header =
            "<tr><th>Action</th><th rowspan=\"3\">Timetable</th></tr><tr><td>a</td><td>1</td></tr>";
        assert_eq!(html_cells(header), [["Action", "Timetable"], ["a", "1"]]);
    }
}
