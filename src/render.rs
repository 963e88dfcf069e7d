//! Writing a plan back as clean Council-dialect text. Parsing the result
//! gives the same model (spans, lines and repair notes aside), so this also
//! turns the Commission's PDF extraction into clean, canonical text.

use crate::model::{Action, Entry, FootnoteRef, Plan, RefPart, RefSite};
use crate::span::Span;
use std::borrow::Cow;
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
    let mut writer = Renderer {
        plan,
        out: String::with_capacity(plan.actions.len() * 800 + 4096),
        next_section: 0,
        next_priority: 0,
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
        family: Family::of(plan),
        objective: None,
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
            writer.sections_through(action.section);
        }
        if action.strategic_priority != priority && action.strategic_priority.is_some() {
            priority = action.strategic_priority;
            table = None;
            if let Some(number) = priority {
                writer.priority_through(number);
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
    // Sections and strategic priorities after the last action's.
    writer.sections_through(None);
    writer.indicators();
    writer.footnotes_through(plan.footnotes.len().checked_sub(1));
    if !plan.glossary.is_empty() {
        writer.blank_line();
        let markers = writer.heading_markers(RefPart::Glossary);
        let _ = write!(writer.out, "## Glossary of acronyms{markers}\n\n");
        for (number, entry) in (1..).zip(&plan.glossary) {
            let expansion = marked(&entry.expansion, writer.refs_of(RefSite::Glossary(number)));
            let _ = writeln!(writer.out, "{}\t{expansion}", entry.acronym);
        }
    }
    writer.out
}

struct Renderer<'a> {
    plan: &'a Plan,
    out: String,
    /// The sections before this one, in the plan's order, are written.
    next_section: usize,
    /// The strategic priorities before this one, in the plan's order, are
    /// written.
    next_priority: usize,
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
    /// The further columns of a plan of the 2009-2020 family; `None` for a
    /// plan of the 2021 shape.
    family: Option<Family<'a>>,
    /// The objective the rows written since the last header serve.
    objective: Option<u32>,
}

/// The columns of the 2009-2020 family a plan's tables have, beyond the
/// action, priority-area, timetable and party columns.
#[derive(Debug, Default)]
struct Family<'a> {
    /// An objective column, first.
    objective: bool,
    /// Indicators (overarching ones among them).
    indicators: bool,
    /// Data collection and assessment mechanisms.
    assessment: bool,
    /// Expected outcome.
    outcome: bool,
    /// State of play.
    progress: bool,
    /// The headers of columns the vocabulary lacks, in the order first met.
    other: Vec<&'a str>,
}

impl<'a> Family<'a> {
    /// The family columns of `plan`, or `None` when it has no objectives
    /// and no action has a family column (a 2021 plan).
    fn of(plan: &'a Plan) -> Option<Self> {
        let actions = &plan.actions;
        let mut family = Family {
            objective: !plan.objectives.is_empty() || actions.iter().any(|a| a.objective.is_some()),
            indicators: actions
                .iter()
                .any(|a| !a.indicators.is_empty() || !a.overarching_indicators.is_empty()),
            assessment: actions.iter().any(|a| !a.assessment.is_empty()),
            outcome: actions.iter().any(|a| a.outcome.is_some()),
            progress: actions.iter().any(|a| a.progress.is_some()),
            other: Vec::new(),
        };
        for cell in actions.iter().flat_map(|a| &a.other) {
            if !family.other.contains(&cell.header.as_str()) {
                family.other.push(&cell.header);
            }
        }
        let any = family.objective
            || family.indicators
            || family.assessment
            || family.outcome
            || family.progress
            || !family.other.is_empty();
        any.then_some(family)
    }

    /// The header cells before the action's.
    fn leading(&self) -> &'static str {
        if self.objective {
            "Objective\t"
        } else {
            ""
        }
    }

    /// The header cells after the party column's.
    fn trailing(&self) -> String {
        let named = [
            (self.indicators, "Indicators"),
            (self.assessment, "Data collection and assessment mechanisms"),
            (self.outcome, "Expected outcome"),
            (self.progress, "State of play"),
        ];
        let named = named.iter().filter(|(has, _)| *has).map(|(_, name)| *name);
        let other = self.other.iter().map(|h| escaped(h));
        named
            .map(Cow::Borrowed)
            .chain(other)
            .fold(String::new(), |mut out, cell| {
                let _ = write!(out, "\t{cell}");
                out
            })
    }

    /// The cells of `action` after its party cell, one per column of
    /// [`trailing`](Family::trailing). The markers of `beyond` (an action's
    /// markers in no part the model names) that lie in one of these cells
    /// in the source go at its end, and are taken out of `beyond`.
    fn cells(&self, action: &Action, beyond: &mut Vec<&FootnoteRef>) -> String {
        let spans = &action.spans;
        let mut cells: Vec<(String, Option<Span>)> = Vec::new();
        if self.indicators {
            cells.push((indicators_cell(action), spans.indicators));
        }
        if self.assessment {
            cells.push((joined(&action.assessment), spans.assessment));
        }
        let text = |t: Option<&str>| escaped(t.unwrap_or_default()).into_owned();
        if self.outcome {
            cells.push((text(action.outcome.as_deref()), spans.outcome));
        }
        if self.progress {
            cells.push((text(action.progress.as_deref()), spans.progress));
        }
        for header in &self.other {
            let cell = action.other.iter().find(|c| c.header == *header);
            cells.push((text(cell.map(|c| c.text.as_str())), cell.map(|c| c.span)));
        }
        let mut markers: Vec<Vec<&FootnoteRef>> = vec![Vec::new(); cells.len()];
        beyond.retain(|r| {
            let cell = narrowest(cells.iter().map(|(_, span)| *span), r.span);
            let slot = cell.and_then(|i| markers.get_mut(i));
            slot.map(|m| m.push(*r)).is_none()
        });
        cells
            .iter()
            .zip(&markers)
            .fold(String::new(), |mut out, ((cell, _), refs)| {
                out.push('\t');
                if !cell.is_empty() || !refs.is_empty() {
                    let _ = write!(out, "<p>{cell}{}</p>", marked("", refs));
                }
                out
            })
    }
}

/// The index of the narrowest of `spans` that holds `span` (a list cell's
/// span may reach over the cells beside it, when it is continued).
fn narrowest(spans: impl Iterator<Item = Option<Span>>, span: Span) -> Option<usize> {
    let holding = spans
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.filter(|s| s.contains(span))?)));
    holding.min_by_key(|(_, s)| s.end - s.start).map(|(i, _)| i)
}

/// An action's indicators as a cell of bullets, its overarching indicators
/// first: `• Overarching indicator 7, 15 • Extent of joint operations`.
/// A cell of overarching indicators alone has no bullet.
fn indicators_cell(action: &Action) -> String {
    let mut cells: Vec<String> = Vec::new();
    if !action.overarching_indicators.is_empty() {
        let numbers: Vec<String> = (action.overarching_indicators.iter())
            .map(ToString::to_string)
            .collect();
        cells.push(format!("Overarching indicator {}", numbers.join(", ")));
    }
    cells.extend(
        action
            .indicators
            .iter()
            .map(|e| escaped(&e.text).into_owned()),
    );
    match cells.as_slice() {
        [only] if action.indicators.is_empty() => only.clone(),
        _ => cells
            .iter()
            .map(|c| format!("• {c}"))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The texts of `entries` joined with `; `.
fn joined(entries: &[Entry]) -> String {
    let texts: Vec<Cow<'_, str>> = entries.iter().map(|e| escaped(&e.text)).collect();
    texts.join("; ")
}

impl<'a> Renderer<'a> {
    fn cover(&mut self) {
        let plan = self.plan;
        let meta = &plan.meta;
        // The cover's markers go at the end of their line: a subject, the
        // note, an annex. Those of a line the model does not keep (the
        // contents' other lines), or of a line that is not there, go on the
        // note, or the subject, or the first annex.
        let cover = self.refs_of(RefSite::Cover);
        let mut lines: Vec<(Option<RefPart>, &str)> = Vec::new();
        lines.extend(
            meta.cover_note
                .as_deref()
                .map(|n| (Some(RefPart::CoverNote), n)),
        );
        lines.extend(meta.subject.as_deref().map(|s| (Some(RefPart::Subject), s)));
        let annexes = (1..).zip(&meta.annexes);
        lines.extend(annexes.map(|(i, a)| (Some(RefPart::Annex(i)), a.as_str())));
        let mut by_line: Vec<Vec<&FootnoteRef>> = vec![Vec::new(); lines.len()];
        let mut lineless = Vec::new();
        for &r in cover {
            let at = lines.iter().position(|&(part, _)| part == r.part);
            match by_line.get_mut(at.unwrap_or(0)) {
                Some(line) => line.push(r),
                None => lineless.push(r),
            }
        }
        let mut written = (lines.iter().zip(&by_line)).map(|(&(_, text), refs)| marked(text, refs));
        let note = meta.cover_note.as_ref().and_then(|_| written.next());
        let subject = meta.subject.as_ref().and_then(|_| written.next());
        let annexes: Vec<String> = written.collect();
        // With no line of the cover at all, they go on the title.
        let title_markers = self.title_markers() + &marked("", &lineless);
        let kind_markers = self.heading_markers(RefPart::DocumentType);
        let contents_markers = self.heading_markers(RefPart::Contents);
        let introduction_markers = self.heading_markers(RefPart::Introduction);
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
            let _ = write!(out, "#### {}{kind_markers}\n\n", escaped(kind));
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
            let _ = write!(out, "# {}{title_markers}\n\n", escaped(title));
        }
        if !annexes.is_empty() {
            let _ = write!(out, "## CONTENTS{contents_markers}\n\n");
            for annex in &annexes {
                let _ = write!(out, "{annex}\n\n");
            }
        }
        if !plan.introduction.is_empty() {
            let _ = write!(self.out, "## Introduction{introduction_markers}\n\n");
            for (number, paragraph) in (1..).zip(&plan.introduction) {
                let text = marked(&paragraph.text, self.refs_of(RefSite::Introduction(number)));
                let _ = write!(self.out, "{text}\n\n");
            }
        }
    }

    /// Writes the headings of the sections not written yet up to the one
    /// numbered `through` (all of them, and the strategic priorities left,
    /// with `None`), each after the strategic priorities of the sections
    /// before it: a section or priority with no actions is written too. A
    /// number that is not ahead writes nothing.
    fn sections_through(&mut self, through: Option<u32>) {
        let plan = self.plan;
        let pending = plan.sections.get(self.next_section..).unwrap_or_default();
        if through.is_some() && !pending.iter().any(|s| Some(s.number) == through) {
            return;
        }
        while let Some(s) = plan.sections.get(self.next_section) {
            self.next_section += 1;
            let before = (plan.strategic_priorities.get(self.next_priority..))
                .unwrap_or_default()
                .iter()
                .take_while(|p| p.section.is_none_or(|n| n < s.number))
                .count();
            self.priorities_to(self.next_priority + before);
            let label = s
                .label
                .as_deref()
                .map(|l| format!("{l} - "))
                .unwrap_or_default();
            let markers = self.numbered_heading_markers(RefSite::Section(s.number));
            self.blank_line();
            let _ = write!(self.out, "## {label}{}{markers}\n\n", escaped(&s.title));
            if Some(s.number) == through {
                return;
            }
        }
        self.priorities_to(plan.strategic_priorities.len());
    }

    /// Writes the headings of the strategic priorities not written yet up
    /// to the one numbered `number`. A number that is not ahead writes
    /// nothing.
    fn priority_through(&mut self, number: u32) {
        let pending =
            (self.plan.strategic_priorities.get(self.next_priority..)).unwrap_or_default();
        if let Some(at) = pending.iter().position(|p| p.number == number) {
            self.priorities_to(self.next_priority + at + 1);
        }
    }

    /// Writes the headings of the strategic priorities not written yet
    /// before index `end` of the plan's.
    fn priorities_to(&mut self, end: usize) {
        let plan = self.plan;
        while self.next_priority < end {
            let Some(sp) = plan.strategic_priorities.get(self.next_priority) else {
                return;
            };
            self.next_priority += 1;
            let markers = self.numbered_heading_markers(RefSite::StrategicPriority(sp.number));
            self.blank_line();
            let _ = write!(
                self.out,
                "*Strategic priority {}: {}{markers}*\n\n",
                sp.number,
                escaped(&sp.title)
            );
        }
    }

    /// The markers of the heading of `part`, which a plan has one of (the
    /// contents', the introduction's…).
    fn heading_markers(&self, part: RefPart) -> String {
        let refs = self.refs_of(RefSite::Heading).iter().copied();
        let own: Vec<_> = refs.filter(|r| r.part == Some(part)).collect();
        marked("", &own)
    }

    /// The markers of the heading of a section or strategic priority, by
    /// its `site`, taken as they are written: a second heading of the same
    /// number (in a damaged plan) does not repeat them.
    fn numbered_heading_markers(&mut self, site: RefSite) -> String {
        let refs = self.refs.remove(&site).unwrap_or_default();
        marked("", &refs)
    }

    /// The markers that go on the title: its own, those of headings the
    /// reader did not recognise, and those of a heading not written (the
    /// introduction's, with no introduction).
    fn title_markers(&self) -> String {
        let plan = self.plan;
        let written = |part| match part {
            RefPart::DocumentType => plan.meta.document_type.is_some(),
            RefPart::Contents => !plan.meta.annexes.is_empty(),
            RefPart::Introduction => !plan.introduction.is_empty(),
            RefPart::Indicators => !plan.indicators.is_empty(),
            RefPart::Glossary => !plan.glossary.is_empty(),
            _ => false,
        };
        let on_title = |r: &&&FootnoteRef| !r.part.is_some_and(written);
        let refs: Vec<_> = self
            .refs_of(RefSite::Heading)
            .iter()
            .filter(on_title)
            .copied()
            .collect();
        marked("", &refs)
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
    /// A plan of the 2009-2020 family has its own columns around the
    /// 2021 ones (see [`Family`]).
    fn header(&mut self, areas: bool) {
        self.objective = None;
        let family = self.family.as_ref();
        self.out.push_str(family.map_or("", Family::leading));
        self.out.push_str(if areas {
            "Action\tPriority area\tTimetable\tResponsible party"
        } else {
            "Action\tTimetable\tResponsible party"
        });
        if let Some(trailing) = family.map(Family::trailing) {
            self.out.push_str(&trailing);
        }
        for r in self.refs_of(RefSite::TableHeader).to_vec() {
            if !self.pending.contains(&r.number) && !self.is_written(r.number) {
                self.pending.push(r.number);
                let _ = write!(self.out, " <sup>{}</sup>", r.number);
            }
        }
        self.out.push('\n');
    }

    /// An action's row. In a plan of the family, its objective's cell
    /// leads it (the objective written on the first row that serves it,
    /// the cell empty below), its label is a bare number (`1.`), as the
    /// family prints them, and its family cells follow the party cell.
    fn row(&mut self, action: &Action) {
        let [text, areas, timetable, parties, mut beyond] = self.row_refs(action);
        let text = marked(&action.text, &text);
        if self.family.as_ref().is_some_and(|f| f.objective) {
            let cell = self.objective_cell(action.objective);
            let _ = write!(self.out, "{cell}\t");
        }
        if self.family.is_some() {
            let _ = write!(self.out, "<p>{}. {text}</p>", action.number);
        } else {
            let _ = write!(self.out, "<p><b>Action {}</b> {text}</p>", action.number);
        }
        if action.spans.priority_areas.is_some() {
            let cell = marked(&self.areas_cell(action), &areas);
            let _ = write!(self.out, "\t<p>{cell}</p>");
        }
        let names: Vec<&str> = action.parties.iter().map(|p| p.name()).collect();
        let _ = write!(
            self.out,
            "\t<p>{}</p>\t<p>{}</p>",
            marked(&action.timetable.raw, &timetable),
            marked(&names.join(" "), &parties)
        );
        if let Some(cells) = self.family.as_ref().map(|f| f.cells(action, &mut beyond)) {
            self.out.push_str(&cells);
        }
        // The markers of cells beyond the header's columns stay beyond them.
        if !beyond.is_empty() {
            let _ = write!(self.out, "\t<p>{}</p>", marked("", &beyond));
        }
        self.out.push('\n');
    }

    /// The objective cell of a row serving objective `number`: the
    /// objective's number and text (with its markers) where the rows above
    /// serve another, else empty, as the family prints a cell spanning
    /// rows.
    fn objective_cell(&mut self, number: Option<u32>) -> String {
        if number == self.objective {
            return String::new();
        }
        self.objective = number;
        let plan = self.plan;
        let objective = number.and_then(|n| plan.objectives.iter().find(|o| o.number == n));
        let Some(objective) = objective else {
            return String::new();
        };
        let refs = self.refs_of(RefSite::Objective(objective.number));
        let text = marked(&objective.text, refs);
        format!("<p>{}. {text}</p>", objective.number)
    }

    /// The markers of an action's row, by cell: text, priority areas,
    /// timetable, parties, and the cells beyond the table's columns. Only
    /// the markers inside the row count: another action may have the same
    /// number.
    fn row_refs(&self, action: &Action) -> [Vec<&'a FootnoteRef>; 5] {
        let mut by_cell: [Vec<&FootnoteRef>; 5] = Default::default();
        for r in self.refs_within(RefSite::Action(action.number), action.span) {
            let cell = match r.part {
                Some(RefPart::PriorityAreas) => 1,
                Some(RefPart::Timetable) => 2,
                Some(RefPart::Parties) => 3,
                None => 4,
                _ => 0,
            };
            if let Some(refs) = by_cell.get_mut(cell) {
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
        // The footnotes the headings refer to are written with the
        // indicators' own.
        let headings = plan.footnote_refs.iter().filter(|r| {
            matches!(
                r.site,
                RefSite::Heading | RefSite::Section(_) | RefSite::StrategicPriority(_)
            )
        });
        let mut notes: Vec<u32> = headings.map(|r| r.number).collect();
        let markers = self.heading_markers(RefPart::Indicators);
        self.blank_line();
        let _ = write!(self.out, "## Indicators{markers}\n\n");
        for indicator in &plan.indicators {
            // Markers with no place in the text stand in the title or the
            // sources, which come before and after it.
            let refs = self.refs_within(RefSite::Indicator(indicator.number), indicator.span);
            let (in_title, rest): (Vec<_>, Vec<_>) =
                (refs.into_iter()).partition(|r| r.part == Some(RefPart::Title));
            let (in_sources, in_text): (Vec<_>, Vec<_>) =
                (rest.into_iter()).partition(|r| r.part == Some(RefPart::Sources));
            let in_title = marked("", &in_title);
            // With no title to hold them, its markers lead the description.
            let (title, lead) = match indicator.title.as_deref() {
                Some(title) => (format!("**{}{in_title}:** ", escaped(title)), ""),
                None => (String::new(), in_title.as_str()),
            };
            let text = marked(&indicator.text, &in_text);
            let in_sources = marked("", &in_sources);
            let sources = if indicator.sources.is_empty() {
                in_sources
            } else {
                let sources = escaped(&indicator.sources.join("; ")).into_owned();
                format!(" (Sources: {sources}{in_sources})")
            };
            let _ = writeln!(
                self.out,
                "- {}) {title}{lead}{text}{sources}",
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
        out.push_str(&escaped(text.get(from..at).unwrap_or_default()));
        let _ = write!(out, "<sup>{number}</sup>");
        from = at;
    }
    out.push_str(&escaped(text.get(from..).unwrap_or_default()));
    for r in unplaced {
        let _ = write!(out, "<sup>{}</sup>", r.number);
    }
    out
}

/// `text` written so that the reader's cleaning gives it back: the
/// characters that would read as markup (`&`, `<`, `*`, superscript digits,
/// the `[` of a Markdown footnote marker `[^3]`) as character references.
fn escaped(text: &str) -> Cow<'_, str> {
    let markup = |c: char| matches!(c, '&' | '<' | '*' | '¹' | '²' | '³' | '⁰' | '⁴'..='⁹');
    if !text.contains(markup) && !text.contains("[^") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '[' if chars.peek() == Some(&'^') => out.push_str("&#91;"),
            c if markup(c) => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}
