//! Note lines: a line that opens with a footnote marker defines that
//! footnote (`<sup>3</sup> Text`, `³ Text`, Markdown's `[^3]: Text`).

/// A footnote's definition line: its marker first (`<sup>3</sup> Text`,
/// `³ Text`, or as a Markdown footnote, `[^3]: Text`), then its text. A
/// run of superscript digits must be followed by a space (`²⁰²¹` glued to
/// a word is no definition) and be short enough to be a number.
pub(crate) fn definition(line: &str) -> Option<(u32, &str)> {
    let start = line.len() - line.trim_start().len();
    let rest = line.get(start..)?;
    if rest.starts_with("[^") {
        let (number, end) = crate::text::note_marker(line, start)?;
        return Some((number, line.get(end..)?.strip_prefix(':')?.trim_start()));
    }
    if crate::text::superscript_run(rest.as_bytes()).0 > 0 {
        return superscript_definition(rest);
    }
    if !rest.starts_with("<sup>") {
        return None;
    }
    let (number, end) = crate::text::sup_marker(line, start)?;
    Some((number, line.get(end..)?.trim_start()))
}

/// A definition line whose marker is a run of superscript digits (`³
/// Text`), the only form a text without markup (a PDF's) has.
pub(crate) fn superscript_definition(line: &str) -> Option<(u32, &str)> {
    let rest = line.trim_start();
    let (len @ 1.., number) = crate::text::superscript_run(rest.as_bytes()) else {
        return None;
    };
    let text = rest
        .get(len..)
        .filter(|t| t.starts_with(char::is_whitespace))?;
    Some((number?, text.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_lines() {
        assert_eq!(definition("<sup>3</sup> Text"), Some((3, "Text")));
        assert_eq!(definition("  <sup> 12 </sup>Text"), Some((12, "Text")));
        assert_eq!(definition("³ Text"), Some((3, "Text")));
        assert_eq!(definition("[^3]: Text"), Some((3, "Text")));
        assert_eq!(definition("<sup>x</sup> Text"), None);
        assert_eq!(definition("Text<sup>3</sup>"), None);
        assert_eq!(definition("²⁰²¹Text"), None);
        // Too long for a number: no footnote.
        assert_eq!(definition(&format!("{} Text", "¹".repeat(11))), None);
        assert_eq!(superscript_definition(" ¹² Text"), Some((12, "Text")));
        assert_eq!(superscript_definition("<sup>3</sup> Text"), None);
    }

    /// Every character of the first planes before and inside a sample
    /// line: the reader agrees with the pattern it replaced.
    #[test]
    fn superscript_definitions_read_as_the_pattern_did() {
        let pattern = regex::Regex::new(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+").unwrap();
        let characters = (0..0x3000u32).filter_map(char::from_u32);
        for c in characters.filter(|c| !matches!(c, '\n' | '\r')) {
            for line in [format!("{c}1 Text"), format!(" \u{a0}{c}² Text{c}")] {
                let expected = pattern.captures(&line).and_then(|caps| {
                    let number = crate::text::superscript_number(caps.get(1)?.as_str())?;
                    Some((number, line.get(caps.get(0)?.end()..)?))
                });
                assert_eq!(superscript_definition(&line), expected, "{line:?}");
            }
        }
    }
}
