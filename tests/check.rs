//! Every rule of `check`, fired by a defect introduced in code into a fixture.

mod common;
use actionplan::{Code, Plan};
use common::*;

/// The 1-based line of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line starts with {prefix}"))
}

fn line_containing(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line contains {needle}"))
}

/// Asserts `plan` has a diagnostic with `code` on `line`.
fn fires(plan: &Plan, code: Code, line: usize) {
    assert!(
        plan.diagnostics
            .iter()
            .any(|d| d.code == code && d.line == line),
        "no {code} on line {line}; got {:?}",
        codes(plan)
    );
}

fn council_row(number: u32) -> String {
    COUNCIL
        .lines()
        .find(|l| l.contains(&format!("<b>Action {number}</b>")))
        .unwrap_or_else(|| panic!("the Council fixture has no Action {number}"))
        .to_owned()
}

fn commission_row(number: u32) -> String {
    COMMISSION
        .lines()
        .find(|l| l.starts_with(&format!("Action {number}.")))
        .unwrap_or_else(|| panic!("the Commission fixture has no Action {number}"))
        .to_owned()
}

#[test]
fn fixtures_have_no_errors() {
    for fixture in [COUNCIL, COMMISSION] {
        let plan = parse(fixture);
        assert!(!plan.has_errors(), "{:?}", codes(&plan));
    }
}

#[test]
fn deleted_row_is_a_gap() {
    let text = COUNCIL.replacen(&format!("{}\n", council_row(6)), "", 1);
    fires(
        &parse(&text),
        Code::ActionNumberGap,
        line_of(&text, "<p><b>Action 7</b>"),
    );
}

#[test]
fn duplicated_row_is_a_duplicate() {
    let row = council_row(5);
    let text = COUNCIL.replacen(&row, &format!("{row}\n{row}"), 1);
    fires(
        &parse(&text),
        Code::DuplicateActionNumber,
        line_of(&text, "<p><b>Action 5</b>") + 1,
    );
}

#[test]
fn swapped_rows_are_out_of_order() {
    let (a, b) = (council_row(12), council_row(13));
    let text = COUNCIL.replacen(&format!("{a}\n{b}"), &format!("{b}\n{a}"), 1);
    fires(
        &parse(&text),
        Code::ActionOutOfOrder,
        line_of(&text, "<p><b>Action 12</b>"),
    );
}

#[test]
fn undefined_priority_area() {
    let row = council_row(3);
    let text = COUNCIL.replacen(
        &row,
        &row.replacen("<p>1.1 1.2</p>", "<p>1.1 1.9</p>", 1),
        1,
    );
    fires(
        &parse(&text),
        Code::UndefinedPriorityArea,
        line_of(&text, "<p><b>Action 3</b>"),
    );
}

#[test]
fn priority_area_of_another_priority() {
    let row = council_row(3);
    let text = COUNCIL.replacen(
        &row,
        &row.replacen("<p>1.1 1.2</p>", "<p>1.1 2.1</p>", 1),
        1,
    );
    fires(
        &parse(&text),
        Code::PriorityAreaMismatch,
        line_of(&text, "<p><b>Action 3</b>"),
    );
    // The Commission text, which does not define its areas, is checked too.
    let row = commission_row(20);
    let text = COMMISSION.replacen(&row, &row.replacen("\t3.2\t", "\t4.2\t", 1), 1);
    let plan = parse(&text);
    fires(
        &plan,
        Code::PriorityAreaMismatch,
        line_of(&text, "Action 20."),
    );
    assert!(!plan
        .diagnostics
        .iter()
        .any(|d| d.code == Code::UndefinedPriorityArea));
}

#[test]
fn marker_without_footnote() {
    let row = council_row(12);
    let text = COUNCIL.replacen(&row, &row.replacen("</p>", "<sup>12</sup></p>", 1), 1);
    fires(
        &parse(&text),
        Code::UndefinedFootnote,
        line_of(&text, "<p><b>Action 12</b>"),
    );
}

#[test]
fn footnote_nobody_references() {
    let text = COUNCIL.replacen("postal items<sup>4</sup>.", "postal items.", 1);
    fires(
        &parse(&text),
        Code::UnusedFootnote,
        line_of(&text, "<sup>4</sup> Postal item"),
    );
}

#[test]
fn duplicate_footnote() {
    let text = COUNCIL.replacen("<sup>3</sup> For details", "<sup>4</sup> For details", 1);
    fires(
        &parse(&text),
        Code::DuplicateFootnote,
        line_of(&text, "<sup>4</sup> Postal item"),
    );
}

#[test]
fn cut_cell_is_missing_and_the_rest_is_kept() {
    let row = commission_row(12);
    let cut: Vec<&str> = row.split('\t').take(3).collect();
    let text = COMMISSION.replacen(&row, &cut.join("\t"), 1);
    let plan = parse(&text);
    fires(&plan, Code::MissingCell, line_of(&text, "Action 12."));
    let action = plan
        .action(12)
        .cloned()
        .unwrap_or_else(|| panic!("Action 12 kept"));
    assert_eq!(action.priority_areas, ["2.1"]);
    assert_eq!(action.timetable.raw, "2021-2025");
    assert!(action.parties.is_empty());
    assert_eq!(plan.actions.len(), 53);
}

#[test]
fn extra_cell() {
    let row = council_row(11);
    let text = COUNCIL.replacen(&row, &format!("{row}\tInterpol"), 1);
    fires(
        &parse(&text),
        Code::ExtraCell,
        line_of(&text, "<p><b>Action 11</b>"),
    );
}

#[test]
fn empty_cell_is_a_warning() {
    fires(
        &parse(COUNCIL),
        Code::EmptyCell,
        line_of(COUNCIL, "<p><b>Action 37</b>"),
    );
}

#[test]
fn unknown_party_is_kept() {
    let row = council_row(16);
    let text = COUNCIL.replacen(&row, &format!("{row} Interpol"), 1);
    let plan = parse(&text);
    fires(
        &plan,
        Code::UnknownParty,
        line_of(&text, "<p><b>Action 16</b>"),
    );
    assert_eq!(
        plan.action(16)
            .and_then(|a| a.parties.last().map(|p| p.name().to_owned()))
            .as_deref(),
        Some("Interpol")
    );
    let json = serde_json::to_string(&plan).expect("the plan serialises");
    assert!(json.contains("\"Interpol\""));
}

#[test]
fn timetable_rules() {
    let row = council_row(22);
    let out_of_period = COUNCIL.replacen(&row, &row.replacen("2021-2022", "2021-2027", 1), 1);
    fires(
        &parse(&out_of_period),
        Code::TimetableOutOfPeriod,
        line_of(&out_of_period, "<p><b>Action 22</b>"),
    );
    let reversed = COUNCIL.replacen(&row, &row.replacen("2021-2022", "2022-2021", 1), 1);
    fires(
        &parse(&reversed),
        Code::ReversedTimetable,
        line_of(&reversed, "<p><b>Action 22</b>"),
    );
    let words = COUNCIL.replacen(
        &row,
        &row.replacen("2021-2022", "as soon as possible", 1),
        1,
    );
    fires(
        &parse(&words),
        Code::InvalidTimetable,
        line_of(&words, "<p><b>Action 22</b>"),
    );
}

#[test]
fn glossary_rules() {
    let plan = parse(COUNCIL);
    fires(
        &plan,
        Code::AcronymNotInGlossary,
        line_of(COUNCIL, "<p><b>Action 30</b>"),
    );
    fires(&plan, Code::UnusedGlossaryEntry, line_of(COUNCIL, "EDPQ\t"));
    let text = COUNCIL.replacen(
        "SIENA\tSecure Information Exchange Network Application\n",
        "",
        1,
    );
    fires(
        &parse(&text),
        Code::AcronymNotInGlossary,
        line_of(&text, "<p><b>Action 1</b>"),
    );
}

#[test]
fn an_unknown_acronym_is_reported_once_where_its_row_first_uses_it() {
    // EMPACT is in Action 1's text and then in the description of area 1.1,
    // in the same row: the report points at the text, which comes first.
    let entry = "EMPACT\tEuropean Multidisciplinary Platform Against Criminal Threats\n";
    assert!(COUNCIL.contains(entry));
    let text = COUNCIL.replacen(entry, "", 1);
    let plan = parse(&text);
    let reports: Vec<_> = plan
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::AcronymNotInGlossary && d.message.contains("EMPACT"))
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    let first = text.find("EMPACT").expect("the text uses EMPACT");
    assert_eq!(reports[0].span.start, first);
    assert_eq!(reports[0].line, line_of(&text, "<p><b>Action 1</b>"));
}

#[test]
fn area_descriptions_are_read_by_the_glossary_check() {
    // An acronym that only an area description uses: its glossary entry is
    // used, and without the entry it is reported in the description.
    let row = council_row(1);
    let described = row.replacen("<p>1.1. Target", "<p>1.1. Through ZZQ, target", 1);
    assert_ne!(row, described);
    let text = COUNCIL.replacen(&row, &described, 1);
    let without = parse(&text);
    let report = without
        .diagnostics
        .iter()
        .find(|d| d.code == Code::AcronymNotInGlossary && d.message.contains("ZZQ"));
    assert_eq!(
        report.map(|d| d.span.start),
        text.find("ZZQ"),
        "{:?}",
        codes(&without)
    );
    let entry = "SIENA\tSecure Information Exchange Network Application\n";
    let with = parse(&text.replacen(entry, &format!("{entry}ZZQ\tZed\n"), 1));
    assert!(
        !with.diagnostics.iter().any(|d| d.message.contains("ZZQ")),
        "{:?}",
        codes(&with)
    );
}

#[test]
fn party_names_are_read_by_the_glossary_check_one_by_one() {
    // `Frontex Eurojust` stands only in parties cells, as two parties: an
    // entry of those two words is not used by them.
    assert_eq!(COUNCIL.matches("Frontex Eurojust").count(), 2);
    let entry = "SIENA\tSecure Information Exchange Network Application\n";
    let text = COUNCIL.replacen(entry, &format!("{entry}FRONTEX EUROJUST\tTwo parties\n"), 1);
    fires(
        &parse(&text),
        Code::UnusedGlossaryEntry,
        line_of(&text, "FRONTEX EUROJUST"),
    );
    // An acronym only parties use: reported once, in the first row that
    // names it, and used once the glossary has it.
    let (first, second) = (council_row(2), council_row(3));
    let text = COUNCIL
        .replacen(&first, &first.replacen("Eurojust", "Eurojust ZZQ", 1), 1)
        .replacen(&second, &second.replacen("Europol", "Europol ZZQ", 1), 1);
    assert_eq!(text.matches("ZZQ").count(), 2);
    let glossary_findings = |plan: &Plan| -> Vec<(Code, usize)> {
        plan.diagnostics
            .iter()
            .filter(|d| d.message.contains("ZZQ"))
            .filter(|d| {
                matches!(
                    d.code,
                    Code::AcronymNotInGlossary | Code::UnusedGlossaryEntry
                )
            })
            .map(|d| (d.code, d.span.start))
            .collect()
    };
    assert_eq!(
        glossary_findings(&parse(&text)),
        [(
            Code::AcronymNotInGlossary,
            text.find("ZZQ").expect("the text uses ZZQ")
        )]
    );
    let with = parse(&text.replacen(entry, &format!("{entry}ZZQ\tZed\n"), 1));
    assert_eq!(glossary_findings(&with), []);
}

#[test]
fn a_repeated_glossary_entry_is_used_when_its_acronym_is() {
    let entry = "SIENA\tSecure Information Exchange Network Application\n";
    let text = COUNCIL.replacen(entry, &format!("{entry}{entry}"), 1);
    let plan = parse(&text);
    assert_eq!(plan.glossary.len(), parse(COUNCIL).glossary.len() + 1);
    assert!(
        !plan
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnusedGlossaryEntry && d.message.contains("SIENA")),
        "{:?}",
        codes(&plan)
    );
}

#[test]
fn glossary_acronyms_of_any_shape_are_found() {
    // A plural, a digit first, and a long one, each used once in Action 1.
    let row = council_row(1);
    let used = row.replacen(
        "</p>",
        " 4-FA and NPSs and ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN</p>",
        1,
    );
    let entries = "4-FA\t4-Fluoroamphetamine\nNPS\tNew psychoactive substances\nABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN\tA long one\n";
    let text = COUNCIL.replacen(&row, &used, 1).replacen(
        "SIENA\tSecure Information Exchange Network Application\n",
        &format!("SIENA\tSecure Information Exchange Network Application\n{entries}"),
        1,
    );
    let plan = parse(&text);
    let unused: Vec<&str> = plan
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnusedGlossaryEntry)
        .map(|d| d.message.as_str())
        .collect();
    for acronym in ["4-FA", "NPS", "ABCDEFGHIJ"] {
        assert!(
            !unused.iter().any(|m| m.contains(acronym)),
            "{acronym} reported unused: {unused:?}"
        );
    }
}

#[test]
fn numbering_of_priorities_areas_and_indicators() {
    let text = COUNCIL.replacen("Strategic priority 3:", "Strategic priority 4:", 1);
    fires(
        &parse(&text),
        Code::StrategicPriorityNumbering,
        line_containing(&text, "Strategic priority 4: Tackle"),
    );
    let row = council_row(20);
    let text = COUNCIL.replacen(
        &row,
        &row.replacen("3.3. Reinforce", "3.4. Reinforce", 1),
        1,
    );
    fires(
        &parse(&text),
        Code::PriorityAreaNumbering,
        line_of(&text, "<p><b>Action 20</b>"),
    );
    let text = COUNCIL.replacen("- 5) **Health", "- 6) **Health", 1);
    fires(
        &parse(&text),
        Code::IndicatorNumbering,
        line_of(&text, "- 6) **Health"),
    );
}

#[test]
fn repairs_are_notes() {
    let plan = parse(COMMISSION);
    fires(
        &plan,
        Code::HealedPartyName,
        line_of(COMMISSION, "Action 33."),
    );
    fires(
        &plan,
        Code::MergedHeader,
        line_of(COMMISSION, "Actions Action 32."),
    );
    fires(&plan, Code::JoinedContinuation, 33);
    fires(
        &plan,
        Code::DroppedGarbledLine,
        line_containing(COMMISSION, "guidennes"),
    );
    fires(&plan, Code::SplitHeader, 60);
}

#[test]
fn every_diagnostic_points_inside_the_input() {
    for fixture in [COUNCIL, COMMISSION] {
        let plan = parse(fixture);
        let lines = fixture.lines().count();
        assert!(!plan.diagnostics.is_empty());
        for d in &plan.diagnostics {
            assert!(d.line >= 1 && d.line <= lines, "{d:?}");
            assert!(d.span.end <= fixture.len() && fixture.is_char_boundary(d.span.start));
        }
    }
}

#[test]
fn a_short_row_of_a_table_with_no_header_says_the_columns_are_assumed() {
    let plan = parse("Action 1: Buy milk.\tEuropol\n\nAction 2: Buy bread.\n");
    assert_eq!(
        messages(&plan, "missing-cell"),
        [
            "Action 1: row has 2 cells; with no header, the table is read as 4 columns; missing: timetable, responsible parties",
            "Action 2: row has 1 cell; with no header, the table is read as 4 columns; missing: priority area, timetable, responsible parties",
        ]
    );
}
