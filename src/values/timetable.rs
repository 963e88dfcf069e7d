//! Timetables: `2021-2025`, `2018 to 2020`, `2024`, `By 2023`, `end 2019`,
//! `2022 onwards`, `2017 and ongoing`, `Ongoing`, `Annually`, `Every
//! Presidency`, `Q2 2019`, or nothing.

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
    /// True when the cell says the action is ongoing (`Ongoing`, `2017 and
    /// ongoing`).
    pub ongoing: bool,
    /// How often the action recurs (`Annually`, `Every Presidency`); absent
    /// from the JSON when it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurs: Option<Recurrence>,
    /// The quarter or half of the year (`start`, which `end` equals) the
    /// action is due in (`Q2 2019`); absent from the JSON when the cell
    /// names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of_year: Option<YearPart>,
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
    /// A start with no end: `From 2022`, `As of 2022`, `2022 onwards`,
    /// `2017 and ongoing` (which is also [`Timetable::ongoing`]).
    From(u16),
    /// `Ongoing`.
    Ongoing,
    /// An action carried out again and again: `Annually`, `Biannually`,
    /// `Every Presidency`, `Continuous`.
    Recurring(Recurrence),
    /// A quarter or half of a year: `Q2 2019`, `H1 2018`, `Second half of
    /// 2018`.
    PartOfYear(u16, YearPart),
    /// The cell is empty.
    NotGiven,
    /// The cell holds text that is not a timetable.
    Unparsed,
}

/// How often a recurring action is carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Recurrence {
    /// `Annually`, `Yearly`, `Every year`, `Each year`.
    Annually,
    /// `Biannually`, `Bi-annually`: as printed, which may mean twice a
    /// year or every other year; the plans do not say.
    Biannually,
    /// `Every Presidency`, `Each Presidency`: every six months, as the
    /// Presidency of the Council turns.
    EveryPresidency,
    /// `Continuous`, `Continuously`.
    Continuous,
}

/// A quarter or a half of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub enum YearPart {
    /// January to March.
    Q1,
    /// April to June.
    Q2,
    /// July to September.
    Q3,
    /// October to December.
    Q4,
    /// January to June.
    H1,
    /// July to December.
    H2,
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
    /// use actionplan::{Recurrence, Timetable, TimetableKind, YearPart};
    /// assert_eq!(Timetable::parse("2021 – 2025").kind(), TimetableKind::Range(2021, 2025));
    /// assert_eq!(Timetable::parse("2021-25").kind(), TimetableKind::Range(2021, 2025));
    /// assert_eq!(Timetable::parse("By the end of 2023").kind(), TimetableKind::By(2023));
    /// assert_eq!(Timetable::parse("Ongoing").kind(), TimetableKind::Ongoing);
    /// assert_eq!(Timetable::parse("2017 and ongoing").kind(), TimetableKind::From(2017));
    /// assert_eq!(Timetable::parse("By end-2018").kind(), TimetableKind::By(2018));
    /// assert_eq!(Timetable::parse("2018 to 2020").kind(), TimetableKind::Range(2018, 2020));
    /// assert_eq!(
    ///     Timetable::parse("Every Presidency").kind(),
    ///     TimetableKind::Recurring(Recurrence::EveryPresidency)
    /// );
    /// assert_eq!(Timetable::parse("Q2 2019").kind(), TimetableKind::PartOfYear(2019, YearPart::Q2));
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
            .map(|(_, reading)| reading);
        let mut read = Timetable {
            raw,
            start: None,
            end: None,
            ongoing: false,
            recurs: None,
            part_of_year: None,
            span: Span::default(),
        };
        if let Some(Reading { kind, ongoing }) = parsed {
            read.set(kind);
            read.ongoing |= ongoing;
        }
        read
    }

    /// Gives the timetable the years and words of `kind`.
    fn set(&mut self, kind: TimetableKind) {
        match kind {
            TimetableKind::Range(a, b) => (self.start, self.end) = (Some(a), Some(b)),
            TimetableKind::Year(y) => (self.start, self.end) = (Some(y), Some(y)),
            TimetableKind::By(y) => self.end = Some(y),
            TimetableKind::From(y) => self.start = Some(y),
            TimetableKind::Ongoing => self.ongoing = true,
            TimetableKind::Recurring(every) => self.recurs = Some(every),
            TimetableKind::PartOfYear(y, part) => {
                (self.start, self.end) = (Some(y), Some(y));
                self.part_of_year = Some(part);
            }
            TimetableKind::NotGiven | TimetableKind::Unparsed => {}
        }
    }

    /// What the cell says.
    pub fn kind(&self) -> TimetableKind {
        if let Some(every) = self.recurs {
            return TimetableKind::Recurring(every);
        }
        match (self.start, self.end, self.ongoing) {
            (Some(a), Some(b), _) if a == b => match self.part_of_year {
                Some(part) => TimetableKind::PartOfYear(a, part),
                None if self.names_one_year() => TimetableKind::Year(a),
                None => TimetableKind::Range(a, b),
            },
            (Some(a), Some(b), _) => TimetableKind::Range(a, b),
            (None, Some(b), _) => TimetableKind::By(b),
            (Some(a), None, _) => TimetableKind::From(a),
            (None, None, true) => TimetableKind::Ongoing,
            _ if self.raw.is_empty() => TimetableKind::NotGiven,
            _ => TimetableKind::Unparsed,
        }
    }

    /// True unless the cell prints two numbers (`2021-2021`, `2021 to
    /// 2021`: a range whose ends are one year).
    fn names_one_year(&self) -> bool {
        let numbers = self.raw.split(|c: char| !c.is_ascii_digit());
        numbers.filter(|n| !n.is_empty()).count() <= 1
    }
}

/// What the grammar reads in a cell: its kind, and whether it also says
/// the action is ongoing (`2017 and ongoing`).
#[derive(Clone, Copy)]
struct Reading {
    kind: TimetableKind,
    ongoing: bool,
}

impl Reading {
    /// A reading that says nothing more than its kind.
    fn of(kind: TimetableKind) -> Reading {
        Reading {
            kind,
            ongoing: false,
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

/// `end 2023`, `end-2023`, `the end of 2023`: the words before a
/// deadline's year.
fn end_of(input: &str) -> IResult<&str, ()> {
    let after_end = alt((value((), space1), value((), (space0, dash, space0))));
    let words = (
        opt((tag_no_case("the"), space1)),
        tag_no_case("end"),
        after_end,
        opt((tag_no_case("of"), space1)),
    );
    value((), words).parse(input)
}

/// `By 2023`, `by end 2023`, `By the end of 2023`, `By end-2018`, and the
/// end without `By`: `end 2019`, `End of 2019`.
fn deadline(input: &str) -> IResult<&str, u16> {
    let by = preceded((tag_no_case("by"), space1, opt(end_of)), year);
    alt((by, preceded(end_of, year))).parse(input)
}

/// What ends a range after its first year: a dash (`2021-2025`,
/// `2021-25`) or `to` (`2018 to 2020`), then the last year.
fn range_tail(start: u16) -> impl Fn(&str) -> IResult<&str, u16> {
    move |input| {
        let to = (space1, tag_no_case("to"), space1);
        let between = alt((value((), (dash, space0)), value((), to)));
        preceded(between, range_end(start)).parse(input)
    }
}

/// `From 2022`, `As of 2022`, or a range after them (`From 2018 to 2020`).
fn open_start(input: &str) -> IResult<&str, TimetableKind> {
    let from = (tag_no_case("from"), space1);
    let as_of = (tag_no_case("as"), space1, tag_no_case("of"), space1);
    let (rest, start) = preceded(alt((value((), from), value((), as_of))), year).parse(input)?;
    alt((
        map(range_tail(start), move |end| {
            TimetableKind::Range(start, end)
        }),
        success(TimetableKind::From(start)),
    ))
    .parse(rest)
}

/// A year, and what may follow it: the end of a range (`2021-2025`,
/// `2021-25`, `2018 to 2020`), `onwards` (`2022 onwards`, `2022 onward`)
/// or `and ongoing` (`2017 and ongoing`).
fn from_year(input: &str) -> IResult<&str, Reading> {
    let (rest, start) = year(input)?;
    let onwards = (space1, tag_no_case("onward"), opt(tag_no_case("s")));
    let and_ongoing = (space1, tag_no_case("and"), space1, tag_no_case("ongoing"));
    let still_ongoing = Reading {
        kind: TimetableKind::From(start),
        ongoing: true,
    };
    alt((
        map(range_tail(start), move |end| {
            Reading::of(TimetableKind::Range(start, end))
        }),
        value(Reading::of(TimetableKind::From(start)), onwards),
        value(still_ongoing, and_ongoing),
        success(Reading::of(TimetableKind::Year(start))),
    ))
    .parse(rest)
}

/// `Every ` or `Each `.
fn every(input: &str) -> IResult<&str, ()> {
    value(
        (),
        (alt((tag_no_case("every"), tag_no_case("each"))), space1),
    )
    .parse(input)
}

/// `Annually`, `Biannually`, `Every Presidency`, `Continuous` and their
/// other spellings (see [`Recurrence`]).
fn recurrence(input: &str) -> IResult<&str, Recurrence> {
    let biannually = alt((tag_no_case("biannually"), tag_no_case("bi-annually")));
    let annually = alt((
        value((), tag_no_case("annually")),
        value((), tag_no_case("yearly")),
        value((), (every, tag_no_case("year"))),
    ));
    let presidency = (
        every,
        opt((tag_no_case("council"), space1)),
        tag_no_case("presidency"),
    );
    // The longer word first: `continuous` would leave `ly` unread.
    let continuous = alt((tag_no_case("continuously"), tag_no_case("continuous")));
    alt((
        value(Recurrence::Biannually, biannually),
        value(Recurrence::Annually, annually),
        value(Recurrence::EveryPresidency, presidency),
        value(Recurrence::Continuous, continuous),
    ))
    .parse(input)
}

/// `first half` or `1st half` (as `first`, `short`): a half of a year in
/// words.
fn half(first: &'static str, short: &'static str) -> impl Fn(&str) -> IResult<&str, ()> {
    move |input| {
        let number = alt((tag_no_case(first), tag_no_case(short)));
        value((), (number, space1, tag_no_case("half"))).parse(input)
    }
}

/// `Q2 2019`, `H1 2018`, `First half of 2018`, `2nd half 2018`.
fn part_of_year(input: &str) -> IResult<&str, (u16, YearPart)> {
    let quarter = alt((
        value(YearPart::Q1, tag_no_case("q1")),
        value(YearPart::Q2, tag_no_case("q2")),
        value(YearPart::Q3, tag_no_case("q3")),
        value(YearPart::Q4, tag_no_case("q4")),
    ));
    let halves = alt((
        value(YearPart::H1, tag_no_case("h1")),
        value(YearPart::H2, tag_no_case("h2")),
        value(YearPart::H1, half("first", "1st")),
        value(YearPart::H2, half("second", "2nd")),
    ));
    let before_year = (space1, opt((tag_no_case("of"), space1)));
    map(
        (alt((quarter, halves)), before_year, year),
        |(part, _, y)| (y, part),
    )
    .parse(input)
}

fn timetable(input: &str) -> IResult<&str, Reading> {
    alt((
        from_year,
        value(Reading::of(TimetableKind::Ongoing), tag_no_case("ongoing")),
        map(deadline, |y| Reading::of(TimetableKind::By(y))),
        map(open_start, Reading::of),
        map(recurrence, |every| {
            Reading::of(TimetableKind::Recurring(every))
        }),
        map(part_of_year, |(y, part)| {
            Reading::of(TimetableKind::PartOfYear(y, part))
        }),
    ))
    .parse(input)
}

/// The timetable words a misspelt one may be meant for, each with the
/// edits it may be away: one, two in a word of over four letters (`By`
/// takes one, so that `to` or `in` is not read as it). `Biannually` is
/// not among them: two edits from `annually`, it would make a word near
/// both.
const WORDS: [(&str, usize); 6] = [
    ("ongoing", 2),
    ("by", 1),
    ("from", 1),
    ("onwards", 2),
    ("annually", 2),
    ("continuous", 2),
];

/// The longest word [`nearest_word`] compares: two edits longer than the
/// longest timetable word.
const LONGEST_COMPARED: usize = 12;

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
        None => match nearest_word(first)? {
            "ongoing" => Some("Ongoing".to_owned()),
            "annually" => Some("Annually".to_owned()),
            "continuous" => Some("Continuous".to_owned()),
            _ => None,
        },
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
    if word.len() > LONGEST_COMPARED {
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
                let read = Timetable::parse($cell);
                assert_eq!(read.kind(), $kind);
                // The cell is kept as printed, its whitespace normalised.
                let words: Vec<&str> = $cell.split_whitespace().collect();
                assert_eq!(read.raw, words.join(" "));
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
        // The forms of the 2009-2020 plans.
        annually: "Annually" => TimetableKind::Recurring(Recurrence::Annually);
        every_year: "every year" => TimetableKind::Recurring(Recurrence::Annually);
        biannually: "Biannually" => TimetableKind::Recurring(Recurrence::Biannually);
        bi_annually: "Bi-annually" => TimetableKind::Recurring(Recurrence::Biannually);
        every_presidency: "Every Presidency" => TimetableKind::Recurring(Recurrence::EveryPresidency);
        each_council_presidency: "each Council Presidency" => TimetableKind::Recurring(Recurrence::EveryPresidency);
        continuous: "Continuous" => TimetableKind::Recurring(Recurrence::Continuous);
        continuously: "continuously" => TimetableKind::Recurring(Recurrence::Continuous);
        by_end_hyphen: "By end-2018" => TimetableKind::By(2018);
        end_without_by: "end 2019" => TimetableKind::By(2019);
        end_hyphen_without_by: "End-2019" => TimetableKind::By(2019);
        the_end_of: "the end of 2019" => TimetableKind::By(2019);
        end_alone: "end" => TimetableKind::Unparsed;
        quarter: "Q2 2019" => TimetableKind::PartOfYear(2019, YearPart::Q2);
        quarter_four: "q4 2017" => TimetableKind::PartOfYear(2017, YearPart::Q4);
        quarter_five: "Q5 2019" => TimetableKind::Unparsed;
        half_year: "H1 2018" => TimetableKind::PartOfYear(2018, YearPart::H1);
        half_in_words: "Second half of 2018" => TimetableKind::PartOfYear(2018, YearPart::H2);
        first_half: "1st half 2020" => TimetableKind::PartOfYear(2020, YearPart::H1);
        year_and_ongoing: "2017 and ongoing" => TimetableKind::From(2017);
        as_of_2018: "As of 2018" => TimetableKind::From(2018);
        range_2017: "2017-2018" => TimetableKind::Range(2017, 2018);
        range_with_to: "2018 to 2020" => TimetableKind::Range(2018, 2020);
        range_from_to: "From 2018 to 2020" => TimetableKind::Range(2018, 2020);
        range_of_one_year_with_to: "2018 to 2018" => TimetableKind::Range(2018, 2018);
        range_to_nothing: "2018 to" => TimetableKind::Unparsed;
        plan_period_2017: "2017-2020" => TimetableKind::Range(2017, 2020);
    }

    #[test]
    fn each_form_keeps_its_raw_text_and_years() {
        let read = |cell: &str| {
            let t = Timetable::parse(cell);
            (
                t.raw.clone(),
                t.start,
                t.end,
                t.ongoing,
                t.recurs,
                t.part_of_year,
            )
        };
        assert_eq!(
            read("2017 and ongoing"),
            (
                "2017 and ongoing".into(),
                Some(2017),
                None,
                true,
                None,
                None
            )
        );
        assert_eq!(
            read("Q2  2019"),
            (
                "Q2 2019".into(),
                Some(2019),
                Some(2019),
                false,
                None,
                Some(YearPart::Q2)
            )
        );
        assert_eq!(
            read("Every Presidency"),
            (
                "Every Presidency".into(),
                None,
                None,
                false,
                Some(Recurrence::EveryPresidency),
                None
            )
        );
        assert_eq!(
            read("By end-2018"),
            ("By end-2018".into(), None, Some(2018), false, None, None)
        );
        assert!(read("Ongoing").3);
    }

    #[test]
    fn the_new_fields_are_left_out_of_the_json_when_absent() {
        let json = |cell: &str| serde_json::to_value(Timetable::parse(cell)).unwrap_or_default();
        let plain = json("2021-2025");
        assert!(plain.get("recurs").is_none() && plain.get("part_of_year").is_none());
        assert_eq!(json("Biannually")["recurs"], "biannually");
        assert_eq!(json("Every Presidency")["recurs"], "every_presidency");
        assert_eq!(json("Q3 2019")["part_of_year"], "Q3");
        // And read back to the same kind.
        let back: Timetable = serde_json::from_value(json("H2 2018")).unwrap_or_default();
        assert_eq!(back.kind(), TimetableKind::PartOfYear(2018, YearPart::H2));
        let back: Timetable = serde_json::from_value(json("Annually")).unwrap_or_default();
        assert_eq!(back.kind(), TimetableKind::Recurring(Recurrence::Annually));
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
            ("Anually", Some("Annually")),
            ("annualy", Some("Annually")),
            ("Continous", Some("Continuous")),
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
