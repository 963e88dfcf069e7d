//! Action labels: `Action 12` at the start of a row, as printed (tags
//! and all) and once cleaned.

use crate::document::pattern;
use crate::form::Line;

pattern!(
    /// The start of an action row before cleaning: a pipe row's first pipe,
    /// tags, then `Action N`,
    /// possibly after a merged header word (`Actions Action 32.`). (A reader
    /// written by hand was slower than this pattern's DFA.)
    RAW_ROW_START =
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

/// Where `Action 12` (any case) first stands in a raw cell, tags and all:
/// the byte range of the word and its number (at most six digits).
pub(super) fn raw_label(raw: &str) -> Option<(usize, usize)> {
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
    RAW_ROW_START.is_match(line.text)
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
        ] {
            assert_eq!(action_label(no), None, "{no}");
        }
        assert_eq!(raw_label("<p><b>Action 12</b> Do"), Some((6, 15)));
        assert_eq!(raw_label("Reaction 1234567"), Some((2, 15)));
        assert_eq!(raw_label("Actions Action 3."), Some((8, 16)));
        assert_eq!(raw_label("Action x"), None);
        assert!(merged_header("Actions Action 32. Develop"));
        assert!(merged_header("action ACTION 1"));
        assert!(!merged_header("Action 32. Develop"));
    }
}
