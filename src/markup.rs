//! Cleaning cell and paragraph text: tags, emphasis, autolinks, footnote
//! markers (`<sup>3</sup>` and Unicode superscripts) and whitespace.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A footnote marker found in a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// The footnote number.
    pub number: u32,
    /// Where the marker is in the source.
    pub span: Span,
}

/// Text with its markup removed, and the footnote markers it contained.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Clean {
    pub text: String,
    pub markers: Vec<Marker>,
}

static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i:<sup>\s*\d{1,4}\s*</sup>)",
        r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]+",
        r"|<(?:https?|ftp|mailto):[^<>\s]+>",
        r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>",
        r"|\*+",
    ))
    .unwrap_or_else(|e| unreachable!("markup pattern is valid: {e}"))
});

/// What one match of [`MARKUP`] is.
enum Markup<'a> {
    Marker(u32),
    Url(&'a str),
    Stars,
    Tag { block: bool },
}

fn classify(found: &str) -> Markup<'_> {
    if let Some(inner) = found.strip_prefix('<') {
        let lower = inner.get(..4).map(str::to_ascii_lowercase);
        if lower.as_deref() == Some("sup>") {
            let digits: String = found.chars().filter(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse() {
                return Markup::Marker(n);
            }
        }
        if inner.contains(':') && !inner.starts_with('/') && !inner.contains(' ') {
            return Markup::Url(inner.trim_end_matches('>'));
        }
        return Markup::Tag {
            block: is_block_tag(found),
        };
    }
    if found.starts_with('*') {
        return Markup::Stars;
    }
    superscript_number(found).map_or(Markup::Stars, Markup::Marker)
}

/// The number written by a run of Unicode superscript digits (`¹⁰` → 10).
pub(crate) fn superscript_number(run: &str) -> Option<u32> {
    run.chars().try_fold(0u32, |n, c| {
        let digit = match c {
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            '⁴'..='⁹' => c as u32 - '⁴' as u32 + 4,
            _ => return None,
        };
        n.checked_mul(10)?.checked_add(digit)
    })
}

/// Cleans `raw`, which starts at byte `base` of the source.
///
/// Tags are dropped (their content kept), `<https://…>` autolinks become the
/// address, emphasis asterisks go, footnote markers are removed and
/// returned, and whitespace is collapsed to single spaces. Where a marker
/// stood before punctuation (`items ⁴ .`), the space before it goes too.
pub(crate) fn clean(raw: &str, base: usize) -> Clean {
    let mut out = Writer {
        text: String::with_capacity(raw.len()),
        ..Writer::default()
    };
    if !raw.contains(['<', '*']) && raw.is_ascii() {
        out.words(raw);
        return Clean {
            text: out.text,
            markers: Vec::new(),
        };
    }
    let mut markers = Vec::new();
    let mut last = 0;
    for found in MARKUP.find_iter(raw) {
        out.words(&raw[last..found.start()]);
        last = found.end();
        match classify(found.as_str()) {
            Markup::Marker(number) => {
                markers.push(Marker {
                    number,
                    span: Span::new(base + found.start(), base + found.end()),
                });
                out.after_marker = true;
            }
            Markup::Url(url) => out.words(url),
            Markup::Stars => {
                if is_literal_star(raw, found.start(), found.end()) {
                    out.words(found.as_str());
                }
            }
            // A block tag between two words separates them (`</p><p>`); an
            // inline one (`<b>`, `<u>`) does not.
            Markup::Tag { block } => out.space |= block,
        }
    }
    out.words(&raw[last..]);
    Clean {
        text: out.text,
        markers,
    }
}

/// Writes words with single spaces between them, in one pass.
#[derive(Default)]
struct Writer {
    text: String,
    /// Whitespace (or a block tag) came since the last word.
    space: bool,
    /// A footnote marker came since the last word.
    after_marker: bool,
}

impl Writer {
    fn words(&mut self, piece: &str) {
        self.space |= piece.starts_with(char::is_whitespace);
        if piece.is_ascii() {
            // Most cells: bytes are characters, whitespace is ASCII.
            self.run(piece.split_ascii_whitespace());
        } else {
            self.run(piece.split_whitespace());
        }
        self.space |= piece.ends_with(char::is_whitespace);
    }

    fn run<'a>(&mut self, words: impl Iterator<Item = &'a str>) {
        for (i, word) in words.enumerate() {
            self.space |= i > 0;
            self.word(word);
        }
    }

    fn word(&mut self, word: &str) {
        if std::mem::take(&mut self.after_marker) {
            // `items ⁴ .` → `items.`; between two words a marker leaves a space.
            self.space = !word.starts_with(['.', ',', ';', ':', ')', '!', '?']);
        }
        if std::mem::take(&mut self.space) && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(word);
    }
}

fn is_block_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "p" | "br" | "div" | "li" | "ul" | "ol" | "tr" | "td" | "th" | "table"
    )
}

/// A run of asterisks with whitespace (or nothing) on both sides is text,
/// not emphasis.
fn is_literal_star(raw: &str, start: usize, end: usize) -> bool {
    let before = raw[..start]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    let after = raw[end..].chars().next().is_none_or(char::is_whitespace);
    before && after
}

/// Collapses every run of whitespace to one space and trims the ends.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = Writer::default();
    out.words(text);
    out.text
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! cleans_to {
        ($($name:ident: $raw:expr => $text:expr, [$($n:expr),*];)*) => {$(
            #[test]
            fn $name() {
                let clean = clean($raw, 0);
                assert_eq!(clean.text, $text);
                let numbers: Vec<u32> = clean.markers.iter().map(|m| m.number).collect();
                let expected: Vec<u32> = vec![$($n),*];
                assert_eq!(numbers, expected);
            }
        )*};
    }

    cleans_to! {
        paragraph_tags: "<p><b>Action 1</b> Do   this.</p>" => "Action 1 Do this.", [];
        paragraphs_joined: "<p>One.</p> <p>Two.</p>" => "One. Two.", [];
        paragraphs_glued: "<p>One.</p><p>Two.</p>" => "One. Two.", [];
        sup_before_full_stop: "results<sup>3</sup>. Reinforce" => "results. Reinforce", [3];
        sup_before_paren: "Development <sup>7</sup>(2018), in" => "Development (2018), in", [7];
        sup_two_digits: "Plan 2021-2025<sup>10</sup>" => "Plan 2021-2025", [10];
        unicode_mid_sentence: "the SOCTA ¹ 2021; (ii)" => "the SOCTA 2021; (ii)", [1];
        unicode_spaced_before_stop: "postal items ⁴ . Conclude" => "postal items. Conclude", [4];
        unicode_after_stop: "results. ³ Reinforce" => "results. Reinforce", [3];
        unicode_multi_digit: "as stated ¹⁰ here" => "as stated here", [10];
        underline: "see <u>https://example.eu/a-b</u>" => "see https://example.eu/a-b", [];
        autolink: "see <https://example.eu/x>." => "see https://example.eu/x.", [];
        emphasis: "the **Working Party (HDG)**, and *this*" => "the Working Party (HDG), and this", [];
        literal_star: "a * b" => "a * b", [];
        non_digit_sup_kept: "x<sup>a</sup>" => "xa", [];
        empty: "" => "", [];
    }

    #[test]
    fn marker_spans_point_into_the_source() {
        let raw = "ab<sup>12</sup>";
        let clean = clean(raw, 100);
        assert_eq!(clean.markers[0].span, Span::new(102, 115));
    }

    #[test]
    fn superscripts_read_as_numbers() {
        assert_eq!(superscript_number("¹⁰"), Some(10));
        assert_eq!(superscript_number("⁹⁸⁷"), Some(987));
        assert_eq!(superscript_number("x"), None);
    }
}
