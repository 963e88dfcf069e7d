//! The Commission dialect: text extracted from a PDF. Tables are
//! tab-separated, footnote markers are Unicode superscripts, and page breaks
//! cut rows, headers and party names (repaired in [`super::table`]).

use super::table::{self, Context, TableBuilder};
use super::{clean_at, lines, offset_in, unrecognised, Line, RawIndicator, RawPlan};
use super::{pattern, tail};
use crate::markup::{normalise, superscript_number};
use crate::span::Span;
use chrono::NaiveDate;

pattern!(DATE_REF = r"^(?:>\s*)?([A-Z][\p{L} -]+),\s+(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(.*)$");
pattern!(SECTION = r"^([A-Z])\)\s+(.+)$");
pattern!(FOOTNOTE = r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*");
pattern!(ANNEX = r"^(?i:annex)\s+(\d{1,2})$");
pattern!(INDICATOR = r"^(?i:performance\s+indicator)\s+(\d{1,3})\s*[.:\-–—]\s*");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Cover,
    Body,
    Indicators,
}

/// Reads a Commission-dialect text.
pub(crate) fn read(text: &str) -> RawPlan {
    let all = lines(text);
    let mut reader = Reader {
        plan: RawPlan::default(),
        table: TableBuilder::default(),
        part: Part::Cover,
        context: Context::default(),
        cover: Vec::new(),
        annex: None,
        open_footnote: false,
    };
    // The next non-blank line after each line, found in one backward pass
    // (searching forward from every line is quadratic in a run of blanks).
    let mut next: Vec<Option<usize>> = vec![None; all.len()];
    let mut after = None;
    for (i, line) in all.iter().enumerate().rev() {
        if let Some(slot) = next.get_mut(i) {
            *slot = after;
        }
        if !line.is_blank() {
            after = Some(i);
        }
    }
    for (line, next) in all.iter().zip(&next) {
        reader.line(line, next.and_then(|n| all.get(n)));
    }
    reader.finish()
}

struct Reader {
    plan: RawPlan,
    table: TableBuilder,
    part: Part,
    context: Context,
    cover: Vec<String>,
    /// An `Annex N` line waiting for its title on the next line.
    annex: Option<(u32, Span)>,
    open_footnote: bool,
}

/// True when `text` starts with the word `word` (any ASCII case, then
/// whitespace). No letter of `annex` or `performance` has a non-ASCII case
/// variant, so this is exact for the patterns' case-insensitive words.
fn starts_with_word(text: &str, word: &str) -> bool {
    super::after_word(text, word).is_some()
}

/// True when `text` may start with a section label (`A)`): its second
/// byte is `)`.
fn may_be_labelled(text: &str) -> bool {
    text.as_bytes().get(1) == Some(&b')')
}

/// True when the first character after any whitespace may be a superscript
/// digit: `¹²³` start with byte 0xC2, `⁰` and `⁴`–`⁹` with 0xE2.
fn may_start_superscript(line: &str) -> bool {
    matches!(line.trim_start().as_bytes().first(), Some(0xC2 | 0xE2))
}

impl Reader {
    fn line(&mut self, line: &Line<'_>, next: Option<&Line<'_>>) {
        let text = line.text.trim();
        if line.is_blank() {
            self.open_footnote = false;
            return;
        }
        if let Some((number, span)) = self.annex.take() {
            return self.annex_title(number, span, text, line);
        }
        // Cheap tests first: a pattern with captures costs time in the
        // line's length.
        if let Some(caps) = starts_with_word(text, "annex")
            .then(|| ANNEX.captures(text))
            .flatten()
        {
            let number = caps
                .get(1)
                .and_then(|m| m.as_str().parse().ok())
                .unwrap_or(0);
            self.annex = Some((number, line.span));
            self.table.interrupt();
            return;
        }
        if let Some(caps) = may_start_superscript(line.text)
            .then(|| FOOTNOTE.captures(line.text))
            .flatten()
            .filter(|_| !line.text.contains('\t'))
        {
            return self.footnote(&caps, line);
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
            Part::Body => self.body(text, line, next),
            Part::Indicators => self.indicator(line),
        }
    }

    fn annex_title(&mut self, number: u32, span: Span, text: &str, line: &Line<'_>) {
        let title = clean_at(text, line.span.start).text;
        self.plan
            .meta
            .annexes
            .push(format!("Annex {number} – {title}"));
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
                self.plan.set_title(title);
            }
            self.part = Part::Body;
        }
    }

    fn footnote(&mut self, caps: &regex::Captures<'_>, line: &Line<'_>) {
        let number = caps
            .get(1)
            .and_then(|m| superscript_number(m.as_str()))
            .unwrap_or(0);
        let body = tail(caps, line.text);
        self.plan.footnote(number, body, line);
        self.open_footnote = true;
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
            meta.place = caps.get(1).map(|m| m.as_str().trim().to_owned());
            meta.date = NaiveDate::from_ymd_opt(number(4) as i32, number(3), number(2));
            meta.reference = caps
                .get(5)
                .map(|m| normalise(m.as_str()))
                .filter(|r| !r.is_empty());
        } else if meta.issuer.is_none() {
            meta.issuer = Some(normalise(text));
        } else if meta.document_type.is_none() && text.to_lowercase().starts_with("annex") {
            meta.document_type = Some(normalise(text));
        } else {
            self.cover.push(clean_at(text, line.span.start).text);
        }
    }

    fn body(&mut self, text: &str, line: &Line<'_>, next: Option<&Line<'_>>) {
        if let Some((number, title)) = super::priority_heading(text) {
            self.table.interrupt();
            let title = clean_at(title, 0).text;
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
        if line.text.contains('\t') {
            return self.table.row(line, self.context);
        }
        let labelled = may_be_labelled(text)
            .then(|| SECTION.captures(text))
            .flatten();
        if labelled.is_none() && self.table.continues_text(text) {
            return self.table.row(line, self.context);
        }
        // A line of prose is a section heading when it is labelled `A)` or
        // when a table header follows it (`Governance, implementation …`).
        if labelled.is_some()
            || next.is_some_and(|n| table::is_action_row(n) || table::is_header(n))
        {
            self.table.interrupt();
            let (label, title) = match &labelled {
                Some(caps) => (
                    caps.get(1).map(|m| m.as_str().to_owned()),
                    caps.get(2).map_or("", |m| m.as_str()),
                ),
                None => (None, text),
            };
            self.context = self.plan.section(label, clean_at(title, 0).text, line.span);
            return;
        }
        unrecognised(&mut self.plan.diagnostics, line);
    }

    fn indicator(&mut self, line: &Line<'_>) {
        let text = line.text.trim();
        let caps = starts_with_word(text, "performance")
            .then(|| INDICATOR.captures(text))
            .flatten();
        let Some(caps) = caps else {
            return self.plan.continue_indicator(line);
        };
        let number = caps
            .get(1)
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(0);
        let body = tail(&caps, text);
        let offset = line.span.start + offset_in(line.text, body);
        self.plan.indicators.push(RawIndicator {
            number,
            title: None,
            body: clean_at(body, offset),
            span: line.span,
        });
    }

    fn finish(mut self) -> RawPlan {
        if !self.cover.is_empty() {
            self.plan.meta.cover_note = Some(self.cover.join(" "));
        }
        let (rows, diagnostics, refs) = self.table.finish();
        self.plan.rows = rows;
        self.plan.diagnostics.extend(diagnostics);
        self.plan.refs.extend(refs);
        self.plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheap_tests_pass_every_line_the_patterns_match() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            for line in [format!("{c}1 Text"), format!(" \u{a0}{c} Text")] {
                if FOOTNOTE.is_match(&line) {
                    assert!(may_start_superscript(&line), "{line:?}");
                }
            }
            let patterns = [
                (&ANNEX, "annex", " 2"),
                (&INDICATOR, "performance", " indicator 3: x"),
            ];
            for (pattern, word, rest) in patterns {
                // The line with its letter at `at`, or the space after the
                // word, replaced by `c`.
                for at in 0..=word.len() {
                    let whole = format!("{word}{rest}");
                    let (head, tail) = whole.split_at(at);
                    let line = format!("{head}{c}{}", tail.get(1..).unwrap_or(""));
                    if pattern.is_match(&line) {
                        assert!(starts_with_word(&line, word), "{line:?}");
                    }
                }
            }
            for line in [format!("{c}) Title"), format!("A{c} Title")] {
                if SECTION.is_match(&line) {
                    assert!(may_be_labelled(&line), "{line:?}");
                }
            }
        }
        for digit in "⁰¹²³⁴⁵⁶⁷⁸⁹".chars() {
            assert!(may_start_superscript(&format!("\t{digit} Text")));
        }
        assert!(!may_start_superscript("1 Text"));
    }
}
