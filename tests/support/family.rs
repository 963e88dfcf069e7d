//! Writes whole plans in each shape of the family (2013-2016, 2017-2020,
//! 2021-2025), in each form a converter may give (tab-separated cells, a
//! Markdown pipe table, an HTML table), together with what a reader of
//! the plan would write down from it: the expected values are chosen
//! first and the text is written from them, so nothing expected comes
//! from the parser.
//!
//! A [`Spec`] is drawn by a proptest strategy ([`spec`]) or from a seed
//! ([`spec_from_seed`]); [`write`] turns it into text.
#![allow(dead_code)]

use actionplan::{Recurrence, TimetableKind, YearPart};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The table shape of one revision of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Each action as labelled fields (`Action: 63. …`, `Timetable:`,
    /// `Responsible party:`, `Indicator:`, `Assessment tools:`) under an
    /// `Objective N: …` line.
    Y2009,
    /// `Objective/Action | Timetable | Responsible party | Indicators`,
    /// with `Objective N: …` rows.
    Y2013,
    /// `Objective | Action | Timetable | Responsible party | Indicators |
    /// Data collection and assessment mechanisms`, the objective in the
    /// first column of its first action's row.
    Y2017,
    /// `Action | Priority area | Timetable | Responsible party`, under a
    /// strategic priority.
    Y2021,
}

/// How the table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Cells separated by tabs, one row a line.
    Tabs,
    /// A Markdown pipe table with a delimiter row under its header.
    Pipes,
    /// An HTML table, one `<tr>` a line.
    Html,
}

/// A party as the generated text spells it and the canonical name the
/// parser gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartyName {
    pub spelling: &'static str,
    pub canonical: &'static str,
}

/// One action of a generated plan.
#[derive(Debug, Clone)]
pub struct Act {
    pub number: u32,
    pub text: String,
    /// The timetable cell as written and what it means.
    pub timetable: (String, TimetableKind),
    pub parties: Vec<PartyName>,
    /// The separator written between two parties (`, and`: commas and
    /// ` and ` before the last).
    pub party_separator: &'static str,
    /// Indicators (2013 and 2017 shapes), in order.
    pub indicators: Vec<String>,
    /// The overarching indicators named by an entry before the others.
    pub overarching: Vec<u32>,
    /// Data collection and assessment entries (2017 shape).
    pub assessment: Vec<String>,
    /// What comes between the row above and this action's row.
    pub page_break: Break,
    /// Where the row wraps onto a second line (as a PDF's text does): the
    /// action's text after this many words, its last indicator (and in
    /// the 2017 shape the second half of the objective on its first
    /// action's row) go on a continuation row of their own (tab form) or
    /// after a `<br>` (the other forms).
    pub wrap: Option<usize>,
}

/// A page break before a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// None: the rows follow each other.
    None,
    /// The header repeated, as each page repeats it (after a blank line
    /// in tab form).
    Header,
    /// A blank line only (tab form; nothing in the other forms).
    Blank,
}

/// A group of actions: an objective (2013 and 2017 shapes, numbered
/// through the plan) or a priority area (2021 shape, numbered `S.N`
/// under strategic priority S, N counted within it).
#[derive(Debug, Clone)]
pub struct Group {
    pub number: u32,
    pub text: String,
    pub actions: Vec<Act>,
}

/// A section (a pillar) of a plan, with its own table; in the 2021 shape
/// also the strategic priority of the same number.
#[derive(Debug, Clone)]
pub struct Section {
    pub number: u32,
    /// The heading's title in capitals (the 2013 plan writes it in
    /// sentence case: see [`section_title`]).
    pub title: String,
    pub groups: Vec<Group>,
}

/// A whole generated plan.
#[derive(Debug, Clone)]
pub struct Spec {
    pub shape: Shape,
    pub sections: Vec<Section>,
}

impl Spec {
    /// Every group with its section, in order.
    pub fn groups(&self) -> impl Iterator<Item = (&Section, &Group)> {
        (self.sections.iter()).flat_map(|s| s.groups.iter().map(move |g| (s, g)))
    }

    /// Every action with its section and group, in order.
    pub fn actions(&self) -> impl Iterator<Item = (&Section, &Group, &Act)> {
        self.groups()
            .flat_map(|(s, g)| g.actions.iter().map(move |a| (s, g, a)))
    }
}

/// Plain words for texts: none is a header word, a party, a timetable or
/// a number, so no cell made of them looks like a label or a header.
/// `sanctions` is one edit from `actions` and `directions` two: a row's
/// continuation made of such words must stay the row's.
const WORDS: &[&str] = &[
    "sanctions",
    "directions",
    "strengthen",
    "cooperation",
    "between",
    "national",
    "services",
    "improve",
    "access",
    "treatment",
    "prevention",
    "research",
    "share",
    "information",
    "support",
    "develop",
    "training",
    "programmes",
    "health",
    "risks",
    "evidence",
    "quality",
    "standards",
    "networks",
    "markets",
    "routes",
    "young",
    "people",
    "communities",
    "local",
    "regional",
    "measures",
    "practice",
    "responses",
    "harm",
    "social",
    "reintegration",
    "criminal",
    "justice",
    "alternatives",
    "the",
    "of",
    "and",
    "for",
    "with",
    "on",
];

/// The parties the generator names: each canonical name with the
/// spellings the family uses for it.
const PARTIES: &[(&str, &[&str])] = &[
    ("Member States", &["MS", "Member States"]),
    (
        "European Commission",
        &["COM", "Commission", "European Commission"],
    ),
    ("Council of the EU", &["Council"]),
    ("Presidency of the Council", &["PRES"]),
    ("European Parliament", &["EP", "European Parliament"]),
    ("EEAS", &["EEAS"]),
    ("Europol", &["Europol"]),
    ("Eurojust", &["Eurojust"]),
    ("EMCDDA", &["EMCDDA"]),
    ("CEPOL", &["CEPOL"]),
    ("Council WP COSI", &["Council WP COSI", "COSI"]),
    ("Council WP HDG", &["Council WP HDG", "HDG"]),
    ("Reitox network", &["Reitox"]),
    ("Eurostat", &["Eurostat"]),
    ("Frontex", &["Frontex"]),
];

/// The period of a shape's plan.
pub fn period(shape: Shape) -> (u16, u16) {
    match shape {
        Shape::Y2009 => (2009, 2012),
        Shape::Y2013 => (2013, 2016),
        Shape::Y2017 => (2017, 2020),
        Shape::Y2021 => (2021, 2025),
    }
}

/// The column headers of a shape's table.
pub fn header(shape: Shape) -> &'static [&'static str] {
    match shape {
        Shape::Y2009 => &[
            "Action",
            "Timetable",
            "Responsible party",
            "Indicator",
            "Assessment tools",
        ],
        Shape::Y2013 => &[
            "Objective/Action",
            "Timetable",
            "Responsible party",
            "Indicators",
        ],
        Shape::Y2017 => &[
            "Objective",
            "Action",
            "Timetable",
            "Responsible party",
            "Indicators",
            "Data collection and assessment mechanisms",
        ],
        Shape::Y2021 => &["Action", "Priority area", "Timetable", "Responsible party"],
    }
}

/// `count` words (within `range`) of [`WORDS`], the first capitalised.
fn words(range: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), range).prop_map(|words| {
        let text = words.join(" ");
        let mut chars = text.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase());
        first.into_iter().chain(chars).collect()
    })
}

/// A timetable of the family's forms, its years inside `period`, with
/// what it means.
fn timetable(period: (u16, u16)) -> impl Strategy<Value = (String, TimetableKind)> {
    let (first, last) = period;
    let fixed = prop::sample::select(vec![
        ("Ongoing", TimetableKind::Ongoing),
        ("Annually", TimetableKind::Recurring(Recurrence::Annually)),
        (
            "Biannually",
            TimetableKind::Recurring(Recurrence::Biannually),
        ),
        (
            "Every Presidency",
            TimetableKind::Recurring(Recurrence::EveryPresidency),
        ),
    ])
    .prop_map(|(raw, kind)| (raw.to_owned(), kind));
    let year = first..=last;
    let dated = (0..7u8, year.clone(), year, 1..=4u8).prop_map(|(form, a, b, q)| {
        let (a, b) = (a.min(b), a.max(b));
        match form {
            0 => (a.to_string(), TimetableKind::Year(a)),
            1 if a < b => (format!("{a}-{b}"), TimetableKind::Range(a, b)),
            1 | 2 => (format!("By end-{b}"), TimetableKind::By(b)),
            3 => (format!("By {b}"), TimetableKind::By(b)),
            4 => (format!("{a} and ongoing"), TimetableKind::From(a)),
            5 => (format!("From {a}"), TimetableKind::From(a)),
            _ => (
                format!("Q{q} {a}"),
                TimetableKind::PartOfYear(a, quarter(q)),
            ),
        }
    });
    prop_oneof![fixed, dated]
}

/// The quarter numbered `q` (1 to 4).
fn quarter(q: u8) -> YearPart {
    [YearPart::Q1, YearPart::Q2, YearPart::Q3, YearPart::Q4][usize::from(q - 1)]
}

/// One to four distinct parties in random order, each under one of its
/// spellings; an acronym of a working party never follows `Council`
/// (`Council COSI` is one name), so it is then spelt in full.
fn parties() -> impl Strategy<Value = Vec<PartyName>> {
    let picks =
        prop::sample::subsequence((0..PARTIES.len()).collect::<Vec<_>>(), 1..=4).prop_shuffle();
    (picks, prop::collection::vec(0..3usize, 4)).prop_map(|(picks, spellings)| {
        let mut names: Vec<PartyName> = Vec::new();
        for (&pick, choice) in picks.iter().zip(spellings) {
            let (canonical, spelt) = PARTIES[pick];
            let mut spelling = spelt[choice % spelt.len()];
            if names.last().is_some_and(|p| p.spelling == "Council") {
                spelling = spelt[0];
            }
            names.push(PartyName {
                spelling,
                canonical,
            });
        }
        names
    })
}

/// One action, numbered later; its indicators and assessment entries are
/// left empty where `shape` has no column for them.
fn act(shape: Shape) -> impl Strategy<Value = Act> {
    let lists = shape != Shape::Y2021;
    let overarching = prop::collection::btree_set(1..=20u32, 0..=2)
        .prop_map(|numbers| numbers.into_iter().collect::<Vec<_>>());
    let indicators = prop::collection::vec(words(2..=6), if lists { 1..=3 } else { 0..=0 });
    let assessment = prop::collection::vec(
        words(1..=4),
        if matches!(shape, Shape::Y2009 | Shape::Y2017) {
            1..=3
        } else {
            0..=0
        },
    );
    let separator = prop::sample::select(vec![" ", ", ", "; ", ", and"]);
    let page_break = prop::sample::select(vec![
        Break::None,
        Break::None,
        Break::None,
        Break::Header,
        Break::Blank,
    ]);
    (
        words(3..=12),
        timetable(period(shape)),
        parties(),
        separator,
        indicators,
        overarching,
        assessment,
        page_break,
        prop::option::weighted(0.3, any::<prop::sample::Index>()),
    )
        .prop_map(
            move |(
                text,
                timetable,
                parties,
                separator,
                indicators,
                overarching,
                assessment,
                page_break,
                wrap,
            )| Act {
                wrap: wrap.map(|at| 1 + at.index(text.split(' ').count() - 1)),
                number: 0,
                text,
                timetable,
                parties,
                party_separator: separator,
                indicators,
                overarching: if lists { overarching } else { Vec::new() },
                assessment,
                page_break,
            },
        )
}

/// The titles of the sections a plan may have, in capitals.
const SECTIONS: &[&str] = &[
    "DRUG DEMAND REDUCTION",
    "DRUG SUPPLY REDUCTION",
    "COORDINATION",
    "INTERNATIONAL COOPERATION",
];

/// A whole plan of `shape`: one to three sections of one to three groups
/// of one to four actions, objectives and actions numbered from 1 through
/// the plan.
pub fn spec(shape: Shape) -> impl Strategy<Value = Spec> {
    let group = (words(2..=8), prop::collection::vec(act(shape), 1..=4));
    let groups = prop::collection::vec(group, 1..=3);
    let titles = prop::sample::subsequence(SECTIONS.to_vec(), 1..=3).prop_shuffle();
    (titles, prop::collection::vec(groups, 3)).prop_map(move |(titles, groups)| {
        let (mut objective, mut action) = (1, 1);
        let mut sections = Vec::new();
        for ((number, title), groups) in (1..).zip(titles).zip(groups) {
            let groups = (1..)
                .zip(groups)
                .map(|(area, (text, mut actions))| {
                    for act in &mut actions {
                        act.number = action;
                        action += 1;
                    }
                    objective += 1;
                    let number = if shape == Shape::Y2021 {
                        area
                    } else {
                        objective - 1
                    };
                    Group {
                        number,
                        text,
                        actions,
                    }
                })
                .collect();
            sections.push(Section {
                number,
                title: title.to_owned(),
                groups,
            });
        }
        Spec { shape, sections }
    })
}

/// The plan of `shape` that `seed` draws: the same seed, the same plan.
pub fn spec_from_seed(shape: Shape, seed: u64) -> Spec {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let tree = spec(shape).new_tree(&mut runner).expect("a plan is drawn");
    tree.current()
}

/// The plan's whole text in `form`: a title, then for each section its
/// heading (and for the 2021 shape a strategic priority) and its action
/// table.
pub fn write(spec: &Spec, form: Form) -> String {
    let (first, last) = period(spec.shape);
    let mut text = match spec.shape {
        Shape::Y2021 => format!("# EU Drugs Action Plan {first}-{last}\n\n"),
        _ => format!("# EU Action Plan on Drugs {first}-{last}\n\n"),
    };
    for section in &spec.sections {
        text.push_str(&section_heading(spec.shape, section));
        text.push_str("\n\n");
        if spec.shape == Shape::Y2021 {
            let title = strategic_priority(section.number);
            text.push_str(&format!(
                "*Strategic priority {}: {title}*\n\n",
                section.number
            ));
        }
        if spec.shape == Shape::Y2009 {
            text.push_str(&fields(section, form));
            continue;
        }
        let rows = rows(spec.shape, section, form);
        let header = header(spec.shape);
        text.push_str(&match form {
            Form::Tabs => tabs(header, &rows),
            Form::Pipes => pipes(header, &rows),
            Form::Html => html(header, &rows),
        });
        text.push('\n');
    }
    text
}

/// The title of strategic priority `number` of a 2021-shape plan.
pub fn strategic_priority(number: u32) -> &'static str {
    const TITLES: [&str; 3] = [
        "Disrupt and dismantle high-risk drug-related organised crime groups",
        "Increase the detection of illicit trafficking of drugs and drug precursors at EU points of entry and exit",
        "Tackle the exploitation of logistical and digital channels for illicit drug distribution",
    ];
    TITLES[(number as usize - 1) % TITLES.len()]
}

/// The section heading as the shape's plan writes it.
fn section_heading(shape: Shape, section: &Section) -> String {
    match section_label(shape, section) {
        None => format!("## {}", section_title(shape, section)),
        Some(label) if matches!(shape, Shape::Y2009 | Shape::Y2017) => {
            format!("## {label}. {}", section.title)
        }
        Some(label) => format!("## {label} - {}", section.title),
    }
}

/// The section's title as the heading gives it (the 2013 plan writes it in
/// sentence case).
pub fn section_title(shape: Shape, section: &Section) -> String {
    if shape != Shape::Y2013 {
        return section.title.clone();
    }
    let lower = section.title.to_lowercase();
    let mut chars = lower.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    first.into_iter().chain(chars).collect()
}

/// The section heading's label: `2` for `## 2. …`, `II` for `## II - …`,
/// none in the 2013 shape.
pub fn section_label(shape: Shape, section: &Section) -> Option<String> {
    const ROMAN: [&str; 5] = ["I", "II", "III", "IV", "V"];
    match shape {
        Shape::Y2013 => None,
        Shape::Y2009 | Shape::Y2017 => Some(section.number.to_string()),
        Shape::Y2021 => Some(ROMAN[section.number as usize - 1].to_owned()),
    }
}

/// A cell of a written row: its text and how many rows it spans (more
/// than one in HTML only).
struct Cell {
    text: String,
    /// The rest of the cell's text when its row wraps; empty when not.
    more: String,
    rows: usize,
}

impl Cell {
    fn one(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            more: String::new(),
            rows: 1,
        }
    }
}

/// A row of the table (the first page's header aside): the header again
/// after a page break, a blank line, or cells.
enum Row {
    Header,
    Blank,
    Cells(Vec<Cell>),
}

/// The rows of a section's table.
fn rows(shape: Shape, section: &Section, form: Form) -> Vec<Row> {
    let mut rows = Vec::new();
    for group in &section.groups {
        if shape == Shape::Y2013 {
            let mut cells = vec![Cell::one(format!(
                "Objective {}: {}",
                group.number, group.text
            ))];
            cells.extend((1..header(shape).len()).map(|_| Cell::one("")));
            rows.push(Row::Cells(cells));
        }
        let mut spanning: Option<usize> = None;
        for (i, action) in group.actions.iter().enumerate() {
            if !rows.is_empty() {
                match (action.page_break, form) {
                    (Break::Header, _) => rows.push(Row::Header),
                    (Break::Blank, Form::Tabs) => rows.push(Row::Blank),
                    _ => {}
                }
                if action.page_break == Break::Header {
                    spanning = None;
                }
            }
            let mut cells = action_cells(shape, section, group, i, action);
            if shape == Shape::Y2017 {
                let objective = objective_cell(group, i, form, &mut spanning, rows.len());
                if let (Some(at), Form::Html, false) = (spanning, form, objective.is_some()) {
                    if let Some(Row::Cells(cells)) = rows.get_mut(at) {
                        cells[0].rows += 1;
                    }
                }
                cells.splice(0..0, objective);
            }
            rows.push(Row::Cells(cells));
        }
    }
    rows
}

/// The objective cell of a 2017-shape row: the objective on its first
/// action's row, an empty cell below (in HTML, the first row's cell spans
/// down instead, until a page break; `spanning` is the row that holds it).
fn objective_cell(
    group: &Group,
    i: usize,
    form: Form,
    spanning: &mut Option<usize>,
    row: usize,
) -> Option<Cell> {
    let cell = match i {
        0 => objective_text(group),
        _ => Cell::one(""),
    };
    if form != Form::Html {
        return Some(cell);
    }
    if i == 0 || spanning.is_none() {
        *spanning = Some(row);
        return Some(cell);
    }
    None
}

/// A 2017-shape objective cell, `N. text`, wrapped after half its words
/// when its first action's row wraps.
fn objective_text(group: &Group) -> Cell {
    let prefix = format!("{}. ", group.number);
    match group.actions.first().and_then(|a| a.wrap) {
        Some(_) => {
            let words = group.text.split(' ').count();
            wrap_words(&prefix, &group.text, (words / 2).max(1))
        }
        None => Cell::one(format!("{prefix}{}", group.text)),
    }
}

/// An action's text cell, `prefix` before it, wrapped where the action
/// says.
fn text_cell(prefix: &str, text: &str, action: &Act) -> Cell {
    match action.wrap {
        Some(words) => wrap_words(prefix, text, words),
        None => Cell::one(format!("{prefix}{text}")),
    }
}

/// An action's cells, the 2017 shape's objective cell aside.
fn action_cells(
    shape: Shape,
    section: &Section,
    group: &Group,
    i: usize,
    action: &Act,
) -> Vec<Cell> {
    let parties = Cell::one(parties_cell(action));
    let timetable = Cell::one(action.timetable.0.clone());
    match shape {
        // The 2009 shape is written as fields (see `fields`), not rows.
        Shape::Y2009 | Shape::Y2013 => vec![
            text_cell(&format!("{}. ", action.number), &action.text, action),
            timetable,
            parties,
            indicators(action, ";", ""),
        ],
        Shape::Y2017 => vec![
            text_cell(&format!("{}. ", action.number), &action.text, action),
            timetable,
            parties,
            indicators(action, "", "• "),
            Cell::one(action.assessment.join("; ")),
        ],
        Shape::Y2021 => {
            let code = area_code(section, group);
            let area = match i {
                0 => format!("{code}. {}.", group.text),
                _ => code,
            };
            vec![
                text_cell(
                    &format!("Action {} ", action.number),
                    &format!("{}.", action.text),
                    action,
                ),
                Cell::one(area),
                timetable,
                parties,
            ]
        }
    }
}

/// A 2009-shape section's actions as labelled fields under their
/// objectives' lines: in tab form a label and its value on one line, in
/// pipe form the colon alone between them, in HTML form the parties one a
/// line under their label. (The 2009 plan has no table: the form only
/// varies how its fields are laid out.)
fn fields(section: &Section, form: Form) -> String {
    let labels = header(Shape::Y2009);
    let mut out = String::new();
    for group in &section.groups {
        out.push_str(&format!("Objective {}: {}\n\n", group.number, group.text));
        for action in &group.actions {
            let parties: Vec<&str> = action.parties.iter().map(|p| p.spelling).collect();
            let values = [
                format!("{}. {}", action.number, action.text),
                action.timetable.0.clone(),
                format!("{}.", parties.join("; ")),
                // Fields do not wrap: every entry on the field's line.
                indicators(
                    &Act {
                        wrap: None,
                        ..action.clone()
                    },
                    ";",
                    "",
                )
                .text,
                action.assessment.join("; "),
            ];
            for (label, value) in labels.iter().zip(&values) {
                let line = match form {
                    Form::Tabs => format!("{label}: {value}\n"),
                    Form::Pipes => format!("{label}\n:\n{value}\n"),
                    Form::Html if *label == "Responsible party" => {
                        format!("{label}:\n{}.\n", parties.join(";\n"))
                    }
                    Form::Html => format!("{label}: {value}\n"),
                };
                out.push_str(&line);
            }
            out.push('\n');
        }
    }
    out
}

/// The code of a 2021-shape group's priority area, `S.N`.
pub fn area_code(section: &Section, group: &Group) -> String {
    format!("{}.{}", section.number, group.number)
}

/// The parties cell: the spellings joined by the action's separator.
fn parties_cell(action: &Act) -> String {
    let names: Vec<&str> = action.parties.iter().map(|p| p.spelling).collect();
    match (action.party_separator, names.split_last()) {
        (", and", Some((last, rest))) if !rest.is_empty() => {
            format!("{} and {last}", rest.join(", "))
        }
        (", and", _) => names.join(", "),
        (separator, _) => names.join(separator),
    }
}

/// An indicators cell: the overarching indicators named first
/// (`Overarching indicator 7, 15`), then the action's own, each opened by
/// `bullet` and ended by `end` and a space (the last by nothing); when the
/// row wraps, the last entry goes on its second line.
fn indicators(action: &Act, end: &str, bullet: &str) -> Cell {
    let numbers: Vec<String> = action.overarching.iter().map(u32::to_string).collect();
    let named =
        (!numbers.is_empty()).then(|| format!("Overarching indicator {}", numbers.join(", ")));
    let entries = named.into_iter().chain(action.indicators.iter().cloned());
    let mut entries: Vec<String> = entries.map(|e| format!("{bullet}{e}")).collect();
    let last = match (action.wrap, entries.len()) {
        (Some(_), 2..) => entries.pop(),
        _ => None,
    };
    let mut cell = Cell::one(entries.join(&format!("{end} ")));
    if let Some(last) = last {
        cell.text.push_str(end);
        cell.more = last;
    }
    cell
}

/// The table as tab-separated lines; a page break is a blank line, and
/// the header again when the page repeats it.
fn tabs(header: &[&str], rows: &[Row]) -> String {
    let mut out = header.join("\t") + "\n";
    for row in rows {
        match row {
            Row::Header => out.push_str(&format!("\n{}\n", header.join("\t"))),
            Row::Blank => out.push('\n'),
            Row::Cells(cells) => {
                let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
                out.push_str(&texts.join("\t"));
                out.push('\n');
                if cells.iter().any(|c| !c.more.is_empty()) {
                    let more: Vec<&str> = cells.iter().map(|c| c.more.as_str()).collect();
                    out.push_str(&more.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The table as a Markdown pipe table; a page break repeats the header
/// row.
fn pipes(header: &[&str], rows: &[Row]) -> String {
    let line = |cells: Vec<&str>| format!("| {} |\n", cells.join(" | "));
    let mut out = line(header.to_vec());
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        match row {
            Row::Header => out.push_str(&line(header.to_vec())),
            Row::Blank => {}
            Row::Cells(cells) => {
                let texts: Vec<String> = cells.iter().map(broken).collect();
                out.push_str(&line(texts.iter().map(String::as_str).collect()));
            }
        }
    }
    out
}

/// The table as HTML, one row a line; a page break repeats the header
/// row, and a cell spanning rows is written with `rowspan`.
fn html(header: &[&str], rows: &[Row]) -> String {
    let head: String = header.iter().map(|h| format!("<th>{h}</th>")).collect();
    let head = format!("<tr>{head}</tr>\n");
    let mut out = format!("<table>\n{head}");
    for row in rows {
        match row {
            Row::Header => out.push_str(&head),
            Row::Blank => {}
            Row::Cells(cells) => {
                let cells: String = cells.iter().map(html_cell).collect();
                out.push_str(&format!("<tr>{cells}</tr>\n"));
            }
        }
    }
    out.push_str("</table>\n");
    out
}

/// A `<td>`, with its `rowspan` when it spans rows.
fn html_cell(cell: &Cell) -> String {
    match cell.rows {
        1 => format!("<td>{}</td>", broken(cell)),
        rows => format!("<td rowspan=\"{rows}\">{}</td>", broken(cell)),
    }
}

/// A cell's text, its rest after a `<br>` when it wraps.
fn broken(cell: &Cell) -> String {
    match cell.more.as_str() {
        "" => cell.text.clone(),
        more => format!("{}<br>{more}", cell.text),
    }
}

/// `cell` wrapped after `words` words of `text`, the words before them
/// (`prefix`, an action's number) kept on the first line.
fn wrap_words(prefix: &str, text: &str, words: usize) -> Cell {
    let all: Vec<&str> = text.split(' ').collect();
    let (head, tail) = all.split_at(words.min(all.len()));
    let mut cell = Cell::one(format!("{prefix}{}", head.join(" ")));
    cell.more = tail.join(" ");
    cell
}
