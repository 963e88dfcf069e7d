//! Table headers: the words a header is made of, and the column each
//! names.

use crate::form::{offset_in, Line};
use crate::model::Column;
use crate::text::Clean;
use std::rc::Rc;

/// The longest header cell (`Responsible party <sup>1</sup>` is 30 bytes).
const MAX_HEADER_CELL: usize = 80;

/// Every word a table header is made of, and the column it names. In a
/// cell of several words the first column in [`Column`]'s order wins
/// (`Responsible party` names the parties, `Corresponding priority area`
/// the priority areas).
const VOCABULARY: [(&str, Column); 25] = [
    ("action", Column::Action),
    ("actions", Column::Action),
    ("timetable", Column::Timetable),
    ("timeline", Column::Timetable),
    ("timelines", Column::Timetable),
    ("timeframe", Column::Timetable),
    ("deadline", Column::Timetable),
    ("deadlines", Column::Timetable),
    ("schedule", Column::Timetable),
    ("responsible", Column::Parties),
    ("responsibility", Column::Parties),
    ("responsibilities", Column::Parties),
    ("party", Column::Parties),
    ("parties", Column::Parties),
    ("actor", Column::Parties),
    ("actors", Column::Parties),
    ("stakeholder", Column::Parties),
    ("stakeholders", Column::Parties),
    ("lead", Column::Parties),
    ("corresponding", Column::PriorityArea),
    ("priority", Column::PriorityArea),
    ("priorities", Column::PriorityArea),
    ("area", Column::PriorityArea),
    ("areas", Column::PriorityArea),
    ("objective", Column::PriorityArea),
];

/// The column a header cell names, when every word of it is header vocabulary.
pub(super) fn header_column(cell: &str) -> Option<Column> {
    let mut best: Option<Column> = None;
    for word in cell.split_whitespace() {
        let column = word_column(word)?;
        best = Some(best.map_or(column, |b| b.min(column)));
    }
    best
}

/// The column a header word names.
fn word_column(word: &str) -> Option<Column> {
    let (_, column) = VOCABULARY
        .iter()
        .find(|(v, _)| v.eq_ignore_ascii_case(word))?;
    Some(*column)
}

/// Splits a header-word prefix off a cell merged with the first row
/// (`Corresponding priority area 6.1 6.2` → (priority area, `6.1 6.2`)):
/// the longest run of header words at its start, and the column they
/// name together, as [`header_column`] reads them. The column is kept
/// word by word: reading each longer prefix anew was quadratic in a cell
/// of many header words.
pub(super) fn strip_header_prefix(cell: &str) -> (Option<Column>, &str) {
    let mut best = (None, cell);
    let mut named: Option<Column> = None;
    for word in cell.split_whitespace() {
        let Some(column) = word_column(word) else {
            break;
        };
        let column = named.map_or(column, |b| b.min(column));
        named = Some(column);
        let end = offset_in(cell, word) + word.len();
        let tail = cell.get(end..).unwrap_or("");
        best = (Some(column), tail.trim_start());
    }
    best
}

/// A table header line, read: each cell cleaned, with the column it names,
/// and the columns of the table it heads. Marker spans count from the
/// line's start, so one reading serves every repeat of the line (a table's
/// header repeats on each page).
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub(super) cells: Rc<[(Clean, Option<Column>)]>,
    pub(super) columns: Rc<[Column]>,
}

/// The header a line is, when every non-empty cell of it is header words.
pub(crate) fn read_header(line: &Line<'_>) -> Option<Header> {
    // Header cells are a few words; a long cell is a row (and cleaning it
    // only to reject it would cost more than the rest of the parse).
    // Nor can a cell whose text does not start like a header word.
    let unlike_header = |cell: &str| {
        cell.len() > MAX_HEADER_CELL
            || crate::text::first_text_byte(cell).is_some_and(|b| {
                !VOCABULARY
                    .iter()
                    .any(|(word, _)| word.as_bytes().first() == Some(&b.to_ascii_lowercase()))
            })
    };
    if line.cells().any(|cell| unlike_header(cell.text)) {
        return None;
    }
    let cells: Rc<[(Clean, Option<Column>)]> = line
        .cells()
        .map(|cell| {
            let clean = cell.clean_from(line.span.start);
            let column = header_column(&clean.text);
            (clean, column)
        })
        .collect();
    let named = cells.iter().any(|(c, _)| !c.text.is_empty());
    let all_header = cells
        .iter()
        .all(|(c, column)| c.text.is_empty() || column.is_some());
    let columns = cells.iter().filter_map(|(_, column)| *column).collect();
    (named && all_header).then_some(Header { cells, columns })
}

/// True when a line is a table header (every non-empty cell is header words).
pub(crate) fn is_header(line: &Line<'_>) -> bool {
    read_header(line).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn line(text: &str) -> Line<'_> {
        Line::new(text, Span::new(0, text.len()))
    }

    #[test]
    fn header_vocabulary() {
        assert!(is_header(&line(
            "Action\tPriority area\tTimetable\tResponsible party <sup>1</sup>"
        )));
        assert!(is_header(&line(
            "Actions\tCorresponding\tTimetable\tResponsibility"
        )));
        assert!(is_header(&line("\tpriority area\t\t")));
        assert!(is_header(&line("Action\tTimetable\tResponsible party")));
        assert!(!is_header(&line("Action 3. Do\t1.1\t2021\tEuropol")));
        assert!(!is_header(&line("\t\t\t")));
    }

    #[test]
    fn header_prefixes_split_off_merged_cells() {
        assert_eq!(
            strip_header_prefix("Corresponding priority area 6.1 6.2").1,
            "6.1 6.2"
        );
        assert_eq!(
            strip_header_prefix("Timetable 2024").0,
            Some(Column::Timetable)
        );
        assert_eq!(
            strip_header_prefix("Responsibility European Commission").1,
            "European Commission"
        );
        assert_eq!(strip_header_prefix("2021-2025").0, None);
    }
}
