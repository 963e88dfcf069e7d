//! Rules a well-formed plan keeps: numbering, references between actions,
//! areas and footnotes, timetables within the plan's period, and a glossary
//! that matches the text. Run by [`crate::parse`] as it builds the plan:
//! the rules about one action see each action as soon as it is resolved,
//! while its text is still in cache, and the rules about the whole plan run
//! once it is complete. Each finding is a [`Diagnostic`] with a stable
//! [`Code`].

use crate::area::{self, Areas};
use crate::diagnostic::{Code, Diagnostic};
use crate::markup::ByteSet;
use crate::model::{Action, Footnote, GlossaryEntry, Indicator, Period, Plan, RefPart, RefSite};
use crate::party::Party;
use crate::span::{LineIndex, Span};
use crate::timetable::TimetableKind;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeMap;

/// The checks as the plan is built. Texts are given in the order the glossary
/// check reads them (introduction, strategic priorities, actions,
/// indicators, footnotes); [`Checks::finish`] runs the rules about the whole
/// plan and returns every finding.
pub(crate) struct Checks<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    period: Option<Period>,
    found: Vec<Diagnostic>,
    /// References to areas that had no description when their action was
    /// read, as indices of the action in the plan and of the code in the
    /// action; looked at again once every row has been read.
    undescribed: Vec<(usize, usize)>,
    /// How many actions have been read.
    actions: usize,
    /// Absent when the plan has no glossary.
    glossary: Option<GlossaryScan>,
    /// Scratch space for texts made for the glossary scan (an indicator's
    /// parts).
    joined: String,
    /// The parties whose names the glossary scan has read.
    parties_read: HashSet<Party>,
}

impl<'t> Checks<'t> {
    /// `text` is the plan's source, `lines` its line index.
    pub(crate) fn new(
        text: &'t str,
        lines: &'t LineIndex,
        period: Option<Period>,
        glossary: &[GlossaryEntry],
    ) -> Self {
        Checks {
            text,
            lines,
            period,
            found: Vec::new(),
            undescribed: Vec::new(),
            actions: 0,
            glossary: (!glossary.is_empty()).then(|| GlossaryScan::new(glossary)),
            joined: String::new(),
            parties_read: HashSet::new(),
        }
    }

    /// The rules about texts (the glossary check, words broken at a line
    /// end) on a cleaned text that lies at `span`: a paragraph of the
    /// introduction, a strategic priority's title, and, from the other
    /// methods, an action's text, an area description, an indicator.
    pub(crate) fn prose(&mut self, words: &str, span: Span) {
        broken_words(words, span, self.text, &mut self.found);
        if let Some(scan) = &mut self.glossary {
            scan.place(words, span, self.text, &mut self.found);
        }
    }

    /// The rules about one action. Every action of the plan comes here, in
    /// the plan's order; `areas` are the priority areas the rows up to this
    /// action's have introduced.
    pub(crate) fn action(&mut self, action: &Action, areas: &Areas) {
        self.area_references(action, areas);
        self.actions += 1;
        self.timetable(action);
        self.prose(&action.text, action.spans.text);
        // The descriptions this row gave its areas: an area described here
        // has this row's area cell as its span (a cell carried down from
        // a row above by its `rowspan` was read there).
        for area in action.priority_areas.iter().filter_map(|c| areas.get(c)) {
            let cell = action.spans.priority_areas;
            let given_here = cell.is_some_and(|cell| cell.contains(area.span))
                && action.span.contains(area.span);
            if let Some(description) = area.description.as_deref().filter(|_| given_here) {
                self.prose(description, area.span);
            }
        }
        if let Some(scan) = &mut self.glossary {
            // Each party name on its own: a two-word entry cannot straddle
            // two parties. Reading a name again can find nothing new (its
            // entries are marked, its acronyms reported), and the same few
            // parties fill most rows, so each is read once.
            for party in &action.parties {
                if !self.parties_read.contains(party) {
                    self.parties_read.insert(party.clone());
                    let name = party.name();
                    scan.place(name, action.spans.parties, self.text, &mut self.found);
                }
            }
        }
    }

    /// An indicator, for the rules about texts.
    pub(crate) fn indicator(&mut self, indicator: &Indicator) {
        let mut joined = std::mem::take(&mut self.joined);
        joined.clear();
        joined.push_str(indicator.title.as_deref().unwrap_or(""));
        for part in std::iter::once(&indicator.text).chain(&indicator.sources) {
            joined.push(' ');
            joined.push_str(part);
        }
        self.prose(&joined, indicator.span);
        self.joined = joined;
    }

    /// A footnote's text, for the rules about texts.
    pub(crate) fn footnote(&mut self, footnote: &Footnote) {
        self.prose(&footnote.text, footnote.span);
    }

    /// The rules about the whole plan; every finding.
    pub(crate) fn finish(mut self, plan: &Plan) -> Vec<Diagnostic> {
        // Numbering reads only what the actions hold inline, in order, so
        // it stays fast here; keeping it out of the loop keeps its map off
        // the peak of memory, while the rows are still held.
        action_numbering(plan, self.text, self.lines, &mut self.found);
        self.undescribed_areas(plan);
        priority_area_numbering(plan, &mut self.found);
        footnotes(plan, self.text, self.lines, &mut self.found);
        if let Some(scan) = self.glossary {
            scan.finish(&plan.glossary, &mut self.found);
        }
        sequence(
            plan.strategic_priorities.iter().map(|s| (s.number, s.span)),
            Code::StrategicPriorityNumbering,
            "strategic priority",
            &mut self.found,
        );
        sequence(
            plan.indicators.iter().map(|i| (i.number, i.span)),
            Code::IndicatorNumbering,
            "indicator",
            &mut self.found,
        );
        self.found
    }

    /// An action's areas belong to its strategic priority; those without a
    /// description yet are looked at again at the end.
    fn area_references(&mut self, action: &Action, areas: &Areas) {
        let span = action.spans.priority_areas.unwrap_or(action.span);
        for (i, code) in action.priority_areas.iter().enumerate() {
            if areas.get(code).is_none_or(|a| a.description.is_none()) {
                self.undescribed.push((self.actions, i));
            }
            if let (Some(sp), Some(first)) = (action.strategic_priority, area::priority_of(code)) {
                if sp != first {
                    self.found.push(Diagnostic::new(
                        Code::PriorityAreaMismatch,
                        span,
                        format!(
                            "Action {} sits under strategic priority {sp} but refers to priority area {code}",
                            action.number
                        ),
                    ));
                }
            }
        }
    }

    /// Areas referred to but never described, where the plan describes its
    /// areas at all.
    fn undescribed_areas(&mut self, plan: &Plan) {
        if !plan.priority_areas.iter().any(|a| a.description.is_some()) {
            return;
        }
        let defined: HashSet<&str> = plan
            .priority_areas
            .iter()
            .filter(|a| a.description.is_some())
            .map(|a| a.code.as_str())
            .collect();
        for &(a, c) in &self.undescribed {
            let Some(action) = plan.actions.get(a) else {
                continue;
            };
            let Some(code) = action.priority_areas.get(c) else {
                continue;
            };
            if !defined.contains(code.as_str()) {
                self.found.push(Diagnostic::new(
                    Code::UndefinedPriorityArea,
                    action.spans.priority_areas.unwrap_or(action.span),
                    format!(
                        "Action {}: priority area {code} is never defined",
                        action.number
                    ),
                ));
            }
        }
    }

    /// A timetable starts before it ends, within the plan's period.
    fn timetable(&mut self, action: &Action) {
        let t = &action.timetable;
        let (start, end) = match t.kind() {
            TimetableKind::Range(a, b) => (a, b),
            TimetableKind::Year(y) | TimetableKind::By(y) | TimetableKind::From(y) => (y, y),
            _ => return,
        };
        if start > end {
            self.found.push(Diagnostic::new(
                Code::ReversedTimetable,
                t.span,
                format!(
                    "Action {}: timetable `{}` ends before it starts",
                    action.number, t.raw
                ),
            ));
        }
        if let Some(period) = self.period {
            let outside = [start, end]
                .into_iter()
                .find(|y| *y < period.start || *y > period.end);
            if let Some(year) = outside {
                self.found.push(Diagnostic::new(
                    Code::TimetableOutOfPeriod,
                    t.span,
                    format!(
                        "Action {}: timetable `{}` has {year}, outside the plan's period {}-{}",
                        action.number, t.raw, period.start, period.end
                    ),
                ));
            }
        }
    }
}

/// The words that may follow a suspended hyphen (`medium- and
/// small-volume`, `short- to medium-term`): a hyphen and a space before
/// any other lower-case word is a word broken at a line end.
const SUSPENDED_BEFORE: [&str; 7] = ["and", "or", "nor", "to", "as", "versus", "vs"];

/// Words broken at a line end and joined back with a space
/// (`Development- centered`): a letter, a hyphen, a space, then a
/// lower-case word that does not continue a suspended hyphen. The text is
/// kept as written; which word was meant is not always clear
/// (`Develop- ment` is one word, `Development- centered` two).
fn broken_words(words: &str, span: Span, text: &str, found: &mut Vec<Diagnostic>) {
    let bytes = words.as_bytes();
    let spaced = |&at: &usize| bytes.get(at + 1) == Some(&b' ');
    for at in memchr::memchr_iter(b'-', bytes).filter(spaced) {
        let (Some(head), Some(tail)) = (words.get(..at), words.get(at + 2..)) else {
            continue;
        };
        let next = tail
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default();
        let broken = head.chars().next_back().is_some_and(char::is_alphabetic)
            && next.chars().next().is_some_and(char::is_lowercase)
            && !SUSPENDED_BEFORE.contains(&next);
        if broken {
            let word = head
                .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
                .next()
                .unwrap_or_default();
            let shown = format!("{word}- {next}");
            found.push(Diagnostic::new(
                Code::BrokenWord,
                span.narrow(text, &shown),
                format!("`{shown}` has a space after its hyphen: a word broken at a line end?"),
            ));
        }
    }
}

/// Action numbers: no repeats, no gaps, in order.
fn action_numbering(plan: &Plan, text: &str, lines: &LineIndex, found: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<u32, Span> = HashMap::with_capacity(plan.actions.len());
    let mut highest: Option<u32> = None;
    for action in &plan.actions {
        let n = action.number;
        let span = action.spans.label;
        if let Some(first) = seen.get(&n) {
            found.push(Diagnostic::new(
                Code::DuplicateActionNumber,
                span,
                format!(
                    "Action {n} appears twice (first on line {})",
                    lines.position(text, first.start).line
                ),
            ));
        } else {
            match highest {
                Some(p) if n < p => found.push(Diagnostic::new(
                    Code::ActionOutOfOrder,
                    span,
                    format!("Action {n} comes after Action {p}"),
                )),
                Some(p) if n > p + 1 => found.push(Diagnostic::new(
                    Code::ActionNumberGap,
                    span,
                    format!(
                        "Action {n} follows Action {p}: {} missing",
                        missing(p + 1, n - 1, "Action")
                    ),
                )),
                None if n > 1 => found.push(Diagnostic::new(
                    Code::ActionNumberGap,
                    span,
                    format!(
                        "the first action is Action {n}: {} missing",
                        missing(1, n - 1, "Action")
                    ),
                )),
                _ => {}
            }
            seen.insert(n, span);
        }
        highest = Some(highest.map_or(n, |p| p.max(n)));
    }
}

fn missing(from: u32, to: u32, what: &str) -> String {
    if from == to {
        format!("{what} {from} is")
    } else {
        format!("{what}s {from}–{to} are")
    }
}

fn sequence(
    items: impl Iterator<Item = (u32, Span)>,
    code: Code,
    what: &str,
    found: &mut Vec<Diagnostic>,
) {
    let mut expected = 1;
    for (number, span) in items {
        if number != expected {
            found.push(Diagnostic::new(
                code,
                span,
                format!("{what} {number} where {what} {expected} was expected"),
            ));
        }
        expected = number + 1;
    }
}

/// Within each strategic priority, areas are numbered N.1, N.2, …
fn priority_area_numbering(plan: &Plan, found: &mut Vec<Diagnostic>) {
    let mut by_priority: BTreeMap<u32, Vec<(u32, Span, &str)>> = BTreeMap::new();
    for a in &plan.priority_areas {
        let (major, minor) = area::sort_key(&a.code);
        by_priority
            .entry(major)
            .or_default()
            .push((minor, a.span, &a.code));
    }
    for (major, mut areas) in by_priority {
        areas.sort_by_key(|(minor, _, _)| *minor);
        for (expected, (minor, span, code)) in (1..).zip(&areas) {
            if *minor != expected {
                found.push(Diagnostic::new(
                    Code::PriorityAreaNumbering,
                    *span,
                    format!("priority area {code} where {major}.{expected} was expected"),
                ));
                break;
            }
        }
    }
}

fn footnotes(plan: &Plan, text: &str, lines: &LineIndex, found: &mut Vec<Diagnostic>) {
    let mut defined: HashMap<u32, Span> = HashMap::new();
    for footnote in &plan.footnotes {
        if let Some(first) = defined.insert(footnote.number, footnote.span) {
            found.push(Diagnostic::new(
                Code::DuplicateFootnote,
                footnote.span,
                format!(
                    "footnote {} is defined twice (first on line {})",
                    footnote.number,
                    lines.position(text, first.start).line,
                ),
            ));
        }
    }
    for r in &plan.footnote_refs {
        if !defined.contains_key(&r.number) {
            let site = match r.site {
                RefSite::Action(n) => format!("Action {n}"),
                RefSite::Indicator(n) => format!("indicator {n}"),
                RefSite::TableHeader => "a table header".to_owned(),
                RefSite::Heading => "a heading".to_owned(),
                RefSite::Footnote(n) => format!("footnote {n}"),
                RefSite::Introduction(n) => format!("introduction paragraph {n}"),
                RefSite::Cover => "the cover page".to_owned(),
                RefSite::Glossary => "the glossary".to_owned(),
            };
            let part = match (r.site, r.part) {
                (_, Some(RefPart::PriorityAreas)) => "'s priority-area cell",
                (_, Some(RefPart::Timetable)) => "'s timetable cell",
                (_, Some(RefPart::Parties)) => "'s responsible-party cell",
                (RefSite::Action(_), None) => "'s cell beyond the table's columns",
                (RefSite::Indicator(_), Some(RefPart::Title)) => "'s title",
                (_, Some(RefPart::Sources)) => "'s sources",
                _ => "",
            };
            found.push(Diagnostic::new(
                Code::UndefinedFootnote,
                r.span,
                format!(
                    "{site}{part} refers to footnote {}, which has no text",
                    r.number
                ),
            ));
        }
    }
    let referenced: HashSet<u32> = plan
        .footnote_refs
        .iter()
        .filter(|r| r.site != RefSite::Footnote(r.number))
        .map(|r| r.number)
        .collect();
    for footnote in &plan.footnotes {
        if !referenced.contains(&footnote.number) {
            found.push(Diagnostic::new(
                Code::UnusedFootnote,
                footnote.span,
                format!("footnote {} is never referred to", footnote.number),
            ));
        }
    }
}

/// An acronym: at least two capital letters, no small letters but a final
/// plural `s` (`FIUs`), not a Roman numeral; digits and inner hyphens
/// allowed (`COVID-19`, `MAOC-N`).
fn is_acronym(token: &str) -> bool {
    // Most capitalised words: a capital, then a small letter.
    if let [b'A'..=b'Z', b'a'..=b'z', ..] = token.as_bytes() {
        return false;
    }
    let body = token.strip_suffix('s').unwrap_or(token).as_bytes();
    let start = body.iter().position(|&b| b != b'-').unwrap_or(body.len());
    let end = body
        .iter()
        .rposition(|&b| b != b'-')
        .map_or(start, |e| e + 1);
    let body = body.get(start..end).unwrap_or_default();
    if !body.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let (mut capitals, mut roman) = (0, true);
    for &b in body {
        match b {
            b'A'..=b'Z' => {
                capitals += 1;
                roman &= matches!(b, b'I' | b'V' | b'X' | b'L' | b'C');
            }
            b'0'..=b'9' | b'-' => roman = false,
            _ => return false,
        }
    }
    capitals >= 2 && !roman
}

/// The glossary check as it reads the plan's texts: which entries have been
/// used, and which unknown acronyms have been reported.
struct GlossaryScan {
    index: Glossary,
    used: Vec<bool>,
    reported: HashSet<String>,
    /// For each entry, the first unknown acronym that is a near spelling
    /// of it (`EDPQS` for `EDPQ`), to name when the entry goes unused.
    near: Vec<Option<String>>,
    /// Scratch space for upper-cased lookups, so that they do not allocate.
    buffer: Vec<u8>,
}

impl GlossaryScan {
    fn new(entries: &[GlossaryEntry]) -> Self {
        GlossaryScan {
            index: Glossary::new(entries),
            used: vec![false; entries.len()],
            reported: HashSet::new(),
            near: vec![None; entries.len()],
            buffer: Vec::new(),
        }
    }

    /// Marks the entries `words` (joined by spaces) name as used; true if any.
    /// Inline, so that the words the filter rules out cost no call.
    #[inline(always)]
    fn mark(&mut self, words: &[&str]) -> bool {
        if !self.index.may_have(words) {
            return false;
        }
        let first = self.index.find(words, &mut self.buffer);
        let mut entry = first;
        while let Some(i) = entry {
            if let Some(flag) = self.used.get_mut(i) {
                *flag = true;
            }
            entry = self.index.same_key.get(i).copied().flatten();
        }
        first.is_some()
    }

    /// Reads one text, which lies at `span` of the source `text`. Entries
    /// by their upper-cased acronym; a plural `s` also counts (`FIUs` is
    /// `FIU`; `EDPQS` is not `EDPQ`), and two-word entries (`EU SOCTA`) are
    /// matched on consecutive words.
    fn place(&mut self, words: &str, span: Span, text: &str, found: &mut Vec<Diagnostic>) {
        let mut previous: Option<&str> = None;
        for Word {
            text: token,
            follows,
        } in capitalised_words(words)
        {
            let plural = token.strip_suffix('s').is_some_and(|s| self.mark(&[s]));
            let known = self.mark(&[token]) || plural;
            if !known && is_acronym(token) && !self.reported.contains(token) {
                found.push(self.unknown(token, span.narrow(text, token)));
            }
            if let (true, Some(before)) = (self.index.pairs && follows, previous) {
                self.mark(&[before, token]);
            }
            previous = Some(token);
        }
    }

    /// Reports `token`, an acronym not in the glossary, at `span`, naming a
    /// near spelling the glossary has. Out of line: most texts have none.
    #[cold]
    #[inline(never)]
    fn unknown(&mut self, token: &str, span: Span) -> Diagnostic {
        self.reported.insert(token.to_owned());
        let mut message = format!("acronym {token} is used but not in the glossary");
        if let Some((i, key)) = self.index.near(token) {
            message.push_str(&format!(" (the glossary has {key})"));
            if let Some(slot @ None) = self.near.get_mut(i) {
                *slot = Some(token.to_owned());
            }
        }
        Diagnostic::new(Code::AcronymNotInGlossary, span, message)
    }

    /// Reports the entries nothing used.
    fn finish(self, entries: &[GlossaryEntry], found: &mut Vec<Diagnostic>) {
        let unused = entries.iter().zip(&self.used).zip(&self.near);
        for ((entry, _), near) in unused.filter(|((_, &u), _)| !u) {
            let mut message = format!(
                "glossary entry {} ({}) is never used in the plan",
                entry.acronym, entry.expansion
            );
            if let Some(token) = near {
                message.push_str(&format!(" (the text has {token})"));
            }
            found.push(Diagnostic::new(
                Code::UnusedGlossaryEntry,
                entry.span,
                message,
            ));
        }
    }
}

/// The glossary's acronyms, upper-cased, with the entries that have each.
struct Glossary {
    /// Each acronym and the first entry that has it.
    keys: HashMap<Vec<u8>, usize>,
    /// For each entry, the next entry with the same acronym: the glossary
    /// seldom repeats one, and a vector for each acronym would cost an
    /// allocation each.
    same_key: Vec<Option<usize>>,
    /// By first letter, a bit for each length of the keys that start with
    /// it (lengths from 63 up share the last bit): most capitalised words
    /// are ruled out by this alone, before they are upper-cased and hashed.
    /// Keys starting with anything else are always looked up.
    lengths: [u64; 26],
    /// The same by last letter: a capitalised word of the right length and
    /// first letter is rarely one of the right last letter too.
    ends: [u64; 26],
    /// Some entry is two words (`EU SOCTA`).
    pairs: bool,
}

impl Glossary {
    fn new(entries: &[GlossaryEntry]) -> Self {
        let mut keys: HashMap<Vec<u8>, usize> = HashMap::with_capacity(entries.len());
        let mut same_key: Vec<Option<usize>> = vec![None; entries.len()];
        for (i, entry) in entries.iter().enumerate() {
            let mut last = *keys.entry(key_of(&entry.acronym)).or_insert(i);
            if last == i {
                continue;
            }
            while let Some(next) = same_key.get(last).copied().flatten() {
                last = next;
            }
            if let Some(slot) = same_key.get_mut(last) {
                *slot = Some(i);
            }
        }
        let (mut lengths, mut ends) = ([0; 26], [0; 26]);
        for key in keys.keys() {
            if let Some(bits) = letter(key).and_then(|l| lengths.get_mut(l)) {
                *bits |= length_bit(key.len());
            }
            let last = key.last().copied().and_then(letter_of);
            if let Some(bits) = last.and_then(|l| ends.get_mut(l)) {
                *bits |= length_bit(key.len());
            }
        }
        let pairs = keys.keys().any(|k| k.contains(&b' '));
        Glossary {
            keys,
            same_key,
            lengths,
            ends,
            pairs,
        }
    }

    /// Whether the glossary may have `words` joined by single spaces, by
    /// [`Glossary::lengths`] and [`Glossary::ends`]: false rules them out.
    #[inline(always)]
    fn may_have(&self, words: &[&str]) -> bool {
        let len = words
            .iter()
            .map(|w| w.len() + 1)
            .sum::<usize>()
            .saturating_sub(1);
        let first = words.first().map_or(&b""[..], |w| w.as_bytes());
        let last = words.last().and_then(|w| w.as_bytes().last().copied());
        // Keys that start or end with a digit or a hyphen are not in the
        // filter.
        let starts = letter(first).and_then(|l| self.lengths.get(l));
        let ends = last.and_then(letter_of).and_then(|l| self.ends.get(l));
        starts.is_none_or(|bits| bits & length_bit(len) != 0)
            && ends.is_none_or(|bits| bits & length_bit(len) != 0)
    }

    /// The first entry whose acronym is `words` joined by single spaces, in
    /// any case; [`Glossary::same_key`] has the others. Out of line:
    /// [`Glossary::may_have`] rules out most words before.
    #[inline(never)]
    fn find(&self, words: &[&str], buffer: &mut Vec<u8>) -> Option<usize> {
        buffer.clear();
        for word in words {
            if !buffer.is_empty() {
                buffer.push(b' ');
            }
            buffer.extend(word.bytes().map(|b| b.to_ascii_uppercase()));
        }
        self.keys.get(buffer.as_slice()).copied()
    }

    /// An entry whose acronym is a near spelling of `token`, which is not
    /// in the glossary: one letter more or less (`EDPQS`, `EDPQ`), or one
    /// is a part of the other (`DAC`, `OECD-DAC`; `SOCTA`, `EU SOCTA`). Its index and
    /// upper-cased acronym.
    fn near(&self, token: &str) -> Option<(usize, &str)> {
        let token = token.to_ascii_uppercase();
        let (i, key) = self
            .keys
            .iter()
            .filter(|(key, _)| is_near_spelling(token.as_bytes(), key))
            .map(|(key, &first)| (first, key))
            // The first entry in the glossary's order, whatever the map's.
            .min()?;
        Some((i, std::str::from_utf8(key).ok()?))
    }
}

/// An acronym as the glossary looks it up: whitespace collapsed as
/// [`crate::markup::normalise`] does, upper-cased.
fn key_of(acronym: &str) -> Vec<u8> {
    // Most acronyms have no whitespace (nor anything else outside ASCII)
    // to collapse: they need not go through the cleaner.
    let mut key = if acronym.bytes().all(|b| b.is_ascii_graphic()) {
        acronym.as_bytes().to_vec()
    } else {
        crate::markup::normalise(acronym).into_bytes()
    };
    key.make_ascii_uppercase();
    key
}

/// `a` and `b` differ by one letter added or removed (both at least three
/// letters long), or one is a part of the other, an acronym of two or
/// three parts between hyphens or spaces.
#[inline(always)]
fn is_near_spelling(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() == short.len() + 1 {
        // Past the common start, the rest must agree with the extra letter skipped.
        let common = short.iter().zip(long).take_while(|(a, b)| a == b).count();
        return short.len() >= 3 && short.get(common..) == long.get(common + 1..);
    }
    let parts = || long.split(|&b| b == b'-' || b == b' ');
    // Only an acronym of two or three parts: not a long entry that is
    // really a misplaced sentence.
    long.len() > short.len() + 1
        && parts().any(|p| p == short)
        && (2..=3).contains(&parts().count())
        && parts().all(|p| {
            p.iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

/// The index of a word's first letter (A–Z, any case).
fn letter(word: &[u8]) -> Option<usize> {
    letter_of(*word.first()?)
}

/// The index of a letter (A–Z, any case).
fn letter_of(byte: u8) -> Option<usize> {
    // Setting bit 5 makes a capital small and no other byte a small letter.
    let letter = (byte | 0x20).wrapping_sub(b'a');
    (letter < 26).then_some(usize::from(letter))
}

/// A length's bit in [`Glossary::lengths`].
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The bytes words are made of: ASCII letters, digits, hyphens, and every
/// byte of a non-ASCII character.
static WORD_BYTES: ByteSet =
    ByteSet::of(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
        .with_non_ascii();

/// A word with a capital letter in it.
struct Word<'a> {
    text: &'a str,
    /// One separator stands between it and the capitalised word before it.
    follows: bool,
}

/// The words of `text` that have a capital letter, with whether each
/// directly follows the one before it. Words are runs of ASCII letters,
/// digits, hyphens and any non-ASCII characters; only capitalised words can
/// be acronyms or glossary entries, so the others are skipped.
fn capitalised_words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let bytes = text.as_bytes();
    let in_word = |b: u8| WORD_BYTES.contains(b);
    let mut at = 0;
    // Where the last capitalised word ended.
    let mut last_end: Option<usize> = None;
    std::iter::from_fn(move || {
        let capital = at + next_capital(bytes.get(at..)?)?;
        let start = bytes
            .get(..capital)?
            .iter()
            .rposition(|&b| !in_word(b))
            .map_or(0, |p| p + 1);
        let end = capital + word_len(bytes.get(capital..)?);
        // One separator, as in `EU SOCTA`; `EU (SOCTA)` is not the pair.
        let follows = last_end == Some(start.saturating_sub(1)) && start > 0;
        at = end;
        last_end = Some(end);
        // Splitting at ASCII bytes keeps every word valid UTF-8.
        let text = text.get(start..end)?;
        Some(Word { text, follows })
    })
}

/// The position of the first ASCII capital in `bytes`: most stretches of
/// running text have none, so sixteen bytes at a time are first tested
/// for bytes that may be one, by two bits alone.
#[inline(always)]
fn next_capital(bytes: &[u8]) -> Option<usize> {
    let word = |half: Option<&[u8; 8]>| half.map_or(0, |h| u64::from_le_bytes(*h));
    let mut blocks = bytes.chunks_exact(16);
    let mut offset = 0;
    for block in &mut blocks {
        let (low, high) = (word(block.first_chunk()), word(block.last_chunk()));
        if may_be_capitals(low) | may_be_capitals(high) != 0 {
            if let Some(at) = first_capital(&[low, high]) {
                return Some(offset + at);
            }
        }
        offset += 16;
    }
    let mut words = blocks.remainder().chunks_exact(8);
    for half in &mut words {
        if let Some(at) = first_capital(&[word(half.first_chunk())]) {
            return Some(offset + at);
        }
        offset += 8;
    }
    let rest = words.remainder().iter().position(u8::is_ascii_uppercase);
    rest.map(|p| offset + p)
}

/// The position of the first ASCII capital in `words`, eight bytes each,
/// lowest byte first.
fn first_capital(words: &[u64]) -> Option<usize> {
    words.iter().enumerate().find_map(|(i, &word)| {
        let capitals = capitals(word);
        (capitals != 0).then(|| i * 8 + (capitals.trailing_zeros() / 8) as usize)
    })
}

/// Bit 6 of each byte of `word` that has bit 6 set and bit 5 clear: every
/// ASCII capital, and few other bytes of running text (`@`, `[`, `_`, and
/// the lead bytes of some accented letters). Cheaper than [`capitals`].
fn may_be_capitals(word: u64) -> u64 {
    const SIXES: u64 = 0x4040_4040_4040_4040;
    // Bit 5 shifted to bit 6; bit 7 shifted into the next byte's bit 0.
    word & !(word << 1) & SIXES
}

/// How long the word at the start of `bytes` is: up to its first byte that
/// is not in [`WORD_BYTES`], or to the end. Eight bytes at a time: most
/// capitalised words end within the first eight.
#[inline(always)]
fn word_len(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let word = word.first_chunk().map_or(0, |w| u64::from_le_bytes(*w));
        let ends = word_ends(word);
        if ends != 0 {
            return offset + (ends.trailing_zeros() / 8) as usize;
        }
        offset += 8;
    }
    let rest = words.remainder();
    let len = rest.iter().position(|&b| !WORD_BYTES.contains(b));
    offset + len.unwrap_or(rest.len())
}

/// The top bit of each byte of `word` that cannot be in a word: an ASCII
/// byte other than a letter, a digit or a hyphen (see [`WORD_BYTES`]).
fn word_ends(word: u64) -> u64 {
    let low = word & !TOPS;
    // With bit 5 set, a capital reads as its small letter.
    let letters = in_range(low | (ONES * 0x20), b'a', b'z');
    let digits = in_range(low, b'0', b'9');
    let hyphens = in_range(low, b'-', b'-');
    !(letters | digits | hyphens | word) & TOPS
}

/// Each byte of a word of eight set to one.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The top bit of each byte of a word of eight.
const TOPS: u64 = 0x8080_8080_8080_8080;

/// The top bit of each byte of `low`, whose bytes have their top bits
/// clear, that is from `first` to `last` (both ASCII); the other bits are
/// left over. Each byte is compared by adding what carries it into the top
/// bit at `first` and past `last`; no sum overflows into the next byte.
fn in_range(low: u64, first: u8, last: u8) -> u64 {
    let from_first = low.wrapping_add(ONES * u64::from(0x80 - first));
    let past_last = low.wrapping_add(ONES * u64::from(0x7F - last));
    from_first & !past_last
}

/// The top bit of each byte of `word` that is an ASCII capital.
fn capitals(word: u64) -> u64 {
    in_range(word & !TOPS, b'A', b'Z') & !word & TOPS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `is_acronym` was written from, char by char.
    fn acronym_by_definition(token: &str) -> bool {
        let body = token.strip_suffix('s').unwrap_or(token).trim_matches('-');
        let capitals = body.chars().filter(char::is_ascii_uppercase).count();
        capitals >= 2
            && body.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && body
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && !body
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
    }

    #[test]
    fn word_bytes_are_letters_digits_hyphens_and_non_ascii() {
        for b in 0..=u8::MAX {
            let expected = b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80;
            assert_eq!(WORD_BYTES.contains(b), expected, "{b:#04x}");
        }
    }

    proptest::proptest! {
        /// The short way of [`key_of`] keeps what the cleaner would.
        #[test]
        fn keys_as_the_cleaner_makes_them(acronym in "[ -~\t\n\u{a0}\u{fb01}]{0,8}") {
            let mut cleaned = crate::markup::normalise(&acronym);
            cleaned.make_ascii_uppercase();
            proptest::prop_assert_eq!(key_of(&acronym), cleaned.into_bytes());
        }
    }

    #[test]
    fn a_repeated_acronym_is_used_in_every_entry() {
        let entries: Vec<GlossaryEntry> = ["EU", "FIU", "eu", "EU"]
            .into_iter()
            .map(|acronym| GlossaryEntry {
                acronym: acronym.to_owned(),
                expansion: String::new(),
                span: Span::new(0, 0),
            })
            .collect();
        let mut scan = GlossaryScan::new(&entries);
        let text = "the Eu and its FIUs";
        scan.place(text, Span::new(0, text.len()), text, &mut Vec::new());
        assert_eq!(scan.used, [true, true, true, true]);
        let text = "the EU";
        let mut scan = GlossaryScan::new(&entries);
        scan.place(text, Span::new(0, text.len()), text, &mut Vec::new());
        assert_eq!(scan.used, [true, false, true, true]);
    }

    #[test]
    fn letters_by_index() {
        for b in 0..=u8::MAX {
            let expected = b
                .is_ascii_alphabetic()
                .then(|| usize::from(b.to_ascii_uppercase() - b'A'));
            assert_eq!(letter_of(b), expected, "{b:#04x}");
        }
    }

    #[test]
    fn acronyms() {
        for yes in ["EU", "FIUs", "COVID-19", "MAOC-N", "-EU-", "EMCDDA"] {
            assert!(is_acronym(yes), "{yes}");
        }
        for no in ["Europol", "II", "XIV", "E", "EUé", "eU", "", "s", "A1"] {
            assert!(!is_acronym(no), "{no}");
        }
    }

    #[test]
    fn near_spellings() {
        for (a, b) in [
            ("EDPQS", "EDPQ"),
            ("EMCDA", "EMCDDA"),
            ("DAC", "OECD-DAC"),
            ("SOCTA", "EU SOCTA"),
            ("XEUR", "EUR"),
        ] {
            assert!(is_near_spelling(a.as_bytes(), b.as_bytes()), "{a} {b}");
            assert!(is_near_spelling(b.as_bytes(), a.as_bytes()), "{b} {a}");
        }
        for (a, b) in [
            ("EU", "EUR"),
            ("EDPQS", "EDPQA"),
            ("ECDC", "EMCDDA"),
            ("OEC", "OECD-DAC"),
            ("DA", "OECD-DAC"),
            ("EU", "THE EU AND MEMBER STATES"),
            ("EU", "<P>EU"),
        ] {
            assert!(!is_near_spelling(a.as_bytes(), b.as_bytes()), "{a} {b}");
        }
    }

    /// The `broken-word` findings in `words`, as the words they name.
    fn broken(words: &str) -> Vec<String> {
        let mut found = Vec::new();
        broken_words(words, Span::new(0, words.len()), words, &mut found);
        assert!(found.iter().all(|d| d.code == Code::BrokenWord));
        found
            .into_iter()
            .map(|d| words[d.span.range()].to_owned())
            .collect()
    }

    #[test]
    fn words_broken_at_a_line_end() {
        assert_eq!(
            broken("Related Development- centered Drug"),
            ["Development- centered"]
        );
        assert_eq!(
            broken("a Develop- ment and e- commerce"),
            ["Develop- ment", "e- commerce"]
        );
        // Suspended hyphens, dashes, ranges and capitals are not breaks.
        for fine in [
            "medium- and small-volume",
            "Risk- and harm-reduction",
            "short- to medium-term, pre- or post-",
            "policy - based",
            "2021- 2025",
            "SECURITY- Disrupting",
            "end-",
            "a- ",
            "x -y",
        ] {
            assert_eq!(broken(fine), Vec::<String>::new(), "{fine}");
        }
    }

    proptest::proptest! {
        #[test]
        fn acronyms_as_defined(
            token in crate::testing::text_of(&["A", "E", "I", "V", "X", "L", "C", "s", "a", "1", "-", "é", "Z"], 8)
        ) {
            proptest::prop_assert_eq!(is_acronym(&token), acronym_by_definition(&token));
        }

        /// The length filter rules out no words the glossary has: with it,
        /// a lookup finds what it finds without it.
        #[test]
        fn the_filter_keeps_every_acronym(
            acronyms in proptest::collection::vec("[AEZaez9 -]{1,5}", 1..6),
            words in proptest::collection::vec("[AEZaez9-]{1,4}", 1..3),
        ) {
            let entries: Vec<GlossaryEntry> = acronyms
                .into_iter()
                .map(|acronym| GlossaryEntry {
                    acronym,
                    expansion: String::new(),
                    span: Span::new(0, 0),
                })
                .collect();
            let glossary = Glossary::new(&entries);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let found = glossary.find(&words, &mut Vec::new());
            proptest::prop_assert!(glossary.may_have(&words) || found.is_none());
        }

        #[test]
        fn word_len_finds_the_first_byte_out_of_words(
            bytes in proptest::collection::vec(proptest::sample::select(vec![
                b'a', b'z', b'A', b'Z', b'0', b'9', b'-', b'@', b'[', b'`', b'{',
                b'/', b':', b',', b' ', 0x7F, 0x80, 0xC3, 0xFF,
            ]), 0..24)
        ) {
            let expected = bytes.iter().position(|&b| !WORD_BYTES.contains(b));
            proptest::prop_assert_eq!(word_len(&bytes), expected.unwrap_or(bytes.len()));
        }

        #[test]
        fn next_capital_finds_the_first_capital(
            bytes in proptest::collection::vec(proptest::sample::select(
                vec![b'a', b'A', b'Z', b'@', b'[', b'z', b' ', 0xC1, 0xDA, 0x80, 0xFF, b'-']
            ), 0..40)
        ) {
            proptest::prop_assert_eq!(
                next_capital(&bytes),
                bytes.iter().position(u8::is_ascii_uppercase)
            );
        }
    }
}
