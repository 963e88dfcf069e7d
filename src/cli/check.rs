//! `actionplan check`: diagnostics in rustc style, as JSON, as GitHub
//! Actions workflow commands or as SARIF; exit code 0, 1 or 2. With a
//! baseline, only the findings not in it.

use super::baseline::{Baseline, Key};
use super::excerpt::Excerpt;
use super::inputs::Folders;
use super::levels::{LevelArgs, Levels};
use super::{display_name, is_not_a_plan, Reading};
use actionplan::{Code, Diagnostic, LineIndex, Severity};
use anyhow::{Context, Result};
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Plan texts or folders to check (`-` reads standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    strict: bool,
    /// Report only the findings not recorded in FILE (see
    /// `--write-baseline`); those in it are counted in the summary.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record every finding reported in FILE, a baseline for later runs
    /// (then report as `--baseline FILE` would: nothing but the count).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    #[command(flatten)]
    levels: LevelArgs,
    #[command(flatten)]
    folders: Folders,
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
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

/// A diagnostic as `--format json` prints it.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: Severity,
    code: &'static str,
    message: &'a str,
}

/// A diagnostic at the level it is reported with, and where it is, for
/// the formats that print all files' findings at the end.
pub struct Finding {
    pub path: PathBuf,
    pub name: String,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Its identity across runs, as the baseline knows it.
    pub key: Key,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let levels = Levels::load(&args.levels)?;
    let mut baseline = match &args.baseline {
        Some(path) => Some(Baseline::read(path)?),
        None => None,
    };
    let mut written = args.write_baseline.as_ref().map(|_| Baseline::default());
    let mut in_baseline = 0;
    let inputs = args.folders.expand(&args.files)?;
    let (mut checked, mut unreadable, mut skipped) = (0, 0, 0);
    let mut failing = false;
    let mut counts = [0usize; 3];
    let mut findings = Vec::new();
    let stdout = super::output::Stdout::new();
    // One writer for everything, so that reports and lines keep their order.
    let mut out: Box<dyn WriteColor> = match super::output::colour() {
        true => Box::new(Ansi::new(stdout)),
        false => Box::new(NoColor::new(stdout)),
    };
    for input in &inputs {
        let path = &input.path;
        let name = display_name(path);
        let (text, plan) = match args.reading.load(path) {
            Ok(loaded) => loaded,
            Err(error) if input.from_folder && is_not_a_plan(&error) => {
                eprintln!("actionplan: {error:#}; skipped");
                skipped += 1;
                continue;
            }
            Err(error) => {
                eprintln!("actionplan: {error:#}");
                unreadable += 1;
                continue;
            }
        };
        checked += 1;
        let file = super::sarif::uri(path);
        let index = LineIndex::new(&text);
        // Read once per file: the reports quote its lines.
        let source = lone_returns_as_newlines(&text);
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1))
            .collect();
        for d in &plan.diagnostics {
            let Some(severity) = levels.severity(d) else {
                continue;
            };
            let key = Key::new(&file, d);
            if let Some(written) = &mut written {
                written.insert(key);
                in_baseline += 1;
                continue;
            }
            if baseline.as_mut().is_some_and(|b| b.take(&key)) {
                in_baseline += 1;
                continue;
            }
            counts[severity as usize] += 1;
            failing |=
                severity == Severity::Error || (args.strict && severity == Severity::Warning);
            if args.format == Format::Human {
                let excerpt = Excerpt::new(&name, &source, &line_starts, d.span.range());
                human(&mut *out, excerpt, severity, d)?;
                continue;
            }
            let end = index.position(&text, d.span.end);
            findings.push(Finding {
                path: path.clone(),
                name: name.clone(),
                severity,
                code: d.code(),
                message: d.message.clone(),
                line: d.line,
                column: d.column,
                end_line: end.line,
                end_column: end.column,
                key,
            });
        }
    }
    let [notes, warnings, errors] = counts;
    let mut summary = format!(
        "{checked} file{} checked: {errors} error{}, {warnings} warning{}, {notes} note{}",
        plural(checked),
        plural(errors),
        plural(warnings),
        plural(notes)
    );
    if let (Some(path), Some(written)) = (&args.write_baseline, &written) {
        std::fs::write(path, written.to_json())
            .with_context(|| format!("{}: cannot write the baseline", path.display()))?;
    }
    if baseline.is_some() || written.is_some() {
        summary.push_str(&format!("; {in_baseline} in the baseline"));
    }
    if unreadable > 0 {
        summary.push_str(&format!("; {unreadable} could not be read"));
    }
    if skipped > 0 {
        summary.push_str(&format!("; {skipped} skipped (not plans)"));
    }
    match args.format {
        Format::Human => writeln!(out, "{summary}")?,
        Format::Json => {
            let json: Vec<JsonDiagnostic> = findings.iter().map(to_json).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Format::Github => {
            github(&mut *out, &mut findings)?;
            eprintln!("{summary}");
        }
        Format::Sarif => {
            let log = super::sarif::log(&findings);
            writeln!(out, "{}", serde_json::to_string_pretty(&log)?)?;
            eprintln!("{summary}");
        }
    }
    Ok(ExitCode::from(if unreadable > 0 || checked == 0 {
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
    (excerpt, range): (Excerpt, Range<usize>),
    severity: Severity,
    d: &Diagnostic,
) -> Result<()> {
    let report = match severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
        Severity::Note => Report::note(),
    };
    let report = report
        .with_code(d.code().as_str())
        .with_message(&d.message)
        .with_labels(vec![Label::primary((), range)]);
    term::emit(out, &Config::default(), &excerpt, &report)?;
    Ok(())
}

fn to_json(f: &Finding) -> JsonDiagnostic<'_> {
    JsonDiagnostic {
        file: &f.name,
        line: f.line,
        column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
        severity: f.severity,
        code: f.code.as_str(),
        message: &f.message,
    }
}

/// How many annotations of one kind GitHub shows for a step; it drops the
/// rest.
const ANNOTATIONS: usize = 10;

/// GitHub Actions workflow commands (`::error file=…,line=…::message`),
/// errors first. Past [`ANNOTATIONS`] of a kind the findings are plain log
/// lines, which GitHub keeps, and a last `::notice` says how many.
fn github(out: &mut dyn WriteColor, findings: &mut [Finding]) -> Result<()> {
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let mut annotated = [0usize; 3];
    let mut plain = 0;
    for f in findings.iter() {
        let shown = &mut annotated[f.severity as usize];
        if *shown < ANNOTATIONS {
            *shown += 1;
            writeln!(out, "{}", command(f))?;
        } else {
            plain += 1;
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                f.name, f.line, f.column, f.severity, f.code, f.message
            )?;
        }
    }
    if plain > 0 {
        writeln!(
            out,
            "::notice title=actionplan::{plain} more finding{} not annotated (GitHub shows {ANNOTATIONS} of each kind): see the log",
            plural(plain)
        )?;
    }
    Ok(())
}

/// A GitHub Actions workflow command for one finding.
fn command(f: &Finding) -> String {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&f.name),
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        escape_property(f.code.as_str()),
        escape_data(&f.message)
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
