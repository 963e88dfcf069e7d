//! Turning a dialect's [`Draft`] into the typed [`Plan`]: priority-area
//! codes and descriptions, timetables, parties, sub-points, footnote
//! references, indicator sources, and line/column of every diagnostic.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::document::{further_cell, marker_ref, text_marker_ref, Draft, DraftRow};
use crate::model::{
    Action, ActionSpans, Column, Dialect, FootnoteRef, Indicator, OtherCell, Plan, RefPart,
    RefSite, SCHEMA_VERSION,
};
use crate::span::{LineIndex, Span};
use crate::text::Marker;
use crate::validate;
use crate::values::area::{self, Areas};
use crate::values::entries;
use crate::values::indicator::split_sources;
use crate::values::items::items;
use crate::values::origin::Origin;
use crate::values::party;
use crate::values::timetable::Timetable;
use std::collections::HashMap;

/// Builds the typed plan from a reader's draft. `text` is the source the
/// draft was read from.
pub(crate) fn resolve(draft: Draft, dialect: Dialect, text: &str) -> Plan {
    let index = LineIndex::new(text);

    let mut diagnostics = draft.diagnostics;
    let mut areas = Areas::for_rows(draft.rows.len());
    let mut refs: Vec<FootnoteRef> = draft.refs;
    let mut actions = Vec::with_capacity(draft.rows.len());
    let mut lines = index.cursor(text);
    let mut party_cells = party::PartyCells::for_rows(draft.rows.len(), &draft.glossary);
    // Each row is freed once its action is made (see `Draft::rows`).
    for row in draft.rows {
        let line = lines.position(row.span.start).line;
        let action = action(
            *row,
            line,
            text,
            &mut areas,
            &mut party_cells,
            &mut refs,
            &mut diagnostics,
        );
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
    let indicators: Vec<Indicator> = draft
        .indicators
        .into_iter()
        .map(|indicator| {
            let in_title = in_titles.get(&indicator.number).into_iter().flatten();
            let mut footnotes: Vec<u32> = in_title
                .filter(|(span, _)| indicator.span.contains(*span))
                .map(|&(_, number)| number)
                .collect();
            footnotes.extend(indicator.body.markers.iter().map(|m| m.number));
            let (text, sources) = split_sources(&indicator.body.text);
            // The description is the body's start: a marker past it is in the sources.
            let site = RefSite::Indicator(indicator.number);
            refs.extend(
                indicator
                    .body
                    .markers
                    .iter()
                    .map(|m| match m.at <= text.len() {
                        true => text_marker_ref(m, site),
                        false => marker_ref(m, site, Some(RefPart::Sources), None),
                    }),
            );
            Indicator {
                number: indicator.number,
                title: indicator.title,
                text,
                sources,
                footnotes,
                span: indicator.span,
            }
        })
        .collect();
    refs.sort_by_key(|r| r.span.start);

    let mut plan = Plan {
        schema_version: SCHEMA_VERSION.to_owned(),
        dialect,
        form: draft.form,
        meta: draft.meta,
        introduction: draft.introduction,
        sections: draft.sections,
        strategic_priorities: draft.priorities,
        objectives: draft.objectives,
        priority_areas: areas.into_sorted(),
        actions,
        footnotes: draft.footnotes,
        footnote_refs: refs,
        indicators,
        glossary: draft.glossary,
        diagnostics,
    };
    let found = validate::rules(&plan, text, &index);
    plan.diagnostics.extend(found);
    crate::diagnostic::locate(&mut plan.diagnostics, &index, text);
    plan
}

/// Notes each run of the parties cell (`cell`, at `span`, its words found
/// in the source through `origin`) that printed names together without a
/// space, naming the parties [`party::read_parties`] read apart in it.
fn run_together(
    number: u32,
    (cell, span): (&str, Span),
    read: &party::ReadCell,
    origin: &Origin<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for run in &read.run_together {
        let kind = DiagnosticKind::RunTogetherParties {
            action: number,
            printed: cell.get(run.clone()).unwrap_or_default().to_owned(),
            parties: read.parties_in(run).map(|p| p.name().to_owned()).collect(),
        };
        diagnostics.push(Diagnostic::new(
            kind,
            origin.span(run.clone()).unwrap_or(span),
        ));
    }
}

fn action(
    row: DraftRow,
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
        indicators: further_cell(&row.further, Column::Indicators).map(|c| cell_span(c.span)),
        assessment: further_cell(&row.further, Column::Assessment).map(|c| cell_span(c.span)),
        outcome: further_cell(&row.further, Column::Outcome).map(|c| cell_span(c.span)),
        progress: further_cell(&row.further, Column::Progress).map(|c| cell_span(c.span)),
        party: Vec::new(),
    };

    let mut codes = Vec::new();
    if let (Some(cell), Some(span)) = (&row.areas, spans.priority_areas) {
        let parsed = area::parse_cell(&cell.text);
        areas.define(number, &parsed, (span, text), diagnostics);
        codes = Vec::with_capacity(parsed.entries.len());
        codes.extend(parsed.entries.iter().map(|e| e.code.to_owned()));
        if cell.text.is_empty() {
            let kind = DiagnosticKind::EmptyCell {
                action: number,
                column: Column::PriorityArea,
            };
            diagnostics.push(Diagnostic::new(kind, span));
        }
    }

    // A cleaned cell's whitespace is normalised already.
    let mut timetable = Timetable::from_normalised(row.timetable.text);
    timetable.span = spans.timetable;
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
    // Only the text's markers have a place in a text of the model.
    let site = RefSite::Action(number);
    let in_text = row.text.markers.iter().map(|m| text_marker_ref(m, site));
    let cells = [
        (
            RefPart::PriorityAreas,
            row.areas.as_ref().map(|c| &c.markers),
        ),
        (RefPart::Timetable, Some(&row.timetable.markers)),
        (RefPart::Parties, Some(&row.parties.markers)),
    ];
    let in_other_cells = cells.into_iter().flat_map(|(part, markers)| {
        (markers.into_iter().flatten()).map(move |m| marker_ref(m, site, Some(part), None))
    });
    // The family's further columns keep no place for their markers.
    let further = row.further.iter().map(|(_, _, cell)| cell);
    let in_further: Vec<&Marker> = further.flat_map(|c| &c.markers).collect();
    let beyond = row.extra.iter().chain(in_further.iter().copied());
    let beyond = beyond.map(|m| marker_ref(m, site, None, None));
    let marked = row.text.markers.len()
        + row.areas.as_ref().map_or(0, |c| c.markers.len())
        + row.timetable.markers.len()
        + row.parties.markers.len()
        + row.extra.len()
        + in_further.len();
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
    let (indicator_entries, overarching) = match further_cell(&row.further, Column::Indicators) {
        Some(cell) => {
            let pieces: Vec<_> = cell.pieces().collect();
            entries::indicators(&cell.text, &pieces, text, spans.indicators)
        }
        None => (Vec::new(), Vec::new()),
    };
    let assessment = match further_cell(&row.further, Column::Assessment) {
        Some(cell) => {
            let pieces: Vec<_> = cell.pieces().collect();
            entries::list(&cell.text, &pieces, text, spans.assessment)
        }
        None => Vec::new(),
    };
    let (mut outcome, mut progress, mut other) = (None, None, Vec::new());
    for (column, header, cell) in row.further {
        let written = || Some(cell.text.clone()).filter(|t| !t.is_empty());
        match column {
            Column::Outcome => outcome = written(),
            Column::Progress => progress = written(),
            Column::Other if !cell.text.is_empty() => other.push(OtherCell {
                header: header.to_string(),
                span: cell.span.unwrap_or(row.span),
                text: cell.text,
            }),
            _ => {}
        }
    }
    Action {
        number,
        items,
        indicators: indicator_entries,
        overarching_indicators: overarching,
        assessment,
        outcome,
        progress,
        other,
        text: row.text.text,
        strategic_priority: row.strategic_priority,
        objective: row.objective,
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
