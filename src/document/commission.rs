//! The Commission's document shape, read from the blocks of its PDF text
//! (see [`crate::form::plain`]): a cover page, annexes, sections and
//! strategic priorities, an action table whose rows, headers and party
//! names page breaks cut (repaired in [`super::table`]), footnotes and
//! performance indicators.

use super::table::{self, Context, TableBuilder};
use super::{after_word, pattern, Part};
use super::{clean_at, offset_in, unrecognised, Draft, DraftIndicator, Line};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::form::{plain, Block};
use crate::model::{RefPart, RefSite};
use crate::span::Span;
use crate::text::{leading_number, normalise, Clean};
use chrono::NaiveDate;

pattern!(DATE_REF = r"^(?:>\s*)?([A-Z][\p{L} -]+),\s+(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(.*)$");

/// Reads a Commission-dialect text.
pub(crate) fn read(text: &str) -> Draft {
    let mut reader = Reader {
        plan: Draft::default(),
        table: TableBuilder::default(),
        part: Part::Cover,
        context: Context::default(),
        cover: Vec::new(),
        annex: None,
        open_footnote: false,
        heading: None,
    };
    plain::read(text, |block| reader.block(block));
    reader.finish()
}

struct Reader {
    plan: Draft,
    table: TableBuilder,
    part: Part,
    context: Context,
    cover: Vec<String>,
    /// An `Annex N` line waiting for its title on the next line.
    annex: Option<(String, Span)>,
    open_footnote: bool,
    /// A line of prose that is a section heading if a table header or an
    /// action row comes next (`Governance, implementation …`), waiting
    /// on the next block.
    heading: Option<(String, Span)>,
}

// The line readers below take a trimmed line. Their numbers are ASCII
// digits; the words are matched in any ASCII case (no letter of `annex`,
// `performance` or `indicator` has a non-ASCII case variant).

/// An annex heading (`ANNEX 2`, `Annex II`): its label as printed, a
/// number or an upper-case Roman numeral.
fn annex_line(text: &str) -> Option<&str> {
    let label = after_word(text, "annex")?;
    let bytes = label.as_bytes();
    let digits = bytes.len() <= 2 && bytes.iter().all(u8::is_ascii_digit);
    let roman = bytes.len() <= 5 && bytes.iter().all(|b| b"IVX".contains(b));
    (!label.is_empty() && (digits || roman)).then_some(label)
}

/// A labelled section heading (`A) Drug demand reduction`): its label and
/// title.
fn section_line(text: &str) -> Option<(&str, &str)> {
    let label = text
        .get(..1)
        .filter(|l| l.bytes().all(|b| b.is_ascii_uppercase()))?;
    let after = text.get(1..)?.strip_prefix(')')?;
    let title = after.trim_start();
    (title.len() < after.len() && !title.is_empty()).then_some((label, title))
}

/// An indicator's first line (`Performance indicator 3: Text…`): its number
/// and text.
fn indicator_line(text: &str) -> Option<(u32, &str)> {
    let rest = after_word(after_word(text, "performance")?, "indicator")?;
    let (number, rest) = leading_number(rest, 3)?;
    let body = rest.trim_start().strip_prefix(super::AFTER_LABEL)?;
    Some((number, body.trim_start()))
}

impl Reader {
    fn block(&mut self, block: Block<'_>) {
        let line = match block {
            Block::Break(_) => {
                self.open_footnote = false;
                return;
            }
            Block::Note { line, .. } | Block::Row(line) | Block::Text(line) => line,
            Block::PageFooter(line) => {
                self.heading_before(&line);
                // Dropped where it stands: a row or footnote broken by the
                // page goes on after it.
                let text = line.text.trim().to_owned();
                let kind = DiagnosticKind::DroppedPageFooter { text };
                return self.plan.diagnostics.push(Diagnostic::new(kind, line.span));
            }
            // No other block comes from plain text.
            Block::Heading(_)
            | Block::Rule(_)
            | Block::Furniture(_)
            | Block::Caption(_)
            | Block::Label { .. }
            | Block::TableBreak => return,
        };
        self.heading_before(&line);
        let text = line.text.trim();
        let line = &line;
        if let Some((label, span)) = self.annex.take() {
            return self.annex_title(&label, span, text, line);
        }
        if let Some(label) = annex_line(text) {
            self.annex = Some((label.to_owned(), line.span));
            self.table.interrupt();
            return;
        }
        if let Block::Note { number, body, .. } = block {
            self.plan.footnote(number, body, line);
            self.open_footnote = true;
            return;
        }
        if self.open_footnote && self.plan.continue_footnote(line) {
            return;
        }
        self.open_footnote = false;
        if self.part == Part::Cover && (table::is_action_row(line) || table::is_header(line)) {
            // A table before any annex heading: the body has begun.
            self.part = Part::Body;
        }
        match self.part {
            Part::Cover => self.cover(text, line),
            Part::Indicators => self.indicator(line),
            // This reader enters no contents, introduction or glossary.
            Part::Body | Part::Contents | Part::Introduction | Part::Glossary => {
                self.body(text, line)
            }
        }
    }

    fn annex_title(&mut self, label: &str, span: Span, text: &str, line: &Line<'_>) {
        let part = self.plan.next_annex();
        let title = (self.plan).refs_in(line.clean(text), RefSite::Cover, Some(part));
        self.plan
            .meta
            .annexes
            .push(format!("Annex {label} – {title}"));
        let title_span = line.span_of(text);
        self.plan.meta.spans.annexes.push(span.cover(title_span));
        // The metadata block is the cover, up to the first annex heading; a
        // later heading (before the indicators) is listed, not covered, or
        // the block would span the whole plan.
        if self.part == Part::Cover {
            self.plan.meta.span = self.plan.meta.span.cover(span.cover(line.span));
        }
        if title.to_lowercase().contains("indicator") {
            self.part = Part::Indicators;
        } else {
            if self.plan.meta.title.is_none() {
                self.plan.set_title(title, text, title_span);
            }
            self.part = Part::Body;
        }
    }

    fn cover(&mut self, text: &str, line: &Line<'_>) {
        self.plan.meta_covers(line.span);
        let meta = &mut self.plan.meta;
        if let Some(caps) = DATE_REF.captures(text) {
            let number = |i: usize| {
                caps.get(i)
                    .and_then(|m| m.as_str().parse::<u32>().ok())
                    .unwrap_or(0)
            };
            // Where a capture lies in the source, without the whitespace
            // at its ends.
            let at = |i: usize| caps.get(i).map(|m| line.span_of(m.as_str().trim()));
            meta.place = caps.get(1).map(|m| m.as_str().trim().to_owned());
            meta.spans.place = at(1);
            meta.date = NaiveDate::from_ymd_opt(number(4) as i32, number(3), number(2));
            let date = at(2).zip(at(4)).map(|(day, year)| day.cover(year));
            meta.spans.date = meta.date.and(date);
            meta.reference = caps
                .get(5)
                .map(|m| normalise(m.as_str()))
                .filter(|r| !r.is_empty());
            meta.spans.reference = meta.reference.as_ref().and(at(5));
        } else if meta.issuer.is_none() {
            meta.issuer = Some(normalise(text));
            meta.spans.issuer = Some(line.span_of(text));
        } else if meta.document_type.is_none() && text.to_lowercase().starts_with("annex") {
            meta.document_type = Some(normalise(text));
            meta.spans.document_type = Some(line.span_of(text));
        } else {
            let part = Some(RefPart::CoverNote);
            let note = self.plan.refs_in(line.clean(text), RefSite::Cover, part);
            self.cover.push(note);
            super::widen(&mut self.plan.meta.spans.cover_note, line.span_of(text));
        }
    }

    fn body(&mut self, text: &str, line: &Line<'_>) {
        if let Some((number, title)) = super::priority_heading(text) {
            self.table.interrupt();
            let site = RefSite::StrategicPriority(number);
            let title = self.plan.refs_in(line.clean(title), site, None);
            self.context = self.plan.priority(number, title, line.span, self.context);
            return;
        }
        // An action row is never a header: the cheaper test goes first.
        if table::is_action_row(line) {
            return self.table.row(line, self.context);
        }
        if self.table.take_header(line) {
            return;
        }
        if line.is_row() {
            return self.table.row(line, self.context);
        }
        let labelled = section_line(text);
        if labelled.is_none() && self.table.continues_text(text) {
            return self.table.row(line, self.context);
        }
        // A line of prose is a section heading when it is labelled `A)`, or
        // when a table header follows it (`Governance, implementation …`):
        // the next block tells (see `heading_before`).
        match labelled {
            Some((label, title)) => self.section(Some(label.to_owned()), title, line),
            None => self.heading = Some((line.text.to_owned(), line.span)),
        }
    }

    /// Decides on the line of prose waiting on `next`, the next block's
    /// line: a section heading when `next` is an action row or a table
    /// header, else a line not understood.
    fn heading_before(&mut self, next: &Line<'_>) {
        let Some((text, span)) = self.heading.take() else {
            return;
        };
        let line = Line::new(&text, span);
        if table::is_action_row(next) || table::is_header(next) {
            self.section(None, text.trim(), &line);
        } else {
            unrecognised(&mut self.plan.diagnostics, &line);
        }
    }

    fn section(&mut self, label: Option<String>, title: &str, line: &Line<'_>) {
        self.table.interrupt();
        let Clean { text, markers } = line.clean(title);
        self.context = self.plan.section(label, text, &markers, line.span);
    }

    fn indicator(&mut self, line: &Line<'_>) {
        let text = line.text.trim();
        let Some((number, body)) = indicator_line(text) else {
            return self.plan.continue_indicator(line);
        };
        let offset = line.span.start + offset_in(line.text, body);
        self.plan.indicators.push(DraftIndicator {
            number,
            title: None,
            body: clean_at(body, offset),
            span: line.span,
        });
    }

    fn finish(mut self) -> Draft {
        if let Some((text, span)) = self.heading.take() {
            unrecognised(&mut self.plan.diagnostics, &Line::new(&text, span));
        }
        if !self.cover.is_empty() {
            let lines = self.cover.iter().map(String::as_str);
            self.plan.meta.cover_note = Some(super::join_lines(lines));
        }
        self.plan.take_table(self.table);
        self.plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a pattern the readers replaced matches `text`: its captures.
    fn captures<'t>(pattern: &regex::Regex, text: &'t str) -> Option<Vec<&'t str>> {
        let caps = pattern.captures(text)?;
        let whole = caps.get(0).unwrap();
        let mut found: Vec<&str> = caps.iter().skip(1).map(|m| m.unwrap().as_str()).collect();
        found.push(&text[whole.end()..]);
        Some(found)
    }

    /// Every character of the first planes, at each place of each sample
    /// line: the readers agree with the patterns they replaced.
    #[test]
    fn the_readers_read_as_the_patterns_did() {
        let samples = [
            "annex 2",
            "ANNEX  12",
            "Annex IV",
            "A) Title of it",
            "performance indicator 3: Text",
            "Performance Indicator 12 — x",
        ];
        let pattern = |p| regex::Regex::new(p).unwrap();
        let annex_pattern = pattern(r"^(?i:annex)\s+([0-9]{1,2}|[IVX]{1,5})$");
        let section_pattern = pattern(r"^([A-Z])\)\s+(.+)$");
        let indicator_pattern = pattern(r"^(?i:performance\s+indicator)\s+(\d{1,3})\s*[.:\-–—]\s*");
        // No line has a line break in it.
        let characters = (0..0x3000u32).filter_map(char::from_u32);
        for c in characters.filter(|c| !matches!(c, '\n' | '\r')) {
            for sample in samples {
                for (at, _) in sample.char_indices() {
                    let (head, tail) = sample.split_at(at);
                    let skip = tail.chars().next().map_or(0, char::len_utf8);
                    let line = format!("{head}{c}{}", &tail[skip..]);
                    let line = line.trim();
                    let annex = captures(&annex_pattern, line).map(|c| c[0]);
                    assert_eq!(annex_line(line), annex, "{line:?}");
                    let section = captures(&section_pattern, line).map(|c| (c[0], c[1]));
                    assert_eq!(section_line(line), section, "{line:?}");
                    let indicator = captures(&indicator_pattern, line)
                        .filter(|c| c[0].bytes().all(|b| b.is_ascii_digit()))
                        .map(|c| (c[0].parse().unwrap(), c[1]));
                    assert_eq!(indicator_line(line), indicator, "{line:?}");
                }
            }
        }
    }
}
