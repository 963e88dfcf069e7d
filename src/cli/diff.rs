//! `actionplan diff`: what changed between two revisions; exit 0 (same),
//! 1 (different) or 2 (an input cannot be read), like `diff`.

use super::Reading;
use actionplan::diff::{diff, ActionChange, Change, Key, MetaField, Op, PlanDiff, Segment};
use anyhow::Result;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The old revision.
    old: PathBuf,
    /// The new revision.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    reading: Reading,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Readable, coloured on a terminal, plain in a CI log.
    Human,
    /// One JSON object.
    Json,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (_, old) = args.reading.load(&args.old)?;
    let (_, new) = args.reading.load(&args.new)?;
    let changes = diff(&old, &new);
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&changes)? + "\n",
        Format::Human => human(&changes, super::output::colour()),
    };
    super::output::Stdout::new().write_all(text.as_bytes())?;
    Ok(if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    /// Deleted words: red on a terminal, `[-…-]` otherwise.
    fn deleted(&self, text: &str) -> String {
        if self.color {
            self.paint("31;9", text)
        } else {
            format!("[-{text}-]")
        }
    }
    /// Inserted words: green on a terminal, `{+…+}` otherwise.
    fn inserted(&self, text: &str) -> String {
        if self.color {
            self.paint("32", text)
        } else {
            format!("{{+{text}+}}")
        }
    }
}

/// A word diff on one line, the markers hugging the words (spaces around a
/// change stay outside its marker).
fn words(style: &Style, diff: &[Segment]) -> String {
    diff.iter()
        .map(|s| {
            let core = s.text.trim();
            if s.op == Op::Equal || core.is_empty() {
                // Equal text, or a change of spacing only: show the new spacing.
                return if s.op == Op::Delete {
                    String::new()
                } else {
                    s.text.clone()
                };
            }
            let start = s.text.len() - s.text.trim_start().len();
            let end = s.text.trim_end().len();
            let (head, tail) = (
                s.text.get(..start).unwrap_or_default(),
                s.text.get(end..).unwrap_or_default(),
            );
            let marked = if s.op == Op::Delete {
                style.deleted(core)
            } else {
                style.inserted(core)
            };
            format!("{head}{marked}{tail}")
        })
        .collect()
}

fn human(d: &PlanDiff, color: bool) -> String {
    let style = Style { color };
    let mut out = String::new();
    let changed = d.matched.iter().filter(|p| !p.changes.is_empty()).count();
    for pair in d.matched.iter().filter(|p| !p.changes.is_empty()) {
        // Two decimals; only the same words show as 1.00.
        let similarity = match pair.similarity < 1.0 {
            true => pair.similarity.min(0.99),
            false => 1.0,
        };
        let mut head = format!(
            "Action {} → {} (similarity {similarity:.2}",
            pair.old, pair.new
        );
        if pair.split {
            head.push_str(", split");
        }
        if pair.merged {
            head.push_str(", merged");
        }
        if (pair.split || pair.merged) && pair.primary {
            head.push_str(", primary");
        }
        head.push(')');
        let _ = writeln!(out, "{}", style.paint("1", &head));
        for change in &pair.changes {
            match change {
                ActionChange::Number { old, new } => {
                    let _ = writeln!(out, "  number: {old} → {new}");
                }
                ActionChange::Text { diff } => {
                    let _ = writeln!(out, "  text: {}", words(&style, diff));
                }
                ActionChange::Parties { added, removed } => {
                    let _ = writeln!(out, "  parties: {}", plus_minus(&style, added, removed));
                }
                ActionChange::Timetable { old, new } => {
                    let _ = writeln!(out, "  timetable: {} → {}", or_empty(old), or_empty(new));
                }
                ActionChange::PriorityAreas { added, removed } => {
                    let _ = writeln!(
                        out,
                        "  priority areas: {}",
                        plus_minus(&style, added, removed)
                    );
                }
                ActionChange::StrategicPriority { old, new } => {
                    let _ = writeln!(
                        out,
                        "  strategic priority: {} → {}",
                        or_none(old),
                        or_none(new)
                    );
                }
                ActionChange::Objective { old, new } => {
                    let _ = writeln!(out, "  objective: {} → {}", or_none(old), or_none(new));
                }
                ActionChange::Section { old, new } => {
                    let _ = writeln!(out, "  section: {} → {}", or_none(old), or_none(new));
                }
                ActionChange::Footnotes { added, removed } => {
                    let (added, removed) = (numbers(added), numbers(removed));
                    let _ = writeln!(out, "  footnotes: {}", plus_minus(&style, &added, &removed));
                }
                ActionChange::Entries {
                    column,
                    added,
                    removed,
                } => {
                    let line = plus_minus(&style, added, removed);
                    let _ = writeln!(out, "  {}: {line}", column.name());
                }
                ActionChange::Cell {
                    column,
                    header,
                    old,
                    new,
                } => {
                    let name = header.as_deref().unwrap_or(column.name());
                    let (old, new) = (old.as_deref().unwrap_or(""), new.as_deref().unwrap_or(""));
                    let _ = writeln!(out, "  {name}: {} → {}", or_empty(old), or_empty(new));
                }
                // A change a later version of the library adds: its JSON.
                other => {
                    let json = serde_json::to_string(other).unwrap_or_default();
                    let _ = writeln!(out, "  {json}");
                }
            }
        }
        out.push('\n');
    }
    for (colour, label, numbers) in [
        ("31", "removed actions:", &d.removed),
        ("32", "added actions:", &d.added),
    ] {
        if !numbers.is_empty() {
            let _ = writeln!(out, "{} {}\n", style.paint(colour, label), join(numbers));
        }
    }
    other_changes(&style, d, &mut out);
    let others = d.other_changes();
    let _ = writeln!(
        out,
        "{} matched ({changed} changed), {} added, {} removed; {others} other change{}",
        d.matched.len(),
        d.added.len(),
        d.removed.len(),
        if others == 1 { "" } else { "s" }
    );
    out
}

/// The changes outside the actions, one a line, in the order of the
/// plan: cover, introduction, headings, priority areas, footnotes,
/// indicators, glossary, then footnote markers.
fn other_changes(style: &Style, d: &PlanDiff, out: &mut String) {
    for c in &d.meta {
        let _ = writeln!(out, "{}", meta_change(style, c));
    }
    for (name, changes) in [
        ("introduction paragraph", &d.introduction),
        ("section", &d.sections),
        ("strategic priority", &d.strategic_priorities),
        ("objective", &d.objectives),
    ] {
        for c in changes.iter() {
            let _ = writeln!(out, "{}", other_change(style, name, c));
        }
    }
    for c in &d.strategic_priority_sections {
        let what = format!("strategic priority {}: section", c.key);
        let _ = writeln!(out, "{}", transition(style, "moved", &what, c));
    }
    for (name, changes) in [
        ("priority area", &d.priority_areas),
        ("footnote", &d.footnotes),
        ("indicator", &d.indicators),
        ("glossary entry", &d.glossary),
    ] {
        for c in changes.iter() {
            let _ = writeln!(out, "{}", other_change(style, name, c));
        }
    }
    for c in &d.footnote_refs {
        let what = format!("footnote markers in {}:", c.key);
        let _ = writeln!(out, "{}", transition(style, "changed", &what, c));
    }
}

/// `verb what old → new`, a missing side written `none`.
fn transition(style: &Style, verb: &str, what: &str, c: &Change) -> String {
    let (old, new) = (c.old.as_deref(), c.new.as_deref());
    let (old, new) = (old.unwrap_or("none"), new.unwrap_or("none"));
    format!("{} {what} {old} → {new}", style.paint("33", verb))
}

fn join(numbers: &[u32]) -> String {
    numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn plus_minus(style: &Style, added: &[String], removed: &[String]) -> String {
    let mut parts: Vec<String> = added
        .iter()
        .map(|a| style.paint("32", &format!("+{a}")))
        .collect();
    parts.extend(removed.iter().map(|r| style.paint("31", &format!("-{r}"))));
    parts.join(", ")
}

/// Footnote numbers as text, for [`plus_minus`].
fn numbers(numbers: &[u32]) -> Vec<String> {
    numbers.iter().map(u32::to_string).collect()
}

/// A number that may be missing (an action outside any strategic priority).
fn or_none(number: &Option<u32>) -> String {
    number.map_or("none".to_owned(), |n| n.to_string())
}

/// An empty cell, shown as such rather than as nothing.
fn or_empty(text: &str) -> &str {
    if text.is_empty() {
        "(empty)"
    } else {
        text
    }
}

fn other_change(style: &Style, name: &str, c: &Change) -> String {
    // `6 → 9` when renumbered.
    let key = match &c.old_key {
        Some(old) => format!("{old} → {}", c.key),
        None => c.key.to_string(),
    };
    // An element with no text (a priority area the text does not
    // describe) is named alone.
    let text = |text: &str| match text.is_empty() {
        true => String::new(),
        false => format!(": {text}"),
    };
    match (&c.old, &c.new) {
        (None, Some(new)) => format!("{} {name} {key}{}", style.paint("32", "added"), text(new)),
        (Some(old), None) => {
            let removed = style.paint("31", "removed");
            format!("{removed} {name} {key}{}", text(old))
        }
        (Some(old), Some(new)) if old == new => {
            // A paragraph's number is its place, not a printed number.
            let verb = match c.key {
                Key::Paragraph { .. } => "moved",
                _ => "renumbered",
            };
            format!("{} {name} {key}", style.paint("33", verb))
        }
        (Some(old), Some(new)) => {
            let diff = actionplan::diff::word_diff(old, new);
            let change = style.paint("33", "changed");
            format!("{change} {name} {key}: {}", words(style, &diff))
        }
        (None, None) => String::new(),
    }
}

/// A metadata field added, removed or changed: `changed date: 2021-06-21 →
/// 2021-06-22`, or as a word diff when the two values share most words
/// (an edited cover note).
fn meta_change(style: &Style, c: &Change) -> String {
    let field = match &c.key {
        Key::Meta {
            field: MetaField::From,
        } => "sender".to_owned(),
        Key::Meta {
            field: MetaField::To,
        } => "recipients".to_owned(),
        key => key.to_string().replace('_', " "),
    };
    match (&c.old, &c.new) {
        (None, Some(new)) => format!("{} {field}: {new}", style.paint("32", "added")),
        (Some(old), None) => format!("{} {field}: {old}", style.paint("31", "removed")),
        (Some(old), Some(new)) => {
            let diff = actionplan::diff::word_diff(old, new);
            let values = match mostly_equal(&diff) {
                true => words(style, &diff),
                false => format!("{old} → {new}"),
            };
            format!("{} {field}: {values}", style.paint("33", "changed"))
        }
        (None, None) => String::new(),
    }
}

/// True when at least half of the longer text is left as it was.
fn mostly_equal(diff: &[Segment]) -> bool {
    let length = |op: Op| -> usize {
        let runs = diff.iter().filter(|s| s.op == op || s.op == Op::Equal);
        runs.map(|s| s.text.len()).sum()
    };
    2 * length(Op::Equal) >= length(Op::Delete).max(length(Op::Insert))
}
