//! The source lines a human report quotes, each long one cut around its
//! span with `…`, as rustc does.
//!
//! codespan-reporting prints a label's lines whole and cannot cut them, and
//! a row of the Council's tab-separated table is a line of up to 1,500
//! characters. It reads the text, line numbers and columns through its
//! `Files` trait, though, so an [`Excerpt`] hands it only the lines the span
//! touches, each cut to about [`WIDTH`] columns, and answers with the
//! source's own line numbers and columns: the header still says
//! `file:172:409`, and the marker, drawn under the cut text, stays under
//! its span.

use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// About how many columns of a line are shown (a tab counts as codespan
/// draws it, four).
const WIDTH: usize = 120;
/// How many columns before its span a cut line keeps, where it can.
const BEFORE: usize = 40;
/// What stands for the text left out.
const ELLIPSIS: &str = "…";

/// The lines of one span, cut.
pub struct Excerpt<'a> {
    name: &'a str,
    /// The source, lone `\r`s made `\n`s (the lines are the parser's).
    source: &'a str,
    /// The cut lines, each ending in `\n`.
    text: String,
    lines: Vec<Piece>,
}

/// One cut line.
struct Piece {
    /// Where it starts in `text`.
    at: usize,
    /// Its 1-based number in the source.
    number: usize,
    /// Where its line starts in the source.
    line_start: usize,
    /// The source range it keeps.
    kept: Range<usize>,
    /// Bytes of `…` before the kept text (0 when nothing is left out).
    prefix: usize,
}

impl<'a> Excerpt<'a> {
    /// The lines `span` touches in `source` (whose `line_starts` are given),
    /// and the span's range in the excerpt.
    pub fn new(
        name: &'a str,
        source: &'a str,
        line_starts: &[usize],
        span: Range<usize>,
    ) -> (Self, Range<usize>) {
        let span = span.start.min(source.len())..span.end.min(source.len());
        let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let (first, last) = (line_of(span.start), line_of(span.end.max(span.start)));
        let mut excerpt = Excerpt {
            name,
            source,
            text: String::new(),
            lines: Vec::new(),
        };
        for line in first..=last {
            let start = line_starts.get(line).copied().unwrap_or(source.len());
            let end = line_starts.get(line + 1).copied().unwrap_or(source.len());
            let content = source.get(start..end).unwrap_or_default();
            let end = start + content.trim_end_matches(['\n', '\r']).len();
            // The part of the line to keep in view: the span's start on its
            // first line, its end on its last, the line's start between.
            let focus = match line {
                _ if line == first => span.start.clamp(start, end),
                _ if line == last => span.end.clamp(start, end),
                _ => start,
            };
            let before = if line == first {
                BEFORE
            } else {
                WIDTH - BEFORE
            };
            let kept = window(source, start..end, focus, before);
            excerpt.push(line + 1, start, kept, end);
        }
        let at = |offset: usize, line: usize| excerpt.offset_in(offset, line - first);
        let range = at(span.start, first)..at(span.end, last);
        (excerpt, range)
    }

    fn push(&mut self, number: usize, line_start: usize, kept: Range<usize>, line_end: usize) {
        let at = self.text.len();
        let prefix = if kept.start > line_start {
            self.text.push_str(ELLIPSIS);
            ELLIPSIS.len()
        } else {
            0
        };
        self.text
            .push_str(self.source.get(kept.clone()).unwrap_or_default());
        if kept.end < line_end {
            self.text.push_str(ELLIPSIS);
        }
        self.text.push('\n');
        self.lines.push(Piece {
            at,
            number,
            line_start,
            kept,
            prefix,
        });
    }

    /// Where source `offset` stands in the excerpt's `index`th line (an
    /// offset outside the kept text stands at its nearer end).
    fn offset_in(&self, offset: usize, index: usize) -> usize {
        let Some(piece) = self.lines.get(index) else {
            return self.text.len();
        };
        let offset = offset.clamp(piece.kept.start, piece.kept.end);
        piece.at + piece.prefix + offset - piece.kept.start
    }
}

/// The range of `line` to show: all of it when it is short; else about
/// [`WIDTH`] columns from up to `before` columns before `focus`.
fn window(source: &str, line: Range<usize>, focus: usize, before: usize) -> Range<usize> {
    let text = source.get(line.clone()).unwrap_or_default();
    if columns(text) <= WIDTH {
        return line;
    }
    let start = back(source, line.start..focus, before);
    let mut end = start;
    let mut shown = 0;
    for (i, c) in source
        .get(start..line.end)
        .unwrap_or_default()
        .char_indices()
    {
        shown += width(c);
        if shown > WIDTH {
            break;
        }
        end = start + i + c.len_utf8();
    }
    // Near the line's end, show more of what comes before.
    if end == line.end {
        let start = back(source, line.start..start, WIDTH.saturating_sub(shown));
        return start..end;
    }
    start..end
}

/// Where the widest text of `range` that ends at its end and is at most
/// `columns` wide starts.
fn back(source: &str, range: Range<usize>, columns: usize) -> usize {
    let (mut start, mut taken) = (range.end, 0);
    let text = source.get(range.clone()).unwrap_or_default();
    for (i, c) in text.char_indices().rev() {
        if taken + width(c) > columns {
            break;
        }
        taken += width(c);
        start = range.start + i;
    }
    start
}

fn width(c: char) -> usize {
    if c == '\t' {
        4
    } else {
        1
    }
}

fn columns(text: &str) -> usize {
    text.chars().map(width).sum()
}

impl<'e> Files<'e> for Excerpt<'_> {
    type FileId = ();
    type Name = &'e str;
    type Source = &'e str;

    fn name(&'e self, (): ()) -> Result<&'e str, Error> {
        Ok(self.name)
    }

    fn source(&'e self, (): ()) -> Result<&'e str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'e self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.lines.partition_point(|p| p.at <= byte_index).max(1) - 1)
    }

    fn line_number(&'e self, (): (), line_index: usize) -> Result<usize, Error> {
        self.piece(line_index).map(|p| p.number)
    }

    /// The source's column, not the excerpt's.
    fn column_number(
        &'e self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let piece = self.piece(line_index)?;
        let into_kept = byte_index.saturating_sub(piece.at + piece.prefix);
        let offset = (piece.kept.start + into_kept).min(piece.kept.end);
        let before = self
            .source
            .get(piece.line_start..offset)
            .unwrap_or_default();
        Ok(before.chars().count() + 1)
    }

    fn line_range(&'e self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let start = self.piece(line_index)?.at;
        let end = self
            .lines
            .get(line_index + 1)
            .map_or(self.text.len(), |p| p.at);
        Ok(start..end)
    }
}

impl Excerpt<'_> {
    fn piece(&self, line_index: usize) -> Result<&Piece, Error> {
        self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text `window` keeps of a one-line `source` with the focus at
    /// the first `^` (which is left out of the source).
    fn kept(marked: &str, before: usize) -> String {
        let focus = marked.find('^').unwrap_or(0);
        let source = marked.replacen('^', "", 1);
        let range = window(&source, 0..source.len(), focus, before);
        source.get(range).unwrap_or_default().to_owned()
    }

    #[test]
    fn a_long_line_is_cut_to_the_width_around_its_focus() {
        let short = format!("{}^x", "a".repeat(100));
        assert_eq!(kept(&short, BEFORE), short.replacen('^', "", 1));
        // The focus in the middle: 40 columns before it, 120 in all.
        let middle = format!("{}^{}", "a".repeat(500), "b".repeat(500));
        assert_eq!(
            kept(&middle, BEFORE),
            format!("{}{}", "a".repeat(40), "b".repeat(80))
        );
        // Near the start: from the start.
        let start = format!("ab^{}", "c".repeat(500));
        assert_eq!(kept(&start, BEFORE), format!("ab{}", "c".repeat(118)));
        // Near the end: the last 120 columns.
        let end = format!("{}^yz", "é".repeat(500));
        assert_eq!(kept(&end, BEFORE), format!("{}yz", "é".repeat(118)));
        // A tab is four columns.
        let tabs = format!("{}^{}", "\t".repeat(100), "d".repeat(500));
        assert_eq!(
            kept(&tabs, BEFORE),
            format!("{}{}", "\t".repeat(10), "d".repeat(80))
        );
    }

    #[test]
    fn the_span_maps_into_the_cut_lines_and_columns_back_to_the_source() {
        let source = format!("head\n{}SPAN{}\ntail\n", "x".repeat(300), "y".repeat(300));
        let starts = [0, 5, source.len() - 5];
        let at = source.find("SPAN").unwrap_or(0);
        let (excerpt, range) = Excerpt::new("f", &source, &starts, at..at + 4);
        assert_eq!(excerpt.text.get(range.clone()), Some("SPAN"));
        assert!(excerpt.text.starts_with("…") && excerpt.text.ends_with("…\n"));
        let location = excerpt.location((), range.start).ok();
        let location = location.map(|l| (l.line_number, l.column_number));
        assert_eq!(location, Some((2, 301)));
    }
}
