//! `check --baseline FILE` and `check --write-baseline FILE`: the findings
//! a project has accepted, so that CI fails only on new ones.
//!
//! A finding is known by its key: its file, its code, its action and its
//! own data (the kind's fields, as serde writes them), never by its line,
//! column, span or message. Text inserted elsewhere in a file moves its
//! findings without changing their keys. Two findings with the same key
//! are the same finding twice: the baseline holds a count per key, and a
//! third one is new.

use actionplan::Diagnostic;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The version of the file format, written as its `version` field; a file
/// of another version is refused rather than misread.
const VERSION: u32 = 1;

/// Fields of a kind's data that the key leaves out, named here only:
/// - `first_line` (`duplicate-action-number`, `duplicate-footnote`): the
///   line of the first of two duplicates, which changes when text is
///   inserted above it (a test checks that no other field names a line);
/// - `suggestion` and `near` (did-you-mean hints): not the finding but a
///   guess at its fix, made from the rest of the plan (the one unused
///   footnote, the areas defined, the glossary) and from this program's
///   lists, so that editing elsewhere, or a newer version, may change it.
const LEFT_OUT: [&str; 3] = ["first_line", "suggestion", "near"];

/// A finding's identity across runs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The file as a URI relative to the working directory (as SARIF
    /// names it), so that `plans/a.txt`, `./plans/a.txt` and the folder
    /// `plans/` name the same file.
    file: String,
    code: String,
    action: Option<u32>,
    /// The data, as JSON with its object keys sorted.
    data: String,
}

impl Key {
    /// The key of `d`, found in the file `file` names (see
    /// [`super::sarif::uri`]).
    pub fn new(file: &str, d: &Diagnostic) -> Key {
        let mut data = match serde_json::to_value(&d.kind) {
            Ok(Value::Object(mut kind)) => kind.remove("data").unwrap_or(Value::Null),
            _ => Value::Null,
        };
        if let Value::Object(fields) = &mut data {
            for field in LEFT_OUT {
                fields.remove(field);
            }
        }
        Key {
            file: file.to_owned(),
            code: d.code().as_str().to_owned(),
            action: d.action,
            data: sorted(data).to_string(),
        }
    }

    /// Its parts as text, for a fingerprint.
    pub fn parts(&self) -> [String; 4] {
        let action = self.action.map(|a| a.to_string()).unwrap_or_default();
        [
            self.file.clone(),
            self.code.clone(),
            action,
            self.data.clone(),
        ]
    }
}

/// `value` with every object's keys in sorted order, whatever order the
/// JSON map keeps, so that the same data always gives the same text.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(sorted.into_iter().collect::<Map<String, Value>>())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The file: its version, and one entry per key.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// One key and how many findings have it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    code: String,
    action: Option<u32>,
    data: Value,
    count: usize,
}

/// Findings by key, each with how many times it was found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Baseline(BTreeMap<Key, usize>);

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline> {
        let origin = path.display();
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{origin}: cannot read"))?;
        let file: File = serde_json::from_str(&text)
            .with_context(|| format!("{origin}: not a baseline file"))?;
        if file.version != VERSION {
            bail!(
                "{origin}: a baseline of version {}; this actionplan reads version {VERSION}",
                file.version
            );
        }
        let mut baseline = Baseline::default();
        for entry in file.findings {
            let key = Key {
                file: entry.file,
                code: entry.code,
                action: entry.action,
                data: sorted(entry.data).to_string(),
            };
            *baseline.0.entry(key).or_default() += entry.count;
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON, one entry a line, sorted by file,
    /// code, action and data, so that a change to it reads well in a diff.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\n  \"version\": {VERSION},\n  \"findings\": [");
        for (i, (key, &count)) in self.0.iter().enumerate() {
            let entry = Entry {
                file: key.file.clone(),
                code: key.code.clone(),
                action: key.action,
                data: serde_json::from_str(&key.data).unwrap_or(Value::Null),
                count,
            };
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            out.push_str(&serde_json::to_string(&entry).unwrap_or_default());
        }
        out.push_str(if self.0.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        out
    }

    /// Records one finding of `key`.
    pub fn insert(&mut self, key: Key) {
        *self.0.entry(key).or_default() += 1;
    }

    /// Takes one finding of `key` out, if the baseline has one left: true
    /// when the finding is in the baseline.
    pub fn take(&mut self, key: &Key) -> bool {
        match self.0.get_mut(key) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actionplan::{DiagnosticKind, Span};

    fn diagnostic(kind: Value, line: usize) -> Diagnostic {
        let kind: DiagnosticKind = serde_json::from_value(kind).unwrap_or_else(|e| panic!("{e}"));
        let mut d = Diagnostic::new(kind, Span::new(line * 100, line * 100 + 8));
        d.line = line;
        d
    }

    /// A `duplicate-action-number` finding of Action 5 at `line`, naming
    /// its first one on `first_line`.
    fn duplicate(line: usize, first_line: usize) -> Diagnostic {
        let kind = serde_json::json!({"code": "duplicate-action-number",
            "data": {"action": 5, "first_line": first_line}});
        diagnostic(kind, line)
    }

    #[test]
    fn the_key_is_code_action_and_data_without_lines() {
        let (a, b) = (Key::new("p.txt", &duplicate(104, 101)), duplicate(110, 107));
        assert_eq!(a, Key::new("p.txt", &b));
        assert_ne!(a, Key::new("q.txt", &b));
        assert_eq!(a.data, r#"{"action":5}"#);
        // The suggestion is a hint, not the finding.
        let party = |name: &str, suggestion: Option<&str>| {
            let kind = serde_json::json!({"code": "unknown-party", "data": {
                "action": 3, "name": name, "suggestion": suggestion}});
            Key::new("p.txt", &diagnostic(kind, 1))
        };
        assert_eq!(party("Interpol", None), party("Interpol", Some("Europol")));
        assert_ne!(party("Interpol", None), party("EMCCDA", None));
        assert_eq!(party("EMCCDA", None).action, Some(3));
        assert_eq!(
            party("EMCCDA", None).data,
            r#"{"action":3,"name":"EMCCDA"}"#
        );
    }

    /// No kind's data has a field that names a line, an offset or a span other than
    /// those the key leaves out: the schema lists every kind's fields (a
    /// new kind with a `line` field fails here until it is left out too).
    #[test]
    fn every_positional_field_is_left_out_of_the_key() {
        let schema = serde_json::to_value(schemars::schema_for!(DiagnosticKind))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut names = Vec::new();
        field_names(&schema, &mut names);
        assert!(names.iter().any(|n| n == "first_line"), "{names:?}");
        assert!(names.iter().any(|n| n == "suggestion"), "{names:?}");
        for name in &names {
            // (`column` and `columns` are a table's: `empty-cell`'s
            // timetable column, `missing-cell`'s count.)
            let positional =
                (name.split('_')).any(|word| matches!(word, "line" | "lines" | "offset" | "span"));
            assert!(
                !positional || LEFT_OUT.contains(&name.as_str()),
                "{name} names a place in the source but is part of the key"
            );
        }
    }

    /// The names of every object property in `schema`.
    fn field_names(schema: &Value, names: &mut Vec<String>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    names.extend(properties.keys().cloned());
                }
                map.values().for_each(|v| field_names(v, names));
            }
            Value::Array(items) => items.iter().for_each(|v| field_names(v, names)),
            _ => {}
        }
    }

    #[test]
    fn the_baseline_counts_each_key_and_reads_back_what_it_wrote() {
        let mut baseline = Baseline::default();
        let key = Key::new("p.txt", &duplicate(104, 101));
        baseline.insert(key.clone());
        baseline.insert(key.clone());
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, baseline.to_json()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap_or_default(),
            "{\n  \"version\": 1,\n  \"findings\": [\n    {\"file\":\"p.txt\",\
             \"code\":\"duplicate-action-number\",\"action\":5,\"data\":{\"action\":5},\
             \"count\":2}\n  ]\n}\n"
        );
        let mut read = Baseline::read(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read, baseline);
        assert!(read.take(&key) && read.take(&key));
        assert!(!read.take(&key), "a third finding is new");

        std::fs::write(&path, Baseline::default().to_json()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Baseline::read(&path).ok(), Some(Baseline::default()));
        std::fs::write(&path, r#"{"version": 2, "findings": []}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        let error = Baseline::read(&path).err().map(|e| format!("{e:#}"));
        assert!(error.is_some_and(|e| e.contains("version 2")));
    }
}
