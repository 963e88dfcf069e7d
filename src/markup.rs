//! Cleaning cell and paragraph text: tags, emphasis, autolinks, footnote
//! markers (`<sup>3</sup>` and Unicode superscripts) and whitespace.

use crate::span::Span;
use std::collections::BTreeMap;
use std::mem::ManuallyDrop;

/// The dashes texts write between words and numbers: hyphen-minus, en dash,
/// em dash (`2021-2025`, `2021–2025`, `I — TITLE`).
pub(crate) const DASHES: [char; 3] = ['-', '–', '—'];

/// A footnote marker found in a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// The footnote number.
    pub number: u32,
    /// Where the marker is in the source.
    pub span: Span,
    /// Where it stood in the cleaned text: the byte offset just after the
    /// word before it (0 when none came before it).
    pub at: usize,
}

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

/// A set of bytes, as a table built at compile time.
pub(crate) struct ByteSet([bool; 256]);

impl ByteSet {
    // Evaluated by the compiler: an index out of range would fail the build.
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn of(members: &[u8]) -> Self {
        let mut table = [false; 256];
        let mut i = 0;
        while i < members.len() {
            table[members[i] as usize] = true;
            i += 1;
        }
        ByteSet(table)
    }

    pub(crate) fn contains(&self, byte: u8) -> bool {
        self.0.get(usize::from(byte)).copied().unwrap_or(false)
    }
}

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

/// The number written by a run of Unicode superscript digits (`¹⁰` → 10):
/// `None` when `run` has anything else, or is too long for a number.
#[cfg(test)]
pub(crate) fn superscript_number(run: &str) -> Option<u32> {
    let (len, number) = superscript_run(run.as_bytes());
    number.filter(|_| len == run.len())
}

/// The run of superscript digits at the start of `bytes`: its length in
/// bytes, and the number it writes (`None` when too long for a `u32`).
pub(crate) fn superscript_run(bytes: &[u8]) -> (usize, Option<u32>) {
    let mut len = 0;
    let mut number = Some(0u32);
    while let Some((digit, width)) = bytes.get(len..).and_then(superscript_digit) {
        number = number.and_then(|n| n.checked_mul(10)?.checked_add(digit));
        len += width;
    }
    (len, number)
}

/// The superscript digit at the start of `bytes`: its value and length.
fn superscript_digit(bytes: &[u8]) -> Option<(u32, usize)> {
    match bytes {
        [0xC2, 0xB9, ..] => Some((1, 2)),
        [0xC2, 0xB2, ..] => Some((2, 2)),
        [0xC2, 0xB3, ..] => Some((3, 2)),
        [0xE2, 0x81, 0xB0, ..] => Some((0, 3)),
        [0xE2, 0x81, low @ 0xB4..=0xB9, ..] => Some((u32::from(low - 0xB0), 3)),
        _ => None,
    }
}

/// The length of the whitespace character (Unicode `White_Space`) at the
/// start of `bytes`, or 0.
fn whitespace_len(bytes: &[u8]) -> usize {
    match bytes {
        [b'\t'..=b'\r' | b' ', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
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

/// A number of one to `max` ASCII digits at the start of `text` (no more
/// digits may follow), and the text after it.
pub(crate) fn leading_number(text: &str, max: usize) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=max).contains(&digits) {
        return None;
    }
    Some((text.get(..digits)?.parse().ok()?, text.get(digits..)?))
}

/// `<sup> 12 </sup>` (any case, a number that fits a `u32`, as a run of
/// superscript digits must) at `at`: the number and where the marker ends.
pub(crate) fn sup_marker(raw: &str, at: usize) -> Option<(u32, usize)> {
    let rest = raw.get(at..)?;
    if !rest.as_bytes().get(..5)?.eq_ignore_ascii_case(b"<sup>") {
        return None;
    }
    let (number, after) = leading_number(rest.get(5..)?.trim_start(), 10)?;
    let after = after.trim_start();
    if !after.as_bytes().get(..6)?.eq_ignore_ascii_case(b"</sup>") {
        return None;
    }
    Some((number, at + rest.len() - after.len() + 6))
}

/// A Markdown footnote marker (`[^3]`, as pandoc writes a document's
/// footnotes) at `at`: its number and where it ends.
pub(crate) fn note_marker(raw: &str, at: usize) -> Option<(u32, usize)> {
    let rest = raw.get(at..)?.strip_prefix("[^")?;
    let (number, after) = leading_number(rest, 10)?;
    after
        .starts_with(']')
        .then(|| (number, raw.len() - after.len() + 1))
}

/// The longest character reference's name: `&CounterClockwiseContourIntegral;`.
const REFERENCE_NAME_MAX: usize = 32;

/// An HTML character reference at `at` — a name (`&amp;`), a decimal
/// (`&#8211;`) or a hexadecimal number (`&#x2013;`), with its `;` — and
/// where it ends; html-escape decodes it. `None` for an `&` that starts
/// none (`R&D`, `&unknown;`).
pub(crate) fn char_reference(raw: &str, at: usize) -> Option<(String, usize)> {
    let rest = raw.as_bytes().get(at + 1..)?;
    let name = rest
        .iter()
        .take(REFERENCE_NAME_MAX + 1)
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'#')
        .count();
    if name == 0 || rest.get(name) != Some(&b';') {
        return None;
    }
    let end = at + 1 + name + 1;
    match html_escape::decode_html_entities(raw.get(at..end)?) {
        std::borrow::Cow::Owned(text) => Some((text, end)),
        std::borrow::Cow::Borrowed(_) => None,
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

/// An HTML tag: whether it closes (`</td>`), its name, where it ends, and
/// its attributes (`<td class="x">`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct HtmlTag<'a> {
    pub closing: bool,
    pub name: &'a [u8],
    pub end: usize,
    /// What stands between the name and the closing `>` (empty when the
    /// tag has no attributes).
    attributes: &'a [u8],
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
/// scanner remembers how each scan that went past a `<` inside a quoted
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

/// How the scans of a [`Tags`] that went past a `<` inside a quoted value
/// ended, by that `<`'s position and the quote: none until one has (as in
/// most texts), so that a scanner costs next to nothing to make or drop.
#[derive(Default)]
struct Passed(ManuallyDrop<Option<Box<PassedMap>>>);

/// How each scan ended, by the `<` it went past and the quote it was in.
type PassedMap = BTreeMap<(usize, u8), AttributesEnd>;

impl Drop for Passed {
    /// A scanner is made and dropped for every cell: the test for an
    /// empty memory is inlined, where the map's own drop, which the
    /// compiler does not inline, would be called each time.
    #[inline]
    fn drop(&mut self) {
        if self.0.is_some() {
            drop(std::mem::take(&mut *self.0));
        }
    }
}

impl<'a> Tags<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Tags {
            bytes,
            next: 0,
            passed: Passed::default(),
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
            let memory = self.passed.0.get_or_insert_with(Box::default);
            memory.extend(passed.into_iter().map(|key| (key, end)));
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
                    if let Some(&end) = self.passed.0.as_ref().and_then(|m| m.get(&key)) {
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
    let mut out = Writer {
        text: String::with_capacity(raw.len()),
        plain,
        ligatures: !ascii && may_have_ligatures(bytes),
        ..Writer::default()
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
struct Writer {
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

impl Writer {
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

/// How many bytes [`is_plain`] tests in one step.
const PLAIN_BLOCK: usize = 32;

/// True for printable ASCII text (no control characters, so no whitespace
/// but spaces) with no two spaces in a row and no `[^`, which may start a
/// Markdown footnote marker. Tested a block of bytes at a time, each with
/// the byte after it; the last block is padded with a plain byte, so that
/// no byte-by-byte loop is left over for the end of a short cell.
fn is_plain(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some(block) = rest.first_chunk::<{ PLAIN_BLOCK + 1 }>() {
        if !is_plain_block(block) {
            return false;
        }
        rest = rest.get(PLAIN_BLOCK..).unwrap_or_default();
    }
    let mut last = [b'.'; PLAIN_BLOCK + 1];
    if let Some(head) = last.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    is_plain_block(&last)
}

/// True when no byte of `block` but the last is non-ASCII or a control
/// character, nor a space followed by another, nor a `[` by `^`. One pass
/// with no early exit, which the compiler turns into vector instructions.
fn is_plain_block(block: &[u8; PLAIN_BLOCK + 1]) -> bool {
    // Bytes from 0x80 up are negative as `i8`: one comparison rules out
    // them and the control characters.
    let not_plain = |a: u8, b: u8| {
        u8::from((a as i8) < 0x20 || (a == b' ' && b == b' ') || (a == b'[' && b == b'^'))
    };
    let pairs = block.iter().zip(block.iter().skip(1));
    pairs.fold(0u8, |bad, (&a, &b)| bad | not_plain(a, b)) == 0
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
    let mut out = Writer {
        text: String::with_capacity(text.len()),
        ligatures: may_have_ligatures(text.as_bytes()),
        ..Writer::default()
    };
    out.words(text);
    out.text
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
        assert_eq!(tags.passed.0.as_ref().map(|m| m.len()), Some(1_000));
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

    /// The regex-based cleaner this module had before the byte scanner: an
    /// oracle the scanner must agree with.
    mod reference {
        use super::super::superscript_number;
        use super::super::{Clean, Marker, Span, Writer};
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
            let mut out = Writer {
                text: String::with_capacity(raw.len()),
                ..Writer::default()
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

    /// Block by block, across block boundaries and padded ends, as defined
    /// byte by byte: texts of words and single spaces of every length up
    /// to three blocks, with one odd byte, a double space or a `[^`
    /// anywhere.
    #[test]
    fn plain_as_defined() {
        let defined = |bytes: &[u8]| {
            bytes.iter().all(|b| (0x20..0x80).contains(b))
                && !bytes.windows(2).any(|w| w == b"  " || w == b"[^")
        };
        for len in 0..3 * PLAIN_BLOCK + 2 {
            let text: Vec<u8> = b"a^b c".iter().copied().cycle().take(len).collect();
            assert!(is_plain(&text), "{len}");
            for at in 0..len {
                for odd in [b'\t', b'\r', 0x0B, 0xC2, 0x80, 0x7F, 0, 0x1F, b' ', b'['] {
                    let mut odd_text = text.clone();
                    odd_text[at] = odd;
                    assert_eq!(is_plain(&odd_text), defined(&odd_text), "{odd_text:?}");
                }
            }
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
