//! The document layer: one reader per document shape reads the lines and
//! cells of the form layer ([`crate::form`]) as spanned headings, table
//! rows, footnotes, indicators and glossary entries, into a [`Draft`].
//! Every quirk of a shape (page breaks, superscripts, headers split or
//! merged) is dealt with here, so that [`crate::resolve`] sees only clean
//! rows.

pub(crate) mod commission;
pub(crate) mod council;
pub(crate) mod table;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{
    Footnote, FootnoteRef, GlossaryEntry, Meta, Paragraph, RefPart, RefSite, Section,
    StrategicPriority,
};
use crate::span::Span;
use crate::text::{Clean, Marker, DASHES};
use table::Context;

// The form layer's lines, as every reader here takes them.
pub(crate) use crate::form::{clean_at, lines, offset_in, Line};

/// Everything a dialect reader found, before resolution.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub meta: Meta,
    pub introduction: Vec<Paragraph>,
    pub sections: Vec<Section>,
    pub priorities: Vec<StrategicPriority>,
    pub rows: Vec<DraftRow>,
    pub footnotes: Vec<Footnote>,
    /// Markers outside actions and indicators (headers, headings, footnotes).
    pub refs: Vec<FootnoteRef>,
    pub indicators: Vec<DraftIndicator>,
    pub glossary: Vec<GlossaryEntry>,
    pub diagnostics: Vec<Diagnostic>,
    /// A marker ends the text of the last footnote (see [`join`]): kept
    /// as the footnote grows, as searching `refs` for one on each of its
    /// lines cost as many steps as all the references before it.
    footnote_glued: bool,
}

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
fn join(text: &mut String, more: Clean, glued: bool) -> impl Iterator<Item = Marker> {
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
fn ends_with_marker(text: &str, markers: &[Marker]) -> bool {
    markers.iter().any(|m| m.at == text.len())
}

/// The reference a marker in `part` of `site` makes; `offset` is its
/// place in that part's text, when the model keeps one.
pub(crate) fn reference(
    marker: &Marker,
    site: RefSite,
    part: Option<RefPart>,
    offset: Option<usize>,
) -> FootnoteRef {
    FootnoteRef {
        number: marker.number,
        site,
        part,
        span: marker.span,
        offset,
    }
}

/// The reference a marker in the running text of `site` makes, at its place
/// there.
pub(crate) fn text_reference(marker: &Marker, site: RefSite) -> FootnoteRef {
    reference(marker, site, Some(RefPart::Text), Some(marker.at))
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

/// An action row with its cells, in the dialect-free form `resolve` reads.
#[derive(Debug, Clone)]
pub(crate) struct DraftRow {
    pub number: u32,
    pub label_span: Span,
    pub span: Span,
    pub section: Option<u32>,
    pub strategic_priority: Option<u32>,
    pub text: Cell,
    /// `None` when the table has no priority-area column.
    pub areas: Option<Cell>,
    pub timetable: Cell,
    pub parties: Cell,
    /// The footnote markers of cells beyond the table's columns.
    pub extra: Vec<Marker>,
}

/// An indicator before its sources are split off.
#[derive(Debug, Clone)]
pub(crate) struct DraftIndicator {
    pub number: u32,
    pub title: Option<String>,
    pub body: Clean,
    pub span: Span,
}

/// What follows `word` (in any case) at the start of `text` and the
/// whitespace that must come after it.
#[inline]
pub(crate) fn after_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let head = text.as_bytes().get(..word.len())?;
    if !head.eq_ignore_ascii_case(word.as_bytes()) {
        return None;
    }
    let after = text.get(word.len()..)?;
    let spaced = after.trim_start();
    (spaced.len() < after.len()).then_some(spaced)
}

/// What may follow a label's number (`Action 3.`, `Strategic priority 3:`,
/// `Performance indicator 3 –`): `.`, `:` or a dash.
pub(crate) const AFTER_LABEL: [char; 5] = ['.', ':', DASHES[0], DASHES[1], DASHES[2]];

/// A strategic-priority heading (`Strategic priority 3: Tackle …`, any
/// case, `:`, `.` or a dash after the number): its number and title.
pub(crate) fn priority_heading(text: &str) -> Option<(u32, &str)> {
    let rest = after_word(after_word(text, "strategic")?, "priority")?;
    let (number, rest) = crate::text::leading_number(rest, 3)?;
    let title = rest.trim_start().strip_prefix(AFTER_LABEL)?.trim_start();
    (!title.is_empty() && !title.contains('\n')).then_some((number, title))
}

/// The most characters of an unplaced line its diagnostic quotes: any line
/// of either fixture, but not a runaway line of megabytes.
const MOST_QUOTED: usize = 2_000;

/// Records a line the reader could not place, quoting it whole (up to
/// [`MOST_QUOTED`] characters, and then saying how many more its span has).
pub(crate) fn unrecognised(diagnostics: &mut Vec<Diagnostic>, line: &Line<'_>) {
    let text = line.text.trim();
    let cut = text.char_indices().nth(MOST_QUOTED).map(|(at, _)| at);
    let (text, more) = match cut.and_then(|at| Some((text.get(..at)?, text.get(at..)?))) {
        Some((shown, rest)) => (shown, rest.chars().count()),
        None => (text, 0),
    };
    let text = text.to_owned();
    let kind = DiagnosticKind::UnrecognisedLine { text, more };
    diagnostics.push(Diagnostic::new(kind, line.span));
}

/// The period a title states, e.g. `EU Drugs Action Plan 2021-2025`: the
/// first two four-digit years joined by a dash (`-`, `–` or `—`, perhaps
/// spaced), wherever they stand.
pub(crate) fn period(title: &str) -> Option<crate::model::Period> {
    period_at(title).map(|(period, _)| period)
}

/// [`period`], and the byte range of `title` its years and dash lie in.
fn period_at(title: &str) -> Option<(crate::model::Period, std::ops::Range<usize>)> {
    let year = |digits: &str| {
        let ascii = digits.bytes().all(|b| b.is_ascii_digit());
        ascii.then(|| digits.parse().ok()).flatten()
    };
    let dashes = title.char_indices().filter(|(_, c)| DASHES.contains(c));
    dashes.into_iter().find_map(|(at, dash)| {
        let before = title.get(..at)?.trim_end();
        let after_dash = at + dash.len_utf8();
        let after = title.get(after_dash..)?.trim_start();
        let start = before.len().checked_sub(4)?;
        let end = title.len() - after.len() + 4;
        let period = crate::model::Period {
            start: year(before.get(start..)?)?,
            end: year(after.get(..4)?)?,
        };
        Some((period, start..end))
    })
}

/// Widens `slot`, the span of a value gathered from several places, to
/// cover `span`.
pub(crate) fn widen(slot: &mut Option<Span>, span: Span) {
    *slot = Some(slot.map_or(span, |s| s.cover(span)));
}

/// Defines a lazily compiled, always-valid regex.
macro_rules! pattern {
    ($(#[$doc:meta])* $name:ident = $re:expr) => {
        $(#[$doc])*
        static $name: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new($re).unwrap_or_else(|e| unreachable!("{e}"))
        });
    };
}
pub(crate) use pattern;

impl Draft {
    /// Records footnote `number`, whose text `body` lies on `line`.
    pub fn footnote(&mut self, number: u32, body: &str, line: &Line<'_>) {
        let clean = line.clean(body);
        let site = RefSite::Footnote(number);
        self.footnote_glued = ends_with_marker(&clean.text, &clean.markers);
        (self.refs).extend(clean.markers.iter().map(|m| text_reference(m, site)));
        self.footnotes.push(Footnote {
            number,
            text: clean.text,
            span: line.span,
        });
    }

    /// When the last line was a footnote and `line` is not a table row,
    /// appends `line` to that footnote; false when it does not apply.
    pub fn continue_footnote(&mut self, line: &Line<'_>) -> bool {
        if line.is_row() || table::is_action_row(line) {
            return false;
        }
        let Some(footnote) = self.footnotes.last_mut() else {
            return false;
        };
        let site = RefSite::Footnote(footnote.number);
        let before = footnote.text.len();
        let markers: Vec<Marker> = join(
            &mut footnote.text,
            clean_at(line.text, line.span.start),
            self.footnote_glued,
        )
        .collect();
        footnote.span = footnote.span.cover(line.span);
        // A marker stands at or before the end, which only grows: one
        // placed before this line still ends the text only if it did not.
        self.footnote_glued = ends_with_marker(&footnote.text, &markers)
            || (self.footnote_glued && footnote.text.len() == before);
        (self.refs).extend(markers.iter().map(|m| text_reference(m, site)));
        true
    }

    /// Records the markers of `clean`, the text of `part` of `site`, which
    /// keeps no place for them, and returns its text.
    pub fn refs_in(&mut self, clean: Clean, site: RefSite, part: Option<RefPart>) -> String {
        self.refs_of(&clean.markers, site, part);
        clean.text
    }

    /// Records `markers`, in `part` of `site`, which keeps no place for them.
    pub fn refs_of(&mut self, markers: &[Marker], site: RefSite, part: Option<RefPart>) {
        (self.refs).extend(markers.iter().map(|m| reference(m, site, part, None)));
    }

    /// The part a marker on the next annex's line is in.
    pub fn next_annex(&self) -> RefPart {
        RefPart::Annex(self.meta.annexes.len() as u32 + 1)
    }

    /// Sets the plan's title, and its period from the title (`… 2021-2025`).
    /// `raw` is the title as the source has it, at `span`.
    pub fn set_title(&mut self, title: String, raw: &str, span: Span) {
        self.meta.period = period(&title);
        // The years as printed; the whole title where markup stands
        // between them.
        let printed = period_at(raw).filter(|(p, _)| Some(*p) == self.meta.period);
        let in_title = printed.map_or(span, |(_, r)| {
            Span::new(span.start + r.start, span.start + r.end)
        });
        self.meta.spans.period = self.meta.period.and(Some(in_title));
        self.meta.spans.title = Some(span);
        self.meta.title = Some(title);
    }

    /// Records a section heading; returns the context of what follows it.
    pub fn section(&mut self, label: Option<String>, title: String, span: Span) -> Context {
        let number = self.sections.len() as u32 + 1;
        self.sections.push(Section {
            number,
            label,
            title,
            span,
        });
        Context {
            section: Some(number),
            strategic_priority: None,
        }
    }

    /// Records a strategic priority under `context`; returns the context of
    /// what follows it.
    pub fn priority(
        &mut self,
        number: u32,
        title: String,
        span: Span,
        context: Context,
    ) -> Context {
        self.priorities.push(StrategicPriority {
            number,
            title,
            section: context.section,
            span,
        });
        Context {
            strategic_priority: Some(number),
            ..context
        }
    }

    /// Widens the metadata's span to cover `span`.
    pub fn meta_covers(&mut self, span: Span) {
        self.meta.span = if self.meta.span.is_empty() {
            span
        } else {
            self.meta.span.cover(span)
        };
    }

    /// A line that continues the last indicator (or, with none, is not understood).
    pub fn continue_indicator(&mut self, line: &Line<'_>) {
        match self.indicators.last_mut() {
            Some(last) => {
                append(&mut last.body, clean_at(line.text, line.span.start));
                last.span = last.span.cover(line.span);
            }
            None => unrecognised(&mut self.diagnostics, line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unplaced_line_is_quoted_whole_but_a_runaway_one() {
        let quoted = |text: &str| {
            let mut found = Vec::new();
            unrecognised(&mut found, &Line::new(text, Span::new(0, text.len())));
            found.pop().map(|d| d.message).unwrap_or_default()
        };
        let long = "é".repeat(150);
        assert_eq!(
            quoted(&format!(" {long} ")),
            format!("line not recognised as part of the plan: `{long}`")
        );
        let runaway = format!("{}{}", "a".repeat(MOST_QUOTED), "b".repeat(500));
        let message = quoted(&runaway);
        assert!(message.ends_with(&format!(
            "{}` … and 500 more characters",
            "a".repeat(MOST_QUOTED)
        )));
    }

    #[test]
    fn lines_split_on_every_kind_of_ending() {
        let text = "a\nb\r\nc\rd";
        let found: Vec<&str> = lines(text).iter().map(|l| l.text).collect();
        assert_eq!(found, ["a", "b", "c", "d"]);
        let spans: Vec<Span> = lines(text).iter().map(|l| l.span).collect();
        assert_eq!(spans[2], Span::new(5, 6));
    }

    #[test]
    fn lines_that_clean_to_nothing_add_no_space() {
        assert_eq!(join_lines(["", "To the", "", "Council"]), "To the Council");
        assert_eq!(join_lines(["", ""]), "");
    }

    #[test]
    fn periods_are_two_years_joined_by_a_dash() {
        let period = |text| period(text).map(|p| (p.start, p.end));
        assert_eq!(period("EU Drugs Action Plan 2021-2025"), Some((2021, 2025)));
        assert_eq!(period("Plan 2021 – 2025 (rev.)"), Some((2021, 2025)));
        assert_eq!(period("Plan 12021—20256"), Some((2021, 2025)));
        assert_eq!(period("A-B 1999-2000-2025"), Some((1999, 2000)));
        for no in [
            "Plan 2021",
            "Plan 2021-25",
            "Plan 202-2025",
            "Plan 2021 to 2025",
            "-",
            "",
        ] {
            assert_eq!(period(no), None, "{no}");
        }
        let printed = |text: &'static str| period_at(text).and_then(|(_, r)| text.get(r));
        assert_eq!(printed("Plan 2021 – 2025 (rev.)"), Some("2021 – 2025"));
        assert_eq!(printed("Plan 12021—20256"), Some("2021—2025"));
    }

    #[test]
    fn priority_headings() {
        assert_eq!(
            priority_heading("Strategic priority 3: Tackle the channels"),
            Some((3, "Tackle the channels"))
        );
        assert_eq!(
            priority_heading("STRATEGIC  PRIORITY\t11 . Ensure"),
            Some((11, "Ensure"))
        );
        for no in [
            "Strategic priority 3:",
            "Strategic priority 1234: x",
            "Strategic priority: x",
            "Strategic priority3: x",
            "The strategic priority 3: x",
            "Strategic priority 3 x",
        ] {
            assert_eq!(priority_heading(no), None, "{no}");
        }
    }

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

    #[test]
    fn a_final_newline_makes_no_empty_line() {
        assert_eq!(lines("a\n").len(), 1);
        assert_eq!(lines("").len(), 0);
        assert_eq!(lines("\n\n").len(), 2);
    }
}
