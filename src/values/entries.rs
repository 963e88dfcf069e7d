//! List cells: an action's own indicators, or the sources of the data that
//! assess it, one entry per bullet (`•`), `;` or dash opening a line; and
//! the overarching indicators such a list names (`Overarching indicator
//! 7, 15`).

use super::origin::Origin;
use crate::model::Entry;
use crate::span::Span;
use crate::text::{after_word, leading_number, DASHES};
use std::ops::Range;

/// Bullets that open an entry wherever they stand.
const BULLETS: [char; 5] = ['•', '▪', '●', '◦', '‣'];

/// The entries of a list cell whose cleaned text is `text`, read from
/// `pieces` of `source` (each piece's range in `text` and its span), each
/// with its span: the cell's, `whole`, where its words cannot be placed.
pub(crate) fn list(
    text: &str,
    pieces: &[(Range<usize>, Span)],
    source: &str,
    whole: Option<Span>,
) -> Vec<Entry> {
    let starts: Vec<usize> = pieces.iter().map(|(range, _)| range.start).collect();
    let origin = Origin::new(text, pieces.iter().cloned(), source, 0);
    let whole = whole.unwrap_or_default();
    let entry = |range: Range<usize>| Entry {
        text: text.get(range.clone()).unwrap_or_default().to_owned(),
        span: origin.span(range).unwrap_or(whole),
    };
    entries(text, &starts).into_iter().map(entry).collect()
}

/// An indicators cell's entries (see [`list`]), those that only name
/// overarching indicators (`Overarching indicator 7, 15`) taken out as
/// their numbers.
pub(crate) fn indicators(
    text: &str,
    pieces: &[(Range<usize>, Span)],
    source: &str,
    whole: Option<Span>,
) -> (Vec<Entry>, Vec<u32>) {
    let mut numbers = Vec::new();
    let mut kept = Vec::new();
    for entry in list(text, pieces, source, whole) {
        match overarching(&entry.text) {
            Some(named) => numbers.extend(named),
            None => kept.push(entry),
        }
    }
    (kept, numbers)
}

/// The byte ranges of the entries of `text`, each trimmed of whitespace,
/// empty ones left out. `starts` are where the cell's pieces (its source
/// lines) begin in `text`, in order: a dash (`-`, `–`, `—`) and a space
/// there open an entry, as a dash inside a line does not.
pub(crate) fn entries(text: &str, starts: &[usize]) -> Vec<Range<usize>> {
    let mut separators: Vec<Range<usize>> = text
        .char_indices()
        .filter(|&(_, c)| c == ';' || BULLETS.contains(&c))
        .map(|(at, c)| at..at + c.len_utf8())
        .collect();
    for &start in starts {
        let rest = text.get(start..).unwrap_or_default();
        let at = start + (rest.len() - rest.trim_start().len());
        let dash = text.get(at..).and_then(|r| r.chars().next());
        let dash = dash.filter(|c| *c == '-' || DASHES.contains(c));
        let spaced = dash.and_then(|d| text.get(at + d.len_utf8()..));
        if let (Some(dash), Some(true)) = (dash, spaced.map(|r| r.starts_with(' '))) {
            separators.push(at..at + dash.len_utf8());
        }
    }
    separators.sort_by_key(|r| r.start);
    let mut found = Vec::new();
    let mut from = 0;
    for separator in separators
        .into_iter()
        .chain(std::iter::once(text.len()..text.len()))
    {
        if separator.start < from {
            continue;
        }
        if let Some(range) = trimmed(text, from..separator.start) {
            found.push(range);
        }
        from = separator.end;
    }
    found
}

/// `range` of `text` without the whitespace at its ends; `None` when
/// nothing else is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let part = text.get(range.clone())?;
    let start = range.start + (part.len() - part.trim_start().len());
    let end = range.start + part.trim_end().len();
    (start < end).then_some(start..end)
}

/// The numbers of the overarching indicators an entry names
/// (`Overarching indicator 7, 15`, `Overarching indicators 3 and 4`), when
/// that is all it says.
pub(crate) fn overarching(entry: &str) -> Option<Vec<u32>> {
    let rest = after_word(entry, "overarching")?;
    let rest = after_word(rest, "indicators").or_else(|| after_word(rest, "indicator"))?;
    let mut numbers = Vec::new();
    for word in rest.split([',', ' ']).filter(|w| !w.is_empty()) {
        if word.eq_ignore_ascii_case("and") {
            continue;
        }
        let (number, after) = leading_number(word, 3)?;
        if !after.trim_end_matches('.').is_empty() {
            return None;
        }
        numbers.push(number);
    }
    (!numbers.is_empty()).then_some(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split<'t>(text: &'t str, starts: &[usize]) -> Vec<&'t str> {
        entries(text, starts)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn entries_part_at_bullets_semicolons_and_dashes_opening_a_line() {
        let text = "• Overarching indicator 7, 15 • Extent of high impact activities";
        assert_eq!(
            split(text, &[0]),
            [
                "Overarching indicator 7, 15",
                "Extent of high impact activities"
            ]
        );
        assert_eq!(
            split("Number of schemes; coverage of them;", &[0]),
            ["Number of schemes", "coverage of them"]
        );
        let text = "- Europol reporting - with a dash inside – Eurojust reporting";
        assert_eq!(
            split(text, &[0, 41]),
            [
                "Europol reporting - with a dash inside",
                "Eurojust reporting"
            ]
        );
        assert_eq!(split(" • ; ", &[0]), Vec::<&str>::new());
        assert_eq!(split("One entry", &[]), ["One entry"]);
    }

    #[test]
    fn overarching_indicators_are_named_by_number() {
        assert_eq!(
            overarching("Overarching indicator 7, 15"),
            Some(vec![7, 15])
        );
        assert_eq!(
            overarching("overarching indicators 3 and 4."),
            Some(vec![3, 4])
        );
        assert_eq!(overarching("Overarching indicator 7 and the rest"), None);
        assert_eq!(overarching("Number of overarching indicators"), None);
        assert_eq!(overarching("Overarching indicator"), None);
    }
}
