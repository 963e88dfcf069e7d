//! Responsible parties: the known bodies under canonical names, and the
//! segmentation of a parties cell (`Member States Council of the EU Europol`)
//! by longest match.

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
            /// A name that is not one of the known parties, as printed.
            Unknown(String),
        }

        impl Party {
            /// Every known party, in canonical order.
            pub const KNOWN: &'static [Party] = &[$(Party::$variant),*];

            /// The canonical name, or the text of an unknown party.
            pub fn name(&self) -> &str {
                match self {
                    $(Party::$variant => $canonical,)*
                    Party::Unknown(text) => text,
                }
            }
        }

        /// Every spelling the parser accepts, with the party it stands for.
        const SPELLINGS: &[(&str, Party)] = &[
            $( ($canonical, Party::$variant), $( ($alias, Party::$variant), )* )*
        ];
    };
}

parties! {
    /// The Member States.
    MemberStates => "Member States";
    /// The Council of the European Union.
    Council => "Council of the EU" | "Council of the European Union";
    /// The European Commission.
    Commission => "European Commission";
    /// The European Union Agency for Law Enforcement Cooperation.
    Europol => "Europol";
    /// The European Monitoring Centre for Drugs and Drug Addiction.
    Emcdda => "EMCDDA";
    /// The European Union Drugs Agency, which took over from the EMCDDA in
    /// July 2024 (Regulation (EU) 2023/1322): a later revision names it.
    Euda => "EUDA" | "European Union Drugs Agency" | "EU Drugs Agency";
    /// The European Border and Coast Guard Agency.
    Frontex => "Frontex";
    /// The European Union Agency for Criminal Justice Cooperation.
    Eurojust => "Eurojust";
    /// The European External Action Service.
    Eeas => "EEAS";
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
    /// The Civil Society Forum on Drugs.
    CivilSocietyForum => "Civil Society Forum on Drugs";
}

impl Party {
    /// Looks a single name up among the known spellings (case-insensitive,
    /// whitespace-insensitive).
    ///
    /// ```
    /// use actionplan::Party;
    /// assert_eq!(Party::from_name("Cepol"), Party::Cepol);
    /// assert_eq!(Party::from_name("European  Medicine Agency"), Party::Ema);
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
            .unwrap_or_else(|| Party::Unknown(words.join(" ")))
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
        let known: Vec<&str> = Party::KNOWN.iter().map(Party::name).collect();
        schemars::json_schema!({
            "description": "A responsible party: one of the known canonical names, or the text of an unknown one.",
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
        match longest_spelling(cell, rest) {
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
                    party: party.clone(),
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
                && rest
                    .get(1..)
                    .is_some_and(|next| longest_spelling(cell, next).is_some()) =>
            {
                if let Some(from) = unknown_from.take() {
                    let words = ranges.get(from..i).unwrap_or_default();
                    segments.push(unknown_segment(cell, words));
                }
                i += 1;
            }
            None => {
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

/// The parties of each parties cell, with where each stands in the cell's
/// text, cached by the cell's text (a memo): a plan names the same few
/// combinations of parties row after row.
#[derive(Default)]
pub(crate) struct PartyCells {
    /// Where in `reads` each cell's reading is: a cell seen before is
    /// then hashed once, where asking before taking would hash it twice.
    seen: HashMap<String, usize>,
    reads: Vec<ReadCell>,
}

impl PartyCells {
    /// Room for the cells of `rows` rows, so that the memory is not
    /// rebuilt as it fills.
    pub(crate) fn for_rows(rows: usize) -> PartyCells {
        let cells = rows.min(Self::CACHED);
        PartyCells {
            seen: HashMap::with_capacity_and_hasher(cells, Default::default()),
            reads: Vec::with_capacity(cells),
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
                    .map_or_else(|| Cow::Owned(read_cell(cell)), Cow::Borrowed)
            }
            None => read_cell(cell),
        };
        if self.seen.len() >= Self::CACHED {
            return Cow::Owned(read);
        }
        self.seen.insert(cell.to_owned(), self.reads.len());
        self.reads.push(read);
        self.reads
            .last()
            .map_or_else(|| Cow::Owned(read_cell(cell)), Cow::Borrowed)
    }
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
pub(crate) fn split_name(tail: &str, head: &str) -> Option<(Party, usize)> {
    // A cell ending in the last word of a known name ends with that name:
    // nothing was broken off (and segmenting every row costs time). Words
    // are split as `word_ranges` splits them.
    let last_word = tail.rsplit(separates).find(|w| !w.is_empty())?;
    if ends_a_spelling(last_word) {
        return None;
    }
    let tail_words = word_ranges(tail);
    let last = segment_words(tail, &tail_words).pop()?;
    if !last.party.is_unknown() {
        return None;
    }
    // The words of the unknown run the cell ends with.
    let start: Vec<&str> = tail_words
        .iter()
        .filter(|r| r.start >= last.range.start)
        .map(|r| word_at(tail, r))
        .collect();
    let head_words = word_ranges(head);
    SPELLING_WORDS.iter().find_map(|(spelled, party)| {
        let rest = spelled.len().checked_sub(start.len()).filter(|&r| r > 0)?;
        let prefix_matches = spelled
            .iter()
            .zip(&start)
            .all(|(a, b)| a.eq_ignore_ascii_case(b));
        let rest_ranges = head_words.get(..rest)?;
        let rest_matches = spelled
            .iter()
            .skip(start.len())
            .zip(rest_ranges)
            .all(|(a, r)| a.eq_ignore_ascii_case(word_at(head, r)));
        let end = rest_ranges.last()?.end;
        (prefix_matches && rest_matches).then(|| (party.clone(), end))
    })
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
/// names as spaces do (`Member States, Europol; EEAS`, `Europol/Eurojust`).
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
            ranges.push(start..end);
            at = end;
        }
        return ranges;
    }
    let base = text.as_ptr() as usize;
    text.split(separates)
        .filter(|word| !word.is_empty())
        .map(|word| {
            let start = word.as_ptr() as usize - base;
            start..start + word.len()
        })
        .collect()
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
        an_unknown_name_keeps_its_slash: "UNODC/WHO Europol" => ["UNODC/WHO", "Europol"];
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
    fn unknown_segments_are_unknown() {
        let found = read_parties("Interpol");
        assert_eq!(found[0].party, Party::Unknown("Interpol".into()));
        assert_eq!(found[0].range, 0..8);
    }

    #[test]
    fn every_spelling_reads_back_as_its_party_in_any_case() {
        for (spelling, party) in SPELLINGS {
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
