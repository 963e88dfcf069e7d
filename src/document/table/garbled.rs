//! Garbled repeats: a PDF extraction sometimes prints the end of a cell
//! again, a few characters changed, on a line of its own. Such a line is
//! told from a real continuation by its similarity to the end of the text
//! it continues (character bigrams, then a character diff).

/// How similar (0–1, by characters) a continuation line must be to the end
/// of the action's text to count as a garbled repeat of it.
const GARBLED_SIMILARITY: f32 = 0.8;

/// Shorter lines are never judged garbled: too little text to compare.
pub(super) const GARBLED_MIN_CHARS: usize = 20;

/// Longer lines are never judged garbled either: an extraction's garbled
/// repeat is a line of a few hundred characters, and the character diff
/// that judges it costs the line's length times the edits it finds, which
/// grow with the length too (a line of 45,000 characters, every twelfth
/// changed, took 0.3 s; one of 90,000, 1.3 s).
const GARBLED_MAX_CHARS: usize = 1_000;

/// How many characters `texts` make joined by single spaces.
pub(super) fn joined_chars<'t>(texts: impl Iterator<Item = &'t str>) -> usize {
    let (count, chars) = texts.fold((0usize, 0), |(n, chars), t| {
        (n + 1, chars + t.chars().count())
    });
    chars + count.saturating_sub(1)
}

/// True when `line` repeats, slightly garbled, the end of `text`.
pub(super) fn is_garbled_repeat(text: &str, line: &str) -> bool {
    let length = line.chars().count();
    if !(GARBLED_MIN_CHARS..=GARBLED_MAX_CHARS).contains(&length) {
        return false;
    }
    // The last `length` characters, found from the end: counting from the
    // start would grow with every row an action continues over.
    let start = text
        .char_indices()
        .rev()
        .nth(length.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let tail = text.get(start..).unwrap_or(text);
    // The bigram test first: the character diff is quadratic on texts
    // that differ, which is what almost every continuation row is.
    bigram_similarity(tail, line) >= GARBLED_SIMILARITY
        && similar::TextDiff::from_chars(tail, line).ratio() >= GARBLED_SIMILARITY
}

/// The character bigrams of `text`, in order. Each character is decoded
/// once, and kept as the next bigram's first.
fn bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut chars = text.chars();
    let first = chars.next();
    chars.scan(first, |previous, c| Some((previous.replace(c)?, c)))
}

/// The Sørensen–Dice coefficient of the two texts' character bigrams.
fn bigram_similarity(a: &str, b: &str) -> f32 {
    // Each bigram as one number (the first character in the high half), so
    // that sorting and comparing them is integer work.
    let sorted = |s: &str| {
        let mut pairs: Vec<u64> = bigrams(s)
            .map(|(p, c)| u64::from(p) << 32 | u64::from(c))
            .collect();
        pairs.sort_unstable();
        pairs
    };
    let (x, y) = (sorted(a), sorted(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * shared) as f32 / (x.len() + y.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbled_repeats_are_near_duplicates_of_the_end() {
        let text = "Develop a set of European forensic toxicology guidelines for drug-related death investigations.";
        assert!(is_garbled_repeat(
            text,
            "European forensic toxicology guidennes for drug-related deam investigations."
        ));
        assert!(!is_garbled_repeat(
            text,
            "Focal Points both in the areas of public health and security."
        ));
        assert!(!is_garbled_repeat(text, "EMCDDA"));
    }

    #[test]
    fn garbled_repeats_are_no_longer_than_the_bound() {
        // The end of a text repeated with every twelfth character changed:
        // garbled up to the bound's length (counted in characters), not
        // beyond.
        let garble = |text: &str| -> String {
            let changed = |(i, c): (usize, char)| if i % 12 == 0 { 'q' } else { c };
            text.chars().enumerate().map(changed).collect()
        };
        let text = "é drug-related death investigations, ".repeat(40);
        let end = |chars: usize| -> String {
            let skip = text.chars().count() - chars;
            text.chars().skip(skip).collect()
        };
        let longest = garble(&end(GARBLED_MAX_CHARS));
        assert!(is_garbled_repeat(&text, &longest));
        let longer = garble(&end(GARBLED_MAX_CHARS + 1));
        assert!(!is_garbled_repeat(&text, &longer));
    }

    /// The coefficient as defined: shared bigrams (as a multiset) over all.
    fn dice_by_definition(a: &str, b: &str) -> f32 {
        let bigrams = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
            pairs.sort_unstable();
            pairs
        };
        let (x, mut y) = (bigrams(a), bigrams(b));
        if x.is_empty() || y.is_empty() {
            return 0.0;
        }
        let total = x.len() + y.len();
        let shared = x
            .iter()
            .filter(|p| match y.iter().position(|q| q == *p) {
                Some(i) => {
                    y.remove(i);
                    true
                }
                None => false,
            })
            .count();
        (2 * shared) as f32 / total as f32
    }

    proptest::proptest! {
        #[test]
        fn bigram_similarity_is_the_dice_coefficient(
            a in "[ab é\u{10FFFF}]{0,12}",
            b in "[ab é\u{10FFFF}]{0,12}",
        ) {
            proptest::prop_assert_eq!(bigram_similarity(&a, &b), dice_by_definition(&a, &b));
        }

        #[test]
        fn bigrams_pair_each_character_with_the_next(text in "[ab é\u{10FFFF}]{0,12}") {
            let chars: Vec<char> = text.chars().collect();
            let expected: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
            proptest::prop_assert_eq!(bigrams(&text).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn joined_chars_counts_the_joined_text(
            texts in proptest::collection::vec("[ab é\u{10FFFF}]{1,6}", 0..5),
        ) {
            let joined = texts.join(" ");
            let count = joined_chars(texts.iter().map(String::as_str));
            proptest::prop_assert_eq!(count, joined.chars().count());
        }


    }
}
