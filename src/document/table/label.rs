//! Action labels: `Action 12` at the start of a row, as printed (tags
//! and all) and once cleaned.

use crate::document::pattern;
use crate::form::Line;

pattern!(
    /// The start of an action row before cleaning: a pipe row's first pipe,
    /// tags, then `Action N`,
    /// possibly after a merged header word (`Actions Action 32.`). (A reader
    /// written by hand was slower than this pattern's DFA.)
    ROW_START =
        r"^\s*(?:\|\s*)?(?:<[A-Za-z/][^<>]{0,40}>\s*)*(?:\*+\s*)?(?:(?i:actions?)\s+)?(?i:action)\s+\d"
);

/// `Action 12.` at the start of a cleaned cell (any case; `.`, `:` or a
/// dash may follow the number): the number, and the label's length with
/// the spaces after it.
pub(super) fn action_label(text: &str) -> Option<(u32, usize)> {
    let (number, after) =
        crate::text::leading_number(crate::document::after_word(text, "action")?, 6)?;
    // One letter may follow the number (`Action 12a`, an action inserted
    // by a revision): the row is Action 12's, which `check` then reports
    // as a number given twice, rather than a continuation of Action 12.
    let word_end = |rest: &str| {
        rest.bytes()
            .next()
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
    };
    // `Action 2 2`: a number split by a space is a mistyped label.
    let split = after.strip_prefix(' ');
    if split.is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit())) {
        return None;
    }
    let after = match after.get(1..) {
        Some(rest) if after.starts_with(|c: char| c.is_ascii_alphabetic()) && word_end(rest) => {
            rest
        }
        _ if word_end(after) => after,
        _ => return None,
    };
    let after = after.trim_start();
    let after = after
        .strip_prefix(crate::document::AFTER_LABEL)
        .unwrap_or(after)
        .trim_start();
    Some((number, text.len() - after.len()))
}

/// A bare number opening a cleaned cell (`11. Utilise …`, `3) Ensure …`),
/// as the plans of 2009-2020 number their actions and objectives: the
/// number, and the label's length with the spaces after it. A space must
/// follow (`1.1` and `2017.` are no label), or the cell end.
pub(crate) fn bare_label(text: &str) -> Option<(u32, usize)> {
    let (number, after) = crate::text::leading_number(text, 4)?;
    let rest = after.strip_prefix(['.', ')'])?;
    let spaced = rest.trim_start();
    (rest.is_empty() || spaced.len() < rest.len()).then_some((number, text.len() - spaced.len()))
}

/// An objective's label opening a cleaned cell or line (`Objective 1:
/// Prevent …`, `OBJECTIVE 2 – …`): its number, and the label's length
/// with the punctuation and spaces after it.
pub(crate) fn objective_label(text: &str) -> Option<(u32, usize)> {
    let rest = crate::text::after_word(text, "objective")?;
    let (number, after) = crate::text::leading_number(rest, 3)?;
    let after = after.trim_start();
    let spaced = after
        .strip_prefix(crate::document::AFTER_LABEL)?
        .trim_start();
    Some((number, text.len() - spaced.len()))
}

/// A row's first words that look like a label but are not one: a word one
/// edit from `Action` (`Acton 22`, `Actoin 22`, `Actions 22`) or `Action`
/// run into its number (`Action22`), followed by a number, or `Action`
/// followed by digits split by a space (`Action 2 2.`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mistyped<'t> {
    /// The label's words as printed (cleaned): `Acton 22`.
    pub printed: &'t str,
    /// The number, where one can be read.
    pub number: Option<u32>,
    /// The label's length with the punctuation and spaces after it.
    pub len: usize,
}

/// The label-like start of a cleaned cell that [`action_label`] does not
/// take (see [`Mistyped`]).
pub(super) fn mistyped_label(text: &str) -> Option<Mistyped<'_>> {
    let word_len = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    let rest = text.get(word_len..)?;
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    // Every row without a label comes here: most are ruled out by the
    // length of their first word (one edit from `action` is five to seven
    // letters) or by no number after it, before anything is compared.
    if !(5..=7).contains(&word_len) || digits(rest.trim_start()) == 0 {
        return None;
    }
    let word = text.get(..word_len)?.to_ascii_lowercase();
    let (number, after) = if word == "action" {
        let spaced = rest.trim_start();
        match digits(rest) {
            // `Action22`: the number run into the word.
            n @ 1..=6 => (rest.get(..n)?.parse().ok(), rest.get(n..)?),
            0 if spaced.len() < rest.len() => {
                // `Action 2 2`: digits split by single spaces.
                let (mut number, mut at, mut groups) = (String::new(), spaced, 0);
                while let n @ 1.. = digits(at) {
                    number.push_str(at.get(..n)?);
                    groups += 1;
                    at = at.get(n..)?;
                    match at.strip_prefix(' ') {
                        Some(next) if digits(next) > 0 => at = next,
                        _ => break,
                    }
                }
                if groups < 2 {
                    return None;
                }
                // More digits than any action number: none can be read.
                (number.parse().ok().filter(|_| number.len() <= 6), at)
            }
            _ => return None,
        }
    } else {
        let near = strsim::damerau_levenshtein(&word, "action") == 1;
        let spaced = rest.trim_start();
        if !near || spaced.len() == rest.len() {
            return None;
        }
        let n = digits(spaced);
        if n == 0 {
            return None;
        }
        (spaced.get(..n)?.parse().ok(), spaced.get(n..)?)
    };
    // The label ends at a word's end: `Action 22nd` is no label.
    if after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let printed = text.get(..text.len() - after.len())?;
    let after = after.trim_start();
    let after = after
        .strip_prefix(crate::document::AFTER_LABEL)
        .unwrap_or(after)
        .trim_start();
    Some(Mistyped {
        printed,
        number,
        len: text.len() - after.len(),
    })
}

/// Where `Action 12` (any case) first stands in a raw cell, tags and all:
/// the byte range of the word and its number (at most six digits).
pub(super) fn printed_label(raw: &str) -> Option<(usize, usize)> {
    memchr::memchr2_iter(b'a', b'A', raw.as_bytes()).find_map(|start| {
        let number = crate::document::after_word(raw.get(start..)?, "action")?;
        let digits = number.bytes().take_while(u8::is_ascii_digit).count();
        let end = raw.len() - number.len() + digits.min(6);
        (digits > 0).then_some((start, end))
    })
}

/// A header word merged in front of the first row's label (`Actions Action 32.`).
pub(super) fn merged_header(text: &str) -> bool {
    let rest = crate::document::after_word(text, "actions")
        .or_else(|| crate::document::after_word(text, "action"));
    rest.and_then(|r| crate::document::after_word(r, "action"))
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// True when a line starts a new action row (`Action 12 …`), with or without
/// a header merged in front of it.
pub(crate) fn is_action_row(line: &Line<'_>) -> bool {
    ROW_START.is_match(line.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn line(text: &str) -> Line<'_> {
        Line::new(text, Span::new(0, text.len()))
    }

    #[test]
    fn action_rows_after_tags_of_any_length_up_to_forty_characters() {
        let tag = |n: usize| format!("<p{}>Action 1\t1.1", "é".repeat(n));
        assert!(is_action_row(&line(&tag(40))));
        assert!(!is_action_row(&line(&tag(41))));
        assert!(is_action_row(&line("  <b> * Action 3 x")));
        assert!(!is_action_row(&line("<p>Action x")));
        assert!(!is_action_row(&line("<3 Action 3")));
    }

    #[test]
    fn action_rows_in_both_dialects() {
        assert!(is_action_row(&line("<p><b>Action 1</b> Further</p>\t1.1")));
        assert!(is_action_row(&line("<b>Action 84</b> The EU\t2021-2025")));
        assert!(is_action_row(&line("Action 2: Reinforce\t1.1")));
        assert!(is_action_row(&line("ACTION 7 – Reinforce\t1.1")));
        assert!(is_action_row(&line("<p><b>action 9</b>\t1.1")));
        assert!(is_action_row(&line(
            "Actions Action 32. Develop\tCorresponding priority area 6.1"
        )));
        assert!(!is_action_row(&line("\t\t\tFrontex")));
        assert!(!is_action_row(&line("Actions\tCorresponding")));
    }

    #[test]
    fn action_labels() {
        assert_eq!(action_label("Action 12 Do this"), Some((12, 10)));
        assert_eq!(action_label("ACTION 7 – Reinforce"), Some((7, 13)));
        assert_eq!(action_label("action 3: x"), Some((3, 10)));
        assert_eq!(action_label("Action 2."), Some((2, 9)));
        // A letter after the number is part of the label.
        assert_eq!(action_label("Action 12a Do"), Some((12, 11)));
        assert_eq!(action_label("Action 12b."), Some((12, 11)));
        for no in [
            "Action",
            "Action x",
            "Action 1234567",
            "Action 12ab",
            "Action 12_",
            "Actions 3",
            "Action3",
            "Action 2 2 Share",
        ] {
            assert_eq!(action_label(no), None, "{no}");
        }
        assert_eq!(printed_label("<p><b>Action 12</b> Do"), Some((6, 15)));
        assert_eq!(printed_label("Reaction 1234567"), Some((2, 15)));
        assert_eq!(printed_label("Actions Action 3."), Some((8, 16)));
        assert_eq!(printed_label("Action x"), None);
        assert!(merged_header("Actions Action 32. Develop"));
        assert!(merged_header("action ACTION 1"));
        assert!(!merged_header("Action 32. Develop"));
    }

    #[test]
    fn mistyped_labels() {
        let read = |text| mistyped_label(text).map(|m| (m.printed, m.number, m.len));
        assert_eq!(read("Acton 22 Share data"), Some(("Acton 22", Some(22), 9)));
        assert_eq!(read("Actoin 22. Share"), Some(("Actoin 22", Some(22), 11)));
        assert_eq!(read("Actions 7: x"), Some(("Actions 7", Some(7), 11)));
        assert_eq!(read("Action22 Share"), Some(("Action22", Some(22), 9)));
        assert_eq!(
            read("ACTION 2 2 – Share"),
            Some(("ACTION 2 2", Some(22), 15))
        );
        assert_eq!(read("Acton 22"), Some(("Acton 22", Some(22), 8)));
        let long = "Action 1 2 3 4 5 6 7";
        assert_eq!(read(long), Some((long, None, long.len())));
        for no in [
            "Action 22 Share",
            "Acting 3 times",
            "Actors 2021",
            "Acton",
            "Acton twenty",
            "Action 2",
            "Action 22nd",
            "Actin22",
            "Fraction 3",
            "",
        ] {
            assert_eq!(read(no), None, "{no}");
        }
    }
}
