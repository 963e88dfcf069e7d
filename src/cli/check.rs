//! `actionplan check`: diagnostics in rustc style, as JSON, or as GitHub
//! Actions workflow commands; exit code 0, 1 or 2.

use super::{display_name, Reading};
use actionplan::{Diagnostic, LineIndex, Severity};
use anyhow::Result;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Plan texts to check (`-` reads standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    reading: Reading,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// rustc-style reports with the source line and a marker.
    Human,
    /// A JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow commands.
    Github,
}

/// A diagnostic as `--format json` prints it.
#[derive(Serialize)]
struct JsonDiagnostic {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: Severity,
    code: &'static str,
    message: String,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut unreadable = 0;
    let mut failing = false;
    let mut counts = [0usize; 3];
    let mut json = Vec::new();
    let stdout = super::output::Stdout::new();
    // One writer for everything, so that reports and lines keep their order.
    let mut out: Box<dyn WriteColor> = match super::output::colour() {
        true => Box::new(Ansi::new(stdout)),
        false => Box::new(NoColor::new(stdout)),
    };
    for path in &args.files {
        let name = display_name(path);
        let (text, plan) = match args.reading.load(path) {
            Ok(loaded) => loaded,
            Err(error) => {
                eprintln!("actionplan: {error:#}");
                unreadable += 1;
                continue;
            }
        };
        let index = LineIndex::new(&text);
        // Read once per file: the reports quote its lines.
        let file = SimpleFile::new(name.as_str(), lone_returns_as_newlines(&text));
        for d in &plan.diagnostics {
            counts[d.severity as usize] += 1;
            failing |=
                d.severity == Severity::Error || (args.strict && d.severity == Severity::Warning);
            match args.format {
                Format::Human => human(&mut *out, &file, d)?,
                Format::Json => json.push(to_json(&name, &text, &index, d)),
                Format::Github => writeln!(out, "{}", github(&name, &text, &index, d))?,
            }
        }
    }
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?,
        _ => {
            let [notes, warnings, errors] = counts;
            let checked = args.files.len() - unreadable;
            let mut summary = format!(
                "{checked} file{} checked: {errors} error{}, {warnings} warning{}, {notes} note{}",
                plural(checked),
                plural(errors),
                plural(warnings),
                plural(notes)
            );
            if unreadable > 0 {
                summary.push_str(&format!("; {unreadable} could not be read"));
            }
            if args.format == Format::Human {
                writeln!(out, "{summary}")?;
            } else {
                eprintln!("{summary}");
            }
        }
    }
    Ok(ExitCode::from(if unreadable > 0 {
        2
    } else if failing {
        1
    } else {
        0
    }))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `text` with each lone `\r` (an old Mac line end) made a `\n`, so that the
/// report's lines are the parser's; offsets are unchanged.
fn lone_returns_as_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for i in memchr::memchr_iter(b'\r', text.as_bytes()) {
        if text.as_bytes().get(i + 1) != Some(&b'\n') {
            if let Some(byte) = bytes.get_mut(i) {
                *byte = b'\n';
            }
        }
    }
    // One ASCII byte for another: still UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

fn human(
    out: &mut dyn WriteColor,
    file: &SimpleFile<&str, Cow<'_, str>>,
    d: &Diagnostic,
) -> Result<()> {
    let report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
        Severity::Note => Report::note(),
    };
    let report = report
        .with_code(d.code().as_str())
        .with_message(&d.message)
        .with_labels(vec![Label::primary((), d.span.range())]);
    term::emit(out, &Config::default(), file, &report)?;
    Ok(())
}

fn to_json(name: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> JsonDiagnostic {
    let end = index.position(text, d.span.end);
    JsonDiagnostic {
        file: name.to_owned(),
        line: d.line,
        column: d.column,
        end_line: end.line,
        end_column: end.column,
        severity: d.severity,
        code: d.code().as_str(),
        message: d.message.clone(),
    }
}

/// A GitHub Actions workflow command (`::error file=…,line=…::message`).
fn github(name: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let end = index.position(text, d.span.end);
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(name),
        d.line,
        d.column,
        end.line,
        end.column,
        escape_property(d.code().as_str()),
        escape_data(&d.message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
