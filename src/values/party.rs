//! Responsible parties: the known bodies under canonical names, and the
//! segmentation of a parties cell (`Member States Council of the EU Europol`)
//! by longest match.

use crate::model::GlossaryEntry;
use crate::text::ByteSet;
use foldhash::HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

macro_rules! parties {
    ($( $(#[$doc:meta])* $variant:ident => $canonical:literal $(| $alias:literal)*; )*) => {
        /// A responsible party. Known bodies are variants under their
        /// canonical names; anything else is kept as [`Party::Unknown`].
        ///
        /// Serialised as its canonical name (or, for `Unknown`, its text).
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Party {
            $( $(#[$doc])* $variant, )*
            /// A working party or committee of the Council (`Council WP
            /// HDG`, the Horizontal Working Party on Drugs), under its
            /// canonical name: `Council WP` and the group's acronym (see
            /// [`Party::working_party`]).
            CouncilWorkingParty(String),
            /// A name that is not one of the known parties, as printed.
            Unknown(String),
        }

        impl Party {
            /// Every known party, in canonical order (the Council's working
            /// parties, a family of their own, are not among them).
            pub const KNOWN: &'static [Party] = &[$(Party::$variant),*];

            /// The canonical name, or the text of an unknown party.
            pub fn name(&self) -> &str {
                match self {
                    $(Party::$variant => $canonical,)*
                    Party::CouncilWorkingParty(name) | Party::Unknown(name) => name,
                }
            }
        }

        /// The spellings of the parties of the table, with the party each
        /// stands for.
        const TABLE_SPELLINGS: &[(&str, Party)] = &[
            $( ($canonical, Party::$variant), $( ($alias, Party::$variant), )* )*
        ];
    };
}

parties! {
    /// The Member States.
    MemberStates => "Member States" | "MS" | "EU Member States";
    /// The Council of the European Union.
    Council => "Council of the EU" | "Council of the European Union" | "Council";
    /// The Presidency of the Council of the European Union, which the
    /// Member States hold in turn for six months.
    Presidency => "Presidency of the Council" | "Presidency" | "PRES" | "Council Presidency"
        | "EU Presidency";
    /// The European Commission.
    Commission => "European Commission" | "Commission" | "COM";
    /// The European Parliament.
    EuropeanParliament => "European Parliament" | "EP";
    /// The European Union Agency for Law Enforcement Cooperation.
    Europol => "Europol";
    /// The European Monitoring Centre for Drugs and Drug Addiction.
    Emcdda => "EMCDDA" | "European Monitoring Centre for Drugs and Drug Addiction";
    /// The European Union Drugs Agency, which took over from the EMCDDA in
    /// July 2024 (Regulation (EU) 2023/1322): a later revision names it.
    Euda => "EUDA" | "European Union Drugs Agency" | "EU Drugs Agency";
    /// The Reitox network: the national focal points that report to the
    /// EMCDDA.
    Reitox => "Reitox network" | "Reitox" | "Reitox National Focal Points"
        | "Reitox focal points" | "National Focal Points";
    /// The European Border and Coast Guard Agency.
    Frontex => "Frontex";
    /// The European Union Agency for Criminal Justice Cooperation.
    Eurojust => "Eurojust";
    /// The European External Action Service.
    Eeas => "EEAS" | "European External Action Service";
    /// The European Union Agency for Law Enforcement Training.
    Cepol => "CEPOL" | "Cepol";
    /// The European Crime Prevention Network.
    Eucpn => "EUCPN";
    /// The Maritime Analysis and Operation Centre - Narcotics.
    MaocN => "MAOC-N";
    /// The European Centre for Disease Prevention and Control.
    Ecdc => "ECDC";
    /// The European Medicines Agency.
    Ema => "European Medicines Agency" | "European Medicine Agency";
    /// The statistical office of the European Union.
    Eurostat => "Eurostat";
    /// The Civil Society Forum on Drugs.
    CivilSocietyForum => "Civil Society Forum on Drugs";
    /// The Council of Europe, which is no body of the Union: known so that
    /// its name is not read as the Council (of the EU) followed by
    /// `of Europe`.
    CouncilOfEurope => "Council of Europe";
    /// The Council of Europe's Pompidou Group, its body on drugs.
    PompidouGroup => "Pompidou Group" | "Council of Europe Pompidou Group";
}

/// The Council's working parties and committees the plans name, each
/// under its canonical name (`Council WP` and its acronym, as the 2017-2020
/// plan prints it) with its other spellings: its acronym alone and its
/// full name. Any other `Council WP` followed by an acronym is a working
/// party too (see [`working_party_named`]).
const WORKING_PARTIES: &[(&str, &[&str])] = &[
    (
        "Council WP HDG",
        &[
            "HDG",
            "Council HDG",
            "Horizontal Working Party on Drugs",
            "Council Horizontal Working Party on Drugs",
            "Horizontal Drugs Group",
        ],
    ),
    (
        "Council WP COSI",
        &[
            "COSI",
            "Council COSI",
            "Standing Committee on Operational Cooperation on Internal Security",
        ],
    ),
    (
        "Council WP LEWP",
        &["LEWP", "Council LEWP", "Law Enforcement Working Party"],
    ),
    (
        "Council WP CCWP",
        &["CCWP", "Council CCWP", "Customs Cooperation Working Party"],
    ),
    (
        "Council WP COPEN",
        &[
            "COPEN",
            "Council COPEN",
            "Working Party on Judicial Cooperation in Criminal Matters",
        ],
    ),
];

/// Every spelling the parser accepts, with the party it stands for: the
/// table's, then the working parties'.
static SPELLINGS: LazyLock<Vec<(&'static str, Party)>> = LazyLock::new(|| {
    let working_parties = WORKING_PARTIES.iter().flat_map(|&(canonical, aliases)| {
        let party = Party::CouncilWorkingParty(canonical.to_owned());
        let spellings = std::iter::once(canonical).chain(aliases.iter().copied());
        spellings.map(move |spelling| (spelling, party.clone()))
    });
    TABLE_SPELLINGS
        .iter()
        .cloned()
        .chain(working_parties)
        .collect()
});

/// The working party `words` name when they are `Council WP` and an
/// acronym (`Council WP CATS`): the Council's groups are many, and the
/// plans name them so. Its canonical name is the three words, the first
/// two as spelled here.
fn working_party_named<'w>(mut words: impl Iterator<Item = &'w str>) -> Option<Party> {
    let council = words.next()?.eq_ignore_ascii_case("Council");
    let wp = words.next()?.eq_ignore_ascii_case("WP");
    let group = words.next().filter(|w| is_acronym(w))?;
    (council && wp).then(|| Party::CouncilWorkingParty(format!("Council WP {group}")))
}

/// True when `word` is written as an acronym: two or more capitals, and
/// no small letter (`UNODC`, `MAOC-N`, `WHO`).
fn is_acronym(word: &str) -> bool {
    let capitals = word.bytes().filter(u8::is_ascii_uppercase).count();
    capitals >= 2 && !word.chars().any(char::is_lowercase)
}

impl Party {
    /// Looks a single name up among the known spellings (case-insensitive,
    /// whitespace-insensitive).
    ///
    /// ```
    /// use actionplan::Party;
    /// assert_eq!(Party::from_name("Cepol"), Party::Cepol);
    /// assert_eq!(Party::from_name("European  Medicine Agency"), Party::Ema);
    /// assert_eq!(Party::from_name("COM"), Party::Commission);
    /// assert_eq!(Party::from_name("Council WP CATS").working_party(), Some("CATS"));
    /// assert_eq!(Party::from_name("Interpol"), Party::Unknown("Interpol".into()));
    /// ```
    pub fn from_name(name: &str) -> Party {
        let words: Vec<&str> = name.split_whitespace().collect();
        SPELLING_WORDS
            .iter()
            .find(|(spelled, _)| {
                spelled.len() == words.len() && begins_with(words.iter().copied(), spelled)
            })
            .map(|(_, party)| party.clone())
            .or_else(|| {
                let named = working_party_named(words.iter().copied());
                named.filter(|_| words.len() == 3)
            })
            .unwrap_or_else(|| Party::Unknown(words.join(" ")))
    }

    /// The acronym of a working party of the Council (`HDG` of `Council
    /// WP HDG`); `None` for any other party.
    ///
    /// ```
    /// use actionplan::Party;
    /// let hdg = Party::from_name("Horizontal Working Party on Drugs");
    /// assert_eq!(hdg.name(), "Council WP HDG");
    /// assert_eq!(hdg.working_party(), Some("HDG"));
    /// assert_eq!(Party::Council.working_party(), None);
    /// ```
    pub fn working_party(&self) -> Option<&str> {
        match self {
            Party::CouncilWorkingParty(name) => name.strip_prefix("Council WP "),
            _ => None,
        }
    }

    /// True for [`Party::Unknown`].
    pub fn is_unknown(&self) -> bool {
        matches!(self, Party::Unknown(_))
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Any name is a party: a known one by any of its spellings, any other as
/// [`Party::Unknown`].
///
/// ```
/// use actionplan::Party;
/// assert_eq!("Council of the European Union".parse(), Ok(Party::Council));
/// assert_eq!("Interpol".parse(), Ok(Party::Unknown("Interpol".into())));
/// ```
impl std::str::FromStr for Party {
    type Err = std::convert::Infallible;

    fn from_str(name: &str) -> Result<Party, Self::Err> {
        Ok(Party::from_name(name))
    }
}

impl Serialize for Party {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Party {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = Cow::<str>::deserialize(deserializer)?;
        Ok(Party::from_name(&name))
    }
}

impl JsonSchema for Party {
    fn schema_name() -> Cow<'static, str> {
        "Party".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let known = Party::KNOWN.iter().map(Party::name);
        let working_parties = WORKING_PARTIES.iter().map(|&(canonical, _)| canonical);
        let known: Vec<&str> = known.chain(working_parties).collect();
        schemars::json_schema!({
            "description": "A responsible party: one of the known canonical names, a working party of the Council (`Council WP` and its acronym), or the text of an unknown one.",
            "type": "string",
            "examples": known,
        })
    }
}

/// The known spellings split into words once.
static SPELLING_WORDS: LazyLock<Vec<(Vec<&'static str>, Party)>> = LazyLock::new(|| {
    SPELLINGS
        .iter()
        .map(|(spelling, party)| (spelling.split_whitespace().collect(), party.clone()))
        .collect()
});

/// One party found in a parties cell, with the byte range of its words in
/// the cell's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyMatch {
    /// The party.
    pub party: Party,
    /// Byte range of its words in the segmented text.
    pub range: std::ops::Range<usize>,
}

/// The longest name [`nearest`] compares: twice the longest spelling, so
/// that a runaway cell costs no quadratic comparison.
const MOST_COMPARED: usize = 80;

/// The known party whose spelling is nearest to `name`, an unknown party,
/// by Damerau-Levenshtein distance over lower-cased text: at most one edit
/// in a name of up to eight characters, two in a longer one (`EMCCDA` is
/// one transposition from `EMCDDA`, `Member Sates` one deletion from
/// `Member States`). Its canonical name.
pub(crate) fn nearest(name: &str) -> Option<&'static str> {
    if name.len() > MOST_COMPARED {
        return None;
    }
    let name = name.to_lowercase();
    let most = if name.chars().count() <= 8 { 1 } else { 2 };
    let distances = SPELLINGS.iter().map(|(spelling, party)| {
        let distance = strsim::damerau_levenshtein(&name, &spelling.to_lowercase());
        (distance, party)
    });
    let (distance, party) = distances.min_by_key(|(distance, _)| *distance)?;
    (distance <= most).then(|| party.name())
}

/// Splits a parties cell into parties by longest match against the known
/// spellings. Words that match nothing are grouped, run by run, into
/// [`Party::Unknown`] segments.
///
/// ```
/// use actionplan::{read_parties, Party};
/// let found: Vec<Party> = read_parties("Member States Council of the EU Interpol Europol")
///     .into_iter()
///     .map(|s| s.party)
///     .collect();
/// assert_eq!(found, [Party::MemberStates, Party::Council,
///                    Party::Unknown("Interpol".into()), Party::Europol]);
/// ```
///
/// Names an extractor ran together without a space (`EuropolEurojust`,
/// `Member StatesCouncil of the EU`) are split apart, when every part is a
/// word of a known spelling as printed, each part after the first starts
/// with a capital, and every part then belongs to a known party; the
/// segments of such a word touch (one's range ends where the next starts).
///
/// ```
/// use actionplan::{read_parties, Party};
/// let found: Vec<Party> = read_parties("EMCDDAEuropol").into_iter().map(|s| s.party).collect();
/// assert_eq!(found, [Party::Emcdda, Party::Europol]);
/// ```
pub fn read_parties(cell: &str) -> Vec<PartyMatch> {
    read_cell(cell).segments
}

/// A parties cell read: its parties, and the byte ranges of the runs of it
/// that printed names together without a space (each run's parties lie
/// inside it).
#[derive(Debug, Clone, Default)]
pub(crate) struct ReadCell {
    pub segments: Vec<PartyMatch>,
    pub run_together: Vec<std::ops::Range<usize>>,
}

impl ReadCell {
    /// The parties read in `run`, one of [`ReadCell::run_together`].
    pub fn parties_in<'r>(
        &'r self,
        run: &'r std::ops::Range<usize>,
    ) -> impl Iterator<Item = &'r Party> + 'r {
        // The segments are in order and apart: those inside the run
        // follow one another from the first that starts in it.
        let first = self.segments.partition_point(|s| s.range.start < run.start);
        let from = self.segments.get(first..).unwrap_or_default();
        let inside = from.iter().take_while(|s| within(run, &s.range));
        inside.map(|s| &s.party)
    }
}

/// True when `part` lies inside `outer` (byte ranges of one text).
fn within(outer: &std::ops::Range<usize>, part: &std::ops::Range<usize>) -> bool {
    outer.start <= part.start && part.end <= outer.end
}

/// [`segment`], with the runs of names printed together.
fn read_cell(cell: &str) -> ReadCell {
    let words = word_ranges(cell);
    let segments = segment_words(cell, &words);
    let as_printed = ReadCell {
        segments,
        run_together: Vec::new(),
    };
    if as_printed.segments.iter().all(|s| !s.party.is_unknown()) {
        return as_printed;
    }
    // Words kept whole (by their place in `words`): their parts did not
    // all land in known parties.
    let mut whole = vec![false; words.len()];
    let (segments, parts) = loop {
        let Some(split) = split_run_together(cell, &words, &whole) else {
            return as_printed;
        };
        let segments = segment_words(cell, &split);
        // The parts split out of words; each must land in a known party:
        // `EUEuropol` is no EU and Europol. Words, parts and segments are
        // each in order and apart, so each is found by binary search, not by a
        // pass over all of them (quadratic in a cell of many such words).
        let parts: Vec<std::ops::Range<usize>> = (split.into_iter())
            .filter(|p| !sorted_contains(&words, p))
            .collect();
        let mut kept = false;
        for part in &parts {
            let lost = containing(&segments, |s| &s.range, part)
                .and_then(|i| segments.get(i))
                .is_some_and(|s| s.party.is_unknown());
            let word = containing(&words, |w| w, part).and_then(|i| whole.get_mut(i));
            if let (true, Some(whole)) = (lost, word) {
                kept |= !*whole;
                *whole = true;
            }
        }
        // Each round keeps at least one more word whole, or ends.
        if !kept {
            break (segments, parts);
        }
    };
    // A run: parties whose names touch, or one that holds a split word.
    let run_together = segments
        .chunk_by(|a, b| a.range.end == b.range.start)
        .filter(|run| {
            run.len() > 1
                || run.iter().any(|s| {
                    let first = parts.partition_point(|p| p.start < s.range.start);
                    parts.get(first).is_some_and(|p| within(&s.range, p))
                })
        })
        .filter_map(|run| Some(run.first()?.range.start..run.last()?.range.end))
        .collect();
    ReadCell {
        segments,
        run_together,
    }
}

/// True when `range` is one of `ranges`, which are in order and apart.
fn sorted_contains(ranges: &[std::ops::Range<usize>], range: &std::ops::Range<usize>) -> bool {
    let i = ranges.partition_point(|r| r.start < range.start);
    ranges.get(i) == Some(range)
}

/// Which of `items` (whose ranges, `range_of`, are in order and apart)
/// `part` lies inside, if any.
fn containing<T>(
    items: &[T],
    range_of: impl Fn(&T) -> &std::ops::Range<usize>,
    part: &std::ops::Range<usize>,
) -> Option<usize> {
    let at = items
        .partition_point(|item| range_of(item).start <= part.start)
        .checked_sub(1)?;
    within(range_of(items.get(at)?), part).then_some(at)
}

/// `words` with each word that is no word of a known spelling, but splits
/// into such words as printed (each after the first starting with a
/// capital), replaced by its parts, but the words marked `whole`; `None`
/// when no word splits.
fn split_run_together(
    cell: &str,
    words: &[std::ops::Range<usize>],
    whole: &[bool],
) -> Option<Vec<std::ops::Range<usize>>> {
    let mut split: Option<Vec<std::ops::Range<usize>>> = None;
    for (i, range) in words.iter().enumerate() {
        let word = word_at(cell, range);
        let kept = whole.get(i).copied().unwrap_or(false);
        let parts = (!kept && !is_spelling_word(word))
            .then(|| run_together_parts(word))
            .flatten();
        match (parts, &mut split) {
            (Some(parts), split) => {
                let list = split.get_or_insert_with(|| words.get(..i).unwrap_or_default().to_vec());
                list.extend(
                    parts
                        .iter()
                        .map(|p| range.start + p.start..range.start + p.end),
                );
            }
            (None, Some(list)) => list.push(range.clone()),
            (None, None) => {}
        }
    }
    split
}

/// The words of the known spellings, as printed and unique, longest first
/// (so that a run is split into the longest words it can hold).
static SPELLING_WORD_SET: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = SPELLING_WORDS
        .iter()
        .flat_map(|(w, _)| w.iter().copied())
        .collect();
    words.sort_unstable_by_key(|w| (std::cmp::Reverse(w.len()), *w));
    words.dedup();
    words
});

/// True when `word` is, in any case, a word of a known spelling.
fn is_spelling_word(word: &str) -> bool {
    SPELLING_WORD_SET
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// The parts of `word` when it is two or more words of the known
/// spellings run together as printed, each after the first starting with
/// a capital (`EuropolEurojust`, `StatesCouncil`); longer parts first.
///
/// At each place, the first of the spelling words (longest first) after
/// which the rest of the word splits too: what trying them in turn and
/// going back on failure would find, but with whether the rest from each
/// capital splits worked out once, from the end, so that a long word costs
/// neither a call per part on the stack nor going back over it.
fn run_together_parts(word: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let bytes = word.as_bytes();
    // Only a capital after the first character can start a second part.
    if !bytes.iter().skip(1).any(u8::is_ascii_uppercase) {
        return None;
    }
    // `splits[at]`: `word[at..]` splits into spelling words (a part can
    // start only at the start or at a capital).
    let mut splits = vec![false; bytes.len() + 1];
    if let Some(end) = splits.last_mut() {
        *end = true;
    }
    for at in (0..bytes.len()).rev() {
        if at == 0 || bytes.get(at).is_some_and(u8::is_ascii_uppercase) {
            let found =
                spelling_words_at(word, at).any(|w| splits.get(at + w.len()) == Some(&true));
            if let Some(split) = splits.get_mut(at) {
                *split = found;
            }
        }
    }
    let mut parts = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let part = spelling_words_at(word, at).find(|w| splits.get(at + w.len()) == Some(&true))?;
        parts.push(at..at + part.len());
        at += part.len();
    }
    (parts.len() > 1).then_some(parts)
}

/// The spelling words `word[at..]` starts with as printed, each followed
/// by its end or a capital, longest first.
fn spelling_words_at(word: &str, at: usize) -> impl Iterator<Item = &'static str> + '_ {
    let rest = word.get(at..).unwrap_or_default();
    SPELLING_WORD_SET.iter().copied().filter(move |w| {
        rest.strip_prefix(*w).is_some_and(|after| {
            after.is_empty() || after.starts_with(|c: char| c.is_ascii_uppercase())
        })
    })
}

/// [`segment`], given the cell's words (from [`word_ranges`]).
fn segment_words(cell: &str, ranges: &[std::ops::Range<usize>]) -> Vec<PartyMatch> {
    let mut segments = Vec::with_capacity(ranges.len());
    let mut unknown_from: Option<usize> = None;
    let mut i = 0;
    while let Some(rest) = ranges.get(i..).filter(|r| !r.is_empty()) {
        match name_at(cell, rest) {
            Some((n, party)) => {
                if let Some(from) = unknown_from.take() {
                    segments.push(unknown_segment(
                        cell,
                        ranges.get(from..i).unwrap_or_default(),
                    ));
                }
                let first = ranges.get(i).map_or(0, |r| r.start);
                let last = ranges.get(i + n - 1).map_or(first, |r| r.end);
                segments.push(PartyMatch {
                    party,
                    range: first..last,
                });
                i += n;
            }
            // `and` or `&` between two names joins them, as a comma does
            // (the name before it known or not: `Interpol and Europol`).
            None if (unknown_from.is_some() || !segments.is_empty())
                && rest
                    .first()
                    .is_some_and(|w| is_conjunction(word_at(cell, w)))
                && rest.get(1..).is_some_and(|next| starts_a_name(cell, next)) =>
            {
                if let Some(from) = unknown_from.take() {
                    let words = ranges.get(from..i).unwrap_or_default();
                    segments.push(unknown_segment(cell, words));
                }
                i += 1;
            }
            None => {
                // An unknown name ends where another visibly starts.
                if let Some(from) = unknown_from.filter(|_| name_breaks_before(cell, ranges, i)) {
                    let words = ranges.get(from..i).unwrap_or_default();
                    segments.push(unknown_segment(cell, words));
                    unknown_from = None;
                }
                unknown_from.get_or_insert(i);
                i += 1;
            }
        }
    }
    if let Some(from) = unknown_from {
        segments.push(unknown_segment(
            cell,
            ranges.get(from..).unwrap_or_default(),
        ));
    }
    segments
}

/// The name `words` start with: the longest known spelling, or a working
/// party of the Council (`Council WP CATS`) when that is longer. How many
/// words it has, and its party.
fn name_at(cell: &str, words: &[std::ops::Range<usize>]) -> Option<(usize, Party)> {
    let words = one_item(cell, words);
    let spelled = longest_spelling(cell, words);
    let working_party = || working_party_named(words.iter().map(|w| word_at(cell, w)));
    match spelled {
        Some((n, party)) if n >= 3 => Some((n, party.clone())),
        spelled => working_party()
            .map(|party| (3, party))
            .or_else(|| spelled.map(|(n, party)| (n, party.clone()))),
    }
}

/// The first of `words` and those after it up to a comma or semicolon
/// (at most as many as the longest spelling has): a name does not run
/// across one (`Council of Europe, Pompidou Group` is two).
fn one_item<'r>(cell: &str, words: &'r [std::ops::Range<usize>]) -> &'r [std::ops::Range<usize>] {
    let most = words.len().min(*LONGEST_SPELLING);
    let apart = |(a, b): (&std::ops::Range<usize>, &std::ops::Range<usize>)| {
        cell.get(a.end..b.start)
            .is_some_and(|between| between.contains([',', ';']))
    };
    let pairs = words.iter().zip(words.iter().skip(1)).take(most);
    let end = pairs.take_while(|&pair| !apart(pair)).count() + 1;
    words.get(..end.min(most)).unwrap_or(words)
}

/// True when a name starts at the first of `words`: a known name, or an
/// acronym (`UNODC`).
fn starts_a_name(cell: &str, words: &[std::ops::Range<usize>]) -> bool {
    let acronym = words.first().is_some_and(|w| is_acronym(word_at(cell, w)));
    acronym || name_at(cell, words).is_some()
}

/// True when an unknown name that reached the word before `words[i]`
/// ends there, as a new name starts at `words[i]`: a comma, semicolon
/// or full stop lies between them (`EMCCDA, Member Sates`), the word is
/// an acronym (`Interpol UNODC`), or the word before is one and this
/// one starts with a capital (`UNODC Interpol`, but `EU agencies`).
/// Other words run on as one name (`national authorities`, `World
/// Health Organization`).
fn name_breaks_before(cell: &str, words: &[std::ops::Range<usize>], i: usize) -> bool {
    let (Some(before), Some(word)) = (i.checked_sub(1).and_then(|b| words.get(b)), words.get(i))
    else {
        return false;
    };
    let between = cell.get(before.end..word.start).unwrap_or_default();
    let (before, word) = (word_at(cell, before), word_at(cell, word));
    between.contains([',', ';', '.'])
        || is_acronym(word)
        || (is_acronym(before) && word.starts_with(|c: char| c.is_uppercase()))
}

/// The parties of each parties cell, with where each stands in the cell's
/// text, cached by the cell's text (a memo): a plan names the same few
/// combinations of parties row after row.
#[derive(Default)]
pub(crate) struct PartyCells {
    /// Where in `reads` each cell's reading is: a cell seen before is
    /// then hashed once, where asking before taking would hash it twice.
    seen: HashMap<String, usize>,
    reads: Vec<ReadCell>,
    /// The plan's glossary acronyms that stand for a known party.
    acronyms: HashMap<String, Party>,
}

impl PartyCells {
    /// Room for the cells of `rows` rows, so that the memory is not
    /// rebuilt as it fills; an unknown name that `glossary` expands into a
    /// known party's name is read as that party (see [`glossary_parties`]).
    pub(crate) fn for_rows(rows: usize, glossary: &[GlossaryEntry]) -> PartyCells {
        let cells = rows.min(Self::CACHED);
        PartyCells {
            seen: HashMap::with_capacity_and_hasher(cells, Default::default()),
            reads: Vec::with_capacity(cells),
            acronyms: glossary_parties(glossary),
        }
    }

    /// At most this many cells are cached, so that a plan whose every
    /// row names other parties costs no more memory than the rows.
    const CACHED: usize = 1024;

    /// The parties `cell` names, as [`segment`] finds them, and the runs
    /// of it that printed names together. Lent from the memory, so that a
    /// cell seen before costs no copy of its reading.
    pub(crate) fn read(&mut self, cell: &str) -> Cow<'_, ReadCell> {
        let read = match self.seen.get(cell) {
            Some(&i) => {
                return self
                    .reads
                    .get(i)
                    .map_or_else(|| Cow::Owned(self.read_cell(cell)), Cow::Borrowed)
            }
            None => self.read_cell(cell),
        };
        if self.seen.len() >= Self::CACHED {
            return Cow::Owned(read);
        }
        self.seen.insert(cell.to_owned(), self.reads.len());
        self.reads.push(read);
        let reread = || self.read_cell(cell);
        match self.reads.last() {
            Some(read) => Cow::Borrowed(read),
            None => Cow::Owned(reread()),
        }
    }

    /// [`read_cell`], its unknown names that the glossary expands into a
    /// known party read as that party.
    fn read_cell(&self, cell: &str) -> ReadCell {
        let mut read = read_cell(cell);
        if self.acronyms.is_empty() || read.segments.iter().all(|s| !s.party.is_unknown()) {
            return read;
        }
        let mut segments = Vec::with_capacity(read.segments.len());
        for segment in read.segments {
            match &segment.party {
                Party::Unknown(name) => segments.extend(self.expand(cell, name, segment.range)),
                _ => segments.push(segment),
            }
        }
        read.segments = segments;
        read
    }

    /// The unknown name `name` (at `range` of `cell`) read with the
    /// glossary: the party its acronym stands for, when the glossary
    /// expands it into a known name; or its first word so (`NFP` of `NFP
    /// national authorities`, which runs on as an acronym before small
    /// letters does), and the rest still unknown; or the name as it was.
    fn expand(&self, cell: &str, name: &str, range: std::ops::Range<usize>) -> Vec<PartyMatch> {
        if let Some(party) = self.acronyms.get(name) {
            let party = party.clone();
            return vec![PartyMatch { party, range }];
        }
        let text = cell.get(range.clone()).unwrap_or_default();
        let words = word_ranges(text);
        let first = words.first().map(|w| word_at(text, w)).unwrap_or_default();
        match (self.acronyms.get(first), words.get(1..)) {
            (Some(party), Some(rest)) if !rest.is_empty() => {
                let at = |w: &std::ops::Range<usize>| range.start + w.start..range.start + w.end;
                let rest: Vec<std::ops::Range<usize>> = rest.iter().map(at).collect();
                let acronym = words.first().map(at).unwrap_or_default();
                vec![
                    PartyMatch {
                        party: party.clone(),
                        range: acronym,
                    },
                    unknown_segment(cell, &rest),
                ]
            }
            _ => vec![PartyMatch {
                party: Party::Unknown(name.to_owned()),
                range,
            }],
        }
    }
}

/// The acronyms of `glossary` whose expansion is the name of a known
/// party (`EUDA` – `European Union Drugs Agency`, `HDG` – `Horizontal
/// Working Party on Drugs`), with that party: the plan says what they stand
/// for.
pub(crate) fn glossary_parties(glossary: &[GlossaryEntry]) -> HashMap<String, Party> {
    let known = glossary.iter().filter_map(|entry| {
        let party = Party::from_name(&entry.expansion);
        let acronym = entry
            .acronym
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (!party.is_unknown()).then_some((acronym, party))
    });
    known.collect()
}

/// The longest known spelling `words` starts with: how many words it has,
/// and its party. Only spellings with the same first word are compared.
fn longest_spelling<'p>(
    cell: &str,
    words: &[std::ops::Range<usize>],
) -> Option<(usize, &'p Party)> {
    let first = word_at(cell, words.first()?);
    let (_, candidates) = SPELLINGS_BY_FIRST_WORD
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(first))?;
    candidates
        .iter()
        .filter_map(|&s| SPELLING_WORDS.get(s))
        // The first words are equal already.
        .find(|(spelled, _)| {
            let rest = words.iter().skip(1).map(|w| word_at(cell, w));
            begins_with(rest, spelled.get(1..).unwrap_or_default())
        })
        .map(|(spelled, party)| (spelled.len(), party))
}

/// True when `words` begin with the words of `spelled`, in any ASCII case.
fn begins_with<'w>(words: impl ExactSizeIterator<Item = &'w str>, spelled: &[&str]) -> bool {
    spelled.len() <= words.len()
        && spelled
            .iter()
            .zip(words)
            // Most words are printed as spelled, which one comparison tells.
            .all(|(s, w)| *s == w || s.eq_ignore_ascii_case(w))
}

/// The last words of the known spellings, lower-cased, sorted and unique.
static LAST_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = SPELLING_WORDS
        .iter()
        .filter_map(|(words, _)| Some(words.last()?.to_ascii_lowercase()))
        .collect();
    words.sort();
    words.dedup();
    words
});

/// True when `word` (in any case) is the last word of a known spelling.
fn ends_a_spelling(word: &str) -> bool {
    LAST_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The first words of the known spellings, lower-cased and sorted, each
/// with the indices in [`SPELLING_WORDS`] of the spellings it starts,
/// longest first.
static SPELLINGS_BY_FIRST_WORD: LazyLock<Vec<(String, Vec<usize>)>> = LazyLock::new(|| {
    let mut table: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, (words, _)) in SPELLING_WORDS.iter().enumerate() {
        let first = words
            .first()
            .map_or(String::new(), |w| w.to_ascii_lowercase());
        match table.iter_mut().find(|(key, _)| *key == first) {
            Some((_, indices)) => indices.push(i),
            None => table.push((first, vec![i])),
        }
    }
    // Longest spellings first, so that the first match is the longest
    // (and of two as long, the later one, as the table has always chosen).
    for (_, indices) in &mut table {
        indices.sort_by_key(|&i| {
            let len = SPELLING_WORDS.get(i).map_or(0, |(words, _)| words.len());
            (std::cmp::Reverse(len), std::cmp::Reverse(i))
        });
    }
    table.sort();
    table
});

/// When `tail` (the end of one row's parties cell) ends with the first words
/// of a known name and `head` (the next row's parties cell) starts with the
/// rest of it, returns the name's party and how many bytes of `head` belong
/// to it. This is how a name broken by a page break is healed
/// (`EMCDDA European Medicine` + `Agency Europol`: the European Medicines
/// Agency, and 6 bytes).
///
/// One of the two pieces must be no name by itself: the tail's last
/// words (`European Medicine`) or the head's first (`of the EU` after
/// `Council`, itself a name). Two names that happen to make a longer one
/// (`Council` + `Presidency`) stay apart. The tail's piece starts where
/// one of its names starts.
pub(crate) fn split_name(tail: &str, head: &str) -> Option<(Party, usize)> {
    // A cell ending in the last word of a known name, before a cell
    // starting with a known name, broke nothing (and segmenting every row
    // costs time). Words are split as `word_ranges` splits them.
    let last_word = tail.rsplit(separates).find(|w| !w.is_empty())?;
    let first_word = head.split(separates).find(|w| !w.is_empty())?;
    if ends_a_spelling(last_word.trim_end_matches('.')) && starts_a_spelling(first_word) {
        return None;
    }
    // Only the words a name could reach are read: a cell repeated down
    // many rows is not read again for each.
    let reach = LONGEST_SPELLING.saturating_mul(2);
    let tail_words = word_ranges(tail);
    let tail_words = tail_words
        .get(tail_words.len().saturating_sub(reach)..)
        .unwrap_or_default();
    let tail_segments = segment_words(tail, tail_words);
    let head_words = word_ranges(head);
    let head_words = head_words
        .get(..reach.min(head_words.len()))
        .unwrap_or_default();
    let tail_ends_unknown = tail_segments.last()?.party.is_unknown();
    let head_starts_unknown = segment_words(head, head_words)
        .first()
        .is_some_and(|s| s.party.is_unknown());
    if !tail_ends_unknown && !head_starts_unknown {
        return None;
    }
    // The tail's pieces, longest first: its last words from where each of
    // its last names starts.
    let pieces = tail_segments.iter().rev().map_while(|segment| {
        let from = tail_words.partition_point(|w| w.start < segment.range.start);
        let piece = tail_words.get(from..)?;
        (piece.len() < *LONGEST_SPELLING).then_some(piece)
    });
    let pieces: Vec<&[std::ops::Range<usize>]> = pieces.collect();
    pieces.into_iter().rev().find_map(|piece| {
        SPELLING_WORDS.iter().find_map(|(spelled, party)| {
            let rest = spelled.len().checked_sub(piece.len()).filter(|&r| r > 0)?;
            let prefix_matches = spelled
                .iter()
                .zip(piece)
                .all(|(a, r)| a.eq_ignore_ascii_case(word_at(tail, r)));
            let rest_ranges = head_words.get(..rest)?;
            let rest_matches = spelled
                .iter()
                .skip(piece.len())
                .zip(rest_ranges)
                .all(|(a, r)| a.eq_ignore_ascii_case(word_at(head, r)));
            let end = rest_ranges.last()?.end;
            (prefix_matches && rest_matches).then(|| (party.clone(), end))
        })
    })
}

/// The most words a known spelling has.
static LONGEST_SPELLING: LazyLock<usize> = LazyLock::new(|| {
    let lengths = SPELLING_WORDS.iter().map(|(words, _)| words.len());
    lengths.max().unwrap_or(0)
});

/// True when `word` (in any case) is the first word of a known spelling.
fn starts_a_spelling(word: &str) -> bool {
    SPELLINGS_BY_FIRST_WORD
        .iter()
        .any(|(first, _)| first.eq_ignore_ascii_case(word))
}

fn unknown_segment(cell: &str, words: &[std::ops::Range<usize>]) -> PartyMatch {
    let range = match (words.first(), words.last()) {
        (Some(first), Some(last)) => first.start..last.end,
        _ => 0..0,
    };
    let text = cell
        .get(range.clone())
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    PartyMatch {
        party: Party::Unknown(text),
        range,
    }
}

/// The word of `text` at `range` (a range from [`word_ranges`]).
fn word_at<'t>(text: &'t str, range: &std::ops::Range<usize>) -> &'t str {
    text.get(range.clone()).unwrap_or("")
}

/// What separates the words of a parties cell: whitespace, commas,
/// semicolons and slashes.
fn separates(c: char) -> bool {
    c.is_whitespace() || c == ',' || c == ';' || c == '/'
}

/// [`separates`], for ASCII text.
static SEPARATORS: ByteSet = ByteSet::of(b" \t\n\x0B\x0C\r,;/");

/// A word that joins two names in a list of parties (`Europol and
/// Eurojust`, `Europol & Eurojust`).
fn is_conjunction(word: &str) -> bool {
    word == "&" || word.eq_ignore_ascii_case("and")
}

/// The words of a parties cell. Commas, semicolons and slashes separate
/// names as spaces do (`Member States, Europol; EEAS`, `Europol/Eurojust`),
/// and a word's final full stop is no part of it (`Council.`).
fn word_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    if text.is_ascii() {
        // Bytes are characters: split without decoding, one run of
        // separators and one word at a time.
        let bytes = text.as_bytes();
        let is_separator = |b: &u8| SEPARATORS.contains(*b);
        // Room for every word a cell of up to 127 bytes can hold, so a real
        // cell's vector never grows; a longer text grows it as usual.
        let mut ranges = Vec::with_capacity(bytes.len().div_ceil(2).min(64));
        let mut at = 0;
        while let Some(start) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|b| !is_separator(b)).map(|p| at + p))
        {
            let end = bytes
                .get(start..)
                .and_then(|rest| rest.iter().position(is_separator))
                .map_or(bytes.len(), |p| start + p);
            ranges.push(without_full_stop(text, start..end));
            at = end;
        }
        return ranges;
    }
    let base = text.as_ptr() as usize;
    text.split(separates)
        .filter(|word| !word.is_empty())
        .map(|word| {
            let start = word.as_ptr() as usize - base;
            without_full_stop(text, start..start + word.len())
        })
        .collect()
}

/// The word at `range` without the full stop that ends a list
/// (`Council.` of `Member States; Commission; EMCDDA; Council.`): a word
/// ending in its only full stop. An abbreviation of several (`e.g.`)
/// keeps them, as does a lone `.`.
fn without_full_stop(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let word = word_at(text, &range);
    match word.strip_suffix('.') {
        Some(stem) if !stem.is_empty() && !stem.contains('.') => range.start..range.end - 1,
        _ => range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`read_cell`] and [`run_together_parts`] were, for the oracle tests.
    mod searched {
        use super::super::{
            segment_words, split_run_together, within, word_ranges, ReadCell, SPELLING_WORD_SET,
        };
        /// The reading this module had before its parts, segments, whole
        /// words and runs were found by binary search: quadratic in a cell of many
        /// run-together words. Kept as the oracle.
        pub(super) fn read_cell(cell: &str) -> ReadCell {
            let words = word_ranges(cell);
            let segments = segment_words(cell, &words);
            let as_printed = ReadCell {
                segments,
                run_together: Vec::new(),
            };
            if as_printed.segments.iter().all(|s| !s.party.is_unknown()) {
                return as_printed;
            }
            // Words kept whole: their parts did not all land in known parties.
            let mut whole: Vec<std::ops::Range<usize>> = Vec::new();
            let (segments, parts) = loop {
                // The words are split as the module splits them (whose
                // parts are checked against the recursive search below).
                let kept: Vec<bool> = words.iter().map(|w| whole.contains(w)).collect();
                let Some(split) = split_run_together(cell, &words, &kept) else {
                    return as_printed;
                };
                let segments = segment_words(cell, &split);
                // The parts split out of words; each must land in a known party:
                // `EUEuropol` is no EU and Europol.
                let parts: Vec<std::ops::Range<usize>> =
                    split.into_iter().filter(|p| !words.contains(p)).collect();
                let lost = |part: &std::ops::Range<usize>| {
                    (segments.iter()).any(|s| s.party.is_unknown() && within(&s.range, part))
                };
                let lost_words = words
                    .iter()
                    .filter(|w| parts.iter().any(|p| within(w, p) && lost(p)));
                let before = whole.len();
                whole.extend(lost_words.cloned());
                // Each round keeps at least one more word whole, or ends.
                if whole.len() == before {
                    break (segments, parts);
                }
            };
            // A run: parties whose names touch, or one that holds a split word.
            let run_together = segments
                .chunk_by(|a, b| a.range.end == b.range.start)
                .filter(|run| {
                    run.len() > 1
                        || run
                            .iter()
                            .any(|s| parts.iter().any(|p| within(&s.range, p)))
                })
                .filter_map(|run| Some(run.first()?.range.start..run.last()?.range.end))
                .collect();
            ReadCell {
                segments,
                run_together,
            }
        }

        /// The parts of `word` when it is two or more words of the known
        /// spellings run together as printed, each after the first starting with
        /// a capital (`EuropolEurojust`, `StatesCouncil`); longer parts first.
        pub(super) fn run_together_parts(word: &str) -> Option<Vec<std::ops::Range<usize>>> {
            // Only a capital after the first character can start a second part.
            if !word.bytes().skip(1).any(|b| b.is_ascii_uppercase()) {
                return None;
            }
            let mut parts = Vec::new();
            (split_from(word, 0, &mut parts) && parts.len() > 1).then_some(parts)
        }

        /// Splits `word[at..]` into spelling words, pushing their ranges; false
        /// (with `parts` as it was) when it cannot be.
        fn split_from(word: &str, at: usize, parts: &mut Vec<std::ops::Range<usize>>) -> bool {
            let Some(rest) = word.get(at..) else {
                return false;
            };
            if rest.is_empty() {
                return true;
            }
            let candidates = SPELLING_WORD_SET.iter().filter(|w| {
                rest.strip_prefix(**w).is_some_and(|after| {
                    after.is_empty() || after.starts_with(|c: char| c.is_ascii_uppercase())
                })
            });
            for candidate in candidates {
                parts.push(at..at + candidate.len());
                if split_from(word, at + candidate.len(), parts) {
                    return true;
                }
                parts.pop();
            }
            false
        }
    }

    proptest::proptest! {
        #[test]
        fn cells_read_as_trying_each_split_and_going_back_read_them(
            cell in crate::testing::text_of(&[
                "Europol", "Eurojust", "EU", "EMCDDA", "EEAS", "Member", "States", "Council",
                "of", "the", "Frontex", "MAOC-N", "Interpol", "centre", "and", " ", ", ", "/", "é",
            ], 14)
        ) {
            let read = read_cell(&cell);
            let oracle = searched::read_cell(&cell);
            proptest::prop_assert_eq!(&read.segments, &oracle.segments);
            proptest::prop_assert_eq!(&read.run_together, &oracle.run_together);
            for run in &read.run_together {
                let inside = read.segments.iter().filter(|s| within(run, &s.range));
                let expected: Vec<&Party> = inside.map(|s| &s.party).collect();
                proptest::prop_assert_eq!(read.parties_in(run).collect::<Vec<_>>(), expected);
            }
        }

        #[test]
        fn words_split_as_trying_each_part_and_going_back_splits_them(
            word in crate::testing::text_of(&[
                "Europol", "Euro", "Eurojust", "EU", "EMCDDA", "EEAS", "Member", "States",
                "Council", "Frontex", "MAOC", "-N", "N", "Interpol", "x", "é",
            ], 8)
        ) {
            proptest::prop_assert_eq!(run_together_parts(&word), searched::run_together_parts(&word));
        }
    }

    #[test]
    fn a_word_of_a_hundred_thousand_names_run_together_splits_without_recursion() {
        // Trying each part in turn by recursion took a call per part, and
        // overflowed the stack on such a word.
        let word = "EuropolEurojust".repeat(50_000);
        let parts = run_together_parts(&word).unwrap_or_default();
        assert_eq!(parts.len(), 100_000);
        assert_eq!(parts.get(1), Some(&(7..15)));
    }

    #[test]
    fn party_cells_read_as_segmentation_does_and_cache_a_bounded_number() {
        let mut cells = PartyCells::default();
        for i in 0..PartyCells::CACHED + 10 {
            let cell = format!("Europol Agency{i} EMCDDA");
            let expected = read_parties(&cell);
            assert_eq!(expected.len(), 3);
            assert_eq!(cells.read(&cell).segments, expected, "first reading");
            assert_eq!(cells.read(&cell).segments, expected, "second reading");
        }
        assert_eq!(cells.seen.len(), PartyCells::CACHED);
    }

    #[test]
    fn the_last_words_of_spellings_end_a_spelling_in_any_case() {
        for (words, _) in SPELLING_WORDS.iter() {
            let last = words.last().copied().unwrap_or_default();
            assert!(ends_a_spelling(last), "{last}");
            assert!(ends_a_spelling(&last.to_ascii_uppercase()), "{last}");
        }
        for no in [
            "",
            "Medicine",
            "European",
            "Agencyx",
            "x".repeat(40).as_str(),
        ] {
            assert!(!ends_a_spelling(no), "{no}");
        }
    }

    /// The longest spelling `words` start with, by trying every spelling
    /// (of two as long, the later).
    fn longest_by_search(words: &[&str]) -> Option<(usize, Party)> {
        SPELLING_WORDS
            .iter()
            .enumerate()
            .filter(|(_, (spelled, _))| {
                spelled.len() <= words.len()
                    && spelled
                        .iter()
                        .zip(words)
                        .all(|(s, w)| s.to_lowercase() == w.to_lowercase())
            })
            .max_by_key(|(i, (spelled, _))| (spelled.len(), *i))
            .map(|(_, (spelled, party))| (spelled.len(), party.clone()))
    }

    proptest::proptest! {
        #[test]
        fn the_longest_spelling_is_found_as_a_search_of_all_finds_it(
            words in proptest::collection::vec((proptest::sample::select(vec![
                "Member", "States", "Council", "of", "the", "EU", "European", "Union",
                "Drugs", "Agency", "Medicine", "Medicines", "Europol", "Cepol", "MAOC-N",
                "Commission", "x", "Europeanxxxxxxxxxxxxxxxxxxxxxxxxx",
            ]), 0..3), 0..6)
        ) {
            // Each word as spelled, in capitals or in small letters.
            let words: Vec<String> = words
                .into_iter()
                .map(|(word, case)| match case {
                    0 => word.to_owned(),
                    1 => word.to_uppercase(),
                    _ => word.to_lowercase(),
                })
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let cell = words.join(" ");
            let ranges = word_ranges(&cell);
            let found = longest_spelling(&cell, &ranges).map(|(n, party)| (n, party.clone()));
            proptest::prop_assert_eq!(found, longest_by_search(&words));
        }

        #[test]
        fn word_ranges_split_as_chars_do(
            text in crate::testing::text_of(&["EU", "Member", " ", "  ", ",", ";", "\t", "\n", "\r", "\x0B", "\x0C", "\x1C", "\x1F", "é", "\u{A0}", "-"], 12)
        ) {
            let expected: Vec<&str> = text
                .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .filter(|w| !w.is_empty())
                .collect();
            let found: Vec<&str> = word_ranges(&text)
                .into_iter()
                .map(|r| text.get(r).unwrap_or("?"))
                .collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    fn names(cell: &str) -> Vec<String> {
        read_parties(cell)
            .into_iter()
            .map(|s| s.party.name().to_owned())
            .collect()
    }

    macro_rules! segments_to {
        ($($name:ident: $cell:expr => [$($party:expr),*];)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<&str> = vec![$($party),*];
                assert_eq!(names($cell), expected);
            }
        )*};
    }

    segments_to! {
        run_of_names: "Member States Council of the EU European Commission Europol"
            => ["Member States", "Council of the EU", "European Commission", "Europol"];
        wide_gaps: "Member States            Council of the EU            EMCDDA"
            => ["Member States", "Council of the EU", "EMCDDA"];
        alias_cepol: "Eurojust Cepol" => ["Eurojust", "CEPOL"];
        alias_medicine: "EMCDDA European Medicine Agency" => ["EMCDDA", "European Medicines Agency"];
        canonical_medicines: "European Medicines Agency" => ["European Medicines Agency"];
        hyphenated: "European Commission MAOC-N Member States" => ["European Commission", "MAOC-N", "Member States"];
        forum: "Member States Civil Society Forum on Drugs" => ["Member States", "Civil Society Forum on Drugs"];
        unknown_run_kept_whole: "Europol World Health Organization EEAS" => ["Europol", "World Health Organization", "EEAS"];
        commas_and_semicolons: "Member States, Council of the EU; Europol," => ["Member States", "Council of the EU", "Europol"];
        run_together: "EuropolEurojustEMCDDA EEASEuropol" => ["Europol", "Eurojust", "EMCDDA", "EEAS", "Europol"];
        run_together_across_words: "Member StatesCouncil of the EUEuropean Commission" => ["Member States", "Council of the EU", "European Commission"];
        run_together_with_a_hyphen: "MAOC-NFrontex" => ["MAOC-N", "Frontex"];
        joined_by_and_or_a_slash: "Europol and Eurojust & EMCDDA/EEAS" => ["Europol", "Eurojust", "EMCDDA", "EEAS"];
        a_trailing_and_is_no_party_s: "Europol and" => ["Europol", "and"];
        a_leading_and_is_no_party_s: "and Europol" => ["and", "Europol"];
        and_after_an_unknown_name: "Interpol and Europol" => ["Interpol", "Europol"];
        acronyms_separated_by_a_slash_are_two_names: "UNODC/WHO Europol" => ["UNODC", "WHO", "Europol"];
        a_name_with_a_slash_but_no_acronym_is_one: "Ministry of Justice/Interior Europol" => ["Ministry of Justice/Interior", "Europol"];
        // The 2017-2020 plan (Council 9960/17, actions 11 and 12).
        abbreviations_of_2017: "MS Europol Eurojust Council WP COSI"
            => ["Member States", "Europol", "Eurojust", "Council WP COSI"];
        council_before_its_working_party: "Council Council WP COSI Europol MS COM"
            => ["Council of the EU", "Council WP COSI", "Europol", "Member States", "European Commission"];
        // The 2009-2012 plan's list, ended by a full stop.
        list_of_2009: "Member States; Commission; EMCDDA; Council."
            => ["Member States", "European Commission", "EMCDDA", "Council of the EU"];
        unknown_names_stay_apart: "Europol Interpol UNODC" => ["Europol", "Interpol", "UNODC"];
        misspelt_names_stay_apart: "EMCCDA, Member Sates" => ["EMCCDA", "Member Sates"];
        unknown_names_joined_by_and: "Interpol and UNODC" => ["Interpol", "UNODC"];
        an_acronym_before_a_capital_ends_a_name: "UNODC Interpol" => ["UNODC", "Interpol"];
        words_in_small_letters_run_on: "Europol national authorities" => ["Europol", "national authorities"];
        an_acronym_qualifying_a_word: "EU agencies Europol" => ["EU agencies", "Europol"];
        a_stop_between_unknown_names: "Interpol. World Health Organization" => ["Interpol", "World Health Organization"];
        abbreviations_of_the_presidency_and_parliament: "PRES Presidency EP European Parliament Council Presidency"
            => ["Presidency of the Council", "Presidency of the Council", "European Parliament", "European Parliament", "Presidency of the Council"];
        horizontal_working_party: "HDG Horizontal Working Party on Drugs Council WP HDG Horizontal Drugs Group"
            => ["Council WP HDG", "Council WP HDG", "Council WP HDG", "Council WP HDG"];
        working_parties_by_acronym: "COSI LEWP Council WP LEWP Law Enforcement Working Party"
            => ["Council WP COSI", "Council WP LEWP", "Council WP LEWP", "Council WP LEWP"];
        any_council_working_party: "Council WP CATS Europol" => ["Council WP CATS", "Europol"];
        council_wp_without_an_acronym: "Council WP drugs" => ["Council of the EU", "WP drugs"];
        reitox_and_eurostat: "Reitox network EMCDDA Eurostat Reitox National Focal Points"
            => ["Reitox network", "EMCDDA", "Eurostat", "Reitox network"];
        council_of_europe: "Council of Europe, Pompidou Group; Council of the EU"
            => ["Council of Europe", "Pompidou Group", "Council of the EU"];
        emcdda_in_full: "European Monitoring Centre for Drugs and Drug Addiction Europol"
            => ["EMCDDA", "Europol"];
        external_action_in_full: "European External Action Service" => ["EEAS"];
        run_together_only_into_known_parties: "EUEuropol Europol" => ["EUEuropol", "Europol"];
        run_together_split_word_by_word: "EuropolEurojust EUEuropol FrontexEEAS" => ["Europol", "Eurojust", "EUEuropol", "Frontex", "EEAS"];
        unknown_run_together_kept: "InterpolEuropol EMCDDAcentre" => ["InterpolEuropol EMCDDAcentre"];
        capital_inside_a_known_word: "EUROPOL EMCDDA" => ["Europol", "EMCDDA"];
        drugs_agency: "EUDA European Union Drugs Agency EU Drugs Agency" => ["EUDA", "EUDA", "EUDA"];
        empty: "" => [];
    }

    #[test]
    fn runs_of_names_printed_together_are_ranged() {
        let runs = |cell: &str| -> Vec<String> {
            let read = read_cell(cell);
            read.run_together
                .iter()
                .map(|r| cell[r.clone()].to_owned())
                .collect()
        };
        assert_eq!(
            runs("MemberStates Europol EMCDDAFrontex, EEAS"),
            ["MemberStates", "EMCDDAFrontex"]
        );
        assert!(runs("Member States Europol").is_empty());
        assert!(runs("EUEuropol").is_empty());
    }

    #[test]
    fn a_final_full_stop_is_no_part_of_the_name() {
        let cell = "Member States; Council.";
        let ranges: Vec<&str> = read_parties(cell)
            .iter()
            .map(|s| &cell[s.range.clone()])
            .collect();
        assert_eq!(ranges, ["Member States", "Council"]);
        // An abbreviation's stops stay: it is no party either way.
        assert_eq!(names("Europol e.g."), ["Europol", "e.g."]);
    }

    #[test]
    fn a_working_party_keeps_its_acronym() {
        let read = read_parties("Council WP HDG");
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].party.working_party(), Some("HDG"));
        assert_eq!(read[0].range, 0..14);
        assert_eq!(
            Party::from_name("horizontal working party on drugs").name(),
            "Council WP HDG"
        );
        assert_eq!(
            Party::from_name("Council WP"),
            Party::Unknown("Council WP".into())
        );
    }

    #[test]
    fn a_glossary_acronym_of_a_known_party_reads_as_it() {
        let entry = |acronym: &str, expansion: &str| GlossaryEntry {
            acronym: acronym.into(),
            expansion: expansion.into(),
            span: crate::span::Span::default(),
        };
        let glossary = [
            entry("HWPD", "Horizontal Working Party on Drugs"),
            entry("EUMS", "EU Member States"),
            entry("UNODC", "United Nations Office on Drugs and Crime"),
        ];
        let mut cells = PartyCells::for_rows(1, &glossary);
        let read = cells.read("HWPD, EUMS, UNODC Europol");
        let found: Vec<&str> = read.segments.iter().map(|s| s.party.name()).collect();
        assert_eq!(
            found,
            ["Council WP HDG", "Member States", "UNODC", "Europol"]
        );
        assert_eq!(read.segments[1].range, 6..10);
        // An acronym running on into small letters is read apart.
        let cell = "EUMS national authorities";
        let read = cells.read(cell);
        let found: Vec<(&str, &str)> = (read.segments.iter())
            .map(|s| (s.party.name(), &cell[s.range.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                ("Member States", "EUMS"),
                ("national authorities", "national authorities")
            ]
        );
        // Without the glossary, both are unknown.
        assert_eq!(names("HWPD, EUMS"), ["HWPD", "EUMS"]);
    }

    #[test]
    fn unknown_segments_are_unknown() {
        let found = read_parties("Interpol");
        assert_eq!(found[0].party, Party::Unknown("Interpol".into()));
        assert_eq!(found[0].range, 0..8);
    }

    #[test]
    fn every_spelling_reads_back_as_its_party_in_any_case() {
        for (spelling, party) in SPELLINGS.iter() {
            for printed in [spelling.to_string(), spelling.to_uppercase()] {
                let read: Vec<Party> = read_parties(&printed)
                    .into_iter()
                    .map(|m| m.party)
                    .collect();
                assert_eq!(read, std::slice::from_ref(party), "{printed}");
                assert_eq!(Party::from_name(&printed), *party, "{printed}");
            }
        }
    }

    #[test]
    fn a_near_known_name_is_suggested() {
        assert_eq!(nearest("EMCCDA"), Some("EMCDDA"));
        assert_eq!(nearest("Member Sates"), Some("Member States"));
        assert_eq!(nearest("Europool"), Some("Europol"));
        assert_eq!(
            nearest("Council of the European Unoin"),
            Some("Council of the EU")
        );
        assert_eq!(nearest("Interpol"), None);
        assert_eq!(nearest("UNODC"), None);
        assert_eq!(nearest(&"Europol".repeat(20)), None);
    }

    #[test]
    fn split_names_heal_at_any_word_boundary() {
        assert_eq!(
            split_name("EMCDDA European Medicine", "Agency Europol"),
            Some((Party::Ema, 6))
        );
        assert_eq!(split_name("Europol", "EMCDDA"), None);
        assert_eq!(
            split_name("Europol Council of the", "EU Frontex"),
            Some((Party::Council, 2))
        );
        assert_eq!(
            split_name("Council", "of the EU"),
            Some((Party::Council, 9))
        );
        assert_eq!(
            split_name("Europol Member", "States"),
            Some((Party::MemberStates, 6))
        );
        assert_eq!(
            split_name("Civil Society Forum", "on Drugs EEAS"),
            Some((Party::CivilSocietyForum, 8))
        );
        // Commas and semicolons separate words here as in `segment`.
        assert_eq!(
            split_name("Europol, Council of the;", "EU, Frontex"),
            Some((Party::Council, 2))
        );
        // A complete name at the end of a row is not a split.
        assert_eq!(split_name("Member States", "Europol"), None);
        assert_eq!(split_name("Europol, Member States,", "Europol"), None);
        // The next row must really continue the name.
        assert_eq!(split_name("European Medicine", "Europol"), None);
    }

    #[test]
    fn serde_uses_canonical_names() {
        let json = serde_json::to_string(&[Party::Cepol, Party::Unknown("Interpol".into())])
            .unwrap_or_default();
        assert_eq!(json, r#"["CEPOL","Interpol"]"#);
        let back: Vec<Party> =
            serde_json::from_str(r#"["European Medicine Agency","Interpol"]"#).unwrap_or_default();
        assert_eq!(back, [Party::Ema, Party::Unknown("Interpol".into())]);
    }
}
