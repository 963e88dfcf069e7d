//! Command-line parsing and the subcommands.

mod baseline;
mod check;
mod convert;
mod diff;
mod excerpt;
mod inputs;
mod levels;
mod output;
mod sarif;

use actionplan::{parse_with, Code, Dialect, ParseOptions, Plan};
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Parser)]
#[command(
    name = "actionplan",
    version,
    about = "Turn EU drugs action plan texts into typed, checked data"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert plan texts to JSON, JSON Lines or CSV.
    Convert(convert::Args),
    /// Check plan texts and report their problems, for people and CI.
    Check(check::Args),
    /// Show what changed between two revisions of a plan.
    Diff(diff::Args),
    /// Print the JSON Schema of `convert --format json`.
    Schema,
    /// Write a plan back as clean Council-dialect text.
    Render {
        /// The plan text (`-` reads standard input).
        file: std::path::PathBuf,
        #[command(flatten)]
        reading: Reading,
    },
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Check(args) => check::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Render { file, reading } => {
            let (_, plan) = reading.load(&file)?;
            let mut stdout = output::Stdout::new();
            stdout.write_all(actionplan::render(&plan).as_bytes())?;
            // What the model does not hold is not in the output: say so.
            let lost = [Code::UnrecognisedLine, Code::DroppedGarbledLine];
            for d in plan.diagnostics.iter().filter(|d| lost.contains(&d.code())) {
                eprintln!(
                    "actionplan: {}:{}:{}: not rendered: {} [{}]",
                    display_name(&file),
                    d.line,
                    d.column,
                    d.message,
                    d.code()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            let schema = schemars::schema_for!(Plan);
            let mut stdout = output::Stdout::new();
            writeln!(stdout, "{}", serde_json::to_string_pretty(&schema)?)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The name to show for an input path (`-` is standard input).
fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Reads an input file, or standard input for `-`, which can be read once.
fn read_input(path: &Path) -> Result<Vec<u8>> {
    static STDIN_READ: AtomicBool = AtomicBool::new(false);
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        if STDIN_READ.swap(true, Ordering::SeqCst) {
            bail!("<stdin>: standard input is already read: give `-` once");
        }
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    }
    Ok(bytes)
}

/// How every subcommand reads its plans.
#[derive(clap::Args)]
struct Reading {
    /// Parse as this dialect instead of detecting it.
    #[arg(long, value_enum)]
    dialect: Option<Dialect>,
}

impl Reading {
    /// Reads and parses one input; the error names the file, and is a
    /// [`NotAPlan`] when the file was read but is no plan.
    fn load(&self, path: &Path) -> Result<(String, Plan)> {
        let not_a_plan = |error: actionplan::Error| NotAPlan {
            name: display_name(path),
            error,
        };
        let text =
            String::from_utf8(read_input(path)?).map_err(|e| not_a_plan(e.utf8_error().into()))?;
        let mut options = ParseOptions::default();
        options.dialect = self.dialect;
        let plan = parse_with(&text, &options).map_err(not_a_plan)?;
        Ok((text, plan))
    }
}

/// A file that was read but is not a plan at all (`parse` returned `Err`):
/// a folder's such files are skipped, not failures.
#[derive(Debug)]
struct NotAPlan {
    name: String,
    error: actionplan::Error,
}

impl std::fmt::Display for NotAPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.error)
    }
}

impl std::error::Error for NotAPlan {}

/// True when `error` says its file is not a plan (rather than unreadable).
fn is_not_a_plan(error: &anyhow::Error) -> bool {
    error.downcast_ref::<NotAPlan>().is_some()
}
