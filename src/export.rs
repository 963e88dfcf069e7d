//! Flat tables of a plan, for data engineers: one row struct per table, each
//! carrying the document's reference so that a row stands alone. The same
//! structs serve JSON Lines (lists stay arrays) and CSV (lists are joined
//! with `; `), chosen by the [`ListStyle`] type parameter.

use crate::diagnostic::{Code, Severity};
use crate::model::{Dialect, Entry, Form, OtherCell, Plan};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::fmt::Display;

mod sealed {
    /// Only this module's styles are list styles, so that the trait can
    /// grow without breaking anyone.
    pub trait Sealed {}
    impl Sealed for super::Nested {}
    impl Sealed for super::Joined {}
}

/// How list-valued fields are written: [`Nested`] or [`Joined`] (sealed).
pub trait ListStyle: sealed::Sealed {
    /// The serialised form of a list of `T`.
    type List<T: Serialize + Display>: Serialize;
    /// Builds that form.
    fn list<T: Serialize + Display>(items: Vec<T>) -> Self::List<T>;
}

/// Lists stay arrays (JSON Lines).
#[derive(Debug, Clone, Copy)]
pub struct Nested;

/// Lists become one string, items joined with `; ` (CSV).
#[derive(Debug, Clone, Copy)]
pub struct Joined;

/// A list written as its items joined with `; `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedList<T>(pub Vec<T>);

impl<T: Display> Serialize for JoinedList<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let joined: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        serializer.serialize_str(&joined.join("; "))
    }
}

impl ListStyle for Nested {
    type List<T: Serialize + Display> = Vec<T>;
    fn list<T: Serialize + Display>(items: Vec<T>) -> Vec<T> {
        items
    }
}

impl ListStyle for Joined {
    type List<T: Serialize + Display> = JoinedList<T>;
    fn list<T: Serialize + Display>(items: Vec<T>) -> JoinedList<T> {
        JoinedList(items)
    }
}

/// The tables a plan can be flattened into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum Table {
    /// One row per action.
    Actions,
    /// One row per action and responsible party (the long form).
    Parties,
    /// One row per priority area.
    #[cfg_attr(feature = "cli", value(alias = "priority_areas"))]
    PriorityAreas,
    /// One row per objective (the plans of 2009-2020).
    Objectives,
    /// One row per footnote.
    Footnotes,
    /// One row per indicator.
    Indicators,
    /// One row per glossary entry.
    Glossary,
    /// One row per diagnostic.
    Diagnostics,
    /// One row per plan: what it is, and how many diagnostics it has.
    Documents,
}

impl Table {
    /// The table's columns, in order: the CSV header, and the keys of each
    /// JSON Lines object. A table with no rows still has them.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Actions => &[
                "reference",
                "number",
                "text",
                "strategic_priority",
                "strategic_priority_title",
                "section",
                "section_title",
                "priority_areas",
                "timetable",
                "timetable_start",
                "timetable_end",
                "ongoing",
                "parties",
                "footnotes",
                "line",
                "span_start",
                "span_end",
                "objective",
                "indicators",
                "overarching_indicators",
                "assessment",
                "outcome",
                "progress",
                "other",
            ],
            Table::Parties => &[
                "reference",
                "action",
                "position",
                "party",
                "known",
                "span_start",
                "span_end",
            ],
            Table::PriorityAreas => &[
                "reference",
                "code",
                "description",
                "strategic_priority",
                "span_start",
                "span_end",
            ],
            Table::Objectives => &[
                "reference",
                "number",
                "text",
                "section",
                "section_title",
                "span_start",
                "span_end",
            ],
            Table::Footnotes => &["reference", "number", "text", "span_start", "span_end"],
            Table::Indicators => &[
                "reference",
                "number",
                "title",
                "text",
                "sources",
                "footnotes",
                "span_start",
                "span_end",
            ],
            Table::Glossary => &[
                "reference",
                "acronym",
                "expansion",
                "span_start",
                "span_end",
            ],
            Table::Diagnostics => &[
                "reference",
                "code",
                "severity",
                "line",
                "column",
                "action",
                "message",
                "span_start",
                "span_end",
            ],
            Table::Documents => &[
                "file",
                "reference",
                "title",
                "date",
                "period",
                "dialect",
                "form",
                "actions",
                "errors",
                "warnings",
                "notes",
            ],
        }
    }
}

/// One action, with the titles of its strategic priority and section.
#[derive(Debug, Clone, Serialize)]
#[serde(bound = "")]
#[non_exhaustive]
pub struct ActionRow<S: ListStyle> {
    /// The document's reference, e.g. `9819/21`.
    pub reference: Option<String>,
    /// The action's number.
    pub number: u32,
    /// Its text.
    pub text: String,
    /// Its strategic priority's number.
    pub strategic_priority: Option<u32>,
    /// Its strategic priority's title.
    pub strategic_priority_title: Option<String>,
    /// Its section's number.
    pub section: Option<u32>,
    /// Its section's title.
    pub section_title: Option<String>,
    /// Priority-area codes.
    pub priority_areas: S::List<String>,
    /// The timetable as printed.
    pub timetable: String,
    /// First year.
    pub timetable_start: Option<u16>,
    /// Last year.
    pub timetable_end: Option<u16>,
    /// Ongoing.
    pub ongoing: bool,
    /// Responsible parties, canonical names.
    pub parties: S::List<String>,
    /// Footnote numbers.
    pub footnotes: S::List<u32>,
    /// Line in the source.
    pub line: usize,
    /// Where it starts in the source (a byte offset).
    pub span_start: usize,
    /// Where it ends in the source (a byte offset, exclusive).
    pub span_end: usize,
    /// The number of the objective it serves (the plans of 2009-2020).
    pub objective: Option<u32>,
    /// Its own indicators, where the table has a column of them.
    pub indicators: S::List<String>,
    /// The numbers of the overarching indicators its indicators name.
    pub overarching_indicators: S::List<u32>,
    /// Where the data to assess it comes from.
    pub assessment: S::List<String>,
    /// Its expected outcome.
    pub outcome: Option<String>,
    /// Its state of play, in a progress report.
    pub progress: Option<String>,
    /// The cells of columns the header vocabulary lacks, each as
    /// `header: text`.
    pub other: S::List<String>,
}

/// One responsible party of one action.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct PartyRow {
    /// The document's reference.
    pub reference: Option<String>,
    /// The action's number.
    pub action: u32,
    /// The party's position in the action's list, from 1.
    pub position: usize,
    /// The canonical name (or the text of an unknown party).
    pub party: String,
    /// False for a name that is not a known party.
    pub known: bool,
    /// Where it starts in the source (a byte offset).
    pub span_start: usize,
    /// Where it ends in the source (a byte offset, exclusive).
    pub span_end: usize,
}

/// One priority area.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct PriorityAreaRow {
    /// The document's reference.
    pub reference: Option<String>,
    /// The code, e.g. `1.2`.
    pub code: String,
    /// The description, where given.
    pub description: Option<String>,
    /// The strategic priority's number.
    pub strategic_priority: Option<u32>,
    /// Where it starts in the source (a byte offset).
    pub span_start: usize,
    /// Where it ends in the source (a byte offset, exclusive).
    pub span_end: usize,
}

/// One objective.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ObjectiveRow {
    /// The document's reference.
    pub reference: Option<String>,
    /// Its number.
    pub number: u32,
    /// Its text.
    pub text: String,
    /// Its section's number.
    pub section: Option<u32>,
    /// Its section's title.
    pub section_title: Option<String>,
    /// Where it starts in the source (a byte offset).
    pub span_start: usize,
    /// Where it ends in the source (a byte offset, exclusive).
    pub span_end: usize,
}

/// One footnote.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct FootnoteRow {
    /// The document's reference.
    pub reference: Option<String>,
    /// Its number.
    pub number: u32,
    /// Its text.
    pub text: String,
    /// Where it starts in the source (a byte offset).
    pub span_start: usize,
    /// Where it ends in the source (a byte offset, exclusive).
    pub span_end: usize,
}

/// One indicator.
#[derive(Debug, Clone, Serialize)]
#[serde(bound = "")]
#[non_exhaustive]
pub struct IndicatorRow<S: ListStyle> {
    /// The document's reference.
    pub reference: Option<String>,
    /// Its number.
    pub number: u32,
    /// Its title.
    pub title: Option<String>,
    /// Its description.
    pub text: String,
    /// Its sources.
    pub sources: S::List<String>,
    /// Numbers of the footnotes it refers to.
    pub footnotes: S::List<u32>,
    /// Where it starts in the source (a byte offset).
    pub span_start: usize,
    /// Where it ends in the source (a byte offset, exclusive).
    pub span_end: usize,
}

/// One glossary entry.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct GlossaryRow {
    /// The document's reference.
    pub reference: Option<String>,
    /// The acronym.
    pub acronym: String,
    /// Its expansion.
    pub expansion: String,
    /// Where it starts in the source (a byte offset).
    pub span_start: usize,
    /// Where it ends in the source (a byte offset, exclusive).
    pub span_end: usize,
}

/// One diagnostic.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct DiagnosticRow {
    /// The document's reference.
    pub reference: Option<String>,
    /// Its stable code.
    pub code: Code,
    /// Its severity.
    pub severity: Severity,
    /// 1-based line of its start.
    pub line: usize,
    /// 1-based column (in characters) of its start.
    pub column: usize,
    /// The number of the action it is about, if any.
    pub action: Option<u32>,
    /// What it says.
    pub message: String,
    /// Where it starts in the source (a byte offset).
    pub span_start: usize,
    /// Where it ends in the source (a byte offset, exclusive).
    pub span_end: usize,
}

/// One plan: what it is, and how many diagnostics of each severity it has.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct DocumentRow {
    /// The file it was read from, as named.
    pub file: String,
    /// The document's reference.
    pub reference: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Its date (ISO 8601).
    pub date: Option<NaiveDate>,
    /// The period it covers, `2021-2025`.
    pub period: Option<String>,
    /// The dialect it was read as.
    pub dialect: Dialect,
    /// The form its action table was written in.
    pub form: Form,
    /// How many actions it has.
    pub actions: usize,
    /// How many errors.
    pub errors: usize,
    /// How many warnings.
    pub warnings: usize,
    /// How many notes.
    pub notes: usize,
}

/// The actions table.
pub fn actions<S: ListStyle>(plan: &Plan) -> Vec<ActionRow<S>> {
    plan.actions
        .iter()
        .map(|a| ActionRow {
            reference: plan.meta.reference.clone(),
            number: a.number,
            text: a.text.clone(),
            strategic_priority: a.strategic_priority,
            strategic_priority_title: a
                .strategic_priority
                .and_then(|n| plan.strategic_priority(n))
                .map(|s| s.title.clone()),
            section: a.section,
            section_title: section_title(plan, a.section),
            priority_areas: S::list(a.priority_areas.clone()),
            timetable: a.timetable.raw.clone(),
            timetable_start: a.timetable.start,
            timetable_end: a.timetable.end,
            ongoing: a.timetable.ongoing,
            parties: S::list(a.parties.iter().map(|p| p.name().to_owned()).collect()),
            footnotes: S::list(a.footnotes.clone()),
            line: a.line,
            span_start: a.span.start,
            span_end: a.span.end,
            objective: a.objective,
            indicators: S::list(texts(&a.indicators)),
            overarching_indicators: S::list(a.overarching_indicators.clone()),
            assessment: S::list(texts(&a.assessment)),
            outcome: a.outcome.clone(),
            progress: a.progress.clone(),
            other: S::list(a.other.iter().map(other_cell).collect()),
        })
        .collect()
}

/// The title of the section numbered `number`, if any.
fn section_title(plan: &Plan, number: Option<u32>) -> Option<String> {
    let section = number.and_then(|n| plan.section(n));
    section.map(|s| s.title.clone())
}

/// The texts of a list cell's entries.
fn texts(entries: &[Entry]) -> Vec<String> {
    entries.iter().map(|e| e.text.clone()).collect()
}

/// A cell of an unknown column as `header: text`.
fn other_cell(cell: &OtherCell) -> String {
    format!("{}: {}", cell.header, cell.text)
}

/// The parties table, long form.
pub fn parties(plan: &Plan) -> Vec<PartyRow> {
    plan.actions
        .iter()
        .flat_map(|a| {
            a.parties.iter().enumerate().map(|(i, p)| PartyRow {
                reference: plan.meta.reference.clone(),
                action: a.number,
                position: i + 1,
                party: p.name().to_owned(),
                known: !p.is_unknown(),
                // The party's own words, or its cell (JSON of schema 1.0.0).
                span_start: a.spans.party.get(i).unwrap_or(&a.spans.parties).start,
                span_end: a.spans.party.get(i).unwrap_or(&a.spans.parties).end,
            })
        })
        .collect()
}

/// The priority areas table.
pub fn priority_areas(plan: &Plan) -> Vec<PriorityAreaRow> {
    plan.priority_areas
        .iter()
        .map(|a| PriorityAreaRow {
            reference: plan.meta.reference.clone(),
            code: a.code.clone(),
            description: a.description.clone(),
            strategic_priority: a.strategic_priority,
            span_start: a.span.start,
            span_end: a.span.end,
        })
        .collect()
}

/// The objectives table.
pub fn objectives(plan: &Plan) -> Vec<ObjectiveRow> {
    plan.objectives
        .iter()
        .map(|o| ObjectiveRow {
            reference: plan.meta.reference.clone(),
            number: o.number,
            text: o.text.clone(),
            section: o.section,
            section_title: section_title(plan, o.section),
            span_start: o.span.start,
            span_end: o.span.end,
        })
        .collect()
}

/// The footnotes table.
pub fn footnotes(plan: &Plan) -> Vec<FootnoteRow> {
    plan.footnotes
        .iter()
        .map(|f| FootnoteRow {
            reference: plan.meta.reference.clone(),
            number: f.number,
            text: f.text.clone(),
            span_start: f.span.start,
            span_end: f.span.end,
        })
        .collect()
}

/// The indicators table.
pub fn indicators<S: ListStyle>(plan: &Plan) -> Vec<IndicatorRow<S>> {
    plan.indicators
        .iter()
        .map(|i| IndicatorRow {
            reference: plan.meta.reference.clone(),
            number: i.number,
            title: i.title.clone(),
            text: i.text.clone(),
            sources: S::list(i.sources.clone()),
            footnotes: S::list(i.footnotes.clone()),
            span_start: i.span.start,
            span_end: i.span.end,
        })
        .collect()
}

/// The glossary table.
pub fn glossary(plan: &Plan) -> Vec<GlossaryRow> {
    plan.glossary
        .iter()
        .map(|g| GlossaryRow {
            reference: plan.meta.reference.clone(),
            acronym: g.acronym.clone(),
            expansion: g.expansion.clone(),
            span_start: g.span.start,
            span_end: g.span.end,
        })
        .collect()
}

/// The diagnostics table.
pub fn diagnostics(plan: &Plan) -> Vec<DiagnosticRow> {
    plan.diagnostics
        .iter()
        .map(|d| DiagnosticRow {
            reference: plan.meta.reference.clone(),
            code: d.code(),
            severity: d.severity,
            line: d.line,
            column: d.column,
            action: d.action,
            message: d.message.clone(),
            span_start: d.span.start,
            span_end: d.span.end,
        })
        .collect()
}

/// The documents table of one plan, read from `file`: one row.
pub fn documents(plan: &Plan, file: &str) -> Vec<DocumentRow> {
    let count = |severity: Severity| {
        let all = plan.diagnostics.iter();
        all.filter(|d| d.severity == severity).count()
    };
    let meta = &plan.meta;
    vec![DocumentRow {
        file: file.to_owned(),
        reference: meta.reference.clone(),
        title: meta.title.clone(),
        date: meta.date,
        period: meta.period.map(|p| format!("{}-{}", p.start, p.end)),
        dialect: plan.dialect,
        form: plan.form,
        actions: plan.actions.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        notes: count(Severity::Note),
    }]
}
