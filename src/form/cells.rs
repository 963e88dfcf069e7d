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

use super::Line;
use crate::span::Span;
use crate::text::{self, html_tag, Clean, HtmlTag, Tags};

/// One cell of a table line: its raw text and where it lies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SourceCell<'a> {
    pub text: &'a str,
    pub span: Span,
    /// A pipe row's cell holding an escaped pipe (`\|`), which cleaning
    /// turns into `|`.
    pub(super) escaped: bool,
}

impl<'a> SourceCell<'a> {
    /// The same cell with only `rest`, a tail of its text.
    pub fn tail(&self, rest: &'a str) -> Self {
        let start = self.span.start + super::offset_in(self.text, rest);
        SourceCell {
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
pub(crate) enum Form {
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
    pub(crate) fn form(&self) -> Form {
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
    pub(super) column: usize,
    /// How many columns it spans.
    pub(super) columns: usize,
    pub(super) cell: SourceCell<'a>,
}

/// How far a cell reaches, as its tag says (`rowspan`, `colspan`), and
/// whether it is a header cell (`<th>`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Extent {
    pub(super) rows: usize,
    pub(super) columns: usize,
    pub(super) header: bool,
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
pub(super) struct Placed<'a> {
    pub(super) cell: SourceCell<'a>,
    pub(super) column: usize,
    pub(super) extent: Extent,
    /// The row's own, not carried from a row above.
    pub(super) own: bool,
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
    type Item = SourceCell<'a>;

    fn next(&mut self) -> Option<SourceCell<'a>> {
        if let Some(left) = self.fill.checked_sub(1) {
            self.fill = left;
            return Some(SourceCell {
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
    pub(super) fn placed(&mut self) -> Option<Placed<'a>> {
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
    fn own(&mut self) -> Option<(SourceCell<'a>, Extent)> {
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
        let cell = SourceCell {
            text: cell,
            span: Span::new(base + from, base + from + cell.len()),
            escaped: self.form == Form::Pipes && cell.contains("\\|"),
        };
        Some((cell, extent))
    }
}

/// A tag that only builds a table (`<table>`, `</tbody>`, `<col>` …),
/// holding nothing to read.
pub(super) fn is_table_structure(tag: &HtmlTag<'_>) -> bool {
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
    // by binary search, not by a pass over all of them for each marker.
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
        let cells: Vec<SourceCell> = row.cells().collect();
        assert_eq!(cells.len(), 2);
        let clean = cells.first().map(SourceCell::clean).unwrap_or_default();
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
}
