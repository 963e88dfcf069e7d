//! Rules a well-formed plan keeps: numbering, references between actions,
//! areas and footnotes, cells that are filled and read, timetables within
//! the plan's period, and a glossary that matches the text.
//!
//! A pure pass over a finished [`Plan`]: [`crate::parse`] runs it, and it
//! runs as well on a plan read back from JSON or edited in code. Each
//! finding is a [`Diagnostic`]; what the readers repaired or could not read
//! is reported by the readers themselves.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::glossary;
use crate::model::{Action, Column, Plan, PriorityArea, RefSite};
use crate::span::{LineIndex, Span};
use crate::values::area;
use crate::values::party::Party;
use crate::values::timetable::TimetableKind;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::{BTreeMap, BTreeSet};

/// Checks `plan`, read from `source`, against the rules a well-formed
/// plan keeps: the rules' findings (not what the readers reported while
/// reading, which `plan.diagnostics` holds) in source order, with their
/// lines and columns.
///
/// ```
/// use actionplan::{Code, Diagnostic};
/// let text = "Action\tPriority area\tTimetable\tResponsible party\n\
///             <p><b>Action 2</b> Do it.</p>\t<p>1.1. Target.</p>\t2021-2025\tEuropol\n";
/// let gap = |found: &[Diagnostic]| found.iter().any(|d| d.code() == Code::ActionNumberGap);
/// let mut plan = actionplan::parse(text).expect("a plan");
/// assert!(gap(&plan.diagnostics));
/// plan.actions[0].number = 1;
/// assert!(!gap(&actionplan::validate(&plan, text)));
/// ```
pub fn validate(plan: &Plan, source: &str) -> Vec<Diagnostic> {
    let lines = LineIndex::new(source);
    let mut found = rules(plan, source, &lines);
    crate::diagnostic::locate(&mut found, &lines, source);
    found
}

/// Every rule's findings, in the order the rules run; `lines` indexes
/// `source`.
pub(crate) fn rules(plan: &Plan, source: &str, lines: &LineIndex) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut prose = Prose {
        source,
        glossary: (!plan.glossary.is_empty()).then(|| glossary::Scan::new(&plan.glossary)),
        unknown: Vec::new(),
    };
    // The texts in the order the glossary check reads them: an acronym is
    // reported at its first use in this order.
    for paragraph in &plan.introduction {
        prose.read(&paragraph.text, paragraph.span, &mut found);
    }
    for priority in &plan.strategic_priorities {
        prose.read(&priority.title, priority.span, &mut found);
    }
    let areas: HashMap<&str, &PriorityArea> = (plan.priority_areas.iter())
        .map(|a| (a.code.as_str(), a))
        .collect();
    let mut parties_read: HashSet<&Party> = HashSet::new();
    let mut suggestions = HashMap::new();
    let missing = missing_cells(plan);
    for action in &plan.actions {
        area_mismatch(action, &mut found);
        cells(action, &missing, &mut suggestions, &mut found);
        timetable(action, plan, &mut found);
        prose.read(&action.text, action.spans.text, &mut found);
        // The descriptions this row gave its areas: an area described here
        // has this row's area cell as its span (a cell carried down from
        // a row above by its `rowspan` was read there).
        for area in action
            .priority_areas
            .iter()
            .filter_map(|c| areas.get(c.as_str()))
        {
            let cell = action.spans.priority_areas;
            let given_here = cell.is_some_and(|cell| cell.contains(area.span))
                && action.span.contains(area.span);
            if let Some(description) = area.description.as_deref().filter(|_| given_here) {
                prose.read(description, area.span, &mut found);
            }
        }
        // Each party name on its own, for the glossary: a two-word entry
        // cannot straddle two parties. Reading a name again finds nothing
        // new. A party printed otherwise than its name (`HWPD`, which the
        // glossary expands into the Horizontal Working Party on Drugs) is
        // read as printed too: the plan uses that acronym.
        for (i, party) in action.parties.iter().enumerate() {
            if parties_read.insert(party) {
                prose.glossary(party.name(), action.spans.parties, &mut found);
            }
            if let Some(printed) = printed_otherwise(action, i, source) {
                prose.glossary(printed, action.spans.parties, &mut found);
            }
        }
    }
    for indicator in &plan.indicators {
        let mut joined = indicator.title.clone().unwrap_or_default();
        for part in std::iter::once(&indicator.text).chain(&indicator.sources) {
            joined.push(' ');
            joined.push_str(part);
        }
        prose.read(&joined, indicator.span, &mut found);
    }
    for footnote in &plan.footnotes {
        prose.read(&footnote.text, footnote.span, &mut found);
    }

    action_numbering(plan, source, lines, &mut found);
    undescribed_areas(plan, &mut found);
    priority_area_numbering(plan, &mut found);
    footnotes(plan, source, lines, &mut found);
    if let Some(scan) = prose.glossary {
        for (entry, near) in scan.unused() {
            let kind = DiagnosticKind::UnusedGlossaryEntry {
                acronym: entry.acronym.clone(),
                expansion: entry.expansion.clone(),
                near,
            };
            found.push(Diagnostic::new(kind, entry.span));
        }
    }
    let priorities = plan.strategic_priorities.iter().map(|s| (s.number, s.span));
    let priority = |found, expected| DiagnosticKind::StrategicPriorityNumbering { found, expected };
    numbering(priorities, priority, &mut found);
    let indicators = plan.indicators.iter().map(|i| (i.number, i.span));
    let indicator = |found, expected| DiagnosticKind::IndicatorNumbering { found, expected };
    numbering(indicators, indicator, &mut found);
    found
}

/// The rules about running text: words broken at a line end, and the
/// glossary check.
struct Prose<'p> {
    source: &'p str,
    /// Absent when the plan has no glossary.
    glossary: Option<glossary::Scan<'p>>,
    /// Scratch space for the acronyms one text lacks.
    unknown: Vec<glossary::Unknown>,
}

impl<'p> Prose<'p> {
    /// Both rules on a cleaned text that lies at `span`.
    fn read(&mut self, words: &str, span: Span, found: &mut Vec<Diagnostic>) {
        broken_words(words, span, self.source, found);
        self.glossary(words, span, found);
    }

    /// The glossary check alone.
    fn glossary(&mut self, words: &str, span: Span, found: &mut Vec<Diagnostic>) {
        let Some(scan) = &mut self.glossary else {
            return;
        };
        scan.read(words, &mut self.unknown);
        for unknown in self.unknown.drain(..) {
            let at = span.narrow(self.source, &unknown.acronym);
            let kind = DiagnosticKind::AcronymNotInGlossary {
                acronym: unknown.acronym,
                near: unknown.near,
            };
            found.push(Diagnostic::new(kind, at));
        }
    }
}

/// An action's areas belong to its strategic priority.
fn area_mismatch(action: &Action, found: &mut Vec<Diagnostic>) {
    let span = action.spans.priority_areas.unwrap_or(action.span);
    for code in &action.priority_areas {
        if let (Some(sp), Some(first)) = (action.strategic_priority, area::priority_of(code)) {
            if sp != first {
                let kind = DiagnosticKind::PriorityAreaMismatch {
                    action: action.number,
                    strategic_priority: sp,
                    area: code.clone(),
                };
                found.push(Diagnostic::new(kind, span));
            }
        }
    }
}

/// The cells the reader found missing from a row (`missing-cell`), by
/// action and column: a missing cell is not reported as empty as well.
fn missing_cells(plan: &Plan) -> HashSet<(u32, Column)> {
    let mut missing = HashSet::new();
    for d in &plan.diagnostics {
        if let DiagnosticKind::MissingCell {
            action,
            missing: columns,
            ..
        } = &d.kind
        {
            missing.extend(columns.iter().map(|column| (*action, *column)));
        }
    }
    missing
}

/// An action's cells are filled, its timetable read and its parties known;
/// `suggestions` is a memo of the known party nearest to each unknown name
/// (a plan repeats its unknown names, and the distance is quadratic in a
/// name's length).
fn cells<'p>(
    action: &'p Action,
    missing: &HashSet<(u32, Column)>,
    suggestions: &mut HashMap<&'p str, Option<&'static str>>,
    found: &mut Vec<Diagnostic>,
) {
    let number = action.number;
    let empty = |column, span| {
        let kind = DiagnosticKind::EmptyCell {
            action: number,
            column,
        };
        (!missing.contains(&(number, column))).then(|| Diagnostic::new(kind, span))
    };
    match action.timetable.kind() {
        TimetableKind::NotGiven => found.extend(empty(Column::Timetable, action.spans.timetable)),
        TimetableKind::Unparsed => {
            let kind = DiagnosticKind::InvalidTimetable {
                action: number,
                timetable: action.timetable.raw.clone(),
                suggestion: crate::values::timetable::nearest(&action.timetable.raw),
            };
            found.push(Diagnostic::new(kind, action.spans.timetable));
        }
        _ => {}
    }
    for (party, span) in action.parties.iter().zip(&action.spans.party) {
        if let Party::Unknown(name) = party {
            let kind = DiagnosticKind::UnknownParty {
                action: number,
                name: name.clone(),
                suggestion: (suggestions.entry(name))
                    .or_insert_with(|| crate::values::party::nearest(name))
                    .map(str::to_owned),
            };
            found.push(Diagnostic::new(kind, *span));
        }
    }
    if action.parties.is_empty() {
        found.extend(empty(Column::Parties, action.spans.parties));
    }
    if action.text.is_empty() {
        found.extend(empty(Column::Action, action.spans.text));
    }
}

/// The words of the action's `i`th party as printed, when they are one
/// word that is not its name (`HWPD` for `Council WP HDG`); `None` for a
/// name healed across rows, whose span reaches into the next row.
fn printed_otherwise<'s>(action: &Action, i: usize, source: &'s str) -> Option<&'s str> {
    let span = *action.spans.party.get(i)?;
    let party = action.parties.get(i)?;
    let printed = source.get(span.start..span.end)?;
    let one_word = !printed.is_empty() && !printed.contains(char::is_whitespace);
    let in_cell = action.spans.parties.contains(span);
    (in_cell && one_word && !party.is_unknown() && printed != party.name()).then_some(printed)
}

/// A timetable starts before it ends, within the plan's period.
fn timetable(action: &Action, plan: &Plan, found: &mut Vec<Diagnostic>) {
    let t = &action.timetable;
    let (start, end) = match t.kind() {
        TimetableKind::Range(a, b) => (a, b),
        TimetableKind::Year(y)
        | TimetableKind::By(y)
        | TimetableKind::From(y)
        | TimetableKind::PartOfYear(y, _) => (y, y),
        _ => return,
    };
    if start > end {
        let kind = DiagnosticKind::ReversedTimetable {
            action: action.number,
            timetable: t.raw.clone(),
        };
        found.push(Diagnostic::new(kind, t.span));
    }
    if let Some(period) = plan.meta.period {
        let outside = [start, end]
            .into_iter()
            .find(|y| *y < period.start || *y > period.end);
        if let Some(year) = outside {
            let kind = DiagnosticKind::TimetableOutOfPeriod {
                action: action.number,
                timetable: t.raw.clone(),
                year,
                period,
            };
            found.push(Diagnostic::new(kind, t.span));
        }
    }
}

/// Areas referred to but never described, where the plan describes its
/// areas at all.
fn undescribed_areas(plan: &Plan, found: &mut Vec<Diagnostic>) {
    let described: HashSet<&str> = (plan.priority_areas.iter())
        .filter(|a| a.description.is_some())
        .map(|a| a.code.as_str())
        .collect();
    if described.is_empty() {
        return;
    }
    for action in &plan.actions {
        for code in &action.priority_areas {
            if !described.contains(code.as_str()) {
                let kind = DiagnosticKind::UndefinedPriorityArea {
                    action: action.number,
                    area: code.clone(),
                    suggestion: nearest_area(code, &described).map(str::to_owned),
                };
                found.push(Diagnostic::new(
                    kind,
                    action.spans.priority_areas.unwrap_or(action.span),
                ));
            }
        }
    }
}

/// The defined area `code` may be a misprint of: of the same strategic
/// priority, one edit away (`1.21` for `1.12`), and the only one so; none
/// where two are (`1.1` and `1.2` both for `1.12`), as either could be meant.
fn nearest_area<'a>(code: &str, described: &HashSet<&'a str>) -> Option<&'a str> {
    // A code longer than any real one is no misprint of one, and the
    // distance is quadratic in its length.
    if code.len() > 16 {
        return None;
    }
    let priority = area::priority_of(code)?;
    let mut near = (described.iter().copied()).filter(|defined| {
        area::priority_of(defined) == Some(priority)
            && strsim::damerau_levenshtein(code, defined) == 1
    });
    match (near.next(), near.next()) {
        (Some(only), None) => Some(only),
        _ => None,
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
            let words = format!("{word}- {next}");
            let at = span.narrow(text, &words);
            found.push(Diagnostic::new(DiagnosticKind::BrokenWord { words }, at));
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
            let kind = DiagnosticKind::DuplicateActionNumber {
                action: n,
                first_line: lines.position(text, first.start).line,
            };
            found.push(Diagnostic::new(kind, span));
        } else {
            let kind = match highest {
                Some(previous) if n < previous => Some(DiagnosticKind::ActionOutOfOrder {
                    action: n,
                    previous,
                }),
                Some(p) if n > p + 1 => Some(DiagnosticKind::ActionNumberGap {
                    action: n,
                    previous: Some(p),
                }),
                None if n > 1 => Some(DiagnosticKind::ActionNumberGap {
                    action: n,
                    previous: None,
                }),
                _ => None,
            };
            found.extend(kind.map(|kind| Diagnostic::new(kind, span)));
            seen.insert(n, span);
        }
        highest = Some(highest.map_or(n, |p| p.max(n)));
    }
}

/// Items numbered 1, 2, 3, …: each number that breaks the sequence is a
/// finding, made by `kind` from the number found and the one expected.
fn numbering(
    items: impl Iterator<Item = (u32, Span)>,
    kind: impl Fn(u32, u32) -> DiagnosticKind,
    found: &mut Vec<Diagnostic>,
) {
    let mut expected = 1;
    for (number, span) in items {
        if number != expected {
            found.push(Diagnostic::new(kind(number, expected), span));
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
                let kind = DiagnosticKind::PriorityAreaNumbering {
                    area: (*code).to_owned(),
                    expected: format!("{major}.{expected}"),
                };
                found.push(Diagnostic::new(kind, *span));
                break;
            }
        }
    }
}

/// Footnotes are numbered once, defined where referred to, and referred to.
fn footnotes(plan: &Plan, text: &str, lines: &LineIndex, found: &mut Vec<Diagnostic>) {
    let mut defined: HashMap<u32, Span> = HashMap::new();
    for footnote in &plan.footnotes {
        if let Some(first) = defined.insert(footnote.number, footnote.span) {
            let kind = DiagnosticKind::DuplicateFootnote {
                footnote: footnote.number,
                first_line: lines.position(text, first.start).line,
            };
            found.push(Diagnostic::new(kind, footnote.span));
        }
    }
    let referenced: HashSet<u32> = plan
        .footnote_refs
        .iter()
        .filter(|r| r.site != RefSite::Footnote(r.number))
        .map(|r| r.number)
        .collect();
    let unused: BTreeSet<u32> = (plan.footnotes.iter())
        .filter(|f| !referenced.contains(&f.number))
        .map(|f| f.number)
        .collect();
    // A marker with no footnote may be meant for the one footnote nothing
    // refers to; with two or more, any could be.
    let suggestion = match (unused.len(), unused.first()) {
        (1, Some(number)) => Some(number.to_string()),
        _ => None,
    };
    for r in &plan.footnote_refs {
        if !defined.contains_key(&r.number) {
            let kind = DiagnosticKind::UndefinedFootnote {
                footnote: r.number,
                site: r.site,
                part: r.part,
                suggestion: suggestion.clone(),
            };
            found.push(Diagnostic::new(kind, r.span));
        }
    }
    for footnote in &plan.footnotes {
        if !referenced.contains(&footnote.number) {
            let kind = DiagnosticKind::UnusedFootnote {
                footnote: footnote.number,
            };
            found.push(Diagnostic::new(kind, footnote.span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    /// The `broken-word` findings in `words`, as the words they name.
    fn broken(words: &str) -> Vec<String> {
        let mut found = Vec::new();
        broken_words(words, Span::new(0, words.len()), words, &mut found);
        assert!(found.iter().all(|d| d.code() == Code::BrokenWord));
        found
            .into_iter()
            .map(|d| words[d.span.range()].to_owned())
            .collect()
    }

    #[test]
    fn an_undefined_area_names_the_one_defined_area_an_edit_away() {
        let long = "3.4444444444444444";
        let described: HashSet<&str> = ["1.1", "1.2", "1.21", "2.1", "2.3", "3.4", long]
            .into_iter()
            .collect();
        for (code, suggestion) in [
            ("1.12", None), // `1.1`, `1.2` and `1.21`: any could be meant
            ("2.2", None),  // `2.1` and `2.3`
            ("2.13", None), // `2.1` and `2.3`
            ("2.11", Some("2.1")),
            ("3.5", Some("3.4")),
            ("3.44", Some("3.4")),
            ("4.4", None), // `3.4` is one edit away, but of priority 3
            ("3.", Some("3.4")),
            ("x", None),
            // Codes past 16 bytes are not compared, however near.
            ("3.44444444444444444", None),
        ] {
            assert_eq!(nearest_area(code, &described), suggestion, "{code}");
        }
    }

    /// The suggestion of each `undefined-footnote` finding of a plan with
    /// footnotes 1, 2 and 4, whose Action 1 refers to footnotes `refs`.
    fn footnote_suggestions(refs: &[u32]) -> Vec<Option<String>> {
        let markers: String = refs.iter().map(|n| format!("<sup>{n}</sup>")).collect();
        let text = format!(
            "Action\tPriority area\tTimetable\tResponsible party\n\
             <p><b>Action 1</b> Do it{markers}.</p>\t<p>1.1. Target.</p>\t2021-2025\tEuropol\n\
             <sup>1</sup> One.\n<sup>2</sup> Two.\n<sup>4</sup> Four.\n"
        );
        let plan = crate::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.footnotes.len(), 3);
        let found = validate(&plan, &text).into_iter();
        found
            .filter_map(|d| match d.kind {
                DiagnosticKind::UndefinedFootnote { suggestion, .. } => Some(suggestion),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_undefined_footnote_names_the_one_unused_footnote() {
        assert_eq!(footnote_suggestions(&[1, 2, 3]), [Some("4".to_owned())]);
        assert_eq!(footnote_suggestions(&[1, 4, 3]), [Some("2".to_owned())]);
        // Two unused (2 and 4): either could be meant.
        assert_eq!(footnote_suggestions(&[1, 3]), [None]);
        // None unused.
        assert_eq!(footnote_suggestions(&[1, 2, 4, 3]), [None]);
        // Each undefined marker is told of it.
        assert_eq!(
            footnote_suggestions(&[1, 2, 3, 5]),
            [Some("4".to_owned()), Some("4".to_owned())]
        );
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
}
