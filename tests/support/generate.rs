//! Writes valid Council-dialect plans of any size, for scaling tests and
//! benchmarks. Shared by `tests/` and `benches/` through `#[path]`.
#![allow(dead_code)]

use std::fmt::Write;

const PARTIES: [&str; 6] = [
    "Member States",
    "Council of the EU",
    "European Commission",
    "Europol",
    "EMCDDA",
    "Frontex",
];

/// The most strategic priorities a plan may number: a heading's number has
/// at most three digits.
pub const MAX_PRIORITIES: u32 = 999;

/// A Council-dialect plan with `actions` actions, ten per strategic
/// priority (more when ten would need more than [`MAX_PRIORITIES`]
/// priorities), five per priority area, a footnote every 25 actions.
pub fn council_plan(actions: u32) -> String {
    let per_priority = 10 * actions.div_ceil(10 * MAX_PRIORITIES).max(1);
    let mut text = String::with_capacity(actions as usize * 700 + 2000);
    text.push_str(
        "Council of the European Union\n\nBrussels, 21 June 2021\n\n9819/21\n\nCORDROGUE 27\n\n",
    );
    text.push_str("# EU Drugs Action Plan 2021-2025\n\n## Introduction\n\nA generated plan.\n\n## I - GENERATED SECTION\n\n");
    let mut footnotes = Vec::new();
    for n in 1..=actions {
        let priority = (n - 1) / per_priority + 1;
        let area = ((n - 1) % per_priority) / 5 + 1;
        if (n - 1) % per_priority == 0 {
            let _ = write!(
                text,
                "\n*Strategic priority {priority}: Generated priority number {priority}*\n\n"
            );
            text.push_str("Action\tPriority area\tTimetable\tResponsible party\n");
        }
        let marker = if n % 25 == 0 {
            footnotes.push(n / 25);
            format!("<sup>{}</sup>", n / 25)
        } else {
            String::new()
        };
        let area_cell = if (n - 1) % 5 == 0 {
            format!("<p>{priority}.{area}. Generated area {priority}.{area}.</p>")
        } else {
            format!("<p>{priority}.{area}</p>")
        };
        let parties: Vec<&str> = PARTIES
            .iter()
            .cycle()
            .skip(n as usize % 6)
            .take(2 + n as usize % 4)
            .copied()
            .collect();
        let _ = writeln!(
            text,
            "<p><b>Action {n}</b> Strengthen cooperation on topic {n} between law enforcement, health and social services at national and EU level: (i) share information between the EMCDDA and Europol on new trends, seizures and emerging threats; (ii) train staff in the Member States on evidence-based responses, with a particular focus on vulnerable groups{marker}. Report on progress every year, taking into account the lessons learned from the evaluation of the previous action plan and the views of civil society, and make the results available to all stakeholders in a timely manner.</p>\t{area_cell}\t<p>2021-2025</p>\t<p>{}</p>",
            parties.join(" ")
        );
        if n % 5 == 0 {
            for f in footnotes.drain(..) {
                let _ = write!(text, "\n<sup>{f}</sup> Generated footnote {f}.\n\n");
            }
        }
    }
    text.push_str("\n## Glossary of acronyms\n\nEMCDDA\tEuropean Monitoring Centre for Drugs and Drug Addiction\nEU\tEuropean Union\n");
    text
}
