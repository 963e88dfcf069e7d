//! The `actionplan` command line: convert, check and describe plan texts.

use actionplan::{parse_bytes, ParseOptions, Plan};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "actionplan",
    version,
    about = "Turn EU drugs action plan texts into typed data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a plan text to JSON.
    Convert {
        /// The plan text (`-` reads standard input).
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("actionplan: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Convert { file, output } => {
            let plan = load(&file)?;
            let mut json = serde_json::to_string_pretty(&plan)?;
            json.push('\n');
            match output {
                Some(path) => std::fs::write(&path, json)
                    .with_context(|| format!("{}: cannot write", path.display()))?,
                None => std::io::stdout().lock().write_all(json.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn read_input(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    }
    Ok(bytes)
}

fn load(path: &Path) -> Result<Plan> {
    let bytes = read_input(path)?;
    parse_bytes(&bytes, &ParseOptions::default())
        .with_context(|| format!("{}: not a plan", path.display()))
}
