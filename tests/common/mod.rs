//! Helpers shared by the integration tests.
#![allow(dead_code)]

use actionplan::Plan;
use serde_json::Value;

pub const COUNCIL: &str = include_str!("../../fixtures/council-9819-21.txt");
pub const COMMISSION: &str = include_str!("../../fixtures/commission-com-2020-606.txt");

pub fn parse(text: &str) -> Plan {
    match actionplan::parse(text) {
        Ok(plan) => plan,
        Err(e) => panic!("not a plan: {e}"),
    }
}

/// The plan as JSON without spans (byte offsets), for snapshots and for
/// comparing texts whose offsets differ.
pub fn without_spans(plan: &Plan) -> Value {
    let mut value = serde_json::to_value(plan).expect("the plan serialises");
    strip(&mut value, &["span", "spans"]);
    value
}

/// What a reader of the document would write down: no spans, no lines, no
/// diagnostics (repairs say where they happened, so they move with the
/// artefact), and not the form its table was written in.
pub fn content(plan: &Plan) -> Value {
    let mut value = without_spans(plan);
    strip(
        &mut value,
        &["line", "diagnostics", "footnote_refs", "form"],
    );
    value
}

/// Asserts that two readings of a plan have the same actions, priority
/// areas and strategic priorities (spans and repairs aside).
pub fn same_actions(a: &Plan, b: &Plan) {
    let (a, b) = (content(a), content(b));
    assert_eq!(a["actions"], b["actions"]);
    assert_eq!(a["priority_areas"], b["priority_areas"]);
    assert_eq!(a["strategic_priorities"], b["strategic_priorities"]);
}

fn strip(value: &mut Value, keys: &[&str]) {
    match value {
        Value::Object(map) => {
            for key in keys {
                map.remove(*key);
            }
            map.values_mut().for_each(|v| strip(v, keys));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip(v, keys)),
        _ => {}
    }
}

/// The source text a span covers.
pub fn slice(text: &str, span: actionplan::Span) -> &str {
    text.get(span.range()).unwrap_or("<bad span>")
}

pub fn codes(plan: &Plan) -> Vec<(String, usize)> {
    plan.diagnostics
        .iter()
        .map(|d| (d.code().to_string(), d.line))
        .collect()
}

/// The messages of the diagnostics with `code`, in order.
pub fn messages<'p>(plan: &'p Plan, code: &str) -> Vec<&'p str> {
    (plan.diagnostics.iter())
        .filter(|d| d.code().to_string() == code)
        .map(|d| d.message.as_str())
        .collect()
}

/// `text` as a converter writing Markdown pipe tables would give it: each
/// tab-separated line a pipe row (any pipe in a cell escaped), padded with
/// spaces, and a delimiter row under each table header.
pub fn as_pipe_tables(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if !line.contains('\t') {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let cells: Vec<String> = line.split('\t').map(|c| c.replace('|', r"\|")).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if line.starts_with("Action\t") {
            out.push_str(&format!("|{}\n", ":---|".repeat(cells.len())));
        }
    }
    out
}

/// `text` as a converter writing HTML tables would give it: each run of
/// tab-separated lines a `<table>`, a header row's cells `<th>` in a
/// `<thead>`. `one_line` writes each table on one line; otherwise each tag
/// goes on a line of its own, as pandoc writes them, and a cell's text
/// breaks after an action's label.
pub fn as_html_tables(text: &str, one_line: bool) -> String {
    let end = if one_line { "" } else { "\n" };
    let mut out = String::new();
    let mut open = false;
    for line in text.lines() {
        let row = line.contains('\t');
        if open && !row {
            out.push_str(&format!("</tbody>{end}</table>\n"));
            open = false;
        }
        if !row {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let header = line.starts_with("Action\t");
        if !open {
            out.push_str(&format!("<table class=\"actions\">{end}"));
            if !header {
                out.push_str(&format!("<tbody>{end}"));
            }
            open = true;
        }
        let cell = if header { "th" } else { "td" };
        out.push_str(&format!(
            "{}<tr class=\"odd\">{end}",
            if header { "<thead>" } else { "" }
        ));
        for text in line.split('\t') {
            let text = if one_line {
                text.to_owned()
            } else {
                text.replacen("</b> ", "</b>\n", 1)
            };
            out.push_str(&format!("<{cell}>{text}</{cell}>{end}"));
        }
        out.push_str(&format!(
            "</tr>{end}{}",
            if header { "</thead><tbody>" } else { "" }
        ));
    }
    if open {
        out.push_str("</tbody></table>\n");
    }
    out
}

/// `text` with its tables in HTML as a converter that merges cells writes
/// them: a timetable or parties cell that the next action rows of the
/// table repeat is written once, with a `rowspan`, and the strategic
/// priority over a table is the table's first row, one cell across all
/// columns.
pub fn as_spanning_html_tables(text: &str) -> String {
    let is_priority = |line: &str| {
        let heading = line.trim_start_matches(['*', '#', ' ']);
        heading.starts_with("Strategic priority")
    };
    rewrite_tables(text, is_priority, |out, priority, rows| {
        let is_action = |row: &[&str]| row.first().is_some_and(|c| c.contains("Action "));
        // Whether row `r`'s cell `c` is the same as the one above it.
        let repeats = |r: usize, c: usize| {
            r > 0
                && c >= 2
                && is_action(&rows[r])
                && is_action(&rows[r - 1])
                && rows[r].len() == rows[r - 1].len()
                && rows[r].get(c) == rows[r - 1].get(c)
        };
        out.push_str("<table>\n");
        if let Some(priority) = priority {
            out.push_str(&format!("<tr><td colspan=\"4\">{priority}</td></tr>\n"));
        }
        for (r, row) in rows.iter().enumerate() {
            out.push_str("<tr>");
            for (c, cell) in row.iter().enumerate() {
                if repeats(r, c) {
                    continue;
                }
                let span = (r + 1..rows.len())
                    .take_while(|&below| repeats(below, c))
                    .count();
                match span {
                    0 => out.push_str(&format!("<td>{cell}</td>")),
                    _ => out.push_str(&format!("<td rowspan=\"{}\">{cell}</td>", span + 1)),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    })
}

/// `text` with each table (a run of tab-separated lines) written by
/// `table`, given its rows split at the tabs and, when `hold` takes the
/// last line before the table's blank lines, that line, which is then
/// left out where it stood.
fn rewrite_tables(
    text: &str,
    hold: impl Fn(&str) -> bool,
    mut table: impl FnMut(&mut String, Option<&str>, &[Vec<&str>]),
) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut held = None;
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        if !line.contains('\t') {
            let next_is_table = lines[i + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.contains('\t'));
            if hold(line) && next_is_table {
                held = Some(line);
            } else {
                out.push_str(line);
                out.push('\n');
            }
            i += 1;
            continue;
        }
        let start = i;
        while lines.get(i).is_some_and(|l| l.contains('\t')) {
            i += 1;
        }
        let rows: Vec<Vec<&str>> = lines[start..i]
            .iter()
            .map(|l| l.split('\t').collect())
            .collect();
        table(&mut out, held.take(), &rows);
    }
    out
}

/// `text` with its tables as pandoc writes grid tables, for cells that hold
/// more than a line: each cell's words wrapped to its column's width, the
/// rows between `+---+` rules, a `+===+` rule under the header.
pub fn as_grid_tables(text: &str) -> String {
    let width = |column: usize| [40, 20, 12].get(column).copied().unwrap_or(20);
    let wrap = |cell: &str, width: usize| -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for word in cell.split_whitespace() {
            match lines.last_mut() {
                Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push(word.to_owned()),
            }
        }
        lines
    };
    rewrite_tables(
        text,
        |_| false,
        |out, _, rows| {
            let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
            let rule = |fill: &str| -> String {
                let parts: Vec<String> = (0..columns).map(|c| fill.repeat(width(c) + 2)).collect();
                format!("+{}+\n", parts.join("+"))
            };
            out.push_str(&rule("-"));
            for row in rows {
                let wrapped: Vec<Vec<String>> = (0..columns)
                    .map(|c| wrap(row.get(c).copied().unwrap_or(""), width(c)))
                    .collect();
                let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
                for k in 0..height {
                    let cells: Vec<String> = (0..columns)
                        .map(|c| {
                            let words = wrapped[c].get(k).map_or("", String::as_str);
                            format!("{words:<0$}", width(c))
                        })
                        .collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                let header = row.first() == Some(&"Action");
                out.push_str(&rule(if header { "=" } else { "-" }));
            }
        },
    )
}

/// `text` with its footnotes as pandoc writes Markdown footnotes: `[^N]`
/// markers, and `[^N]: text` definitions at the start of a line.
pub fn as_markdown_footnotes(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_owned();
        for n in 1..=99 {
            let sup = format!("<sup>{n}</sup>");
            if line.starts_with(&format!("{sup} ")) {
                line = line.replacen(&format!("{sup} "), &format!("[^{n}]: "), 1);
            }
            line = line.replace(&sup, &format!("[^{n}]"));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// `text` with its footnote markers in Unicode superscripts (`³`), the
/// definitions' as well (`³ Text`).
pub fn as_superscript_footnotes(text: &str) -> String {
    let digits = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let superscript = |n: u32| -> String {
        let digit = |d: u8| digits.get(usize::from(d - b'0')).copied().unwrap_or('?');
        n.to_string().bytes().map(digit).collect()
    };
    let mut out = text.to_owned();
    for n in (1..=99).rev() {
        out = out.replace(&format!("<sup>{n}</sup>"), &superscript(n));
    }
    out
}

/// `text` with its level-1 and level-2 headings written setext-style, as
/// older pandoc wrote them: the title, then a line of `=` or `-`.
pub fn as_setext_headings(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let setext = [("# ", '='), ("## ", '-')]
            .into_iter()
            .find_map(|(marker, underline)| Some((line.strip_prefix(marker)?, underline)));
        match setext {
            Some((title, underline)) => {
                let underline = underline.to_string().repeat(title.len());
                out.push_str(&format!("{title}\n{underline}\n"));
            }
            None => out.push_str(&format!("{line}\n")),
        }
    }
    out
}

/// The ways another converter may write the Council's text, by name.
pub fn other_writings(text: &str) -> [(&'static str, String); 8] {
    [
        ("pipe tables", as_pipe_tables(text)),
        ("grid tables", as_grid_tables(text)),
        ("HTML tables", as_html_tables(text, false)),
        ("HTML tables on one line", as_html_tables(text, true)),
        (
            "HTML tables with merged cells",
            as_spanning_html_tables(text),
        ),
        ("Markdown footnotes", as_markdown_footnotes(text)),
        ("superscript footnotes", as_superscript_footnotes(text)),
        ("setext headings", as_setext_headings(text)),
    ]
}

/// Asserts that `a` and `b` hold the same `parts` (keys of the plan's
/// JSON), spans aside.
pub fn same_parts(a: &Plan, b: &Plan, parts: &[&str]) {
    let (a, b) = (without_spans(a), without_spans(b));
    for part in parts {
        assert_eq!(a[part], b[part], "{part}");
    }
}
