//! `check`'s human output for error cases, as snapshots of the real
//! binary's standard output (colour off) and exit code. The inputs are
//! short, every line under 100 characters, so that how long lines are
//! shown does not enter them. Each snapshot was read against its input.

use assert_cmd::Command;

/// A title with the plan's period, and the header of an action table.
const HEAD: &str = "# EU Drugs Action Plan 2021-2025\n\n\
                    Action\tPriority area\tTimetable\tResponsible party\n";

/// `check -` on `HEAD` and `rest`: the exit code, then standard output.
fn check(rest: &str) -> String {
    let input = format!("{HEAD}{rest}");
    for line in input.lines() {
        assert!(line.chars().count() < 100, "a long line: {line}");
    }
    let output = Command::cargo_bin("actionplan")
        .expect("the binary is built")
        .args(["check", "-"])
        .env("NO_COLOR", "1")
        .write_stdin(input)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("standard output is UTF-8");
    let code = output.status.code().expect("an exit code");
    format!("exit code {code}\n{stdout}")
}

#[test]
fn a_numbering_gap() {
    insta::assert_snapshot!(check(
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\t2021-2025\tEuropol\n\
         <p><b>Action 3</b> Investigate.</p>\t1.1\t2021-2025\tEuropol\n"
    ));
}

#[test]
fn an_undefined_footnote() {
    insta::assert_snapshot!(check(
        "<p><b>Action 1</b> Share information<sup>4</sup>.</p>\t1.1 Target groups.\t2021\tEuropol\n"
    ));
}

#[test]
fn an_unknown_party() {
    insta::assert_snapshot!(check(
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\t2021\tEuropol Interpol\n"
    ));
}

#[test]
fn an_invalid_timetable() {
    insta::assert_snapshot!(check(
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\tsoon\tEuropol\n"
    ));
}

#[test]
fn an_extra_cell() {
    insta::assert_snapshot!(check(
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\t2021\tEuropol\tsoon\n"
    ));
}

#[test]
fn a_duplicate_action_number() {
    insta::assert_snapshot!(check(
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\t2021\tEuropol\n\
         <p><b>Action 1</b> Investigate.</p>\t1.1\t2021\tEuropol\n"
    ));
}
