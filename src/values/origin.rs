//! Where the parts of a cleaned text came from in the source.
//!
//! Cleaning ([`crate::text::clean`]) keeps the words of its source in
//! order: it drops the markup between them, collapses whitespace and joins
//! the pieces of a continued cell with a space. So each word of a cleaned
//! text is found again in the source, in order, as printed and with only
//! markup and whitespace before it. A word the source spells otherwise
//! (`R&amp;D`, `Euro<b>pol</b>`, a ligature) is not found as printed: it
//! lies somewhere between the words found around it, and that is the span
//! it is given; but a word printed with tags between its letters is
//! walked letter by letter, so that a part of it (`Europol` of
//! `Euro<b>pol</b>Eurojust`) has its own span.

use crate::span::Span;
use std::ops::Range;

/// The words of a cleaned text, each with where it lies in the source.
pub(crate) struct Origin<'a> {
    /// The cleaned text.
    text: &'a str,
    /// The whole source.
    source: &'a str,
    /// In the order of the cleaned text.
    words: Vec<Word>,
}

/// A run of the cleaned text and where it lies in the source: a word or
/// more found as printed (with what follows it alike in both), or a word
/// not found so.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Where it starts in the cleaned text.
    at: usize,
    /// Its length in bytes.
    len: usize,
    /// Its span in the source: exactly its bytes when `exact`, otherwise
    /// the source between the runs found around it.
    source: Span,
    exact: bool,
    /// Not found as printed, and the first of the words that share its
    /// source, which so starts with it (`standards` of
    /// `standards<sup>2</sup>.`, cleaned `standards.`).
    leads: bool,
    /// Not found as printed, and the last of the words that share its
    /// source, which so ends with it.
    trails: bool,
}

impl<'a> Origin<'a> {
    /// Finds the words of `text` in `source`. `pieces` are the parts of
    /// `text` (byte ranges of it, in order) with the source span each was
    /// read from. In the piece `from` lies in, no word lies before it (the
    /// end of an action's `Action N` label, which the cleaned text left
    /// out), and what stands between it and the first word (the `.` after
    /// the label) is not looked at.
    pub(crate) fn new(
        text: &'a str,
        pieces: impl Iterator<Item = (Range<usize>, Span)>,
        source: &'a str,
        from: usize,
    ) -> Origin<'a> {
        // The room a first word would be given, given at once: most
        // cells are printed as they read, in a run or a few.
        let mut words = Vec::with_capacity(4);
        for (range, span) in pieces {
            let after_label = span.start < from && from <= span.end;
            let start = if after_label { from } else { span.start };
            let raw = source.get(start..span.end).unwrap_or_default();
            let piece = text.get(range.clone()).unwrap_or_default();
            GatheredPiece {
                raw,
                base: start,
                cursor: 0,
                pending: Vec::new(),
                unchecked: after_label,
            }
            .read(piece, range.start, &mut words);
        }
        Origin {
            text,
            source,
            words,
        }
    }

    /// The source span of `range`, a byte range of the cleaned text; `None`
    /// when it holds no word.
    pub(crate) fn span(&self, range: Range<usize>) -> Option<Span> {
        let first = self.words.partition_point(|w| w.at + w.len <= range.start);
        let last = self.words.partition_point(|w| w.at < range.end);
        let (first, last) = (
            self.words.get(first)?,
            self.words.get(last.checked_sub(1)?)?,
        );
        if first.at >= range.end {
            return None;
        }
        let start = match first.exact {
            true => first.source.start + range.start.saturating_sub(first.at),
            false => self.inexact_start(first, range.start),
        };
        let end = match last.exact {
            true => last.source.start + (range.end - last.at).min(last.len),
            false => self.inexact_end(last, range.end),
        };
        Some(Span::new(start, end))
    }

    /// Where the cleaned text's byte `at` of `word`, not found as printed,
    /// lies: where the rest of the word ends its source, if it does; in a
    /// word its source prints with tags between its letters, that letter;
    /// otherwise the source's start.
    fn inexact_start(&self, word: &Word, at: usize) -> usize {
        let rest = (at > word.at && word.trails)
            .then(|| self.text.get(at..word.at + word.len))
            .flatten();
        let source = self.source.get(word.source.range()).unwrap_or_default();
        if let Some(rest) = rest.filter(|rest| source.ends_with(*rest)) {
            return word.source.end - rest.len();
        }
        // The word printed with tags between its letters (`Euro<b>pol</b>`).
        let tagged = word
            .leads
            .then(|| self.text.get(word.at..word.at + word.len))
            .flatten()
            .and_then(|printed| tagged_offsets(printed, source, at.saturating_sub(word.at)))
            .map(|(start, _)| word.source.start + start);
        tagged.unwrap_or(word.source.start)
    }

    /// Where the cleaned text's byte `end` of `word`, not found as
    /// printed, lies: after the start of the word if its source starts
    /// with it, perhaps with tags between its letters; otherwise the
    /// source's end.
    fn inexact_end(&self, word: &Word, end: usize) -> usize {
        let source = self.source.get(word.source.range()).unwrap_or_default();
        let Some(head) = word.leads.then(|| self.text.get(word.at..end)).flatten() else {
            return word.source.end;
        };
        // A head of the word ends where it is printed; the whole word where
        // its source does, unless no more than tags follow it there
        // (`Eurojust` of `Europol<b>Eurojust</b>`).
        let whole = end >= word.at + word.len;
        if !whole && source.starts_with(head) {
            return word.source.start + head.len();
        }
        match tagged_offsets(head, source, head.len()) {
            Some((_, at)) if !whole || holds_no_text(source.get(at..).unwrap_or_default()) => {
                word.source.start + at
            }
            _ => word.source.end,
        }
    }
}

/// When `source` starts with `word` printed with HTML tags between its
/// letters (`Euro<b>pol</b>Eurojust` for `Europol`): where the word's byte
/// `n` starts in it (past the tags before it), and where its byte `n - 1`
/// ends (before the tags after it).
fn tagged_offsets(word: &str, source: &str, n: usize) -> Option<(usize, usize)> {
    let (word, bytes) = (word.as_bytes(), source.as_bytes());
    let mut tags = crate::text::Tags::new(bytes);
    let (mut i, mut end) = (0, 0);
    for (j, &letter) in word.iter().enumerate() {
        while let Some(tag) = tags.at(i) {
            i = tag.end;
        }
        if j == n {
            return Some((i, end));
        }
        if bytes.get(i) != Some(&letter) {
            return None;
        }
        i += 1;
        end = i;
    }
    (n == word.len()).then_some((i, end))
}

/// One piece of a cleaned text being found in its source.
struct GatheredPiece<'s> {
    /// The piece's source text.
    raw: &'s str,
    /// Where `raw` starts in the source.
    base: usize,
    /// How far into `raw` the words found so far reach.
    cursor: usize,
    /// Words not found as printed since the last one found.
    pending: Vec<Word>,
    /// What stands before the first word is not looked at.
    unchecked: bool,
}

impl GatheredPiece<'_> {
    /// Finds the words of `piece`, which starts at byte `at` of the
    /// cleaned text, and adds them to `words`.
    fn read(mut self, piece: &str, at: usize, words: &mut Vec<Word>) {
        let mut i = 0;
        while let Some(rest) = piece.get(i..).filter(|r| !r.is_empty()) {
            let end = memchr::memchr(b' ', rest.as_bytes()).unwrap_or(rest.len());
            let word = rest.get(..end).unwrap_or_default();
            if word.is_empty() {
                i += 1;
                continue;
            }
            match self
                .find(word, at + i)
                .map(|found| self.widened_to_char_reference(found))
            {
                Some(found) if !found.exact => {
                    self.take(found, words);
                    i += word.len();
                }
                Some(found) => {
                    // What follows as printed goes with it (most pieces
                    // are printed as they read, or in long runs).
                    let after = found.source.end - self.base;
                    let mut more = common_prefix(
                        rest.get(word.len()..).unwrap_or_default(),
                        self.raw.get(after..).unwrap_or_default(),
                    );
                    // Not into a character reference, whose decoded text
                    // is a word of its own (`&` of `&amp;`).
                    if more > 0 && self.reference_end(after + more - 1).is_some() {
                        more -= 1;
                    }
                    let len = word.len() + more;
                    let source = Span::new(found.source.start, found.source.end + more);
                    self.take(
                        Word {
                            len,
                            source,
                            ..found
                        },
                        words,
                    );
                    i += len;
                }
                None => {
                    self.pending.push(Word {
                        at: at + i,
                        len: word.len(),
                        source: Span::default(),
                        exact: false,
                        leads: false,
                        trails: false,
                    });
                    i += word.len();
                }
            }
        }
        self.settle(self.base + self.raw.len(), words);
    }

    /// `word` (at byte `at` of the cleaned text) as printed after the
    /// cursor, with only markup and whitespace before it (or anything,
    /// after a word not found as printed, which stands there).
    fn find(&mut self, word: &str, at: usize) -> Option<Word> {
        if word.is_empty() {
            return None;
        }
        // Most often the word stands right after whitespace.
        let rest = self.raw.get(self.cursor..)?;
        let spaced = rest.trim_start();
        if spaced.starts_with(word) {
            let found = self.base + self.cursor + (rest.len() - spaced.len());
            return Some(Word {
                at,
                len: word.len(),
                source: Span::new(found, found + word.len()),
                exact: true,
                leads: false,
                trails: false,
            });
        }
        let mut from = self.cursor;
        // A few tries: a short word may first turn up inside a tag.
        for _ in 0..4 {
            let found = from + position(self.raw.get(from..)?, word)?;
            let gap = self.raw.get(self.cursor..found).unwrap_or_default();
            let unchecked = self.unchecked || !self.pending.is_empty();
            if unchecked || holds_no_text(gap) {
                return Some(Word {
                    at,
                    len: word.len(),
                    source: Span::new(self.base + found, self.base + found + word.len()),
                    exact: true,
                    leads: false,
                    trails: false,
                });
            }
            from = found + word.len();
        }
        None
    }

    /// `word`, found as printed: unless the `&` it ends with starts a
    /// character reference there (`&` of `&amp;`), whose source it then
    /// is, as a word not found as printed.
    fn widened_to_char_reference(&self, word: Word) -> Word {
        let last = word.source.start - self.base + word.len.saturating_sub(1);
        match self.reference_end(last) {
            Some(end) => Word {
                source: Span::new(word.source.start, self.base + end),
                exact: false,
                leads: true,
                trails: true,
                ..word
            },
            None => word,
        }
    }

    /// Where the character reference at byte `at` of the piece's source
    /// (`&amp;`) ends, if one starts there.
    fn reference_end(&self, at: usize) -> Option<usize> {
        if self.raw.as_bytes().get(at) != Some(&b'&') {
            return None;
        }
        crate::text::char_reference(self.raw, at).map(|(_, end)| end)
    }

    /// Adds `word`, found, to `words`, after the words not found before
    /// it; the cursor moves past it.
    fn take(&mut self, word: Word, words: &mut Vec<Word>) {
        self.settle(word.source.start, words);
        words.push(word);
        self.cursor = word.source.end - self.base;
        self.unchecked = false;
    }

    /// Gives the words not found as printed the source between the last
    /// word found and `end` (where the next one starts), without the
    /// whitespace at its ends.
    fn settle(&mut self, end: usize, words: &mut Vec<Word>) {
        if self.pending.is_empty() {
            return;
        }
        let start = self.base + self.cursor;
        let between = self
            .raw
            .get(self.cursor..end.saturating_sub(self.base))
            .unwrap_or_default();
        let inner = between.trim_start();
        let first = start + (between.len() - inner.len());
        let source = Span::new(first, first + inner.trim_end().len());
        let last = self.pending.len() - 1;
        words.extend(self.pending.drain(..).enumerate().map(|(i, w)| Word {
            source,
            leads: i == 0,
            trails: i == last,
            ..w
        }));
    }
}

/// Where `word` first stands in `text`.
fn position(text: &str, word: &str) -> Option<usize> {
    occurrences(text.as_bytes(), word.as_bytes()).next()
}

/// The longest needle [`occurrences`] finds by its first byte.
const SHORT_NEEDLE: usize = 16;

/// Where `needle` starts in `haystack`, each place in order and none
/// overlapping the one before (as `str::match_indices` finds them);
/// nothing for an empty needle. A short needle's first byte is sought and
/// the rest compared: most are words found near, where building a
/// substring searcher would cost more than the search. A long one is found
/// by memchr's substring searcher, which stays linear: comparing a long
/// needle at every place its first byte stands is quadratic on text that
/// repeats that byte (a cell of a million digits).
pub(crate) fn occurrences<'h>(
    haystack: &'h [u8],
    needle: &'h [u8],
) -> impl Iterator<Item = usize> + 'h {
    let short = needle.len() <= SHORT_NEEDLE;
    let first = needle.first().copied().filter(|_| short);
    let mut by_first_byte = first.map(|b| memchr::memchr_iter(b, haystack));
    let mut by_searcher = (!short).then(|| memchr::memmem::find_iter(haystack, needle));
    // Where the next place may start: past the last one found.
    let mut free = 0;
    std::iter::from_fn(move || match &mut by_first_byte {
        Some(places) => {
            let at = places.find(|&at| {
                let rest = haystack.get(at..).unwrap_or_default();
                at >= free && rest.starts_with(needle)
            })?;
            free = at + needle.len();
            Some(at)
        }
        None => by_searcher.as_mut()?.next(),
    })
}

/// How many bytes `a` and `b` start with alike, up to a character
/// boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let same = (a.bytes().zip(b.bytes()))
        .take_while(|(p, q)| p == q)
        .count();
    char_floor(a, same)
}

/// The last character boundary of `text` at or before `at`.
fn char_floor(text: &str, at: usize) -> usize {
    (0..=at)
        .rev()
        .find(|&n| text.is_char_boundary(n))
        .unwrap_or(0)
}

/// True when cleaning `gap` leaves no text: it is whitespace and markup.
/// Asked without cleaning it (which would write the text out): cleaned
/// text holds no whitespace but single spaces between words, so it is
/// empty exactly when it has no first byte.
fn holds_no_text(gap: &str) -> bool {
    crate::text::first_text_byte(gap).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source text of `part`, a part of the cleaned text of `raw`.
    fn found(raw: &str, part: &str) -> String {
        let text = crate::text::clean(raw, 0).text;
        let whole = Span::new(0, raw.len());
        let origin = Origin::new(&text, std::iter::once((0..text.len(), whole)), raw, 0);
        let at = text
            .find(part)
            .unwrap_or_else(|| panic!("{part} not in {text}"));
        match origin.span(at..at + part.len()) {
            Some(span) => raw.get(span.range()).unwrap_or("?").to_owned(),
            None => "-".to_owned(),
        }
    }

    #[test]
    fn words_are_found_as_printed_or_between_their_neighbours() {
        // A source, and parts of its cleaned text with their source.
        let cases: [(&str, &[(&str, &str)]); 9] = [
            // Cleaned `EMCDDA Europol`.
            (
                "<p>EMCDDA</p><p>Europol</p>",
                &[
                    ("EMCDDA", "EMCDDA"),
                    ("EMCDDA Europol", "EMCDDA</p><p>Europol"),
                ],
            ),
            (
                "Member States     Council of the EU",
                &[
                    ("States", "States"),
                    ("Council of the EU", "Council of the EU"),
                ],
            ),
            (
                "Commission, Member States",
                &[("Commission", "Commission"), ("Member", "Member")],
            ),
            // Spelt otherwise: cleaned `Europol R&D EMCDDA`.
            (
                "Europol  R&amp;D  EMCDDA",
                &[
                    ("R&D", "R&amp;D"),
                    ("Europol R&D", "Europol  R&amp;D"),
                    ("D EMCDDA", "D  EMCDDA"),
                    ("R&D EMCDDA", "R&amp;D  EMCDDA"),
                ],
            ),
            // A tag inside a word (cleaned `Europol EEAS`), a ligature.
            (
                "Euro<b>pol</b> EEAS x ﬁnal",
                &[
                    ("Europol", "Euro<b>pol"),
                    ("EEAS", "EEAS"),
                    ("inal", "ﬁnal"),
                    ("nal", "nal"),
                ],
            ),
            // Tags inside a word of names run together: cleaned
            // `EuropolEurojust Frontex` and `EuropolEurojust`.
            (
                "Euro<b>pol</b>Eurojust Frontex",
                &[
                    ("Europol", "Euro<b>pol"),
                    ("Eurojust", "Eurojust"),
                    ("Frontex", "Frontex"),
                ],
            ),
            (
                "Europol<b>Eurojust</b>",
                &[("Europol", "Europol"), ("Eurojust", "Eurojust")],
            ),
            // A word that is a character reference: cleaned `Europol & Eurojust`.
            (
                "Europol &amp; Eurojust",
                &[
                    ("&", "&amp;"),
                    ("Eurojust", "Eurojust"),
                    ("& Eurojust", "&amp; Eurojust"),
                ],
            ),
            // A marker before punctuation: cleaned `standards. Next`.
            (
                "standards<sup>2</sup>. Next",
                &[
                    ("standards", "standards"),
                    ("standards.", "standards<sup>2</sup>."),
                ],
            ),
        ];
        for (raw, parts) in cases {
            for &(part, expected) in parts {
                assert_eq!(found(raw, part), expected, "{raw}: {part}");
            }
        }
    }

    #[test]
    fn a_word_inside_a_tag_is_not_the_word() {
        // Cleaned: `p q`, not printed as read (two spaces): word by word,
        // the first `p` is the tag's.
        assert_eq!(found("<p>p  q</p>", "q"), "q");
        let raw = "<p>p  q</p>";
        let origin = Origin::new("p q", std::iter::once((0..3, Span::new(0, 11))), raw, 0);
        assert_eq!(origin.span(0..1), Some(Span::new(3, 4)));
    }

    #[test]
    fn pieces_are_found_in_their_own_spans() {
        // `Europol` twice: the second is the second piece's, not the
        // first's repeated in the text between them.
        let source = "Europol | Europol text | Europol";
        let text = "Europol Europol";
        let pieces = [(0..8, Span::new(0, 7)), (8..15, Span::new(25, 32))];
        let origin = Origin::new(text, pieces.into_iter(), source, 0);
        assert_eq!(origin.span(8..15), Some(Span::new(25, 32)));
        assert_eq!(origin.span(0..15), Some(Span::new(0, 32)));
        assert_eq!(origin.span(7..8), None);
    }

    proptest::proptest! {
        #[test]
        fn words_are_positioned_as_a_substring_search_finds_them(
            text in crate::testing::text_of(&["a", "b", "ab", " ", "é", "<b>", "&amp;", "aaaaaaaa", "abababab"], 12),
            // Short words, and long ones (past `SHORT_NEEDLE`).
            word in proptest::sample::select(vec![
                "a", "ab", "ba", "é", "b>", "&", "aa", "abababababababab", "aaaaaaaaaaaaaaaaa",
            ]),
        ) {
            proptest::prop_assert_eq!(position(&text, word), text.find(word));
            let every: Vec<usize> = text.match_indices(word).map(|(at, _)| at).collect();
            let found: Vec<usize> = occurrences(text.as_bytes(), word.as_bytes()).collect();
            proptest::prop_assert_eq!(found, every);
        }
    }

    #[test]
    fn common_prefixes_end_on_character_boundaries() {
        let long = "Member States, Commission, Council of the EU";
        assert_eq!(common_prefix(long, long), long.len());
        assert_eq!(
            common_prefix(long, "Member States, Commission, Europol"),
            27
        );
        assert_eq!(common_prefix("Member States", "Member"), 6);
        assert_eq!(common_prefix("", long), 0);
        // `é` and `è` share their first byte, which is not a prefix.
        let accented = "Member States and Comité";
        assert_eq!(common_prefix(accented, "Member States and Comitè"), 23);
    }

    #[test]
    fn nothing_before_from_is_read() {
        // The label's span ends before its `.`.
        let source = "<b>Action 1</b>. Action plans";
        let text = "Action plans";
        let origin = Origin::new(text, std::iter::once((0..12, Span::new(0, 29))), source, 11);
        assert_eq!(origin.span(0..6), Some(Span::new(17, 23)));
        let text = "(i) Action";
        let source = "Action 1. (i) Action";
        let origin = Origin::new(text, std::iter::once((0..10, Span::new(0, 20))), source, 8);
        assert_eq!(origin.span(0..10), Some(Span::new(10, 20)));
    }
}
