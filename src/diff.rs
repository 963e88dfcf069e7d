//! What changed between two revisions of a plan: actions aligned by number
//! and text (or by text alone across documents), with word-level text diffs,
//! and the changes to priorities, footnotes, indicators and glossary.

use crate::model::{Action, Plan};
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
    /// Footnotes added, removed, reworded or renumbered, aligned by text
    /// as actions are (a footnote that moved is one change, not two).
    pub footnotes: Vec<Change>,
    /// Indicators added, removed, changed or renumbered, aligned by text.
    pub indicators: Vec<Change>,
    /// Glossary entries added, removed or changed (by acronym).
    pub glossary: Vec<Change>,
}

/// An old action and the new action it became.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// What changed; empty when nothing did.
    pub changes: Vec<ActionChange>,
}

/// One change to a matched action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
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
}

/// A run of words in a text diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct Change {
    /// The number or acronym: the new one, or the old one when removed.
    pub key: String,
    /// The old number, when the element was renumbered (footnotes and
    /// indicators); `null` otherwise.
    pub old_key: Option<String>,
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
            && self.strategic_priorities.is_empty()
            && self.footnotes.is_empty()
            && self.indicators.is_empty()
            && self.glossary.is_empty()
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
                changes: action_changes(a, b),
            })
        })
        .collect();
    matched.sort_by_key(|p| (p.new, p.old));
    PlanDiff {
        matched,
        added: numbers_outside(&new.actions, &matched_new),
        removed: numbers_outside(&old.actions, &matched_old),
        strategic_priorities: keyed(old, new, |p| {
            let titles = p.strategic_priorities.iter();
            titles
                .map(|s| (s.number.to_string(), s.title.clone()))
                .collect()
        }),
        footnotes: numbered(&footnotes(old), &footnotes(new), options),
        indicators: numbered(
            &borrowed(&indicators(old)),
            &borrowed(&indicators(new)),
            options,
        ),
        glossary: keyed(old, new, |p| {
            let entries = p.glossary.iter();
            entries
                .map(|g| (g.acronym.clone(), g.expansion.clone()))
                .collect()
        }),
    }
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

/// Changes between the two plans' keyed entries, in key order (numbers numerically).
fn keyed(old: &Plan, new: &Plan, entries: impl Fn(&Plan) -> Vec<(String, String)>) -> Vec<Change> {
    let sorted = |plan: &Plan| -> BTreeMap<(u64, String), String> {
        let entries = entries(plan).into_iter();
        entries
            .map(|(k, v)| ((k.parse().unwrap_or(u64::MAX), k), v))
            .collect()
    };
    let (old, new) = (sorted(old), sorted(new));
    let keys: BTreeSet<&(u64, String)> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter_map(|key| {
            let (a, b) = (old.get(key), new.get(key));
            (a != b).then(|| Change {
                key: key.1.clone(),
                old_key: None,
                old: a.cloned(),
                new: b.cloned(),
            })
        })
        .collect()
}

/// Changes between two lists of numbered texts (footnotes, indicators),
/// aligned as the actions of one document are (see [`align`]): a
/// renumbered entry is one change. In the order of the new number (the old
/// one for removed entries).
fn numbered(old: &[(u32, &str)], new: &[(u32, &str)], options: &DiffOptions) -> Vec<Change> {
    let sim = Similarity::new(old, new);
    let pairs = align(old, new, &sim, true, options);
    let change = |key: u32, old_key: Option<u32>, a: Option<&str>, b: Option<&str>| {
        let change = Change {
            key: key.to_string(),
            old_key: old_key.map(|k| k.to_string()),
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
    changes.into_iter().map(|(_, c)| c).collect()
}

fn action_changes(a: &Action, b: &Action) -> Vec<ActionChange> {
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
    changes
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

/// TF-IDF vectors of the texts (of actions, footnotes, indicators) of both
/// plans, over lower-case words.
///
/// A word's weight in an action is its count times `ln(1 + N / df)`, where
/// `N` is the number of actions in both plans and `df` the number of actions
/// using the word; vectors are normalised, so their dot product is the
/// cosine. Vectors are sparse and sorted by word, so every sum is taken in
/// the same order on every run.
struct Similarity {
    old: Vec<Vec<(usize, f64)>>,
    new: Vec<Vec<(usize, f64)>>,
}

impl Similarity {
    fn new(old: &[(u32, &str)], new: &[(u32, &str)]) -> Self {
        let tokens = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric())
                // Words of one or two letters (`of`, `to`, `i`) say nothing.
                .filter(|w| w.chars().count() > 2)
                .map(str::to_lowercase)
                .collect()
        };
        let old_tokens: Vec<Vec<String>> = old.iter().map(|&(_, t)| tokens(t)).collect();
        let new_tokens: Vec<Vec<String>> = new.iter().map(|&(_, t)| tokens(t)).collect();
        // Word → (id, number of actions using it).
        let mut vocabulary: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
        for words in old_tokens.iter().chain(&new_tokens) {
            let unique: BTreeSet<&str> = words.iter().map(String::as_str).collect();
            for w in unique {
                let next = vocabulary.len();
                vocabulary.entry(w).or_insert((next, 0.0)).1 += 1.0;
            }
        }
        let documents = (old_tokens.len() + new_tokens.len()).max(1) as f64;
        let vector = |words: &Vec<String>| -> Vec<(usize, f64)> {
            let mut counts: BTreeMap<usize, f64> = BTreeMap::new();
            for w in words {
                if let Some(&(id, df)) = vocabulary.get(w.as_str()) {
                    *counts.entry(id).or_default() += (1.0 + documents / df).ln();
                }
            }
            let norm = counts.values().map(|v| v * v).sum::<f64>().sqrt();
            counts
                .into_iter()
                .map(|(id, v)| (id, if norm > 0.0 { v / norm } else { 0.0 }))
                .collect()
        };
        Similarity {
            old: old_tokens.iter().map(vector).collect(),
            new: new_tokens.iter().map(vector).collect(),
        }
    }

    /// The cosine similarity of old action `i` and new action `j`, 0–1.
    fn cosine(&self, i: usize, j: usize) -> f64 {
        let (Some(a), Some(b)) = (self.old.get(i), self.new.get(j)) else {
            return 0.0;
        };
        // Both vectors are sorted by word id: walk them together.
        let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
        let mut sum = 0.0;
        while let (Some(&&(x, u)), Some(&&(y, v))) = (a.peek(), b.peek()) {
            match x.cmp(&y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    sum += u * v;
                    a.next();
                    b.next();
                }
            }
        }
        sum.clamp(0.0, 1.0)
    }
}

/// Index pairs (old, new) of numbered texts (actions; footnotes and
/// indicators, always as one document's) that are the same element.
fn align(
    old: &[(u32, &str)],
    new: &[(u32, &str)],
    sim: &Similarity,
    same_document: bool,
    options: &DiffOptions,
) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let (mut taken_old, mut taken_new) = (BTreeSet::new(), BTreeSet::new());
    if same_document {
        // A revision of the same document: the same number is the same
        // action, unless the texts disagree or one of the two texts stands
        // unchanged under another number (the actions were renumbered).
        let mut by_number: BTreeMap<u32, usize> = BTreeMap::new();
        for (j, &(number, _)) in new.iter().enumerate() {
            by_number.entry(number).or_insert(j);
        }
        let old_texts: BTreeSet<&str> = old.iter().map(|&(_, text)| text).collect();
        let new_texts: BTreeSet<&str> = new.iter().map(|&(_, text)| text).collect();
        for (i, &(number, a)) in old.iter().enumerate() {
            let Some(&j) = by_number.get(&number) else {
                continue;
            };
            let Some(&(_, b)) = new.get(j) else {
                continue;
            };
            let moved = a != b && (new_texts.contains(a) || old_texts.contains(b));
            // The same text agrees even when it has no word to weigh.
            let agree = a == b || sim.cosine(i, j) >= SAME_NUMBER_SIMILARITY;
            if !moved && !taken_new.contains(&j) && agree {
                pairs.push((i, j));
                taken_old.insert(i);
                taken_new.insert(j);
            }
        }
    }
    let free_old: Vec<usize> = (0..old.len()).filter(|i| !taken_old.contains(i)).collect();
    let free_new: Vec<usize> = (0..new.len()).filter(|j| !taken_new.contains(j)).collect();
    pairs.extend(
        assign(&free_old, &free_new, sim)
            .into_iter()
            .filter(|&(i, j)| sim.cosine(i, j) >= options.threshold),
    );
    if same_document {
        // Within a document an action left over is new or gone, not part
        // of a split: the numbers say which action is which.
        return pairs;
    }

    // Splits and merges: an action left over that is close to one already
    // matched is part of it.
    let matched_old: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let matched_new: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
    let mut extra = Vec::new();
    for j in (0..new.len()).filter(|j| !matched_new.contains(j)) {
        let best = best(
            matched_old.iter().copied(),
            |i| sim.cosine(i, j),
            options.split_threshold,
        );
        if let Some(i) = best {
            extra.push((i, j));
        }
    }
    for i in (0..old.len()).filter(|i| !matched_old.contains(i)) {
        let best = best(
            matched_new.iter().copied(),
            |j| sim.cosine(i, j),
            options.split_threshold,
        );
        if let Some(j) = best {
            extra.push((i, j));
        }
    }
    pairs.extend(extra);
    pairs
}

/// With the same number, texts this similar are the same action.
const SAME_NUMBER_SIMILARITY: f64 = 0.5;

fn best(
    candidates: impl Iterator<Item = usize>,
    score: impl Fn(usize) -> f64,
    threshold: f64,
) -> Option<usize> {
    candidates
        .map(|c| (score(c), c))
        .filter(|(s, _)| *s >= threshold)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, c)| c)
}

/// Beyond this many actions, a greedy assignment replaces the cubic
/// Hungarian method.
const HUNGARIAN_LIMIT: usize = 1500;

/// A one-to-one assignment of `rows` to `columns` maximising total similarity.
fn assign(rows: &[usize], columns: &[usize], sim: &Similarity) -> Vec<(usize, usize)> {
    if rows.is_empty() || columns.is_empty() {
        return Vec::new();
    }
    if rows.len().max(columns.len()) > HUNGARIAN_LIMIT {
        return greedy(rows, columns, sim);
    }
    // The Hungarian method needs rows ≤ columns: transpose if not.
    let transposed = rows.len() > columns.len();
    let (r, c) = if transposed {
        (columns, rows)
    } else {
        (rows, columns)
    };
    // (row position, column position) back to (old index, new index).
    let original = |a: usize, b: usize| -> Option<(usize, usize)> {
        let (x, y) = (*r.get(a)?, *c.get(b)?);
        Some(if transposed { (y, x) } else { (x, y) })
    };
    let cost = |a: usize, b: usize| original(a, b).map_or(1.0, |(i, j)| 1.0 - sim.cosine(i, j));
    hungarian(r.len(), c.len(), cost)
        .into_iter()
        .filter_map(|(a, b)| original(a, b))
        .collect()
}

/// Minimum-cost assignment of `n` rows to `m ≥ n` columns (potentials method).
fn hungarian(n: usize, m: usize, cost: impl Fn(usize, usize) -> f64) -> Vec<(usize, usize)> {
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; m + 1]);
    let (mut p, mut way) = (vec![0usize; m + 1], vec![0usize; m + 1]);
    for i in 1..=n {
        if let Some(first) = p.first_mut() {
            *first = i;
        }
        let mut j0 = 0;
        let mut minv = vec![inf; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            if let Some(flag) = used.get_mut(j0) {
                *flag = true;
            }
            let i0 = p.get(j0).copied().unwrap_or(0);
            let (mut delta, mut j1) = (inf, 0);
            for j in 1..=m {
                if used.get(j).copied().unwrap_or(true) {
                    continue;
                }
                let ui0 = u.get(i0).copied().unwrap_or(0.0);
                let vj = v.get(j).copied().unwrap_or(0.0);
                let current = cost(i0.saturating_sub(1), j - 1) - ui0 - vj;
                if let (Some(mv), Some(w)) = (minv.get_mut(j), way.get_mut(j)) {
                    if current < *mv {
                        *mv = current;
                        *w = j0;
                    }
                    if *mv < delta {
                        delta = *mv;
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used.get(j).copied().unwrap_or(false) {
                    let row = p.get(j).copied().unwrap_or(0);
                    if let Some(x) = u.get_mut(row) {
                        *x += delta;
                    }
                    if let Some(x) = v.get_mut(j) {
                        *x -= delta;
                    }
                } else if let Some(x) = minv.get_mut(j) {
                    *x -= delta;
                }
            }
            j0 = j1;
            if p.get(j0).copied().unwrap_or(0) == 0 || delta == inf {
                break;
            }
        }
        loop {
            let j1 = way.get(j0).copied().unwrap_or(0);
            let row = p.get(j1).copied().unwrap_or(0);
            if let Some(x) = p.get_mut(j0) {
                *x = row;
            }
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=m)
        .filter_map(|j| p.get(j).copied().filter(|&i| i > 0).map(|i| (i - 1, j - 1)))
        .collect()
}

fn greedy(rows: &[usize], columns: &[usize], sim: &Similarity) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &i in rows {
        for &j in columns {
            let s = sim.cosine(i, j);
            if s > 0.0 {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let (mut taken_rows, mut taken_columns) = (BTreeSet::new(), BTreeSet::new());
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !taken_rows.contains(&i) && !taken_columns.contains(&j) {
            taken_rows.insert(i);
            taken_columns.insert(j);
            pairs.push((i, j));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hungarian_finds_the_optimum_where_greedy_does_not() {
        // Greedy takes (0,0)=0.1 first and must then pay 10 for (1,1).
        let costs = [[0.1, 0.2], [0.15, 10.0]];
        let cost = |i: usize, j: usize| costs[i][j];
        let mut found = hungarian(2, 2, cost);
        found.sort_unstable();
        assert_eq!(found, [(0, 1), (1, 0)]);
    }

    #[test]
    fn hungarian_handles_more_columns_than_rows() {
        let costs = [[5.0, 1.0, 3.0]];
        assert_eq!(hungarian(1, 3, |i, j| costs[i][j]), [(0, 1)]);
    }

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
