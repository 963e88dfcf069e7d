//! `actionplan check`: diagnostics in rustc style, as JSON, or as GitHub
//! Actions workflow commands; exit code 0, 1 or 2.

use super::{display_name, Reading};
use actionplan::{Diagnostic, LineIndex, Severity};
use anyhow::Result;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use codespan_reporting::term::{self, Config};
use serde::Serialize;
use std::io::{IsTerminal, Write};
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
    let mut unreadable = false;
    let mut failing = false;
    let mut counts = [0usize; 3];
    let mut json = Vec::new();
    let stdout = std::io::stdout();
    let color = if std::io::stdout().is_terminal() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut styled = StandardStream::stdout(color);
    for path in &args.files {
        let name = display_name(path);
        let (text, plan) = match args.reading.load(path) {
            Ok(loaded) => loaded,
            Err(error) => {
                eprintln!("actionplan: {error:#}");
                unreadable = true;
                continue;
            }
        };
        let index = LineIndex::new(&text);
        for d in &plan.diagnostics {
            counts[d.severity as usize] += 1;
            failing |=
                d.severity == Severity::Error || (args.strict && d.severity == Severity::Warning);
            match args.format {
                Format::Human => human(&mut styled, &name, &text, d)?,
                Format::Json => json.push(to_json(&name, &text, &index, d)),
                Format::Github => writeln!(stdout.lock(), "{}", github(&name, &text, &index, d))?,
            }
        }
    }
    match args.format {
        Format::Json => writeln!(stdout.lock(), "{}", serde_json::to_string_pretty(&json)?)?,
        _ => {
            let [notes, warnings, errors] = counts;
            let summary = format!(
                "{} file{} checked: {errors} error{}, {warnings} warning{}, {notes} note{}",
                args.files.len(),
                plural(args.files.len()),
                plural(errors),
                plural(warnings),
                plural(notes)
            );
            if args.format == Format::Human {
                writeln!(stdout.lock(), "{summary}")?;
            } else {
                eprintln!("{summary}");
            }
        }
    }
    Ok(ExitCode::from(if unreadable {
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

fn human(out: &mut StandardStream, name: &str, text: &str, d: &Diagnostic) -> Result<()> {
    let file = SimpleFile::new(name, text);
    let report = match d.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
        Severity::Note => Report::note(),
    };
    let report = report
        .with_code(d.code.as_str())
        .with_message(&d.message)
        .with_labels(vec![Label::primary((), d.span.range())]);
    term::emit(&mut out.lock(), &Config::default(), &file, &report)?;
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
        code: d.code.as_str(),
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
        escape_property(d.code.as_str()),
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
