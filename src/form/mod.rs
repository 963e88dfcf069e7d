//! The form layer: one reader per form a text is written in (Markdown
//! with HTML, plain text taken from a PDF) turns it into [`Block`]s —
//! headings, notes, table rows, lines of prose, page furniture — and the
//! cells of a table line, whatever form the table is written in
//! (tab-separated, Markdown pipe or grid rows, HTML rows). It knows
//! nothing of plans.

mod block;
mod cells;
mod html_table;
pub(crate) mod markdown;
mod note;
pub(crate) mod plain;

pub(crate) use block::Block;
pub(crate) use cells::{Carried, Form, SourceCell};

use crate::span::Span;
use crate::text::{self, Clean};

/// A line of the source without its line ending, and where it lies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub text: &'a str,
    pub span: Span,
    /// The cells of rows above that reach down into this one (an HTML
    /// row under a `rowspan`), in column order; empty for any other line.
    pub carried: &'a [Carried<'a>],
}

impl<'a> Line<'a> {
    /// The line `text`, which lies at `span`, with nothing carried into it.
    pub fn new(text: &'a str, span: Span) -> Self {
        Line {
            text,
            span,
            carried: &[],
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Cleans `part`, a slice of this line, with its markers' spans in the source.
    pub fn clean(&self, part: &str) -> Clean {
        clean_at(part, self.span.start + offset_in(self.text, part))
    }

    /// Where `part`, a slice of this line, lies in the source.
    pub fn span_of(&self, part: &str) -> Span {
        let start = self.span.start + offset_in(self.text, part);
        Span::new(start, start + part.len())
    }
}

/// Splits `text` into lines ending in `\n`, `\r\n` or a lone `\r`. A
/// byte-order mark is not part of the first line (spans still count it).
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut i = start;
    while let Some(offset) = memchr::memchr2(b'\n', b'\r', bytes.get(i..).unwrap_or_default()) {
        let end = i + offset;
        let next = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
        lines.push(Line::new(
            text.get(start..end).unwrap_or_default(),
            Span::new(start, end),
        ));
        start = next;
        i = next;
    }
    if start < text.len() {
        lines.push(Line::new(
            text.get(start..).unwrap_or_default(),
            Span::new(start, text.len()),
        ));
    }
    lines
}

/// Cleans a slice of a line; `offset` is where `text` starts in the source.
pub(crate) fn clean_at(text: &str, offset: usize) -> Clean {
    text::clean(text, offset)
}

/// The byte offset of `part` inside `whole`, when `part` is a subslice of it.
pub(crate) fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .checked_sub(whole.as_ptr() as usize)
        .filter(|&o| o <= whole.len())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_on_every_kind_of_ending() {
        let text = "a\nb\r\nc\rd";
        let found: Vec<&str> = lines(text).iter().map(|l| l.text).collect();
        assert_eq!(found, ["a", "b", "c", "d"]);
        let spans: Vec<Span> = lines(text).iter().map(|l| l.span).collect();
        assert_eq!(spans[2], Span::new(5, 6));
    }

    #[test]
    fn a_final_newline_makes_no_empty_line() {
        assert_eq!(lines("a\n").len(), 1);
        assert_eq!(lines("").len(), 0);
        assert_eq!(lines("\n\n").len(), 2);
    }
}
