//! A cell's cleaned text as the readers gather it, perhaps from several
//! lines (a row continued over a page break), with its footnote markers
//! and the source span of each piece; and joining cleaned texts so that
//! their markers keep their places.

use crate::span::Span;
use crate::text::{Clean, Marker};

/// One cell of a row, cleaned, possibly gathered from several source rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub text: String,
    pub span: Option<Span>,
    pub markers: Vec<Marker>,
    /// A cell gathered from several places: where each piece starts in
    /// `text`, and its source span. Empty for a cell of one piece, whose
    /// piece is `span` (so that most cells allocate nothing for it).
    pieces: Vec<(usize, Span)>,
}

impl Cell {
    pub fn new(clean: Clean, span: Span) -> Self {
        Cell {
            text: clean.text,
            span: Some(span),
            markers: clean.markers,
            pieces: Vec::new(),
        }
    }

    /// Appends a piece continued from another row.
    pub fn append(&mut self, clean: Clean, span: Span) {
        if clean.text.is_empty() && clean.markers.is_empty() {
            return;
        }
        let len = clean.text.len();
        append_to(&mut self.text, &mut self.markers, clean);
        self.add_piece(self.text.len() - len, span);
        self.span = Some(self.span.map_or(span, |s| s.cover(span)));
    }

    /// Appends `words`, the end of a name broken off into another row's
    /// cell at `span`, after a space. The cell's span stays its own.
    pub fn append_words(&mut self, words: &str, span: Span) {
        self.text.push(' ');
        self.text.push_str(words);
        self.add_piece(self.text.len() - words.len(), span);
    }

    /// Records a piece of the text from `at` on, read from `span`.
    fn add_piece(&mut self, at: usize, span: Span) {
        if self.pieces.is_empty() {
            if let Some(first) = self.span {
                self.pieces.push((0, first));
            }
        }
        self.pieces.push((at, span));
    }

    /// The pieces of the text: the byte range of each in `text`, and
    /// the source span it was read from, in order.
    pub fn pieces(&self) -> impl Iterator<Item = (std::ops::Range<usize>, Span)> + '_ {
        let single = self.pieces.is_empty().then_some(self.span).flatten();
        let pieces = single
            .map(|span| (0, span))
            .into_iter()
            .chain(self.pieces.iter().copied());
        let starts = self.pieces.iter().skip(1).map(|&(at, _)| at);
        let ends = starts.chain(std::iter::once(self.text.len()));
        pieces
            .zip(ends)
            .map(|((at, span), end)| (at..end.max(at), span))
    }
}

/// Appends `more` to `text`, with one space between them when both have
/// words. Returns the markers of `more` placed in the joined text: a marker
/// before the first word of `more` stands after the last word of `text`.
/// `glued`: a marker ends `text`; as in [`text::clean`], no space then
/// stands between it and punctuation.
pub(crate) fn join(text: &mut String, more: Clean, glued: bool) -> impl Iterator<Item = Marker> {
    let before = text.len();
    let glued = glued || more.markers.first().is_some_and(|m| m.at == 0);
    let punctuation = more.text.starts_with(['.', ',', ';', ':', ')', '!', '?']);
    let spaced = !(glued && punctuation);
    if spaced && !text.is_empty() && !more.text.is_empty() {
        text.push(' ');
    }
    let start = text.len();
    text.push_str(&more.text);
    more.markers.into_iter().map(move |m| Marker {
        at: if m.at == 0 { before } else { start + m.at },
        ..m
    })
}

/// Appends the cleaned piece `more` to `clean` (see [`join`]).
pub(crate) fn append(clean: &mut Clean, more: Clean) {
    append_to(&mut clean.text, &mut clean.markers, more);
}

/// Appends `more` to a cleaned text held as its parts.
fn append_to(text: &mut String, markers: &mut Vec<Marker>, more: Clean) {
    let glued = markers.last().is_some_and(|m| m.at == text.len());
    let placed = join(text, more, glued);
    markers.extend(placed);
}

/// True when one of `markers` stands at the end of `text`.
pub(super) fn ends_with_marker(text: &str, markers: &[Marker]) -> bool {
    markers.iter().any(|m| m.at == text.len())
}

/// Cleaned lines joined by one space; a line that cleaned to nothing (a
/// marker alone) adds none.
pub(crate) fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for line in lines {
        push_line(&mut joined, line);
    }
    joined
}

/// Appends `line` to `joined` as [`join_lines`] would join them: a space
/// between, none when either is empty.
pub(crate) fn push_line(joined: &mut String, line: &str) {
    if line.is_empty() {
        return;
    }
    if !joined.is_empty() {
        joined.push(' ');
    }
    joined.push_str(line);
}

/// Drops the first `len` bytes of a cleaned text (a label, a bullet):
/// markers on them stand before its first word.
pub(crate) fn drop_front(clean: &mut Clean, len: usize) {
    let len = len.min(clean.text.len());
    clean.text.drain(..len);
    for marker in &mut clean.markers {
        marker.at = marker.at.saturating_sub(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::clean_at;

    #[test]
    fn joined_words_have_one_space_between_and_none_at_the_ends() {
        for (text, more, joined) in [
            ("a", "b", "a b"),
            ("", "b", "b"),
            ("a", "", "a"),
            ("", "", ""),
        ] {
            let mut text = text.to_owned();
            let _ = join(&mut text, clean_at(more, 0), false).count();
            assert_eq!(text, joined);
        }
    }

    #[test]
    fn joined_markers_keep_the_word_they_follow() {
        let place = |text: &str, more: &str| {
            let mut text = text.to_owned();
            let at: Vec<usize> = join(&mut text, clean_at(more, 0), false)
                .map(|m| m.at)
                .collect();
            (text, at)
        };
        // `results. ³ Reinforce`: the marker follows `results.`, not the space.
        assert_eq!(
            place("results.", "³ Reinforce it²"),
            ("results. Reinforce it".to_owned(), vec![8, 21])
        );
        assert_eq!(place("", "³ x"), ("x".to_owned(), vec![0]));
        assert_eq!(place("a", "⁴"), ("a".to_owned(), vec![1]));
        // A marker at the seam, then punctuation: no space, as within a line.
        assert_eq!(
            place("results", "¹. Reinforce"),
            ("results. Reinforce".to_owned(), vec![7])
        );
        let mut text = "results".to_owned();
        let _ = join(&mut text, clean_at(". Reinforce", 0), true).count();
        assert_eq!(text, "results. Reinforce");
        assert_eq!(place("results", ". Reinforce").0, "results . Reinforce");
    }
}
