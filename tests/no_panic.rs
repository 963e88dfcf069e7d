//! Hostile and broken inputs: none may panic; each gives a plan with
//! diagnostics or a clear error. Regressions from fuzzing go here too.

mod common;
#[path = "support/generate.rs"]
mod generate;

use actionplan::{parse, parse_bytes, Error, ParseOptions};
use common::*;

/// `text` parsed every way: with its dialect detected, then forced into
/// each; the readings that are plans.
fn parse_every_way(text: &str) -> Vec<actionplan::Plan> {
    [
        ParseOptions::default(),
        ParseOptions::with_dialect(actionplan::Dialect::Council),
        ParseOptions::with_dialect(actionplan::Dialect::Commission),
    ]
    .iter()
    .filter_map(|options| actionplan::parse_with(text, options).ok())
    .collect()
}

/// Checks that every diagnostic of `plan`, read from `text`, points
/// inside it.
fn points_inside(text: &str, plan: &actionplan::Plan) {
    let lines = text.split(['\n', '\r']).count().max(1);
    for d in &plan.diagnostics {
        assert!(
            d.line >= 1 && d.line <= lines,
            "line {} of {lines}: {d:?}",
            d.line
        );
        assert!(d.span.end <= text.len());
    }
}

/// Parses `text` every way ([`parse_every_way`]), checks that every
/// diagnostic points inside the input and that each plan's JSON reads back
/// to the same plan; the first reading, if any is a plan.
fn survives(text: &str) -> Option<actionplan::Plan> {
    let plans = parse_every_way(text);
    for plan in &plans {
        points_inside(text, plan);
        let json = serde_json::to_string(plan).expect("the plan serialises");
        let back: actionplan::Plan =
            serde_json::from_str(&json).expect("the plan's JSON reads back");
        assert!(&back == plan, "the plan's JSON reads back to another plan");
    }
    plans.into_iter().next()
}

/// The plan of `shape(8 * n)`, after checking that [`survives`] holds of
/// `shape(n)` and that parsing `shape(8 * n)` takes less than 24 times as
/// long as parsing `shape(n)` (each timed best of three). Work linear in
/// `n` takes 8 times as long on the larger, quadratic work 64 times; the
/// bound leaves linear work room for a busy machine and cache misses, and
/// is missed by any step whose quadratic part at `n` is at least 40 % of
/// the linear work (`(8a + 64b) / (a + b) >= 24` when `b >= 0.4 a`). Each
/// test sizes its input so that at `n` the quadratic step it guards
/// against did several times the linear work (each test says how it
/// failed; two were checked by making the code quadratic again: the
/// area-code search for every code, 27 times as long when every reading
/// was timed, and the first-byte search for long needles). Only the dialect detected is timed; the
/// forced readings are checked on the smaller input. A time ratio, not a
/// time: a debug build on a slow or busy machine passes as a fast one does.
fn survives_in_linear_time(n: usize, shape: impl Fn(usize) -> String) -> actionplan::Plan {
    let (small, large) = (shape(n), shape(8 * n));
    survives(&small).expect("a plan");
    let best_of_three = |text: &str| {
        let mut best = std::time::Duration::MAX;
        let mut plan = None;
        for _ in 0..3 {
            let start = std::time::Instant::now();
            let read = parse(text);
            best = best.min(start.elapsed());
            plan = Some(read.expect("a plan"));
        }
        (best, plan.expect("three readings"))
    };
    let ((t_small, _), (t_large, plan)) = (best_of_three(&small), best_of_three(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 24.0,
        "{ratio:.1} times as long at 8 times the size ({t_small:?} at {n}, {t_large:?} at {})",
        8 * n
    );
    points_inside(&large, &plan);
    plan
}

/// An input of a shape, at a size.
type Shape<'a> = &'a dyn Fn(usize) -> String;

/// The header of a tab-separated action table.
const HEADER: &str = "Action\tPriority area\tTimetable\tResponsible party\n";

#[test]
fn empty_and_blank_inputs_are_errors() {
    assert_eq!(parse(""), Err(Error::Empty));
    assert_eq!(parse(" \n\t\r\n  "), Err(Error::Empty));
    assert_eq!(parse(&"\n".repeat(100_000)), Err(Error::Empty));
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let mut bytes = COUNCIL.as_bytes().to_vec();
    bytes.insert(1000, 0xff);
    assert_eq!(
        parse_bytes(&bytes, &ParseOptions::default()),
        Err(Error::NotUtf8 { offset: 1000 })
    );
}

#[test]
fn nul_bytes_are_binary() {
    let text = format!("{}\0{}", &COUNCIL[..500], &COUNCIL[500..]);
    assert_eq!(parse(&text), Err(Error::Binary { offset: 500 }));
}

#[test]
fn random_bytes() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..200 {
        let bytes: Vec<u8> = (0..512)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        let _ = parse_bytes(&bytes, &ParseOptions::default());
        survives(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn line_endings_and_byte_order_marks() {
    for fixture in [COUNCIL, COMMISSION] {
        let n = parse(fixture)
            .map(|p| p.actions.len())
            .expect("the fixture is a plan");
        for variant in [
            fixture.replace('\n', "\r\n"),
            fixture.replace('\n', "\r"),
            format!("\u{feff}{fixture}"),
        ] {
            assert_eq!(survives(&variant).map(|p| p.actions.len()), Some(n));
        }
    }
}

#[test]
fn a_five_megabyte_line() {
    let line = format!(
        "<p><b>Action 1</b> {}</p>\t1.1\t2021\tEuropol\n",
        "word ".repeat(1_000_000)
    );
    let plan = survives(&line).unwrap_or_else(|| panic!("a plan"));
    assert_eq!(plan.actions.len(), 1);
    let long = "x".repeat(5_000_000);
    assert_eq!(parse(&long), Err(Error::NoActionTable { nearest: None }));
}

#[test]
fn unclosed_and_stray_tags() {
    for text in [
        "<p><b>Action 1 Do it.\t1.1\t2021\tEuropol\n",
        "<p><b>Action 1</b> Do <sup>it.\t<p>1.1\t2021</sup>\tEuropol</b></p></p>\n",
        "Action 1. <<<>>> </> <p \t1.1\t2021\t<u>Europol\n",
        "Action 1. <sup></sup>x<sup>99999999999</sup> y\t1.1\t2021\tEuropol\n",
    ] {
        assert!(survives(text).is_some(), "{text}");
    }
}

#[test]
fn a_row_of_forty_tabs() {
    let text = format!(
        "Action\tPriority area\tTimetable\tResponsible party\n{}\n<p><b>Action 1</b> x</p>{}\n",
        "\t".repeat(40),
        "\t".repeat(40)
    );
    let plan = survives(&text).unwrap_or_else(|| panic!("a plan"));
    assert_eq!(plan.actions.len(), 1);
}

#[test]
fn a_hundred_thousand_blank_lines_inside_a_plan() {
    // Looking for the next non-blank line from each blank one was
    // quadratic in the run of blank lines.
    for (fixture, at) in [(COMMISSION, "Action 3."), (COUNCIL, "<p><b>Action 3</b>")] {
        let i = fixture
            .find(at)
            .unwrap_or_else(|| panic!("the fixture has no {at}"));
        let blank_lines = |n| format!("{}{}{}", &fixture[..i], "\n".repeat(n), &fixture[i..]);
        let plan = survives_in_linear_time(12_500, blank_lines);
        assert_eq!(
            plan.actions.len(),
            parse(fixture)
                .map(|p| p.actions.len())
                .expect("the fixture is a plan")
        );
    }
}

#[test]
fn an_action_continued_over_fifty_thousand_rows() {
    // Joining each continuation row (or indicator line) to a copy of the
    // text so far was quadratic in the rows: 50,000 of them took minutes.
    let rows = |n| {
        let mut text = String::from("Action 1. Start\t1.1\t2021\tEuropol\n");
        for i in 0..n {
            text.push_str(&format!("more text number {i} here\t\t\tEMCDDA\n"));
        }
        text
    };
    let indicator = |n| {
        let mut text = String::from("Action 1. Start\t1.1\t2021\tEuropol\nAnnex 2\nPerformance Indicators\nPerformance indicator 1. x\n");
        for i in 0..n {
            text.push_str(&format!("more text number {i} here\n"));
        }
        text
    };
    let plan = survives_in_linear_time(6_250, rows);
    assert_eq!(plan.actions.len(), 1);
    assert_eq!(plan.actions[0].parties.len(), 50_001);
    let plan = survives_in_linear_time(6_250, indicator);
    assert!(plan.indicators[0].text.ends_with("number 49999 here"));
}

#[test]
fn a_header_with_no_rows_is_not_a_plan() {
    assert_eq!(
        parse("Action\tPriority area\tTimetable\tResponsible party\n"),
        Err(Error::NoActionTable { nearest: None })
    );
}

#[test]
fn a_table_cut_mid_row() {
    for fixture in [COUNCIL, COMMISSION] {
        for cut in [fixture.len() / 3, fixture.len() / 2, fixture.len() - 1] {
            let mut end = cut;
            while !fixture.is_char_boundary(end) {
                end -= 1;
            }
            survives(&fixture[..end]);
        }
    }
}

#[test]
fn every_prefix_of_a_fixture_line_by_line() {
    let lines: Vec<&str> = COMMISSION.lines().collect();
    for n in (0..lines.len()).step_by(7) {
        survives(&lines[..n].join("\n"));
    }
}

#[test]
fn generated_plans_parse_completely() {
    let text = generate::council_plan(230);
    let plan = survives(&text).unwrap_or_else(|| panic!("a plan"));
    assert_eq!(plan.actions.len(), 230);
    assert_eq!(plan.strategic_priorities.len(), 23);
    assert_eq!(plan.footnotes.len(), 9);
    assert!(!plan.has_errors(), "{:?}", codes(&plan));
}

#[test]
fn generated_plans_stay_valid_beyond_999_priorities_worth_of_actions() {
    let n = 10 * generate::MAX_PRIORITIES + 500;
    let plan = survives(&generate::council_plan(n)).unwrap_or_else(|| panic!("a plan"));
    assert_eq!(plan.actions.len(), n as usize);
    assert!(plan.strategic_priorities.len() <= generate::MAX_PRIORITIES as usize);
    let first: Vec<_> = plan.diagnostics.iter().take(3).collect();
    assert!(first.is_empty(), "{first:?}");
}

#[test]
fn parsing_time_grows_linearly() {
    // Guards against quadratic blow-ups only; the real figures are in benches/.
    let plan = survives_in_linear_time(250, |n| generate::council_plan(n as u32));
    assert_eq!(plan.actions.len(), 2_000);
}

#[test]
fn ten_thousand_rows_each_spanning_to_the_tables_end() {
    // Each row's second cell reaches to the end of the table, and pushes
    // the next row's one column further right: carried whole, every row
    // would hold all the cells above it.
    let table = |n| {
        let mut text =
            String::from("# Plan 2021-2025\n\n<table><tr><th>Action</th><th>Timetable</th></tr>\n");
        for i in 1..=n {
            text.push_str(&format!(
                "<tr><td>Action {i} Do.</td><td rowspan=\"0\">202{}</td></tr>\n",
                i % 5
            ));
        }
        text.push_str("</table>\n");
        text
    };
    let plan = survives_in_linear_time(1_250, table);
    assert_eq!(plan.actions.len(), 10_000);
}

#[test]
fn long_words_and_codes_printed_otherwise_than_they_read() {
    // A priority-area code and a party name of half a million bytes, each
    // broken by a tag (so not found as printed) and followed by more of
    // its first byte: a search comparing the whole needle at every place
    // its first byte stands is quadratic here (58 s and 79 s at twice
    // this size in a release build, where the linear search takes 0.1 s).
    let area = |n: usize| {
        format!(
            "{HEADER}<p><b>Action 1</b> Do.</p>\t<b>1</b>{}.1 {}\t2021-2025\tEuropol\n",
            "1".repeat(n),
            "1".repeat(2 * n)
        )
    };
    let party = |n: usize| {
        format!(
            "{HEADER}<p><b>Action 1</b> Do.</p>\t1.1\t2021-2025\ta<b></b>{}b {}\n",
            "a".repeat(n),
            "a".repeat(2 * n)
        )
    };
    let shapes: [Shape; 2] = [&area, &party];
    for shape in shapes {
        let plan = survives_in_linear_time(62_500, shape);
        assert_eq!(plan.actions.len(), 1);
    }
}

#[test]
fn a_cell_of_many_area_codes_and_a_long_garbled_repeat() {
    // Each of these was quadratic: a priority-area cell listing 32,000
    // distinct codes (each searched for from the cell's start), and a
    // continuation row repeating an action's text of 644,000 characters
    // with every twelfth changed (the character diff that judged it a
    // garbled repeat costs its length times its edits; so long a line is
    // no longer judged).
    let areas = |n: usize| {
        let codes: Vec<String> = (0..n)
            .map(|i| format!("{}.{}", i / 1_000 + 1, i % 1_000 + 1))
            .collect();
        format!(
            "{HEADER}<p><b>Action 1</b> Do.</p>\t{} Track\t2021-2025\tEuropol\n",
            codes.join(" ")
        )
    };
    let garble = |n: usize| {
        let text = "member states cooperate with Europol on drugs ".repeat(n);
        let garbled: String = text
            .chars()
            .enumerate()
            .map(|(i, c)| if i % 12 == 0 { 'q' } else { c })
            .collect();
        format!("{HEADER}<p><b>Action 1</b> {text}</p>\t1.1 Area\t2021-2025\tEuropol\n{garbled}\n")
    };
    let shapes: [(Shape, usize, usize); 2] = [(&areas, 4_000, 32_000), (&garble, 1_750, 1)];
    for (shape, n, areas) in shapes {
        let plan = survives_in_linear_time(n, shape);
        let input = shape(8 * n);
        assert_eq!(plan.actions.len(), 1);
        assert_eq!(plan.priority_areas.len(), areas);
        for area in &plan.priority_areas {
            let printed = &input[area.span.start..area.span.start + area.code.len()];
            assert_eq!(printed, area.code);
        }
        let dropped = plan
            .diagnostics
            .iter()
            .filter(|d| d.code().as_str() == "dropped-garbled-line");
        assert_eq!(dropped.count(), 0);
    }
}

#[test]
fn a_long_cell_merged_down_every_row_is_not_repeated_without_bound() {
    // A parties cell of 20,000 bytes merged (`rowspan="0"`) down 4,000
    // rows: repeated into each, the plan would hold 80 MB of parties read
    // from 200 KB (in 3,999 actions), as entity expansion does in XML.
    let parties = "Europol ".repeat(2_500);
    let mut text = String::from(
        "<table>\n<tr><th>Action</th><th>Priority area</th><th>Timetable</th>\
         <th>Responsible parties</th></tr>\n",
    );
    text.push_str(&format!(
        "<tr><td>Action 1 Do.</td><td>1.1 Area</td><td>2021</td><td rowspan=\"0\">{parties}</td></tr>\n"
    ));
    for i in 2..=4_000 {
        text.push_str(&format!(
            "<tr><td>Action {i} Do.</td><td>1.1</td><td>2021</td></tr>\n"
        ));
    }
    text.push_str("</table>\n");
    let plan = survives(&text).unwrap_or_else(|| panic!("a plan"));
    assert_eq!(plan.actions.len(), 4_000);
    let parties: usize = plan.actions.iter().map(|a| a.parties.len()).sum();
    // Linear in the input: the parties' text held (8 bytes each) is at
    // most the input's, repeated twice over, and 64 KiB.
    assert!(
        parties * 8 <= 3 * text.len() + 64 * 1024,
        "{parties} parties from {} bytes",
        text.len()
    );
    let uncarried = plan
        .diagnostics
        .iter()
        .filter(|d| d.code().as_str() == "uncarried-cell");
    assert_eq!(uncarried.count(), 1);
}

#[test]
fn texts_continued_line_after_line_and_many_places_on_one_line() {
    // Each of these was quadratic: a cover note, a glossary entry or a
    // footnote continued line after line (the note and the entry joined
    // anew on each line; each footnote line searched all references
    // before it for a marker at the text's end); a merged header cell of
    // many header words (each longer prefix read anew); and many markers
    // in one long line of escaped pipes (each marker's backslashes
    // counted over all of them, each position's column counted from the
    // line's start).
    let head = "<p>Council of the European Union</p>\n\nBrussels, 21 June 2021\n\n9819/21\n\nCORDROGUE 27\n\n";
    let title = "# EU Drugs Action Plan 2021-2025\n\n";
    let table = "Action\tPriority area\tTimetable\tResponsible party\n\
        <p><b>Action 1</b> Do.</p>\t1.1\t2021-2025\tEuropol\n";
    let cover_note = |n: usize| {
        format!(
            "{head}{}\n{title}{table}",
            "Delegations will find enclosed the text.\n".repeat(n)
        )
    };
    let glossary = |n: usize| {
        format!(
            "{head}{title}{table}\n## Glossary of acronyms\n\nEMCDDA\tEuropean Monitoring Centre\n{}",
            "\tcontinued expansion words\n".repeat(n)
        )
    };
    let footnote = |n: usize| {
        format!(
            "{head}{title}{table}\n<sup>1</sup> A footnote.\n{}",
            "more<sup>2</sup> text\n".repeat(n)
        )
    };
    let merged = |n: usize| {
        format!(
            "{head}{title}Actions Action 1 Do.\tpriority {}1.1\t2021-2025\tEuropol\n",
            "area ".repeat(n)
        )
    };
    let pipes = |n: usize| {
        format!(
            "{head}{title}| Action | Priority area | Timetable | Responsible party |\n|---|---|---|---|\n\
             | Action 1 {} | 1.1 | 2021-2025 | Europol |\n",
            "x<sup>1</sup> \\| ".repeat(n)
        )
    };
    // The old code, in a release build, at the largest sizes once tested
    // (60,000 lines of cover note, 100,000 of glossary, 60,000 of
    // footnote, 60,000 header words, 80,000 markers): 4.5 s, 14.5 s,
    // 1.4 s, 8.7 s and 3.2 s, where the linear code takes 0.01 to 0.2 s.
    // The quadratic part, 11 to 800 times the linear work there, is still
    // over 1.4 times it at the eighth of that size the footnote and the
    // pipes are timed at, and several times it at the quarter of that the
    // others are.
    let shapes: [(Shape, usize); 5] = [
        (&cover_note, 1_875),
        (&glossary, 3_125),
        (&footnote, 7_500),
        (&merged, 7_500),
        (&pipes, 10_000),
    ];
    for (shape, n) in shapes {
        let plan = survives_in_linear_time(n, shape);
        assert_eq!(plan.actions.len(), 1);
    }
}

#[test]
fn party_names_run_together_by_the_hundred_thousand() {
    // One word of 100,000 names run together was split by a recursive
    // search, a call per name, which overflowed the stack; and a cell of
    // many such words, some of which split into no known parties, was
    // read in time quadratic in its words (each part compared with every
    // word and every segment; each run's parties found among all).
    let row =
        |parties: &str| format!("{HEADER}<p><b>Action 1</b> Do.</p>\t1.1\t2021-2025\t{parties}\n");
    let one_word = |n: usize| row(&"EuropolEurojust".repeat(n));
    let many_words = |n: usize| row(&"EUEuropol EuropolFrontex Interpol ".repeat(n));
    // `EUEuropol` stays whole (EU is no party): with `Interpol`, a run of
    // unknown words, one party; then Europol and Frontex, each time.
    let shapes: [(Shape, usize, usize); 2] = [
        (&one_word, 1_250, 2 * 10_000),
        (&many_words, 1_250, 1 + 3 * 10_000),
    ];
    for (shape, n, parties) in shapes {
        let plan = survives_in_linear_time(n, shape);
        assert_eq!(plan.actions[0].parties.len(), parties);
    }
    // As deep as the word that overflowed the stack, and more.
    let plan = survives(&one_word(50_000)).expect("a plan");
    assert_eq!(plan.actions[0].parties.len(), 100_000);
}

#[test]
fn a_cell_of_tags_whose_quotes_read_the_other_way_round() {
    // A tag's attributes are read up to a `>` outside quoted values, or a
    // `<` outside them that ends them as no tag. From each `<` of `<b
    // y="<a " y="<a " … <`, in a cell or an HTML row, the reading went on
    // to the text's end: each `<a "` reads the quotes the other way round
    // from the `<` before it, so no reading met the others' `<` outside
    // its quotes, and each `<` was read afresh.
    let tags = |n: usize| format!("<b{} <", " y=\"<a \"".repeat(n));
    let cell = |n: usize| {
        let tags = tags(n);
        format!("{HEADER}<p><b>Action 1</b> Do {tags}</p>\t1.1\t2021-2025\tEuropol\n")
    };
    let row = |n: usize| {
        let tags = tags(n);
        format!(
            "<table>\n<tr><th>Action</th><th>Priority area</th><th>Timetable</th>\
             <th>Responsible party</th></tr>\n\
             <tr><td>Action 1 Do {tags}</td><td>1.1</td><td>2021-2025</td><td>Europol</td></tr>\n\
             </table>\n"
        )
    };
    let shapes: [Shape; 2] = [&cell, &row];
    for shape in shapes {
        let plan = survives_in_linear_time(3_750, shape);
        assert_eq!(plan.actions.len(), 1);
    }
}

#[test]
fn unknown_names_kept_apart_by_the_hundred_thousand() {
    // Each unknown name ends where the next visibly starts (an acronym, a
    // comma, a capital after an acronym), and a glossary acronym is read
    // off the start of an unknown name: each step looks at a word and its
    // neighbour, never back over the cell.
    let row = |n: usize| {
        format!(
            "{HEADER}<p><b>Action 1</b> Do.</p>\t1.1\t2021-2025\t{}\n\n## Glossary of acronyms\n\nHWPD\tHorizontal Working Party on Drugs\n",
            "Interpol UNODC, national authorities HWPD local bodies Council WP CATS ".repeat(n)
        )
    };
    let plan = survives_in_linear_time(1_250, row);
    // Per repetition: Interpol, UNODC, `national authorities`, Council WP
    // HDG, `local bodies`, Council WP CATS.
    assert_eq!(plan.actions[0].parties.len(), 6 * 10_000);
    let hdg = plan.actions[0]
        .parties
        .iter()
        .filter(|p| p.working_party() == Some("HDG"));
    assert_eq!(hdg.count(), 10_000);
}
