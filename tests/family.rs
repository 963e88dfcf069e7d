//! Whole generated plans of each family shape (2013, 2017, 2021) in each
//! form (tabs, pipe table, HTML table), and of the 2009 shape's labelled
//! fields in three layouts, parse back field for field: the
//! expected values are the generator's, never the parser's.

#[path = "support/family.rs"]
mod family;

use actionplan::{Entry, Plan, Severity};
use family::{Form, Shape, Spec};
use proptest::prelude::*;

/// Parses `text`, failing the case when it is not a plan.
fn parsed(text: &str) -> Result<Plan, TestCaseError> {
    actionplan::parse(text).map_err(|e| TestCaseError::fail(format!("not a plan: {e}")))
}

/// No diagnostic of severity error.
fn no_errors(plan: &Plan) -> Result<(), TestCaseError> {
    let errors: Vec<String> = (plan.diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}:{} {}", d.line, d.code(), d.message))
        .collect();
    prop_assert!(errors.is_empty(), "errors: {:?}", errors);
    Ok(())
}

/// The section headings, and for the 2013 and 2017 shapes the
/// objectives (for the 2021 shape, the strategic priorities and the
/// priority areas).
fn same_parts(spec: &Spec, plan: &Plan) -> Result<(), TestCaseError> {
    let sections: Vec<(u32, Option<String>, String)> = (plan.sections.iter())
        .map(|s| (s.number, s.label.clone(), s.title.clone()))
        .collect();
    let expected: Vec<(u32, Option<String>, String)> = (spec.sections.iter())
        .map(|s| {
            let label = family::section_label(spec.shape, s);
            (s.number, label, family::section_title(spec.shape, s))
        })
        .collect();
    prop_assert_eq!(sections, expected);
    let objectives: Vec<(u32, &str, Option<u32>)> = (plan.objectives.iter())
        .map(|o| (o.number, o.text.as_str(), o.section))
        .collect();
    let expected: Vec<(u32, &str, Option<u32>)> = match spec.shape {
        Shape::Y2021 => Vec::new(),
        _ => (spec.groups())
            .map(|(s, g)| (g.number, g.text.as_str(), Some(s.number)))
            .collect(),
    };
    prop_assert_eq!(objectives, expected);
    if spec.shape == Shape::Y2021 {
        same_priorities(spec, plan)?;
    }
    Ok(())
}

/// The strategic priorities (one a section) and their priority areas.
fn same_priorities(spec: &Spec, plan: &Plan) -> Result<(), TestCaseError> {
    let priorities: Vec<(u32, &str, Option<u32>)> = (plan.strategic_priorities.iter())
        .map(|p| (p.number, p.title.as_str(), p.section))
        .collect();
    let expected: Vec<(u32, &str, Option<u32>)> = (spec.sections.iter())
        .map(|s| {
            (
                s.number,
                family::strategic_priority(s.number),
                Some(s.number),
            )
        })
        .collect();
    prop_assert_eq!(priorities, expected);
    let areas: Vec<(String, Option<String>, Option<u32>)> = (plan.priority_areas.iter())
        .map(|a| (a.code.clone(), a.description.clone(), a.strategic_priority))
        .collect();
    let expected: Vec<(String, Option<String>, Option<u32>)> = (spec.groups())
        .map(|(s, g)| {
            let description = Some(format!("{}.", g.text));
            (family::area_code(s, g), description, Some(s.number))
        })
        .collect();
    prop_assert_eq!(areas, expected);
    Ok(())
}

/// Every action, field for field, in order.
fn same_actions(spec: &Spec, plan: &Plan) -> Result<(), TestCaseError> {
    let expected: Vec<_> = spec.actions().collect();
    prop_assert_eq!(plan.actions.len(), expected.len());
    for (action, (section, group, act)) in plan.actions.iter().zip(expected) {
        let at = format!("action {}", act.number);
        prop_assert_eq!(action.number, act.number, "{}", at);
        let text = match spec.shape {
            Shape::Y2021 => format!("{}.", act.text),
            _ => act.text.clone(),
        };
        prop_assert_eq!(&action.text, &text, "{}", at);
        prop_assert_eq!(action.section, Some(section.number), "{}", at);
        let (objective, priority, areas) = match spec.shape {
            Shape::Y2021 => (
                None,
                Some(section.number),
                vec![family::area_code(section, group)],
            ),
            _ => (Some(group.number), None, Vec::new()),
        };
        prop_assert_eq!(action.objective, objective, "{}", at);
        prop_assert_eq!(action.strategic_priority, priority, "{}", at);
        prop_assert_eq!(&action.priority_areas, &areas, "{}", at);
        prop_assert_eq!(&action.timetable.raw, &act.timetable.0, "{}", at);
        prop_assert_eq!(action.timetable.kind(), act.timetable.1, "{}", at);
        let parties: Vec<&str> = action.parties.iter().map(|p| p.name()).collect();
        let expected: Vec<&str> = act.parties.iter().map(|p| p.canonical).collect();
        prop_assert_eq!(parties, expected, "{}", at);
        prop_assert_eq!(&texts(&action.indicators), &act.indicators, "{}", at);
        prop_assert_eq!(&action.overarching_indicators, &act.overarching, "{}", at);
        prop_assert_eq!(&texts(&action.assessment), &act.assessment, "{}", at);
        prop_assert!(action.other.is_empty(), "{}: other {:?}", at, action.other);
    }
    Ok(())
}

/// The texts of a list cell's entries.
fn texts(entries: &[Entry]) -> Vec<String> {
    entries.iter().map(|e| e.text.clone()).collect()
}

/// The plan `spec` written in `form` parses back to `spec`.
fn parses_back(spec: &Spec, form: Form) -> Result<(), TestCaseError> {
    let text = family::write(spec, form);
    let plan = parsed(&text)?;
    let shown = || format!("\n--- text ---\n{text}");
    no_errors(&plan).map_err(|e| TestCaseError::fail(format!("{e}{}", shown())))?;
    same_parts(spec, &plan).map_err(|e| TestCaseError::fail(format!("{e}{}", shown())))?;
    same_actions(spec, &plan).map_err(|e| TestCaseError::fail(format!("{e}{}", shown())))
}

/// Runs [`parses_back`] on 32 plans of `shape` in `form` (or as many as
/// `FAMILY_CASES` says, for a deeper search).
fn check(shape: Shape, form: Form) {
    let cases = std::env::var("FAMILY_CASES").ok();
    let config = ProptestConfig {
        cases: cases.and_then(|n| n.parse().ok()).unwrap_or(32),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&family::spec(shape), |spec| parses_back(&spec, form));
    if let Err(e) = result {
        panic!("{shape:?} in {form:?}: {e}");
    }
}

/// One test of [`check`] for each shape and form.
macro_rules! parse_back {
    ($($name:ident: $shape:ident in $form:ident;)*) => {$(
        #[test]
        fn $name() {
            check(Shape::$shape, Form::$form);
        }
    )*};
}

parse_back! {
    labelled_fields_2009_on_one_line: Y2009 in Tabs;
    labelled_fields_2009_colon_alone: Y2009 in Pipes;
    labelled_fields_2009_a_party_a_line: Y2009 in Html;
    objective_rows_2013_in_tabs: Y2013 in Tabs;
    objective_rows_2013_in_pipes: Y2013 in Pipes;
    objective_rows_2013_in_html: Y2013 in Html;
    objective_column_2017_in_tabs: Y2017 in Tabs;
    objective_column_2017_in_pipes: Y2017 in Pipes;
    objective_column_2017_in_html: Y2017 in Html;
    action_labels_2021_in_tabs: Y2021 in Tabs;
    action_labels_2021_in_pipes: Y2021 in Pipes;
    action_labels_2021_in_html: Y2021 in Html;
}

/// The same seed draws the same plan, and the text written from it is
/// the same each time.
#[test]
fn a_seed_draws_one_plan() {
    for shape in [Shape::Y2009, Shape::Y2013, Shape::Y2017, Shape::Y2021] {
        let (a, b) = (
            family::spec_from_seed(shape, 7),
            family::spec_from_seed(shape, 7),
        );
        assert_eq!(family::write(&a, Form::Html), family::write(&b, Form::Html));
    }
}

/// A line over a `:` alone that is no field here (a label the vocabulary
/// lacks, or an action's label over a value with no number) is read as
/// any other line: nothing of it is lost.
#[test]
fn a_label_that_takes_no_value_is_reported() {
    let text =
        "# EU Drugs Action Plan 2009-2012\n\nRemarks\n:\nnone\n\nAction\n:\nno number here\n\n\
                Action: 1. Share data.\nTimetable: 2009\nResponsible party: Europol.\n\n\
                Action: 2. Train staff.\nTimetable: 2010\nResponsible party: CEPOL.\n";
    let plan = actionplan::parse(text).expect("a plan");
    let unplaced: Vec<&str> = (plan.diagnostics.iter())
        .filter(|d| d.code() == actionplan::Code::UnrecognisedLine)
        .map(|d| &text[d.span.start..d.span.end])
        .collect();
    assert_eq!(
        unplaced,
        ["Remarks", ":", "none", "Action", "no number here"]
    );
    let numbers: Vec<u32> = plan.actions.iter().map(|a| a.number).collect();
    assert_eq!(numbers, [1, 2]);
}
