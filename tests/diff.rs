//! `diff`: exactly the changes made to a revision, and the alignment of the
//! Commission's proposal with the Council's plan.

mod common;

use actionplan::diff::{
    diff, ActionChange, Change, Key, MetaField, Op, Pair, Place, PlanDiff, Segment,
};
use common::{parse, COMMISSION, COUNCIL};

const COUNCIL_PATH: &str = "fixtures/council-9819-21.txt";
const COMMISSION_PATH: &str = "fixtures/commission-com-2020-606.txt";

/// The line of the Council text holding `Action {number}`.
fn council_row(text: &str, number: u32) -> String {
    text.lines()
        .find(|l| l.contains(&format!("<b>Action {number}</b>")))
        .unwrap_or_else(|| panic!("the text has no Action {number}"))
        .to_owned()
}

/// The matched pairs that changed.
fn changed(d: &PlanDiff) -> Vec<&Pair> {
    d.matched.iter().filter(|p| !p.changes.is_empty()).collect()
}

/// No change outside the actions.
fn assert_no_other_changes(d: &PlanDiff) {
    let mut outside = d.clone();
    (outside.matched, outside.added, outside.removed) = (Vec::new(), Vec::new(), Vec::new());
    assert_eq!(d.other_changes(), 0, "{outside:#?}");
}

/// The Council text with `before` replaced by `after`, once.
fn council_with(before: &str, after: &str) -> String {
    let text = COUNCIL.replacen(before, after, 1);
    assert_ne!(text, COUNCIL, "{before:?} is not in the Council text");
    text
}

/// The changes from the Council plan to a revision of it that changes no
/// action.
fn outside_actions(revised: &str) -> PlanDiff {
    let d = diff(&parse(COUNCIL), &parse(revised));
    assert!(changed(&d).is_empty(), "{:?}", changed(&d));
    assert!(d.added.is_empty() && d.removed.is_empty());
    assert_eq!(d.matched.len(), 85);
    assert!(!d.is_same());
    d
}

/// A change's key, old key, old and new values.
type Fields = (Key, Option<Key>, Option<String>, Option<String>);

/// A change with no old key, as [`fields`] gives it.
fn change(key: Key, old: Option<&str>, new: Option<&str>) -> Fields {
    let owned = |s: Option<&str>| s.map(str::to_owned);
    (key, None, owned(old), owned(new))
}

/// The key of the footnote markers at `place`.
fn markers(place: Place) -> Key {
    Key::FootnoteMarkers { place }
}

/// The key of a metadata field.
fn meta(field: MetaField) -> Key {
    Key::Meta { field }
}

/// The fields of each change, to compare with [`change`]s.
fn fields(changes: &[Change]) -> Vec<Fields> {
    let fields = |c: &Change| {
        (
            c.key.clone(),
            c.old_key.clone(),
            c.old.clone(),
            c.new.clone(),
        )
    };
    changes.iter().map(fields).collect()
}

/// The text of the runs with these operations, joined.
fn joined(segments: &[Segment], ops: &[Op]) -> String {
    segments
        .iter()
        .filter(|s| ops.contains(&s.op))
        .map(|s| s.text.as_str())
        .collect()
}

/// The Council text with a new Action 41 before the old one, and the old
/// Actions 41–85 renumbered 42–86.
fn council_with_inserted_action(inserted_text: &str) -> String {
    let mut text = COUNCIL.to_owned();
    for n in (41..=85).rev() {
        text = text.replacen(
            &format!("<b>Action {n}</b>"),
            &format!("<b>Action {}</b>", n + 1),
            1,
        );
    }
    let anchor = council_row(&text, 40);
    let inserted =
        format!("<p><b>Action 41</b> {inserted_text}</p>\t6.5\t2023\tMember States EMCDDA");
    text.replacen(&anchor, &format!("{anchor}\n{inserted}"), 1)
}

/// Every action 1–40 unchanged; 41–85 matched to 42–86 with only the number changed.
fn assert_renumbered(d: &PlanDiff) {
    assert_eq!(d.added, [41]);
    assert!(d.removed.is_empty(), "{:?}", d.removed);
    assert_eq!(d.matched.len(), 85);
    for pair in &d.matched {
        if pair.old <= 40 {
            assert!(pair.changes.is_empty() && pair.new == pair.old, "{pair:?}");
        } else {
            assert_eq!(pair.new, pair.old + 1);
            assert_eq!(
                pair.changes,
                [ActionChange::Number {
                    old: pair.old,
                    new: pair.new
                }]
            );
        }
    }
    assert_no_other_changes(d);
}

#[test]
fn a_plan_against_itself_is_empty() {
    for fixture in [COUNCIL, COMMISSION] {
        let plan = parse(fixture);
        let d = diff(&plan, &plan);
        assert!(d.is_empty() && d.is_same());
        assert_eq!(d.matched.len(), plan.actions.len());
        assert!(d
            .matched
            .iter()
            .all(|p| p.old == p.new && p.similarity == 1.0 && p.changes.is_empty()));
    }
}

#[test]
fn a_removed_party_and_nothing_else() {
    let row = council_row(COUNCIL, 12);
    let text = COUNCIL.replacen(&row, &row.replacen(" Frontex EMCDDA", " EMCDDA", 1), 1);
    assert_ne!(text, COUNCIL);
    let d = diff(&parse(COUNCIL), &parse(&text));
    assert!(!d.is_same());
    let changed = changed(&d);
    assert_eq!(changed.len(), 1);
    assert_eq!((changed[0].old, changed[0].new), (12, 12));
    assert_eq!(
        changed[0].changes,
        [ActionChange::Parties {
            added: vec![],
            removed: vec!["Frontex".into()]
        }]
    );
    assert_eq!(d.matched.len(), 85);
    assert!(d.added.is_empty() && d.removed.is_empty());
    assert_no_other_changes(&d);
}

#[test]
fn an_edited_sentence_and_nothing_else() {
    let before = "Invite expert peers to working groups and hearings.";
    let after = "Invite expert peers and families to working groups.";
    let text = COUNCIL.replacen(before, after, 1);
    assert_ne!(text, COUNCIL);
    let (old, new) = (parse(COUNCIL), parse(&text));
    let d = diff(&old, &new);
    let changed = changed(&d);
    assert_eq!(changed.len(), 1);
    assert_eq!((changed[0].old, changed[0].new), (35, 35));
    let [ActionChange::Text { diff: segments }] = changed[0].changes.as_slice() else {
        panic!("one text change expected: {:?}", changed[0].changes);
    };
    // The runs give back both texts, and change only the edited sentence.
    let (a, b) = (old.action(35), new.action(35));
    assert_eq!(
        Some(joined(segments, &[Op::Equal, Op::Delete])),
        a.map(|a| a.text.clone())
    );
    assert_eq!(
        Some(joined(segments, &[Op::Equal, Op::Insert])),
        b.map(|b| b.text.clone())
    );
    let inserted = joined(segments, &[Op::Insert]);
    let deleted = joined(segments, &[Op::Delete]);
    assert!(inserted.contains("families"), "{inserted}");
    assert!(deleted.contains("hearings"), "{deleted}");
    assert!(!deleted.contains("Recognise") && !deleted.contains("peer workers"));
    assert!(d.added.is_empty() && d.removed.is_empty());
    assert_no_other_changes(&d);
}

#[test]
fn an_inserted_action_renumbers_the_rest() {
    let text = council_with_inserted_action(
        "Establish a European network of harm reduction peer trainers to exchange curricula on naloxone distribution.",
    );
    let new = parse(&text);
    assert_eq!(new.actions.len(), 86);
    assert_renumbered(&diff(&parse(COUNCIL), &new));
}

#[test]
fn an_inserted_near_copy_does_not_take_the_number() {
    // The new Action 41 is the old Action 41 with one word changed; the old
    // text stands unchanged as Action 42, so that is where the old 41 went.
    let old = parse(COUNCIL);
    let Some(old_41) = old.action(41) else {
        panic!("no Action 41");
    };
    let copy = old_41.text.replacen("Provide", "Offer", 1);
    assert_ne!(copy, old_41.text);
    let new = parse(&council_with_inserted_action(&copy));
    assert_renumbered(&diff(&old, &new));
}

/// Footnotes 3 and 4 of the Council plan with their texts swapped: each
/// text now stands under the other's number.
#[test]
fn swapped_footnotes_are_renumbered_not_rewritten() {
    let line = |n: u32| {
        let start = format!("<sup>{n}</sup> ");
        let line = COUNCIL.lines().find(|l| l.starts_with(&start));
        line.unwrap_or_else(|| panic!("the Council fixture has no footnote {n}"))
            .to_owned()
    };
    let (three, four) = (line(3), line(4));
    let swapped = COUNCIL
        .replacen(&three, "@3@", 1)
        .replacen(&four, &four.replacen("<sup>4</sup>", "<sup>3</sup>", 1), 1)
        .replacen("@3@", &three.replacen("<sup>3</sup>", "<sup>4</sup>", 1), 1);
    let d = diff(&parse(COUNCIL), &parse(&swapped));
    assert!(changed(&d).is_empty() && d.added.is_empty() && d.removed.is_empty());
    let mut others = d.clone();
    others.footnotes.clear();
    assert_no_other_changes(&others);
    let keys: Vec<(Key, Option<Key>, bool)> = d
        .footnotes
        .iter()
        .map(|c| (c.key.clone(), c.old_key.clone(), c.old == c.new))
        .collect();
    let footnote = |number| Key::Footnote { number };
    assert_eq!(
        keys,
        [
            (footnote(3), Some(footnote(4)), true),
            (footnote(4), Some(footnote(3)), true)
        ]
    );
    let (_, human) = council_against(&swapped);
    assert!(human.contains("renumbered footnote 4 → 3\nrenumbered footnote 3 → 4\n"));
}

#[test]
fn a_changed_date_is_reported_by_field() {
    let text = council_with("Brussels, 21 June 2021", "Brussels, 22 June 2021");
    let d = outside_actions(&text);
    assert_eq!(
        fields(&d.meta),
        [change(
            meta(MetaField::Date),
            Some("2021-06-21"),
            Some("2021-06-22")
        )]
    );
    assert_eq!(d.other_changes(), 1);
    let (code, human) = council_against(&text);
    assert_eq!(code, Some(1), "the plans differ");
    assert_eq!(
        human,
        "changed date: 2021-06-21 → 2021-06-22\n\
         85 matched (0 changed), 0 added, 0 removed; 1 other change\n"
    );
}

/// Each line of the cover, edited, changes the fields read from it and no
/// other.
#[test]
fn every_metadata_field_is_compared() {
    use MetaField::*;
    let edits: [(&str, &str, &[MetaField]); 13] = [
        (
            "Council of the  \nEuropean Union",
            "Council of the  \nEuropean Onion",
            &[Issuer],
        ),
        ("\n9819/21\n", "\n9820/21\n", &[Reference]),
        ("Brussels, 21 June", "Luxembourg, 21 June", &[Place]),
        (
            "# EU Drugs Action Plan 2021-2025",
            "# EU Drugs Action Plan 2021-2026",
            &[Title, Period],
        ),
        (
            "Subject: EU Drugs Action Plan",
            "Subject: The EU Drugs Action Plan",
            &[Subject],
        ),
        ("#### OUTCOME OF PROCEEDINGS", "#### NOTE", &[DocumentType]),
        (
            "No. prev. doc.: 9373/21",
            "No. prev. doc.: 9374/21",
            &[PreviousDocument],
        ),
        ("SAN 401", "SAN 402", &[FileCodes]),
        ("(OR. en)", "(OR. fr)", &[Language]),
        (
            "From: General Secretariat of the Council",
            "From: Presidency",
            &[From],
        ),
        (
            "To: Delegations",
            "To: Permanent Representatives Committee",
            &[To],
        ),
        (
            "as approved by the Council",
            "as adopted by the Council",
            &[CoverNote],
        ),
        (
            "Annex 2 – Glossary of acronyms",
            "Annex 2 – Glossary of abbreviations",
            &[Annexes],
        ),
    ];
    let old = parse(COUNCIL);
    for (before, after, fields) in edits {
        let d = diff(&old, &parse(&council_with(before, after)));
        let keys: Vec<Key> = d.meta.iter().map(|c| c.key.clone()).collect();
        let fields: Vec<Key> = fields.iter().map(|&f| meta(f)).collect();
        assert_eq!(keys, fields, "{before:?} → {after:?}");
        assert!(d
            .meta
            .iter()
            .all(|c| c.old.is_some() && c.new.is_some() && c.old != c.new));
        assert!(changed(&d).is_empty(), "{before:?}: {:?}", changed(&d));
    }
}

#[test]
fn an_edited_cover_note_shows_the_words_that_changed() {
    let text = council_with("as approved by the Council", "as adopted by the Council");
    let (code, human) = council_against(&text);
    assert_eq!(code, Some(1));
    assert!(
        human.starts_with(
            "changed cover note: Delegations will find enclosed the Conclusions entitled \
             EU Drugs Action Plan 2021 - 2025, as [-approved-]{+adopted+} by the Council on 21 June 2021.\n"
        ),
        "{human}"
    );
}

#[test]
fn a_priority_area_description_is_compared_by_code() {
    let text = council_with(
        "<p>5.5. Address drug-impaired driving.</p>",
        "<p>5.5. Address drug- and medicine-impaired driving.</p>",
    );
    let d = outside_actions(&text);
    assert_eq!(
        fields(&d.priority_areas),
        [change(
            Key::PriorityArea { code: "5.5".into() },
            Some("Address drug-impaired driving."),
            Some("Address drug- and medicine-impaired driving.")
        )]
    );
    assert_eq!(d.other_changes(), 1);
    let (code, human) = council_against(&text);
    assert_eq!(code, Some(1));
    assert_eq!(
        human,
        "changed priority area 5.5: Address [-drug-impaired-]{+drug- and medicine-impaired+} driving.\n\
         85 matched (0 changed), 0 added, 0 removed; 1 other change\n"
    );
}

/// The second paragraph of the Council's introduction.
const PARAGRAPH_2: &str = "The Strategy aims to protect and improve the well-being of society";

#[test]
fn an_edited_introduction_paragraph_is_one_change() {
    let text = council_with("to increase health literacy", "to raise health literacy");
    let d = outside_actions(&text);
    let [c] = d.introduction.as_slice() else {
        panic!("one change expected: {:?}", d.introduction);
    };
    assert_eq!((&c.key, &c.old_key), (&Key::Paragraph { number: 2 }, &None));
    assert!(c.old.as_deref().is_some_and(|t| t.starts_with(PARAGRAPH_2)));
    assert!(c
        .new
        .as_deref()
        .is_some_and(|t| t.contains("to raise health literacy")));
    assert_eq!(d.other_changes(), 1);
    let (_, human) = council_against(&text);
    assert!(human.starts_with("changed introduction paragraph 2: The Strategy aims"));
    assert!(
        human.contains(" to [-increase-]{+raise+} health literacy. "),
        "{human}"
    );
}

#[test]
fn an_inserted_introduction_paragraph_moves_no_other() {
    let inserted = "Member States will report on the Action Plan's progress every year.";
    let text = council_with(PARAGRAPH_2, &format!("{inserted}\n\n{PARAGRAPH_2}"));
    let d = outside_actions(&text);
    assert_eq!(
        fields(&d.introduction),
        [change(Key::Paragraph { number: 2 }, None, Some(inserted))]
    );
    assert_eq!(d.other_changes(), 1);
}

#[test]
fn a_moved_introduction_paragraph_is_one_move() {
    let line = |start: &str| {
        let line = COUNCIL.lines().find(|l| l.starts_with(start));
        line.unwrap_or_else(|| panic!("no Council line starts with {start}"))
            .to_owned()
    };
    let first = line("The EU Drugs Strategy 2021-2025 (hereinafter");
    let third = line("The Action Plan pursues the aims");
    let text = council_with(&format!("{first}\n\n"), "").replacen(
        &third,
        &format!("{third}\n\n{first}"),
        1,
    );
    let d = outside_actions(&text);
    let [c] = d.introduction.as_slice() else {
        panic!("one change expected: {:?}", d.introduction);
    };
    let paragraph = |number| Key::Paragraph { number };
    assert_eq!((&c.key, &c.old_key), (&paragraph(3), &Some(paragraph(1))));
    assert!(c.old == c.new && c.new.as_deref().is_some_and(|t| first.starts_with(t)));
    assert_eq!(d.other_changes(), 1);
    let (_, human) = council_against(&text);
    assert!(
        human.starts_with("moved introduction paragraph 1 → 3\n"),
        "{human}"
    );
}

#[test]
fn a_retitled_section_is_compared_by_number() {
    let text = council_with(
        "## V - RESEARCH, INNOVATION AND FORESIGHT",
        "## V - RESEARCH AND INNOVATION",
    );
    let d = outside_actions(&text);
    assert_eq!(
        fields(&d.sections),
        [change(
            Key::Section { number: 5 },
            Some("V - RESEARCH, INNOVATION AND FORESIGHT"),
            Some("V - RESEARCH AND INNOVATION")
        )]
    );
    assert_eq!(d.other_changes(), 1);
}

/// The heading of section II moved down past strategic priority 5: the
/// priority and its Actions 25–31 now sit under section I.
#[test]
fn a_strategic_priority_under_another_section() {
    let heading = "## II - DRUG DEMAND REDUCTION: PREVENTION, TREATMENT AND CARE SERVICES\n\n";
    let priority_6 = "**Strategic priority 6:";
    let text = council_with(heading, "").replacen(priority_6, &format!("{heading}{priority_6}"), 1);
    let d = diff(&parse(COUNCIL), &parse(&text));
    assert_eq!(
        fields(&d.strategic_priority_sections),
        [change(
            Key::StrategicPriority { number: 5 },
            Some("2"),
            Some("1")
        )]
    );
    assert_eq!(d.other_changes(), 1);
    let numbers: Vec<u32> = changed(&d).iter().map(|p| p.new).collect();
    assert_eq!(numbers, [25, 26, 27, 28, 29, 30, 31]);
    for pair in changed(&d) {
        let section = ActionChange::Section {
            old: Some(2),
            new: Some(1),
        };
        assert_eq!(pair.changes, [section]);
    }
    let (_, human) = council_against(&text);
    assert!(human.starts_with("Action 25 → 25 (similarity 1.00)\n  section: 2 → 1\n\n"));
    assert!(
        human.contains("\nmoved strategic priority 5: section 2 → 1\n"),
        "{human}"
    );
}

#[test]
fn a_footnote_marker_added_to_an_action() {
    let text = council_with(
        "Invite expert peers to working groups",
        "Invite expert peers<sup>2</sup> to working groups",
    );
    let d = diff(&parse(COUNCIL), &parse(&text));
    let changed = changed(&d);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].new, 35);
    assert_eq!(
        changed[0].changes,
        [ActionChange::Footnotes {
            added: vec![2],
            removed: vec![]
        }]
    );
    assert_no_other_changes(&d);
    let (_, human) = council_against(&text);
    assert!(human.starts_with("Action 35 → 35 (similarity 1.00)\n  footnotes: +2\n"));
}

/// Markers added to an introduction paragraph and a section heading, and
/// taken from an indicator, are reported by the place they stand in.
#[test]
fn footnote_markers_outside_actions_are_compared_where_they_stand() {
    let text = council_with(
        "to increase health literacy.",
        "to increase health literacy.<sup>5</sup>",
    );
    let text = text.replacen(
        "## V - RESEARCH, INNOVATION AND FORESIGHT",
        "## V - RESEARCH, INNOVATION AND FORESIGHT<sup>7</sup>",
        1,
    );
    let text = text.replacen("coercive sanctions<sup>11</sup>", "coercive sanctions", 1);
    let d = outside_actions(&text);
    assert_eq!(
        fields(&d.footnote_refs),
        [
            change(markers(Place::Paragraph { number: 2 }), None, Some("5")),
            change(markers(Place::Section { number: 5 }), None, Some("7")),
            change(markers(Place::Indicator { number: 7 }), Some("11"), None),
        ]
    );
    assert_eq!(d.other_changes(), 3);
    let (_, human) = council_against(&text);
    assert!(
        human.contains("changed footnote markers in section 5: none → 7\n"),
        "{human}"
    );
}

#[test]
fn commission_proposal_against_council_plan() {
    let (old, new) = (parse(COMMISSION), parse(COUNCIL));
    let d = diff(&old, &new);
    // Each pair checked by reading both texts.
    let verified = [
        (1, 1),   // EMPACT on the basis of its 2020 evaluation, SOCTA 2021, SIENA
        (10, 57), // drugs dialogues with the Western Balkans, Eastern Partnership, Central Asia…
        (12, 11), // screening technologies for containers, trucks and ships
        (15, 14), // financing MAOC-N with a sustainable long-term governance model
        (17, 16), // agreements with third countries where trafficking hubs are located
        (18, 17), // darknet monitoring, preparatory action of the European Parliament
        (19, 18), // feasibility analysis: postal and express services, postal items
        (20, 19), // suspicious postal items, detection dogs and x-ray machines
        (25, 22), // study on Framework Decision 2004/757/JHA
        (26, 67), // alternative development programmes in source countries
        (31, 9),  // EUCPN, recidivism of young offenders
        (34, 40), // barriers to treatment for women who use drugs, childcare support
        (37, 38), // EU minimum quality standards adopted by the Council in 2015
        (40, 31), // drug detection tools against drug-impaired driving (merged)
        (41, 31), // drugs in the EU Recommendation on blood alcohol content (merged)
        (42, 49), // alternatives to coercive sanctions for drug-using offenders
        (43, 46), // fatal and non-fatal overdoses, naloxone
        (44, 47), // forensic and toxicological data, Joint Research Centre
        (45, 51), // guidelines for a balanced response to drugs in prisons
        (46, 54), // training prison staff to detect drugs entering prisons
        (49, 85), // dialogue with and involvement of civil society
        (50, 55), // shaping the international agenda on drugs policy, UNGASS 2016
        (51, 68), // human rights in the EU's external relations (split…)
        (51, 69), // …and opposition to the death penalty
        (52, 80), // review of the EMCDDA mandate after the 2019 evaluation
        (53, 77), // evaluation of the Agenda/Strategy and Action Plan, 2024
    ];
    for (o, n) in verified {
        assert!(
            d.matched.iter().any(|p| p.old == o && p.new == n),
            "Commission {o} → Council {n} not matched"
        );
    }
    // Vocabulary shared with new international actions is no split: the
    // Council's Actions 64 (international crime cooperation) and 65
    // (international health cooperation) are new.
    for (o, n) in [(2, 64), (42, 65)] {
        assert!(
            !d.matched.iter().any(|p| p.old == o && p.new == n),
            "Commission {o} → Council {n} is not the same action"
        );
    }
    assert!(d.added.contains(&64) && d.added.contains(&65));
    // Every action is accounted for exactly once: matched, or added/removed.
    for a in &old.actions {
        let matched = d.matched.iter().any(|p| p.old == a.number);
        assert!(matched != d.removed.contains(&a.number), "old {}", a.number);
    }
    for a in &new.actions {
        let matched = d.matched.iter().any(|p| p.new == a.number);
        assert!(matched != d.added.contains(&a.number), "new {}", a.number);
    }
    // Similarities are in 0–1 with three decimals; the output is sorted.
    assert!(d.matched.iter().all(|p| (0.0..=1.0).contains(&p.similarity)
        && (p.similarity * 1000.0 - (p.similarity * 1000.0).round()).abs() < 1e-9));
    assert!(d
        .matched
        .windows(2)
        .all(|w| (w[0].new, w[0].old) < (w[1].new, w[1].old)));
    assert!(d.added.windows(2).all(|w| w[0] < w[1]));
    // Split and merged pairs say so, in the JSON too, and which of them is
    // the most similar, the primary: Commission 49 (dialogue with civil
    // society) is Council 85 word for word; Council 48 (civil society's
    // participation, and resources for drug services) only shares its
    // vocabulary.
    let flags = |o: u32, n: u32| {
        let pair = d.matched.iter().find(|p| p.old == o && p.new == n);
        pair.map(|p| (p.split, p.merged, p.primary))
    };
    assert_eq!(flags(51, 68), Some((true, false, true)));
    assert_eq!(flags(51, 69), Some((true, false, false)));
    assert_eq!(flags(49, 85), Some((true, false, true)));
    assert_eq!(flags(49, 48), Some((true, false, false)));
    assert_eq!(flags(41, 31), Some((false, true, true)));
    assert_eq!(flags(40, 31), Some((false, true, false)));
    assert_eq!(flags(18, 17), Some((false, false, true)));
    // Footnotes and indicators are aligned by text: the mandate footnote
    // (Commission 6, Council 9) and the SDG indicator (12, 11) moved, and
    // each is one change; unrelated footnotes under one number (1, 2) are
    // removed and added, not reworded.
    let moved = |changes: &[Change], old: Key, new: Key| {
        (changes.iter()).any(|c| c.old_key == Some(old.clone()) && c.key == new && c.old.is_some())
    };
    let (footnote, indicator) = (
        |number| Key::Footnote { number },
        |number| Key::Indicator { number },
    );
    assert!(moved(&d.footnotes, footnote(6), footnote(9)));
    assert!(moved(&d.indicators, indicator(12), indicator(11)));
    assert!(moved(&d.indicators, indicator(9), indicator(5)));
    assert!(!(d.footnotes.iter()).any(|c| c.key == footnote(9) && c.old.is_none()));
    let footnote_1: Vec<(bool, bool)> = d
        .footnotes
        .iter()
        .filter(|c| c.key == footnote(1))
        .map(|c| (c.old.is_some(), c.new.is_some()))
        .collect();
    assert_eq!(footnote_1, [(true, false), (false, true)]);
    // The Commission's 8 strategic priorities are retitled, 9–11 are new;
    // priority 6 (treatment) moved from harms (C) to demand reduction (II).
    assert_eq!(d.strategic_priorities.len(), 11);
    assert!(d.strategic_priorities[8..].iter().all(|c| c.old.is_none()));
    assert_eq!(
        fields(&d.strategic_priority_sections),
        [change(
            Key::StrategicPriority { number: 6 },
            Some("3"),
            Some("2")
        )]
    );
    // The two covers differ in every field but the place and the period.
    let fields: Vec<MetaField> = (d.meta.iter())
        .filter_map(|c| match c.key {
            Key::Meta { field } => Some(field),
            _ => None,
        })
        .collect();
    assert_eq!(fields.len(), 13, "{fields:?}");
    assert!(fields.is_sorted(), "in the model's order: {fields:?}");
    assert!(!fields.contains(&MetaField::Place) && !fields.contains(&MetaField::Period));
    // The Council's introduction is new; the Commission's priority areas
    // have no descriptions, so each area both give is described anew.
    assert_eq!(d.introduction.len(), 16);
    assert!(d.introduction.iter().all(|c| c.old.is_none()));
    assert_eq!(d.sections.len(), 6);
    let area = |code: &str| {
        let key = Key::PriorityArea { code: code.into() };
        d.priority_areas.iter().find(|c| c.key == key)
    };
    assert_eq!(
        area("1.2").map(|c| c.old.as_deref()),
        Some(Some("")),
        "{:?}",
        area("1.2")
    );
    assert!(area("10.5").is_some_and(|c| c.old.is_none()));
    assert!(area("7.6").is_some_and(|c| c.new.is_none()));
    // Codes in numeric order: 9.7 before 10.1.
    let codes: Vec<&Key> = d.priority_areas.iter().map(|c| &c.key).collect();
    let at = |code: &str| {
        let key = Key::PriorityArea { code: code.into() };
        codes.iter().position(|&c| *c == key)
    };
    assert!(at("9.7") < at("10.1") && at("1.3") < at("2.1"), "{codes:?}");
    // Deterministic.
    assert_eq!(d, diff(&old, &new));
}

#[test]
fn word_diffs_give_back_both_texts() {
    let (old, new) = (parse(COMMISSION), parse(COUNCIL));
    let d = diff(&old, &new);
    let mut texts = 0;
    for pair in &d.matched {
        for change in &pair.changes {
            if let ActionChange::Text { diff: segments } = change {
                texts += 1;
                let (a, b) = (old.action(pair.old), new.action(pair.new));
                let (Some(a), Some(b)) = (a, b) else {
                    panic!("{pair:?} names a missing action");
                };
                assert_eq!(joined(segments, &[Op::Equal, Op::Delete]), a.text);
                assert_eq!(joined(segments, &[Op::Equal, Op::Insert]), b.text);
                // Runs are maximal: no two neighbours share an operation.
                assert!(segments.windows(2).all(|w| w[0].op != w[1].op));
            }
        }
    }
    assert!(texts > 40, "{texts}");
}

#[test]
fn json_round_trips() {
    let d = diff(&parse(COMMISSION), &parse(COUNCIL));
    let json = serde_json::to_string(&d).expect("the diff serialises");
    let back: PlanDiff = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, d);
    let value: serde_json::Value = serde_json::from_str(&json).expect("the diff's JSON parses");
    for key in [
        "matched",
        "added",
        "removed",
        "strategic_priorities",
        "footnotes",
        "indicators",
        "glossary",
        "meta",
        "introduction",
        "sections",
        "strategic_priority_sections",
        "priority_areas",
        "footnote_refs",
    ] {
        assert!(value[key].is_array(), "{key}");
    }
    let first = &value["matched"][0];
    assert!(first["old"].is_u64() && first["new"].is_u64() && first["similarity"].is_f64());
    assert!(first["changes"].is_array());
    // JSON from before the parts outside actions, footnotes, indicators,
    // priorities and glossary were compared still reads.
    let mut earlier = value.clone();
    let newer = [
        "meta",
        "introduction",
        "sections",
        "strategic_priority_sections",
        "priority_areas",
        "footnote_refs",
    ];
    for key in newer {
        earlier.as_object_mut().map(|o| o.remove(key));
    }
    let back: PlanDiff = serde_json::from_value(earlier).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.glossary, d.glossary);
    assert!(back.meta.is_empty() && back.footnote_refs.is_empty());
}

fn bin() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("actionplan").unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(args: &[&str]) -> (Option<i32>, String) {
    let output = bin().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(output.stdout).expect("standard output is UTF-8");
    (output.status.code(), text)
}

/// `actionplan diff` from the Council fixture to this revision of it: the
/// exit code and the human output.
fn council_against(revised: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("revised.txt");
    std::fs::write(&path, revised).unwrap_or_else(|e| panic!("{e}"));
    stdout(&["diff", COUNCIL_PATH, &path.to_string_lossy()])
}

#[test]
fn cli_exit_codes() {
    bin()
        .args(["diff", COUNCIL_PATH, COUNCIL_PATH])
        .assert()
        .code(0);
    bin()
        .args(["diff", "--format", "json", COMMISSION_PATH, COMMISSION_PATH])
        .assert()
        .code(0);
    bin()
        .args(["diff", COMMISSION_PATH, COUNCIL_PATH])
        .assert()
        .code(1);
    bin()
        .args(["diff", COUNCIL_PATH, "no/such/file.txt"])
        .assert()
        .code(2);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let not_a_plan = dir.path().join("notes.txt");
    std::fs::write(&not_a_plan, "Shopping list: milk, bread.\n").unwrap_or_else(|e| panic!("{e}"));
    let not_a_plan = not_a_plan.to_string_lossy().into_owned();
    bin()
        .args(["diff", not_a_plan.as_str(), COUNCIL_PATH])
        .assert()
        .code(2);
}

#[test]
fn cli_json_parses() {
    let (code, text) = stdout(&["diff", "--format", "json", COMMISSION_PATH, COUNCIL_PATH]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(json["matched"]
        .as_array()
        .is_some_and(|m| m.iter().any(|p| p["old"] == 18 && p["new"] == 17)));
    let pair = |o: u32, n: u32| {
        let matched = json["matched"].as_array().cloned().unwrap_or_default();
        matched.into_iter().find(|p| p["old"] == o && p["new"] == n)
    };
    assert_eq!(
        pair(49, 85).map(|p| p["primary"].clone()),
        Some(true.into())
    );
    assert_eq!(
        pair(49, 48).map(|p| p["primary"].clone()),
        Some(false.into())
    );
    assert!(json["added"].is_array() && json["removed"].is_array());
    let (code, text) = stdout(&["diff", "--format", "json", COUNCIL_PATH, COUNCIL_PATH]);
    assert_eq!(code, Some(0));
    let same: PlanDiff = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(same.is_same());
}

#[test]
fn cli_human_output_for_a_ci_log() {
    let (_, human) = stdout(&["diff", COMMISSION_PATH, COUNCIL_PATH]);
    assert!(!human.contains('\u{1b}'), "no colour when not a terminal");
    assert!(human.contains("Action 18 → 17 (similarity 0.90)\n  number: 18 → 17\n"));
    assert!(human.contains("darknet [-market places-]{+marketplaces+} for drugs"));
    assert!(human.contains("Action 51 → 69 (similarity 0.32, split)\n"));
    assert!(human.contains("Action 51 → 68 (similarity 0.58, split, primary)\n"));
    assert!(human.contains("Action 49 → 48 (similarity 0.41, split)\n"));
    assert!(human.contains("Action 49 → 85 (similarity 1.00, split, primary)\n"));
    assert!(human.contains("Action 40 → 31 (similarity 0.34, merged)\n"));
    assert!(human.contains("Action 41 → 31 (similarity 0.42, merged, primary)\n"));
    // A changed text never shows as 1.00 (0.999 here); an empty cell says so.
    assert!(human.contains("Action 12 → 11 (similarity 0.99)\n"));
    assert!(human.contains("  timetable: 2021-2025 → (empty)\n"));
    assert!(human.contains("\nchanged footnote 6 → 9: For more, see"));
    assert!(human.contains("\nadded actions: 25, 29, "));
    // The two documents' metadata, field by field, one line each; a
    // description the Commission text does not give is added.
    assert!(human.contains("\nchanged date: 2020-07-24 → 2021-06-21\n"));
    assert!(human.contains("\nchanged title: EU {+Drugs+} Action Plan [-on Drugs-] 2021-2025\n"));
    assert!(human.contains("\nadded recipients: Delegations\n"));
    assert!(human.contains(
        "\nchanged section 3: [-C-]{+III+} - ADDRESSING DRUG-RELATED [-HARMS-]{+HARM+}\n"
    ));
    assert!(human.contains("\nmoved strategic priority 6: section 3 → 2\n"));
    assert!(human.contains("\nchanged priority area 6.2: {+Promote peer work.+}\n"));
    assert!(human.contains("\nadded priority area 6.4: Reduce stigma.\n"));
    assert!(human.contains("\nremoved priority area 7.5\n"));
    assert!(human.contains("\nchanged footnote markers in indicator 7: none → 11\n"));
    assert!(
        human.ends_with(" added, 0 removed; 161 other changes\n"),
        "{human}"
    );

    // One removed party: one action printed, the unchanged ones not.
    let row = council_row(COUNCIL, 12);
    let text = COUNCIL.replacen(&row, &row.replacen(" Frontex EMCDDA", " EMCDDA", 1), 1);
    let (code, human) = council_against(&text);
    assert_eq!(code, Some(1));
    assert_eq!(
        human,
        "Action 12 → 12 (similarity 1.00)\n  parties: -Frontex\n\n\
         85 matched (1 changed), 0 added, 0 removed; 0 other changes\n"
    );
    let (code, human) = stdout(&["diff", COUNCIL_PATH, COUNCIL_PATH]);
    assert_eq!(code, Some(0));
    assert_eq!(
        human,
        "85 matched (0 changed), 0 added, 0 removed; 0 other changes\n"
    );
}

/// Markers added to a strategic priority's heading and a glossary entry
/// are found at their place from the marker's site, and the keys display
/// as the text output names the place.
#[test]
fn footnote_markers_in_a_priority_heading_and_a_glossary_entry() {
    let text = council_with("entry and exit***", "entry and exit<sup>3</sup>***").replacen(
        "EMCDDA\tEuropean Monitoring Centre for Drugs",
        "EMCDDA\tEuropean Monitoring Centre for Drugs<sup>4</sup>",
        1,
    );
    let d = outside_actions(&text);
    let (priority, entry) = (
        markers(Place::StrategicPriority { number: 2 }),
        markers(Place::GlossaryEntry {
            acronym: "EMCDDA".into(),
        }),
    );
    assert_eq!(
        fields(&d.footnote_refs),
        [
            change(priority.clone(), None, Some("3")),
            change(entry.clone(), None, Some("4")),
        ]
    );
    assert_eq!(priority.to_string(), "strategic priority 2");
    assert_eq!(entry.to_string(), "glossary entry EMCDDA");
    let (_, human) = council_against(&text);
    assert!(human.contains("changed footnote markers in strategic priority 2: none → 3\n"));
    assert!(human.contains("changed footnote markers in glossary entry EMCDDA: none → 4\n"));
}
