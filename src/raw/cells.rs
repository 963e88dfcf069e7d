//! The cells of a table line. Both fixtures separate cells with tabs; a
//! Markdown converter may write the same table as pipe rows
//! (`| Action 1 … | 1.1 | 2021-2025 | European Commission |`), with a
//! delimiter row (`|---|---|`) under each header. Both forms give the same
//! cells, so nothing after this module knows which one a text used.

use super::Line;
use crate::markup::{self, Clean};
use crate::span::Span;

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

    /// The cell's text cleaned (see [`markup::clean`]), its markers' spans
    /// counted from `base` rather than from the start of the source.
    #[inline]
    pub fn clean_from(&self, base: usize) -> Clean {
        let mut clean = markup::clean(self.text, self.span.start.saturating_sub(base));
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

impl<'a> Line<'a> {
    /// True for a Markdown pipe row: its first character after any
    /// whitespace is `|`. (A row without its leading pipe is not read as
    /// one: prose may contain a `|`.)
    pub fn is_pipe_row(&self) -> bool {
        self.text.trim_start().starts_with('|')
    }

    /// True when the line has cells: a tab, or a pipe row.
    pub fn is_row(&self) -> bool {
        memchr::memchr(b'\t', self.text.as_bytes()).is_some() || self.is_pipe_row()
    }

    /// True for a pipe table's furniture, which holds nothing to read: a
    /// delimiter row (`|---|:--:|`) or a row of empty cells (the empty
    /// header a converter writes over a table that had none).
    pub fn is_table_furniture(&self) -> bool {
        self.is_pipe_row()
            && self
                .cells()
                .all(|cell| cell.text.is_empty() || is_delimiter(cell.text))
    }

    /// The line's cells: between tabs, or between a pipe row's unescaped
    /// pipes (its cells trimmed of spaces, the pipes at either end
    /// dropped). A line of neither kind is one cell.
    pub fn cells(&self) -> Cells<'a> {
        let text = self.text;
        let pipes = self.is_pipe_row();
        let at = match pipes {
            // Just after the leading pipe.
            true => text.len() - text.trim_start().len() + 1,
            false => 0,
        };
        Cells {
            line: *self,
            at,
            pipes,
            done: false,
        }
    }
}

/// The cells of a line, in order (see [`Line::cells`]).
pub(crate) struct Cells<'a> {
    line: Line<'a>,
    /// Where the next cell starts, in the line.
    at: usize,
    pipes: bool,
    done: bool,
}

impl<'a> Iterator for Cells<'a> {
    type Item = RawCell<'a>;

    fn next(&mut self) -> Option<RawCell<'a>> {
        if self.done {
            return None;
        }
        let text = self.line.text;
        let rest = text.as_bytes().get(self.at..)?;
        let found = match self.pipes {
            true => unescaped_pipe(rest),
            false => memchr::memchr(b'\t', rest),
        };
        let start = self.at;
        let end = found.map_or(text.len(), |offset| start + offset);
        self.done = found.is_none();
        self.at = end + 1;
        // Tabs and pipes are ASCII: every piece lies on character boundaries.
        let mut cell = text.get(start..end).unwrap_or_default();
        let mut from = start;
        if self.pipes {
            let trimmed = cell.trim_start_matches([' ', '\t']);
            from += cell.len() - trimmed.len();
            cell = trimmed.trim_end_matches([' ', '\t']);
            // What follows the closing pipe is no cell.
            if self.done && cell.is_empty() {
                return None;
            }
        }
        let base = self.line.span.start;
        Some(RawCell {
            text: cell,
            span: Span::new(base + from, base + from + cell.len()),
            escaped: self.pipes && cell.contains("\\|"),
        })
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
    for marker in &mut clean.markers {
        marker.at -= dropped.iter().filter(|&&d| d < marker.at).count();
    }
    clean.text = text;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line {
            text,
            span: Span::new(10, 10 + text.len()),
        }
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
    }
}
