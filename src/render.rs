//! Writing a plan back as clean Council-dialect text. Parsing the result
//! gives the same model (spans, lines and repair notes aside), so this also
//! turns the Commission's PDF extraction into clean, canonical text.

use crate::model::{Action, Plan, RefSite};
use std::collections::{HashMap, HashSet};
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
        written: HashSet::new(),
        pending: Vec::new(),
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
                writer.blank_line();
                let _ = write!(writer.out, "## {label}{}\n\n", s.title);
            }
        }
        if action.strategic_priority != priority && action.strategic_priority.is_some() {
            priority = action.strategic_priority;
            table = None;
            if let Some(sp) = action
                .strategic_priority
                .and_then(|n| plan.strategic_priority(n))
            {
                writer.blank_line();
                let _ = write!(
                    writer.out,
                    "*Strategic priority {}: {}*\n\n",
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
    let rest: Vec<u32> = plan.footnotes.iter().map(|f| f.number).collect();
    writer.footnotes(&rest);
    if !plan.glossary.is_empty() {
        writer.blank_line();
        writer.out.push_str("## Glossary of acronyms\n\n");
        for entry in &plan.glossary {
            let _ = writeln!(writer.out, "{}\t{}", entry.acronym, entry.expansion);
        }
    }
    writer.out
}

struct Writer<'a> {
    plan: &'a Plan,
    out: String,
    /// Footnotes already written.
    written: HashSet<u32>,
    /// Footnotes a header referred to, written after the next row.
    pending: Vec<u32>,
    /// Area descriptions not written yet: the first cell that ends with the
    /// code carries it.
    descriptions: HashMap<&'a str, &'a str>,
}

impl<'a> Writer<'a> {
    fn cover(&mut self) {
        let (plan, out) = (self.plan, &mut self.out);
        let meta = &plan.meta;
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
            ("Subject", &meta.subject),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                let _ = write!(out, "{name}: {value}\n\n");
            }
        }
        if let Some(note) = &meta.cover_note {
            let _ = write!(out, "{note}\n\n");
        }
        if let Some(title) = &meta.title {
            let _ = write!(out, "# {title}\n\n");
        }
        if !meta.annexes.is_empty() {
            out.push_str("## CONTENTS\n\n");
            for annex in &meta.annexes {
                let _ = write!(out, "{annex}\n\n");
            }
        }
        if !plan.introduction.is_empty() {
            out.push_str("## Introduction\n\n");
            for paragraph in &plan.introduction {
                let _ = write!(out, "{}\n\n", paragraph.text);
            }
        }
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
        for r in &self.plan.footnote_refs {
            if r.site == RefSite::TableHeader
                && !self.pending.contains(&r.number)
                && !self.written.contains(&r.number)
            {
                self.pending.push(r.number);
                let _ = write!(self.out, " <sup>{}</sup>", r.number);
            }
        }
        self.out.push('\n');
    }

    fn row(&mut self, action: &Action) {
        let markers: String = action
            .footnotes
            .iter()
            .map(|n| format!("<sup>{n}</sup>"))
            .collect();
        let _ = write!(
            self.out,
            "<p><b>Action {}</b> {}{markers}</p>",
            action.number, action.text
        );
        if action.spans.priority_areas.is_some() {
            let cell = self.areas_cell(action);
            let _ = write!(self.out, "\t<p>{cell}</p>");
        }
        let parties: Vec<&str> = action.parties.iter().map(|p| p.name()).collect();
        let _ = writeln!(
            self.out,
            "\t<p>{}</p>\t<p>{}</p>",
            action.timetable.raw,
            parties.join(" ")
        );
    }

    /// Writes the footnotes in `numbers` (and any a header is waiting for)
    /// that are not written yet.
    fn footnotes(&mut self, numbers: &[u32]) {
        let pending = std::mem::take(&mut self.pending);
        let mut any = false;
        for &number in pending.iter().chain(numbers) {
            let Some(footnote) = self.plan.footnotes.iter().find(|f| f.number == number) else {
                continue;
            };
            if !self.written.insert(number) {
                continue;
            }
            if !any {
                self.out.push('\n');
                any = true;
            }
            let _ = write!(
                self.out,
                "<sup>{}</sup> {}\n\n",
                footnote.number, footnote.text
            );
        }
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
        let mut notes: Vec<u32> = plan
            .footnote_refs
            .iter()
            .filter(|r| r.site == RefSite::Heading)
            .map(|r| r.number)
            .collect();
        let markers: String = notes.iter().map(|n| format!("<sup>{n}</sup>")).collect();
        self.blank_line();
        let _ = write!(self.out, "## Indicators{markers}\n\n");
        for indicator in &plan.indicators {
            let title = indicator
                .title
                .as_deref()
                .map(|t| format!("**{t}:** "))
                .unwrap_or_default();
            let markers: String = indicator
                .footnotes
                .iter()
                .map(|n| format!("<sup>{n}</sup>"))
                .collect();
            let sources = if indicator.sources.is_empty() {
                String::new()
            } else {
                format!(" (Sources: {})", indicator.sources.join("; "))
            };
            let _ = writeln!(
                self.out,
                "- {}) {title}{}{markers}{sources}",
                indicator.number, indicator.text
            );
            notes.extend(&indicator.footnotes);
        }
        self.footnotes(&notes);
    }
}
