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
/// the priority areas, `Objective/Action` the actions).
const VOCABULARY: [(&str, Column); 58] = [
    ("action", Column::Action),
    ("actions", Column::Action),
    ("objective", Column::Objective),
    ("objectives", Column::Objective),
    ("timetable", Column::Timetable),
    ("timetables", Column::Timetable),
    ("timeline", Column::Timetable),
    ("timelines", Column::Timetable),
    ("timeframe", Column::Timetable),
    ("timing", Column::Timetable),
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
    ("indicator", Column::Indicators),
    ("indicators", Column::Indicators),
    ("performance", Column::Indicators),
    ("kpi", Column::Indicators),
    ("kpis", Column::Indicators),
    ("data", Column::Assessment),
    ("collection", Column::Assessment),
    ("assessment", Column::Assessment),
    ("mechanism", Column::Assessment),
    ("mechanisms", Column::Assessment),
    ("tool", Column::Assessment),
    ("tools", Column::Assessment),
    ("source", Column::Assessment),
    ("sources", Column::Assessment),
    ("verification", Column::Assessment),
    ("means", Column::Assessment),
    ("expected", Column::Outcome),
    ("outcome", Column::Outcome),
    ("outcomes", Column::Outcome),
    ("result", Column::Outcome),
    ("results", Column::Outcome),
    ("output", Column::Outcome),
    ("outputs", Column::Outcome),
    ("state", Column::Progress),
    ("play", Column::Progress),
    ("progress", Column::Progress),
    ("status", Column::Progress),
    ("achievements", Column::Progress),
    ("remarks", Column::Other),
    ("comments", Column::Other),
];

/// Words a header cell may hold besides its vocabulary, naming no column
/// (`Data collection and assessment mechanisms`, `State of play`).
const FILLERS: [&str; 12] = [
    "and", "of", "or", "the", "for", "to", "by", "in", "per", "&", "/", "+",
];

impl Column {
    /// True for a column whose header may stand on a line of its own (a
    /// header broken over lines): one of the action's own cells, not a
    /// list or notes column.
    fn stands_alone(self) -> bool {
        matches!(
            self,
            Column::Action
                | Column::Objective
                | Column::Timetable
                | Column::Parties
                | Column::PriorityArea
        )
    }
}

/// The words of a header cell: split at whitespace and slashes
/// (`Objective/Action`, `Data collection / assessment`).
fn header_words(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
}

/// The column a header cell names, when every word of it is header
/// vocabulary (or a filler between such words).
pub(super) fn header_column(cell: &str) -> Option<Column> {
    read_cell(cell, None)
}

/// [`header_column`], where with `guessed` a word the vocabulary lacks may
/// also be read as the nearest word it has (see [`near_column`]), and is
/// then added to `guessed` with the column it names. A word of one
/// character (`Timetab e`, a letter lost) names nothing, as a filler.
fn read_cell(cell: &str, mut guessed: Option<&mut Vec<(String, Column)>>) -> Option<Column> {
    let mut best: Option<Column> = None;
    for word in header_words(cell) {
        let filler = FILLERS.iter().any(|f| f.eq_ignore_ascii_case(word));
        let column = match word_column(word) {
            Some(column) => column,
            None if filler => continue,
            None => {
                let guessed = guessed.as_deref_mut()?;
                // A letter alone is what is left of a word a letter was
                // lost from; any other character (a bullet) is a cell's.
                if word.chars().nth(1).is_none() && word.chars().all(char::is_alphabetic) {
                    continue;
                }
                let column = near_column(word)?;
                guessed.push((word.to_owned(), column));
                column
            }
        };
        best = Some(best.map_or(column, |b| b.min(column)));
    }
    best
}

/// The column a word the vocabulary lacks most likely names: the one all
/// vocabulary words it starts share (four letters at least: `Time`,
/// `Respons`), or the one of the words that begin with its letter and lie
/// within one edit of it (two for a word of nine letters or more:
/// `Respon|ibility`; `sanctions` is no `actions`). `None` when that is not
/// one column, or the word has a digit (a label's or a year's).
fn near_column(word: &str) -> Option<Column> {
    // No header word is longer than `responsibilities`.
    if !(4..=20).contains(&word.len()) || word.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let lower = word.to_lowercase();
    let prefixed = VOCABULARY.iter().filter(|(v, _)| v.starts_with(&lower));
    let most = if lower.chars().count() >= 9 { 2 } else { 1 };
    let first = lower.chars().next();
    let near = VOCABULARY.iter().filter(|(v, _)| {
        lower.len() >= 5
            && v.chars().next() == first
            && strsim::damerau_levenshtein(v, &lower) <= most
    });
    let one_column = |mut words: Box<dyn Iterator<Item = &(&str, Column)> + '_>| {
        let (_, first) = words.next()?;
        words.all(|(_, c)| c == first).then_some(*first)
    };
    one_column(Box::new(prefixed))
        .or_else(|| one_column(Box::new(near)))
        .filter(|c| *c != Column::Other)
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
/// and the columns of the table it heads with each one's header text.
/// Marker spans count from the line's start, so one reading serves every
/// repeat of the line (a table's header repeats on each page).
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub(super) cells: Rc<[(Clean, Option<Column>)]>,
    pub(super) columns: Rc<[Column]>,
    /// The header text of each of `columns`, in the same order.
    pub(super) labels: Rc<[Rc<str>]>,
    /// The words the vocabulary lacks that were read as the nearest it
    /// has, with the column each names.
    pub(super) guessed: Vec<(String, Column)>,
}

/// The header a line is: every non-empty cell of it header words; or a
/// cell naming the actions, another naming a known column, and fewer
/// cells the vocabulary lacks than it knows, none of them with a digit in
/// it (a label or a year is a row's). A cell the vocabulary lacks is a
/// column of its own, [`Column::Other`].
pub(crate) fn read_header(line: &Line<'_>) -> Option<Header> {
    // Header cells are a few words; a long cell is a row (and cleaning it
    // only to reject it would cost more than the rest of the parse).
    if line.cells().any(|cell| cell.text.len() > MAX_HEADER_CELL) {
        return None;
    }
    // Nor can a line be a header whose cells mostly do not start like a
    // header word: counted before any cell is cleaned.
    let starts_like_header = |cell: &str| {
        crate::text::first_text_byte(cell).is_none_or(|b| {
            VOCABULARY
                .iter()
                .any(|(word, _)| word.as_bytes().first() == Some(&b.to_ascii_lowercase()))
        })
    };
    let (cells, unlike) = line.cells().fold((0, 0), |(n, unlike), cell| {
        (n + 1, unlike + usize::from(!starts_like_header(cell.text)))
    });
    if unlike * 2 >= cells && unlike > 0 {
        return None;
    }
    // A line of one cell (others empty) is a header only in the
    // vocabulary's own words,
    // and not when it names a list or notes column: `Performance
    // indicators` and `Expected results` also title parts of a plan.
    let alone = line.cells().filter(|c| !c.text.trim().is_empty()).count() == 1;
    let mut guessed = Vec::new();
    let mut cells: Vec<(Clean, Option<Column>)> = line
        .cells()
        .map(|cell| {
            let clean = cell.clean_from(line.span.start);
            let column = match alone {
                true => header_column(&clean.text).filter(|c| c.stands_alone()),
                false => read_cell(&clean.text, Some(&mut guessed)),
            };
            (clean, column)
        })
        .collect();
    let named = |(c, _): &&(Clean, Option<Column>)| !c.text.is_empty();
    let known = cells
        .iter()
        .filter(named)
        .filter(|(_, c)| c.is_some())
        .count();
    let unknown = cells.iter().filter(named).count() - known;
    let heads_actions = cells.iter().any(|(_, c)| *c == Some(Column::Action));
    let unknown_ok = cells
        .iter()
        .filter(named)
        .filter(|(_, c)| c.is_none())
        .all(|(c, _)| !c.text.bytes().any(|b| b.is_ascii_digit()));
    // A header names each column once: a line naming one twice is a row
    // whose words happen to be header words (`sanctions`, `• Actions`).
    let mut named: Vec<Column> = cells.iter().filter_map(|(_, c)| *c).collect();
    named.sort();
    let repeats = named
        .windows(2)
        .any(|pair| matches!(pair, [a, b] if a == b));
    let header = !repeats
        && known > 0
        && (unknown == 0 || (heads_actions && known >= 2 && unknown < known && unknown_ok));
    if !header {
        return None;
    }
    // Each cell the vocabulary lacks is a column of its own.
    for (clean, column) in &mut cells {
        if column.is_none() && !clean.text.is_empty() {
            *column = Some(Column::Other);
        }
    }
    let cells: Rc<[(Clean, Option<Column>)]> = cells.into();
    let named_cells = || cells.iter().filter_map(|(c, column)| Some((c, (*column)?)));
    let columns = named_cells().map(|(_, column)| column).collect();
    let labels = named_cells()
        .map(|(c, _)| Rc::from(c.text.as_str()))
        .collect();
    Some(Header {
        cells,
        columns,
        labels,
        guessed,
    })
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
