//! Which element of the old plan became which of the new: numbered texts
//! (actions, footnotes, indicators, introduction paragraphs) aligned by
//! number and by TF-IDF similarity, with an optimal one-to-one assignment
//! (the Hungarian method).

use super::DiffOptions;
use std::collections::{BTreeMap, BTreeSet};

/// TF-IDF vectors of the texts (of actions, footnotes, indicators,
/// introduction paragraphs) of both plans, over lower-case words.
///
/// A word's weight in an action is its count times `ln(1 + N / df)`, where
/// `N` is the number of actions in both plans and `df` the number of actions
/// using the word; vectors are normalised, so their dot product is the
/// cosine. Vectors are sparse and sorted by word, so every sum is taken in
/// the same order on every run.
pub(super) struct Similarity {
    old: Vec<Vec<(usize, f64)>>,
    new: Vec<Vec<(usize, f64)>>,
}

impl Similarity {
    pub(super) fn new(old: &[(u32, &str)], new: &[(u32, &str)]) -> Self {
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
    pub(super) fn cosine(&self, i: usize, j: usize) -> f64 {
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

/// Index pairs (old, new) of numbered texts (actions; footnotes,
/// indicators and introduction paragraphs, always as one document's) that
/// are the same element.
pub(super) fn align(
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
}
