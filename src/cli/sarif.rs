//! `check --format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! The few objects SARIF needs here, written as serde structs. The
//! `serde-sarif` crate (0.8, maintained) types the whole standard, but
//! generates its types in a build script (syn, prettyplease, schemafy) and
//! brings strum and typed-builder: more to compile for every build of the
//! CLI than these hundred lines are to read. The test validates the output
//! against the official schema either way.

use super::baseline::Key;
use super::check::Finding;
use actionplan::{Code, Severity};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Component, Path};

#[derive(Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    results: Vec<Result>,
    /// Columns count characters (Unicode code points), as `check`'s do.
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

/// One diagnostic code.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Result {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: Fingerprints,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Fingerprints {
    /// See [`fingerprint`].
    #[serde(rename = "actionplanFinding/v1")]
    finding: String,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The log of one `check` run: every code as a rule, every finding as a
/// result.
pub fn log(findings: &[Finding]) -> Log {
    let rules = Code::ALL
        .iter()
        .map(|&code| Rule {
            id: code.as_str(),
            short_description: Text {
                text: code.description().to_owned(),
            },
            help: Text {
                text: code.description().to_owned(),
            },
            default_configuration: Configuration {
                level: level(code.severity()),
            },
        })
        .collect();
    // How many findings of each key came before: the same finding twice
    // is told apart by its occurrence, as GitHub's own fingerprints are.
    let mut occurrences: HashMap<&Key, usize> = HashMap::new();
    let results = findings
        .iter()
        .map(|f| Result {
            rule_id: f.code.as_str(),
            rule_index: Code::ALL.iter().position(|&c| c == f.code).unwrap_or(0),
            level: level(f.severity),
            message: Text {
                text: f.message.clone(),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: uri(&f.path) },
                    region: Region {
                        start_line: f.line,
                        start_column: f.column,
                        end_line: f.end_line,
                        end_column: f.end_column,
                    },
                },
            }],
            partial_fingerprints: Fingerprints {
                finding: {
                    let occurrence = occurrences.entry(&f.key).or_default();
                    *occurrence += 1;
                    format!("{}:{occurrence}", fingerprint(&f.key.parts()))
                },
            },
        })
        .collect();
    Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "actionplan",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    }
}

/// The file as a URI reference: relative to the working directory where
/// it lies under it (`fixtures/plan.txt`), else a `file://` URI; `stdin`
/// for standard input.
pub fn uri(path: &Path) -> String {
    if path == Path::new("-") {
        return "stdin".to_owned();
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let relative = match path.is_absolute() {
        true => path.strip_prefix(&cwd).ok(),
        false => Some(path),
    };
    let (prefix, path) = match relative {
        Some(relative) => ("", relative),
        None => ("file://", path),
    };
    let mut uri = prefix.to_owned();
    for component in path.components() {
        match component {
            Component::CurDir => continue,
            Component::RootDir => uri.push('/'),
            Component::Normal(part) => {
                if !uri.is_empty() && !uri.ends_with('/') {
                    uri.push('/');
                }
                uri.push_str(&escape(&part.to_string_lossy()));
            }
            Component::ParentDir => {
                if !uri.is_empty() && !uri.ends_with('/') {
                    uri.push('/');
                }
                uri.push_str("..");
            }
            Component::Prefix(prefix) => {
                uri.push_str(&escape(&prefix.as_os_str().to_string_lossy()))
            }
        }
    }
    uri
}

/// Percent-encodes what may not stand in a URI path segment.
fn escape(part: &str) -> String {
    let mut out = String::new();
    for byte in part.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A finding's identity across runs: 64-bit FNV-1a (fixed, unlike the
/// standard library's seeded hash) over the parts of its baseline key
/// (file, code, action, data), each ended by a 0 byte; `check --baseline`
/// and GitHub's code scanning thus know a finding by the same things. Not
/// its line: a finding stays itself when text above it moves it.
fn fingerprint(parts: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
