//! HTML tags inside a text: their names, attributes and extent, found at
//! any position in time linear in the text's length (times a logarithm),
//! with a memo of how earlier scans ended.

use super::bytes::whitespace_len;
use std::collections::BTreeMap;

/// An HTML tag: whether it closes (`</td>`), its name, where it ends, and
/// its attributes (`<td class="x">`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct HtmlTag<'a> {
    pub closing: bool,
    pub name: &'a [u8],
    pub end: usize,
    /// What stands between the name and the closing `>` (empty when the
    /// tag has no attributes).
    pub attributes: &'a [u8],
}

impl<'a> HtmlTag<'a> {
    /// True for an opening tag named `name` (any case).
    pub fn opens(&self, name: &[u8]) -> bool {
        !self.closing && self.name.eq_ignore_ascii_case(name)
    }

    /// True for a closing tag named `name` (any case).
    pub fn closes(&self, name: &[u8]) -> bool {
        self.closing && self.name.eq_ignore_ascii_case(name)
    }

    /// The value of the attribute `name` (any case), written `name="v"`,
    /// `name='v'` or `name=v`; empty for an attribute without a value.
    pub fn attribute(&self, name: &[u8]) -> Option<&'a [u8]> {
        let bytes = self.attributes;
        let is_space = |b: &u8| b.is_ascii_whitespace();
        let mut at = 0;
        while at < bytes.len() {
            at += bytes.get(at..)?.iter().take_while(|b| is_space(b)).count();
            let ends_name = |b: &u8| is_space(b) || matches!(b, b'=' | b'/' | b'>');
            let len = bytes
                .get(at..)?
                .iter()
                .take_while(|b| !ends_name(b))
                .count();
            let this = bytes.get(at..at + len)?;
            at += len.max(1);
            at += bytes.get(at..)?.iter().take_while(|b| is_space(b)).count();
            let mut value: &[u8] = &[];
            if bytes.get(at) == Some(&b'=') {
                at += 1;
                at += bytes.get(at..)?.iter().take_while(|b| is_space(b)).count();
                let rest = bytes.get(at..)?;
                value = match rest.first() {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let inner = rest.get(1..)?;
                        let len = memchr::memchr(quote, inner).unwrap_or(inner.len());
                        at += len + 2;
                        inner.get(..len)?
                    }
                    _ => {
                        let len = rest
                            .iter()
                            .take_while(|b| !is_space(b) && **b != b'>')
                            .count();
                        at += len;
                        rest.get(..len)?
                    }
                };
            }
            if !this.is_empty() && this.eq_ignore_ascii_case(name) {
                return Some(value);
            }
        }
        None
    }
}

/// The HTML tag at `at` of `bytes` (`<p>`, `</b>`, `<br/>`, `<td
/// class="x">`): a name of ASCII letters and digits, then `>`, `/>`, or
/// whitespace and attributes up to a `>` with no `<` before it. For one
/// look; a text looked at in many places is read with one [`Tags`].
pub(crate) fn html_tag(bytes: &[u8], at: usize) -> Option<HtmlTag<'_>> {
    Tags::new(bytes).at(at)
}

/// How a scan for the `>` that ends a tag's attributes ended (see
/// [`Tags::attributes_end`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttributesEnd {
    /// At the `>` at this position of the text.
    Close(usize),
    /// At a `<` outside quoted values: no tag.
    Open,
    /// At the end of the text, inside a quoted value.
    InQuote,
}

/// The HTML tags of one text (see [`html_tag`]), looked for at any of its
/// positions, or one after another from a position on (as an iterator,
/// `<` by `<`: each with where it starts).
///
/// Looking for a tag's end from every `<` in turn would read a text such
/// as `<b y="<a " y="<a " … <` to its end from each (each `<a "` reads the
/// quotes the other way round), in time quadratic in its length. So the
/// scanner keeps a memo of how each scan that went past a `<` inside a quoted
/// value ended: a later scan that reaches the same `<` inside the same
/// quote ends the same way, and stops there. A scan reads on past a `<`
/// only when none has gone past it in that quote before, so each `<` is
/// gone past at most twice (once in each quote), and finding every tag of
/// a text takes time linear in its length (times the log of the memory's
/// size). Which tags are found is unchanged: see
/// [`Tags::attributes_end`], and the oracle in the tests.
pub(crate) struct Tags<'a> {
    bytes: &'a [u8],
    /// Where the iterator looks for the next `<`.
    next: usize,
    /// How the scans that went past a `<` inside a quoted value ended.
    passed: Passed,
}

/// How each scan ended, by the `<` it went past inside a quoted value and
/// the quote it was in: the memo of a [`Tags`].
type Passed = BTreeMap<(usize, u8), AttributesEnd>;

impl<'a> Tags<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Tags {
            bytes,
            next: 0,
            passed: Passed::new(),
        }
    }

    /// The text the tags are read from.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Iterates from the `<` at or after `at` on.
    pub(crate) fn seek(&mut self, at: usize) {
        self.next = at;
    }

    /// The tag at `at` (see [`html_tag`]).
    pub(crate) fn at(&mut self, at: usize) -> Option<HtmlTag<'a>> {
        let bytes = self.bytes;
        read_tag(bytes, at, |from| match self.attributes_end(from) {
            AttributesEnd::Close(close) => Some(close),
            AttributesEnd::Open => None,
            // A quote left open is read as none, so that a stray quote
            // does not carry the tag on through the text: the tag ends at
            // the first `>`, if no `<` comes before it.
            AttributesEnd::InQuote => {
                let close = from + memchr::memchr2(b'<', b'>', bytes.get(from..)?)?;
                (bytes.get(close) == Some(&b'>')).then_some(close)
            }
        })
    }

    /// How the attributes from `from` end: at the first `>` outside a
    /// quoted value (`title="a>b"`), at a `<` outside them that comes
    /// first, or at the text's end inside one. A quote opens a value only
    /// after `=`.
    ///
    /// The scan's state at a byte is whether it is in a quoted value, and
    /// which quote, and whether the last byte that is not whitespace was
    /// `=`; at a `<` inside a quoted value that last is false, so the
    /// quote alone is the state, and scans that reach the same `<` in the
    /// same quote end the same way: the first to go past it records how,
    /// and the others stop there. The end recorded is a place in the text,
    /// the same for every scan; only what a quote left open at the text's
    /// end means depends on where the scan began ([`Tags::at`] works it
    /// out).
    fn attributes_end(&mut self, from: usize) -> AttributesEnd {
        let mut passed = Vec::new();
        let end = self.read_attributes(from, &mut passed);
        if !passed.is_empty() {
            self.passed.extend(passed.into_iter().map(|key| (key, end)));
        }
        end
    }

    /// The scan of [`Tags::attributes_end`], which pushes the `<`s it goes
    /// past inside a quoted value, each with the quote, onto `passed`.
    fn read_attributes(&self, from: usize, passed: &mut Vec<(usize, u8)>) -> AttributesEnd {
        let rest = self.bytes.get(from..).unwrap_or_default();
        let mut quote = None;
        let mut after_equals = false;
        for (i, &b) in rest.iter().enumerate() {
            match quote {
                Some(q) if b == q => quote = None,
                Some(q) if b == b'<' => {
                    let key = (from + i, q);
                    if let Some(&end) = self.passed.get(&key) {
                        return end;
                    }
                    passed.push(key);
                }
                Some(_) => {}
                None => match b {
                    b'>' => return AttributesEnd::Close(from + i),
                    b'<' => return AttributesEnd::Open,
                    b'"' | b'\'' if after_equals => quote = Some(b),
                    _ => {}
                },
            }
            if !b.is_ascii_whitespace() {
                after_equals = b == b'=';
            }
        }
        match quote {
            Some(_) => AttributesEnd::InQuote,
            None => AttributesEnd::Open,
        }
    }
}

/// The tag at `at` of `bytes` (see [`html_tag`]), its attributes (which
/// start at the byte `close` is given) ending at the `>` that `close`
/// finds; none when it finds none.
fn read_tag(
    bytes: &[u8],
    at: usize,
    close: impl FnOnce(usize) -> Option<usize>,
) -> Option<HtmlTag<'_>> {
    let mut j = at + 1;
    if bytes.get(at) != Some(&b'<') {
        return None;
    }
    let closing = bytes.get(j) == Some(&b'/');
    j += usize::from(closing);
    if !bytes.get(j)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = j;
    j += 1;
    while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
        j += 1;
    }
    let name = bytes.get(name_start..j)?;
    let (end, attributes) = match bytes.get(j)? {
        b'>' => (j + 1, &b""[..]),
        b'/' if bytes.get(j + 1) == Some(&b'>') => (j + 2, &b""[..]),
        _ => {
            // Attributes: whitespace, then anything up to the closing `>`.
            if whitespace_len(bytes.get(j..)?) == 0 {
                return None;
            }
            let close = close(j)?;
            (close + 1, bytes.get(j..close)?)
        }
    };
    Some(HtmlTag {
        closing,
        name,
        end,
        attributes,
    })
}

impl<'a> Iterator for Tags<'a> {
    type Item = (usize, HtmlTag<'a>);

    /// The next tag from where the last began (or the position sought),
    /// and where it starts.
    fn next(&mut self) -> Option<(usize, HtmlTag<'a>)> {
        loop {
            let rest = self.bytes.get(self.next..)?;
            let at = self.next + memchr::memchr(b'<', rest)?;
            self.next = at + 1;
            if let Some(tag) = self.at(at) {
                return Some((at, tag));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tags_attributes_are_read_by_name() {
        let text = br#"<td class='a b' ROWSPAN = "3" colspan=2 hidden data-x="1>">"#;
        let tag = html_tag(text, 0).unwrap_or_else(|| panic!("no tag"));
        assert_eq!(tag.attribute(b"rowspan"), Some(&b"3"[..]));
        assert_eq!(tag.attribute(b"class"), Some(&b"a b"[..]));
        assert_eq!(tag.attribute(b"colspan"), Some(&b"2"[..]));
        assert_eq!(tag.attribute(b"hidden"), Some(&b""[..]));
        // A `>` or `<` in quotes does not end the tag; a stray quote does
        // not carry it on.
        assert_eq!(tag.attribute(b"data-x"), Some(&b"1>"[..]));
        assert_eq!(tag.end, text.len());
        let quoted = html_tag(b"<td title='a<b'>x</td>", 0).map(|t| t.end);
        assert_eq!(quoted, Some(16));
        assert_eq!(
            html_tag(b"<td title=\"a>x</td>", 0).map(|t| t.end),
            Some(13)
        );
        assert_eq!(html_tag(b"<td a<b>", 0).map(|t| t.end), None);
        assert_eq!(tag.attribute(b"span"), None);
        let bare = html_tag(b"<td>", 0).unwrap_or_else(|| panic!("no tag"));
        assert_eq!(bare.attribute(b"rowspan"), None);
    }

    /// The tag reader this module had before [`Tags`], which read each
    /// tag's attributes afresh (in time quadratic in a text's length, on
    /// some texts): an oracle [`Tags`] must agree with.
    mod reference_tags {
        use super::super::{read_tag, HtmlTag};

        /// The HTML tag at `at` of `bytes` (`<p>`, `</b>`, `<br/>`, `<td
        /// class="x">`): a name of ASCII letters and digits, then `>`, `/>`, or
        /// whitespace and attributes up to a `>` with no `<` before it.
        pub fn html_tag(bytes: &[u8], at: usize) -> Option<HtmlTag<'_>> {
            read_tag(bytes, at, |from| {
                Some(from + attributes_end(bytes.get(from..)?)?)
            })
        }

        /// Where the `>` that ends a tag's attributes stands in `bytes`: the first
        /// outside a quoted value (`title="a>b"`); none when a `<` comes first
        /// outside them. A quote left open is read as none, so that a stray quote
        /// does not carry the tag on through the text.
        fn attributes_end(bytes: &[u8]) -> Option<usize> {
            let mut quote = None;
            let mut after_equals = false;
            for (i, &b) in bytes.iter().enumerate() {
                match quote {
                    Some(q) if b == q => quote = None,
                    Some(_) => {}
                    None => match b {
                        b'>' => return Some(i),
                        b'<' => return None,
                        b'"' | b'\'' if after_equals => quote = Some(b),
                        _ => {}
                    },
                }
                if !b.is_ascii_whitespace() {
                    after_equals = b == b'=';
                }
            }
            let close = memchr::memchr2(b'<', b'>', bytes)?;
            (quote.is_some() && bytes.get(close) == Some(&b'>')).then_some(close)
        }
    }

    /// Every tag of `text`, at every position, read by one scanner
    /// forwards and then backwards, and as the old reader read it.
    fn tags_both_ways(text: &str) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
        let bytes = text.as_bytes();
        let mut tags = Tags::new(bytes);
        let mut forwards: Vec<_> = (0..=bytes.len()).map(|at| tags.at(at)).collect();
        forwards.extend((0..=bytes.len()).rev().map(|at| tags.at(at)));
        let old = (0..=bytes.len()).map(|at| reference_tags::html_tag(bytes, at));
        let mut expected: Vec<_> = old.collect();
        expected.extend(expected.clone().into_iter().rev());
        let ends = |tags: Vec<Option<HtmlTag<'_>>>| tags.iter().map(|t| t.map(|t| t.end)).collect();
        (ends(forwards), ends(expected))
    }

    #[test]
    fn scans_that_reach_a_lt_in_the_same_quote_end_the_same_way() {
        // A scan from the first `<` goes past the others inside quotes;
        // from each of them, the quotes read the other way round.
        for end in [" <", " >", "\">", " \" >", "", "'>"] {
            let text = format!("<b{}{end}", " y=\"<a \"".repeat(200));
            let (new, old) = tags_both_ways(&text);
            assert_eq!(new, old, "{end}");
        }
        // Found by proptest with the memory keyed wrongly.
        for text in ["<a \"\"='<a '>", "<a \"<b y=\"<a ''='<a><a \">"] {
            let (new, old) = tags_both_ways(text);
            assert_eq!(new, old, "{text}");
        }
        let long = format!("<b{} <", " y=\"<a \"".repeat(1_000));
        let mut tags = Tags::new(long.as_bytes());
        assert_eq!(tags.by_ref().count(), 0);
        // One memory for each `<` after the first, each gone past inside `"`.
        assert_eq!(tags.passed.len(), 1_000);
    }

    proptest::proptest! {
        /// Every position of a text of tags, quotes and `<`s that are no
        /// tags reads as the old reader read it, whether looked at alone,
        /// one after another by one scanner, or backwards by one that has
        /// read them all before.
        #[test]
        fn tags_agree_with_the_reader_they_replaced(
            raw in crate::testing::text_of(&["<", ">", "\"", "'", "=", "a", "B", "1", " ", "\t", "/",
                "<a \"", "<a '", "<b ", "</b ", "<b y=\"", "=\"", "='", " = \"", "<a>", "/>", "<p>",
                "é", ":", "<td x='", "<td", "\n"], 32)
        ) {
            let bytes = raw.as_bytes();
            let seen = |tag: Option<HtmlTag<'_>>| {
                tag.map(|t| (t.closing, t.name.to_vec(), t.end, t.attributes.to_vec()))
            };
            let old: Vec<_> = (0..=bytes.len())
                .map(|at| seen(reference_tags::html_tag(bytes, at)))
                .collect();
            let alone: Vec<_> = (0..=bytes.len()).map(|at| seen(html_tag(bytes, at))).collect();
            proptest::prop_assert_eq!(&alone, &old);
            let mut tags = Tags::new(bytes);
            let mut found = vec![None; bytes.len() + 1];
            for (at, tag) in tags.by_ref() {
                found[at] = seen(Some(tag));
            }
            proptest::prop_assert_eq!(&found, &old);
            let backwards: Vec<_> = (0..=bytes.len()).rev().map(|at| seen(tags.at(at))).collect();
            proptest::prop_assert!(backwards.into_iter().rev().eq(old.iter().cloned()));
            let mut fresh = Tags::new(bytes);
            let backwards: Vec<_> = (0..=bytes.len()).rev().map(|at| seen(fresh.at(at))).collect();
            proptest::prop_assert!(backwards.into_iter().rev().eq(old.iter().cloned()));
        }
    }
}
