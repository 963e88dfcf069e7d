//! The `actionplan` command line: convert, check and compare plan texts.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("actionplan: {error:#}");
            ExitCode::from(2)
        }
    }
}
