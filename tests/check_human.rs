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

/// Each case: its snapshot's name, and the rows after the header.
const CASES: [(&str, &str); 6] = [
    (
        "a_numbering_gap",
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\t2021-2025\tEuropol\n\
         <p><b>Action 3</b> Investigate.</p>\t1.1\t2021-2025\tEuropol\n",
    ),
    (
        "an_undefined_footnote",
        "<p><b>Action 1</b> Share information<sup>4</sup>.</p>\t1.1 Target groups.\t2021\tEuropol\n",
    ),
    (
        "an_unknown_party",
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\t2021\tEuropol Interpol\n",
    ),
    (
        "an_invalid_timetable",
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\tsoon\tEuropol\n",
    ),
    (
        "an_extra_cell",
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\t2021\tEuropol\tsoon\n",
    ),
    (
        "a_duplicate_action_number",
        "<p><b>Action 1</b> Share information.</p>\t1.1 Target groups.\t2021\tEuropol\n\
         <p><b>Action 1</b> Investigate.</p>\t1.1\t2021\tEuropol\n",
    ),
];

#[test]
fn error_cases() {
    for (name, rows) in CASES {
        insta::assert_snapshot!(name, check(rows));
    }
}
