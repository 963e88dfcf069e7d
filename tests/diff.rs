//! `diff`: exactly the changes made to a revision, and the alignment of the
//! Commission's proposal with the Council's plan.

mod common;
use actionplan::diff::{diff, ActionChange, Op};
use common::*;

fn council_row(text: &str, number: u32) -> String {
    text.lines()
        .find(|l| l.contains(&format!("<b>Action {number}</b>")))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_plan_against_itself_is_empty() {
    for fixture in [COUNCIL, COMMISSION] {
        let plan = parse(fixture);
        let d = diff(&plan, &plan);
        assert!(d.is_empty());
        assert!(d
            .matched
            .iter()
            .all(|p| p.old == p.new && p.similarity > 0.99));
    }
}

#[test]
fn a_removed_party_and_nothing_else() {
    let row = council_row(COUNCIL, 12);
    let text = COUNCIL.replacen(&row, &row.replacen(" Frontex EMCDDA", " EMCDDA", 1), 1);
    let d = diff(&parse(COUNCIL), &parse(&text));
    let changed: Vec<_> = d.matched.iter().filter(|p| !p.changes.is_empty()).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!((changed[0].old, changed[0].new), (12, 12));
    assert_eq!(
        changed[0].changes,
        [ActionChange::Parties {
            added: vec![],
            removed: vec!["Frontex".into()]
        }]
    );
    assert!(d.added.is_empty() && d.removed.is_empty());
    assert!(
        d.footnotes.is_empty()
            && d.glossary.is_empty()
            && d.indicators.is_empty()
            && d.strategic_priorities.is_empty()
    );
}

#[test]
fn an_edited_sentence_and_nothing_else() {
    let text = COUNCIL.replacen(
        "Invite expert peers to working groups and hearings.",
        "Invite expert peers and families to working groups.",
        1,
    );
    let d = diff(&parse(COUNCIL), &parse(&text));
    let changed: Vec<_> = d.matched.iter().filter(|p| !p.changes.is_empty()).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!((changed[0].old, changed[0].new), (35, 35));
    let [ActionChange::Text { diff: segments }] = changed[0].changes.as_slice() else {
        panic!("one text change expected: {:?}", changed[0].changes);
    };
    let inserted: String = segments
        .iter()
        .filter(|s| s.op == Op::Insert)
        .map(|s| s.text.as_str())
        .collect();
    let deleted: String = segments
        .iter()
        .filter(|s| s.op == Op::Delete)
        .map(|s| s.text.as_str())
        .collect();
    assert!(
        inserted.contains("families") && inserted.contains("groups."),
        "{inserted}"
    );
    assert!(deleted.contains("hearings."), "{deleted}");
    assert!(d.added.is_empty() && d.removed.is_empty());
}

#[test]
fn an_inserted_action_renumbers_the_rest() {
    // Insert a new Action 41 and renumber 41..85 to 42..86.
    let mut text = COUNCIL.to_owned();
    for n in (41..=85).rev() {
        text = text.replacen(
            &format!("<b>Action {n}</b>"),
            &format!("<b>Action {}</b>", n + 1),
            1,
        );
    }
    let anchor = council_row(&text, 40);
    let inserted = "<p><b>Action 41</b> Establish a European network of harm reduction peer trainers to exchange curricula on naloxone distribution.</p>\t6.5\t2023\tMember States EMCDDA";
    text = text.replacen(&anchor, &format!("{anchor}\n{inserted}"), 1);
    let old = parse(COUNCIL);
    let new = parse(&text);
    assert_eq!(new.actions.len(), 86);
    let d = diff(&old, &new);
    assert_eq!(d.added, [41]);
    assert!(d.removed.is_empty());
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
}

#[test]
fn commission_proposal_against_council_plan() {
    let d = diff(&parse(COMMISSION), &parse(COUNCIL));
    // Each pair checked by reading both texts.
    let verified = [
        (1, 1),   // EMPACT, SOCTA 2021, SIENA
        (12, 11), // screening technologies for containers, trucks and ships
        (15, 14), // financing MAOC-N
        (18, 17), // darknet monitoring, preparatory action of the European Parliament
        (19, 18), // postal and express services
        (25, 22), // study on Framework Decision 2004/757/JHA
        (31, 9),  // EUCPN, recidivism of young offenders
        (37, 38), // EU minimum quality standards adopted in 2015
        (42, 49), // alternatives to coercive sanctions
        (44, 47), // forensic and toxicological data, forensic toxicology guidelines
        (46, 54), // training prison staff to detect drugs entering prisons
        (49, 85), // dialogue with and involvement of civil society
        (50, 55), // shaping the international agenda on drugs policy
        (51, 69), // opposition to the death penalty (split: also human rights, 68)
        (52, 80), // review of the EMCDDA mandate after the 2019 evaluation
    ];
    for (old, new) in verified {
        assert!(
            d.matched.iter().any(|p| p.old == old && p.new == new),
            "Commission {old} → Council {new} not matched"
        );
    }
    // Action 51 (human rights and the death penalty) was split in two.
    assert!(d.matched.iter().any(|p| p.old == 51 && p.new == 68));
    assert!(!d.is_empty());
}

#[test]
fn cli_exit_codes_and_json() {
    use assert_cmd::Command;
    let bin = || Command::cargo_bin("actionplan").unwrap_or_else(|e| panic!("{e}"));
    let council = "fixtures/council-9819-21.txt";
    let commission = "fixtures/commission-com-2020-606.txt";
    bin().args(["diff", council, council]).assert().code(0);
    let output = bin()
        .args(["diff", "--format", "json", commission, council])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    assert!(json["matched"]
        .as_array()
        .is_some_and(|m| m.iter().any(|p| p["old"] == 18 && p["new"] == 17)));
    assert!(json["added"].is_array() && json["removed"].is_array());
    bin()
        .args(["diff", council, "no/such/file.txt"])
        .assert()
        .code(2);
    let human = bin()
        .args(["diff", commission, council])
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    let human = String::from_utf8(human).unwrap_or_default();
    assert!(human.contains("Action 18 → 17"));
    assert!(!human.contains('\u{1b}'), "no colour when not a terminal");
}
