//! Byte spans into the source text, and line/column lookup on request.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `start..end` into the text given to [`crate::parse`].
///
/// Spans always lie on UTF-8 character boundaries of that text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span; `end` is clamped so that it is never before `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when `other` lies wholly inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length in bytes (0 for a span whose end stands before its start,
    /// which the parser never makes but a deserialised one may hold).
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The part of this span where `needle` (or, failing that, its first
    /// word) occurs in `text`; the whole span when the source spells it
    /// differently (tags, line breaks).
    pub(crate) fn narrow(self, text: &str, needle: &str) -> Span {
        let covered = text.get(self.range()).unwrap_or("");
        let first_word = needle.split_whitespace().next().unwrap_or(needle);
        self.find(covered, needle)
            .or_else(|| self.find(covered, first_word))
            .unwrap_or(self)
    }

    /// Where `needle` first occurs in this span, whose text is `covered`.
    pub(crate) fn find(self, covered: &str, needle: &str) -> Option<Span> {
        let start = self.start + covered.find(needle)?;
        Some(Span::new(start, start + needle.len()))
    }

    /// The span as a `Range`, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// Maps byte offsets to [`Position`]s. Build it once per text; lookups are
/// a binary search over the line starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`. Lines end as the readers split
    /// them: at `\n`, `\r\n` or a lone `\r` (old Mac text).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        if memchr::memchr(b'\r', bytes).is_none() {
            // Most texts: one byte ends every line.
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        } else {
            // A `\r` before `\n` belongs to the line the `\n` ends.
            let crlf = |i: usize| bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n');
            let ends = memchr::memchr2_iter(b'\n', b'\r', bytes).filter(|&i| !crlf(i));
            line_starts.extend(ends.map(|i| i + 1));
        }
        LineIndex { line_starts }
    }

    /// The position of byte `offset` in `text` (the same text given to
    /// [`LineIndex::new`]). Offsets past the end map to the end.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        self.on_line(text, line, offset)
    }

    /// The position of byte `offset` (at most the text's length), which lies
    /// on the 0-based `line`.
    fn on_line(&self, text: &str, line: usize, offset: usize) -> Position {
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// A reader of positions for offsets that mostly come in source order:
    /// each is found by stepping on from the last, not by a search.
    pub(crate) fn cursor<'i>(&'i self, text: &'i str) -> Cursor<'i> {
        Cursor {
            index: self,
            text,
            line: 0,
            last: None,
        }
    }

    /// Number of lines in the text (a text ending in `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// See [`LineIndex::cursor`].
pub(crate) struct Cursor<'i> {
    index: &'i LineIndex,
    text: &'i str,
    /// The 0-based line of the last offset asked for.
    line: usize,
    /// The last offset asked for on `line` and its column, when that
    /// offset is a character boundary: the next offset on the line counts
    /// its characters on from there. (Counting each from the line's start
    /// was quadratic on a long line with many positions: a table written
    /// on one line, a cell of many markers.)
    last: Option<(usize, usize)>,
}

impl Cursor<'_> {
    /// The position of byte `offset`, as [`LineIndex::position`] gives it.
    pub(crate) fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let starts = &self.index.line_starts;
        let line = self.line;
        if starts.get(self.line).is_none_or(|&s| s > offset) {
            // Backwards: search, as the index does.
            self.line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        }
        while starts.get(self.line + 1).is_some_and(|&s| s <= offset) {
            self.line += 1;
        }
        let onwards = self
            .last
            .filter(|&(at, _)| self.line == line && at <= offset);
        let counted = onwards
            .and_then(|(at, column)| Some(column + self.text.get(at..offset)?.chars().count()));
        let position = match counted {
            Some(column) => Position {
                line: self.line + 1,
                column,
            },
            None => self.index.on_line(self.text, self.line, offset),
        };
        let start = starts.get(self.line).copied().unwrap_or(0);
        let boundary = self.text.get(start..offset).is_some();
        self.last = boundary.then_some((offset, position.column));
        position
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_contains_the_spans_inside_it() {
        let span = Span::new(2, 6);
        assert!(span.contains(Span::new(2, 6)) && span.contains(Span::new(3, 3)));
        assert!(!span.contains(Span::new(1, 3)) && !span.contains(Span::new(5, 7)));
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1 });
        // `ç` is two bytes: `d` sits at byte 5, column 2.
        assert_eq!(index.position(text, 5), Position { line: 2, column: 2 });
        assert_eq!(index.position(text, 7), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 99), Position { line: 4, column: 2 });
        assert_eq!(index.line_count(), 4);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_a_line_feed_does() {
        let text = "ab\rcd\r\nef\ngh";
        let index = LineIndex::new(text);
        let lines: Vec<usize> = [0, 3, 5, 7, 10, 11]
            .map(|o| index.position(text, o).line)
            .to_vec();
        assert_eq!(lines, [1, 2, 2, 3, 4, 4]);
        assert_eq!(index.line_count(), 4);
    }

    #[test]
    fn a_cursor_agrees_with_the_index_in_any_order() {
        let text = "ab\nçd\n\nx\r\ny";
        let index = LineIndex::new(text);
        let mut cursor = index.cursor(text);
        for offset in [
            0, 1, 3, 5, 7, 8, 2, 0, 11, 99, 4, 9, 10, 3, 4, 5, 6, 0, 2, 1,
        ] {
            assert_eq!(
                cursor.position(offset),
                index.position(text, offset),
                "{offset}"
            );
        }
    }
}
