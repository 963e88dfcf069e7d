//! Writing a plan back as clean Council-dialect text. Parsing the result
//! gives the same model (spans, lines and repair notes aside), so this also
//! turns the Commission's PDF extraction into clean, canonical text.

use crate::model::{Action, FootnoteRef, Plan, RefSite};
use crate::span::Span;
use std::collections::HashMap;
use std::fmt::Write;

/// Renders `plan` as Council-dialect text.
///
/// ```
/// let text = std::fs::read_to_string("fixtures/commission-com-2020-606.txt").unwrap_or_default();
/// let plan = actionplan::parse(&text).expect("a plan");
/// let clean = actionplan::render(&plan);
/// assert!(clean.contains("<p><b>Action 32</b> Develop and enhance"));
/// assert_eq!(actionplan::parse(&clean).map(|p| p.actions.len()), Ok(53));
/// ```
pub fn render(plan: &Plan) -> String {
    let mut writer = Writer {
        plan,
        out: String::with_capacity(plan.actions.len() * 800 + 4096),
        next_footnote: 0,
        footnote_at: plan
            .footnotes
            .iter()
            .enumerate()
            .rev()
            .map(|(i, f)| (f.number, i))
            .collect(),
        pending: Vec::new(),
        refs: plan
            .footnote_refs
            .iter()
            .fold(HashMap::new(), |mut refs, r| {
                refs.entry(r.site).or_insert_with(Vec::new).push(r);
                refs
            }),
        descriptions: plan
            .priority_areas
            .iter()
            .filter_map(|a| Some((a.code.as_str(), a.description.as_deref()?)))
            .collect(),
    };
    writer.cover();
    let mut section = None;
    let mut priority = None;
    let mut table: Option<bool> = None;
    for action in &plan.actions {
        if action.section != section && action.section.is_some() {
            section = action.section;
            priority = None;
            table = None;
            if let Some(s) = action.section.and_then(|n| plan.section(n)) {
                let label = s
                    .label
                    .as_deref()
                    .map(|l| format!("{l} - "))
                    .unwrap_or_default();
                let markers = writer.heading_markers(s.span);
                writer.blank_line();
                let _ = write!(writer.out, "## {label}{}{markers}\n\n", s.title);
            }
        }
        if action.strategic_priority != priority && action.strategic_priority.is_some() {
            priority = action.strategic_priority;
            table = None;
            if let Some(sp) = action
                .strategic_priority
                .and_then(|n| plan.strategic_priority(n))
            {
                let markers = writer.heading_markers(sp.span);
                writer.blank_line();
                let _ = write!(
                    writer.out,
                    "*Strategic priority {}: {}{markers}*\n\n",
                    sp.number, sp.title
                );
            }
        }
        let areas = action.spans.priority_areas.is_some();
        if table != Some(areas) {
            table = Some(areas);
            writer.header(areas);
        }
        writer.row(action);
        writer.footnotes(&action.footnotes);
    }
    writer.indicators();
    writer.footnotes_through(plan.footnotes.len().checked_sub(1));
    if !plan.glossary.is_empty() {
        writer.blank_line();
        writer.out.push_str("## Glossary of acronyms\n\n");
        for entry in &plan.glossary {
            let refs = writer.refs_within(RefSite::Glossary, entry.span);
            let expansion = marked(&entry.expansion, &refs);
            let _ = writeln!(writer.out, "{}\t{expansion}", entry.acronym);
        }
    }
    writer.out
}

struct Writer<'a> {
    plan: &'a Plan,
    out: String,
    /// The footnotes before this one, in the plan's order, are written.
    next_footnote: usize,
    /// Where each footnote number first stands in the plan's footnotes.
    footnote_at: HashMap<u32, usize>,
    /// Footnotes a header referred to, written after the next row.
    pending: Vec<u32>,
    /// The footnote markers of each site, in source order.
    refs: HashMap<RefSite, Vec<&'a FootnoteRef>>,
    /// Area descriptions not written yet: the first cell that ends with the
    /// code carries it.
    descriptions: HashMap<&'a str, &'a str>,
}

impl<'a> Writer<'a> {
    fn cover(&mut self) {
        let plan = self.plan;
        let meta = &plan.meta;
        // The cover's markers go on the one line of it the model keeps whole.
        let cover_markers = marked("", self.refs_of(RefSite::Cover));
        let mut cover_markers = Some(cover_markers.as_str());
        let mut marked_line = |text: &str| match cover_markers.take() {
            Some(markers) => format!("{text}{markers}"),
            None => text.to_owned(),
        };
        let note = meta.cover_note.as_deref().map(&mut marked_line);
        let subject = meta.subject.as_deref().map(&mut marked_line);
        let annexes: Vec<String> = meta.annexes.iter().map(|a| marked_line(a)).collect();
        let title_markers = self.other_heading_markers(true);
        let out = &mut self.out;
        if let Some(issuer) = &meta.issuer {
            let _ = write!(out, "{issuer}\n\n");
        }
        if let (Some(place), Some(date)) = (&meta.place, meta.date) {
            let _ = write!(out, "{place}, {}\n\n", date.format("%-d %B %Y"));
        }
        if let Some(language) = &meta.language {
            let _ = write!(out, "(OR. {language})\n\n");
        }
        if let Some(reference) = &meta.reference {
            let plain = reference
                .split('/')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
            if plain {
                let _ = write!(out, "{reference}\n\n");
            } else {
                let _ = write!(out, "Reference: {reference}\n\n");
            }
        }
        for code in &meta.file_codes {
            let _ = write!(out, "{code}\n\n");
        }
        if let Some(kind) = &meta.document_type {
            let _ = write!(out, "#### {kind}\n\n");
        }
        let fields = [
            ("From", &meta.from),
            ("To", &meta.to),
            ("No. prev. doc.", &meta.previous_document),
            ("Subject", &subject),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                let _ = write!(out, "{name}: {value}\n\n");
            }
        }
        if let Some(note) = &note {
            let _ = write!(out, "{note}\n\n");
        }
        if let Some(title) = &meta.title {
            let _ = write!(out, "# {title}{title_markers}\n\n");
        }
        if !annexes.is_empty() {
            out.push_str("## CONTENTS\n\n");
            for annex in &annexes {
                let _ = write!(out, "{annex}\n\n");
            }
        }
        if !plan.introduction.is_empty() {
            self.out.push_str("## Introduction\n\n");
            for (number, paragraph) in (1..).zip(&plan.introduction) {
                let text = marked(&paragraph.text, self.refs_of(RefSite::Introduction(number)));
                let _ = write!(self.out, "{text}\n\n");
            }
        }
    }

    /// The markers of the headings inside `span` (a section's or a
    /// strategic priority's line).
    fn heading_markers(&self, span: Span) -> String {
        marked("", &self.refs_within(RefSite::Heading, span))
    }

    /// The markers of the headings that are neither a section's nor a
    /// strategic priority's: those before the first action (the title's,
    /// the introduction's) when `before` is true, the others (the
    /// indicators' heading's) when it is false. With no indicators to head,
    /// all go on the title.
    fn other_heading_markers(&self, before: bool) -> String {
        let plan = self.plan;
        let spans = (plan.sections.iter().map(|s| s.span))
            .chain(plan.strategic_priorities.iter().map(|p| p.span));
        let spans: Vec<Span> = spans.collect();
        let body = plan.actions.first().map_or(0, |a| a.span.start);
        let on_title = |r: &FootnoteRef| plan.indicators.is_empty() || r.span.start < body;
        let other: Vec<_> = (self.refs_of(RefSite::Heading).iter())
            .filter(|r| !spans.iter().any(|&span| holds(span, r)))
            .filter(|r| on_title(r) == before)
            .copied()
            .collect();
        marked("", &other)
    }

    /// Ends what was written with a blank line, as Markdown needs before a
    /// heading or paragraph that follows a table row.
    fn blank_line(&mut self) {
        while !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// A table header; footnotes that headers refer to are marked on the
    /// first one and written after its first row.
    fn header(&mut self, areas: bool) {
        self.out.push_str(if areas {
            "Action\tPriority area\tTimetable\tResponsible party"
        } else {
            "Action\tTimetable\tResponsible party"
        });
        for r in self.refs_of(RefSite::TableHeader).to_vec() {
            if !self.pending.contains(&r.number) && !self.is_written(r.number) {
                self.pending.push(r.number);
                let _ = write!(self.out, " <sup>{}</sup>", r.number);
            }
        }
        self.out.push('\n');
    }

    fn row(&mut self, action: &Action) {
        let [text, areas, timetable, parties] = self.row_refs(action);
        let text = marked(&action.text, &text);
        let _ = write!(self.out, "<p><b>Action {}</b> {text}</p>", action.number);
        if action.spans.priority_areas.is_some() {
            let cell = marked(&self.areas_cell(action), &areas);
            let _ = write!(self.out, "\t<p>{cell}</p>");
        }
        let names: Vec<&str> = action.parties.iter().map(|p| p.name()).collect();
        let _ = writeln!(
            self.out,
            "\t<p>{}</p>\t<p>{}</p>",
            marked(&action.timetable.raw, &timetable),
            marked(&names.join(" "), &parties)
        );
    }

    /// The markers of an action's row, by cell: text, priority areas,
    /// timetable, parties. A marker with no place in the text stands in the
    /// other cell whose span holds it (the narrowest: a cell continued over
    /// several source rows spans the others' pieces too). Only the markers
    /// inside the row count: another action may have the same number.
    fn row_refs(&self, action: &Action) -> [Vec<&'a FootnoteRef>; 4] {
        let spans = &action.spans;
        let cells = [
            (1, spans.priority_areas),
            (2, Some(spans.timetable)),
            (3, Some(spans.parties)),
        ];
        let mut by_cell: [Vec<&FootnoteRef>; 4] = Default::default();
        for r in self.refs_within(RefSite::Action(action.number), action.span) {
            let cell = match r.offset {
                Some(_) => None,
                None => cells
                    .iter()
                    .filter_map(|&(cell, span)| Some((cell, span.filter(|&s| holds(s, r))?)))
                    .min_by_key(|(_, span)| span.len())
                    .map(|(cell, _)| cell),
            };
            if let Some(refs) = by_cell.get_mut(cell.unwrap_or(0)) {
                refs.push(r);
            }
        }
        by_cell
    }

    /// Writes the footnotes in `numbers` (and any a header is waiting for)
    /// that are not written yet, and any the plan puts before them: the
    /// footnotes keep the plan's order.
    fn footnotes(&mut self, numbers: &[u32]) {
        let pending = std::mem::take(&mut self.pending);
        let last = pending
            .iter()
            .chain(numbers)
            .filter_map(|n| self.footnote_at.get(n).copied())
            .max();
        self.footnotes_through(last);
    }

    /// Writes the footnotes not written yet up to index `last` of the plan's.
    fn footnotes_through(&mut self, last: Option<usize>) {
        let Some(last) = last.filter(|&last| last >= self.next_footnote) else {
            return;
        };
        self.blank_line();
        let plan = self.plan;
        for footnote in plan
            .footnotes
            .get(self.next_footnote..=last)
            .unwrap_or_default()
        {
            let refs = self.refs_within(RefSite::Footnote(footnote.number), footnote.span);
            let text = marked(&footnote.text, &refs);
            let _ = write!(self.out, "<sup>{}</sup> {text}\n\n", footnote.number);
        }
        self.next_footnote = last + 1;
    }

    fn refs_of(&self, site: RefSite) -> &[&'a FootnoteRef] {
        self.refs.get(&site).map_or(&[], Vec::as_slice)
    }

    /// The markers of `site` inside `span` of the source: only an element's
    /// own, when another has the same number.
    fn refs_within(&self, site: RefSite, span: Span) -> Vec<&'a FootnoteRef> {
        let inside = self.refs_of(site).iter().filter(|r| holds(span, r));
        inside.copied().collect()
    }

    fn is_written(&self, number: u32) -> bool {
        self.footnote_at
            .get(&number)
            .is_some_and(|&at| at < self.next_footnote)
    }

    /// The codes, with the description of the last one when no cell has
    /// carried it yet.
    fn areas_cell(&mut self, action: &Action) -> String {
        let mut cell = action.priority_areas.join(" ");
        let last = action.priority_areas.last().map(String::as_str);
        if let Some(description) = last.and_then(|code| self.descriptions.remove(code)) {
            let _ = write!(cell, ". {description}");
        }
        cell
    }

    fn indicators(&mut self) {
        let plan = self.plan;
        if plan.indicators.is_empty() {
            return;
        }
        let mut notes: Vec<u32> = (self.refs_of(RefSite::Heading).iter())
            .map(|r| r.number)
            .collect();
        let markers = self.other_heading_markers(false);
        self.blank_line();
        let _ = write!(self.out, "## Indicators{markers}\n\n");
        for indicator in &plan.indicators {
            // Markers with no place in the text stand in the title or the
            // sources, which come before and after it.
            let refs = self.refs_within(RefSite::Indicator(indicator.number), indicator.span);
            let (placed, unplaced): (Vec<_>, Vec<_>) =
                (refs.into_iter()).partition(|r| place(&indicator.text, r).is_some());
            let unplaced = marked("", &unplaced);
            let (title, after) = match indicator.title.as_deref() {
                Some(title) => (format!("**{title}{unplaced}:** "), ""),
                None => (String::new(), unplaced.as_str()),
            };
            let text = marked(&indicator.text, &placed);
            let sources = if indicator.sources.is_empty() {
                String::new()
            } else {
                format!(" (Sources: {})", indicator.sources.join("; "))
            };
            let _ = writeln!(
                self.out,
                "- {}) {title}{text}{sources}{after}",
                indicator.number
            );
            notes.extend(&indicator.footnotes);
        }
        self.footnotes(&notes);
    }
}

/// Where in `text` the marker `r` stands, when it has a place there.
fn place(text: &str, r: &FootnoteRef) -> Option<usize> {
    r.offset.filter(|&at| text.is_char_boundary(at))
}

/// True when the marker `r` lies inside `span` of the source.
fn holds(span: Span, r: &FootnoteRef) -> bool {
    span.contains(r.span)
}

/// `text` with the markers `refs` where they stood; those with no place in
/// it at its end.
fn marked(text: &str, refs: &[&FootnoteRef]) -> String {
    let mut placed: Vec<(usize, u32)> = refs
        .iter()
        .filter_map(|r| Some((place(text, r)?, r.number)))
        .collect();
    placed.sort_by_key(|&(at, _)| at);
    let unplaced = refs.iter().filter(|r| place(text, r).is_none());
    let mut out = String::with_capacity(text.len() + 12 * refs.len());
    let mut from = 0;
    for (at, number) in placed {
        out.push_str(text.get(from..at).unwrap_or_default());
        let _ = write!(out, "<sup>{number}</sup>");
        from = at;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    for r in unplaced {
        let _ = write!(out, "<sup>{}</sup>", r.number);
    }
    out
}
