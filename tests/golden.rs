//! Golden pairs: each folder of `tests/golden/` holds a short input
//! (`input.txt`) that shows one feature, and what the parser reads from it:
//!
//! - `expected.json`, the plan's JSON without its diagnostics, every span
//!   written as `"START..END `text`"`, the bytes it covers followed by
//!   the source text they hold, so that a reader checks a span by
//!   reading it;
//! - `expected.diagnostics`, one line per diagnostic:
//!   `LINE:COLUMN severity code: message`.
//!
//! `tests/golden/README.md` says in one line what each pair shows. A
//! failure prints a diff of each file that differs, for every pair at
//! once. `GOLDEN_BLESS=1 cargo test --test golden` writes the expected
//! files from what the parser reads now: a written file is a claim only
//! once it has been read against its input.

use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The folder of the golden pairs.
fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The pairs' names: the folders of `tests/golden/`, in order.
fn pairs() -> Vec<String> {
    let entries = std::fs::read_dir(golden_dir()).expect("tests/golden/ is readable");
    let mut names: Vec<String> = entries
        .map(|entry| entry.expect("an entry of tests/golden/"))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The plan's JSON without its diagnostics, each span as its bytes and
/// their text.
fn expected_json(plan: &Value, source: &str) -> String {
    let mut plan = plan.clone();
    plan.as_object_mut()
        .expect("a plan is a JSON object")
        .remove("diagnostics");
    show_spans(&mut plan, false, source);
    let mut out = String::new();
    write_value(&mut out, &plan, 0, 0);
    out.push('\n');
    out
}

/// Replaces each span in `value` (the value of a `span` key, and every
/// span under a `spans` key) by `"START..END `text`"`. Spans are known by
/// their key, not by their shape: a period (`{start, end}`) is years.
fn show_spans(value: &mut Value, is_span: bool, source: &str) {
    match value {
        Value::Object(map) if is_span => {
            let offset = |key: &str| {
                let n = map.get(key).and_then(Value::as_u64);
                let n = n.unwrap_or_else(|| panic!("a span has a {key}: {map:?}"));
                usize::try_from(n).expect("a span's offset fits in usize")
            };
            let (start, end) = (offset("start"), offset("end"));
            let text = source.get(start..end).unwrap_or("<not in the source>");
            *value = Value::String(format!("{start}..{end} `{text}`"));
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match (key.as_str(), item) {
                    ("spans", Value::Object(spans)) => spans
                        .values_mut()
                        .for_each(|span| show_spans(span, true, source)),
                    (key, item) => show_spans(item, key == "span", source),
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| show_spans(item, is_span, source)),
        _ => {}
    }
}

/// The widest line [`write_value`] writes a value on whole.
const WIDTH: usize = 100;

/// `value` as JSON: on one line where it fits in [`WIDTH`] from `column`
/// (already written) on, else one member per line at `indent`.
fn write_value(out: &mut String, value: &Value, indent: usize, column: usize) {
    let inline = one_line(value);
    let pad = |n: usize| " ".repeat(n);
    match value {
        Value::Array(items) if column + inline.len() > WIDTH && !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(indent + 2));
                write_value(out, item, indent + 2, indent + 2);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        Value::Object(map) if column + inline.len() > WIDTH && !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                let key = format!("{}: ", Value::String(key.clone()));
                out.push_str(&pad(indent + 2));
                out.push_str(&key);
                write_value(out, item, indent + 2, indent + 2 + key.len());
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
        _ => out.push_str(&inline),
    }
}

/// `value` as JSON on one line, a space after each `,` and `:`.
fn one_line(value: &Value) -> String {
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(one_line).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let members: Vec<String> = (map.iter())
                .map(|(key, item)| format!("{}: {}", Value::String(key.clone()), one_line(item)))
                .collect();
            format!("{{{}}}", members.join(", "))
        }
        scalar => scalar.to_string(),
    }
}

/// The plan's diagnostics, one line each: `LINE:COLUMN severity code: message`.
fn expected_diagnostics(plan: &Value) -> String {
    let diagnostics = plan["diagnostics"]
        .as_array()
        .expect("a list of diagnostics");
    let mut out = String::new();
    for d in diagnostics {
        let text = |key: &str| d[key].as_str().unwrap_or_else(|| panic!("no {key}: {d}"));
        let number = |key: &str| d[key].as_u64().unwrap_or_else(|| panic!("no {key}: {d}"));
        let (line, column) = (number("line"), number("column"));
        let (severity, code, message) = (text("severity"), text("code"), text("message"));
        writeln!(out, "{line}:{column} {severity} {code}: {message}").expect("a String");
    }
    out
}

/// What differs between `expected` and `actual`, as a unified diff.
fn diff(name: &str, expected: &str, actual: &str) -> String {
    let diff = similar::TextDiff::from_lines(expected, actual);
    let expected_name = format!("{name} (expected)");
    let actual_name = format!("{name} (read now)");
    (diff.unified_diff())
        .header(&expected_name, &actual_name)
        .to_string()
}

#[test]
fn every_golden_pair_reads_as_expected() {
    let bless = std::env::var_os("GOLDEN_BLESS").is_some();
    let mut failures = Vec::new();
    let names = pairs();
    for name in &names {
        let dir = golden_dir().join(name);
        let input = std::fs::read_to_string(dir.join("input.txt"))
            .unwrap_or_else(|e| panic!("{name}/input.txt: {e}"));
        let plan = actionplan::parse(&input).unwrap_or_else(|e| panic!("{name}: not a plan: {e}"));
        let plan = serde_json::to_value(&plan).expect("the plan serialises");
        let files = [
            ("expected.json", expected_json(&plan, &input)),
            ("expected.diagnostics", expected_diagnostics(&plan)),
        ];
        for (file, actual) in files {
            let path = dir.join(file);
            if bless {
                std::fs::write(&path, &actual).unwrap_or_else(|e| panic!("{name}/{file}: {e}"));
                continue;
            }
            let expected = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{name}/{file}: {e} (GOLDEN_BLESS=1 writes it)"));
            if expected != actual {
                failures.push(diff(&format!("{name}/{file}"), &expected, &actual));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden files differ from what the parser reads now:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(names.len() >= 20, "{} golden pairs", names.len());
}

#[test]
fn the_readme_says_what_each_pair_shows() {
    let readme = std::fs::read_to_string(golden_dir().join("README.md"))
        .expect("tests/golden/README.md is readable");
    // `- `name` — what it shows`
    let listed: Vec<String> = (readme.lines())
        .filter_map(|line| line.strip_prefix("- `"))
        .filter_map(|line| line.split_once("` — "))
        .filter(|(_, intent)| !intent.trim().is_empty())
        .map(|(name, _)| name.to_owned())
        .collect();
    assert_eq!(listed, pairs());
}
