//! Small byte-level helpers every reader uses: byte sets, whitespace,
//! dashes, leading numbers.

/// The dashes texts write between words and numbers: hyphen-minus, en dash,
/// em dash (`2021-2025`, `2021–2025`, `I — TITLE`).
pub(crate) const DASHES: [char; 3] = ['-', '–', '—'];

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

/// The length of the whitespace character (Unicode `White_Space`) at the
/// start of `bytes`, or 0.
pub(crate) fn whitespace_len(bytes: &[u8]) -> usize {
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

/// A number of one to `max` ASCII digits at the start of `text` (no more
/// digits may follow), and the text after it.
pub(crate) fn leading_number(text: &str, max: usize) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=max).contains(&digits) {
        return None;
    }
    Some((text.get(..digits)?.parse().ok()?, text.get(digits..)?))
}

/// What follows `word` (in any case) at the start of `text` and the
/// whitespace that must come after it.
#[inline]
pub(crate) fn after_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let head = text.as_bytes().get(..word.len())?;
    if !head.eq_ignore_ascii_case(word.as_bytes()) {
        return None;
    }
    let after = text.get(word.len()..)?;
    let spaced = after.trim_start();
    (spaced.len() < after.len()).then_some(spaced)
}
