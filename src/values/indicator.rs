//! Indicators: the description, and the sources in its trailing parenthesis
//! (`(Sources: Europol, EMCDDA; Member States)`).

/// Splits an indicator's body into its description and its sources.
///
/// The sources are the last parenthesised group, when it ends the body
/// (a final full stop aside). They are split on `;`, then on `,` — except
/// in a part with a colon, whose commas list what the source covers.
pub(crate) fn split_sources(body: &str) -> (String, Vec<String>) {
    let trimmed = body.trim_end().trim_end_matches('.').trim_end();
    let Some(open) = trimmed.strip_suffix(')').and_then(matching_open) else {
        return (body.trim().to_owned(), Vec::new());
    };
    let inner = trimmed
        .get(open + 1..trimmed.len().saturating_sub(1))
        .unwrap_or_default();
    let inner = inner
        .strip_prefix("Sources:")
        .or_else(|| inner.strip_prefix("Source:"))
        .unwrap_or(inner);
    let text = trimmed.get(..open).unwrap_or_default().trim_end();
    (text.to_owned(), split_list(inner))
}

/// The byte index of the `(` matching a `)` just past the end of `text`.
fn matching_open(text: &str) -> Option<usize> {
    let mut depth = 1usize;
    // Byte by byte: no byte of a character beyond ASCII is a parenthesis.
    for (i, b) in text.bytes().enumerate().rev() {
        match b {
            b')' => depth += 1,
            b'(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn split_list(list: &str) -> Vec<String> {
    let mut sources = Vec::new();
    for part in split_top_level(list, b';') {
        // A part with a colon is one source, whose commas list what it covers.
        let (whole, listed) = match part.contains(':') {
            true => (Some(part), None),
            false => (None, Some(split_top_level(part, b','))),
        };
        for piece in whole.into_iter().chain(listed.into_iter().flatten()) {
            let piece = piece.trim();
            let piece = piece.strip_prefix("and ").unwrap_or(piece).trim();
            if !piece.is_empty() {
                sources.push(piece.to_owned());
            }
        }
    }
    sources
}

/// The parts of `text` between the `separator`s (an ASCII character)
/// outside parentheses, one at a time: no list of them is made.
fn split_top_level(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let (mut depth, mut at) = (0usize, 0);
    let mut start = Some(0);
    // Byte by byte: no byte of a character beyond ASCII is ASCII.
    std::iter::from_fn(move || {
        let from = start?;
        while let Some(&b) = bytes.get(at) {
            at += 1;
            match b {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b if b == separator && depth == 0 => {
                    start = Some(at);
                    return text.get(from..at - 1);
                }
                _ => {}
            }
        }
        start = None;
        text.get(from..)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(body: &str) -> (String, Vec<String>) {
        split_sources(body)
    }

    /// [`split_top_level`] and [`matching_open`] as first written, a
    /// character at a time.
    fn split_by_chars(text: &str, separator: char) -> Vec<&str> {
        let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0);
        for (i, c) in text.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                c if c == separator && depth == 0 => {
                    parts.push(&text[start..i]);
                    start = i + c.len_utf8();
                }
                _ => {}
            }
        }
        parts.push(&text[start..]);
        parts
    }

    fn open_by_chars(text: &str) -> Option<usize> {
        let mut depth = 1usize;
        for (i, c) in text.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn bytes_split_as_characters_do(
            text in crate::testing::text_of(&["(", ")", ";", ",", "a", " ", "é", "€", "EMCDDA"], 16)
        ) {
            for separator in [';', ','] {
                proptest::prop_assert_eq!(
                    split_top_level(&text, separator as u8).collect::<Vec<_>>(),
                    split_by_chars(&text, separator)
                );
            }
            proptest::prop_assert_eq!(matching_open(&text), open_by_chars(&text));
        }
    }

    #[test]
    fn council_sources_prefix() {
        let (text, sources) = split(
            "indicator based on reports. (Sources: Europol, European Commission; Member States)",
        );
        assert_eq!(text, "indicator based on reports.");
        assert_eq!(sources, ["Europol", "European Commission", "Member States"]);
    }

    #[test]
    fn sources_glued_to_a_parenthesis() {
        let (text, sources) =
            split("progress (Eurostat report on SDGs).(Sources: Eurostat, European Commission)");
        assert_eq!(text, "progress (Eurostat report on SDGs).");
        assert_eq!(sources, ["Eurostat", "European Commission"]);
    }

    #[test]
    fn commission_plain_parenthesis_with_colon_list() {
        let (text, sources) = split(
            "Trends in seizures (EMCDDA data per substance: cannabis, heroin, and NPS; European Commission, EMCDDA and Europol on precursors)",
        );
        assert_eq!(text, "Trends in seizures");
        assert_eq!(
            sources,
            [
                "EMCDDA data per substance: cannabis, heroin, and NPS",
                "European Commission",
                "EMCDDA and Europol on precursors"
            ]
        );
    }

    #[test]
    fn only_the_last_group_is_sources() {
        let (text, sources) = split("System (EMCDDA/Europol) and Risk Assessment (EMCDDA)");
        assert_eq!(text, "System (EMCDDA/Europol) and Risk Assessment");
        assert_eq!(sources, ["EMCDDA"]);
    }

    #[test]
    fn leading_and_is_dropped() {
        let (_, sources) = split("x (room data; and targeted studies)");
        assert_eq!(sources, ["room data", "targeted studies"]);
    }

    #[test]
    fn no_parenthesis_no_sources() {
        assert_eq!(split("Just text."), ("Just text.".to_owned(), vec![]));
    }
}
