//! Footnote markers outside the actions, compared by the place they stand
//! in: an indicator, a footnote or an introduction paragraph (named by its
//! number in the new plan, so that one renumbered keeps its place), a
//! section or strategic priority heading, another heading, a line of the
//! cover, a table header, a glossary entry. An action's markers are
//! compared with the action.

use super::{Change, Key, Place};
use crate::model::{FootnoteRef, Plan, RefPart, RefSite};
use std::collections::{BTreeMap, BTreeSet};

/// The new number of each old indicator, footnote and introduction
/// paragraph matched in the new plan.
pub(super) struct Renumbered<'a> {
    pub(super) indicators: &'a BTreeMap<u32, u32>,
    pub(super) footnotes: &'a BTreeMap<u32, u32>,
    pub(super) paragraphs: &'a BTreeMap<u32, u32>,
}

/// The places whose footnote markers differ, in the new plan's order, then
/// the places only the old plan has markers in. A marker in an indicator,
/// footnote or paragraph added or removed goes with it, and is no change
/// of its own.
pub(super) fn changes(old: &Plan, new: &Plan, renumbered: &Renumbered) -> Vec<Change> {
    let matched = |numbers: &BTreeMap<u32, u32>| -> BTreeMap<u32, u32> {
        numbers.values().map(|&n| (n, n)).collect()
    };
    let (indicators, footnotes, paragraphs) = (
        matched(renumbered.indicators),
        matched(renumbered.footnotes),
        matched(renumbered.paragraphs),
    );
    let unchanged = Renumbered {
        indicators: &indicators,
        footnotes: &footnotes,
        paragraphs: &paragraphs,
    };
    let (old, new) = (places(old, renumbered), places(new, &unchanged));
    let mut seen = BTreeSet::new();
    let order = new.order.iter().chain(&old.order);
    order
        .filter(|place| seen.insert(*place))
        .filter_map(|place| {
            let (a, b) = (old.numbers.get(place), new.numbers.get(place));
            (a != b).then(|| Change {
                key: Key::FootnoteMarkers {
                    place: place.clone(),
                },
                old_key: None,
                old: a.map(|numbers| joined(numbers)),
                new: b.map(|numbers| joined(numbers)),
            })
        })
        .collect()
}

/// The footnote numbers marked at each place of a plan.
#[derive(Default)]
struct Places {
    /// The numbers marked at each place, in source order.
    numbers: BTreeMap<Place, Vec<u32>>,
    /// The places, in the order of their first marker.
    order: Vec<Place>,
}

fn places(plan: &Plan, renumbered: &Renumbered) -> Places {
    let mut places = Places::default();
    for r in &plan.footnote_refs {
        let Some(place) = place(plan, r, renumbered) else {
            continue;
        };
        let numbers = places.numbers.entry(place.clone()).or_default();
        if numbers.is_empty() {
            places.order.push(place);
        }
        numbers.push(r.number);
    }
    places
}

/// Where a marker stands, by the new plan's numbers; `None` for a marker
/// in an action, or in an element the other plan has no counterpart of.
fn place(plan: &Plan, r: &FootnoteRef, renumbered: &Renumbered) -> Option<Place> {
    let new = |numbers: &BTreeMap<u32, u32>, n: u32| numbers.get(&n).copied();
    Some(match r.site {
        RefSite::Action(_) => return None,
        RefSite::Indicator(n) => Place::Indicator {
            number: new(renumbered.indicators, n)?,
        },
        RefSite::Footnote(n) => Place::Footnote {
            number: new(renumbered.footnotes, n)?,
        },
        RefSite::Introduction(n) => Place::Paragraph {
            number: new(renumbered.paragraphs, n)?,
        },
        RefSite::TableHeader => Place::TableHeader,
        RefSite::Section(number) => Place::Section { number },
        RefSite::StrategicPriority(number) => Place::StrategicPriority { number },
        RefSite::Objective(number) => Place::Objective { number },
        RefSite::Glossary(n) => glossary_entry(plan, n),
        RefSite::Heading => part(r).unwrap_or(Place::Heading),
        RefSite::Cover => part(r).unwrap_or(Place::Cover),
    })
}

/// The glossary entry numbered `number` (from 1), by its acronym.
fn glossary_entry(plan: &Plan, number: u32) -> Place {
    let at = (number as usize).checked_sub(1);
    let entry = at.and_then(|at| plan.glossary.get(at));
    entry.map_or(Place::Glossary, |g| Place::GlossaryEntry {
        acronym: g.acronym.clone(),
    })
}

/// The heading or line of the cover a marker stands in, by its part.
fn part(r: &FootnoteRef) -> Option<Place> {
    let place = match r.part? {
        RefPart::Annex(number) => Place::Annex { number },
        RefPart::Title => Place::Title,
        RefPart::DocumentType => Place::DocumentType,
        RefPart::Subject => Place::Subject,
        RefPart::CoverNote => Place::CoverNote,
        RefPart::Contents => Place::Contents,
        RefPart::Introduction => Place::IntroductionHeading,
        RefPart::Indicators => Place::IndicatorsHeading,
        RefPart::Glossary => Place::GlossaryHeading,
        // The parts of an action's row, an indicator or a glossary entry,
        // which are places of their own.
        RefPart::Text
        | RefPart::PriorityAreas
        | RefPart::Timetable
        | RefPart::Parties
        | RefPart::Sources
        | RefPart::Expansion => return None,
    };
    Some(place)
}

/// Footnote numbers as a list: `3, 4`.
fn joined(numbers: &[u32]) -> String {
    let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
    numbers.join(", ")
}
