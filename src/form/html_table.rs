//! An HTML table cut into the lines the readers take one by one: one line
//! per row (`<tr>`), a row of one cell across the columns a line of its
//! own, and a cell whose `rowspan` reaches into the rows below carried
//! into each of them, within a budget of text (see [`carry_budget`]).

use super::cells::{is_table_structure, Carried, Placed, SourceCell};
use super::{offset_in, Line};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::span::Span;
use crate::text::{html_tag, Tags};

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
    pieces: Vec<RowPiece<'a>>,
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
struct RowPiece<'a> {
    line: Line<'a>,
    kind: RowPieceKind,
    /// Which of the table's carried cells are this row's.
    carried: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowPieceKind {
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
    /// table (see [`RowPieceKind::Wide`]).
    pub fn lines(&self) -> impl Iterator<Item = (Line<'_>, bool)> + '_ {
        self.pieces.iter().map(|piece| {
            let line = Line {
                carried: self.carried.get(piece.carried.clone()).unwrap_or_default(),
                ..piece.line
            };
            (line, piece.kind == RowPieceKind::Wide)
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
            .filter(|p| p.kind == RowPieceKind::Row)
            .count();
        for piece in &mut self.pieces {
            if piece.kind != RowPieceKind::Row {
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
            let own = |p: &Placed<'_>| SourceCell {
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
                    piece.kind = RowPieceKind::Wide;
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
    let mut piece = |from: usize, to: usize, kind: RowPieceKind| {
        let part = block.get(from..to).unwrap_or_default();
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let at = start + from + offset_in(part, trimmed);
            pieces.push(RowPiece {
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
            piece(gap, at, RowPieceKind::Other);
            gap = tag.end;
        } else if tag.opens(b"tr") {
            piece(gap, at, RowPieceKind::Other);
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
            piece(at, row_end, RowPieceKind::Row);
            gap = next;
            tags.seek(next);
        }
    }
    piece(gap, bytes.len(), RowPieceKind::Other);
    let mut table = HtmlTable {
        pieces,
        carried: Vec::new(),
        uncarried: Vec::new(),
        next: last + 1,
    };
    table.carry(carry_budget(block.len()));
    table
}

#[cfg(test)]
mod tests {
    use super::*;

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
