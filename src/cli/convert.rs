//! `actionplan convert`: JSON, JSON Lines or CSV, for one file or a batch.

use super::{display_name, Reading};
use actionplan::export::{self, Joined, ListStyle, Nested, Table};
use actionplan::Plan;
use anyhow::{bail, Context, Result};
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
    #[command(flatten)]
    reading: Reading,
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
    // Streamed, not built in memory: the JSON of a plan is several times its text.
    match &args.output {
        Some(path) => {
            let cannot = || format!("{}: cannot write", path.display());
            let file = std::fs::File::create(path).with_context(cannot)?;
            let mut out = std::io::BufWriter::new(file);
            render(&plan, args.format, args.table(), &mut out)?;
            out.flush().with_context(cannot)?;
        }
        None => {
            let mut out = std::io::BufWriter::new(super::output::Stdout::new());
            render(&plan, args.format, args.table(), &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The output for one plan.
fn render(plan: &Plan, format: Format, table: Table, out: &mut impl Write) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, plan)?;
            out.write_all(b"\n")?;
            Ok(())
        }
        Format::Ndjson => write_table(plan, table, &mut Ndjson(out)),
        Format::Csv => write_table(plan, table, &mut Csv::new(out)),
    }
}

/// Where the rows of a table go, and how it writes list fields.
trait Rows {
    type Lists: ListStyle;
    /// Writes the rows of `table`; a table with no rows still has its
    /// CSV header.
    fn write<T: Serialize>(&mut self, table: Table, rows: Vec<T>) -> Result<()>;
}

fn write_table<R: Rows>(plan: &Plan, table: Table, rows: &mut R) -> Result<()> {
    match table {
        Table::Actions => rows.write(table, export::actions::<R::Lists>(plan)),
        Table::Parties => rows.write(table, export::parties(plan)),
        Table::PriorityAreas => rows.write(table, export::priority_areas(plan)),
        Table::Footnotes => rows.write(table, export::footnotes(plan)),
        Table::Indicators => rows.write(table, export::indicators::<R::Lists>(plan)),
        Table::Glossary => rows.write(table, export::glossary(plan)),
    }
}

/// JSON Lines: one object per row, lists as arrays.
struct Ndjson<W>(W);

impl<W: Write> Rows for Ndjson<W> {
    type Lists = Nested;
    fn write<T: Serialize>(&mut self, _: Table, rows: Vec<T>) -> Result<()> {
        for row in rows {
            serde_json::to_writer(&mut self.0, &row)?;
            self.0.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// CSV with a header (RFC 4180, CRLF), lists joined with `; `.
struct Csv<W: Write>(::csv::Writer<W>);

impl<W: Write> Csv<W> {
    fn new(out: W) -> Self {
        Csv(::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out))
    }
}

impl<W: Write> Rows for Csv<W> {
    type Lists = Joined;
    fn write<T: Serialize>(&mut self, table: Table, rows: Vec<T>) -> Result<()> {
        if rows.is_empty() {
            self.0.write_record(table.columns())?;
        }
        for row in rows {
            self.0.serialize(row)?;
        }
        self.0.flush()?;
        Ok(())
    }
}

/// Every input file: files as given, folders' files in name order.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .with_context(|| format!("{}: cannot read folder", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// Where each input's output goes: `DIR/<name>.<format>` (`stdin` for
/// `-`), one file per input. An input named twice is converted once; two
/// inputs that would write the same file are an error before anything is
/// written (`a/plan.txt` and `b/plan.txt`, or `plan.txt` and `plan.md`).
fn outputs(files: Vec<PathBuf>, dir: &Path, format: Format) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut taken: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut pairs = Vec::new();
    for input in files {
        let stem = match input.file_stem() {
            _ if input == Path::new("-") => "stdin".to_owned(),
            Some(stem) => stem.to_string_lossy().into_owned(),
            None => display_name(&input),
        };
        let output = dir.join(format!("{stem}.{}", format.extension()));
        match taken.get(&output) {
            Some(first) if *first == input => continue,
            Some(first) => bail!(
                "{} and {} would both be converted to {}: convert them into different folders",
                display_name(first),
                display_name(&input),
                output.display()
            ),
            None => {
                taken.insert(output.clone(), input.clone());
                pairs.push((input, output));
            }
        }
    }
    Ok(pairs)
}

fn batch(args: &Args, dir: &Path) -> Result<ExitCode> {
    let files = outputs(expand(&args.inputs)?, dir, args.format)?;
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
    let results: Vec<Result<()>> = files
        .par_iter()
        .map(|(input, output)| {
            let result = convert_one(input, output, args);
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();
    let mut failed = 0;
    for result in &results {
        if let Err(error) = result {
            failed += 1;
            eprintln!("actionplan: {error:#}");
        }
    }
    eprintln!(
        "converted {} of {} file{} into {}{}",
        results.len() - failed,
        results.len(),
        if results.len() == 1 { "" } else { "s" },
        dir.display(),
        if failed > 0 {
            format!("; {failed} failed")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn convert_one(input: &Path, output: &Path, args: &Args) -> Result<()> {
    let (_, plan) = args.reading.load(input)?;
    let mut bytes = Vec::new();
    render(&plan, args.format, args.table(), &mut bytes)?;
    std::fs::write(output, bytes).with_context(|| format!("{}: cannot write", output.display()))
}
