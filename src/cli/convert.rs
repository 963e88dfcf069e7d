//! `actionplan convert`: JSON, JSON Lines or CSV, for one file or a batch.

use super::inputs::{Folders, Input};
use super::{display_name, is_not_a_plan, Reading};
use actionplan::export::{self, Joined, ListStyle, Nested, Table};
use actionplan::{Plan, Severity};
use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Plan texts (`-` reads standard input); with `--out-dir`, files and folders.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// The table to write with `ndjson` and `csv` [default: actions].
    #[arg(long, value_enum)]
    table: Option<Table>,
    /// Write to this file instead of standard output (one input only).
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Convert every input into this folder, one output per input.
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Exit with 1 when a plan has diagnostics of this severity or worse.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    folders: Folders,
    #[command(flatten)]
    reading: Reading,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    /// Errors.
    Error,
    /// Warnings or errors.
    Warning,
}

/// What one plan's diagnostics say about the run.
struct Findings {
    errors: usize,
    warnings: usize,
    /// There are findings of `--fail-on`'s severity.
    failing: bool,
}

impl Findings {
    fn of(plan: &Plan, fail_on: Option<FailOn>) -> Self {
        let count = |severity| {
            plan.diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        let failing = match fail_on {
            Some(FailOn::Error) => errors > 0,
            Some(FailOn::Warning) => errors + warnings > 0,
            None => false,
        };
        Findings {
            errors,
            warnings,
            failing,
        }
    }

    /// One line on standard error for a plan with errors (or failing
    /// `--fail-on`): the output was written, but the plan has problems.
    fn report(&self, input: &Path) {
        if self.errors == 0 && !self.failing {
            return;
        }
        eprintln!(
            "{} error{}, {} warning{} in {}: run actionplan check {}",
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            display_name(input),
            input.display()
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// The whole plan as one JSON document.
    Json,
    /// JSON Lines: one object per row of the chosen table.
    Ndjson,
    /// CSV with a header row; lists joined with `; `.
    Csv,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
        }
    }
}

impl Args {
    fn table(&self) -> Table {
        self.table.unwrap_or(Table::Actions)
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let (Format::Json, Some(_)) = (args.format, args.table) {
        bail!("--table picks the table of --format ndjson or csv; --format json writes the whole plan");
    }
    if let Some(dir) = &args.out_dir {
        return batch(&args, dir);
    }
    let [input] = args.inputs.as_slice() else {
        bail!(
            "{} inputs given: convert several files with --out-dir DIR",
            args.inputs.len()
        );
    };
    let (text, plan) = args.reading.load(input)?;
    drop(text);
    let name = display_name(input);
    // Streamed, not built in memory: the JSON of a plan is several times its text.
    match &args.output {
        Some(path) => {
            let cannot = || format!("{}: cannot write", path.display());
            let file = std::fs::File::create(path).with_context(cannot)?;
            let mut out = std::io::BufWriter::new(file);
            render(&plan, &name, args.format, args.table(), None, &mut out)?;
            out.flush().with_context(cannot)?;
        }
        None => {
            let mut out = std::io::BufWriter::new(super::output::Stdout::new());
            render(&plan, &name, args.format, args.table(), None, &mut out)?;
            out.flush()?;
        }
    }
    let findings = Findings::of(&plan, args.fail_on);
    findings.report(input);
    Ok(match findings.failing {
        true => ExitCode::from(1),
        false => ExitCode::SUCCESS,
    })
}

/// The output for one plan, read from the file named `name`. `file`, in
/// batch mode, is that name again, for a `file` column in each row (the
/// documents table has one anyway).
fn render(
    plan: &Plan,
    name: &str,
    format: Format,
    table: Table,
    file: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let file = file.filter(|_| table != Table::Documents);
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, plan)?;
            out.write_all(b"\n")?;
            Ok(())
        }
        Format::Ndjson => write_table(plan, name, table, &mut Ndjson { out, file }),
        Format::Csv => write_table(plan, name, table, &mut Csv::new(out, file)),
    }
}

/// Where the rows of a table go, and how it writes list fields.
trait Rows {
    type Lists: ListStyle;
    /// Writes the rows of `table`; a table with no rows still has its
    /// CSV header.
    fn write<T: Serialize>(&mut self, table: Table, rows: Vec<T>) -> Result<()>;
}

fn write_table<R: Rows>(plan: &Plan, name: &str, table: Table, rows: &mut R) -> Result<()> {
    match table {
        Table::Actions => rows.write(table, export::actions::<R::Lists>(plan)),
        Table::Parties => rows.write(table, export::parties(plan)),
        Table::PriorityAreas => rows.write(table, export::priority_areas(plan)),
        Table::Objectives => rows.write(table, export::objectives(plan)),
        Table::Footnotes => rows.write(table, export::footnotes(plan)),
        Table::Indicators => rows.write(table, export::indicators::<R::Lists>(plan)),
        Table::Glossary => rows.write(table, export::glossary(plan)),
        Table::Diagnostics => rows.write(table, export::diagnostics(plan)),
        Table::Documents => rows.write(table, export::documents(plan, name)),
        other => bail!("the {other:?} table is not written by this version"),
    }
}

/// The `file` column a batch puts before each row's own.
#[derive(Serialize)]
struct File<'a> {
    file: &'a str,
}

/// A row with the file it came from, as one JSON object.
#[derive(Serialize)]
struct WithFile<'a, T> {
    #[serde(flatten)]
    file: File<'a>,
    #[serde(flatten)]
    row: T,
}

/// JSON Lines: one object per row, lists as arrays.
struct Ndjson<'a, W> {
    out: W,
    file: Option<&'a str>,
}

impl<W: Write> Rows for Ndjson<'_, W> {
    type Lists = Nested;
    fn write<T: Serialize>(&mut self, _: Table, rows: Vec<T>) -> Result<()> {
        for row in rows {
            match self.file {
                Some(file) => {
                    let file = File { file };
                    serde_json::to_writer(&mut self.out, &WithFile { file, row })?;
                }
                None => serde_json::to_writer(&mut self.out, &row)?,
            }
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// CSV with a header (RFC 4180, CRLF), lists joined with `; `.
struct Csv<'a, W: Write> {
    out: ::csv::Writer<W>,
    file: Option<&'a str>,
}

impl<'a, W: Write> Csv<'a, W> {
    fn new(out: W, file: Option<&'a str>) -> Self {
        let out = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        Csv { out, file }
    }
}

impl<W: Write> Rows for Csv<'_, W> {
    type Lists = Joined;
    fn write<T: Serialize>(&mut self, table: Table, rows: Vec<T>) -> Result<()> {
        if rows.is_empty() {
            let file = self.file.map(|_| "file");
            self.out.write_record(file.iter().chain(table.columns()))?;
        }
        for row in rows {
            match self.file {
                // The csv crate writes a tuple of structs as their fields
                // one after the other, header too.
                Some(file) => self.out.serialize((File { file }, row))?,
                None => self.out.serialize(row)?,
            }
        }
        self.out.flush()?;
        Ok(())
    }
}

/// Where each input's output goes: `DIR/<name>.<format>` (`stdin` for
/// `-`), one file per input; with `--table`, `DIR/<name>.<table>.<format>`,
/// so that runs writing different tables into one folder keep each
/// other's files. An input named twice is converted once; two inputs that
/// would write the same file are an error before anything is written
/// (`a/plan.txt` and `b/plan.txt`, or `plan.txt` and `plan.md`).
fn outputs(files: Vec<Input>, dir: &Path, args: &Args) -> Result<Vec<(Input, PathBuf)>> {
    // Each output, and the index of the pair that writes it.
    let mut taken: HashMap<PathBuf, usize> = HashMap::new();
    let mut pairs: Vec<(Input, PathBuf)> = Vec::new();
    let table = args
        .table
        .and_then(|t| t.to_possible_value())
        .map(|t| format!(".{}", t.get_name()))
        .unwrap_or_default();
    for input in files {
        let path = &input.path;
        let stem = match path.file_stem() {
            _ if path == Path::new("-") => "stdin".to_owned(),
            Some(stem) => stem.to_string_lossy().into_owned(),
            None => display_name(path),
        };
        let output = dir.join(format!("{stem}{table}.{}", args.format.extension()));
        match taken.get(&output).and_then(|&i| pairs.get_mut(i)) {
            // Named as well as found in a folder, it is named.
            Some((first, _)) if first.path == *path => first.from_folder &= input.from_folder,
            Some((first, _)) => bail!(
                "{} and {} would both be converted to {}: convert them into different folders",
                display_name(&first.path),
                display_name(path),
                output.display()
            ),
            None => {
                taken.insert(output.clone(), pairs.len());
                pairs.push((input, output));
            }
        }
    }
    Ok(pairs)
}

/// What became of one input of a batch.
enum Outcome {
    Converted(Findings),
    /// A folder's file that is not a plan.
    Skipped(anyhow::Error),
    /// A plan that could not be written.
    Failed(anyhow::Error),
    /// A named file that cannot be read or is not a plan.
    Unread(anyhow::Error),
}

fn batch(args: &Args, dir: &Path) -> Result<ExitCode> {
    let files = outputs(args.folders.expand(&args.inputs)?, dir, args)?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create folder", dir.display()))?;
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(files.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|(input, output)| {
            let outcome = convert_one(input, output, args);
            bar.inc(1);
            outcome
        })
        .collect();
    bar.finish_and_clear();
    let (mut converted, mut skipped, mut failed, mut plans) = (0, 0, 0, 0);
    let mut failing = false;
    for ((input, _), outcome) in files.iter().zip(&outcomes) {
        match outcome {
            Outcome::Converted(findings) => {
                (converted, plans) = (converted + 1, plans + 1);
                findings.report(&input.path);
                failing |= findings.failing;
            }
            Outcome::Skipped(error) => {
                skipped += 1;
                eprintln!("actionplan: {error:#}; skipped");
            }
            Outcome::Failed(error) => {
                (failed, plans) = (failed + 1, plans + 1);
                eprintln!("actionplan: {error:#}");
            }
            Outcome::Unread(error) => {
                failed += 1;
                eprintln!("actionplan: {error:#}");
            }
        }
    }
    let mut summary = format!(
        "converted {converted} of {} file{} into {}",
        outcomes.len(),
        plural(outcomes.len()),
        dir.display(),
    );
    if skipped > 0 {
        summary.push_str(&format!("; {skipped} skipped (not plans)"));
    }
    if failed > 0 {
        summary.push_str(&format!("; {failed} failed"));
    }
    eprintln!("{summary}");
    Ok(if plans == 0 {
        ExitCode::from(2)
    } else if failed > 0 || failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn convert_one(input: &Input, output: &Path, args: &Args) -> Outcome {
    let plan = match args.reading.load(&input.path) {
        Ok((_, plan)) => plan,
        Err(error) if input.from_folder && is_not_a_plan(&error) => return Outcome::Skipped(error),
        Err(error) => return Outcome::Unread(error),
    };
    let name = display_name(&input.path);
    let mut bytes = Vec::new();
    let written = render(
        &plan,
        &name,
        args.format,
        args.table(),
        Some(&name),
        &mut bytes,
    )
    .and_then(|()| {
        let cannot = || format!("{}: cannot write", output.display());
        std::fs::write(output, bytes).with_context(cannot)
    });
    match written {
        Ok(()) => Outcome::Converted(Findings::of(&plan, args.fail_on)),
        Err(error) => Outcome::Failed(error),
    }
}
