//! Priority-area cells: `1.1`, `1.1 1.2 Track, trace…`, `5.2.`,
//! `8.4.Restrict…`, `9.3 Foster…`.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::PriorityArea;
use crate::span::Span;

/// One code found in a priority-area cell, borrowed from the cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AreaEntry<'c> {
    /// `1.2`, without a trailing dot.
    pub code: &'c str,
    /// The description that follows the code, if this cell introduces it.
    pub description: Option<&'c str>,
}

/// What a priority-area cell holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct AreaCell<'c> {
    pub entries: Vec<AreaEntry<'c>>,
    /// Text that came before any code (the cell is malformed when set).
    pub leftover: Option<&'c str>,
}

/// The code `input` starts with (digits, a full stop, digits; a full
/// stop after it is no part of it), and what follows it. Read byte by
/// byte: a parser combinator costs more than the few bytes it reads.
fn code(input: &str) -> Option<(&str, &str)> {
    let bytes = input.as_bytes();
    let digits = |from: usize| {
        let rest = bytes.get(from..).unwrap_or_default();
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    };
    let major = digits(0);
    if major == 0 || bytes.get(major) != Some(&b'.') {
        return None;
    }
    let minor = digits(major + 1);
    if minor == 0 {
        return None;
    }
    let end = major + 1 + minor;
    let after = end + usize::from(bytes.get(end) == Some(&b'.'));
    Some((input.get(after..)?, input.get(..end)?))
}

/// What may stand between two codes: whitespace, a comma or semicolon, `and`
/// or `&` (`1.1, 1.2 and 1.3`). Its length, when a code follows it.
fn between_codes(text: &str) -> Option<usize> {
    let separated = |c: char| c.is_whitespace() || c == ',' || c == ';';
    let mut rest = text.trim_start_matches(separated);
    for word in ["and ", "& "] {
        if let Some(after) = rest.strip_prefix(word) {
            rest = after.trim_start_matches(separated);
        }
    }
    code(rest).is_some().then_some(text.len() - rest.len())
}

/// Reads a cleaned priority-area cell. Codes come first; text after the last
/// code is that code's description (the cell introduces it), without the
/// colon, dash or comma that may stand between them (`1.1 – Target…`).
pub(crate) fn parse_cell(cell: &str) -> AreaCell<'_> {
    // Room for the codes of any cell but a long list, given at once.
    let mut entries: Vec<AreaEntry<'_>> = Vec::with_capacity(4);
    let mut rest = cell.trim();
    while !rest.is_empty() {
        let Some((after, code)) = code(rest) else {
            break;
        };
        // A code must stand alone or run into its description's first letter
        // (`8.4.Restrict`); `1.12a` is not a code followed by text.
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        entries.push(AreaEntry {
            code,
            description: None,
        });
        rest = match between_codes(after) {
            Some(len) => after.get(len..).unwrap_or_default(),
            None => after.trim_start_matches([' ', '\t', '\r', '\n']),
        };
    }
    if rest.is_empty() {
        return AreaCell {
            entries,
            leftover: None,
        };
    }
    match entries.last_mut() {
        Some(last) => {
            let description =
                (rest.trim_start_matches([':', '-', '–', '—', ',', ';'])).trim_start();
            last.description = Some(description).filter(|d| !d.is_empty());
            AreaCell {
                entries,
                leftover: None,
            }
        }
        None => AreaCell {
            entries,
            leftover: Some(rest),
        },
    }
}

/// Orders codes numerically: `2.1` < `10.1`, `1.2` < `1.10`.
pub(crate) fn sort_key(code: &str) -> (u32, u32) {
    let number = |part: &str| part.parse::<u32>().unwrap_or(u32::MAX);
    // The parts before the first and the second full stop, found by byte:
    // a sort asks for keys often, and a string splitter costs more.
    fn until_stop(text: &str) -> (&str, Option<&str>) {
        let end = memchr::memchr(b'.', text.as_bytes()).unwrap_or(text.len());
        (text.get(..end).unwrap_or_default(), text.get(end + 1..))
    }
    let (first, rest) = until_stop(code);
    let second = rest.map(|rest| until_stop(rest).0);
    (number(first), second.map_or(u32::MAX, number))
}

/// Where `code` (`1.2`) is printed in the cell at `span` of `source`: its
/// first occurrence with no digit or dot-and-digit around it (`1.2` is
/// not in `11.2` nor in `1.23`); the whole cell if it is not printed so.
fn code_span(source: &str, span: Span, code: &str) -> Span {
    let cell = source.get(span.range()).unwrap_or_default();
    let bytes = cell.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let stands_alone = |at: usize| {
        let end = at + code.len();
        let before = at.checked_sub(1).is_some_and(|i| {
            digit_at(i) || (bytes.get(i) == Some(&b'.') && i.checked_sub(1).is_some_and(digit_at))
        });
        let after = digit_at(end) || (bytes.get(end) == Some(&b'.') && digit_at(end + 1));
        !before && !after
    };
    crate::values::origin::occurrences(bytes, code.as_bytes())
        .find(|&at| stands_alone(at))
        .map_or(span, |at| {
            Span::new(span.start + at, span.start + at + code.len())
        })
}

/// The numbers printed in `cell` (`1`, `1.2`, `1.2.3`: digits, then more
/// digits after each full stop that has a digit on both sides), each whole,
/// with the byte it starts at, in order. Each runs as far as it can, and
/// the next starts at the next digit, which so has neither a digit nor a
/// digit and a full stop just before it.
///
/// A code (`1.2`) therefore stands alone, as [`code_span`] means it,
/// exactly where it is one of these numbers: where it stands alone, nothing
/// before it lets an earlier number run into it, so a number starts there,
/// runs over the code and stops where the code ends, as neither a digit
/// nor a full stop and a digit follows. The other way, a number has neither
/// before it nor after it. (A place where a code overlaps an earlier one,
/// which the search skips, never stands alone: a digit, or a full stop
/// after one, stands before it.)
fn numbers(cell: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = cell.as_bytes();
    let digits = move |from: usize| {
        let rest = bytes.get(from..).unwrap_or_default();
        from + rest.iter().take_while(|b| b.is_ascii_digit()).count()
    };
    let mut next = 0;
    std::iter::from_fn(move || {
        let rest = bytes.get(next..)?;
        let start = next + rest.iter().position(u8::is_ascii_digit)?;
        let mut end = digits(start);
        while bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end = digits(end + 1);
        }
        next = end;
        Some((start, cell.get(start..end)?))
    })
}

/// Where each number of `cell` ([`numbers`]) is first printed: where
/// [`code_span`] finds each code in it, found in one pass over the cell
/// however many codes it holds.
fn first_places(cell: &str) -> foldhash::HashMap<&str, usize> {
    let mut first = foldhash::HashMap::default();
    for (at, number) in numbers(cell) {
        first.entry(number).or_insert(at);
    }
    first
}

/// Where `code` is printed in the cell at `span`, given where each number
/// of the cell is first printed ([`first_places`]): where [`code_span`]
/// finds it.
fn placed_code_span(places: &foldhash::HashMap<&str, usize>, span: Span, code: &str) -> Span {
    places.get(code).map_or(span, |&at| {
        Span::new(span.start + at, span.start + at + code.len())
    })
}

/// The strategic priority a code belongs to: its first number.
pub(crate) fn priority_of(code: &str) -> Option<u32> {
    code.split('.').next()?.parse().ok()
}

/// The priority areas a plan's rows have introduced so far, with an index
/// by code.
#[derive(Default)]
pub(crate) struct Areas {
    list: Vec<PriorityArea>,
    index: foldhash::HashMap<String, usize>,
}

impl Areas {
    /// An index with room for the areas `rows` rows may introduce, so that
    /// it is not rebuilt as it fills: no more than a plan's areas usually
    /// are, as a long plan repeats them rather than adding one a row. (The
    /// list, which the plan keeps, is not given room it may not use.)
    pub(crate) fn for_rows(rows: usize) -> Areas {
        Areas {
            list: Vec::new(),
            index: foldhash::HashMap::with_capacity_and_hasher(
                rows.min(Self::RESERVED),
                Default::default(),
            ),
        }
    }

    /// The most areas the index makes room for at first (the Council's
    /// plan of 2021 has 43).
    const RESERVED: usize = 128;

    /// The most codes of one cell that are each searched for in it: a
    /// cell of more is read once for where they all are printed.
    const SEARCHED_CODES: usize = 8;

    /// Records the areas Action `number`'s cell (at `span` of `source`)
    /// introduces, with a description, or mentions.
    pub(crate) fn define(
        &mut self,
        number: u32,
        cell: &AreaCell<'_>,
        (span, source): (Span, &str),
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if let Some(leftover) = &cell.leftover {
            let kind = DiagnosticKind::InvalidPriorityArea {
                action: number,
                text: leftover.to_string(),
            };
            diagnostics.push(Diagnostic::new(kind, span));
        }
        // A cell of many codes is read once for where each is printed;
        // searching it for each (a handful at most, nearly always) would
        // be quadratic in a long list.
        let places = (cell.entries.len() > Self::SEARCHED_CODES)
            .then(|| first_places(source.get(span.range()).unwrap_or_default()));
        for entry in &cell.entries {
            // The code as printed, and with its description the rest of
            // the cell, which the description runs to.
            let code = match &places {
                Some(places) => placed_code_span(places, span, entry.code),
                None => code_span(source, span, entry.code),
            };
            let area_span = match entry.description {
                Some(_) => Span::new(code.start, span.end),
                None => code,
            };
            let known = self.index.get(entry.code).copied();
            match known.and_then(|i| self.list.get_mut(i)) {
                Some(existing) => match (&existing.description, &entry.description) {
                    (None, Some(description)) => {
                        existing.description = Some((*description).to_owned());
                        existing.span = area_span;
                    }
                    // The same cell again, carried down by its `rowspan`.
                    (Some(_), Some(_)) if existing.span == area_span => {}
                    (Some(_), Some(_)) => diagnostics.push(Diagnostic::new(
                        DiagnosticKind::DuplicatePriorityArea {
                            action: number,
                            area: entry.code.to_owned(),
                        },
                        area_span,
                    )),
                    _ => {}
                },
                None => {
                    self.index.insert(entry.code.to_owned(), self.list.len());
                    self.list.push(PriorityArea {
                        code: entry.code.to_owned(),
                        description: entry.description.map(str::to_owned),
                        strategic_priority: priority_of(entry.code),
                        span: area_span,
                    });
                }
            }
        }
    }

    /// The areas, in the order of their codes.
    pub(crate) fn into_sorted(self) -> Vec<PriorityArea> {
        let mut list = self.list;
        list.sort_by_key(|a| sort_key(&a.code));
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cell: &str) -> Vec<(String, Option<String>)> {
        parse_cell(cell)
            .entries
            .into_iter()
            .map(|e| (e.code.to_owned(), e.description.map(str::to_owned)))
            .collect()
    }

    macro_rules! parses_to {
        ($($name:ident: $cell:expr => [$(($code:expr, $desc:expr)),*];)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<(String, Option<String>)> =
                    vec![$(($code.to_owned(), $desc.map(str::to_owned))),*];
                assert_eq!(read($cell), expected);
            }
        )*};
    }

    parses_to! {
        code_only: "1.2" => [("1.2", None::<&str>)];
        two_codes: "1.1 1.2" => [("1.1", None::<&str>), ("1.2", None)];
        trailing_dot: "2.2." => [("2.2", None::<&str>)];
        defines_with_dot: "3.1. Tackle digitally enabled illicit drug markets." => [("3.1", Some("Tackle digitally enabled illicit drug markets."))];
        references_then_defines: "1.1 1.2 Track, trace, freeze" => [("1.1", None), ("1.2", Some("Track, trace, freeze"))];
        glued_description: "8.4.Restrict the availability of drugs in prisons." => [("8.4", Some("Restrict the availability of drugs in prisons."))];
        no_dot_description: "9.3 Foster international cooperation" => [("9.3", Some("Foster international cooperation"))];
        two_digit_priority: "10.5. Ensure adequate financing" => [("10.5", Some("Ensure adequate financing"))];
        empty: "" => [];
        comma_separated: "1.1, 1.2; 1.3" => [("1.1", None::<&str>), ("1.2", None), ("1.3", None)];
        joined_by_and: "1.1 and 1.2 & 1.3" => [("1.1", None::<&str>), ("1.2", None), ("1.3", None)];
        dash_before_description: "1.1 – Target groups" => [("1.1", Some("Target groups"))];
        colon_before_description: "1.1: Target groups" => [("1.1", Some("Target groups"))];
        comma_before_description: "1.1, Target" => [("1.1", Some("Target"))];
    }

    #[test]
    fn text_without_a_code_is_leftover() {
        let cell = parse_cell("Tackle markets");
        assert!(cell.entries.is_empty());
        assert_eq!(cell.leftover, Some("Tackle markets"));
    }

    #[test]
    fn a_code_is_found_where_it_stands_alone() {
        let source = "xx <p>11.2 1.23 1.2. Text</p>";
        let cell = Span::new(3, source.len());
        let found = code_span(source, cell, "1.2");
        assert_eq!(&source[found.range()], "1.2");
        assert_eq!(found.start, 16);
        assert_eq!(code_span(source, cell, "4.1"), cell);
    }

    /// The parser [`code`] replaced.
    fn nom_code(input: &str) -> nom::IResult<&str, &str> {
        use nom::bytes::complete::tag;
        use nom::character::complete::digit1;
        use nom::combinator::{opt, recognize};
        use nom::sequence::terminated;
        use nom::Parser;
        terminated(recognize((digit1, tag("."), digit1)), opt(tag("."))).parse(input)
    }

    /// Where [`code_span`] finds `code`, by the substring search it replaced.
    fn searched_code_span(source: &str, span: Span, code: &str) -> Span {
        let cell = &source[span.range()];
        let bytes = cell.as_bytes();
        let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        cell.match_indices(code)
            .map(|(at, _)| at)
            .find(|&at| {
                let end = at + code.len();
                let before = at > 0
                    && (digit_at(at - 1) || (bytes[at - 1] == b'.' && at > 1 && digit_at(at - 2)));
                let after = digit_at(end) || (bytes.get(end) == Some(&b'.') && digit_at(end + 1));
                !before && !after
            })
            .map_or(span, |at| {
                Span::new(span.start + at, span.start + at + code.len())
            })
    }

    /// Where [`Areas::define`] finds `code` in a cell of many codes.
    fn placed(source: &str, span: Span, code: &str) -> Span {
        placed_code_span(&first_places(&source[span.range()]), span, code)
    }

    #[test]
    fn a_long_list_finds_each_code_where_it_stands_alone() {
        // Nine codes, so that the cell is read once for all of them: one
        // printed with a tag inside, one run into its description.
        let cleaned = "1.1 1.2 2.1, 2.2; 3.1 and 3.2 & 3.3 4.1 8.4.Restrict";
        let source = "<p>1.1 1.2 2.1, 2.2; 3.1 and 3.2 & 3.3 <b>4</b>.1 8.4.Restrict</p>";
        let span = Span::new(0, source.len());
        let cell = parse_cell(cleaned);
        assert_eq!(cell.entries.len(), 9);
        let mut areas = Areas::default();
        let mut diagnostics = Vec::new();
        areas.define(1, &cell, (span, source), &mut diagnostics);
        let areas = areas.into_sorted();
        let area = |code: &str| areas.iter().find(|a| a.code == code).unwrap();
        for code in ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "8.4"] {
            let found = area(code).span;
            assert_eq!(&source[found.start..found.start + 3], code);
            assert_eq!(found.start, code_span(source, span, code).start, "{code}");
        }
        assert_eq!(area("4.1").span, span);
        assert!(diagnostics.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn codes_are_read_as_the_combinator_read_them(
            text in crate::testing::text_of(&["1", "12", ".", " ", "a", "é", "\t", "3.", "0"], 8)
        ) {
            let expected = nom_code(&text).ok();
            proptest::prop_assert_eq!(code(&text), expected);
        }

        #[test]
        fn codes_are_found_where_a_substring_search_finds_them(
            text in crate::testing::text_of(&["1", "11", "2", ".", " ", "<p>", "é", "1.1", "1.12", "11.1"], 10),
            code in proptest::sample::select(vec!["1.1", "11.1", "1.12", "1.2", "11.11"]),
        ) {
            let source = format!("xx {text}");
            let cell = Span::new(3, source.len());
            let searched = searched_code_span(&source, cell, code);
            proptest::prop_assert_eq!(code_span(&source, cell, code), searched);
            proptest::prop_assert_eq!(placed(&source, cell, code), searched);
        }

        #[test]
        fn codes_of_a_long_list_are_found_where_a_substring_search_finds_them(
            text in crate::testing::text_of(
                &[
                    "1.1", "1.2", "11.2", "1.23", "1.2.3", "2.1", "1.1.", "8.4.Restrict", "<b>1</b>.1",
                    "1", "2", ".", " ", ", ", "é", "€", "<p>", "a", "\t",
                ],
                40,
            ),
        ) {
            // Every code the cell reads, and some it may hold otherwise.
            let source = format!("xx {text}");
            let cell = Span::new(3, source.len());
            let parsed = parse_cell(&text);
            let codes = parsed.entries.iter().map(|e| e.code);
            for code in codes.chain(["1.1", "1.2", "11.2", "1.23", "2.3", "8.4", "4.1"]) {
                proptest::prop_assert_eq!(
                    placed(&source, cell, code),
                    searched_code_span(&source, cell, code),
                    "{}", code
                );
            }
        }

        #[test]
        fn numbers_are_the_maximal_runs_a_pattern_finds(
            text in crate::testing::text_of(&["1", "12", ".", "..", " ", "a", "é", "1.2", "<b>"], 12)
        ) {
            let pattern = regex::Regex::new(r"[0-9]+(?:\.[0-9]+)*").unwrap();
            let expected: Vec<_> = pattern.find_iter(&text).map(|m| (m.start(), m.as_str())).collect();
            proptest::prop_assert_eq!(numbers(&text).collect::<Vec<_>>(), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn sort_keys_are_the_numbers_a_split_finds(
            code in crate::testing::text_of(&["1", "12", ".", "a", "é", "+3", "99999999999", ""], 6)
        ) {
            let mut numbers = code.split('.').map(|p| p.parse::<u32>().unwrap_or(u32::MAX));
            let expected = (
                numbers.next().unwrap_or(u32::MAX),
                numbers.next().unwrap_or(u32::MAX),
            );
            proptest::prop_assert_eq!(sort_key(&code), expected);
        }
    }

    #[test]
    fn codes_sort_numerically() {
        let mut codes = vec!["10.1", "2.1", "1.10", "1.2"];
        codes.sort_by_key(|c| sort_key(c));
        assert_eq!(codes, ["1.2", "1.10", "2.1", "10.1"]);
    }
}
