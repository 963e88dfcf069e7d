//! The enumerated sub-points inside an action's text: `(i) … (ii) …`,
//! `i) … ii) …`, and `2.1 regarding … 2.2 related to …` (numbered after the
//! action). Labels are only taken in sequence, so `(EU)` or a stray `v)`
//! never start a list.

use crate::form::offset_in;
use crate::model::Item;
use crate::span::Span;
use crate::text::pattern;
use std::ops::Range;

pattern!(DECIMAL = r"(?:^|\s)(\d{1,4})\.(\d{1,2})\s");

const NUMERALS: [&str; 20] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
];

/// A label found in the text: where it starts, where its item's text
/// starts, and the label as printed.
struct Label<'t> {
    start: usize,
    body: usize,
    label: &'t str,
}

/// The sub-points of the text of action `number`, in order. `locate`
/// gives the source span of a byte range of `text`: an item's, from its
/// label to the end of its text.
pub(crate) fn items(
    text: &str,
    number: u32,
    mut locate: impl FnMut(Range<usize>) -> Span,
) -> Vec<Item> {
    let labels = roman_labels(text);
    let labels = if labels.is_empty() {
        decimal_labels(text, number)
    } else {
        labels
    };
    let mut items = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        let end = match labels.get(i + 1) {
            Some(next) => next.start,
            None => sentence_end(text, label.body),
        };
        let body = text.get(label.body..end).unwrap_or("");
        let item = trim_separator(body);
        let item_end = label.body + offset_in(body, item) + item.len();
        items.push(Item {
            label: label.label.to_owned(),
            text: item.to_owned(),
            span: locate(label.start..item_end.max(label.body)),
        });
    }
    items
}

fn roman_labels(text: &str) -> Vec<Label<'_>> {
    let mut labels = Vec::new();
    for found in numerals(text) {
        if NUMERALS.get(labels.len()) == Some(&found.numeral) {
            labels.push(Label {
                start: found.label_start,
                body: found.body,
                label: found.numeral,
            });
        }
    }
    labels
}

/// Every roman-numeral label in `text`, in order and without overlap: the
/// whitespace after one label cannot also open the next.
fn numerals(text: &str) -> impl Iterator<Item = Numeral<'_>> {
    let mut taken = 0;
    memchr::memchr_iter(b')', text.as_bytes()).filter_map(move |close| {
        let found = roman_label_at(text, close).filter(|f| f.start >= taken)?;
        taken = found.body;
        Some(found)
    })
}

/// A roman-numeral label closed by the `)` at byte `close`.
struct Numeral<'t> {
    /// Where the match starts: the separator before the label, if any.
    start: usize,
    /// Where the label starts (its `(`, or its numeral).
    label_start: usize,
    /// Where the item's text starts, after the whitespace that follows `)`.
    body: usize,
    numeral: &'t str,
}

/// The label `(iv) `, `iv) ` ending at `close`: one to five of `i`, `v`,
/// `x`, perhaps after `(`, at the start or after whitespace, `;`, `:` or
/// `,`, and followed by whitespace.
fn roman_label_at(text: &str, close: usize) -> Option<Numeral<'_>> {
    let before = text.get(..close)?;
    let run = before
        .bytes()
        .rev()
        .take_while(|b| matches!(b, b'i' | b'v' | b'x'))
        .count();
    let numeral_start = close - run;
    let numeral = text.get(numeral_start..close)?;
    let opened = before.get(..numeral_start)?;
    let (label_start, outside) = match opened.strip_suffix('(') {
        Some(outside) => (numeral_start - 1, outside),
        None => (numeral_start, opened),
    };
    let start = match outside.chars().next_back() {
        None => 0,
        Some(c) if c.is_whitespace() || matches!(c, ';' | ':' | ',') => {
            outside.len() - c.len_utf8()
        }
        Some(_) => return None,
    };
    let after = text
        .get(close + 1..)?
        .chars()
        .next()
        .filter(|c| c.is_whitespace())?;
    ((1..=5).contains(&run)).then_some(Numeral {
        start,
        label_start,
        body: close + 1 + after.len_utf8(),
        numeral,
    })
}

fn decimal_labels(text: &str, number: u32) -> Vec<Label<'_>> {
    let mut labels = Vec::new();
    // Every label is a digit, a full stop and a digit.
    let bytes = text.as_bytes();
    let digit = |p: Option<usize>| p.and_then(|p| bytes.get(p)).is_some_and(u8::is_ascii_digit);
    if !memchr::memchr_iter(b'.', bytes).any(|p| digit(p.checked_sub(1)) && digit(Some(p + 1))) {
        return labels;
    }
    for caps in DECIMAL.captures_iter(text) {
        let (Some(major), Some(minor), Some(whole)) = (caps.get(1), caps.get(2), caps.get(0))
        else {
            continue;
        };
        let expected = labels.len() + 1;
        // As printed: `2.1`, not `2.01`.
        let in_sequence =
            minor.as_str().parse() == Ok(expected) && !minor.as_str().starts_with('0');
        if major.as_str().parse() != Ok(number) || !in_sequence {
            continue;
        }
        labels.push(Label {
            start: major.start(),
            body: whole.end(),
            label: text.get(major.start()..minor.end()).unwrap_or(""),
        });
    }
    labels
}

/// The end of the sentence that starts at or before `from`: a full stop
/// followed by a capital letter, not one closing an abbreviation (`e.g.`).
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    // Full stops are sought byte by byte, and a space looked for after
    // each: a search for the two bytes together costs more to set up.
    let rest = bytes.get(from..).unwrap_or_default();
    let stops = memchr::memchr_iter(b'.', rest)
        .map(|p| from + p)
        .filter(|&stop| bytes.get(stop + 1) == Some(&b' '));
    for stop in stops {
        let next = text.get(stop + 2..).and_then(|r| r.chars().next());
        let before = text.get(..stop).unwrap_or_default();
        let word = before.rsplit(' ').next().unwrap_or_default();
        let abbreviation =
            word.contains('.') || (word.len() <= 2 && word.chars().all(|c| c.is_lowercase()));
        if next.is_some_and(char::is_uppercase) && !abbreviation {
            return stop + 1;
        }
    }
    text.len()
}

/// Drops what joins an item to the next: `;`, `,`, `and`, `or`, a final `.`.
fn trim_separator(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text;
        text = text.trim_end_matches([';', ',', '.']).trim_end();
        for word in [" and", " or"] {
            if let Some(stripped) = text.strip_suffix(word) {
                text = stripped.trim_end();
            }
        }
        if text == before {
            return text;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled(text: &str, number: u32) -> Vec<(String, String)> {
        items(text, number, |_| Span::default())
            .into_iter()
            .map(|i| (i.label, i.text))
            .collect()
    }

    /// Each item's range of the text, as `locate` is asked for it.
    fn ranges(text: &str, number: u32) -> Vec<&str> {
        let mut ranges = Vec::new();
        items(text, number, |r| {
            ranges.push(r);
            Span::default()
        });
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn an_item_is_located_from_its_label_to_the_end_of_its_text() {
        let text = "Do: (i) enhance it, (ii) detect; and iii) disrupt. Next.";
        assert_eq!(
            ranges(text, 1),
            ["(i) enhance it", "(ii) detect", "iii) disrupt"]
        );
        let text = "Share: 2.1 regarding x; 2.2 related to y.";
        assert_eq!(ranges(text, 2), ["2.1 regarding x", "2.2 related to y"]);
        // An item with no text is its label.
        assert_eq!(ranges("(i) ; (ii) x", 1), ["(i) ", "(ii) x"]);
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    proptest::proptest! {
        /// The label scanner finds what the pattern it replaced found.
        #[test]
        fn roman_labels_match_the_pattern(
            text in crate::testing::text_of(&["(", ")", "i", "ii", "iii", "iv", "v", "vi", "x", "xiiiii", " ", "\u{a0}", ";", ":",
                ",", "a", "word", ". ", "(i) ", "ii) "], 16)
        ) {
            let pattern = regex::Regex::new(r"(?:^|[\s;:,])(\(?)([ivx]{1,5})\)\s").unwrap();
            let expected: Vec<(usize, usize, String)> = pattern
                .captures_iter(&text)
                .map(|c| (c.get(1).unwrap().start(), c.get(0).unwrap().end(), c[2].to_owned()))
                .collect();
            let found: Vec<(usize, usize, String)> = numerals(&text)
                .map(|n| (n.label_start, n.body, n.numeral.to_owned()))
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    /// [`sentence_end`] as first written, searching for `. ` itself.
    fn searched_sentence_end(text: &str, from: usize) -> usize {
        let mut i = from;
        while let Some(offset) = text.get(i..).and_then(|rest| rest.find(". ")) {
            let stop = i + offset;
            let next = text.get(stop + 2..).and_then(|r| r.chars().next());
            let word = text[..stop].rsplit(' ').next().unwrap_or_default();
            let abbreviation =
                word.contains('.') || (word.len() <= 2 && word.chars().all(|c| c.is_lowercase()));
            if next.is_some_and(char::is_uppercase) && !abbreviation {
                return stop + 1;
            }
            i = stop + 2;
        }
        text.len()
    }

    proptest::proptest! {
        #[test]
        fn sentences_end_where_a_search_for_a_stop_and_space_ends_them(
            text in crate::testing::text_of(&[".", " ", ". ", "..", "A", "b", "e.g", "É", "é", "word", "ab"], 16),
            from in 0usize..8,
        ) {
            let from = (0..=from.min(text.len())).rev().find(|&n| text.is_char_boundary(n)).unwrap_or(0);
            proptest::prop_assert_eq!(sentence_end(&text, from), searched_sentence_end(&text, from));
        }
    }

    #[test]
    fn bracketed_roman_numerals() {
        let text = "Do this: (i) enhance investigations, (ii) detect activities; (iii) disrupt crime and (iv) stop profits. Member States are encouraged to act.";
        assert_eq!(
            labelled(text, 5),
            pairs(&[
                ("i", "enhance investigations"),
                ("ii", "detect activities"),
                ("iii", "disrupt crime"),
                ("iv", "stop profits")
            ])
        );
    }

    #[test]
    fn half_bracketed_roman_numerals() {
        let text = "by i) identifying gaps; ii) supporting networks and iii) ensuring collation. All data counts.";
        assert_eq!(
            labelled(text, 70),
            pairs(&[
                ("i", "identifying gaps"),
                ("ii", "supporting networks"),
                ("iii", "ensuring collation")
            ])
        );
    }

    #[test]
    fn decimal_sub_points_follow_the_action_number() {
        let text = "Reinforce sharing: 2.1 regarding production. This should include i.a. exchange. 2.2 related to other crime.";
        assert_eq!(
            labelled(text, 2),
            pairs(&[
                (
                    "2.1",
                    "regarding production. This should include i.a. exchange"
                ),
                ("2.2", "related to other crime")
            ])
        );
        assert!(items(text, 3, |_| Span::default()).is_empty());
    }

    #[test]
    fn out_of_sequence_labels_are_not_items() {
        let none = |text| items(text, 1, |_| Span::default()).is_empty();
        assert!(none("Directive (EU) 2019/1153 and v) nothing"));
        assert!(none("a text with (ii) but no first item"));
    }

    #[test]
    fn abbreviations_do_not_end_the_last_item() {
        let text = "(i) use systems (e.g. Hawala) and banks. Next sentence.";
        assert_eq!(
            labelled(text, 1),
            pairs(&[("i", "use systems (e.g. Hawala) and banks")])
        );
    }
}
