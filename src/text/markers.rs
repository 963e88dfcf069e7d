//! Footnote markers as texts print them: `<sup>3</sup>`, Markdown's
//! `[^3]`, and runs of Unicode superscript digits (`³`, `¹⁰`).

use super::bytes::leading_number;
use crate::span::Span;

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
