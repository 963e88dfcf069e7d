//! The typed plan model shared by every dialect.
//!
//! Every element carries the [`Span`] of the source text it came from. The
//! model knows nothing of page breaks, `<p>` tags or superscripts: the raw
//! layer of each dialect has already dealt with those.

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::values::party::Party;
use crate::values::timetable::Timetable;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the JSON contract: its major number goes up on any
/// incompatible change, its minor number when fields are added (JSON
/// written by an earlier minor version still reads).
pub const SCHEMA_VERSION: &str = "2.0.0";

/// Which kind of source text a plan was parsed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum Dialect {
    /// The Council's Markdown text with HTML table cells (e.g. document 9819/21).
    Council,
    /// The Commission's PDF-to-text export (e.g. the annex to COM(2020) 606).
    Commission,
}

impl Dialect {
    /// The dialect's name, as the JSON and the command line write it.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Council => "council",
            Dialect::Commission => "commission",
        }
    }
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A string that names no [`Dialect`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a dialect (council or commission)")]
pub struct UnknownDialect(pub String);

impl std::str::FromStr for Dialect {
    type Err = UnknownDialect;

    /// The dialect with this name, in any case.
    ///
    /// ```
    /// use actionplan::Dialect;
    /// assert_eq!("Council".parse(), Ok(Dialect::Council));
    /// assert_eq!(Dialect::Commission.to_string(), "commission");
    /// assert!("pdf".parse::<Dialect>().is_err());
    /// ```
    fn from_str(name: &str) -> Result<Dialect, UnknownDialect> {
        [Dialect::Council, Dialect::Commission]
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| UnknownDialect(name.to_owned()))
    }
}

/// The form the plan's action table was written in, as the reader found it
/// at the table's first row. Later versions name more forms (a PDF's text
/// in columns or in reading order, a saved web page).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Form {
    /// Cells separated by tabs, one row a line (both fixtures).
    #[default]
    Tabs,
    /// A Markdown pipe table (`| … | … |`).
    PipeTable,
    /// A grid table (`+---+` rules between rows), as pandoc writes one.
    GridTable,
    /// An HTML table (`<tr>`, `<td>`).
    HtmlTable,
}

/// A parsed action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Plan {
    /// Version of this JSON contract.
    pub schema_version: String,
    /// The dialect the text was parsed as.
    pub dialect: Dialect,
    /// The form the action table was written in. JSON without it (from
    /// earlier builds) reads as `tabs`.
    #[serde(default)]
    pub form: Form,
    /// Document metadata from the cover page.
    pub meta: Meta,
    /// The introduction's paragraphs, in order.
    pub introduction: Vec<Paragraph>,
    /// Policy areas and cross-cutting themes, in order.
    pub sections: Vec<Section>,
    /// Strategic priorities, in order.
    pub strategic_priorities: Vec<StrategicPriority>,
    /// Numbered objectives (the plans of 2009-2020), in order; left out of
    /// the JSON when the plan has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
    /// Priority areas, ordered by code.
    pub priority_areas: Vec<PriorityArea>,
    /// Actions, in source order.
    pub actions: Vec<Action>,
    /// Footnote texts, in source order.
    pub footnotes: Vec<Footnote>,
    /// Every footnote marker in the text, in source order.
    pub footnote_refs: Vec<FootnoteRef>,
    /// Indicators (Council: overarching indicators; Commission: performance indicators).
    pub indicators: Vec<Indicator>,
    /// Glossary of acronyms.
    pub glossary: Vec<GlossaryEntry>,
    /// What the parser repaired and what the plan gets wrong, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Document metadata. Fields the text does not give are `null`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Meta {
    /// The issuing institution, e.g. `Council of the European Union`.
    pub issuer: Option<String>,
    /// The document reference, e.g. `9819/21` or `COM(2020) 606 final`.
    pub reference: Option<String>,
    /// The date of the document.
    pub date: Option<NaiveDate>,
    /// The place of issue, e.g. `Brussels`.
    pub place: Option<String>,
    /// The plan's title, e.g. `EU Drugs Action Plan 2021-2025`.
    pub title: Option<String>,
    /// The first and last year of the plan's period, from its title.
    pub period: Option<Period>,
    /// The subject line, where the document has one.
    pub subject: Option<String>,
    /// The kind of document, e.g. `OUTCOME OF PROCEEDINGS` or `ANNEXES 1 to 2`.
    pub document_type: Option<String>,
    /// The reference of the previous document (`No. prev. doc.`).
    pub previous_document: Option<String>,
    /// Filing codes such as `CORDROGUE 27`.
    pub file_codes: Vec<String>,
    /// The original language, e.g. `en` for `(OR. en)`.
    pub language: Option<String>,
    /// The sender (`From:`).
    pub from: Option<String>,
    /// The recipients (`To:`).
    pub to: Option<String>,
    /// The cover note or the communication this plan is annexed to.
    pub cover_note: Option<String>,
    /// Annexes named by the document, e.g. `Annex 2 – Glossary of acronyms`.
    pub annexes: Vec<String>,
    /// Where the metadata block lies: the cover, up to the first annex
    /// heading. (Annexes named later, as the Commission text names its
    /// indicators, are listed in `annexes` but lie outside it.)
    pub span: Span,
    /// Where each field was read from. JSON without it (from earlier
    /// builds) reads as no spans.
    #[serde(default)]
    pub spans: MetaSpans,
}

/// Where each field of [`Meta`] was read from: a field the text gives has
/// a span (a list, one per entry, in the same order), one it does not give
/// has none. A span lies in the input and its text is what the value was
/// read from, markup and all: `Brussels` of `Brussels, 21 June 2021`, the
/// date `21 June 2021` or `24.7.2020`, the value after a `From:` label, the
/// language `en` of `(OR. en)`. A value gathered from several lines (the
/// issuer, the cover note, a Commission annex and its title) spans from
/// its first line to its last, and so covers whatever stands between them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct MetaSpans {
    /// [`Meta::issuer`].
    pub issuer: Option<Span>,
    /// [`Meta::reference`].
    pub reference: Option<Span>,
    /// [`Meta::date`].
    pub date: Option<Span>,
    /// [`Meta::place`].
    pub place: Option<Span>,
    /// [`Meta::title`].
    pub title: Option<Span>,
    /// [`Meta::period`]: the two years and the dash between them in the
    /// title (the whole title where the source writes them otherwise).
    pub period: Option<Span>,
    /// [`Meta::subject`].
    pub subject: Option<Span>,
    /// [`Meta::document_type`].
    pub document_type: Option<Span>,
    /// [`Meta::previous_document`].
    pub previous_document: Option<Span>,
    /// [`Meta::file_codes`], one per code.
    pub file_codes: Vec<Span>,
    /// [`Meta::language`].
    pub language: Option<Span>,
    /// [`Meta::from`].
    pub from: Option<Span>,
    /// [`Meta::to`].
    pub to: Option<Span>,
    /// [`Meta::cover_note`].
    pub cover_note: Option<Span>,
    /// [`Meta::annexes`], one per annex.
    pub annexes: Vec<Span>,
}

/// What a column of an action table holds, as its header names it. In a
/// header cell that names several, the first in this order wins
/// (`Objective/Action` is the action's column, which holds the objectives
/// as rows of their own).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Column {
    /// The action's label and text.
    Action,
    /// The objective the actions serve (2017-2020: a cell spanning rows).
    Objective,
    /// The timetable.
    Timetable,
    /// The responsible parties.
    Parties,
    /// The priority areas.
    PriorityArea,
    /// The action's own indicators.
    Indicators,
    /// Where the data to assess the action comes from (`Data collection
    /// and assessment mechanisms`, `Assessment tools`).
    Assessment,
    /// The expected outcome.
    Outcome,
    /// The state of play, in a progress report.
    Progress,
    /// A column whose header the vocabulary lacks: kept on each action
    /// under its header's text (see [`Action::other`]).
    Other,
}

impl Column {
    /// The column in words, as messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Column::Action => "action",
            Column::Objective => "objective",
            Column::PriorityArea => "priority area",
            Column::Timetable => "timetable",
            Column::Parties => "responsible parties",
            Column::Indicators => "indicators",
            Column::Assessment => "data collection and assessment",
            Column::Outcome => "expected outcome",
            Column::Progress => "state of play",
            Column::Other => "other",
        }
    }
}

/// The first and last year a plan covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    /// First year.
    pub start: u16,
    /// Last year.
    pub end: u16,
}

/// A paragraph of prose (introduction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Paragraph {
    /// Text with markup removed and whitespace normalised.
    pub text: String,
    /// Source span.
    pub span: Span,
}

/// A policy area or cross-cutting theme, e.g. `I - DRUG SUPPLY REDUCTION: ENHANCING SECURITY`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Section {
    /// Position of the section in the plan, from 1; actions refer to it.
    pub number: u32,
    /// The label printed before the title (`I`, `A`), if any.
    pub label: Option<String>,
    /// The title as printed.
    pub title: String,
    /// Source span of the heading.
    pub span: Span,
}

/// A strategic priority heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct StrategicPriority {
    /// Its number.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// The [`Section::number`] it sits under.
    pub section: Option<u32>,
    /// Source span of the heading.
    pub span: Span,
}

/// A numbered objective the actions under it serve: a cell spanning rows
/// (`4. Enhance effective law enforcement …`), a row of its own or a
/// heading (`Objective 1: Prevent drug use …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Objective {
    /// Its number.
    pub number: u32,
    /// Its text, without its label.
    pub text: String,
    /// The [`Section::number`] it sits under.
    pub section: Option<u32>,
    /// Where it lies in the source: its cell or line, or, where its text
    /// goes on over the lines of the rows beside it, from its first piece
    /// to its last (as a cell continued over several rows).
    pub span: Span,
}

/// A priority area such as `1.2`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct PriorityArea {
    /// The code, without a trailing dot: `1.2`.
    pub code: String,
    /// The description, where the text gives one.
    pub description: Option<String>,
    /// The strategic priority the code belongs to (its first number).
    pub strategic_priority: Option<u32>,
    /// Where the area is introduced: its code as printed and its
    /// description, to the end of the cell that gives it; an area no cell
    /// describes, its code where first mentioned.
    pub span: Span,
}

/// One action of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Action {
    /// Its number (`Action 12` → 12).
    pub number: u32,
    /// The text without its label and footnote markers, whitespace normalised.
    pub text: String,
    /// The strategic priority it sits under (`null` where the plan has none there).
    pub strategic_priority: Option<u32>,
    /// The [`Section::number`] it sits under.
    pub section: Option<u32>,
    /// The [`Objective::number`] it serves; left out of the JSON where the
    /// plan numbers no objectives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<u32>,
    /// Codes of the priority areas it serves, in source order.
    pub priority_areas: Vec<String>,
    /// When it is to be carried out.
    pub timetable: Timetable,
    /// Who is responsible, in source order.
    pub parties: Vec<Party>,
    /// Numbers of the footnotes its text refers to.
    pub footnotes: Vec<u32>,
    /// The enumerated sub-points inside its text.
    pub items: Vec<Item>,
    /// Its own indicators, where the table has a column of them, one per
    /// bullet, `;` or line-initial dash. This field and the five after it
    /// are left out of the JSON when empty (a plan whose table has no such
    /// column), and read as empty when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Entry>,
    /// The numbers of the plan's overarching indicators its indicators
    /// name (`Overarching indicator 7, 15`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overarching_indicators: Vec<u32>,
    /// Where the data to assess it comes from (`Data collection and
    /// assessment mechanisms`), split as [`indicators`](Action::indicators).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessment: Vec<Entry>,
    /// Its expected outcome, where the table has the column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Its state of play, in a progress report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// The cells of columns whose header the vocabulary lacks, in column
    /// order: nothing a row holds is dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<OtherCell>,
    /// 1-based line where the action starts.
    pub line: usize,
    /// Source span of the whole row (all its continuation rows included).
    pub span: Span,
    /// Source spans of the individual cells.
    pub spans: ActionSpans,
}

/// Where each cell of an action row came from. A cell continued over several
/// rows spans from its first piece to its last.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ActionSpans {
    /// The `Action N` label.
    pub label: Span,
    /// The text cell.
    pub text: Span,
    /// The priority-area cell, if the table has one.
    pub priority_areas: Option<Span>,
    /// The timetable cell.
    pub timetable: Span,
    /// The responsible-party cell.
    pub parties: Span,
    /// The indicators cell, if the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators: Option<Span>,
    /// The data-collection cell, if the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Span>,
    /// The expected-outcome cell, if the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Span>,
    /// The state-of-play cell, if the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Span>,
    /// Where each of [`Action::parties`] was read from, one span per party
    /// in the same order: the words of its name in the source (`Europol`
    /// of `<p>EMCDDA</p><p>Europol</p>`, `Commission` of `Commission,
    /// Member States`). A name continued over several rows, or healed
    /// across a page break (`European Medicine` / `Agency`), spans from
    /// its first piece to its last, and so may reach beyond
    /// [`parties`](ActionSpans::parties). Where the source spells a word
    /// otherwise than the cleaned cell does (a character reference, a tag
    /// inside it), its span is the source between the words found around
    /// it. No name is inferred without source text: every party is read
    /// from words of its cell (or, healed, of the next row's), and only
    /// if those could not be placed would its span be the cell's. JSON
    /// without it (from earlier builds) reads as empty.
    #[serde(default)]
    pub party: Vec<Span>,
}

/// One entry of a list cell: an indicator, a source of assessment data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Entry {
    /// The entry's text, without its bullet or separator.
    pub text: String,
    /// Where it lies in the source.
    pub span: Span,
}

/// A cell of a column the header vocabulary does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct OtherCell {
    /// The column's header, as printed (cleaned).
    pub header: String,
    /// The cell's text.
    pub text: String,
    /// Where the cell lies in the source (from its first piece to its last).
    pub span: Span,
}

/// An enumerated sub-point inside an action's text, such as `(ii) detect …`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Item {
    /// The label as printed, without brackets: `ii`, `2.1`.
    pub label: String,
    /// The sub-point's text, without its label and trailing separator.
    pub text: String,
    /// Where it lies in the source: from its label (its bracket, if any)
    /// to the end of its text. JSON without it (from earlier builds) reads
    /// as an empty span at 0.
    #[serde(default)]
    pub span: Span,
}

/// A footnote's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Footnote {
    /// Its number.
    pub number: u32,
    /// Its text, markup removed.
    pub text: String,
    /// Source span of the definition.
    pub span: Span,
}

/// A footnote marker in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct FootnoteRef {
    /// The footnote number it points to.
    pub number: u32,
    /// What contains the marker.
    pub site: RefSite,
    /// Source span of the marker.
    pub span: Span,
    /// The part of its site the marker is in: the cell of an action's row,
    /// an indicator's title, description or sources, the cover's subject or
    /// note, which heading. `None` where the site is not divided (a table
    /// header, a section's or strategic priority's heading, a glossary
    /// entry's acronym), for a heading the reader did not recognise, for
    /// a cell of an action's row beyond the table's columns, and for the
    /// cells of the family's further columns (indicators, assessment,
    /// expected outcome, state of play, a column the vocabulary lacks).
    /// JSON without it (from earlier builds) reads as `None`.
    #[serde(default)]
    pub part: Option<RefPart>,
    /// Where the marker stands in its site's cleaned text, as a byte offset
    /// just after the word it follows (0 before the first word): into
    /// [`Action::text`], [`Indicator::text`], [`Footnote::text`] or an
    /// introduction [`Paragraph::text`]. `None` for a marker anywhere else:
    /// a heading, a table header, another cell of an action's row, an
    /// indicator's title or sources, the cover, the glossary. JSON without it (from
    /// earlier builds) reads as `None`.
    #[serde(default)]
    pub offset: Option<usize>,
}

/// The element a footnote marker sits in. An element the plan numbers is
/// named by its number, so that a marker's place is known from its site
/// alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind", content = "number")]
#[non_exhaustive]
pub enum RefSite {
    /// The text of an action.
    Action(u32),
    /// An indicator.
    Indicator(u32),
    /// A table header.
    TableHeader,
    /// The heading of a section, by its [`Section::number`].
    Section(u32),
    /// The heading of a strategic priority, by its
    /// [`StrategicPriority::number`].
    StrategicPriority(u32),
    /// A numbered objective, by its [`Objective::number`].
    Objective(u32),
    /// Another heading: the plan's title, the kind of document, the
    /// heading of the contents, the introduction, the indicators or the
    /// glossary (which one its [`RefPart`] says), or a heading the reader
    /// did not recognise (no part).
    Heading,
    /// Another footnote.
    Footnote(u32),
    /// A paragraph of the introduction (1-based, in the plan's order).
    Introduction(u32),
    /// The cover page and contents: the subject, a cover note, an annex title.
    Cover,
    /// A glossary entry, by its 1-based position in [`Plan::glossary`]:
    /// its acronym (no part) or its expansion.
    Glossary(u32),
}

/// The part of a [`RefSite`] a footnote marker is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind", content = "number")]
#[non_exhaustive]
pub enum RefPart {
    /// The site's running text: an action's text cell (its `Action N` label
    /// included), an indicator's description, a footnote's, an
    /// introduction paragraph's or an objective's text. Only markers here have an
    /// [`offset`](FootnoteRef::offset).
    Text,
    /// An action's priority-area cell.
    PriorityAreas,
    /// An action's timetable cell.
    Timetable,
    /// An action's responsible-party cell.
    Parties,
    /// An indicator's title, or the plan's title heading.
    Title,
    /// An indicator's data sources.
    Sources,
    /// The cover's subject line.
    Subject,
    /// The cover note.
    CoverNote,
    /// The name of an annex, by its 1-based position in [`Meta::annexes`].
    Annex(u32),
    /// The heading of the contents list, or another line of it (which
    /// repeats the body's headings).
    Contents,
    /// A glossary entry's expansion.
    Expansion,
    /// The heading of the kind of document (`OUTCOME OF PROCEEDINGS`).
    DocumentType,
    /// The heading of the introduction.
    Introduction,
    /// The heading of the indicators.
    Indicators,
    /// The heading of the glossary, or the header row of its table.
    Glossary,
}

/// An indicator for monitoring the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Indicator {
    /// Its number.
    pub number: u32,
    /// Its title, where the text gives one.
    pub title: Option<String>,
    /// Its description, without the sources.
    pub text: String,
    /// The data sources, split on `,` and `;`.
    pub sources: Vec<String>,
    /// Numbers of the footnotes it refers to.
    pub footnotes: Vec<u32>,
    /// Source span.
    pub span: Span,
}

/// An entry of the glossary of acronyms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct GlossaryEntry {
    /// The acronym as printed: `EMCDDA`.
    pub acronym: String,
    /// What it stands for.
    pub expansion: String,
    /// Source span.
    pub span: Span,
}

impl Plan {
    /// The action with this number, if any.
    pub fn action(&self, number: u32) -> Option<&Action> {
        self.actions.iter().find(|a| a.number == number)
    }

    /// The priority area with this code (`"1.2"`), if any.
    ///
    /// ```
    /// let text = "Action\tPriority area\tTimetable\tResponsible party\n\
    ///             <p><b>Action 1</b> Do it.</p>\t<p>1.2. Target.</p>\t2021-2025\tEuropol\n";
    /// let plan = actionplan::parse(text).expect("a plan");
    /// assert_eq!(plan.priority_area("1.2").and_then(|a| a.description.as_deref()), Some("Target."));
    /// assert_eq!(plan.action(1).map(|a| a.priority_areas.len()), Some(1));
    /// assert!(plan.footnote(1).is_none());
    /// ```
    pub fn priority_area(&self, code: &str) -> Option<&PriorityArea> {
        self.priority_areas.iter().find(|a| a.code == code)
    }

    /// The footnote with this number, if any (the first, if two share it).
    pub fn footnote(&self, number: u32) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| f.number == number)
    }

    /// The strategic priority with this number, if any.
    pub fn strategic_priority(&self, number: u32) -> Option<&StrategicPriority> {
        self.strategic_priorities
            .iter()
            .find(|s| s.number == number)
    }

    /// The section with this number, if any.
    pub fn section(&self, number: u32) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}
