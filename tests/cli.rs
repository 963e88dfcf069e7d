//! The real binary: convert, check and schema, their formats and exit codes.

use assert_cmd::Command;
use predicates::prelude::*;

const COUNCIL: &str = "fixtures/council-9819-21.txt";
const COMMISSION: &str = "fixtures/commission-com-2020-606.txt";

fn actionplan() -> Command {
    match Command::cargo_bin("actionplan") {
        Ok(command) => command,
        Err(e) => panic!("binary not built: {e}"),
    }
}

fn stdout_of(args: &[&str]) -> String {
    let output = actionplan()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(output.stdout).expect("standard output is UTF-8")
}

#[test]
fn convert_prints_the_json_contract() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["convert", COUNCIL])).expect("convert prints JSON");
    assert_eq!(json["dialect"], "council");
    assert_eq!(json["meta"]["date"], "2021-06-21");
    assert_eq!(json["actions"].as_array().map(Vec::len), Some(85));
    assert_eq!(
        json["actions"][1]["priority_areas"],
        serde_json::json!(["1.1", "1.2"])
    );
    assert_eq!(json["actions"][36]["timetable"]["raw"], "");
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    assert!(json["diagnostics"][0]["line"].is_number());
}

#[test]
fn convert_reads_stdin_and_writes_a_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("plan.json");
    let text = std::fs::read(COMMISSION).expect("the Commission fixture is readable");
    actionplan()
        .args(["convert", "-", "-o"])
        .arg(&out)
        .write_stdin(text)
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("convert wrote plan.json"))
            .expect("plan.json is JSON");
    assert_eq!(json["dialect"], "commission");
    assert_eq!(json["actions"].as_array().map(Vec::len), Some(53));
}

#[test]
fn ndjson_has_one_standalone_line_per_action() {
    let out = stdout_of(&["convert", COUNCIL, "--format", "ndjson"]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each NDJSON line is JSON"))
        .collect();
    assert_eq!(lines.len(), 85);
    assert_eq!(lines[16]["number"], 17);
    assert_eq!(lines[16]["reference"], "9819/21");
    assert!(lines[16]["strategic_priority_title"]
        .as_str()
        .is_some_and(|t| t.starts_with("Tackle the exploitation")));
    assert_eq!(
        lines[16]["section_title"],
        "DRUG SUPPLY REDUCTION: ENHANCING SECURITY"
    );
    let parties = stdout_of(&[
        "convert", COUNCIL, "--format", "ndjson", "--table", "parties",
    ]);
    assert_eq!(parties.lines().count(), 391);
}

#[test]
fn csv_has_a_header_and_quotes_by_rfc_4180() {
    let out = stdout_of(&["convert", COUNCIL, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().cloned().expect("the CSV has a header");
    assert_eq!(&headers[0], "reference");
    assert_eq!(&headers[12], "parties");
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 85);
    assert_eq!(&rows[1][7], "1.1; 1.2");
    assert!(rows[0][2].contains("(i) on the basis of its 2020"));
    for (table, count) in [
        ("priority-areas", 43),
        ("footnotes", 11),
        ("indicators", 11),
        ("glossary", 38),
        ("parties", 391),
    ] {
        let out = stdout_of(&["convert", COUNCIL, "--format", "csv", "--table", table]);
        let n = csv::Reader::from_reader(out.as_bytes()).records().count();
        assert_eq!(n, count, "{table}");
    }
}

#[test]
fn batch_converts_good_files_and_reports_the_bad_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inputs = dir.path().join("in");
    let outputs = dir.path().join("out");
    std::fs::create_dir_all(&inputs).expect("create the input folder");
    std::fs::copy(COUNCIL, inputs.join("a-council.txt")).expect("copy the Council fixture");
    std::fs::copy(COMMISSION, inputs.join("b-commission.txt"))
        .expect("copy the Commission fixture");
    std::fs::write(inputs.join("c-bad.txt"), "no plan here\n").expect("write c-bad.txt");
    // A folder's file that is no plan is skipped, not a failure.
    actionplan()
        .args(["convert", "--quiet", "--format", "ndjson", "--out-dir"])
        .arg(&outputs)
        .arg(&inputs)
        .assert()
        .code(0)
        .stderr(
            predicate::str::contains("c-bad.txt: no action table found")
                .and(predicate::str::contains("converted 2 of 3 files into"))
                .and(predicate::str::contains("; 1 skipped (not plans)")),
        );
    let council = std::fs::read_to_string(outputs.join("a-council.ndjson"))
        .expect("a-council.ndjson was written");
    assert_eq!(council.lines().count(), 85);
    assert!(outputs.join("b-commission.ndjson").exists());
    assert!(!outputs.join("c-bad.ndjson").exists());
    // Named, it is a failure; with no plan at all, exit 2.
    actionplan()
        .args(["convert", "--quiet", "--out-dir"])
        .arg(&outputs)
        .arg(&inputs)
        .arg(inputs.join("c-bad.txt"))
        .assert()
        .code(1);
    actionplan()
        .args(["convert", "--quiet", "--out-dir"])
        .arg(&outputs)
        .arg(&inputs)
        .args(["--glob", "c-*"])
        .assert()
        .code(2);
}

#[test]
fn output_is_deterministic_whatever_the_thread_count() {
    let run = |threads: &str| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        actionplan()
            .env("RAYON_NUM_THREADS", threads)
            .args(["convert", "--quiet", COUNCIL, COMMISSION, "--out-dir"])
            .arg(dir.path())
            .assert()
            .success();
        (
            std::fs::read(dir.path().join("council-9819-21.json"))
                .expect("council-9819-21.json was written"),
            std::fs::read(dir.path().join("commission-com-2020-606.json"))
                .expect("commission-com-2020-606.json was written"),
        )
    };
    let one = run("1");
    assert!(!one.0.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(
        one.0,
        actionplan()
            .args(["convert", COUNCIL])
            .output()
            .map(|o| o.stdout)
            .expect("convert runs")
    );
}

#[test]
fn check_human_format() {
    actionplan()
        .args(["check", COUNCIL, COMMISSION])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[acronym-not-in-glossary]: acronym EDPQS is used but not in the glossary (the glossary has EDPQ)",
        ))
        .stdout(predicate::str::contains(
            "fixtures/council-9819-21.txt:172:409",
        ))
        .stdout(predicate::str::contains(
            "2 files checked: 0 errors, 11 warnings, 15 notes",
        ));
}

#[test]
fn check_counts_only_the_files_it_read() {
    actionplan()
        .args(["check", COUNCIL, "no-such-plan.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-plan.txt: cannot read"))
        .stdout(predicate::str::contains(
            "1 file checked: 0 errors, 10 warnings, 0 notes; 1 could not be read",
        ));
}

#[test]
fn check_strict_fails_on_warnings() {
    actionplan()
        .args(["check", "--strict", COUNCIL])
        .assert()
        .code(1);
}

#[test]
fn check_json_format() {
    let output = actionplan()
        .args(["check", "--format", "json", COUNCIL])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0));
    let all: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).expect("check --format json prints JSON");
    assert_eq!(all.len(), 10);
    let edpqs = all
        .iter()
        .find(|d| d["message"].as_str().is_some_and(|m| m.contains("EDPQS")))
        .cloned()
        .expect("a diagnostic names EDPQS");
    assert_eq!(edpqs["file"], COUNCIL);
    assert_eq!(
        (edpqs["line"].as_u64(), edpqs["column"].as_u64()),
        (Some(172), Some(409))
    );
    assert_eq!(
        (edpqs["end_line"].as_u64(), edpqs["end_column"].as_u64()),
        (Some(172), Some(414))
    );
    assert_eq!(edpqs["code"], "acronym-not-in-glossary");
    assert_eq!(edpqs["severity"], "warning");
}

#[test]
fn check_github_format_and_error_exit() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let broken = dir.path().join("broken.txt");
    let text = std::fs::read_to_string(COUNCIL)
        .expect("the Council fixture is readable")
        .replacen("<b>Action 6</b>", "<b>Action 5</b>", 1);
    std::fs::write(&broken, text).expect("write broken.txt");
    actionplan()
        .args(["check", "--format", "github"])
        .arg(&broken)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("::error file="))
        .stdout(predicate::str::contains(",line=104,col=7,endLine=104,endColumn=15,title=duplicate-action-number::Action 5 appears twice (first on line 101)"))
        .stdout(predicate::str::contains("::warning file="));
}

#[test]
fn unreadable_or_not_a_plan_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "empty"),
        (
            "latin1.txt",
            b"Action 1 caf\xe9\n",
            "not UTF-8 (invalid byte at offset 12)",
        ),
        ("binary.bin", b"\x00\x01\x02", "binary"),
        (
            "prose.txt",
            b"Just some text.\nNothing else.\n",
            "no action table",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write the test input");
        actionplan()
            .arg("check")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(name).and(predicate::str::contains(message)));
    }
    actionplan()
        .args(["check", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
    actionplan()
        .args(["convert", "no/such/file.txt"])
        .assert()
        .code(2);
}

/// The project's own Markdown mentions actions (`Action 18 → 17` in a
/// diff's output, `Action 12. A row that …` in prose) and holds
/// tab-separated examples, but has no action table: each is refused with
/// exit 2, saying what was looked for and the nearest thing found.
#[test]
fn the_projects_own_markdown_is_no_plan() {
    let files = [
        "README.md",
        "CHANGELOG.md",
        "ARCHITECTURE.md",
        "docs/parsing.md",
        "docs/measurements.md",
        "tests/golden/README.md",
        "fixtures/README.md",
    ];
    for file in files {
        for command in ["convert", "check"] {
            actionplan().args([command, file]).assert().code(2).stderr(
                predicate::str::contains(file).and(predicate::str::contains(
                    "no action table found: looked for",
                )),
            );
        }
    }
    let readme = std::fs::read_to_string("README.md").expect("the README");
    let line = readme
        .lines()
        .position(|l| l.starts_with("Action 18 → 17"))
        .map(|at| at + 1)
        .expect("the README's diff example");
    let nearest = format!("the nearest is line {line}, `Action 18 → 17");
    actionplan()
        .args(["convert", "README.md"])
        .assert()
        .stderr(predicate::str::contains(nearest));
}

/// A page that only cites actions inline is no plan either.
#[test]
fn a_page_citing_actions_is_no_plan() {
    let page = "Progress on [Action 1.1 – KPI 1] and [Action 2.3 – KPI 4].\n\nAction 4 is late.\nAction 5 too.\n";
    actionplan()
        .args(["convert", "-"])
        .write_stdin(page)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no action table found"));
}

#[test]
fn schema_is_draft_2020_12() {
    let out = stdout_of(&["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&out).expect("schema prints JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["title"], "Plan");
}

#[test]
fn render_names_what_it_leaves_out() {
    // The Commission text's garbled repeat is dropped, and said to be.
    actionplan()
        .args(["render", COMMISSION])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("<p><b>Action 53</b>"))
        .stderr(predicate::str::contains(
            "fixtures/commission-com-2020-606.txt:128:1: not rendered: dropped `European forensic toxicology guidennes",
        ));
    // A line no part of the plan can hold.
    let text = std::fs::read_to_string(COUNCIL)
        .expect("the Council fixture is readable")
        .replacen(
            "<p><b>Action 3</b>",
            "A stray paragraph.\n\n<p><b>Action 3</b>",
            1,
        );
    actionplan()
        .args(["render", "-"])
        .write_stdin(text)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "not rendered: line not recognised as part of the plan: `A stray paragraph.`",
        ));
    actionplan()
        .args(["render", COUNCIL])
        .assert()
        .stderr(predicate::str::is_empty());
}

/// Runs the binary with its standard output closed before it writes: the
/// exit code and standard error.
fn with_output_closed(args: &[&str]) -> (Option<i32>, String) {
    let binary = assert_cmd::cargo::cargo_bin("actionplan");
    let mut child = std::process::Command::new(binary)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

#[test]
fn a_closed_pipe_ends_the_output_and_keeps_the_exit_code() {
    let cases: [(&[&str], i32); 6] = [
        (&["schema"], 0),
        (&["convert", COUNCIL], 0),
        (&["convert", COUNCIL, "--format", "csv"], 0),
        (&["check", "--strict", COUNCIL], 1),
        (&["diff", COMMISSION, COUNCIL], 1),
        (&["render", COUNCIL], 0),
    ];
    for (args, code) in cases {
        let (status, stderr) = with_output_closed(args);
        assert_eq!(status, Some(code), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn batch_refuses_two_inputs_that_would_write_one_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (a, b, out) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("out"),
    );
    for (folder, fixture) in [(&a, COUNCIL), (&b, COMMISSION)] {
        std::fs::create_dir_all(folder).expect("create the input folder");
        std::fs::copy(fixture, folder.join("plan.txt")).expect("copy the fixture");
    }
    actionplan()
        .args(["convert", "--quiet", "--out-dir"])
        .arg(&out)
        .args([&a, &b])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would both be converted to").and(
            predicate::str::contains("a/plan.txt").and(predicate::str::contains("b/plan.txt")),
        ));
    assert!(!out.join("plan.json").exists());
    // The same file named twice is converted once; standard input is `stdin`.
    actionplan()
        .args(["convert", "--quiet", "--out-dir"])
        .arg(&out)
        .args([a.join("plan.txt"), a.join("plan.txt"), "-".into()])
        .write_stdin(std::fs::read(COMMISSION).expect("the Commission fixture is readable"))
        .assert()
        .success()
        .stderr(predicate::str::contains("converted 2 of 2 files"));
    assert!(out.join("plan.json").exists() && out.join("stdin.json").exists());
}

const OBJECTIVE_COLUMN: &str = "tests/golden/family-objective-column/input.txt";
const OBJECTIVE_ROWS: &str = "tests/golden/family-objective-rows/input.txt";

/// The actions table of a family plan ends with the family's columns, in
/// CSV (lists joined with `; `) and in JSON Lines (lists as arrays); the
/// 2021 columns keep their order before them.
#[test]
fn the_actions_table_has_the_familys_columns() {
    let csv = stdout_of(&["convert", OBJECTIVE_COLUMN, "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "reference,number,text,strategic_priority,strategic_priority_title,section,section_title,priority_areas,timetable,timetable_start,timetable_end,ongoing,parties,footnotes,line,span_start,span_end,objective,indicators,overarching_indicators,assessment,outcome,progress,other",
            ",1,Utilise to best effect available intelligence and information sharing instruments,,,1,DRUG SUPPLY REDUCTION,,Ongoing,,,true,Member States; Europol,,6,164,465,4,Extent of joint operations; Use of SIENA,7; 15,Europol Reporting; Eurojust Reporting,,,",
            ",2,Identify the most pressing threats,,,1,DRUG SUPPLY REDUCTION,,2017,2017,2017,false,Europol; Eurojust,,8,466,564,4,EU Policy Cycle in place,,EU SOCTA,,,",
            ",3,Strengthen training,,,1,DRUG SUPPLY REDUCTION,,2018-2019,2018,2019,false,CEPOL,,9,565,675,5,Number of trainings,,CEPOL reporting,,,",
        ]
    );
    let ndjson = stdout_of(&["convert", OBJECTIVE_ROWS, "--format", "ndjson"]);
    let family = fields(
        &ndjson,
        &["objective", "indicators", "overarching_indicators", "other"],
    );
    use serde_json::json;
    assert_eq!(
        family,
        [
            json!([
                1,
                ["Number of schemes", "coverage of schemes"],
                [],
                ["Remarks: none"]
            ]),
            json!([1, [], [3], []]),
            json!([2, ["Treatment coverage"], [], ["Remarks: see the report"]]),
        ]
    );
    let empty = fields(&ndjson, &["outcome", "progress"]);
    assert!(empty.iter().all(|r| r == &serde_json::json!([null, null])));
}

/// `--table objectives` has a row per objective, however the source
/// names them; a 2021 plan has none, and the header alone.
#[test]
fn the_objectives_table_has_a_row_per_objective() {
    let table =
        |file, format| stdout_of(&["convert", file, "--format", format, "--table", "objectives"]);
    assert_eq!(
        table(OBJECTIVE_ROWS, "csv"),
        "reference,number,text,section,section_title,span_start,span_end\r\n\
         ,1,Prevent drug use and delay its onset,1,Drug demand reduction,163,212\r\n\
         ,2,Reduce demand,1,Drug demand reduction,447,473\r\n"
    );
    let ndjson = table(OBJECTIVE_COLUMN, "ndjson");
    assert_keys_are_columns(&ndjson, actionplan::export::Table::Objectives);
    let objectives = fields(&ndjson, &["number", "text", "span_end"]);
    use serde_json::json;
    assert_eq!(
        objectives,
        [
            json!([
                4,
                "Enhance effective law enforcement co- ordination within the EU",
                // Its text goes on over the next line: the span reaches it.
                409
            ]),
            json!([5, "Improve judicial cooperation", 596]),
        ]
    );
    assert_eq!(
        table(COUNCIL, "csv"),
        "reference,number,text,section,section_title,span_start,span_end\r\n"
    );
}

/// The values of `keys` in each object of `ndjson`, an array per object.
fn fields(ndjson: &str, keys: &[&str]) -> Vec<serde_json::Value> {
    let row = |line: &str| -> serde_json::Value {
        let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        keys.iter().map(|k| value[*k].clone()).collect()
    };
    ndjson.lines().map(row).collect()
}

/// Asserts that the keys of the first object of `ndjson` are the columns
/// of `table`.
fn assert_keys_are_columns(ndjson: &str, table: actionplan::export::Table) {
    let first: serde_json::Value =
        serde_json::from_str(ndjson.lines().next().expect("an NDJSON line"))
            .expect("the line is JSON");
    let mut keys: Vec<&str> = first
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .expect("the line is a JSON object");
    keys.sort_unstable();
    let mut columns = table.columns().to_vec();
    columns.sort_unstable();
    assert_eq!(keys, columns, "{table:?}");
}

#[test]
fn every_table_has_its_columns_even_with_no_rows() {
    use actionplan::export::Table;
    let tables = [
        ("actions", Table::Actions),
        ("parties", Table::Parties),
        ("priority_areas", Table::PriorityAreas),
        ("footnotes", Table::Footnotes),
        ("indicators", Table::Indicators),
        ("glossary", Table::Glossary),
        ("diagnostics", Table::Diagnostics),
        ("documents", Table::Documents),
    ];
    for (name, table) in tables {
        let header = format!("{}\r\n", table.columns().join(","));
        let out = stdout_of(&["convert", COUNCIL, "--format", "csv", "--table", name]);
        assert!(out.starts_with(&header), "{name}: {out:.200}");
        // The keys of every JSON Lines object are the same columns.
        let ndjson = stdout_of(&["convert", COUNCIL, "--format", "ndjson", "--table", name]);
        assert_keys_are_columns(&ndjson, table);
    }
    // The Commission proposal has no glossary: a header, and no rows.
    let out = stdout_of(&[
        "convert", COMMISSION, "--format", "csv", "--table", "glossary",
    ]);
    assert_eq!(out, "reference,acronym,expansion,span_start,span_end\r\n");
    // An indicator's footnotes are a column of their own.
    let out = stdout_of(&[
        "convert",
        COUNCIL,
        "--format",
        "csv",
        "--table",
        "indicators",
    ]);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .filter_map(Result::ok)
        .collect();
    let seventh = rows.iter().find(|r| r.get(1) == Some("7"));
    assert_eq!(seventh.and_then(|r| r.get(5)), Some("11"));
}

#[test]
fn old_mac_line_ends_give_the_same_lines() {
    let text = std::fs::read_to_string(COUNCIL).expect("the Council fixture is readable");
    let check = |text: &str, format: &str| {
        let output = actionplan()
            .args(["check", "--format", format, "-"])
            .write_stdin(text.to_owned())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8(output.stdout).expect("standard output is UTF-8")
    };
    let mac = text.replace('\n', "\r");
    assert_eq!(check(&mac, "json"), check(&text, "json"));
    let human = check(&mac, "human");
    assert!(human.contains("<stdin>:172:409"), "{human:.400}");
    assert_eq!(human, check(&text, "human"));
}

#[test]
fn standard_input_is_read_once() {
    actionplan()
        .args(["diff", "-", "-"])
        .write_stdin(std::fs::read(COUNCIL).expect("the Council fixture is readable"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input is already read"));
}

#[test]
fn a_table_without_a_table_format_is_refused() {
    actionplan()
        .args(["convert", COUNCIL, "--table", "parties"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--format json writes the whole plan",
        ));
}

#[test]
fn each_csv_row_points_at_its_source() {
    let source = std::fs::read_to_string(COUNCIL).expect("the Council fixture is readable");
    // Each table, and what the source text of each row's span holds, made
    // from a column of the row.
    type Printed = fn(&str) -> String;
    let tables: [(&str, &str, Printed); 4] = [
        ("actions", "number", |n| format!("Action {n}")),
        ("glossary", "acronym", str::to_owned),
        ("footnotes", "number", |n| format!("<sup>{n}</sup>")),
        ("parties", "party", |p| {
            p.split(' ').next().unwrap_or_default().to_owned()
        }),
    ];
    for (table, column, printed) in tables {
        let out = stdout_of(&["convert", COUNCIL, "--format", "csv", "--table", table]);
        let mut rows = csv::Reader::from_reader(out.as_bytes());
        let header = rows.headers().cloned().expect("the CSV has a header");
        let at = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .expect("a column of the header")
        };
        let (value, start, end) = (at(column), at("span_start"), at("span_end"));
        let mut read = 0;
        for row in rows.records().map(|row| row.expect("a CSV row")) {
            let offset = |i: usize| row.get(i).and_then(|v| v.parse::<usize>().ok());
            let span = offset(start).zip(offset(end));
            let text = span
                .and_then(|(s, e)| source.get(s..e))
                .expect("the row's span lies in the source");
            let expected = printed(row.get(value).expect("the row has the column"));
            // `Council of the EU` is printed so; a canonical name's first
            // word, in any case, is in its span.
            assert!(
                text.to_lowercase().contains(&expected.to_lowercase()),
                "{table}: {text:?} does not hold {expected:?}"
            );
            read += 1;
        }
        assert!(read >= 11, "{table}: {read} rows");
    }
}

/// The Council fixture with Action 6 numbered 5: a duplicate number and a
/// gap, two errors, at lines 104 and 105; written in `dir`.
fn broken_council(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(COUNCIL)
        .unwrap_or_default()
        .replacen("<b>Action 6</b>", "<b>Action 5</b>", 1);
    let path = dir.join("broken.txt");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn convert_says_when_a_plan_has_errors_and_fails_on_request() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let broken = broken_council(dir.path());
    let name = broken.display().to_string();
    let line = format!("2 errors, 10 warnings in {name}: run actionplan check {name}\n");
    // The output is written, one line says why it may be wrong, exit 0.
    actionplan()
        .arg("convert")
        .arg(&broken)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"duplicate-action-number\""))
        .stderr(line.clone());
    actionplan()
        .args(["convert", "--fail-on", "error"])
        .arg(&broken)
        .assert()
        .code(1)
        .stderr(line);
    // A plan without errors says nothing, unless it fails `--fail-on`.
    actionplan()
        .args(["convert", COUNCIL, "--fail-on", "error"])
        .assert()
        .code(0)
        .stderr("");
    actionplan()
        .args(["convert", COUNCIL, "--fail-on", "warning"])
        .assert()
        .code(1)
        .stderr(format!(
            "0 errors, 10 warnings in {COUNCIL}: run actionplan check {COUNCIL}\n"
        ));
    // In a batch, each plan's line, and the exit code of them all.
    let out = dir.path().join("out");
    actionplan()
        .args([
            "convert",
            "--quiet",
            "--fail-on",
            "error",
            COMMISSION,
            "--out-dir",
        ])
        .arg(&out)
        .arg(&broken)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "2 errors, 10 warnings in {name}"
        )))
        .stderr(predicate::str::contains("commission").not());
}

#[test]
fn the_diagnostics_table_has_a_row_per_diagnostic() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let broken = broken_council(dir.path());
    let source = std::fs::read_to_string(&broken).unwrap_or_default();
    let out = actionplan()
        .args(["convert", "--format", "csv", "--table", "diagnostics"])
        .arg(&broken)
        .output()
        .map(|o| String::from_utf8(o.stdout).unwrap_or_default())
        .unwrap_or_default();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().cloned().unwrap_or_default();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "reference",
            "code",
            "severity",
            "line",
            "column",
            "action",
            "message",
            "span_start",
            "span_end"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 12);
    // The first: the second `Action 5`, line 104, column 7 of `<p><b>Action 5</b>`.
    let first = rows.first().cloned().unwrap_or_default();
    assert_eq!(
        first.iter().take(7).collect::<Vec<_>>(),
        [
            "9819/21",
            "duplicate-action-number",
            "error",
            "104",
            "7",
            "5",
            "Action 5 appears twice (first on line 101)"
        ]
    );
    let offset = |i: usize| {
        first
            .get(i)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
    };
    assert_eq!(source.get(offset(7)..offset(8)), Some("Action 5"));
    assert_eq!(
        source
            .lines()
            .nth(103)
            .map(|l| l.starts_with("<p><b>Action 5</b>")),
        Some(true)
    );
    // JSON Lines: the same rows.
    let out = stdout_of(&[
        "convert",
        COUNCIL,
        "--format",
        "ndjson",
        "--table",
        "diagnostics",
    ]);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(rows.len(), 10);
    assert!(rows
        .iter()
        .any(|r| r["code"] == "empty-cell" && r["line"] == 187 && r["severity"] == "warning"));
}

#[test]
fn the_documents_table_has_a_row_per_plan() {
    let out = stdout_of(&[
        "convert",
        COUNCIL,
        "--format",
        "csv",
        "--table",
        "documents",
    ]);
    // The cover page: `9819/21`, `Brussels, 21 June 2021`, the title's
    // `EU Drugs Action Plan 2021-2025`; `check` counts 10 warnings.
    assert_eq!(
        out,
        "file,reference,title,date,period,dialect,form,actions,errors,warnings,notes\r\n\
         fixtures/council-9819-21.txt,9819/21,EU Drugs Action Plan 2021-2025,2021-06-21,2021-2025,council,tabs,85,0,10,0\r\n"
    );
    let out = stdout_of(&[
        "convert",
        COMMISSION,
        "--format",
        "ndjson",
        "--table",
        "documents",
    ]);
    let row: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap_or_default();
    assert_eq!(row["reference"], "COM(2020) 606 final");
    assert_eq!(row["date"], "2020-07-24");
    assert_eq!(row["form"], "tabs");
    assert_eq!(
        (
            &row["actions"],
            &row["errors"],
            &row["warnings"],
            &row["notes"]
        ),
        (&53.into(), &0.into(), &1.into(), &15.into())
    );
}

/// The documents table names the form each plan's action table was
/// written in.
#[test]
fn the_documents_table_names_the_form_of_the_action_table() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let council = std::fs::read_to_string(COUNCIL).expect("the Council fixture");
    let pipes = council.replace(
        "Action\tPriority area\tTimetable\tResponsible party",
        "| Action | Priority area | Timetable | Responsible party |\n|---|---|---|---|",
    );
    let pipes: String = pipes
        .lines()
        .map(|l| match l.starts_with("<p><b>Action ") {
            true => format!("| {} |\n", l.replace('\t', " | ")),
            false => format!("{l}\n"),
        })
        .collect();
    let path = dir.path().join("pipes.md");
    std::fs::write(&path, pipes).expect("write the pipe-table plan");
    let out = stdout_of(&[
        "convert",
        path.to_str().expect("a UTF-8 path"),
        "--format",
        "ndjson",
        "--table",
        "documents",
    ]);
    let row: serde_json::Value = serde_json::from_str(out.trim_end()).expect("one JSON row");
    assert_eq!(
        (&row["form"], &row["actions"]),
        (&"pipe_table".into(), &85.into())
    );
}

#[test]
fn a_batch_names_each_rows_file_and_each_table_its_own_output() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("out");
    for (table, format) in [
        ("parties", "csv"),
        ("diagnostics", "ndjson"),
        ("documents", "csv"),
    ] {
        actionplan()
            .args([
                "convert",
                "--quiet",
                COUNCIL,
                COMMISSION,
                "--format",
                format,
                "--table",
                table,
                "--out-dir",
            ])
            .arg(&out)
            .assert()
            .success();
    }
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap_or_default();
    // Two tables of one plan in one folder: neither overwrites the other.
    let parties = read("council-9819-21.parties.csv");
    assert!(
        parties.starts_with("file,reference,action,position,party,known,span_start,span_end\r\n")
    );
    assert_eq!(parties.lines().count(), 392);
    assert!(parties
        .lines()
        .skip(1)
        .all(|l| l.starts_with("fixtures/council-9819-21.txt,9819/21,")));
    let diagnostics = read("commission-com-2020-606.diagnostics.ndjson");
    assert_eq!(diagnostics.lines().count(), 16);
    for line in diagnostics.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        assert_eq!(row["file"], COMMISSION, "{line}");
    }
    assert!(diagnostics.starts_with("{\"file\":"));
    let documents = read("council-9819-21.documents.csv");
    assert!(
        documents.starts_with("file,reference,title,"),
        "{documents}"
    );
    assert!(!out.join("council-9819-21.csv").exists());
    // Without --table, the file is named as before.
    actionplan()
        .args([
            "convert",
            "--quiet",
            COUNCIL,
            "--format",
            "csv",
            "--out-dir",
        ])
        .arg(&out)
        .assert()
        .success();
    assert!(read("council-9819-21.csv").starts_with("file,reference,number,"));
    // A table with no rows still has its header, `file` first.
    actionplan()
        .args([
            "convert",
            "--quiet",
            COMMISSION,
            "--format",
            "csv",
            "--table",
            "glossary",
            "--out-dir",
        ])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        read("commission-com-2020-606.glossary.csv"),
        "file,reference,acronym,expansion,span_start,span_end\r\n"
    );
}
