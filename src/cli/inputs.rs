//! The files `check` and `convert` read: files as named, and a folder's
//! files that look like plan texts.

use anyhow::{Context, Result};
use std::path::PathBuf;

/// What a folder's files are read by, unless `--glob` says otherwise.
const PLAN_TEXTS: [&str; 4] = ["*.txt", "*.md", "*.html", "*.htm"];

/// Which of a folder's files to read.
#[derive(clap::Args)]
pub struct Folders {
    /// Read a folder's files whose names match PATTERN (repeatable)
    /// [default: *.txt, *.md, *.html, *.htm].
    #[arg(long = "glob", value_name = "PATTERN")]
    globs: Vec<String>,
}

/// One file to read.
pub struct Input {
    pub path: PathBuf,
    /// Found in a folder rather than named: if it is no plan, it is
    /// skipped, not a failure.
    pub from_folder: bool,
}

impl Folders {
    /// Every input file: files as given, each folder's matching files in
    /// name order (not its subfolders).
    pub fn expand(&self, inputs: &[PathBuf]) -> Result<Vec<Input>> {
        let given: Vec<&str> = match self.globs.is_empty() {
            true => PLAN_TEXTS.to_vec(),
            false => self.globs.iter().map(String::as_str).collect(),
        };
        let patterns = given.iter().map(|p| glob::Pattern::new(p));
        let patterns: Vec<glob::Pattern> = patterns
            .collect::<Result<_, _>>()
            .context("--glob: not a pattern")?;
        let matches = |path: &PathBuf| {
            let name = path.file_name().map(|n| n.to_string_lossy());
            name.is_some_and(|name| patterns.iter().any(|p| p.matches(&name)))
        };
        let mut files = Vec::new();
        for input in inputs {
            if input.is_dir() {
                let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                    .with_context(|| format!("{}: cannot read folder", input.display()))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && matches(p))
                    .collect();
                found.sort();
                files.extend(found.into_iter().map(|path| Input {
                    path,
                    from_folder: true,
                }));
            } else {
                files.push(Input {
                    path: input.clone(),
                    from_folder: false,
                });
            }
        }
        Ok(files)
    }
}
