//! The Commission fixture (annex to COM(2020) 606), and the repairs of its
//! PDF-extraction artefacts, moved to other places of the text.

mod common;
use actionplan::{Code, Diagnostic, Dialect, Party};
use common::*;

#[test]
fn snapshot_of_the_whole_plan() {
    let plan = parse(COMMISSION);
    insta::assert_yaml_snapshot!("commission", without_spans(&plan));
}

#[test]
fn counts_match_the_document() {
    let plan = parse(COMMISSION);
    assert_eq!(plan.dialect, Dialect::Commission);
    let numbers: Vec<u32> = plan.actions.iter().map(|a| a.number).collect();
    assert_eq!(numbers, (1..=53).collect::<Vec<_>>());
    assert_eq!(plan.strategic_priorities.len(), 8);
    assert_eq!(plan.footnotes.len(), 6);
    assert_eq!(plan.indicators.len(), 12);
    assert_eq!(plan.sections.len(), 4);
    // 1.1 to 8.2, as the rows' priority-area cells list them.
    assert_eq!(plan.priority_areas.len(), 24);
    assert!(plan.priority_areas.iter().all(|a| a.description.is_none()));
    assert!(!plan.has_errors(), "{:?}", codes(&plan));
}

#[test]
fn metadata() {
    let plan = parse(COMMISSION);
    // The metadata block is the cover: it ends before the plan's first
    // heading, though `Annex 2` is named near the end.
    let first = plan.sections.first().map(|s| s.span.start);
    assert!(first.is_some_and(|start| plan.meta.span.end <= start));
    assert!(slice(COMMISSION, plan.meta.span).starts_with("EUROPEAN COMMISSION"));
    assert!(slice(COMMISSION, plan.meta.span).ends_with("EU Action Plan on Drugs 2021-2025"));
    let meta = plan.meta;
    assert_eq!(meta.issuer.as_deref(), Some("EUROPEAN COMMISSION"));
    assert_eq!(meta.reference.as_deref(), Some("COM(2020) 606 final"));
    assert_eq!(
        meta.date.map(|d| d.to_string()).as_deref(),
        Some("2020-07-24")
    );
    assert_eq!(
        meta.title.as_deref(),
        Some("EU Action Plan on Drugs 2021-2025")
    );
    assert_eq!(
        meta.annexes,
        [
            "Annex 1 – EU Action Plan on Drugs 2021-2025",
            "Annex 2 – Performance Indicators"
        ]
    );
}

#[test]
fn governance_actions_have_no_priority() {
    let plan = parse(COMMISSION);
    for action in plan.actions.iter().filter(|a| a.number >= 47) {
        assert_eq!(action.strategic_priority, None, "Action {}", action.number);
        assert!(action.priority_areas.is_empty());
        assert_eq!(action.section, Some(4));
    }
    assert_eq!(
        plan.section(4).map(|s| s.title.as_str()),
        Some("Governance, implementation and monitoring of the EU Agenda on Drugs")
    );
}

#[test]
fn rows_continued_across_page_breaks() {
    let plan = parse(COMMISSION);
    let action = |n: u32| {
        plan.action(n)
            .cloned()
            .unwrap_or_else(|| panic!("Action {n}"))
    };
    assert_eq!(action(2).parties.last(), Some(&Party::Frontex));
    assert!(
        action(6).text.ends_with("orders are executed.")
            && action(6).parties
                == [
                    Party::Commission,
                    Party::MemberStates,
                    Party::Europol,
                    Party::Eurojust
                ]
    );
    assert_eq!(action(14).parties.last(), Some(&Party::Eeas));
    assert!(action(18).text.contains("the preparatory action proposed by the European Parliament on 24/7 monitoring of the darknet to ensure comprehensive results. Reinforce"));
    assert_eq!(action(18).footnotes, [3]);
    assert_eq!(action(38).priority_areas, ["7.1", "7.3"]);
    assert_eq!(
        action(38).parties,
        [Party::Commission, Party::MemberStates, Party::Emcdda]
    );
    assert!(action(39)
        .text
        .contains("respond at Member States and EU levels"));
    assert_eq!(
        action(39).parties,
        [
            Party::Commission,
            Party::MemberStates,
            Party::Emcdda,
            Party::Ecdc
        ]
    );
    assert_eq!(
        action(47).parties,
        [Party::Commission, Party::Emcdda, Party::Europol]
    );
    assert!(action(47)
        .text
        .ends_with("including the Early Warning System."));
    assert!(action(44)
        .text
        .ends_with("guidelines for drug-related death investigations."));
    assert!(!action(44).text.contains("guidennes"));
    assert_eq!(action(44).priority_areas, ["7.6"]);
}

#[test]
fn split_party_name_goes_back_to_its_action() {
    let plan = parse(COMMISSION);
    assert_eq!(
        plan.action(32).and_then(|a| a.parties.last().cloned()),
        Some(Party::Ema)
    );
    assert_eq!(
        plan.action(33).map(|a| a.parties.clone()),
        Some(vec![
            Party::Commission,
            Party::MemberStates,
            Party::Emcdda,
            Party::Ema
        ])
    );
    assert!(plan
        .diagnostics
        .iter()
        .any(|d| d.code() == Code::HealedPartyName && d.line == 101));
}

#[test]
fn merged_headers_are_separated() {
    let plan = parse(COMMISSION);
    let a32 = plan
        .action(32)
        .cloned()
        .unwrap_or_else(|| panic!("Action 32"));
    assert!(a32.text.starts_with("Develop and enhance the access"));
    assert_eq!(a32.priority_areas, ["6.1", "6.2", "6.3"]);
    assert_eq!(a32.timetable.raw, "2021-2025");
    assert_eq!(
        plan.action(45).map(|a| a.timetable.raw.clone()).as_deref(),
        Some("2024")
    );
}

#[test]
fn superscript_footnotes() {
    let plan = parse(COMMISSION);
    assert_eq!(
        plan.action(1).map(|a| a.footnotes.clone()),
        Some(vec![1, 2])
    );
    assert!(plan
        .action(1)
        .is_some_and(|a| a.text.contains("the SOCTA 2021; (ii)")));
    assert!(plan
        .action(19)
        .is_some_and(|a| a.text.contains("in postal items. Conclude")));
    let numbers: Vec<u32> = plan.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(
        plan.footnotes[5].text.ends_with("Drug-Addiction")
            && !plan.footnotes[5].text.contains("<u>")
    );
    let multi = COMMISSION
        .replace("2019. ⁶", "2019. ¹⁰")
        .replace("\n⁶ For more", "\n¹⁰ For more");
    let plan = parse(&multi);
    assert_eq!(plan.action(52).map(|a| a.footnotes.clone()), Some(vec![10]));
    assert!(plan.footnotes.iter().any(|f| f.number == 10));
}

#[test]
fn indicators_and_sources() {
    let plan = parse(COMMISSION);
    assert_eq!(plan.indicators[4].sources, ["EMCDDA"]);
    assert_eq!(plan.indicators[4].text, "Early Warning System on new psychoactive substances (EMCDDA/Europol) and Risk Assessment on new psychoactive substances");
    assert_eq!(plan.indicators[8].number, 9);
    assert_eq!(
        plan.indicators[11].sources,
        ["Eurostat annual monitoring report on the progress towards the SDGs in an EU context"]
    );
}

// ---- The artefacts, moved: the same model must come out. ----

/// The one-line row of `Action {number}.`: where it lies and its cells.
fn row(text: &str, number: u32) -> (usize, usize, Vec<&str>) {
    let label = format!("\nAction {number}.");
    let start = text
        .find(&label)
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no {label}"));
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (start, end, text[start..end].split('\t').collect())
}

/// Splits the row of `Action {number}.` in two at word `at_word` of its
/// text and `party_words` of its parties, the second half after a page
/// break with a footnote between, as a PDF extractor would leave it.
fn break_row(text: &str, number: u32, at_word: usize, party_words: usize) -> String {
    let (start, end, cells) = row(text, number);
    let (first_cell, last_cell) = (cells[0], cells[cells.len() - 1]);
    let words: Vec<&str> = first_cell.split(' ').collect();
    let parties: Vec<&str> = last_cell.split(' ').collect();
    let (w, p) = (at_word.min(words.len() - 1), party_words.min(parties.len()));
    let mut first = vec![words[..w].join(" ")];
    first.extend(cells[1..cells.len() - 1].iter().map(|c| c.to_string()));
    first.push(parties[..p].join(" "));
    let mut second = vec![words[w..].join(" ")];
    second.extend(std::iter::repeat_n(String::new(), cells.len() - 2));
    second.push(parties[p..].join(" "));
    format!(
        "{}{}\n\n⁹ A footnote at the foot of the page.\n\n{}{}",
        &text[..start],
        first.join("\t"),
        second.join("\t"),
        &text[end..]
    )
}

/// Moves the last `moved_words` words of `Action {a}`'s parties cell to the
/// start of `Action {b}`'s, splitting a name as a page break would.
fn split_party(text: &str, a: u32, b: u32, moved_words: usize) -> String {
    let (start_a, end_a, cells_a) = row(text, a);
    let parties: Vec<&str> = cells_a[cells_a.len() - 1].split(' ').collect();
    let keep = parties.len() - moved_words;
    let mut new_a: Vec<String> = cells_a.iter().map(|c| c.to_string()).collect();
    let last = new_a.len() - 1;
    new_a[last] = parties[..keep].join(" ");
    let moved = parties[keep..].join(" ");
    let (start_b, end_b, cells_b) = row(text, b);
    let mut new_b: Vec<String> = cells_b.iter().map(|c| c.to_string()).collect();
    let last = new_b.len() - 1;
    new_b[last] = format!("{moved} {}", new_b[last]);
    format!(
        "{}{}{}{}{}",
        &text[..start_a],
        new_a.join("\t"),
        &text[end_a..start_b],
        new_b.join("\t"),
        &text[end_b..]
    )
}

#[test]
fn a_page_break_anywhere_in_a_row_is_joined() {
    let original = parse(COMMISSION);
    for (number, word, parties) in [
        (3, 10, 2),
        (11, 25, 3),
        (20, 3, 1),
        (30, 8, 0),
        (42, 40, 2),
        (49, 4, 1),
        (53, 4, 1),
    ] {
        let broken = break_row(COMMISSION, number, word, parties);
        let plan = parse(&broken);
        let mut expected = content(&original);
        let mut got = content(&plan);
        // The inserted footnote 9 is the only other difference.
        expected["footnotes"] = serde_json::Value::Null;
        got["footnotes"] = serde_json::Value::Null;
        assert_eq!(
            got["actions"], expected["actions"],
            "Action {number} broken at word {word}"
        );
        assert!(plan
            .diagnostics
            .iter()
            .any(|d| d.code() == Code::JoinedContinuation
                && d.message.starts_with(&format!("Action {number} "))));
    }
}

/// The note points at the words given back (quoted first in its message),
/// Action `b`'s parties span starts at the first word it kept, and the
/// healed name, Action `a`'s last party, spans from its first piece in
/// `a`'s cell to the words given back.
fn assert_healed_spans(text: &str, plan: &actionplan::Plan, note: &Diagnostic, (a, b): (u32, u32)) {
    let Some(healed) = plan.action(a) else {
        panic!("no Action {a}")
    };
    let Some(&span) = healed.spans.party.last() else {
        panic!("Action {a} has no party spans")
    };
    assert_eq!(span.end, note.span.end, "{}", note.message);
    let cell = healed.spans.parties;
    assert!(
        cell.start <= span.start && span.start < cell.end,
        "{}",
        note.message
    );
    let moved = note
        .message
        .split('`')
        .nth(1)
        .expect("the note quotes the name it moved");
    assert_eq!(slice(text, note.span), moved, "{}", note.message);
    let Some(parties) = plan.action(b).map(|a| a.spans.parties) else {
        panic!("no Action {b}")
    };
    assert!(parties.start > note.span.end, "{}", note.message);
    let between = text
        .get(note.span.end..parties.start)
        .unwrap_or("<bad span>");
    assert!(between.trim().is_empty(), "{between:?}");
    assert!(!slice(text, parties).is_empty());
}

#[test]
fn the_fixture_s_healed_name_is_placed_in_the_source() {
    // `European Medicine` / `Agency`, across Actions 32 and 33.
    let plan = parse(COMMISSION);
    let note = plan
        .diagnostics
        .iter()
        .find(|d| d.code() == Code::HealedPartyName);
    let Some(note) = note else {
        panic!("no healed-party-name note")
    };
    assert_eq!(slice(COMMISSION, note.span), "Agency");
    assert_healed_spans(COMMISSION, &plan, note, (32, 33));
    let Some(parties) = plan.action(33).map(|a| a.spans.parties) else {
        panic!("no Action 33")
    };
    assert!(slice(COMMISSION, parties).starts_with("European Commission Member States"));
}

#[test]
fn a_party_name_split_anywhere_between_two_rows_is_healed() {
    let original = parse(COMMISSION);
    // `Member` / `States`, `European` / `Commission` (Action 17's, across a
    // heading and a header to Action 18), `Civil Society Forum` / `on Drugs`
    // and `Civil` / `Society Forum on Drugs`.
    for (a, b, moved) in [
        (20, 21, 1),
        (8, 9, 1),
        (17, 18, 1),
        (41, 42, 1),
        (49, 50, 2),
        (49, 50, 4),
    ] {
        let text = split_party(COMMISSION, a, b, moved);
        assert_ne!(text, COMMISSION);
        let plan = parse(&text);
        same_actions(&original, &plan);
        let note = plan.diagnostics.iter().find(|d| {
            d.code() == Code::HealedPartyName && d.message.contains(&format!("Action {a}"))
        });
        let Some(note) = note else {
            panic!("Action {a} / {b}: no healed-party-name note")
        };
        assert_healed_spans(&text, &plan, note, (a, b));
    }
    // `Council of the` / `EU`, in a plan that names the Council.
    let text = COMMISSION
        .replacen(
            "2021-2025\tEuropean Commission Member States EMCDDA\nAction 28.",
            "2021-2025\tEuropean Commission Member States EMCDDA Council of the\nAction 28.",
            1,
        )
        .replacen(
            "2022-2025\tMember States EMCDDA\nAction 29.",
            "2022-2025\tEU Member States EMCDDA\nAction 29.",
            1,
        );
    let plan = parse(&text);
    assert_eq!(
        plan.action(27).and_then(|a| a.parties.last().cloned()),
        Some(Party::Council)
    );
    assert_eq!(
        plan.action(28).map(|a| a.parties.clone()),
        Some(vec![Party::MemberStates, Party::Emcdda])
    );
}

#[test]
fn headers_split_or_merged_elsewhere() {
    let original = parse(COMMISSION);
    // Split the header of strategic priority 1's table over two lines.
    let split = COMMISSION.replacen(
        "Actions\tCorresponding priority area\tTimetable\tResponsibility\nAction 1.",
        "Actions\tCorresponding\tTimetable\tResponsibility\n\tpriority area\t\t\nAction 1.",
        1,
    );
    assert_ne!(split, COMMISSION);
    same_actions(&original, &parse(&split));
    // Merge the header of strategic priority 5's table into its first row.
    let row = COMMISSION
        .lines()
        .find(|l| l.starts_with("Action 27."))
        .expect("the Commission fixture has Action 27");
    let cells: Vec<&str> = row.split('\t').collect();
    let merged = format!(
        "Actions {}\tCorresponding priority area {}\tTimetable {}\tResponsibility {}",
        cells[0], cells[1], cells[2], cells[3]
    );
    let text = COMMISSION.replacen(
        &format!("Actions\tCorresponding priority area\tTimetable\tResponsibility\n{row}"),
        &merged,
        1,
    );
    assert_ne!(text, COMMISSION);
    let plan = parse(&text);
    same_actions(&original, &plan);
    assert!(plan
        .diagnostics
        .iter()
        .any(|d| d.code() == Code::MergedHeader && d.line == 89));
}

#[test]
fn garbled_repeat_is_dropped_wherever_it_falls() {
    let original = parse(COMMISSION);
    let row = COMMISSION
        .lines()
        .find(|l| l.starts_with("Action 12."))
        .expect("the Commission fixture has Action 12");
    let garbled =
        "\tfocusing on major ports, airports, traln stations and major land border crossmgs.\t\t";
    let text = COMMISSION.replacen(row, &format!("{row}\n{garbled}"), 1);
    let plan = parse(&text);
    same_actions(&original, &plan);
    assert!(plan
        .diagnostics
        .iter()
        .any(|d| d.code() == Code::DroppedGarbledLine && d.message.contains("Action 12")));
}

#[test]
fn crlf_and_byte_order_mark_give_the_same_model() {
    for fixture in [COMMISSION, COUNCIL] {
        let original = without_spans(&parse(fixture));
        let crlf = fixture.replace('\n', "\r\n");
        assert_eq!(without_spans(&parse(&crlf)), original);
        let bom = format!("\u{feff}{fixture}");
        assert_eq!(without_spans(&parse(&bom)), original);
        let both = format!("\u{feff}{crlf}");
        assert_eq!(without_spans(&parse(&both)), original);
    }
}

#[test]
fn a_continuation_that_lost_its_empty_cells_still_continues() {
    // An extractor may drop the tabs of a row whose other cells are empty.
    let original = parse(COMMISSION);
    let text = COMMISSION
        .replacen(
            "death investigations.\t\t\t\n",
            "death investigations.\n",
            1,
        )
        .replacen(
            "monitoring of the darknet\t\t\t\n",
            "monitoring of the darknet\n",
            1,
        );
    assert_ne!(text, COMMISSION);
    let plan = parse(&text);
    same_actions(&original, &plan);
    assert_eq!(plan.sections.len(), 4);
    assert!(
        !plan
            .diagnostics
            .iter()
            .any(|d| d.code() == Code::UnrecognisedLine),
        "{:?}",
        codes(&plan)
    );
}

#[test]
fn ligatures_read_as_their_letters() {
    let ligatures = COMMISSION
        .replace("fi", "\u{FB01}")
        .replace("fl", "\u{FB02}");
    assert!(ligatures.contains("606 \u{FB01}nal"));
    let plan = parse(&ligatures);
    assert_eq!(content(&plan), content(&parse(COMMISSION)));
    assert_eq!(plan.meta.reference.as_deref(), Some("COM(2020) 606 final"));
}

#[test]
fn page_footers_are_dropped_where_they_stand() {
    // A footer after every tenth line: inside tables, between a row and
    // its continuation, after footnotes.
    let mut text = String::new();
    for (i, line) in COMMISSION.lines().enumerate() {
        text.push_str(line);
        text.push('\n');
        if i % 10 == 9 {
            let page = i / 10 + 1;
            let footer = match page % 3 {
                0 => format!("EN {page} EN"),
                1 => format!("Page {page} of 30"),
                _ => format!("  Page {page}"),
            };
            text.push_str(&footer);
            text.push('\n');
        }
    }
    let plan = parse(&text);
    assert_eq!(content(&plan), content(&parse(COMMISSION)));
    let dropped = messages(&plan, "dropped-page-footer");
    assert_eq!(dropped.len(), COMMISSION.lines().count() / 10);
    assert_eq!(
        dropped.first().copied(),
        Some("page footer `Page 1 of 30` dropped")
    );
}

#[test]
fn annexes_numbered_in_roman_numerals_read_the_same() {
    let roman = COMMISSION
        .replacen("\nAnnex 1\n", "\nANNEX I\n", 1)
        .replacen("\nAnnex 2\n", "\nANNEX II\n", 1);
    assert_ne!(roman, COMMISSION);
    let (plan, commission) = (parse(&roman), parse(COMMISSION));
    assert_eq!(
        plan.meta.annexes,
        [
            "Annex I – EU Action Plan on Drugs 2021-2025",
            "Annex II – Performance Indicators"
        ]
    );
    same_actions(&plan, &commission);
    same_parts(&plan, &commission, &["indicators", "footnotes", "sections"]);
    assert_eq!(plan.meta.title, commission.meta.title);
    assert_eq!(plan.diagnostics.len(), commission.diagnostics.len());
}

/// The Commission's section and strategic-priority headings record their
/// markers by number, as the Council's do.
#[test]
fn markers_in_headings_name_their_section_and_priority() {
    let text = COMMISSION
        .replacen(
            "A) ENHANCED SECURITY - DISRUPTING THE DRUG MARKETS",
            "A) ENHANCED SECURITY - DISRUPTING THE DRUG MARKETS<sup>2</sup>",
            1,
        )
        .replacen(
            "Strategic priority 2. Increase detection",
            "Strategic priority 2. Increase<sup>3</sup> detection",
            1,
        );
    assert_ne!(text, COMMISSION);
    let plan = parse(&text);
    use actionplan::RefSite::{Section, StrategicPriority};
    let sites: Vec<_> = (plan.footnote_refs.iter())
        .filter(|r| matches!(r.site, Section(_) | StrategicPriority(_)))
        .map(|r| (r.number, r.site, r.part))
        .collect();
    assert_eq!(
        sites,
        [(2, Section(1), None), (3, StrategicPriority(2), None)]
    );
}
