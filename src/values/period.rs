//! The period a plan's title states (`EU Drugs Action Plan 2021-2025`).

use crate::model::Period;
use crate::text::DASHES;

/// The period a title states, e.g. `EU Drugs Action Plan 2021-2025`: the
/// first two four-digit years joined by a dash (`-`, `–` or `—`, perhaps
/// spaced), wherever they stand.
pub(crate) fn period(title: &str) -> Option<Period> {
    period_at(title).map(|(period, _)| period)
}

/// [`period`], and the byte range of `title` its years and dash lie in.
pub(crate) fn period_at(title: &str) -> Option<(Period, std::ops::Range<usize>)> {
    let year = |digits: &str| {
        let ascii = digits.bytes().all(|b| b.is_ascii_digit());
        ascii.then(|| digits.parse().ok()).flatten()
    };
    let dashes = title.char_indices().filter(|(_, c)| DASHES.contains(c));
    dashes.into_iter().find_map(|(at, dash)| {
        let before = title.get(..at)?.trim_end();
        let after_dash = at + dash.len_utf8();
        let after = title.get(after_dash..)?.trim_start();
        let start = before.len().checked_sub(4)?;
        let end = title.len() - after.len() + 4;
        let period = Period {
            start: year(before.get(start..)?)?,
            end: year(after.get(..4)?)?,
        };
        Some((period, start..end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_two_years_joined_by_a_dash() {
        let period = |text| period(text).map(|p| (p.start, p.end));
        assert_eq!(period("EU Drugs Action Plan 2021-2025"), Some((2021, 2025)));
        assert_eq!(period("Plan 2021 – 2025 (rev.)"), Some((2021, 2025)));
        assert_eq!(period("Plan 12021—20256"), Some((2021, 2025)));
        assert_eq!(period("A-B 1999-2000-2025"), Some((1999, 2000)));
        for no in [
            "Plan 2021",
            "Plan 2021-25",
            "Plan 202-2025",
            "Plan 2021 to 2025",
            "-",
            "",
        ] {
            assert_eq!(period(no), None, "{no}");
        }
        let printed = |text: &'static str| period_at(text).and_then(|(_, r)| text.get(r));
        assert_eq!(printed("Plan 2021 – 2025 (rev.)"), Some("2021 – 2025"));
        assert_eq!(printed("Plan 12021—20256"), Some("2021—2025"));
    }
}
