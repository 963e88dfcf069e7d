//! Turning a dialect's [`RawPlan`] into the typed [`Plan`]: priority-area
//! codes and descriptions, timetables, parties, sub-points, footnote
//! references, indicator sources, and line/column of every diagnostic.

use crate::area::{self, Areas};
use crate::diagnostic::{Code, Diagnostic};
use crate::indicator::split_sources;
use crate::items::items;
use crate::model::{
    Action, ActionSpans, Dialect, FootnoteRef, Indicator, Plan, RefPart, RefSite, SCHEMA_VERSION,
};
use crate::origin::Origin;
use crate::party::{self, Party};
use crate::raw::{reference, text_reference, RawPlan, RawRow};
use crate::span::{LineIndex, Span};
use crate::timetable::{Timetable, TimetableKind};
use crate::validate::Checks;
use std::collections::HashMap;

/// Builds the typed plan. `text` is the source the raw plan was read from.
pub(crate) fn resolve(raw: RawPlan, dialect: Dialect, text: &str) -> Plan {
    let index = LineIndex::new(text);
    let mut checks = Checks::new(text, &index, raw.meta.period, &raw.glossary);
    for paragraph in &raw.introduction {
        checks.prose(&paragraph.text, paragraph.span);
    }
    for priority in &raw.priorities {
        checks.prose(&priority.title, priority.span);
    }

    let mut diagnostics = raw.diagnostics;
    let mut areas = Areas::for_rows(raw.rows.len());
    let mut refs: Vec<FootnoteRef> = raw.refs;
    let mut actions = Vec::with_capacity(raw.rows.len());
    let mut lines = index.cursor(text);
    let mut party_cells = party::PartyCells::for_rows(raw.rows.len());
    // The rows are taken from the end of a reversed list, which gives its
    // memory back as it empties: the raw rows and the actions made of
    // them are not both held whole at once, which sets the peak of memory.
    let mut rows = raw.rows;
    rows.reverse();
    while let Some(row) = rows.pop() {
        if rows.len() < rows.capacity() / 4 {
            rows.shrink_to_fit();
        }
        let line = lines.position(row.span.start).line;
        let action = action(
            row,
            line,
            text,
            &mut areas,
            &mut party_cells,
            &mut refs,
            &mut diagnostics,
        );
        checks.action(&action, &areas);
        actions.push(action);
    }

    // The markers of indicators' titles, which the reader recorded, by
    // number (and then by span: two indicators may share a number).
    let mut in_titles: HashMap<u32, Vec<(Span, u32)>> = HashMap::new();
    for r in &refs {
        if let RefSite::Indicator(n) = r.site {
            in_titles.entry(n).or_default().push((r.span, r.number));
        }
    }
    let indicators: Vec<Indicator> = raw
        .indicators
        .into_iter()
        .map(|raw| {
            let in_title = in_titles.get(&raw.number).into_iter().flatten();
            let mut footnotes: Vec<u32> = in_title
                .filter(|(span, _)| raw.span.contains(*span))
                .map(|&(_, number)| number)
                .collect();
            footnotes.extend(raw.body.markers.iter().map(|m| m.number));
            let (text, sources) = split_sources(&raw.body.text);
            // The description is the body's start: a marker past it is in the sources.
            let site = RefSite::Indicator(raw.number);
            refs.extend(raw.body.markers.iter().map(|m| match m.at <= text.len() {
                true => text_reference(m, site),
                false => reference(m, site, Some(RefPart::Sources), None),
            }));
            Indicator {
                number: raw.number,
                title: raw.title,
                text,
                sources,
                footnotes,
                span: raw.span,
            }
        })
        .collect();
    refs.sort_by_key(|r| r.span.start);
    for indicator in &indicators {
        checks.indicator(indicator);
    }
    for footnote in &raw.footnotes {
        checks.footnote(footnote);
    }

    let mut plan = Plan {
        schema_version: SCHEMA_VERSION.to_owned(),
        dialect,
        meta: raw.meta,
        introduction: raw.introduction,
        sections: raw.sections,
        strategic_priorities: raw.priorities,
        priority_areas: areas.into_sorted(),
        actions,
        footnotes: raw.footnotes,
        footnote_refs: refs,
        indicators,
        glossary: raw.glossary,
        diagnostics,
    };
    let found = checks.finish(&plan);
    plan.diagnostics.extend(found);
    locate(&mut plan.diagnostics, &index, text);
    plan
}

/// Sorts diagnostics into source order and fills in their line and column.
pub(crate) fn locate(diagnostics: &mut [Diagnostic], index: &LineIndex, text: &str) {
    diagnostics.sort_by_key(|d| (d.span.start, d.code));
    let mut cursor = index.cursor(text);
    for diagnostic in diagnostics {
        let position = cursor.position(diagnostic.span.start);
        diagnostic.line = position.line;
        diagnostic.column = position.column;
    }
}

/// Notes each run of the parties cell (`cell`, at `span`, its words found
/// in the source through `origin`) that printed names together without a
/// space, naming the parties [`party::segment`] read apart in it.
fn run_together(
    number: u32,
    (cell, span): (&str, Span),
    read: &party::ReadCell,
    origin: &Origin<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for run in &read.run_together {
        let names: Vec<&str> = read.parties_in(run).map(Party::name).collect();
        diagnostics.push(Diagnostic::new(
            Code::RunTogetherParties,
            origin.span(run.clone()).unwrap_or(span),
            format!(
                "Action {number}: `{}` runs party names together; read as {}",
                cell.get(run.clone()).unwrap_or_default(),
                names.join(", ")
            ),
        ));
    }
}

fn action(
    row: RawRow,
    line: usize,
    text: &str,
    areas: &mut Areas,
    party_cells: &mut party::PartyCells,
    refs: &mut Vec<FootnoteRef>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Action {
    let number = row.number;
    let cell_span = |span: Option<Span>| span.unwrap_or(Span::new(row.span.end, row.span.end));
    let mut spans = ActionSpans {
        label: row.label_span,
        text: cell_span(row.text.span),
        priority_areas: row.areas.as_ref().map(|c| cell_span(c.span)),
        timetable: cell_span(row.timetable.span),
        parties: cell_span(row.parties.span),
        party: Vec::new(),
    };

    let mut codes = Vec::new();
    if let (Some(cell), Some(span)) = (&row.areas, spans.priority_areas) {
        let parsed = area::parse_cell(&cell.text);
        areas.define(number, &parsed, (span, text), diagnostics);
        codes = Vec::with_capacity(parsed.entries.len());
        codes.extend(parsed.entries.iter().map(|e| e.code.to_owned()));
        if cell.text.is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::EmptyCell,
                span,
                format!("Action {number}: the priority-area cell is empty"),
            ));
        }
    }

    // A cleaned cell's whitespace is normalised already.
    let mut timetable = Timetable::from_normalised(row.timetable.text);
    timetable.span = spans.timetable;
    match timetable.kind() {
        TimetableKind::NotGiven => diagnostics.push(Diagnostic::new(
            Code::EmptyCell,
            spans.timetable,
            format!("Action {number}: the timetable cell is empty"),
        )),
        TimetableKind::Unparsed => diagnostics.push(Diagnostic::new(
            Code::InvalidTimetable,
            spans.timetable,
            format!(
                "Action {number}: timetable `{}` is not a year, a range of years, a deadline (`By 2023`), a start (`From 2022`) or `Ongoing`",
                timetable.raw
            ),
        )),
        _ => {}
    }

    let read = party_cells.read(&row.parties.text);
    let mut parties = Vec::with_capacity(read.segments.len());
    if !read.segments.is_empty() {
        let cell = &row.parties;
        let origin = Origin::new(&cell.text, cell.pieces(), text, 0);
        spans.party = Vec::with_capacity(read.segments.len());
        let whole = (cell.text.as_str(), spans.parties);
        run_together(number, whole, &read, &origin, diagnostics);
        for segment in &read.segments {
            let span = origin.span(segment.range.clone()).unwrap_or(spans.parties);
            spans.party.push(span);
            parties.push(segment.party.clone());
        }
    }
    for (party, span) in parties.iter().zip(&spans.party) {
        if let Party::Unknown(name) = party {
            diagnostics.push(Diagnostic::new(
                Code::UnknownParty,
                *span,
                format!(
                    "Action {number}: `{name}` is not a known responsible party; kept as written"
                ),
            ));
        }
    }
    if row.parties.text.is_empty() {
        diagnostics.push(Diagnostic::new(
            Code::EmptyCell,
            spans.parties,
            format!("Action {number}: the responsible-party cell is empty"),
        ));
    }
    if row.text.text.is_empty() {
        diagnostics.push(Diagnostic::new(
            Code::EmptyCell,
            spans.text,
            format!("Action {number}: the action has no text"),
        ));
    }

    // Only the text's markers have a place in a text of the model.
    let site = RefSite::Action(number);
    let in_text = row.text.markers.iter().map(|m| text_reference(m, site));
    let cells = [
        (
            RefPart::PriorityAreas,
            row.areas.as_ref().map(|c| &c.markers),
        ),
        (RefPart::Timetable, Some(&row.timetable.markers)),
        (RefPart::Parties, Some(&row.parties.markers)),
    ];
    let in_other_cells = cells.into_iter().flat_map(|(part, markers)| {
        (markers.into_iter().flatten()).map(move |m| reference(m, site, Some(part), None))
    });
    let beyond = row.extra.iter().map(|m| reference(m, site, None, None));
    let marked = row.text.markers.len()
        + row.areas.as_ref().map_or(0, |c| c.markers.len())
        + row.timetable.markers.len()
        + row.parties.markers.len()
        + row.extra.len();
    let mut footnotes = Vec::with_capacity(marked);
    for r in in_text.chain(in_other_cells).chain(beyond) {
        footnotes.push(r.number);
        refs.push(r);
    }

    // The text's source is looked at only for an action with sub-points.
    let mut origin: Option<Origin> = None;
    let locate = |range| {
        let cell = &row.text;
        let origin = origin.get_or_insert_with(|| {
            Origin::new(&cell.text, cell.pieces(), text, row.label_span.end)
        });
        origin.span(range).unwrap_or(spans.text)
    };
    let items = items(&row.text.text, number, locate);
    Action {
        number,
        items,
        text: row.text.text,
        strategic_priority: row.strategic_priority,
        section: row.section,
        priority_areas: codes,
        timetable,
        parties,
        footnotes,
        line,
        span: row.span,
        spans,
    }
}
