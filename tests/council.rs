//! The Council fixture (document 9819/21), end to end.

mod common;
use actionplan::{Code, Dialect, Party, RefSite, TimetableKind};
use common::*;

#[test]
fn snapshot_of_the_whole_plan() {
    let plan = parse(COUNCIL);
    insta::assert_yaml_snapshot!("council", without_spans(&plan));
}

#[test]
fn counts_match_the_document() {
    let plan = parse(COUNCIL);
    assert_eq!(plan.dialect, Dialect::Council);
    assert_eq!(plan.actions.len(), 85);
    assert_eq!(plan.strategic_priorities.len(), 11);
    assert_eq!(plan.priority_areas.len(), 43);
    assert_eq!(plan.footnotes.len(), 11);
    assert_eq!(plan.indicators.len(), 11);
    assert_eq!(plan.glossary.len(), 38);
    assert_eq!(plan.sections.len(), 6);
    let numbers: Vec<u32> = plan.actions.iter().map(|a| a.number).collect();
    assert_eq!(numbers, (1..=85).collect::<Vec<_>>());
}

#[test]
fn metadata() {
    let meta = parse(COUNCIL).meta;
    assert_eq!(
        meta.issuer.as_deref(),
        Some("Council of the European Union")
    );
    assert_eq!(meta.reference.as_deref(), Some("9819/21"));
    assert_eq!(
        meta.date.map(|d| d.to_string()).as_deref(),
        Some("2021-06-21")
    );
    assert_eq!(
        meta.title.as_deref(),
        Some("EU Drugs Action Plan 2021-2025")
    );
    assert_eq!(
        meta.subject.as_deref(),
        Some("EU Drugs Action Plan 2021 - 2025")
    );
    assert_eq!(meta.previous_document.as_deref(), Some("9373/21"));
    assert_eq!(
        meta.file_codes,
        ["CORDROGUE 27", "SAN 401", "COSI 120", "RELEX 563", "UD 165"]
    );
    assert_eq!(meta.period.map(|p| (p.start, p.end)), Some((2021, 2025)));
    assert_eq!(
        meta.annexes,
        [
            "Annex 1 – Overarching indicators for the EU Drugs Action Plan 2021-2025",
            "Annex 2 – Glossary of acronyms"
        ]
    );
}

#[test]
fn the_introduction_is_its_own_paragraphs_not_the_contents() {
    let plan = parse(COUNCIL);
    assert_eq!(plan.introduction.len(), 16);
    assert!(plan.introduction[0]
        .text
        .starts_with("The EU Drugs Strategy 2021-2025"));
    assert_eq!(
        plan.introduction[4].text,
        "Drug supply reduction: enhancing security,"
    );
    assert!(plan.introduction[14]
        .text
        .contains("Horizontal Working Party on Drugs (HDG), and will"));
}

#[test]
fn every_heading_form_gives_a_strategic_priority() {
    let plan = parse(COUNCIL);
    let numbers: Vec<u32> = plan.strategic_priorities.iter().map(|s| s.number).collect();
    assert_eq!(numbers, (1..=11).collect::<Vec<_>>());
    // `*…*`, `***…***`, `### …` and `**…**` forms.
    for (number, start) in [
        (1, "Disrupt and dismantle"),
        (2, "Increase the detection"),
        (5, "Prevent drug use"),
        (6, "Ensure access"),
    ] {
        let sp = plan
            .strategic_priority(number)
            .map(|s| s.title.as_str())
            .unwrap_or("");
        assert!(sp.starts_with(start), "priority {number}: {sp}");
        assert!(!sp.contains('*'), "emphasis left in priority {number}");
    }
    let sections: Vec<Option<u32>> = plan
        .strategic_priorities
        .iter()
        .map(|s| s.section)
        .collect();
    let expected: Vec<Option<u32>> = [1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6]
        .into_iter()
        .map(Some)
        .collect();
    assert_eq!(sections, expected);
}

#[test]
fn a_priority_heading_in_any_case_and_markup_is_read() {
    let heading = "*Strategic priority 7: Risk- and harm-reduction interventions";
    assert!(COUNCIL.contains(heading));
    let title = parse(COUNCIL)
        .strategic_priority(7)
        .map(|s| s.title.clone())
        .expect("strategic priority 7");
    assert!(title.starts_with("Risk- and harm-reduction"), "{title}");
    for variant in [
        "*strategic priority 7: Risk- and harm-reduction interventions",
        "  <b>STRATEGIC PRIORITY 7:</b> Risk- and harm-reduction interventions",
        "**Strategic** *priority* 7: Risk- and harm-reduction interventions",
    ] {
        let plan = parse(&COUNCIL.replacen(heading, variant, 1));
        let read = plan.strategic_priority(7).map(|s| s.title.as_str());
        assert_eq!(read, Some(title.as_str()), "{variant}");
    }
}

#[test]
fn priority_areas_take_their_description_from_the_introducing_cell() {
    let plan = parse(COUNCIL);
    let area = |code: &str| {
        plan.priority_areas
            .iter()
            .find(|a| a.code == code)
            .and_then(|a| a.description.clone())
    };
    assert!(area("1.2").is_some_and(|d| d.starts_with("Track, trace, freeze")));
    assert!(area("8.4").is_some_and(|d| d == "Restrict the availability of drugs in prisons."));
    assert!(area("9.3").is_some_and(|d| d.starts_with("Foster international cooperation")));
    assert!(area("2.2").is_some_and(|d| d.starts_with("Increase monitoring of border crossings")));
    assert!(plan.priority_areas.iter().all(|a| a.description.is_some()));
    assert_eq!(
        plan.action(2).map(|a| a.priority_areas.clone()),
        Some(vec!["1.1".into(), "1.2".into()])
    );
    assert_eq!(
        plan.action(14).map(|a| a.priority_areas.clone()),
        Some(vec!["2.2".into()])
    );
}

#[test]
fn action_37_has_no_timetable_and_a_diagnostic() {
    let plan = parse(COUNCIL);
    let action = plan
        .action(37)
        .map(|a| a.timetable.clone())
        .expect("Action 37");
    assert_eq!(action.kind(), TimetableKind::NotGiven);
    assert_eq!(action.raw, "");
    let empty: Vec<usize> = plan
        .diagnostics
        .iter()
        .filter(|d| d.code() == Code::EmptyCell)
        .map(|d| d.line)
        .collect();
    assert_eq!(empty, [187]);
}

#[test]
fn footnote_markers_leave_the_text_and_become_references() {
    let plan = parse(COUNCIL);
    let a66 = plan
        .action(66)
        .cloned()
        .unwrap_or_else(|| panic!("action 66"));
    assert_eq!(a66.footnotes, [7, 8]);
    assert!(a66
        .text
        .contains("Alternative Development (2018), in cooperation with third countries."));
    assert!(!a66.text.contains("sup"));
    assert_eq!(plan.action(9).map(|a| a.footnotes.clone()), Some(vec![2]));
    assert_eq!(
        plan.indicators.get(6).map(|i| i.footnotes.clone()),
        Some(vec![11])
    );
    let f10 = plan
        .footnotes
        .iter()
        .find(|f| f.number == 10)
        .map(|f| f.text.as_str())
        .unwrap_or("");
    assert!(
        f10.starts_with("These indicators will be informed")
            && f10.ends_with("Strategy and its Action Plan.")
    );
}

#[test]
fn a_marker_in_a_repeated_header_is_a_reference_on_every_page() {
    let header = "Action\tPriority area\tTimetable\tResponsible party\n";
    let marked = "Action\tPriority area\tTimetable\tResponsible party<sup>1</sup>\n";
    let pages = COUNCIL.matches(header).count();
    assert!(pages > 2, "{pages}");
    let text = COUNCIL.replace(header, marked);
    let plan = parse(&text);
    let spans: Vec<usize> = plan
        .footnote_refs
        .iter()
        .filter(|r| r.site == RefSite::TableHeader)
        .map(|r| r.span.start)
        .collect();
    // The fixture's first headers have a marker already (`party <sup>1</sup>`).
    let expected: Vec<usize> = text
        .match_indices("\nAction\tPriority area\tTimetable\tResponsible party")
        .filter_map(|(at, _)| Some(at + text[at..].find("<sup>")?))
        .collect();
    assert_eq!(expected.len(), pages + 5);
    assert_eq!(spans, expected);
    assert!(plan
        .footnote_refs
        .iter()
        .filter(|r| r.site == RefSite::TableHeader)
        .all(|r| r.number == 1 && &text[r.span.range()] == "<sup>1</sup>"));
    // The table is read as before the markers.
    same_actions(&plan, &parse(COUNCIL));
}

#[test]
fn parties_are_canonical_and_in_source_order() {
    let plan = parse(COUNCIL);
    let parties = |n| {
        plan.action(n)
            .map(|a| a.parties.clone())
            .unwrap_or_else(|| panic!("no Action {n}"))
    };
    assert_eq!(parties(4).last(), Some(&Party::Cepol));
    assert_eq!(
        parties(14),
        [
            Party::Commission,
            Party::MaocN,
            Party::MemberStates,
            Party::Council,
            Party::Europol,
            Party::Frontex,
            Party::Emcdda
        ]
    );
    assert_eq!(parties(42).last(), Some(&Party::Ema));
    assert!(plan
        .actions
        .iter()
        .all(|a| a.parties.iter().all(|p| !p.is_unknown())));
}

#[test]
fn sub_points_are_listed_and_the_text_stays_whole() {
    let plan = parse(COUNCIL);
    let labels = |n| {
        plan.action(n)
            .map(|a| a.items.iter().map(|i| i.label.clone()).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("no Action {n}"))
    };
    assert_eq!(labels(1), ["i", "ii", "iii"]);
    assert_eq!(labels(2), ["2.1", "2.2"]);
    assert_eq!(labels(70), ["i", "ii", "iii"]);
    assert_eq!(labels(73), ["i", "ii", "iii", "iv"]);
    assert!(plan
        .action(1)
        .is_some_and(|a| a.text.contains("(ii) on the basis")));
}

#[test]
fn spans_point_at_the_source() {
    let plan = parse(COUNCIL);
    for action in &plan.actions {
        assert_eq!(
            slice(COUNCIL, action.spans.label),
            format!("Action {}", action.number)
        );
        let timetable: String = slice(COUNCIL, action.spans.timetable)
            .replace("<p>", "")
            .replace("</p>", "");
        assert_eq!(timetable.trim(), action.timetable.raw);
        assert!(slice(COUNCIL, action.span).contains(&format!("<b>Action {}</b>", action.number)));
    }
    for entry in &plan.glossary {
        assert!(slice(COUNCIL, entry.span).starts_with(&entry.acronym));
    }
}

#[test]
fn indicators_split_title_text_and_sources() {
    let plan = parse(COUNCIL);
    let first = &plan.indicators[0];
    assert_eq!(
        first.title.as_deref(),
        Some("Developments in targeting high-risk organised crime groups")
    );
    assert_eq!(
        first.sources,
        ["Europol", "European Commission", "Member States", "EMCDDA"]
    );
    assert!(
        first.text.starts_with("indicator based on cases reports")
            && first.text.ends_with("cross border cooperation.")
    );
    assert_eq!(
        plan.indicators[2].sources,
        ["EMCDDA", "Europol", "European Commission", "Member States"]
    );
    assert_eq!(
        plan.indicators[10].sources,
        ["Eurostat", "European Commission"]
    );
}

#[test]
fn the_real_warnings() {
    let plan = parse(COUNCIL);
    assert!(!plan.has_errors(), "{:?}", codes(&plan));
    let edpqs = plan
        .diagnostics
        .iter()
        .find(|d| d.code() == Code::AcronymNotInGlossary && d.message.contains("EDPQS"));
    assert_eq!(edpqs.map(|d| d.line), Some(172));
    assert!(plan
        .diagnostics
        .iter()
        .any(|d| d.code() == Code::UnusedGlossaryEntry && d.message.contains("EDPQ ")));
}

#[test]
fn a_row_broken_inside_its_text_cell_is_one_row() {
    // Action 24's second paragraph on a line of its own, with the other cells.
    let original = parse(COUNCIL);
    let text = COUNCIL.replacen(
        "where possible.</p> <p>Develop detection",
        "where possible.</p>\n<p>Develop detection",
        1,
    );
    assert_ne!(text, COUNCIL);
    let plan = parse(&text);
    same_actions(&original, &plan);
    assert!(!plan.has_errors(), "{:?}", codes(&plan));
    // And a paragraph alone on its line, before the row's other cells.
    let text = text.replacen(
        "disposal of waste.</p>\t4.3.",
        "disposal of waste.</p>\n\t4.3.",
        1,
    );
    let plan = parse(&text);
    same_actions(&original, &plan);
    assert!(!plan.has_errors(), "{:?}", codes(&plan));
}

#[test]
fn action_labels_in_capitals_and_party_lists_with_commas() {
    let original = parse(COUNCIL);
    let text = COUNCIL.replace("<b>Action ", "<b>ACTION ").replacen(
        "Member States Council of the EU European Commission Europol Eurojust</p>",
        "Member States, Council of the EU, European Commission, Europol, Eurojust</p>",
        1,
    );
    assert_ne!(text, COUNCIL);
    let plan = parse(&text);
    same_actions(&original, &plan);
    assert!(!plan.has_errors(), "{:?}", codes(&plan));
}

/// A row's continuation that holds nothing but a footnote marker still
/// gives the action that reference; a row with no action above it names
/// its markers in its diagnostic.
#[test]
fn a_continuation_row_of_only_a_marker_keeps_it() {
    let text = "Action\tTimetable\tResponsible party\n\
                \t<p><sup>2</sup></p>\t\n\
                <p><b>Action 1</b> Do.</p>\t<p>2021</p>\t<p>Europol</p>\n\
                \t<p><sup>1</sup></p>\t\n\n\
                <sup>1</sup> One.\n\n<sup>2</sup> Two.\n";
    let plan = parse(text);
    let refs: Vec<_> = (plan.footnote_refs.iter())
        .map(|r| (r.number, r.site, r.part))
        .collect();
    use actionplan::{RefPart::Timetable, RefSite::Action};
    assert_eq!(refs, [(1, Action(1), Some(Timetable))]);
    assert_eq!(plan.actions[0].footnotes, [1]);
    assert_eq!(
        messages(&plan, "orphan-row"),
        ["table row without an `Action N` label, and no action above it to continue: `<sup>2</sup>`"]
    );
}

/// A cell beyond the header's columns on a continuation row is reported,
/// as on a row's first line, and its marker stays the action's.
#[test]
fn a_continuation_rows_extra_cell_is_reported() {
    let text = "Action\tTimetable\tResponsible party\n\
                <p><b>Action 1</b> Do</p>\t<p>2021</p>\t<p>Europol</p>\n\
                <p>more.</p>\t\t\t<p>stray words<sup>1</sup></p>\n\n\
                <sup>1</sup> One.\n";
    let plan = parse(text);
    assert_eq!(plan.actions[0].text, "Do more.");
    assert_eq!(
        messages(&plan, "extra-cell"),
        ["Action 1: cell beyond the table's 3 columns: `stray words<sup>1</sup>`"]
    );
    let refs: Vec<_> = (plan.footnote_refs.iter())
        .map(|r| (r.number, r.site, r.part))
        .collect();
    assert_eq!(refs, [(1, actionplan::RefSite::Action(1), None)]);
}

#[test]
fn the_plan_written_as_another_converter_writes_it_reads_the_same() {
    let council = parse(COUNCIL);
    let diagnostics = |plan: &actionplan::Plan| -> Vec<(String, String)> {
        let all = plan.diagnostics.iter();
        all.map(|d| (d.code().to_string(), d.message.clone()))
            .collect()
    };
    for (name, text) in other_writings(COUNCIL) {
        assert_ne!(text, COUNCIL, "{name}");
        let plan = parse(&text);
        assert_eq!(content(&plan), content(&council), "{name}");
        same_parts(&plan, &council, &["footnote_refs"]);
        assert_eq!(diagnostics(&plan), diagnostics(&council), "{name}");
    }
}

#[test]
fn pipe_table_spans_cover_the_cells_text() {
    let piped = as_pipe_tables(COUNCIL);
    assert!(piped.contains("| <p><b>Action 1</b>") && piped.contains("| ESPAD | European"));
    let pipes = parse(&piped);
    // Cell spans cover the cells' text, not the pipes or their padding.
    for action in &pipes.actions {
        let parties = slice(&piped, action.spans.parties);
        assert!(
            !parties.contains('|') && parties.trim() == parties,
            "{parties}"
        );
        assert_eq!(
            slice(&piped, action.spans.label),
            format!("Action {}", action.number)
        );
    }
    for entry in &pipes.glossary {
        assert!(slice(&piped, entry.span).starts_with(&format!("| {}", entry.acronym)));
    }
}

#[test]
fn html_table_spans_cover_the_cells_text() {
    for one_line in [false, true] {
        let html = as_html_tables(COUNCIL, one_line);
        let plan = parse(&html);
        assert_eq!(plan.actions.len(), 85);
        for action in &plan.actions {
            let parties = slice(&html, action.spans.parties);
            assert!(
                !parties.contains("<td") && !parties.contains("</td>"),
                "{parties}"
            );
            assert_eq!(parties.trim(), parties);
            assert_eq!(
                slice(&html, action.spans.label),
                format!("Action {}", action.number)
            );
            assert!(slice(&html, action.span).starts_with("<tr"));
        }
        for entry in &plan.glossary {
            assert!(slice(&html, entry.span).starts_with(&format!(
                "<tr class=\"odd\">{}<td>{}",
                if one_line { "" } else { "\n" },
                entry.acronym
            )));
        }
    }
}

#[test]
fn an_html_tables_stray_text_is_reported_not_lost() {
    let text = "# Plan\n\n## I - Supply\n\n<table>\n<caption>Table 1</caption>\n\
        <tr><th>Action</th><th>Priority area</th><th>Timetable</th><th>Responsible party</th></tr>\n\
        <tr><td>Action 1 Share data.</td><td>1.1</td><td>2021-2025</td><td colspan=\"1\">Europol</td></tr>\n\
        <tr><td></td><td> </td></tr>\n\
        </table>\n";
    let plan = parse(text);
    let action = plan.actions.first().expect("one action");
    assert_eq!(
        (action.text.as_str(), action.timetable.raw.as_str()),
        ("Share data.", "2021-2025")
    );
    assert_eq!(action.parties.len(), 1);
    assert_eq!(
        messages(&plan, "unrecognised-line"),
        ["line not recognised as part of the plan: `<caption>Table 1</caption>`"]
    );
}

#[test]
fn party_names_run_together_are_read_apart_and_noted() {
    let run =
        "Member StatesCouncil of the EUEuropean CommissionEuropolEMCDDA Frontex Eurojust EEAS";
    let text = COUNCIL.replacen(
        "Member States Council of the EU European Commission Europol EMCDDA Frontex Eurojust EEAS",
        run,
        1,
    );
    assert_ne!(text, COUNCIL);
    let (council, plan) = (parse(COUNCIL), parse(&text));
    same_actions(&plan, &council);
    let first = plan.actions.first().expect("Action 1");
    let printed: Vec<&str> = first.spans.party.iter().map(|s| slice(&text, *s)).collect();
    assert_eq!(
        printed,
        [
            "Member States",
            "Council of the EU",
            "European Commission",
            "Europol",
            "EMCDDA",
            "Frontex",
            "Eurojust",
            "EEAS"
        ]
    );
    assert_eq!(
        messages(&plan, "run-together-parties"),
        ["Action 1: `Member StatesCouncil of the EUEuropean CommissionEuropolEMCDDA` runs party names together; read as Member States, Council of the EU, European Commission, Europol, EMCDDA"]
    );
    let note = plan
        .diagnostics
        .iter()
        .find(|d| d.code() == Code::RunTogetherParties);
    let note = note.expect("the note");
    assert_eq!(
        slice(&text, note.span),
        "Member StatesCouncil of the EUEuropean CommissionEuropolEMCDDA"
    );
    // The other diagnostics are the fixture's.
    assert_eq!(plan.diagnostics.len(), council.diagnostics.len() + 1);
}

#[test]
fn pipes_in_a_pipe_row_are_escaped_and_other_rows_keep_theirs() {
    let text = "# Plan\n\n## I - Supply\n\n\
        | Action | Priority area | Timetable | Responsible party |\n\
        |---|---|---|---|\n\
        | Action 1 Share data \\| records<sup>1</sup>. | 1.1 | 2021-2025 | Europol |\n\
        |  |  |  |  |\n\
        Prose with a | pipe stays prose.\n\n\
        <sup>1</sup> A note.\n";
    let plan = parse(text);
    let action = plan.actions.first().expect("one action");
    assert_eq!(action.text, "Share data | records.");
    assert_eq!(action.footnotes, [1]);
    assert_eq!(action.timetable.raw, "2021-2025");
    assert_eq!(messages(&plan, "unrecognised-line").len(), 1);
    assert!(messages(&plan, "orphan-row").is_empty() && messages(&plan, "extra-cell").is_empty());
}

#[test]
fn deadlines_open_starts_and_short_ranges_are_timetables() {
    let mut text = COUNCIL.to_owned();
    for cell in ["By the end of 2023", "2022 onwards", "2021-25", "By 2027"] {
        text = text.replacen("\t2021-2025\t", &format!("\t{cell}\t"), 1);
    }
    let plan = parse(&text);
    let changed: Vec<(u32, Option<u16>, Option<u16>)> = (plan.actions.iter())
        .filter(|a| a.timetable.raw != "2021-2025")
        .map(|a| (a.number, a.timetable.start, a.timetable.end))
        .take(4)
        .collect();
    assert_eq!(
        changed,
        [
            (2, None, Some(2023)),
            (3, Some(2022), None),
            (4, Some(2021), Some(2025)),
            (5, None, Some(2027))
        ]
    );
    assert!(messages(&plan, "invalid-timetable").is_empty());
    assert_eq!(
        messages(&plan, "timetable-out-of-period"),
        ["Action 5: timetable `By 2027` has 2027, outside the plan's period 2021-2025"]
    );
}

#[test]
fn a_heading_about_one_indicator_opens_a_section() {
    let text = COUNCIL.replacen(
        "## II - DRUG DEMAND REDUCTION",
        "## Performance indicator 3 of the old plan\n\n## II - DRUG DEMAND REDUCTION",
        1,
    );
    let plan = parse(&text);
    assert!(plan
        .sections
        .iter()
        .any(|s| s.title == "Performance indicator 3 of the old plan"));
    assert_eq!(plan.actions.len(), 85);
    assert_eq!(plan.indicators.len(), 11);
}

/// The Council fixture with each `(from, to)` replaced once.
fn edited(edits: &[(&str, &str)]) -> actionplan::Plan {
    let mut text = COUNCIL.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has no `{from}`");
        text = text.replacen(from, to, 1);
    }
    parse(&text)
}

#[test]
fn a_title_heading_below_level_one_is_the_title_when_it_names_a_plan() {
    let plan = edited(&[(
        "# EU Drugs Action Plan 2021-2025",
        "## EU Drugs Action Plan 2021-2025",
    )]);
    assert_eq!(
        plan.meta.title.as_deref(),
        Some("EU Drugs Action Plan 2021-2025")
    );
    assert_eq!(
        plan.meta.period.map(|p| (p.start, p.end)),
        Some((2021, 2025))
    );
    assert_eq!(
        plan.meta.document_type.as_deref(),
        Some("OUTCOME OF PROCEEDINGS")
    );
}

#[test]
fn priorities_and_sections_are_read_with_other_separators() {
    let plan = edited(&[
        ("*Strategic priority 1:", "### Strategic priority 1 –"),
        ("## I - DRUG SUPPLY", "## I. DRUG SUPPLY"),
        ("## II - DRUG DEMAND", "## 2: DRUG DEMAND"),
    ]);
    same_actions(&plan, &parse(COUNCIL));
    let labels: Vec<Option<&str>> = (plan.sections.iter().take(2))
        .map(|s| s.label.as_deref())
        .collect();
    assert_eq!(labels, [Some("I"), Some("2")]);
    assert!(plan
        .sections
        .get(1)
        .is_some_and(|s| s.title.starts_with("DRUG DEMAND")));
}

#[test]
fn an_inserted_action_with_a_letter_is_a_row_of_its_own() {
    let row = COUNCIL
        .lines()
        .find(|l| l.starts_with("<p><b>Action 12</b>"))
        .expect("the Council fixture has Action 12");
    let inserted =
        row.replacen("Action 12", "Action 12a", 1)
            .replacen("Improve", "Also improve", 1);
    let plan = edited(&[(row, &format!("{row}\n{inserted}"))]);
    assert_eq!(plan.actions.len(), 86);
    let twelves: Vec<&str> = (plan.actions.iter())
        .filter(|a| a.number == 12)
        .map(|a| a.timetable.raw.as_str())
        .collect();
    assert_eq!(twelves, ["2021-2025", "2021-2025"]);
    assert_eq!(messages(&plan, "duplicate-action-number").len(), 1);
}

#[test]
fn headers_worded_otherwise_are_headers() {
    let header = "Action\tPriority area\tTimetable\tResponsible party <sup>1</sup>";
    let text = COUNCIL.replace(
        header,
        "Actions\tPriority areas\tTimeline\tResponsible actors <sup>1</sup>",
    );
    let plan = parse(&text);
    assert_eq!(content(&plan), content(&parse(COUNCIL)));
    assert!(messages(&plan, "orphan-row").is_empty());
}

#[test]
fn the_glossary_under_other_names_and_a_heading_no_part_has() {
    let plan = edited(&[("## Glossary of acronyms", "## List of abbreviations")]);
    assert_eq!(plan.glossary.len(), 38);
    // Under a heading the reader does not know, the glossary's lines are
    // reported, not taken into the last indicator.
    let plan = edited(&[("## Glossary of acronyms", "## Annex 2")]);
    let tabs = parse(COUNCIL);
    assert_eq!(plan.indicators, tabs.indicators);
    assert_eq!(messages(&plan, "unrecognised-line").len(), 38 + 1);
}

#[test]
fn cover_fields_with_bold_labels() {
    let plan = edited(&[
        ("From: General", "**From:** General"),
        ("To: Delegations", "<b>To</b>: Delegations"),
        ("Subject: EU Drugs", "__Subject:__ EU Drugs"),
    ]);
    let council = parse(COUNCIL);
    assert_eq!(plan.meta.from, council.meta.from);
    assert_eq!(plan.meta.to, council.meta.to);
    assert_eq!(plan.meta.subject, council.meta.subject);
    assert_eq!(plan.meta.cover_note, council.meta.cover_note);
}

#[test]
fn glossary_lines_and_indicators_numbered_otherwise() {
    let council = parse(COUNCIL);
    let glossary = COUNCIL
        .split("## Glossary of acronyms")
        .nth(1)
        .expect("the Council fixture has a glossary");
    let mut text = COUNCIL.replace(glossary, "\n\n");
    for (i, row) in glossary.lines().filter(|l| l.contains('\t')).enumerate() {
        let (acronym, expansion) = row
            .split_once('\t')
            .expect("a glossary row is tab-separated");
        let line = match i % 3 {
            0 => format!("- **{acronym}**: {expansion}\n"),
            1 => format!("{acronym} – {expansion}\n"),
            _ => format!("* {acronym}: {expansion}\n"),
        };
        text.push_str(&line);
    }
    let text = text
        .replace("- 5) **", "5. **")
        .replace("- 6) **", "(6) **");
    same_parts(&parse(&text), &council, &["glossary", "indicators"]);
}

#[test]
fn a_glossary_tables_header_and_round_bullets_hold_no_entries() {
    let council = parse(COUNCIL);
    let piped = as_pipe_tables(COUNCIL).replacen(
        "## Glossary of acronyms\n",
        "## Glossary of acronyms\n\n| Acronym | Meaning |\n|---|---|\n",
        1,
    );
    let text = piped
        .replace("\n- Drug", "\n• Drug")
        .replace("\n- International", "\n•\tInternational");
    assert!(text.contains("• Drug supply"));
    same_parts(&parse(&text), &council, &["glossary", "introduction"]);
}

#[test]
fn merged_html_cells_are_read_in_every_row_they_span() {
    let html = as_spanning_html_tables(COUNCIL);
    assert_eq!(html.matches("rowspan=").count(), 34);
    assert_eq!(html.matches("colspan=\"4\">").count(), 11);
    let plan = parse(&html);
    assert_eq!(plan.actions.len(), 85);
    assert_eq!(plan.strategic_priorities.len(), 11);
    // A carried cell keeps the span of the cell as written, in a row above.
    let mut carried = 0;
    for action in &plan.actions {
        let timetable = action.timetable.span;
        assert!(slice(&html, timetable).contains(&action.timetable.raw));
        if !action.span.contains(timetable) {
            carried += 1;
            assert!(
                timetable.end < action.span.start,
                "Action {}",
                action.number
            );
        }
    }
    assert!(carried > 20, "{carried}");
}

#[test]
fn a_table_of_a_header_alone_does_not_lend_its_columns_to_the_next() {
    let tabs = "# EU Drugs Action Plan 2021-2025\n\n## I - Supply\n\nAction\tTimetable\n\n\
        Action\tPriority area\tTimetable\tResponsible party\n\
        Action 1 Do.\t1.1 Target groups.\t2021\tEuropol\n";
    let html = "# EU Drugs Action Plan 2021-2025\n\n## I - Supply\n\n\
        <table><tr><th>Action</th><th>Timetable</th></tr></table>\n\n\
        <table><tr><th>Action</th><th>Priority area</th><th>Timetable</th><th>Responsible party</th></tr>\
        <tr><td>Action 1 Do.</td><td>1.1 Target groups.</td><td>2021</td><td>Europol</td></tr></table>\n";
    for text in [tabs, html] {
        let plan = parse(text);
        let action = plan.actions.first().expect("Action 1");
        assert_eq!(action.priority_areas, ["1.1"], "{text}");
        assert_eq!(action.timetable.raw, "2021");
        assert!(messages(&plan, "split-header").is_empty());
    }
}

#[test]
fn a_quoted_attribute_may_hold_angle_brackets() {
    let text = "# EU Drugs Action Plan 2021-2025\n\n## I - Supply\n\n<table>\n\
        <tr><th>Action</th><th>Priority area</th><th>Timetable</th><th>Responsible party</th></tr>\n\
        <tr><td>Action 1 Do things.</td><td>1.1 Target.</td><td>2021-2025</td><td>Europol</td></tr>\n\
        <tr title='a<b'><td title=\"a>b\">Action 2 Do more.</td><td>1.1</td><td>2022</td><td>Frontex</td></tr>\n\
        </table>\n";
    let plan = parse(text);
    let read: Vec<(u32, &str, &str)> = (plan.actions.iter())
        .map(|a| (a.number, a.text.as_str(), a.timetable.raw.as_str()))
        .collect();
    assert_eq!(
        read,
        [(1, "Do things.", "2021-2025"), (2, "Do more.", "2022")]
    );
}

#[test]
fn a_glossary_cells_markup_is_cleaned_as_any_cells() {
    let council = parse(COUNCIL);
    let (head, glossary) = COUNCIL
        .split_once("## Glossary of acronyms\n")
        .expect("the glossary");
    let mut text = format!("{head}## Glossary of acronyms\n\n<b>Acronym</b>\t<b>Meaning</b>\n");
    for line in glossary.lines() {
        match line.split_once('\t') {
            Some((acronym, expansion)) => {
                text.push_str(&format!("<p>{acronym}</p>\t<p>{expansion}</p>\n"));
            }
            None => text.push_str(&format!("{line}\n")),
        }
    }
    assert!(text.contains("<p>AIDS</p>\t<p>Acquired"));
    let plan = parse(&text);
    same_parts(&plan, &council, &["glossary"]);
    // The same findings (two lines further down).
    let found = |plan: &actionplan::Plan| -> Vec<String> {
        plan.diagnostics.iter().map(|d| d.message.clone()).collect()
    };
    assert_eq!(found(&plan), found(&council));
}

#[test]
fn cover_fields_are_read_from_their_cleaned_text() {
    let council = parse(COUNCIL);
    let text = COUNCIL
        .replacen("Council of the  \n", "<b>Council</b> of the  \n", 1)
        .replacen("9819/21\n", "<b>9819/21</b>\n", 1)
        .replacen("SAN 401", "SAN&nbsp;401", 1)
        .replacen(
            "From: General Secretariat",
            "From: <i>General</i> Secretariat",
            1,
        )
        .replacen("To: Delegations", "<b>To:</b> <b>Delegations</b>", 1)
        .replacen(
            "No. prev. doc.: 9373/21",
            "No. prev. doc.: <b>9373/21</b>",
            1,
        );
    let plan = parse(&text);
    same_parts(&plan, &council, &["meta"]);
    assert_eq!(plan.meta.file_codes.len(), 5);
    // Each field's span still holds its words, now among the markup.
    let spans = &plan.meta.spans;
    let spanned = [
        (spans.reference, "<b>9819/21</b>"),
        (spans.to, "Delegations"),
        (spans.from, "General</i> Secretariat of the Council"),
        (spans.previous_document, "9373/21"),
    ];
    for (span, printed) in spanned {
        assert_eq!(span.map(|s| slice(&text, s)), Some(printed));
    }
}

/// The actions of `text` (under a heading and a strategic priority), as
/// (number, text, timetable, parties).
fn read_rows(rows: &str) -> Vec<(u32, String, String, Vec<String>)> {
    let text = format!(
        "# EU Drugs Action Plan 2021-2025\n\n## I - X\n\n*Strategic priority 1: Y*\n\n{rows}"
    );
    let plan = parse(&text);
    let names = |a: &actionplan::Action| a.parties.iter().map(|p| p.name().to_owned()).collect();
    (plan.actions.iter())
        .map(|a| (a.number, a.text.clone(), a.timetable.raw.clone(), names(a)))
        .collect()
}

#[test]
fn a_grid_table_ends_where_its_lines_do() {
    let expected = |texts: [&str; 3]| -> Vec<(u32, String, String, Vec<String>)> {
        let parties = ["Europol", "Frontex", "EEAS"];
        (0..3)
            .map(|i| {
                let year = format!("202{}", i + 1);
                (
                    i as u32 + 1,
                    texts[i].to_owned(),
                    year,
                    vec![parties[i].to_owned()],
                )
            })
            .collect()
    };
    // A pipe table after a grid table, a blank line between.
    let after_grid = "+--+--+--+\n| Action | Timetable | Responsible |\n+==+==+==+\n\
        | Action 1 a | 2021 | Europol |\n+--+--+--+\n\n\
        | Action 2 b | 2022 | Frontex |\n| Action 3 c | 2023 | EEAS |\n";
    assert_eq!(read_rows(after_grid), expected(["a", "b", "c"]));
    // A stray rule in a tab table.
    let stray = "Action\tTimetable\tResponsible party\nAction 1 a\t2021\tEuropol\n+---+\n\
        Action 2 b\t2022\tFrontex\nAction 3 c\t2023\tEEAS\n";
    assert_eq!(read_rows(stray), expected(["a", "b", "c"]));
    // A header with no `+===+` under it: its first row starts the rows.
    let unruled =
        "+--+--+--+\n| Action | Timetable | Responsible |\n| Action 1 a | 2021 | Europol |\n\
        | more | | |\n+--+--+--+\n| Action 2 b | 2022 | Frontex |\n+--+--+--+\n\
        | Action 3 c | 2023 | EEAS |\n+--+--+--+\n";
    assert_eq!(read_rows(unruled), expected(["a more", "b", "c"]));
}

#[test]
fn a_carried_cell_has_its_columns_and_a_carried_label_starts_no_action() {
    let header = "<table><tr><th>Action</th><th>Priority area</th><th>Timetable</th><th>Responsible party</th></tr>\n";
    let both = format!(
        "{header}<tr><td>Action 1 a</td><td rowspan=\"2\" colspan=\"2\">1.1 2021</td><td>EEAS</td></tr>\
         <tr><td>Action 2 b</td><td>Europol</td></tr></table>\n"
    );
    let parties: Vec<Vec<String>> = read_rows(&both).into_iter().map(|r| r.3).collect();
    assert_eq!(parties, [["EEAS"], ["Europol"]]);
    let label = format!(
        "{header}<tr><td rowspan=\"2\">Action 1 a</td><td>1.1</td><td>2021</td><td>Europol</td></tr>\
         <tr><td>1.2</td><td>2022</td><td>Eurojust</td></tr></table>\n"
    );
    let numbers: Vec<u32> = read_rows(&label).into_iter().map(|r| r.0).collect();
    assert_eq!(numbers, [1]);
}

#[test]
fn a_grid_glossarys_entry_runs_to_the_rule() {
    let text = "# EU Drugs Action Plan 2021-2025\n\n## I - X\n\n\
        Action\tTimetable\tResponsible party\nAction 1 Do.\t2021\tEuropol\n\n\
        ## Glossary\n\n+------+----------------+\n\
        | EU-  | European Union |\n| LISA | Agency for IT  |\n+------+----------------+\n\
        | AIDS |                |\n|      | Acquired       |\n+------+----------------+\n\
        |      | orphan         |\n+------+----------------+\n";
    let plan = parse(text);
    let entries: Vec<(&str, &str)> = (plan.glossary.iter())
        .map(|g| (g.acronym.as_str(), g.expansion.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            ("EU-LISA", "European Union Agency for IT"),
            ("AIDS", "Acquired")
        ]
    );
    assert_eq!(messages(&plan, "unrecognised-line").len(), 1);
}

#[test]
fn a_party_after_a_character_reference_spans_its_own_words() {
    let text = "# EU Drugs Action Plan 2021-2025\n\n## I - X\n\n\
        Action\tTimetable\tResponsible party\nAction 1 Do.\t2021\tEuropol &amp; Eurojust\n";
    let plan = parse(text);
    let action = plan.actions.first().expect("Action 1");
    let printed: Vec<&str> = action.spans.party.iter().map(|s| slice(text, *s)).collect();
    assert_eq!(printed, ["Europol", "Eurojust"]);
}

/// Each writing of the Council's tables is named by the form it uses.
#[test]
fn the_plan_names_the_form_of_its_action_table() {
    use actionplan::Form;
    assert_eq!(parse(COUNCIL).form, Form::Tabs);
    for (name, text) in other_writings(COUNCIL) {
        let expected = match name {
            "pipe tables" => Form::PipeTable,
            "grid tables" => Form::GridTable,
            n if n.starts_with("HTML tables") => Form::HtmlTable,
            _ => Form::Tabs,
        };
        assert_eq!(parse(&text).form, expected, "{name}");
    }
}

/// A marker in a section's heading, a strategic priority's heading or a
/// glossary entry records which one by its number (the glossary's by the
/// entry's position), so that nothing downstream has to find it by span;
/// one in the glossary table's header row is the glossary heading's.
#[test]
fn markers_in_headings_and_glossary_entries_name_their_element() {
    let text = "# EU Drugs Action Plan 2021-2025<sup>1</sup>\n\n\
                ## I - SUPPLY\n\n\
                *Strategic priority 1: First*\n\n\
                Action\tTimetable\tResponsible party\n\
                <p><b>Action 1</b> Do.</p>\t<p>2021</p>\t<p>Europol</p>\n\n\
                ## II - DEMAND<sup>2</sup>\n\n\
                *Strategic priority 2: Second<sup>3</sup>*\n\n\
                Action\tTimetable\tResponsible party\n\
                <p><b>Action 2</b> Do more.</p>\t<p>2021</p>\t<p>Europol</p>\n\n\
                <sup>1</sup> One.\n\n<sup>2</sup> Two.\n\n<sup>3</sup> Three.\n\n\
                <sup>4</sup> Four.\n\n<sup>5</sup> Five.\n\n<sup>6</sup> Six.\n\n\
                ## Glossary of acronyms\n\n\
                Acronym<sup>6</sup>\tMeaning\n\
                EMCDDA\tEuropean Monitoring Centre\n\
                EU<sup>4</sup>\tEuropean<sup>5</sup> Union\n";
    let plan = parse(text);
    use actionplan::RefPart::{Expansion, Glossary as GlossaryHeading, Title};
    use RefSite::{Glossary, Heading, Section, StrategicPriority};
    let refs: Vec<_> = (plan.footnote_refs.iter())
        .map(|r| (r.number, r.site, r.part))
        .collect();
    assert_eq!(
        refs,
        [
            (1, Heading, Some(Title)),
            (2, Section(2), None),
            (3, StrategicPriority(2), None),
            (6, Heading, Some(GlossaryHeading)),
            (4, Glossary(2), None),
            (5, Glossary(2), Some(Expansion)),
        ]
    );
    assert_eq!(plan.glossary[1].acronym, "EU");
    assert_eq!(plan.sections[1].title, "DEMAND");
}
