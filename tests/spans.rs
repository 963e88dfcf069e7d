//! Spans on every value: each party, sub-point and cover field points at
//! the source text it was read from, in both fixtures and in the other ways
//! the Council text may be written.

mod common;
use actionplan::{Meta, Party, Plan, Span};
use common::*;
use regex::Regex;
use std::sync::LazyLock;

/// Footnote markers in any of their forms.
static MARKERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<sup>\s*\d+\s*</sup>|\[\^\d+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+").unwrap());
/// Block tags, which separate words.
static BLOCK_TAGS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?(?:p|br|div|li|td|tr)\b[^>]*>").unwrap());
/// Other tags, which do not.
static TAGS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").unwrap());

/// A source text as the parser cleans it, for the fixtures' markup: no
/// footnote markers, tags or emphasis, whitespace collapsed.
fn cleaned(source: &str) -> String {
    let text = MARKERS.replace_all(source, "");
    let text = BLOCK_TAGS.replace_all(&text, " ");
    let text = TAGS.replace_all(&text, "").replace('*', "");
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ")
}

/// Both fixtures and the Council's other writings, each with its plan;
/// but grid tables, whose cells are gathered from a line each (see
/// `grid_table_spans_run_from_a_values_first_word_to_its_last`).
fn texts() -> Vec<(String, String, Plan)> {
    let mut texts = vec![
        ("Council".to_owned(), COUNCIL.to_owned()),
        ("Commission".to_owned(), COMMISSION.to_owned()),
    ];
    for (name, text) in other_writings(COUNCIL) {
        if name != "grid tables" {
            texts.push((format!("Council, {name}"), text));
        }
    }
    texts
        .into_iter()
        .map(|(name, text)| {
            let plan = parse(&text);
            (name, text, plan)
        })
        .collect()
}

#[test]
fn each_party_span_is_the_source_of_that_party_alone() {
    for (name, text, plan) in texts() {
        let mut healed = 0;
        for action in &plan.actions {
            let n = action.number;
            let spans = &action.spans.party;
            assert_eq!(spans.len(), action.parties.len(), "{name}: Action {n}");
            for (i, (party, &span)) in action.parties.iter().zip(spans).enumerate() {
                if !action.spans.parties.contains(span) {
                    // A name healed across rows: the last, reaching into
                    // the next row.
                    assert_eq!(i + 1, action.parties.len(), "{name}: Action {n}");
                    assert!(span.end > action.spans.parties.end, "{name}: Action {n}");
                    healed += 1;
                    continue;
                }
                let source = cleaned(slice(&text, span));
                let read: Vec<Party> = actionplan::read_parties(&source)
                    .into_iter()
                    .map(|s| s.party)
                    .collect();
                assert_eq!(
                    read,
                    std::slice::from_ref(party),
                    "{name}: Action {n}: {source:?}"
                );
                // The span holds the name and nothing around it.
                assert_eq!(slice(&text, span).trim(), slice(&text, span));
            }
            // In source order, none overlapping the next.
            for pair in spans.windows(2) {
                assert!(pair[0].end <= pair[1].start, "{name}: Action {n}: {pair:?}");
            }
        }
        let notes = plan.diagnostics.iter();
        let heals = notes.filter(|d| d.code() == actionplan::Code::HealedPartyName);
        assert_eq!(healed, heals.count(), "{name}");
    }
}

#[test]
fn the_fixture_s_healed_name_spans_its_two_pieces() {
    // `European Medicine` ends Action 32's parties, `Agency` starts Action 33's.
    let plan = parse(COMMISSION);
    let (Some(a), Some(b)) = (plan.action(32), plan.action(33)) else {
        panic!("no Action 32 or 33")
    };
    assert_eq!(a.parties.last(), Some(&Party::Ema));
    let Some(&span) = a.spans.party.last() else {
        panic!("no span")
    };
    let source = slice(COMMISSION, span);
    assert!(
        source.starts_with("European Medicine\nAction 33."),
        "{source}"
    );
    assert!(source.ends_with("\tAgency"), "{source}");
    assert!(span.end <= b.spans.parties.start);
    // Action 33's own spans start after the words it gave back.
    let first = b.spans.party.first().map(|&s| slice(COMMISSION, s));
    assert_eq!(first, Some("European Commission"));
}

#[test]
fn a_party_span_is_the_name_as_printed() {
    // `Cepol` is printed so; `CEPOL` is its canonical name.
    let plan = parse(COUNCIL);
    let cepol = plan.actions.iter().find_map(|a| {
        let at = a.parties.iter().position(|p| *p == Party::Cepol)?;
        a.spans.party.get(at).copied()
    });
    assert_eq!(cepol.map(|s| slice(COUNCIL, s)), Some("Cepol"));
    // Names separated by commas, and one inside block tags.
    let text = COUNCIL.replacen(
        "<p>Member States Council of the EU European Commission Europol EMCDDA Frontex Eurojust EEAS</p>",
        "<p>Commission, Member States;</p><p>Europol</p>",
        1,
    );
    assert_ne!(text, COUNCIL);
    let plan = parse(&text);
    let Some(first) = plan.actions.first() else {
        panic!("no action")
    };
    let names: Vec<&str> = (first.spans.party.iter())
        .map(|&s| slice(&text, s))
        .collect();
    assert_eq!(names, ["Commission", "Member States", "Europol"]);
}

#[test]
fn each_priority_area_spans_its_code_and_description() {
    for (name, source, plan) in texts() {
        for area in &plan.priority_areas {
            let printed = slice(&source, area.span);
            assert!(
                printed.starts_with(&area.code),
                "{name}: {}: {printed}",
                area.code
            );
            let Some(description) = &area.description else {
                assert_eq!(printed, area.code, "{name}");
                continue;
            };
            // From the code to the end of its cell: the description's words
            // are the last the span holds.
            let tail = cleaned(printed);
            let last_word = description
                .split_whitespace()
                .last()
                .expect("a description has words");
            assert!(tail.ends_with(last_word), "{name}: {}: {tail}", area.code);
            assert!(
                tail.len() <= area.code.len() + 4 + description.len(),
                "{name}: {} spans more than its description: {tail}",
                area.code
            );
        }
    }
}

#[test]
fn each_item_spans_its_label_and_text() {
    let mut items = 0;
    for (name, text, plan) in texts() {
        for action in &plan.actions {
            let n = action.number;
            let mut last = action.spans.text.start;
            for item in &action.items {
                items += 1;
                let span = item.span;
                assert!(action.spans.text.contains(span), "{name}: Action {n}");
                assert!(span.start >= last, "{name}: Action {n}: out of order");
                last = span.end;
                let source = cleaned(slice(&text, span));
                let label = source.strip_prefix('(').unwrap_or(&source);
                assert!(
                    label.starts_with(&format!("{})", item.label))
                        || label.starts_with(&format!("{} ", item.label)),
                    "{name}: Action {n}: {source:?}"
                );
                // An item continued on the next row spans the other cells
                // between its pieces too.
                let whole = match slice(&text, span).contains('\t') {
                    true => item.text.rsplit(' ').next().unwrap_or_default(),
                    false => item.text.as_str(),
                };
                assert!(
                    source.ends_with(whole),
                    "{name}: Action {n}: {source:?} does not end with {whole:?}"
                );
            }
        }
    }
    // Eight writings of plans with sub-points in both.
    assert!(items > 100, "{items}");
}

#[test]
fn grid_table_spans_run_from_a_values_first_word_to_its_last() {
    let text = as_grid_tables(COUNCIL);
    let plan = parse(&text);
    assert_eq!(plan.actions.len(), 85);
    // The span runs from the first line of the value to its last, over the
    // other columns' text between them.
    let spans_words = |span: Span, value: &str, what: &str| {
        let source = cleaned(slice(&text, span));
        let (first, last) = (
            value.split_whitespace().next(),
            value.split_whitespace().last(),
        );
        let (first, last) = (
            first.expect("a value has words"),
            last.expect("a value has words"),
        );
        assert!(
            source.starts_with(first),
            "{what}: {source:?} does not start with {first:?}"
        );
        assert!(
            source.ends_with(last),
            "{what}: {source:?} does not end with {last:?}"
        );
    };
    let (mut across, mut parties) = (0, 0);
    for action in &plan.actions {
        let n = action.number;
        for (party, &span) in action.parties.iter().zip(&action.spans.party) {
            parties += 1;
            let printed = slice(&text, span);
            // A name broken over two lines: its words on the first line,
            // before the next column, and on the last, after the one before.
            let name = match printed.contains('\n') {
                true => {
                    across += 1;
                    let head = printed.lines().next().unwrap_or_default();
                    let tail = printed.lines().last().unwrap_or_default();
                    let head = head.split(" |").next().unwrap_or_default();
                    let tail = tail.rsplit("| ").next().unwrap_or_default();
                    cleaned(&format!("{head} {tail}"))
                }
                false => cleaned(printed),
            };
            let read: Vec<Party> = actionplan::read_parties(&name)
                .into_iter()
                .map(|s| s.party)
                .collect();
            assert_eq!(read, std::slice::from_ref(party), "Action {n}: {printed:?}");
        }
        for item in &action.items {
            let value = format!("{} {}", item.label, item.text);
            let label = Span::new(
                item.span.start + usize::from(slice(&text, item.span).starts_with('(')),
                item.span.end,
            );
            spans_words(label, &value, &format!("Action {n}"));
        }
    }
    for area in &plan.priority_areas {
        let value = format!(
            "{} {}",
            area.code,
            area.description.as_deref().unwrap_or("")
        );
        spans_words(area.span, &value, &area.code);
    }
    assert!(
        parties > 300 && across > 10,
        "{parties} parties, {across} across lines"
    );
}

/// The cover's fields that are texts, by name, with their spans.
fn text_fields(meta: &Meta) -> [(&'static str, &Option<String>, Option<Span>); 11] {
    let spans = &meta.spans;
    [
        ("issuer", &meta.issuer, spans.issuer),
        ("reference", &meta.reference, spans.reference),
        ("place", &meta.place, spans.place),
        ("title", &meta.title, spans.title),
        ("subject", &meta.subject, spans.subject),
        ("document_type", &meta.document_type, spans.document_type),
        (
            "previous_document",
            &meta.previous_document,
            spans.previous_document,
        ),
        ("language", &meta.language, spans.language),
        ("from", &meta.from, spans.from),
        ("to", &meta.to, spans.to),
        ("cover_note", &meta.cover_note, spans.cover_note),
    ]
}

#[test]
fn each_cover_field_spans_its_value() {
    for (name, text, plan) in texts() {
        let meta = &plan.meta;
        let spans = &meta.spans;
        let source = |span: Option<Span>| span.map(|s| cleaned(slice(&text, s)));
        // Every field the text gives has a span, and no other.
        for (field, value, span) in text_fields(meta) {
            assert_eq!(value.is_some(), span.is_some(), "{name}: {field}");
            assert_eq!(value.clone(), source(span), "{name}: {field}");
        }
        assert_eq!(meta.date.is_some(), spans.date.is_some(), "{name}");
        assert_eq!(meta.period.is_some(), spans.period.is_some(), "{name}");
        // `21 June 2021`, `24.7.2020`.
        let date = source(spans.date).unwrap_or_else(|| panic!("{name}: no date span"));
        let numbers: Vec<&str> = date.split([' ', '.']).collect();
        let expected = meta.date.map(|d| {
            use chrono::Datelike;
            (d.day().to_string(), d.year().to_string())
        });
        let given = (numbers.first(), numbers.last());
        let given = given
            .0
            .zip(given.1)
            .map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(given, expected, "{name}: {date}");
        let period = source(spans.period).unwrap_or_else(|| panic!("{name}: no period span"));
        let expected = meta.period.map(|p| format!("{}-{}", p.start, p.end));
        assert_eq!(Some(period), expected, "{name}");
        // Each code and annex: the Commission's annex is its `Annex N` line
        // and the title on the next.
        assert_eq!(meta.file_codes.len(), spans.file_codes.len(), "{name}");
        for (code, &span) in meta.file_codes.iter().zip(&spans.file_codes) {
            assert_eq!(Some(code.clone()), source(Some(span)), "{name}");
        }
        assert_eq!(meta.annexes.len(), spans.annexes.len(), "{name}");
        assert!(!meta.annexes.is_empty(), "{name}");
        for (annex, &span) in meta.annexes.iter().zip(&spans.annexes) {
            let annex = annex.replacen(" – ", " ", 1);
            let source = source(Some(span)).map(|s| s.replacen(" – ", " ", 1));
            assert_eq!(Some(annex), source, "{name}");
        }
    }
}

#[test]
fn the_fixtures_give_the_fields_they_print() {
    // The fields each fixture gives, so that the test above looks at them.
    let meta = parse(COUNCIL).meta;
    for (field, _, span) in text_fields(&meta) {
        assert!(span.is_some(), "Council: {field}");
    }
    let council = meta.spans;
    assert!(council.period.is_some());
    assert_eq!(council.file_codes.len(), 5);
    assert_eq!(
        council.date.map(|s| slice(COUNCIL, s)),
        Some("21 June 2021")
    );
    assert_eq!(council.language.map(|s| slice(COUNCIL, s)), Some("en"));
    let commission = parse(COMMISSION).meta.spans;
    assert_eq!(
        commission.date.map(|s| slice(COMMISSION, s)),
        Some("24.7.2020")
    );
    assert_eq!(
        commission.reference.map(|s| slice(COMMISSION, s)),
        Some("COM(2020) 606 final")
    );
    assert_eq!(
        commission.period.map(|s| slice(COMMISSION, s)),
        Some("2021-2025")
    );
}

#[test]
fn json_from_earlier_builds_reads_without_the_new_spans() {
    let plan = parse(COUNCIL);
    let mut value = serde_json::to_value(&plan).expect("the plan serialises");
    value["schema_version"] = "1.0.0".into();
    value["meta"].as_object_mut().map(|m| m.remove("spans"));
    for action in value["actions"].as_array_mut().into_iter().flatten() {
        action["spans"].as_object_mut().map(|s| s.remove("party"));
        for item in action["items"].as_array_mut().into_iter().flatten() {
            item.as_object_mut().map(|i| i.remove("span"));
        }
    }
    let back: Plan = serde_json::from_value(value).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(without_spans(&back), {
        let mut expected = without_spans(&plan);
        expected["schema_version"] = "1.0.0".into();
        expected
    });
    assert_eq!(back.meta.spans, actionplan::MetaSpans::default());
    assert!(back.actions.iter().all(|a| a.spans.party.is_empty()));
}
