//! Timetables: `2021-2025`, `2024`, `By 2023`, `2022 onwards`, `Ongoing`,
//! or nothing.

use crate::span::Span;
use nom::branch::alt;
use nom::bytes::complete::tag_no_case;
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{all_consuming, map, map_res, opt, success, value};
use nom::sequence::preceded;
use nom::{IResult, Parser};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// When an action is to be carried out, as printed and as understood.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Timetable {
    /// The cell as printed, whitespace normalised; `""` when empty.
    pub raw: String,
    /// First year: of a year or a range of years, or the year an open-ended
    /// timetable starts (`From 2022`, `2022 onwards`).
    pub start: Option<u16>,
    /// Last year: of a year or a range of years, or a deadline (`By 2023`).
    pub end: Option<u16>,
    /// True when the cell says the action is ongoing.
    pub ongoing: bool,
    /// Source span of the cell.
    pub span: Span,
}

/// What a timetable cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimetableKind {
    /// A range of years, `2021-2025` (start, end).
    Range(u16, u16),
    /// A single year, `2024`.
    Year(u16),
    /// A deadline with no start: `By 2023`, `By the end of 2023`.
    By(u16),
    /// A start with no end: `From 2022`, `As of 2022`, `2022 onwards`.
    From(u16),
    /// `Ongoing`.
    Ongoing,
    /// The cell is empty.
    NotGiven,
    /// The cell holds text that is not a timetable.
    Unparsed,
}

/// The timetable as printed.
impl std::fmt::Display for Timetable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.raw)
    }
}

/// Any text is a timetable (see [`Timetable::parse`]).
///
/// ```
/// use actionplan::{Timetable, TimetableKind};
/// let t: Timetable = "By 2023".parse().expect("any text");
/// assert_eq!((t.kind(), t.to_string()), (TimetableKind::By(2023), "By 2023".to_owned()));
/// ```
impl std::str::FromStr for Timetable {
    type Err = std::convert::Infallible;

    fn from_str(cell: &str) -> Result<Timetable, Self::Err> {
        Ok(Timetable::parse(cell))
    }
}

impl Timetable {
    /// Reads a timetable cell. Text that is not a timetable is kept in `raw`
    /// with no years; see [`Timetable::kind`].
    ///
    /// ```
    /// use actionplan::{Timetable, TimetableKind};
    /// assert_eq!(Timetable::parse("2021 – 2025").kind(), TimetableKind::Range(2021, 2025));
    /// assert_eq!(Timetable::parse("2021-25").kind(), TimetableKind::Range(2021, 2025));
    /// assert_eq!(Timetable::parse("By the end of 2023").kind(), TimetableKind::By(2023));
    /// assert_eq!(Timetable::parse("Ongoing").kind(), TimetableKind::Ongoing);
    /// assert_eq!(Timetable::parse(" ").kind(), TimetableKind::NotGiven);
    /// assert_eq!(Timetable::parse("soon").kind(), TimetableKind::Unparsed);
    /// ```
    pub fn parse(cell: &str) -> Timetable {
        Timetable::from_normalised(crate::text::normalise(cell))
    }

    /// Reads a timetable cell whose whitespace is normalised already (a
    /// cleaned cell), keeping its text.
    pub(crate) fn from_normalised(raw: String) -> Timetable {
        let parsed = all_consuming(timetable)
            .parse(raw.as_str())
            .ok()
            .map(|(_, k)| k);
        let (start, end, ongoing) = match parsed {
            Some(TimetableKind::Range(a, b)) => (Some(a), Some(b), false),
            Some(TimetableKind::Year(y)) => (Some(y), Some(y), false),
            Some(TimetableKind::By(y)) => (None, Some(y), false),
            Some(TimetableKind::From(y)) => (Some(y), None, false),
            Some(TimetableKind::Ongoing) => (None, None, true),
            _ => (None, None, false),
        };
        Timetable {
            raw,
            start,
            end,
            ongoing,
            span: Span::default(),
        }
    }

    /// What the cell says.
    pub fn kind(&self) -> TimetableKind {
        match (self.start, self.end, self.ongoing) {
            (_, _, true) => TimetableKind::Ongoing,
            (Some(a), Some(b), _) if a == b && !self.raw.contains(crate::text::DASHES) => {
                TimetableKind::Year(a)
            }
            (Some(a), Some(b), _) => TimetableKind::Range(a, b),
            (None, Some(b), _) => TimetableKind::By(b),
            (Some(a), None, _) => TimetableKind::From(a),
            _ if self.raw.is_empty() => TimetableKind::NotGiven,
            _ => TimetableKind::Unparsed,
        }
    }
}

fn year(input: &str) -> IResult<&str, u16> {
    map_res(digit1, |d: &str| {
        if d.len() == 4 {
            d.parse::<u16>().map_err(|_| ())
        } else {
            Err(())
        }
    })
    .parse(input)
}

fn dash(input: &str) -> IResult<&str, char> {
    preceded(space0, alt((char('-'), char('–'), char('—')))).parse(input)
}

/// The end of a range: a year, or its last two digits (`2021-25`), the
/// first such year from the start on (`2098-02` ends in 2102).
fn range_end(start: u16) -> impl Fn(&str) -> IResult<&str, u16> {
    move |input| {
        let two_digits = map_res(digit1, move |d: &str| match d.len() {
            2 => {
                let end = start / 100 * 100 + d.parse::<u16>().map_err(|_| ())?;
                Ok(if end < start { end + 100 } else { end })
            }
            _ => Err(()),
        });
        alt((year, two_digits)).parse(input)
    }
}

/// `By 2023`, `by end 2023`, `By the end of 2023`.
fn deadline(input: &str) -> IResult<&str, u16> {
    let end_of = (
        opt((tag_no_case("the"), space1)),
        tag_no_case("end"),
        space1,
        opt((tag_no_case("of"), space1)),
    );
    preceded((tag_no_case("by"), space1, opt(end_of)), year).parse(input)
}

/// `From 2022`, `As of 2022`.
fn open_start(input: &str) -> IResult<&str, u16> {
    let from = (tag_no_case("from"), space1);
    let as_of = (tag_no_case("as"), space1, tag_no_case("of"), space1);
    preceded(alt((value((), from), value((), as_of))), year).parse(input)
}

/// A year, and what may follow it: the end of a range (`2021-2025`,
/// `2021-25`) or `onwards` (`2022 onwards`, `2022 onward`).
fn from_year(input: &str) -> IResult<&str, TimetableKind> {
    let (rest, start) = year(input)?;
    let onwards = (space1, tag_no_case("onward"), opt(tag_no_case("s")));
    alt((
        map(preceded((dash, space0), range_end(start)), move |end| {
            TimetableKind::Range(start, end)
        }),
        value(TimetableKind::From(start), onwards),
        success(TimetableKind::Year(start)),
    ))
    .parse(rest)
}

fn timetable(input: &str) -> IResult<&str, TimetableKind> {
    alt((
        from_year,
        value(TimetableKind::Ongoing, tag_no_case("ongoing")),
        map(deadline, TimetableKind::By),
        map(open_start, TimetableKind::From),
    ))
    .parse(input)
}

/// The timetable words a misspelt one may be meant for, each with the
/// edits it may be away: one, two in a word of over four letters (`By`
/// takes one, so that `to` or `in` is not read as it).
const WORDS: [(&str, usize); 4] = [("ongoing", 2), ("by", 1), ("from", 1), ("onwards", 2)];

/// The timetable a cell that is not one may be a misspelling of, where
/// its only word is near a timetable word (`Ongoign`: `Ongoing`) or it is
/// a word and a year (`Bye 2023`: `By 2023`, `Form 2022`: `From 2022`,
/// `2022 onwrds`: `2022 onwards`), by Damerau-Levenshtein distance (a
/// transposition is one edit). Nothing is guessed about numbers: a year
/// mistyped (`2021-20255`) has no one right reading.
pub(crate) fn nearest(raw: &str) -> Option<String> {
    let mut words = raw.split_whitespace();
    let (first, second) = (words.next()?, words.next());
    if words.next().is_some() {
        return None;
    }
    let is_year = |word: &str| word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit());
    let suggestion = match second {
        None => (nearest_word(first)? == "ongoing").then(|| "Ongoing".to_owned()),
        Some(year) if is_year(year) => match nearest_word(first)? {
            "by" => Some(format!("By {year}")),
            "from" => Some(format!("From {year}")),
            _ => None,
        },
        Some(word) if is_year(first) => {
            (nearest_word(word)? == "onwards").then(|| format!("{first} onwards"))
        }
        Some(_) => None,
    };
    // Only a suggestion that is itself a timetable.
    suggestion.filter(|s| Timetable::parse(s).kind() != TimetableKind::Unparsed)
}

/// The timetable word `word` is a misspelling of, if it is within that
/// word's edits. The words lie further apart than their edits reach
/// together (a test checks it), so no word is near two of them.
fn nearest_word(word: &str) -> Option<&'static str> {
    // Longer than any timetable word by more than two edits: not one, and
    // not worth a distance quadratic in its length.
    if word.len() > 9 {
        return None;
    }
    let word = word.to_lowercase();
    let near = |&&(keyword, most): &&(&str, usize)| {
        (1..=most).contains(&strsim::damerau_levenshtein(&word, keyword))
    };
    WORDS.iter().find(near).map(|&(keyword, _)| keyword)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! parses_to {
        ($($name:ident: $cell:expr => $kind:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(Timetable::parse($cell).kind(), $kind);
            }
        )*};
    }

    parses_to! {
        range: "2021-2025" => TimetableKind::Range(2021, 2025);
        range_spaced: "2021 - 2025" => TimetableKind::Range(2021, 2025);
        range_en_dash: "2022–2025" => TimetableKind::Range(2022, 2025);
        reversed_range_is_still_a_range: "2025-2021" => TimetableKind::Range(2025, 2021);
        single_year: "2024" => TimetableKind::Year(2024);
        ongoing: "Ongoing" => TimetableKind::Ongoing;
        ongoing_lowercase: "ongoing" => TimetableKind::Ongoing;
        empty: "" => TimetableKind::NotGiven;
        blank: "   " => TimetableKind::NotGiven;
        words: "as soon as possible" => TimetableKind::Unparsed;
        short_year: "202" => TimetableKind::Unparsed;
        trailing_text: "2021-2025 onwards" => TimetableKind::Unparsed;
        short_range_end: "2021-25" => TimetableKind::Range(2021, 2025);
        short_range_end_in_the_next_century: "2098 – 02" => TimetableKind::Range(2098, 2102);
        three_digit_end: "2021-202" => TimetableKind::Unparsed;
        deadline: "By 2023" => TimetableKind::By(2023);
        deadline_end: "by end 2023" => TimetableKind::By(2023);
        deadline_end_of: "By the end of 2023" => TimetableKind::By(2023);
        deadline_without_year: "By the end" => TimetableKind::Unparsed;
        from: "From 2022" => TimetableKind::From(2022);
        as_of: "as of 2022" => TimetableKind::From(2022);
        onwards: "2022 onwards" => TimetableKind::From(2022);
        onward: "2022 Onward" => TimetableKind::From(2022);
        onwardly: "2022 onwardly" => TimetableKind::Unparsed;
    }

    #[test]
    fn a_misspelt_timetable_word_is_named() {
        for (cell, suggestion) in [
            ("Ongoign", Some("Ongoing")),
            ("on-going", Some("Ongoing")),
            ("ongoing.", Some("Ongoing")),
            ("Bye 2023", Some("By 2023")),
            ("b 2023", Some("By 2023")),
            ("Form 2022", Some("From 2022")),
            ("frm 2022", Some("From 2022")),
            ("2022 onwrds", Some("2022 onwards")),
            ("2022 upwards", Some("2022 onwards")),
            // Too far from any word, or not a word and a year.
            ("to 2023", None),
            ("in 2023", None),
            ("for 2022", None),
            ("soon", None),
            ("as soon as possible", None),
            ("Ongoing 2021", None),
            ("Bye 20233", None),
            ("2021-20255", None),
            ("2022 afterwards", None),
            ("Ongoingggggggggggggggggg", None),
        ] {
            assert_eq!(nearest(cell).as_deref(), suggestion, "{cell}");
            assert_eq!(
                Timetable::parse(cell).kind(),
                TimetableKind::Unparsed,
                "{cell}"
            );
        }
        assert_eq!(nearest(""), None);
    }

    #[test]
    fn no_word_is_within_reach_of_two_timetable_words() {
        for (i, &(a, most_a)) in WORDS.iter().enumerate() {
            for &(b, most_b) in WORDS.iter().skip(i + 1) {
                let apart = strsim::damerau_levenshtein(a, b);
                assert!(apart > most_a + most_b, "{a} and {b} are {apart} apart");
            }
        }
    }

    #[test]
    fn raw_is_whitespace_normalised() {
        let t = Timetable::parse("  2021 -\t2025 ");
        assert_eq!(t.raw, "2021 - 2025");
        assert_eq!((t.start, t.end, t.ongoing), (Some(2021), Some(2025), false));
    }
}
