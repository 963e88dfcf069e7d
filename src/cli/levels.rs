//! Per-code levels for `check`: `--deny`, `--warn` and `--allow`, and the
//! same lists in an `actionplan.toml` found in the current folder or a
//! parent; the command line wins.

use actionplan::{Code, Diagnostic, Severity};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file's name.
const CONFIG: &str = "actionplan.toml";

/// The command line's levels.
#[derive(clap::Args)]
pub struct LevelArgs {
    /// Report CODE as an error (repeatable; `notes`: every note).
    #[arg(long, value_name = "CODE")]
    deny: Vec<String>,
    /// Report CODE as a warning (repeatable; `notes`: every note).
    #[arg(long, value_name = "CODE")]
    warn: Vec<String>,
    /// Do not report CODE (repeatable; `notes`: every note).
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,
}

/// `actionplan.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default)]
    check: Lists,
}

/// The `[check]` table: the same three lists as the command line.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Lists {
    #[serde(default)]
    deny: Vec<String>,
    #[serde(default)]
    warn: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

/// What a list names: one code, or every code whose own severity is note.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Selector {
    Code(Code),
    Notes,
}

/// A level: a severity, or `None` for allowed (not reported).
type Level = Option<Severity>;

/// The levels of one source (the command line, or the file).
#[derive(Default)]
struct Layer(BTreeMap<Selector, Level>);

impl Layer {
    /// Reads the three lists; `origin` names where they come from in errors.
    fn read(deny: &[String], warn: &[String], allow: &[String], origin: &str) -> Result<Self> {
        let mut layer = Layer::default();
        let lists = [
            ("deny", deny, Some(Severity::Error)),
            ("warn", warn, Some(Severity::Warning)),
            ("allow", allow, None),
        ];
        let mut given: BTreeMap<Selector, &str> = BTreeMap::new();
        for (list, names, level) in lists {
            for name in names {
                let selector = selector(name).with_context(|| origin.to_owned())?;
                if let Some(first) = given.insert(selector, list) {
                    if first != list {
                        bail!("{origin}: `{name}` is given both {first} and {list}");
                    }
                }
                layer.0.insert(selector, level);
            }
        }
        Ok(layer)
    }

    /// This layer's level for `code`, if it sets one: for the code itself,
    /// else for `notes` when the code is a note.
    fn level(&self, code: Code) -> Option<Level> {
        let own = self.0.get(&Selector::Code(code));
        let notes = || match code.severity() {
            Severity::Note => self.0.get(&Selector::Notes),
            _ => None,
        };
        own.or_else(notes).copied()
    }
}

/// The levels `check` reports each code at.
pub struct Levels {
    command_line: Layer,
    file: Layer,
}

impl Levels {
    /// The command line's levels over those of the nearest
    /// `actionplan.toml` (in the current folder or a parent), if any.
    pub fn load(args: &LevelArgs) -> Result<Self> {
        let command_line = Layer::read(&args.deny, &args.warn, &args.allow, "command line")?;
        let file = match config_file() {
            Some(path) => read_config(&path)?,
            None => Layer::default(),
        };
        Ok(Levels { command_line, file })
    }

    /// The severity `d` is reported with, or `None` when it is allowed.
    pub fn severity(&self, d: &Diagnostic) -> Level {
        let set = self.command_line.level(d.code());
        set.or_else(|| self.file.level(d.code()))
            .unwrap_or(Some(d.severity))
    }
}

/// The nearest `actionplan.toml`, from the current folder up.
fn config_file() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    here.ancestors()
        .map(|folder| folder.join(CONFIG))
        .find(|path| path.is_file())
}

fn read_config(path: &Path) -> Result<Layer> {
    let origin = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| format!("{origin}: cannot read"))?;
    let config: Config = toml::from_str(&text).with_context(|| format!("{origin}: not valid"))?;
    let Lists { deny, warn, allow } = config.check;
    Layer::read(&deny, &warn, &allow, &origin)
}

/// A code by its name, or `notes`; an unknown name is an error naming the
/// nearest code.
fn selector(name: &str) -> Result<Selector> {
    if name == "notes" {
        return Ok(Selector::Notes);
    }
    if let Ok(code) = name.parse() {
        return Ok(Selector::Code(code));
    }
    let likeness = |code: &&Code| similar::TextDiff::from_chars(name, code.as_str()).ratio();
    let nearest = Code::ALL
        .iter()
        .max_by(|a, b| likeness(a).total_cmp(&likeness(b)));
    match nearest {
        Some(code) => bail!("`{name}` is not a diagnostic code; did you mean `{code}`?"),
        None => bail!("`{name}` is not a diagnostic code"),
    }
}
