//! Cleaning cell and paragraph text: tags, emphasis, autolinks, footnote
//! markers (`<sup>3</sup>` and Unicode superscripts) and whitespace, in one
//! pass that records where each marker stood in the cleaned text.

use super::bytes::{whitespace_len, ByteSet};
use super::entities::char_reference;
use super::markers::{note_marker, sup_marker, superscript_run, Marker};
use super::tags::Tags;
#[cfg(test)]
use super::{bytes::leading_number, markers::superscript_number};
use crate::span::Span;

/// Text with its markup removed, and the footnote markers it contained.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Clean {
    pub text: String,
    pub markers: Vec<Marker>,
}

/// Bytes where markup may begin: `<` (tags, autolinks, `<sup>` markers),
/// `*` (emphasis), `&` (character references), `[` (Markdown footnote
/// markers, `[^3]`) and the lead bytes of the Unicode superscript digits.
static MARKUP_START: ByteSet = ByteSet::of(b"<*&[\xC2\xE2");

/// Bytes that may start a whitespace character: ASCII whitespace and the
/// lead bytes of the others.
static MAY_BE_SPACE: ByteSet = ByteSet::of(b"\t\n\x0B\x0C\r \xC2\xE1\xE2\xE3");

/// What one piece of markup is.
enum Markup {
    /// A footnote marker and its number.
    Marker(u32),
    /// An address to keep as text, by its byte range in the raw text.
    Url(usize, usize),
    /// Emphasis asterisks (text when spaced on both sides), or a run of
    /// superscripts too long to be a number, which is read the same way.
    Stars,
    /// A tag; a block tag separates the words on either side.
    Tag { block: bool },
    /// A character reference (`&amp;`, `&nbsp;`, `&#8211;`) and the text
    /// it stands for.
    CharReference(String),
}

/// The markup that starts at byte `at` of `raw`, and where it ends; `tags`
/// reads `raw`'s tags.
fn markup_at(raw: &str, at: usize, tags: &mut Tags<'_>) -> Option<(Markup, usize)> {
    let rest = raw.as_bytes().get(at..)?;
    match rest.first()? {
        b'<' => sup_marker(raw, at)
            .map(|(n, end)| (Markup::Marker(n), end))
            .or_else(|| autolink(raw, at).map(|end| (Markup::Url(at + 1, end - 1), end)))
            .or_else(|| tag(raw, at, tags)),
        b'&' => char_reference(raw, at).map(|(text, end)| (Markup::CharReference(text), end)),
        b'[' => note_marker(raw, at).map(|(n, end)| (Markup::Marker(n), end)),
        b'*' => {
            let run = rest.iter().take_while(|&&b| b == b'*').count();
            Some((Markup::Stars, at + run))
        }
        _ => {
            let (len, number) = superscript_run(rest);
            // A run too long for a number is left to the emphasis rule.
            (len > 0).then(|| (number.map_or(Markup::Stars, Markup::Marker), at + len))
        }
    }
}

/// An autolink (`<https://…>`, `<ftp:…>`, `<mailto:…>`) at `at`: where it ends.
fn autolink(raw: &str, at: usize) -> Option<usize> {
    let rest = raw.get(at + 1..)?;
    let scheme = ["https:", "http:", "ftp:", "mailto:"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let address = rest.get(scheme.len()..)?;
    let len = address.find(|c: char| c == '<' || c == '>' || c.is_whitespace())?;
    (len > 0 && address.get(len..)?.starts_with('>')).then(|| at + 1 + scheme.len() + len + 1)
}

/// An HTML tag at `at`, as markup to drop (block tags separate words);
/// `tags` reads `raw`'s tags.
fn tag(raw: &str, at: usize, tags: &mut Tags<'_>) -> Option<(Markup, usize)> {
    let tag = tags.at(at)?;
    if !tag.attributes.is_empty() {
        let inner = raw.get(at + 1..tag.end - 1)?;
        // `<o:p>`-like names with a colon in their attributes read as
        // addresses, as autolinks do.
        if inner.contains(':') && !inner.starts_with('/') && !inner.contains(' ') {
            return Some((Markup::Url(at + 1, tag.end - 1), tag.end));
        }
    }
    let block = [
        "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table",
    ]
    .iter()
    .any(|b| tag.name.eq_ignore_ascii_case(b.as_bytes()));
    Some((Markup::Tag { block }, tag.end))
}

/// Cleans `raw`, which starts at byte `base` of the source.
///
/// Tags are dropped (their content kept), `<https://…>` autolinks become the
/// address, emphasis asterisks go, footnote markers are removed and
/// returned, and whitespace is collapsed to single spaces. Where a marker
/// stood before punctuation (`items ⁴ .`), the space before it goes too.
///
/// One pass over the bytes: text between markup is copied word by word.
pub(crate) fn clean(raw: &str, base: usize) -> Clean {
    let bytes = raw.as_bytes();
    // Tested once for the whole cell rather than for each piece.
    let plain = is_plain(bytes);
    // ASCII text has no superscripts: only `<`, `*` and `&` can start
    // markup, and memchr finds them many bytes at a time (plain text is
    // ASCII), unless a Markdown footnote marker (`[^`) is in it (plain text
    // has none, so only other texts are searched for one). Nor has ASCII
    // text ligatures.
    let ascii = plain || raw.is_ascii();
    let notes = !plain
        && memchr::memchr(b'[', bytes).is_some()
        && memchr::memmem::find(bytes, b"[^").is_some();
    let mut out = Output {
        text: String::with_capacity(raw.len()),
        plain,
        ligatures: !ascii && may_have_ligatures(bytes),
        ..Output::default()
    };
    let next_markup = |rest: &[u8]| match ascii && !notes {
        true => memchr::memchr3(b'<', b'*', b'&', rest),
        false => rest.iter().position(|&b| MARKUP_START.contains(b)),
    };
    let mut markers = Vec::new();
    let mut tags = Tags::new(bytes);
    let mut piece = 0;
    let mut i = 0;
    while let Some(offset) = bytes.get(i..).and_then(next_markup) {
        let at = i + offset;
        let Some((markup, end)) = markup_at(raw, at, &mut tags) else {
            i = at + 1;
            continue;
        };
        out.words(raw.get(piece..at).unwrap_or(""));
        match markup {
            Markup::Marker(number) => {
                markers.push(Marker {
                    number,
                    span: Span::new(base + at, base + end),
                    at: out.text.len(),
                });
                out.after_marker = true;
            }
            Markup::Url(from, to) => out.words(raw.get(from..to).unwrap_or("")),
            Markup::Stars => {
                if is_literal_star(raw, at, end) {
                    out.words(raw.get(at..end).unwrap_or(""));
                }
            }
            // A block tag between two words separates them (`</p><p>`); an
            // inline one (`<b>`, `<u>`) does not.
            Markup::Tag { block } => out.space |= block,
            Markup::CharReference(text) => out.decoded(&text),
        }
        piece = end;
        i = end;
    }
    out.words(raw.get(piece..).unwrap_or(""));
    Clean {
        text: out.text,
        markers,
    }
}

/// The first byte of what [`clean`] would make of `raw`, found without
/// cleaning it: whitespace and markup are skipped (an autolink's address
/// and a literal `*` are text). `None` when it would be empty.
pub(crate) fn first_text_byte(raw: &str) -> Option<u8> {
    let bytes = raw.as_bytes();
    let mut tags = Tags::new(bytes);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let space = whitespace_len(bytes.get(i..).unwrap_or_default());
        if space > 0 {
            i += space;
            continue;
        }
        if !MARKUP_START.contains(b) {
            return Some(b);
        }
        match markup_at(raw, i, &mut tags) {
            None => return Some(b),
            Some((Markup::Url(from, _), _)) => return bytes.get(from).copied(),
            Some((Markup::Stars, end)) if is_literal_star(raw, i, end) => return Some(b),
            Some((Markup::CharReference(text), end)) => match text.trim_start().bytes().next() {
                Some(first) => return Some(first),
                None => i = end,
            },
            Some((_, end)) => i = end,
        }
    }
    None
}

/// Writes words with single spaces between them, in one pass.
#[derive(Default)]
struct Output {
    text: String,
    /// Whitespace (or a block tag) came since the last word.
    space: bool,
    /// A footnote marker came since the last word.
    after_marker: bool,
    /// Everything to be written is plain (see [`is_plain`]).
    plain: bool,
    /// What is to be written may hold a ligature (see [`may_have_ligatures`]).
    ligatures: bool,
}

/// True when `bytes` may hold a typographic ligature (U+FB00–FB06): a test
/// made once for a whole text, so that its words need none.
fn may_have_ligatures(bytes: &[u8]) -> bool {
    memchr::memchr(0xEF, bytes).is_some()
}

impl Output {
    /// Writes the words of `piece`. Words joined by single spaces are copied
    /// as one run: most text needs no other work.
    fn words(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        if self.plain || is_plain(bytes) {
            // One run, perhaps between single spaces: no byte-by-byte work.
            let run = piece.strip_prefix(' ').unwrap_or(piece);
            let run = run.strip_suffix(' ').unwrap_or(run);
            self.space |= bytes.first() == Some(&b' ');
            if !run.is_empty() {
                self.word(run);
            }
            self.space |= bytes.last() == Some(&b' ') && !run.is_empty();
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let len = whitespace_len(bytes.get(i..).unwrap_or_default());
            if len > 0 {
                self.space = true;
                i += len;
                continue;
            }
            let start = i;
            i = run_end(bytes, i);
            self.word(piece.get(start..i).unwrap_or(""));
        }
    }

    /// Writes the text a character reference stands for (`&nbsp;` is a
    /// space), which need not be plain.
    fn decoded(&mut self, text: &str) {
        let plain = std::mem::replace(&mut self.plain, false);
        let ligatures = std::mem::replace(&mut self.ligatures, may_have_ligatures(text.as_bytes()));
        self.words(text);
        self.plain = plain;
        self.ligatures = ligatures;
    }

    fn word(&mut self, word: &str) {
        if std::mem::take(&mut self.after_marker) {
            // `items ⁴ .` → `items.`; between two words a marker leaves a space.
            self.space = !word.starts_with(['.', ',', ';', ':', ')', '!', '?']);
        }
        if std::mem::take(&mut self.space) && !self.text.is_empty() {
            self.text.push(' ');
        }
        if self.ligatures && may_have_ligatures(word.as_bytes()) {
            push_without_ligatures(&mut self.text, word);
        } else {
            self.text.push_str(word);
        }
    }
}

/// Pushes `word` with its typographic ligatures (`ﬁ`, `ﬂ`, …, which PDF
/// extraction leaves in `ﬁnal`) written as their letters.
fn push_without_ligatures(text: &mut String, word: &str) {
    for c in word.chars() {
        match c {
            '\u{FB00}' => text.push_str("ff"),
            '\u{FB01}' => text.push_str("fi"),
            '\u{FB02}' => text.push_str("fl"),
            '\u{FB03}' => text.push_str("ffi"),
            '\u{FB04}' => text.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => text.push_str("st"),
            c => text.push(c),
        }
    }
}

/// True for printable ASCII text (no control characters, so no whitespace
/// but spaces) with no two spaces in a row and no `[^`, which may start a
/// Markdown footnote marker: text the cleaner copies as it is.
fn is_plain(bytes: &[u8]) -> bool {
    let printable = |b: &u8| (0x20..0x80).contains(b);
    // Each byte with the next; folded without an early exit, which lets
    // the compiler test many bytes at once.
    let odd = |(a, b): (&u8, &u8)| !printable(a) || matches!((a, b), (b' ', b' ') | (b'[', b'^'));
    let pairs = bytes.iter().zip(bytes.get(1..).unwrap_or_default());
    bytes.last().is_none_or(printable) && !pairs.fold(false, |found, pair| found | odd(pair))
}

/// The end of the run of words starting at `from` (not whitespace) that
/// are joined by single ASCII spaces: the first whitespace that is not
/// such a single space, or the end.
fn run_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| MAY_BE_SPACE.contains(b)))
    {
        let at = i + offset;
        let rest = bytes.get(at..).unwrap_or_default();
        let after = rest.get(1..).unwrap_or_default();
        if rest.first() == Some(&b' ') && !after.is_empty() && whitespace_len(after) == 0 {
            i = at + 2; // a single space inside the run
        } else if whitespace_len(rest) == 0 {
            i = at + 1; // a lead byte of something else
        } else {
            return at;
        }
    }
    bytes.len()
}

/// A run of asterisks with whitespace (or nothing) on both sides is text,
/// not emphasis.
fn is_literal_star(raw: &str, start: usize, end: usize) -> bool {
    let before = raw
        .get(..start)
        .and_then(|b| b.chars().next_back())
        .is_none_or(char::is_whitespace);
    let after = raw
        .get(end..)
        .and_then(|a| a.chars().next())
        .is_none_or(char::is_whitespace);
    before && after
}

/// Collapses every run of whitespace to one space and trims the ends.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = Output {
        text: String::with_capacity(text.len()),
        ligatures: may_have_ligatures(text.as_bytes()),
        ..Output::default()
    };
    out.words(text);
    out.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_footnote_markers_are_markers() {
        let cleaned = clean("results[^3]. Reinforce [^12] it [x] [^y] a[^]", 10);
        assert_eq!(cleaned.text, "results. Reinforce it [x] [^y] a[^]");
        let found: Vec<(u32, usize, usize)> = (cleaned.markers.iter())
            .map(|m| (m.number, m.span.start, m.at))
            .collect();
        assert_eq!(found, [(3, 17, 7), (12, 33, 18)]);
        assert_eq!(first_text_byte("[^1] Text"), Some(b'T'));
    }

    #[test]
    fn ligatures_are_written_as_their_letters() {
        let cleaned = clean("the \u{FB01}nal<sup>2</sup> \u{FB02}ow of e\u{FB00}orts", 0);
        assert_eq!(cleaned.text, "the final flow of efforts");
        assert_eq!(cleaned.markers.first().map(|m| m.at), Some(9));
        assert_eq!(
            normalise("COM(2020) 606  \u{FB01}nal"),
            "COM(2020) 606 final"
        );
        assert_eq!(normalise("\u{FEFF}é\u{FB06}"), "\u{FEFF}ést");
        assert_eq!(clean("R&#64257;x", 0).text, "Rfix");
    }

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number("12) x", 3), Some((12, ") x")));
        assert_eq!(leading_number("999", 3), Some((999, "")));
        for no in ["1234", "", "x1", " 1", "١"] {
            assert_eq!(leading_number(no, 3), None, "{no}");
        }
    }

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
    fn character_references_are_decoded() {
        let text = |raw| clean(raw, 0).text;
        assert_eq!(
            text("<p>R&amp;D &ndash; 2021&#8211;2025</p>"),
            "R&D – 2021–2025"
        );
        assert_eq!(text("EU&nbsp;&nbsp; level"), "EU level");
        assert_eq!(text("&#x26;&lt;b&gt;"), "&<b>");
        // An `&` that starts no reference is text.
        assert_eq!(text("R&D &bogus; &#; a & b"), "R&D &bogus; &#; a & b");
        // A decoded `<sup>` is text, not a marker.
        let clean = clean("x&lt;sup&gt;3&lt;/sup&gt;", 0);
        assert_eq!(
            (clean.text.as_str(), clean.markers.len()),
            ("x<sup>3</sup>", 0)
        );
        assert_eq!(first_text_byte("&nbsp; &amp;x"), Some(b'&'));
        assert_eq!(first_text_byte("&nbsp;"), None);
    }

    #[test]
    fn marker_spans_point_into_the_source() {
        let raw = "ab<sup>12</sup>";
        let clean = clean(raw, 100);
        assert_eq!(clean.markers[0].span, Span::new(102, 115));
    }

    /// The regex-based cleaner this module had before the byte scanner: an
    /// oracle the scanner must agree with.
    mod reference {
        use super::super::superscript_number;
        use super::super::{Clean, Marker, Output, Span};
        use regex::Regex;
        use std::sync::LazyLock;

        static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(concat!(
                r"(?i:<sup>\s*\d{1,10}\s*</sup>)",
                r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]+",
                r"|<(?:https?|ftp|mailto):[^<>\s]+>",
                r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>",
                r"|\*+",
                r"|&[A-Za-z0-9#]{1,33};",
            ))
            .unwrap_or_else(|e| unreachable!("markup pattern is valid: {e}"))
        });

        /// What one match of [`MARKUP`] is.
        enum Markup<'a> {
            Marker(u32),
            Url(&'a str),
            Stars,
            Tag {
                block: bool,
            },
            /// A character reference: what it stands for, when it is one.
            CharReference(Option<String>),
        }

        fn classify(found: &str) -> Markup<'_> {
            if found.starts_with('&') {
                return Markup::CharReference(match html_escape::decode_html_entities(found) {
                    std::borrow::Cow::Owned(text) => Some(text),
                    std::borrow::Cow::Borrowed(_) => None,
                });
            }
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

        /// Cleans `raw`, which starts at byte `base` of the source.
        ///
        /// Tags are dropped (their content kept), `<https://…>` autolinks become the
        /// address, emphasis asterisks go, footnote markers are removed and
        /// returned, and whitespace is collapsed to single spaces. Where a marker
        /// stood before punctuation (`items ⁴ .`), the space before it goes too.
        pub fn clean(raw: &str, base: usize) -> Clean {
            let mut out = Output {
                text: String::with_capacity(raw.len()),
                ..Output::default()
            };
            if !raw.contains(['<', '*', '&']) && raw.is_ascii() {
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
                            at: out.text.len(),
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
                    Markup::CharReference(Some(text)) => out.words(&text),
                    Markup::CharReference(None) => out.words(found.as_str()),
                }
            }
            out.words(&raw[last..]);
            Clean {
                text: out.text,
                markers,
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
    }

    #[test]
    fn plain_text_is_printable_ascii_singly_spaced_without_a_note_marker() {
        for plain in ["", "a b", "Action 1. Do it (now) [x] ^", "~\u{7f}"] {
            assert!(is_plain(plain.as_bytes()), "{plain:?}");
        }
        for odd in ["a  b", "a\tb", "a\nb", "x[^3]", "é", "a\u{a0}b", "\u{1f}"] {
            assert!(!is_plain(odd.as_bytes()), "{odd:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn scanner_agrees_with_the_regex_cleaner(
            raw in crate::testing::text_of(&["a", "Z", "x", "1", "42", " ", "  ", "\t", "\n", "\u{a0}", "\u{2003}", ".", ",", ":", "/",
                "<", ">", "*", "**", "<p>", "</p>", "<b>", "</B>", "<br/>", "<sup>", "</sup>", "<SUP>",
                "<sup>3</sup>", "<sup> 12 </sup>", "<sup>12345</sup>", "<a href=\"x:y\">", "<a\thref=x:y>",
                "<https://e.eu/a>", "<mailto:a@b>", "<ftp:x y>", "¹", "²", "³", "⁰", "⁴", "⁹", "–", "é",
                "¹²³⁴⁵⁶⁷⁸⁹⁰¹²", "<o:p>", "< p>", "<p", "p>",
                "&", "&amp;", "&AMP;", "&nbsp;", "&#8211;", "&#x2013;", "&#;", "&bogus;", "amp", ";",
                "#", "&lt;sup&gt;", "&lt;", "&#42;", "&#8310;"], 24)
        ) {
            let new = clean(&raw, 7);
            let old = reference::clean(&raw, 7);
            proptest::prop_assert_eq!(&new, &old);
            // Clean text is normalised (resolve relies on it for timetables).
            proptest::prop_assert_eq!(normalise(&new.text), new.text);
        }
    }

    #[test]
    fn markers_stand_after_the_word_they_follow() {
        let placed = |raw| {
            let clean = clean(raw, 0);
            let at: Vec<usize> = clean.markers.iter().map(|m| m.at).collect();
            (clean.text, at)
        };
        assert_eq!(
            placed("items ⁴ . Conclude"),
            ("items. Conclude".into(), vec![5])
        );
        assert_eq!(
            placed("<p>in 2015<sup>5</sup> and</p>"),
            ("in 2015 and".into(), vec![7])
        );
        assert_eq!(placed("¹ First"), ("First".into(), vec![0]));
        assert_eq!(
            placed("a  <b>é</b>² <sup>3</sup>"),
            ("a é".into(), vec![4, 4])
        );
        // Both forms of marker take any number a `u32` holds.
        for raw in ["x²⁰²⁰¹", "x<sup>20201</sup>", "x<sup>4294967295</sup>"] {
            assert_eq!(placed(raw), ("x".into(), vec![1]), "{raw}");
        }
        assert_eq!(
            placed("x<sup>4294967296</sup>"),
            ("x4294967296".into(), vec![])
        );
    }

    proptest::proptest! {
        /// Writing each marker back where it stood and cleaning again gives
        /// the same text and markers: the offsets are what `render` needs.
        #[test]
        fn markers_written_back_at_their_offsets_read_the_same(
            raw in crate::testing::text_of(&["a", "Zé", "1", " ", "  ", "\t", "\u{a0}", ".", ",", "(", ")", "<p>", "</p>",
                "<b>", "</b>", "<sup>3</sup>", "<sup> 12 </sup>", "¹", "²⁰", " ¹ "], 16)
        ) {
            let first = clean(&raw, 0);
            let mut written = String::new();
            let mut from = 0;
            for marker in &first.markers {
                written.push_str(&first.text[from..marker.at]);
                written.push_str(&format!("<sup>{}</sup>", marker.number));
                from = marker.at;
            }
            written.push_str(&first.text[from..]);
            let again = clean(&written, 0);
            proptest::prop_assert_eq!(&again.text, &first.text);
            let placed = |c: &Clean| c.markers.iter().map(|m| (m.number, m.at)).collect::<Vec<_>>();
            proptest::prop_assert_eq!(placed(&again), placed(&first));
        }

        #[test]
        fn first_text_byte_is_that_of_the_clean_text(
            raw in crate::testing::text_of(&["a", "Z", "1", " ", "\t", "\u{a0}", "*", "**", "<p>", "</p>", "<b>", "<br/>",
                "<sup>3</sup>", "<https://e.eu/a>", "¹", "–", "<", ">", "<a\tx:y>"], 12)
        ) {
            proptest::prop_assert_eq!(
                first_text_byte(&raw),
                clean(&raw, 0).text.bytes().next()
            );
        }
    }

    #[test]
    fn whitespace_is_unicode_white_space() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes();
            let expected = if c.is_whitespace() { encoded.len() } else { 0 };
            assert_eq!(whitespace_len(encoded), expected, "{c:?}");
        }
    }

    #[test]
    fn superscripts_read_as_numbers() {
        assert_eq!(superscript_number("¹⁰"), Some(10));
        assert_eq!(superscript_number("⁹⁸⁷"), Some(987));
        assert_eq!(superscript_number("x"), None);
    }
}
