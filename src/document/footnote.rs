//! Footnotes as the readers find them: a definition line (`<sup>3</sup>
//! Text`, `³ Text`, `[^3]: Text`), its continuation lines, and the
//! references every marker makes from the site it stands in.

use super::cell::{ends_with_marker, join};
use super::{clean_at, table, Draft, Line};
use crate::model::{Footnote, FootnoteRef, RefPart, RefSite};
use crate::text::{Clean, Marker};

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

/// The reference a marker in `part` of `site` makes; `offset` is its
/// place in that part's text, when the model keeps one.
pub(crate) fn marker_ref(
    marker: &Marker,
    site: RefSite,
    part: Option<RefPart>,
    offset: Option<usize>,
) -> FootnoteRef {
    FootnoteRef {
        number: marker.number,
        site,
        part,
        span: marker.span,
        offset,
    }
}

/// The reference a marker in the running text of `site` makes, at its place
/// there.
pub(crate) fn text_marker_ref(marker: &Marker, site: RefSite) -> FootnoteRef {
    marker_ref(marker, site, Some(RefPart::Text), Some(marker.at))
}

impl Draft {
    /// Records footnote `number`, whose text `body` lies on `line`.
    pub fn footnote(&mut self, number: u32, body: &str, line: &Line<'_>) {
        let clean = line.clean(body);
        let site = RefSite::Footnote(number);
        self.footnote_glued = ends_with_marker(&clean.text, &clean.markers);
        (self.refs).extend(clean.markers.iter().map(|m| text_marker_ref(m, site)));
        self.footnotes.push(Footnote {
            number,
            text: clean.text,
            span: line.span,
        });
    }

    /// When the last line was a footnote and `line` is not a table row,
    /// appends `line` to that footnote; false when it does not apply.
    pub fn continue_footnote(&mut self, line: &Line<'_>) -> bool {
        if line.is_row() || table::is_action_row(line) {
            return false;
        }
        let Some(footnote) = self.footnotes.last_mut() else {
            return false;
        };
        let site = RefSite::Footnote(footnote.number);
        let before = footnote.text.len();
        let markers: Vec<Marker> = join(
            &mut footnote.text,
            clean_at(line.text, line.span.start),
            self.footnote_glued,
        )
        .collect();
        footnote.span = footnote.span.cover(line.span);
        // A marker stands at or before the end, which only grows: one
        // placed before this line still ends the text only if it did not.
        self.footnote_glued = ends_with_marker(&footnote.text, &markers)
            || (self.footnote_glued && footnote.text.len() == before);
        (self.refs).extend(markers.iter().map(|m| text_marker_ref(m, site)));
        true
    }

    /// Records the markers of `clean`, the text of `part` of `site`, which
    /// keeps no place for them, and returns its text.
    pub fn refs_in(&mut self, clean: Clean, site: RefSite, part: Option<RefPart>) -> String {
        self.refs_of(&clean.markers, site, part);
        clean.text
    }

    /// Records `markers`, in `part` of `site`, which keeps no place for them.
    pub fn refs_of(&mut self, markers: &[Marker], site: RefSite, part: Option<RefPart>) {
        (self.refs).extend(markers.iter().map(|m| marker_ref(m, site, part, None)));
    }
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
}
