//! Properties over arbitrary text and randomly damaged fixtures: never a
//! panic, every diagnostic and every span of the model inside the input,
//! one span for each party, every footnote marker's offset inside its
//! site's text, the output always valid JSON.

mod common;
use actionplan::RefSite;
use common::*;
use proptest::prelude::*;

fn holds_for(text: &str) -> Result<(), TestCaseError> {
    let lines = text.split(['\n', '\r']).count().max(1);
    if let Ok(plan) = actionplan::parse(text) {
        for d in &plan.diagnostics {
            prop_assert!(
                d.line >= 1 && d.line <= lines,
                "diagnostic on line {} of {}",
                d.line,
                lines
            );
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
        // Numbers may repeat in a damaged text: one site of the number must hold it.
        let texts: Vec<(RefSite, &str)> = (plan.actions.iter())
            .map(|a| (RefSite::Action(a.number), a.text.as_str()))
            .chain(
                plan.indicators
                    .iter()
                    .map(|i| (RefSite::Indicator(i.number), i.text.as_str())),
            )
            .chain(
                plan.footnotes
                    .iter()
                    .map(|f| (RefSite::Footnote(f.number), f.text.as_str())),
            )
            .chain(
                (1..)
                    .zip(&plan.introduction)
                    .map(|(n, paragraph)| (RefSite::Introduction(n), paragraph.text.as_str())),
            )
            .collect();
        for r in &plan.footnote_refs {
            let Some(offset) = r.offset else { continue };
            prop_assert!(
                texts
                    .iter()
                    .any(|(site, text)| *site == r.site && text.is_char_boundary(offset)),
                "{r:?} has no place in its site's text"
            );
        }
        for action in &plan.actions {
            prop_assert_eq!(action.spans.party.len(), action.parties.len());
            for item in &action.items {
                prop_assert!(action.spans.text.contains(item.span), "{:?}", item);
            }
        }
        let meta = &plan.meta;
        prop_assert_eq!(meta.spans.file_codes.len(), meta.file_codes.len());
        prop_assert_eq!(meta.spans.annexes.len(), meta.annexes.len());
        let json = serde_json::to_string(&plan).expect("the plan serialises");
        let back: actionplan::Plan =
            serde_json::from_str(&json).expect("the plan's JSON reads back");
        prop_assert_eq!(&back, &plan);
        let value = serde_json::to_value(&plan).expect("the plan serialises");
        let mut spans = Vec::new();
        spans_in(&value, &mut spans);
        // The plan has spans (its actions', at least).
        prop_assert!(spans.len() > plan.actions.len());
        for span in spans {
            prop_assert!(
                span.start <= span.end && span.end <= text.len(),
                "{:?}",
                span
            );
            prop_assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{:?}",
                span
            );
        }
    }
    Ok(())
}

/// Every span of the model, wherever it stands: an object of `start` and
/// `end` alone (but the plan's period, whose are years).
fn spans_in(value: &serde_json::Value, spans: &mut Vec<actionplan::Span>) {
    match value {
        serde_json::Value::Object(map) => {
            let is_span = map.len() == 2 && map.contains_key("start") && map.contains_key("end");
            match serde_json::from_value(value.clone()) {
                Ok(span) if is_span => spans.push(span),
                _ => (map.iter())
                    .filter(|(key, _)| *key != "period")
                    .for_each(|(_, v)| spans_in(v, spans)),
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| spans_in(v, spans)),
        _ => {}
    }
}

/// One way of damaging a text line by line.
#[derive(Debug, Clone)]
enum Damage {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    InsertTab(usize, usize),
    RemoveTab(usize),
    Truncate(usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Delete),
        any::<usize>().prop_map(Damage::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::Swap(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::InsertTab(a, b)),
        any::<usize>().prop_map(Damage::RemoveTab),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::Truncate(a, b)),
    ]
}

fn apply(text: &str, damages: &[Damage]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for d in damages {
        let n = lines.len().max(1);
        match *d {
            Damage::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Damage::Duplicate(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Damage::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Damage::InsertTab(i, at) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                let mut at = at % (line.len() + 1);
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.insert(at, '\t');
            }
            Damage::RemoveTab(i) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                if let Some(at) = line.find('\t') {
                    line.remove(at);
                }
            }
            Damage::Truncate(i, keep) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                let mut at = keep % (line.len() + 1);
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.truncate(at);
            }
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        holds_for(&text)?;
    }

    #[test]
    fn arbitrary_table_like_text_never_panics(text in "(\\|? ?(Action [0-9]{1,3}[.:]? )?[a-zA-Z0-9 <>/*¹²³⁴\\\\|-]{0,30}((\t| \\| )[0-9. a-zA-Z:-]{0,12}){0,5}\\|?\n){0,20}") {
        holds_for(&text)?;
    }

    #[test]
    fn damaged_council_never_panics(damages in proptest::collection::vec(damage(), 1..8)) {
        holds_for(&apply(COUNCIL, &damages))?;
    }

    #[test]
    fn damaged_pipe_tables_never_panic(damages in proptest::collection::vec(damage(), 1..8)) {
        holds_for(&apply(&as_pipe_tables(COUNCIL), &damages))?;
    }

    #[test]
    fn damaged_html_tables_never_panic(damages in proptest::collection::vec(damage(), 1..8)) {
        holds_for(&apply(&as_html_tables(COUNCIL, false), &damages))?;
    }

    #[test]
    fn damaged_merged_html_cells_never_panic(damages in proptest::collection::vec(damage(), 1..8)) {
        holds_for(&apply(&as_spanning_html_tables(COUNCIL), &damages))?;
    }

    #[test]
    fn damaged_commission_never_panics(damages in proptest::collection::vec(damage(), 1..8)) {
        holds_for(&apply(COMMISSION, &damages))?;
    }
}
