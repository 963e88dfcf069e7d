//! Timetables: `2021-2025`, `2024`, `Ongoing`, or nothing.

use crate::span::Span;
use nom::branch::alt;
use nom::bytes::complete::tag_no_case;
use nom::character::complete::{char, digit1, space0};
use nom::combinator::{all_consuming, map, map_res, opt, value};
use nom::sequence::preceded;
use nom::{IResult, Parser};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// When an action is to be carried out, as printed and as understood.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Timetable {
    /// The cell as printed, whitespace normalised; `""` when empty.
    pub raw: String,
    /// First year, when the cell is a year or a range of years.
    pub start: Option<u16>,
    /// Last year, when the cell is a year or a range of years.
    pub end: Option<u16>,
    /// True when the cell says the action is ongoing.
    pub ongoing: bool,
    /// Source span of the cell.
    pub span: Span,
}

/// What a timetable cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimetableKind {
    /// A range of years, `2021-2025` (start, end).
    Range(u16, u16),
    /// A single year, `2024`.
    Year(u16),
    /// `Ongoing`.
    Ongoing,
    /// The cell is empty.
    NotGiven,
    /// The cell holds text that is not a timetable.
    Unparsed,
}

impl Timetable {
    /// Reads a timetable cell. Text that is not a timetable is kept in `raw`
    /// with no years; see [`Timetable::kind`].
    ///
    /// ```
    /// use actionplan::{Timetable, TimetableKind};
    /// assert_eq!(Timetable::parse("2021 – 2025").kind(), TimetableKind::Range(2021, 2025));
    /// assert_eq!(Timetable::parse("Ongoing").kind(), TimetableKind::Ongoing);
    /// assert_eq!(Timetable::parse(" ").kind(), TimetableKind::NotGiven);
    /// assert_eq!(Timetable::parse("soon").kind(), TimetableKind::Unparsed);
    /// ```
    pub fn parse(cell: &str) -> Timetable {
        Timetable::from_normalised(crate::markup::normalise(cell))
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
            (Some(a), Some(b), _) if a == b && !self.raw.contains(['-', '–', '—']) => {
                TimetableKind::Year(a)
            }
            (Some(a), Some(b), _) => TimetableKind::Range(a, b),
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

fn timetable(input: &str) -> IResult<&str, TimetableKind> {
    alt((
        value(TimetableKind::Ongoing, tag_no_case("ongoing")),
        map(
            (year, opt(preceded(dash, preceded(space0, year)))),
            |(start, end)| match end {
                Some(end) => TimetableKind::Range(start, end),
                None => TimetableKind::Year(start),
            },
        ),
    ))
    .parse(input)
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
    }

    #[test]
    fn raw_is_whitespace_normalised() {
        let t = Timetable::parse("  2021 -\t2025 ");
        assert_eq!(t.raw, "2021 - 2025");
        assert_eq!((t.start, t.end, t.ongoing), (Some(2021), Some(2025), false));
    }
}
