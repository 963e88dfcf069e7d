//! What changed between two revisions of a plan: actions aligned by number
//! and text (or by text alone across documents), with word-level text diffs,
//! and the changes to everything else the plan says: its metadata,
//! introduction, sections, strategic priorities, priority areas, footnotes,
//! indicators, glossary and footnote markers.
//!
//! What is not compared is what the plan does not say: where a value stands
//! in the source (spans, lines), what the parser noticed (diagnostics), the
//! dialect it was read as and the version of the JSON contract.

mod align;
mod key;
mod markers;

use crate::model::{
    Action, Column, GlossaryEntry, Meta, Paragraph, Plan, PriorityArea, Section, StrategicPriority,
};
use align::{align, Similarity};
pub use key::{Key, MetaField, Place};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How to compare.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct DiffOptions {
    /// Below this text similarity (TF-IDF cosine, 0–1) two actions are not
    /// the same action: one is removed, the other added.
    pub threshold: f64,
    /// Across documents, an action left over after the one-to-one alignment
    /// joins the matched action it is most similar to (a split or a merge)
    /// when their similarity reaches this. Higher than
    /// [`threshold`](DiffOptions::threshold): one text becoming two is a
    /// stronger claim than one text becoming another.
    pub split_threshold: f64,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            threshold: 0.25,
            split_threshold: 0.3,
        }
    }
}

impl DiffOptions {
    /// Options with this one-to-one threshold (the split threshold stays).
    pub fn with_threshold(threshold: f64) -> Self {
        DiffOptions {
            threshold,
            ..DiffOptions::default()
        }
    }
}

/// The differences between two plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanDiff {
    /// Pairs of actions found to be the same action (a split or merged
    /// action appears in several pairs).
    pub matched: Vec<Pair>,
    /// New actions with no counterpart.
    pub added: Vec<u32>,
    /// Old actions with no counterpart.
    pub removed: Vec<u32>,
    /// Strategic priorities added, removed or retitled (by number).
    pub strategic_priorities: Vec<Change>,
    /// Objectives whose text changed, added or removed, by number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Change>,
    /// Footnotes added, removed, reworded or renumbered, aligned by text
    /// as actions are (a footnote that moved is one change, not two).
    pub footnotes: Vec<Change>,
    /// Indicators added, removed, changed or renumbered, aligned by text.
    pub indicators: Vec<Change>,
    /// Glossary entries added, removed or changed (by acronym).
    pub glossary: Vec<Change>,
    /// Metadata fields added, removed or changed, by the field
    /// ([`Key::Meta`], displayed as the name the plan's JSON gives it:
    /// `date`, `cover_note`, `file_codes`, …).
    #[serde(default)]
    pub meta: Vec<Change>,
    /// Introduction paragraphs added, removed, reworded or moved, by
    /// position from 1, aligned by text as footnotes are. A paragraph that
    /// stands unchanged in the same order is no change, even when one
    /// before it was added or removed.
    #[serde(default)]
    pub introduction: Vec<Change>,
    /// Sections added, removed or retitled (by number): label and title,
    /// `I - DRUG SUPPLY REDUCTION: ENHANCING SECURITY`.
    #[serde(default)]
    pub sections: Vec<Change>,
    /// Strategic priorities in both plans that sit under another section
    /// (by number): the numbers of the sections.
    #[serde(default)]
    pub strategic_priority_sections: Vec<Change>,
    /// Priority areas added, removed or described anew (by code): the
    /// description, `""` where the text gives none.
    #[serde(default)]
    pub priority_areas: Vec<Change>,
    /// Footnote markers outside the actions (each pair of actions compares
    /// its own), by the place they stand in ([`Key::FootnoteMarkers`]),
    /// named with the new plan's numbers: `indicator 7`, `introduction
    /// paragraph 2`, `section 3`, `table header`, `cover note`, …. The
    /// values are the footnote numbers marked there, in source order.
    #[serde(default)]
    pub footnote_refs: Vec<Change>,
}

/// An old action and the new action it became.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Pair {
    /// The old action's number.
    pub old: u32,
    /// The new action's number.
    pub new: u32,
    /// Text similarity, 0–1, rounded to three decimals.
    pub similarity: f64,
    /// The old action is in more than one pair: it was split, and this is
    /// one of its parts (across documents only).
    pub split: bool,
    /// The new action is in more than one pair: old actions were merged
    /// into it (across documents only).
    pub merged: bool,
    /// Of a split's pairs, the most similar (the old action's main
    /// successor); of a merge's, the most similar too (the new action's
    /// main source). Every pair that is neither split nor merged is
    /// primary. JSON written before the field existed reads as primary.
    #[serde(default = "primary_by_default")]
    pub primary: bool,
    /// What changed; empty when nothing did.
    pub changes: Vec<ActionChange>,
}

/// A pair read from JSON written before `primary` existed: nothing says
/// it is not primary.
fn primary_by_default() -> bool {
    true
}

/// One change to a matched action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionChange {
    /// The action was renumbered.
    Number {
        /// Old number.
        old: u32,
        /// New number.
        new: u32,
    },
    /// The text changed; the word-level diff.
    Text {
        /// The text as runs of equal, deleted and inserted words.
        diff: Vec<Segment>,
    },
    /// Responsible parties added and removed.
    Parties {
        /// Parties only the new action has.
        added: Vec<String>,
        /// Parties only the old action has.
        removed: Vec<String>,
    },
    /// The timetable changed (as printed).
    Timetable {
        /// Old timetable.
        old: String,
        /// New timetable.
        new: String,
    },
    /// Priority areas added and removed.
    PriorityAreas {
        /// Codes only the new action has.
        added: Vec<String>,
        /// Codes only the old action has.
        removed: Vec<String>,
    },
    /// The strategic priority changed.
    StrategicPriority {
        /// Old priority.
        old: Option<u32>,
        /// New priority.
        new: Option<u32>,
    },
    /// The objective it serves changed.
    Objective {
        /// Old objective.
        old: Option<u32>,
        /// New objective.
        new: Option<u32>,
    },
    /// The section changed.
    Section {
        /// Old section.
        old: Option<u32>,
        /// New section.
        new: Option<u32>,
    },
    /// Entries of a list column added and removed: the action's own
    /// indicators (an overarching one it names as `Overarching indicator
    /// N`), or its sources of assessment data.
    Entries {
        /// The column: indicators or assessment.
        column: Column,
        /// Entries only the new action has.
        added: Vec<String>,
        /// Entries only the old action has.
        removed: Vec<String>,
    },
    /// A cell of another column changed: the expected outcome, the state of
    /// play, or a column the vocabulary lacks (named by `header`).
    Cell {
        /// The column.
        column: Column,
        /// The header of a column the vocabulary lacks.
        header: Option<String>,
        /// The old cell, `null` where the old action has none.
        old: Option<String>,
        /// The new cell, `null` where the new action has none.
        new: Option<String>,
    },
    /// Footnote markers added and removed, anywhere in the action's row.
    Footnotes {
        /// Footnote numbers, as printed, only the new action marks (a
        /// number marked twice where it was marked once counts once).
        added: Vec<u32>,
        /// Footnote numbers only the old action marks.
        removed: Vec<u32>,
    },
}

/// A run of words in a text diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Segment {
    /// `equal`, `delete` or `insert`.
    pub op: Op,
    /// The words.
    pub text: String,
}

/// What a diff segment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A change to a numbered or named element other than an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Change {
    /// What changed: an element by its number, acronym or code, a
    /// metadata field, the place of footnote markers. The new one, or the
    /// old one when removed.
    pub key: Key,
    /// The old key, when the element was renumbered (footnotes and
    /// indicators) or moved (introduction paragraphs); `null` otherwise.
    pub old_key: Option<Key>,
    /// The old value, `null` when added.
    pub old: Option<String>,
    /// The new value, `null` when removed.
    pub new: Option<String>,
}

impl PlanDiff {
    /// True when the plans are the same: every action matched and unchanged,
    /// nothing added or removed, no other change.
    pub fn is_same(&self) -> bool {
        self.is_empty()
    }

    /// True when there are no differences (the same as [`PlanDiff::is_same`]).
    pub fn is_empty(&self) -> bool {
        self.matched.iter().all(|p| p.changes.is_empty())
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.other_changes() == 0
    }

    /// How many changes there are outside the actions.
    pub fn other_changes(&self) -> usize {
        let lists = [
            &self.meta,
            &self.introduction,
            &self.sections,
            &self.strategic_priorities,
            &self.strategic_priority_sections,
            &self.priority_areas,
            &self.footnotes,
            &self.indicators,
            &self.glossary,
            &self.footnote_refs,
        ];
        lists.iter().map(|list| list.len()).sum()
    }
}

/// Compares two plans with the default options.
///
/// ```
/// let text = std::fs::read_to_string("fixtures/council-9819-21.txt").unwrap_or_default();
/// let plan = actionplan::parse(&text).expect("a plan");
/// assert!(actionplan::diff::diff(&plan, &plan).is_empty());
/// ```
pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    diff_with(old, new, &DiffOptions::default())
}

/// Compares two plans.
pub fn diff_with(old: &Plan, new: &Plan, options: &DiffOptions) -> PlanDiff {
    // Every part of a plan is named here, so that one added to `Plan`
    // cannot go uncompared unnoticed. The contract's version, the dialect
    // a text was read as and what the parser noticed are not what the plan
    // says; the footnote markers are compared where they stand.
    let Plan {
        schema_version: _,
        dialect: _,
        form: _,
        meta: _,
        introduction: _,
        sections: _,
        strategic_priorities: _,
        objectives: _,
        priority_areas: _,
        actions: _,
        footnotes: _,
        footnote_refs: _,
        indicators: _,
        glossary: _,
        diagnostics: _,
    } = old;
    let actions = actions(old, new, options);
    let footnotes = numbered(&footnotes(old), &footnotes(new), options, |number| {
        Key::Footnote { number }
    });
    let indicators = numbered(
        &borrowed(&indicators(old)),
        &borrowed(&indicators(new)),
        options,
        |number| Key::Indicator { number },
    );
    let introduction = paragraphs(&old.introduction, &new.introduction, options);
    let renumbered = markers::Renumbered {
        footnotes: &footnotes.numbers,
        indicators: &indicators.numbers,
        paragraphs: &introduction.numbers,
    };
    let footnote_refs = markers::changes(old, new, &renumbered);
    PlanDiff {
        matched: actions.matched,
        added: actions.added,
        removed: actions.removed,
        strategic_priorities: keyed(
            old,
            new,
            |p| {
                let titles = p.strategic_priorities.iter();
                titles.map(|s| (s.number, s.title.clone())).collect()
            },
            |number| Key::StrategicPriority { number },
        ),
        objectives: keyed(
            old,
            new,
            |p| {
                let objectives = p.objectives.iter();
                objectives.map(|o| (o.number, o.text.clone())).collect()
            },
            |number| Key::Objective { number },
        ),
        footnotes: footnotes.changes,
        indicators: indicators.changes,
        glossary: keyed(
            old,
            new,
            |p| {
                let entries = p.glossary.iter();
                let entry = |g: &GlossaryEntry| (by_number(&g.acronym), g.expansion.clone());
                entries.map(entry).collect()
            },
            |(_, acronym)| Key::GlossaryEntry { acronym },
        ),
        meta: meta_changes(&old.meta, &new.meta),
        introduction: introduction.changes,
        sections: keyed(
            old,
            new,
            |p| p.sections.iter().map(heading).collect(),
            |number| Key::Section { number },
        ),
        strategic_priority_sections: priority_sections(
            &old.strategic_priorities,
            &new.strategic_priorities,
        ),
        priority_areas: keyed(
            old,
            new,
            |p| p.priority_areas.iter().map(description).collect(),
            |(_, code)| Key::PriorityArea { code },
        ),
        footnote_refs,
    }
}

/// The actions of two plans, aligned.
struct Actions {
    matched: Vec<Pair>,
    added: Vec<u32>,
    removed: Vec<u32>,
}

/// Aligns the actions of two plans and compares each pair.
fn actions(old: &Plan, new: &Plan, options: &DiffOptions) -> Actions {
    let (old_texts, new_texts) = (action_texts(old), action_texts(new));
    let similarity = Similarity::new(&old_texts, &new_texts);
    let same_document = old.dialect == new.dialect && old.meta.reference == new.meta.reference;
    let pairs = align(&old_texts, &new_texts, &similarity, same_document, options);

    let matched_old: BTreeSet<usize> = pairs.iter().map(|&(i, _)| i).collect();
    let matched_new: BTreeSet<usize> = pairs.iter().map(|&(_, j)| j).collect();
    // How many pairs each action is in: more than one is a split or a merge.
    let mut olds: BTreeMap<usize, usize> = BTreeMap::new();
    let mut news: BTreeMap<usize, usize> = BTreeMap::new();
    for &(i, j) in &pairs {
        *olds.entry(i).or_default() += 1;
        *news.entry(j).or_default() += 1;
    }
    // The most similar pair of each old action and of each new one (on a
    // tie, the one with the lower index): a split's or a merge's primary.
    let mut best_of_old: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
    let mut best_of_new: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
    for &(i, j) in &pairs {
        let s = similarity.cosine(i, j);
        let old_best = best_of_old.entry(i).or_insert((s, j));
        if s > old_best.0 || (s == old_best.0 && j < old_best.1) {
            *old_best = (s, j);
        }
        let new_best = best_of_new.entry(j).or_insert((s, i));
        if s > new_best.0 || (s == new_best.0 && i < new_best.1) {
            *new_best = (s, i);
        }
    }
    let mut matched: Vec<Pair> = pairs
        .iter()
        .filter_map(|&(i, j)| {
            let (a, b) = (old.actions.get(i)?, new.actions.get(j)?);
            Some(Pair {
                old: a.number,
                new: b.number,
                similarity: (similarity.cosine(i, j) * 1000.0).round() / 1000.0,
                split: olds.get(&i).is_some_and(|&n| n > 1),
                merged: news.get(&j).is_some_and(|&n| n > 1),
                primary: best_of_old.get(&i).is_some_and(|b| b.1 == j)
                    && best_of_new.get(&j).is_some_and(|b| b.1 == i),
                changes: action_changes(a, b),
            })
        })
        .collect();
    matched.sort_by_key(|p| (p.new, p.old));
    Actions {
        matched,
        added: numbers_outside(&new.actions, &matched_new),
        removed: numbers_outside(&old.actions, &matched_old),
    }
}

/// The metadata fields that differ, in the model's order.
fn meta_changes(old: &Meta, new: &Meta) -> Vec<Change> {
    let fields = meta_fields(old).into_iter().zip(meta_fields(new));
    fields
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| Change {
            key: Key::Meta { field },
            old_key: None,
            old: a,
            new: b,
        })
        .collect()
}

/// A plan's metadata, field by field, by the names the JSON gives them and
/// as text: the date in ISO 8601, the period as `2021-2025`, a list joined
/// with `; ` (`None` when empty).
fn meta_fields(meta: &Meta) -> [(MetaField, Option<String>); 15] {
    let Meta {
        issuer,
        reference,
        date,
        place,
        title,
        period,
        subject,
        document_type,
        previous_document,
        file_codes,
        language,
        from,
        to,
        cover_note,
        annexes,
        // Where the cover and its fields lie, not what they say.
        span: _,
        spans: _,
    } = meta;
    let list = |items: &[String]| (!items.is_empty()).then(|| items.join("; "));
    [
        (MetaField::Issuer, issuer.clone()),
        (MetaField::Reference, reference.clone()),
        (MetaField::Date, date.map(|d| d.to_string())),
        (MetaField::Place, place.clone()),
        (MetaField::Title, title.clone()),
        (
            MetaField::Period,
            period.map(|p| format!("{}-{}", p.start, p.end)),
        ),
        (MetaField::Subject, subject.clone()),
        (MetaField::DocumentType, document_type.clone()),
        (MetaField::PreviousDocument, previous_document.clone()),
        (MetaField::FileCodes, list(file_codes)),
        (MetaField::Language, language.clone()),
        (MetaField::From, from.clone()),
        (MetaField::To, to.clone()),
        (MetaField::CoverNote, cover_note.clone()),
        (MetaField::Annexes, list(annexes)),
    ]
}

/// A section by its number, with its label and title: `I - TITLE`.
fn heading(section: &Section) -> (u32, String) {
    let Section {
        number,
        label,
        title,
        span: _,
    } = section;
    let heading = match label {
        Some(label) => format!("{label} - {title}"),
        None => title.clone(),
    };
    (*number, heading)
}

/// A priority area by its code, with its description (`""` when the text
/// gives none). Its strategic priority is the code's first number, so
/// comparing codes compares it too.
fn description(area: &PriorityArea) -> (ByNumber, String) {
    let PriorityArea {
        code,
        description,
        strategic_priority: _,
        span: _,
    } = area;
    (by_number(code), description.clone().unwrap_or_default())
}

/// The strategic priorities of both plans that sit under another section,
/// in the new plan's order. A priority added or removed is a change of
/// [`PlanDiff::strategic_priorities`], not of its section.
fn priority_sections(old: &[StrategicPriority], new: &[StrategicPriority]) -> Vec<Change> {
    let mut sections: BTreeMap<u32, Option<u32>> = BTreeMap::new();
    for p in old {
        sections.entry(p.number).or_insert(p.section);
    }
    let section = |s: Option<u32>| s.map(|n| n.to_string());
    new.iter()
        .filter_map(|p| {
            let &was = sections.get(&p.number)?;
            (was != p.section).then(|| Change {
                key: Key::StrategicPriority { number: p.number },
                old_key: None,
                old: section(was),
                new: section(p.section),
            })
        })
        .collect()
}

/// A plan's actions, by number.
fn action_texts(plan: &Plan) -> Vec<(u32, &str)> {
    let actions = plan.actions.iter();
    actions.map(|a| (a.number, a.text.as_str())).collect()
}

/// A plan's footnotes, by number.
fn footnotes(plan: &Plan) -> Vec<(u32, &str)> {
    let footnotes = plan.footnotes.iter();
    footnotes.map(|f| (f.number, f.text.as_str())).collect()
}

/// A plan's indicators, by number, each as one text.
fn indicators(plan: &Plan) -> Vec<(u32, String)> {
    let indicators = plan.indicators.iter();
    indicators.map(|i| (i.number, indicator_text(i))).collect()
}

fn borrowed(list: &[(u32, String)]) -> Vec<(u32, &str)> {
    list.iter().map(|(n, text)| (*n, text.as_str())).collect()
}

fn indicator_text(i: &crate::model::Indicator) -> String {
    let title = i
        .title
        .as_deref()
        .map(|t| format!("{t}: "))
        .unwrap_or_default();
    format!("{title}{} (Sources: {})", i.text, i.sources.join("; "))
}

fn numbers_outside(actions: &[Action], matched: &BTreeSet<usize>) -> Vec<u32> {
    let mut numbers: Vec<u32> = actions
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.contains(i))
        .map(|(_, a)| a.number)
        .collect();
    numbers.sort_unstable();
    numbers
}

/// Changes between the two plans' entries, each by what identifies it
/// (`K`), in the order of `K`; `key` names an entry's [`Key`].
fn keyed<K: Ord + Clone>(
    old: &Plan,
    new: &Plan,
    entries: impl Fn(&Plan) -> Vec<(K, String)>,
    key: impl Fn(K) -> Key,
) -> Vec<Change> {
    let sorted = |plan: &Plan| -> BTreeMap<K, String> { entries(plan).into_iter().collect() };
    let (old, new) = (sorted(old), sorted(new));
    let ids: BTreeSet<&K> = old.keys().chain(new.keys()).collect();
    ids.into_iter()
        .filter_map(|id| {
            let (a, b) = (old.get(id), new.get(id));
            (a != b).then(|| Change {
                key: key(id.clone()),
                old_key: None,
                old: a.cloned(),
                new: b.cloned(),
            })
        })
        .collect()
}

/// A code or acronym with the numbers it is made of first, so that codes
/// sort numerically (`1.2` before `1.10`, both before `10.1`) and what is
/// not a number (an acronym) after them all.
type ByNumber = (Vec<u64>, String);

/// `name` as a [`ByNumber`].
fn by_number(name: &str) -> ByNumber {
    let numbers: Option<Vec<u64>> = name.split('.').map(|n| n.parse().ok()).collect();
    (numbers.unwrap_or_else(|| vec![u64::MAX]), name.to_owned())
}

/// Two lists of numbered texts, aligned.
struct Aligned {
    /// What changed, in the order of the new number (the old one for
    /// removed entries).
    changes: Vec<Change>,
    /// The new number of each old entry matched.
    numbers: BTreeMap<u32, u32>,
}

/// Changes between two lists of numbered texts (footnotes, indicators,
/// paragraphs), aligned as the actions of one document are (see
/// [`align()`]): a renumbered entry is one change. `kind` makes the [`Key`]
/// of a number.
fn numbered(
    old: &[(u32, &str)],
    new: &[(u32, &str)],
    options: &DiffOptions,
    kind: fn(u32) -> Key,
) -> Aligned {
    let sim = Similarity::new(old, new);
    let pairs = align(old, new, &sim, true, options);
    let change = |key: u32, old_key: Option<u32>, a: Option<&str>, b: Option<&str>| {
        let change = Change {
            key: kind(key),
            old_key: old_key.map(kind),
            old: a.map(str::to_owned),
            new: b.map(str::to_owned),
        };
        (key, change)
    };
    let mut changes: Vec<(u32, Change)> = Vec::new();
    for &(i, j) in &pairs {
        let (Some(&(m, a)), Some(&(n, b))) = (old.get(i), new.get(j)) else {
            continue;
        };
        if m != n || a != b {
            changes.push(change(n, (m != n).then_some(m), Some(a), Some(b)));
        }
    }
    let matched_old: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let matched_new: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    for (i, &(m, a)) in old.iter().enumerate() {
        if !matched_old.contains(&i) {
            changes.push(change(m, None, Some(a), None));
        }
    }
    for (j, &(n, b)) in new.iter().enumerate() {
        if !matched_new.contains(&j) {
            changes.push(change(n, None, None, Some(b)));
        }
    }
    // Stable: at one number, a removed entry comes before the one added.
    changes.sort_by_key(|(key, _)| *key);
    let numbers = pairs.iter().filter_map(|&(i, j)| {
        let (&(m, _), &(n, _)) = (old.get(i)?, new.get(j)?);
        Some((m, n))
    });
    Aligned {
        changes: changes.into_iter().map(|(_, c)| c).collect(),
        numbers: numbers.collect(),
    }
}

/// Changes between two introductions, paragraph by paragraph (numbered by
/// position from 1). The paragraphs that stand unchanged in the same order
/// are no change, wherever they now stand; the others are aligned by text
/// (see [`numbered`]), so that one reworded is a change, not a removal and
/// an addition, and one moved elsewhere is a move.
fn paragraphs(old: &[Paragraph], new: &[Paragraph], options: &DiffOptions) -> Aligned {
    let (old, new) = (texts(old), texts(new));
    let mut unchanged: BTreeMap<u32, u32> = BTreeMap::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            unchanged.extend((0..len).map(|k| (position(old_index + k), position(new_index + k))));
        }
    }
    let kept: BTreeSet<u32> = unchanged.values().copied().collect();
    let old_rest: Vec<(u32, &str)> = by_position(&old)
        .into_iter()
        .filter(|(n, _)| !unchanged.contains_key(n))
        .collect();
    let new_rest: Vec<(u32, &str)> = by_position(&new)
        .into_iter()
        .filter(|(n, _)| !kept.contains(n))
        .collect();
    let mut aligned = numbered(&old_rest, &new_rest, options, |number| Key::Paragraph {
        number,
    });
    aligned.numbers.extend(unchanged);
    aligned
}

/// The paragraphs' texts.
fn texts(paragraphs: &[Paragraph]) -> Vec<&str> {
    paragraphs.iter().map(|p| p.text.as_str()).collect()
}

/// Texts numbered by position, from 1.
fn by_position<'a>(texts: &[&'a str]) -> Vec<(u32, &'a str)> {
    let texts = texts.iter().enumerate();
    texts.map(|(i, &text)| (position(i), text)).collect()
}

/// The number of the paragraph at this index: its position from 1.
fn position(index: usize) -> u32 {
    u32::try_from(index).map_or(u32::MAX, |i| i.saturating_add(1))
}

/// What changed between an old action and the new one it became.
fn action_changes(a: &Action, b: &Action) -> Vec<ActionChange> {
    // Every field named, so that one added to `Action` cannot go
    // uncompared unnoticed.
    let Action {
        number: _,
        text: _,
        strategic_priority: _,
        section: _,
        objective: _,
        priority_areas: _,
        timetable: _,
        parties: _,
        footnotes: _,
        // Read from the text, so compared with it.
        items: _,
        indicators: _,
        overarching_indicators: _,
        assessment: _,
        outcome: _,
        progress: _,
        other: _,
        // Where the action stands in the source, not what it says.
        line: _,
        span: _,
        spans: _,
    } = a;
    let mut changes = Vec::new();
    if a.number != b.number {
        changes.push(ActionChange::Number {
            old: a.number,
            new: b.number,
        });
    }
    if a.text != b.text {
        changes.push(ActionChange::Text {
            diff: word_diff(&a.text, &b.text),
        });
    }
    let names = |x: &Action| {
        x.parties
            .iter()
            .map(|p| p.name().to_owned())
            .collect::<Vec<_>>()
    };
    let (added, removed) = list_changes(&names(a), &names(b));
    if !added.is_empty() || !removed.is_empty() {
        changes.push(ActionChange::Parties { added, removed });
    }
    if a.timetable.raw != b.timetable.raw {
        changes.push(ActionChange::Timetable {
            old: a.timetable.raw.clone(),
            new: b.timetable.raw.clone(),
        });
    }
    let (added, removed) = list_changes(&a.priority_areas, &b.priority_areas);
    if !added.is_empty() || !removed.is_empty() {
        changes.push(ActionChange::PriorityAreas { added, removed });
    }
    if a.strategic_priority != b.strategic_priority {
        changes.push(ActionChange::StrategicPriority {
            old: a.strategic_priority,
            new: b.strategic_priority,
        });
    }
    if a.objective != b.objective {
        changes.push(ActionChange::Objective {
            old: a.objective,
            new: b.objective,
        });
    }
    if a.section != b.section {
        changes.push(ActionChange::Section {
            old: a.section,
            new: b.section,
        });
    }
    changes.extend(family_changes(a, b));
    let (added, removed) = (
        unmatched(&b.footnotes, &a.footnotes),
        unmatched(&a.footnotes, &b.footnotes),
    );
    if !added.is_empty() || !removed.is_empty() {
        changes.push(ActionChange::Footnotes { added, removed });
    }
    changes
}

/// What changed in the columns plans of the family add: indicators,
/// assessment sources, expected outcome, state of play, and columns the
/// vocabulary lacks.
fn family_changes(a: &Action, b: &Action) -> Vec<ActionChange> {
    let mut changes = Vec::new();
    let indicators = |x: &Action| {
        let named = x.overarching_indicators.iter();
        let named = named.map(|n| format!("Overarching indicator {n}"));
        named
            .chain(x.indicators.iter().map(|e| e.text.clone()))
            .collect::<Vec<_>>()
    };
    let assessment = |x: &Action| {
        x.assessment
            .iter()
            .map(|e| e.text.clone())
            .collect::<Vec<_>>()
    };
    for (column, (old, new)) in [
        (Column::Indicators, (indicators(a), indicators(b))),
        (Column::Assessment, (assessment(a), assessment(b))),
    ] {
        let (added, removed) = list_changes(&old, &new);
        if !added.is_empty() || !removed.is_empty() {
            changes.push(ActionChange::Entries {
                column,
                added,
                removed,
            });
        }
    }
    let cell = |column, header: Option<&str>, old: Option<&String>, new: Option<&String>| {
        (old != new).then(|| ActionChange::Cell {
            column,
            header: header.map(str::to_owned),
            old: old.cloned(),
            new: new.cloned(),
        })
    };
    changes.extend(cell(
        Column::Outcome,
        None,
        a.outcome.as_ref(),
        b.outcome.as_ref(),
    ));
    changes.extend(cell(
        Column::Progress,
        None,
        a.progress.as_ref(),
        b.progress.as_ref(),
    ));
    let headers = a.other.iter().chain(&b.other).map(|o| o.header.as_str());
    let mut seen = BTreeSet::new();
    for header in headers.filter(|h| seen.insert(*h)) {
        let text = |x: &'_ Action| -> Option<String> {
            x.other
                .iter()
                .find(|o| o.header == header)
                .map(|o| o.text.clone())
        };
        let (old, new) = (text(a), text(b));
        changes.extend(cell(
            Column::Other,
            Some(header),
            old.as_ref(),
            new.as_ref(),
        ));
    }
    changes
}

/// The numbers of `these` that `those` does not have, counting each as
/// often as it occurs: `[2, 2]` has one 2 that `[2]` does not. In the order
/// of `these`.
fn unmatched(these: &[u32], those: &[u32]) -> Vec<u32> {
    let mut left: BTreeMap<u32, usize> = BTreeMap::new();
    for &n in those {
        *left.entry(n).or_default() += 1;
    }
    let mut missing = Vec::new();
    for &n in these {
        match left.get_mut(&n) {
            Some(count) if *count > 0 => *count -= 1,
            _ => missing.push(n),
        }
    }
    missing
}

/// (in `new` only, in `old` only), each in its list's order.
fn list_changes(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let added = new.iter().filter(|x| !old.contains(x)).cloned().collect();
    let removed = old.iter().filter(|x| !new.contains(x)).cloned().collect();
    (added, removed)
}

/// The word-level diff of two texts, as runs of equal, deleted and inserted
/// text.
///
/// Changed words are grouped: the spaces between two changed words go into
/// both the deleted and the inserted run, so `a b c` → `a x y c` reads as
/// `a [-b-]{+x y+} c`, not one run per word. Joining the equal and deleted
/// runs gives back `old`; joining the equal and inserted runs gives `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut segments: Vec<Segment> = Vec::new();
    let (mut deleted, mut inserted) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            similar::ChangeTag::Delete => deleted.push_str(value),
            similar::ChangeTag::Insert => inserted.push_str(value),
            similar::ChangeTag::Equal
                if value.trim().is_empty() && !(deleted.is_empty() && inserted.is_empty()) =>
            {
                // Spaces inside a run of changes belong to both sides.
                deleted.push_str(value);
                inserted.push_str(value);
            }
            similar::ChangeTag::Equal => {
                flush(&mut segments, &mut deleted, &mut inserted);
                push(&mut segments, Op::Equal, value);
            }
        }
    }
    flush(&mut segments, &mut deleted, &mut inserted);
    segments
}

/// Ends a run of changes: whitespace both sides start or end with is equal
/// text, the rest a deletion and an insertion.
fn flush(segments: &mut Vec<Segment>, deleted: &mut String, inserted: &mut String) {
    // A common prefix of equal characters ends on a character boundary of both.
    let lead = common_whitespace(deleted.chars(), inserted.chars());
    let d = deleted.get(lead..).unwrap_or_default();
    let i = inserted.get(lead..).unwrap_or_default();
    let trail = common_whitespace(d.chars().rev(), i.chars().rev());
    let (d_end, i_end) = (d.len().saturating_sub(trail), i.len().saturating_sub(trail));
    push(segments, Op::Equal, deleted.get(..lead).unwrap_or_default());
    push(segments, Op::Delete, d.get(..d_end).unwrap_or_default());
    push(segments, Op::Insert, i.get(..i_end).unwrap_or_default());
    push(segments, Op::Equal, d.get(d_end..).unwrap_or_default());
    deleted.clear();
    inserted.clear();
}

/// The byte length of the whitespace both character sequences start with.
fn common_whitespace(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b)
        .take_while(|(x, y)| x == y && x.is_whitespace())
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// Appends text to the diff, merging it into the last run if that has the
/// same operation.
fn push(segments: &mut Vec<Segment>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match segments.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => segments.push(Segment {
            op,
            text: text.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(old: &str, new: &str) -> Vec<(Op, String)> {
        word_diff(old, new)
            .into_iter()
            .map(|s| (s.op, s.text))
            .collect()
    }

    #[test]
    fn word_diff_groups_runs() {
        let segments = word_diff("a b c", "a x c");
        let ops: Vec<Op> = segments.iter().map(|s| s.op).collect();
        assert_eq!(ops, [Op::Equal, Op::Delete, Op::Insert, Op::Equal]);
    }

    #[test]
    fn word_diff_keeps_changed_words_together() {
        assert_eq!(
            runs("keep one two three keep", "keep uno dos keep"),
            [
                (Op::Equal, "keep ".to_owned()),
                (Op::Delete, "one two three".to_owned()),
                (Op::Insert, "uno dos".to_owned()),
                (Op::Equal, " keep".to_owned()),
            ]
        );
    }

    #[test]
    fn word_diff_of_pure_insertions_and_deletions() {
        assert_eq!(
            runs("a c", "a b b c"),
            [
                (Op::Equal, "a ".to_owned()),
                (Op::Insert, "b b ".to_owned()),
                (Op::Equal, "c".to_owned()),
            ]
        );
        assert_eq!(runs("", ""), []);
        assert_eq!(runs("", "x y"), [(Op::Insert, "x y".to_owned())]);
        assert_eq!(runs("x y", ""), [(Op::Delete, "x y".to_owned())]);
    }
}
