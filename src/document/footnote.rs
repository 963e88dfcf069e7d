//! Footnotes: a note of the form layer (see [`crate::form::Block::Note`])
//! read as a footnote, the lines that continue it, and the references
//! every marker makes from the site it stands in.

use super::cell::{ends_with_marker, join};
use super::{clean_at, table, Draft, Line};
use crate::model::{Footnote, FootnoteRef, RefPart, RefSite};
use crate::text::{Clean, Marker};

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
