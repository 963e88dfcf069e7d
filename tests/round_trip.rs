//! `render` writes a plan back as clean Council-dialect text: parsing it
//! gives the same model, and rendering is a fixed point.

mod common;
#[path = "support/generate.rs"]
mod generate;

use common::*;

fn round_trip(text: &str) {
    let plan = parse(text);
    let rendered = actionplan::render(&plan);
    assert_markdown_headings(&rendered);
    let again = parse(&rendered);
    assert_eq!(again.dialect, actionplan::Dialect::Council);
    let (a, b) = (content(&plan), content(&again));
    for key in [
        "meta",
        "introduction",
        "objectives",
        "sections",
        "strategic_priorities",
        "priority_areas",
        "actions",
        "footnotes",
        "indicators",
        "glossary",
    ] {
        if key == "meta" {
            let mut meta_a = a[key].clone();
            let mut meta_b = b[key].clone();
            meta_a["span"] = serde_json::Value::Null;
            meta_b["span"] = serde_json::Value::Null;
            assert_eq!(meta_a, meta_b, "meta");
            continue;
        }
        assert_eq!(a[key], b[key], "{key}");
    }
    assert_eq!(
        referred_from(&plan),
        referred_from(&again),
        "footnote references"
    );
    // The rendered text has no error the source did not have.
    let errors = |plan: &actionplan::Plan| -> std::collections::BTreeSet<String> {
        (plan.diagnostics.iter())
            .filter(|d| d.severity == actionplan::Severity::Error)
            .map(|d| d.code().to_string())
            .collect()
    };
    assert!(
        errors(&again).is_subset(&errors(&plan)),
        "{:?}",
        codes(&again)
    );
    assert_eq!(
        actionplan::render(&again),
        rendered,
        "rendering twice gives the same bytes"
    );
}

/// A Markdown reader finds every heading `render` wrote: a heading after a
/// table row needs a blank line, or it is read as part of the row.
fn assert_markdown_headings(rendered: &str) {
    use pulldown_cmark::{Event, Parser, Tag};
    let written = rendered.lines().filter(|l| l.starts_with('#')).count();
    let read = Parser::new(rendered)
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    assert!(written > 0);
    assert_eq!(read, written, "headings a Markdown reader finds");
    assert!(!rendered.contains("\n\n\n"), "no double blank lines");
}

/// Which footnotes are referred to from where (site and part), and where
/// in the text. A
/// source repeats its table header on every page, a rendered text once per
/// table, so the markers of repeated headers count once.
fn referred_from(plan: &actionplan::Plan) -> Vec<String> {
    let mut refs: Vec<String> = plan
        .footnote_refs
        .iter()
        .map(|r| {
            format!(
                "{:?} {:?} -> {} at {:?}",
                r.site, r.part, r.number, r.offset
            )
        })
        .collect();
    refs.sort();
    refs.dedup_by(|a, b| a == b && a.starts_with("TableHeader"));
    refs
}

#[test]
fn council_round_trips() {
    round_trip(COUNCIL);
}

#[test]
fn other_writings_round_trip_into_the_councils_own() {
    // The text written is the one the Council's own text gives.
    let render = |text: &str| actionplan::render(&parse(text));
    let council = render(COUNCIL);
    for (name, text) in other_writings(COUNCIL) {
        round_trip(&text);
        assert_eq!(render(&text), council, "{name}");
    }
}

#[test]
fn commission_round_trips_into_clean_text() {
    round_trip(COMMISSION);
    let clean = actionplan::render(&parse(COMMISSION));
    assert!(!clean.contains("guidennes"));
    assert!(clean.contains("European Commission Member States EMCDDA European Medicines Agency</p>\n<p><b>Action 33</b>"));
}

/// Markers in a footnote's text, in an indicator's sources and in a
/// timetable cell keep their sites, and those in texts their places.
#[test]
fn markers_outside_action_texts_round_trip() {
    let text = COUNCIL
        .replacen(
            "UNODC/WHO International",
            "UNODC/WHO<sup>4</sup> International",
            1,
        )
        .replacen(
            "Development- centered",
            "Development<sup>2</sup>- centered",
            1,
        )
        .replacen("<p>2021-2025</p>", "<p>2021-2025<sup>3</sup></p>", 1);
    let plan = parse(&text);
    let refs: Vec<_> = plan
        .footnote_refs
        .iter()
        .filter(|r| matches!(r.site, actionplan::RefSite::Footnote(_)))
        .map(|r| (r.site, r.number, r.offset))
        .collect();
    use actionplan::RefSite::Footnote;
    assert_eq!(
        refs,
        [(Footnote(2), 4, Some(9)), (Footnote(7), 2, Some(127))]
    );
    let offsets = |n| {
        plan.footnotes
            .iter()
            .find(|f| f.number == n)
            .map(|f| f.text.clone())
    };
    assert!(offsets(2).is_some_and(|t| t.get(..9) == Some("UNODC/WHO")));
    assert!(offsets(7).is_some_and(|t| t.get(..127).is_some_and(|t| t.ends_with(" Development"))));
    round_trip(&text);
}

/// Markers in the cover, the introduction, headings, an indicator's title
/// and the glossary are kept with their sites (and, in the introduction,
/// their places), and come back from `render`.
#[test]
fn markers_in_every_part_of_a_plan_round_trip() {
    let text = COUNCIL
        .replacen(
            "Subject: EU Drugs Action Plan 2021 - 2025",
            "Subject: EU Drugs Action Plan<sup>1</sup> 2021 - 2025",
            1,
        )
        .replacen(
            "# EU Drugs Action Plan 2021-2025",
            "# EU Drugs Action Plan 2021-2025<sup>2</sup>",
            1,
        )
        .replacen(
            "the overarching political framework",
            "the overarching<sup>3</sup> political framework",
            1,
        )
        .replacen(
            "## II - DRUG DEMAND REDUCTION",
            "## II - DRUG DEMAND<sup>4</sup> REDUCTION",
            1,
        )
        .replacen(
            "organised crime groups:**",
            "organised crime groups<sup>5</sup>:**",
            1,
        )
        .replacen(
            "Centre for Drugs and Drug Addiction",
            "Centre for Drugs<sup>6</sup> and Drug Addiction",
            1,
        );
    let plan = parse(&text);
    use actionplan::RefSite::*;
    let sites: Vec<_> = (plan.footnote_refs.iter())
        .filter(|r| r.number <= 6 && !matches!(r.site, Action(_) | TableHeader))
        .map(|r| (r.site, r.number, r.offset))
        .collect();
    assert_eq!(
        sites,
        [
            (Cover, 1, None),
            (Heading, 2, None),
            (Introduction(1), 3, Some(100)),
            (Section(2), 4, None),
            (Indicator(1), 5, None),
            (Glossary(7), 6, None),
        ]
    );
    assert!(plan.introduction[0].text[..100].ends_with(" the overarching"));
    assert_eq!(
        plan.meta.subject.as_deref(),
        Some("EU Drugs Action Plan 2021 - 2025")
    );
    assert_eq!(plan.indicators[0].footnotes, [5]);
    round_trip(&text);
}

/// The plans of the 2009-2020 family come back with their objectives and
/// every column of their tables: the golden inputs of each shape (an
/// objective column, objective rows in a pipe table, an unknown column).
#[test]
fn family_plans_round_trip() {
    for name in [
        "family-objective-column",
        "family-objective-rows",
        "family-parties-and-timetables",
        "family-labelled-fields",
    ] {
        let path = format!(
            "{}/tests/golden/{name}/input.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let plan = parse(&text);
        assert!(!plan.actions.is_empty(), "{name}");
        round_trip(&text);
    }
    // Expected outcome and state of play, an empty cell among them.
    let text = "# EU Action Plan on Drugs 2009-2012\n\n## Coordination\n\n\
                Objective\tAction\tTimetable\tResponsible party\tExpected outcome\tState of play\n\
                1. Coordinate\t1. Meet yearly\t2010\tCOM\tA report\tDone\n\
                \t2. Share\t2011\tMS\tBetter data\t\n";
    let plan = parse(text);
    let cells: Vec<_> = (plan.actions.iter())
        .map(|a| (a.outcome.as_deref(), a.progress.as_deref()))
        .collect();
    assert_eq!(
        cells,
        [
            (Some("A report"), Some("Done")),
            (Some("Better data"), None)
        ]
    );
    round_trip(text);
    // Footnote markers in an objective and in a family column.
    let text = include_str!("golden/family-objective-column/input.txt")
        .replacen("5. Improve judicial", "5. Improve<sup>1</sup> judicial", 1)
        .replacen("EU SOCTA", "EU SOCTA<sup>2</sup>", 1)
        + "\n<sup>1</sup> One.\n\n<sup>2</sup> Two.\n";
    let plan = parse(&text);
    let sites: Vec<_> = (plan.footnote_refs.iter())
        .map(|r| (r.site, r.number, r.offset))
        .collect();
    use actionplan::RefSite::{Action, Objective};
    assert_eq!(sites, [(Action(2), 2, None), (Objective(5), 1, Some(7))]);
    round_trip(&text);
}

/// What `render` writes for the family: the objective in the first row
/// it serves, bare action numbers, indicators as bullets (overarching ones
/// first), assessment joined with `; `, an unknown column under its header.
#[test]
fn family_columns_are_written_in_the_familys_order() {
    let text = include_str!("golden/family-objective-column/input.txt");
    let rendered = actionplan::render(&parse(text));
    let table: Vec<&str> = rendered
        .lines()
        .skip_while(|l| !l.starts_with("Objective\t"))
        .collect();
    assert_eq!(
        table,
        [
            "Objective\tAction\tTimetable\tResponsible party\tIndicators\tData collection and assessment mechanisms",
            "<p>4. Enhance effective law enforcement co- ordination within the EU</p>\t<p>1. Utilise to best effect available intelligence and information sharing instruments</p>\t<p>Ongoing</p>\t<p>Member States Europol</p>\t<p>• Overarching indicator 7, 15 • Extent of joint operations • Use of SIENA</p>\t<p>Europol Reporting; Eurojust Reporting</p>",
            "\t<p>2. Identify the most pressing threats</p>\t<p>2017</p>\t<p>Europol Eurojust</p>\t<p>• EU Policy Cycle in place</p>\t<p>EU SOCTA</p>",
            "<p>5. Improve judicial cooperation</p>\t<p>3. Strengthen training</p>\t<p>2018-2019</p>\t<p>CEPOL</p>\t<p>• Number of trainings</p>\t<p>CEPOL reporting</p>",
        ]
    );
    let text = include_str!("golden/family-objective-rows/input.txt");
    let rendered = actionplan::render(&parse(text));
    assert!(
        rendered.contains("Objective\tAction\tTimetable\tResponsible party\tIndicators\tRemarks\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("\t<p>2. Raise awareness of the risks</p>\t<p>2014</p>\t<p>European Commission</p>\t<p>Overarching indicator 3</p>\t\n"),
        "{rendered}"
    );
}

#[test]
fn generated_plans_round_trip() {
    round_trip(&generate::council_plan(57));
}

/// Two indicators under one number each keep their own markers, in the
/// model and in `render`.
#[test]
fn indicators_with_one_number_keep_their_own_markers() {
    let text = "Action\tTimetable\tResponsible party\n<p><b>Action 1</b> Do.</p>\t<p>2021</p>\t<p>Europol</p>\n\n## Indicators\n\n- 1) **A<sup>3</sup>:** Number<sup>1</sup> of things\n- 1) **B<sup>4</sup>:** Other<sup>2</sup> one\n\n<sup>1</sup> One.\n\n<sup>2</sup> Two.\n\n<sup>3</sup> Three.\n\n<sup>4</sup> Four.\n";
    let plan = parse(text);
    let footnotes: Vec<&[u32]> = plan.indicators.iter().map(|i| &i.footnotes[..]).collect();
    assert_eq!(footnotes, [&[3, 1][..], &[4, 2][..]]);
    let rendered = actionplan::render(&plan);
    assert!(
        rendered.contains("- 1) **A<sup>3</sup>:** Number<sup>1</sup> of things\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("- 1) **B<sup>4</sup>:** Other<sup>2</sup> one\n"),
        "{rendered}"
    );
}

/// A plan whose markers stand in every part of a row continued over two
/// lines, in a cell beyond the header's columns, in an indicator's sources
/// and in headings; with a section and strategic priorities that no action
/// comes under.
const PARTS: &str = "# EU Drugs Action Plan 2021-2025<sup>9</sup>

## I - SUPPLY

*Strategic priority 1: First*

Action\tPriority area\tTimetable\tResponsible party
<p><b>Action 1</b> Do one thing.</p>\t<p>1.1</p>\t<p>2021</p>\t<p>Member States</p>

*Strategic priority 2: Without actions<sup>2</sup>*

## II - EMPTY SECTION<sup>3</sup>

*Strategic priority 3: Under the empty section*

## III - DEMAND

*Strategic priority 4: Fourth*

Action\tPriority area\tTimetable\tResponsible party
<p><b>Action 2</b> Do another thing</p>\t<p>4.1</p>\t<p>2021-2025<sup>6</sup></p>\t<p>Member States</p>\t<p>stray<sup>7</sup></p>
<p>and more<sup>4</sup>.</p>\t<p>4.2</p>\t\t<p>Europol<sup>5</sup> Eurojust EMCDDA Frontex European Commission</p>

## Indicators

- 1) **Seizures<sup>8</sup>:** Number of seizures (Sources: EMCDDA; Europol<sup>10</sup>)

<sup>1</sup> Unused.

<sup>2</sup> Two.

<sup>3</sup> Three.

<sup>4</sup> Four.

<sup>5</sup> Five.

<sup>6</sup> Six.

<sup>7</sup> Seven.

<sup>8</sup> Eight.

<sup>9</sup> Nine.

<sup>10</sup> Ten.
";

#[test]
fn every_marker_keeps_its_part_and_render_writes_it_there() {
    use actionplan::RefPart::*;
    use actionplan::RefSite::{Action, Heading, Indicator, Section, StrategicPriority};
    let plan = parse(PARTS);
    let parts: Vec<_> = (plan.footnote_refs.iter())
        .map(|r| (r.number, r.site, r.part))
        .collect();
    assert_eq!(
        parts,
        [
            (9, Heading, Some(Title)),
            (2, StrategicPriority(2), None),
            (3, Section(2), None),
            (6, Action(2), Some(Timetable)),
            (7, Action(2), None),
            (4, Action(2), Some(Text)),
            (5, Action(2), Some(Parties)),
            (8, Indicator(1), Some(Title)),
            (10, Indicator(1), Some(Sources)),
        ]
    );
    assert_eq!(plan.actions[1].footnotes, [4, 6, 5, 7]);
    assert!(codes(&plan).iter().any(|(code, _)| code == "extra-cell"));
    // Nine sections and priorities, actions or not, in the plan's order.
    let rendered = actionplan::render(&plan);
    let headings: Vec<&str> = (rendered.lines())
        .filter(|l| l.starts_with('#') || l.starts_with("*Strategic"))
        .collect();
    assert_eq!(
        headings,
        [
            "# EU Drugs Action Plan 2021-2025<sup>9</sup>",
            "## I - SUPPLY",
            "*Strategic priority 1: First*",
            "*Strategic priority 2: Without actions<sup>2</sup>*",
            "## II - EMPTY SECTION<sup>3</sup>",
            "*Strategic priority 3: Under the empty section*",
            "## III - DEMAND",
            "*Strategic priority 4: Fourth*",
            "## Indicators",
        ]
    );
    // A marker in a cell other than the text goes at the cell's end; one
    // beyond the columns stays beyond them.
    assert!(
        rendered.contains("<p><b>Action 2</b> Do another thing and more<sup>4</sup>.</p>\t<p>4.1 4.2</p>\t<p>2021-2025<sup>6</sup></p>\t<p>Member States Europol Eurojust EMCDDA Frontex European Commission<sup>5</sup></p>\t<p><sup>7</sup></p>\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("(Sources: EMCDDA; Europol<sup>10</sup>)"),
        "{rendered}"
    );
    round_trip(PARTS);
}

/// A marker whose footnote has no text is reported with the cell it is in
/// (and, as footnote 1 is the one nothing refers to, suggests it).
#[test]
fn an_undefined_footnote_is_reported_with_its_cell() {
    let text = PARTS.replacen("<sup>6</sup> Six.\n\n", "", 1);
    let plan = parse(&text);
    assert_eq!(
        messages(&plan, "undefined-footnote"),
        ["Action 2's timetable cell refers to footnote 6, which has no text (did you mean 1?)"]
    );
}

/// Character references are decoded, and `render` writes what would read as
/// markup (`&`, `<`, `*`) as references again.
#[test]
fn character_references_are_decoded_and_written_back() {
    let text = COUNCIL.replacen(
        "systems used by drug-related organised crime groups (e.g. Hawala)",
        "systems used by drug&#8209;related crime groups (e.g. Hawala &amp; <i>hundi</i>, &lt;b&gt; 2 * 3 &#91;^4])",
        1,
    );
    let plan = parse(&text);
    let action = plan.action(5).map(|a| a.text.as_str()).expect("Action 5");
    assert!(
        action.ends_with("drug\u{2011}related crime groups (e.g. Hawala & hundi, <b> 2 * 3 [^4])."),
        "{action}"
    );
    let rendered = actionplan::render(&plan);
    assert!(rendered.contains("(e.g. Hawala &amp; hundi, &lt;b> 2 &#42; 3 &#91;^4]).</p>"));
    round_trip(&text);
}

/// A plan whose title is lost still has its introduction: a heading that
/// names a part opens it on the cover too. Cover lines that clean to
/// nothing add no space to the cover note, and bare bullets make no
/// paragraph.
#[test]
fn the_cover_gives_way_to_a_named_part() {
    let text = "Council of the European Union\n\nBrussels, 21 June 2021\n\n9819/21\n\n\
                <b><sup>1</sup></b>\n\nDelegations will find enclosed the plan.\n\n\
                ## Introduction\n\nThe plan begins.\n\n- \n\n- An item.\n\n\
                ## I - SUPPLY\n\n\
                Action\tTimetable\tResponsible party\n\
                <p><b>Action 1</b> Do.</p>\t<p>2021</p>\t<p>Europol</p>\n\n\
                <sup>1</sup> One.\n";
    let plan = parse(text);
    assert_eq!(plan.meta.document_type, None);
    assert_eq!(
        plan.meta.cover_note.as_deref(),
        Some("Delegations will find enclosed the plan.")
    );
    let paragraphs: Vec<&str> = plan.introduction.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(paragraphs, ["The plan begins.", "An item."]);
    let parts: Vec<_> = plan
        .footnote_refs
        .iter()
        .map(|r| (r.site, r.part))
        .collect();
    use actionplan::{RefPart::CoverNote, RefSite::Cover};
    assert_eq!(parts, [(Cover, Some(CoverNote))]);
    round_trip(text);
}
