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
            .any(|d| d.code() == code && d.line == line),
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
        .any(|d| d.code() == Code::UndefinedPriorityArea));
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
        .filter(|d| d.code() == Code::AcronymNotInGlossary && d.message.contains("EMPACT"))
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
        .find(|d| d.code() == Code::AcronymNotInGlossary && d.message.contains("ZZQ"));
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
                    d.code(),
                    Code::AcronymNotInGlossary | Code::UnusedGlossaryEntry
                )
            })
            .map(|d| (d.code(), d.span.start))
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
            .any(|d| d.code() == Code::UnusedGlossaryEntry && d.message.contains("SIENA")),
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
        .filter(|d| d.code() == Code::UnusedGlossaryEntry)
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
    let plan = parse("Action 1: Buy milk.\t1.1\n\nAction 2: Buy bread.\t1.2\n");
    assert_eq!(
        messages(&plan, "missing-cell"),
        [
            "Action 1: row has 2 cells; with no header, the table is read as 4 columns; missing: timetable, responsible parties",
            "Action 2: row has 2 cells; with no header, the table is read as 4 columns; missing: timetable, responsible parties",
        ]
    );
    // A row of one cell, a label alone, says so too (under a header, as a
    // text of label-only rows is no plan).
    let plan = parse("Action\tPriority area\tTimetable\tResponsible party\nAction 1: Buy milk.\n");
    assert_eq!(
        messages(&plan, "missing-cell"),
        ["Action 1: row has 1 cell where the header has 4; missing: priority area, timetable, responsible parties"]
    );
}

// `actionplan check` as a CI gate, through the binary: per-code levels,
// SARIF, GitHub annotations, long lines, folders.

const COUNCIL_PATH: &str = "fixtures/council-9819-21.txt";
const COMMISSION_PATH: &str = "fixtures/commission-com-2020-606.txt";

fn actionplan() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("actionplan").unwrap_or_else(|e| panic!("{e}"))
}

/// Runs the binary in `dir` (the repository root when `None`): exit code,
/// standard output, standard error.
fn run_in(dir: Option<&std::path::Path>, args: &[&str]) -> (Option<i32>, String, String) {
    let mut command = actionplan();
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap_or_default();
    (
        output.status.code(),
        text(output.stdout),
        text(output.stderr),
    )
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    run_in(None, args)
}

/// The Council fixture's last line of the summary `check` prints.
fn summary(stdout: &str) -> &str {
    stdout.lines().last().unwrap_or_default()
}

/// The Council fixture with Europol renamed Interpol in the first 12
/// action rows that name it (an unknown party each) and Action 6 numbered
/// 5 (two errors).
fn council_with_findings() -> String {
    let mut text = COUNCIL.to_owned();
    // The parties cell is the row's last.
    let parties = |row: &str| row.rsplit('\t').next().unwrap_or_default().to_owned();
    let rows = (1..=85).map(council_row);
    let rows = rows.filter(|row| parties(row).contains(" Europol "));
    for row in rows.take(12) {
        let cell = parties(&row);
        let renamed = row.replacen(&cell, &cell.replacen(" Europol ", " Interpol ", 1), 1);
        text = text.replacen(&row, &renamed, 1);
    }
    assert_eq!(text.matches(" Interpol ").count(), 12);
    text.replacen("<b>Action 6</b>", "<b>Action 5</b>", 1)
}

#[test]
fn levels_deny_warn_and_allow_codes_before_the_exit_code() {
    // The Council fixture: 10 warnings, exit 0; `--strict` fails on them.
    let (code, out, _) = run(&["check", COUNCIL_PATH]);
    assert_eq!(code, Some(0));
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 10 warnings, 0 notes"
    );
    // Denied, its 6 acronyms are errors.
    let (code, out, _) = run(&["check", COUNCIL_PATH, "--deny", "acronym-not-in-glossary"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("error[acronym-not-in-glossary]: acronym EDPQS"));
    assert_eq!(
        summary(&out),
        "1 file checked: 6 errors, 4 warnings, 0 notes"
    );
    // Allowed, its findings go; the rest (2 unused glossary entries, a
    // broken word, an empty cell) stay warnings.
    let (code, out, _) = run(&["check", COUNCIL_PATH, "--allow", "acronym-not-in-glossary"]);
    assert_eq!(code, Some(0));
    assert!(!out.contains("EDPQS is used"));
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 4 warnings, 0 notes"
    );
    // `--strict` is judged after the levels: with every warning allowed
    // there is nothing to fail on.
    let all = [
        "--allow",
        "acronym-not-in-glossary",
        "--allow",
        "unused-glossary-entry",
        "--allow",
        "broken-word",
        "--allow",
        "empty-cell",
    ];
    let (code, _, _) = run(&[&["check", "--strict", COUNCIL_PATH][..], &all[..]].concat());
    assert_eq!(code, Some(0));
    let (code, _, _) = run(&[&["check", "--strict", COUNCIL_PATH][..], &all[..6]].concat());
    assert_eq!(code, Some(1));
    // An error made a warning no longer fails.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let broken = dir.path().join("broken.txt");
    let text = COUNCIL.replacen("<b>Action 6</b>", "<b>Action 5</b>", 1);
    std::fs::write(&broken, text).unwrap_or_else(|e| panic!("{e}"));
    let broken = broken.to_string_lossy().into_owned();
    let (code, _, _) = run(&["check", &broken]);
    assert_eq!(code, Some(1));
    let warned = [
        "check",
        &broken,
        "--warn",
        "duplicate-action-number",
        "--warn",
        "action-number-gap",
    ];
    let (code, out, _) = run(&warned);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("warning[duplicate-action-number]: Action 5 appears twice"));
    // `--allow notes`: the Commission text's 15 repair notes go.
    let (_, out, _) = run(&["check", COMMISSION_PATH]);
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 1 warning, 15 notes"
    );
    let (_, out, _) = run(&["check", COMMISSION_PATH, "--allow", "notes"]);
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 1 warning, 0 notes"
    );
    // A code's own level beats `notes`.
    let (_, out, _) = run(&[
        "check",
        COMMISSION_PATH,
        "--allow",
        "notes",
        "--warn",
        "merged-header",
    ]);
    assert!(out.contains("warning[merged-header]"), "{out}");
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 3 warnings, 0 notes"
    );
    assert!(!out.contains("note["));
}

#[test]
fn an_unknown_code_names_the_nearest_and_a_code_takes_one_level() {
    let (code, _, err) = run(&["check", COUNCIL_PATH, "--deny", "unknown-partys"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`unknown-partys` is not a diagnostic code; did you mean `unknown-party`?"),
        "{err}"
    );
    let (code, _, err) = run(&["check", COUNCIL_PATH, "--allow", "acronym-not-in-glosary"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("did you mean `acronym-not-in-glossary`?"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "check",
        COUNCIL_PATH,
        "--deny",
        "empty-cell",
        "--allow",
        "empty-cell",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`empty-cell` is given both deny and allow"),
        "{err}"
    );
}

#[test]
fn levels_come_from_the_nearest_actionplan_toml_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inner = dir.path().join("plans").join("2021");
    std::fs::create_dir_all(&inner).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(COUNCIL_PATH, inner.join("plan.txt")).unwrap_or_else(|e| panic!("{e}"));
    let config = "[check]\ndeny = [\"empty-cell\"]\nallow = [\"acronym-not-in-glossary\"]\n";
    std::fs::write(dir.path().join("actionplan.toml"), config).unwrap_or_else(|e| panic!("{e}"));
    // Found two folders up.
    let (code, out, _) = run_in(Some(&inner), &["check", "plan.txt"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("error[empty-cell]: Action 37: the timetable cell is empty"));
    assert_eq!(
        summary(&out),
        "1 file checked: 1 error, 3 warnings, 0 notes"
    );
    // The command line wins over the file.
    let (code, out, _) = run_in(Some(&inner), &["check", "plan.txt", "--warn", "empty-cell"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 4 warnings, 0 notes"
    );
    // A wrong code in the file names the file and the nearest code.
    std::fs::write(
        dir.path().join("actionplan.toml"),
        "[check]\nwarn = [\"emty-cell\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run_in(Some(&inner), &["check", "plan.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("actionplan.toml"), "{err}");
    assert!(err.contains("did you mean `empty-cell`?"), "{err}");
    // So does an unknown key.
    std::fs::write(dir.path().join("actionplan.toml"), "[check]\nforbid = []\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run_in(Some(&inner), &["check", "plan.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("actionplan.toml") && err.contains("forbid"),
        "{err}"
    );
}

/// The SARIF log of `check --format sarif FILE`, run in `dir`.
fn sarif(dir: &std::path::Path, file: &str) -> serde_json::Value {
    let (code, out, err) = run_in(Some(dir), &["check", "--format", "sarif", file]);
    assert!(code.is_some_and(|c| c < 2), "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out:.300}"))
}

#[test]
fn sarif_is_valid_2_1_0_with_rules_locations_and_stable_fingerprints() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/sarif-schema-2.1.0.json").unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.path().join("plans")).unwrap_or_else(|e| panic!("{e}"));
    let text = council_with_findings();
    std::fs::write(dir.path().join("plans/plan.txt"), &text).unwrap_or_else(|e| panic!("{e}"));
    let log = sarif(dir.path(), "plans/plan.txt");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // A wrong log fails the same schema: the check can fail.
    let mut wrong = log.clone();
    wrong["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&wrong));

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rules.len(), Code::ALL.len());
    let rule = |id: &str| {
        rules
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        rule("unknown-party")["help"]["text"],
        "A responsible party that is not one of the known parties."
    );
    assert_eq!(
        rule("invalid-timetable")["shortDescription"]["text"],
        "A timetable cell that is not a year, a range of years, a deadline (\"by 2023\"), \
         a start (\"from 2022\"), \"ongoing\", a recurrence (\"annually\") or a part of a \
         year (\"Q2 2019\")."
    );
    let results = run["results"].as_array().cloned().unwrap_or_default();
    // 2 errors, 12 unknown parties and the fixture's 10 warnings.
    assert_eq!(results.len(), 24);
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-action-number")
        .cloned()
        .unwrap_or_default();
    assert_eq!(duplicate["level"], "error");
    assert_eq!(
        duplicate["message"]["text"],
        "Action 5 appears twice (first on line 101)"
    );
    let location = &duplicate["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "plans/plan.txt");
    // The span is `Action 5` of `<p><b>Action 5</b>` on line 104.
    let region = &location["region"];
    assert_eq!(
        [
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ],
        [104, 7, 104, 15]
    );
    let line_104 = text.lines().nth(103).unwrap_or_default();
    assert_eq!(
        line_104.chars().skip(6).take(8).collect::<String>(),
        "Action 5"
    );
    assert_eq!(
        results[0]["ruleIndex"],
        rules
            .iter()
            .position(|r| r["id"] == results[0]["ruleId"])
            .unwrap_or(usize::MAX)
    );

    // Fingerprints: one per finding, none shared here, and the same when
    // a line above moves every finding down.
    let fingerprints = |log: &serde_json::Value| -> Vec<String> {
        let results = log["runs"][0]["results"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        results
            .iter()
            .map(|r| {
                r["partialFingerprints"]["actionplanFinding/v1"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    let before = fingerprints(&log);
    let unique: std::collections::BTreeSet<&String> = before.iter().collect();
    assert_eq!(unique.len(), 24);
    let moved = text.replacen("\n", "\n\n", 1);
    std::fs::write(dir.path().join("plans/plan.txt"), &moved).unwrap_or_else(|e| panic!("{e}"));
    let after = sarif(dir.path(), "plans/plan.txt");
    assert_eq!(fingerprints(&after), before);
    let line = |log: &serde_json::Value| {
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
    };
    assert_eq!(line(&after).zip(line(&log)).map(|(a, b)| a - b), Some(1));
}

#[test]
fn github_annotates_errors_first_and_ten_of_a_kind() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("plan.txt");
    std::fs::write(&path, council_with_findings()).unwrap_or_else(|e| panic!("{e}"));
    let path = path.to_string_lossy().into_owned();
    let (code, out, _) = run(&["check", "--format", "github", &path]);
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = out.lines().collect();
    // 2 errors, then 10 of the 22 warnings annotated, 12 as log lines, and
    // one notice.
    assert_eq!(lines.len(), 25, "{out}");
    assert!(lines[0].starts_with("::error file=") && lines[1].starts_with("::error file="));
    assert!(
        lines[2..12]
            .iter()
            .all(|l| l.starts_with("::warning file=")),
        "{out}"
    );
    let plain = &lines[12..24];
    assert!(plain
        .iter()
        .all(|l| l.starts_with(&format!("{path}:")) && l.contains(": warning[")));
    assert_eq!(
        lines[24],
        "::notice title=actionplan::12 more findings not annotated (GitHub shows 10 of each kind): see the log"
    );
    // Under the limit, every finding is an annotation and no notice is added.
    let (_, out, _) = run(&["check", "--format", "github", COUNCIL_PATH]);
    assert_eq!(out.lines().count(), 10);
    assert!(out.lines().all(|l| l.starts_with("::warning file=")));
}

#[test]
fn a_long_line_is_cut_around_its_span_with_the_marker_under_it() {
    let (_, out, _) = run(&["check", COUNCIL_PATH]);
    // Line 172 (Action 30's row) is 765 characters; EDPQS is at column 409.
    let source_172 = COUNCIL.lines().nth(171).unwrap_or_default();
    assert_eq!(source_172.chars().count(), 765);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("172 │ "))
        .unwrap_or_else(|| panic!("{out}"));
    let quoted = lines[at];
    let marker = lines.get(at + 1).copied().unwrap_or_default();
    assert!(
        quoted.starts_with("172 │ …") && quoted.ends_with('…'),
        "{quoted}"
    );
    assert!(quoted.chars().count() <= 130, "{quoted}");
    // The marker stands under EDPQS.
    let column = |s: &str, needle: &str| s.find(needle).map(|i| s[..i].chars().count());
    assert_eq!(
        column(quoted, "(EDPQS)").map(|c| c + 1),
        column(marker, "^^^^^")
    );
    assert!(!marker.contains("^^^^^^"), "{marker}");
    // The cut text is the source's, around the span.
    let inner = quoted.trim_start_matches("172 │ …").trim_end_matches('…');
    assert!(source_172.contains(inner));
    // The header keeps the source's line and column.
    assert!(out.contains("fixtures/council-9819-21.txt:172:409"));
    // Every quoted line is cut to about 120 columns.
    for line in &lines {
        if let Some((number, _)) = line.split_once(" │ ") {
            if number.trim().parse::<usize>().is_ok() {
                assert!(line.chars().count() <= 130, "{line}");
            }
        }
    }
}

#[test]
fn folders_are_checked_for_plan_texts_and_what_is_not_a_plan_is_skipped() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(plans.join("old")).unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(plans.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    };
    write("council.md", COUNCIL);
    write("commission.txt", COMMISSION);
    write("notes.txt", "Shopping list: milk, bread.\n");
    write("plan.json", "{}");
    write("old/council.txt", COUNCIL);
    let plans_arg = plans.to_string_lossy().into_owned();
    let (code, out, err) = run(&["check", &plans_arg]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("notes.txt: no action table found") && err.contains("skipped"),
        "{err}"
    );
    assert!(!err.contains("plan.json"), "{err}");
    assert_eq!(
        summary(&out),
        "2 files checked: 0 errors, 11 warnings, 15 notes; 1 skipped (not plans)"
    );
    // `--glob` picks other files; with no plan among them, exit 2.
    let (code, out, err) = run(&["check", &plans_arg, "--glob", "*.json"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        err.contains("plan.json") && !err.contains("notes.txt"),
        "{err}"
    );
    let (code, out, _) = run(&["check", &plans_arg, "--glob", "council.*"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 10 warnings, 0 notes"
    );
    // A file named on the command line that is no plan is still a failure.
    let notes = plans.join("notes.txt").to_string_lossy().into_owned();
    let (code, _, _) = run(&["check", &plans_arg, &notes]);
    assert_eq!(code, Some(2));
}

#[test]
fn a_baseline_passes_what_it_records_and_fails_only_on_new_findings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_string_lossy().into_owned();
    // Both published fixtures: `--strict` fails on their 11 warnings, and
    // passes once they are recorded.
    let fixtures = [COUNCIL_PATH, COMMISSION_PATH];
    let (code, _, _) = run(&[&["check", "--strict"][..], &fixtures].concat());
    assert_eq!(code, Some(1));
    let write = ["check", "--write-baseline", &baseline];
    let (code, out, err) = run(&[&write[..], &fixtures].concat());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        summary(&out),
        "2 files checked: 0 errors, 0 warnings, 0 notes; 26 in the baseline"
    );
    let written = std::fs::read_to_string(&baseline).unwrap_or_default();
    assert!(written.starts_with("{\n  \"version\": 1,\n  \"findings\": [\n"));
    assert!(written.contains(
        r#"{"file":"fixtures/council-9819-21.txt","code":"empty-cell","action":37,"data":{"action":37,"column":"timetable"},"count":1}"#
    ), "{written}");
    let strict = ["check", "--strict", "--baseline", &baseline];
    let (code, out, _) = run(&[&strict[..], &fixtures].concat());
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_eq!(
        summary(&out),
        "2 files checked: 0 errors, 0 warnings, 0 notes; 26 in the baseline"
    );

    // A plan edited where it stands, as in a pull request.
    std::fs::create_dir_all(dir.path().join("plans")).unwrap_or_else(|e| panic!("{e}"));
    let plan = dir.path().join("plans/council-9819-21.txt");
    let edit = |text: &str| std::fs::write(&plan, text).unwrap_or_else(|e| panic!("{e}"));
    let strict = |file: &str| {
        let args = ["check", "--strict", "--baseline", "baseline.json", file];
        run_in(Some(dir.path()), &args)
    };
    edit(COUNCIL);
    let args = ["check", "--write-baseline", "baseline.json", "plans/"];
    let (code, _, err) = run_in(Some(dir.path()), &args);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, _) = strict("plans/council-9819-21.txt");
    assert_eq!(code, Some(0), "{out}");
    // A new unknown party: its findings alone are reported (an unknown
    // party, and an acronym the glossary lacks), and they fail.
    let row = council_row(16);
    edit(&COUNCIL.replacen(&row, &format!("{row} EMCCDA"), 1));
    let (code, out, _) = strict("plans/council-9819-21.txt");
    assert_eq!(code, Some(1), "{out}");
    let reported: Vec<&str> = out.lines().filter(|l| l.contains("[")).collect();
    assert_eq!(
        reported,
        [
            "warning[unknown-party]: Action 16: `EMCCDA` is not a known responsible party; \
             kept as written (did you mean EMCDDA?)",
            "warning[acronym-not-in-glossary]: acronym EMCCDA is used but not in the glossary"
        ]
    );
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 2 warnings, 0 notes; 10 in the baseline"
    );
    // Lines inserted at the top move every finding, and change none; the
    // file named another way (`./plans/`) is the same file.
    edit(&format!("\n\n\n{COUNCIL}"));
    let (code, out, _) = strict("./plans/");
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        summary(&out),
        "1 file checked: 0 errors, 0 warnings, 0 notes; 10 in the baseline"
    );
    // The same finding once more than the baseline holds is new: a
    // duplicated footnote line repeats its broken word.
    let line = COUNCIL
        .lines()
        .find(|l| l.contains("Development- centered"))
        .unwrap_or_default();
    edit(&COUNCIL.replacen(line, &format!("{line}\n{line}"), 1));
    let (code, out, _) = strict("plans/council-9819-21.txt");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("warning[broken-word]"), "{out}");
    // SARIF knows the two by the same key, told apart by their occurrence.
    let log = sarif(dir.path(), "plans/council-9819-21.txt");
    let results = log["runs"][0]["results"].as_array().cloned();
    let broken: Vec<String> = (results.unwrap_or_default().iter())
        .filter(|r| r["ruleId"] == "broken-word")
        .map(|r| r["partialFingerprints"]["actionplanFinding/v1"].to_string())
        .collect();
    let hashes: Vec<&str> = broken.iter().filter_map(|f| f.split(':').next()).collect();
    assert_eq!(broken.len(), 2, "{broken:?}");
    assert_eq!(hashes[0], hashes[1]);
    assert!(
        broken[0].ends_with(":1\"") && broken[1].ends_with(":2\""),
        "{broken:?}"
    );
    // A baseline that cannot be read is a failure to check at all.
    let (code, _, err) = strict_missing(dir.path());
    assert_eq!(code, Some(2));
    assert!(err.contains("missing.json"), "{err}");
}

fn strict_missing(dir: &std::path::Path) -> (Option<i32>, String, String) {
    let args = ["check", "--baseline", "missing.json", "plans/"];
    run_in(Some(dir), &args)
}

#[test]
fn suggestions_name_the_area_footnote_and_timetable_meant() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("plan.txt");
    let (row3, row12, row22) = (council_row(3), council_row(12), council_row(22));
    let text = COUNCIL
        // `1.22`: only `1.2` is one edit away (`1.1` is two).
        .replacen(
            &row3,
            &row3.replacen("<p>1.1 1.2</p>", "<p>1.1 1.22</p>", 1),
            1,
        )
        // Footnote 4 no longer referred to, and a marker of a footnote 12.
        .replacen("postal items<sup>4</sup>.", "postal items.", 1)
        .replacen(&row12, &row12.replacen("</p>", "<sup>12</sup></p>", 1), 1)
        .replacen(&row22, &row22.replacen("2021-2022", "Ongoign", 1), 1);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let path = path.to_string_lossy().into_owned();
    let (code, out, _) = run(&["check", &path]);
    assert_eq!(code, Some(1), "{out}");
    for message in [
        "error[undefined-priority-area]: Action 3: priority area 1.22 is never defined \
         (did you mean 1.2?)",
        "error[undefined-footnote]: Action 12 refers to footnote 12, which has no text \
         (did you mean 4?)",
        "warning[invalid-timetable]: Action 22: timetable `Ongoign` is not a year, a range of \
         years, a deadline (`By 2023`), a start (`From 2022`), `Ongoing`, a recurrence \
         (`Annually`) or a part of a year (`Q2 2019`) (did you mean Ongoing?)",
    ] {
        assert!(out.contains(message), "{message}\n{out}");
    }
    assert!(out.contains("warning[unused-footnote]: footnote 4 is never referred to\n"));
}

/// A mistyped label is an error at its own line, and the row stays its
/// own action: the row above keeps its own cells.
#[test]
fn a_mistyped_label_is_an_error_at_its_row_which_stays_its_own_action() {
    for (typo, printed) in [
        ("<b>Acton 22</b>", "Acton 22"),
        ("<b>Actoin 22</b>", "Actoin 22"),
        ("<b>Action22</b>", "Action22"),
        ("<b>Action 2 2</b>", "Action 2 2"),
    ] {
        let text = COUNCIL.replacen("<b>Action 22</b>", typo, 1);
        let line = line_containing(&text, typo);
        let plan = parse(&text);
        fires(&plan, Code::MistypedLabel, line);
        let message = messages(&plan, "mistyped-label");
        assert_eq!(
            message,
            [format!("`{printed}` is not an `Action N` label; read as Action 22").as_str()]
        );
        let timetable = |n| plan.action(n).map(|a| a.timetable.raw.clone());
        assert_eq!(timetable(21).as_deref(), Some("2021-2025"), "{typo}");
        assert_eq!(timetable(22).as_deref(), Some("2021-2022"), "{typo}");
        assert_eq!(plan.actions.len(), 85, "{typo}");
        assert!(!codes(&plan).iter().any(|(c, _)| c == "action-number-gap"));
    }
    // Through the binary: an error, so `check` exits 1.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan.txt");
    let text = COUNCIL.replacen("<b>Action 22</b>", "<b>Acton 22</b>", 1);
    std::fs::write(&path, text).expect("write the plan");
    let (code, stdout, _) = run(&["check", path.to_str().expect("a UTF-8 path")]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("error[mistyped-label]: `Acton 22` is not an `Action N` label"));
}

/// A label whose number cannot be read is still reported at its row.
#[test]
fn a_mistyped_label_without_a_number_continues_the_row_above() {
    let header = "Action\tPriority area\tTimetable\tResponsible party\n";
    let text = format!(
        "{header}<p><b>Action 1</b> Do it.</p>\t<p>1.1</p>\t2021\tEuropol\n\
         <p><b>Action 2 2 2 2 2 2 2</b> And this.</p>\t\t\t\n"
    );
    let plan = parse(&text);
    fires(&plan, Code::MistypedLabel, 3);
    assert_eq!(plan.actions.len(), 1);
    assert!(plan.actions[0].text.contains("And this."));
}

/// A cell missing from a row is reported once, as missing, not also as empty.
#[test]
fn a_missing_cell_is_not_also_an_empty_one() {
    let text = "# EU Drugs Action Plan 2021-2025\n\
                Action\tPriority area\tTimetable\tResponsible party\n\
                <p><b>Action 1</b> Reinforce information sharing.</p>\t<p>1.1. Target.</p>\t<p>2021-2025</p>\n";
    let plan = parse(text);
    assert_eq!(
        codes(&plan),
        [("missing-cell".to_owned(), 3)],
        "{:?}",
        plan.diagnostics
    );
    // An empty cell that is there is still reported.
    let empty = text.replace("<p>2021-2025</p>\n", "<p>2021-2025</p>\t \n");
    assert_eq!(codes(&parse(&empty)), [("empty-cell".to_owned(), 3)]);
}
